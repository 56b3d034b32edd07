"""Findings for a person reading a terminal or a log (``--format human``).

Human output shows each finding with its place, the segment with the term
highlighted, what was expected (with pinyin) and which term base entry asked
for it, then a summary by rule.  Colour (via ``click.style``) is used only
when asked or when the stream is a terminal; without colour the highlighted
term is put between ``«`` and ``»`` so it stays visible in a log.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import TextIO

import click

from glossary.checks.base import Finding
from glossary.i18n import N_, _, ngettext
from glossary.report.base import Report

_SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def want_colour(stream: TextIO, colour: bool | None) -> bool:
    """Colour when asked, else on a terminal unless ``NO_COLOR`` is set (no-color.org)."""
    if colour is not None:
        return colour
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (ValueError, OSError):
        return False


def place(finding: Finding) -> str:
    where = finding.file or "-"
    if finding.line is not None:
        return f"{where}:{finding.line}"
    if finding.unit is not None:
        return f"{where}#{finding.unit}"
    return where


def highlight(text: str, span: tuple[int, int] | None, colour: bool) -> str:
    if span is None or not (0 <= span[0] < span[1] <= len(text)):
        return text
    start, end = span
    term = text[start:end]
    marked = _style(term, colour, fg="magenta", bold=True, underline=True) if colour else f"«{term}»"
    return text[:start] + marked + text[end:]


def _style(text: str, colour: bool, **kwargs: object) -> str:
    if not colour:
        return text
    return click.style(text, **kwargs)  # type: ignore[arg-type]


def _severity_label(severity: str) -> str:
    return {"error": _("error"), "warning": _("warning"), "info": _("info")}.get(severity, severity)


def format_finding(finding: Finding, colour: bool = False) -> str:
    sev = _style(_severity_label(finding.severity), colour, fg=_SEVERITY_COLOURS.get(finding.severity), bold=True)
    lines = [f"{_style(place(finding), colour, bold=True)}: {sev} [{finding.rule}] {finding.message}"]
    if finding.source:
        lines.append("    " + _("source: {text}").format(text=highlight(finding.source, finding.source_span, colour)))
    if finding.target:
        lines.append("    " + _("target: {text}").format(text=highlight(finding.target, finding.target_span, colour)))
    if finding.expected:
        shown = []
        for e in finding.expected:
            shown.append(f"{e.text} ({e.pinyin})" if e.pinyin else e.text)
        lines.append("    " + _("expected: {terms}").format(terms=" / ".join(shown)))
    if finding.origin or finding.concept:
        entry = finding.concept or ""
        if finding.origin:
            entry = f"{finding.origin} ({finding.concept})" if finding.concept else finding.origin
        lines.append("    " + _("term base entry: {entry}").format(entry=entry))
    return "\n".join(lines)


def summary(
    findings: list[Finding], segments: int | None = None, suppressed: int = 0, baselined: int = 0
) -> str:
    severities = Counter(f.severity for f in findings)
    by_rule = Counter(f.rule for f in findings)
    head = ngettext("{n} finding", "{n} findings", len(findings)).format(n=len(findings))
    if segments is not None:
        head += " " + ngettext("in {n} segment", "in {n} segments", segments).format(n=segments)
    parts = []
    if severities["error"]:
        parts.append(ngettext("{n} error", "{n} errors", severities["error"]).format(n=severities["error"]))
    if severities["warning"]:
        parts.append(ngettext("{n} warning", "{n} warnings", severities["warning"]).format(n=severities["warning"]))
    if parts:
        head += " (" + ", ".join(parts) + ")"
    if by_rule:
        head += ": " + ", ".join(f"{rule} {count}" for rule, count in sorted(by_rule.items()))
    if suppressed:
        head += "; " + ngettext("{n} silenced", "{n} silenced", suppressed).format(n=suppressed)
    if baselined:
        head += "; " + ngettext("{n} in the baseline", "{n} in the baseline", baselined).format(n=baselined)
    return head


def file_table(findings: list[Finding], files: list[tuple[str, int]]) -> str:
    """A table of the files of a project: segments, then findings by severity."""
    counts: dict[str, Counter[str]] = {}
    for finding in findings:
        counts.setdefault(finding.file or "-", Counter())[finding.severity] += 1
    header = (_("file"), _("segments"), _("errors"), _("warnings"), _("info"))
    rows = [
        (name, str(segments), *(str(counts.get(name, Counter())[s]) for s in ("error", "warning", "info")))
        for name, segments in files
    ]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def write_human(
    findings: list[Finding],
    stream: TextIO,
    *,
    colour: bool | None = None,
    segments: int | None = None,
    suppressed: int = 0,
    baselined: int = 0,
    files: list[tuple[str, int]] | None = None,
    quiet: bool = False,
) -> None:
    """Each finding with its segment; a project (several files) gets a header per file and a table."""
    use_colour = want_colour(stream, colour)
    grouped = bool(files) and len(files) > 1
    current = None
    for finding in findings:
        if grouped and finding.file != current:
            current = finding.file
            stream.write(_style(f"== {current}", use_colour, bold=True) + "\n\n")
        stream.write(format_finding(finding, use_colour) + "\n\n")
    if quiet:
        return
    if grouped:
        assert files is not None
        stream.write(file_table(findings, files) + "\n\n")
    stream.write(summary(findings, segments, suppressed, baselined) + "\n")


class HumanReporter:
    name = "human"
    order = 0
    description = N_("for a person: each finding with its segment, then a summary")
    extension = ".txt"

    def write(self, report: Report, stream: TextIO, *, colour: bool | None = None) -> None:
        write_human(
            report.findings,
            stream,
            colour=colour,
            segments=report.segments,
            suppressed=report.suppressed,
            baselined=report.baselined,
            files=report.files,
            quiet=report.quiet,
        )


REPORTER = HumanReporter()
