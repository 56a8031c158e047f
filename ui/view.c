/* SPDX-License-Identifier: EUPL-1.2 */
/* view.c — what every list does alike: its life, selection and
 * scrolling, search with n/N, and the mouse.  Drawing is view_draw.c. */
#include "config.h"

#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "src/base/entity.h"
#include "src/base/i18n.h"
#include "src/base/text.h"
#include "dialog.h"

struct view *
view_new(struct ui *ui, const struct view_ops *ops, const void *arg)
{
	struct view *v = calloc(1, sizeof *v);

	if (!v) {
		ui_error(ui, "%s", _("Out of memory"));
		return NULL;
	}
	v->ops = ops;
	v->ui = ui;
	v->full = true;
	if (ops->open && ops->open(v, arg) < 0) {
		free(v);
		return NULL;
	}
	return v;
}

void
view_free(struct view **v)
{
	if (!v || !*v)
		return;
	if ((*v)->ops->free)
		(*v)->ops->free(*v);
	free((*v)->search);
	free((*v)->narrow);
	free(*v);
	*v = NULL;
}

void
view_window_span(size_t lo, size_t have, size_t first, size_t n,
		 size_t total, size_t *start, size_t *end)
{
	size_t hi = lo + have;

	n = n ? n : 1;
	*start = first > n ? first - n : 0;
	*end = *start + 3 * n < total ? *start + 3 * n : total;
	/* Read from a row at hand: the one before the span, or after it. */
	if (have && ((*start > lo && *start <= hi) || (*end >= lo && *end < hi)))
		return;
	if (have && first >= hi && first <= hi + n) {
		*start = hi;
		*end = hi + 3 * n < total ? hi + 3 * n : total;
	} else if (have && first + n <= lo && first + 2 * n >= lo) {
		*end = lo;
		*start = lo > 3 * n ? lo - 3 * n : 0;
	} else {
		*start = first;
		*end = first + n < total ? first + n : total;
	}
}

int
view_height(const struct view *v)
{
	return v->ui->body ? getmaxy(v->ui->body) : 1;
}

bool
view_has_selection(const struct view *v)
{
	return v->rows > 0 &&
	       (!v->ops->selectable || v->ops->selectable((struct view *)v, v->sel));
}

static bool
selectable(struct view *v, size_t row)
{
	return row < v->rows && (!v->ops->selectable || v->ops->selectable(v, row));
}

void
view_select(struct view *v, size_t row)
{
	size_t h = (size_t)view_height(v);

	if (!v->rows) {
		v->sel = v->top = 0;
		return;
	}
	if (row >= v->rows)
		row = v->rows - 1;
	if (!selectable(v, row)) {
		size_t r = row;

		while (r < v->rows && !selectable(v, r))
			r++;
		if (r == v->rows) {
			r = row;
			while (r > 0 && !selectable(v, r))
				r--;
		}
		row = r;
	}
	v->sel = row;
	if (v->sel < v->top)
		v->top = v->sel;
	else if (v->sel >= v->top + h)
		v->top = v->sel - h + 1;
	/* Keep the heading of a group in sight above its first row. */
	while (v->top > 0 && v->top == v->sel && !selectable(v, v->top - 1) &&
	       v->sel - (v->top - 1) < h)
		v->top--;
	if (v->rows > h && v->top > v->rows - h)
		v->top = v->rows - h;
	if (v->rows <= h)
		v->top = 0;
}

void
view_move(struct view *v, long delta)
{
	long target, rows = (long)v->rows;

	if (!rows || !delta)
		return;
	target = (long)v->sel + delta;
	if (target < 0)
		target = 0;
	if (target >= rows)
		target = rows - 1;
	if (v->ops->selectable) {
		long dir = delta > 0 ? 1 : -1, t = target;

		while (t >= 0 && t < rows && !selectable(v, (size_t)t))
			t += dir;
		if (t < 0 || t >= rows)
			return;  /* nothing selectable that way */
		target = t;
	}
	view_select(v, (size_t)target);
}

/* Scrolls by n lines, taking the selection along. */
static void
view_scroll(struct view *v, long n)
{
	long h = view_height(v), rows = (long)v->rows;
	long maxtop = rows > h ? rows - h : 0;
	long top = (long)v->top + n, sel = (long)v->sel + n;

	if (top < 0)
		top = 0;
	if (top > maxtop)
		top = maxtop;
	if (sel < 0)
		sel = 0;
	if (sel >= rows)
		sel = rows - 1;
	v->top = (size_t)top;
	if (rows)
		view_select(v, (size_t)sel);
}

#define ROW_KEY_MAX 96

static bool
row_key(struct view *v, size_t row, char *buf, size_t size)
{
	return v->ops->row_key && row < v->rows && v->ops->row_key(v, row, buf, size);
}

/* The row whose key is key, looking outward from near: within a few
 * pages for a view read by the page (each step away may read one),
 * through the whole list otherwise. */
static bool
find_row(struct view *v, const char *key, size_t near, size_t *found)
{
	size_t radius = v->ops->fetch ? 3 * (size_t)view_height(v) : v->rows;
	char buf[ROW_KEY_MAX];

	if (!v->rows)
		return false;
	if (near >= v->rows)
		near = v->rows - 1;
	for (size_t d = 0; d <= radius; d++) {
		bool inside = false;

		if (near + d < v->rows) {
			inside = true;
			if (row_key(v, near + d, buf, sizeof buf) && !strcmp(buf, key)) {
				*found = near + d;
				return true;
			}
		}
		if (d && d <= near) {
			inside = true;
			if (row_key(v, near - d, buf, sizeof buf) && !strcmp(buf, key)) {
				*found = near - d;
				return true;
			}
		}
		if (!inside)
			break;
	}
	return false;
}

/* A move needs the list's length: what the view put off (a count) is
 * done first.  Not while a search is typed, whose count waits for a
 * pause by design. */
static void
settle_first(struct view *v)
{
	if (v->unsettled && !v->typing && v->ops->settle)
		v->ops->settle(v);
}

void
view_reload(struct view *v)
{
	size_t sel = v->sel, top = v->top, found;
	char key[ROW_KEY_MAX];
	/* When the data changed (here or in another session), the
	 * selection stays on its row; a new search, filter or sort starts
	 * from the same place on the screen instead. */
	bool keyed = v->loaded && v->filter_gen == v->ui->filter_gen &&
		     row_key(v, sel, key, sizeof key);

	v->loaded = true;
	v->data_gen = v->ui->data_gen;
	v->filter_gen = v->ui->filter_gen;
	view_fit_reset(v);
	if (v->ops->load && v->ops->load(v) < 0)
		v->rows = 0;
	/* Counted only so far (the first rows): a selection near or past
	 * where the count stopped needs the rest to stay on its row. */
	if (sel + 3 * (size_t)view_height(v) >= v->rows)
		settle_first(v);
	if (keyed && find_row(v, key, sel, &found) && found != sel) {
		size_t line = sel >= top ? sel - top : 0;

		top = found >= line ? found - line : 0;
		sel = found;
	}
	v->top = top;
	view_select(v, sel);
	v->full = true;
	v->ui->dirty_head = v->ui->dirty_foot = true;
}

void
view_refresh(struct view *v)
{
	if (!v->loaded || v->data_gen != v->ui->data_gen ||
	    v->filter_gen != v->ui->filter_gen)
		view_reload(v);
}

/* ---- Search ------------------------------------------------------ */

static void
set_narrow(struct view *v, const char *text)
{
	free(v->narrow);
	v->narrow = text && *text ? strdup(text) : NULL;
}

void
view_clear_search(struct view *v)
{
	set_narrow(v, NULL);
	free(v->search);
	v->search = NULL;
}

static void
search_changed(struct ui *ui, void *ctx, const char *text)
{
	struct view *v = ctx;

	(void)ui;
	v->typing = true;
	set_narrow(v, text);
	/* Read when the screen is painted: keys typed meanwhile come
	 * first, so that a slow search on a large portfolio runs once for
	 * several letters. */
	v->loaded = false;
	v->sel = v->top = 0;
}

static void
search_done(struct ui *ui, void *ctx, const char *text)
{
	struct view *v = ctx;

	/* The list now to move in has its count: a load put off no longer. */
	v->typing = false;
	if (v->unsettled)
		v->loaded = false;
	if (!text) {  /* cancelled: back to the search in force */
		set_narrow(v, v->search);
		v->loaded = false;
		return;
	}
	/* Enter on a prompt left as it opened (empty) typed nothing:
	 * the list must still follow what it says, no search. */
	if (!v->narrow != !*text || (v->narrow && strcmp(v->narrow, text))) {
		set_narrow(v, text);
		v->loaded = false;
	}
	if (!v->loaded)
		view_reload(v);
	free(v->search);
	v->search = *text ? strdup(text) : NULL;
	if (v->search && !v->rows)
		ui_error(ui, _("No match for “%s”"), text);
	ui->dirty_head = true;
}

static enum action_result
search_step(struct view *v, long dir)
{
	size_t start = v->sel;

	if (!v->search) {
		ui_message(v->ui, "%s", _("No search: press / to search"));
		return AR_NOOP;
	}
	if (!v->rows)
		return AR_NOOP;
	/* The list holds only matches: the next one is the next row,
	 * round the end. */
	do {
		v->sel = (v->sel + v->rows + (size_t)dir) % v->rows;
	} while (v->sel != start && !selectable(v, v->sel));
	view_select(v, v->sel);
	return AR_OK;
}

enum action_result
view_handle(struct view *v, enum action a)
{
	long h = view_height(v);

	switch (a) {
	case ACT_MOVE_DOWN: case ACT_MOVE_UP: case ACT_PAGE_DOWN:
	case ACT_PAGE_UP: case ACT_HALF_DOWN: case ACT_HALF_UP:
	case ACT_MOVE_FIRST: case ACT_MOVE_LAST: case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		settle_first(v);
		break;
	default:
		break;
	}
	switch (a) {
	case ACT_MOVE_DOWN:   view_move(v, 1); return AR_OK;
	case ACT_MOVE_UP:     view_move(v, -1); return AR_OK;
	case ACT_PAGE_DOWN:   view_scroll(v, h); return AR_OK;
	case ACT_PAGE_UP:     view_scroll(v, -h); return AR_OK;
	case ACT_HALF_DOWN:   view_scroll(v, h / 2); return AR_OK;
	case ACT_HALF_UP:     view_scroll(v, -h / 2); return AR_OK;
	case ACT_MOVE_FIRST:  view_select(v, 0); return AR_OK;
	case ACT_MOVE_LAST:
		view_select(v, v->rows ? v->rows - 1 : 0);
		if (v->rows && !selectable(v, v->sel))
			view_move(v, -1);
		return AR_OK;
	case ACT_SEARCH:
		if (!v->ops->searchable) {
			ui_message(v->ui, "%s", _("This screen has no search"));
			return AR_NOOP;
		}
		dialog_prompt(v->ui, "/", NULL, search_changed,
			      search_done, v);
		v->ui->search_coming = v->ops->search_words;
		return AR_OK;
	case ACT_SEARCH_NEXT: return search_step(v, 1);
	case ACT_SEARCH_PREV: return search_step(v, -1);
	default:
		return AR_UNHANDLED;
	}
}

enum action_result
view_mouse(struct view *v, int y, int x, unsigned long bstate)
{
	struct ui *ui = v->ui;
	int by = getbegy(ui->body), h = view_height(v);
	size_t row;

	if (bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED))
		settle_first(v);

	if (bstate & BUTTON4_PRESSED) {
		view_scroll(v, -3);
		return AR_OK;
	}
	if (bstate & BUTTON5_PRESSED) {
		view_scroll(v, 3);
		return AR_OK;
	}
	if (!(bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return AR_NOOP;
	if (y < by)
		return v->ops->click_head && v->ops->click_head(v, y, x) ?
		       AR_OK : AR_NOOP;
	if (y >= by + h)
		return AR_NOOP;
	row = v->top + (size_t)(y - by);
	if (row >= v->rows || !selectable(v, row))
		return AR_NOOP;
	if (row == v->sel)  /* a click on the selected row opens it */
		return AR_UNHANDLED;
	view_select(v, row);
	return AR_OK;
}

void
view_enum_matches(const struct enum_def *enums, const char *text,
		  char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; text && enums[i].key; i++) {
		int n;

		if (!view_text_matches(_(enums[i].label), text))
			continue;
		n = snprintf(out + used, size - used, "%s%s", used ? "," : "",
			     enums[i].key);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

bool
view_text_matches(const char *hay, const char *needle)
{
	char *safe;
	wchar_t *wh, *wn;
	size_t lh, ln;
	bool found = false;

	if (!needle || !*needle)
		return true;
	if (!hay)
		return false;
	safe = text_sanitize(hay, 0);
	if (!safe)
		return false;
	lh = strlen(safe) + 1;
	ln = strlen(needle) + 1;
	wh = malloc(lh * sizeof *wh);
	wn = malloc(ln * sizeof *wn);
	if (wh && wn) {
		utf8_to_wide(safe, wh, lh);
		utf8_to_wide(needle, wn, ln);
		for (wchar_t *p = wh; *p; p++)
			*p = (wchar_t)towlower((wint_t)*p);
		for (wchar_t *p = wn; *p; p++)
			*p = (wchar_t)towlower((wint_t)*p);
		found = wcsstr(wh, wn) != NULL;
	}
	free(wh);
	free(wn);
	free(safe);
	return found;
}
