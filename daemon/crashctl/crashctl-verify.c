// SPDX-License-Identifier: GPL-2.0-only
/* crashctl verify: the checks crashd makes before arming, on any files. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <json-c/json.h>

#include "crashctl.h"
#include "region.h"
#include "util.h"
#include "verify.h"

static void print_kernel(const struct image *k, const struct verify_report *rep)
{
	char a[FORMAT_BYTES_MAX], b[FORMAT_BYTES_MAX];

	if (rep->format == KERNEL_BZIMAGE)
		printf("%s: bzImage, boot protocol %u.%02u, 64-bit, relocatable, %s aligned, needs %s to boot\n",
		       k->path, rep->bz.protocol >> 8, rep->bz.protocol & 0xff,
		       format_bytes(a, sizeof(a), rep->bz.kernel_alignment),
		       format_bytes(b, sizeof(b), rep->bz.init_size));
	else
		printf("%s: ELF, %u PT_LOAD segments spanning %s from 0x%" PRIx64 ", %s aligned, entry 0x%" PRIx64 "\n",
		       k->path, rep->elf.load_segments, format_bytes(a, sizeof(a), rep->elf.span), rep->elf.low,
		       format_bytes(b, sizeof(b), rep->elf.align), rep->elf.entry);
	if (rep->bz.version[0])
		printf("  version  %s\n", rep->bz.version);
	if (rep->elf.version[0])
		printf("  version  %s\n", rep->elf.version);
	if (rep->elf.build_id[0])
		printf("  build-id %s\n", rep->elf.build_id);
	if (rep->elf_place.fits)
		printf("  placement in the region at 0x%" PRIx64 ": offset %+" PRId64 ", entry 0x%" PRIx64 "\n",
		       rep->elf_place.base, rep->elf_place.offset, rep->elf.entry + rep->elf_place.offset);
	printf("  sha256   %s\n", k->sha256);
}

static void print_initrd(const struct image *i, const struct verify_report *rep)
{
	char a[FORMAT_BYTES_MAX];

	printf("%s: initramfs, %s", i->path, format_bytes(a, sizeof(a), i->size));
	if (rep->initrd.cpio_archives)
		printf(", %u cpio archive%s with %u entries", rep->initrd.cpio_archives,
		       rep->initrd.cpio_archives == 1 ? "" : "s", rep->initrd.cpio_entries);
	if (rep->initrd.compression)
		printf("%s%s-compressed", rep->initrd.cpio_archives ? ", then " : ", ", rep->initrd.compression);
	printf("\n  sha256   %s\n", i->sha256);
}

/*
 * Loads, but leaves the capture kernel too little to run in: it would run
 * out of memory at the worst moment, so this is a failure, not a "fits".
 */
static bool fit_tight(const struct verify_report *rep)
{
	return rep->fit_checked && rep->fit.fits && rep->fit_region - rep->fit.needed < FIT_WORKING_ROOM;
}

static json_object *report_json(const struct image *k, const struct image *i, const struct verify_report *rep,
				int r, const char *fit_note)
{
	json_object *o = json_object_new_object(), *kj = json_object_new_object();

	json_object_object_add(o, "ok", json_object_new_boolean(r == 0));
	json_object_object_add(o, "armable", json_object_new_boolean(rep->armable));
	json_object_object_add(kj, "path", json_object_new_string(k->path ?: ""));
	json_object_object_add(kj, "format", json_object_new_string(kernel_format_name(rep->format)));
	json_object_object_add(kj, "sha256", json_object_new_string(k->sha256));
	json_object_object_add(kj, "size", json_object_new_int64(k->size));
	if (rep->format == KERNEL_BZIMAGE) {
		json_object_object_add(kj, "protocol", json_object_new_int(rep->bz.protocol));
		json_object_object_add(kj, "init_size", json_object_new_int64(rep->bz.init_size));
		json_object_object_add(kj, "alignment", json_object_new_int64(rep->bz.kernel_alignment));
		json_object_object_add(kj, "version", json_object_new_string(rep->bz.version));
	} else if (rep->format == KERNEL_ELF) {
		json_object_object_add(kj, "span", json_object_new_int64(rep->elf.span));
		json_object_object_add(kj, "alignment", json_object_new_int64(rep->elf.align));
		json_object_object_add(kj, "entry", json_object_new_int64(rep->elf.entry));
		json_object_object_add(kj, "build_id", json_object_new_string(rep->elf.build_id));
		json_object_object_add(kj, "version", json_object_new_string(rep->elf.version));
		if (rep->elf_place.fits)
			json_object_object_add(kj, "offset", json_object_new_int64(rep->elf_place.offset));
	}
	json_object_object_add(o, "kernel", kj);
	if (i && i->fd >= 0) {
		json_object *ij = json_object_new_object();

		json_object_object_add(ij, "path", json_object_new_string(i->path));
		json_object_object_add(ij, "sha256", json_object_new_string(i->sha256));
		json_object_object_add(ij, "size", json_object_new_int64(i->size));
		json_object_object_add(ij, "compression", rep->initrd.compression ?
				       json_object_new_string(rep->initrd.compression) : NULL);
		json_object_object_add(o, "initrd", ij);
	}
	if (rep->fit_checked) {
		json_object *f = json_object_new_object();

		json_object_object_add(f, "region", json_object_new_int64(rep->fit_region));
		json_object_object_add(f, "needed", json_object_new_int64(rep->fit.needed));
		json_object_object_add(f, "fits", json_object_new_boolean(rep->fit.fits));
		json_object_object_add(f, "suggest", json_object_new_int64(rep->fit.suggest));
		json_object_object_add(f, "tight", json_object_new_boolean(fit_tight(rep)));
		json_object_object_add(o, "fit", f);
	} else {
		json_object_object_add(o, "fit", NULL);
		json_object_object_add(o, "fit_note", json_object_new_string(fit_note));
	}
	json_object_object_add(o, "ok", json_object_new_boolean(r >= 0 && !fit_tight(rep)));
	if (r < 0) {
		json_object *pj = json_object_new_object();

		json_object_object_add(pj, "file", json_object_new_string(rep->bad_file ?: ""));
		json_object_object_add(pj, "what", json_object_new_string(rep->problem.what));
		json_object_object_add(pj, "fix", json_object_new_string(rep->problem.fix));
		json_object_object_add(o, "problem", pj);
	}
	return o;
}

int verb_verify(int argc, char **argv)
{
	static const struct option options[] = {
		{ "kernel",      required_argument, NULL, 'k' },
		{ "initrd",      required_argument, NULL, 'i' },
		{ "region-size", required_argument, NULL, 's' },
		{ "json",        no_argument,       NULL, 'j' },
		{ "help",        no_argument,       NULL, 'h' },
		{}
	};
	const char *kernel_path = NULL, *initrd_path = NULL, *fit_note = "";
	struct image kernel = IMAGE_NULL, initrd = IMAGE_NULL;
	uint64_t region_size = 0, region_base = 0;
	struct verify_report rep = {};
	bool verified = false;
	struct problem p = {};
	char a[FORMAT_BYTES_MAX], b[FORMAT_BYTES_MAX];
	bool json = false;
	int c, r, ret;

	while ((c = getopt_long(argc, argv, "h", options, NULL)) >= 0)
		switch (c) {
		case 'k':
			kernel_path = optarg;
			break;
		case 'i':
			initrd_path = optarg;
			break;
		case 's':
			if (parse_size(optarg, &region_size) < 0 || !region_size)
				return usage_error("verify", "--region-size '%s' is not a size; write e.g. 192M", optarg);
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			printf("Usage: crashctl verify --kernel FILE [--initrd FILE] [--region-size SIZE] [--json]\n");
			return CRASHCTL_EXIT_OK;
		default:
			return CRASHCTL_EXIT_USAGE;
		}
	if (!kernel_path)
		return usage_error("verify", "--kernel FILE is required");
	if (optind < argc)
		return usage_error("verify", "unexpected argument '%s'", argv[optind]);

	if (!region_size) {
		struct crash_region reg;

		if (region_discover(&region_paths_default, &reg, &p) >= 0 && reg.size) {
			region_size = reg.size;
			region_base = reg.addresses_known ? reg.base : 0;
		} else {
			fit_note = "fit not checked: this machine has no crash region; give --region-size SIZE";
		}
	}

	r = image_load(kernel_path, &kernel, &p);
	if (r < 0) {
		rep.bad_file = kernel_path;
		rep.problem = p;
	} else if (initrd_path && (r = image_load(initrd_path, &initrd, &p)) < 0) {
		rep.bad_file = initrd_path;
		rep.problem = p;
	} else {
		r = verify_images(&kernel, &initrd, region_base, region_size, &rep);
		verified = true;
	}

	if (json) {
		json_object *o = report_json(&kernel, &initrd, &rep, r, fit_note);

		print_json(o);
		json_object_put(o);
	} else if (verified && (r >= 0 || r == -E2BIG || r == -ENOEXEC ||
				(initrd_path && rep.bad_file && streq(rep.bad_file, initrd_path)))) {
		print_kernel(&kernel, &rep);
		if (initrd.fd >= 0)
			print_initrd(&initrd, &rep);
		if (rep.fit_checked) {
			printf("fit: needs %s of the %s region: %s\n", format_bytes(a, sizeof(a), rep.fit.needed),
			       format_bytes(b, sizeof(b), rep.fit_region),
			       !rep.fit.fits ? "does NOT fit" : fit_tight(&rep) ? "loads, but TOO TIGHT to capture" : "fits");
		} else {
			printf("%s\n", fit_note);
		}
		if (rep.format == KERNEL_ELF && !rep.elf_place.fits)
			printf("  placement: at the region's base (aligned to %s), offset = base - 0x%" PRIx64 "\n",
			       format_bytes(a, sizeof(a), rep.elf.align), rep.elf.low);
	}
	if (r < 0)
		fprintf(stderr, "crashctl verify: %s: %s\n  fix: %s\n", rep.bad_file ?: kernel_path,
			rep.problem.what, rep.problem.fix[0] ? rep.problem.fix : "-");
	else if (fit_tight(&rep))
		fprintf(stderr, "crashctl verify: only %s of the region is left for the capture kernel to run in; "
			"it would run out of memory while saving the dump\n  fix: crashkernel=%" PRIu64 "M leaves %s\n",
			format_bytes(a, sizeof(a), rep.fit_region - rep.fit.needed), rep.fit.suggest >> 20,
			format_bytes(b, sizeof(b), FIT_WORKING_ROOM));

	if (r == -E2BIG || r == -ENOEXEC || (r >= 0 && fit_tight(&rep)))
		ret = CRASHCTL_EXIT_FAILED;
	else if (r < 0)
		ret = CRASHCTL_EXIT_INVALID;
	else
		ret = CRASHCTL_EXIT_OK;
	image_release(&kernel);
	image_release(&initrd);
	return ret;
}
