/* SPDX-License-Identifier: EUPL-1.2 */
/* report.c — computes the report's tables from the model. */
#include "config.h"

#include "report.h"

#include <stdlib.h>
#include <string.h>

#include "db/store.h"
#include "money.h"
#include "src/base/entity_fields.h"
#include "src/base/i18n.h"
#include "src/base/text.h"

/* ---- tables ------------------------------------------------------- */

static void
table_define(struct report_table *t, const char *id, const char *title,
	     size_t ncols, const char *const *headers,
	     const enum report_type *types)
{
	t->id = id;
	t->title = title;
	t->ncols = ncols;
	for (size_t i = 0; i < ncols; i++) {
		t->headers[i] = headers[i];
		t->types[i] = types[i];
	}
}

/* The columns a narrow screen may leave out, the least needed first
 * (a list ended by 0). */
static void
table_spare(struct report_table *t, const unsigned char *spare)
{
	for (size_t i = 0; i < REPORT_MAX_COLUMNS && spare[i]; i++)
		t->spare[i] = spare[i];
}

/* A long table's rows in the database: while the report is built,
 * cells gathers them and is written out every ROWS_CHUNK rows; after,
 * it holds the ROWS_CHUNK rows around the last one read. */
#define ROWS_CHUNK 256

struct report_rows {
	struct db *db;
	enum fmt_style st;    /* of the table's widths */
	int tab;              /* its number in store_report_rows */
	size_t first;         /* the row cells[0] is */
	size_t count;         /* rows in cells */
	struct error err;
};

/* The table that holds the rows of RTAB_COMING before they are sorted. */
#define TAB_UNSORTED RTAB_COUNT

static void
cells_clear(struct report_cell *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(cells[i].text);
}

/* The width of text as shown: sanitised, in terminal columns. */
static int
shown_width(const char *text)
{
	const unsigned char *u = (const unsigned char *)text;
	char *safe;
	int w;

	/* Printable ASCII, as most figures and codes are: itself. */
	while (*u >= 0x20 && *u < 0x7f)
		u++;
	if (!*u)
		return (int)(u - (const unsigned char *)text);
	if (!(safe = text_sanitize(text, 0)))
		return 0;
	w = text_width(safe);
	free(safe);
	return w;
}

/* Widens t's columns to the cells of row as shown in style st. */
static void
table_widen(struct report_table *t, const struct report_cell *row,
	    enum fmt_style st)
{
	char buf[512];

	for (size_t c = 0; c < t->ncols; c++) {
		int w;

		if (!row[c].null &&
		    (w = shown_width(report_cell_text(&row[c], buf, sizeof buf,
						      st))) > t->widths[c])
			t->widths[c] = w;
	}
}

/* Gives t its rows in the database (as table tab). */
static bool
table_keep_out(struct report_table *t, struct db *db, int tab,
	       enum fmt_style st)
{
	if (!(t->rows = calloc(1, sizeof *t->rows)))
		return false;
	t->rows->db = db;
	t->rows->st = st;
	t->rows->tab = tab;
	return true;
}

/* A chunk of rows as stored: for each cell a byte (CELL_NUM, CELL_TEXT),
 * then its number (8 bytes, when CELL_NUM) and its text with its NUL
 * (when CELL_TEXT). */
#define CELL_NUM 1
#define CELL_TEXT 2

struct pack {
	unsigned char *data;
	size_t len, capacity;
	bool oom;
};

static void
pack_put(struct pack *p, const void *bytes, size_t n)
{
	if (p->oom)
		return;
	if (p->len + n > p->capacity) {
		size_t cap = p->capacity ? p->capacity : 4096;
		unsigned char *d;

		while (cap < p->len + n)
			cap *= 2;
		if (!(d = realloc(p->data, cap))) {
			p->oom = true;
			return;
		}
		p->data = d;
		p->capacity = cap;
	}
	memcpy(p->data + p->len, bytes, n);
	p->len += n;
}

/* Packs a row: a cell is null when it has neither a number nor a
 * text, and keeps its number only when it has no text or the text
 * says how far the number is to be trusted. */
static void
pack_row(struct pack *p, const struct report_cell *row, size_t ncols)
{
	for (size_t c = 0; c < ncols; c++) {
		unsigned char flags = 0;

		if (!row[c].null && (!row[c].text || row[c].approx))
			flags |= CELL_NUM;
		if (!row[c].null && row[c].text)
			flags |= CELL_TEXT;
		pack_put(p, &flags, 1);
		if (flags & CELL_NUM)
			pack_put(p, &row[c].num, sizeof row[c].num);
		if (flags & CELL_TEXT)
			pack_put(p, row[c].text, strlen(row[c].text) + 1);
	}
}

/* Writes the rows gathered in cells to the database: one by one under
 * their keys (the texts of columns key1 and key2) when to be sorted,
 * else as a chunk. */
static int
rows_flush(struct report_table *t, int key1, int key2)
{
	struct report_rows *rs = t->rows;
	struct pack p = { 0 };
	int rc = ERR_OK;

	for (size_t r = 0; r < rs->count && !rc; r++) {
		const struct report_cell *row = &t->cells[r * t->ncols];

		table_widen(t, row, rs->st);
		if (key1 >= 0)
			p.len = 0;
		pack_row(&p, row, t->ncols);
		/* A row without a date is not coming; a project always has
		 * a code (NOT NULL). */
		if (key1 >= 0 && !p.oom && row[key1].text)
			rc = store_report_key_put(rs->db, rs->tab,
						  (int64_t)(rs->first + r),
						  row[key1].text,
						  row[key2].text ? row[key2].text : "",
						  p.data, p.len, &rs->err);
	}
	if (!rc && p.oom)
		rc = error_set(&rs->err, ERR_FAILED, NULL, _("out of memory"));
	else if (!rc && key1 < 0 && p.len)
		rc = store_report_chunk_put(rs->db, rs->tab,
					    (int64_t)(rs->first / ROWS_CHUNK),
					    p.data, p.len, &rs->err);
	free(p.data);
	cells_clear(t->cells, rs->count * t->ncols);
	rs->first += rs->count;
	rs->count = 0;
	return rc;
}

/* A new row of null cells of the column types; NULL when out of memory
 * or when the rows could not be written. */
static struct report_cell *
table_row(struct report_table *t)
{
	struct report_cell *row;
	size_t *n = t->rows ? &t->rows->count : &t->nrows;

	if (t->rows && t->rows->count == ROWS_CHUNK &&
	    rows_flush(t, t->rows->tab == TAB_UNSORTED ? 3 : -1,
		       t->rows->tab == TAB_UNSORTED ? 0 : -1))
		return NULL;
	if (*n == t->capacity) {
		size_t cap = t->capacity ? t->capacity * 2 : 16;
		struct report_cell *cells = realloc(t->cells,
						    cap * t->ncols * sizeof *cells);

		if (!cells)
			return NULL;
		t->cells = cells;
		t->capacity = cap;
	}
	row = &t->cells[(*n)++ * t->ncols];
	if (t->rows)
		t->nrows++;
	for (size_t i = 0; i < t->ncols; i++)
		row[i] = (struct report_cell){ .type = t->types[i], .null = true };
	return row;
}

static void
cell_num(struct report_cell *c, int64_t v)
{
	c->null = false;
	c->num = v;
}

static void
cell_sum(struct report_cell *c, const struct money_sum *s)
{
	if (s->any && !s->overflow)
		cell_num(c, s->cents);
}

/* Copies text in; false when out of memory. */
static bool
cell_text(struct report_cell *c, const char *text)
{
	if (!text)
		return true;
	if (!(c->text = strdup(text)))
		return false;
	c->null = false;
	return true;
}

static void
cell_field(struct report_cell *c, const struct record *rec, int field,
	   bool *oom)
{
	const struct value *v = &rec->v[field];

	if (v->null)
		return;
	if (field_type_numeric(rec->def->fields[field].type))
		cell_num(c, v->num);
	else if (!cell_text(c, v->text))
		*oom = true;
}

struct rows_read {
	struct report_table *t;
	bool oom;
};

/* Unpacks a chunk's rows into t's window. */
static int
chunk_read(void *arg, const void *data, size_t size)
{
	struct rows_read *rr = arg;
	struct report_table *t = rr->t;
	const unsigned char *d = data, *end = d + size;

	while (d < end && t->rows->count < ROWS_CHUNK && !rr->oom) {
		struct report_cell *cells = &t->cells[t->rows->count++ * t->ncols];

		for (size_t c = 0; c < t->ncols; c++) {
			struct report_cell *cell = &cells[c];
			unsigned char flags = d < end ? *d++ : 0;

			*cell = (struct report_cell){ .type = t->types[c], .null = true };
			if ((flags & CELL_NUM) && end - d >= (ptrdiff_t)sizeof cell->num) {
				memcpy(&cell->num, d, sizeof cell->num);
				cell->null = false;
				d += sizeof cell->num;
			}
			if (flags & CELL_TEXT) {
				const unsigned char *nul = memchr(d, '\0', (size_t)(end - d));

				if (!nul)
					return ERR_FAILED;
				rr->oom |= !cell_text(cell, (const char *)d);
				cell->approx = (flags & CELL_NUM) != 0;
				d = nul + 1;
			}
		}
	}
	return ERR_OK;
}

/* Reads the rows around row into t's window; false when it cannot. */
static bool
rows_window(struct report_table *t, size_t row)
{
	struct report_rows *rs = t->rows;
	struct rows_read rr = { .t = t };

	cells_clear(t->cells, rs->count * t->ncols);
	rs->count = 0;
	rs->first = row - row % ROWS_CHUNK;
	if (t->capacity < ROWS_CHUNK) {
		struct report_cell *cells = realloc(t->cells, ROWS_CHUNK * t->ncols *
						    sizeof *cells);

		if (!cells)
			return false;
		t->cells = cells;
		t->capacity = ROWS_CHUNK;
	}
	if (store_report_chunk_read(rs->db, rs->tab,
				    (int64_t)(rs->first / ROWS_CHUNK), chunk_read,
				    &rr, &rs->err) || rr.oom)
		return false;
	return row >= rs->first && row < rs->first + rs->count;
}

const struct report_cell *
report_cell(const struct report_table *t, size_t row, size_t col)
{
	static const struct report_cell none = { .null = true };
	struct report_rows *rs = t->rows;

	if (!rs)
		return &t->cells[row * t->ncols + col];
	if ((row < rs->first || row >= rs->first + rs->count) &&
	    !rows_window((struct report_table *)t, row))
		return &none;
	return &t->cells[(row - rs->first) * t->ncols + col];
}

static void
table_free(struct report_table *t)
{
	cells_clear(t->cells, (t->rows ? t->rows->count : t->nrows) * t->ncols);
	free(t->cells);
	free(t->rows);
	t->rows = NULL;
	t->cells = NULL;
	t->nrows = t->capacity = 0;
}

void
report_free(struct report *r)
{
	struct db *db = NULL;

	for (size_t i = 0; i < RTAB_COUNT; i++) {
		if (r->tables[i].rows)
			db = r->tables[i].rows->db;
		table_free(&r->tables[i]);
	}
	store_report_rows_clear(db);
	free(r->centre);
	free(r->funder);
	r->centre = r->funder = NULL;
}

/* ---- text of cells ------------------------------------------------ */

/* Digits of v grouped by three with sep (Finnish: a space). */
static void
group(char *buf, size_t size, unsigned long long v, const char *sep)
{
	char digits[32];
	size_t n, o = 0;

	n = (size_t)snprintf(digits, sizeof digits, "%llu", v);
	for (size_t i = 0; i < n && o + 4 < size; i++) {
		if (i && (n - i) % 3 == 0)
			for (const char *s = sep; *s && o + 1 < size; s++)
				buf[o++] = *s;
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

static char *
number_text(char *buf, size_t size, int64_t hundredths, enum fmt_style st)
{
	uint64_t mag = hundredths < 0 ? (uint64_t)0 - (uint64_t)hundredths
				      : (uint64_t)hundredths;
	char whole[40];
	unsigned frac = (unsigned)(mag % 100);
	const char *sign = hundredths < 0 ? "-" : "";

	if (st == FMT_ISO)
		return format_hundredths(buf, size, hundredths, st);
	group(whole, sizeof whole, mag / 100, st == FMT_FINNISH ? " " : ",");
	if (!frac)
		snprintf(buf, size, "%s%s", sign, whole);
	else if (frac % 10 == 0)
		snprintf(buf, size, "%s%s%c%u", sign, whole,
			 st == FMT_FINNISH ? ',' : '.', frac / 10);
	else
		snprintf(buf, size, "%s%s%c%02u", sign, whole,
			 st == FMT_FINNISH ? ',' : '.', frac);
	return buf;
}

char *
report_cell_text(const struct report_cell *c, char *buf, size_t size,
		 enum fmt_style st)
{
	if (c->null) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	switch (c->type) {
	case RT_MONEY:
		return format_money(buf, size, c->num, st);
	case RT_COUNT:
		return number_text(buf, size, c->num * 100, st);
	case RT_HUNDREDTHS: {
		char n[64];

		number_text(n, sizeof n, c->num, st);
		if (c->approx && c->text)
			snprintf(buf, size, "%s %s", c->text, n);
		else
			snprintf(buf, size, "%s", n);
		return buf;
	}
	case RT_DATE:
		return format_date(buf, size, c->text, st);
	case RT_YEAR:
		snprintf(buf, size, "%lld", (long long)c->num);
		return buf;
	case RT_TEXT:
		break;
	}
	snprintf(buf, size, "%s", c->text ? c->text : "");
	return buf;
}

char *
report_title(const struct report *r, char *buf, size_t size,
	     enum fmt_style st)
{
	char a[32], b[32];
	const char *who = r->centre ? r->centre : _("The portfolio");

	if (r->year)
		snprintf(buf, size, _("%s in %d"), who, r->year);
	else
		snprintf(buf, size, _("%s, %s–%s"), who,
			 format_date(a, sizeof a, r->from, st),
			 format_date(b, sizeof b, r->to, st));
	return buf;
}

/* ---- what the report reads ---------------------------------------- */

/* One project active in the period, with the fields of its records
 * the report reads: one at a time, read table by table for all of them
 * (store_report.c), so that neither the time nor the memory grows with
 * a query per project or with whole records. */
struct item {
	size_t ord;                /* its place among the projects */
	struct record *p;
	struct record_list roles, funding, history, deadlines, outcomes;
};

/* An organisation's label and what the partners table counts of it. */
struct org_entry {
	char *uuid;                /* and after it, in the same block: */
	const char *label;         /* short name, else name */
	bool centre;               /* a competence centre */
	size_t rank;               /* its place by name */
	int64_t roles;             /* roles in any project */
	size_t partner;            /* its row in partners + 1, or 0 */
};

struct partner {
	char *uuid;
	size_t projects;
	size_t last;               /* ord + 1 of the last project counted */
};

struct money_row {
	char *funder;       /* label, owned */
	int year;
	size_t projects;
	size_t last;        /* ord + 1 of the last project counted */
	struct money_sum applied, granted, paid;
};

struct build {
	struct model *m;
	struct report *r;
	const char *centre_uuid;    /* or NULL */
	const char *funder_uuid;    /* or NULL */
	struct org_entry *byuuid;   /* the organisations, by uuid */
	size_t norgs, orgs_cap;
	struct partner *partners;
	size_t npartners, partners_cap;
	struct money_row *money, money_total;
	size_t nmoney, money_cap;
	enum fmt_style st;
	bool oom;
	const struct report_options *opt;
	size_t done, total;         /* projects read, of how many */
};

static bool
in_period(const struct report *r, const char *date)
{
	return date && strcmp(date, r->from) >= 0 && strcmp(date, r->to) <= 0;
}

static int
year_of(const char *date)
{
	return date && strlen(date) >= 4 ? atoi(date) : 0;
}

#define BIT(f) (UINT64_C(1) << (f))

/* The tables the report reads, the fields it reads of each (money.c's
 * co-financing included), where they go in an item, and whether only
 * the projects active in the period need them (read then one project
 * at a time; the others, which the chart needs of every project, in
 * one pass each). */
static const struct {
	enum entity_kind kind;
	uint64_t fields;
	size_t offset;
	bool active_only;
} item_lists[] = {
	{ ENT_ROLE, BIT(ROLE_ORGANISATION) | BIT(ROLE_ROLE) |
		    BIT(ROLE_COFINANCING) | BIT(ROLE_COFINANCING_PERCENT) |
		    BIT(ROLE_BUDGET_SHARE),
	  offsetof(struct item, roles), true },
	{ ENT_FUNDING, BIT(FUNDING_FUNDER) | BIT(FUNDING_PROGRAMME) |
		       BIT(FUNDING_APPLIED_DATE) | BIT(FUNDING_APPLIED) |
		       BIT(FUNDING_DECISION_DATE) | BIT(FUNDING_GRANTED) |
		       BIT(FUNDING_PAID) | BIT(FUNDING_YEAR),
	  offsetof(struct item, funding), false },
	{ ENT_STATUS_CHANGE, BIT(STATUS_DATE) | BIT(STATUS_FROM) |
			     BIT(STATUS_TO),
	  offsetof(struct item, history), false },
	{ ENT_DEADLINE, BIT(DEADLINE_DUE) | BIT(DEADLINE_DONE) |
			BIT(DEADLINE_DONE_DATE) | BIT(DEADLINE_TITLE) |
			BIT(DEADLINE_KIND),
	  offsetof(struct item, deadlines), false },
	{ ENT_OUTCOME, BIT(OUTCOME_DATE) | BIT(OUTCOME_PRECISION) |
		       BIT(OUTCOME_KIND) | BIT(OUTCOME_LABEL) |
		       BIT(OUTCOME_VALUE) | BIT(OUTCOME_TARGET) |
		       BIT(OUTCOME_UNIT),
	  offsetof(struct item, outcomes), true },
};

#define ITEM_LISTS (sizeof item_lists / sizeof *item_lists)

static const uint64_t project_fields =
	BIT(PROJECT_CODE) | BIT(PROJECT_NAME) | BIT(PROJECT_STATUS) |
	BIT(PROJECT_ACTUAL_START) | BIT(PROJECT_PLANNED_START) |
	BIT(PROJECT_ACTUAL_END) | BIT(PROJECT_PLANNED_END) |
	BIT(PROJECT_BUDGET) | BIT(PROJECT_PERSON_YEARS);

/* A cursor for the project record and one for each list. */
struct cursors {
	struct store_cursor *p, *lists[ITEM_LISTS];
};

static void
cursors_close(struct cursors *c)
{
	store_cursor_close(&c->p);
	for (size_t i = 0; i < ITEM_LISTS; i++)
		store_cursor_close(&c->lists[i]);
}

static int
cursors_open(struct model *m, struct cursors *c)
{
	int rc = store_cursor_open(m->db, entities[ENT_PROJECT],
				   project_fields, &c->p, &m->err);

	for (size_t i = 0; i < ITEM_LISTS && !rc; i++)
		rc = (item_lists[i].active_only ? store_cursor_open_each
						: store_cursor_open)
			(m->db, entities[item_lists[i].kind],
			 item_lists[i].fields, &c->lists[i], &m->err);
	return rc;
}

static struct record_list *
item_list(struct item *it, size_t i)
{
	return (struct record_list *)((char *)it + item_lists[i].offset);
}

/* Puts a project's status history in the order it was made (the ids),
 * in which its cursor does not give it; mostly it is already. */
static void
history_sort(struct record_list *l)
{
	for (size_t i = 1; i < l->count; i++) {
		struct record *r = l->items[i];
		size_t j = i;

		for (; j > 0 && l->items[j - 1]->id > r->id; j--)
			l->items[j] = l->items[j - 1];
		l->items[j] = r;
	}
}

/* The next project with its records, from the cursors; it->p NULL when
 * there is none. */
static int
load_item(struct model *m, struct cursors *c, struct item *it)
{
	struct record *rec;
	int rc;

	if ((rc = store_cursor_next(c->p, -1, &it->p, &m->err)) || !it->p)
		return rc;
	for (size_t i = 0; i < ITEM_LISTS; i++) {
		if (item_lists[i].active_only)
			continue;
		while (!(rc = store_cursor_next(c->lists[i], it->p->id, &rec,
						&m->err)) && rec)
			if (record_list_push(item_list(it, i), rec))
				return error_set(&m->err, ERR_FAILED, NULL,
						 _("out of memory"));
		if (rc)
			return rc;
	}
	history_sort(&it->history);
	return ERR_OK;
}

/* The lists only a project active in the period needs. */
static int
load_active(struct model *m, struct cursors *c, struct item *it)
{
	int rc = ERR_OK;

	for (size_t i = 0; i < ITEM_LISTS && !rc; i++)
		if (item_lists[i].active_only)
			rc = store_cursor_project(c->lists[i], it->p->uuid,
						  item_list(it, i), &m->err);
	return rc;
}

static void
item_free(struct item *it)
{
	record_free(&it->p);
	record_list_clear(&it->roles);
	record_list_clear(&it->funding);
	record_list_clear(&it->history);
	record_list_clear(&it->deadlines);
	record_list_clear(&it->outcomes);
}

static int
org_entry_compare(const void *a, const void *b)
{
	return strcmp(((const struct org_entry *)a)->uuid,
		      ((const struct org_entry *)b)->uuid);
}

static struct org_entry *
org_find(const struct build *b, const char *uuid)
{
	struct org_entry key = { .uuid = (char *)uuid };

	if (!uuid || !b->norgs)
		return NULL;
	return bsearch(&key, b->byuuid, b->norgs, sizeof key,
		       org_entry_compare);
}

static int
count_roles(const char *organisation, int64_t roles, void *arg)
{
	struct org_entry *e = org_find(arg, organisation);

	if (e)
		e->roles = roles;
	return 0;
}

static int
add_org(void *arg, const char *uuid, const char *label, const char *kind)
{
	struct build *b = arg;
	size_t lu = strlen(uuid) + 1, ll = label ? strlen(label) + 1 : 0;
	struct org_entry *e;

	if (b->norgs == b->orgs_cap) {
		size_t cap = b->orgs_cap ? b->orgs_cap * 2 : 64;
		struct org_entry *more = realloc(b->byuuid, cap * sizeof *more);

		if (!more)
			return error_set(&b->m->err, ERR_FAILED, NULL,
					 _("out of memory"));
		b->byuuid = more;
		b->orgs_cap = cap;
	}
	e = memset(&b->byuuid[b->norgs], 0, sizeof *e);
	if (!(e->uuid = malloc(lu + ll)))
		return error_set(&b->m->err, ERR_FAILED, NULL, _("out of memory"));
	memcpy(e->uuid, uuid, lu);
	if (label)
		e->label = memcpy(e->uuid + lu, label, ll);
	e->centre = kind && !strcmp(kind, "competence_centre");
	e->rank = b->norgs++;
	return 0;
}

/* The competence centre with roles in most projects: whose report it
 * is when none is named (the first by name of those with most). */
static int
find_centre(struct build *b, const char *typed, struct record **out)
{
	const struct org_entry *best = NULL;

	if (typed)
		return model_organisation(b->m, typed, out);
	for (size_t i = 0; i < b->norgs; i++) {
		const struct org_entry *e = &b->byuuid[i];

		if (e->centre && e->roles > 0 &&
		    (!best || e->roles > best->roles ||
		     (e->roles == best->roles && e->rank < best->rank)))
			best = e;
	}
	return best ? model_get(b->m, entities[ENT_ORGANISATION], best->uuid, out)
		    : ERR_OK;
}

/* Every organisation's label by uuid, with its roles counted. */
static int
load_orgs(struct build *b)
{
	struct model *m = b->m;
	int rc;

	if ((rc = store_org_labels(m->db, add_org, b, &m->err)))
		return rc;
	if (b->norgs)
		qsort(b->byuuid, b->norgs, sizeof *b->byuuid,
		      org_entry_compare);
	return store_role_counts(m->db, count_roles, b, &m->err);
}

/* An organisation's short name, else its name, else its uuid; owned. */
static char *
org_label(const struct build *b, const char *uuid)
{
	const struct org_entry *e = org_find(b, uuid);
	char *label;

	if (e && e->label)
		return strdup(e->label);
	label = uuid && !e ? model_ref_label(b->m, ENT_ORGANISATION, uuid)
			   : NULL;
	return label ? label : strdup(uuid ? uuid : "");
}

/* ---- the tables --------------------------------------------------- */

static const char *
status_label(const char *key)
{
	return key ? enum_label(project_statuses, key) : NULL;
}

/* The centre's roles in the project, "administrator, main implementer". */
static char *
centre_roles(const struct build *b, const struct item *it)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f;

	if (!b->centre_uuid || !(f = open_memstream(&out, &len)))
		return NULL;
	for (size_t i = 0; i < it->roles.count; i++) {
		const struct record *r = it->roles.items[i];

		if (strcmp(record_text(r, ROLE_ORGANISATION), b->centre_uuid))
			continue;
		fprintf(f, "%s%s", ftell(f) ? ", " : "",
			enum_label(role_kinds, record_text(r, ROLE_ROLE)));
	}
	fclose(f);
	if (out && !*out) {
		free(out);
		out = NULL;
	}
	return out;
}

static bool
centre_leads(const struct build *b, const struct item *it)
{
	for (size_t i = 0; b->centre_uuid && i < it->roles.count; i++) {
		const struct record *r = it->roles.items[i];
		const char *role = record_text(r, ROLE_ROLE);

		if (!strcmp(record_text(r, ROLE_ORGANISATION), b->centre_uuid) &&
		    (!strcmp(role, "administrator") ||
		     !strcmp(role, "main_implementer")))
			return true;
	}
	return false;
}

/* "applied → granted 1.5.2023; …": the status changes in the period. */
static char *
period_changes(const struct build *b, const struct item *it)
{
	char *out = NULL, date[32];
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		return NULL;
	for (size_t i = 0; i < it->history.count; i++) {
		const struct record *s = it->history.items[i];
		const char *from = record_text(s, STATUS_FROM);

		if (!in_period(b->r, record_text(s, STATUS_DATE)))
			continue;
		fprintf(f, "%s", ftell(f) ? "; " : "");
		if (from)
			fprintf(f, "%s → ", status_label(from));
		fprintf(f, "%s %s", status_label(record_text(s, STATUS_TO)),
			format_date(date, sizeof date, record_text(s, STATUS_DATE),
				    b->st));
	}
	fclose(f);
	if (out && !*out) {
		free(out);
		out = NULL;
	}
	return out;
}

static void
projects_define(struct build *b)
{
	static const enum report_type types[] = {
		RT_TEXT, RT_TEXT, RT_TEXT, RT_TEXT, RT_DATE, RT_DATE, RT_TEXT,
		RT_MONEY, RT_HUNDREDTHS,
	};
	const char *headers[] = {
		_("Code"), _("Name"), _("Centre's role"), _("Status"), _("Start"),
		_("End"), _("Changes in the period"), _("Budget"),
		_("Person-years"),
	};
	struct report_table *t = &b->r->tables[RTAB_PROJECTS];

	table_define(t, "projects", _("Projects active in the period"),
		     9, headers, types);
	/* Left out first: changes, person-years, role, start, budget. */
	table_spare(t, (const unsigned char[]){ 6, 8, 2, 4, 7, 0 });
}

static void
projects_item(struct build *b, const struct item *it)
{
	struct report_table *t = &b->r->tables[RTAB_PROJECTS];
	const struct record *p = it->p;
	struct report_cell *row = table_row(t);
	char *roles, *changes;

	if (!row) {
		b->oom = true;
		return;
	}
	cell_field(&row[0], p, PROJECT_CODE, &b->oom);
	cell_field(&row[1], p, PROJECT_NAME, &b->oom);
	roles = centre_roles(b, it);
	changes = period_changes(b, it);
	b->oom |= !cell_text(&row[2], roles) ||
		  !cell_text(&row[3], status_label(record_text(p, PROJECT_STATUS))) ||
		  !cell_text(&row[6], changes);
	free(roles);
	free(changes);
	cell_field(&row[4], p, p->v[PROJECT_ACTUAL_START].null
			       ? PROJECT_PLANNED_START : PROJECT_ACTUAL_START,
		   &b->oom);
	cell_field(&row[5], p, p->v[PROJECT_ACTUAL_END].null
			       ? PROJECT_PLANNED_END : PROJECT_ACTUAL_END,
		   &b->oom);
	cell_field(&row[7], p, PROJECT_BUDGET, &b->oom);
	cell_field(&row[8], p, PROJECT_PERSON_YEARS, &b->oom);

}

static bool
funder_wanted(const struct build *b, const struct record *f)
{
	return !b->funder_uuid ||
	       !strcmp(record_text(f, FUNDING_FUNDER), b->funder_uuid);
}

/* The first date the project's history moved to status, or NULL. */
static const char *
history_date(const struct item *it, const char *status)
{
	for (size_t i = 0; i < it->history.count; i++)
		if (!strcmp(record_text(it->history.items[i], STATUS_TO), status))
			return record_text(it->history.items[i], STATUS_DATE);
	return NULL;
}

enum decision { DECISION_PENDING, DECISION_GRANTED, DECISION_REJECTED };

/* What was decided on a funding line, and when: its grant when one is
 * recorded (0: rejected), else what the project's history says. */
static enum decision
line_decision(const struct item *it, const struct record *f,
	      const char **date)
{
	*date = record_text(f, FUNDING_DECISION_DATE);
	if (!f->v[FUNDING_GRANTED].null)
		return f->v[FUNDING_GRANTED].num > 0 ? DECISION_GRANTED
						     : DECISION_REJECTED;
	if (history_date(it, "rejected")) {
		if (!*date)
			*date = history_date(it, "rejected");
		return DECISION_REJECTED;
	}
	if (history_date(it, "granted")) {
		if (!*date)
			*date = history_date(it, "granted");
		return DECISION_GRANTED;
	}
	return *date ? DECISION_GRANTED : DECISION_PENDING;
}

struct summary {
	size_t active, led, applications, granted, rejected, pending;
	struct money_sum applied_sum, granted_sum, cofinancing, person_years;
	size_t on_time, late, missed, open, coming, outcomes;
};

static void
applications_define(struct build *b)
{
	static const enum report_type types[] = {
		RT_TEXT, RT_TEXT, RT_TEXT, RT_DATE, RT_MONEY, RT_TEXT, RT_DATE,
		RT_MONEY,
	};
	const char *headers[] = {
		_("Project"), _("Funder"), _("Programme"), _("Applied on"),
		_("Applied"), _("Decision"), _("Decision date"), _("Granted"),
	};
	struct report_table *t = &b->r->tables[RTAB_APPLICATIONS];

	table_define(t, "applications",
		     _("Applications made and decisions received"), 8, headers,
		     types);
	/* Left out first: programme, applied on, decision date, applied. */
	table_spare(t, (const unsigned char[]){ 2, 3, 6, 4, 0 });
}

static void
applications_item(struct build *b, struct summary *s, const struct item *it)
{
	static const char *const decisions[] = {
		N_("pending"), N_("granted"), N_("rejected"),
	};
	struct report_table *t = &b->r->tables[RTAB_APPLICATIONS];

	for (size_t k = 0; k < it->funding.count && !b->oom; k++) {
		const struct record *f = it->funding.items[k];
		const char *applied_on = record_text(f, FUNDING_APPLIED_DATE);
		const char *decided_on;
		enum decision d = line_decision(it, f, &decided_on);
		bool made, decided;
		struct report_cell *row;
		char *funder;

		if (!applied_on)
			applied_on = history_date(it, "applied");
		made = in_period(b->r, applied_on);
		decided = d != DECISION_PENDING && in_period(b->r, decided_on);
		if (!funder_wanted(b, f) || (!made && !decided))
			continue;
		if (!(row = table_row(t))) {
			b->oom = true;
			return;
		}
		funder = org_label(b, record_text(f, FUNDING_FUNDER));
		cell_field(&row[0], it->p, PROJECT_CODE, &b->oom);
		b->oom |= !funder || !cell_text(&row[1], funder) ||
			  !cell_text(&row[3], applied_on) ||
			  !cell_text(&row[5], _(decisions[d])) ||
			  !cell_text(&row[6], d != DECISION_PENDING
					      ? decided_on : NULL);
		free(funder);
		cell_field(&row[2], f, FUNDING_PROGRAMME, &b->oom);
		cell_field(&row[4], f, FUNDING_APPLIED, &b->oom);
		cell_field(&row[7], f, FUNDING_GRANTED, &b->oom);
		if (made) {
			s->applications++;
			if (!f->v[FUNDING_APPLIED].null)
				money_sum_add(&s->applied_sum,
					      f->v[FUNDING_APPLIED].num);
		}
		if (made && d == DECISION_PENDING)
			s->pending++;
		if (decided && d == DECISION_GRANTED) {
			s->granted++;
			if (!f->v[FUNDING_GRANTED].null)
				money_sum_add(&s->granted_sum,
					      f->v[FUNDING_GRANTED].num);
		}
		if (decided && d == DECISION_REJECTED)
			s->rejected++;
	}
}

/* The year a funding line's money is for: its own, else that of its
 * decision, its application or the project's start. */
static int
line_year(const struct item *it, const struct record *f)
{
	const char *start;

	if (!f->v[FUNDING_YEAR].null)
		return (int)f->v[FUNDING_YEAR].num;
	if (record_text(f, FUNDING_DECISION_DATE))
		return year_of(record_text(f, FUNDING_DECISION_DATE));
	if (record_text(f, FUNDING_APPLIED_DATE))
		return year_of(record_text(f, FUNDING_APPLIED_DATE));
	start = record_text(it->p, PROJECT_ACTUAL_START);
	if (!start)
		start = record_text(it->p, PROJECT_PLANNED_START);
	return year_of(start);
}

static int
money_row_compare(const void *a, const void *b)
{
	const struct money_row *x = a, *y = b;
	int c = strcoll(x->funder, y->funder);

	return c ? c : x->year - y->year;
}

static void
money_define(struct build *b)
{
	static const enum report_type types[] = {
		RT_TEXT, RT_YEAR, RT_COUNT, RT_MONEY, RT_MONEY, RT_MONEY,
	};
	const char *headers[] = {
		_("Funder"), _("Year"), _("Projects"), _("Applied"), _("Granted"),
		_("Paid"),
	};
	struct report_table *t = &b->r->tables[RTAB_MONEY];

	table_define(t, "money", _("Money per funder and year"), 6, headers,
		     types);
	/* Left out first: projects. */
	table_spare(t, (const unsigned char[]){ 2, 0 });
}

/* The row of funder (a label, taken) and year, added when new; NULL
 * when out of memory (funder is then freed). */
static struct money_row *
money_row(struct build *b, char *funder, int year)
{
	size_t j;

	for (j = 0; j < b->nmoney; j++)
		if (b->money[j].year == year && !strcmp(b->money[j].funder, funder))
			break;
	if (j < b->nmoney) {
		free(funder);
		return &b->money[j];
	}
	if (b->nmoney == b->money_cap) {
		size_t cap = b->money_cap ? b->money_cap * 2 : 8;
		struct money_row *more = realloc(b->money, cap * sizeof *more);

		if (!more) {
			free(funder);
			return NULL;
		}
		b->money = more;
		b->money_cap = cap;
	}
	b->money[b->nmoney] = (struct money_row){ .funder = funder, .year = year };
	return &b->money[b->nmoney++];
}

static void
money_item(struct build *b, const struct item *it)
{
	int first = year_of(b->r->from), last = year_of(b->r->to);
	struct money_row *total = &b->money_total;

	for (size_t k = 0; k < it->funding.count && !b->oom; k++) {
		const struct record *f = it->funding.items[k];
		int year = line_year(it, f);
		struct money_row *row;
		char *funder;

		if (!funder_wanted(b, f) || year < first || year > last)
			continue;
		if (!(funder = org_label(b, record_text(f, FUNDING_FUNDER))) ||
		    !(row = money_row(b, funder, year))) {
			b->oom = true;
			break;
		}
		if (row->last != it->ord + 1) {
			row->projects++;
			row->last = it->ord + 1;
		}
		if (!f->v[FUNDING_APPLIED].null) {
			money_sum_add(&row->applied, f->v[FUNDING_APPLIED].num);
			money_sum_add(&total->applied, f->v[FUNDING_APPLIED].num);
		}
		if (!f->v[FUNDING_GRANTED].null) {
			money_sum_add(&row->granted, f->v[FUNDING_GRANTED].num);
			money_sum_add(&total->granted, f->v[FUNDING_GRANTED].num);
		}
		if (!f->v[FUNDING_PAID].null) {
			money_sum_add(&row->paid, f->v[FUNDING_PAID].num);
			money_sum_add(&total->paid, f->v[FUNDING_PAID].num);
		}
	}
}

static void
money_finish(struct build *b)
{
	struct report_table *t = &b->r->tables[RTAB_MONEY];
	struct money_row *rows = b->money, *total = &b->money_total;
	size_t n = b->nmoney;
	struct report_cell *row;

	if (n)
		qsort(rows, n, sizeof *rows, money_row_compare);
	for (size_t j = 0; j < n && !b->oom; j++) {
		if (!(row = table_row(t)) || !cell_text(&row[0], rows[j].funder)) {
			b->oom = true;
			break;
		}
		cell_num(&row[1], rows[j].year);
		cell_num(&row[2], (int64_t)rows[j].projects);
		cell_sum(&row[3], &rows[j].applied);
		cell_sum(&row[4], &rows[j].granted);
		cell_sum(&row[5], &rows[j].paid);
	}
	if (!b->oom && n) {
		if (!(row = table_row(t)) || !cell_text(&row[0], _("Total")))
			b->oom = true;
		else {
			cell_sum(&row[3], &total->applied);
			cell_sum(&row[4], &total->granted);
			cell_sum(&row[5], &total->paid);
			t->has_total = true;
		}
	}
}

static void
cofinancing_define(struct build *b)
{
	static const enum report_type types[] = {
		RT_TEXT, RT_TEXT, RT_TEXT, RT_MONEY, RT_HUNDREDTHS,
	};
	const char *headers[] = {
		_("Project"), _("Organisation"), _("Role"), _("Co-financing"),
		_("Per cent"),
	};
	struct report_table *t = &b->r->tables[RTAB_COFINANCING];

	table_define(t, "cofinancing", _("Co-financing (own financing)"), 5,
		     headers, types);
	/* Left out first: per cent, role. */
	table_spare(t, (const unsigned char[]){ 4, 2, 0 });
}

static void
cofinancing_item(struct build *b, struct summary *s, const struct item *it)
{
	struct report_table *t = &b->r->tables[RTAB_COFINANCING];
	struct report_cell *row;

	for (size_t k = 0; k < it->roles.count && !b->oom; k++) {
		const struct record *r = it->roles.items[k];
		int64_t cents;
		bool has = money_role_cofinancing(it->p, r, &cents);
		char *org;

		if (!has && r->v[ROLE_COFINANCING_PERCENT].null)
			continue;
		if (!(row = table_row(t)) ||
		    !(org = org_label(b, record_text(r, ROLE_ORGANISATION)))) {
			b->oom = true;
			break;
		}
		cell_field(&row[0], it->p, PROJECT_CODE, &b->oom);
		b->oom |= !cell_text(&row[1], org) ||
			  !cell_text(&row[2], enum_label(role_kinds,
						record_text(r, ROLE_ROLE)));
		free(org);
		if (has) {
			cell_num(&row[3], cents);
			money_sum_add(&s->cofinancing, cents);
		}
		cell_field(&row[4], r, ROLE_COFINANCING_PERCENT, &b->oom);
	}
}

static void
cofinancing_finish(struct build *b, struct summary *s)
{
	struct report_table *t = &b->r->tables[RTAB_COFINANCING];
	struct report_cell *row;

	if (!b->oom && t->nrows) {
		if (!(row = table_row(t)) || !cell_text(&row[0], _("Total")))
			b->oom = true;
		else {
			cell_sum(&row[3], &s->cofinancing);
			t->has_total = true;
		}
	}
}

struct partner_row {
	char *name;
	size_t projects;
};

static int
partner_compare(const void *a, const void *b)
{
	const struct partner_row *x = a, *y = b;

	if (x->projects != y->projects)
		return x->projects < y->projects ? 1 : -1;
	return strcoll(x->name, y->name);
}

static void
partners_define(struct build *b)
{
	static const enum report_type types[] = { RT_TEXT, RT_COUNT };
	const char *headers[] = { _("Organisation"), _("Shared projects") };

	table_define(&b->r->tables[RTAB_PARTNERS], "partners",
		     _("Partners and the projects they share"), 2, headers,
		     types);
}

/* The partner that is org, added when new; NULL when out of memory. */
static struct partner *
partner_of(struct build *b, const char *org)
{
	struct org_entry *e = org_find(b, org);
	size_t j = e && e->partner ? e->partner - 1 : b->npartners;

	/* An organisation the list does not know: looked for by uuid. */
	for (size_t i = 0; !e && i < b->npartners; i++)
		if (!strcmp(b->partners[i].uuid, org))
			j = i;
	if (j < b->npartners)
		return &b->partners[j];
	if (b->npartners == b->partners_cap) {
		size_t cap = b->partners_cap ? b->partners_cap * 2 : 16;
		struct partner *more = realloc(b->partners, cap * sizeof *more);

		if (!more)
			return NULL;
		b->partners = more;
		b->partners_cap = cap;
	}
	if (!(b->partners[j].uuid = strdup(org)))
		return NULL;
	b->partners[j].projects = b->partners[j].last = 0;
	b->npartners++;
	if (e)
		e->partner = j + 1;
	return &b->partners[j];
}

static void
partners_item(struct build *b, const struct item *it)
{
	for (size_t k = 0; k < it->roles.count; k++) {
		const struct record *r = it->roles.items[k];
		const char *org = record_text(r, ROLE_ORGANISATION);
		struct partner *p;

		if (!strcmp(record_text(r, ROLE_ROLE), "funder") ||
		    (b->centre_uuid && !strcmp(org, b->centre_uuid)))
			continue;
		if (!(p = partner_of(b, org))) {
			b->oom = true;
			break;
		}
		if (p->last != it->ord + 1) {
			p->projects++;
			p->last = it->ord + 1;
		}
	}
}

static void
partners_finish(struct build *b)
{
	struct report_table *t = &b->r->tables[RTAB_PARTNERS];
	struct partner_row *rows;
	size_t n = b->npartners;

	if (!b->oom && n && (rows = calloc(n, sizeof *rows))) {
		for (size_t j = 0; j < n; j++) {
			rows[j].name = org_label(b, b->partners[j].uuid);
			rows[j].projects = b->partners[j].projects;
			b->oom |= !rows[j].name;
		}
		if (!b->oom)
			qsort(rows, n, sizeof *rows, partner_compare);
		for (size_t j = 0; j < n && !b->oom; j++) {
			struct report_cell *row = table_row(t);

			if (!row || !cell_text(&row[0], rows[j].name))
				b->oom = true;
			else
				cell_num(&row[1], (int64_t)rows[j].projects);
		}
		for (size_t j = 0; j < n; j++)
			free(rows[j].name);
		free(rows);
	} else if (n) {
		b->oom = true;
	}
}

static void
person_years_define(struct build *b)
{
	static const enum report_type types[] = { RT_TEXT, RT_TEXT, RT_HUNDREDTHS };
	const char *headers[] = { _("Code"), _("Name"), _("Person-years") };
	struct report_table *t = &b->r->tables[RTAB_PERSON_YEARS];

	table_define(t, "person_years", _("Person-years"), 3, headers, types);
}

static void
person_years_item(struct build *b, struct summary *s, const struct item *it)
{
	struct report_table *t = &b->r->tables[RTAB_PERSON_YEARS];
	const struct record *p = it->p;
	struct report_cell *row;

	if (p->v[PROJECT_PERSON_YEARS].null)
		return;
	if (!(row = table_row(t))) {
		b->oom = true;
		return;
	}
	cell_field(&row[0], p, PROJECT_CODE, &b->oom);
	cell_field(&row[1], p, PROJECT_NAME, &b->oom);
	cell_field(&row[2], p, PROJECT_PERSON_YEARS, &b->oom);
	money_sum_add(&s->person_years, p->v[PROJECT_PERSON_YEARS].num);
}

static void
person_years_finish(struct build *b, struct summary *s)
{
	struct report_table *t = &b->r->tables[RTAB_PERSON_YEARS];
	struct report_cell *row;

	if (!b->oom && t->nrows) {
		if (!(row = table_row(t)) || !cell_text(&row[0], _("Total")))
			b->oom = true;
		else {
			cell_sum(&row[2], &s->person_years);
			t->has_total = true;
		}
	}
}

static void
outcomes_define(struct build *b)
{
	static const enum report_type types[] = {
		RT_TEXT, RT_TEXT, RT_HUNDREDTHS, RT_HUNDREDTHS, RT_HUNDREDTHS,
		RT_TEXT, RT_TEXT, RT_DATE, RT_TEXT,
	};
	const char *headers[] = {
		_("Project"), _("Outcome"), _("Achieved"), _("Target"),
		_("% of target"), _("Unit"), _("Counted"), _("Date"),
		_("Precision"),
	};
	struct report_table *t = &b->r->tables[RTAB_OUTCOMES];

	table_define(t, "outcomes", _("Outcomes against targets"), 9, headers,
		     types);
	/* Left out first: precision, counted, date, unit, per cent. */
	table_spare(t, (const unsigned char[]){ 8, 6, 7, 5, 4, 0 });
}

static void
outcomes_item(struct build *b, struct summary *s, const struct item *it)
{
	struct report_table *t = &b->r->tables[RTAB_OUTCOMES];

	for (size_t k = 0; k < it->outcomes.count && !b->oom; k++) {
		const struct record *o = it->outcomes.items[k];
		const char *date = record_text(o, OUTCOME_DATE);
		const char *precision = record_text(o, OUTCOME_PRECISION);
		const char *kind = record_text(o, OUTCOME_KIND);
		struct report_cell *row;

		if (date && !in_period(b->r, date))
			continue;
		if (!(row = table_row(t))) {
			b->oom = true;
			return;
		}
		s->outcomes++;
		cell_field(&row[0], it->p, PROJECT_CODE, &b->oom);
		cell_field(&row[1], o, OUTCOME_LABEL, &b->oom);
		cell_field(&row[2], o, OUTCOME_VALUE, &b->oom);
		if (precision && strcmp(precision, "exact")) {
			row[2].approx = true;
			b->oom |= !cell_text(&row[2],
				enum_label(outcome_precisions, precision));
		}
		cell_field(&row[3], o, OUTCOME_TARGET, &b->oom);
		if (!o->v[OUTCOME_TARGET].null && o->v[OUTCOME_TARGET].num > 0 &&
		    o->v[OUTCOME_VALUE].num <= FORMAT_AMOUNT_MAX / 10000)
			cell_num(&row[4], (o->v[OUTCOME_VALUE].num * 10000 +
					   o->v[OUTCOME_TARGET].num / 2) /
					  o->v[OUTCOME_TARGET].num);
		cell_field(&row[5], o, OUTCOME_UNIT, &b->oom);
		b->oom |= !cell_text(&row[6], kind ? enum_label(outcome_kinds,
								kind)
						   : NULL);
		cell_field(&row[7], o, OUTCOME_DATE, &b->oom);
		b->oom |= !cell_text(&row[8], precision
			? enum_label(outcome_precisions, precision) : NULL);
	}
}

static const char *
deadline_state(const struct report *r, const struct record *d,
	       struct summary *s)
{
	const char *due = record_text(d, DEADLINE_DUE);
	const char *done_on = record_text(d, DEADLINE_DONE_DATE);
	bool done = !d->v[DEADLINE_DONE].null && d->v[DEADLINE_DONE].num;

	if (done && (!done_on || strcmp(done_on, due) <= 0)) {
		s->on_time++;
		return _("met on time");
	}
	if (done) {
		s->late++;
		return _("met late");
	}
	if (strcmp(due, r->today) < 0) {
		s->missed++;
		return _("missed");
	}
	s->open++;
	return _("open");
}

static void
deadlines_define(struct build *b)
{
	static const enum report_type types[] = {
		RT_TEXT, RT_TEXT, RT_TEXT, RT_DATE, RT_DATE, RT_TEXT,
	};
	const char *headers[] = {
		_("Project"), _("Deadline"), _("Kind"), _("Due"), _("Done on"),
		_("State"),
	};
	struct report_table *t = &b->r->tables[RTAB_DEADLINES];
	struct report_table *c = &b->r->tables[RTAB_COMING];

	table_define(t, "deadlines", _("Deadlines in the period"), 6, headers,
		     types);
	/* Left out first (both tables): done on, kind. */
	table_spare(t, (const unsigned char[]){ 4, 2, 0 });
	table_define(c, "coming", _("Deadlines coming next"), 6, headers, types);
	table_spare(c, (const unsigned char[]){ 4, 2, 0 });
}

static void
deadlines_item(struct build *b, struct summary *s, const struct item *it)
{
	struct report_table *t = &b->r->tables[RTAB_DEADLINES];
	struct report_table *c = &b->r->tables[RTAB_COMING];

	for (size_t k = 0; k < it->deadlines.count && !b->oom; k++) {
		const struct record *d = it->deadlines.items[k];
		const char *due = record_text(d, DEADLINE_DUE);
		bool done = !d->v[DEADLINE_DONE].null && d->v[DEADLINE_DONE].num;
		bool coming = !done && strcmp(due, b->r->to) > 0;
		struct report_cell *row;

		if (!in_period(b->r, due) && !coming)
			continue;
		if (!(row = table_row(coming ? c : t))) {
			b->oom = true;
			return;
		}
		cell_field(&row[0], it->p, PROJECT_CODE, &b->oom);
		cell_field(&row[1], d, DEADLINE_TITLE, &b->oom);
		b->oom |= !cell_text(&row[2], enum_label(deadline_kinds,
					record_text(d, DEADLINE_KIND)));
		cell_field(&row[3], d, DEADLINE_DUE, &b->oom);
		cell_field(&row[4], d, DEADLINE_DONE_DATE, &b->oom);
		if (coming) {
			s->coming++;
			b->oom |= !cell_text(&row[5], strcmp(due, b->r->today) < 0
						     ? _("overdue") : _("open"));
		} else {
			b->oom |= !cell_text(&row[5], deadline_state(b->r, d, s));
		}
	}
}

/* The column of a status in the status chart: -1 when it has none. */
static int
status_column(const struct report_table *t, const char *status)
{
	for (size_t c = 0; status && c + 1 < t->ncols; c++)
		if (!strcmp(project_statuses[c].key, status))
			return (int)c + 1;
	return -1;
}

/* The status chart (at most ten years) and what it knows of each
 * project: whether it is active in a year is the project list's rule
 * (store_query.c's ACTIVE_SQL), worked out here from the project's
 * records, and its status at the end of each year is the last change
 * (in the order made) dated on or before the year's last day, else its
 * status now.  The chart's years end with the period's; it counts the
 * ten years up to there, and shows those from the period's first (or
 * the earliest project start, when earlier) on. */
#define CHART_YEARS 10

struct chart {
	int base;                  /* the first of the ten years counted */
	char from[CHART_YEARS][11], to[CHART_YEARS][11];
	int64_t counts[CHART_YEARS][REPORT_MAX_COLUMNS];
	int first_start;           /* the earliest start year, 0 for none */
	int period_from, period_to;  /* the years of the period */
};

/* What the chart knows of one project. */
struct chart_project {
	const char *first, *last;  /* of its history; NULL for none */
	uint16_t touched;          /* years of a change, deadline or line */
	bool touched_period;       /* the same in the report's period */
};

static void
chart_touch(const struct build *b, const struct chart *ch,
	    struct chart_project *cp, const char *date)
{
	long y;

	if (!date)
		return;
	/* Both bounds of a year begin with "yyyy-", and so does every
	 * text between them: the year the date begins with is the only
	 * one that can hold it. */
	y = strtol(date, NULL, 10) - ch->base;
	if (y >= 0 && y < CHART_YEARS && strcmp(date, ch->from[y]) >= 0 &&
	    strcmp(date, ch->to[y]) <= 0)
		cp->touched |= (uint16_t)(1u << y);
	if (in_period(b->r, date))
		cp->touched_period = true;
}

static void
chart_init(struct build *b, struct chart *ch)
{
	ch->period_from = year_of(b->r->from);
	ch->period_to = year_of(b->r->to);
	ch->base = ch->period_to - (CHART_YEARS - 1);
	for (int y = 0; y < CHART_YEARS; y++) {
		snprintf(ch->from[y], sizeof ch->from[y], "%04d-01-01", ch->base + y);
		snprintf(ch->to[y], sizeof ch->to[y], "%04d-12-31", ch->base + y);
	}
}

/* Whether a project whose span is start .. end (either may be NULL)
 * is active from .. to, touched or not then (ACTIVE_SQL). */
static bool
span_active(const char *start, const char *end, const char *from,
	    const char *to, bool touched)
{
	return ((start || end) && (!start || strcmp(start, to) <= 0) &&
		(!end || strcmp(end, from) >= 0)) || touched;
}

/* Counts the project in the years it is active in; whether it is
 * active in the report's period. */
static bool
chart_item(struct build *b, struct chart *ch, const struct item *it)
{
	const struct report_table *t = &b->r->tables[RTAB_STATUS_YEARS];
	const struct record *p = it->p;
	const char *status = record_text(p, PROJECT_STATUS);
	const char *start = record_text(p, PROJECT_ACTUAL_START);
	const char *end = record_text(p, PROJECT_ACTUAL_END);
	signed char col[CHART_YEARS] = { 0 }, now;
	struct chart_project cp = { 0 };
	bool ends_with_history;
	int y;

	start = start ? start : record_text(p, PROJECT_PLANNED_START);
	end = end ? end : record_text(p, PROJECT_PLANNED_END);
	ends_with_history = status && (!strcmp(status, "closed") ||
				       !strcmp(status, "cancelled") ||
				       !strcmp(status, "withdrawn") ||
				       !strcmp(status, "rejected") ||
				       !strcmp(status, "idea"));
	now = (signed char)status_column(t, status);
	if ((y = year_of(start)) && (!ch->first_start || y < ch->first_start))
		ch->first_start = y;
	for (size_t i = 0; i < it->history.count; i++) {
		const struct record *s = it->history.items[i];
		const char *date = record_text(s, STATUS_DATE);
		int to = 0;

		if (!date)
			continue;
		chart_touch(b, ch, &cp, date);
		for (y = 0; y < CHART_YEARS; y++)
			if (strcmp(date, ch->to[y]) <= 0) {
				if (!to)
					to = status_column(t, record_text(s, STATUS_TO));
				col[y] = (signed char)to;
			}
		if (!cp.first || strcmp(date, cp.first) < 0)
			cp.first = date;
		if (!cp.last || strcmp(date, cp.last) > 0)
			cp.last = date;
	}
	for (size_t i = 0; i < it->deadlines.count; i++) {
		chart_touch(b, ch, &cp, record_text(it->deadlines.items[i],
						    DEADLINE_DUE));
		chart_touch(b, ch, &cp, record_text(it->deadlines.items[i],
						    DEADLINE_DONE_DATE));
	}
	for (size_t i = 0; i < it->funding.count; i++) {
		const struct record *f = it->funding.items[i];

		chart_touch(b, ch, &cp, record_text(f, FUNDING_APPLIED_DATE));
		chart_touch(b, ch, &cp, record_text(f, FUNDING_DECISION_DATE));
		if (f->v[FUNDING_YEAR].null)
			continue;
		for (y = 0; y < CHART_YEARS; y++)
			if (f->v[FUNDING_YEAR].num == ch->base + y)
				cp.touched |= (uint16_t)(1u << y);
		if (f->v[FUNDING_YEAR].num >= ch->period_from &&
		    f->v[FUNDING_YEAR].num <= ch->period_to)
			cp.touched_period = true;
	}
	start = start ? start : cp.first;
	end = end ? end : ends_with_history ? cp.last : NULL;
	for (y = 0; y < CHART_YEARS; y++) {
		int c = col[y] ? col[y] : now;

		if (c > 0 && span_active(start, end, ch->from[y], ch->to[y],
					 cp.touched >> y & 1))
			ch->counts[y][c]++;
	}
	return span_active(start, end, b->r->from, b->r->to,
			   cp.touched_period);
}

/* The years of the status chart: the period's, and the years before it
 * back to the first project start, at most ten in all. */
static void
set_years(struct build *b, int first_start)
{
	int last = year_of(b->r->to), first = year_of(b->r->from);

	if (first_start && first_start < first)
		first = first_start;
	if (last - first > CHART_YEARS - 1)
		first = last - (CHART_YEARS - 1);
	b->r->first_year = first;
	b->r->last_year = last;
}

static void
status_years_define(struct build *b)
{
	enum report_type types[REPORT_MAX_COLUMNS] = { RT_YEAR };
	const char *headers[REPORT_MAX_COLUMNS] = { _("Year") };
	struct report_table *t = &b->r->tables[RTAB_STATUS_YEARS];
	size_t nstatus = enum_count(project_statuses);

	for (size_t i = 0; i < nstatus && i + 1 < REPORT_MAX_COLUMNS; i++) {
		types[i + 1] = RT_COUNT;
		headers[i + 1] = _(project_statuses[i].label);
	}
	table_define(t, "status_years", _("Projects by status at the end of each year"),
		     nstatus + 1 < REPORT_MAX_COLUMNS ? nstatus + 1
						      : REPORT_MAX_COLUMNS,
		     headers, types);
}

static void
status_years_finish(struct build *b, const struct chart *ch)
{
	struct report_table *t = &b->r->tables[RTAB_STATUS_YEARS];

	set_years(b, ch->first_start);
	for (int y = b->r->first_year; y <= b->r->last_year && !b->oom; y++) {
		struct report_cell *row = table_row(t);

		if (!row) {
			b->oom = true;
			return;
		}
		cell_num(&row[0], y);
		for (size_t c = 1; c < t->ncols; c++)
			cell_num(&row[c], ch->counts[y - ch->base][c]);
	}
}

static void
build_summary(struct build *b, const struct summary *s)
{
	static const enum report_type types[] = { RT_TEXT, RT_COUNT };
	const char *headers[] = { _("Figure"), _("Value") };
	struct report_table *t = &b->r->tables[RTAB_SUMMARY];
	const struct report_table *money = &b->r->tables[RTAB_MONEY];
	const struct {
		const char *label;
		enum report_type type;
		int64_t value;
		bool null;
	} rows[] = {
		{ _("Projects active in the period"), RT_COUNT, (int64_t)s->active, false },
		{ _("… of which the centre administers or leads"), RT_COUNT, (int64_t)s->led, false },
		{ _("Applications made"), RT_COUNT, (int64_t)s->applications, false },
		{ _("Sum applied for"), RT_MONEY, s->applied_sum.cents,
		  !s->applied_sum.any || s->applied_sum.overflow },
		{ _("Decisions: granted"), RT_COUNT, (int64_t)s->granted, false },
		{ _("Decisions: rejected"), RT_COUNT, (int64_t)s->rejected, false },
		{ _("Applications pending"), RT_COUNT, (int64_t)s->pending, false },
		{ _("Sum granted in decisions"), RT_MONEY, s->granted_sum.cents,
		  !s->granted_sum.any || s->granted_sum.overflow },
		{ _("Granted for the period's years"), RT_MONEY,
		  money->has_total ? report_cell(money, money->nrows - 1, 4)->num : 0,
		  !money->has_total || report_cell(money, money->nrows - 1, 4)->null },
		{ _("Paid"), RT_MONEY,
		  money->has_total ? report_cell(money, money->nrows - 1, 5)->num : 0,
		  !money->has_total || report_cell(money, money->nrows - 1, 5)->null },
		{ _("Co-financing"), RT_MONEY, s->cofinancing.cents,
		  !s->cofinancing.any || s->cofinancing.overflow },
		{ _("Person-years"), RT_HUNDREDTHS, s->person_years.cents,
		  !s->person_years.any || s->person_years.overflow },
		{ _("Outcome figures"), RT_COUNT, (int64_t)s->outcomes, false },
		{ _("Deadlines met on time"), RT_COUNT, (int64_t)s->on_time, false },
		{ _("Deadlines met late"), RT_COUNT, (int64_t)s->late, false },
		{ _("Deadlines missed"), RT_COUNT, (int64_t)s->missed, false },
		{ _("Deadlines still open"), RT_COUNT, (int64_t)s->open, false },
		{ _("Deadlines coming next"), RT_COUNT, (int64_t)s->coming, false },
	};

	table_define(t, "summary", _("Key figures"), 2, headers, types);
	for (size_t i = 0; i < sizeof rows / sizeof *rows && !b->oom; i++) {
		struct report_cell *row = table_row(t);

		if (!row || !cell_text(&row[0], rows[i].label)) {
			b->oom = true;
			return;
		}
		row[1].type = rows[i].type;
		if (!rows[i].null)
			cell_num(&row[1], rows[i].value);
	}
}

/* ---- the whole ---------------------------------------------------- */

static int
set_period(struct model *m, struct report *r,
	   const struct report_options *opt)
{
	struct error *err = &m->err;

	if (opt->today[0])
		snprintf(r->today, sizeof r->today, "%s", opt->today);
	else
		model_today(m, r->today);
	r->year = opt->year;
	if (!opt->year && !opt->from[0] && !opt->to[0])
		r->year = year_of(r->today);
	if (r->year) {
		snprintf(r->from, sizeof r->from, "%04d-01-01", r->year);
		snprintf(r->to, sizeof r->to, "%04d-12-31", r->year);
		return ERR_OK;
	}
	snprintf(r->from, sizeof r->from, "%s", opt->from[0] ? opt->from
							     : "1900-01-01");
	snprintf(r->to, sizeof r->to, "%s", opt->to[0] ? opt->to : r->today);
	if (strcmp(r->to, r->from) < 0)
		return error_set(err, ERR_INVALID, "to",
				 _("the period ends (%s) before it begins (%s)"),
				 r->to, r->from);
	return ERR_OK;
}

/* Every project (the funder's), in the project table's order (by
 * code), one at a time: into the chart, and when active in the period
 * into the tables. */
static int
build_items(struct build *b, struct chart *ch, struct summary *s)
{
	struct model *m = b->m;
	struct cursors c = { 0 };
	int64_t total = 0;
	size_t n = 0;
	int rc;

	if ((rc = store_report_projects(m->db, b->funder_uuid, &total,
					&m->err)))
		return rc;
	b->total = (size_t)total;
	rc = cursors_open(m, &c);
	for (; !rc && !b->oom; n++) {
		struct item it = { .ord = s->active };

		b->done = n;
		if (!(rc = load_item(m, &c, &it)) && it.p &&
		    chart_item(b, ch, &it) && !(rc = load_active(m, &c, &it))) {
			s->active++;
			if (centre_leads(b, &it))
				s->led++;
			projects_item(b, &it);
			applications_item(b, s, &it);
			money_item(b, &it);
			cofinancing_item(b, s, &it);
			partners_item(b, &it);
			person_years_item(b, s, &it);
			outcomes_item(b, s, &it);
			deadlines_item(b, s, &it);
		}
		if (!it.p) {
			item_free(&it);
			break;
		}
		item_free(&it);
	}
	cursors_close(&c);
	return rc;
}

/* Tells the caller how far the build is; true (and the report marked
 * cancelled) when it asks to stop. */
static bool
watch(void *arg)
{
	struct build *b = arg;

	if (b->r->cancelled || !b->opt->progress(b->opt->progress_arg,
						  b->done, b->total))
		return b->r->cancelled;
	return b->r->cancelled = true;
}

/* The long tables, kept in the database. */
static const enum report_table_id long_tables[] = {
	RTAB_PROJECTS, RTAB_APPLICATIONS, RTAB_COFINANCING, RTAB_PARTNERS,
	RTAB_PERSON_YEARS, RTAB_OUTCOMES, RTAB_DEADLINES, RTAB_COMING,
};

#define LONG_TABLES (sizeof long_tables / sizeof *long_tables)

static bool
keep_out(struct build *b)
{
	for (size_t i = 0; i < LONG_TABLES; i++) {
		enum report_table_id id = long_tables[i];

		if (!table_keep_out(&b->r->tables[id], b->m->db,
				    id == RTAB_COMING ? TAB_UNSORTED : (int)id,
				    b->st))
			return false;
	}
	return true;
}

/* The deadlines coming, in order, packed into chunks. */
struct sorted_out {
	struct report_table *t;
	struct pack p;
	int64_t rows;
	struct error *err;
};

/* Writes the chunk packed so far (whose last row is the last one). */
static int
sorted_flush(struct sorted_out *o)
{
	int rc = ERR_OK;

	if (o->p.oom)
		return error_set(o->err, ERR_FAILED, NULL, _("out of memory"));
	if (o->p.len)
		rc = store_report_chunk_put(o->t->rows->db, RTAB_COMING,
					    (o->rows - 1) / ROWS_CHUNK,
					    o->p.data, o->p.len, o->err);
	o->p.len = 0;
	return rc;
}

static int
sorted_row(void *arg, const void *data, size_t size)
{
	struct sorted_out *o = arg;

	pack_put(&o->p, data, size);
	if (++o->rows % ROWS_CHUNK == 0 || o->p.oom)
		return sorted_flush(o);
	return ERR_OK;
}

/* Writes what is left of the long tables, and the deadlines coming by
 * their date (then project). */
static int
write_out(struct build *b)
{
	struct model *m = b->m;
	struct report_table *coming = &b->r->tables[RTAB_COMING];
	struct sorted_out o = { .t = coming, .err = &m->err };
	int rc = ERR_OK;

	for (size_t i = 0; i < LONG_TABLES && !rc; i++) {
		struct report_table *t = &b->r->tables[long_tables[i]];

		rc = t == coming ? rows_flush(t, 3, 0) : rows_flush(t, -1, -1);
		if (rc)
			m->err = t->rows->err;
	}
	if (!rc && !(rc = store_report_keyed(m->db, TAB_UNSORTED, sorted_row,
					     &o, &m->err)))
		rc = sorted_flush(&o);
	free(o.p.data);
	coming->rows->tab = RTAB_COMING;
	coming->rows->first = 0;
	return rc;
}

static void
build_free(struct build *b)
{
	for (size_t j = 0; j < b->npartners; j++)
		free(b->partners[j].uuid);
	free(b->partners);
	for (size_t j = 0; j < b->nmoney; j++)
		free(b->money[j].funder);
	free(b->money);
	for (size_t j = 0; j < b->norgs; j++)
		free(b->byuuid[j].uuid);
	free(b->byuuid);
}

int
report_build(struct model *m, const struct report_options *opt,
	     struct report *out)
{
	struct build b = { .m = m, .r = out, .st = format_style_from_locale(),
			   .opt = opt };
	struct chart ch = { 0 };
	struct record *centre = NULL, *funder = NULL;
	struct summary s = { 0 };
	bool rows = false;
	int rc;

	memset(out, 0, sizeof *out);
	out->style = b.st;
	if ((rc = set_period(m, out, opt)) || (rc = load_orgs(&b)) ||
	    (rc = find_centre(&b, opt->centre, &centre)) ||
	    (opt->funder && (rc = model_organisation(m, opt->funder, &funder))))
		goto done;
	if (centre && !(out->centre = strdup(record_text(centre, ORG_SHORT_NAME)
					     ? record_text(centre, ORG_SHORT_NAME)
					     : record_text(centre, ORG_NAME))))
		goto oom;
	if (funder && !(out->funder = strdup(record_text(funder, ORG_NAME))))
		goto oom;
	b.centre_uuid = centre ? centre->uuid : NULL;
	b.funder_uuid = funder ? funder->uuid : NULL;
	status_years_define(&b);
	projects_define(&b);
	applications_define(&b);
	money_define(&b);
	cofinancing_define(&b);
	partners_define(&b);
	person_years_define(&b);
	outcomes_define(&b);
	deadlines_define(&b);
	if (!keep_out(&b))
		goto oom;
	if ((rc = store_report_rows_begin(m->db, &m->err)))
		goto done;
	rows = true;
	if (opt->progress)
		store_report_watch(m->db, watch, &b);
	chart_init(&b, &ch);
	if ((rc = build_items(&b, &ch, &s)))
		goto done;
	status_years_finish(&b, &ch);
	money_finish(&b);
	cofinancing_finish(&b, &s);
	partners_finish(&b);
	person_years_finish(&b, &s);
	build_summary(&b, &s);
	if (b.oom)
		goto oom;
	for (size_t i = 0; i < RTAB_COUNT; i++) {
		struct report_table *t = &out->tables[i];

		for (size_t r = 0; !t->rows && r < t->nrows; r++)
			table_widen(t, &t->cells[r * t->ncols], b.st);
	}
	rc = write_out(&b);
	goto done;
oom:
	rc = error_set(&m->err, ERR_FAILED, NULL, _("out of memory"));
	/* Out of memory, or a long table's rows could not be written. */
	for (size_t i = 0; i < LONG_TABLES; i++) {
		const struct report_rows *rs = out->tables[long_tables[i]].rows;

		if (rs && rs->err.code) {
			m->err = rs->err;
			rc = rs->err.code;
		}
	}
done:
	if (opt->progress)
		store_report_watch(m->db, NULL, NULL);
	if (out->cancelled)
		rc = error_set(&m->err, ERR_FAILED, NULL,
			       _("the report was interrupted"));
	if (rows && store_report_rows_end(m->db, !rc, rc ? NULL : &m->err) && !rc)
		rc = ERR_DATABASE;
	build_free(&b);
	record_free(&centre);
	record_free(&funder);
	return rc;
}
