"""Inline-markup flattening shared by XLIFF and TMX, over the safe parser.

Translation files come from customers and vendors, so they are parsed with
:mod:`glossary.xmlsafe`, as term base imports are: no DTD, no entity, no
network.  Errors carry the line lxml reports so the user can open the file there.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def parse(path: str | Path, encoding: str | None = None) -> etree._ElementTree:
    """Parse ``path`` as XML with :mod:`glossary.xmlsafe`; errors name the file and line."""
    from glossary.text.decode import read_bytes
    from glossary.xmlsafe import parse_bytes

    return parse_bytes(
        read_bytes(path), str(path), remove_comments=True, remove_pis=True, encoding=codec_name(encoding)
    )


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
