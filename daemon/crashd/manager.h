/* SPDX-License-Identifier: GPL-2.0-only */
/* crashd's manager object: all of the daemon's state, and the arming logic. */
#pragma once

#include <json-c/json.h>
#include <stdint.h>
#include <systemd/sd-device.h>
#include <systemd/sd-event.h>

#include "config.h"
#include "image.h"
#include "problem.h"
#include "pstore.h"
#include "region.h"
#include "verify.h"
#include "watch.h"

/* crashd's exit status when this boot has no crash kernel region (LSB: not configured). */
#define CRASHD_EXIT_NO_REGION 6

enum arm_state {
	ARM_STATE_DISARMED,	/* on request, or not yet tried */
	ARM_STATE_ARMED,
	ARM_STATE_DEGRADED,	/* the new image failed; the previous one is armed */
	ARM_STATE_FAILED,	/* nothing armed: see the problem */
	ARM_STATE_NO_REGION,	/* nothing can be armed on this boot */
};

/* When manager_arm() loads images that are already loaded unchanged. */
enum arm_mode {
	ARM_IF_CHANGED,
	/*
	 * The kernel describes memory and CPUs to the panic kernel (the crash
	 * ELF header) only at load: after hotplug on a kernel that does not
	 * update it, after a region change and on request, load again.
	 */
	ARM_RELOAD,
};

struct manager {
	sd_event *event;
	const char *config_path;
	const char *runtime_dir;
	struct region_paths paths;
	struct crashd_config config;

	/* What is armed, exactly as loaded, and how. */
	struct image kernel;
	struct image initrd;
	char *cmdline;
	char kernel_version[128];
	struct crash_region region;
	enum arm_state state;
	struct problem problem;		/* why the state is not ARMED */
	char config_error[4096];	/* the last reload's errors, one per line, while the previous configuration is kept */
	char problem_file[256];
	uint64_t armed_at_usec;		/* CLOCK_REALTIME */
	uint64_t arm_duration_usec;	/* last successful arm, start to confirmed */
	bool adopted;			/* armed by an earlier crashd; the kernel said it is the same */
	char loaded_with[8];		/* the Loader= that loaded what is armed: a change re-arms */
	char fallback[256];		/* why Image=auto did not take the capture kernel, as last logged */
	/* ramoops' region, passed to the capture kernel so that its log survives the reboot. */
	struct pstore_slice pstore;
	bool have_pstore;

	int control_fd;
	sd_event_source *control_source;

	/* Changes that make crashd arm again (watch.c). */
	struct watch *watch;

	/* The last re-arm, for crashctl status. */
	unsigned rearm_count;
	char rearm_reason[4200];
	uint64_t rearm_latency_usec;	/* from the last change to armed */
	uint64_t unprotected_usec;	/* kexec_crash_loaded was 0 this long */
	bool loaded_beside;		/* the last load kept the previous image armed until the swap */

	/* Whether the kernel loads a new crash image beside the armed one (KEXEC_FILE_CRASH_SWAP). */
	enum { CRASH_SWAP_UNKNOWN, CRASH_SWAP_NO, CRASH_SWAP_YES } crash_swap;
	uint64_t swap_no_room_region;	/* the region size "no room for both" was said for */
};

int manager_new(struct manager **ret, const char *config_path, const char *runtime_dir);
struct manager *manager_free(struct manager *m);
/* Re-reads the configuration and watches the files it names; keeps the old one on error. */
int manager_reload_config(struct manager *m);
/* Finds ramoops' region for the capture kernel's log; says once what is lost without one. */
void manager_find_pstore(struct manager *m);
/* Starts watching for changes that need a re-arm. */
int manager_watch(struct manager *m);
/* Verifies the configured images and arms them; never unloads a good image for a bad one. */
int manager_arm(struct manager *m, enum arm_mode mode);
int manager_disarm(struct manager *m);
/* manager_arm() after a change @why at @changed_usec, measured and logged as a re-arm. */
int manager_rearm(struct manager *m, const char *why, enum arm_mode mode, uint64_t changed_usec);
json_object *manager_status_json(struct manager *m);
const char *arm_state_name(enum arm_state s);
/* Tells systemd (STATUS=) and writes the state file. */
void manager_publish(struct manager *m);
