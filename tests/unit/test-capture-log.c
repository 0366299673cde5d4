// SPDX-License-Identifier: GPL-2.0-only
/*
 * After the reboot: the capture kernel's log as ramoops keeps it (console
 * and dmesg records, with and without syslog levels), the newest capture
 * among the records, ramoops' layout passed on, and the failed capture's
 * entry in the dump directory.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <cmocka.h>

#include "capture-log.h"
#include "dumps.h"
#include "failed-capture.h"
#include "fixtures.h"
#include "pstore.h"
#include "util.h"

#define CMDLINE "[    0.000000] Command line: elfcorehdr=0x3c000000 console=ttyS0 crashd.boot_id=0570ef33-e268-4248-9756-bbd6ee9fcd12 nr_cpus=1\n"
#define BOOT_ID "0570ef33-e268-4248-9756-bbd6ee9fcd12"

static void parse(const char *text, struct capture_log *log)
{
	capture_log_parse(text, strlen(text), log);
}

static void test_oom(void **state)
{
	struct capture_log log;

	parse("[    0.000000] Linux version 6.12.117+\n" CMDLINE
	      "[    0.664569] kdevtmpfs invoked oom-killer: gfp_mask=0x40cc0(GFP_KERNEL|__GFP_COMP), order=0\n"
	      "[    0.664600] Call Trace:\n"
	      "[    0.664601]  <TASK>\n"
	      "[    0.664602]  ? dump_stack_lvl+0x56/0x65\n"
	      "[    0.664603]  </TASK>\n"
	      "[    0.836131] Out of memory and no killable processes...\n"
	      "[    0.836478] Kernel panic - not syncing: System is deadlocked on memory\n"
	      "[    0.839755] Rebooting in 10 seconds..\n", &log);
	assert_true(log.is_capture);
	assert_string_equal(log.boot_id, BOOT_ID);
	assert_int_equal(log.cause, CAPTURE_OUT_OF_MEMORY);
	assert_string_equal(capture_cause_name(log.cause), "out-of-memory");
	/* The first failure is the cause, without its time stamp. */
	assert_true(startswith(log.detail, "kdevtmpfs invoked oom-killer"));
	assert_int_equal(log.last_ms, 839);
	/* The tail: what happened, not the stack it happened on. */
	assert_non_null(strstr(log.tail, "Kernel panic - not syncing: System is deadlocked on memory\n"));
	assert_null(strstr(log.tail, "dump_stack_lvl"));
	assert_null(strstr(log.tail, "<TASK>"));
}

/* ramoops' dmesg records: a header line, and every line after a syslog level. */
static void test_dmesg_record(void **state)
{
	struct capture_log log;

	parse("Panic#1 Part1\n<6>" CMDLINE
	      "<5>[    1.569730] crashd-collect: crash capture starting\n"
	      "<6>[    2.100000] pre-hook: crashing the capture kernel\n"
	      "<0>[    2.111000] Kernel panic - not syncing: sysrq triggered crash\n", &log);
	assert_true(log.is_capture);
	assert_int_equal(log.cause, CAPTURE_PANIC);
	assert_string_equal(log.detail, "Kernel panic - not syncing: sysrq triggered crash");
	assert_int_equal(log.last_ms, 2111);
}

static void test_outcomes(void **state)
{
	struct capture_log log;

	parse(CMDLINE "[   22.4] crashd-collect: dump target LABEL=nosuchdisk not found after 20 s; nothing saved\n"
	      "[   22.5] crashd-collect: FailureAction=reboot: rebooting\n", &log);
	assert_int_equal(log.cause, CAPTURE_TARGET_MISSING);
	assert_true(startswith(log.detail, "crashd-collect: dump target LABEL=nosuchdisk not found"));

	parse(CMDLINE "[    4.9] crashd-collect: saved /target/20261130T140322Z-x (complete)\n", &log);
	assert_int_equal(log.cause, CAPTURE_SAVED);
	parse(CMDLINE "[    4.9] crashd-collect: saved /target/20261130T140322Z-x (incomplete: no space)\n", &log);
	assert_int_equal(log.cause, CAPTURE_PARTIAL);
	/* A save after a warning the kernel survived is a save. */
	parse(CMDLINE "[    1.0] BUG: something odd\n[    4.9] crashd-collect: saved /target/x (complete)\n", &log);
	assert_int_equal(log.cause, CAPTURE_SAVED);
	/* The network target failed, and nothing saved it: the first failure is the cause. */
	parse(CMDLINE "[    9.1] crashd-collect: remote target ssh://crashd@dumps.test:22/srv: ssh exited with 255: "
	      "Host key verification failed\n[    9.2] crashd-collect: no fallback (Fallback=none); nothing saved\n", &log);
	assert_int_equal(log.cause, CAPTURE_REMOTE_FAILED);
	assert_string_equal(capture_cause_name(log.cause), "remote-failed");
	assert_non_null(strstr(log.detail, "Host key verification failed"));
	/* It failed, and the fallback saved the dump: saved. */
	parse(CMDLINE "[    9.1] crashd-collect: remote target nfs://f:2049/x: the network: no link\n"
	      "[   12.0] crashd-collect: saved /target/20261130T140322Z-x (complete)\n", &log);
	assert_int_equal(log.cause, CAPTURE_SAVED);
	parse(CMDLINE "[   30.0] crashd-collect: saved ssh://crashd@dumps.test:22/srv/20261130T140322Z-x (complete)\n", &log);
	assert_int_equal(log.cause, CAPTURE_SAVED);
	assert_non_null(strstr(log.detail, "saved ssh://"));
	parse(CMDLINE "[    1.0] crashd-collect: crash capture starting\n", &log);
	assert_int_equal(log.cause, CAPTURE_UNKNOWN);
	assert_string_equal(log.detail, "");

	/* The first kernel's own log is no capture, whatever it says. */
	parse("[    0.000000] Command line: root=/dev/vda crashkernel=256M\n"
	      "[    5.5] Kernel panic - not syncing: sysrq triggered crash\n", &log);
	assert_false(log.is_capture);
	assert_string_equal(log.boot_id, "");
	parse("", &log);
	assert_false(log.is_capture);
}

static void write_record(const char *dir, const char *name, const char *text, time_t mtime)
{
	char path[512];
	struct timeval tv[2] = { { mtime, 0 }, { mtime, 0 } };

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(write_file_atomic(path, text, 0444), 0);
	assert_int_equal(utimes(path, tv), 0);
}

/* Among the records, the newest a capture kernel wrote; the dmesg record over the console's at the same time. */
static void test_newest_capture(void **state)
{
	const char *dir = fixture_path(".");
	struct capture_log log;
	_cleanup_free_ char *text = NULL;
	time_t when;

	assert_int_equal(pstore_newest_capture(dir, &log, &text, &when), -ENOENT);
	write_record(dir, "dmesg-ramoops-0", "Oops#1 Part1\n<4>[ 9.0] Command line: root=/dev/vda\n", 3000);
	write_record(dir, "dmesg-ramoops-1", "Panic#1 Part1\n" CMDLINE "<0>[ 0.8] Out of memory\n", 1000);
	write_record(dir, "console-ramoops-0", CMDLINE "[ 0.8] Out of me", 2000);
	write_record(dir, "dmesg-ramoops-2", "Panic#2 Part1\n" CMDLINE "<0>[ 0.9] Kernel panic - not syncing: x\n", 2000);
	write_record(dir, "pmsg-ramoops-0", CMDLINE, 5000);
	assert_int_equal(pstore_newest_capture(dir, &log, &text, &when), 0);
	assert_int_equal(when, 2000);
	assert_int_equal(log.cause, CAPTURE_PANIC);
	assert_true(startswith(text, "Panic#2"));
	free(text);
	text = NULL;
	/* The console of a later capture that left no dmesg record (a hang) is the newest. */
	write_record(dir, "console-ramoops-0", "[ 0.0] Command line: elfcorehdr=0x1 crashd.boot_id=1a5f40a3-041c\n"
		     "[ 9.0] crashd-collect: saving to /target/x\n", 6000);
	assert_int_equal(pstore_newest_capture(dir, &log, &text, &when), 0);
	assert_string_equal(log.boot_id, "1a5f40a3-041c");
	assert_int_equal(log.cause, CAPTURE_UNKNOWN);
	free(text);
	text = NULL;
	/* The dmesg record of the capture the console shows is preferred, even if older. */
	write_record(dir, "dmesg-ramoops-3", "Shutdown#1 Part1\n<6>[ 0.0] Command line: elfcorehdr=0x1 "
		     "crashd.boot_id=1a5f40a3-041c\n<7>[ 9.1] crashd-collect: dump target LABEL=x not found\n", 5000);
	assert_int_equal(pstore_newest_capture(dir, &log, &text, &when), 0);
	assert_int_equal(log.cause, CAPTURE_TARGET_MISSING);
	assert_int_equal(when, 5000);
}

static void test_slice(void **state)
{
	const char *dir = fixture_path(".");
	_cleanup_free_ char *params = NULL;
	struct pstore_slice s;
	char path[512];

	assert_int_equal(pstore_slice_get(dir, &s), -ENOENT);
	snprintf(path, sizeof(path), "%s/mem_address", dir);
	assert_int_equal(write_file_atomic(path, "1037672448\n", 0400), 0);
	snprintf(path, sizeof(path), "%s/mem_size", dir);
	assert_int_equal(write_file_atomic(path, "1048576\n", 0400), 0);
	snprintf(path, sizeof(path), "%s/record_size", dir);
	assert_int_equal(write_file_atomic(path, "131072\n", 0400), 0);
	snprintf(path, sizeof(path), "%s/console_size", dir);
	assert_int_equal(write_file_atomic(path, "65536\n", 0400), 0);
	assert_int_equal(pstore_slice_get(dir, &s), 0);
	assert_int_equal(s.address, 0x3dd9a000);
	assert_int_equal(pstore_capture_params(&s, &params), 0);
	assert_string_equal(params, "ramoops.mem_address=0x3dd9a000 ramoops.mem_size=1048576 ramoops.record_size=131072 "
			    "ramoops.console_size=65536 ramoops.pmsg_size=0 ramoops.ftrace_size=0 ramoops.ecc=0 "
			    "ramoops.mem_type=0");
	/* A region of size 0 is none. */
	snprintf(path, sizeof(path), "%s/mem_size", dir);
	assert_int_equal(write_file_atomic(path, "0\n", 0400), 0);
	assert_int_equal(pstore_slice_get(dir, &s), -ENOENT);
}

/* A region the capture kernel had, and this boot has elsewhere or not at all, lost its log. */
static void test_region_moved(void **state)
{
	const char *dir = fixture_path(".");
	struct pstore_slice a = { .address = 0x3dd9a000, .size = 1 << 20 }, b = { .address = 0x3cb00000, .size = 1 << 20 };
	bool moved;

	assert_int_equal(pstore_region_remember(dir, &a, true, &moved), 0);
	assert_false(moved);
	assert_int_equal(pstore_region_remember(dir, &a, true, &moved), 0);
	assert_false(moved);
	assert_int_equal(pstore_region_remember(dir, &b, true, &moved), 0);
	assert_true(moved);
	assert_int_equal(pstore_region_remember(dir, &b, false, &moved), 0);
	assert_true(moved);
	/* None before: nothing was lost. */
	assert_int_equal(pstore_region_remember(dir, &a, true, &moved), 0);
	assert_false(moved);
}

/* A new entry when the collector made none; its own when it did. */
static void test_failed_entry(void **state)
{
	char dir[512], name[DUMP_NAME_MAX], path[700], existing[] = "20261130T140000Z-" BOOT_ID;
	struct dump_entry *v;
	struct problem p = {};
	size_t n;

	snprintf(dir, sizeof(dir), "%s/crash", fixture_path("."));
	assert_int_equal(mkdir(dir, 0700), 0);
	assert_int_equal(failed_capture_record(dir, "1a5f40a3-041c-4b05-a21b-8c4a2a339ad0", 1796047219,
					       "capture failed: the capture kernel ran out of memory: x", "log\n", name,
					       sizeof(name), &p), 0);
	assert_string_equal(name, "20261130T140019Z-1a5f40a3-041c-4b05-a21b-8c4a2a339ad0");
	snprintf(path, sizeof(path), "%s/%s/" FAILED_CAPTURE_LOG, dir, name);
	assert_int_equal(access(path, R_OK), 0);
	snprintf(path, sizeof(path), "%s/%s/" DUMP_REPORTED_NAME, dir, name);
	assert_int_equal(access(path, F_OK), 0);

	/* As the collector leaves an interrupted save, once crashd has settled it. */
	snprintf(path, sizeof(path), "%s/%s", dir, existing);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/%s/metadata.json", dir, existing);
	assert_int_equal(write_file_atomic(path, "{\"complete\":false,\"reason\":\"interrupted\"}", 0600), 0);
	assert_int_equal(failed_capture_record(dir, BOOT_ID, 1796047300, "capture failed: x", "log\n", name,
					       sizeof(name), &p), 0);
	assert_string_equal(name, existing);
	assert_int_equal(dumps_list(dir, &v, &n, &p), 0);
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++)
		assert_false(v[i].complete);
	dumps_free(v, n);
	/* A boot id that cannot name an entry is refused, not written. */
	assert_int_equal(failed_capture_record(dir, "../x", 1796047300, "r", "log", name, sizeof(name), &p), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oom),
		cmocka_unit_test(test_dmesg_record),
		cmocka_unit_test(test_outcomes),
		cmocka_unit_test_setup_teardown(test_newest_capture, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_slice, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_failed_entry, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_region_moved, fixture_dir_setup, fixture_dir_teardown),
	};

	return cmocka_run_group_tests_name("capture-log", tests, NULL, NULL);
}
