// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl service show: the IPVS services, their real servers and the
 * connection-sync daemons, as the kernel reports them (the table mwgd's
 * [proxy] sections program).  Everything is read before anything is
 * printed, so a failure half way leaves stdout empty.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs.h"
#include "mwgctl.h"

struct service_view {
	struct mwg_ipvs_service svc;
	struct mwg_ipvs_dest *dests;
	size_t n_dests;
};

static const char *daemon_state_name(uint32_t state)
{
	return state == IP_VS_STATE_MASTER ? "master" :
	       state == IP_VS_STATE_BACKUP ? "backup" : "none";
}

static void print_text(const struct service_view *v, size_t n,
		       const struct mwg_ipvs_daemon *dm, size_t n_dm)
{
	char a[INET6_ADDRSTRLEN], proto[8];
	size_t i, k;

	for (i = 0; i < n; i++) {
		const struct mwg_ipvs_service *s = &v[i].svc;

		if (s->fwmark)
			printf("fwmark %u", s->fwmark);
		else
			printf("%s %s:%u",
			       mwg_ipvs_protocol_name(s->protocol, proto,
						      sizeof(proto)),
			       inet_ntop(s->af, s->addr, a, sizeof(a)) ?: "?",
			       s->port);
		printf(" scheduler %s flags 0x%x connections %llu\n", s->sched,
		       s->flags, (unsigned long long)s->conns);
		for (k = 0; k < v[i].n_dests; k++) {
			const struct mwg_ipvs_dest *d = &v[i].dests[k];

			printf("    %s:%u %s weight %u active %u inactive %u connections %llu\n",
			       inet_ntop(s->af, d->addr, a, sizeof(a)) ?: "?",
			       d->port, mwg_ipvs_fwd_name(d->fwd), d->weight,
			       d->active, d->inactive,
			       (unsigned long long)d->conns);
		}
	}
	for (i = 0; i < n_dm; i++)
		printf("sync %s dev %s id %u\n", daemon_state_name(dm[i].state),
		       dm[i].ifname, dm[i].sync_id);
}

static void print_json(struct mwg_json *j, const struct service_view *v,
		       size_t n, const struct mwg_ipvs_daemon *dm, size_t n_dm)
{
	char a[INET6_ADDRSTRLEN], proto[8];
	size_t i, k;

	mwg_json_begin_object(j);
	mwg_json_key(j, "services");
	mwg_json_begin_array(j);
	for (i = 0; i < n; i++) {
		const struct mwg_ipvs_service *s = &v[i].svc;

		mwg_json_begin_object(j);
		mwg_json_kv_string(j, "protocol",
				   mwg_ipvs_protocol_name(s->protocol, proto,
							  sizeof(proto)));
		mwg_json_kv_string(j, "address",
				   inet_ntop(s->af, s->addr, a, sizeof(a)) ?: "");
		mwg_json_kv_uint(j, "port", s->port);
		mwg_json_kv_uint(j, "fwmark", s->fwmark);
		mwg_json_kv_string(j, "scheduler", s->sched);
		mwg_json_kv_uint(j, "flags", s->flags);
		mwg_json_kv_uint(j, "connections", s->conns);
		mwg_json_kv_uint(j, "in_packets", s->inpkts);
		mwg_json_kv_uint(j, "out_packets", s->outpkts);
		mwg_json_key(j, "real_servers");
		mwg_json_begin_array(j);
		for (k = 0; k < v[i].n_dests; k++) {
			const struct mwg_ipvs_dest *d = &v[i].dests[k];

			mwg_json_begin_object(j);
			mwg_json_kv_string(j, "address",
					   inet_ntop(s->af, d->addr, a,
						     sizeof(a)) ?: "");
			mwg_json_kv_uint(j, "port", d->port);
			mwg_json_kv_string(j, "forward",
					   mwg_ipvs_fwd_name(d->fwd));
			mwg_json_kv_uint(j, "weight", d->weight);
			mwg_json_kv_uint(j, "active", d->active);
			mwg_json_kv_uint(j, "inactive", d->inactive);
			mwg_json_kv_uint(j, "persistent", d->persist);
			mwg_json_kv_uint(j, "connections", d->conns);
			mwg_json_end_object(j);
		}
		mwg_json_end_array(j);
		mwg_json_end_object(j);
	}
	mwg_json_end_array(j);
	mwg_json_key(j, "sync_daemons");
	mwg_json_begin_array(j);
	for (i = 0; i < n_dm; i++) {
		mwg_json_begin_object(j);
		mwg_json_kv_string(j, "state", daemon_state_name(dm[i].state));
		mwg_json_kv_string(j, "interface", dm[i].ifname);
		mwg_json_kv_uint(j, "sync_id", dm[i].sync_id);
		mwg_json_end_object(j);
	}
	mwg_json_end_array(j);
	mwg_json_end_object(j);
	putchar('\n');
}

int cmd_service_show(struct mwgctl *ctl, int argc, char **argv)
{
	struct mwg_ipvs_service *svcs = NULL;
	struct service_view *views = NULL;
	struct mwg_ipvs_daemon dm[2];
	size_t n = 0, n_dm = 0, i;
	struct mwg_session s;
	int rc = MWGCTL_OK;

	if (argc > 0)
		return mwgctl_usage_error(ctl, "unexpected \"%s\"", argv[0]);
	if (mwg_ipvs_open(&s) < 0)
		return mwgctl_fail_session(ctl, &s);
	if (mwg_ipvs_services(&s, &svcs, &n) < 0 ||
	    mwg_ipvs_daemons(&s, dm, &n_dm) < 0) {
		rc = mwgctl_fail_session(ctl, &s);
		goto out;
	}
	views = calloc(n ? n : 1, sizeof(*views));
	if (!views) {
		rc = mwgctl_fail(ctl, NULL, strerror(ENOMEM));
		goto out;
	}
	for (i = 0; i < n; i++) {
		views[i].svc = svcs[i];
		if (mwg_ipvs_dests(&s, &svcs[i], &views[i].dests,
				   &views[i].n_dests) < 0) {
			rc = mwgctl_fail_session(ctl, &s);
			goto out;
		}
	}
	if (ctl->json)
		print_json(mwgctl_json(ctl), views, n, dm, n_dm);
	else
		print_text(views, n, dm, n_dm);
out:
	for (i = 0; views && i < n; i++)
		free(views[i].dests);
	free(views);
	free(svcs);
	mwg_session_close(&s);
	return rc;
}
