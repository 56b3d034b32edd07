"""The public machine shape: ``--format json`` (one array) and ``jsonl`` (one finding a line).

JSON is a public contract (:meth:`glossary.checks.base.Finding.to_json`):
``json`` writes one JSON *array* of finding objects, always, even when
empty (``[]``), so ``jq``/``json.load`` work with no special case; ``jsonl``
writes JSON Lines, one finding object a line, for streaming into log
tools.  Neither adds a summary, so the shape stays one object per finding.
"""

from __future__ import annotations

import json
from typing import TextIO

from glossary.i18n import N_
from glossary.report.base import Report


class JsonReporter:
    name = "json"
    order = 10
    description = N_("for programs: one JSON array of findings")
    extension = ".json"

    def write(self, report: Report, stream: TextIO, *, colour: bool | None = None) -> None:
        # One finding a line inside the array: readable, and each object goes
        # through json's C encoder (an indented dump of 20,000 findings is
        # pure Python, a few seconds).
        if not report.findings:
            stream.write("[]\n")
            return
        items = (json.dumps(f.to_json(), ensure_ascii=False) for f in report.findings)
        stream.write("[\n" + ",\n".join(items) + "\n]\n")


class JsonLinesReporter:
    name = "jsonl"
    order = 11
    description = N_("for log tools: one JSON finding a line")
    extension = ".jsonl"

    def write(self, report: Report, stream: TextIO, *, colour: bool | None = None) -> None:
        for finding in report.findings:
            stream.write(json.dumps(finding.to_json(), ensure_ascii=False) + "\n")


REPORTER = [JsonReporter(), JsonLinesReporter()]
