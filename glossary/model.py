"""The concept-oriented data model shared by every layer.

A :class:`Concept` holds :class:`Term` objects in several languages, as in
TBX and MultiTerm: the unit of meaning is the concept, not the string.
These are plain dataclasses so that readers, writers and checks can be
tested without a database; :mod:`glossary.store` persists them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

CONCEPT_TYPES = ("title", "section", "org", "person", "place", "term")
STATUSES = ("preferred", "admitted", "deprecated", "superseded")
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "variant")

#: Statuses a translation may use; the others are reported by the lint.
ALLOWED_STATUSES = ("preferred", "admitted")

#: Flag codes with a public meaning (CSV ``flags`` column, TBX notes).
FLAG_PINYIN_MISMATCH = "pinyin-mismatch"
FLAG_REVIEW = "review"


@dataclass
class Source:
    """Where a term or concept was met: file, 1-based line, and the text around it."""

    file: str
    line: int | None = None
    context: str = ""
    #: uid of the concept (a title) this one was aligned from, for sub-terms.
    parent: str | None = None

    def key(self) -> tuple[str, int]:
        return (self.file, self.line or 0)


@dataclass
class Flag:
    """A reviewer's warning attached to a term, e.g. a name that fails pinyin."""

    code: str
    detail: str = ""


@dataclass
class Term:
    lang: str
    text: str
    status: str = "preferred"
    term_type: str = "fullForm"
    pos: str | None = None
    #: Hanyu Pinyin with tone marks, words separated by spaces (Chinese only).
    pinyin: str | None = None
    #: GB/T 16159 spelling for names and places (``Chen Jianping``, ``Xi'an``).
    romanization: str | None = None
    note: str | None = None
    flags: list[Flag] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    @property
    def norm(self) -> str:
        return normalize_text(self.text, self.lang)


@dataclass
class Concept:
    type: str
    terms: list[Term] = field(default_factory=list)
    uid: str | None = None
    subject: str | None = None
    note: str | None = None
    #: For aligned sub-terms: 0..1, and the kinds of evidence that support it.
    confidence: float | None = None
    evidence: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def terms_in(self, lang: str) -> list[Term]:
        return [t for t in self.terms if t.lang == lang]

    def preferred(self, lang: str) -> Term | None:
        """The preferred term in ``lang``, else the first allowed one, else any."""
        terms = self.terms_in(lang)
        for wanted in ("preferred", "admitted"):
            for term in terms:
                if term.status == wanted:
                    return term
        return terms[0] if terms else None

    @property
    def flags(self) -> list[Flag]:
        return [flag for term in self.terms for flag in term.flags]

    def ensure_uid(self) -> str:
        if not self.uid:
            self.uid = make_uid(self)
        return self.uid


_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})
#: Whether a text holds one of :data:`_QUOTES`: a search is ten times cheaper than the translation it saves.
_HAS_QUOTES = re.compile("[\u2018\u2019\u201c\u201d\u00b4]")


def normalize_text(text: str, lang: str = "en") -> str:
    """The key two spellings of one term share: NFKC, one space, unified dashes
    and quotes, and case folded for Latin-script languages.

    Chinese keeps its characters but loses spaces, which layout breaks insert.
    """
    return normalize_finish(normalize_base(text), lang)


def normalize_finish(value: str, lang: str) -> str:
    """The language's part of :func:`normalize_text`, on a :func:`normalize_base` value.

    Split out so that a caller keying one text for two languages does the
    shared part once.
    """
    if lang.startswith("zh"):
        return value.replace(" ", "")
    return value.casefold()


def normalize_base(text: str) -> str:
    """What :func:`normalize_text` does whatever the language: NFKC, quotes, dashes, spaces.

    ASCII text is its own NFKC form and holds no curly quote or Unicode
    dash, so it only has its spaces collapsed (``str.split`` and ``\\s``
    agree on what whitespace is); most catalog text is ASCII.
    """
    if text.isascii():
        return " ".join(text.split())
    value = unicodedata.normalize("NFKC", text)
    if _HAS_QUOTES.search(value):
        value = value.translate(_QUOTES)
    value = _DASHES.sub("-", value)
    return " ".join(value.split())


#: How :meth:`Concept.preferred` ranks a status: preferred first, then admitted, then any.
_PREFERENCE = {"preferred": 0, "admitted": 1}


def make_uid(concept: Concept, norms: Sequence[str] | None = None) -> str:
    """A stable, valid ``xsd:ID`` for a concept, derived from its first terms.

    Derived rather than sequential, so that building the same corpus twice,
    or on two machines, gives the same ids in every export.  The terms are
    those :meth:`Concept.preferred` picks, one per language, found in one
    pass; ``norms``, when given, are the terms' ``norm`` in order (a bulk
    writer that needs them anyway computes each once).
    """
    terms = concept.terms
    return derived_uid(
        concept.type,
        [(term.lang, term.status) for term in terms],
        [term.norm for term in terms] if norms is None else norms,
    )


def derived_uid(concept_type: str, terms: Sequence[tuple[str, str]], norms: Sequence[str]) -> str:
    """:func:`make_uid` of a concept given as its type, its terms' (language, status) and their norms.

    For a bulk import that holds concepts as plain tuples (:mod:`glossary.store.sqlite`).
    """
    best: dict[str, tuple[int, int]] = {}
    for i, (lang, status) in enumerate(terms):
        rank = _PREFERENCE.get(status, 2)
        held = best.get(lang)
        if held is None or rank < held[0]:
            best[lang] = (rank, i)
    parts = [concept_type]
    for lang in sorted(best):
        parts.append(f"{lang}={norms[best[lang][1]]}")
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"c{digest[:12]}"
