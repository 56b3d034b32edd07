"""Lint a whole project in one call: many files, one start-up, a cache and a baseline.

This is the library behind ``glossary lint PATH...``.  Each file is read by
its own reader and linted in its own language pair (a tree may hold
``zh_Hans`` and ``zh_Hant`` catalogs side by side); a file that cannot be
read is reported and the others are still linted (``fail_fast`` stops at
the first).  The term base is loaded once, and only when some file is not
answered by the cache, so re-linting an unchanged tree never opens it.
With ``jobs`` > 1 files are linted in forked worker processes that share
the loaded term base; a single large file is split by segments instead.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glossary.baseline import Baseline
from glossary.cache import LintCache, code_identity, file_digest, settings_key, termbase_identity
from glossary.checks import RULES
from glossary.checks.base import Finding
from glossary.config import Config
from glossary.discover import Excludes, expand_paths, gitignore_patterns
from glossary.drafts import READERS
from glossary.drafts.readers import read_draft
from glossary.errors import GlossaryError, InputError
from glossary.i18n import _
from glossary.lang import normalize
from glossary.lint import IgnoreRules, can_fork, lint_draft, resolve_jobs, select_rules
from glossary.match import TermIndex

#: The path that stands for standard input.
STDIN = "-"


@dataclass
class Target:
    """One thing to lint: a file, or a line-aligned source/translation pair."""

    path: Path
    target_path: Path | None = None
    #: Why this path cannot be linted at all (it does not exist, a glob matched nothing).
    missing: InputError | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        return str(self.path) if self.target_path is None else f"{self.path}={self.target_path}"


@dataclass
class LintOptions:
    """The settings that decide findings (all of them go into the cache key)."""

    rules: set[str] | None = None
    severity: Mapping[str, str] = field(default_factory=dict)
    source_lang: str | None = None
    target_lang: str | None = None
    input_format: str | None = None
    encoding: str | None = None
    #: An ignore file for every draft, or None to use each draft's nearest .glossaryignore.
    ignore_file: Path | None = None
    use_ignore_files: bool = True

    def cache_settings(self) -> dict[str, object]:
        ignore_text = ""
        if self.ignore_file is not None:
            try:
                ignore_text = Path(self.ignore_file).read_text(encoding="utf-8", errors="replace")
            except OSError:
                ignore_text = "unreadable"
        return {
            "rules": sorted(self.rules) if self.rules is not None else None,
            "severity": dict(sorted(self.severity.items())),
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "input_format": self.input_format,
            "encoding": self.encoding,
            "ignore_file": ignore_text,
            "use_ignore_files": self.use_ignore_files,
        }


@dataclass
class FileResult:
    name: str
    findings: list[Finding] = field(default_factory=list)
    segments: int = 0
    suppressed: int = 0
    source_lang: str | None = None
    target_lang: str | None = None
    cached: bool = False
    error: GlossaryError | None = None


@dataclass
class ProjectResult:
    files: list[FileResult]
    #: Findings the baseline already knew (not in ``findings``).
    baselined: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def segments(self) -> int:
        return sum(f.segments for f in self.files)

    @property
    def suppressed(self) -> int:
        return sum(f.suppressed for f in self.files)

    @property
    def errors(self) -> list[FileResult]:
        return [f for f in self.files if f.error is not None]

    @property
    def cached(self) -> int:
        return sum(1 for f in self.files if f.cached)


def parse_target(argument: str) -> Target:
    """``source.txt=target.txt`` is a line-aligned pair; anything else one path."""
    if "=" in argument and not Path(argument).exists():
        source, _sep, target = argument.partition("=")
        if source and target:
            return Target(Path(source), Path(target))
    return Target(Path(argument))


def _ignore_for(target: Target, options: LintOptions) -> IgnoreRules | None:
    if options.ignore_file is not None:
        return IgnoreRules.load(options.ignore_file)
    if not options.use_ignore_files or str(target.path) == STDIN:
        return None
    return IgnoreRules.discover(target.path)


def _apply_severity(findings: list[Finding], severity: Mapping[str, str]) -> list[Finding]:
    for finding in findings:
        if finding.rule in severity:
            finding.severity = severity[finding.rule]
    return findings


def _read_stdin(options: LintOptions) -> Path:
    if not options.input_format:
        raise InputError(_("reading standard input needs --input-format"), file=STDIN)
    data = sys.stdin.buffer.read()
    fd, name = tempfile.mkstemp(prefix="glossary-stdin-", suffix=f".{options.input_format}")
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return Path(name)


class _Linter:
    """Lints one target at a time with a term base loaded on first need."""

    def __init__(self, load_index: Callable[[], TermIndex], options: LintOptions, segment_jobs: int) -> None:
        self._load_index = load_index
        self._index: TermIndex | None = None
        self.options = options
        self.segment_jobs = segment_jobs

    @property
    def index(self) -> TermIndex:
        if self._index is None:
            self._index = self._load_index()
        return self._index

    def lint(self, target: Target) -> FileResult:
        result = FileResult(target.name)
        if target.missing is not None:
            result.error = target.missing
            return result
        temp: Path | None = None
        try:
            path = target.path
            if str(path) == STDIN:
                path = temp = _read_stdin(self.options)
            draft = read_draft(
                path,
                target.target_path,
                input_format=self.options.input_format,
                source_lang=self.options.source_lang,
                target_lang=self.options.target_lang,
                encoding=self.options.encoding,
                strict_languages=True,
            )
            if not draft.segments:
                raise InputError(_("no segments to check: the draft is empty"), file=target.name)
            linted = lint_draft(
                draft, self.index, rules=self.options.rules, ignore=_ignore_for(target, self.options),
                jobs=self.segment_jobs,
            )
        except GlossaryError as exc:
            if exc.file is None:
                exc.file = target.name
            elif temp is not None and exc.file == str(temp):
                exc.file = STDIN
            result.error = exc
            return result
        finally:
            if temp is not None:
                temp.unlink(missing_ok=True)
        findings = _apply_severity(linted.findings, self.options.severity)
        if temp is not None:
            for finding in findings:
                finding.file = STDIN
        result.findings = findings
        result.segments = linted.segments_checked
        result.suppressed = linted.suppressed
        result.source_lang, result.target_lang = linted.source_lang, linted.target_lang
        return result


def _digest(target: Target, options: LintOptions) -> str | None:
    """What the file's findings depend on besides the run's settings: its bytes, and the
    ``.glossaryignore`` that applies to it (edited, it must not give stale findings)."""
    if str(target.path) == STDIN:
        return None
    try:
        digest = file_digest(target.path.read_bytes())
        if target.target_path is not None:
            digest += file_digest(target.target_path.read_bytes())
        if options.ignore_file is None and options.use_ignore_files:
            nearest = IgnoreRules.nearest(target.path)
            if nearest is not None:
                digest += file_digest(nearest.read_bytes())
    except OSError:
        return None
    return digest


#: The state forked workers inherit (set just before the pool starts).
_WORKER: _Linter | None = None


def _lint_in_worker(target: Target) -> FileResult:
    assert _WORKER is not None, "worker started without the parent's linter"
    return _WORKER.lint(target)


def lint_project(
    targets: Sequence[Target],
    load_index: Callable[[], TermIndex],
    *,
    options: LintOptions | None = None,
    jobs: int = 1,
    cache: LintCache | None = None,
    baseline: Baseline | None = None,
    root: Path | None = None,
    fail_fast: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ProjectResult:
    """Lint every target; see the module docstring.  Findings come in target order."""
    options = options or LintOptions()
    workers = resolve_jobs(jobs)
    linter = _Linter(load_index, options, workers if len(targets) == 1 else 1)
    results: dict[int, FileResult] = {}
    todo: list[tuple[int, Target, str | None]] = []
    for i, target in enumerate(targets):
        digest = _digest(target, options) if cache is not None else None
        hit = cache.get(target.name, digest) if cache is not None and digest is not None else None
        if hit is not None:
            findings, segments, suppressed = hit
            results[i] = FileResult(target.name, findings, segments, suppressed, cached=True)
            if progress:
                progress(1)
            continue
        todo.append((i, target, digest))
    for i, result in zip((i for i, _t, _d in todo), _run(linter, [t for _i, t, _d in todo], workers, fail_fast, progress), strict=False):
        results[i] = result
    if cache is not None:
        for i, target, digest in todo:
            result = results.get(i)
            if result is not None and result.error is None and digest is not None:
                cache.put(target.name, digest, result.findings, result.segments, result.suppressed)
    files = [results[i] for i in sorted(results)]
    findings = [f for r in files for f in r.findings]
    baselined = 0
    if baseline is not None:
        findings, baselined = baseline.filter(findings, root)
    return ProjectResult(files=files, baselined=baselined, findings=findings)


def _run(
    linter: _Linter,
    targets: list[Target],
    workers: int,
    fail_fast: bool,
    progress: Callable[[int], None] | None,
) -> Iterable[FileResult]:
    if workers > 1 and len(targets) > 1 and not fail_fast and can_fork():
        yield from _run_parallel(linter, targets, workers, progress)
        return
    for target in targets:
        result = linter.lint(target)
        if progress:
            progress(1)
        yield result
        if fail_fast and result.error is not None:
            return


def _run_parallel(
    linter: _Linter, targets: list[Target], workers: int, progress: Callable[[int], None] | None
) -> Iterable[FileResult]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORKER
    linter.index.prepare()
    # Loaded once here and shared by the forked workers, rather than once in each of them.
    linter.index.segmenter().prepare()
    _WORKER = linter
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(workers, len(targets)), mp_context=context) as pool:
            for result in pool.map(_lint_in_worker, targets, chunksize=max(1, len(targets) // (workers * 8))):
                if progress:
                    progress(1)
                yield result
    finally:
        _WORKER = None


# -- from a configuration ---------------------------------------------------------


def targets_of(config: Config, paths: Sequence[str], *, target_file: str | None = None) -> list[Target]:
    """What ``glossary lint PATH...`` lints: the paths given, else the configuration's ``paths``.

    ``source=target`` or ``--target-file`` name a line-aligned pair; a
    directory is walked (readers' extensions, hidden folders skipped, the
    root ``.gitignore`` and the ``exclude`` patterns left out); ``-`` is
    standard input.
    """
    given = list(paths) or list(config["paths"])
    if not given:
        raise InputError(_("give the files or folders to lint (or set paths in the configuration)"))
    if target_file is not None:
        if len(given) != 1:
            raise InputError(_("--target-file pairs with exactly one source file"))
        return [Target(Path(given[0]), Path(target_file))]
    root = config.root
    excludes = Excludes(root, gitignore_patterns(root) + list(config["exclude"]))
    out: list[Target] = []
    plain: list[str] = []
    for argument in given:
        target = parse_target(argument)
        if target.target_path is not None:
            absent = next((side for side in (target.path, target.target_path) if not side.exists()), None)
            if absent is not None:
                target.missing = InputError(_("no such file or directory"), file=str(absent))
            out.append(target)
        else:
            plain.append(argument)
    missing: list[InputError] = []
    # A file found in a folder is taken when a reader claims its extension (collected once, not per file).
    extensions = frozenset(e for reader in READERS for e in reader.extensions)

    def claims(path: Path) -> bool:
        return path.suffix.lower() in extensions

    out.extend(Target(path) for path in expand_paths(plain, claims=claims, excludes=excludes, missing=missing))
    # A path that is not there is reported like a file that cannot be read: the others are still linted.
    out.extend(Target(Path(str(error.file)), missing=error) for error in missing)
    return out


def options_of(config: Config) -> LintOptions:
    rules = select_rules(config["rules"], config["disable"])
    for rule in config["severity"]:
        if rule not in RULES:
            raise InputError(
                _("unknown rule {name!r}; the rules are: {rules}").format(name=rule, rules=", ".join(RULES.names())),
                file=str(config.path) if config.path else None,
            )
    ignore = config["ignore-file"]
    return LintOptions(
        rules=rules,
        severity=dict(config["severity"]),
        source_lang=normalize(config["source-lang"]) if config["source-lang"] else None,
        target_lang=normalize(config["target-lang"]) if config["target-lang"] else None,
        input_format=config["input-format"],
        encoding=config["encoding"],
        ignore_file=Path(ignore) if ignore and ignore != "none" else None,
        use_ignore_files=ignore != "none",
    )


def cache_of(config: Config, options: LintOptions, termbase: str | None) -> LintCache | None:
    """The findings cache for these settings and this term base, or None when turned off."""
    if not config["cache"]:
        return None
    folder = Path(os.environ.get("GLOSSARY_LINT_CACHE") or config.root / config["cache-dir"])
    context = settings_key(
        {**options.cache_settings(), "termbase": termbase_identity(termbase), "code": code_identity()}
    )
    return LintCache(folder, context=context)
