"""The term analysis of one segment: the base's terms on both sides, and each one's rendering.

Computed once per segment (:attr:`glossary.checks.base.SegmentContext.terms`)
and shared by the rules that need it: ``term`` and ``deprecated`` read it, and
``consistency`` learns from it which rendering each segment chose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from glossary.match import Match, TermIndex
from glossary.model import Term


@dataclass
class TermUse:
    """A source term and the rendering the target chose (None: none found)."""

    match: Match
    rendering: Term | None = None
    target_span: tuple[int, int] | None = None
    #: No rendering, but another region's usage of it (rule ``regional``): (term, region, usage).
    regional: tuple[Term, str, str] | None = None


@dataclass
class SegmentTerms:
    source_matches: list[Match] = field(default_factory=list)
    target_matches: list[Match] = field(default_factory=list)
    uses: list[TermUse] = field(default_factory=list)


def analyse(
    source: str, target: str, source_lang: str, target_lang: str, index: TermIndex
) -> SegmentTerms:
    """Find the base's terms on both sides and pair each source term with its rendering."""
    result = SegmentTerms()
    result.source_matches = index.find(source, source_lang)
    result.target_matches = index.find(target, target_lang) if target else []
    source_uids = {e.uid for m in result.source_matches for e in m.entries}
    for m in result.source_matches:
        use = TermUse(m)
        for entry in m.entries:
            found = index.find_rendering(entry.uid, target, target_lang, result.target_matches, source_uids)
            if found is not None:
                use.match = Match(m.start, m.end, m.text, entry.uid, entry.term, m.entries)
                use.rendering, use.target_span = found[0], (found[1], found[2])
                break
        else:
            if target and index.folding(target, target_lang):
                _regional(use, target, target_lang, index)
        result.uses.append(use)
    return result


def _regional(use: TermUse, target: str, target_lang: str, index: TermIndex) -> None:
    """Record the first concept of the source term whose rendering the target writes in another region's usage."""
    for entry in use.match.entries:
        found = index.find_regional(entry.uid, target, target_lang)
        if found is not None:
            m = use.match
            use.match = Match(m.start, m.end, m.text, entry.uid, entry.term, m.entries)
            use.regional = found[:3]
            use.target_span = (found[3], found[4])
            return
