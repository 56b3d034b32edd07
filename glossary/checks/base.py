"""The rule protocol: what a lint rule is given, what it returns, and the finding.

A rule is an object with a ``name``, an ``order``, a ``description`` (an
English msgid marked with ``N_``), ``default`` (on unless asked for) and a
``scope``, registered by defining ``RULE`` in a module of
:mod:`glossary.checks` (or through the ``glossary.rules`` entry point):

* ``scope = "segment"`` (:class:`SegmentRule`): ``check(ctx)`` gets one
  :class:`SegmentContext` (both texts, the languages, the term index, the
  segment's shared term analysis, the known person names, the place) and
  returns its findings.  ``glossary check`` runs these.
* ``scope = "draft"`` (:class:`DraftRule`): the rule sees the whole draft, in
  order.  ``gather(ctx)`` runs where the segment is checked (maybe in a
  worker process) and returns something small and picklable;
  ``start(run)`` makes a per-draft :class:`DraftPass` whose ``add(ctx, data)``
  is fed every segment in draft order and whose ``finish()`` reports what is
  left at the end.

Optional hooks, looked for with ``getattr``: ``explains(finding, other)``
(true when the rule's ``finding`` already explains ``other`` of the same
segment, so ``other`` is not reported: one error, one finding) and
``prepare(run)`` (build now what the first segment would, before worker
processes fork).  An attribute ``untranslated = True`` asks for the
segments whose target is the source itself too (untranslated, or code kept
as it is), which the engine gives no other segment rule.

The JSON form of a finding (:meth:`Finding.to_json`) is a published
contract: keep its keys stable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Literal, Protocol, runtime_checkable

from glossary.checks.analysis import SegmentTerms, analyse
from glossary.match import TermIndex, is_chinese_lang

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Expected:
    """One allowed rendering; ``pinyin`` is filled for Chinese."""

    text: str
    pinyin: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text}
        if self.pinyin:
            data["pinyin"] = self.pinyin
        return data


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    file: str
    line: int | None = None
    unit: str | None = None
    source_term: str | None = None
    expected: list[Expected] = field(default_factory=list)
    found: str | None = None
    #: Character spans (start, end) in the source and target text to highlight.
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    #: uid of the term base concept behind the finding, and where it came from.
    concept: str | None = None
    origin: str | None = None
    #: The segment's texts, for human output.
    source: str = ""
    target: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": self.file,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.line is not None:
            data["line"] = self.line
        if self.unit is not None:
            data["unit"] = self.unit
        if self.source_term is not None:
            data["source_term"] = self.source_term
        if self.expected:
            data["expected"] = [e.to_json() for e in self.expected]
        if self.found is not None:
            data["found"] = self.found
        if self.concept is not None:
            data["concept"] = self.concept
        if self.origin is not None:
            data["origin"] = self.origin
        # The segment and where the finding sits in it, so that a CI annotation
        # or an editor can show the term in place (character offsets, end excluded).
        if self.source:
            data["source"] = self.source
        if self.target:
            data["target"] = self.target
        if self.source_span is not None:
            data["source_span"] = list(self.source_span)
        if self.target_span is not None:
            data["target_span"] = list(self.target_span)
        return data


# -- what a rule is given -------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a segment is: file, and line or unit when the draft has them."""

    file: str
    line: int | None = None
    unit: str | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}"
        if self.unit is not None:
            return f"{self.file}#{self.unit}"
        return self.file


def known_names_of(index: TermIndex) -> dict[str, str]:
    """Person names of the base, Chinese -> English, for the ``name`` rule."""
    names: dict[str, str] = {}
    for concept in index.concepts_of("person"):
        zh = next((t for t in concept.terms if is_chinese_lang(t.lang)), None)
        en = concept.preferred("en")
        if zh is not None and en is not None:
            names[zh.text] = en.text
    return names


class RunContext:
    """What every segment of one run shares: the term index and the languages.

    ``known_names`` is read from the index on first use (one pass over the
    concepts), so runs whose rules never ask for it do not pay for it.
    """

    def __init__(
        self,
        index: TermIndex,
        source_lang: str,
        target_lang: str,
        known_names: Mapping[str, str] | None = None,
    ) -> None:
        self.index = index
        self.source_lang = source_lang
        self.target_lang = target_lang
        if known_names is not None:
            self.__dict__["known_names"] = known_names

    @cached_property
    def known_names(self) -> Mapping[str, str]:
        """Person names of the term base, Chinese -> English."""
        return known_names_of(self.index)

    @property
    def chinese(self) -> bool:
        """True when either side is Chinese (what the Chinese-only set-up depends on)."""
        return is_chinese_lang(self.source_lang) or is_chinese_lang(self.target_lang)


class SegmentContext:
    """One segment as every rule sees it; the term analysis is computed once, on first use.

    ``source`` and ``target`` are the texts with their non-translatable spans
    (placeholders, markup, code: :mod:`glossary.text.mask`) blanked out, offsets
    kept; ``raw_source`` and ``raw_target`` are the texts as written, for the
    rules that compare those spans (``placeholder``); ``flags`` are the
    format's flags for the message (PO ``c-format``...).
    """

    __slots__ = ("run", "source", "target", "place", "_terms", "raw_source", "raw_target", "flags")

    def __init__(
        self,
        run: RunContext,
        source: str,
        target: str,
        place: Place | None = None,
        *,
        raw_source: str | None = None,
        raw_target: str | None = None,
        flags: tuple[str, ...] = (),
    ) -> None:
        self.run = run
        self.source = source
        self.target = target
        self.place = place if place is not None else Place("")
        self._terms: SegmentTerms | None = None
        self.raw_source = source if raw_source is None else raw_source
        self.raw_target = target if raw_target is None else raw_target
        self.flags = flags

    @property
    def index(self) -> TermIndex:
        return self.run.index

    @property
    def source_lang(self) -> str:
        return self.run.source_lang

    @property
    def target_lang(self) -> str:
        return self.run.target_lang

    @property
    def known_names(self) -> Mapping[str, str]:
        return self.run.known_names

    @property
    def terms(self) -> SegmentTerms:
        """The base's terms on both sides and the rendering chosen for each (shared by rules)."""
        if self._terms is None:
            self._terms = analyse(self.source, self.target, self.source_lang, self.target_lang, self.index)
        return self._terms

    @property
    def has_terms(self) -> bool:
        """Whether some rule has already asked for :attr:`terms`."""
        return self._terms is not None


# -- what a rule is -------------------------------------------------------------

Scope = Literal["segment", "draft"]


@runtime_checkable
class Rule(Protocol):
    """What the registry, ``--rules`` and the README's table read of every rule."""

    name: str
    order: int
    #: English msgid, wrapped in ``N_`` (translated where it is shown).
    description: str
    #: On unless ``--rules`` names others.
    default: bool
    scope: Scope


@runtime_checkable
class SegmentRule(Rule, Protocol):
    """A rule that judges one segment pair on its own."""

    def check(self, ctx: SegmentContext) -> list[Finding]: ...


class DraftPass(Protocol):
    """A draft rule's state over one draft."""

    def add(self, ctx: SegmentContext, data: Any) -> list[Finding]:
        """Findings at this segment, given what :meth:`DraftRule.gather` returned for it."""
        ...

    def finish(self) -> list[Finding]:
        """Findings only the end of the draft can tell (each must carry its own file and line)."""
        ...


@runtime_checkable
class DraftRule(Rule, Protocol):
    """A rule over the whole draft (``consistency``): fed every segment in draft order."""

    def gather(self, ctx: SegmentContext) -> Any:
        """What the pass needs of this segment: small and picklable (it may come from a worker)."""
        ...

    def start(self, run: RunContext) -> DraftPass: ...


@dataclass(frozen=True)
class SegmentRuleBase:
    """A convenience base for segment rules: set the attributes, write :meth:`check`."""

    name: str
    order: int
    description: str
    default: bool = True
    scope: ClassVar[Scope] = "segment"

    def check(self, ctx: SegmentContext) -> list[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError
