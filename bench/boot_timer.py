#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""One timed boot for bench/boot-cost.sh: runs the QEMU command given after
'--' with the serial console on a pipe, stamps every line with the host's
monotonic clock, and stops QEMU at the kernel's EFI stub.

Prints one line:  window_ms=<W> self_ms=<S>
  W: from the firmware starting the boot application ("BdsDxe: starting
     Boot####") to the kernel stub's first line ("EFI stub: ");
  S: tdxboot's own report time ("report complete in N ms"), or -1.
Exit status 1 when a marker is missing before the deadline."""
import re
import subprocess
import sys
import time

START = re.compile(rb"BdsDxe: starting Boot[0-9A-F]{4}")
END = re.compile(rb"EFI stub: ")
SELF = re.compile(rb"report complete in ([0-9]+) ms")


def main():
    deadline = float(sys.argv[1])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    qemu = subprocess.Popen(cmd, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    t_start = t_end = None
    self_ms = -1
    t0 = time.monotonic()
    try:
        for line in qemu.stdout:
            now = time.monotonic()
            if t_start is None and START.search(line):
                t_start = now
            m = SELF.search(line)
            if m:
                self_ms = int(m.group(1))
            if t_start is not None and END.search(line):
                t_end = now
                break
            if now - t0 > deadline:
                break
    finally:
        qemu.kill()
        qemu.wait()
    if t_start is None or t_end is None:
        print("boot_timer: no %s marker" % ("start" if t_start is None else "EFI stub"),
              file=sys.stderr)
        return 1
    print("window_ms=%.0f self_ms=%d" % ((t_end - t_start) * 1000, self_ms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
