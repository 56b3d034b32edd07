"""The lint engine: run the rules over a draft's segments.

Rules (``RULES``): ``term``, ``deprecated``, ``name``, ``number``,
``latin`` and ``consistency``; each can be turned off (``disable``) or the
run limited to some (``rules``).  ``name`` and ``number`` live in their own
modules and are imported when first needed, so this engine also runs where
they are absent (they then report nothing).

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
import gc
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from glossary.checks.base import SEVERITY_RANK, Finding
from glossary.checks.consistency import ConsistencyTracker, Place, TermUseKey, use_keys
from glossary.checks.latin import check_latin
from glossary.checks.terms import analyse, check_deprecated, check_terms
from glossary.drafts.base import Draft, Segment
from glossary.errors import InputError
from glossary.i18n import _
from glossary.match import TermIndex, is_chinese_lang
from glossary.model import normalize_text

RULES = ("term", "deprecated", "name", "number", "latin", "consistency")
#: Rules that need the whole draft; ``check`` (one pair) leaves them out.
DRAFT_RULES = ("consistency",)
FAIL_ON = ("error", "warning", "never")
IGNORE_FILE = ".glossaryignore"

_RULE_LIST = r"[A-Za-z*]+(?:\s*,\s*[A-Za-z*]+)*"
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
    """The rules to run from ``--rules`` and ``--disable`` values; unknown names are an error."""
    chosen = set(_names(only)) if only else set(RULES)
    off = set(_names(disable)) if disable else set()
    for name in chosen | off:
        if name not in RULES:
            raise InputError(
                _("unknown rule {name!r}; the rules are: {rules}").format(name=name, rules=", ".join(RULES))
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
        for m in _MARKER.finditer(text or ""):
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
        from glossary.text.decode import read_text

        p = Path(path)
        if not p.is_file():
            raise InputError(_("no such ignore file"), file=str(p))
        return cls.parse(read_text(p), path=str(p), base=p.resolve().parent)

    @classmethod
    def discover(cls, draft_path: str | Path) -> IgnoreRules | None:
        """The ``.glossaryignore`` nearest to the draft (its directory, then parents)."""
        start = Path(draft_path).resolve()
        for folder in [start.parent, *start.parent.parents]:
            candidate = folder / IGNORE_FILE
            if candidate.is_file():
                return cls.load(candidate)
        return None

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
    lang = "zh-Hans" if re.search(r"[\u3400-\u9fff]", text) else "en"
    return normalize_text(text, lang)


def _is_rule(name: str) -> bool:
    return name == "*" or name in RULES


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
            _("expected a rule name ({rules} or *) in {entry!r}").format(rules=", ".join(RULES), entry=line),
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
    from glossary.lang import decide_languages

    return decide_languages(sources, targets, source_lang, target_lang)


# -- running the rules ----------------------------------------------------------


RuleFunc = Callable[..., list[Finding]]


def _optional_rule(module: str, name: str) -> RuleFunc | None:
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def known_names_of(index: TermIndex) -> dict[str, str]:
    """Person names of the base, Chinese -> English, for the ``name`` rule."""
    names: dict[str, str] = {}
    for concept in index.concepts.values():
        if concept.type != "person":
            continue
        zh = next((t for t in concept.terms if is_chinese_lang(t.lang)), None)
        en = concept.preferred("en")
        if zh is not None and en is not None:
            names[zh.text] = en.text
    return names


class SegmentChecker:
    """The per-segment rules, set up once for a run."""

    def __init__(
        self,
        index: TermIndex,
        source_lang: str,
        target_lang: str,
        rules: set[str],
        known_names: Mapping[str, str] | None = None,
    ) -> None:
        self.index = index
        self.source_lang = source_lang
        self.target_lang = target_lang
        self.rules = rules
        self.names = _optional_rule("glossary.checks.names", "check_names") if "name" in rules else None
        self.numbers = _optional_rule("glossary.checks.numbers", "check_numbers") if "number" in rules else None
        if self.names is not None and known_names is None:
            known_names = known_names_of(index)
        self.known_names = known_names

    def prepare(self) -> None:
        """Build now what the first segments would build lazily (before worker processes fork)."""
        self.index.prepare()
        if is_chinese_lang(self.source_lang) or is_chinese_lang(self.target_lang):
            self.index.segmenter().prepare()
            if self.names is not None:
                from glossary.segment import default_segmenter

                default_segmenter().prepare()
        # Whatever the rules compile or load on their first segment.
        zh, en = "2024年世界标准日在西安举办，靳吉丽报道。", "World Standards Day 2024 was held in Xi'an, by Jing Jili."
        self.check(*((zh, en) if is_chinese_lang(self.source_lang) else (en, zh)))

    def check(self, source: str, target: str):
        """Findings of one pair, and the term analysis (for ``consistency``)."""
        s_lang, t_lang = self.source_lang, self.target_lang
        need_terms = self.rules & {"term", "deprecated", "consistency"}
        analysis = analyse(source, target, s_lang, t_lang, self.index) if need_terms else None
        findings: list[Finding] = []
        if "term" in self.rules:
            findings += check_terms(source, target, s_lang, t_lang, self.index, analysis)
        if "deprecated" in self.rules:
            findings += check_deprecated(source, target, s_lang, t_lang, self.index, analysis)
        if self.names is not None:
            findings += self.names(source, target, s_lang, t_lang, self.known_names)
        if self.numbers is not None:
            findings += self.numbers(source, target, s_lang, t_lang)
        if "latin" in self.rules:
            findings += check_latin(source, target, s_lang, t_lang, self.index)
        return _dedupe(findings), analysis


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One error, one finding: a deprecated wording explains the missing term of the
    same concept, and a name the base knows is reported by ``term``, not ``name``."""
    deprecated = {f.concept for f in findings if f.rule == "deprecated" and f.concept}
    term_sources = {f.source_term for f in findings if f.rule == "term" and f.source_term}
    kept = []
    for f in findings:
        if f.rule == "term" and f.concept in deprecated:
            continue
        if f.rule == "name" and f.source_term in term_sources:
            continue
        kept.append(f)
    return kept


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
    """Check one translation (``glossary check``): every per-segment rule."""
    s_lang, t_lang = resolve_languages([source], [target], source_lang, target_lang)
    active = (set(RULES) if rules is None else set(rules)) - set(DRAFT_RULES)
    segment = Segment(source=source, target=target, file=file)
    silenced = inline_ignores(segment)
    if silenced is not None:
        if "*" in silenced:
            return []
        active -= silenced
        source, target = strip_markers(source), strip_markers(target)
    checker = SegmentChecker(index, s_lang, t_lang, active, known_names)
    findings, _analysis = checker.check(source, target)
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
    active = set(RULES) if rules is None else set(rules)
    s_lang, t_lang = resolve_languages(
        [s.source for s in draft.segments],
        [s.target for s in draft.segments],
        source_lang or draft.source_lang,
        target_lang or draft.target_lang,
    )
    checker = SegmentChecker(index, s_lang, t_lang, active, known_names)
    tracker = ConsistencyTracker(s_lang, t_lang) if "consistency" in active else None
    workers = resolve_jobs(jobs)
    if workers > 1 and len(draft.segments) > 1 and _can_fork():
        checked: Iterable[_Checked | None] = _check_parallel(checker, draft.segments, workers)
    else:
        checked = (_check_segment(checker, segment) for segment in draft.segments)
    with _collector_paused():
        findings, suppressed = _collect(draft.segments, checked, tracker, ignore)
    counts = Counter(f.rule for f in findings)
    return LintResult(
        findings=findings,
        segments_checked=len(draft.segments),
        counts={rule: counts[rule] for rule in RULES if counts[rule]},
        suppressed=suppressed,
        source_lang=s_lang,
        target_lang=t_lang,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while segments are checked.

    Checking allocates many short-lived objects and almost no reference
    cycles, so the collector's passes (7-10% of a lint) find nothing; its
    previous state is restored, so a library caller's process is left as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _collect(
    segments: list[Segment],
    checked: Iterable[_Checked | None],
    tracker: ConsistencyTracker | None,
    ignore: IgnoreRules | None,
) -> tuple[list[Finding], int]:
    findings: list[Finding] = []
    suppressed = 0
    for segment, result in zip(segments, checked, strict=True):
        if result is None:
            continue  # untranslated: nothing to check yet
        seg_findings, uses, source, target, silenced = result
        if tracker is not None:
            place = Place(segment.file, segment.line, segment.unit)
            seg_findings += tracker.add(source, target, place, uses)
        for f in seg_findings:
            _locate(f, segment, source, target)
            if silenced is not None and ("*" in silenced or f.rule in silenced):
                suppressed += 1
            elif ignore is not None and ignore.matches(f):
                suppressed += 1
            else:
                findings.append(f)
    return findings, suppressed


# -- one segment, and many in worker processes ----------------------------------

#: What checking one segment gives the draft-wide pass: the per-segment findings,
#: the term uses ``consistency`` needs, the texts checked and the silenced rules.
_Checked = tuple[list[Finding], tuple[TermUseKey, ...] | None, str, str, set[str] | None]


def _check_segment(checker: SegmentChecker, segment: Segment) -> _Checked | None:
    source, target = segment.source, segment.target
    silenced = inline_ignores(segment)
    if silenced is not None:
        source, target = strip_markers(source), strip_markers(target)
    if not target.strip():
        return None
    seg_findings, analysis = checker.check(source, target)
    return seg_findings, use_keys(analysis) if analysis is not None else None, source, target, silenced


def resolve_jobs(jobs: int) -> int:
    """``--jobs``: 0 means one worker per CPU; never fewer than one."""
    if jobs < 0:
        raise InputError(_("--jobs must be 0 (one per CPU) or more, not {jobs}").format(jobs=jobs))
    if jobs == 0:
        import os

        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return jobs


def _can_fork() -> bool:
    """Workers inherit the built index by ``fork``; where there is none (Windows) lint runs in one process."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


#: The state a forked worker inherits: set in the parent just before the pool starts.
_WORKER: tuple[SegmentChecker, list[Segment]] | None = None

#: Segments per task: large enough that pickling the results is a small cost, small
#: enough that the workers finish together.
CHUNK = 1000


def _check_chunk(bounds: tuple[int, int]) -> list[_Checked | None]:
    assert _WORKER is not None, "worker started without the parent's checker"
    checker, segments = _WORKER
    return [_check_segment(checker, segments[i]) for i in range(*bounds)]


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
