// SPDX-License-Identifier: GPL-2.0-only
/*
 * A region that differs from what the loader hashed means memory changed
 * between the load and the panic (a stray write, a bad DIMM, something
 * worse): entering it would run code nobody chose, and could overwrite
 * the very memory the dump is to save. So nothing runs; the console says
 * which region, and the caller resets the machine without a dump.
 */
#include "check.h"
#include "console.h"
#include "format.h"
#include "sha256.h"

static int same(const uint8_t *a, const uint8_t *b)
{
	unsigned diff = 0;

	for (unsigned i = 0; i < 32; i++)
		diff |= a[i] ^ b[i];
	return !diff;
}

static void digest(const void *data, uint64_t len, uint8_t out[32])
{
	struct sha256_state s;

	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final(&s, out);
}

static void refuse(const struct purgatory_info *info, struct line *l)
{
	line_str(l, "; not starting the panic kernel, resetting without a dump\n");
	console_write(info->console_port, l->text);
}

int purgatory_verify(const struct purgatory_info *info, const void *self, uint64_t self_len)
{
	struct line l = { .len = 0 };
	uint8_t sum[32];

	if (info->magic != PURGATORY_MAGIC || info->version != PURGATORY_VERSION ||
	    info->nr_regions > PURGATORY_MAX_REGIONS) {
		line_str(&l, "crashd purgatory: the loader did not fill in what to check");
		refuse(info, &l);
		return -2;
	}
	digest(self, self_len, sum);
	if (!same(sum, info->self_sha256)) {
		line_str(&l, "crashd purgatory: its own code (");
		line_dec(&l, self_len);
		line_str(&l, " bytes) does not match its SHA-256");
		refuse(info, &l);
		return -1;
	}
	for (uint32_t i = 0; i < info->nr_regions; i++) {
		const struct purgatory_region *r = &info->regions[i];

		digest((const void *)(uintptr_t)r->start, r->len, sum);
		if (same(sum, r->sha256))
			continue;
		line_str(&l, "crashd purgatory: segment ");
		line_dec(&l, i);
		line_str(&l, " at ");
		line_hex(&l, r->start);
		line_str(&l, " (");
		line_dec(&l, r->len);
		line_str(&l, " bytes) does not match its SHA-256");
		refuse(info, &l);
		return 1 + i;
	}
	return 0;
}
