/* SPDX-License-Identifier: EUPL-1.2 */
/* test_text.c — sanitising, widths, clipping, padding and collation. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "src/base/text.h"

/* Sanitises s and compares with want. */
static void
check_sanitize(const char *s, unsigned flags, const char *want)
{
	char *got = text_sanitize(s, flags);

	assert_non_null(got);
	assert_string_equal(got, want);
	assert_int_equal(text_is_safe(s, flags), strcmp(s, want) == 0);
	free(got);
}

static void
test_null_input(void **state)
{
	char buf[8];
	char *s;
	unsigned cp = 7;

	(void)state;
	s = text_sanitize(NULL, 0);
	assert_string_equal(s, "");
	free(s);
	assert_true(text_is_safe(NULL, 0));
	assert_int_equal(text_width(NULL), 0);
	s = text_clip(NULL, 5);
	assert_string_equal(s, "");
	free(s);
	assert_string_equal(text_pad(buf, sizeof buf, NULL, 3, false), "   ");
	assert_null(text_pad(NULL, 10, "x", 3, false));
	assert_int_equal(utf8_decode(NULL, 4, &cp), -1);
	assert_int_equal(utf8_decode("a", 0, &cp), -1);
	assert_int_equal(cp, 7);
	assert_true(utf8_valid(NULL, 0));
	assert_false(utf8_valid(NULL, 3));
	assert_true(text_collate(NULL, 0, "a", 1) < 0);
	assert_int_equal(text_collate(NULL, 0, NULL, 0), 0);
}

static void
test_utf8_decode(void **state)
{
	unsigned cp;

	(void)state;
	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(utf8_decode("ä", 2, &cp), 2);
	assert_int_equal(cp, 0xe4);
	assert_int_equal(utf8_decode("€", 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	assert_int_equal(utf8_decode("\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	/* Overlongs, surrogates, too large, truncated, stray bytes. */
	assert_int_equal(utf8_decode("\xc0\x80", 2, &cp), -1);
	assert_int_equal(utf8_decode("\xc1\xbf", 2, &cp), -1);
	assert_int_equal(utf8_decode("\xe0\x80\x80", 3, &cp), -1);
	assert_int_equal(utf8_decode("\xe0\x9f\xbf", 3, &cp), -1);
	assert_int_equal(utf8_decode("\xf0\x8f\xbf\xbf", 4, &cp), -1);
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), -1);
	assert_int_equal(utf8_decode("\xed\xbf\xbf", 3, &cp), -1);
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), -1);
	assert_int_equal(utf8_decode("\xf5\x80\x80\x80", 4, &cp), -1);
	assert_int_equal(utf8_decode("\xe2\x82", 2, &cp), -1);
	assert_int_equal(utf8_decode("\xe2\x82\xac", 2, &cp), -1);
	assert_int_equal(utf8_decode("\x80", 1, &cp), -1);
	assert_int_equal(utf8_decode("\xc3(", 2, &cp), -1);
	assert_int_equal(utf8_decode("\xff", 1, &cp), -1);

	assert_true(utf8_valid("", 0));
	assert_true(utf8_valid("Pohjois-Savon hyvinvointialue – Siun sote",
			       strlen("Pohjois-Savon hyvinvointialue – Siun sote")));
	assert_true(utf8_valid("漢字\xf0\x9f\x98\x80", 10));
	assert_false(utf8_valid("ab\xff", 3));
	assert_false(utf8_valid("\xed\xa0\x80", 3));
	assert_false(utf8_valid("ä", 1));  /* cut in the middle */
}

static void
test_sanitize_c0(void **state)
{
	(void)state;
	check_sanitize("a\x1b[31mred\x1b[0m", 0, "a^[[31mred^[[0m");
	check_sanitize("over\rwrite", 0, "over^Mwrite");
	check_sanitize("back\bspace", 0, "back^Hspace");
	check_sanitize("two\nlines", 0, "two^Jlines");
	check_sanitize("two\nlines", TEXT_KEEP_NEWLINES, "two\nlines");
	check_sanitize("tab\there", 0, "tab^Ihere");
	check_sanitize("tab\there", TEXT_KEEP_TABS, "tab\there");
	check_sanitize("tab\there\n", TEXT_KEEP_TABS, "tab\there^J");
	check_sanitize("bell\a", TEXT_KEEP_NEWLINES | TEXT_KEEP_TABS, "bell^G");
	check_sanitize("\x01\x1f", 0, "^A^_");
	check_sanitize("del\x7f", 0, "del^?");
}

static void
test_sanitize_unicode(void **state)
{
	(void)state;
	/* C1 controls: CSI U+009B would start an escape sequence. */
	check_sanitize("x\xc2\x9b" "2J", 0, "x<U+009B>2J");
	check_sanitize("\xc2\x80\xc2\x9f", 0, "<U+0080><U+009F>");
	/* Bidi overrides, isolates and marks. */
	check_sanitize("abc\xe2\x80\xaetxt.exe", 0, "abc<U+202E>txt.exe");
	check_sanitize("\xe2\x80\xaa\xe2\x80\xac", 0, "<U+202A><U+202C>");
	check_sanitize("\xe2\x81\xa6x\xe2\x81\xa9", 0, "<U+2066>x<U+2069>");
	check_sanitize("\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", 0,
		       "<U+200E><U+200F><U+061C>");
	/* Line and paragraph separators, zero-width characters and the
	 * byte order mark: invisible or line-breaking, shown. */
	check_sanitize("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", 0,
		       "a<U+2028>b<U+2029>c");
	check_sanitize("zero\xe2\x80\x8bwidth\xef\xbb\xbf", 0,
		       "zero<U+200B>width<U+FEFF>");
	check_sanitize("\xe2\x81\xa0\xe2\x81\xaa\xef\xbf\xb9", 0,
		       "<U+2060><U+206A><U+FFF9>");
	assert_false(text_is_safe("\xe2\x80\xa8", TEXT_KEEP_NEWLINES));
	/* The joiners stay: emoji sequences need them. */
	check_sanitize("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", 0,
		       "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");
	assert_true(text_is_control(0x9b));
	assert_true(text_is_control(0x202e));
	assert_false(text_is_control(0x200d));
	assert_false(text_is_control('a'));
	/* Broken UTF-8 shows as U+FFFD, one per bad byte. */
	check_sanitize("bad\xff", 0, "bad\xef\xbf\xbd");
	check_sanitize("cut\xc3", 0, "cut\xef\xbf\xbd");
	check_sanitize("\xc0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd");
	check_sanitize("\xed\xa0\x80", 0,
		       "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	/* Ordinary Finnish, Swedish and CJK text passes unchanged. */
	check_sanitize("Kansa-koulu 5 – kirjaaminen", 0,
		       "Kansa-koulu 5 – kirjaaminen");
	check_sanitize("Åbo Akademi, Österbotten", 0, "Åbo Akademi, Österbotten");
	check_sanitize("漢字 \xf0\x9f\x98\x80", 0, "漢字 \xf0\x9f\x98\x80");
	check_sanitize("", 0, "");
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("Kansa-koulu 5"), 13);
	assert_int_equal(text_width("ä"), 1);
	assert_int_equal(text_width("Ähtäri"), 6);
	assert_int_equal(text_width("漢字"), 4);
	assert_int_equal(text_width("a–b"), 3);
	assert_int_equal(text_width("e\xcc\x81"), 1);  /* e + combining acute */
	assert_int_equal(text_width("\xff"), 1);
	assert_int_equal(text_width("\x1b"), 1);
	assert_int_equal(text_width("^["), 2);
}

static void
check_clip(const char *s, int width, const char *want)
{
	char *got = text_clip(s, width);

	assert_non_null(got);
	assert_string_equal(got, want);
	assert_true(text_width(got) <= (width < 0 ? 0 : width));
	free(got);
}

static void
test_clip(void **state)
{
	(void)state;
	check_clip("Kansa-koulu 5", 20, "Kansa-koulu 5");
	check_clip("Kansa-koulu 5", 13, "Kansa-koulu 5");
	check_clip("Kansa-koulu 5", 12, "Kansa-koulu…");
	check_clip("Kansa-koulu 5", 8, "Kansa-k…");
	check_clip("Ähtäri", 4, "Äht…");
	check_clip("漢字漢字", 8, "漢字漢字");
	check_clip("漢字漢字", 7, "漢字漢…");
	check_clip("漢字漢字", 6, "漢字…");   /* 漢 would need 2 of 1 left */
	check_clip("漢字漢字", 2, "…");
	check_clip("ab", 1, "…");
	check_clip("ab", 0, "");
	check_clip("ab", -3, "");
	check_clip("", 0, "");
	check_clip("ae\xcc\x81x", 3, "ae\xcc\x81x");
	check_clip("ae\xcc\x81xy", 3, "ae\xcc\x81…");
	/* A placeholder of the sanitiser is kept whole or left out. */
	check_clip("ab<U+009B>2J", 12, "ab<U+009B>2J");
	check_clip("ab<U+009B>2J", 11, "ab<U+009B>…");
	check_clip("ab<U+009B>2J", 10, "ab…");
	check_clip("ab<U+009B>2J", 6, "ab…");
	check_clip("ab^[[2J", 4, "ab…");
	check_clip("ab^[[2J", 5, "ab^[…");
	/* Text that only looks a little like one is cut as usual. */
	check_clip("<U+12>xyz", 5, "<U+1…");
	check_clip("a^b", 2, "a…");
}

static void
test_pad(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(text_pad(buf, sizeof buf, "ä", 4, false), "ä   ");
	assert_string_equal(text_pad(buf, sizeof buf, "ä", 4, true), "   ä");
	assert_string_equal(text_pad(buf, sizeof buf, "漢字", 5, false), "漢字 ");
	assert_string_equal(text_pad(buf, sizeof buf, "漢字", 5, true), " 漢字");
	assert_string_equal(text_pad(buf, sizeof buf, "漢字漢", 4, false), "漢… ");
	assert_string_equal(text_pad(buf, sizeof buf, "漢字漢", 4, true), " 漢…");
	assert_string_equal(text_pad(buf, sizeof buf, "Kansa-koulu", 6, false),
			    "Kansa…");
	assert_string_equal(text_pad(buf, sizeof buf, "Kansa-koulu", 6, true),
			    "Kansa…");
	assert_string_equal(text_pad(buf, sizeof buf, "abc", 3, false), "abc");
	assert_string_equal(text_pad(buf, sizeof buf, "abc", 0, false), "");
	assert_int_equal(text_width(text_pad(buf, sizeof buf, "Öljy", 10, true)),
			 10);
	assert_string_equal(text_pad(buf, sizeof buf, "x<U+202E>y", 6, false),
			    "x…    ");
	/* A buffer too small stays valid UTF-8: no character is split. */
	assert_string_equal(text_pad(buf, 4, "äää", 3, false), "ä");
	assert_true(utf8_valid(buf, strlen(buf)));
	assert_string_equal(text_pad(buf, 1, "abc", 3, false), "");
}

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

static int
collate(const char *a, const char *b)
{
	return sign(text_collate(a, strlen(a), b, strlen(b)));
}

static int
qsort_collate(const void *a, const void *b)
{
	return collate(*(const char *const *)a, *(const char *const *)b);
}

static void
test_collate_nordic(void **state)
{
	(void)state;
	assert_int_equal(collate("Ähtäri", "Zeta"), 1);
	assert_int_equal(collate("Zeta", "Ähtäri"), -1);
	assert_int_equal(collate("Öljy", "Äijä"), 1);
	assert_int_equal(collate("Åbo", "Zeta"), 1);
	assert_int_equal(collate("Åbo", "Äijä"), -1);
	assert_int_equal(collate("åbo", "Äijä"), -1);
	assert_int_equal(collate("Ærø", "Äijä"), 1);   /* Æ as Ä, then r > i */
	assert_int_equal(collate("Øst", "Öljy"), 1);   /* Ø as Ö, s > l */
	assert_int_equal(collate("Über", "Yz"), -1);   /* Ü as Y, b < z */
	assert_int_equal(collate("Über", "Xylo"), 1);
	assert_int_equal(collate("Élise", "Emil"), -1);  /* É as E */
	assert_int_equal(collate("Çedille", "Cz"), -1);
	assert_int_equal(collate("Šakki", "Sz"), -1);
	assert_int_equal(collate("5 hanketta", "aapinen"), -1);
	assert_int_equal(collate("2023", "2024"), -1);
	assert_int_equal(collate("Kansa koulu", "Kansa-koulu"), -1);
	assert_int_equal(collate("kansa", "Kansa-koulu"), -1);  /* prefix */
	assert_int_equal(collate("漢字", "Öljy"), 1);
}

/* The sort key's byte order is text_collate's order, for every pair. */
static void
test_sort_key(void **state)
{
	static const char *const words[] = {
		"Ähtäri", "Zeta", "Öljy", "Äijä", "Åbo", "åbo", "Ærø", "Øst",
		"Über", "Yz", "Xylo", "Élise", "Emil", "Çedille", "Cz", "Šakki",
		"Sz", "5 hanketta", "aapinen", "2023", "2024", "Kansa koulu",
		"Kansa-koulu", "kansa", "漢字", "ABC", "abc", "äijä", "Äble",
		"Æble", "", "a", "a\xff", "a\xfe", "a~", "a{", "a|b", "Ÿ", "ÿ",
		"Ωmega", "Жук", "€uro", "a\tb",
	};
	size_t n = sizeof words / sizeof words[0];

	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			char *a = text_sort_key(words[i], strlen(words[i]));
			char *b = text_sort_key(words[j], strlen(words[j]));

			assert_non_null(a);
			assert_non_null(b);
			if (sign(strcmp(a, b)) != collate(words[i], words[j]))
				fail_msg("%s / %s: keys %s / %s", words[i], words[j],
					 a, b);
			free(a);
			free(b);
		}
}

static void
test_fold_key(void **state)
{
	static const char *const pairs[][2] = {
		{ "ÄLY", "äly" }, { "X1", "x1" }, { "Ÿ", "ÿ" }, { "ŁÓDŹ", "łódź" },
		{ "ΩMEGA", "ωmega" }, { "ЁЖ", "ёж" }, { "a\xff", "a\xff" },
		{ "ß", "ß" }, { "", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		char *k = text_fold_key(pairs[i][0], strlen(pairs[i][0]));

		assert_non_null(k);
		assert_string_equal(k, pairs[i][1]);
		free(k);
	}
}

static void
test_collate_ties(void **state)
{
	(void)state;
	/* Equal for a reader, still ordered: by bytes ("A" < "a"). */
	assert_int_equal(collate("ABC", "abc"), -1);
	assert_int_equal(collate("abc", "ABC"), 1);
	assert_int_equal(collate("abc", "abc"), 0);
	assert_int_equal(collate("Äijä", "äijä"), -1);
	assert_int_equal(collate("Äble", "Æble"), -1);  /* U+00C4 < U+00C6 */
	assert_int_equal(collate("Æble", "Äble"), 1);
	assert_int_equal(collate("", ""), 0);
	assert_int_equal(collate("", "a"), -1);
	/* Invalid bytes still order consistently. */
	assert_int_equal(collate("a\xff", "a\xfe"), 1);
	assert_int_equal(collate("a\xfe", "a\xff"), -1);
}

static void
test_collate_total_order(void **state)
{
	static const char *const words[] = {
		"Zeta", "Ähtäri", "Äijä", "Öljy", "Åbo", "zeta", "ZETA", "Øst",
		"Ærø", "Über", "Yz", "Xylo", "Élise", "Emil", "emil", "5",
		"10", "", " ", "-", "a", "A", "á", "à", "b", "漢字", "kansa",
		"Kansa-koulu 5", "Kansa koulu", "\xff", "a\xff", "~", "{",
		"ß", "ss", "st", "Ð", "d",
	};
	enum { N = sizeof words / sizeof words[0] };
	const char *sorted[N];

	(void)state;
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(collate(words[i], words[i]), 0);
		for (size_t j = 0; j < N; j++) {
			int ij = collate(words[i], words[j]);

			assert_int_equal(ij, -collate(words[j], words[i]));
			if (i != j)
				assert_int_not_equal(ij, 0);
			for (size_t k = 0; k < N; k++)
				if (ij < 0 && collate(words[j], words[k]) < 0)
					assert_int_equal(collate(words[i], words[k]), -1);
		}
	}
	memcpy(sorted, words, sizeof sorted);
	qsort(sorted, N, sizeof sorted[0], qsort_collate);
	for (size_t i = 1; i < N; i++)
		assert_int_equal(collate(sorted[i - 1], sorted[i]), -1);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_input),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_sanitize_c0),
		cmocka_unit_test(test_sanitize_unicode),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_clip),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_collate_nordic),
		cmocka_unit_test(test_collate_ties),
		cmocka_unit_test(test_sort_key),
		cmocka_unit_test(test_fold_key),
		cmocka_unit_test(test_collate_total_order),
	};

	/* Widths come from wcwidth(), which needs a UTF-8 LC_CTYPE. */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
