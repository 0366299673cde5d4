// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iomem.h"
#include "util.h"

static int parse_hex(const char **p, uint64_t *ret)
{
	uint64_t v = 0;
	const char *s = *p;

	if (!isxdigit_c(*s))
		return -EINVAL;
	for (; isxdigit_c(*s); s++) {
		if (v >> 60)
			return -EINVAL;
		v = v << 4 | hexval(*s);
	}
	*p = s;
	*ret = v;
	return 0;
}

/* "  00100000-3ffdffff : System RAM" */
static int parse_line(const char *line, size_t len, struct iomem_entry *e)
{
	const char *p = line, *end = line + len;
	unsigned spaces = 0;

	while (p < end && *p == ' ')
		p++, spaces++;
	if (spaces % 2)
		return -EINVAL;
	e->depth = spaces / 2;
	if (parse_hex(&p, &e->start) < 0 || *p != '-')
		return -EINVAL;
	p++;
	if (parse_hex(&p, &e->end) < 0 || e->end < e->start)
		return -EINVAL;
	if (end - p < 3 || memcmp(p, " : ", 3))
		return -EINVAL;
	p += 3;
	e->name = strndup(p, end - p);
	return e->name ? 0 : -ENOMEM;
}

int iomem_parse(const char *text, struct iomem_map *map, unsigned *bad_line)
{
	struct iomem_map m = {};
	unsigned line_no = 0, prev_depth = 0;
	bool any_address = false;
	const char *p = text;
	int r;

	while (*p) {
		const char *nl = strchrnul(p, '\n');
		struct iomem_entry e = {};

		line_no++;
		if (nl > p) {
			struct iomem_entry *grown;

			r = parse_line(p, nl - p, &e);
			/* A child is at most one level deeper than the line before. */
			if (r == 0 && e.depth > prev_depth + (m.n ? 1 : 0)) {
				free(e.name);
				r = -EINVAL;
			}
			if (r < 0) {
				*bad_line = line_no;
				iomem_free(&m);
				return r;
			}
			grown = reallocarray(m.entries, m.n + 1, sizeof(*m.entries));
			if (!grown) {
				free(e.name);
				iomem_free(&m);
				return -ENOMEM;
			}
			m.entries = grown;
			m.entries[m.n++] = e;
			prev_depth = e.depth;
			any_address |= e.start || e.end;
		}
		p = *nl ? nl + 1 : nl;
	}
	if (m.n && !any_address) {
		iomem_free(&m);
		return -EPERM;
	}
	*map = m;
	return 0;
}

int iomem_read(const char *path, struct iomem_map *map, unsigned *bad_line)
{
	_cleanup_free_ char *text = NULL;
	int r;

	r = read_full_file(path, &text, NULL);
	if (r < 0)
		return r;
	return iomem_parse(text, map, bad_line);
}

void iomem_free(struct iomem_map *map)
{
	for (size_t i = 0; i < map->n; i++)
		free(map->entries[i].name);
	free(map->entries);
	*map = (struct iomem_map) {};
}

uint64_t iomem_ram_bytes(const struct iomem_map *map)
{
	uint64_t total = 0;

	for (size_t i = 0; i < map->n; i++)
		if (map->entries[i].depth == 0 &&
		    streq(map->entries[i].name, "System RAM"))
			total += map->entries[i].end - map->entries[i].start + 1;
	return total;
}

static int push_range(struct phys_range **v, size_t *n, uint64_t start, uint64_t end)
{
	struct phys_range *grown;

	if (start >= end)
		return 0;
	grown = reallocarray(*v, *n + 1, sizeof(**v));
	if (!grown)
		return -ENOMEM;
	*v = grown;
	(*v)[(*n)++] = (struct phys_range) { start, end };
	return 0;
}

static bool is_kernel_image(const char *name)
{
	return startswith(name, "Kernel ");
}

int iomem_free_ranges(const struct iomem_map *map, struct phys_range **ret)
{
	struct phys_range *v = NULL;
	size_t n = 0;

	for (size_t i = 0; i < map->n; i++) {
		const struct iomem_entry *ram = &map->entries[i];
		uint64_t at = ram->start;

		if (ram->depth != 0 || !streq(ram->name, "System RAM"))
			continue;
		/* Children follow their parent; cut out the kernel image. */
		for (size_t j = i + 1; j < map->n && map->entries[j].depth > 0; j++) {
			const struct iomem_entry *c = &map->entries[j];

			if (c->depth != 1 || !is_kernel_image(c->name))
				continue;
			if (push_range(&v, &n, at, c->start) < 0)
				goto oom;
			at = c->end + 1;
		}
		if (push_range(&v, &n, at, ram->end + 1) < 0)
			goto oom;
	}
	*ret = v;
	return (int) n;
oom:
	free(v);
	return -ENOMEM;
}

static int by_start(const void *a, const void *b)
{
	const struct phys_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

int iomem_crash_ranges(const struct iomem_map *map, struct phys_range **ret)
{
	struct phys_range *v = NULL;
	size_t n = 0;

	for (size_t i = 0; i < map->n; i++)
		if (streq(map->entries[i].name, "Crash kernel") &&
		    push_range(&v, &n, map->entries[i].start, map->entries[i].end + 1) < 0) {
			free(v);
			return -ENOMEM;
		}
	/* The kernel lists them in address order; a file that does not still must not swap high and low. */
	if (n > 1)
		qsort(v, n, sizeof(*v), by_start);
	*ret = v;
	return (int) n;
}
