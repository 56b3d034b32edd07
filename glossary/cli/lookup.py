"""``glossary lookup``: find concepts by English, Chinese or pinyin (:func:`glossary.lookup.lookup`).

Nothing found is exit status 1 in both formats, with "did you mean"
suggestions (in JSON, ``{"concepts": [], "suggestions": [...]}``).

It calls :mod:`glossary.lookup` directly rather than :mod:`glossary.api`,
which would import the lint engine too: ``lookup`` is asked interactively,
and starts in the time of the term base alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from glossary.cli.base import I18nCommand, I18nOption
from glossary.cli.options import db_option
from glossary.i18n import N_, _
from glossary.lookup import format_concept, format_suggestions, suggest, to_json
from glossary.lookup import lookup as find_concepts
from glossary.store import open_termbase
from glossary.store.upgrade import warn_if_outdated


@click.command("lookup", cls=I18nCommand, help=N_("Find concepts by English, Chinese or pinyin (with or without tones)."))
@click.argument("query")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["human", "json"]),
    default="human",
    show_default=True,
    cls=I18nOption,
    help=N_("Output format."),
)
@click.option("--limit", type=int, default=20, show_default=True, cls=I18nOption, help=N_("Maximum number of concepts to show."))
def lookup(query: str, db: Path | None, fmt: str, limit: int) -> None:
    with open_termbase(db, readonly=True) as tb:
        warn_if_outdated(tb)  # a large base without its search indexes: suggest reindex
        concepts = find_concepts(tb, query, limit)
        suggestions = suggest(tb, query) if not concepts else []
    if fmt == "json":
        click.echo(to_json(concepts, suggestions if not concepts else None))
        if not concepts:
            sys.exit(1)
        return
    if not concepts:
        click.echo(_("no entry for {query!r}").format(query=query), err=True)
        if suggestions:
            click.echo(format_suggestions(suggestions), err=True)
        sys.exit(1)
    color = sys.stdout.isatty()
    click.echo("\n\n".join(format_concept(c, color=color) for c in concepts))
