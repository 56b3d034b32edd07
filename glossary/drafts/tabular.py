"""Tab-separated drafts: ``source<TAB>target``, one segment a line.

The simplest thing a translator exports from a spreadsheet or a script.
Spreadsheets quote a cell that holds a tab, a quote or a line break, and
double the quotes inside it, while hand-made files put quotes in text
without meaning anything by them; so the quoted reading is used only when
the whole file parses as strict quoted TSV, and otherwise every quote is
literal.

Choices, documented for users:

* ``line`` is the 1-based line where the segment starts.
* Blank lines are skipped; a non-blank line without a tab is an error.
* A line with an empty source or target is kept as a segment: in a
  line-based draft a missing translation is a mistake to report, not a
  workflow state.
* Columns after the second are kept as notes (reviewer comments).
* An optional first line names the columns' languages: two language codes
  (``en<TAB>zh-CN``), two language names (``English<TAB>Chinese``,
  ``英文<TAB>中文``), or ``source<TAB>target``.  Two codes are taken as a
  header only when they are different languages, so a segment such as
  ``it<TAB>it`` is never eaten.  When the caller's language is the other
  column's, the columns are swapped.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from glossary.drafts.base import (
    Draft,
    Segment,
    SimpleReader,
    head_text,
    looks_like_markup,
    non_blank_lines,
)
from glossary.errors import InputError, LanguageTagError
from glossary.i18n import N_, _
from glossary.lang import EN, ZH, ZH_HANT, normalize
from glossary.text.decode import read_text

#: Column titles that name a language in words (lower-cased).
LANGUAGE_NAMES = {
    "english": EN,
    "英文": EN,
    "英语": EN,
    "chinese": ZH,
    "simplified chinese": ZH,
    "chinese (simplified)": ZH,
    "traditional chinese": ZH_HANT,
    "chinese (traditional)": ZH_HANT,
    "中文": ZH,
    "汉语": ZH,
    "简体中文": ZH,
    "繁體中文": ZH_HANT,
    "繁体中文": ZH_HANT,
}
#: Column titles that say only which side is which.
ROLE_NAMES = ({"source", "src", "原文", "源文"}, {"target", "tgt", "translation", "译文"})


def read_tsv(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    encoding: str | None = None,
) -> Draft:
    """Read a TSV draft; the caller's canonical languages may swap the columns."""
    name = str(path)
    text = read_text(path, encoding)
    rows = _rows(text, name)
    file_source = file_target = None
    if rows:
        header = _header(rows[0][1])
        if header is not None:
            file_source, file_target = header
            rows = rows[1:]
    swap = bool(file_source and file_target) and (
        (source_lang is not None and source_lang == file_target and source_lang != file_source)
        or (target_lang is not None and target_lang == file_source and target_lang != file_target)
    )
    segments: list[Segment] = []
    for number, fields in rows:
        if len(fields) < 2:
            raise InputError(_("no tab between source and target"), file=name, line=number)
        source, target = fields[0], fields[1]
        if swap:
            source, target = target, source
        notes = [extra for extra in fields[2:] if extra.strip()] if len(fields) > 2 else []
        segments.append(Segment(source, target, name, number, None, None, notes))
    if swap:
        file_source, file_target = file_target, file_source
    return Draft(segments, file_source, file_target, "tsv", [name])


def _rows(text: str, name: str) -> list[tuple[int, list[str]]]:
    """Non-blank rows with the line each starts on."""
    if '"' in text:
        quoted = _quoted_rows(text)
        if quoted is not None:
            return quoted
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            rows.append((number, line.split("\t")))
    return rows


def _quoted_rows(text: str) -> list[tuple[int, list[str]]] | None:
    """Rows read as spreadsheet-quoted TSV, or None when the file is not that."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", strict=True)
    rows = []
    start = 1
    try:
        for fields in reader:
            if any("\n" in cell and "\t" in cell for cell in fields):
                # A cell spanning lines and tabs is an unbalanced literal quote
                # that swallowed rows, not a spreadsheet cell.
                return None
            if any(cell.strip() for cell in fields):
                rows.append((start, fields))
            start = reader.line_num + 1
    except csv.Error:
        return None
    return rows


def _header(fields: list[str]) -> tuple[str | None, str | None] | None:
    """The languages a header row names, or None when the row is a segment."""
    if len(fields) < 2:
        return None
    first, second = fields[0].strip().lower(), fields[1].strip().lower()
    if first in ROLE_NAMES[0] and second in ROLE_NAMES[1]:
        return None, None
    if first in LANGUAGE_NAMES and second in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[first], LANGUAGE_NAMES[second]
    try:
        codes = normalize(fields[0].strip()), normalize(fields[1].strip())
    except LanguageTagError:
        return None
    if codes[0] == codes[1]:
        return None
    return codes


def sniff_tsv(path: Path, head: bytes) -> bool:
    """Text (not markup) where most of the first non-blank lines hold a tab."""
    text = head_text(head)
    if looks_like_markup(text):
        return False
    lines = non_blank_lines(text)
    return bool(lines) and sum("\t" in line for line in lines) * 2 > len(lines)


READER = SimpleReader(
    name="tsv",
    order=40,
    description=N_("Tab-separated source and target, one segment a line"),
    extensions=(".tsv", ".tab"),
    sniff=sniff_tsv,
    read=read_tsv,
)
