#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Every screen, dialog and form of the TUI in Finnish, with no English
# word on any of them (tests/tui/walk.sh).
WALK_LANG=fi
. "${top_srcdir:-.}/tests/tui/walk.sh"
