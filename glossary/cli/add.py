"""``glossary add``: a new concept, or terms added to one (:func:`glossary.api.add`)."""

from __future__ import annotations

from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand, I18nOption
from glossary.cli.editing import echo_change, reason_option
from glossary.cli.options import db_option
from glossary.errors import InputError
from glossary.i18n import N_, _
from glossary.model import CONCEPT_TYPES, STATUSES, TERM_TYPES


@click.command("add", cls=I18nCommand, help=N_("Add a concept, or with --to add terms to one; the edit is recorded."))
@click.option("--en", multiple=True, metavar="TEXT", cls=I18nOption, help=N_("An English term."))
@click.option("--zh", multiple=True, metavar="TEXT", cls=I18nOption, help=N_("A Simplified Chinese term."))
@click.option(
    "--term", "others", multiple=True, metavar="LANG=TEXT", cls=I18nOption, help=N_("A term in any language.")
)
@click.option(
    "--to", metavar="ID|TERM", cls=I18nOption, help=N_("Add the terms to this concept instead of making a new one.")
)
@click.option(
    "--type", "concept_type", type=click.Choice(CONCEPT_TYPES), default="term", show_default=True,
    cls=I18nOption, help=N_("Type of a new concept."),
)
@click.option("--subject", cls=I18nOption, help=N_("Subject field of a new concept."))
@click.option("--note", cls=I18nOption, help=N_("Note of a new concept."))
@click.option(
    "--status", type=click.Choice(STATUSES), cls=I18nOption,
    help=N_("Status of the terms (default: preferred in a new concept, admitted when added to one)."),
)
@click.option(
    "--term-type", type=click.Choice(TERM_TYPES), default="fullForm", show_default=True,
    cls=I18nOption, help=N_("Term type of the terms."),
)
@click.option("--pos", cls=I18nOption, help=N_("Part of speech of the terms."))
@reason_option
@db_option
def add(
    en: tuple[str, ...],
    zh: tuple[str, ...],
    others: tuple[str, ...],
    to: str | None,
    concept_type: str,
    subject: str | None,
    note: str | None,
    status: str | None,
    term_type: str,
    pos: str | None,
    reason: str | None,
    db: Path | None,
) -> None:
    terms = [("en", t) for t in en] + [("zh-Hans", t) for t in zh]
    for item in others:
        tag, sep, text = item.partition("=")
        if not sep or not tag.strip():
            raise InputError(_("--term wants LANG=TEXT, not {value!r}").format(value=item))
        terms.append((tag.strip(), text))
    change = api.add(
        db, terms, to=to, concept_type=concept_type, subject=subject, note=note, status=status,
        term_type=term_type, pos=pos, reason=reason,
    )
    echo_change(change)
