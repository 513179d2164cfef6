#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# scripts/vrrp-cap's decoder, on frames built here: VRRPv3 adverts over
# IPv4 and IPv6 and a VRRPv2 one give their source, VRID, priority and
# interval; an ARP frame and a BFD packet their records; an ICMPv6 frame,
# an IPv6 advert behind an extension header and truncated frames nothing.
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$(dirname "$0")/tap_lib.sh"
command -v python3 >/dev/null || tap_skip_all "vrrp-cap decoder" "python3 missing"
exec python3 - "$top/scripts/vrrp-cap" <<'PY'
import importlib.machinery
import importlib.util
import socket
import struct
import sys

loader = importlib.machinery.SourceFileLoader("vrrp_cap", sys.argv[1])
spec = importlib.util.spec_from_loader("vrrp_cap", loader)
cap = importlib.util.module_from_spec(spec)
loader.exec_module(cap)
n = 0
failed = 0


def check(name, got, want):
    global n, failed
    n += 1
    ok = got == want
    print("%s %d - %s" % ("ok" if ok else "not ok", n, name))
    if not ok:
        failed = 1
        print("# got %r, wanted %r" % (got, want))


def eth(etype):
    return b"\x01\x00\x5e\x00\x00\x12" + b"\x00\x00\x5e\x00\x01\x33" + \
        struct.pack("!H", etype)


def ip4(proto, src, payload):
    return bytes([0x45, 0, 0, 20 + len(payload), 0, 0, 0, 0, 255, proto,
                  0, 0]) + socket.inet_aton(src) + \
        socket.inet_aton("224.0.0.18") + payload


def ip6(nexthdr, src, payload):
    return bytes([0x60, 0, 0, 0]) + struct.pack("!H", len(payload)) + \
        bytes([nexthdr, 255]) + socket.inet_pton(socket.AF_INET6, src) + \
        socket.inet_pton(socket.AF_INET6, "ff02::12") + payload


def vrrp3(vrid, prio, cs, addr):
    return bytes([0x31, vrid, prio, 1]) + struct.pack("!H", cs) + \
        b"\0\0" + addr


v4 = eth(0x0800) + ip4(112, "192.0.2.2",
                       vrrp3(51, 254, 1, socket.inet_aton("192.0.2.100")))
check("VRRPv3 over IPv4", cap.decode(v4), "vrrp 192.0.2.2 51 254 1")

adv6 = vrrp3(52, 100, 0xF002,
             socket.inet_pton(socket.AF_INET6, "fe80::100"))
v6 = eth(0x86DD) + ip6(112, "fe80::2", adv6)
check("VRRPv3 over IPv6, the reserved bits left out of the interval",
      cap.decode(v6), "vrrp fe80::2 52 100 2")

v2 = eth(0x0800) + ip4(112, "192.0.2.1", bytes([0x21, 7, 100, 1, 0, 3, 0, 0])
                       + socket.inet_aton("192.0.2.100"))
check("VRRPv2: seconds as centiseconds", cap.decode(v2),
      "vrrp 192.0.2.1 7 100 300")

arp = eth(0x0806) + bytes([0, 1, 8, 0, 6, 4, 0, 1]) + \
    bytes.fromhex("00005e000133") + socket.inet_aton("192.0.2.100") + \
    bytes(6) + socket.inet_aton("192.0.2.100")
check("a gratuitous ARP", cap.decode(arp),
      "arp 1 00:00:5e:00:01:33 192.0.2.100 192.0.2.100")

bfd = eth(0x0800) + ip4(17, "192.0.2.2", struct.pack("!HHHH", 49152, 3784,
                                                      32, 0) +
                        bytes([0x20, 0xC0]) + bytes(22))
check("a BFD control packet in state Up", cap.decode(bfd),
      "bfd 192.0.2.2 3")

icmp6 = eth(0x86DD) + ip6(58, "fe80::2", bytes([136, 0]) + bytes(22))
check("ICMPv6 is not recorded", cap.decode(icmp6), None)

hop = bytes([112, 0]) + bytes(6)
check("an IPv6 advert behind a hop-by-hop header is not read as one",
      cap.decode(eth(0x86DD) + ip6(0, "fe80::2", hop + adv6)), None)

check("a truncated IPv6 advert", cap.decode(v6[:14 + 40 + 4]), None)
check("a truncated IPv4 header", cap.decode(v4[:14 + 12]), None)
check("a runt frame", cap.decode(b"\x00" * 10), None)
print("1..%d" % n)
sys.exit(failed)
PY
