#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Every screen, dialog and form of the TUI in Swedish, with no English
# word on any of them (tests/tui/walk.sh).
WALK_LANG=sv
. "${top_srcdir:-.}/tests/tui/walk.sh"
