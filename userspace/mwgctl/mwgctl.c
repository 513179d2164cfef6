// SPDX-License-Identifier: GPL-2.0
/*
 * mwgctl: configure and watch the mwg_vrrp kernel module.
 *
 *   mwgctl [-j] [-p] OBJECT COMMAND [ARGS]
 *
 * Every command is a row of the table below; main() only reads the global
 * options, finds the row and runs it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static const char options_help[] =
	"OPTIONS of vr add / vr set:\n"
	"    interval MS             advertisement interval (v3: 10..40950, multiple of 10;\n"
	"                            v2: whole seconds, 1000..255000)\n"
	"    vip ADDR[/LEN]...       virtual addresses; repeat \"vip\" or list several\n"
	"                            (vr set: replaces the whole list)\n"
	"    preempt on|off          preemption (RFC 5798 Preempt_Mode)\n"
	"    preempt-delay MS        wait before preempting (0..3600000)\n"
	"    accept on|off           accept packets to the VIPs as backup-turned-master\n"
	"    checksum pseudo|rfc9568 IPv4 VRRPv3 checksum form (RFC 5798 or RFC 9568)\n"
	"    garp-repeat N           gratuitous ARP/NA count on becoming master (0..100)\n"
	"    garp-interval MS        between them (1..60000)\n"
	"    garp-refresh S          repeat while master every S seconds, 0 = off\n"
	"    version 2|3             VRRP version (2 is IPv4 only)\n"
	"    family inet|inet6       default: from the VIPs\n"
	"    track-scanners N        lower the priority while fewer than N scanners live\n"
	"    weight W                by W (0..255)\n"
	"    track-bfd on|off        take over at once when the BFD session to the\n"
	"                            master goes down (see \"bfd add\")\n"
	"    bfd-peer ADDR           the BFD peer to track instead of the master\n"
	"                            learned from the adverts (0.0.0.0 or :: unsets)\n";

static void print_usage(FILE *out)
{
	unsigned int i;

	fprintf(out,
		"Usage: mwgctl [-j] [-p] [--no-check] OBJECT COMMAND [ARGS]\n"
		"\n"
		"    -j, --json      JSON output\n"
		"    -p, --pretty    indent JSON output\n"
		"    --no-check      do not check values before sending them; the\n"
		"                    kernel validates alone (same as MWGCTL_NO_CHECK=1)\n"
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
		"ENVIRONMENT\n"
		"    MWGCTL_NO_CHECK=1  as --no-check: send out-of-range values (vrid 0,\n"
		"                       prio 0, ...) so that the kernel's refusal and its\n"
		"                       message can be tested; values that do not fit the\n"
		"                       attribute's width (prio 300 in a u8) are still refused.\n"
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

int mwgctl_usage_error(struct mwgctl *ctl, const char *fmt, ...)
{
	va_list ap;

	fputs("mwgctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (ctl->cmd)
		print_command_usage(stderr, ctl->cmd);
	else
		fputs("Usage: mwgctl [-j] [-p] OBJECT COMMAND [ARGS]; try \"mwgctl help\"\n",
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
	fprintf(stderr, "mwgctl: %s: %s\n",
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

	if (s->err.text[0])
		fprintf(stderr, "mwgctl: %s: warning: %s\n",
			command_name(ctl, name, sizeof(name)), s->err.text);
}

int mwgctl_open(struct mwgctl *ctl, struct mwg_session *s)
{
	if (mwg_session_open(s) < 0)
		return mwgctl_fail_session(ctl, s);
	return 0;
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
	print_usage(stdout);
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
		    (info.have & MWG_BIT(MWG_VRRP_A_MODULE_VERSION)))
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

static const char *resolve_alias(const char *word)
{
	unsigned int i;

	for (i = 0; i < sizeof(command_aliases) / sizeof(command_aliases[0]); i++)
		if (!strcmp(word, command_aliases[i].alias))
			return command_aliases[i].command;
	return word;
}

/*
 * Find the row for "OBJECT [COMMAND]".  An object given alone runs its
 * "show", as "ip link" does.  *consumed tells how many words were used.
 */
static const struct mwgctl_cmd *find_command(int argc, char **argv,
					     int *consumed, bool *known_object)
{
	const char *command = NULL;
	unsigned int i;

	*known_object = false;
	if (argc > 1)
		command = resolve_alias(argv[1]);

	for (i = 0; i < N_COMMANDS; i++) {
		const struct mwgctl_cmd *c = &commands[i];

		if (strcmp(c->object, argv[0]))
			continue;
		*known_object = true;
		if (!c->command) {
			*consumed = 1;
			return c;
		}
		if (command && !strcmp(c->command, command)) {
			*consumed = 2;
			return c;
		}
		if (argc == 1 && !strcmp(c->command, "show")) {
			*consumed = 1;
			return c;
		}
	}
	return NULL;
}

static bool env_flag(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0") != 0;
}

int main(int argc, char **argv)
{
	struct mwgctl ctl = { .no_check = env_flag("MWGCTL_NO_CHECK") };
	const struct mwgctl_cmd *c;
	bool known_object;
	int consumed;

	argc--;
	argv++;
	for (; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
		const char *opt = argv[0];

		/* Accept -opt and --opt alike, as iproute2 does. */
		if (opt[1] == '-')
			opt++;
		if (!strcmp(opt, "-j") || !strcmp(opt, "-json")) {
			ctl.json = true;
		} else if (!strcmp(opt, "-p") || !strcmp(opt, "-pretty")) {
			ctl.pretty = true;
		} else if (!strcmp(opt, "-no-check")) {
			ctl.no_check = true;
		} else if (!strcmp(opt, "-h") || !strcmp(opt, "-help")) {
			print_usage(stdout);
			return MWGCTL_OK;
		} else if (!strcmp(opt, "-V") || !strcmp(opt, "-version")) {
			printf("mwgctl %s\n", MWG_TOOLS_VERSION);
			return MWGCTL_OK;
		} else {
			return mwgctl_usage_error(&ctl, "unknown option \"%s\"",
						  argv[0]);
		}
	}

	if (argc == 0)
		return mwgctl_usage_error(&ctl, "no command given");

	c = find_command(argc, argv, &consumed, &known_object);
	if (!c) {
		unsigned int i;

		if (!known_object)
			return mwgctl_usage_error(&ctl, "unknown object \"%s\"",
						  argv[0]);
		fprintf(stderr, "mwgctl: unknown command \"%s %s\"\n",
			argv[0], argc > 1 ? argv[1] : "");
		for (i = 0; i < N_COMMANDS; i++)
			if (!strcmp(commands[i].object, argv[0]))
				print_command_usage(stderr, &commands[i]);
		return MWGCTL_USAGE;
	}
	ctl.cmd = c;
	return c->fn(&ctl, argc - consumed, argv + consumed);
}
