"""Concepts as JSON objects: the line format of ``.jsonl`` term bases and of edit history.

Private (a leading underscore), so the store registry does not scan it for
a ``BACKEND``; :mod:`glossary.store.jsonl` re-exports the two functions, and
the CSV format writes its sources with :func:`source_to_json`.

:func:`concept_from_json` checks what it reads as strictly as the SQLite
schema does (statuses, types, one spelling per language in a concept, text
that UTF-8 can store), because a ``.jsonl`` is edited by hand: a bad value
must be refused with its line, not found later by a ``CHECK`` constraint.
"""

from __future__ import annotations

from typing import Any

from glossary.i18n import _
from glossary.model import CONCEPT_TYPES, STATUSES, TERM_TYPES, Concept, Flag, Source, Term
from glossary.store.base import Change


def source_to_json(source: Source) -> dict[str, Any]:
    """Where a term was met as a JSON object: the ``.jsonl`` line's form, and the CSV ``extra`` column's.

    One writer for both (glossary.formats.tabular uses it), so a source
    reads back as it was written from either: fields that cannot matter are
    left out (no line, no context), but ``parent`` is kept whenever it is
    not None, even empty, because both readers keep an empty parent as
    given: dropping it would turn ``""`` into None on the way back.
    """
    data: dict[str, Any] = {"file": source.file}
    if source.line is not None:
        data["line"] = source.line
    if source.context:
        data["context"] = source.context
    if source.parent is not None:
        data["parent"] = source.parent
    return data


def _source_from_json(data: dict[str, Any]) -> Source:
    return Source(
        file=_text(data["file"], "file"),
        line=_line(data.get("line")),
        context=_text(data.get("context", ""), "context"),
        parent=_optional(data.get("parent"), "parent"),
    )


def concept_to_json(concept: Concept) -> dict[str, Any]:
    """``concept`` as a JSON object: empty fields left out, so lines stay short and diffs small."""
    data: dict[str, Any] = {"id": concept.ensure_uid(), "type": concept.type, "terms": []}
    for key in ("subject", "note", "confidence"):
        value = getattr(concept, key)
        if value is not None:
            data[key] = value
    if concept.evidence:
        data["evidence"] = list(concept.evidence)
    if concept.sources:
        data["sources"] = [source_to_json(s) for s in concept.sources]
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
            item["sources"] = [source_to_json(s) for s in term.sources]
        data["terms"].append(item)
    return data


def concept_from_json(data: dict[str, Any]) -> Concept:
    """The concept of a JSON object; ``ValueError`` (or ``KeyError``/``TypeError``) saying what is wrong."""
    if not isinstance(data, dict):
        raise TypeError(_("a concept is a JSON object"))
    concept = Concept(
        type=_choice(data["type"], CONCEPT_TYPES, "type"),
        uid=_text(data["id"], "id"),
        subject=_optional(data.get("subject"), "subject"),
        note=_optional(data.get("note"), "note"),
        confidence=_number(data.get("confidence")),
        evidence=[_text(e, "evidence") for e in _list(data.get("evidence", []), "evidence")],
        sources=[_source_from_json(s) for s in _list(data.get("sources", []), "sources")],
    )
    seen: set[tuple[str, str]] = set()
    for item in _list(data["terms"], "terms"):
        term = Term(
            lang=_text(item["lang"], "lang"),
            text=_text(item["text"], "text"),
            status=_choice(item.get("status", "preferred"), STATUSES, "status"),
            term_type=_choice(item.get("term_type", "fullForm"), TERM_TYPES, "term_type"),
            pos=_optional(item.get("pos"), "pos"),
            pinyin=_optional(item.get("pinyin"), "pinyin"),
            romanization=_optional(item.get("romanization"), "romanization"),
            note=_optional(item.get("note"), "note"),
            flags=[
                Flag(_text(f["code"], "code"), _text(f.get("detail", ""), "detail"))
                for f in _list(item.get("flags", []), "flags")
            ],
            sources=[_source_from_json(s) for s in _list(item.get("sources", []), "sources")],
        )
        if not term.text.strip():
            raise ValueError(_("a term with no text"))
        if (term.lang, term.text) in seen:
            raise ValueError(
                _("the term {text!r} ({lang}) twice in one concept").format(text=term.text, lang=term.lang)
            )
        seen.add((term.lang, term.text))
        concept.terms.append(term)
    return concept


def change_to_json(change: Change) -> dict[str, Any]:
    """A recorded change as one JSON object (a line of ``NAME.history.jsonl``); None fields left out."""
    data: dict[str, Any] = {
        "seq": change.seq,
        "action": change.action,
        "concept": change.uid,
        "who": change.who,
        "when": change.when,
        "before": change.before,
        "after": change.after,
    }
    if change.reason is not None:
        data["reason"] = change.reason
    if change.other is not None:
        data["other"] = change.other
    return data


def change_from_json(data: dict[str, Any]) -> Change:
    """The change of a JSON object; ``ValueError``/``KeyError``/``TypeError`` saying what is wrong."""
    if not isinstance(data, dict):
        raise TypeError(_("a change is a JSON object"))
    seq = _line(data.get("seq"))
    for side in ("before", "after"):
        if data.get(side) is not None:
            concept_from_json(data[side])  # checked, as a concept line is
    return Change(
        action=_text(data["action"], "action"),
        uid=_text(data["concept"], "concept"),
        who=_text(data["who"], "who"),
        when=_text(data["when"], "when"),
        before=data.get("before"),
        after=data.get("after"),
        reason=_optional(data.get("reason"), "reason"),
        other=_optional(data.get("other"), "other"),
        seq=seq,
    )


def _text(value: object, key: str) -> str:
    if not isinstance(value, str):
        raise TypeError(_("{key} must be a string").format(key=key))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # json.loads lets a lone surrogate escape (\udc80) through; no file can store it.
        raise ValueError(_("{key} holds a lone surrogate escape, not a character").format(key=key)) from None
    return value


def _optional(value: object, key: str) -> str | None:
    return None if value is None else _text(value, key)


def _choice(value: object, allowed: tuple[str, ...], key: str) -> str:
    if value not in allowed:
        raise ValueError(
            _("{key} {value!r} is not one of {allowed}").format(key=key, value=value, allowed=", ".join(allowed))
        )
    return str(value)


def _list(value: object, key: str) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(_("{key} must be a list").format(key=key))
    return value


def _line(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(_("{key} must be a number").format(key="line"))
    return value


def _number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(_("{key} must be a number").format(key="confidence"))
    return value
