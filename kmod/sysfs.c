// SPDX-License-Identifier: GPL-2.0
/*
 * Tuning knobs: /sys/class/net/<dev>/mwg_vrrp/<vrid>/ (IPv6 VRs:
 * <vrid>-inet6).  A write is parsed, validated like a netlink modify and
 * applied at once under RTNL; a bad value returns -EINVAL and changes
 * nothing.  A writer needs CAP_NET_ADMIN in the user namespace owning the
 * device's network namespace, as for netlink (-EPERM otherwise).  Stores
 * take RTNL with rtnl_trylock() and restart the syscall otherwise, because
 * VR removal holds RTNL while it waits for active sysfs operations to
 * drain.
 */
#include <linux/capability.h>
#include <linux/kernel.h>
#include <linux/rtnetlink.h>
#include <linux/sysfs.h>

#include "notify.h"
#include "router.h"
#include "sysfs.h"

/*
 * A knob is either a plain number or flag of struct mwg_vr_config, found by
 * offset and size, or has its own show/parse functions.
 */
struct mwg_vr_attribute {
	struct attribute attr;
	ssize_t (*show)(struct mwg_vr *vr, char *buf);
	/* Parse @buf into @cfg; return 0 or -EINVAL. */
	int (*parse)(const char *buf, struct mwg_vr_config *cfg);
	size_t offset;		/* in struct mwg_vr_config, for numbers */
	u8 size;		/* 1 (u8, bool) or 4 (u32); 0: not a number */
	bool is_bool;
};

#define MWG_VR_ATTR_RW(_name) {					\
	.attr	= { .name = __stringify(_name), .mode = 0644 },		\
	.show	= _name##_show,						\
	.parse	= _name##_parse,					\
}

#define MWG_VR_ATTR_RO(_name) {					\
	.attr	= { .name = __stringify(_name), .mode = 0444 },		\
	.show	= _name##_show,						\
}

#define MWG_VR_ATTR_CFG(_name, _size, _bool) {				\
	.attr	= { .name = __stringify(_name), .mode = 0644 },		\
	.offset	= offsetof(struct mwg_vr_config, _name),		\
	.size	= _size,						\
	.is_bool = _bool,						\
}

#define MWG_VR_ATTR_U8(_name)	MWG_VR_ATTR_CFG(_name, 1, false)
#define MWG_VR_ATTR_U32(_name)	MWG_VR_ATTR_CFG(_name, 4, false)
#define MWG_VR_ATTR_FLAG(_name)	MWG_VR_ATTR_CFG(_name, 1, true)

static struct mwg_vr *mwg_kobj_vr(struct kobject *kobj)
{
	return container_of(kobj, struct mwg_vr, kobj);
}

static u32 mwg_cfg_get(const struct mwg_vr_config *cfg,
		       const struct mwg_vr_attribute *a)
{
	const void *p = (const u8 *)cfg + a->offset;

	if (a->is_bool)
		return *(const bool *)p;
	return a->size == 1 ? *(const u8 *)p : *(const u32 *)p;
}

static int mwg_cfg_parse(const char *buf, struct mwg_vr_config *cfg,
			 const struct mwg_vr_attribute *a)
{
	void *p = (u8 *)cfg + a->offset;
	bool flag;
	u32 v;

	if (a->is_bool) {
		if (kstrtobool(buf, &flag))
			return -EINVAL;
		*(bool *)p = flag;
		return 0;
	}
	if (kstrtou32(buf, 0, &v))
		return -EINVAL;
	if (a->size == 1) {
		if (v > U8_MAX)
			return -EINVAL;
		*(u8 *)p = v;
	} else {
		*(u32 *)p = v;
	}
	return 0;
}

static ssize_t mwg_vr_attr_show(struct kobject *kobj, struct attribute *attr,
				char *buf)
{
	struct mwg_vr_attribute *a = container_of(attr, struct mwg_vr_attribute,
						  attr);
	struct mwg_vr *vr = mwg_kobj_vr(kobj);
	u32 v;

	if (a->show)
		return a->show(vr, buf);
	spin_lock_bh(&vr->lock);
	v = mwg_cfg_get(&vr->cfg, a);
	spin_unlock_bh(&vr->lock);
	return sysfs_emit(buf, "%u\n", v);
}

static ssize_t mwg_vr_attr_store(struct kobject *kobj, struct attribute *attr,
				 const char *buf, size_t count)
{
	struct mwg_vr_attribute *a = container_of(attr, struct mwg_vr_attribute,
						  attr);
	struct mwg_vr *vr = mwg_kobj_vr(kobj);
	struct mwg_vr_config cfg;
	int err;

	/* As net-sysfs: file modes alone do not make a namespace's admin. */
	if (!ns_capable(dev_net(vr->dev)->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	if (!rtnl_trylock())
		return restart_syscall();
	if (vr->dead) {
		err = -ENODEV;
		goto out;
	}
	spin_lock_bh(&vr->lock);
	cfg = vr->cfg;
	spin_unlock_bh(&vr->lock);
	err = a->parse ? a->parse(buf, &cfg) : mwg_cfg_parse(buf, &cfg, a);
	if (!err)
		err = mwg_vr_config_validate(&cfg, vr->family, NULL);
	if (!err)
		err = mwg_vr_reconfigure(vr, &cfg, NULL, NULL);
out:
	rtnl_unlock();
	return err ? err : count;
}

static const struct sysfs_ops mwg_vr_sysfs_ops = {
	.show	= mwg_vr_attr_show,
	.store	= mwg_vr_attr_store,
};

static struct mwg_vr_attribute mwg_attr_priority = MWG_VR_ATTR_U8(priority);
static struct mwg_vr_attribute mwg_attr_advert_interval_ms =
	MWG_VR_ATTR_U32(advert_interval_ms);
static struct mwg_vr_attribute mwg_attr_preempt = MWG_VR_ATTR_FLAG(preempt);
static struct mwg_vr_attribute mwg_attr_preempt_delay_ms =
	MWG_VR_ATTR_U32(preempt_delay_ms);
static struct mwg_vr_attribute mwg_attr_accept = MWG_VR_ATTR_FLAG(accept);
static struct mwg_vr_attribute mwg_attr_vmac = MWG_VR_ATTR_FLAG(vmac);
static struct mwg_vr_attribute mwg_attr_garp_repeat =
	MWG_VR_ATTR_U32(garp_repeat);
static struct mwg_vr_attribute mwg_attr_garp_interval_ms =
	MWG_VR_ATTR_U32(garp_interval_ms);
static struct mwg_vr_attribute mwg_attr_garp_refresh_s =
	MWG_VR_ATTR_U32(garp_refresh_s);
static struct mwg_vr_attribute mwg_attr_track_scanners =
	MWG_VR_ATTR_U32(track_scanners);
static struct mwg_vr_attribute mwg_attr_track_weight =
	MWG_VR_ATTR_U8(track_weight);
static struct mwg_vr_attribute mwg_attr_track_bfd = MWG_VR_ATTR_FLAG(track_bfd);

static const char *const mwg_checksum_names[] = {
	[MWG_VRRP_CSUM_PSEUDO]	= "pseudo",
	[MWG_VRRP_CSUM_RFC9568]	= "rfc9568",
};

static ssize_t checksum_show(struct mwg_vr *vr, char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  mwg_checksum_names[READ_ONCE(vr->cfg.checksum)]);
}

static int checksum_parse(const char *buf, struct mwg_vr_config *cfg)
{
	int i = sysfs_match_string(mwg_checksum_names, buf);

	if (i < 0)
		return -EINVAL;
	cfg->checksum = i;
	return 0;
}

static struct mwg_vr_attribute mwg_attr_checksum = MWG_VR_ATTR_RW(checksum);

static ssize_t state_show(struct mwg_vr *vr, char *buf)
{
	return sysfs_emit(buf, "%s\n", mwg_state_name(READ_ONCE(vr->state)));
}

static ssize_t effective_priority_show(struct mwg_vr *vr, char *buf)
{
	return sysfs_emit(buf, "%u\n", READ_ONCE(vr->eff_prio));
}

static ssize_t master_ip_show(struct mwg_vr *vr, char *buf)
{
	union mwg_addr ip;
	bool known;

	spin_lock_bh(&vr->lock);
	known = vr->master_known;
	ip = vr->master_ip;
	spin_unlock_bh(&vr->lock);
	if (!known)
		return sysfs_emit(buf, "none\n");
	if (vr->family == AF_INET6)
		return sysfs_emit(buf, "%pI6c\n", &ip.v6);
	return sysfs_emit(buf, "%pI4\n", &ip.v4);
}

/* "name value" lines: MWG_VRRP_STATS_COUNTERS, from the spec via gen-names. */
#define MWG_SYSFS_VR_STAT(attr_, name_) {				\
	.attr = attr_, .name = #name_,					\
	.off = offsetof(struct mwg_vr_stats, name_),			\
},

static const struct {
	u16 attr;
	const char *name;
	size_t off;
} mwg_sysfs_vr_stats[] = {
	MWG_VRRP_STATS_COUNTERS(MWG_SYSFS_VR_STAT)
};

static ssize_t stats_show(struct mwg_vr *vr, char *buf)
{
	struct mwg_vr_stats st;
	unsigned int i;
	int len = 0;

	spin_lock_bh(&vr->lock);
	st = vr->stats;
	spin_unlock_bh(&vr->lock);
	for (i = 0; i < ARRAY_SIZE(mwg_sysfs_vr_stats); i++) {
		const u64 *v = (const void *)&st + mwg_sysfs_vr_stats[i].off;

		len += sysfs_emit_at(buf, len, "%s %llu\n",
				     mwg_sysfs_vr_stats[i].name, *v);
		/* Not a counter: the reason that follows its counter. */
		if (mwg_sysfs_vr_stats[i].attr ==
		    MWG_VRRP_STATS_A_MASTER_TRANSITIONS)
			len += sysfs_emit_at(buf, len, "new_master_reason %s\n",
					     mwg_reason_name(st.new_master_reason));
	}
	return len;
}

static struct mwg_vr_attribute mwg_attr_state = MWG_VR_ATTR_RO(state);
static struct mwg_vr_attribute mwg_attr_effective_priority =
	MWG_VR_ATTR_RO(effective_priority);
static struct mwg_vr_attribute mwg_attr_master_ip = MWG_VR_ATTR_RO(master_ip);
static struct mwg_vr_attribute mwg_attr_stats = MWG_VR_ATTR_RO(stats);

static struct attribute *mwg_vr_attrs[] = {
	&mwg_attr_priority.attr,
	&mwg_attr_advert_interval_ms.attr,
	&mwg_attr_preempt.attr,
	&mwg_attr_preempt_delay_ms.attr,
	&mwg_attr_accept.attr,
	&mwg_attr_vmac.attr,
	&mwg_attr_garp_repeat.attr,
	&mwg_attr_garp_interval_ms.attr,
	&mwg_attr_garp_refresh_s.attr,
	&mwg_attr_checksum.attr,
	&mwg_attr_track_scanners.attr,
	&mwg_attr_track_weight.attr,
	&mwg_attr_track_bfd.attr,
	&mwg_attr_state.attr,
	&mwg_attr_effective_priority.attr,
	&mwg_attr_master_ip.attr,
	&mwg_attr_stats.attr,
	NULL,
};
ATTRIBUTE_GROUPS(mwg_vr);

static const struct kobj_type mwg_vr_ktype = {
	.release	= mwg_vr_release,
	.sysfs_ops	= &mwg_vr_sysfs_ops,
	.default_groups	= mwg_vr_groups,
};

/**
 * mwg_sysfs_vr_add() - Initialise the VR's kobject, add its sysfs directory.
 * @vr: the new VR, not yet published.
 *
 * /sys/class/net/<dev>/mwg_vrrp/<vrid>/, <vrid>-inet6/ for IPv6.  The
 * kobject owns the VR from here on, also on failure: the caller drops it
 * with mwg_vr_put().
 *
 * Context: RTNL held; process context.
 * Return: 0, or the error of kobject_init_and_add().
 */
int mwg_sysfs_vr_add(struct mwg_vr *vr)
{
	return kobject_init_and_add(&vr->kobj, &mwg_vr_ktype, vr->mif->kobj,
				    vr->family == AF_INET6 ? "%u-inet6" : "%u",
				    vr->vrid);
}
