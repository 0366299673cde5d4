// SPDX-License-Identifier: GPL-2.0-only
/*
 * panic-in-kexec [DELAY_MS]: waits until a kexec system call holds the
 * kernel's kexec lock, DELAY_MS more, and panics the machine (sysrq-c).
 * panic-in-kexec --after DELAY_MS: panics DELAY_MS from now, whatever runs.
 *
 * The probe: writing /sys/kernel/kexec_crash_size's own value shrinks
 * nothing, but crash_shrink_memory() takes the kexec lock first and fails
 * with EBUSY while kexec_file_load() or kexec_load() holds it (ENOENT when
 * an image is loaded and the lock is free). /proc/PID/syscall cannot tell:
 * a task copying segments is running, not blocked. What held at the panic
 * goes to the kernel's log, which the dump keeps.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static bool kexec_busy(const char *size)
{
	int fd = open("/sys/kernel/kexec_crash_size", O_WRONLY);
	bool busy;

	if (fd < 0)
		return false;
	busy = write(fd, size, strlen(size)) < 0 && errno == EBUSY;
	close(fd);
	return busy;
}

static int crash_loaded(void)
{
	char c = '?';
	int fd = open("/sys/kernel/kexec_crash_loaded", O_RDONLY);

	if (fd >= 0) {
		if (read(fd, &c, 1) != 1)
			c = '?';
		close(fd);
	}
	return c;
}

static void write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror(path);
		close(fd);
	}
}

int main(int argc, char **argv)
{
	bool wait_lock = !(argc > 2 && !strcmp(argv[1], "--after"));
	long delay_ms = argc > 1 ? strtol(argv[argc - 1], NULL, 10) : 0;
	struct timespec ts = { .tv_sec = delay_ms / 1000, .tv_nsec = delay_ms % 1000 * 1000000 };
	char size[32] = "", line[200];
	bool held;
	int fd = open("/sys/kernel/kexec_crash_size", O_RDONLY);
	ssize_t n;

	if (fd < 0 || (n = read(fd, size, sizeof(size) - 1)) <= 0) {
		perror("panic-in-kexec: /sys/kernel/kexec_crash_size");
		return 1;
	}
	close(fd);
	size[n] = '\0';
	/*
	 * A call seen at its very end may be over by the second probe (seen
	 * in TCG): then wait for the next call, which the re-arm loop makes;
	 * after 1000 such misses, panic anyway and say the lock was free.
	 */
	for (int misses = 0;; misses++) {
		while (wait_lock && !kexec_busy(size))
			;
		nanosleep(&ts, NULL);
		held = kexec_busy(size);
		if (!wait_lock || held || misses == 1000)
			break;
	}
	snprintf(line, sizeof(line), "<5>crashd-test: panic %ld ms %s: lock %s, kexec_crash_loaded %c\n", delay_ms,
		 wait_lock ? "into a kexec system call" : "from the start", held ? "held" : "free", crash_loaded());
	write_file("/dev/kmsg", line);
	fputs(line + 3, stdout);
	fflush(stdout);
	write_file("/proc/sysrq-trigger", "c");
	return 1;
}
