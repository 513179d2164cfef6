#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# ynl_events.py YNL_DIR SPEC SCHEMA SECONDS (SCHEMA "": not validated)
#     Subscribes to the family's "events" group through the kernel's
#     netlink library (tools/net/ynl/lib), prints "subscribed", then each
#     notification as one JSON line ({"name": ..., "msg": {...}}) until
#     SECONDS have passed.  (cli.py --subscribe cannot be combined with a
#     request here: 6.12's library loses the request when an event comes
#     before its ack.)
import json
import sys
import time

sys.path.insert(0, sys.argv[1])
from lib import YnlFamily  # noqa: E402  (the kernel's tree)


def main():
    ynl = YnlFamily(sys.argv[2], sys.argv[3])
    ynl.ntf_subscribe("events")
    print("subscribed", flush=True)
    end = time.monotonic() + float(sys.argv[4])
    while time.monotonic() < end:
        ynl.check_ntf()
        while ynl.async_msg_queue:
            print(json.dumps(ynl.async_msg_queue.pop(0), default=str),
                  flush=True)
        time.sleep(0.05)
    return 0


if __name__ == "__main__":
    sys.exit(main())
