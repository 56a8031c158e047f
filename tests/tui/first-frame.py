#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""What salkku writes after its first frame, before any key.

    first-frame.py SALKKU

salkku (with its environment) on a pseudo-terminal of 100x30; every
byte read until the footer has been drawn and the output has been quiet
for a second.  Fails when the terminal's keypad mode ("\\e[?1h\\e=") is
set after the footer: the frame is not whole until then, and what runs
between them (the first presence write and its fsync) holds it up."""

import fcntl
import os
import pty
import re
import select
import struct
import sys
import termios
import time

LINES, COLS = 30, 100
QUIET = 1.0
ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|[()*+][0-~]|[ -/]*[0-~])")
KEYPAD = b"\x1b[?1h\x1b="
FOOTERS = (b":help", b":ohje")


def main():
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ,
                    struct.pack("HHHH", LINES, COLS, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.execvp(sys.argv[1], sys.argv[1:2])
    out = b""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        seen = any(f in ESCAPES.sub(b"", out) for f in FOOTERS)
        ready, _, _ = select.select([fd], [], [], QUIET if seen else 1.0)
        if not ready:
            if seen:
                break
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
    os.write(fd, b"q")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
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
