// SPDX-License-Identifier: GPL-2.0-only
/*
 * The digests are taken here, from the very buffers handed to
 * kexec_load(): what the purgatory later finds in memory must be what
 * crashd chose to load, byte for byte.
 */
#include <errno.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "purgatory-image.h"

extern const uint8_t crashd_purgatory[], crashd_purgatory_end[];

static uint64_t head(const uint8_t *d, size_t off)
{
	uint64_t v;

	memcpy(&v, d + off, sizeof(v));
	return v;
}

int purgatory_image_new(struct purgatory_image *pi)
{
	size_t size = crashd_purgatory_end - crashd_purgatory;
	uint64_t info;

	memset(pi, 0, sizeof(*pi));
	if (size < PURGATORY_HEAD_SIZE || head(crashd_purgatory, PURGATORY_HEAD_MAGIC) != PURGATORY_MAGIC)
		return -EINVAL;
	info = head(crashd_purgatory, PURGATORY_HEAD_INFO);
	pi->checked = head(crashd_purgatory, PURGATORY_HEAD_CHECKED);
	pi->memsz = head(crashd_purgatory, PURGATORY_HEAD_MEMSZ);
	/* The info block after the checked bytes, in the file; the file within its memory. */
	if (info < pi->checked || info > size || size - info < sizeof(struct purgatory_info) || pi->memsz < size)
		return -EINVAL;
	pi->data = malloc(size);
	if (!pi->data)
		return -ENOMEM;
	memcpy(pi->data, crashd_purgatory, size);
	pi->size = size;
	pi->info = (struct purgatory_info *)(pi->data + info);
	return 0;
}

void purgatory_image_free(struct purgatory_image *pi)
{
	free(pi->data);
	memset(pi, 0, sizeof(*pi));
}

int purgatory_image_fill(struct purgatory_image *pi, uint64_t entry, uint64_t boot_params,
			 const struct purgatory_segment *segs, size_t n, uint64_t console_port)
{
	struct purgatory_info *info = pi->info;

	if (n > PURGATORY_MAX_REGIONS)
		return -E2BIG;
	memset(info, 0, sizeof(*info));
	info->magic = PURGATORY_MAGIC;
	info->version = PURGATORY_VERSION;
	info->nr_regions = n;
	info->entry = entry;
	info->boot_params = boot_params;
	info->console_port = console_port;
	for (size_t i = 0; i < n; i++) {
		info->regions[i].start = segs[i].mem;
		info->regions[i].len = segs[i].len;
		SHA256(segs[i].buf, segs[i].len, info->regions[i].sha256);
	}
	SHA256(pi->data, pi->checked, info->self_sha256);
	return 0;
}
