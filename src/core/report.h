/* SPDX-License-Identifier: EUPL-1.2 */
/* report.h — the centre's year (or any period) in numbers.
 *
 * report_build() computes every figure once, in one pass through the
 * projects in code order (a project and its records at a time), into a
 * struct of tables; the short ones (key figures, money, the status
 * chart) stay in memory, the long ones (a row per project, line,
 * partner, figure or deadline) go to a temporary table of the database
 * and are read back a window of rows at a time, so that the memory a
 * report takes does not grow with the portfolio.  Each output format is
 * a small writer that only lays those tables out (report_text.c: text
 * and Markdown; report_html.c; report_csv.c; report_xlsx.c).  The CLI
 * and the TUI both show what this computes.
 *
 * Which projects are in the period is the project list's own rule
 * (store_query.c's ACTIVE_SQL: dates, status history, deadlines and
 * funding lines), worked out from each project's records. */
#ifndef SALKKU_REPORT_H
#define SALKKU_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "model.h"
#include "src/base/format.h"

/* What a cell holds. */
enum report_type {
	RT_TEXT,
	RT_MONEY,      /* cents */
	RT_COUNT,      /* a whole number */
	RT_HUNDREDTHS, /* person-years, figures, per cents */
	RT_DATE,       /* ISO text */
	RT_YEAR,
};

struct report_cell {
	enum report_type type;
	bool null;
	int64_t num;
	char *text;     /* owned; RT_TEXT and RT_DATE */
	bool approx;    /* a figure that is not exact: its text says how */
};

/* The tables of a report, in the order they are shown. */
enum report_table_id {
	RTAB_SUMMARY,     /* the key figures */
	RTAB_PROJECTS,    /* projects active in the period */
	RTAB_APPLICATIONS,/* applications made and decisions received */
	RTAB_MONEY,       /* per funder and year, with a total */
	RTAB_COFINANCING, /* own financing of the organisations */
	RTAB_PARTNERS,    /* organisations and how many projects each shares */
	RTAB_PERSON_YEARS,
	RTAB_OUTCOMES,    /* figures against their targets */
	RTAB_DEADLINES,   /* due in the period: on time, late, missed, open */
	RTAB_COMING,      /* open deadlines after the period */
	RTAB_STATUS_YEARS,/* projects by status at the end of each year */
	RTAB_COUNT
};

#define REPORT_MAX_COLUMNS 12

struct report_rows;

struct report_table {
	const char *id;       /* "money": a sheet's and a CSV block's name */
	const char *title;    /* translated */
	size_t ncols;
	const char *headers[REPORT_MAX_COLUMNS];  /* translated */
	enum report_type types[REPORT_MAX_COLUMNS];
	/* The columns a narrow screen leaves out, the least needed first;
	 * 0 ends the list (the first column is always kept). */
	unsigned char spare[REPORT_MAX_COLUMNS];
	struct report_cell *cells;  /* nrows * ncols, or a window of rows */
	size_t nrows, capacity;
	bool has_total;       /* the last row sums the others */
	/* A long table (the projects, their lines, deadlines and figures)
	 * keeps its rows in the database, not in memory: cells then holds
	 * the rows report_cell() last read, a few hundred at a time. */
	struct report_rows *rows;
	/* The widest cell of each column as shown in the report's style
	 * (sanitised, in columns of the terminal), headings left out. */
	int widths[REPORT_MAX_COLUMNS];
};

struct report_options {
	int year;                  /* 0: from/to give the period */
	char from[11], to[11];     /* ISO; "" is open */
	const char *funder;        /* organisation as typed, or NULL */
	const char *centre;        /* organisation as typed, or NULL: the
				    * competence centre in most projects */
	char today[11];            /* "" : today */
	/* Called now and then while the report is computed, with how many
	 * of how many projects are read; returning true abandons it (the
	 * build then fails and the report's cancelled is true).  It is
	 * called from within the database's statements, and must not use
	 * the database.  NULL: it runs to the end. */
	bool (*progress)(void *arg, size_t done, size_t total);
	void *progress_arg;
};

struct report {
	char from[11], to[11];     /* the period, closed */
	int year;                  /* when it is one calendar year */
	char today[11];
	char *centre;              /* its name, or NULL when there is none */
	char *funder;              /* the funder the report is for, or NULL */
	int first_year, last_year; /* of RTAB_STATUS_YEARS */
	bool cancelled;            /* the build was abandoned (progress) */
	enum fmt_style style;      /* the locale's, of the widths */
	struct report_table tables[RTAB_COUNT];
};

/* Computes the report.  Free with report_free() (also after a failure).
 * The long tables are read back from the model's database as they are
 * shown, so that the model must outlive the report, and one report at
 * a time is open on a model. */
int report_build(struct model *m, const struct report_options *opt,
		 struct report *out);

void report_free(struct report *r);

/* The cell at row, col; valid until the next report_cell() of a row
 * of the same table more than a few hundred rows away (a cell that
 * cannot be read back is shown empty). */
const struct report_cell *report_cell(const struct report_table *t,
				      size_t row, size_t col);

/* A cell as people read it in style st ("453 087,00 €", "lähes 4 000",
 * "15.1.2024"); "" for null.  Writes into buf. */
char *report_cell_text(const struct report_cell *c, char *buf, size_t size,
		       enum fmt_style st);

/* The title of the report: "ISO in 2023", "… 1.1.2023–30.6.2023". */
char *report_title(const struct report *r, char *buf, size_t size,
		   enum fmt_style st);

enum report_format {
	RF_TEXT, RF_MARKDOWN, RF_HTML, RF_CSV, RF_XLSX,
};

/* CSV dialects: RFC 4180 with ISO numbers, or what Finnish Excel opens
 * by a double click (';', a UTF-8 BOM, decimal commas). */
enum csv_dialect { CSV_PLAIN, CSV_EXCEL_FI };

/* Writers.  Text and Markdown use st for numbers and dates; HTML the
 * locale's.  report_write_xlsx writes the file at path (it needs a
 * seekable file of its own); ERR_INVALID when salkku was built without
 * xlsx. */
int report_write_text(const struct report *r, FILE *out, bool markdown,
		      enum fmt_style st);
int report_write_html(const struct report *r, FILE *out, enum fmt_style st);
int report_write_csv(const struct report *r, FILE *out,
		     enum csv_dialect dialect);
int report_write_xlsx(const struct report *r, const char *path,
		      struct error *err);

/* One table alone, as report_write_text() and report_write_csv() lay
 * each out (without its title in CSV). */
int report_write_table_text(const struct report_table *t, FILE *out,
			    bool markdown, enum fmt_style st);
int report_write_table_csv(const struct report_table *t, FILE *out,
			   enum csv_dialect dialect);

/* The whole portfolio as a workbook at path (export --format xlsx): a
 * sheet for each of projects, organisations, roles, funding, deadlines,
 * notes, outcomes and status changes, named as in the JSON exchange
 * document, a column per field by its name and the uuid last;
 * references as a project's code or an organisation's short name, money
 * in euros and dates as dates.  ERR_INVALID without xlsx. */
int report_export_xlsx(struct model *m, const char *path);

/* Whether this salkku writes xlsx. */
bool report_has_xlsx(void);

#endif
