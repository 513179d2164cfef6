#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# Crafted VRRP traffic for the mwg_vrrp selftests; Python's standard library
# only, because the guest runs the host's userspace and nothing is built.
#
# vrrp_craft.py send IFACE [--src IP] [--ttl N] [--version V] [--type T]
#               [--vrid N] [--prio P] [--naddrs N] [--interval CS]
#               [--addr IP]... [--csum pseudo|plain|bad] [--truncate LEN]
#               [--raw HEX] [--count N] [--auth-type N]
#     Sends an advert as an Ethernet frame on IFACE (AF_PACKET), so that
#     every field, the TTL and the checksum included, is what the test asked
#     for and nothing in the sender's IP stack fixes it up.  --raw replaces
#     the whole VRRP message by HEX bytes; --truncate cuts the message (the
#     IP total length follows it).  --auth-type sets the authentication
#     type byte of a version 2 advert (default 0, none).
#
# vrrp_craft.py batch IFACE
#     As "send", once per line of standard input, each line holding the
#     options of one advert: a whole set of cases in one process, since
#     starting Python is slow in an emulated guest.
#
# vrrp_craft.py sniff IFACE [--timeout S] [--vrid N]
#     Waits for one advert received on IFACE and prints
#         src=IP vrid=N prio=P naddrs=N interval=CS csum=pseudo|plain|bad
#     Exits 1 when none came in time.
#
# vrrp_craft.py send IFACE --every MS [options of send]
#     Sends the advert every MS milliseconds (on a fixed schedule, so a late
#     wake-up does not push the later ones back) until killed: a master that
#     keeps advertising while the kernel under test is torn down.
#
# vrrp_craft.py watch IFACE --vip IP
#     Prints one line per frame received (not sent) on IFACE that is a VRRP
#     advert or an ARP announcing IP ("time kind src-mac", the time of the
#     kernel's receive timestamp, seconds of the wall clock), and "time sent"
#     for each advert sent from IFACE, flushed at once, until killed, after
#     a first line "ready": what a master would see of a backup taking
#     over, and whether the master itself had fallen silent before.
#
# vrrp_craft.py genl-new [--ifindex N] [--vrid N] [--prio P] [--interval MS]
#                        [--vip IP]... [--attr NAME=TYPE:VALUE]...
#     Sends MWG_VRRP_CMD_VR_NEW with exactly these attributes (to reach the
#     kernel's checks with values no CLI would send, such as an interface
#     index that names nothing) and prints "ok" or "error ERRNO: EXTACK".
#     Exits 0 when the kernel accepted it, 1 when it refused.
#
# vrrp_craft.py genl-batch
#     One request per line of stdin, "CMD [NAME=TYPE:VALUE]...": CMD and
#     NAME are the MWG_VRRP_CMD_ and MWG_VRRP_A_ suffixes of uapi/mwg_vrrp.h
#     (numbered from the header itself), TYPE u8, u32, ip (4 or 16 bytes),
#     vip (a VIPS nest of one address) or flag; CMD ending in "+dump" is sent as a dump. Prints one line per
#     request, "CMD ok" or "CMD error ERRNO: EXTACK".
import argparse
import errno
import os
import select
import shlex
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
IPPROTO_VRRP = 112
GROUP = '224.0.0.18'
GROUP_MAC = bytes.fromhex('01005e000012')


def csum16(data):
    if len(data) % 2:
        data += b'\0'
    s = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def pseudo_header(src, dst, length):
    return (socket.inet_aton(src) + socket.inet_aton(dst) +
            struct.pack('!BBH', 0, IPPROTO_VRRP, length))


def build_vrrp(a):
    addrs = [socket.inet_aton(x) for x in (a.addr or ['192.0.2.100'])]
    naddrs = len(addrs) if a.naddrs is None else a.naddrs
    hdr = struct.pack('!BBBBH', (a.version << 4) | a.type, a.vrid, a.prio,
                      naddrs, a.interval & 0x0fff)
    if a.version == 2 and a.auth_type:
        # VRRPv2: byte 4 is the authentication type, byte 5 the interval.
        hdr = hdr[:4] + bytes([a.auth_type, a.interval & 0xff])
    msg = hdr + b'\0\0' + b''.join(addrs)
    if a.version == 2:
        msg += bytes(8)
    # The checksum covers the message as sent, after any truncation.
    if a.truncate is not None:
        msg = msg[:a.truncate]
    if len(msg) >= 8:
        if a.csum == 'pseudo':
            c = csum16(pseudo_header(a.src, a.dst, len(msg)) + msg)
        else:
            c = csum16(msg)
            if a.csum == 'bad':
                c ^= 0x5a5a
        msg = msg[:6] + struct.pack('!H', c) + msg[8:]
    return msg


def build_ip(src, ttl, payload, dst=GROUP):
    hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0xc0, 20 + len(payload), 0,
                      0x4000, ttl, IPPROTO_VRRP, 0, socket.inet_aton(src),
                      socket.inet_aton(dst))
    hdr = hdr[:10] + struct.pack('!H', csum16(hdr)) + hdr[12:]
    return hdr + payload


def if_mac(ifname):
    with open('/sys/class/net/%s/address' % ifname) as f:
        return bytes.fromhex(f.read().strip().replace(':', ''))


def frame_of(a):
    msg = bytes.fromhex(a.raw) if a.raw else build_vrrp(a)
    dst_mac = (bytes.fromhex(a.dst_mac.replace(':', '')) if a.dst_mac
               else GROUP_MAC)
    return (dst_mac + if_mac(a.iface) + struct.pack('!H', ETH_P_IP) +
            build_ip(a.src, a.ttl, msg, a.dst))


def cmd_send(a):
    frame = frame_of(a)
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((a.iface, 0))
    if a.every:
        step = a.every / 1000.0
        due = time.monotonic()
        while True:
            s.send(frame)
            due += step
            left = due - time.monotonic()
            if left > 0:
                time.sleep(left)
            else:
                due = time.monotonic()
    for _ in range(a.count):
        s.send(frame)
    return 0


PACKET_OUTGOING = 4
SO_TIMESTAMPNS = 35
ETH_P_ARP = 0x0806


def cmd_watch(a):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_ALL))
    s.bind((a.iface, 0))
    # The time the kernel received the frame, not when we got to it.
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    vip = socket.inet_aton(a.vip)
    print('ready', flush=True)
    while True:
        frame, anc, _, addr = s.recvmsg(65535, 64)
        when = time.time()
        for level, ctype, data in anc:
            if level == socket.SOL_SOCKET and ctype == SO_TIMESTAMPNS:
                sec, nsec = struct.unpack('qq', data[:16])
                when = sec + nsec / 1e9
        if len(frame) < 42:
            continue
        etype = struct.unpack('!H', frame[12:14])[0]
        kind = None
        if addr[2] == PACKET_OUTGOING:
            if etype == ETH_P_IP and frame[14 + 9] == IPPROTO_VRRP:
                print('%.6f sent' % when, flush=True)
            continue
        if etype == ETH_P_IP and frame[14 + 9] == IPPROTO_VRRP:
            kind = 'advert prio=%d' % frame[14 + (frame[14] & 0x0f) * 4 + 2]
        elif etype == ETH_P_ARP and frame[28:32] == vip:
            kind = 'arp'
        if kind:
            print('%.6f %s %s' % (when, kind, frame[6:12].hex(':')),
                  flush=True)


def cmd_batch(a, send_parser):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((a.iface, 0))
    for line in sys.stdin:
        words = shlex.split(line)
        if not words:
            continue
        one = send_parser.parse_args([a.iface] + words)
        frame = frame_of(one)
        for _ in range(one.count):
            s.send(frame)
    return 0


def classify(ip_src, ip_dst, msg):
    if len(msg) < 8:
        return 'bad'
    if csum16(pseudo_header(ip_src, ip_dst, len(msg)) + msg) == 0:
        return 'pseudo'
    if csum16(msg) == 0:
        return 'plain'
    return 'bad'


def cmd_sniff(a):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_IP))
    s.bind((a.iface, 0))
    end = time.monotonic() + a.timeout
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return 1
        if not select.select([s], [], [], left)[0]:
            continue
        frame = s.recv(65535)
        ip = frame[14:]
        if len(ip) < 20 or ip[9] != IPPROTO_VRRP:
            continue
        ihl = (ip[0] & 0x0f) * 4
        tot = struct.unpack('!H', ip[2:4])[0]
        msg = ip[ihl:tot]
        if len(msg) < 8 or (a.vrid is not None and msg[1] != a.vrid):
            continue
        src = socket.inet_ntoa(ip[12:16])
        dst = socket.inet_ntoa(ip[16:20])
        print('src=%s vrid=%d prio=%d naddrs=%d interval=%d ttl=%d csum=%s' %
              (src, msg[1], msg[2], msg[3],
               struct.unpack('!H', msg[4:6])[0] & 0x0fff, ip[8],
               classify(src, dst, msg)))
        return 0


# --- generic netlink ---------------------------------------------------------
NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
NLM_F_REQUEST = 0x1
NLM_F_ACK = 0x4
NLM_F_CAPPED = 0x100
NLM_F_ACK_TLVS = 0x200
NLM_F_DUMP = 0x300
NLMSG_ERROR = 0x2
NLMSG_DONE = 0x3
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLA_F_NESTED = 0x8000
NLMSGERR_ATTR_MSG = 1

A_IFINDEX, A_VRID, A_PRIORITY, A_ADVERT_INTERVAL_MS = 1, 3, 6, 8
A_VIPS, A_VIP, VIP_A_ADDR = 17, 18, 1
CMD_VR_NEW = 2


def nla(atype, data):
    n = 4 + len(data)
    return struct.pack('=HH', n, atype) + data + bytes((4 - n % 4) % 4)


def parse_nla(buf):
    out = {}
    while len(buf) >= 4:
        n, t = struct.unpack('=HH', buf[:4])
        if n < 4:
            break
        out[t & 0x3fff] = buf[4:n]
        buf = buf[(n + 3) & ~3:]
    return out


def genl_request(s, ftype, cmd, attrs, seq, flags=0):
    body = struct.pack('=BBH', cmd, 1, 0) + attrs
    s.send(struct.pack('=IHHII', 16 + len(body), ftype,
                       NLM_F_REQUEST | NLM_F_ACK | flags, seq, 0) + body)
    answer = None
    while True:
        data = s.recv(65536)
        while len(data) >= 16:
            n, t, flags, rseq, _ = struct.unpack('=IHHII', data[:16])
            m = data[:n]
            data = data[(n + 3) & ~3:]
            if t == NLMSG_DONE:
                return struct.unpack('=i', m[16:20])[0], '', answer
            if t == NLMSG_ERROR:
                err = struct.unpack('=i', m[16:20])[0]
                text = ''
                if flags & NLM_F_ACK_TLVS:
                    olen = 16 if flags & NLM_F_CAPPED else \
                        struct.unpack('=I', m[20:24])[0]
                    tlv = parse_nla(m[20 + ((olen + 3) & ~3):])
                    text = tlv.get(NLMSGERR_ATTR_MSG, b'').rstrip(b'\0')
                    text = text.decode(errors='replace')
                return err, text, answer
            answer = m[20:]


def genl_open():
    """A generic netlink socket with extended acks, and our family's id."""
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    s.bind((0, 0))
    err, text, ans = genl_request(
        s, GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
        nla(CTRL_ATTR_FAMILY_NAME, b'mwg_vrrp\0'), 1)
    if err or ans is None:
        print('error %d: family lookup: %s' % (err, text))
        sys.exit(2)
    return s, struct.unpack('=H', parse_nla(ans)[CTRL_ATTR_FAMILY_ID][:2])[0]


def uapi_enum(first):
    """{suffix: value} of the uapi enum whose first member is FIRST."""
    repo = os.environ.get('MWG_REPO') or \
        os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    with open(os.path.join(repo, 'kmod/uapi/mwg_vrrp.h')) as f:
        text = f.read()
    body = text[text.index('\t' + first + ','):]
    body = body[:body.index('}')]
    prefix = first[:first.rindex('_') + 1]
    names = [ln.strip().split(',')[0] for ln in body.splitlines()
             if ln.strip().startswith(prefix)]
    return {n[len(prefix):]: i for i, n in enumerate(names)}


def attr_bytes(words, attrs):
    """Attributes from NAME=TYPE:VALUE words (see genl-batch)."""
    body = b''
    for w in words:
        aname, tv = w.split('=', 1)
        atype, val = tv.split(':', 1)
        if atype == 'u8':
            data = struct.pack('=B', int(val))
        elif atype == 'u32':
            data = struct.pack('=I', int(val))
        elif atype in ('ip', 'vip'):
            data = socket.inet_pton(socket.AF_INET6 if ':' in val else
                                    socket.AF_INET, val)
        else:
            data = b''
        if atype == 'vip':
            # A VIPS nest holding one VIP.
            body += nla(attrs[aname] | NLA_F_NESTED,
                        nla(A_VIP | NLA_F_NESTED, nla(VIP_A_ADDR, data)))
        else:
            body += nla(attrs[aname], data)
    return body


def cmd_genl_batch(a):
    cmds = uapi_enum('MWG_VRRP_CMD_UNSPEC')
    attrs = uapi_enum('MWG_VRRP_A_UNSPEC')
    s, fid = genl_open()
    seq = 2
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        name, dump = words[0], False
        if name.endswith('+dump'):
            name, dump = name[:-5], True
        body = attr_bytes(words[1:], attrs)
        err, text, _ = genl_request(s, fid, cmds[name], body, seq,
                                    NLM_F_DUMP if dump else 0)
        seq += 1
        if err == 0:
            print(words[0], 'ok')
        else:
            print(words[0], 'error %s: %s' %
                  (errno.errorcode.get(-err, str(-err)), text))
    return 0


def cmd_genl_new(a):
    s, fid = genl_open()
    attrs = b''
    if a.ifindex is not None:
        attrs += nla(A_IFINDEX, struct.pack('=I', a.ifindex))
    if a.vrid is not None:
        attrs += nla(A_VRID, struct.pack('=B', a.vrid))
    if a.prio is not None:
        attrs += nla(A_PRIORITY, struct.pack('=B', a.prio))
    if a.interval is not None:
        attrs += nla(A_ADVERT_INTERVAL_MS, struct.pack('=I', a.interval))
    if a.vip:
        vips = b''.join(nla(A_VIP | NLA_F_NESTED,
                            nla(VIP_A_ADDR, socket.inet_pton(
                                socket.AF_INET6 if ':' in v else
                                socket.AF_INET, v)))
                        for v in a.vip)
        attrs += nla(A_VIPS | NLA_F_NESTED, vips)
    if a.attr:
        attrs += attr_bytes(a.attr, uapi_enum('MWG_VRRP_A_UNSPEC'))
    err, text, _ = genl_request(s, fid, CMD_VR_NEW, attrs, 2)
    if err == 0:
        print('ok')
        return 0
    print('error %s: %s' % (errno.errorcode.get(-err, str(-err)), text))
    return 1


def main():
    p = argparse.ArgumentParser(prog='vrrp_craft.py')
    sub = p.add_subparsers(dest='cmd', required=True)
    send = s = sub.add_parser('send')
    s.add_argument('iface')
    s.add_argument('--src', default='192.0.2.9')
    # A unicast advert (unicast peers): its IP and MAC destination.
    s.add_argument('--dst', default=GROUP)
    s.add_argument('--dst-mac')
    s.add_argument('--ttl', type=int, default=255)
    s.add_argument('--version', type=int, default=3)
    s.add_argument('--type', type=int, default=1)
    s.add_argument('--vrid', type=int, default=1)
    s.add_argument('--prio', type=int, default=50)
    s.add_argument('--naddrs', type=int)
    s.add_argument('--interval', type=int, default=10)
    s.add_argument('--addr', action='append')
    s.add_argument('--csum', choices=['pseudo', 'plain', 'bad'],
                   default='pseudo')
    s.add_argument('--truncate', type=int)
    s.add_argument('--raw')
    s.add_argument('--count', type=int, default=1)
    s.add_argument('--auth-type', type=int, default=0)
    s.add_argument('--every', type=float)
    s = sub.add_parser('batch')
    s.add_argument('iface')
    s = sub.add_parser('sniff')
    s.add_argument('iface')
    s.add_argument('--timeout', type=float, default=5)
    s.add_argument('--vrid', type=int)
    s = sub.add_parser('watch')
    s.add_argument('iface')
    s.add_argument('--vip', required=True)
    s = sub.add_parser('genl-new')
    s.add_argument('--ifindex', type=int)
    s.add_argument('--vrid', type=int)
    s.add_argument('--prio', type=int)
    s.add_argument('--interval', type=int)
    s.add_argument('--vip', action='append')
    s.add_argument('--attr', action='append')
    sub.add_parser('genl-batch')
    a = p.parse_args()
    try:
        if a.cmd == 'send':
            return cmd_send(a)
        if a.cmd == 'watch':
            return cmd_watch(a)
    except OSError as e:
        # The namespace went away under a sender or capture left running.
        if e.errno != errno.ENETDOWN or not (a.cmd == 'watch' or a.every):
            raise
        return 0
    if a.cmd == 'batch':
        return cmd_batch(a, send)
    if a.cmd == 'sniff':
        return cmd_sniff(a)
    if a.cmd == 'genl-batch':
        return cmd_genl_batch(a)
    return cmd_genl_new(a)


if __name__ == '__main__':
    sys.exit(main())
