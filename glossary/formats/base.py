"""What an exchange format is: the protocol every format, built-in or plugin, follows.

A format is one object registered in :data:`glossary.formats.FORMATS`
(built-ins are the modules of this package that define ``FORMAT``;
plugins come from the ``glossary.formats`` entry-point group).  The CLI's
``--format`` choices, the README's table, file-type detection and the
public functions of :mod:`glossary.formats` all read the registry, so a new
format is one module and its tests, and a format that can only export (or
only import, or only validate) says so by leaving the other callables
``None`` instead of raising inside them.

This module sits at the bottom of the package: every format imports it,
and it imports nothing of the package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from glossary.model import Concept
from glossary.registry import DEFAULT_ORDER

#: Values of the ``lang_style`` export option: ``zh-CN`` or ``zh-Hans``.
LANG_STYLES = ("region", "script")
#: Values of the ``status_vocab`` export option (TBX term status categories).
STATUS_VOCABS = ("administrative", "usage")
#: Bytes of a file's start handed to :meth:`ExchangeFormat.sniff`.
HEAD_SIZE = 4096


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


@dataclass
class ValidationResult:
    """What a validator found: the dialect it took the file for, and every problem with its line."""

    path: str
    #: ``TBX-Basic (TBX v3)``, ``TBX-Core (TBX v3)``, ``TBX-Basic (TBX 2008)``, ``XML``...
    dialect: str
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    #: Which checks ran, e.g. ``core RELAX NG``, ``TBX-Basic Schematron (ported)``.
    checks: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


#: ``export(concepts, out, **options) -> count``.  The options are ``langs``
#: (canonical tags to keep, or None), ``lang_style`` and ``status_vocab``;
#: a format ignores the ones it has no use for (CSV has no language style),
#: so every format can be called the same way.
Exporter = Callable[..., int]
#: ``read(path, **options) -> ImportBatch``; the one option is ``encoding``
#: (None: detect), which XML formats ignore since XML declares its own.
Importer = Callable[..., ImportBatch]
#: ``validate(path) -> ValidationResult``: every problem with its line, never
#: raising for a bad file (only for a missing one).
Validator = Callable[[str | Path], ValidationResult]
#: ``sniff(path, head) -> bool``: is this file (name and first bytes) ours?
Sniffer = Callable[[Path, bytes], bool]


class ExchangeFormat(Protocol):
    """The attributes :data:`glossary.formats.FORMATS` relies on.

    ``name`` is what ``--format`` takes; ``order`` places it in lists and
    decides which format's :attr:`sniff` is asked first; ``description`` is
    an English msgid (wrapped in ``N_``) the CLI translates; ``extensions``
    are the lower-case suffixes with the dot, the first being the one to
    write.  A suffix only one importing format claims decides detection
    outright; otherwise the formats' ``sniff`` are asked in order.
    """

    name: str
    order: int
    description: str
    extensions: tuple[str, ...]
    export: Exporter | None
    read: Importer | None
    validate: Validator | None
    sniff: Sniffer | None


@dataclass(frozen=True)
class Format:
    """A ready-made :class:`ExchangeFormat`: the built-ins are instances of it."""

    name: str
    description: str
    extensions: tuple[str, ...] = ()
    export: Exporter | None = None
    read: Importer | None = None
    validate: Validator | None = None
    sniff: Sniffer | None = None
    order: int = DEFAULT_ORDER


__all__ = [
    "HEAD_SIZE",
    "LANG_STYLES",
    "STATUS_VOCABS",
    "ExchangeFormat",
    "Exporter",
    "Format",
    "ImportBatch",
    "Importer",
    "Sniffer",
    "ValidationResult",
    "Validator",
]
