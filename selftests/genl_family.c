// SPDX-License-Identifier: GPL-2.0
/*
 * The mwg_vrrp generic netlink family as a client sees it: resolvable by
 * name, at the version of the UAPI header, with its "events" multicast
 * group, both in the initial network namespace and in a namespace created
 * after the module was loaded (the family is netnsok; without that a
 * lookup from any other namespace fails).
 *
 * Loads the module (MWG_KO, as exported by run_all.sh / lib.sh) when it is
 * not loaded, and then unloads it again at the end of that test.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/family.h>
#include <netlink/genl/genl.h>

#include "kselftest_harness.h"
#include "mwg_vrrp.h"

static bool module_loaded(void)
{
	struct stat st;

	return stat("/sys/module/mwg_vrrp", &st) == 0;
}

/*
 * finit_module() of $MWG_KO. Returns 0, or a negative errno; -ENOENT when
 * there is no module file to load.
 */
static int load_module(void)
{
	const char *ko = getenv("MWG_KO");
	int fd, ret = 0;

	if (!ko || !*ko)
		return -ENOENT;
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, "", 0))
		ret = -errno;
	close(fd);
	return ret;
}

static ino_t netns_inode(void)
{
	struct stat st;

	if (stat("/proc/self/ns/net", &st))
		return 0;
	return st.st_ino;
}

FIXTURE(genl)
{
	struct nl_sock *sk;
	bool loaded_here;
};

FIXTURE_VARIANT(genl)
{
	bool new_netns;
};

FIXTURE_VARIANT_ADD(genl, init_netns)
{
	.new_netns = false,
};

FIXTURE_VARIANT_ADD(genl, new_netns)
{
	.new_netns = true,
};

FIXTURE_SETUP(genl)
{
	int ret;

	self->sk = NULL;
	self->loaded_here = false;
	if (!module_loaded()) {
		ret = load_module();
		if (ret == -ENOENT)
			SKIP(return, "mwg_vrrp not loaded and MWG_KO not built");
		ASSERT_EQ(0, ret) TH_LOG("finit_module(%s): %s",
					 getenv("MWG_KO"), strerror(-ret));
		self->loaded_here = true;
	}

	if (variant->new_netns) {
		ino_t before = netns_inode();

		/* Each test runs in its own child: only it moves. */
		ASSERT_EQ(0, unshare(CLONE_NEWNET))
			TH_LOG("unshare(CLONE_NEWNET): %s", strerror(errno));
		ASSERT_NE(before, netns_inode());
	}

	self->sk = nl_socket_alloc();
	ASSERT_NE(NULL, self->sk);
	ASSERT_EQ(0, genl_connect(self->sk));
}

FIXTURE_TEARDOWN(genl)
{
	if (self->sk)
		nl_socket_free(self->sk);
	/* Leave the module as we found it. */
	if (self->loaded_here)
		syscall(SYS_delete_module, "mwg_vrrp", O_NONBLOCK);
}

TEST_F(genl, resolves_family)
{
	int id = genl_ctrl_resolve(self->sk, MWG_VRRP_GENL_NAME);

	ASSERT_GT(id, 0) TH_LOG("genl_ctrl_resolve(%s): %s",
				MWG_VRRP_GENL_NAME, nl_geterror(id));
}

TEST_F(genl, family_version)
{
	struct nl_cache *cache = NULL;
	struct genl_family *fam;

	ASSERT_EQ(0, genl_ctrl_alloc_cache(self->sk, &cache));
	fam = genl_ctrl_search_by_name(cache, MWG_VRRP_GENL_NAME);
	nl_cache_free(cache);
	ASSERT_NE(NULL, fam) TH_LOG("%s not in the controller's list",
				    MWG_VRRP_GENL_NAME);
	EXPECT_EQ(MWG_VRRP_GENL_VERSION, genl_family_get_version(fam));
	genl_family_put(fam);
}

TEST_F(genl, events_group)
{
	int grp = genl_ctrl_resolve_grp(self->sk, MWG_VRRP_GENL_NAME,
					MWG_VRRP_MCGRP_EVENTS);

	ASSERT_GE(grp, 0) TH_LOG("group %s: %s", MWG_VRRP_MCGRP_EVENTS,
				 nl_geterror(grp));
	/* A listener (mwgctl monitor, mwgd) must be able to join it. */
	EXPECT_EQ(0, nl_socket_add_membership(self->sk, grp));
}

TEST_F(genl, unknown_group_absent)
{
	/* The lookup really checks names: a made-up group is not found. */
	EXPECT_LT(genl_ctrl_resolve_grp(self->sk, MWG_VRRP_GENL_NAME,
					"no-such-group"), 0);
}

TEST_HARNESS_MAIN
