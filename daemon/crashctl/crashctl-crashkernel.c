// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashctl crashkernel: puts crashkernel= on the boot command line, as
 * kdumpctl reset-crashkernel does, the Debian way: a drop-in that
 * update-grub reads after /etc/default/grub, appended to
 * GRUB_CMDLINE_LINUX_DEFAULT so that it comes last and wins. The
 * administrator's own files are never edited; the change is shown first.
 */
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* 1 MiB kept at the same place every boot, for the capture kernel's log. */
#define RAMOOPS_CMDLINE "reserve_mem=1M:4096:crashd ramoops.mem_name=crashd"

#include "crashctl.h"
#include "spawn.h"
#include "util.h"

#define GRUB_DROPIN "/etc/default/grub.d/crashd.cfg"
#define UPDATE_GRUB "/usr/sbin/update-grub"
/* update-grub probes every disk for other systems; seconds, rarely a minute. */
#define UPDATE_GRUB_TIMEOUT_SEC 300

struct boot_cmdline {
	const char *dropin;
	const char *update_grub;
	char running[64];	/* crashkernel= value in /proc/cmdline, "" if none */
	char *old;		/* the drop-in now, NULL if none */
	char *new;
};

/* The crashkernel= value of the running kernel's command line: the last one, as the kernel takes it. */
static void running_value(char *out, size_t len)
{
	_cleanup_free_ char *line = NULL;

	out[0] = '\0';
	if (read_one_line_file("/proc/cmdline", &line) < 0)
		return;
	for (char *save = NULL, *w = strtok_r(line, " ", &save); w; w = strtok_r(NULL, " ", &save))
		if (startswith(w, "crashkernel="))
			snprintf(out, len, "%s", w + strlen("crashkernel="));
}

/* Runs update-grub, never waiting forever for it. */
static int run_update_grub(const char *path)
{
	char *argv[] = { (char *) path, NULL };
	int r = spawn_wait(argv, -1, UPDATE_GRUB_TIMEOUT_SEC);

	return r == 0 ? 0 : r < 0 ? r : -EIO;
}

static void print_plan(const struct boot_cmdline *b, const char *size, bool apply)
{
	printf("Running kernel: %s%s\n", b->running[0] ? "crashkernel=" : "no crashkernel=", b->running);
	if (b->old && streq(b->old, b->new)) {
		printf("%s already sets crashkernel=%s.\n", b->dropin, size);
		return;
	}
	printf("%s %s:\n  %s", apply ? "Writing" : "Would write", b->dropin, strchr(b->new, '\n') + 1);
	if (b->old)
		printf("replacing:\n  %s", strchr(b->old, '\n') ? strchr(b->old, '\n') + 1 : b->old);
	printf("%s %s; the new size applies from the next boot.\n", apply ? "Then running" : "then running",
	       b->update_grub);
	if (!apply)
		printf("Run 'crashctl crashkernel %s --apply' to do it ('crashctl plan \"crashkernel=%s\"' shows what it "
		       "would reserve).\n", size, size);
}

int verb_crashkernel(int argc, char **argv)
{
	struct boot_cmdline b = {
		.dropin = getenv("CRASHD_GRUB_DROPIN") ?: GRUB_DROPIN,
		.update_grub = getenv("CRASHD_UPDATE_GRUB") ?: UPDATE_GRUB,
	};
	const char *size = "256M";
	bool apply = false, json = false, changed;
	uint64_t bytes;
	int r;

	for (int i = 1; i < argc; i++) {
		if (streq(argv[i], "--apply"))
			apply = true;
		else if (streq(argv[i], "--json"))
			json = true;
		else if (argv[i][0] != '-')
			size = argv[i];
		else
			return usage_error("crashkernel", "unknown option '%s'", argv[i]);
	}
	if (streq(size, "auto"))
		return verb_fail("crashkernel", json, CRASHCTL_EXIT_INVALID,
				 "give a size such as 256M, or the one 'crashctl estimate' prints",
				 "crashkernel=auto was RHEL's; no upstream kernel takes it");
	if (parse_size(size, &bytes) < 0 || bytes < (16ULL << 20))
		return verb_fail("crashkernel", json, CRASHCTL_EXIT_INVALID,
				 "give a size such as 256M; 'crashctl estimate' prints the smallest that works",
				 "'%s' is not a size of at least 16M", size);
	if (access(b.update_grub, X_OK) < 0)
		return verb_fail("crashkernel", json, CRASHCTL_EXIT_FAILED,
				 "add crashkernel= to your boot loader's kernel command line yourself (systemd-boot: "
				 "/etc/kernel/cmdline, then kernel-install)",
				 "this machine does not boot through GRUB (%s: %s)", b.update_grub, strerror(errno));

	running_value(b.running, sizeof(b.running));
	r = read_full_file(b.dropin, &b.old, NULL);
	if (r < 0 && r != -ENOENT)
		return verb_fail("crashkernel", json, CRASHCTL_EXIT_FAILED, "remove it, or make it a regular file",
				 "cannot read %s: %s", b.dropin, read_file_strerror(r));
	/* With ramoops' region, a capture that fails says why after the reboot (crashd(8)). */
	if (asprintf(&b.new, "# Written by 'crashctl crashkernel'; remove it and run update-grub to undo.\n"
		     "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT crashkernel=%s " RAMOOPS_CMDLINE "\"\n",
		     size) < 0)
		return verb_fail("crashkernel", json, CRASHCTL_EXIT_FAILED, NULL, "out of memory");
	changed = !b.old || !streq(b.old, b.new);

	if (!json)
		print_plan(&b, size, apply);
	r = 0;
	if (apply && changed) {
		const char *slash = strrchr(b.dropin, '/');
		_cleanup_free_ char *dir = slash ? strndup(b.dropin, slash - b.dropin) : NULL;

		/* grub's own package does not make it. */
		if (dir && *dir)
			(void) mkdir(dir, 0755);
		r = write_file_atomic(b.dropin, b.new, 0644);
		if (r < 0)
			r = verb_fail("crashkernel", json, CRASHCTL_EXIT_FAILED, "run it as root",
				      "cannot write %s: %s", b.dropin, strerror(-r));
		else if ((r = run_update_grub(b.update_grub)) < 0)
			r = verb_fail("crashkernel", json, CRASHCTL_EXIT_FAILED, "run it by hand to see why",
				      "%s %s", b.update_grub, r == -ETIMEDOUT ? "did not finish in 300 s" : "failed");
	}
	if (json && r == 0) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "ok", json_object_new_boolean(true));
		json_object_object_add(o, "running", b.running[0] ? json_object_new_string(b.running) : NULL);
		json_object_object_add(o, "crashkernel", json_object_new_string(size));
		json_object_object_add(o, "file", json_object_new_string(b.dropin));
		json_object_object_add(o, "content", json_object_new_string(b.new));
		json_object_object_add(o, "changed", json_object_new_boolean(changed));
		json_object_object_add(o, "applied", json_object_new_boolean(apply && changed));
		print_json(o);
		json_object_put(o);
	} else if (!json && r == 0 && apply && changed) {
		printf("Done. Reboot for crashkernel=%s to take effect.\n", size);
	}
	free(b.old);
	free(b.new);
	return r < 0 ? CRASHCTL_EXIT_FAILED : r > 0 ? r : CRASHCTL_EXIT_OK;
}
