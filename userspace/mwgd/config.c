// SPDX-License-Identifier: GPL-2.0
/*
 * Configuration file and overrides.  libinih splits lines; the values are
 * checked here, one function per key, with the same limits the protocol
 * has, so that a configuration mwgd accepts is one it can run.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "config.h"
#include "confvalue.h"
#include "mwg_vrrp.h"

void mwgd_config_defaults(struct mwgd_config *c)
{
	memset(c, 0, sizeof(*c));
	c->port = MWGD_PORT;
	c->broadcast.s_addr = htonl(INADDR_BROADCAST);
	c->interval_ms = MWGD_DEF_INTERVAL_MS;
	c->dead_after = MWGD_DEF_DEAD_AFTER;
	c->max_scanners = MWGD_DEF_MAX_SCANNERS;
	c->max_directors = MWGD_DEF_MAX_DIRECTORS;
	c->load_auto = true;
	snprintf(c->node_id_file, sizeof(c->node_id_file), "%s",
		 MWGD_DEF_NODE_ID_FILE);
	snprintf(c->vr_state_file, sizeof(c->vr_state_file), "%s",
		 MWGD_DEF_VR_STATE_FILE);
	c->notify_timeout_s = MWGD_DEF_NOTIFY_TIMEOUT_S;
	c->metrics_interval_s = MWGD_DEF_METRICS_INTERVAL_S;
	c->announce_rate = MWGD_DEF_ANNOUNCE_RATE;
	c->announce_burst = MWGD_DEF_ANNOUNCE_BURST;
	c->port_check_interval_ms = MWGD_DEF_PORT_CHECK_MS;
	c->port_check_addr.s_addr = htonl(INADDR_LOOPBACK);
}

static int parse_ipv4(const char *value, struct in_addr *out, char *err,
		      size_t errlen)
{
	if (inet_pton(AF_INET, value, out) != 1) {
		snprintf(err, errlen, "\"%s\" is not an IPv4 address", value);
		return -1;
	}
	return 0;
}

static int parse_path(const char *value, char *out, size_t size, char *err,
		      size_t errlen)
{
	if (strlen(value) >= size) {
		snprintf(err, errlen, "path too long");
		return -1;
	}
	strcpy(out, value);
	return 0;
}

/* A hook's program: an absolute path, or empty for none. */
static int parse_hook(const char *value, char *out, size_t size, char *err,
		      size_t errlen)
{
	if (*value && *value != '/') {
		snprintf(err, errlen, "\"%s\" is not an absolute path", value);
		return -1;
	}
	return parse_path(value, out, size, err, errlen);
}

/* Comma- or space-separated items, each handed to @fn. */
static int for_each_item(const char *value,
			 int (*fn)(const char *item, void *arg, char *err,
				   size_t errlen),
			 void *arg, char *err, size_t errlen)
{
	char buf[512], *save = NULL, *tok;

	if (strlen(value) >= sizeof(buf)) {
		snprintf(err, errlen, "value too long");
		return -1;
	}
	strcpy(buf, value);
	for (tok = strtok_r(buf, ", \t", &save); tok;
	     tok = strtok_r(NULL, ", \t", &save))
		if (fn(tok, arg, err, errlen) < 0)
			return -1;
	return 0;
}

static int acl_item(const char *item, void *arg, char *err, size_t errlen)
{
	struct mwgd_acl *acl = arg;
	char addr[INET_ADDRSTRLEN + 4], *slash;
	unsigned long len = 32;
	struct in_addr a;

	if (acl->n == MWGD_ACL_MAX) {
		snprintf(err, errlen, "more than %d prefixes", MWGD_ACL_MAX);
		return -1;
	}
	if (strlen(item) >= sizeof(addr)) {
		snprintf(err, errlen, "\"%s\" is not an IPv4 prefix", item);
		return -1;
	}
	strcpy(addr, item);
	slash = strchr(addr, '/');
	if (slash) {
		*slash = '\0';
		if (mwgd_parse_uint(slash + 1, 0, 32, &len, err, errlen) < 0)
			return -1;
	}
	if (parse_ipv4(addr, &a, err, errlen) < 0)
		return -1;
	acl->e[acl->n].mask = len ? ~0u << (32 - len) : 0;
	acl->e[acl->n].net = ntohl(a.s_addr) & acl->e[acl->n].mask;
	acl->n++;
	return 0;
}

static int port_item(const char *item, void *arg, char *err, size_t errlen)
{
	struct mwgd_config *c = arg;
	unsigned long v;

	if (c->n_ports == MWGD_PORTS_MAX) {
		snprintf(err, errlen, "more than %d ports", MWGD_PORTS_MAX);
		return -1;
	}
	if (mwgd_parse_uint(item, 1, 65535, &v, err, errlen) < 0)
		return -1;
	c->ports[c->n_ports++] = v;
	return 0;
}

static int set_vr(struct mwgd_config *c, const char *value, char *err,
		  size_t errlen)
{
	if (c->n_vrs == MWGD_MAX_VRS) {
		snprintf(err, errlen, "more than %d vr lines", MWGD_MAX_VRS);
		return -1;
	}
	if (mwgd_parse_vr_ref(value, c->vrs[c->n_vrs].ifname,
			      &c->vrs[c->n_vrs].vrid, err, errlen) < 0)
		return -1;
	c->n_vrs++;
	return 0;
}

static int set_node_id(struct mwgd_config *c, const char *value, char *err,
		       size_t errlen)
{
	unsigned int i, b;

	if (strlen(value) != 2 * MWGD_NODE_ID_LEN)
		goto bad;
	for (i = 0; i < MWGD_NODE_ID_LEN; i++) {
		if (!isxdigit((unsigned char)value[2 * i]) ||
		    !isxdigit((unsigned char)value[2 * i + 1]) ||
		    sscanf(value + 2 * i, "%2x", &b) != 1)
			goto bad;
		c->node_id[i] = b;
	}
	c->have_node_id = true;
	return 0;
bad:
	snprintf(err, errlen, "a node id is %d hex digits",
		 2 * MWGD_NODE_ID_LEN);
	return -1;
}

int mwgd_config_set(struct mwgd_config *c, const char *key, const char *value,
		    char *err, size_t errlen)
{
	unsigned long v;
	int rc;

	if (!strcmp(key, "role")) {
		if (!strcmp(value, "director"))
			c->role = MWGD_ROLE_DIRECTOR;
		else if (!strcmp(value, "scanner"))
			c->role = MWGD_ROLE_SCANNER;
		else if (!strcmp(value, "both"))
			c->role = MWGD_ROLE_DIRECTOR | MWGD_ROLE_SCANNER;
		else {
			snprintf(err, errlen,
				 "\"%s\" is not director, scanner or both", value);
			return -1;
		}
		return 0;
	}
	if (!strcmp(key, "interface")) {
		if (!*value || strlen(value) >= IF_NAMESIZE) {
			snprintf(err, errlen, "\"%s\" is not an interface name",
				 value);
			return -1;
		}
		strcpy(c->ifname, value);
		return 0;
	}
	if (!strcmp(key, "mgmt_ip")) {
		rc = parse_ipv4(value, &c->mgmt_ip, err, errlen);
		c->have_mgmt_ip = !rc;
		return rc;
	}
	if (!strcmp(key, "broadcast"))
		return parse_ipv4(value, &c->broadcast, err, errlen);
	if (!strcmp(key, "port")) {
		rc = mwgd_parse_uint(value, 1, 65535, &v, err, errlen);
		c->port = v;
		return rc;
	}
	if (!strcmp(key, "interval_ms")) {
		rc = mwgd_parse_duration(value, 1, MWGD_INTERVAL_MIN_MS,
				MWGD_INTERVAL_MAX_MS, &v, err, errlen);
		c->interval_ms = v;
		return rc;
	}
	if (!strcmp(key, "backup_interval_ms")) {
		/* 0: the same as interval_ms. */
		if (!strcmp(value, "0")) {
			c->backup_interval_ms = 0;
			return 0;
		}
		rc = mwgd_parse_duration(value, 1, MWGD_INTERVAL_MIN_MS,
				MWGD_INTERVAL_MAX_MS, &v, err, errlen);
		c->backup_interval_ms = v;
		return rc;
	}
	if (!strcmp(key, "dead_after")) {
		rc = mwgd_parse_uint(value, MWGD_DEAD_AFTER_MIN,
				MWGD_DEAD_AFTER_MAX, &v, err, errlen);
		c->dead_after = v;
		return rc;
	}
	if (!strcmp(key, "lease_margin_ms")) {
		rc = mwgd_parse_duration(value, 1, 0,
					 MWG_VRRP_SCANNER_LEASE_MS_MAX / 2, &v,
					 err, errlen);
		c->lease_margin_ms = v;
		return rc;
	}
	if (!strcmp(key, "key_file"))
		return parse_path(value, c->key_file, sizeof(c->key_file), err,
				  errlen);
	if (!strcmp(key, "insecure"))
		return mwgd_parse_bool(value, &c->insecure, err, errlen);
	if (!strcmp(key, "announce_rate")) {
		rc = mwgd_parse_uint(value, 0, 1000000, &v, err, errlen);
		c->announce_rate = v;
		return rc;
	}
	if (!strcmp(key, "announce_burst")) {
		rc = mwgd_parse_uint(value, 1, 1000000, &v, err, errlen);
		c->announce_burst = v;
		return rc;
	}
	if (!strcmp(key, "vr"))
		return set_vr(c, value, err, errlen);
	if (!strcmp(key, "allow_directors")) {
		c->allow_directors.n = 0;
		return for_each_item(value, acl_item, &c->allow_directors, err,
				     errlen);
	}
	if (!strcmp(key, "allow_scanners")) {
		c->allow_scanners.n = 0;
		return for_each_item(value, acl_item, &c->allow_scanners, err,
				     errlen);
	}
	if (!strcmp(key, "max_scanners")) {
		rc = mwgd_parse_uint(value, 1, MWGD_MAX_SCANNERS_MAX, &v, err,
				errlen);
		c->max_scanners = v;
		return rc;
	}
	if (!strcmp(key, "max_directors")) {
		rc = mwgd_parse_uint(value, 1, 1024, &v, err, errlen);
		c->max_directors = v;
		return rc;
	}
	if (!strcmp(key, "node_id_file"))
		return parse_path(value, c->node_id_file,
				  sizeof(c->node_id_file), err, errlen);
	if (!strcmp(key, "node_id"))
		return set_node_id(c, value, err, errlen);
	if (!strcmp(key, "name")) {
		if (!mwgd_name_valid(value, strlen(value))) {
			snprintf(err, errlen,
				 "a name is 1..%d printable ASCII characters",
				 MWGD_NAME_MAX);
			return -1;
		}
		strcpy(c->name, value);
		return 0;
	}
	if (!strcmp(key, "ports")) {
		c->n_ports = 0;
		return for_each_item(value, port_item, c, err, errlen);
	}
	if (!strcmp(key, "port_check"))
		return mwgd_parse_bool(value, &c->port_check, err, errlen);
	if (!strcmp(key, "port_check_interval")) {
		rc = mwgd_parse_duration(value, 1, MWGD_PORT_CHECK_MIN_MS,
					 MWGD_PORT_CHECK_MAX_MS, &v, err, errlen);
		c->port_check_interval_ms = v;
		return rc;
	}
	if (!strcmp(key, "port_check_addr"))
		return parse_ipv4(value, &c->port_check_addr, err, errlen);
	if (!strcmp(key, "load")) {
		if (!strcmp(value, "auto")) {
			c->load_auto = true;
			return 0;
		}
		rc = mwgd_parse_uint(value, 0, MWGD_LOAD_MAX, &v, err, errlen);
		c->load_auto = false;
		c->load = v;
		return rc;
	}
	if (!strcmp(key, "capacity")) {
		rc = mwgd_parse_uint(value, 0, UINT32_MAX, &v, err, errlen);
		c->capacity = v;
		c->have_capacity = !rc;
		return rc;
	}
	if (!strcmp(key, "stats_file"))
		return parse_path(value, c->stats_file, sizeof(c->stats_file),
				  err, errlen);
	if (!strcmp(key, "log")) {
		if (!strcmp(value, "stderr"))
			c->log_to = MWGD_LOG_STDERR;
		else if (!strcmp(value, "syslog"))
			c->log_to = MWGD_LOG_SYSLOG;
		else if (!strcmp(value, "journal"))
			c->log_to = MWGD_LOG_JOURNAL;
		else if (!strcmp(value, "auto"))
			c->log_to = MWGD_LOG_AUTO;
		else {
			snprintf(err, errlen,
				 "\"%s\" is not stderr, syslog, journal or auto",
				 value);
			return -1;
		}
		return 0;
	}
	if (!strcmp(key, "debug"))
		return mwgd_parse_bool(value, &c->debug, err, errlen);
	if (!strcmp(key, "vr_state_file"))
		return parse_path(value, c->vr_state_file,
				  sizeof(c->vr_state_file), err, errlen);
	if (!strcmp(key, "notify"))
		return parse_hook(value, c->notify, sizeof(c->notify), err,
				  errlen);
	if (!strcmp(key, "notify_bfd"))
		return parse_hook(value, c->notify_bfd, sizeof(c->notify_bfd),
				  err, errlen);
	if (!strcmp(key, "notify_rogue"))
		return parse_hook(value, c->notify_rogue, sizeof(c->notify_rogue),
				  err, errlen);
	if (!strcmp(key, "notify_timeout_s")) {
		rc = mwgd_parse_duration(value, 1000, 1, 3600, &v, err, errlen);
		c->notify_timeout_s = v;
		return rc;
	}
	if (!strcmp(key, "metrics_file"))
		return parse_path(value, c->metrics_file,
				  sizeof(c->metrics_file), err, errlen);
	if (!strcmp(key, "metrics_interval_s")) {
		rc = mwgd_parse_duration(value, 1000, 1, 3600, &v, err, errlen);
		c->metrics_interval_s = v;
		return rc;
	}

	snprintf(err, errlen, "unknown key \"%s\"", key);
	return -1;
}

/* State of one file being read: where we are and the first error. */
struct load_ctx {
	FILE *f;
	struct mwgd_config *c;
	int line;
	int err_line;
	char err[256];
	/* --test: every error goes here, and reading goes on. */
	FILE *report;
	const char *path;
	unsigned int n_errors;
};

/* An error at @line: the first one stops the load, unless reporting. */
static void __attribute__((format(printf, 3, 4)))
load_error(struct load_ctx *ctx, int line, const char *fmt, ...)
{
	char msg[sizeof(ctx->err)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ctx->report) {
		fprintf(ctx->report, "%s:%d: %s\n", ctx->path, line, msg);
		ctx->n_errors++;
		return;
	}
	if (!ctx->err_line) {
		ctx->err_line = line;
		snprintf(ctx->err, sizeof(ctx->err), "%s", msg);
	}
}

/*
 * What inih would stop at as a syntax error, found first so that --test
 * reports every such line: not blank, not a comment, not a "[section]",
 * without "=" or ":", and not indented (a continuation of a value).
 */
static bool syntax_error(const char *s)
{
	const char *end;

	if (!*s || isspace((unsigned char)*s) || *s == '#' || *s == ';')
		return false;
	if (*s == '[') {
		end = strchr(s, ']');
		return !end;
	}
	return !strpbrk(s, "=:");
}

/*
 * fgets() for inih that counts lines, so that a bad value can be
 * reported with its line (Debian's libinih has no INI_HANDLER_LINENO).
 * A line longer than inih's buffer is an error of its own: cut, its tail
 * would be read as the next line.
 */
static char *counting_reader(char *str, int num, void *stream)
{
	struct load_ctx *ctx = stream;
	char *s = fgets(str, num, ctx->f);
	size_t len;
	int ch;

	if (!s)
		return NULL;
	ctx->line++;
	len = strlen(s);
	if (len && s[len - 1] != '\n' && !feof(ctx->f)) {
		while ((ch = fgetc(ctx->f)) != EOF && ch != '\n')
			;
		load_error(ctx, ctx->line, "line longer than %d characters",
			   num - 2);
		/* Hand inih a comment instead of the cut line. */
		snprintf(str, num, "#\n");
	} else if (ctx->report && syntax_error(s)) {
		load_error(ctx, ctx->line,
			   "syntax error (expected \"key = value\")");
		snprintf(str, num, "#\n");
	}
	return s;
}

static int on_entry(void *user, const char *section, const char *name,
		    const char *value)
{
	struct load_ctx *ctx = user;
	char why[200];

	if (ctx->err_line)
		return 1;	/* stopping at the first error */
	if (section && *section) {
		int rc;

		if (mwgd_proxy_section(section))
			rc = mwgd_proxy_conf_entry(&ctx->c->proxies, section,
						   ctx->line, name, value, why,
						   sizeof(why));
		else if (mwgd_vr_section(section) && mwgd_track_key(name))
			rc = mwgd_track_conf_entry(&ctx->c->track_confs,
						   section, ctx->line, name,
						   value, why, sizeof(why));
		else if (mwgd_vr_section(section))
			rc = mwgd_vr_conf_entry(&ctx->c->vr_confs, section,
						ctx->line, name, value, why,
						sizeof(why));
		else if (mwgd_group_section(section))
			rc = mwgd_group_conf_entry(&ctx->c->group_confs,
						   section, ctx->line, name,
						   value, why, sizeof(why));
		else if (mwgd_bfd_section(section))
			rc = mwgd_bfd_conf_entry(&ctx->c->bfd_confs, section,
						 ctx->line, name, value, why,
						 sizeof(why));
		else
			goto unknown;
		if (rc < 0) {
			load_error(ctx, ctx->line, "%s", why);
			return !!ctx->report;
		}
		return 1;
unknown:
		load_error(ctx, ctx->line,
			   "unknown section \"[%s]\" (only [vr NAME], [group NAME], [bfd NAME] and [proxy NAME])",
			   section);
		return !!ctx->report;
	}
	if (mwgd_config_set(ctx->c, name, value, why, sizeof(why)) < 0) {
		load_error(ctx, ctx->line, "%s: %s", name, why);
		return !!ctx->report;
	}
	if (!strcmp(name, "role"))
		ctx->c->role_line = ctx->line;
	return 1;
}

static int config_load(struct load_ctx *ctx, const char *path, char *err,
		       size_t errlen);

int mwgd_config_load(const char *path, struct mwgd_config *c, char *err,
		     size_t errlen)
{
	struct load_ctx ctx = { .c = c, .path = path };

	return config_load(&ctx, path, err, errlen);
}

int mwgd_config_test(const char *path, struct mwgd_config *c, FILE *report)
{
	struct load_ctx ctx = { .c = c, .path = path, .report = report };
	char err[512];

	if (config_load(&ctx, path, err, sizeof(err)) < 0) {
		fprintf(report, "%s\n", err);
		ctx.n_errors++;
	}
	return ctx.n_errors;
}

static int config_load(struct load_ctx *ctx, const char *path, char *err,
		       size_t errlen)
{
	struct mwgd_config *c = ctx->c;
	int rc;

	ctx->f = fopen(path, "r");
	if (!ctx->f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	rc = ini_parse_stream(counting_reader, ctx, on_entry, ctx);
	fclose(ctx->f);
	if (ctx->err_line) {
		snprintf(err, errlen, "%s:%d: %s", path, ctx->err_line,
			 ctx->err);
		return -1;
	}
	if (rc > 0) {
		snprintf(err, errlen,
			 "%s:%d: syntax error (expected \"key = value\")", path,
			 rc);
		return -1;
	}
	if (rc < 0) {
		snprintf(err, errlen, "%s: cannot be read", path);
		return -1;
	}
	if (mwgd_vr_conf_finish(&c->vr_confs, &ctx->err_line, ctx->err,
				sizeof(ctx->err)) < 0 ||
	    mwgd_track_conf_finish(&c->track_confs, &c->vr_confs,
				   &ctx->err_line, ctx->err,
				   sizeof(ctx->err)) < 0 ||
	    mwgd_group_conf_finish(&c->group_confs, &ctx->err_line, ctx->err,
				   sizeof(ctx->err)) < 0 ||
	    mwgd_bfd_conf_finish(&c->bfd_confs, &ctx->err_line, ctx->err,
				 sizeof(ctx->err)) < 0 ||
	    mwgd_proxy_conf_finish(&c->proxies, &ctx->err_line, ctx->err,
				   sizeof(ctx->err)) < 0) {
		snprintf(err, errlen, "%s:%d: %s", path, ctx->err_line,
			 ctx->err);
		return -1;
	}
	return 0;
}

int mwgd_config_check(const struct mwgd_config *c, char *err, size_t errlen)
{
	unsigned int i, j;

	if (!c->role) {
		snprintf(err, errlen, "no role (director, scanner or both)");
		return -1;
	}
	if (!c->ifname[0]) {
		snprintf(err, errlen, "no interface");
		return -1;
	}
	if (c->role & MWGD_ROLE_DIRECTOR && !c->have_mgmt_ip) {
		snprintf(err, errlen, "a director needs mgmt_ip");
		return -1;
	}
	for (i = 0; i < c->proxies.n; i++) {
		const struct mwgd_proxy_conf *p = &c->proxies.e[i];
		bool followed = !p->vr_ifname[0];

		for (j = 0; j < c->n_vrs && !followed; j++)
			followed = !strcmp(c->vrs[j].ifname, p->vr_ifname) &&
				   c->vrs[j].vrid == p->vrid;
		if (c->role & MWGD_ROLE_DIRECTOR && !followed) {
			snprintf(err, errlen,
				 "[proxy %s]: vr %s %u is not followed (add \"vr = %s %u\")",
				 p->name, p->vr_ifname, p->vrid, p->vr_ifname,
				 p->vrid);
			return -1;
		}
	}
	if (c->backup_interval_ms && c->backup_interval_ms < c->interval_ms) {
		snprintf(err, errlen,
			 "backup_interval_ms must not be below interval_ms");
		return -1;
	}
	return 0;
}

bool mwgd_config_insecure(const struct mwgd_config *c)
{
	return c->role & MWGD_ROLE_DIRECTOR && !c->key_file[0];
}

int mwgd_config_check_key(const struct mwgd_config *c, const char *path,
			  char *err, size_t errlen)
{
	static const char why[] =
		"a director without key_file takes any host on the segment for a scanner (tracked by VRs, a real server of [proxy] sections): set key_file, or insecure = yes to run so";

	if (!mwgd_config_insecure(c) || c->insecure)
		return 0;
	if (path && c->role_line)
		snprintf(err, errlen, "%s:%d: %s", path, c->role_line, why);
	else
		snprintf(err, errlen, "command line: %s", why);
	return -1;
}

uint32_t mwgd_lease_ms(const struct mwgd_config *c, uint32_t interval_ms)
{
	/*
	 * The default margin covers one more interval and half a second of
	 * scheduling delay, so that a busy host does not see its table
	 * flap; after mwgd dies, entries still go within that time.
	 */
	uint64_t margin = c->lease_margin_ms ? c->lease_margin_ms :
			  interval_ms + 500;
	uint64_t lease = (uint64_t)c->dead_after * interval_ms + margin;

	return lease > MWG_VRRP_SCANNER_LEASE_MS_MAX ?
		MWG_VRRP_SCANNER_LEASE_MS_MAX : lease;
}

bool mwgd_acl_allows(const struct mwgd_acl *acl, struct in_addr addr)
{
	uint32_t a = ntohl(addr.s_addr);
	unsigned int i;

	if (!acl->n)
		return true;
	for (i = 0; i < acl->n; i++)
		if ((a & acl->e[i].mask) == acl->e[i].net)
			return true;
	return false;
}
