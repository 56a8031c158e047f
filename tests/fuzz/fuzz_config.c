/* SPDX-License-Identifier: EUPL-1.2 */
/* fuzz_config.c — the config file and the key notation (ui/config.c,
 * ui/keymap.c), without a screen: nothing here calls initscr().
 *
 * The input is a config file for config_load(), and each of its lines
 * a key for key_parse().  Properties: a problem is reported as
 * "file:line: problem"; every key the keymap then holds, and every key
 * a line names, has a label that is valid UTF-8 without control
 * characters and that parses back to the same key. */
#include "config.h"

#include "fuzz.h"

#include <sys/mman.h>
#include <unistd.h>

#include "src/base/text.h"
#include "ui/app.h"
#include "ui/conf.h"
#include "ui/keymap.h"
#include "ui/theme.h"

static int input_fd = -1;
static char input_path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if ((input_fd = memfd_create("fuzz-config", 0)) < 0)
		abort();
	snprintf(input_path, sizeof input_path, "/proc/self/fd/%d", input_fd);
	return 0;
}

static void
check_key(int key, const char *from)
{
	char label[64];
	int back;
	size_t len;

	key_label(key, label, sizeof label);
	len = strlen(label);
	if (!len || !utf8_valid(label, len) || !text_is_safe(label, 0))
		fuzz_fail("the label of key %d (from \"%s\") is shown as it is",
			  key, from);
	if (key_parse(label, &back) < 0 || back != key)
		fuzz_fail("key %d (from \"%s\") labelled \"%s\" parses back",
			  key, from, label);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ui ui = { .settings = { .start = SCREEN_PROJECTS, .mouse = true,
				       .deadline_days = 60 } };
	char first[512], *text = fuzz_string(data, size), *line, *save = NULL;
	int problems, key;

	if (ftruncate(input_fd, 0) < 0 ||
	    pwrite(input_fd, data, size, 0) != (ssize_t)size)
		abort();
	theme_init(&ui.theme);
	if (keymap_init(&ui.keymap) < 0)
		abort();
	problems = config_load(&ui, input_path, first, sizeof first);
	if (problems < 0 || (problems > 0) != (first[0] != '\0'))
		fuzz_fail("problems (%d) come with the first one (\"%s\")",
			  problems, first);
	if (problems && strncmp(first, input_path, strlen(input_path)))
		fuzz_fail("a problem names the file: \"%s\"", first);
	for (size_t i = 0; i < ui.keymap.count; i++)
		check_key(ui.keymap.items[i].key, "the keymap");
	keymap_free(&ui.keymap);

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (key_parse(line, &key) == 0)
			check_key(key, line);
	free(text);
	return 0;
}
