#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# Crafted BFD control packets for the mwg_vrrp selftests; Python's standard
# library only, since the guest runs the host's userspace.
#
# bfd_craft.py batch DST
#     Reads one packet a line from standard input and sends each as a UDP
#     datagram to DST port 3784, from a port in 49152-65535.  A line holds
#     "key=value" words that change a valid Down packet (version 1, state
#     Down, detect mult 3, length 24, my discriminator 7, your
#     discriminator 0, 1 s intervals):
#         version= diag= state= flags= mult= length= my= your= tx= rx=
#         ttl=N       the IP TTL / hop limit (default 255)
#         trunc=N     send only the first N bytes
#         extra=N     append N zero bytes
#     One process for a whole set of cases: Python starts slowly in an
#     emulated guest.
import socket
import struct
import sys


def packet(opts):
    v = {'version': 1, 'diag': 0, 'state': 1, 'flags': 0, 'mult': 3,
         'length': 24, 'my': 7, 'your': 0, 'tx': 1000000, 'rx': 1000000}
    for k in v:
        if k in opts:
            v[k] = int(opts[k], 0)
    pkt = struct.pack('!BBBBIIIII',
                      (v['version'] << 5) | v['diag'],
                      (v['state'] << 6) | v['flags'],
                      v['mult'], v['length'], v['my'], v['your'],
                      v['tx'], v['rx'], 0)
    pkt += b'\0' * int(opts.get('extra', '0'))
    if 'trunc' in opts:
        pkt = pkt[:int(opts['trunc'])]
    return pkt


def main():
    if len(sys.argv) != 3 or sys.argv[1] != 'batch':
        sys.exit('usage: bfd_craft.py batch DST < cases')
    dst = sys.argv[2]
    fam = socket.AF_INET6 if ':' in dst else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    for port in range(49152, 65536):
        try:
            s.bind(('', port))
            break
        except OSError:
            continue
    for line in sys.stdin:
        words = line.split()
        if not words or words[0].startswith('#'):
            continue
        opts = dict(w.split('=', 1) for w in words)
        ttl = int(opts.get('ttl', '255'))
        if fam == socket.AF_INET:
            s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, ttl)
        else:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, ttl)
        s.sendto(packet(opts), (dst, 3784))


if __name__ == '__main__':
    main()
