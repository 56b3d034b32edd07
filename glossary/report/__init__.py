"""Report formats: how findings are shown to a person, a program or a CI service.

Each format is one module of this package defining ``REPORTER`` (see
:class:`glossary.report.base.Reporter`); third parties add theirs through
the ``glossary.reporters`` entry-point group.  ``human`` is for a terminal,
``json``/``jsonl`` are the public machine shape
(:meth:`glossary.checks.base.Finding.to_json`), ``sarif`` is SARIF 2.1.0
for code-scanning viewers, ``github`` writes GitHub Actions workflow
commands (annotations), ``html`` a self-contained page for a reviewer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

from glossary import __version__
from glossary.checks.base import Finding
from glossary.errors import InputError
from glossary.i18n import _
from glossary.registry import Registry
from glossary.report.base import Report, Reporter
from glossary.report.human import format_finding, highlight, place, summary, want_colour

REPORTERS: Registry[Reporter] = Registry("report format", "glossary.reporters", "glossary.report", "REPORTER")


def reporter(name: str) -> Reporter:
    """The report format called ``name``; an InputError listing the formats otherwise."""
    if name not in REPORTERS:
        raise InputError(
            _("unknown output format {name}; use one of {formats}").format(
                name=name, formats=", ".join(REPORTERS.names())
            )
        )
    return REPORTERS.get(name)


def write_report(
    findings: list[Finding],
    stream: TextIO,
    fmt: str = "human",
    *,
    colour: bool | None = None,
    segments: int | None = None,
    suppressed: int = 0,
    rules: Mapping[str, str] | None = None,
    title: str = "",
    baselined: int = 0,
    files: list[tuple[str, int]] | None = None,
    quiet: bool = False,
) -> None:
    """Write ``findings`` to ``stream`` in the report format ``fmt``."""
    report = Report(
        findings=findings,
        segments=segments,
        suppressed=suppressed,
        rules=dict(rules or {}),
        tool_version=__version__,
        title=title,
        baselined=baselined,
        files=list(files or []),
        quiet=quiet,
    )
    reporter(fmt).write(report, stream, colour=colour)


__all__ = [
    "REPORTERS",
    "Report",
    "Reporter",
    "format_finding",
    "highlight",
    "place",
    "reporter",
    "summary",
    "want_colour",
    "write_report",
]
