/* SPDX-License-Identifier: EUPL-1.2 */
/* json_check.c — one pass over a JSON document, refusing what SQLite's
 * JSON functions would accept but silently change (json_check.h).
 *
 * A recursive descent over bytes, bounded by JSON_MAX_DEPTH, that keeps
 * only what an error message needs (the path) and what duplicate keys
 * need (the keys of each open object).  Keys of small objects are kept
 * in a list searched linearly; an object that grows past LINEAR_KEYS
 * members (the uuid-keyed maps of a dump hold 100,000) moves to an
 * open-addressing hash table, so that checking stays linear in the
 * size of the document.  Keys are compared as decoded text: "a" and
 * "\u0061" are the same key. */
#include "config.h"

#include "json_check.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "i18n.h"

/* Objects with up to this many members are searched linearly. */
#define LINEAR_KEYS 24
/* A hash table bigger than this (slots) is freed when its object closes
 * rather than cleared, so that a later small object does not pay for
 * clearing a huge one. */
#define KEEP_SLOTS 1024
/* A document in memory longer than this (beyond what SQLite takes as
 * one value anyway) is refused; a streamed one has no limit. */
#define MAX_DOCUMENT ((size_t)INT32_MAX)
/* What a stream reads at a time. */
#define CHUNK (1u << 20)
/* How much of a key a message quotes. */
#define QUOTE_MAX 40

/* A key: off/len into the document (counted from its start), or into
 * the level's arena when the key held escapes and had to be decoded, or
 * was read from a stream outside a captured value. */
struct key {
	uint64_t head;   /* the first 8 bytes (zero-padded): most keys differ there */
	uint64_t off;
	uint32_t len;
	uint32_t hash;   /* only for the keys of hashed objects */
	bool decoded;
};

struct level {
	bool object;
	bool split;          /* a stream's member handed over record by record */
	size_t index;        /* arrays: index of the current element */
	struct key cur;      /* objects: the current member's key */
	bool has_key;
	struct key *keys;    /* this object's keys so far */
	size_t nkeys, capkeys;
	uint32_t *slots;     /* 0 empty, else index into keys + 1 */
	size_t nslots;
	char *arena;         /* decoded keys */
	size_t arenalen, arenacap;
};

struct scan {
	const unsigned char *start, *p, *end;
	unsigned long line;
	int depth;
	const char *source;
	struct error *err;
	/* A stream: start is a window of buf at offset origin of the
	 * document, refilled by read; capture (in the window) is where the
	 * value being handed to the sink began, kept until it ends. */
	bool stream, eof, oom, split_next;
	unsigned char *buf;
	size_t cap;
	uint64_t origin;
	size_t (*read)(void *buf, size_t size, void *arg);
	void *read_arg;
	const struct json_sink *sink;
	const unsigned char *capture;
	struct level lv[JSON_MAX_DEPTH + 1];
};

static int fail(struct scan *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int fail_oom(struct scan *s);

/* ---- Error messages ------------------------------------------------ */

static const char *
key_text(const struct scan *s, const struct level *l, const struct key *k)
{
	return k->decoded ? l->arena + k->off
			  : (const char *)s->start + (k->off - s->origin);
}

/* Appends at most max bytes of t to buf, cutting at a UTF-8 boundary. */
static void
append_clipped(char *buf, size_t size, size_t *len, const char *t,
	       size_t tlen, size_t max)
{
	if (tlen > max) {
		tlen = max;
		while (tlen > 0 && ((unsigned char)t[tlen] & 0xc0) == 0x80)
			tlen--;
	}
	if (*len + tlen + 1 > size)
		return;
	memcpy(buf + *len, t, tlen);
	*len += tlen;
	buf[*len] = '\0';
}

static bool
plain_key(const char *t, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)t[i];

		if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !(c >= '0' && c <= '9') && c != '_' && c != '-' && c < 0x80)
			return false;
	}
	return true;
}

/* The path of the value being scanned: $.projects.<uuid>.name,
 * $.items[3], $["odd key"]. */
static void
build_path(const struct scan *s, char *buf, size_t size)
{
	size_t len = 0;

	append_clipped(buf, size, &len, "$", 1, 1);
	for (int d = 1; d <= s->depth; d++) {
		const struct level *l = &s->lv[d];
		char num[32];

		if (!l->object) {
			int n = snprintf(num, sizeof num, "[%zu]", l->index);
			append_clipped(buf, size, &len, num, (size_t)n, sizeof num);
		} else if (l->has_key) {
			const char *t = key_text(s, l, &l->cur);

			if (plain_key(t, l->cur.len)) {
				append_clipped(buf, size, &len, ".", 1, 1);
				append_clipped(buf, size, &len, t, l->cur.len, 256);
			} else {
				append_clipped(buf, size, &len, "[\"", 2, 2);
				append_clipped(buf, size, &len, t, l->cur.len,
					       QUOTE_MAX);
				append_clipped(buf, size, &len, "\"]", 2, 2);
			}
		}
	}
}

static int
fail(struct scan *s, const char *fmt, ...)
{
	char path[512], field[sizeof s->err->field], what[256];
	size_t plen;
	va_list ap;

	if (!s->err)
		return ERR_INVALID;
	build_path(s, path, sizeof path);
	/* err->field is short: keep the end of a long path, which names
	 * the member at fault. */
	plen = strlen(path);
	if (plen < sizeof field) {
		memcpy(field, path, plen + 1);
	} else {
		const char *tail = path + plen - (sizeof field - 5);

		/* Start at a whole member: "$…d.e.f", "$…[3].g". */
		while (*tail && *tail != '.' && *tail != '[')
			tail++;
		if (*tail == '.')
			tail++;
		snprintf(field, sizeof field, "$…%s", tail);
	}
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	if (s->source)
		return error_set(s->err, ERR_INVALID, field,
				 _("%s: line %lu: %s"), s->source, s->line,
				 what);
	return error_set(s->err, ERR_INVALID, field, _("line %lu: %s"),
			 s->line, what);
}

static int
fail_oom(struct scan *s)
{
	return error_set(s->err, ERR_FAILED, NULL, "%s",
			 _("out of memory while checking JSON"));
}

/* ---- Key sets ------------------------------------------------------ */

/* A hash of a key, eight bytes at a time: only keys of big objects
 * (mostly uuids) are hashed. */
static uint32_t
hash_bytes(const char *t, size_t len)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;

	for (; len >= 8; t += 8, len -= 8) {
		memcpy(&w, t, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, t, len);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	return (uint32_t)(h ^ h >> 29);
}

static bool
key_equal(const struct scan *s, const struct level *l, const struct key *a,
	  const struct key *b)
{
	return a->len == b->len && a->head == b->head &&
	       (a->len <= 8 ||
		!memcmp(key_text(s, l, a) + 8, key_text(s, l, b) + 8, a->len - 8));
}

static void
slots_insert(struct level *l, uint32_t hash, uint32_t ref)
{
	size_t mask = l->nslots - 1, i = hash & mask;

	while (l->slots[i])
		i = (i + 1) & mask;
	l->slots[i] = ref;
}

/* A table of at least twice as many slots as keys, holding them all. */
static int
slots_rebuild(struct level *l)
{
	size_t n = 64;

	while (n < l->nkeys * 2)
		n *= 2;
	free(l->slots);
	l->slots = calloc(n, sizeof *l->slots);
	if (!l->slots) {
		l->nslots = 0;
		return -1;
	}
	l->nslots = n;
	for (size_t k = 0; k < l->nkeys; k++)
		slots_insert(l, l->keys[k].hash, (uint32_t)(k + 1));
	return 0;
}

/* Adds l->cur to the object's keys.  1 when it was there already, 0 when
 * added, -1 when out of memory. */
static int
keys_add(const struct scan *s, struct level *l)
{
	const struct key *k = &l->cur;

	if (l->nkeys < LINEAR_KEYS) {
		for (size_t i = 0; i < l->nkeys; i++)
			if (key_equal(s, l, &l->keys[i], k))
				return 1;
	} else {
		size_t mask = l->nslots - 1, i;

		l->cur.hash = hash_bytes(key_text(s, l, k), k->len);
		for (i = k->hash & mask; l->slots[i]; i = (i + 1) & mask) {
			const struct key *o = &l->keys[l->slots[i] - 1];

			if (o->hash == k->hash && key_equal(s, l, o, k))
				return 1;
		}
	}
	if (l->nkeys == l->capkeys) {
		size_t cap = l->capkeys ? l->capkeys * 2 : 16;
		struct key *keys = realloc(l->keys, cap * sizeof *keys);

		if (!keys)
			return -1;
		l->keys = keys;
		l->capkeys = cap;
	}
	l->keys[l->nkeys++] = *k;
	if (l->nkeys < LINEAR_KEYS)
		return 0;
	/* From here on the object is hashed, at a load of at most half. */
	if (l->nkeys == LINEAR_KEYS)
		for (size_t i = 0; i < l->nkeys; i++)
			l->keys[i].hash = hash_bytes(key_text(s, l, &l->keys[i]),
						     l->keys[i].len);
	if (l->nslots < l->nkeys * 2)
		return slots_rebuild(l);
	if (l->nkeys == LINEAR_KEYS) {
		for (size_t i = 0; i < l->nkeys; i++)
			slots_insert(l, l->keys[i].hash, (uint32_t)(i + 1));
		return 0;
	}
	slots_insert(l, k->hash, (uint32_t)l->nkeys);
	return 0;
}

static void
level_open(struct level *l, bool object)
{
	l->object = object;
	l->index = 0;
	l->has_key = false;
	l->nkeys = 0;
	l->arenalen = 0;
}

static void
level_close(struct level *l)
{
	if (l->nkeys >= LINEAR_KEYS && l->slots) {
		if (l->nslots > KEEP_SLOTS) {
			free(l->slots);
			l->slots = NULL;
			l->nslots = 0;
		} else {
			memset(l->slots, 0, l->nslots * sizeof *l->slots);
		}
	}
	l->nkeys = 0;
	l->has_key = false;
}

static void
levels_free(struct scan *s)
{
	for (int d = 0; d <= JSON_MAX_DEPTH; d++) {
		free(s->lv[d].keys);
		free(s->lv[d].slots);
		free(s->lv[d].arena);
	}
}

/* ---- Scanning ------------------------------------------------------ */

static inline void
skip_space(struct scan *s)
{
	const unsigned char *p = s->p, *end = s->end;

	/* Most tokens follow each other with no space between. */
	if (p < end && *p > ' ')
		return;

	while (p < end) {
		if (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		else if (*p == '\n') {
			s->line++;
			p++;
		} else
			break;
	}
	s->p = p;
}

/* Reads more of a stream into the window, keeping what the scan still
 * needs (the value being captured, else from s->p on).  False at the
 * end of the document (or of a document in memory). */
static bool
refill(struct scan *s)
{
	const unsigned char *keep;
	size_t shift, kept, n;

	if (!s->stream || s->eof)
		return false;
	keep = s->capture ? s->capture : s->p;
	shift = (size_t)(keep - s->start);
	kept = (size_t)(s->end - keep);
	if (shift) {
		memmove(s->buf, keep, kept);
		s->origin += shift;
		s->p -= shift;
		if (s->capture)
			s->capture -= shift;
		s->end = s->buf + kept;
	}
	if (s->cap - kept < s->cap / 2) {
		/* A value longer than half the window: the window grows. */
		size_t p = (size_t)(s->p - s->start);
		size_t c = s->capture ? (size_t)(s->capture - s->start) : 0;
		unsigned char *more = realloc(s->buf, s->cap * 2);

		if (!more) {
			s->eof = s->oom = true;
			return false;
		}
		s->buf = more;
		s->cap *= 2;
		s->start = more;
		s->p = more + p;
		s->end = more + kept;
		if (s->capture)
			s->capture = more + c;
	}
	n = s->read(s->buf + kept, s->cap - kept, s->read_arg);
	if (n == 0) {
		s->eof = true;
		return false;
	}
	s->end += n;
	return true;
}

/* Makes at least n bytes from s->p readable, unless the document ends
 * first. */
static void
need(struct scan *s, size_t n)
{
	while ((size_t)(s->end - s->p) < n && refill(s))
		;
}

/* Skips white space, reading on through a stream. */
static void
skip_ws(struct scan *s)
{
	for (;;) {
		skip_space(s);
		if (s->p < s->end || !refill(s))
			return;
	}
}

/* Makes the whole token at s->p readable, so that the scanners below
 * can work within [s->p, s->end): a string to its closing quote, a
 * number to its end, a literal's letters. */
static void
token_ready(struct scan *s)
{
	size_t off;

	if (!s->stream)
		return;
	need(s, 5);
	if (s->p >= s->end)
		return;
	if (*s->p == '"') {
		off = 1;
		for (;;) {
			const unsigned char *q = memchr(s->p + off, '"',
							(size_t)(s->end - s->p) - off);
			size_t bs = 0;

			if (!q) {
				off = (size_t)(s->end - s->p);
				if (!refill(s))
					return;
				continue;
			}
			while (q - bs - 1 > s->p && q[-(ptrdiff_t)bs - 1] == '\\')
				bs++;
			if (!(bs & 1))
				return;
			off = (size_t)(q - s->p) + 1;
		}
	}
	if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9')) {
		off = 0;
		for (;;) {
			while (s->p + off < s->end &&
			       strchr("0123456789+-.eE", s->p[off]) && s->p[off])
				off++;
			if (s->p + off < s->end || !refill(s))
				return;
		}
	}
}

/* Length of the UTF-8 sequence at p (1..4), or 0 when invalid:
 * overlong forms, encoded surrogates and code points above U+10FFFF are
 * refused as RFC 3629 says. */
static int
utf8_length(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0];
	size_t avail = (size_t)(end - p);

	if (c >= 0xc2 && c <= 0xdf)
		return avail >= 2 && (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		unsigned char lo = 0x80, hi = 0xbf;

		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
		return avail >= 3 && p[1] >= lo && p[1] <= hi &&
		       (p[2] & 0xc0) == 0x80 ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		unsigned char lo = 0x80, hi = 0xbf;

		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
		return avail >= 4 && p[1] >= lo && p[1] <= hi &&
		       (p[2] & 0xc0) == 0x80 && (p[3] & 0xc0) == 0x80 ? 4 : 0;
	}
	return 0;
}

static int
hex4(const unsigned char *p, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		unsigned char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* The first byte at or after p that ends a run of plain string text:
 * '"', '\\', a control character or a byte above 0x7f.  Strings are
 * most of a document, so runs are skipped 16 bytes at a time with SSE2
 * where there is SSE2 (every x86-64), else 8 at a time. */
static inline const unsigned char *
skip_plain(const unsigned char *p, const unsigned char *end)
{
#ifdef __SSE2__
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
	const __m128i ctrl = _mm_set1_epi8(0x1f);

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote),
						      _mm_cmpeq_epi8(v, bslash)),
					 _mm_cmpeq_epi8(_mm_min_epu8(v, ctrl), v));
		unsigned bits = (unsigned)(_mm_movemask_epi8(m) | _mm_movemask_epi8(v));

		if (bits)
			return p + __builtin_ctz(bits);
		p += 16;
	}
#else
	const uint64_t ones = 0x0101010101010101ull;
	const uint64_t high = 0x8080808080808080ull;

	while (end - p >= 8) {
		uint64_t w, q, b;

		memcpy(&w, p, 8);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		if ((((q - ones) & ~q) | ((b - ones) & ~b) | (w - ones * 0x20) | w) & high)
			break;
		p += 8;
	}
#endif
	while (p < end && *p != '"' && *p != '\\' && *p >= 0x20 && *p < 0x80)
		p++;
	return p;
}

static void
utf8_put(char *out, size_t *n, unsigned cp)
{
	if (cp < 0x80) {
		out[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*n)++] = (char)(0xc0 | cp >> 6);
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*n)++] = (char)(0xe0 | cp >> 12);
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*n)++] = (char)(0xf0 | cp >> 18);
		out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	}
}

/* Decodes the (already checked) string body [b, e) into the level's
 * arena as the key l->cur. */
static int
decode_key(struct scan *s, struct level *l, const unsigned char *b,
	   const unsigned char *e)
{
	size_t need = (size_t)(e - b) + 1, n;
	char *out;

	if (l->arenalen + need > l->arenacap) {
		size_t cap = l->arenacap ? l->arenacap : 256;
		char *a;

		while (cap < l->arenalen + need)
			cap *= 2;
		if (!(a = realloc(l->arena, cap)))
			return fail_oom(s);
		l->arena = a;
		l->arenacap = cap;
	}
	out = l->arena + l->arenalen;
	n = 0;
	while (b < e) {
		unsigned cp, lo;

		if (*b != '\\') {
			out[n++] = (char)*b++;
			continue;
		}
		b++;
		switch (*b++) {
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'u':
			hex4(b, &cp);
			b += 4;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				hex4(b + 2, &lo);
				b += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			utf8_put(out, &n, cp);
			break;
		default: out[n++] = (char)b[-1]; break;  /* " \ / */
		}
	}
	out[n] = '\0';
	l->cur.off = (uint32_t)l->arenalen;
	l->cur.len = (uint32_t)n;
	l->cur.decoded = true;
	l->cur.head = 0;
	memcpy(&l->cur.head, out, n < 8 ? n : 8);
	l->arenalen += n + 1;
	return ERR_OK;
}

/* Scans a string whose opening quote is at s->p.  With key, the string
 * is the next member name of the object at level l. */
static int
scan_string(struct scan *s, struct level *key)
{
	const unsigned char *p = s->p + 1, *end = s->end, *body = p;
	bool escaped = false;

	for (;;) {
		p = skip_plain(p, end);
		if (p >= end) {
			s->p = p;
			return fail(s, "%s", _("unterminated string"));
		}
		if (*p == '"')
			break;
		if (*p == '\\') {
			unsigned cp, lo;

			escaped = true;
			if (end - p < 2)
				goto unterminated;
			switch (p[1]) {
			case '"': case '\\': case '/': case 'b': case 'f':
			case 'n': case 'r': case 't':
				p += 2;
				continue;
			case 'u':
				break;
			default:
				s->p = p;
				return fail(s, _("invalid escape \"\\%c\""),
					    p[1] >= 0x20 && p[1] < 0x7f ?
					    p[1] : '?');
			}
			if (end - p < 6 || hex4(p + 2, &cp) < 0) {
				s->p = p;
				return fail(s, "%s",
					    _("invalid \\u escape: four hex digits expected"));
			}
			if (cp == 0) {
				s->p = p;
				return fail(s, "%s",
					    _("\"\\u0000\" is not allowed in a string"));
			}
			if (cp >= 0xdc00 && cp <= 0xdfff) {
				s->p = p;
				return fail(s, _("lone low surrogate \"\\u%04X\""),
					    cp);
			}
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
				    hex4(p + 8, &lo) < 0 ||
				    lo < 0xdc00 || lo > 0xdfff) {
					s->p = p;
					return fail(s, _("high surrogate \"\\u%04X\" not followed by a low surrogate"),
						    cp);
				}
				p += 12;
			} else {
				p += 6;
			}
			continue;
		}
		if (*p < 0x20) {
			s->p = p;
			return fail(s, _("control character U+%04X inside a string (write it as an escape)"),
				    *p);
		}
		/* Two-byte characters (ä, ö, å) are the common case. */
		if (*p >= 0xc2 && *p <= 0xdf && end - p >= 2 &&
		    (p[1] & 0xc0) == 0x80) {
			p += 2;
			continue;
		}
		{
			int n = utf8_length(p, end);

			if (n == 0) {
				s->p = p;
				return fail(s, _("invalid UTF-8 (byte 0x%02X)"),
					    *p);
			}
			p += n;
		}
	}
	if (key) {
		/* A key outside a captured value leaves the window: keep a copy. */
		if (escaped || (s->stream && !s->capture)) {
			int rc = decode_key(s, key, body, p);

			if (rc != ERR_OK)
				return rc;
		} else {
			key->cur.off = s->origin + (uint64_t)(body - s->start);
			key->cur.len = (uint32_t)(p - body);
			key->cur.decoded = false;
			key->cur.head = 0;
			memcpy(&key->cur.head, body, key->cur.len < 8 ? key->cur.len : 8);
		}
	}
	s->p = p + 1;
	return ERR_OK;
unterminated:
	s->p = end;
	return fail(s, "%s", _("unterminated string"));
}

/* True when the number text [b, e), whose value is about 10^308, is
 * beyond what a double holds.  Converted in the C locale: under a
 * Finnish LC_NUMERIC plain strtod() would stop at the ".". */
static bool
beyond_double(const unsigned char *b, const unsigned char *e)
{
	size_t n = (size_t)(e - b);
	char *copy = malloc(n + 1);
	locale_t c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	bool inf = false;

	if (copy && c) {
		memcpy(copy, b, n);
		copy[n] = '\0';
		inf = isinf(strtod_l(copy, NULL, c));
	}
	if (c)
		freelocale(c);
	free(copy);
	return inf;
}

/* Scans a number at s->p.  Integers must fit in 64 bits; a number with a
 * fraction or exponent must be finite as a double. */
static int
scan_number(struct scan *s)
{
	const unsigned char *p = s->p, *end = s->end;
	bool neg = false, fraction = false, overflow = false, nonzero = false;
	uint64_t mag = 0;
	/* The value is 0.d1d2… × 10^lead × 10^exp, d1 the first non-zero
	 * digit. */
	int64_t lead = 0, exp = 0;

	if (*p == '-') {
		neg = true;
		p++;
	}
	if (p >= end || *p < '0' || *p > '9') {
		s->p = p;
		return fail(s, "%s", _("invalid number"));
	}
	if (*p == '0') {
		p++;
		if (p < end && *p >= '0' && *p <= '9') {
			s->p = p;
			return fail(s, "%s", _("invalid number: leading zero"));
		}
	} else {
		const unsigned char *digits = p;

		for (; p < end && *p >= '0' && *p <= '9'; p++) {
			unsigned d = *p - '0';

			if (mag > (UINT64_MAX - d) / 10)
				overflow = true;
			else
				mag = mag * 10 + d;
		}
		nonzero = true;
		lead = p - digits;
	}
	if (p < end && *p == '.') {
		fraction = true;
		p++;
		if (p >= end || *p < '0' || *p > '9') {
			s->p = p;
			return fail(s, "%s", _("invalid number: digits expected after \".\""));
		}
		for (int64_t pos = 0; p < end && *p >= '0' && *p <= '9'; p++, pos--)
			if (!nonzero && *p != '0') {
				nonzero = true;
				lead = pos;
			}
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		bool eneg = false;

		fraction = true;
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		if (p >= end || *p < '0' || *p > '9') {
			s->p = p;
			return fail(s, "%s", _("invalid number: digits expected in the exponent"));
		}
		for (; p < end && *p >= '0' && *p <= '9'; p++)
			if (exp < INT64_C(1000000000000))
				exp = exp * 10 + (*p - '0');
		if (eneg)
			exp = -exp;
	}
	if (!fraction) {
		if (overflow || mag > (uint64_t)INT64_MAX + (neg ? 1 : 0))
			return fail(s, "%s", _("integer out of the 64-bit range"));
	} else if (nonzero) {
		/* DBL_MAX is 1.797…e308: below that decade every value is
		 * finite, above it none; only that decade is converted. */
		int64_t e10 = lead + exp - 1;

		if (e10 > 308 || (e10 == 308 && beyond_double(s->p, p)))
			return fail(s, "%s", _("number out of range (not finite as a double)"));
	}
	s->p = p;
	return ERR_OK;
}

static int
scan_literal(struct scan *s, const char *word, size_t len)
{
	if ((size_t)(s->end - s->p) < len || memcmp(s->p, word, len))
		return fail(s, "%s", _("unexpected character"));
	s->p += len;
	return ERR_OK;
}

static int scan_value(struct scan *s);

/* The member the top-level key of a stream names, the key itself. */
static const char *
current_key(const struct scan *s, int depth)
{
	const struct level *l = &s->lv[depth];

	return key_text(s, l, &l->cur);
}

/* A value of a stream handed to the sink: scanned, then given as text
 * (member's own value when key is NULL).  The sink's JSON_DUPLICATE is
 * refused here as the checker refuses any duplicate key, at the line
 * of the key. */
static int
sink_value(struct scan *s, const char *member, const char *key)
{
	unsigned long line = s->line;
	int rc;

	skip_ws(s);
	s->capture = s->p;
	if ((rc = scan_value(s)) == ERR_OK)
		rc = s->sink->value(member, key, (const char *)s->capture,
				    (size_t)(s->p - s->capture), s->sink->arg,
				    s->err);
	s->capture = NULL;
	if (rc == JSON_DUPLICATE) {
		char quoted[QUOTE_MAX * 2];
		size_t qlen = 0;

		quoted[0] = '\0';
		append_clipped(quoted, sizeof quoted, &qlen, key, strlen(key),
			       QUOTE_MAX);
		s->line = line;
		rc = fail(s, _("duplicate key \"%s\""), quoted);
	}
	return rc;
}

/* A member of a stream's top-level object: split into records when the
 * sink asks for it and it is an object, else handed over whole. */
static int
sink_member(struct scan *s)
{
	const char *member = current_key(s, 1);
	int rc;

	skip_ws(s);
	if (s->p < s->end && *s->p == '{' &&
	    s->sink->split(member, s->sink->arg)) {
		if ((rc = s->sink->value(member, NULL, "{}", 2, s->sink->arg,
					 s->err)) != ERR_OK)
			return rc;
		s->split_next = true;
		return scan_value(s);
	}
	return sink_value(s, member, NULL);
}

static int
scan_container(struct scan *s, bool object)
{
	struct level *l;
	int rc;
	const char close = object ? '}' : ']';

	if (s->depth == JSON_MAX_DEPTH)
		return fail(s, _("nesting deeper than %d levels"),
			    JSON_MAX_DEPTH);
	l = &s->lv[++s->depth];
	level_open(l, object);
	l->split = s->split_next;
	s->split_next = false;
	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == close) {
		s->p++;
		goto done;
	}
	for (;;) {
		if (object) {
			int dup;

			skip_ws(s);
			token_ready(s);
			if (s->p >= s->end || *s->p != '"') {
				rc = fail(s, "%s", s->p >= s->end ?
					  _("unexpected end of the document") :
					  _("a member name (a string) expected"));
				goto out;
			}
			l->has_key = false;
			/* A split object's keys are the sink's to check. */
			if (l->split)
				l->arenalen = 0;
			if ((rc = scan_string(s, l)) != ERR_OK)
				goto out;
			l->has_key = true;
			dup = l->split ? 0 : keys_add(s, l);
			if (dup < 0) {
				rc = fail_oom(s);
				goto out;
			}
			if (dup) {
				char quoted[QUOTE_MAX * 2];
				size_t qlen = 0;

				quoted[0] = '\0';
				append_clipped(quoted, sizeof quoted, &qlen,
					       key_text(s, l, &l->cur),
					       l->cur.len, QUOTE_MAX);
				rc = fail(s, _("duplicate key \"%s\""), quoted);
				goto out;
			}
			skip_ws(s);
			if (s->p >= s->end || *s->p != ':') {
				rc = fail(s, "%s", _("\":\" expected after the member name"));
				goto out;
			}
			s->p++;
		}
		if (l->split)
			rc = sink_value(s, current_key(s, 1), current_key(s, 2));
		else if (object && s->sink && s->depth == 1)
			rc = sink_member(s);
		else
			rc = scan_value(s);
		if (rc != ERR_OK)
			goto out;
		skip_ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			if (!object)
				l->index++;
			continue;
		}
		if (s->p < s->end && *s->p == close) {
			s->p++;
			break;
		}
		rc = fail(s, "%s", object ? _("\",\" or \"}\" expected") :
			  _("\",\" or \"]\" expected"));
		goto out;
	}
done:
	level_close(l);
	s->depth--;
	return ERR_OK;
out:
	return rc;
}

static int
scan_value(struct scan *s)
{
	skip_ws(s);
	token_ready(s);
	if (s->p >= s->end)
		return fail(s, "%s", _("unexpected end of the document"));
	switch (*s->p) {
	case '{': return scan_container(s, true);
	case '[': return scan_container(s, false);
	case '"': return scan_string(s, NULL);
	case 't': return scan_literal(s, "true", 4);
	case 'f': return scan_literal(s, "false", 5);
	case 'n': return scan_literal(s, "null", 4);
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return scan_number(s);
		if (*s->p >= 0x80 && utf8_length(s->p, s->end) == 0)
			return fail(s, _("invalid UTF-8 (byte 0x%02X)"), *s->p);
		return fail(s, "%s", _("unexpected character"));
	}
}

/* Scans the document in s from its start to its end. */
static int
scan_document(struct scan *s)
{
	int rc;

	s->line = 1;
	need(s, 3);
	if (s->end - s->p >= 3 && !memcmp(s->p, "\xef\xbb\xbf", 3))
		return fail(s, "%s", _("a byte order mark at the start (save the file as UTF-8 without one)"));
	skip_ws(s);
	if (s->p >= s->end)
		return fail(s, "%s", _("empty document"));
	/* A stream whose top level is not an object has no members. */
	if (s->sink && *s->p != '{' &&
	    (rc = s->sink->value(NULL, NULL, NULL, 0, s->sink->arg, s->err)))
		return rc;
	if ((rc = scan_value(s)) != ERR_OK)
		return rc;
	skip_ws(s);
	if (s->p < s->end)
		return fail(s, "%s", _("unexpected text after the end of the document"));
	return ERR_OK;
}

int
json_check_document(const char *text, size_t len, const char *source,
		    struct error *err)
{
	struct scan *s;
	int rc;

	if (!text)
		return error_set(err, ERR_INVALID, "$", "%s",
				 _("no JSON document"));
	if (len > MAX_DOCUMENT)
		return error_set(err, ERR_INVALID, "$",
				 _("%s: the document is larger than %zu bytes"),
				 source ? source : "JSON", MAX_DOCUMENT);
	s = calloc(1, sizeof *s);
	if (!s)
		return error_set(err, ERR_FAILED, NULL, "%s",
				 _("out of memory while checking JSON"));
	s->start = s->p = (const unsigned char *)text;
	s->end = s->start + len;
	s->source = source;
	s->err = err;
	rc = scan_document(s);
	levels_free(s);
	free(s);
	return rc;
}

int
json_check_stream(size_t (*read)(void *buf, size_t size, void *arg),
		  void *read_arg, const char *source,
		  const struct json_sink *sink, struct error *err)
{
	struct scan *s = calloc(1, sizeof *s);
	int rc;

	if (!s || !(s->buf = malloc(CHUNK))) {
		free(s);
		return error_set(err, ERR_FAILED, NULL, "%s",
				 _("out of memory while checking JSON"));
	}
	s->stream = true;
	s->cap = CHUNK;
	s->start = s->p = s->end = s->buf;
	s->read = read;
	s->read_arg = read_arg;
	s->sink = sink;
	s->source = source;
	s->err = err;
	rc = scan_document(s);
	/* A window that could not grow ended the reading early. */
	if (s->oom)
		rc = fail_oom(s);
	levels_free(s);
	free(s->buf);
	free(s);
	return rc;
}
