// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reads DT_NEEDED with libelf instead of running ldd: ldd executes the
 * program's loader, and crashd should not run what it packs.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "elf-deps.h"
#include "util.h"

static const char *const search_dirs[] = {
	"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib",
};

static int find_library(const char *name, const char *runpath, char *out, size_t len)
{
	char dirs[1024];

	if (strchr(name, '/')) {
		snprintf(out, len, "%s", name);
		return access(out, R_OK) == 0 ? 0 : -ENOENT;
	}
	if (runpath) {
		snprintf(dirs, sizeof(dirs), "%s", runpath);
		for (char *save = NULL, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
			snprintf(out, len, "%s/%s", d, name);
			if (access(out, R_OK) == 0)
				return 0;
		}
	}
	for (size_t i = 0; i < ELEMENTSOF(search_dirs); i++) {
		snprintf(out, len, "%s/%s", search_dirs[i], name);
		if (access(out, R_OK) == 0)
			return 0;
	}
	return -ENOENT;
}

/* @path's interpreter (into @paths, if given), DT_NEEDED names and run path. */
static int read_dynamic(const char *path, struct strv *paths, struct strv *needed, char **runpath,
			struct problem *p)
{
	_cleanup_close_ int fd = -EBADF;
	Elf_Scn *scn = NULL;
	size_t nphdr;
	Elf *elf;
	int r = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return problem(p, -errno, "install the package that provides it", "%s: %s", path, strerror(errno));
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_kind(elf) != ELF_K_ELF) {
		if (elf)
			elf_end(elf);
		return problem(p, -ENOEXEC, NULL, "%s: not an ELF program", path);
	}

	/* The interpreter: /lib64/ld-linux-x86-64.so.2. */
	if (paths && elf_getphdrnum(elf, &nphdr) == 0)
		for (size_t i = 0; i < nphdr; i++) {
			GElf_Phdr ph;
			char *interp;
			size_t len;

			if (!gelf_getphdr(elf, i, &ph) || ph.p_type != PT_INTERP)
				continue;
			interp = elf_rawfile(elf, &len);
			if (interp && ph.p_offset < len && ph.p_filesz <= len - ph.p_offset &&
			    memchr(interp + ph.p_offset, '\0', ph.p_filesz))
				r = strv_push_unique(paths, interp + ph.p_offset);
		}

	while (r >= 0 && (scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		Elf_Data *data;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_DYNAMIC || !(data = elf_getdata(scn, NULL)))
			continue;
		for (size_t i = 0; r >= 0 && i < sh.sh_size / (sh.sh_entsize ?: 1); i++) {
			GElf_Dyn dyn;
			const char *s;

			if (!gelf_getdyn(data, i, &dyn))
				break;
			if (dyn.d_tag != DT_NEEDED && dyn.d_tag != DT_RUNPATH && dyn.d_tag != DT_RPATH)
				continue;
			s = elf_strptr(elf, sh.sh_link, dyn.d_un.d_val);
			if (!s)
				continue;
			if (dyn.d_tag == DT_NEEDED)
				r = strv_push_unique(needed, s);
			else if (runpath && !*runpath && !strstr(s, "$ORIGIN"))
				*runpath = strdup(s);
		}
	}
	elf_end(elf);
	return r < 0 ? problem(p, r, NULL, "out of memory") : 0;
}

static int one(const char *path, struct strv *paths, struct problem *p, int depth)
{
	struct strv needed = {};
	char *runpath = NULL;
	int r;

	if (depth > 16)
		return problem(p, -ELOOP, NULL, "%s: library dependencies nest too deeply", path);
	r = read_dynamic(path, paths, &needed, &runpath, p);
	for (size_t i = 0; r >= 0 && i < needed.n; i++) {
		char lib[PATH_MAX];

		if (find_library(needed.v[i], runpath, lib, sizeof(lib)) < 0) {
			r = problem(p, -ENOENT, "install the package that provides it",
				    "%s needs %s, which is not installed", path, needed.v[i]);
			break;
		}
		r = strv_push_unique(paths, lib);
		if (r > 0)
			r = one(lib, paths, p, depth + 1);
	}
	free(runpath);
	strv_free(&needed);
	return r < 0 ? r : 0;
}

int elf_deps(const char *program, struct strv *paths, struct problem *p)
{
	return one(program, paths, p, 0);
}

int elf_needed(const char *program, struct strv *needed, struct problem *p)
{
	return read_dynamic(program, NULL, needed, NULL, p);
}
