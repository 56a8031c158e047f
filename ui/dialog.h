/* SPDX-License-Identifier: EUPL-1.2 */
/* dialog.h — small modals: a prompt on the status line, a yes/no
 * question, the status change dialog, the filter and the sort choice.
 *
 * Each takes a callback and a context; a context the dialog owns is
 * freed with the free function given (which may be NULL). */
#ifndef SALKKU_UI_DIALOG_H
#define SALKKU_UI_DIALOG_H

#include <stdbool.h>

#include <stddef.h>

#include "src/base/query.h"
#include "src/base/record.h"
#include "src/core/model.h"

struct ui;
struct portfolio_filter;

typedef void (*prompt_fn)(struct ui *ui, void *ctx, const char *text);

/* A one-line prompt over the status line, starting with initial (may be
 * NULL).  on_change (may be NULL) gets the text after every edit, for
 * incremental search; on_done gets it on Enter, or NULL on Esc. */
void dialog_prompt(struct ui *ui, const char *label, const char *initial,
		   prompt_fn on_change, prompt_fn on_done, void *ctx);

typedef void (*confirm_fn)(struct ui *ui, void *ctx, bool yes);

/* A question in a box, answered with y (yes) or n/Esc (no).  The
 * question names what will happen.  ctx is freed with free_ctx after
 * done has run. */
void dialog_confirm(struct ui *ui, const char *title, const char *question,
		    confirm_fn done, void *ctx, void (*free_ctx)(void *));

/* The status change dialog for project: the moves the workflow allows
 * (all statuses, forced, after "!"), the date (today by default) and a
 * reason.  Writes through change_status(). */
void dialog_status(struct ui *ui, const struct record *project);

/* x on a deadline: an open one is marked done on the day typed (today
 * to begin with); a done or cancelled one is opened again. */
void dialog_deadline_done(struct ui *ui, const struct record *d);

/* Cancels deadline d for the reason typed (a cancelled one is opened
 * again). */
void dialog_deadline_cancel(struct ui *ui, const struct record *d);

typedef void (*policy_fn)(struct ui *ui, void *ctx, enum deadline_policy p);

/* Asks what becomes of the n open deadlines of a closing project: done
 * (d), cancelled (c) or kept open (k); done() is not called on Esc.
 * ctx stays the caller's. */
void dialog_open_deadlines(struct ui *ui, const struct record *project,
			   size_t n, policy_fn done, void *ctx);

/* Asks before deleting rec, naming what will go with it (a project's
 * roles, funding, deadlines, notes…), then deletes through
 * change_delete().  done (may be NULL) runs after a deletion. */
void dialog_delete(struct ui *ui, const struct record *rec,
		   void (*done)(struct ui *ui));

/* An occurrence of a repeating deadline: is a change about this
 * occurrence or the whole series? */
enum series_scope { SCOPE_NONE, SCOPE_ONE, SCOPE_SERIES };

typedef void (*scope_fn)(struct ui *ui, void *ctx, enum series_scope scope);

/* Asks it (o: this occurrence, s: the whole series unless
 * !series_allowed, Esc: SCOPE_NONE); done runs with the answer, then
 * ctx is freed with free_ctx (may be NULL). */
void dialog_series_scope(struct ui *ui, const char *title, const char *question,
			 bool series_allowed, scope_fn done, void *ctx,
			 void (*free_ctx)(void *ctx));

/* Deletes deadline d, an occurrence of a series, or the whole series,
 * as the user answers; done (may be NULL) runs after a deletion. */
void dialog_deadline_delete(struct ui *ui, const struct record *d,
			    void (*done)(struct ui *ui));

/* The filter of the portfolio (ui->filter): status, funder, partner,
 * theme and year, each changed on Enter and cleared with Delete. */
void dialog_filter(struct ui *ui);

/* Sorting: a list of the columns; the current one again reverses. */
void dialog_sort(struct ui *ui);

/* The filter as a project query (strings borrowed from f). */
void filter_query(const struct portfolio_filter *f, struct project_query *q);

/* The filter for the title line ("status=active,applied funder=STM"),
 * "" when there is none. */
void filter_describe(const struct portfolio_filter *f, char *buf, size_t size);

/* Clears the filter (not the sort). */
void filter_clear(struct ui *ui);
/* Frees what f holds and empties it (not the sort). */
void filter_reset(struct portfolio_filter *f);
/* dst becomes a copy of src with strings of its own (filter_reset frees
 * them).  0, or -1 when out of memory (dst empty). */
int filter_copy(struct portfolio_filter *dst, const struct portfolio_filter *src);

/* The title of a sort key ("Budget"), translated. */
const char *sort_title(enum project_sort s);

#endif
