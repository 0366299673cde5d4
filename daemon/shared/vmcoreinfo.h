/* SPDX-License-Identifier: GPL-2.0-only */
/* What the crashed kernel says about itself in /proc/vmcore's VMCOREINFO note. */
#pragma once

struct vmcoreinfo {
	char osrelease[128];
	char build_id[64];
};

int vmcoreinfo_read(const char *vmcore, struct vmcoreinfo *info);
/* Parses the note's text ("OSRELEASE=...\nBUILD-ID=...\n"). */
void vmcoreinfo_parse(const char *text, size_t len, struct vmcoreinfo *info);
