/* SPDX-License-Identifier: EUPL-1.2 */
/* access.c — who may read or write a shared database, through POSIX
 * ACLs on its directory and files. */
#include "config.h"

#include "access.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/acl.h>
#include <sys/stat.h>
#include <acl/libacl.h>

#include "src/base/i18n.h"

/* The database's own files, besides the directory. */
static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
#define NSUFFIXES (sizeof suffixes / sizeof suffixes[0])

/* What access needs on one target: the directory, its default ACL (for
 * files made later), or a file. */
enum target_kind { T_DIR, T_DEFAULT, T_FILE };

struct target {
	char path[4096];
	enum target_kind kind;
};

struct targets {
	struct target items[1 + 1 + NSUFFIXES];
	size_t count;
	char dir[4096];
};

static int
find_targets(const char *db_path, struct targets *t, struct error *err)
{
	const char *slash = strrchr(db_path, '/');
	struct stat st;

	memset(t, 0, sizeof *t);
	if (!slash)
		snprintf(t->dir, sizeof t->dir, ".");
	else if (slash == db_path)
		snprintf(t->dir, sizeof t->dir, "/");
	else
		snprintf(t->dir, sizeof t->dir, "%.*s", (int)(slash - db_path), db_path);
	if (stat(db_path, &st) != 0)
		return error_set(err, errno == ENOENT ? ERR_NOT_FOUND : ERR_FAILED,
				 NULL, _("%s: %s"), db_path, strerror(errno));
	snprintf(t->items[0].path, sizeof t->items[0].path, "%s", t->dir);
	t->items[0].kind = T_DIR;
	snprintf(t->items[1].path, sizeof t->items[1].path, "%s", t->dir);
	t->items[1].kind = T_DEFAULT;
	t->count = 2;
	for (size_t i = 0; i < NSUFFIXES; i++) {
		struct target *f = &t->items[t->count];

		snprintf(f->path, sizeof f->path, "%s%s", db_path, suffixes[i]);
		/* lstat: a symlink's ACL would be its target's. */
		if (lstat(f->path, &st) == 0 && S_ISREG(st.st_mode)) {
			f->kind = T_FILE;
			t->count++;
		}
	}
	return ERR_OK;
}

static acl_type_t
acl_type_of(enum target_kind kind)
{
	return kind == T_DEFAULT ? ACL_TYPE_DEFAULT : ACL_TYPE_ACCESS;
}

static const char *
target_label(const struct target *t, char *buf, size_t size)
{
	if (t->kind == T_DEFAULT)
		snprintf(buf, size, _("%s (default ACL for new files)"), t->path);
	else
		snprintf(buf, size, "%s", t->path);
	return buf;
}

/* The permissions `level` means on a target. */
static int
perms_for(enum access_level level, enum target_kind kind)
{
	int p = 0;

	if (level >= ACCESS_READ)
		p |= ACL_READ | (kind == T_DIR ? ACL_EXECUTE : 0);
	if (level >= ACCESS_WRITE)
		p |= ACL_WRITE;
	return p;
}

/* The level that permissions give on a target. */
static enum access_level
level_of(int perms, enum target_kind kind)
{
	bool can_enter = kind != T_DIR || (perms & ACL_EXECUTE);

	if (!(perms & ACL_READ) || !can_enter)
		return ACCESS_NONE;
	return perms & ACL_WRITE ? ACCESS_WRITE : ACCESS_READ;
}

static int
entry_perms(acl_entry_t e)
{
	acl_permset_t ps;
	int p = 0;

	if (acl_get_permset(e, &ps) != 0)
		return 0;
	if (acl_get_perm(ps, ACL_READ) == 1)
		p |= ACL_READ;
	if (acl_get_perm(ps, ACL_WRITE) == 1)
		p |= ACL_WRITE;
	if (acl_get_perm(ps, ACL_EXECUTE) == 1)
		p |= ACL_EXECUTE;
	return p;
}

static int
set_entry_perms(acl_entry_t e, int perms)
{
	acl_permset_t ps;

	if (acl_get_permset(e, &ps) != 0 || acl_clear_perms(ps) != 0)
		return -1;
	if (((perms & ACL_READ) && acl_add_perm(ps, ACL_READ) != 0) ||
	    ((perms & ACL_WRITE) && acl_add_perm(ps, ACL_WRITE) != 0) ||
	    ((perms & ACL_EXECUTE) && acl_add_perm(ps, ACL_EXECUTE) != 0))
		return -1;
	return acl_set_permset(e, ps);
}

/* The entry of tag for id (named entries) or the only one of tag. */
static acl_entry_t
find_entry(acl_t acl, acl_tag_t tag, id_t id)
{
	acl_entry_t e;
	acl_tag_t t;

	for (int w = ACL_FIRST_ENTRY; acl_get_entry(acl, w, &e) == 1;
	     w = ACL_NEXT_ENTRY) {
		if (acl_get_tag_type(e, &t) != 0 || t != tag)
			continue;
		if (tag == ACL_USER || tag == ACL_GROUP) {
			id_t *q = acl_get_qualifier(e);
			bool same = q && *q == id;

			acl_free(q);
			if (!same)
				continue;
		}
		return e;
	}
	return NULL;
}

/* The ACL of a target; a directory's empty default ACL starts as a copy
 * of its access ACL, so that owner, group and others keep what they
 * have. */
static acl_t
read_acl(const struct target *t)
{
	acl_t acl = acl_get_file(t->path, acl_type_of(t->kind));

	if (acl && t->kind == T_DEFAULT && acl_entries(acl) == 0) {
		acl_free(acl);
		acl = acl_get_file(t->path, ACL_TYPE_ACCESS);
	}
	return acl;
}

static int
write_acl(const struct target *t, acl_t *acl)
{
	if (acl_calc_mask(acl) != 0 || acl_valid(*acl) != 0)
		return -1;
	return acl_set_file(t->path, acl_type_of(t->kind), *acl);
}

static int
acl_failure(struct error *err, const struct target *t, const char *what)
{
	char label[4200];

	if (errno == ENOTSUP)
		return error_set(err, ERR_FAILED, NULL,
				 _("%s: this file system keeps no ACLs (mount it with acl support)"),
				 target_label(t, label, sizeof label));
	return error_set(err, ERR_FAILED, NULL, _("%s: cannot %s the ACL: %s"),
			 target_label(t, label, sizeof label), what, strerror(errno));
}

static int
lookup(bool group, const char *name, id_t *id, struct error *err)
{
	if (group) {
		struct group *gr = getgrnam(name);

		if (!gr)
			return error_set(err, ERR_INVALID, "group",
					 _("group: no group called “%s”"), name);
		*id = gr->gr_gid;
	} else {
		struct passwd *pw = getpwnam(name);

		if (!pw)
			return error_set(err, ERR_INVALID, "user",
					 _("user: no user called “%s”"), name);
		*id = pw->pw_uid;
	}
	return ERR_OK;
}

/* Sets (perms >= 0) or removes (perms < 0) the named entry on one
 * target; *had says whether it was there. */
static int
change_target(const struct target *t, acl_tag_t tag, id_t id, int perms,
	      bool *had, struct error *err)
{
	acl_t acl = read_acl(t);
	acl_entry_t e;
	int rc = ERR_OK;

	if (!acl)
		return acl_failure(err, t, _("read"));
	e = find_entry(acl, tag, id);
	*had = e != NULL;
	if (perms < 0) {
		if (e && acl_delete_entry(acl, e) != 0)
			rc = acl_failure(err, t, _("change"));
	} else if ((!e && (acl_create_entry(&acl, &e) != 0 ||
			   acl_set_tag_type(e, tag) != 0 ||
			   acl_set_qualifier(e, &id) != 0)) ||
		   set_entry_perms(e, perms) != 0) {
		rc = acl_failure(err, t, _("change"));
	}
	if (rc == ERR_OK && (perms >= 0 || *had) && write_acl(t, &acl) != 0)
		rc = acl_failure(err, t, _("write"));
	acl_free(acl);
	return rc;
}

/* What a named user or group gets on a target: its entry masked. */
static int
effective_named(acl_t acl, acl_tag_t tag, id_t id)
{
	acl_entry_t e = find_entry(acl, tag, id), mask;

	if (!e)
		return 0;
	mask = find_entry(acl, ACL_MASK, 0);
	return entry_perms(e) & (mask ? entry_perms(mask) : 7);
}

int
access_grant(const char *db_path, bool group, const char *name,
	     enum access_level level, struct error *err)
{
	acl_tag_t tag = group ? ACL_GROUP : ACL_USER;
	struct targets t;
	bool had;
	id_t id;
	int rc;

	if ((rc = lookup(group, name, &id, err)) != ERR_OK ||
	    (rc = find_targets(db_path, &t, err)) != ERR_OK)
		return rc;
	for (size_t i = 0; i < t.count && rc == ERR_OK; i++)
		rc = change_target(&t.items[i], tag, id,
				   perms_for(level, t.items[i].kind), &had, err);
	/* Read back: a file system that silently keeps less is found. */
	for (size_t i = 0; i < t.count && rc == ERR_OK; i++) {
		const struct target *tg = &t.items[i];
		acl_t acl = acl_get_file(tg->path, acl_type_of(tg->kind));
		char label[4200];

		if (!acl)
			return acl_failure(err, tg, _("read"));
		if (level_of(effective_named(acl, tag, id), tg->kind) != level)
			rc = error_set(err, ERR_FAILED, NULL,
				       _("%s: %s still does not get %s access"),
				       target_label(tg, label, sizeof label), name,
				       access_level_key(level));
		acl_free(acl);
	}
	return rc;
}

int
access_revoke(const char *db_path, bool group, const char *name,
	      struct error *err)
{
	acl_tag_t tag = group ? ACL_GROUP : ACL_USER;
	struct targets t;
	bool had, any = false;
	id_t id;
	int rc;

	if ((rc = lookup(group, name, &id, err)) != ERR_OK ||
	    (rc = find_targets(db_path, &t, err)) != ERR_OK)
		return rc;
	for (size_t i = 0; i < t.count && rc == ERR_OK; i++) {
		rc = change_target(&t.items[i], tag, id, -1, &had, err);
		any = any || had;
	}
	if (rc == ERR_OK && !any)
		rc = error_set(err, ERR_NOT_FOUND, NULL,
			       _("%s had no access of its own to %s"), name, t.dir);
	return rc;
}

/* ---- Reading --------------------------------------------------------- */

/* One target's ACL as read: NULL for a directory without a default ACL
 * (new files then follow their creation mode, not the directory). */
struct read_target {
	const struct target *t;
	acl_t acl;
};

static int
add_principal(struct access_list *list, enum access_who who, const char *name)
{
	struct access_entry *grown;

	for (size_t i = 0; i < list->count; i++)
		if (list->items[i].who == who && !strcmp(list->items[i].name, name))
			return 0;
	if (!(grown = realloc(list->items, (list->count + 1) * sizeof *grown)))
		return -1;
	list->items = grown;
	grown = &list->items[list->count++];
	memset(grown, 0, sizeof *grown);
	grown->who = who;
	snprintf(grown->name, sizeof grown->name, "%s", name);
	return 0;
}

static void
name_of(bool group, id_t id, char *buf, size_t size)
{
	struct passwd *pw = group ? NULL : getpwuid(id);
	struct group *gr = group ? getgrgid(id) : NULL;

	if (pw)
		snprintf(buf, size, "%s", pw->pw_name);
	else if (gr)
		snprintf(buf, size, "%s", gr->gr_name);
	else
		snprintf(buf, size, "%lu", (unsigned long)id);
}

/* Every named user and group of an ACL into the list. */
static int
add_named(struct access_list *list, acl_t acl)
{
	acl_entry_t e;
	acl_tag_t tag;

	for (int w = ACL_FIRST_ENTRY; acl_get_entry(acl, w, &e) == 1;
	     w = ACL_NEXT_ENTRY) {
		id_t *q;
		char name[64];

		if (acl_get_tag_type(e, &tag) != 0 ||
		    (tag != ACL_USER && tag != ACL_GROUP))
			continue;
		if (!(q = acl_get_qualifier(e)))
			return -1;
		name_of(tag == ACL_GROUP, *q, name, sizeof name);
		acl_free(q);
		if (add_principal(list, tag == ACL_USER ? ACCESS_USER
							: ACCESS_NAMED_GROUP, name) != 0)
			return -1;
	}
	return 0;
}

/* The permissions a principal gets from one ACL; -1 when the target
 * does not decide for it (no default ACL, for owner, group, others). */
static int
principal_perms(const struct access_entry *a, acl_t acl)
{
	acl_entry_t e;
	id_t id;

	switch (a->who) {
	case ACCESS_OWNER:
		return acl ? ((e = find_entry(acl, ACL_USER_OBJ, 0)) ? entry_perms(e) : 0) : -1;
	case ACCESS_GROUP:
		if (!acl)
			return -1;
		e = find_entry(acl, ACL_GROUP_OBJ, 0);
		{
			acl_entry_t mask = find_entry(acl, ACL_MASK, 0);

			return e ? entry_perms(e) & (mask ? entry_perms(mask) : 7) : 0;
		}
	case ACCESS_OTHERS:
		return acl ? ((e = find_entry(acl, ACL_OTHER, 0)) ? entry_perms(e) : 0) : -1;
	case ACCESS_USER:
	case ACCESS_NAMED_GROUP:
		if (!acl || lookup(a->who == ACCESS_NAMED_GROUP, a->name, &id, NULL))
			return 0;
		return effective_named(acl, a->who == ACCESS_USER ? ACL_USER : ACL_GROUP, id);
	}
	return 0;
}

/* The least level a principal gets, and the first target that differs
 * from the directory. */
static void
settle(struct access_entry *a, const struct read_target *rt, size_t n)
{
	bool first = true;

	for (size_t i = 0; i < n; i++) {
		int perms = principal_perms(a, rt[i].acl);
		enum access_level lv;

		if (perms < 0)
			continue;
		lv = level_of(perms, rt[i].t->kind == T_DIR ? T_DIR : T_FILE);
		if (first) {
			a->level = lv;
			first = false;
		} else if (lv != a->level) {
			/* Owner, group and others follow each file's mode,
			 * which may rightly differ from the directory's; an
			 * ACL entry is meant to be the same everywhere. */
			if (!a->uneven && (a->who == ACCESS_USER ||
					   a->who == ACCESS_NAMED_GROUP))
				target_label(rt[i].t, a->uneven_file, sizeof a->uneven_file);
			a->uneven = a->who == ACCESS_USER || a->who == ACCESS_NAMED_GROUP;
			if (lv < a->level)
				a->level = lv;
		}
	}
}

int
access_read(const char *db_path, struct access_list *out, struct error *err)
{
	struct read_target rt[sizeof ((struct targets *)0)->items /
			      sizeof ((struct targets *)0)->items[0]];
	struct targets t;
	struct stat dir_st;
	char name[64];
	int rc = ERR_OK;

	memset(out, 0, sizeof *out);
	memset(rt, 0, sizeof rt);
	if ((rc = find_targets(db_path, &t, err)) != ERR_OK)
		return rc;
	snprintf(out->dir, sizeof out->dir, "%s", t.dir);
	out->files = t.count - 2;
	if (stat(t.dir, &dir_st) != 0)
		return error_set(err, ERR_FAILED, NULL, _("%s: %s"), t.dir,
				 strerror(errno));
	for (size_t i = 0; i < t.count && rc == ERR_OK; i++) {
		rt[i].t = &t.items[i];
		rt[i].acl = acl_get_file(t.items[i].path, acl_type_of(t.items[i].kind));
		if (!rt[i].acl)
			rc = acl_failure(err, &t.items[i], _("read"));
		else if (t.items[i].kind == T_DEFAULT && acl_entries(rt[i].acl) == 0) {
			acl_free(rt[i].acl);
			rt[i].acl = NULL;
		}
	}
	name_of(false, dir_st.st_uid, name, sizeof name);
	if (rc == ERR_OK && add_principal(out, ACCESS_OWNER, name) != 0)
		rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	name_of(true, dir_st.st_gid, name, sizeof name);
	if (rc == ERR_OK && add_principal(out, ACCESS_GROUP, name) != 0)
		rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	for (size_t i = 0; i < t.count && rc == ERR_OK; i++)
		if (rt[i].acl && add_named(out, rt[i].acl) != 0)
			rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	if (rc == ERR_OK && add_principal(out, ACCESS_OTHERS, "") != 0)
		rc = error_set(err, ERR_FAILED, NULL, "%s", _("out of memory"));
	for (size_t i = 0; rc == ERR_OK && i < out->count; i++)
		settle(&out->items[i], rt, t.count);
	for (size_t i = 0; i < t.count; i++)
		if (rt[i].acl)
			acl_free(rt[i].acl);
	if (rc != ERR_OK)
		access_list_clear(out);
	return rc;
}

void
access_list_clear(struct access_list *list)
{
	free(list->items);
	memset(list, 0, sizeof *list);
}

const char *
access_level_key(enum access_level level)
{
	switch (level) {
	case ACCESS_READ:  return "read";
	case ACCESS_WRITE: return "write";
	case ACCESS_NONE:  break;
	}
	return "none";
}

int
access_level_parse(const char *key)
{
	if (!strcmp(key, "read"))
		return ACCESS_READ;
	if (!strcmp(key, "write"))
		return ACCESS_WRITE;
	return -1;
}
