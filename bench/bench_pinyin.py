"""Benchmark of the tool's tone-marked pinyin against GB/T 16159-2012 gold (issue 12).

    python bench/bench_pinyin.py [--show]

Reads tests/data/pinyin_cases.tsv and asks the tool for ``glossary.chinese.pinyin.tone_pinyin(zh)`` in
one ``python -c`` subprocess (the function has no CLI of its own). If the API has moved, says so
and stops. Bare person names are also read through ``tone_name`` when it exists (a second
figure: that is the path names take in the term base). Compares, per case: the exact string; the string ignoring capitals; the syllables
with their tones (ignoring capitals, word division, hyphens and apostrophes); the toneless
syllables; the word division (where words begin, ignoring tones and capitals); and the capitals
alone. Measurements, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
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


if __name__ == "__main__":
    main()
