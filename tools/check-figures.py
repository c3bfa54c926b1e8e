#!/usr/bin/env python3
"""check-figures.py [--write] -- every figure in docs/ and README.md names
the make target that prints it.

Two kinds of figure:

1. Cheap, deterministic ones (sizes, counts a command prints) live in a
   figure block: a fenced code block preceded (within the three lines before
   it) by a marker comment

       <!-- figure: make TARGET | COMMAND -->

   TARGET is the make target that prints the figure; COMMAND is run from the
   tree's root with sh and its standard output must equal the block's text.
   Without --write a difference fails (make check, with the command to run);
   with --write the blocks are replaced (make figures).

2. Measurements that cannot be re-run cheaply (QEMU boot times, build times,
   benchmark medians) are preceded, in the same section, by a sentence

       Measured with `make TARGET` at commit HASH on YYYY-MM-DD

   which covers every line after it up to the next heading.  The check
   requires that TARGET is a target of the Makefile, that HASH is a commit
   of this repository and that the date is a date.

Every line outside code (fenced blocks and `inline code`) that holds a
timing (a number with ms, s, min, seconds, minutes), an instruction count
or a ratio must be covered by one of the two, or carry the comment
<!-- not measured --> when the number is a rule or a setting rather than a
measurement (a 30 s watchdog, a 20 ms stall).  docs/reference/ holds facts
from sources, not figures, and is not scanned.
"""
import datetime
import glob
import re
import subprocess
import sys

MARK = re.compile(r"<!-- figure: make ([\w.-]+) \| (.+?) -->")
MEASURED = re.compile(r"[Mm]easured with `make ([\w.-]+)[^`]*`\s+at\s+commit\s+([0-9a-f]{7,40})"
                      r"\s+on\s+(\d{4}-\d{2}-\d{2})")
FIGURE = re.compile(r"(?<![\w.])\d[\d.,]*(?:[–-]\d[\d.,]*)?\s?(?:ms|s|min|µs|seconds?|minutes?)\b"
                    r"|\d[\d.,]*\s?[kM]? instructions\b|\bratios?\b.*\d\.\d")
AT_COMMIT = re.compile(r"at commit ([0-9a-f]{7,40}) on \d{4}-\d{2}-\d{2}")
NOT_MEASURED = "<!-- not measured -->"


def make_targets():
    res = subprocess.run(["make", "-pRrq", "-f", "Makefile", ":"], capture_output=True,
                         text=True)
    return set(re.findall(r"^([a-z][\w.-]*):", res.stdout, re.M))


def commit_exists(rev):
    return subprocess.run(["git", "cat-file", "-e", rev + "^{commit}"],
                          capture_output=True).returncode == 0


def check_measured(doc, lines, targets):
    """Problems with the measured figures of one document."""
    problems = []
    covered, fenced = False, False
    for n, line in enumerate(lines, 1):
        if line.startswith("```"):
            fenced = not fenced
            continue
        if fenced:
            continue
        if line.startswith("#"):
            covered = False
        # A sentence may wrap: look at this line joined with the next.
        joined = line + " " + (lines[n].strip() if n < len(lines) else "")
        for m in MEASURED.finditer(joined):
            if m.start() >= len(line):
                continue
            target, rev, date = m.groups()
            covered = True
            if target not in targets:
                problems.append(f"{doc}:{n}: `make {target}` is not a target of the Makefile")
            if not commit_exists(rev):
                problems.append(f"{doc}:{n}: commit {rev} is not in this repository")
            try:
                datetime.date.fromisoformat(date)
            except ValueError:
                problems.append(f"{doc}:{n}: {date} is not a date")
        # Every "at commit HASH on DATE", a table row's own included, must resolve.
        for m in AT_COMMIT.finditer(line):
            if not commit_exists(m.group(1)):
                problems.append(f"{doc}:{n}: commit {m.group(1)} is not in this repository")
        text = re.sub(r"`[^`]*`", "", line)
        if covered or NOT_MEASURED in line or not FIGURE.search(text):
            continue
        problems.append(f"{doc}:{n}: a measured figure without its source; say "
                        f"'Measured with `make TARGET` at commit HASH on DATE' before it, "
                        f"print it in a figure block, or mark a setting {NOT_MEASURED}: "
                        f"{line.strip()[:80]}")
    return problems


def main():
    write = "--write" in sys.argv[1:]
    stale = 0
    count = 0
    targets = make_targets()
    problems = []
    docs = [d for d in sorted(glob.glob("docs/**/*.md", recursive=True))
            if not d.startswith("docs/reference/")] + ["README.md"]
    for doc in docs:
        lines = open(doc, encoding="utf-8").read().split("\n")
        problems += check_measured(doc, lines, targets)
        out, i, changed = [], 0, False
        cmd = None
        while i < len(lines):
            line = lines[i]
            m = MARK.match(line.strip())
            if m:
                if m.group(1) not in targets:
                    problems.append(f"{doc}:{i + 1}: `make {m.group(1)}` is not a target "
                                    f"of the Makefile")
                cmd, since = m.group(2), 0
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
    for p in dict.fromkeys(problems):
        print(p)
    if stale or problems:
        sys.exit(1)
    print(f"check-figures: {count} figure block(s) match their commands; every measured "
          f"figure names its make target, commit and date")


if __name__ == "__main__":
    main()
