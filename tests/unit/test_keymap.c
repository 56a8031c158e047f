/* test_keymap.c — key names in the config notation: every key that
 * key_parse() reads is labelled so that key_parse() reads it back, the
 * Ctrl keys beyond the letters included.  No terminal is needed. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ui/keymap.h"

static void
check_label(const char *typed, const char *label)
{
	char buf[32];
	int key = -1, back = -1;

	assert_int_equal(key_parse(typed, &key), 0);
	assert_string_equal(key_label(key, buf, sizeof buf), label);
	assert_int_equal(key_parse(buf, &back), 0);
	assert_int_equal(back, key);
}

static void
test_ctrl_labels(void **state)
{
	(void)state;
	check_label("C-d", "C-d");
	check_label("C-A", "C-a");
	check_label("<C-u>", "C-u");
	check_label("C-@", "C-@");
	check_label("C-\\", "C-\\");
	check_label("C-]", "C-]");
	check_label("C-^", "C-^");
	check_label("C-_", "C-_");
	check_label("C-[", "<Esc>");
}

static void
test_other_labels(void **state)
{
	(void)state;
	check_label("j", "j");
	check_label("<Down>", "<Down>");
	check_label("<PageDown>", "<PgDn>");
	check_label("<lt>", "<lt>");
	check_label("<F12>", "<F12>");
	check_label("ä", "ä");
	check_label("漢", "漢");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ctrl_labels),
		cmocka_unit_test(test_other_labels),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
