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

static void load_entry(const char *dir, const char *name, struct dump_entry *e)
{
	char flag[600];
	json_object *v;

	memset(e, 0, sizeof(*e));
	snprintf(e->name, sizeof(e->name), "%s", name);
	snprintf(e->path, sizeof(e->path), "%s/%s", dir, name);
	e->meta = dump_meta_read(e->path);
	e->complete = e->meta && json_object_object_get_ex(e->meta, "complete", &v) && json_object_get_boolean(v);
	snprintf(flag, sizeof(flag), "%s/%s", e->path, DUMP_REPORTED_NAME);
	e->reported = access(flag, F_OK) == 0;
}

int dumps_list(const char *dir, struct dump_entry **ret, size_t *n)
{
	DIR *d = opendir(dir);
	struct dump_entry *v = NULL;
	struct dirent *de;

	*n = 0;
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		struct dump_entry *grown;
		char meta[600];

		if (de->d_name[0] == '.')
			continue;
		snprintf(meta, sizeof(meta), "%s/%s/%s", dir, de->d_name, DUMP_META_NAME);
		if (access(meta, F_OK) < 0)
			continue;
		grown = reallocarray(v, *n + 1, sizeof(*v));
		if (!grown) {
			dumps_free(v, *n);
			closedir(d);
			return -ENOMEM;
		}
		v = grown;
		load_entry(dir, de->d_name, &v[(*n)++]);
	}
	closedir(d);
	qsort(v, *n, sizeof(*v), by_name_desc);
	*ret = v;
	return 0;
}

void dumps_free(struct dump_entry *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		json_object_put(d[i].meta);
	free(d);
}

/* Dump directories are flat: files only. */
static int remove_dump(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char f[1024];

	if (!d)
		return -errno;
	while ((de = readdir(d)))
		if (!streq(de->d_name, ".") && !streq(de->d_name, "..")) {
			snprintf(f, sizeof(f), "%s/%s", path, de->d_name);
			unlink(f);
		}
	closedir(d);
	return rmdir(path) < 0 ? -errno : 0;
}

/* A ".tmp-NAME" the collector never renamed: the save was cut short. */
static void settle_interrupted(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		char from[600], to[600];
		json_object *o;
		int r;

		if (strncmp(de->d_name, DUMP_TMP_PREFIX, strlen(DUMP_TMP_PREFIX)))
			continue;
		snprintf(from, sizeof(from), "%s/%s", dir, de->d_name);
		snprintf(to, sizeof(to), "%s/%s", dir, de->d_name + strlen(DUMP_TMP_PREFIX));
		o = dump_meta_read(from) ?: json_object_new_object();
		json_object_object_add(o, "complete", json_object_new_boolean(false));
		json_object_object_add(o, "reason", json_object_new_string(
			"interrupted: the machine lost power or was reset while the dump was being saved"));
		r = dump_meta_write(from, o);
		if (r < 0)
			log_error_errno(r, "Cannot write %s/%s: %s.", from, DUMP_META_NAME, strerror(-r));
		json_object_put(o);
		if (rename(from, to) < 0)
			log_error_errno(-errno, "Cannot rename %s to %s: %m.", from, to);
	}
	if (d)
		closedir(d);
}

static const char *meta_str(json_object *m, const char *key)
{
	json_object *v;

	return m && json_object_object_get_ex(m, key, &v) ? json_object_get_string(v) : "";
}

/* Bytes a dump directory uses on disk. */
static uint64_t dump_bytes(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	uint64_t total = 0;
	char f[1024];
	struct stat st;

	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.' || strlen(de->d_name) > 2) {
			snprintf(f, sizeof(f), "%s/%s", path, de->d_name);
			if (lstat(f, &st) == 0 && S_ISREG(st.st_mode))
				total += (uint64_t) st.st_blocks * 512;
		}
	if (d)
		closedir(d);
	return total;
}

int dumps_report_new(const char *dir, unsigned keep, uint64_t max_use)
{
	uint64_t used = 0;
	struct dump_entry *v;
	size_t n;
	int r, fresh = 0;

	settle_interrupted(dir);
	r = dumps_list(dir, &v, &n);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return log_error_errno(r, "Cannot read the dump directory %s: %s.", dir, strerror(-r));
	for (size_t i = 0; i < n; i++) {
		char flag[700];
		int fd;

		if (v[i].reported)
			continue;
		if (v[i].complete)
			log_event(LOG_CRIT, MSGID_DUMP_FOUND, v[i].path, 0,
				  "A crash dump was saved in %s: %s (kernel %s).", v[i].path,
				  meta_str(v[i].meta, "panic")[0] ? meta_str(v[i].meta, "panic") : "no panic line",
				  meta_str(v[i].meta, "kernel_release"));
		else
			log_event(LOG_CRIT, MSGID_DUMP_FOUND, v[i].path, 0,
				  "An incomplete crash dump is in %s: %s. Panic: %s.", v[i].path,
				  meta_str(v[i].meta, "reason"),
				  meta_str(v[i].meta, "panic")[0] ? meta_str(v[i].meta, "panic") : "unknown");
		snprintf(flag, sizeof(flag), "%s/%s", v[i].path, DUMP_REPORTED_NAME);
		fd = open(flag, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
		if (fd >= 0)
			close(fd);
		fresh++;
	}
	for (size_t i = 0; i < n; i++) {
		bool over_count = keep && i >= keep;
		bool over_budget;

		used += dump_bytes(v[i].path);
		over_budget = max_use && i > 0 && used > max_use;
		if (!over_count && !over_budget)
			continue;
		r = remove_dump(v[i].path);
		if (r < 0)
			log_error_errno(r, "Cannot remove the old dump %s: %s.", v[i].path, strerror(-r));
		else
			log_info("Removed the old dump %s (%s).", v[i].path, over_count ? "Keep=" : "MaxUse=");
	}
	dumps_free(v, n);
	return fresh;
}

int dumps_digest_new(const char *dir)
{
	struct dump_entry *v;
	size_t n;
	int r, done = 0;

	r = dumps_list(dir, &v, &n);
	if (r < 0)
		return r == -ENOENT ? 0 : r;
	for (size_t i = 0; i < n; i++) {
		char vmcore[600], hex[SHA256_HEX_LEN + 1];
		_cleanup_close_ int fd = -EBADF;
		uint64_t size;

		if (!v[i].meta || meta_str(v[i].meta, "vmcore_sha256")[0])
			continue;
		snprintf(vmcore, sizeof(vmcore), "%s/vmcore", v[i].path);
		fd = open(vmcore, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		r = sha256_fd_hex(fd, hex, &size);
		if (r >= 0) {
			json_object_object_add(v[i].meta, "vmcore_sha256", json_object_new_string(hex));
			r = dump_meta_write(v[i].path, v[i].meta);
		}
		if (r < 0) {
			log_error_errno(r, "Cannot record the SHA-256 of %s: %s.", vmcore, strerror(-r));
			continue;
		}
		log_info("%s: sha256 %s, %" PRIu64 " bytes.", vmcore, hex, size);
		done++;
	}
	dumps_free(v, n);
	return done;
}

int dumps_find(const char *dir, const char *which, struct dump_entry *ret)
{
	struct stat st;
	char path[600];

	if (strchr(which, '/'))
		snprintf(path, sizeof(path), "%s", which);
	else
		snprintf(path, sizeof(path), "%s/%s", dir, which);
	if (stat(path, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	{
		char parent[600];
		char *slash;

		snprintf(parent, sizeof(parent), "%s", path);
		slash = strrchr(parent, '/');
		*slash = '\0';
		load_entry(parent[0] ? parent : "/", slash + 1, ret);
	}
	return ret->meta ? 0 : -ENODATA;
}
