"""What the edit commands share: ``--reason``, the term base they must be told, and how an edit is shown.

``add``, ``edit``, ``deprecate``, ``remove`` and ``merge`` are thin
commands over :mod:`glossary.edit`; each prints what it recorded, as
``glossary history`` shows it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from glossary.cli.base import I18nOption
from glossary.edit import describe, label
from glossary.errors import InputError
from glossary.i18n import N_, _
from glossary.store import SHIPPED_PATH, TermBase, open_termbase
from glossary.store.base import Change


def reason_option(func: Any) -> Any:
    """``--reason TEXT``: why, recorded with the edit."""
    return click.option(
        "--reason", metavar="TEXT", cls=I18nOption, help=N_("Why: recorded with the edit in the history.")
    )(func)


def open_for_editing(db: Path | None) -> TermBase:
    """The term base named by ``--db`` or ``$GLOSSARY_DB``: the shipped one is edited only by rebuilding it."""
    if db is None:
        raise InputError(
            _("give the term base to edit with --db PATH (or set GLOSSARY_DB); the shipped one is {path}").format(
                path=SHIPPED_PATH
            )
        )
    return open_termbase(db)


def show(change: Change) -> str:
    """A change as ``history`` prints it: a heading line, then one line per difference."""
    concept = change.after or change.before
    head = f"#{change.seq} " if change.seq is not None else ""
    head += f"{change.when} {change.who} {change.action} {change.uid} ({label(concept)})"
    if change.other:
        head += " " + _("with {id}").format(id=change.other)
    lines = [head] + [f"  {line}" for line in describe(change)]
    if change.reason:
        lines.append("  " + _("reason: {reason}").format(reason=change.reason))
    return "\n".join(lines)


def echo_change(change: Change) -> None:
    click.echo(show(change))
