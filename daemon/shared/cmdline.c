// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "util.h"

/*
 * Parameters of the running kernel that would hurt the capture kernel:
 * the reservation itself, CPU and memory sizing for the whole machine,
 * the parameters CAPTURE_CMDLINE sets anew, and ramoops' region, which
 * crashd passes by address (reserve_mem= would reserve in the crash region).
 * And quiet: what the capture kernel and the collector say is all anyone
 * sees of a capture at the console.
 */
static const char *const dropped[] = {
	"crashkernel", "nr_cpus", "maxcpus", "possible_cpus", "hugepages", "hugepagesz",
	"default_hugepagesz", "hugetlb_cma", "memmap", "mem", "movablecore", "kernelcore",
	"cma", "swiotlb", "panic", "oops", "sysctl.vm.panic_on_oom", "printk.devkmsg", "transparent_hugepage",
	"kexec_jump_back_entry", "resume", "resume_offset", "initrd", "BOOT_IMAGE", "reserve_mem", "quiet",
	"ramoops.mem_name", "ramoops.mem_address", "ramoops.mem_size", "ramoops.mem_type",
	"ramoops.record_size", "ramoops.console_size", "ramoops.pmsg_size", "ramoops.ftrace_size",
	"ramoops.ecc", "ramoops.max_reason", "ramoops.dump_oops",
};

static bool is_dropped(const char *word, size_t len)
{
	for (size_t i = 0; i < ELEMENTSOF(dropped); i++) {
		size_t n = strlen(dropped[i]);

		if (len >= n && !memcmp(word, dropped[i], n) && (len == n || word[n] == '='))
			return true;
	}
	return false;
}

int capture_cmdline(const char *running, const char *append, char **ret)
{
	size_t cap = strlen(running) + strlen(CAPTURE_CMDLINE) + (append ? strlen(append) : 0) + 3;
	char *out = malloc(cap), *o = out;
	const char *p = running;
	bool in_quote = false;

	if (!out)
		return -ENOMEM;
	while (*p) {
		const char *w;

		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (!*p)
			break;
		/* "--" ends the kernel's parameters; what follows is init's. */
		w = p;
		for (; *p && (in_quote || (*p != ' ' && *p != '\n' && *p != '\t')); p++)
			if (*p == '"')
				in_quote = !in_quote;
		if ((size_t) (p - w) == 2 && !memcmp(w, "--", 2))
			break;
		if (is_dropped(w, p - w))
			continue;
		memcpy(o, w, p - w);
		o += p - w;
		*o++ = ' ';
	}
	strcpy(o, CAPTURE_CMDLINE);
	if (append && *append) {
		strcat(o, " ");
		strcat(o, append);
	}
	*ret = out;
	return 0;
}
