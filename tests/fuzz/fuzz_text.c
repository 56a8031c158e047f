/* SPDX-License-Identifier: EUPL-1.2 */
/* fuzz_text.c — the sanitiser, the clipper and the collation
 * (src/base/text.c).
 *
 * The first byte chooses the flags and the clip width (-2 to 61
 * columns), the rest is the text.  Properties: sanitised text is valid
 * UTF-8 holding no character that acts on a terminal (C0 controls but
 * the kept newline and tab, DEL, C1 controls, bidi controls), is safe,
 * and sanitising it again changes nothing; text_is_safe() says whether
 * sanitising changes the text; clipped text is valid UTF-8, fits the
 * width and keeps the no-controls property; padded text is exactly the
 * width; the collation of the two halves of the input is antisymmetric. */
#include "config.h"

#include "fuzz.h"

#include <locale.h>

#include "src/base/text.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* Widths come from wcwidth(), as under a UTF-8 terminal. */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "");
	return 0;
}

/* True when cp would act on a terminal instead of showing (text.h). */
static bool
acts(unsigned cp, unsigned flags)
{
	if (cp == '\n')
		return !(flags & TEXT_KEEP_NEWLINES);
	if (cp == '\t')
		return !(flags & TEXT_KEEP_TABS);
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x061c ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x200b || cp == 0xfeff;
}

/* Valid UTF-8 and nothing that acts on a terminal. */
static void
check_shown(const char *what, const char *s, unsigned flags)
{
	size_t len = strlen(s);

	if (!utf8_valid(s, len))
		fuzz_fail("%s is valid UTF-8", what);
	for (size_t i = 0; i < len;) {
		unsigned cp;
		int n = utf8_decode(s + i, len - i, &cp);

		if (acts(cp, flags))
			fuzz_fail("%s holds no U+%04X (at byte %zu)", what, cp, i);
		i += (size_t)n;
	}
}

static int
sign(int c)
{
	return (c > 0) - (c < 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned flags = size ? data[0] & 3 : 0;
	int width = size ? (data[0] >> 2) - 2 : 0;
	char *s = fuzz_string(size ? data + 1 : data, size ? size - 1 : 0);
	size_t len = strlen(s), half = len / 2;
	size_t padsize = 4 * len + 64 * 4 + 1;
	char *safe, *again, *clip, *pad = malloc(padsize);

	if (!pad || !(safe = text_sanitize(s, flags)))
		abort();
	check_shown("sanitised text", safe, flags);
	if (text_is_safe(s, flags) != !strcmp(s, safe))
		fuzz_fail("text_is_safe() says whether sanitising changes the text");
	if (!text_is_safe(safe, flags))
		fuzz_fail("sanitised text is safe");
	if (!(again = text_sanitize(safe, flags)) || strcmp(again, safe))
		fuzz_fail("sanitising twice changes nothing");

	if (!(clip = text_clip(safe, width)))
		abort();
	check_shown("clipped text", clip, flags);
	if (text_width(clip) > (width < 0 ? 0 : width))
		fuzz_fail("clipped text (%d columns) fits in %d", text_width(clip),
			  width);
	if (text_width(safe) <= width && strcmp(clip, safe))
		fuzz_fail("text that fits is not clipped");

	/* pad has room for all of safe and the padding: the width is
	 * exact (a wide character left out of a clip leaves a column that
	 * padding fills). */
	text_pad(pad, padsize, safe, width, len % 2);
	check_shown("padded text", pad, flags);
	if (text_width(pad) != (width < 0 ? 0 : width))
		fuzz_fail("padded text (%d columns) is %d wide", text_width(pad),
			  width);

	if (text_collate(s, len, s, len) != 0)
		fuzz_fail("text collates equal to itself");
	if (sign(text_collate(s, half, s + half, len - half)) !=
	    -sign(text_collate(s + half, len - half, s, half)))
		fuzz_fail("the collation is antisymmetric");

	free(s);
	free(safe);
	free(again);
	free(clip);
	free(pad);
	return 0;
}
