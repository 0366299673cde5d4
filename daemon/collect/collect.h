/* SPDX-License-Identifier: GPL-2.0-only */
/* The collector's state, and what its parts share: messages, child programs, metadata. */
#pragma once

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "capture-conf.h"

#define VMCORE "/proc/vmcore"
#define MAKEDUMPFILE "/usr/bin/makedumpfile"

struct collect {
	struct capture_conf conf;
	char boot_id[40];
	char name[96];		/* <UTC>-<boot id> */
	char tmp[PATH_MAX + 128];	/* the directory being written, for messages */
	char final[PATH_MAX + 128];
	/*
	 * Everything in the dump directory is reached from these, never by a
	 * path another user could have swapped a link into; makedumpfile gets
	 * the directory being written as /proc/self/fd/N.
	 */
	int dirfd, tmpfd;
	char tmp_name[128];
	char fd_dir[32];
	bool complete;
	bool saved;		/* the dump's directory has its final name */
	char reason[256];	/* why not complete */
	int makedumpfile_status;
	bool fallback_copy;
	/* Target=ssh://: why it was not saved there, when the dump went to the fallback instead. */
	char remote_failure[256];
	uint64_t remote_bytes;	/* the flattened vmcore as sent */
	uint64_t mem_total_kib, mem_available_min_kib;
	/* How long: the capture kernel until the collector ran, makedumpfile, the whole save. */
	uint64_t boot_usec, makedumpfile_usec, save_started_usec;
};

/* A line on the console and in the kernel's log, which ramoops keeps across the reboot. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * The network target failed: @fmt into c->remote_failure, for the
 * fallback's metadata, and said as the capture log's reader knows it.
 * Returns -EIO.
 */
int remote_failed(struct collect *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Marks the dump incomplete; the first reason is the one reported. */
void incomplete(struct collect *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* /proc/meminfo: the capture kernel's memory, and the least that was available. */
void sample_memory(struct collect *c);
/* A child's standard input, output and error; -1 keeps the collector's. */
struct child_io {
	int in, out, err;
};
/*
 * Runs @argv (@io NULL: with the collector's own files) and samples
 * memory meanwhile; after @timeout_sec (0: none) it is killed. Its exit
 * status, or 128 + the signal.
 */
int run_for(struct collect *c, char *const argv[], const struct child_io *io, unsigned timeout_sec);
/* makedumpfile --dump-dmesg into the directory being written. */
void save_dmesg(struct collect *c);
/* metadata.json into the directory being written; @vmcore_size: of what was saved. */
void write_metadata(struct collect *c, const char *utc, uint64_t vmcore_size);

/* makedumpfile's command line as capture.conf asks, to which the caller adds the input and output. */
#define MAKEDUMPFILE_ARGV_MAX 40
struct makedumpfile_args {
	char *argv[MAKEDUMPFILE_ARGV_MAX];
	char level[8];
	char options[512];
};
/* @flattened: -F, to stdout, for a stream. Returns the number of arguments; 3 more fit. */
size_t makedumpfile_argv(const struct collect *c, struct makedumpfile_args *a, bool flattened);

/*
 * Target=ssh://: the network card set up, then the dump streamed to the
 * server as a flattened vmcore, with the log and metadata beside it,
 * under a temporary name renamed when all is there. 0 when saved; else
 * <0 with c->remote_failure saying why, for the fallback's metadata.
 */
int ssh_save(struct collect *c, const char *utc);
/* The interface with the MAC address @conf names, given its address and route. 0, or <0 with @why. */
int net_up(const struct capture_conf *conf, char *why, size_t len);
