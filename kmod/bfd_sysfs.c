// SPDX-License-Identifier: GPL-2.0
/*
 * BFD tuning knobs beside the VR ones: /sys/class/net/<dev>/mwg_bfd/<peer>/
 * (the peer as printed by %pI4 / %pI6c).  A write is parsed, validated like
 * a netlink BFD_SET and applied at once under RTNL (a Poll Sequence when
 * the session is Up); a bad value returns -EINVAL and changes nothing.  A
 * writer needs CAP_NET_ADMIN in the user namespace owning the session's
 * network namespace, as for netlink (-EPERM otherwise).
 * Stores take RTNL with rtnl_trylock() and restart the syscall otherwise,
 * because session removal holds RTNL while it waits for sysfs operations
 * to drain.
 */
#include <linux/capability.h>
#include <linux/kernel.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "bfd.h"

struct mwg_bfd_attribute {
	struct attribute attr;
	ssize_t (*show)(struct mwg_bfd_session *s, char *buf);
	/* A number of struct mwg_bfd_config: where, how wide, how large. */
	size_t offset;
	u8 size;		/* 1 or 4; 0: read-only, shown by @show */
	u32 max;
};

static struct mwg_bfd_session *mwg_kobj_bfd(struct kobject *kobj)
{
	return container_of(kobj, struct mwg_bfd_session, kobj);
}

static u32 mwg_bfd_cfg_get(const struct mwg_bfd_config *cfg,
			   const struct mwg_bfd_attribute *a)
{
	const u8 *p = (const u8 *)cfg + a->offset;

	return a->size == 1 ? *p : *(const u32 *)p;
}

static ssize_t mwg_bfd_attr_show(struct kobject *kobj, struct attribute *attr,
				 char *buf)
{
	struct mwg_bfd_attribute *a = container_of(attr,
						   struct mwg_bfd_attribute,
						   attr);
	struct mwg_bfd_session *s = mwg_kobj_bfd(kobj);
	u32 v;

	if (a->show)
		return a->show(s, buf);
	spin_lock_bh(&s->lock);
	v = mwg_bfd_cfg_get(&s->cfg, a);
	spin_unlock_bh(&s->lock);
	return sysfs_emit(buf, "%u\n", v);
}

static int mwg_bfd_cfg_parse(const char *buf, struct mwg_bfd_config *cfg,
			     const struct mwg_bfd_attribute *a)
{
	u8 *p = (u8 *)cfg + a->offset;
	u32 v;

	if (kstrtou32(buf, 0, &v) || v > a->max)
		return -EINVAL;
	if (a->size == 1)
		*p = v;
	else
		*(u32 *)p = v;
	return 0;
}

static ssize_t mwg_bfd_attr_store(struct kobject *kobj, struct attribute *attr,
				  const char *buf, size_t count)
{
	struct mwg_bfd_attribute *a = container_of(attr,
						   struct mwg_bfd_attribute,
						   attr);
	struct mwg_bfd_session *s = mwg_kobj_bfd(kobj);
	struct mwg_bfd_config cfg;
	int err;

	if (!a->size)
		return -EPERM;
	/* As net-sysfs: file modes alone do not make a namespace's admin. */
	if (!ns_capable(s->mn->net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (!rtnl_trylock())
		return restart_syscall();
	spin_lock_bh(&s->lock);
	err = s->dead ? -ENODEV : 0;
	cfg = s->cfg;
	spin_unlock_bh(&s->lock);
	if (!err)
		err = mwg_bfd_cfg_parse(buf, &cfg, a);
	if (!err)
		err = mwg_bfd_config_validate(&cfg, NULL);
	if (!err)
		mwg_bfd_session_reconfigure(s, &cfg);
	rtnl_unlock();
	return err ? err : count;
}

static const struct sysfs_ops mwg_bfd_sysfs_ops = {
	.show	= mwg_bfd_attr_show,
	.store	= mwg_bfd_attr_store,
};

#define MWG_BFD_ATTR_CFG(_name, _size, _max) {				\
	.attr	= { .name = __stringify(_name), .mode = 0644 },		\
	.offset	= offsetof(struct mwg_bfd_config, _name),		\
	.size	= _size,						\
	.max	= _max,							\
}

static struct mwg_bfd_attribute mwg_bfd_attr_tx_us =
	MWG_BFD_ATTR_CFG(tx_us, 4, U32_MAX);
static struct mwg_bfd_attribute mwg_bfd_attr_rx_us =
	MWG_BFD_ATTR_CFG(rx_us, 4, U32_MAX);
static struct mwg_bfd_attribute mwg_bfd_attr_multiplier =
	MWG_BFD_ATTR_CFG(multiplier, 1, U8_MAX);
static struct mwg_bfd_attribute mwg_bfd_attr_holddown_ms =
	MWG_BFD_ATTR_CFG(holddown_ms, 4, U32_MAX);

static ssize_t state_show(struct mwg_bfd_session *s, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  mwg_bfd_state_name(READ_ONCE(s->state)));
}

static ssize_t remote_state_show(struct mwg_bfd_session *s, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  mwg_bfd_state_name(READ_ONCE(s->remote_state)));
}

static ssize_t diag_show(struct mwg_bfd_session *s, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(s->diag));
}

/* "name value" lines: MWG_BFD_STATS_COUNTERS, from the spec via gen-names. */
#define MWG_BFD_SYSFS_STAT(attr, name_) \
	{ .name = #name_, .off = offsetof(struct mwg_bfd_stats, name_) },

static const struct {
	const char *name;
	size_t off;
} mwg_bfd_sysfs_stats[] = {
	MWG_BFD_STATS_COUNTERS(MWG_BFD_SYSFS_STAT)
};

static ssize_t stats_show(struct mwg_bfd_session *s, char *buf)
{
	struct mwg_bfd_stats st;
	unsigned int i;
	int len = 0;

	spin_lock_bh(&s->lock);
	st = s->stats;
	spin_unlock_bh(&s->lock);
	for (i = 0; i < ARRAY_SIZE(mwg_bfd_sysfs_stats); i++) {
		const u64 *v = (const void *)&st + mwg_bfd_sysfs_stats[i].off;

		len += sysfs_emit_at(buf, len, "%s %llu\n",
				     mwg_bfd_sysfs_stats[i].name, *v);
	}
	return len;
}

#define MWG_BFD_ATTR_RO(_name)						\
static struct mwg_bfd_attribute mwg_bfd_attr_##_name = {		\
	.attr	= { .name = __stringify(_name), .mode = 0444 },		\
	.show	= _name##_show,						\
}

MWG_BFD_ATTR_RO(state);
MWG_BFD_ATTR_RO(remote_state);
MWG_BFD_ATTR_RO(diag);
MWG_BFD_ATTR_RO(stats);

static struct attribute *mwg_bfd_attrs[] = {
	&mwg_bfd_attr_tx_us.attr,
	&mwg_bfd_attr_rx_us.attr,
	&mwg_bfd_attr_multiplier.attr,
	&mwg_bfd_attr_holddown_ms.attr,
	&mwg_bfd_attr_state.attr,
	&mwg_bfd_attr_remote_state.attr,
	&mwg_bfd_attr_diag.attr,
	&mwg_bfd_attr_stats.attr,
	NULL,
};
ATTRIBUTE_GROUPS(mwg_bfd);

static const struct kobj_type mwg_bfd_ktype = {
	.release	= mwg_bfd_session_release,
	.sysfs_ops	= &mwg_bfd_sysfs_ops,
	.default_groups	= mwg_bfd_groups,
};

static struct mwg_bfd_dir *mwg_bfd_dir_get(struct mwg_net *mn,
					   struct net_device *dev)
{
	struct mwg_bfd_dir *d;

	list_for_each_entry(d, &mn->bfd.dirs, node) {
		if (d->dev == dev) {
			d->users++;
			return d;
		}
	}
	d = kzalloc(sizeof(*d), GFP_KERNEL_ACCOUNT);
	if (!d)
		return NULL;
	d->kobj = kobject_create_and_add("mwg_bfd", &dev->dev.kobj);
	if (!d->kobj) {
		kfree(d);
		return NULL;
	}
	d->dev = dev;
	d->users = 1;
	list_add(&d->node, &mn->bfd.dirs);
	return d;
}

static void mwg_bfd_dir_put(struct mwg_bfd_dir *d)
{
	if (--d->users)
		return;
	list_del(&d->node);
	kobject_put(d->kobj);
	kfree(d);
}

/**
 * mwg_bfd_sysfs_add() - Add a session's directory in sysfs.
 * @s: the new session, not yet published.
 *
 * /sys/class/net/<dev>/mwg_bfd/<peer>/; the device's mwg_bfd directory
 * comes with its first session.  Initialises @s->kobj, which owns @s from
 * here on: on failure too, the caller drops it with kobject_put().
 *
 * Context: RTNL held; process context.
 * Return: 0, -ENOMEM, or the error of kobject_add().
 */
int mwg_bfd_sysfs_add(struct mwg_bfd_session *s)
{
	int err;

	ASSERT_RTNL();
	kobject_init(&s->kobj, &mwg_bfd_ktype);
	s->dir = mwg_bfd_dir_get(s->mn, s->dev);
	if (!s->dir)
		return -ENOMEM;
	if (s->family == AF_INET)
		err = kobject_add(&s->kobj, s->dir->kobj, "%pI4", &s->peer.v4);
	else
		err = kobject_add(&s->kobj, s->dir->kobj, "%pI6c", &s->peer.v6);
	if (err) {
		mwg_bfd_dir_put(s->dir);
		s->dir = NULL;
	}
	return err;
}

/**
 * mwg_bfd_sysfs_del() - Remove a session's directory from sysfs.
 * @s: the session, dead and unpublished.
 *
 * The device's mwg_bfd directory goes with its last session.  @s itself
 * stays until its last reference goes (mwg_bfd_session_release()).
 *
 * Context: RTNL held; process context.
 */
void mwg_bfd_sysfs_del(struct mwg_bfd_session *s)
{
	ASSERT_RTNL();
	kobject_del(&s->kobj);
	mwg_bfd_dir_put(s->dir);
	s->dir = NULL;
}
