// SPDX-License-Identifier: GPL-2.0
/*
 * The common start of applying the [vr], [group] or [bfd] sections: a
 * session to the module and one dump of the kernel's objects of that kind,
 * each failure logged once with what was not applied.
 */
#include <errno.h>

#include "mwg.h"
#include "mwgd.h"

int mwgd_sections_dump(struct mwg_session *s, const char *what, uint8_t cmd,
		       const char *cmd_name, mwg_reply_fn fn, void *arg)
{
	struct nl_msg *msg;
	int rc;

	if (mwg_session_open(s) < 0) {
		mwgd_log(LOG_ERR, "[%s] sections not applied: %s", what,
			 s->err.text);
		return -1;
	}
	msg = mwg_msg_new(s, cmd, NLM_F_DUMP);
	if (!msg) {
		mwgd_log(LOG_ERR, "[%s] sections not applied: out of memory",
			 what);
		return -ENOMEM;
	}
	rc = mwg_request(s, msg, fn, arg);
	if (rc < 0)
		mwgd_log(LOG_ERR, "[%s] sections not applied: %s: %s", what,
			 cmd_name, s->err.text);
	return rc;
}
