/* SPDX-License-Identifier: EUPL-1.2 */
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

/* Raises the version floor to a version that leaves the table: a
 * deleted record's, or one an update lowered.  Part of migration 5's
 * frozen text. */
#define FLOOR "(SELECT value FROM meta WHERE key = 'version_floor')"
#define FLOOR_TRIGGERS(table) \
	"CREATE TRIGGER " table "_floor_delete AFTER DELETE ON " table \
	" WHEN old.version > " FLOOR " BEGIN " \
	"UPDATE meta SET value = old.version WHERE key = 'version_floor'; END;" \
	"CREATE TRIGGER " table "_floor_update AFTER UPDATE OF version ON " \
	table " WHEN new.version < old.version AND old.version > " FLOOR \
	" BEGIN UPDATE meta SET value = old.version " \
	"WHERE key = 'version_floor'; END;"

/* 5: the version floor.  No version this database has handed out, even
 * of a record deleted since, is above it; a restore lifts every record
 * it brings back over it (db_restore.c), so that a version read before
 * the restore never matches again. */
static const char migration_5[] =
	"CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) "
	"WITHOUT ROWID;"
	"INSERT INTO meta (key, value) VALUES ('version_floor', 0);"
	FLOOR_TRIGGERS("organisation")
	FLOOR_TRIGGERS("project")
	FLOOR_TRIGGERS("project_role")
	FLOOR_TRIGGERS("funding")
	FLOOR_TRIGGERS("status_change")
	FLOOR_TRIGGERS("deadline")
	FLOOR_TRIGGERS("note")
	FLOOR_TRIGGERS("outcome");

/* 6: the deadline lifecycle and repeating deadlines: a deadline may be
 * cancelled (when, and why), and one of a series carries the series'
 * uuid, its rule and the date the rule gave it. */
static const char migration_6[] =
	"ALTER TABLE deadline ADD COLUMN cancelled_date TEXT;"
	"ALTER TABLE deadline ADD COLUMN cancel_reason TEXT;"
	"ALTER TABLE deadline ADD COLUMN series TEXT;"
	"ALTER TABLE deadline ADD COLUMN repeat TEXT;"
	"ALTER TABLE deadline ADD COLUMN occurrence TEXT;";

/* An outcome label ending in " (WORD)": the part before it. */
#define LABEL_BEFORE(word) \
	"substr(label, 1, length(label) - length(' (" word ")'))"
#define PRECISION_FROM_LABEL(word, key) \
	"UPDATE outcome SET precision = '" key "', label = " \
	LABEL_BEFORE(word) ", version = version + 1 " \
	"WHERE precision IS NULL AND label LIKE '% (" word ")';"

/* The roles in which an organisation works in a project rather than
 * funds it. */
#define WORKING_ROLES \
	"('administrator', 'main_implementer', 'co_implementer', 'partner')"

/* 7: the money model and outcome targets.  A funding line may be for one
 * year and record what was paid and when it was applied for; a role
 * records the organisation's own financing (omarahoitus); an outcome
 * has a target, says whether it counts a period or everything so far,
 * and how exact it is.  Today's data comes over: a line of a project
 * that starts and ends in one year is for that year; a "funding line"
 * whose funder works in the same project was its own financing and
 * becomes the co-financing of its (first such) role; an outcome label
 * ending in "(lähes)", "(yli)", "(noin)", "(nearly)", "(over)" or
 * "(about)" says its precision. */
static const char migration_7[] =
	"ALTER TABLE funding ADD COLUMN year INTEGER;"
	"ALTER TABLE funding ADD COLUMN paid INTEGER;"
	"ALTER TABLE funding ADD COLUMN applied_date TEXT;"
	"ALTER TABLE project_role ADD COLUMN cofinancing INTEGER;"
	"ALTER TABLE project_role ADD COLUMN cofinancing_percent INTEGER;"
	"ALTER TABLE outcome ADD COLUMN target INTEGER;"
	"ALTER TABLE outcome ADD COLUMN kind TEXT;"
	"ALTER TABLE outcome ADD COLUMN precision TEXT;"
	"CREATE INDEX funding_year ON funding(year, funder);"

	"UPDATE funding SET year = (SELECT CAST(substr(coalesce(p.actual_start, "
	"p.planned_start), 1, 4) AS INTEGER) FROM project p "
	"WHERE p.uuid = funding.project), version = version + 1 "
	"WHERE year IS NULL AND EXISTS (SELECT 1 FROM project p "
	"WHERE p.uuid = funding.project "
	"AND coalesce(p.actual_start, p.planned_start) IS NOT NULL "
	"AND substr(coalesce(p.actual_start, p.planned_start), 1, 4) = "
	"substr(coalesce(p.actual_end, p.planned_end), 1, 4));"

	"UPDATE project_role SET cofinancing = (SELECT sum(coalesce(f.paid, "
	"f.granted, f.applied)) FROM funding f WHERE f.project = "
	"project_role.project AND f.funder = project_role.organisation), "
	"version = version + 1 "
	"WHERE cofinancing IS NULL AND role IN " WORKING_ROLES " "
	"AND id = (SELECT min(r.id) FROM project_role r "
	"WHERE r.project = project_role.project "
	"AND r.organisation = project_role.organisation "
	"AND r.role IN " WORKING_ROLES ") "
	"AND EXISTS (SELECT 1 FROM funding f WHERE f.project = "
	"project_role.project AND f.funder = project_role.organisation);"
	"DELETE FROM funding WHERE EXISTS (SELECT 1 FROM project_role r "
	"WHERE r.project = funding.project AND r.organisation = funding.funder "
	"AND r.role IN " WORKING_ROLES ");"

	PRECISION_FROM_LABEL("lähes", "nearly")
	PRECISION_FROM_LABEL("nearly", "nearly")
	PRECISION_FROM_LABEL("yli", "over")
	PRECISION_FROM_LABEL("over", "over")
	PRECISION_FROM_LABEL("noin", "about")
	PRECISION_FROM_LABEL("about", "about");

/* Part of migration 8's frozen text: what the schema's triggers run
 * when another program writes.  OUTSIDE is true outside salkku's own
 * transactions, which hold a 'writing' row in meta from BEGIN to COMMIT
 * (db_begin, db_commit); it never reaches the file. */
#define OUTSIDE "NOT EXISTS (SELECT 1 FROM meta WHERE key = 'writing')"
#define OUTSIDE_WHO "'(outside salkku)'"
#define OUTSIDE_SOURCE "'outside salkku'"
#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define UUID_SQL \
	"lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || " \
	"substr(hex(randomblob(2)), 2) || '-' || " \
	"substr('89ab', 1 + (abs(random()) % 4), 1) || " \
	"substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"

/* The keys of text_fold_key() and text_sort_key() (src/base/text.c) in
 * SQL alone, character by character through text_key_map: what the
 * triggers store for rows other programs write.  NULL for NULL. */
#define FOLD_KEY_SQL(x) \
	"(WITH RECURSIVE c(i, k) AS (SELECT 1, '' UNION ALL SELECT i + 1, " \
	"k || coalesce((SELECT char(fold) FROM text_key_map " \
	"WHERE cp = unicode(substr(" x ", i, 1))), substr(" x ", i, 1)) " \
	"FROM c WHERE i <= length(" x ")) " \
	"SELECT k FROM c WHERE i = length(" x ") + 1)"
#define SORT_KEY_SQL(x) \
	"(WITH RECURSIVE c(i, k) AS (SELECT 1, '' UNION ALL SELECT i + 1, " \
	"k || (SELECT CASE WHEN w < 128 THEN printf('%02X', w) " \
	"ELSE printf('8%06X', w) END FROM (SELECT coalesce((SELECT weight " \
	"FROM text_key_map WHERE cp = u), CASE WHEN u < 123 THEN u " \
	"ELSE u + 256 END) AS w FROM (SELECT unicode(substr(" x ", i, 1)) " \
	"AS u))) FROM c WHERE i <= length(" x ")) " \
	"SELECT k || ' ' || " x " FROM c WHERE i = length(" x ") + 1)"

/* One change-log row per field an UPDATE changed, as (f, o, n). */
#define CHANGED(col) \
	"SELECT '" col "' AS f, CAST(old.\"" col "\" AS TEXT) AS o, " \
	"CAST(new.\"" col "\" AS TEXT) AS n WHERE old.\"" col "\" IS NOT " \
	"new.\"" col "\""
#define OR_CHANGED(col) " UNION ALL " CHANGED(col)

#define LOG_COLUMNS \
	"INSERT INTO change_log (uuid, at, who, action, entity, record_uuid, " \
	"project_uuid, record_title, field, old_value, new_value, source) "

/* Three triggers on a record table for the writes of other programs:
 * an insert and a delete are logged; an update of fields moves the
 * version (unless the writer moved it up itself), stamps the record
 * as changed outside salkku, refreshes the key columns (`keys`: SET
 * items, or "") and logs each field.  `project` and `title` are
 * macros of the row ("new" or "old") giving the change log's
 * project_uuid and record_title. */
#define OUTSIDE_TRIGGERS(table, entity, project, title, keys, fields, \
			 changes) \
	"CREATE TRIGGER " table "_outside_insert AFTER INSERT ON " table \
	" WHEN " OUTSIDE " BEGIN UPDATE " table " SET " keys \
	"updated_at = " NOW_SQL ", updated_by = " OUTSIDE_WHO \
	" WHERE id = new.id;" \
	LOG_COLUMNS "VALUES (" UUID_SQL ", " NOW_SQL ", " OUTSIDE_WHO \
	", 'insert', '" entity "', new.uuid, " project("new") ", " \
	title("new") ", NULL, NULL, NULL, " OUTSIDE_SOURCE "); END;" \
	"CREATE TRIGGER " table "_outside_update AFTER UPDATE OF " fields \
	" ON " table " WHEN " OUTSIDE " BEGIN UPDATE " table " SET " keys \
	"version = CASE WHEN new.version > old.version THEN new.version " \
	"ELSE old.version + 1 END, updated_at = " NOW_SQL ", updated_by = " \
	OUTSIDE_WHO " WHERE id = new.id;" \
	LOG_COLUMNS "SELECT " UUID_SQL ", " NOW_SQL ", " OUTSIDE_WHO \
	", 'update', '" entity "', new.uuid, " project("new") ", " \
	title("new") ", f, o, n, " OUTSIDE_SOURCE " FROM (" changes ");" \
	"END;" \
	"CREATE TRIGGER " table "_outside_delete AFTER DELETE ON " table \
	" WHEN " OUTSIDE " BEGIN " \
	LOG_COLUMNS "VALUES (" UUID_SQL ", " NOW_SQL ", " OUTSIDE_WHO \
	", 'delete', '" entity "', old.uuid, " project("old") ", " \
	title("old") ", NULL, NULL, NULL, " OUTSIDE_SOURCE "); END;"

/* What the change log names a record by, as store_title() makes it. */
#define NO_PROJECT(r) "NULL"
#define OWN_UUID(r) r ".uuid"
#define OWNER(r) r ".project"
#define ORG_NAME(r) r ".name"
#define PROJECT_CODE(r) r ".code"
/* A role or funding line: its organisation's short name (or name),
 * then its own title field. */
#define ORG_TITLE(r, ref, field) \
	"coalesce((SELECT coalesce(short_name, name) FROM organisation " \
	"WHERE uuid = " r "." ref ") || ': ', '') || coalesce(" r "." field \
	", '')"
#define ROLE_TITLE(r) ORG_TITLE(r, "organisation", "role")
#define FUNDING_TITLE(r) ORG_TITLE(r, "funder", "programme")
#define STATUS_TITLE(r) r ".to_status"
#define DEADLINE_TITLE(r) r ".title"
#define OUTCOME_TITLE(r) r ".label"
/* A note: its first line, cut to 80 characters. */
#define NOTE_TITLE(r) \
	"substr(substr(" r ".body, 1, instr(replace(" r ".body, char(13), " \
	"char(10)) || char(10), char(10)) - 1), 1, 80)"

/* The key columns of a row other programs wrote (SET items). */
#define PROJECT_KEYS \
	"code_key = " FOLD_KEY_SQL("new.code") ", " \
	"code_sort = " SORT_KEY_SQL("new.code") ", " \
	"name_sort = " SORT_KEY_SQL("new.name") ", "
#define ORGANISATION_KEYS \
	"name_key = " FOLD_KEY_SQL("new.name") ", " \
	"short_name_key = " FOLD_KEY_SQL("new.short_name") ", " \
	"name_sort = " SORT_KEY_SQL("new.name") ", "

/* The weights of text_collate() and the folding of text_fold_char(),
 * as src/base/text.c had them when migration 7 was written: for each
 * code point from 'A' to U+042F whose fold or weight is not the rule
 * (fold: itself; weight: itself below '{', else itself + 256). */
#define LATIN1_BASE \
	"'aaaa|{|ceeeeiiii' || 'dnoooo} }uuuyy s' || " \
	"'aaaa|{|ceeeeiiii' || 'dnoooo} }uuuyy y'"
#define LATIN_EXT_A_BASE \
	"'aaaaaaccccccccdd' || 'ddeeeeeeeeeegggg' || " \
	"'gggghhhhiiiiiiii' || 'iiiijjkkklllllll' || " \
	"'lllnnnnnnnnnoooo' || '}}oorrrrrrssssss' || " \
	"'ssttttttuuuuuuuu' || 'yyuuwwyyyzzzzzzs'"
#define FOLD_OF_CP \
	"CASE WHEN cp BETWEEN 65 AND 90 THEN cp + 32 " \
	"WHEN cp BETWEEN 192 AND 222 AND cp != 215 THEN cp + 32 " \
	"WHEN cp BETWEEN 256 AND 303 OR cp BETWEEN 306 AND 311 " \
	"OR cp BETWEEN 330 AND 375 THEN cp | 1 " \
	"WHEN cp BETWEEN 313 AND 328 OR cp BETWEEN 377 AND 382 " \
	"THEN cp + (cp & 1) " \
	"WHEN cp = 376 THEN 255 " \
	"WHEN cp BETWEEN 913 AND 937 AND cp != 930 THEN cp + 32 " \
	"WHEN cp BETWEEN 1040 AND 1071 THEN cp + 32 " \
	"WHEN cp BETWEEN 1024 AND 1039 THEN cp + 80 " \
	"ELSE cp END"
#define WEIGHT_OF_CP \
	"CASE WHEN cp BETWEEN 65 AND 90 THEN cp + 32 " \
	"WHEN cp BETWEEN 192 AND 255 AND substr(" LATIN1_BASE ", cp - 191, 1) " \
	"!= ' ' THEN unicode(substr(" LATIN1_BASE ", cp - 191, 1)) " \
	"WHEN cp BETWEEN 256 AND 383 AND substr(" LATIN_EXT_A_BASE ", " \
	"cp - 255, 1) != ' ' THEN unicode(substr(" LATIN_EXT_A_BASE ", " \
	"cp - 255, 1)) " \
	"WHEN cp < 123 THEN cp ELSE cp + 256 END"

/* 8: a file whole for every SQLite tool.  No custom collation: the
 * Nordic order and case-folded uniqueness live in key columns that
 * salkku fills (salkku_sort_key, salkku_fold_key: db.c) under plain
 * indexes of the same names as before.  Writes of other programs move
 * the record's version, refresh its keys and are logged as made
 * outside salkku (the triggers above).  meta marks the file as
 * salkku's, with its schema version, where a .dump carries it (the
 * header's application_id and user_version it does not). */
static const char migration_8[] =
	"DROP INDEX project_code_unique;"
	"DROP INDEX project_code;"
	"DROP INDEX project_name;"
	"DROP INDEX organisation_name_unique;"
	"DROP INDEX organisation_short_name;"
	"DROP INDEX organisation_name;"
	"ALTER TABLE project ADD COLUMN code_key TEXT;"
	"ALTER TABLE project ADD COLUMN code_sort TEXT;"
	"ALTER TABLE project ADD COLUMN name_sort TEXT;"
	"ALTER TABLE organisation ADD COLUMN name_key TEXT;"
	"ALTER TABLE organisation ADD COLUMN short_name_key TEXT;"
	"ALTER TABLE organisation ADD COLUMN name_sort TEXT;"
	"UPDATE project SET code_key = salkku_fold_key(code), "
	"code_sort = salkku_sort_key(code), name_sort = salkku_sort_key(name);"
	"UPDATE organisation SET name_key = salkku_fold_key(name), "
	"short_name_key = salkku_fold_key(short_name), "
	"name_sort = salkku_sort_key(name);"
	"CREATE UNIQUE INDEX project_code_unique ON project(code_key);"
	"CREATE INDEX project_code ON project(code_sort);"
	"CREATE INDEX project_name ON project(name_sort);"
	"CREATE UNIQUE INDEX organisation_name_unique ON organisation(name_key);"
	"CREATE INDEX organisation_short_name ON organisation(short_name_key);"
	"CREATE INDEX organisation_name ON organisation(name_sort);"

	"CREATE TABLE text_key_map (cp INTEGER PRIMARY KEY, "
	"fold INTEGER NOT NULL, weight INTEGER NOT NULL);"
	"WITH RECURSIVE n(cp) AS (SELECT 65 UNION ALL SELECT cp + 1 FROM n "
	"WHERE cp < 1071) INSERT INTO text_key_map (cp, fold, weight) "
	"SELECT cp, fold, weight FROM (SELECT cp, " FOLD_OF_CP " AS fold, "
	WEIGHT_OF_CP " AS weight FROM n) WHERE fold != cp OR weight != "
	"CASE WHEN cp < 123 THEN cp ELSE cp + 256 END;"

	"INSERT INTO meta (key, value) VALUES ('application', 1396788299);"
	"INSERT INTO meta (key, value) VALUES ('schema_version', 8);"

	OUTSIDE_TRIGGERS("organisation", "organisation", NO_PROJECT, ORG_NAME,
			 ORGANISATION_KEYS,
			 "name, short_name, kind, region, website",
			 CHANGED("name") OR_CHANGED("short_name")
			 OR_CHANGED("kind") OR_CHANGED("region")
			 OR_CHANGED("website"))
	OUTSIDE_TRIGGERS("project", "project", OWN_UUID, PROJECT_CODE,
			 PROJECT_KEYS,
			 "code, name, description, status, planned_start, "
			 "planned_end, actual_start, actual_end, themes, region, "
			 "budget, person_years, website",
			 CHANGED("code") OR_CHANGED("name")
			 OR_CHANGED("description") OR_CHANGED("status")
			 OR_CHANGED("planned_start") OR_CHANGED("planned_end")
			 OR_CHANGED("actual_start") OR_CHANGED("actual_end")
			 OR_CHANGED("themes") OR_CHANGED("region")
			 OR_CHANGED("budget") OR_CHANGED("person_years")
			 OR_CHANGED("website"))
	OUTSIDE_TRIGGERS("project_role", "role", OWNER, ROLE_TITLE, "",
			 "project, organisation, role, budget_share, note, "
			 "cofinancing, cofinancing_percent",
			 CHANGED("project") OR_CHANGED("organisation")
			 OR_CHANGED("role") OR_CHANGED("budget_share")
			 OR_CHANGED("note") OR_CHANGED("cofinancing")
			 OR_CHANGED("cofinancing_percent"))
	OUTSIDE_TRIGGERS("funding", "funding", OWNER, FUNDING_TITLE, "",
			 "project, funder, programme, applied, granted, "
			 "decision_date, reference, year, paid, applied_date",
			 CHANGED("project") OR_CHANGED("funder")
			 OR_CHANGED("programme") OR_CHANGED("applied")
			 OR_CHANGED("granted") OR_CHANGED("decision_date")
			 OR_CHANGED("reference") OR_CHANGED("year")
			 OR_CHANGED("paid") OR_CHANGED("applied_date"))
	OUTSIDE_TRIGGERS("status_change", "status_change", OWNER,
			 STATUS_TITLE, "",
			 "project, from_status, to_status, date, \"by\", reason, "
			 "forced",
			 CHANGED("project") OR_CHANGED("from_status")
			 OR_CHANGED("to_status") OR_CHANGED("date")
			 OR_CHANGED("by") OR_CHANGED("reason")
			 OR_CHANGED("forced"))
	OUTSIDE_TRIGGERS("deadline", "deadline", OWNER, DEADLINE_TITLE, "",
			 "project, kind, title, due, done, done_date, "
			 "cancelled_date, cancel_reason, series, repeat, "
			 "occurrence",
			 CHANGED("project") OR_CHANGED("kind")
			 OR_CHANGED("title") OR_CHANGED("due")
			 OR_CHANGED("done") OR_CHANGED("done_date")
			 OR_CHANGED("cancelled_date")
			 OR_CHANGED("cancel_reason") OR_CHANGED("series")
			 OR_CHANGED("repeat") OR_CHANGED("occurrence"))
	OUTSIDE_TRIGGERS("note", "note", OWNER, NOTE_TITLE, "",
			 "project, date, author, body",
			 CHANGED("project") OR_CHANGED("date")
			 OR_CHANGED("author") OR_CHANGED("body"))
	OUTSIDE_TRIGGERS("outcome", "outcome", OWNER, OUTCOME_TITLE, "",
			 "project, label, value, unit, date, target, kind, "
			 "precision",
			 CHANGED("project") OR_CHANGED("label")
			 OR_CHANGED("value") OR_CHANGED("unit")
			 OR_CHANGED("date") OR_CHANGED("target")
			 OR_CHANGED("kind") OR_CHANGED("precision"));


/* 9: exchange between centres (src/core/model_import.c).
 * meta gets this database's id, a random uuid written into its exports.
 * exchange_base: per other database (peer) and record, what that peer
 * held when it last sent the record here: its version and the
 * fingerprint of its values (record_fingerprint), or "-" when it had
 * deleted it; the base of the three-way merge.
 * tombstone: the records deleted here, with the version and the
 * fingerprint of the values they had, so that a deletion travels.
 * organisation.business_id: the Y-tunnus, unique where given; the
 * triggers of outside writes (migration 8) learn the new column. */
static const char migration_9[] =
	"INSERT INTO meta (key, value) SELECT 'database_id', "
	"substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) "
	"|| '-' || substr('89ab', 1 + (unicode(substr(h, 17, 1)) % 4), 1) "
	"|| substr(h, 18, 3) || '-' || substr(h, 21, 12) "
	"FROM (SELECT lower(hex(randomblob(16))) AS h);"
	"CREATE TABLE exchange_base (peer TEXT NOT NULL, "
	"record_uuid TEXT NOT NULL, entity TEXT NOT NULL, "
	"version INTEGER NOT NULL, fingerprint TEXT NOT NULL, "
	"PRIMARY KEY (peer, record_uuid)) WITHOUT ROWID;"
	"CREATE INDEX exchange_base_record ON exchange_base(record_uuid);"
	"CREATE TABLE tombstone (record_uuid TEXT PRIMARY KEY, "
	"entity TEXT NOT NULL, project_uuid TEXT, title TEXT, "
	"version INTEGER NOT NULL, fingerprint TEXT NOT NULL, "
	"deleted_at TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX tombstone_project ON tombstone(project_uuid);"
	"ALTER TABLE organisation ADD COLUMN business_id TEXT;"
	"CREATE UNIQUE INDEX organisation_business_id_unique "
	"ON organisation(business_id) WHERE business_id IS NOT NULL;"
	"DROP TRIGGER organisation_outside_insert;"
	"DROP TRIGGER organisation_outside_update;"
	"DROP TRIGGER organisation_outside_delete;"
	OUTSIDE_TRIGGERS("organisation", "organisation", NO_PROJECT, ORG_NAME,
			 ORGANISATION_KEYS,
			 "name, short_name, kind, region, website, business_id",
			 CHANGED("name") OR_CHANGED("short_name")
			 OR_CHANGED("kind") OR_CHANGED("region")
			 OR_CHANGED("website") OR_CHANGED("business_id"));
/* The projects whose row in project_words is out of date: those the
 * SELECT `ids` yields (project ids).  Plain SQL, so that every writer,
 * the stock sqlite3 shell too, leaves a note for salkku, which alone
 * has the tokenizer to write project_words (db_fts_refresh).  Part of
 * migration 11's frozen text. */
#define WORDS_TRIGGER(name, event, ids) \
	"CREATE TRIGGER " name " AFTER " event " BEGIN " \
	"INSERT OR IGNORE INTO words_pending (project) " ids "; END;"
#define WORDS_OF(uuids) "SELECT id FROM project WHERE uuid IN (" uuids ")"
#define WORDS_CHILD_TRIGGERS(table, columns) \
	WORDS_TRIGGER(table "_words_insert", "INSERT ON " table, \
		      WORDS_OF("SELECT new.project")) \
	WORDS_TRIGGER(table "_words_delete", "DELETE ON " table, \
		      WORDS_OF("SELECT old.project")) \
	WORDS_TRIGGER(table "_words_update", \
		      "UPDATE OF project, " columns " ON " table, \
		      WORDS_OF("SELECT old.project UNION SELECT new.project"))

/* 11: search by base form.  project_words holds what project_fts holds,
 * read by the tokenizer "salkku" (db/db_words.c): every word as written
 * and by its base forms and compound parts.  project_fts stays, kept by
 * the triggers of migration 2 for any SQLite tool; project_words is
 * written by salkku only, from words_pending, which triggers fill on
 * the same events.  fts_analyser names the analyser that made
 * project_words; it is empty here, so that db_fts_refresh, run by
 * db_open after the migrations, fills the index with this build's. */
static const char migration_11[] =
	"CREATE VIRTUAL TABLE project_words USING fts5 (code, name, "
	"description, notes, organisations, tokenize = 'salkku', "
	"prefix = '2 3', detail = column);"
	"CREATE TABLE fts_analyser (name TEXT NOT NULL);"
	"CREATE TABLE words_pending (project INTEGER PRIMARY KEY);"
	WORDS_TRIGGER("project_words_insert", "INSERT ON project",
		      "SELECT new.id")
	WORDS_TRIGGER("project_words_update",
		      "UPDATE OF code, name, description ON project",
		      "SELECT new.id")
	WORDS_TRIGGER("project_words_delete", "DELETE ON project",
		      "SELECT old.id")
	WORDS_CHILD_TRIGGERS("note", "date, body")
	WORDS_CHILD_TRIGGERS("project_role", "organisation")
	WORDS_CHILD_TRIGGERS("funding", "funder")
	WORDS_TRIGGER("organisation_words_update",
		      "UPDATE OF name, short_name ON organisation",
		      WORDS_OF("SELECT project FROM project_role "
			       "WHERE organisation = new.uuid UNION SELECT "
			       "project FROM funding WHERE funder = new.uuid"));

/* 10: the open deadlines (neither done nor cancelled) by due date, for
 * the deadline screen's window and counts: a partial index, so that
 * the many done deadlines of a long-lived portfolio are not read, and
 * one that holds the columns of its condition, so that counting reads
 * no row of the table. */
static const char migration_10[] =
	"CREATE INDEX deadline_open ON deadline(due, project, done, "
	"cancelled_date) WHERE coalesce(done, 0) = 0 "
	"AND cancelled_date IS NULL;";

/* 12: the order of the timeline and of the list by start: by start,
 * else end, projects without dates last (store_query.c, SORT_START),
 * read in the index's order rather than sorted. */
static const char migration_12[] =
	"DROP INDEX project_start;"
	"CREATE INDEX project_start ON project("
	"coalesce(actual_start, planned_start, actual_end, planned_end) IS NULL, "
	"coalesce(actual_start, planned_start, actual_end, planned_end));";

/* 13: search as one types.  The first letters of a word begin many
 * words, and FTS5 merges the list of every one of them for a prefix
 * it keeps no index of (tens of milliseconds at 100,000 projects, at
 * each key); with an index of every prefix of one to six letters a
 * prefix is one list.  And with the words' positions kept (detail =
 * full), bm25 reads a match's counts from the index instead of
 * tokenizing its text again, with the analysis, for every match it
 * ranks.  The table is made again, empty, with the same columns and
 * tokenizer; fts_analyser emptied, db_fts_refresh (run by db_open
 * after the migrations) fills it with this build's analysis, as after
 * 11. */
static const char migration_13[] =
	"DROP TABLE project_words;"
	"CREATE VIRTUAL TABLE project_words USING fts5 (code, name, "
	"description, notes, organisations, tokenize = 'salkku', "
	"prefix = '1 2 3 4 5 6', detail = full);"
	"DELETE FROM fts_analyser;"
	"DELETE FROM words_pending;";

/* 14: the number of projects kept by triggers, so that the project
 * list's total ("18/18") is one row, not a count of an index that
 * reads a page per few hundred projects (300 pages at 100,000) before
 * the first frame.  Plain SQL, so that any tool's INSERT and DELETE
 * keep it; like the change log and project_fts, it misses a row that
 * an INSERT OR REPLACE of another tool replaces (SQLite fires no delete
 * trigger for it), which check reports and check --reindex counts
 * again. */
static const char migration_14[] =
	"CREATE TABLE tally (name TEXT PRIMARY KEY, n INTEGER NOT NULL);"
	"INSERT INTO tally (name, n) SELECT 'project', count(*) FROM project;"
	"CREATE TRIGGER project_tally_insert AFTER INSERT ON project BEGIN "
	"UPDATE tally SET n = n + 1 WHERE name = 'project'; END;"
	"CREATE TRIGGER project_tally_delete AFTER DELETE ON project BEGIN "
	"UPDATE tally SET n = n - 1 WHERE name = 'project'; END;";

/* 15: what the screens count, in indexes they read alone.  The index
 * of open deadlines without the project: the deadline screen counts
 * every open deadline due by its horizon (tens of thousands, most of
 * them overdue, in a large portfolio), and the uuid made each entry
 * three times as wide; the window reads the table's row anyway, the
 * project with it.  The columns of the condition stay, so that a count
 * reads no row of the table.  And a funder's lines with their granted
 * sums and years: an organisation's screen counts the projects it
 * funds and adds up its funds (tens of thousands of lines for a
 * ministry) without reading a row of the table. */
static const char migration_15[] =
	"DROP INDEX deadline_open;"
	"CREATE INDEX deadline_open ON deadline(due, done, cancelled_date) "
	"WHERE coalesce(done, 0) = 0 AND cancelled_date IS NULL;"
	"DROP INDEX funding_funder;"
	"CREATE INDEX funding_funder ON funding(funder, project, granted, year);";

/* 16: the undo journal of an import that commits in slices
 * (db/store_undo.c).  import_run names the running import, at most one:
 * who, which file, the process that writes it (host, pid, seen_at its
 * heartbeat) and, once a rollback has begun, the version every record
 * it restores takes (above any handed out).  import_undo holds, in the
 * order they were made, what undoes each change the import made to the
 * table tbl: for a row it added, the row's key (and a record's
 * version), the statement that deletes it being made at the rollback;
 * else the statement (sql).  `record` marks a record's, which a
 * rollback leaves as others left it when they changed it meanwhile.
 * Both are empty except while an import writes or a rollback runs. */
static const char migration_16[] =
	"CREATE TABLE import_run (id INTEGER PRIMARY KEY CHECK (id = 1), "
	"user TEXT NOT NULL, file TEXT NOT NULL, host TEXT NOT NULL, "
	"pid INTEGER NOT NULL, started_at TEXT NOT NULL, "
	"seen_at TEXT NOT NULL, restore_version INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE import_undo (seq INTEGER PRIMARY KEY, "
	"record INTEGER NOT NULL, tbl TEXT NOT NULL, key, version INTEGER, "
	"sql TEXT);";

/* 17: the schema's triggers in less SQL.  SQLite parses every trigger
 * of the schema at each open: those of outside writes (8, 9), with the
 * keys spelt as a recursive CTE once per key column and trigger and a
 * SELECT per field in each update's log, were half the instructions of
 * a start.
 * Now the keys are spelt once, in the view text_keys, the keys of the
 * texts in key_text (a scratch table, empty outside a trigger); the
 * change-log row once, in the INSTEAD OF trigger of the view
 * outside_change; and the key columns written once, by that of
 * outside_keys.  The search indexes' triggers of a table and event
 * (migrations 2 and 11: project_fts now, or fts_pending during an
 * import, and words_pending) are one, which hands the project to the
 * INSTEAD OF trigger of the view index_refresh; the version floor's
 * (5) compare in their UPDATE instead of a subquery of their own.
 * What the triggers do is as before: the same keys, versions, stamps,
 * change-log rows, index rows, notes and floor. */

/* The keys of text_fold_key() and text_sort_key() (src/base/text.c)
 * in SQL alone, character by character through text_key_map, for each
 * row (n, t) of the SELECT `seed`, as the CTE c: its rows where
 * i = length(t) + 1 hold the fold key f and the sort key s (without
 * its text); none for a NULL t.  Part of migration 17's frozen text. */
#define KEY_CHAR "unicode(substr(t, i, 1))"
#define KEYS_CTE(seed) \
	"c(n, t, i, f, s) AS (" seed " UNION ALL SELECT n, t, i + 1, " \
	"f || coalesce((SELECT char(fold) FROM text_key_map WHERE cp = " \
	KEY_CHAR "), substr(t, i, 1)), s || (SELECT CASE WHEN w < 128 " \
	"THEN printf('%02X', w) ELSE printf('8%06X', w) END FROM (SELECT " \
	"coalesce((SELECT weight FROM text_key_map WHERE cp = u), " \
	"CASE WHEN u < 123 THEN u ELSE u + 256 END) AS w FROM (SELECT " \
	KEY_CHAR " AS u))) FROM c WHERE i <= length(t))"
#define KEYS_OF_CTE \
	"SELECT n, f AS fold, s || ' ' || t AS sort FROM c " \
	"WHERE i = length(t) + 1"

/* Writes the key columns of a project or an organisation other
 * programs wrote (outside_keys: the table, the row's id, its first and
 * second key text): `first` the columns (fold, sort) of the first
 * text, `second` the column of the second's key `key` (fold or sort). */
#define SET_KEYS(table, first, second, key) \
	"UPDATE " table " SET " first " = (SELECT fold, sort FROM " \
	"text_keys WHERE n = 1), " second " = (SELECT " key " FROM " \
	"text_keys WHERE n = 2) WHERE new.tbl = '" table "' AND id = new.id;"
#define KEYS_OF(table, first, second) \
	"INSERT INTO outside_keys (tbl, id, a, b) VALUES ('" table \
	"', new.id, new." first ", new." second ");"

/* Three triggers on a record table for the writes of other programs,
 * as OUTSIDE_TRIGGERS (migration 8) made them: `keys` KEYS_OF(...) or
 * "", `values` a VALUES row ('field', old.field, new.field) per field
 * of `fields`. */
#define OUTSIDE_TRIGGERS_17(table, entity, project, title, keys, fields, \
			    values) \
	"DROP TRIGGER " table "_outside_insert;" \
	"DROP TRIGGER " table "_outside_update;" \
	"DROP TRIGGER " table "_outside_delete;" \
	"CREATE TRIGGER " table "_outside_insert AFTER INSERT ON " table \
	" WHEN " OUTSIDE " BEGIN " keys "UPDATE " table " SET updated_at = " \
	NOW_SQL ", updated_by = " OUTSIDE_WHO " WHERE id = new.id;" \
	"INSERT INTO outside_change (action, entity, record_uuid, " \
	"project_uuid, record_title) VALUES ('insert', '" entity "', " \
	"new.uuid, " project("new") ", " title("new") "); END;" \
	"CREATE TRIGGER " table "_outside_update AFTER UPDATE OF " fields \
	" ON " table " WHEN " OUTSIDE " BEGIN " keys "UPDATE " table " SET " \
	"version = CASE WHEN new.version > old.version THEN new.version " \
	"ELSE old.version + 1 END, updated_at = " NOW_SQL ", updated_by = " \
	OUTSIDE_WHO " WHERE id = new.id;" \
	"INSERT INTO outside_change (action, entity, record_uuid, " \
	"project_uuid, record_title, field, old_value, new_value) SELECT " \
	"'update', '" entity "', new.uuid, " project("new") ", " \
	title("new") ", * FROM (VALUES " values "); END;" \
	"CREATE TRIGGER " table "_outside_delete AFTER DELETE ON " table \
	" WHEN " OUTSIDE " BEGIN INSERT INTO outside_change (action, " \
	"entity, record_uuid, project_uuid, record_title) VALUES " \
	"('delete', '" entity "', old.uuid, " project("old") ", " \
	title("old") "); END;"
#define FIELD(col) "('" col "', old.\"" col "\", new.\"" col "\")"
#define AND_FIELD(col) ", " FIELD(col)

/* The search indexes' triggers of a table's event (FTS_TRIGGERS and
 * WORDS_TRIGGER made them) as one: the projects whose uuids `uuids`
 * (a VALUES or a SELECT) yields go to index_refresh. */
#define INDEX_TRIGGER_17(table, event, on, uuids) \
	"DROP TRIGGER " table "_fts_" event ";" \
	"DROP TRIGGER " table "_fts_" event "_paused;" \
	"DROP TRIGGER " table "_words_" event ";" \
	"CREATE TRIGGER " table "_fts_" event " AFTER " on " BEGIN " \
	"INSERT INTO index_refresh (project) " uuids "; END;"
#define INDEX_CHILD_TRIGGERS_17(table, columns) \
	INDEX_TRIGGER_17(table, "insert", "INSERT ON " table, \
			 "VALUES (new.project)") \
	INDEX_TRIGGER_17(table, "delete", "DELETE ON " table, \
			 "VALUES (old.project)") \
	INDEX_TRIGGER_17(table, "update", \
			 "UPDATE OF project, " columns " ON " table, \
			 "SELECT old.project UNION SELECT new.project")

/* FLOOR_TRIGGERS (migration 5) with the floor compared in the UPDATE:
 * no row changes unless the version leaving is above it. */
#define FLOOR_RAISE \
	"UPDATE meta SET value = old.version WHERE key = 'version_floor' " \
	"AND value < old.version; END;"
#define FLOOR_TRIGGERS_17(table) \
	"DROP TRIGGER " table "_floor_delete;" \
	"DROP TRIGGER " table "_floor_update;" \
	"CREATE TRIGGER " table "_floor_delete AFTER DELETE ON " table \
	" BEGIN " FLOOR_RAISE \
	"CREATE TRIGGER " table "_floor_update AFTER UPDATE OF version ON " \
	table " WHEN new.version < old.version BEGIN " FLOOR_RAISE

static const char migration_17[] =
	"CREATE TABLE key_text (n INTEGER PRIMARY KEY, t);"
	"CREATE VIEW text_keys (n, fold, sort) AS WITH RECURSIVE "
	KEYS_CTE("SELECT n, t, 1, '', '' FROM key_text") " " KEYS_OF_CTE ";"

	"CREATE VIEW outside_keys (tbl, id, a, b) AS "
	"SELECT NULL, NULL, NULL, NULL WHERE 0;"
	"CREATE TRIGGER outside_keys_insert INSTEAD OF INSERT ON outside_keys "
	"BEGIN INSERT OR REPLACE INTO key_text (n, t) VALUES (1, new.a), "
	"(2, new.b);"
	SET_KEYS("project", "(code_key, code_sort)", "name_sort", "sort")
	SET_KEYS("organisation", "(name_key, name_sort)", "short_name_key",
		 "fold")
	"DELETE FROM key_text; END;"

	"CREATE VIEW outside_change (action, entity, record_uuid, "
	"project_uuid, record_title, field, old_value, new_value) AS "
	"SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;"
	"CREATE TRIGGER outside_change_insert INSTEAD OF INSERT ON "
	"outside_change BEGIN " LOG_COLUMNS "SELECT " UUID_SQL ", " NOW_SQL
	", " OUTSIDE_WHO ", new.action, new.entity, new.record_uuid, "
	"new.project_uuid, new.record_title, new.field, "
	"CAST(new.old_value AS TEXT), CAST(new.new_value AS TEXT), "
	OUTSIDE_SOURCE " WHERE new.field IS NULL "
	"OR new.old_value IS NOT new.new_value; END;"

	OUTSIDE_TRIGGERS_17("organisation", "organisation", NO_PROJECT,
			    ORG_NAME, KEYS_OF("organisation", "name",
					      "short_name"),
			    "name, short_name, kind, region, website, "
			    "business_id",
			    FIELD("name") AND_FIELD("short_name")
			    AND_FIELD("kind") AND_FIELD("region")
			    AND_FIELD("website") AND_FIELD("business_id"))
	OUTSIDE_TRIGGERS_17("project", "project", OWN_UUID, PROJECT_CODE,
			    KEYS_OF("project", "code", "name"),
			    "code, name, description, status, planned_start, "
			    "planned_end, actual_start, actual_end, themes, "
			    "region, budget, person_years, website",
			    FIELD("code") AND_FIELD("name")
			    AND_FIELD("description") AND_FIELD("status")
			    AND_FIELD("planned_start") AND_FIELD("planned_end")
			    AND_FIELD("actual_start") AND_FIELD("actual_end")
			    AND_FIELD("themes") AND_FIELD("region")
			    AND_FIELD("budget") AND_FIELD("person_years")
			    AND_FIELD("website"))
	OUTSIDE_TRIGGERS_17("project_role", "role", OWNER, ROLE_TITLE, "",
			    "project, organisation, role, budget_share, note, "
			    "cofinancing, cofinancing_percent",
			    FIELD("project") AND_FIELD("organisation")
			    AND_FIELD("role") AND_FIELD("budget_share")
			    AND_FIELD("note") AND_FIELD("cofinancing")
			    AND_FIELD("cofinancing_percent"))
	OUTSIDE_TRIGGERS_17("funding", "funding", OWNER, FUNDING_TITLE, "",
			    "project, funder, programme, applied, granted, "
			    "decision_date, reference, year, paid, applied_date",
			    FIELD("project") AND_FIELD("funder")
			    AND_FIELD("programme") AND_FIELD("applied")
			    AND_FIELD("granted") AND_FIELD("decision_date")
			    AND_FIELD("reference") AND_FIELD("year")
			    AND_FIELD("paid") AND_FIELD("applied_date"))
	OUTSIDE_TRIGGERS_17("status_change", "status_change", OWNER,
			    STATUS_TITLE, "",
			    "project, from_status, to_status, date, \"by\", "
			    "reason, forced",
			    FIELD("project") AND_FIELD("from_status")
			    AND_FIELD("to_status") AND_FIELD("date")
			    AND_FIELD("by") AND_FIELD("reason")
			    AND_FIELD("forced"))
	OUTSIDE_TRIGGERS_17("deadline", "deadline", OWNER, DEADLINE_TITLE, "",
			    "project, kind, title, due, done, done_date, "
			    "cancelled_date, cancel_reason, series, repeat, "
			    "occurrence",
			    FIELD("project") AND_FIELD("kind")
			    AND_FIELD("title") AND_FIELD("due")
			    AND_FIELD("done") AND_FIELD("done_date")
			    AND_FIELD("cancelled_date")
			    AND_FIELD("cancel_reason") AND_FIELD("series")
			    AND_FIELD("repeat") AND_FIELD("occurrence"))
	OUTSIDE_TRIGGERS_17("note", "note", OWNER, NOTE_TITLE, "",
			    "project, date, author, body",
			    FIELD("project") AND_FIELD("date")
			    AND_FIELD("author") AND_FIELD("body"))
	OUTSIDE_TRIGGERS_17("outcome", "outcome", OWNER, OUTCOME_TITLE, "",
			    "project, label, value, unit, date, target, kind, "
			    "precision",
			    FIELD("project") AND_FIELD("label")
			    AND_FIELD("value") AND_FIELD("unit")
			    AND_FIELD("date") AND_FIELD("target")
			    AND_FIELD("kind") AND_FIELD("precision"))

	/* A project's row in project_fts made again, or noted in
	 * fts_pending while an import pauses the index, and noted in
	 * words_pending. */
	"CREATE VIEW index_refresh (project) AS SELECT NULL WHERE 0;"
	"CREATE TRIGGER index_refresh_insert INSTEAD OF INSERT ON "
	"index_refresh BEGIN "
	"DELETE FROM project_fts WHERE rowid IN (SELECT id FROM project "
	"WHERE uuid = new.project) AND NOT " PAUSED ";"
	"INSERT INTO project_fts (rowid, code, name, description, notes, "
	"organisations) SELECT id, code, name, description, notes, "
	"organisations FROM project_fts_source WHERE uuid = new.project "
	"AND NOT " PAUSED ";"
	"INSERT OR IGNORE INTO fts_pending (project) SELECT new.project "
	"WHERE " PAUSED ";"
	"INSERT OR IGNORE INTO words_pending (project) SELECT id FROM project "
	"WHERE uuid = new.project; END;"
	INDEX_TRIGGER_17("project", "insert", "INSERT ON project",
			 "VALUES (new.uuid)")
	INDEX_TRIGGER_17("project", "update",
			 "UPDATE OF code, name, description ON project",
			 "VALUES (new.uuid)")
	INDEX_CHILD_TRIGGERS_17("note", "date, body")
	INDEX_CHILD_TRIGGERS_17("project_role", "organisation")
	INDEX_CHILD_TRIGGERS_17("funding", "funder")
	"DROP TRIGGER project_fts_delete;"
	"DROP TRIGGER project_words_delete;"
	"CREATE TRIGGER project_fts_delete AFTER DELETE ON project BEGIN "
	"DELETE FROM project_fts WHERE rowid = old.id;"
	"INSERT OR IGNORE INTO words_pending (project) VALUES (old.id); END;"

	FLOOR_TRIGGERS_17("organisation")
	FLOOR_TRIGGERS_17("project")
	FLOOR_TRIGGERS_17("project_role")
	FLOOR_TRIGGERS_17("funding")
	FLOOR_TRIGGERS_17("status_change")
	FLOOR_TRIGGERS_17("deadline")
	FLOOR_TRIGGERS_17("note")
	FLOOR_TRIGGERS_17("outcome");

/* 18: what a ranked search reads of each match (db/store_query.c),
 * in an index by id: whether its code or name is what was typed, its
 * status and its code's sort key.  A search with a thousand matches
 * otherwise read a thousand projects' rows, most of their page beside
 * them, to rank the matches and keep a page (at 10,000 projects, 1.2
 * of the 4.7 ms of a letter).  New projects land at its end. */
static const char migration_18[] =
	"CREATE INDEX project_hit ON project(id, status, code_sort, code, name);";

/* 19: the change log's index by record begins with the record's
 * project (NULL for an organisation), and a record's entries are
 * sought with it.  An import logs the records it added project by
 * project, in uuid order within each (db/store_stage.c), so that this
 * index and change_log_project each grow at one place; by record uuid
 * alone each entry landed on a page at random, and every slice's
 * commit wrote most of the index again (at 10,000 projects, 830 of the
 * 1,600 MB the import wrote). */
static const char migration_19[] =
	"DROP INDEX change_log_record;"
	"CREATE INDEX change_log_record ON change_log(project_uuid, record_uuid, at);";

/* 20: what writing a row cost SQLite besides the row.
 *
 * The change log's check of an entry's action becomes three
 * comparisons: "action IN ('insert', 'update', 'delete')" made SQLite
 * build a temporary b-tree of the three words for every entry written,
 * each save's and an import's one per record.  The rule is the same,
 * so no stored row can break it, and the table's text is changed in
 * place as SQLite's documentation changes a CHECK ("Making Other Kinds
 * Of Table Schema Changes", lang_altertable.html), not by copying the
 * log; RESET reads the schema again, and the triggers' statements that
 * follow move the schema's cookie on, so that other connections do.
 *
 * The refresh of a project's search rows is two triggers, each with a
 * WHEN, as migration 2's pairs: while an import paused the index, the
 * one body that ran for every record it wrote made the project's
 * full-text row again under conditions false, and SQLite opened the
 * temporary tables of its IN (...) and of its INSERT into project_fts
 * each time all the same.  A project is found by = now.
 *
 * Importing 1,000 projects (callgrind): 6.62 to 5.68 billion
 * instructions. */
static const char migration_20[] =
	"PRAGMA writable_schema = ON;"
	"UPDATE sqlite_master SET sql = replace(sql, "
	"'CHECK (action IN (''insert'', ''update'', ''delete''))', "
	"'CHECK (action = ''insert'' OR action = ''update'' OR "
	"action = ''delete'')') WHERE type = 'table' AND name = 'change_log';"
	"PRAGMA writable_schema = RESET;"
	"DROP TRIGGER index_refresh_insert;"
	"CREATE TRIGGER index_refresh_insert INSTEAD OF INSERT ON "
	"index_refresh WHEN NOT " PAUSED " BEGIN "
	"DELETE FROM project_fts WHERE rowid = (SELECT id FROM project "
	"WHERE uuid = new.project);"
	"INSERT INTO project_fts (rowid, code, name, description, notes, "
	"organisations) SELECT id, code, name, description, notes, "
	"organisations FROM project_fts_source WHERE uuid = new.project;"
	"INSERT OR IGNORE INTO words_pending (project) SELECT id FROM project "
	"WHERE uuid = new.project; END;"
	"CREATE TRIGGER index_refresh_paused INSTEAD OF INSERT ON "
	"index_refresh WHEN " PAUSED " BEGIN "
	"INSERT OR IGNORE INTO fts_pending (project) VALUES (new.project);"
	"INSERT OR IGNORE INTO words_pending (project) SELECT id FROM project "
	"WHERE uuid = new.project; END;";

/* 21: the words of the index by base form in a table of their own.
 * A search's prefix of seven letters or more is named as the words it
 * begins (db_terms.c), which were read from the index through
 * fts5vocab, one seek each; but a seek past a word there walks every
 * page of that word's list of matches, and the words of a common
 * prefix are in most projects: "kehittä" read 470 pages at 100,000
 * projects.  Here the same words are one seek and a few rows.  salkku
 * writes a term here as it writes it to the index (db_words.c); a
 * word left behind by a deleted project only costs a search a lookup
 * that finds nothing, and the next rebuild of the index drops it. */
static const char migration_21[] =
	"CREATE TABLE word_list (term TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE VIRTUAL TABLE temp.word_list_source USING "
	"fts5vocab(main, project_words, 'row');"
	"INSERT INTO word_list (term) SELECT term FROM temp.word_list_source;"
	"DROP TABLE temp.word_list_source;";

/* The code points, up to U+04FF, whose keys the triggers' SQL (the
 * view text_keys, migration 17) computes otherwise than salkku's C
 * (db_verify.c, a unit test): none while text_key_map is whole. */
const char db_key_sql_check[] =
	"WITH RECURSIVE cp(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM cp "
	"WHERE n < 1279), "
	KEYS_CTE("SELECT n, char(n), 1, '', '' FROM cp") " "
	"SELECT printf('U+%04X', n) FROM (" KEYS_OF_CTE ") "
	"WHERE fold IS NOT salkku_fold_key(char(n)) "
	"OR sort IS NOT salkku_sort_key(char(n))";

static const char *const migrations[] = {
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
	migration_6,
	migration_7,
	migration_8,
	migration_9,
	migration_10,
	migration_11,
	migration_12,
	migration_13,
	migration_14,
	migration_15,
	migration_16,
	migration_17,
	migration_18,
	migration_19,
	migration_20,
	migration_21,
};

int
db_schema_latest(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

/* The schema version as a .dump carries it (migration 7 on). */
static int
set_meta_version(struct db *db, int v, struct error *err)
{
	char sql[96];

	if (v < DB_SCHEMA_PLAIN)
		return ERR_OK;
	snprintf(sql, sizeof sql, "UPDATE meta SET value = %d "
		 "WHERE key = 'schema_version'", v);
	return db_exec(db, sql, err);
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
		if ((rc = db_mark_writing(db, err)) ||
		    (rc = db_exec(db, migrations[v - 1], err)) ||
		    (rc = db_exec(db, pragma, err)) ||
		    (rc = set_meta_version(db, v, err)) ||
		    (rc = db_unmark_writing(db, err)) ||
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
