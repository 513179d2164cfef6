// SPDX-License-Identifier: GPL-2.0
/*
 * Arguments of "mwgctl vr ...": keywords, ranges, VIP lists, family
 * inference and the --no-check escape hatch.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "tap.h"
#include "vr_args.h"

#define MAX_WORDS	64

/* The words of the last line: out->dev points into them until the next. */
static char *last_copy;

/* Split @line on spaces and parse it as the arguments of "vr @cmd". */
static int parse(enum vr_cmd cmd, const char *line, bool no_check,
		 struct vr_args *out, char *err, size_t errlen)
{
	char *copy, *words[MAX_WORDS], *save = NULL, *w;
	struct args a;
	int n = 0, rc;

	free(last_copy);
	copy = last_copy = strdup(line);

	for (w = strtok_r(copy, " ", &save); w && n < MAX_WORDS;
	     w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	args_init(&a, n, words, no_check);
	rc = vr_args_parse(cmd, &a, out);
	snprintf(err, errlen, "%s", a.err);
	return rc;
}

static struct vr_args va;
static char err[256];

static bool ok(enum vr_cmd cmd, const char *line)
{
	int rc = parse(cmd, line, false, &va, err, sizeof(err));

	if (rc < 0)
		printf("# unexpected error: %s\n", err);
	return rc == 0;
}

/* Refused, with a message that contains @needle. */
static void refused(enum vr_cmd cmd, const char *line, const char *needle)
{
	int rc = parse(cmd, line, false, &va, err, sizeof(err));
	bool good = rc < 0 && strstr(err, needle);

	tap_ok(good, "refuse \"%s\"", line);
	if (!good)
		printf("# message: \"%s\", expected to contain \"%s\"\n",
		       err, needle);
}

#define HAS(a)	mwg_vr_has(&va.vr, MWG_VRRP_A_##a)

int main(void)
{
	tap_start();

	tap_ok(ok(VR_CMD_ADD, "dev d0 vrid 5 prio 100 vip 192.0.2.100"),
	       "minimal add");
	tap_ok(!strcmp(va.dev, "d0") && va.vr.vrid == 5 &&
	       va.vr.priority == 100 && va.vr.n_vips == 1 &&
	       va.vr.vips[0].prefixlen == 32,
	       "minimal add: values");
	tap_ok(HAS(VRID) && HAS(PRIORITY) && HAS(VIPS) && HAS(FAMILY) &&
	       va.vr.family == AF_INET, "family inferred as inet");
	tap_ok(!HAS(IFINDEX) && !HAS(ADVERT_INTERVAL_MS) && !HAS(PREEMPT) &&
	       !HAS(VERSION), "nothing else is sent");

	tap_ok(ok(VR_CMD_ADD,
		  "dev d0 vrid 255 priority 255 interval 100 vip 192.0.2.1/24 "
		  "192.0.2.2 vip 192.0.2.3 preempt off preempt-delay 500 "
		  "accept on checksum rfc9568 garp-repeat 3 garp-interval 50 "
		  "garp-refresh 60 version 3 family inet track-scanners 2 "
		  "weight 20"), "every option");
	tap_ok(va.vr.n_vips == 3 && va.vr.vips[0].prefixlen == 24 &&
	       va.vr.vips[2].family == AF_INET, "vip list and repeated vip");
	tap_ok(va.vr.advert_interval_ms == 100 && !va.vr.preempt &&
	       va.vr.preempt_delay_ms == 500 && va.vr.accept &&
	       va.vr.checksum == MWG_VRRP_CSUM_RFC9568 &&
	       va.vr.garp_repeat == 3 && va.vr.garp_interval_ms == 50 &&
	       va.vr.garp_refresh_s == 60 && va.vr.version == 3 &&
	       va.vr.track_scanners == 2 && va.vr.track_weight == 20,
	       "every option: values");
	tap_ok(HAS(PREEMPT) && HAS(ACCEPT) && HAS(CHECKSUM) &&
	       HAS(TRACK_WEIGHT) && HAS(GARP_REFRESH_S),
	       "every option: marked for sending");

	tap_ok(ok(VR_CMD_ADD, "dev d0 vrid 7 prio 50 vip 2001:db8::1 fe80::1/64"),
	       "IPv6 vips");
	tap_ok(va.vr.family == AF_INET6 && va.vr.vips[1].prefixlen == 64,
	       "family inferred as inet6");

	tap_ok(ok(VR_CMD_ADD, "dev d0 vrid 1 prio 1 vip 192.0.2.1 interval 10"),
	       "interval at the v3 minimum");
	tap_ok(ok(VR_CMD_ADD, "dev d0 vrid 1 prio 1 vip 192.0.2.1 version 2 interval 255000"),
	       "interval at the v2 maximum");

	refused(VR_CMD_ADD, "dev d0 vrid 0 prio 100 vip 192.0.2.1", "must be 1..255");
	refused(VR_CMD_ADD, "dev d0 vrid 256 prio 100 vip 192.0.2.1", "8 bits");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 300 vip 192.0.2.1", "8 bits");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 0 vip 192.0.2.1", "must be 1..255");
	refused(VR_CMD_ADD, "dev d0 vrid x prio 1 vip 192.0.2.1", "not a number");
	refused(VR_CMD_ADD, "dev d0 vrid -1 prio 1 vip 192.0.2.1", "not a number");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 100 vip 192.0.2.300", "invalid vip");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 100 vip", "needs an address");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 100 vip preempt on", "needs an address");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 100", "missing \"vip\"");
	refused(VR_CMD_ADD, "dev d0 vrid 5 vip 192.0.2.1", "missing \"prio\"");
	refused(VR_CMD_ADD, "vrid 5 prio 1 vip 192.0.2.1", "missing \"dev\"");
	refused(VR_CMD_ADD, "dev d0 prio 1 vip 192.0.2.1", "missing \"vrid\"");
	tap_ok(ok(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 interval 100 prio 7 interval 30") &&
	       va.vr.priority == 7 && va.vr.advert_interval_ms == 30,
	       "a key given twice takes its last value");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 192.0.2.1", "given twice");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 bogus 1", "unknown keyword \"bogus\"");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 192.0.2.x", "invalid vip");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 preempt maybe", "on or off");
	tap_ok(ok(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 vmac off") &&
	       HAS(VMAC) && !va.vr.vmac, "vmac off: the interface's own MAC");
	tap_ok(ok(VR_CMD_SET, "dev d0 vrid 5 vmac on") && HAS(VMAC) &&
	       va.vr.vmac, "vmac on alone is a change");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 vmac maybe", "on or off");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 checksum crc", "pseudo or rfc9568");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 family ipx", "inet or inet6");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 family inet6", "not an inet6 address");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 2001:db8::1", "share a family");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 2001:db8::1 version 2", "IPv4 only");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 interval 5", "must be 10..");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 interval 105", "multiple of 10");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 interval 50000", "VRRPv3 allows");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 version 2 interval 1500", "whole seconds");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 version 4", "must be 2..3");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 garp-repeat 101", "must be 0..100");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 garp-interval 0", "must be 1..60000");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 preempt-delay 3600001", "must be 0..3600000");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 interval 4294967296", "32 bits");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 weight 256", "8 bits");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 frobnicate", "unknown keyword");
	refused(VR_CMD_ADD, "dev d0 vrid", "needs a value");
	refused(VR_CMD_ADD, "dev 0123456789abcdef vrid 1 prio 1 vip 192.0.2.1", "invalid dev");
	refused(VR_CMD_DEL, "dev d0 vrid 5 prio 100", "unknown keyword");
	refused(VR_CMD_SHOW, "vip 192.0.2.1", "unknown keyword");

	/* 32 VIPs are fine, 33 are not. */
	{
		char line[2048] = "dev d0 vrid 9 prio 9 vip";
		int i;

		for (i = 1; i <= 32; i++)
			sprintf(line + strlen(line), " 192.0.2.%d", i);
		tap_ok(ok(VR_CMD_ADD, line) && va.vr.n_vips == 32, "32 vips");
		strcat(line, " 192.0.2.33");
		refused(VR_CMD_ADD, line, "too many vips");
		tap_ok(parse(VR_CMD_ADD, line, true, &va, err, sizeof(err)) == 0 &&
		       va.vr.n_vips == 33, "33 vips with no_check");
	}

	/* Unicast peers: hosts, at most 8, "none" clears, alias unicast-peer. */
	tap_ok(ok(VR_CMD_SET, "dev d0 vrid 5 peer 192.0.2.2 192.0.2.3") &&
	       HAS(UNICAST_PEERS) && va.vr.n_peers == 2 &&
	       va.vr.peers[1].prefixlen == 32, "two unicast peers");
	tap_ok(ok(VR_CMD_SET, "dev d0 vrid 5 unicast-peer fe80::2 prio 9") &&
	       va.vr.n_peers == 1 && va.vr.peers[0].family == AF_INET6 &&
	       HAS(PRIORITY), "unicast-peer, then another keyword");
	tap_ok(ok(VR_CMD_SET, "dev d0 vrid 5 peer none") &&
	       HAS(UNICAST_PEERS) && va.vr.n_peers == 0, "peer none");
	refused(VR_CMD_SET, "dev d0 vrid 5 peer 192.0.2.0/24",
		"invalid peer \"192.0.2.0/24\": not an IPv4 or IPv6 address");
	refused(VR_CMD_SET, "dev d0 vrid 5 peer", "\"peer\" needs an address or \"none\"");
	refused(VR_CMD_SET, "dev d0 vrid 5 peer 192.0.2.1 192.0.2.2 192.0.2.3 "
		"192.0.2.4 192.0.2.5 192.0.2.6 192.0.2.7 192.0.2.8 192.0.2.9",
		"too many unicast peers: at most 8");
	refused(VR_CMD_DEL, "dev d0 vrid 5 peer 192.0.2.2", "unknown keyword");

	/* Tracked objects: set only, NAME:N or NAME:fault, at most 16. */
	tap_ok(ok(VR_CMD_SET, "dev d0 vrid 5 tracked file:/run/m:20 maint:fault prio 9") &&
	       HAS(TRACKED) && va.vr.n_tracked == 2 &&
	       !strcmp(va.vr.tracked[0].name, "file:/run/m") &&
	       va.vr.tracked[0].demote == 20 && !va.vr.tracked[0].fault &&
	       !strcmp(va.vr.tracked[1].name, "maint") &&
	       va.vr.tracked[1].fault && HAS(PRIORITY),
	       "two tracked objects, the last colon splits");
	tap_ok(ok(VR_CMD_SET, "dev d0 vrid 5 tracked none") && HAS(TRACKED) &&
	       va.vr.n_tracked == 0, "tracked none");
	refused(VR_CMD_SET, "dev d0 vrid 5 tracked x:256",
		"demote 256 out of range 0-255");
	refused(VR_CMD_SET, "dev d0 vrid 5 tracked x", "NAME:DEMOTE or NAME:fault");
	refused(VR_CMD_SET, "dev d0 vrid 5 tracked :5", "NAME:DEMOTE or NAME:fault");
	refused(VR_CMD_SET, "dev d0 vrid 5 tracked", "\"tracked\" needs");
	refused(VR_CMD_SET, "dev d0 vrid 5 tracked a:1 b:1 c:1 d:1 e:1 f:1 g:1 "
		"h:1 i:1 j:1 k:1 l:1 m:1 n:1 o:1 p:1 q:1",
		"too many tracked objects: at most 16");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 tracked a:1",
		"unknown keyword");

	/* set: only what was named. */
	tap_ok(ok(VR_CMD_SET, "dev d0 vrid 5 prio 120"), "set prio");
	tap_ok(HAS(PRIORITY) && !HAS(VIPS) && !HAS(FAMILY) && !HAS(PREEMPT),
	       "set sends only prio");
	tap_ok(ok(VR_CMD_SET, "dev d0 vrid 5 vip 2001:db8::5"), "set vips");
	tap_ok(HAS(VIPS) && HAS(FAMILY) && va.vr.family == AF_INET6,
	       "set with vips infers the family");
	refused(VR_CMD_SET, "dev d0 vrid 5 interval 1005", "multiple of 10");
	refused(VR_CMD_SET, "vrid 5 prio 1", "missing \"dev\"");
	refused(VR_CMD_SET, "dev d0 vrid 5", "nothing to change");
	refused(VR_CMD_SET, "dev d0 vrid 5 family inet", "nothing to change");

	tap_ok(ok(VR_CMD_DEL, "dev d0 vrid 5 family inet6"), "del with family");
	tap_ok(HAS(FAMILY) && va.vr.family == AF_INET6 && HAS(VRID),
	       "del key");

	tap_ok(ok(VR_CMD_SHOW, ""), "show without filter");
	tap_ok(!va.dev && !HAS(VRID), "no filter");
	tap_ok(ok(VR_CMD_SHOW, "dev d0 vrid 3"), "show with filter");
	tap_ok(!strcmp(va.dev, "d0") && va.vr.vrid == 3, "filter values");

	/* --no-check: out-of-range but encodable values go to the kernel. */
	tap_ok(parse(VR_CMD_ADD, "dev d0 vrid 0 prio 0 vip 192.0.2.1 interval 5 garp-repeat 1000",
		     true, &va, err, sizeof(err)) == 0 &&
	       va.vr.vrid == 0 && va.vr.priority == 0 &&
	       va.vr.advert_interval_ms == 5 && va.vr.garp_repeat == 1000,
	       "no_check passes out-of-range values");
	tap_ok(parse(VR_CMD_ADD, "vrid 5", true, &va, err, sizeof(err)) == 0 &&
	       !va.dev && !HAS(PRIORITY), "no_check allows missing keys");
	tap_ok(parse(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 family inet6",
		     true, &va, err, sizeof(err)) == 0 &&
	       va.vr.family == AF_INET6, "no_check allows a family mismatch");
	tap_ok(parse(VR_CMD_ADD, "dev d0 vrid 5 prio 300 vip 192.0.2.1",
		     true, &va, err, sizeof(err)) < 0 && strstr(err, "8 bits"),
	       "no_check still refuses what does not fit the wire");

	/* Durations name their unit, or are in the key's own. */
	tap_ok(ok(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 interval 1s preempt-delay 5s garp-interval 250ms garp-refresh 2m") &&
	       va.vr.advert_interval_ms == 1000 &&
	       va.vr.preempt_delay_ms == 5000 &&
	       va.vr.garp_interval_ms == 250 && va.vr.garp_refresh_s == 120,
	       "durations with units");
	tap_ok(ok(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 interval 200 garp-refresh 30") &&
	       va.vr.advert_interval_ms == 200 && va.vr.garp_refresh_s == 30,
	       "bare numbers keep the key's unit");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 garp-refresh 1500ms", "not a whole number of seconds");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 interval 1d", "not a duration");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 preempt-delay 2h", "must be 0..3600000 ms");

	/* iproute2 habits: abbreviations, yes/no, specific messages. */
	tap_ok(ok(VR_CMD_ADD, "d d0 vr 5 pri 90 vi 192.0.2.1 preempt-d 200 acc yes preempt no") &&
	       !strcmp(va.dev, "d0") && va.vr.vrid == 5 &&
	       va.vr.priority == 90 && va.vr.preempt_delay_ms == 200 &&
	       va.vr.accept && HAS(PREEMPT) && !va.vr.preempt,
	       "unique prefixes of keywords; yes and no");
	tap_ok(ok(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 preempt on") &&
	       va.vr.preempt && !HAS(PREEMPT_DELAY_MS),
	       "a whole keyword wins over longer ones it starts");
	refused(VR_CMD_ADD, "dev d0 vrid 5 p 1 vip 192.0.2.1", "ambiguous keyword \"p\"");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 garp 3", "ambiguous keyword \"garp\"");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prioity 1 vip 192.0.2.1", "did you mean \"priority\"?");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 intreval 100", "did you mean \"interval\"?");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 acept on", "did you mean \"accept\"?");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1 zzz", "unknown keyword \"zzz\"");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1/33", "prefix length 33 out of range 0-32");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 2001:db8::1/129", "prefix length 129 out of range 0-128");
	refused(VR_CMD_ADD, "dev d0 vrid 5 prio 1 vip 192.0.2.1/2x", "invalid vip");
	refused(VR_CMD_DEL, "dev d0 vrid 5 pr 1", "unknown keyword \"pr\"");

	free(last_copy);
	return tap_done();
}
