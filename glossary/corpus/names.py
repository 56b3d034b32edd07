"""Person names: bylines, credit lines, staff lists, and names far apart.

Names are paired by pinyin, not by position alone: ``By Bi Xiaoyu, Li
Zhanyuan, ...`` and ``文/毕晓宇 李占元 ...`` are matched name by name, and a
masthead in English is linked to a staff list in Chinese when exactly one
English spelling in the document reads like the Chinese name.  Only where
every other name of two equally long lists matched is a leftover pair taken
by position, so that a misprinted name is still recorded, and flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossary.chinese.names import AUTHOR_MARKERS, alternation
from glossary.chinese.pinyin import is_romanized_chinese_name, name_matches
from glossary.corpus.layout import Line, Unit
from glossary.corpus.model import Pair
from glossary.text.script import HAN_CLASS, HAN_RUN, is_all_han

_SUPERSCRIPT = re.compile(r"\^\{[^}]*\}|[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]+")
CREDIT = re.compile(rf"^(?:{alternation(AUTHOR_MARKERS)})\s*[/／:：]\s*(?P<names>.+)$")
BYLINE = re.compile(r"^By\s+(?P<names>[A-Z].+)$")
PAREN_CREDIT = re.compile(
    r"^\((?:[A-Z][a-z]+(?: and [a-z]+)?)(?: and [a-z]+)? by (?P<names>.+?)(?: based on .*)?\)?$"
)
_EN_NAME = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z]+|[A-Z]{2,})(?:\s+[A-Z][a-z]+(?:-[a-z]+)?){1,2})\b"
)
_ALIAS = re.compile(r"\b([A-Z][a-z]+ [A-Z][a-z]+) \(([A-Z][a-z]+ [A-Z][a-z]+)\)")
_ZH_NAME = re.compile(rf"^[{HAN_CLASS}]{{2,4}}$")
_STAFF_LIST = re.compile(rf"[:：]\s*(?P<names>[{HAN_CLASS}]{{2,4}}(?:、[{HAN_CLASS}]{{2,4}})+)\s*$")


def strip_marks(name: str) -> str:
    return _SUPERSCRIPT.sub("", name).strip(" ,，")


def split_en_names(text: str) -> list[str]:
    text = strip_marks(text)
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*", text)
    return [p.strip() for p in (strip_marks(x) for x in parts) if p.strip()]


def split_zh_names(text: str) -> list[str]:
    """Han names of a credit line; Latin names (``Liberty Artwell Mareya``) are left out."""
    text = strip_marks(text)
    names = []
    for part in re.split(r"[\s、，,]+", text):
        part = strip_marks(part)
        if _ZH_NAME.match(part):
            names.append(part)
    return names


def match_names(en_names: Sequence[str], zh_names: Sequence[str]) -> list[tuple[str, str, bool]]:
    """Pair two name lists; the flag says the pair was taken by position only."""
    pairs: dict[int, tuple[str, str, bool]] = {}
    taken_en: set[int] = set()
    for zi, zh in enumerate(zh_names):
        for ei, en in enumerate(en_names):
            if ei not in taken_en and name_matches(en, zh):
                pairs[zi] = (en, zh, False)
                taken_en.add(ei)
                break
    if len(en_names) == len(zh_names):
        for i, zh in enumerate(zh_names):
            if i in pairs or i in taken_en:
                continue
            en = en_names[i]
            if is_romanized_chinese_name(en) or _looks_like_name(en):
                pairs[i] = (en, zh, True)
    return [pairs[i] for i in sorted(pairs)]


def _looks_like_name(en: str) -> bool:
    words = en.split()
    return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)


def name_pairs(lines: list[Line], units: list[Unit], file: str, found: list[Pair]) -> list[Pair]:
    """Name pairs from bylines, credit lines, staff lists and paired titles."""
    out: list[Pair] = []
    content = [line for line in lines if line.script != "blank"]
    seen: set[tuple[str, str, int]] = {(p.en, p.zh, p.zh_line) for p in found if p.kind == "person"}
    unmatched_zh: list[tuple[str, Line]] = []

    def add(en: str, zh: str, en_line: Line, zh_line: Line, layout: str) -> None:
        if (en, zh, zh_line.no) in seen:
            return
        seen.add((en, zh, zh_line.no))
        out.append(
            Pair(
                en=en,
                zh=zh,
                kind="person",
                file=file,
                line=min(en_line.no, zh_line.no),
                en_line=en_line.no,
                zh_line=zh_line.no,
                context=f"{en_line.text} / {zh_line.text}" if en_line is not zh_line else zh_line.text,
                en_context=en_line.raw.strip(),
                zh_context=zh_line.raw.strip(),
                layout=layout,
            )
        )

    # Bylines and credit lines: the English list sits within a few lines.
    for i, line in enumerate(content):
        credit = CREDIT.match(line.text)
        if not credit:
            continue
        zh_names = split_zh_names(credit.group("names"))
        if not zh_names:
            continue
        window = content[max(0, i - 3) : i] + content[i + 1 : i + 4]
        partner = None
        for other in sorted(window, key=lambda x: abs(x.no - line.no)):
            match = BYLINE.match(other.text) or PAREN_CREDIT.match(other.text)
            if match:
                partner = (other, split_en_names(match.group("names")))
                break
        if partner is None:
            unmatched_zh.extend((name, line) for name in zh_names)
            continue
        other, en_names = partner
        matched = match_names(en_names, zh_names)
        for en, zh, _positional in matched:
            add(en, zh, other, line, "byline" if other.text.startswith("By") else "credit")
        done = {zh for _, zh, _ in matched}
        unmatched_zh.extend((name, line) for name in zh_names if name not in done)

    # Staff lists in Chinese (名单: 郭凯、曹欣欣、...), linked to English met anywhere.
    for line in content:
        match = _STAFF_LIST.search(line.text)
        if match:
            unmatched_zh.extend((name, line) for name in match.group("names").split("、"))

    english = _english_names(content)
    for zh, zh_line in unmatched_zh:
        candidates = {en for en, _ in english if name_matches(en, zh)}
        if len(candidates) == 1:
            en = candidates.pop()
            en_line = next(line for name, line in english if name == en)
            add(en, zh, en_line, zh_line, "document")

    # Names inside paired titles: Tian Shihong attends ... / 田世宏参加 ...
    aliases = _aliases(content)
    for pair in found:
        if pair.kind not in ("title", "section"):
            continue
        en_names = [m.group("name") for m in _EN_NAME.finditer(pair.en)]
        en_names = [n for n in en_names if is_romanized_chinese_name(n)] + [
            aliases[n] for n in _western_names(pair.en) if n in aliases
        ]
        if not en_names:
            continue
        for zh in _zh_name_spans(pair.zh):
            for en in en_names:
                if name_matches(en, zh):
                    en_line = Line(pair.en_line, pair.en_context, pair.en, "en")
                    zh_line = Line(pair.zh_line, pair.zh_context, pair.zh, "zh")
                    before = len(out)
                    add(en, zh, en_line, zh_line, "title")
                    if len(out) > before:
                        out[-1].aliases.extend(w for w, c in aliases.items() if c == en)
    return out


def _english_names(content: list[Line]) -> list[tuple[str, Line]]:
    names: list[tuple[str, Line]] = []
    for line in content:
        if line.script not in ("en", "mixed"):
            continue
        for match in _EN_NAME.finditer(line.text):
            name = strip_marks(match.group("name"))
            if is_romanized_chinese_name(name):
                names.append((name, line))
    return names


def _aliases(content: list[Line]) -> dict[str, str]:
    """``Xu Bin (Betty Xu)``: the Western name a person also uses -> the pinyin name."""
    aliases: dict[str, str] = {}
    for line in content:
        for match in _ALIAS.finditer(line.text):
            first, second = match.group(1), match.group(2)
            if is_romanized_chinese_name(first) and not is_romanized_chinese_name(second):
                aliases[second] = first
    return aliases


def _western_names(text: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", text)]


def _zh_name_spans(zh: str) -> list[str]:
    """Every 2-3 character Han run of a title: candidate names, checked by pinyin later."""
    spans = []
    for run in HAN_RUN.findall(zh):
        for size in (3, 2):
            for start in range(0, len(run) - size + 1):
                spans.append(run[start : start + size])
    return [s for s in spans if is_all_han(s)]
