/* SPDX-License-Identifier: EUPL-1.2 */
/* model_csv.c — projects as CSV, out and in (RFC 4180). */
#include "config.h"

#include "model.h"
#include "model_internal.h"
#include "model_io.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/csv.h"
#include "db/db.h"
#include "db/store.h"
#include "src/base/format.h"
#include "src/base/i18n.h"
#include "src/base/text.h"
#include "validate.h"
#include "workflow.h"

/* Problems collected from a CSV file before giving up. */
#define CSV_MAX_PROBLEMS 20
/* The column that is not a project field: the administrator's name. */
#define COL_ADMINISTRATOR (-2)

/* ---- CSV out -------------------------------------------------------- */

/* A field in the CSV form: ISO dates, "453087.00", "8.80". */
static const char *
cell_text(const struct record *rec, size_t i, char *buf, size_t size)
{
	const struct value *v = &rec->v[i];

	if (v->null)
		return "";
	switch (rec->def->fields[i].type) {
	case FT_MONEY:
		return format_money(buf, size, v->num, FMT_ISO);
	case FT_HUNDREDTHS:
		return format_hundredths(buf, size, v->num, FMT_ISO);
	case FT_YEAR:
		snprintf(buf, size, "%lld", (long long)v->num);
		return buf;
	case FT_BOOL:
		return v->num ? "1" : "0";
	default:
		return v->text ? v->text : "";
	}
}

static int
write_row(const struct record *rec, const char *administrator, void *arg)
{
	FILE *out = arg;
	char buf[48];

	for (size_t i = 0; i < rec->def->nfields; i++)
		csv_write_cell(out, cell_text(rec, i, buf, sizeof buf), i == 0);
	csv_write_cell(out, administrator ? administrator : "", false);
	csv_end_record(out);
	return ferror(out) ? ERR_FAILED : ERR_OK;
}

/* The projects in the project table's order, streamed row by row. */
int
model_export_csv(struct model *m, FILE *out)
{
	const struct entity_def *def = entities[ENT_PROJECT];
	int rc;

	error_clear(&m->err);
	if ((rc = db_begin_read(m->db, &m->err)) != ERR_OK)
		return rc;
	for (size_t i = 0; i < def->nfields; i++)
		csv_write_cell(out, def->fields[i].name, i == 0);
	csv_write_cell(out, "administrator", false);
	csv_end_record(out);
	rc = store_each_project_listed(m->db, write_row, out, &m->err);
	if (rc == ERR_OK || ferror(out))
		rc = io_check_output(m, out);
	db_rollback(m->db);
	return rc;
}

/* ---- CSV in --------------------------------------------------------- */

/* A code seen (its fold key) and the line it was first on. */
struct code_line {
	char *key;
	unsigned long line;
};

struct csv_import {
	struct model *m;
	const char *source;
	struct import_counts *counts;
	char today[11];
	int *cols;          /* per column: project field, or COL_ADMINISTRATOR */
	size_t ncols;
	int code_col;
	/* The codes of the rows read so far, an open-addressing table. */
	struct code_line *codes;
	size_t ncodes, capcodes;
	unsigned nproblems, shown;
	char problems[sizeof ((struct error *)0)->message];
	size_t plen;
};

/* Notes a problem, keeping as many as fit in one error message with
 * room for the closing line. */
static void
add_problem(struct csv_import *ci, const char *text)
{
	size_t n = strlen(text) + (ci->plen ? 1 : 0);

	ci->nproblems++;
	if (ci->plen + n + 64 >= sizeof ci->problems)
		return;
	snprintf(ci->problems + ci->plen, sizeof ci->problems - ci->plen,
		 "%s%s", ci->plen ? "\n" : "", text);
	ci->plen += n;
	ci->shown++;
}

static void problem(struct csv_import *ci, unsigned long line,
		    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Notes a problem of a row as "file:line: message". */
static void
problem(struct csv_import *ci, unsigned long line, const char *fmt, ...)
{
	char msg[sizeof ci->problems], text[sizeof ci->problems + 128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(text, sizeof text, "%s:%lu: %s", ci->source, line, msg);
	add_problem(ci, text);
}

/* What a file said, cut short for a message at a character boundary.
 * Front ends make it safe to show. */
static const char *
shown(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s);

	if (n >= size) {
		n = size - 4;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		snprintf(buf, size, "%.*s…", (int)n, s);
	} else {
		memcpy(buf, s, n + 1);
	}
	return buf;
}

static char *
trimmed(const char *s)
{
	size_t len;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return strndup(s, len);
}

/* Maps the header's columns to fields.  Unknown or repeated columns,
 * and a header without code and name, are errors. */
static int
read_header(struct csv_import *ci, struct csv_reader *r, unsigned long line)
{
	const struct entity_def *def = entities[ENT_PROJECT];
	int name_col = -1;
	char echo[64];

	ci->code_col = -1;
	ci->ncols = r->nfields;
	if (!(ci->cols = calloc(r->nfields, sizeof *ci->cols)))
		return error_set(&ci->m->err, ERR_FAILED, NULL, "%s", _("out of memory"));
	for (size_t c = 0; c < r->nfields; c++) {
		char *name = trimmed(r->fields[c]);
		int field = -1;

		if (!name)
			return error_set(&ci->m->err, ERR_FAILED, NULL, "%s", _("out of memory"));
		for (size_t i = 0; i < def->nfields && field < 0; i++)
			if (!strcasecmp(def->fields[i].name, name))
				field = (int)i;
		if (field < 0 && !strcasecmp(name, "administrator"))
			field = COL_ADMINISTRATOR;
		if (field == -1) {
			char known[400];
			size_t len = 0;

			for (size_t i = 0; i < def->nfields; i++)
				len += (size_t)snprintf(known + len, sizeof known - len,
							"%s, ", def->fields[i].name);
			snprintf(known + len, sizeof known - len, "administrator");
			shown(name, echo, sizeof echo);
			error_set(&ci->m->err, ERR_INVALID, echo,
				  _("%s:%lu: unknown column \"%s\" (the columns are %s)"),
				  ci->source, line, echo, known);
			free(name);
			return ERR_INVALID;
		}
		for (size_t d = 0; d < c; d++)
			if (ci->cols[d] == field) {
				const char *col = field == COL_ADMINISTRATOR ?
					"administrator" : def->fields[field].name;

				error_set(&ci->m->err, ERR_INVALID, col,
					  _("%s:%lu: the column \"%s\" appears twice"),
					  ci->source, line, col);
				free(name);
				return ERR_INVALID;
			}
		free(name);
		ci->cols[c] = field;
		if (field == PROJECT_CODE)
			ci->code_col = (int)c;
		else if (field == PROJECT_NAME)
			name_col = (int)c;
	}
	if (ci->code_col < 0 || name_col < 0)
		return error_set(&ci->m->err, ERR_INVALID, NULL,
				 _("%s:%lu: the header needs at least the columns \"code\" and \"name\""),
				 ci->source, line);
	return ERR_OK;
}

static int
oom(struct model *m)
{
	return error_set(&m->err, ERR_FAILED, NULL, "%s", _("out of memory"));
}

/* Appends an entry to the project's status history. */
static int
record_status(struct csv_import *ci, const struct record *project,
	      const char *from, const char *to)
{
	struct record *change = record_new(entities[ENT_STATUS_CHANGE]);
	int rc;

	if (!change ||
	    record_set_text(change, STATUS_PROJECT, project->uuid) < 0 ||
	    record_set_text(change, STATUS_FROM, from) < 0 ||
	    record_set_text(change, STATUS_TO, to) < 0 ||
	    record_set_text(change, STATUS_DATE, ci->today) < 0 ||
	    record_set_text(change, STATUS_BY, ci->m->user) < 0 ||
	    record_set_text(change, STATUS_REASON, _("imported from CSV")) < 0) {
		record_free(&change);
		return oom(ci->m);
	}
	record_set_num(change, STATUS_FORCED, 0);
	rc = store_insert(ci->m->db, change, ci->m->user, &ci->m->err);
	if (rc == ERR_OK)
		ci->counts->added[ENT_STATUS_CHANGE]++;
	record_free(&change);
	return rc;
}

/* Makes org the project's administrator: the existing administrator
 * role moves to it, or a new one is added. */
static int
set_administrator(struct csv_import *ci, const struct record *project,
		  const struct record *org)
{
	const struct entity_def *def = entities[ENT_ROLE];
	struct record_list roles = { 0 };
	struct record *role = NULL;
	struct model *m = ci->m;
	int rc;

	rc = store_children(m->db, def, project->uuid, &roles, &m->err);
	for (size_t i = 0; rc == ERR_OK && i < roles.count && !role; i++) {
		const char *kind = record_text(roles.items[i], ROLE_ROLE);

		if (kind && !strcmp(kind, "administrator"))
			role = roles.items[i];
	}
	if (rc != ERR_OK)
		goto out;
	if (role) {
		if (!strcmp(record_text(role, ROLE_ORGANISATION), org->uuid))
			goto out;
		if (record_set_text(role, ROLE_ORGANISATION, org->uuid) < 0) {
			rc = oom(m);
			goto out;
		}
		rc = store_update(m->db, role, m->user, &m->err);
	} else {
		struct record *added = record_new(def);

		if (!added ||
		    record_set_text(added, ROLE_PROJECT, project->uuid) < 0 ||
		    record_set_text(added, ROLE_ORGANISATION, org->uuid) < 0 ||
		    record_set_text(added, ROLE_ROLE, "administrator") < 0)
			rc = oom(m);
		else
			rc = store_insert(m->db, added, m->user, &m->err);
		record_free(&added);
	}
	if (rc == ERR_OK && role)
		ci->counts->updated[ENT_ROLE]++;
	else if (rc == ERR_OK)
		ci->counts->added[ENT_ROLE]++;
out:
	record_list_clear(&roles);
	return rc;
}

static bool
records_differ(const struct record *a, const struct record *b)
{
	for (size_t i = 0; i < a->def->nfields; i++)
		if (!record_field_equal(a, b, (int)i))
			return true;
	return false;
}

static size_t
key_hash(const char *key)
{
	size_t h = 5381;

	while (*key)
		h = h * 33 + (unsigned char)*key++;
	return h;
}

static void
codes_put(struct code_line *slots, size_t cap, struct code_line c)
{
	size_t i = key_hash(c.key) & (cap - 1);

	while (slots[i].key)
		i = (i + 1) & (cap - 1);
	slots[i] = c;
}

/* Notes code, first seen on line; *first is 0, or the line a code the
 * database takes for the same (case folded, Ä as ä too) was first on. */
static int
code_seen(struct csv_import *ci, const char *code, unsigned long line,
	  unsigned long *first)
{
	char *key = text_fold_key(code, strlen(code));
	size_t i;

	*first = 0;
	if (!key)
		return oom(ci->m);
	if (ci->capcodes) {
		for (i = key_hash(key) & (ci->capcodes - 1); ci->codes[i].key;
		     i = (i + 1) & (ci->capcodes - 1))
			if (!strcmp(ci->codes[i].key, key)) {
				*first = ci->codes[i].line;
				free(key);
				return ERR_OK;
			}
	}
	if (2 * (ci->ncodes + 1) > ci->capcodes) {
		size_t cap = ci->capcodes ? ci->capcodes * 2 : 256;
		struct code_line *slots = calloc(cap, sizeof *slots);

		if (!slots) {
			free(key);
			return oom(ci->m);
		}
		for (i = 0; i < ci->capcodes; i++)
			if (ci->codes[i].key)
				codes_put(slots, cap, ci->codes[i]);
		free(ci->codes);
		ci->codes = slots;
		ci->capcodes = cap;
	}
	codes_put(ci->codes, ci->capcodes, (struct code_line){ key, line });
	ci->ncodes++;
	return ERR_OK;
}

/* Reads one row into a new or the stored project and writes it.  A
 * problem with the row's data is noted and the row skipped; only a
 * failure of the database itself stops the import (returned). */
static int
import_row(struct csv_import *ci, struct csv_reader *r, unsigned long line)
{
	const struct entity_def *def = entities[ENT_PROJECT];
	struct model *m = ci->m;
	struct record *rec = NULL, *before = NULL, *org = NULL;
	const char *admin = NULL, *from = NULL, *to;
	char *code = NULL, echo[64];
	unsigned long first;
	bool bad = false;
	struct error e;
	int rc = ERR_OK;

	if (r->nfields != ci->ncols) {
		problem(ci, line, _("the row has %zu fields, the header %zu"),
			r->nfields, ci->ncols);
		return ERR_OK;
	}
	if (!(code = trimmed(csv_cell_value(r->fields[ci->code_col]))))
		return oom(m);
	if (!*code) {
		problem(ci, line, _("code: a value is required"));
		goto out;
	}
	/* A row that repeats the code of an earlier row is refused in its
	 * place. */
	if ((rc = code_seen(ci, code, line, &first)) != ERR_OK)
		goto out;
	if (first) {
		problem(ci, line, _("code: \"%s\" is also on line %lu"),
			shown(code, echo, sizeof echo), first);
		goto out;
	}
	/* A code is only ever a code: one that looks like another
	 * project's uuid must not find that project. */
	error_clear(&e);
	rc = store_project_by_code(m->db, code, &rec, &e);
	if (rc == ERR_NOT_FOUND) {
		rc = ERR_OK;
		if (!(rec = record_new(def)))
			rc = oom(m);
	} else if (rc == ERR_OK) {
		if (!(before = record_dup(rec)))
			rc = oom(m);
	} else {
		m->err = e;
	}
	if (rc != ERR_OK)
		goto out;

	for (size_t c = 0; c < ci->ncols; c++) {
		const char *value = csv_cell_value(r->fields[c]);

		if (ci->cols[c] == COL_ADMINISTRATOR) {
			admin = value;
			continue;
		}
		if (ci->cols[c] == PROJECT_CODE)
			value = code;
		error_clear(&e);
		rc = validate_parse_field(rec, ci->cols[c], value, &e);
		if (rc == ERR_INVALID) {
			problem(ci, line, "%s", e.message);
			bad = true;
		} else if (rc != ERR_OK) {
			m->err = e;
			goto out;
		}
		rc = ERR_OK;
	}
	if (bad)
		goto out;
	/* A new project starts as an idea, as one added by hand; a status
	 * that changes follows the workflow, and both are kept in the
	 * history. */
	if (!before && rec->v[PROJECT_STATUS].null &&
	    record_set_text(rec, PROJECT_STATUS, "idea") < 0) {
		rc = oom(m);
		goto out;
	}
	to = record_text(rec, PROJECT_STATUS);
	if (before) {
		from = record_text(before, PROJECT_STATUS);
		if (to && from && !strcmp(from, to))
			from = to = NULL;
		else if (to && !workflow_allows(from, to)) {
			problem(ci, line, _("status: %s → %s is not a step of the workflow"),
				from ? from : "-", to);
			goto out;
		}
	}
	error_clear(&e);
	if (validate_record(rec, &e) != ERR_OK) {
		problem(ci, line, "%s", e.message);
		goto out;
	}
	if (admin) {
		char *name = trimmed(admin);

		if (!name) {
			rc = oom(m);
			goto out;
		}
		error_clear(&e);
		if (*name) {
			rc = store_find_organisation(m->db, name, &org, &e);
			if (rc == ERR_NOT_FOUND) {
				problem(ci, line, _("administrator: no organisation \"%s\""),
					shown(name, echo, sizeof echo));
				bad = true;
			} else if (rc == ERR_INVALID) {
				problem(ci, line, "administrator: %s", e.message);
				bad = true;
			} else if (rc != ERR_OK) {
				m->err = e;
			}
		}
		free(name);
		if (bad)
			rc = ERR_OK;
		if (rc != ERR_OK || bad)
			goto out;
	}

	/* Write.  A unique field taken by another record is the row's
	 * problem; anything else stops the import. */
	error_clear(&e);
	if (!before) {
		rc = store_insert(m->db, rec, m->user, &e);
		if (rc == ERR_OK) {
			ci->counts->added[ENT_PROJECT]++;
			rc = record_status(ci, rec, NULL, to);
		}
	} else if (records_differ(before, rec)) {
		rc = store_update(m->db, rec, m->user, &e);
		if (rc == ERR_OK) {
			ci->counts->updated[ENT_PROJECT]++;
			if (to)
				rc = record_status(ci, rec, from, to);
		}
	} else {
		ci->counts->unchanged[ENT_PROJECT]++;
	}
	if (rc == ERR_INVALID && e.code == ERR_INVALID) {
		problem(ci, line, "%s", e.message);
		rc = ERR_OK;
		goto out;
	}
	if (rc != ERR_OK) {
		if (e.code != ERR_OK)
			m->err = e;
		goto out;
	}
	if (org)
		rc = set_administrator(ci, rec, org);
out:
	free(code);
	record_free(&rec);
	record_free(&before);
	record_free(&org);
	return rc;
}

static size_t
read_file(void *buf, size_t size, void *arg)
{
	return fread(buf, 1, size, arg);
}

int
model_import_csv(struct model *m, const char *path,
		 const struct import_options *opt, struct import_counts *counts)
{
	struct csv_import ci = { .m = m, .source = io_source_name(path),
				 .counts = counts };
	struct csv_reader r = { 0 };
	FILE *f = NULL;
	unsigned long line = 0;
	int rc, got;

	memset(counts, 0, sizeof *counts);
	error_clear(&m->err);
	format_today(ci.today);
	if ((rc = model_check_writable(m)) != ERR_OK ||
	    (rc = io_open_input(m, path, &f)) != ERR_OK)
		return rc;
	if (csv_reader_stream(&r, read_file, f, ci.source) < 0) {
		rc = oom(m);
		goto out;
	}
	got = csv_read(&r, &line, &m->err);
	if (got == 0)
		rc = error_set(&m->err, ERR_INVALID, NULL,
			       _("%s: the file is empty (a header line is needed)"),
			       ci.source);
	else if (got < 0)
		rc = m->err.code;
	else
		rc = read_header(&ci, &r, line);
	if (rc == ERR_OK)
		db_set_bulk(m->db, true);
	if (rc != ERR_OK || (rc = db_begin(m->db, &m->err)) != ERR_OK)
		goto out;
	store_set_source(m->db, ci.source);
	while (ci.nproblems < CSV_MAX_PROBLEMS &&
	       (got = csv_read(&r, &line, &m->err)) == 1)
		if ((rc = import_row(&ci, &r, line)) != ERR_OK)
			break;
	if (rc == ERR_OK && ferror(f))
		rc = error_set(&m->err, ERR_FAILED, NULL, "%s: %s", ci.source,
			       strerror(errno));
	/* A malformed record ends the reading: it is the last problem. */
	if (rc == ERR_OK && got < 0) {
		if (m->err.code == ERR_INVALID)
			add_problem(&ci, m->err.message);
		else
			rc = m->err.code;
	}
	if (rc == ERR_OK && ci.nproblems) {
		size_t more = ci.nproblems - ci.shown;

		if (ci.nproblems >= CSV_MAX_PROBLEMS)
			snprintf(ci.problems + ci.plen, sizeof ci.problems - ci.plen,
				 _("\n(stopped after %u problems; nothing was imported)"),
				 ci.nproblems);
		else if (more)
			snprintf(ci.problems + ci.plen, sizeof ci.problems - ci.plen,
				 P_("\n(and %zu more; nothing was imported)",
				    "\n(and %zu more; nothing was imported)", more),
				 more);
		rc = error_set(&m->err, ERR_INVALID, NULL, "%s", ci.problems);
	}
	store_set_source(m->db, NULL);
	rc = io_finish(m, rc, opt && opt->dry_run);
out:
	db_set_bulk(m->db, false);
	if (rc != ERR_OK)
		memset(counts, 0, sizeof *counts);
	csv_reader_free(&r);
	io_close_input(f);
	for (size_t i = 0; i < ci.capcodes; i++)
		free(ci.codes[i].key);
	free(ci.codes);
	free(ci.cols);
	return rc;
}
