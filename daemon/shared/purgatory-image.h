/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * crashd's purgatory as the loader places it: a copy of the image built
 * into crashd, its info block filled with where the panic kernel starts
 * and the SHA-256 of every segment it is to check.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "../purgatory/purgatory.h"

struct purgatory_image {
	uint8_t *data;		/* malloc'd copy of the file */
	size_t size;		/* bytes in the file */
	uint64_t memsz;		/* memory it runs in: the file and its stack */
	uint64_t checked;	/* its first bytes that it checks as its own */
	struct purgatory_info *info;	/* in data */
};

/* A copy of the built-in image, its head checked. -EINVAL if the build is broken. */
int purgatory_image_new(struct purgatory_image *pi);
void purgatory_image_free(struct purgatory_image *pi);
/*
 * Fills the info block: the kernel's entry and boot parameters, the
 * segments to check (at most PURGATORY_MAX_REGIONS, each hashed here from
 * @bufs), the console port, and the image's own SHA-256.
 */
struct purgatory_segment {
	const void *buf;
	size_t len;
	uint64_t mem;
};
int purgatory_image_fill(struct purgatory_image *pi, uint64_t entry, uint64_t boot_params,
			 const struct purgatory_segment *segs, size_t n, uint64_t console_port);
