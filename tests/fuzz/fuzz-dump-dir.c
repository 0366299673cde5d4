// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the dump-directory scanner: the input describes a
 * dump directory (entries, metadata, vmcores, links, FIFOs, other owners),
 * which is made in a fresh temporary directory; then everything crashd and
 * crashctl do there runs over it: settling, reporting, retention, digests,
 * listing, finding. Whatever the layout, nothing outside the dump
 * directory may change, and nothing may hang.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dumps.h"
#include "fuzz-input.h"
#include "util.h"

#define SECRET "root only\n"

struct reader {
	const uint8_t *d;
	size_t size, pos;
};

static unsigned next(struct reader *r)
{
	return r->pos < r->size ? r->d[r->pos++] : 0;
}

/* A name from the input: no '/', not empty, not "." or "..". */
static void take_name(struct reader *r, char *out, size_t len)
{
	size_t n = next(r) % 24, k = 0;

	while (n-- && r->pos < r->size && k + 1 < len) {
		char c = (char) r->d[r->pos++];

		out[k++] = c == '/' || c == '\0' ? '_' : c;
	}
	out[k] = '\0';
	if (!k || streq(out, ".") || streq(out, ".."))
		snprintf(out, len, "x");
}

static void take_content(struct reader *r, const char *path)
{
	size_t n = (next(r) << 4 | next(r)) % 2048;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK, 0600);

	if (n > r->size - r->pos)
		n = r->size - r->pos;
	if (fd >= 0) {
		(void) !write(fd, r->d + r->pos, n);
		close(fd);
	}
	r->pos += n;
}

static void build(struct reader *r, const char *base)
{
	char entries[4][80] = {}, name[32], path[512];

	while (r->pos < r->size) {
		unsigned op = next(r), e = (op >> 3) & 3;
		const char *in = entries[e][0] ? entries[e] : ".";

		take_name(r, name, sizeof(name));
		switch (op & 7) {
		case 0:	/* a dump directory, by the collector's naming or not */
			if (op & 0x20)
				snprintf(entries[e], sizeof(entries[e]), "%s", name);
			else
				snprintf(entries[e], sizeof(entries[e]), "2026110%uT0000%02uZ-%s", e, op % 60, name);
			snprintf(path, sizeof(path), "%s/dumps/%s", base, entries[e]);
			mkdir(path, 0700);
			break;
		case 1:
			snprintf(path, sizeof(path), "%s/dumps/%s/%s", base, in, op & 0x40 ? "vmcore" : "metadata.json");
			take_content(r, path);
			break;
		case 2:	/* links out of the dump directory */
			snprintf(path, sizeof(path), "%s/dumps/%s/%s", base, in,
				 op & 0x40 ? name : op & 0x20 ? "vmcore" : "metadata.json");
			(void) !symlink(op & 0x80 ? "../../victim/secret" : "../victim", path);
			break;
		case 3:
			snprintf(path, sizeof(path), "%s/dumps/%s/%s", base, in, op & 0x40 ? name : "metadata.json");
			mkfifo(path, 0600);
			break;
		case 4:	/* an interrupted save, or a link in its place */
			snprintf(path, sizeof(path), "%s/dumps/.tmp-2026110%uT000000Z-%s", base, e, name);
			if (op & 0x40)
				(void) !symlink("../victim", path);
			else
				mkdir(path, 0700);
			break;
		case 5:
			snprintf(path, sizeof(path), "%s/dumps/%s/.reported", base, in);
			take_content(r, path);
			break;
		case 6:	/* another owner */
			snprintf(path, sizeof(path), "%s/dumps/%s", base, in);
			(void) !lchown(path, 65534, 65534);
			break;
		default:
			snprintf(path, sizeof(path), "%s/dumps/%s/%s", base, in, name);
			take_content(r, path);
			break;
		}
	}
}

static int remove_cb(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	remove(path);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char base[] = "/tmp/fuzz-dump-dir.XXXXXX", dir[64], path[96], *text = NULL;
	struct reader r = { data, size, 0 };
	struct dump_entry *v, e;
	struct problem p;
	unsigned keep;
	uint64_t max_use;
	size_t n;

	if (size < 2 || !mkdtemp(base))
		return 0;
	keep = next(&r) % 4;
	max_use = (uint64_t) next(&r) * 512;
	snprintf(dir, sizeof(dir), "%s/dumps", base);
	snprintf(path, sizeof(path), "%s/victim", base);
	if (mkdir(dir, 0700) < 0 || mkdir(path, 0700) < 0)
		abort();
	snprintf(path, sizeof(path), "%s/victim/secret", base);
	if (write_file_atomic(path, SECRET, 0600) < 0)
		abort();
	build(&r, base);

	(void) dumps_report_new(dir, keep, max_use);
	(void) dumps_digest_new(dir);
	if (dumps_list(dir, &v, &n, &p) == 0) {
		for (size_t i = 0; i < n; i++)
			if (!dump_name_valid(v[i].name) || !v[i].meta)
				abort();
		if (n && dumps_find(dir, v[0].name, &e, &p) == 0)
			json_object_put(e.meta);
		dumps_free(v, n);
	}

	/* Outside the dump directory, nothing changed. */
	if (read_full_file(path, &text, NULL) < 0 || !streq(text, SECRET))
		abort();
	free(text);
	nftw(base, remove_cb, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
