#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""What a one-line scroll writes to the terminal.

    scroll-bytes.py SALKKU SCREEN BOUND [STRACE-LOG]

salkku (with its environment) on a pseudo-terminal of 100x30, on the
screen of the key SCREEN (1 the projects, 3 the deadlines); j down to
the last row of the page, then j 12 times more, each scrolling the list
by a line.  Fails when one of those writes more than BOUND bytes (a
repaint of the page writes thousands).  With STRACE-LOG, salkku runs
under strace, and every frame must leave in few write() calls (each is
a packet over ssh): at most one per key and a few for the start and the
end.  Prints the bytes of each scroll."""

import os
import sys

from ptyterm import ESCAPES, LINES, drain, start


def main():
    salkku, screen, bound = sys.argv[1], sys.argv[2].encode(), int(sys.argv[3])
    log = sys.argv[4] if len(sys.argv) > 4 else None
    argv = [salkku]
    if log:
        argv = ["strace", "-q", "-e", "trace=write", "-o", log] + argv
    pid, fd = start(argv)
    # The footer, drawn last, in English or in Finnish.
    markers = (b"?:help", b"?:ohje")
    first = drain(fd, until=markers)
    if not any(m in ESCAPES.sub(b"", first) for m in markers):
        sys.exit("salkku did not draw its first frame")
    os.write(fd, screen)
    drain(fd)
    keys = 1
    for _ in range(LINES - 4 - 1):         # down to the last row of the page
        os.write(fd, b"j")
        drain(fd)
        keys += 1
    sizes = []
    for _ in range(12):                    # each scrolls the list by a line
        os.write(fd, b"j")
        sizes.append(len(drain(fd)))
        keys += 1
    os.write(fd, b"q")
    drain(fd, timeout=3)
    os.waitpid(pid, 0)
    print("bytes per one-line scroll:", " ".join(map(str, sizes)))
    failed = False
    if max(sizes) > bound:
        print("FAIL: a one-line scroll wrote %d bytes, more than %d"
              % (max(sizes), bound))
        failed = True
    if log:
        writes = sum(1 for line in open(log) if line.startswith("write(1,"))
        print("write() calls to the terminal: %d for %d keys" % (writes, keys))
        # The start takes a few (ncurses sets the terminal's modes one
        # call at a time), the end a few more.
        if writes > keys + 16:
            print("FAIL: %d write() calls for %d keys: frames leave in pieces"
                  % (writes, keys))
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
