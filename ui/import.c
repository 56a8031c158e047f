/* SPDX-License-Identifier: EUPL-1.2 */
/* import.c — an exchange file in, conflicts settled one by one. */
#include "config.h"

#include "import.h"

#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "conflict.h"
#include "dialog.h"

/* A record in conflict, as the trial import found it. */
struct import_conflict {
	struct record *ours;    /* NULL: deleted here */
	struct record *theirs;  /* NULL: deleted in the file */
	uint64_t fields;
};

/* One import under way: the file, its conflicts and the sides chosen
 * so far.  Each conflict screen hands it to the next; the last one
 * open frees it (handed_on says the closing one passed it on). */
struct import_state {
	char *path;
	struct import_conflict *items;
	size_t n, cap, at;
	struct import_choice *choices;
	char (*uuids)[UUID_LEN + 1];
	bool handed_on;
	bool failed;  /* out of memory while collecting */
};

static void
state_free(void *ctx)
{
	struct import_state *st = ctx;

	if (!st)
		return;
	if (st->handed_on) {
		st->handed_on = false;
		return;
	}
	for (size_t i = 0; i < st->n; i++) {
		record_free(&st->items[i].ours);
		record_free(&st->items[i].theirs);
	}
	free(st->items);
	free(st->choices);
	free(st->uuids);
	free(st->path);
	free(st);
}

static void
collect(const struct record *ours, const struct record *theirs,
	uint64_t fields, void *arg)
{
	struct import_state *st = arg;
	struct import_conflict *c;

	if (st->n == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 8;
		struct import_conflict *more = realloc(st->items, cap * sizeof *more);

		if (!more) {
			st->failed = true;
			return;
		}
		st->items = more;
		st->cap = cap;
	}
	c = &st->items[st->n];
	c->ours = ours ? record_dup(ours) : NULL;
	c->theirs = theirs ? record_dup(theirs) : NULL;
	c->fields = fields;
	if ((ours && !c->ours) || (theirs && !c->theirs)) {
		record_free(&c->ours);
		record_free(&c->theirs);
		st->failed = true;
		return;
	}
	st->n++;
}

static size_t
total(const size_t n[ENT_COUNT])
{
	size_t sum = 0;

	for (size_t k = 0; k < ENT_COUNT; k++)
		sum += n[k];
	return sum;
}

/* The import itself, with the sides chosen. */
static void
run(struct ui *ui, struct import_state *st)
{
	struct import_options opt = { .side = IMPORT_ASK, .choices = st->choices,
				      .nchoices = st->at };
	struct import_counts n;
	char added[40], updated[40], deleted[40], settled[40];

	if (model_import_json(ui->m, st->path, &opt, &n) != ERR_OK) {
		ui_model_error(ui);
		return;
	}
	ui_data_changed(ui);
	format_count(added, sizeof added, (int64_t)total(n.added), ui->fmt);
	format_count(updated, sizeof updated, (int64_t)total(n.updated), ui->fmt);
	format_count(deleted, sizeof deleted, (int64_t)total(n.deleted), ui->fmt);
	format_count(settled, sizeof settled, (int64_t)total(n.conflicts),
		     ui->fmt);
	ui_message(ui, _("Imported: %s added, %s updated, %s deleted, %s conflicts settled (from %s)"),
		   added, updated, deleted, settled, st->path);
}

static void show(struct ui *ui, struct import_state *st);

/* The side of the conflict on screen; then the next, or the import. */
static void
choose(struct ui *ui, struct import_state *st, enum import_side side)
{
	const struct import_conflict *c = &st->items[st->at];

	memcpy(st->uuids[st->at], c->ours ? c->ours->uuid : c->theirs->uuid,
	       UUID_LEN + 1);
	st->choices[st->at].record = st->uuids[st->at];
	st->choices[st->at].side = side;
	if (++st->at < st->n) {
		st->handed_on = true;
		show(ui, st);
	} else {
		run(ui, st);
	}
}

static void
keep_ours(struct ui *ui, void *ctx, const struct record *unused)
{
	(void)unused;
	choose(ui, ctx, IMPORT_OURS);
}

static void
take_file(struct ui *ui, void *ctx, const struct record *unused)
{
	(void)unused;
	choose(ui, ctx, IMPORT_THEIRS);
}

static void
give_up(struct ui *ui, void *ctx, const struct record *unused)
{
	struct import_state *st = ctx;

	(void)unused;
	ui_message(ui, _("Nothing was imported from %s"), st->path);
}

static const struct conflict_hooks hooks = {
	.saved = keep_ours, .dropped = take_file, .back = give_up,
	.free_ctx = state_free,
};

static void
show(struct ui *ui, struct import_state *st)
{
	const struct import_conflict *c = &st->items[st->at];

	conflict_open_import(ui, c->ours, c->theirs, c->fields, st->path,
			     (int)st->at + 1, (int)st->n, &hooks, st);
}

/* The file named: a trial without writing, then the conflicts, if any. */
static void
got_path(struct ui *ui, void *ctx, const char *text)
{
	struct import_options opt = { .dry_run = true, .side = IMPORT_ASK,
				      .conflict_record = collect };
	struct import_state *st;
	struct import_counts n;
	int rc;

	(void)ctx;
	if (!text || !*text)
		return;
	if (!(st = calloc(1, sizeof *st)) || !(st->path = strdup(text))) {
		free(st);
		ui_error(ui, "%s", _("Out of memory"));
		return;
	}
	opt.arg = st;
	rc = model_import_json(ui->m, st->path, &opt, &n);
	if (rc == ERR_OK) {
		run(ui, st);
	} else if (rc != ERR_CONFLICT) {
		ui_model_error(ui);
	} else if (st->failed || !st->n ||
		   !(st->choices = calloc(st->n, sizeof *st->choices)) ||
		   !(st->uuids = calloc(st->n, sizeof *st->uuids))) {
		ui_error(ui, "%s", _("Out of memory"));
	} else {
		show(ui, st);
		return;
	}
	state_free(st);
}

void
import_start(struct ui *ui)
{
	dialog_prompt(ui, _("Import JSON file: "), NULL, NULL, got_path, NULL);
}
