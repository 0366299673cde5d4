// SPDX-License-Identifier: GPL-2.0-only
/*
 * In the region: the kernel's init_size (it decompresses and boots there),
 * the initramfs as loaded, and purgatory, boot data and the ELF core header.
 * Then the capture system's own use while saving, which includes the
 * initramfs unpacked: what the last capture by the same kernel measured, or
 * a default from this project's measurements.
 */
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bzimage-payload.h"
#include "capture-build.h"
#include "dumps.h"
#include "elfimage.h"
#include "estimate.h"
#include "image.h"
#include "util.h"

#define MIB ESTIMATE_MIB
/*
 * Memory in use while saving when nothing was measured, beyond the
 * unpacked initramfs. From the QEMU tests (2 GiB guest): Debian's kernel
 * with its modules captures in 80M and not in 72M, crashd's capture kernel
 * in 32M and not in 24M; these put the estimate at or one step above.
 */
#define RUNTIME_DISTRO (24 * MIB)
#define RUNTIME_CAPTURE (8 * MIB)

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

/* The size of the initramfs crashd would build for the kernel, built in a private directory. */
static int built_initramfs(const struct crashd_config *c, struct estimate *e, struct problem *p)
{
	char dir[] = "/tmp/crashd-estimate.XXXXXX";
	_cleanup_free_ char *out = NULL;
	struct capture_report rep;
	struct capture_build b;
	int r;

	if (!mkdtemp(dir))
		return problem(p, -errno, "check /tmp", "cannot create a directory in /tmp: %s", strerror(errno));
	if (asprintf(&out, "%s/initramfs.img", dir) < 0) {
		rmdir(dir);
		return -ENOMEM;
	}
	b = (struct capture_build) { .config = c, .kernel_release = e->release, .output = out };
	r = capture_build(&b, &rep, p);
	if (r >= 0)
		e->initrd = rep.size;
	capture_report_free(&rep);
	unlink(out);
	rmdir(dir);
	return r;
}

/* Release, init_size and the resident span, from one reading of the bzImage. */
static int kernel_sizes(struct estimate *e, struct problem *p)
{
	struct decompressed vmlinux = {};
	struct elf_image_info elf;
	struct bzimage_info bz;
	struct problem ignored;
	struct image img;
	int r;

	r = image_load(e->kernel, &img, p);
	if (r < 0)
		return r;
	r = bzimage_inspect(img.data, img.size, &bz, p);
	if (r >= 0) {
		kernel_release_of(bz.version, e->release, sizeof(e->release));
		e->init_size = bz.init_size;
		e->kernel_alignment = bz.kernel_alignment;
		/* Unreadable: init_size, which is more. */
		e->resident = e->init_size;
		if (bzimage_vmlinux(img.data, img.size, &bz, &vmlinux, &ignored) == 0 &&
		    elf_image_inspect(vmlinux.data, vmlinux.size, &elf, &ignored) == 0 && elf.span < e->init_size)
			e->resident = elf.span;
	}
	free(vmlinux.data);
	image_release(&img);
	return r;
}

static uint64_t round_step(uint64_t n)
{
	return (n + ESTIMATE_STEP - 1) / ESTIMATE_STEP * ESTIMATE_STEP;
}

int estimate_in_use(const struct crashd_config *c, struct estimate *e)
{
	struct panic_kernel k;
	struct problem p;
	int r = panic_kernel_choose(c, NULL, &k);

	if (r < 0)
		return r;
	*e = (struct estimate) { .kernel = k.path, .kind = k.kind };
	r = estimate_compute(c, true, e, &p);
	panic_kernel_free(&k);
	e->kernel = NULL;
	return r;
}

uint64_t estimate_swap(uint32_t init_size, uint32_t kernel_alignment, uint64_t initrd)
{
	uint64_t image = ((uint64_t) init_size + 4095) / 4096 * 4096 + initrd + ESTIMATE_LOAD_OVERHEAD;

	/*
	 * After the swap the capture kernel has the whole region again: only
	 * the moment both are loaded counts. Each kernel lands on its own
	 * alignment (the setup header's, CONFIG_PHYSICAL_ALIGN) below what is
	 * taken above it, and may lose up to that much.
	 */
	return round_step(2 * (image + kernel_alignment));
}

/* LVM or MD under the dump target, or ssh for a server: what their tools weigh, as part of the initramfs, to say so. */
static void target_assembly(const struct crashd_config *c, struct estimate *e)
{
	struct dump_target t;
	struct problem ignored;

	if (dump_target_resolve(c, NULL, &t, &ignored) < 0) {
		dump_target_free(&t);
		return;
	}
	if (t.assemble[0]) {
		snprintf(e->assemble, sizeof(e->assemble), "%s", t.assemble);
		if (capture_assemble_size(&t, &e->assemble_bytes, &ignored) < 0)
			e->assemble_bytes = 0;
	}
	if (t.remote[0]) {
		char moddir[200];

		snprintf(e->remote, sizeof(e->remote), "%s", t.remote);
		snprintf(moddir, sizeof(moddir), "/lib/modules/%s", e->release);
		if (capture_network_size(&t, moddir, &e->remote_bytes, &ignored) < 0)
			e->remote_bytes = 0;
	}
	dump_target_free(&t);
}

int estimate_compute(const struct crashd_config *c, bool initrd_built, struct estimate *e, struct problem *p)
{
	struct stat st;
	int r;

	r = kernel_sizes(e, p);
	if (r < 0) {
		char what[sizeof(p->what)];

		/* image.c and bzimage.c leave the file to the caller. */
		snprintf(what, sizeof(what), "%s", p->what);
		snprintf(p->what, sizeof(p->what), "%.80s: %.170s", e->kernel, what);
		return r;
	}
	if (!initrd_built) {
		r = built_initramfs(c, e, p);
		if (r < 0)
			return r;
	} else if (stat(c->initrd, &st) == 0) {
		e->initrd = st.st_size;
	} else {
		return problem(p, -errno, "build it first with 'crashctl build-initramfs'", "%s: %s", c->initrd,
			       strerror(errno));
	}
	target_assembly(c, e);
	e->runtime = (e->kind == PANIC_KERNEL_CAPTURE ? RUNTIME_CAPTURE : RUNTIME_DISTRO) + e->initrd;
	snprintf(e->runtime_source, sizeof(e->runtime_source), "default (no capture by %s measured yet)", e->release);
	measured_runtime(c, e);
	/*
	 * Loading needs init_size for the kernel beside the initramfs; once
	 * booted, the kernel keeps only its resident part and the rest is
	 * the capture system's. The initramfs as loaded is freed after it is
	 * unpacked, but both exist at that moment.
	 */
	e->total = (e->resident + e->runtime > e->init_size ? e->resident + e->runtime : e->init_size) + e->initrd +
		   ESTIMATE_LOAD_OVERHEAD + ESTIMATE_SLACK;
	e->total = round_step(e->total);
	e->swap_total = estimate_swap(e->init_size, e->kernel_alignment, e->initrd);
	if (e->swap_total < e->total)
		e->swap_total = e->total;
	return 0;
}
