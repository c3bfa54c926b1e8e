#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the binary seed inputs of the issue-9 fuzz targets (mk/fuzz.mk).

    tests/fuzz/mkseeds.py BUILD/tdxboot-mkblob

The seeds are checked in; this script says how each was made, so that a
format change can regenerate them.  Each input starts with the target's
option byte(s) (see the target's header comment), then the data.
"""
import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MiB, GiB = 1 << 20, 1 << 30

# ------------------------------------------------------------------ memmap
# EFI_MEMORY_DESCRIPTOR v1: u32 type, u32 pad, u64 phys, u64 virt, u64 pages, u64 attr.
WB = 0x8  # EFI_MEMORY_WB
SP = 0x40000


def desc(kind, base, size, attr=WB, desc_size=48):
    d = struct.pack("<IIQQQQ", kind, 0, base, 0, size // 4096, attr)
    return d + bytes(desc_size - len(d))


def memmap(name, size_sel, shape, entries):
    ds = 40 + 8 * size_sel
    data = bytes([size_sel, shape]) + b"".join(desc(*e, desc_size=ds) for e in entries)
    write("memmap", name, data)


def memmap_seeds():
    # An OVMF-like 2-node map (README): low RAM, firmware pieces, MMIO, 4 GiB up.
    ovmf = [(7, 0, 0xA0000), (7, 1 * MiB, 0x7E00000 - 1 * MiB), (4, 0x7E00000, 2 * MiB),
            (3, 0x8000000, 1 * MiB), (7, 0x8100000, 2 * GiB - 0x8100000 - 16 * MiB),
            (2, 2 * GiB - 16 * MiB, 8 * MiB), (9, 2 * GiB - 8 * MiB, 4 * MiB),
            (10, 2 * GiB - 4 * MiB, 4 * MiB), (11, 0xFEC00000, 0x1000, 1 << 63),
            (7, 4 * GiB, 2 * GiB), (6, 6 * GiB - 2 * MiB, 2 * MiB)]
    memmap("ovmf-2node", 1, 0x00, ovmf)
    memmap("ovmf-exclude-1tdmr", 1, 0x86, ovmf)
    # Unsorted and overlapping, with a zero-size and a huge descriptor.
    memmap("unsorted-overlap", 0, 0x01, [
        (7, 4 * GiB, 4 * GiB), (7, 1 * MiB, 1 * GiB), (4, 2 * GiB, 1 * GiB),
        (7, 1 * GiB + 512 * MiB, 1 * GiB), (0, 3 * GiB, 0), (11, 1 << 51, 1 << 50),
        (7, 6 * GiB, 64 * MiB)])
    # Soft-reserved (CXL) RAM, persistent memory, unaccepted memory, unknown types.
    memmap("sp-pmem-unaccepted", 2, 0x40, [
        (7, 1 * MiB, 2 * GiB), (7, 4 * GiB, 4 * GiB, WB | SP), (14, 8 * GiB, 2 * GiB),
        (15, 10 * GiB, 2 * GiB), (0x70000000, 12 * GiB, 1 * GiB), (7, 16 * GiB, 1 * GiB)])
    # Many small free islands: reserved areas run out with 1 per TDMR.
    memmap("islands", 3, 0x32, [(7 if i % 2 == 0 else 0, 1 * GiB + i * 4 * MiB, 2 * MiB)
                                for i in range(40)])
    memmap("empty", 1, 0x00, [])


# -------------------------------------------------------------------- ACPI
def checksum(b, at):
    b = bytearray(b)
    b[at] = 0
    b[at] = (-sum(b)) & 0xFF
    return bytes(b)


def sdt(sig, body, rev=1):
    hdr = struct.pack("<4sIBB6s8sI4sI", sig, 36 + len(body), rev, 0, b"BOCHS ",
                      b"BXPC    ", 1, b"BXPC", 1)
    return checksum(hdr + body, 9)


# The option byte: bits 0-2 the parser (0 RSDP, 1 XSDT, 2 RSDT, 3 SRAT, 4 MADT),
# bit 3 repair the checksum.  Seeds carry correct checksums and bit 3 clear.
def acpi(name, kind, table):
    write("acpi", name, bytes([kind]) + table)


def acpi_seeds():
    rsdp = b"RSD PTR " + b"\0" + b"BOCHS " + bytes([2]) + struct.pack("<I", 0x7FFE0000)
    rsdp += struct.pack("<IQ", 36, 0x7FFE1000) + b"\0\0\0\0"
    rsdp = checksum(rsdp, 8)
    rsdp = checksum(rsdp, 32)
    acpi("rsdp-v2", 0, rsdp)
    acpi("xsdt", 1, sdt(b"XSDT", struct.pack("<4Q", 0x7FFE2000, 0x7FFE3000, 0x7FFE4000,
                                             0x7FFE5000)))
    acpi("rsdt", 2, sdt(b"RSDT", struct.pack("<3I", 0x7FFE2000, 0x7FFE3000, 0x7FFE4000)))
    # QEMU's SRAT for 4 CPUs in 2 nodes: LAPIC affinity, memory, a disabled tail.
    body = struct.pack("<I8s", 1, bytes(8))
    for cpu in range(4):
        body += struct.pack("<BBBBIB3sI", 0, 16, cpu // 2, cpu, 1, 0, bytes(3), 0)
    for dom, base, size in [(0, 0, 0xA0000), (0, 1 * MiB, 2 * GiB - 1 * MiB),
                            (1, 4 * GiB, 2 * GiB), (1, 0, 0)]:
        body += struct.pack("<BBIHQQIIQ", 1, 40, dom, 0, base, size, 0, 1 if size else 0, 0)
    # An x2APIC affinity entry and a hot-pluggable memory range.
    body += struct.pack("<BBHIIIII", 2, 24, 0, 2, 0x100, 1, 0, 0)
    body += struct.pack("<BBIHQQIIQ", 1, 40, 2, 0, 64 * GiB, 16 * GiB, 0, 3, 0)
    acpi("srat-qemu-2node", 3, sdt(b"SRAT", body, 3))
    # MADT: 4 enabled LAPICs, one online-capable, an x2APIC, an IOAPIC.
    body = struct.pack("<II", 0xFEE00000, 1)
    for cpu in range(4):
        body += struct.pack("<BBBBI", 0, 8, cpu, cpu, 1)
    body += struct.pack("<BBBBI", 0, 8, 4, 4, 2)
    body += struct.pack("<BBHIII", 9, 16, 0, 0x100, 1, 5)
    body += struct.pack("<BBBBII", 1, 12, 0, 0, 0xFEC00000, 0)
    acpi("madt-4cpu", 4, sdt(b"APIC", body, 5))


# -------------------------------------------------------------------- blob
# The option byte: bit 0 repair the v1 length, 1 the seamhash, 2 the checksum,
# 3 any signing key.  Seeds are valid blobs: repairs change nothing in them.
def blob_seeds(mkblob):
    cases = [("v1-1page", 0x0F, ["--pages", "1"]),
             ("v2-2pages-dpamt", 0x0F, ["--layout", "2", "--pages", "2", "--dpamt"]),
             ("v1-test-key", 0x07, ["--pages", "1", "--max-tdmrs", "4", "--max-rsvd", "2"]),
             ("v1-debug", 0x0F, ["--pages", "1", "--debug", "--svn", "0x0001"]),
             ("v1-bad-hash", 0x08, ["--pages", "1", "--bad-hash"])]
    with tempfile.TemporaryDirectory() as tmp:
        for name, opts, args in cases:
            out = os.path.join(tmp, name)
            subprocess.run([mkblob, *args, "-o", out], check=True)
            with open(out, "rb") as f:
                write("blob", name, bytes([opts]) + f.read())


def write(target, name, data):
    d = os.path.join(HERE, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".bin"), "wb") as f:
        f.write(data)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    memmap_seeds()
    acpi_seeds()
    blob_seeds(sys.argv[1])
