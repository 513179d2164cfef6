/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sync groups: VRs on different interfaces of one namespace that are
 * MASTER together or not at all (transparent router mode).
 *
 * Rules, applied by group.c after the VR that moved released its lock:
 *
 *   - a member that leaves MASTER for its own reason (preempted, shut
 *     down, link down) sends every other member that is MASTER to BACKUP,
 *     with a priority 0 advert so that the peers take over in Skew_Time;
 *   - a member that becomes MASTER for its own reason (Master_Down, a
 *     priority 0 advert's Skew_Time, BFD, ownership) makes every other
 *     member in BACKUP MASTER at once: the group takes over as one;
 *   - while a member is in INIT, or its VR was deleted (an empty place), no
 *     member becomes MASTER: a backup whose timer expires stays BACKUP.
 *
 * Moves of reason MWG_VRRP_REASON_GROUP are never passed on again.  Two
 * members moving in opposite directions at the same instant on two CPUs
 * (one taking over as another is preempted) can leave the group split;
 * it is one-sided and short: the member left MASTER hears the preempting
 * master's next advert, yields, and takes the group down with it.
 *
 * Locking
 *
 *   mwg_net.groups, a group's members and mwg_vr.group are written under
 *   RTNL and read in softirq under RCU; a group is freed after a grace
 *   period.  A member's VR is unpublished (set NULL) under RTNL before the
 *   VR is freed, itself after a grace period.  The move to pass on is
 *   recorded in mwg_vr.group_move under the VR's own lock; the caller
 *   takes it with mwg_group_take_move() before unlocking and then calls
 *   mwg_group_follow(), which takes each other member's lock in turn,
 *   never two at once: no VR lock ever nests, in the same softirq pass.
 */
#ifndef _MWG_GROUP_H
#define _MWG_GROUP_H

#include <linux/netlink.h>
#include <linux/skbuff.h>

#include "vrrp.h"

enum mwg_group_move {
	MWG_GROUP_STAY,
	MWG_GROUP_DOWN,		/* a member left MASTER */
	MWG_GROUP_UP,		/* a member became MASTER */
};

struct mwg_group_member {
	int ifindex;
	u8 family;
	u8 vrid;
	struct mwg_vr __rcu *vr;	/* NULL: deleted, the place is kept */
};

struct mwg_group {
	struct list_head node;		/* in mwg_net.groups, RCU, RTNL */
	char name[MWG_VRRP_GROUP_NAME_MAX];
	unsigned int count;
	struct mwg_group_member member[MWG_VRRP_GROUP_MEMBERS_MAX];
	struct rcu_head rcu;
};

bool mwg_group_held(const struct mwg_vr *vr);
void mwg_group_note(struct mwg_vr *vr, enum mwg_vrrp_state old,
		    enum mwg_vrrp_reason reason);

/**
 * mwg_group_take_move() - Take the move mwg_group_note() recorded.
 * @vr: the VR.
 *
 * Clears it, so that each move is passed on once.
 *
 * Context: &mwg_vr.lock held, just before it is released.
 * Return: the move for mwg_group_follow(); MWG_GROUP_STAY when none.
 */
static inline enum mwg_group_move mwg_group_take_move(struct mwg_vr *vr)
{
	enum mwg_group_move move = vr->group_move;

	vr->group_move = MWG_GROUP_STAY;
	return move;
}

void mwg_group_follow(struct mwg_vr *vr, enum mwg_group_move move);

void mwg_group_unlock(struct mwg_vr *vr) __releases(&vr->lock);
void mwg_group_unlock_bh(struct mwg_vr *vr) __releases(&vr->lock);

int mwg_group_put_name(struct sk_buff *skb, const struct mwg_vr *vr);

struct mwg_group *mwg_group_find(struct mwg_net *mn, const char *name);
int mwg_group_add(struct mwg_net *mn, struct mwg_group *g,
		  struct netlink_ext_ack *extack);
void mwg_group_del(struct mwg_group *g);
void mwg_group_vr_added(struct mwg_vr *vr);
void mwg_group_vr_removed(struct mwg_vr *vr);
void mwg_group_destroy_all(struct mwg_net *mn);

/* genl handlers, group_netlink.c. */
struct genl_info;
int mwg_group_nl_new(struct sk_buff *skb, struct genl_info *info);
int mwg_group_nl_del(struct sk_buff *skb, struct genl_info *info);
int mwg_group_nl_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _MWG_GROUP_H */
