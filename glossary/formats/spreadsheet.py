"""XLSX and ODS spreadsheets: the ``xlsx`` and ``ods`` import formats.

A client sends a glossary as a workbook (``English | Chinese | Note`` in
the first row, often several sheets).  Each sheet is read as a table by the
same column mapping as CSV (:mod:`glossary.formats.columns`: the headers
people write, a header-less sheet's columns told apart by script,
``--columns`` by hand) and the same row reader
(:func:`glossary.formats.tabular.table_concepts`), so a workbook and its
CSV export import alike.  Every sheet with a table is read, or only
``--sheet NAME``; an empty sheet is skipped and reported, a sheet whose
columns cannot be told is an error naming it.

The reader is python-calamine (Rust's calamine: XLSX, XLS, ODS, fast, no
dependencies, imported only when a workbook is read).  Numbers and dates
come back as Python values and are written as text (an integral float as
an integer: ``2024.0`` is ``2024``).

The ``xlsx`` export writes one sheet, one row per concept, for CAT tools'
Excel imports (memoQ's *Term base Excel import*, Trados MultiTerm
Convert's *Microsoft Excel format*, Phrase TMS's term base XLSX import),
which read a first row of column names and map each to a language or a
field: :data:`XLSX_COLUMNS`, with the language columns named by locale
code (``en``, ``zh-CN``) as all three take them.  Several terms in one
cell are separated by `` | `` (memoQ: *split alternatives by* ``|``).
Build-time details (provenance, evidence, flags, ids) are not written: a
CAT tool has no field for them, and the full record is the CSV or TBX
export.  Every cell is written as a string, so a term starting with ``=``
is never a formula.  The writer is XlsxWriter (pure Python, imported only
when a workbook is written), in its constant-memory mode, with a fixed
creation date so that the same term base gives the same bytes.  The file
reads back through the ``xlsx`` import, column for column.
"""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from glossary.errors import InputError, OutputError
from glossary.formats.base import Format, ImportBatch
from glossary.formats.common import Mapping, filter_langs
from glossary.formats.tabular import EN, SAMPLE_ROWS, ZH, join_list, layout, table_concepts
from glossary.i18n import N_, _
from glossary.lang import for_export
from glossary.model import Concept

#: A ZIP archive's first bytes: XLSX and ODS are both.
_ZIP = b"PK\x03\x04"
#: Names calamine knows a workbook by.
_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def cell_text(value: Any) -> str:  # noqa: ANN401 - whatever a cell holds
    """A cell as the text a person sees in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _workbook(path: Path, suffix: str) -> Any:  # noqa: ANN401 - a CalamineWorkbook
    """The workbook at ``path``; calamine knows a format by the name, so a file named
    otherwise (told by its content) is read through a copy named ``suffix``."""
    if path.suffix.lower() in _SUFFIXES:
        return _open_workbook(path, path)
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / f"workbook{suffix}"
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            raise InputError(exc.strerror or str(exc), file=str(path)) from None
        return _open_workbook(copy, path)


def _open_workbook(path: Path, shown: Path) -> Any:  # noqa: ANN401 - a CalamineWorkbook
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise InputError(
            _("reading spreadsheets needs python-calamine: pip install python-calamine"), file=str(shown)
        ) from None
    try:
        return CalamineWorkbook.from_path(str(path))  # by suffix, else by content
    except Exception as exc:  # noqa: BLE001 - calamine's errors have no common base worth naming
        raise InputError(
            _("not a readable spreadsheet: {reason}").format(reason=str(exc).splitlines()[0] if str(exc) else exc),
            file=str(shown),
        ) from None


def read_workbook(
    path: Path, *, sheet: str | None = None, columns: str | None = None, suffix: str = ".xlsx"
) -> ImportBatch:
    """Every sheet of ``path`` (or ``sheet``), each row a concept; checked before any row is handed out.

    The workbook is read whole here (calamine has no streaming reader), so
    a broken one fails before the first write.
    """
    name = str(path)
    book = _workbook(Path(path), suffix)
    names = list(book.sheet_names)
    if sheet is not None:
        if sheet not in names:
            raise InputError(
                _("no sheet {sheet!r}; the sheets are: {names}").format(sheet=sheet, names=", ".join(names)),
                file=name,
            )
        names = [sheet]
    mapping = Mapping()
    rejected: list[tuple[str, str]] = []
    tables: list[tuple[str, list[tuple[int, list[str]]], list[tuple[str, Any]]]] = []
    for sheet_name in names:
        rows = [
            (number, [cell_text(c) for c in row])
            for number, row in enumerate(book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False), 1)
        ]
        rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
        where = f"{name} [{sheet_name}]"
        if not rows:
            mapping.add(_("empty sheet skipped: {sheet}").format(sheet=sheet_name))
            continue
        sheet_mapping = Mapping()
        kinds, skip = layout([r for _n, r in rows[:SAMPLE_ROWS]], where, columns, sheet_mapping)
        for message, count in sheet_mapping.counts.items():
            mapping.add(f"{sheet_name}: {message}", count)
        tables.append((f"{name} [{sheet_name}]", rows[1:] if skip else rows, kinds))
    if not tables:
        raise InputError(_("no sheet holds a table"), file=name)

    def concepts() -> Iterator[Concept]:
        for where, rows, kinds in tables:
            yield from table_concepts(rows, kinds, where, mapping, rejected)

    return ImportBatch(concepts(), mapping.view(), rejected, format="")


#: The export's columns after the two preferred-term columns (``en`` and the Chinese tag):
#: the Chinese term's pinyin, their status (one value, or ``en | zh`` when they differ, as in
#: the CSV), the concept's note, subject and type; then the other terms.
XLSX_COLUMNS = ("pinyin", "status", "note", "subject", "type")
#: Other terms by status, each a column per language (``en_admitted``, ``zh-CN_deprecated``).
_OTHER_STATUSES = ("admitted", "deprecated", "superseded")
#: Creation date written into every workbook, so an export is deterministic.
_CREATED = (2000, 1, 1)


def export_xlsx(
    concepts: Iterable[Concept],
    out: BinaryIO,
    *,
    langs: Sequence[str] | None = None,
    lang_style: str = "region",
    **_other: object,
) -> int:
    """Write ``concepts`` as one worksheet for CAT tools' Excel imports; returns how many rows."""
    try:
        import xlsxwriter
    except ImportError:
        raise OutputError(_("writing XLSX needs XlsxWriter: pip install XlsxWriter")) from None
    import tempfile

    languages = [t for t in (EN, ZH) if not langs or t in langs]
    tags = {lang: for_export(lang, lang_style) for lang in languages}
    header = [tags[lang] for lang in languages] + list(XLSX_COLUMNS)
    header += [f"{tags[lang]}_{status}" for status in _OTHER_STATUSES for lang in languages]
    with tempfile.TemporaryDirectory() as folder:
        book = xlsxwriter.Workbook(
            out, {"constant_memory": True, "tmpdir": folder, "strings_to_formulas": False,
                  "strings_to_numbers": False, "strings_to_urls": False}
        )
        book.set_properties({"created": datetime.datetime(*_CREATED), "title": "glossary"})
        sheet = book.add_worksheet("glossary")
        bold = book.add_format({"bold": True})
        for column, name in enumerate(header):
            sheet.write_string(0, column, name, bold)
        sheet.freeze_panes(1, 0)
        count = 0
        for concept in filter_langs(concepts, langs):
            row = _xlsx_row(concept, languages)
            if row is None:
                continue
            count += 1
            for column, value in enumerate(row):
                if value:
                    sheet.write_string(count, column, value)
        book.close()
    return count


def _xlsx_row(concept: Concept, languages: Sequence[str]) -> list[str] | None:
    """The cells of one concept, in the order of the header; None for a concept without a term."""
    main = {lang: concept.preferred(lang) for lang in languages}
    if not any(main.values()):
        return None
    zh = main.get(ZH)
    cells = [main[lang].text if main[lang] else "" for lang in languages]
    statuses = [t.status for t in main.values() if t is not None]
    status = statuses[0] if len(set(statuses)) == 1 else join_list(statuses)
    cells += [zh.pinyin or "" if zh else "", status, concept.note or "", concept.subject or "", concept.type]
    others: dict[tuple[str, str], list[str]] = {}
    for term in concept.terms:
        if term.lang in main and term is not main[term.lang]:
            status = "admitted" if term.status == "preferred" else term.status  # a second preferred term
            others.setdefault((term.lang, status), []).append(term.text)
    cells += [join_list(others.get((lang, status), [])) for status in _OTHER_STATUSES for lang in languages]
    return cells


def _reader(fmt: str):  # noqa: ANN202
    def read(
        path: Path, *, sheet: str | None = None, columns: str | None = None, **_other: object
    ) -> ImportBatch:
        batch = read_workbook(path, sheet=sheet, columns=columns, suffix=".ods" if fmt == "ods" else ".xlsx")
        batch.format = fmt
        return batch

    return read


def _sniff_xlsx(path: Path, head: bytes) -> bool:
    return head.startswith(_ZIP) and b"xl/" in head


def _sniff_ods(path: Path, head: bytes) -> bool:
    return head.startswith(_ZIP) and b"opendocument.spreadsheet" in head


FORMAT = (
    Format(
        name="xlsx",
        order=60,
        description=N_("Excel workbook (XLSX, XLS): every sheet, or --sheet NAME; written for CAT tools' Excel imports"),
        extensions=(".xlsx", ".xlsm", ".xls"),
        export=export_xlsx,
        read=_reader("xlsx"),
        sniff=_sniff_xlsx,
    ),
    Format(
        name="ods",
        order=70,
        description=N_("OpenDocument spreadsheet (ODS): every sheet, or --sheet NAME"),
        extensions=(".ods",),
        read=_reader("ods"),
        sniff=_sniff_ods,
    ),
)

__all__ = ["FORMAT", "XLSX_COLUMNS", "cell_text", "export_xlsx", "read_workbook"]
