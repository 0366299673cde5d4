// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "dump-dir.h"
#include "dump-meta.h"
#include "dumps.h"
#include "failed-capture.h"
#include "util.h"

/* The entry the collector made for @boot_id, if it got that far. */
int failed_capture_record(const char *dir, const char *boot_id, time_t when, const char *reason,
			  const char *log_text, char *name, size_t len, struct problem *p)
{
	_cleanup_close_ int dirfd = dump_dir_open(dir, p), fd = -EBADF;
	json_object *meta;
	char utc[32];
	int r;

	if (dirfd < 0)
		return dirfd;
	strftime(utc, sizeof(utc), "%Y%m%dT%H%M%SZ", gmtime(&when));
	if (dumps_find_boot_at(dirfd, dir, boot_id, name, len) < 0) {
		snprintf(name, len, "%s-%s", utc, boot_id);
		if (!dump_name_valid(name))
			return problem(p, -EINVAL, NULL, "the capture log names an invalid boot id '%s'", boot_id);
		if (mkdirat(dirfd, name, 0700) < 0 && errno != EEXIST)
			return problem(p, -errno, "check that crashd may write there", "cannot create %s/%s: %s", dir,
				       name, strerror(errno));
	}
	fd = dump_entry_open(dirfd, name);
	if (fd < 0)
		return problem(p, fd, NULL, "cannot open %s/%s: %s", dir, name, strerror(-fd));
	meta = dump_meta_read(fd) ?: json_object_new_object();
	json_object_object_add(meta, "complete", json_object_new_boolean(false));
	json_object_object_add(meta, "reason", json_object_new_string(reason));
	json_object_object_add(meta, "capture_failed", json_object_new_boolean(true));
	json_object_object_add(meta, "boot_id", json_object_new_string(boot_id));
	if (!json_object_object_get_ex(meta, "time", NULL)) {
		strftime(utc, sizeof(utc), "%Y-%m-%dT%H:%M:%SZ", gmtime(&when));
		json_object_object_add(meta, "time", json_object_new_string(utc));
	}
	json_object_object_add(meta, "capture_log", json_object_new_string(FAILED_CAPTURE_LOG));
	r = dump_meta_write(fd, meta);
	json_object_put(meta);
	if (r >= 0)
		r = write_file_atomic_at(fd, FAILED_CAPTURE_LOG, log_text, 0600);
	if (r >= 0)
		r = write_file_atomic_at(fd, DUMP_REPORTED_NAME, "", 0600);
	if (r < 0)
		return problem(p, r, NULL, "cannot write in %s/%s: %s", dir, name, strerror(-r));
	return 0;
}
