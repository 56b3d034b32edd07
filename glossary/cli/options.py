"""Options shared by every command that takes a term base: ``--db``.

One definition, so each command spells, documents and translates it the
same way.  (The options of ``check`` and ``lint`` are in
:mod:`glossary.cli.findings`, which ``lookup`` does not need to load.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from glossary.cli.base import I18nOption
from glossary.i18n import N_


def db_option(func: Any) -> Any:
    """``--db PATH`` (or ``$GLOSSARY_DB``): the term base a command reads or writes."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="GLOSSARY_DB",
        cls=I18nOption,
        help=N_(
            "Term base: an SQLite file, or a .jsonl text term base. "
            "Default: $GLOSSARY_DB, else the shipped term base."
        ),
    )(func)
