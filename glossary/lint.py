"""The lint engine: run the rules over a draft's segments.

The rules are whatever :data:`glossary.checks.RULES` holds (built-in:
``untranslated``, ``term``, ``deprecated``, ``name``, ``number``,
``placeholder``, ``latin``, ``consistency``, and ``truncated`` when asked
for; plugins through the ``glossary.rules`` entry point); each can be turned off
(``disable``) or the run limited to some (``rules``).  This engine names no
rule: it runs the registry's segment rules on every segment, feeds the
draft rules in draft order, and drops a finding another finding of the same
segment explains (a rule's ``explains`` hook).  A rule module that fails to
load is a :class:`glossary.errors.PluginError` naming it, never a silently
missing rule.  The rules read each pair with its placeholders, markup and
code blanked out (:func:`glossary.text.mask.masked`, chosen by the PO
flags), and a rule that raises on a segment is an ``internal`` finding of
that segment, never a lost report.

Silencing a finding, the two documented ways:

*Inline marker*, in a segment's text (source or target) or in its notes
(XLIFF ``<note>``, PO translator comments ``# ...``)::

    glossary-ignore                 every rule, this segment
    glossary-ignore: term, number   only these rules
    glossary:ignore[term,number]    the same, bracket form

The marker is removed from the text before the rules run (with an enclosing
``<!-- -->`` if any), so it cannot itself raise a finding.

*Ignore file*: ``.glossaryignore`` in the draft's directory or the nearest
parent that has one (or the file given with ``--ignore-file``).  One entry a
line; ``#`` starts a comment; ``*`` stands for every rule::

    consistency                      rule off for every file
    term:标准                         rule ``term``, findings about this source term
    drafts/*.tsv:number              rule off in the files the glob matches
    draft.tsv:12:term                rule off at line 12 of draft.tsv
    draft.tsv:10-20:*                every rule, lines 10 to 20
    book.xlf:u17:name                rule off in unit ``u17`` (XLIFF, TMX, PO)
    draft.tsv:12:term:World Standards Day

A glob is matched against the draft's path relative to the ignore file's
directory, and, when it has no ``/``, against the file name alone.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.bulk import collector_paused, fork_safe
from glossary.checks import RULES
from glossary.checks.base import (
    SEVERITY_RANK,
    DraftPass,
    DraftRule,
    Finding,
    Place,
    RunContext,
    SegmentContext,
    SegmentRule,
    known_names_of,
)
from glossary.drafts.base import Draft, Segment
from glossary.errors import InputError
from glossary.i18n import _
from glossary.lang import decide_languages
from glossary.match import TermIndex, is_chinese_lang
from glossary.model import normalize_text
from glossary.text.decode import read_text
from glossary.text.mask import masked
from glossary.text.script import HAN

__all__ = [
    "FAIL_ON", "IGNORE_FILE", "INTERNAL", "RULES", "IgnoreEntry", "IgnoreRules", "LintResult", "SegmentChecker",
    "check_pair", "inline_ignores", "internal_finding", "known_names_of", "lint_draft", "reaches", "resolve_jobs",
    "resolve_languages", "select_rules", "strip_markers",
]

FAIL_ON = ("error", "warning", "never")
#: The rule name of a finding that says a rule failed (:func:`internal_finding`).
INTERNAL = "internal"
IGNORE_FILE = ".glossaryignore"

#: Rule names in a marker: letters, digits and ``_`` (a plugin may name its rule ``my_rule2``).
_RULE_LIST = r"[A-Za-z0-9_*]+(?:\s*,\s*[A-Za-z0-9_*]+)*"
_MARKER = re.compile(
    r"(?:<!--\s*)?glossary[-:]ignore"
    rf"(?:\[\s*(?P<bracket>{_RULE_LIST})?\s*\]|\s*:\s*(?P<colon>{_RULE_LIST}))?"
    r"(?:\s*-->)?"
)


@dataclass
class LintResult:
    findings: list[Finding]
    segments_checked: int
    #: Findings by rule, after ignores.
    counts: dict[str, int] = field(default_factory=dict)
    #: Findings silenced by markers or the ignore file.
    suppressed: int = 0
    source_lang: str | None = None
    target_lang: str | None = None

    def reaches(self, fail_on: str) -> bool:
        return reaches(self.findings, fail_on)


def reaches(findings: Iterable[Finding], fail_on: str) -> bool:
    """True when a finding is at or above ``fail_on`` (``never``: never)."""
    if fail_on == "never":
        return False
    floor = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK.get(f.severity, 0) >= floor for f in findings)


def select_rules(only: str | Iterable[str] | None = None, disable: str | Iterable[str] | None = None) -> set[str]:
    """The rules to run from ``--rules`` and ``--disable`` values; unknown names are an error.

    Without ``--rules``, every rule that is on by default (``default``).
    """
    known = RULES.names()
    chosen = set(_names(only)) if only else {rule.name for rule in RULES if rule.default}
    off = set(_names(disable)) if disable else set()
    for name in sorted(chosen | off):
        if name not in known:
            raise InputError(
                _("unknown rule {name!r}; the rules are: {rules}").format(name=name, rules=", ".join(known))
            )
    return chosen - off


def _names(value: str | Iterable[str]) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    return [n.strip() for item in items for n in item.split(",") if n.strip()]


# -- inline markers ---------------------------------------------------------


def inline_ignores(segment: Segment) -> set[str] | None:
    """Rules silenced by markers in the segment (``{'*'}`` for all), or None."""
    found: set[str] = set()
    any_marker = False
    for text in (segment.source, segment.target, *segment.notes):
        if not text or "glossary" not in text:
            continue  # every marker spells it: most texts are skipped in one scan
        for m in _MARKER.finditer(text):
            any_marker = True
            names = m.group("bracket") or m.group("colon")
            if names:
                found.update(n.strip().lower() for n in names.split(","))
            else:
                found.add("*")
    return found if any_marker else None


def strip_markers(text: str) -> str:
    return _MARKER.sub("", text).strip() if "ignore" in text else text


# -- ignore file ------------------------------------------------------------


@dataclass(frozen=True)
class IgnoreEntry:
    rule: str
    glob: str | None = None
    #: ``(first, last)`` line range, or None.
    lines: tuple[int, int] | None = None
    unit: str | None = None
    source_term: str | None = None


class IgnoreRules:
    """The entries of one ignore file (see the module docstring for the syntax)."""

    def __init__(self, entries: Iterable[IgnoreEntry] = (), base: Path | None = None, path: str | None = None):
        self.entries = list(entries)
        self.base = base
        self.path = path

    @classmethod
    def parse(cls, text: str, *, path: str = IGNORE_FILE, base: Path | None = None) -> IgnoreRules:
        entries = []
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split(" #")[0].strip() if not raw.lstrip().startswith("#") else ""
            if not line:
                continue
            entries.append(_parse_entry(line, path, number))
        return cls(entries, base=base, path=path)

    @classmethod
    def load(cls, path: str | Path) -> IgnoreRules:
        p = Path(path)
        if not p.is_file():
            raise InputError(_("no such ignore file"), file=str(p))
        return cls.parse(read_text(p), path=str(p), base=p.resolve().parent)

    @staticmethod
    def nearest(draft_path: str | Path) -> Path | None:
        """The ``.glossaryignore`` nearest to the draft (its directory, then parents), if any."""
        start = Path(draft_path).resolve()
        for folder in [start.parent, *start.parent.parents]:
            candidate = folder / IGNORE_FILE
            if candidate.is_file():
                return candidate
        return None

    @classmethod
    def discover(cls, draft_path: str | Path) -> IgnoreRules | None:
        """The rules of the ``.glossaryignore`` nearest to the draft."""
        nearest = cls.nearest(draft_path)
        return cls.load(nearest) if nearest is not None else None

    def matches(self, finding: Finding) -> bool:
        return any(self._entry_matches(e, finding) for e in self.entries)

    def _entry_matches(self, entry: IgnoreEntry, finding: Finding) -> bool:
        if entry.rule != "*" and entry.rule != finding.rule:
            return False
        if entry.source_term is not None:
            if finding.source_term is None or _term_key(finding.source_term) != entry.source_term:
                return False
        if entry.glob is not None and not self._glob_matches(entry.glob, finding.file):
            return False
        if entry.lines is not None:
            if finding.line is None or not entry.lines[0] <= finding.line <= entry.lines[1]:
                return False
        if entry.unit is not None and finding.unit != entry.unit:
            return False
        return True

    def _glob_matches(self, glob: str, file: str) -> bool:
        path = Path(file)
        candidates = [path.as_posix()]
        if self.base is not None:
            try:
                candidates.append(path.resolve().relative_to(self.base).as_posix())
            except (ValueError, OSError):
                pass
        if "/" not in glob:
            candidates.append(path.name)
        return any(fnmatch.fnmatchcase(c, glob) for c in candidates)


def _term_key(text: str) -> str:
    lang = "zh-Hans" if HAN.search(text) else "en"
    return normalize_text(text, lang)


def _is_rule(name: str) -> bool:
    """A rule of the registry, ``*``, or ``internal`` (a known rule failure can be silenced too)."""
    return name == "*" or name == INTERNAL or name in RULES


def _parse_entry(line: str, path: str, number: int) -> IgnoreEntry:
    fields = line.split(":")
    if _is_rule(fields[0].strip()):
        term = ":".join(fields[1:]).strip() or None
        return IgnoreEntry(rule=fields[0].strip(), source_term=_term_key(term) if term else None)
    glob, rest = fields[0].strip(), [f.strip() for f in fields[1:]]
    lines = unit = None
    if rest and not _is_rule(rest[0]):
        location, rest = rest[0], rest[1:]
        if re.fullmatch(r"\d+", location):
            lines = (int(location), int(location))
        elif re.fullmatch(r"\d+-\d+", location):
            first, last = location.split("-")
            lines = (int(first), int(last))
        else:
            unit = location
    if not rest or not _is_rule(rest[0]):
        raise InputError(
            _("expected a rule name ({rules} or *) in {entry!r}").format(rules=", ".join(RULES.names()), entry=line),
            file=path,
            line=number,
        )
    term = ":".join(rest[1:]).strip() or None
    return IgnoreEntry(
        rule=rest[0], glob=glob or None, lines=lines, unit=unit, source_term=_term_key(term) if term else None
    )


# -- languages ----------------------------------------------------------------


def resolve_languages(
    sources: list[str], targets: list[str], source_lang: str | None, target_lang: str | None
) -> tuple[str, str]:
    """The draft's languages: :func:`glossary.lang.decide_languages`, the one decision for check and lint."""
    return decide_languages(sources, targets, source_lang, target_lang)


# -- running the rules ----------------------------------------------------------


class SegmentChecker:
    """The registry's rules chosen for a run, set up once: checks one segment at a time."""

    def __init__(
        self,
        index: TermIndex,
        source_lang: str,
        target_lang: str,
        rules: set[str],
        known_names: Mapping[str, str] | None = None,
    ) -> None:
        self.run = RunContext(index, source_lang, target_lang, known_names)
        chosen = [rule for rule in RULES if rule.name in rules]
        self.segment_rules: list[SegmentRule] = [r for r in chosen if r.scope == "segment"]
        self.draft_rules: list[DraftRule] = [r for r in chosen if r.scope == "draft"]
        #: rule name -> its ``explains(finding, other)`` hook.
        self._explains: dict[str, Callable[[Finding, Finding], bool]] = {
            r.name: r.explains for r in self.segment_rules if callable(getattr(r, "explains", None))
        }
        #: (source, target, flags) -> the pair masked, for the segments :meth:`expect` was told of.
        self._masked: dict[tuple[str, str, tuple[str, ...]], tuple[str, str]] = {}

    @property
    def index(self) -> TermIndex:
        return self.run.index

    def prepare(self) -> None:
        """Build now what the first segments would build lazily (before worker processes fork)."""
        self.index.prepare()
        if self.run.chinese:
            self.index.segmenter().prepare()
        for rule in [*self.segment_rules, *self.draft_rules]:
            hook = getattr(rule, "prepare", None)
            if callable(hook):
                hook(self.run)
        # Whatever the rules compile or load on their first segment.
        zh, en = "2024年世界标准日在西安举办，靳吉丽报道。", "World Standards Day 2024 was held in Xi'an, by Jing Jili."
        _findings, ctx = self.check(*((zh, en) if is_chinese_lang(self.run.source_lang) else (en, zh)))
        self.gather(ctx)

    def expect(self, segments: Iterable[Segment]) -> None:
        """Tell the index which texts the next segments will have it search (:meth:`TermIndex.expect`).

        The masked texts the rules read are kept for :meth:`check`, which
        would mask them again; a segment left untranslated is not searched.
        """
        sources: list[str] = []
        targets: list[str] = []
        self._masked = {}
        for segment in segments:
            source, target, _silenced = _pair(segment)
            if not target.strip():
                continue
            pair = masked(source, segment.flags), masked(target, segment.flags)
            self._masked[(source, target, segment.flags)] = pair
            sources.append(pair[0])
            targets.append(pair[1])
        self.index.expect(sources, self.run.source_lang)
        self.index.expect(targets, self.run.target_lang)

    def check(
        self, source: str, target: str, place: Place | None = None, flags: tuple[str, ...] = ()
    ) -> tuple[list[Finding], SegmentContext]:
        """Findings of the segment rules on one pair, and the segment's context (for :meth:`gather`).

        The rules read the pair with its non-translatable spans blanked out
        (:func:`glossary.text.mask.masked`, the placeholders those of the
        message's ``flags``), offsets kept; the raw texts stay on the context.
        A target that is empty or the source itself (untranslated, or code
        kept as it is) is left to the rules that say they judge such segments
        (``untranslated = True``): term, name and number rules have nothing
        to compare there.  A rule that raises is reported as an ``internal``
        finding of the segment, and the other rules' findings are kept.
        """
        pair = self._masked.pop((source, target, flags), None)
        if pair is None:
            pair = masked(source, flags), masked(target, flags)
        ctx = SegmentContext(
            self.run, pair[0], pair[1], place,
            raw_source=source, raw_target=target, flags=flags,
        )  # fmt: skip
        untranslated = not target.strip() or target.strip() == source.strip()
        findings: list[Finding] = []
        for rule in self.segment_rules:
            if untranslated and not getattr(rule, "untranslated", False):
                continue
            try:
                findings += rule.check(ctx)
            except Exception as exc:  # noqa: BLE001 - one rule's bug must not lose the report
                findings.append(internal_finding(rule.name, exc))
        return self._dedupe(findings), ctx

    def gather(self, ctx: SegmentContext) -> tuple[Any, ...]:
        """What each draft rule needs of this segment, in :attr:`draft_rules` order.

        A rule whose ``gather`` raises gathers None for this segment, and its
        pass is then not fed that segment (:func:`_collect`).
        """
        gathered: list[Any] = []
        for rule in self.draft_rules:
            try:
                gathered.append(rule.gather(ctx))
            except Exception as exc:  # noqa: BLE001 - see check()
                gathered.append(_Failed(internal_finding(rule.name, exc)))
        return tuple(gathered)

    def start(self) -> list[DraftPass]:
        """One pass per draft rule, for a new draft."""
        return [rule.start(self.run) for rule in self.draft_rules]

    def _dedupe(self, findings: list[Finding]) -> list[Finding]:
        """One error, one finding: drop a finding that another finding of the segment explains
        (a deprecated wording explains the missing term of its concept; a name the base knows
        is reported by ``term``, not again by ``name``: the rules' ``explains`` hooks say so)."""
        if not self._explains or len(findings) < 2:
            return findings
        explainers = [(f, self._explains[f.rule]) for f in findings if f.rule in self._explains]
        if not explainers:
            return findings
        return [g for g in findings if not any(f is not g and explains(f, g) for f, explains in explainers)]


@dataclass(frozen=True)
class _Failed:
    """What a draft rule gathered when its ``gather`` raised: the finding that says so."""

    finding: Finding


def internal_finding(rule: str, exc: BaseException) -> Finding:
    """The finding of a rule that raised: an error naming the rule and the exception, in one line."""
    detail = " ".join(str(exc).split())[:200]
    return Finding(
        rule=INTERNAL,
        severity="error",
        message=_("rule {rule} failed on this segment: {error}").format(
            rule=rule, error=f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
        ),
        file="",
    )


def check_pair(
    source: str,
    target: str,
    source_lang: str | None,
    target_lang: str | None,
    index: TermIndex,
    *,
    rules: set[str] | None = None,
    known_names: Mapping[str, str] | None = None,
    file: str = "-",
) -> list[Finding]:
    """Check one translation (``glossary check``): every segment rule (draft rules need a draft).

    The languages are told from the texts without their code (``使用 MERGE_HEAD``
    is Chinese: ``MERGE_HEAD`` says nothing).
    """
    s_lang, t_lang = resolve_languages([masked(source)], [masked(target)], source_lang, target_lang)
    chosen = select_rules() if rules is None else set(rules)
    active = {rule.name for rule in RULES if rule.name in chosen and rule.scope == "segment"}
    segment = Segment(source=source, target=target, file=file)
    silenced = inline_ignores(segment)
    if silenced is not None:
        if "*" in silenced:
            return []
        active -= silenced
        source, target = strip_markers(source), strip_markers(target)
    checker = SegmentChecker(index, s_lang, t_lang, active, known_names)
    findings, _ctx = checker.check(source, target, Place(file))
    for f in findings:
        _locate(f, segment, source, target)
    return findings


def _locate(finding: Finding, segment: Segment, source: str, target: str) -> None:
    finding.file = finding.file or segment.file
    if finding.line is None:
        finding.line = segment.line
    if finding.unit is None:
        finding.unit = segment.unit
    finding.source = finding.source or source
    finding.target = finding.target or target


def lint_draft(
    draft: Draft,
    index: TermIndex,
    *,
    rules: set[str] | None = None,
    ignore: IgnoreRules | None = None,
    known_names: Mapping[str, str] | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    jobs: int = 1,
) -> LintResult:
    """Lint every segment of ``draft``; ``source_lang``/``target_lang`` override the draft's.

    ``jobs`` > 1 checks the segments in that many worker processes (0: one per
    CPU); the findings are the same, in the same order, as with ``jobs=1``.
    """
    active = select_rules() if rules is None else set(rules)
    s_lang, t_lang = resolve_languages(
        [s.source for s in draft.segments],
        [s.target for s in draft.segments],
        source_lang or draft.source_lang,
        target_lang or draft.target_lang,
    )
    checker = SegmentChecker(index, s_lang, t_lang, active, known_names)
    # A rule's ``learn(run, pairs)`` hook reads the whole draft before its segments are checked
    # (``term`` learns the draft's own labels, Key Pair -> 密钥对); run before workers fork.
    for rule in checker.segment_rules:
        learn = getattr(rule, "learn", None)
        if callable(learn) and draft.segments:
            learn(checker.run, [(s.source, s.target) for s in draft.segments])
    workers = resolve_jobs(jobs)
    if workers > 1 and len(draft.segments) > 1 and can_fork():
        checked: Iterable[_Checked | None] = _check_parallel(checker, draft.segments, workers)
    else:
        checked = _check_in_order(checker, draft.segments)
    with collector_paused():
        findings, suppressed = _collect(checker, draft.segments, checked, ignore)
    # A rule's ``notices(run)`` hook: findings once per draft, before its segments' (a Traditional
    # draft compared with a Simplified base through conversion).
    notices = [f for r in checker.segment_rules if callable(getattr(r, "notices", None)) for f in r.notices(checker.run)]
    for notice in reversed(notices if draft.segments else []):
        notice.file = notice.file or draft.segments[0].file
        if ignore is not None and ignore.matches(notice):
            suppressed += 1
        else:
            findings.insert(0, notice)
    counts = Counter(f.rule for f in findings)
    names = [*RULES.names(), *(rule for rule in counts if rule not in RULES)]
    return LintResult(
        findings=findings,
        segments_checked=len(draft.segments),
        counts={rule: counts[rule] for rule in names if counts[rule]},
        suppressed=suppressed,
        source_lang=s_lang,
        target_lang=t_lang,
    )



def _collect(
    checker: SegmentChecker,
    segments: list[Segment],
    checked: Iterable[_Checked | None],
    ignore: IgnoreRules | None,
) -> tuple[list[Finding], int]:
    """Feed the draft rules in draft order and apply the ignores; findings in draft order."""
    findings: list[Finding] = []
    suppressed = 0
    passes = checker.start()
    for segment, result in zip(segments, checked, strict=True):
        if result is None:
            continue  # untranslated: nothing to check yet
        seg_findings, gathered, source, target, silenced = result
        if passes:
            # A draft pass reports whole segments and quotes them: it gets them as written
            # (what it needs of the masked pair, its ``gather`` read in :meth:`SegmentChecker.check`).
            place = Place(segment.file, segment.line, segment.unit)
            ctx = SegmentContext(checker.run, source, target, place, flags=segment.flags)
            for draft_pass, data, rule in zip(passes, gathered, checker.draft_rules, strict=True):
                if isinstance(data, _Failed):
                    seg_findings.append(data.finding)
                    continue
                try:
                    seg_findings += draft_pass.add(ctx, data)
                except Exception as exc:  # noqa: BLE001 - see SegmentChecker.check
                    seg_findings.append(internal_finding(rule.name, exc))
        for f in seg_findings:
            _locate(f, segment, source, target)
            if silenced is not None and ("*" in silenced or f.rule in silenced):
                suppressed += 1
            elif ignore is not None and ignore.matches(f):
                suppressed += 1
            else:
                findings.append(f)
    for draft_pass, rule in zip(passes, checker.draft_rules, strict=True):
        try:
            finished = draft_pass.finish()
        except Exception as exc:  # noqa: BLE001 - see SegmentChecker.check
            finished = [internal_finding(rule.name, exc)]
            finished[0].file = segments[-1].file if segments else ""
        for f in finished:
            if ignore is not None and ignore.matches(f):
                suppressed += 1
            else:
                findings.append(f)
    return findings, suppressed


# -- one segment, and many in worker processes ----------------------------------

#: What checking one segment gives the draft-wide pass: the segment rules' findings,
#: what each draft rule gathered (:meth:`SegmentChecker.gather`), the texts checked
#: and the silenced rules.
_Checked = tuple[list[Finding], tuple[Any, ...], str, str, set[str] | None]


def _pair(segment: Segment) -> tuple[str, str, Any]:
    """A segment's source and target as the rules get them (markers stripped), and what its markers silence."""
    source, target = segment.source, segment.target
    silenced = inline_ignores(segment)
    if silenced is not None:
        source, target = strip_markers(source), strip_markers(target)
    return source, target, silenced


def _check_segment(checker: SegmentChecker, segment: Segment) -> _Checked | None:
    source, target, silenced = _pair(segment)
    if not target.strip():
        return None  # not translated yet: the catalog's own workflow tracks it
    place = Place(segment.file, segment.line, segment.unit)
    seg_findings, ctx = checker.check(source, target, place, segment.flags)
    return seg_findings, checker.gather(ctx), source, target, silenced


def resolve_jobs(jobs: int) -> int:
    """``--jobs``: 0 means one worker per CPU; never fewer than one."""
    if jobs < 0:
        raise InputError(_("--jobs must be 0 (one per CPU) or more, not {jobs}").format(jobs=jobs))
    if jobs == 0:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return jobs


def can_fork() -> bool:
    """Workers inherit the built index by ``fork``; where it is missing (Windows) or unsafe (macOS,
    :func:`glossary.bulk.fork_safe`) lint runs in one process."""
    return fork_safe()


#: The state a forked worker inherits: set in the parent just before the pool starts.
_WORKER: tuple[SegmentChecker, list[Segment]] | None = None

#: Segments per task: large enough that pickling the results is a small cost, small
#: enough that the workers finish together.
CHUNK = 1000


def _check_chunk(bounds: tuple[int, int]) -> list[_Checked | None]:
    assert _WORKER is not None, "worker started without the parent's checker"
    checker, segments = _WORKER
    checker.expect(segments[bounds[0] : bounds[1]])
    return [_check_segment(checker, segments[i]) for i in range(*bounds)]


def _check_in_order(checker: SegmentChecker, segments: list[Segment]) -> Iterator[_Checked | None]:
    """Check the segments one by one, telling the index about each :data:`CHUNK` of them first."""
    for start in range(0, len(segments), CHUNK):
        part = segments[start : start + CHUNK]
        checker.expect(part)
        for segment in part:
            yield _check_segment(checker, segment)


def _check_parallel(
    checker: SegmentChecker, segments: list[Segment], workers: int
) -> Iterable[_Checked | None]:
    """Check ``segments`` in ``workers`` forked processes, yielding the results in draft order.

    Everything costly to set up (the automata, jieba's lexicon, the name
    rule's tables) is built here first, so the workers share it copy-on-write
    instead of each building its own.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    checker.prepare()
    n = len(segments)
    size = max(1, min(CHUNK, -(-n // (workers * 4))))
    chunks = [(i, min(i + size, n)) for i in range(0, n, size)]
    _WORKER = (checker, segments)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
            for part in pool.map(_check_chunk, chunks):
                yield from part
    finally:
        _WORKER = None
