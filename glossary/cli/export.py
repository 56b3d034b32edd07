"""``glossary export``: write the term base for CAT tools (:func:`glossary.api.export`)."""

from __future__ import annotations

from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand, I18nOption, LazyChoice
from glossary.cli.choices import export_format_names, lang_style_names, status_vocab_names
from glossary.cli.options import db_option
from glossary.formats.common import AUDIENCES
from glossary.i18n import N_, _


@click.command("export", cls=I18nCommand, help=N_("Export the term base as TBX, TBX 2008, CSV or an OmegaT TSV glossary."))
@db_option
@click.option(
    "--format",
    "fmt",
    type=LazyChoice(export_format_names),
    default="tbx",
    show_default=True,
    cls=I18nOption,
    help=N_("File format to write."),
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), cls=I18nOption, help=N_("Output file (default: standard output)."))
@click.option("--lang", "langs", multiple=True, cls=I18nOption, help=N_("Only these languages (repeatable): en, zh-CN, ..."))
@click.option(
    "--lang-style",
    type=LazyChoice(lang_style_names),
    default="region",
    show_default=True,
    cls=I18nOption,
    help=N_("Write Chinese as zh-CN (region) or zh-Hans (script)."),
)
@click.option(
    "--status-vocab",
    type=LazyChoice(status_vocab_names),
    default="administrative",
    show_default=True,
    cls=I18nOption,
    help=N_("TBX term status: administrativeStatus (TBX-Basic 1.2.1) or the newer usageStatus."),
)
@click.option(
    "--for",
    "audience",
    type=click.Choice(AUDIENCES),
    default="full",
    show_default=True,
    cls=I18nOption,
    help=N_("cat: for translators and CAT tools, without file paths, surrounding text, evidence, "
            "flags or our ids; full: every field, provenance included."),
)
def export(
    db: Path | None, fmt: str, output: Path | None, langs: tuple[str, ...], lang_style: str, status_vocab: str,
    audience: str,
) -> None:
    count = api.export(
        output, db=db, format=fmt, langs=list(langs), lang_style=lang_style, status_vocab=status_vocab,
        audience=audience,
    )
    if output is not None:
        click.echo(_("{count} concepts written to {path}").format(count=count, path=output), err=True)
    if status_vocab == "usage" and fmt.startswith("tbx"):
        # The newer TBX-Basic's usageStatus is not in the published TBX-Basic 1.2.1 Schematron or the
        # TBX 2008 XCS, which validate checks: say so, rather than let a user find out from validate.
        click.echo(
            _("note: usageStatus is the newer TBX-Basic's status; the published TBX-Basic rules "
              "(and so 'glossary validate') accept only administrativeStatus"),
            err=True,
        )
