// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl's entry: the global options, then one command (mwgctl.c) or a
 * batch of them (batch.c), in the namespace -n names.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mwgctl.h"

static bool env_flag(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0") != 0;
}

/* "-x VALUE" / "--x VALUE": the value, or NULL with a usage error. */
static const char *option_value(struct mwgctl *ctl, int *argc, char ***argv)
{
	if (*argc < 2) {
		mwgctl_usage_error(ctl, "option \"%s\" needs a value",
				   (*argv)[0]);
		return NULL;
	}
	(*argc)--;
	(*argv)++;
	return (*argv)[0];
}

int main(int argc, char **argv)
{
	struct mwgctl ctl = { .no_check = env_flag("MWGCTL_NO_CHECK") };
	const char *batch = NULL, *netns = NULL;
	bool force = false;
	int rc;

	argc--;
	argv++;
	for (; argc > 0 && argv[0][0] == '-' && argv[0][1]; argc--, argv++) {
		const char *opt = argv[0];

		/* Accept -opt and --opt alike, as iproute2 does. */
		if (opt[1] == '-')
			opt++;
		if (!strcmp(opt, "-j") || !strcmp(opt, "-json")) {
			ctl.json = true;
		} else if (!strcmp(opt, "-p") || !strcmp(opt, "-pretty")) {
			ctl.pretty = true;
		} else if (!strcmp(opt, "-s") || !strcmp(opt, "-stats") ||
			   !strcmp(opt, "-statistics")) {
			ctl.stats = true;
		} else if (!strcmp(opt, "-n") || !strcmp(opt, "-netns")) {
			netns = option_value(&ctl, &argc, &argv);
			if (!netns)
				return MWGCTL_USAGE;
		} else if (!strcmp(opt, "-b") || !strcmp(opt, "-batch")) {
			batch = option_value(&ctl, &argc, &argv);
			if (!batch)
				return MWGCTL_USAGE;
		} else if (!strcmp(opt, "-f") || !strcmp(opt, "-force")) {
			force = true;
		} else if (!strcmp(opt, "-no-check")) {
			/* For tests of the kernel's own checks; not in help. */
			ctl.no_check = true;
		} else if (!strcmp(opt, "-h") || !strcmp(opt, "-help")) {
			mwgctl_print_usage(stdout);
			return MWGCTL_OK;
		} else if (!strcmp(opt, "-V") || !strcmp(opt, "-version")) {
			printf("mwgctl %s\n", MWG_TOOLS_VERSION);
			return MWGCTL_OK;
		} else {
			return mwgctl_usage_error(&ctl, "unknown option \"%s\"",
						  argv[0]);
		}
	}

	if (batch && argc > 0)
		return mwgctl_usage_error(&ctl, "-batch takes its commands from the file, not \"%s\"",
					  argv[0]);
	if (netns && mwgctl_enter_netns(netns) < 0) {
		char text[PATH_MAX + 64];

		snprintf(text, sizeof(text),
			 "cannot enter network namespace \"%s\": %s", netns,
			 strerror(errno));
		return mwgctl_fail(&ctl, "-n", text);
	}
	rc = batch ? mwgctl_batch(&ctl, batch, force) :
		     mwgctl_run(&ctl, argc, argv);
	mwgctl_close(&ctl);
	return rc;
}
