"""``glossary check`` and ``glossary lint``: thin Click layers over :mod:`glossary.lint`.

Exit status (same for both, documented in the README): 0 when no finding
reaches ``--fail-on`` (default ``error``), 1 when one does, 2 for usage
errors and unreadable input, 3 for a missing or broken term base.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from glossary.cli import I18nCommand, I18nOption, db_option
from glossary.i18n import N_

_FORMATS = ("human", "json", "jsonl")


def _common(func: Any) -> Any:
    """Options shared by ``check`` and ``lint``."""
    options = [
        click.option("--source-lang", cls=I18nOption, help=N_("Source language (default: detect by script).")),
        click.option("--target-lang", cls=I18nOption, help=N_("Target language (default: detect by script).")),
        db_option,
        click.option(
            "--format",
            "fmt",
            type=click.Choice(_FORMATS),
            default="human",
            show_default=True,
            cls=I18nOption,
            help=N_("Output: human, json (one array of findings) or jsonl (one finding a line)."),
        ),
        click.option(
            "--fail-on",
            type=click.Choice(["error", "warning", "never"]),
            default="error",
            show_default=True,
            cls=I18nOption,
            help=N_("Exit with status 1 when a finding has this severity or worse."),
        ),
        click.option(
            "--rules",
            metavar="RULES",
            cls=I18nOption,
            help=N_("Run only these rules, comma-separated: term, deprecated, name, number, latin, consistency."),
        ),
        click.option("--disable", metavar="RULES", cls=I18nOption, help=N_("Turn these rules off, comma-separated.")),
        click.option(
            "--color/--no-color",
            "colour",
            default=None,
            cls=I18nOption,
            help=N_("Colour the human output (default: only on a terminal)."),
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def load_index(db: Path | None) -> Any:
    """The term base at ``db`` (default: $GLOSSARY_DB, else the shipped one) as a TermIndex."""
    from glossary.match import TermIndex
    from glossary.store import TermBase

    with TermBase.open(db, readonly=True) as tb:
        return TermIndex(tb.iter_concepts())


def _finish(findings: list[Any], fmt: str, colour: bool | None, fail_on: str, **summary: Any) -> None:
    from glossary.lint import reaches
    from glossary.report import write_report

    stream = sys.stdout
    write_report(findings, stream, fmt, colour=colour, **summary)
    stream.flush()
    sys.exit(1 if reaches(findings, fail_on) else 0)


@click.command("check", cls=I18nCommand, help=N_("Check one translation against the term base."))
@click.option("--source", "source", required=True, cls=I18nOption, help=N_("The source text."))
@click.option("--target", "target", required=True, cls=I18nOption, help=N_("Its translation."))
@_common
def check(
    source: str,
    target: str,
    source_lang: str | None,
    target_lang: str | None,
    db: Path | None,
    fmt: str,
    fail_on: str,
    rules: str | None,
    disable: str | None,
    colour: bool | None,
) -> None:
    from glossary.lint import check_pair, select_rules

    active = select_rules(rules, disable)
    if source_lang or target_lang:
        from glossary.lang import normalize

        source_lang = normalize(source_lang) if source_lang else None
        target_lang = normalize(target_lang) if target_lang else None
    index = load_index(db)
    findings = check_pair(source, target, source_lang, target_lang, index, rules=active)
    _finish(findings, fmt, colour, fail_on, segments=1)


@click.command("lint", cls=I18nCommand, help=N_("Lint a translated draft against the term base."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--input-format",
    type=click.Choice(["tsv", "text", "xliff", "tmx", "po", "corpus"]),
    default=None,
    cls=I18nOption,
    help=N_("Format of the draft (default: detect by extension and content)."),
)
@click.option("--encoding", cls=I18nOption, help=N_("Encoding of the draft (default: detect)."))
@click.option(
    "--ignore-file",
    type=click.Path(dir_okay=False, path_type=Path),
    cls=I18nOption,
    help=N_("Ignore file to use instead of the nearest .glossaryignore."),
)
@click.option("--no-ignore-file", is_flag=True, cls=I18nOption, help=N_("Do not read any .glossaryignore."))
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    cls=I18nOption,
    help=N_("Check segments in this many processes (0: one per CPU); the findings are the same."),
)
@_common
def lint(
    file: Path,
    target_file: Path | None,
    input_format: str | None,
    encoding: str | None,
    ignore_file: Path | None,
    no_ignore_file: bool,
    jobs: int,
    source_lang: str | None,
    target_lang: str | None,
    db: Path | None,
    fmt: str,
    fail_on: str,
    rules: str | None,
    disable: str | None,
    colour: bool | None,
) -> None:
    from glossary.drafts.readers import read_draft
    from glossary.lint import IgnoreRules, lint_draft, select_rules

    active = select_rules(rules, disable)
    ignore = None
    if ignore_file is not None:
        ignore = IgnoreRules.load(ignore_file)
    elif not no_ignore_file:
        ignore = IgnoreRules.discover(file)
    draft = read_draft(
        file,
        target_file,
        input_format=input_format,
        source_lang=source_lang,
        target_lang=target_lang,
        encoding=encoding,
    )
    index = load_index(db)
    result = lint_draft(draft, index, rules=active, ignore=ignore, jobs=jobs)
    _finish(
        result.findings,
        fmt,
        colour,
        fail_on,
        segments=result.segments_checked,
        suppressed=result.suppressed,
    )
