"""What every report format is given, and what it must provide."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol, TextIO

from glossary.checks.base import Finding


@dataclass
class Report:
    """One lint or check run, as the report formats see it.

    ``rules`` maps a rule's name to its one-line description (SARIF and the
    HTML report show them); ``tool_version`` goes into machine formats so a
    CI log says which glossary produced it.
    """

    findings: list[Finding]
    segments: int | None = None
    suppressed: int = 0
    rules: Mapping[str, str] = field(default_factory=dict)
    tool_version: str = ""
    title: str = ""
    #: Findings a baseline already knew (left out of ``findings``).
    baselined: int = 0
    #: For a project: each file with its segments checked (human output's table).
    files: list[tuple[str, int]] = field(default_factory=list)
    #: Findings only, no summary (``--quiet``).
    quiet: bool = False


class Reporter(Protocol):
    """A report format: ``--format NAME`` of ``check`` and ``lint``."""

    name: str
    order: int
    #: One line for ``--help`` and the README (an English msgid).
    description: str
    #: The usual file extension of this format's output.
    extension: str

    def write(self, report: Report, stream: TextIO, *, colour: bool | None = None) -> None: ...
