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

static int add(const char *moddir, const char *deps, const char *name, struct strv *order, struct problem *p,
	       int depth)
{
	const char *line, *colon, *end;
	char path[4096], rel[1024];
	int r;

	if (depth > 32)
		return problem(p, -ELOOP, NULL, "module dependencies of %s loop", name);
	line = dep_line(deps, name, &colon);
	if (!line)
		return -ENOENT;
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
			r = add(moddir, deps, dn, order, p, depth + 1);
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

int kmod_resolve_text(const char *moddir, const char *deps, const char *builtins, const char *const *names,
		      size_t n, struct strv *load_order, struct problem *p)
{
	int r;

	for (size_t i = 0; i < n; i++) {
		char name[128];

		module_name(names[i], strlen(names[i]), name, sizeof(name));
		if (builtin(builtins, name))
			continue;
		r = add(moddir, deps, name, load_order, p, 0);
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
	_cleanup_free_ char *deps = NULL, *builtins = NULL, *path = NULL;
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
	return kmod_resolve_text(moddir, deps, builtins, names, n, load_order, p);
}
