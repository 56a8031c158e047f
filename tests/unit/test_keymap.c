/* SPDX-License-Identifier: EUPL-1.2 */
/* test_keymap.c — the key notation of the config file (ui/keymap.c):
 * every key it reads has a label that reads back as the same key and is
 * safe to show.  The first cases were found by tests/fuzz/fuzz_config. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "src/base/text.h"
#include "ui/keymap.h"

/* s reads as a key labelled want, and the label reads back. */
static void
check_key(const char *s, const char *want)
{
	char label[32];
	int key = -1, back = -1;

	assert_int_equal(key_parse(s, &key), 0);
	assert_string_equal(key_label(key, label, sizeof label), want);
	assert_true(text_is_safe(label, 0));
	assert_int_equal(key_parse(label, &back), 0);
	assert_int_equal(back, key);
}

static void
test_ctrl_punctuation(void **state)
{
	(void)state;
	check_key("C-\\", "C-\\");
	check_key("<C-\\>", "C-\\");
	check_key("C-@", "C-@");
	check_key("C-_", "C-_");
	check_key("C-]", "C-]");
	check_key("C-^", "C-^");
	check_key("C-d", "C-d");
	check_key("C-Z", "C-z");
	check_key("C-[", "<Esc>");
}

/* The config notation s, as the screens show the key (untranslated:
 * no catalogue is loaded here). */
static void
check_shown(const char *s, const char *want)
{
	char name[32];
	int key = -1;

	assert_int_equal(key_parse(s, &key), 0);
	assert_string_equal(key_display(key, name, sizeof name), want);
	assert_true(text_is_safe(name, 0));
}

static void
test_display(void **state)
{
	(void)state;
	check_shown("<Down>", "\xe2\x86\x93");   /* ↓ */
	check_shown("<Left>", "\xe2\x86\x90");   /* ← */
	check_shown("<Space>", "Space");
	check_shown("C-d", "Ctrl-D");
	check_shown("C-@", "Ctrl-@");
	check_shown("C-_", "Ctrl-_");
	check_shown("<Esc>", "Esc");
	check_shown("<Enter>", "Enter");
	check_shown("<Tab>", "Tab");
	check_shown("<S-Tab>", "S-Tab");
	check_shown("<PageDown>", "PgDn");
	check_shown("<F4>", "F4");
	check_shown("<lt>", "<");
	check_shown("j", "j");
	check_shown("\xc3\xa4", "\xc3\xa4");
}

static void
test_characters(void **state)
{
	(void)state;
	check_key("j", "j");
	check_key("\xc3\xa4", "\xc3\xa4");              /* ä */
	check_key("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80");  /* U+1F600 */
	check_key("<lt>", "<lt>");
	check_key("<Space>", "<Space>");
	check_key("<Down>", "<Down>");
	check_key("<PageDown>", "<PgDn>");
	check_key("<F12>", "<F12>");
	check_key("<C-u>", "C-u");
	check_key("\xe6\xbc\xa2", "\xe6\xbc\xa2");              /* 漢, two columns */
}

/* A key that is a control or not UTF-8 would print raw in the help. */
static void
test_refused(void **state)
{
	static const char *const bad[] = {
		"\xc2\x9b",          /* U+009B, the C1 CSI */
		"\xc2\x80",          /* U+0080 */
		"\x7f",              /* DEL */
		"\x1b",              /* ESC (<Esc> names it) */
		"\xed\xa0\x80",      /* a surrogate */
		"\xc1\x81",          /* an overlong "A" */
		"\xf5\x80\x80\x80",  /* beyond U+10FFFF */
		"\xc3",              /* cut short */
		"ab", "", "C-1", "C-\t", "<F13>", "<Nope>",
	};
	int key;

	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(key_parse(bad[i], &key), -1);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ctrl_punctuation),
		cmocka_unit_test(test_characters),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
