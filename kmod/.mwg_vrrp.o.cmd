cmd_/work/main/kmod/mwg_vrrp.o := ld -m elf_x86_64 -z noexecstack --no-warn-rwx-segments   -r -o /work/main/kmod/mwg_vrrp.o @/work/main/kmod/mwg_vrrp.mod 
