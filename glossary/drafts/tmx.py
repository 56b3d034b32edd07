"""TMX 1.4 (and 1.1): translation memories exported from CAT tools.

A memory can be hundreds of megabytes, so it is streamed with
``iterparse`` and each ``<tu>`` is dropped once read.  Real exports spell
one language many ways (``en-US``, ``EN-US``, ``zh_CN``); every ``xml:lang``
goes through :func:`glossary.lang.normalize`, so the comparison is between
canonical tags.

Choices, documented for users:

* The source side is the caller's source language, else the header's
  ``srclang`` (or the ``tu``'s own ``srclang``), else the first ``tuv``.
* The target side is the caller's target language, else the one other
  language of the memory; a multilingual memory without ``--target-lang``
  is an error that lists the languages found.
* A ``tu`` without a target ``tuv``, or with an empty one, is skipped.
* ``unit`` is the ``tuid``, else the 1-based index of the ``tu``; ``line``
  is the line of the ``<tu>``.
* ``<note>`` texts of the ``tu`` and of both ``tuv`` go to the notes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from glossary.drafts.base import Draft, Segment, SimpleReader
from glossary.drafts.xmltext import codec_name, inline_text, local_name, sniff_root
from glossary.errors import InputError, LanguageTagError
from glossary.i18n import N_, _
from glossary.lang import normalize
from glossary.text.decode import read_bytes
from glossary.xmlsafe import SAFE_OPTIONS, check_doctype, refuse_entities_in, syntax_error

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_tmx(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    encoding: str | None = None,
) -> Draft:
    """Read a TMX memory; ``source_lang``/``target_lang`` are the caller's canonical tags."""
    from lxml import etree

    name = str(path)
    data = read_bytes(path)
    check_doctype(data, name)
    reader = _Reader(name, source_lang, target_lang)
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=("{*}header", "{*}tu"),
        remove_comments=True,
        remove_pis=True,
        encoding=codec_name(encoding),
        **SAFE_OPTIONS,
    )
    try:
        for _event, element in events:
            reader.feed(element)
        # iterparse knows the root only at the end; a foreign XML file that
        # happens to hold <tu> elements is refused then.
        reader.check_root(events.root)
    except etree.XMLSyntaxError as exc:
        raise syntax_error(name, exc) from None
    except LookupError:
        raise InputError(_("unknown encoding: {encoding}").format(encoding=encoding)) from None
    return reader.finish()


class _Reader:
    """The state of one streamed TMX: header languages, the pending units."""

    def __init__(self, name: str, source_lang: str | None, target_lang: str | None) -> None:
        self.name = name
        self.caller_source = source_lang
        self.caller_target = target_lang
        self.header_source: str | None = None
        self.seen_root = False
        self.index = 0
        #: (unit, line, {lang: text}, notes) until the target language is known.
        self.units: list[tuple[str, int | None, dict[str, str], list[str], str | None]] = []
        self.languages: dict[str, int] = {}
        #: xml:lang spellings already normalized (a memory repeats two of them).
        self.seen_tags: dict[str, str] = {}

    def lang(self, value: str | None, line: int | None) -> str | None:
        if value is not None and value in self.seen_tags:
            return self.seen_tags[value]
        if value is None or not value.strip() or value.strip() == "*all*":
            return None
        try:
            self.seen_tags[value] = normalize(value)
        except LanguageTagError as exc:
            raise LanguageTagError(exc.message, file=self.name, line=line) from None
        return self.seen_tags[value]

    def check_root(self, root: Any) -> None:
        if self.seen_root or root is None:
            return
        self.seen_root = True
        tag = local_name(root.tag)
        if tag != "tmx":
            raise InputError(
                _("not a TMX file: the root element is <{tag}>").format(tag=tag),
                file=self.name,
                line=root.sourceline,
            )

    def feed(self, element: Any) -> None:
        if local_name(element.tag) == "header":
            self.header_source = self.lang(element.get("srclang"), element.sourceline)
        else:
            self.index += 1
            # An entity reference libxml2 left unexpanded (a DTD not loaded) would vanish from
            # the text; it is refused, as TBX and XLIFF refuse it.
            refuse_entities_in(element, self.name)
            self.unit(element)
            # Drop the units already read so memory stays flat on big files.
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
        element.clear()

    def unit(self, tu: Any) -> None:
        line = tu.sourceline
        texts: dict[str, str] = {}
        notes = [text for n in tu.iter("{*}note") if (text := (n.text or "").strip())]
        first: str | None = None
        for tuv in tu.iterchildren("{*}tuv"):
            value = tuv.get(XML_LANG) or tuv.get("lang")
            lang = self.lang(value, tuv.sourceline)
            if lang is None:
                raise InputError(_("<tuv> without xml:lang"), file=self.name, line=tuv.sourceline)
            seg = tuv.find("{*}seg")
            if seg is None:
                continue
            first = first or lang
            # The first variant of a language wins; later ones are alternatives.
            if lang not in texts:
                texts[lang] = inline_text(seg) if len(seg) else (seg.text or "")
        for lang in texts:
            self.languages[lang] = self.languages.get(lang, 0) + 1
        unit_source = self.lang(tu.get("srclang"), line) or self.header_source or first
        unit_id = tu.get("tuid") or str(self.index)
        self.units.append((unit_id, line, texts, notes, unit_source))

    def finish(self) -> Draft:
        source = self.caller_source or self.header_source
        if source is None and self.units:
            source = self.units[0][4]
        target = self.caller_target
        if target is None:
            others = sorted(lang for lang in self.languages if lang != source)
            if len(others) > 1:
                raise InputError(
                    _(
                        "the memory has several target languages ({languages}); give --target-lang"
                    ).format(languages=", ".join(others)),
                    file=self.name,
                )
            target = others[0] if others else None
        segments: list[Segment] = []
        for unit_id, line, texts, notes, unit_source in self.units:
            src = self.caller_source or unit_source
            if src is None or src not in texts or target not in texts:
                continue
            translated = texts[target]
            if not translated.strip():
                continue
            segments.append(Segment(texts[src], translated, self.name, line, unit_id, None, notes))
        return Draft(segments, source, target, "tmx", [self.name])


def sniff_tmx(path: Path, head: bytes) -> bool:
    """An XML file whose root element is ``<tmx>``."""
    return sniff_root(head) == "tmx"


READER = SimpleReader(
    name="tmx",
    order=20,
    description=N_("TMX translation memory, streamed (any size)"),
    extensions=(".tmx",),
    sniff=sniff_tmx,
    read=read_tmx,
)
