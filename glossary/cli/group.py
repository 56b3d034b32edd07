"""The ``glossary`` command group: ``--lang``, ``--version``, and where each command lives.

The commands are loaded by name when they run (see
:class:`~glossary.cli.base.I18nGroup`), one module each in this package.
"""

from __future__ import annotations

import click

from glossary import __version__
from glossary.cli.base import I18nGroup, I18nOption
from glossary.i18n import N_, _, set_language

#: Command name -> "module:attribute"; the README lists the same commands.
COMMANDS = {
    "build": "glossary.cli.build:build",
    "lookup": "glossary.cli.lookup:lookup",
    "export": "glossary.cli.export:export",
    "import": "glossary.cli.import_:import_",
    "validate": "glossary.cli.validate:validate",
    "check": "glossary.cli.check:check",
    "lint": "glossary.cli.lint:lint",
    "extract": "glossary.cli.extract:extract",
    "add": "glossary.cli.add:add",
    "edit": "glossary.cli.edit:edit",
    "deprecate": "glossary.cli.deprecate:deprecate",
    "remove": "glossary.cli.remove:remove",
    "merge": "glossary.cli.merge:merge",
    "history": "glossary.cli.history:history",
    "reindex": "glossary.cli.reindex:reindex_command",
}


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        set_language(value)
    return value


def _print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        click.echo(_("glossary, version {version}").format(version=__version__))
        ctx.exit(0)


@click.group(
    cls=I18nGroup,
    lazy_commands=COMMANDS,
    help=N_("Bilingual English/Chinese term base: build, look up, check, lint and exchange."),
)
@click.option(
    "--lang",
    "ui_lang",
    metavar="LANG",
    is_eager=True,
    expose_value=False,
    callback=_set_lang,
    cls=I18nOption,
    help=N_("Language of messages: en or zh (default: from LANG/LC_ALL)."),
)
@click.option(
    "--version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_print_version,
    cls=I18nOption,
    help=N_("Show the version and exit."),
)
def cli() -> None:
    pass
