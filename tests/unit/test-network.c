// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of network dump targets: Target=ssh:// as written by an
 * administrator (and refused when a part would reach the remote shell
 * unquoted), the route /proc/net/route takes, the network read from a fake
 * sysfs, crashd's ssh key and pinned server key, capture.conf's network
 * keys, and the ssh command line the collector and crashctl share.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <cmocka.h>

#include "capture-conf.h"
#include "dump-target.h"
#include "fixtures.h"
#include "net-config.h"
#include "remote-target.h"
#include "ssh-command.h"
#include "ssh-keys.h"
#include "util.h"

static void test_remote_parse(void **state)
{
	struct remote_target t;
	char why[256], url[700];

	assert_int_equal(remote_target_parse("ssh://crashd@dumps.example.com/srv/dumps/", &t, why, sizeof(why)), 0);
	assert_string_equal(t.user, "crashd");
	assert_string_equal(t.host, "dumps.example.com");
	assert_int_equal(t.port, 22);
	assert_string_equal(t.path, "/srv/dumps");
	remote_target_format(&t, url, sizeof(url));
	assert_string_equal(url, "ssh://crashd@dumps.example.com:22/srv/dumps");
	assert_int_equal(remote_target_parse("ssh://root@10.0.2.2:2222/", &t, why, sizeof(why)), 0);
	assert_int_equal(t.port, 2222);
	assert_string_equal(t.path, "/");
	assert_int_equal(remote_target_parse("ssh://a_b.c-d@h/x+y/v1.2_3", &t, why, sizeof(why)), 0);
	assert_int_equal(t.kind, REMOTE_SSH);
	assert_int_equal(remote_target_parse("nfs://filer.example.com/export/crash", &t, why, sizeof(why)), 0);
	assert_int_equal(t.kind, REMOTE_NFS);
	assert_int_equal(t.port, 2049);
	assert_string_equal(t.user, "");
	assert_string_equal(t.path, "/export/crash");
	remote_target_format(&t, url, sizeof(url));
	assert_string_equal(url, "nfs://filer.example.com:2049/export/crash");
	assert_int_equal(remote_target_parse("nfs://10.0.2.2:20490/dumps", &t, why, sizeof(why)), 0);
	assert_int_equal(t.port, 20490);

	static const struct {
		const char *url, *says;
	} bad[] = {
		{ "http://server/export", "not an ssh:// or nfs:// address" },
		{ "nfs://root@server/export", "names no user" },
		/* A comma would end the mount's source and start an option. */
		{ "nfs://server/export,nolock", "may hold only" },
		{ "ssh://dumps.example.com/srv", "names no user" },
		{ "ssh://root@dumps.example.com", "names no directory" },
		{ "ssh://-oProxyCommand=x@h/srv", "is not a user name" },
		{ "ssh://root@-h/srv", "is not a host name" },
		{ "ssh://root@a..b/srv", "is not a host name" },
		{ "ssh://root@[::1]:22/srv", "IPv6" },
		{ "ssh://root@h:0/srv", "port" },
		{ "ssh://root@h:65536/srv", "port" },
		{ "ssh://root@h:22x/srv", "port" },
		{ "ssh://root@h:/srv", "port" },
		{ "ssh://root@h: 0/srv", "port" },
		{ "ssh://root@h:+22/srv", "port" },
		/* Each of these would mean something to the remote shell. */
		{ "ssh://root@h/srv/it's", "may hold only" },
		{ "ssh://root@h/srv/$(reboot)", "may hold only" },
		{ "ssh://root@h/srv;rm", "may hold only" },
		{ "ssh://root@h/srv dumps", "may hold only" },
		{ "ssh://root@h/srv/../etc", "no . or .. part" },
		{ "ssh://root@h//srv", "no . or .. part" },
	};
	for (size_t i = 0; i < ELEMENTSOF(bad); i++) {
		why[0] = '\0';
		assert_int_equal(remote_target_parse(bad[i].url, &t, why, sizeof(why)), -EINVAL);
		if (!strstr(why, bad[i].says))
			fail_msg("%s: '%s' does not say '%s'", bad[i].url, why, bad[i].says);
	}
	assert_true(remote_target_is_url("ssh://x"));
	assert_false(remote_target_is_url("UUID=1234"));
	assert_false(remote_target_is_url(NULL));
	assert_int_equal(remote_target_kind("ssh://a@h/x"), REMOTE_SSH);
	assert_int_equal(remote_target_kind("nfs://h/x"), REMOTE_NFS);
	assert_int_equal(remote_target_kind("ftp://h/x"), -EINVAL);
	assert_int_equal(remote_target_kind("/dev/vda1 ssh://"), -EINVAL);
	assert_int_equal(remote_target_kind(""), -EINVAL);
	assert_int_equal(remote_target_kind(NULL), -EINVAL);
}

/* Addresses as /proc/net/route prints them: the network-order word in hex. */
static uint32_t ip(const char *dotted)
{
	struct in_addr a;

	assert_int_equal(inet_pton(AF_INET, dotted, &a), 1);
	return a.s_addr;
}

static void test_route_pick(void **state)
{
	char text[2048], ifname[17];
	uint32_t gw;

	snprintf(text, sizeof(text),
		 "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
		 "eth0\t00000000\t%08X\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
		 "eth0\t%08X\t00000000\t0001\t0\t0\t100\t%08X\t0\t0\t0\n"
		 "eth1\t%08X\t00000000\t0001\t0\t0\t100\t%08X\t0\t0\t0\n"
		 "eth2\t%08X\t00000000\t0001\t0\t0\t50\t%08X\t0\t0\t0\n"
		 "eth3\t%08X\t00000000\t0000\t0\t0\t0\t%08X\t0\t0\t0\n",
		 ip("10.0.2.2"), ip("10.0.2.0"), ip("255.255.255.0"), ip("192.168.1.0"), ip("255.255.255.0"),
		 ip("192.168.1.0"), ip("255.255.255.0"), ip("172.16.0.0"), ip("255.255.0.0"));
	/* On the link. */
	assert_int_equal(net_route_pick(text, ip("10.0.2.7"), ifname, sizeof(ifname), &gw), 0);
	assert_string_equal(ifname, "eth0");
	assert_int_equal(gw, 0);
	/* The same prefix twice: the lower metric. */
	assert_int_equal(net_route_pick(text, ip("192.168.1.9"), ifname, sizeof(ifname), &gw), 0);
	assert_string_equal(ifname, "eth2");
	/* A route that is down is no route: the default one, through the gateway. */
	assert_int_equal(net_route_pick(text, ip("172.16.4.4"), ifname, sizeof(ifname), &gw), 0);
	assert_string_equal(ifname, "eth0");
	assert_int_equal(gw, ip("10.0.2.2"));
	/* No default route. */
	assert_int_equal(net_route_pick(strchr(strchr(text, '\n') + 1, '\n') + 1, ip("8.8.8.8"), ifname,
					sizeof(ifname), &gw), -ENETUNREACH);
	assert_int_equal(net_route_pick("", ip("8.8.8.8"), ifname, sizeof(ifname), &gw), -ENETUNREACH);
}

/*
 * A fake sysfs where the loopback interface has a device and a driver, so
 * that the route to 127.0.0.1 (the only address every test machine has)
 * leaves by a "card"; and a route table to match.
 */
static void machine(struct dump_target_env *env, bool with_device)
{
	static char sysfs[300], route[300];

	snprintf(sysfs, sizeof(sysfs), "%s", fixture_path("sys"));
	snprintf(route, sizeof(route), "%s", fixture_path("route"));
	fixture_sh("mkdir -p %s/class/net/lo %s/module/virtio_net && echo 52:54:00:12:34:56 > %s/class/net/lo/address",
		   sysfs, sysfs, sysfs);
	if (with_device)
		fixture_sh("mkdir -p %s/devices/pci0/virtio1/driver && ln -sfn ../../../devices/pci0/virtio1 %s/class/net/lo/device && "
			   "ln -sfn ../../../../module/virtio_net %s/devices/pci0/virtio1/driver/module",
			   sysfs, sysfs, sysfs);
	fixture_sh("printf 'Iface\\tDestination\\tGateway\\tFlags\\tRefCnt\\tUse\\tMetric\\tMask\\n"
		   "lo\\t0000007F\\t00000000\\t0001\\t0\\t0\\t0\\t000000FF\\n' > %s", route);
	*env = (struct dump_target_env) { .sysfs = sysfs, .proc_net_route = route, .mountinfo = "/nonexistent" };
}

static int resolve(const struct dump_target_env *env, const char *target, const char *fallback,
		   struct dump_target *t, struct problem *p)
{
	struct crashd_config c;
	int r;

	config_defaults(&c);
	c.dump_target = strdup(target);
	free(c.fallback);
	c.fallback = strdup(fallback);
	r = dump_target_resolve(&c, env, t, p);
	config_free(&c);
	return r;
}

static void test_resolve_remote(void **state)
{
	struct dump_target_env env;
	struct dump_target t;
	struct problem p = {};

	machine(&env, true);
	assert_int_equal(resolve(&env, "ssh://crashd@127.0.0.1:2222/srv/dumps", "none", &t, &p), 0);
	assert_string_equal(t.remote, "ssh://crashd@127.0.0.1:2222/srv/dumps");
	assert_string_equal(t.net.server, "127.0.0.1");
	assert_string_equal(t.net.ifname, "lo");
	assert_string_equal(t.net.mac, "52:54:00:12:34:56");
	assert_string_equal(t.net.address, "127.0.0.1/8");
	assert_string_equal(t.net.gateway, "");
	assert_string_equal(t.net.driver, "virtio_net");
	assert_true(strv_contains(&t.modules, "virtio_net"));
	/* Fallback=none: nothing local to look for. */
	assert_string_equal(t.spec, "");
	dump_target_free(&t);

	/* Fallback=directory, and Directory='s file system cannot be found: the fix offers Fallback=none. */
	assert_int_equal(resolve(&env, "ssh://crashd@127.0.0.1/srv", "directory", &t, &p), -ENOENT);
	assert_non_null(strstr(p.fix, "Fallback=none"));
	dump_target_free(&t);

	assert_int_equal(resolve(&env, "ssh://crashd@127.0.0.1/srv/a b", "none", &t, &p), -EINVAL);
	assert_non_null(strstr(p.what, "may hold only"));
	assert_non_null(strstr(p.fix, "Target=ssh://USER@HOST"));
	dump_target_free(&t);

	/* No route there. */
	assert_int_equal(resolve(&env, "ssh://crashd@192.0.2.1/srv", "none", &t, &p), -ENETUNREACH);
	assert_non_null(strstr(p.what, "no IPv4 route to 192.0.2.1"));
	dump_target_free(&t);
}

static void test_resolve_virtual(void **state)
{
	struct dump_target_env env;
	struct dump_target t;
	struct problem p = {};

	/* A bridge or a bond has no device: the capture system could not set it up. */
	machine(&env, false);
	assert_int_equal(resolve(&env, "ssh://crashd@127.0.0.1/srv", "none", &t, &p), -EOPNOTSUPP);
	assert_non_null(strstr(p.what, "which is virtual"));
	dump_target_free(&t);
}

static void test_ssh_keys(void **state)
{
	const char *dir = fixture_path("ssh");
	struct problem p = {};

	fixture_sh("mkdir -p %s", dir);
	assert_int_equal(ssh_keys_check(dir, "dumps.test", &p), -ENOENT);
	assert_non_null(strstr(p.fix, "crashctl ssh-key"));
	fixture_sh("cd %s && printf 'key\\n' > id_ed25519 && chmod 644 id_ed25519", dir);
	assert_int_equal(ssh_keys_check(dir, "dumps.test", &p), -EPERM);
	fixture_sh("chmod 600 %s/id_ed25519", dir);
	assert_int_equal(ssh_keys_check(dir, "dumps.test", &p), -ENOENT);
	assert_non_null(strstr(p.what, "no server key is pinned"));
	fixture_sh("printf '# comment dumps.test\\nother,dumps.testx ssh-ed25519 AAAA\\n' > %s/known_hosts", dir);
	assert_int_equal(ssh_keys_check(dir, "dumps.test", &p), -ENOENT);
	assert_non_null(strstr(p.what, "pins no key for dumps.test"));
	fixture_sh("printf 'other,dumps.test ssh-ed25519 AAAA\\n' >> %s/known_hosts", dir);
	assert_int_equal(ssh_keys_check(dir, "dumps.test", &p), 0);
	/* Hashed names cannot be read: taken as pinned. */
	fixture_sh("printf '|1|abc=|def= ssh-ed25519 AAAA\\n' > %s/known_hosts", dir);
	assert_int_equal(ssh_keys_check(dir, "dumps.test", &p), 0);
	/* A link where the key was is not followed. */
	fixture_sh("cd %s && mv id_ed25519 real && ln -s real id_ed25519", dir);
	assert_int_not_equal(ssh_keys_check(dir, "dumps.test", &p), 0);
}

static void test_capture_conf_remote(void **state)
{
	struct capture_conf c = { .level = 31 }, back;
	_cleanup_free_ char *text = NULL;
	struct problem p = {};

	snprintf(c.remote, sizeof(c.remote), "ssh://crashd@dumps.test:2222/srv/dumps");
	snprintf(c.remote_address, sizeof(c.remote_address), "10.0.2.2");
	snprintf(c.interface, sizeof(c.interface), "52:54:00:12:34:56");
	snprintf(c.address, sizeof(c.address), "10.0.2.15/24");
	snprintf(c.compression, sizeof(c.compression), "lzo");
	assert_int_equal(capture_conf_format(&c, &text), 0);
	/* No Target=: Fallback=none. */
	assert_int_equal(capture_conf_parse(text, &back, &p), 0);
	assert_string_equal(back.remote, c.remote);
	assert_string_equal(back.remote_address, "10.0.2.2");
	assert_string_equal(back.interface, "52:54:00:12:34:56");
	assert_string_equal(back.address, "10.0.2.15/24");
	assert_string_equal(back.gateway, "");
	assert_string_equal(back.target, "");
	assert_int_equal(capture_conf_parse("[Capture]\nRemote=ssh://a@h/x;reboot\nRemoteAddress=10.0.2.2\n"
					    "Interface=52:54:00:12:34:56\nAddress=10.0.2.15/24\n", &back, &p), -EINVAL);
	assert_non_null(strstr(p.what, "may hold only"));
	assert_int_equal(capture_conf_parse("[Capture]\nRemote=ssh://a@h/x\nRemoteAddress=dumps.test\n"
					    "Interface=52:54:00:12:34:56\nAddress=10.0.2.15/24\n", &back, &p), -EINVAL);
	assert_non_null(strstr(p.what, "incomplete"));
	assert_int_equal(capture_conf_parse("[Capture]\nLevel=31\n", &back, &p), -EINVAL);
	assert_non_null(strstr(p.what, "names no Target"));
}

static int argv_index(char *const *argv, const char *word)
{
	for (int i = 0; argv[i]; i++)
		if (streq(argv[i], word))
			return i;
	return -1;
}

static void test_ssh_command(void **state)
{
	struct remote_target t;
	struct ssh_command s;
	char why[256];
	int n;

	assert_int_equal(remote_target_parse("ssh://crashd@dumps.test:2222/srv", &t, why, sizeof(why)), 0);
	ssh_command_init(&s, &t, "10.0.2.2", "true", SSH_BATCH);
	assert_string_equal(s.argv[0], SSH_PROGRAM);
	for (n = 0; s.argv[n]; n++)
		;
	/* The address dialled, then the command: after "--", so neither is read as an option. */
	assert_string_equal(s.argv[n - 1], "true");
	assert_string_equal(s.argv[n - 2], "10.0.2.2");
	assert_string_equal(s.argv[n - 3], "--");
	assert_true(argv_index(s.argv, "BatchMode=yes") > 0);
	assert_true(argv_index(s.argv, "StrictHostKeyChecking=yes") > 0);
	assert_true(argv_index(s.argv, "HostKeyAlias=dumps.test") > 0);
	assert_true(argv_index(s.argv, "UserKnownHostsFile=" SSH_KNOWN_HOSTS_PATH) > 0);
	assert_string_equal(s.argv[argv_index(s.argv, "-F") + 1], "/dev/null");
	assert_string_equal(s.argv[argv_index(s.argv, "-i") + 1], SSH_KEY_PATH);
	assert_string_equal(s.argv[argv_index(s.argv, "-p") + 1], "2222");
	assert_string_equal(s.argv[argv_index(s.argv, "-l") + 1], "crashd");
	/* Setting up: the administrator's own login, and a prompt for the server's key unless told. */
	ssh_command_init(&s, &t, "dumps.test", "true", SSH_SETUP_ASK);
	assert_int_equal(argv_index(s.argv, "BatchMode=yes"), -1);
	assert_int_equal(argv_index(s.argv, "-i"), -1);
	assert_true(argv_index(s.argv, "StrictHostKeyChecking=ask") > 0);
	assert_true(argv_index(s.argv, "HostKeyAlias=dumps.test") > 0);
	ssh_command_init(&s, &t, "dumps.test", "true", SSH_SETUP_ACCEPT_NEW);
	assert_true(argv_index(s.argv, "StrictHostKeyChecking=accept-new") > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remote_parse),
		cmocka_unit_test(test_route_pick),
		cmocka_unit_test_setup_teardown(test_resolve_remote, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_resolve_virtual, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test_setup_teardown(test_ssh_keys, fixture_dir_setup, fixture_dir_teardown),
		cmocka_unit_test(test_capture_conf_remote),
		cmocka_unit_test(test_ssh_command),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
