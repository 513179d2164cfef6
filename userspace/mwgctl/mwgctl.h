/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mwgctl: shared between the command files.
 */
#ifndef MWGCTL_H
#define MWGCTL_H

#include <stdbool.h>
#include <stdio.h>

#include "json.h"
#include "mwg.h"

/* Exit codes. */
#define MWGCTL_OK		0
#define MWGCTL_FAILED		1	/* the system or the kernel said no */
#define MWGCTL_USAGE		2	/* the command line is wrong */

struct mwgctl;

struct mwgctl_cmd {
	const char *object;		/* "vr" */
	const char *command;		/* "add"; NULL for "stats", ... */
	int (*fn)(struct mwgctl *ctl, int argc, char **argv);
	const char *synopsis;		/* the arguments, for usage lines */
	const char *description;
};

struct mwgctl {
	bool json;
	bool pretty;
	bool stats;			/* -s: counters in text output */
	/* MWGCTL_NO_CHECK=1 or --no-check: leave validation to the kernel. */
	bool no_check;
	const struct mwgctl_cmd *cmd;	/* the command being run */
	struct mwg_json json_out;
	/* One socket for every command of a run, opened when first needed. */
	struct mwg_session session;
	bool have_session;
	/* In a batch: its name ("-" for stdin) and the line being run. */
	const char *batch_name;
	unsigned int batch_line;
};

/* "mwgctl: MSG" and this command's usage line; returns MWGCTL_USAGE. */
int mwgctl_usage_error(struct mwgctl *ctl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "mwgctl: WHAT: TEXT"; returns MWGCTL_FAILED. */
int mwgctl_fail(struct mwgctl *ctl, const char *what, const char *text);

/* "mwgctl: OBJECT COMMAND: <session error>"; returns MWGCTL_FAILED. */
int mwgctl_fail_session(struct mwgctl *ctl, const struct mwg_session *s);

/* Open a session, reporting failure; 0 or MWGCTL_FAILED. */
int mwgctl_open(struct mwgctl *ctl, struct mwg_session *s);

/*
 * The run's mwg_vrrp session, opened on first use and kept for the next
 * command of a batch; NULL after reporting the failure.  mwgctl_close()
 * ends it.
 */
struct mwg_session *mwgctl_session(struct mwgctl *ctl);
void mwgctl_close(struct mwgctl *ctl);

/* The whole usage: options, every command, the VR options. */
void mwgctl_print_usage(FILE *out);

/* Run "OBJECT COMMAND ARGS"; an exit code. */
int mwgctl_run(struct mwgctl *ctl, int argc, char **argv);

/*
 * Run every line of @path ("-": stdin) as a command, stopping at the first
 * that fails unless @force; the first failure's exit code, or MWGCTL_OK.
 */
int mwgctl_batch(struct mwgctl *ctl, const char *path, bool force);

/* Move this process into network namespace @name (or a path); -1, errno. */
int mwgctl_enter_netns(const char *name);

/* After a successful request: print the kernel's warning, if it sent one. */
void mwgctl_warn_extack(struct mwgctl *ctl, const struct mwg_session *s);

/*
 * Sends a change request (and frees @msg): a refusal is reported as this
 * command's failure, a warning the kernel attached is printed.
 * MWGCTL_OK or MWGCTL_FAILED.
 */
int mwgctl_change(struct mwgctl *ctl, struct mwg_session *s,
		  struct nl_msg *msg);

/* Dumps @cmd into @fn, reporting a failure; MWGCTL_OK or MWGCTL_FAILED. */
int mwgctl_dump(struct mwgctl *ctl, struct mwg_session *s, int cmd,
		mwg_reply_fn fn, void *arg);

/*
 * Room for item @count of a list a dump collects: @items itself, or
 * reallocated with *@cap grown; NULL without memory (@items still valid).
 */
void *mwgctl_list_grow(void *items, unsigned int *cap, unsigned int count,
		       size_t size);

/* Start JSON output on stdout with the -p setting. */
struct mwg_json *mwgctl_json(struct mwgctl *ctl);

/* Fill in IFNAME from the index when the kernel did not send it. */
void mwgctl_fill_ifname(struct mwg_vr *vr);

/* A growable list of VRs, as a dump collects them. */
struct vr_list {
	struct mwg_vr *items;
	unsigned int count;
	unsigned int cap;
};

/* Dump every VR of the namespace into @list; 0 or a negative errno. */
int mwgctl_dump_vrs(struct mwg_session *s, struct vr_list *list);
void vr_list_free(struct vr_list *list);

int cmd_vr_add(struct mwgctl *ctl, int argc, char **argv);
int cmd_vr_set(struct mwgctl *ctl, int argc, char **argv);
int cmd_vr_del(struct mwgctl *ctl, int argc, char **argv);
int cmd_vr_show(struct mwgctl *ctl, int argc, char **argv);
int cmd_stats(struct mwgctl *ctl, int argc, char **argv);
int cmd_monitor(struct mwgctl *ctl, int argc, char **argv);
int cmd_scanner_show(struct mwgctl *ctl, int argc, char **argv);
int cmd_service_show(struct mwgctl *ctl, int argc, char **argv);
int cmd_bfd_add(struct mwgctl *ctl, int argc, char **argv);
int cmd_bfd_set(struct mwgctl *ctl, int argc, char **argv);
int cmd_bfd_del(struct mwgctl *ctl, int argc, char **argv);
int cmd_bfd_show(struct mwgctl *ctl, int argc, char **argv);
int cmd_group_add(struct mwgctl *ctl, int argc, char **argv);
int cmd_group_del(struct mwgctl *ctl, int argc, char **argv);
int cmd_group_show(struct mwgctl *ctl, int argc, char **argv);

#endif /* MWGCTL_H */
