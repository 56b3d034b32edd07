"""Every choice list of the CLI, computed in one place per kind.

The commands' ``click.Choice`` lists, their help texts and the README's
tables (a test compares them) all come from these functions, so a rule,
reader or format is named once, where it is defined.  Today they read the
library's tuples; with the registries (``glossary.checks.RULES``,
``glossary.drafts.READERS``, ``glossary.formats.FORMATS``) each becomes a
one-line ``.names()`` call here and nowhere else.
"""

from __future__ import annotations

from glossary import lint as _lint
from glossary import report as _report
from glossary.drafts import readers as _readers
from glossary.formats import EXPORT_FORMATS, IMPORT_FORMATS, LANG_STYLES, STATUS_VOCABS
from glossary.formats.importing import ON_CONFLICT


def rule_names() -> tuple[str, ...]:
    """The lint rules, in the order they run (``--rules``, ``--disable``)."""
    return tuple(_lint.RULES)


def reader_names() -> tuple[str, ...]:
    """The draft readers (``glossary lint --input-format``)."""
    return tuple(_readers.FORMATS)


def export_format_names() -> tuple[str, ...]:
    """The exchange formats that can be written (``glossary export --format``)."""
    return tuple(EXPORT_FORMATS)


def import_format_names() -> tuple[str, ...]:
    """The exchange formats that can be read (``glossary import --format``)."""
    return tuple(IMPORT_FORMATS)


def report_format_names() -> tuple[str, ...]:
    """How ``check`` and ``lint`` print their findings (``--format``)."""
    return tuple(_report.FORMATS)


def fail_on_names() -> tuple[str, ...]:
    """The severities ``--fail-on`` accepts."""
    return tuple(_lint.FAIL_ON)


def lang_style_names() -> tuple[str, ...]:
    return tuple(LANG_STYLES)


def status_vocab_names() -> tuple[str, ...]:
    return tuple(STATUS_VOCABS)


def on_conflict_names() -> tuple[str, ...]:
    """The import conflict policies, the default (``merge``) first."""
    return ("merge", *(name for name in ON_CONFLICT if name != "merge"))
