// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>

#include "digest.h"

int sha256_hex(const void *data, size_t size, char hex[SHA256_HEX_LEN + 1])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;

	if (!EVP_Digest(data, size, md, &len, EVP_sha256(), NULL) || len != 32)
		return -EIO;
	for (unsigned i = 0; i < len; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
	return 0;
}
