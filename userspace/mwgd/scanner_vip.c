// SPDX-License-Identifier: GPL-2.0
/*
 * A scanner's side of Proxy HA with direct routing: the director forwards
 * packets for the VIP unchanged to the scanner's MAC, so the scanner must
 * take the VIP as a local address without ever answering ARP for it (the
 * segment would then send VIP traffic past the director).  The VIP goes on
 * lo, and net.ipv4.conf.all.arp_ignore 1 (answer only for addresses of
 * the receiving interface) and arp_announce 2 (never use the VIP as an
 * ARP source) keep it quiet.  Fail closed: the sysctls are set and read
 * back before any VIP goes on lo, and no VIP stays there while either does
 * not hold (a sandbox with /proc/sys read-only, say).  What was changed is
 * remembered and undone: the VIP leaves lo unless it was there before, the
 * sysctls get back the values found.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include <netlink/msg.h>
#include <netlink/socket.h>

#include "mwgd.h"
#include "scanner_vip.h"

static int sysctl_read(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -errno;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int sysctl_write(const char *path, const char *value)
{
	FILE *f = fopen(path, "w");
	int rc = 0;

	if (!f)
		return -errno;
	if (fputs(value, f) < 0)
		rc = -EIO;
	if (fclose(f) != 0 && !rc)
		rc = -errno;
	return rc;
}

/*
 * Raise a sysctl to at least @value, remembering what it was, and read it
 * back: 0 when it holds @value or more, else -errno (the write's error,
 * or -EPERM when the write seemed to work and the value did not stay).
 */
static int sysctl_raise(struct saved_sysctl *s, const char *path, int value,
			char *now, size_t now_len)
{
	char v[16];
	int rc;

	snprintf(now, now_len, "?");
	if (!s->saved) {
		s->path = path;
		rc = sysctl_read(path, s->old, sizeof(s->old));
		if (rc < 0)
			return rc;
		s->saved = true;
	}
	snprintf(v, sizeof(v), "%d", value);
	rc = 0;
	if (atoi(s->old) < value)
		rc = sysctl_write(path, v);
	/* What counts is what the kernel holds now, not what we wrote. */
	if (sysctl_read(path, now, now_len) < 0)
		return rc < 0 ? rc : -EIO;
	if (atoi(now) >= value)
		return 0;
	return rc < 0 ? rc : -EPERM;
}

static void sysctl_restore(struct saved_sysctl *s)
{
	int rc;

	if (!s->saved)
		return;
	rc = sysctl_write(s->path, s->old);
	if (rc < 0)
		mwgd_log(LOG_ERR, "%s: %s", s->path, strerror(-rc));
	s->saved = false;
}

/* Add (or delete) @vip/32 on lo.  0, -EEXIST when it was there, or -errno. */
static int lo_addr(struct in_addr vip, bool add)
{
	struct ifaddrmsg ifa = {
		.ifa_family = AF_INET,
		.ifa_prefixlen = 32,
		.ifa_scope = RT_SCOPE_UNIVERSE,
		.ifa_index = if_nametoindex("lo"),
	};
	struct nl_sock *sk = nl_socket_alloc();
	struct nl_msg *msg;
	int rc;

	if (!sk)
		return -ENOMEM;
	rc = nl_connect(sk, NETLINK_ROUTE);
	if (rc < 0)
		goto out;
	msg = nlmsg_alloc_simple(add ? RTM_NEWADDR : RTM_DELADDR,
				 add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	if (!msg) {
		rc = -NLE_NOMEM;
		goto out;
	}
	if (nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
	    nla_put(msg, IFA_LOCAL, 4, &vip) < 0 ||
	    nla_put(msg, IFA_ADDRESS, 4, &vip) < 0) {
		nlmsg_free(msg);
		rc = -NLE_NOMEM;
		goto out;
	}
	rc = nl_send_sync(sk, msg);
out:
	nl_socket_free(sk);
	if (rc == -NLE_EXIST)
		return -EEXIST;
	return rc < 0 ? -EIO : 0;
}

static bool vip_ours(const struct mwgd_scanner_vips *v, struct in_addr vip)
{
	unsigned int i;

	for (i = 0; i < v->n; i++)
		if (v->added[i].s_addr == vip.s_addr)
			return true;
	return false;
}

static void vips_remove_all(struct mwgd_scanner_vips *v)
{
	while (v->n)
		lo_addr(v->added[--v->n], false);
}

/*
 * Both sysctls at their values, read back: true if the VIP may go on lo.
 * Either one missing, the scanner would answer ARP for the VIP (or use it
 * as ARP source) and draw the VIP's traffic past the director.
 */
static bool arp_quiet(struct mwgd_scanner_vips *v)
{
	static const struct {
		const char *path;
		int value;
	} want[2] = {
		{ "/proc/sys/net/ipv4/conf/all/arp_ignore", 1 },
		{ "/proc/sys/net/ipv4/conf/all/arp_announce", 2 },
	};
	char now[16];
	bool ok = true;
	unsigned int i;
	int rc;

	for (i = 0; i < 2; i++) {
		rc = sysctl_raise(&v->sysctls[i], want[i].path, want[i].value,
				  now, sizeof(now));
		if (rc < 0) {
			mwgd_log(LOG_ERR,
				 "%s is %s and cannot be set to %d (%s): no proxy vip on lo, the scanner would answer ARP for it",
				 want[i].path, now, want[i].value,
				 strerror(-rc));
			ok = false;
		}
	}
	return ok;
}

void mwgd_scanner_vips_apply(struct mwgd_scanner_vips *v,
			     const struct mwgd_proxy_confs *pcs)
{
	char a[INET_ADDRSTRLEN];
	bool any_dr = false;
	unsigned int i, k;
	int rc;

	for (i = 0; i < pcs->n; i++)
		any_dr |= pcs->e[i].forward == MWGD_FORWARD_DR;
	if (!any_dr) {
		/* VIPs off lo before ARP may speak again. */
		vips_remove_all(v);
		sysctl_restore(&v->sysctls[0]);
		sysctl_restore(&v->sysctls[1]);
		return;
	}
	/* ARP kept quiet first, and checked: no VIP on lo otherwise. */
	if (!arp_quiet(v)) {
		vips_remove_all(v);
		return;
	}
	for (i = 0; i < pcs->n; i++) {
		const struct mwgd_proxy_conf *pc = &pcs->e[i];

		/* NAT: the director rewrites the address, nothing to accept. */
		if (pc->forward != MWGD_FORWARD_DR)
			continue;
		if (vip_ours(v, pc->vip))
			continue;
		inet_ntop(AF_INET, &pc->vip, a, sizeof(a));
		rc = lo_addr(pc->vip, true);
		if (rc == 0 && v->n < MWGD_MAX_PROXIES) {
			v->added[v->n++] = pc->vip;
			mwgd_log(LOG_INFO, "proxy %s: vip %s on lo", pc->name, a);
		} else if (rc == -EEXIST) {
			mwgd_log(LOG_INFO, "proxy %s: vip %s already on lo, left there at exit",
				 pc->name, a);
		} else if (rc < 0) {
			mwgd_log(LOG_ERR, "proxy %s: vip %s on lo: %s", pc->name,
				 a, strerror(-rc));
		}
	}
	/* VIPs of sections a reload took out. */
	for (k = 0; k < v->n;) {
		bool wanted = false;

		for (i = 0; i < pcs->n; i++)
			wanted |= pcs->e[i].forward == MWGD_FORWARD_DR &&
				  pcs->e[i].vip.s_addr ==
				  v->added[k].s_addr;
		if (wanted) {
			k++;
			continue;
		}
		lo_addr(v->added[k], false);
		v->added[k] = v->added[--v->n];
	}
}

void mwgd_scanner_vips_undo(struct mwgd_scanner_vips *v)
{
	vips_remove_all(v);
	sysctl_restore(&v->sysctls[0]);
	sysctl_restore(&v->sysctls[1]);
}
