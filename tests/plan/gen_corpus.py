#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes tests/plan/corpus/*.log: synthesized but realistic platform logs.

Each log is what Linux prints at boot on such a machine (e820 or efi=debug
map, SRAT memory affinity, TDX CMRs; docs/reference/planner-input.md), plus '# expect:'
lines with the outcome a correct planner must give:

    # expect: ok                      a plan (exit 0), judged valid
    # expect: fail <substring>        no plan (exit 1), message contains it
    # expect: bad <substring>         bad input (exit 2), message contains it
    # expect(--opt ...): ...          the same, run with those options

Deterministic: run it again and the files are identical.  The logs are
checked in; this script documents how they were made.
"""
import os
import random
import sys

KiB, MiB, GiB, TiB = 1 << 10, 1 << 20, 1 << 30, 1 << 40
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

EFI_ATTRS = "|   |  |  |  |  |  |  |  |  |   |WB|WT|WC|UC]"
EFI_ATTRS_RT = "|RUN|  |  |  |  |  |  |  |  |   |WB|WT|WC|UC]"
EFI_ATTRS_SP = "|   |  |  |SP|  |  |  |  |  |   |WB|WT|WC|UC]"
EFI_ATTRS_HP = "|   |HP|  |  |  |  |  |  |  |  |   |WB|WT|WC|UC]"


class Machine:
    def __init__(self, name, note):
        self.name, self.note = name, note
        self.map = []        # (base, end_exclusive, e820 type text)
        self.efi = []        # (base, end_exclusive, efi type name, attrs)
        self.srat = []       # (node, pxm, base, end_exclusive, suffix)
        self.cmrs = []       # (base, end_exclusive)
        self.limits = None
        self.expects = []
        self.cmr_style = "virt/tdx: CMR: [0x%x, 0x%x)"
        self.extra = []      # extra log lines (noise)

    def e820(self, base, end, kind="usable"):
        self.map.append((base, end, kind))

    def node(self, node, base, end, pxm=None, suffix=""):
        self.srat.append((node, node if pxm is None else pxm, base, end, suffix))

    def cmr(self, base, end):
        self.cmrs.append((base, end))

    def expect(self, what, args=""):
        self.expects.append((args, what))


def low_memory(m, top=0x6f800000, cmr_low=True, holes=()):
    """The first 4 GiB of a typical Intel server: legacy area, firmware
    reserved ranges under 2 GiB, the 32-bit PCI hole up to 4 GiB.  holes
    are (base, end, e820 type, convertible): firmware-reserved DRAM is
    usually inside a CMR, other holes break the CMRs."""
    m.e820(0, 0x9f000)
    m.e820(0x9f000, 0x100000, "reserved")
    pos = cmr_pos = 0x100000
    for hb, he, kind, conv in sorted(holes):
        m.e820(pos, hb)
        m.e820(hb, he, kind)
        pos = he
        if not conv:
            if cmr_low:
                m.cmr(cmr_pos, hb)
            cmr_pos = he
    m.e820(pos, top - 0x1100000)
    m.e820(top - 0x1100000, top - 0x900000, "ACPI NVS")
    m.e820(top - 0x900000, top - 0x800000, "ACPI data")
    m.e820(top - 0x800000, top)
    m.e820(top, 0x90000000, "reserved")
    m.e820(0xfe000000, 0xfe011000, "reserved")
    m.e820(0xff000000, 0x100000000, "reserved")
    if cmr_low:
        m.cmr(cmr_pos, top)


def sockets(m, n, per_socket, low_top=0x6f800000, gap=0, holes=(),
            node_split=1, cmr_gap=0):
    """n sockets of per_socket bytes of DRAM each; socket 0 owns the low
    4 GiB; an optional MMIO gap follows each socket; each socket may be
    split into node_split sub-NUMA nodes (SNC)."""
    low_memory(m, low_top, holes=holes)
    pos = 4 * GiB
    ram0_low = 2 * GiB
    for s in range(n):
        size = per_socket - (ram0_low if s == 0 else 0)
        base = pos
        end = base + size
        m.e820(base, end)
        m.cmr(base, end - cmr_gap)
        sub = per_socket // node_split
        nb = 0 if s == 0 else base
        for k in range(node_split):
            ne = base + (k + 1) * sub - (ram0_low if s == 0 else 0)
            if k == node_split - 1:
                ne = end
            m.node(s * node_split + k, nb, ne)
            nb = ne
        pos = end
        if gap and s != n - 1:
            m.e820(pos, pos + gap, "reserved")
            pos += gap


def write(m, style="dmesg", efi_only=False, crlf=False, earlier=()):
    """earlier: machines booted before m, written first with journalctl
    '-- Boot <id> --' markers (a journal without -b); m is the last boot."""
    rnd = random.Random(m.name)
    lines = ["# name: " + m.name]
    lines += ["# " + l for l in m.note.strip().split("\n")]
    if m.limits:
        lines.append("# limits: " + m.limits)
    for args, what in m.expects:
        lines.append("# expect%s: %s" % ("(%s)" % args if args else "", what))
    for i, e in enumerate(list(earlier) + [None]):
        if earlier:
            lines.append("-- Boot %032x --" % (0x1000 + i))
        boot_lines(e or m, lines, rnd, style, efi_only)
    text = "\n".join(lines) + "\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    fname = m.name.split()[0] + ".log"
    with open(os.path.join(OUT, fname), "w", newline="") as f:
        f.write(text)
    write_truth(m, efi_only)


def boot_lines(m, lines, rnd, style, efi_only):
    t = [0.0]

    def emit(text):
        t[0] += rnd.random() * 0.00001
        if style == "dmesg":
            lines.append("[%12.6f] %s" % (t[0], text))
        elif style == "journal":
            lines.append("Nov 21 20:16:33 %s kernel: %s" % (m.name.split()[0], text))
        else:
            lines.append(text)

    emit("Linux version 6.8.0-1014-intel (buildd@lcy02-amd64-040) #14-Ubuntu SMP")
    emit("Command line: BOOT_IMAGE=/vmlinuz root=/dev/sda1 efi=debug kvm_intel.tdx=1")
    if not efi_only:
        emit("BIOS-provided physical RAM map:")
        for b, e, k in sorted(m.map):
            emit("BIOS-e820: [mem 0x%016x-0x%016x] %s" % (b, e - 1, k))
    for i, (b, e, k, a) in enumerate(m.efi):
        emit("efi: mem%02d: [%-12s%s range=[0x%016x-0x%016x] (%dMB)"
             % (i, k, a, b, e - 1, (e - b) >> 20))
    emit("ACPI: SRAT: PXM 0 -> APIC 0x00 -> Node 0")
    for node, pxm, b, e, suffix in m.srat:
        emit("ACPI: SRAT: Node %d PXM %d [mem %#010x-%#010x]%s" % (node, pxm, b, e - 1, suffix))
    for l in m.extra:
        emit(l)
    emit("virt/tdx: BIOS enabled: private KeyID range [32, 64)")
    for i, (b, e) in enumerate(m.cmrs):
        emit((m.cmr_style % (i, b, e)) if "%d" in m.cmr_style else (m.cmr_style % (b, e)))


def efi_from_map(m, rnd, fragment=0):
    """An efi=debug map matching the e820 map: RAM split into Conventional,
    Boot/Loader Code/Data pieces (busy now), reserved as Reserved/ACPI/MMIO."""
    kinds = {"usable": "Conventional", "reserved": "Reserved", "ACPI NVS": "ACPI Mem NVS",
             "ACPI data": "ACPI Reclaim", "soft reserved": "Conventional",
             "persistent (type 7)": "Persistent"}
    for b, e, k in sorted(m.map):
        name = kinds.get(k, "Reserved")
        attrs = EFI_ATTRS_SP if k == "soft reserved" else EFI_ATTRS
        if b >= 0xfe000000 and e <= 0x100000000:
            name, attrs = "MMIO", EFI_ATTRS_RT
        if name != "Conventional" or k == "soft reserved" or fragment == 0:
            m.efi.append((b, e, name, attrs))
            continue
        pos = b
        while pos < e:
            left = e - pos
            size = min(left, rnd.choice([4 * KiB, 64 * KiB, 2 * MiB, 16 * MiB, 64 * MiB])
                       if rnd.random() < fragment else left)
            size = max(size, 4 * KiB) if left >= 4 * KiB else left
            name = rnd.choice(["Boot Data", "Boot Code", "Loader Data", "Loader Code"]) \
                if size < left and rnd.random() < 0.5 else "Conventional"
            m.efi.append((pos, pos + size, name, EFI_ATTRS))
            pos += size


# ---- Ground truth -----------------------------------------------------------
# Beside each NAME.log, NAME.truth: what the log says about the machine it
# plans (the last boot), computed here from the machine itself, never by
# reading the log back, so the judge (tests/plan/judge_main.c) can check the
# product's parser as well as its planner.  The rules are
# docs/reference/planner-input.md §1.1-§1.6, implemented a second time:
#
#   limits max_tdmrs=N max_rsvd=N pamt_4k=N pamt_2m=N pamt_1g=N dpamt=0|1 dpamt_bits=N
#   ram BASE END free|busy     RAM to cover, [BASE, END), 4 KiB pages, >= 1 MiB
#   cmr BASE END               a CMR, [BASE, END), zero-size ones left out
#   node N BASE END            an SRAT range (clipped at 2^52), N the node id
#
# Everything not on a "ram" line is not RAM.

EFI_MEMORY_SP = 1 << 18   # UEFI 2.8+ §7.2 EFI_MEMORY_SP ("specific purpose")
PA_LIMIT = 1 << 52   # docs/reference/tdx-abi.md §6.2: 52-bit physical addresses
E820_RAM = ("usable",)
EFI_RAM_FREE = ("Conventional", "Conventional Memory")
EFI_RAM_BUSY = ("Boot Data", "Boot Code", "Loader Data", "Loader Code",
                "Boot Services Data", "Boot Services Code", "Loader Data", "Unaccepted")


def truth_entries(m, efi_only):
    """The map the parser must read, as (base, end, 'free'|'busy'|'other'):
    the e820 map when there is one (§1.2: e820 wins), else the EFI map."""
    if m.map and not efi_only:
        return [(b, e, "free" if k in E820_RAM else "other") for b, e, k in m.map]
    out = []
    for b, e, name, attrs in m.efi:
        sp = "SP" in attrs.split("|")
        if "attr=0x" in attrs:    # unknown bits set: the raw attribute word
            sp = bool(int(attrs.split("attr=")[1].rstrip("]"), 16) & EFI_MEMORY_SP)
        if sp:
            kind = "other"        # EFI_MEMORY_SP: soft reserved, never RAM
        elif name.startswith("type="):
            continue              # unknown type: skipped (§1.2)
        elif name in EFI_RAM_FREE:
            kind = "free"
        elif name in EFI_RAM_BUSY:
            kind = "busy"
        else:
            kind = "other"
        out.append((b, e, kind))
    return out


def truth_ram(entries):
    """§1.6: RAM entries minus any non-RAM entry, each run trimmed inward to
    4 KiB, below 1 MiB dropped; a page partly busy (or cut) is busy."""
    entries = [(b, min(e, PA_LIMIT), k) for b, e, k in entries if b < PA_LIMIT and e > b]
    points = sorted({p for b, e, _ in entries for p in (b, e)})
    pieces = []
    for lo, hi in zip(points, points[1:]):
        kinds = {k for b, e, k in entries if b <= lo and hi <= e}
        if not kinds or "other" in kinds:
            continue
        kind = "busy" if "busy" in kinds else "free"
        if pieces and pieces[-1][1] == lo and pieces[-1][2] == kind:
            pieces[-1][1] = hi
        else:
            pieces.append([lo, hi, kind])
    # runs of RAM, whatever the kind
    runs = []
    for lo, hi, _ in pieces:
        if runs and runs[-1][1] == lo:
            runs[-1][1] = hi
        else:
            runs.append([lo, hi])
    out = []
    for rlo, rhi in runs:
        rlo = max((rlo + 0xfff) & ~0xfff, MiB)
        rhi &= ~0xfff
        if rhi <= rlo:
            continue
        # pages: free only if the whole page is free
        page_free = []
        for lo, hi, kind in pieces:
            if kind == "free":
                lo, hi = max((lo + 0xfff) & ~0xfff, rlo), min(hi & ~0xfff, rhi)
                if lo < hi:
                    page_free.append((lo, hi))
        pos = rlo
        for lo, hi in page_free:
            if pos < lo:
                out.append((pos, lo, "busy"))
            out.append((lo, hi, "free"))
            pos = hi
        if pos < rhi:
            out.append((pos, rhi, "busy"))
    return out


def truth_limits(m):
    lim = {"max_tdmrs": 64, "max_rsvd": 16, "pamt_4k": 16, "pamt_2m": 16, "pamt_1g": 16,
           "dpamt": 0, "dpamt_bits": 1}
    for word in (m.limits or "").split():
        key, val = word.split("=")
        if key == "pamt_entry":
            lim["pamt_4k"] = lim["pamt_2m"] = lim["pamt_1g"] = int(val)
        else:
            lim[key] = int(val)
    return " ".join("%s=%d" % (k, lim[k]) for k in
                    ("max_tdmrs", "max_rsvd", "pamt_4k", "pamt_2m", "pamt_1g", "dpamt", "dpamt_bits"))


def write_truth(m, efi_only=False):
    lines = ["# ground truth of %s.log (tests/plan/gen_corpus.py), not read from the log"
             % m.name.split()[0], "limits " + truth_limits(m)]
    for b, e, kind in truth_ram(truth_entries(m, efi_only)):
        lines.append("ram %#x %#x %s" % (b, e, kind))
    for b, e in m.cmrs:
        if e > b:
            lines.append("cmr %#x %#x" % (b, e))
    for node, _, b, e, _ in m.srat:
        if b < PA_LIMIT:
            lines.append("node %d %#x %#x" % (node, b, min(e, PA_LIMIT)))
    with open(os.path.join(OUT, m.name.split()[0] + ".truth"), "w") as f:
        f.write("\n".join(lines) + "\n")


def machines():
    # 1. A one-socket server, 64 GiB, the common case.
    m = Machine("1s-64g", "One socket, 64 GiB, 32-bit PCI hole, firmware ranges below 2 GiB.")
    sockets(m, 1, 64 * GiB)
    m.expect("ok")
    yield m, {}

    # 2. Two-socket Sapphire Rapids, 512 GiB.
    m = Machine("2s-spr-512g", "Two sockets, 256 GiB each, two NUMA nodes.")
    sockets(m, 2, 256 * GiB)
    m.expect("ok")
    yield m, {"style": "journal"}

    # 3. Emerald Rapids style: many firmware holes below 2 GiB in the one
    # TDMR [0, 2 GiB) that Linux builds (its first RAM region crosses 1 GiB),
    # while the CMRs, which cover most firmware-reserved DRAM, break at
    # only a few of them.  Linux needs a reserved area per hole and fails;
    # a planner that leaves convertible holes unreserved does not.
    m = Machine("2s-emr-fragmented-low", """Emerald-Rapids-like low memory: 26 firmware holes below 2 GiB,
6 of them outside the CMRs (fragmented CMRs).  Linux: 'reserved areas
exhausted' (canonical/tdx #135, #415); needs the CMR-based layout.""")
    holes = []
    for i in range(26):
        b = 0x48000000 + i * 0x1400000
        holes.append((b, b + 0x100000 + (i % 4) * 0x1000,
                      "ACPI NVS" if i % 5 == 0 else "reserved", i % 4 != 1))
    low_memory(m, 0x7c000000, holes=holes)
    m.e820(4 * GiB, 258 * GiB)
    m.cmr(4 * GiB, 258 * GiB)
    m.e820(258 * GiB, 514 * GiB)
    m.cmr(258 * GiB, 514 * GiB)
    m.node(0, 0, 258 * GiB)
    m.node(1, 258 * GiB, 514 * GiB)
    m.expect("ok")
    yield m, {}

    # 3b. Holes outside CMRs on both sides of 1 GiB: 1 GiB TDMRs fit them.
    m = Machine("2s-holes-across-gib", """22 non-convertible holes below 2 GiB, 10 under 1 GiB and 12
above: each 1 GiB TDMR needs at most 13 reserved areas.""")
    holes = []
    for i in range(10):
        b = 0x4000000 + i * 0x3000000
        holes.append((b, b + 0x200000 + i * 0x1000, "reserved", False))
    for i in range(12):
        b = 0x40000000 + 0x1000000 + i * 0x2000000
        holes.append((b, b + 0x100000, "ACPI NVS" if i % 3 == 0 else "reserved", False))
    low_memory(m, 0x7c000000, holes=holes)
    m.e820(4 * GiB, 258 * GiB)
    m.cmr(4 * GiB, 258 * GiB)
    m.e820(258 * GiB, 514 * GiB)
    m.cmr(258 * GiB, 514 * GiB)
    m.node(0, 0, 258 * GiB)
    m.node(1, 258 * GiB, 514 * GiB)
    m.expect("ok")
    yield m, {}

    # 4. Too many non-convertible holes in one GiB: no TDMR layout helps.
    m = Machine("1s-holes-one-gib", """20 non-convertible holes inside the first GiB: more than 16
reserved areas in any TDMR that covers it.""")
    holes = []
    for i in range(20):
        b = 0x2000000 + i * 0x2000000
        holes.append((b, b + 0x10000, "reserved", False))
    low_memory(m, 0x6f800000, holes=holes)
    m.e820(4 * GiB, 64 * GiB)
    m.cmr(4 * GiB, 64 * GiB)
    m.expect("fail reserved areas exhausted")
    m.expect("ok", "--coalesce")   # gives up the RAM islands between holes
    yield m, {}

    # 5. Four sockets with a PCI MMIO window after each.
    m = Machine("4s-pci-holes-2t", "Four sockets, 512 GiB each, a 64 GiB MMIO window after each socket.")
    sockets(m, 4, 512 * GiB, gap=64 * GiB)
    m.expect("ok")
    yield m, {}

    # 6. Eight sockets, 16 TiB, EFI map only (no e820 lines), fragmented.
    m = Machine("8s-16t-efi", """Eight sockets, 2 TiB each, 16 TiB; only efi=debug lines (the e820
lines were cut from the log), the map fragmented by boot-services data.""")
    sockets(m, 8, 2 * TiB, gap=16 * GiB)
    efi_from_map(m, random.Random(6), fragment=0.99)
    m.expect("ok")
    yield m, {"efi_only": True}

    # 7. CXL: soft reserved, its own memoryless-for-TDX node, no CMR.
    m = Machine("2s-cxl-soft-reserved", """Two sockets plus a CXL type-3 memory expander: 256 GiB soft
reserved (EFI_MEMORY_SP) on node 2, hotplug range, not convertible.""")
    sockets(m, 2, 128 * GiB)
    top = 4 * GiB + 254 * GiB
    m.e820(top + 2 * GiB, top + 258 * GiB, "soft reserved")
    m.node(2, top + 2 * GiB, top + 1026 * GiB, pxm=4, suffix=" hotplug")
    m.expect("ok")
    yield m, {}

    # 8. Persistent memory between DRAM.
    m = Machine("2s-pmem", """Optane-style persistent memory: 512 GiB of pmem (type 7) per socket
after its DRAM, SRAT non-volatile ranges.""")
    low_memory(m)
    m.e820(4 * GiB, 130 * GiB)
    m.cmr(4 * GiB, 130 * GiB)
    m.e820(130 * GiB, 642 * GiB, "persistent (type 7)")
    m.e820(642 * GiB, 770 * GiB)
    m.cmr(642 * GiB, 770 * GiB)
    m.e820(770 * GiB, 1282 * GiB, "persistent (type 12)")
    m.node(0, 0, 130 * GiB)
    m.node(0, 130 * GiB, 642 * GiB, suffix=" non-volatile")
    m.node(1, 642 * GiB, 770 * GiB)
    m.node(1, 770 * GiB, 1282 * GiB, suffix=" non-volatile")
    m.expect("ok")
    yield m, {}

    # 9. Memoryless nodes (CPU-only sockets, e.g. DIMMs missing).
    m = Machine("4s-memoryless-nodes", """Four sockets, sockets 1 and 3 without DIMMs: SRAT lists nodes 1
and 3 with ranges that hold no RAM.""")
    low_memory(m)
    m.e820(4 * GiB, 258 * GiB)
    m.cmr(4 * GiB, 258 * GiB)
    m.e820(258 * GiB, 514 * GiB)
    m.cmr(258 * GiB, 514 * GiB)
    m.node(0, 0, 258 * GiB)
    m.node(1, 1024 * GiB, 1536 * GiB, suffix=" hotplug")
    m.node(2, 258 * GiB, 514 * GiB)
    m.node(3, 1536 * GiB, 2048 * GiB, suffix=" hotplug")
    m.expect("ok")
    yield m, {}

    # 10. Node boundaries not 1 GiB aligned.
    m = Machine("2s-unaligned-nodes", """Two nodes whose boundary is at 0x107a000000, not 1 GiB aligned;
one TDMR may span both nodes.""")
    low_memory(m)
    m.e820(4 * GiB, 0x207a000000)
    m.cmr(4 * GiB, 0x107a000000)
    m.cmr(0x107a000000, 0x207a000000)
    m.node(0, 0, 0x107a000000)
    m.node(1, 0x107a000000, 0x207a000000)
    m.expect("ok")
    yield m, {}

    # 11. RAM outside CMRs.
    m = Machine("2s-ram-outside-cmr", """4 GiB of RAM at the end of socket 1 is missing from the CMRs
(a BIOS that hides memory from TDX).  Linux fails; tdxboot can give it up.""")
    sockets(m, 2, 128 * GiB, cmr_gap=4 * GiB)
    m.expect("fail is not TDX convertible memory")
    m.expect("ok", "--noncmr=exclude")
    yield m, {}

    # 12. Dozens of nodes: 8 sockets, SNC-4: 32 nodes.
    m = Machine("8s-snc4-32-nodes", "Eight sockets in SNC-4 mode: 32 NUMA nodes, 4 TiB.")
    sockets(m, 8, 512 * GiB, node_split=4)
    m.expect("ok")
    yield m, {}

    # 13. More RAM islands than TDMRs.
    m = Machine("islands-few-tdmrs", """Nine RAM islands separated by 4 GiB MMIO gaps; a module allowing
only 2 TDMRs of 3 reserved areas each cannot cover them (a TDMR spanning
gaps needs a reserved area per gap).""")
    m.limits = "max_tdmrs=2 max_rsvd=3"
    low_memory(m)
    for i in range(8):
        b = (8 + 8 * i) * GiB
        m.e820(b, b + 4 * GiB)
        m.cmr(b, b + 4 * GiB)
        m.e820(b + 4 * GiB, b + 8 * GiB, "reserved")
    m.expect("fail TDMRs exhausted")
    m.expect("ok", "--max-tdmrs=16")
    yield m, {}

    # 14. A QEMU-sized guest-like box with one GiB.
    m = Machine("tiny-1g", "One GiB of RAM; QEMU-like map.")
    m.e820(0, 0x9fc00)
    m.e820(0x9fc00, 0xa0000, "reserved")
    m.e820(0xf0000, 0x100000, "reserved")
    m.e820(0x100000, 0x3ffdf000)
    m.e820(0x3ffdf000, 0x40000000, "reserved")
    m.e820(0xfeffc000, 0xff000000, "reserved")
    m.e820(0xfffc0000, 0x100000000, "reserved")
    m.cmr(0x100000, 0x3ffdf000)
    m.expect("ok")
    yield m, {"style": "plain"}

    # 15. The real 16-byte type 128 entry splitting a usable range, unaligned.
    m = Machine("1s-type128-split", """A 16-byte 'type 128' e820 entry splitting usable RAM: the page
around it is not RAM.""")
    low_memory(m)
    m.e820(4 * GiB, 0x107fff8480)
    m.e820(0x107fff8480, 0x107fff8490, "type 128")
    m.e820(0x107fff8490, 0x1080000000)
    m.cmr(4 * GiB, 0x1080000000)
    m.expect("ok")
    yield m, {}

    # 16. Dynamic PAMT, 1 TiB.
    m = Machine("2s-dpamt-1t", "Two sockets, 512 GiB each, a module with Dynamic PAMT.")
    m.limits = "max_tdmrs=64 max_rsvd=16 pamt_entry=16 dpamt=1"
    sockets(m, 2, 512 * GiB)
    m.expect("ok")
    yield m, {}

    # 17. Older out-of-tree kernel prints: "tdx: CMR[i]:".
    m = Machine("2s-old-cmr-print", "CMRs printed as 'tdx: CMR[i]:' (v3-v7 series), journal prefixes, CRLF.")
    m.cmr_style = "tdx: CMR[%d]: [0x%x, 0x%x)"
    sockets(m, 2, 64 * GiB)
    m.expect("ok")
    yield m, {"style": "journal", "crlf": True}

    # 18. A small module limit on reserved areas.
    m = Machine("1s-max-rsvd-4", "Six non-convertible holes in the first GiB, a module allowing 4 reserved areas.")
    m.limits = "max_rsvd=4"
    holes = [(0x8000000 * (i + 1), 0x8000000 * (i + 1) + 0x100000, "reserved", False)
             for i in range(6)]
    low_memory(m, holes=holes)
    m.e820(4 * GiB, 32 * GiB)
    m.cmr(4 * GiB, 32 * GiB)
    m.expect("fail reserved areas exhausted")
    m.expect("ok", "--coalesce")
    yield m, {}

    # 19. EFI-only, old kernel type names, HP column, attr=, unknown type.
    m = Machine("1s-efi-old-names", """efi=debug map only, printed by an older kernel ('Conventional
Memory'), with HP columns, an attr=0x... descriptor and an unknown type.""")
    lines = [
        (0, 0x1000, "Boot Code", EFI_ATTRS),
        (0x1000, 0x9f000, "Conventional Memory", EFI_ATTRS),
        (0x9f000, 0x100000, "Reserved", EFI_ATTRS),
        (0x100000, 0x800000, "Loader Code", EFI_ATTRS),
        (0x800000, 0x30000000, "Conventional Memory", EFI_ATTRS_HP),
        (0x30000000, 0x30100000, "Boot Data", EFI_ATTRS),
        (0x30100000, 0x5f000000, "Conventional Memory", "|attr=0x0000100000000008]"),
        (0x5f000000, 0x5f800000, "Runtime Data", EFI_ATTRS_RT),
        (0x5f800000, 0x60000000, "ACPI Memory NVS", EFI_ATTRS),
        (0x60000000, 0x60001000, "type=99", EFI_ATTRS),
        (0x60001000, 0x70000000, "Conventional Memory", EFI_ATTRS),
        (0xfe000000, 0xfe100000, "Memory Mapped I/O", EFI_ATTRS_RT),
        (0x100000000, 0x800000000, "Conventional Memory", EFI_ATTRS),
        (0x800000000, 0x840000000, "Conventional Memory", "|attr=0x0000000000040008]"),
    ]
    m.efi = lines
    m.cmr(0x100000, 0x70000000)
    m.cmr(0x100000000, 0x800000000)
    m.expect("ok")
    yield m, {"efi_only": True}

    # 20. Bad input: a mangled e820 line.
    m = Machine("bad-e820-line", "A BIOS-e820 line cut short by a copy and paste.")
    m.e820(0, 0x9f000)
    m.e820(0x100000, 0x80000000)
    m.extra.append("BIOS-e820: [mem 0x0000000100000000-0x00000008")
    m.cmr(0x100000, 0x80000000)
    m.expect("bad BIOS-e820 entry")
    yield m, {}

    # 21. Bad input: no memory map at all.
    m = Machine("bad-no-map", "Only CMR lines: the e820 part of the log is missing.")
    m.cmr(0x100000, 0x80000000)
    m.expect("bad no memory map")
    yield m, {}

    # 22. Both e820 and EFI lines; e820 wins, EFI fragmented.
    m = Machine("2s-e820-and-efi", "Both e820 and efi=debug lines: they describe the same memory.")
    sockets(m, 2, 96 * GiB)
    efi_from_map(m, random.Random(22), fragment=0.9)
    m.expect("ok")
    yield m, {}

    # 23. RAM outside CMRs at low memory plus CXL; exclude policy.
    m = Machine("1s-lowmem-not-cmr", """The CMRs start at 16 MiB: RAM between 1 MiB and 16 MiB is not
convertible.""")
    low_memory(m, cmr_low=False)
    m.cmr(0x1000000, 0x6f800000)
    m.e820(4 * GiB, 68 * GiB)
    m.cmr(4 * GiB, 68 * GiB)
    m.expect("fail is not TDX convertible memory")
    m.expect("ok", "--noncmr=exclude")
    yield m, {}

    # 24. Six sockets, uneven DIMM population and 3 TiB.
    m = Machine("6s-uneven", "Six sockets with 256 GiB, 768 GiB and 512 GiB per socket.")
    low_memory(m)
    pos, node = 4 * GiB, 0
    for size in (256, 768, 512, 256, 768, 512):
        end = pos + size * GiB - (2 * GiB if node == 0 else 0)
        m.e820(pos, end)
        m.cmr(pos, end)
        m.node(node, 0 if node == 0 else pos, end)
        pos, node = end, node + 1
    m.expect("ok")
    yield m, {}


def machines_issue15():
    # 27. Lines that cannot change the plan: never a refusal (issue 15).
    m = Machine("2s-beyond-limits", """Hot-pluggable SRAT ranges that cross 2^52 and lie beyond it, a
usable e820 range above 2^52 (firmware bug), node ids 100 and 101 with RAM
and node 2000 without RAM.  Linux prints them and goes on; so does the
tool, with a warning naming each line.""")
    sockets(m, 2, 128 * GiB)
    m.srat = [(100 + n, p, b, e, s) for n, p, b, e, s in m.srat]
    m.node(2000, 0xf000000000000, 0x10000000000000 + 64 * GiB, 4000, " hotplug")
    m.node(2001, 0x20000000000000, 0x20001000000000, 4001, " hotplug")
    m.e820(0x10000000000000, 0x10000000000000 + 4 * GiB)
    m.expect("ok")
    yield m, {}

    # 28. A journal of three boots: the last is planned by default.
    first = Machine("1s-before-upgrade", "")
    low_memory(first, cmr_low=False)
    first.cmr(0x1000000, 0x6f800000)
    first.e820(4 * GiB, 68 * GiB)
    first.cmr(4 * GiB, 68 * GiB)
    m = Machine("2s-three-boots", """journalctl -k without -b: three boots.  The first two had 64 GiB
and RAM outside the CMRs; the last has two sockets of 256 GiB.  The tool
plans the last boot and says so; --boot=1 plans the first.""")
    sockets(m, 2, 256 * GiB)
    m.expect("ok")
    m.expect("fail is not TDX convertible memory", "--boot=1")
    m.expect("fail is not TDX convertible memory", "--boot=-1")
    m.expect("bad the log holds 3 boots", "--boot=4")
    yield m, {"style": "journal", "earlier": (first, first)}


def machines_large():
    # 25. 16 TiB, dozens of nodes, node boundaries off the GiB grid.
    m = Machine("8s-16t-snc6-48-nodes", """Eight sockets of 2 TiB in SNC-6 mode: 48 NUMA nodes of 341.3 GiB,
so most node boundaries are not 1 GiB aligned; an MMIO window after
each socket.""")
    sockets(m, 8, 2 * TiB, gap=32 * GiB, node_split=6)
    m.expect("ok")
    m.expect("ok", "--max-rsvd=4")
    yield m, {"style": "journal"}

    # 26. 64 nodes: the SVG must stay readable (issue 15).
    m = Machine("8s-snc8-64-nodes", """Eight sockets of 1028 GiB in SNC-8 mode: 64 NUMA nodes of 128.5 GiB,
so every other node boundary is half-way through a GiB; an MMIO window
after each socket.""")
    sockets(m, 8, 1028 * GiB, gap=32 * GiB, node_split=8)
    m.expect("ok")
    yield m, {}


def machines_hand_written():
    """Logs checked in by hand (found by plan-prop or fuzzing): only their
    truth is written here, from the same entries as the log."""
    m = Machine("regress-cmr-hole-near-pamts", "")
    m.efi = [(0xe036e7000, 0xe04cc8000, "Conventional", EFI_ATTRS),
             (0xe0276e000, 0xe036e7000, "Conventional", EFI_ATTRS),
             (0x600369000, 0x602761000, "Conventional", EFI_ATTRS),
             (0xdeae9000, 0x600369000, "Boot Data", EFI_ATTRS),
             (0x1109000, 0x63c2000, "Conventional", EFI_ATTRS)]
    m.cmr(0x1109000, 0x63c2000)
    m.cmr(0xdeae9000, 0x602761000)
    m.cmr(0xe0276e000, 0xe04cc8000)
    yield m


def main():
    os.makedirs(OUT, exist_ok=True)
    n = 0
    for m, opts in list(machines()) + list(machines_issue15()) + list(machines_large()):
        write(m, **opts)
        n += 1
    for m in machines_hand_written():
        write_truth(m, efi_only=True)
    print("wrote %d logs to %s" % (n, OUT))


if __name__ == "__main__":
    sys.exit(main())
