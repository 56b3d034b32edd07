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
from collections.abc import Hashable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from glossary.chinese.pinyin import pinyin_key, split_syllables
from glossary.errors import TermBaseError
from glossary.i18n import _
from glossary.model import Concept, Flag, normalize_text
from glossary.store._registry import STORES
from glossary.store.merge import StatusChange
from glossary.text.english import singular
from glossary.text.script import is_han

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
    #: Set by each backend when it opens; :meth:`transaction` reads them.
    _readonly: bool = False
    _depth: int = 0

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

    @contextmanager
    def transaction(self) -> Iterator[TermBase]:
        """One write transaction; nested calls join the outer one.

        Leaving it by an exception undoes every write made inside it.  A
        term base open read-only refuses to start one.  A backend provides
        only the outermost level, :meth:`_outer_transaction`.
        """
        if self._readonly:
            raise TermBaseError(_("the term base is open read-only"), file=self.path)
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        with self._outer_transaction():
            self._depth = 1
            try:
                yield self
            finally:
                self._depth = 0

    @abstractmethod
    def _outer_transaction(self) -> AbstractContextManager[None]:
        """Begin the backend's own transaction; commit when the block succeeds, else roll back."""

    # -- writing --------------------------------------------------------------------

    @abstractmethod
    def add(
        self,
        concept: Concept,
        on_conflict: str = "merge",
        *,
        keep_apart: set[str] | None = None,
        statuses: list[StatusChange] | None = None,
    ) -> str:
        """Store ``concept``, merging with an equal concept already there.

        ``on_conflict`` is one of :data:`ON_CONFLICT`; ``keep_apart`` holds
        uids that equal terms must not merge into (an importer passes the
        entries it added from the same file, since two entries of one file
        are two concepts by the file's own word).  ``statuses``, a list,
        makes the statuses ``concept`` states win over the stored ones and
        receives each change (an importer passes one: the file is the
        team's word; a build passes none, see
        :func:`~glossary.store.merge.merge_concepts`).  ``replace`` keeps
        the stored readings and sources the concept does not contradict
        (:func:`~glossary.store.merge.replace_concept`).  Returns one of
        :data:`ADD_RESULTS`.
        """

    @abstractmethod
    def put(self, concept: Concept) -> None:
        """Store ``concept`` exactly as it is, under its uid, in place of the concept with that uid.

        No merging: an edit (:mod:`glossary.edit`) has decided what the
        concept becomes, and this writes it.
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

        Ranked, best first: the text exactly (Traditional characters folded
        to Simplified, and the reverse); the same words spelled another way
        (:func:`search_key`: a singular for a plural, a hyphen, slash or
        space left out, British spelling, a name in Western order); a
        prefix; the pinyin exactly; a pinyin prefix ending at a syllable
        boundary; a substring starting at a word.  A Latin query of one or
        two letters matches only whole words and one Chinese character only
        a whole term, and a Latin query is taken as pinyin only when it is a
        whole sequence of syllables, so ``6G`` or ``g`` never match every
        term whose pinyin starts with a g.  When the query names nothing,
        the full form of a stored acronym (``artificial intelligence`` for
        ``AI``) is tried last.
        """

    def suggest(self, query: str, limit: int = 5) -> list[Suggestion]:
        """Near misses of ``query`` for a "did you mean", closest first.

        Meant for when :meth:`search` found nothing.  This default reads
        every concept (any backend has it); a backend may read only its keys.
        """
        concepts: dict[str, Concept] = {}
        rows: list[tuple[Hashable, str, str, str | None]] = []
        for concept in self.iter_concepts():
            uid = concept.ensure_uid()
            concepts[uid] = concept
            for term in concept.terms:
                zh = term.lang.startswith("zh")
                key = pinyin_key(term.romanization or term.pinyin or "") if zh else None
                rows.append((uid, term.text, term.lang, key or None))
        return [
            Suggestion(concepts[str(uid)], text, lang, distance)
            for uid, text, lang, distance in rank_suggestions(query, rows, limit)
        ]

    # -- history ---------------------------------------------------------------------------

    @abstractmethod
    def record(self, change: Change) -> None:
        """Append ``change`` to the term base's history, in the caller's transaction.

        An edit and its record commit together or not at all.  The history
        lives in the term base (an SQLite table, the ``.jsonl``'s sibling
        ``NAME.history.jsonl``), so it travels with it.
        """

    @abstractmethod
    def history(self, uid: str | None = None) -> list[Change]:
        """The recorded changes, oldest first, each with its ``seq``: all, or those of concept ``uid``.

        A change belongs to the concept it changed and, for a merge, to the
        one it names as ``other`` too.  A term base never edited has none.
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


@dataclass(frozen=True)
class Change:
    """One recorded edit: what was done to which concept, by whom, when, why, and the concept before and after.

    ``before`` and ``after`` are the concept as JSON (the ``.jsonl`` line
    format), None for a concept added or removed; ``other`` is the concept
    a merge took in or went into.  ``seq`` numbers the history from 1; the
    term base gives it when it records the change.
    """

    action: str
    uid: str
    who: str
    when: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None = None
    other: str | None = None
    seq: int | None = None


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


# -- searching: the keys and distances every backend shares ----------------------------------

#: Runs of letters or digits, in any script (the words of a folded text).
_KEY_WORDS = re.compile(r"[^\W_]+")
#: British endings as American ones, compared in keys only (terms are stored as printed).
_SPELLINGS = (
    (re.compile(r"(?<=\w{3})is(ation|ations|e|es|ed|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w{2}[^aeiou])tre(s?)$"), r"ter\1"),
)
#: Words left out of an acronym (``Belt and Road`` is ``BR`` as well as ``BAR``).
_MINOR_WORDS = frozenset({"a", "an", "and", "for", "in", "of", "on", "the", "to"})
_DIGITS = re.compile(r"\d+")


def search_key(norm: str) -> str:
    """The key two spellings of the same words share: separators gone, words singular.

    ``norm`` is a stored or typed text already folded (:func:`glossary.model.normalize_text`).
    ``high quality development`` and ``high-quality development``, ``ecommerce``
    and ``e-commerce``, ``IEC TC 88`` and ``IEC/TC 88``, ``developing country``
    and ``developing countries``, ``standardisation`` and ``standardization``
    share a key.  Both sides are keyed alike, so a crude singular costs at
    worst a far-fetched match, ranked below the exact ones.
    """
    words = _KEY_WORDS.findall(norm)
    out: list[str] = []
    for i, word in enumerate(words):
        if word.isascii():
            word = singular(word)
            if i and i == len(words) - 1 and len(word) == 3 and word.endswith("s") and word[1] != "s":
                word = word[:-1]  # trade-ins, add-ons: the plural of a two-letter particle
            for pattern, replacement in _SPELLINGS:
                word = pattern.sub(replacement, word)
        out.append(word)
    return "".join(out)


def western_orders(norm: str) -> list[str]:
    """A typed name of two or three Latin words with its last word moved first.

    ``jili jin`` -> ``jin jili``: a Chinese name written given name first,
    as in Western use.  Nothing for other queries.
    """
    words = norm.split()
    if not 2 <= len(words) <= 3 or not all(w.isascii() and w.replace("-", "").isalpha() for w in words):
        return []
    return [" ".join([words[-1], *words[:-1]])]


def acronyms(norm: str) -> list[str]:
    """The acronyms a typed full form may be stored as: ``artificial intelligence`` -> ``ai``."""
    words = [w for w in _KEY_WORDS.findall(norm) if w.isascii() and w.isalpha()]
    if len(words) < 2 or len(words) != len(norm.split()):
        return []
    every = "".join(w[0] for w in words)
    major = "".join(w[0] for w in words if w not in _MINOR_WORDS)
    return [a for a in dict.fromkeys([every, major]) if len(a) >= 2]


def word_start(norm: str, start: int) -> bool:
    """True when ``norm[start:]`` begins a word (what precedes is not a letter or digit)."""
    return start == 0 or not norm[start - 1].isalnum() or not norm[start].isalnum()


def word_end(norm: str, end: int) -> bool:
    """True when ``norm[:end]`` ends a word."""
    return end >= len(norm) or not norm[end].isalnum() or not norm[end - 1].isalnum()


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from ``a`` to ``b``; ``limit + 1`` when more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def allowed_edits(key: str) -> int:
    """How far a near miss of ``key`` may be: none under four letters, more for longer ones."""
    n = len(key)
    if n < 4:
        return 0
    if n < 8:
        return 1
    if n < 16:
        return 2
    return 3


@dataclass(frozen=True)
class Suggestion:
    """A "did you mean": the concept, the term of it near the query, and how near."""

    concept: Concept
    text: str
    lang: str
    distance: int


def near_key(query_key: str, key: str, limit: int) -> int | None:
    """The distance between two keys when within ``limit`` and their numbers agree, else None.

    A number is never "corrected": ``IEC TC 57`` is another committee than ``IEC/TC 88``.
    """
    if not key or _DIGITS.findall(query_key) != _DIGITS.findall(key):
        return None
    distance = edit_distance(query_key, key, limit)
    return distance if distance <= limit else None


def query_pinyin_key(query: str) -> str | None:
    """The pinyin key of a typed query when it can be pinyin at all, else None.

    A Latin query counts only when it is a whole sequence of syllables
    (tone numbers and marks allowed): ``6G`` and ``g`` are not pinyin, so
    they never match every term whose pinyin starts with a g.  A Chinese
    query is read with pypinyin (loaded here, so only a caller on a slow
    path, such as suggestions, should pass one).
    """
    q = query.strip()
    if is_han(q):
        return pinyin_key(q) or None
    if split_syllables(_DIGITS.sub("", q)) is None:
        return None
    return pinyin_key(q) or None


@dataclass(frozen=True)
class _Near:
    """What a stored term must be like to be a near miss of one query."""

    query: str
    key: str
    edits: int
    pinyin: str | None
    pinyin_edits: int

    @classmethod
    def of(cls, query: str) -> _Near:
        q = query.strip()
        han = is_han(q)
        key = search_key(normalize_text(q, "zh-Hans" if han else "en"))
        edits = (1 if len(key) >= 3 else 0) if han else allowed_edits(key)
        qpinyin = query_pinyin_key(q)
        return cls(q, key, edits, qpinyin, allowed_edits(qpinyin) if qpinyin else 0)

    def text_lengths(self) -> tuple[int, int]:
        """The lengths a near term's printed text may have (separators and plurals move it a little)."""
        slack = self.edits + 3 + len(self.query) // 4
        return len(self.query) - slack, len(self.query) + slack

    def pinyin_lengths(self) -> tuple[int, int]:
        n = len(self.pinyin or "")
        return n - self.pinyin_edits, n + self.pinyin_edits


@dataclass(frozen=True)
class SuggestionFilter:
    """What a stored term must look like to be worth keying as a near miss (a backend's prefilter).

    Its printed text has a length in ``text_lengths`` and starts with one of
    ``text_first`` or ends with one of ``text_last`` (lower case): a near
    miss keeps its first or its last letter, since one or two edits seldom
    change both.  Or its pinyin key does the same with ``pinyin_*``.  An
    empty range (``lo > hi``) means no comparison of that kind.
    """

    text_lengths: tuple[int, int]
    text_first: tuple[str, ...]
    text_last: tuple[str, ...]
    pinyin_lengths: tuple[int, int]
    pinyin_first: tuple[str, ...]
    pinyin_last: tuple[str, ...]

    def admits_text(self, text: str) -> bool:
        lo, hi = self.text_lengths
        head, tail = text[:1].lower(), text[-1:].lower()
        return lo <= len(text) <= hi and (head in self.text_first or tail in self.text_last)

    def admits_pinyin(self, key: str | None) -> bool:
        lo, hi = self.pinyin_lengths
        return bool(key) and lo <= len(key or "") <= hi and (
            key[:1] in self.pinyin_first or key[-1:] in self.pinyin_last  # type: ignore[index]
        )


def suggestion_filter(query: str) -> SuggestionFilter:
    """The :class:`SuggestionFilter` of ``query``; :func:`rank_suggestions` decides among what passes."""
    near = _Near.of(query)
    q = normalize_text(near.query, "zh-Hans" if is_han(near.query) else "en")
    text = near.text_lengths() if near.edits and q else (1, 0)
    ends = (q[:1], near.key[:1]), (q[-1:], near.key[-1:])
    pinyin = near.pinyin or ""
    return SuggestionFilter(
        text,
        tuple(dict.fromkeys(ends[0])),
        tuple(dict.fromkeys(ends[1])),
        near.pinyin_lengths() if pinyin else (1, 0),
        (pinyin[:1],),
        (pinyin[-1:],),
    )


def rank_suggestions(
    query: str, rows: Iterable[tuple[Hashable, str, str, str | None]], limit: int
) -> list[tuple[Hashable, str, str, int]]:
    """The nearest ``(id, text, lang, distance)`` per id among ``(id, text, lang, pinyin_key)`` rows.

    Only rows :func:`suggestion_filter` admits are compared (so every
    backend, prefiltering or not, suggests alike).  English (and any Latin
    text) is compared by :func:`search_key`, with
    the edits :func:`allowed_edits` allows; Chinese characters one edit
    apart for three characters or more; and pinyin keys, so a Chinese query
    finds its homophones and a misspelt pinyin its entry.  Numbers must
    agree.  Closest first, then shortest.
    """
    near = _Near.of(query)
    passes = suggestion_filter(query)
    best: dict[Hashable, tuple[Hashable, str, str, int]] = {}
    for ident, text, lang, key_pinyin in rows:
        found: list[int] = []
        if near.edits and passes.admits_text(text):
            distance = near_key(near.key, search_key(normalize_text(text, lang)), near.edits)
            if distance is not None:
                found.append(distance)
        if near.pinyin and passes.admits_pinyin(key_pinyin):
            distance = near_key(near.pinyin, key_pinyin or "", near.pinyin_edits)
            if distance is not None:
                found.append(distance)
        if found and (ident not in best or best[ident][3] > min(found)):
            best[ident] = (ident, text, lang, min(found))
    ranked = sorted(best.values(), key=lambda s: (s[3], len(s[1]), s[1]))
    return ranked[:limit]
