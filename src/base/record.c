/* SPDX-License-Identifier: EUPL-1.2 */
#include "config.h"

#include "record.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct record *
record_new(const struct entity_def *def)
{
	struct record *rec;

	rec = calloc(1, sizeof *rec + def->nfields * sizeof rec->v[0]);
	if (!rec)
		return NULL;
	rec->def = def;
	for (size_t i = 0; i < def->nfields; i++)
		rec->v[i].null = true;
	return rec;
}

struct record *
record_dup(const struct record *rec)
{
	struct record *copy = record_new(rec->def);

	if (!copy)
		return NULL;
	copy->id = rec->id;
	copy->version = rec->version;
	memcpy(copy->uuid, rec->uuid, sizeof copy->uuid);
	memcpy(copy->updated_at, rec->updated_at, sizeof copy->updated_at);
	memcpy(copy->updated_by, rec->updated_by, sizeof copy->updated_by);
	for (size_t i = 0; i < rec->def->nfields; i++) {
		if (record_copy_field(copy, rec, (int)i) < 0) {
			record_free(&copy);
			return NULL;
		}
	}
	return copy;
}

void
record_free(struct record **rec)
{
	if (!rec || !*rec)
		return;
	for (size_t i = 0; i < (*rec)->def->nfields; i++)
		free((*rec)->v[i].text);
	free(*rec);
	*rec = NULL;
}

int
record_set_text(struct record *rec, int field, const char *text)
{
	char *copy = NULL;

	if (text && !(copy = strdup(text)))
		return -1;
	free(rec->v[field].text);
	rec->v[field].text = copy;
	rec->v[field].num = 0;
	rec->v[field].null = copy == NULL;
	return 0;
}

void
record_set_num(struct record *rec, int field, int64_t num)
{
	free(rec->v[field].text);
	rec->v[field].text = NULL;
	rec->v[field].num = num;
	rec->v[field].null = false;
}

void
record_set_null(struct record *rec, int field)
{
	free(rec->v[field].text);
	rec->v[field].text = NULL;
	rec->v[field].num = 0;
	rec->v[field].null = true;
}

int
record_copy_field(struct record *dst, const struct record *src, int field)
{
	if (src->v[field].text)
		return record_set_text(dst, field, src->v[field].text);
	free(dst->v[field].text);
	dst->v[field] = src->v[field];
	return 0;
}

const char *
record_text(const struct record *rec, int field)
{
	return rec->v[field].null ? NULL : rec->v[field].text;
}

const char *
record_project(const struct record *rec)
{
	if (rec->def->kind == ENT_PROJECT)
		return rec->uuid;
	if (rec->def->project_field >= 0)
		return record_text(rec, rec->def->project_field);
	return NULL;
}

bool
record_field_equal(const struct record *a, const struct record *b, int field)
{
	const struct value *x = &a->v[field], *y = &b->v[field];

	if (x->null || y->null)
		return x->null == y->null;
	if (x->text || y->text)
		return x->text && y->text && !strcmp(x->text, y->text);
	return x->num == y->num;
}

/* FNV-1a, 32 bits: cheap, and stable across machines and versions. */
static uint32_t
fnv1a(uint32_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= UINT32_C(16777619);
	}
	return h;
}

void
record_field_hash(const struct record *rec, int field, char *out)
{
	const struct value *v = &rec->v[field];
	uint32_t h = UINT32_C(2166136261);
	char num[24];

	if (v->null) {
		snprintf(out, FIELD_HASH_LEN + 1, "%s", "-");
		return;
	}
	if (v->text) {
		h = fnv1a(h, "t", 1);
		h = fnv1a(h, v->text, strlen(v->text));
	} else {
		snprintf(num, sizeof num, "%" PRId64, v->num);
		h = fnv1a(h, "n", 1);
		h = fnv1a(h, num, strlen(num));
	}
	snprintf(out, FIELD_HASH_LEN + 1, "%08" PRIx32, h);
}

char *
record_fingerprint(const struct record *rec, uint64_t skip)
{
	size_t size = 1, len = 0;
	char *fp;

	for (size_t i = 0; i < rec->def->nfields; i++)
		size += strlen(rec->def->fields[i].name) + FIELD_HASH_LEN + 2;
	if (!(fp = malloc(size)))
		return NULL;
	fp[0] = '\0';
	for (size_t i = 0; i < rec->def->nfields; i++) {
		char hash[FIELD_HASH_LEN + 1];

		if (skip & (UINT64_C(1) << i))
			continue;
		record_field_hash(rec, (int)i, hash);
		len += (size_t)snprintf(fp + len, size - len, "%s%s:%s",
					len ? "," : "", rec->def->fields[i].name,
					hash);
	}
	return fp;
}

bool
fingerprint_field(const char *fp, const char *name, char *out)
{
	size_t n = strlen(name);

	while (fp && *fp) {
		const char *end = strchr(fp, ',');
		size_t len = end ? (size_t)(end - fp) : strlen(fp);

		if (len > n && !strncmp(fp, name, n) && fp[n] == ':' &&
		    len - n - 1 <= FIELD_HASH_LEN) {
			memcpy(out, fp + n + 1, len - n - 1);
			out[len - n - 1] = '\0';
			return true;
		}
		fp = end ? end + 1 : NULL;
	}
	return false;
}

int
record_list_push(struct record_list *list, struct record *rec)
{
	if (list->count == list->capacity) {
		size_t cap = list->capacity ? list->capacity * 2 : 8;
		struct record **items = realloc(list->items, cap * sizeof *items);

		if (!items) {
			record_free(&rec);
			return -1;
		}
		list->items = items;
		list->capacity = cap;
	}
	list->items[list->count++] = rec;
	return 0;
}

void
record_list_clear(struct record_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		record_free(&list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = list->capacity = 0;
}
