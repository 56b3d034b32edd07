"""Lexical evidence for an English/Chinese phrase pair, shared by the title aligner and ``extract``.

Both jobs ask the same questions of a candidate pair: is it a dictionary
pair (CC-CEDICT or the supplement), a pair of the term base, a composition
(every English content word glossed by a Chinese word of the span and every
Chinese word glossing one), is the Chinese word an everyday word (jieba's
reference frequency) or the domain's, and is a word a verb (a term is not a
headline's predicate).  They are answered here, once, so that a better
dictionary reading or a better composition test improves the headlines and
the translation memories alike.  The weights are the aligner's noisy-OR
strengths; :func:`phrase_support` turns the same evidence into the single
number ``extract`` ranks with.

Parts of speech come from the dictionary, not from word lists: an English
word is a verb when CC-CEDICT glosses it as ``to WORD`` more often than as
``WORD`` (*unify*, *promote*, *release*; not *standard*, *draft*), and a
dictionary pair whose gloss is only ever a verb sense (扬帆, *to set sail*)
is no term.  (jieba's own ``v`` tag was tried on the Chinese side and
dropped: it refuses attributive verbs, 领跑标准 *leading standards*, and
changed nothing on the headlines.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from glossary.align_dict import STOPWORDS, Dictionary
from glossary.align_dict import load as load_dictionary
from glossary.chinese.segment import default_segmenter
from glossary.text.english import en_key, singular
from glossary.text.english import gloss_stem as stem

#: Base strength of each kind of evidence, combined by noisy-OR.
WEIGHTS = {
    "known": 0.97,
    "identical": 0.95,
    "parenthesis": 0.9,
    "dictionary": 0.9,
    "dictionary-domain": 0.45,  # one word of the domain (区块链): a second witness too (measured)
    "dictionary-word": 0.45,  # an everyday word: needs a second witness
    "pinyin-name": 0.9,
    "pinyin-place": 0.85,
    "pinyin-weak": 0.45,  # a romanization not known as a proper noun: needs a 2nd witness
    "named-composition": 0.85,
    "word-composition": 0.8,
    "composition": 0.6,
    "long-composition": 0.45,
    "quoted": 0.3,
}

#: The highest confidence of what only inference supports (a lone word, a composition
#: with no witness beside it): below the aligner's ACCEPT (0.75), so it is admitted for
#: review, never preferred.  See :func:`calibrated`.
REVIEW_CAP = 0.7

#: Kinds of evidence that witness a pair by themselves (the rest is inference from glosses).
WITNESSES = frozenset("known identical parenthesis dictionary pinyin cooccurrence".split())

#: A Chinese word rarer than this in general Chinese (jieba's reference counts, per ~60M
#: words) is the domain's: 标准化 (401), 白皮书 (95), 锂电池 (3); 发展 (68,664) is everyone's.
GENERIC_MAX_FREQ = 2000

#: Irregular past forms of English verbs, to their base form (morphology, not a verb list:
#: whether the base is a verb is still the dictionary's answer).
_IRREGULAR = {
    "held": "hold", "led": "lead", "met": "meet", "built": "build", "made": "make", "won": "win",
    "took": "take", "became": "become", "grew": "grow", "sent": "send", "brought": "bring",
    "drew": "draw", "began": "begin", "begun": "begin", "gave": "give", "given": "give",
    "rose": "rise", "risen": "rise", "shown": "show", "seen": "see", "saw": "see", "chosen": "choose",
}


#: A past form whose final consonant doubled before *-ed* (*stepped*, *planned*; not *ll*,
#: *ss*, *zz*, which are the base's own: *installed*, *passed*).
_DOUBLED_ED = re.compile(r"([bcdfgkmnprtv])\1ed$")


def noisy_or(scores: Iterable[float]) -> float:
    """Independent witnesses combined: the chance that not all of them are wrong (at most 0.99)."""
    miss = 1.0
    for s in scores:
        miss *= 1.0 - s
    return round(min(0.99, 1.0 - miss), 3)


def calibrated(
    confidence: float, kinds: Iterable[str], lone: bool = False, name: bool = False, partial: bool = False
) -> float:
    """The confidence a reviewer is shown, from the strength the linking used.

    The weights rank competing links; what they say about being right was
    measured on the tune half of bench/data/headlines_gold.tsv (odd ids): a
    composition of common-noun glosses with no other witness was right 5
    times in 9 at 0.8 (fragments: *new energy* of *new energy vehicle*,
    *product quality* of *product quality supervision spot checks*), and a
    lone word is vocabulary as often as a term.  Those are capped at
    :data:`REVIEW_CAP`.  A composition that is a name (capitalized words,
    a quoted title: *World Standards Day*) keeps its strength, as does
    everything with a witness, except a ``partial`` phrase always seen with a
    content word after it (*cold chain* of *cold chain logistics*) and never
    recurring on its own (no ``cooccurrence``).
    """
    kinds = set(kinds)
    if lone or not (name or WITNESSES & kinds) or (partial and not kinds & {"cooccurrence", "known"}):
        return min(confidence, REVIEW_CAP)
    return confidence


def dictionary(supplement: bool = True) -> Dictionary:
    """CC-CEDICT with (by default) the project's supplement, loaded once per process."""
    return load_dictionary(supplement=supplement)


def glossed(dic: Dictionary, en: str, zh: str) -> bool:
    """Whether ``zh`` is a headword one of whose senses is ``en`` (keys compared)."""
    entry = dic.get(zh)
    return entry is not None and en_key(en) in entry.glosses


def _verb_base(dic: Dictionary, base: str) -> bool:
    return dic.verb_senses.get(base, 0) > dic.plain_senses.get(base, 0)


def verb_form(dic: Dictionary, word: str, loose: bool = False) -> str | None:
    """What kind of verb form an English word is, by CC-CEDICT's senses and morphology.

    ``'s'``: a third-person form or a plural (*unifies*, *checks*: a verb only where a
    noun phrase cannot have it, at its start); ``'ed'``: a past form whose base is a
    verb and which is no adjective of its own (*launched*, *held*; not *advanced*);
    ``'base'``: a base form the dictionary knows almost only as a verb (*promote*,
    *meet*; with ``loose``, any base form read more often as a verb, for a word right
    after a plural subject); None otherwise (gerunds are nouns: *sampling*, *testing*).
    """
    w = word.casefold().replace("\u2019", "'")
    if not w.isalpha() or len(w) < 3:
        return None
    if w in _IRREGULAR:
        return "ed" if _verb_base(dic, _IRREGULAR[w]) else None
    if w.endswith("ed") and not dic.plain_senses.get(w):
        for base in (w[:-1], w[:-2], w[:-3] + "y" if w.endswith("ied") else "", w[:-3]):
            if base and dic.verb_senses.get(base, 0) > 0 and _verb_base(dic, base):
                return "ed"
        # A doubled final consonant is the verb's inflection (*stepped*, *shipped*): no noun
        # or adjective doubles it (*skilled*, *talented*), so any verb sense of the base will do.
        if _DOUBLED_ED.search(w) and dic.verb_senses.get(w[:-3], 0) > 0:
            return "ed"
        return None
    if w.endswith("s") and not w.endswith("ss"):
        bases = {singular(w), w[:-1], w[:-2] if w.endswith("es") else ""}
        if any(b and _verb_base(dic, b) for b in bases):
            return "s"
        return None
    verbs, plain = dic.verb_senses.get(w, 0), dic.plain_senses.get(w, 0)
    if (verbs >= 5 and verbs >= 5 * plain) or (loose and verbs > plain):
        return "base"
    return None


def participle(dic: Dictionary, word: str) -> bool:
    """Whether an English word is a past form or participle of a verb CC-CEDICT knows.

    Broader than :func:`verb_form`'s ``'ed'``: an adjective of its own counts too
    (*revised*, *extended*, *established*, *verified*, all CC-CEDICT glosses), since what this
    answers is whether the word can be a noun phrase's head: a term ends in its head noun
    (*revised standards*, never *standards revised*, which is a headline's predicate).
    The base is found by morphology: *-d* after *e* (*revised*), *-ed* (*extended*), a doubled
    consonant (*stepped*), *-ied* for *-y* (*verified*), and the irregular past forms.
    """
    w = word.casefold().replace("\u2019", "'")
    if w in _IRREGULAR:
        return dic.verb_senses.get(_IRREGULAR[w], 0) > 0
    if not (w.isalpha() and w.endswith("ed") and len(w) > 4):
        return False
    bases = [w[:-1], w[:-2], w[:-3] + "y" if w.endswith("ied") else "",
             w[:-3] if _DOUBLED_ED.search(w) else ""]
    return any(len(b) >= 3 and dic.verb_senses.get(b, 0) > 0 for b in bases)


def general_frequency(zh: str) -> int:
    """jieba's reference count of a Chinese word (0: not a word of its dictionary)."""
    return default_segmenter().frequency(zh)


def everyday(frequency: int) -> bool:
    """Whether a Chinese word is general vocabulary rather than the domain's, by jieba's count.

    A word jieba counts often is everyone's (发展 68,664); one it counts rarely
    is the domain's (标准化 401, 白皮书 95, 锂电池 3).  A word jieba does not
    list (0) is not evidence of rarity (可持续 is merely split there): it
    counts as everyday, so that it needs a second witness.
    """
    return not 0 < frequency <= GENERIC_MAX_FREQ


def zh_units(dic: Dictionary, words: Sequence[str]) -> list[tuple[str, set[str]]]:
    """The dictionary units of a run of Chinese words and the English stems each can stand for.

    The longest headwords over the whole run (jieba may split 可持续 as 可/持续);
    the words as given when a character is unknown.
    """
    text = "".join(words)
    parts = dic.max_match(text) if text else []
    if parts is None:
        parts = list(words)
    units = []
    for part in parts:
        entry = dic.get(part)
        units.append((part, entry.stems if entry else set()))
    return units


def word_parts(word: str, units: Sequence[tuple[str, set[str]]]) -> list[str]:
    """The parts of one English key a composition must cover: its words, or the whole
    hyphenated word spelt solid when a unit glosses it so (*live-streaming* is 直播
    'livestream', not *live* + *streaming*)."""
    parts = word.split()
    if len(parts) > 1 and all(p.isalpha() for p in parts):
        solid = stem("".join(parts))
        if any(solid in stems for _unit, stems in units):
            return ["".join(parts)]
    return parts


def composes(en_words: Sequence[str], units: Sequence[tuple[str, set[str]]], slack: int = 0) -> bool:
    """Every English content word glossed by a unit, every unit glossing one (but ``slack``).

    ``en_words`` are English keys (folded, singular); a word that is not alphabetic
    (a code, a number) must appear as a unit itself.
    """
    content = [w for w in en_words if w not in STOPWORDS]
    if len(content) < 2 and not (len(content) == 1 and len(units) >= 2):
        return False
    used = [False] * len(units)
    for word in content:
        for part in word_parts(word, units):
            target = stem(part) if part.isalpha() else part
            hit = False
            for k, (unit, stems) in enumerate(units):
                if target in stems or (not part.isalpha() and unit.casefold() == part.casefold()):
                    used[k] = hit = True
            if not hit:
                return False
    return used.count(False) <= slack


def lexical_priors(
    dic: Dictionary, en_words: Iterable[str], zh_words: Iterable[str], alpha: float = 1.0
) -> list[tuple[str, str, float]]:
    """Dictionary pairs among a memory's own words, as priors for a statistical word aligner.

    A Chinese word of the memory is paired with every English word of the memory
    that is the stem of one of its one-word senses (连接 *connect*: *connection*,
    *connect*); the term base's pairs are added by the caller.  Only the memory's
    words are looked at, so the list is as small as its vocabulary.
    """
    by_stem: dict[str, list[str]] = {}
    for word in set(en_words):
        if word.isalpha() and word not in STOPWORDS:
            by_stem.setdefault(stem(word), []).append(word)
    out = []
    for zh in sorted(set(zh_words)):
        entry = dic.get(zh)
        if entry is None:
            continue
        senses = {stem(g) for g in entry.glosses if " " not in g and g not in entry.verbal} | {
            stem(g) for g in entry.verbal if " " not in g}
        for en in sorted({w for s in senses for w in by_stem.get(s, ())}):
            out.append((en, zh, alpha))
    return out


#: A sense learnt from the titles themselves needs the pair in this many titles at least,
#: with this Dice over the words no dictionary sense explains (see :func:`learned_senses`).
LEARN_MIN_TITLES = 2
LEARN_MIN_DICE = 0.6


def learned_senses(
    dic: Dictionary, titles: Iterable[tuple[Sequence[str], Sequence[str]]]
) -> dict[str, set[str]]:
    """English stems that Chinese words stand for in these titles, where no dictionary says so.

    CC-CEDICT is a general dictionary: it glosses 计量 *measurement*, 认可
    *approval*, 认证 *to authenticate*, where a standards magazine writes
    *metrology*, *accreditation*, *certification*.  A user's own titles say
    what their words mean: a Chinese word and an English word that are left
    unexplained by every dictionary sense in the same titles, again and
    again, translate each other (the word-level half of what
    ``cooccurrence`` does for whole spans).  ``titles`` gives each distinct
    title pair's English content words (folded keys) and Chinese words (as
    cut, read as the dictionary's units); a word is *explained* in a title
    when a dictionary sense of the title's other side says it, and only
    unexplained words are counted.  A pair is kept when it is unexplained together in :data:`LEARN_MIN_TITLES`
    titles or more, its Dice over the unexplained occurrences reaches
    :data:`LEARN_MIN_DICE`, and each word is the other's best partner (one
    sense per word, so that a frequent word does not spread over its
    neighbours).  The result is evidence from the text a user aligns, no word
    list: the aligner uses it only where a composition fails without it.
    """
    c_en: dict[str, int] = {}
    c_zh: dict[str, int] = {}
    joint: dict[tuple[str, str], int] = {}
    for en_words, zh_words in titles:
        en_stems = {stem(p) for w in en_words for p in w.split() if p.isalpha() and p not in STOPWORDS}
        # A word jieba keeps whole may be half explained (市场监管: 市场 'market' and
        # 监管, which CC-CEDICT never glosses 'regulation'): its dictionary units count.
        # A word of single characters only (互认: 互 + 认) counts whole.
        glossing: dict[str, set[str]] = {}
        for word in zh_words:
            units = zh_units(dic, [word])
            long = [(unit, stems) for unit, stems in units if len(unit) >= 2]
            if long:
                glossing.update(long)
            elif len(word) >= 2:
                glossing[word] = set().union(*(stems for _u, stems in units))
        zh = set(glossing)
        said = set().union(*glossing.values()) if glossing else set()
        free_en = {s for s in en_stems if s not in said}
        free_zh = {w for w in zh if not glossing[w] & en_stems}
        for s in free_en:
            c_en[s] = c_en.get(s, 0) + 1
        for w in free_zh:
            c_zh[w] = c_zh.get(w, 0) + 1
        for s in free_en:
            for w in free_zh:
                joint[(s, w)] = joint.get((s, w), 0) + 1
    dice = {k: 2 * n / (c_en[k[0]] + c_zh[k[1]]) for k, n in joint.items() if n >= LEARN_MIN_TITLES}
    best_en: dict[str, tuple[float, str]] = {}
    best_zh: dict[str, tuple[float, str]] = {}
    for (s, w), d in sorted(dice.items()):
        if d > best_en.get(s, (0.0, ""))[0]:
            best_en[s] = (d, w)
        if d > best_zh.get(w, (0.0, ""))[0]:
            best_zh[w] = (d, s)
    out: dict[str, set[str]] = {}
    for w, (d, s) in sorted(best_zh.items()):
        if d >= LEARN_MIN_DICE and best_en[s][1] == w:
            out.setdefault(w, set()).add(s)
    return out


_SPACE = re.compile(r"\s+")


def phrase_support(
    dic: Dictionary, en: str, zh: str, known: set[tuple[str, str]] | frozenset = frozenset()
) -> tuple[float, list[str]]:
    """The lexical support of a phrase pair on its own, 0 to 1, and its kinds of evidence.

    What ``extract`` adds to a pair's alignment counts: the term base's pair, a
    dictionary pair (weak for one everyday Chinese word), an identical code, a
    composition; the same weights as the title aligner's.
    """
    zh_text = _SPACE.sub("", zh)
    key = en_key(en)
    ev: dict[str, float] = {}
    if (key, zh_text) in known:
        ev["known"] = WEIGHTS["known"]
    if zh_text.casefold() == key.replace(" ", "").casefold() and not zh_text.isalpha():
        ev["identical"] = WEIGHTS["identical"]
    elif zh_text.casefold() == key.casefold():
        ev["identical"] = WEIGHTS["identical"]
    if glossed(dic, en, zh_text):
        generic = len(key.split()) == 1 and everyday(general_frequency(zh_text))
        ev["dictionary"] = WEIGHTS["dictionary-word" if generic else "dictionary"]
    elif "identical" not in ev:
        units = zh_units(dic, zh.split() if " " in zh else [zh_text])
        if len(units) >= 2 and composes(key.split(), units):
            ev["composition"] = WEIGHTS["composition"]
    return noisy_or(ev.values()) if ev else 0.0, sorted(ev)


__all__ = [
    "GENERIC_MAX_FREQ",
    "LEARN_MIN_DICE",
    "LEARN_MIN_TITLES",
    "REVIEW_CAP",
    "WEIGHTS",
    "WITNESSES",
    "calibrated",
    "composes",
    "dictionary",
    "everyday",
    "general_frequency",
    "glossed",
    "lexical_priors",
    "learned_senses",
    "noisy_or",
    "participle",
    "phrase_support",
    "verb_form",
    "word_parts",
    "zh_units",
]
