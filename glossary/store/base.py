"""The term base interface every store backend implements.

Build, import, lint and lookup talk to a term base only through
:class:`TermBase`, so that where the concepts live (an SQLite file, a
``.jsonl`` text file, later a server) is the backend's business alone.
``tests/test_store_contract.py`` runs the same tests against every
registered backend: a new backend is done when it passes them.

The merge policy (which stored concept a new one is, and what the two
become together) is not a backend's business either: it lives in
:mod:`glossary.store.merge` as plain functions on concepts, and every
backend applies the same functions.
"""

from __future__ import annotations

import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from glossary.errors import TermBaseError
from glossary.i18n import _
from glossary.model import Concept, Flag
from glossary.store._registry import STORES

#: What :meth:`TermBase.add` may do when the concept is already there.
ON_CONFLICT = ("merge", "skip", "replace")

#: What :meth:`TermBase.add` returns.
ADD_RESULTS = ("added", "merged", "unchanged", "skipped", "replaced")

#: Keys of derived data: short, and safe as a file name in any backend.
DERIVED_KEY = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


class Backend(Protocol):
    """A store backend as the registry lists it (the ``BACKEND`` of a module)."""

    name: str
    order: int
    description: str

    def accepts(self, path_or_url: str) -> bool:
        """True when this backend stores term bases at ``path_or_url``."""
        ...

    def open(self, path_or_url: str, *, create: bool, readonly: bool) -> TermBase:
        """Open the term base there; :class:`TermBaseError` when it is not one."""
        ...


class TermBase(ABC):
    """A term base opened for reading or writing.

    Every write happens inside :meth:`transaction` (a write method opens one
    itself when called outside of one), so an interrupted build leaves the
    previous term base as it was.  Readers stream: :meth:`iter_concepts`
    holds one concept in memory at a time.
    """

    #: Where the term base is, as the user named it (for messages).
    path: str

    # -- opening -------------------------------------------------------------

    @staticmethod
    def open(
        path: str | Path | None = None, *, create: bool = False, readonly: bool = False
    ) -> TermBase:
        """Open the term base at ``path`` with the backend that accepts it.

        Without a path: ``$GLOSSARY_DB``, else the shipped term base.
        """
        target = str(path) if path is not None else str(default_path())
        return backend_for(target).open(target, create=create, readonly=readonly)

    @abstractmethod
    def close(self) -> None:
        """Release the term base; a transaction still open is rolled back."""

    def __enter__(self) -> TermBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------

    @abstractmethod
    def transaction(self) -> AbstractContextManager[TermBase]:
        """One write transaction; nested calls join the outer one.

        Leaving it by an exception undoes every write made inside it.  A
        term base open read-only refuses to start one.
        """

    # -- writing --------------------------------------------------------------------

    @abstractmethod
    def add(
        self, concept: Concept, on_conflict: str = "merge", *, keep_apart: set[str] | None = None
    ) -> str:
        """Store ``concept``, merging with an equal concept already there.

        ``on_conflict`` is one of :data:`ON_CONFLICT`; ``keep_apart`` holds
        uids that equal terms must not merge into (an importer passes the
        entries it added from the same file, since two entries of one file
        are two concepts by the file's own word).  Returns one of
        :data:`ADD_RESULTS`.
        """

    @abstractmethod
    def set_flags(self, uid: str, lang: str, text: str, flags: list[Flag]) -> None:
        """Replace a term's flags (a re-verification may clear or change them)."""

    @abstractmethod
    def delete(self, uid: str) -> bool:
        """Remove one concept; False when there was none with that uid."""

    @abstractmethod
    def clear(self) -> None:
        """Remove every concept (inside the caller's transaction, so a failed rebuild keeps them)."""

    # -- reading -----------------------------------------------------------------------

    @abstractmethod
    def count(self) -> int:
        """How many concepts there are."""

    @abstractmethod
    def counts_by_type(self) -> dict[str, int]:
        """Concepts per type, types in alphabetical order, absent types left out."""

    @abstractmethod
    def get(self, uid: str) -> Concept | None:
        """The concept with this uid, or None."""

    @abstractmethod
    def iter_concepts(self, types: Iterable[str] | None = None) -> Iterator[Concept]:
        """Every concept (of ``types``, when given) in uid order."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[Concept]:
        """Concepts whose terms match ``query`` by text, prefix, Chinese or pinyin.

        Exact matches first, then prefixes, then pinyin, then substrings.
        """

    # -- derived data -----------------------------------------------------------------------

    @abstractmethod
    def get_derived(self, key: str) -> bytes | None:
        """Data computed from the concepts and stored with them, or None.

        What a reader needs precomputed (the segmenter's words, say) is
        stored when the term base is written, so that reading it stays fast.
        Any change to the concepts drops every derived value in the same
        transaction: what is there is never stale, and what is missing must
        be computed again (and may be stored again with :meth:`set_derived`).
        """

    @abstractmethod
    def set_derived(self, key: str, data: bytes) -> None:
        """Store ``data`` under ``key`` (see :meth:`get_derived`); a write like any other."""


def check_derived_key(key: str) -> None:
    """Refuse keys a backend could not store as they are (a bug of the caller)."""
    if not DERIVED_KEY.fullmatch(key):
        raise ValueError(f"derived key must match {DERIVED_KEY.pattern}: {key!r}")


def check_on_conflict(on_conflict: str) -> None:
    if on_conflict not in ON_CONFLICT:
        raise ValueError(on_conflict)


def default_path() -> Path:
    """``$GLOSSARY_DB`` when set, else the shipped term base."""
    env = os.environ.get("GLOSSARY_DB")
    return Path(env) if env else shipped_path()


def shipped_path() -> Path:
    """The shipped term base: inside the installed package, else the checkout's ``terms/``.

    A wheel carries ``terms/`` as ``glossary/_shipped/`` (see setup.py); a
    checkout, editable install included, reads the top-level ``terms/``
    it rebuilds.
    """
    package = Path(__file__).resolve().parent.parent
    installed = package / "_shipped" / "glossary.jsonl"
    if installed.exists():
        return installed
    return package.parent / "terms" / "glossary.jsonl"


def backend_for(path_or_url: str) -> Backend:
    """The registered backend that accepts ``path_or_url`` (the first in order)."""
    for backend in STORES:
        if backend.accepts(path_or_url):
            return backend
    raise TermBaseError(
        _("no store backend accepts this term base; installed: {names}").format(
            names=", ".join(STORES.names())
        ),
        file=path_or_url,
    )
