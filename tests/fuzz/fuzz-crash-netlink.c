// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the parser of the kernel's crash_reserve messages:
 * any attribute stream either is refused or gives digests of 64 hex digits
 * (or none), and strings that end inside their buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crash-netlink.h"
#include "fuzz-input.h"

static void check_hex(const char *h, bool has)
{
	if (has ? strspn(h, "0123456789abcdef") != 64 || h[64] : h[0] != '\0')
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = fuzz_bytes(data, size);
	struct crash_nl_state st;

	if (!copy)
		return 0;
	/* libnl reads attributes in place: 4-byte aligned, as a socket buffer is. */
	if (crash_nl_parse(copy, size, &st) == 0) {
		check_hex(st.image.kernel_sha256, st.image.has_kernel_sha256);
		check_hex(st.image.initrd_sha256, st.image.has_initrd_sha256);
		check_hex(st.image.segments_sha256, st.image.has_segments_sha256);
		if (strnlen(st.image.cmdline, sizeof(st.image.cmdline)) == sizeof(st.image.cmdline) ||
		    strnlen(st.policy, sizeof(st.policy)) == sizeof(st.policy) ||
		    strnlen(st.reason, sizeof(st.reason)) == sizeof(st.reason))
			abort();
	}
	free(copy);
	return 0;
}
