// SPDX-License-Identifier: GPL-2.0-only
/*
 * The purgatory's checks on the host: its SHA-256 against OpenSSL's, its
 * verdicts and its console lines, over memory a test owns (on the host a
 * region's "physical address" is a pointer).
 */
#include <errno.h>
#include <openssl/sha.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "check.h"
#include "console.h"
#include "format.h"
#include "sha256.h"

static char said[4096];

/* The serial port, here: what the purgatory would have printed. */
void console_write(uint64_t port, const char *text)
{
	if (port)
		strncat(said, text, sizeof(said) - strlen(said) - 1);
}

static void ours(const void *d, size_t len, uint8_t out[32], size_t step)
{
	struct sha256_state s;

	sha256_init(&s);
	for (size_t off = 0; off < len; off += step)
		sha256_update(&s, (const uint8_t *)d + off, len - off < step ? len - off : step);
	sha256_final(&s, out);
}

static void test_sha256_matches_openssl(void **state)
{
	size_t big = 3 << 20;
	uint8_t *d = malloc(big), a[32], b[32];

	for (size_t i = 0; i < big; i++)
		d[i] = (uint8_t)(i * 2654435761u >> 13);
	/* Every length around the block and padding edges, then a large one in odd pieces. */
	for (size_t len = 0; len < 300; len++) {
		SHA256(d, len, a);
		ours(d, len, b, len ? len : 1);
		assert_memory_equal(a, b, 32);
		ours(d, len, b, 7);
		assert_memory_equal(a, b, 32);
	}
	SHA256(d, big, a);
	ours(d, big, b, 4093);
	assert_memory_equal(a, b, 32);
	/* FIPS 180-2's "abc". */
	ours("abc", 3, b, 3);
	assert_int_equal(b[0], 0xba);
	assert_int_equal(b[31], 0xad);
	free(d);
}

struct fixture {
	uint8_t self[512];
	uint8_t seg[3][5000];
	struct purgatory_info info;
};

static struct fixture *fixture_new(void)
{
	struct fixture *f = calloc(1, sizeof(*f));

	for (size_t i = 0; i < sizeof(f->self); i++)
		f->self[i] = i;
	f->info.magic = PURGATORY_MAGIC;
	f->info.version = PURGATORY_VERSION;
	f->info.console_port = PURGATORY_COM1;
	SHA256(f->self, sizeof(f->self), f->info.self_sha256);
	for (int s = 0; s < 3; s++) {
		memset(f->seg[s], 'a' + s, sizeof(f->seg[s]));
		f->info.regions[s].start = (uintptr_t)f->seg[s];
		f->info.regions[s].len = sizeof(f->seg[s]) - s;
		SHA256(f->seg[s], f->info.regions[s].len, f->info.regions[s].sha256);
	}
	f->info.nr_regions = 3;
	said[0] = '\0';
	return f;
}

static void test_verify(void **state)
{
	struct fixture *f = fixture_new();
	char want[128];

	assert_int_equal(purgatory_verify(&f->info, f->self, sizeof(f->self)), 0);
	assert_string_equal(said, "");

	/* A byte of segment 1 changed after the loader hashed it. */
	f->seg[1][2500] ^= 1;
	assert_int_equal(purgatory_verify(&f->info, f->self, sizeof(f->self)), 2);
	snprintf(want, sizeof(want), "crashd purgatory: segment 1 at 0x%llx (4999 bytes) does not match its SHA-256",
		 (unsigned long long)(uintptr_t)f->seg[1]);
	assert_non_null(strstr(said, want));
	assert_non_null(strstr(said, "not starting the panic kernel"));
	f->seg[1][2500] ^= 1;

	/* A byte past the hashed length is not the purgatory's business. */
	f->seg[2][4999] ^= 1;
	assert_int_equal(purgatory_verify(&f->info, f->self, sizeof(f->self)), 0);

	/* Its own code changed. */
	said[0] = '\0';
	f->self[100] ^= 0x80;
	assert_int_equal(purgatory_verify(&f->info, f->self, sizeof(f->self)), -1);
	assert_non_null(strstr(said, "its own code (512 bytes) does not match its SHA-256"));
	f->self[100] ^= 0x80;

	/* An info block the loader never filled: nothing is trusted. */
	said[0] = '\0';
	f->info.magic = 0;
	assert_int_equal(purgatory_verify(&f->info, f->self, sizeof(f->self)), -2);
	assert_non_null(strstr(said, "did not fill in"));
	f->info.magic = PURGATORY_MAGIC;
	f->info.nr_regions = PURGATORY_MAX_REGIONS + 1;
	assert_int_equal(purgatory_verify(&f->info, f->self, sizeof(f->self)), -2);

	/* Port 0: silent, same verdicts. */
	said[0] = '\0';
	f->info.nr_regions = 3;
	f->info.console_port = 0;
	f->seg[0][0] ^= 1;
	assert_int_equal(purgatory_verify(&f->info, f->self, sizeof(f->self)), 1);
	assert_string_equal(said, "");
	free(f);
}

static void test_format(void **state)
{
	struct line l = { .len = 0 };

	line_str(&l, "a ");
	line_dec(&l, 0);
	line_str(&l, " ");
	line_dec(&l, UINT64_MAX);
	line_str(&l, " ");
	line_hex(&l, 0);
	line_str(&l, " ");
	line_hex(&l, 0x30000000);
	line_str(&l, " ");
	line_hex(&l, UINT64_MAX);
	assert_string_equal(l.text, "a 0 18446744073709551615 0x0 0x30000000 0xffffffffffffffff");
	/* Bounded: a long line is cut, still terminated. */
	for (int i = 0; i < 100; i++)
		line_str(&l, "xxxx");
	assert_int_equal(l.len, sizeof(l.text) - 1);
	assert_int_equal(l.text[sizeof(l.text) - 1], '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_matches_openssl),
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests_name("purgatory", tests, NULL, NULL);
}
