"""Read a large TBX file entry by entry, in memory that does not grow with it.

A parsed tree takes about 13 times the size of its file (1.3 GB for a
100 MB TBX), and real term bases run past 1 GB, so files above
:data:`glossary.formats.tbx.STREAM_THRESHOLD` are read with
``lxml.etree.iterparse``: each ``conceptEntry`` / ``termEntry`` is checked,
read, then cleared with whatever preceded it.

What is lost against the whole-tree path is only *when* a broken file is
found, not *whether*: the official RELAX NG needs the whole tree, so each
v3 entry is checked with the built-in port of the core structure
(:func:`glossary.formats.validate.element_problems`), the root when the
stream starts, the header, ``body``, ``text`` and the root's content once
their end tags are read; TBX 2008 entries get the same martif rules as a
small file.  An entry of the shape exports write is checked and read in
one walk (:mod:`glossary.formats.tbxquick`); any other is first put to
one quick walk (:func:`glossary.formats.validate.tree_is_clean` for v3),
and its problems are worked out rule by rule only when that finds one, so
a million clean entries cost a fraction of what the rules would, and a
broken one is reported exactly as they report it.  An error in the middle of the file is raised by the
``concepts`` iterator, after earlier entries were handed out; ``import``
writes in one transaction, so the term base is left untouched all the same.
Uniqueness of ``id`` values is not checked on either path (lxml's RELAX NG
does not enforce ``xsd:ID`` either); the term base keeps a file's entries
apart on its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from glossary.errors import InputError
from glossary.formats.common import TBX_NS
from glossary.formats.tbxcore import (
    ENTRY_TAGS,
    Reader,
    ReadResult,
    check_element,
    check_namespace,
    detect,
    local_name,
    no_entry_error,
    structure_error,
)
from glossary.formats.tbxquick import QuickEntries
from glossary.formats.validate import RULED_TAGS, element_problems, root_problems, tree_is_clean
from glossary.i18n import _
from glossary.xmlsafe import iterparse_file, refuse_entities, syntax_error

_NS = f"{{{TBX_NS}}}"
_ENTRY_V3 = f"{_NS}conceptEntry"
_HEADERS = ("tbxHeader", "martifHeader")
#: The only elements the parser reports; the rest are read as parts of these.
_V2_RULED = tuple(f"{{*}}{tag}" for tag in ("termEntry", "langSet", "tig", "ntig"))
#: Entry elements in any namespace, for ``iterancestors`` (is an entry inside another?).
_ENTRY_ANYWHERE = tuple(f"{{*}}{tag}" for tag in ENTRY_TAGS)
_WATCHED = [f"{{*}}{tag}" for tag in (*ENTRY_TAGS, *_HEADERS, "tbx", "martif", "text", "body", "back")]


def _content_error(parent, name: str) -> InputError:  # noqa: ANN001
    """``parent`` holds something the core structure does not allow there."""
    kids = " ".join(
        c.tag[len(_NS):] if c.tag.startswith(_NS) else "?" for c in parent if isinstance(c.tag, str)
    )
    tag = local_name(parent.tag) or "?"
    reason = _("<{tag}> has invalid content: {kids}").format(tag=tag, kids=kids or "-")
    return structure_error([(parent.sourceline, reason)], name)


def _probe_root(path: Path, name: str):  # noqa: ANN202 - lxml element
    """The root element's start tag, read before the stream is handed out.

    So a file that is not TBX at all fails at once, like a small one.
    """
    from lxml import etree

    events = iterparse_file(path, events=("start",))
    try:
        _event, root = next(iter(events))
    except StopIteration:
        raise InputError(_("empty XML document"), file=name) from None
    except etree.ParseError as exc:
        raise syntax_error(name, exc) from None
    return root


class _Stream:
    """One pass over the file: checks, reads and frees each entry."""

    def __init__(self, path: Path, name: str, fmt: str, reader: Reader, lenient: bool = False) -> None:
        self.path = path
        self.name = name
        self.v3 = fmt == "tbx"
        self.reader = reader
        self.entries = 0
        self.lenient = lenient
        from lxml import etree

        self.entity = etree.Entity  # the tag that selects entity references in el.iter()
        self.quick = QuickEntries(reader, self.v3)
        #: The parent of the last entry placed, and whether it is inside an entry (see :meth:`placed`).
        self.parent = None
        self.nested = False
        self.in_body = False

    def check(self, elements) -> None:  # noqa: ANN001 - lxml elements
        """The built-in core rules over ``elements`` (v3) or the martif rules (2008)."""
        if self.v3:
            problems = [p for el in elements for p in element_problems(el)]
            if problems:
                raise structure_error(problems, self.name)
        else:
            for el in elements:
                check_element(el, self.name)

    def check_tree(self, el) -> None:  # noqa: ANN001 - lxml element
        """:meth:`check` over ``el`` and its descendants, skipping those no rule looks at."""
        if self.v3:
            if tree_is_clean(el):  # the common case, found in one cheap walk
                return
            problems = [p for sub in el.iter(*RULED_TAGS) for p in element_problems(sub)]
            if problems:
                raise structure_error(problems, self.name)
        else:
            for sub in el.iter(*_V2_RULED):
                check_element(sub, self.name)

    def placed(self, el) -> bool:  # noqa: ANN001
        """Check where an entry stands (its parent, what precedes it); whether it is inside another."""
        parent = el.getparent()
        if parent is None or parent is not self.parent:
            # The same for every child of one parent: worked out once for it.
            self.parent = parent
            self.nested = next(el.iterancestors(*_ENTRY_ANYWHERE), None) is not None
            self.in_body = parent is not None and parent.tag == f"{_NS}body"
        # What came between the previous entry and this one (the rest was
        # freed); later siblings may be parsed already, and wait their turn.
        previous = el.getprevious()
        if previous is not None and previous.tag == el.tag and previous.getprevious() is None:
            # The common case, the previous entry alone (cleared): what the checks below would find
            # of it, and of this entry's place, worked out directly.
            if not self.v3:
                return self.nested
            tail = previous.tail
            if self.in_body and el.tag == _ENTRY_V3 and (not tail or tail.isspace()):
                return self.nested
        before = list(el.itersiblings(preceding=True))
        if before:
            refuse_entities(before, self.name)
        if self.v3:
            if el.tag != f"{_NS}conceptEntry" or parent is None or parent.tag != f"{_NS}body":
                raise _content_error(parent if parent is not None else el, self.name)
            if any(isinstance(s.tag, str) and s.tag != el.tag for s in before):
                raise _content_error(parent, self.name)
            if any((s.tail or "").strip() for s in before) or (not before and (parent.text or "").strip()):
                reason = _("text not allowed directly in <{tag}>").format(tag="body")
                raise structure_error([(parent.sourceline, reason)], self.name)
        return self.nested

    def check_contents(self, el) -> None:  # noqa: ANN001
        """Refuse an entity reference in the entry, then check its structure."""
        entity = next(el.iter(self.entity), None)
        if entity is not None:
            refuse_entities((entity,), self.name)
        self.check_tree(el)

    def read_entry(self, el):  # noqa: ANN001, ANN201 - Concept | None
        """Check an entry's contents and read it: in one walk if it has the usual shape (see
        :mod:`glossary.formats.tbxquick`), else checked and read the usual way."""
        parts = self.quick.parts(el)
        if parts is not None:
            return self.quick.read(el, parts)
        self.check_contents(el)
        return self.reader.entry(el)

    def container_end(self, el) -> None:  # noqa: ANN001
        """``body``, ``text`` or the root is complete: check its own content once."""
        refuse_entities(el, self.name)
        if self.v3:
            self.check([el])

    def __iter__(self) -> Iterator:  # Iterator[Concept]
        from lxml import etree

        events = iter(iterparse_file(self.path, events=("end",), tag=_WATCHED))
        while True:
            try:
                _event, el = next(events)
            except StopIteration:
                break
            except etree.ParseError as exc:
                raise syntax_error(self.name, exc) from None
            tag = local_name(el.tag)
            if tag in ENTRY_TAGS:
                self.entries += tag == "termEntry"
                try:
                    free = not self.placed(el)
                    concept = self.read_entry(el)
                except InputError as exc:
                    if not self.lenient:
                        raise
                    # --lenient: this entry is skipped and reported, the stream goes on.
                    free, concept = True, None
                    self.reader.rejected.append(
                        (f"{self.name}:{el.sourceline}", _("entry skipped: {reason} (line {line})").format(
                            reason=exc.message, line=exc.line or el.sourceline))
                    )
                if concept is not None:
                    yield concept
                if free:
                    # The parser may be ahead of us: keep the tail for the next check.
                    el.clear(keep_tail=True)
                    parent = el.getparent()
                    while el.getprevious() is not None:
                        del parent[0]
            elif tag in _HEADERS or tag == "back":
                refuse_entities(el.iter(etree.Entity), self.name)
                self.check_tree(el)
                if el.getparent() is not None and el.getparent().getparent() is None:
                    el.clear(keep_tail=True)  # only a top-level one: nothing inside an entry
            elif el.getparent() is None:  # the root
                self.container_end(el)
                if not self.v3 and not self.entries:
                    raise no_entry_error(el, self.name)
            elif tag in ("body", "text"):
                self.container_end(el)


def stream_tbx(path: str | Path, *, lenient: bool = False) -> ReadResult:
    """Read a TBX v3 or TBX 2008 file lazily; see the module docstring."""
    path = Path(path)
    name = str(path)
    root = _probe_root(path, name)
    try:
        fmt = detect(root)
    except InputError as exc:
        exc.file = name
        raise
    if fmt == "tbx":
        check_namespace(root, name)
        problems = root_problems(root)
        if problems:
            raise structure_error(problems, name)
    reader = Reader(name, fmt)
    return reader.result(iter(_Stream(path, name, fmt, reader, lenient)))
