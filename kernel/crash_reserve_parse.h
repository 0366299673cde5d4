/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Strict parser for the crashkernel= boot parameter.
 */
#ifndef _CRASH_RESERVE_PARSE_H
#define _CRASH_RESERVE_PARSE_H

#include <linux/types.h>

enum crashk_form {
	CRASHK_FORM_NONE,
	CRASHK_FORM_SIMPLE,	/* size[@offset] */
	CRASHK_FORM_RANGE,	/* start-[end]:size[,...][@offset] */
	CRASHK_FORM_HIGH,	/* size,high [size,low] */
};

enum crashk_err {
	CRASHK_OK,
	CRASHK_E_EMPTY,		/* crashkernel= with no value */
	CRASHK_E_NUMBER,	/* a size was expected here */
	CRASHK_E_OVERFLOW,	/* the size does not fit in 64 bits */
	CRASHK_E_TRAILING,	/* characters after a complete value */
	CRASHK_E_SUFFIX,	/* ',' followed by neither high nor low */
	CRASHK_E_ZERO,		/* a size of zero bytes */
	CRASHK_E_RANGE_DASH,	/* '-' expected after a range start */
	CRASHK_E_RANGE_COLON,	/* ':' expected after a range */
	CRASHK_E_RANGE_REVERSED, /* range end not above its start */
	CRASHK_E_RANGE_OVERLAP,	/* range starts below the previous end */
	CRASHK_E_OFFSET,	/* '@' without an offset */
	CRASHK_E_NAME,		/* a parameter that merely ends in crashkernel= */
	CRASHK_E_TOO_LARGE,	/* size not below system RAM */
	CRASHK_E_LOW_WITHOUT_HIGH, /* ,low given but no ,high */
	CRASHK_E_AUTO,		/* crashkernel=auto, which no upstream kernel takes */
	CRASHK_E_MAX,
};

struct crashk_error {
	enum crashk_err code;
	size_t pos;		/* byte offset into the command line */
};

struct crashk_request {
	enum crashk_form form;
	u64 size;		/* 0: nothing to reserve on this machine */
	u64 base;		/* meaningful only if @fixed */
	bool fixed;		/* @offset was given */
	bool high;		/* size,high */
	u64 low_size;		/* low chunk with ,high */
	bool low_given;		/* low_size came from size,low */
	int range_index;	/* matching entry of the range form, or -1 */
	unsigned int overridden; /* earlier crashkernel= the last one beats */
	size_t value_pos;	/* the value in use: offset into the cmdline */
	size_t value_len;
	size_t low_value_pos;	/* the size,low value, if low_given */
	size_t low_value_len;
};

int crashk_parse(const char *cmdline, u64 system_ram, u64 default_low_size,
		 struct crashk_request *req, struct crashk_error *err);
const char *crashk_strerror(enum crashk_err code);
const char *crashk_form_name(enum crashk_form form);

#endif /* _CRASH_RESERVE_PARSE_H */
