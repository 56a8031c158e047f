/* SPDX-License-Identifier: EUPL-1.2 */
/* model_import.c — importing a JSON exchange document (salkku-json(5)).
 *
 * The file is read in chunks, checked and staged record by record in a
 * temporary database (store_stage.c) before the database is locked,
 * then every record is validated, compared with the stored one
 * (merge.h) as it is when its slice runs, and written as the comparison
 * and the chosen side say.  The writes commit in slices (model_undo.c),
 * so that others wait for the lock a fraction of a second; any problem
 * or unsettled conflict rolls every slice back.  A dry run counts and
 * reports the same in one transaction, rolled back.  Records keep their
 * uuids, and a record with the stored values is not written, so that
 * importing the same document twice writes nothing the second time.
 *
 * A document from another database (its "database" is not ours) is an
 * exchange: records are merged three-way against the bases both sides
 * last agreed on (exchange_base here, the document's "bases" there),
 * organisations known here under another uuid are matched by business
 * ID or name, the document's tombstones delete what did not change
 * here since, and what the document brought is remembered as the new
 * base for its database. */
#include "config.h"

#include "model.h"
#include "model_internal.h"
#include "model_io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/store.h"
#include "src/base/clock.h"
#include "src/base/i18n.h"
#include "src/base/json_check.h"
#include "merge.h"
#include "validate.h"

/* An organisation of the document matched to one here. */
struct org_alias {
	char theirs[UUID_LEN + 1];
	char ours[UUID_LEN + 1];
};

struct json_import {
	struct model *m;
	const struct import_options *opt;
	const char *source;
	struct import_counts *counts;
	/* The staged document; the records added are noted there too, to
	 * be logged unless the file brought their history along. */
	struct json_stage *stage;
	/* An exchange: the document's database (peer), ours, its members. */
	const char *peer;
	char me[UUID_LEN + 1];
	struct exchange_doc doc;
	struct org_alias *aliases;
	size_t naliases, alias_cap;
	size_t unsettled;  /* conflicts no side was chosen for */
	/* Committing in slices (not a dry run): the records and the time
	 * (monotonic ms) of the present slice. */
	bool sliced;
	size_t slice_max, slice_records;
	int64_t slice_start;
	bool failed;
	struct error err;
};

/* The bit mask of the fields of def that the document left out. */
static uint64_t
omitted_fields(const struct json_import *ji, const struct entity_def *def)
{
	uint64_t mask = 0;

	for (size_t i = 0; (ji->doc.omitted & OMIT_MONEY) && i < def->nfields; i++)
		if (def->fields[i].type == FT_MONEY)
			mask |= UINT64_C(1) << i;
	return mask;
}

/* What a conflict line calls the record: "uuid/LUMO", "uuid/ISO",
 * "uuid/note of LUMO". */
static void
record_label(struct model *m, const struct record *rec, char *buf, size_t size)
{
	const struct entity_def *def = rec->def;
	const char *name = NULL, *project;
	struct record *p = NULL;

	if (def->kind == ENT_PROJECT)
		name = record_text(rec, PROJECT_CODE);
	else if (def->kind == ENT_ORGANISATION)
		name = record_text(rec, ORG_SHORT_NAME) ? record_text(rec, ORG_SHORT_NAME)
							: record_text(rec, ORG_NAME);
	if (name || def->project_field < 0 ||
	    !(project = record_text(rec, def->project_field)) ||
	    store_get(m->db, entities[ENT_PROJECT], project, &p, NULL) != ERR_OK) {
		snprintf(buf, size, "%s/%s", rec->uuid, name ? name : def->name);
		return;
	}
	snprintf(buf, size, _("%s/%s of %s"), rec->uuid, entity_shown(def),
		 record_text(p, PROJECT_CODE));
	record_free(&p);
}

static void
say(struct json_import *ji, void (*fn)(const char *, void *), const char *line)
{
	if (fn)
		fn(line, ji->opt->arg);
}

/* Reports each field of mask (all that differ, when mask is 0) in
 * which ours and theirs differ. */
static void
report_conflict(struct json_import *ji, const struct record *ours,
		const struct record *theirs, uint64_t mask)
{
	char label[160], what[256], line[512];

	if (!ji->opt->conflict)
		return;
	record_label(ji->m, ours, label, sizeof label);
	for (size_t i = 0; i < ours->def->nfields; i++) {
		if (record_field_equal(ours, theirs, (int)i) ||
		    (mask && !(mask & (UINT64_C(1) << i))))
			continue;
		merge_describe(ours, theirs, (int)i, what, sizeof what);
		snprintf(line, sizeof line, "%s: %s: %s", ji->source, label, what);
		ji->opt->conflict(line, ji->opt->arg);
	}
}

static void
conflict_record(struct json_import *ji, const struct record *ours,
		const struct record *theirs, uint64_t fields)
{
	if (ji->opt->conflict_record)
		ji->opt->conflict_record(ours, theirs, fields, ji->opt->arg);
}

/* A conflict of a deletion: "file: uuid/LUMO: deleted there, changed
 * here" (or the other way round). */
static void
report_deleted(struct json_import *ji, const struct record *rec, bool here)
{
	char label[160], line[512];

	if (!ji->opt->conflict)
		return;
	record_label(ji->m, rec, label, sizeof label);
	snprintf(line, sizeof line, "%s: %s: %s", ji->source, label,
		 here ? _("deleted here, changed in the file")
		      : _("deleted in the file, changed here"));
	ji->opt->conflict(line, ji->opt->arg);
}

/* Whether choice names rec: its uuid (or the uuid it has in the file),
 * a project's code (for the project and its records), an
 * organisation's short name or name. */
static bool
choice_names(struct json_import *ji, const char *choice,
	     const struct record *rec, const char *file_uuid)
{
	const struct entity_def *def = rec->def;
	const char *project = NULL;
	struct record *p = NULL;
	bool named;

	if (!strcmp(choice, rec->uuid) || (file_uuid && !strcmp(choice, file_uuid)))
		return true;
	if (def->kind == ENT_ORGANISATION)
		return (record_text(rec, ORG_SHORT_NAME) &&
			!store_code_compare(choice, record_text(rec, ORG_SHORT_NAME))) ||
		       !store_code_compare(choice, record_text(rec, ORG_NAME));
	if (def->kind == ENT_PROJECT)
		return !store_code_compare(choice, record_text(rec, PROJECT_CODE));
	if (def->project_field >= 0)
		project = record_text(rec, def->project_field);
	if (!project)
		return false;
	if (!strcmp(choice, project))
		return true;
	if (store_get(ji->m->db, entities[ENT_PROJECT], project, &p, NULL) != ERR_OK) {
		/* A project deleted here: by the code it had. */
		char deleted[UUID_LEN + 1];

		return store_tombstone_project(ji->m->db, choice, deleted, NULL) ==
		       ERR_OK && !strcmp(deleted, project);
	}
	named = !store_code_compare(choice, record_text(p, PROJECT_CODE));
	record_free(&p);
	return named;
}

/* The side chosen for a record in conflict: one named on its own
 * first, else the one for all. */
static enum import_side
side_for(struct json_import *ji, const struct record *rec, const char *file_uuid)
{
	for (size_t i = 0; i < ji->opt->nchoices; i++)
		if (choice_names(ji, ji->opt->choices[i].record, rec, file_uuid))
			return ji->opt->choices[i].side;
	return ji->opt->side;
}

static int
add_alias(struct json_import *ji, const char *theirs, const char *ours)
{
	if (ji->naliases == ji->alias_cap) {
		size_t cap = ji->alias_cap ? ji->alias_cap * 2 : 16;
		struct org_alias *more = realloc(ji->aliases, cap * sizeof *more);

		if (!more)
			return ERR_FAILED;
		ji->aliases = more;
		ji->alias_cap = cap;
	}
	memcpy(ji->aliases[ji->naliases].theirs, theirs, UUID_LEN + 1);
	memcpy(ji->aliases[ji->naliases++].ours, ours, UUID_LEN + 1);
	return ERR_OK;
}

/* Points theirs' references to organisations matched here at ours. */
static int
apply_aliases(struct json_import *ji, struct record *theirs)
{
	for (size_t i = 0; i < theirs->def->nfields; i++) {
		const struct field_def *f = &theirs->def->fields[i];
		const char *v = record_text(theirs, (int)i);

		if (f->type != FT_REF || f->ref != ENT_ORGANISATION || !v)
			continue;
		for (size_t a = 0; a < ji->naliases; a++)
			if (!strcmp(ji->aliases[a].theirs, v)) {
				if (record_set_text(theirs, (int)i, ji->aliases[a].ours) < 0)
					return ERR_FAILED;
				break;
			}
	}
	return ERR_OK;
}

/* An organisation of the document unknown here by its uuid, but known
 * by its business ID or name: the same organisation.  It is merged into
 * ours (theirs takes our uuid, and the document's references to it
 * follow), with a notice; *ours is the one here, or NULL. */
static int
match_organisation(struct json_import *ji, struct record *theirs,
		   struct record **ours, struct error *e)
{
	char line[512], label[160];
	bool by_id = false;
	int rc;

	*ours = NULL;
	rc = store_org_match(ji->m->db, theirs, ours, &by_id, e);
	if (rc == ERR_NOT_FOUND)
		return ERR_OK;
	if (rc != ERR_OK)
		return rc;
	if (add_alias(ji, theirs->uuid, (*ours)->uuid) != ERR_OK)
		return error_set(e, ERR_FAILED, NULL, "%s", _("out of memory"));
	record_label(ji->m, *ours, label, sizeof label);
	snprintf(line, sizeof line,
		 by_id ? _("%s: organisation %s is %s here (the same business ID): merged")
		       : _("%s: organisation %s is %s here (the same name): merged"),
		 ji->source, theirs->uuid, label);
	say(ji, ji->opt->notice, line);
	memcpy(theirs->uuid, (*ours)->uuid, UUID_LEN + 1);
	/* A name that differs only in case is the same name. */
	if (!store_code_compare(record_text(theirs, ORG_NAME),
				record_text(*ours, ORG_NAME)) &&
	    record_copy_field(theirs, *ours, ORG_NAME) < 0)
		return error_set(e, ERR_FAILED, NULL, "%s", _("out of memory"));
	return ERR_OK;
}

/* The bases of a record: what the peer last sent here, what it last
 * received from here, and, when given, a tombstone's fingerprint.
 * owned[0] is the caller's to free. */
static int
bases_of(struct json_import *ji, const char *uuid, const char *tomb,
	 const char *bases[3], char **owned, struct error *e)
{
	const struct base_entry *b = exchange_doc_base(&ji->doc, uuid);
	int64_t version = 0;
	int rc = store_base_get(ji->m->db, ji->peer, uuid, &version, owned, e);

	if (rc != ERR_OK && rc != ERR_NOT_FOUND)
		return rc;
	bases[0] = *owned;
	bases[1] = b ? b->fingerprint : NULL;
	bases[2] = tomb;
	return ERR_OK;
}

/* Remembers what the peer sent as the base of the next exchange. */
static int
remember(struct json_import *ji, const struct entity_def *def,
	 const char *uuid, int64_t version, const struct record *theirs,
	 struct error *e)
{
	char *fp;
	int rc;

	if (!ji->peer)
		return ERR_OK;
	if (!theirs)
		return store_base_put(ji->m->db, ji->peer, def, uuid, version,
				      MERGE_BASE_DELETED, e);
	if (!(fp = record_fingerprint(theirs, omitted_fields(ji, def))))
		return error_set(e, ERR_FAILED, NULL, "%s", _("out of memory"));
	rc = store_base_put(ji->m->db, ji->peer, def, uuid, version, fp, e);
	free(fp);
	return rc;
}

static int
add_record(struct json_import *ji, const struct record *theirs, struct error *e)
{
	int rc = store_import_insert(ji->m->db, theirs, e);

	if (rc == ERR_OK)
		rc = store_stage_note(ji->stage, ji->m->db, theirs, e);
	ji->counts->added[theirs->def->kind] += rc == ERR_OK;
	return rc;
}

/* A record deleted here that the document holds. */
static int
import_deleted_here(struct json_import *ji, const struct record *theirs,
		    const char *file_uuid, struct tombstone *t, struct error *e)
{
	const enum entity_kind k = theirs->def->kind;
	const char *bases[3];
	char *owned = NULL;
	int rc = bases_of(ji, file_uuid, t->fingerprint, bases, &owned, e);

	if (rc != ERR_OK)
		return rc;
	switch (merge_deleted_here(theirs, bases, 3)) {
	case MERGE_CONFLICT:
		ji->counts->conflicts[k]++;
		report_deleted(ji, theirs, true);
		conflict_record(ji, NULL, theirs, 0);
		switch (side_for(ji, theirs, file_uuid)) {
		case IMPORT_THEIRS:
			/* It comes back (logged as added, its tombstone gone). */
			rc = add_record(ji, theirs, e);
			break;
		case IMPORT_ASK:
			ji->unsettled++;
			break;
		case IMPORT_OURS:
			break;
		}
		break;
	default:
		ji->counts->unchanged[k]++;
		break;
	}
	free(owned);
	return rc;
}

/* Writes the fields of take from theirs over ours. */
static int
take_fields(struct json_import *ji, const struct record *ours,
	    const struct record *theirs, uint64_t take, struct error *e)
{
	struct record *merged;
	int rc = ERR_OK;

	if (!take)
		return ERR_OK;
	if (!(merged = record_dup(ours)))
		return error_set(e, ERR_FAILED, NULL, "%s", _("out of memory"));
	for (size_t i = 0; i < ours->def->nfields && rc == ERR_OK; i++)
		if ((take & (UINT64_C(1) << i)) &&
		    record_copy_field(merged, theirs, (int)i) < 0)
			rc = error_set(e, ERR_FAILED, NULL, "%s", _("out of memory"));
	if (rc == ERR_OK)
		rc = validate_record(merged, e);
	if (rc == ERR_OK)
		rc = store_import_update(ji->m->db, merged, ours,
					 merge_version(ours, theirs), ji->m->user, e);
	record_free(&merged);
	return rc;
}

/* Compares an imported record with the stored one and writes what the
 * comparison and the chosen side call for. */
static int
import_record(struct json_import *ji, struct record *theirs, struct error *e)
{
	const enum entity_kind k = theirs->def->kind;
	struct model *m = ji->m;
	struct record *ours = NULL;
	struct tombstone t = { 0 };
	char file_uuid[UUID_LEN + 1], *owned = NULL;
	const char *bases[3] = { NULL, NULL, NULL };
	uint64_t take = 0, conflict = 0;
	int rc;

	memcpy(file_uuid, theirs->uuid, UUID_LEN + 1);
	if (ji->peer && apply_aliases(ji, theirs) != ERR_OK)
		return error_set(e, ERR_FAILED, NULL, "%s", _("out of memory"));
	rc = store_find(m->db, theirs->def, theirs->uuid, &ours, e);
	if (rc != ERR_OK && rc != ERR_NOT_FOUND)
		return rc;
	rc = ERR_OK;
	if (!ours && ji->peer) {
		rc = store_tombstone_get(m->db, theirs->uuid, &t, e);
		if (rc == ERR_OK) {
			rc = import_deleted_here(ji, theirs, file_uuid, &t, e);
			tombstone_clear(&t);
			goto remember;
		}
		if (rc != ERR_NOT_FOUND)
			return rc;
		rc = ERR_OK;
		if (k == ENT_ORGANISATION &&
		    (rc = match_organisation(ji, theirs, &ours, e)) != ERR_OK)
			return rc;
	}
	if (!ours) {
		rc = add_record(ji, theirs, e);
		goto remember;
	}
	/* Fields the document left out keep our values. */
	for (size_t i = 0; i < theirs->def->nfields; i++)
		if ((omitted_fields(ji, theirs->def) & (UINT64_C(1) << i)) &&
		    record_copy_field(theirs, ours, (int)i) < 0)
			rc = error_set(e, ERR_FAILED, NULL, "%s", _("out of memory"));
	if (rc == ERR_OK && ji->peer)
		rc = bases_of(ji, file_uuid, NULL, bases, &owned, e);
	if (rc != ERR_OK)
		goto out;
	switch (strcmp(file_uuid, ours->uuid) && !bases[0] && !bases[1]
		? merge_matched(ours, theirs, &take, &conflict)
		: merge_three_way(ours, theirs, bases, 2, &take, &conflict)) {
	case MERGE_NEW:
	case MERGE_DELETE:
	case MERGE_SAME:
	case MERGE_KEEP:
		ji->counts->unchanged[k]++;
		break;
	case MERGE_UPDATE:
		rc = take_fields(ji, ours, theirs, take, e);
		ji->counts->updated[k] += rc == ERR_OK;
		break;
	case MERGE_CONFLICT:
		ji->counts->conflicts[k]++;
		report_conflict(ji, ours, theirs, conflict);
		conflict_record(ji, ours, theirs, conflict);
		switch (side_for(ji, ours, file_uuid)) {
		case IMPORT_THEIRS:
			rc = take_fields(ji, ours, theirs, take | conflict, e);
			break;
		case IMPORT_OURS:
			rc = take_fields(ji, ours, theirs, take, e);
			break;
		case IMPORT_ASK:
			ji->unsettled++;
			break;
		}
		break;
	}
remember:
	if (rc == ERR_OK)
		rc = remember(ji, theirs->def, file_uuid, theirs->version, theirs, e);
out:
	free(owned);
	record_free(&ours);
	return rc;
}

/* The most records of a slice: SALKKU_IMPORT_SLICE lets the tests
 * commit every record on its own. */
static size_t
slice_records(void)
{
	const char *env = getenv("SALKKU_IMPORT_SLICE");
	long n = env ? strtol(env, NULL, 10) : 0;

	return n > 0 && n < IMPORT_SLICE_RECORDS ? (size_t)n : IMPORT_SLICE_RECORDS;
}

/* Before a record: a full slice (in records or in time) is committed
 * and the next one begun; a stop asked for (Ctrl-C) ends the import. */
static int
import_tick(struct json_import *ji, struct error *e)
{
	char now[32];
	int rc;

	if (ji->opt->stop && ji->opt->stop(ji->opt->arg))
		return error_set(e, ERR_FAILED, NULL, "%s: %s", ji->source,
				 _("interrupted"));
	if (!ji->sliced)
		return ERR_OK;
	if (++ji->slice_records < ji->slice_max &&
	    clock_ms() - ji->slice_start < IMPORT_SLICE_MS)
		return ERR_OK;
	model_now_utc(now);
	rc = store_undo_slice(ji->m->db, now, e);
	ji->slice_records = 0;
	ji->slice_start = clock_ms();
	return rc;
}

static int
import_item(struct json_item *item, void *arg)
{
	struct json_import *ji = arg;
	bool changed = false;
	struct error e;
	int rc;

	error_clear(&e);
	if ((rc = import_tick(ji, &ji->err)) != ERR_OK) {
		ji->failed = true;
		return rc;
	}
	if (item->def) {
		rc = validate_record(item->rec, &e);
		if (rc == ERR_OK)
			rc = import_record(ji, item->rec, &e);
	} else {
		rc = store_import_change(ji->m->db, item->change, &changed, &e);
	}
	if (rc == ERR_OK)
		return ERR_OK;
	/* Name the file and the record ("$.projects.<uuid>"); the
	 * message already names the field. */
	if (strstr(e.message, item->path))
		error_set(&ji->err, rc, item->path, "%s: %s", ji->source,
			  e.message);
	else
		error_set(&ji->err, rc, item->path, "%s: %s: %s", ji->source,
			  item->path, e.message);
	ji->failed = true;
	return rc;
}

/* Whether a project still has records here (added here, or kept in a
 * conflict): deleting it would take them along. */
static int
has_children(struct json_import *ji, const struct record *project, bool *any,
	     struct error *e)
{
	int rc = ERR_OK;

	*any = false;
	for (size_t k = 0; k < ENT_COUNT && !*any && rc == ERR_OK; k++) {
		struct record_list kids = { 0 };

		if (entities[k]->project_field < 0)
			continue;
		rc = store_children(ji->m->db, entities[k], project->uuid, &kids, e);
		*any = kids.count > 0;
		record_list_clear(&kids);
	}
	return rc;
}

static int
delete_record(struct json_import *ji, const struct record *ours,
	      struct error *e)
{
	char label[160], line[512];
	int rc = store_delete(ji->m->db, ours, ji->m->user, e);

	/* An organisation still named here stays, with a word. */
	if (rc == ERR_INVALID && ours->def->kind == ENT_ORGANISATION) {
		record_label(ji->m, ours, label, sizeof label);
		snprintf(line, sizeof line,
			 _("%s: organisation %s was deleted in the file but is still named here: kept"),
			 ji->source, label);
		say(ji, ji->opt->notice, line);
		ji->counts->unchanged[ENT_ORGANISATION]++;
		return ERR_OK;
	}
	ji->counts->deleted[ours->def->kind] += rc == ERR_OK;
	return rc;
}

/* One tombstone of the document: the record goes here unless it
 * changed here since. */
static int
import_tombstone(struct json_import *ji, const struct tombstone *t,
		 struct error *e)
{
	const char *bases[3];
	char *owned = NULL;
	struct record *ours = NULL;
	enum merge_class c;
	bool kids = false;
	int rc = store_get(ji->m->db, t->def, t->uuid, &ours, e);

	if (rc == ERR_NOT_FOUND) {
		ji->counts->unchanged[t->def->kind]++;
		return remember(ji, t->def, t->uuid, t->version, NULL, e);
	}
	if (rc != ERR_OK || (rc = bases_of(ji, t->uuid, t->fingerprint, bases,
					   &owned, e)) != ERR_OK)
		goto out;
	c = merge_deleted_there(ours, bases, 3);
	if (c == MERGE_DELETE && t->def->kind == ENT_PROJECT &&
	    (rc = has_children(ji, ours, &kids, e)) == ERR_OK && kids)
		c = MERGE_CONFLICT;
	if (rc != ERR_OK)
		goto out;
	if (c == MERGE_DELETE) {
		rc = delete_record(ji, ours, e);
	} else if (c == MERGE_KEEP) {
		ji->counts->unchanged[t->def->kind]++;
	} else {
		ji->counts->conflicts[t->def->kind]++;
		report_deleted(ji, ours, false);
		conflict_record(ji, ours, NULL, 0);
		switch (side_for(ji, ours, NULL)) {
		case IMPORT_THEIRS:
			rc = delete_record(ji, ours, e);
			break;
		case IMPORT_ASK:
			ji->unsettled++;
			break;
		case IMPORT_OURS:
			break;
		}
	}
	if (rc == ERR_OK)
		rc = remember(ji, t->def, t->uuid, t->version, NULL, e);
out:
	free(owned);
	record_free(&ours);
	return rc;
}

static int
import_tombstones(struct json_import *ji)
{
	struct error e;
	int rc = ERR_OK;

	for (size_t i = 0; i < ji->doc.ndeleted && rc == ERR_OK; i++) {
		error_clear(&e);
		if ((rc = import_tick(ji, &ji->m->err)) != ERR_OK)
			break;
		if ((rc = import_tombstone(ji, &ji->doc.deleted[i], &e)) != ERR_OK)
			error_set(&ji->m->err, rc, e.field, "%s: $.deleted.%s: %s",
				  ji->source, ji->doc.deleted[i].uuid, e.message);
	}
	return rc;
}

static int
log_added(const struct stage_added *added, void *arg)
{
	struct json_import *ji = arg;
	struct model *m = ji->m;
	int rc = import_tick(ji, &m->err);

	return rc ? rc : store_import_log_new(m->db, added, m->user, &m->err);
}

/* After the walk: the added records the file brought no history for
 * get an "insert" entry by the importing user; the conflicts no side
 * was chosen for refuse the import. */
static int
import_settle(struct json_import *ji)
{
	struct model *m = ji->m;
	int rc = store_stage_noted(ji->stage, log_added, ji, &m->err);

	if (rc == ERR_OK && ji->unsettled && !ji->peer)
		rc = error_set(&m->err, ERR_CONFLICT, NULL,
			       _("%s: records in conflict: %zu (changed in the database since the file was made); nothing was imported: choose a side with --ours or --theirs"),
			       ji->source, ji->unsettled);
	else if (rc == ERR_OK && ji->unsettled)
		rc = error_set(&m->err, ERR_CONFLICT, NULL,
			       _("%s: records in conflict: %zu (changed on both sides since the last exchange); nothing was imported: choose a side with --ours or --theirs, for all records or for one (--ours=RECORD)"),
			       ji->source, ji->unsettled);
	return rc;
}

/* Reads the exchange members: a document of another database makes
 * this import an exchange with it. */
static int
import_begin_exchange(struct json_import *ji)
{
	struct model *m = ji->m;
	int rc;

	if (store_database_id(m->db, ji->me, NULL) != ERR_OK)
		return ERR_OK;
	rc = store_json_exchange_staged(m->db, ji->stage, ji->me, &ji->doc,
					&m->err);
	if (rc != ERR_OK) {
		struct error e = m->err;

		return error_set(&m->err, rc, e.field, "%s: %s", ji->source, e.message);
	}
	if (ji->doc.database[0] && strcmp(ji->doc.database, ji->me))
		ji->peer = ji->doc.database;
	return ERR_OK;
}

static size_t
read_file(void *buf, size_t size, void *arg)
{
	return fread(buf, 1, size, arg);
}

/* Reads, checks and stages the document, holding no lock. */
static int
import_stage(struct json_import *ji, const char *path)
{
	struct model *m = ji->m;
	FILE *f = NULL;
	int rc;

	if ((rc = io_open_input(m, path, &f)) != ERR_OK ||
	    (rc = store_stage_open(&ji->stage, &m->err)) != ERR_OK)
		goto out;
	{
		const struct json_sink sink = { store_stage_split,
						store_stage_value, ji->stage };

		rc = json_check_stream(read_file, f, ji->source, &sink, &m->err);
	}
	if (ferror(f))
		rc = error_set(&m->err, ERR_FAILED, NULL, "%s: %s", ji->source,
			       strerror(errno));
out:
	io_close_input(f);
	return rc;
}

/* After the records: the search words of the projects the import
 * changed are made, a slice of projects at a time. */
static int
import_words(struct json_import *ji)
{
	struct model *m = ji->m;
	bool done = false;
	char now[32];
	int rc;

	while ((rc = store_undo_words(m->db, IMPORT_SLICE_WORDS, &done,
				      &m->err)) == ERR_OK && !done) {
		model_now_utc(now);
		if ((rc = store_undo_slice(m->db, now, &m->err)) != ERR_OK)
			break;
	}
	return rc;
}

/* Ends an import in slices: the last slice commits, the journal
 * emptied with it; after a failure, every slice is rolled back. */
static int
import_end(struct json_import *ji, int rc)
{
	struct model *m = ji->m;
	struct error failure;
	size_t kept = 0;
	size_t len;

	if (rc == ERR_OK)
		rc = import_words(ji);
	store_undo_stop(m->db);
	if (rc == ERR_OK && (rc = store_undo_forget(m->db, &m->err)) == ERR_OK &&
	    (rc = db_commit(m->db, &m->err)) == ERR_OK)
		return ERR_OK;
	db_rollback(m->db);
	failure = m->err;
	len = strlen(failure.message);
	if (model_undo_rollback(m, &kept) != ERR_OK)
		snprintf(failure.message + len, sizeof failure.message - len,
			 _("; rolling the import back stopped (%s): the next salkku to open the database for writing goes on with it"),
			 m->err.message);
	else if (kept)
		snprintf(failure.message + len, sizeof failure.message - len,
			 P_("; rolled back, except %zu record others changed meanwhile",
			    "; rolled back, except %zu records others changed meanwhile",
			    kept),
			 kept);
	m->err = failure;
	return rc;
}

int
model_import_json(struct model *m, const char *path,
		  const struct import_options *opt, struct import_counts *counts)
{
	static const struct import_options defaults = { .side = IMPORT_ASK };
	struct json_import ji = { .m = m, .opt = opt ? opt : &defaults,
				  .source = io_source_name(path),
				  .counts = counts };
	int rc;

	memset(counts, 0, sizeof *counts);
	error_clear(&m->err);
	if ((rc = model_check_writable(m)) != ERR_OK)
		return rc;
	if ((rc = import_stage(&ji, path)) != ERR_OK)
		goto out;
	db_set_bulk(m->db, true);
	if ((rc = db_begin(m->db, &m->err)) != ERR_OK)
		goto out;
	store_set_source(m->db, ji.source);
	if (!ji.opt->dry_run && (rc = model_undo_start(m, ji.source)) != ERR_OK) {
		store_set_source(m->db, NULL);
		rc = io_finish(m, rc, true);
		goto out;
	}
	ji.sliced = !ji.opt->dry_run;
	ji.slice_max = slice_records();
	ji.slice_start = clock_ms();
	rc = import_begin_exchange(&ji);
	if (rc == ERR_OK)
		rc = store_json_staged(m->db, ji.stage, import_item, &ji, &m->err);
	if (ji.failed) {
		m->err = ji.err;
		rc = ji.err.code;
	} else if (rc == ERR_INVALID && !strstr(m->err.message, ji.source)) {
		/* The reader names the JSON path; the message names the file. */
		struct error e = m->err;

		error_set(&m->err, rc, e.field, "%s: %s", ji.source, e.message);
	}
	if (rc == ERR_OK && ji.peer)
		rc = import_tombstones(&ji);
	if (rc == ERR_OK)
		rc = import_settle(&ji);
	store_set_source(m->db, NULL);
	/* A dry run reports the conflicts it found, and rolls back. */
	rc = ji.sliced ? import_end(&ji, rc) : io_finish(m, rc, ji.opt->dry_run);
out:
	db_set_bulk(m->db, false);
	if (rc != ERR_OK && rc != ERR_CONFLICT)
		memset(counts, 0, sizeof *counts);
	exchange_doc_clear(&ji.doc);
	free(ji.aliases);
	store_stage_close(&ji.stage);
	return rc;
}
