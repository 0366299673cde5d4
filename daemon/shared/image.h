/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A panic kernel or initramfs as crashd holds it: the file's contents in a
 * sealed memfd, so that what was verified and digested is exactly what
 * kexec_file_load() reads, whatever happens to the file afterwards.
 */
#pragma once

#include <stddef.h>
#include <sys/stat.h>

#include "digest.h"
#include "problem.h"

struct image {
	char *path;
	int fd;				/* sealed memfd; -1 when empty */
	const void *data;		/* read-only mapping of fd */
	size_t size;
	char sha256[SHA256_HEX_LEN + 1];
	/* The file it was read from, as it was: a later stat() that matches means unchanged. */
	dev_t dev;
	ino_t ino;
	struct timespec mtime, ctime;
};

#define IMAGE_NULL ((struct image) { .fd = -1 })

/* Reads @path into a sealed memfd and digests it. Problems name the file. */
int image_load(const char *path, struct image *img, struct problem *p);
/*
 * image_load(), unless @path is still the very file @held was read from
 * (same inode, size, modification and change times): then @img shares
 * @held's sealed memfd, already digested. Saves reading and hashing an
 * unchanged initramfs when only the kernel changed, and the other way round.
 */
int image_load_if_changed(const char *path, const struct image *held, struct image *img, struct problem *p);
void image_release(struct image *img);
/*
 * Drops the mapping and keeps the sealed memfd: what an armed image needs
 * once the kernel holds it (image_load_if_changed() maps it again).
 */
void image_unmap(struct image *img);
/* Moves @src into @dst, releasing what @dst held. */
void image_replace(struct image *dst, struct image *src);
