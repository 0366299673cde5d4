// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "boot-record.h"
#include "dump-dir.h"
#include "dumps.h"
#include "log.h"
#include "util.h"

#define RECORD_NAME "running-boot"

static int current_boot_id(char *out, size_t len)
{
	_cleanup_free_ char *id = NULL;
	int r = read_one_line_file("/proc/sys/kernel/random/boot_id", &id);

	if (r < 0)
		return r;
	snprintf(out, len, "%s", id);
	return 0;
}

static bool dump_of_boot(const char *dump_dir, const char *boot_id)
{
	struct problem p;
	_cleanup_close_ int fd = dump_dir_open(dump_dir, &p);
	char name[256];

	return fd >= 0 && dumps_find_boot_at(fd, dump_dir, boot_id, name, sizeof(name)) == 0;
}

int boot_record_start(const char *state_dir, const char *dump_dir, const char *remote, const char *config_path,
		      const char *explained, bool log_lost)
{
	_cleanup_free_ char *path = NULL, *previous = NULL;
	char now[64], line[72];
	int r, unclean = 0;

	if (current_boot_id(now, sizeof(now)) < 0 || asprintf(&path, "%s/%s", state_dir, RECORD_NAME) < 0)
		return -ENOMEM;
	r = read_full_file(path, &previous, NULL);
	if (r >= 0) {
		previous[strcspn(previous, "\n")] = '\0';
		if (!streq(previous, now) && !streq(previous, explained) && !dump_of_boot(dump_dir, previous) && remote) {
			/* The dump, if any, is on a server crashd cannot look into: say so, and no more. */
			log_event(LOG_WARNING, MSGID_DUMP_MISSING, NULL, 0,
				  "The previous boot (%s) ended without a clean shutdown. If it panicked, its dump was sent to "
				  "%s, where crashd cannot see whether it arrived%s; the server has it under a name ending in "
				  "-%s, or the capture kernel's console says why not.",
				  previous, remote, log_lost ? " (its log in ramoops cannot be read)" : "", previous);
			unclean = 1;
		} else if (!streq(previous, now) && !streq(previous, explained) && !dump_of_boot(dump_dir, previous)) {
			log_event(LOG_ERR, MSGID_DUMP_MISSING, NULL, 0,
				  "The previous boot (%s) ended without a clean shutdown, and no dump of it is in %s. "
				  "If it panicked, the capture kernel could not save one: its console says why; "
				  "check Target= and Directory= in %s, then run 'crashctl test --yes'.%s",
				  previous, dump_dir, config_path, log_lost ?
				  " Its log in ramoops cannot be read: this boot has ramoops' region elsewhere or not at all "
				  "(reserve_mem= moves it when KASLR puts the kernel where it was; see crashd(8))." : "");
			unclean = 1;
		}
	}
	mkdir(state_dir, 0700);
	snprintf(line, sizeof(line), "%s\n", now);
	r = write_file_atomic(path, line, 0600);
	if (r < 0)
		return log_error_errno(r, "Cannot write %s: %s.", path, strerror(-r));
	return unclean;
}

void boot_record_stop(const char *state_dir)
{
	_cleanup_free_ char *path = NULL;

	if (asprintf(&path, "%s/%s", state_dir, RECORD_NAME) >= 0)
		unlink(path);
}
