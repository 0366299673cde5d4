// SPDX-License-Identifier: GPL-2.0-only
/*
 * Differential test: kernel/crash_reserve_parse.c against upstream's own
 * parse_crashkernel(), extracted unchanged from linux-source-6.12.
 *
 * Well-formed values must give exactly upstream's size, base, low size and
 * high flag. Random mutations of them must never make crashd reserve what
 * upstream would not, and where crashd rejects what upstream accepts the
 * error must be one of the documented deliberate differences.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "differential.h"

#define M (1ULL << 20)
#define G (1ULL << 30)

static unsigned long long cases, deliberate, reserved;

static u64 rng_state = 0x2545f4914f6cdd1dULL;

static u64 rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static u64 pick(u64 n)
{
	return rnd() % n;
}

static void check_one(const char *cmdline, u64 ram, bool must_agree)
{
	struct crashk_comparison cmp;
	u64 low = pick(2) ? 256 * M : 72 * M;

	crashk_compare(cmdline, ram, low, &cmp);
	cases++;
	if (cmp.verdict == CRASHK_DELIBERATE)
		deliberate++;
	if (cmp.verdict == CRASHK_AGREE_RESERVE)
		reserved++;
	if (cmp.verdict == CRASHK_MISMATCH ||
	    (must_agree && cmp.verdict == CRASHK_DELIBERATE)) {
		print_error("'%s' RAM %llu: crashd ret %d size %llu base %llu high %d low %llu (err %d at %zu); "
			    "upstream ret %d size %llu base %llu high %d low %llu\n",
			    cmdline, ram, cmp.ours.ret, cmp.ours.size, cmp.ours.base,
			    cmp.ours.high, cmp.ours.low_size, cmp.err.code, cmp.err.pos,
			    cmp.upstream.ret, cmp.upstream.size, cmp.upstream.base,
			    cmp.upstream.high, cmp.upstream.low_size);
		fail();
	}
}

/* A size as an administrator might write it. */
static int gen_size(char *buf, size_t len, u64 max)
{
	u64 mib = 1 + pick(max / M ? max / M : 1);

	switch (pick(6)) {
	case 0:
		return snprintf(buf, len, "%lluM", mib);
	case 1:
		return snprintf(buf, len, "%lluK", mib * 1024);
	case 2:
		return snprintf(buf, len, "%lluG", 1 + mib / 1024);
	case 3:
		return snprintf(buf, len, "0x%llx", mib * M);
	case 4:
		return snprintf(buf, len, "%llum", mib);
	default:
		return snprintf(buf, len, "%llu", mib * M);
	}
}

static int gen_value(char *buf, size_t len)
{
	int n = 0, entries, i;
	u64 at = 0;

	switch (pick(4)) {
	case 0:
	case 1:
		n += gen_size(buf + n, len - n, 4 * G);
		if (!pick(4))
			n += snprintf(buf + n, len - n, "@%lluM", 16 * pick(64));
		return n;
	case 2:
		entries = 1 + pick(4);
		for (i = 0; i < entries; i++) {
			u64 start = at + pick(4) * 512 * M;
			u64 end = start + (1 + pick(8)) * 512 * M;
			bool open = i == entries - 1 && pick(2);

			n += snprintf(buf + n, len - n, "%s%lluM-", i ? "," : "",
				      start / M);
			if (!open)
				n += snprintf(buf + n, len - n, "%lluM", end / M);
			n += snprintf(buf + n, len - n, ":");
			n += gen_size(buf + n, len - n, 1 * G);
			at = end;
		}
		if (!pick(4))
			n += snprintf(buf + n, len - n, "@%lluM", 16 * pick(64));
		return n;
	default:
		n += gen_size(buf + n, len - n, 8 * G);
		return n + snprintf(buf + n, len - n, ",high");
	}
}

static const char *const noise[] = {
	"quiet", "root=/dev/vda1", "ro", "console=ttyS0,115200",
	"dyndbg=\"file a.c +p\"", "init=/sbin/init", "--", "nokaslr",
};

static void gen_cmdline(char *buf, size_t len)
{
	int n = 0, words = 1 + pick(4), i;

	for (i = 0; i < words; i++) {
		if (pick(3)) {
			n += snprintf(buf + n, len - n, "%s ", noise[pick(8)]);
		} else if (!pick(4)) {
			n += snprintf(buf + n, len - n, "crashkernel=");
			n += gen_size(buf + n, len - n, 1 * G);
			n += snprintf(buf + n, len - n, ",low ");
		} else {
			n += snprintf(buf + n, len - n, "crashkernel=");
			n += gen_value(buf + n, len - n);
			n += snprintf(buf + n, len - n, " ");
		}
	}
	if (n && buf[n - 1] == ' ')
		buf[n - 1] = '\0';
}

static u64 gen_ram(void)
{
	return 256 * M + pick(64) * G + pick(1024) * M - pick(2) * pick(64) * M;
}

/* Values written by hand, in every upstream form; all must agree. */
static void test_hand_written(void **state)
{
	static const char *const cmdlines[] = {
		"crashkernel=256M", "crashkernel=64M@16M", "crashkernel=0x10000000",
		"crashkernel=512M-2G:64M,2G-:128M", "crashkernel=1G-4G:192M@16M",
		"crashkernel=512M,high", "crashkernel=512M,high crashkernel=72M,low",
		"crashkernel=512M,high crashkernel=0,low", "crashkernel=128M crashkernel=256M",
		"crashkernel=256M crashkernel=512M,high", "crashkernel=256M -- crashkernel=64M",
		"crashkernel=010M", "crashkernel=0x1e", "crashkernel=1E", "crashkernel=0",
		"crashkernel=4G", "crashkernel=72M,low", "crashkernel=256Mx", "crashkernel=",
		"crashkernel=0-1G:2G,1G-:64M", "crashkernel=0,high", "crashkernel=,high",
		"crashkernel=64M,foo", "crashkernel=512M@1G,high", "", "quiet",
		"crashkernel=256M\tquiet", "crashkernel=\"64M\"",
	};
	static const u64 rams[] = { 256 * M, 1 * G, 2 * G - 4 * M, 2 * G, 8 * G, 64 * G };

	for (size_t i = 0; i < sizeof(cmdlines) / sizeof(cmdlines[0]); i++)
		for (size_t r = 0; r < sizeof(rams) / sizeof(rams[0]); r++)
			check_one(cmdlines[i], rams[r], true);
}

/*
 * The deliberate differences, each on purpose: upstream reserves, crashd
 * rejects with this error.
 */
static void test_deliberate(void **state)
{
	static const struct {
		const char *cmdline;
		enum crashk_err code;
	} t[] = {
		{ "crashkernel=64M@16Mjunk", CRASHK_E_TRAILING },
		{ "crashkernel=64M@", CRASHK_E_OFFSET },
		{ "crashkernel=64M@x", CRASHK_E_OFFSET },
		{ "crashkernel=18446744073709551680M", CRASHK_E_OVERFLOW },
		{ "foo.crashkernel=64M", CRASHK_E_NAME },
		{ "opt=crashkernel=64M", CRASHK_E_NAME },
		{ "crashkernel=1Gcrashkernel=64M", CRASHK_E_NAME },
		{ "crashkernel crashkernel=64M", CRASHK_E_EMPTY },
		{ "crashkernel=0-4G:64M,x", CRASHK_E_NUMBER },
		{ "crashkernel=0-4G:64M,1G-:128M", CRASHK_E_RANGE_OVERLAP },
		{ "crashkernel=0-4G:64M,8G-6G:128M", CRASHK_E_RANGE_REVERSED },
		{ "crashkernel=0-4G:64M,8G:128M", CRASHK_E_RANGE_DASH },
		{ "crashkernel=0-4G:64M,8G-9G128M", CRASHK_E_RANGE_COLON },
		{ "crashkernel=0-4G:64Mjunk", CRASHK_E_TRAILING },
		{ "crashkernel=0-4G:64M@16M,foo", CRASHK_E_SUFFIX },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct crashk_comparison cmp;

		crashk_compare(t[i].cmdline, 2 * G, 256 * M, &cmp);
		cases++;
		print_message("%s: crashd '%s'\n", t[i].cmdline, crashk_strerror(cmp.err.code));
		assert_int_equal(cmp.verdict, CRASHK_DELIBERATE);
		assert_int_equal(cmp.err.code, t[i].code);
		deliberate++;
	}
}

static void test_generated(void **state)
{
	char buf[512];

	for (int i = 0; i < 100000; i++) {
		gen_cmdline(buf, sizeof(buf));
		check_one(buf, gen_ram(), true);
	}
}

static void test_mutated(void **state)
{
	static const char alphabet[] = "0123456789xXkKmMgGeE-:,@ \"highlow=crashkernel";
	char buf[512];

	for (int i = 0; i < 200000; i++) {
		size_t len;
		int edits = 1 + pick(3);

		gen_cmdline(buf, sizeof(buf) - 8);
		for (int e = 0; e < edits; e++) {
			len = strlen(buf);
			size_t at = len ? pick(len + 1) : 0;
			char ch = alphabet[pick(sizeof(alphabet) - 1)];

			switch (pick(3)) {
			case 0:	/* insert */
				if (len + 1 < sizeof(buf)) {
					memmove(buf + at + 1, buf + at, len - at + 1);
					buf[at] = ch;
				}
				break;
			case 1:	/* delete */
				if (at < len)
					memmove(buf + at, buf + at + 1, len - at);
				break;
			default: /* replace */
				if (at < len)
					buf[at] = ch;
			}
		}
		check_one(buf, gen_ram(), false);
	}
}

static int report(void **state)
{
	printf("# differential: %llu cases, %llu reserve identically, %llu deliberate differences from upstream\n",
	       cases, reserved, deliberate);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_written),
		cmocka_unit_test(test_deliberate),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_mutated),
	};

	return cmocka_run_group_tests_name("parse_vs_upstream", tests, NULL, report);
}
