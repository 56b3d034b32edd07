"""TBX v3 (ISO 30042:2019) TBX-Basic, DCA style: the ``tbx`` exchange format.

How the model maps to TBX-Basic (the dialect has no category for several of
our fields, so they travel as keyed ``<note>`` elements; see
:mod:`glossary.formats.common`):

==========================  ==================================================
concept uid                 ``conceptEntry/@id`` (an ``xsd:ID``)
concept subject             ``<descrip type="subjectField">`` (concept level)
concept type                ``<note>type: person</note>`` (concept level)
confidence, evidence        ``<note>confidence: 0.9</note>``, ``<note>evidence: x</note>``
concept note                ``<note>`` (escaped as ``note: ...`` if keyed)
concept source              ``<admin type="source">file:line</admin>``, then
                            ``<note>context: ...</note>``/``<note>parent: uid</note>``
term language               ``langSec/@xml:lang``: ``zh-CN`` or ``zh-Hans``
status                      ``termNote administrativeStatus`` (or ``usageStatus``)
term type, part of speech   ``termNote termType`` / ``partOfSpeech`` (values the
                            dialect lacks: ``<note>partOfSpeech: x</note>``)
pinyin, romanization        ``<note>pinyin: shìjiè</note>``: TBX-Basic has no
                            pronunciation category
flags                       ``<note>flag: pinyin-mismatch: detail</note>``
term source with context    ``<descripGrp><descrip type="context">..</descrip>
                            <admin type="source">file:line</admin></descripGrp>``
==========================  ==================================================

The writer, reader and checks live in :mod:`glossary.formats.tbxcore`
(shared with TBX 2008); this module adds what is TBX v3's own and chooses
between reading a file whole and streaming it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO

from glossary.formats.base import Format, ImportBatch
from glossary.formats.tbxcore import (
    TBX_EXTENSIONS,
    V2,
    V3,
    ReadResult,
    export_dialect,
    is_martif,
    looks_like_tbx,
    read_tree,
    write_tbx,
)
from glossary.formats.tbxstream import stream_tbx
from glossary.formats.validate import validate_tbx
from glossary.i18n import N_
from glossary.model import Concept
from glossary.xmlsafe import parse_file

#: Files up to this size are parsed whole and checked against the official core
#: RELAX NG (or the built-in port) before the first entry is read.  Larger files
#: are streamed entry by entry: the tree of a whole file takes about 13 times its
#: size in memory, so a 1 GB term base would need 13 GB.  A streamed file is
#: checked one entry at a time with the built-in port of the core structure, so
#: its first structural error is found only when the reader gets there, and an
#: import then rolls back.  At 32 MiB the whole-tree path peaks near 360 MB;
#: a streamed file of any size stays near 30 MB.
STREAM_THRESHOLD = 32 * 2**20


def read_tbx(path: str | Path, *, lenient: bool = False) -> ReadResult:
    """Read TBX v3 or TBX 2008.

    Up to :data:`STREAM_THRESHOLD` bytes, a structure error raises
    InputError here, before any concept is read; above it the file is
    streamed and checked entry by entry, and the error comes from the
    ``concepts`` iterator (see :mod:`glossary.formats.tbxstream`).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # parse_file names the problem
    if size > STREAM_THRESHOLD:
        return stream_tbx(path, lenient=lenient)
    tree = parse_file(path)
    return read_tree(tree, str(path), lenient=lenient)


def export_tbx(
    concepts: Iterable[Concept],
    out: BinaryIO,
    *,
    lang_style: str = "region",
    status_vocab: str = "administrative",
) -> int:
    return write_tbx(concepts, out, dialect=V3, lang_style=lang_style, status_vocab=status_vocab)


def read_file(path: Path, *, lenient: bool = False, **_options: object) -> ImportBatch:
    """The importer of both TBX formats: the root decides which, whatever was asked for.

    ``encoding`` is ignored: an XML file declares its own.  ``lenient``
    keeps the valid entries of a file that breaks the structure (a
    streamed one: each entry that breaks it; its containers stay strict).
    """
    return read_tbx(path, lenient=lenient)


def _sniff(path: Path, head: bytes) -> bool:
    return looks_like_tbx(path, head) and not is_martif(head)


FORMAT = Format(
    name="tbx",
    order=10,
    description=N_("TBX v3 (ISO 30042:2019), TBX-Basic dialect"),
    extensions=TBX_EXTENSIONS,
    export=partial(export_dialect, V3),
    read=read_file,
    validate=validate_tbx,
    sniff=_sniff,
)


__all__: Sequence[str] = (
    "FORMAT",
    "STREAM_THRESHOLD",
    "V2",
    "V3",
    "ReadResult",
    "export_tbx",
    "read_tbx",
    "write_tbx",
)
