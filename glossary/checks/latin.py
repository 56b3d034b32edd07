"""Rule ``latin``: acronyms and codes stay in Latin script in the translation.

``ISO``, ``IEC``, ``SAMR``, ``GB/T``, ``ISO/IEC`` are written the same in
English and Chinese text; a translation that drops them, spells them in
full-width letters (``ＩＳＯ``) or lower case has lost them.  A token counts
as an acronym when it has at least two capital letters and no lower case
(``GB/T``, ``ISO/TC``, ``CO2``).  It is kept when the target has it written
the same way (ASCII, case as in the source, a plural ``s`` allowed), or, when
the term base knows the acronym, when the target uses one of its concept's
allowed renderings (``SAMR`` -> 国家市场监督管理总局 is a rendering, not a loss).

Nor is an acronym that ordinary Chinese usage translates, when the target
has its usual rendering (``RAM`` as 内存, ``GUI`` as 图形界面, ``OK`` as 确定,
``VM`` as 虚拟机: ``glossary/data/acronyms_zh.tsv``); names of organisations
and standards are not in that table, and stay in Latin.

Not checked: currency codes (``USD 30.00`` is 30.00美元), capitalized
words of an all-caps English heading (``CHINA SCENE`` is a heading, not an
acronym), and an English word printed in capitals for emphasis (``ERROR``,
``WARNING`` in software messages: a common word of four letters or more,
from ``glossary/data/english_words.txt``) unless the term base knows it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from glossary.checks.base import Finding, SegmentContext
from glossary.i18n import N_, _
from glossary.match import TermIndex
from glossary.registry import lazy_pattern

RULE_LATIN = "latin"

_ACRONYM = lazy_pattern(
    r"(?<![A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a])"
    r"[A-Z\uff21-\uff3a][A-Z0-9\uff21-\uff3a\uff10-\uff19]*(?:[/&][A-Z0-9\uff21-\uff3a]+)*"
    r"(?![A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a])"
)
#: Codes a translation writes out in the target language's own way.
_EXEMPT = frozenset({"USD", "RMB", "CNY", "EUR", "GBP", "JPY", "HKD", "AM", "PM", "II", "III", "IV"})


def acronyms(text: str) -> list[tuple[int, int, str]]:
    """Acronym-like tokens of ``text`` (ASCII or full width), with their spans."""
    found = []
    for m in _ACRONYM.finditer(text):
        token = m.group()
        if sum(ch.isupper() for ch in token) < 2 or token in _EXEMPT:
            continue
        found.append((m.start(), m.end(), token))
    return found


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    path = Path(__file__).resolve().parent.parent / "data" / "english_words.txt"
    with open(path, encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))


def is_emphasised_word(token: str) -> bool:
    """``ERROR`` or ``WARNING``: an English word in capitals, not an acronym."""
    return len(token) >= 4 and token.isalpha() and token.lower() in _english_words()


_CAPS_RUN = lazy_pattern(r"[A-Z]{3,}")
_ASCII_LETTER = lazy_pattern(r"[A-Za-z]")
_ASCII_UPPER = lazy_pattern(r"[A-Z]")


def _is_caps_heading(text: str) -> bool:
    # The cheap test first: most text has no two runs of three capitals.
    if len(_CAPS_RUN.findall(text)) < 2:
        return False
    letters = len(_ASCII_LETTER.findall(text))
    if letters < 8:
        return False
    return len(_ASCII_UPPER.findall(text)) / letters > 0.8


def _kept(token: str, target: str) -> bool:
    pattern = re.compile(r"(?<![A-Za-z0-9])" + re.escape(token) + r"s?(?![A-Za-z0-9])")
    return bool(pattern.search(target))


def check_latin(
    source: str, target: str, source_lang: str, target_lang: str, index: object | None = None
) -> list[Finding]:
    """Acronyms and codes of the source that the target does not keep in Latin script."""
    if not target or not source:
        return []
    if not source_lang.startswith("zh") and _is_caps_heading(source):
        return []
    findings: list[Finding] = []
    seen: set[str] = set()
    for start, end, token in acronyms(source):
        if not token.isascii():
            continue  # a full-width acronym in the source is the source's own problem
        if token in seen or _kept(token, target):
            continue
        seen.add(token)
        if index is not None and _rendered_by_concept(token, target, source_lang, target_lang, index):
            continue
        if _rendered_as_usual(token, target):
            continue
        if is_emphasised_word(token) and not _known(token, index):
            continue
        wide = token.translate(_TO_FULLWIDTH)
        found = wide if wide in target else None
        if found is not None:
            message = _("'{token}' must stay in Latin script; the target has the full-width '{found}'")
        else:
            message = _("'{token}' must stay in Latin script but is missing from the target")
        findings.append(
            Finding(
                rule=RULE_LATIN,
                severity="warning",
                message=message.format(token=token, found=found),
                file="",
                source_term=token,
                found=found,
                source_span=(start, end),
            )
        )
    return findings


_TO_FULLWIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


def _rendered_by_concept(token: str, target: str, source_lang: str, target_lang: str, index: object) -> bool:
    if not isinstance(index, TermIndex):
        return False
    # The token is Latin whatever the source language: look it up on the English side.
    for m in index.find(token, "en"):
        if (m.start, m.end) != (0, len(token)):
            continue
        for entry in m.entries:
            if index.find_rendering(entry.uid, target, target_lang) is not None:
                return True
    return False


@lru_cache(maxsize=1)
def _usual_renderings() -> dict[str, tuple[str, ...]]:
    """``glossary/data/acronyms_zh.tsv``: acronyms ordinary Chinese usage translates (RAM: 内存)."""
    path = Path(__file__).resolve().parent.parent / "data" / "acronyms_zh.tsv"
    table: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or "\t" not in line:
                continue
            acronym, renderings = line.rstrip("\n").split("\t", 1)
            table[acronym] = tuple(r for r in renderings.split("|") if r)
    return table


def _rendered_as_usual(token: str, target: str) -> bool:
    """The target writes the acronym as ordinary usage does (RAM as 内存, GUI as 图形界面, OK as 确定)."""
    key = token[:-1] if len(token) > 2 and token.endswith("S") and token[:-1] in _usual_renderings() else token
    return any(r in target for r in _usual_renderings().get(key, ()))


def _known(token: str, index: object | None) -> bool:
    if not isinstance(index, TermIndex):
        return False
    return any((m.start, m.end) == (0, len(token)) for m in index.find(token, "en"))


class _LatinRule:
    name = RULE_LATIN
    order = 50
    description = N_("Acronyms and codes (ISO, GB/T) must stay in Latin script in the translation.")
    default = True
    scope = "segment"

    def check(self, ctx: SegmentContext) -> list[Finding]:
        return check_latin(ctx.source, ctx.target, ctx.source_lang, ctx.target_lang, ctx.index)


RULE = _LatinRule()
