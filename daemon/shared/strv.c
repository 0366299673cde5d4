// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdlib.h>

#include "strv.h"
#include "util.h"

bool strv_contains(const struct strv *s, const char *str)
{
	for (size_t i = 0; i < s->n; i++)
		if (streq(s->v[i], str))
			return true;
	return false;
}

int strv_push_unique(struct strv *s, const char *str)
{
	char **grown;

	if (strv_contains(s, str))
		return 0;
	grown = reallocarray(s->v, s->n + 2, sizeof(char *));
	if (!grown)
		return -ENOMEM;
	s->v = grown;
	s->v[s->n] = strdup(str);
	if (!s->v[s->n])
		return -ENOMEM;
	s->v[++s->n] = NULL;
	return 1;
}

void strv_free(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	*s = (struct strv) {};
}
