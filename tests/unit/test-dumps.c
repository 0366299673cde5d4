// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of the dump directory: reporting, retention and digests, and
 * what another user can make of them. The hostile layouts are planted by a
 * child that has really become an unprivileged user (uid 65534), as
 * setpriv(1) would; the tests run as root, as crashd does.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "config.h"
#include "dump-dir.h"
#include "dump-meta.h"
#include "dumps.h"
#include "iomem.h"
#include "util.h"

#define NOBODY 65534

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static char *read_text(const char *path)
{
	char *text = NULL;

	assert_int_equal(read_full_file(path, &text, NULL), 0);
	return text;
}

static void make_dump(const char *dir, const char *name, bool complete)
{
	char path[512], meta[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/%s/%s", dir, name, DUMP_META_NAME);
	snprintf(meta, sizeof(meta), "{\"complete\":%s,\"panic\":\"Kernel panic - not syncing: test %s\"}\n",
		 complete ? "true" : "false", name);
	write_text(path, meta);
	snprintf(path, sizeof(path), "%s/%s/vmcore", dir, name);
	write_text(path, "x");
}

static bool exists(const char *dir, const char *name)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return lstat(path, &st) == 0;
}

static void rm_rf(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* Runs @script with sh as uid/gid 65534 and no groups; the test fails if it fails. */
static void as_nobody(const char *fmt, ...)
{
	char script[2048];
	va_list ap;
	int status;
	pid_t pid;

	assert_int_equal(geteuid(), 0);
	va_start(ap, fmt);
	vsnprintf(script, sizeof(script), fmt, ap);
	va_end(ap);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (setgroups(0, NULL) < 0 || setresgid(NOBODY, NOBODY, NOBODY) < 0 ||
		    setresuid(NOBODY, NOBODY, NOBODY) < 0)
			_exit(126);
		execl("/bin/sh", "sh", "-ec", script, NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		fail_msg("as uid %d: '%s' failed (status 0x%x)", NOBODY, script, status);
}

static void test_dumps(void **state)
{
	char dir[] = "/tmp/crashd-dumps.XXXXXX";
	struct dump_entry *v, e;
	struct problem p = {};
	size_t n;

	assert_non_null(mkdtemp(dir));
	make_dump(dir, "20261101T000000Z-a", true);
	make_dump(dir, "20261102T000000Z-b", true);
	make_dump(dir, "20261103T000000Z-c", true);
	/* The power went while this one was being written. */
	make_dump(dir, DUMP_TMP_PREFIX "20261104T000000Z-d", true);

	assert_int_equal(dumps_report_new(dir, 3, 0), 3 + 1);
	assert_int_equal(dumps_list(dir, &v, &n, &p), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].name, "20261104T000000Z-d");
	assert_false(v[0].complete);
	assert_non_null(strstr(json_object_to_json_string(v[0].meta), "interrupted"));
	assert_string_equal(v[2].name, "20261102T000000Z-b");
	assert_true(v[1].reported && v[2].reported);
	dumps_free(v, n);
	/* The oldest went: Keep=3. */
	assert_false(exists(dir, "20261101T000000Z-a"));
	/* Nothing new the second time. */
	assert_int_equal(dumps_report_new(dir, 3, 0), 0);
	assert_int_equal(dumps_find(dir, "20261103T000000Z-c", &e, &p), 0);
	assert_true(e.complete);
	json_object_put(e.meta);
	assert_int_equal(dumps_find(dir, "20261104T000000Z-nosuch", &e, &p), -ENOENT);
	assert_non_null(strstr(p.what, "no dump named"));
	/* A budget of one byte keeps only the newest. */
	assert_int_equal(dumps_report_new(dir, 0, 1), 0);
	assert_int_equal(dumps_list(dir, &v, &n, &p), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "20261104T000000Z-d");
	dumps_free(v, n);
	rm_rf(dir);
}

static const char *meta_get(json_object *meta, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(meta, key, &v) ? json_object_get_string(v) : "";
}

static void test_dumps_digest(void **state)
{
	char dir[] = "/tmp/crashd-dumps.XXXXXX", path[600];
	struct dump_entry *v;
	struct problem p = {};
	size_t n;

	assert_non_null(mkdtemp(dir));
	make_dump(dir, "20261101T000000Z-a", true);
	make_dump(dir, "20261102T000000Z-b", false);
	/* One the collector of an older crashd digested: left as it is. */
	make_dump(dir, "20261103T000000Z-c", true);
	snprintf(path, sizeof(path), "%s/20261103T000000Z-c/%s", dir, DUMP_META_NAME);
	write_text(path, "{\"complete\":true,\"vmcore_sha256\":\"earlier\"}");

	assert_int_equal(dumps_digest_new(dir), 2);
	assert_int_equal(dumps_list(dir, &v, &n, &p), 0);
	assert_int_equal(n, 3);
	/* sha256sum of the one-byte vmcore "x". */
	for (size_t i = 1; i < 3; i++)
		assert_string_equal(meta_get(v[i].meta, "vmcore_sha256"),
				    "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
	assert_string_equal(meta_get(v[0].meta, "vmcore_sha256"), "earlier");
	/* What the collector wrote is kept. */
	assert_string_equal(meta_get(v[1].meta, "panic"), "Kernel panic - not syncing: test 20261102T000000Z-b");
	dumps_free(v, n);
	/* No temporary file is left beside metadata.json. */
	snprintf(path, sizeof(path), "test -z \"$(ls -A %s/20261101T000000Z-a | grep '^\\.%s')\"", dir, DUMP_META_NAME);
	assert_int_equal(system(path), 0);
	assert_int_equal(dumps_digest_new(dir), 0);
	rm_rf(dir);
}

/*
 * The layout of issue #12's reproductions, planted by another user in a
 * dump directory that user may write (Ubuntu's /var/crash is 1777), beside
 * a root-only directory and a real dump.
 */
struct hostile {
	char top[64], dumps[96], victim[96], secret[128];
};

static void plant_hostile(struct hostile *h, mode_t dumps_mode)
{
	strcpy(h->top, "/tmp/crashd-hostile.XXXXXX");
	assert_non_null(mkdtemp(h->top));
	assert_int_equal(chmod(h->top, 0755), 0);
	snprintf(h->dumps, sizeof(h->dumps), "%s/dumps", h->top);
	snprintf(h->victim, sizeof(h->victim), "%s/victim", h->top);
	snprintf(h->secret, sizeof(h->secret), "%s/victim/secret", h->top);
	assert_int_equal(mkdir(h->dumps, 0700), 0);
	assert_int_equal(chmod(h->dumps, dumps_mode), 0);
	assert_int_equal(mkdir(h->victim, 0700), 0);
	write_text(h->secret, "root only\n");
	make_dump(h->dumps, "20261101T000000Z-real", true);

	as_nobody("cd %s\n"
		  /* a "temporary directory" that is a link to a root-only one */
		  "ln -s %s .tmp-20261130T000000Z-evil\n"
		  /* newer fake dumps, for retention to count */
		  "for i in 1 2 3; do d=2099010${i}T000000Z-fake; mkdir $d;"
		  "  echo '{\"complete\":true}' > $d/metadata.json;"
		  "  ln -s %s $d/vmcore;"
		  "  ln -s %s $d/.metadata.json.tmp; done\n",
		  h->dumps, h->victim, h->secret, h->secret);
}

static void assert_victim_intact(const struct hostile *h)
{
	_cleanup_free_ char *text = read_text(h->secret);
	struct stat st;

	assert_string_equal(text, "root only\n");
	assert_int_equal(lstat(h->victim, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_true(exists(h->dumps, "20261101T000000Z-real"));
}

static void test_writable_dir_refused(void **state)
{
	struct hostile h;
	struct dump_entry *v;
	struct problem p = {};
	size_t n;

	plant_hostile(&h, 01777);
	assert_true(dumps_report_new(h.dumps, 1, 0) < 0);
	assert_true(dumps_digest_new(h.dumps) < 0);
	assert_int_equal(dumps_list(h.dumps, &v, &n, &p), -EPERM);
	assert_non_null(strstr(p.what, "writable by group or others"));
	assert_non_null(strstr(p.what, h.dumps));
	assert_non_null(strstr(p.fix, "chmod 0700"));
	assert_victim_intact(&h);

	/* Owned by another user: refused too, whatever its mode. */
	assert_int_equal(chown(h.dumps, NOBODY, NOBODY), 0);
	assert_int_equal(chmod(h.dumps, 0700), 0);
	assert_int_equal(dumps_list(h.dumps, &v, &n, &p), -EPERM);
	assert_non_null(strstr(p.what, "not owned by root"));
	rm_rf(h.top);
}

/* The administrator fixed the mode; what was planted before is still there, and ignored. */
static void test_planted_entries_ignored(void **state)
{
	char link[160];
	struct hostile h;
	struct dump_entry *v;
	struct problem p = {};
	size_t n;

	plant_hostile(&h, 01777);
	assert_int_equal(chmod(h.dumps, 0700), 0);
	assert_int_equal(dumps_report_new(h.dumps, 1, 0), 1);
	assert_victim_intact(&h);
	assert_true(exists(h.dumps, ".tmp-20261130T000000Z-evil"));
	assert_false(exists(h.dumps, "20261130T000000Z-evil"));
	assert_true(exists(h.dumps, "20990101T000000Z-fake"));

	assert_int_equal(dumps_digest_new(h.dumps), 1);
	assert_int_equal(dumps_list(h.dumps, &v, &n, &p), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].name, "20261101T000000Z-real");
	dumps_free(v, n);
	assert_victim_intact(&h);

	/* A dump directory given as a link is refused, not followed. */
	snprintf(link, sizeof(link), "%s/link", h.top);
	assert_int_equal(symlink(h.dumps, link), 0);
	assert_int_equal(dumps_list(link, &v, &n, &p), -ENOTDIR);
	assert_non_null(strstr(p.what, "symbolic link"));
	rm_rf(h.top);
}

static void test_write_file_atomic_links(void **state)
{
	char dir[] = "/tmp/crashd-atomic.XXXXXX", path[128], victim[128], link[128];
	_cleanup_free_ char *text = NULL, *kept = NULL;
	mode_t old = umask(077);
	struct stat st;

	assert_non_null(mkdtemp(dir));
	snprintf(victim, sizeof(victim), "%s/victim", dir);
	write_text(victim, "keep\n");
	snprintf(path, sizeof(path), "%s/state.json", dir);
	assert_int_equal(symlink(victim, path), 0);
	/* The temporary name the old code used, planted. */
	snprintf(link, sizeof(link), "%s/.state.json.tmp", dir);
	assert_int_equal(symlink(victim, link), 0);

	assert_int_equal(write_file_atomic(path, "new\n", 0644), 0);
	umask(old);
	assert_int_equal(lstat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0644);
	text = read_text(path);
	assert_string_equal(text, "new\n");
	kept = read_text(victim);
	assert_string_equal(kept, "keep\n");
	rm_rf(dir);
}

static void on_alarm(int sig)
{
	static const char msg[] = "test-dumps: a FIFO hung a reader\n";

	(void) !write(2, msg, sizeof(msg) - 1);
	_exit(1);
}

static void test_fifos_do_not_hang(void **state)
{
	char dir[] = "/tmp/crashd-fifo.XXXXXX", path[128];
	struct crashd_config c;
	struct config_errors ce;
	struct iomem_map map = {};
	struct dump_entry *v;
	struct problem p = {};
	unsigned line;
	char *text = NULL;
	size_t n;

	signal(SIGALRM, on_alarm);
	alarm(10);
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(read_full_file(path, &text, NULL), -EBADFD);
	assert_int_equal(iomem_read(path, &map, &line), -EBADFD);
	config_defaults(&c);
	assert_int_equal(config_load(path, &c, &ce), -EBADFD);
	assert_non_null(strstr(ce.v[0].p.what, "not a regular file"));
	config_free(&c);

	/* A FIFO as a dump's metadata.json: that entry is not a dump. */
	make_dump(dir, "20261101T000000Z-a", true);
	snprintf(path, sizeof(path), "%s/20261101T000000Z-a/%s", dir, DUMP_META_NAME);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(dumps_list(dir, &v, &n, &p), 0);
	assert_int_equal(n, 0);
	dumps_free(v, n);
	assert_int_equal(dumps_report_new(dir, 1, 0), 0);
	assert_int_equal(dumps_digest_new(dir), 0);
	alarm(0);
	rm_rf(dir);
}

static void test_dump_names(void **state)
{
	assert_true(dump_name_valid("20261130T072423Z-1b4e28ba-2fa1-11d2-883f-0016d3cca427"));
	assert_true(dump_name_valid("20200101T000000Z-earlier"));
	assert_false(dump_name_valid("20261130T072423Z-"));
	assert_false(dump_name_valid("20261130T072423Z"));
	assert_false(dump_name_valid("2026113XT072423Z-a"));
	assert_false(dump_name_valid("20261130T072423Z-../etc"));
	assert_false(dump_name_valid(".tmp-20261130T072423Z-a"));
	assert_false(dump_name_valid("lost+found"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dumps),
		cmocka_unit_test(test_dumps_digest),
		cmocka_unit_test(test_writable_dir_refused),
		cmocka_unit_test(test_planted_entries_ignored),
		cmocka_unit_test(test_write_file_atomic_links),
		cmocka_unit_test(test_fifos_do_not_hang),
		cmocka_unit_test(test_dump_names),
	};

	return cmocka_run_group_tests_name("dumps", tests, NULL, NULL);
}
