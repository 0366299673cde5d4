// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect.h"
#include "util.h"

void sample_memory(struct collect *c)
{
	_cleanup_fclose_ FILE *f = fopen("/proc/meminfo", "re");
	char key[64];
	unsigned long long v;

	while (f && fscanf(f, "%63s %llu kB\n", key, &v) == 2) {
		if (streq(key, "MemTotal:"))
			c->mem_total_kib = v;
		else if (streq(key, "MemAvailable:") && (!c->mem_available_min_kib || v < c->mem_available_min_kib))
			c->mem_available_min_kib = v;
	}
}

/* makedumpfile prints its progress on the console. */
int run_for(struct collect *c, char *const argv[], const struct child_io *io, unsigned timeout_sec)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		if (io && ((io->in >= 0 && dup2(io->in, STDIN_FILENO) < 0) ||
			   (io->out >= 0 && dup2(io->out, STDOUT_FILENO) < 0) ||
			   (io->err >= 0 && dup2(io->err, STDERR_FILENO) < 0)))
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	for (unsigned ticks = 0; waitpid(pid, &status, WNOHANG) == 0; ticks++) {
		if (timeout_sec && ticks >= timeout_sec * 10) {
			say("%s did not finish in %u s; killed", argv[0], timeout_sec);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		sample_memory(c);
		usleep(100000);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
