"""The segment: one source text and its translation, with where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Segment:
    source: str
    target: str
    file: str
    #: 1-based line in a TSV, text or corpus file (of the source side).
    line: int | None = None
    #: Unit id in XLIFF, TMX or PO (msgctxt+msgid for PO), when the format has one.
    unit: str | None = None
    #: Line of the target side when it lives in another file (aligned text).
    target_line: int | None = None
    #: Reviewer's notes carried by the format (XLIFF notes, PO comments), used for
    #: inline ignore markers.
    notes: list[str] = field(default_factory=list)


@dataclass
class Draft:
    segments: list[Segment]
    source_lang: str | None
    target_lang: str | None
    format: str
    files: list[str] = field(default_factory=list)
