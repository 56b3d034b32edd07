"""``glossary reindex --db BASE``: bring a term base an older glossary wrote up to date (:func:`glossary.store.upgrade.reindex`).

The search indexes, the substring index and the stored matching index are
made where missing, in place and in one transaction; each line says what was
made, and a last one what was already current.
"""

from __future__ import annotations

from pathlib import Path

import click

from glossary.cli.base import I18nCommand, I18nOption
from glossary.cli.options import db_option
from glossary.i18n import N_, _
from glossary.match import index_key, save_index
from glossary.store import open_termbase
from glossary.store.upgrade import MatchIndex, reindex


@click.command(
    "reindex",
    cls=I18nCommand,
    help=N_(
        "Bring a term base written by an older glossary (or changed since it was indexed) up to date: "
        "its search indexes, substring index and stored matching index, in place."
    ),
)
@click.option(
    "--force", is_flag=True, cls=I18nOption, help=N_("Rebuild every index, even those that are current.")
)
@db_option
def reindex_command(force: bool, db: Path | None) -> None:
    with open_termbase(db) as tb:
        report = reindex(tb, MatchIndex(index_key(), save_index), force=force)
    if not report.indexed:
        click.echo(_("{path}: a text term base keeps no indexes; nothing to do").format(path=report.path))
        return
    for line in report.done:
        click.echo(f"{report.path}: {line}")
    if report.current:
        click.echo(
            _("{path}: already current: {parts}").format(path=report.path, parts=", ".join(report.current))
        )
