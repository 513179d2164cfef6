// SPDX-License-Identifier: GPL-2.0
/*
 * Sync groups (group.h): the table of a namespace's groups and the rules
 * that move a group's members together.
 */
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include "fsm.h"
#include "group.h"

static struct mwg_group *mwg_vr_group_rcu(const struct mwg_vr *vr)
{
	return rcu_dereference_check(vr->group, lockdep_rtnl_is_held());
}

/**
 * mwg_group_held() - Whether the VR's sync group keeps it out of master.
 * @vr: the VR.
 *
 * A group is held while any other member is in Initialize or its place is
 * empty (the VR was deleted).  The other members' states are read without
 * their locks: a hint, which the next expiry of a held backup's timer
 * reads again.
 *
 * Context: &mwg_vr.lock held; softirq or BHs off.  Takes the RCU read lock.
 * Return: true when @vr may not become master now.
 */
bool mwg_group_held(const struct mwg_vr *vr)
{
	const struct mwg_group *g;
	bool held = false;
	unsigned int i;

	rcu_read_lock();
	g = mwg_vr_group_rcu(vr);
	for (i = 0; g && i < g->count && !held; i++) {
		const struct mwg_vr *m = rcu_dereference(g->member[i].vr);

		if (m == vr)
			continue;
		/* Another member's state, read without its lock: a hint. */
		held = !m || READ_ONCE(m->state) == MWG_VRRP_STATE_INIT;
	}
	rcu_read_unlock();
	return held;
}

/**
 * mwg_group_note() - Record the move a state change asks of the VR's group.
 * @vr: the VR, its new state set.
 * @old: the state it left.
 * @reason: why it moved.
 *
 * Entering master asks the other members up, leaving it asks them down; a
 * move for reason group, made because another member moved, is never
 * passed on.  Only recorded here: mwg_group_unlock() passes it on once the
 * VR's lock is released, as no two VR locks ever nest.
 *
 * Context: &mwg_vr.lock held; softirq or BHs off.
 */
void mwg_group_note(struct mwg_vr *vr, enum mwg_vrrp_state old,
		    enum mwg_vrrp_reason reason)
{
	if (reason == MWG_VRRP_REASON_GROUP || !rcu_access_pointer(vr->group))
		return;
	if (vr->state == MWG_VRRP_STATE_MASTER)
		vr->group_move = MWG_GROUP_UP;
	else if (old == MWG_VRRP_STATE_MASTER)
		vr->group_move = MWG_GROUP_DOWN;
}

/**
 * mwg_group_follow() - Move the other members of a VR's group with it.
 * @vr: the VR that moved.
 * @move: what mwg_group_take_move() returned.
 *
 * Each other member in turn, under its own lock: a master goes down with a
 * priority-0 advert, a backup takes over (mwg_fsm_group_down(),
 * mwg_fsm_group_up()).  Their moves have reason group and go no further.
 *
 * Context: No VR lock held; any context that may take a BH spinlock.
 * Takes the RCU read lock.
 */
void mwg_group_follow(struct mwg_vr *vr, enum mwg_group_move move)
{
	struct mwg_group *g;
	unsigned int i;

	if (move == MWG_GROUP_STAY)
		return;
	rcu_read_lock();
	g = mwg_vr_group_rcu(vr);
	for (i = 0; g && i < g->count; i++) {
		struct mwg_vr *m = rcu_dereference(g->member[i].vr);

		if (!m || m == vr)
			continue;
		spin_lock_bh(&m->lock);
		if (move == MWG_GROUP_DOWN)
			mwg_fsm_group_down(m);
		else
			mwg_fsm_group_up(m);
		/* A follower's move has reason GROUP: nothing to pass on. */
		spin_unlock_bh(&m->lock);
	}
	rcu_read_unlock();
}

/**
 * mwg_group_unlock() - Release a VR's lock and pass its group move on.
 * @vr: the VR.
 *
 * How every path that may change a VR's state ends, instead of
 * spin_unlock(): take the move, unlock, follow.
 *
 * Context: Softirq, &mwg_vr.lock held (taken with spin_lock()); releases
 * it.
 */
void mwg_group_unlock(struct mwg_vr *vr)
	__releases(&vr->lock)
{
	enum mwg_group_move move = mwg_group_take_move(vr);

	spin_unlock(&vr->lock);
	mwg_group_follow(vr, move);
}

/**
 * mwg_group_unlock_bh() - mwg_group_unlock() for a lock taken with BHs off.
 * @vr: the VR.
 *
 * Context: Process context, &mwg_vr.lock held (taken with spin_lock_bh());
 * releases it and enables BHs before the other members move.
 */
void mwg_group_unlock_bh(struct mwg_vr *vr)
	__releases(&vr->lock)
{
	enum mwg_group_move move = mwg_group_take_move(vr);

	spin_unlock_bh(&vr->lock);
	mwg_group_follow(vr, move);
}

/**
 * mwg_group_name_rcu() - The name of the VR's sync group.
 * @vr: the VR.
 *
 * Context: RCU read side, or RTNL held.
 * Return: the name, valid as long as that lasts; NULL when @vr is in no
 * group.
 */
static const char *mwg_group_name_rcu(const struct mwg_vr *vr)
{
	const struct mwg_group *g = mwg_vr_group_rcu(vr);

	return g ? g->name : NULL;
}

/**
 * mwg_group_put_name() - Put MWG_VRRP_A_GROUP_NAME when the VR is in a group.
 * @skb: the message.
 * @vr: the VR.
 *
 * Context: Any context; takes the RCU read lock.
 * Return: 0, also when there is no group; -EMSGSIZE.
 */
int mwg_group_put_name(struct sk_buff *skb, const struct mwg_vr *vr)
{
	const char *name;
	int err = 0;

	rcu_read_lock();
	name = mwg_group_name_rcu(vr);
	if (name)
		err = nla_put_string(skb, MWG_VRRP_A_GROUP_NAME, name);
	rcu_read_unlock();
	return err;
}

/**
 * mwg_group_find() - The namespace's sync group of a name.
 * @mn: the namespace.
 * @name: the group's name.
 *
 * Context: RTNL held.
 * Return: the group, or NULL.
 */
struct mwg_group *mwg_group_find(struct mwg_net *mn, const char *name)
{
	struct mwg_group *g;

	ASSERT_RTNL();
	list_for_each_entry(g, &mn->groups, node)
		if (!strcmp(g->name, name))
			return g;
	return NULL;
}

static bool mwg_group_member_is(const struct mwg_group_member *m,
				const struct mwg_vr *vr)
{
	return m->ifindex == vr->dev->ifindex && m->family == vr->family &&
	       m->vrid == vr->vrid;
}

/*
 * A group formed from members in different states is made consistent
 * at once: unless every member is MASTER, the masters step down, so that
 * one director's whole group takes over from its backups' timers.
 */
static void mwg_group_settle(struct mwg_group *g)
{
	unsigned int i, masters = 0;
	struct mwg_vr *vr;

	for (i = 0; i < g->count; i++) {
		vr = rtnl_dereference(g->member[i].vr);
		if (READ_ONCE(vr->state) == MWG_VRRP_STATE_MASTER)
			masters++;
	}
	if (!masters || masters == g->count)
		return;
	for (i = 0; i < g->count; i++) {
		vr = rtnl_dereference(g->member[i].vr);
		spin_lock_bh(&vr->lock);
		mwg_fsm_group_down(vr);
		spin_unlock_bh(&vr->lock);
	}
}

/**
 * mwg_group_add() - Publish a new sync group.
 * @mn: the namespace.
 * @g: the group, its name and members (VRs of @mn) filled in; taken: added
 *     or freed.
 * @extack: where a refusal is explained.
 *
 * The name must be new, and no member in another group.  Members in
 * different states are made consistent at once: unless all are master, the
 * masters step down, so that one director's whole group takes over from
 * its backups' timers.
 *
 * Context: RTNL held; process context.
 * Return: 0; -EEXIST for a name in use, -EBUSY for a VR in another group.
 */
int mwg_group_add(struct mwg_net *mn, struct mwg_group *g,
		  struct netlink_ext_ack *extack)
{
	unsigned int i;

	ASSERT_RTNL();
	if (mwg_group_find(mn, g->name)) {
		NL_SET_ERR_MSG_MOD(extack, "a group of this name exists already");
		kfree(g);
		return -EEXIST;
	}
	for (i = 0; i < g->count; i++) {
		struct mwg_vr *vr = rtnl_dereference(g->member[i].vr);

		if (rtnl_dereference(vr->group)) {
			NL_SET_ERR_MSG_MOD(extack, "a VR belongs to another group already");
			kfree(g);
			return -EBUSY;
		}
	}
	for (i = 0; i < g->count; i++) {
		struct mwg_vr *vr = rtnl_dereference(g->member[i].vr);

		rcu_assign_pointer(vr->group, g);
	}
	list_add_tail_rcu(&g->node, &mn->groups);
	mwg_group_settle(g);
	return 0;
}

/**
 * mwg_group_del() - Unpublish a sync group and free it after a grace period.
 * @g: the group.
 *
 * Its members keep their states; they move alone from now on.
 *
 * Context: RTNL held.
 */
void mwg_group_del(struct mwg_group *g)
{
	unsigned int i;

	ASSERT_RTNL();
	for (i = 0; i < g->count; i++) {
		struct mwg_vr *vr = rtnl_dereference(g->member[i].vr);

		if (vr)
			RCU_INIT_POINTER(vr->group, NULL);
	}
	list_del_rcu(&g->node);
	kfree_rcu(g, rcu);
}

/**
 * mwg_group_vr_added() - Give a new VR the empty group place kept for it.
 * @vr: the VR, just published.
 *
 * A VR deleted from a group leaves its place (interface, family, VRID)
 * empty, holding the group out of master; a VR created again with that key
 * takes the place back.
 *
 * Context: RTNL held.
 */
void mwg_group_vr_added(struct mwg_vr *vr)
{
	struct mwg_net *mn = vr->mif->mn;
	struct mwg_group *g;
	unsigned int i;

	ASSERT_RTNL();
	list_for_each_entry(g, &mn->groups, node) {
		for (i = 0; i < g->count; i++) {
			struct mwg_group_member *m = &g->member[i];

			if (!rtnl_dereference(m->vr) &&
			    mwg_group_member_is(m, vr)) {
				rcu_assign_pointer(vr->group, g);
				rcu_assign_pointer(m->vr, vr);
				return;
			}
		}
	}
}

/**
 * mwg_group_vr_removed() - Empty the VR's place in its group.
 * @vr: the VR, being unlinked.
 *
 * The place stays, empty, and holds the group out of master until a VR
 * with its key comes back (mwg_group_vr_added()) or the group is deleted.
 *
 * Context: RTNL held.
 */
void mwg_group_vr_removed(struct mwg_vr *vr)
{
	struct mwg_group *g = rtnl_dereference(vr->group);
	unsigned int i;

	if (!g)
		return;
	for (i = 0; i < g->count; i++)
		if (rtnl_dereference(g->member[i].vr) == vr)
			RCU_INIT_POINTER(g->member[i].vr, NULL);
	RCU_INIT_POINTER(vr->group, NULL);
}

/**
 * mwg_group_destroy_all() - Delete every sync group of a namespace.
 * @mn: the namespace, its VRs unlinked.
 *
 * Context: RTNL held.
 */
void mwg_group_destroy_all(struct mwg_net *mn)
{
	struct mwg_group *g, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(g, tmp, &mn->groups, node)
		mwg_group_del(g);
}
