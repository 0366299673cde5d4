// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of loading images (image_load) and of verify_images over bad inputs. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixtures.h"
#include "image.h"
#include "util.h"
#include "verify.h"

static void write_file(const char *name, const void *data, size_t size)
{
	FILE *f = fopen(fixture_path(name), "w");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, size, f), size);
	fclose(f);
}

/* Files that are not files: each refused with a sentence, none blocks. */
static void test_load_refusals(void **state)
{
	static const struct {
		const char *name;
		int error;
		const char *what;
	} cases[] = {
		{ "missing", -ENOENT, "cannot open" },
		{ "dir", -EISDIR, "is a directory" },
		{ "fifo", -EBADFD, "not a regular file" },
		{ "empty", -EINVAL, "is empty" },
	};
	struct image img;
	struct problem p;

	mkdir(fixture_path("dir"), 0755);
	assert_int_equal(mkfifo(fixture_path("fifo"), 0644), 0);
	write_file("empty", "", 0);
	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		memset(&p, 0, sizeof(p));
		assert_int_equal(image_load(fixture_path(cases[i].name), &img, &p), cases[i].error);
		assert_non_null(strstr(p.what, cases[i].what));
		assert_int_equal(img.fd, -1);
	}
}

/* The digest is of what was read, and the copy does not follow the file. */
static void test_load_seals(void **state)
{
	struct image img;
	struct problem p;

	write_file("k", "abc", 3);
	assert_int_equal(image_load(fixture_path("k"), &img, &p), 0);
	assert_string_equal(img.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	write_file("k", "xyz", 3);
	assert_memory_equal(img.data, "abc", 3);
	/* The memfd cannot be written any more. */
	assert_int_equal(write(img.fd, "z", 1), -1);
	image_release(&img);
}

/* The memfd @img holds, as the inode it is. */
static ino_t memfd_ino(const struct image *img)
{
	struct stat st;

	assert_int_equal(fstat(img->fd, &st), 0);
	return st.st_ino;
}

/* An unchanged file shares what is held; any change, or another file, is read afresh. */
static void test_load_if_changed(void **state)
{
	struct image held, img;
	struct problem p;

	write_file("k", "abc", 3);
	assert_int_equal(image_load(fixture_path("k"), &held, &p), 0);

	assert_int_equal(image_load_if_changed(fixture_path("k"), &held, &img, &p), 0);
	assert_int_equal(memfd_ino(&img), memfd_ino(&held));
	assert_true(img.fd != held.fd && img.path != held.path);
	assert_string_equal(img.sha256, held.sha256);
	assert_memory_equal(img.data, "abc", 3);
	/* Each releases its own share. */
	image_release(&img);
	assert_memory_equal(held.data, "abc", 3);

	/* Rewritten in place, even to the same size. */
	usleep(10000);
	write_file("k", "xyz", 3);
	assert_int_equal(image_load_if_changed(fixture_path("k"), &held, &img, &p), 0);
	assert_true(memfd_ino(&img) != memfd_ino(&held));
	assert_string_equal(img.sha256, "3608bca1e44ea6c4d268eb6db02260269892c0b42b86bbf1e77a6fa16c3c9282");
	image_release(&img);

	/* The same bytes renamed over it: another file. */
	write_file("k2", "abc", 3);
	{
		/* fixture_path() returns the same buffer each time. */
		char *from = strdup(fixture_path("k2"));

		assert_int_equal(rename(from, fixture_path("k")), 0);
		free(from);
	}
	assert_int_equal(image_load_if_changed(fixture_path("k"), &held, &img, &p), 0);
	assert_true(memfd_ino(&img) != memfd_ino(&held));
	image_release(&img);

	/* Nothing held: a plain load. */
	image_release(&held);
	assert_int_equal(image_load_if_changed(fixture_path("k"), &held, &img, &p), 0);
	assert_string_equal(img.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	image_release(&img);
}

static void test_verify_bad_inputs(void **state)
{
	size_t size;
	void *k = fixture_read("CRASHD_TEST_KERNEL_DIR", "bzImage", &size);
	uint8_t noise[65536], saved[4];
	struct image kernel, initrd;
	struct verify_report rep;
	struct problem p;

	for (size_t i = 0; i < sizeof(noise); i++)
		noise[i] = (uint8_t) (i * 2654435761u >> 11);
	write_file("noise", noise, sizeof(noise));
	write_file("bzImage", k, size);
	write_file("initrd", noise, 4096);

	/* Random bytes: neither format. */
	assert_int_equal(image_load(fixture_path("noise"), &kernel, &p), 0);
	assert_int_equal(verify_images(&kernel, NULL, 0, 0, &rep), -EINVAL);
	assert_non_null(strstr(rep.problem.what, "neither a bzImage nor an ELF kernel"));
	image_release(&kernel);

	/* A program is not an ELF kernel, and is not called one. */
	assert_int_equal(image_load("/bin/true", &kernel, &p), 0);
	assert_int_equal(verify_images(&kernel, NULL, 0, 0, &rep), -EINVAL);
	assert_non_null(strstr(rep.problem.what, "not a kernel"));
	assert_null(strstr(rep.problem.what, "passes inspection"));
	image_release(&kernel);

	/* A corrupt init_size names the field, not a crashkernel= of 3.8 GiB. */
	memcpy(saved, (uint8_t *) k + 0x260, 4);
	memcpy((uint8_t *) k + 0x260, "\x00\x00\x00\xf4", 4);	/* init_size, little-endian */
	write_file("bigsize", k, size);
	memcpy((uint8_t *) k + 0x260, saved, 4);
	assert_int_equal(image_load(fixture_path("bigsize"), &kernel, &p), 0);
	assert_int_equal(verify_images(&kernel, NULL, 0, 256 << 20, &rep), -EINVAL);
	assert_non_null(strstr(rep.problem.what, "init_size"));
	assert_null(strstr(rep.problem.what, "crashkernel="));
	image_release(&kernel);

	/* A good kernel with a corrupt initramfs: the initramfs is named. */
	assert_int_equal(image_load(fixture_path("bzImage"), &kernel, &p), 0);
	assert_int_equal(image_load(fixture_path("initrd"), &initrd, &p), 0);
	assert_int_equal(verify_images(&kernel, &initrd, 0, 0, &rep), -EINVAL);
	assert_string_equal(rep.bad_file, fixture_path("initrd"));
	image_release(&initrd);

	/* Too large for the region: how much is missing and what would fit. */
	assert_int_equal(verify_images(&kernel, NULL, 0, 8 << 20, &rep), -E2BIG);
	assert_non_null(strstr(rep.problem.what, "MiB missing; crashkernel="));
	assert_false(rep.armable);

	/* Fits in 256 MiB. */
	assert_int_equal(verify_images(&kernel, NULL, 0, 256 << 20, &rep), 0);
	assert_true(rep.armable);
	image_release(&kernel);
	free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_load_refusals, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_load_seals, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_load_if_changed, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_verify_bad_inputs, fixture_dir_setup, fixture_dir_teardown),
	};

	return cmocka_run_group_tests_name("verify", tests, NULL, NULL);
}
