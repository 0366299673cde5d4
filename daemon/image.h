/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A panic kernel or initramfs as crashd holds it: the file's contents in a
 * sealed memfd, so that what was verified and digested is exactly what
 * kexec_file_load() reads, whatever happens to the file afterwards.
 */
#pragma once

#include <stddef.h>

#include "digest.h"
#include "problem.h"

struct image {
	char *path;
	int fd;				/* sealed memfd; -1 when empty */
	const void *data;		/* read-only mapping of fd */
	size_t size;
	char sha256[SHA256_HEX_LEN + 1];
};

#define IMAGE_NULL ((struct image) { .fd = -1 })

/* Reads @path into a sealed memfd and digests it. Problems name the file. */
int image_load(const char *path, struct image *img, struct problem *p);
void image_release(struct image *img);
/* Moves @src into @dst, releasing what @dst held. */
void image_replace(struct image *dst, struct image *src);
