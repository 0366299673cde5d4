// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the reader of a capture kernel's log (a pstore
 * record, outside input after the reboot): never reads past the record,
 * and what it fills stays within its fields and says one known cause.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture-log.h"
#include "fuzz-input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = fuzz_bytes(data, size);
	struct capture_log log;

	if (!copy)
		return 0;
	/* Not NUL-terminated: the parser gets the length, as the record has it. */
	capture_log_parse((const char *) copy, size, &log);
	if (strnlen(log.boot_id, sizeof(log.boot_id)) == sizeof(log.boot_id) ||
	    strnlen(log.detail, sizeof(log.detail)) == sizeof(log.detail) ||
	    strnlen(log.tail, sizeof(log.tail)) == sizeof(log.tail) || log.cause > CAPTURE_UNKNOWN ||
	    !capture_cause_name(log.cause)[0] || (log.boot_id[0] && !log.is_capture))
		abort();
	free(copy);
	return 0;
}
