// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "net-config.h"
#include "nfs-mount.h"

/*
 * soft: an operation the server does not answer fails after timeo
 * (tenths of a second) times retrans tries, about 15 s, and the capture
 * goes on to say so. vers=4 lets the kernel take the highest minor
 * version the server has.
 */
#define NFS_TIMEO 50
#define NFS_RETRANS 2

int nfs_mount(const struct remote_target *t, const char *server, const char *client, const char *where)
{
	char source[700], data[256];

	snprintf(source, sizeof(source), "%s:%s", server, t->path);
	snprintf(data, sizeof(data), "vers=4,proto=tcp,addr=%s,port=%u,soft,timeo=%d,retrans=%d%s%s", server, t->port,
		 NFS_TIMEO, NFS_RETRANS, client ? ",clientaddr=" : "", client ?: "");
	return mount(source, where, "nfs4", 0, data) < 0 ? -errno : 0;
}

int nfs_target_probe(const struct remote_target *t, struct problem *p)
{
	char dir[] = "/tmp/crashd-nfs-XXXXXX", url[700], probe[64], client[20];
	struct net_config n;
	int r;

	remote_target_format(t, url, sizeof(url));
	r = net_config_resolve(t->host, "/sys", "/proc/net/route", &n, p);
	if (r < 0)
		return r;
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return problem(p, -errno, "run it as root", "cannot make a mount namespace to try %s: %s", url,
			       strerror(errno));
	if (!mkdtemp(dir))
		return problem(p, -errno, NULL, "cannot make a directory to mount %s on: %s", url, strerror(errno));
	snprintf(client, sizeof(client), "%.*s", (int) strcspn(n.address, "/"), n.address);
	r = nfs_mount(t, n.server, client, dir);
	if (r < 0) {
		rmdir(dir);
		return problem(p, r, "check that the server exports it to this machine, read-write, without root_squash",
			       "the capture could not mount %s (%s:%s): %s", url, n.server, t->path, strerror(-r));
	}
	snprintf(probe, sizeof(probe), "%s/.crashd-probe-%d", dir, (int) getpid());
	if (mkdir(probe, 0700) < 0 || rmdir(probe) < 0)
		r = problem(p, -errno, "the export must be writable by root: no root_squash for this machine",
			    "the capture could not write in %s: %s", url, strerror(errno));
	umount(dir);
	rmdir(dir);
	return r;
}
