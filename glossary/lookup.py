"""Show term base entries to a person or a script.

Kept free of the segmenter and pinyin tables: the stored pinyin answers
pinyin queries, so ``glossary lookup`` starts in a fraction of a second.
How a query matches (Traditional characters, plurals, hyphens, names in
Western order, pinyin by whole syllables) is the store's
:meth:`~glossary.store.base.TermBase.search`; when it finds nothing,
:func:`suggest` offers the near misses ("did you mean").

The JSON of a lookup is an array of concepts; when nothing is found it is
an object, ``{"concepts": [], "suggestions": [...]}``, each suggestion
with the concept's ``id`` and ``type`` and the near term's ``lang``,
``text`` and edit ``distance`` (the exit status is 1 either way).
"""

from __future__ import annotations

import json
from typing import Any

import click

from glossary.i18n import _
from glossary.model import Concept
from glossary.store import TermBase
from glossary.store.base import Suggestion
from glossary.store.jsonl import concept_to_json


def lookup(tb: TermBase, query: str, limit: int = 20) -> list[Concept]:
    """The concepts ``query`` finds, best first (see :meth:`TermBase.search`)."""
    return tb.search(query, limit=limit)


def suggest(tb: TermBase, query: str, limit: int = 5) -> list[Suggestion]:
    """Entries near ``query`` for a "did you mean", closest first (ask when :func:`lookup` found nothing)."""
    return tb.suggest(query, limit=limit)


def to_json(concepts: list[Concept], suggestions: list[Suggestion] | None = None) -> str:
    """The concepts as a JSON array; with nothing found, an object that also holds the suggestions."""
    if concepts or suggestions is None:
        data: Any = [concept_to_json(c) for c in concepts]
    else:
        data = {"concepts": [], "suggestions": [suggestion_to_json(s) for s in suggestions]}
    return json.dumps(data, ensure_ascii=False, indent=2)


def suggestion_to_json(suggestion: Suggestion) -> dict[str, Any]:
    concept = suggestion.concept
    return {
        "id": concept.ensure_uid(),
        "type": concept.type,
        "lang": suggestion.lang,
        "text": suggestion.text,
        "distance": suggestion.distance,
    }


def format_suggestions(suggestions: list[Suggestion]) -> str:
    """A "did you mean" and one line per suggestion: the near term, and the concept's term in another language."""
    lines = [_("did you mean:")]
    for suggestion in suggestions:
        other = next(
            (t.text for t in suggestion.concept.terms if t.lang != suggestion.lang and t.status == "preferred"),
            None,
        )
        lines.append(f"  {suggestion.text}" + (f"  ({other})" if other else ""))
    return "\n".join(lines)


def _status_label(status: str) -> str:
    labels = {
        "preferred": _("preferred"),
        "admitted": _("admitted"),
        "deprecated": _("deprecated"),
        "superseded": _("superseded"),
    }
    return labels.get(status, status)


def type_label(kind: str) -> str:
    labels = {
        "title": _("title"),
        "section": _("section"),
        "org": _("organisation"),
        "person": _("person"),
        "place": _("place"),
        "term": _("term"),
    }
    return labels.get(kind, kind)


def format_concept(concept: Concept, *, color: bool = False, max_sources: int = 5) -> str:
    """A concept as a reader wants it: terms first, then why we believe them."""

    def style(text: str, **kw: Any) -> str:
        return click.style(text, **kw) if color else text

    lines = [style(f"{concept.uid}", bold=True) + f"  [{type_label(concept.type)}]"]
    if concept.subject:
        lines.append("  " + _("subject: {subject}").format(subject=concept.subject))
    for term in concept.terms:
        head = f"  {term.lang:8} {style(term.text, fg='green' if term.status == 'preferred' else None)}"
        extra = [_status_label(term.status)]
        if term.term_type != "fullForm":
            extra.append(term.term_type)
        head += "  (" + ", ".join(extra) + ")"
        lines.append(head)
        if term.pinyin:
            lines.append("           " + _("pinyin: {pinyin}").format(pinyin=term.pinyin))
        if term.romanization:
            lines.append("           " + _("romanization: {text}").format(text=term.romanization))
        if term.note:
            lines.append("           " + _("note: {note}").format(note=term.note))
        for flag in term.flags:
            lines.append(
                "           "
                + style(_("flag: {code}").format(code=flag.code), fg="red")
                + (f" - {flag.detail}" if flag.detail else "")
            )
    if concept.confidence is not None or concept.evidence:
        lines.append(
            "  "
            + _("alignment: confidence {confidence}, evidence: {evidence}").format(
                confidence=f"{concept.confidence:.2f}" if concept.confidence is not None else "-",
                evidence=", ".join(concept.evidence) or "-",
            )
        )
    if concept.note:
        lines.append("  " + _("note: {note}").format(note=concept.note))
    sources = concept.sources[:max_sources]
    if sources:
        lines.append("  " + _("found in:"))
        for source in sources:
            where = f"{source.file}:{source.line}" if source.line else source.file
            context = source.context.replace("\n", " ")
            if len(context) > 100:
                context = context[:97] + "..."
            parent = f" <- {source.parent}" if source.parent else ""
            lines.append(f"    {where}{parent}  {context}")
        more = len(concept.sources) - len(sources)
        if more > 0:
            lines.append("    " + _("... and {count} more").format(count=more))
    return "\n".join(lines)
