// SPDX-License-Identifier: GPL-2.0
/*
 * BFD on the wire: the UDP sockets of a namespace on port 3784 and the
 * transmission of control packets.
 *
 * Receive: kernel UDP sockets with an encap_rcv hook, as UDP tunnels have,
 * so that packets are handled in the softirq that delivers them, after the
 * UDP checksum was verified, with no socket queue and no thread.  One socket
 * per family; the IPv6 one is IPv6-only.  They exist while the namespace has
 * sessions, so that another BFD implementation can own the port otherwise.
 *
 * Transmit: packets are built whole (UDP and IP headers with TTL / hop
 * limit 255, RFC 5881 5) and sent with ip_local_out / ip6_local_out from
 * wherever the session lock is held, the hrtimers included: routed like
 * any local packet, bound to the session's interface.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/net.h>
#include <linux/pkt_sched.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/route.h>
#include <net/udp.h>
#include <net/udp_tunnel.h>

#include "bfd.h"

static void mwg_bfd_count_parse_drop(struct mwg_net_stats *st,
				     enum mwg_bfd_parse_result res)
{
	switch (res) {
	case MWG_BFD_PARSE_VERSION:
		atomic64_inc(&st->bfd_version_errors);
		break;
	case MWG_BFD_PARSE_LENGTH:
		atomic64_inc(&st->bfd_length_errors);
		break;
	case MWG_BFD_PARSE_MULT:
		atomic64_inc(&st->bfd_mult_errors);
		break;
	case MWG_BFD_PARSE_MULTIPOINT:
		atomic64_inc(&st->bfd_multipoint_errors);
		break;
	case MWG_BFD_PARSE_MY_DISC:
	case MWG_BFD_PARSE_YOUR_DISC:
		atomic64_inc(&st->bfd_disc_errors);
		break;
	case MWG_BFD_PARSE_AUTH:
		atomic64_inc(&st->bfd_auth_errors);
		break;
	case MWG_BFD_PARSE_OK:
		break;
	}
}

/* RFC 5880 6.8.6 in order, then RFC 5881 5 (TTL) once a session is known. */
static void mwg_bfd_rx(struct mwg_net *mn, struct sk_buff *skb)
{
	struct mwg_net_stats *st = &mn->stats;
	union mwg_addr saddr = {};
	enum mwg_bfd_parse_result res;
	struct mwg_bfd_session *s;
	struct mwg_bfd_pkt pkt;
	u8 family, ttl;

	if (skb->protocol == htons(ETH_P_IP)) {
		family = AF_INET;
		saddr.v4 = ip_hdr(skb)->saddr;
		ttl = ip_hdr(skb)->ttl;
	} else {
		family = AF_INET6;
		saddr.v6 = ipv6_hdr(skb)->saddr;
		ttl = ipv6_hdr(skb)->hop_limit;
	}
	res = mwg_bfd_parse(skb->data + sizeof(struct udphdr),
			    skb->len - sizeof(struct udphdr), &pkt);
	if (res != MWG_BFD_PARSE_OK) {
		mwg_bfd_count_parse_drop(st, res);
		net_dbg_ratelimited("BFD packet dropped (%d)\n", res);
		return;
	}
	if (pkt.your_disc)
		s = mwg_bfd_lookup_disc_rcu(mn, pkt.your_disc);
	else
		s = mwg_bfd_lookup_peer_rcu(mn, skb->dev, family, &saddr);
	if (!s || s->family != family) {
		atomic64_inc(&st->bfd_no_session);
		return;
	}
	if (ttl != MWG_BFD_TTL) {
		atomic64_inc(&st->bfd_ttl_errors);
		spin_lock(&s->lock);
		s->stats.rx_ttl_errors++;
		spin_unlock(&s->lock);
		return;
	}
	/* Single hop: the session lives on one link. */
	if (s->dev != skb->dev) {
		spin_lock(&s->lock);
		s->stats.rx_wrong_if++;
		spin_unlock(&s->lock);
		return;
	}
	mwg_bfd_session_rx(s, &pkt);
}

/* Softirq, after the UDP checksum was verified; data at the UDP header. */
static int mwg_bfd_encap_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct mwg_net *mn = rcu_dereference_sk_user_data(sk);

	if (mn && pskb_may_pull(skb, skb->len) &&
	    skb->len >= sizeof(struct udphdr))
		mwg_bfd_rx(mn, skb);
	else if (mn)
		atomic64_inc(&mn->stats.bfd_length_errors);
	consume_skb(skb);
	return 0;
}

static int mwg_bfd_sock_open(struct mwg_net *mn, u8 family,
			     struct socket **out)
{
	struct sockaddr_storage ss = {};
	struct socket *sock;
	int err, len;

	err = sock_create_kern(mn->net, family, SOCK_DGRAM, IPPROTO_UDP, &sock);
	if (err)
		return err;
	if (family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		err = ip6_sock_set_v6only(sock->sk);
		if (err)
			goto err;
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(MWG_BFD_PORT);
		len = sizeof(*sin6);
	} else {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(MWG_BFD_PORT);
		len = sizeof(*sin);
	}
	err = kernel_bind(sock, (struct sockaddr *)&ss, len);
	if (err)
		goto err;
	rcu_assign_sk_user_data(sock->sk, mn);
	WRITE_ONCE(udp_sk(sock->sk)->encap_type, 1);
	WRITE_ONCE(udp_sk(sock->sk)->encap_rcv, mwg_bfd_encap_rcv);
	udp_tunnel_encap_enable(sock->sk);
	*out = sock;
	return 0;
err:
	sock_release(sock);
	return err;
}

static void mwg_bfd_sock_close(struct socket *sock)
{
	rcu_assign_sk_user_data(sock->sk, NULL);
	kernel_sock_shutdown(sock, SHUT_RDWR);
	sock_release(sock);
}

/**
 * mwg_bfd_net_open() - Open the namespace's BFD sockets on UDP port 3784.
 * @mn: the namespace, about to get its first session.
 * @extack: where a failure is explained.
 *
 * One socket per family, the IPv6 one IPv6-only, each receiving through
 * an encap_rcv hook in the softirq that delivers the packet.  They exist
 * only while sessions do, so that another BFD implementation can have the
 * port otherwise.
 *
 * Context: RTNL held; process context.
 * Return: 0, or the error of creating or binding a socket, with neither
 * left open.
 */
int mwg_bfd_net_open(struct mwg_net *mn, struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	err = mwg_bfd_sock_open(mn, AF_INET, &mn->bfd.sock4);
	if (err)
		goto fail;
	err = mwg_bfd_sock_open(mn, AF_INET6, &mn->bfd.sock6);
	if (err) {
		mwg_bfd_sock_close(mn->bfd.sock4);
		mn->bfd.sock4 = NULL;
		goto fail;
	}
	return 0;
fail:
	NL_SET_ERR_MSG_MOD(extack,
			   "cannot bind UDP port 3784 in this namespace (another BFD daemon?)");
	return err;
}

/**
 * mwg_bfd_net_close() - Close the namespace's BFD sockets.
 * @mn: the namespace, its last session gone.
 *
 * Context: RTNL held; process context.
 */
void mwg_bfd_net_close(struct mwg_net *mn)
{
	ASSERT_RTNL();
	mwg_bfd_sock_close(mn->bfd.sock6);
	mwg_bfd_sock_close(mn->bfd.sock4);
	mn->bfd.sock6 = NULL;
	mn->bfd.sock4 = NULL;
}

static void mwg_bfd_push_udp(struct mwg_bfd_session *s, struct sk_buff *skb)
{
	struct udphdr *uh;

	skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh = udp_hdr(skb);
	uh->source = s->src_port;
	uh->dest = htons(MWG_BFD_PORT);
	uh->len = htons(skb->len);
	uh->check = 0;
}

static int mwg_bfd_xmit4(struct mwg_bfd_session *s, struct sk_buff *skb)
{
	struct net *net = dev_net(s->dev);
	struct flowi4 fl4 = {
		.flowi4_oif = s->dev->ifindex,
		.flowi4_proto = IPPROTO_UDP,
		.daddr = s->peer.v4,
		.saddr = s->local.v4,
		.fl4_sport = s->src_port,
		.fl4_dport = htons(MWG_BFD_PORT),
	};
	struct udphdr *uh;
	struct iphdr *iph;
	struct rtable *rt;

	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		kfree_skb(skb);
		return PTR_ERR(rt);
	}
	mwg_bfd_push_udp(s, skb);
	uh = udp_hdr(skb);
	uh->check = csum_tcpudp_magic(fl4.saddr, fl4.daddr, skb->len,
				      IPPROTO_UDP, csum_partial(uh, skb->len, 0));
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;
	skb->ip_summed = CHECKSUM_NONE;

	skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = sizeof(*iph) >> 2;
	iph->tos = IPTOS_PREC_INTERNETCONTROL;
	iph->tot_len = htons(skb->len);
	iph->id = 0;
	iph->frag_off = htons(IP_DF);
	iph->ttl = MWG_BFD_TTL;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = fl4.saddr;
	iph->daddr = fl4.daddr;
	ip_send_check(iph);
	skb->protocol = htons(ETH_P_IP);
	skb_dst_set(skb, &rt->dst);
	return ip_local_out(net, NULL, skb);
}

static int mwg_bfd_xmit6(struct mwg_bfd_session *s, struct sk_buff *skb)
{
	struct net *net = dev_net(s->dev);
	struct flowi6 fl6 = {
		.flowi6_oif = s->dev->ifindex,
		.flowi6_proto = IPPROTO_UDP,
		.daddr = s->peer.v6,
		.saddr = s->local.v6,
		.fl6_sport = s->src_port,
		.fl6_dport = htons(MWG_BFD_PORT),
	};
	struct dst_entry *dst;
	struct ipv6hdr *ip6h;
	struct udphdr *uh;

	dst = ip6_dst_lookup_flow(net, NULL, &fl6, NULL);
	if (IS_ERR(dst)) {
		kfree_skb(skb);
		return PTR_ERR(dst);
	}
	mwg_bfd_push_udp(s, skb);
	uh = udp_hdr(skb);
	uh->check = csum_ipv6_magic(&fl6.saddr, &fl6.daddr, skb->len,
				    IPPROTO_UDP, csum_partial(uh, skb->len, 0));
	if (!uh->check)
		uh->check = CSUM_MANGLED_0;
	skb->ip_summed = CHECKSUM_NONE;

	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	ip6_flow_hdr(ip6h, IPTOS_PREC_INTERNETCONTROL, 0);
	ip6h->payload_len = htons(skb->len - sizeof(*ip6h));
	ip6h->nexthdr = IPPROTO_UDP;
	ip6h->hop_limit = MWG_BFD_TTL;
	ip6h->saddr = fl6.saddr;
	ip6h->daddr = fl6.daddr;
	skb->protocol = htons(ETH_P_IPV6);
	skb_dst_set(skb, dst);
	return ip6_local_out(net, NULL, skb);
}

/**
 * mwg_bfd_send() - Build and send one control packet of a session.
 * @s: the session.
 * @flags: MWG_BFD_FLAG_POLL, MWG_BFD_FLAG_FINAL or 0.
 *
 * The packet carries the session's state as the lock holder sees it, with
 * TTL or hop limit 255 (RFC 5881 5), through the local output path
 * (ip_local_out(), ip6_local_out()), routed to the peer out of the
 * session's interface.  A failure is only counted (tx_errors): the
 * periodic transmission goes on.
 *
 * Context: @s->lock held; softirq (timers, receive) or BHs off.
 */
void mwg_bfd_send(struct mwg_bfd_session *s, u8 flags)
{
	struct mwg_bfd_pkt pkt = {
		.diag = s->diag,
		.state = s->state,
		.flags = flags,
		.detect_mult = s->cfg.multiplier,
		.my_disc = s->local_disc,
		.your_disc = s->remote_disc,
		.desired_min_tx = mwg_bfd_advertised_tx_us(s),
		.required_min_rx = s->cfg.rx_us,
	};
	unsigned int hroom = LL_MAX_HEADER + sizeof(struct ipv6hdr) +
			     sizeof(struct udphdr);
	struct sk_buff *skb;
	int err;

	lockdep_assert_held(&s->lock);
	skb = alloc_skb(hroom + MWG_BFD_HDR_LEN, GFP_ATOMIC);
	if (!skb) {
		s->stats.tx_errors++;
		return;
	}
	skb_reserve(skb, hroom);
	mwg_bfd_build(skb_put(skb, MWG_BFD_HDR_LEN), &pkt);
	skb->priority = TC_PRIO_CONTROL;
	rcu_read_lock();
	if (s->family == AF_INET)
		err = mwg_bfd_xmit4(s, skb);
	else
		err = mwg_bfd_xmit6(s, skb);
	rcu_read_unlock();
	if (net_xmit_eval(err))
		s->stats.tx_errors++;
	else
		s->stats.tx_packets++;
}
