# SPDX-License-Identifier: EUPL-1.2
"""salkku on a pseudo-terminal of 100x30, read byte by byte: shared by
first-frame.py and scroll-bytes.py (imported from their directory)."""

import fcntl
import os
import pty
import re
import select
import struct
import termios
import time

LINES, COLS = 30, 100
# An escape sequence, to find text in what a terminal was sent.
ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|[()*+][0-~]|[ -/]*[0-~])")


def start(argv):
    """Runs argv (salkku with its environment) on a new pseudo-terminal
    of LINES x COLS; returns its pid and the terminal's fd."""
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ,
                    struct.pack("HHHH", LINES, COLS, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    return pid, fd


def drain(fd, until=None, quiet=0.3, timeout=20.0):
    """The bytes written until one of `until` shows (if given) and the
    output has been quiet for `quiet` seconds."""
    out = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = until is None or any(u in ESCAPES.sub(b"", out) for u in until)
        ready, _, _ = select.select([fd], [], [], quiet if seen and out else 1.0)
        if not ready:
            if seen and out:
                break
            continue
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        out += data
    return out
