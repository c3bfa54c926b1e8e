#!/usr/bin/env python3
"""check-refs.py [ROOT] -- every citation of the project's reference resolves.

The reference lives in docs/reference/ (the files tdx-abi, toolchain,
planner-input, landscape and platform-rules, all .md).  A citation is the
file's path followed by section numbers: `docs/reference/tdx-abi.md §6.2`,
`docs/reference/tdx-abi.md §3, §4`, `docs/reference/tdx-abi.md §4-§5`.
Every tracked file of the tree (code, tests, docs, Makefiles, scripts,
patches) is read; a citation must

  * name docs/reference/FILE, not ../shared/reference/FILE or a bare FILE
    (inside docs/reference/ itself a bare sibling name is fine),
  * name a file that exists there,
  * name sections that exist in it: a heading "## N." / "### N.M" (the
    number is the heading's first word).

Prints every bad citation as FILE:LINE: message and exits 1 if there is one;
otherwise prints how many citations it checked.
"""
import os
import re
import subprocess
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "."
REF_DIR = "docs/reference"
NAMES = r"(?:tdx-abi|toolchain|planner-input|landscape|platform-rules)"
# A reference file name with what may precede it (a path), then an optional
# closing backtick/quote and a list of sections.
CITE = re.compile(
    r"(?P<prefix>[\w./-]*?)(?P<name>" + NAMES + r"|[\w-]+)\.md`?"
    r"(?P<secs>(?:\s*(?:,|and|&|-|–|/)?\s*§\s?\d+(?:\.\d+)*)*)")
HEADING = re.compile(r"^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s")
SEC = re.compile(r"§\s?(\d+(?:\.\d+)*)")


def tree_files():
    out = subprocess.run(["git", "-C", ROOT, "ls-files", "-co", "--exclude-standard"],
                         check=True, capture_output=True, text=True).stdout
    return [f for f in out.splitlines() if not f.startswith("build/")]


def sections_of(path):
    secs = set()
    in_code = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("```"):
                in_code = not in_code
                continue
            m = None if in_code else HEADING.match(line)
            if m:
                secs.add(m.group(1))
    return secs


def main():
    ref_files = {}
    ref_path = os.path.join(ROOT, REF_DIR)
    for name in sorted(os.listdir(ref_path)) if os.path.isdir(ref_path) else []:
        if name.endswith(".md"):
            ref_files[name[:-3]] = sections_of(os.path.join(ref_path, name))
    known = re.compile(NAMES + r"$")
    errors = 0
    checked = 0
    for rel in tree_files():
        path = os.path.join(ROOT, rel)
        if not os.path.isfile(path):
            continue
        try:
            text = open(path, encoding="utf-8").read()
        except UnicodeDecodeError:
            continue
        in_ref = rel.startswith(REF_DIR + "/")
        for lineno, line in enumerate(text.splitlines(), 1):
            for m in CITE.finditer(line):
                name, prefix = m.group("name"), m.group("prefix")
                is_ref = prefix.endswith(REF_DIR + "/") or prefix.endswith("shared/reference/")
                if not is_ref and not (known.match(name) and (prefix == "" or prefix.endswith("/"))):
                    continue
                if not is_ref and prefix.endswith("/"):
                    continue  # some other directory's file of that name
                where = f"{rel}:{lineno}"
                checked += 1
                if "shared/reference/" in prefix:
                    print(f"{where}: cites {prefix}{name}.md outside the tree; "
                          f"cite {REF_DIR}/{name}.md")
                    errors += 1
                    continue
                if not prefix and not in_ref:
                    print(f"{where}: bare citation {name}.md; cite {REF_DIR}/{name}.md")
                    errors += 1
                    continue
                if name not in ref_files:
                    print(f"{where}: {REF_DIR}/{name}.md does not exist")
                    errors += 1
                    continue
                for sec in SEC.findall(m.group("secs")):
                    if sec not in ref_files[name]:
                        print(f"{where}: {REF_DIR}/{name}.md has no section §{sec}")
                        errors += 1
    if errors:
        print(f"check-refs: {errors} bad citation(s) of {REF_DIR}/ out of {checked}")
        sys.exit(1)
    print(f"check-refs: {checked} citations of {REF_DIR}/ resolve "
          f"({len(ref_files)} reference files)")


if __name__ == "__main__":
    main()
