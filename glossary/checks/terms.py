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

from pathlib import PurePath

from glossary.checks.analysis import SegmentTerms, analyse
from glossary.checks.base import Expected, Finding, RunContext, SegmentContext
from glossary.chinese.convert import regional, to_traditional
from glossary.chinese.pinyin import tone_pinyin
from glossary.i18n import N_, _
from glossary.lang import ZH, ZH_HANT, is_traditional, region_of, script_of
from glossary.match import Match, TermIndex, _find_en, is_case_sensitive, is_chinese_lang
from glossary.model import ALLOWED_STATUSES, Concept, Term

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


def check_terms(
    source: str, target: str, source_lang: str, target_lang: str, index: TermIndex,
    analysis: SegmentTerms | None = None,
) -> list[Finding]:
    """Rule ``term``: source terms whose allowed renderings are all missing from the target."""
    if analysis is None:
        analysis = analyse(source, target, source_lang, target_lang, index)
    findings: list[Finding] = []
    for use in analysis.uses:
        if use.rendering is not None or use.regional is not None:
            continue
        m = use.match
        expected = index.renderings(m.uid, target_lang)
        if not expected or _kept_verbatim(m, target):
            continue
        concept = index.concepts.get(m.uid)
        severity = "error"
        if concept is not None and concept.confidence is not None and concept.confidence < WEAK_CONFIDENCE:
            severity = "warning"
        if any(flag.code == "review" for t in expected for flag in t.flags):
            severity = "warning"
        shown = expected_of(expected, target_lang)
        findings.append(
            Finding(
                rule=RULE_TERM,
                severity=severity,
                message=_("'{term}' is not translated as in the term base: expected {expected}").format(
                    term=m.text, expected=" / ".join(e.text for e in shown)
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
    for m in analysis.target_matches:
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


def is_allowed(term: Term) -> bool:
    return term.status in ALLOWED_STATUSES


class _TermRule:
    """``term``; a term finding explains a ``name`` finding on the same source words."""

    name = RULE_TERM
    order = 10
    description = N_("Source terms of the term base must be translated with an allowed rendering.")
    default = True
    scope = "segment"

    def check(self, ctx: SegmentContext) -> list[Finding]:
        return check_terms(ctx.source, ctx.target, ctx.source_lang, ctx.target_lang, ctx.index, ctx.terms)

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
