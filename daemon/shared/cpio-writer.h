/* SPDX-License-Identifier: GPL-2.0-only */
/* Writing newc cpio archives, the format the kernel unpacks as initramfs. */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct cpio_writer {
	FILE *out;
	uint32_t ino;
	uint64_t bytes;
	int error;		/* first write error, as -errno */
};

void cpio_begin(struct cpio_writer *w, FILE *out);
int cpio_dir(struct cpio_writer *w, const char *path, mode_t mode);
int cpio_symlink(struct cpio_writer *w, const char *path, const char *target);
int cpio_data(struct cpio_writer *w, const char *path, mode_t mode, const void *data, size_t size);
/* Copies the file at @src (following symlinks) into the archive as @path. */
int cpio_file(struct cpio_writer *w, const char *path, const char *src, mode_t mode);
/* Character device node, e.g. /dev/console, which the kernel opens before /init runs. */
int cpio_chardev(struct cpio_writer *w, const char *path, mode_t mode, unsigned major, unsigned minor);
int cpio_end(struct cpio_writer *w);
