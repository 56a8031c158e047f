/* SPDX-License-Identifier: EUPL-1.2 */
/* live.c — the other sessions: their commits and their presence. */
#include "config.h"

#include "live.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "draw.h"
#include "view.h"

static double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *
live_target(struct ui *ui)
{
	for (struct modal *m = ui->modal; m; m = m->below) {
		const char *p = m->ops->project ? m->ops->project(m) : NULL;

		if (p && *p)
			return p;
	}
	if (ui->cur && ui->cur->ops->project) {
		const char *p = ui->cur->ops->project(ui->cur);

		if (p && *p)
			return p;
	}
	return NULL;
}

/* Who else is on the target: a read, cheap, done after every beat and
 * every change another session commits (their heartbeats among them). */
static void
read_others(struct ui *ui)
{
	struct live *l = &ui->live;
	struct error saved = ui->m->err;
	size_t n = 0;

	if (!l->target[0] ||
	    model_presence_others(ui->m, l->target, l->others, LIVE_OTHERS_MAX, &n))
		n = 0;
	ui->m->err = saved;
	l->nothers = n;
	ui->dirty_status = true;
}

/* Tells the others where this session is.  Quiet on failure; a beat
 * that failed, or had to wait for another writer, is not tried again
 * for a while, so that a long write elsewhere (an import) does not
 * hold this screen up every few seconds. */
static void
beat(struct ui *ui, const char *target)
{
	struct live *l = &ui->live;
	struct error saved = ui->m->err;
	double start = mono_now();
	int rc = model_presence_touch(ui->m, target);
	double end = mono_now();

	ui->m->err = saved;
	snprintf(l->target, sizeof l->target, "%s", target ? target : "");
	l->backoff = rc || end - start > LIVE_SLOW_S;
	l->next_beat = end + (l->backoff ? LIVE_RETRY_S : LIVE_BEAT_S);
}

void
live_start(struct ui *ui)
{
	struct live *l = &ui->live;

	l->data_version = model_data_version(ui->m);
	l->started = true;
	/* Due at once, but told after the first frame (live_beat from the
	 * loop): the write and its commit would hold the frame up. */
	l->next_beat = 0;
}

void
live_beat(struct ui *ui)
{
	struct live *l = &ui->live;

	if (l->started && mono_now() >= l->next_beat)
		beat(ui, l->target[0] ? l->target : NULL);
}

void
live_poll(struct ui *ui)
{
	struct live *l = &ui->live;
	const char *target;
	int64_t v;
	bool changed, moved;

	if (!l->started)
		return;
	if (!ui->file_gone && model_file_gone(ui->m)) {
		/* Whatever was typed from now on would be lost with the old
		 * file: this session only shows what it has. */
		ui->file_gone = ui->read_only = true;
		ui->dirty_head = true;
		ui_error(ui, "%s", _("The database file was deleted or replaced by another: this session saves nothing more. Quit (q) and open salkku again."));
	}
	v = model_data_version(ui->m);
	changed = v >= 0 && l->data_version >= 0 && v != l->data_version;
	if (v >= 0)
		l->data_version = v;
	target = live_target(ui);
	moved = strcmp(target ? target : "", l->target) != 0;
	if (mono_now() >= l->next_beat || (moved && !l->backoff)) {
		beat(ui, target);
		read_others(ui);
	} else if (moved) {
		/* Told at the next beat; meanwhile, who is there already. */
		snprintf(l->target, sizeof l->target, "%s", target ? target : "");
		read_others(ui);
	} else if (changed) {
		read_others(ui);
	}
	if (changed)
		ui_remote_changed(ui);
}

void
live_stop(struct ui *ui)
{
	struct live *l = &ui->live;

	if (!l->started)
		return;
	model_presence_leave(ui->m);
	l->started = false;
}

/* How long since iso (UTC), for people: "<1 min", "5 min", "2 h 5 min". */
static void
stay(const char *iso, char *buf, size_t size)
{
	struct tm tm = { 0 };
	long mins;

	if (!strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm)) {
		buf[0] = '\0';
		return;
	}
	mins = (long)(difftime(time(NULL), timegm(&tm)) / 60);
	if (mins < 1)
		snprintf(buf, size, "%s", _("<1 min"));
	else if (mins < 60)
		snprintf(buf, size, _("%ld min"), mins);
	else
		snprintf(buf, size, _("%ld h %ld min"), mins / 60, mins % 60);
}

void
live_others_text(struct ui *ui, const char *project_uuid, char *buf,
		 size_t size)
{
	struct live *l = &ui->live;
	size_t used = 0;
	int w, shown = 0;

	buf[0] = '\0';
	if (!project_uuid || strcmp(project_uuid, l->target) || !l->nothers)
		return;
	w = snprintf(buf, size, "%s", _("Also open:"));
	used = w > 0 ? (size_t)w : 0;
	for (size_t i = 0; i < l->nothers && used < size; i++) {
		const struct presence *p = &l->others[i];
		bool seen = false;
		char how_long[32];

		/* Oldest first: a login's first row is its longest stay. */
		for (size_t j = 0; j < i; j++)
			seen |= !strcmp(l->others[j].user, p->user);
		if (seen)
			continue;
		stay(p->since, how_long, sizeof how_long);
		w = snprintf(buf + used, size - used, "%s %s (%s)",
			     shown++ ? "," : "",
			     p->user, how_long);
		used += w > 0 ? (size_t)w : 0;
	}
}

/* "aino, pekka": the other sessions on anything, each login once. */
static void
writers_text(struct model *m, char *buf, size_t size)
{
	struct presence others[LIVE_OTHERS_MAX];
	size_t n = 0, used = 0;

	buf[0] = '\0';
	if (model_presence_others(m, NULL, others, LIVE_OTHERS_MAX, &n))
		n = 0;
	for (size_t i = 0; i < n && used < size; i++) {
		bool seen = false;
		int w;

		for (size_t j = 0; j < i; j++)
			seen |= !strcmp(others[j].user, others[i].user);
		if (seen)
			continue;
		w = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
			     others[i].user);
		used += w > 0 ? (size_t)w : 0;
	}
}

/* Whose write this session waits for, read through a connection of
 * its own: this runs inside SQLite's busy handler, which must not use
 * the connection that waits. */
static void
read_writers(struct ui *ui)
{
	struct live *l = &ui->live;
	struct model peek;

	l->importing = false;
	l->writers[0] = '\0';
	if (model_open(&peek, model_path(ui->m), MODEL_READONLY) == ERR_OK) {
		l->importing = model_import_running(&peek, l->importer,
						    sizeof l->importer);
		writers_text(&peek, l->writers, sizeof l->writers);
	}
	model_close(&peek);
}

bool
live_waiting(void *arg, int64_t waited_ms)
{
	struct ui *ui = arg;
	struct live *l = &ui->live;
	char line[512];
	wint_t wch;
	int st;

	/* A short wait is not worth a word. */
	if (waited_ms < 300) {
		l->wait_shown = 0;
		return true;
	}
	/* The keys a waiting person may press. */
	wtimeout(ui->input, 0);
	while ((st = wget_wch(ui->input, &wch)) != ERR) {
		if (st == OK && wch == 27)
			return false;
		if (st == OK && wch == 12)
			clearok(curscr, TRUE);
	}
	if (l->wait_shown && mono_now() - l->wait_shown < 0.25)
		return true;
	if (!l->wait_shown)
		read_writers(ui);
	l->wait_shown = mono_now();
	if (l->importing)
		snprintf(line, sizeof line,
			 _("Waiting for the database: %s is importing — %lld s. Esc: stop waiting"),
			 l->importer, (long long)(waited_ms / 1000));
	else if (l->writers[0])
		snprintf(line, sizeof line,
			 _("Waiting for the database: another session is writing (open: %s) — %lld s. Esc: stop waiting"),
			 l->writers, (long long)(waited_ms / 1000));
	else
		snprintf(line, sizeof line,
			 _("Waiting for the database: another session is writing — %lld s. Esc: stop waiting"),
			 (long long)(waited_ms / 1000));
	ui_working(ui, line);
	return true;
}
