"""What the edit commands share: ``--reason``, and how an edit is shown.

``add``, ``edit``, ``deprecate``, ``remove`` and ``merge`` are thin
commands over the API's edits (:func:`glossary.api.add` and its
neighbours, which refuse to edit the shipped term base); each prints what
it recorded, as ``glossary history`` shows it.
"""

from __future__ import annotations

from typing import Any

import click

from glossary.cli.base import I18nOption
from glossary.edit import describe, label
from glossary.i18n import N_, _
from glossary.store.base import Change


def reason_option(func: Any) -> Any:
    """``--reason TEXT``: why, recorded with the edit."""
    return click.option(
        "--reason", metavar="TEXT", cls=I18nOption, help=N_("Why: recorded with the edit in the history.")
    )(func)


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
