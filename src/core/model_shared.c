/* SPDX-License-Identifier: EUPL-1.2 */
/* model_shared.c — what a session needs to know of the others: when
 * they commit, and who has which project open. */
#include "config.h"

#include "model.h"
#include "model_internal.h"

#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/presence.h"
#include "readers.h"

/* This session's identity in the presence table: host and process id,
 * so that two sessions of one user on one project are two rows. */
void
model_session(char host[256], long *pid)
{
	if (gethostname(host, 256) != 0)
		host[0] = '\0';
	host[255] = '\0';
	*pid = (long)getpid();
}

/* The real time, never the frozen test clock (SALKKU_NOW): whether a
 * session still beats is a matter of seconds that really passed. */
void
model_now_utc(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int64_t
model_data_version(struct model *m)
{
	return db_data_version(m->db);
}

int
model_presence_touch(struct model *m, const char *project_uuid)
{
	char host[256], now[32];
	long pid;

	model_session(host, &pid);
	model_now_utc(now);
	/* A reader cannot write the presence table: it says so beside it. */
	if (m->read_only) {
		readers_touch(model_path(m), m->user, project_uuid, now);
		return ERR_OK;
	}
	return presence_touch(m->db, host, pid, m->user, project_uuid, now,
			      &m->err);
}

int
model_presence_others(struct model *m, const char *project_uuid,
		      struct presence *out, size_t max, size_t *count)
{
	char host[256], now[32];
	long pid;

	int rc;

	model_session(host, &pid);
	model_now_utc(now);
	rc = presence_others(m->db, host, pid, project_uuid, now, out, max,
			     count, &m->err);
	if (rc == ERR_OK)
		readers_others(model_path(m), project_uuid, out, max, count);
	return rc;
}

void
model_set_wait_hook(struct model *m, bool (*fn)(void *arg, int64_t waited_ms),
		    void *arg)
{
	db_set_wait_hook(m->db, fn, arg);
}

void
model_set_cancel(struct model *m, model_cancel_fn fn, void *arg)
{
	db_set_cancel(m->db, fn, arg);
}

bool
model_cancelled(const struct model *m)
{
	return db_cancelled(m->db);
}

bool
model_file_gone(struct model *m)
{
	return db_file_gone(m->db);
}

void
model_presence_leave(struct model *m)
{
	char host[256];
	long pid;

	if (m->read_only) {
		readers_leave(model_path(m), m->user);
		return;
	}
	model_session(host, &pid);
	presence_leave(m->db, host, pid, NULL);
}
