// SPDX-License-Identifier: GPL-2.0
/*
 * BFD sessions: lifetime, the state machine of RFC 5880 6.8.6 driven by
 * received packets and timer expiry, the Poll Sequence of 6.8.3 for timer
 * changes, and the hand-off of a Down to VRRP.  Locking in bfd.h.
 *
 * Two hrtimers per session, both expiring in softirq like the VR timers
 * (HRTIMER_MODE_REL_SOFT), so that they serialise with receive on the
 * session lock without disabling hard interrupts:
 *
 *   tx_timer      sends the periodic control packet, jittered anew at each
 *                 expiry (6.8.7); stopped while the remote asks for none.
 *   detect_timer  restarted by every valid packet; expiry in Init or Up is
 *                 the failure this module exists to detect.
 *
 * Every arm goes through mwg_bfd_arm(), which refuses once the session is
 * dead, so the hrtimer_cancel() of destruction is final.  A callback that
 * waited for the lock while its timer was armed anew ignores its stale
 * expiry (mwg_bfd_superseded()).
 */
#include <linux/build_bug.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "bfd.h"
#include "router.h"
#include "trace.h"

static_assert((int)MWG_BFD_STATE_ADMIN_DOWN == (int)MWG_BFD_ADMIN_DOWN);
static_assert((int)MWG_BFD_STATE_DOWN == (int)MWG_BFD_DOWN);
static_assert((int)MWG_BFD_STATE_INIT == (int)MWG_BFD_INIT);
static_assert((int)MWG_BFD_STATE_UP == (int)MWG_BFD_UP);

/*
 * Sessions per network namespace: as max_vrs_per_netns (router.c), a bound
 * on what the owner of a user namespace can ask of the machine, here
 * timers down to 1 ms each.
 */
static unsigned int bfd_max_sessions_per_netns = 256;
module_param(bfd_max_sessions_per_netns, uint, 0644);
MODULE_PARM_DESC(bfd_max_sessions_per_netns,
		 "BFD sessions one network namespace may hold (BFD_ADD beyond: ENOSPC)");

/* Defaults for new sessions; a request overrides each. */
static unsigned int bfd_default_tx_us = 300000;
module_param(bfd_default_tx_us, uint, 0644);
MODULE_PARM_DESC(bfd_default_tx_us,
		 "Desired Min TX Interval of a new BFD session in us");

static unsigned int bfd_default_rx_us = 300000;
module_param(bfd_default_rx_us, uint, 0644);
MODULE_PARM_DESC(bfd_default_rx_us,
		 "Required Min RX Interval of a new BFD session in us");

static unsigned int bfd_default_mult = 3;
module_param(bfd_default_mult, uint, 0644);
MODULE_PARM_DESC(bfd_default_mult, "Detect Mult of a new BFD session");

static unsigned int bfd_default_holddown_ms = 1000;
module_param(bfd_default_holddown_ms, uint, 0644);
MODULE_PARM_DESC(bfd_default_holddown_ms,
		 "A BFD Down reaches VRRP only after this long Up (ms)");

/**
 * mwg_bfd_default_config() - Fill in the configuration of a new session.
 * @cfg: the configuration.
 *
 * From the bfd_default_* module parameters, each clamped to what
 * mwg_bfd_config_validate() accepts; a request overrides what it names.
 */
void mwg_bfd_default_config(struct mwg_bfd_config *cfg)
{
	cfg->tx_us = clamp_t(u32, bfd_default_tx_us, MWG_BFD_INTERVAL_US_MIN,
			     MWG_BFD_INTERVAL_US_MAX);
	cfg->rx_us = clamp_t(u32, bfd_default_rx_us, MWG_BFD_INTERVAL_US_MIN,
			     MWG_BFD_INTERVAL_US_MAX);
	cfg->multiplier = clamp_t(u32, bfd_default_mult, 1, 255);
	cfg->holddown_ms = min_t(u32, bfd_default_holddown_ms,
				 MWG_BFD_HOLDDOWN_MS_MAX);
}

/**
 * mwg_bfd_config_validate() - Check a session configuration as a whole.
 * @cfg: the configuration, from the defaults and a request.
 * @extack: where a refusal is explained.
 *
 * Intervals of 1000-60000000 us, a nonzero multiplier, a hold-down time of
 * an hour at most.  The netlink policy checks each attribute it gets and
 * mwg_bfd_default_config() clamps the defaults; this checks what they make
 * together, before it is applied.
 *
 * Return: 0, or -EINVAL with a message in @extack.
 */
int mwg_bfd_config_validate(const struct mwg_bfd_config *cfg,
			    struct netlink_ext_ack *extack)
{
	if (cfg->tx_us < MWG_BFD_INTERVAL_US_MIN ||
	    cfg->tx_us > MWG_BFD_INTERVAL_US_MAX ||
	    cfg->rx_us < MWG_BFD_INTERVAL_US_MIN ||
	    cfg->rx_us > MWG_BFD_INTERVAL_US_MAX) {
		NL_SET_ERR_MSG_MOD(extack,
				   "BFD intervals must be 1000-60000000 us");
		return -EINVAL;
	}
	if (!cfg->multiplier) {
		NL_SET_ERR_MSG_MOD(extack, "BFD detect multiplier must be 1-255");
		return -EINVAL;
	}
	if (cfg->holddown_ms > MWG_BFD_HOLDDOWN_MS_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "BFD hold-down above one hour");
		return -EINVAL;
	}
	return 0;
}

/**
 * mwg_bfd_advertised_tx_us() - The Desired Min TX Interval to send.
 * @s: the session.
 *
 * RFC 5880 6.8.3: at least one second while the session is not Up, the
 * configured interval once it is.
 *
 * Context: @s->lock held, or @s not yet published.
 * Return: the interval in microseconds.
 */
u32 mwg_bfd_advertised_tx_us(const struct mwg_bfd_session *s)
{
	/* 6.8.3: at least one second while not Up. */
	if (s->state != MWG_BFD_UP && s->cfg.tx_us < MWG_BFD_SLOW_TX_US)
		return MWG_BFD_SLOW_TX_US;
	return s->cfg.tx_us;
}

static void mwg_bfd_arm(struct mwg_bfd_session *s, struct hrtimer *timer,
			u64 us)
{
	lockdep_assert_held(&s->lock);
	if (s->dead)
		return;
	hrtimer_start(timer, ns_to_ktime(us * NSEC_PER_USEC),
		      HRTIMER_MODE_REL_SOFT);
}

static bool mwg_bfd_superseded(struct mwg_bfd_session *s,
			       struct hrtimer *timer)
{
	return s->dead || hrtimer_is_queued(timer);
}

static u32 mwg_bfd_next_tx_us(struct mwg_bfd_session *s)
{
	s->tx_interval_us = mwg_bfd_tx_interval_us(s->act_tx_us,
						   s->remote_rx_us,
						   s->state == MWG_BFD_UP);
	if (!s->tx_interval_us)
		return 0;
	return mwg_bfd_jitter_us(s->tx_interval_us, s->cfg.multiplier,
				 get_random_u32());
}

/* The rates changed: the next packet leaves at the new one. */
static void mwg_bfd_schedule_tx(struct mwg_bfd_session *s)
{
	u32 us = mwg_bfd_next_tx_us(s);

	if (us)
		mwg_bfd_arm(s, &s->tx_timer, us);
	else
		hrtimer_try_to_cancel(&s->tx_timer);
}

static u64 mwg_bfd_session_detect_us(const struct mwg_bfd_session *s)
{
	return mwg_bfd_detect_us(s->act_rx_us, s->remote_tx_us,
				 s->remote_mult);
}

static void mwg_bfd_begin_poll(struct mwg_bfd_session *s)
{
	s->polling = true;
	s->stats.polls++;
}

/*
 * Returns true when VRRP is to hear of it: an Up session went Down after
 * being Up for at least the hold-down time, and not because the remote
 * end was taken down administratively (@remote_admin): RFC 5882 section
 * 3.2, that is no failure of the path, and a backup taking over on it
 * would only make two masters (the remote's session was deleted or
 * disabled, e.g. to change its timers).
 */
static bool mwg_bfd_set_state(struct mwg_bfd_session *s, u8 state, u8 diag,
			      bool remote_admin)
{
	u8 old = s->state;
	bool signal = false;

	if (old == state)
		return false;
	s->state = state;
	trace_mwg_bfd_state_change(s, old, diag);
	switch (state) {
	case MWG_BFD_UP:
		s->diag = MWG_BFD_DIAG_NONE;
		s->up_since = ktime_get();
		s->stats.up++;
		/*
		 * The advertised transmit interval drops from one second to
		 * the configured one: faster at once (6.8.3 allows that) and
		 * told to the remote with a Poll Sequence.
		 */
		s->act_tx_us = s->cfg.tx_us;
		s->act_rx_us = s->cfg.rx_us;
		mwg_bfd_begin_poll(s);
		break;
	case MWG_BFD_DOWN:
		s->diag = diag;
		s->polling = false;
		s->act_tx_us = mwg_bfd_advertised_tx_us(s);
		s->act_rx_us = s->cfg.rx_us;
		if (old != MWG_BFD_UP)
			break;
		s->stats.down++;
		if (remote_admin)
			break;
		if (ktime_ms_delta(ktime_get(), s->up_since) >=
		    s->cfg.holddown_ms) {
			s->stats.vrrp_signals++;
			signal = true;
		} else {
			s->stats.damped++;
		}
		break;
	default:
		break;
	}
	mwg_bfd_notify(s, old);
	mwg_bfd_schedule_tx(s);
	return signal;
}

/* Out of the session lock: VRs tracking this peer may take over. */
static void mwg_bfd_signal_down(struct mwg_bfd_session *s)
{
	rcu_read_lock();
	mwg_router_bfd_down(s->dev, s->family, &s->peer);
	rcu_read_unlock();
}

/**
 * mwg_bfd_session_rx() - Run the state machine on a received packet.
 * @s: the session the packet was demultiplexed to.
 * @pkt: the packet, which passed the checks of mwg_bfd_parse().
 *
 * Records the remote's state and intervals, ends a Poll Sequence on a
 * Final, moves the session's state (RFC 5880 6.8.6), restarts the
 * detection timer and answers a Poll at once.  An Up session going Down
 * after at least its hold-down time Up, for any reason but the remote's
 * AdminDown, is passed to the VRs tracking the peer (mwg_router_bfd_down())
 * once the session lock is released.  A dead session ignores the packet;
 * one in AdminDown only records it.
 *
 * Context: Softirq (the socket's encap_rcv), RCU read side.  Takes
 * @s->lock.
 */
void mwg_bfd_session_rx(struct mwg_bfd_session *s,
			const struct mwg_bfd_pkt *pkt)
{
	u8 diag = MWG_BFD_DIAG_NONE, next;
	bool signal = false, rates;

	spin_lock(&s->lock);
	if (s->dead)
		goto unlock;
	s->stats.rx_packets++;
	rates = s->remote_rx_us != pkt->required_min_rx;
	s->remote_disc = pkt->my_disc;
	s->remote_state = pkt->state;
	s->remote_diag = pkt->diag;
	s->remote_mult = pkt->detect_mult;
	s->remote_tx_us = pkt->desired_min_tx;
	s->remote_rx_us = pkt->required_min_rx;
	if ((pkt->flags & MWG_BFD_FLAG_FINAL) && s->polling) {
		/* The remote has our new values: they are in force now. */
		s->polling = false;
		s->act_tx_us = mwg_bfd_advertised_tx_us(s);
		s->act_rx_us = s->cfg.rx_us;
		rates = true;
	}
	if (s->state == MWG_BFD_ADMIN_DOWN)
		goto unlock;

	next = mwg_bfd_next_state(s->state, pkt->state, &diag);
	if (next != s->state)
		signal = mwg_bfd_set_state(s, next, diag,
					   pkt->state == MWG_BFD_ADMIN_DOWN);
	else if (rates)
		mwg_bfd_schedule_tx(s);
	mwg_bfd_arm(s, &s->detect_timer, mwg_bfd_session_detect_us(s));
	/* 6.5: answer a Poll at once, with F and without P. */
	if (pkt->flags & MWG_BFD_FLAG_POLL)
		mwg_bfd_send(s, MWG_BFD_FLAG_FINAL);
unlock:
	spin_unlock(&s->lock);
	if (signal)
		mwg_bfd_signal_down(s);
}

static enum hrtimer_restart mwg_bfd_tx_timer_fn(struct hrtimer *timer)
{
	struct mwg_bfd_session *s = container_of(timer, struct mwg_bfd_session,
						 tx_timer);
	enum hrtimer_restart ret = HRTIMER_NORESTART;
	u32 us;

	spin_lock(&s->lock);
	if (!mwg_bfd_superseded(s, timer)) {
		mwg_bfd_send(s, s->polling ? MWG_BFD_FLAG_POLL : 0);
		us = mwg_bfd_next_tx_us(s);
		if (us) {
			hrtimer_forward_now(timer, ns_to_ktime((u64)us *
							       NSEC_PER_USEC));
			ret = HRTIMER_RESTART;
		}
	}
	spin_unlock(&s->lock);
	return ret;
}

static enum hrtimer_restart mwg_bfd_detect_timer_fn(struct hrtimer *timer)
{
	struct mwg_bfd_session *s = container_of(timer, struct mwg_bfd_session,
						 detect_timer);
	bool signal = false;

	spin_lock(&s->lock);
	if (!mwg_bfd_superseded(s, timer) && s->state != MWG_BFD_ADMIN_DOWN) {
		s->stats.detect_expired++;
		/* 6.8.1: forget the remote; it must start afresh. */
		s->remote_disc = 0;
		s->remote_state = MWG_BFD_DOWN;
		s->remote_rx_us = 1;
		if (s->state == MWG_BFD_INIT || s->state == MWG_BFD_UP)
			signal = mwg_bfd_set_state(s, MWG_BFD_DOWN,
						   MWG_BFD_DIAG_DETECT_EXPIRED,
						   false);
		else
			mwg_bfd_schedule_tx(s);
	}
	spin_unlock(&s->lock);
	if (signal)
		mwg_bfd_signal_down(s);
	return HRTIMER_NORESTART;
}

/**
 * mwg_bfd_lookup_disc_rcu() - The session with a local discriminator.
 * @mn: the namespace.
 * @disc: the Your Discriminator of a received packet.
 *
 * Context: RCU read side.
 * Return: the session, or NULL.  It may be dead: its lock tells.
 */
struct mwg_bfd_session *mwg_bfd_lookup_disc_rcu(struct mwg_net *mn, u32 disc)
{
	struct mwg_bfd_session *s;

	hash_for_each_possible_rcu(mn->bfd.by_disc, s, disc_node, disc)
		if (s->local_disc == disc)
			return s;
	return NULL;
}

/**
 * mwg_bfd_lookup_peer_rcu() - The session to a peer on an interface.
 * @mn: the namespace.
 * @dev: the interface the packet arrived on.
 * @family: AF_INET or AF_INET6.
 * @peer: the packet's source address.
 *
 * For a packet whose Your Discriminator is zero, which only its source and
 * interface can match to a session (RFC 5880 6.8.6).
 *
 * Context: RCU read side.
 * Return: the session, or NULL.  It may be dead: its lock tells.
 */
struct mwg_bfd_session *mwg_bfd_lookup_peer_rcu(struct mwg_net *mn,
						const struct net_device *dev,
						u8 family,
						const union mwg_addr *peer)
{
	struct mwg_bfd_session *s;

	list_for_each_entry_rcu(s, &mn->bfd.sessions, node)
		if (s->dev == dev && s->family == family &&
		    !memcmp(s->peer.raw, peer->raw, mwg_addr_len(family)))
			return s;
	return NULL;
}

/**
 * mwg_bfd_find() - The session to a peer on an interface, for configuration.
 * @mn: the namespace.
 * @dev: the interface.
 * @peer: the peer's address.
 * @family: AF_INET or AF_INET6.
 *
 * Context: RTNL held.
 * Return: the session, or NULL.
 */
struct mwg_bfd_session *mwg_bfd_find(struct mwg_net *mn,
				     const struct net_device *dev,
				     const union mwg_addr *peer, u8 family)
{
	struct mwg_bfd_session *s;

	ASSERT_RTNL();
	list_for_each_entry(s, &mn->bfd.sessions, node)
		if (s->dev == dev && s->family == family &&
		    !memcmp(s->peer.raw, peer->raw, mwg_addr_len(family)))
			return s;
	return NULL;
}

static bool mwg_bfd_disc_used(struct mwg_net *mn, u32 disc)
{
	struct mwg_bfd_session *s;

	hash_for_each_possible(mn->bfd.by_disc, s, disc_node, disc)
		if (s->local_disc == disc)
			return true;
	return false;
}

/**
 * mwg_bfd_session_create() - Create, publish and start a session.
 * @mn: the namespace.
 * @dev: the interface the session runs on (single hop).
 * @family: AF_INET or AF_INET6, the family of @peer and @local.
 * @peer: the remote system's address.
 * @local: the source address, or all zeros to let the route choose one.
 * @cfg: a configuration mwg_bfd_config_validate() accepted.
 * @extack: where a refusal is explained.
 *
 * The namespace's first session opens its UDP sockets.  The session gets a
 * random source port of 49152-65535 and a random nonzero local
 * discriminator unique in the namespace, starts Down and sends its first
 * packet at once.
 *
 * Context: RTNL held; process context.
 * Return: 0; -EEXIST when a session to @peer on @dev exists, -ENOSPC beyond
 * bfd_max_sessions_per_netns, -ENOMEM, or the error of opening the sockets
 * or adding the sysfs directory.
 */
int mwg_bfd_session_create(struct mwg_net *mn, struct net_device *dev,
			   u8 family, const union mwg_addr *peer,
			   const union mwg_addr *local,
			   const struct mwg_bfd_config *cfg,
			   struct netlink_ext_ack *extack)
{
	struct mwg_bfd_session *s;
	int err;

	ASSERT_RTNL();
	if (mwg_bfd_find(mn, dev, peer, family)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "a BFD session to this peer exists on the interface");
		return -EEXIST;
	}
	if (mn->bfd.count >= READ_ONCE(bfd_max_sessions_per_netns)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the namespace holds bfd_max_sessions_per_netns sessions already");
		return -ENOSPC;
	}
	s = kzalloc(sizeof(*s), GFP_KERNEL_ACCOUNT);
	if (!s)
		return -ENOMEM;
	if (!mn->bfd.count) {
		err = mwg_bfd_net_open(mn, extack);
		if (err) {
			kfree(s);
			return err;
		}
	}
	s->mn = mn;
	s->dev = dev;
	s->family = family;
	s->peer = *peer;
	s->local = *local;
	s->src_port = htons(MWG_BFD_SRC_PORT_MIN + get_random_u32() % 16384);
	do {
		s->local_disc = get_random_u32();
	} while (!s->local_disc || mwg_bfd_disc_used(mn, s->local_disc));
	spin_lock_init(&s->lock);
	s->cfg = *cfg;
	s->state = MWG_BFD_DOWN;
	s->remote_state = MWG_BFD_DOWN;
	s->remote_rx_us = 1;		/* 6.8.1: the initial value */
	s->act_tx_us = mwg_bfd_advertised_tx_us(s);
	s->act_rx_us = cfg->rx_us;
	hrtimer_init(&s->tx_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	s->tx_timer.function = mwg_bfd_tx_timer_fn;
	hrtimer_init(&s->detect_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	s->detect_timer.function = mwg_bfd_detect_timer_fn;
	netdev_hold(dev, &s->dev_tracker, GFP_KERNEL);

	/* From here on the kobject owns the session and its device reference. */
	err = mwg_bfd_sysfs_add(s);
	if (err) {
		kobject_put(&s->kobj);
		if (!mn->bfd.count)
			mwg_bfd_net_close(mn);
		return err;
	}

	list_add_tail_rcu(&s->node, &mn->bfd.sessions);
	hash_add_rcu(mn->bfd.by_disc, &s->disc_node, s->local_disc);
	mn->bfd.count++;

	spin_lock_bh(&s->lock);
	mwg_bfd_send(s, 0);
	mwg_bfd_schedule_tx(s);
	spin_unlock_bh(&s->lock);
	return 0;
}

/**
 * mwg_bfd_session_reconfigure() - Apply a new configuration to a session.
 * @s: the session.
 * @cfg: a configuration mwg_bfd_config_validate() accepted.
 *
 * New intervals on an Up session go through a Poll Sequence (RFC 5880
 * 6.8.3): a faster transmit or slower receive interval applies at once,
 * the other two directions once the remote's Final arrives.  A session
 * that is not Up takes them at once.  Either way a packet with the new
 * values leaves now.  A new multiplier goes with the next packet, a new
 * hold-down time applies to the next Down.
 *
 * Context: RTNL held; process context.  Takes @s->lock.
 */
void mwg_bfd_session_reconfigure(struct mwg_bfd_session *s,
				 const struct mwg_bfd_config *cfg)
{
	bool rates;

	ASSERT_RTNL();
	spin_lock_bh(&s->lock);
	rates = cfg->tx_us != s->cfg.tx_us || cfg->rx_us != s->cfg.rx_us;
	s->cfg = *cfg;
	if (rates && s->state == MWG_BFD_UP) {
		/*
		 * 6.8.3: a slower transmit rate and a faster receive rate wait
		 * for the Final; the other two directions apply at once.
		 */
		s->act_tx_us = min(s->act_tx_us, cfg->tx_us);
		s->act_rx_us = max(s->act_rx_us, cfg->rx_us);
		mwg_bfd_begin_poll(s);
	} else if (rates) {
		s->act_tx_us = mwg_bfd_advertised_tx_us(s);
		s->act_rx_us = cfg->rx_us;
	}
	if (rates) {
		mwg_bfd_send(s, s->polling ? MWG_BFD_FLAG_POLL : 0);
		mwg_bfd_schedule_tx(s);
	}
	spin_unlock_bh(&s->lock);
}

static void mwg_bfd_free_rcu(struct rcu_head *head)
{
	struct mwg_bfd_session *s = container_of(head, struct mwg_bfd_session,
						 rcu);

	netdev_put(s->dev, &s->dev_tracker);
	kfree(s);
}

/**
 * mwg_bfd_session_release() - Free a session once its last reference went.
 * @kobj: &mwg_bfd_session.kobj.
 *
 * The release of the session's kobject.  Receive may still see the session
 * under RCU, so its memory and device reference go after a grace period.
 */
void mwg_bfd_session_release(struct kobject *kobj)
{
	struct mwg_bfd_session *s = container_of(kobj, struct mwg_bfd_session,
						 kobj);

	call_rcu(&s->rcu, mwg_bfd_free_rcu);
}

/*
 * With @farewell the peer hears AdminDown at once (6.8.16), so that it
 * goes Down now instead of after its detection time.
 */
static void __mwg_bfd_session_destroy(struct mwg_bfd_session *s,
				      bool farewell)
{
	struct mwg_net *mn = s->mn;
	u8 old;

	ASSERT_RTNL();
	spin_lock_bh(&s->lock);
	old = s->state;
	if (old != MWG_BFD_ADMIN_DOWN) {
		s->state = MWG_BFD_ADMIN_DOWN;
		s->diag = MWG_BFD_DIAG_ADMIN_DOWN;
		if (farewell)
			mwg_bfd_send(s, 0);
		mwg_bfd_notify(s, old);
	}
	s->dead = true;
	spin_unlock_bh(&s->lock);

	list_del_rcu(&s->node);
	hash_del_rcu(&s->disc_node);
	hrtimer_cancel(&s->tx_timer);
	hrtimer_cancel(&s->detect_timer);
	mwg_bfd_sysfs_del(s);
	if (!--mn->bfd.count)
		mwg_bfd_net_close(mn);
	kobject_put(&s->kobj);
}

/**
 * mwg_bfd_session_destroy() - Unpublish, stop and release a session.
 * @s: the session.
 *
 * While its device is up, the peer hears AdminDown at once (RFC 5880
 * 6.8.16): it goes Down now rather than after its detection time, and
 * does not take that for a failure of the path (RFC 5882 3.2).  The
 * session is marked dead, so that its timers, cancelled here, stay
 * cancelled; its sysfs directory goes, and with the namespace's last
 * session the sockets.
 *
 * Context: RTNL held; process context, may sleep.
 */
void mwg_bfd_session_destroy(struct mwg_bfd_session *s)
{
	__mwg_bfd_session_destroy(s, netif_running(s->dev));
}

/**
 * mwg_bfd_dev_gone() - Destroy the sessions of a device being unregistered.
 * @dev: the device, down by now.
 *
 * Without the AdminDown farewell that mwg_bfd_session_destroy() sends
 * while a device is up.
 *
 * Context: RTNL held (NETDEV_UNREGISTER).
 */
void mwg_bfd_dev_gone(struct net_device *dev)
{
	struct mwg_net *mn = mwg_net(dev_net(dev));
	struct mwg_bfd_session *s, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(s, tmp, &mn->bfd.sessions, node)
		if (s->dev == dev)
			__mwg_bfd_session_destroy(s, false);
}

/**
 * mwg_bfd_init_net() - Initialise the BFD part of a new namespace's state.
 * @mn: the namespace's state; nothing else sees it yet.
 *
 * No session and no socket: the sockets open with the first session.
 */
void mwg_bfd_init_net(struct mwg_net *mn)
{
	INIT_LIST_HEAD(&mn->bfd.sessions);
	INIT_LIST_HEAD(&mn->bfd.dirs);
	hash_init(mn->bfd.by_disc);
}

/**
 * mwg_bfd_exit_net() - Destroy every BFD session of a namespace.
 * @mn: the namespace's state, going away.
 *
 * Context: Process context (pernet exit), without RTNL: takes it.
 */
void mwg_bfd_exit_net(struct mwg_net *mn)
{
	struct mwg_bfd_session *s, *tmp;

	rtnl_lock();
	list_for_each_entry_safe(s, tmp, &mn->bfd.sessions, node)
		mwg_bfd_session_destroy(s);
	rtnl_unlock();
}

/* From the netlink spec via scripts/gen-names: MWG_BFD_STATE_NAMES. */
#define MWG_BFD_STATE_NAME(state, name) \
	[state] = #name,

static const char *const mwg_bfd_state_names[] = {
	MWG_BFD_STATE_NAMES(MWG_BFD_STATE_NAME)
};

/**
 * mwg_bfd_state_name() - The name of a BFD state, for the log and sysfs.
 * @state: the state (enum mwg_bfd_wire_state); its two low bits count.
 *
 * Return: "admin_down", "down", "init" or "up".
 */
const char *mwg_bfd_state_name(u8 state)
{
	return mwg_bfd_state_names[state & 3];
}
