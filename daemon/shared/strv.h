/* SPDX-License-Identifier: GPL-2.0-only */
/* A growing, NULL-terminated list of strings, as systemd's strv. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

struct strv {
	char **v;
	size_t n;
};

/* Appends a copy of @str unless it is there; 1 if added, 0 if present, -ENOMEM. */
int strv_push_unique(struct strv *s, const char *str);
bool strv_contains(const struct strv *s, const char *str);
void strv_free(struct strv *s);
