// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of the IPVS requests libmwg builds: the attributes the
 * kernel's IPVS family requires for each command, ports in network byte
 * order, and the key alone where the kernel wants only the key.
 */
#include <arpa/inet.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include "ipvs.h"
#include "tap.h"

static struct mwg_session fake = { .family_id = 42 };

static void service(struct mwg_ipvs_service *svc)
{
	memset(svc, 0, sizeof(*svc));
	svc->af = AF_INET;
	svc->protocol = IPPROTO_TCP;
	inet_pton(AF_INET, "192.0.2.100", svc->addr);
	svc->port = 9090;
	strcpy(svc->sched, "mh");
	svc->netmask = 0xffffffff;
}

/* The nest @type of @msg, parsed into @tb (max @max); false if absent. */
static bool nest_of(struct nl_msg *msg, int type, struct nlattr **tb, int max)
{
	struct nlattr *top[IPVS_CMD_ATTR_MAX + 1];

	if (genlmsg_parse(nlmsg_hdr(msg), 0, top, IPVS_CMD_ATTR_MAX, NULL) < 0 ||
	    !top[type])
		return false;
	return nla_parse_nested(tb, max, top[type], NULL) == 0;
}

static void test_service(void)
{
	struct nlattr *tb[IPVS_SVC_ATTR_MAX + 1];
	struct mwg_ipvs_service svc;
	struct nl_msg *msg;

	service(&svc);
	msg = mwg_ipvs_service_msg(&fake, IPVS_CMD_NEW_SERVICE, &svc);
	tap_ok(msg && genlmsg_hdr(nlmsg_hdr(msg))->cmd == IPVS_CMD_NEW_SERVICE &&
	       nlmsg_hdr(msg)->nlmsg_type == 42, "NEW_SERVICE to the family");
	tap_ok(msg && nest_of(msg, IPVS_CMD_ATTR_SERVICE, tb, IPVS_SVC_ATTR_MAX) &&
	       nla_get_u16(tb[IPVS_SVC_ATTR_PORT]) == htons(9090) &&
	       nla_len(tb[IPVS_SVC_ATTR_ADDR]) == 16 &&
	       !memcmp(nla_data(tb[IPVS_SVC_ATTR_ADDR]), svc.addr, 4) &&
	       nla_get_u16(tb[IPVS_SVC_ATTR_PROTOCOL]) == IPPROTO_TCP,
	       "key: protocol, 16-byte address, port in network order");
	tap_ok(msg && tb[IPVS_SVC_ATTR_SCHED_NAME] && tb[IPVS_SVC_ATTR_FLAGS] &&
	       tb[IPVS_SVC_ATTR_TIMEOUT] && tb[IPVS_SVC_ATTR_NETMASK] &&
	       !strcmp(nla_get_string(tb[IPVS_SVC_ATTR_SCHED_NAME]), "mh"),
	       "NEW_SERVICE carries scheduler, flags, timeout, netmask");
	nlmsg_free(msg);
	msg = mwg_ipvs_service_msg(&fake, IPVS_CMD_DEL_SERVICE, &svc);
	tap_ok(msg && nest_of(msg, IPVS_CMD_ATTR_SERVICE, tb, IPVS_SVC_ATTR_MAX) &&
	       tb[IPVS_SVC_ATTR_PORT] && !tb[IPVS_SVC_ATTR_SCHED_NAME],
	       "DEL_SERVICE carries the key alone");
	nlmsg_free(msg);
}

static void test_dest(void)
{
	struct nlattr *tb[IPVS_DEST_ATTR_MAX + 1];
	struct mwg_ipvs_service svc;
	struct mwg_ipvs_dest d = {
		.port = 9090, .fwd = IP_VS_CONN_F_DROUTE, .weight = 250,
	};
	struct nl_msg *msg;

	service(&svc);
	inet_pton(AF_INET, "192.0.2.11", d.addr);
	msg = mwg_ipvs_dest_msg(&fake, IPVS_CMD_NEW_DEST, &svc, &d);
	tap_ok(msg && nest_of(msg, IPVS_CMD_ATTR_DEST, tb, IPVS_DEST_ATTR_MAX) &&
	       nla_get_u16(tb[IPVS_DEST_ATTR_PORT]) == htons(9090) &&
	       nla_get_u32(tb[IPVS_DEST_ATTR_FWD_METHOD]) == IP_VS_CONN_F_DROUTE &&
	       nla_get_u32(tb[IPVS_DEST_ATTR_WEIGHT]) == 250 &&
	       tb[IPVS_DEST_ATTR_U_THRESH] && tb[IPVS_DEST_ATTR_L_THRESH],
	       "NEW_DEST: every field the kernel requires");
	tap_ok(msg && nest_of(msg, IPVS_CMD_ATTR_SERVICE, tb, IPVS_SVC_ATTR_MAX) &&
	       tb[IPVS_SVC_ATTR_PORT] && !tb[IPVS_SVC_ATTR_SCHED_NAME],
	       "NEW_DEST names its service by the key");
	nlmsg_free(msg);
	msg = mwg_ipvs_dest_msg(&fake, IPVS_CMD_DEL_DEST, &svc, &d);
	tap_ok(msg && nest_of(msg, IPVS_CMD_ATTR_DEST, tb, IPVS_DEST_ATTR_MAX) &&
	       tb[IPVS_DEST_ATTR_ADDR] && !tb[IPVS_DEST_ATTR_WEIGHT],
	       "DEL_DEST carries the key alone");
	nlmsg_free(msg);
}

static void test_daemon(void)
{
	struct nlattr *tb[IPVS_DAEMON_ATTR_MAX + 1];
	struct mwg_ipvs_daemon dm = { .state = IP_VS_STATE_MASTER, .sync_id = 51 };
	struct nl_msg *msg;

	strcpy(dm.ifname, "eth0");
	msg = mwg_ipvs_daemon_msg(&fake, IPVS_CMD_NEW_DAEMON, &dm);
	tap_ok(msg && nest_of(msg, IPVS_CMD_ATTR_DAEMON, tb, IPVS_DAEMON_ATTR_MAX) &&
	       nla_get_u32(tb[IPVS_DAEMON_ATTR_STATE]) == IP_VS_STATE_MASTER &&
	       !strcmp(nla_get_string(tb[IPVS_DAEMON_ATTR_MCAST_IFN]), "eth0") &&
	       nla_get_u32(tb[IPVS_DAEMON_ATTR_SYNC_ID]) == 51,
	       "NEW_DAEMON: state, interface, sync id");
	nlmsg_free(msg);
	msg = mwg_ipvs_daemon_msg(&fake, IPVS_CMD_DEL_DAEMON, &dm);
	tap_ok(msg && nest_of(msg, IPVS_CMD_ATTR_DAEMON, tb, IPVS_DAEMON_ATTR_MAX) &&
	       tb[IPVS_DAEMON_ATTR_STATE] && !tb[IPVS_DAEMON_ATTR_MCAST_IFN],
	       "DEL_DAEMON: the state alone");
	nlmsg_free(msg);
}

static void test_names(void)
{
	char buf[8];

	tap_str_eq(mwg_ipvs_fwd_name(IP_VS_CONN_F_DROUTE), "route", "route");
	tap_str_eq(mwg_ipvs_fwd_name(IP_VS_CONN_F_MASQ), "masq", "masq");
	tap_str_eq(mwg_ipvs_protocol_name(IPPROTO_UDP, buf, sizeof(buf)), "udp",
		   "udp");
	tap_str_eq(mwg_ipvs_protocol_name(132, buf, sizeof(buf)), "132",
		   "other protocols by number");
}

int main(void)
{
	tap_start();
	test_service();
	test_dest();
	test_daemon();
	test_names();
	return tap_done();
}
