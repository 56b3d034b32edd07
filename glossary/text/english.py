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
:func:`stem`           the matcher's singular (possessive, irregular and regular plurals)
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
    "ations", "ation", "atory", "ators", "ator", "ities", "ity", "ments", "ment", "ings", "ing",
    "able", "ical", "ial", "ian", "ied", "ies", "ers", "er", "ed", "es", "ate", "ic", "al", "y", "s", "e",
)
#: Inflections that double a final consonant before them (*plan* -> *planned*, *planning*);
#: not -er, whose doubled words are often words of their own (*letter*, *matter*, *summer*).
_INFLECTIONS = frozenset(("ed", "ing", "ings"))
#: A doubled consonant an inflection left (*plann*, *stepp*, *shipp*); not *ll*, *ss*, *zz*,
#: which are the base's own (*installed*, *processing*, *buzzing*).
_DOUBLED = re.compile(r"([bcdfgkmnprtv])\1$")
#: What a first suffix can leave of a derivation, stripped once more: 'measurement' ->
#: 'measure' -> 'measur' (as 'measuring'), 'certification' -> 'certific' -> 'certif' (as
#: 'certify', 'certificate'), 'regulated' -> 'regulat' -> 'regul' (as 'regulation').
_GLOSS_RESIDUES = ("ment", "ic", "at", "e")
#: -tion/-sion nouns as their verb: 'inspection' -> 'inspect', 'supervision' -> 'supervise',
#: 'expression' -> 'express' (-ation has its own suffix below: 'station' stays); and the
#: derivations whose stem changes: 'consumption' -> 'consume', 'production' -> 'produce',
#: 'recognition' -> 'recognize', 'advisory' -> 'advise', 'inspector' -> 'inspect',
#: 'traceability' -> 'traceable' (whose -able goes as a suffix).
_ION = ((re.compile(r"(?<=[a-z]{2}u)mptions?$"), "me"), (re.compile(r"(?<=[a-z]{2}d)uctions?$"), "uce"),
        (re.compile(r"(?<=[a-z]{3}gn)itions?$"), "ize"), (re.compile(r"(?<=[a-z]{3})isory$"), "ize"),
        (re.compile(r"(?<=[a-z]{3}ct)ors?$"), ""), (re.compile(r"(?<=[a-z]{3})bility$"), "ble"),
        (re.compile(r"(?<=[a-z]{3}[^a]t)ions?$"), ""), (re.compile(r"(?<=[a-z]{3}ss)ions?$"), ""),
        (re.compile(r"(?<=[a-z]{3}[aeiou]s)ions?$"), "e"))
#: British spellings as American ones, so both spell one key: 'standardise(d)', 'organisation',
#: 'analyse', 'centre', 'metre' (a gloss of CC-CEDICT is American, a headline often British).
_BRITISH = ((re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
            (re.compile(r"(?<=[a-z]{3})ys(e|es|ed|ing)$"), r"yz\1"),
            (re.compile(r"(?<=[a-z]{2}[^aeiou])re(s?)$"), r"er\1"))


# -- the term matcher's keys ----------------------------------------------------


#: Bumped whenever :func:`match_key` or :func:`cased_key` change: a term index stored
#: with a term base holds keys made by them, and one made by older keys must not be read.
MATCH_KEYS_VERSION = 2

#: Irregular plurals a software or standards text uses, to their singular.
IRREGULAR_PLURALS = {
    "children": "child", "people": "person", "men": "man", "women": "woman", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "geese": "goose", "indices": "index", "matrices": "matrix",
    "vertices": "vertex", "appendices": "appendix", "analyses": "analysis", "axes": "axis",
    "bases": "base", "crises": "crisis", "criteria": "criterion", "phenomena": "phenomenon",
    "theses": "thesis", "hypotheses": "hypothesis", "diagnoses": "diagnosis", "parentheses": "parenthesis",
    "leaves": "leaf", "halves": "half", "knives": "knife", "lives": "life", "wives": "wife",
    "shelves": "shelf", "selves": "self", "thieves": "thief", "wolves": "wolf", "loaves": "loaf",
}
#: Words ending in s that are not plurals (or whose s-less form is another word: news/new).
NOT_PLURALS = frozenset({
    "news", "lens", "series", "species", "means", "always", "perhaps", "whereas", "towards",
    "afterwards", "besides", "sometimes", "nevertheless", "nonetheless", "physics", "mathematics",
    "economics", "politics", "ethics", "statistics", "graphics", "electronics", "genetics",
    "linguistics", "logistics", "robotics", "analytics", "metrics", "semantics", "diabetes", "mumps",
    "christmas", "thanks", "whereabouts", "headquarters", "bellows", "scissors", "trousers", "jeans",
    "pants", "this", "thus", "plus", "minus", "yes", "does", "goes", "his", "hers",
    "its", "ours", "yours", "theirs", "was", "has", "is", "us", "as", "gas", "bias", "alias",
    "canvas", "atlas", "chaos", "cosmos", "ethos", "pathos", "kudos", "iris", "basis", "axis",
    "status", "campus", "corpus", "virus", "bonus", "census", "focus", "genus", "nexus", "radius",
    "sinus", "apparatus", "consensus", "prospectus", "syllabus", "hiatus", "impetus", "onus",
    "bus", "less", "unless", "across", "process", "access", "address", "success", "express",
})


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A casefolded English word to its singular: possessive, irregular and regular plurals only.

    The same function runs on the term base and on the draft, so it only has
    to give a word's plural and its singular one key.  It never strips
    ``-ed``, ``-ing`` or a final ``-e``: those merged different words of a
    software text into one key (*not* and *note*, *plan* and *plane*, *rat*
    and *rate*, *listed* and the noun *list*, *typed* and *type*, *mapping*
    and *map*), and the terms of a term base are nouns, whose other
    inflections are other words with other translations.  Words ending in
    ``s`` that are not plurals (*news*, *status*, *series*) are kept.
    """
    if word.endswith("'s"):
        word = word[:-2]  # the instance's zone: possessive
    elif word.endswith("s'") and len(word) > 3:
        word = word[:-1]  # the users' names
    irregular = IRREGULAR_PLURALS.get(word)
    if irregular is not None:
        return irregular
    if len(word) <= 3 or not word.isalpha() or word in NOT_PLURALS:
        return word
    w = word
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    if w.endswith("uses") and len(w) > 5 and w[:-2] in NOT_PLURALS:
        return w[:-2]  # statuses, viruses, buses
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


#: English function words: a term base entry spelled like one (*To*, *From*, the mail
#: header fields of a UI glossary) is matched only as a whole segment, never as the
#: preposition of running text (:mod:`glossary.match`).
FUNCTION_WORDS = frozenset({
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "down", "during", "each", "either", "else",
    "ever", "every", "few", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "just", "may", "me", "might", "more", "most",
    "much", "must", "my", "neither", "no", "nor", "not", "now", "of", "off", "on", "once", "only",
    "onto", "or", "other", "our", "out", "over", "own", "per", "same", "shall", "she", "should",
    "since", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "thus", "to", "too", "toward", "towards", "under",
    "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what", "when", "where",
    "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
    "without", "would", "yet", "you", "your",
})


def is_function_word(key: str) -> bool:
    """True for a folded key that is one English function word (``to``, ``from``)."""
    return key in FUNCTION_WORDS


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


@lru_cache(maxsize=65536)
def gloss_stem(word: str) -> str:
    """A cruder key than :func:`singular`, for word-by-word comparison with dictionary glosses.

    Derivations of one word share it (*certify*, *certifying*, *certificate*,
    *certification*; *measure*, *measuring*, *measurement*; *regulate*, *regulator*,
    *regulation*; *standardise*, *standardization*; *consume*, *consumption*; *recognize*,
    *recognition*; *supervise*, *supervisory*; *civil*, *civilian*; *inspect*,
    *inspector*; *trace*, *traceability*; *assess*, *assessment*), since a headline says the
    noun where CC-CEDICT glosses the verb; '-ization' is still not '-ize''s noun stripped to
    its root (*standard* and *standardization* are two terms, 标准 and 标准化), and
    *production* is *produce*'s, not *product*'s (生产, not 产品).  A final *ss* is no
    plural's (*assess*, *process*, *press*).
    """
    word = IRREGULAR_PLURALS.get(word) or singular(word)  # children, women: as CC-CEDICT's child, woman
    if word.isalpha():
        for pattern, verb in _ION:
            word = pattern.sub(verb, word)
        for pattern, american in _BRITISH:
            word = pattern.sub(american, word)
    for suffix in _GLOSS_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not (suffix == "s" and word.endswith("ss")):
            word = word[: -len(suffix)]
            if suffix in ("ing", "ings") and word.endswith("y") and len(word) >= 5:
                return word[:-1]  # certifying, applying: as certified, applied
            if suffix in _INFLECTIONS and _DOUBLED.search(word):
                return word[:-1]  # planned, stepped, shipping: as plan, step, ship
            break
    for residue in _GLOSS_RESIDUES:
        if word.endswith(residue) and len(word) - len(residue) >= 4:
            return word[: -len(residue)]
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
