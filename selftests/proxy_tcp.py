#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# TCP ends of the Proxy HA selftests; Python's standard library only, since
# the guest runs the host's userspace.
#
# proxy_tcp.py serve NAME PORT
#     Answers every connection with "NAME\n", then each line it receives
#     with "NAME LINE\n", until the peer closes.  One thread a connection.
#
# proxy_tcp.py spread HOST PORT COUNT SRC[,SRC...]
#     COUNT connections, one after the other, each from the next source
#     address in turn; prints "NAME N" per answering server and "errors N".
#
# proxy_tcp.py map HOST PORT SRC[,SRC...]
#     One connection from each source address; prints "SRC NAME" (NAME
#     "-" when it failed): which server each client address reaches.
#
# proxy_tcp.py rate HOST PORT SECONDS SRC[,SRC...]
#     As many connections (connect, read the name, close) as fit in
#     SECONDS, sources in turn; prints "connections N errors N seconds S".
#
# proxy_tcp.py load HOST PORT STOPFILE SRC[,SRC...]
#     As rate, until STOPFILE exists; each failure is logged to stderr
#     with its time.
#
# proxy_tcp.py hold HOST PORT SRC LOG STOPFILE
#     One connection kept open: a line every 0.2 s, whose answer is logged
#     as "ok SEQ NAME" to LOG; on any failure "err SEQ REASON" and exit 1.
#     Ends (exit 0) when STOPFILE exists.

import os
import socket
import socketserver
import sys
import time


def serve(name, port):
    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            self.wfile.write(f"{name}\n".encode())
            for line in self.rfile:
                self.wfile.write(f"{name} {line.decode().strip()}\n".encode())

    class Server(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True
        request_queue_size = 128

    with Server(("0.0.0.0", int(port)), Handler) as srv:
        srv.serve_forever()


def spread(host, port, count, sources):
    srcs = sources.split(",")
    names = {}
    errors = 0
    for i in range(int(count)):
        try:
            with socket.create_connection((host, int(port)), timeout=3,
                                          source_address=(srcs[i % len(srcs)], 0)) as s:
                name = s.makefile().readline().strip()
            if not name:
                raise OSError("closed without a name")
            names[name] = names.get(name, 0) + 1
        except OSError as e:
            errors += 1
            print(f"# connection {i} from {srcs[i % len(srcs)]}: {e}", file=sys.stderr)
    for name, n in sorted(names.items()):
        print(f"{name} {n}")
    print(f"errors {errors}")


def one(host, port, src):
    with socket.create_connection((host, int(port)), timeout=3,
                                  source_address=(src, 0)) as s:
        return s.makefile().readline().strip()


def map_sources(host, port, sources):
    for src in sources.split(","):
        try:
            name = one(host, port, src) or "-"
        except OSError:
            name = "-"
        print(f"{src} {name}")


def rate(host, port, seconds, sources):
    srcs = sources.split(",")
    n = errors = 0
    t0 = time.monotonic()
    end = t0 + float(seconds)
    while time.monotonic() < end:
        try:
            if not one(host, port, srcs[n % len(srcs)]):
                errors += 1
        except OSError:
            errors += 1
        n += 1
    print(f"connections {n} errors {errors} seconds {time.monotonic() - t0:.3f}")


def load(host, port, stopfile, sources):
    srcs = sources.split(",")
    n = errors = 0
    t0 = time.monotonic()
    while not os.path.exists(stopfile):
        src = srcs[n % len(srcs)]
        try:
            if not one(host, port, src):
                raise OSError("closed without a name")
        except OSError as e:
            errors += 1
            print(f"# {time.monotonic() - t0:.3f} s: connection {n} from {src}: {e}",
                  file=sys.stderr)
        n += 1
    print(f"connections {n} errors {errors} seconds {time.monotonic() - t0:.3f}")


def hold(host, port, src, log, stopfile):
    with open(log, "a", buffering=1) as out:
        try:
            s = socket.create_connection((host, int(port)), timeout=5,
                                         source_address=(src, 0))
            # Generous: a director failover and TCP's retransmission backoff.
            s.settimeout(20)
            f = s.makefile("rw")
            out.write(f"hello {f.readline().strip()}\n")
            seq = 0
            while not os.path.exists(stopfile):
                seq += 1
                f.write(f"{seq}\n")
                f.flush()
                reply = f.readline().strip()
                if not reply.endswith(f" {seq}"):
                    raise OSError(f"bad reply {reply!r}")
                out.write(f"ok {seq} {reply.split()[0]}\n")
                time.sleep(0.2)
            s.close()
        except OSError as e:
            out.write(f"err {e}\n")
            sys.exit(1)


def main():
    cmds = {"serve": (serve, 2), "spread": (spread, 4), "hold": (hold, 5),
            "map": (map_sources, 3), "rate": (rate, 4), "load": (load, 4)}
    if len(sys.argv) < 2 or sys.argv[1] not in cmds or \
            len(sys.argv) - 2 != cmds[sys.argv[1]][1]:
        print(__doc__ or "usage: see the head of this file", file=sys.stderr)
        sys.exit(2)
    cmds[sys.argv[1]][0](*sys.argv[2:])


if __name__ == "__main__":
    main()
