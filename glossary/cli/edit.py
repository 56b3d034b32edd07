"""``glossary edit``: change a term's text, status, type, part of speech or note, or its concept (:func:`glossary.api.edit`)."""

from __future__ import annotations

from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand, I18nOption
from glossary.cli.editing import echo_change, reason_option
from glossary.cli.options import db_option
from glossary.i18n import N_
from glossary.model import CONCEPT_TYPES, STATUSES, TERM_TYPES


@click.command(
    "edit",
    cls=I18nCommand,
    help=N_("Change a term (named by its text) or a concept (by its id or a term); the edit is recorded."),
)
@click.argument("ref", metavar="TERM|ID")
@click.option("--term", metavar="TEXT", cls=I18nOption, help=N_("The term to change, when TERM|ID names its concept."))
@click.option("--lang", "lang", metavar="LANG", cls=I18nOption, help=N_("The language of the term to change."))
@click.option("--text", cls=I18nOption, help=N_("The term's new text (its pinyin follows)."))
@click.option("--status", type=click.Choice(STATUSES), cls=I18nOption, help=N_("The term's new status."))
@click.option("--term-type", type=click.Choice(TERM_TYPES), cls=I18nOption, help=N_("The term's new term type."))
@click.option("--pos", cls=I18nOption, help=N_("The term's part of speech ('' clears it)."))
@click.option("--note", cls=I18nOption, help=N_("The term's note ('' clears it)."))
@click.option("--subject", cls=I18nOption, help=N_("The concept's subject field ('' clears it)."))
@click.option("--type", "concept_type", type=click.Choice(CONCEPT_TYPES), cls=I18nOption, help=N_("The concept's type."))
@click.option("--concept-note", cls=I18nOption, help=N_("The concept's note ('' clears it)."))
@reason_option
@db_option
def edit(
    ref: str,
    term: str | None,
    lang: str | None,
    text: str | None,
    status: str | None,
    term_type: str | None,
    pos: str | None,
    note: str | None,
    subject: str | None,
    concept_type: str | None,
    concept_note: str | None,
    reason: str | None,
    db: Path | None,
) -> None:
    change = api.edit(
        db, ref, term=term, lang=lang, text=text, status=status, term_type=term_type, pos=pos, note=note,
        subject=subject, concept_type=concept_type, concept_note=concept_note, reason=reason,
    )
    echo_change(change)
