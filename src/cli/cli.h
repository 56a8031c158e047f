/* SPDX-License-Identifier: EUPL-1.2 */
/* cli.h — what the files of the command line share.
 *
 * Commands are data: each file exports handlers, and tables of
 * struct cli_command (name, handler, usage, summary, help) say which
 * word runs which; cli.c dispatches the first word, group handlers
 * ("org", "role", ...) dispatch the second through cli_dispatch().
 * A handler returns the process exit status (an enum err_code) and has
 * printed any error itself, through cli_report() or cli_fail(). */
#ifndef SALKKU_CLI_H
#define SALKKU_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>

#include "cli_output.h"
#include "src/base/format.h"
#include "src/core/frontend.h"
#include "src/core/locate.h"
#include "src/core/model.h"

struct cli {
	struct model m;
	bool opened;
	bool read_only;          /* --read-only */
	const char *db_option;   /* --db PATH, or NULL */
	char *path;              /* the database path in use; owned */
	enum db_source path_source;  /* where that path was said */
	char *path_config;       /* the config file that said it, or NULL; owned */
	ui_run_fn ui_run;
	enum fmt_style style;    /* people's dates and money */
	bool charset_ready;      /* cli_charset_setup() has run */
};

struct cli_command;

typedef int (*cli_handler)(struct cli *c, const struct cli_command *cmd,
			   int argc, char **argv);

enum cli_command_flags {
	CMD_WRITES = 1 << 0,  /* refused under --read-only */
	CMD_SCREEN = 1 << 1,  /* opens the terminal interface */
};

struct cli_command {
	const char *name;     /* the word typed: "list", "add" */
	cli_handler run;
	const char *usage;    /* after "salkku ": "org add NAME [FIELD=VALUE]..." */
	const char *summary;  /* N_(): one line for --help */
	const char *help;     /* N_(): the options, one per line, or NULL */
	unsigned flags;
};

/* Runs the command of table named by argv[0] (argv[0] is the word after
 * group, or the command itself at the top where group is NULL).  With
 * no word, or --help, lists the table.  Resets getopt for the handler,
 * whose argv[0] is the command word. */
int cli_dispatch(struct cli *c, const char *group,
		 const struct cli_command *table, size_t n,
		 int argc, char **argv);

/* ---- Options and arguments ---------------------------------------- */

#define CLI_HELP_OPTION { "help", no_argument, NULL, 'h' }
#define CLI_OPT_STOP (-2)

/* getopt_long for a command.  Returns the next option, -1 after the
 * last, or CLI_OPT_STOP with *rc set after handling --help (0) or a
 * usage error (printed; ERR_USAGE).  shortopts need not include 'h'. */
int cli_getopt(const struct cli_command *cmd, int argc, char **argv,
	       const char *shortopts, const struct option *longopts,
	       int *rc);

/* Prints "salkku: <message>" and the usage line of cmd to stderr;
 * returns ERR_USAGE. */
int cli_usage(const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ERR_OK when there are between min and max (-1: any) positional
 * arguments, else a usage error naming what is missing or extra. */
int cli_nargs(const struct cli_command *cmd, int nargs, int min, int max);

/* The options of a deletion: --yes and exactly one argument, which is
 * then argv[optind].  Without --yes, a usage error with the message
 * refusal (a format with one %s, the argument).  Returns ERR_OK or the
 * exit status; *done is set when the command has finished (--help, or
 * an option error) and the caller should return that status. */
int cli_rm_args(const struct cli_command *cmd, int argc, char **argv,
		const char *refusal, bool *done);

/* A whole number in [min, max] given to option opt, else a usage error. */
int cli_number(const struct cli_command *cmd, const char *opt,
	       const char *arg, int64_t min, int64_t max, int64_t *out);

enum cli_format {
	FORMAT_TABLE = 1 << 0,
	FORMAT_TEXT  = 1 << 1,
	FORMAT_CSV   = 1 << 2,
	FORMAT_JSON  = 1 << 3,
	FORMAT_ICS   = 1 << 4,
	FORMAT_XLSX  = 1 << 5,
};

/* Parses --format's argument, one of the formats in allowed. */
int cli_format(const struct cli_command *cmd, const char *arg,
	       unsigned allowed, enum cli_format *out);

/* The translated labels of a {NULL}-ended enum table (what a person
 * may type besides the keys), ", "-separated, into buf. */
char *cli_enum_keys(const struct enum_def *enums, char *buf, size_t size);

/* Standard output and error, when they are terminals of a locale whose
 * character set is not UTF-8, become streams that convert to it.  Not
 * for the terminal interface, which curses converts itself. */
void cli_charset_setup(struct cli *c);

/* Prints a message to standard output, sanitised as a whole (it may
 * quote stored text), newline-terminated. */
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- The database and errors -------------------------------------- */

/* The database path in use (locate.h says which).  NULL after an error,
 * which has been printed. */
const char *cli_db_path(struct cli *c);

/* Opens the database once (create: make it when missing).  Errors are
 * printed. */
int cli_open(struct cli *c, bool create);

/* Prints c->m.err as "salkku: field: message" (sanitised; a conflict
 * with who saved which version when) when rc is not ERR_OK; returns
 * rc. */
int cli_report(struct cli *c, int rc);

/* Sets c->m.err, prints it as cli_report() does and returns code. */
int cli_fail(struct cli *c, enum err_code code, const char *field,
	     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* ---- Records ------------------------------------------------------ */

/* The project with this code or uuid; errors printed. */
int cli_project(struct cli *c, const char *code, struct record **out);

/* The organisation with this uuid, short name or name; errors printed. */
int cli_organisation(struct cli *c, const char *text, struct record **out);

/* True for "field=value": a field's name or its translated label (a
 * word of letters, digits, '_' and '-'), then '='. */
bool cli_is_assignment(const char *arg);

/* model_assign() for each of the n assignments; errors printed. */
int cli_assign(struct cli *c, struct record *rec, int n, char **assignments);

/* The record of def belonging to project that `which` names: its
 * 1-based number in `salkku show` order, or its uuid. */
/* One field set from an argument or option; input NULL leaves it. */
struct input {
	int field;
	const char *input;
};

/* `X set CODE N|UUID FIELD=VALUE... [--if-version V]` (in[] set first)
 * and, with remove, `X rm CODE N|UUID`, of kind's records (cli_edit.c). */
int cli_child_change(struct cli *c, const struct cli_command *cmd,
		     enum entity_kind kind, int argc, char **argv, bool remove,
		     const struct input *in, size_t nin);

/* outcome list (cli_report.c). */
int cli_cmd_outcome_list(struct cli *c, const struct cli_command *cmd,
			 int argc, char **argv);

int cli_child(struct cli *c, const struct entity_def *def,
	      const struct record *project, const char *which,
	      struct record **out);

/* ---- Values for people (cli_show.c) ------------------------------- */

/* A value in the form people read: dates and money in c->style, enum
 * labels translated, references as short names.  Newly allocated and
 * not yet sanitised; NULL for a null value. */
char *cli_value(struct cli *c, const struct field_def *fd,
		const struct value *v);

/* As cli_value, for a value in storage form written as text (the
 * change log's old and new values). */
char *cli_stored_value(struct cli *c, const struct field_def *fd,
		       const char *stored);

/* Writes rec as a JSON object: uuid, version, updated_at, updated_by and
 * every field in storage form (money in cents, dates ISO; references
 * as uuid plus "<field>_label").  The owning project's reference is
 * left out when skip_project. */
void cli_json_record(struct cli *c, struct json_out *j,
		     const struct record *rec, bool skip_project);

/* Prints every field of rec that has a value as "Label  value" lines,
 * then its version, last change and uuid. */
void cli_print_fields(struct cli *c, const struct record *rec);

/* An ISO UTC time stamp in local time, "12.12.2023 11.41", into buf
 * (format_when). */
char *cli_when(struct cli *c, char *buf, size_t size, const char *iso);

/* What a deadline due on `due` (ISO) means today: "done 1.12.2023",
 * "done 5.12.2023, 4 days late", "cancelled 1.12.2023", "overdue 3
 * days", "today", "in 5 days"; into buf.  *overdue tells whether it is
 * past and still open. */
char *cli_deadline_state(struct cli *c, char *buf, size_t size,
			 const char *due, bool done, const char *done_date,
			 const char *cancelled_date, bool *overdue);

/* Reads standard input, whole, less the newlines that end it, into
 * *out (the caller frees) as the value of field.  Text with a NUL byte
 * (which would cut it short) is refused: ERR_INVALID naming field and
 * the byte.  ERR_OK, or an error reported as cli_fail() does. */
int cli_read_stdin(struct cli *c, const char *field, char **out);

/* Defines the handler fn of a command group: it dispatches the word
 * after the group's name through table. */
#define CLI_GROUP(fn, group, table) \
	int \
	fn(struct cli *c, const struct cli_command *cmd, int argc, char **argv) \
	{ \
		(void)cmd; \
		return cli_dispatch(c, group, table, \
				    sizeof table / sizeof table[0], \
				    argc - 1, argv + 1); \
	}

/* ---- The handlers ------------------------------------------------- */

int cli_cmd_list(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_deadline_list(struct cli *, const struct cli_command *, int,
			  char **);
int cli_cmd_show(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_add(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_set(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_rm(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_status(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_role(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_access(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_funding(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_deadline(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_remind(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_note(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_outcome(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_org(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_init(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_demo(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_export(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_report(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_import(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_check(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_backup(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_restore(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_log(struct cli *, const struct cli_command *, int, char **);
int cli_cmd_complete(struct cli *, const struct cli_command *, int, char **);

/* Opens the TUI on the database (created when missing). */
int cli_run_tui(struct cli *c);

#endif
