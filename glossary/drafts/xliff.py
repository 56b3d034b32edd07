"""XLIFF 1.2 and 2.x: the exchange format every CAT tool writes.

Read with lxml directly rather than translate-toolkit: we need the line of
each unit for the lint report, the segment-level split of SDLXLIFF and
memoQ files (``seg-source``/``mrk mtype="seg"``), and a parser hardened
against entity tricks (see :mod:`glossary.drafts.xmltext`).

Choices, documented for users:

* A unit without a ``<target>``, or with an empty one, is skipped: it is not
  translated yet, and the tool that made the file tracks that state.
* ``unit`` is the ``trans-unit``/``unit`` id; when a unit has several
  segments it is ``id#segment-id`` (the ``mid`` of the 1.2 ``mrk``, the ``id``
  of the 2.x ``segment``, or its 1-based position).
* ``line`` is the line of the ``<trans-unit>`` (1.2) or ``<segment>`` (2.x).
* Inline codes become :data:`~glossary.drafts.xmltext.PLACEHOLDER`; spans
  (``g``, ``mrk``, ``pc``) give their text.
* Units marked ``translate="no"`` are skipped.
* A language attribute that is not a language code is an error, unless the
  caller gives that language (``--source-lang``/``--target-lang``).
* Notes (``<note>``) go to :attr:`Segment.notes`, where inline ignore markers
  are looked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from glossary.drafts.base import Draft, Segment, SimpleReader
from glossary.drafts.xmltext import inline_text, local_name, parse, sniff_root
from glossary.errors import InputError, LanguageTagError
from glossary.i18n import N_, _
from glossary.lang import normalize

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"


def read_xliff(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    encoding: str | None = None,
) -> Draft:
    """Read an XLIFF file; ``source_lang``/``target_lang`` are the caller's canonical tags."""
    name = str(path)
    root = parse(path, encoding).getroot()
    if local_name(root.tag) != "xliff":
        raise InputError(
            _("not an XLIFF file: the root element is <{tag}>").format(tag=local_name(root.tag)),
            file=name,
            line=root.sourceline,
        )
    version = (root.get("version") or "").strip()
    namespace = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if namespace == NS_20 or version.startswith("2"):
        return _read_2x(root, name, source_lang, target_lang)
    return _read_12(root, name, source_lang, target_lang)


def _lang(
    value: str | None, name: str, line: int | None, overridden: str | None = None
) -> str | None:
    """The file's language, canonical; a bad tag is an error unless the caller overrides it."""
    if value is None or not value.strip():
        return None
    try:
        return normalize(value)
    except LanguageTagError as exc:
        if overridden:
            return None
        raise LanguageTagError(exc.message, file=name, line=line) from None


def _agree(
    found: str | None, seen: str | None, name: str, line: int | None, attribute: str
) -> str | None:
    """A draft has one language pair; a multi-file XLIFF mixing pairs is refused."""
    if found and seen and found != seen:
        raise InputError(
            _("{attribute} {found} differs from {seen} earlier in the file").format(
                attribute=attribute, found=found, seen=seen
            ),
            file=name,
            line=line,
        )
    return seen or found


def _no_target(name: str, line: int | None, attribute: str) -> InputError:
    return InputError(
        _("no target language: the file has no {attribute}; give --target-lang").format(
            attribute=attribute
        ),
        file=name,
        line=line,
    )


def _read_12(root: Any, name: str, source_lang: str | None, target_lang: str | None) -> Draft:
    segments: list[Segment] = []
    file_source = file_target = None
    for file_element in root.iter("{*}file"):
        line = file_element.sourceline
        src = _lang(file_element.get("source-language"), name, line, source_lang)
        tgt = _lang(file_element.get("target-language"), name, line, target_lang)
        if tgt is None and target_lang is None:
            raise _no_target(name, line, "target-language")
        file_source = _agree(src, file_source, name, line, "source-language")
        file_target = _agree(tgt, file_target, name, line, "target-language")
        for unit in file_element.iter("{*}trans-unit"):
            if unit.get("translate") == "no":
                continue
            segments.extend(_unit_12(unit, name))
    return Draft(segments, file_source, file_target, "xliff", [name])


def _unit_12(unit: Any, name: str) -> list[Segment]:
    unit_id = unit.get("id") or unit.get("resname")
    source = target = seg_source = None
    notes: list[str] = []
    for child in unit:
        tag = local_name(child.tag)
        if tag == "source":
            source = child
        elif tag == "target":
            target = child
        elif tag == "seg-source":
            seg_source = child
        elif tag == "note":
            text = inline_text(child).strip()
            if text:
                notes.append(text)
    if target is None or source is None:
        return []
    line = unit.sourceline
    if seg_source is not None:
        sources = _marked_segments(seg_source)
        targets = _marked_segments(target)
        if sources and targets:
            segments = []
            for index, (mid, text) in enumerate(sources.items(), start=1):
                translated = targets.get(mid, "")
                if translated.strip():
                    sub = mid or str(index)
                    segments.append(
                        Segment(text, translated, name, line, f"{unit_id}#{sub}", None, list(notes))
                    )
            return segments
    text = inline_text(target)
    if not text.strip():
        return []
    return [Segment(inline_text(source), text, name, line, unit_id, None, notes)]


def _marked_segments(element: Any) -> dict[str, str]:
    """The ``mrk mtype="seg"`` segments of a seg-source or target, by ``mid``."""
    found: dict[str, str] = {}
    for mark in element.iter("{*}mrk"):
        if mark.get("mtype") == "seg":
            found[mark.get("mid") or str(len(found) + 1)] = inline_text(mark)
    return found


def _read_2x(root: Any, name: str, source_lang: str | None, target_lang: str | None) -> Draft:
    line = root.sourceline
    file_source = _lang(root.get("srcLang"), name, line, source_lang)
    file_target = _lang(root.get("trgLang"), name, line, target_lang)
    if file_target is None and target_lang is None:
        raise _no_target(name, line, "trgLang")
    segments: list[Segment] = []
    for unit in root.iter("{*}unit"):
        if unit.get("translate") == "no":
            continue
        unit_id = unit.get("id")
        notes = [
            text
            for note in unit.iter("{*}note")
            if local_name(note.getparent().tag) == "notes"
            and local_name(note.getparent().getparent().tag) == "unit"
            and (text := inline_text(note).strip())
        ]
        parts = [child for child in unit if local_name(child.tag) == "segment"]
        for index, segment in enumerate(parts, start=1):
            source = target = None
            for child in segment:
                tag = local_name(child.tag)
                if tag == "source":
                    source = child
                elif tag == "target":
                    target = child
            if source is None or target is None:
                continue
            text = inline_text(target)
            if not text.strip():
                continue
            unit_name = unit_id
            if len(parts) > 1:
                unit_name = f"{unit_id}#{segment.get('id') or index}"
            segments.append(
                Segment(
                    inline_text(source),
                    text,
                    name,
                    segment.sourceline,
                    unit_name,
                    None,
                    list(notes),
                )
            )
    return Draft(segments, file_source, file_target, "xliff", [name])


def sniff_xliff(path: Path, head: bytes) -> bool:
    """An XML file whose root element is ``<xliff>`` (any prefix, any version)."""
    return sniff_root(head) == "xliff"


READER = SimpleReader(
    name="xliff",
    order=10,
    description=N_("XLIFF 1.2 or 2.x from a CAT tool (SDLXLIFF and memoQ segments too)"),
    extensions=(".xlf", ".xliff", ".sdlxliff", ".mqxliff"),
    sniff=sniff_xliff,
    read=read_xliff,
)
