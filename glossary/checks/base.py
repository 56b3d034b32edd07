"""The finding: the public shape of everything the lint reports.

The JSON form (:meth:`Finding.to_json`) is a published contract: keep its
keys stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Expected:
    """One allowed rendering; ``pinyin`` is filled for Chinese."""

    text: str
    pinyin: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text}
        if self.pinyin:
            data["pinyin"] = self.pinyin
        return data


@dataclass
class Finding:
    rule: str
    severity: str
    message: str
    file: str
    line: int | None = None
    unit: str | None = None
    source_term: str | None = None
    expected: list[Expected] = field(default_factory=list)
    found: str | None = None
    #: Character spans (start, end) in the source and target text to highlight.
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    #: uid of the term base concept behind the finding, and where it came from.
    concept: str | None = None
    origin: str | None = None
    #: The segment's texts, for human output.
    source: str = ""
    target: str = ""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "file": self.file,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.line is not None:
            data["line"] = self.line
        if self.unit is not None:
            data["unit"] = self.unit
        if self.source_term is not None:
            data["source_term"] = self.source_term
        if self.expected:
            data["expected"] = [e.to_json() for e in self.expected]
        if self.found is not None:
            data["found"] = self.found
        if self.concept is not None:
            data["concept"] = self.concept
        if self.origin is not None:
            data["origin"] = self.origin
        return data
