#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""tdxboot-inspect --prometheus against the text format's rules and the table.

Format: every output is parsed by prometheus_client's
text_string_to_metric_families (Debian's python3-prometheus-client), and
checked for what node_exporter's textfile collector (Go expfmt.TextParser,
then the registry's consistency check) rejects and that parser lets through:
a second HELP or TYPE line for a name, TYPE after the family's samples, a
family split in two, a series written twice, bad metric or label names.

Content: the values are compared with the --json report of the same table
(another file of the tool, json.c), which tests/handoff/inspect.sh checks
against the fixture's known figures.

    tests/handoff/prometheus.py build/tdxboot-inspect build/host/handoff-mktable
    tests/handoff/prometheus.py --check FILE      (the format rules only)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from prometheus_client.parser import text_string_to_metric_families

NAME = re.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
LABEL = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
passed = failed = 0


def result(name, good, detail=""):
    global passed, failed
    if good:
        passed += 1
        print(f"ok - {name}")
    else:
        failed += 1
        print(f"FAIL - {name}{': ' + detail if detail else ''}")


def strict_problems(text):
    """What expfmt and the gatherer reject; [] when the text is acceptable."""
    problems = []
    help_seen, type_seen, sampled, closed = set(), set(), set(), set()
    current = None
    if not text.endswith("\n"):
        problems.append("no newline at the end")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = re.match(r"^# (HELP|TYPE) (\S+)(?: (.*))?$", line)
        if m:
            kind, name = m.group(1), m.group(2)
            if not NAME.match(name):
                problems.append(f"line {n}: bad metric name {name}")
            seen = help_seen if kind == "HELP" else type_seen
            if name in seen:
                problems.append(f"line {n}: second {kind} line for {name}")
            seen.add(name)
            if kind == "TYPE" and name in sampled:
                problems.append(f"line {n}: TYPE for {name} after its samples")
            if kind == "TYPE" and m.group(3) not in ("gauge", "counter", "untyped",
                                                      "summary", "histogram"):
                problems.append(f"line {n}: unknown type {m.group(3)}")
            continue
        if line.startswith("#"):
            continue
        name = re.match(r"^[^{ ]+", line).group(0)
        if name != current:
            if name in closed:
                problems.append(f"line {n}: {name} appears in two groups")
            if current:
                closed.add(current)
            current = name
        sampled.add(name)
        if name not in type_seen or name not in help_seen:
            problems.append(f"line {n}: {name} has no HELP and TYPE before it")
    series = set()
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            for label in s.labels:
                if not LABEL.match(label):
                    problems.append(f"{s.name}: bad label name {label}")
            key = (s.name, tuple(sorted(s.labels.items())))
            if key in series:
                problems.append(f"{s.name}{s.labels}: written twice")
            series.add(key)
    return problems


def inspect(tool, *args):
    p = subprocess.run([tool, *args], capture_output=True, text=True)
    return p.returncode, p.stdout


def samples(text):
    out = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            out.setdefault(s.name, []).append((s.labels, s.value))
    return out


def one(metrics, name):
    vals = metrics.get(name, [])
    return vals[0] if len(vals) == 1 else (None, None)


def check_table(tool, path, name):
    rc, text = inspect(tool, "--prometheus", "--file", path)
    jrc, js = inspect(tool, "--json", "--file", path)
    result(f"{name}: same exit code as --json ({jrc})", rc == jrc, f"{rc}")
    try:
        problems = strict_problems(text)
    except ValueError as e:
        problems = [f"parser: {e}"]
    result(f"{name}: strict text format", not problems, "; ".join(problems))
    if problems:
        return
    m, j = samples(text), json.loads(js)
    st = j["status"]
    labels, val = one(m, "tdxboot_table_valid")
    result(f"{name}: table valid", val == 1 and labels.get("version") == j["version"])
    result(f"{name}: module ready = {j['ready']}",
           one(m, "tdxboot_module_ready")[1] == (1 if j["ready"] else 0))
    labels, val = one(m, "tdxboot_status")
    result(f"{name}: status outcome and step",
           val == 1 and labels.get("outcome") == st["outcome"] and labels.get("step") == st["step"],
           str(labels))
    if st["outcome"] != "success":
        labels, val = one(m, "tdxboot_failure_info")
        want_lp = "" if st["lp_index"] is None else str(st["lp_index"])
        good = (val == 1 and labels.get("step") == st["step"]
                and int(labels.get("seamcall_status", "x"), 16) == int(st["seamcall_status"], 16)
                and labels.get("seamcall_status_name") == st["seamcall_status_name"]
                and labels.get("lp") == want_lp and labels.get("message") == st["message"])
        result(f"{name}: failure step, status, LP, message", good, str(labels))
    else:
        result(f"{name}: no failure series", "tdxboot_failure_info" not in m)
    result(f"{name}: TDMR count", one(m, "tdxboot_tdmrs")[1] == len(j["tdmrs"]))
    if "memory" in j:
        result(f"{name}: PAMT bytes",
               one(m, "tdxboot_pamt_bytes")[1] == j["memory"]["pamt_bytes"])
    mod = j.get("module", {})
    if mod.get("valid"):
        labels, _ = one(m, "tdxboot_module_info")
        want = "%u.%u.%02u.%02u" % (mod["major_version"], mod["minor_version"],
                                    mod["update_version"], mod["internal_version"])
        result(f"{name}: module version {want}", labels and labels.get("version") == want)
    phases = {t["phase"]: t["usec"] / 1e6 for t in j["timings"] if t["phase"] != "total"}
    got = {lab["phase"]: v for lab, v in m.get("tdxboot_phase_seconds", [])}
    result(f"{name}: {len(phases)} phase timings", got == phases, f"{got} vs {phases}")
    total = [t["usec"] / 1e6 for t in j["timings"] if t["phase"] == "total"]
    if total:
        result(f"{name}: total init time", one(m, "tdxboot_init_seconds")[1] == total[0])


def check_file(path):
    """--check FILE: only the format rules, for metrics a real boot wrote."""
    with open(path) as f:
        text = f.read()
    try:
        problems = strict_problems(text)
    except ValueError as e:
        problems = [f"parser: {e}"]
    for p in problems:
        print(f"{path}: {p}")
    n = sum(len(fam.samples) for fam in text_string_to_metric_families(text)) if not problems else 0
    print(f"{path}: {'ok' if not problems else 'REFUSED'}, {n} samples")
    return 1 if problems or n == 0 else 0


def main():
    if sys.argv[1] == "--check":
        return check_file(sys.argv[2])
    tool, mktable = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([mktable, d], check=True, stdout=subprocess.DEVNULL)
        for t in ("ready", "failed", "skipped"):
            check_table(tool, os.path.join(d, t + ".bin"), t)
        for t, path in (("corrupt", os.path.join(d, "corrupt.bin")),
                        ("missing", os.path.join(d, "nope.bin"))):
            rc, text = inspect(tool, "--prometheus", "--file", path)
            problems = strict_problems(text)
            m = samples(text) if not problems else {}
            result(f"{t}: exit 2, strict format, tdxboot_table_valid 0",
                   rc == 2 and not problems and one(m, "tdxboot_table_valid")[1] == 0,
                   "; ".join(problems))
    # The checker itself: each thing node_exporter refuses is refused here.
    bad = {
        "second TYPE": "# HELP a x\n# TYPE a gauge\na 1\n# TYPE a gauge\n",
        "split family": "# HELP a x\n# TYPE a gauge\na{x=\"1\"} 1\n# HELP b x\n"
                        "# TYPE b gauge\nb 1\na{x=\"2\"} 1\n",
        "duplicate series": "# HELP a x\n# TYPE a gauge\na{x=\"1\"} 1\na{x=\"1\"} 2\n",
        "no TYPE": "a 1\n",
    }
    for what, text in bad.items():
        try:
            refused = bool(strict_problems(text))
        except ValueError:
            refused = True
        result(f"checker refuses: {what}", refused)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
