"""Rule ``consistency``: one source, one translation, across the whole draft.

Unlike the other rules this one looks at the draft as a whole, so it is a
tracker fed one segment at a time (memory grows with the number of distinct
segments, not with their findings) that reports each inconsistency at the
*later* occurrence, naming where the first one is.  Four checks:

* the same source segment translated differently (a repeated heading, a
  contents-page title, a caption), with or without a term base entry;
* different source segments translated identically, when an English source
  is one word apart from the other (*Delete* / *Deleted Namespace*), not when
  only plural, article or case differ (Chinese marks none of them), nor
  when the sources are different words (*Running* / *Active* as 运行中);
* a term base concept rendered with two different allowed renderings
  (preferred here, admitted there) in one draft;
* one target wording used for two different concepts of the base, unless
  the base itself gives both concepts that rendering (*launch*, *boot*: 启动).

Segments are compared after :func:`glossary.model.normalize_text` (case,
spaces, dashes, quotes) and with surrounding punctuation removed, so
``Features`` and ``FEATURES.`` are the same source, and without menu
accelerators, so 替换(&R) and 替换 are the same translation.  Segments without
letters (numbers, codes) and untranslated copies (``UP`` kept as ``UP``)
are left out.  Chinese is
compared on its folded form (:func:`glossary.chinese.convert.match_fold`), so
實例 in one segment and 实例 in another are one rendering, not two: the script
is not a translation choice (the converter loads only for a text that needs it).
"""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from glossary.checks.analysis import SegmentTerms
from glossary.checks.base import Finding, Place, RunContext, SegmentContext
from glossary.chinese.convert import match_fold
from glossary.i18n import N_, _
from glossary.match import TermIndex, is_chinese_lang
from glossary.model import normalize_base, normalize_finish, normalize_text
from glossary.registry import lazy_pattern
from glossary.text.english import stem

RULE_CONSISTENCY = "consistency"

_EDGE_PUNCT = lazy_pattern(r"^[\W_]+|[\W_]+$")
_LETTER = lazy_pattern(r"[^\W\d_]")


#: A menu accelerator: 替换(&R), 取消(_C), &Replace, _Cancel (not a translation choice).
#: (The lookahead changes no match: it lets the scan leave other characters in one test.)
_ACCELERATOR = lazy_pattern(r"(?=[(&_])(?:\(\s*[&_][^\W_]\s*\)|(?<![\w&])[&_](?=[^\W_]))")


_WORD_CHAR = lazy_pattern(r"[^\W_]")


def _strip_edge_punct(key: str) -> str:
    """``_EDGE_PUNCT`` removed: the runs of characters other than letters and digits at both ends.

    ``[\\W_]`` is what ``str.isalnum`` rejects, one character at a time (checked for every
    code point), so the runs are walked from the ends instead of trying the
    pattern's end alternative at every position of the key.
    """
    if key and _WORD_CHAR.match(key) and _WORD_CHAR.match(key, len(key) - 1):
        return key
    start, end = 0, len(key)
    while start < end and not key[start].isalnum():
        start += 1
    while end > start and not key[end - 1].isalnum():
        end -= 1
    return key[start:end]


def _key(text: str, lang: str) -> str:
    plain = _ACCELERATOR.sub("", text) if ("&" in text or "_" in text) else text
    key = _strip_edge_punct(normalize_text(plain, lang))
    return match_fold(key) if is_chinese_lang(lang) else key


def _keys(text: str, lang: str, other_lang: str) -> tuple[str, str]:
    """``_key(text, lang)`` and ``_key(text, other_lang)``: the accelerators are stripped once."""
    plain = _ACCELERATOR.sub("", text) if ("&" in text or "_" in text) else text
    base = normalize_base(plain)
    keys = []
    for one in (lang, other_lang):
        key = _strip_edge_punct(normalize_finish(base, one))
        keys.append(match_fold(key) if is_chinese_lang(one) else key)
    return keys[0], keys[1]


@lru_cache(maxsize=65536)
def _term_key(text: str, lang: str) -> str:
    """normalize_text of a term, Chinese folded: the same few thousand terms recur in every segment."""
    key = normalize_text(text, lang)
    return match_fold(key) if is_chinese_lang(lang) else key


class TermUseKey(NamedTuple):
    """What ``consistency`` needs of one source term and its rendering: small and picklable,
    so that worker processes can hand it to the parent (see :func:`glossary.lint.lint_draft`)."""

    uid: str
    text: str
    span: tuple[int, int]
    rendering: str
    rendering_lang: str
    target_span: tuple[int, int] | None


def use_keys(analysis: SegmentTerms) -> tuple[TermUseKey, ...]:
    """The rendered term uses of a segment's analysis, in order."""
    return tuple(
        TermUseKey(u.match.uid, u.match.text, u.match.span, u.rendering.text, u.rendering.lang, u.target_span)
        for u in analysis.uses
        if u.rendering is not None
    )


class ConsistencyTracker:
    """Feed segments in draft order with :meth:`add`; each call returns that segment's findings."""

    def __init__(self, source_lang: str, target_lang: str, index: TermIndex | None = None) -> None:
        self.source_lang = source_lang
        self.target_lang = target_lang
        #: The term base, to tell a rendering it gives two concepts on purpose (launch, boot: 启动).
        self.index = index
        self._by_source: dict[str, tuple[str, str, Place]] = {}
        self._by_target: dict[str, tuple[str, str, Place]] = {}
        self._concept_rendering: dict[str, tuple[str, str, Place]] = {}
        self._rendering_concept: dict[str, tuple[str, str, Place]] = {}

    def add(
        self,
        source: str,
        target: str,
        place: Place,
        analysis: SegmentTerms | tuple[TermUseKey, ...] | None = None,
    ) -> list[Finding]:
        findings: list[Finding] = []
        skey = _key(source, self.source_lang)
        tkey, tkey_as_source = _keys(target, self.target_lang, self.source_lang)
        copy = skey == tkey_as_source  # UP kept as UP: untranslated, not a choice
        if skey and tkey and _LETTER.search(skey) and _LETTER.search(tkey) and not copy:
            first = self._by_source.setdefault(skey, (tkey, target, place))
            if first[0] != tkey:
                message = _("the same source is translated differently at {where}: '{first}'")
                findings.append(_segment_finding(message.format(where=first[2], first=first[1]), source, target))
            first_t = self._by_target.setdefault(tkey, (skey, source, place))
            if first_t[0] != skey and self._lost_difference(first_t[1], source):
                message = _("this translation is also used for a different source at {where}: '{first}'")
                findings.append(_segment_finding(message.format(where=first_t[2], first=first_t[1]), source, target))
        if analysis is not None:
            uses = use_keys(analysis) if isinstance(analysis, SegmentTerms) else analysis
            findings.extend(self._terms(uses, place))
        return findings

    def _lost_difference(self, first: str, source: str) -> bool:
        """Do two English sources with one translation differ in a way the translation lost?

        Chinese has no plural and no article, so *Unable to delete the domain.*
        and *...the domains.* rightly share 无法删除域。; and different words
        often share one rendering on purpose (*Running* and *Active* as 运行中,
        *down* and *Close* as 关闭).  What a reviewer wants is the near miss:
        two sources one word apart (*Delete Namespace* and *Deleted Namespace*,
        *64-bit* and *ARM64*) where the word that differs did not reach the
        translation.  Sources in other languages are compared as they are.
        """
        if is_chinese_lang(self.source_lang):
            return True
        a, b = _gist(first), _gist(source)
        if a == b or "".join(a) == "".join(b):  # Filename / File Name, Login / Log in
            return False
        if SequenceMatcher(None, a, b, autojunk=False).ratio() >= _NEAR:
            return True  # one word apart
        # or one word's form apart (Snapshot / Snapshotting)
        return SequenceMatcher(None, " ".join(a), " ".join(b), autojunk=False).ratio() >= _NEAR_CHARS

    def _terms(self, uses: tuple[TermUseKey, ...], place: Place) -> list[Finding]:
        findings: list[Finding] = []
        for use in uses:
            uid = use.uid
            rkey = _term_key(use.rendering, use.rendering_lang)
            first = self._concept_rendering.setdefault(uid, (rkey, use.rendering, place))
            if first[0] != rkey:
                findings.append(
                    Finding(
                        rule=RULE_CONSISTENCY,
                        severity="warning",
                        message=_("'{term}' is rendered as '{found}' here but as '{first}' at {where}").format(
                            term=use.text, found=use.rendering, first=first[1], where=first[2]
                        ),
                        file="",
                        source_term=use.text,
                        found=use.rendering,
                        source_span=use.span,
                        target_span=use.target_span,
                        concept=uid,
                    )
                )
            other = self._rendering_concept.setdefault(rkey, (uid, use.text, place))
            if (
                other[0] != uid
                and _term_key(other[1], self.source_lang) != _term_key(use.text, self.source_lang)
                and not self._shared(other[0], uid, use.rendering_lang, rkey)
            ):
                findings.append(
                    Finding(
                        rule=RULE_CONSISTENCY,
                        severity="warning",
                        message=_(
                            "'{found}' renders '{term}' here but the different term '{other}' at {where}"
                        ).format(found=use.rendering, term=use.text, other=other[1], where=other[2]),
                        file="",
                        source_term=use.text,
                        found=use.rendering,
                        source_span=use.span,
                        target_span=use.target_span,
                        concept=uid,
                    )
                )
        return findings


    def _shared(self, one: str, other: str, lang: str, rkey: str) -> bool:
        """Does the term base itself give both concepts this rendering?  Then sharing it is the base's choice."""
        if self.index is None:
            return False
        return all(
            any(_term_key(t.text, t.lang) == rkey for t in self.index.renderings(uid, lang)) for uid in (one, other)
        )


#: Token-sequence similarity from which two different sources are one word apart.
_NEAR = 0.5
#: Character similarity from which they are one word's form apart.
_NEAR_CHARS = 0.75
#: Words whose presence Chinese does not mark: an article, a copula.
_UNMARKED = frozenset({"a", "an", "the", "is", "are"})
_WORDS = lazy_pattern(r"[^\W_]+")


@lru_cache(maxsize=65536)
def _gist(text: str) -> tuple[str, ...]:
    """An English source's words, case folded, singular, without articles and copulas."""
    words = [w[:-1] if len(w) > 2 and w.endswith("s") and w[:-1].isupper() else w for w in _WORDS.findall(text)]
    return tuple(stem(w) for w in (normalize_text(w, "en") for w in words) if w not in _UNMARKED)


def _segment_finding(message: str, source: str, target: str) -> Finding:
    """A whole-segment inconsistency: a warning about the segment as it stands."""
    return Finding(rule=RULE_CONSISTENCY, severity="warning", message=message, file="", found=target, source_term=source)


class _ConsistencyRule:
    """The draft-wide rule: workers gather each segment's term uses, the parent tracks them in order."""

    name = RULE_CONSISTENCY
    order = 60
    description = N_("One source, one translation: the same source and the same term rendered alike across the draft.")
    default = True
    scope = "draft"

    def gather(self, ctx: SegmentContext) -> tuple[TermUseKey, ...]:
        return use_keys(ctx.terms)

    def start(self, run: RunContext) -> _ConsistencyPass:
        return _ConsistencyPass(ConsistencyTracker(run.source_lang, run.target_lang, run.index))


class _ConsistencyPass:
    def __init__(self, tracker: ConsistencyTracker) -> None:
        self.tracker = tracker

    def add(self, ctx: SegmentContext, data: tuple[TermUseKey, ...]) -> list[Finding]:
        return self.tracker.add(ctx.source, ctx.target, ctx.place, data)

    def finish(self) -> list[Finding]:
        return []  # every inconsistency is reported where it occurs


RULE = _ConsistencyRule()
