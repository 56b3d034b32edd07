"""``glossary import``: read a glossary from a CAT tool into a term base (:func:`glossary.api.import_`).

The module is ``import_`` because ``import`` is a Python keyword; the
command is ``glossary import``.
"""

from __future__ import annotations

from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand, I18nOption, LazyChoice
from glossary.cli.choices import on_conflict_names
from glossary.cli.options import db_option
from glossary.i18n import N_, _


@click.command(
    "import",
    cls=I18nCommand,
    help=N_("Import a TBX, TBX 2008, CSV/TSV, OmegaT, PO, XLSX or ODS glossary into a term base."),
)
@click.argument("file", type=click.Path(path_type=Path))
@db_option
@click.option("--format", "fmt", default=None, cls=I18nOption, help=N_("Input format (default: detect)."))
@click.option("--encoding", cls=I18nOption, help=N_("Encoding of the input file (default: detect)."))
@click.option(
    "--on-conflict",
    type=LazyChoice(on_conflict_names),
    default="merge",
    show_default=True,
    cls=I18nOption,
    help=N_("What to do with a concept the term base already has."),
)
@click.option(
    "--columns",
    metavar="en,zh,note,...",
    cls=I18nOption,
    help=N_("What each column of a CSV, TSV or spreadsheet holds, in order ('-' skips one)."),
)
@click.option("--sheet", metavar="NAME", cls=I18nOption, help=N_("Read only this sheet of a workbook."))
@click.option(
    "--lenient",
    is_flag=True,
    cls=I18nOption,
    help=N_("TBX: keep every valid entry and report each one skipped, instead of refusing the file."),
)
def import_(
    file: Path,
    db: Path | None,
    fmt: str | None,
    encoding: str | None,
    on_conflict: str,
    columns: str | None,
    sheet: str | None,
    lenient: bool,
) -> None:
    report = api.import_(
        file, db, format=fmt, on_conflict=on_conflict, encoding=encoding,
        columns=columns, sheet=sheet, lenient=lenient,
    )
    for line in report.mapped:
        click.echo(_("mapped: {what}").format(what=line), err=True)
    for change in report.statuses:
        click.echo(
            _("status changed: {text} ({lang}) {before} -> {after} in {id}").format(
                text=change.text, lang=change.lang, before=change.before, after=change.after, id=change.uid
            ),
            err=True,
        )
    for where, reason in report.rejected:
        click.echo(_("rejected: {where}: {reason}").format(where=where, reason=reason), err=True)
    click.echo(f"{file}: {report.summary()}", err=True)
