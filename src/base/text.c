/* SPDX-License-Identifier: EUPL-1.2 */
/* text.c — sanitising, measuring, clipping and collating UTF-8 text.
 *
 * UTF-8 is decoded here rather than with mbrtowc() so that what counts as
 * valid (and so what reaches a terminal) does not depend on LC_CTYPE.
 * Only the width of a character comes from the C library (wcwidth). */
#include "config.h"

#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define REPLACEMENT_UTF8 "\xef\xbf\xbd"  /* U+FFFD */
#define ELLIPSIS_UTF8    "\xe2\x80\xa6"  /* U+2026, one column */

int
utf8_decode(const char *s, size_t n, unsigned *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c, min;
	size_t len;

	if (!s || n == 0)
		return -1;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return -1;  /* continuation byte, 0xc0/0xc1 or 0xf5.. */
	}
	if (n < len)
		return -1;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return (int)len;
}

bool
utf8_valid(const char *s, size_t len)
{
	size_t i = 0;
	unsigned cp;

	if (!s)
		return len == 0;
	while (i < len) {
		int n;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n < 0)
			return false;
		i += (size_t)n;
	}
	return true;
}

/* Characters that reorder or hide text: the bidi embeddings, overrides
 * and isolates, and the directional marks. */
static bool
is_bidi_control(unsigned cp)
{
	return (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

/* Characters that show nothing, or break a line where a terminal does
 * not: zero-width space, word joiner and the invisible operators, the
 * deprecated format characters, the byte order mark, the interlinear
 * annotation marks, and the line and paragraph separators.  The joiners
 * U+200C/U+200D stay: emoji and several scripts need them. */
static bool
is_invisible(unsigned cp)
{
	return cp == 0x200b || (cp >= 0x2060 && cp <= 0x2064) ||
	       (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff ||
	       (cp >= 0xfff9 && cp <= 0xfffb) || cp == 0x2028 || cp == 0x2029;
}

bool
text_is_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       is_bidi_control(cp) || is_invisible(cp);
}

/* How one decoded character (or invalid byte, n < 0) is shown.  Writes
 * the replacement into rep (at least 12 bytes) and returns its length,
 * or 0 when the character stays as it is. */
static size_t
replacement(int n, unsigned cp, unsigned flags, char rep[12])
{
	static const char hex[] = "0123456789ABCDEF";

	if (n < 0) {
		memcpy(rep, REPLACEMENT_UTF8, 3);
		return 3;
	}
	if (cp < 0x20 || cp == 0x7f) {
		if ((cp == '\n' && (flags & TEXT_KEEP_NEWLINES)) ||
		    (cp == '\t' && (flags & TEXT_KEEP_TABS)))
			return 0;
		rep[0] = '^';
		rep[1] = (char)(cp == 0x7f ? '?' : cp + 0x40);
		return 2;
	}
	if (text_is_control(cp)) {
		/* "<U+202E>": every such code point has four hex digits. */
		rep[0] = '<';
		rep[1] = 'U';
		rep[2] = '+';
		rep[3] = hex[(cp >> 12) & 0xf];
		rep[4] = hex[(cp >> 8) & 0xf];
		rep[5] = hex[(cp >> 4) & 0xf];
		rep[6] = hex[cp & 0xf];
		rep[7] = '>';
		return 8;
	}
	return 0;
}

/* Decodes the character at s[i] (len bytes in all): returns the bytes
 * it takes, sets *cp and sets *n to utf8_decode()'s answer: -1 for an
 * invalid byte, which takes one byte and reads as U+FFFD. */
static size_t
next_char(const char *s, size_t i, size_t len, unsigned *cp, int *n)
{
	unsigned char c = (unsigned char)s[i];

	if (c < 0x80) {
		*cp = c;
		*n = 1;
		return 1;
	}
	*n = utf8_decode(s + i, len - i, cp);
	if (*n < 0) {
		*cp = 0xfffd;
		return 1;
	}
	return (size_t)*n;
}

/* A printable ASCII character: most of any text, shown as it is, one
 * column wide in every locale.  The loops below take it without
 * decoding it: a frame draws thousands of them. */
static bool
printable_ascii(char c)
{
	return (unsigned char)c >= 0x20 && (unsigned char)c < 0x7f;
}

char *
text_sanitize(const char *s, unsigned flags)
{
	size_t len, out = 0, i;
	char rep[12], *buf;

	if (!s)
		s = "";
	len = strlen(s);
	/* The worst growth is an invalid byte or a C1 control in two bytes
	 * becoming "<U+0080>": at most four times the input. */
	buf = malloc(len * 4 + 1);
	if (!buf)
		return NULL;
	for (i = 0; i < len;) {
		unsigned cp;
		int n;
		size_t used, r;

		if (printable_ascii(s[i])) {
			buf[out++] = s[i++];
			continue;
		}
		used = next_char(s, i, len, &cp, &n);
		r = replacement(n, cp, flags, rep);

		if (r) {
			memcpy(buf + out, rep, r);
			out += r;
		} else {
			memcpy(buf + out, s + i, used);
			out += used;
		}
		i += used;
	}
	buf[out] = '\0';
	return buf;
}

bool
text_is_safe(const char *s, unsigned flags)
{
	size_t len, i;
	char rep[12];

	if (!s)
		return true;
	len = strlen(s);
	for (i = 0; i < len;) {
		unsigned cp;
		int n;
		size_t used = next_char(s, i, len, &cp, &n);

		if (replacement(n, cp, flags, rep))
			return false;
		i += used;
	}
	return true;
}

static int
char_width(unsigned cp)
{
	int w = wcwidth((wchar_t)cp);

	return w < 0 ? 1 : w;
}

int
text_width(const char *s)
{
	size_t len, i;
	int width = 0;

	if (!s)
		return 0;
	len = strlen(s);
	for (i = 0; i < len;) {
		unsigned cp;
		int n;

		if (printable_ascii(s[i])) {
			i++;
			width++;
			continue;
		}
		i += next_char(s, i, len, &cp, &n);
		width += char_width(cp);
	}
	return width;
}

size_t
utf8_to_wide(const char *s, wchar_t *out, size_t max)
{
	size_t len = strlen(s), i = 0, n = 0;

	if (!max)
		return 0;
	while (i < len && n + 1 < max) {
		unsigned cp;
		int used;

		i += next_char(s, i, len, &cp, &used);
		out[n++] = (wchar_t)cp;
	}
	out[n] = 0;
	return n;
}

/* One ASCII character for each symbol salkku draws and for common
 * punctuation, in the same single column. */
static const struct {
	unsigned cp;
	char ascii;
	bool symbol;      /* drawn by salkku (not punctuation of text) */
} fallbacks[] = {
	/* The status symbols (src/base/entity.c), kept apart. */
	{ 0x00b7, '.', true }, { 0x25d4, ':', true }, { 0x25cb, 'o', true },
	{ 0x25d1, '+', true }, { 0x2717, 'x', true }, { 0x25cf, '*', true },
	{ 0x25d0, '%', true }, { 0x25a0, '#', true },
	/* The timeline's fills and marks; the done mark. */
	{ 0x2591, '.', true }, { 0x2592, ':', true }, { 0x2593, '=', true },
	{ 0x2588, '#', true }, { 0x2500, '-', true }, { 0x254c, '~', true },
	{ 0x2502, '|', true }, { 0x25bc, 'v', true }, { 0x25b2, '^', true },
	{ 0x2713, '+', true },
	/* A repeating deadline's mark. */
	{ 0x21bb, '@', true },
	/* Punctuation of messages and clipped text. */
	{ 0x2026, '~', false }, { 0x2192, '>', false }, { 0x2014, '-', false },
	{ 0x2013, '-', false }, { 0x201c, '"', false }, { 0x201d, '"', false },
	{ 0x201e, '"', false }, { 0x2018, '\'', false }, { 0x2019, '\'', false },
	{ 0x00a0, ' ', false }, { 0x202f, ' ', false }, { 0x2009, ' ', false },
	{ 0x20ac, 'E', false }, { 0xfffd, '?', false },
};

static unsigned
fallback(unsigned cp, bool symbols_only)
{
	for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++)
		if (fallbacks[i].cp == cp)
			return !symbols_only || fallbacks[i].symbol
			       ? (unsigned char)fallbacks[i].ascii : 0;
	return 0;
}

unsigned
text_ascii_fallback(unsigned cp)
{
	return fallback(cp, false);
}

unsigned
text_symbol_fallback(unsigned cp)
{
	return fallback(cp, true);
}

static bool
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* The length of a placeholder text_sanitize() writes ("^[", "^?",
 * "<U+009B>") at s[i], or 0: clipping keeps such a thing whole or
 * leaves it out, never half of it.  All of it is ASCII, one column a
 * byte. */
static size_t
placeholder(const char *s, size_t i, size_t len)
{
	const char *p = s + i;

	if (p[0] == '^' && i + 1 < len &&
	    ((p[1] >= '@' && p[1] <= '_') || p[1] == '?'))
		return 2;
	if (p[0] == '<' && i + 8 <= len && p[1] == 'U' && p[2] == '+' &&
	    is_hex(p[3]) && is_hex(p[4]) && is_hex(p[5]) && is_hex(p[6]) &&
	    p[7] == '>')
		return 8;
	return 0;
}

/* How much of s fits in width columns: sets *bytes and *cols for the
 * prefix to keep and returns true when that is all of s; otherwise the
 * prefix leaves one column for the ellipsis. */
static bool
fit(const char *s, int width, size_t *bytes, int *cols)
{
	size_t len = strlen(s), i, cut = 0;
	int col = 0, cutcol = 0;
	bool cut_known = false;

	if (width < 0)
		width = 0;
	for (i = 0; i < len;) {
		unsigned cp;
		int n;
		size_t used = placeholder(s, i, len);
		int w = (int)used;

		if (!used) {
			used = next_char(s, i, len, &cp, &n);
			w = char_width(cp);
		}

		if (!cut_known && col + w > width - 1) {
			/* Where to cut if the rest turns out not to fit. */
			cut = i;
			cutcol = col;
			cut_known = true;
		}
		if (col + w > width) {
			*bytes = width > 0 ? cut : 0;
			*cols = width > 0 ? cutcol : 0;
			return false;
		}
		col += w;
		i += used;
	}
	*bytes = len;
	*cols = col;
	return true;
}

char *
text_clip(const char *s, int width)
{
	size_t keep;
	int cols;
	char *buf;

	if (!s)
		s = "";
	if (fit(s, width, &keep, &cols))
		return strdup(s);
	buf = malloc(keep + sizeof ELLIPSIS_UTF8);
	if (!buf)
		return NULL;
	memcpy(buf, s, keep);
	if (width > 0)
		memcpy(buf + keep, ELLIPSIS_UTF8, sizeof ELLIPSIS_UTF8);
	else
		buf[keep] = '\0';
	return buf;
}

/* Appends n bytes at *pos when they fit before the terminating NUL;
 * a piece that does not fit whole is left out, so that a too-small
 * buffer still holds valid UTF-8. */
static bool
put(char *buf, size_t size, size_t *pos, const char *p, size_t n)
{
	if (*pos + n >= size)
		return false;
	memcpy(buf + *pos, p, n);
	*pos += n;
	return true;
}

static void
put_spaces(char *buf, size_t size, size_t *pos, int n)
{
	while (n-- > 0 && put(buf, size, pos, " ", 1))
		;
}

/* Copies the first n bytes of s character by character, stopping at the
 * first that does not fit. */
static void
put_text(char *buf, size_t size, size_t *pos, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		unsigned cp;
		int len;
		size_t used = next_char(s, i, n, &cp, &len);

		if (!put(buf, size, pos, s + i, used))
			return;
		i += used;
	}
}

char *
text_pad(char *buf, size_t size, const char *s, int width, bool right_align)
{
	size_t keep, pos = 0;
	int cols, pad;
	bool whole;

	if (!buf || size == 0)
		return buf;
	if (!s)
		s = "";
	if (width < 0)
		width = 0;
	whole = fit(s, width, &keep, &cols);
	pad = width - cols - (whole || width == 0 ? 0 : 1);
	if (right_align)
		put_spaces(buf, size, &pos, pad);
	put_text(buf, size, &pos, s, keep);
	if (!whole && width > 0)
		put(buf, size, &pos, ELLIPSIS_UTF8, sizeof ELLIPSIS_UTF8 - 1);
	if (!right_align)
		put_spaces(buf, size, &pos, pad);
	buf[pos] = '\0';
	return buf;
}

/* Collation weights.  Letters fold to lower-case ASCII 'a'..'z', then
 * å ä ö take the three weights after 'z'.  Code points below 'a' keep
 * their value (space, punctuation, digits: all before letters); every
 * other code point is shifted above the letters, keeping its order; an
 * invalid byte sorts after every code point. */
enum {
	W_ARING = 'z' + 1,
	W_AUML  = 'z' + 2,
	W_OUML  = 'z' + 3,
	W_SHIFT = 0x100,
	W_BAD   = 0x110000 + W_SHIFT,
};
_Static_assert(W_ARING == '{' && W_AUML == '|' && W_OUML == '}',
	       "the base-letter tables spell å ä ö as their weights");

/* Latin-1 U+00C0–U+00FF and Latin Extended-A U+0100–U+017F: the base
 * letter, '{' '|' '}' for å ä ö (their weights), ' ' for no letter. */
static const char latin1_base[64 + 1] =
	"aaaa|{|ceeeeiiii" "dnoooo} }uuuyy s"
	"aaaa|{|ceeeeiiii" "dnoooo} }uuuyy y";
static const char latin_ext_a_base[128 + 1] =
	"aaaaaaccccccccdd" "ddeeeeeeeeeegggg"
	"gggghhhhiiiiiiii" "iiiijjkkklllllll"
	"lllnnnnnnnnnoooo" "}}oorrrrrrssssss"
	"ssttttttuuuuuuuu" "yyuuwwyyyzzzzzzs";

static uint32_t
collate_weight(unsigned cp)
{
	char base = ' ';

	if (cp >= 'A' && cp <= 'Z')
		return cp - 'A' + 'a';
	if (cp < 'a')
		return cp;
	if (cp <= 'z')
		return cp;
	if (cp >= 0xc0 && cp <= 0xff)
		base = latin1_base[cp - 0xc0];
	else if (cp >= 0x100 && cp <= 0x17f)
		base = latin_ext_a_base[cp - 0x100];
	if (base != ' ')
		return (uint32_t)(unsigned char)base;
	return cp + W_SHIFT;
}

/* The weight of the character at s[*i], advancing *i. */
static uint32_t
next_weight(const char *s, size_t len, size_t *i)
{
	unsigned char c = (unsigned char)s[*i];
	unsigned cp;
	int n;

	if (c < 0x80) {
		(*i)++;
		return collate_weight(c);
	}
	n = utf8_decode(s + *i, len - *i, &cp);
	if (n < 0) {
		(*i)++;
		return W_BAD + c;
	}
	*i += (size_t)n;
	return collate_weight(cp);
}

int
text_collate(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	int c;

	if (!a)
		alen = 0;
	if (!b)
		blen = 0;
	while (i < alen && j < blen) {
		uint32_t wa = next_weight(a, alen, &i);
		uint32_t wb = next_weight(b, blen, &j);

		if (wa != wb)
			return wa < wb ? -1 : 1;
	}
	if (i < alen)
		return 1;
	if (j < blen)
		return -1;
	/* Equal for a reader: order by bytes, so that the order is total. */
	c = alen && blen ? memcmp(a, b, alen < blen ? alen : blen) : 0;
	if (c)
		return c < 0 ? -1 : 1;
	return alen < blen ? -1 : alen > blen;
}

/* The UTF-8 bytes of cp into out (room for 4); their count. */
static size_t
utf8_put(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

unsigned
text_fold_char(unsigned c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) ||
	    (c >= 0x14A && c <= 0x177))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c & 1) ? c + 1 : c;
	if (c == 0x178)
		return 0xFF;
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
		return c + 32;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	return c;
}

char *
text_fold_key(const char *s, size_t len)
{
	char *key = malloc(len * 2 + 1), *o = key;
	size_t i = 0;

	if (!key)
		return NULL;
	while (i < len) {
		unsigned cp;
		int n = utf8_decode(s + i, len - i, &cp);

		if (n < 1) {
			/* Not UTF-8: the byte as it is. */
			*o++ = s[i++];
			continue;
		}
		/* A folded letter never takes more than twice the bytes. */
		o += utf8_put(text_fold_char(cp), o);
		i += (size_t)n;
	}
	*o = '\0';
	return key;
}

char *
text_sort_key(const char *s, size_t len)
{
	/* Seven characters a weight at most, the space and the text. */
	char *key = malloc(len * 8 + 2), *o = key;
	size_t i = 0;

	if (!key)
		return NULL;
	if (!s)
		len = 0;
	while (i < len) {
		uint32_t w = next_weight(s, len, &i);

		/* Weights below 0x80 in two hex digits ('0'..'7' first), the
		 * others as '8' and six: no code is the start of another,
		 * and their byte order is the weights' order. */
		if (w < 0x80)
			o += sprintf(o, "%02X", (unsigned)w);
		else
			o += sprintf(o, "8%06X", (unsigned)w);
	}
	/* The space sorts before every code: a string that is the start of
	 * another sorts first; equal weights go by the bytes, as in
	 * text_collate. */
	*o++ = ' ';
	if (len)
		memcpy(o, s, len);
	o[len] = '\0';
	return key;
}
