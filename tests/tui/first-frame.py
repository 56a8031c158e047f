#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""What salkku writes after its first frame, before any key.

    first-frame.py SALKKU

salkku (with its environment) on a pseudo-terminal of 100x30; every
byte read until the footer has been drawn and the output has been quiet
for a second.  Fails when the terminal's keypad mode ("\\e[?1h\\e=") is
set after the footer: the frame is not whole until then, and what runs
between them (the first presence write and its fsync) holds it up."""

import os
import sys

from ptyterm import drain, start

KEYPAD = b"\x1b[?1h\x1b="
FOOTERS = (b":help", b":ohje")


def main():
    pid, fd = start(sys.argv[1:2])
    out = drain(fd, until=FOOTERS, quiet=1.0)
    os.write(fd, b"q")
    drain(fd, timeout=3)
    os.waitpid(pid, 0)
    footer = max(out.rfind(f) for f in FOOTERS)
    if footer < 0:
        sys.exit("FAIL: salkku did not draw its first frame")
    keypad = out.rfind(KEYPAD)
    if keypad < 0:
        sys.exit("FAIL: salkku never set the keypad mode")
    if keypad > footer:
        sys.exit("FAIL: the keypad mode was set after the first frame "
                 "(%d bytes after its footer)" % (keypad - footer))
    print("the keypad mode set %d bytes before the footer" % (footer - keypad))


if __name__ == "__main__":
    main()
