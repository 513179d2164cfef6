// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl: configure and watch the mwg_vrrp kernel module.
 *
 *   mwgctl [OPTIONS] OBJECT COMMAND [ARGS]
 *   mwgctl [OPTIONS] -batch FILE
 *
 * Every command is a row of the table below; main() (main.c) reads the
 * global options, and mwgctl_run() finds the row and runs it, for the
 * command line or for each line of a batch.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "mwgctl.h"

static int cmd_help(struct mwgctl *ctl, int argc, char **argv);
static int cmd_version(struct mwgctl *ctl, int argc, char **argv);

#define VR_OPTIONS "[OPTIONS]"
#define BFD_OPTIONS "[tx-us N] [rx-us N] [multiplier M] [holddown-ms N]"

static const struct mwgctl_cmd commands[] = {
	{ "vr", "add", cmd_vr_add,
	  "dev IF vrid N prio P vip ADDR[/LEN]... " VR_OPTIONS,
	  "create a virtual router" },
	{ "vr", "set", cmd_vr_set,
	  "dev IF vrid N [family inet|inet6] " VR_OPTIONS,
	  "change a virtual router" },
	{ "vr", "del", cmd_vr_del,
	  "dev IF vrid N [family inet|inet6]",
	  "delete a virtual router" },
	{ "vr", "show", cmd_vr_show,
	  "[dev IF] [vrid N] [family inet|inet6]",
	  "list virtual routers" },
	{ "bfd", "add", cmd_bfd_add,
	  "dev IF peer ADDR [local ADDR] " BFD_OPTIONS,
	  "start a BFD session to a peer on a link" },
	{ "bfd", "set", cmd_bfd_set, "dev IF peer ADDR " BFD_OPTIONS,
	  "change a BFD session's timers (a Poll Sequence)" },
	{ "bfd", "del", cmd_bfd_del, "dev IF peer ADDR",
	  "stop a BFD session (the peer hears AdminDown)" },
	{ "bfd", "show", cmd_bfd_show, "[dev IF] [peer ADDR]",
	  "list BFD sessions" },
	{ "group", "add", cmd_group_add,
	  "NAME vr IF:VRID [vr IF:VRID...] [family inet|inet6]",
	  "bind VRs on different links: MASTER together or not at all" },
	{ "group", "del", cmd_group_del, "NAME",
	  "delete a sync group (its VRs stay)" },
	{ "group", "show", cmd_group_show, "",
	  "list sync groups and their members' states" },
	{ "stats", NULL, cmd_stats, "",
	  "module version, namespace and per-router counters" },
	{ "monitor", NULL, cmd_monitor, "[count N]",
	  "print VR and BFD state changes and scanner events as they happen" },
	{ "scanner", "show", cmd_scanner_show, "",
	  "list the live scanners the kernel knows" },
	{ "service", "show", cmd_service_show, "",
	  "list the IPVS services, real servers and sync daemons (Proxy HA)" },
	{ "version", NULL, cmd_version, "", "print the version" },
	{ "help", NULL, cmd_help, "", "print this help" },
};

#define N_COMMANDS	(sizeof(commands) / sizeof(commands[0]))

/* Other spellings users reach for. */
static const struct {
	const char *alias;
	const char *command;
} command_aliases[] = {
	{ "delete", "del" },
	{ "list", "show" },
	{ "ls", "show" },
	{ "change", "set" },
};

#define N_ALIASES	(sizeof(command_aliases) / sizeof(command_aliases[0]))

static const char options_help[] =
	"OPTIONS of vr add / vr set:\n"
	"    interval MS             advertisement interval (v3: 10..40950, multiple of 10;\n"
	"                            v2: whole seconds, 1000..255000)\n"
	"    vip ADDR[/LEN]...       virtual addresses; repeat \"vip\" or list several\n"
	"                            (vr set: replaces the whole list)\n"
	"    preempt on|off          preemption (RFC 5798 Preempt_Mode)\n"
	"    preempt-delay MS        wait before preempting (0..3600000)\n"
	"    accept on|off           accept packets to the VIPs as backup-turned-master\n"
	"    vmac on|off             speak from the virtual MAC (on) or the interface's\n"
	"                            own MAC (off: where foreign source MACs are dropped)\n"
	"    checksum pseudo|rfc9568 IPv4 VRRPv3 checksum form (RFC 5798 or RFC 9568)\n"
	"    garp-repeat N           gratuitous ARP/NA count on becoming master (0..100)\n"
	"    garp-interval MS        between them (1..60000)\n"
	"    garp-refresh S          repeat while master every S seconds, 0 = off\n"
	"    (durations also take a unit: interval 1s, preempt-delay 500ms)\n"
	"    version 2|3             VRRP version (2 is IPv4 only)\n"
	"    family inet|inet6       default: from the VIPs\n"
	"    track-scanners N        lower the priority while fewer than N scanners live\n"
	"    weight W                by W (0..255)\n"
	"    track-bfd on|off        take over at once when the BFD session to the\n"
	"                            master goes down (see \"bfd add\")\n"
	"    bfd-peer ADDR           the BFD peer to track instead of the master\n"
	"                            learned from the adverts (0.0.0.0 or :: unsets)\n"
	"    allow PREFIX...|none    take adverts only from these sources (at most\n"
	"                            8); others are dropped and counted\n"
	"    peer ADDR...|none       unicast mode: send adverts to these peers (at\n"
	"                            most 8) through the IP stack, take them only\n"
	"                            from them; none: multicast again\n"
	"    track-if IF|none        follow interface IF: while it is down, lower\n"
	"    track-if-weight W       the priority by W (1..254), or with W 0 (the\n"
	"                            default) hold the VR in init\n"
	"    tracked NAME:N|NAME:fault...|none\n"
	"                            vr set only: what a tracking daemon reports (at\n"
	"                            most 16): NAME lowers the priority by N, or holds\n"
	"                            the VR in init; replaces the whole list (mwgd's\n"
	"                            track_* keys set it)\n";

void mwgctl_print_usage(FILE *out)
{
	unsigned int i;

	fprintf(out,
		"Usage: mwgctl [OPTIONS] OBJECT COMMAND [ARGS]\n"
		"       mwgctl [OPTIONS] -batch FILE\n"
		"\n"
		"    -j, --json        JSON output\n"
		"    -p, --pretty      indent JSON output\n"
		"    -s, --stats       counters in text output (JSON always has them)\n"
		"    -n, --netns NAME  run in network namespace NAME (as \"ip -n\")\n"
		"    -b, --batch FILE  run the commands of FILE (\"-\": stdin), one per\n"
		"                      line, over one netlink socket\n"
		"    -f, --force       in a batch, go on after a failing line\n"
		"\n"
		"Objects, commands and keywords may be shortened to a prefix\n"
		"(\"mwgctl v s\" is \"mwgctl vr show\"); \"help\" after any of them\n"
		"tells more (\"mwgctl vr help\", \"mwgctl vr add help\").\n"
		"\n");
	for (i = 0; i < N_COMMANDS; i++) {
		const struct mwgctl_cmd *c = &commands[i];
		char head[32];

		snprintf(head, sizeof(head), "%s%s%s", c->object,
			 c->command ? " " : "", c->command ?: "");
		fprintf(out, "    mwgctl %s%s%s\n", head,
			c->synopsis[0] ? " " : "", c->synopsis);
		fprintf(out, "        %s\n", c->description);
	}
	fprintf(out, "\n%s", options_help);
	fprintf(out,
		"\n"
		"Exit status: 0 success, 1 the kernel or system refused, 2 usage error.\n");
}

static void print_command_usage(FILE *out, const struct mwgctl_cmd *c)
{
	fprintf(out, "Usage: mwgctl %s%s%s%s%s\n", c->object,
		c->command ? " " : "", c->command ?: "",
		c->synopsis[0] ? " " : "", c->synopsis);
	if (strstr(c->synopsis, VR_OPTIONS))
		fputs("       (see \"mwgctl help\" for OPTIONS)\n", out);
}

/* "mwgctl vr add help": the command, what it does and its options. */
static void print_command_help(FILE *out, const struct mwgctl_cmd *c)
{
	fprintf(out, "Usage: mwgctl %s%s%s%s%s\n\n    %s\n", c->object,
		c->command ? " " : "", c->command ?: "",
		c->synopsis[0] ? " " : "", c->synopsis, c->description);
	if (strstr(c->synopsis, VR_OPTIONS))
		fprintf(out, "\n%s", options_help);
}

/* "mwgctl vr help": every command of one object. */
static void print_object_help(FILE *out, const char *object)
{
	unsigned int i;

	for (i = 0; i < N_COMMANDS; i++) {
		const struct mwgctl_cmd *c = &commands[i];

		if (strcmp(c->object, object))
			continue;
		fprintf(out, "mwgctl %s%s%s%s%s\n    %s\n", c->object,
			c->command ? " " : "", c->command ?: "",
			c->synopsis[0] ? " " : "", c->synopsis, c->description);
	}
	if (!strcmp(object, "vr"))
		fprintf(out, "\n%s", options_help);
}

/* "mwgctl: ", then "FILE:LINE: " for a line of a batch. */
static void print_prefix(const struct mwgctl *ctl)
{
	fputs("mwgctl: ", stderr);
	if (ctl->batch_name)
		fprintf(stderr, "%s:%u: ", ctl->batch_name, ctl->batch_line);
}

int mwgctl_usage_error(struct mwgctl *ctl, const char *fmt, ...)
{
	va_list ap;

	print_prefix(ctl);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (ctl->cmd)
		print_command_usage(stderr, ctl->cmd);
	else if (!ctl->batch_name)
		fputs("Usage: mwgctl [OPTIONS] OBJECT COMMAND [ARGS]; try \"mwgctl help\"\n",
		      stderr);
	return MWGCTL_USAGE;
}

static const char *command_name(const struct mwgctl *ctl, char *buf, size_t len)
{
	if (!ctl->cmd)
		return "mwgctl";
	snprintf(buf, len, "%s%s%s", ctl->cmd->object,
		 ctl->cmd->command ? " " : "", ctl->cmd->command ?: "");
	return buf;
}

int mwgctl_fail(struct mwgctl *ctl, const char *what, const char *text)
{
	char name[32];

	fflush(stdout);
	print_prefix(ctl);
	fprintf(stderr, "%s: %s\n",
		what ?: command_name(ctl, name, sizeof(name)), text);
	return MWGCTL_FAILED;
}

int mwgctl_fail_session(struct mwgctl *ctl, const struct mwg_session *s)
{
	/*
	 * generic netlink answers a command the family does not implement
	 * with a bare EOPNOTSUPP; name the likely cause.
	 */
	if (s->err.code == EOPNOTSUPP && !s->err.extack[0])
		return mwgctl_fail(ctl, NULL,
				   "not supported by the loaded mwg_vrrp module");
	return mwgctl_fail(ctl, NULL, s->err.text[0] ? s->err.text :
			   strerror(s->err.code ?: EIO));
}

void mwgctl_warn_extack(struct mwgctl *ctl, const struct mwg_session *s)
{
	char name[32];

	if (!s->err.text[0])
		return;
	print_prefix(ctl);
	fprintf(stderr, "%s: warning: %s\n",
		command_name(ctl, name, sizeof(name)), s->err.text);
}

int mwgctl_open(struct mwgctl *ctl, struct mwg_session *s)
{
	if (mwg_session_open(s) < 0)
		return mwgctl_fail_session(ctl, s);
	return 0;
}

struct mwg_session *mwgctl_session(struct mwgctl *ctl)
{
	if (!ctl->have_session) {
		if (mwgctl_open(ctl, &ctl->session))
			return NULL;
		ctl->have_session = true;
	}
	return &ctl->session;
}

void mwgctl_close(struct mwgctl *ctl)
{
	if (ctl->have_session)
		mwg_session_close(&ctl->session);
	ctl->have_session = false;
}

int mwgctl_change(struct mwgctl *ctl, struct mwg_session *s,
		  struct nl_msg *msg)
{
	if (mwg_request(s, msg, NULL, NULL) < 0)
		return mwgctl_fail_session(ctl, s);
	mwgctl_warn_extack(ctl, s);
	return MWGCTL_OK;
}

int mwgctl_dump(struct mwgctl *ctl, struct mwg_session *s, int cmd,
		mwg_reply_fn fn, void *arg)
{
	struct nl_msg *msg = mwg_msg_new(s, cmd, NLM_F_DUMP);

	if (!msg)
		return mwgctl_fail(ctl, NULL, strerror(ENOMEM));
	if (mwg_request(s, msg, fn, arg) < 0)
		return mwgctl_fail_session(ctl, s);
	return MWGCTL_OK;
}

void *mwgctl_list_grow(void *items, unsigned int *cap, unsigned int count,
		       size_t size)
{
	unsigned int want;

	if (count < *cap)
		return items;
	want = *cap ? 2 * *cap : 16;
	items = realloc(items, (size_t)want * size);
	if (items)
		*cap = want;
	return items;
}

struct mwg_json *mwgctl_json(struct mwgctl *ctl)
{
	mwg_json_init(&ctl->json_out, stdout, ctl->pretty);
	return &ctl->json_out;
}

static int cmd_help(struct mwgctl *ctl, int argc, char **argv)
{
	(void)ctl;
	(void)argc;
	(void)argv;
	mwgctl_print_usage(stdout);
	return MWGCTL_OK;
}

/* Collect the module version if the module answers; it may not be loaded. */
static int on_info(struct nl_msg *msg, void *arg)
{
	return mwg_info_parse(msg, arg);
}

static int cmd_version(struct mwgctl *ctl, int argc, char **argv)
{
	struct mwg_info info = { 0 };
	struct mwg_session s;
	bool have_module = false;
	struct nl_msg *msg;

	(void)argv;
	if (argc > 0)
		return mwgctl_usage_error(ctl, "unexpected \"%s\"", argv[0]);

	if (mwg_session_open(&s) == 0) {
		msg = mwg_msg_new(&s, MWG_VRRP_CMD_GET_INFO, 0);
		if (msg && mwg_request(&s, msg, on_info, &info) == 0 &&
		    mwg_attrs_has(&info.have, MWG_VRRP_A_MODULE_VERSION))
			have_module = true;
		mwg_session_close(&s);
	}

	if (ctl->json) {
		struct mwg_json *j = mwgctl_json(ctl);

		mwg_json_begin_object(j);
		mwg_json_kv_string(j, "mwgctl", MWG_TOOLS_VERSION);
		mwg_json_kv_string(j, "module",
				   have_module ? info.module_version : NULL);
		mwg_json_end_object(j);
		putchar('\n');
	} else {
		printf("mwgctl %s\n", MWG_TOOLS_VERSION);
		if (have_module)
			printf("mwg_vrrp module %s\n", info.module_version);
	}
	return MWGCTL_OK;
}

/* The objects, each once, in the table's order. */
static size_t object_names(const char **names)
{
	size_t i, j, n = 0;

	for (i = 0; i < N_COMMANDS; i++) {
		for (j = 0; j < n; j++)
			if (!strcmp(names[j], commands[i].object))
				break;
		if (j == n)
			names[n++] = commands[i].object;
	}
	return n;
}

/*
 * The object @word names: whole, or a prefix taken by the first object of
 * the table that it starts ("v" is "vr", "s" is "stats"), as ip(8) lets
 * "ip l" be "ip link".  NULL with a message otherwise.
 */
static const char *find_object(struct mwgctl *ctl, const char *word)
{
	const char *names[N_COMMANDS];
	size_t n = object_names(names), i;
	const char *near;

	for (i = 0; i < n; i++)
		if (!strcmp(word, names[i]))
			return names[i];
	for (i = 0; i < n; i++)
		if (!strncmp(word, names[i], strlen(word)))
			return names[i];
	near = match_closest(word, names, n);
	if (near)
		mwgctl_usage_error(ctl, "unknown object \"%s\"; did you mean \"%s\"?",
				   word, near);
	else
		mwgctl_usage_error(ctl, "unknown object \"%s\"", word);
	return NULL;
}

/*
 * The command @word names for @object: whole, an alias, or a prefix of
 * one command alone.  A prefix of several resolves to "show" when that is
 * one of them ("vr s"), since showing changes nothing; any other
 * ambiguity is an error rather than a guess that could change the wrong
 * thing.
 */
static const struct mwgctl_cmd *find_subcommand(struct mwgctl *ctl,
						const char *object,
						const char *word)
{
	const char *names[N_COMMANDS + N_ALIASES];
	int canon[N_COMMANDS + N_ALIASES];
	int show = -1, found;
	char what[48], msg[256];
	size_t i, j;

	for (i = 0; i < N_COMMANDS; i++) {
		const struct mwgctl_cmd *c = &commands[i];

		names[i] = strcmp(c->object, object) ? NULL : c->command;
		canon[i] = i;
		if (names[i] && !strcmp(names[i], "show"))
			show = i;
	}
	for (j = 0; j < N_ALIASES; j++) {
		names[N_COMMANDS + j] = NULL;
		canon[N_COMMANDS + j] = -1;
		for (i = 0; i < N_COMMANDS; i++) {
			if (names[i] &&
			    !strcmp(names[i], command_aliases[j].command)) {
				names[N_COMMANDS + j] = command_aliases[j].alias;
				canon[N_COMMANDS + j] = i;
			}
		}
	}

	found = match_word(word, names, N_COMMANDS + N_ALIASES, canon);
	if (found == MATCH_AMBIGUOUS && show >= 0 &&
	    !strncmp(word, "show", strlen(word)))
		found = show;
	if (found >= 0)
		return &commands[found];

	snprintf(what, sizeof(what), "%s command", object);
	match_describe(what, word, names, N_COMMANDS + N_ALIASES, found, msg,
		       sizeof(msg));
	if (found == MATCH_AMBIGUOUS) {
		mwgctl_usage_error(ctl, "%s", msg);
		return NULL;
	}
	print_prefix(ctl);
	fprintf(stderr, "%s\n", msg);
	for (i = 0; i < N_COMMANDS; i++)
		if (!strcmp(commands[i].object, object))
			print_command_usage(stderr, &commands[i]);
	return NULL;
}

static bool is_help(const char *word)
{
	return !strcmp(word, "help") || !strcmp(word, "-h") ||
	       !strcmp(word, "--help");
}

int mwgctl_run(struct mwgctl *ctl, int argc, char **argv)
{
	const struct mwgctl_cmd *c = NULL;
	const char *object;
	unsigned int i;

	ctl->cmd = NULL;
	if (argc == 0)
		return mwgctl_usage_error(ctl, "no command given");

	/* "help", "help vr", "help vr add" */
	if (is_help(argv[0]) && argc > 1) {
		object = find_object(ctl, argv[1]);
		if (!object)
			return MWGCTL_USAGE;
		argv[0] = argv[1];
		argv[1] = "help";
		if (argc > 2) {
			argv[1] = argv[2];
			argv[2] = "help";
		}
	}

	object = find_object(ctl, argv[0]);
	if (!object)
		return MWGCTL_USAGE;

	/* An object without commands ("stats"), or given alone. */
	for (i = 0; i < N_COMMANDS && !c; i++) {
		if (strcmp(commands[i].object, object))
			continue;
		if (!commands[i].command ||
		    (argc == 1 && !strcmp(commands[i].command, "show")))
			c = &commands[i];
	}
	if (c && c->command && argc == 1) {
		argc = 0;
	} else if (c && !c->command) {
		argc--;
		argv++;
	} else if (argc > 1 && is_help(argv[1])) {
		print_object_help(stdout, object);
		return MWGCTL_OK;
	} else {
		if (argc == 1)
			return mwgctl_usage_error(ctl, "\"%s\" needs a command; try \"mwgctl %s help\"",
						  object, object);
		c = find_subcommand(ctl, object, argv[1]);
		if (!c)
			return MWGCTL_USAGE;
		argc -= 2;
		argv += 2;
	}

	if (argc > 0 && is_help(argv[0]) && c->fn != cmd_help) {
		print_command_help(stdout, c);
		return MWGCTL_OK;
	}
	ctl->cmd = c;
	return c->fn(ctl, argc, argv);
}
