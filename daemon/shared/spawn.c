// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "spawn.h"

int spawn_wait(char *const argv[], int in, unsigned timeout_sec)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		if (in >= 0 && dup2(in, STDIN_FILENO) < 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	for (unsigned i = 0; i < timeout_sec * 10; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		nanosleep(&(struct timespec) { .tv_nsec = 100000000 }, NULL);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -ETIMEDOUT;
}
