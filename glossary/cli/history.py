"""``glossary history [TERM|ID]``: how the term base, or one entry, changed (:func:`glossary.api.history`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from glossary import api
from glossary import edit as editing
from glossary.cli.base import I18nCommand, I18nOption
from glossary.cli.editing import show
from glossary.cli.options import db_option
from glossary.i18n import N_, _


@click.command(
    "history", cls=I18nCommand, help=N_("Show the recorded edits, oldest first: all, or those of one entry.")
)
@click.argument("ref", metavar="[TERM|ID]", required=False)
@click.option(
    "--format", "fmt", type=click.Choice(["human", "json"]), default="human", show_default=True,
    cls=I18nOption, help=N_("Output format."),
)
@db_option
def history(ref: str | None, fmt: str, db: Path | None) -> None:
    changes = api.history(db, ref)
    if fmt == "json":
        click.echo(json.dumps([editing.as_json(c) for c in changes], ensure_ascii=False, indent=2))
    else:
        for change in changes:
            click.echo(show(change))
    if not changes:
        if ref is not None:
            click.echo(_("no recorded edits of {ref!r}").format(ref=ref), err=True)
            sys.exit(1)
        click.echo(_("no recorded edits"), err=True)
