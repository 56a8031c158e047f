/* SPDX-License-Identifier: EUPL-1.2 */
/* text.h — UTF-8 text made safe and measured for a terminal.
 *
 * One sanitiser serves the CLI and the TUI: text people typed may hold
 * escape sequences, carriage returns, bidirectional overrides or broken
 * UTF-8, none of which may reach a terminal raw.  Widths are display
 * columns (wcwidth), never bytes.  These functions decode UTF-8 by
 * themselves, so they work the same whatever LC_CTYPE is. */
#ifndef SALKKU_TEXT_H
#define SALKKU_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum text_flags {
	TEXT_KEEP_NEWLINES = 1 << 0,  /* keep '\n' (multi-line notes); else "^J" */
	TEXT_KEEP_TABS     = 1 << 1,  /* keep '\t'; else "^I" */
};

/* True for a code point that acts on a terminal, or reorders, hides or
 * breaks the text around it: C0 controls, DEL, C1 controls, the bidi
 * controls and marks (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
 * U+061C), zero-width and invisible format characters (U+200B,
 * U+2060–U+2064, U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB) and the line
 * and paragraph separators U+2028/U+2029.  All are below U+10000. */
bool text_is_control(unsigned cp);

/* A newly allocated copy of s in which every character that would act on
 * a terminal instead of showing is made visible:
 *   C0 controls and DEL  -> caret notation: ESC "^[", CR "^M", BS "^H"
 *   the other text_is_control() characters -> "<U+202E>"
 *   bytes that are not UTF-8 -> U+FFFD
 * Returns NULL only when out of memory.  The caller frees. */
char *text_sanitize(const char *s, unsigned flags);

/* True when text_sanitize(s, flags) would return s unchanged. */
bool text_is_safe(const char *s, unsigned flags);

/* Display width of s in terminal columns.  s should be sanitised; an
 * unprintable character counts as one column. */
int text_width(const char *s);

/* A newly allocated copy of s cut to at most width columns, ending in
 * "…" when anything was cut.  A wide character that does not fit whole
 * is left out, and so is a placeholder of text_sanitize() ("^[",
 * "<U+009B>").  The caller frees; NULL when out of memory. */
char *text_clip(const char *s, int width);

/* Writes s into buf (size bytes) clipped to width columns and padded with
 * spaces to exactly width columns, on the left when right_align.
 * Returns buf.  Used by aligned table output. */
char *text_pad(char *buf, size_t size, const char *s, int width,
	       bool right_align);

/* Decodes one UTF-8 character at s (n bytes available) into *cp.
 * Returns the bytes used (1–4), or -1 for an invalid sequence (one byte
 * should then be skipped and shown as U+FFFD). */
int utf8_decode(const char *s, size_t n, unsigned *cp);

/* True when the len bytes at s are valid UTF-8 (no overlongs, no
 * surrogates, nothing above U+10FFFF). */
bool utf8_valid(const char *s, size_t len);

/* Decodes UTF-8 s into at most max - 1 wide characters and a 0, invalid
 * bytes as U+FFFD, whatever LC_CTYPE is (mbstowcs would follow it).
 * Returns the characters written. */
size_t utf8_to_wide(const char *s, wchar_t *out, size_t max);

/* For a terminal that cannot show cp (a locale without it, or the Linux
 * console, whose fonts lack ◔ ◑ ▓ and friends): the one ASCII character
 * that stands in for it in the same single column, or 0 when cp is not
 * one of the symbols salkku draws or common punctuation. */
unsigned text_ascii_fallback(unsigned cp);

/* The same for the symbols salkku draws only (statuses, the timeline's
 * bars and marks), not for punctuation: for a console whose font has
 * letters and quotes but not ◔ ◑ ▓. */
unsigned text_symbol_fallback(unsigned cp);

/* Compares two UTF-8 strings as a Nordic reader sorts them: case folded,
 * Å Ä Ö after Z (Finnish/Swedish), Ü as Y, accented Latin letters with
 * their base letter, digits before letters; ties broken by bytes.  The
 * same order in every locale, so that the storage layer can index by it. */
int text_collate(const char *a, size_t alen, const char *b, size_t blen);

/* The key whose byte order (memcmp, SQLite's BINARY) is text_collate's
 * order: per character its weight in hex (two digits below 0x80, else
 * '8' and six), a space, then the text itself.  What the sort-key
 * columns of the database hold; the schema computes the same key in
 * SQL for rows other programs write (db/schema.c), and a test keeps the
 * two equal.  Newly allocated, NULL when out of memory. */
char *text_sort_key(const char *s, size_t len);

/* Simple case folding of the alphabets a Nordic portfolio meets (ASCII,
 * Latin-1, Latin Extended-A, Greek and Cyrillic capitals); full Unicode
 * folding would need tables this layer does not carry. */
unsigned text_fold_char(unsigned cp);

/* s with every character folded by text_fold_char(): two texts are the
 * same name or code when their fold keys are equal.  Bytes that are not
 * UTF-8 are kept.  Newly allocated, NULL when out of memory. */
char *text_fold_key(const char *s, size_t len);

#endif
