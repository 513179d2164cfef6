// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl scanner show: the live-scanner table, as the kernel holds it.
 */
#include <errno.h>
#include <string.h>

#include "mwgctl.h"

struct scanner_show {
	struct mwgctl *ctl;
	struct mwg_json *j;
};

static int show_one(const struct mwg_scanner *sc, void *arg)
{
	struct scanner_show *show = arg;

	if (show->j)
		mwg_scanner_print_json(show->j, sc);
	else
		mwg_scanner_print_text(stdout, sc);
	return 0;
}

static int on_scanners(struct nl_msg *msg, void *arg)
{
	int rc;

	if (mwg_msg_cmd(msg) != MWG_VRRP_CMD_SCANNER_GET)
		return 0;
	rc = mwg_scanners_foreach(msg, show_one, arg);
	return rc < 0 ? rc : 0;
}

int cmd_scanner_show(struct mwgctl *ctl, int argc, char **argv)
{
	struct scanner_show show = { .ctl = ctl };
	struct mwg_session s;
	struct nl_msg *msg;
	int rc;

	if (argc > 0)
		return mwgctl_usage_error(ctl, "unexpected \"%s\"", argv[0]);
	rc = mwgctl_open(ctl, &s);
	if (rc)
		return rc;

	msg = mwg_msg_new(&s, MWG_VRRP_CMD_SCANNER_GET, NLM_F_DUMP);
	if (!msg) {
		rc = mwgctl_fail(ctl, NULL, strerror(ENOMEM));
		goto out;
	}
	if (ctl->json) {
		show.j = mwgctl_json(ctl);
		mwg_json_begin_array(show.j);
	}
	/*
	 * Entries are printed as they arrive; on a failure half way the
	 * JSON array is still closed so that what came is valid JSON.
	 */
	if (mwg_request(&s, msg, on_scanners, &show) < 0)
		rc = MWGCTL_FAILED;
	if (show.j) {
		mwg_json_end_array(show.j);
		putchar('\n');
	}
	if (rc)
		mwgctl_fail_session(ctl, &s);
out:
	mwg_session_close(&s);
	return rc;
}
