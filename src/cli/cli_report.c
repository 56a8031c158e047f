/* SPDX-License-Identifier: EUPL-1.2 */
/* cli_report.c — `report` and `outcome list`: the core's report
 * (src/core/report.h) laid out in the format asked for. */
#include "config.h"

#include "cli.h"
#include "cli_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/base/i18n.h"
#include "src/core/report.h"

static const char *const format_names[] = {
	[RF_TEXT] = "text", [RF_MARKDOWN] = "md", [RF_HTML] = "html",
	[RF_CSV] = "csv", [RF_XLSX] = "xlsx",
};

static int
report_date(struct cli *c, const char *opt, const char *arg, char out[11])
{
	if (parse_date(arg, out) < 0)
		return cli_fail(c, ERR_USAGE, NULL,
				_("%s: %s is not a valid date (use 15.1.2024 or 2024-01-15)"),
				opt, arg);
	return ERR_OK;
}

/* Writes r to path (NULL: standard output), whole or not at all
 * (cli_file.h). */
static int
report_output(struct cli *c, const struct report *r, enum report_format f,
	      enum csv_dialect dialect, const char *path)
{
	struct out_file o;
	FILE *out = stdout;
	int rc, e;

	if (f == RF_XLSX && !path)
		return cli_fail(c, ERR_USAGE, NULL,
				_("xlsx is written to a file: name it with -o FILE"));
	if (path && (e = out_file_open(&o, path, f == RF_XLSX)))
		return cli_fail(c, ERR_FAILED, NULL, _("cannot write %s: %s"),
				path, strerror(e));
	if (path)
		out = o.f;
	switch (f) {
	case RF_XLSX:
		rc = report_write_xlsx(r, o.tmp, &c->m.err);
		if (rc != ERR_OK) {
			out_file_close(&o, false);
			return cli_report(c, rc);
		}
		break;
	case RF_HTML:
		rc = report_write_html(r, out, c->style);
		break;
	case RF_CSV:
		rc = report_write_csv(r, out, dialect);
		break;
	default:
		rc = report_write_text(r, out, f == RF_MARKDOWN, c->style);
		break;
	}
	if (!path)
		return rc == ERR_OK ? ERR_OK
				    : cli_fail(c, ERR_FAILED, NULL, _("cannot write the report"));
	if (rc != ERR_OK) {
		out_file_close(&o, false);
		return cli_fail(c, ERR_FAILED, NULL, _("cannot write %s: %s"), path,
				strerror(errno));
	}
	if ((e = out_file_close(&o, true)))
		return cli_fail(c, ERR_FAILED, NULL, _("cannot write %s: %s"), path,
				strerror(e));
	return ERR_OK;
}

static int
csv_dialect_arg(const struct cli_command *cmd, const char *arg,
		enum csv_dialect *out)
{
	if (!strcmp(arg, "plain") || !strcmp(arg, "rfc4180"))
		*out = CSV_PLAIN;
	else if (!strcmp(arg, "excel-fi"))
		*out = CSV_EXCEL_FI;
	else
		return cli_usage(cmd, _("--csv-dialect: \"%s\" is not plain or excel-fi"),
				 arg);
	return ERR_OK;
}

int
cli_cmd_report(struct cli *c, const struct cli_command *cmd, int argc,
	       char **argv)
{
	static const struct option longopts[] = {
		{ "year",        required_argument, NULL, 'y' },
		{ "from",        required_argument, NULL, 'F' },
		{ "to",          required_argument, NULL, 'T' },
		{ "funder",      required_argument, NULL, 'u' },
		{ "centre",      required_argument, NULL, 'c' },
		{ "format",      required_argument, NULL, 'f' },
		{ "csv-dialect", required_argument, NULL, 'd' },
		{ "output",      required_argument, NULL, 'o' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	struct report_options opt = { 0 };
	struct report r = { 0 };
	enum report_format format = RF_TEXT;
	enum csv_dialect dialect = CSV_PLAIN;
	const char *output = NULL;
	int o, rc = ERR_OK;
	int64_t year;

	while ((o = cli_getopt(cmd, argc, argv, "f:o:", longopts, &rc)) != -1) {
		size_t i;

		if (o == CLI_OPT_STOP)
			return rc;
		switch (o) {
		case 'y':
			if ((rc = cli_number(cmd, "--year", optarg, 1900, 2199, &year)))
				return rc;
			opt.year = (int)year;
			break;
		case 'F':
			if ((rc = report_date(c, "--from", optarg, opt.from)))
				return rc;
			break;
		case 'T':
			if ((rc = report_date(c, "--to", optarg, opt.to)))
				return rc;
			break;
		case 'u':
			opt.funder = optarg;
			break;
		case 'c':
			opt.centre = optarg;
			break;
		case 'd':
			if ((rc = csv_dialect_arg(cmd, optarg, &dialect)))
				return rc;
			break;
		case 'o':
			output = strcmp(optarg, "-") ? optarg : NULL;
			break;
		case 'f':
			for (i = 0; i < sizeof format_names / sizeof *format_names; i++)
				if (!strcmp(optarg, format_names[i]))
					break;
			if (i == sizeof format_names / sizeof *format_names)
				return cli_usage(cmd, _("--format: \"%s\" is not text, md, html, csv or xlsx"),
						 optarg);
			format = (enum report_format)i;
			break;
		}
	}
	if (opt.year && (opt.from[0] || opt.to[0]))
		return cli_usage(cmd, _("--year and --from/--to name the period twice"));
	if ((rc = cli_nargs(cmd, argc - optind, 0, 0)) || (rc = cli_open(c, false)))
		return rc;
	if (!(rc = cli_report(c, report_build(&c->m, &opt, &r))))
		rc = report_output(c, &r, format, dialect, output);
	report_free(&r);
	return rc;
}

int
cli_cmd_outcome_list(struct cli *c, const struct cli_command *cmd, int argc,
		     char **argv)
{
	static const struct option longopts[] = {
		{ "year",   required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'f' },
		CLI_HELP_OPTION,
		{ NULL, 0, NULL, 0 }
	};
	struct report_options opt = { 0 };
	struct report r = { 0 };
	enum cli_format format = FORMAT_TABLE;
	int o, rc = ERR_OK;
	int64_t year;

	while ((o = cli_getopt(cmd, argc, argv, "f:", longopts, &rc)) != -1) {
		if (o == CLI_OPT_STOP)
			return rc;
		if (o == 'y') {
			if ((rc = cli_number(cmd, "--year", optarg, 1900, 2199, &year)))
				return rc;
			opt.year = (int)year;
		} else if ((rc = cli_format(cmd, optarg, FORMAT_TABLE | FORMAT_CSV,
					    &format))) {
			return rc;
		}
	}
	if (!opt.year) {
		/* Every figure, whenever it was dated. */
		snprintf(opt.from, sizeof opt.from, "%s", "1900-01-01");
		snprintf(opt.to, sizeof opt.to, "%s", "9999-12-31");
	}
	if ((rc = cli_nargs(cmd, argc - optind, 0, 0)) || (rc = cli_open(c, false)))
		return rc;
	if (!(rc = cli_report(c, report_build(&c->m, &opt, &r)))) {
		const struct report_table *t = &r.tables[RTAB_OUTCOMES];

		if (format == FORMAT_CSV)
			rc = report_write_table_csv(t, stdout, CSV_PLAIN);
		else if (t->nrows)
			rc = report_write_table_text(t, stdout, false, c->style);
		else
			printf("%s\n", _("No outcome figures."));
	}
	report_free(&r);
	return rc;
}
