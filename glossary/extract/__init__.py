"""Propose a term base from the translations a team already has (``glossary extract``).

Any paired text the draft readers read (TMX, PO trees, XLIFF, TSV, aligned
text, the corpus layout) becomes a memory of English/Chinese segments.
Segments are split into words with code and markup left out
(:mod:`~glossary.extract.tokenize`), aligned word by word in both
directions (IBM Model 1 by default, eflomal on request) and symmetrised
(:mod:`~glossary.extract.wordalign`), phrase pairs consistent with the
alignment are counted (:mod:`~glossary.extract.phrases`), and the English
phrases are ranked by how consistently they are translated, how specific
they are to this memory, and whether they are fragments of a longer term
or pieces of messages (*delete volume*, *file uploaded*:
:mod:`~glossary.extract.rank`).  Each proposal carries its evidence: the
counts, the share of the English phrase's segments that use the proposed
Chinese, the competing renderings and example segments.

With a term base, :func:`drift` reports the entries whose rendering the
translations mostly do not use, and what they use instead: the stale
glossary rows a team no longer follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from glossary.chinese.convert import fold, may_fold
from glossary.chinese.segment import Segmenter
from glossary.drafts.base import Draft
from glossary.evidence import dictionary as load_dictionary
from glossary.evidence import lexical_priors, phrase_support, verb_form
from glossary.extract.phrases import PairStats, collect
from glossary.extract.rank import Proposal, rank
from glossary.extract.tokenize import Tokens, chinese_words, english_words, fold_plurals
from glossary.extract.wordalign import align, align_ibm1
from glossary.model import ALLOWED_STATUSES, Concept, normalize_text
from glossary.text.english import en_key
from glossary.text.mask import syntaxes_for_flags

#: The weight of a dictionary pair as a prior of the word aligner (a term base pair weighs 1).
PRIOR_ALPHA = 0.5


@dataclass
class MemorySegment:
    en: str
    zh: str
    file: str
    line: int | None = None
    unit: str | None = None
    #: The message's format flags (PO ``python-format``...): its placeholder syntax.
    flags: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.unit is not None:
            return f"{self.file}#{self.unit}"
        return self.file


@dataclass
class Drift:
    """A term base entry the memory mostly translates otherwise."""

    concept: str
    en: str
    expected: list[str]
    #: Segments with the English term; of them, with an expected rendering.
    uses: int
    followed: int
    #: What the targets use instead (from the alignment), with counts.
    instead: list[tuple[str, int]] = field(default_factory=list)
    examples: list[int] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.followed / self.uses if self.uses else 0.0


@dataclass
class ExtractResult:
    segments: list[MemorySegment]
    proposals: list[Proposal]
    stats: PairStats
    drift: list[Drift] = field(default_factory=list)
    #: The token lists (English keys and Chinese words), kept for baselines and reports.
    en_tokens: list[Tokens] = field(default_factory=list)
    zh_tokens: list[Tokens] = field(default_factory=list)


def memory_of(drafts: Iterable[Draft], *, chinese: str | None = None) -> list[MemorySegment]:
    """The English/Chinese pairs of ``drafts``, whichever direction each was translated in.

    One Chinese script at a time (``chinese``: ``zh-Hans`` or ``zh-Hant``;
    by default the one most segments are in): a tree holding Simplified and
    Traditional catalogs side by side would otherwise count 实例 and 實例 as
    two renderings of every term.  A tag without a region (``zh-Hant``) takes
    the files of any of its regions (``zh-Hant-TW``), the largest if several.
    """
    by_script: dict[str, list[MemorySegment]] = {}
    for draft in drafts:
        source_lang = draft.source_lang or "en"
        target_lang = draft.target_lang or "zh-Hans"
        if source_lang.startswith("zh") and not target_lang.startswith("zh"):
            flip, script = True, source_lang
        elif target_lang.startswith("zh") and not source_lang.startswith("zh"):
            flip, script = False, target_lang
        else:
            continue  # not an English/Chinese pair
        out = by_script.setdefault(script, [])
        for seg in draft.segments:
            en, zh = (seg.target, seg.source) if flip else (seg.source, seg.target)
            if en.strip() and zh.strip() and en.strip() != zh.strip():
                out.append(MemorySegment(en, zh, seg.file, seg.line, seg.unit, tuple(seg.flags)))
    if not by_script:
        return []
    # ``zh-Hant`` asks for Traditional whichever region the files name (zh-Hant-TW).
    tags = sorted(t for t in by_script if chinese is None or t == chinese or t.startswith(chinese + "-"))
    if not tags:
        return []
    return by_script[max(tags, key=lambda tag: len(by_script[tag]))]


def _support(concepts: Sequence[Concept]):
    """The shared lexical evidence of a phrase pair (:func:`glossary.evidence.phrase_support`)."""
    dictionary = load_dictionary()
    known = set()
    for concept in concepts:
        for en in (t for t in concept.terms if t.lang == "en"):
            for zh in (t for t in concept.terms if t.lang.startswith("zh") and t.status in ALLOWED_STATUSES):
                known.add((en_key(en.text), normalize_text(zh.text, "zh-Hans")))

    def support(en: str, zh: str) -> tuple[float, list[str]]:
        # CC-CEDICT's headwords and the term base's keys are Simplified: 網路 is looked up as 网路.
        return phrase_support(dictionary, en, fold(zh) if may_fold(zh) else zh, known)

    return support


def _verbs(vocabulary: set[str]):
    """English verb forms by CC-CEDICT's senses (loosely: read more often as a verb).

    A base form counts as a verb only where the memory also inflects it as
    one (*deleted*, *deleting*): *delete volume* is an action, while
    *compute*, a verb in the dictionary that the memory never writes as
    *computed* or *computing*, modifies a noun in *compute service*.
    """
    dic = load_dictionary()
    cache: dict[str, str | None] = {}

    def inflected(word: str) -> bool:
        stem = word[:-1] if word.endswith("e") else word
        forms = {word + "ed", word + "d", word + "ing", stem + "ing", stem + "ed"}
        if word.endswith("y"):
            forms.add(word[:-1] + "ied")
        return bool(forms & vocabulary)

    def verb(word: str) -> str | None:
        if word not in cache:
            kind = verb_form(dic, word, loose=True)
            cache[word] = None if kind == "base" and not inflected(word) else kind
        return cache[word]

    return verb


def _priors(concepts: Sequence[Concept]) -> list[tuple[str, str, float]]:
    """The term base's own one-word pairs as lexical priors for the aligner."""
    priors = []
    for concept in concepts:
        en = concept.preferred("en")
        zh = next((t for t in concept.terms if t.lang.startswith("zh") and t.status in ALLOWED_STATUSES), None)
        if en is None or zh is None:
            continue
        keys = english_words(en.text).keys
        if len(keys) == 1 and zh.text:
            priors.append((keys[0], zh.text, 1.0))
    return priors


def _dictionary_priors(en_words: Iterable[str], zh_words: Iterable[str]) -> list[tuple[str, str, float]]:
    """CC-CEDICT's pairs among the memory's words, Traditional words looked up in Simplified.

    A Traditional word is looked up folded (網路 as 网路) and its prior given
    to every spelling of the memory that folds to it.
    """
    spellings: dict[str, set[str]] = {}
    for word in set(zh_words):
        spellings.setdefault(fold(word) if may_fold(word) else word, set()).add(word)
    priors = lexical_priors(load_dictionary(), en_words, spellings, PRIOR_ALPHA)
    return [(en, original, alpha) for en, zh, alpha in priors for original in sorted(spellings[zh])]


def extract(
    segments: Sequence[MemorySegment],
    *,
    concepts: Sequence[Concept] = (),
    segmenter: Segmenter | None = None,
    min_count: int = 2,
    use_dictionary: bool = True,
    aligner: str = "ibm1",
) -> ExtractResult:
    """Ranked proposals (and, given ``concepts``, the drift report) for a memory.

    ``aligner`` is ``ibm1`` (the default: deterministic, the same memory gives
    the same list) or ``eflomal``, which cannot be seeded
    (:mod:`~glossary.extract.wordalign`).
    """
    segmenter = segmenter or Segmenter(t.text for c in concepts for t in c.terms if t.lang.startswith("zh"))
    dic = load_dictionary() if use_dictionary else None
    syntaxes = [syntaxes_for_flags(s.flags) if s.flags else None for s in segments]
    en_tokens = fold_plurals([english_words(s.en, syn) for s, syn in zip(segments, syntaxes, strict=True)])
    zh_tokens = [chinese_words(s.zh, segmenter, syn, dic) for s, syn in zip(segments, syntaxes, strict=True)]
    run = align_ibm1 if aligner == "ibm1" else align
    priors = _priors(concepts)
    if use_dictionary:  # CC-CEDICT pairs among the memory's words pull the aligner too
        priors += _dictionary_priors((k for t in en_tokens for k in t.keys), (k for t in zh_tokens for k in t.keys))
    links = run([t.keys for t in en_tokens], [t.keys for t in zh_tokens], priors)
    stats = collect(
        [t.keys for t in en_tokens],
        [t.surface for t in en_tokens],
        [t.keys for t in zh_tokens],
        [t.surface for t in zh_tokens],
        links,
        [t.breaks for t in en_tokens],
        [t.breaks for t in zh_tokens],
    )
    support = _support(concepts) if use_dictionary else None
    verbs = _verbs({k for t in en_tokens for k in t.keys}) if use_dictionary else None
    proposals = rank(stats, min_count=min_count, support=support, verb=verbs)
    result = ExtractResult(list(segments), proposals, stats, en_tokens=en_tokens, zh_tokens=zh_tokens)
    if concepts:
        result.drift = drift(result, concepts)
    return result


def display_en(result: ExtractResult, key: str) -> str:
    """The most common spelling of an English phrase in the memory (singular when folded)."""
    forms = result.stats.surface.get(key)
    if not forms:
        return key
    singular = [f for f, _n in forms.most_common() if f.casefold() == key]
    if singular:
        return singular[0]
    common = forms.most_common(1)[0][0]
    # Only the plural is written (*Bugs*): the entry is the singular, in the memory's case.
    if common.casefold().startswith(key) and " " not in common[len(key) :]:
        return common[: len(key)]
    return common


def display_zh(result: ExtractResult, key: str) -> str:
    """The most common spelling of a Chinese rendering (``浮动IP``, not the folded ``浮动ip``)."""
    forms = result.stats.zh_surface.get(key)
    return forms.most_common(1)[0][0] if forms else key


def _has_whole(tokens: Tokens, wanted: Sequence[str]) -> bool:
    """A rendering counts where it is whole words of the target: 路由 is not in 路由器."""
    words = [w.casefold() for w in tokens.surface]
    goals = {w.casefold() for w in wanted}
    longest = max((len(w) for w in goals), default=0)
    for i in range(len(words)):
        joined = ""
        for j in range(i, len(words)):
            joined += words[j]
            if joined in goals:
                return True
            if len(joined) >= longest:
                break
    return False


#: A symbol in an entry's English (``File >``, ``+T``, ``repository=``): a menu path, a key or
#: a piece of markup whose words alone (*file*) would be compared with every segment using them.
_SYMBOL = re.compile(r"[^\w\s'\u2019.,&/()-]")


def drift(result: ExtractResult, concepts: Sequence[Concept], *, min_uses: int = 2) -> list[Drift]:
    """Entries whose allowed Chinese renderings most segments with the English term do not use."""
    by_key: dict[str, tuple[Concept, list[str]]] = {}
    for concept in concepts:
        en = concept.preferred("en")
        expected = [
            t.text for t in concept.terms if t.lang.startswith("zh") and t.status in ALLOWED_STATUSES
        ]
        if en is None or not expected or _SYMBOL.search(en.text):
            continue
        key = " ".join(english_words(en.text).keys)
        if len(key) >= 2:
            by_key.setdefault(key, (concept, expected))
    out = []
    for key, (concept, expected) in sorted(by_key.items()):
        pattern = re.compile(r"(?<![\w-])" + re.escape(key).replace(r"\ ", r"\s+") + r"(?:s|es)?(?![\w-])")
        uses = [n for n, tokens in enumerate(result.en_tokens) if pattern.search(" ".join(tokens.keys))]
        if len(uses) < min_uses:
            continue
        wanted = [normalize_text(e, "zh-Hans") for e in expected]
        followed = [n for n in uses if _has_whole(result.zh_tokens[n], wanted)]
        if len(followed) * 2 >= len(uses):
            continue
        instead: dict[str, int] = {}
        for (en, zh), segs in result.stats.pair_segments.items():
            if en == key and zh not in wanted:
                instead[zh] = len(segs & set(uses))
        ranked = sorted(((zh, n) for zh, n in instead.items() if n), key=lambda x: (-x[1], x[0]))[:3]
        examples = [n for n in uses if n not in set(followed)][:3]
        out.append(
            Drift(concept.uid or "", concept.preferred("en").text, expected, len(uses), len(followed), ranked, examples)  # type: ignore[union-attr]
        )
    out.sort(key=lambda d: (-(d.uses - d.followed), d.en))
    return out


__all__ = [
    "Drift",
    "ExtractResult",
    "MemorySegment",
    "Proposal",
    "display_en",
    "display_zh",
    "drift",
    "extract",
    "memory_of",
]
