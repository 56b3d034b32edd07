"""Words of a translation pair for term extraction, with code and markup left out.

English is split into words (inner apostrophes and hyphens kept, a
possessive ``'s`` dropped) and case-folded; Chinese Han runs are cut into
dictionary words by the project's segmenter (jieba's dictionary), then
mended where jieba's dictionary lacks a word (:func:`mend`): a word with a
bound suffix stays whole (迭代器, not 迭代 器; 标识符, 可用性), and single
characters jieba left apart join where CC-CEDICT has them as one headword
(后端 *backend*, not 后 端).  Latin tokens inside Chinese (``IP``, ``API``)
are words too, so identical codes align.  Placeholders, tags, URLs and
identifiers (:mod:`glossary.text.mask`, in the message's own placeholder
syntax when its format flags name one) are never words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.align_dict import Dictionary
from glossary.chinese.segment import Segmenter
from glossary.text.english import singular as lemma
from glossary.text.mask import blank, find_spans
from glossary.text.script import HAN_RUN, is_all_han

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['\u2019-][A-Za-z0-9]+)*")
_LATIN_OR_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+#-]*")


@dataclass(frozen=True)
class Tokens:
    """The words of one side: their case-folded keys and their surface forms."""

    keys: tuple[str, ...]
    surface: tuple[str, ...]


#: Chinese suffixes that make a noun of the word before them and are no word alone:
#: -器 (a device: 迭代器, 路由器), -者 (who: 使用者), -符 (a sign: 标识符), -性 (-ity:
#: 可用性), -率 (a rate: 使用率), -化 (-ization: 虚拟化).
BOUND_SUFFIXES = frozenset("器者符性率化")
#: The longest run of single characters :func:`mend` joins into one headword.
_MEND_MAX = 4


def mend(words: list[str], dic: Dictionary | None) -> list[str]:
    """Rejoin what the segmenter cut too finely (see the module's docstring).

    Single Han characters in a row join into the longest CC-CEDICT headword
    they spell (后 端 → 后端); a bound suffix joins the Han word before it
    (迭代 器 → 迭代器).  Words jieba knows are never split or merged otherwise.
    """
    out: list[str] = []
    i, n = 0, len(words)
    while i < n:
        word = words[i]
        if dic is not None and len(word) == 1 and is_all_han(word):
            joined = None
            j = i + 1
            run = word
            while j < n and j - i < _MEND_MAX and len(words[j]) == 1 and is_all_han(words[j]):
                run += words[j]
                j += 1
                if run in dic:
                    joined = (run, j)
            if joined is not None:
                out.append(joined[0])
                i = joined[1]
                continue
        if word in BOUND_SUFFIXES and out and len(out[-1]) >= 2 and is_all_han(out[-1]):
            out[-1] += word
        else:
            out.append(word)
        i += 1
    return out


def english_words(text: str, syntaxes: frozenset[str] | None = None) -> Tokens:
    """The words of an English text; ``syntaxes``: its placeholder syntaxes, if known."""
    clean = blank(text, find_spans(text, syntaxes=syntaxes))
    keys: list[str] = []
    surface: list[str] = []
    for m in _EN_WORD.finditer(clean):
        word = m.group()
        if word.lower().endswith(("'s", "\u2019s")):
            word = word[:-2]
        keys.append(word.casefold().replace("\u2019", "'"))
        surface.append(word)
    return Tokens(tuple(keys), tuple(surface))


def chinese_words(
    text: str, segmenter: Segmenter, syntaxes: frozenset[str] | None = None, dictionary: Dictionary | None = None
) -> Tokens:
    """The words of a Chinese text; with ``dictionary`` (CC-CEDICT), mended (:func:`mend`)."""
    clean = blank(text, find_spans(text, syntaxes=syntaxes))
    words: list[str] = []
    pos = 0
    for m in HAN_RUN.finditer(clean):
        words.extend(w.group() for w in _LATIN_OR_NUMBER.finditer(clean, pos, m.start()))
        words.extend(mend([w for w in segmenter.cut(m.group()) if w.strip()], dictionary))
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
