/* SPDX-License-Identifier: GPL-2.0-only */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX_LEN 64

/* SHA-256 of @data as 64 lowercase hex digits, NUL-terminated. */
int sha256_hex(const void *data, size_t size, char hex[SHA256_HEX_LEN + 1]);
/* SHA-256 of what @fd reads until its end, and how many bytes that was. */
int sha256_fd_hex(int fd, char hex[SHA256_HEX_LEN + 1], uint64_t *size);
