// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ssh-keys.h"
#include "util.h"

#define SETUP_FIX "run 'crashctl ssh-key' once; it makes the key, installs it on the server and pins the server's key"

/* Is @host among the comma-separated names a known_hosts line starts with? Hashed lines cannot tell, and count. */
static bool pinned(const char *line, const char *host)
{
	size_t n = strcspn(line, " \t");
	size_t h = strlen(host);

	if (startswith(line, "|1|"))
		return true;
	for (const char *s = line; s < line + n;) {
		size_t k = strcspn(s, ", \t");

		if (k == h && !strncmp(s, host, h))
			return true;
		s += k + 1;
	}
	return false;
}

int ssh_keys_check(const char *dir, const char *host, struct problem *p)
{
	_cleanup_free_ char *key = NULL, *known = NULL, *text = NULL;
	_cleanup_close_ int fd = -EBADF;
	struct stat st;

	if (asprintf(&key, "%s/id_ed25519", dir) < 0 || asprintf(&known, "%s/known_hosts", dir) < 0)
		return -ENOMEM;
	fd = open(key, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return problem(p, -errno, SETUP_FIX, "the network target needs crashd's ssh key %s: %s", key,
			       strerror(errno));
	/* ssh itself refuses a private key others may read, and so would the capture. */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != 0 || (st.st_mode & 077))
		return problem(p, -EPERM, "chown root: and chmod 600 it", "%s must be a file of root's, readable by root only",
			       key);
	if (read_full_file(known, &text, NULL) < 0)
		return problem(p, -ENOENT, SETUP_FIX, "no server key is pinned in %s", known);
	for (char *s = NULL, *l = strtok_r(text, "\n", &s); l; l = strtok_r(NULL, "\n", &s))
		if (l[0] != '#' && pinned(l, host))
			return 0;
	return problem(p, -ENOENT, SETUP_FIX, "%s pins no key for %s: the capture would refuse the server", known, host);
}
