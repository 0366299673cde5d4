// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "assemble.h"
#include "util.h"

static const char *const kind_names[] = {
	[ASSEMBLE_MD] = "md",
	[ASSEMBLE_LVM] = "lvm",
};

static const struct assemble_tool tools[] = {
	[ASSEMBLE_MD] = { "mdadm", ASSEMBLE_MDADM_PATH, "mdadm" },
	[ASSEMBLE_LVM] = { "lvm", ASSEMBLE_LVM_PATH, "lvm2" },
};

const struct assemble_tool *assemble_tool(enum assemble_kind kind)
{
	return &tools[kind];
}

/*
 * What may follow "md:" and "lvm:": a UUID's hex digits and separators, an
 * LVM name's characters (lvm(8): a-z A-Z 0-9 + _ . -). Nothing a shell or
 * an option parser would read as more than one word.
 */
static bool valid_what(enum assemble_kind kind, const char *w)
{
	const char *ok = kind == ASSEMBLE_MD ? "0123456789abcdefABCDEF:-" :
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+_.-";

	return w[0] && w[0] != '-' && strspn(w, ok) == strlen(w) && strlen(w) < 128;
}

static void md_argv(struct assemble_step *s)
{
	/*
	 * No mdadm.conf: "partitions" makes mdadm scan every block device for
	 * members of this array, whatever the capture kernel named them.
	 * --run: a RAID1 missing a disk is still the dump target.
	 */
	snprintf(s->arg[0], sizeof(s->arg[0]), "--uuid=%s", s->what);
	snprintf(s->arg[1], sizeof(s->arg[1]), "/dev/md/crashd-%.8s", s->what);
	char *argv[] = { (char *) ASSEMBLE_MDADM_PATH, (char *) "--assemble", s->arg[1], s->arg[0],
			 (char *) "--config=partitions", (char *) "--run", NULL };
	char *stop[] = { (char *) ASSEMBLE_MDADM_PATH, (char *) "--stop", s->arg[1], NULL };

	memcpy(s->argv, argv, sizeof(argv));
	memcpy(s->stop_argv, stop, sizeof(stop));
}

static void lvm_argv(struct assemble_step *s)
{
	/*
	 * There is no udev in the capture system: LVM makes the device nodes
	 * itself and waits for nobody. --sysinit: no locking failure, no
	 * dmeventd, no polling, on a root file system that is an initramfs.
	 */
	snprintf(s->arg[0], sizeof(s->arg[0]),
		 "activation{udev_sync=0 udev_rules=0 monitoring=0} devices{obtain_device_list_from_udev=0}");
	char *argv[] = { (char *) ASSEMBLE_LVM_PATH, (char *) "vgchange", (char *) "--activate", (char *) "y",
			 (char *) "--sysinit", (char *) "--config", s->arg[0], s->what, NULL };
	char *stop[] = { (char *) ASSEMBLE_LVM_PATH, (char *) "vgchange", (char *) "--activate", (char *) "n",
			 (char *) "--sysinit", (char *) "--config", s->arg[0], s->what, NULL };

	memcpy(s->argv, argv, sizeof(argv));
	memcpy(s->stop_argv, stop, sizeof(stop));
}

int assemble_step_parse(const char *word, struct assemble_step *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t k = 0; k < ELEMENTSOF(kind_names); k++) {
		size_t n = strlen(kind_names[k]);

		if (strncmp(word, kind_names[k], n) || word[n] != ':' || !valid_what(k, word + n + 1))
			continue;
		s->kind = k;
		snprintf(s->what, sizeof(s->what), "%s", word + n + 1);
		if (k == ASSEMBLE_MD)
			md_argv(s);
		else
			lvm_argv(s);
		return 0;
	}
	return -EINVAL;
}

int assemble_list_add(char *list, size_t len, enum assemble_kind kind, const char *what)
{
	char word[160];
	size_t used = strlen(list);

	if (!valid_what(kind, what))
		return -EINVAL;
	snprintf(word, sizeof(word), "%s:%s", kind_names[kind], what);
	for (const char *w = list; (w = strstr(w, word)); w += strlen(word))
		if ((w == list || w[-1] == ' ') && (w[strlen(word)] == ' ' || !w[strlen(word)]))
			return 0;
	if (used + !!used + strlen(word) >= len)
		return -ENAMETOOLONG;
	snprintf(list + used, len - used, "%s%s", used ? " " : "", word);
	return 1;
}
