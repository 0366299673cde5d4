// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl plan: what a crashkernel= value would reserve, computed by the
 * kernel's own parser and hole picker (kernel/), before anyone reboots.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <json-c/json.h>

#include "crash_hole.h"
#include "crash_reserve_parse.h"
#include "crashctl.h"
#include "iomem.h"
#include "util.h"

struct plan {
	const char *cmdline;
	uint64_t ram;
	bool have_map;
	int parse_ret;
	struct crashk_request req;
	struct crashk_error err;
	int pick_ret;
	struct crash_hole_request hreq;
	struct crash_hole_choice choice;
	char sentence[256];
};

static void print_caret(const char *cmdline, size_t pos)
{
	fprintf(stderr, "    %s\n    %*s^ at character %zu\n", cmdline, (int) pos, "", pos + 1);
}

static json_object *plan_json(const struct plan *p)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "cmdline", json_object_new_string(p->cmdline));
	json_object_object_add(o, "ram", json_object_new_uint64(p->ram));
	if (p->parse_ret == -EINVAL) {
		json_object *e = json_object_new_object();

		json_object_object_add(e, "message", json_object_new_string(crashk_strerror(p->err.code)));
		json_object_object_add(e, "position", json_object_new_int64(p->err.pos));
		json_object_object_add(o, "error", e);
		return o;
	}
	json_object_object_add(o, "requested", json_object_new_boolean(p->parse_ret == 0));
	json_object_object_add(o, "form", json_object_new_string(crashk_form_name(p->req.form)));
	json_object_object_add(o, "size", json_object_new_uint64(p->req.size));
	json_object_object_add(o, "base", json_object_new_uint64(p->req.fixed ? p->req.base : 0));
	json_object_object_add(o, "fixed", json_object_new_boolean(p->req.fixed));
	json_object_object_add(o, "high", json_object_new_boolean(p->req.high));
	json_object_object_add(o, "low_size", json_object_new_uint64(p->req.high ? p->req.low_size : 0));
	if (p->req.form == CRASHK_FORM_RANGE)
		json_object_object_add(o, "range_index", json_object_new_int(p->req.range_index));
	if (p->have_map && p->parse_ret == 0 && p->req.size) {
		json_object *c = json_object_new_object();

		json_object_object_add(c, "reason", json_object_new_string(crash_reserve_reason_name(p->choice.reason)));
		json_object_object_add(c, "reserved", json_object_new_boolean(p->pick_ret == 0));
		json_object_object_add(c, "base", json_object_new_uint64(p->pick_ret ? 0 : p->choice.base));
		json_object_object_add(c, "size", json_object_new_uint64(p->pick_ret ? 0 : p->choice.size));
		json_object_object_add(c, "low_base", json_object_new_uint64(p->pick_ret ? 0 : p->choice.low_base));
		json_object_object_add(c, "low_size", json_object_new_uint64(p->pick_ret ? 0 : p->choice.low_size));
		json_object_object_add(c, "sentence", json_object_new_string(p->sentence));
		json_object_object_add(o, "choice", c);
	}
	return o;
}

static void plan_print(const struct plan *p)
{
	char a[FORMAT_BYTES_MAX], b[FORMAT_BYTES_MAX];

	if (p->parse_ret == -ENOENT) {
		printf("No crashkernel= in: %s\n", p->cmdline);
		return;
	}
	printf("crashkernel=%.*s (%s form, RAM %s)\n", (int) p->req.value_len,
	       p->cmdline + p->req.value_pos, crashk_form_name(p->req.form),
	       format_bytes(a, sizeof(a), p->ram));
	if (p->req.form == CRASHK_FORM_RANGE)
		printf("  range     %s\n", p->req.range_index < 0 ? "none matches this RAM size" :
		       "entry that matches this RAM size");
	printf("  size      %s\n", p->req.size ? format_bytes(a, sizeof(a), p->req.size) : "0 (nothing to reserve)");
	if (p->req.fixed)
		printf("  base      0x%" PRIx64 " (fixed)\n", (uint64_t) p->req.base);
	else
		printf("  base      chosen by the kernel\n");
	if (p->req.high && !p->req.low_size)
		printf("  high      yes, with no low chunk (crashkernel=0,low)\n");
	else if (p->req.high)
		printf("  high      yes, with a %s low chunk%s\n", format_bytes(b, sizeof(b), p->req.low_size),
		       p->req.low_given ? "" : " (default)");
	if (p->req.overridden)
		printf("  note      %u other crashkernel= on the line %s ignored: the last one wins\n",
		       p->req.overridden, p->req.overridden == 1 ? "is" : "are");
	if (!p->have_map)
		printf("  placement not computed (no memory map; give --iomem FILE or run without --ram)\n");
	else if (p->req.size)
		printf("  placement %s\n", p->sentence);
}

/* Exit status 1 always comes with its reason on stderr. */
static void plan_why_nothing(const struct plan *p)
{
	char ram[FORMAT_BYTES_MAX];

	if (p->parse_ret == -ENOENT)
		fprintf(stderr, "crashctl plan: nothing would be reserved: no crashkernel= in the command line\n");
	else if (!p->req.size && p->req.form == CRASHK_FORM_RANGE && p->req.range_index < 0)
		fprintf(stderr, "crashctl plan: nothing would be reserved: no range entry holds this machine's %s of RAM\n",
			format_bytes(ram, sizeof(ram), p->ram));
	else if (!p->req.size)
		fprintf(stderr, "crashctl plan: nothing would be reserved: the range entry for %s of RAM asks for 0 bytes\n",
			format_bytes(ram, sizeof(ram), p->ram));
	else
		fprintf(stderr, "crashctl plan: nothing would be reserved: %s\n", p->sentence);
}

int verb_plan(int argc, char **argv)
{
	static const struct option options[] = {
		{ "ram",   required_argument, NULL, 'r' },
		{ "iomem", required_argument, NULL, 'i' },
		{ "json",  no_argument,       NULL, 'j' },
		{ "help",  no_argument,       NULL, 'h' },
		{}
	};
	_cleanup_free_ char *proc_cmdline = NULL;
	_cleanup_free_ struct phys_range *free_ranges = NULL;
	_cleanup_free_ struct crash_hole_range *holes = NULL;
	struct iomem_map map = {};
	const char *iomem_path = NULL;
	bool json = false, ram_given = false;
	struct plan p = {};
	int c, r, ret;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0)
		switch (c) {
		case 'r':
			if (parse_size(optarg, &p.ram) < 0 || !p.ram)
				return usage_error("plan", "--ram '%s' is not a size; write e.g. 2G or 2048M", optarg);
			ram_given = true;
			break;
		case 'i':
			iomem_path = optarg;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			printf("Usage: crashctl plan [--ram SIZE] [--iomem FILE] [--json] ['CMDLINE']\n"
			       "Shows what CMDLINE (default: /proc/cmdline) would reserve on this machine,\n"
			       "or on the one described by --ram and --iomem.\n");
			return CRASHCTL_EXIT_OK;
		default:
			return CRASHCTL_EXIT_USAGE;
		}
	if (argc - optind > 1)
		return usage_error("plan", "give the command line as one argument, in quotes");
	if (optind < argc)
		p.cmdline = argv[optind];
	else {
		/* Without the newline /proc/cmdline adds to the kernel's own copy. */
		r = read_one_line_file("/proc/cmdline", &proc_cmdline);
		if (r < 0) {
			return verb_fail("plan", json, CRASHCTL_EXIT_INVALID, NULL, "cannot read /proc/cmdline: %s",
					 strerror(-r));
		}
		p.cmdline = proc_cmdline;
	}

	/* --ram alone describes no memory map: parse only. */
	if (iomem_path || !ram_given) {
		const char *path = iomem_path ?: "/proc/iomem";
		unsigned line = 0;

		r = iomem_read(path, &map, &line);
		if (r == -EINVAL) {
			return verb_fail("plan", json, CRASHCTL_EXIT_INVALID, "give a copy of /proc/iomem",
					 "%s:%u: not an iomem line (\"start-end : name\", hex addresses)", path, line);
		}
		if (r == -EPERM) {
			return verb_fail("plan", json, CRASHCTL_EXIT_INVALID, "run as root, or give --ram SIZE to parse only",
					 "%s shows no addresses to this user", path);
		}
		if (r < 0) {
			return verb_fail("plan", json, CRASHCTL_EXIT_INVALID, NULL, "cannot read %s: %s", path,
					 read_file_strerror(r));
		}
		if (!ram_given)
			p.ram = iomem_ram_bytes(&map);
		if (!p.ram) {
			iomem_free(&map);
			return verb_fail("plan", json, CRASHCTL_EXIT_INVALID, "give a copy of /proc/iomem",
					 "%s has no \"System RAM\"", path);
		}
		p.have_map = true;
	}

	p.parse_ret = crashk_parse(p.cmdline, p.ram, CRASH_HOLE_X86_64_DEFAULT_LOW, &p.req, &p.err);
	if (p.parse_ret == 0 && p.req.size && p.have_map) {
		r = iomem_free_ranges(&map, &free_ranges);
		holes = r > 0 ? calloc(r, sizeof(*holes)) : NULL;
		if (r < 0 || (r > 0 && !holes)) {
			iomem_free(&map);
			fprintf(stderr, "crashctl plan: out of memory\n");
			return CRASHCTL_EXIT_FAILED;
		}
		for (int i = 0; i < r; i++)
			holes[i] = (struct crash_hole_range) { free_ranges[i].start, free_ranges[i].end };
		crash_hole_request_from(&p.req, &CRASH_HOLE_LIMITS_X86_64, &p.hreq);
		p.pick_ret = crash_hole_pick(holes, r, &p.hreq, &p.choice);
		crash_hole_describe(&p.hreq, &p.choice, p.sentence, sizeof(p.sentence));
	}
	iomem_free(&map);

	if (p.parse_ret == -EINVAL)
		ret = CRASHCTL_EXIT_INVALID;
	else if (p.parse_ret == -ENOENT || !p.req.size || (p.have_map && p.pick_ret))
		ret = CRASHCTL_EXIT_FAILED;
	else
		ret = CRASHCTL_EXIT_OK;
	if (json) {
		json_object *o = plan_json(&p);

		json_object_object_add(o, "ok", json_object_new_boolean(ret == CRASHCTL_EXIT_OK));
		print_json(o);
		json_object_put(o);
	} else if (p.parse_ret != -EINVAL) {
		plan_print(&p);
	}

	if (p.parse_ret == -EINVAL) {
		fprintf(stderr, "crashctl plan: crashkernel= rejected: %s\n", crashk_strerror(p.err.code));
		print_caret(p.cmdline, p.err.pos);
	} else if (ret == CRASHCTL_EXIT_FAILED) {
		plan_why_nothing(&p);
	}
	return ret;
}
