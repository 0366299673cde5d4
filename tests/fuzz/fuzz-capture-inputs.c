// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the capture side's parsers of outside input: udev's
 * database of a device with an Assemble= step, Target=ssh:// and
 * /proc/net/route (libblkid reads superblocks), mountinfo, the VMCOREINFO
 * note, capture.conf and the panic log (libkmod reads the module indexes).
 * The first byte picks the parser; the rest is its input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "capture-conf.h"
#include "fuzz-input.h"
#include "dump-meta.h"
#include "dump-target.h"
#include "assemble.h"
#include "net-config.h"
#include "remote-target.h"
#include "udev-db.h"
#include "vmcoreinfo.h"

/*
 * An accepted Target=ssh:// has nothing a remote shell or ssh's option
 * parser would act on, and reads back the same; a route is an interface.
 */
static void fuzz_network(const char *text)
{
	struct remote_target t, again;
	char why[256], url[700], ifname[17];
	uint32_t gw;

	if (remote_target_parse(text, &t, why, sizeof(why)) == 0) {
		if (strpbrk(t.path, "'\"$`;&|<>()\\ \t\n*?[]{}~!#") || t.user[0] == '-' || t.host[0] == '-' ||
		    strstr(t.path, "/../") || !t.port)
			abort();
		remote_target_format(&t, url, sizeof(url));
		if (remote_target_parse(url, &again, why, sizeof(why)) != 0 || memcmp(&t, &again, sizeof(t)))
			abort();
	}
	if (net_route_pick(text, 0x0202000a, ifname, sizeof(ifname), &gw) == 0 && !ifname[0])
		abort();
}

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
		struct block_id id;
		struct assemble_step step;

		if (udev_db_text_block_id(text, &id) == 0 && !id.type[0] && !id.partuuid[0])
			abort();
		if (assemble_step_parse(text, &step) == 0 &&
		    (strpbrk(step.what, " \t\n") || step.what[0] == '-' || !step.argv[0]))
			abort();
		fuzz_network(text);
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

		if (capture_conf_parse(text, &c, &p) == 0 && ((!c.target[0] && !c.remote[0]) || c.level > 31))
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
