// SPDX-License-Identifier: GPL-2.0-only
/*
 * kexec-load-raw load|unload: loads one page of zeros at the crash region's
 * base as the crash image through kexec_load() (not kexec_file_load()), or
 * unloads it, as a tool with its own loader would. Nothing may panic while
 * this image is loaded; the netlink scenario only watches the events.
 */
#define _GNU_SOURCE
#include <linux/kexec.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static char page[4096];
	struct kexec_segment seg = { .buf = page, .bufsz = sizeof(page), .memsz = sizeof(page) };
	unsigned long base;
	FILE *f;

	if (argc != 2 || (strcmp(argv[1], "load") && strcmp(argv[1], "unload"))) {
		fprintf(stderr, "usage: kexec-load-raw load|unload\n");
		return 2;
	}
	if (!strcmp(argv[1], "unload"))
		return syscall(SYS_kexec_load, 0, 0, NULL, KEXEC_ON_CRASH) < 0 ? (perror("kexec_load"), 1) : 0;
	f = fopen("/sys/kernel/crash_reserve/base", "r");
	if (!f || fscanf(f, "%lx", &base) != 1) {
		perror("/sys/kernel/crash_reserve/base");
		return 1;
	}
	fclose(f);
	seg.mem = (void *) base;
	if (syscall(SYS_kexec_load, base, 1, &seg, KEXEC_ON_CRASH | KEXEC_ARCH_DEFAULT) < 0) {
		perror("kexec_load");
		return 1;
	}
	return 0;
}
