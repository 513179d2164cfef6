// SPDX-License-Identifier: GPL-2.0
/*
 * mwgd's command line, and the configuration it builds: the file (by
 * default /etc/mwgd/mwgd.conf), then the options that override its keys,
 * then the checks that need every key.  --test and --dump stop there.
 *
 * Exit codes: 0 success, 1 a configuration or runtime error, 2 a usage
 * error (mwgd(8), EXIT STATUS).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mwgd.h"

#define MAX_OVERRIDES	32

struct override {
	const char *key;
	char *value;
};

static struct override overrides[MAX_OVERRIDES];
static unsigned int n_overrides;

static void usage(FILE *out)
{
	fprintf(out,
		"usage: mwgd [OPTIONS]\n"
		"\n"
		"  -c, --config FILE       configuration file (default " MWGD_DEF_CONFIG ")\n"
		"  -f, --foreground        stay in the foreground\n"
		"  -t, --test              check the configuration, report every error, exit\n"
		"      --dump              print the effective configuration and exit\n"
		"  -r, --role ROLE         director, scanner or both\n"
		"  -i, --interface IFACE   interface of the segment\n"
		"  -a, --mgmt-ip ADDR      the director's management IP\n"
		"      --interval MS       discovery interval (10..60000, default 1000)\n"
		"  -d, --dead-after N      intervals missed before a scanner is dead (default 3)\n"
		"  -k, --key-file FILE     shared key file (mode 0600, owned by root)\n"
		"  -s, --stats-file FILE   stats file, written on SIGUSR1 and at exit\n"
		"  -o, --set KEY=VALUE     any configuration key\n"
		"  -v, --debug             debug logging\n"
		"  -V, --version           print the version\n"
		"  -h, --help              print this help\n"
		"\n"
		"Exit status: 0 success, 1 configuration or runtime error, 2 usage error.\n");
}

static int add_override(const char *key, const char *value)
{
	if (n_overrides == MAX_OVERRIDES) {
		fprintf(stderr, "mwgd: too many overrides\n");
		return -1;
	}
	overrides[n_overrides].key = key;
	overrides[n_overrides].value = strdup(value);
	if (!overrides[n_overrides].value) {
		fprintf(stderr, "mwgd: out of memory\n");
		return -1;
	}
	n_overrides++;
	return 0;
}

enum { OPT_DUMP = 256, OPT_INTERVAL };

int mwgd_options_parse(int argc, char **argv, struct mwgd_options *o)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "test", no_argument, NULL, 't' },
		{ "dump", no_argument, NULL, OPT_DUMP },
		{ "role", required_argument, NULL, 'r' },
		{ "interface", required_argument, NULL, 'i' },
		{ "mgmt-ip", required_argument, NULL, 'a' },
		{ "interval", required_argument, NULL, OPT_INTERVAL },
		{ "dead-after", required_argument, NULL, 'd' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "stats-file", required_argument, NULL, 's' },
		{ "set", required_argument, NULL, 'o' },
		{ "debug", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, rc = 0;
	char *eq;

	memset(o, 0, sizeof(*o));
	while ((opt = getopt_long(argc, argv, "c:ftr:i:a:d:k:s:o:vVh",
				  longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
			o->config_path = optarg;
			o->config_given = true;
			break;
		case 'f':
			o->foreground = true;
			break;
		case 't':
			o->test = true;
			break;
		case OPT_DUMP:
			o->dump = true;
			break;
		case 'r':
			rc = add_override("role", optarg);
			break;
		case 'i':
			rc = add_override("interface", optarg);
			break;
		case 'a':
			rc = add_override("mgmt_ip", optarg);
			break;
		case OPT_INTERVAL:
			rc = add_override("interval_ms", optarg);
			break;
		case 'd':
			rc = add_override("dead_after", optarg);
			break;
		case 'k':
			rc = add_override("key_file", optarg);
			break;
		case 's':
			rc = add_override("stats_file", optarg);
			break;
		case 'o':
			eq = strchr(optarg, '=');
			if (!eq) {
				fprintf(stderr, "mwgd: -o wants KEY=VALUE, not \"%s\"\n",
					optarg);
				return MWGD_EXIT_USAGE;
			}
			*eq = '\0';
			rc = add_override(optarg, eq + 1);
			break;
		case 'v':
			rc = add_override("debug", "yes");
			break;
		case 'V':
			printf("mwgd %s (protocol version %d)\n",
			       MWGD_VERSION_STRING, MWGD_VERSION);
			return MWGD_EXIT_OK;
		case 'h':
			usage(stdout);
			return MWGD_EXIT_OK;
		default:
			usage(stderr);
			return MWGD_EXIT_USAGE;
		}
		if (rc < 0)
			return MWGD_EXIT_USAGE;
	}
	if (optind < argc) {
		fprintf(stderr, "mwgd: unexpected argument \"%s\"%s\n",
			argv[optind], o->test ?
			" (-t checks the configuration; the interval is --interval MS)" :
			"");
		usage(stderr);
		return MWGD_EXIT_USAGE;
	}
	/*
	 * The default file is read when it is there: a plain "mwgd" under
	 * systemd finds it, and one run with options alone still starts.
	 */
	if (!o->config_path && access(MWGD_DEF_CONFIG, F_OK) == 0)
		o->config_path = MWGD_DEF_CONFIG;
	return -1;
}

/* The options' overrides; @report: write each error there and go on. */
static int apply_overrides(struct mwgd_config *c, FILE *report, char *err,
			   size_t errlen, unsigned int *n_errors)
{
	char why[256];
	unsigned int i;

	for (i = 0; i < n_overrides; i++) {
		if (mwgd_config_set(c, overrides[i].key, overrides[i].value,
				    why, sizeof(why)) < 0) {
			snprintf(err, errlen, "command line: %s: %s",
				 overrides[i].key, why);
			if (!report)
				return -1;
			fprintf(report, "%s\n", err);
			(*n_errors)++;
		}
		if (!strcmp(overrides[i].key, "role"))
			c->role_line = 0;
	}
	return 0;
}

static void default_name(struct mwgd_config *c)
{
	char host[256] = "";
	size_t j;

	if (c->name[0])
		return;
	gethostname(host, sizeof(host) - 1);
	for (j = 0; host[j] && j < MWGD_NAME_MAX; j++)
		c->name[j] = host[j] >= 0x20 && host[j] <= 0x7e ? host[j] : '_';
	c->name[j] = '\0';
	if (!c->name[0])
		strcpy(c->name, "scanner");
}

int mwgd_build_config(const char *path, struct mwgd_config *c, char *err,
		      size_t errlen)
{
	unsigned int unused = 0;
	char why[256];

	mwgd_config_defaults(c);
	if (path && mwgd_config_load(path, c, err, errlen) < 0)
		return -1;
	if (apply_overrides(c, NULL, err, errlen, &unused) < 0)
		return -1;
	if (mwgd_config_check(c, why, sizeof(why)) < 0) {
		snprintf(err, errlen, "%s%s%s", path ? path : "",
			 path ? ": " : "", why);
		return -1;
	}
	if (mwgd_config_check_key(c, path, err, errlen) < 0)
		return -1;
	default_name(c);
	return 0;
}

int mwgd_test_config(const struct mwgd_options *o)
{
	const char *path = o->config_path;
	struct mwgd_config c;
	unsigned int n = 0;
	struct mwgd_key key;
	char err[512];

	mwgd_config_defaults(&c);
	if (path)
		n = mwgd_config_test(path, &c, stderr);
	apply_overrides(&c, stderr, err, sizeof(err), &n);
	/* Checks across keys mean little while single keys are wrong. */
	if (!n && mwgd_config_check(&c, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s%s%s\n", path ? path : "", path ? ": " : "",
			err);
		n++;
	}
	if (!n && mwgd_config_check_key(&c, path, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		n++;
	}
	if (c.key_file[0] && mwgd_key_load(c.key_file, &key, err,
					   sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		n++;
	}
	mwgd_key_wipe(&key);
	if (n) {
		fprintf(stderr, "mwgd: %s: %u error%s\n",
			path ? path : "command line", n, n == 1 ? "" : "s");
		return MWGD_EXIT_FAILURE;
	}
	printf("mwgd: %s: configuration is valid\n",
	       path ? path : "command line");
	return MWGD_EXIT_OK;
}
