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

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from glossary.errors import InputError
from glossary.i18n import _
from glossary.text.decode import read_bytes

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


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
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) > 1 and 0 in head[:2]):
        codec = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else (
            "utf-16-be" if head[0] == 0 else "utf-16-le"
        )
        return head.decode(codec, errors="ignore").encode("utf-8")
    return head


def document_start(head: bytes) -> bytes:
    """The first bytes of a document after any BOM and blank space, as UTF-8.

    Format detection looks here for ``<`` (XML at all) and the root's name.
    """
    return prolog(head).lstrip(b"\xef\xbb\xbf").lstrip()


def check_doctype(data: bytes, name: str) -> None:
    """Refuse a DOCTYPE whose internal subset declares entities."""
    head = prolog(data)
    found = _ENTITY_DECL.search(head)
    if found and b"<!DOCTYPE" in head[: found.start()].upper():
        raise InputError(
            _("the DOCTYPE declares entities, which are refused for safety"),
            file=name,
            line=head[: found.start()].count(b"\n") + 1,
        )


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
    return root.getroottree()


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


def iterparse_file(path: str | Path, **options: Any):  # -> etree.iterparse
    """``lxml.etree.iterparse`` over a file with the same safety as :func:`parse_file`.

    The DOCTYPE is checked on the first MiB before parsing starts; the
    caller refuses entity references (:func:`refuse_entities`) in what it
    reads, and turns ``etree.ParseError`` into :func:`syntax_error`.
    """
    from lxml import etree

    check_doctype(read_bytes(path, 1 << 20), str(path))
    return etree.iterparse(str(path), **{"remove_comments": False, **options, **SAFE_OPTIONS})


def parse_file(path: str | Path, **options: Any):  # -> etree._ElementTree
    """Read and parse a file safely; a missing or unreadable file is an InputError naming it."""
    return parse_bytes(read_bytes(path), str(path), **options)
