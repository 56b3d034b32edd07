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

Among overlapping hits the longest wins; ties go to the leftmost.  Whole
titles and section names (concept types ``title`` and ``section``) are matched
only as a whole: short ones (under three English words or six Chinese
characters, e.g. the section name ``Features``) only when they are the whole
segment, apart from numbering, punctuation and markup, so that running text
using the word *features* is not held to the heading's translation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from glossary.model import ALLOWED_STATUSES, Concept, Term

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
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})
_DASH_CHARS = set("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")


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


# -- English normalization ------------------------------------------------


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, deterministic stemmer for casefolded English words.

    Not linguistics: the same function runs on the term base and on the
    draft, so it only has to map a word's common inflections to one key
    without mapping unrelated words together too often.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "'s")):
        w = w[:-1]
    elif w.endswith("'s"):
        w = w[:-2]
    if w.endswith("ing") and len(w) >= 6:
        w = w[:-3]
        if len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif w.endswith("ied") and len(w) >= 5:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) >= 5:
        w = w[:-2]
        if len(w) >= 3 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    if w.endswith("e") and len(w) >= 4:
        w = w[:-1]
    return w


@lru_cache(maxsize=65536)
def _fold_token(token: str) -> str:
    return stem(unicodedata.normalize("NFKC", token).translate(_QUOTES).casefold())


@lru_cache(maxsize=65536)
def _cased_token(token: str) -> str:
    value = unicodedata.normalize("NFKC", token).translate(_QUOTES)
    # SDOs -> SDO: a lowercase plural s after an all-caps word.
    if len(value) > 2 and value.endswith("s") and value[:-1].isupper():
        value = value[:-1]
    return value


def is_case_sensitive(term: Term) -> bool:
    """Acronyms and codes keep their case: ``ISO`` is not the word *iso*."""
    if term.term_type == "acronym":
        return True
    text = term.text.strip()
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


@dataclass
class _EnText:
    """A text as token keys, with each key position mapped back to the text."""

    folded: str
    cased: str
    #: Position in the key strings -> token index (both strings share them).
    starts: dict[int, int]
    ends: dict[int, int]
    spans: list[tuple[int, int]]
    cased_starts: dict[int, int]
    cased_ends: dict[int, int]


@lru_cache(maxsize=256)
def _prepare_en(text: str) -> _EnText:
    tokens = en_tokens(text)
    folded_parts: list[str] = []
    cased_parts: list[str] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    cstarts: dict[int, int] = {}
    cends: dict[int, int] = {}
    pos = cpos = 0
    for i, (_s, _e, tok) in enumerate(tokens):
        f = _fold_token(tok)
        c = _cased_token(tok)
        starts[pos] = i
        pos += len(f)
        ends[pos] = i
        pos += 1
        cstarts[cpos] = i
        cpos += len(c)
        cends[cpos] = i
        cpos += 1
        folded_parts.append(f)
        cased_parts.append(c)
    return _EnText(
        folded=" ".join(folded_parts),
        cased=" ".join(cased_parts),
        starts=starts,
        ends=ends,
        spans=[(s, e) for s, e, _ in tokens],
        cased_starts=cstarts,
        cased_ends=cends,
    )


def en_keys(term_text: str, case_sensitive: bool) -> list[str]:
    """The keys a term is found by: spaced, and joined when it is hyphenated."""
    tokens = [tok for _s, _e, tok in en_tokens(term_text)]
    if not tokens:
        return []
    norm = _cased_token if case_sensitive else _fold_token
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
    return keys


# -- Chinese normalization ------------------------------------------------


@lru_cache(maxsize=16384)
def _zh_char(ch: str) -> str:
    value = unicodedata.normalize("NFKC", ch).translate(_QUOTES)
    return "".join("-" if c in _DASH_CHARS else c for c in value)


@lru_cache(maxsize=256)
def _prepare_zh(text: str) -> tuple[str, list[int]]:
    """Normalized characters (no spaces) and each one's index in ``text``."""
    if text.isascii():
        chars = [c for c in text if not c.isspace()]
        origin = [i for i, c in enumerate(text) if not c.isspace()]
        return "".join(chars), origin
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


class TermIndex:
    """Every term of a term base, by language, ready to be found in text."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts: dict[str, Concept] = {}
        # (lang, mode) -> key -> entries; mode is 'f' (folded), 'c' (cased) or 'z'.
        self._keys: dict[tuple[str, str], dict[str, list[Entry]]] = {}
        self._automata: dict[tuple[str, str], Any] = {}
        self._zh_words: set[str] = set()
        self._segmenter: Segmenter | None = None
        self._rendering_keys: dict[tuple[str, str], list[tuple[str, str, Term]]] = {}
        for concept in concepts:
            self.add(concept)

    # building

    def add(self, concept: Concept) -> None:
        uid = concept.ensure_uid()
        self.concepts[uid] = concept
        heading = concept.type in HEADING_TYPES
        for term in concept.terms:
            text = term.text.strip()
            if not text:
                continue
            lang = term.lang
            if is_chinese_lang(lang):
                key = zh_key(text)
                if not key:
                    continue
                whole_only = heading and len(key) < 6
                self._add_key(lang, "z", key, Entry(uid, term, concept.type, whole_only))
                if _HAN.search(key):
                    self._zh_words.add(key)
            else:
                cs = is_case_sensitive(term)
                keys = en_keys(text, cs)
                if not keys:
                    continue
                whole_only = heading and keys[0].count(" ") < 2
                for key in keys:
                    self._add_key(lang, "c" if cs else "f", key, Entry(uid, term, concept.type, whole_only))
        self._automata.clear()
        self._segmenter = None

    def _add_key(self, lang: str, mode: str, key: str, entry: Entry) -> None:
        bucket = self._keys.setdefault((lang, mode), {})
        entries = bucket.setdefault(key, [])
        if not any(e.uid == entry.uid and e.term.text == entry.term.text for e in entries):
            entries.append(entry)
            # Allowed terms first, then concept types most drafts care about.
            entries.sort(key=lambda e: (not e.allowed, e.whole_only))

    def _automaton(self, lang: str, mode: str) -> Any:
        auto = self._automata.get((lang, mode))
        if auto is None:
            import ahocorasick

            auto = ahocorasick.Automaton()
            for key, entries in self._keys.get((lang, mode), {}).items():
                auto.add_word(key, (len(key), tuple(entries)))
            if len(auto):
                auto.make_automaton()
            self._automata[(lang, mode)] = auto
        return auto

    def languages(self) -> set[str]:
        return {lang for lang, _mode in self._keys}

    def __len__(self) -> int:
        return len(self.concepts)

    # finding

    def find(self, text: str, lang: str) -> list[Match]:
        """Terms of ``lang`` in ``text``: non-overlapping, longest first, in text order."""
        if not text:
            return []
        if is_chinese_lang(lang):
            candidates = list(self._zh_candidates(text, lang))
        else:
            candidates = list(self._en_candidates(text, lang))
        return _select(candidates)

    def _en_candidates(self, text: str, lang: str) -> Iterator[Match]:
        prepared: _EnText | None = None
        for mode in ("f", "c"):
            if (lang, mode) not in self._keys:
                continue
            auto = self._automaton(lang, mode)
            if not len(auto):
                continue
            if prepared is None:
                prepared = _prepare_en(text)
            haystack = prepared.folded if mode == "f" else prepared.cased
            starts = prepared.starts if mode == "f" else prepared.cased_starts
            ends = prepared.ends if mode == "f" else prepared.cased_ends
            for end_idx, (length, entries) in auto.iter(haystack):
                kstart = end_idx - length + 1
                first = starts.get(kstart)
                last = ends.get(end_idx + 1)
                if first is None or last is None:
                    continue
                start, end = prepared.spans[first][0], prepared.spans[last][1]
                yield from self._make_match(text, start, end, entries)

    def _zh_candidates(self, text: str, lang: str) -> Iterator[Match]:
        if (lang, "z") not in self._keys:
            return
        auto = self._automaton(lang, "z")
        if not len(auto):
            return
        norm, origin = _prepare_zh(text)
        bounds: set[int] | None = None
        for end_idx, (length, entries) in auto.iter(norm):
            s, e = end_idx - length + 1, end_idx + 1
            if self._needs_segmenter(norm, s) or self._needs_segmenter(norm, e):
                if bounds is None:
                    bounds = self._boundaries(norm)
                if s not in bounds or e not in bounds:
                    continue
            yield from self._make_match(text, origin[s], origin[e - 1] + 1, entries)

    @staticmethod
    def _needs_segmenter(norm: str, pos: int) -> bool:
        return 0 < pos < len(norm) and is_han(norm[pos - 1]) and is_han(norm[pos])

    def _make_match(
        self, text: str, start: int, end: int, entries: tuple[Entry, ...]
    ) -> Iterator[Match]:
        usable = tuple(e for e in entries if not e.whole_only or _is_whole(text, start, end))
        if usable:
            best = usable[0]
            yield Match(start, end, text[start:end], best.uid, best.term, usable)

    def _boundaries(self, norm: str) -> set[int]:
        return self.segmenter().boundaries(norm)

    def segmenter(self) -> Segmenter:
        if self._segmenter is None:
            self._segmenter = Segmenter(self._zh_words)
        return self._segmenter

    # renderings

    def renderings(self, uid: str, lang: str, *, allowed: bool = True) -> list[Term]:
        concept = self.concepts.get(uid)
        if concept is None:
            return []
        terms = concept.terms_in(lang)
        if not terms and is_chinese_lang(lang):
            terms = [t for t in concept.terms if is_chinese_lang(t.lang)]
        if allowed:
            return [t for t in terms if t.status in ALLOWED_STATUSES]
        return terms

    def find_rendering(
        self, uid: str, text: str, lang: str, matches: list[Match] | None = None
    ) -> tuple[Term, int, int] | None:
        """The first allowed rendering of concept ``uid`` present in ``text``.

        Presence uses the same normalization as :meth:`find`.  For Chinese a
        plain substring counts (a translation is *present* even where jieba
        would segment it differently), except when it only occurs inside a
        longer term of the base that ``matches`` found there: 标准 inside
        标准化 does not stand for 标准.
        """
        if matches is None:
            matches = self.find(text, lang)
        for term in self.renderings(uid, lang):
            if is_chinese_lang(term.lang):
                norm, origin = _prepare_zh(text)
                key = zh_key(term.text)
                if not key:
                    continue
                pos = norm.find(key)
                while pos >= 0:
                    start, end = origin[pos], origin[pos + len(key) - 1] + 1
                    if not _shadowed(start, end, uid, matches):
                        return term, start, end
                    pos = norm.find(key, pos + 1)
            else:
                span = _find_en(text, term)
                if span is not None:
                    return term, span[0], span[1]
        return None


def _shadowed(start: int, end: int, uid: str, matches: list[Match]) -> bool:
    for m in matches:
        if m.start <= start and end <= m.end and (m.end - m.start) > (end - start):
            if all(e.uid != uid for e in m.entries):
                return True
    return False


def _find_en(text: str, term: Term) -> tuple[int, int] | None:
    cs = is_case_sensitive(term)
    prepared = _prepare_en(text)
    haystack = prepared.cased if cs else prepared.folded
    starts = prepared.cased_starts if cs else prepared.starts
    ends = prepared.cased_ends if cs else prepared.ends
    for key in en_keys(term.text, cs):
        pos = haystack.find(key)
        while pos >= 0:
            first, last = starts.get(pos), ends.get(pos + len(key))
            if first is not None and last is not None:
                return prepared.spans[first][0], prepared.spans[last][1]
            pos = haystack.find(key, pos + 1)
    return None


def _select(candidates: list[Match]) -> list[Match]:
    """Longest first, then leftmost; drop anything overlapping a chosen match."""
    if not candidates:
        return []
    candidates.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in candidates:
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        chosen.append(m)
        taken.append((m.start, m.end))
    chosen.sort(key=lambda m: m.start)
    return chosen


def build_index(concepts: Iterable[Concept]) -> TermIndex:
    return TermIndex(concepts)


# -- word boundaries --------------------------------------------------------------


class Segmenter:
    """jieba's dictionary segmentation (``cut(HMM=False)``), reading only the words it needs.

    The algorithm is jieba's: a DAG of the dictionary words in a run of Han
    characters and the route of highest probability through it, with the
    term base's Chinese words added as jieba's ``add_word`` adds them (a
    frequency just high enough to keep the word whole).  What differs is
    where frequencies come from.  jieba unmarshals its whole 350,000-word
    dictionary (0.6 s) before the first cut, which alone would break
    ``glossary check``'s half-second budget; here the dictionary is copied
    once into an SQLite cache (``$GLOSSARY_CACHE`` or
    ``~/.cache/glossary``) and only the substrings of the text are looked
    up.  After :data:`MEMORY_AFTER` texts (a draft being linted) the whole
    dictionary is loaded into memory, which is then faster.  Both paths give
    the same segmentation.  Without a writable cache it loads jieba at once.
    """

    MEMORY_AFTER = 64
    MAX_WORD = 16

    def __init__(self, words: Iterable[str] = ()) -> None:
        self.words = set(words)
        self._freq: dict[str, int] | None = None
        self._total = 0
        self._db: Any = None
        self._db_cache: dict[str, int] = {}
        self._added: dict[str, int] = {}
        self._calls = 0
        self._max: int | None = None
        self._prefix_set: set[str] | None = None

    # frequencies

    def _dictionary_path(self) -> str:
        import os

        import jieba

        return os.path.join(os.path.dirname(jieba.__file__), "dict.txt")

    def _open_cache(self) -> bool:
        import os
        import sqlite3
        import tempfile

        if self._db is not None:
            return True
        try:
            source = self._dictionary_path()
            stat = os.stat(source)
            folder = os.environ.get("GLOSSARY_CACHE") or os.path.join(
                os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "glossary"
            )
            path = os.path.join(folder, f"jieba-{stat.st_size}-{int(stat.st_mtime)}.sqlite")
            if not os.path.exists(path):
                os.makedirs(folder, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
                os.close(fd)
                try:
                    conn = sqlite3.connect(tmp)
                    conn.execute("CREATE TABLE w (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
                    conn.execute("CREATE TABLE meta (total INTEGER)")
                    total = 0
                    rows: dict[str, int] = {}
                    with open(source, encoding="utf-8") as handle:
                        for line in handle:
                            parts = line.split(" ")
                            if len(parts) >= 2:
                                freq = int(parts[1])
                                rows[parts[0]] = freq
                                total += freq
                    conn.executemany("INSERT OR REPLACE INTO w VALUES (?, ?)", rows.items())
                    conn.execute("INSERT INTO meta VALUES (?)", (total,))
                    conn.commit()
                    conn.close()
                    os.replace(tmp, path)
                finally:
                    if os.path.exists(tmp):
                        os.unlink(tmp)
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            self._total = conn.execute("SELECT total FROM meta").fetchone()[0]
            self._db = conn
            return True
        except (OSError, ValueError, Exception):  # noqa: B014 - any cache failure: use jieba itself
            self._db = None
            return False

    def _load_memory(self) -> None:
        import jieba

        jieba.setLogLevel(60)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        self._freq = tokenizer.FREQ
        self._total = tokenizer.total

    def _base_freqs(self, words: list[str]) -> dict[str, int]:
        if self._freq is None and not self._open_cache():
            self._load_memory()
        if self._freq is not None:
            freq = self._freq
            return {w: freq[w] for w in words if freq.get(w)}
        missing = [w for w in words if w not in self._db_cache]
        for i in range(0, len(missing), 900):
            chunk = missing[i : i + 900]
            found = dict(
                self._db.execute(f"SELECT word, freq FROM w WHERE word IN ({','.join('?' * len(chunk))})", chunk)
            )
            for w in chunk:
                self._db_cache[w] = found.get(w, 0)
        return {w: self._db_cache[w] for w in words if self._db_cache[w]}

    def _freqs(self, run: str) -> dict[str, int]:
        """Frequencies of the dictionary and term words found in ``run``."""
        n = len(run)
        words = self.words
        if self._freq is not None:
            # jieba's own DAG walk: stop at the first substring that is no word's prefix.
            freq, prefixes = self._freq, self._prefixes()
            found: dict[str, int] = {}
            for i in range(n):
                j = i + 1
                frag = run[i]
                while frag in freq or frag in prefixes:
                    if frag in words:
                        found[frag] = self._added_freq(frag, freq.get(frag) or 0)
                    elif freq.get(frag):
                        found[frag] = freq[frag]
                    j += 1
                    if j > n:
                        break
                    frag = run[i:j]
            return found
        longest = self._longest()
        subs = list({run[i:j] for i in range(n) for j in range(i + 1, min(n, i + longest) + 1)})
        freqs = self._base_freqs(subs)
        for w in subs:
            if w in words:
                freqs[w] = self._added_freq(w, freqs.get(w, 0))
        return freqs

    def _longest(self) -> int:
        if self._max is None:
            self._max = max([self.MAX_WORD, *(len(w) for w in self.words)])
        return self._max

    def _prefixes(self) -> set[str]:
        if self._prefix_set is None:
            self._prefix_set = {w[:i] for w in self.words for i in range(1, len(w))}
        return self._prefix_set

    def _added_freq(self, word: str, base: int) -> int:
        """jieba's ``suggest_freq(word)``: just enough to beat the word's own segmentation."""
        cached = self._added.get(word)
        if cached is None:
            freqs = self._base_freqs(
                list({word[i:j] for i in range(len(word)) for j in range(i + 1, len(word) + 1)})
            )
            product = 1.0
            for piece in self._route(word, freqs):
                product *= freqs.get(piece, 1) / self._total
            cached = max(int(product * self._total) + 1, base or 1)
            self._added[word] = cached
        return cached

    # segmentation

    def _route(self, run: str, freqs: dict[str, int]) -> list[str]:
        """jieba's ``calc``: the most probable path through the words found."""
        import math

        n = len(run)
        ends: list[list[int]] = [[] for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, min(n, i + self._longest()) + 1):
                if run[i:j] in freqs:
                    ends[i].append(j)
            if not ends[i] or ends[i][0] != i + 1:
                ends[i].insert(0, i + 1)
        log_total = math.log(self._total)
        route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
        for idx in range(n - 1, -1, -1):
            route[idx] = max(
                (math.log(freqs.get(run[idx:end]) or 1) - log_total + route[end][0], end) for end in ends[idx]
            )
        words = []
        idx = 0
        while idx < n:
            end = route[idx][1]
            words.append(run[idx:end])
            idx = end
        return words

    def cut(self, text: str) -> list[str]:
        """Tokens of ``text``: dictionary words inside Han runs, other characters alone."""
        self._calls += 1
        if self._freq is None and self._calls > self.MEMORY_AFTER:
            self._load_memory()
        tokens: list[str] = []
        pos = 0
        for m in _HAN_RUN.finditer(text):
            tokens.extend(text[pos : m.start()])
            run = m.group()
            tokens.extend(self._route(run, self._freqs(run)))
            pos = m.end()
        tokens.extend(text[pos:])
        return tokens

    def boundaries(self, text: str) -> set[int]:
        bounds = {0}
        pos = 0
        for token in self.cut(text):
            pos += len(token)
            bounds.add(pos)
        return bounds


_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
