"""Benchmark of ``glossary lookup`` on realistic queries against the shipped term base (issue 12).

    python bench/bench_lookup.py [--show]

Reads tests/data/lookup_cases.tsv and runs ``glossary lookup QUERY --format json`` for each
query through the stable CLI. A query with an expected concept is a hit when the first concept
returned has that English term (any status or term type, so that *AI* still counts once the
concept's full form is *artificial intelligence*), and is also counted when the concept is
anywhere in the results; a near miss also counts as "suggested" when the human output names the
expected term (a "did you mean"). A query that must find nothing is a hit when nothing is
returned. Also prints the exit statuses of the JSON and human formats on an empty result.
Measurements, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _cli import ROOT, glossary, json_out, ratio, read_tsv, table  # noqa: E402

CASES = ROOT / "tests" / "data" / "lookup_cases.tsv"


def en_terms(concept: dict) -> set[str]:
    return {t.get("text", "").casefold() for t in concept.get("terms", [])
            if str(t.get("lang", "")).lower().startswith("en")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="list every failed query with what came back")
    ap.add_argument("--jobs", type=int, default=2, help="queries run at once (default 2)")
    args = ap.parse_args()
    cases = read_tsv(CASES)
    t0 = time.perf_counter()
    by_kind = defaultdict(lambda: defaultdict(int))
    tot = defaultdict(int)
    failures = []
    rc_empty = {"json": set(), "human": set()}

    def run(c):
        q = c["query"]
        proc = glossary("lookup", q, "--format", "json")
        res = json_out(proc)
        human = glossary("lookup", q) if (c["kind"] == "near-miss" or not res) else None
        return proc, human

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        runs = list(pool.map(run, cases))
    for c, (proc, human) in zip(cases, runs, strict=True):
        q, want = c["query"], c["expected_en"].casefold()
        res = json_out(proc)
        if not isinstance(res, list):
            res = []
        k = by_kind[c["kind"]]
        k["n"] += 1
        first = [sorted(en_terms(r)) for r in res[:3]]
        if not want:
            hit = not res
            anywhere = hit
            if not res:
                rc_empty["json"].add(proc.returncode)
        else:
            hit = bool(res) and want in en_terms(res[0])
            anywhere = any(want in en_terms(r) for r in res)
        suggested = False
        if human is not None:
            if not res:
                rc_empty["human"].add(human.returncode)
            if want and not hit:
                text = (human.stdout + human.stderr).casefold().replace(q.casefold(), "")
                suggested = want in text
        k["hit"] += hit
        k["anywhere"] += anywhere
        k["suggested"] += suggested
        tot["n"] += 1
        tot["hit"] += hit
        tot["anywhere"] += anywhere
        tot["suggested"] += suggested
        if want:
            tot["find_n"] += 1
            tot["find_hit"] += hit
        else:
            tot["none_n"] += 1
            tot["none_hit"] += hit
        if not hit:
            failures.append((c["kind"], q, c["expected_en"] or "(nothing)",
                             f"{len(res)} results" + (f", first {first}" if res else ""),
                             "suggested" if suggested else ""))
    elapsed = time.perf_counter() - t0
    print(f"lookup on {tot['n']} queries against the shipped term base, {elapsed:.1f} s\n")
    table(["figure", "count", "of", "share"], [
        ["hits (first result right, or nothing when nothing is due)", tot["hit"], tot["n"], ratio(tot["hit"], tot["n"])],
        ["misses", tot["n"] - tot["hit"], tot["n"], ratio(tot["n"] - tot["hit"], tot["n"])],
        ["queries with a concept due: first result right", tot["find_hit"], tot["find_n"], ratio(tot["find_hit"], tot["find_n"])],
        ["queries with a concept due: found anywhere", tot["anywhere"] - tot["none_hit"], tot["find_n"],
         ratio(tot["anywhere"] - tot["none_hit"], tot["find_n"])],
        ["misses rescued by a did-you-mean", tot["suggested"], tot["n"] - tot["hit"], ratio(tot["suggested"], tot["n"] - tot["hit"])],
        ["queries due to find nothing: nothing found", tot["none_hit"], tot["none_n"], ratio(tot["none_hit"], tot["none_n"])],
        ["accuracy", tot["hit"], tot["n"], ratio(tot["hit"], tot["n"])],
        ["hits or misses rescued by a did-you-mean", tot["hit"] + tot["suggested"], tot["n"],
         ratio(tot["hit"] + tot["suggested"], tot["n"])],
    ])
    table(["kind", "n", "hit", "anywhere", "suggested", "accuracy"],
          [[kind, k["n"], k["hit"], k["anywhere"], k["suggested"], ratio(k["hit"], k["n"])]
           for kind, k in sorted(by_kind.items())], title="by kind")
    print("exit status on an empty result: json", sorted(rc_empty["json"]) or "-",
          "human", sorted(rc_empty["human"]) or "-")
    if args.show:
        print()
        for row in failures:
            print("  ".join(row))


if __name__ == "__main__":
    main()
