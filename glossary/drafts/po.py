"""Gettext PO catalogs: a small strict parser that knows its line numbers.

translate-toolkit's PO reader does not report where an entry starts, and
the lint report must point at the line of the ``msgid``; a strict parser of
our own is also several times faster and rejects what ``msgfmt`` rejects
instead of guessing.

Choices, documented for users:

* The header entry, obsolete entries (``#~``) and untranslated entries
  (empty ``msgstr``) are skipped: the catalog's own workflow tracks the
  untranslated ones, and linting an empty string finds nothing useful.
* Fuzzy entries are kept, with the note ``fuzzy`` added to their notes (the
  translation exists and may ship, so its terms matter).
* Translator comments (``# ...``) and extracted comments (``#. ...``) go to
  :attr:`Segment.notes`, where inline ignore markers are looked for.
* ``unit`` is the msgid, or ``msgctxt + "\\x04" + msgid`` when there is a
  context: gettext's and translate-toolkit's own key, so ids match the other
  tools.  A plural entry gives one segment per non-empty ``msgstr[n]``, with
  unit ``key[n]`` and source ``msgid`` for form 0 and ``msgid_plural``
  for the others.
* ``line`` is the line of the ``msgid`` keyword.
* The entry's flags (``#, c-format, fuzzy``) are kept on :attr:`Segment.flags`:
  they say which placeholder syntax the message uses.
* The encoding is the header's ``charset=`` (``GB2312`` and ``GBK`` read as
  GB18030, their superset); a byte order mark or the caller's ``encoding``
  wins over it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from glossary.drafts.base import Draft, Segment, SimpleReader, head_text, looks_like_markup
from glossary.errors import InputError, LanguageTagError
from glossary.i18n import N_, _
from glossary.lang import normalize
from glossary.text.decode import decode_bytes, read_bytes, sniff_bom

CONTEXT_SEPARATOR = "\x04"

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(.*)")
_WORDS = frozenset({"msgctxt", "msgid", "msgid_plural", "msgstr"})
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_ESCAPE = re.compile(r"\\(?:([abfnrtv\"\\'?])|([0-7]{1,3})|x([0-9A-Fa-f]{1,8}))")
_SIMPLE_ESCAPES = {
    "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
    '"': '"', "\\": "\\", "'": "'", "?": "?",
}  # fmt: skip
_CHARSET = re.compile(rb"charset\s*=\s*([A-Za-z0-9_.:-]+)")
_MSGID_LINE = re.compile(rb"^[ \t]*msgid[ \t]", re.MULTILINE)
_SNIFF_MSGID = re.compile(r"^msgid\s+\"", re.MULTILINE)


@dataclass
class PoEntry:
    """One parsed entry; ``msgstr`` maps the form index (0 for singular) to text."""

    msgid: str
    line: int
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        if self.msgctxt is None:
            return self.msgid
        return self.msgctxt + CONTEXT_SEPARATOR + self.msgid

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


def read_po(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    encoding: str | None = None,
) -> Draft:
    """Read a PO catalog; ``target_lang`` (canonical) overrides the header's ``Language``."""
    name = str(path)
    text = decode_po(read_bytes(path), name, encoding)
    entries = parse_po(text, name)
    file_target = None
    segments: list[Segment] = []
    for entry in entries:
        if entry.is_header:
            if target_lang is None:
                file_target = _header_language(entry, name)
            continue
        segments.extend(entry_segments(entry, name))
    return Draft(segments, None, file_target, "po", [name])


def decode_po(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode by BOM, else the caller's encoding, else the header's charset, else sniffing."""
    if encoding is None and sniff_bom(data)[0] is None:
        match = _CHARSET.search(data, 0, _header_end(data))
        if match and match.group(1).upper() != b"CHARSET":
            encoding = match.group(1).decode("ascii")
            line = data[: match.start()].count(b"\n") + 1
            try:
                return _decode(data, name, encoding)
            except InputError as exc:
                if exc.file is None:  # an unknown codec name: say where it was named
                    raise InputError(exc.message, file=name, line=line) from None
                raise
    return _decode(data, name, encoding)


def _header_end(data: bytes) -> int:
    """Where the first entry (the header) ends: the charset is declared there only,
    while any msgid further down may mention "charset=" in its text."""
    first = _MSGID_LINE.search(data)
    second = _MSGID_LINE.search(data, first.end()) if first else None
    return second.start() if second else len(data)


def _decode(data: bytes, name: str, encoding: str | None) -> str:
    text = decode_bytes(data, name, encoding)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def entry_segments(entry: PoEntry, name: str) -> list[Segment]:
    """The segments of one translated entry (none when it is untranslated)."""
    notes = list(entry.comments)
    flags = tuple(flag for flag in entry.flags if flag)
    if "fuzzy" in entry.flags:
        notes.append("fuzzy")
    if entry.msgid_plural is None:
        target = entry.msgstr.get(0, "")
        if not target:
            return []
        return [Segment(entry.msgid, target, name, entry.line, entry.key, None, notes, flags)]
    segments = []
    for index in sorted(entry.msgstr):
        target = entry.msgstr[index]
        if target:
            source = entry.msgid if index == 0 else entry.msgid_plural
            unit = f"{entry.key}[{index}]"
            segments.append(Segment(source, target, name, entry.line, unit, None, list(notes), flags))
    return segments


def _header_language(entry: PoEntry, name: str) -> str | None:
    for header_line in entry.msgstr.get(0, "").split("\n"):
        key, _sep, value = header_line.partition(":")
        if key.strip().lower() == "language" and value.strip():
            try:
                return normalize(value.strip())
            except LanguageTagError as exc:
                raise LanguageTagError(
                    _("{reason} in the header's Language; give --target-lang").format(
                        reason=exc.message
                    ),
                    file=name,
                    line=entry.line,
                ) from None
    return None


def unquote(literal: str, name: str, line: int) -> str:
    """The value of one C-quoted PO string (``"..."``), strictly."""
    if len(literal) >= 2 and literal[0] == '"' and literal[-1] == '"':
        body = literal[1:-1]
        if '"' not in body and "\\" not in body:  # the common case, no regex
            return body
    if not _STRING.fullmatch(literal):
        raise InputError(
            _("malformed PO: expected a quoted string, found {text}").format(text=literal[:40]),
            file=name,
            line=line,
        )
    body = literal[1:-1]
    if "\\" not in body:
        return body
    rest = _ESCAPE.sub("", body)
    if "\\" in rest:
        raise InputError(_("malformed PO: unknown escape sequence"), file=name, line=line)
    try:
        return _ESCAPE.sub(_unescape, body)
    except ValueError:
        raise InputError(
            _("malformed PO: an escape sequence beyond Unicode or a lone surrogate"), file=name, line=line
        ) from None


def _unescape(match: re.Match[str]) -> str:
    """One escape's character; ValueError for a code point no text holds (beyond U+10FFFF, a surrogate)."""
    simple, octal, hexa = match.groups()
    if simple:
        return _SIMPLE_ESCAPES[simple]
    code = int(octal, 8) if octal else int(hexa, 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise ValueError(code)
    return chr(code)


class _Builder:
    """Accumulates the entry being read; knows which string a continuation extends."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.entries: list[PoEntry] = []
        self.reset()

    def reset(self) -> None:
        self.comments: list[str] = []
        self.flags: list[str] = []
        self.msgctxt: list[str] | None = None
        self.msgid: list[str] | None = None
        self.msgid_line = 0
        self.msgid_plural: list[str] | None = None
        self.msgstr: dict[int, list[str]] = {}
        self.plural_forms = False
        self.current: list[str] | None = None
        self.first_line = 0

    @property
    def started(self) -> bool:
        return self.msgctxt is not None or self.msgid is not None

    def error(self, message: str, line: int) -> InputError:
        return InputError(message, file=self.name, line=line)

    def flush(self) -> None:
        if self.msgid is not None:
            if not self.msgstr:
                raise self.error(_("malformed PO: msgid without msgstr"), self.msgid_line)
            if self.msgid_plural is not None and not self.plural_forms:
                raise self.error(_("malformed PO: msgid_plural needs msgstr[n]"), self.msgid_line)
            self.entries.append(
                PoEntry(
                    msgid="".join(self.msgid),
                    line=self.msgid_line,
                    msgctxt=None if self.msgctxt is None else "".join(self.msgctxt),
                    msgid_plural=None if self.msgid_plural is None else "".join(self.msgid_plural),
                    msgstr={index: "".join(parts) for index, parts in self.msgstr.items()},
                    comments=self.comments,
                    flags=self.flags,
                )
            )
        elif self.msgctxt is not None:
            raise self.error(_("malformed PO: msgctxt without msgid"), self.first_line)
        self.reset()

    def keyword(self, word: str, index: str | None, value: str, number: int) -> None:
        if word == "msgctxt":
            if self.started:
                self.flush()
            self.msgctxt = [value]
            self.first_line = number
            self.current = self.msgctxt
        elif word == "msgid":
            if self.msgid is not None:
                self.flush()
            self.msgid = [value]
            self.msgid_line = number
            self.current = self.msgid
        elif word == "msgid_plural":
            if self.msgid is None or self.msgstr or self.msgid_plural is not None:
                raise self.error(_("malformed PO: misplaced msgid_plural"), number)
            self.msgid_plural = [value]
            self.current = self.msgid_plural
        else:
            if self.msgid is None:
                raise self.error(_("malformed PO: msgstr without msgid"), number)
            plural = index is not None
            if plural != (self.msgid_plural is not None) or (self.msgstr and not plural):
                raise self.error(_("malformed PO: msgstr does not match msgid"), number)
            form = int(index) if plural else 0
            if form in self.msgstr:
                raise self.error(_("malformed PO: duplicate msgstr"), number)
            self.plural_forms = self.plural_forms or plural
            self.msgstr[form] = [value]
            self.current = self.msgstr[form]


def parse_po(text: str, name: str = "<input>") -> list[PoEntry]:
    """Parse PO text into entries (header included, obsolete entries left out)."""
    builder = _Builder(name)
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            if builder.msgstr:
                builder.flush()
            continue
        first = line[0]
        if first == '"':
            if builder.current is None:
                raise builder.error(_("malformed PO: a string outside any entry"), number)
            builder.current.append(unquote(line, name, number))
            continue
        if first == "#":
            if builder.msgstr:
                builder.flush()
            elif builder.started:
                raise builder.error(_("malformed PO: a comment inside an entry"), number)
            marker = line[1:2]
            if marker == "~":
                # An obsolete entry: it and the comments before it are dropped.
                builder.reset()
            elif marker == ",":
                builder.flags.extend(flag.strip() for flag in line[2:].split(","))
            elif marker in (" ", "", "."):
                comment = line[2:].strip() if marker else ""
                if comment:
                    builder.comments.append(comment)
            continue
        word, _sep, literal = line.partition(" ")
        index: str | None = None
        if word not in _WORDS:
            match = _KEYWORD.fullmatch(line)
            if match is None:
                raise builder.error(
                    _("malformed PO: unexpected text {text}").format(text=line[:40]), number
                )
            word, index, literal = match.groups()
            if index is not None:
                word = "msgstr"
        literal = literal.lstrip()
        if word in ("msgctxt", "msgid") and builder.msgstr:
            builder.flush()
        builder.keyword(word, index, unquote(literal, name, number), number)
    builder.flush()
    return builder.entries


def sniff_po(path: Path, head: bytes) -> bool:
    """A text (not markup) with a line that starts ``msgid "``."""
    text = head_text(head)
    return not looks_like_markup(text) and _SNIFF_MSGID.search(text) is not None


READER = SimpleReader(
    name="po",
    order=30,
    description=N_("Gettext PO catalog (plural forms, contexts, fuzzy entries)"),
    extensions=(".po", ".pot"),
    sniff=sniff_po,
    read=read_po,
)
