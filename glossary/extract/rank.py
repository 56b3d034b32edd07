"""Ranking proposed term pairs: translation consistency, keyness, and a penalty for fragments.

A good glossary entry is (1) translated the same way in most of the
messages that use it (*consistency*: the share of the English phrase's
segments whose target holds the proposed Chinese), (2) much more frequent
in this memory than in general English (*keyness*: the memory's segment
frequency over wordfreq's general-English frequency, in log10), and (3) not
merely a piece of a longer term (*nested fragments*: a phrase nearly always
seen inside one longer candidate is that candidate's fragment).  The
alignment count, damped by a log, rewards evidence; a CC-CEDICT gloss or an
identical code adds a little.  Nothing filters to noun phrases: software
glossaries are full of single verbs and adjectives (fetch, rebase, stale).

The benchmark's baselines are Sketch Engine's bilingual term extraction:
:func:`abte_pairs` as published (candidate pairs sorted by logDice, Rychlý
2008), and :func:`simple_maths_order` with :func:`logdice_pairs` (English
candidates ranked by Sketch Engine's keyness, each paired with its Chinese
of highest logDice).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from glossary.extract.phrases import EDGE_WORDS, PairStats, chinese_phrases, zh_join

#: A pair is proposed only with this many aligned segments.
MIN_ALIGNED = 2
#: How much the lexical support (0-1, :func:`glossary.evidence.phrase_support`) weighs
#: in choosing among a phrase's renderings, and in its score.
LEXICAL_WEIGHT = 0.1
LEXICAL_BONUS = 0.3


#: Single characters that are grammar, not words: a negation (未 of 未签名 *unsigned*, 不, 无,
#: 非, 没), a modal or aspect mark (可 of 可启动 *bootable*, 已, 将, 被), a degree (太, 很, 最, 更),
#: a classifier (个).  The aligner may pair one with an English word that holds it (*unsigned*
#: → 未), but alone it is never the rendering of a term.
BOUND_MORPHEMES = frozenset("未不无非没可已将被太很最更个無沒將個")


#: Units of measure, which a translation keeps as they are and no glossary lists (GiB, px).
UNITS = frozenset(
    "b kb mb gb tb pb kib mib gib tib pib px pt dpi ppi ms ns hz khz mhz ghz bps kbps mbps gbps rpm".split()
)


def _latin_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def other_latin(en: str, zh: str) -> bool:
    """A rendering in Latin letters that is not the English itself: never its translation.

    A target keeps a code or a name as the source writes it (IP → IP); a
    different Latin word beside the term (*window* aligned to ``Windows``,
    *regexp* to ``NFA``, *scheduler hint* to ``scheduler``) is the aligner's
    mistake or a part left untranslated, not a rendering.
    """
    if not zh.isascii() or not any(ch.isalpha() for ch in zh):
        return False
    return _latin_key(en) != _latin_key(zh)


def _able(en: str, stats: PairStats) -> bool:
    """An adjective of possibility made of a verb of the memory (*recoverable*: *recover*, *bootable*).

    Chinese says it with 可 or 能 (可恢复, 可启动); a rendering without one is
    the verb's (恢复 *recover*), not the adjective's.  *variable*, *table*
    and *enable* are no such word: their stem is no word of the memory.
    """
    if " " in en or not en.endswith(("able", "ible")) or len(en) < 7:
        return False
    stem = en[:-4]
    return any(len(stats.en_segments.get(base, ())) for base in (stem, stem + "e"))


@dataclass
class Proposal:
    en: str
    zh: str
    score: float
    #: Segments using the English phrase; of them, aligned to ``zh``; and whose target holds ``zh``.
    en_count: int
    aligned: int
    consistent: int
    #: Other renderings with their aligned counts, most frequent first.
    competitors: list[tuple[str, int]] = field(default_factory=list)
    #: Kinds of evidence: alignment, dictionary, identical.
    evidence: list[str] = field(default_factory=list)
    #: Example segments (indexes into the memory), filled by the caller.
    examples: list[int] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.consistent / self.en_count if self.en_count else 0.0


def general_frequency() -> Callable[[str], float]:
    """wordfreq's English frequency of a phrase (very rare words get a floor)."""
    from wordfreq import word_frequency

    cache: dict[str, float] = {}

    def freq(phrase: str) -> float:
        value = cache.get(phrase)
        if value is None:
            value = cache[phrase] = max(word_frequency(phrase, "en"), 1e-8)
        return value

    return freq


def keyness(phrase: str, segments: int, total: int, freq: Callable[[str], float]) -> float:
    """log10 of the memory's rate over general English's, for a phrase word by word.

    A phrase's own general frequency is tiny for any combination of words
    (*retrieve network*), which would make every phrase look key; the mean
    of its words' keyness asks instead whether its words belong to this domain.
    """
    rate = segments / max(total, 1)
    words = phrase.split()
    if len(words) == 1:
        return max(0.05, math.log10(rate / freq(phrase)))
    values = [math.log10(rate / freq(w)) for w in words]
    return max(0.05, sum(values) / len(values))


def _fragment_penalty(phrase: str, count: int, longer_counts: dict[str, int]) -> float:
    """Phrases almost always inside one longer candidate are its fragments (never: 0)."""
    best = longer_counts.get(phrase, 0)
    if count and best >= count:
        return 0.0
    if count and best / count >= 0.8:
        return 0.25
    return 1.0


def unithood(phrase: str, count: int, stats: PairStats) -> float:
    """How much a multi-word phrase is a unit: the share of its rarest word's segments it fills.

    *availability zone* fills nearly all of *availability*'s segments; *delete
    network* is a tiny share of *network*'s: an action on a term, not a term.
    """
    words = phrase.split()
    if len(words) == 1:
        return 1.0
    rarest = min(len(stats.en_segments.get(w, ())) or count for w in words)
    return min(1.0, count / max(rarest, 1))


def _longer_counts(stats: PairStats, candidates: Sequence[str]) -> dict[str, int]:
    """For each candidate, the segment count of the most frequent candidate that contains it."""
    out: dict[str, int] = {}
    present = set(candidates)
    for phrase in candidates:
        words = phrase.split()
        n = len(words)
        count = len(stats.en_segments[phrase])
        for i in range(n):
            for j in range(i + 1, n + 1):
                if (i, j) == (0, n):
                    continue
                sub = " ".join(words[i:j])
                if sub in present and count > out.get(sub, 0):
                    out[sub] = count
    return out


#: Words that may sit inside a term (*quality of service*, *terms and conditions*);
#: any other function word inside a phrase makes it a piece of a message.
INNER_OK = frozenset({"of", "and", "&"})
#: The factor of a phrase that is a piece of a message rather than a name for a thing:
#: a function word inside it (*retrieve the volume*, *password is incorrect*), a past
#: participle at its end (*file uploaded*), or a verb applied to a term (*delete volume*).
MESSAGE_FRAGMENT = 0.25


def message_fragment(
    phrase: str, zh: str, renders: dict[str, Counter[str]], verb: Callable[[str], str | None] | None
) -> bool:
    """Whether a multi-word phrase reads as a piece of a message rather than a term.

    *delete volume* → 删除卷 is an action on a term: its first word is a verb
    (CC-CEDICT's senses, through ``verb``) and the Chinese starts with that
    verb's own rendering in this memory (删除), so the pair is a composition
    the two entries *delete* and *volume* already make.  *load balancer* →
    负载均衡器 starts with a verb too but its Chinese is not 加载…: a term, kept.
    """
    words = phrase.split()
    if len(words) < 2:
        return False
    if any((w in EDGE_WORDS and w not in INNER_OK) or len(w) == 1 for w in words[1:-1]):
        return True
    if verb is None:
        return False
    if verb(words[-1]) == "ed":
        return True
    if verb(words[0]) in ("base", "ed"):
        own = renders.get(words[0])
        if own and any(zh.startswith(z) and len(zh) > len(z) for z, _n in own.most_common(3)):
            return True
    return False


def rank(
    stats: PairStats,
    *,
    min_count: int = 2,
    support: Callable[[str, str], tuple[float, list[str]]] | None = None,
    freq: Callable[[str], float] | None = None,
    verb: Callable[[str], str | None] | None = None,
) -> list[Proposal]:
    """Every English phrase seen in ``min_count`` segments, with its best Chinese, best first.

    ``verb`` says what kind of verb form an English word is (``'base'``,
    ``'ed'``, ``'s'`` or None: :func:`glossary.evidence.verb_form`), for
    telling actions on terms from terms (:func:`message_fragment`).
    """
    freq = freq or general_frequency()
    by_en: dict[str, Counter[str]] = {}
    for (en, zh), segs in stats.pair_segments.items():
        by_en.setdefault(en, Counter())[zh] = len(segs)
    candidates = [
        en for en, renders in by_en.items() if len(stats.en_segments[en]) >= min_count and renders
    ]
    longer = _longer_counts(stats, candidates)
    proposals = []
    for en in candidates:
        renders = by_en[en]
        en_segs = stats.en_segments[en]
        best_zh, best_score, best_data = None, -1.0, None
        best_kinds: list[str] = []
        best_support = 0.0
        if en in UNITS:
            continue
        able = _able(en, stats)
        for zh, aligned in renders.most_common(8):
            if zh in BOUND_MORPHEMES or other_latin(en, zh) or (able and not any(m in zh for m in "可能")):
                continue
            consistent = len(en_segs & stats.zh_segments.get(zh, set()))
            lexical, kinds = support(en, zh) if support is not None else (0.0, [])
            # Prefer what the messages really use; alignment counts break ties, and the
            # shared lexical evidence (dictionary, term base, composition) weighs in.
            value = (consistent + 0.5 * aligned) * (1 + LEXICAL_WEIGHT * lexical)
            if value > best_score:
                best_zh, best_score, best_data = zh, value, (aligned, consistent)
                best_kinds, best_support = kinds, lexical
        if best_zh is None or best_data is None:
            continue
        aligned, consistent = best_data
        if aligned < MIN_ALIGNED:
            continue
        count = len(en_segs)
        fragment = _fragment_penalty(en, count, longer)
        if not fragment:
            continue  # never seen outside one longer candidate: that candidate is the term
        evidence = ["alignment"]
        bonus = 1.0
        if best_zh.casefold() == en:
            evidence.append("identical")
            bonus *= 1.1
        elif best_support:
            evidence.extend(k for k in best_kinds if k != "identical")
            bonus *= 1 + LEXICAL_BONUS * best_support
        share = consistent / count
        score = (
            share**1.5
            * math.log2(1 + aligned)
            * keyness(en, count, stats.segments, freq)
            * fragment
            * unithood(en, count, stats) ** 0.5
            * bonus
            * (MESSAGE_FRAGMENT if message_fragment(en, best_zh, by_en, verb) else 1.0)
        )
        competitors = [(zh, n) for zh, n in renders.most_common(4) if zh != best_zh][:3]
        examples = sorted(en_segs & stats.pair_segments[(en, best_zh)])[:3]
        proposals.append(
            Proposal(en, best_zh, score, count, aligned, consistent, competitors, evidence, examples)
        )
    proposals.sort(key=lambda p: (-p.score, p.en))
    return drop_inflections(proposals)


def _inflection_of(word: str, base: str) -> bool:
    """*created* / *creating* of *create*, *deleted* of *delete*, *IPs* of *IP*: one spelling apart."""
    if word == base or not word.startswith(base[:-1] if base.endswith(("e", "y")) else base):
        return False
    if base.endswith("y") and word in (base[:-1] + "ied", base[:-1] + "ies"):
        return True
    rest = word[len(base) :] if word.startswith(base) else word[len(base) - 1 :]
    return rest in ("s", "es", "d", "ed", "ing", "ion", "ions", "er", "ers") or (
        base.endswith("e") and word[len(base) - 1 :] in ("ed", "ing", "ion", "ions", "er", "ers")
    )


def _lexeme(word: str) -> tuple[str, bool]:
    """The stem a word's forms share (*encrypt* of *encrypted*, *encryption*), and whether it is inflected.

    Inflected: an ending of tense, aspect or number (-ed, -ing, -s), which
    makes a form of the word; a derivation (-ion) makes another word.
    """
    for ending, inflected in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)], inflected
    return word, False


_ENDINGS = (("ations", False), ("ation", False), ("ions", False), ("ion", False), ("ing", True), ("ied", True),
            ("ed", True), ("es", True), ("s", True), ("e", False), ("y", False))


#: Endings :func:`_inflection_of` accepts that make another word rather than a form of it.
_DERIVED = ("ion", "ions", "er", "ers")


def drop_inflections(proposals: list[Proposal]) -> list[Proposal]:
    """A second spelling of a better-ranked proposal with the same Chinese is not a new term.

    *created* → 创建 repeats *create* → 创建; *IPs* → IP repeats *IP*.  Where the
    inflected form ranks first (*installed* → 安装 above *install* → 安装), the
    base form takes its place: a glossary lists *install*.  Where the Chinese
    differs (*deleted* → 已删除) the form is kept: it says something new.
    """
    kept: list[Proposal | None] = []
    seen: dict[str, list[tuple[str, int]]] = {}
    for proposal in proposals:
        words = proposal.en.split()
        last = words[-1]
        head = words[:-1]
        others = [(o, at) for o, at in seen.get(proposal.zh, []) if o.split()[:-1] == head]
        if any(_inflection_of(last, o.split()[-1]) for o, _at in others):
            continue
        stem, inflected = _lexeme(last)
        if inflected and any(_lexeme(o.split()[-1])[0] == stem for o, _at in others):
            continue  # *encrypted* → 加密 after *encryption* → 加密: a form of the same word
        # Only an inflection gives way to its base: *connection* (a noun) is not *connect*.
        base_of = [at for o, at in others if _inflection_of(o.split()[-1], last) and not o.endswith(_DERIVED)]
        if base_of:
            at = base_of[0]
            kept[at] = proposal
            seen[proposal.zh] = [(o, a) for o, a in seen[proposal.zh] if a != at] + [(proposal.en, at)]
            continue
        seen.setdefault(proposal.zh, []).append((proposal.en, len(kept)))
        kept.append(proposal)
    return [p for p in kept if p is not None]


def _logdice(both: int, a: int, b: int) -> float:
    """Rychlý's logDice: 14 + log2(2·f(xy) / (f(x) + f(y))), 14 at most."""
    return 14 + math.log2(2 * both / ((a + b) or 1))


def _zh_candidates(
    zh_sents: Sequence[Sequence[str]], zh_breaks: Sequence[frozenset[int]] | None = None
) -> list[set[str]]:
    """Each target's candidate Chinese phrases (stopping at punctuation where ``zh_breaks`` say)."""
    breaks = zh_breaks or [frozenset()] * len(zh_sents)
    return [
        {zh_join(words[i:j]) for i, j in chinese_phrases(words, b)} for words, b in zip(zh_sents, breaks, strict=True)
    ]


def logdice_pairs(
    stats: PairStats,
    english: Sequence[str],
    zh_sents: Sequence[Sequence[str]],
    zh_breaks: Sequence[frozenset[int]] | None = None,
) -> dict[str, str]:
    """Each English phrase paired with the co-occurring Chinese phrase of highest logDice.

    Co-occurrence is by segment (the English phrase in the source, the
    Chinese phrase among the target's candidate spans); ties go to the longer
    Chinese.  No word alignment is used: this is the pairing of Sketch
    Engine's bilingual term extraction, for the baselines below.
    """
    per_segment = _zh_candidates(zh_sents, zh_breaks)
    out: dict[str, str] = {}
    for en in english:
        segs = stats.en_segments.get(en, set())
        co: Counter[str] = Counter()
        for n in segs:
            co.update(per_segment[n])
        best, best_value = None, -math.inf
        for zh, both in co.items():
            value = _logdice(both, len(segs), len(stats.zh_segments.get(zh, ())))
            if value > best_value or (value == best_value and best is not None and len(zh) > len(best)):
                best, best_value = zh, value
        if best is not None:
            out[en] = best
    return out


def simple_maths_order(
    stats: PairStats, english: Sequence[str], freq: Callable[[str], float] | None = None, n: float = 1.0
) -> list[str]:
    """English candidates ranked as Sketch Engine's term extraction ranks them: *simple maths*.

    (frequency per million in the memory + n) / (frequency per million in
    general English + n), Kilgarriff's keyness score with Sketch Engine's
    default n = 1; general English is wordfreq's.  Segment counts stand for
    occurrence counts, as everywhere here.
    """
    freq = freq or general_frequency()
    words = sum(len(segs) for k, segs in stats.en_segments.items() if " " not in k) or 1
    per_million = 1_000_000 / words

    def score(en: str) -> float:
        focus = len(stats.en_segments.get(en, ())) * per_million
        return (focus + n) / (freq(en) * 1_000_000 + n)

    return sorted(english, key=lambda en: (-score(en), en))


def abte_pairs(
    stats: PairStats,
    zh_sents: Sequence[Sequence[str]],
    *,
    min_count: int = 2,
    min_both: int = 2,
    zh_breaks: Sequence[frozenset[int]] | None = None,
) -> list[tuple[str, str, float]]:
    """Sketch Engine's bilingual term extraction as published (Baisa, Ulipová and Cukr 2015).

    Term candidates are taken on each side separately (here: every English
    phrase of :func:`~glossary.extract.phrases.english_phrases` and every
    Chinese phrase of :func:`~glossary.extract.phrases.chinese_phrases` in at
    least ``min_count`` segments, the stand-in for its term grammars), every
    English/Chinese candidate pair co-occurring in at least ``min_both``
    aligned segments is scored by logDice, and the list of pairs is sorted by
    logDice (ties: more co-occurrences first).  Returned as (English, Chinese,
    logDice), every pair, best first: a reader of the list meets an English
    term first at its best pair.
    """
    per_segment = _zh_candidates(zh_sents, zh_breaks)
    zh_count = {zh: len(segs) for zh, segs in stats.zh_segments.items() if len(segs) >= min_count}
    pairs: list[tuple[float, int, str, str]] = []
    for en, segs in stats.en_segments.items():
        if len(segs) < min_count:
            continue
        co: Counter[str] = Counter()
        for n in segs:
            co.update(per_segment[n])
        for zh, both in co.items():
            if both >= min_both and zh in zh_count:
                pairs.append((_logdice(both, len(segs), zh_count[zh]), both, en, zh))
    pairs.sort(key=lambda p: (-p[0], -p[1], p[2], p[3]))
    return [(en, zh, value) for value, _both, en, zh in pairs]
