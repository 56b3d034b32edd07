"""Every choice list of the CLI, computed in one place per kind, from the registries.

The commands' ``click.Choice`` lists, their help texts and the README's
tables (a test compares them) all come from these functions, so a rule,
reader, format or report format is named once, where it is defined
(``glossary.checks.RULES``, ``glossary.drafts.READERS``,
``glossary.formats.FORMATS``, ``glossary.report.REPORTERS``).  They are
called only when help is shown or a value is checked, so the registries are
not loaded at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from glossary.checks import RULES
from glossary.lint import FAIL_ON
from glossary.registry import lazy_module
from glossary.report import REPORTERS

if TYPE_CHECKING:
    from glossary import drafts, formats
    from glossary.formats import importing
else:
    # ``check`` and ``lint`` load this module for their own choices; the
    # exchange formats' and the readers' lists load their packages when asked.
    drafts = lazy_module("glossary.drafts")
    formats = lazy_module("glossary.formats")
    importing = lazy_module("glossary.formats.importing")


def rule_names() -> tuple[str, ...]:
    """The lint rules, in the order they run (``--rules``, ``--disable``)."""
    return tuple(RULES.names())


def reader_names() -> tuple[str, ...]:
    """The draft readers (``glossary lint --input-format``)."""
    return tuple(drafts.READERS.names())


def export_format_names() -> tuple[str, ...]:
    """The exchange formats that can be written (``glossary export --format``)."""
    return tuple(formats.export_formats())


def import_format_names() -> tuple[str, ...]:
    """The exchange formats that can be read (``glossary import --format``)."""
    return tuple(formats.import_formats())


def report_format_names() -> tuple[str, ...]:
    """How ``check`` and ``lint`` print their findings (``--format``)."""
    return tuple(REPORTERS.names())


def fail_on_names() -> tuple[str, ...]:
    """The severities ``--fail-on`` accepts."""
    return tuple(FAIL_ON)


def lang_style_names() -> tuple[str, ...]:
    return tuple(formats.LANG_STYLES)


def status_vocab_names() -> tuple[str, ...]:
    return tuple(formats.STATUS_VOCABS)


def on_conflict_names() -> tuple[str, ...]:
    """The import conflict policies, the default (``merge``) first."""
    return ("merge", *(name for name in importing.ON_CONFLICT if name != "merge"))
