// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <ini.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "config.h"
#include "util.h"

struct parse_state {
	struct crashd_config *c;
	struct problem *p;
	bool failed;
};

static const char *const compressions[] = { "lzo", "zlib", "zstd", "snappy", "none", NULL };
static const char *const actions[] = { "reboot", "poweroff", "shell", NULL };

static int set_string(char **dst, const char *v)
{
	char *s = strdup(v);

	if (!s)
		return -ENOMEM;
	free(*dst);
	*dst = *v ? s : NULL;
	if (!*v)
		free(s);
	return 0;
}

static int parse_uint(const char *v, unsigned max, unsigned *ret)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || end == v || *end || n > max || *v == '-')
		return -EINVAL;
	*ret = n;
	return 0;
}

enum key_kind {
	KEY_STRING,
	KEY_PATH,		/* absolute; empty only if .empty_ok */
	KEY_UINT,		/* 0 to .max */
	KEY_CHOICE,		/* one of .choices */
	KEY_SIZE,		/* parse_size() */
};

/* Every key of crashd.conf(5): where it goes, what it takes, and the fix when refused. */
static const struct config_key {
	const char *section;
	const char *name;
	enum key_kind kind;
	size_t offset;
	bool empty_ok;
	unsigned max;
	const char *const *choices;
	const char *what;	/* after "KEY=VALUE " when refused */
	const char *fix;
} keys[] = {
	{ "Kernel", "Image", KEY_PATH, offsetof(struct crashd_config, kernel), .empty_ok = true,
	  .fix = "write an absolute path" },
	{ "Kernel", "Initrd", KEY_PATH, offsetof(struct crashd_config, initrd), .empty_ok = true,
	  .fix = "write an absolute path" },
	{ "Kernel", "CommandLineAppend", KEY_STRING, offsetof(struct crashd_config, cmdline_append) },
	{ "Dump", "Directory", KEY_PATH, offsetof(struct crashd_config, dump_dir),
	  .fix = "write an absolute path such as /var/crash" },
	{ "Dump", "Target", KEY_STRING, offsetof(struct crashd_config, dump_target) },
	{ "Dump", "Level", KEY_UINT, offsetof(struct crashd_config, dump_level), .max = 31,
	  .what = "is not a number from 0 to 31", .fix = "use a makedumpfile dump level from 0 to 31 (31 drops the most)" },
	{ "Dump", "Compression", KEY_CHOICE, offsetof(struct crashd_config, compression), .choices = compressions,
	  .what = "is not known", .fix = "use lzo, zlib, zstd, snappy or none" },
	{ "Dump", "Action", KEY_CHOICE, offsetof(struct crashd_config, action), .choices = actions,
	  .what = "is not known", .fix = "use reboot, poweroff or shell" },
	{ "Dump", "MaxUse", KEY_SIZE, offsetof(struct crashd_config, max_use),
	  .what = "is not a size", .fix = "give a size such as 10G, or 0 for no limit" },
	{ "Dump", "Keep", KEY_UINT, offsetof(struct crashd_config, keep), .max = 10000,
	  .what = "is not a number", .fix = "give how many dumps to keep, 0 for all" },
};

static bool one_of(const char *v, const char *const *set)
{
	for (; *set; set++)
		if (streq(v, *set))
			return true;
	return false;
}

/* Stores @value at @k's place in @c; -EINVAL with @p set when it is refused. */
static int set_key(const struct config_key *k, const char *value, struct crashd_config *c, struct problem *p)
{
	void *field = (char *) c + k->offset;

	switch (k->kind) {
	case KEY_PATH:
		if (value[0] != '/' && !(k->empty_ok && !value[0]))
			return problem(p, -EINVAL, k->fix, "%s= must be an absolute path, not '%s'", k->name, value);
		return set_string(field, value);
	case KEY_STRING:
		return set_string(field, value);
	case KEY_UINT:
		if (parse_uint(value, k->max, field) < 0)
			break;
		return 0;
	case KEY_CHOICE:
		if (!one_of(value, k->choices))
			break;
		return set_string(field, value);
	case KEY_SIZE:
		if (parse_size(value, field) < 0)
			break;
		return 0;
	}
	return problem(p, -EINVAL, k->fix, "%s=%s %s", k->name, value, k->what);
}

/* "known keys in [Dump]: Directory, Target, ..." */
static void known_keys(const char *section, char *buf, size_t len)
{
	const char *sep = " ";
	size_t n = snprintf(buf, len, "known keys in [%s]:", section);

	for (size_t i = 0; i < ELEMENTSOF(keys) && n < len; i++)
		if (streq(keys[i].section, section)) {
			n += snprintf(buf + n, len - n, "%s%s", sep, keys[i].name);
			sep = ", ";
		}
}

static bool section_known(const char *section)
{
	for (size_t i = 0; i < ELEMENTSOF(keys); i++)
		if (streq(keys[i].section, section))
			return true;
	return false;
}

/* inih calls this per key; returning 0 stops it and reports the line. */
static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *s = user;
	char fix[256];
	int r;

	/* inih goes on after an error; keep the first one, whose line it reports. */
	if (s->failed)
		return 1;
	if (!section[0]) {
		problem(s->p, -EINVAL, "put it under [Kernel] or [Dump]", "'%s' is outside any section", name);
		goto fail;
	}
	if (!section_known(section)) {
		problem(s->p, -EINVAL, "use the sections [Kernel] and [Dump]", "unknown section [%s]", section);
		goto fail;
	}
	for (size_t i = 0; i < ELEMENTSOF(keys); i++) {
		if (!streq(keys[i].section, section) || !streq(keys[i].name, name))
			continue;
		r = set_key(&keys[i], value, s->c, s->p);
		if (r == -ENOMEM)
			problem(s->p, r, NULL, "out of memory");
		if (r < 0)
			goto fail;
		return 1;
	}
	known_keys(section, fix, sizeof(fix));
	problem(s->p, -EINVAL, fix, "unknown key '%s' in [%s]", name, section);
fail:
	s->failed = true;
	return 0;
}

void config_defaults(struct crashd_config *c)
{
	*c = (struct crashd_config) {
		.initrd = strdup(CRASHD_DEFAULT_INITRD),
		.dump_dir = strdup("/var/crash"),
		.dump_level = 31,
		.compression = strdup("lzo"),
		.action = strdup("reboot"),
		.keep = 3,
	};
}

/*
 * inih reads on past a malformed line and reports only the first error's
 * line; check the shape of every line first, so that the line reported and
 * the message always belong together.
 */
static int check_syntax(const char *text, unsigned *line, struct problem *p)
{
	unsigned n = 0;

	for (const char *l = text; *l; ) {
		const char *end = strchrnul(l, '\n'), *s = l, *e = end;

		n++;
		/* inih splits longer lines, which would put later errors on wrong lines. */
		if (end - l > INI_MAX_LINE - 2) {
			*line = n;
			return problem(p, -EINVAL, "shorten it", "line longer than %d characters", INI_MAX_LINE - 2);
		}
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (s < e && *s != '#' && *s != ';' &&
		    !(*s == '[' && e[-1] == ']') && !memchr(s, '=', e - s)) {
			*line = n;
			return problem(p, -EINVAL, "lines are 'Key=value', sections '[Name]', comments '# ...'",
				       "not a valid line: '%.*s'", (int) (e - s), s);
		}
		l = *end ? end + 1 : end;
	}
	return 0;
}

int config_parse_string(const char *text, struct crashd_config *c, unsigned *line, struct problem *p)
{
	struct parse_state s = { .c = c, .p = p };
	int r;

	*line = 0;
	r = check_syntax(text, line, p);
	if (r < 0)
		return r;
	r = ini_parse_string(text, handler, &s);
	if (r == 0)
		return 0;
	*line = r > 0 ? (unsigned) r : 0;
	if (!s.failed)
		problem(p, -EINVAL, "lines are 'Key=value', sections '[Name]'", "not a valid line");
	return -EINVAL;
}

int config_load(const char *path, struct crashd_config *c, unsigned *line, struct problem *p)
{
	_cleanup_free_ char *text = NULL;
	int r;

	*line = 0;
	r = read_full_file(path, &text, NULL);
	if (r == -ENOENT)
		return 0;
	if (r < 0)
		return problem(p, r, r == -EBADFD || r == -EISDIR ? "name the configuration file itself" : NULL,
			       "cannot read: %s", read_file_strerror(r));
	return config_parse_string(text, c, line, p);
}

void config_free(struct crashd_config *c)
{
	free(c->kernel);
	free(c->initrd);
	free(c->cmdline_append);
	free(c->dump_dir);
	free(c->dump_target);
	free(c->compression);
	free(c->action);
	*c = (struct crashd_config) {};
}

char *config_kernel_path(const struct crashd_config *c)
{
	struct utsname u;
	char *path;

	if (c->kernel)
		return strdup(c->kernel);
	if (uname(&u) < 0 || asprintf(&path, "/boot/vmlinuz-%s", u.release) < 0)
		return NULL;
	return path;
}
