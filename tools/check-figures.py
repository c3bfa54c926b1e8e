#!/usr/bin/env python3
"""check-figures.py [--write] [DOC...] -- every figure in docs/ and README.md names
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
timing (a number with ms, s, min, seconds, minutes), an instruction count,
a ratio, or a count or size (KB, KiB, MB, MiB, GB, bytes, px, tables, cases,
mutants, passed, killed, boots, pairs, runs, executions, entries, calls;
or any number in a row of a table whose header has such a column)
must be covered by one of the two, or carry the comment <!-- not measured -->
when the number is a rule, a limit, a layout size or a setting rather than a
measurement (a 30 s watchdog, a 20 ms stall, a 2048-byte SIGSTRUCT).  A line
whose counts are all numbers that a figure block of the same document prints
is covered by that block, so the prose goes stale, and fails, when the
command's output changes.  docs/reference/ holds facts from sources, not
figures, and is not scanned.  DOC arguments replace the default list
(docs/*.md but docs/reference/, and README.md); tests/figures/ uses them.
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
# A count or size a command printed: a number (digit groups may be split by
# commas or spaces: 126,363 / 58 518), an optional name in capitals (16,459
# VMXON/VMXOFF pairs, 4,193,792 TDMR.INIT calls), then the unit or the thing
# counted; or "40 of 44 killed".  GiB and TiB are left out on purpose: in these
# docs they describe the machine a figure was measured on (4 GiB, 16 TiB), an
# input, while the outputs (PAMT, state, binary sizes) are in KB, KiB, MB, MiB.
COUNT = re.compile(r"(?<![\w.#])\d(?:[,.\s]?\d)*\s*(?:[A-Z][\w./-]*\s+)?"
                   r"(?:KB|KiB|MB|MiB|GB|bytes|px|tables|cases|mutants|passed|killed"
                   r"|boots|pairs|runs|executions|entries|calls)\b"
                   r"|\b\d+ of \d+ (?:killed|passed|failed)\b")
# A table whose header names a count ("| target | executions | per second |")
# holds figures in its rows even where a cell is a bare number.
COUNT_HEADER = re.compile(r"\|\s*(?:KB|KiB|MB|MiB|GB|bytes|px|tables|cases|mutants|passed"
                          r"|killed|boots|pairs|runs|executions|entries|calls)\s*\|")
AT_COMMIT = re.compile(r"at commit ([0-9a-f]{7,40}) on \d{4}-\d{2}-\d{2}")
NOT_MEASURED = "<!-- not measured -->"


def make_targets():
    res = subprocess.run(["make", "-pRrq", "-f", "Makefile", ":"], capture_output=True,
                         text=True)
    return set(re.findall(r"^([a-z][\w.-]*):", res.stdout, re.M))


def commit_exists(rev):
    return subprocess.run(["git", "cat-file", "-e", rev + "^{commit}"],
                          capture_output=True).returncode == 0


def number_of(text):
    """A number as digits, its group separators (commas, spaces) dropped."""
    return re.sub(r"[,\s]", "", text)


def block_numbers(lines):
    """The numbers printed in the figure blocks of one document."""
    numbers, cmd, since, fenced = set(), None, 0, False
    for line in lines:
        if MARK.match(line.strip()):
            cmd, since = True, 0
            continue
        if line.startswith("```"):
            fenced = not fenced and cmd is not None and since <= 3
            cmd = None
            continue
        if fenced:
            numbers.update(number_of(n) for n in re.findall(r"\d[\d,]*\d|\d", line))
        since += 1
    return numbers


def counts_printed(text, numbers):
    """True when every count or size in text is a number a figure block prints."""
    found = [number_of(n) for m in COUNT.finditer(text)
             for n in re.findall(r"\d(?:[,.\s]?\d)*", m.group(0))]
    return bool(found) and all(n in numbers for n in found)


def check_measured(doc, lines, targets):
    """Problems with the measured figures of one document."""
    problems = []
    printed = block_numbers(lines)
    covered, fenced, counted_table = False, False, None
    for n, line in enumerate(lines, 1):
        # The header of a table is its first row: does it name a count?
        if not line.startswith("|"):
            counted_table = None
        elif counted_table is None:
            counted_table = bool(COUNT_HEADER.search(line))
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
        row_count = (counted_table and not re.match(r"\|[\s:|-]*$", line)
                     and not COUNT_HEADER.search(line) and re.search(r"\|\s*\d", text))
        if covered or NOT_MEASURED in line or not (FIGURE.search(text) or row_count
                                                         or COUNT.search(text)):
            continue
        # A count a figure block of this document prints is covered by it: when
        # the command's output changes, make figures rewrites the block and the
        # prose's old number is flagged here until it is changed too.
        if not FIGURE.search(text) and not row_count and counts_printed(text, printed):
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
    docs = [a for a in sys.argv[1:] if not a.startswith("--")]
    if not docs:
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
