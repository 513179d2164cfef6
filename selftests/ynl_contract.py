#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# ynl_contract.py YNL_DIR SPEC SCHEMA
#     The family's spec against the running module, through the kernel's
#     own netlink library (tools/net/ynl/lib): for every command, each
#     attribute of the main set is sent alone, and the module must refuse
#     those the spec's request lists do not name, with an extack message
#     saying so, and must not refuse those they name for that reason (a
#     missing key or a bad value is still refused, for its own reason).
#     Prints one line per command: "OP ok N refused M read", or
#     "OP FAIL ..." for each attribute the two disagree on.
#     Exit 1 on any disagreement.  Run it in a namespace of its own: a bare
#     scanner-set empties the scanner table, and nothing else is created.
import sys

sys.path.insert(0, sys.argv[1])
from lib import YnlFamily, NlError  # noqa: E402  (the kernel's tree)

REFUSED = "is not accepted by this command"
# A foreign nest is refused before its policy entry's message is read: the
# kernel's strict validation finds the NLA_F_NESTED flag unexpected first
# and names the attribute by its offset instead (bad-attr).
REFUSED_NEST = "NLA_F_NESTED not expected"

SAMPLE = {"u8": 1, "u16": 1, "u32": 1, "u64": 1, "string": "x",
          "binary": bytes(4), "flag": True, "nest": {}}


def request_attrs(op):
    names = set()
    for mode in ("do", "dump"):
        names.update(op.yaml.get(mode, {}).get("request", {})
                     .get("attributes", []))
    return names


def main():
    ynl = YnlFamily(sys.argv[2], sys.argv[3])
    attrs = [a for a in ynl.attr_sets["vr"].attrs.values()
             if a.type in SAMPLE]
    failed = False
    for name, op in ynl.ops.items():
        if not ("do" in op.yaml or "dump" in op.yaml):
            continue
        reads = request_attrs(op)
        refused = read = 0
        for attr in attrs:
            try:
                if "do" in op.yaml:
                    ynl.do(name, {attr.name: SAMPLE[attr.type]})
                else:
                    ynl.dump(name, {attr.name: SAMPLE[attr.type]})
                why = ""
            except NlError as e:
                ext = e.nl_msg.extack or {}
                why = str(ext.get("msg", ""))
                if why == REFUSED_NEST and \
                   ext.get("bad-attr") == "." + attr.name:
                    why = REFUSED + " (" + REFUSED_NEST + ", bad-attr)"
            if (REFUSED in why) == (attr.name in reads):
                failed = True
                print("%s FAIL %s: %s" % (name, attr.name,
                      "refused: " + why if why else "not refused"))
            elif attr.name in reads:
                read += 1
            else:
                refused += 1
        print("%s ok %d refused %d read" % (name, refused, read))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
