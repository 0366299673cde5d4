// SPDX-License-Identifier: GPL-2.0-only
/* crashctl build-initramfs and test: the capture side. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <sys/stat.h>

#include "bzimage.h"
#include "capture-build.h"
#include "config.h"
#include "control-client.h"
#include "control-protocol.h"
#include "crashctl.h"
#include "remote-target.h"
#include "nfs-mount.h"
#include "ssh-probe.h"
#include "dumps.h"
#include "image.h"
#include "kexec.h"
#include "panic-kernel.h"
#include "region.h"
#include "util.h"

static const char *config_path(void)
{
	return getenv("CRASHD_CONFIG") ?: CRASHD_CONFIG_PATH;
}

int load_config(struct crashd_config *c, const char *verb, bool json)
{
	const char *path = config_path();
	_cleanup_free_ char *all = NULL;
	struct config_errors e;

	config_defaults(c);
	if (config_load(path, c, &e) < 0) {
		config_free(c);
		all = config_errors_format(&e, path, "\n");
		return verb_fail(verb, json, CRASHCTL_EXIT_INVALID, NULL, "%s", all ?: "out of memory");
	}
	return 0;
}

int release_of(const char *kernel, char *out, size_t len, uint32_t *init_size, const char *verb, bool json)
{
	struct image img;
	struct bzimage_info info;
	struct problem p = {};
	int r;

	r = image_load(kernel, &img, &p);
	if (r >= 0)
		r = bzimage_inspect(img.data, img.size, &info, &p);
	image_release(&img);
	if (r < 0)
		return verb ? verb_fail(verb, json, CRASHCTL_EXIT_INVALID, p.fix, "%s: %s", kernel, p.what) :
			      CRASHCTL_EXIT_INVALID;
	kernel_release_of(info.version, out, len);
	if (init_size)
		*init_size = info.init_size;
	return 0;
}

int verb_build_initramfs(int argc, char **argv)
{
	static const struct option options[] = {
		{ "kernel",    required_argument, NULL, 'k' },
		{ "output",    required_argument, NULL, 'o' },
		{ "collector", required_argument, NULL, 'c' },
		{ "makedumpfile", required_argument, NULL, 'm' },
		{ "json",      no_argument,       NULL, 'j' },
		{}
	};
	_cleanup_free_ char *kernel = NULL;
	const char *output = NULL, *collector = NULL, *makedumpfile = NULL, *kind = "configured";
	struct panic_kernel k;
	struct crashd_config c;
	struct capture_report rep;
	struct capture_build b = {};
	struct problem p = {};
	char release[128], size[FORMAT_BYTES_MAX];
	bool json = false;
	int opt, r;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) >= 0)
		switch (opt) {
		case 'k':
			kernel = strdup(optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'c':
			collector = optarg;
			break;
		case 'm':
			makedumpfile = optarg;
			break;
		case 'j':
			json = true;
			break;
		default:
			return CRASHCTL_EXIT_USAGE;
		}
	if (optind < argc)
		return usage_error("build-initramfs", "unexpected argument '%s'", argv[optind]);
	if ((r = load_config(&c, "build-initramfs", json)) != 0)
		return r;
	if (!kernel) {
		if (panic_kernel_choose(&c, NULL, &k) < 0)
			return verb_fail("build-initramfs", json, CRASHCTL_EXIT_FAILED, NULL, "out of memory");
		kernel = k.path;
		kind = panic_kernel_kind_name(k.kind);
		if (k.fell_back)
			fprintf(stderr, "Not for crashd's capture kernel: %s; %s.\n", k.why.what, k.why.fix);
	}
	if ((r = release_of(kernel, release, sizeof(release), NULL, "build-initramfs", json)) != 0) {
		config_free(&c);
		return r;
	}
	b = (struct capture_build) { .config = &c, .kernel_release = release, .collector = collector,
				     .makedumpfile = makedumpfile, .output = output ?: c.initrd };
	r = capture_build(&b, &rep, &p);
	/* crashd rebuilds its own initramfs when the inputs change; these are current. */
	if (r >= 0 && !collector && !makedumpfile)
		(void) capture_inputs_record(&b, config_path());
	if (r < 0) {
		capture_report_free(&rep);
		config_free(&c);
		return verb_fail("build-initramfs", json, CRASHCTL_EXIT_INVALID, p.fix, "%s", p.what);
	}
	if (json) {
		json_object *o = json_object_new_object(), *mods = json_object_new_array();

		json_object_object_add(o, "output", json_object_new_string(b.output));
		json_object_object_add(o, "size", json_object_new_int64(rep.size));
		json_object_object_add(o, "kernel", json_object_new_string(kernel));
		json_object_object_add(o, "kernel_kind", json_object_new_string(kind));
		json_object_object_add(o, "kernel_release", json_object_new_string(release));
		json_object_object_add(o, "remote", json_object_new_string(rep.target.remote));
		if (rep.target.remote[0]) {
			json_object *net = json_object_new_object();

			json_object_object_add(net, "server", json_object_new_string(rep.target.net.server));
			json_object_object_add(net, "interface", json_object_new_string(rep.target.net.ifname));
			json_object_object_add(net, "mac", json_object_new_string(rep.target.net.mac));
			json_object_object_add(net, "address", json_object_new_string(rep.target.net.address));
			json_object_object_add(net, "gateway", json_object_new_string(rep.target.net.gateway));
			json_object_object_add(net, "driver", json_object_new_string(rep.target.net.driver));
			json_object_object_add(o, "network", net);
		}
		json_object_object_add(o, "target", json_object_new_string(rep.target.spec));
		json_object_object_add(o, "directory", json_object_new_string(rep.target.dir));
		json_object_object_add(o, "assemble", json_object_new_string(rep.target.assemble));
		{
			json_object *tools = json_object_new_array();

			for (size_t i = 0; i < rep.assemble_tools.n; i++)
				json_object_array_add(tools, json_object_new_string(rep.assemble_tools.v[i]));
			json_object_object_add(o, "assemble_tools", tools);
		}
		for (size_t i = 0; i < rep.modules.n; i++)
			json_object_array_add(mods, json_object_new_string(rep.modules.v[i]));
		json_object_object_add(o, "modules", mods);
		json_object_object_add(o, "programs", json_object_new_int(rep.programs.n));
		json_object_object_add(o, "modules_installed", json_object_new_boolean(!rep.no_module_dir));
		print_json(o);
		json_object_put(o);
	} else {
		printf("Built %s: %s, for kernel %s (%s%s)\n", b.output, format_bytes(size, sizeof(size), rep.size), release,
		       streq(kind, "capture") ? "crashd's capture kernel " : "", kernel);
		if (rep.target.remote[0])
			printf("  sent to      %s (%s), by %s (%s, %s) as %s%s%s\n  fallback     %s\n",
			       rep.target.remote, rep.target.net.server, rep.target.net.ifname,
			       rep.target.net.mac, rep.target.net.driver[0] ? rep.target.net.driver : "built in",
			       rep.target.net.address, rep.target.net.gateway[0] ? " via " : "", rep.target.net.gateway,
			       rep.target.spec[0] ? "below" : "none (Fallback=none)");
		if (rep.target.spec[0])
			printf("  dump target  %s%s%s%s, directory %s\n", rep.target.spec, rep.target.device[0] ? " (" : "",
		       rep.target.device, rep.target.device[0] ? ")" : "", rep.target.dir);
		if (rep.target.spec[0] && !rep.target.device[0])
			printf("               not on this system now: the capture system looks for it all the same\n");
		if (rep.target.assemble[0]) {
			printf("  assembles    %s, with", rep.target.assemble);
			for (size_t i = 0; i < rep.assemble_tools.n; i++)
				printf(" %s", rep.assemble_tools.v[i]);
			printf("\n");
		}
		printf("  programs     collector, makedumpfile%s and %zu libraries\n",
		       rep.assemble_tools.n ? ", the tools to assemble" : "", rep.programs.n - 2);
		if (rep.no_module_dir)
			printf("  modules      none: /lib/modules/%s is not installed, so the capture kernel\n"
			       "               has only its built-in drivers; install that kernel's modules\n"
			       "               package if the dump target needs a driver module\n", release);
		else
			printf("  modules      %zu%s\n", rep.modules.n, rep.modules.n ? "" : " (the drivers are built in)");
		for (size_t i = 0; i < rep.modules.n; i++)
			printf("               %s\n", rep.modules.v[i]);
	}
	capture_report_free(&rep);
	config_free(&c);
	return CRASHCTL_EXIT_OK;
}

/*
 * A test whose dump could go nowhere is no test: a Target= must be on the
 * system now (a disk plugged in for the capture only is the exception, and
 * the administrator knows it: --force). Without Target=, the file system
 * crashd found under Directory= when it armed is the target.
 */
static int test_target(bool json, bool force)
{
	struct crashd_config c;
	struct dump_target t;
	struct problem p = {};
	int r;

	if ((r = load_config(&c, "test", json)) != 0)
		return r;
	r = 0;
	if (c.dump_target && !force && dump_target_resolve(&c, NULL, &t, &p) >= 0 && !t.device[0] && !t.remote[0]) {
		problem(&p, -ENODEV, NULL, "the dump target %s is not on this system now, so the capture would save "
			"nothing", t.spec);
		snprintf(p.fix, sizeof(p.fix), "connect it, or correct Target= in %s; --force tests anyway",
			 config_source(&c));
		r = -ENODEV;
	}
	if (r == 0 && !force && remote_target_is_url(c.dump_target)) {
		struct remote_target rt;
		char why[256];

		r = remote_target_parse(c.dump_target, &rt, why, sizeof(why));
		if (r >= 0)
			r = rt.kind == REMOTE_NFS ? nfs_target_probe(&rt, &p) : ssh_target_probe(&rt, &p);
		else
			problem(&p, r, NULL, "Target=%s: %s", c.dump_target, why);
	}
	if (c.dump_target && !force)
		dump_target_free(&t);
	config_free(&c);
	return r < 0 ? verb_fail("test", json, CRASHCTL_EXIT_FAILED, p.fix, "%s", p.what) : 0;
}

int verb_test(int argc, char **argv)
{
	json_object *reply = NULL, *st, *state;
	const char *dir = getenv("CRASHD_RUNTIME_DIR") ?: CRASHD_RUNTIME_DIR;
	bool yes = false, json = false, force = false;
	int fd, r;

	for (int i = 1; i < argc; i++) {
		if (streq(argv[i], "--yes"))
			yes = true;
		else if (streq(argv[i], "--force"))
			force = true;
		else if (streq(argv[i], "--json"))
			json = true;
		else
			return usage_error("test", "unexpected argument '%s'", argv[i]);
	}
	if (!yes)
		return usage_error("test", "this crashes the machine on purpose; run 'crashctl test --yes' to do it");
	if (control_call(dir, "status", CONTROL_STATUS_TIMEOUT_USEC, &reply) < 0 || !json_object_object_get_ex(reply, "status", &st) ||
	    !json_object_object_get_ex(st, "state", &state) || !streq(json_object_get_string(state), "armed") ||
	    kexec_crash_loaded() != 1) {
		json_object_put(reply);
		return verb_fail("test", json, CRASHCTL_EXIT_FAILED, "see 'crashctl status'",
				 "nothing is armed, so a panic now would save nothing");
	}
	json_object_put(reply);
	if ((r = test_target(json, force)) != 0)
		return r;
	fd = open("/proc/sysrq-trigger", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return verb_fail("test", json, CRASHCTL_EXIT_FAILED, "run it as root", "/proc/sysrq-trigger: %s",
				 strerror(errno));
	if (json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "ok", json_object_new_boolean(true));
		json_object_object_add(o, "action", json_object_new_string("panic"));
		print_json(o);
		json_object_put(o);
	} else {
		printf("Armed. Syncing file systems and triggering a kernel panic now.\n");
	}
	fflush(stdout);
	sync();
	if (write(fd, "c", 1) != 1)
		return verb_fail("test", json, CRASHCTL_EXIT_FAILED, NULL, "/proc/sysrq-trigger: %s", strerror(errno));
	return CRASHCTL_EXIT_FAILED;	/* not reached: the kernel panicked */
}
