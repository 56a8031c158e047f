/* SPDX-License-Identifier: EUPL-1.2 */
/* gen-keys.c — prints the default key table as roff, for the KEYS part
 * of salkku(1).  The manual keeps a copy between the keys-begin and
 * keys-end marks; tests/tui/keys-doc.sh fails when they differ, so the
 * manual and the program cannot drift apart.  With --names it prints
 * the names salkku(5) must document: every action and theme element. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "keymap.h"
#include "theme.h"

/* Writes s with roff's special characters escaped. */
static void
roff(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

static int
names(void)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++)
		printf("action %s\n", action_info((enum action)a)->name);
	for (int e = 0; e < TH_COUNT; e++)
		printf("element %s\n", theme_name((enum theme_elem)e));
	for (size_t s = 0; s < key_scope_count; s++)
		printf("screen %s\n", key_scopes[s].name);
	return 0;
}

int
main(int argc, char **argv)
{
	struct keymap km;

	if (argc > 1 && !strcmp(argv[1], "--names"))
		return names();
	if (keymap_init(&km) < 0)
		return 1;
	/* A default binding that does not parse would silently be lost. */
	for (const struct default_binding *d = default_bindings; d->scope; d++) {
		int key;

		if (key_parse(d->key, &key) < 0 || !scope_by_name(d->scope)) {
			fprintf(stderr, "gen-keys: bad default binding %s %s\n",
				d->scope, d->key);
			return 1;
		}
	}
	puts(".\\\" keys-begin: made by ui/gen-keys from ui/keymap.c; keep in step");
	for (size_t s = 0; s < key_scope_count; s++) {
		bool any = false;

		for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
			char keys[256];

			if (!keymap_keys(&km, key_scopes[s].name, (enum action)a, NULL,
					 keys, sizeof keys))
				continue;
			if (!any) {
				fputs(".SS ", stdout);
				roff(key_scopes[s].title);
				fputs(" (", stdout);
				roff(key_scopes[s].name);
				puts(")");
				any = true;
			}
			fputs(".TP\n.B \"", stdout);
			roff(keys);
			puts("\"");
			roff(action_info((enum action)a)->help);
			fputs("\n.RI ( ", stdout);
			roff(action_info((enum action)a)->name);
			puts(" )");
		}
	}
	puts(".\\\" keys-end");
	keymap_free(&km);
	return 0;
}
