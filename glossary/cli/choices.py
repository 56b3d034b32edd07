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

from glossary.checks import RULES
from glossary.drafts import READERS
from glossary.formats import LANG_STYLES, STATUS_VOCABS, export_formats, import_formats
from glossary.formats.importing import ON_CONFLICT
from glossary.lint import FAIL_ON
from glossary.report import REPORTERS


def rule_names() -> tuple[str, ...]:
    """The lint rules, in the order they run (``--rules``, ``--disable``)."""
    return tuple(RULES.names())


def reader_names() -> tuple[str, ...]:
    """The draft readers (``glossary lint --input-format``)."""
    return tuple(READERS.names())


def export_format_names() -> tuple[str, ...]:
    """The exchange formats that can be written (``glossary export --format``)."""
    return tuple(export_formats())


def import_format_names() -> tuple[str, ...]:
    """The exchange formats that can be read (``glossary import --format``)."""
    return tuple(import_formats())


def report_format_names() -> tuple[str, ...]:
    """How ``check`` and ``lint`` print their findings (``--format``)."""
    return tuple(REPORTERS.names())


def fail_on_names() -> tuple[str, ...]:
    """The severities ``--fail-on`` accepts."""
    return tuple(FAIL_ON)


def lang_style_names() -> tuple[str, ...]:
    return tuple(LANG_STYLES)


def status_vocab_names() -> tuple[str, ...]:
    return tuple(STATUS_VOCABS)


def on_conflict_names() -> tuple[str, ...]:
    """The import conflict policies, the default (``merge``) first."""
    return ("merge", *(name for name in ON_CONFLICT if name != "merge"))
