/* SPDX-License-Identifier: GPL-2.0-only */
/* Building the capture initramfs: the collector, makedumpfile, and only what they need. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "config.h"
#include "dump-target.h"
#include "elf-deps.h"
#include "problem.h"

#define CRASHD_COLLECT_PATH "/usr/lib/crashd/crashd-collect"
#define CRASHD_MAKEDUMPFILE_PATH "/usr/bin/makedumpfile"

struct capture_build {
	const struct crashd_config *config;
	const char *kernel_release;	/* of the panic kernel, for its modules */
	const char *modules_root;	/* "" normally; the prefix of /lib/modules */
	const char *collector;		/* default CRASHD_COLLECT_PATH */
	const char *makedumpfile;	/* default /usr/bin/makedumpfile */
	const char *output;
	struct dump_target_env target_env;	/* the running system, for the dump target */
	bool pstore;			/* the capture kernel gets ramoops' region: carry ramoops if a module */
};

struct capture_report {
	uint64_t size;
	struct dump_target target;
	struct strv programs;		/* collector, makedumpfile, their libraries */
	struct strv modules;		/* module files, in load order */
	struct strv assemble_tools;	/* mdadm, lvm: for Assemble=, at /usr/sbin/NAME there */
	bool no_module_dir;		/* the panic kernel has no /lib/modules: all built in */
	bool shell;			/* busybox as /bin/sh: for Action=shell or a hook script */
};

/*
 * Whether @makedumpfile can write @compression (Compression=): it links
 * the library for it. Debian's links lzo and zlib, not zstd or snappy, and
 * would only print "-z option will be ignored" in the capture kernel.
 * -EOPNOTSUPP with @p naming what it can do; 0 for a static program,
 * which says nothing of it.
 */
int capture_check_compression(const char *makedumpfile, const char *compression, struct problem *p);
/*
 * config_load(), and Compression= checked against the makedumpfile in use
 * as one more error of the file: what crashd and crashctl both load.
 */
int capture_config_load(const char *path, struct crashd_config *c, struct config_errors *e);
int capture_build(const struct capture_build *b, struct capture_report *rep, struct problem *p);
/*
 * What the target's Assemble= adds to the capture initramfs: mdadm or lvm
 * and the libraries that only they need, in bytes.
 */
int capture_assemble_size(const struct dump_target *t, uint64_t *bytes, struct problem *p);
/*
 * What a network target adds: the ssh client and the libraries only it
 * needs, the card's driver and the NFS client with what they need from
 * @moddir (/lib/modules/RELEASE; absent: no modules), in bytes.
 */
int capture_network_size(const struct dump_target *t, const char *moddir, uint64_t *bytes, struct problem *p);
void capture_report_free(struct capture_report *rep);
/* The release ("6.12.117+deb12-amd64") from a bzImage's version string. */
void kernel_release_of(const char *version, char *out, size_t len);

/*
 * Rebuilds @b->output when it is missing or its inputs changed since it
 * was built (the kernel release, the collector, makedumpfile, crashd.conf),
 * as recorded next to it in OUTPUT.inputs. Sets @built when it did.
 */
int capture_build_if_stale(const struct capture_build *b, const char *config_path, bool *built,
			   struct capture_report *rep, struct problem *p);
/* Records @b's inputs next to its output, so that crashd sees it is current. */
int capture_inputs_record(const struct capture_build *b, const char *config_path);
