"""Traditional drafts against a mainland glossary: term errors with and without script folding.

The OpenStack dashboard's zh_Hant catalogs (``../shared/real/openstack/horizon``)
are linted (rules ``term`` and ``regional``) against a term base built from
the team's mainland glossary (``glossary.zh_CN.po``, one concept per entry),
once as the tool does now and once with folding turned off (what it did
before: Traditional compared character for character with Simplified).  An
error is *only the script* when the expected term, both folded, is in the
target.  The zh_Hans catalogs against the same base are printed for scale.

    python bench/bench_hant.py
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

from glossary import match
from glossary.checks.base import Finding
from glossary.chinese.convert import match_fold
from glossary.drafts.readers import read_draft
from glossary.lint import lint_draft
from glossary.match import TermIndex, zh_key
from glossary.model import Concept, Term

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real" / "openstack"


def mainland_base() -> list[Concept]:
    glossary = read_draft(REAL / "glossary.zh_CN.po")
    return [
        Concept("term", [Term("en", s.source.strip()), Term("zh-Hans", s.target.strip())])
        for s in glossary.segments
        if s.source.strip() and s.target.strip()
    ]


def lint_all(concepts: list[Concept], folder: str) -> tuple[list[Finding], int, float]:
    index = TermIndex(concepts)
    catalogs = sorted(REAL.glob(f"horizon/*/locale/{folder}/LC_MESSAGES/*.po"))
    start = time.perf_counter()
    findings: list[Finding] = []
    segments = 0
    for po in catalogs:
        draft = read_draft(po)
        segments += len(draft.segments)
        findings += lint_draft(draft, index, rules={"term", "regional"}).findings
    return findings, segments, time.perf_counter() - start


def script_only(findings: list[Finding]) -> list[Finding]:
    def key(text: str) -> str:
        return match_fold(zh_key(text))

    return [
        f for f in findings
        if f.rule == "term" and f.source_term and any(key(e.text) in key(f.target or "") for e in f.expected)
    ]


def main() -> int:
    if not REAL.is_dir():
        print(f"{REAL} is absent", file=sys.stderr)
        return 2
    concepts = mainland_base()
    after, segments, seconds = lint_all(concepts, "zh_Hant")
    folding, fold = match.TermIndex.folding, match.match_fold
    match.TermIndex.folding = lambda self, text, lang: False  # type: ignore[method-assign]
    match.match_fold = lambda text: text
    try:
        before, _segments, _seconds = lint_all(concepts, "zh_Hant")
    finally:
        match.TermIndex.folding, match.match_fold = folding, fold  # type: ignore[method-assign]
    hans, hans_segments, _ = lint_all(concepts, "zh_Hans")

    def terms(findings: list[Finding]) -> list[Finding]:
        return [f for f in findings if f.rule == "term" and f.source_term]

    print(f"base: {len(concepts)} concepts from glossary.zh_CN.po; zh_Hant: {segments} segments, lint {seconds:.2f} s")
    print(f"before (no folding): {len(terms(before))} term errors, {len(script_only(before))} only the script")
    regional = [f for f in after if f.rule == "regional"]
    print(
        f"after: {len(terms(after))} term errors ({len(script_only(after))} with the term present but inside a"
        f" longer one), {len(regional)} regional warnings, {sum(1 for f in after if not f.source_term)} notices"
    )
    print(f"zh_Hans, same base: {len(terms(hans))} term errors in {hans_segments} segments")
    print("drift still found:", Counter((f.source_term.lower(), f.expected[0].text) for f in terms(after)).most_common(8))
    print("regional:", Counter((f.source_term.lower(), f.found) for f in regional).most_common(8))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
