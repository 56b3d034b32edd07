"""Which column of a table holds what: the headers people write, script inference, ``--columns``.

Spreadsheets and CSV files come from clients and CAT tools with headers of
their own (``English | Chinese | Note``, ``英文,中文``, ``source;target``,
Crowdin's ``Term [en]``, Phrase's ``zh_cn`` locale columns, Smartcat's
``Chinese (Simplified)``), or with no header at all.  This module turns a
first row into what each column holds, in the one shape the CSV and
spreadsheet readers share (see :func:`classify`):

* ``("fixed", name)``: one of our own CSV columns (``status``, ``note``...);
* ``("main", lang)``: the concept's term in ``lang``;
* ``("other", (lang, kind))``: more terms in ``lang`` by status or term type;
* ``("unknown", name)``: kept as a note ``name: value``;
* ``("skip", name)``: read and dropped (``--columns en,-,zh``).

A first row none of whose cells is a column name is data, not a header;
then the English and Chinese columns are told apart by script
(:func:`infer_by_script`).  Which header spellings are known is
:data:`ALIASES`; the CAT tools' ones are from their documentation
(Phrase Strings: ``term``, ``description`` and locale codes; Phrase TMS:
locale columns with ``_Note``/``_Definition`` suffixes; Crowdin:
``Term [en]``/``Description [en]``, and ``term_en`` in its import scheme;
Smartcat: language names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from glossary.errors import InputError, LanguageTagError
from glossary.i18n import _
from glossary.lang import normalize
from glossary.model import STATUSES
from glossary.text.script import is_han

EN, ZH, ZH_HANT = "en", "zh-Hans", "zh-Hant"
OTHER_KINDS = (*STATUSES, "variant", "acronym", "abbreviation")
#: Our own CSV's columns that are not terms (see :mod:`glossary.formats.tabular`).
FIXED = (
    "id", "type", "subject", "pinyin", "romanization", "status", "flags", "source",
    "context", "note", "confidence", "evidence", "extra",
)

Kind = tuple[str, Any]

#: Header spellings (lower-cased, spaces squeezed) to what they hold: a
#: language tag, or ``"fixed:<our column>"``.  ``source`` alone is our
#: provenance column when the header names a language elsewhere, and the
#: English term when it does not (``source,target``); see :func:`classify`.
ALIASES: dict[str, str] = {
    # English, the source side.
    "english": EN, "英文": EN, "英语": EN, "英語": EN, "原文": EN, "源语": EN, "源語": EN,
    "术语": EN, "術語": EN, "term": EN, "terms": EN, "source term": EN, "source_term": EN,
    "sourceterm": EN, "source text": EN, "word": EN, "english term": EN, "en term": EN,
    "term (en)": EN, "en_term": EN, "term_en": EN, "english (united states)": EN,
    "english (united kingdom)": EN, "english (us)": EN, "english (uk)": EN,
    # Chinese, the target side (Simplified unless the header says Traditional).
    "chinese": ZH, "中文": ZH, "汉语": ZH, "漢語": ZH, "简体中文": ZH, "简体": ZH, "译文": ZH,
    "譯文": ZH, "翻译": ZH, "翻譯": ZH, "target": ZH, "target term": ZH, "target_term": ZH,
    "targetterm": ZH, "target text": ZH, "translation": ZH, "translations": ZH,
    "translated term": ZH, "translated_term": ZH, "chinese term": ZH,
    "chinese (simplified)": ZH, "chinese simplified": ZH, "chinese (prc)": ZH,
    "chinese (china)": ZH, "simplified chinese": ZH, "zh term": ZH,
    "chinese (traditional)": ZH_HANT, "chinese traditional": ZH_HANT,
    "traditional chinese": ZH_HANT, "chinese (taiwan)": ZH_HANT, "chinese (hong kong)": ZH_HANT,
    "繁体中文": ZH_HANT, "繁體中文": ZH_HANT, "繁体": ZH_HANT, "繁體": ZH_HANT,
    # Our note column, as people name it.
    "notes": "fixed:note", "comment": "fixed:note", "comments": "fixed:note",
    "description": "fixed:note", "definition": "fixed:note", "remark": "fixed:note",
    "remarks": "fixed:note", "备注": "fixed:note", "備註": "fixed:note", "注释": "fixed:note",
    "注釋": "fixed:note", "说明": "fixed:note", "說明": "fixed:note", "定义": "fixed:note",
    "定義": "fixed:note", "释义": "fixed:note", "釋義": "fixed:note",
    "状态": "fixed:status", "狀態": "fixed:status", "domain": "fixed:subject",
    "领域": "fixed:subject", "領域": "fixed:subject", "subject field": "fixed:subject",
    "subject_field": "fixed:subject", "拼音": "fixed:pinyin",
}
#: Crowdin's ``Term [zh-CN]``, ``term_zh-CN``, ``Term (zh-CN)``: a term column per language.
_TERM_OF = re.compile(r"^(?:term|terms)\s*(?:\[(?P<a>[^\]]+)\]|\((?P<b>[^)]+)\)|[_:\s]+(?P<c>\S+))$", re.I)
#: ``Description [en]``, ``zh_cn_Note``, ``en_definition``: a language's note.
_NOTE_OF = re.compile(
    r"^(?:(?:description|definition|note|comment)s?\s*(?:\[(?P<a>[^\]]+)\]|\((?P<b>[^)]+)\)|[_\s]+(?P<c>\S+))"
    r"|(?P<d>[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*)[_\s]+(?:description|definition|note|comment)s?)$",
    re.I,
)
#: ``--columns`` names that are not a language, alias or our column.
SKIP_NAMES = ("-", "skip", "ignore", "")


def lang_of(name: str) -> str | None:
    """The canonical tag a header cell names (``zh_CN``, ``en-US``, ``zh``), or None."""
    value = name.strip()
    if value.lower() == "zh":
        return ZH
    if not value or len(value) > 20:
        return None
    try:
        return normalize(value)
    except LanguageTagError:
        return None


def _squeeze(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


def classify_one(raw: str, *, source_is_term: bool = False) -> Kind:
    """What one header cell names (see the module docstring)."""
    name = raw.strip()
    key = _squeeze(name)
    if key == "source" and source_is_term:
        return ("main", EN)
    if name in FIXED or key in FIXED and key not in ("source", "context", "type", "id"):
        return ("fixed", key)
    alias = ALIASES.get(key)
    if alias is not None:
        return ("fixed", alias[6:]) if alias.startswith("fixed:") else ("main", alias)
    prefix, sep, suffix = name.rpartition("_")
    if sep and suffix in OTHER_KINDS and lang_of(prefix):
        return ("other", (lang_of(prefix), suffix))
    match = _TERM_OF.match(name)
    if match:
        lang = lang_of(match.group("a") or match.group("b") or match.group("c") or "")
        if lang:
            return ("main", lang)
    match = _NOTE_OF.match(name)
    if match and lang_of(next(g for g in match.groups() if g)):
        return ("unknown", name)  # a language's description: a note that says whose
    lang = lang_of(name)
    if lang:
        return ("main", lang)
    return ("unknown", name)


def classify(header: Sequence[str]) -> list[Kind]:
    """What each column of ``header`` holds.

    ``source`` is our provenance column next to an English column, and the
    English term in ``source,target`` (no English column otherwise).
    """
    kinds = [classify_one(h) for h in header]
    if not any(kind == "main" and value == EN for kind, value in kinds):
        kinds = [classify_one(h, source_is_term=True) for h in header]
    return kinds


def names_columns(kinds: Sequence[Kind]) -> bool:
    """True when the row these kinds came from names at least one term column."""
    return any(kind in ("main", "other") for kind, _v in kinds)


def is_header(cells: Sequence[str], kinds: Sequence[Kind]) -> bool:
    """Is this first row a header?  Yes when any of its cells is a column name we know."""
    return any(kind != "unknown" for kind, _v in kinds) and any(c.strip() for c in cells)


def parse_columns(spec: str) -> list[Kind]:
    """``--columns en,zh,note,-``: what each column holds, given by hand.

    Each name is a language tag, a header alias (``English``, ``译文``), one
    of our CSV columns, ``en_admitted``-style, or ``-``/``skip`` for a
    column to drop; an unknown name is an error naming it.
    """
    kinds: list[Kind] = []
    for raw in spec.split(","):
        name = raw.strip()
        if name.lower() in SKIP_NAMES:
            kinds.append(("skip", name))
            continue
        kind = classify_one(name, source_is_term=False)
        if kind[0] == "unknown":
            raise InputError(
                _("--columns: {name!r} is not a language, a column name or '-'").format(name=name)
            )
        kinds.append(kind)
    if not names_columns(kinds):
        raise InputError(_("--columns names no language column (such as en, zh)"))
    return kinds


def infer_by_script(rows: Sequence[Sequence[str]]) -> list[Kind] | None:
    """English and Chinese columns of header-less ``rows`` by their script, the rest notes.

    The Chinese column is the one whose filled cells are most often Han, the
    English one the first other column that is mostly filled and never
    Han; None when no column is mostly Chinese or none is left for English.
    """
    width = max((len(r) for r in rows), default=0)
    if width < 2:
        return None
    han = [0] * width
    filled = [0] * width
    for row in rows:
        for i, cell in enumerate(row):
            if cell.strip():
                filled[i] += 1
                han[i] += is_han(cell)
    share = [han[i] / filled[i] if filled[i] else 0.0 for i in range(width)]
    zh = max(range(width), key=lambda i: (share[i], -i))
    if share[zh] < 0.5:
        return None
    latin = [i for i in range(width) if i != zh and filled[i] and share[i] < 0.5]
    if not latin:
        return None
    en = latin[0]
    kinds: list[Kind] = []
    for i in range(width):
        if i == zh:
            kinds.append(("main", ZH))
        elif i == en:
            kinds.append(("main", EN))
        else:
            kinds.append(("fixed", "note") if i == latin[-1] and i != en else ("unknown", f"column {i + 1}"))
    return kinds


def describe(kinds: Sequence[Kind], header: Sequence[str] | None) -> str:
    """``English -> en, Chinese -> zh-Hans, Note -> note``: for the import summary."""
    parts = []
    for i, (kind, value) in enumerate(kinds):
        name = header[i].strip() if header is not None and i < len(header) else str(i + 1)
        if kind == "main":
            what = value
        elif kind == "other":
            what = f"{value[0]} {value[1]}"
        elif kind == "fixed":
            what = value
        elif kind == "skip":
            what = "-"
        else:
            what = _("note")
        parts.append(f"{name} -> {what}")
    return ", ".join(parts)


__all__ = [
    "ALIASES",
    "EN",
    "ZH",
    "classify",
    "classify_one",
    "describe",
    "infer_by_script",
    "is_header",
    "lang_of",
    "names_columns",
    "parse_columns",
]
