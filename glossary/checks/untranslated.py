"""The ``untranslated`` and ``truncated`` rules: a target that is not a translation of its source.

``untranslated`` (on by default, a warning): the target is the source itself
where the source is prose.  A catalog keeps code, names, units and codes
as they are on purpose (``%(instance_name)s %(fixed_ip)s``, ``ISO``, ``OK``,
``GB/T 1.1``, ``Nova``), so the source counts as prose only when, with its
non-translatable spans blanked out (:mod:`glossary.text.mask`), it still has
two words of letters and one of them is an ordinary lower-case word, or
three are capitalised words (``ISO - Optical Disk Image`` kept in English
in a Chinese catalog is reported; ``VHD``, ``Admin API``, ``Nova`` are not).  A warning, not an error: a
translator may keep an English title on purpose.  An *empty* target is not
reported: lint leaves a segment not translated yet to the catalog's own
workflow (the PO reader skips it, ``msgfmt --statistics`` counts it), so a
draft in progress is not a wall of warnings.

``truncated`` (off by default, ``--rules`` or the configuration turns it on):
a target far shorter than the draft's own translations of sources that long,
a sign of a cut-off string.  What "far" is comes from the draft itself, not
from a fixed ratio (English to Chinese is about 1 : 0.3 in characters, and
each catalog has its own style): the logarithm of target length over source
length is taken for every segment with a source of 30 characters or more,
and a target whose ratio is more than four median absolute deviations
below the median, and under a third of the median ratio, is reported at the
end of the draft (so it needs the whole draft: a draft rule, and 20 such
segments at least).  Off by default because a terse good translation of a
wordy source is also short; it is a review aid, not a gate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from glossary.checks.base import Finding, Place, RunContext, SegmentContext
from glossary.i18n import N_, _
from glossary.registry import lazy_pattern
from glossary.text.script import HAN

RULE_UNTRANSLATED = "untranslated"
RULE_TRUNCATED = "truncated"

_TOKEN = lazy_pattern(r"[A-Za-z0-9_][\w'’-]*")
#: Fewest letters a source needs for ``truncated`` to judge it.
MIN_SOURCE = 30
#: Fewest judged segments a draft needs before its distribution means anything.
MIN_SEGMENTS = 20
#: How far below the median, in median absolute deviations, and as a share of the median ratio.
DEVIATIONS = 4.0
SHARE = 1 / 3


def is_prose(masked_source: str) -> bool:
    """Whether a (masked) source is words a translator translates, not code or a name."""
    if HAN.search(masked_source):
        return len(HAN.findall(masked_source)) >= 2
    words = [w for w in _TOKEN.findall(masked_source) if w.replace("'", "").replace("’", "").replace("-", "").isalpha()]
    if len(words) < 2:
        return False
    if any(w.islower() and len(w) >= 3 for w in words):
        return True
    return sum(1 for w in words if w.istitle() and len(w) >= 3) >= 3  # a title: Optical Disk Image


class _UntranslatedRule:
    name = RULE_UNTRANSLATED
    order = 15
    description = N_("A target that is the source itself, where the source is prose to translate.")
    default = True
    scope = "segment"
    #: The engine leaves segments whose target is empty or the source to the rules that say so.
    untranslated = True

    def check(self, ctx: SegmentContext) -> list[Finding]:
        raw_target = ctx.raw_target.strip()
        if not raw_target or raw_target != ctx.raw_source.strip() or not is_prose(ctx.source):
            return []
        message = _("the target is the source, untranslated")
        return [Finding(RULE_UNTRANSLATED, "warning", message, "", source_span=(0, len(ctx.raw_source)))]


def _length(text: str) -> int:
    """Letters and Han characters: what carries meaning, not spaces or blanked code."""
    return sum(1 for ch in text if ch.isalnum())


@dataclass
class _Seen:
    place: Place
    ratio: float
    source: str
    target: str


class _TruncatedRule:
    name = RULE_TRUNCATED
    order = 65
    description = N_("A target far shorter than the draft's other translations of sources that long (off by default).")
    default = False
    scope = "draft"

    def gather(self, ctx: SegmentContext) -> tuple[int, int]:
        return _length(ctx.source), _length(ctx.target)

    def start(self, run: RunContext) -> _TruncatedPass:
        return _TruncatedPass()


class _TruncatedPass:
    def __init__(self) -> None:
        self.seen: list[_Seen] = []

    def add(self, ctx: SegmentContext, data: Any) -> list[Finding]:
        source_len, target_len = data
        if source_len >= MIN_SOURCE and ctx.target.strip() != ctx.source.strip():
            ratio = math.log((target_len + 1) / (source_len + 1))
            self.seen.append(_Seen(ctx.place, ratio, ctx.source, ctx.target))
        return []

    def finish(self) -> list[Finding]:
        if len(self.seen) < MIN_SEGMENTS:
            return []
        ratios = sorted(s.ratio for s in self.seen)
        median = _median(ratios)
        spread = _median(sorted(abs(r - median) for r in ratios)) or 0.05
        floor = min(median - DEVIATIONS * spread, median + math.log(SHARE))
        findings = []
        for s in self.seen:
            if s.ratio < floor:
                findings.append(
                    Finding(
                        RULE_TRUNCATED, "warning",
                        _("the target is much shorter than this draft's translations usually are: {share} of the usual length").format(
                            share=f"{math.exp(s.ratio - median):.0%}"
                        ),
                        s.place.file, line=s.place.line, unit=s.place.unit, source=s.source, target=s.target,
                    )
                )  # fmt: skip
        return findings


def _median(values: list[float]) -> float:
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


RULE = [_UntranslatedRule(), _TruncatedRule()]
