/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_main.h — where main() hands over to the command line. */
#ifndef SALKKU_CLI_MAIN_H
#define SALKKU_CLI_MAIN_H

#include "src/core/frontend.h"

/* The command line: parses argv, runs one command (or, with none, the
 * TUI through ui_run) and returns the process exit status (error.h). */
int cli_main(int argc, char **argv, ui_run_fn ui_run);

#endif
