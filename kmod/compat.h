/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The differences between the supported kernels (6.1 and 6.12), in one
 * place, so that the rest of the module reads like upstream code.
 */
#ifndef _MWG_COMPAT_H
#define _MWG_COMPAT_H

#include <linux/kconfig.h>
#include <linux/version.h>
#include <net/genetlink.h>

/*
 * The module hooks the netdev ingress and ARP output paths (arp.c): a
 * kernel without them would only warn at the first VR, so refuse to build.
 */
#if !IS_ENABLED(CONFIG_NETFILTER_INGRESS) || \
	!IS_ENABLED(CONFIG_NETFILTER_FAMILY_ARP)
#error "mwg_vrrp needs CONFIG_NETFILTER_INGRESS and CONFIG_NETFILTER_FAMILY_ARP"
#endif

/**
 * mwg_genl_dump_attrs() - The parsed attributes of a dump request.
 * @cb: the dump's state.
 *
 * 6.2 made them part of a struct genl_info.
 *
 * Return: the attributes, indexed by type.
 */
static inline struct nlattr **mwg_genl_dump_attrs(struct netlink_callback *cb)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
	return genl_dumpit_info(cb)->info.attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}

/*
 * 6.1 points policies at a non-const struct netlink_range_validation; 6.2+
 * at a const one.  Range tables are declared with this qualifier.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define mwg_nl_range_const const
#else
#define mwg_nl_range_const
#endif

#endif /* _MWG_COMPAT_H */
