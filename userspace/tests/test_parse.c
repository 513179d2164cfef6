// SPDX-License-Identifier: GPL-2.0
/*
 * Replies as the kernel would build them, parsed and printed: pins the
 * JSON shape that scripts rely on, the text layout, and the request
 * builders (mwg_vr_put, mwg_scanner_put) by parsing what they produce.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "json.h"
#include "mwg.h"
#include "tap.h"

#define FAMILY_ID	0x20

static struct nl_msg *reply(uint8_t cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, FAMILY_ID, 0, 0, cmd, MWG_VRRP_GENL_VERSION);
	return msg;
}

static void put_vip(struct nl_msg *msg, int family, const char *text,
		    uint8_t prefixlen)
{
	struct nlattr *vip = nla_nest_start(msg, MWG_VRRP_A_VIP);
	uint8_t addr[16];

	inet_pton(family, text, addr);
	nla_put(msg, MWG_VRRP_VIP_A_ADDR, family == AF_INET ? 4 : 16, addr);
	nla_put_u8(msg, MWG_VRRP_VIP_A_PREFIXLEN, prefixlen);
	nla_nest_end(msg, vip);
}

static void put_tracked(struct nl_msg *msg, const char *name, uint8_t demote,
			uint8_t fault)
{
	struct nlattr *obj = nla_nest_start(msg, MWG_VRRP_A_TRACKED_OBJ);

	nla_put_string(msg, MWG_VRRP_TRACKED_A_NAME, name);
	nla_put_u8(msg, MWG_VRRP_TRACKED_A_DEMOTE, demote);
	nla_put_u8(msg, MWG_VRRP_TRACKED_A_FAULT, fault);
	nla_nest_end(msg, obj);
}

/* A VR_GET reply for d0/vrid 5, master, with every attribute. */
static struct nl_msg *full_vr_reply(void)
{
	struct nl_msg *msg = reply(MWG_VRRP_CMD_VR_GET);
	struct nlattr *vips, *stats, *tracked;
	uint8_t master[4];
	unsigned int i;

	nla_put_u32(msg, MWG_VRRP_A_IFINDEX, 3);
	nla_put_string(msg, MWG_VRRP_A_IFNAME, "d0");
	nla_put_u8(msg, MWG_VRRP_A_VRID, 5);
	nla_put_u8(msg, MWG_VRRP_A_FAMILY, AF_INET);
	nla_put_u8(msg, MWG_VRRP_A_VERSION, 3);
	nla_put_u8(msg, MWG_VRRP_A_PRIORITY, 100);
	nla_put_u8(msg, MWG_VRRP_A_EFFECTIVE_PRIORITY, 90);
	nla_put_u32(msg, MWG_VRRP_A_ADVERT_INTERVAL_MS, 1000);
	nla_put_u32(msg, MWG_VRRP_A_MASTER_ADVER_INTERVAL_MS, 1000);
	nla_put_u8(msg, MWG_VRRP_A_PREEMPT, 1);
	nla_put_u32(msg, MWG_VRRP_A_PREEMPT_DELAY_MS, 0);
	nla_put_u8(msg, MWG_VRRP_A_ACCEPT, 0);
	nla_put_u8(msg, MWG_VRRP_A_VMAC, 0);
	nla_put_u32(msg, MWG_VRRP_A_GARP_REPEAT, 5);
	nla_put_u32(msg, MWG_VRRP_A_GARP_INTERVAL_MS, 1000);
	nla_put_u32(msg, MWG_VRRP_A_GARP_REFRESH_S, 0);
	nla_put_u8(msg, MWG_VRRP_A_CHECKSUM, MWG_VRRP_CSUM_PSEUDO);
	vips = nla_nest_start(msg, MWG_VRRP_A_VIPS);
	put_vip(msg, AF_INET, "192.0.2.100", 32);
	put_vip(msg, AF_INET, "192.0.2.101", 24);
	nla_nest_end(msg, vips);
	nla_put_u8(msg, MWG_VRRP_A_STATE, MWG_VRRP_STATE_MASTER);
	/* The last change, as a reply carries it. */
	nla_put_u64(msg, MWG_VRRP_A_STATE_AGE_MS, 1500);
	nla_put_u8(msg, MWG_VRRP_A_OLD_STATE, MWG_VRRP_STATE_BACKUP);
	nla_put_u8(msg, MWG_VRRP_A_REASON, MWG_VRRP_REASON_MASTER_DOWN);
	nla_put_u64(msg, MWG_VRRP_A_TIME_NS, 1700000000123456789ULL);
	inet_pton(AF_INET, "192.0.2.1", master);
	nla_put(msg, MWG_VRRP_A_MASTER_IP, 4, master);
	nla_put_u32(msg, MWG_VRRP_A_TRACK_SCANNERS, 2);
	nla_put_u8(msg, MWG_VRRP_A_TRACK_WEIGHT, 10);
	nla_put_string(msg, MWG_VRRP_A_GROUP_NAME, "router");
	tracked = nla_nest_start(msg, MWG_VRRP_A_TRACKED);
	put_tracked(msg, "file:/run/maint", 20, 0);
	put_tracked(msg, "script:/bin/check", 0, 1);
	nla_nest_end(msg, tracked);
	stats = nla_nest_start(msg, MWG_VRRP_A_STATS);
	/* The kernel pads u64s with a PAD attribute: it must be ignored. */
	nla_put(msg, MWG_VRRP_STATS_A_PAD, 0, NULL);
	for (i = 1; i < MWG_VRRP_STATS_A_PAD; i++) {
		if (i == MWG_VRRP_STATS_A_NEW_MASTER_REASON)
			nla_put_u8(msg, i, MWG_VRRP_REASON_OWNER);
		else
			nla_put_u64(msg, i, 100 + i);
	}
	nla_nest_end(msg, stats);
	/* An attribute from a newer kernel: ignored, not fatal. */
	nla_put_u32(msg, MWG_VRRP_A_MAX + 5, 7);
	return msg;
}

static char *mem_buf;
static size_t mem_len;

static FILE *mem_open(void)
{
	free(mem_buf);
	mem_buf = NULL;
	return open_memstream(&mem_buf, &mem_len);
}

static void test_vr_reply(void)
{
	struct nl_msg *msg = full_vr_reply();
	struct mwg_json j;
	struct mwg_vr vr;
	FILE *f;

	tap_ok(mwg_msg_cmd(msg) == MWG_VRRP_CMD_VR_GET, "command of a reply");
	tap_ok(mwg_vr_parse(msg, &vr) == 0, "parse a full VR reply");
	tap_ok(vr.ifindex == 3 && !strcmp(vr.ifname, "d0") && vr.vrid == 5 &&
	       vr.family == AF_INET && vr.priority == 100 &&
	       vr.effective_priority == 90 && vr.preempt && !vr.accept &&
	       !vr.vmac &&
	       vr.n_vips == 2 && vr.vips[1].prefixlen == 24 &&
	       vr.state == MWG_VRRP_STATE_MASTER &&
	       vr.track_scanners == 2 && vr.track_weight == 10,
	       "VR fields");
	tap_ok(vr.stats.value[MWG_VRRP_STATS_A_AUTH_TYPE_ERRORS] ==
	       100 + MWG_VRRP_STATS_A_AUTH_TYPE_ERRORS &&
	       !(vr.stats.have & MWG_BIT(MWG_VRRP_STATS_A_PAD)),
	       "stats counters, pad ignored");

	f = mem_open();
	mwg_json_init(&j, f, false);
	mwg_vr_print_json(&j, &vr);
	fclose(f);
	tap_str_eq(mem_buf,
		   "{\"dev\":\"d0\",\"ifindex\":3,\"vrid\":5,\"family\":\"inet\","
		   "\"version\":3,\"state\":\"master\",\"in_state_ms\":1500,"
		   "\"last_transition\":{\"time\":\"2023-11-14T22:13:20.123456+0000\","
		   "\"time_ns\":1700000000123456789,\"old_state\":\"backup\","
		   "\"reason\":\"master_down\"},\"group\":\"router\","
		   "\"priority\":100,"
		   "\"effective_priority\":90,\"advert_interval_ms\":1000,"
		   "\"master_adver_interval_ms\":1000,\"preempt\":true,"
		   "\"preempt_delay_ms\":0,\"accept\":false,\"vmac\":false,"
		   "\"checksum\":\"pseudo\",\"garp_repeat\":5,"
		   "\"garp_interval_ms\":1000,\"garp_refresh_s\":0,"
		   "\"vips\":[\"192.0.2.100/32\",\"192.0.2.101/24\"],"
		   "\"master_ip\":\"192.0.2.1\",\"track_scanners\":2,"
		   "\"track_weight\":10,\"track_bfd\":null,\"bfd_peer\":null,"
		   "\"allow\":[],\"unicast_peers\":[],\"tracked\":["
		   "{\"name\":\"file:/run/maint\",\"state\":\"down\","
		   "\"priority_delta\":-20,\"holds_init\":false},"
		   "{\"name\":\"script:/bin/check\",\"state\":\"fault\","
		   "\"priority_delta\":0,\"holds_init\":true}],\"stats\":{"
		   "\"master_transitions\":101,\"new_master_reason\":\"owner\","
		   "\"rcvd_advertisements\":103,\"adv_interval_errors\":104,"
		   "\"ip_ttl_errors\":105,\"rcvd_pri_zero_packets\":106,"
		   "\"sent_pri_zero_packets\":107,"
		   "\"rcvd_invalid_type_packets\":108,"
		   "\"address_list_errors\":109,\"packet_length_errors\":110,"
		   "\"sent_advertisements\":111,\"checksum_errors\":112,"
		   "\"version_errors\":113,\"auth_type_errors\":114,"
		   "\"rcvd_not_allowed\":null,\"unicast_send_errors\":null,"
		   "\"rogue_adverts\":null}}",
		   "VR as JSON");

	f = mem_open();
	mwg_vr_print_text(f, &vr);
	fclose(f);
	tap_str_eq(mem_buf,
		   "dev d0 vrid 5 inet: master\n"
		   "\tgroup router\n"
		   "\tin-state 1.500s since 2023-11-14T22:13:20.123456+0000 backup -> master (master_down)\n"
		   "\tversion 3 prio 100 effective-prio 90 interval 1000ms master-interval 1000ms\n"
		   "\tpreempt on preempt-delay 0ms accept off vmac off checksum pseudo\n"
		   "\tgarp-repeat 5 garp-interval 1000ms garp-refresh 0s\n"
		   "\tvip 192.0.2.100/32 192.0.2.101/24\n"
		   "\tmaster-ip 192.0.2.1 track-scanners 2 weight 10\n"
		   "\ttracked file:/run/maint (down -20) tracked script:/bin/check (fault)\n"
		   "\tstats:\n"
		   "\t\tmaster_transitions 101 new_master_reason owner\n"
		   "\t\trcvd_advertisements 103 adv_interval_errors 104\n"
		   "\t\tip_ttl_errors 105 rcvd_pri_zero_packets 106\n"
		   "\t\tsent_pri_zero_packets 107 rcvd_invalid_type_packets 108\n"
		   "\t\taddress_list_errors 109 packet_length_errors 110\n"
		   "\t\tsent_advertisements 111 checksum_errors 112\n"
		   "\t\tversion_errors 113 auth_type_errors 114\n",
		   "VR as text");
	nlmsg_free(msg);
}

static void test_sparse_reply(void)
{
	struct nl_msg *msg = reply(MWG_VRRP_CMD_VR_GET);
	struct mwg_json j;
	struct mwg_vr vr;
	FILE *f;

	nla_put_u32(msg, MWG_VRRP_A_IFINDEX, 7);
	nla_put_u8(msg, MWG_VRRP_A_VRID, 9);
	nla_put_u8(msg, MWG_VRRP_A_FAMILY, AF_INET6);
	/* A u8 attribute sent with a bad length is treated as absent. */
	nla_put(msg, MWG_VRRP_A_PRIORITY, 3, "abc");
	/* A master address of a bad length, too. */
	nla_put(msg, MWG_VRRP_A_MASTER_IP, 5, "abcde");
	tap_ok(mwg_vr_parse(msg, &vr) == 0, "parse a sparse reply");
	tap_ok(!mwg_vr_has(&vr, MWG_VRRP_A_PRIORITY) &&
	       !mwg_vr_has(&vr, MWG_VRRP_A_MASTER_IP),
	       "attributes of a bad length are absent");

	f = mem_open();
	mwg_json_init(&j, f, false);
	mwg_vr_print_json(&j, &vr);
	fclose(f);
	tap_str_eq(mem_buf,
		   "{\"dev\":\"if7\",\"ifindex\":7,\"vrid\":9,\"family\":\"inet6\","
		   "\"version\":null,\"state\":null,\"in_state_ms\":null,"
		   "\"last_transition\":null,\"group\":null,\"priority\":null,"
		   "\"effective_priority\":null,\"advert_interval_ms\":null,"
		   "\"master_adver_interval_ms\":null,\"preempt\":null,"
		   "\"preempt_delay_ms\":null,\"accept\":null,\"vmac\":null,\"checksum\":null,"
		   "\"garp_repeat\":null,\"garp_interval_ms\":null,"
		   "\"garp_refresh_s\":null,\"vips\":[],\"master_ip\":null,"
		   "\"track_scanners\":null,\"track_weight\":null,"
		   "\"track_bfd\":null,\"bfd_peer\":null,\"allow\":[],"
		   "\"unicast_peers\":[],\"tracked\":[],\"stats\":{"
		   "\"master_transitions\":null,\"new_master_reason\":null,"
		   "\"rcvd_advertisements\":null,\"adv_interval_errors\":null,"
		   "\"ip_ttl_errors\":null,\"rcvd_pri_zero_packets\":null,"
		   "\"sent_pri_zero_packets\":null,"
		   "\"rcvd_invalid_type_packets\":null,"
		   "\"address_list_errors\":null,\"packet_length_errors\":null,"
		   "\"sent_advertisements\":null,\"checksum_errors\":null,"
		   "\"version_errors\":null,\"auth_type_errors\":null,"
		   "\"rcvd_not_allowed\":null,\"unicast_send_errors\":null,"
		   "\"rogue_adverts\":null}}",
		   "missing attributes are null in JSON");
	nlmsg_free(msg);
}

static void test_event(void)
{
	struct nl_msg *msg = reply(MWG_VRRP_CMD_VR_EVENT);
	struct mwg_json j;
	struct mwg_vr ev;
	char *line;
	FILE *f;

	nla_put_u32(msg, MWG_VRRP_A_IFINDEX, 3);
	nla_put_string(msg, MWG_VRRP_A_IFNAME, "d0");
	nla_put_u8(msg, MWG_VRRP_A_VRID, 5);
	nla_put_u8(msg, MWG_VRRP_A_FAMILY, AF_INET6);
	nla_put_u8(msg, MWG_VRRP_A_OLD_STATE, MWG_VRRP_STATE_BACKUP);
	nla_put_u8(msg, MWG_VRRP_A_STATE, MWG_VRRP_STATE_MASTER);
	nla_put_u8(msg, MWG_VRRP_A_REASON, MWG_VRRP_REASON_MASTER_DOWN);
	nla_put_u64(msg, MWG_VRRP_A_TIME_NS, 1700000000123456789ULL);
	tap_ok(mwg_vr_parse(msg, &ev) == 0, "parse a VR event");

	f = mem_open();
	mwg_json_init(&j, f, false);
	mwg_vr_event_print_json(&j, &ev);
	fclose(f);
	tap_str_eq(mem_buf,
		   "{\"event\":\"vr\",\"time_ns\":1700000000123456789,"
		   "\"dev\":\"d0\",\"ifindex\":3,\"vrid\":5,\"family\":\"inet6\","
		   "\"old_state\":\"backup\",\"state\":\"master\","
		   "\"reason\":\"master_down\"}",
		   "VR event as JSON");

	setenv("TZ", "UTC", 1);
	f = mem_open();
	mwg_vr_event_print_text(f, &ev);
	fclose(f);
	line = mem_buf;
	tap_str_eq(line,
		   "2023-11-14T22:13:20.123456+0000 dev d0 vrid 5 inet6: "
		   "backup -> master (master_down)\n",
		   "VR event as text");
	nlmsg_free(msg);
}

static void test_rogue_event(void)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0xaa, 0xbb, 0x0c };
	struct nl_msg *msg = reply(MWG_VRRP_CMD_ROGUE_EVENT);
	uint8_t src[4];
	struct mwg_json j;
	struct mwg_vr ev;
	FILE *f;

	nla_put_u32(msg, MWG_VRRP_A_IFINDEX, 3);
	nla_put_string(msg, MWG_VRRP_A_IFNAME, "d0");
	nla_put_u8(msg, MWG_VRRP_A_VRID, 5);
	nla_put_u8(msg, MWG_VRRP_A_FAMILY, AF_INET);
	nla_put_u8(msg, MWG_VRRP_A_STATE, MWG_VRRP_STATE_BACKUP);
	nla_put_u8(msg, MWG_VRRP_A_PRIORITY, 250);
	nla_put_u8(msg, MWG_VRRP_A_ROGUE, MWG_VRRP_ROGUE_UNSEEN);
	nla_put_u64(msg, MWG_VRRP_A_TIME_NS, 1700000000123456789ULL);
	inet_pton(AF_INET, "192.0.2.66", src);
	nla_put(msg, MWG_VRRP_A_MASTER_IP, 4, src);
	nla_put(msg, MWG_VRRP_A_SOURCE_MAC, 6, mac);
	tap_ok(mwg_vr_parse(msg, &ev) == 0, "parse a rogue event");

	f = mem_open();
	mwg_json_init(&j, f, false);
	mwg_rogue_event_print_json(&j, &ev);
	fclose(f);
	tap_str_eq(mem_buf,
		   "{\"event\":\"rogue_master\",\"time_ns\":1700000000123456789,"
		   "\"dev\":\"d0\",\"ifindex\":3,\"vrid\":5,\"family\":\"inet\","
		   "\"state\":\"backup\",\"source\":\"192.0.2.66\","
		   "\"source_mac\":\"02:00:00:aa:bb:0c\",\"priority\":250,"
		   "\"why\":\"unseen_master\"}",
		   "rogue event as JSON");

	f = mem_open();
	mwg_rogue_event_print_text(f, &ev);
	fclose(f);
	tap_str_eq(mem_buf,
		   "2023-11-14T22:13:20.123456+0000 dev d0 vrid 5 inet: rogue "
		   "master? 192.0.2.66 mac 02:00:00:aa:bb:0c priority 250 "
		   "(unseen_master)\n",
		   "rogue event as text");
	nlmsg_free(msg);
}

static int count_scanner(const struct mwg_scanner *sc, void *arg)
{
	struct mwg_scanner *out = arg;

	*out = *sc;
	out[1].capacity++;	/* out[1] counts the calls */
	return 0;
}

static void test_scanners(void)
{
	struct nl_msg *msg = reply(MWG_VRRP_CMD_SCANNER_GET);
	struct mwg_scanner in, got[2];
	struct nlattr *list;
	struct mwg_json j;
	FILE *f;
	int n;

	memset(&in, 0, sizeof(in));
	in.have = MWG_BIT(MWG_VRRP_SCANNER_A_NODE_ID) |
		  MWG_BIT(MWG_VRRP_SCANNER_A_ADDR) |
		  MWG_BIT(MWG_VRRP_SCANNER_A_NAME) |
		  MWG_BIT(MWG_VRRP_SCANNER_A_PORTS) |
		  MWG_BIT(MWG_VRRP_SCANNER_A_LOAD) |
		  MWG_BIT(MWG_VRRP_SCANNER_A_CAPACITY) |
		  MWG_BIT(MWG_VRRP_SCANNER_A_LEASE_MS);
	for (n = 0; n < 16; n++)
		in.node_id[n] = 0x10 * (n & 0xf) + n;
	mwg_addr_parse("198.51.100.7", false, &in.addr);
	strcpy(in.name, "scan \"1\"");
	in.n_ports = 2;
	in.ports[0] = 9090;
	in.ports[1] = 443;
	in.load = 125;
	in.capacity = 100;
	in.lease_ms = 3000;

	/* The builder's output, wrapped in a list, read back. */
	list = nla_nest_start(msg, MWG_VRRP_A_SCANNERS);
	tap_ok(mwg_scanner_put(msg, &in) == 0, "build a scanner");
	nla_nest_end(msg, list);
	/* A scanner nest with nothing in it is skipped. */
	nla_put_u32(msg, MWG_VRRP_A_SCANNER, 0);

	memset(got, 0, sizeof(got));
	n = mwg_scanners_foreach(msg, count_scanner, got);
	tap_ok(n == 1 && got[1].capacity == 1, "one scanner in the reply");
	tap_ok(!memcmp(got[0].node_id, in.node_id, 16) &&
	       got[0].n_ports == 2 && got[0].ports[1] == 443 &&
	       !strcmp(got[0].name, in.name) && got[0].load == 125 &&
	       got[0].lease_ms == 3000 &&
	       !(got[0].have & MWG_SCANNER_HAVE_TIME),
	       "scanner round trip");

	got[0].age_ms = 120;
	got[0].have |= MWG_BIT(MWG_VRRP_SCANNER_A_AGE_MS);
	f = mem_open();
	mwg_json_init(&j, f, false);
	mwg_scanner_print_json(&j, &got[0]);
	fclose(f);
	tap_str_eq(mem_buf,
		   "{\"addr\":\"198.51.100.7\","
		   "\"node_id\":\"00112233445566778899aabbccddeeff\","
		   "\"name\":\"scan \\\"1\\\"\",\"ports\":[9090,443],"
		   "\"load\":125,\"capacity\":100,\"age_ms\":120,"
		   "\"lease_ms\":3000}",
		   "scanner as JSON");

	f = mem_open();
	mwg_scanner_print_text(f, &got[0]);
	fclose(f);
	tap_str_eq(mem_buf,
		   "198.51.100.7 node 00112233445566778899aabbccddeeff "
		   "name scan \"1\" ports 9090,443 load 12.5% capacity 100 "
		   "age 120ms lease 3000ms\n",
		   "scanner as text");
	nlmsg_free(msg);

	/* An event: a top-level scanner nest, the time beside it. */
	msg = reply(MWG_VRRP_CMD_SCANNER_EVENT);
	in.have &= ~MWG_BIT(MWG_VRRP_SCANNER_A_LEASE_MS);
	mwg_scanner_put(msg, &in);
	nla_put_u64(msg, MWG_VRRP_A_TIME_NS, 42);
	memset(got, 0, sizeof(got));
	n = mwg_scanners_foreach(msg, count_scanner, got);
	tap_ok(n == 1 && (got[0].have & MWG_SCANNER_HAVE_TIME) &&
	       got[0].time_ns == 42, "scanner event carries the time");
	f = mem_open();
	mwg_json_init(&j, f, false);
	mwg_scanner_event_print_json(&j, &got[0]);
	fclose(f);
	tap_ok(!strncmp(mem_buf, "{\"event\":\"scanner\",\"time_ns\":42,", 32),
	       "scanner event as JSON");
	nlmsg_free(msg);
}

static void test_vr_put_round_trip(void)
{
	static const unsigned int sent[] = {
		MWG_VRRP_A_IFINDEX, MWG_VRRP_A_VRID, MWG_VRRP_A_FAMILY,
		MWG_VRRP_A_PRIORITY, MWG_VRRP_A_ADVERT_INTERVAL_MS,
		MWG_VRRP_A_PREEMPT, MWG_VRRP_A_GARP_REFRESH_S,
		MWG_VRRP_A_TRACK_WEIGHT, MWG_VRRP_A_VIPS,
	};
	struct nl_msg *msg = reply(MWG_VRRP_CMD_VR_NEW);
	struct mwg_vr in, out;
	unsigned int i;

	memset(&in, 0, sizeof(in));
	in.ifindex = 4;
	in.vrid = 200;
	in.family = AF_INET6;
	in.priority = 255;
	in.advert_interval_ms = 40950;
	in.preempt = true;
	in.garp_refresh_s = 86400;
	in.track_weight = 30;
	in.n_vips = 2;
	mwg_addr_parse("fe80::1/64", true, &in.vips[0]);
	mwg_addr_parse("2001:db8::1", true, &in.vips[1]);
	for (i = 0; i < sizeof(sent) / sizeof(sent[0]); i++)
		mwg_vr_mark(&in, sent[i]);

	tap_ok(mwg_vr_put(msg, &in) == 0, "build a VR request");
	tap_ok(mwg_vr_parse(msg, &out) == 0 &&
	       !memcmp(&out.have, &in.have, sizeof(in.have)),
	       "exactly the marked attributes are sent");
	tap_ok(out.ifindex == 4 && out.vrid == 200 && out.family == AF_INET6 &&
	       out.priority == 255 && out.advert_interval_ms == 40950 &&
	       out.preempt && out.garp_refresh_s == 86400 &&
	       out.track_weight == 30 && out.n_vips == 2 &&
	       out.vips[0].prefixlen == 64 &&
	       !memcmp(out.vips[1].bytes, in.vips[1].bytes, 16),
	       "VR request round trip");
	{
		struct nlattr *tb[MWG_VRRP_A_MAX + 1];

		genlmsg_parse(nlmsg_hdr(msg), 0, tb, MWG_VRRP_A_MAX, NULL);
		tap_ok(nla_len(tb[MWG_VRRP_A_VRID]) == 1 &&
		       nla_len(tb[MWG_VRRP_A_PREEMPT]) == 1 &&
		       nla_len(tb[MWG_VRRP_A_ADVERT_INTERVAL_MS]) == 4 &&
		       nla_len(tb[MWG_VRRP_A_IFINDEX]) == 4,
		       "attribute widths follow the contract");
	}
	nlmsg_free(msg);
}

static void test_info(void)
{
	struct nl_msg *msg = reply(MWG_VRRP_CMD_GET_INFO);
	struct mwg_info info;
	struct nlattr *ns;
	struct mwg_json j;
	FILE *f;

	nla_put_string(msg, MWG_VRRP_A_MODULE_VERSION, "0.1.0");
	ns = nla_nest_start(msg, MWG_VRRP_A_NS_STATS);
	nla_put_u64(msg, MWG_VRRP_NS_STATS_A_CHECKSUM_ERRORS, 1);
	nla_put_u64(msg, MWG_VRRP_NS_STATS_A_VRID_ERRORS, 3);
	nla_nest_end(msg, ns);
	tap_ok(mwg_info_parse(msg, &info) == 0, "parse GET_INFO");

	f = mem_open();
	mwg_json_init(&j, f, false);
	mwg_json_begin_object(&j);
	mwg_info_print_json_fields(&j, &info);
	mwg_json_end_object(&j);
	fclose(f);
	tap_str_eq(mem_buf,
		   "{\"module_version\":\"0.1.0\",\"namespace\":{"
		   "\"checksum_errors\":1,\"version_errors\":null,"
		   "\"vrid_errors\":3,\"packet_length_errors\":null,"
		   "\"ip_ttl_errors\":null,\"bfd_version_errors\":null,"
		   "\"bfd_length_errors\":null,\"bfd_mult_errors\":null,"
		   "\"bfd_multipoint_errors\":null,\"bfd_disc_errors\":null,"
		   "\"bfd_auth_errors\":null,\"bfd_ttl_errors\":null,"
		   "\"bfd_no_session\":null}}",
		   "info as JSON");

	f = mem_open();
	mwg_info_print_text(f, &info);
	fclose(f);
	tap_str_eq(mem_buf,
		   "module mwg_vrrp 0.1.0\n"
		   "namespace:\n"
		   "\tchecksum_errors 1 vrid_errors 3\n",
		   "info as text");
	nlmsg_free(msg);
}

int main(void)
{
	/* Times are printed in local time: make it the same everywhere. */
	setenv("TZ", "UTC", 1);
	tzset();
	tap_start();
	test_vr_reply();
	test_sparse_reply();
	test_event();
	test_rogue_event();
	test_scanners();
	test_vr_put_round_trip();
	test_info();
	free(mem_buf);
	return tap_done();
}
