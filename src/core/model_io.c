/* SPDX-License-Identifier: EUPL-1.2 */
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

int
io_open_input(struct model *m, const char *path, FILE **out)
{
	if (!strcmp(path, "-")) {
		*out = stdin;
		return ERR_OK;
	}
	return open_input(m, path, out);
}

void
io_close_input(FILE *f)
{
	if (f && f != stdin)
		fclose(f);
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
	if ((rc = store_export_json(m->db, out, NULL, &m->err)) != ERR_OK)
		return rc;
	return io_check_output(m, out);
}

/* The uuid of the project code names, live or deleted (its tombstone
 * travels), into uuid. */
static int
export_project_uuid(struct model *m, const char *code, char uuid[UUID_LEN + 1])
{
	struct record *p = NULL;
	int rc = store_get_project(m->db, code, &p, &m->err);

	if (rc == ERR_OK) {
		memcpy(uuid, p->uuid, UUID_LEN + 1);
		record_free(&p);
		return ERR_OK;
	}
	if (rc != ERR_NOT_FOUND)
		return rc;
	rc = store_tombstone_project(m->db, code, uuid, &m->err);
	if (rc == ERR_NOT_FOUND)
		error_set(&m->err, rc, NULL, _("there is no project %s"), code);
	return rc;
}

int
model_export_exchange(struct model *m, FILE *out,
		      const struct export_options *opt)
{
	struct export_filter filter = { 0 };
	char (*uuids)[UUID_LEN + 1] = NULL;
	const char **list = NULL;
	int rc = ERR_OK;

	error_clear(&m->err);
	filter.omit = (opt->no_notes ? OMIT_NOTES : 0) |
		      (opt->no_log ? OMIT_CHANGES : 0) |
		      (opt->no_money ? OMIT_MONEY : 0);
	if (opt->nprojects) {
		uuids = calloc(opt->nprojects, sizeof *uuids);
		list = calloc(opt->nprojects, sizeof *list);
		if (!uuids || !list)
			rc = error_set(&m->err, ERR_FAILED, NULL, "%s", _("out of memory"));
		for (size_t i = 0; rc == ERR_OK && i < opt->nprojects; i++) {
			rc = export_project_uuid(m, opt->projects[i], uuids[i]);
			list[i] = uuids[i];
		}
		filter.projects = list;
		filter.nprojects = opt->nprojects;
		filter.omit |= OMIT_OTHER_PROJECTS;
	}
	if (rc == ERR_OK)
		rc = store_export_json(m->db, out, &filter, &m->err);
	free(list);
	free(uuids);
	return rc == ERR_OK ? io_check_output(m, out) : rc;
}

