/* SPDX-License-Identifier: EUPL-1.2 */
/* view_draw.c — what every list draws alike: the column layout, the
 * title line, the headings, the rows (line by line, scrolling the
 * terminal where it can) and the footer. */
#include "config.h"

#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/i18n.h"
#include "draw.h"

/* ---- Layout ------------------------------------------------------ */

/* How many cells the columns may give up before one is dropped. */
#define SHRINK_MAX 6
/* The width of the flexible column before others grow. */
#define FLEX_COMFORT 60
/* The least the flexible column gives way to before a column shown
 * whole is clipped at the edge. */
#define FLEX_LEAST 8
/* The least the flexible column gives way to, before other columns
 * are dropped, for codes and sums wider than their table says. */
#define FLEX_YIELDS 18

/* The view's columns, from its table or its function; NULL when it draws
 * its rows itself. */
static const struct column *
view_columns(struct view *v, size_t *n)
{
	if (v->ops->columns)
		return v->ops->columns(v, n);
	*n = v->ops->nfixed_columns;
	return v->ops->fixed_columns;
}

/* The width column i asks for (*least: shrinks to; *most: grows to).
 * A COL_FIT column is as wide as its widest value shown, or, before one
 * is, as its table says, and never narrower than its heading (with the
 * sort's arrow). */
static void
column_want(struct view *v, const struct column *c, int i, int sorted,
	    int *want, int *least, int *most)
{
	char title[128];
	int w;

	*want = c->width;
	*least = c->min;
	*most = c->max;
	if (!(c->flags & COL_FIT))
		return;
	/* gettext("") is the catalogue's header, not an empty title. */
	snprintf(title, sizeof title, "%s%s", c->title[0] ? _(c->title) : "",
		 i == sorted ? " ▲" : "");
	w = v->fit[i] ? v->fit[i] : c->width;
	if (draw_width(title) > w)
		w = draw_width(title);
	*want = *least = *most = w;
}

void
view_layout(struct view *v)
{
	const struct column *c;
	size_t n = 0;
	bool dropped[VIEW_MAX_COLUMNS] = { false }, desc;
	int want[VIEW_MAX_COLUMNS], least[VIEW_MAX_COLUMNS], most[VIEW_MAX_COLUMNS];
	int avail, total, slack, spare, flex = -1, sorted;

	c = view_columns(v, &n);
	if (n > VIEW_MAX_COLUMNS)
		n = VIEW_MAX_COLUMNS;
	sorted = v->ops->sorted ? v->ops->sorted(v, &desc) : -1;
	for (size_t i = 0; i < n; i++)
		column_want(v, &c[i], (int)i, sorted, &want[i], &least[i], &most[i]);
	/* Less the marker, and the last column that stays blank. */
	avail = (v->ui->body ? getmaxx(v->ui->body) : 80) - 2;
	v->layout_width = avail + 2;
	for (size_t i = 0; i < n; i++)
		if (c[i].flags & COL_FLEX)
			flex = (int)i;
	/* What codes and sums shown whole take beyond their table's width
	 * comes out of the name first, so that a long code does not push
	 * a date off the screen. */
	for (size_t i = 0; flex >= 0 && i < n; i++)
		if ((c[i].flags & COL_FIT) && want[i] > c[i].width &&
		    want[flex] > FLEX_YIELDS) {
			int give = want[i] - c[i].width;

			if (give > want[flex] - FLEX_YIELDS)
				give = want[flex] - FLEX_YIELDS;
			want[flex] -= give;
		}
	/* Drop the least important columns while the rest would have to
	 * shrink by more than a few cells; then shrink, least important
	 * first; the flexible column takes what is left. */
	for (;;) {
		int low = -1;

		total = slack = 0;
		for (size_t i = 0; i < n; i++) {
			v->widths[i] = dropped[i] ? 0 : want[i];
			if (dropped[i])
				continue;
			total += want[i] + (total ? 1 : 0);
			if ((int)i != flex)
				slack += want[i] - least[i];
			if (!(c[i].flags & COL_KEEP) && (int)i != flex &&
			    (low < 0 || c[i].priority < c[low].priority))
				low = (int)i;
		}
		/* A few cells are found by shrinking; more, by dropping. */
		if (low < 0 || total <= avail ||
		    (total - slack <= avail && total - avail <= SHRINK_MAX))
			break;
		/* A sum shown whole stays while the name can give way to it. */
		if ((c[low].flags & COL_FIT) && flex >= 0 &&
		    total - slack - (want[flex] - FLEX_LEAST) <= avail)
			break;
		dropped[low] = true;
	}
	for (int p = 0; p <= 100 && total > avail; p++)
		for (size_t i = 0; i < n && total > avail; i++) {
			int give = v->widths[i] - least[i];

			if (c[i].priority != p || (int)i == flex || dropped[i])
				continue;
			if (give > total - avail)
				give = total - avail;
			if (give > 0) {
				v->widths[i] -= give;
				total -= give;
			}
		}
	/* Still too wide (a long code, a large sum shown whole): the
	 * flexible column gives way, down to a few cells. */
	if (flex >= 0 && total > avail) {
		int give = v->widths[flex] - FLEX_LEAST;

		if (give > total - avail)
			give = total - avail;
		if (give > 0) {
			v->widths[flex] -= give;
			total -= give;
		}
	}
	/* On a wide screen, once the flexible column has a comfortable
	 * width, the columns with room to grow share half of the rest. */
	spare = avail - total;
	if (flex >= 0 && v->widths[flex] < FLEX_COMFORT)
		spare -= FLEX_COMFORT - v->widths[flex];
	spare /= 2;
	for (size_t i = 0; i < n && spare > 0; i++) {
		int grow = most[i] - v->widths[i];

		if (dropped[i] || (int)i == flex || grow <= 0)
			continue;
		if (grow > spare)
			grow = spare;
		v->widths[i] += grow;
		total += grow;
		spare -= grow;
	}
	if (flex >= 0 && total < avail)
		v->widths[flex] += avail - total;
	for (size_t i = n; i < VIEW_MAX_COLUMNS; i++)
		v->widths[i] = 0;
	if (v->ops->laid_out)
		v->ops->laid_out(v);
}

void
view_fit(struct view *v, int col, int width)
{
	if (col < 0 || col >= VIEW_MAX_COLUMNS || width <= v->fit[col])
		return;
	v->fit[col] = width;
	v->refit = true;
}

void
view_fit_reset(struct view *v)
{
	memset(v->fit, 0, sizeof v->fit);
	v->fit_lo = v->fit_hi = 0;
	v->refit = false;
	v->layout_width = 0;
}

/* Measures the COL_FIT cells of rows [first, first + n) not measured
 * since the load: a one-line scroll measures the line that comes in. */
static void
fit_rows(struct view *v, size_t first, size_t n)
{
	const struct column *c;
	size_t ncols = 0, end = first + n < v->rows ? first + n : v->rows;
	bool any = false;

	if (!v->ops->cell || !(c = view_columns(v, &ncols)))
		return;
	for (size_t i = 0; i < ncols && i < VIEW_MAX_COLUMNS; i++)
		any |= (c[i].flags & COL_FIT) != 0;
	if (!any || first >= end)
		return;
	for (size_t row = first; row < end; row++) {
		if (row >= v->fit_lo && row < v->fit_hi)
			continue;
		for (size_t i = 0; i < ncols && i < VIEW_MAX_COLUMNS; i++) {
			char buf[512] = "";
			enum theme_elem elem = TH_NORMAL;

			if (c[i].flags & COL_FIT)
				view_fit(v, (int)i, draw_width(v->ops->cell(v, row, (int)i, buf,
									 sizeof buf, &elem)));
		}
	}
	/* The rows measured: these, with those before when they join. */
	if (v->fit_hi > v->fit_lo && first <= v->fit_hi && end >= v->fit_lo) {
		v->fit_lo = first < v->fit_lo ? first : v->fit_lo;
		v->fit_hi = end > v->fit_hi ? end : v->fit_hi;
	} else {
		v->fit_lo = first;
		v->fit_hi = end;
	}
}

/* ---- Drawing ----------------------------------------------------- */


static void
draw_headings(struct view *v, WINDOW *w, int y)
{
	attr_t attr = theme_attr(&v->ui->theme, TH_HEADING);
	const struct column *c;
	size_t n = 0;
	bool desc = false;
	int sorted = v->ops->sorted ? v->ops->sorted(v, &desc) : -1;
	bool first = true;

	c = view_columns(v, &n);
	wmove(w, y, 0);
	draw_spaces(w, 1, attr);
	for (size_t i = 0; i < n && i < VIEW_MAX_COLUMNS; i++) {
		char title[128];

		if (!v->widths[i])
			continue;
		if (!first)
			draw_spaces(w, 1, attr);
		first = false;
		/* gettext("") is the catalogue's header, not an empty title. */
		snprintf(title, sizeof title, "%s%s", c[i].title[0] ? _(c[i].title) : "",
			 (int)i == sorted ? (desc ? " ▼" : " ▲") : "");
		draw_text(w, title, v->widths[i], attr,
			  DRAW_PAD | ((c[i].flags & COL_RIGHT) ? DRAW_RIGHT : 0));
	}
	draw_to_eol(w, attr);
}

void
view_draw_head(struct view *v)
{
	struct ui *ui = v->ui;
	WINDOW *w = ui->head;
	char left[512] = "", right[512] = "";
	int width = getmaxx(w), rw, x = 0;

	if (v->layout_width != getmaxx(ui->body))
		view_layout(v);
	if (v->ops->title)
		v->ops->title(v, left, sizeof left, right, sizeof right);
	wmove(w, 0, 0);
	if (ui->read_only)
		x += draw_text(w, ui->file_gone ? _(" FILE GONE: NOT SAVING ")
						: _(" READ-ONLY "), width / 3,
			       theme_attr(&ui->theme, TH_READONLY), 0);
	draw_spaces(w, 1, theme_attr(&ui->theme, TH_TITLE));
	x++;
	rw = draw_width(right);
	if (rw > width - x - 10)
		rw = width - x - 10;
	draw_text(w, left, width - x - rw - (rw ? 3 : 1),
		  theme_attr(&ui->theme, TH_TITLE), 0);
	draw_to_eol(w, theme_attr(&ui->theme, TH_TITLE));
	if (rw > 0)
		draw_text_at(w, 0, width - rw - 1, right, rw,
			     theme_attr(&ui->theme, TH_FILTER), 0);
	if (v->ops->draw_head)
		v->ops->draw_head(v, w, 1);
	if ((v->ops->columns || v->ops->fixed_columns) && ui->head_lines > 1)
		draw_headings(v, w, ui->head_lines - 1);
	else if (!v->ops->draw_head) {
		wmove(w, 1, 0);
		draw_to_eol(w, theme_attr(&ui->theme, TH_NORMAL));
	}
}

static void
draw_row(struct view *v, WINDOW *w, int y, size_t row)
{
	const struct theme *t = &v->ui->theme;
	bool sel = row == v->sel && view_has_selection(v);
	attr_t base = theme_attr(t, sel ? TH_SELECTED : TH_NORMAL);
	attr_t prev = base;
	bool lit = sel;
	int lit_cells = 0;
	const struct column *c;
	size_t n = 0;
	bool first = true;

	wmove(w, y, 0);
	if (row >= v->rows) {
		wattrset(w, theme_attr(t, TH_NORMAL));
		wclrtoeol(w);
		return;
	}
	if (v->ops->draw_row && v->ops->draw_row(v, w, y, row, sel))
		return;
	if (!v->ops->cell) {
		wattrset(w, theme_attr(t, TH_NORMAL));
		wclrtoeol(w);
		return;
	}
	c = view_columns(v, &n);
	draw_text(w, sel ? ">" : " ", 1, base, DRAW_PAD);
	for (size_t i = 0; i < n && i < VIEW_MAX_COLUMNS; i++) {
		char buf[512];
		enum theme_elem elem = TH_NORMAL;
		const char *text;
		attr_t attr = base;
		int cw;

		if (!v->widths[i])
			continue;
		buf[0] = '\0';
		text = v->ops->cell(v, row, (int)i, buf, sizeof buf, &elem);
		/* The selection shows on the marker and the first column
		 * (through a one-cell mark such as the deadlines' "!"), as
		 * on the timeline: moving it rewrites those cells, not whole
		 * rows (a one-line scroll at 100 columns writes 190 bytes,
		 * not 270). */
		if (lit && lit_cells > 2) {
			lit = false;
			base = theme_attr(t, TH_NORMAL);
		}
		attr = elem != TH_NORMAL ? theme_attr(t, elem) | (lit ? A_REVERSE : 0) : base;
		cw = draw_width(text);
		lit_cells += v->widths[i];
		/* The blank between two cells of one colour in that colour
		 * when it looks the same: "! 24.1.2017" in red costs no
		 * change of attributes and back. */
		if (!first)
			draw_spaces(w, 1, attr == prev && draw_blank_alike(attr, base)
				    ? attr : base);
		first = false;
		/* The padding in the row's own attribute: blanks that the
		 * terminal can skip rather than be sent. */
		if ((c[i].flags & COL_RIGHT) && cw < v->widths[i])
			draw_spaces(w, v->widths[i] - cw, base);
		cw = draw_text(w, text, v->widths[i], attr, 0);
		prev = cw < v->widths[i] && !(c[i].flags & COL_RIGHT) ? base : attr;
		if (!(c[i].flags & COL_RIGHT) && cw < v->widths[i])
			draw_spaces(w, v->widths[i] - cw, base);
	}
	draw_to_eol(w, base);
}

void
view_draw_body(struct view *v)
{
	WINDOW *w = v->ui->body;
	int h = getmaxy(w), width = getmaxx(w);
	long d;

	if (v->ops->fetch && v->rows)
		v->ops->fetch(v, v->top, (size_t)h);
	fit_rows(v, v->top, (size_t)h);
	/* A wider code or sum came on screen: a new layout, under headings
	 * (and a title: the timeline's years) drawn again. */
	if (v->refit) {
		v->refit = false;
		v->layout_width = 0;
		view_draw_head(v);
		v->full = true;
	}
	if (v->layout_width != width)
		view_layout(v);
	d = (long)v->top - (long)v->drawn_top;
	if (!v->drawn || v->full || width != v->drawn_width ||
	    h != v->drawn_height || d >= h || -d >= h) {
		for (int y = 0; y < h; y++)
			draw_row(v, w, y, v->top + (size_t)y);
	} else {
		if (d) {
			/* A terminal scroll plus the lines that came in. */
			scrollok(w, TRUE);
			wscrl(w, (int)d);
			scrollok(w, FALSE);
			if (d > 0)
				for (int y = h - (int)d; y < h; y++)
					draw_row(v, w, y, v->top + (size_t)y);
			else
				for (int y = 0; y < -d; y++)
					draw_row(v, w, y, v->top + (size_t)y);
		}
		if (v->drawn_sel >= v->top && v->drawn_sel < v->top + (size_t)h)
			draw_row(v, w, (int)(v->drawn_sel - v->top), v->drawn_sel);
		if (v->sel >= v->top && v->sel < v->top + (size_t)h)
			draw_row(v, w, (int)(v->sel - v->top), v->sel);
	}
	v->drawn = true;
	v->full = false;
	v->drawn_top = v->top;
	v->drawn_sel = v->sel;
	v->drawn_width = width;
	v->drawn_height = h;
}

/* One footer item, "key:label", into buf; false when the action has no
 * key here or is not for this session. */
static bool
foot_item(struct view *v, enum action a, char *key, size_t ksize,
	  const char **label)
{
	struct ui *ui = v->ui;
	const struct action_info *ai = action_info(a);
	int k = keymap_first_key(&ui->keymap, v->ops->name, a);
	char name[32];

	if (!k || (ui->read_only && (ai->flags & NEEDS_WRITABLE)))
		return false;
	snprintf(key, ksize, "%s", key_display(k, name, sizeof name));
	*label = _(ai->label);
	return true;
}

void
view_draw_foot(struct view *v)
{
	struct ui *ui = v->ui;
	WINDOW *w = ui->foot;
	int width = getmaxx(w) - 2, used = 0, last_w = 0, n = 0;
	attr_t kattr = theme_attr(&ui->theme, TH_FOOTER_KEY);
	attr_t lattr = theme_attr(&ui->theme, TH_FOOTER);
	const enum action *a = v->ops->footer;
	char key[32];
	const char *label;

	/* The last item (quit or back) always shows; the others as many as
	 * fit, in the order of importance the view gives. */
	while (a && a[n] != ACT_NONE)
		n++;
	if (n && foot_item(v, a[n - 1], key, sizeof key, &label))
		last_w = draw_width(key) + 1 + draw_width(label) + 1;
	wmove(w, 0, 0);
	draw_spaces(w, 1, lattr);
	for (int i = 0; i < n; i++) {
		int need;

		if (!foot_item(v, a[i], key, sizeof key, &label))
			continue;
		need = draw_width(key) + 1 + draw_width(label) + 1;
		if (i < n - 1 && used + need + last_w > width)
			continue;
		used += need;
		draw_text(w, key, need, kattr, 0);
		draw_text(w, ":", 1, lattr, 0);
		draw_text(w, label, need, lattr, 0);
		draw_spaces(w, 1, lattr);
	}
	draw_to_eol(w, lattr);
}

void
view_status_line(struct view *v, char *buf, size_t size)
{
	buf[0] = '\0';
	if (v->ops->status)
		v->ops->status(v, buf, size);
}

bool
view_cursor(const struct view *v, int *y)
{
	if (!view_has_selection(v) || v->sel < v->top ||
	    v->sel >= v->top + (size_t)view_height(v))
		return false;
	*y = (int)(v->sel - v->top);
	return true;
}
