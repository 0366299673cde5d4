// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the capture side's parsers of outside input: a
 * superblock, mountinfo, the VMCOREINFO note, capture.conf and the panic
 * log (libkmod reads the module indexes). The first byte picks the parser;
 * the rest is its input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture-conf.h"
#include "fuzz-input.h"
#include "dump-meta.h"
#include "dump-target.h"
#include "fs-probe.h"
#include "vmcoreinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;

	if (size < 1)
		return 0;
	text = fuzz_text(data + 1, size - 1);
	if (!text)
		return 0;

	switch (data[0] % 5) {
	case 0: {
		struct fs_id id;

		if (fs_probe_buffer(data + 1, size - 1, &id) &&
		    (strlen(id.uuid) != 36 || strlen(id.label) >= sizeof(id.label)))
			abort();
		break;
	}
	case 1: {
		struct mount_entry m;

		if (mountinfo_find(text, "/var/crash", &m) == 0 && strncmp("/var/crash", m.point, strlen(m.point)))
			abort();
		break;
	}
	case 2: {
		struct vmcoreinfo vi;

		vmcoreinfo_parse(text, size - 1, &vi);
		if (strlen(vi.osrelease) >= sizeof(vi.osrelease))
			abort();
		break;
	}
	case 3: {
		struct capture_conf c;
		struct problem p = {};

		if (capture_conf_parse(text, &c, &p) == 0 && (!c.target[0] || c.level > 31))
			abort();
		break;
	}
	default: {
		char line[128];

		dump_panic_line(text, line, sizeof(line));
		if (strlen(line) >= sizeof(line))
			abort();
	}
	}
	free(text);
	return 0;
}
