/* SPDX-License-Identifier: EUPL-1.2 */
/* live.h — one session among others on the same database.
 *
 * On a shared server several people run salkku at once, each its own
 * process on one SQLite file.  The loop calls live_poll about twice a
 * second.  It compares model_data_version with what it saw last: when
 * another process has committed, every view reloads when it is next
 * painted (keeping its selection by uuid, its search and the filter)
 * and the open modals look again at the records they hold a copy of
 * (modal_ops.recheck), which is how a form learns that its record was
 * changed meanwhile.
 *
 * Every LIVE_BEAT_S seconds, and at once when the project on screen
 * changes, the session tells the others which project it looks at
 * (model_presence_touch) and reads who else looks at the same one.
 * Presence is a courtesy: its errors (a read-only file, a database
 * without the table, a busy one) are ignored quietly, m->err is left as
 * it was, and after a heartbeat that failed or took longer than
 * LIVE_SLOW_S the next waits LIVE_RETRY_S. */
#ifndef SALKKU_UI_LIVE_H
#define SALKKU_UI_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/base/query.h"
#include "src/base/record.h"

struct ui;

#define LIVE_BEAT_S 5
#define LIVE_RETRY_S 15
#define LIVE_SLOW_S 0.5
#define LIVE_OTHERS_MAX 16

struct live {
	int64_t data_version;         /* as last seen; -1 before the first */
	double next_beat;             /* monotonic seconds */
	bool backoff;                 /* the last beat failed or waited */
	bool started;
	char target[UUID_LEN + 1];    /* the project told to the others */
	struct presence others[LIVE_OTHERS_MAX];  /* on target, oldest first */
	size_t nothers;
	double wait_shown;            /* when the wait line was last drawn */
	char writers[256];            /* who else is here, during a wait */
	bool importing;               /* the wait is for another's import */
	char importer[64];            /* whose */
};

/* The model's wait hook (model_set_wait_hook): while a save waits for
 * another session's write lock, the status line says so, with who is
 * importing (an import commits in slices, each holding the lock a
 * moment) or else who else has the database open, and the screen still answers C-l (redraw) and
 * Esc (stop waiting: the save fails as busy and nothing is written). */
bool live_waiting(void *ui, int64_t waited_ms);

/* Reads the data version; the first heartbeat, saying that this session
 * is here, is due at once (live_beat after the first frame). */
void live_start(struct ui *ui);

/* The periodic check (see above). */
void live_poll(struct ui *ui);

/* Only the heartbeat, when it is due: after each frame of the loop (the
 * first tells the others this session is here), and for waits outside
 * the loop (an external editor), so that the others still see this
 * session. */
void live_beat(struct ui *ui);

/* Says that this session is leaving (on quitting). */
void live_stop(struct ui *ui);

/* The project this session looks at: the top modal's that names one,
 * else the view's; NULL when none. */
const char *live_target(struct ui *ui);

/* "Also open: mvirtanen (2 min), lkorhonen (<1 min)": the others on
 * project_uuid, each login once with its longest stay; "" when nobody
 * (or when project_uuid is not the project last told). */
void live_others_text(struct ui *ui, const char *project_uuid, char *buf,
		      size_t size);

#endif
