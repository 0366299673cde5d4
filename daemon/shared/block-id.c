// SPDX-License-Identifier: GPL-2.0-only
#include <blkid.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "block-id.h"
#include "util.h"

static const struct {
	const char *tag;
	enum block_spec_kind kind;
} spec_tags[] = {
	{ "UUID", BLOCK_SPEC_UUID },
	{ "LABEL", BLOCK_SPEC_LABEL },
	{ "PARTUUID", BLOCK_SPEC_PARTUUID },
	{ "PARTLABEL", BLOCK_SPEC_PARTLABEL },
};

/* libblkid's own parser, so quoting is read as blkid(8) and fstab read it. */
static int spec_split(const char *spec, enum block_spec_kind *kind, char **value)
{
	_cleanup_free_ char *tag = NULL;

	if (spec[0] == '/') {
		*kind = BLOCK_SPEC_PATH;
		*value = strdup(spec);
		return *value ? 0 : -ENOMEM;
	}
	if (blkid_parse_tag_string(spec, &tag, value) < 0 || !tag || !*value)
		return -EINVAL;
	for (size_t i = 0; i < sizeof(spec_tags) / sizeof(spec_tags[0]); i++)
		if (streq(tag, spec_tags[i].tag) && (*value)[0]) {
			*kind = spec_tags[i].kind;
			return 0;
		}
	free(*value);
	*value = NULL;
	return -EINVAL;
}

int block_spec_kind(const char *spec)
{
	_cleanup_free_ char *value = NULL;
	enum block_spec_kind kind;
	int r = spec_split(spec, &kind, &value);

	return r < 0 ? r : (int) kind;
}

bool block_id_matches(const struct block_id *id, const char *spec)
{
	_cleanup_free_ char *value = NULL;
	enum block_spec_kind kind;

	if (spec_split(spec, &kind, &value) < 0)
		return false;
	switch (kind) {
	case BLOCK_SPEC_UUID:
		return id->uuid[0] && !strcasecmp(id->uuid, value);
	case BLOCK_SPEC_LABEL:
		return id->label[0] && streq(id->label, value);
	case BLOCK_SPEC_PARTUUID:
		return id->partuuid[0] && !strcasecmp(id->partuuid, value);
	case BLOCK_SPEC_PARTLABEL:
		return id->partlabel[0] && streq(id->partlabel, value);
	case BLOCK_SPEC_PATH:
		break;
	}
	return false;
}

static void lookup(blkid_probe pr, const char *name, char *out, size_t len)
{
	const char *v;

	if (blkid_probe_lookup_value(pr, name, &v, NULL) == 0)
		snprintf(out, len, "%s", v);
}

static void free_probe(blkid_probe *pr)
{
	if (*pr)
		blkid_free_probe(*pr);
}

int block_id_probe(const char *dev, struct block_id *id)
{
	_cleanup_(free_probe) blkid_probe pr = NULL;
	int r;

	memset(id, 0, sizeof(*id));
	pr = blkid_new_probe_from_filename(dev);
	if (!pr)
		return errno ? -errno : -ENOMEM;
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_USAGE | BLKID_SUBLKS_UUID |
					  BLKID_SUBLKS_LABEL);
	/* For a partition, its entry in the parent's table: PARTUUID and PARTLABEL. */
	blkid_probe_enable_partitions(pr, 1);
	blkid_probe_set_partitions_flags(pr, BLKID_PARTS_ENTRY_DETAILS);
	r = blkid_do_safeprobe(pr);
	if (r < 0)
		/* -2: signatures of two file systems; which one wins is not a guess to make here. */
		return r == -2 ? -ENOTUNIQ : -EIO;
	lookup(pr, "TYPE", id->type, sizeof(id->type));
	lookup(pr, "USAGE", id->usage, sizeof(id->usage));
	lookup(pr, "UUID", id->uuid, sizeof(id->uuid));
	lookup(pr, "LABEL", id->label, sizeof(id->label));
	lookup(pr, "PART_ENTRY_UUID", id->partuuid, sizeof(id->partuuid));
	lookup(pr, "PART_ENTRY_NAME", id->partlabel, sizeof(id->partlabel));
	return id->type[0] || id->partuuid[0] ? 0 : -ENODATA;
}
