// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of crashd.conf parsing and the capture command line. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "cmdline.h"
#include "config.h"
#include "util.h"

static void test_defaults(void **state)
{
	struct crashd_config c;

	config_defaults(&c);
	assert_null(c.kernel);
	assert_string_equal(c.initrd, CRASHD_DEFAULT_INITRD);
	assert_string_equal(c.dump_dir, "/var/crash");
	assert_int_equal(c.dump_level, 31);
	assert_string_equal(c.compression, "zlib");
	assert_string_equal(c.action, "reboot");
	assert_string_equal(c.failure_action, "reboot");
	assert_null(c.makedumpfile_options);
	config_free(&c);
}

static void test_good(void **state)
{
	struct crashd_config c;
	struct config_errors e;

	config_defaults(&c);
	assert_int_equal(config_parse_string("# comment\n[Kernel]\nImage=/boot/vmlinuz-test\n"
					     "Initrd=/var/lib/crashd/x.img\nCommandLineAppend=quiet loglevel=3\n"
					     "\n[Dump]\nDirectory=/srv/crash\nLevel=17\nCompression=zstd\n"
					     "Action=poweroff\nKeep=5\nTarget=LABEL=dumps\nMaxUse=10G\nFailureAction=shell\n"
					     "MakedumpfileOptions=--num-threads=2 --message-level=7\n[Capture]\n"
					     "Modules=nvme dm_mod\nPrograms=/usr/bin/ssh\nPreHook=/usr/local/sbin/pre\n"
					     "PostHook=/usr/local/sbin/post\n", &c, &e), 0);
	assert_string_equal(c.failure_action, "shell");
	assert_string_equal(c.makedumpfile_options, "--num-threads=2 --message-level=7");
	assert_string_equal(c.modules, "nvme dm_mod");
	assert_string_equal(c.programs, "/usr/bin/ssh");
	assert_string_equal(c.pre_hook, "/usr/local/sbin/pre");
	assert_string_equal(c.post_hook, "/usr/local/sbin/post");
	assert_string_equal(c.kernel, "/boot/vmlinuz-test");
	assert_string_equal(c.cmdline_append, "quiet loglevel=3");
	assert_string_equal(c.dump_dir, "/srv/crash");
	assert_int_equal(c.dump_level, 17);
	assert_string_equal(c.compression, "zstd");
	assert_string_equal(c.action, "poweroff");
	assert_int_equal(c.keep, 5);
	assert_int_equal(c.max_use, 10ULL << 30);
	assert_string_equal(c.dump_target, "LABEL=dumps");
	config_free(&c);
}

static void test_bad(void **state)
{
	static const struct {
		const char *text;
		unsigned line;
		const char *what;
		unsigned errors;	/* 0: one */
	} cases[] = {
		{ "[Kernel]\nImgae=/boot/x\n", 2, "unknown key 'Imgae' in [Kernel]" },
		{ "[Kernel]\nImage=boot/x\n", 2, "must be auto, distro or an absolute path" },
		{ "[Dump]\nLevel=32\n", 2, "not a number from 0 to 31" },
		{ "[Dump]\nLevel=-1\n", 2, "not a number from 0 to 31" },
		{ "[Dump]\n\nCompression=rar\n", 3, "Compression=rar is not known" },
		{ "[Dump]\nAction=explode\n", 2, "Action=explode is not known" },
		{ "[Dump]\nKeep=many\n", 2, "Keep=many is not a number" },
		{ "[Dump]\nMaxUse=lots\n", 2, "MaxUse=lots is not a size" },
		{ "[Dumps]\nLevel=1\n", 2, "unknown section [Dumps]" },
		{ "[Dump]\nFailureAction=explode\n", 2, "FailureAction=explode is not known" },
		{ "[Dump]\nFallback=local\n", 2, "Fallback=local is not known" },
		{ "[Kernel]\nLoader=kexec\n", 2, "Loader=kexec is not known" },
		{ "[Dump]\nMakedumpfileOptions=--num-threads=2 -d 1\n", 2, "-d is crashd's to set" },
		{ "[Dump]\nMakedumpfileOptions=-c\n", 2, "-c is crashd's to set" },
		{ "[Dump]\nMakedumpfileOptions=--split=x\n", 2, "--split=x is crashd's" },
		{ "[Dump]\nMakedumpfileOptions=/tmp/out\n", 2, "'/tmp/out' is not an option" },
		{ "[Capture]\nModules=nvme ../evil\n", 2, "'../evil' is not a module name" },
		{ "[Capture]\nPrograms=/usr/bin/ssh scp\n", 2, "'scp' is not an absolute path" },
		{ "[Capture]\nPreHook=hook.sh\n", 2, "PreHook= must be an absolute path" },
		{ "[Kernel]\nthis is not a key\n", 2, "not a valid line" },
		/* And then Image= is outside any section: two errors. */
		{ "[Kernel\nImage=/x\n", 1, "not a valid line", 2 },
	};

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		struct crashd_config c;
		struct config_errors e;

		config_defaults(&c);
		print_message("%s", cases[i].text);
		assert_int_equal(config_parse_string(cases[i].text, &c, &e), -EINVAL);
		assert_int_equal(e.n, cases[i].errors ?: 1);
		assert_int_equal(e.v[0].line, cases[i].line);
		if (!strstr(e.v[0].p.what, cases[i].what))
			print_error("got '%s'\n", e.v[0].p.what);
		assert_non_null(strstr(e.v[0].p.what, cases[i].what));
		assert_true(e.v[0].p.fix[0]);
		config_free(&c);
	}
}

static void test_missing_file(void **state)
{
	struct crashd_config c;
	struct config_errors e;

	config_defaults(&c);
	assert_int_equal(config_load("/nonexistent/crashd.conf", &c, &e), 0);
	/* A fix names the file the administrator would write. */
	assert_string_equal(config_source(&c), "/nonexistent/crashd.conf");
	assert_string_equal(c.action, "reboot");
	config_free(&c);
}

/* Every error at once, in line order, each with its own line; then "and N more". */
static void test_all_errors(void **state)
{
	struct crashd_config c;
	struct config_errors e;
	_cleanup_free_ char *all = NULL;
	char many[4096] = "[Dump]\n";

	config_defaults(&c);
	assert_int_equal(config_parse_string("[Kernel]\nImgae=/x\nthis is junk\n[Dump]\nLevel=99\nKeep=3\n"
					     "Compression=rar\n", &c, &e), -EINVAL);
	assert_int_equal(e.n, 4);
	assert_int_equal(e.total, 4);
	assert_int_equal(e.v[0].line, 2);
	assert_non_null(strstr(e.v[0].p.what, "unknown key 'Imgae'"));
	assert_int_equal(e.v[1].line, 3);
	assert_non_null(strstr(e.v[1].p.what, "not a valid line"));
	assert_int_equal(e.v[2].line, 5);
	assert_non_null(strstr(e.v[2].p.what, "Level=99"));
	assert_int_equal(e.v[3].line, 7);
	assert_non_null(strstr(e.v[3].p.what, "Compression=rar"));
	all = config_errors_format(&e, "/etc/x.conf", "\n");
	assert_non_null(strstr(all, "/etc/x.conf:2: unknown key 'Imgae' in [Kernel]; known keys in [Kernel]:"));
	assert_non_null(strstr(all, "\n/etc/x.conf:7: Compression=rar is not known; use "));
	config_free(&c);

	for (int i = 0; i < 20; i++)
		strcat(many, "Level=x\n");
	config_defaults(&c);
	assert_int_equal(config_parse_string(many, &c, &e), -EINVAL);
	assert_int_equal(e.n, CONFIG_ERRORS_MAX);
	assert_int_equal(e.total, 20);
	free(all);
	all = config_errors_format(&e, "f", "\n");
	assert_non_null(strstr(all, "\nand 4 more"));
	config_free(&c);
}

static void test_capture_cmdline(void **state)
{
	static const struct {
		const char *running, *append, *expect;
	} cases[] = {
		{ "BOOT_IMAGE=/vmlinuz root=/dev/vda1 ro crashkernel=256M quiet", NULL,
		  "root=/dev/vda1 ro " CAPTURE_CMDLINE },
		{ "console=ttyS0 nr_cpus=64 hugepages=100 panic=1 crashkernel=512M,high crashkernel=72M,low", "loglevel=7",
		  "console=ttyS0 " CAPTURE_CMDLINE " loglevel=7" },
		{ "root=/dev/vda dyndbg=\"file a.c +p\" -- single", NULL,
		  "root=/dev/vda dyndbg=\"file a.c +p\" " CAPTURE_CMDLINE },
		{ "", "", CAPTURE_CMDLINE },
		/* crashkernelx= is not crashkernel=: kept */
		{ "crashkernelx=1 memx=2", NULL, "crashkernelx=1 memx=2 " CAPTURE_CMDLINE },
		/* ramoops' region and its reservation: crashd passes the address itself. */
		{ "root=/dev/vda reserve_mem=1M:4096:crashd ramoops.mem_name=crashd ramoops.console_size=65536 oops=continue",
		  "ramoops.mem_address=0x7e000000", "root=/dev/vda " CAPTURE_CMDLINE " ramoops.mem_address=0x7e000000" },
	};

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		char *out;

		assert_int_equal(capture_cmdline(cases[i].running, cases[i].append, &out), 0);
		assert_string_equal(out, cases[i].expect);
		free(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_all_errors),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_capture_cmdline),
	};

	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
