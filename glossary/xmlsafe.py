"""Parse XML from strangers without letting it reach the disk or the network.

Terminology files come from vendors, customers and the web.  The parser
never loads a DTD, never resolves an entity, never touches the network and
refuses documents over libxml2's size limits; a DOCTYPE that *declares*
entities (the billion laughs, external entities) is refused outright
rather than silently left unexpanded, because a file that needs them is not
one we could read correctly anyway.  A plain DOCTYPE naming an external DTD
(``TBXcdv04.dtd`` in Lokalize files) is allowed and ignored.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from glossary.errors import InputError
from glossary.i18n import _
from glossary.text.decode import read_bytes

#: What matters inside a DOCTYPE: an entity declaration, a comment, a quoted string, the brackets
#: of the internal subset and its end.  Comments and strings are skipped whole, so a ``]>`` or
#: ``<!ENTITY`` inside one neither ends the DOCTYPE nor counts.
_DOCTYPE_TOKEN = re.compile(rb"<!ENTITY|<!--|<\?|[\"'\[\]>]", re.IGNORECASE)
_PROLOG_ITEM = re.compile(rb"\s+|<\?|<!--|<!DOCTYPE", re.IGNORECASE)
_CHUNK = 1 << 16


#: Parser options that keep a document from reaching the disk or the network;
#: ``lxml.etree.iterparse`` takes them as they are.
SAFE_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
}


def make_parser(**options: Any):  # -> etree.XMLParser
    """A safe parser; ``options`` add to :data:`SAFE_OPTIONS` (comments, encoding)."""
    from lxml import etree

    return etree.XMLParser(**{"remove_comments": False, **options, **SAFE_OPTIONS})


def prolog(data: bytes) -> bytes:
    """The start of the document as UTF-8, so a UTF-16 DOCTYPE (or root) is seen too."""
    head = data[: 1 << 20]
    codec = _utf16_codec(head)
    if codec:
        return head.decode(codec, errors="ignore").encode("utf-8")
    return head


def _utf16_codec(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if len(head) > 1 and 0 in head[:2]:
        return "utf-16-be" if head[0] == 0 else "utf-16-le"
    return None


def document_start(head: bytes) -> bytes:
    """The first bytes of a document after any BOM and blank space, as UTF-8.

    Format detection looks here for ``<`` (XML at all) and the root's name.
    """
    return prolog(head).lstrip(b"\xef\xbb\xbf").lstrip()


def check_doctype(data: bytes, name: str) -> None:
    """Refuse a DOCTYPE whose internal subset declares entities, wherever in the prolog it is."""
    _scan_prolog(iter((data,)), name)


def check_doctype_file(path: str | Path) -> None:
    """:func:`check_doctype` for a file, read in chunks only as far as the root element."""
    try:
        with open(path, "rb") as handle:
            _scan_prolog(iter(lambda: handle.read(_CHUNK), b""), str(path))
    except OSError:
        read_bytes(path, 1)  # the InputError naming the file (missing, a folder, unreadable)
        raise


def _utf8_chunks(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks as UTF-8, decoding UTF-16 incrementally when the first chunk says so."""
    first = next(chunks, b"")
    codec = _utf16_codec(first)
    if codec is None:
        yield first
        yield from chunks
        return
    decoder = codecs.getincrementaldecoder(codec)(errors="ignore")
    yield decoder.decode(first).encode("utf-8")
    for chunk in chunks:
        yield decoder.decode(chunk).encode("utf-8")


class _Cursor:
    """A window on a stream of bytes: what is not yet read, and the line it starts on."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self.chunks = chunks
        self.buf = b""
        self.pos = 0
        self.line = 1

    def fill(self, wanted: int = 1) -> bool:
        """Read on until ``wanted`` bytes are unread; False when the stream ends first."""
        while len(self.buf) - self.pos < wanted:
            chunk = next(self.chunks, None)
            if chunk is None:
                return False
            self.line += self.buf.count(b"\n", 0, self.pos)
            self.buf = self.buf[self.pos :] + chunk
            self.pos = 0
        return True

    def skip_past(self, end: bytes) -> bool:
        """Move just past the next ``end``; False when the stream ends first."""
        while True:
            found = self.buf.find(end, self.pos)
            if found >= 0:
                self.pos = found + len(end)
                return True
            keep = len(end) - 1
            self.pos = max(self.pos, len(self.buf) - keep)
            if not self.fill(keep + 1):
                return False

    def line_at(self, index: int) -> int:
        return self.line + self.buf.count(b"\n", 0, index)


def _scan_prolog(chunks: Iterator[bytes], name: str) -> None:
    """Walk the prolog (declaration, comments, processing instructions, DOCTYPE) up to the root.

    A check of the first MiB only could be bypassed by a MiB of comment
    before the DOCTYPE; this reads on as long as the prolog goes, holding
    only the unread rest of the current chunk.  libxml2 expands internal
    entities in attribute values even with ``resolve_entities=False``, so a
    declaration anywhere in the DOCTYPE is refused before parsing begins.
    """
    cur = _Cursor(_utf8_chunks(chunks))
    while True:  # the prolog, before any DOCTYPE
        if not cur.fill(10):
            cur.fill(1)
        match = _PROLOG_ITEM.match(cur.buf, cur.pos)
        if match is None:
            return  # the root element (or something the parser will refuse)
        token = match.group().upper()
        cur.pos = match.end()
        if token == b"<?" and not cur.skip_past(b"?>"):
            return
        if token == b"<!--" and not cur.skip_past(b"-->"):
            return
        if token == b"<!DOCTYPE":
            break
    depth = 0  # inside the internal subset's brackets
    while True:
        match = _DOCTYPE_TOKEN.search(cur.buf, cur.pos)
        if match is None:
            cur.pos = max(cur.pos, len(cur.buf) - 8)  # "<!ENTITY" may be cut at the chunk's end
            if not cur.fill(9):
                return
            continue
        token = match.group().upper()
        if token == b"<!ENTITY":
            raise InputError(
                _("the DOCTYPE declares entities, which are refused for safety"),
                file=name,
                line=cur.line_at(match.start()),
            )
        cur.pos = match.end()
        if token == b"<!--":
            ok = cur.skip_past(b"-->")
        elif token == b"<?":
            ok = cur.skip_past(b"?>")
        elif token in (b'"', b"'"):
            ok = cur.skip_past(token)
        elif token == b"[":
            depth, ok = depth + 1, True
        elif token == b"]":
            depth, ok = max(depth - 1, 0), True
        elif depth == 0:  # ">" outside the brackets: the DOCTYPE ends, and only one may come
            return
        else:
            ok = True
        if not ok:
            return


def syntax_error(name: str, exc: Any) -> InputError:
    """An lxml syntax error as one line at its line number."""
    line = (exc.position[0] if getattr(exc, "position", None) else None) or getattr(exc, "lineno", None)
    message = getattr(exc, "msg", None) or str(exc)
    # libxml2 appends ", line N, column M"; we report the line ourselves.
    message = re.sub(r",? line \d+, column \d+\s*$", "", message)
    # ... and iterparse "(name.tbx, line N)".
    message = re.sub(r"\s*\([^()]*, line \d+\)\s*$", "", message)
    return InputError(_("not well-formed XML: {reason}").format(reason=message), file=name, line=line)


def parse_bytes(data: bytes, name: str = "<input>", **options: Any):  # -> etree._ElementTree
    """Parse ``data`` safely; not well-formed XML raises InputError with the line."""
    from lxml import etree

    check_doctype(data, name)
    try:
        root = etree.fromstring(data, parser=make_parser(**options), base_url=None)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(name, exc) from None
    if root is None:
        raise InputError(_("empty XML document"), file=name)
    refuse_entities(root.iter(etree.Entity), name)
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and next(iter(dtd.iterentities()), None) is not None:  # the scan's second line
        raise InputError(_("the DOCTYPE declares entities, which are refused for safety"), file=name)
    return tree


def refuse_entities(nodes: Iterable[Any], name: str) -> None:
    """Raise for the first entity reference among ``nodes``.

    An entity reference left unexpanded is as good as a missing value.
    """
    from lxml import etree

    for node in nodes:
        if isinstance(node, etree._Entity):
            raise InputError(
                _("entity reference &{name}; is refused for safety").format(name=node.name),
                file=name,
                line=node.sourceline,
            )


def refuse_entities_in(element: Any, name: str) -> None:
    """:func:`refuse_entities` for the entity references anywhere under ``element``."""
    from lxml import etree

    refuse_entities(element.iter(etree.Entity), name)


def iterparse_file(path: str | Path, **options: Any):  # -> etree.iterparse
    """``lxml.etree.iterparse`` over a file with the same safety as :func:`parse_file`.

    The DOCTYPE is checked on the first MiB before parsing starts; the
    caller refuses entity references (:func:`refuse_entities`) in what it
    reads, and turns ``etree.ParseError`` into :func:`syntax_error`.
    """
    from lxml import etree

    check_doctype_file(path)
    return etree.iterparse(str(path), **{"remove_comments": False, **options, **SAFE_OPTIONS})


def parse_file(path: str | Path, **options: Any):  # -> etree._ElementTree
    """Read and parse a file safely; a missing or unreadable file is an InputError naming it."""
    return parse_bytes(read_bytes(path), str(path), **options)
