"""``glossary build``: read bilingual documents into a term base (:func:`glossary.api.build`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from glossary import api
from glossary.cli.base import I18nCommand, I18nOption
from glossary.cli.options import db_option
from glossary.i18n import N_, _
from glossary.lookup import type_label


@click.command("build", cls=I18nCommand, help=N_("Build or extend a term base from bilingual documents."))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--encoding", cls=I18nOption, help=N_("Encoding of the input files (default: detect)."))
@click.option(
    "--align/--no-align",
    default=True,
    cls=I18nOption,
    help=N_("Also align the terms inside paired titles (default: on)."),
)
@click.option(
    "--fresh",
    is_flag=True,
    cls=I18nOption,
    help=N_("Start from an empty term base instead of merging into the existing one."),
)
def build(files: tuple[Path, ...], db: Path | None, encoding: str | None, align: bool, fresh: bool) -> None:
    bar: Any = None
    progress = None
    if sys.stderr.isatty() and len(files) > 1:
        bar = click.progressbar(length=len(files), label=_("reading"), file=sys.stderr)
        bar.__enter__()

        def progress(_name: str) -> None:
            bar.update(1)

    try:
        report = api.build(list(files), db, encoding=encoding, align=align, fresh=fresh, progress=progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    click.echo(
        _("{files} files, {pairs} pairs: {added} concepts added, {merged} merged, {unchanged} unchanged").format(
            files=report.files,
            pairs=report.pairs,
            added=report.added,
            merged=report.merged,
            unchanged=report.unchanged,
        ),
        err=True,
    )
    click.echo(
        _("term base {path}: {counts}").format(
            path=db, counts=", ".join(f"{type_label(k)} {v}" for k, v in report.by_type.items())
        ),
        err=True,
    )
    for en, zh, reason in report.mismatches:
        click.echo(_("pinyin mismatch: {en} / {zh}: {reason}").format(en=en, zh=zh, reason=reason), err=True)
