// SPDX-License-Identifier: GPL-2.0-only
/*
 * The capture initramfs is small on purpose: a distribution's general
 * initramfs is why crashkernel= must be large. It holds the collector as
 * /init, makedumpfile, the shared libraries both need, the modules the dump
 * target needs (none when the panic kernel has them built in), and a
 * capture.conf with the target resolved now, while udev and mounts exist.
 * It is written to a temporary file and renamed into place.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "assemble.h"
#include "capture-build.h"
#include "capture-conf.h"
#include "cpio-writer.h"
#include "kmod-deps.h"
#include "remote-target.h"
#include "ssh-command.h"
#include "ssh-keys.h"
#include "util.h"
#include "version.h"

void kernel_release_of(const char *version, char *out, size_t len)
{
	snprintf(out, len, "%.*s", (int) strcspn(version, " "), version);
}

/* usr/lib/x86_64-linux-gnu and so on, parents first. */
static int add_parents(struct cpio_writer *w, struct strv *dirs, const char *path)
{
	char buf[4096];
	int r;

	snprintf(buf, sizeof(buf), "%s", path[0] == '/' ? path + 1 : path);
	for (char *s = buf; (s = strchr(s, '/')); s++) {
		*s = '\0';
		r = strv_push_unique(dirs, buf);
		if (r > 0)
			r = cpio_dir(w, buf, 0755);
		if (r < 0)
			return r;
		*s = '/';
	}
	return 0;
}

static int add_file(struct cpio_writer *w, struct strv *dirs, const char *dest, const char *src, mode_t mode)
{
	int r = add_parents(w, dirs, dest);

	return r < 0 ? r : cpio_file(w, dest[0] == '/' ? dest + 1 : dest, src, mode);
}

int capture_check_compression(const char *makedumpfile, const char *compression, struct problem *p)
{
	static const struct {
		const char *name, *library;
	} libs[] = { { "lzo", "liblzo2.so" }, { "zlib", "libz.so" }, { "zstd", "libzstd.so" }, { "snappy", "libsnappy.so" } };
	struct strv needed = {};
	char can[64] = "none";
	bool ok = streq(compression, "none");
	int r;

	r = elf_needed(makedumpfile, &needed, p);
	if (r < 0)
		return r;
	/* Linked statically: what it can do cannot be read from it. */
	if (!needed.n)
		return 0;
	for (size_t i = 0; i < ELEMENTSOF(libs); i++)
		for (size_t j = 0; j < needed.n; j++)
			if (startswith(needed.v[j], libs[i].library)) {
				ok = ok || streq(compression, libs[i].name);
				snprintf(can + strlen(can), sizeof(can) - strlen(can), ", %s", libs[i].name);
				break;
			}
	strv_free(&needed);
	if (!ok)
		return problem(p, -EOPNOTSUPP, "write one of those in Compression=",
			       "Compression=%s: %s is built without %s and would write the dump uncompressed; it can do %s",
			       compression, makedumpfile, compression, can);
	return 0;
}

/*
 * A program for the capture system, with what it needs to run there: its
 * libraries, or for a script its interpreter. /bin/sh there is busybox.
 */
static int add_program(struct strv *programs, bool *shell, const char *path, const char *key, struct problem *p)
{
	char head[256] = "";
	FILE *f = fopen(path, "re");
	int r;

	if (!f || access(path, X_OK) < 0)
		return problem(p, -errno, "install it, or remove it from crashd.conf", "%s=%s: %s", key, path,
			       strerror(errno));
	if (!fgets(head, sizeof(head), f))
		head[0] = '\0';
	fclose(f);
	if ((r = strv_push_unique(programs, path)) < 0)
		return problem(p, r, NULL, "out of memory");
	if (!startswith(head, "#!"))
		return elf_deps(path, programs, p);
	head[strcspn(head, " \t\n")] = '\0';
	if (streq(head + 2, "/bin/sh")) {
		if (access("/bin/busybox", X_OK) < 0)
			return problem(p, -ENOENT, "apt-get install busybox-static",
				       "%s=%s is a shell script, and the capture system has a shell only from busybox",
				       key, path);
		*shell = true;
		return 0;
	}
	return add_program(programs, shell, head + 2, key, p);
}

/* [Capture] Programs=, PreHook=, PostHook= and Modules=, beyond what the dump target needs. */
static int add_extras(const struct capture_build *b, struct capture_report *rep, struct problem *p)
{
	const struct crashd_config *c = b->config;
	_cleanup_free_ char *programs = strdup(c->programs ?: ""), *modules = strdup(c->modules ?: "");
	int r = 0;

	if (!programs || !modules)
		return problem(p, -ENOMEM, NULL, "out of memory");
	for (char *s = NULL, *w = strtok_r(programs, " \t", &s); r >= 0 && w; w = strtok_r(NULL, " \t", &s))
		r = add_program(&rep->programs, &rep->shell, w, "Programs", p);
	if (r >= 0 && c->pre_hook)
		r = add_program(&rep->programs, &rep->shell, c->pre_hook, "PreHook", p);
	if (r >= 0 && c->post_hook)
		r = add_program(&rep->programs, &rep->shell, c->post_hook, "PostHook", p);
	if (r < 0)
		return r;
	/*
	 * busybox is 2 MiB, loaded and then unpacked: in a 32M region that is
	 * an eighth of it, so only when something runs a shell.
	 */
	if (streq(c->action, "shell") || streq(c->failure_action, "shell")) {
		if (access("/bin/busybox", X_OK) < 0)
			return problem(p, -ENOENT, "apt-get install busybox-static, or choose another action",
				       "%s=shell needs a shell in the capture system, and it has one only from busybox",
				       streq(c->action, "shell") ? "Action" : "FailureAction");
		rep->shell = true;
	}
	for (char *s = NULL, *w = strtok_r(modules, " \t", &s); r >= 0 && w; w = strtok_r(NULL, " \t", &s))
		if ((r = strv_push_unique(&rep->target.modules, w)) < 0)
			return problem(p, r, NULL, "out of memory");
	return r < 0 ? r : 0;
}

int capture_config_load(const char *path, struct crashd_config *c, struct config_errors *e)
{
	struct problem p = {};
	int r = config_load(path, c, e);

	/* Found now, not as "-z option will be ignored" in the capture kernel. */
	if (capture_check_compression(CRASHD_MAKEDUMPFILE_PATH, c->compression, &p) == -EOPNOTSUPP) {
		if (e->n < CONFIG_ERRORS_MAX)
			e->v[e->n++] = (struct config_error) { .p = p };
		e->total++;
		r = r < 0 ? r : -EINVAL;
	}
	return r;
}

/*
 * mdadm and lvm for Assemble=, from the running system, which assembled
 * the target with them; in the capture system at ASSEMBLE_*_PATH.
 */
static int add_assemble_tools(const struct dump_target *t, struct capture_report *rep, struct problem *p)
{
	char words[sizeof(t->assemble)];

	snprintf(words, sizeof(words), "%s", t->assemble);
	for (char *s = NULL, *w = strtok_r(words, " ", &s); w; w = strtok_r(NULL, " ", &s)) {
		_cleanup_free_ char *usr = NULL, *root = NULL, *fix = NULL;
		const struct assemble_tool *tool;
		struct assemble_step step;
		const char *path;
		int r;

		if (assemble_step_parse(w, &step) < 0)
			return problem(p, -EINVAL, NULL, "the dump target %s needs '%s', which is no assembly step",
				       t->device, w);
		tool = assemble_tool(step.kind);
		if (asprintf(&usr, "/usr/sbin/%s", tool->name) < 0 || asprintf(&root, "/sbin/%s", tool->name) < 0 ||
		    asprintf(&fix, "apt-get install %s", tool->package) < 0)
			return -ENOMEM;
		path = access(usr, X_OK) == 0 ? usr : access(root, X_OK) == 0 ? root : NULL;
		if (!path)
			return problem(p, -ENOENT, fix,
				       "the dump target %s needs %s in the capture system, and neither %s nor %s is there",
				       t->device, tool->name, usr, root);
		if ((r = strv_push_unique(&rep->assemble_tools, path)) < 0 ||
		    (r > 0 && (r = elf_deps(path, &rep->programs, p)) < 0))
			return r == -ENOMEM ? problem(p, r, NULL, "out of memory") : r;
	}
	return 0;
}

/* A network target: the ssh client and its libraries, once crashd's key and the server's are in place. */
static int add_ssh(const struct dump_target *t, struct capture_report *rep, struct problem *p)
{
	struct remote_target rt;
	char why[256];
	int r;

	if (!t->remote[0])
		return 0;
	if (remote_target_parse(t->remote, &rt, why, sizeof(why)) < 0)
		return problem(p, -EINVAL, NULL, "%s", why);
	if (rt.kind != REMOTE_SSH)
		return 0;
	if (access(SSH_PROGRAM, X_OK) < 0)
		return problem(p, -errno, "apt-get install openssh-client",
			       "the dump target %s needs %s in the capture system: %s", t->remote, SSH_PROGRAM,
			       strerror(errno));
	r = ssh_keys_check(SSH_DIR, rt.host, p);
	if (r < 0)
		return r;
	if ((r = strv_push_unique(&rep->programs, SSH_PROGRAM)) < 0 || (r = elf_deps(SSH_PROGRAM, &rep->programs, p)) < 0)
		return r == -ENOMEM ? problem(p, r, NULL, "out of memory") : r;
	return 0;
}

/* ssh wants its user in /etc/passwd, and crashd's key and the pinned server key where ssh-command.h says. */
static int write_ssh_files(struct cpio_writer *w, struct strv *dirs)
{
	static const char passwd[] = "root:x:0:0:root:/root:/bin/sh\n";
	int r;

	r = add_file(w, dirs, SSH_KEY_PATH, SSH_KEY_PATH, 0600);
	if (r >= 0)
		r = cpio_file(w, &SSH_KNOWN_HOSTS_PATH[1], SSH_KNOWN_HOSTS_PATH, 0644);
	if (r >= 0)
		r = cpio_data(w, "etc/passwd", 0644, passwd, strlen(passwd));
	if (r >= 0)
		r = cpio_dir(w, "root", 0700);
	return r;
}

/* What the programs in @rep weigh beyond what the collector and makedumpfile bring anyway. */
static int extra_size(const struct capture_report *rep, uint64_t *bytes, struct problem *p)
{
	struct strv base = {};
	struct stat st;
	int r;

	r = elf_deps(CRASHD_COLLECT_PATH, &base, p);
	if (r >= 0)
		r = elf_deps(CRASHD_MAKEDUMPFILE_PATH, &base, p);
	for (size_t i = 0; r >= 0 && i < rep->assemble_tools.n; i++)
		if (stat(rep->assemble_tools.v[i], &st) == 0)
			*bytes += st.st_size;
	for (size_t i = 0; r >= 0 && i < rep->programs.n; i++)
		if (!strv_contains(&base, rep->programs.v[i]) && stat(rep->programs.v[i], &st) == 0)
			*bytes += st.st_size;
	strv_free(&base);
	return r;
}

/* What @add puts into a capture initramfs for @t, beyond the collector's own. */
static int tools_size(const struct dump_target *t, int (*add)(const struct dump_target *, struct capture_report *,
							     struct problem *),
		      uint64_t *bytes, struct problem *p)
{
	struct capture_report rep = {};
	int r;

	*bytes = 0;
	r = add(t, &rep, p);
	if (r >= 0)
		r = extra_size(&rep, bytes, p);
	capture_report_free(&rep);
	return r;
}

int capture_assemble_size(const struct dump_target *t, uint64_t *bytes, struct problem *p)
{
	*bytes = 0;
	return t->assemble[0] ? tools_size(t, add_assemble_tools, bytes, p) : 0;
}

int capture_network_size(const struct dump_target *t, const char *moddir, uint64_t *bytes, struct problem *p)
{
	struct strv names = {}, files = {};
	uint64_t modules = 0;
	struct stat st;
	int r;

	*bytes = 0;
	if (!t->remote[0])
		return 0;
	r = tools_size(t, add_ssh, bytes, p);
	/* The card's driver, the NFS client: every module the target needs is the network's. */
	for (size_t i = 0; r >= 0 && i < t->modules.n; i++)
		if (streq(t->modules.v[i], t->net.driver) || streq(t->modules.v[i], "nfsv4"))
			r = strv_push_unique(&names, t->modules.v[i]);
	if (r >= 0 && names.n && kmod_resolve(moddir, (const char *const *) names.v, names.n, &files, p) >= 0)
		for (size_t i = 0; i < files.n; i++)
			if (stat(files.v[i], &st) == 0)
				modules += st.st_size;
	*bytes += modules;
	strv_free(&names);
	strv_free(&files);
	return r < 0 ? r : 0;
}

/* What goes in: the dump target resolved now, the programs and their libraries. */
static int gather_programs(const struct capture_build *b, struct capture_report *rep, struct problem *p)
{
	const char *collector = b->collector ?: CRASHD_COLLECT_PATH;
	const char *makedumpfile = b->makedumpfile ?: CRASHD_MAKEDUMPFILE_PATH;
	int r;

	if (access(collector, X_OK) < 0)
		return problem(p, -errno, "reinstall crashd", "the collector %s: %s", collector, strerror(errno));
	if (access(makedumpfile, X_OK) < 0)
		return problem(p, -errno, "apt-get install makedumpfile", "%s: %s", makedumpfile, strerror(errno));
	r = capture_check_compression(makedumpfile, b->config->compression, p);
	if (r < 0)
		return r;
	r = dump_target_resolve(b->config, &b->target_env, &rep->target, p);
	if (r < 0)
		return r;
	/* The collector first, makedumpfile second: write_archive() gives them their places. */
	if ((r = strv_push_unique(&rep->programs, collector)) < 0 ||
	    (r = strv_push_unique(&rep->programs, makedumpfile)) < 0 ||
	    (r = elf_deps(collector, &rep->programs, p)) < 0 || (r = elf_deps(makedumpfile, &rep->programs, p)) < 0)
		return r == -ENOMEM ? problem(p, r, NULL, "out of memory") : r;
	r = add_extras(b, rep, p);
	if (r >= 0)
		r = add_assemble_tools(&rep->target, rep, p);
	if (r >= 0)
		r = add_ssh(&rep->target, rep, p);
	return r;
}

/* The modules the target needs, in load order, when the panic kernel has any; ramoops first. */
static int gather_modules(const struct capture_build *b, struct capture_report *rep, struct problem *p)
{
	static const char *const ramoops[] = { "ramoops" };
	_cleanup_free_ char *moddir = NULL, *moddep = NULL;
	struct strv first = {};
	struct problem ignored;
	int r;

	if (asprintf(&moddir, "%s/lib/modules/%s", b->modules_root ?: "", b->kernel_release) < 0 ||
	    asprintf(&moddep, "%s/modules.dep", moddir) < 0)
		return -ENOMEM;
	if (access(moddep, R_OK) < 0) {
		rep->no_module_dir = true;
		if (b->config->modules)
			return problem(p, -ENOENT, "install that kernel's modules, or empty Modules=",
				       "Modules=%s: %s is not installed", b->config->modules, moddir);
		return 0;
	}
	r = kmod_resolve(moddir, (const char *const *) rep->target.modules.v, rep->target.modules.n, &rep->modules, p);
	if (r < 0 || !b->pstore)
		return r;
	/* Loaded first, it takes its region from the command line; a kernel without it just has no log. */
	if (kmod_resolve(moddir, ramoops, 1, &first, &ignored) < 0 || !first.n) {
		strv_free(&first);
		return 0;
	}
	for (size_t i = 0; i < rep->modules.n; i++)
		if (strv_push_unique(&first, rep->modules.v[i]) < 0) {
			strv_free(&first);
			return problem(p, -ENOMEM, NULL, "out of memory");
		}
	strv_free(&rep->modules);
	rep->modules = first;
	return 0;
}

/* capture.conf: what the collector is to do, as resolved now. */
static int make_conf(const struct capture_build *b, const struct capture_report *rep, char **ret)
{
	const struct dump_target *t = &rep->target;
	const struct crashd_config *c = b->config;
	struct capture_conf conf = { .level = c->dump_level };

	snprintf(conf.remote, sizeof(conf.remote), "%s", t->remote);
	snprintf(conf.remote_address, sizeof(conf.remote_address), "%s", t->net.server);
	snprintf(conf.interface, sizeof(conf.interface), "%s", t->net.mac);
	snprintf(conf.address, sizeof(conf.address), "%s", t->net.address);
	snprintf(conf.gateway, sizeof(conf.gateway), "%s", t->net.gateway);
	snprintf(conf.target, sizeof(conf.target), "%s", t->spec);
	snprintf(conf.fstype, sizeof(conf.fstype), "%s", t->fstype[0] || !t->spec[0] ? t->fstype : "auto");
	snprintf(conf.assemble, sizeof(conf.assemble), "%s", t->assemble);
	snprintf(conf.dir, sizeof(conf.dir), "%s", t->dir);
	snprintf(conf.compression, sizeof(conf.compression), "%s", c->compression);
	snprintf(conf.action, sizeof(conf.action), "%s", c->action);
	snprintf(conf.failure_action, sizeof(conf.failure_action), "%s", c->failure_action);
	snprintf(conf.makedumpfile_options, sizeof(conf.makedumpfile_options), "%s", c->makedumpfile_options ?: "");
	snprintf(conf.pre_hook, sizeof(conf.pre_hook), "%s", c->pre_hook ?: "");
	snprintf(conf.post_hook, sizeof(conf.post_hook), "%s", c->post_hook ?: "");
	snprintf(conf.version, sizeof(conf.version), "%s", CRASHD_VERSION);
	return capture_conf_format(&conf, ret);
}

/* Modules under /lib/modules/crashd/, numbered in load order, and that order for the collector. */
static int write_modules(struct cpio_writer *w, struct strv *dirs, const struct capture_report *rep)
{
	_cleanup_free_ char *order = NULL;
	int r = 0;

	for (size_t i = 0; r >= 0 && i < rep->modules.n; i++) {
		_cleanup_free_ char *dest = NULL, *line = NULL;
		const char *base = strrchr(rep->modules.v[i], '/') + 1;

		if (asprintf(&dest, "/lib/modules/crashd/%02zu-%s", i, base) < 0 ||
		    asprintf(&line, "%s%s\n", order ?: "", dest) < 0)
			return -ENOMEM;
		free(order);
		order = line;
		line = NULL;
		r = add_file(w, dirs, dest, rep->modules.v[i], 0644);
	}
	if (r >= 0 && order)
		r = cpio_data(w, "etc/crashd/modules", 0644, order, strlen(order));
	return r;
}

static int write_archive(struct cpio_writer *w, const struct capture_report *rep, const char *conf_text)
{
	static const char *const dirs_needed[] = { "proc", "sys", "dev", "tmp", "run", "target", "etc", "etc/crashd" };
	struct strv dirs = {};
	int r;

	for (size_t i = 0; i < ELEMENTSOF(dirs_needed); i++)
		if ((r = strv_push_unique(&dirs, dirs_needed[i])) > 0)
			cpio_dir(w, dirs_needed[i], 0755);
	/* The kernel opens /dev/console for /init before devtmpfs is mounted. */
	cpio_chardev(w, "dev/console", 0600, 5, 1);
	r = add_file(w, &dirs, "/init", rep->programs.v[0], 0755);
	/* The collector runs /usr/bin/makedumpfile, whichever was given. */
	if (r >= 0)
		r = add_file(w, &dirs, "/usr/bin/makedumpfile", rep->programs.v[1], 0755);
	for (size_t i = 2; r >= 0 && i < rep->programs.n; i++)
		r = add_file(w, &dirs, rep->programs.v[i], rep->programs.v[i], 0755);
	for (size_t i = 0; r >= 0 && i < rep->assemble_tools.n; i++) {
		_cleanup_free_ char *dest = NULL;

		if (asprintf(&dest, "/usr/sbin/%s", strrchr(rep->assemble_tools.v[i], '/') + 1) < 0)
			r = -ENOMEM;
		else
			r = add_file(w, &dirs, dest, rep->assemble_tools.v[i], 0755);
	}
	if (r >= 0 && rep->shell) {
		r = add_file(w, &dirs, "/bin/busybox", "/bin/busybox", 0755);
		if (r >= 0)
			r = cpio_symlink(w, "bin/sh", "busybox");
	}
	if (r >= 0)
		r = write_modules(w, &dirs, rep);
	if (r >= 0 && remote_target_kind(rep->target.remote) == REMOTE_SSH)
		r = write_ssh_files(w, &dirs);
	if (r >= 0)
		r = cpio_data(w, "etc/crashd/capture.conf", 0644, conf_text, strlen(conf_text));
	if (r >= 0)
		r = cpio_end(w);
	strv_free(&dirs);
	return r;
}

int capture_build(const struct capture_build *b, struct capture_report *rep, struct problem *p)
{
	_cleanup_free_ char *tmp = NULL, *conf_text = NULL;
	struct cpio_writer w;
	struct stat st;
	FILE *f;
	int r;

	memset(rep, 0, sizeof(*rep));
	r = gather_programs(b, rep, p);
	if (r >= 0)
		r = gather_modules(b, rep, p);
	if (r < 0)
		return r;
	if (make_conf(b, rep, &conf_text) < 0 || asprintf(&tmp, "%s.tmp", b->output) < 0)
		return -ENOMEM;
	f = fopen(tmp, "we");
	if (!f)
		return problem(p, -errno, "check that its directory exists and is writable", "cannot create %s: %s",
			       tmp, strerror(errno));
	/* It may carry crashd's ssh key. */
	(void) fchmod(fileno(f), 0600);
	cpio_begin(&w, f);
	r = write_archive(&w, rep, conf_text);
	if (fsync(fileno(f)) < 0 && r >= 0)
		r = -errno;
	if (fclose(f) != 0 && r >= 0)
		r = -errno;
	if (r < 0) {
		unlink(tmp);
		return problem(p, r, NULL, "writing %s: %s", tmp, strerror(-r));
	}
	if (rename(tmp, b->output) < 0) {
		r = -errno;
		unlink(tmp);
		return problem(p, r, NULL, "renaming %s: %s", tmp, strerror(-r));
	}
	if (stat(b->output, &st) == 0)
		rep->size = st.st_size;
	return 0;
}

void capture_report_free(struct capture_report *rep)
{
	dump_target_free(&rep->target);
	strv_free(&rep->programs);
	strv_free(&rep->modules);
	strv_free(&rep->assemble_tools);
}

static void describe_input(FILE *f, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		fprintf(f, "%s %lld %lld\n", path, (long long) st.st_size, (long long) st.st_mtime);
	else
		fprintf(f, "%s missing\n", path);
}

static char *inputs_signature(const struct capture_build *b, const char *config_path)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	fprintf(f, "release %s\n", b->kernel_release);
	fprintf(f, "pstore %d\n", b->pstore);
	describe_input(f, b->collector ?: CRASHD_COLLECT_PATH);
	describe_input(f, b->makedumpfile ?: "/usr/bin/makedumpfile");
	describe_input(f, config_path);
	/*
	 * What it is built from is the configuration in memory, which may be
	 * older than the file: a rebuild the file watch starts before a reload
	 * must not make the reload's own rebuild look done.
	 */
	for (size_t i = 0; i < config_key_count(); i++) {
		const char *section, *name;
		char value[4096];

		config_key_get(b->config, i, &section, &name, value, sizeof(value));
		fprintf(f, "%s.%s=%s\n", section, name, value);
	}
	/* Programs and hooks are copied in: a new version of one means a rebuild. */
	if (b->config->pre_hook)
		describe_input(f, b->config->pre_hook);
	if (b->config->post_hook)
		describe_input(f, b->config->post_hook);
	/* A key made or a server key pinned again. */
	if (remote_target_kind(b->config->dump_target) == REMOTE_SSH) {
		describe_input(f, SSH_KEY_PATH);
		describe_input(f, SSH_KNOWN_HOSTS_PATH);
	}
	if (b->config->programs) {
		_cleanup_free_ char *programs = strdup(b->config->programs);

		for (char *s = NULL, *w = programs ? strtok_r(programs, " \t", &s) : NULL; w; w = strtok_r(NULL, " \t", &s))
			describe_input(f, w);
	}
	fclose(f);
	return text;
}

int capture_inputs_record(const struct capture_build *b, const char *config_path)
{
	_cleanup_free_ char *text = inputs_signature(b, config_path), *path = NULL;
	FILE *f;

	if (!text || asprintf(&path, "%s.inputs", b->output) < 0)
		return -ENOMEM;
	f = fopen(path, "we");
	if (!f)
		return -errno;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -errno;
}

int capture_build_if_stale(const struct capture_build *b, const char *config_path, bool *built,
			   struct capture_report *rep, struct problem *p)
{
	_cleanup_free_ char *want = inputs_signature(b, config_path), *have = NULL, *path = NULL;
	int r;

	*built = false;
	memset(rep, 0, sizeof(*rep));
	if (!want || asprintf(&path, "%s.inputs", b->output) < 0)
		return problem(p, -ENOMEM, NULL, "out of memory");
	if (access(b->output, R_OK) == 0 && read_full_file(path, &have, NULL) == 0 && streq(have, want))
		return 0;
	r = capture_build(b, rep, p);
	if (r < 0)
		return r;
	*built = true;
	(void) capture_inputs_record(b, config_path);
	return 0;
}
