// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <unistd.h>

#include "digest.h"

static void to_hex(const unsigned char *md, unsigned len, char hex[SHA256_HEX_LEN + 1])
{
	for (unsigned i = 0; i < len; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
}

int sha256_hex(const void *data, size_t size, char hex[SHA256_HEX_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (!EVP_Digest(data, size, md, &len, EVP_sha256(), NULL) || len != 32)
		return -EIO;
	to_hex(md, len, hex);
	return 0;
}

int sha256_fd_hex(int fd, char hex[SHA256_HEX_LEN + 1], uint64_t *size)
{
	unsigned char buf[1 << 16], md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	ssize_t n;
	int r = 0;

	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		EVP_MD_CTX_free(ctx);
		return -ENOMEM;
	}
	*size = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		EVP_DigestUpdate(ctx, buf, n);
		*size += n;
	}
	if (n < 0)
		r = -errno;
	else if (!EVP_DigestFinal_ex(ctx, md, &len) || len != 32)
		r = -EIO;
	else
		to_hex(md, len, hex);
	EVP_MD_CTX_free(ctx);
	return r;
}
