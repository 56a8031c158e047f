/* model_io.c — the whole portfolio in and out: the JSON exchange
 * document (salkku-json(5)) and the project table as CSV.
 *
 * An import is one transaction: the file is read whole and checked
 * first, then every record is validated, compared with the stored one
 * (merge.h) and written as the comparison and the chosen side say, and
 * any problem or unsettled conflict rolls everything back.  A dry run
 * counts and reports the same and rolls back too.  Records keep their
 * uuids, and a record with the stored values is not written, so that
 * importing the same document twice writes nothing the second time. */
#include "config.h"

#include "model.h"
#include "model_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db.h"
#include "db/store.h"
#include "src/base/format.h"
#include "src/base/i18n.h"
#include "src/base/json_check.h"
#include "merge.h"
#include "validate.h"


int
io_check_writable(struct model *m)
{
	if (m->read_only)
		return error_set(&m->err, ERR_FAILED, NULL, "%s",
				 _("the database is open read-only: nothing was changed"));
	return ERR_OK;
}

const char *
io_source_name(const char *path)
{
	return strcmp(path, "-") ? path : _("standard input");
}

/* Opens path for an import: a regular file, or a pipe or FIFO (as
 * `import <(…)` passes).  A FIFO is opened without waiting for a writer,
 * so that one nobody writes to reads as empty instead of hanging; a
 * folder or a device is refused. */
static int
open_input(struct model *m, const char *path, FILE **out)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), flags;
	struct stat st;
	const char *kind = NULL;

	*out = NULL;
	if (fd < 0)
		return error_set(&m->err, errno == ENOENT ? ERR_NOT_FOUND : ERR_FAILED,
				 NULL, "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		error_set(&m->err, ERR_FAILED, NULL, "%s: %s", path, strerror(errno));
		close(fd);
		return ERR_FAILED;
	}
	if (S_ISDIR(st.st_mode))
		kind = _("is a folder, not a file to import");
	else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
		kind = _("is a device, not a file to import");
	if (kind || (flags = fcntl(fd, F_GETFL)) < 0 ||
	    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0 ||
	    !(*out = fdopen(fd, "rb"))) {
		error_set(&m->err, ERR_FAILED, NULL, "%s: %s", path,
			  kind ? kind : strerror(errno));
		close(fd);
		return ERR_FAILED;
	}
	return ERR_OK;
}

/* Reads path ("-": standard input) whole into a NUL-terminated buffer,
 * the caller's to free. */
int
io_read_input(struct model *m, const char *path, char **out, size_t *outlen)
{
	bool std = !strcmp(path, "-");
	FILE *f = stdin;
	size_t cap = 1 << 16, len = 0;
	char *buf = NULL;
	struct stat st;
	int rc = ERR_OK;

	*out = NULL;
	if (!std && (rc = open_input(m, path, &f)) != ERR_OK)
		return rc;
	/* A regular file is read in one go, into a buffer of its size. */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (size_t)st.st_size + 1;
	for (;;) {
		size_t n;

		if (len + 1 >= cap || !buf) {
			char *more;

			if (buf)
				cap *= 2;
			if (!(more = realloc(buf, cap))) {
				rc = error_set(&m->err, ERR_FAILED, NULL,
					       _("%s: out of memory"), io_source_name(path));
				goto out;
			}
			buf = more;
		}
		n = fread(buf + len, 1, cap - 1 - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		rc = error_set(&m->err, ERR_FAILED, NULL, "%s: %s",
			       io_source_name(path), strerror(errno));
		goto out;
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	buf = NULL;
out:
	free(buf);
	if (!std)
		fclose(f);
	return rc;
}

int
io_check_output(struct model *m, FILE *out)
{
	if (fflush(out) != 0 || ferror(out))
		return error_set(&m->err, ERR_FAILED, NULL,
				 _("writing the export failed: %s"), strerror(errno));
	return ERR_OK;
}

/* Ends an import's transaction: committed only when all went well and
 * this is not a dry run. */
int
io_finish(struct model *m, int rc, bool dry_run)
{
	if (rc == ERR_OK && !dry_run)
		rc = db_commit(m->db, &m->err);
	if (rc != ERR_OK || dry_run)
		db_rollback(m->db);
	return rc;
}

/* ---- JSON ----------------------------------------------------------- */

int
model_export_json(struct model *m, FILE *out)
{
	int rc;

	error_clear(&m->err);
	if ((rc = store_export_json(m->db, out, &m->err)) != ERR_OK)
		return rc;
	return io_check_output(m, out);
}

/* A record the import added, to be logged unless the file brought its
 * history along. */
struct added {
	const struct entity_def *def;
	char uuid[UUID_LEN + 1];
};

struct json_import {
	struct model *m;
	const struct import_options *opt;
	const char *source;
	struct import_counts *counts;
	struct added *added;
	size_t nadded, cap;
	bool failed;
	struct error err;
};

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
	snprintf(buf, size, _("%s/%s of %s"), rec->uuid, def->name,
		 record_text(p, PROJECT_CODE));
	record_free(&p);
}

/* Reports each field in which ours and theirs differ. */
static void
report_conflict(struct json_import *ji, const struct record *ours,
		const struct record *theirs)
{
	char label[160], what[256], line[512];

	if (!ji->opt->conflict)
		return;
	record_label(ji->m, ours, label, sizeof label);
	for (size_t i = 0; i < ours->def->nfields; i++) {
		if (record_field_equal(ours, theirs, (int)i))
			continue;
		merge_describe(ours, theirs, (int)i, what, sizeof what);
		snprintf(line, sizeof line, "%s: %s: %s", ji->source, label, what);
		ji->opt->conflict(line, ji->opt->arg);
	}
}

static int
note_added(struct json_import *ji, const struct record *rec)
{
	if (ji->nadded == ji->cap) {
		size_t cap = ji->cap ? ji->cap * 2 : 256;
		struct added *more = realloc(ji->added, cap * sizeof *more);

		if (!more)
			return ERR_FAILED;
		ji->added = more;
		ji->cap = cap;
	}
	ji->added[ji->nadded].def = rec->def;
	memcpy(ji->added[ji->nadded++].uuid, rec->uuid, UUID_LEN + 1);
	return ERR_OK;
}

/* Compares an imported record with the stored one and writes what the
 * comparison and the chosen side call for. */
static int
import_record(struct json_import *ji, const struct record *theirs,
	      struct error *e)
{
	const enum entity_kind k = theirs->def->kind;
	struct model *m = ji->m;
	struct record *ours = NULL;
	int rc = store_get(m->db, theirs->def, theirs->uuid, &ours, e);

	if (rc != ERR_OK && rc != ERR_NOT_FOUND)
		return rc;
	rc = ERR_OK;
	switch (merge_classify(ours, theirs)) {
	case MERGE_NEW:
		if ((rc = store_import_insert(m->db, theirs, e)) == ERR_OK &&
		    note_added(ji, theirs) != ERR_OK)
			rc = error_set(e, ERR_FAILED, NULL, "%s", _("out of memory"));
		ji->counts->added[k] += rc == ERR_OK;
		break;
	case MERGE_SAME:
		ji->counts->unchanged[k]++;
		break;
	case MERGE_UPDATE:
		rc = store_import_update(m->db, theirs, ours,
					 merge_version(ours, theirs), m->user, e);
		ji->counts->updated[k] += rc == ERR_OK;
		break;
	case MERGE_CONFLICT:
		ji->counts->conflicts[k]++;
		report_conflict(ji, ours, theirs);
		if (ji->opt->side == IMPORT_THEIRS)
			rc = store_import_update(m->db, theirs, ours,
						 merge_version(ours, theirs),
						 m->user, e);
		break;
	}
	record_free(&ours);
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

/* After the walk: the added records the file brought no history for
 * get an "insert" entry by the importing user; the conflicts, unless a
 * side was chosen, refuse the import. */
static int
import_settle(struct json_import *ji)
{
	struct model *m = ji->m;
	size_t conflicts = 0;
	int rc = ERR_OK;

	for (size_t i = 0; i < ji->nadded && rc == ERR_OK; i++)
		rc = store_import_log_new(m->db, ji->added[i].def,
					  ji->added[i].uuid, m->user, &m->err);
	for (size_t k = 0; k < ENT_COUNT; k++)
		conflicts += ji->counts->conflicts[k];
	if (rc == ERR_OK && conflicts && ji->opt->side == IMPORT_ASK)
		rc = error_set(&m->err, ERR_CONFLICT, NULL,
			       _("%s: records in conflict: %zu (changed in the database since the file was made); nothing was imported: choose a side with --ours or --theirs"),
			       ji->source, conflicts);
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
	char *text = NULL;
	size_t len = 0;
	int rc;

	memset(counts, 0, sizeof *counts);
	error_clear(&m->err);
	if ((rc = io_check_writable(m)) != ERR_OK ||
	    (rc = io_read_input(m, path, &text, &len)) != ERR_OK)
		return rc;
	if ((rc = json_check_document(text, len, ji.source, &m->err)) != ERR_OK ||
	    (rc = db_begin(m->db, &m->err)) != ERR_OK)
		goto out;
	store_set_source(m->db, ji.source);
	rc = store_json_items(m->db, text, len, import_item, &ji, &m->err);
	if (ji.failed) {
		m->err = ji.err;
		rc = ji.err.code;
	} else if (rc == ERR_INVALID && !strstr(m->err.message, ji.source)) {
		/* The reader names the JSON path; the message names the file. */
		struct error e = m->err;

		error_set(&m->err, rc, e.field, "%s: %s", ji.source, e.message);
	}
	if (rc == ERR_OK)
		rc = import_settle(&ji);
	store_set_source(m->db, NULL);
	/* A dry run reports the conflicts it found, and rolls back. */
	rc = io_finish(m, rc, ji.opt->dry_run);
out:
	if (rc != ERR_OK && rc != ERR_CONFLICT)
		memset(counts, 0, sizeof *counts);
	free(ji.added);
	free(text);
	return rc;
}
