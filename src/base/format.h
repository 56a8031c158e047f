/* format.h — people's dates, money and numbers, in and out.
 *
 * Storage form: ISO 8601 dates ("2024-01-15"), money in integer cents,
 * fixed-point hundredths.  People type and read Finnish forms
 * ("15.1.2024", "453 087 €") under a Finnish locale; ISO and plain
 * numbers are always accepted.  CSV and JSON use FMT_ISO whatever the
 * locale. */
#ifndef SALKKU_FORMAT_H
#define SALKKU_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum fmt_style {
	FMT_ISO,      /* 2024-01-15, 453087.50 — machines */
	FMT_FINNISH,  /* 15.1.2024, 453 087,50 € */
	FMT_ENGLISH,  /* 2024-01-15, 453,087.50 € */
};

/* The style for people under the current LC_TIME/LC_NUMERIC locale:
 * FMT_FINNISH for fi_* and sv_* locales, else FMT_ENGLISH. */
enum fmt_style format_style_from_locale(void);

/* Parses "15.1.2024", "15.01.2024" or "2024-01-15" into out (ISO,
 * 11 bytes).  Refuses impossible dates (31.2.2024), years outside
 * 1900–2199 and trailing garbage.  Returns 0, or -1. */
int parse_date(const char *in, char out[11]);

/* Parses money: "453087", "453 087", "453 087,50 €", "453087.50",
 * "1 250 000 €", "-5" (thin or no-break spaces as separators too) into
 * cents.  Refuses more than two decimals and overflow.  0 or -1. */
int parse_money(const char *in, int64_t *cents);

/* Parses a number with up to two decimals, "8,8" or "8.8" or "384",
 * into hundredths.  0 or -1. */
int parse_hundredths(const char *in, int64_t *out);

/* Parses yes/no: "1", "0", "yes", "no", "true", "false", "kyllä", "ei".
 * 0 or -1. */
int parse_bool(const char *in, bool *out);

/* Formatters write into buf (size bytes, 40 is always enough) and return
 * buf.  Money: FMT_FINNISH "453 087 €" (cents only when not zero:
 * "453 087,50 €"), FMT_ENGLISH "453,087 €", FMT_ISO "453087.00".
 * Dates: FMT_FINNISH "15.1.2024", others "2024-01-15".  Hundredths:
 * "8,8" / "8.8" / "8.80" (ISO: always two decimals). */
char *format_money(char *buf, size_t size, int64_t cents, enum fmt_style st);
char *format_date(char *buf, size_t size, const char *iso, enum fmt_style st);
char *format_hundredths(char *buf, size_t size, int64_t v, enum fmt_style st);

/* Today's date in UTC as ISO, or SALKKU_TODAY when set (tests freeze
 * the clock with it).  out: 11 bytes. */
void format_today(char out[11]);

/* Now as ISO 8601 UTC "2024-01-15T09:41:00Z" (SALKKU_NOW overrides).
 * out: 21 bytes at least. */
void format_now(char out[32]);

/* Adds days to an ISO date; out 11 bytes.  0 or -1. */
int date_add_days(const char *iso, int days, char out[11]);

/* Whole days from a to b (b - a), both ISO. */
int date_diff_days(const char *a, const char *b);

#endif
