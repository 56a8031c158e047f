/* SPDX-License-Identifier: EUPL-1.2 */
/* presence.c — the presence table: one row per open TUI session. */
#include "config.h"

#include "presence.h"

#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "src/base/format.h"

/* The time PRESENCE_TTL seconds before now, as ISO text that compares
 * correctly with the stored times (both "YYYY-MM-DDTHH:MM:SSZ"). */
static void
presence_cutoff(const char *now, char out[32])
{
	int y, mo, d, h, mi, s;
	char day[11], prev[11];
	long secs;

	if (sscanf(now, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) != 6) {
		snprintf(out, 32, "%s", now);
		return;
	}
	secs = h * 3600L + mi * 60L + s - PRESENCE_TTL;
	snprintf(day, sizeof day, "%04d-%02d-%02d", y, mo, d);
	if (secs < 0) {
		if (date_add_days(day, -1, prev) == 0)
			memcpy(day, prev, sizeof day);
		secs += 86400;
	}
	snprintf(out, 32, "%sT%02ld:%02ld:%02ldZ", day, secs / 3600,
		 secs / 60 % 60, secs % 60);
}

/* A heartbeat is worth one try, never a wait: while another process
 * holds the write lock the screen must not freeze for a presence row
 * that the next beat writes anyway. */
static int
presence_begin(struct db *db, struct error *err)
{
	int rc, timeout = db->busy_timeout_ms;

	db->busy_timeout_ms = 0;
	rc = db_exec(db, "BEGIN IMMEDIATE", err);
	db->busy_timeout_ms = timeout;
	return rc;
}

int
presence_touch(struct db *db, const char *host, long pid, const char *user,
	       const char *project_uuid, const char *now, struct error *err)
{
	char cutoff[32];
	sqlite3_stmt *st = NULL;
	int rc;

	if ((rc = presence_begin(db, err)) != ERR_OK)
		return rc;
	/* "since" stays as it was while the session stays on one project. */
	st = db_prepare(db,
		"INSERT INTO presence (host, pid, user, project, since, seen_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?5) "
		"ON CONFLICT (host, pid) DO UPDATE SET user = ?3, seen_at = ?5, "
		"since = CASE WHEN project IS ?4 THEN since ELSE ?5 END, "
		"project = ?4", err);
	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_text(st, 3, user, -1, SQLITE_STATIC);
	db_bind_text(st, 4, project_uuid);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = db_fail(db, err, "presence");
		goto fail;
	}
	db_done(st);
	/* Sessions that died (kill -9, a dropped ssh link) stop beating;
	 * whoever beats next sweeps them away. */
	presence_cutoff(now, cutoff);
	st = db_prepare(db, "DELETE FROM presence WHERE seen_at < ?1", err);
	if (!st)
		goto fail;
	sqlite3_bind_text(st, 1, cutoff, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		rc = db_fail(db, err, "presence");
		goto fail;
	}
	db_done(st);
	return db_commit(db, err);
fail:
	db_done(st);
	db_rollback(db);
	return rc != ERR_OK ? rc : ERR_DATABASE;
}

int
presence_others(struct db *db, const char *host, long pid,
		const char *project_uuid, const char *now,
		struct presence *out, size_t max, size_t *count,
		struct error *err)
{
	char cutoff[32];
	sqlite3_stmt *st;
	int rc = ERR_OK, step;

	*count = 0;
	presence_cutoff(now, cutoff);
	st = db_prepare(db,
		"SELECT user, coalesce(project, ''), since FROM presence "
		"WHERE NOT (host = ?1 AND pid = ?2) AND seen_at >= ?3 "
		"AND (?4 IS NULL OR project = ?4) ORDER BY since, user", err);
	if (!st)
		return ERR_DATABASE;
	sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_text(st, 3, cutoff, -1, SQLITE_STATIC);
	db_bind_text(st, 4, project_uuid);
	while ((step = sqlite3_step(st)) == SQLITE_ROW && *count < max) {
		struct presence *p = &out[(*count)++];

		db_column_copy(st, 0, p->user, sizeof p->user);
		db_column_copy(st, 1, p->project_uuid, sizeof p->project_uuid);
		db_column_copy(st, 2, p->since, sizeof p->since);
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = db_fail(db, err, "presence");
	db_done(st);
	return rc;
}

int
presence_leave(struct db *db, const char *host, long pid, struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = presence_begin(db, err)) != ERR_OK)
		return rc;
	st = db_prepare(db, "DELETE FROM presence WHERE host = ?1 AND pid = ?2", err);
	if (!st) {
		db_rollback(db);
		return ERR_DATABASE;
	}
	sqlite3_bind_text(st, 1, host, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, pid);
	rc = sqlite3_step(st) == SQLITE_DONE ? ERR_OK : db_fail(db, err, "presence");
	db_done(st);
	if (rc != ERR_OK) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, err);
}
