/* SPDX-License-Identifier: EUPL-1.2 */
/* model_internal.h — what the model's own files share and nobody else
 * calls: steps of a transaction that another model call holds. */
#ifndef SALKKU_MODEL_INTERNAL_H
#define SALKKU_MODEL_INTERNAL_H

#include "model.h"

/* ERR_USAGE, saying why, when this session may not write (read-only, or
 * no write permission): the same answer for every kind of change. */
int model_check_writable(struct model *m);

/* Ends a write transaction: commits when rc is ERR_OK, else rolls back
 * so that nothing of a failed action stays.  Returns the outcome. */
int model_finish(struct model *m, int rc);

/* Inside model_set_status's transaction: settles the open deadlines of
 * project, which moves to final status `to` on date (ISO) for reason
 * (may be NULL), by policy.  DEADLINES_REFUSE with open deadlines is
 * ERR_INVALID listing them. */
int model_close_deadlines(struct model *m, const struct record *project,
			  const char *to, const char *date, const char *reason,
			  enum deadline_policy policy);

/* This process's identity among the sessions: host name and pid
 * (model_shared.c). */
void model_session(char host[256], long *pid);

/* The real time now, ISO UTC, never the frozen test clock. */
void model_now_utc(char out[32]);

/* ---- model_undo.c: the undo journal of an import in slices ------- */

/* A slice: how long at most (ms), and how many records at most; and
 * how many projects' search words a slice of their own makes.  The
 * time is the bound that counts: each commit writes every page the
 * slice touched in the uuid indexes, where records land at random, so
 * slices of a few hundred records made a 10,000-project import twice
 * as slow. */
#define IMPORT_SLICE_RECORDS 5000
#define IMPORT_SLICE_MS 200
#define IMPORT_SLICE_WORDS 200

/* Inside a write transaction: this process is importing file; journal
 * what it writes from now on.  ERR_DATABASE naming who, while another
 * import runs. */
int model_undo_start(struct model *m, const char *file);

/* Outside any transaction: rolls back what the journal holds, in
 * slices, and empties it; *kept counts the records left as others
 * changed them meanwhile.  m->err says why when it cannot end (the next
 * writable open goes on). */
int model_undo_rollback(struct model *m, size_t *kept);

/* At a writable open: a journal left by an import whose process died is
 * rolled back, and m->notice says so.  One whose process lives is left
 * alone. */
void model_undo_recover(struct model *m);

#endif
