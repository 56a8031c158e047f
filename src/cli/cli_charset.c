/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_charset.c — the command line's text is UTF-8 (stored text, and
 * translations bound to UTF-8); a terminal whose locale has another
 * character set (fi_FI.ISO-8859-1, C) gets it converted, with a
 * one-column ASCII stand-in for what the set lacks.  Files and pipes get
 * UTF-8 unchanged: exports are data. */
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <stdbool.h>
#include <iconv.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/base/text.h"

struct converter {
	int fd;
	iconv_t cd;            /* UTF-8 to the terminal's set */
	iconv_t translit;      /* the same, with look-alikes (ä as a) */
	char pending[4];       /* a character cut between two writes */
	size_t npending;
};

static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* True when the n bytes at s begin a UTF-8 sequence that needs more. */
static bool
cut_short(const char *s, size_t n)
{
	unsigned char lead = (unsigned char)s[0];
	size_t need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;

	if (!need || n >= need || lead > 0xf4)
		return false;
	for (size_t k = 1; k < n; k++)
		if (((unsigned char)s[k] & 0xc0) != 0x80)
			return false;
	return true;
}

/* One character (n bytes of UTF-8 at s) in the terminal's set, into out
 * (at least 16 bytes); returns the bytes written. */
static size_t
convert_char(struct converter *c, const char *s, int n, unsigned cp, char *out)
{
	char *in = (char *)s, *o = out;
	size_t inleft = (size_t)n, outleft = 16;
	unsigned stand_in;

	if (n > 0 && cp < 0x80) {
		*out = (char)cp;
		return 1;
	}
	if (n <= 0) {
		*out = '?';
		return 1;
	}
	iconv(c->cd, NULL, NULL, NULL, NULL);
	if (iconv(c->cd, &in, &inleft, &o, &outleft) != (size_t)-1)
		return 16 - outleft;
	if ((stand_in = text_ascii_fallback(cp))) {
		*out = (char)stand_in;
		return 1;
	}
	/* A look-alike only when it keeps the one column ("ä" as "a", not
	 * "€" as "EUR"), so that tables stay aligned. */
	in = (char *)s;
	inleft = (size_t)n;
	o = out;
	outleft = 16;
	iconv(c->translit, NULL, NULL, NULL, NULL);
	if (c->translit != (iconv_t)-1 &&
	    iconv(c->translit, &in, &inleft, &o, &outleft) != (size_t)-1 &&
	    outleft == 15 && *out != '?')
		return 1;
	*out = '?';
	return 1;
}

static ssize_t
converter_write(void *cookie, const char *buf, size_t size)
{
	struct converter *c = cookie;
	char in[4096 + 4], out[16 * 1024 + 16];
	size_t len, i, o, taken = 0;

	while (taken < size) {
		/* What is pending, then as much of buf as fits. */
		size_t room = sizeof in - c->npending, chunk = size - taken;

		if (chunk > room)
			chunk = room;
		memcpy(in, c->pending, c->npending);
		memcpy(in + c->npending, buf + taken, chunk);
		len = c->npending + chunk;
		c->npending = 0;
		taken += chunk;
		for (i = 0, o = 0; i < len;) {
			unsigned cp = 0;
			int n = utf8_decode(in + i, len - i, &cp);

			/* A sequence cut at the end waits for the next write. */
			if (n < 0 && cut_short(in + i, len - i)) {
				memcpy(c->pending, in + i, len - i);
				c->npending = len - i;
				break;
			}
			o += convert_char(c, in + i, n, cp, out + o);
			i += n > 0 ? (size_t)n : 1;
			if (o > sizeof out - 16) {
				if (write_all(c->fd, out, o) < 0)
					return -1;
				o = 0;
			}
		}
		if (o && write_all(c->fd, out, o) < 0)
			return -1;
	}
	return (ssize_t)size;
}

static int
converter_close(void *cookie)
{
	struct converter *c = cookie;
	int rc = 0;

	if (c->npending)
		rc = write_all(c->fd, "?", 1);
	iconv_close(c->cd);
	if (c->translit != (iconv_t)-1)
		iconv_close(c->translit);
	free(c);
	return rc;
}

/* stream (stdout or stderr) replaced by a converting one, when it is a
 * terminal.  The old FILE stays open underneath: only its descriptor is
 * written, after it has been flushed. */
static FILE *
converting(FILE *stream, const char *codeset)
{
	cookie_io_functions_t io = { .write = converter_write,
				     .close = converter_close };
	struct converter *c;
	char translit[64];
	FILE *f;

	if (!isatty(fileno(stream)) || !(c = calloc(1, sizeof *c)))
		return stream;
	c->fd = fileno(stream);
	c->cd = iconv_open(codeset, "UTF-8");
	if (c->cd == (iconv_t)-1) {
		free(c);
		return stream;
	}
	snprintf(translit, sizeof translit, "%s//TRANSLIT", codeset);
	c->translit = iconv_open(translit, "UTF-8");
	if (!(f = fopencookie(c, "w", io))) {
		converter_close(c);
		return stream;
	}
	fflush(stream);
	setvbuf(f, NULL, stream == stderr ? _IONBF : _IOLBF, 0);
	return f;
}

void
cli_charset_setup(struct cli *c)
{
	const char *codeset = nl_langinfo(CODESET);

	if (c->charset_ready)
		return;
	c->charset_ready = true;
	if (!strcmp(codeset, "UTF-8"))
		return;
	stdout = converting(stdout, codeset);
	stderr = converting(stderr, codeset);
}
