/* SPDX-License-Identifier: EUPL-1.2 */
/* input.c — UTF-8 line editing by character. */
#include "config.h"

#include "input.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "src/base/text.h"
#include "draw.h"
#include "keymap.h"

static int
reserve(struct input *in, size_t n)
{
	if (n + 1 <= in->cap)
		return 0;
	size_t cap = in->cap ? in->cap : 32;
	while (cap < n + 1)
		cap *= 2;
	wchar_t *buf = realloc(in->buf, cap * sizeof *buf);
	if (!buf)
		return -1;
	in->buf = buf;
	in->cap = cap;
	return 0;
}

int
input_set(struct input *in, const char *text)
{
	const char *s = text ? text : "";
	size_t n = strlen(s), i = 0;

	if (reserve(in, n) < 0)
		return -1;
	in->len = 0;
	/* Decoded by hand: invalid bytes become U+FFFD whatever the locale. */
	while (i < n) {
		unsigned cp;
		int used = utf8_decode(s + i, n - i, &cp);

		if (used < 0) {
			cp = 0xfffd;
			used = 1;
		}
		in->buf[in->len++] = (wchar_t)cp;
		i += (size_t)used;
	}
	in->buf[in->len] = L'\0';
	in->cur = in->len;
	in->first = 0;
	return 0;
}

char *
input_text(const struct input *in)
{
	size_t n = 0;
	char *out, *p;

	for (size_t i = 0; i < in->len; i++) {
		unsigned c = (unsigned)in->buf[i];
		n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
	}
	out = p = malloc(n + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < in->len; i++) {
		unsigned c = (unsigned)in->buf[i];

		if (c < 0x80) {
			*p++ = (char)c;
		} else if (c < 0x800) {
			*p++ = (char)(0xc0 | c >> 6);
			*p++ = (char)(0x80 | (c & 0x3f));
		} else if (c < 0x10000) {
			*p++ = (char)(0xe0 | c >> 12);
			*p++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*p++ = (char)(0x80 | (c & 0x3f));
		} else {
			*p++ = (char)(0xf0 | c >> 18);
			*p++ = (char)(0x80 | ((c >> 12) & 0x3f));
			*p++ = (char)(0x80 | ((c >> 6) & 0x3f));
			*p++ = (char)(0x80 | (c & 0x3f));
		}
	}
	*p = '\0';
	return out;
}

void
input_free(struct input *in)
{
	free(in->buf);
	memset(in, 0, sizeof *in);
}

/* One character as UTF-8, for the sanitiser. */
static void
to_utf8(wchar_t wc, char out[8])
{
	struct input one = { .buf = (wchar_t[2]){ wc, 0 }, .len = 1 };
	char *s = input_text(&one);

	snprintf(out, 8, "%s", s ? s : "?");
	free(s);
}

/* Whether a typed character may go into the text: printable, and not one
 * that reorders or hides text. */
static bool
insertable(int key)
{
	char u[8];

	if (KEY_IS_FUNC(key) || key < 0x20 || key == 0x7f || !iswprint((wint_t)key))
		return false;
	to_utf8((wchar_t)key, u);
	return text_is_safe(u, 0);
}

static bool
is_word(wchar_t c)
{
	return iswalnum((wint_t)c) || c == L'_' || c == L'-';
}

bool
input_key(struct input *in, int key)
{
	size_t i;

	switch (key) {
	case KEY_FUNC + KEY_LEFT:
	case KEY_CTRL('b'):
		if (in->cur)
			in->cur--;
		return true;
	case KEY_FUNC + KEY_RIGHT:
	case KEY_CTRL('f'):
		if (in->cur < in->len)
			in->cur++;
		return true;
	case KEY_FUNC + KEY_HOME:
	case KEY_CTRL('a'):
		in->cur = 0;
		return true;
	case KEY_FUNC + KEY_END:
	case KEY_CTRL('e'):
		in->cur = in->len;
		return true;
	case KEY_FUNC + KEY_BACKSPACE:
		if (!in->cur)
			return true;
		in->cur--;
		/* fall through */
	case KEY_FUNC + KEY_DC:
	case KEY_CTRL('d'):
		if (in->cur < in->len) {
			memmove(in->buf + in->cur, in->buf + in->cur + 1,
				(in->len - in->cur) * sizeof *in->buf);
			in->len--;
		}
		return true;
	case KEY_CTRL('k'):
		in->len = in->cur;
		in->buf[in->len] = L'\0';
		return true;
	case KEY_CTRL('u'):
		memmove(in->buf, in->buf + in->cur,
			(in->len - in->cur + 1) * sizeof *in->buf);
		in->len -= in->cur;
		in->cur = 0;
		return true;
	case KEY_CTRL('w'):
		i = in->cur;
		while (i && !is_word(in->buf[i - 1]))
			i--;
		while (i && is_word(in->buf[i - 1]))
			i--;
		memmove(in->buf + i, in->buf + in->cur,
			(in->len - in->cur + 1) * sizeof *in->buf);
		in->len -= in->cur - i;
		in->cur = i;
		return true;
	}
	if (!insertable(key))
		return false;
	if (reserve(in, in->len + 1) < 0)
		return true;
	memmove(in->buf + in->cur + 1, in->buf + in->cur,
		(in->len - in->cur + 1) * sizeof *in->buf);
	in->buf[in->cur++] = (wchar_t)key;
	in->len++;
	return true;
}

/* Cells a character takes as drawn: escaped ones by their escape. */
static int
cells(wchar_t wc, char shown[16])
{
	char u[8], *safe;
	int w;

	to_utf8(wc, u);
	if (text_is_safe(u, 0)) {
		snprintf(shown, 16, "%s", u);
		w = wcwidth(wc);
		return w < 0 ? 1 : w;
	}
	safe = text_sanitize(u, 0);
	snprintf(shown, 16, "%s", safe ? safe : "?");
	free(safe);
	return text_width(shown);
}

void
input_draw(struct input *in, WINDOW *w, int y, int x, int width,
	   attr_t attr, int *cursor_x)
{
	char shown[16];
	int used = 0;

	if (width < 2)
		width = 2;
	/* Scroll so that the cursor shows, with a cell to spare at the end. */
	if (in->cur < in->first)
		in->first = in->cur;
	for (;;) {
		int before = 0;

		for (size_t i = in->first; i < in->cur; i++)
			before += cells(in->buf[i], shown);
		if (before < width - 1 || in->first >= in->cur)
			break;
		in->first++;
	}
	wmove(w, y, x);
	*cursor_x = x;
	for (size_t i = in->first; i <= in->len; i++) {
		int cw;

		if (i == in->cur)
			*cursor_x = x + used;
		if (i == in->len)
			break;
		cw = cells(in->buf[i], shown);
		if (used + cw > width)
			break;
		draw_text(w, shown, cw, attr, 0);
		used += cw;
	}
	if (used < width)
		draw_spaces(w, width - used, attr);
}
