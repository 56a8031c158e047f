/* SPDX-License-Identifier: EUPL-1.2 */
/* ui.c — the terminal UI's entry point and its loop.
 *
 * One way for a key: wget_wch → key_normalise → keymap_lookup (the
 * screen's scope, then generic) → the action's preconditions → the
 * view's handler, the common list handler, the global one.  Handlers
 * change state and set dirty flags; the loop paints every window with
 * wnoutrefresh and calls doupdate() once per frame.
 *
 * Signals only set a flag (no curses in a handler); ncurses delivers a
 * resize as KEY_RESIZE.  Every 500 ms, between keys or after them,
 * comes the periodic check (ui_poll): what other sessions committed
 * and who else is here (live.c).  The terminal is restored on every
 * way out: a quit, SIGTERM/SIGHUP/SIGINT (the flag ends the loop; a
 * form half filled is dropped, never saved), a terminal that hung up
 * without a signal, and exit() from anywhere (the atexit die hook). */
#include "config.h"

#include "ui.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "src/base/clock.h"
#include "src/base/i18n.h"
#include "src/core/model.h"
#include "app.h"
#include "conf.h"
#include "draw.h"
#include "terminal.h"
#include "view.h"

#define MIN_LINES 24
#define MIN_COLS 80
#define POLL_MS 500

/* The only mutable globals of the UI, and why: a signal handler can
 * reach nothing else, and the atexit hook takes no argument. */
static volatile sig_atomic_t leave_signal;
static bool curses_on;

static void
on_signal(int sig)
{
	leave_signal = sig;
}

bool
ui_interrupted(void)
{
	return leave_signal != 0;
}

/* The die hook: whatever ends the process, the terminal is restored. */
static void
restore_terminal(void)
{
	if (curses_on && !isendwin())
		endwin();
	curses_on = false;
}

static void
catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

/* ---- Layout and painting ----------------------------------------- */

static void
delete_windows(struct ui *ui)
{
	WINDOW **wins[] = { &ui->head, &ui->body, &ui->status, &ui->foot };

	for (size_t i = 0; i < sizeof wins / sizeof wins[0]; i++)
		if (*wins[i]) {
			delwin(*wins[i]);
			*wins[i] = NULL;
		}
}

static void
layout(struct ui *ui)
{
	int hl = ui->cur ? ui->cur->ops->head_lines : 2;

	ui->relayout = false;
	getmaxyx(stdscr, ui->lines, ui->cols);
	delete_windows(ui);
	ui->too_small = ui->lines < MIN_LINES || ui->cols < MIN_COLS;
	if (ui->too_small)
		return;
	ui->head_lines = hl;
	ui->head = newwin(hl, ui->cols, 0, 0);
	ui->body = newwin(ui->lines - hl - 2, ui->cols, hl, 0);
	ui->status = newwin(1, ui->cols, ui->lines - 2, 0);
	ui->foot = newwin(1, ui->cols, ui->lines - 1, 0);
	if (!ui->head || !ui->body || !ui->status || !ui->foot) {
		delete_windows(ui);
		ui->too_small = true;
		return;
	}
	/* Lets doupdate scroll the terminal instead of repainting lines. */
	idlok(ui->body, TRUE);
	for (struct modal *m = ui->modal; m; m = m->below)
		m->ops->layout(m, ui->lines, ui->cols);
	for (int s = 0; s < SCREEN_COUNT; s++)
		if (ui->screens[s]) {
			ui->screens[s]->full = true;
			ui->screens[s]->layout_width = 0;
		}
	for (struct view *v = ui->cur; v; v = v->prev) {
		v->full = true;
		v->layout_width = 0;
	}
	if (ui->cur)  /* keep the selection in sight at the new height */
		view_select(ui->cur, ui->cur->sel);
	ui_touch_all(ui);
}

static void
paint_too_small(struct ui *ui)
{
	char msg[160];
	int y = ui->lines / 2, w;

	werase(stdscr);
	snprintf(msg, sizeof msg, _("Terminal too small: %dx%d; salkku needs %dx%d."),
		 ui->cols, ui->lines, MIN_COLS, MIN_LINES);
	w = draw_width(msg);
	draw_text_at(stdscr, y > 0 ? y - 1 : 0, w < ui->cols ? (ui->cols - w) / 2 : 0,
		     msg, ui->cols, A_BOLD, 0);
	snprintf(msg, sizeof msg, "%s", _("Make the window larger, or press q to quit."));
	w = draw_width(msg);
	draw_text_at(stdscr, y, w < ui->cols ? (ui->cols - w) / 2 : 0, msg,
		     ui->cols, A_NORMAL, 0);
	wnoutrefresh(stdscr);
	doupdate();
}

static void
paint_status(struct ui *ui)
{
	WINDOW *w = ui->status;
	char info[512] = "", others[512] = "";
	const char *text = ui->message;
	enum theme_elem e = ui->message_error ? TH_ERROR : TH_MESSAGE;
	int width = getmaxx(w) - 2, used, rw;

	if (!text[0]) {
		/* Nothing to say: who else is here, and the view's own line
		 * (deadlines, versions). */
		view_status_line(ui->cur, info, sizeof info);
		if (ui->cur->ops->project)
			live_others_text(ui, ui->cur->ops->project(ui->cur), others,
					 sizeof others);
		text = others[0] || ui->cur->ops->status_right ? others : info;
		e = others[0] ? TH_NOTICE : TH_NORMAL;
	}
	wmove(w, 0, 0);
	draw_spaces(w, 1, theme_attr(&ui->theme, TH_NORMAL));
	used = draw_text(w, text, width, theme_attr(&ui->theme, e), 0);
	draw_to_eol(w, theme_attr(&ui->theme, TH_NORMAL));
	if (text == info || !info[0])
		return;
	/* The view's line at the right end, in what is left. */
	rw = draw_width(info);
	if (rw > width - used - 3)
		rw = width - used - 3;
	if (rw > 0)
		draw_text_at(w, 0, 1 + width - rw, info, rw,
			     theme_attr(&ui->theme, TH_NORMAL), 0);
}

/* Says at once what a long task is doing (the loop paints only between
 * keys, and a report of a large portfolio takes seconds): on the status
 * line, until the next frame paints it again. */
void
ui_working(struct ui *ui, const char *text)
{
	WINDOW *w = ui->status;

	if (!w || ui->too_small)
		return;
	wmove(w, 0, 0);
	draw_spaces(w, 1, theme_attr(&ui->theme, TH_NORMAL));
	draw_text(w, text, getmaxx(w) - 2, theme_attr(&ui->theme, TH_NOTICE), 0);
	draw_to_eol(w, theme_attr(&ui->theme, TH_NORMAL));
	wnoutrefresh(w);
	doupdate();
	ui->dirty_status = true;
}

static void
paint(struct ui *ui)
{
	struct view *v;
	int y;

	if (ui->relayout)
		layout(ui);
	if (ui->too_small) {
		paint_too_small(ui);
		return;
	}
	v = ui->cur;
	view_refresh(v);
	if (ui->dirty_head)
		view_draw_head(v);
	view_draw_body(v);
	if (ui->dirty_status)
		paint_status(ui);
	if (ui->dirty_foot)
		view_draw_foot(v);
	ui->dirty_head = ui->dirty_status = ui->dirty_foot = false;
	wnoutrefresh(ui->head);
	wnoutrefresh(ui->body);
	wnoutrefresh(ui->status);
	wnoutrefresh(ui->foot);

	/* Modals, bottom first, over the views. */
	struct modal *stack[16];
	int n = 0;

	for (struct modal *m = ui->modal; m && n < 16; m = m->below)
		stack[n++] = m;
	while (n-- > 0) {
		struct modal *m = stack[n];

		if (!m->win)
			continue;
		m->cur_y = m->cur_x = -1;
		m->ops->draw(m);
		touchwin(m->win);
		wnoutrefresh(m->win);
		m->dirty = false;
	}
	/* The terminal cursor where the eye is, for screen readers too:
	 * the input in focus, else the selected row. */
	if (ui->modal && ui->modal->win && ui->modal->cur_y >= 0) {
		wmove(ui->modal->win, ui->modal->cur_y, ui->modal->cur_x);
		wnoutrefresh(ui->modal->win);
		curs_set(1);
	} else if (!ui->modal && view_cursor(v, &y)) {
		wmove(ui->body, y, 0);
		wnoutrefresh(ui->body);
		curs_set(1);
	} else {
		curs_set(0);
	}
	doupdate();
}

/* ---- Keys -------------------------------------------------------- */

static enum action_result
global_action(struct ui *ui, enum action a)
{
	struct view *help;

	switch (a) {
	case ACT_QUIT:
		return ui_pop_view(ui) ? AR_OK : AR_QUIT;
	case ACT_BACK:
		return ui_pop_view(ui) ? AR_OK : AR_NOOP;
	case ACT_HELP:
		if (ui->cur->ops == &help_view_ops)
			return AR_NOOP;
		help = view_new(ui, &help_view_ops, ui->cur->ops->name);
		if (!help)
			return AR_ERROR;
		ui_push_view(ui, help);
		return AR_OK;
	case ACT_REDRAW:
		/* Every row drawn again from what the view holds, not only
		 * the terminal repainted from curses' copy of it. */
		ui->cur->full = true;
		clearok(curscr, TRUE);
		ui_touch_all(ui);
		return AR_OK;
	case ACT_SCREEN_PROJECTS:  ui_show_screen(ui, SCREEN_PROJECTS); return AR_OK;
	case ACT_SCREEN_ORGS:      ui_show_screen(ui, SCREEN_ORGS); return AR_OK;
	case ACT_SCREEN_DEADLINES: ui_show_screen(ui, SCREEN_DEADLINES); return AR_OK;
	case ACT_SCREEN_TIMELINE:  ui_show_screen(ui, SCREEN_TIMELINE); return AR_OK;
	case ACT_SCREEN_REPORT:    ui_show_screen(ui, SCREEN_REPORT); return AR_OK;
	case ACT_SCREEN_NEXT:
		ui_show_screen(ui, (enum main_screen)((ui->screen + 1) % SCREEN_COUNT));
		return AR_OK;
	case ACT_SCREEN_PREV:
		ui_show_screen(ui, (enum main_screen)((ui->screen + SCREEN_COUNT - 1) % SCREEN_COUNT));
		return AR_OK;
	case ACT_UNDO:
		return change_undo(ui) ? AR_ERROR : AR_OK;
	default:
		return AR_UNHANDLED;
	}
}

static void
dispatch(struct ui *ui, enum action a)
{
	const struct action_info *ai = action_info(a);
	struct view *v = ui->cur;
	enum action_result r;

	/* Keys typed ahead may come before the view was painted: it must
	 * hold what it shows before it acts on it. */
	view_refresh(v);
	if ((ai->flags & NEEDS_WRITABLE) && !ui_check_writable(ui))
		return;
	if ((ai->flags & NEEDS_SELECTION) && !view_has_selection(v)) {
		ui_message(ui, "%s", _("Nothing is selected"));
		return;
	}
	r = v->ops->handle ? v->ops->handle(v, a) : AR_UNHANDLED;
	if (r == AR_UNHANDLED)
		r = view_handle(v, a);
	if (r == AR_UNHANDLED)
		r = global_action(ui, a);
	if (r == AR_UNHANDLED)
		ui_message(ui, _("%s: not on this screen (? shows the keys)"),
			   _(ai->help));
	if (r == AR_QUIT)
		ui->quit = true;
	ui->dirty_head = ui->dirty_foot = true;
}

static void
handle_mouse(struct ui *ui)
{
	MEVENT ev;

	if (getmouse(&ev) != OK || ui->modal || ui->too_small)
		return;
	view_refresh(ui->cur);
	if (view_mouse(ui->cur, ev.y, ev.x, ev.bstate) == AR_UNHANDLED)
		dispatch(ui, ACT_OPEN);
	ui->dirty_head = true;
}

static void
handle_key(struct ui *ui, int key)
{
	enum action a;

	if (ui->message[0]) {  /* a message stays until the next key */
		ui->message[0] = '\0';
		ui->dirty_status = true;
	}
	if (ui->too_small) {
		if (key == 'q' || key == KEY_ESCAPE)
			ui->quit = true;
		return;
	}
	if (ui->modal) {
		struct modal *m = ui->modal;

		if (m->ops->key(m, key))
			ui_modal_close(ui, m);
		ui->dirty_head = ui->dirty_status = true;
		return;
	}
	a = keymap_lookup(&ui->keymap, ui->cur->ops->name, key);
	if (a == ACT_NONE) {
		char name[32];

		ui_message(ui, _("%s does nothing here (? shows the keys)"),
			   key_display(key, name, sizeof name));
		return;
	}
	dispatch(ui, a);
}

/* The periodic check.  Today rolls over at midnight: what is overdue
 * changes with it.  Other sessions commit and come and go. */
static void
ui_poll(struct ui *ui)
{
	char today[11], clock_day[11];

	model_today(ui->m, today);
	format_today(clock_day);
	if (strcmp(today, ui->today) || strcmp(clock_day, ui->clock_day)) {
		memcpy(ui->today, today, sizeof ui->today);
		memcpy(ui->clock_day, clock_day, sizeof ui->clock_day);
		ui_data_changed(ui);
	}
	live_poll(ui);
}

/* A terminal gone without a SIGHUP (the ssh link dropped and the
 * signal lost, stdin closed): reads fail at once, and the loop would
 * spin.  It is a hang-up all the same. */
static void
check_terminal(void)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	if (poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)))
		leave_signal = SIGHUP;
}

/* Reads one key, waiting at most ms, and acts on it; false when none
 * came. */
static bool
read_key(struct ui *ui, int ms)
{
	wint_t wch;
	int st;

	wtimeout(ui->input, ms);
	st = wget_wch(ui->input, &wch);
	if (st == ERR)
		return false;
	if (st == KEY_CODE_YES && wch == KEY_RESIZE)
		ui->relayout = true;
	else if (st == KEY_CODE_YES && wch == KEY_MOUSE)
		handle_mouse(ui);
	else
		handle_key(ui, key_normalise(st, wch));
	return true;
}

/* Keys already typed are handled before the screen is painted again, so
 * that a burst of keys costs one frame (and one reload). */
#define TYPEAHEAD_MAX 64

/* A pause in typing this long lets a view do what it put off (a
 * search's count). */
#define SETTLE_MS 500

/* The first word searched for loads Voikko and Snowball (3-4 ms) and
 * brings the index up to date.  Done once the prompt is on the screen
 * and before its first letter, which would wait for them otherwise;
 * not at the start, which would hold their 7 MB in every session that
 * never searches.  Letters already typed go first (a paste), and a
 * prompt closed meanwhile loads nothing. */
static void
search_warm_up(struct ui *ui)
{
	if (!ui->search_coming)
		return;
	ui->search_coming = false;
	if (ui->modal && !terminal_key_waiting())
		model_search_ready(ui->m);
}

/* After a frame, while no key waits, the view reads what the next
 * page move would read (ops->read_ahead), and gives up for a key typed
 * meanwhile (key_waiting).  Not while a search is typed, whose rows the
 * next letter changes, nor under a dialog. */
static void
read_ahead(struct ui *ui)
{
	struct view *v = ui->cur;

	if (!v || !v->ops->read_ahead || ui->too_small || ui->modal ||
	    v->typing || terminal_key_waiting())
		return;
	ui->reading_ahead = true;
	v->ops->read_ahead(v);
	ui->reading_ahead = false;
}

static void
run_loop(struct ui *ui)
{
	long long next_poll = clock_ms() + POLL_MS, last_key = clock_ms();

	while (!ui->quit && !leave_signal) {
		long long wait, now;
		bool settle;

		paint(ui);
		live_beat(ui);
		search_warm_up(ui);
		read_ahead(ui);
		settle = !ui->too_small && ui->cur->unsettled && ui->cur->ops->settle;
		/* The check comes on time even while keys keep coming. */
		now = clock_ms();
		wait = next_poll - now;
		if (settle && last_key + SETTLE_MS - now < wait)
			wait = last_key + SETTLE_MS - now;
		if (wait > 0 && read_key(ui, (int)wait)) {
			for (int n = 0; n < TYPEAHEAD_MAX && !ui->quit && !leave_signal &&
			     read_key(ui, 0); n++)
				;
			last_key = clock_ms();
		} else {
			/* A terminal gone says a key waits: the settling would
			 * give up at once, again and again. */
			check_terminal();
			if (settle && !leave_signal &&
			    clock_ms() >= last_key + SETTLE_MS)
				ui->cur->ops->settle(ui->cur);
		}
		if (clock_ms() >= next_poll && !ui->quit && !leave_signal) {
			ui_poll(ui);
			next_poll = clock_ms() + POLL_MS;
		}
	}
}

/* The model's cancel hook: a key typed (or the terminal gone) while a
 * search is being typed makes the search running for the last letter
 * stale; the loop reads the key and searches again for what is typed
 * then.  The load that ends a search (Enter) is not given up: the keys
 * typed after it act on its rows.  A read ahead gives way to any key. */
static bool
key_waiting(void *arg)
{
	const struct ui *ui = arg;

	if (!ui->cur || !(ui->cur->typing || ui->reading_ahead))
		return false;
	return terminal_key_waiting();
}

/* ---- Setting up -------------------------------------------------- */

/* The title's name of the database: its path (~ for the home folder),
 * and the day it is shown as of when it has one (the demo). */
static char *
db_label(const struct model *m, enum fmt_style fmt)
{
	char *path = strdup(model_path(m)), *out;
	const char *home = getenv("HOME");
	size_t n = home ? strlen(home) : 0;
	char day[40];

	if (path && n > 1 && !strncmp(path, home, n) && path[n] == '/' &&
	    asprintf(&out, "~%s", path + n) >= 0) {
		free(path);
		path = out;
	}
	if (!path || !m->as_of[0])
		return path;
	/* TRANSLATORS: the database's name in the title and the day its
	 * portfolio is shown as of, e.g. "demo.db · as of 15.1.2024". */
	if (asprintf(&out, _("%s · as of %s"), path,
		     format_date(day, sizeof day, m->as_of, fmt)) < 0)
		return path;
	free(path);
	return out;
}

/* A frame should leave in one write(), one packet over ssh.  ncurses
 * (6.4 and later) flushes its output after every cursor movement until
 * the screen has been suspended and resumed once: it takes a screen
 * in its initial state for one driven by a low-level terminfo program.
 * An endwin() before anything is drawn makes the first doupdate()
 * resume it, and from then on each frame is written whole. */
static void
leave_initial_state(void)
{
	endwin();
}

static void
free_ui(struct ui *ui)
{
	while (ui->modal)
		ui_modal_close(ui, ui->modal);
	while (ui_pop_view(ui))
		;
	for (int s = 0; s < SCREEN_COUNT; s++)
		view_free(&ui->screens[s]);
	delete_windows(ui);
	if (ui->input)
		delwin(ui->input);
	keymap_free(&ui->keymap);
	undo_log_free(&ui->undo);
	free(ui->filter.funder);
	free(ui->filter.funder_label);
	free(ui->filter.partner);
	free(ui->filter.partner_label);
	free(ui->filter.theme);
	free(ui->db_label);
}

int
ui_run(struct model *m, const struct ui_options *opts)
{
	struct ui ui = { 0 };
	char problem[512];
	int problems;
	SCREEN *scr;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s\n",
			_("salkku: the screens need a terminal; see salkku --help for the commands"));
		return ERR_USAGE;
	}
	if (terminal_check() < 0)
		return ERR_USAGE;
	draw_setup();
	ui.m = m;
	ui.opts = opts;
	ui.read_only = opts->read_only || m->read_only;
	ui.fmt = format_style_from_locale();
	model_today(m, ui.today);
	format_today(ui.clock_day);
	ui.db_label = db_label(m, ui.fmt);
	ui.settings = (struct settings){ .start = SCREEN_PROJECTS, .mouse = true,
					 .deadline_days = 60 };
	ui.filter.sort = SORT_CODE;
	theme_init(&ui.theme);
	if (keymap_init(&ui.keymap) < 0) {
		fprintf(stderr, "salkku: %s\n", _("out of memory"));
		return ERR_FAILED;
	}
	problems = config_load(&ui, opts->config, problem, sizeof problem);

	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, _("salkku: cannot use the terminal “%s”\n"),
			getenv("TERM") ? getenv("TERM") : "");
		free_ui(&ui);
		return ERR_FAILED;
	}
	curses_on = true;
	atexit(restore_terminal);
	catch_signals();
	cbreak();
	noecho();
	nonl();
	set_escdelay(25);
	theme_apply(&ui.theme);
	if (ui.settings.mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	/* Keys are read from a window never drawn in, so that reading
	 * never repaints anything. */
	ui.input = newwin(1, 1, 0, 0);
	untouchwin(ui.input);
	leave_initial_state();
	/* After the endwin(), which turns the keypad's mode off again: set
	 * now, it leaves before the first frame, not with the first read
	 * after it, behind the first presence write and its fsync. */
	keypad(ui.input, TRUE);

	if (problems > 1)
		snprintf(problem + strlen(problem), sizeof problem - strlen(problem),
			 P_(" (and %d more)", " (and %d more)",
			    (unsigned long)(problems - 1)), problems - 1);
	if (problems)
		ui_error(&ui, "%s", problem);
	else if (opts->hint)
		ui_message(&ui, "%s", opts->hint);
	ui.relayout = true;
	ui_show_screen(&ui, ui.settings.start);
	live_start(&ui);
	model_set_wait_hook(m, live_waiting, &ui);
	model_set_cancel(m, key_waiting, &ui);
	if (ui.cur)
		run_loop(&ui);
	model_set_cancel(m, NULL, NULL);
	model_set_wait_hook(m, NULL, NULL);
	/* Whatever is open goes unsaved: a form half filled when the line
	 * dropped is not what anyone meant to keep. */
	free_ui(&ui);
	restore_terminal();
	delscreen(scr);
	live_stop(&ui);
	return leave_signal ? 128 + leave_signal : 0;
}
