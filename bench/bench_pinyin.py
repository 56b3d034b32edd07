"""Benchmark of the tool's tone-marked pinyin against GB/T 16159-2012 gold (issue 12).

    python bench/bench_pinyin.py [--show]
    python bench/bench_pinyin.py --speed [--terms 100000] [--runs 3] [--against ../main]

Reads tests/data/pinyin_cases.tsv and asks the tool for ``glossary.chinese.pinyin.tone_pinyin(zh)`` in
one ``python -c`` subprocess (the function has no CLI of its own). If the API has moved, says so
and stops. Bare person names are also read through ``tone_name`` when it exists (a second
figure: that is the path names take in the term base). Compares, per case: the exact string; the string ignoring capitals; the syllables
with their tones (ignoring capitals, word division, hyphens and apostrophes); the toneless
syllables; the word division (where words begin, ignoring tones and capitals); and the capitals
alone. Measurements, not a test.

``--speed`` (issue 15) then prints the CPU time of ``term_reading`` (what build and every import call
for a Chinese term) per term: on generated terms (Chinese compounds of jieba's dictionary words, as
bench_scale.py's CSV), on the Chinese terms of the real glossaries in ../shared/real (KDE's TBX,
OmegaT's glossary, OpenStack's PO) and on the real catalogs' Chinese segments, each the median of
``--runs`` fresh processes (dictionaries loaded before the clock starts).  ``--against DIR`` measures
another checkout the same way in the same run (alternating), for a before/after, and says whether
the two gave the same pinyin for every text.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _cli import ROOT, ratio, read_tsv, table  # noqa: E402

CASES = ROOT / "tests" / "data" / "pinyin_cases.tsv"

PROBE = r"""
import json, sys
try:
    from glossary.chinese.pinyin import tone_pinyin
except Exception as exc:  # ImportError, AttributeError...
    print(json.dumps({"moved": f"{type(exc).__name__}: {exc}"}))
    sys.exit(0)
out = []
LINES = [line for line in sys.stdin.read().split("\n") if line]
for line in LINES:
    try:
        out.append(tone_pinyin(line))
    except Exception as exc:
        out.append({"error": f"{type(exc).__name__}: {exc}"})
names = {}
try:
    from glossary.chinese.pinyin import tone_name
except Exception:
    tone_name = None
if tone_name is not None:
    for line in LINES:
        if 2 <= len(line) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in line):
            try:
                names[line] = tone_name(line)
            except Exception as exc:
                names[line] = {"error": f"{type(exc).__name__}: {exc}"}
print(json.dumps({"pinyin": out, "names": names}, ensure_ascii=False))
"""


SPEED_PROBE = r"""
import hashlib, json, sys, time
from glossary.chinese.pinyin import term_reading
from glossary.chinese.segment import default_segmenter
rows = [line.split("\t", 1) for line in sys.stdin.read().split("\n") if line]
term_reading("标准化", "term")  # pypinyin, CC-CEDICT and jieba's dictionary loaded before the clock
default_segmenter().prepare()
digest = hashlib.sha1()
start = time.process_time()
for kind, text in rows:
    digest.update(repr(term_reading(text, kind)).encode())
cpu = time.process_time() - start
print(json.dumps({"us": cpu / max(1, len(rows)) * 1e6, "digest": digest.hexdigest()}))
"""


def speed_sets(n: int) -> dict[str, list[tuple[str, str]]]:
    """(kind, text) per set: generated compounds, real glossaries' terms, real catalogs' segments."""
    from bench_lint import load_vocabulary, make_concepts_words

    sets: dict[str, list[tuple[str, str]]] = {}
    concepts = make_concepts_words(n, random.Random(15), load_vocabulary())
    sets[f"generated ({n:,})"] = [("term", c.terms[1].text) for c in concepts]
    real = ROOT.parent / "shared" / "real"
    glossaries = [real / "kde-cn" / "terms.tbx", real / "omegat-l10n-zh-cn" / "omegat-glossary.txt",
                  real / "openstack" / "glossary.zh_CN.po"]
    terms: dict[tuple[str, str], None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k, path in enumerate(p for p in glossaries if p.exists()):
            db = Path(tmp) / f"g{k}.jsonl"
            subprocess.run([sys.executable, "-m", "glossary", "import", str(path), "--db", str(db)], cwd=ROOT,
                           capture_output=True, env={**os.environ, "GLOSSARY_DB": str(db)})
            if db.exists():
                for line in db.read_text(encoding="utf-8").splitlines():
                    concept = json.loads(line)
                    for term in concept.get("terms", []):
                        if term.get("lang", "").startswith("zh"):
                            terms[(concept.get("type") or "term", term["text"])] = None
    if terms:
        sets[f"real glossaries' terms ({len(terms):,})"] = list(terms)
    from glossary.drafts import read_draft

    segments: dict[tuple[str, str], None] = {}
    catalogs = [real / "vim" / "zh_CN.UTF-8.po", real / "symfony" / "validators.zh_CN.xlf",
                *sorted((real / "openstack" / "horizon").glob("**/zh_Hans/LC_MESSAGES/*.po"))]
    for path in (p for p in catalogs if p.exists()):
        for segment in read_draft(path).segments:
            if segment.target.strip() and "\n" not in segment.target and "\t" not in segment.target:
                segments[("term", segment.target)] = None
    if segments:
        sets[f"real catalogs' segments ({len(segments):,})"] = list(segments)
    return sets


def speed(n: int, runs: int, against: Path | None) -> None:
    """CPU microseconds per term of term_reading, median of fresh processes, here and (optionally) in ``against``."""
    checkouts = {"this checkout": ROOT} | ({f"against {against}": against.resolve()} if against else {})
    rows = []
    for name, pairs in speed_sets(n).items():
        stdin = "".join(f"{kind}\t{text}\n" for kind, text in pairs)
        figures: dict[str, list[float]] = {label: [] for label in checkouts}
        digests: dict[str, set[str]] = {label: set() for label in checkouts}
        for _ in range(runs):
            for label, root in checkouts.items():
                env = {**os.environ, "PYTHONPATH": str(root)}
                proc = subprocess.run([sys.executable, "-c", SPEED_PROBE], cwd=root, env=env, input=stdin,
                                      capture_output=True, text=True, encoding="utf-8")
                try:
                    got = json.loads(proc.stdout)
                except json.JSONDecodeError:
                    sys.exit(f"the speed probe failed in {root} (exit {proc.returncode}): {proc.stderr.strip()[-800:]}")
                figures[label].append(got["us"])
                digests[label].add(got["digest"])
        same = len(set().union(*digests.values())) == 1
        for label in checkouts:
            spread = ", ".join(f"{x:.0f}" for x in sorted(figures[label]))
            rows.append([name, label, f"{statistics.median(figures[label]):.1f}", spread,
                         "yes" if same else "NO" if len(checkouts) > 1 else "-"])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    table(["terms", "code", "CPU us/term (median)", f"runs ({runs})", "same pinyin"], rows,
          title=f"term_reading speed (load average {load:.1f} on {os.cpu_count()} cores)")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", s).strip()


def letters(s: str, tones: bool) -> str:
    """Letters only, lower case; with tones the marks stay (NFC), without they go."""
    s = norm(s).lower()
    if not tones:
        s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c) or c == "\u0308")
        s = unicodedata.normalize("NFC", s)
    return "".join(c for c in s if c.isalnum())


def division(s: str) -> list[str]:
    """The words, lower case, without tones: where words begin and end."""
    s = "".join(c for c in unicodedata.normalize("NFD", norm(s).lower()) if not unicodedata.combining(c))
    return [w for w in re.split(r"[\s\-]+", re.sub(r"[^\w\s\-']", " ", s)) if w]


def capitals(s: str) -> list[bool]:
    return [w[:1].isupper() for w in re.split(r"[\s\-]+", norm(s)) if w and w[:1].isalpha()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="list every case whose syllables or tones differ")
    ap.add_argument("--speed", action="store_true", help="also measure term_reading's CPU time per term")
    ap.add_argument("--terms", type=int, default=100_000, help="generated terms for --speed")
    ap.add_argument("--runs", type=int, default=3, help="fresh processes per figure for --speed")
    ap.add_argument("--against", type=Path, help="another checkout measured the same way (before/after)")
    args = ap.parse_args()
    cases = read_tsv(CASES)
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", input="\n".join(c["zh"] for c in cases) + "\n")
    try:
        got = json.loads(proc.stdout)
    except json.JSONDecodeError:
        sys.exit(f"the pinyin probe failed (exit {proc.returncode}): {proc.stderr.strip()[-800:]}")
    if "moved" in got:
        print(f"glossary.chinese.pinyin.tone_pinyin is gone (the API moved): {got['moved']}")
        print("update PROBE in bench/bench_pinyin.py to the new entry point")
        return
    names = got.get("names", {})
    got = got["pinyin"]
    keys = ["exact", "ignoring case", "syllables+tones", "toneless syllables", "word division", "capitals"]
    by_kind = defaultdict(lambda: defaultdict(int))
    tot = defaultdict(int)
    diffs = []
    for c, g in zip(cases, got, strict=False):
        gold = c["pinyin"]
        k = by_kind[c["kind"]]
        k["n"] += 1
        tot["n"] += 1
        if not isinstance(g, str):
            diffs.append((c["kind"], c["zh"], gold, f"ERROR {g}"))
            continue
        ok = {
            "exact": norm(g) == norm(gold),
            "ignoring case": norm(g).lower() == norm(gold).lower(),
            "syllables+tones": letters(g, True) == letters(gold, True),
            "toneless syllables": letters(g, False) == letters(gold, False),
            "word division": division(g) == division(gold),
            "capitals": capitals(g) == capitals(gold),
        }
        for key in keys:
            k[key] += ok[key]
            tot[key] += ok[key]
        if not ok["exact"]:
            why = [key for key in ("syllables+tones", "word division", "capitals") if not ok[key]]
            diffs.append((c["kind"], c["zh"], gold, g, ",".join(why)))
    n = tot["n"]
    print(f"tone_pinyin against {n} GB/T 16159 gold cases\n")
    table(["figure", "count", "of", "share"], [[key, tot[key], n, ratio(tot[key], n)] for key in keys])
    table(["kind", "n", *keys], [[kind, k["n"], *(k[key] for key in keys)] for kind, k in sorted(by_kind.items())],
          title="by kind (cases right)")
    person = [c for c in cases if c["kind"] == "person" and c["zh"] in names]
    if person:
        right = sum(isinstance(names[c["zh"]], str) and norm(names[c["zh"]]) == norm(c["pinyin"]) for c in person)
        print(f"person names through glossary.chinese.pinyin.tone_name (the name path, not tone_pinyin): "
              f"{right} of {len(person)} exact ({ratio(right, len(person))})")
        if args.show:
            for c in person:
                if norm(str(names[c["zh"]])) != norm(c["pinyin"]):
                    print(f"  tone_name {c['zh']}  gold: {c['pinyin']}  tool: {names[c['zh']]}")
        print()
    if args.show:
        for kind, zh, gold, g, *why in diffs:
            if why and why[0] == "capitals":
                continue  # lower case everywhere today: listing every proper noun says nothing new
            print(f"{kind:13} {zh}  gold: {gold}  tool: {g}  ({why[0] if why else ''})")
    if args.speed:
        speed(args.terms, args.runs, args.against)


if __name__ == "__main__":
    main()
