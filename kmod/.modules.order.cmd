cmd_/work/main/kmod/modules.order := {   echo /work/main/kmod/mwg_vrrp.ko; :; } > /work/main/kmod/modules.order
