/* SPDX-License-Identifier: EUPL-1.2 */
/* conf.h — the config file, salkku(5).  (Not "config.h": that name is
 * the build's, and a header beside the sources would shadow it.)
 *
 *   # a comment
 *   set start-screen deadlines
 *   set mouse off
 *   set colors off
 *   set deadline-days 90
 *   bind projects x project-new
 *   bind generic <C-n> move-down
 *   unbind generic <Space>
 *   color status.active green default bold
 *
 * A bad line is reported as "file:line: problem" and the rest applies. */
#ifndef SALKKU_UI_CONF_H
#define SALKKU_UI_CONF_H

#include <stddef.h>

struct ui;

/* Reads path (NULL: the user's, config_user_path(), which may be missing) into ui->theme,
 * ui->keymap and ui->settings.  The first problem goes into first (as
 * "file:line: problem"); returns how many problems there were. */
int config_load(struct ui *ui, const char *path, char *first, size_t size);

#endif
