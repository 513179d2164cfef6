// SPDX-License-Identifier: GPL-2.0
/*
 * Log lines kept off the takeover path.  A state change happens in
 * softirq, with the VR's lock held and often with the next VR's takeover
 * (a sync group, a BFD session's VRs) waiting in the same softirq.
 * printk() there writes the line to every console before it returns; on
 * the benchmark guest's serial console that took about half a millisecond
 * a line, by which a resigning master's priority-0 advert reached a
 * backup on the same CPU later.  So the line is formatted where it
 * happens and printed from process context.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/llist.h>
#include <linux/net.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "log.h"

/* Long enough for a state or BFD line with an IPv6 address. */
#define MWG_LOG_LINE_MAX	160

struct mwg_log_line {
	struct llist_node node;
	char text[MWG_LOG_LINE_MAX];
};

static void mwg_log_flush(struct work_struct *work);

/* Lock-free: producers in any context, one consumer (the work item). */
static LLIST_HEAD(mwg_log_queue);
static DECLARE_WORK(mwg_log_work, mwg_log_flush);

/**
 * mwg_log_deferred() - pr_info() for the takeover path.
 * @fmt: the format, without the "mwg_vrrp: " prefix: log.c's pr_fmt() adds
 *       it when the line is written.
 * @...: its arguments.
 *
 * The line is formatted at once, rate-limited as net_info_ratelimited()
 * is, and written to the log later by a work item, in the order the lines
 * were queued: printk() in softirq would write it to every console before
 * it returns, and the takeover that follows would wait.  A line is cut at
 * MWG_LOG_LINE_MAX - 1 bytes; one that finds no memory is lost.
 *
 * Context: Any context.
 */
void mwg_log_deferred(const char *fmt, ...)
{
	struct mwg_log_line *line;
	va_list args;

	if (!net_ratelimit())
		return;
	line = kmalloc(sizeof(*line), GFP_ATOMIC);
	if (!line)
		return;
	va_start(args, fmt);
	vscnprintf(line->text, sizeof(line->text), fmt, args);
	va_end(args);
	/* The first line on an empty queue starts the writer. */
	if (llist_add(&line->node, &mwg_log_queue))
		schedule_work(&mwg_log_work);
}

static void mwg_log_flush(struct work_struct *work)
{
	struct llist_node *lines = llist_del_all(&mwg_log_queue);
	struct mwg_log_line *line, *next;

	/* llist_add() pushes at the head: oldest first again. */
	lines = llist_reverse_order(lines);
	llist_for_each_entry_safe(line, next, lines, node) {
		pr_info("%s", line->text);
		kfree(line);
	}
}

/**
 * mwg_log_exit() - Write the lines still queued.
 *
 * Description: A line queued while the work item runs finds the queue empty and
 * queues the work again: flush_work() waits for that run too.
 *
 * Context: Process context, may sleep; at module exit, once no VR is left
 * to queue more.
 */
void mwg_log_exit(void)
{
	flush_work(&mwg_log_work);
}
