/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SHA-256 (FIPS 180-4) for the purgatory, which runs with no library: after
 * a panic, before the next kernel. Built on the host too, where the unit
 * tests hold it against OpenSSL.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

struct sha256_state {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t block[64];
	unsigned fill;
};

void sha256_init(struct sha256_state *s);
void sha256_update(struct sha256_state *s, const void *data, size_t len);
void sha256_final(struct sha256_state *s, uint8_t digest[32]);
