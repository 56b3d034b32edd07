"""The segment, the draft, and the protocol every draft reader follows.

A reader is one object with a name, the extensions it claims, a sniffer
that recognises its files by their first bytes, and ``read``.  Detection
and :func:`glossary.drafts.readers.read_draft` know readers only through
this protocol and the :data:`glossary.drafts.READERS` registry, so a new
format is one module that defines ``READER`` (or a plugin in the
``glossary.readers`` entry-point group), with no list to edit elsewhere.

Two line-aligned files are the one input that needs a second path, so that
case is explicit rather than an optional argument every reader must refuse:
a :class:`PairReader` has ``pair = True`` and ``read(path, target_path, ...)``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable

from glossary.registry import DEFAULT_ORDER
from glossary.text.decode import sniff_bom


@dataclass
class Segment:
    source: str
    target: str
    file: str
    #: 1-based line in a TSV, text or corpus file (of the source side).
    line: int | None = None
    #: Unit id in XLIFF, TMX or PO (msgctxt+msgid for PO), when the format has one.
    unit: str | None = None
    #: Line of the target side when it lives in another file (aligned text).
    target_line: int | None = None
    #: Reviewer's notes carried by the format (XLIFF notes, PO comments), used for
    #: inline ignore markers.
    notes: list[str] = field(default_factory=list)
    #: The format's flags for this message (PO ``#, python-format, fuzzy``): which
    #: placeholder syntax it uses, so that lint masks and compares the right ones.
    flags: tuple[str, ...] = ()


@dataclass
class Draft:
    segments: list[Segment]
    source_lang: str | None
    target_lang: str | None
    format: str
    files: list[str] = field(default_factory=list)


@runtime_checkable
class FileReader(Protocol):
    """A reader of drafts that are one file (TSV, XLIFF, TMX, PO...).

    ``order`` is the sniffing order (lower first: the more specific formats
    go before the permissive ones, PO before TSV before prose) and the order
    of the ``--input-format`` choices.  ``description`` is an English msgid
    (wrapped in ``N_``) for help texts and the README table.  ``extensions``
    are lower-case with the dot (``".tsv"``); an extension decides alone, so
    one that may hold several formats (``.txt``, ``.xml``) is left to
    ``sniff``.  ``read`` gets canonical language tags (or None) and raises
    :class:`~glossary.errors.InputError` naming the file on bad input.
    """

    name: str
    order: int
    description: str
    extensions: tuple[str, ...]
    pair: Literal[False]

    def sniff(self, path: Path, head: bytes) -> bool: ...

    def read(
        self,
        path: str | Path,
        *,
        source_lang: str | None,
        target_lang: str | None,
        encoding: str | None,
    ) -> Draft: ...


@runtime_checkable
class PairReader(Protocol):
    """A reader of a source file and its translation in a second file."""

    name: str
    order: int
    description: str
    extensions: tuple[str, ...]
    pair: Literal[True]

    def sniff(self, path: Path, head: bytes) -> bool: ...

    def read(
        self,
        path: str | Path,
        target_path: str | Path,
        *,
        source_lang: str | None,
        target_lang: str | None,
        encoding: str | None,
    ) -> Draft: ...


Reader = FileReader | PairReader


def is_pair(reader: Reader) -> bool:
    """Whether ``reader`` takes two paths; a plugin that says nothing takes one."""
    return bool(getattr(reader, "pair", False))


def never(path: Path, head: bytes) -> bool:
    """The sniffer of a format that content cannot tell (it is chosen by name)."""
    return False


@dataclass(frozen=True)
class SimpleReader:
    """A :class:`FileReader` made of two functions: what the built-in modules declare."""

    name: str
    description: str
    read: Callable[..., Draft]
    extensions: tuple[str, ...] = ()
    sniff: Callable[[Path, bytes], bool] = never
    order: int = DEFAULT_ORDER
    pair: Literal[False] = False


@dataclass(frozen=True)
class SimplePairReader:
    """A :class:`PairReader` made of two functions."""

    name: str
    description: str
    read: Callable[..., Draft]
    extensions: tuple[str, ...] = ()
    sniff: Callable[[Path, bytes], bool] = never
    order: int = DEFAULT_ORDER
    pair: Literal[True] = True


# -- helpers for sniffers ------------------------------------------------------


def head_text(head: bytes) -> str:
    """The first bytes of a file as text, whatever the encoding.

    Only the ASCII structure matters to a sniffer (tags, keywords, tabs), so
    a legacy encoding or a character cut at the end may decode to U+FFFD.
    """
    codec, skip = sniff_bom(head)
    return head[skip:].decode(codec or "utf-8", errors="replace")


def looks_like_markup(text: str) -> bool:
    """Whether the text starts with a tag: XML or HTML is never a TSV, PO or prose draft."""
    return text.lstrip("\ufeff \t\r\n").startswith("<")


def non_blank_lines(text: str, limit: int = 50) -> list[str]:
    """The non-blank lines among the first ``limit`` lines (what a sniffer weighs)."""
    return [line for line in text.split("\n")[:limit] if line.strip()]
