/* SPDX-License-Identifier: EUPL-1.2 */
/* import.h — importing an exchange file from the terminal interface.
 *
 * Asks for the file, tries the import without writing, and when records
 * changed both here and in the file, shows each on the conflict screen
 * (conflict_open_import) to keep ours or take the file's; then imports
 * with the sides chosen, in one transaction.  Esc on any of them
 * imports nothing. */
#ifndef SALKKU_UI_IMPORT_H
#define SALKKU_UI_IMPORT_H

struct ui;

void import_start(struct ui *ui);

#endif
