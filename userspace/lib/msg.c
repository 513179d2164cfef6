// SPDX-License-Identifier: GPL-2.0
/*
 * Requests: struct mwg_vr and struct mwg_scanner onto the wire, with the
 * attribute widths of mwg_vrrp.h.  Only what the caller marked in ->have is
 * sent, so VR_SET changes exactly the keys the user named and the kernel's
 * defaults stay the kernel's business.
 */
#include <errno.h>
#include <string.h>

#include <netlink/attr.h>

#include "mwg.h"

/* A nest @list of @entry nests, each an address and its prefix length. */
static int put_prefixes(struct nl_msg *msg, int list, int entry,
			const struct mwg_addr *addrs, unsigned int n)
{
	struct nlattr *nest, *e;
	unsigned int i;

	nest = nla_nest_start(msg, list);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		const struct mwg_addr *a = &addrs[i];

		e = nla_nest_start(msg, entry);
		if (!e ||
		    nla_put(msg, MWG_VRRP_VIP_A_ADDR, mwg_addr_len(a),
			    a->bytes) < 0 ||
		    nla_put_u8(msg, MWG_VRRP_VIP_A_PREFIXLEN, a->prefixlen) < 0)
			return -EMSGSIZE;
		nla_nest_end(msg, e);
	}
	/* An empty list means something (allow: every source): keep it. */
	nla_nest_end_keep_empty(msg, nest);
	return 0;
}

/* The tracked objects' nest; an empty one clears the kernel's list. */
static int put_tracked(struct nl_msg *msg, const struct mwg_vr *vr)
{
	struct nlattr *nest, *e;
	unsigned int i;

	nest = nla_nest_start(msg, MWG_VRRP_A_TRACKED);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < vr->n_tracked; i++) {
		const struct mwg_tracked *t = &vr->tracked[i];

		e = nla_nest_start(msg, MWG_VRRP_A_TRACKED_OBJ);
		if (!e ||
		    nla_put_string(msg, MWG_VRRP_TRACKED_A_NAME, t->name) < 0 ||
		    nla_put_u8(msg, MWG_VRRP_TRACKED_A_DEMOTE, t->demote) < 0 ||
		    nla_put_u8(msg, MWG_VRRP_TRACKED_A_FAULT, t->fault) < 0)
			return -EMSGSIZE;
		nla_nest_end(msg, e);
	}
	nla_nest_end_keep_empty(msg, nest);
	return 0;
}

int mwg_vr_put(struct nl_msg *msg, const struct mwg_vr *vr)
{
	/* Settable attributes and their widths, as mwg_vrrp.h gives them. */
	static const struct {
		unsigned int attr;
		unsigned int width;
		size_t offset;
	} scalars[] = {
#define SCALAR(attr, field) \
	{ attr, sizeof(((struct mwg_vr *)0)->field), offsetof(struct mwg_vr, field) }
		SCALAR(MWG_VRRP_A_IFINDEX, ifindex),
		SCALAR(MWG_VRRP_A_VRID, vrid),
		SCALAR(MWG_VRRP_A_FAMILY, family),
		SCALAR(MWG_VRRP_A_VERSION, version),
		SCALAR(MWG_VRRP_A_PRIORITY, priority),
		SCALAR(MWG_VRRP_A_ADVERT_INTERVAL_MS, advert_interval_ms),
		SCALAR(MWG_VRRP_A_PREEMPT, preempt),
		SCALAR(MWG_VRRP_A_PREEMPT_DELAY_MS, preempt_delay_ms),
		SCALAR(MWG_VRRP_A_ACCEPT, accept),
		SCALAR(MWG_VRRP_A_VMAC, vmac),
		SCALAR(MWG_VRRP_A_GARP_REPEAT, garp_repeat),
		SCALAR(MWG_VRRP_A_GARP_INTERVAL_MS, garp_interval_ms),
		SCALAR(MWG_VRRP_A_GARP_REFRESH_S, garp_refresh_s),
		SCALAR(MWG_VRRP_A_CHECKSUM, checksum),
		SCALAR(MWG_VRRP_A_TRACK_SCANNERS, track_scanners),
		SCALAR(MWG_VRRP_A_TRACK_WEIGHT, track_weight),
		SCALAR(MWG_VRRP_A_TRACK_BFD, track_bfd),
		SCALAR(MWG_VRRP_A_TRACK_IFINDEX, track_ifindex),
		SCALAR(MWG_VRRP_A_TRACK_IF_WEIGHT, track_if_weight),
#undef SCALAR
	};
	const char *base = (const char *)vr;
	unsigned int i;
	int rc = 0;

	for (i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++) {
		const void *field = base + scalars[i].offset;

		if (!mwg_vr_has(vr, scalars[i].attr))
			continue;
		/* bool and uint8_t are both one byte: a u8 on the wire. */
		if (scalars[i].width == 1)
			rc = nla_put_u8(msg, scalars[i].attr,
					*(const uint8_t *)field);
		else
			rc = nla_put_u32(msg, scalars[i].attr,
					 *(const uint32_t *)field);
		if (rc < 0)
			return -EMSGSIZE;
	}
	if (mwg_vr_has(vr, MWG_VRRP_A_BFD_PEER) &&
	    nla_put(msg, MWG_VRRP_A_BFD_PEER, mwg_addr_len(&vr->bfd_peer),
		    vr->bfd_peer.bytes) < 0)
		return -EMSGSIZE;
	if (mwg_vr_has(vr, MWG_VRRP_A_ALLOW) &&
	    put_prefixes(msg, MWG_VRRP_A_ALLOW, MWG_VRRP_A_ALLOW_ENTRY,
			 vr->allow, vr->n_allow) < 0)
		return -EMSGSIZE;
	if (mwg_vr_has(vr, MWG_VRRP_A_UNICAST_PEERS) &&
	    put_prefixes(msg, MWG_VRRP_A_UNICAST_PEERS, MWG_VRRP_A_UNICAST_PEER,
			 vr->peers, vr->n_peers) < 0)
		return -EMSGSIZE;
	if (mwg_vr_has(vr, MWG_VRRP_A_TRACKED) && put_tracked(msg, vr) < 0)
		return -EMSGSIZE;
	if (mwg_vr_has(vr, MWG_VRRP_A_VIPS))
		return put_prefixes(msg, MWG_VRRP_A_VIPS, MWG_VRRP_A_VIP,
				    vr->vips, vr->n_vips);
	return 0;
}

int mwg_scanner_put(struct nl_msg *msg, const struct mwg_scanner *sc)
{
	struct nlattr *nest = nla_nest_start(msg, MWG_VRRP_A_SCANNER);

	if (!nest)
		return -EMSGSIZE;
	if (mwg_scanner_has(sc, MWG_VRRP_SCANNER_A_NODE_ID) &&
	    nla_put(msg, MWG_VRRP_SCANNER_A_NODE_ID, sizeof(sc->node_id),
		    sc->node_id) < 0)
		return -EMSGSIZE;
	if (mwg_scanner_has(sc, MWG_VRRP_SCANNER_A_ADDR) &&
	    nla_put(msg, MWG_VRRP_SCANNER_A_ADDR, mwg_addr_len(&sc->addr),
		    sc->addr.bytes) < 0)
		return -EMSGSIZE;
	if (mwg_scanner_has(sc, MWG_VRRP_SCANNER_A_NAME) &&
	    nla_put_string(msg, MWG_VRRP_SCANNER_A_NAME, sc->name) < 0)
		return -EMSGSIZE;
	/* Ports are integers, hence host byte order like every integer. */
	if (mwg_scanner_has(sc, MWG_VRRP_SCANNER_A_PORTS) &&
	    nla_put(msg, MWG_VRRP_SCANNER_A_PORTS,
		    sc->n_ports * sizeof(sc->ports[0]), sc->ports) < 0)
		return -EMSGSIZE;
	if (mwg_scanner_has(sc, MWG_VRRP_SCANNER_A_LOAD) &&
	    nla_put_u32(msg, MWG_VRRP_SCANNER_A_LOAD, sc->load) < 0)
		return -EMSGSIZE;
	if (mwg_scanner_has(sc, MWG_VRRP_SCANNER_A_CAPACITY) &&
	    nla_put_u32(msg, MWG_VRRP_SCANNER_A_CAPACITY, sc->capacity) < 0)
		return -EMSGSIZE;
	if (mwg_scanner_has(sc, MWG_VRRP_SCANNER_A_LEASE_MS) &&
	    nla_put_u32(msg, MWG_VRRP_SCANNER_A_LEASE_MS, sc->lease_ms) < 0)
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}
