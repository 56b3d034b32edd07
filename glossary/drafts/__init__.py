"""Readers for translated drafts: every format becomes a list of :class:`Segment`.

Each public module here that defines ``READER`` is a built-in reader (see
:class:`~glossary.drafts.base.FileReader`); third-party readers join through
the ``glossary.readers`` entry-point group.  :data:`READERS` lists them all,
and detection, :func:`read_draft` and the CLI's ``--input-format`` choices
come from it.
"""

from typing import Any

from glossary.drafts._registry import READERS
from glossary.drafts.base import Draft, FileReader, PairReader, Reader, Segment
from glossary.drafts.readers import read_draft
from glossary.lang import detect_script_language

__all__ = [
    "FORMATS",
    "READERS",
    "Draft",
    "FileReader",
    "PairReader",
    "Reader",
    "Segment",
    "detect_script_language",
    "read_draft",
]


def __getattr__(name: str) -> Any:
    """``FORMATS`` (the reader names, for compatibility), computed when asked for."""
    if name == "FORMATS":
        return tuple(READERS.names())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
