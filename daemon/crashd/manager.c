// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <sys/stat.h>
#include <systemd/sd-daemon.h>
#include <time.h>

#include "bzimage.h"
#include "capture-build.h"
#include "cmdline.h"
#include "crash-netlink.h"
#include "estimate.h"
#include "kexec.h"
#include "loader.h"
#include "log.h"
#include "manager.h"
#include "remote-target.h"
#include "panic-kernel.h"
#include "util.h"

const char *arm_state_name(enum arm_state s)
{
	static const char *const names[] = {
		[ARM_STATE_DISARMED] = "disarmed",
		[ARM_STATE_ARMED] = "armed",
		[ARM_STATE_DEGRADED] = "degraded",
		[ARM_STATE_FAILED] = "failed",
		[ARM_STATE_NO_REGION] = "no-region",
	};

	return s < ELEMENTSOF(names) ? names[s] : "unknown";
}

int manager_new(struct manager **ret, const char *config_path, const char *runtime_dir)
{
	struct manager *m = calloc(1, sizeof(*m));
	int r;

	if (!m)
		return -ENOMEM;
	m->config_path = config_path;
	m->runtime_dir = runtime_dir;
	m->paths = region_paths_default;
	m->kernel = IMAGE_NULL;
	m->initrd = IMAGE_NULL;
	m->control_fd = -EBADF;
	config_defaults(&m->config);
	r = sd_event_default(&m->event);
	if (r < 0) {
		manager_free(m);
		return r;
	}
	*ret = m;
	return 0;
}

struct manager *manager_free(struct manager *m)
{
	if (!m)
		return NULL;
	watch_free(m->watch);
	sd_event_source_unref(m->control_source);
	if (m->control_fd >= 0)
		close(m->control_fd);
	image_release(&m->kernel);
	image_release(&m->initrd);
	free(m->cmdline);
	config_free(&m->config);
	sd_event_unref(m->event);
	free(m);
	return NULL;
}

static void watch_configured_files(struct manager *m);

int manager_reload_config(struct manager *m)
{
	_cleanup_free_ char *all = NULL;
	struct crashd_config c;
	struct config_errors e;
	int r;

	config_defaults(&c);
	r = capture_config_load(m->config_path, &c, &e);
	if (r < 0) {
		config_free(&c);
		all = config_errors_format(&e, m->config_path, "\n");
		snprintf(m->config_error, sizeof(m->config_error), "%s", all ?: "out of memory");
		/* One message: every error, so that one edit mends them all. */
		return log_event(LOG_ERR, MSGID_CONFIG_ERROR, m->config_path, r,
				 "%s\nKeeping the previous configuration.", m->config_error);
	}
	m->config_error[0] = '\0';
	config_free(&m->config);
	m->config = c;
	watch_configured_files(m);
	return 0;
}

static void watch_configured_files(struct manager *m)
{
	struct panic_kernel k;
	/* Installing or removing crashd's capture kernel changes what Image=auto means. */
	const char *files[] = { NULL, panic_kernel_capture_path(NULL), m->config.initrd };

	if (!m->watch || panic_kernel_choose(&m->config, NULL, &k) < 0)
		return;
	files[0] = k.path;
	(void) watch_files(m->watch, files, ELEMENTSOF(files));
	panic_kernel_free(&k);
}

static void on_changes(const struct watch_burst *burst, void *userdata)
{
	struct manager *m = userdata;

	(void) manager_rearm(m, burst->why, burst->reload ? ARM_RELOAD : ARM_IF_CHANGED, burst->last_change_usec);
}

int manager_watch(struct manager *m)
{
	int r = watch_new(&m->watch, m->event, on_changes, m);

	if (r < 0)
		return r;
	watch_configured_files(m);
	return 0;
}

static void set_problem(struct manager *m, enum arm_state state, const char *file, const struct problem *p)
{
	m->state = state;
	m->problem = *p;
	snprintf(m->problem_file, sizeof(m->problem_file), "%s", file ?: "");
}

/* The new images were refused: keep what is armed, say which file and why. */
static int reject(struct manager *m, const char *file, const struct problem *p, int r)
{
	bool still_armed = m->kernel.fd >= 0 && kexec_crash_loaded() == 1;

	log_event(LOG_ERR, MSGID_IMAGE_REJECTED, file, r, "%s: %s; %s.%s", file, p->what,
		  p->fix[0] ? p->fix : "see crashctl verify",
		  still_armed ? " The armed image stays armed." : " Nothing is armed.");
	if (still_armed) {
		/* Still protected; but the configuration asks for something that failed. */
		m->state = ARM_STATE_DEGRADED;
		m->problem = *p;
		snprintf(m->problem_file, sizeof(m->problem_file), "%s", file);
	} else {
		set_problem(m, ARM_STATE_FAILED, file, p);
	}
	manager_publish(m);
	return r;
}

/*
 * The collector names the dump after this boot's id, which only the
 * crashed kernel knew: it travels on the capture kernel's command line.
 */
static int append_boot_id(char **cmdline)
{
	_cleanup_free_ char *id = NULL;
	char *joined;

	if (read_one_line_file("/proc/sys/kernel/random/boot_id", &id) < 0)
		return 0;
	if (asprintf(&joined, "%s crashd.boot_id=%s", *cmdline, id) < 0)
		return -ENOMEM;
	free(*cmdline);
	*cmdline = joined;
	return 0;
}

/*
 * crashd's own capture initramfs (the default Initrd=) is rebuilt when
 * what goes into it changed, such as after a kernel update; not at every
 * boot. A custom Initrd= is the administrator's and is left alone.
 */
static int ensure_capture_initramfs(struct manager *m, const struct image *kernel, struct problem *p)
{
	struct capture_report rep;
	struct bzimage_info bz;
	struct capture_build b;
	char release[128];
	bool built;
	int r;

	if (!m->config.initrd || !streq(m->config.initrd, CRASHD_DEFAULT_INITRD))
		return 0;
	/* A bad kernel is reported by verification, with its own message. */
	if (bzimage_inspect(kernel->data, kernel->size, &bz, p) < 0)
		return 0;
	kernel_release_of(bz.version, release, sizeof(release));
	b = (struct capture_build) { .config = &m->config, .kernel_release = release, .output = m->config.initrd,
				     .pstore = m->have_pstore };
	r = capture_build_if_stale(&b, m->config_path, &built, &rep, p);
	if (r >= 0 && built)
		log_info("Built the capture initramfs %s for %s: %llu KiB, %zu modules%s.", m->config.initrd, release,
			 (unsigned long long) rep.size >> 10, rep.modules.n,
			 rep.no_module_dir ? " (no /lib/modules for it: its drivers must be built in)" : "");
	capture_report_free(&rep);
	return r;
}

/* One attempt to arm: what it loaded and decided, released however it ends. */
struct arm_attempt {
	uint64_t start;
	char *kernel_path;
	struct image kernel, initrd;
	struct verify_report rep;
	char *cmdline;
	struct problem p;
};

static void arm_attempt_done(struct arm_attempt *a)
{
	free(a->kernel_path);
	image_release(&a->kernel);
	image_release(&a->initrd);
	free(a->cmdline);
}

/* Returns 1 with a region to arm in, or 0/negative with the state set. */
static int arm_region(struct manager *m, struct arm_attempt *a)
{
	int r;

	r = region_discover(&m->paths, &m->region, &a->p);
	if (r < 0)
		return reject(m, m->region.source && streq(m->region.source, "sysfs") ?
			      m->paths.sysfs_dir : m->paths.iomem, &a->p, r);
	if (!m->region.size) {
		set_problem(m, ARM_STATE_NO_REGION, NULL, &a->p);
		manager_publish(m);
		return log_event(LOG_ERR, MSGID_NO_REGION, NULL, -ENOSPC, "%s; %s.", a->p.what, a->p.fix);
	}
	return 1;
}

void manager_find_pstore(struct manager *m)
{
	const char *dir = getenv("CRASHD_RAMOOPS_PARAMS") ?: PSTORE_PARAMS_DIR;

	m->have_pstore = pstore_slice_get(dir, &m->pstore) == 0;
	if (m->have_pstore)
		log_info("The capture kernel keeps its log in ramoops at 0x%" PRIx64 " (%" PRIu64 " KiB) across the reboot.",
			 m->pstore.address, m->pstore.size >> 10);
	else
		log_event(LOG_NOTICE, NULL, NULL, 0,
			  "ramoops has no region in this boot: a capture that fails is reported without its log. "
			  "Add reserve_mem=1M:4096:crashd to the kernel command line (see crashd(8)).");
}

/* Once per reason: every re-arm would otherwise repeat it. */
static void note_fallback(struct manager *m, const struct panic_kernel *k)
{
	if (!k->fell_back) {
		m->fallback[0] = '\0';
		return;
	}
	if (streq(m->fallback, k->why.what))
		return;
	snprintf(m->fallback, sizeof(m->fallback), "%s", k->why.what);
	log_event(LOG_WARNING, MSGID_CAPTURE_KERNEL_UNUSABLE, panic_kernel_capture_path(NULL), -ENOENT,
		  "Not using crashd's capture kernel: %s; %s. The panic kernel is %s.", k->why.what, k->why.fix,
		  k->path);
}

/* The configured kernel and initramfs into sealed memfds, building crashd's own initramfs if stale. */
static int arm_load(struct manager *m, struct arm_attempt *a)
{
	struct panic_kernel k;
	int r;

	if (panic_kernel_choose(&m->config, NULL, &k) < 0)
		return log_error_errno(-ENOMEM, "Out of memory.");
	a->kernel_path = k.path;
	note_fallback(m, &k);
	r = image_load_if_changed(a->kernel_path, &m->kernel, &a->kernel, &a->p);
	if (r < 0)
		return reject(m, a->kernel_path, &a->p, r);
	r = ensure_capture_initramfs(m, &a->kernel, &a->p);
	if (r < 0)
		return reject(m, m->config.initrd, &a->p, r);
	if (m->config.initrd) {
		r = image_load_if_changed(m->config.initrd, &m->initrd, &a->initrd, &a->p);
		if (r < 0)
			return reject(m, m->config.initrd, &a->p, r);
	}
	return 0;
}

static int arm_verify(struct manager *m, struct arm_attempt *a)
{
	int r = verify_images(&a->kernel, &a->initrd, m->region.base, m->region.size, &a->rep);

	if (r < 0)
		return reject(m, a->rep.bad_file ?: a->kernel_path, &a->rep.problem, r);
	return 0;
}

/* The running kernel's command line, as the capture kernel needs it. */
static int arm_cmdline(struct manager *m, struct arm_attempt *a)
{
	_cleanup_free_ char *running = NULL, *append = NULL;
	int r;

	r = read_one_line_file("/proc/cmdline", &running);
	if (r >= 0)
		r = append_boot_id(&running);
	if (r >= 0 && m->have_pstore) {
		_cleanup_free_ char *params = NULL;

		if (pstore_capture_params(&m->pstore, &params) < 0 ||
		    asprintf(&append, "%s%s%s", params, m->config.cmdline_append ? " " : "",
			     m->config.cmdline_append ?: "") < 0)
			r = -ENOMEM;
	}
	if (r >= 0 && capture_cmdline(running, append ?: m->config.cmdline_append, &a->cmdline) < 0)
		r = -ENOMEM;
	if (r < 0)
		return log_error_errno(r, "Cannot build the capture command line from /proc/cmdline.");
	return 0;
}

/* Nothing changed and it is still loaded: nothing to do. */
static bool arm_unchanged(struct manager *m, const struct arm_attempt *a, enum arm_mode mode)
{
	return mode == ARM_IF_CHANGED && m->kernel.fd >= 0 && streq(m->kernel.sha256, a->kernel.sha256) &&
	       streq(m->loaded_with, m->config.loader) &&
	       (a->initrd.fd < 0) == (m->initrd.fd < 0) &&
	       (a->initrd.fd < 0 || streq(m->initrd.sha256, a->initrd.sha256)) &&
	       m->cmdline && streq(m->cmdline, a->cmdline) && kexec_crash_loaded() == 1 &&
	       m->state == ARM_STATE_ARMED;
}

/*
 * At start, the image a previous crashd loaded may be armed already: if
 * the kernel reports exactly these files and command line, keep it instead
 * of opening an unprotected window to load the same again.
 */
static bool arm_adopt(struct manager *m, const struct arm_attempt *a)
{
	struct crash_nl_state st;
	struct crash_nl *nl;
	struct problem p;
	bool same;

	/* The kernel describes only what kexec_file_load() loaded. */
	if (m->kernel.fd >= 0 || !streq(m->config.loader, "file") || kexec_crash_loaded() != 1 ||
	    crash_nl_open(&nl, &p) < 0)
		return false;
	same = crash_nl_get(nl, &st, &p) >= 0 &&
	       crash_nl_image_matches(&st, a->kernel.sha256, a->initrd.fd >= 0 ? a->initrd.sha256 : NULL, a->cmdline);
	crash_nl_close(nl);
	return same;
}

/* Whether this kernel loads a crash image beside the armed one; asked once. */
static bool arm_can_swap(struct manager *m)
{
	struct crash_nl_state st;
	struct crash_nl *nl;
	struct problem p;

	if (m->crash_swap == CRASH_SWAP_UNKNOWN) {
		m->crash_swap = CRASH_SWAP_NO;
		if (crash_nl_open(&nl, &p) >= 0) {
			if (crash_nl_get(nl, &st, &p) >= 0 && (st.features & CRASH_RESERVE_FEATURE_CRASH_SWAP))
				m->crash_swap = CRASH_SWAP_YES;
			crash_nl_close(nl);
		}
	}
	return m->crash_swap == CRASH_SWAP_YES;
}

/*
 * The two images do not fit side by side: say so once per region size,
 * with the size that would, and load the old way.
 */
static void arm_swap_no_room(struct manager *m, const struct arm_attempt *a)
{
	uint64_t need = estimate_swap(a->rep.bz.init_size, a->rep.bz.kernel_alignment, a->initrd.size);
	struct estimate e;

	if (m->swap_no_room_region == m->region.size)
		return;
	/* The capture may need more than the two images do. */
	if (estimate_in_use(&m->config, &e) == 0 && e.swap_total > need)
		need = e.swap_total;
	m->swap_no_room_region = m->region.size;
	log_event(LOG_WARNING, MSGID_SWAP_NO_ROOM, a->kernel_path, -ENOSPC,
		  "The %" PRIu64 " MiB crash region cannot hold %s beside the armed panic kernel, so it is "
		  "loaded the old way: no panic kernel while it loads. crashkernel=%" PRIu64 "M would hold both "
		  "('crashctl crashkernel %" PRIu64 "M --apply').",
		  m->region.size >> 20, a->kernel_path, need >> 20, need >> 20);
}

/*
 * The kernel refused the new image. Loaded the old way, the previous one
 * was freed and goes back; loaded beside, it never left.
 */
static int arm_refused(struct manager *m, struct arm_attempt *a, bool beside, int r)
{
	struct problem ignored;

	log_event(LOG_ERR, MSGID_ARM_FAILED, a->kernel_path, r, "Loading %s failed: %s.", a->kernel_path, a->p.what);
	if (m->kernel.fd >= 0 && (beside ? kexec_crash_loaded() == 1 :
			loader_load(m->config.loader, &m->region, m->kernel.fd, m->kernel.path, m->initrd.fd,
				    m->cmdline, false, &ignored) == 0)) {
		set_problem(m, ARM_STATE_DEGRADED, a->kernel_path, &a->p);
		log_event(LOG_WARNING, MSGID_DEGRADED, m->kernel.path, r, "%s the previous panic kernel %s (sha256 %s).",
			  beside ? "Kept" : "Re-armed", m->kernel.path, m->kernel.sha256);
	} else {
		set_problem(m, ARM_STATE_FAILED, a->kernel_path, &a->p);
	}
	manager_publish(m);
	return r;
}

/*
 * The configured loader, beside the armed image when the kernel can
 * (kexec_file_load() only); otherwise the kernel frees the armed image first.
 */
static int arm_kexec(struct manager *m, struct arm_attempt *a)
{
	bool beside = m->kernel.fd >= 0 && !streq(m->config.loader, "elf") && arm_can_swap(m);
	uint64_t unprotected_from = now_usec(CLOCK_MONOTONIC);
	int r, loaded;

	r = loader_load(m->config.loader, &m->region, a->kernel.fd, a->kernel_path, a->initrd.fd, a->cmdline, beside,
			&a->p);
	if (r == -ENOSPC && beside) {
		arm_swap_no_room(m, a);
		beside = false;
		unprotected_from = now_usec(CLOCK_MONOTONIC);
		r = loader_load(m->config.loader, &m->region, a->kernel.fd, a->kernel_path, a->initrd.fd, a->cmdline,
				false, &a->p);
	}
	if (r < 0)
		return arm_refused(m, a, beside, r);
	loaded = kexec_crash_loaded();
	if (loaded != 1) {
		problem(&a->p, -EIO, NULL, "the load succeeded but %s says %d", KEXEC_CRASH_LOADED_PATH, loaded);
		set_problem(m, ARM_STATE_FAILED, a->kernel_path, &a->p);
		manager_publish(m);
		return log_event(LOG_ERR, MSGID_ARM_FAILED, a->kernel_path, -EIO, "%s.", a->p.what);
	}
	/*
	 * The old way, the kernel unloads the old image as the call begins:
	 * unprotected until it returned. Beside, never.
	 */
	m->unprotected_usec = m->kernel.fd >= 0 && !beside ? now_usec(CLOCK_MONOTONIC) - unprotected_from : 0;
	m->loaded_beside = beside;
	snprintf(m->loaded_with, sizeof(m->loaded_with), "%s", m->config.loader);
	m->adopted = false;
	return 0;
}

/* What was loaded becomes what is armed. */
static void arm_commit(struct manager *m, struct arm_attempt *a)
{
	image_replace(&m->kernel, &a->kernel);
	image_replace(&m->initrd, &a->initrd);
	/* The kernel has its copy: the mapping is crashd's resident memory for nothing. */
	image_unmap(&m->kernel);
	image_unmap(&m->initrd);
	free(m->cmdline);
	m->cmdline = a->cmdline;
	a->cmdline = NULL;
	snprintf(m->kernel_version, sizeof(m->kernel_version), "%s", a->rep.bz.version);
	m->state = ARM_STATE_ARMED;
	m->problem = (struct problem) {};
	m->problem_file[0] = '\0';
	m->armed_at_usec = now_usec(CLOCK_REALTIME);
	m->arm_duration_usec = now_usec(CLOCK_MONOTONIC) - a->start;
	log_event(LOG_INFO, MSGID_ARMED, m->kernel.path,
		  0, "%s %s (sha256 %s) with %s (sha256 %s) in %" PRIu64 " ms; %" PRIu64 " MiB region from %s.",
		  m->adopted ? "Adopted the armed" : "Armed", m->kernel.path, m->kernel.sha256, m->initrd.path ?: "no initramfs",
		  m->initrd.fd >= 0 ? m->initrd.sha256 : "-", m->arm_duration_usec / 1000,
		  m->region.size >> 20, m->region.source);
	manager_publish(m);
}

int manager_arm(struct manager *m, enum arm_mode mode)
{
	_cleanup_(arm_attempt_done) struct arm_attempt a = {
		.start = now_usec(CLOCK_MONOTONIC), .kernel = IMAGE_NULL, .initrd = IMAGE_NULL,
	};
	int r;

	r = arm_region(m, &a);
	if (r <= 0)
		return r;
	if ((r = arm_load(m, &a)) < 0 || (r = arm_verify(m, &a)) < 0 || (r = arm_cmdline(m, &a)) < 0)
		return r;
	if (arm_unchanged(m, &a, mode))
		return 0;
	if (mode == ARM_IF_CHANGED && arm_adopt(m, &a)) {
		m->adopted = true;
		snprintf(m->loaded_with, sizeof(m->loaded_with), "file");
		arm_commit(m, &a);
		return 0;
	}
	r = arm_kexec(m, &a);
	if (r < 0)
		return r;
	arm_commit(m, &a);
	return 0;
}

/* The figures as journal fields too, so that re-arms can be measured over time. */
static void log_rearmed(struct manager *m)
{
	_cleanup_free_ char *reason = NULL, *latency = NULL, *unprotected = NULL;

	if (asprintf(&reason, "CRASHD_REARM_REASON=%s", m->rearm_reason) < 0 ||
	    asprintf(&latency, "CRASHD_REARM_LATENCY_USEC=%" PRIu64, m->rearm_latency_usec) < 0 ||
	    asprintf(&unprotected, "CRASHD_UNPROTECTED_USEC=%" PRIu64, m->unprotected_usec) < 0)
		return;
	log_event_fields(LOG_INFO, MSGID_REARMED,
			 (const char *const[]) { reason, latency, unprotected,
						 m->loaded_beside ? "CRASHD_LOADED_BESIDE=1" : "CRASHD_LOADED_BESIDE=0",
						 NULL },
			 "Re-armed %" PRIu64 " ms after the change; unprotected for %" PRIu64 " ms%s.",
			 m->rearm_latency_usec / 1000, m->unprotected_usec / 1000,
			 m->loaded_beside ? " (loaded beside the armed image, then swapped)" : "");
}

int manager_rearm(struct manager *m, const char *why, enum arm_mode mode, uint64_t changed_usec)
{
	unsigned before = m->rearm_count;
	uint64_t armed_at = m->armed_at_usec;
	int r;

	if (m->state == ARM_STATE_DISARMED) {
		log_info("Not re-arming after '%s': disarmed on request ('crashctl arm' arms again).", why);
		return 0;
	}
	log_info("Re-arming: %s.", why);
	r = manager_arm(m, mode);
	/* Count only real loads; an unchanged image is left as it is. */
	if (r >= 0 && m->armed_at_usec != armed_at) {
		m->rearm_count = before + 1;
		snprintf(m->rearm_reason, sizeof(m->rearm_reason), "%s", why);
		m->rearm_latency_usec = now_usec(CLOCK_MONOTONIC) - changed_usec;
		log_rearmed(m);
		manager_publish(m);
	}
	return r;
}

int manager_disarm(struct manager *m)
{
	int r = kexec_unload_crash();

	if (r < 0)
		return log_error_errno(r, "Unloading the panic kernel failed: %s.", kexec_strerror(r));
	image_release(&m->kernel);
	image_release(&m->initrd);
	m->state = ARM_STATE_DISARMED;
	m->problem = (struct problem) {};
	problem(&m->problem, 0, "crashctl arm", "disarmed on request");
	log_event(LOG_NOTICE, MSGID_DISARMED, NULL, 0, "Panic kernel disarmed on request.");
	manager_publish(m);
	return 0;
}

static json_object *image_json(const struct image *img)
{
	json_object *o;

	if (img->fd < 0)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "path", json_object_new_string(img->path));
	json_object_object_add(o, "sha256", json_object_new_string(img->sha256));
	json_object_object_add(o, "size", json_object_new_int64(img->size));
	return o;
}

/* Where a capture now would save, as configured: a fleet reads it from every host. */
static json_object *dumps_json(const struct crashd_config *c)
{
	json_object *o = json_object_new_object();
	bool remote = remote_target_is_url(c->dump_target);

	json_object_object_add(o, "directory", json_object_new_string(c->dump_dir));
	json_object_object_add(o, "target", c->dump_target ? json_object_new_string(c->dump_target) : NULL);
	json_object_object_add(o, "remote", json_object_new_boolean(remote));
	if (remote)
		json_object_object_add(o, "fallback", json_object_new_string(c->fallback ?: "directory"));
	return o;
}

json_object *manager_status_json(struct manager *m)
{
	json_object *o = json_object_new_object(), *reg = json_object_new_object();
	int loaded = kexec_crash_loaded();

	json_object_object_add(o, "state", json_object_new_string(arm_state_name(m->state)));
	json_object_object_add(o, "loaded", json_object_new_boolean(loaded == 1));
	json_object_object_add(o, "kernel", image_json(&m->kernel));
	json_object_object_add(o, "initrd", image_json(&m->initrd));
	if (m->kernel.fd >= 0) {
		json_object_object_add(o, "kernel_version", json_object_new_string(m->kernel_version));
		json_object_object_add(o, "cmdline", json_object_new_string(m->cmdline ?: ""));
		json_object_object_add(o, "armed_at_usec", json_object_new_int64(m->armed_at_usec));
		json_object_object_add(o, "arm_duration_usec", json_object_new_int64(m->arm_duration_usec));
		json_object_object_add(o, "adopted", json_object_new_boolean(m->adopted));
		json_object_object_add(o, "loader", json_object_new_string(m->loaded_with));
	}
	json_object_object_add(reg, "source", json_object_new_string(m->region.source ?: "none"));
	json_object_object_add(reg, "size", json_object_new_uint64(m->region.size));
	json_object_object_add(reg, "low_size", json_object_new_uint64(m->region.low_size));
	if (m->region.addresses_known)
		json_object_object_add(reg, "base", json_object_new_uint64(m->region.base));
	if (m->region.reason[0])
		json_object_object_add(reg, "reason", json_object_new_string(m->region.reason));
	json_object_object_add(o, "region", reg);
	json_object_object_add(o, "dumps", dumps_json(&m->config));
	if (m->problem.what[0]) {
		json_object *pr = json_object_new_object();

		if (m->problem_file[0])
			json_object_object_add(pr, "file", json_object_new_string(m->problem_file));
		json_object_object_add(pr, "what", json_object_new_string(m->problem.what));
		json_object_object_add(pr, "fix", json_object_new_string(m->problem.fix));
		json_object_object_add(o, "problem", pr);
	}
	if (m->config_error[0])
		json_object_object_add(o, "config_error", json_object_new_string(m->config_error));
	if (m->rearm_count) {
		json_object *ra = json_object_new_object();

		json_object_object_add(ra, "count", json_object_new_int(m->rearm_count));
		json_object_object_add(ra, "reason", json_object_new_string(m->rearm_reason));
		json_object_object_add(ra, "latency_usec", json_object_new_int64(m->rearm_latency_usec));
		json_object_object_add(ra, "unprotected_usec", json_object_new_int64(m->unprotected_usec));
		json_object_object_add(ra, "loaded_beside", json_object_new_boolean(m->loaded_beside));
		json_object_object_add(o, "last_rearm", ra);
	}
	json_object_object_add(o, "pid", json_object_new_int(getpid()));
	return o;
}

static void write_state_file(struct manager *m, const char *text)
{
	_cleanup_free_ char *path = NULL;
	int r;

	if (asprintf(&path, "%s/state.json", m->runtime_dir) < 0)
		return;
	r = write_file_atomic(path, text, 0644);
	if (r < 0)
		log_error_errno(r, "Cannot write %s: %s.", path, strerror(-r));
}

void manager_publish(struct manager *m)
{
	json_object *o = manager_status_json(m), *reg;
	const char *text;

	/*
	 * Everyone may read the state file; the region's physical address is
	 * root's, as in /proc/iomem and /sys/kernel/crash_reserve/base.
	 */
	if (json_object_object_get_ex(o, "region", &reg))
		json_object_object_del(reg, "base");
	text = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);

	write_state_file(m, text);
	json_object_put(o);
	/* What 'systemctl status crashd' shows: armed or NOT ARMED, first. */
	if (m->state == ARM_STATE_ARMED)
		sd_notifyf(0, "STATUS=Armed: %s (sha256 %.12s), %" PRIu64 " MiB region", m->kernel.path,
			   m->kernel.sha256, m->region.size >> 20);
	else if (m->state == ARM_STATE_DEGRADED)
		sd_notifyf(0, "STATUS=Armed with the previous image; the new one was refused: %s%s%s",
			   m->problem_file, m->problem_file[0] ? ": " : "", m->problem.what);
	else
		sd_notifyf(0, "STATUS=NOT ARMED (%s): %s%s%s; %s", arm_state_name(m->state), m->problem_file,
			   m->problem_file[0] ? ": " : "", m->problem.what, m->problem.fix);
}
