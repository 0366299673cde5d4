// SPDX-License-Identifier: GPL-2.0-only
/*
 * armed-window STOPFILE: read /sys/kernel/kexec_crash_loaded every
 * millisecond until STOPFILE exists, then print
 *   samples N zero Z longest_usec L zero_usec T final V
 * where L is the longest stretch during which no panic kernel was loaded
 * (from the first 0 read to the next 1), T all such stretches together,
 * V the last value read. A VM helper for the re-arm benchmarks: what a
 * panic at that moment would have found, seen from outside the tool.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	const struct timespec tick = { .tv_nsec = 1000000 };
	uint64_t samples = 0, zeros = 0, longest = 0, total = 0, since = 0, t;
	char v = '1';
	int fd;

	if (argc != 2) {
		fprintf(stderr, "usage: armed-window STOPFILE\n");
		return 2;
	}
	fd = open("/sys/kernel/kexec_crash_loaded", O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "armed-window: /sys/kernel/kexec_crash_loaded: %s\n", strerror(errno));
		return 2;
	}
	for (;;) {
		if (pread(fd, &v, 1, 0) != 1) {
			fprintf(stderr, "armed-window: read: %s\n", strerror(errno));
			return 2;
		}
		t = now_usec();
		samples++;
		if (v == '0') {
			zeros++;
			if (!since)
				since = t;
		} else if (since) {
			total += t - since;
			if (t - since > longest)
				longest = t - since;
			since = 0;
		}
		/* A stop while unloaded ends the stretch there. */
		if (access(argv[1], F_OK) == 0)
			break;
		nanosleep(&tick, NULL);
	}
	if (since) {
		total += t - since;
		if (t - since > longest)
			longest = t - since;
	}
	printf("samples %llu zero %llu longest_usec %llu zero_usec %llu final %c\n",
	       (unsigned long long)samples, (unsigned long long)zeros,
	       (unsigned long long)longest, (unsigned long long)total, v);
	return 0;
}
