"""A gettext PO file used as a glossary: the ``po`` import format.

Three of five teams tried keep their glossary as a PO catalog (the
OpenStack i18n team's ``glossary.po`` is one): each entry is a term,
``msgid`` the English, ``msgstr`` the translation.  The catalog is parsed
by the draft reader's strict parser (:mod:`glossary.drafts.po`, which
knows its line numbers); this module maps its entries to concepts:

* the header's ``Language:`` is the translation's language (``zh_CN`` and
  ``zh_Hans_CN`` are ``zh-Hans``, ``zh_TW`` ``zh-Hant``); without one,
  Simplified Chinese, reported;
* translator and extracted comments and ``msgctxt`` become the concept's
  note (``context: ...``), a fuzzy entry's flag too;
* a plural entry is one concept: ``msgid`` and ``msgid_plural`` are the
  English terms (the plural admitted), each distinct ``msgstr[n]`` a
  Chinese one;
* an entry with an empty ``msgstr`` is skipped, and counted in the report
  (a glossary lists terms still to translate that way).
"""

from __future__ import annotations

from pathlib import Path

from glossary.drafts.po import PoEntry, decode_po, parse_po, sniff_po
from glossary.errors import LanguageTagError
from glossary.formats.base import Format, ImportBatch
from glossary.formats.common import Mapping
from glossary.i18n import N_, _
from glossary.lang import normalize
from glossary.model import Concept, Term
from glossary.text.decode import read_bytes

EN, ZH = "en", "zh-Hans"


def header_language(entry: PoEntry, name: str, mapping: Mapping) -> str:
    """The translation's language from the header entry; Simplified Chinese when it names none."""
    for line in entry.msgstr.get(0, "").split("\n"):
        key, _sep, value = line.partition(":")
        if key.strip().lower() == "language" and value.strip():
            raw = value.strip()
            try:
                lang = normalize(raw)
            except LanguageTagError as exc:
                raise LanguageTagError(
                    _("{reason} in the header's Language").format(reason=exc.message), file=name, line=entry.line
                ) from None
            if raw != lang:
                mapping.add(_("language {raw} -> {tag}").format(raw=raw, tag=lang))
            return lang
    mapping.add(_("no Language in the header: translations taken as {tag}").format(tag=ZH))
    return ZH


def entry_concept(entry: PoEntry, lang: str, name: str) -> Concept:
    """One translated entry as a concept (see the module docstring)."""
    del name  # like the other importers, no provenance: the file is the report's
    concept = Concept(type="term")
    concept.terms.append(Term(lang=EN, text=entry.msgid))
    if entry.msgid_plural is not None and entry.msgid_plural != entry.msgid:
        concept.terms.append(Term(lang=EN, text=entry.msgid_plural, status="admitted"))
    seen: list[str] = []
    for index in sorted(entry.msgstr):
        text = entry.msgstr[index]
        if text and text not in seen:
            seen.append(text)
            concept.terms.append(Term(lang=lang, text=text, status="preferred" if not index else "admitted"))
    notes = list(entry.comments)
    if entry.msgctxt:
        notes.append(f"context: {entry.msgctxt}")
    if "fuzzy" in entry.flags:
        notes.append("fuzzy")
    if notes:
        concept.note = "\n".join(notes)
    return concept


def read_po_glossary(path: Path, *, encoding: str | None = None, **_other: object) -> ImportBatch:
    """Read a PO glossary whole (a catalog is small); errors name the file and line."""
    name = str(path)
    entries = parse_po(decode_po(read_bytes(path), name, encoding), name)
    mapping = Mapping()
    header = next((e for e in entries if e.is_header), None)
    lang = header_language(header, name, mapping) if header is not None else ZH
    if header is None:
        mapping.add(_("no Language in the header: translations taken as {tag}").format(tag=ZH))
    concepts: list[Concept] = []
    for entry in entries:
        if entry.is_header:
            continue
        if not entry.msgid.strip():
            continue
        if not any(entry.msgstr.values()):
            mapping.add(_("untranslated entries skipped"))
            continue
        concepts.append(entry_concept(entry, lang, name))
        if entry.msgid_plural is not None:
            mapping.add(_("plural entries: msgid_plural admitted, each msgstr[n] a term"))
        if entry.msgctxt:
            mapping.add(_("msgctxt kept as a note"))
        if entry.comments:
            mapping.add(_("comments kept as notes"))
    mapping.add(_("msgid -> {src}, msgstr -> {tgt}").format(src=EN, tgt=lang), len(concepts))
    return ImportBatch(concepts, mapping.view(), [], format="po")


def _sniff(path: Path, head: bytes) -> bool:
    return path.suffix.lower() in (".po", ".pot") or sniff_po(path, head)


FORMAT = Format(
    name="po",
    order=50,
    description=N_("gettext PO glossary: msgid the English term, msgstr the translation"),
    extensions=(".po", ".pot"),
    read=read_po_glossary,
    sniff=_sniff,
)

__all__ = ["FORMAT", "entry_concept", "header_language", "read_po_glossary"]
