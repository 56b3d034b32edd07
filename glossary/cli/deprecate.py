"""``glossary deprecate TERM --use PREFERRED``: retire a term for another (:func:`glossary.api.deprecate`)."""

from __future__ import annotations

from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand, I18nOption
from glossary.cli.editing import echo_change, reason_option
from glossary.cli.options import db_option
from glossary.i18n import N_


@click.command(
    "deprecate",
    cls=I18nCommand,
    help=N_(
        "Mark TERM superseded by the term to use instead (lint warns), or with --forbid deprecated "
        "(lint reports an error); the edit is recorded."
    ),
)
@click.argument("term")
@click.option("--use", "use", metavar="PREFERRED", cls=I18nOption, help=N_("The term to use instead: made preferred, added if new."))
@click.option("--forbid", is_flag=True, cls=I18nOption, help=N_("The term must never be used: deprecated, not superseded."))
@click.option("--concept", metavar="ID", cls=I18nOption, help=N_("The concept, when TERM is a term of several."))
@click.option("--lang", "lang", metavar="LANG", cls=I18nOption, help=N_("The language of TERM."))
@reason_option
@db_option
def deprecate(
    term: str, use: str | None, forbid: bool, concept: str | None, lang: str | None, reason: str | None,
    db: Path | None,
) -> None:
    change = api.deprecate(db, term, use=use, forbid=forbid, concept=concept, lang=lang, reason=reason)
    echo_change(change)
