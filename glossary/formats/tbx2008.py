"""TBX 2008 (ISO 30042:2008, root ``martif``) in the TBX-Basic dialect: the ``tbx2008`` format.

This is the form translate-toolkit, Weblate and older OmegaT read.  The
model maps to it exactly as to TBX v3 (see :mod:`glossary.formats.tbx`),
with ``termEntry``/``langSet``/``tig`` for ``conceptEntry``/``langSec``/
``termSec``.  On import, ``ntig`` (term plus ``termGrp``) is read too.
The martif rules themselves live in :mod:`glossary.formats.tbxcore`, where
the streamed reader finds them too.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import BinaryIO

from glossary.formats.base import Format
from glossary.formats.tbx import read_file, read_tbx
from glossary.formats.tbxcore import (
    TBX_EXTENSIONS,
    V2,
    ReadResult,
    export_dialect,
    is_martif,
    looks_like_tbx,
    write_tbx,
)
from glossary.formats.validate import validate_tbx
from glossary.i18n import N_
from glossary.model import Concept


def export_tbx2008(
    concepts: Iterable[Concept],
    out: BinaryIO,
    *,
    lang_style: str = "region",
    status_vocab: str = "administrative",
) -> int:
    return write_tbx(concepts, out, dialect=V2, lang_style=lang_style, status_vocab=status_vocab)


def read_tbx2008(path: str | Path) -> ReadResult:
    return read_tbx(path)


def _sniff(path: Path, head: bytes) -> bool:
    return looks_like_tbx(path, head) and is_martif(head)


FORMAT = Format(
    name="tbx2008",
    order=20,
    description=N_("TBX 2008 (martif), TBX-Basic dialect, as translate-toolkit and Weblate read it"),
    extensions=TBX_EXTENSIONS,
    export=partial(export_dialect, V2),
    read=read_file,
    validate=validate_tbx,
    sniff=_sniff,
)

__all__ = ["FORMAT", "export_tbx2008", "read_tbx2008"]
