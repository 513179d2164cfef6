// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the "[proxy NAME]" sections: defaults, every key,
 * and that each bad entry is refused with the file and line that hold it.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "tap.h"

static char path[512];

static void write_conf(const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

#define HEAD "role = director\ninterface = eth0\nmgmt_ip = 192.0.2.1\n" \
	     "vr = eth0 51\n"

/* Load and check @text; 0 or -1 with @err. */
static int load(const char *text, struct mwgd_config *c, char *err,
		size_t errlen)
{
	write_conf(text);
	mwgd_config_defaults(c);
	if (mwgd_config_load(path, c, err, errlen) < 0)
		return -1;
	return mwgd_config_check(c, err, errlen);
}

static void test_defaults(void)
{
	struct mwgd_config c;
	char err[600] = "";
	const struct mwgd_proxy_conf *p = &c.proxies.e[0];

	tap_ok(load(HEAD "[proxy web]\nvip = 192.0.2.100\nports = 9090\n",
		    &c, err, sizeof(err)) == 0, "minimal section loads %s", err);
	tap_ok(c.proxies.n == 1 && !strcmp(p->name, "web") &&
	       p->vip.s_addr == inet_addr("192.0.2.100") && p->n_tcp == 1 &&
	       p->tcp[0] == 9090 && !p->n_udp, "name, vip and port");
	tap_ok(p->sched == MWGD_SCHED_MH && p->forward == MWGD_FORWARD_DR &&
	       p->weight == MWGD_WEIGHT_EQUAL && !p->local_scanner &&
	       p->drain_s == MWGD_PROXY_DEF_DRAIN_S && p->flush_on_exit &&
	       p->sync && !p->vr_ifname[0] && p->sync_id == 0,
	       "defaults: mh, dr, equal weights, flush, sync");
}

static void test_all_keys(void)
{
	struct mwgd_config c;
	char err[600] = "";
	const struct mwgd_proxy_conf *p = &c.proxies.e[0];

	tap_ok(load(HEAD "[proxy web]\nvip = 192.0.2.100\nvr = eth0 51\n"
		    "ports = 9090, 3128\nudp_ports = 53\nscheduler = wlc\n"
		    "forward = nat\nlocal_scanner = yes\nhash_port = yes\nweight = spare\n"
		    "drain_s = 5\non_exit = keep\nsync_interface = eth1\n",
		    &c, err, sizeof(err)) == 0, "every key loads %s", err);
	tap_ok(p->n_tcp == 2 && p->tcp[1] == 3128 && p->n_udp == 1 &&
	       p->udp[0] == 53, "tcp and udp ports");
	tap_ok(p->sched == MWGD_SCHED_WLC && p->forward == MWGD_FORWARD_NAT &&
	       p->local_scanner && p->hash_port &&
	       p->weight == MWGD_WEIGHT_SPARE &&
	       p->drain_s == 5 && !p->flush_on_exit &&
	       !strcmp(p->sync_ifname, "eth1"), "choices kept");
	tap_ok(!strcmp(p->vr_ifname, "eth0") && p->vrid == 51 &&
	       p->sync_id == 51, "sync id defaults to the VRID");
	tap_str_eq(mwgd_proxy_sched_name(p->sched), "wlc", "scheduler name");
}

/* @text must fail to load, with @want in the message. */
static void refused(const char *text, const char *want, const char *name)
{
	struct mwgd_config c;
	char err[600] = "";
	bool ok = load(text, &c, err, sizeof(err)) < 0 && strstr(err, want);

	tap_ok(ok, "%s", name);
	if (!ok)
		printf("#   got: %s\n#   want: %s\n", err, want);
}

static void test_refusals(void)
{
	refused(HEAD "[proxy web]\nvip = 192.0.2.100\nports = 9090\n"
		"scheduler = rr\n", "test.conf:8: [proxy web] scheduler: \"rr\" is not one of mh, wlc, sh",
		"unknown scheduler names file and line");
	refused(HEAD "[proxy web]\nvip = 192.0.2.300\n",
		":6: [proxy web] vip: \"192.0.2.300\" is not an IPv4 address",
		"bad vip");
	refused(HEAD "[proxy web]\nvip = 192.0.2.100\nports = 9090, 0\n",
		":7: [proxy web] ports: \"0\" is out of range", "port 0");
	refused(HEAD "[proxy web]\nvip = 192.0.2.100\nports = 9090 9090\n",
		":7: [proxy web] ports: port 9090 given twice", "duplicate port");
	refused(HEAD "[proxy web]\nvip = 192.0.2.100\nports = 9090\nforward = tun\n",
		":8: [proxy web] forward", "unknown forwarding method");
	refused(HEAD "[proxy web]\nvip = 192.0.2.100\nports = 9090\nweight = 7\n",
		":8: [proxy web] weight", "unknown weight mapping");
	refused(HEAD "[proxy web]\nvip = 192.0.2.100\nports = 9090\ndrain_s = -1\n",
		":8: [proxy web] drain_s", "negative drain time");
	refused(HEAD "[proxy web]\nvip = 192.0.2.100\nports = 9090\ncolour = red\n",
		":8: [proxy web] colour: unknown key", "unknown key");
	refused(HEAD "[proxy web]\nports = 9090\n", ":6: [proxy web] has no vip",
		"a section without vip names its first line");
	refused(HEAD "[proxy web]\nvip = 192.0.2.100\n",
		":6: [proxy web] has no ports", "a section without ports");
	refused(HEAD "[proxy a]\nvip = 192.0.2.100\nports = 9090\n"
		"[proxy b]\nvip = 192.0.2.100\nports = 80, 9090\nsync = no\n",
		":9: [proxy a] and [proxy b] share a port",
		"one VIP:port in two sections");
	refused(HEAD "[proxy a]\nvip = 192.0.2.100\nports = 9090\n"
		"[proxy b]\nvip = 192.0.2.101\nports = 9090\n",
		"both want the sync daemon", "two sync daemons");
	refused(HEAD "[proxy a]\nvip = 192.0.2.100\nports = 9090\n"
		"[proxy b]\nvip = 192.0.2.101\nports = 80\nsync = no\n"
		"[proxy a]\nports = 80\n", "[proxy a] given twice (line 6)",
		"a section given twice");
	refused(HEAD "[proxy]\nvip = 192.0.2.100\n", "needs a name",
		"a section without a name");
	refused(HEAD "[proxy web]\nvip = 192.0.2.100\nports = 9090\nvr = eth1 7\n",
		"vr eth1 7 is not followed", "a vr the director does not follow");
	refused(HEAD "[proxie web]\nvip = 1.2.3.4\n", ":6: unknown section",
		"a misspelt section");
}

int main(void)
{
	char dir[] = "/tmp/test_proxyconf.XXXXXX";

	tap_start();
	if (!mkdtemp(dir)) {
		tap_ok(false, "setup");
		return tap_done();
	}
	snprintf(path, sizeof(path), "%s/test.conf", dir);
	test_defaults();
	test_all_keys();
	test_refusals();
	unlink(path);
	rmdir(dir);
	return tap_done();
}
