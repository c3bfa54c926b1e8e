#!/usr/bin/env python3
"""check-figures.py [--write] -- figures in docs/ that a cheap command prints
are kept equal to that command's output.

A figure block in a doc is a fenced code block preceded (within the three
lines before it) by a marker comment

    <!-- figure: COMMAND -->

COMMAND is run from the tree's root with sh; its standard output must equal
the block's text.  Without --write a difference fails (make check, with the
command to run); with --write the blocks are replaced (make figures).  Only
cheap, deterministic commands belong here: timings stay in make bench.
"""
import glob
import re
import subprocess
import sys

MARK = re.compile(r"<!-- figure: (.+?) -->")


def main():
    write = "--write" in sys.argv[1:]
    stale = 0
    count = 0
    for doc in sorted(glob.glob("docs/**/*.md", recursive=True)):
        lines = open(doc, encoding="utf-8").read().split("\n")
        out, i, changed = [], 0, False
        cmd = None
        while i < len(lines):
            line = lines[i]
            m = MARK.search(line)
            if m:
                cmd, since = m.group(1), 0
            if line.startswith("```") and cmd is not None and since <= 3:
                end = lines.index("```", i + 1)
                have = "\n".join(lines[i + 1:end])
                res = subprocess.run(["sh", "-c", cmd], capture_output=True, text=True)
                if res.returncode != 0:
                    print(f"{doc}: figure command failed: {cmd}\n{res.stderr}")
                    sys.exit(1)
                want = res.stdout.rstrip("\n")
                count += 1
                if have != want:
                    if write:
                        changed = True
                    else:
                        print(f"{doc}:{i + 1}: figure differs from `{cmd}` (run make figures)")
                        stale += 1
                out.append(line)
                out.extend(want.split("\n"))
                out.append("```")
                i, cmd = end + 1, None
                continue
            if cmd is not None:
                since += 1
            out.append(line)
            i += 1
        if changed:
            open(doc, "w", encoding="utf-8").write("\n".join(out))
            print(f"check-figures: updated {doc}")
    if stale:
        sys.exit(1)
    print(f"check-figures: {count} figure block(s) in docs/ match their commands")


if __name__ == "__main__":
    main()
