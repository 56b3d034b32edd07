"""English normalization: the one place that folds, singularizes and stems English.

The first wave grew three of these (the term matcher's stemmer in
``glossary.match``, the aligner's folding and singular in
``glossary.align_dict``, and the name rule's letter folding in
``glossary.checks.names``).  They now live here, side by side, so that a
change to how English is keyed is made once and seen by every caller.

They are deliberately *not* merged into one function: each strength is part
of a published result (the term index's matches, the aligner's terms in
``terms/glossary.jsonl``, the name rule's findings), and merging them would
change those.  Pick by job:

=====================  =======================================================
:func:`match_key`      one token as the term index keys it (folded, stemmed)
:func:`cased_key`      an acronym or code token, case kept (``SDOs`` -> ``SDO``)
:func:`stem`           the matcher's stemmer (plurals, ``-ed``, ``-ing``, ``-e``)
:func:`fold`           a text folded for the aligner (NFKC, case, dashes, quotes)
:func:`singular`       the aligner's singular of a folded word
:func:`en_key`         the aligner's key of a term (folded, words singular)
:func:`gloss_stem`     the aligner's cruder stem, to compare with dictionary glosses
:func:`letters`        ASCII letters only, lower case (names: ``Jing Jili`` -> ``jingjili``)
:func:`name_key`       a romanized name's words, letters only, sorted
:func:`ascii_words`    lower case, non-letters as spaces (whole-word search for a name)
=====================  =======================================================

Only ``re`` and ``unicodedata``: this sits in the text layer, below
everything that reads English.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Typographic quotes as their ASCII forms (the matcher and the term base agree on these).
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})
#: Every dash and hyphen a text may use for ``-``.
DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")

_WORD = re.compile(r"[a-z0-9]+")
# Suffixes stripped (once, longest first) to compare a title word with a gloss word:
# 'industrial' ~ 'industry', 'revitalization' ~ 'revitalize'. '-ization' is deliberately
# not stripped to 'standard': 标准 (standard) and 标准化 (standardization) are two terms.
_GLOSS_SUFFIXES = (
    "ations", "ation", "ities", "ity", "ments", "ment", "ings", "ing", "ical", "ial",
    "ied", "ies", "ers", "er", "ed", "es", "ic", "al", "y", "s", "e",
)


# -- the term matcher's keys ----------------------------------------------------


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
def match_key(token: str) -> str:
    """One word token as the term index keys it: NFKC, ASCII quotes, case folded, stemmed."""
    return stem(unicodedata.normalize("NFKC", token).translate(QUOTES).casefold())


@lru_cache(maxsize=65536)
def cased_key(token: str) -> str:
    """An acronym or code token, case kept: NFKC, ASCII quotes, a plural ``s`` dropped (``SDOs``)."""
    value = unicodedata.normalize("NFKC", token).translate(QUOTES)
    # SDOs -> SDO: a lowercase plural s after an all-caps word.
    if len(value) > 2 and value.endswith("s") and value[:-1].isupper():
        value = value[:-1]
    return value


# -- the aligner's keys ---------------------------------------------------------


def fold(text: str) -> str:
    """NFKC, case-folded, one kind of dash and quote, possessive 's dropped."""
    value = unicodedata.normalize("NFKC", text).casefold()
    value = DASHES.sub("-", value).replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"'s\b", "", value)


#: Nouns that end in -s and have no singular: 'news' is not 'new' (新闻发布会 / news conference).
_NO_SINGULAR = frozenset("news series species means headquarters whereabouts".split())


def singular(word: str) -> str:
    """Singular of a case-folded English word: 'twins' -> 'twin', 'countries' -> 'country'.

    Deliberately small: titles' plurals are regular, and a wrong singular only costs a match.
    """
    if len(word) <= 3 or not word.isalpha() or word.endswith(("ss", "us", "is", "ics")) or word in _NO_SINGULAR:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def en_key(text: str) -> str:
    """The aligner's key of an English term: folded, hyphens as spaces, words singular.

    'Digital Twins' and 'digital twin' share a key, and so do 'e-commerce' and 'E-Commerce';
    terms are still stored as printed.
    """
    words: list[str] = []
    for chunk in fold(text).replace("'", "").split():
        parts = _WORD.findall(chunk)
        if len(parts) > 1 and len(parts[-1]) == 3 and parts[-1].endswith("s"):
            parts[-1] = parts[-1][:-1]  # 'trade-ins' -> 'trade in'
        words.extend(singular(w) for w in parts)
    return " ".join(words)


def gloss_stem(word: str) -> str:
    """A cruder key than :func:`singular`, for word-by-word comparison with dictionary glosses."""
    word = singular(word)
    for suffix in _GLOSS_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# -- romanized names ------------------------------------------------------------


def letters(text: str) -> str:
    """The ASCII letters of ``text``, lower case: spaces, hyphens and marks do not tell names apart."""
    return re.sub(r"[^a-z]", "", text.lower())


def name_key(text: str) -> str:
    """A romanized name's words, letters only and sorted: ``Jili Jing`` and ``Jing Ji-li`` agree."""
    return " ".join(sorted(re.sub(r"[^a-z ]", "", text.lower().replace("-", "")).split()))


def ascii_words(text: str) -> str:
    """Lower case, every run of non-letters one space: pad it to find a name as whole words."""
    return re.sub(r"[^a-z]+", " ", text.lower())
