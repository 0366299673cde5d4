// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <ini.h>
#include <stdbool.h>
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

static const char *const compressions[] = { "lzo", "zlib", "zstd", "snappy", "none" };
static const char *const actions[] = { "reboot", "poweroff", "shell" };

static bool one_of(const char *v, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (streq(v, set[i]))
			return true;
	return false;
}

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

/* inih calls this per key; returning 0 stops it and reports the line. */
static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *s = user;
	struct crashd_config *c = s->c;
	int r = 0;

	/* inih goes on after an error; keep the first one, whose line it reports. */
	if (s->failed)
		return 1;

	if (streq(section, "Kernel")) {
		if (streq(name, "Image"))
			r = set_string(&c->kernel, value);
		else if (streq(name, "Initrd"))
			r = set_string(&c->initrd, value);
		else if (streq(name, "CommandLineAppend"))
			r = set_string(&c->cmdline_append, value);
		else
			goto unknown;
		if (value[0] && value[0] != '/' && !streq(name, "CommandLineAppend")) {
			problem(s->p, -EINVAL, "write an absolute path", "%s= must be an absolute path, not '%s'",
				name, value);
			goto fail;
		}
	} else if (streq(section, "Dump")) {
		if (streq(name, "Directory")) {
			if (value[0] != '/') {
				problem(s->p, -EINVAL, "write an absolute path such as /var/crash",
					"Directory= must be an absolute path, not '%s'", value);
				goto fail;
			}
			r = set_string(&c->dump_dir, value);
		} else if (streq(name, "Target")) {
			r = set_string(&c->dump_target, value);
		} else if (streq(name, "Level")) {
			if (parse_uint(value, 31, &c->dump_level) < 0) {
				problem(s->p, -EINVAL, "use a makedumpfile dump level from 0 to 31 (31 drops the most)",
					"Level=%s is not a number from 0 to 31", value);
				goto fail;
			}
		} else if (streq(name, "Compression")) {
			if (!one_of(value, compressions, ELEMENTSOF(compressions))) {
				problem(s->p, -EINVAL, "use lzo, zlib, zstd, snappy or none",
					"Compression=%s is not known", value);
				goto fail;
			}
			r = set_string(&c->compression, value);
		} else if (streq(name, "Action")) {
			if (!one_of(value, actions, ELEMENTSOF(actions))) {
				problem(s->p, -EINVAL, "use reboot, poweroff or shell", "Action=%s is not known", value);
				goto fail;
			}
			r = set_string(&c->action, value);
		} else if (streq(name, "MaxUse")) {
			if (parse_size(value, &c->max_use) < 0) {
				problem(s->p, -EINVAL, "give a size such as 10G, or 0 for no limit",
					"MaxUse=%s is not a size", value);
				goto fail;
			}
		} else if (streq(name, "Keep")) {
			if (parse_uint(value, 10000, &c->keep) < 0) {
				problem(s->p, -EINVAL, "give how many dumps to keep, 0 for all",
					"Keep=%s is not a number", value);
				goto fail;
			}
		} else {
			goto unknown;
		}
	} else if (!section[0]) {
		problem(s->p, -EINVAL, "put it under [Kernel] or [Dump]", "'%s' is outside any section", name);
		goto fail;
	} else {
		problem(s->p, -EINVAL, "use the sections [Kernel] and [Dump]", "unknown section [%s]", section);
		goto fail;
	}
	if (r < 0) {
		problem(s->p, r, NULL, "out of memory");
		goto fail;
	}
	return 1;

unknown:
	problem(s->p, -EINVAL,
		streq(section, "Kernel") ? "known keys in [Kernel]: Image, Initrd, CommandLineAppend" :
		"known keys in [Dump]: Directory, Target, Level, Compression, Action, Keep, MaxUse",
		"unknown key '%s' in [%s]", name, section);
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
