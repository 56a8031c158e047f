/* SPDX-License-Identifier: EUPL-1.2 */
/* model_undo.c — an import that commits in slices, and its rollback.
 *
 * model_import_json commits every IMPORT_SLICE_RECORDS records or
 * IMPORT_SLICE_MS milliseconds, whichever comes first, so that others'
 * writes never wait long for the lock; what it wrote is journalled in
 * the database (db/store_undo.c) with each slice.  When the import
 * fails after a slice was committed, the journal is run backwards, in
 * slices too.  When its process died instead (killed, the machine
 * stopped), the next salkku that opens the database for writing finds
 * the journal, sees that its owner is gone, and rolls it back. */
#include "config.h"

#include "model.h"
#include "model_internal.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/store.h"
#include "src/base/i18n.h"

/* A run on another host is taken for dead when its heartbeat (each
 * slice) is older than this. */
#define RUN_TTL_SECONDS 120

static time_t
iso_time(const char *iso)
{
	struct tm tm = { 0 };

	if (!strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return 0;
	return timegm(&tm);
}

/* Whether the process that owns run (importing, or rolling back) lives:
 * on this host, by its pid; on another, by its heartbeat. */
static bool
run_alive(const struct import_run *run)
{
	char host[256];
	long pid;

	model_session(host, &pid);
	if (!strcmp(run->host, host))
		return run->pid == pid || kill((pid_t)run->pid, 0) == 0 ||
		       errno == EPERM;
	return time(NULL) - iso_time(run->seen_at) < RUN_TTL_SECONDS;
}

static bool
run_mine(const struct import_run *run)
{
	char host[256];
	long pid;

	model_session(host, &pid);
	return !strcmp(run->host, host) && run->pid == pid;
}

bool
model_import_running(struct model *m, char *user, size_t size)
{
	struct import_run run;

	if (!m->db || store_undo_run(m->db, &run, NULL) != ERR_OK ||
	    !run_alive(&run) || run_mine(&run))
		return false;
	snprintf(user, size, "%s", run.user);
	return true;
}

int
model_undo_start(struct model *m, const char *file)
{
	struct import_run run = { 0 }, other;
	int rc = store_undo_run(m->db, &other, &m->err);

	if (rc == ERR_OK)
		return error_set(&m->err, ERR_DATABASE, NULL,
				 _("%s is importing %s (since %s); try again when that import has ended"),
				 other.user, other.file, other.started_at);
	if (rc != ERR_NOT_FOUND)
		return rc;
	snprintf(run.user, sizeof run.user, "%s", m->user);
	snprintf(run.file, sizeof run.file, "%s", file);
	model_session(run.host, &run.pid);
	model_now_utc(run.started_at);
	return store_undo_start(m->db, &run, &m->err);
}

/* One slice of a rollback, in its own transaction: ERR_NOT_FOUND once
 * nothing is left to roll back, ERR_DATABASE when another live process
 * owns the journal. */
static int
rollback_slice(struct model *m, size_t *kept, bool *done)
{
	struct import_run run;
	char host[256], now[32];
	long pid;
	int rc;

	if ((rc = db_begin(m->db, &m->err)) != ERR_OK)
		return rc;
	rc = store_undo_run(m->db, &run, &m->err);
	if (rc == ERR_OK && !run_mine(&run) && run_alive(&run))
		rc = error_set(&m->err, ERR_DATABASE, NULL,
			       _("%s's import of %s is being rolled back by another process"),
			       run.user, run.file);
	if (rc == ERR_OK) {
		model_session(host, &pid);
		model_now_utc(now);
		rc = store_undo_claim(m->db, host, pid, now, &m->err);
	}
	if (rc == ERR_OK)
		rc = store_undo_apply(m->db, IMPORT_SLICE_MS, kept, done, &m->err);
	if (rc == ERR_OK && *done)
		rc = store_undo_forget(m->db, &m->err);
	if (rc == ERR_NOT_FOUND) {
		db_rollback(m->db);
		*done = true;
		return ERR_OK;
	}
	return model_finish(m, rc);
}

int
model_undo_rollback(struct model *m, size_t *kept)
{
	bool done = false;
	int rc = ERR_OK;

	store_undo_stop(m->db);
	*kept = 0;
	while (rc == ERR_OK && !done)
		rc = rollback_slice(m, kept, &done);
	return rc;
}

void
model_undo_recover(struct model *m)
{
	struct import_run run;
	struct error saved = m->err;
	size_t kept = 0;
	int rc;

	if (m->read_only || store_undo_run(m->db, &run, NULL) != ERR_OK ||
	    run_alive(&run))
		return;
	rc = model_undo_rollback(m, &kept);
	if (rc != ERR_OK)
		snprintf(m->notice, sizeof m->notice,
			 _("an import of %s by %s (started %s) was interrupted, and rolling it back failed: %s"),
			 run.file, run.user, run.started_at, m->err.message);
	else if (kept)
		snprintf(m->notice, sizeof m->notice,
			 P_("an import of %s by %s (started %s) was interrupted: it was rolled back, except %zu record others changed meanwhile",
			    "an import of %s by %s (started %s) was interrupted: it was rolled back, except %zu records others changed meanwhile",
			    kept),
			 run.file, run.user, run.started_at, kept);
	else
		snprintf(m->notice, sizeof m->notice,
			 _("an import of %s by %s (started %s) was interrupted: it was rolled back"),
			 run.file, run.user, run.started_at);
	m->err = saved;
}
