// SPDX-License-Identifier: GPL-2.0
/*
 * A master in accept mode owns its VIPs as local addresses, so that the
 * proxy listening on them gets the traffic; a backup does not, so that its
 * own traffic to a VIP goes to the master.
 *
 * The kernel offers modules no call to add an interface address, so this
 * file speaks rtnetlink to its own namespace through a kernel socket, the
 * way "ip address" would: the address shows up, routes and notifications
 * included, exactly as if an operator had added it.  That needs process
 * context without RTNL, hence a work item; it runs right after the
 * takeover, whose adverts and gratuitous ARPs have already left in softirq
 * and whose ARP answers the ingress hook gives without the address.
 *
 * Only addresses this VR added are removed again: an address that already
 * existed (the owner's own, or one an operator configured) is left alone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_addr.h>
#include <linux/net.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/socket.h>
#include <linux/uio.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "addr.h"

struct mwg_addr_req {
	struct nlmsghdr nh;
	struct ifaddrmsg ifa;
	u8 attrs[2 * RTA_SPACE(16) + RTA_SPACE(sizeof(u32))];
};

static void mwg_addr_put_attr(struct mwg_addr_req *req, u16 type,
			      const void *data, unsigned int len)
{
	struct rtattr *rta = (struct rtattr *)((u8 *)req +
					       NLMSG_ALIGN(req->nh.nlmsg_len));

	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	req->nh.nlmsg_len = NLMSG_ALIGN(req->nh.nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

/* One RTM_NEWADDR or RTM_DELADDR request; returns the kernel's answer. */
static int mwg_addr_request(struct net *net, int cmd, int ifindex, u8 family,
			    const struct mwg_vip *vip)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct mwg_addr_req req = {};
	struct msghdr msg = {};
	struct kvec iov;
	struct socket *sock;
	struct {
		struct nlmsghdr nh;
		struct nlmsgerr err;
	} ack;
	u32 flags = family == AF_INET6 ? IFA_F_NODAD : 0;
	unsigned int alen = mwg_addr_len(family);
	int err;

	err = sock_create_kern(net, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE, &sock);
	if (err)
		return err;

	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifa));
	req.nh.nlmsg_type = cmd;
	req.nh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (cmd == RTM_NEWADDR)
		req.nh.nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	req.nh.nlmsg_seq = 1;
	req.ifa.ifa_family = family;
	req.ifa.ifa_prefixlen = vip->prefixlen;
	req.ifa.ifa_scope = RT_SCOPE_UNIVERSE;
	req.ifa.ifa_index = ifindex;
	/* DAD would hold an IPv6 VIP tentative, useless, during takeover. */
	req.ifa.ifa_flags = (u8)flags;
	mwg_addr_put_attr(&req, IFA_LOCAL, vip->addr.raw, alen);
	mwg_addr_put_attr(&req, IFA_ADDRESS, vip->addr.raw, alen);
	mwg_addr_put_attr(&req, IFA_FLAGS, &flags, sizeof(flags));

	msg.msg_name = &kernel;
	msg.msg_namelen = sizeof(kernel);
	iov.iov_base = &req;
	iov.iov_len = req.nh.nlmsg_len;
	err = kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
	if (err < 0)
		goto out;

	/* rtnetlink answers synchronously: the ack is queued already. */
	memset(&msg, 0, sizeof(msg));
	iov.iov_base = &ack;
	iov.iov_len = sizeof(ack);
	err = kernel_recvmsg(sock, &msg, &iov, 1, iov.iov_len, MSG_DONTWAIT);
	if (err < (int)sizeof(ack))
		err = err < 0 ? err : -EPROTO;
	else if (ack.nh.nlmsg_type != NLMSG_ERROR)
		err = -EPROTO;
	else
		err = ack.err.error;
out:
	sock_release(sock);
	return err;
}

static bool mwg_vip_in(const struct mwg_vip *vip, const struct mwg_vip *set,
		       unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!memcmp(&set[i].addr, &vip->addr, sizeof(vip->addr)) &&
		    set[i].prefixlen == vip->prefixlen)
			return true;
	return false;
}

/* Bring the addresses in line with what the VR's state asks for. */
static void mwg_addr_reconcile(struct mwg_vr *vr, bool withdraw)
{
	struct net *net = dev_net(vr->dev);
	const struct mwg_vip_list *vips;
	unsigned int i, n_want = 0, n_kept = 0;
	int err;

	mutex_lock(&vr->addr_mutex);
	spin_lock_bh(&vr->lock);
	if (!withdraw && !vr->dead && vr->state == MWG_VRRP_STATE_MASTER &&
	    vr->cfg.accept) {
		vips = rcu_dereference_protected(vr->vips,
						 lockdep_is_held(&vr->lock));
		n_want = vips->count;
		memcpy(vr->want, vips->vip, n_want * sizeof(vr->want[0]));
	}
	spin_unlock_bh(&vr->lock);

	/* A dying namespace or device takes its addresses with it. */
	if (vr->dev_gone || !check_net(net)) {
		vr->n_installed = 0;
		goto out;
	}

	for (i = 0; i < vr->n_installed; i++) {
		const struct mwg_vip *vip = &vr->installed[i];

		if (mwg_vip_in(vip, vr->want, n_want)) {
			vr->installed[n_kept++] = *vip;
			continue;
		}
		err = mwg_addr_request(net, RTM_DELADDR, vr->dev->ifindex,
				       vr->family, vip);
		if (err && err != -EADDRNOTAVAIL && err != -ENODEV)
			net_warn_ratelimited("%s vrid %u: cannot remove a VIP: %d\n",
					     vr->dev->name, vr->vrid, err);
	}
	vr->n_installed = n_kept;

	for (i = 0; i < n_want; i++) {
		const struct mwg_vip *vip = &vr->want[i];

		if (mwg_vip_in(vip, vr->installed, vr->n_installed))
			continue;
		err = mwg_addr_request(net, RTM_NEWADDR, vr->dev->ifindex,
				       vr->family, vip);
		if (!err)
			vr->installed[vr->n_installed++] = *vip;
		else if (err != -EEXIST)
			net_warn_ratelimited("%s vrid %u: cannot add a VIP: %d\n",
					     vr->dev->name, vr->vrid, err);
	}
out:
	mutex_unlock(&vr->addr_mutex);
}

/**
 * mwg_addr_work() - Bring the VR's VIP addresses in line with its state.
 * @work: &mwg_vr.addr_work.
 *
 * A master in accept mode has each VIP as a local address of its
 * interface; in any other state, and once the VR is dead, it keeps none of
 * the addresses it added.  An address it did not add itself (the owner's
 * own, one an operator configured) is never removed.  The addresses are
 * changed through rtnetlink, as "ip address" would, which needs process
 * context without RTNL: hence a work item, which mwg_addr_sync() queues.
 *
 * Context: Process context on mwg_wq, without RTNL.  Takes
 * &mwg_vr.addr_mutex, and &mwg_vr.lock for a moment.
 */
void mwg_addr_work(struct work_struct *work)
{
	mwg_addr_reconcile(container_of(work, struct mwg_vr, addr_work), false);
}

/**
 * mwg_addr_sync() - Queue the reconciliation of the VR's VIP addresses.
 * @vr: the VR whose state or VIP list just changed.
 *
 * The state changes in softirq, where no address can be added; the work
 * item (mwg_addr_work()) does it in process context, after the takeover's
 * adverts and gratuitous ARPs have left.  Nothing is queued once the VR
 * is dead: mwg_addr_withdraw_all() has the last word then.
 *
 * Context: &mwg_vr.lock held; any context.
 */
void mwg_addr_sync(struct mwg_vr *vr)
{
	lockdep_assert_held(&vr->lock);
	if (!vr->dead)
		queue_work(mwg_wq, &vr->addr_work);
}

/**
 * mwg_addr_withdraw_all() - Remove every VIP address the VR added.
 * @vr: a dead VR whose address work was cancelled.
 *
 * The last step of a VR's destruction (mwg_vr_finish()).  Only addresses
 * the VR added itself are removed.  When its device is being unregistered
 * or its namespace dismantled, no request is sent: the addresses go with
 * them.
 *
 * Context: Process context, may sleep; without RTNL and &mwg_vr.lock.
 * Takes &mwg_vr.addr_mutex.
 */
void mwg_addr_withdraw_all(struct mwg_vr *vr)
{
	mwg_addr_reconcile(vr, true);
}
