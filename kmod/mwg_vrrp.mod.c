#include <linux/module.h>
#define INCLUDE_VERMAGIC
#include <linux/build-salt.h>
#include <linux/elfnote-lto.h>
#include <linux/export-internal.h>
#include <linux/vermagic.h>
#include <linux/compiler.h>

BUILD_SALT;
BUILD_LTO_INFO;

MODULE_INFO(vermagic, VERMAGIC_STRING);
MODULE_INFO(name, KBUILD_MODNAME);

__visible struct module __this_module
__section(".gnu.linkonce.this_module") = {
	.name = KBUILD_MODNAME,
	.init = init_module,
#ifdef CONFIG_MODULE_UNLOAD
	.exit = cleanup_module,
#endif
	.arch = MODULE_ARCH_INIT,
};

#ifdef CONFIG_RETPOLINE
MODULE_INFO(retpoline, "Y");
#endif


static const struct modversion_info ____versions[]
__used __section("__versions") = {
	{ 0x6e720ff2, "rtnl_unlock" },
	{ 0x49cd25ed, "alloc_workqueue" },
	{ 0x91c14d8d, "param_ops_uint" },
	{ 0x62d96f30, "skb_put" },
	{ 0x8d522714, "__rcu_read_lock" },
	{ 0x85670f1d, "rtnl_is_locked" },
	{ 0xce843816, "consume_skb" },
	{ 0xb0e602eb, "memmove" },
	{ 0xc5b6f236, "queue_work_on" },
	{ 0x2155f701, "hrtimer_try_to_cancel" },
	{ 0x9b489671, "nla_put_64bit" },
	{ 0xea82d349, "hrtimer_init" },
	{ 0xffcbde5b, "genlmsg_put" },
	{ 0x69acdf38, "memcpy" },
	{ 0x3b6c41ea, "kstrtouint" },
	{ 0x37a0cba, "kfree" },
	{ 0xf6ebc03b, "net_ratelimit" },
	{ 0xafe04fe1, "kernel_recvmsg" },
	{ 0xba8fbd64, "_raw_spin_lock" },
	{ 0xcbd4898c, "fortify_panic" },
	{ 0xbdfb6dbb, "__fentry__" },
	{ 0xe783e261, "sysfs_emit" },
	{ 0x6b35b23f, "arp_xmit" },
	{ 0x6a1eca91, "ip_mc_inc_group" },
	{ 0x65487097, "__x86_indirect_thunk_rax" },
	{ 0x92997ed8, "_printk" },
	{ 0xe6d2458e, "do_trace_netlink_extack" },
	{ 0xa19b956, "__stack_chk_fail" },
	{ 0xe46021ca, "_raw_spin_unlock_bh" },
	{ 0xf0906b73, "netlink_broadcast" },
	{ 0xa916b694, "strnlen" },
	{ 0xfe029963, "unregister_inetaddr_notifier" },
	{ 0x1eb9ab54, "__alloc_skb" },
	{ 0x8fdb795e, "nf_unregister_net_hook" },
	{ 0x53e3723c, "nf_register_net_hook" },
	{ 0x3de292ba, "__ip_mc_dec_group" },
	{ 0x68f31cbd, "__list_add_valid" },
	{ 0x5002d5e7, "__dev_get_by_index" },
	{ 0x2469810f, "__rcu_read_unlock" },
	{ 0xc9119dac, "netlink_unicast" },
	{ 0xf4f14de6, "rtnl_trylock" },
	{ 0x50364af7, "inet_add_protocol" },
	{ 0x98351058, "arp_send" },
	{ 0xed89811, "kfree_skb_reason" },
	{ 0x8c03d20c, "destroy_workqueue" },
	{ 0x4dfa8d4b, "mutex_lock" },
	{ 0xf34e5584, "skb_push" },
	{ 0x1468be11, "nla_put" },
	{ 0x2004afff, "skb_ensure_writable" },
	{ 0x48c32817, "kobject_init_and_add" },
	{ 0xc1213298, "unregister_pernet_device" },
	{ 0x449ad0a7, "memcmp" },
	{ 0xe1537255, "__list_del_entry_valid" },
	{ 0xcefb0c9f, "__mutex_init" },
	{ 0x36226deb, "arp_create" },
	{ 0x68fb37ae, "current_task" },
	{ 0x124bad4d, "kstrtobool" },
	{ 0x169938c1, "__sysfs_match_string" },
	{ 0xc0b7c197, "hrtimer_start_range_ns" },
	{ 0x5b8239ca, "__x86_return_thunk" },
	{ 0xa20d8148, "__pskb_pull_tail" },
	{ 0xab068b81, "kobject_create_and_add" },
	{ 0x77c2be96, "skb_trim" },
	{ 0x9d0d6206, "unregister_netdevice_notifier" },
	{ 0x28aa6a67, "call_rcu" },
	{ 0x3d9a7912, "inet_del_protocol" },
	{ 0x2ee13781, "__dev_queue_xmit" },
	{ 0xbaf22757, "kvfree_call_rcu" },
	{ 0xd18f72fc, "kobject_del" },
	{ 0x3213f038, "mutex_unlock" },
	{ 0x6c8b53a1, "sock_create_kern" },
	{ 0xe5b3abad, "param_ops_bool" },
	{ 0xb43f9365, "ktime_get" },
	{ 0x3c12dfe, "cancel_work_sync" },
	{ 0x56470118, "__warn_printk" },
	{ 0xd2da1048, "register_netdevice_notifier" },
	{ 0x5089f45f, "ip_send_check" },
	{ 0xc3690fc, "_raw_spin_lock_bh" },
	{ 0xfe9fb915, "sock_release" },
	{ 0xc7a4fbed, "rtnl_lock" },
	{ 0x102fe6de, "hrtimer_cancel" },
	{ 0xab93a5c2, "genl_unregister_family" },
	{ 0xf68285c0, "register_inetaddr_notifier" },
	{ 0x135bb7ec, "hrtimer_forward" },
	{ 0x606e9d01, "kmalloc_trace" },
	{ 0x60a13e90, "rcu_barrier" },
	{ 0x581e2394, "__nla_parse" },
	{ 0x9ec07055, "genl_register_family" },
	{ 0xb5b54b34, "_raw_spin_unlock" },
	{ 0xe784202e, "netlink_has_listeners" },
	{ 0xaa51396a, "kernel_sendmsg" },
	{ 0x97a27ebb, "register_pernet_device" },
	{ 0xc4f0da12, "ktime_get_with_offset" },
	{ 0xeb233a45, "__kmalloc" },
	{ 0xe2c17b5d, "__SCT__might_resched" },
	{ 0x7a7caba8, "kmalloc_caches" },
	{ 0x176238f7, "kobject_put" },
	{ 0x9060323f, "module_layout" },
};

MODULE_INFO(depends, "");


MODULE_INFO(srcversion, "B96B5D5BFD0E7186F29061B");
