#!/usr/bin/env python3
"""check-efi-link.py BUILD HOST_ONLY_SRC... -- the EFI binary holds only what
runs in EFI.

1. Every object linked into tdxboot.so is reachable from efi_main through
   undefined-symbol references (nm); an unreachable object is code the EFI
   app carries but never runs, i.e. host-only code that belongs in the
   Makefile's HOST_ONLY_SRCS.
2. No function defined by a HOST_ONLY_SRCS object appears in tdxboot.so.
"""
import pathlib
import subprocess
import sys


def nm(path, *args):
    out = subprocess.run(["nm", *args, str(path)], check=True,
                         capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines() if line.strip()]


def main():
    build = pathlib.Path(sys.argv[1])
    host_only = sys.argv[2:]
    link_objs = [line.split()[-1] for line in
                 (build / "tdxboot.map").read_text().splitlines()
                 if line.rstrip().endswith(":(.text)") and "build/efi/" in line]
    objs = sorted({o.split(":(")[0] for o in link_objs})
    if not objs:
        sys.exit(f"check-efi-link: no objects in {build}/tdxboot.map")
    defined, undefined = {}, {}
    for o in objs:
        for f in nm(o):
            if len(f) == 3 and f[1] in "TDRBC":
                defined[f[2]] = o
            elif len(f) == 2 and f[0] == "U":
                undefined.setdefault(o, set()).add(f[1])
    entry = defined.get("efi_main")
    if entry is None:
        sys.exit("check-efi-link: efi_main is not defined by any linked object")
    seen, todo = set(), [entry]
    while todo:
        o = todo.pop()
        if o in seen:
            continue
        seen.add(o)
        todo.extend(defined[u] for u in undefined.get(o, ()) if u in defined)
    bad = 0
    for o in objs:
        if o not in seen:
            print(f"check-efi-link: {o} is linked into tdxboot.efi but nothing "
                  "reachable from efi_main uses it (host-only? add it to HOST_ONLY_SRCS)")
            bad += 1
    efi_syms = {f[-1] for f in nm(build / "tdxboot.so", "--defined-only")}
    for src in host_only:
        obj = build / "host" / src.replace(".c", ".o")
        if not obj.exists():
            continue
        for f in nm(obj, "--defined-only"):
            if len(f) == 3 and f[1] == "T" and f[2] in efi_syms:
                print(f"check-efi-link: {f[2]} ({src}, host-only) is in tdxboot.so")
                bad += 1
    if bad:
        sys.exit(1)
    print(f"check-efi-link: {len(objs)} objects in tdxboot.efi, all reachable from "
          f"efi_main; none of {len(host_only)} host-only sources linked")


if __name__ == "__main__":
    main()
