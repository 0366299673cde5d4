/* SPDX-License-Identifier: GPL-2.0-only */
/* /etc/crashd/crashd.conf; the keys are documented in crashd.conf(5). */
#pragma once

#include <stdint.h>

#include "problem.h"

#define CRASHD_CONFIG_PATH "/etc/crashd/crashd.conf"
#define CRASHD_DEFAULT_INITRD "/var/lib/crashd/initramfs.img"

struct crashd_config {
	char *kernel;			/* [Kernel] Image: auto (NULL), distro or a path; see panic-kernel.h */
	char *initrd;			/* [Kernel] Initrd */
	char *cmdline_append;		/* [Kernel] CommandLineAppend */
	char *loader;			/* [Kernel] Loader: file (kexec_file_load) or elf (crashd's loader) */
	char *dump_dir;			/* [Dump] Directory */
	char *dump_target;		/* [Dump] Target: UUID=, LABEL=, a device or ssh://; NULL: Directory's */
	char *fallback;			/* [Dump] Fallback: directory or none, when a network target fails */
	unsigned dump_level;		/* [Dump] Level, makedumpfile -d */
	char *compression;		/* [Dump] Compression: lzo, zlib, zstd, snappy, none */
	char *action;			/* [Dump] Action: after saving: reboot, poweroff, shell */
	char *failure_action;		/* [Dump] FailureAction: when nothing or not all was saved */
	char *makedumpfile_options;	/* [Dump] MakedumpfileOptions: more options, space-separated */
	unsigned keep;			/* [Dump] Keep: dumps kept, oldest removed first */
	uint64_t max_use;		/* [Dump] MaxUse: bytes all dumps may use; 0: no limit */
	char *modules;			/* [Capture] Modules: more kernel modules, space-separated */
	char *programs;			/* [Capture] Programs: more programs (absolute paths) */
	char *pre_hook;			/* [Capture] PreHook: run before saving */
	char *post_hook;		/* [Capture] PostHook: run after saving, with the dump's path */
	char *source;			/* the file config_load() read, or would have; NULL: not loaded */
};

/* Every error in a file, so that one edit can mend them all. */
#define CONFIG_ERRORS_MAX 16
struct config_error {
	unsigned line;			/* 0 when not line-specific */
	struct problem p;
};
struct config_errors {
	unsigned n;			/* in v[], at most CONFIG_ERRORS_MAX */
	unsigned total;			/* found, including those not kept */
	struct config_error v[CONFIG_ERRORS_MAX];
};

void config_defaults(struct crashd_config *c);
/*
 * Loads @path over the defaults; a missing file leaves them. On errors
 * returns -EINVAL (or the error reading it) with every one in @e.
 */
int config_load(const char *path, struct crashd_config *c, struct config_errors *e);
int config_parse_string(const char *text, struct crashd_config *c, struct config_errors *e);
/* "PATH:LINE: what; fix" per error, joined by @sep, and how many more. Caller frees. */
char *config_errors_format(const struct config_errors *e, const char *path, const char *sep);
void config_free(struct crashd_config *c);
/* The keys, in crashd.conf(5)'s order: how many, and key @i of @c as crashd.conf spells it. */
size_t config_key_count(void);
void config_key_get(const struct crashd_config *c, size_t i, const char **section, const char **name, char *value,
		    size_t len);
/* The file to edit, for a fix: the one loaded, or the default path. */
const char *config_source(const struct crashd_config *c);
