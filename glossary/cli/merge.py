"""``glossary merge ID ID``: two concepts that are one (:func:`glossary.api.merge`)."""

from __future__ import annotations

from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand
from glossary.cli.editing import echo_change, reason_option
from glossary.cli.options import db_option
from glossary.i18n import N_


@click.command(
    "merge",
    cls=I18nCommand,
    help=N_("Merge the second concept into the first (its terms and fields win) and remove it; recorded."),
)
@click.argument("keep", metavar="ID")
@click.argument("other", metavar="ID")
@reason_option
@db_option
def merge(keep: str, other: str, reason: str | None, db: Path | None) -> None:
    change = api.merge(db, keep, other, reason=reason)
    echo_change(change)
