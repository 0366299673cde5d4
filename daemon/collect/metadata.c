// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "collect.h"
#include "dump-meta.h"
#include "util.h"
#include "vmcoreinfo.h"

void write_metadata(struct collect *c, const char *utc, uint64_t vmcore_size)
{
	_cleanup_free_ char *dmesg = NULL;
	json_object *o = json_object_new_object();
	struct vmcoreinfo vi = {};
	char panic[512] = "";
	struct utsname u;
	const char *text;
	int fd;

	vmcoreinfo_read(VMCORE, &vi);
	if (read_full_file_at(c->tmpfd, "dmesg.txt", O_NOFOLLOW, &dmesg, NULL) >= 0)
		dump_panic_line(dmesg, panic, sizeof(panic));
	/* crashd adds the vmcore's SHA-256 after the reboot (dumps_digest_new()). */
	if (!vmcore_size)
		incomplete(c, "no vmcore was saved");

	json_object_object_add(o, "complete", json_object_new_boolean(c->complete));
	if (!c->complete)
		json_object_object_add(o, "reason", json_object_new_string(c->reason));
	json_object_object_add(o, "time", json_object_new_string(utc));
	json_object_object_add(o, "boot_id", json_object_new_string(c->boot_id));
	json_object_object_add(o, "kernel_release", json_object_new_string(vi.osrelease));
	json_object_object_add(o, "build_id", json_object_new_string(vi.build_id));
	json_object_object_add(o, "panic", json_object_new_string(panic));
	json_object_object_add(o, "vmcore_size", json_object_new_int64(vmcore_size));
	json_object_object_add(o, "dump_level", json_object_new_int(c->conf.level));
	json_object_object_add(o, "compression", json_object_new_string(c->conf.compression));
	json_object_object_add(o, "makedumpfile_status", json_object_new_int(c->makedumpfile_status));
	json_object_object_add(o, "fallback_copy", json_object_new_boolean(c->fallback_copy));
	/* Where it was sent; or, for the fallback's copy, why it could not be. */
	if (c->conf.remote[0])
		json_object_object_add(o, "remote", json_object_new_string(c->conf.remote));
	if (c->remote_failure[0])
		json_object_object_add(o, "remote_failure", json_object_new_string(c->remote_failure));
	json_object_object_add(o, "capture_mem_total_kib", json_object_new_int64(c->mem_total_kib));
	json_object_object_add(o, "capture_mem_available_min_kib", json_object_new_int64(c->mem_available_min_kib));
	/* Where a capture's time goes; the rest of the save is what the collector adds. */
	json_object_object_add(o, "capture_boot_usec", json_object_new_int64(c->boot_usec));
	json_object_object_add(o, "makedumpfile_usec", json_object_new_int64(c->makedumpfile_usec));
	json_object_object_add(o, "save_usec",
			       json_object_new_int64(now_usec(CLOCK_MONOTONIC) - c->save_started_usec));
	/* Whose memory use that was: crashctl estimate applies it only to the same capture kernel. */
	if (uname(&u) == 0)
		json_object_object_add(o, "capture_kernel_release", json_object_new_string(u.release));
	json_object_object_add(o, "crashd_version", json_object_new_string(c->conf.version));
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
	fd = openat(c->tmpfd, DUMP_META_NAME, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t) strlen(text) || fsync(fd) < 0)
		say("writing %s/%s: %s", c->tmp, DUMP_META_NAME, strerror(errno));
	if (fd >= 0)
		close(fd);
	json_object_put(o);
}

void save_dmesg(struct collect *c)
{
	char path[sizeof(c->fd_dir) + 16];
	char *argv[] = { (char *) MAKEDUMPFILE, (char *) "--dump-dmesg", (char *) VMCORE, path, NULL };

	snprintf(path, sizeof(path), "%s/dmesg.txt", c->fd_dir);
	if (run_for(c, argv, NULL, 0) != 0)
		say("makedumpfile --dump-dmesg failed; the dump has no panic log");
}
