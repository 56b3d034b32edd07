"""The ``glossary`` command line: a package of thin Click commands over :mod:`glossary.api`.

One module per command (``build``, ``lookup``, ``export``, ``import_``,
``validate``, ``check``, ``lint``), each parsing its options and calling one
documented library function; ``base`` holds the Click classes (translated
help, one-line errors), ``options`` the shared options, ``choices`` every
choice list, ``group`` the group.  The library never imports this package.
"""

from __future__ import annotations

from glossary.cli.base import show_notes
from glossary.cli.group import cli

__all__ = ["cli", "main"]


def main() -> None:
    """The console script ``glossary`` (and ``python -m glossary``)."""
    show_notes()
    cli(prog_name="glossary")
