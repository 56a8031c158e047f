/* SPDX-License-Identifier: EUPL-1.2 */
/* model.c — opening the portfolio, reading it, and turning what people
 * type into stored values.  Writes are in model_write.c. */
#include "config.h"

#include "model.h"
#include "model_internal.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/db.h"
#include "db/store.h"
#include "src/base/format.h"
#include "src/base/i18n.h"
#include "money.h"
#include "shared.h"
#include "validate.h"

/* The login name of the real user id: $USER can say anything, and the
 * change log must say who really made a change. */
static void
model_set_user(struct model *m)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw && pw->pw_name)
		snprintf(m->user, sizeof m->user, "%s", pw->pw_name);
	else
		snprintf(m->user, sizeof m->user, "uid%ld", (long)getuid());
}

int
model_open(struct model *m, const char *path, unsigned flags)
{
	unsigned db_flags = 0;
	struct stat st;

	memset(m, 0, sizeof *m);
	model_set_user(m);
	if (shared_check_filesystem(path, &m->err) != ERR_OK)
		return m->err.code;
	if (stat(path, &st) != 0 && errno == EACCES)
		return shared_explain_denied(path, &m->err);
	if (stat(path, &st) == 0) {
		/* What a group needs to write together; a session that only
		 * reads (a backup being checked, say) needs none of it. */
		if (!(flags & MODEL_READONLY) &&
		    shared_check_permissions(path, &m->err) != ERR_OK)
			return m->err.code;
	} else if (flags & MODEL_CREATE) {
		if (shared_create_file(path, &m->err) != ERR_OK)
			return m->err.code;
	}
	if (flags & MODEL_CREATE)
		db_flags |= DB_CREATE;
	/* A file this user may not write is opened for reading instead of
	 * failing at the first keystroke that saves. */
	if (!(flags & MODEL_READONLY) && stat(path, &st) == 0 &&
	    access(path, W_OK) != 0 && errno == EACCES)
		m->may_not_write = true;
	if ((flags & MODEL_READONLY) || m->may_not_write)
		db_flags = DB_READONLY;
	if (db_open(path, db_flags, &m->db, &m->err) != ERR_OK)
		return m->err.code;
	m->read_only = (db_flags & DB_READONLY) != 0;
	model_undo_recover(m);
	/* Not being able to read it leaves the clock: the reads that
	 * follow report what is wrong with the file. */
	if (store_as_of_get(m->db, m->as_of, NULL) != ERR_OK)
		m->as_of[0] = '\0';
	return ERR_OK;
}

void
model_close(struct model *m)
{
	db_close(&m->db);
}

void
model_today(const struct model *m, char out[11])
{
	if (m && m->as_of[0])
		memcpy(out, m->as_of, 11);
	else
		format_today(out);
}

const char *
model_path(const struct model *m)
{
	return db_path(m->db);
}

int
model_project(struct model *m, const char *code, struct record **out)
{
	return store_get_project(m->db, code, out, &m->err);
}

int
model_organisation(struct model *m, const char *text, struct record **out)
{
	return store_find_organisation(m->db, text, out, &m->err);
}

int
model_get(struct model *m, const struct entity_def *def, const char *uuid,
	  struct record **out)
{
	return store_get(m->db, def, uuid, out, &m->err);
}

int
model_children(struct model *m, const struct entity_def *def,
	       const char *project_uuid, struct record_list *out)
{
	return store_children(m->db, def, project_uuid, out, &m->err);
}

int
model_organisations(struct model *m, struct record_list *out)
{
	return store_organisations(m->db, out, &m->err);
}

int
model_org_window(struct model *m, const struct org_query *q,
		 struct record_list *out)
{
	return store_organisation_window(m->db, q, out, &m->err);
}

int
model_org_count(struct model *m, const struct org_query *q, int64_t *count)
{
	return store_organisation_count(m->db, q, count, &m->err);
}

int
model_list_projects(struct model *m, const struct project_query *q,
		    struct project_rows *out)
{
	return store_project_list(m->db, q, out, &m->err);
}

int
model_has_projects(struct model *m, bool *any)
{
	return store_has_projects(m->db, any, &m->err);
}

int
model_project_span(struct model *m, char first[11], char last[11])
{
	return store_project_span(m->db, first, last, &m->err);
}

int
model_count_projects(struct model *m, const struct project_query *q,
		     int64_t *matching, int64_t *total)
{
	return store_project_count(m->db, q, matching, total, &m->err);
}

int
model_count_projects_quick(struct model *m, const struct project_query *q,
			   int64_t *matching, bool *more, int64_t *total)
{
	return store_project_count_quick(m->db, q, matching, more, total,
					 &m->err);
}

int
model_projects_ranked(struct model *m, const struct project_query *q,
		      bool *ranked)
{
	return store_project_ranked(m->db, q, ranked, &m->err);
}

void
model_search_ready(struct model *m)
{
	store_search_ready(m->db);
}

int
model_text_searchable(struct model *m, const char *text, bool *any)
{
	return store_text_searchable(m->db, text, any, &m->err);
}

int
model_changes(struct model *m, const char *project_uuid,
	      const char *record_uuid, int64_t limit, struct change_list *out)
{
	return store_changes(m->db, project_uuid, record_uuid, limit, out,
			     &m->err);
}

int
model_change_window(struct model *m, const struct change_query *q,
		    struct change_list *out)
{
	return store_change_window(m->db, q, out, &m->err);
}

int
model_change_count(struct model *m, const char *project_uuid, int64_t *count)
{
	return store_change_count(m->db, project_uuid, count, &m->err);
}

int
model_change_get(struct model *m, int64_t id, struct change_list *out)
{
	return store_change_get(m->db, id, out, &m->err);
}

int
model_deadlines(struct model *m, const char *until, bool include_done,
		struct deadline_rows *out)
{
	return store_deadlines(m->db, until, include_done, out, &m->err);
}

int
model_deadline_page(struct model *m, const struct deadline_query *q,
		    struct deadline_rows *out)
{
	return store_deadline_page(m->db, q, out, &m->err);
}

int
model_deadline_count(struct model *m, const struct deadline_query *q,
		     int64_t *overdue, int64_t *coming, int64_t *matching)
{
	return store_deadline_count(m->db, q, overdue, coming, matching,
				    &m->err);
}

int
model_deadline_count_upto(struct model *m, const struct deadline_query *q,
			  int64_t cap, int64_t *overdue, int64_t *coming,
			  int64_t *matching, bool *more)
{
	return store_deadline_count_upto(m->db, q, cap, overdue, coming,
					 matching, more, &m->err);
}

int
model_org_projects(struct model *m, const char *org_uuid,
		   struct org_project_rows *out)
{
	return store_org_projects(m->db, org_uuid, out, &m->err);
}

int
model_org_project_groups(struct model *m, const char *org_uuid, int64_t cap,
			 struct org_project_groups *out)
{
	return store_org_project_groups(m->db, org_uuid, cap, out, &m->err);
}

int
model_org_project_window(struct model *m, const struct org_project_query *q,
			 struct org_project_rows *out)
{
	return store_org_project_window(m->db, q, out, &m->err);
}

char *
model_ref_label(struct model *m, enum entity_kind kind, const char *uuid)
{
	struct record *rec = NULL;
	const char *label;
	char *copy;

	if (!uuid || store_get(m->db, entities[kind], uuid, &rec, NULL) != ERR_OK)
		return NULL;
	if (kind == ENT_ORGANISATION)
		label = record_text(rec, ORG_SHORT_NAME) ? record_text(rec, ORG_SHORT_NAME)
							 : record_text(rec, ORG_NAME);
	else
		label = record_text(rec, rec->def->title_field);
	copy = label ? strdup(label) : NULL;
	record_free(&rec);
	return copy;
}

/* An FT_REF field is typed as a project code or an organisation's name
 * or short name; it is stored as the uuid. */
static int
model_parse_ref(struct model *m, struct record *rec, int field,
		const char *input)
{
	const struct field_def *fd = &rec->def->fields[field];
	struct record *target = NULL;
	int rc;

	if (fd->ref == ENT_ORGANISATION)
		rc = store_find_organisation(m->db, input, &target, &m->err);
	else
		rc = store_get_project(m->db, input, &target, &m->err);
	if (rc == ERR_NOT_FOUND)
		return error_set(&m->err, ERR_NOT_FOUND, fd->name,
				 _("%s: no %s called \"%s\""), field_shown(fd),
				 fd->ref == ENT_ORGANISATION ? _("organisation")
							     : _("project"),
				 input);
	if (rc != ERR_OK) {
		if (!m->err.field[0])
			snprintf(m->err.field, sizeof m->err.field, "%s", fd->name);
		return rc;
	}
	rc = record_set_text(rec, field, target->uuid) < 0
		     ? error_set(&m->err, ERR_FAILED, fd->name, _("out of memory"))
		     : ERR_OK;
	record_free(&target);
	return rc;
}

int
model_parse_field(struct model *m, struct record *rec, int field,
		  const char *input)
{
	const char *p = input ? input : "";

	while (*p == ' ' || *p == '\t')
		p++;
	if (rec->def->fields[field].type == FT_REF && *p)
		return model_parse_ref(m, rec, field, p);
	return validate_parse_field(rec, field, input, &m->err);
}

int
model_assign(struct model *m, struct record *rec, const char *assignment)
{
	const char *eq = strchr(assignment, '=');
	char name[64];
	size_t len;
	int field;

	if (!eq || eq == assignment)
		return error_set(&m->err, ERR_USAGE, NULL,
				 _("\"%s\" is not FIELD=VALUE"), assignment);
	len = (size_t)(eq - assignment);
	if (len >= sizeof name)
		len = sizeof name - 1;
	memcpy(name, assignment, len);
	name[len] = '\0';
	field = entity_field_find(rec->def, name);
	if (field < 0)
		return error_set(&m->err, ERR_USAGE, name,
				 _("%s: no such field (record: %s)"), name,
				 entity_shown(rec->def));
	if (rec->def->fields[field].flags & F_READONLY)
		return error_set(&m->err, ERR_USAGE, rec->def->fields[field].name,
				 field == PROJECT_STATUS && rec->def->kind == ENT_PROJECT
					 ? _("%s: change it with \"salkku status\", which keeps the history")
					 : _("%s: cannot be set directly"),
				 field_shown(&rec->def->fields[field]));
	return model_parse_field(m, rec, field, eq + 1);
}

int
model_backup(struct model *m, const char *dest_path)
{
	return db_backup(m->db, dest_path, &m->err);
}

int
model_restore(struct model *m, const char *src_path, bool force)
{
	return db_restore(m->db, src_path, force, &m->err);
}

int
model_check(struct model *m, void (*report)(const char *, void *), void *arg)
{
	return db_check(m->db, report, arg, &m->err);
}

int
model_each(struct model *m, const struct entity_def *def,
	   int (*fn)(struct record **rec, void *arg), void *arg)
{
	return store_each(m->db, def, fn, arg, &m->err);
}

struct money_check {
	struct model *m;
	void (*warn)(const char *, const char *, void *);
	void *arg;
	const char *code;
	size_t count;
};

static void
money_check_warn(const char *text, void *arg)
{
	struct money_check *mc = arg;

	mc->warn(mc->code, text, mc->arg);
	mc->count++;
}

static int
money_check_project(struct record **p, void *arg)
{
	struct money_check *mc = arg;
	struct record_list roles = { 0 }, funding = { 0 };
	int rc;

	if (!(rc = model_children(mc->m, entities[ENT_ROLE], (*p)->uuid, &roles)) &&
	    !(rc = model_children(mc->m, entities[ENT_FUNDING], (*p)->uuid,
				  &funding))) {
		mc->code = record_text(*p, PROJECT_CODE);
		money_warnings(*p, &roles, &funding, money_check_warn, mc);
	}
	record_list_clear(&roles);
	record_list_clear(&funding);
	return rc;
}

int
model_check_money(struct model *m,
		  void (*warn)(const char *code, const char *text, void *arg),
		  void *arg, size_t *count)
{
	struct money_check mc = { m, warn, arg, NULL, 0 };
	int rc = model_each(m, entities[ENT_PROJECT], money_check_project, &mc);

	if (count)
		*count += mc.count;
	return rc;
}
