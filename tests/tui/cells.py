#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""cells.py < capture: a screen captured with tmux capture-pane -e, one
line per screen line, each cell with the attributes it is shown in.

tmux writes an attribute change where the previous cell differs, so the
same screen can be captured in different words (a reset at the end of
one line or at the start of the next).  This writes it one way: every
line starts from no attributes, a change is written as the set of
attributes in force, and blanks in no attributes at the end of a line
are left out."""

import re
import sys

SGR = re.compile(r"\x1b\[([0-9;:]*)m")
FLAGS = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink",
         7: "reverse", 8: "invisible", 9: "strike"}
OFF = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",),
       25: ("blink",), 27: ("reverse",), 28: ("invisible",), 29: ("strike",)}


def apply(state, params):
    flags, fg, bg = state
    flags = set(flags)
    codes = [int(p) if p else 0 for p in re.split("[;:]", params)] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            flags, fg, bg = set(), None, None
        elif c in FLAGS:
            flags.add(FLAGS[c])
        elif c in OFF:
            flags -= set(OFF[c])
        elif 30 <= c <= 37 or 90 <= c <= 97:
            fg = c
        elif c == 39:
            fg = None
        elif 40 <= c <= 47 or 100 <= c <= 107:
            bg = c
        elif c == 49:
            bg = None
        elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
            if c == 38:
                fg = "5;%d" % codes[i + 2]
            else:
                bg = "5;%d" % codes[i + 2]
            i += 2
        i += 1
    return (frozenset(flags), fg, bg)


def main():
    plain = (frozenset(), None, None)
    state = plain
    for line in sys.stdin.read().split("\n"):
        cells = []
        pos = 0
        for m in SGR.finditer(line):
            cells.extend((ch, state) for ch in line[pos:m.start()])
            state = apply(state, m.group(1))
            pos = m.end()
        cells.extend((ch, state) for ch in line[pos:])
        while cells and cells[-1][0] == " " and cells[-1][1] == plain:
            cells.pop()
        out, shown = [], plain
        for ch, st in cells:
            if st != shown:
                out.append("{%s %s %s}" % (",".join(sorted(st[0])), st[1], st[2]))
                shown = st
            out.append(ch)
        print("".join(out))


if __name__ == "__main__":
    main()
