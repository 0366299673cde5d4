// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl kernel-map: where the running kernel maps memory, read from
 * /proc/kcore's program headers, for crashd's own loader (Loader=elf).
 * crashd.service runs it as root before crashd starts, whose sandbox
 * hides /proc/kcore; the file stays root's, as it tells KASLR's secret.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "crashctl.h"
#include "kernel-map.h"
#include "util.h"

int verb_kernel_map(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "write", required_argument, NULL, 'w' },
		{ "json", no_argument, NULL, 'j' },
		{}
	};
	const char *out = NULL;
	struct kernel_map km;
	struct problem p = {};
	bool json = false;
	char text[256];
	int c, r;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) >= 0)
		switch (c) {
		case 'w':
			out = optarg;
			break;
		case 'j':
			json = true;
			break;
		default:
			return usage_error("kernel-map", "unknown option");
		}
	if (optind < argc)
		return usage_error("kernel-map", "unexpected argument '%s'", argv[optind]);
	r = kernel_map_read_kcore(KERNEL_MAP_KCORE, &km, &p);
	if (r < 0)
		return verb_fail("kernel-map", json, CRASHCTL_EXIT_FAILED, p.fix, "%s", p.what);
	kernel_map_format(&km, text, sizeof(text));
	if (out) {
		r = write_file_atomic(out, text, 0600);
		if (r < 0)
			return verb_fail("kernel-map", json, CRASHCTL_EXIT_FAILED, "check that its directory exists",
					 "cannot write %s: %s", out, strerror(-r));
	}
	if (json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "page_offset", json_object_new_uint64(km.page_offset));
		json_object_object_add(o, "text_start", json_object_new_uint64(km.text.start));
		json_object_object_add(o, "text_end", json_object_new_uint64(km.text.end));
		json_object_object_add(o, "text_vaddr", json_object_new_uint64(km.text_vaddr));
		if (out)
			json_object_object_add(o, "written", json_object_new_string(out));
		print_json(o);
		json_object_put(o);
	} else if (!out) {
		fputs(text, stdout);
	}
	return CRASHCTL_EXIT_OK;
}
