"""The term base: concepts, terms, flags and provenance, in a backend chosen by path.

:class:`TermBase` is the interface (:mod:`glossary.store.base`); the
backends are registered in :data:`STORES`, built-ins and ``glossary.stores``
entry points alike, and :func:`open_termbase` (or ``TermBase.open``) picks
the first whose ``accepts`` takes the path or URL: ``.jsonl`` is the text
backend (:mod:`glossary.store.jsonl`), any other path SQLite
(:mod:`glossary.store.sqlite`).  The merge policy all of them share is
:mod:`glossary.store.merge`.

A new backend (a server, say) is one module: a :class:`TermBase` subclass
and a ``BACKEND`` object with ``name``, ``order``, ``description``,
``accepts(path_or_url)`` and ``open(path_or_url, *, create, readonly)``;
a built-in lives here, a third party's is named by a ``glossary.stores``
entry point.  It merges with :func:`glossary.store.merge.find_match` and
:func:`~glossary.store.merge.merge_concepts`, and it is done when
``tests/test_store_contract.py`` passes against it.
"""

from __future__ import annotations

from pathlib import Path

from glossary.store._registry import STORES
from glossary.store.base import Backend, TermBase, backend_for, default_path, shipped_path

#: The shipped term base, built from ../shared/corpus (see README): inside the
#: package when installed from a wheel, the checkout's ``terms/`` otherwise.
SHIPPED_PATH = shipped_path()


def open_termbase(
    path: str | Path | None = None, *, create: bool = False, readonly: bool = False
) -> TermBase:
    """Open the term base at ``path`` (default: ``$GLOSSARY_DB``, else the shipped one).

    ``create`` makes it when absent; ``readonly`` refuses every write.
    Raises :class:`~glossary.errors.TermBaseError` (exit status 3) for a
    missing, foreign, locked or too new term base.
    """
    return TermBase.open(path, create=create, readonly=readonly)


__all__ = [
    "SHIPPED_PATH",
    "STORES",
    "Backend",
    "TermBase",
    "backend_for",
    "default_path",
    "open_termbase",
]
