/* schema.c — the schema as numbered migrations.
 *
 * Migration N brings PRAGMA user_version to N.  A migration, once
 * released, is never edited: a database in the field has already run
 * it.  Change the schema by appending a migration (ALTER TABLE ... ADD
 * COLUMN for a new field, DROP/CREATE for a changed index or trigger).
 *
 * Conventions: one table per entity (entity_def.table) with id, uuid,
 * version, updated_at, updated_by and one column per field named as in
 * src/entity.c; TEXT for text, dates (ISO), enums (the key) and refs
 * (the uuid); INTEGER for money (cents), hundredths and bools.  Required
 * fields are NOT NULL.  Enum keys are not CHECKed: the model validates
 * them, and a CHECK could only be changed by rebuilding the table. */
#include "config.h"

#include "db_internal.h"

#include <stdio.h>

#include "src/base/i18n.h"

#define RECORD_META \
	"id INTEGER PRIMARY KEY, " \
	"uuid TEXT NOT NULL UNIQUE, " \
	"version INTEGER NOT NULL, " \
	"updated_at TEXT NOT NULL, " \
	"updated_by TEXT NOT NULL, "

#define OWNED_BY_PROJECT \
	"project TEXT NOT NULL REFERENCES project(uuid) ON DELETE CASCADE, "

/* 1: the tables, their uniqueness and the indexes of their references
 * (those from an organisation cover the project, so that listing an
 * organisation's projects reads no rows). */
static const char migration_1[] =
	"PRAGMA application_id = 1396788299;"

	"CREATE TABLE organisation (" RECORD_META
	"name TEXT NOT NULL, short_name TEXT, kind TEXT NOT NULL, "
	"region TEXT, website TEXT);"
	"CREATE UNIQUE INDEX organisation_name_unique "
	"ON organisation(name COLLATE fold);"
	"CREATE INDEX organisation_short_name "
	"ON organisation(short_name COLLATE fold);"

	"CREATE TABLE project (" RECORD_META
	"code TEXT NOT NULL, name TEXT NOT NULL, description TEXT, "
	"status TEXT NOT NULL, planned_start TEXT, planned_end TEXT, "
	"actual_start TEXT, actual_end TEXT, themes TEXT, region TEXT, "
	"budget INTEGER, person_years INTEGER, website TEXT);"
	"CREATE UNIQUE INDEX project_code_unique ON project(code COLLATE fold);"

	"CREATE TABLE project_role (" RECORD_META OWNED_BY_PROJECT
	"organisation TEXT NOT NULL "
	"REFERENCES organisation(uuid) ON DELETE RESTRICT, "
	"role TEXT NOT NULL, budget_share INTEGER, note TEXT);"
	"CREATE INDEX project_role_project ON project_role(project, role);"
	"CREATE INDEX project_role_organisation "
	"ON project_role(organisation, role, project);"

	"CREATE TABLE funding (" RECORD_META OWNED_BY_PROJECT
	"funder TEXT NOT NULL REFERENCES organisation(uuid) ON DELETE RESTRICT, "
	"programme TEXT, applied INTEGER, granted INTEGER, "
	"decision_date TEXT, reference TEXT);"
	/* A project's main funder is the first entry, read backwards. */
	"CREATE INDEX funding_project "
	"ON funding(project, granted, applied, funder);"
	"CREATE INDEX funding_funder ON funding(funder, project);"

	"CREATE TABLE status_change (" RECORD_META OWNED_BY_PROJECT
	"from_status TEXT, to_status TEXT NOT NULL, date TEXT NOT NULL, "
	"\"by\" TEXT, reason TEXT, forced INTEGER CHECK (forced IN (0, 1)));"
	"CREATE INDEX status_change_project ON status_change(project, date);"

	"CREATE TABLE deadline (" RECORD_META OWNED_BY_PROJECT
	"kind TEXT NOT NULL, title TEXT NOT NULL, due TEXT NOT NULL, "
	"done INTEGER CHECK (done IN (0, 1)), done_date TEXT);"
	"CREATE INDEX deadline_project ON deadline(project, due);"

	"CREATE TABLE note (" RECORD_META OWNED_BY_PROJECT
	"date TEXT NOT NULL, author TEXT, body TEXT NOT NULL);"
	"CREATE INDEX note_project ON note(project, date);"

	"CREATE TABLE outcome (" RECORD_META OWNED_BY_PROJECT
	"label TEXT NOT NULL, value INTEGER NOT NULL, unit TEXT, date TEXT);"
	"CREATE INDEX outcome_project ON outcome(project, date);"

	/* The history outlives the records, so it has no foreign keys. */
	"CREATE TABLE change_log ("
	"id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, "
	"at TEXT NOT NULL, who TEXT NOT NULL, "
	"action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')), "
	"entity TEXT NOT NULL, record_uuid TEXT NOT NULL, project_uuid TEXT, "
	"record_title TEXT, field TEXT, old_value TEXT, new_value TEXT);"
	"CREATE INDEX change_log_project ON change_log(project_uuid, at);"
	"CREATE INDEX change_log_record ON change_log(record_uuid, at);"
	"CREATE INDEX change_log_at ON change_log(at);";

/* Two triggers on event: the full-text rows of the projects whose uuids
 * the SELECT `uuids` yields are recomputed from project_fts_source — or,
 * while a row in fts_pause says that a bulk import is running, those
 * projects are noted in fts_pending for one refresh at its end
 * (store_json_items).  Rows go in in rowid order: FTS5 writes out its
 * pending terms whenever a rowid comes lower than the one before.  Part
 * of migration 2's frozen text. */
#define PAUSED "EXISTS (SELECT 1 FROM fts_pause)"
#define FTS_TRIGGERS(name, event, uuids) \
	"CREATE TRIGGER " name " AFTER " event " WHEN NOT " PAUSED " BEGIN " \
	"DELETE FROM project_fts WHERE rowid IN " \
	"(SELECT id FROM project WHERE uuid IN (" uuids "));" \
	"INSERT INTO project_fts (rowid, code, name, description, notes, " \
	"organisations) SELECT id, code, name, description, notes, " \
	"organisations FROM project_fts_source WHERE uuid IN (" uuids ") " \
	"ORDER BY id;" \
	"END;" \
	"CREATE TRIGGER " name "_paused AFTER " event " WHEN " PAUSED " BEGIN " \
	"INSERT OR IGNORE INTO fts_pending (project) " uuids ";" \
	"END;"

/* A note, role or funding line changes its project's row (both rows,
 * when it moves between projects). */
#define FTS_CHILD_TRIGGERS(table, columns) \
	FTS_TRIGGERS(table "_fts_insert", "INSERT ON " table, \
		     "SELECT new.project") \
	FTS_TRIGGERS(table "_fts_delete", "DELETE ON " table, \
		     "SELECT old.project") \
	FTS_TRIGGERS(table "_fts_update", \
		     "UPDATE OF project, " columns " ON " table, \
		     "SELECT old.project UNION SELECT new.project")

/* 2: the indexes behind every sort key of the project list, and the
 * full-text index.  The index holds one row per project (rowid = the
 * project's id) computed by the view project_fts_source; triggers
 * recompute a project's row whenever it, its notes, its roles, its
 * funding lines or the names of its organisations change, so that
 * every writer (store functions, imports, cascades) keeps it current.
 * Diacritics are kept: a and ä are different letters in Finnish.  The
 * index records in which column a word is, not where: searches are
 * words and prefixes, never phrases, and it is half the size and twice
 * as fast to build. */
static const char migration_2[] =
	"CREATE INDEX project_code ON project(code COLLATE nordic);"
	"CREATE INDEX project_name ON project(name COLLATE nordic);"
	"CREATE INDEX project_status ON project(status);"
	/* Lifecycle order of the statuses for sorting; store_query.c builds
	 * the same expression from src/entity.c, and a test checks that
	 * the planner still uses this index. */
	"CREATE INDEX project_status_order ON project(CASE status "
	"WHEN 'idea' THEN 0 WHEN 'preparing' THEN 1 WHEN 'applied' THEN 2 "
	"WHEN 'granted' THEN 3 WHEN 'rejected' THEN 4 WHEN 'active' THEN 5 "
	"WHEN 'reporting' THEN 6 WHEN 'closed' THEN 7 WHEN 'cancelled' THEN 8 "
	"WHEN 'withdrawn' THEN 9 END);"
	"CREATE INDEX project_start "
	"ON project(coalesce(actual_start, planned_start));"
	"CREATE INDEX project_end ON project(coalesce(actual_end, planned_end));"
	"CREATE INDEX project_budget ON project(budget);"
	"CREATE INDEX organisation_name ON organisation(name COLLATE nordic);"
	"CREATE INDEX deadline_due ON deadline(due);"

	"CREATE VIEW project_fts_source (id, uuid, code, name, description, "
	"notes, organisations) AS SELECT p.id, p.uuid, p.code, p.name, "
	"p.description, "
	"(SELECT group_concat(body, ' ') FROM (SELECT body FROM note "
	"WHERE project = p.uuid ORDER BY date, id)), "
	"(SELECT group_concat(label, ' ') FROM (SELECT o.name || "
	"coalesce(' ' || o.short_name, '') AS label FROM organisation o "
	"WHERE o.uuid IN (SELECT organisation FROM project_role "
	"WHERE project = p.uuid UNION SELECT funder FROM funding "
	"WHERE project = p.uuid) ORDER BY o.id)) "
	"FROM project p;"

	"CREATE VIRTUAL TABLE project_fts USING fts5 (code, name, description, "
	"notes, organisations, "
	"tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3', "
	"detail = column);"
	"INSERT INTO project_fts (rowid, code, name, description, notes, "
	"organisations) SELECT id, code, name, description, notes, "
	"organisations FROM project_fts_source;"
	/* Empty outside a bulk import's transaction. */
	"CREATE TABLE fts_pause (paused INTEGER);"
	"CREATE TABLE fts_pending (project TEXT PRIMARY KEY) WITHOUT ROWID;"

	FTS_TRIGGERS("project_fts_insert", "INSERT ON project", "SELECT new.uuid")
	FTS_TRIGGERS("project_fts_update",
		     "UPDATE OF code, name, description ON project",
		     "SELECT new.uuid")
	"CREATE TRIGGER project_fts_delete AFTER DELETE ON project BEGIN "
	"DELETE FROM project_fts WHERE rowid = old.id; END;"
	FTS_CHILD_TRIGGERS("note", "date, body")
	FTS_CHILD_TRIGGERS("project_role", "organisation")
	FTS_CHILD_TRIGGERS("funding", "funder")
	FTS_TRIGGERS("organisation_fts_update",
		     "UPDATE OF name, short_name ON organisation",
		     "SELECT project FROM project_role WHERE organisation = new.uuid "
		     "UNION SELECT project FROM funding WHERE funder = new.uuid");

/* 3: who has the portfolio open (db/presence.c): one row per TUI
 * session, kept fresh by its heartbeat.  Not records: no uuid, version
 * or change log, and no reference to the project, which may go while
 * someone looks at it. */
static const char migration_3[] =
	"CREATE TABLE presence (host TEXT NOT NULL, pid INTEGER NOT NULL, "
	"user TEXT NOT NULL, project TEXT, since TEXT NOT NULL, "
	"seen_at TEXT NOT NULL, PRIMARY KEY (host, pid)) WITHOUT ROWID;"
	"CREATE INDEX presence_seen ON presence(seen_at);";

/* 4: where a change came from: NULL for salkku's own edits, the file's
 * name for those an import made (store_set_source). */
static const char migration_4[] =
	"ALTER TABLE change_log ADD COLUMN source TEXT;";

/* 5: the full-text index by base forms: the tokenizer "salkku"
 * (db/db_words.c) in place of unicode61.  The index is left empty, and
 * fts_analyser too: db_fts_refresh, run by db_open after the
 * migrations, fills both with the analyser this build has. */
static const char migration_5[] =
	"DROP TABLE project_fts;"
	"CREATE VIRTUAL TABLE project_fts USING fts5 (code, name, description, "
	"notes, organisations, tokenize = 'salkku', prefix = '2 3', "
	"detail = column);"
	"CREATE TABLE fts_analyser (name TEXT NOT NULL);";

static const char *const migrations[] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
};

int
db_schema_latest(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

int
db_migrate(struct db *db, int target, struct error *err)
{
	int64_t version = 0;
	int rc;

	if ((rc = db_query_int(db, "PRAGMA user_version", &version, err)))
		return rc;
	for (int v = (int)version + 1; v <= target; v++) {
		char pragma[64];

		if ((rc = db_exec(db, "BEGIN IMMEDIATE", err)))
			return rc;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
		if ((rc = db_exec(db, migrations[v - 1], err)) ||
		    (rc = db_exec(db, pragma, err)) ||
		    (rc = db_exec(db, "COMMIT", err))) {
			char detail[sizeof err->message];

			db_exec(db, "ROLLBACK", NULL);
			snprintf(detail, sizeof detail, "%s",
				 err ? err->message : "");
			return error_set(err, ERR_DATABASE, NULL,
					 _("cannot upgrade the database to schema %d: %s"),
					 v, detail);
		}
	}
	return ERR_OK;
}
