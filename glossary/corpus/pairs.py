"""Bilingual layouts -> pairs of an English and a Chinese text.

Precision matters more than recall: a wrong pair in a term base does damage
in every later check, so every rule here says what it accepts and the rest
is refused.  Headings are paired with their nearest counterpart unit;
names in bylines and credit lines by pinyin (:mod:`glossary.corpus.names`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from glossary.chinese import pinyin
from glossary.chinese.names import AUTHOR_MARKERS, PHOTO_MARKERS, alternation
from glossary.corpus import names
from glossary.corpus.layout import (
    Line,
    Unit,
    join_lines,
    read_lines,
    split_mixed,
    units_of,
)
from glossary.corpus.model import KINDS, Pair
from glossary.text.script import HAN

__all__ = ["KINDS", "Pair", "classify", "extract_pairs"]

#: Chinese texts that are never the counterpart of the English before them.
_ZH_NEVER = {"广告", "特稿", "目录", "图片", "图"}
_CREDIT = re.compile(rf"^({alternation(AUTHOR_MARKERS + PHOTO_MARKERS)})\s*[/／:：]")
_BYLINE = re.compile(r"^By\s+[A-Z]")
_DASH_START = re.compile(r"^\s*(——|—|–|-|―)\s*")
#: Where an English subtitle starts: a dash, or an interview line under a title.
_EN_SUBTITLE = re.compile(r"^\s*(?:——|—|–|-|―)\s*|^(?=(?:An |Exclusive )?[Ii]nterview with\b)")
_ZH_SUBTITLE = re.compile(r"\s*——\s*")
_SENTENCE_END_ZH = re.compile(r"[。！？；]$")
_NOT_HEADING_EN = re.compile(
    r"©|https?://|www\.|@|\bTel\b|\bE-mail\b|ISSN|Registration|\bPrice\b"
    r"|^(?:Fig\.|Figure\s+\d|Photo\b|Source:|Table\s+\d)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
#: A full stop inside the text that ends a sentence (not ``Dr.``, ``No.`` or ``P. R.``).
#: Two sentences: a word of two or more small letters, a full stop, a capital ("...ers. The").
#: The last two letters suffice: ``[a-z]{2,}`` retried at every letter of a long run was
#: quadratic (a 40,000-letter run took 6 s), and "Dr. X", "Ltd. X" never match either way.
_SENTENCE_BREAK = re.compile(r"[a-z]{2}\. [A-Z]")
_ABBREV_END = re.compile(r"\b(?:Ltd|Co|Inc|Corp|Dr|Mr|Ms|St|No|Vol)\.$")
#: "NN | NAME" column lines of contents pages.
_SECTION = re.compile(r"^\d{1,3}\s*\|\s*(?P<name>[^|]+)$")

ORG_HEAD_EN = re.compile(
    r"\b(Institute|Institution|Press|Corporation|Company|Co\.,? Ltd\.?|Ltd\.?|Association|Administration|"
    r"Committee|Commission|Council|Cent(?:er|re)|University|Group|Organi[sz]ation|Bureau|Ministry|"
    r"Federation|Society|Academy|Agency|Department|Office|Alliance|League|Laboratory|Union|Network)\b"
)
ORG_TAIL_ZH = re.compile(
    r"(所|社|院|会|局|部|署|公司|集团|中心|协会|学会|联盟|大学|学院|委员会|办公室|实验室|组织|研究所|中兴|华为)$"
)


def extract_pairs(text: str, file: str) -> list[Pair]:
    """Every English/Chinese pair the document prints, in document order."""
    lines = read_lines(text)
    units = units_of(lines)
    pairs: list[Pair] = []
    used: set[int] = set()  # ids of units already paired

    for index, unit in enumerate(units):
        if unit.script == "mixed":
            pair = _mixed_pair(unit, file)
            if pair:
                pairs.append(pair)
                used.add(id(unit))
            continue
        if unit.script != "zh" or id(unit) in used:
            continue
        zh_units = [unit]
        # A Chinese subtitle in its own unit (——...) belongs to the heading above.
        nxt = units[index + 1] if index + 1 < len(units) else None
        if nxt is not None and nxt.script == "zh" and _DASH_START.match(nxt.lines[0].text):
            zh_units.append(nxt)
        zh_text = _join_units(zh_units, "zh")
        if not _zh_heading_like(zh_text):
            continue
        partner = _partner(units, index, used)
        if partner is None:
            continue
        en_units, order = partner
        en_text = _join_units(en_units, "en")
        en_split = _split_en_subtitle(en_units)
        pair = _make_pair(en_text, zh_text, en_split, en_units, zh_units, file, order)
        if pair is None:
            continue
        pairs.extend(_split_subtitles(pair, en_split))
        for u in en_units + zh_units:
            used.add(id(u))

    pairs.extend(names.name_pairs(lines, units, file, pairs))
    pairs.sort(key=lambda p: (p.line, p.en))
    return pairs


def _partner(units: list[Unit], index: int, used: set[int]) -> tuple[list[Unit], str] | None:
    """The English unit(s) a Chinese unit translates, and which came first."""
    unit = units[index]
    prev = units[index - 1] if index else None
    nxt = units[index + 1] if index + 1 < len(units) else None
    # 1. English directly above in the same block (contents entries, name lists).
    if prev is not None and prev.script == "en" and prev.block == unit.block and id(prev) not in used:
        return _with_continuations(units, index - 1, used), "en-zh"
    # 2. Chinese first, English directly below in the same block (partner pages).
    if nxt is not None and nxt.script == "en" and nxt.block == unit.block and id(nxt) not in used:
        if not _CREDIT.match(unit.lines[0].text):
            return [nxt], "zh-en"
    # 3. The nearest English heading above, across blank lines.
    if prev is not None and prev.script == "en" and id(prev) not in used:
        return _with_continuations(units, index - 1, used), "en-zh"
    return None


def _with_continuations(units: list[Unit], index: int, used: set[int]) -> list[Unit]:
    """Rejoin an English heading the layout broke over blank lines.

    ``Cybersecurity Standardization Conference 2024`` / ``held in Belgium``:
    a unit that starts in lower case, or with a subtitle dash, continues the
    heading above it.
    """
    chosen = [units[index]]
    while index > 0:
        first = chosen[0].lines[0].text
        above = units[index - 1]
        continues = first[:1].islower() or (_EN_SUBTITLE.match(first) and len(first) < 120)
        if not continues or above.script != "en" or id(above) in used:
            break
        if not _en_heading_like(above.joined()):
            break
        chosen.insert(0, above)
        index -= 1
    return chosen


def _join_units(units: list[Unit], script: str) -> str:
    return join_lines([line.text for u in units for line in u.lines], script)


def _zh_heading_like(zh: str) -> bool:
    core = zh.strip("—–- ")
    if not core or core in _ZH_NEVER or _CREDIT.match(core):
        return False
    han = len(HAN.findall(core))
    if han < 2 or han > 60:
        return False
    return not _SENTENCE_END_ZH.search(core)


def _en_heading_like(en: str) -> bool:
    words = en.split()
    if not words or len(words) > 24 or _NOT_HEADING_EN.search(en):
        return False
    if _BYLINE.match(en) or en.startswith("("):
        return False
    if en.endswith((".", "!", "?")) and not _ABBREV_END.search(en):
        return False
    if _SENTENCE_BREAK.search(en):
        return False  # two sentences: a caption or a paragraph
    return en[:1].isupper() or en[:1].isdigit() or en[:1] in "“\"'‘"


def _numbers(text: str) -> set[str]:
    return {n.lstrip("0") or "0" for n in _NUMBER.findall(text)}


def _numbers_agree(en: str, zh: str) -> bool:
    """Every figure of the English heading is printed in the Chinese (2024, 123rd/第123届).

    Chinese headings often add the year the English leaves out
    (``2024世界汽车标准创新大会``), so only the English side must be covered.
    """
    return _numbers(en) <= _numbers(zh)


def _section_name(text: str) -> str | None:
    match = _SECTION.match(text)
    if not match:
        return None
    return match.group("name").strip() or None


def _make_pair(
    en: str,
    zh: str,
    en_split: tuple[str, str | None],
    en_units: list[Unit],
    zh_units: list[Unit],
    file: str,
    order: str,
) -> Pair | None:
    section = _section_name(en)
    if section is not None:
        if len(HAN.findall(zh)) > 8:
            return None
        return _pair(section, zh, "section", en_units, zh_units, file, "heading")
    en_main, en_sub = en_split
    if not _en_heading_like(en_main) or (en_sub is not None and not _en_heading_like(en_sub)):
        return None
    if en_sub is not None:
        en = f"{en_main} — {en_sub}"
    if en.isupper() and len(en.split()) <= 4 and len(HAN.findall(zh)) <= 8:
        return _pair(en, zh, "section", en_units, zh_units, file, "heading")
    zh = zh.strip()
    zh = re.sub(r"^[—–-]+\s*|\s*[—–-]+$", "", zh) if zh.startswith(("—", "–")) and zh.endswith(("—", "–")) else zh
    if not _numbers_agree(en, zh):
        return None
    kind = classify(en, zh)
    if order == "zh-en" and kind not in ("org", "person"):
        return None  # Chinese-first pairs occur for organisations and names only
    return _pair(en, zh, kind, en_units, zh_units, file, "heading")


def _pair(
    en: str, zh: str, kind: str, en_units: list[Unit], zh_units: list[Unit], file: str, layout: str
) -> Pair:
    en_line = en_units[0].first
    zh_line = zh_units[0].first
    en_raw = "\n".join(u.raw for u in en_units)
    zh_raw = "\n".join(u.raw for u in zh_units)
    return Pair(
        en=en,
        zh=zh,
        kind=kind,
        file=file,
        line=min(en_line, zh_line),
        en_line=en_line,
        zh_line=zh_line,
        context=f"{en} / {zh}",
        en_context=en_raw.strip(),
        zh_context=zh_raw.strip(),
        layout=layout,
    )


def _mixed_pair(unit: Unit, file: str) -> Pair | None:
    line: Line = unit.lines[0]
    parts = split_mixed(line.text)
    if parts is None:
        return None
    en, zh = parts
    section = _section_name(en)
    if section is not None:
        kind, en = "section", section
    elif _CREDIT.match(line.text) or len(en.split()) > 6:
        return None
    else:
        kind = classify(en, zh)
        if kind == "title":
            kind = "org" if en.isupper() and len(en) <= 6 else kind
    return Pair(
        en=en,
        zh=zh,
        kind=kind,
        file=file,
        line=line.no,
        en_line=line.no,
        zh_line=line.no,
        context=line.text,
        en_context=line.raw.strip(),
        zh_context=line.raw.strip(),
        layout="same-line",
    )


def classify(en: str, zh: str) -> str:
    """Concept type of a pair: a person, an organisation, or a title."""
    han = len(HAN.findall(zh))
    if 2 <= han <= 4 and han == len(zh) and len(en.split()) <= 4:
        if pinyin.is_romanized_chinese_name(en) or _name_shaped(en):
            return "person"
    if ORG_HEAD_EN.search(en) and ORG_TAIL_ZH.search(zh) and not _has_verb(en):
        return "org"
    return "title"


def _name_shaped(en: str) -> bool:
    """``Li Yun``, ``ZHANG Xiaogang``: two or three capitalized words, no common English word."""
    words = en.replace("-", " ").split()
    if not 2 <= len(words) <= 3:
        return False
    return all(w[:1].isupper() and w.isalpha() and w.lower() not in _COMMON for w in words)


_COMMON = {
    "the", "of", "and", "in", "for", "on", "at", "to", "with", "new", "day", "award", "report",
    "china", "world", "standards", "standard", "special", "global", "vision", "scene", "features",
}

_VERBS = re.compile(
    r"\b(held|releases?|released|attends?|seeks?|boosts?|facilitates?|achieves?|celebrated|set up|"
    r"established|launch(?:es|ed)?|announced|blows|compete|empower\w*|promot\w+|build\w*|lead)\b",
    re.IGNORECASE,
)


def _has_verb(en: str) -> bool:
    return bool(_VERBS.search(en))


def _split_subtitles(pair: Pair, en_split: tuple[str, str | None]) -> list[Pair]:
    """``Breaking boundaries ... –ISO Annual Meeting 2024`` / ``打破边界 ... ——2024年...``.

    When both sides carry a subtitle, the title and the subtitle are two
    pairs; when only one side does, the whole heading stays one pair.
    """
    if pair.kind != "title":
        return [pair]
    en_main, en_sub = en_split
    zh_parts = _ZH_SUBTITLE.split(pair.zh, maxsplit=1)
    if en_sub is None or len(zh_parts) != 2 or not zh_parts[0] or not zh_parts[1]:
        return [pair]
    zh_main, zh_sub = zh_parts[0].strip(), zh_parts[1].strip()
    if not _numbers_agree(en_main, zh_main) or not _numbers_agree(en_sub, zh_sub):
        return [pair]
    main = replace(pair, en=en_main, zh=zh_main, aliases=[])
    sub = replace(pair, en=en_sub, zh=zh_sub, kind=classify(en_sub, zh_sub), aliases=[])
    return [main, sub]


def _split_en_subtitle(en_units: list[Unit]) -> tuple[str, str | None]:
    lines = [line.text for u in en_units for line in u.lines]
    for i, text in enumerate(lines[1:], start=1):
        if _EN_SUBTITLE.match(text):
            main = join_lines(lines[:i], "en")
            sub = join_lines([_EN_SUBTITLE.sub("", text, count=1)] + lines[i + 1 :], "en")
            return main, sub
    joined = join_lines(lines, "en")
    match = re.search(r"\s[—–]\s?(?=[A-Z])", joined)
    if match:
        return joined[: match.start()].strip(), joined[match.end() :].strip()
    return joined, None
