// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for control-socket requests as crashd reads them: a
 * request is accepted only as a known method, and the method's name reads
 * back as the request named it.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "control-protocol.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum control_method m;
	char *text;
	int r;

	if (size >= CONTROL_MAX_REQUEST)
		return 0;
	text = fuzz_text(data, size);
	if (!text)
		return 0;
	r = control_request_parse(text, &m);
	if (r == 0 && (m >= _CONTROL_METHOD_MAX || !strstr(text, control_method_name(m))))
		abort();
	if (r != 0 && r != -EBADMSG && r != -EOPNOTSUPP)
		abort();
	free(text);
	return 0;
}
