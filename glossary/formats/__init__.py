"""Exchange formats: TBX v3 (TBX-Basic), TBX 2008, CSV and OmegaT TSV.

This is the library the CLI's ``export``, ``import`` and ``validate`` call.
Modules import lxml and friends only inside functions, so importing this
package stays cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from glossary.errors import InputError
from glossary.i18n import _

if TYPE_CHECKING:
    from glossary.formats.importing import ImportReport
    from glossary.formats.validate import ValidationResult
    from glossary.model import Concept

EXPORT_FORMATS = ("tbx", "tbx2008", "csv", "tsv")
IMPORT_FORMATS = ("tbx", "tbx2008", "csv", "tsv")
LANG_STYLES = ("region", "script")
STATUS_VOCABS = ("administrative", "usage")


@dataclass
class ImportBatch:
    """A file's concepts and what reading them changed.

    ``concepts`` is an iterator that reads the file as it is consumed (a
    term base can be larger than memory), and ``mapped`` and ``rejected``
    fill as it goes: read them after the last concept.  A file that turns
    out to be broken part way raises InputError from the iterator, so an
    import must consume it inside its transaction.
    """

    concepts: Iterator[Concept] | list[Concept]
    #: What was mapped to fit the model, e.g. ``language zh_CN -> zh-Hans (12)``.
    mapped: Sequence[str] = field(default_factory=list)
    #: (where, reason) for entries skipped as invalid.
    rejected: list[tuple[str, str]] = field(default_factory=list)
    format: str = ""


def _canonical_langs(langs: Sequence[str] | None) -> list[str] | None:
    if not langs:
        return None
    from glossary.lang import normalize

    out: list[str] = []
    for tag in langs:
        canonical = normalize(tag)  # LanguageTagError for unknown codes
        if canonical not in out:
            out.append(canonical)
    return out


def export_concepts(
    concepts: Iterable[Concept],
    out: BinaryIO,
    fmt: str,
    *,
    langs: Sequence[str] | None = None,
    lang_style: str = "region",
    status_vocab: str = "administrative",
) -> int:
    """Stream ``concepts`` to ``out`` in ``fmt``; returns how many concepts were written.

    ``langs`` keeps only terms in those languages (any spelling of a tag);
    ``lang_style`` writes Chinese as ``zh-CN``/``zh-TW`` (``region``) or
    ``zh-Hans``/``zh-Hant`` (``script``); ``status_vocab`` chooses
    ``administrativeStatus`` (TBX-Basic 1.2.1) or the newer ``usageStatus``.
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(
            _("unknown export format {fmt}; choose one of {choices}").format(
                fmt=fmt, choices=", ".join(EXPORT_FORMATS)
            )
        )
    if lang_style not in LANG_STYLES:
        raise InputError(_("unknown language style {style}").format(style=lang_style))
    if status_vocab not in STATUS_VOCABS:
        raise InputError(_("unknown status vocabulary {vocab}").format(vocab=status_vocab))
    wanted = _canonical_langs(langs)
    if fmt == "csv":
        from glossary.formats.tabular import export_csv

        return export_csv(concepts, out, langs=wanted)
    if fmt == "tsv":
        from glossary.formats.tabular import export_tsv

        return export_tsv(concepts, out, langs=wanted)
    from glossary.formats.common import filter_langs
    from glossary.formats.tbx import V2, V3, write_tbx

    return write_tbx(
        filter_langs(concepts, wanted),
        out,
        dialect=V3 if fmt == "tbx" else V2,
        lang_style=lang_style,
        status_vocab=status_vocab,
    )


def sniff_format(path: Path) -> str:
    """Guess a file's format from its name, then from its first bytes."""
    suffix = path.suffix.lower()
    if suffix in (".csv",):
        return "csv"
    if suffix in (".tsv", ".tab", ".txt", ".utf8"):
        return "tsv"
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return "tbx"
    from glossary.xmlsafe import _prolog

    text = _prolog(head).lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") or suffix in (".tbx", ".xml"):
        return "tbx2008" if b"<martif" in text else "tbx"
    return "csv"


def read_concepts(path: str | Path, fmt: str | None = None, *, encoding: str | None = None) -> ImportBatch:
    """Read a file into concepts; raises InputError (with line) on a broken file.

    What can be checked cheaply is checked here: the file exists, decodes,
    has a CSV header naming a language, or (TBX up to
    ``glossary.formats.tbx.STREAM_THRESHOLD`` bytes) has a valid structure.
    A larger TBX file's structure, and a CSV row the parser cannot read,
    raise while ``concepts`` is consumed.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(_("no such file"), file=str(path))
    if path.is_dir():
        raise InputError(_("is a directory, not a file"), file=str(path))
    fmt = fmt or sniff_format(path)
    if fmt not in IMPORT_FORMATS:
        raise InputError(
            _("unknown import format {fmt}; choose one of {choices}").format(
                fmt=fmt, choices=", ".join(IMPORT_FORMATS)
            )
        )
    if fmt in ("tbx", "tbx2008"):
        from glossary.formats.tbx import read_tbx

        result = read_tbx(path)
        return ImportBatch(result.concepts, result.mapped, result.rejected, result.format)
    from glossary.formats.tabular import read_csv, read_tsv

    if fmt == "csv":
        concepts, mapped, rejected = read_csv(path, encoding=encoding)
    else:
        concepts, mapped, rejected = read_tsv(path, encoding=encoding)
    return ImportBatch(concepts, mapped, rejected, fmt)


def import_file(
    tb,  # noqa: ANN001 - glossary.store.TermBase
    path: str | Path,
    fmt: str | None = None,
    *,
    on_conflict: str = "merge",
    encoding: str | None = None,
) -> ImportReport:
    from glossary.formats.importing import import_file as _import_file

    return _import_file(tb, path, fmt, on_conflict=on_conflict, encoding=encoding)


def validate_tbx(path: str | Path) -> ValidationResult:
    from glossary.formats.validate import validate_tbx as _validate

    return _validate(path)


__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "ImportBatch",
    "export_concepts",
    "import_file",
    "read_concepts",
    "validate_tbx",
]
