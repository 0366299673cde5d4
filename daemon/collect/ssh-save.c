// SPDX-License-Identifier: GPL-2.0-only
/*
 * A dump to an ssh server. makedumpfile writes the flattened format to a
 * pipe (it cannot seek in a stream), which ssh sends to "cat" there; the
 * panic log and metadata are made here in /run and sent after it. The
 * server holds everything under ".tmp-NAME" until the last command
 * renames it: a dump directory there is whole, or is not there. Reading
 * it back: makedumpfile -R vmcore < vmcore.flat.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect.h"
#include "dump-meta.h"
#include "remote-target.h"
#include "ssh-command.h"
#include "util.h"

#define STAGING "/run/crashd-remote"
/* The log and metadata are small: a server that takes longer has stopped. */
#define SMALL_FILE_TIMEOUT_SEC 60

struct remote_save {
	struct remote_target rt;
	char tmp[700], final[700];	/* on the server */
	int err;			/* ssh's standard error, for the reason */
};

/* What ssh said last: "Host key verification failed.", "Connection refused"... */
static void ssh_said(int err, char *out, size_t len)
{
	char buf[1024];
	ssize_t n = pread(err, buf, sizeof(buf) - 1, 0);
	char *last;

	out[0] = '\0';
	if (n <= 0)
		return;
	buf[n] = '\0';
	/* Its last line, without the full stop: it goes into a sentence of crashd's. */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == '.'))
		buf[--n] = '\0';
	last = strrchr(buf, '\n');
	snprintf(out, len, "%.200s", last ? last + 1 : buf);
}

/* ssh running @command there, @in its input; its output into @out (-1: the console). */
static int remote(struct collect *c, struct remote_save *s, const char *command, int in, int out, unsigned timeout)
{
	struct child_io io = { .in = in, .out = out, .err = s->err };
	struct ssh_command cmd;
	char said[256];
	int status;

	if (ftruncate(s->err, 0) < 0)
		return remote_failed(c, "ssh's error log: %s", strerror(errno));
	ssh_command_init(&cmd, &s->rt, c->conf.remote_address, command, SSH_BATCH);
	status = run_for(c, cmd.argv, &io, timeout);
	if (status == 0)
		return 0;
	ssh_said(s->err, said, sizeof(said));
	return remote_failed(c, "ssh exited with %d%s%s", status, said[0] ? ": " : "", said);
}

/* makedumpfile -F into ssh: the vmcore, as @bytes on the server. */
static int stream_vmcore(struct collect *c, struct remote_save *s, uint64_t *bytes)
{
	_cleanup_free_ char *cmd = NULL, *size = NULL;
	_cleanup_close_ int out = -EBADF;
	struct makedumpfile_args args;
	int p[2], r, status;
	size_t n;
	pid_t pid;

	n = makedumpfile_argv(c, &args, true);
	args.argv[n++] = (char *) VMCORE;
	args.argv[n] = NULL;
	if (asprintf(&cmd, "mkdir -p -- '%s' && cat > '%s/vmcore.flat' && wc -c < '%s/vmcore.flat'", s->tmp, s->tmp,
		     s->tmp) < 0)
		return -ENOMEM;
	out = open(STAGING "/size", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0 || pipe2(p, O_CLOEXEC) < 0)
		return remote_failed(c, "cannot set up the stream: %s", strerror(errno));
	c->makedumpfile_usec = now_usec(CLOCK_MONOTONIC);
	pid = fork();
	if (pid == 0) {
		if (dup2(p[1], STDOUT_FILENO) < 0)
			_exit(127);
		execv(args.argv[0], args.argv);
		_exit(127);
	}
	close(p[1]);
	r = pid < 0 ? remote_failed(c, "cannot start makedumpfile: %s", strerror(errno)) :
		      remote(c, s, cmd, p[0], out, 0);
	close(p[0]);
	if (pid > 0 && waitpid(pid, &status, 0) == pid)
		c->makedumpfile_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	c->makedumpfile_usec = now_usec(CLOCK_MONOTONIC) - c->makedumpfile_usec;
	if (r < 0)
		return r;
	if (c->makedumpfile_status)
		incomplete(c, "makedumpfile exited with %d; the vmcore on the server is cut short", c->makedumpfile_status);
	if (read_full_file(STAGING "/size", &size, NULL) >= 0)
		*bytes = strtoull(size, NULL, 10);
	return 0;
}

/* A file made here, sent into the directory on the server; @then runs after, if given. */
static int send_file(struct collect *c, struct remote_save *s, const char *name, const char *then)
{
	_cleanup_close_ int in = openat(c->tmpfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	_cleanup_free_ char *cmd = NULL;

	if (in < 0)
		return remote_failed(c, "%s was not made: %s", name, strerror(errno));
	if (asprintf(&cmd, "cat > '%s/%s'%s%s", s->tmp, name, then ? " && " : "", then ?: "") < 0)
		return -ENOMEM;
	return remote(c, s, cmd, in, -1, SMALL_FILE_TIMEOUT_SEC);
}

static int staging(struct collect *c)
{
	mkdir(STAGING, 0700);
	if (mkdir(STAGING "/dump", 0700) < 0 && errno != EEXIST)
		return -errno;
	/* Not O_CLOEXEC: makedumpfile writes the log into it as /proc/self/fd/N. */
	c->tmpfd = open(STAGING "/dump", O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (c->tmpfd < 0)
		return -errno;
	snprintf(c->fd_dir, sizeof(c->fd_dir), "/proc/self/fd/%d", c->tmpfd);
	return 0;
}

static int save(struct collect *c, struct remote_save *s, const char *utc)
{
	_cleanup_free_ char *rename_cmd = NULL;
	uint64_t bytes = 0;
	char why[256];
	int r;

	if (net_up(&c->conf, why, sizeof(why)) < 0)
		return remote_failed(c, "the network: %s", why);
	if (staging(c) < 0)
		return remote_failed(c, "cannot make %s: %s", STAGING, strerror(errno));
	snprintf(s->tmp, sizeof(s->tmp), "%s/" DUMP_TMP_PREFIX "%s", streq(s->rt.path, "/") ? "" : s->rt.path, c->name);
	snprintf(s->final, sizeof(s->final), "%s/%s", streq(s->rt.path, "/") ? "" : s->rt.path, c->name);
	snprintf(c->final, sizeof(c->final), "%s%s", c->conf.remote, s->final + strlen(s->rt.path));
	say("saving to %s (%s)", c->final, c->conf.remote_address);
	c->save_started_usec = now_usec(CLOCK_MONOTONIC);
	r = stream_vmcore(c, s, &bytes);
	if (r < 0)
		return r;
	save_dmesg(c);
	r = send_file(c, s, "dmesg.txt", NULL);
	if (r < 0)
		return r;
	sample_memory(c);
	write_metadata(c, utc, bytes);
	/* Never over an existing name: whatever is there was not written by this capture. */
	if (asprintf(&rename_cmd, "test ! -e '%s' && mv -- '%s' '%s'", s->final, s->tmp, s->final) < 0)
		return -ENOMEM;
	r = send_file(c, s, DUMP_META_NAME, rename_cmd);
	if (r < 0)
		return r;
	c->saved = true;
	say("saved %s (%s)", c->final, c->complete ? "complete" : c->reason);
	return 0;
}

int ssh_save(struct collect *c, const char *utc)
{
	struct remote_save s = {};
	char why[256];
	int r;

	if (remote_target_parse(c->conf.remote, &s.rt, why, sizeof(why)) < 0)
		return remote_failed(c, "%s", why);	/* capture_conf_parse() refused such a file already */
	mkdir(STAGING, 0700);
	s.err = open(STAGING "/ssh.err", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (s.err < 0)
		return remote_failed(c, "cannot make %s/ssh.err: %s", STAGING, strerror(errno));
	r = save(c, &s, utc);
	close(s.err);
	if (c->tmpfd >= 0)
		close(c->tmpfd);
	c->tmpfd = -EBADF;
	return r;
}
