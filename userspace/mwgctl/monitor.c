// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl monitor [count N]: one line (or JSON object) per event, flushed
 * at once so that a pipe or a test reading it sees each event when it
 * happens.
 */
#include <errno.h>
#include <string.h>

#include "args.h"
#include "mwgctl.h"

struct monitor {
	struct mwgctl *ctl;
	bool counted;
	uint64_t remaining;
};

static bool want_more(const struct monitor *mon)
{
	return !mon->counted || mon->remaining > 0;
}

static void event_done(struct monitor *mon)
{
	if (mon->ctl->json)
		putchar('\n');
	fflush(stdout);
	if (mon->counted)
		mon->remaining--;
}

static int on_scanner_event(const struct mwg_scanner *sc, void *arg)
{
	struct monitor *mon = arg;

	if (!want_more(mon))
		return 0;
	if (mon->ctl->json)
		mwg_scanner_event_print_json(mwgctl_json(mon->ctl), sc);
	else
		mwg_scanner_event_print_text(stdout, sc);
	event_done(mon);
	return 0;
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct monitor *mon = arg;
	struct mwg_bfd bfd;
	struct mwg_vr ev;

	if (!want_more(mon))
		return 0;
	switch (mwg_msg_cmd(msg)) {
	case MWG_VRRP_CMD_VR_EVENT:
		if (mwg_vr_parse(msg, &ev) < 0)
			return 0;
		mwgctl_fill_ifname(&ev);
		if (mon->ctl->json)
			mwg_vr_event_print_json(mwgctl_json(mon->ctl), &ev);
		else
			mwg_vr_event_print_text(stdout, &ev);
		event_done(mon);
		break;
	case MWG_VRRP_CMD_ROGUE_EVENT:
		if (mwg_vr_parse(msg, &ev) < 0)
			return 0;
		mwgctl_fill_ifname(&ev);
		if (mon->ctl->json)
			mwg_rogue_event_print_json(mwgctl_json(mon->ctl), &ev);
		else
			mwg_rogue_event_print_text(stdout, &ev);
		event_done(mon);
		break;
	case MWG_VRRP_CMD_SCANNER_EVENT:
		mwg_scanners_foreach(msg, on_scanner_event, mon);
		break;
	case MWG_VRRP_CMD_BFD_EVENT:
		if (mwg_bfd_parse(msg, &bfd) < 0)
			return 0;
		if (mon->ctl->json)
			mwg_bfd_event_print_json(mwgctl_json(mon->ctl), &bfd);
		else
			mwg_bfd_event_print_text(stdout, &bfd);
		event_done(mon);
		break;
	default:
		/* Someone else's command on our group: not an event we know. */
		break;
	}
	return 0;
}

int cmd_monitor(struct mwgctl *ctl, int argc, char **argv)
{
	struct monitor mon = { .ctl = ctl };
	struct mwg_session s;
	struct args a;
	const char *word;
	int rc;

	args_init(&a, argc, argv, ctl->no_check);
	while ((word = args_next(&a))) {
		if (!strcmp(word, "count") && !mon.counted) {
			if (args_uint(&a, "count", 1, UINT32_MAX, UINT64_MAX,
				      &mon.remaining) < 0)
				return mwgctl_usage_error(ctl, "%s", a.err);
			mon.counted = true;
		} else {
			return mwgctl_usage_error(ctl, "unexpected \"%s\"", word);
		}
	}
	/* "count 0" under --no-check: nothing to wait for. */
	if (!want_more(&mon))
		return MWGCTL_OK;

	rc = mwgctl_open(ctl, &s);
	if (rc)
		return rc;
	if (mwg_session_subscribe(&s) < 0) {
		rc = mwgctl_fail_session(ctl, &s);
		goto out;
	}

	while (want_more(&mon)) {
		rc = mwg_session_receive_events(&s, on_event, &mon);
		if (rc == -ENOBUFS) {
			/* Say so and go on: later events are still worth seeing. */
			fflush(stdout);
			fprintf(stderr, "mwgctl: monitor: %s\n", s.err.text);
			continue;
		}
		if (rc < 0) {
			rc = mwgctl_fail_session(ctl, &s);
			goto out;
		}
	}
	rc = MWGCTL_OK;
out:
	mwg_session_close(&s);
	return rc;
}
