"""Inline-markup flattening shared by XLIFF and TMX, over the safe parser.

Translation files come from customers and vendors, so they are parsed with
:mod:`glossary.xmlsafe`, as term base imports are: no DTD, no entity, no
network.  Errors carry the line lxml reports so the user can open the file there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.drafts.base import head_text, looks_like_markup
from glossary.text.decode import read_bytes
from glossary.xmlsafe import parse_bytes

if TYPE_CHECKING:  # pragma: no cover
    from lxml import etree

#: What an inline placeholder (``<x/>``, ``<ph>``, ``<bpt>``...) becomes in the
#: segment text.  U+FFFC OBJECT REPLACEMENT CHARACTER is Unicode's own mark
#: for "an object stood here": it is neither a letter nor a digit, so it does
#: not glue the words around it into one (``Save<x/>file``), is never taken
#: for a number by the checks, and shows as a box where a person reads it.
PLACEHOLDER = "\ufffc"

#: Inline elements whose content is native code (an HTML tag, a format
#: string), not text: the whole element becomes one :data:`PLACEHOLDER`.
#: XLIFF 1.2: x bx ex ph bpt ept it; XLIFF 2: ph sc ec;
#: TMX: ph bpt ept it ut.
CODE_ELEMENTS = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "ut", "sc", "ec"})

#: Inline elements that mark a span and vanish without a trace (XLIFF 2
#: ``sm``/``em`` are the start and end of a span annotation, not code).
VANISHING_ELEMENTS = frozenset({"sm", "em"})

_ROOT = re.compile(r"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")


def parse(path: str | Path, encoding: str | None = None) -> etree._ElementTree:
    """Parse ``path`` as XML with :mod:`glossary.xmlsafe`; errors name the file and line."""
    return parse_bytes(
        read_bytes(path), str(path), remove_comments=True, remove_pis=True, encoding=codec_name(encoding)
    )


def sniff_root(head: bytes) -> str | None:
    """The local name of the root element of an XML head, lower-cased, or None.

    What the XLIFF and TMX sniffers compare; it reads past the XML
    declaration, comments and a DOCTYPE, without parsing (the head is cut).
    """
    text = head_text(head)
    if not looks_like_markup(text):
        return None
    return _root_element(text.lstrip("\ufeff \t\r\n"))


def _root_element(text: str) -> str | None:
    """Name of the first element, skipping the XML declaration, comments and DOCTYPE."""
    position = 0
    while True:
        start = text.find("<", position)
        if start < 0:
            return None
        if text.startswith("<!--", start):
            end = text.find("-->", start)
            position = len(text) if end < 0 else end + 3
            continue
        if text.startswith("<?", start) or text.startswith("<!", start):
            end = text.find(">", start)
            position = len(text) if end < 0 else end + 1
            continue
        match = _ROOT.match(text, start)
        return match.group(1).lower() if match else None


def codec_name(encoding: str | None) -> str | None:
    """Names users give for Chinese legacy encodings that libxml2 may lack."""
    if not encoding:
        return None
    codec = encoding.strip().lower()
    if codec in {"gb2312", "gbk", "cp936", "euc-cn", "euccn"}:
        return "gb18030"
    return codec


def local_name(tag: Any) -> str:
    """``{urn:...}source`` -> ``source``; comments and PIs have no name."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def inline_text(element: etree._Element) -> str:
    """The translatable text of ``element`` with inline markup flattened.

    Span elements (``g``, ``mrk``, ``pc``, ``hi``) give their text; code
    elements give one :data:`PLACEHOLDER`; XLIFF 2 span markers vanish.
    """
    parts: list[str] = []
    _collect(element, parts)
    return "".join(parts)


def _collect(element: etree._Element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        name = local_name(child.tag)
        if name in CODE_ELEMENTS:
            parts.append(PLACEHOLDER)
        elif name in VANISHING_ELEMENTS or not name:
            pass
        else:
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
