// SPDX-License-Identifier: GPL-2.0-only
/*
 * crashd: keeps a verified panic kernel armed in the crash kernel region.
 * See crashd(8).
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-event.h>

#include "config.h"
#include "boot-record.h"
#include "remote-target.h"
#include "capture-report.h"
#include "pstore.h"
#include "control-protocol.h"
#include "control-server.h"
#include "dump-dir.h"
#include "dumps.h"
#include "log.h"
#include "manager.h"
#include "util.h"
#include "version.h"

static int on_digest_done(sd_event_source *s, const siginfo_t *si, void *userdata)
{
	if (si->si_code != CLD_EXITED || si->si_status != 0)
		log_error_errno(-EIO, "Recording the dumps' SHA-256 failed (child %d, status %d).", si->si_pid,
				si->si_status);
	return 0;
}

/*
 * Reading back a vmcore of many GiB takes minutes: a child does it, so that
 * the event loop stays free for crashctl and re-arms. It dies with crashd.
 */
static int digest_dumps_in_child(struct manager *m)
{
	sigset_t all;
	pid_t pid;
	int r;

	pid = fork();
	if (pid < 0)
		return log_error_errno(-errno, "Cannot fork to record the dumps' SHA-256: %m.");
	if (pid == 0) {
		/* systemd's SIGTERM at stop must end it: crashd blocked the signals for sd-event. */
		sigfillset(&all);
		sigprocmask(SIG_UNBLOCK, &all, NULL);
		(void) prctl(PR_SET_PDEATHSIG, SIGTERM);
		_exit(dumps_digest_new(m->config.dump_dir) < 0 ? 1 : 0);
	}
	r = sd_event_add_child(m->event, NULL, pid, WEXITED, on_digest_done, m);
	if (r < 0)
		return log_error_errno(r, "Cannot watch the digest child: %s.", strerror(-r));
	return 0;
}

/* A dump directory crashd cannot write is said once, at start, with the fix. */
static void check_dump_dir(struct manager *m)
{
	struct problem p = {};

	if (dump_dir_check_writable(m->config.dump_dir, &p) == -EROFS)
		log_event(LOG_WARNING, MSGID_DUMP_DIR_READONLY, m->config.dump_dir, -EROFS, "%s; %s.", p.what, p.fix);
}

static int on_reload(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata)
{
	struct manager *m = userdata;

	sd_notify(0, "RELOADING=1");
	if (manager_reload_config(m) >= 0)
		(void) manager_arm(m, ARM_IF_CHANGED);
	sd_notify(0, "READY=1");
	return 0;
}

static void help(void)
{
	printf("Usage: crashd [--config FILE] [--runtime-dir DIR] [--state-dir DIR] [--version]\n"
	       "Keeps a verified panic kernel armed. See crashd(8).\n");
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "config",      required_argument, NULL, 'c' },
		{ "runtime-dir", required_argument, NULL, 'r' },
		{ "state-dir",   required_argument, NULL, 's' },
		{ "help",        no_argument,       NULL, 'h' },
		{ "version",     no_argument,       NULL, 'V' },
		{}
	};
	const char *config_path = CRASHD_CONFIG_PATH, *runtime_dir = CRASHD_RUNTIME_DIR;
	const char *state_dir = CRASHD_STATE_DIR;
	struct manager *m = NULL;
	char explained[40];
	bool log_lost;
	sigset_t mask;
	int c, r, exit_status = 1;

	while ((c = getopt_long(argc, argv, "c:r:s:hV", options, NULL)) >= 0)
		switch (c) {
		case 'c':
			config_path = optarg;
			break;
		case 'r':
			runtime_dir = optarg;
			break;
		case 's':
			state_dir = optarg;
			break;
		case 'h':
			help();
			return 0;
		case 'V':
			printf("crashd %s\n", CRASHD_VERSION);
			return 0;
		default:
			return 2;
		}

	r = manager_new(&m, config_path, runtime_dir);
	if (r < 0) {
		log_error_errno(r, "Cannot start: %s.", strerror(-r));
		return 1;
	}

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	/* sd_event_add_child() needs it blocked. */
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	if ((r = sd_event_add_signal(m->event, NULL, SIGTERM, NULL, NULL)) < 0 ||
	    (r = sd_event_add_signal(m->event, NULL, SIGINT, NULL, NULL)) < 0 ||
	    (r = sd_event_add_signal(m->event, NULL, SIGHUP, on_reload, m)) < 0) {
		log_error_errno(r, "Cannot watch signals: %s.", strerror(-r));
		goto out;
	}

	/* A bad configuration file is reported; crashd still arms with the defaults. */
	(void) manager_reload_config(m);
	manager_find_pstore(m);
	r = control_listen(m);
	if (r < 0)
		goto out;
	/*
	 * Arm first: nothing in the dump directory, however large or hostile,
	 * may delay protection. Dumps the capture kernel saved before this
	 * boot are then reported, each once, before crashctl is answered.
	 */
	(void) manager_arm(m, ARM_IF_CHANGED);
	(void) dumps_report_new(m->config.dump_dir, m->config.keep, m->config.max_use);
	(void) capture_report_failed(getenv("CRASHD_PSTORE_DIR") ?: PSTORE_DIR, state_dir, &m->config, m->config_path,
				     m->region.size, explained, sizeof(explained));
	(void) pstore_region_remember(state_dir, &m->pstore, m->have_pstore, &log_lost);
	(void) boot_record_start(state_dir, m->config.dump_dir,
				 remote_target_is_url(m->config.dump_target) ? m->config.dump_target : NULL, m->config_path,
				 explained, log_lost);
	/*
	 * No region: nothing can arm a panic kernel before the next boot, so
	 * the unit fails rather than show "active" over nothing. The journal
	 * already says which crashkernel= to add. See crashd(8).
	 */
	if (m->state == ARM_STATE_NO_REGION) {
		r = -ENOSPC;
		exit_status = CRASHD_EXIT_NO_REGION;
		goto out;
	}
	check_dump_dir(m);
	(void) manager_watch(m);
	/*
	 * Anything else can be fixed without a restart (a reload, a kernel
	 * update): crashd stays to arm then, and STATUS= says NOT ARMED.
	 */
	sd_notify(0, "READY=1");
	(void) digest_dumps_in_child(m);

	r = sd_event_loop(m->event);
	if (r < 0)
		log_error_errno(r, "Event loop failed: %s.", strerror(-r));
	else
		boot_record_stop(state_dir);
out:
	sd_notify(0, "STOPPING=1");
	manager_free(m);
	return r < 0 ? exit_status : 0;
}
