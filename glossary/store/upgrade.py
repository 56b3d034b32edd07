"""Bring a term base written by an older glossary up to date, in place (``glossary reindex``).

After the concepts, a writer (``import``, ``build``) adds derived data to an
SQLite term base: the search indexes (languages, and the tail indexes that
find a word by its last characters), the substring index (FTS5 trigrams) and
the stored matching index (the ``match_key``/``match_head`` tables and their
description).  A base written by an older glossary has fewer of them, or an
older form, and any later change to its concepts (``glossary add``, another
SQLite client) drops the derived ones, so that nothing stale is ever read.
Such a base still works, only slowly: ``check`` and ``lint`` build the
matching index in memory from every concept (3.4 s and 880 MB at a million
concepts, against 0.3 s and 32 MB), ``lookup`` scans where it would probe.

:func:`reindex` makes what is missing, all in one transaction: interrupted,
the base is left as it was.  :func:`outdated` says what is missing, and
:func:`warn_if_outdated` turns it into a one-line :class:`OutdatedTermBase`
warning for the commands that read a large base.

The stored matching index is made by :mod:`glossary.match`, a layer above
the store: the caller hands in its key and its writer as a
:class:`MatchIndex` (``glossary reindex`` passes ``match.index_key()`` and
``match.save_index``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

from glossary.errors import GlossaryNote
from glossary.i18n import _
from glossary.store.base import TermBase
from glossary.store.sqlite import (
    SQLiteTermBase,
    add_search_indexes,
    largest_concept_id,
    missing_search_indexes,
    substring_index_state,
)

#: A base with fewer concepts than this is quick to open without its derived data: no warning.
WARN_FROM = 10_000


@dataclass(frozen=True)
class MatchIndex:
    """The stored matching index as :mod:`glossary.match` defines it: its current key and its writer."""

    key: str
    save: Callable[[TermBase], None]


@dataclass
class ReindexReport:
    """What :func:`reindex` did to one term base."""

    path: str
    #: One line per part made or rebuilt, in the order they were made.
    done: list[str] = field(default_factory=list)
    #: The parts that were already up to date.
    current: list[str] = field(default_factory=list)
    #: False for a backend that keeps no derived data (a ``.jsonl`` text term base).
    indexed: bool = True


def _has_match_index(tb: SQLiteTermBase, key: str) -> bool:
    return tb.get_derived(key) is not None and tb.has_match_tables()


def outdated(tb: TermBase, index_key: str | None) -> list[str]:
    """What ``tb`` lacks of the derived data the current glossary writes, one phrase each; [] when current.

    ``index_key`` is the stored matching index's current key
    (:func:`glossary.match.index_key`); None leaves that index out (what
    ``lookup`` does not use).  Only an SQLite term base keeps derived data;
    any other gives [].
    """
    if not isinstance(tb, SQLiteTermBase):
        return []
    missing: list[str] = []
    names = missing_search_indexes(tb)
    if names:
        missing.append(_("search indexes {names}").format(names=", ".join(names)))
    if substring_index_state(tb) == "outdated":
        missing.append(_("the substring index"))
    if index_key is not None and not _has_match_index(tb, index_key):
        missing.append(_("the stored matching index"))
    return missing


def reindex(tb: TermBase, match_index: MatchIndex, *, force: bool = False) -> ReindexReport:
    """Make every missing part of ``tb``'s derived data (every part with ``force``), in one transaction.

    The concepts are not touched.  Returns what was made and what was
    already current; a backend that keeps no derived data gives a report
    with ``indexed`` False and nothing done.
    """
    report = ReindexReport(path=tb.path)
    if not isinstance(tb, SQLiteTermBase):
        report.indexed = False
        return report
    with tb.transaction():
        names = missing_search_indexes(tb)
        substring = substring_index_state(tb)
        rebuild = substring != "unavailable" and (force or substring == "outdated")
        if rebuild:
            tb.index_for_search()  # the missing search indexes with it
        elif names:
            add_search_indexes(tb)
        if names:
            report.done.append(_("search indexes made: {names}").format(names=", ".join(names)))
        else:
            report.current.append(_("search indexes"))
        if rebuild:
            report.done.append(_("substring index rebuilt"))
        elif substring == "current":
            report.current.append(_("substring index"))
        if force or not _has_match_index(tb, match_index.key):
            match_index.save(tb)
            report.done.append(_("stored matching index written"))
        else:
            report.current.append(_("stored matching index"))
    return report


class OutdatedTermBase(GlossaryNote):
    """A large term base lacks derived data the current glossary would use: ``glossary reindex`` makes it."""


def warn_if_outdated(tb: TermBase, index_key: str | None = None) -> None:
    """Warn (one line, :class:`OutdatedTermBase`) when a large ``tb`` lacks derived data.

    Cheap enough for every start-up: a few probes of the schema and of the
    derived table.  A base under :data:`WARN_FROM` concepts is quick to
    open either way, so it is never warned about.  ``index_key`` as for
    :func:`outdated`.
    """
    if not isinstance(tb, SQLiteTermBase) or largest_concept_id(tb) < WARN_FROM:
        return
    missing = outdated(tb, index_key)
    if missing:
        warnings.warn(
            OutdatedTermBase(
                _("{path} lacks {what} (written by an older glossary, or changed since); "
                  "'glossary reindex --db {path}' brings it up to date").format(
                    path=tb.path, what="; ".join(missing))
            ),
            stacklevel=2,
        )


__all__ = ["WARN_FROM", "MatchIndex", "OutdatedTermBase", "ReindexReport", "outdated", "reindex", "warn_if_outdated"]
