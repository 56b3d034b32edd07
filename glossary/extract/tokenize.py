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
from glossary.chinese.convert import fold, may_fold
from glossary.chinese.segment import Segmenter
from glossary.text.english import singular as lemma
from glossary.text.mask import find_spans
from glossary.text.script import HAN_RUN, is_all_han

_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['\u2019-][A-Za-z0-9]+)*")
_LATIN_OR_NUMBER = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+#-]*")


@dataclass(frozen=True)
class Tokens:
    """The words of one side: their case-folded keys and their surface forms.

    ``breaks`` are the indexes of the words a phrase cannot reach from the
    word before: punctuation or a placeholder lies between them (*too large
    ({{ size }}). Allowed* holds no term *large allowed*; nor does
    *Business Identifier Code (BIC)* one ending in *code bic*).
    """

    keys: tuple[str, ...]
    surface: tuple[str, ...]
    breaks: frozenset[int] = frozenset()


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


def cut_han(run: str, segmenter: Segmenter, dictionary: Dictionary | None = None) -> list[str]:
    """The words of a run of Han characters, in its own script.

    jieba's dictionary and CC-CEDICT's headwords are Simplified: Traditional
    text cut as it is falls apart into single characters (刪 除, 網 路).  The
    run is cut folded to Simplified character for character
    (:func:`glossary.chinese.convert.fold`, offsets kept) and the words are
    the original characters at the folded words' places: 刪除, 網路.
    """
    if not may_fold(run):
        return mend([w for w in segmenter.cut(run) if w.strip()], dictionary)
    folded = fold(run)
    words, pos = [], 0
    for word in mend([w for w in segmenter.cut(folded) if w.strip()], dictionary):
        start = folded.index(word, pos)
        words.append(run[start : start + len(word)])
        pos = start + len(word)
    return words


#: What ends a phrase: punctuation (a clause, a bracket, a quote, a list, a path) and a
#: masked span (a placeholder stands for a word: *contain {{ limit }} element* is no term).
_MASKED = "\x1f"
_BREAK = re.compile(
    "[" + _MASKED + r".,;:!?()\[\]{}\"'<>|/\\\u2018\u2019\u201c\u201d\u2026\u00ab\u00bb"
    "\uff0c\u3002\u3001\uff1b\uff1a\uff01\uff1f\uff08\uff09\u300c\u300d\u300e\u300f\u3010\u3011"
    "\u300a\u300b\u3008\u3009\u2014\u2013-]"
)


def _masked(text: str, syntaxes: frozenset[str] | None) -> str:
    """``text`` with code, markup and placeholders replaced by a break mark, offsets kept."""
    spans = find_spans(text, syntaxes=syntaxes)
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = _MASKED * (span.end - span.start)
    return "".join(chars)


def _breaks(text: str, bounds: list[tuple[int, int]]) -> frozenset[int]:
    """The word indexes a phrase may not reach across from the word before (see :class:`Tokens`)."""
    return frozenset(
        i for i in range(1, len(bounds)) if _BREAK.search(text, bounds[i - 1][1], bounds[i][0])
    )


def english_words(text: str, syntaxes: frozenset[str] | None = None) -> Tokens:
    """The words of an English text; ``syntaxes``: its placeholder syntaxes, if known."""
    clean = _masked(text, syntaxes)
    keys: list[str] = []
    surface: list[str] = []
    bounds: list[tuple[int, int]] = []
    for m in _EN_WORD.finditer(clean):
        word = m.group()
        if word.lower().endswith(("'s", "\u2019s")):
            word = word[:-2]
        keys.append(word.casefold().replace("\u2019", "'"))
        surface.append(word)
        bounds.append(m.span())
    return Tokens(tuple(keys), tuple(surface), _breaks(clean, bounds))


def chinese_words(
    text: str, segmenter: Segmenter, syntaxes: frozenset[str] | None = None, dictionary: Dictionary | None = None
) -> Tokens:
    """The words of a Chinese text; with ``dictionary`` (CC-CEDICT), mended (:func:`mend`)."""
    clean = _masked(text, syntaxes)
    words: list[str] = []
    bounds: list[tuple[int, int]] = []

    def latin(start: int, end: int) -> None:
        for w in _LATIN_OR_NUMBER.finditer(clean, start, end):
            words.append(w.group())
            bounds.append(w.span())

    pos = 0
    for m in HAN_RUN.finditer(clean):
        latin(pos, m.start())
        at = m.start()
        for word in cut_han(m.group(), segmenter, dictionary):
            words.append(word)
            bounds.append((at, at + len(word)))
            at += len(word)
        pos = m.end()
    latin(pos, len(clean))
    return Tokens(tuple(w.casefold() if w.isascii() else w for w in words), tuple(words), _breaks(clean, bounds))


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
    return [Tokens(tuple(mapping.get(k, k) for k in t.keys), t.surface, t.breaks) for t in sentences]
