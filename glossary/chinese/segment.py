"""Chinese word boundaries: jieba's dictionary segmentation without jieba's start-up cost.

Two users need it.  The term matcher (:mod:`glossary.match`) must know
whether a hit cuts a word (``和服`` in ``他和服务员``), and the ``name`` rule
(:mod:`glossary.checks.names`) must know whether a surname-led span is a
word of its own and how common a word is (贺信 is a word, 靳吉丽 is not).

The algorithm is jieba's ``cut(HMM=False)``: a DAG of the dictionary words
in a run of Han characters and the route of highest probability through it,
with extra words (the term base's) added as jieba's ``add_word`` adds them:
a frequency just high enough to keep the word whole.  What differs is
where frequencies come from.  Importing jieba costs 0.1 s and unmarshalling
its 350,000-word dictionary 0.6 s more, which alone would break ``glossary
check``'s half-second budget; here the dictionary is copied once into an
SQLite cache (``$GLOSSARY_CACHE`` or ``~/.cache/glossary``) and only the
substrings of the text are looked up, without importing jieba at all.
After :data:`Segmenter.MEMORY_AFTER` texts (a draft being linted) the whole
dictionary is loaded into memory, which is then faster.  Both paths give the
same segmentation.  Without a writable cache it loads jieba at once.

:class:`JiebaSession` is the other segmenter: jieba itself, for ``glossary
build``, with the words a build adds kept in the session (jieba's own
``add_word`` would put them into its process-wide tokenizer, where the next
build and every pinyin computed after it would see them).

A lint calls this once per segment, so the route is computed on a DAG built
in one walk (no slicing of every substring twice), log-probabilities are
kept per word, and the cut of each Han run is remembered (drafts repeat
headings, captions and bylines).
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import math
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from glossary.text.script import HAN_RUN

_T = TypeVar("_T")

#: Lexicon values that are not log-probabilities (those are all below zero).
_PREFIX = 1.0
_ADDED = 2.0
#: The score of a position before any route from it is found.
_NO_ROUTE = -math.inf

#: Runs of Han characters (:data:`glossary.text.script.HAN_RUN`); the name
#: stays for :mod:`glossary.match`, which imports it from here.
_HAN_RUN = HAN_RUN


def _jieba_dir() -> str:
    """jieba's package folder, found without importing jieba (its import alone is 0.1 s)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        raise OSError("jieba is not installed")
    return os.path.dirname(spec.origin)


def cache_folder() -> str:
    """Where the Chinese layer keeps what it computes once per machine: ``$GLOSSARY_CACHE``,
    else ``$XDG_CACHE_HOME/glossary``, else ``~/.cache/glossary`` (created by the writer)."""
    return os.environ.get("GLOSSARY_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "glossary"
    )


def file_stamp(*paths: str) -> str:
    """A short digest of the size and modification time of ``paths`` (a cache file's version)."""
    parts = []
    for path in paths:
        stat = os.stat(path)
        parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


def build_cache_db(path: str, fill: Callable[[Any], None]) -> None:
    """Make the SQLite cache file ``path`` unless it is there: ``fill`` writes a new
    connection's tables, then the file is renamed into place.

    Written beside its final name and renamed, so a reader (another process,
    a run killed midway) never opens a half-made cache.  Errors (``OSError``,
    ``sqlite3.Error``) reach the caller, which falls back to computing in memory.
    """
    import sqlite3

    if os.path.exists(path):
        return
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            fill(conn)
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _dictionary_lines(source: str) -> Iterator[tuple[str, int, str | None]]:
    """Each line of jieba's dictionary file ``source`` that gives a word: word, frequency, tag (or None).

    The one reading of the file both the SQLite copy and :func:`_jieba_tags` make,
    so the two answer alike (a word's last line wins in both).
    """
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2:
                yield parts[0], int(parts[1]), parts[2] if len(parts) > 2 else None


def _fill_dictionary_cache(conn: Any, source: str) -> None:
    """jieba's dictionary file ``source`` as the tables the segmenter's cache reads (a word's last line wins)."""
    conn.execute("CREATE TABLE w (word TEXT PRIMARY KEY, freq INTEGER, tag TEXT) WITHOUT ROWID")
    conn.execute("CREATE TABLE meta (total INTEGER)")
    total = 0
    rows: dict[str, tuple[str, int, str | None]] = {}
    for word, freq, tag in _dictionary_lines(source):
        rows[word] = (word, freq, tag)
        total += freq
    conn.executemany("INSERT OR REPLACE INTO w VALUES (?, ?, ?)", rows.values())
    conn.execute("INSERT INTO meta VALUES (?)", (total,))


class Segmenter:
    """jieba's dictionary segmentation (``cut(HMM=False)``), reading only the words it needs."""

    #: Texts segmented through the SQLite cache before the whole dictionary is
    #: loaded (0.7 s once): a text costs about 3 ms through the cache and 0.3 ms
    #: in memory, so loading pays off after some 220 texts, and a lint that
    #: re-checks one changed catalog of a cached tree never pays it.
    MEMORY_AFTER = 220
    MAX_WORD = 16
    #: Han runs whose cut is remembered (a bounded cache; cleared when full).
    RUN_CACHE = 50_000

    def __init__(self, words: Iterable[str] = (), source: WordSource | None = None) -> None:
        self.words: set[str] | frozenset[str] = set(words)
        #: Where the added words come from when they are too many to hold (a stored
        #: term index): a run's words are taken from it when the run is first cut.
        self._source = source
        self._freq: dict[str, int] | None = None
        self._total = 0
        self._log_total = 0.0
        self._db: Any = None
        self._db_cache: dict[str, int] = {}
        self._added: dict[str, int] = {}
        self._calls = 0
        self._max: int | None = None
        #: jieba's prefix dictionary as log-probabilities (memory path; see _lexicon).
        self._lex: dict[str, float] | None = None
        #: The longest key of the lexicon (see cut_before).
        self._lex_max: int | None = None
        #: The lexicon holds no added word (see _plain_ends).
        self._plain = False
        #: Han run -> the end offsets of its words.
        self._runs: dict[str, tuple[int, ...]] = {}
        #: jieba's parts of speech in memory (:meth:`load_tags`), else None: read from the SQLite copy.
        self._tags: dict[str, str | None] | None = None

    # frequencies

    def _dictionary_path(self) -> str:
        return os.path.join(_jieba_dir(), "dict.txt")

    def _open_cache(self) -> bool:
        import sqlite3

        if self._db is not None:
            return True
        try:
            source = self._dictionary_path()
            stat = os.stat(source)
            folder = cache_folder()
            path = os.path.join(folder, f"jieba-v2-{stat.st_size}-{int(stat.st_mtime)}.sqlite")
            build_cache_db(path, lambda conn: _fill_dictionary_cache(conn, source))
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            self._set_total(conn.execute("SELECT total FROM meta").fetchone()[0])
            self._db = conn
            return True
        except (OSError, ValueError, Exception):  # noqa: B014 - any cache failure: use jieba itself
            self._db = None
            return False

    def _set_total(self, total: int) -> None:
        if total != self._total:
            self._total = total
            self._log_total = math.log(total)
            self._lex = None

    def _load_memory(self) -> None:
        # Shared with every session of the process: read here, never written.
        self._freq, total = _jieba_dictionary()
        self._set_total(total)
        if self._tags is None and self._dictionary_path() == os.path.join(_jieba_dir(), "dict.txt"):
            self._tags = _jieba_tables()[2]  # read with the dictionary: a lookup a tag from now on, not a query

    def prepare(self) -> None:
        """Load the whole dictionary now (before forking workers that will share it)."""
        self.load_dictionary()
        self._lexicon()

    def load_dictionary(self) -> None:
        """Hold jieba's dictionary in memory now, without the lexicon :meth:`prepare` also makes."""
        if self._freq is None:
            self._load_memory()

    def in_memory(self) -> bool:
        """Whether jieba's whole dictionary is in memory here (after :meth:`prepare`, or after many texts)."""
        return self._freq is not None

    def load_tags(self) -> None:
        """Hold jieba's parts of speech in memory, so :meth:`tag` is a dict lookup, not an SQLite query.

        For a bulk reader that asks the tag of every token it meets (an
        import's pinyin: some 20 us a query, for hundreds of thousands of
        distinct words) and forks workers after this (they share the table,
        and never carry an SQLite connection across the fork).  The same
        answers as the copy: the file's lines, a word's last line winning.
        """
        if self._tags is None:
            self._tags = _jieba_tags(self._dictionary_path())

    def _ready(self) -> None:
        if self._freq is None and self._db is None and not self._open_cache():
            self._load_memory()

    def _base_freqs(self, words: list[str]) -> dict[str, int]:
        self._ready()
        if self._freq is not None:
            freq = self._freq
            return {w: freq[w] for w in words if freq.get(w)}
        cache = self._db_cache
        missing = [w for w in words if w not in cache]
        for i in range(0, len(missing), 900):
            chunk = missing[i : i + 900]
            found = dict(
                self._db.execute(f"SELECT word, freq FROM w WHERE word IN ({','.join('?' * len(chunk))})", chunk)
            )
            for w in chunk:
                cache[w] = found.get(w, 0)
        return {w: cache[w] for w in words if cache[w]}

    def frequency(self, word: str) -> int:
        """The word's frequency in jieba's dictionary (0: not a word there)."""
        if self._freq is not None:  # in memory: one lookup (pinyin asks this for every token)
            return self._freq.get(word) or 0
        return self._base_freqs([word]).get(word, 0)

    def tag(self, word: str) -> str | None:
        """The word's part of speech in jieba's dictionary (``nr``: a person), if it is listed.

        Read from the SQLite copy (or from memory after :meth:`load_tags`); None when the
        word is not listed or there is no copy.
        """
        if self._tags is not None:
            return self._tags.get(word)
        if self._db is None and not self._open_cache():
            return None
        row = self._db.execute("SELECT tag FROM w WHERE word = ?", (word,)).fetchone()
        return row[0] if row else None

    def _take_words(self, run: str) -> None:
        """Add the source's words found in ``run`` (a stored index's terms), before the run is cut.

        Cutting a run with every added word or with only those it holds
        gives the same words: a word that is not in the run adds no edge to
        its DAG, and an added word's frequency depends on jieba's dictionary
        alone.  Words taken for one run stay for the next ones (they are
        added words all the same), so a million-term base costs the memory
        of the words its texts hold, not of its million words.
        """
        if self._source is None:
            return
        words = self.words
        new = [w for w in self._source.words_in(run) if w not in words]
        if not new:
            return
        assert isinstance(words, set)
        words.update(new)
        longest = max(map(len, new))
        if self._max is not None and longest > self._max:
            self._max = longest
        lex = self._lex
        if lex is not None:
            for word in new:
                for i in range(1, len(word)):
                    lex.setdefault(word[:i], _PREFIX)
                lex[word] = _ADDED
            if self._lex_max is not None and longest > self._lex_max:
                self._lex_max = longest

    def _longest(self) -> int:
        if self._max is None:
            self._max = max([self.MAX_WORD, *(len(w) for w in self.words)])
        return self._max

    def _added_freq(self, word: str, base: int) -> int:
        """jieba's ``suggest_freq(word)``: just enough to beat the word's own segmentation."""
        cached = self._added.get(word)
        if cached is None and self._freq is not None:
            cached = self._added[word] = self._memory_added_freq(word, base)
        if cached is None:
            freqs = self._base_freqs(
                list({word[i:j] for i in range(len(word)) for j in range(i + 1, len(word) + 1)})
            )
            product = 1.0
            start = 0
            for end in self._ends(word, self._dag(word, freqs), freqs):
                product *= freqs.get(word[start:end], 1) / self._total
                start = end
            cached = max(int(product * self._total) + 1, base or 1)
            self._added[word] = cached
        return cached

    def _memory_added_freq(self, word: str, base: int) -> int:
        """:meth:`_added_freq` on the in-memory dictionary, in one pass and without slicing twice.

        The same route and the same arithmetic as the general path (a DAG of
        the dictionary's words of non-zero frequency, jieba's ``calc`` on
        their log-probabilities, then the product of the route's
        frequencies), so the frequency is the same to the last bit; it is
        computed for every term a draft hits, so it has to be cheap.
        """
        freq = self._freq
        assert freq is not None
        total = self._total
        n = len(word)
        score = [0.0] * (n + 1)
        best_end = [0] * (n + 1)
        missing = -self._log_total
        log = math.log
        log_total = self._log_total
        get = freq.get
        for i in range(n - 1, -1, -1):
            best = -math.inf
            chosen = 0
            for j in range(i + 1, n + 1):
                f = get(word[i:j])
                if f is None:
                    break  # no longer word starts with this prefix
                if f:
                    s = (log(f) - log_total) + score[j]
                    if s >= best:
                        best, chosen = s, j
            if not chosen:
                best, chosen = missing + score[i + 1], i + 1
            score[i] = best
            best_end[i] = chosen
        product = 1.0
        start = 0
        for end in _route(best_end, n):
            product *= (freq.get(word[start:end]) or 1) / total
            start = end
        return max(int(product * total) + 1, base or 1)

    def _run_freqs(self, run: str) -> dict[str, int]:
        """Frequencies (SQLite path) of the dictionary and added words found in ``run``."""
        n = len(run)
        longest = self._longest()
        subs = list({run[i:j] for i in range(n) for j in range(i + 1, min(n, i + longest) + 1)})
        freqs = self._base_freqs(subs)
        words = self.words
        for w in subs:
            if w in words:
                freqs[w] = self._added_freq(w, freqs.get(w, 0))
        return freqs

    def _dag(self, run: str, freqs: dict[str, int]) -> list[list[int]]:
        """jieba's ``get_DAG`` over the words that are keys of ``freqs``."""
        n = len(run)
        longest = self._longest()
        dag: list[list[int]] = []
        for i in range(n):
            ends = [j for j in range(i + 1, min(n, i + longest) + 1) if run[i:j] in freqs]
            dag.append(ends or [i + 1])
        return dag

    def _ends(self, run: str, dag: list[list[int]], freqs: dict[str, int]) -> tuple[int, ...]:
        """jieba's ``calc``: the most probable route through the DAG, as word end offsets."""
        n = len(run)
        log_total = self._log_total
        log = math.log
        score = [0.0] * (n + 1)
        best_end = [0] * (n + 1)
        for idx in range(n - 1, -1, -1):
            best = -math.inf
            chosen = idx + 1
            for end in dag[idx]:  # ascending: ">=" gives ties to the longer word, as max() does
                s = log(freqs.get(run[idx:end]) or 1) - log_total + score[end]
                if s >= best:
                    best, chosen = s, end
            score[idx] = best
            best_end[idx] = chosen
        return _route(best_end, n)

    # the in-memory lexicon

    def _lexicon(self) -> dict[str, float]:
        """jieba's prefix dictionary as log-probabilities, with the added words marked.

        One dict lookup per step of the DAG walk: a value below zero is a
        word's log-probability, :data:`_PREFIX` a prefix that is no word, and
        :data:`_ADDED` an added word whose frequency is computed on first use.
        """
        if self._lex is None:
            assert self._freq is not None
            log_total = self._log_total
            log = math.log
            lex = {w: (log(f) - log_total) if f else _PREFIX for w, f in self._freq.items()}
            for word in self.words:
                for i in range(1, len(word)):
                    lex.setdefault(word[:i], _PREFIX)
                lex[word] = _ADDED
            self._lex = lex
            self._lex_max = None
            # No word added now, and none can be later (a frozen set, no source): no value is _ADDED.
            self._plain = not self.words and isinstance(self.words, frozenset) and self._source is None
        return self._lex

    def _memory_ends(self, run: str) -> tuple[int, ...]:
        """jieba's ``get_DAG`` and ``calc`` in one right-to-left pass over the run."""
        lex = self._lexicon()
        if self._plain:
            return self._plain_ends(run, lex)
        return self._lexicon_ends(run, lex)

    def _lexicon_ends(self, run: str, lex: dict[str, float]) -> tuple[int, ...]:
        """:meth:`_memory_ends` for any lexicon, added words included (the reference :meth:`_plain_ends` is tested against)."""
        get = lex.get
        n = len(run)
        score = [0.0] * (n + 1)
        best_end = [0] * (n + 1)
        missing = -self._log_total  # a character that is no word: frequency 1
        for i in range(n - 1, -1, -1):
            best = -math.inf
            chosen = 0
            for j in range(i + 1, n + 1):
                value = get(run[i:j])
                if value is None:
                    break  # no longer word starts with this prefix
                if value < 0:
                    s = value + score[j]
                    if s >= best:  # j grows: ties go to the longer word, as jieba's max() does
                        best, chosen = s, j
                elif value == _ADDED:
                    frag = run[i:j]
                    assert self._freq is not None
                    value = lex[frag] = math.log(self._added_freq(frag, self._freq.get(frag) or 0)) - self._log_total
                    if value < 0:
                        s = value + score[j]
                        if s >= best:
                            best, chosen = s, j
            if not chosen:
                best, chosen = missing + score[i + 1], i + 1
            score[i] = best
            best_end[i] = chosen
        return _route(best_end, n)

    def _plain_ends(self, run: str, lex: dict[str, float]) -> tuple[int, ...]:
        """:meth:`_memory_ends` over a lexicon without added words (the default segmenter's).

        The same steps and the same float arithmetic, so the same route to
        the last bit as :meth:`_lexicon_ends`; only the test for an added
        word (there is none) is left out of the inner loop: pinyin cuts every
        term of an import with it (tests/test_pinyin_fast.py compares the two).
        """
        get = lex.get
        n = len(run)
        score = [0.0] * (n + 1)
        best_end = [0] * (n + 1)
        missing = -self._log_total  # a character that is no word: frequency 1
        for i in range(n - 1, -1, -1):
            best = _NO_ROUTE
            chosen = 0
            j = i + 1
            value = get(run[i:j])
            while value is not None:
                if value < 0:
                    s = value + score[j]
                    if s >= best:  # j grows: ties go to the longer word, as jieba's max() does
                        best, chosen = s, j
                if j == n:
                    break
                j += 1
                value = get(run[i:j])
            if not chosen:
                best, chosen = missing + score[i + 1], i + 1
            score[i] = best
            best_end[i] = chosen
        return _route(best_end, n)

    def merged_lexicon(self, other: dict[str, bool]) -> dict[str, tuple[float, bool | None]] | None:
        """This segmenter's lexicon and another walk's table in one dict, for :meth:`merged_cut` (None: it cannot).

        ``other`` is a prefix-closed table (every prefix of a key is a key)
        of another longest-match walk over the same text (pypinyin's phrase
        split: prefix -> whether it is a phrase).  A key's value is (its
        lexicon value as :meth:`_lexicon` computes it, :data:`_PREFIX` (no
        word) if no key there; its ``other`` value, None if no key there);
        equal values are one tuple.  Only for a segmenter without added words whose dictionary
        is in memory (the default one after :meth:`prepare`), else None.
        """
        if self._freq is None or self.words or not isinstance(self.words, frozenset) or self._source is not None:
            return None
        log_total = self._log_total
        log = math.log
        freq = self._freq
        # One tuple per frequency (some 5,000 of them), made from the value _lexicon computes for it.
        alone = {f: ((log(f) - log_total) if f else _PREFIX, None) for f in set(freq.values())}
        table: dict[str, tuple[float, bool | None]] = {word: alone[f] for word, f in freq.items()}
        shared: dict[tuple[float, bool | None], tuple[float, bool | None]] = {}
        for word, step in other.items():
            found = table.get(word)
            value = (_PREFIX if found is None else found[0], step)
            table[word] = shared.setdefault(value, value)
        return table

    def merged_cut(self, block: str, table: dict[str, tuple[float, bool | None]]) -> tuple[list[str], list[int]]:
        """``cut(block, hmm=True)`` of one of jieba's blocks, and the other walk's segments, in one walk of ``table``.

        ``table`` is :meth:`merged_lexicon`'s.  The route is :meth:`_plain_ends`'s,
        the same steps and float arithmetic (a key only the other walk
        knows ends the lexicon's words from that start, as a missing key
        does there: both tables are prefix-closed); the tokens are
        :meth:`_block_tokens`'s.  The second list gives, for each offset,
        where the other walk's longest match from there ends (the longest
        key with a true value reached before a key is missing), that offset
        plus one if none, and 0 when every key from there to the block's end
        is a prefix and none has a true value (pypinyin's splitter then reads
        the rest a character at a time).  One lookup a step serves both walks:
        pinyin reads and cuts every term of an import.
        """
        get = table.get
        n = len(block)
        score = [0.0] * (n + 1)
        best_end = [0] * (n + 1)
        other = [0] * n
        missing = -self._log_total  # a character that is no word: frequency 1
        for i in range(n - 1, -1, -1):
            best = _NO_ROUTE
            chosen = 0
            valid = 0  # the other walk's longest match from i so far
            ended = 0  # where the other walk's match from i ends, once a key is not one of its own
            j = i + 1
            value = get(block[i:j])
            while value is not None:
                word, step = value
                if word < 0:
                    s = word + score[j]
                    if s >= best:  # j grows: ties go to the longer word, as jieba's max() does
                        best, chosen = s, j
                if step is None:
                    if not ended:
                        ended = valid or i + 1
                elif step:  # (prefix-closed: every shorter key from i is one of the other walk's)
                    valid = j
                if j == n:
                    other[i] = ended or valid  # still its keys at the block's end: valid, maybe 0
                    break
                j += 1
                value = get(block[i:j])
            else:
                other[i] = ended or valid or i + 1
            if not chosen:
                best, chosen = missing + score[i + 1], i + 1
            score[i] = best
            best_end[i] = chosen
        tokens: list[str] = []
        self.route_tokens(block, _route(best_end, n), tokens)
        return tokens, other

    def _run_ends(self, run: str) -> tuple[int, ...]:
        ends = self._runs.get(run)
        if ends is None:
            self._take_words(run)
            self._ready()
            if self._freq is not None:
                ends = self._memory_ends(run)
            else:
                freqs = self._run_freqs(run)
                ends = self._ends(run, self._dag(run, freqs), freqs)
            if len(self._runs) >= self.RUN_CACHE:
                self._runs.clear()
            self._runs[run] = ends
        return ends

    def run_ends(self, run: str) -> tuple[int, ...]:
        """The end offsets of the words of one Han run (a match of :data:`_HAN_RUN`).

        Runs are segmented independently of each other, so a caller that
        needs the boundaries of a few offsets of a text segments only the
        runs holding them; it calls :meth:`count_text` once for the text, as
        :meth:`boundaries` does.
        """
        return self._run_ends(run)

    def cut_before(self, run: str, x: int, tries: int = 10) -> int:
        """A cut at or before offset ``x`` of ``run`` that no word of the dictionary crosses (0: none found).

        Every route of the DAG passes through such a cut, and the DP on the
        rest of the run (``run[p:]``) is the same computation as on the whole
        run from ``p`` on, so the words after ``p`` are those of the whole
        run: a caller that needs boundaries only after ``p`` segments
        ``run[p:]`` alone.  A word crossing ``p`` from ``i`` has ``run[i:p + 1]``
        as a prefix, and the lexicon holds every prefix of every word, so one
        lookup per start rules it out.  Only the in-memory lexicon is used and
        only a few candidates are tried: the test must stay cheaper than the
        DP it saves.
        """
        if self._freq is None or x < 2:
            return 0
        self._take_words(run)
        get = self._lexicon().get
        longest = self._lex_longest()
        for p in range(x, max(0, x - tries), -1):
            for i in range(max(0, p - longest + 1), p):
                if get(run[i : p + 1]) is not None:
                    break
            else:
                return p
        return 0

    def _lex_longest(self) -> int:
        if self._lex_max is None:
            self._lex_max = max(map(len, self._lexicon()), default=1)
        return self._lex_max

    def count_text(self) -> None:
        """Count one text segmented (after :data:`MEMORY_AFTER`, the dictionary moves into memory)."""
        self._tick()

    def _tick(self) -> None:
        self._calls += 1
        if self._freq is None and self._calls > self.MEMORY_AFTER:
            self._load_memory()

    # segmentation

    def cut(self, text: str, hmm: bool = False) -> list[str]:
        """Tokens of ``text``: dictionary words inside Han runs, other characters alone.

        With ``hmm``, jieba's ``cut(text)`` instead (see :meth:`_cut_hmm`).
        """
        if hmm:
            return self._cut_hmm(text)
        self._tick()
        tokens: list[str] = []
        pos = 0
        for m in _HAN_RUN.finditer(text):
            tokens.extend(text[pos : m.start()])
            run = m.group()
            start = 0
            for end in self._run_ends(run):
                tokens.append(run[start:end])
                start = end
            pos = m.end()
        tokens.extend(text[pos:])
        return tokens

    def _cut_hmm(self, text: str) -> list[str]:
        """jieba's ``cut(text, HMM=True)``, for text without Latin letters or digits (pinyin's runs).

        jieba cuts each block of ``[\u4e00-\u9fd5]`` by the dictionary, as
        :meth:`run_ends` does, then gives every stretch of two or more
        single characters that is no dictionary word to its HMM
        (``jieba.finalseg``, imported only then: it does not need jieba's
        dictionary).  Characters outside the blocks are tokens of their own
        (``\r\n`` and each space one token), as jieba yields them.
        """
        self._tick()
        tokens: list[str] = []
        if JIEBA_BLOCK.fullmatch(text):  # one block, nothing around it (a term's Han run)
            self._block_tokens(text, tokens)
            return tokens
        pos = 0
        for m in JIEBA_BLOCK.finditer(text):
            tokens.extend(_jieba_skip(text[pos : m.start()]))
            self._block_tokens(m.group(), tokens)
            pos = m.end()
        tokens.extend(_jieba_skip(text[pos:]))
        return tokens

    def _block_tokens(self, block: str, tokens: list[str]) -> None:
        """Append the tokens of one of jieba's blocks: its dictionary words, single characters to the HMM."""
        lex = self._lex
        # jieba's dictionary alone, in memory (pinyin's cuts: a million distinct terms an import): the route
        # at once, not remembered in the run cache (which lint's boundaries keep for runs it meets again).
        ends = self._plain_ends(block, lex) if self._plain and lex is not None else self._run_ends(block)
        self.route_tokens(block, ends, tokens)

    def route_tokens(self, block: str, ends: Iterable[int], tokens: list[str]) -> None:
        """Append the tokens of a block routed through ``ends``: its words, single characters in a row to the HMM.

        jieba's ``__cut_DAG``: a word of two or more characters is a token,
        single characters are gathered and given to :meth:`_unknown`.
        """
        buf = ""
        start = 0
        for end in ends:
            if end - start == 1:
                buf += block[start]
                start = end
                continue
            if buf:
                tokens.extend(self._unknown(buf))
                buf = ""
            tokens.append(block[start:end])
            start = end
        if buf:
            tokens.extend(self._unknown(buf))

    def _unknown(self, buf: str) -> list[str]:
        """jieba's treatment of single characters in a row: a listed word stays apart, the rest to the HMM."""
        if len(buf) == 1 or self.frequency(buf):
            return list(buf)
        from jieba import finalseg

        return list(finalseg.cut(buf))

    def boundaries(self, text: str) -> set[int]:
        """Offsets where a token starts or ends; every non-Han character is a token of its own."""
        self._tick()
        bounds: set[int] = set()
        pos = 0
        for m in _HAN_RUN.finditer(text):
            base = m.start()
            bounds.update(range(pos, base + 1))
            bounds.update([base + end for end in self._run_ends(m.group())])
            pos = m.end()
        bounds.update(range(pos, len(text) + 1))
        return bounds


#: jieba's blocks of Han text (``re_han_default`` without its Latin letters and digits).
JIEBA_BLOCK = re.compile("[\u4e00-\u9fd5]+")
_JIEBA_SKIP = re.compile(r"(\r\n|\s)")


def _jieba_skip(chunk: str) -> list[str]:
    """What jieba yields for text outside its blocks: line breaks and spaces whole, the rest one by one."""
    out: list[str] = []
    for piece in _JIEBA_SKIP.split(chunk):
        if _JIEBA_SKIP.fullmatch(piece):
            out.append(piece)
        else:
            out.extend(piece)
    return out


def _route(best_end: list[int], n: int) -> tuple[int, ...]:
    out = []
    idx = 0
    while idx < n:
        idx = best_end[idx]
        out.append(idx)
    return tuple(out)


class WordSource(Protocol):
    """Where a :class:`Segmenter` takes its added words from, a run at a time (a stored term index)."""

    def words_in(self, run: str) -> Iterable[str]:
        """Every added word that occurs in the Han run ``run``."""
        ...  # pragma: no cover - a protocol


class WordCutter(Protocol):
    """What :mod:`glossary.chinese.pinyin` needs of a segmenter: words and their frequencies.

    Both :class:`Segmenter` and :class:`JiebaSession` are one; pinyin takes
    the one to use as an argument, so the words a build adds reach exactly
    the pinyin of that build.
    """

    def cut(self, text: str, hmm: bool = False) -> list[str]:
        """Tokens of ``text``: jieba's ``cut(text, HMM=hmm)``."""
        ...  # pragma: no cover - a protocol

    def frequency(self, word: str) -> int:
        """The word's frequency in the dictionary (0: not a word there)."""
        ...  # pragma: no cover - a protocol


@lru_cache(maxsize=2)
def _jieba_tags(source: str) -> dict[str, str | None]:
    """Every word of jieba's dictionary file ``source`` and its part of speech (None: the line has none).

    Read by :func:`_dictionary_lines`, as the SQLite copy is (a word's last
    line wins), so :meth:`Segmenter.tag` answers the same from
    either; the few distinct tags are shared strings.  jieba's own file's
    come with its dictionary (:func:`_jieba_tables`).
    """
    if source == os.path.join(_jieba_dir(), "dict.txt"):
        return _jieba_tables()[2]
    return _read_tags(source)


def _read_tags(source: str) -> dict[str, str | None]:
    read: dict[str, str | None] = {}
    kinds: dict[str, str] = {}
    for word, _freq, tag in _dictionary_lines(source):
        read[word] = None if tag is None else kinds.setdefault(tag, tag)
    return read


@lru_cache(maxsize=1)
def _jieba_dictionary() -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary and total, read once per process and never changed.

    Sessions copy it (a few hundredths of a second) rather than re-reading
    jieba's cache file (0.6 s) or writing into it.
    """
    freq, total, _tags = _jieba_tables()
    return freq, total


@lru_cache(maxsize=1)
def _jieba_tables() -> tuple[dict[str, int], int, dict[str, str | None]]:
    """jieba's prefix dictionary, its total and its words' parts of speech, as :func:`_made_jieba_tables` makes them.

    Made once per machine and kept in the cache folder (:func:`cached_tables`):
    importing jieba and reading its dictionary and the file's tags again
    costs some 1.4 s of CPU a process, loading the copy a third of that,
    and every bulk import pays it.
    """
    folder = _jieba_dir()
    sources = [os.path.join(folder, "dict.txt"), os.path.join(folder, "__init__.py"), os.path.abspath(__file__)]
    return cached_tables("jieba-tables", sources, _made_jieba_tables)


def _made_jieba_tables() -> tuple[dict[str, int], int, dict[str, str | None]]:
    """jieba's own prefix dictionary and total (its ``Tokenizer``), and its file's tags keyed by the same strings.

    The tags keyed by the strings of jieba's table (every word of the file
    is one of its keys), so the words are held once (some 25 MB less in
    the importing process and each of its workers), in this process and in
    the copy, which writes a string met twice once.
    """
    import jieba

    jieba.setLogLevel(60)  # its "Building prefix dict" chatter is not ours to print
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    read = _read_tags(os.path.join(_jieba_dir(), "dict.txt"))
    tags = {word: read[word] for word in tokenizer.FREQ if word in read}
    return tokenizer.FREQ, tokenizer.total, tags


def cached_tables(name: str, sources: Iterable[str], make: Callable[[], _T]) -> _T:
    """``make()``, kept in the cache folder as a :mod:`marshal` file and loaded from there next time.

    For tables built once from files that never change between runs (a
    dictionary and the code that reads it): the file's name carries a stamp
    of ``sources`` (:func:`file_stamp`) and of the Python version (marshal's
    format is the interpreter's), so a changed source makes a new copy.
    ``make()`` must return what marshal keeps (dicts, tuples, strings,
    numbers, None); a float comes back with the same bits.  Written beside
    its final name and renamed, as :func:`build_cache_db` does; any failure
    to read or write the copy only means making the tables.
    """
    try:
        stamp = file_stamp(*sources, *([sys.executable] if os.path.exists(sys.executable) else []))
        path = os.path.join(cache_folder(), f"{name}-py{sys.version_info[0]}{sys.version_info[1]}-{stamp}.marshal")
    except OSError:
        return make()
    try:
        with open(path, "rb") as handle:
            return marshal.loads(handle.read())  # type: ignore[no-any-return]  # load(handle): 3 times slower
    except (OSError, EOFError, ValueError, TypeError):
        pass
    made = make()
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                marshal.dump(made, handle)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except (OSError, ValueError):
        pass
    return made


class JiebaSession:
    """jieba's own segmentation (``cut(HMM=False)``) over jieba's dictionary plus this session's words.

    ``glossary build`` segments with it: the aligner adds the supplement and
    the term base's Chinese terms (``add_word(word, freq)``, as jieba's
    ``add_word`` does: the word's frequency set, the total raised), and the
    pinyin of what it aligns is cut with the same words.  The words go into
    this session's own ``jieba.Tokenizer``, never into jieba's process-wide
    ``jieba.dt``, so a second build in the same process starts from jieba's
    dictionary again and writes the same term base.
    """

    def __init__(self) -> None:
        import jieba

        freq, total = _jieba_dictionary()
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ = dict(freq)
        tokenizer.total = total
        tokenizer.initialized = True
        self._tokenizer = tokenizer
        #: The words added, in order (a word added twice is listed twice, as it counts twice).
        self.added: list[str] = []

    def add_word(self, word: str, freq: int) -> None:
        """Add ``word`` with frequency ``freq`` to this session only (jieba's ``add_word``)."""
        self._tokenizer.add_word(word, freq=freq)
        self.added.append(word)

    def cut(self, text: str, hmm: bool = False) -> list[str]:
        """jieba's ``cut(text, HMM=hmm)`` with this session's words."""
        return list(self._tokenizer.cut(text, HMM=hmm))

    def frequency(self, word: str) -> int:
        """The word's frequency here (an added word's is the one it was added with; 0: none)."""
        return self._tokenizer.FREQ.get(word) or 0


_DEFAULT: Segmenter | None = None


def default_segmenter() -> Segmenter:
    """One process-wide segmenter with jieba's dictionary alone and no words added.

    It holds caches only (looked-up frequencies, cut runs), never words, so
    sharing it changes no result; the ``name`` rule and pinyin use it when
    they are given no segmenter of their own.
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Segmenter()
        _DEFAULT.words = frozenset()  # no caller may add words to it
    return _DEFAULT
