"""``glossary validate``: is a TBX file valid TBX-Basic? (:func:`glossary.api.validate`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from glossary import api
from glossary.cli.base import I18nCommand
from glossary.i18n import N_, _


@click.command("validate", cls=I18nCommand, help=N_("Check that a TBX file is valid TBX-Basic; lists every problem with its line."))
@click.argument("file", type=click.Path(path_type=Path))
def validate(file: Path) -> None:
    result = api.validate(file)
    for line, message in result.problems:
        click.echo(f"{file}:{line}: {message}" if line else f"{file}: {message}")
    if result.ok:
        click.echo(_("{file}: valid {dialect}").format(file=file, dialect=result.dialect))
    else:
        click.echo(
            _("{file}: not valid {dialect}: {count} problems").format(
                file=file, dialect=result.dialect, count=len(result.problems)
            ),
            err=True,
        )
        sys.exit(1)
