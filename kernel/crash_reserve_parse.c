// SPDX-License-Identifier: GPL-2.0-only
/*
 * Strict parser for the crashkernel= boot parameter.
 *
 * Every value that upstream's parse_crashkernel() accepts and reserves
 * memory for gives the same size, base, low size and high flag here. Where
 * upstream ignores trailing characters, wraps on overflow or finds
 * "crashkernel=" inside another parameter, this parser rejects the value
 * and reports the position: a typo should cost a message at boot, not the
 * dump after the next panic. The deliberate differences are listed in
 * Documentation/admin-guide/kdump/crashd-reservation.rst.
 *
 * The file builds in the kernel and, through kernel/host/, on the host,
 * where it is unit-tested, fuzzed and compared with upstream's code.
 */
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/types.h>

#include "crash_reserve_parse.h"

#define CRASHK_NAME		"crashkernel="
#define CRASHK_NAME_LEN		(sizeof(CRASHK_NAME) - 1)
#define CRASHK_HIGH		",high"
#define CRASHK_LOW		",low"
/* Upstream rounds RAM up to 128 MiB before matching ranges: firmware holes. */
#define CRASHK_RAM_ROUND	(128ULL << 20)

/* A cursor over the value of one crashkernel= word. */
struct crashk_cursor {
	const char *cmdline;
	const char *p;
	const char *end;
	struct crashk_error *err;
};

static int crashk_fail(struct crashk_cursor *c, const char *at,
		       enum crashk_err code)
{
	c->err->code = code;
	c->err->pos = at - c->cmdline;
	return -EINVAL;
}

static char crashk_peek(const struct crashk_cursor *c)
{
	return c->p < c->end ? *c->p : '\0';
}

static int crashk_digit(char ch, unsigned int base)
{
	unsigned int v;

	if (ch >= '0' && ch <= '9')
		v = ch - '0';
	else if (tolower(ch) >= 'a' && tolower(ch) <= 'f')
		v = tolower(ch) - 'a' + 10;
	else
		return -1;
	return v < base ? (int)v : -1;
}

/*
 * memparse() as upstream does it (simple_strtoull with base 0: "0x" is hex,
 * a leading 0 octal; then one of KMGTPE), but refusing overflow, which
 * upstream silently wraps.
 */
static int crashk_size(struct crashk_cursor *c, u64 *val)
{
	const char *start = c->p;
	unsigned int base = 10, shift = 0;
	u64 v = 0;
	int d;

	if (crashk_peek(c) == '0') {
		if (c->end - c->p > 2 && tolower(c->p[1]) == 'x' &&
		    isxdigit(c->p[2])) {
			base = 16;
			c->p += 2;
		} else {
			base = 8;
		}
	}
	while (c->p < c->end && (d = crashk_digit(*c->p, base)) >= 0) {
		if (v > (U64_MAX - d) / base)
			return crashk_fail(c, start, CRASHK_E_OVERFLOW);
		v = v * base + d;
		c->p++;
	}
	if (c->p == start)
		return crashk_fail(c, start, CRASHK_E_NUMBER);

	switch (tolower(crashk_peek(c))) {
	case 'e':
		shift += 10;
		fallthrough;
	case 'p':
		shift += 10;
		fallthrough;
	case 't':
		shift += 10;
		fallthrough;
	case 'g':
		shift += 10;
		fallthrough;
	case 'm':
		shift += 10;
		fallthrough;
	case 'k':
		shift += 10;
		c->p++;
		break;
	default:
		break;
	}
	if (shift && v > (U64_MAX >> shift))
		return crashk_fail(c, start, CRASHK_E_OVERFLOW);
	*val = v << shift;
	return 0;
}

/* The value must end here; say why not. */
static int crashk_expect_end(struct crashk_cursor *c)
{
	if (c->p >= c->end)
		return 0;
	return crashk_fail(c, c->p, *c->p == ',' ? CRASHK_E_SUFFIX :
						   CRASHK_E_TRAILING);
}

/* "@offset", if present. Upstream reads a missing offset as 0. */
static int crashk_offset(struct crashk_cursor *c, struct crashk_request *req)
{
	const char *at = c->p;
	u64 base;

	if (crashk_peek(c) != '@')
		return 0;
	c->p++;
	if (crashk_size(c, &base))
		return crashk_fail(c, at, CRASHK_E_OFFSET);
	/* @0 asks for no particular place, as upstream treats it. */
	req->base = base;
	req->fixed = base != 0;
	return 0;
}

static int crashk_parse_simple(struct crashk_cursor *c,
			       struct crashk_request *req)
{
	const char *at = c->p;
	int ret;

	req->form = CRASHK_FORM_SIMPLE;
	ret = crashk_size(c, &req->size);
	if (ret)
		return ret;
	if (!req->size)
		return crashk_fail(c, at, CRASHK_E_ZERO);
	ret = crashk_offset(c, req);
	if (ret)
		return ret;
	return crashk_expect_end(c);
}

/*
 * start-[end]:size[,start-[end]:size...][@offset]. The first range holding
 * the rounded-up RAM size wins, as upstream. Unlike upstream, every entry is
 * checked, and entries must ascend without overlapping, so an entry after
 * the match cannot hide a typo.
 */
static int crashk_parse_ranges(struct crashk_cursor *c, u64 system_ram,
			       struct crashk_request *req)
{
	u64 total = (system_ram + CRASHK_RAM_ROUND - 1) / CRASHK_RAM_ROUND *
		    CRASHK_RAM_ROUND;
	const char *value = c->p;
	bool any_size = false;
	u64 prev_end = 0;
	int index = 0, ret;

	req->form = CRASHK_FORM_RANGE;
	do {
		const char *entry = c->p, *size_at;
		u64 start, end = U64_MAX, size;

		ret = crashk_size(c, &start);
		if (ret)
			return ret;
		if (crashk_peek(c) != '-')
			return crashk_fail(c, c->p, CRASHK_E_RANGE_DASH);
		c->p++;
		if (crashk_peek(c) != ':') {
			ret = crashk_size(c, &end);
			if (ret)
				return ret;
			if (end <= start)
				return crashk_fail(c, entry,
						   CRASHK_E_RANGE_REVERSED);
		}
		if (crashk_peek(c) != ':')
			return crashk_fail(c, c->p, CRASHK_E_RANGE_COLON);
		c->p++;
		size_at = c->p;
		ret = crashk_size(c, &size);
		if (ret)
			return ret;
		if (index && start < prev_end)
			return crashk_fail(c, entry, CRASHK_E_RANGE_OVERLAP);
		any_size |= size != 0;
		if (req->range_index < 0) {
			/* Upstream checks sizes up to and including the match. */
			if (size >= total)
				return crashk_fail(c, size_at,
						   CRASHK_E_TOO_LARGE);
			if (total >= start && total < end) {
				req->range_index = index;
				req->size = size;
			}
		}
		prev_end = end;
		index++;
	} while (crashk_peek(c) == ',' && c->p++);

	/* Zero on every machine is crashkernel=0 spelled long. */
	if (!any_size)
		return crashk_fail(c, value, CRASHK_E_ZERO);
	ret = crashk_offset(c, req);
	if (ret)
		return ret;
	return crashk_expect_end(c);
}

/* size,high or size,low: the word is known to end in @suffix. */
static int crashk_parse_suffixed(struct crashk_cursor *c, const char *suffix,
				 u64 *size)
{
	int ret;

	ret = crashk_size(c, size);
	if (ret)
		return ret;
	if (c->p != c->end - strlen(suffix))
		return crashk_fail(c, c->p, crashk_peek(c) == ',' ?
				   CRASHK_E_SUFFIX : CRASHK_E_TRAILING);
	c->p = c->end;
	return 0;
}

/*
 * Words are what upstream's parser takes them to be: runs of characters
 * other than ' '. Quotes do not group, so no quoted value of another
 * parameter can hide a crashkernel= from the NAME check below.
 */
static const char *crashk_next_word(const char *p, const char **end)
{
	while (*p == ' ')
		p++;
	if (!*p)
		return NULL;
	*end = p;
	while (**end && **end != ' ')
		(*end)++;
	return p;
}

static bool crashk_ends_with(const char *word, const char *end,
			     const char *suffix)
{
	size_t n = strlen(suffix);

	return (size_t)(end - word) >= n && !memcmp(end - n, suffix, n);
}

/* The last crashkernel= word of one kind, as upstream picks it. */
struct crashk_word {
	const char *start;
	const char *end;
	unsigned int count;
};

static void crashk_word_seen(struct crashk_word *w, const char *start,
			     const char *end)
{
	w->start = start;
	w->end = end;
	w->count++;
}

static void crashk_cursor_init(struct crashk_cursor *c, const char *cmdline,
			       const struct crashk_word *w,
			       struct crashk_error *err)
{
	c->cmdline = cmdline;
	c->p = w->start + CRASHK_NAME_LEN;
	c->end = w->end;
	c->err = err;
}

static int crashk_parse_plain(const char *cmdline, const struct crashk_word *w,
			      u64 system_ram, struct crashk_request *req,
			      struct crashk_error *err)
{
	struct crashk_cursor c;
	int ret;

	crashk_cursor_init(&c, cmdline, w, err);
	if (c.p == c.end)
		return crashk_fail(&c, c.p, CRASHK_E_EMPTY);
	/* Named, since "a size is expected" leaves the administrator guessing. */
	if (c.end - c.p == 4 && !memcmp(c.p, "auto", 4))
		return crashk_fail(&c, c.p, CRASHK_E_AUTO);
	if (memchr(c.p, ':', c.end - c.p))
		ret = crashk_parse_ranges(&c, system_ram, req);
	else
		ret = crashk_parse_simple(&c, req);
	if (ret)
		return ret;
	if (req->size >= system_ram && req->size)
		return crashk_fail(&c, w->start + CRASHK_NAME_LEN,
				   CRASHK_E_TOO_LARGE);
	return 0;
}

static int crashk_parse_high(const char *cmdline, const struct crashk_word *high,
			     const struct crashk_word *low, u64 system_ram,
			     u64 default_low_size, struct crashk_request *req,
			     struct crashk_error *err)
{
	struct crashk_cursor c;
	int ret;

	req->form = CRASHK_FORM_HIGH;
	req->high = true;
	crashk_cursor_init(&c, cmdline, high, err);
	ret = crashk_parse_suffixed(&c, CRASHK_HIGH, &req->size);
	if (ret)
		return ret;
	if (!req->size)
		return crashk_fail(&c, high->start + CRASHK_NAME_LEN,
				   CRASHK_E_ZERO);
	if (req->size >= system_ram)
		return crashk_fail(&c, high->start + CRASHK_NAME_LEN,
				   CRASHK_E_TOO_LARGE);

	req->low_size = default_low_size;
	if (low->start) {
		/* crashkernel=0,low is how one asks for no low chunk. */
		crashk_cursor_init(&c, cmdline, low, err);
		ret = crashk_parse_suffixed(&c, CRASHK_LOW, &req->low_size);
		if (ret)
			return ret;
		req->low_given = true;
		req->low_value_pos = low->start + CRASHK_NAME_LEN - cmdline;
		req->low_value_len = low->end - low->start - CRASHK_NAME_LEN;
	}
	return 0;
}

/**
 * crashk_parse - parse the crashkernel= parameters of a command line
 * @cmdline: the whole kernel command line
 * @system_ram: bytes of RAM, for the range form and the size check
 * @default_low_size: low chunk for size,high when no size,low is given
 * @req: the request, filled on success
 * @err: the error and its position, filled on -EINVAL
 *
 * Return: 0 with @req filled (req->size may be 0: a range form that asks for
 * nothing on this machine), -ENOENT without any crashkernel=, or -EINVAL
 * for a malformed value.
 */
int crashk_parse(const char *cmdline, u64 system_ram, u64 default_low_size,
		 struct crashk_request *req, struct crashk_error *err)
{
	struct crashk_word plain = {}, high = {}, low = {};
	struct crashk_cursor c = { .cmdline = cmdline, .err = err };
	const char *word, *end = cmdline, *hit;
	int ret;

	memset(req, 0, sizeof(*req));
	req->range_index = -1;
	err->code = CRASHK_OK;
	err->pos = 0;

	for (word = crashk_next_word(cmdline, &end); word;
	     word = crashk_next_word(end, &end)) {
		size_t len = end - word;

		if (len == CRASHK_NAME_LEN - 1 &&
		    !memcmp(word, CRASHK_NAME, len))
			return crashk_fail(&c, word, CRASHK_E_EMPTY);
		/* Upstream would find crashkernel= inside any word and use it. */
		hit = strnstr(word + 1, CRASHK_NAME, len - 1);
		if (hit)
			return crashk_fail(&c, hit, CRASHK_E_NAME);
		if (len < CRASHK_NAME_LEN ||
		    memcmp(word, CRASHK_NAME, CRASHK_NAME_LEN))
			continue;
		if (crashk_ends_with(word, end, CRASHK_HIGH))
			crashk_word_seen(&high, word, end);
		else if (crashk_ends_with(word, end, CRASHK_LOW))
			crashk_word_seen(&low, word, end);
		else
			crashk_word_seen(&plain, word, end);
	}

	/* A plain crashkernel= anywhere makes upstream ignore ,high and ,low. */
	if (plain.start) {
		req->overridden = plain.count - 1 + high.count + low.count;
		req->value_pos = plain.start + CRASHK_NAME_LEN - cmdline;
		req->value_len = plain.end - plain.start - CRASHK_NAME_LEN;
		ret = crashk_parse_plain(cmdline, &plain, system_ram, req, err);
	} else if (high.start) {
		req->overridden = high.count - 1 + (low.count ? low.count - 1 : 0);
		req->value_pos = high.start + CRASHK_NAME_LEN - cmdline;
		req->value_len = high.end - high.start - CRASHK_NAME_LEN;
		ret = crashk_parse_high(cmdline, &high, &low, system_ram,
					default_low_size, req, err);
	} else if (low.start) {
		ret = crashk_fail(&c, low.start, CRASHK_E_LOW_WITHOUT_HIGH);
	} else {
		ret = -ENOENT;
	}
	return ret;
}

static const char *const crashk_errors[CRASHK_E_MAX] = {
	[CRASHK_OK]		   = "no error",
	[CRASHK_E_EMPTY]	   = "crashkernel= has no value; write a size such as crashkernel=256M",
	[CRASHK_E_NUMBER]	   = "a size is expected here: digits (0x for hex) and an optional K, M, G, T, P or E",
	[CRASHK_E_OVERFLOW]	   = "the size does not fit in 64 bits",
	[CRASHK_E_TRAILING]	   = "unexpected character after the value; remove it",
	[CRASHK_E_SUFFIX]	   = "only ,high or ,low may follow a size",
	[CRASHK_E_ZERO]		   = "a size of zero reserves nothing; remove the parameter or give a size",
	[CRASHK_E_RANGE_DASH]	   = "'-' expected after the start of a range (start-[end]:size)",
	[CRASHK_E_RANGE_COLON]	   = "':' expected after a range (start-[end]:size)",
	[CRASHK_E_RANGE_REVERSED]  = "the range ends at or below its start",
	[CRASHK_E_RANGE_OVERLAP]   = "the range starts below the end of the previous one; list ranges in ascending order without overlap",
	[CRASHK_E_OFFSET]	   = "an offset is expected after '@'",
	[CRASHK_E_NAME]		   = "crashkernel= inside another parameter; crashkernel= must be a parameter of its own",
	[CRASHK_E_TOO_LARGE]	   = "the size is not below the system RAM",
	[CRASHK_E_LOW_WITHOUT_HIGH] = "crashkernel=SIZE,low needs crashkernel=SIZE,high as well",
	[CRASHK_E_AUTO]		   = "crashkernel=auto was RHEL's and no upstream kernel takes it; write a size such as crashkernel=256M, or the one 'crashctl estimate' prints",
};

const char *crashk_strerror(enum crashk_err code)
{
	if (code >= CRASHK_E_MAX || !crashk_errors[code])
		return "unknown error";
	return crashk_errors[code];
}

const char *crashk_form_name(enum crashk_form form)
{
	switch (form) {
	case CRASHK_FORM_SIMPLE:
		return "simple";
	case CRASHK_FORM_RANGE:
		return "range";
	case CRASHK_FORM_HIGH:
		return "high";
	default:
		return "none";
	}
}
