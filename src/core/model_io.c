/* model_io.c — the whole portfolio in and out: the JSON exchange
 * document (salkku-json(5)) and the project table as CSV.
 *
 * An import is one transaction: the file is read whole and checked
 * first, then every record is validated and written, and any problem
 * rolls everything back.  A dry run counts what would be written and
 * rolls back too.  Records keep their uuids, so that importing the same
 * document twice writes nothing the second time. */
#include "config.h"

#include "model.h"
#include "model_io.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "db/db.h"
#include "db/store.h"
#include "src/base/format.h"
#include "src/base/i18n.h"
#include "src/base/json_check.h"
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

/* Reads path ("-": standard input) whole into a NUL-terminated buffer,
 * the caller's to free. */
int
io_read_input(struct model *m, const char *path, char **out, size_t *outlen)
{
	bool std = !strcmp(path, "-");
	FILE *f = std ? stdin : fopen(path, "rb");
	size_t cap = 1 << 16, len = 0;
	char *buf = NULL;
	struct stat st;
	int rc = ERR_OK;

	*out = NULL;
	if (!f)
		return error_set(&m->err, errno == ENOENT ? ERR_NOT_FOUND : ERR_FAILED,
				 NULL, "%s: %s", path, strerror(errno));
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

struct json_import {
	struct model *m;
	const char *source;
	size_t *counts;
	bool failed;
	struct error err;
};

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
			rc = store_import_record(ji->m->db, item->rec, &changed, &e);
		if (rc == ERR_OK && changed)
			ji->counts[item->def->kind]++;
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

int
model_import_json(struct model *m, const char *path, bool dry_run,
		  size_t counts[ENT_COUNT])
{
	struct json_import ji = { .m = m, .source = io_source_name(path),
				  .counts = counts };
	char *text = NULL;
	size_t len = 0;
	int rc;

	memset(counts, 0, ENT_COUNT * sizeof *counts);
	error_clear(&m->err);
	if ((rc = io_check_writable(m)) != ERR_OK ||
	    (rc = io_read_input(m, path, &text, &len)) != ERR_OK)
		return rc;
	if ((rc = json_check_document(text, len, ji.source, &m->err)) != ERR_OK ||
	    (rc = db_begin(m->db, &m->err)) != ERR_OK)
		goto out;
	rc = store_json_items(m->db, text, len, import_item, &ji, &m->err);
	if (ji.failed) {
		m->err = ji.err;
		rc = ji.err.code;
	}
	rc = io_finish(m, rc, dry_run);
out:
	if (rc != ERR_OK)
		memset(counts, 0, ENT_COUNT * sizeof *counts);
	free(text);
	return rc;
}
