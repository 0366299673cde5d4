// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmod-deps.h"
#include "util.h"

/* "kernel/fs/ext4/ext4.ko.xz" -> "ext4", with '-' as '_'. */
static void module_name(const char *path, size_t len, char *out, size_t outlen)
{
	const char *base = path, *dot;
	size_t n;

	for (size_t i = 0; i < len; i++)
		if (path[i] == '/')
			base = path + i + 1;
	dot = memchr(base, '.', len - (base - path));
	n = dot ? (size_t) (dot - base) : len - (base - path);
	if (n >= outlen)
		n = outlen - 1;
	for (size_t i = 0; i < n; i++)
		out[i] = base[i] == '-' ? '_' : base[i];
	out[n] = '\0';
}

static bool builtin(const char *text, const char *name)
{
	char n[128];

	for (const char *l = text; *l; ) {
		const char *end = strchrnul(l, '\n');

		module_name(l, end - l, n, sizeof(n));
		if (streq(n, name))
			return true;
		l = *end ? end + 1 : end;
	}
	return false;
}

/* The modules.dep line of @name: "path: dep dep", or NULL. */
static const char *dep_line(const char *text, const char *name, const char **colon)
{
	char n[128];

	for (const char *l = text; *l; ) {
		const char *end = strchrnul(l, '\n'), *c = memchr(l, ':', end - l);

		if (c) {
			module_name(l, c - l, n, sizeof(n));
			if (streq(n, name)) {
				*colon = c;
				return l;
			}
		}
		l = *end ? end + 1 : end;
	}
	return NULL;
}

struct kmod_texts {
	const char *moddir;
	const char *deps;
	const char *softdeps;	/* modules.softdep, or "" */
	const char *aliases;	/* modules.alias, or "" */
};

static int add(const struct kmod_texts *t, const char *name, struct strv *order, struct problem *p, int depth);

/*
 * "softdep ext4 pre: crypto-crc32c": modules the kernel asks for at run
 * time (request_module), which modules.dep does not list. A name may be an
 * alias for several modules; all are added, and none is required: a
 * missing soft dependency is not an error, as for modprobe.
 */
static void add_softdeps(const struct kmod_texts *t, const char *name, struct strv *order, struct problem *p,
			 int depth)
{
	char n[128], want[160], field[128], module[128];

	for (const char *l = t->softdeps; *l; ) {
		const char *end = strchrnul(l, '\n');
		int off = 0;

		if (sscanf(l, "softdep %127s%n", n, &off) == 1 && streq(n, name)) {
			for (const char *w = l + off; w < end; ) {
				while (w < end && *w == ' ')
					w++;
				if (sscanf(w, "%127s", field) != 1)
					break;
				w += strlen(field);
				if (w > end || strchr(field, ':'))
					continue;
				module_name(field, strlen(field), n, sizeof(n));
				if (add(t, n, order, p, depth + 1) == 0)
					continue;
				/* Not a module: an alias, "alias crypto-crc32c crc32c_generic". */
				snprintf(want, sizeof(want), "alias %s ", field);
				for (const char *a = t->aliases; (a = strstr(a, want)); a++)
					if ((a == t->aliases || a[-1] == '\n') &&
					    sscanf(a + strlen(want), "%127s", module) == 1) {
						module_name(module, strlen(module), n, sizeof(n));
						(void) add(t, n, order, p, depth + 1);
					}
			}
		}
		l = *end ? end + 1 : end;
	}
}

static int add(const struct kmod_texts *t, const char *name, struct strv *order, struct problem *p, int depth)
{
	const char *deps = t->deps, *moddir = t->moddir;
	const char *line, *colon, *end;
	char path[4096], rel[1024];
	int r;

	if (depth > 32)
		return problem(p, -ELOOP, NULL, "module dependencies of %s loop", name);
	line = dep_line(deps, name, &colon);
	if (!line)
		return -ENOENT;
	add_softdeps(t, name, order, p, depth);
	end = strchrnul(colon, '\n');
	/* Dependencies first, each in its own right. */
	for (const char *d = colon + 1; d < end; ) {
		const char *e;
		char dn[128];

		while (d < end && *d == ' ')
			d++;
		e = d;
		while (e < end && *e != ' ')
			e++;
		if (e > d) {
			module_name(d, e - d, dn, sizeof(dn));
			r = add(t, dn, order, p, depth + 1);
			if (r < 0)
				return r == -ENOENT ? problem(p, r, "run depmod for the panic kernel",
							      "modules.dep names %s but has no line for it", dn) : r;
		}
		d = e;
	}
	snprintf(rel, sizeof(rel), "%.*s", (int) (colon - line), line);
	snprintf(path, sizeof(path), "%s/%s", moddir, rel);
	r = strv_push_unique(order, path);
	return r < 0 ? r : 0;
}

int kmod_resolve_text(const char *moddir, const char *deps, const char *builtins, const char *softdeps,
		      const char *aliases, const char *const *names, size_t n, struct strv *load_order,
		      struct problem *p)
{
	const struct kmod_texts t = { moddir, deps, softdeps ?: "", aliases ?: "" };
	int r;

	for (size_t i = 0; i < n; i++) {
		char name[128];

		module_name(names[i], strlen(names[i]), name, sizeof(name));
		if (builtin(builtins, name))
			continue;
		r = add(&t, name, load_order, p, 0);
		if (r == -ENOENT)
			return problem(p, r, "check that the panic kernel has this driver",
				       "the panic kernel has no module %s (neither built in nor in modules.dep)", name);
		if (r < 0)
			return r;
	}
	return 0;
}

int kmod_resolve(const char *moddir, const char *const *names, size_t n, struct strv *load_order,
		 struct problem *p)
{
	_cleanup_free_ char *deps = NULL, *builtins = NULL, *softdeps = NULL, *aliases = NULL, *path = NULL;
	int r;

	if (asprintf(&path, "%s/modules.dep", moddir) < 0)
		return -ENOMEM;
	r = read_full_file(path, &deps, NULL);
	if (r < 0)
		return problem(p, r, "install the panic kernel's modules, or run depmod", "cannot read %s: %s",
			       path, strerror(-r));
	free(path);
	if (asprintf(&path, "%s/modules.builtin", moddir) < 0)
		return -ENOMEM;
	if (read_full_file(path, &builtins, NULL) < 0 && !(builtins = strdup("")))
		return -ENOMEM;
	free(path);
	if (asprintf(&path, "%s/modules.softdep", moddir) < 0)
		return -ENOMEM;
	(void) read_full_file(path, &softdeps, NULL);
	free(path);
	if (asprintf(&path, "%s/modules.alias", moddir) < 0)
		return -ENOMEM;
	(void) read_full_file(path, &aliases, NULL);
	return kmod_resolve_text(moddir, deps, builtins, softdeps, aliases, names, n, load_order, p);
}
