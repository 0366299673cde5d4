/* SPDX-License-Identifier: GPL-2.0-only */
/* /etc/crashd/crashd.conf; the keys are documented in crashd.conf(5). */
#pragma once

#include <stdint.h>

#include "problem.h"

#define CRASHD_CONFIG_PATH "/etc/crashd/crashd.conf"
#define CRASHD_DEFAULT_INITRD "/var/lib/crashd/initramfs.img"

struct crashd_config {
	char *kernel;			/* [Kernel] Image; NULL: /boot/vmlinuz-$(uname -r) */
	char *initrd;			/* [Kernel] Initrd */
	char *cmdline_append;		/* [Kernel] CommandLineAppend */
	char *dump_dir;			/* [Dump] Directory */
	char *dump_target;		/* [Dump] Target: UUID=, LABEL= or a device; NULL: Directory's */
	unsigned dump_level;		/* [Dump] Level, makedumpfile -d */
	char *compression;		/* [Dump] Compression: lzo, zlib, zstd, snappy, none */
	char *action;			/* [Dump] Action: reboot, poweroff, shell */
	unsigned keep;			/* [Dump] Keep: dumps kept, oldest removed first */
	uint64_t max_use;		/* [Dump] MaxUse: bytes all dumps may use; 0: no limit */
};

void config_defaults(struct crashd_config *c);
/*
 * Loads @path over the defaults; a missing file leaves them. On an error
 * returns -EINVAL with @line (0 when not line-specific) and @p set.
 */
int config_load(const char *path, struct crashd_config *c, unsigned *line, struct problem *p);
int config_parse_string(const char *text, struct crashd_config *c, unsigned *line, struct problem *p);
void config_free(struct crashd_config *c);
/* The panic kernel to use: Image, or the running kernel's. Caller frees. */
char *config_kernel_path(const struct crashd_config *c);
