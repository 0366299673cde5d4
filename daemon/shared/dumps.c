// SPDX-License-Identifier: GPL-2.0-only
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "digest.h"
#include "dump-meta.h"
#include "dumps.h"
#include "log.h"
#include "util.h"

static int by_name_desc(const void *a, const void *b)
{
	return -strcmp(((const struct dump_entry *) a)->name, ((const struct dump_entry *) b)->name);
}

/* A second handle on @dirfd to walk it with, leaving @dirfd's position alone. */
static DIR *opendir_at(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

/* Fills @e if @name is a dump the collector made; false otherwise. */
static bool load_entry(int dirfd, const char *dir, const char *name, struct dump_entry *e)
{
	_cleanup_close_ int fd = -EBADF;
	json_object *v;
	struct stat st;

	memset(e, 0, sizeof(*e));
	if (!dump_name_valid(name))
		return false;
	fd = dump_entry_open(dirfd, name);
	if (fd < 0)
		return false;
	e->meta = dump_meta_read(fd);
	if (!e->meta || !json_object_object_get_ex(e->meta, "complete", &v) ||
	    !json_object_is_type(v, json_type_boolean)) {
		json_object_put(e->meta);
		e->meta = NULL;
		return false;
	}
	e->complete = json_object_get_boolean(v);
	e->reported = fstatat(fd, DUMP_REPORTED_NAME, &st, AT_SYMLINK_NOFOLLOW) == 0;
	snprintf(e->name, sizeof(e->name), "%s", name);
	snprintf(e->path, sizeof(e->path), "%s%s%s", dir, streq(dir, "/") ? "" : "/", name);
	return true;
}

int dumps_list_at(int dirfd, const char *dir, struct dump_entry **ret, size_t *n)
{
	_cleanup_closedir_ DIR *d = opendir_at(dirfd, ".");
	struct dump_entry *v = NULL, e;
	struct dirent *de;

	*n = 0;
	*ret = NULL;
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		struct dump_entry *grown;

		if (!load_entry(dirfd, dir, de->d_name, &e))
			continue;
		grown = reallocarray(v, *n + 1, sizeof(*v));
		if (!grown) {
			json_object_put(e.meta);
			dumps_free(v, *n);
			*n = 0;
			return -ENOMEM;
		}
		v = grown;
		v[(*n)++] = e;
	}
	if (*n)
		qsort(v, *n, sizeof(*v), by_name_desc);
	*ret = v;
	return 0;
}

int dumps_list(const char *dir, struct dump_entry **ret, size_t *n, struct problem *p)
{
	_cleanup_close_ int fd = dump_dir_open(dir, p);

	*n = 0;
	*ret = NULL;
	if (fd < 0)
		return fd;
	return dumps_list_at(fd, dir, ret, n);
}

void dumps_free(struct dump_entry *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		json_object_put(d[i].meta);
	free(d);
}

int dumps_find_boot_at(int dirfd, const char *dir, const char *boot_id, char *name, size_t len)
{
	size_t n, b = strlen(boot_id);
	struct dump_entry *v;
	int r = -ENOENT;

	if (dumps_list_at(dirfd, dir, &v, &n) < 0)
		return -ENOENT;
	for (size_t i = 0; i < n && r < 0; i++) {
		size_t a = strlen(v[i].name);

		if (a > b && streq(v[i].name + a - b, boot_id)) {
			snprintf(name, len, "%s", v[i].name);
			r = 0;
		}
	}
	dumps_free(v, n);
	return r;
}

/* Dump directories are flat: files are unlinked, never followed; anything else stays. */
static int remove_dump(int dirfd, const char *name)
{
	_cleanup_close_ int fd = dump_entry_open(dirfd, name);
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *de;

	if (fd < 0)
		return fd;
	d = opendir_at(fd, ".");
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		struct stat st;

		if (streq(de->d_name, ".") || streq(de->d_name, ".."))
			continue;
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISDIR(st.st_mode))
			(void) unlinkat(fd, de->d_name, 0);
	}
	return unlinkat(dirfd, name, AT_REMOVEDIR) < 0 ? -errno : 0;
}

/* A ".tmp-NAME" the collector never renamed: the save was cut short. */
static void settle_one(int dirfd, const char *dir, const char *tmp)
{
	const char *name = tmp + strlen(DUMP_TMP_PREFIX);
	_cleanup_close_ int fd = -EBADF;
	json_object *o;
	int r;

	if (!dump_name_valid(name))
		return;
	fd = dump_entry_open(dirfd, tmp);
	if (fd < 0)
		return;
	o = dump_meta_read(fd) ?: json_object_new_object();
	json_object_object_add(o, "complete", json_object_new_boolean(false));
	json_object_object_add(o, "reason", json_object_new_string(
		"interrupted: the machine lost power or was reset while the dump was being saved"));
	r = dump_meta_write(fd, o);
	if (r < 0)
		log_error_errno(r, "Cannot write %s/%s/%s: %s.", dir, tmp, DUMP_META_NAME, strerror(-r));
	json_object_put(o);
	/* Never over an existing name: what is there stays. */
	if (renameat2(dirfd, tmp, dirfd, name, RENAME_NOREPLACE) < 0)
		log_error_errno(-errno, "Cannot rename %s/%s to %s: %m.", dir, tmp, name);
}

static void settle_interrupted(int dirfd, const char *dir)
{
	_cleanup_closedir_ DIR *d = opendir_at(dirfd, ".");
	struct dirent *de;

	while (d && (de = readdir(d)))
		if (startswith(de->d_name, DUMP_TMP_PREFIX))
			settle_one(dirfd, dir, de->d_name);
}

static const char *meta_str(json_object *m, const char *key)
{
	json_object *v;

	return m && json_object_object_get_ex(m, key, &v) && json_object_is_type(v, json_type_string) ?
		json_object_get_string(v) : "";
}

/* Bytes a dump directory's files use on disk. */
static uint64_t dump_bytes(int dirfd, const char *name)
{
	_cleanup_close_ int fd = dump_entry_open(dirfd, name);
	_cleanup_closedir_ DIR *d = fd >= 0 ? opendir_at(fd, ".") : NULL;
	struct dirent *de;
	uint64_t total = 0;
	struct stat st;

	while (d && (de = readdir(d)))
		if (fstatat(fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
			total += (uint64_t) st.st_blocks * 512;
	return total;
}

static void report_one(int dirfd, const struct dump_entry *e)
{
	_cleanup_close_ int fd = -EBADF, flag = -EBADF;
	const char *panic = meta_str(e->meta, "panic");

	if (e->complete)
		log_event(LOG_CRIT, MSGID_DUMP_FOUND, e->path, 0, "A crash dump was saved in %s: %s (kernel %s).",
			  e->path, panic[0] ? panic : "no panic line", meta_str(e->meta, "kernel_release"));
	else
		log_event(LOG_CRIT, MSGID_DUMP_FOUND, e->path, 0, "An incomplete crash dump is in %s: %s. Panic: %s.",
			  e->path, meta_str(e->meta, "reason"), panic[0] ? panic : "unknown");
	/* The fallback's copy: the network target failed, and that is a failure to act on. */
	if (meta_str(e->meta, "remote_failure")[0])
		log_event(LOG_CRIT, MSGID_CAPTURE_FAILED, e->path, 0,
			  "The crash dump was not sent to %s: %s. It was saved in %s instead (Fallback=directory).",
			  meta_str(e->meta, "remote"), meta_str(e->meta, "remote_failure"), e->path);
	fd = dump_entry_open(dirfd, e->name);
	if (fd >= 0)
		flag = openat(fd, DUMP_REPORTED_NAME, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
}

static void apply_retention(int dirfd, const struct dump_entry *v, size_t n, unsigned keep, uint64_t max_use)
{
	uint64_t used = 0;

	for (size_t i = 0; i < n; i++) {
		bool over_count = keep && i >= keep;
		bool over_budget;
		int r;

		used += dump_bytes(dirfd, v[i].name);
		over_budget = max_use && i > 0 && used > max_use;
		if (!over_count && !over_budget)
			continue;
		r = remove_dump(dirfd, v[i].name);
		if (r < 0)
			log_error_errno(r, "Cannot remove the old dump %s: %s.", v[i].path, strerror(-r));
		else
			log_info("Removed the old dump %s (%s).", v[i].path, over_count ? "Keep=" : "MaxUse=");
	}
}

int dumps_report_new(const char *dir, unsigned keep, uint64_t max_use)
{
	_cleanup_close_ int dirfd = -EBADF;
	struct problem p = {};
	struct dump_entry *v;
	size_t n;
	int r, fresh = 0;

	dirfd = dump_dir_open(dir, &p);
	if (dirfd == -ENOENT)
		return 0;
	if (dirfd < 0)
		return log_event(LOG_ERR, MSGID_DUMP_DIR_UNSAFE, dir, dirfd,
				 "Not reading the dump directory: %s; %s.", p.what, p.fix[0] ? p.fix : "check it");
	settle_interrupted(dirfd, dir);
	r = dumps_list_at(dirfd, dir, &v, &n);
	if (r < 0)
		return log_error_errno(r, "Cannot read the dump directory %s: %s.", dir, strerror(-r));
	for (size_t i = 0; i < n; i++)
		if (!v[i].reported) {
			report_one(dirfd, &v[i]);
			fresh++;
		}
	apply_retention(dirfd, v, n, keep, max_use);
	dumps_free(v, n);
	return fresh;
}

static int digest_one(int dirfd, struct dump_entry *e)
{
	_cleanup_close_ int entry = -EBADF, fd = -EBADF;
	char hex[SHA256_HEX_LEN + 1];
	uint64_t size;
	int r;

	entry = dump_entry_open(dirfd, e->name);
	if (entry < 0)
		return entry;
	/* Only the collector's own file: a link to another file would have crashd vouch for it. */
	fd = dump_file_open(entry, "vmcore");
	if (fd < 0)
		return fd == -ENOENT ? 0 : fd;
	r = sha256_fd_hex(fd, hex, &size);
	if (r < 0)
		return r;
	json_object_object_add(e->meta, "vmcore_sha256", json_object_new_string(hex));
	r = dump_meta_write(entry, e->meta);
	if (r < 0)
		return r;
	log_info("%s/vmcore: sha256 %s, %" PRIu64 " bytes.", e->path, hex, size);
	return 1;
}

int dumps_digest_new(const char *dir)
{
	_cleanup_close_ int dirfd = -EBADF;
	struct problem p = {};
	struct dump_entry *v;
	size_t n;
	int r, done = 0;

	dirfd = dump_dir_open(dir, &p);
	if (dirfd < 0)
		return dirfd == -ENOENT ? 0 : dirfd;
	r = dumps_list_at(dirfd, dir, &v, &n);
	if (r < 0)
		return r;
	for (size_t i = 0; i < n; i++) {
		if (meta_str(v[i].meta, "vmcore_sha256")[0])
			continue;
		r = digest_one(dirfd, &v[i]);
		if (r < 0)
			log_error_errno(r, "Cannot record the SHA-256 of %s/vmcore: %s.", v[i].path,
					r == -EPERM || r == -EBADFD || r == -ELOOP ?
					"not a regular file owned by root" : strerror(-r));
		else
			done += r;
	}
	dumps_free(v, n);
	return done;
}

int dumps_find(const char *dir, const char *which, struct dump_entry *ret, struct problem *p)
{
	_cleanup_free_ char *parent = NULL;
	_cleanup_close_ int dirfd = -EBADF;
	const char *name = which;
	struct stat st;
	char *slash;

	memset(ret, 0, sizeof(*ret));
	if (strchr(which, '/')) {
		size_t len;

		parent = strdup(which);
		if (!parent)
			return -ENOMEM;
		/* "DIR/NAME/" names NAME too. */
		len = strlen(parent);
		while (len > 1 && parent[len - 1] == '/')
			parent[--len] = '\0';
		slash = strrchr(parent, '/');
		*slash = '\0';
		name = slash + 1;
		dir = parent[0] ? parent : "/";
	}
	dirfd = dump_dir_open(dir, p);
	if (dirfd < 0)
		return dirfd;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return problem(p, -errno, NULL, "no dump named %s in %s", name, dir);
	if (!load_entry(dirfd, dir, name, ret))
		return problem(p, -ENODATA, NULL, "%s%s%s is not a dump the collector saved (no such name, or no readable metadata.json)",
			       dir, streq(dir, "/") ? "" : "/", name);
	return 0;
}
