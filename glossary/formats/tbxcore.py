"""The TBX machinery both TBX formats share: dialects, writer, reader, structure checks.

TBX v3 (ISO 30042:2019, :mod:`glossary.formats.tbx`) and TBX 2008
(``martif``, :mod:`glossary.formats.tbx2008`) differ in element names and a
few rules, which :class:`Dialect` holds; the whole-tree reader here and the
streamed one (:mod:`glossary.formats.tbxstream`) use the same
:class:`Reader` and the same checks.  This module is below all three, so
none of them imports another's private parts.

How the model maps to the elements is tabled in :mod:`glossary.formats.tbx`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from glossary.errors import InputError, LanguageTagError
from glossary.formats.base import STATUS_VOCABS, ImportBatch
from glossary.formats.common import (
    ADMIN_STATUS,
    CONCEPT_TYPES_SET,
    POS_V2,
    POS_V3,
    TBX_NS,
    USAGE_STATUS,
    XML_LANG,
    Mapping,
    XmlOut,
    by_language,
    escape_note,
    export_id,
    filter_langs,
    format_flag,
    format_source,
    is_xml_id,
    map_lang,
    map_status,
    map_term_type,
    parse_flag,
    parse_note,
    parse_source,
    stream_xml,
)
from glossary.formats.validate import (
    RULED_TAGS,
    builtin_core_problems,
    element_problems,
    load_rng,
    tree_is_clean,
)
from glossary.i18n import _
from glossary.lang import for_export
from glossary.model import Concept, Source, Term
from glossary.xmlsafe import document_start

CORE_RNG = "TBXcoreStructV03.rng"

#: Suffixes both TBX formats claim, so their content decides between them.
TBX_EXTENSIONS = (".tbx", ".xml")

#: Local names of the elements that make one concept.
ENTRY_TAGS = ("conceptEntry", "termEntry")
_LANG_SECTIONS = frozenset(("langSec", "langSet"))
_TERM_SECTIONS = frozenset(("termSec", "tig", "ntig"))
_TERM_NOTES = frozenset(("termNote", "termNoteGrp"))
_STATUS_KINDS = frozenset(("administrativeStatus", "usageStatus", "normativeAuthorization"))


@dataclass(frozen=True)
class Dialect:
    name: str
    entry: str
    lang_sec: str
    term_sec: str
    pos_values: tuple[str, ...]
    head: str
    tail: str
    body_open: str
    body_close: str
    indent: int


V3 = Dialect(
    name="tbx",
    entry="conceptEntry",
    lang_sec="langSec",
    term_sec="termSec",
    pos_values=POS_V3,
    head=(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NS}">\n'
        "  <tbxHeader>\n"
        "    <fileDesc>\n"
        "      <sourceDesc>\n"
        "        <p>Exported by glossary (TBX-Basic, DCA style)</p>\n"
        "      </sourceDesc>\n"
        "    </fileDesc>\n"
        "  </tbxHeader>\n"
        "  <text>\n"
    ),
    tail="  </text>\n</tbx>\n",
    body_open="    <body>\n",
    body_close="    </body>\n",
    indent=3,
)

V2 = Dialect(
    name="tbx2008",
    entry="termEntry",
    lang_sec="langSet",
    term_sec="tig",
    pos_values=POS_V2,
    head=(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<martif type="TBX-Basic" xml:lang="en">\n'
        "  <martifHeader>\n"
        "    <fileDesc>\n"
        "      <sourceDesc>\n"
        "        <p>Exported by glossary (TBX-Basic, TBX 2008)</p>\n"
        "      </sourceDesc>\n"
        "    </fileDesc>\n"
        "  </martifHeader>\n"
        "  <text>\n"
    ),
    tail="  </text>\n</martif>\n",
    body_open="    <body>\n",
    body_close="    </body>\n",
    indent=3,
)


# -- writing ---------------------------------------------------------------------


def _write_sources(xml: XmlOut, sources: Iterable[Source], *, term_level: bool) -> None:
    for source in sources:
        where = format_source(source)
        if term_level and source.context:
            xml.open("descripGrp")
            xml.leaf("descrip", source.context, ("type", "context"))
            xml.leaf("admin", where, ("type", "source"))
            xml.close("descripGrp")
        else:
            xml.leaf("admin", where, ("type", "source"))
            if source.context:
                xml.leaf("note", f"context: {source.context}")
        if source.parent:
            xml.leaf("note", f"parent: {source.parent}")


def _write_term(xml: XmlOut, term: Term, dialect: Dialect, status_vocab: str) -> None:
    xml.open(dialect.term_sec)
    xml.leaf("term", term.text)
    xml.leaf("termNote", term.term_type, ("type", "termType"))
    if term.pos is not None and term.pos in dialect.pos_values:
        xml.leaf("termNote", term.pos, ("type", "partOfSpeech"))
    if status_vocab == "usage":
        xml.leaf("termNote", USAGE_STATUS[term.status], ("type", "usageStatus"))
    else:
        xml.leaf("termNote", ADMIN_STATUS[term.status], ("type", "administrativeStatus"))
    if term.pos is not None and term.pos not in dialect.pos_values:
        xml.leaf("note", f"partOfSpeech: {term.pos}")
    if term.pinyin is not None:
        xml.leaf("note", f"pinyin: {term.pinyin}")
    if term.romanization is not None:
        xml.leaf("note", f"romanization: {term.romanization}")
    for flag in term.flags:
        xml.leaf("note", f"flag: {format_flag(flag)}")
    if term.note is not None:
        xml.leaf("note", escape_note(term.note))
    _write_sources(xml, term.sources, term_level=True)
    xml.close(dialect.term_sec)


def _writer(dialect: Dialect, lang_style: str, status_vocab: str):  # noqa: ANN202
    def write_one(concept: Concept, xml: XmlOut) -> None:
        xml.open(dialect.entry, ("id", export_id(concept)))
        if concept.subject is not None:
            xml.leaf("descrip", concept.subject, ("type", "subjectField"))
        xml.leaf("note", f"type: {concept.type}")
        if concept.confidence is not None:
            xml.leaf("note", f"confidence: {concept.confidence!r}")
        for item in concept.evidence:
            xml.leaf("note", f"evidence: {item}")
        if concept.note is not None:
            xml.leaf("note", escape_note(concept.note))
        _write_sources(xml, concept.sources, term_level=False)
        for lang, terms in by_language(concept):
            xml.open(dialect.lang_sec, ("xml:lang", for_export(lang, lang_style)))
            for term in terms:
                _write_term(xml, term, dialect, status_vocab)
            xml.close(dialect.lang_sec)
        xml.close(dialect.entry)

    return write_one


def write_tbx(
    concepts: Iterable[Concept],
    out: BinaryIO,
    *,
    dialect: Dialect = V3,
    lang_style: str = "region",
    status_vocab: str = "administrative",
) -> int:
    """Stream ``concepts`` as TBX-Basic; returns the number written."""
    if status_vocab not in STATUS_VOCABS:
        raise ValueError(status_vocab)
    write_one = _writer(dialect, lang_style, status_vocab)
    state = {"open": False}

    def guarded(concept: Concept, xml: XmlOut) -> None:
        if not state["open"]:
            xml.parts.append(dialect.body_open)
            state["open"] = True
        write_one(concept, xml)

    # <body> needs one entry at least: opened with the first, so an empty
    # export is still a valid document.
    count = stream_xml(out, dialect.head, "", concepts, guarded, dialect.indent)
    tail = (dialect.body_close if state["open"] else "") + dialect.tail
    out.write(tail.encode("utf-8"))
    return count


def export_dialect(
    dialect: Dialect,
    concepts: Iterable[Concept],
    out: BinaryIO,
    *,
    langs: Sequence[str] | None = None,
    lang_style: str = "region",
    status_vocab: str = "administrative",
    **_other: object,
) -> int:
    """The exporter of both TBX formats: the options of :data:`glossary.formats.base.Exporter`."""
    return write_tbx(
        filter_langs(concepts, langs),
        out,
        dialect=dialect,
        lang_style=lang_style,
        status_vocab=status_vocab,
    )


# -- reading ---------------------------------------------------------------------


#: Qualified tag -> local name, for the names met (a file uses a few dozen; bounded all the same).
_LOCAL_NAMES: dict[str, str] = {}
_LOCAL_NAMES_KEPT = 1024


def local_name(tag: object) -> str:
    """An element's name without its namespace; "" for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = tag.rsplit("}", 1)[-1]
        if len(_LOCAL_NAMES) < _LOCAL_NAMES_KEPT:
            _LOCAL_NAMES[tag] = name
    return name


def _text(el) -> str:  # noqa: ANN001 - lxml element
    """The element's text with its descendants'; a leaf's is its own (the common case, no iterator)."""
    if not len(el):
        return el.text or ""
    return "".join(el.itertext())


class _State:
    """Per-element reading state: free notes, and the source notes attach to.

    A plain class with slots: one is made per term, a million times per import.
    """

    __slots__ = ("last_source", "notes")

    def __init__(self) -> None:
        self.notes: list[str] = []
        self.last_source: Source | None = None


#: How many spellings of languages, statuses and term types a Reader keeps the verdicts of.
_SPELLINGS_KEPT = 256


#: What a TBX file holds, read lazily (the same thing as any format's batch).
#:
#: ``concepts`` is an iterator: the file is read as it is consumed, and
#: ``mapped`` and ``rejected`` grow as it goes, so they are complete only
#: once ``concepts`` is exhausted.  A structural error may be raised by the
#: iterator itself when the file is streamed.
ReadResult = ImportBatch


class Reader:
    """Turns ``conceptEntry``/``termEntry`` elements into concepts, noting what it mapped."""

    def __init__(self, name: str, dialect_name: str) -> None:
        self.name = name
        self.format = dialect_name
        self.mapping = Mapping()
        self.rejected: list[tuple[str, str]] = []
        #: Raw xml:lang -> (canonical tag, its mapping message or None); see :meth:`language`.
        self._languages: dict[str, tuple[str, str | None]] = {}
        #: The same for statuses ((category, value) ->) and term types; see :meth:`status`.
        self._statuses: dict[tuple[str, str], tuple[str | None, str | None]] = {}
        self._term_types: dict[str, tuple[str | None, str | None]] = {}

    def where(self, el) -> str:  # noqa: ANN001
        return f"{self.name}:{el.sourceline}"

    def keep_as_note(self, el, state: _State) -> None:  # noqa: ANN001
        """An element the model has no field for: keep its text as a note."""
        tag = local_name(el.tag)
        kind = el.get("type") or tag
        if tag.endswith("Grp"):
            for child in el:
                if isinstance(child.tag, str):
                    self.keep_as_note(child, state)
            return
        text = _text(el).strip()
        if el.get("target"):
            text = f"{text} <{el.get('target')}>".strip()
        state.notes.append(f"{kind}: {text}")
        self.mapping.add(_("{category} kept as a note").format(category=kind))

    def source_from(self, el, state: _State, sources: list[Source], context: str = "") -> None:  # noqa: ANN001
        source = parse_source(_text(el).strip())
        source.context = context
        sources.append(source)
        state.last_source = source

    def note(self, el, state: _State, *, concept: Concept | None, term: Term | None) -> None:  # noqa: ANN001
        self.note_text(_text(el), state, concept=concept, term=term)

    def note_text(self, text: str, state: _State, *, concept: Concept | None, term: Term | None) -> None:
        """A ``<note>`` whose text is ``text``: a keyed one fills its field, a free one is kept."""
        # Every key is followed by a colon: a note without one is free (no regex for most of them).
        key, value = parse_note(text) if ":" in text else (None, text)
        if key in ("context", "parent") and state.last_source is not None:
            if key == "context":
                state.last_source.context = value
            else:
                state.last_source.parent = value
            return
        if key == "note":
            state.notes.append(value)
            return
        if concept is not None:
            if key == "type" and value.strip() in CONCEPT_TYPES_SET:
                concept.type = value.strip()
                return
            if key == "confidence":
                try:
                    concept.confidence = float(value)
                    return
                except ValueError:
                    pass
            if key == "evidence":
                concept.evidence.append(value)
                return
        if term is not None:
            if key == "pinyin":
                term.pinyin = value
                return
            if key == "romanization":
                term.romanization = value
                return
            if key == "flag":
                term.flags.append(parse_flag(value))
                return
            if key == "partOfSpeech":
                term.pos = value
                return
        state.notes.append(text)

    def aux(self, el, state: _State, sources: list[Source], *, concept: Concept | None,  # noqa: ANN001
            term: Term | None) -> None:
        tag = local_name(el.tag)
        kind = el.get("type")
        if tag == "note":
            self.note(el, state, concept=concept, term=term)
        elif tag == "admin" and kind == "source":
            self.source_from(el, state, sources)
        elif tag == "descrip" and kind == "subjectField" and concept is not None and term is None:
            value = _text(el)
            concept.subject = value if concept.subject is None else f"{concept.subject}; {value}"
        elif tag == "descripGrp":
            descrip = next((c for c in el if local_name(c.tag) == "descrip"), None)
            admins = [c for c in el if local_name(c.tag) == "admin" and c.get("type") == "source"]
            if (
                descrip is not None
                and descrip.get("type") == "context"
                and term is not None
                and len(admins) == 1
            ):
                self.source_from(admins[0], state, sources, context=_text(descrip))
                for child in el:
                    if isinstance(child.tag, str) and child is not descrip and child is not admins[0]:
                        self.aux(child, state, sources, concept=concept, term=term)
            else:
                for child in el:
                    if isinstance(child.tag, str):
                        self.aux(child, state, sources, concept=concept, term=term)
        elif tag == "adminGrp":
            for child in el:
                if isinstance(child.tag, str):
                    self.aux(child, state, sources, concept=concept, term=term)
        else:
            self.keep_as_note(el, state)

    def term(self, el, lang: str, seen_status: list[bool]) -> Term | None:  # noqa: ANN001
        """Read a termSec, tig or ntig."""
        term_el = None
        notes: list = []
        aux: list = []
        tag = local_name(el.tag)
        for child in el:
            ctag = child.tag
            if not isinstance(ctag, str):
                continue
            ctag = local_name(ctag)
            if ctag == "term" and term_el is None:
                term_el = child
            elif ctag == "termGrp" and tag == "ntig":
                for grand in child:
                    gtag = local_name(grand.tag)
                    if gtag == "term" and term_el is None:
                        term_el = grand
                    elif gtag in _TERM_NOTES:
                        notes.append((gtag, grand))
                    elif gtag:
                        aux.append(grand)
            elif ctag in _TERM_NOTES:
                notes.append((ctag, child))
            else:
                aux.append(child)
        if term_el is None:
            raise InputError(
                _("<{tag}> has no <term>").format(tag=tag), file=self.name, line=el.sourceline
            )
        items = []
        for name, note in notes:
            if name == "termNoteGrp":
                inner = [c for c in note if isinstance(c.tag, str)]
                note = next((c for c in inner if local_name(c.tag) == "termNote"), None)
                if note is None:
                    continue
            items.append((note.get("type") or "", _text(note).strip(), note))
        return self.make_term(term_el, _text(term_el), items, aux, lang, seen_status)

    def make_term(self, term_el, text: str, notes: Sequence[tuple[str, str, object]],  # noqa: ANN001
                  aux: Sequence, lang: str, seen_status: list[bool]) -> Term | None:
        """The term of a term section, from the parts :meth:`term` found in it.

        ``text`` is ``term_el``'s text; ``notes`` the section's ``termNote``
        elements as (type, stripped text, element), ``aux`` its other elements,
        in file order (a leaf ``<note>`` may come as its text).  The streamed
        reader finds these parts in its own walk.
        """
        text = text.strip()
        if not text:
            self.rejected.append((self.where(term_el), _("empty term")))
            return None
        term = Term(lang, text)
        state = _State()
        status: str | None = None
        mapping = self.mapping
        statuses = self._statuses
        for kind, value, note in notes:
            if kind in _STATUS_KINDS:
                known = statuses.get((kind, value))
                if known is None or known[1] is not None:
                    mapped = self.status(value, kind)
                else:  # the common case, inline: a spelling met before, nothing to note
                    mapped = known[0]
                if mapped is None:
                    state.notes.append(f"{kind}: {value}")
                    mapping.add(_("unknown status {value} kept as a note").format(value=value))
                elif status is None:
                    status = mapped
            elif kind == "termType":
                known = self._term_types.get(value)
                mapped = known[0] if known is not None and known[1] is None else self.term_type(value)
                if mapped is None:
                    state.notes.append(f"termType: {value}")
                    mapping.add(_("unknown term type {value} kept as a note").format(value=value))
                else:
                    term.term_type = mapped
            elif kind == "partOfSpeech":
                term.pos = value
            elif kind == "pronunciation" and lang.startswith("zh") and term.pinyin is None:
                term.pinyin = value
                mapping.add(_("pronunciation -> pinyin"))
            else:
                self.keep_as_note(note, state)
        if status is None:
            # Synonyms without a status: the first is taken as preferred.
            status = "admitted" if seen_status[0] else "preferred"
            mapping.add(_("no status: first term preferred, others admitted"))
        if status == "preferred":
            seen_status[0] = True
        term.status = status
        for child in aux:
            if child.__class__ is str:  # a leaf <note>'s text, as the streamed reader hands it over
                self.note_text(child, state, concept=None, term=term)
            else:
                self.aux(child, state, term.sources, concept=None, term=term)
        if state.notes:
            term.note = "\n".join(state.notes)
        return term

    def status(self, value: str, kind: str) -> str | None:
        """:func:`map_status` of a ``termNote`` of type ``kind``, worked out once per spelling.

        A file spells its statuses a few ways for a million terms: the
        verdict and its mapping message are kept (the count still grows).
        """
        known = self._statuses.get((kind, value))
        if known is None:
            counted = Mapping()
            known = (map_status(value, counted, kind), next(iter(counted.counts), None))
            if len(self._statuses) < _SPELLINGS_KEPT:
                self._statuses[(kind, value)] = known
        if known[1] is not None:
            self.mapping.add(known[1])
        return known[0]

    def term_type(self, value: str) -> str | None:
        """:func:`map_term_type`, worked out once per spelling like :meth:`status`."""
        known = self._term_types.get(value)
        if known is None:
            counted = Mapping()
            known = (map_term_type(value, counted), next(iter(counted.counts), None))
            if len(self._term_types) < _SPELLINGS_KEPT:
                self._term_types[value] = known
        if known[1] is not None:
            self.mapping.add(known[1])
        return known[0]

    def entry(self, el) -> Concept | None:  # noqa: ANN001
        uid = el.get("id")
        valid = is_xml_id(uid)
        concept = Concept(type="term", uid=uid if valid else None)
        if uid and not valid:
            self.mapping.add(_("id that is not an xsd:ID replaced by a derived one"))
        state = _State()
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            tag = local_name(tag)
            if tag in _LANG_SECTIONS:
                self.lang_section(child, concept, state)
            else:
                self.aux(child, state, concept.sources, concept=concept, term=None)
        if state.notes:
            concept.note = "\n".join(state.notes)
        if not concept.terms:
            self.rejected.append((self.where(el), _("entry has no usable term")))
            return None
        return concept

    def language(self, el) -> str:  # noqa: ANN001
        """The section's language tag, normalized (and the spelling noted); LanguageTagError if unknown.

        A file has a few tags for a million sections: each is normalized
        once, and its mapping message made once (the count still grows).
        """
        raw = el.get(XML_LANG)
        if not raw:
            raise InputError(
                _("<{tag}> has no xml:lang").format(tag=local_name(el.tag)), file=self.name, line=el.sourceline
            )
        known = self._languages.get(raw)
        if known is None:
            counted = Mapping()
            known = (map_lang(raw, counted, self.where(el)), next(iter(counted.counts), None))
            if len(self._languages) < _SPELLINGS_KEPT:
                self._languages[raw] = known
        if known[1] is not None:
            self.mapping.add(known[1])
        return known[0]

    def known_language(self, raw: str) -> str | None:
        """The canonical tag of ``raw`` (its mapping noted) if :meth:`language` met it already, else None."""
        known = self._languages.get(raw)
        if known is None:
            return None
        if known[1] is not None:
            self.mapping.add(known[1])
        return known[0]

    def section_language(self, el) -> str | None:  # noqa: ANN001
        """:meth:`language`, or None (and the section rejected) if the tag is not one we know."""
        try:
            return self.language(el)
        except LanguageTagError as exc:
            self.rejected.append((self.where(el), exc.message))
            return None

    def lang_section(self, el, concept: Concept, state: _State) -> None:  # noqa: ANN001
        lang = self.section_language(el)
        if lang is None:
            return
        seen = [any(t.status == "preferred" and t.lang == lang for t in concept.terms)]
        lang_state = _State()
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            tag = local_name(tag)
            if tag in _TERM_SECTIONS:
                term = self.term(child, lang, seen)
                if term is not None:
                    concept.terms.append(term)
            else:
                # Language-level data has no place in the model: the concept keeps it.
                self.aux(child, lang_state, concept.sources, concept=None, term=None)
        state.notes.extend(lang_state.notes)

    def entries(self, elements: Iterable) -> Iterator[Concept]:  # noqa: ANN001 - lxml elements
        for el in elements:
            concept = self.entry(el)
            if concept is not None:
                yield concept

    def lenient_entries(self, elements: Iterable, v3: bool) -> Iterator[Concept]:  # noqa: ANN001
        """:meth:`entries`, skipping (and reporting with its line) each entry that breaks the structure."""
        for el in elements:
            concept: Concept | None = None
            problems = entry_problems(el, self.name, v3)
            if not problems:
                try:
                    concept = self.entry(el)
                except InputError as exc:
                    problems = [(exc.line or el.sourceline, exc.message)]
            if problems:
                line, reason = problems[0]
                self.rejected.append(
                    (f"{self.name}:{el.sourceline}", _("entry skipped: {reason} (line {line})").format(
                        reason=reason, line=line))
                )
                continue
            if concept is not None:
                yield concept

    def result(self, concepts: Iterator[Concept]) -> ReadResult:
        return ReadResult(concepts, self.mapping.view(), self.rejected, self.format)


# -- structure --------------------------------------------------------------------


def detect(root) -> str:  # noqa: ANN001
    """``tbx`` (v3), ``tbx2008`` (martif) or raise."""
    tag = local_name(root.tag)
    if tag == "tbx":
        return "tbx"
    if tag == "martif":
        return "tbx2008"
    raise InputError(
        _("not a TBX file: the root element is <{tag}>").format(tag=tag), line=root.sourceline
    )


def core_schema():  # noqa: ANN201 - etree.RelaxNG or None
    return load_rng("v3")


def check_namespace(root, name: str) -> None:  # noqa: ANN001
    if root.tag != f"{{{TBX_NS}}}tbx":
        raise InputError(
            _("TBX v3 root <tbx> must be in the namespace {ns}").format(ns=TBX_NS),
            file=name,
            line=root.sourceline,
        )


def structure_error(problems: Sequence[tuple[int | None, str]], name: str) -> InputError:
    """The first of ``problems`` as an error, with a count of the rest."""
    line, reason = problems[0]
    message = _("breaks the TBX core structure: {reason}").format(reason=reason)
    if len(problems) > 1:
        message += " " + _("(and {n} more problems; run 'glossary validate')").format(
            n=len(problems) - 1
        )
    return InputError(message, file=name, line=line)


def check_core_structure(tree, name: str) -> None:  # noqa: ANN001
    """Reject a v3 file that breaks the TBX core structure, naming the first problem."""
    root = tree.getroot()
    check_namespace(root, name)
    schema = core_schema()
    if schema is not None:
        if schema.validate(tree):
            return
        problems = [(e.line, e.message) for e in schema.error_log]
    else:
        problems = builtin_core_problems(root)
        if not problems:
            return
    raise structure_error(problems, name)


# TBX 2008 (martif): the rules a reader relies on.


def check_element(el, name: str) -> None:  # noqa: ANN001 - lxml element
    """The martif rules for one element, which only look at it and its children.

    Shared by the whole-tree check and the streamed import, which checks
    each ``termEntry`` as it is read.
    """
    tag = local_name(el.tag)
    if tag == "termEntry":
        if not any(local_name(c.tag) == "langSet" for c in el):
            raise InputError(_("<termEntry> has no <langSet>"), file=name, line=el.sourceline)
    elif tag == "langSet":
        if not el.get(XML_LANG):
            raise InputError(_("<langSet> has no xml:lang"), file=name, line=el.sourceline)
    elif tag == "tig":
        terms = [c for c in el if local_name(c.tag) == "term"]
        if len(terms) != 1:
            raise InputError(
                _("<tig> must hold exactly one <term>, found {n}").format(n=len(terms)),
                file=name,
                line=el.sourceline,
            )
    elif tag == "ntig":
        grp = [c for c in el if local_name(c.tag) == "termGrp"]
        if len(grp) != 1 or not any(local_name(c.tag) == "term" for c in grp[0]):
            raise InputError(
                _("<ntig> must hold one <termGrp> with a <term>"), file=name, line=el.sourceline
            )


def no_entry_error(root, name: str) -> InputError:  # noqa: ANN001
    """A martif document without a single entry: nothing to import, so an error."""
    return InputError(_("no <termEntry> in this TBX file"), file=name, line=root.sourceline)


def check_structure(tree, name: str) -> None:  # noqa: ANN001 - lxml tree
    """The parts of the martif structure a reader relies on.

    The TBX-Basic 2008 RELAX NG is stricter than what vendors write (Lokalize
    omits ``martifHeader``), so only what would make the data ambiguous is
    an error here; ``glossary validate`` reports the rest.
    """
    root = tree.getroot()
    seen = False
    for el in root.iter():
        check_element(el, name)
        seen = seen or local_name(el.tag) == "termEntry"
    if not seen:
        raise no_entry_error(root, name)


def entry_problems(el, name: str, v3: bool) -> list[tuple[int | None, str]]:  # noqa: ANN001
    """What breaks the structure inside one entry: the built-in core rules (v3) or the martif ones."""
    if v3:
        if tree_is_clean(el):
            return []
        return [p for sub in el.iter(*RULED_TAGS) for p in element_problems(sub)]
    try:
        for sub in el.iter():
            check_element(sub, name)
    except InputError as exc:
        return [(exc.line, exc.message)]
    return []


def read_tree(tree, name: str, *, lenient: bool = False) -> ReadResult:  # noqa: ANN001
    """Check the whole tree, then read its entries lazily (the tree is already in memory).

    ``lenient``: a file that breaks the structure is read anyway, entry by
    entry; each entry that breaks it (or cannot be read) is skipped and
    listed in ``rejected`` with its line, every other one kept, so a
    vendor's slightly wrong export loses only what is wrong in it.
    """
    root = tree.getroot()
    try:
        fmt = detect(root)
    except InputError as exc:
        exc.file = name
        raise
    reader = Reader(name, fmt)
    try:
        if fmt == "tbx":
            check_core_structure(tree, name)
        else:
            check_structure(tree, name)
    except InputError as exc:
        if not lenient or fmt == "tbx" and root.tag != f"{{{TBX_NS}}}tbx":
            raise
        del exc  # each broken entry is reported on its own, below
        reader.mapping.add(_("lenient: the file breaks the TBX structure; its valid entries are kept"))
    elements = [el for el in root.iter() if local_name(el.tag) in ENTRY_TAGS]
    if lenient:
        return reader.result(reader.lenient_entries(elements, fmt == "tbx"))
    return reader.result(reader.entries(elements))


def looks_like_tbx(path: Path, head: bytes) -> bool:
    """XML by its first byte, or named ``.tbx``/``.xml``: one of the TBX formats."""
    return document_start(head).startswith(b"<") or path.suffix.lower() in TBX_EXTENSIONS


def is_martif(head: bytes) -> bool:
    """The file's start names a ``martif`` root: TBX 2008, not v3."""
    return b"<martif" in document_start(head)
