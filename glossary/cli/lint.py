"""``glossary lint``: a whole translated draft against the term base (:func:`glossary.api.lint`)."""

from __future__ import annotations

from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand, I18nOption, LazyChoice
from glossary.cli.choices import reader_names
from glossary.cli.findings import finding_options, report_and_exit
from glossary.i18n import N_


@click.command("lint", cls=I18nCommand, help=N_("Lint a translated draft against the term base."))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("target_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--input-format",
    type=LazyChoice(reader_names),
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
@finding_options
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
    result = api.lint(
        file,
        target_file,
        db=db,
        input_format=input_format,
        encoding=encoding,
        source_lang=source_lang,
        target_lang=target_lang,
        rules=rules,
        disable=disable,
        ignore_file=ignore_file,
        use_ignore_file=not no_ignore_file,
        jobs=jobs,
    )
    report_and_exit(
        result.findings,
        fmt,
        colour,
        fail_on,
        segments=result.segments_checked,
        suppressed=result.suppressed,
    )
