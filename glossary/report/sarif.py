"""SARIF 2.1.0 (OASIS), the log that code-scanning services and viewers read.

GitHub code scanning, Azure DevOps and the SARIF viewers of editors show
each result at its file and line, with the rule's description from
``tool.driver.rules``.  A finding in a unit of an XLIFF, TMX or PO file
without a line gets a logical location named by the unit.  Results carry a
``partialFingerprints`` entry made of the rule, the file, the unit or line
and the source term, so a service can follow one finding across runs.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath
from typing import Any, TextIO
from urllib.parse import quote

from glossary.i18n import N_
from glossary.report.base import Report

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/glossary/"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> dict[str, str]:
    """A SARIF artifact location: relative paths stay relative (to the checkout), absolute become file URIs."""
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return {"uri": "file://" + quote(posix)}
    return {"uri": quote(str(PurePosixPath(posix))), "uriBaseId": "%SRCROOT%"}


def fingerprint(finding: Any) -> str:
    where = finding.unit if finding.unit is not None else str(finding.line or "")
    key = "\x1f".join([finding.rule, finding.file or "", where, finding.source_term or "", finding.message])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def sarif_log(report: Report) -> dict[str, Any]:
    used = sorted({f.rule for f in report.findings} | set(report.rules))
    index = {rule: i for i, rule in enumerate(used)}
    rules = [
        {
            "id": rule,
            "name": rule,
            "shortDescription": {"text": report.rules.get(rule) or rule},
            "helpUri": INFORMATION_URI,
        }
        for rule in used
    ]
    results = []
    for finding in report.findings:
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": artifact_uri(finding.file or "-")}
        }
        if finding.line is not None and finding.line >= 1:
            region: dict[str, Any] = {"startLine": finding.line}
            if finding.target:
                region["snippet"] = {"text": finding.target}
            location["physicalLocation"]["region"] = region
        if finding.unit is not None:
            location["logicalLocations"] = [{"name": finding.unit, "kind": "element"}]
        properties: dict[str, Any] = {}
        for key in ("source_term", "found", "concept", "origin"):
            value = getattr(finding, key)
            if value is not None:
                properties[key] = value
        if finding.expected:
            properties["expected"] = [e.to_json() for e in finding.expected]
        if finding.source:
            properties["source"] = finding.source
        if finding.target:
            properties["target"] = finding.target
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": _LEVELS.get(finding.severity, "note"),
            "message": {"text": finding.message},
            "locations": [location],
            "partialFingerprints": {"glossaryFinding/v1": fingerprint(finding)},
        }
        if properties:
            result["properties"] = properties
        results.append(result)
    driver: dict[str, Any] = {"name": "glossary", "informationUri": INFORMATION_URI, "rules": rules}
    if report.tool_version:
        driver["version"] = report.tool_version
        driver["semanticVersion"] = report.tool_version
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the project root"}}},
                "results": results,
            }
        ],
    }


class SarifReporter:
    name = "sarif"
    order = 20
    description = N_("for code-scanning services: SARIF 2.1.0")
    extension = ".sarif"

    def write(self, report: Report, stream: TextIO, *, colour: bool | None = None) -> None:
        json.dump(sarif_log(report), stream, ensure_ascii=False, indent=2)
        stream.write("\n")


REPORTER = SarifReporter()
