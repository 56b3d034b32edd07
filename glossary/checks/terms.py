"""Rules ``term`` and ``deprecated``: is the term base's wording used?

``term``: a source term of the base whose concept has allowed renderings
(preferred or admitted) in the target language, none of which is in the
target.  ``deprecated``: the target uses a term the base marks deprecated,
superseded (or any status that is not allowed); the message names the
preferred term.

Both rules read the segment's shared term analysis
(:mod:`glossary.checks.analysis`, computed once per segment), which the
``consistency`` rule reuses to learn which rendering each segment chose.
"""

from __future__ import annotations

from pathlib import PurePath

from glossary.checks.analysis import SegmentTerms, analyse
from glossary.checks.base import Expected, Finding, SegmentContext
from glossary.chinese.pinyin import tone_pinyin
from glossary.i18n import N_, _
from glossary.match import Match, TermIndex, _find_en, is_case_sensitive, is_chinese_lang
from glossary.model import ALLOWED_STATUSES, Concept, Term

RULE_TERM = "term"
RULE_DEPRECATED = "deprecated"

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


def expected_of(terms: list[Term]) -> list[Expected]:
    return [Expected(t.text, pinyin_of(t)) for t in terms]


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
        if use.rendering is not None:
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
        findings.append(
            Finding(
                rule=RULE_TERM,
                severity=severity,
                message=_("'{term}' is not translated as in the term base: expected {expected}").format(
                    term=m.text, expected=" / ".join(t.text for t in expected)
                ),
                file="",
                source_term=m.text,
                expected=expected_of(expected),
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
        if preferred:
            message = _("'{found}' is {status} in the term base; use {preferred}").format(
                found=m.text, status=_(status), preferred=" / ".join(t.text for t in preferred)
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


RULE = [_TermRule(), _DeprecatedRule()]
