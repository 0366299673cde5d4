// SPDX-License-Identifier: GPL-2.0-only
/*
 * Image=auto prefers crashd's capture kernel because it boots in a third of
 * the region in a third of the time; but a panic kernel that cannot reach
 * the disk, or that a locked-down kernel refuses to load, is worse than a
 * large one. So it is chosen only after both are checked, and a fallback
 * says which check failed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "bzimage.h"
#include "capture-build.h"
#include "dump-target.h"
#include "kmod-deps.h"
#include "panic-kernel.h"
#include "util.h"

const char *panic_kernel_capture_path(const struct panic_kernel_env *env)
{
	if (env && env->capture_kernel)
		return env->capture_kernel;
	return getenv("CRASHD_CAPTURE_KERNEL") ?: CRASHD_CAPTURE_KERNEL;
}

const char *panic_kernel_kind_name(enum panic_kernel_kind kind)
{
	switch (kind) {
	case PANIC_KERNEL_CAPTURE:
		return "capture";
	case PANIC_KERNEL_DISTRO:
		return "distro";
	default:
		return "configured";
	}
}

/* "[integrity]" or "[confidentiality]" selected: kexec_file_load() then wants a signature. */
static bool locked_down(const struct panic_kernel_env *env, char *mode, size_t len)
{
	_cleanup_free_ char *text = NULL;
	const char *open, *close;

	if (read_one_line_file(env && env->lockdown ? env->lockdown : "/sys/kernel/security/lockdown", &text) < 0)
		return false;
	open = strchr(text, '[');
	close = open ? strchr(open, ']') : NULL;
	if (!close || (size_t) (close - open - 1) >= len)
		return false;
	snprintf(mode, len, "%.*s", (int) (close - open - 1), open + 1);
	return !streq(mode, "none");
}

/*
 * The drivers the dump target and Modules= need that the kernel of
 * @release does not have built in, looked up in its own module indexes.
 * -ENOENT when it has none to look in.
 */
static int missing_drivers(const char *release, const struct crashd_config *c, const struct panic_kernel_env *env,
			   struct strv *missing, char *who, size_t len)
{
	_cleanup_free_ char *moddir = NULL, *index = NULL, *modules = strdup(c->modules ?: "");
	struct dump_target t = {};
	struct problem ignored;
	bool by_target = false, by_config = false;
	size_t n_target;
	int r = 0;

	if (!modules || asprintf(&moddir, "%s/lib/modules/%s", env && env->modules_root ? env->modules_root : "",
				 release) < 0 || asprintf(&index, "%s/modules.dep.bin", moddir) < 0)
		return -ENOMEM;
	if (access(index, R_OK) < 0)
		return -ENOENT;
	/* A target that cannot be found is reported by the capture build, for any kernel. */
	if (dump_target_resolve(c, env ? &env->target : NULL, &t, &ignored) < 0)
		return 0;
	/* crashd's capture kernel is built without networking at all: a network target needs another. */
	if (t.remote[0])
		r = strv_push_unique(missing, "IPv4 networking");
	by_target = t.remote[0];
	n_target = t.modules.n;
	for (char *s = NULL, *w = strtok_r(modules, " \t", &s); r >= 0 && w; w = strtok_r(NULL, " \t", &s))
		r = strv_push_unique(&t.modules, w);
	for (size_t i = 0; r >= 0 && i < t.modules.n; i++) {
		const char *name = t.modules.v[i];
		struct strv files = {};

		/* Not found, or found as a module file: either way not built in. */
		r = kmod_resolve(moddir, &name, 1, &files, &ignored);
		if (r != -ENOMEM && (r < 0 || files.n)) {
			r = strv_push_unique(missing, name);
			by_target = by_target || i < n_target;
			by_config = by_config || i >= n_target;
		} else if (r != -ENOMEM) {
			r = 0;
		}
		strv_free(&files);
	}
	snprintf(who, len, "%s%s%s%s", by_target ? "the dump target " : "", by_target ? t.remote[0] ? t.remote : t.device : "",
		 by_target && by_config ? " and " : "", by_config ? "Modules=" : "");
	dump_target_free(&t);
	return r < 0 ? r : 0;
}

int capture_kernel_check(const char *path, const struct crashd_config *c, const struct panic_kernel_env *env,
			 struct problem *why)
{
	_cleanup_free_ char *data = NULL;
	struct bzimage_info bz;
	struct strv missing = {};
	char release[128], mode[32], list[200] = "", who[700] = "";
	size_t size;
	int r;

	r = read_full_file(path, &data, &size);
	if (r < 0)
		return problem(why, r, "reinstall crashd-capture-kernel", "cannot read %s: %s", path,
			       read_file_strerror(r));
	if (bzimage_inspect(data, size, &bz, why) < 0)
		return -EINVAL;
	if (locked_down(env, mode, sizeof(mode)) && !bz.signed_pe)
		return problem(why, -EPERM,
			       "sign it (sbsign) with a key enrolled by mokutil --import, or set Image=distro",
			       "the running kernel is locked down (%s, as under Secure Boot) and loads only signed kernels, "
			       "but %s is not signed", mode, path);
	kernel_release_of(bz.version, release, sizeof(release));
	r = missing_drivers(release, c, env, &missing, who, sizeof(who));
	if (r == -ENOENT)
		return problem(why, r, "reinstall crashd-capture-kernel",
			       "%s has no /lib/modules/%s/modules.builtin index to check the dump target's drivers against",
			       path, release);
	if (r < 0 || !missing.n) {
		strv_free(&missing);
		return r;
	}
	for (size_t i = 0; i < missing.n; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "", missing.v[i]);
	r = problem(why, -ENOENT,
		    "save to a disk and file system it supports, or set Image=distro",
		    "%s lacks %s, which %s needs built in", path, list, who);
	strv_free(&missing);
	return r;
}

static char *distro_path(void)
{
	struct utsname u;
	char *path;

	if (uname(&u) < 0 || asprintf(&path, "/boot/vmlinuz-%s", u.release) < 0)
		return NULL;
	return path;
}

int panic_kernel_choose(const struct crashd_config *c, const struct panic_kernel_env *env, struct panic_kernel *k)
{
	const char *capture = panic_kernel_capture_path(env);

	*k = (struct panic_kernel) {};
	if (c->kernel && c->kernel[0] == '/') {
		k->kind = PANIC_KERNEL_CONFIGURED;
		k->path = strdup(c->kernel);
	} else if ((!c->kernel || !streq(c->kernel, "distro")) && access(capture, F_OK) == 0 &&
		   capture_kernel_check(capture, c, env, &k->why) == 0) {
		k->kind = PANIC_KERNEL_CAPTURE;
		k->path = strdup(capture);
	} else {
		k->fell_back = (!c->kernel || !streq(c->kernel, "distro")) && access(capture, F_OK) == 0;
		k->kind = PANIC_KERNEL_DISTRO;
		k->path = distro_path();
	}
	return k->path ? 0 : -ENOMEM;
}

void panic_kernel_free(struct panic_kernel *k)
{
	free(k->path);
	k->path = NULL;
}
