"""Exchange formats: TBX v3 (TBX-Basic), TBX 2008, CSV and OmegaT TSV, and any plugin's.

This is the library the CLI's ``export``, ``import`` and ``validate`` call.
Every format is one object in :data:`FORMATS` (see
:class:`glossary.formats.base.ExchangeFormat`): a built-in is a module of
this package that defines ``FORMAT``, a plugin an entry point in the
``glossary.formats`` group.  The functions here know no format by name;
they ask the registry which formats export, import or validate, and which
one a file is.

Importing this package loads no format: the registry imports them when a
name is first asked for, and the formats import lxml and friends only
inside functions, so start-up stays cheap.
"""

from __future__ import annotations

import io
import os
import shutil
import stat
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from glossary.errors import InputError
from glossary.formats.base import (
    HEAD_SIZE,
    LANG_STYLES,
    STATUS_VOCABS,
    ExchangeFormat,
    ImportBatch,
    ValidationResult,
)
from glossary.formats.common import AUDIENCES, Mapping, for_cat
from glossary.formats.complete import complete
from glossary.formats.importing import ON_CONFLICT, ImportReport, import_batch, read_ahead
from glossary.i18n import _
from glossary.lang import normalize
from glossary.registry import Registry

if TYPE_CHECKING:
    from glossary.model import Concept
    from glossary.store import TermBase

#: Every exchange format, built-ins first (by ``order``), then plugins.
FORMATS: Registry[ExchangeFormat] = Registry("format", "glossary.formats", "glossary.formats", "FORMAT")


def export_formats() -> tuple[str, ...]:
    """Names of the formats that can export, in order (the CLI's ``export --format`` choices)."""
    return tuple(f.name for f in FORMATS if f.export is not None)


def import_formats() -> tuple[str, ...]:
    """Names of the formats that can import, in order (``import --format``)."""
    return tuple(f.name for f in FORMATS if f.read is not None)


def validate_formats() -> tuple[str, ...]:
    """Names of the formats that can validate a file, in order."""
    return tuple(f.name for f in FORMATS if f.validate is not None)


def __getattr__(name: str) -> tuple[str, ...]:
    # EXPORT_FORMATS and IMPORT_FORMATS, read from the registry when asked
    # for, so importing the package loads no format and a plugin registered
    # later is listed too.
    if name == "EXPORT_FORMATS":
        return export_formats()
    if name == "IMPORT_FORMATS":
        return import_formats()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _choose(fmt: str, choices: tuple[str, ...], unknown: str) -> ExchangeFormat:
    """The format ``fmt`` if it is among ``choices``, else ``unknown`` (translated) as the error."""
    if fmt not in choices:
        raise InputError(unknown.format(fmt=fmt, choices=", ".join(choices)))
    return FORMATS.get(fmt)


def _canonical_langs(langs: Sequence[str] | None) -> list[str] | None:
    if not langs:
        return None
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
    audience: str = "full",
) -> int:
    """Stream ``concepts`` to ``out`` in ``fmt``; returns how many concepts were written.

    ``audience`` ``cat`` leaves out the build's details (provenance, evidence,
    flags, our ids: :func:`glossary.formats.common.for_cat`) for translators
    and CAT tools; ``full`` (the default) writes every field.

    ``langs`` keeps only terms in those languages (any spelling of a tag);
    ``lang_style`` writes Chinese as ``zh-CN``/``zh-TW`` (``region``) or
    ``zh-Hans``/``zh-Hant`` (``script``); ``status_vocab`` chooses
    ``administrativeStatus`` (TBX-Basic 1.2.1) or the newer ``usageStatus``.
    A format ignores the options it has no use for.
    """
    chosen = _choose(fmt, export_formats(), _("unknown export format {fmt}; choose one of {choices}"))
    if lang_style not in LANG_STYLES:
        raise InputError(_("unknown language style {style}").format(style=lang_style))
    if status_vocab not in STATUS_VOCABS:
        raise InputError(_("unknown status vocabulary {vocab}").format(vocab=status_vocab))
    if audience not in AUDIENCES:
        raise InputError(_("unknown audience {audience}").format(audience=audience))
    if audience == "cat":
        concepts = for_cat(concepts)
    assert chosen.export is not None
    options = {"langs": _canonical_langs(langs), "lang_style": lang_style, "status_vocab": status_vocab}
    if _is_regular_file(out):
        # A file of its own (atomic_output's temporary file): a failure half-way discards it.
        return chosen.export(concepts, out, **options)
    # Standard output or a caller's stream cannot take back what was written: the export
    # goes to a spool first, so an error half-way writes nothing rather than half a file.
    import tempfile

    with tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY) as spool:
        count = chosen.export(concepts, spool, **options)
        spool.seek(0)
        shutil.copyfileobj(spool, out)
    return count


#: Bytes of an export to a stream held in memory before the spool moves to a temporary file.
SPOOL_IN_MEMORY = 32 << 20


def _is_regular_file(out: BinaryIO) -> bool:
    """Is ``out`` a regular file, and not standard output redirected to one?"""
    if out is getattr(sys.stdout, "buffer", None):
        return False
    try:
        return stat.S_ISREG(os.fstat(out.fileno()).st_mode)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return False


def sniff_format(path: Path) -> str:
    """Guess a file's format: from its suffix when one importing format alone claims it,
    else by asking each importing format's ``sniff`` in order about the first bytes.
    """
    path = Path(path)
    readers = [f for f in FORMATS if f.read is not None]
    suffix = path.suffix.lower()
    claimants = [f for f in readers if suffix and suffix in f.extensions]
    if len(claimants) == 1:
        return claimants[0].name
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_SIZE)
    except OSError:
        # Unreadable: the first format's reader names the problem.
        return readers[0].name
    for candidate in readers:
        sniff = getattr(candidate, "sniff", None)
        if sniff is not None and sniff(path, head):
            return candidate.name
    raise InputError(
        _("cannot tell the format of this file; give one of {choices} with --format").format(
            choices=", ".join(f.name for f in readers)
        ),
        file=str(path),
    )


def read_concepts(
    path: str | Path, fmt: str | None = None, *, encoding: str | None = None, **options: object
) -> ImportBatch:
    """Read a file into concepts; raises InputError (with line) on a broken file.

    What can be checked cheaply is checked here: the file exists, decodes,
    has a CSV header naming a language, or (TBX up to
    ``glossary.formats.tbx.STREAM_THRESHOLD`` bytes) has a valid structure.
    A larger TBX file's structure, and a CSV row the parser cannot read,
    raise while ``concepts`` is consumed.  ``options`` go to the format's
    reader, which ignores those it has no use for: ``columns`` (tables:
    ``en,zh,note``), ``sheet`` (spreadsheets), ``lenient`` (TBX).  One
    left as None is not passed.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(_("no such file"), file=str(path))
    if path.is_dir():
        raise InputError(_("is a directory, not a file"), file=str(path))
    chosen = _choose(
        fmt or sniff_format(path), import_formats(), _("unknown import format {fmt}; choose one of {choices}")
    )
    assert chosen.read is not None
    given = {key: value for key, value in options.items() if value is not None}
    return chosen.read(path, encoding=encoding, **given)


def import_file(
    tb: TermBase,
    path: str | Path,
    fmt: str | None = None,
    *,
    on_conflict: str = "merge",
    encoding: str | None = None,
    **options: object,
) -> ImportReport:
    """Add every concept of ``path`` to ``tb`` in one transaction, reading as it writes.

    Every format's concepts get what a built term has (pinyin, the
    romanization of names, one term per spelling: see
    :mod:`glossary.formats.complete`); ``options`` are the reader's (see
    :func:`read_concepts`).
    """
    if on_conflict not in ON_CONFLICT:
        raise ValueError(on_conflict)
    batch = read_concepts(path, fmt, encoding=encoding, **options)
    extra = Mapping()
    batch.concepts = complete(batch.concepts, extra)
    batch = read_ahead(batch, extra, path, tb)  # a large file: read in a second process while this one writes
    report = import_batch(tb, batch, str(path), on_conflict=on_conflict)
    report.mapped.extend(extra.lines())
    return report


def validate_file(path: str | Path, fmt: str | None = None) -> ValidationResult:
    """Every problem of ``path`` in ``fmt`` (default: detect), each with its line.

    Raises InputError only for a missing file or a format that has no
    validator; a broken file is a result with problems.
    """
    if fmt is None:
        if not Path(path).is_file():
            raise InputError(_("no such file"), file=str(path))
        fmt = sniff_format(Path(path))
    chosen = _choose(fmt, validate_formats(), _("cannot validate format {fmt}; choose one of {choices}"))
    assert chosen.validate is not None
    return chosen.validate(path)  # as given: its messages name the file so


def validate_tbx(path: str | Path) -> ValidationResult:
    """Check any TBX file (v3 or 2008: the root decides) against TBX-Basic."""
    validate = FORMATS.get("tbx").validate
    assert validate is not None
    return validate(path)  # as given: its messages name the file so

__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "IMPORT_FORMATS",
    "LANG_STYLES",
    "ON_CONFLICT",
    "STATUS_VOCABS",
    "ImportBatch",
    "ImportReport",
    "ValidationResult",
    "export_concepts",
    "export_formats",
    "import_file",
    "import_formats",
    "read_concepts",
    "sniff_format",
    "validate_file",
    "validate_formats",
    "validate_tbx",
]
