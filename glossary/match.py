"""Finding the term base's terms in running text, in English and Chinese.

One :class:`TermIndex` is built per run from the whole term base and answers
``find(text, lang)`` for every segment of a draft, so building it must be
cheap (seconds for 50,000 concepts) and each lookup linear in the text:
Aho-Corasick automata (pyahocorasick) over *normalized keys*, one pass per
text whatever the number of terms.

English keys are token sequences.  A token is a word (letters and digits,
inner apostrophes kept) or one punctuation mark; spaces, hyphens and dashes
only separate tokens, so ``e-commerce`` and ``e commerce`` give the same key,
and a hyphenated term also gets its joined spelling (``ecommerce``) as a key.
Words are case folded and lightly stemmed (plural ``-s/-es/-ies``, ``-ed``,
``-ing``, final ``-e``) on both sides, so ``World Standard Days`` finds
``World Standards Day``; acronyms and codes (``ISO``, ``GB/T``: all capitals, up to
four letters or with digits or slashes, or a term typed ``acronym``) keep
their case, and only a plural ``s`` is dropped (``SDOs``).
Because keys are whole tokens, a match can never start or end inside a word.

Chinese keys are the term's characters with spaces removed (as
:func:`glossary.model.normalize_text`).  A hit is kept only if it does not
cut a word: the text is segmented with jieba, into whose dictionary every
Chinese term of the base is added, and both ends of the hit must fall on
token boundaries.  That is what rejects ``和服`` in ``他和服务员`` (jieba:
他/和/服务员) and ``标准`` inside ``标准化``.  jieba is loaded (about a
second) only when a Chinese text has a hit whose ends are between two Han
characters; ends next to punctuation, Latin or the text's edges need no
segmenter.

Simplified and Traditional meet through folding (:func:`glossary.chinese.convert.match_fold`:
OpenCC's character table, offsets kept, 臺/台, 裡/里 and 著/着 alike): a
Traditional draft against a mainland term base, the reverse, or a base
holding both scripts is matched on folded keys of every Chinese term, so
配額 finds 配额.  A Simplified text against a Simplified base never folds,
and never loads the converter (a set lookup tells that no character needs it).

Among overlapping hits the longest wins; ties go to the leftmost.  Whole
titles and section names (concept types ``title`` and ``section``) are matched
only as a whole: short ones (under three English words or six Chinese
characters, e.g. the section name ``Features``) only when they are the whole
segment, apart from numbering, punctuation and markup, so that running text
using the word *features* is not held to the heading's translation.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from glossary import __version__
from glossary.bulk import batches, collector_paused, fork_cores
from glossary.chinese.convert import (
    match_fold,
    match_fold_many,
    may_fold,
    regional_forms,
    regional_forms_many,
)
from glossary.chinese.segment import Segmenter
from glossary.lang import ZH, ZH_HANT, is_traditional, region_of, same_chinese
from glossary.model import ALLOWED_STATUSES, Concept, Term
from glossary.store.base import TermBase
from glossary.text.english import MATCH_KEYS_VERSION, QUOTES, cased_key, is_function_word, match_key
from glossary.text.script import HAN_RUN

#: Concept types that are headings: matched only as a whole (see module doc).
HEADING_TYPES = ("title", "section")

_SEPARATORS = "\\s\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d"
_CJK = "\u3000-\u9fff\uf900-\ufaff\uff00-\uff0f\U00020000-\U0002ffff"
#: A Latin word (inner apostrophes kept), one CJK character, or one punctuation mark.
_EN_TOKEN = re.compile(
    rf"[^\W_{_CJK}]+(?:['\u2019\uff07][^\W_{_CJK}]+)*|[{_CJK}]|[^{_SEPARATORS}\w]|_"
)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_LETTER = re.compile(r"[^\W\d_]")
_JOINED_HYPHEN = re.compile("\\S[\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]\\S")
_DASH_CHARS = set("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")


#: :func:`may_fold` of the texts a lint asks about, remembered: a segment's target is
#: asked about by its term search and again for each rendering looked for in it.
_may_fold = lru_cache(maxsize=1024)(may_fold)


def is_chinese_lang(lang: str) -> bool:
    return lang.lower().startswith("zh")


def is_han(ch: str) -> bool:
    return bool(_HAN.match(ch))


@dataclass(frozen=True)
class Entry:
    """One term of one concept, as the index knows it."""

    uid: str
    term: Term
    concept_type: str
    #: Matched only when it is the whole segment (short headings).
    whole_only: bool = False

    @property
    def allowed(self) -> bool:
        return self.term.status in ALLOWED_STATUSES


@dataclass
class Match:
    """A term found in a text: ``text[start:end]`` is the term as written there."""

    start: int
    end: int
    text: str
    uid: str
    term: Term
    #: Every term base entry sharing this key (homographs), best first.
    entries: tuple[Entry, ...] = field(default=(), repr=False)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


# -- English token keys: glossary.text.english (match_key, cased_key) --------


def is_case_sensitive(term: Term) -> bool:
    """Acronyms and codes keep their case: ``ISO`` is not the word *iso*."""
    return _case_sensitive(term.text, term.term_type)


@lru_cache(maxsize=65536)
def _case_sensitive(text: str, term_type: str) -> bool:
    if term_type == "acronym":
        return True
    text = text.strip()
    if not text or any(ch.islower() for ch in text) or len(text) > 12 or " " in text:
        return False
    letters = sum(ch.isalpha() for ch in text)
    if letters > 4 and text.isalpha():
        # A capitalized word (CHINA from a cover, FEATURES from a heading) is a
        # word, not an acronym; codes with digits or slashes keep their case.
        return False
    return sum(ch.isupper() for ch in text) >= 2


def en_tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _EN_TOKEN.finditer(text)]


class _EnText:
    """A text as token keys (folded and cased), mapped back to the text only on demand.

    Keys are the tokens' normal forms joined by single spaces.  Most texts of
    a draft have few or no hits, so the offset maps and the tokens' spans in
    the text are built only when a hit has to be mapped back.
    """

    __slots__ = ("text", "tokens", "folded", "_cased", "_maps", "_padded")

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[str] = _EN_TOKEN.findall(text)
        self.folded = " ".join(map(match_key, self.tokens))
        self._cased: str | None = None
        self._maps: dict[str, tuple[dict[int, int], dict[int, int]]] = {}
        self._padded: dict[str, str] = {}

    def padded(self, mode: str) -> str:
        """The key text between two spaces: `` key `` is found in it only at token boundaries."""
        found = self._padded.get(mode)
        if found is None:
            found = self._padded[mode] = " " + (self.folded if mode == "f" else self.cased) + " "
        return found

    @property
    def cased(self) -> str:
        if self._cased is None:
            self._cased = " ".join(map(cased_key, self.tokens))
        return self._cased

    def maps(self, mode: str) -> tuple[dict[int, int], dict[int, int]]:
        """Key offset -> text offset, of token starts and of token ends ('f' folded, 'c' cased).

        Built in one walk over the tokens when a first hit has to be mapped
        back; a lint maps several hits per text, each then two dict lookups.
        """
        found = self._maps.get(mode)
        if found is None:
            norm = match_key if mode == "f" else cased_key
            starts: dict[int, int] = {}
            ends: dict[int, int] = {}
            pos = 0
            at = 0
            text = self.text
            for tok in self.tokens:
                # Tokens never contain separators, so each is found right after the previous one.
                at = text.find(tok, at)
                starts[pos] = at
                at += len(tok)
                pos += len(norm(tok))
                ends[pos] = at
                pos += 1
            found = self._maps[mode] = (starts, ends)
        return found

    def span(self, mode: str, kstart: int, kend: int) -> tuple[int, int] | None:
        """The text span of the key stretch ``[kstart, kend)``, or None if it cuts a token."""
        starts, ends = self.maps(mode)
        first = starts.get(kstart)
        last = ends.get(kend)
        if first is None or last is None:
            return None
        return first, last


@lru_cache(maxsize=256)
def _prepare_en(text: str) -> _EnText:
    return _EnText(text)


def en_keys(term_text: str, case_sensitive: bool) -> list[str]:
    """The keys a term is found by: spaced, and joined when it is hyphenated."""
    return list(_en_keys(term_text, case_sensitive))


@lru_cache(maxsize=65536)
def _en_keys(term_text: str, case_sensitive: bool) -> tuple[str, ...]:
    tokens = [tok for _s, _e, tok in en_tokens(term_text)]
    if not tokens:
        return ()
    norm = cased_key if case_sensitive else match_key
    keys = [" ".join(norm(t) for t in tokens)]
    if _JOINED_HYPHEN.search(term_text):
        # e-commerce -> ecommerce (joined across hyphens only, not spaces).
        parts = re.split(r"\s+", term_text.strip())
        joined_tokens: list[str] = []
        for part in parts:
            sub = [tok for _s, _e, tok in en_tokens(part)]
            if all(_LETTER.search(t) or t.isdigit() for t in sub):
                joined_tokens.append("".join(sub))
            else:
                joined_tokens.extend(sub)
        joined = " ".join(norm(t) for t in joined_tokens)
        if joined not in keys:
            keys.append(joined)
    return tuple(keys)


# -- Chinese normalization ------------------------------------------------


@lru_cache(maxsize=16384)
def _zh_char(ch: str) -> str:
    value = unicodedata.normalize("NFKC", ch).translate(QUOTES)
    return "".join("-" if c in _DASH_CHARS else c for c in value)


#: Characters the per-character normalization below would change or drop.
_ZH_SPECIAL = re.compile("[\\s\u00b4\u2010-\u2015\u2018\u2019\u201c\u201d\u2212\ufe58\ufe63\uff0d]")


#: :data:`_ZH_SPECIAL` but the spaces: the characters that change when a normalized text is.
_ZH_SPECIAL_CHARS = re.compile("[\u00b4\u2010-\u2015\u2018\u2019\u201c\u201d\u2212\ufe58\ufe63\uff0d]")


@lru_cache(maxsize=256)
def _prepare_zh(text: str) -> tuple[str, list[int] | range]:
    """Normalized characters (no spaces) and each one's index in ``text``."""
    if not _ZH_SPECIAL.search(text) and unicodedata.is_normalized("NFKC", text):
        return text, range(len(text))  # the common case: nothing to change
    if not _ZH_SPECIAL_CHARS.search(text) and unicodedata.is_normalized("NFKC", text):
        # Each character of an NFKC-normalized text is its own NFKC form, and none of the
        # quotes and dashes is there: only the spaces go (``str.split`` splits on ``isspace``).
        norm = "".join(text.split())
        if len(norm) + text.count(" ") == len(text):  # no space but U+0020, the common one
            return norm, [i for i, c in enumerate(text) if c != " "]
        return norm, [i for i, c in enumerate(text) if not c.isspace()]
    return _prepare_zh_chars(text)


def _prepare_zh_chars(text: str) -> tuple[str, list[int]]:
    """:func:`_prepare_zh` character by character, for a text where some character
    normalizes to several (``㎏``: ``kg``); the reference the fast path is tested against."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for c in _zh_char(ch):
            out.append(c)
            origin.append(i)
    return "".join(out), origin


def zh_key(term_text: str) -> str:
    return _prepare_zh(term_text)[0]


def _is_whole(text: str, start: int, end: int) -> bool:
    """True when nothing but numbering, punctuation and markup surrounds the span."""
    return not _LETTER.search(text[:start]) and not _LETTER.search(text[end:])


# -- the index ------------------------------------------------------------


def term_keys(concept: Concept) -> Iterator[tuple[str, str, str, int, bool]]:
    """``(lang, mode, key, term position, whole_only)`` of every key a concept's terms are found by.

    The one definition of the keys (:func:`outline_keys`), shared by
    :meth:`TermIndex.add` and the stored index's writer (:func:`save_index`),
    so both give the same index.
    """
    return outline_keys(concept.type, [(t.lang, t.text, t.status, t.term_type) for t in concept.terms])


def outline_keys(ctype: str, terms: Sequence[tuple[str, str, str, str]]) -> Iterator[tuple[str, str, str, int, bool]]:
    """:func:`term_keys` of a concept of type ``ctype`` whose terms are ``(lang, text, status, term type)``.

    Plain tuples, as a term base's rows are read for the stored index
    (:meth:`glossary.store.sqlite.SQLiteTermBase.iter_outlines`): making a
    million concepts' objects to read four fields of each term costs as
    much as their keys.
    """
    heading = ctype in HEADING_TYPES
    for j, (lang, raw, _status, term_type) in enumerate(terms):
        text = raw.strip()
        if not text:
            continue
        if is_chinese_lang(lang):
            key = zh_key(text)
            if key:
                yield lang, "z", key, j, heading and len(key) < 6
        else:
            cs = _case_sensitive(raw, term_type)  # is_case_sensitive
            keys = en_keys(text, cs)
            if not keys:
                continue
            whole_only = heading and keys[0].count(" ") < 2
            for key in keys:
                yield lang, "c" if cs else "f", key, j, whole_only


class TermIndex:
    """Every term of a term base, by language, ready to be found in text."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts: dict[str, Concept] = {}
        # (lang, mode) -> key -> entries; mode is 'f' (folded), 'c' (cased) or 'z'.
        self._keys: dict[tuple[str, str], dict[str, list[Entry]]] = {}
        self._automata: dict[tuple[str, str], Any] = {}
        self._zh_words: set[str] = set()
        self._segmenter: Segmenter | None = None
        self._renderings: dict[tuple[str, str, bool], list[Term]] = {}
        self._folds: bool | None = None
        self._folded: dict[str, list[Entry]] | None = None
        #: Where a stored index reads its key tables and concepts (None: an index in memory).
        self._stored: _Fetcher | None = None
        #: lang -> texts about to be searched (:meth:`expect`), read together on the first search.
        self._expected: dict[str, list[str]] = {}
        for concept in concepts:
            self.add(concept)

    # building

    def add(self, concept: Concept) -> None:
        if self._stored is not None:
            raise TypeError("a stored index is read from its term base, not added to")
        uid = concept.ensure_uid()
        self.concepts[uid] = concept
        for lang, mode, key, j, whole_only in term_keys(concept):
            term = concept.terms[j]
            self._add_key(lang, mode, key, Entry(uid, term, concept.type, whole_only))
            if mode == "z" and _HAN.search(key):
                self._zh_words.add(key)
        self._automata.clear()
        self._renderings.clear()
        self._segmenter = None
        self._folds = None
        self._folded = None

    def _add_key(self, lang: str, mode: str, key: str, entry: Entry) -> None:
        bucket = self._keys.setdefault((lang, mode), {})
        entries = bucket.get(key)
        if entries is None:
            bucket[key] = [entry]
            return
        if not any(e.uid == entry.uid and e.term.text == entry.term.text for e in entries):
            entries.append(entry)
            # Allowed terms first, then concept types most drafts care about.
            entries.sort(key=lambda e: (not e.allowed, e.whole_only))

    def _automaton(self, lang: str, mode: str) -> Any:
        """The Aho-Corasick automaton of one language and mode, built on first use.

        Each key's value is ``(length, entries, heading)``; ``heading`` says
        whether some entry is matched only as a whole segment, so the common
        case skips that test.  English keys are stored between two spaces and
        searched for in the text's key padded likewise, so the automaton
        reports only hits that start and end at token boundaries (``length``
        is the key's own length, without the spaces): most raw hits of short
        keys are inside words, and each would cost a Python step to reject.
        """
        auto = self._automata.get((lang, mode))
        if auto is None:
            bucket = self._keys.get((lang, mode), {})
            if isinstance(bucket, _TableBucket):
                # A stored index: its keys are probed where they are, values made on a hit.
                assert self._stored is not None
                auto = self._automata[(lang, mode)] = _TableMatcher(
                    bucket, (bucket.number,), self._stored, padded=mode in ("f", "c"), size=len(bucket)
                )
                return auto
            import ahocorasick

            auto = ahocorasick.Automaton()
            pad = " " if mode in ("f", "c") else ""
            for key, entries in bucket.items():
                auto.add_word(pad + key + pad, (len(key), tuple(entries), any(e.whole_only for e in entries)))
            if len(auto):
                auto.make_automaton()
            self._automata[(lang, mode)] = auto
        return auto

    def prepare(self) -> None:
        """Build every automaton now rather than on first use (before worker processes fork)."""
        if self._stored is not None:
            self._stored.load_heads()
        for lang, mode in list(self._keys):
            self._automaton(lang, mode)
        if self.base_folds():
            self._folded_automaton()

    # both scripts

    def base_folds(self) -> bool:
        """True when the base has Chinese terms other than Simplified ones (then every Chinese text folds).

        A Simplified term holding a Traditional character (a name written 李贊)
        does not make a Simplified base fold: Simplified texts then keep the
        plain path that never loads the converter, and a text that holds such
        characters folds on its own (:meth:`folding`).
        """
        if self._folds is None:
            self._folds = any(mode == "z" and lang != ZH for lang, mode in self._keys)
        return self._folds

    def folding(self, text: str, lang: str) -> bool:
        """Whether Chinese ``text`` in ``lang`` is matched on folded keys (see the module doc)."""
        return lang != ZH or self.base_folds() or _may_fold(text)

    def chinese_scripts(self) -> set[str]:
        """The Chinese languages the base has terms in (``zh-Hans``, ``zh-Hant``)."""
        return {lang for lang, mode in self._keys if mode == "z"}

    def _folded_keys(self) -> dict[str, list[Entry]]:
        """Folded key -> the entries of every Chinese term that folds to it, both scripts together."""
        found = self._folded
        if found is None and self._stored is not None:
            # A stored index: the folded table maps to the stored keys, entries made on a hit.
            zh = [bucket for (_lang, mode), bucket in self._keys.items() if mode == "z"]
            found = self._folded = _TableFolded(zh, self._stored)  # type: ignore[arg-type, assignment]
        if found is None:
            found = {}
            for (_lang, mode), bucket in list(self._keys.items()):
                if mode != "z":
                    continue
                for key, entries in bucket.items():
                    merged = found.setdefault(match_fold(key), [])
                    merged.extend(e for e in entries if e not in merged)
            for entries in found.values():
                entries.sort(key=lambda e: (not e.allowed, e.whole_only))
            self._folded = found
        return found

    def _folded_automaton(self) -> Any:
        auto = self._automata.get(("*", "t"))
        if auto is None and self._stored is not None:
            folded: _TableFolded = self._folded_keys()  # type: ignore[assignment]
            auto = self._automata[("*", "t")] = _TableMatcher(
                folded, folded.numbers, self._stored, padded=False, size=len(folded)
            )
        if auto is None:
            import ahocorasick

            auto = ahocorasick.Automaton()
            for key, entries in self._folded_keys().items():
                auto.add_word(key, (len(key), tuple(entries), any(e.whole_only for e in entries)))
            if len(auto):
                auto.make_automaton()
            self._automata[("*", "t")] = auto
        return auto

    def _regional_automaton(self, lang: str) -> Any:
        """The folded keys, plus the region's own word for each Simplified term (a Traditional text).

        A Taiwan source writes 軟體 where the base has the mainland 软件: the
        phrase table's usage (:func:`glossary.chinese.convert.regional_forms`)
        is one more key of the mainland term's entries, so the term is found.
        Built once per region, only for a Traditional text.
        """
        region = region_of(lang) or ZH_HANT
        auto = self._automata.get((region, "r"))
        if auto is None and self._stored is not None:
            # A stored index: the usage keys were derived when it was written, for each region.
            folded: _TableFolded = self._folded_keys()  # type: ignore[assignment]
            regions = (_REGION_TABLES[region],) if region in _REGION_TABLES else tuple(_REGION_TABLES.values())
            regional = _TableRegional(folded, regions, self._stored)
            auto = self._automata[(region, "r")] = _TableMatcher(
                regional, regional.numbers, self._stored, padded=False, size=len(folded)
            )
        if auto is None:
            import ahocorasick

            keys = {key: list(entries) for key, entries in self._folded_keys().items()}
            for (key_lang, mode), bucket in list(self._keys.items()):
                if mode != "z" or is_traditional(key_lang):
                    continue
                for entries in bucket.values():
                    for entry in entries:
                        for _region, usage in regional_forms(entry.term.text, entry.term.lang, lang):
                            usage_key = match_fold(zh_key(usage))
                            if usage_key and usage_key not in self._folded_keys():
                                merged = keys.setdefault(usage_key, [])
                                if entry not in merged:
                                    merged.append(entry)
            auto = ahocorasick.Automaton()
            for key, entries in keys.items():
                auto.add_word(key, (len(key), tuple(entries), any(e.whole_only for e in entries)))
            if len(auto):
                auto.make_automaton()
            self._automata[(region, "r")] = auto
        return auto

    def languages(self) -> set[str]:
        return {lang for lang, _mode in self._keys}

    def concepts_of(self, kind: str) -> Iterator[Concept]:
        """The concepts of one type, in uid order; a stored index reads only those from its term base."""
        if isinstance(self.concepts, _StoredConcepts):
            return self.concepts.of_type(kind)
        return (c for c in self.concepts.values() if c.type == kind)

    def __len__(self) -> int:
        return len(self.concepts)

    # finding

    def find(self, text: str, lang: str) -> list[Match]:
        """Terms of ``lang`` in ``text``: non-overlapping, longest first, in text order."""
        if not text:
            return []
        if self._expected:
            pending = self._expected.pop(lang, None)
            if pending:
                self._prime(pending, lang)
        if is_chinese_lang(lang):
            return self._find_zh(text, lang)
        return self._find_en(text, lang)

    def expect(self, texts: Iterable[str], lang: str) -> None:
        """Say which texts of ``lang`` are about to be searched (a lint's next segments).

        A stored index then reads their keys and concepts together when the
        first search of ``lang`` comes, a few queries for all of them instead
        of a few per text (a lint of 10,000 segments against a million
        concepts spent a third of its time in 30,000 small queries).  Only
        reads ahead: what :meth:`find` returns is the same, and a text not
        expected is searched as before.  An index in memory ignores it.
        """
        if self._stored is not None:
            self._expected.setdefault(lang, []).extend(t for t in texts if t)

    def _prime(self, texts: list[str], lang: str) -> None:
        """Read ahead, for each stored matcher, the key rows and concepts :meth:`find` will ask of ``texts``."""
        groups: dict[int, tuple[_TableMatcher, list[str]]] = {}
        if is_chinese_lang(lang):
            for text in texts:
                folded = self.folding(text, lang)
                auto = self._zh_automaton(lang, folded)
                if not isinstance(auto, _TableMatcher) or not len(auto):
                    continue
                norm = _prepare_zh(text)[0]
                if folded:
                    norm = match_fold(norm)
                groups.setdefault(id(auto), (auto, []))[1].append(norm)
        else:
            for mode in ("f", "c"):
                if (lang, mode) not in self._keys:
                    continue
                auto = self._automaton(lang, mode)
                if isinstance(auto, _TableMatcher) and len(auto):
                    groups[id(auto)] = (auto, [_EnText(text).padded(mode) for text in texts])
        for auto, norms in groups.values():
            auto.prime(norms)

    def _find_en(self, text: str, lang: str) -> list[Match]:
        prepared: _EnText | None = None
        hits: list[tuple[int, int, tuple[Entry, ...]]] = []
        for mode in ("f", "c"):
            if (lang, mode) not in self._keys:
                continue
            auto = self._automaton(lang, mode)
            if not len(auto):
                continue
            if prepared is None:
                prepared = _prepare_en(text)
            # Padded keys in the padded text: every hit starts and ends at a space of
            # the key text or at its edges (see _automaton).
            padded = prepared.padded(mode)
            exact = mode == "c"
            for end_idx, (length, entries, heading) in auto.iter(padded):
                kstart, kend = end_idx - length - 1, end_idx - 1
                span = prepared.span(mode, kstart, kend)
                if span is None:
                    continue  # starts or ends inside a word
                if heading:
                    entries = _usable(text, span[0], span[1], entries)
                    if not entries:
                        continue
                if length <= 8 and is_function_word(padded[kstart + 1 : kend + 1]) and not _is_whole(text, *span):
                    continue  # To (a mail header) is not the preposition to
                hits.append((span[0], span[1], entries, exact))
        return _select(text, hits)

    def _find_zh(self, text: str, lang: str) -> list[Match]:
        folded = self.folding(text, lang)
        auto = self._zh_automaton(lang, folded)
        if auto is None or not len(auto):
            return []
        norm, origin = _prepare_zh(text)
        if folded:
            norm = match_fold(norm)  # same length: offsets and origins hold
        hits: list[tuple[int, int, tuple[Entry, ...], bool, int, int]] = []
        inside: dict[int, tuple[int, int]] | None = None
        plain = type(origin) is range  # nothing normalized: offsets are the text's
        for end_idx, (length, entries, heading) in auto.iter(norm):
            s, e = end_idx - length + 1, end_idx + 1
            start, end = (s, e) if plain else (origin[s], origin[e - 1] + 1)
            if heading:
                entries = _usable(text, start, end, entries)
                if not entries:
                    continue
            if inside is None:
                inside = _inside_han_runs(norm)
            # Ends between two Han characters need the segmenter's word boundaries.
            hits.append((start, end, entries, s in inside or e in inside, s, e))
        if not hits:
            return []
        # Longest first, then leftmost; a hit is checked against word boundaries
        # only when nothing chosen overlaps it, and only the Han runs holding its
        # ends are segmented (runs are segmented independently), so most texts
        # segment little or nothing.
        hits.sort(key=_longest_first)
        taken = bytearray(len(text) + 1)
        chosen: list[Match] = []
        cuts: dict[int, tuple[int, tuple[int, ...]]] | None = None
        lows: dict[int, int] = {}
        for start, end, entries, inner, s, e in hits:
            if taken.find(1, start, end) >= 0:
                continue
            if inner:
                assert inside is not None
                if cuts is None:
                    cuts = {}
                    self.segmenter().count_text()
                    lows = _lowest_ends(hits, inside)
                if (s in inside and not _on_boundary(s, inside, cuts, lows, norm, self)) or (
                    e in inside and not _on_boundary(e, inside, cuts, lows, norm, self)
                ):
                    continue
            taken[start:end] = b"\x01" * (end - start)
            best = entries[0]
            chosen.append(Match(start, end, text[start:end], best.uid, best.term, entries))
        chosen.sort(key=_by_start)
        return chosen

    def _zh_automaton(self, lang: str, folded: bool) -> Any:
        """The automaton a Chinese text of ``lang`` is searched with (None: the base has no such keys)."""
        if folded:
            return self._regional_automaton(lang) if is_traditional(lang) else self._folded_automaton()
        if (lang, "z") not in self._keys:
            return None
        return self._automaton(lang, "z")

    def segmenter(self) -> Segmenter:
        if self._segmenter is None and self._stored is not None:
            # A stored index: a run's words are probed in the key tables when it is first cut.
            numbers = tuple(b.number for (_l, mode), b in self._keys.items() if mode == "z")  # type: ignore[attr-defined]
            if self.base_folds():
                numbers += (_FOLDED_TABLE,)
            finder = _TableMatcher(_AnyRows(), numbers, self._stored, padded=False, size=0)
            self._segmenter = Segmenter(source=_StoredWords(finder, numbers, self._stored))
        if self._segmenter is None:
            words = self._zh_words
            if self.base_folds():
                # Folded texts are segmented: the folded keys are their words.
                words = words | {key for key in self._folded_keys() if _HAN.search(key)}
            self._segmenter = Segmenter(words)
        return self._segmenter

    # renderings

    def renderings(self, uid: str, lang: str, *, allowed: bool = True) -> list[Term]:
        key = (uid, lang, allowed)
        found = self._renderings.get(key)
        if found is None:
            found = self._renderings[key] = self._compute_renderings(uid, lang, allowed)
        return list(found)

    def _compute_renderings(self, uid: str, lang: str, allowed: bool) -> list[Term]:
        concept = self.concepts.get(uid)
        if concept is None:
            return []
        terms = concept.terms_in(lang)
        if not terms and is_chinese_lang(lang):
            # zh-Hant-TW: a plain zh-Hant term is the draft's own script; else any Chinese, converted.
            terms = [t for t in concept.terms if same_chinese(t.lang, lang)] or [
                t for t in concept.terms if is_chinese_lang(t.lang)
            ]
        if allowed:
            return [t for t in terms if t.status in ALLOWED_STATUSES]
        return list(terms)

    def find_rendering(
        self, uid: str, text: str, lang: str, matches: list[Match] | None = None,
        source_uids: frozenset[str] | set[str] | None = None,
    ) -> tuple[Term, int, int] | None:
        """The first allowed rendering of concept ``uid`` present in ``text``.

        Presence uses the same normalization as :meth:`find`.  For Chinese a
        plain substring counts (a translation is *present* even where jieba
        would segment it differently), except when it only occurs inside a
        longer term of the base that ``matches`` found there: 标准 inside
        标准化 does not stand for 标准 (with ``source_uids``, only when the
        source has that longer term's concept, see :func:`_shadowed`).
        """
        terms = self._renderings.get((uid, lang, True))
        if terms is None:
            terms = self.renderings(uid, lang)
        for term in terms:
            if is_chinese_lang(term.lang):
                key = zh_key(term.text)
                if not key:
                    continue
                norm, origin = _prepare_zh(text)
                if self.folding(text, lang) or term.lang != lang:
                    key, norm = match_fold(key), match_fold(norm)
                pos = norm.find(key)
                if pos >= 0 and matches is None:
                    matches = self.find(text, lang)
                while pos >= 0:
                    start, end = origin[pos], origin[pos + len(key) - 1] + 1
                    if not _shadowed(start, end, uid, matches or [], source_uids, self):
                        return term, start, end
                    pos = norm.find(key, pos + 1)
                parts = _phrase_parts(key)
                if parts and all(p in norm for p in parts):
                    # 版本的OmegaT (version of OmegaT) written OmegaT 版本: Chinese orders a phrase its own way.
                    pos = norm.find(parts[0])
                    return term, origin[pos], origin[pos + len(parts[0]) - 1] + 1
            else:
                span = _find_en(text, term)
                if span is not None:
                    return term, span[0], span[1]
        return None


    def english_contains(self, outer: str, inner: str) -> bool:
        """Does an English term of concept ``outer`` contain one of concept ``inner``'s, as whole words?"""
        # Kept on the instance, made on first use: the finding half's own cache (not part of the stored index).
        cache: dict[tuple[str, str], bool] = self.__dict__.setdefault("_contains", {})
        found = cache.get((outer, inner))
        if found is None:
            if len(cache) > 65536:
                cache.clear()
            found = cache[(outer, inner)] = _english_contains(self.concepts.get(outer), self.concepts.get(inner))
        return found

    def find_regional(self, uid: str, text: str, lang: str) -> tuple[Term, str, str, int, int] | None:
        """A regional usage of concept ``uid``'s rendering in Chinese ``text``: (term, region, usage, start, end).

        Only where the renderings come from the other script (a Traditional
        draft against mainland terms, or the reverse): an explicit term in the
        draft's own script is the team's word, never second-guessed.  The
        usage is the phrase tables' (软件: Taiwan 軟體), found on folded keys.
        """
        if not is_chinese_lang(lang):
            return None
        terms = self.renderings(uid, lang)
        if not terms or any(same_chinese(t.lang, lang) for t in terms):
            return None
        norm, origin = _prepare_zh(text)
        folded = match_fold(norm)
        for term in terms:
            for region, usage in regional_forms(term.text, term.lang, lang):
                key = match_fold(zh_key(usage))
                pos = folded.find(key) if key else -1
                if pos >= 0:
                    return term, region, usage, origin[pos], origin[pos + len(key) - 1] + 1
        return None


def _inside_han_runs(norm: str) -> dict[int, tuple[int, int]]:
    """Offsets with a Han character on both sides (where a word may run through), each with its run's span."""
    inside: dict[int, tuple[int, int]] = {}
    for m in HAN_RUN.finditer(norm):
        span = m.span()
        if span[1] - span[0] > 1:
            inside.update(dict.fromkeys(range(span[0] + 1, span[1]), span))
    return inside


def _lowest_ends(
    hits: list[tuple[int, int, tuple[Entry, ...], bool, int, int]], inside: dict[int, tuple[int, int]]
) -> dict[int, int]:
    """Run start -> the lowest offset inside that run that some hit may ask about."""
    lows: dict[int, int] = {}
    for *_rest, s, e in hits:
        for pos in (s, e):
            span = inside.get(pos)
            if span is not None and pos < lows.get(span[0], pos + 1):
                lows[span[0]] = pos
    return lows


def _on_boundary(
    pos: int,
    inside: dict[int, tuple[int, int]],
    cuts: dict[int, tuple[int, tuple[int, ...]]],
    lows: dict[int, int],
    norm: str,
    index: TermIndex,
) -> bool:
    """Is ``pos`` a word boundary of ``norm``?  Off a Han run's inside it always is; inside,
    the run is segmented (once per text) and ``pos`` must end one of its words.

    Only the part of the run from a cut no word crosses, at or before the lowest
    offset any hit asks about, is segmented (:meth:`Segmenter.cut_before`): the
    words there are the whole run's.
    """
    span = inside.get(pos)
    if span is None:
        return True
    start = span[0]
    found = cuts.get(start)
    if found is None:
        segmenter = index.segmenter()
        run = norm[start : span[1]]
        cut = segmenter.cut_before(run, lows.get(start, pos) - start)
        found = cuts[start] = (cut, segmenter.run_ends(run[cut:] if cut else run))
    cut, ends = found
    rel = pos - start - cut
    return rel == 0 or rel in ends


def _longest_first(hit: tuple[Any, ...]) -> tuple[int, int]:
    return (hit[0] - hit[1], hit[0])


def _longest_exact_first(hit: tuple[int, int, tuple[Entry, ...], bool]) -> tuple[int, int, bool]:
    return (hit[0] - hit[1], hit[0], not hit[3])


def _by_start(m: Match) -> int:
    return m.start


def _usable(text: str, start: int, end: int, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """The entries that may match here: whole-segment-only headings need the whole segment."""
    if _is_whole(text, start, end):
        return entries
    return tuple(e for e in entries if not e.whole_only)


def _shadowed(
    start: int, end: int, uid: str, matches: list[Match],
    source_uids: frozenset[str] | set[str] | None = None, index: TermIndex | None = None,
) -> bool:
    """Is ``[start, end)`` inside a longer target term of another concept (标准 inside 标准化)?

    With ``source_uids`` (the concepts found in the source) a longer term whose
    concept the source lacks does not shadow a term its English is built of:
    项目 inside 创建项目 (*create project*) still renders *project* when the
    source says *creating the project*.  标准 inside 标准化 stays shadowed:
    *standardization* is not built of the word *standard*.
    """
    for m in matches:
        if m.start <= start and end <= m.end and (m.end - m.start) > (end - start):
            if all(e.uid != uid for e in m.entries):
                if source_uids is not None and index is not None and all(
                    e.uid not in source_uids and index.english_contains(e.uid, uid) for e in m.entries
                ):
                    continue
                return True
    return False


_PHRASE_SPLIT = re.compile(r"的|(?<=[A-Za-z0-9])(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])(?=[A-Za-z0-9])")


def _phrase_parts(key: str) -> list[str]:
    """A Chinese rendering of a phrase in its parts, at 的 and at Latin/Han joints (版本的OmegaT: 版本, OmegaT).

    Empty when the rendering is one part, or a part is a single Han character
    (too common to stand for anything on its own).
    """
    if "的" not in key and not (_HAN.search(key) and re.search(r"[A-Za-z0-9]", key)):
        return []
    parts = [p for p in _PHRASE_SPLIT.split(key) if p]
    if len(parts) < 2 or any(len(p) < 2 and _HAN.match(p) for p in parts):
        return []
    return parts


def _english_contains(outer: Concept | None, inner: Concept | None) -> bool:
    if outer is None or inner is None:
        return False
    inner_keys = [" " + k + " " for t in inner.terms if not is_chinese_lang(t.lang) for k in _en_keys(t.text, False)]
    for t in outer.terms:
        if is_chinese_lang(t.lang):
            continue
        padded = " " + " ".join(_en_keys(t.text, False)[:1]) + " "
        if any(k in padded for k in inner_keys):
            return True
    return False


def _find_en(text: str, term: Term) -> tuple[int, int] | None:
    cs = is_case_sensitive(term)
    mode = "c" if cs else "f"
    prepared = _prepare_en(text)
    # `` key `` in the padded text: only where the key starts and ends at token
    # boundaries (index ``pos`` of the padded text is the key's start in the key text).
    haystack = prepared.padded(mode)
    for key in _en_keys(term.text, cs):
        padded = " " + key + " "
        pos = haystack.find(padded)
        while pos >= 0:
            span = prepared.span(mode, pos, pos + len(key))
            if span is not None:
                return span
            pos = haystack.find(padded, pos + 1)
    return None


def _select(text: str, hits: list[tuple[int, int, tuple[Entry, ...], bool]]) -> list[Match]:
    """Longest first, then leftmost, then case-exact; drop anything overlapping a chosen hit.

    At the same span a case-sensitive term wins over a case-folded one
    (``HEAD`` the ref, not *head*): the term base said its case matters.
    """
    if not hits:
        return []
    if len(hits) == 1:
        start, end, entries, _exact = hits[0]
        best = entries[0]
        return [Match(start, end, text[start:end], best.uid, best.term, entries)]
    hits.sort(key=_longest_exact_first)
    taken = bytearray(len(text) + 1)
    chosen: list[Match] = []
    for start, end, entries, _exact in hits:
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        best = entries[0]
        chosen.append(Match(start, end, text[start:end], best.uid, best.term, entries))
    chosen.sort(key=_by_start)
    return chosen


#: Version of the stored index's layout; the stored index is keyed by it and by
#: the tool's version, so an index written by another version is never read.
#: 3: the keys in tables of the term base, probed per text (2 was one JSON blob).
INDEX_FORMAT = 3

#: The stored index's tables other than its (lang, mode) buckets (which are 0, 1, ...):
#: folded Chinese keys that differ from the stored ones, and each region's usage keys.
_FOLDED_TABLE = -1
_REGION_TABLES = {"zh-TW": -2, "zh-HK": -3}

#: Marks a one-character Chinese key in the pruning table (a head is otherwise two characters).
_SINGLES = "\x01"

#: Texts whose heads a stored index asks its term base for before it reads the whole head table.
HEADS_AFTER = 64

#: A stored index with at most this many keys has its whole key table read once the head table
#: is (a long lint): a dictionary probe per candidate then costs less than a query per text,
#: which at a few hundred keys made the lint of a 60,000-message tree a quarter slower.  A
#: larger table (a million concepts) is still probed per text, in the memory its hits take.
KEYS_IN_MEMORY = 300_000


def index_key() -> str:
    return f"match-index-v{INDEX_FORMAT}-k{MATCH_KEYS_VERSION}-{__version__}"


def _head(key: str, padded: bool) -> tuple[str, int]:
    """A key's entry in the matcher's pruning table (see :class:`_TableMatcher`): its head and its reach.

    For English (padded) keys: the first word and the number of words.  For
    Chinese: the first two characters and the length, or a one-character
    key under its own head with reach 1.  The table keeps each head's
    longest reach.
    """
    if padded:
        return key.partition(" ")[0], key.count(" ") + 1
    if len(key) == 1:
        return _SINGLES + key, 1
    return key[:2], len(key)


class _Fetcher:
    """Reads a term base's concepts and index tables, for a stored index that outlives its opener.

    The term base an index was loaded from may be closed when the index is
    used (``api.check`` opens and closes it), and a forked lint worker must
    not share its parent's SQLite connection: in either case the fetcher
    opens its own read-only connection to the same file, once per process.
    """

    def __init__(self, tb: TermBase) -> None:
        self._tb: TermBase | None = tb
        self._file = _file_of(tb)
        self._pid = os.getpid()
        self._own: TermBase | None = None
        self._heads: dict[int, dict[str, int]] | None = None
        self._asked = 0
        #: Whether the key table is small enough to read whole (:data:`KEYS_IN_MEMORY`); set by the loader.
        self.small = False
        self._merged: dict[tuple[int, ...], dict[str, int]] = {}
        self._key_rows: dict[int, dict[str, tuple[int, str, int, int, str]]] | None = None
        #: The last text a one-bucket matcher read: (its buckets, the text, the keys found in it).
        self.last_found: tuple[tuple[int, ...], str, set[str]] | None = None

    def base(self) -> Any:
        if self._file is None:
            assert self._tb is not None
            return self._tb
        if self._own is None or self._pid != os.getpid():
            self._tb = None  # never used again: it may be closed, or the parent's
            self._pid = os.getpid()
            self._own = TermBase.open(self._file, readonly=True)
        return self._own

    def get(self, uid: str) -> Concept | None:
        return self.base().get(uid)

    def get_many(self, uids: list[str]) -> dict[str, Concept]:
        base = self.base()
        many = getattr(base, "get_many", None)  # a backend's batched read, when it has one
        if many is not None:
            return many(uids)
        return {uid: c for uid in uids if (c := base.get(uid)) is not None}

    def iter_concepts(self, types: Iterable[str] | None = None) -> Iterator[Concept]:
        return self.base().iter_concepts(types)

    def keys(self, buckets: tuple[int, ...], keys: list[str]) -> list[tuple[int, str, int, int, str]]:
        """The key rows of ``keys`` in ``buckets``: from the term base, or from the whole table once it is read."""
        if not keys:
            return []
        table = self._key_rows
        if table is None:
            if not (self.small and self._heads is not None):
                return self.base().probe_match_keys(buckets, keys)
            table = self.load_keys()
        rows = []
        for bucket in buckets:
            one = table.get(bucket)
            if one:
                rows.extend(row for key in dict.fromkeys(keys) if (row := one.get(key)) is not None)
        return rows

    def load_keys(self) -> dict[int, dict[str, tuple[int, str, int, int, str]]]:
        if self._key_rows is None:
            table: dict[int, dict[str, tuple[int, str, int, int, str]]] = {}
            for row in self.base().iter_all_match_keys():
                table.setdefault(row[0], {})[row[1]] = row
            self._key_rows = table
        return self._key_rows

    def heads(self, buckets: tuple[int, ...], heads: list[str]) -> dict[str, int]:
        """Head -> the longest reach of a key of ``buckets`` starting with it, for the ``heads`` that have one.

        Asked of the term base, one query per text, for the first
        :data:`HEADS_AFTER` texts (a ``check`` reads no more than its text's
        heads); after those :meth:`head_table` serves from the whole head
        table, read once: a lint of thousands of texts saves a query per text.
        """
        if not heads:
            return {}
        self._asked += 1
        return self.base().probe_match_heads(buckets, heads)

    def head_table(self, buckets: tuple[int, ...]) -> dict[str, int] | None:
        """Head -> longest reach over ``buckets``, once the whole head table is read (else None: ask per text).

        Merged once per tuple of buckets, so a long lint looks each position
        of a text up in one dictionary instead of collecting its heads first.
        """
        if self._heads is None:
            if self._asked < HEADS_AFTER:
                return None
            self.load_heads()
        merged = self._merged.get(buckets)
        if merged is None:
            assert self._heads is not None
            if len(buckets) == 1:
                merged = self._heads.get(buckets[0], {})
            else:
                merged = {}
                for bucket in buckets:
                    for head, reach in self._heads.get(bucket, {}).items():
                        if reach > merged.get(head, 0):
                            merged[head] = reach
            self._merged[buckets] = merged
        return merged

    def load_heads(self) -> dict[int, dict[str, int]]:
        if self._heads is None:
            self._heads = self.base().match_heads()
            if self.small:
                self.load_keys()
        return self._heads


def _file_of(tb: TermBase) -> str | None:
    """The SQLite file behind ``tb``, or None (a term base in memory, or another backend)."""
    conn = getattr(tb, "conn", None)
    if conn is None or getattr(tb, "_memory", None) is not None:
        return None
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
    except Exception:  # noqa: BLE001 - closed or not SQLite: read through the object
        return None
    return row[2] or None if row else None


class _StoredConcepts(MutableMapping[str, Concept]):
    """uid -> concept, read from the term base on first use and then kept.

    Nothing is read when the index is opened, not even the uids: a concept
    is fetched when one of its keys is found in a text (in one batch per
    text) or when it is asked for.  Iterating over the values streams the
    term base (the ``name`` rule's one pass) without keeping what it did
    not already hold.
    """

    def __init__(self, count: int, types: Iterable[str], fetcher: _Fetcher) -> None:
        self._count = count
        self._types = set(types)
        self._fetcher = fetcher
        self._held: dict[str, Concept | None] = {}
        self._added: list[str] = []

    def fetch(self, uids: Iterable[str]) -> None:
        """Read the concepts of ``uids`` that are not held yet, in one batch."""
        wanted = [uid for uid in dict.fromkeys(uids) if uid not in self._held]
        if wanted:
            # Sorted: a batch's concepts then lie close together in the term base (their uid order).
            found = self._fetcher.get_many(sorted(wanted))
            for uid in wanted:
                self._held[uid] = found.get(uid)

    def of_type(self, kind: str) -> Iterator[Concept]:
        if kind not in self._types:
            return iter(())  # the stored types say there is none: no query
        return (self._held.get(c.uid or "") or c for c in self._fetcher.iter_concepts((kind,)))

    def __getitem__(self, uid: str) -> Concept:
        if uid not in self._held:
            self._held[uid] = self._fetcher.get(uid)
        concept = self._held[uid]
        if concept is None:
            raise KeyError(uid)
        return concept

    def __setitem__(self, uid: str, concept: Concept) -> None:
        if uid not in self:
            self._added.append(uid)
        self._types.add(concept.type)
        self._held[uid] = concept

    def __delitem__(self, uid: str) -> None:
        raise TypeError("a stored index's concepts are not removed")

    def __iter__(self) -> Iterator[str]:
        yield from (c.uid or "" for c in self._fetcher.iter_concepts())
        yield from self._added

    def __len__(self) -> int:
        return self._count + len(self._added)

    def __contains__(self, uid: object) -> bool:
        if not isinstance(uid, str):
            return False
        try:
            self[uid]
        except KeyError:
            return False
        return True

    def values(self) -> Iterator[Concept]:  # type: ignore[override]
        for concept in self._fetcher.iter_concepts():
            held = self._held.get(concept.uid or "")
            yield held if held is not None else concept
        for uid in self._added:
            yield self[uid]


#: What an automaton holds for a key: (its length, its entries best first, whether one is whole-segment-only).
_Value = tuple[int, tuple[Entry, ...], bool]


class _TableBucket(Mapping[str, list[Entry]]):
    """One language and mode of a stored index: key -> its entries, read from the key table when asked for."""

    def __init__(self, number: int, size: int, fetcher: _Fetcher, concepts: _StoredConcepts) -> None:
        self.number = number
        self._size = size
        self._fetcher = fetcher
        self._concepts = concepts
        #: key -> (seq, plain, refs) of the rows read so far (None: not a key).
        self.rows: dict[str, tuple[int, int, str] | None] = {}
        self._made: dict[str, list[Entry]] = {}
        self._values: dict[str, _Value] = {}

    def take(self, key: str, seq: int, plain: int, refs: str) -> None:
        self.rows[key] = (seq, plain, refs)

    def row(self, key: str) -> tuple[int, int, str] | None:
        if key not in self.rows:
            self.rows[key] = None
            for _b, k, seq, plain, refs in self._fetcher.keys((self.number,), [key]):
                self.rows[k] = (seq, plain, refs)
        return self.rows[key]

    def refs(self, key: str) -> list[list[Any]]:
        row = self.row(key)
        return json.loads(row[2]) if row is not None else []

    def __getitem__(self, key: str) -> list[Entry]:
        made = self._made.get(key)
        if made is None:
            row = self.row(key)
            if row is None:
                raise KeyError(key)
            refs = json.loads(row[2])
            self._concepts.fetch(uid for uid, _j, _w, _t in refs)
            made = self._made[key] = [
                Entry(uid, self._concepts[uid].terms[j], ctype, bool(whole)) for uid, j, whole, ctype in refs
            ]
        return made

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.row(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (key for key, _s, _p, _r in self._fetcher.base().iter_match_keys(self.number))

    def __len__(self) -> int:
        return self._size

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the concepts of ``keys`` not read yet, together (one batch of queries per text)."""
        uids = [ref[0] for key in keys if key not in self._made for ref in self.refs(key)]
        if uids:
            self._concepts.fetch(uids)

    def value(self, key: str) -> _Value:
        """(length, entries, heading), the entries made when first looked at if their concepts are not read yet.

        Most hits of a text are inside a longer hit and lose to it: their
        concepts are read only if a finder looks at their entries.
        """
        found = self._values.get(key)
        if found is None:
            if key in self._made:
                entries: Sequence[Entry] = tuple(self._made[key])
            else:
                refs = self.refs(key)
                held = self._concepts._held
                if all(held.get(uid) is not None for uid, _j, _w, _t in refs):
                    entries = tuple(self[key])
                else:
                    entries = _LazyEntries(self, key, len(refs))
                found = self._values[key] = (len(key), entries, any(w for _u, _j, w, _t in refs))  # type: ignore[assignment]
                return found
            found = self._values[key] = (len(key), entries, any(e.whole_only for e in entries))  # type: ignore[assignment]
        return found

    def hits(self, rows: list[tuple[int, str, int, int, str]]) -> set[str]:
        """Take the rows a matcher read; the keys among them that are this bucket's."""
        found = set()
        for b, key, seq, plain, refs in rows:
            if b == self.number:
                self.rows[key] = (seq, plain, refs)
                found.add(key)
        return found


class _LazyEntries(Sequence[Entry]):
    """A key's entries as a tuple that is made (its concepts read) when first looked at.

    Equal to the tuple it stands for, and hashed as it, so a match holding
    one is the match an index in memory gives.
    """

    __slots__ = ("_bucket", "_key", "_size", "_made")

    def __init__(self, bucket: _TableBucket, key: str, size: int) -> None:
        self._bucket = bucket
        self._key = key
        self._size = size
        self._made: tuple[Entry, ...] | None = None

    def _entries(self) -> tuple[Entry, ...]:
        if self._made is None:
            self._made = tuple(self._bucket[self._key])
        return self._made

    def __getitem__(self, index: Any) -> Any:
        return self._entries()[index]

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _LazyEntries):
            other = other._entries()
        return isinstance(other, tuple) and self._entries() == other

    def __hash__(self) -> int:
        return hash(self._entries())

    def __repr__(self) -> str:
        return repr(self._entries())


class _TableFolded(Mapping[str, list[Entry]]):
    """Folded key -> the entries of the stored Chinese keys that fold to it (both scripts together).

    What :meth:`TermIndex._folded_keys` computes for an index in memory: a
    folded key is a stored key that folding leaves as it is (``plain``), or
    a row of the folded table, which names the stored keys folding to it.
    """

    def __init__(self, buckets: list[_TableBucket], fetcher: _Fetcher) -> None:
        self._buckets = buckets
        self._order = {b.number: i for i, b in enumerate(buckets)}
        self._fetcher = fetcher
        self.numbers = (*(b.number for b in buckets), _FOLDED_TABLE)
        #: folded key -> the stored (bucket, key)s folding to it, in the buckets' and keys' order.
        self._pairs: dict[str, list[tuple[_TableBucket, str]]] = {}
        self._made: dict[str, list[Entry]] = {}
        self._values: dict[str, _Value] = {}

    def hits(self, rows: list[tuple[int, str, int, int, str]]) -> set[str]:
        """Take every row of the folded keys ``rows`` hold (all their buckets' rows); the keys found."""
        by_key: dict[str, list[tuple[int, int, _TableBucket, str]]] = {}
        for b, key, seq, plain, refs in rows:
            if b == _FOLDED_TABLE:
                pairs = by_key.setdefault(key, [])
                for number, stored_seq, stored in json.loads(refs):
                    pairs.append((self._order[number], stored_seq, self._buckets[self._order[number]], stored))
            elif b in self._order:
                bucket = self._buckets[self._order[b]]
                bucket.take(key, seq, plain, refs)
                if plain:
                    by_key.setdefault(key, []).append((self._order[b], seq, bucket, key))
        for key, pairs in by_key.items():
            if key not in self._pairs:
                pairs.sort(key=lambda p: (p[0], p[1]))
                self._pairs[key] = [(bucket, stored) for _o, _s, bucket, stored in pairs]
        return set(by_key)

    def pairs(self, folded: str) -> list[tuple[_TableBucket, str]]:
        found = self._pairs.get(folded)
        if found is None:
            self.hits(self._fetcher.keys(self.numbers, [folded]))
            found = self._pairs.setdefault(folded, [])
        return found

    def __getitem__(self, folded: str) -> list[Entry]:
        made = self._made.get(folded)
        if made is None:
            pairs = self.pairs(folded)
            if not pairs:
                raise KeyError(folded)
            made = []
            for bucket, key in pairs:
                made.extend(e for e in bucket[key] if e not in made)
            made.sort(key=lambda e: (not e.allowed, e.whole_only))
            self._made[folded] = made
        return made

    def __contains__(self, folded: object) -> bool:
        return isinstance(folded, str) and bool(self.pairs(folded))

    def __iter__(self) -> Iterator[str]:
        raise TypeError("a stored index's folded keys are looked up, not listed")

    def __len__(self) -> int:
        return sum(len(b) for b in self._buckets)  # at least one folded key per stored key, so never 0 wrongly

    def prefetch(self, keys: Iterable[str]) -> None:
        by_bucket: dict[int, tuple[_TableBucket, list[str]]] = {}
        for folded in keys:
            for bucket, key in self.pairs(folded):
                if bucket.rows.get(key) is None:
                    by_bucket.setdefault(bucket.number, (bucket, []))[1].append(key)
                else:
                    by_bucket.setdefault(bucket.number, (bucket, []))
        for number, (bucket, missing) in by_bucket.items():
            bucket.hits(self._fetcher.keys((number,), missing))
        uids = [
            ref[0] for folded in keys for bucket, key in self.pairs(folded) for ref in bucket.refs(key)
        ]
        if uids:
            self._buckets[0]._concepts.fetch(uids)

    def value(self, key: str) -> _Value:
        found = self._values.get(key)
        if found is None:
            entries = tuple(self[key])
            found = self._values[key] = (len(key), entries, any(e.whole_only for e in entries))
        return found


class _TableRegional:
    """The regional automaton's keys (:meth:`TermIndex._regional_automaton`) of a stored index.

    A folded key is the folded table's; any other key is a region's usage
    of Simplified terms (软件: Taiwan 軟體), whose rows name those terms as
    ``(bucket, seq, key, entry position)``, stored for Taiwan and Hong Kong
    apart and merged for a plain ``zh-Hant`` text in the order the index in
    memory meets them.
    """

    def __init__(self, folded: _TableFolded, regions: tuple[int, ...], fetcher: _Fetcher) -> None:
        self._folded = folded
        self._regions = regions
        self._fetcher = fetcher
        self.numbers = (*folded.numbers, *regions)
        self._refs: dict[str, list[tuple[int, int, _TableBucket, str, int]]] = {}
        self._values: dict[str, _Value] = {}

    def hits(self, rows: list[tuple[int, str, int, int, str]]) -> set[str]:
        folded = self._folded.hits([row for row in rows if row[0] not in self._regions])
        order = self._folded._order
        buckets = self._folded._buckets
        found: dict[str, list[tuple[int, int, _TableBucket, str, int]]] = {}
        for b, key, _seq, _plain, refs in rows:
            if b in self._regions and key not in folded:
                merged = found.setdefault(key, [])
                for number, seq, stored, r in json.loads(refs):
                    item = (order[number], seq, buckets[order[number]], stored, r)
                    if item not in merged:
                        merged.append(item)
        for key, merged in found.items():
            merged.sort(key=lambda p: (p[0], p[1], p[4]))
            self._refs.setdefault(key, merged)
        return folded | set(found)

    def value(self, key: str) -> _Value:
        found = self._values.get(key)
        if found is None:
            if key in self._folded:
                return self._folded.value(key)
            entries: list[Entry] = []
            for _o, _s, bucket, stored, r in self._refs[key]:
                entry = bucket[stored][r]
                if entry not in entries:
                    entries.append(entry)
            found = self._values[key] = (len(key), tuple(entries), any(e.whole_only for e in entries))
        return found

    def prefetch(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        self._folded.prefetch([k for k in keys if k in self._folded])
        by_bucket: dict[int, tuple[_TableBucket, list[str]]] = {}
        for key in keys:
            for _o, _s, bucket, stored, _r in self._refs.get(key, ()):
                if bucket.rows.get(stored) is None:
                    by_bucket.setdefault(bucket.number, (bucket, []))[1].append(stored)
        for number, (bucket, missing) in by_bucket.items():
            bucket.hits(self._fetcher.keys((number,), missing))
        uids = [ref[0] for key in keys for _o, _s, b, stored, _r in self._refs.get(key, ()) for ref in b.refs(stored)]
        if uids:
            self._folded._buckets[0]._concepts.fetch(uids)


class _TableMatcher:
    """The automaton of a stored index's keys: every occurrence of them in a text, as pyahocorasick's ``iter``.

    Yields ``(end, value)`` in pyahocorasick's order (by end, the longest
    first), ``end`` being the index of the last character.  No automaton is
    built and no key is loaded: the text's heads (first two characters, or
    first words of English keys between spaces) are looked up in the head
    table, then every substring within a head's reach in the key table, two
    queries per text whatever the size of the term base.
    """

    def __init__(self, view: Any, numbers: tuple[int, ...], fetcher: _Fetcher, *, padded: bool, size: int) -> None:
        self._view = view
        self._numbers = numbers
        self._fetcher = fetcher
        self._padded = padded
        self._size = size
        #: text -> its hits and the keys among them, read ahead by :meth:`prime`.
        self._primed: dict[str, tuple[list[tuple[int, str]], set[str]]] = {}

    def __len__(self) -> int:
        return self._size

    def prime(self, texts: Iterable[str]) -> None:
        """Read the key rows of every candidate of ``texts`` and the concepts of their hits, together.

        What :meth:`found` and :meth:`iter` would read text by text, in a few
        queries of up to 900 keys and a few concept batches; each text's
        hits are kept for its :meth:`found`, until the next ``prime``.  The
        rows and concepts read are the same (a key's rows come whole in one
        query), so what is found is the same.
        """
        candidates: dict[str, list[tuple[int, str]]] = {}
        for text in dict.fromkeys(texts):
            found = self.candidates(text)
            if found:
                candidates[text] = found
        self._primed = {}
        if not candidates:
            return
        # Sorted, so each query's keys lie close together in the key table: half the time of text order.
        wanted = sorted({key for found in candidates.values() for _end, key in found})
        keys = self._view.hits(self._fetcher.keys(self._numbers, wanted))
        outer = isinstance(self._view, _TableBucket)
        read: set[str] = set()
        for text, found in candidates.items():
            hits = [hit for hit in found if hit[1] in keys]
            mine = {key for _end, key in hits}
            self._primed[text] = (hits, mine)
            if hits:
                read |= _outermost(hits) if outer else mine
        if read:
            self._view.prefetch(read)

    def candidates(self, text: str) -> list[tuple[int, str]]:
        """``(end, key)`` of every substring of ``text`` a stored key may be (pruned by the head table)."""
        table = self._fetcher.head_table(self._numbers)
        if self._padded:
            spaces = [i for i, ch in enumerate(text) if ch == " "]
            last = len(spaces) - 1
            if table is None:
                heads = {text[spaces[a] + 1 : spaces[a + 1]] for a in range(last)}
                table = self._fetcher.heads(self._numbers, list(heads))
            found: list[tuple[int, str]] = []
            for a in range(last):
                start = spaces[a] + 1
                most = table.get(text[start : spaces[a + 1]])
                if most:
                    found.extend((spaces[b], text[start : spaces[b]]) for b in range(a + 1, min(a + most, last) + 1))
            return found
        n = len(text)
        if table is None:
            heads = {text[i : i + 2] for i in range(n - 1)} | {_SINGLES + ch for ch in text}
            table = self._fetcher.heads(self._numbers, list(heads))
        found = []
        for i in range(n):
            if _SINGLES + text[i] in table:
                found.append((i, text[i]))
            most = table.get(text[i : i + 2])
            if most:
                found.extend((end - 1, text[i:end]) for end in range(i + 2, min(i + most, n) + 1))
        return found

    def found(self, text: str) -> list[tuple[int, str]]:
        """``(end, key)`` of every occurrence of a key in ``text``, the rows read into the view."""
        primed = self._primed.pop(text, None)
        if primed is not None:
            hits, keys = primed
            if isinstance(self._view, _TableBucket):
                self._fetcher.last_found = (self._numbers, text, keys)
            return list(hits)
        candidates = self.candidates(text)
        if not candidates:
            return []
        keys = self._view.hits(self._fetcher.keys(self._numbers, list({key for _end, key in candidates})))
        if isinstance(self._view, _TableBucket):
            self._fetcher.last_found = (self._numbers, text, keys)
        return [hit for hit in candidates if hit[1] in keys]

    def iter(self, text: str) -> Iterator[tuple[int, _Value]]:
        found = self.found(text)
        if not found:
            return iter(())
        found.sort(key=_end_then_longest)
        if isinstance(self._view, _TableBucket):
            # Only the hits no longer hit holds: the others' entries are made if they are looked at.
            self._view.prefetch(_outermost(found))
        else:
            self._view.prefetch({key for _end, key in found})
        value = self._view.value
        return ((end, value(key)) for end, key in found)


def _end_then_longest(hit: tuple[int, str]) -> tuple[int, int]:
    return (hit[0], -len(hit[1]))


def _outermost(found: list[tuple[int, str]]) -> set[str]:
    """The keys of the hits ``(end, key)`` that lie inside no longer hit."""
    spans = sorted(((end - len(key), end, key) for end, key in found), key=lambda h: (h[0], -h[1]))
    keys: set[str] = set()
    reach = -1
    for _start, end, key in spans:
        if end > reach:
            keys.add(key)
            reach = end
    return keys


class _StoredWords:
    """The segmenter's added words of a stored index, found in a run through the key tables.

    The words of an index in memory are its Chinese keys holding a Han
    character, and the folded keys too when the base folds
    (:meth:`TermIndex.segmenter`): those are the stored Chinese buckets'
    keys and the folded table's.
    """

    def __init__(self, matcher: _TableMatcher, numbers: tuple[int, ...], fetcher: _Fetcher) -> None:
        self._matcher = matcher
        self._numbers = numbers
        self._fetcher = fetcher

    def words_in(self, run: str) -> list[str]:
        last = self._fetcher.last_found
        if last is not None and last[0] == self._numbers and run in last[1]:
            # The run is part of the text just matched in the same table: its words are among those hits.
            return [key for key in last[2] if key in run and _HAN.search(key)]
        return [key for _end, key in self._matcher.found(run) if _HAN.search(key)]


class _AnyRows:
    """The view of a word matcher: every row's key is a word."""

    @staticmethod
    def hits(rows: list[tuple[int, str, int, int, str]]) -> set[str]:
        return {key for _b, key, _s, _p, _r in rows}


def _stored_index(tb: TermBase, meta: bytes) -> TermIndex:
    """The index whose tables ``tb`` holds, described by ``meta``; ValueError when it is not one."""
    try:
        raw = json.loads(meta)
        if not isinstance(raw, dict) or raw.get("format") != INDEX_FORMAT:
            raise ValueError("another index format")
        fetcher = _Fetcher(tb)
        index = TermIndex(())
        concepts = _StoredConcepts(int(raw["count"]), [str(t) for t in raw["types"]], fetcher)
        index.concepts = concepts
        total = 0
        for number, (lang, mode, size) in enumerate(raw["buckets"]):
            index._keys[(str(lang), str(mode))] = _TableBucket(number, int(size), fetcher, concepts)  # type: ignore[assignment]
            total += int(size)
        fetcher.small = total <= KEYS_IN_MEMORY
        index._stored = fetcher
    except (KeyError, IndexError, TypeError, AttributeError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"not a stored term index: {exc}") from None
    return index


def load_index(tb: TermBase) -> TermIndex:
    """The term base's index: the stored one when it is there and current, else built now.

    A term base written by ``glossary import`` or ``build`` keeps its index
    (:func:`save_index`), so ``check`` and ``lint`` start with one read of
    its description; its keys are probed for each text, and the concepts
    read only when one of their terms is found.  Any later change to the
    term base drops the stored index, so it is never stale.
    """
    # Only an SQLite file is read lazily: a term base in memory may be closed under the index.
    if _file_of(tb) is not None and callable(getattr(tb, "has_match_tables", None)):
        meta = tb.get_derived(index_key())
        if meta is not None and tb.has_match_tables():  # type: ignore[attr-defined]
            try:
                return _stored_index(tb, meta)
            except ValueError:
                pass  # written by something else: build it afresh
    return TermIndex(tb.iter_concepts())


#: A term base of this many concepts or more has its keys computed by a pool of processes
#: (:func:`_keyed_chunks`); a smaller one in this process, which starts no pool for a small write.
POOL_FROM = 20_000

#: Concepts per task of the pool: small enough that the workers start soon after the
#: first rows are read and finish together, large enough for one converter call per task.
POOL_CHUNK = 4_000


def save_index(tb: TermBase) -> None:
    """Store the index of ``tb`` with it (call after the writes), when its backend keeps index tables.

    Derived straight from the streamed concepts (:class:`_KeySorter`),
    never holding them nor their keys: a million-concept term base is
    indexed in the memory of a batch.  The keys of a large base
    (:data:`POOL_FROM`) are computed by forked workers while this process
    reads the concepts and stores the keys, so both cores work.  One
    transaction: the concepts read are the ones the index is stored with.
    """
    write = getattr(tb, "write_match_tables", None)
    if write is None:
        return
    outlines = getattr(tb, "iter_outlines", None)  # a backend's lighter read, when it has one
    if outlines is None:
        concepts: Iterable[tuple[str, str, list[tuple[str, str, str, str]]]] = (
            (c.ensure_uid(), c.type, [(t.lang, t.text, t.status, t.term_type) for t in c.terms])
            for c in tb.iter_concepts()
        )
    else:
        concepts = outlines()
    pooled = tb.count() >= POOL_FROM
    with tb.transaction(), collector_paused():
        meta = write(lambda conn: _KeySorter(conn).write(concepts, pooled=pooled))
        tb.set_derived(index_key(), meta)


#: As json.dumps(refs, ensure_ascii=False, separators=(",", ":")) writes each string of a reference.
_quote = json.JSONEncoder(ensure_ascii=False).encode

#: One chunk's keys (:func:`_chunk_keys`): its buckets' names in the order met, the scratch
#: table's rows (bucket numbered in that order), the usage rows, the concepts and their types.
_Keyed = tuple[list[tuple[str, str]], list[list[Any]], list[list[Any]], int, set[str]]


def _chunk_keys(batch: list[tuple[str, str, list[tuple[str, str, str, str]]]], first: int) -> _Keyed:
    """The scratch rows of a chunk of concepts, numbered from ``first`` on, its buckets numbered in their order.

    A pure function of the chunk, so a worker process computes it as well
    as this one (:func:`_keyed_chunks`): a row is ``[ord, bucket, key,
    later, whole, ref, folded key, head, reach]``; the folded key
    (Chinese keys only, :func:`match_fold_many`) and the usage keys
    (:func:`regional_forms_many`) in one converter call per chunk, the
    key's head and reach as :func:`_head` (the pruning table's row).
    """
    names: list[tuple[str, str]] = []
    numbers: dict[tuple[str, str], int] = {}
    types: set[str] = set()
    rows: list[list[Any]] = []
    texts: list[str] = []
    at: list[int] = []  # the row of each text with usage keys to find
    chinese: list[int] = []  # the rows of Chinese keys, to fold
    ord_ = first
    quote = _quote
    for uid, ctype, terms in batch:
        types.add(ctype)
        # The reference's JSON, made once per concept: the key rows join them as they are.
        quoted, quoted_type = quote(uid), quote(ctype)
        seen: set[tuple[int, str, str]] | None = None
        for lang, mode, key, j, whole in outline_keys(ctype, terms):
            number = numbers.get((lang, mode))
            if number is None:
                number = numbers[(lang, mode)] = len(names)
                names.append((lang, mode))
            _lang, text, status, _type = terms[j]
            # A term met twice in one concept (as _add_key: same text, same key) counts once.
            if seen is None:
                seen = {(number, key, text)}
            elif (number, key, text) in seen:
                continue
            else:
                seen.add((number, key, text))
            if mode == "z":
                chinese.append(len(rows))
                if not is_traditional(lang):
                    at.append(len(rows))
                    texts.append(text)
            rows.append([ord_, number, key, status not in ALLOWED_STATUSES, int(whole),
                         f"[{quoted},{j},{int(whole)},{quoted_type}]", None, *_head(key, mode != "z")])
            ord_ += 1
    if chinese:
        for i, folded in zip(chinese, match_fold_many([rows[i][2] for i in chinese]), strict=True):
            rows[i][6] = folded
    return names, rows, _usage(rows, at, texts) if texts else [], len(batch), types


def _usage(rows: list[list[Any]], at: list[int], texts: list[str]) -> list[list[Any]]:
    """The usage keys of a chunk's Simplified terms, one converter call per region for all of them.

    (:func:`glossary.chinese.convert.regional_forms_many`.)  A row is
    ``[region table, usage key, bucket, key, later, whole, ord]``: the
    entry of the term, where the writing pass finds the key's seq and the
    entry's place among the key's.
    """
    found = [(i, form) for i, forms in zip(at, regional_forms_many(texts), strict=True) for form in forms]
    ukeys = match_fold_many([zh_key(usage) for _i, (_region, usage) in found])
    usage: list[list[Any]] = []
    for (i, (region, _usage)), ukey in zip(found, ukeys, strict=True):
        if ukey:
            ord_, number, key, later, whole = rows[i][:5]
            usage.append([_REGION_TABLES[region], ukey, number, key, later, whole, ord_])
    return usage


def _pool_size() -> int:
    """Worker processes for :func:`_keyed_chunks`: one per core (this process reads and sorts
    meanwhile), none without ``fork`` or a second core."""
    return min(fork_cores(), 4)


def _keyed_chunks(
    concepts: Iterable[tuple[str, str, list[tuple[str, str, str, str]]]], size: int, pooled: bool
) -> Iterator[_Keyed]:
    """:func:`_chunk_keys` of ``concepts`` in chunks of ``size``, in their order, numbered one after the other.

    ``pooled``: by forked workers, a few chunks ahead of the one this
    process stores, the concepts still read here (the term base's
    connection is not the workers').  The rows are the same either way:
    each chunk's are a function of the chunk and its number alone (an
    ``ord`` of ``chunk << 32`` on, one more per row), and come back in order.
    """
    workers = _pool_size() if pooled else 0
    if not workers:
        for number, batch in enumerate(batches(concepts, size)):
            yield _chunk_keys(batch, number << 32)
        return
    import multiprocessing

    # The converters loaded before the fork, so the workers share them instead of each loading its own.
    match_fold_many(["\u81fa"])
    regional_forms_many(["\u8f6f\u4ef6"])
    try:
        pool = multiprocessing.get_context("fork").Pool(workers)
    except OSError:  # no process to be had (a limit on them): the keys computed here, the same rows
        yield from _keyed_chunks(concepts, size, False)
        return
    try:
        pending: list[Any] = []  # AsyncResults, oldest first
        for number, batch in enumerate(batches(concepts, size)):
            pending.append(pool.apply_async(_chunk_keys, (batch, number << 32)))
            if len(pending) > 2 * workers:  # a bounded read-ahead: the memory of a few chunks
                yield pending.pop(0).get()
        for job in pending:
            yield job.get()
    finally:
        pool.terminate()
        pool.join()


class _KeySorter:
    """The stored index's rows, grouped and ordered by SQLite in temporary tables instead of in dictionaries.

    The keys of every term (:func:`term_keys`) go to a scratch table as
    they are read, in the concepts' order; SQLite then groups them by key,
    numbers each bucket's keys by first appearance (``seq``, the order a
    :class:`TermIndex` meets them) and orders each key's entries as
    :meth:`TermIndex._add_key` keeps them: a term met twice in one concept
    once, allowed terms first, then the ones matched anywhere before
    whole-segment-only headings, else in the order met.  Besides the
    buckets: the folded table (each folded Chinese key that is not itself a
    stored key, naming the stored keys that fold to it) and, for Taiwan and
    Hong Kong, the usage keys of Simplified terms
    (:meth:`TermIndex._regional_automaton`), so a Traditional text reads no
    more of the term base than a Simplified one.

    The scratch tables are the term base connection's temporary ones
    (SQLite's temporary file, dropped at the end) with a bounded page
    cache: a million concepts' keys are sorted on disk, and the key table
    is filled from them by ``INSERT ... SELECT``, its references joined by
    ``group_concat`` in the order of the entry table's primary key (which
    the grouping scans, sorting nothing), so the rows never come back to
    Python.  Only the small folded and regional tables are made here.
    """

    #: Concepts per batch, and rows per executemany and per converter call.
    CHUNK = 20_000

    #: The scratch tables, in the connection's ``temp`` schema; names no term base table has.
    #: raw: one row per key of a term, in the order met (ord); fkey: a Chinese key folded
    #: (:func:`match_fold`); head, reach: its row of the pruning table (:func:`_head`).
    #: usage: a region's usage key of the entry ord of key (:func:`regional_forms_many`).
    #: entry: raw in the order of each key's references; seq: each key's number in its bucket.
    TABLES = {
        "mk_raw": "(ord INTEGER PRIMARY KEY, b INTEGER NOT NULL, key TEXT NOT NULL, later INTEGER NOT NULL,"
                  " whole INTEGER NOT NULL, ref TEXT NOT NULL, fkey TEXT, head TEXT NOT NULL, reach INTEGER NOT NULL)",
        "mk_usage": "(region INTEGER NOT NULL, ukey TEXT NOT NULL, b INTEGER NOT NULL, key TEXT NOT NULL,"
                    " later INTEGER NOT NULL, whole INTEGER NOT NULL, ord INTEGER NOT NULL)",
        "mk_entry": "(b INTEGER NOT NULL, key TEXT NOT NULL, later INTEGER NOT NULL, whole INTEGER NOT NULL,"
                    " ord INTEGER NOT NULL, ref TEXT NOT NULL, fkey TEXT,"
                    " PRIMARY KEY (b, key, later, whole, ord)) WITHOUT ROWID",
        "mk_seq": "(b INTEGER NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL, fkey TEXT,"
                  " PRIMARY KEY (b, key)) WITHOUT ROWID",
        "mk_fkeys": "(fkey TEXT PRIMARY KEY) WITHOUT ROWID",
        "mk_heads": "(b INTEGER NOT NULL, head TEXT NOT NULL, reach INTEGER NOT NULL)",
    }

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.names: list[tuple[str, str]] = []

    def write(self, concepts: Iterable[tuple[str, str, list[tuple[str, str, str, str]]]], *, pooled: bool = False) -> bytes:
        """Read every concept's keys (:meth:`add`) and write the key and head tables; the stored index's description.

        In the caller's transaction, on its connection, whose ``match_key``
        and ``match_head`` are there and empty.
        """
        db = self.db
        cache = db.execute("PRAGMA temp.cache_size").fetchone()[0]
        db.execute("PRAGMA temp.cache_size = -32768")
        try:
            for name, columns in self.TABLES.items():
                db.execute(f"CREATE TEMP TABLE {name} {columns}")
            meta = self.add(concepts, pooled=pooled)
            self._write_keys()
            self._write_tables(json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode)
            db.execute(
                "INSERT INTO main.match_head SELECT b, head, max(reach) FROM"
                " (SELECT b, head, reach FROM temp.mk_raw UNION ALL SELECT b, head, reach FROM temp.mk_heads)"
                " GROUP BY b, head"
            )
            return meta
        finally:
            for name in self.TABLES:
                db.execute(f"DROP TABLE IF EXISTS temp.{name}")
            db.execute(f"PRAGMA temp.cache_size = {int(cache)}")

    # -- reading -----------------------------------------------------------------

    def add(
        self, concepts: Iterable[tuple[str, str, list[tuple[str, str, str, str]]]], *, pooled: bool = False
    ) -> bytes:
        """Read every concept's keys and group them; the stored index's description.

        ``concepts``: ``(uid, type, terms)`` each, in uid order, a term
        ``(lang, text, status, term type)`` (what
        :meth:`glossary.store.sqlite.SQLiteTermBase.iter_outlines` reads).
        ``pooled``: the keys computed by worker processes (:func:`_keyed_chunks`).
        """
        count = 0
        types: set[str] = set()
        numbers: dict[tuple[str, str], int] = {}
        db = self.db
        for names, rows, usage, counted, chunk_types in _keyed_chunks(
            concepts, POOL_CHUNK if pooled else self.CHUNK, pooled
        ):
            count += counted
            types |= chunk_types
            # The chunk's buckets numbered in the order the whole base meets them.
            renumber: list[int] = []
            for name in names:
                number = numbers.get(name)
                if number is None:
                    number = numbers[name] = len(self.names)
                    self.names.append(name)
                renumber.append(number)
            if renumber != list(range(len(renumber))):
                for row in rows:
                    row[1] = renumber[row[1]]
                for row in usage:
                    row[2] = renumber[row[2]]
            db.executemany("INSERT INTO temp.mk_raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            db.executemany("INSERT INTO temp.mk_usage VALUES (?, ?, ?, ?, ?, ?, ?)", usage)
        # Each key's references in their order, then each bucket's keys numbered by first
        # appearance (the insertion order of a TermIndex's dictionaries).
        db.execute(
            "INSERT INTO temp.mk_entry SELECT b, key, later, whole, ord, ref, fkey FROM temp.mk_raw"
            " ORDER BY b, key, later, whole, ord"
        )
        db.execute(
            "INSERT INTO temp.mk_seq SELECT b, key, row_number() OVER (PARTITION BY b ORDER BY min(ord)) - 1,"
            " max(fkey) FROM temp.mk_entry GROUP BY b, key ORDER BY b, key"
        )
        sizes = dict(db.execute("SELECT b, count(*) FROM temp.mk_seq GROUP BY b"))
        meta = {
            "format": INDEX_FORMAT,
            "count": count,
            "types": sorted(types),
            "buckets": [[lang, mode, sizes.get(number, 0)] for number, (lang, mode) in enumerate(self.names)],
        }
        return json.dumps(meta, ensure_ascii=False).encode("utf-8")

    # -- writing -----------------------------------------------------------------

    def _write_keys(self) -> None:
        """The buckets' rows of the key table: a Chinese key is plain when it is its own folded key."""
        self.db.execute(
            "INSERT INTO main.match_key SELECT e.b, e.key,"
            " (SELECT s.seq FROM temp.mk_seq s WHERE s.b = e.b AND s.key = e.key),"
            " max(e.fkey) IS NULL OR max(e.fkey) = e.key, '[' || group_concat(e.ref, ',') || ']'"
            " FROM temp.mk_entry e GROUP BY e.b, e.key"
        )

    def _write_tables(self, dumps: Callable[[Any], str]) -> None:
        """The rows of the regional tables (a usage key that is a folded key already left out) and the folded
        table, their references ``[bucket, seq, key, place among the key's entries]`` and ``[bucket, seq, key]``."""
        db = self.db
        db.execute(
            "INSERT INTO temp.mk_fkeys SELECT DISTINCT fkey FROM temp.mk_seq WHERE fkey IS NOT NULL ORDER BY fkey"
        )
        regional = (
            "SELECT u.region, u.ukey, u.b, s.seq, u.key, (SELECT count(*) FROM temp.mk_entry x"
            "  WHERE x.b = u.b AND x.key = u.key AND (x.later, x.whole, x.ord) < (u.later, u.whole, u.ord)) AS r"
            " FROM temp.mk_usage u JOIN temp.mk_seq s ON s.b = u.b AND s.key = u.key"
            " WHERE NOT EXISTS (SELECT 1 FROM temp.mk_fkeys f WHERE f.fkey = u.ukey)"
            " ORDER BY u.region, u.ukey, u.b, s.seq, r"
        )
        folded = f"SELECT {_FOLDED_TABLE}, fkey, b, seq, key FROM temp.mk_seq WHERE fkey != key ORDER BY fkey, b, seq"
        for sql in (regional, folded):
            cursor = db.execute(sql)
            number: int | None = None
            key: str | None = None
            refs: list[list[Any]] = []
            rows: list[tuple[int, str, str]] = []
            while batch := cursor.fetchmany(self.CHUNK):
                for row in batch:
                    if row[0] != number or row[1] != key:
                        if key is not None:
                            rows.append((number, key, dumps(refs)))  # type: ignore[arg-type]
                        number, key, refs = row[0], row[1], []
                    refs.append(list(row[2:]))
                self._insert(rows)
                rows = []
            if key is not None:
                self._insert([(number, key, dumps(refs))])  # type: ignore[list-item]

    def _insert(self, rows: list[tuple[int, str, str]]) -> None:
        """Rows ``(table, key, refs)`` of the folded or a regional table, and their heads."""
        self.db.executemany("INSERT INTO main.match_key VALUES (?, ?, 0, 0, ?)", rows)
        self.db.executemany(
            "INSERT INTO temp.mk_heads VALUES (?, ?, ?)", [(number, *_head(key, False)) for number, key, _refs in rows]
        )


def build_index(concepts: Iterable[Concept]) -> TermIndex:
    return TermIndex(concepts)

# -- word boundaries --------------------------------------------------------------
#
# The segmenter lives in glossary.chinese.segment; it is re-exported here for callers
# that knew it as glossary.match.Segmenter.
