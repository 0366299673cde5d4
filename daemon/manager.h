/* SPDX-License-Identifier: GPL-2.0-only */
/* crashd's manager object: all of the daemon's state, and the arming logic. */
#pragma once

#include <json-c/json.h>
#include <stdint.h>
#include <systemd/sd-event.h>

#include "config.h"
#include "image.h"
#include "problem.h"
#include "region.h"
#include "verify.h"

enum arm_state {
	ARM_STATE_DISARMED,	/* on request, or not yet tried */
	ARM_STATE_ARMED,
	ARM_STATE_DEGRADED,	/* the new image failed; the previous one is armed */
	ARM_STATE_FAILED,	/* nothing armed: see the problem */
	ARM_STATE_NO_REGION,	/* nothing can be armed on this boot */
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
	char problem_file[256];
	uint64_t armed_at_usec;		/* CLOCK_REALTIME */
	uint64_t arm_duration_usec;	/* last successful arm, start to confirmed */

	int control_fd;
	sd_event_source *control_source;
};

int manager_new(struct manager **ret, const char *config_path, const char *runtime_dir);
struct manager *manager_free(struct manager *m);
/* Re-reads the configuration; keeps the old one on error. */
int manager_reload_config(struct manager *m);
/* Verifies the configured images and arms them; never unloads a good image for a bad one. */
int manager_arm(struct manager *m);
int manager_disarm(struct manager *m);
json_object *manager_status_json(struct manager *m);
const char *arm_state_name(enum arm_state s);
/* Tells systemd (STATUS=) and writes the state file. */
void manager_publish(struct manager *m);
