"""Writing proposals for a terminologist: TSV, CSV, JSON, or TBX for a CAT tool.

Each row is one proposed pair with its evidence: rank, English, Chinese,
score, how many segments use the English, how many of them use this
Chinese (and the share), the competing renderings with their counts, the
kinds of evidence and two or three example segments with file and line.
TSV and CSV open in a spreadsheet, JSON keeps every field for scripts, and
TBX (through the exchange formats) goes straight into a CAT tool's term
base with each term ``admitted`` and flagged ``review``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any, BinaryIO

from glossary.errors import InputError
from glossary.extract import ExtractResult, display_en, display_zh
from glossary.extract.rank import Proposal
from glossary.formats import export_concepts
from glossary.i18n import _
from glossary.model import FLAG_REVIEW, Concept, Flag, Term

FORMATS = ("tsv", "csv", "json", "tbx")
COLUMNS = ("rank", "en", "zh", "score", "en_segments", "zh_segments", "share", "competitors", "evidence", "examples")


def proposal_record(result: ExtractResult, rank: int, proposal: Proposal) -> dict[str, Any]:
    examples = [
        {"where": result.segments[n].where, "en": result.segments[n].en, "zh": result.segments[n].zh}
        for n in proposal.examples
    ]
    return {
        "rank": rank,
        "en": display_en(result, proposal.en),
        "zh": display_zh(result, proposal.zh),
        "score": round(proposal.score, 3),
        "en_segments": proposal.en_count,
        "zh_segments": proposal.consistent,
        "share": round(proposal.share, 3),
        "competitors": [{"zh": display_zh(result, zh), "segments": n} for zh, n in proposal.competitors],
        "evidence": list(proposal.evidence),
        "examples": examples,
    }


def _flat(record: dict[str, Any]) -> list[str]:
    row = dict(record)
    row["competitors"] = " | ".join(f"{c['zh']} ({c['segments']})" for c in record["competitors"])
    row["evidence"] = ", ".join(record["evidence"])
    row["examples"] = " | ".join(f"{e['where']}: {e['en']} = {e['zh']}" for e in record["examples"])
    return [str(row[c]).replace("\t", " ").replace("\n", " ") for c in COLUMNS]


def proposal_concepts(result: ExtractResult, proposals: Sequence[Proposal]) -> list[Concept]:
    """Proposals as concepts of type ``term``: admitted terms flagged for review, with their evidence."""
    concepts = []
    for proposal in proposals:
        flag = Flag(FLAG_REVIEW, _("proposed by glossary extract: {share:.0%} of {n} segments").format(
            share=proposal.share, n=proposal.en_count
        ))
        concept = Concept(
            "term",
            [
                Term("en", display_en(result, proposal.en), status="admitted"),
                Term("zh-Hans", display_zh(result, proposal.zh), status="admitted", flags=[flag]),
            ],
            confidence=round(min(1.0, proposal.share), 3),
            evidence=list(proposal.evidence),
        )
        concept.ensure_uid()
        concepts.append(concept)
    return concepts


def write_proposals(result: ExtractResult, out: BinaryIO, fmt: str, *, top: int | None = None) -> int:
    """Write the ranked proposals (the first ``top``) to ``out``; returns how many were written."""
    if fmt not in FORMATS:
        raise InputError(_("unknown output format {name}; use one of {formats}").format(name=fmt, formats=", ".join(FORMATS)))
    proposals = result.proposals[:top] if top else result.proposals
    if fmt == "tbx":
        return export_concepts(proposal_concepts(result, proposals), out, "tbx")
    records = [proposal_record(result, i, p) for i, p in enumerate(proposals, 1)]
    text = io.StringIO()
    if fmt == "json":
        json.dump(records, text, ensure_ascii=False, indent=1)
        text.write("\n")
    else:
        writer = csv.writer(text, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
        writer.writerow(COLUMNS)
        for record in records:
            writer.writerow(_flat(record))
    out.write(text.getvalue().encode("utf-8"))
    return len(records)


def drift_lines(result: ExtractResult) -> list[str]:
    """The drift report, one line an entry, for a person."""
    lines = []
    for item in result.drift:
        instead = ", ".join(f"{display_zh(result, zh)} ({n})" for zh, n in item.instead) or "-"
        lines.append(
            _("{en}: the term base says {expected}; {followed} of {uses} segments follow it; instead: {instead}").format(
                en=item.en, expected=" / ".join(item.expected), followed=item.followed, uses=item.uses, instead=instead
            )
        )
    return lines
