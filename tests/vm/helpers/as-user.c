// SPDX-License-Identifier: GPL-2.0-only
/*
 * as-user UID PROGRAM [ARGS...]: runs PROGRAM as UID (group UID, no
 * supplementary groups), as setpriv --reuid --regid --clear-groups would;
 * busybox's setpriv cannot. The hostile-user scenarios run their attacks
 * through it.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end;
	unsigned long id;

	if (argc < 3) {
		fprintf(stderr, "usage: as-user UID PROGRAM [ARGS...]\n");
		return 2;
	}
	id = strtoul(argv[1], &end, 10);
	if (*end || !id) {
		fprintf(stderr, "as-user: '%s' is not a uid other than 0\n", argv[1]);
		return 2;
	}
	if (setgroups(0, NULL) < 0 || setresgid(id, id, id) < 0 || setresuid(id, id, id) < 0) {
		perror("as-user");
		return 1;
	}
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}
