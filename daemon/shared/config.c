// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <ini.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "util.h"

struct parse_state {
	struct crashd_config *c;
	struct config_errors *e;
	const char *next;	/* the text not yet handed to inih */
	unsigned line;		/* the line inih is handling */
};

/* Keeps @p as an error at @line; returns -EINVAL. */
static int add_error(struct config_errors *e, unsigned line, const struct problem *p)
{
	if (e->n < CONFIG_ERRORS_MAX)
		e->v[e->n++] = (struct config_error) { .line = line, .p = *p };
	e->total++;
	return -EINVAL;
}

static bool error_at(const struct config_errors *e, unsigned line)
{
	for (unsigned i = 0; i < e->n; i++)
		if (e->v[i].line == line)
			return true;
	return false;
}

static const char *const compressions[] = { "lzo", "zlib", "zstd", "snappy", "none", NULL };
static const char *const actions[] = { "reboot", "poweroff", "shell", NULL };
static const char *const fallbacks[] = { "directory", "none", NULL };
static const char *const loaders[] = { "file", "elf", NULL };
/* Image= takes these besides a path: see panic-kernel.h. */
static const char *const image_words[] = { "auto", "distro", NULL };

/*
 * Options crashd sets itself (level, compression, output format) or that
 * would make the dump something the collector does not write: refused,
 * so that MakedumpfileOptions= cannot silently fight Level= or Compression=.
 */
static bool makedumpfile_option_ok(const char *w, char *why, size_t len)
{
	static const char *const owned[] = { "-d", "-l", "-c", "-p", "-z", "-E", "-F", "-R", "-x", "-b",
					     "--dump-dmesg", "--split", "--reassemble", "--mem-usage", "--dry-run",
					     "--show-stats", NULL };

	if (w[0] != '-') {
		snprintf(why, len, "'%s' is not an option; file names are crashd's", w);
		return false;
	}
	for (const char *const *o = owned; *o; o++)
		if (streq(w, *o) || (startswith(w, *o) && (*o)[1] == '-' && w[strlen(*o)] == '=')) {
			snprintf(why, len, "%s is crashd's to set (Level=, Compression=) or changes what is written", w);
			return false;
		}
	return true;
}

/* A kernel module's name, as modprobe takes it. */
static bool module_name_ok(const char *w, char *why, size_t len)
{
	if (strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != strlen(w)) {
		snprintf(why, len, "'%s' is not a module name (as modprobe takes it: nvme, dm_mod)", w);
		return false;
	}
	return true;
}

static bool absolute_ok(const char *w, char *why, size_t len)
{
	if (w[0] != '/') {
		snprintf(why, len, "'%s' is not an absolute path", w);
		return false;
	}
	return true;
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

enum key_kind {
	KEY_STRING,
	KEY_PATH,		/* absolute; empty only if .empty_ok */
	KEY_UINT,		/* 0 to .max */
	KEY_CHOICE,		/* one of .choices */
	KEY_SIZE,		/* parse_size() */
	KEY_WORDS,		/* space-separated words, each checked by .word_ok */
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
	bool (*word_ok)(const char *word, char *why, size_t len);
} keys[] = {
	{ "Kernel", "Image", KEY_PATH, offsetof(struct crashd_config, kernel), .empty_ok = true,
	  .choices = image_words, .fix = "write auto, distro or an absolute path" },
	{ "Kernel", "Initrd", KEY_PATH, offsetof(struct crashd_config, initrd), .empty_ok = true,
	  .fix = "write an absolute path" },
	{ "Kernel", "CommandLineAppend", KEY_STRING, offsetof(struct crashd_config, cmdline_append) },
	{ "Kernel", "Loader", KEY_CHOICE, offsetof(struct crashd_config, loader), .choices = loaders,
	  .what = "is not known",
	  .fix = "use file (kexec_file_load(): the kernel loads and checks the image) or elf (crashd's loader and purgatory)" },
	{ "Dump", "Directory", KEY_PATH, offsetof(struct crashd_config, dump_dir),
	  .fix = "write an absolute path such as /var/crash" },
	{ "Dump", "Target", KEY_STRING, offsetof(struct crashd_config, dump_target) },
	{ "Dump", "Fallback", KEY_CHOICE, offsetof(struct crashd_config, fallback), .choices = fallbacks,
	  .what = "is not known", .fix = "use directory (save to Directory= when the network target fails) or none" },
	{ "Dump", "Level", KEY_UINT, offsetof(struct crashd_config, dump_level), .max = 31,
	  .what = "is not a number from 0 to 31", .fix = "use a makedumpfile dump level from 0 to 31 (31 drops the most)" },
	{ "Dump", "Compression", KEY_CHOICE, offsetof(struct crashd_config, compression), .choices = compressions,
	  .what = "is not known", .fix = "use lzo, zlib, zstd, snappy or none" },
	{ "Dump", "Action", KEY_CHOICE, offsetof(struct crashd_config, action), .choices = actions,
	  .what = "is not known", .fix = "use reboot, poweroff or shell" },
	{ "Dump", "FailureAction", KEY_CHOICE, offsetof(struct crashd_config, failure_action), .choices = actions,
	  .what = "is not known", .fix = "use reboot, poweroff or shell" },
	{ "Dump", "MakedumpfileOptions", KEY_WORDS, offsetof(struct crashd_config, makedumpfile_options),
	  .word_ok = makedumpfile_option_ok, .fix = "set the level with Level= and compression with Compression=" },
	{ "Dump", "MaxUse", KEY_SIZE, offsetof(struct crashd_config, max_use),
	  .what = "is not a size", .fix = "give a size such as 10G, or 0 for no limit" },
	{ "Dump", "Keep", KEY_UINT, offsetof(struct crashd_config, keep), .max = 10000,
	  .what = "is not a number", .fix = "give how many dumps to keep, 0 for all" },
	{ "Capture", "Modules", KEY_WORDS, offsetof(struct crashd_config, modules), .word_ok = module_name_ok,
	  .fix = "list module names separated by spaces" },
	{ "Capture", "Programs", KEY_WORDS, offsetof(struct crashd_config, programs), .word_ok = absolute_ok,
	  .fix = "list absolute paths separated by spaces" },
	{ "Capture", "PreHook", KEY_PATH, offsetof(struct crashd_config, pre_hook), .empty_ok = true,
	  .fix = "write the absolute path of a program" },
	{ "Capture", "PostHook", KEY_PATH, offsetof(struct crashd_config, post_hook), .empty_ok = true,
	  .fix = "write the absolute path of a program" },
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
		if (k->choices && one_of(value, k->choices))
			return set_string(field, value);
		if (value[0] != '/' && !(k->empty_ok && !value[0]))
			return problem(p, -EINVAL, k->fix, "%s= must be %san absolute path, not '%s'", k->name,
				       k->choices ? "auto, distro or " : "", value);
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
	case KEY_WORDS: {
		_cleanup_free_ char *copy = strdup(value);
		char why[200];

		if (!copy)
			return -ENOMEM;
		for (char *save = NULL, *w = strtok_r(copy, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
			if (!k->word_ok(w, why, sizeof(why)))
				return problem(p, -EINVAL, k->fix, "%s=: %s", k->name, why);
		return set_string(field, value);
	}
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

/* inih calls this per key; every refused key is kept with its line. */
static int handler(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *s = user;
	struct problem p = {};
	char fix[256];
	int r;

	if (!section[0]) {
		problem(&p, -EINVAL, "put it under [Kernel], [Dump] or [Capture]", "'%s' is outside any section", name);
		goto refused;
	}
	if (!section_known(section)) {
		problem(&p, -EINVAL, "use the sections [Kernel], [Dump] and [Capture]", "unknown section [%s]", section);
		goto refused;
	}
	for (size_t i = 0; i < ELEMENTSOF(keys); i++) {
		if (!streq(keys[i].section, section) || !streq(keys[i].name, name))
			continue;
		r = set_key(&keys[i], value, s->c, &p);
		if (r == -ENOMEM)
			problem(&p, r, NULL, "out of memory");
		if (r < 0)
			goto refused;
		return 1;
	}
	known_keys(section, fix, sizeof(fix));
	problem(&p, -EINVAL, fix, "unknown key '%s' in [%s]", name, section);
refused:
	add_error(s->e, s->line, &p);
	/* Not 0: inih would stop remembering lines; the next key may be wrong too. */
	return 1;
}

/* inih's reader: one line at a time, counted, so that the handler knows its line. */
static char *next_line(char *str, int num, void *stream)
{
	struct parse_state *s = stream;
	size_t len;

	if (!*s->next)
		return NULL;
	len = strcspn(s->next, "\n");
	if (s->next[len] == '\n')
		len++;
	if (len > (size_t) num - 1)
		len = num - 1;
	memcpy(str, s->next, len);
	str[len] = '\0';
	s->next += len;
	s->line++;
	return str;
}

void config_defaults(struct crashd_config *c)
{
	*c = (struct crashd_config) {
		.initrd = strdup(CRASHD_DEFAULT_INITRD),
		.dump_dir = strdup("/var/crash"),
		.dump_level = 31,
		.compression = strdup("zlib"),
		.action = strdup("reboot"),
		.failure_action = strdup("reboot"),
		.fallback = strdup("directory"),
		.loader = strdup("file"),
		.keep = 3,
	};
}

/*
 * The shape of every line, checked before inih sees them: inih reports
 * only the first malformed line, and splits long ones, which would put
 * later errors on the wrong lines.
 */
static void check_syntax(const char *text, struct config_errors *e)
{
	struct problem p = {};
	unsigned n = 0;

	for (const char *l = text; *l; ) {
		const char *end = strchrnul(l, '\n'), *s = l, *t = end;

		n++;
		while (s < t && (*s == ' ' || *s == '\t'))
			s++;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
			t--;
		if (end - l > INI_MAX_LINE - 2) {
			problem(&p, -EINVAL, "shorten it", "line longer than %d characters", INI_MAX_LINE - 2);
			add_error(e, n, &p);
		} else if (s < t && *s != '#' && *s != ';' && !(*s == '[' && t[-1] == ']') && !memchr(s, '=', t - s)) {
			problem(&p, -EINVAL, "lines are 'Key=value', sections '[Name]', comments '# ...'",
				"not a valid line: '%.*s'", (int) (t - s), s);
			add_error(e, n, &p);
		}
		l = *end ? end + 1 : end;
	}
}

static int error_line_cmp(const void *a, const void *b)
{
	const struct config_error *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

int config_parse_string(const char *text, struct crashd_config *c, struct config_errors *e)
{
	struct parse_state s = { .c = c, .e = e, .next = text };
	struct problem p = {};
	int r;

	*e = (struct config_errors) {};
	check_syntax(text, e);
	/* Too long a line would be split by inih: nothing after it could be trusted. */
	for (unsigned i = 0; i < e->n; i++)
		if (startswith(e->v[i].p.what, "line longer"))
			return -EINVAL;
	r = ini_parse_stream(next_line, &s, handler, &s);
	/* inih's own complaint (a section without ']'), unless that line has one already. */
	if (r > 0 && !error_at(e, r)) {
		problem(&p, -EINVAL, "lines are 'Key=value', sections '[Name]'", "not a valid line");
		add_error(e, r, &p);
	} else if (r < 0) {
		problem(&p, -ENOMEM, NULL, "out of memory");
		add_error(e, 0, &p);
	}
	qsort(e->v, e->n, sizeof(e->v[0]), error_line_cmp);
	return e->total ? -EINVAL : 0;
}

int config_load(const char *path, struct crashd_config *c, struct config_errors *e)
{
	_cleanup_free_ char *text = NULL;
	struct problem p = {};
	int r;

	*e = (struct config_errors) {};
	/* Even when missing: it is the file a fix tells the administrator to edit. */
	free(c->source);
	c->source = strdup(path);
	r = read_full_file(path, &text, NULL);
	if (r == -ENOENT)
		return 0;
	if (r < 0) {
		problem(&p, r, r == -EBADFD || r == -EISDIR ? "name the configuration file itself" : NULL,
			"cannot read: %s", read_file_strerror(r));
		add_error(e, 0, &p);
		return r;
	}
	return config_parse_string(text, c, e);
}

char *config_errors_format(const struct config_errors *e, const char *path, const char *sep)
{
	_cleanup_free_ char *out = strdup("");
	char *next;

	for (unsigned i = 0; out && i < e->n; i++) {
		const struct config_error *x = &e->v[i];
		char line[16] = "";

		if (x->line)
			snprintf(line, sizeof(line), ":%u", x->line);
		if (asprintf(&next, "%s%s%s%s: %s%s%s", out, i ? sep : "", path, line, x->p.what,
			     x->p.fix[0] ? "; " : "", x->p.fix) < 0)
			return NULL;
		free(out);
		out = next;
	}
	if (out && e->total > e->n) {
		if (asprintf(&next, "%s%sand %u more", out, sep, e->total - e->n) < 0)
			return NULL;
		free(out);
		out = next;
	}
	next = out;
	out = NULL;
	return next;
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
	free(c->failure_action);
	free(c->fallback);
	free(c->loader);
	free(c->makedumpfile_options);
	free(c->modules);
	free(c->programs);
	free(c->pre_hook);
	free(c->post_hook);
	free(c->source);
	*c = (struct crashd_config) {};
}

size_t config_key_count(void)
{
	return ELEMENTSOF(keys);
}

void config_key_get(const struct crashd_config *c, size_t i, const char **section, const char **name, char *value,
		    size_t len)
{
	const struct config_key *k = &keys[i];
	const void *field = (const char *) c + k->offset;

	*section = k->section;
	*name = k->name;
	switch (k->kind) {
	case KEY_UINT:
		snprintf(value, len, "%u", *(const unsigned *) field);
		break;
	case KEY_SIZE:
		snprintf(value, len, "%llu", (unsigned long long) *(const uint64_t *) field);
		break;
	default:
		snprintf(value, len, "%s", *(char *const *) field ?: "");
	}
}

const char *config_source(const struct crashd_config *c)
{
	return c->source ?: CRASHD_CONFIG_PATH;
}
