"""The diffable text form of a term base: one concept per line, JSON.

Keys are sorted and empty fields left out, so a rebuilt ``terms/`` shows in
a pull request as the lines of the concepts that changed, and nothing else.
"""

from __future__ import annotations

from typing import Any

from glossary.model import Concept, Flag, Source, Term


def _source_to_json(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"file": source.file}
    if source.line is not None:
        data["line"] = source.line
    if source.context:
        data["context"] = source.context
    if source.parent:
        data["parent"] = source.parent
    return data


def _source_from_json(data: dict[str, Any]) -> Source:
    return Source(
        file=data["file"], line=data.get("line"), context=data.get("context", ""), parent=data.get("parent")
    )


def concept_to_json(concept: Concept) -> dict[str, Any]:
    data: dict[str, Any] = {"id": concept.ensure_uid(), "type": concept.type, "terms": []}
    for key in ("subject", "note", "confidence"):
        value = getattr(concept, key)
        if value is not None:
            data[key] = value
    if concept.evidence:
        data["evidence"] = list(concept.evidence)
    if concept.sources:
        data["sources"] = [_source_to_json(s) for s in concept.sources]
    for term in concept.terms:
        item: dict[str, Any] = {"lang": term.lang, "text": term.text, "status": term.status}
        if term.term_type != "fullForm":
            item["term_type"] = term.term_type
        for key in ("pos", "pinyin", "romanization", "note"):
            value = getattr(term, key)
            if value is not None:
                item[key] = value
        if term.flags:
            item["flags"] = [{"code": f.code, "detail": f.detail} for f in term.flags]
        if term.sources:
            item["sources"] = [_source_to_json(s) for s in term.sources]
        data["terms"].append(item)
    return data


def concept_from_json(data: dict[str, Any]) -> Concept:
    concept = Concept(
        type=data["type"],
        uid=data["id"],
        subject=data.get("subject"),
        note=data.get("note"),
        confidence=data.get("confidence"),
        evidence=list(data.get("evidence", [])),
        sources=[_source_from_json(s) for s in data.get("sources", [])],
    )
    for item in data["terms"]:
        concept.terms.append(
            Term(
                lang=item["lang"],
                text=item["text"],
                status=item.get("status", "preferred"),
                term_type=item.get("term_type", "fullForm"),
                pos=item.get("pos"),
                pinyin=item.get("pinyin"),
                romanization=item.get("romanization"),
                note=item.get("note"),
                flags=[Flag(f["code"], f.get("detail", "")) for f in item.get("flags", [])],
                sources=[_source_from_json(s) for s in item.get("sources", [])],
            )
        )
    return concept
