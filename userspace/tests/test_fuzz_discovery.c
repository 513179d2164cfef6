// SPDX-License-Identifier: GPL-2.0
/*
 * Runs mwgd/fuzz_discovery (libFuzzer, ASan, UBSan) for a bounded time on
 * a corpus seeded with valid messages of every kind, and reports it as
 * TAP.  The run is bounded by -max_total_time, so the suite's duration
 * does not depend on what the fuzzer finds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proto.h"
#include "tap.h"

#define FUZZER "mwgd/fuzz_discovery"

static void seed(const char *dir, const char *name, const struct mwgd_msg *m)
{
	uint8_t buf[MWGD_MSG_MAX];
	char path[512];
	int len = mwgd_encode(m, buf, sizeof(buf));
	FILE *f;

	if (len < 0)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return;
	fwrite(buf, 1, len, f);
	fclose(f);
}

static int write_seeds(const char *dir)
{
	struct mwgd_msg m = {
		.type = MWGD_T_DISCOVER, .epoch = 1, .seq = 1,
		.interval_ms = 1000, .dead_after = 3, .dir_state = 1,
	};

	seed(dir, "discover", &m);
	m.flags = MWGD_F_AUTH;
	seed(dir, "discover-signed", &m);
	memset(&m, 0, sizeof(m));
	m.type = MWGD_T_ANNOUNCE;
	m.epoch = 2;
	m.seq = 9;
	strcpy(m.name, "scanner");
	m.n_ports = 3;
	m.ports[0] = 80;
	m.ports[1] = 3128;
	m.ports[2] = 8080;
	m.have_load = m.have_capacity = true;
	m.load = 10;
	m.capacity = 100;
	m.echo.seq = 1;
	seed(dir, "announce", &m);
	m.flags = MWGD_F_AUTH;
	seed(dir, "announce-signed", &m);
	return 0;
}

int main(void)
{
	char dir[] = "/tmp/fuzz_discovery.XXXXXX", cmd[1024], line[512];
	const char *secs = getenv("MWG_FUZZ_SECONDS");
	unsigned long runs = 0;
	FILE *p;
	int status;

	tap_start();
	if (access(FUZZER, X_OK) != 0) {
		printf("ok 1 - fuzz the discovery parser # SKIP %s not built (needs clang and libclang-rt-14-dev)\n",
		       FUZZER);
		printf("1..1\n");
		return 0;
	}
	if (!mkdtemp(dir)) {
		tap_ok(false, "corpus directory");
		return tap_done();
	}
	write_seeds(dir);
	snprintf(cmd, sizeof(cmd),
		 "./%s -max_total_time=%s -timeout=5 -rss_limit_mb=1024 -print_final_stats=1 %s 2>&1",
		 FUZZER, secs && *secs ? secs : "20", dir);
	p = popen(cmd, "r");
	if (!p) {
		tap_ok(false, "start the fuzzer");
		return tap_done();
	}
	while (fgets(line, sizeof(line), p)) {
		unsigned long n;

		if (sscanf(line, "stat::number_of_executed_units: %lu", &n) == 1)
			runs = n;
		/* Only the findings are worth a diagnostic line. */
		if (strstr(line, "ERROR") || strstr(line, "runtime error") ||
		    strstr(line, "SUMMARY") || strstr(line, "Test unit written"))
			printf("# %s", line);
	}
	status = pclose(p);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "libFuzzer on the discovery parser for %s s: %lu inputs, no crash, leak or undefined behaviour",
	       secs && *secs ? secs : "20", runs);
	tap_ok(runs > 1000, "the fuzzer made progress");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
