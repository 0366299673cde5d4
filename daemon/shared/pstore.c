// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "pstore.h"
#include "util.h"

static int param_u64(const char *dir, const char *name, uint64_t *v)
{
	_cleanup_free_ char *path = NULL, *text = NULL;
	char *end;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return -ENOMEM;
	if (read_one_line_file(path, &text) < 0)
		return -ENOENT;
	errno = 0;
	*v = strtoull(text, &end, 0);
	return errno || end == text ? -EINVAL : 0;
}

int pstore_slice_get(const char *dir, struct pstore_slice *s)
{
	uint64_t ecc = 0, type = 0;

	*s = (struct pstore_slice) {};
	if (param_u64(dir, "mem_address", &s->address) < 0 || param_u64(dir, "mem_size", &s->size) < 0 ||
	    !s->address || !s->size)
		return -ENOENT;
	/* Older kernels lack some; absent means 0, as ramoops reads it. */
	(void) param_u64(dir, "record_size", &s->record_size);
	(void) param_u64(dir, "console_size", &s->console_size);
	(void) param_u64(dir, "pmsg_size", &s->pmsg_size);
	(void) param_u64(dir, "ftrace_size", &s->ftrace_size);
	(void) param_u64(dir, "ecc", &ecc);
	(void) param_u64(dir, "mem_type", &type);
	s->ecc = (int) ecc;
	s->mem_type = (unsigned) type;
	return 0;
}

int pstore_region_remember(const char *state_dir, const struct pstore_slice *s, bool have, bool *moved)
{
	_cleanup_free_ char *path = NULL, *previous = NULL;
	char now[64];

	*moved = false;
	if (asprintf(&path, "%s/ramoops-region", state_dir) < 0)
		return -ENOMEM;
	snprintf(now, sizeof(now), have ? "0x%" PRIx64 " %" PRIu64 : "none", s->address, s->size);
	/* Only a region the capture kernel had, and that is not this one, lost its log. */
	if (read_one_line_file(path, &previous) >= 0 && !streq(previous, "none") && !streq(previous, now))
		*moved = true;
	mkdir(state_dir, 0700);
	return write_file_atomic(path, now, 0600);
}

int pstore_capture_params(const struct pstore_slice *s, char **ret)
{
	/*
	 * No max_reason: ramoops 6.12 writes dmesg records for panics and
	 * oopses only, whatever it says; a capture that gave up is in the
	 * console record.
	 */
	return asprintf(ret,
			"ramoops.mem_address=0x%" PRIx64 " ramoops.mem_size=%" PRIu64 " ramoops.record_size=%" PRIu64
			" ramoops.console_size=%" PRIu64 " ramoops.pmsg_size=%" PRIu64 " ramoops.ftrace_size=%" PRIu64
			" ramoops.ecc=%d ramoops.mem_type=%u",
			s->address, s->size, s->record_size, s->console_size, s->pmsg_size, s->ftrace_size, s->ecc,
			s->mem_type) < 0 ? -ENOMEM : 0;
}

/*
 * console-ramoops-0 is always the previous kernel's console: when that was
 * a capture kernel, its record is the latest capture's. A dmesg record of
 * the same capture is better (written whole, every level, the collector's
 * debug-level lines too); one of an older capture is not.
 */
int pstore_newest_capture(const char *dir, struct capture_log *log, char **text, time_t *when)
{
	_cleanup_closedir_ DIR *d = opendir(dir);
	struct capture_log best[2];	/* [0] the newest dmesg record, [1] the console's */
	char *texts[2] = {};
	time_t times[2] = {};
	struct dirent *e;
	int pick;

	*text = NULL;
	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		_cleanup_free_ char *path = NULL, *data = NULL;
		struct capture_log candidate;
		struct stat st;
		size_t size;
		int k = startswith(e->d_name, "dmesg-") ? 0 : startswith(e->d_name, "console-") ? 1 : -1;

		if (k < 0)
			continue;
		if (asprintf(&path, "%s/%s", dir, e->d_name) < 0)
			return -ENOMEM;
		if (stat(path, &st) < 0 || read_full_file(path, &data, &size) < 0)
			continue;
		capture_log_parse(data, size, &candidate);
		if (!candidate.is_capture || (texts[k] && st.st_mtime < times[k]))
			continue;
		best[k] = candidate;
		times[k] = st.st_mtime;
		free(texts[k]);
		texts[k] = data;
		data = NULL;
	}
	if (!texts[0] && !texts[1])
		return -ENOENT;
	pick = texts[1] && (!texts[0] || !streq(best[0].boot_id, best[1].boot_id)) ? 1 : 0;
	*log = best[pick];
	*when = times[pick];
	*text = texts[pick];
	free(texts[!pick]);
	return 0;
}
