"""``glossary extract PATH...``: propose a term base from translations (:func:`glossary.api.extract`)."""

from __future__ import annotations

from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand, I18nOption
from glossary.cli.options import db_option
from glossary.config import load_config
from glossary.extract.write import FORMATS, drift_lines, write_proposals
from glossary.i18n import N_, _
from glossary.output import atomic_output


@click.command(
    "extract",
    cls=I18nCommand,
    help=N_("Propose English/Chinese term pairs from translations (TMX, PO, XLIFF, TSV...), ranked, with evidence."),
)
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), cls=I18nOption, help=N_("Write the proposals to this file (default: standard output)."))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="tsv", show_default=True, cls=I18nOption, help=N_("Format of the proposals."))
@click.option("--top", type=click.IntRange(min=1), default=None, cls=I18nOption, help=N_("Only the N best proposals."))
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True, cls=I18nOption, help=N_("Propose only English terms seen in this many segments."))
@click.option(
    "--aligner",
    type=click.Choice(["ibm1", "eflomal"]),
    default="ibm1",
    show_default=True,
    cls=I18nOption,
    help=N_("Word aligner: ibm1 (reproducible) or eflomal (its sampler cannot be seeded: runs may differ)."),
)
@click.option("--merge-into", type=click.Path(dir_okay=False, path_type=Path), cls=I18nOption, help=N_("Add the proposals (the --top ones) to this term base, admitted and flagged review."))
@click.option("--source-lang", cls=I18nOption, help=N_("Source language (default: from each file, else by script)."))
@click.option("--target-lang", cls=I18nOption, help=N_("Target language (default: from each file, else by script)."))
def extract(paths: tuple[str, ...], db: Path | None, output: Path | None, fmt: str, top: int | None,
            min_count: int, aligner: str, merge_into: Path | None, source_lang: str | None,
            target_lang: str | None) -> None:
    config = load_config()
    config.set("source-lang", source_lang)
    config.set("target-lang", target_lang)
    result = api.extract(paths, db=db, config=config, aligner=aligner, min_count=min_count)
    with atomic_output(output) as out:
        count = write_proposals(result, out, fmt, top=top)
    click.echo(
        _("{count} proposals from {segments} segments").format(count=count, segments=len(result.segments)), err=True
    )
    for line in drift_lines(result):
        click.echo(_("drift: {line}").format(line=line), err=True)
    if merge_into is not None:
        added = api.merge_proposals(result, merge_into, top=top)
        click.echo(_("{count} proposals added to {path}").format(count=added, path=merge_into), err=True)
