"""Rules ``term`` and ``deprecated``: is the term base's wording used?

``term``: a source term of the base whose concept has allowed renderings
(preferred or admitted) in the target language, none of which is in the
target.  Scripts meet through folding (:mod:`glossary.match`): a
Traditional draft is held to a mainland base's terms, and the expected
rendering is shown in the draft's own script (世界標準日, not 世界标准日),
with the term's own pinyin.  ``regional``: the target has no rendering but
another region's usage of it (软件 in the base, Taiwan's 軟體 in the draft):
a warning for the team to decide, not a wrong term.  ``deprecated``: the target uses a term the base marks deprecated,
superseded (or any status that is not allowed); the message names the
preferred term.

Both rules read the segment's shared term analysis
(:mod:`glossary.checks.analysis`, computed once per segment), which the
``consistency`` rule reuses to learn which rendering each segment chose.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import PurePath
from typing import TYPE_CHECKING

from glossary.checks.analysis import SegmentTerms, analyse
from glossary.checks.base import Expected, Finding, RunContext, SegmentContext
from glossary.chinese.cedict import definitions as cedict_definitions
from glossary.chinese.convert import regional, to_traditional
from glossary.chinese.pinyin import tone_pinyin
from glossary.i18n import N_, _
from glossary.lang import ZH, ZH_HANT, is_traditional, region_of, script_of
from glossary.match import Entry, Match, TermIndex, _find_en, is_case_sensitive, is_chinese_lang
from glossary.model import ALLOWED_STATUSES, Concept, Term
from glossary.registry import lazy_module, lazy_pattern
from glossary.text.english import en_key, is_function_word, stem
from glossary.text.script import HAN_RUN

if TYPE_CHECKING:
    from glossary import align_dict
else:
    # The aligner's dictionary parses the glosses of a note only a few findings carry.
    align_dict = lazy_module("glossary.align_dict")

RULE_TERM = "term"
RULE_DEPRECATED = "deprecated"
RULE_REGIONAL = "regional"

#: Aligned sub-terms below this confidence are reported as warnings, not errors.
WEAK_CONFIDENCE = 0.7

#: Statuses whose use is an error rather than a warning.
_HARD_STATUSES = ("deprecated", "forbidden")


def pinyin_of(term: Term) -> str | None:
    """The term's pinyin from the base, else computed."""
    if term.pinyin or not is_chinese_lang(term.lang):
        return term.pinyin
    try:
        return tone_pinyin(term.text) or None
    except Exception:  # a helper failure must not hide the finding itself
        return None


def origin_of(concept: Concept | None) -> str | None:
    """Where the base's entry came from: ``file:line`` of its first source."""
    if concept is None:
        return None
    sources = list(concept.sources) + [s for t in concept.terms for s in t.sources]
    for source in sources:
        name = PurePath(source.file).name or source.file
        return f"{name}:{source.line}" if source.line else name
    return None


def in_script(text: str, term_lang: str, lang: str | None) -> str:
    """A Chinese term written in the script of ``lang`` (the draft's), character for character.

    Only the characters change (OpenCC ``s2tw``/``t2s``), never the word: a
    regional difference is the ``regional`` rule's to report.
    """
    if lang is None or not is_chinese_lang(term_lang) or not is_chinese_lang(lang) or term_lang == lang:
        return text
    if is_traditional(lang):
        return text if is_traditional(term_lang) else to_traditional(text, region_of(lang) or "zh-TW")
    if lang == ZH:
        return regional(text, ZH_HANT, ZH)
    return text


def expected_of(terms: list[Term], lang: str | None = None) -> list[Expected]:
    """The expected renderings as a finding shows them: in the draft's script, with the term's pinyin."""
    return [Expected(in_script(t.text, t.lang, lang), pinyin_of(t)) for t in terms]


def _kept_verbatim(m: Match, target: str) -> bool:
    """An acronym or code written as in the source (``SAMR`` in a Chinese target) is kept, not missing."""
    if not is_case_sensitive(m.term):
        return False
    return _find_en(target, Term("en", m.text, term_type="acronym")) is not None


_PHRASE_WORD = lazy_pattern(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_SENTENCE = lazy_pattern(r"[.!?;:,]\s|[.!?]$")
_EDGE = lazy_pattern(r"^[\W_]+|[\W_]+$")
#: Longest label read as a phrase of the draft's own (Key Pair, Hard Disk, Server Groups).
PHRASE_WORDS = 4


def phrase_key(words: Iterable[str]) -> str:
    """Words as a phrase key: case folded and singular (Key Pairs and key pair are one)."""
    return " ".join(stem(w.casefold()) for w in words)


def draft_phrases(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """A draft's short labels (1-4 words, not a sentence) -> their most common translation.

    A software catalog's labels are its team's own glossary: *Key Pair* ->
    密钥对, *Hard Disk* -> 硬盘.  ``term`` reads them to tell a source term
    inside a compound the draft translates as a whole (:func:`check_terms`).
    """
    counts: dict[str, Counter[str]] = {}
    for source, target in pairs:
        text = source.strip()
        words = _PHRASE_WORD.findall(text)
        if not 1 <= len(words) <= PHRASE_WORDS or _SENTENCE.search(text):
            continue
        rendering = _EDGE.sub("", target.strip())
        if not rendering or rendering.casefold() == _EDGE.sub("", text).casefold():
            continue
        counts.setdefault(phrase_key(words), Counter())[rendering] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def _compound(
    m: Match, source: str, target: str, renderings: list[Term], phrases: Mapping[str, str]
) -> tuple[str, str] | None:
    """The draft's own compound around the source term, and its rendering, when the target uses it.

    *Key* inside *Key Pair* (a label of the draft, translated 密钥对, which
    holds no rendering of *key*): the target's 密钥对 renders the compound, and
    the term base's 关键词 is another sense.  A compound whose rendering holds
    the draft's own rendering of the term alone (*Instance Snapshot* 实例快照,
    *Instance* 实例) is the term translated otherwise, and stays an error; so
    does one whose term the draft never labels alone (nothing tells the two
    apart).  The whole segment is never its own compound.
    """
    words = [(w.start(), w.end(), w.group()) for w in _PHRASE_WORD.finditer(source)]
    inside = [i for i, (a, b, _w) in enumerate(words) if a >= m.start and b <= m.end]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    alone = phrases.get(phrase_key(w for _a, _b, w in words[first : last + 1]))
    for size in range(PHRASE_WORDS, len(inside), -1):
        for start in range(max(0, last + 1 - size), min(first, len(words) - size) + 1):
            window = words[start : start + size]
            if len(window) == len(words) or any(is_function_word(w.casefold()) for _a, _b, w in window):
                continue
            rendering = phrases.get(phrase_key(w for _a, _b, w in window))
            if not rendering or rendering not in target or any(r.text in rendering for r in renderings):
                continue
            if not alone or alone in rendering:
                continue
            return source[window[0][0] : window[-1][1]], rendering
    return None


class _Senses:
    """The glosses CC-CEDICT and the supplement give the words asked for, read word by word.

    What the aligner's whole dictionary (:func:`glossary.align_dict.load`) says
    of a headword's senses, without reading all of CC-CEDICT (half a second
    and 60 MB per process, for a note a few segments need): the entries of
    the words asked for come from :func:`glossary.chinese.cedict.definitions`
    and are parsed by the aligner's own :class:`~glossary.align_dict.Dictionary`;
    the supplement's senses are added to them, as the whole dictionary merges
    them.  A headword's glosses are the union of its entries' (each entry is
    parsed on its own), so the two give the same answer.
    """

    def __init__(self) -> None:
        self._cedict = align_dict.Dictionary()
        self._asked: set[str] = set()
        self._glosses: dict[str, frozenset[str] | None] = {}

    def glosses(self, words: Iterable[str]) -> list[frozenset[str] | None]:
        """Each word's gloss keys (None: neither dictionary lists it), in the order given."""
        words = list(words)
        missing = [w for w in dict.fromkeys(words) if w not in self._asked]
        if missing:
            for simp, pinyin, defs in cedict_definitions(missing):
                self._cedict.add_raw(simp, defs, proper=pinyin[:1].isupper())
            supplement = align_dict.load(cedict=False)
            for word in missing:
                self._asked.add(word)
                found = [e for e in (self._cedict.get(word), supplement.get(word)) if e is not None]
                self._glosses[word] = frozenset().union(*(e.glosses for e in found)) if found else None
        return [self._glosses[w] for w in words]


@lru_cache(maxsize=1)
def _senses() -> _Senses:
    return _Senses()


def _other_sense(m: Match, target: str, expected: list[Term]) -> tuple[str, str] | None:
    """A word of the target the dictionary glosses with the term, while the base's rendering means something else.

    *key* -> the base's 关键词, which CC-CEDICT glosses *keyword* only; the
    target's 键 (or 密钥) is glossed *key*: the draft uses another sense of the
    word, which the base's entry does not cover.  Returns (that word, the
    base's rendering's gloss), or None when the dictionary does not know every
    rendering (云主机: nothing tells) or one of them does mean the term (实例 for
    *instance* against the base's 云主机 is not this: 云主机 is unknown).
    """
    if not is_chinese_lang(expected[0].lang) or not all(is_chinese_lang(t.lang) for t in expected):
        return None
    key = en_key(m.term.text)
    senses = _senses()
    known = senses.glosses(t.text.replace(" ", "") for t in expected)
    if any(not e for e in known) or any(key in e for e in known if e):
        return None
    first = known[0]
    assert first is not None
    words = [
        text[i:j]
        for text in (run.group() for run in HAN_RUN.finditer(target))
        for i in range(len(text))
        for j in range(min(len(text), i + 4), i, -1)
    ]
    for word, glosses in zip(words, senses.glosses(words), strict=True):
        if glosses is not None and key in glosses:
            return word, sorted(first)[0]
    return None


def check_terms(
    source: str, target: str, source_lang: str, target_lang: str, index: TermIndex,
    analysis: SegmentTerms | None = None, phrases: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Rule ``term``: source terms whose allowed renderings are all missing from the target.

    With ``phrases`` (the draft's own labels, :func:`draft_phrases`: a whole
    draft is linted), a term inside a compound the draft translates as a
    whole is a softer finding (``info``) naming the compound, not an error;
    so is a term the target renders in a sense the dictionary does not give
    the base's rendering (:func:`_other_sense`).  A single ``check`` has no
    draft and does not read the dictionary (it would cost its start-up a second).
    """
    if analysis is None:
        analysis = analyse(source, target, source_lang, target_lang, index)
    findings: list[Finding] = []
    missing: dict[str, list[Match]] = {}
    for use in analysis.uses:
        if use.rendering is not None or use.regional is not None:
            continue
        missing.setdefault(use.match.uid, []).append(use.match)
    for uid, occurrences in missing.items():
        # One finding per concept per segment: a paragraph saying *class* six times
        # has one missing rendering, reported at the first occurrence with the count.
        m = occurrences[0]
        expected = index.renderings(uid, target_lang)
        if not expected or _kept_verbatim(m, target):
            continue
        concept = index.concepts.get(m.uid)
        severity = "error"
        if concept is not None and concept.confidence is not None and concept.confidence < WEAK_CONFIDENCE:
            severity = "warning"
        if any(flag.code == "review" for t in expected for flag in t.flags):
            severity = "warning"
        shown = expected_of(expected, target_lang)
        compounds = [_compound(o, source, target, expected, phrases) for o in occurrences] if phrases else [None]
        compound = compounds[0] if all(compounds) else None  # every occurrence inside its compound
        note: tuple[str, str] | None = None  # (message, the target's word): a softer finding
        if compound is not None:
            note = (
                _(
                    "'{term}' is part of '{compound}', which this draft renders {rendering}: "
                    "the term base's {expected} may be another sense"
                ).format(
                    term=m.text, compound=compound[0], rendering=compound[1],
                    expected=" / ".join(e.text for e in shown),
                ),
                compound[1],
            )
        else:
            sense = _other_sense(m, target, expected) if phrases is not None else None
            if sense is not None:
                note = (
                    _(
                        "'{term}' is rendered {found} here, a sense the term base's {expected} ({gloss}) does not have"
                    ).format(term=m.text, found=sense[0], expected=" / ".join(e.text for e in shown), gloss=sense[1]),
                    sense[0],
                )
        if note is not None:
            findings.append(
                Finding(
                    rule=RULE_TERM,
                    severity="info",
                    message=note[0],
                    file="",
                    source_term=m.text,
                    expected=shown,
                    found=note[1],
                    source_span=m.span,
                    concept=m.uid,
                    origin=origin_of(concept),
                )
            )
            continue
        if len(occurrences) > 1:
            message = _("'{term}' ({count} times) is not translated as in the term base: expected {expected}")
        else:
            message = _("'{term}' is not translated as in the term base: expected {expected}")
        findings.append(
            Finding(
                rule=RULE_TERM,
                severity=severity,
                message=message.format(
                    term=m.text, count=len(occurrences), expected=" / ".join(e.text for e in shown)
                ),
                file="",
                source_term=m.text,
                expected=shown,
                found=None,
                source_span=m.span,
                concept=m.uid,
                origin=origin_of(concept),
            )
        )
    return findings


def check_deprecated(
    source: str, target: str, source_lang: str, target_lang: str, index: TermIndex,
    analysis: SegmentTerms | None = None,
) -> list[Finding]:
    """Rule ``deprecated``: the target uses a term whose status is not allowed."""
    if analysis is None:
        analysis = analyse(source, target, source_lang, target_lang, index)
    findings: list[Finding] = []
    for m in [*analysis.target_matches, *_inside_words(target, target_lang, index, analysis)]:
        if not m.entries or m.entries[0].allowed:
            continue  # at least one concept allows this wording
        concept = index.concepts.get(m.uid)
        preferred = index.renderings(m.uid, target_lang)
        status = m.term.status
        source_term = None
        for use in analysis.uses:
            if use.match.uid == m.uid:
                source_term = use.match.text
                break
        shown = expected_of(preferred, target_lang)
        if preferred:
            message = _("'{found}' is {status} in the term base; use {preferred}").format(
                found=m.text, status=_(status), preferred=" / ".join(e.text for e in shown)
            )
        else:
            message = _("'{found}' is {status} in the term base").format(found=m.text, status=_(status))
        findings.append(
            Finding(
                rule=RULE_DEPRECATED,
                severity="error" if status in _HARD_STATUSES else "warning",
                message=message,
                file="",
                source_term=source_term,
                expected=expected_of(preferred),
                found=m.text,
                target_span=m.span,
                concept=m.uid,
                origin=origin_of(concept),
            )
        )
    return findings


def _inside_words(target: str, target_lang: str, index: TermIndex, analysis: SegmentTerms) -> list[Match]:
    """Deprecated Chinese wordings of the source's missing terms inside a longer word of the target.

    The matcher keeps a Chinese hit only on the segmenter's word boundaries,
    so 缺省 inside 使用缺省值 (jieba: 使用/缺省值) is no match, while
    使用缺省的值 is.  When the source has the concept (*default*) and its
    rendering is missing, the deprecated wording written inside a word is
    the translator's choice all the same, and is reported.
    """
    if not is_chinese_lang(target_lang):
        return []
    found: list[Match] = []
    taken = [(m.start, m.end) for m in analysis.target_matches]
    for use in analysis.uses:
        if use.rendering is not None or use.regional is not None:
            continue
        uid = use.match.uid
        for term in index.renderings(uid, target_lang, allowed=False):
            if term.status in ALLOWED_STATUSES or not is_chinese_lang(term.lang) or not term.text:
                continue
            start = target.find(term.text)
            if start < 0 or any(a <= start < b for a, b in taken):
                continue
            end = start + len(term.text)
            entry = Entry(uid, term, index.concepts[uid].type if uid in index.concepts else "term")
            found.append(Match(start, end, target[start:end], uid, term, (entry,)))
            taken.append((start, end))
    return found


#: The regional-usage message by the usage's region (the term base's term is the other one's).
_REGIONAL_MESSAGES = {
    "zh-TW": N_("'{term}': mainland term {expected}; Taiwan usage is {found}"),
    "zh-HK": N_("'{term}': mainland term {expected}; Hong Kong usage is {found}"),
    ZH: N_("'{term}': Traditional Chinese term {expected}; mainland usage is {found}"),
}


def check_regional(
    source: str, target: str, source_lang: str, target_lang: str, index: TermIndex,
    analysis: SegmentTerms | None = None,
) -> list[Finding]:
    """Rule ``regional``: the target has another region's usage of the base's rendering (a warning)."""
    if analysis is None:
        analysis = analyse(source, target, source_lang, target_lang, index)
    findings: list[Finding] = []
    for use in analysis.uses:
        if use.regional is None:
            continue
        term, region, usage = use.regional
        m = use.match
        found = target[use.target_span[0] : use.target_span[1]] if use.target_span else usage
        findings.append(
            Finding(
                rule=RULE_REGIONAL,
                severity="warning",
                message=_(_REGIONAL_MESSAGES[region]).format(term=m.text, expected=term.text, found=found),
                file="",
                source_term=m.text,
                expected=expected_of([term], target_lang),
                found=found,
                source_span=m.span,
                target_span=use.target_span,
                concept=m.uid,
                origin=origin_of(index.concepts.get(m.uid)),
            )
        )
    return findings


def conversion_notice(index: TermIndex, source_lang: str, target_lang: str) -> Finding | None:
    """The once-per-draft warning that a Chinese side is compared with the base through conversion.

    A Traditional draft (either side) against a base with no Traditional
    terms, or a Simplified one against a base with only Traditional terms:
    every term is then matched through folding and the expected renderings
    are converted, which the reader should know before trusting them.
    """
    scripts = index.chinese_scripts()
    if not scripts:
        return None
    base_scripts = {script_of(s) for s in scripts}  # zh-Hant-TW and zh-Hant-HK are one script
    for lang in (target_lang, source_lang):
        if is_chinese_lang(lang) and script_of(lang) not in base_scripts:
            message = _(
                "the draft is in {draft} but the term base has no {draft} terms: "
                "terms are compared through Simplified/Traditional conversion"
            ).format(draft=script_of(lang))
            return Finding(rule=RULE_TERM, severity="warning", message=message, file="")
    return None


class _TermRule:
    """``term``; a term finding explains a ``name`` finding on the same source words."""

    name = RULE_TERM
    order = 10
    description = N_("Source terms of the term base must be translated with an allowed rendering.")
    default = True
    scope = "segment"

    def check(self, ctx: SegmentContext) -> list[Finding]:
        phrases = getattr(ctx.run, "phrases", None)  # set by glossary.lint for a whole draft
        return check_terms(ctx.source, ctx.target, ctx.source_lang, ctx.target_lang, ctx.index, ctx.terms, phrases)

    def learn(self, run: RunContext, pairs: list[tuple[str, str]]) -> None:
        """Before a draft's segments: its own short labels, to tell a term inside a compound (English sources)."""
        if not is_chinese_lang(run.source_lang):
            run.phrases = draft_phrases(pairs)  # type: ignore[attr-defined]

    def notices(self, run: RunContext) -> list[Finding]:
        """Once per draft: the warning that its Chinese is compared with the base through conversion."""
        notice = conversion_notice(run.index, run.source_lang, run.target_lang)
        return [notice] if notice is not None else []

    def explains(self, finding: Finding, other: Finding) -> bool:
        """A name the base knows is reported by ``term``, not again by ``name``."""
        return bool(finding.source_term) and other.rule == "name" and other.source_term == finding.source_term


class _DeprecatedRule:
    """``deprecated``; a deprecated wording explains the missing term of its concept."""

    name = RULE_DEPRECATED
    order = 20
    description = N_("The translation must not use a deprecated, superseded or forbidden term.")
    default = True
    scope = "segment"

    def check(self, ctx: SegmentContext) -> list[Finding]:
        return check_deprecated(ctx.source, ctx.target, ctx.source_lang, ctx.target_lang, ctx.index, ctx.terms)

    def explains(self, finding: Finding, other: Finding) -> bool:
        """The deprecated wording *is* the missing preferred term: one error, one finding."""
        return bool(finding.concept) and other.rule == RULE_TERM and other.concept == finding.concept


class _RegionalRule:
    """``regional``: another region's word for the base's term, a softer finding than ``term``."""

    name = RULE_REGIONAL
    order = 15
    description = N_("A term written in another region's usage (Taiwan 軟體 for mainland 软件) is reported for review.")
    default = True
    scope = "segment"

    def check(self, ctx: SegmentContext) -> list[Finding]:
        return check_regional(ctx.source, ctx.target, ctx.source_lang, ctx.target_lang, ctx.index, ctx.terms)


RULE = [_TermRule(), _RegionalRule(), _DeprecatedRule()]
