"""Benchmark of the ``name`` rule on names the term base has never seen (issue 12).

    python bench/bench_names.py [--check] [--show]

Reads tests/data/names_cases.tsv (Chinese source, English translation, expected ok|error),
writes the cases to a temporary TSV draft and lints it once through the stable CLI
(``glossary lint DRAFT --rules name --format json``), mapping findings back by line;
``--check`` runs ``glossary check --source ZH --target EN --rules name --format json`` case by
case instead (slower, same figures unless lint and check disagree). Prints caught errors,
warnings only, missed, false alarms and accuracy, overall and by kind. Measurements, not a test.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _cli import ROOT, glossary, json_out, ratio, read_tsv, table  # noqa: E402

CASES = ROOT / "tests" / "data" / "names_cases.tsv"


def findings_by_lint(cases):
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "names_draft.tsv"
        with open(draft, "w", encoding="utf-8", newline="\n") as f:
            f.write("zh\ten\n")
            for c in cases:
                f.write(f"{c['zh']}\t{c['en']}\n")
        proc = glossary("lint", str(draft), "--rules", "name", "--format", "json",
                        "--fail-on", "never", "--no-ignore-file")
        found = json_out(proc)
        if found is None:
            sys.exit(f"lint printed no JSON (exit {proc.returncode}): {proc.stderr.strip()[:500]}")
    out = defaultdict(list)
    for f in found:
        line = f.get("line")
        if isinstance(line, int) and line >= 2:
            out[line - 2].append(f)
    return [out[i] for i in range(len(cases))]


def findings_by_check(cases):
    res = []
    for c in cases:
        proc = glossary("check", "--source", c["zh"], "--target", c["en"], "--rules", "name",
                        "--format", "json", "--fail-on", "never")
        found = json_out(proc)
        if found is None:
            sys.exit(f"check printed no JSON (exit {proc.returncode}): {proc.stderr.strip()[:500]}")
        res.append([f for f in found if f.get("rule", "name") == "name"])
    return res


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="one `glossary check` per case instead of one lint")
    ap.add_argument("--show", action="store_true", help="list every miss and false alarm")
    args = ap.parse_args()
    cases = read_tsv(CASES)
    t0 = time.perf_counter()
    found = (findings_by_check if args.check else findings_by_lint)(cases)
    elapsed = time.perf_counter() - t0

    by_kind = defaultdict(lambda: defaultdict(int))
    tot = defaultdict(int)
    notes = []
    for c, fs in zip(cases, found, strict=True):
        errors = [f for f in fs if f.get("severity") == "error" and f.get("rule", "name") == "name"]
        kind = c["kind"]
        k = by_kind[kind]
        k["n"] += 1
        if c["expected"] == "error":
            tot["err_n"] += 1
            if errors:
                outcome = "caught"
                names = [f for f in errors if f.get("source_term") == c["name_zh"]]
                if names:
                    tot["names_person"] += 1
                if any(e.get("text") == c["name_correct"] for f in names for e in f.get("expected") or []):
                    tot["right_form"] += 1
                if len(fs) == 1:
                    tot["single"] += 1
            elif fs:
                outcome = "warning-only"
            else:
                outcome = "missed"
            k[outcome] += 1
            tot[outcome] += 1
            good = outcome == "caught"
        else:
            tot["ok_n"] += 1
            if errors:
                outcome = "false-alarm-error"
            elif fs:
                outcome = "false-alarm-warning"
            else:
                outcome = "clean"
            k[outcome] += 1
            tot[outcome] += 1
            good = outcome == "clean"
        k["right"] += good
        tot["right"] += good
        if not good:
            notes.append((c["id"], kind, outcome, c["name_zh"], c["name_correct"],
                          "; ".join(f"{f.get('severity')}: {f.get('message')}" for f in fs) or "(no finding)"))

    n = len(cases)
    print(f"name rule on {n} new cases ({tot['err_n']} wrong, {tot['ok_n']} right or no person), "
          f"{'check per case' if args.check else 'one lint'}, {elapsed:.1f} s\n")
    table(["figure", "count", "of", "share"], [
        ["errors caught (severity error)", tot["caught"], tot["err_n"], ratio(tot["caught"], tot["err_n"])],
        ["  ... as one error naming the person", tot["names_person"], tot["err_n"], ratio(tot["names_person"], tot["err_n"])],
        ["  ... suggesting the GB/T 28039 form", tot["right_form"], tot["err_n"], ratio(tot["right_form"], tot["err_n"])],
        ["  ... with no other finding", tot["single"], tot["err_n"], ratio(tot["single"], tot["err_n"])],
        ["errors reported only as warnings", tot["warning-only"], tot["err_n"], ratio(tot["warning-only"], tot["err_n"])],
        ["errors missed", tot["missed"], tot["err_n"], ratio(tot["missed"], tot["err_n"])],
        ["false alarms (error)", tot["false-alarm-error"], tot["ok_n"], ratio(tot["false-alarm-error"], tot["ok_n"])],
        ["false alarms (warning)", tot["false-alarm-warning"], tot["ok_n"], ratio(tot["false-alarm-warning"], tot["ok_n"])],
        ["ok cases clean", tot["clean"], tot["ok_n"], ratio(tot["clean"], tot["ok_n"])],
        ["accuracy (caught + clean)", tot["right"], n, ratio(tot["right"], n)],
    ])
    cols = ["caught", "warning-only", "missed", "clean", "false-alarm-warning", "false-alarm-error"]
    table(["kind", "n", *cols, "accuracy"],
          [[kind, k["n"], *(k[c] for c in cols), ratio(k["right"], k["n"])]
           for kind, k in sorted(by_kind.items(), key=lambda kv: (kv[0].startswith("ok"), kv[0]))],
          title="by kind")
    if args.show:
        for row in notes:
            print("  ".join(row))


if __name__ == "__main__":
    main()
