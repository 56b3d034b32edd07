"""``glossary remove``: a concept by its id, or one term by its text (:func:`glossary.api.remove`)."""

from __future__ import annotations

from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand, I18nOption
from glossary.cli.editing import echo_change, reason_option
from glossary.cli.options import db_option
from glossary.i18n import N_


@click.command(
    "remove",
    cls=I18nCommand,
    help=N_("Remove a concept (by its id) or a term (by its text; its concept goes with its last term); recorded."),
)
@click.argument("ref", metavar="TERM|ID")
@click.option("--concept", metavar="ID", cls=I18nOption, help=N_("The concept, when TERM is a term of several."))
@click.option("--lang", "lang", metavar="LANG", cls=I18nOption, help=N_("The language of TERM."))
@reason_option
@db_option
def remove(ref: str, concept: str | None, lang: str | None, reason: str | None, db: Path | None) -> None:
    change = api.remove(db, ref, concept=concept, lang=lang, reason=reason)
    echo_change(change)
