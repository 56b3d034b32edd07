"""Words of a translation pair for term extraction, with code and markup left out.

English is split into words (inner apostrophes and hyphens kept, a
possessive ``'s`` dropped) and case-folded; Chinese Han runs are cut into
dictionary words by the project's segmenter (jieba's dictionary), which
keeps suffixed words whole (迭代器, 云主机); Latin tokens inside Chinese
(``IP``, ``API``) are words too, so identical codes align.  Placeholders,
tags, URLs and identifiers (:mod:`glossary.text.mask`) are never words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.chinese.segment import Segmenter
from glossary.text.english import singular as lemma
from glossary.text.mask import blank, find_spans
from glossary.text.script import HAN_RUN

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['\u2019-][A-Za-z0-9]+)*")
_LATIN_OR_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+#-]*")


@dataclass(frozen=True)
class Tokens:
    """The words of one side: their case-folded keys and their surface forms."""

    keys: tuple[str, ...]
    surface: tuple[str, ...]


def english_words(text: str) -> Tokens:
    clean = blank(text, find_spans(text))
    keys: list[str] = []
    surface: list[str] = []
    for m in _EN_WORD.finditer(clean):
        word = m.group()
        if word.lower().endswith(("'s", "\u2019s")):
            word = word[:-2]
        keys.append(word.casefold().replace("\u2019", "'"))
        surface.append(word)
    return Tokens(tuple(keys), tuple(surface))


def chinese_words(text: str, segmenter: Segmenter) -> Tokens:
    clean = blank(text, find_spans(text))
    words: list[str] = []
    pos = 0
    for m in HAN_RUN.finditer(clean):
        words.extend(w.group() for w in _LATIN_OR_NUMBER.finditer(clean, pos, m.start()))
        words.extend(w for w in segmenter.cut(m.group()) if w.strip())
        pos = m.end()
    words.extend(w.group() for w in _LATIN_OR_NUMBER.finditer(clean, pos))
    return Tokens(tuple(w.casefold() if w.isascii() else w for w in words), tuple(words))


def fold_plurals(sentences: list[Tokens]) -> list[Tokens]:
    """Replace a regular plural by its singular where the memory also has the singular.

    Checked against the memory's own words, so two different words are never
    merged (*note* is not the plural of *not*); *volumes* joins *volume*.
    """
    vocabulary = {key for tokens in sentences for key in tokens.keys}
    mapping: dict[str, str] = {}
    for word in vocabulary:
        singular = lemma(word)
        if singular != word and singular in vocabulary:
            mapping[word] = singular
    if not mapping:
        return sentences
    return [Tokens(tuple(mapping.get(k, k) for k in t.keys), t.surface) for t in sentences]
