/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Mounting Target=nfs:// with the kernel's own NFSv4 client, as the
 * capture system does and crashctl test does to check it first: no
 * mount.nfs, rpcbind or lock daemon, and a server that stops answering
 * fails the mount or the write instead of holding it forever.
 */
#pragma once

#include "problem.h"
#include "remote-target.h"

/* @server and @client are IPv4 addresses; @client may be NULL (the kernel picks). -errno on failure. */
int nfs_mount(const struct remote_target *t, const char *server, const char *client, const char *where);
/*
 * crashctl test's check: the export mounted as the capture will, in a
 * mount namespace of the caller's own (it is then in no one else's
 * mount table), a directory made and removed there, unmounted. The
 * caller stays in that namespace. @p says why not.
 */
int nfs_target_probe(const struct remote_target *t, struct problem *p);
