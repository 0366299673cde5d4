/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the capture system runs so that the dump target's device exists:
 * an MD array assembled, an LVM volume group activated. crashd writes the
 * steps into capture.conf (Assemble=), bottom-up; the collector turns each
 * into a command line here.
 */
#pragma once

#include <stddef.h>

/* Where the capture initramfs holds the tools, whatever their path on the running system. */
#define ASSEMBLE_MDADM_PATH "/usr/sbin/mdadm"
#define ASSEMBLE_LVM_PATH "/usr/sbin/lvm"
#define ASSEMBLE_ARGV_MAX 12

enum assemble_kind {
	ASSEMBLE_MD,		/* "md:UUID": the array with that UUID, from whichever partitions hold it */
	ASSEMBLE_LVM,		/* "lvm:VG": every logical volume of the volume group */
};

struct assemble_step {
	enum assemble_kind kind;
	char what[128];		/* the array's UUID, the volume group's name */
	char *argv[ASSEMBLE_ARGV_MAX];	/* pointing into this step */
	/*
	 * Undoing it once the dump is saved: an array stopped is marked clean,
	 * and the next boot resyncs nothing; a group deactivated is closed.
	 */
	char *stop_argv[ASSEMBLE_ARGV_MAX];
	char arg[2][160];
};

/* The program a step runs: its name, at ASSEMBLE_*_PATH in the capture system, and the package it comes in. */
struct assemble_tool {
	const char *name, *capture_path, *package;
};
const struct assemble_tool *assemble_tool(enum assemble_kind kind);

/* One step, "md:..." or "lvm:..."; -EINVAL for anything else, so a damaged capture.conf runs nothing. */
int assemble_step_parse(const char *word, struct assemble_step *s);
/* Appends "KIND:WHAT" to the space-separated @list; -ENAMETOOLONG when it does not fit, 0 if already there. */
int assemble_list_add(char *list, size_t len, enum assemble_kind kind, const char *what);
