// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl estimate: the smallest crashkernel= from measured sizes, for the
 * panic kernel in use and, when crashd's capture kernel is installed, for
 * the other choice too, so that an administrator sees what it saves.
 *
 * In the region: the kernel's init_size (it decompresses and boots there),
 * the initramfs as loaded, and purgatory, boot data and the ELF core header.
 * Then the capture system's own use while saving, which includes the
 * initramfs unpacked: what the last capture by the same kernel measured, or
 * a default from this project's measurements.
 */
#include <errno.h>
#include <inttypes.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bzimage-payload.h"
#include "capture-build.h"
#include "crashctl.h"
#include "dumps.h"
#include "elfimage.h"
#include "image.h"
#include "panic-kernel.h"
#include "util.h"

#define MIB (1ULL << 20)
/*
 * Memory in use while saving when nothing was measured, beyond the
 * unpacked initramfs. From the QEMU tests (2 GiB guest): Debian's kernel
 * with its modules captures in 80M and not in 72M, crashd's capture kernel
 * in 32M and not in 24M; these put the estimate at or one step above.
 */
#define RUNTIME_DISTRO (24 * MIB)
#define RUNTIME_CAPTURE (8 * MIB)
#define LOAD_OVERHEAD (1 * MIB)
#define SLACK (4 * MIB)
/* crashctl's sizes are steps of this, as the tests bisect them. */
#define STEP (8 * MIB)

struct estimate {
	const char *kernel;
	enum panic_kernel_kind kind;
	char release[128];
	uint32_t init_size;
	uint64_t resident;		/* what the booted kernel keeps: its vmlinux's PT_LOAD span */
	uint64_t initrd, runtime, total;
	char runtime_source[200];
	char error[520];		/* not estimated: why */
};

/* The newest complete dump the same capture kernel saved measured its memory use. */
static void measured_runtime(const struct crashd_config *c, struct estimate *e)
{
	struct dump_entry *dumps = NULL;
	struct problem p;
	size_t n = 0;

	if (dumps_list(c->dump_dir, &dumps, &n, &p) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		json_object *t, *m, *rel;

		if (!dumps[i].complete || !json_object_object_get_ex(dumps[i].meta, "capture_mem_total_kib", &t) ||
		    !json_object_object_get_ex(dumps[i].meta, "capture_mem_available_min_kib", &m) ||
		    !json_object_get_int64(t))
			continue;
		/* Dumps older than the field were all saved by the distribution's kernel. */
		if (json_object_object_get_ex(dumps[i].meta, "capture_kernel_release", &rel) ?
		    !streq(json_object_get_string(rel), e->release) : e->kind == PANIC_KERNEL_CAPTURE)
			continue;
		e->runtime = (uint64_t) (json_object_get_int64(t) - json_object_get_int64(m)) << 10;
		snprintf(e->runtime_source, sizeof(e->runtime_source), "measured by %s", dumps[i].name);
		break;
	}
	dumps_free(dumps, n);
}

/* The size of the initramfs crashd would build for the other kernel, built in a private directory. */
static int other_initramfs(const struct crashd_config *c, struct estimate *e)
{
	char dir[] = "/tmp/crashctl-estimate.XXXXXX";
	_cleanup_free_ char *out = NULL;
	struct capture_report rep;
	struct capture_build b;
	struct problem p = {};
	int r;

	if (!mkdtemp(dir))
		return -errno;
	if (asprintf(&out, "%s/initramfs.img", dir) < 0) {
		rmdir(dir);
		return -ENOMEM;
	}
	b = (struct capture_build) { .config = c, .kernel_release = e->release, .output = out };
	r = capture_build(&b, &rep, &p);
	if (r >= 0)
		e->initrd = rep.size;
	else
		snprintf(e->error, sizeof(e->error), "%s; %s", p.what, p.fix);
	capture_report_free(&rep);
	unlink(out);
	rmdir(dir);
	return r;
}

/* The vmlinux span from the bzImage's payload; init_size when it cannot be read, which is more. */
static void resident_size(struct estimate *e)
{
	struct decompressed vmlinux = {};
	struct elf_image_info elf;
	struct bzimage_info bz;
	struct problem p;
	struct image img;

	e->resident = e->init_size;
	if (image_load(e->kernel, &img, &p) < 0)
		return;
	if (bzimage_inspect(img.data, img.size, &bz, &p) == 0 && bzimage_vmlinux(img.data, img.size, &bz, &vmlinux, &p) == 0 &&
	    elf_image_inspect(vmlinux.data, vmlinux.size, &elf, &p) == 0 && elf.span < e->init_size)
		e->resident = elf.span;
	free(vmlinux.data);
	image_release(&img);
}

static int estimate(const struct crashd_config *c, bool in_use, struct estimate *e, bool json)
{
	struct stat st;
	int r;

	r = release_of(e->kernel, e->release, sizeof(e->release), &e->init_size, in_use ? "estimate" : NULL, json);
	if (r != 0)
		return r;
	if (!in_use) {
		if (other_initramfs(c, e) < 0)
			return 0;
	} else if (stat(c->initrd, &st) == 0) {
		e->initrd = st.st_size;
	} else {
		return verb_fail("estimate", json, CRASHCTL_EXIT_INVALID, "build it first with 'crashctl build-initramfs'",
				 "%s: %s", c->initrd, strerror(errno));
	}
	e->runtime = (e->kind == PANIC_KERNEL_CAPTURE ? RUNTIME_CAPTURE : RUNTIME_DISTRO) + e->initrd;
	snprintf(e->runtime_source, sizeof(e->runtime_source), "default (no capture by %s measured yet)", e->release);
	measured_runtime(c, e);
	resident_size(e);
	/*
	 * Loading needs init_size for the kernel beside the initramfs; once
	 * booted, the kernel keeps only its resident part and the rest is
	 * the capture system's. The initramfs as loaded is freed after it is
	 * unpacked, but both exist at that moment.
	 */
	e->total = (e->resident + e->runtime > e->init_size ? e->resident + e->runtime : e->init_size) + e->initrd +
		   LOAD_OVERHEAD + SLACK;
	e->total = (e->total + STEP - 1) / STEP * STEP;
	return 0;
}

static json_object *estimate_json(const struct estimate *e)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "kernel", json_object_new_string(e->kernel));
	json_object_object_add(o, "kernel_kind", json_object_new_string(panic_kernel_kind_name(e->kind)));
	json_object_object_add(o, "kernel_release", json_object_new_string(e->release));
	if (e->error[0]) {
		json_object_object_add(o, "error", json_object_new_string(e->error));
		return o;
	}
	json_object_object_add(o, "crashkernel", json_object_new_int64(e->total));
	json_object_object_add(o, "kernel_init_size", json_object_new_int64(e->init_size));
	json_object_object_add(o, "kernel_resident", json_object_new_int64(e->resident));
	json_object_object_add(o, "initramfs", json_object_new_int64(e->initrd));
	json_object_object_add(o, "runtime", json_object_new_int64(e->runtime));
	json_object_object_add(o, "runtime_source", json_object_new_string(e->runtime_source));
	return o;
}

static void estimate_print(const struct estimate *e, bool in_use)
{
	char a[FORMAT_BYTES_MAX];

	static const char *const what[] = {
		[PANIC_KERNEL_CAPTURE] = "crashd's capture kernel",
		[PANIC_KERNEL_DISTRO] = "the distribution's kernel",
		[PANIC_KERNEL_CONFIGURED] = "the configured kernel",
	};

	printf("%s %s (%s):\n", in_use ? "In use:" : "Instead:", what[e->kind], e->kernel);
	if (e->error[0]) {
		printf("  not estimated: %s\n", e->error);
		return;
	}
	printf("  %-10s kernel %s needs this much to decompress and boot (init_size)\n",
	       format_bytes(a, sizeof(a), e->init_size), e->release);
	printf("  %-10s of which it keeps this much once booted\n", format_bytes(a, sizeof(a), e->resident));
	printf("  %-10s its capture initramfs, loaded into the region\n", format_bytes(a, sizeof(a), e->initrd));
	printf("  %-10s purgatory, boot parameters, ELF core header\n", format_bytes(a, sizeof(a), LOAD_OVERHEAD));
	printf("  %-10s the capture system's use while saving, the unpacked initramfs included: %s\n",
	       format_bytes(a, sizeof(a), e->runtime), e->runtime_source);
	printf("  %-10s slack, then rounded up to %llu MiB\n", format_bytes(a, sizeof(a), SLACK), STEP / MIB);
	printf("  (the larger of init_size and the kept kernel plus its use, and the initramfs as loaded)\n");
	printf("crashkernel=%" PRIu64 "M\n", e->total >> 20);
}

int verb_estimate(int argc, char **argv)
{
	bool json = argc > 1 && streq(argv[1], "--json");
	struct estimate use = {}, other = {};
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
	use = (struct estimate) { .kernel = k.path, .kind = k.kind };
	r = estimate(&c, true, &use, json);
	/* The other choice Image=auto has: only when crashd's capture kernel is installed. */
	if (r == 0 && k.kind == PANIC_KERNEL_CAPTURE) {
		struct crashd_config alt = c;

		alt.kernel = (char *) "distro";
		if (panic_kernel_choose(&alt, NULL, &k) == 0)
			other = (struct estimate) { .kernel = other_path = k.path, .kind = PANIC_KERNEL_DISTRO };
	} else if (r == 0 && k.kind == PANIC_KERNEL_DISTRO && access(panic_kernel_capture_path(NULL), F_OK) == 0) {
		/* Image=distro, or auto fell back: the capture kernel is the other choice, whatever its flaw. */
		other = (struct estimate) { .kernel = panic_kernel_capture_path(NULL), .kind = PANIC_KERNEL_CAPTURE };
	}
	if (other.kernel && estimate(&c, false, &other, json) != 0)
		other.kernel = NULL;
	if (r == 0 && json) {
		json_object *o = estimate_json(&use), *kernels = json_object_new_array();

		json_object_object_add(o, "ok", json_object_new_boolean(true));
		json_object_array_add(kernels, estimate_json(&use));
		if (other.kernel)
			json_object_array_add(kernels, estimate_json(&other));
		json_object_object_add(o, "kernels", kernels);
		print_json(o);
		json_object_put(o);
	} else if (r == 0) {
		if (other.kernel)
			estimate_print(&other, false);
		estimate_print(&use, true);
	}
	free((char *) use.kernel);
	config_free(&c);
	return r;
}
