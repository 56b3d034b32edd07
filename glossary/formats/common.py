"""What the TBX flavours share: vocabularies, the note codec, and a tiny XML writer.

TBX-Basic has data categories for status, term type, part of speech,
subject field, context and source, but none for pinyin, romanization,
flags, concept type, confidence or evidence.  Those travel as ``<note>``
elements whose text starts with a fixed English key (``pinyin: shìjiè``),
which keeps the file valid TBX-Basic and readable in any TBX tool, and lets
our reader restore every field exactly.  A free-text note that happens to
start with one of these keys is written as ``note: <text>`` so it can never
be mistaken for one.

The XML is written by hand rather than through a tree: a concept at a time,
with a fixed attribute order and indentation, so the same term base gives
the same bytes and a million concepts need no more memory than one.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from glossary.errors import OutputError
from glossary.i18n import _
from glossary.lang import normalize
from glossary.model import CONCEPT_TYPES, STATUSES, TERM_TYPES, Concept, Flag, Source, Term

CONCEPT_TYPES_SET = frozenset(CONCEPT_TYPES)

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Our statuses as TBX-Basic administrativeStatus values, and back.
ADMIN_STATUS = {s: f"{s}Term-admn-sts" for s in STATUSES}
#: The newer TBX-Basic usageStatus vocabulary (``samples/basic_good.tbx``).
USAGE_STATUS = {
    "preferred": "preferred",
    "admitted": "admitted",
    "deprecated": "notRecommended",
    "superseded": "obsolete",
}

#: Every status spelling met in real files, lower-cased, to our status.
#: Values that are not exactly one of ours are reported as mapped.
STATUS_SPELLINGS = {
    **{v.lower(): k for k, v in ADMIN_STATUS.items()},
    **{v.lower(): k for k, v in USAGE_STATUS.items()},
    **{s: s for s in STATUSES},
    "preferredterm": "preferred",
    "standardizedterm-admn-sts": "preferred",
    "standardizedterm": "preferred",
    "standardized": "preferred",
    "admittedterm": "admitted",
    "acceptable": "admitted",
    "allowed": "admitted",
    "deprecatedterm": "deprecated",
    "forbidden": "deprecated",
    "forbiddenterm": "deprecated",
    "notrecommended": "deprecated",
    "not recommended": "deprecated",
    "rejected": "deprecated",
    "obsolete": "superseded",
    "supersededterm": "superseded",
    "legacy": "superseded",
}

TERM_TYPE_SPELLINGS = {
    **{t.lower(): t for t in TERM_TYPES},
    "shortform": "abbreviation",
    "short form": "abbreviation",
    "full form": "fullForm",
    "phrase": "fullForm",
    "initialism": "acronym",
}

#: partOfSpeech values each schema accepts; anything else travels as a note.
POS_V3 = ("adjective", "noun", "other", "verb", "adverb")
POS_V2 = ("noun", "verb", "adjective", "adverb", "properNoun", "other")

#: Keys of our structured notes; a free note starting with one is escaped.
NOTE_KEYS = (
    "type",
    "confidence",
    "evidence",
    "pinyin",
    "romanization",
    "flag",
    "partOfSpeech",
    "context",
    "parent",
    "note",
)
_KEYED = re.compile(r"^(" + "|".join(NOTE_KEYS) + r")\s*:\s?(.*)\Z", re.DOTALL)
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*\Z")
# Characters XML 1.0 cannot carry at all, even as references.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def escape_note(text: str) -> str:
    """Make a free-text note safe from being read back as a structured one."""
    return f"note: {text}" if _KEYED.match(text) else text


def parse_note(text: str) -> tuple[str | None, str]:
    """Split ``key: value`` notes; free notes give ``(None, text)``."""
    match = _KEYED.match(text)
    if not match:
        return None, text
    return match.group(1), match.group(2)


def format_source(source: Source) -> str:
    """``file:line``, or ``file`` (with a trailing colon when it would look like a line)."""
    if source.line is not None:
        return f"{source.file}:{source.line}"
    if re.search(r":\d*\Z", source.file):
        return f"{source.file}:"
    return source.file


def parse_source(text: str) -> Source:
    match = re.match(r"^(.*):(\d*)\Z", text, re.DOTALL)
    if match:
        return Source(file=match.group(1), line=int(match.group(2)) if match.group(2) else None)
    return Source(file=text)


def format_flag(flag: Flag) -> str:
    return f"{flag.code}: {flag.detail}" if flag.detail else flag.code


def parse_flag(text: str) -> Flag:
    code, sep, detail = text.partition(": ")
    return Flag(code=code, detail=detail if sep else "")


def is_xml_id(value: str | None) -> bool:
    return bool(value) and bool(_NCNAME.match(value or ""))


def export_id(concept: Concept) -> str:
    """The concept's uid when it is a valid ``xsd:ID``, else a stable derived one."""
    uid = concept.ensure_uid()
    if is_xml_id(uid):
        return uid
    return "c" + hashlib.sha1(uid.encode("utf-8")).hexdigest()[:12]


def strip_unwritable(value: str) -> tuple[str, int]:
    """``value`` without the characters XML 1.0 cannot carry, and how many there were.

    An import removes them (a U+0001 pasted into a spreadsheet cell), so a
    term base never holds a term no TBX export can write.
    """
    return _XML_BAD.subn("", value)


def check_xml_text(value: str, where: str) -> str:
    bad = _XML_BAD.search(value)
    if bad:
        raise OutputError(
            _("{where}: character U+{code:04X} cannot be written in XML").format(
                where=where, code=ord(bad.group())
            )
        )
    return value


def esc_text(value: str) -> str:
    """Escape element content; ``\\r`` becomes a reference so parsers keep it."""
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
    )


def esc_attr(value: str) -> str:
    return (
        esc_text(value)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\t", "&#9;")
    )


class XmlOut:
    """Indented element writer over a list of string pieces (one concept's worth)."""

    def __init__(self, where: str, indent: int = 0) -> None:
        self.parts: list[str] = []
        self.depth = indent
        self.where = where

    def _attrs(self, attrs: Sequence[tuple[str, str]]) -> str:
        return "".join(
            f' {k}="{esc_attr(check_xml_text(v, self.where))}"' for k, v in attrs
        )

    def open(self, tag: str, *attrs: tuple[str, str]) -> None:
        self.parts.append(f"{'  ' * self.depth}<{tag}{self._attrs(attrs)}>\n")
        self.depth += 1

    def close(self, tag: str) -> None:
        self.depth -= 1
        self.parts.append(f"{'  ' * self.depth}</{tag}>\n")

    def leaf(self, tag: str, text: str, *attrs: tuple[str, str]) -> None:
        body = esc_text(check_xml_text(text, self.where))
        self.parts.append(f"{'  ' * self.depth}<{tag}{self._attrs(attrs)}>{body}</{tag}>\n")

    def text(self) -> str:
        return "".join(self.parts)


def stream_xml(
    out: BinaryIO,
    head: str,
    tail: str,
    concepts: Iterable[Concept],
    write_one: Callable[[Concept, XmlOut], None],
    indent: int,
) -> int:
    """Write ``head``, each concept, ``tail`` as UTF-8; memory stays one concept deep."""
    out.write(head.encode("utf-8"))
    count = 0
    buffer: list[str] = []
    size = 0
    for concept in concepts:
        xml = XmlOut(where=concept.uid or "?", indent=indent)
        write_one(concept, xml)
        piece = xml.text()
        buffer.append(piece)
        size += len(piece)
        count += 1
        if size > 1 << 16:
            out.write("".join(buffer).encode("utf-8"))
            buffer.clear()
            size = 0
    if buffer:
        out.write("".join(buffer).encode("utf-8"))
    out.write(tail.encode("utf-8"))
    return count


def filter_langs(concepts: Iterable[Concept], langs: Sequence[str] | None) -> Iterator[Concept]:
    """Keep only terms in ``langs`` (canonical tags); concepts left with no term are dropped."""
    if not langs:
        yield from concepts
        return
    wanted = set(langs)
    for concept in concepts:
        terms = [t for t in concept.terms if t.lang in wanted]
        if not terms:
            continue
        if len(terms) == len(concept.terms):
            yield concept
            continue
        concept.ensure_uid()  # the id stays that of the whole concept
        yield Concept(
            type=concept.type,
            terms=terms,
            uid=concept.uid,
            subject=concept.subject,
            note=concept.note,
            confidence=concept.confidence,
            evidence=concept.evidence,
            sources=concept.sources,
        )


#: Values of the ``audience`` export option: every field, or what a translator and a CAT tool use.
AUDIENCES = ("full", "cat")


def for_cat(concepts: Iterable[Concept]) -> Iterator[Concept]:
    """The concepts as a translator or a CAT tool wants them: terms, statuses, pinyin, notes.

    Left out are the build's own details: provenance (file paths, lines, the
    text around a term), alignment evidence and confidence, review flags,
    and our ids (each concept is numbered ``c1``, ``c2``... in the order
    written, since TBX needs an id).  The full export keeps all of them.
    """
    for number, concept in enumerate(concepts, 1):
        yield Concept(
            type=concept.type,
            uid=f"c{number}",
            subject=concept.subject,
            note=concept.note,
            terms=[
                Term(lang=t.lang, text=t.text, status=t.status, term_type=t.term_type, pos=t.pos,
                     pinyin=t.pinyin, romanization=t.romanization, note=t.note)
                for t in concept.terms
            ],
        )


def by_language(concept: Concept) -> list[tuple[str, list[Term]]]:
    """Terms grouped by language, languages in order of first appearance."""
    groups: dict[str, list[Term]] = {}
    for term in concept.terms:
        groups.setdefault(term.lang, []).append(term)
    return list(groups.items())


@dataclass
class Mapping:
    """Counts what an import changed to fit the model, for the report."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, message: str, n: int = 1) -> None:
        self.counts[message] = self.counts.get(message, 0) + n

    def lines(self) -> list[str]:
        return [f"{m} ({n})" for m, n in sorted(self.counts.items())]

    def view(self) -> MappingLines:
        return MappingLines(self)


class MappingLines(Sequence[str]):
    """:meth:`Mapping.lines`, always current.

    A streamed import hands out its report before reading the file, so the
    lines must follow the counts as entries are read rather than be a copy
    taken at the start.
    """

    def __init__(self, mapping: Mapping) -> None:
        self._mapping = mapping

    def __getitem__(self, index):  # noqa: ANN001, ANN204 - int or slice, as list does
        return self._mapping.lines()[index]

    def __len__(self) -> int:
        return len(self._mapping.counts)

    def __iter__(self) -> Iterator[str]:
        return iter(self._mapping.lines())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return repr(self._mapping.lines())


def map_lang(raw: str, mapping: Mapping, where: str) -> str:
    """Normalize a file's language tag, recording every non-canonical spelling."""
    canonical = normalize(raw)
    if raw != canonical:
        mapping.add(_("language {raw} -> {tag}").format(raw=raw, tag=canonical))
    return canonical


#: The vocabulary each status category spells our statuses in.
_STATUS_VOCABULARIES = {"administrativeStatus": ADMIN_STATUS, "usageStatus": USAGE_STATUS}


def map_status(raw: str, mapping: Mapping, category: str = "") -> str | None:
    """Our status for ``raw``; spellings other than the category's own are reported."""
    value = raw.strip()
    status = STATUS_SPELLINGS.get(value.lower())
    if status is None:
        return None
    expected = _STATUS_VOCABULARIES.get(category)
    proper = expected[status] if expected else status
    if value != proper:
        mapping.add(_("status spelled {raw} read as {status}").format(raw=value, status=status))
    return status


def map_term_type(raw: str, mapping: Mapping) -> str | None:
    value = raw.strip()
    term_type = TERM_TYPE_SPELLINGS.get(value.lower())
    if term_type is not None and value != term_type:
        mapping.add(_("term type {raw} -> {term_type}").format(raw=value, term_type=term_type))
    return term_type
