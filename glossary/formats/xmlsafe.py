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
from pathlib import Path
from typing import Any

from glossary.errors import InputError
from glossary.i18n import _

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)


def make_parser(**extra: Any):  # -> etree.XMLParser
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        **extra,
    )


def _prolog(data: bytes) -> bytes:
    """The start of the document as UTF-8, so a UTF-16 DOCTYPE is checked too."""
    head = data[: 1 << 20]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) > 1 and 0 in head[:2]):
        codec = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else (
            "utf-16-be" if head[0] == 0 else "utf-16-le"
        )
        return head.decode(codec, errors="ignore").encode("utf-8")
    return head


def check_doctype(data: bytes, name: str) -> None:
    """Refuse a DOCTYPE whose internal subset declares entities."""
    head = _prolog(data)
    found = _ENTITY_DECL.search(head)
    if found and b"<!DOCTYPE" in head[: found.start()].upper():
        raise InputError(
            _("the DOCTYPE declares entities, which are refused for safety"),
            file=name,
            line=head[: found.start()].count(b"\n") + 1,
        )


def parse_bytes(data: bytes, name: str = "<input>"):  # -> etree._ElementTree
    """Parse ``data`` safely; not well-formed XML raises InputError with the line."""
    from lxml import etree

    check_doctype(data, name)
    parser = make_parser()
    try:
        root = etree.fromstring(data, parser=parser, base_url=None)
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else exc.lineno
        message = exc.msg or str(exc)
        # libxml2 appends ", line N, column M"; we report the line ourselves.
        message = re.sub(r",? line \d+, column \d+\s*$", "", message)
        raise InputError(
            _("not well-formed XML: {reason}").format(reason=message), file=name, line=line
        ) from None
    if root is None:
        raise InputError(_("empty XML document"), file=name)
    tree = root.getroottree()
    # An entity reference left unexpanded is as good as a missing value.
    for node in root.iter(etree.Entity):
        raise InputError(
            _("entity reference &{name}; is refused for safety").format(name=node.name),
            file=name,
            line=node.sourceline,
        )
    return tree


def parse_file(path: str | Path):  # -> etree._ElementTree
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(_("no such file"), file=str(path)) from None
    except IsADirectoryError:
        raise InputError(_("is a directory, not a file"), file=str(path)) from None
    except OSError as exc:
        raise InputError(
            _("cannot read: {reason}").format(reason=exc.strerror), file=str(path)
        ) from None
    return parse_bytes(data, str(path))
