// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the image checks (bzImage, ELF, initramfs, fit) over real
 * kernels and initramfs images, and broken ones made from them here.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include <asm/bootparam.h>

#include "bzimage.h"
#include "elfimage.h"
#include "fit.h"
#include "fixtures.h"
#include "initramfs.h"
#include "util.h"

#define HDR 0x1f1
#define SH(d) ((struct setup_header *) ((uint8_t *) (d) + HDR))

static void test_bzimage_real(void **state)
{
	const char *dirs[] = { "CRASHD_TEST_KERNEL_DIR", "CRASHD_TEST_STOCK_DIR" };

	for (size_t i = 0; i < ELEMENTSOF(dirs); i++) {
		struct bzimage_info info;
		struct problem p = {};
		size_t size;
		void *k = fixture_read(dirs[i], "bzImage", &size);

		assert_true(bzimage_probe(k, size));
		if (bzimage_inspect(k, size, &info, &p) < 0)
			print_error("%s: %s\n", dirs[i], p.what);
		assert_int_equal(bzimage_inspect(k, size, &info, &p), 0);
		assert_true(info.protocol >= 0x020c);
		assert_true(info.init_size > (4u << 20));
		assert_non_null(strstr(info.version, "6.12"));
		free(k);
	}
}

/* Each broken variant of a real bzImage fails with its own sentence. */
static void test_bzimage_broken(void **state)
{
	size_t size;
	uint8_t *good = fixture_read("CRASHD_TEST_KERNEL_DIR", "bzImage", &size), *k = malloc(size);
	struct bzimage_info info;
	struct problem p;
	static const struct {
		const char *name;
		const char *expect;
	} cases[] = {
		{ "truncated", "truncated" },
		{ "header only", "truncated" },
		{ "tiny", "too short" },
		{ "no magic", "not a bzImage" },
		{ "protocol 2.11", "older than 2.12" },
		{ "32-bit", "not a 64-bit kernel" },
		{ "below 4G only", "above 4 GiB" },
		{ "not relocatable", "not relocatable" },
		{ "odd alignment", "not a power of two" },
		{ "no init_size", "init_size is 0" },
		{ "init_size 3.8 GiB", "init_size 0xf4000000 (3904 MiB) is more than any kernel needs" },
		{ "init_size below the payload", "init_size 0x1000 is smaller than" },
		{ "alignment 1 byte", "kernel_alignment 0x1 is outside" },
	};

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		size_t n = size;

		memcpy(k, good, size);
		switch (i) {
		case 0: n = size / 2; break;
		case 1: n = 0x1000; break;
		case 2: n = 100; break;
		case 3: SH(k)->header = 0; break;
		case 4: SH(k)->version = 0x020b; break;
		case 5: SH(k)->xloadflags &= ~XLF_KERNEL_64; break;
		case 6: SH(k)->xloadflags &= ~XLF_CAN_BE_LOADED_ABOVE_4G; break;
		case 7: SH(k)->relocatable_kernel = 0; break;
		case 8: SH(k)->kernel_alignment = 0x300000; break;
		case 9: SH(k)->init_size = 0; break;
		case 10: SH(k)->init_size = 0xf4000000; break;
		case 11: SH(k)->init_size = 0x1000; break;
		case 12: SH(k)->kernel_alignment = 1; break;
		}
		memset(&p, 0, sizeof(p));
		print_message("%s\n", cases[i].name);
		assert_int_equal(bzimage_inspect(k, n, &info, &p), -EINVAL);
		if (!strstr(p.what, cases[i].expect))
			print_error("%s: got '%s'\n", cases[i].name, p.what);
		assert_non_null(strstr(p.what, cases[i].expect));
		assert_true(p.fix[0]);
	}
	/* Random bytes are not a bzImage. */
	for (size_t i = 0; i < 4096; i++)
		k[i] = (uint8_t) (i * 2654435761u >> 13);
	assert_false(bzimage_probe(k, 4096));
	free(k);
	free(good);
}

/*
 * Debian's kernel is signed for Secure Boot: its PE certificate table ends
 * the file. Cut, or followed by anything, it is refused; the setup header
 * alone cannot tell, since the payload before the signature is whole.
 */
static void test_bzimage_signature(void **state)
{
	size_t size;
	uint8_t *good = fixture_read("CRASHD_TEST_STOCK_DIR", "bzImage", &size), *k = malloc(size + 16);
	struct bzimage_info info;
	struct problem p = {};

	assert_int_equal(bzimage_inspect(good, size, &info, &p), 0);
	assert_true(info.signed_pe);
	assert_int_equal((size_t) info.sig_offset + info.sig_size, size);

	assert_int_equal(bzimage_inspect(good, size - 100, &info, &p), -EINVAL);
	assert_non_null(strstr(p.what, "truncated: the signature (PE certificate table"));
	memcpy(k, good, size);
	memset(k + size, 0, 16);
	assert_int_equal(bzimage_inspect(k, size + 16, &info, &p), -EINVAL);
	assert_non_null(strstr(p.what, "16 bytes follow the signature"));
	/* The first certificate longer than its table. */
	memcpy(k, good, size);
	k[info.sig_offset + 2] = 0xff;
	assert_int_equal(bzimage_inspect(k, size, &info, &p), -EINVAL);
	assert_non_null(strstr(p.what, "does not fit its"));
	free(k);
	free(good);
}

static void test_elf_real(void **state)
{
	size_t size;
	void *v = fixture_read("CRASHD_TEST_KERNEL_DIR", "vmlinux", &size);
	struct elf_image_info info;
	struct elf_placement pl;
	struct problem p = {};

	assert_true(elf_probe(v, size));
	assert_int_equal(elf_image_inspect(v, size, &info, &p), 0);
	assert_true(info.load_segments >= 2);
	assert_int_equal(info.low, 0x1000000);
	assert_true(info.span > (4u << 20));
	assert_int_equal(strlen(info.build_id), 40);
	assert_non_null(strstr(info.version, "Linux version 6.12"));

	/* Relocated into a region at 0x27000000: everything moves by the same offset. */
	elf_image_place(&info, 0x27000000, 256 << 20, &pl);
	assert_true(pl.fits);
	assert_int_equal(pl.base % info.align, 0);
	assert_int_equal(pl.offset, (int64_t) (pl.base - info.low));
	assert_int_equal(info.entry + pl.offset - pl.base, info.entry - info.low);
	/* Too small a region. */
	elf_image_place(&info, 0x27000000, 1 << 20, &pl);
	assert_false(pl.fits);
	free(v);
}

static void test_elf_broken(void **state)
{
	size_t size;
	uint8_t *v = fixture_read("CRASHD_TEST_KERNEL_DIR", "vmlinux", &size);
	struct elf_image_info info;
	struct problem p = {};

	v[4] = 1;	/* EI_CLASS = ELFCLASS32 */
	assert_int_equal(elf_image_inspect(v, size, &info, &p), -EINVAL);
	assert_non_null(strstr(p.what, "32-bit"));
	v[4] = 2;
	v[18] = 183;	/* e_machine = EM_AARCH64 */
	v[19] = 0;
	assert_int_equal(elf_image_inspect(v, size, &info, &p), -EINVAL);
	assert_non_null(strstr(p.what, "not x86-64"));
	v[18] = 62;
	assert_int_equal(elf_image_inspect(v, 8 << 20, &info, &p), -EINVAL);
	assert_non_null(strstr(p.what, "truncated"));
	assert_int_equal(elf_image_inspect(v, 40, &info, &p), -EINVAL);
	free(v);
}

/* An ELF file that loads is not therefore a kernel. */
static void test_elf_not_kernel(void **state)
{
	static const struct {
		const char *script;
		const char *expect;
	} cases[] = {
		{ "cp /bin/true out", "not a kernel: an ELF program" },
		/* Static, no interpreter, but no "Linux" note either. */
		{ "cp /bin/busybox out", "not a Linux kernel" },
	};

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		struct elf_image_info info;
		struct problem p = {};
		size_t size;
		void *d = fixture_shell(cases[i].script, "out", &size);

		assert_true(elf_probe(d, size));
		assert_int_equal(elf_image_inspect(d, size, &info, &p), -EINVAL);
		if (!strstr(p.what, cases[i].expect))
			print_error("%s: got '%s'\n", cases[i].script, p.what);
		assert_non_null(strstr(p.what, cases[i].expect));
		free(d);
	}
}

static const char base[] = "mkdir -p root/bin && echo hello > root/init && echo x > root/bin/x && "
			   "(cd root && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > a.cpio";

static void test_initramfs(void **state)
{
	static const struct {
		const char *script;
		int ret;
		const char *compression;
		unsigned archives;
		const char *expect;
	} cases[] = {
		{ "cp a.cpio out", 0, NULL, 1 },
		{ "gzip -c a.cpio > out", 0, "gzip", 1 },
		{ "xz --check=crc32 -c a.cpio > out", 0, "xz", 1 },
		{ "lzma -c a.cpio > out", 0, "lzma", 1 },
		{ "zstd -q -c a.cpio > out", 0, "zstd", 1 },
		{ "bzip2 -c a.cpio > out", 0, "bzip2", 1 },
		{ "lz4 -l -q -c a.cpio > out", 0, "lz4", 1 },
		{ "gzip -c a.cpio > b.gz && cat a.cpio b.gz > out", 0, "gzip", 2 },
		{ "zstd -q -c a.cpio > b.zst && cat a.cpio b.zst > out && truncate -s %4 out && cat a.cpio >> out",
		  0, "zstd", 3 },
		{ "printf '\\000' > out && cat a.cpio >> out", -EINVAL, NULL, 0, "not a multiple of 4" },
		{ "cat a.cpio a.cpio > out", 0, NULL, 2 },
		/* Compressed archives are read to their end, not recognised by their magic. */
		{ "gzip -c a.cpio > b.gz && head -c 60 b.gz > out", -EINVAL, NULL, 0, "truncated: the gzip archive at offset 0" },
		{ "gzip -c a.cpio > b.gz && cat a.cpio b.gz | head -c 1060 > out", -EINVAL, NULL, 0, "truncated: the gzip archive at offset 1024" },
		{ "zstd -q -c a.cpio > b.zst && head -c 40 b.zst > out", -EINVAL, NULL, 0, "truncated: the zstd archive" },
		{ "xz --check=crc32 -c a.cpio > b.xz && head -c 100 b.xz > out", -EINVAL, NULL, 0, "truncated: the xz archive" },
		{ "bzip2 -c a.cpio > b.bz2 && head -c 60 b.bz2 > out", -EINVAL, NULL, 0, "truncated: the bzip2 archive" },
		{ "gzip -c a.cpio > b.gz && printf 'XXXX' | dd of=b.gz bs=1 seek=20 conv=notrunc 2>/dev/null && cp b.gz out",
		  -EINVAL, NULL, 0, "corrupt: the gzip archive at offset 0" },
		{ "head -c 300 a.cpio | gzip -c > out", -EINVAL, NULL, 0, "in the gzip archive at offset 0: truncated" },
		{ "busybox lzop -c a.cpio > out", -EINVAL, NULL, 0, "cannot decompress to check" },
		{ "head -c 300 a.cpio > out", -EINVAL, NULL, 0, "truncated" },
		{ "head -c 60 a.cpio > out", -EINVAL, NULL, 0, "truncated" },
		{ "sed '1s/070701/070709/' a.cpio > out", -EINVAL, NULL, 0, "corrupt: no cpio header" },
		{ "head -c 4096 /dev/zero > out", -EINVAL, NULL, 0, "only zeros" },
		{ "printf 'hello world, no archive' > out", -EINVAL, NULL, 0, "not an initramfs" },
	};

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		_cleanup_free_ char *script = NULL;
		struct initramfs_info info;
		struct problem p = {};
		size_t size;
		void *d;

		assert_true(asprintf(&script, "%s && %s", base, cases[i].script) > 0);
		d = fixture_shell(script, "out", &size);
		print_message("%s\n", cases[i].script);
		assert_int_equal(initramfs_inspect(d, size, &info, &p), cases[i].ret);
		if (cases[i].ret == 0) {
			assert_int_equal(info.cpio_archives, cases[i].archives);
			if (cases[i].compression)
				assert_string_equal(info.compression, cases[i].compression);
			else
				assert_null(info.compression);
		} else {
			assert_non_null(strstr(p.what, cases[i].expect));
		}
		free(d);
	}
}

static void test_fit(void **state)
{
	struct fit f;

	fit_check(14 << 20, 6 << 20, 256 << 20, &f);
	assert_true(f.fits);
	assert_int_equal(f.needed, (14 << 20) + (6 << 20) + FIT_LOAD_OVERHEAD);
	fit_check(56 << 20, 40 << 20, 64 << 20, &f);
	assert_false(f.fits);
	assert_int_equal(f.missing, (56 << 20) + (40 << 20) + FIT_LOAD_OVERHEAD - (64 << 20));
	/* The suggestion leaves working room and is 16 MiB aligned. */
	assert_int_equal(f.suggest % (16 << 20), 0);
	assert_true(f.suggest >= f.needed + FIT_WORKING_ROOM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bzimage_real),
		cmocka_unit_test(test_bzimage_broken),
		cmocka_unit_test(test_elf_real),
		cmocka_unit_test(test_bzimage_signature),
		cmocka_unit_test(test_elf_broken),
		cmocka_unit_test(test_elf_not_kernel),
		cmocka_unit_test(test_initramfs),
		cmocka_unit_test(test_fit),
	};

	return cmocka_run_group_tests_name("images", tests, NULL, NULL);
}
