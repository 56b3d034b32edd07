"""GitHub Actions workflow commands: each finding an annotation on the pull request's diff.

The format is GitHub's ``::error file=F,line=L,title=T::message``; values
are escaped as the runner's toolkit escapes them (``%``, CR and LF in the
message; also ``:`` and ``,`` in properties), or a message with a newline
would end the command early.
"""

from __future__ import annotations

from typing import TextIO

from glossary.i18n import N_
from glossary.report.base import Report
from glossary.report.human import summary

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    name = "github"
    order = 30
    description = N_("for GitHub Actions: workflow-command annotations")
    extension = ".txt"

    def write(self, report: Report, stream: TextIO, *, colour: bool | None = None) -> None:
        for finding in report.findings:
            props = [f"file={escape_property(finding.file or '-')}"]
            if finding.line is not None:
                props.append(f"line={finding.line}")
            title = f"glossary {finding.rule}"
            if finding.unit is not None:
                title += f" ({finding.unit})"
            props.append(f"title={escape_property(title)}")
            level = _LEVELS.get(finding.severity, "notice")
            stream.write(f"::{level} {','.join(props)}::{escape_data(finding.message)}\n")
        if not report.quiet:
            stream.write(summary(report.findings, report.segments, report.suppressed, report.baselined) + "\n")


REPORTER = GithubReporter()
