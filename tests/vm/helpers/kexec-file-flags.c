// SPDX-License-Identifier: GPL-2.0-only
/*
 * kexec-file-flags FLAGS: calls kexec_file_load() with no files and the
 * given flags (a number, 0x… allowed) and prints the errno's name, or "ok".
 * For the combinations the kernel must refuse before it looks at any file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long flags;

	if (argc != 2) {
		fprintf(stderr, "usage: kexec-file-flags FLAGS\n");
		return 2;
	}
	flags = strtoul(argv[1], NULL, 0);
	if (syscall(SYS_kexec_file_load, -1, -1, 0UL, NULL, flags) == 0) {
		puts("ok");
		return 0;
	}
	puts(strerrorname_np(errno) ?: "unknown");
	return 1;
}
