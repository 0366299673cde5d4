// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl estimate: the smallest crashkernel= from measured sizes
 * (estimate.h), for the panic kernel in use and, when crashd's capture
 * kernel is installed, for the other choice too, so that an administrator
 * sees what it saves.
 */
#include <errno.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crashctl.h"
#include "estimate.h"
#include "panic-kernel.h"
#include "util.h"

/* Not estimated: why. */
struct estimate_line {
	struct estimate e;
	char error[520];
};

static int estimate(const struct crashd_config *c, bool in_use, struct estimate_line *l, bool json)
{
	struct problem p = {};
	int r = estimate_compute(c, in_use, &l->e, &p);

	if (r >= 0)
		return 0;
	if (in_use)
		return verb_fail("estimate", json, CRASHCTL_EXIT_INVALID, p.fix, "%s", p.what);
	snprintf(l->error, sizeof(l->error), "%s; %s", p.what, p.fix);
	return 0;
}

static json_object *estimate_json(const struct estimate_line *l)
{
	const struct estimate *e = &l->e;
	json_object *o = json_object_new_object();

	json_object_object_add(o, "kernel", json_object_new_string(e->kernel));
	json_object_object_add(o, "kernel_kind", json_object_new_string(panic_kernel_kind_name(e->kind)));
	json_object_object_add(o, "kernel_release", json_object_new_string(e->release));
	if (l->error[0]) {
		json_object_object_add(o, "error", json_object_new_string(l->error));
		return o;
	}
	json_object_object_add(o, "crashkernel", json_object_new_int64(e->total));
	json_object_object_add(o, "crashkernel_swap", json_object_new_int64(e->swap_total));
	json_object_object_add(o, "kernel_init_size", json_object_new_int64(e->init_size));
	json_object_object_add(o, "kernel_resident", json_object_new_int64(e->resident));
	json_object_object_add(o, "initramfs", json_object_new_int64(e->initrd));
	json_object_object_add(o, "assemble", json_object_new_string(e->assemble));
	json_object_object_add(o, "assemble_bytes", json_object_new_int64(e->assemble_bytes));
	json_object_object_add(o, "remote", json_object_new_string(e->remote));
	json_object_object_add(o, "remote_bytes", json_object_new_int64(e->remote_bytes));
	json_object_object_add(o, "runtime", json_object_new_int64(e->runtime));
	json_object_object_add(o, "runtime_source", json_object_new_string(e->runtime_source));
	return o;
}

static void estimate_print(const struct estimate_line *l, bool in_use)
{
	const struct estimate *e = &l->e;
	char a[FORMAT_BYTES_MAX];

	static const char *const what[] = {
		[PANIC_KERNEL_CAPTURE] = "crashd's capture kernel",
		[PANIC_KERNEL_DISTRO] = "the distribution's kernel",
		[PANIC_KERNEL_CONFIGURED] = "the configured kernel",
	};

	printf("%s %s (%s):\n", in_use ? "In use:" : "Instead:", what[e->kind], e->kernel);
	if (l->error[0]) {
		printf("  not estimated: %s\n", l->error);
		return;
	}
	printf("  %-10s kernel %s needs this much to decompress and boot (init_size)\n",
	       format_bytes(a, sizeof(a), e->init_size), e->release);
	printf("  %-10s of which it keeps this much once booted\n", format_bytes(a, sizeof(a), e->resident));
	printf("  %-10s its capture initramfs, loaded into the region\n", format_bytes(a, sizeof(a), e->initrd));
	if (e->assemble_bytes)
		printf("  %-10s of which the tools that assemble the dump target (Assemble=%s), twice: loaded and unpacked\n",
		       format_bytes(a, sizeof(a), e->assemble_bytes), e->assemble);
	if (e->remote_bytes)
		printf("  %-10s of which what reaching %s takes (ssh and its libraries, the network card's and\n"
		       "             the NFS client's modules), twice: loaded and unpacked\n",
		       format_bytes(a, sizeof(a), e->remote_bytes), e->remote);
	printf("  %-10s purgatory, boot parameters, ELF core header\n", format_bytes(a, sizeof(a), ESTIMATE_LOAD_OVERHEAD));
	printf("  %-10s the capture system's use while saving, the unpacked initramfs included: %s\n",
	       format_bytes(a, sizeof(a), e->runtime), e->runtime_source);
	printf("  %-10s slack, then rounded up to %llu MiB\n", format_bytes(a, sizeof(a), ESTIMATE_SLACK), ESTIMATE_STEP >> 20);
	printf("  (the larger of init_size and the kept kernel plus its use, and the initramfs as loaded)\n");
	printf("  (%" PRIu64 " MiB hold a second image beside the armed one, to re-arm with no moment unarmed:\n"
	       "  twice init_size, the initramfs and loader data, and each kernel's alignment)\n", e->swap_total >> 20);
	printf("crashkernel=%" PRIu64 "M\n", e->total >> 20);
}

int verb_estimate(int argc, char **argv)
{
	bool json = argc > 1 && streq(argv[1], "--json");
	struct estimate_line use = {}, other = {};
	_cleanup_free_ char *other_path = NULL;
	struct crashd_config c;
	struct panic_kernel k;
	int r;

	if (argc > 1 && !json)
		return usage_error("estimate", "unexpected argument '%s'", argv[1]);
	if ((r = load_config(&c, "estimate", json)) != 0)
		return r;
	if (panic_kernel_choose(&c, NULL, &k) < 0) {
		config_free(&c);
		return verb_fail("estimate", json, CRASHCTL_EXIT_FAILED, NULL, "out of memory");
	}
	use.e = (struct estimate) { .kernel = k.path, .kind = k.kind };
	r = estimate(&c, true, &use, json);
	/* The other choice Image=auto has: only when crashd's capture kernel is installed. */
	if (r == 0 && k.kind == PANIC_KERNEL_CAPTURE) {
		struct crashd_config alt = c;

		alt.kernel = (char *) "distro";
		if (panic_kernel_choose(&alt, NULL, &k) == 0)
			other.e = (struct estimate) { .kernel = other_path = k.path, .kind = PANIC_KERNEL_DISTRO };
	} else if (r == 0 && k.kind == PANIC_KERNEL_DISTRO && access(panic_kernel_capture_path(NULL), F_OK) == 0) {
		/* Image=distro, or auto fell back: the capture kernel is the other choice, whatever its flaw. */
		other.e = (struct estimate) { .kernel = panic_kernel_capture_path(NULL), .kind = PANIC_KERNEL_CAPTURE };
	}
	if (other.e.kernel && estimate(&c, false, &other, json) != 0)
		other.e.kernel = NULL;
	if (r == 0 && json) {
		json_object *o = estimate_json(&use), *kernels = json_object_new_array();

		json_object_object_add(o, "ok", json_object_new_boolean(true));
		json_object_array_add(kernels, estimate_json(&use));
		if (other.e.kernel)
			json_object_array_add(kernels, estimate_json(&other));
		json_object_object_add(o, "kernels", kernels);
		print_json(o);
		json_object_put(o);
	} else if (r == 0) {
		if (other.e.kernel)
			estimate_print(&other, false);
		estimate_print(&use, true);
	}
	free((char *) use.e.kernel);
	config_free(&c);
	return r;
}
