// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "capture-log.h"
#include "capture-report.h"
#include "estimate.h"
#include "failed-capture.h"
#include "log.h"
#include "pstore.h"
#include "remote-target.h"
#include "util.h"

#define REPORTED_NAME "capture-reported"

/*
 * What crashctl estimate now says for the panic kernel in use, and never
 * less than a step above the region that was too small.
 */
static uint64_t size_needed(const struct crashd_config *c, uint64_t region_size)
{
	uint64_t need = region_size + ESTIMATE_STEP;
	struct estimate e;

	if (estimate_in_use(c, &e) == 0 && e.total > need)
		need = e.total;
	return need;
}

/* What happened, and what to do about it, for each cause. */
static void describe(const struct capture_log *log, const struct crashd_config *c, const char *config_path,
		     uint64_t region_size, char *what, size_t wlen, char *fix, size_t flen)
{
	uint64_t need;

	switch (log->cause) {
	case CAPTURE_OUT_OF_MEMORY:
		need = size_needed(c, region_size) >> 20;
		snprintf(what, wlen, "the capture kernel ran out of memory");
		snprintf(fix, flen, "the crash region (%" PRIu64 " MiB) is too small for it; crashctl estimate now gives "
			 "crashkernel=%" PRIu64 "M: 'crashctl crashkernel %" PRIu64 "M --apply', reboot, then "
			 "'crashctl test --yes'", region_size >> 20, need, need);
		break;
	case CAPTURE_TARGET_MISSING:
		snprintf(what, wlen, "the dump target was not found");
		snprintf(fix, flen, "check Target= in %s and that the disk is present in the capture kernel, "
			 "then 'crashctl test --yes'", config_path);
		break;
	case CAPTURE_REMOTE_FAILED:
		snprintf(what, wlen, "the dump could not be sent to the network target, and no fallback saved it");
		snprintf(fix, flen, "check that the server is up and reachable, and its key: 'crashctl ssh-key' pins it "
			 "again if it was changed on purpose; Fallback=directory in %s keeps a local copy; then "
			 "'crashctl test --yes'", config_path);
		break;
	case CAPTURE_PANIC:
		snprintf(what, wlen, "the capture kernel crashed");
		snprintf(fix, flen, "its log says where; try the other panic kernel (Image= in %s), "
			 "then 'crashctl test --yes'", config_path);
		break;
	default:
		snprintf(what, wlen, "the capture ended without saying why");
		snprintf(fix, flen, "its log shows how far it got; then 'crashctl test --yes'");
		break;
	}
}

/*
 * Saved on a server, which crashd cannot look into: the journal says where,
 * from the collector's own line ("ssh://.../NAME (complete)", or nfs://).
 */
static int report_remote(const struct capture_log *log, const char *saved, const char *state_dir, const char *path)
{
	_cleanup_free_ char *f_dump = NULL;
	size_t n = strcspn(saved, " ");

	if (asprintf(&f_dump, "CRASHD_DUMP=%.*s", (int) n, saved) < 0)
		return -ENOMEM;
	log_event_fields(LOG_CRIT, MSGID_DUMP_FOUND, (const char *const[]) { f_dump, NULL },
			 "The crash of boot %s was saved on the dump server: %s.%s", log->boot_id, saved,
			 remote_target_kind(saved) == REMOTE_SSH ? " Read it there with 'makedumpfile -R vmcore < vmcore.flat'." : "");
	mkdir(state_dir, 0700);
	(void) write_file_atomic(path, log->boot_id, 0600);
	return 1;
}

int capture_report_failed(const char *pstore_dir, const char *state_dir, const struct crashd_config *c,
			  const char *config_path, uint64_t region_size, char *boot_id, size_t len)
{
	_cleanup_free_ char *text = NULL, *path = NULL, *reported = NULL, *f_cause = NULL, *f_tail = NULL,
			    *f_dump = NULL;
	char what[128], fix[512], reason[512], name[DUMP_NAME_MAX];
	struct capture_log log;
	struct problem p = {};
	const char *remote;
	time_t when;
	int r;

	boot_id[0] = '\0';
	if (pstore_newest_capture(pstore_dir, &log, &text, &when) < 0 || !log.boot_id[0])
		return 0;
	remote = strstr(log.detail, "crashd-collect: saved ssh://") ?: strstr(log.detail, "crashd-collect: saved nfs://");
	if ((log.cause == CAPTURE_SAVED || log.cause == CAPTURE_PARTIAL) && !remote)
		return 0;
	if (asprintf(&path, "%s/%s", state_dir, REPORTED_NAME) < 0)
		return -ENOMEM;
	if (read_one_line_file(path, &reported) >= 0 && streq(reported, log.boot_id))
		return 0;
	if (remote)
		return report_remote(&log, remote + strlen("crashd-collect: saved "), state_dir, path);
	snprintf(boot_id, len, "%s", log.boot_id);
	describe(&log, c, config_path, region_size, what, sizeof(what), fix, sizeof(fix));
	snprintf(reason, sizeof(reason), "capture failed: %s: %s", what, log.detail[0] ? log.detail : "(no message)");
	r = failed_capture_record(c->dump_dir, log.boot_id, when, reason, text, name, sizeof(name), &p);
	if (r < 0)
		log_error_errno(r, "Cannot record the failed capture in %s: %s.", c->dump_dir, p.what);
	if (asprintf(&f_cause, "CRASHD_CAPTURE_CAUSE=%s", capture_cause_name(log.cause)) < 0 ||
	    asprintf(&f_tail, "CRASHD_CAPTURE_LOG_TAIL=%s", log.tail) < 0 ||
	    asprintf(&f_dump, "CRASHD_DUMP=%s/%s", c->dump_dir, r < 0 ? "" : name) < 0)
		return -ENOMEM;
	log_event_fields(LOG_CRIT, MSGID_CAPTURE_FAILED, (const char *const[]) { f_cause, f_tail, f_dump, NULL },
			 "The capture after the crash of boot %s saved nothing: %s, %lu.%03lu s after it started (%s). "
			 "Fix: %s. Its log is in %s/%s/" FAILED_CAPTURE_LOG "; the last lines:\n%s",
			 log.boot_id, what, log.last_ms / 1000, log.last_ms % 1000, log.detail[0] ? log.detail : "no message",
			 fix, c->dump_dir, r < 0 ? "?" : name, log.tail);
	mkdir(state_dir, 0700);
	(void) write_file_atomic(path, log.boot_id, 0600);
	return 1;
}
