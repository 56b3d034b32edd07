"""The library API: everything the ``glossary`` commands do, as Python functions.

Why a module of its own: the CLI is a thin layer over these functions, so a
script, a notebook or a CAT-tool plugin can build, check, lint and exchange
a term base without Click, subprocesses or parsing our human output.  Each
function takes the term base as ``db``: a path (SQLite, or ``.jsonl`` text),
an open :class:`~glossary.store.TermBase`, or ``None`` for ``$GLOSSARY_DB``,
else the shipped term base.  Errors are :class:`~glossary.errors.GlossaryError`
subclasses with the file and line and the CLI's exit status, never a
traceback from deep inside.

>>> from glossary import api
>>> [finding.rule for finding in api.check("她穿着和服", "She wore a dress", db=LINT_TERMS)]
['term']

(``LINT_TERMS`` stands for ``tests/fixtures/lint_terms.jsonl`` in these
examples; the doctests run from the test suite.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from glossary.checks.base import Finding
from glossary.drafts.base import Draft
from glossary.errors import InputError
from glossary.i18n import _
from glossary.lang import normalize
from glossary.lint import IgnoreRules, LintResult, check_pair, lint_draft, select_rules
from glossary.match import TermIndex, index_key, load_index, save_index
from glossary.model import Concept
from glossary.output import atomic_output
from glossary.registry import lazy_module
from glossary.store import SHIPPED_PATH, TermBase
from glossary.store import open_termbase as _open_termbase
from glossary.store.base import Change
from glossary.store.sqlite import SQLiteTermBase
from glossary.store.upgrade import warn_if_outdated

if TYPE_CHECKING:  # the real modules for the types; at run time the lazy handles below
    from glossary import baseline as _baseline
    from glossary import build as _build
    from glossary import config as _config
    from glossary import edit as editing
    from glossary import extract as _extracting
    from glossary import formats as _formats
    from glossary import project as _project
    from glossary import report as _report
    from glossary.build import BuildReport
    from glossary.config import Config
    from glossary.drafts import readers as _readers
    from glossary.extract import ExtractResult
    from glossary.extract import write as _extract_write
    from glossary.formats.importing import ImportReport
    from glossary.formats.validate import ValidationResult
    from glossary.project import ProjectResult, Target
else:
    # Loaded when a function first needs them: ``glossary check`` (the most
    # frequent caller) needs only the term base, the matcher and the rules,
    # not the corpus parsers of build, the exchange formats, the extractor,
    # the editor or a project's configuration (tests/test_cli_startup.py).
    _baseline = lazy_module("glossary.baseline")
    _build = lazy_module("glossary.build")
    _config = lazy_module("glossary.config")
    editing = lazy_module("glossary.edit")
    _extracting = lazy_module("glossary.extract")
    _extract_write = lazy_module("glossary.extract.write")
    _formats = lazy_module("glossary.formats")
    _project = lazy_module("glossary.project")
    _readers = lazy_module("glossary.drafts.readers")
    _report = lazy_module("glossary.report")

__all__ = [
    "add",
    "build",
    "check",
    "deprecate",
    "edit",
    "export",
    "extract",
    "history",
    "import_",
    "lint",
    "lint_project",
    "merge",
    "open_termbase",
    "project_targets",
    "read_draft",
    "remove",
    "validate",
]

def open_termbase(path: str | Path | None = None, *, create: bool = False, readonly: bool = False) -> TermBase:
    """Open a term base, to read it concept by concept or to pass it to the other functions.

    ``path`` ending in ``.jsonl`` is a text term base, anything else SQLite;
    ``None`` is ``$GLOSSARY_DB``, else the shipped one.  Use it as a context
    manager so it is closed (and a ``.jsonl`` one written back) at the end.

    >>> with api.open_termbase(LINT_TERMS, readonly=True) as tb:
    ...     sorted(c.preferred("zh-Hans").text for c in tb.iter_concepts())[:2]
    ['世界标准日', '以旧换新']
    """
    return _open_termbase(path, create=create, readonly=readonly)


@contextmanager
def _opened(db: str | Path | TermBase | None, **how: bool) -> Iterator[TermBase]:
    """``db`` as an open term base; one this function opened is closed afterwards."""
    if isinstance(db, TermBase):
        yield db
        return
    with open_termbase(db, **how) as tb:
        yield tb


def _index(db: str | Path | TermBase | TermIndex | None) -> TermIndex:
    if isinstance(db, TermIndex):
        return db
    with _opened(db, readonly=True) as tb:
        warn_if_outdated(tb, index_key())  # a large base an older glossary wrote: suggest reindex
        return load_index(tb)


def _keep_index(tb: TermBase) -> None:
    """Store the matching index with an SQLite term base after a write (see match.save_index).

    Not for a ``.jsonl`` text term base: it is for review in pull requests,
    and a derived file beside it would travel into every checkout.  Any
    size: the stored index is written from the streamed concepts, holding
    only their keys (see bench/bench_scale.py for the cost at a million).
    """
    if isinstance(tb, SQLiteTermBase) and not tb._readonly:
        with tb.transaction():
            save_index(tb)
            tb.index_for_search()


def _language(tag: str | None) -> str | None:
    return normalize(tag) if tag else None


def build(
    paths: Sequence[str | Path],
    db: str | Path | TermBase | None,
    *,
    encoding: str | None = None,
    align: bool = True,
    fresh: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Read bilingual documents and merge their pairs into the term base ``db``.

    ``db`` is required (``None`` is refused): the shipped term base changes
    only when it is rebuilt on purpose, by naming it.  Every file is read
    before the first write, so a bad file leaves the term base as it was;
    ``fresh`` replaces the content instead of merging into it.  The report
    counts what was added and merged and lists every name whose pinyin does
    not match its romanization.
    """
    if db is None:
        raise InputError(
            _("give the term base to build with --db PATH (or set GLOSSARY_DB); the shipped one is {path}").format(
                path=SHIPPED_PATH
            )
        )
    with _opened(db, create=True) as tb:
        report = _build.build(tb, list(paths), encoding=encoding, align=align, fresh=fresh, progress=progress)
        _keep_index(tb)
        return report


def check(
    source: str,
    target: str,
    *,
    db: str | Path | TermBase | TermIndex | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    rules: str | Iterable[str] | None = None,
    disable: str | Iterable[str] | None = None,
) -> list[Finding]:
    """Check one translation against the term base; the findings, empty when it is clean.

    Languages not given are decided from the script of the texts, the same
    way ``lint`` decides them for a draft.  ``rules`` keeps only some rules
    and ``disable`` turns some off (names or a comma-separated string); an
    unknown name is an :class:`~glossary.errors.InputError`.  For many pairs,
    pass a :class:`~glossary.match.TermIndex` as ``db`` to load the term
    base once (or lint them as one draft).

    >>> api.check("她穿着和服", "She wore a kimono", db=LINT_TERMS)
    []
    """
    active = select_rules(rules, disable)
    s_lang, t_lang = _language(source_lang), _language(target_lang)
    return check_pair(source, target, s_lang, t_lang, _index(db), rules=active)


def read_draft(
    path: str | Path,
    target_path: str | Path | None = None,
    *,
    input_format: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    encoding: str | None = None,
) -> Draft:
    """Read a translated draft (TSV, two aligned text files, XLIFF, TMX, PO, corpus) into segments.

    The format is detected from the name and content unless ``input_format``
    says it; ``target_path`` is the translation for two line-aligned text
    files.  Languages come from the arguments, else the file, else the
    script of the text, so a TSV and an XLIFF of one translation read alike.

    >>> draft = api.read_draft(EXAMPLE_DRAFT)
    >>> draft.format, draft.source_lang, draft.target_lang, len(draft.segments)
    ('tsv', 'zh-Hans', 'en', 10)
    """
    return _readers.read_draft(
        path,
        target_path,
        input_format=input_format,
        source_lang=source_lang,
        target_lang=target_lang,
        encoding=encoding,
    )


def lint(
    draft: Draft | str | Path,
    target_path: str | Path | None = None,
    *,
    db: str | Path | TermBase | TermIndex | None = None,
    input_format: str | None = None,
    encoding: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    rules: str | Iterable[str] | None = None,
    disable: str | Iterable[str] | None = None,
    ignore_file: str | Path | None = None,
    use_ignore_file: bool = True,
    jobs: int = 1,
) -> LintResult:
    """Lint a whole draft against the term base: per-segment rules plus consistency.

    ``draft`` is a path (read with :func:`read_draft` and the reading
    arguments) or a :class:`~glossary.drafts.base.Draft` already read.
    Findings silenced inline or by the ``.glossaryignore`` nearest the draft
    (or ``ignore_file``; none with ``use_ignore_file=False``) are left out
    and counted in ``suppressed``.  ``jobs`` > 1 checks in that many
    processes (0: one per CPU) with the same findings in the same order.

    >>> result = api.lint(EXAMPLE_DRAFT)
    >>> result.segments_checked, result.reaches("error")
    (10, True)
    """
    active = select_rules(rules, disable)
    first_file = Path(draft) if isinstance(draft, (str, Path)) else (Path(draft.files[0]) if draft.files else None)
    ignore = None
    if ignore_file is not None:
        ignore = IgnoreRules.load(ignore_file)
    elif use_ignore_file and first_file is not None:
        ignore = IgnoreRules.discover(first_file)
    if isinstance(draft, (str, Path)):
        draft = read_draft(
            draft,
            target_path,
            input_format=input_format,
            source_lang=source_lang,
            target_lang=target_lang,
            encoding=encoding,
        )
        source_lang = target_lang = None  # already applied by the reader
    return lint_draft(
        draft,
        _index(db),
        rules=active,
        ignore=ignore,
        source_lang=_language(source_lang),
        target_lang=_language(target_lang),
        jobs=jobs,
    )


def project_targets(
    paths: Sequence[str] = (), *, config: Config | None = None, target_file: str | None = None
) -> list[Target]:
    """The files ``lint_project`` would lint: paths, directories and globs, minus the excludes.

    ``config`` is the project configuration (default: the one found upwards
    from the current directory, :func:`glossary.config.load_config`).
    """
    return _project.targets_of(config or _config.load_config(), paths, target_file=target_file)


def lint_project(
    targets: Sequence[Target],
    *,
    config: Config | None = None,
    write_baseline: str | Path | None = None,
    fail_fast: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ProjectResult:
    """Lint many files in one call, each in its own language pair, as ``glossary lint PATH...``.

    Every setting comes from ``config`` (term base, languages, rules and
    severities, jobs, cache, baseline); a file that cannot be read is
    reported in ``result.errors`` and the others are still linted
    (``fail_fast`` stops at the first).  With ``write_baseline`` today's
    findings are recorded there (and none is filtered by a baseline).

    >>> from glossary.config import Config
    >>> config = Config()
    >>> config.set("cache", False)
    >>> result = api.lint_project(api.project_targets([EXAMPLE_DRAFT], config=config), config=config)
    >>> result.segments, len(result.findings) > 0, result.errors
    (10, True, [])
    """
    config = config or _config.load_config()
    options = _project.options_of(config)
    db = config["db"]
    cache = _project.cache_of(config, options, str(db) if db else str(SHIPPED_PATH))
    baseline = None
    if config["baseline"] and write_baseline is None:
        baseline = _baseline.Baseline.load(config["baseline"])
    try:
        result = _project.lint_project(
            list(targets),
            lambda: _index(db),
            options=options,
            jobs=config["jobs"],
            cache=cache,
            baseline=baseline,
            root=config.root,
            fail_fast=fail_fast,
            progress=progress,
        )
    finally:
        if cache is not None:
            cache.close()
    if write_baseline is not None:
        _baseline.write_baseline(write_baseline, result.findings, config.root)
    return result


def extract(
    paths: Sequence[str],
    *,
    db: str | Path | TermBase | None = None,
    config: Config | None = None,
    aligner: str = "ibm1",
    min_count: int = 2,
) -> ExtractResult:
    """Propose term pairs from a team's translations (TMX, PO trees, XLIFF, TSV, ...).

    ``paths`` are read like ``glossary lint``'s (files, folders, globs); with
    ``db`` the term base's pairs guide the aligner and ``result.drift`` lists
    its entries the translations mostly do not follow.  See
    :mod:`glossary.extract` for the method.
    """
    config = config or _config.load_config()
    drafts = []
    for target in _project.targets_of(config, paths):
        drafts.append(
            read_draft(
                target.path,
                target.target_path,
                source_lang=config["source-lang"],
                target_lang=config["target-lang"],
                encoding=config["encoding"],
            )
        )
    memory = _extracting.memory_of(drafts)
    if not memory:
        raise InputError(_("no English/Chinese segment pairs to extract terms from"))
    concepts: list[Concept] = []
    if db is not None:
        with _opened(db, readonly=True) as tb:
            concepts = list(tb.iter_concepts())
    return _extracting.extract(memory, concepts=concepts, aligner=aligner, min_count=min_count)


def merge_proposals(result: ExtractResult, db: str | Path | TermBase, *, top: int | None = None) -> int:
    """Add the top proposals to a term base, admitted and flagged ``review``; returns how many were new."""
    proposals = result.proposals[:top] if top else result.proposals
    added = 0
    with _opened(db, create=True) as tb, tb.transaction():
        for concept in _extract_write.proposal_concepts(result, proposals):
            if tb.add(concept, on_conflict="skip") == "added":
                added += 1
    return added


def write_report_file(path: str | Path, findings: list[Finding], format: str = "human", **report: Any) -> None:
    """Write a lint report (any registered report format) to ``path``, atomically."""
    with atomic_output(path, binary=False) as out:
        _report.write_report(findings, out, format, **report)


def export(
    output: str | Path | BinaryIO | None = None,
    *,
    db: str | Path | TermBase | None = None,
    format: str = "tbx",
    langs: Sequence[str] | None = None,
    lang_style: str = "region",
    status_vocab: str = "administrative",
    audience: str = "full",
) -> int:
    """Write the term base for CAT tools and spreadsheets; returns the number of concepts.

    ``format`` is ``tbx`` (TBX-Basic v3), ``tbx2008``, ``csv`` or ``tsv``
    (OmegaT).  ``output`` is a path, written atomically (a failure leaves no
    half-written file), a binary stream, or ``None`` for standard output.
    ``langs`` keeps only those languages, ``lang_style`` writes Chinese as
    ``zh-CN`` (``region``) or ``zh-Hans`` (``script``); ``audience="cat"``
    leaves out provenance, evidence, flags and our ids.  The output is
    deterministic: the same term base gives the same bytes.

    >>> import io
    >>> api.export(io.BytesIO(), db=LINT_TERMS, format="csv")
    16
    """
    wanted = [normalize(tag) for tag in langs or ()]  # unknown codes fail before anything is written
    with _opened(db, readonly=True) as tb:
        if output is not None and not isinstance(output, (str, Path)):
            return _formats.export_concepts(
                tb.iter_concepts(), output, format, langs=wanted or None, lang_style=lang_style,
                status_vocab=status_vocab, audience=audience,
            )
        with atomic_output(output) as out:
            return _formats.export_concepts(
                tb.iter_concepts(), out, format, langs=wanted or None, lang_style=lang_style,
                status_vocab=status_vocab, audience=audience,
            )


def import_(
    path: str | Path,
    db: str | Path | TermBase | None,
    *,
    format: str | None = None,
    on_conflict: str = "merge",
    encoding: str | None = None,
    columns: str | None = None,
    sheet: str | None = None,
    lenient: bool = False,
) -> ImportReport:
    """Read a TBX, TBX 2008, CSV/TSV, OmegaT, PO, XLSX or ODS glossary into the term base ``db``.

    (The trailing underscore because ``import`` is a keyword.)  ``db`` is
    required and created when absent.  ``on_conflict`` says what happens to
    a concept the term base already has: ``merge``, ``skip`` or ``replace``.
    ``columns`` maps a table's columns by hand (``"en,zh,note"``), ``sheet``
    chooses one sheet of a workbook, ``lenient`` keeps the valid entries of
    a TBX file that breaks the structure elsewhere (each skipped one is in
    the report's ``rejected``).  A malformed file raises
    :class:`~glossary.errors.InputError` with its line and leaves the term
    base as it was (a term base this call would have created is not left
    behind); the report lists what was mapped (columns, language codes,
    statuses, pinyin added) and what was rejected.
    """
    if db is None:
        raise InputError(_("give the term base to import into with --db PATH"))
    created = None if isinstance(db, TermBase) or Path(db).exists() else Path(db)
    try:
        with _opened(db, create=True) as tb:
            report = _formats.import_file(
                tb, path, format, on_conflict=on_conflict, encoding=encoding,
                columns=columns, sheet=sheet, lenient=lenient or None,
            )
            _keep_index(tb)
            return report
    except BaseException:
        if created is not None:
            for leftover in (created, *(created.with_name(created.name + s) for s in ("-journal", "-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise


def validate(path: str | Path) -> ValidationResult:
    """Check that a TBX file (ours or a vendor's) is valid TBX-Basic; every problem with its line.

    Runs the official RELAX NG and Schematron when the schemas are found
    (``$GLOSSARY_TBX_SCHEMAS`` or ``../shared/tbx/``), else the built-in
    port of the same rules.

    >>> api.validate(SHIPPED_TBX).ok
    True
    """
    return _formats.validate_tbx(path)


# -- edits (glossary.edit, one transaction each, recorded) ----------------------------------


def _edited(db: str | Path | TermBase | None, what: Callable[[TermBase], Any]) -> Any:
    """Run one edit on ``db``, which must be named: the shipped term base changes only by a rebuild."""
    if db is None:
        raise InputError(
            _("give the term base to edit with --db PATH (or set GLOSSARY_DB); the shipped one is {path}").format(
                path=SHIPPED_PATH
            )
        )
    with _opened(db) as tb:
        return what(tb)


def add(db: str | Path | TermBase | None, terms: list[tuple[str, str]], **options: Any) -> Change:
    """``glossary add``: a new concept of ``(lang, text)`` terms, or with ``to=ID`` terms added to one.

    The options are those of :func:`glossary.edit.add`; returns the recorded change.
    """
    return _edited(db, lambda tb: editing.add(tb, terms, **options))


def edit(db: str | Path | TermBase | None, ref: str, **options: Any) -> Change:
    """``glossary edit``: change a term (text, status, type, part of speech, note) or its concept.

    ``ref`` and the options are those of :func:`glossary.edit.edit`; returns the recorded change.
    """
    return _edited(db, lambda tb: editing.edit(tb, ref, **options))


def deprecate(db: str | Path | TermBase | None, term: str, **options: Any) -> Change:
    """``glossary deprecate``: ``term`` superseded by ``use=``, or deprecated with ``forbid=True``.

    The options are those of :func:`glossary.edit.deprecate`; returns the recorded change.
    """
    return _edited(db, lambda tb: editing.deprecate(tb, term, **options))


def remove(db: str | Path | TermBase | None, ref: str, **options: Any) -> Change:
    """``glossary remove``: a term by its text (its concept goes with its last term), a concept by its id.

    The options are those of :func:`glossary.edit.remove`; returns the recorded change.
    """
    return _edited(db, lambda tb: editing.remove(tb, ref, **options))


def merge(db: str | Path | TermBase | None, keep: str, other: str, **options: Any) -> Change:
    """``glossary merge``: concept ``other`` into ``keep``, whose terms and fields win; ``other`` is removed.

    See :func:`glossary.edit.merge`; returns the change recorded for ``keep``.
    """
    return _edited(db, lambda tb: editing.merge(tb, keep, other, **options))


def history(db: str | Path | TermBase | None = None, ref: str | None = None) -> list[Change]:
    """``glossary history``: the recorded edits, oldest first, of the term base or of one entry.

    ``ref`` is an id or a term's text, as :func:`glossary.edit.history` takes it.
    """
    with _opened(db, readonly=True) as tb:
        return editing.history(tb, ref)
