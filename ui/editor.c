/* SPDX-License-Identifier: EUPL-1.2 */
/* editor.c — $VISUAL/$EDITOR, or a multi-line editor in place. */
#include "config.h"

#include "editor.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "src/base/i18n.h"
#include "app.h"
#include "draw.h"
#include "input.h"
#include "live.h"
#include "ui.h"

/* ---- External editor --------------------------------------------- */

/* The file whole, NUL-terminated, its length in *len. */
static char *
read_all(FILE *f, size_t *lenp)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);

	while (buf) {
		size_t got = fread(buf + len, 1, cap - len - 1, f);

		len += got;
		if (got == 0)
			break;
		if (len + 1 == cap) {
			char *bigger = realloc(buf, cap * 2);

			if (!bigger) {
				free(buf);
				return NULL;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	if (buf)
		buf[len] = '\0';
	*lenp = len;
	return buf;
}

/* Runs cmd on a file holding text; *out gets the file afterwards.
 * Returns 0, or -1 with a message set. */
static int
run_external(struct ui *ui, const char *cmd, const char *text, char **out)
{
	const char *tmpdir = getenv("TMPDIR");
	char path[4096];
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	int fd, status = -1, rc = -1;
	char *cmdline;
	size_t len = strlen(text);
	FILE *f;
	pid_t pid;

	*out = NULL;
	snprintf(path, sizeof path, "%s/salkku-XXXXXX.txt",
		 tmpdir && *tmpdir ? tmpdir : "/tmp");
	fd = mkstemps(path, 4);  /* mode 0600: the text may be private */
	if (fd < 0) {
		ui_error(ui, _("Cannot create a temporary file: %s"), strerror(errno));
		return -1;
	}
	if (write(fd, text, len) != (ssize_t)len ||
	    (len && text[len - 1] != '\n' && write(fd, "\n", 1) != 1)) {
		ui_error(ui, _("Cannot write %s: %s"), path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);

	/* As git runs it: the shell splits "$EDITOR", the file is "$1". */
	if (asprintf(&cmdline, "%s \"$@\"", cmd) < 0) {
		unlink(path);
		return -1;
	}
	def_prog_mode();
	endwin();
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0) {
		struct sigaction dfl = { .sa_handler = SIG_DFL };

		sigaction(SIGINT, &dfl, NULL);
		sigaction(SIGQUIT, &dfl, NULL);
		execl("/bin/sh", "sh", "-c", cmdline, cmd, path, (char *)NULL);
		_exit(127);
	}
	/* While the editor runs, this session still beats: the others go
	 * on seeing it on the project. */
	if (pid > 0)
		for (;;) {
			pid_t got = waitpid(pid, &status, WNOHANG);

			if (got == pid || (got < 0 && errno != EINTR))
				break;
			live_beat(ui);
			poll(NULL, 0, 200);
		}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(cmdline);
	reset_prog_mode();
	/* The editor drew over everything: paint the whole screen anew. */
	clearok(curscr, TRUE);
	ui_touch_all(ui);

	if (pid < 0) {
		ui_error(ui, _("Cannot start the editor: %s"), strerror(errno));
	} else if (ui_interrupted()) {
		/* The line dropped while the editor ran: keep nothing. */
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		ui_error(ui, _("The editor (%s) failed; nothing was changed"), cmd);
	} else if (!(f = fopen(path, "r"))) {
		ui_error(ui, _("Cannot read %s: %s"), path, strerror(errno));
	} else {
		size_t got = 0;

		*out = read_all(f, &got);
		fclose(f);
		if (*out && strlen(*out) != got) {
			/* The rest would be lost without a word. */
			ui_error(ui, _("The text holds a NUL byte; nothing was changed"));
			free(*out);
			*out = NULL;
		} else if (*out) {
			/* Editors end the file with a newline; the text did not. */
			size_t n = strlen(*out);

			while (n && ((*out)[n - 1] == '\n' || (*out)[n - 1] == '\r'))
				(*out)[--n] = '\0';
			rc = 0;
		}
	}
	unlink(path);
	return rc;
}

/* ---- In place ---------------------------------------------------- */

struct textarea {
	struct modal base;
	char *title;
	struct input *lines;
	size_t count, capacity, cur, top;
	editor_fn done;
	void *ctx;
};

static int
insert_line(struct textarea *t, size_t at, const char *text)
{
	if (t->count == t->capacity) {
		size_t cap = t->capacity ? t->capacity * 2 : 16;
		struct input *lines = realloc(t->lines, cap * sizeof *lines);

		if (!lines)
			return -1;
		t->lines = lines;
		t->capacity = cap;
	}
	memmove(t->lines + at + 1, t->lines + at, (t->count - at) * sizeof *t->lines);
	memset(&t->lines[at], 0, sizeof t->lines[at]);
	t->count++;
	return input_set(&t->lines[at], text);
}

static char *
joined(const struct textarea *t)
{
	size_t cap = 1;
	char **parts = calloc(t->count ? t->count : 1, sizeof *parts);
	char *out = NULL;

	if (!parts)
		return NULL;
	for (size_t i = 0; i < t->count; i++) {
		if (!(parts[i] = input_text(&t->lines[i])))
			goto out;
		cap += strlen(parts[i]) + 1;
	}
	if (!(out = malloc(cap)))
		goto out;
	out[0] = '\0';
	for (size_t i = 0; i < t->count; i++) {
		strcat(out, parts[i]);
		if (i + 1 < t->count)
			strcat(out, "\n");
	}
out:
	for (size_t i = 0; i < t->count; i++)
		free(parts[i]);
	free(parts);
	return out;
}

static void
area_layout(struct modal *m, int lines, int cols)
{
	ui_modal_place(m, lines - 4, cols - 6);
}

static void
area_draw(struct modal *m)
{
	struct textarea *t = (struct textarea *)m;
	struct theme *th = &m->ui->theme;
	int h = getmaxy(m->win) - 3, w = getmaxx(m->win) - 4, cx;

	werase(m->win);
	draw_frame(m->win, t->title, theme_attr(th, TH_BORDER), theme_attr(th, TH_TITLE));
	if (t->cur < t->top)
		t->top = t->cur;
	if (t->cur >= t->top + (size_t)h)
		t->top = t->cur - (size_t)h + 1;
	for (int y = 0; y < h && t->top + (size_t)y < t->count; y++) {
		struct input *in = &t->lines[t->top + (size_t)y];

		if (t->top + (size_t)y != t->cur)
			in->first = 0;
		input_draw(in, m->win, y + 1, 2, w, theme_attr(th, TH_DIALOG), &cx);
		if (t->top + (size_t)y == t->cur) {
			m->cur_y = y + 1;
			m->cur_x = cx;
		}
	}
	draw_text_at(m->win, getmaxy(m->win) - 1, 2,
		     _(" F2 or Ctrl-X: keep  Esc: cancel "), w,
		     theme_attr(th, TH_BORDER), 0);
}

static bool
area_key(struct modal *m, int key)
{
	struct textarea *t = (struct textarea *)m;
	struct input *in = &t->lines[t->cur];
	char *text;
	size_t col = in->cur;

	switch (key) {
	case KEY_ESCAPE:
		t->done(m->ui, t->ctx, NULL);
		return true;
	case KEY_FUNC + KEY_F(2):
	case KEY_CTRL('x'):
		text = joined(t);
		t->done(m->ui, t->ctx, text);
		free(text);
		return true;
	case KEY_FUNC + KEY_UP:
	case KEY_FUNC + KEY_DOWN:
		if (key == KEY_FUNC + KEY_UP ? t->cur == 0 : t->cur + 1 >= t->count)
			return false;
		t->cur += key == KEY_FUNC + KEY_UP ? (size_t)-1 : 1;
		in = &t->lines[t->cur];
		in->cur = col < in->len ? col : in->len;
		return false;
	case KEY_FUNC + KEY_ENTER: {
		/* Split at the cursor: the rest goes to a new line. */
		struct input tail = { .buf = in->buf + in->cur, .len = in->len - in->cur };
		char *rest = input_text(&tail);

		if (rest) {
			in->len = in->cur;
			in->buf[in->len] = L'\0';
			if (insert_line(t, t->cur + 1, rest) == 0) {
				t->cur++;
				t->lines[t->cur].cur = 0;
			}
		}
		free(rest);
		return false;
	}
	case KEY_FUNC + KEY_BACKSPACE:
	case KEY_FUNC + KEY_DC:
		if ((key == KEY_FUNC + KEY_BACKSPACE && in->cur == 0 && t->cur > 0) ||
		    (key == KEY_FUNC + KEY_DC && in->cur == in->len &&
		     t->cur + 1 < t->count)) {
			/* Join this line and its neighbour. */
			size_t upper = key == KEY_FUNC + KEY_BACKSPACE ? t->cur - 1 : t->cur;
			struct input *a = &t->lines[upper], *b = &t->lines[upper + 1];
			size_t at = a->len;
			char *ta = input_text(a), *tb = input_text(b), *both = NULL;

			if (!ta || !tb || asprintf(&both, "%s%s", ta, tb) < 0 ||
			    input_set(a, both) < 0) {
				free(ta);
				free(tb);
				free(both);
				return false;
			}
			free(ta);
			free(tb);
			free(both);
			a->cur = at;
			input_free(b);
			memmove(b, b + 1, (t->count - upper - 2) * sizeof *b);
			t->count--;
			t->cur = upper;
			return false;
		}
		break;
	}
	input_key(in, key);
	return false;
}

static void
area_free(struct modal *m)
{
	struct textarea *t = (struct textarea *)m;

	for (size_t i = 0; i < t->count; i++)
		input_free(&t->lines[i]);
	free(t->lines);
	free(t->title);
	free(t);
}

static const struct modal_ops area_ops = {
	.layout = area_layout, .draw = area_draw,
	.key = area_key, .free = area_free,
};

static void
edit_in_place(struct ui *ui, const char *title, const char *text,
	      editor_fn done, void *ctx)
{
	struct textarea *t = calloc(1, sizeof *t);
	char *copy = strdup(text), *line, *save = NULL;
	int rc = t && copy && (t->title = strdup(title)) ? 0 : -1;

	/* strtok_r would skip empty lines: split by hand. */
	for (line = copy; !rc && line; line = save) {
		save = strchr(line, '\n');
		if (save)
			*save++ = '\0';
		rc = insert_line(t, t->count, line);
	}
	if (!rc && !t->count)
		rc = insert_line(t, 0, "");
	free(copy);
	if (rc) {
		if (t)
			area_free(&t->base);
		ui_error(ui, "%s", _("Out of memory"));
		done(ui, ctx, NULL);
		return;
	}
	t->base.ops = &area_ops;
	t->done = done;
	t->ctx = ctx;
	t->cur = t->count - 1;
	ui_modal_push(ui, &t->base);
}

void
editor_edit(struct ui *ui, const char *title, const char *text,
	    editor_fn done, void *ctx)
{
	const char *cmd = getenv("VISUAL");
	char *out;

	if (!cmd || !*cmd)
		cmd = getenv("EDITOR");
	if (!text)
		text = "";
	if (!cmd || !*cmd) {
		edit_in_place(ui, title, text, done, ctx);
		return;
	}
	if (run_external(ui, cmd, text, &out) < 0) {
		done(ui, ctx, NULL);
		return;
	}
	done(ui, ctx, out);
	free(out);
}
