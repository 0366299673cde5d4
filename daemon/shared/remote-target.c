// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "remote-target.h"
#include "util.h"

#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define DIGIT "0123456789"

bool remote_target_is_url(const char *spec)
{
	return spec && strstr(spec, "://") != NULL;
}

static const struct {
	const char *scheme;
	unsigned port;
} schemes[] = {
	[REMOTE_SSH] = { "ssh://", REMOTE_SSH_PORT },
	[REMOTE_NFS] = { "nfs://", REMOTE_NFS_PORT },
};

int remote_target_kind(const char *spec)
{
	for (size_t kind = 0; spec && kind < ELEMENTSOF(schemes); kind++)
		if (startswith(spec, schemes[kind].scheme))
			return (int) kind;
	return -EINVAL;
}

static int refuse(char *why, size_t len, const char *fmt, const char *part)
{
	snprintf(why, len, fmt, part);
	return -EINVAL;
}

/* A POSIX user name as useradd takes it; a leading '-' would be an option to ssh. */
static bool user_ok(const char *u)
{
	return u[0] && strchr(LOWER UPPER "_", u[0]) && strspn(u, LOWER UPPER DIGIT "_.-") == strlen(u);
}

/* DNS labels or an IPv4 address; an IPv6 literal ("[...]") is refused by the caller. */
static bool host_ok(const char *h)
{
	const char *label = h;

	if (!h[0] || strspn(h, LOWER UPPER DIGIT ".-") != strlen(h))
		return false;
	for (const char *s = h;; s++)
		if (*s == '.' || !*s) {
			size_t n = s - label;

			if (n == 0 || n > 63 || label[0] == '-' || s[-1] == '-')
				return false;
			if (!*s)
				return true;
			label = s + 1;
		}
}

/* No component "." or "..", none empty: the dump lands where the administrator wrote. */
static bool path_ok(const char *p)
{
	const char *c = p + 1;

	if (p[0] != '/' || strspn(p, LOWER UPPER DIGIT "/._+-") != strlen(p))
		return false;
	if (!*c)
		return true;
	for (const char *s = c;; s++)
		if (*s == '/' || !*s) {
			size_t n = s - c;

			if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 && c[0] == '.' && c[1] == '.'))
				return false;
			if (!*s)
				return true;
			c = s + 1;
		}
}

/* "HOST[:PORT]" up to @slash. */
static int parse_host(const char *url, const char *rest, const char *slash, struct remote_target *t, char *why,
		      size_t len)
{
	const char *colon;
	unsigned long port;
	char *end;

	if (rest[0] == '[')
		return refuse(why, len, "%s: IPv6 addresses are not supported yet; use a host name or an IPv4 address",
			      url);
	if (!slash)
		return refuse(why, len, "%s names no directory: write ssh://USER@HOST/PATH or nfs://HOST/PATH", url);
	colon = memchr(rest, ':', slash - rest);
	if ((size_t) ((colon ?: slash) - rest) >= sizeof(t->host))
		return refuse(why, len, "%s: the host name is too long", url);
	memcpy(t->host, rest, (colon ?: slash) - rest);
	if (!host_ok(t->host))
		return refuse(why, len, "'%s' is not a host name or IPv4 address", t->host);
	if (!colon)
		return 0;
	errno = 0;
	port = strtoul(colon + 1, &end, 10);
	/* Digits only: strtoul() would take " 0" or "+22" too. */
	if (errno || end != slash || colon[1] < '1' || colon[1] > '9' ||
	    strspn(colon + 1, DIGIT) != (size_t) (slash - colon - 1) || port > 65535)
		return refuse(why, len, "%s: the port is not a number from 1 to 65535", url);
	t->port = port;
	return 0;
}

int remote_target_parse(const char *url, struct remote_target *t, char *why, size_t len)
{
	const char *rest, *at, *slash;
	int r;

	memset(t, 0, sizeof(*t));
	r = remote_target_kind(url);
	if (r < 0)
		return refuse(why, len, "'%s' is not an ssh:// or nfs:// address", url);
	t->kind = r;
	t->port = schemes[r].port;
	rest = url + strlen(schemes[r].scheme);
	slash = strchr(rest, '/');
	at = strchr(rest, '@');
	if (at && (!slash || at < slash)) {
		if (t->kind == REMOTE_NFS)
			return refuse(why, len, "%s: an NFS address names no user: write nfs://HOST/PATH", url);
		if ((size_t) (at - rest) >= sizeof(t->user))
			return refuse(why, len, "%s: the user name is too long", url);
		memcpy(t->user, rest, at - rest);
		if (!user_ok(t->user))
			return refuse(why, len, "'%s' is not a user name", t->user);
		rest = at + 1;
	} else if (t->kind == REMOTE_SSH) {
		return refuse(why, len, "%s names no user: write ssh://USER@HOST/PATH", url);
	}
	r = parse_host(url, rest, slash, t, why, len);
	if (r < 0)
		return r;
	if (strlen(slash) >= sizeof(t->path))
		return refuse(why, len, "%s: the path is too long", url);
	snprintf(t->path, sizeof(t->path), "%s", slash);
	if (strlen(t->path) > 1 && t->path[strlen(t->path) - 1] == '/')
		t->path[strlen(t->path) - 1] = '\0';
	if (!path_ok(t->path))
		return refuse(why, len,
			      "the path '%s' may hold only letters, digits and . _ + - between slashes, and no . or .. part",
			      t->path);
	return 0;
}

void remote_target_format(const struct remote_target *t, char *out, size_t len)
{
	if (t->kind == REMOTE_NFS)
		snprintf(out, len, "nfs://%s:%u%s", t->host, t->port, t->path);
	else
		snprintf(out, len, "ssh://%s@%s:%u%s", t->user, t->host, t->port, t->path);
}
