// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <libkmod.h>
#include <stdio.h>
#include <string.h>

#include "kmod-deps.h"
#include "util.h"

/* Deeper than any real chain: a loop in broken indexes ends here. */
#define KMOD_MAX_DEPTH 64

struct resolve {
	struct kmod_ctx *ctx;
	struct strv seen;		/* module names visited: each once, so linear in the graph */
	struct strv *order;
	struct problem *p;
};

static void kmod_ctx_unrefp(struct kmod_ctx **c)
{
	kmod_unref(*c);
}

static void kmod_list_unrefp(struct kmod_list **l)
{
	kmod_module_unref_list(*l);
}

static int add_module(struct resolve *rs, struct kmod_module *mod, unsigned depth);

static int add_list(struct resolve *rs, struct kmod_list *list, unsigned depth)
{
	struct kmod_list *l;
	int r;

	kmod_list_foreach(l, list) {
		struct kmod_module *dep = kmod_module_get_module(l);

		r = add_module(rs, dep, depth + 1);
		kmod_module_unref(dep);
		if (r < 0)
			return r;
	}
	return 0;
}

static int add_module(struct resolve *rs, struct kmod_module *mod, unsigned depth)
{
	_cleanup_(kmod_list_unrefp) struct kmod_list *deps = NULL, *pre = NULL, *post = NULL;
	const char *name = kmod_module_get_name(mod), *path;
	int r;

	if (depth > KMOD_MAX_DEPTH)
		return problem(rs->p, -ELOOP, "run depmod for the panic kernel", "module dependencies of %s loop", name);
	r = strv_push_unique(&rs->seen, name);
	if (r <= 0)
		return r;
	/* Soft dependencies are wishes: one that does not exist is left out, as modprobe does. */
	(void) kmod_module_get_softdeps(mod, &pre, &post);
	r = add_list(rs, pre, depth);
	if (r < 0)
		return r;
	deps = kmod_module_get_dependencies(mod);
	r = add_list(rs, deps, depth);
	if (r < 0)
		return r;
	/* Built in: no file to load. */
	path = kmod_module_get_path(mod);
	if (path && (r = strv_push_unique(rs->order, path)) < 0)
		return r;
	return add_list(rs, post, depth);
}

static int add_name(struct resolve *rs, const char *name)
{
	_cleanup_(kmod_list_unrefp) struct kmod_list *found = NULL;
	int r;

	r = kmod_module_new_from_lookup(rs->ctx, name, &found);
	if (r < 0)
		return problem(rs->p, r, "run depmod for the panic kernel", "looking up module %s: %s", name,
			       strerror(-r));
	if (!found)
		return problem(rs->p, -ENOENT, "check that the panic kernel has this driver",
			       "the panic kernel has no module %s (neither built in nor in its modules)", name);
	return add_list(rs, found, 0);
}

int kmod_resolve(const char *moddir, const char *const *names, size_t n, struct strv *load_order,
		 struct problem *p)
{
	static const char *const no_config[] = { NULL };
	_cleanup_(kmod_ctx_unrefp) struct kmod_ctx *ctx = NULL;
	_cleanup_free_ char *index = NULL;
	struct resolve rs = { .order = load_order, .p = p };
	int r = 0;

	if (asprintf(&index, "%s/modules.dep.bin", moddir) < 0)
		return -ENOMEM;
	if (access(index, R_OK) < 0)
		return problem(p, -errno, "install the panic kernel's modules, or run depmod for it",
			       "cannot read %s: %s", index, strerror(errno));
	ctx = kmod_new(moddir, no_config);
	if (!ctx)
		return problem(p, -ENOMEM, NULL, "libkmod cannot open %s", moddir);
	rs.ctx = ctx;
	for (size_t i = 0; i < n && r >= 0; i++)
		r = add_name(&rs, names[i]);
	strv_free(&rs.seen);
	return r < 0 ? r : 0;
}
