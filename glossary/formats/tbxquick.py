"""The streamed reader's quick path: an entry as exports write it, checked and read in one walk.

A streamed entry is first checked (:func:`glossary.formats.validate.tree_is_clean`
for TBX v3, the martif rules for TBX 2008), then read by
:class:`glossary.formats.tbxcore.Reader`: two walks over its elements, each
making a Python object per element, which at a million entries was most of
an import's reading.  :class:`QuickEntries` walks an entry once: it applies
the rules the checks apply to each element it meets and collects the parts
the reader needs (languages, term texts, ``termNote`` values), then hands
them to the Reader's own methods (:meth:`~glossary.formats.tbxcore.Reader.make_term`,
:meth:`~glossary.formats.tbxcore.Reader.note_text`, ``aux``), so a concept
read here is the one the Reader reads.

It knows the elements exports are made of: the entry, language and term
sections, ``term``, ``termNote`` and ``note`` without markup inside; any
other element is checked by the usual rules and read by the Reader as it
stands.  On anything else (a rule broken, an entity reference, a comment,
inline markup in a term, ``ntig``, ``termNoteGrp``, a namespace the dialect
does not use) it gives up before changing anything, and the entry goes the
usual way, so every error and warning, and its line, is the usual one.
"""

from __future__ import annotations

from collections.abc import Sequence

from glossary.formats.common import TBX_NS, XML_LANG, is_xml_id
from glossary.formats.tbxcore import Reader, _State
from glossary.formats.validate import model_accepts, tree_is_clean
from glossary.i18n import _
from glossary.model import Concept

_NS = f"{{{TBX_NS}}}"
_V3 = {name: _NS + name for name in ("conceptEntry", "langSec", "termSec", "term", "termNote", "note")}
#: The martif elements the structure rules or the Reader treat apart (by local name, in any namespace).
_V2_STRUCTURE = frozenset(("termEntry", "langSet", "tig", "ntig", "conceptEntry", "langSec", "termSec"))
_V2_RULED = tuple(f"{{*}}{tag}" for tag in ("termEntry", "langSet", "tig", "ntig"))
_VERDICTS_KEPT = 4096

#: An entry's parts, in file order: a language section as (element, xml:lang, items), a leaf ``<note>``'s
#: text, or any other element.  A language section's items: a term section as
#: (term element, its text, its termNotes as (type, stripped text, element), its other parts).
Parts = list


class QuickEntries:
    """Reads the entries of one stream for its :class:`~glossary.formats.tbxcore.Reader`."""

    def __init__(self, reader: Reader, v3: bool) -> None:
        from lxml import etree

        self.reader = reader
        self.v3 = v3
        self.entity = etree.Entity
        names = _V3 if v3 else {name: name for name in _V3}
        if not v3:
            names.update(conceptEntry="termEntry", langSec="langSet", termSec="tig")
        self.lang_tag = names["langSec"]
        self.term_sec_tag = names["termSec"]
        self.term_tag = names["term"]
        self.term_note_tag = names["termNote"]
        self.note_tag = names["note"]
        #: (qualified tag, its children's tags) -> whether its content model accepts them (TBX v3).
        self.verdicts: dict[tuple[str, tuple[str, ...]], bool] = {}

    def accepts(self, tag: str, kids: tuple[str, ...]) -> bool:
        """:func:`~glossary.formats.validate.model_accepts`, kept here for the shapes met (TBX v3 only)."""
        verdict = self.verdicts.get((tag, kids))
        if verdict is None:
            verdict = model_accepts(tag, kids)
            if len(self.verdicts) < _VERDICTS_KEPT:
                self.verdicts[(tag, kids)] = verdict
        return verdict

    # -- the walk: checks, and the parts ------------------------------------------------

    # One method, three levels deep, rather than a call per element: this is
    # the loop a million entries go through.
    def parts(self, el) -> Parts | None:  # noqa: ANN001, C901, PLR0911, PLR0912 - lxml element
        """What the Reader needs of the entry ``el``, if it is clean and of the known shape; else None.

        The rules applied are those of :func:`~glossary.formats.validate.tree_is_clean`
        (TBX v3) or :func:`~glossary.formats.tbxcore.check_element` (TBX 2008) for
        the elements met; any element read here is a leaf without markup.
        """
        v3 = self.v3
        lang_tag, term_sec_tag, note_tag = self.lang_tag, self.term_sec_tag, self.note_tag
        term_tag, term_note_tag = self.term_tag, self.term_note_tag
        verdicts = self.verdicts
        if v3 and not el.get("id"):
            return None
        text = el.text
        if text and not text.isspace():
            return None
        children = list(el)
        tags = []
        for child in children:
            tag = child.tag
            if tag.__class__ is not str:  # a comment, processing instruction or entity
                return None
            tail = child.tail
            if tail and not tail.isspace():
                return None
            tags.append(tag)
        if v3:
            key = (el.tag, tuple(tags))
            if not (verdicts.get(key) or verdicts.get(key) is None and self.accepts(*key)):
                return None
        elif lang_tag not in tags:
            return None
        parts: Parts = []
        for section, tag in zip(children, tags, strict=True):
            if tag != lang_tag:
                if tag == note_tag and not len(section):
                    parts.append(section.text or "")
                elif self.other_ok(section, tag):
                    parts.append(section)
                else:
                    return None
                continue
            # A language section.
            raw_lang = section.get(XML_LANG)
            if not raw_lang:
                return None
            text = section.text
            if text and not text.isspace():
                return None
            kids = list(section)
            kid_tags = []
            for kid in kids:
                tag = kid.tag
                if tag.__class__ is not str:
                    return None
                tail = kid.tail
                if tail and not tail.isspace():
                    return None
                kid_tags.append(tag)
            if v3:
                key = (lang_tag, tuple(kid_tags))
                if not (verdicts.get(key) or verdicts.get(key) is None and self.accepts(*key)):
                    return None
            items: list = []
            parts.append((section, raw_lang, items))
            for term_sec, tag in zip(kids, kid_tags, strict=True):
                if tag != term_sec_tag:
                    if tag == note_tag and not len(term_sec):
                        items.append(term_sec.text or "")
                    elif self.other_ok(term_sec, tag):
                        items.append(term_sec)
                    else:
                        return None
                    continue
                # A term section: its term, termNotes and the rest, all leaves but the rest.
                text = term_sec.text
                if text and not text.isspace():
                    return None
                leaves = list(term_sec)
                leaf_tags = []
                term_el = None
                notes: list[tuple[str, str, object]] = []
                aux: list = []
                for leaf in leaves:
                    tag = leaf.tag
                    if tag.__class__ is not str:
                        return None
                    tail = leaf.tail
                    if tail and not tail.isspace():
                        return None
                    leaf_tags.append(tag)
                    if len(leaf):  # markup, a comment or an entity inside: the Reader reads it
                        if tag == term_tag or tag == term_note_tag or not self.other_ok(leaf, tag):
                            return None
                        aux.append(leaf)
                    elif tag == term_tag:
                        if term_el is not None:
                            return None
                        term_el = leaf
                    elif tag == term_note_tag:
                        kind = leaf.get("type")
                        if not kind and v3:  # TBX v3 requires the type
                            return None
                        notes.append((kind or "", (leaf.text or "").strip(), leaf))
                    elif tag == note_tag:
                        aux.append(leaf.text or "")
                    elif self.other_ok(leaf, tag):
                        aux.append(leaf)
                    else:
                        return None
                if term_el is None:
                    return None
                if v3:
                    key = (term_sec_tag, tuple(leaf_tags))
                    if not (verdicts.get(key) or verdicts.get(key) is None and self.accepts(*key)):
                        return None
                items.append((term_el, term_el.text or "", notes, aux))
        return parts

    def other_ok(self, el, tag: str) -> bool:  # noqa: ANN001
        """An element the walk leaves to the Reader: clean by the usual rules, no entity inside."""
        if self.v3:
            if not tag.startswith(_NS) or tag == _NS + "termNoteGrp" or not tree_is_clean(el):
                return False
        elif tag.startswith("{") or tag in _V2_STRUCTURE or tag == "termNoteGrp":
            return False
        if not len(el):
            return True
        watched = (self.entity,) if self.v3 else (self.entity, *_V2_RULED)
        return next(el.iter(*watched), None) is None

    # -- reading the parts ----------------------------------------------------------------

    def read(self, el, parts: Parts) -> Concept | None:  # noqa: ANN001
        """:meth:`Reader.entry <glossary.formats.tbxcore.Reader.entry>` of ``el``, from its parts."""
        reader = self.reader
        uid = el.get("id")
        valid = is_xml_id(uid)
        concept = Concept(type="term", uid=uid if valid else None)
        if uid and not valid:
            reader.mapping.add(_("id that is not an xsd:ID replaced by a derived one"))
        state = _State()
        for part in parts:
            kind = part.__class__
            if kind is tuple:
                self.read_language(part, concept, state)
            elif kind is str:
                reader.note_text(part, state, concept=concept, term=None)
            else:
                reader.aux(part, state, concept.sources, concept=concept, term=None)
        if state.notes:
            concept.note = "\n".join(state.notes)
        if not concept.terms:
            reader.rejected.append((reader.where(el), _("entry has no usable term")))
            return None
        return concept

    def read_language(self, part: tuple, concept: Concept, state: _State) -> None:
        """:meth:`Reader.lang_section <glossary.formats.tbxcore.Reader.lang_section>`, from its parts."""
        reader = self.reader
        el, raw, items = part
        lang = reader.known_language(raw) or reader.section_language(el)
        if lang is None:
            return
        seen = [False]
        for term in concept.terms:
            if term.status == "preferred" and term.lang == lang:
                seen[0] = True
                break
        lang_state = None
        terms = concept.terms
        for item in items:
            kind = item.__class__
            if kind is tuple:
                term = reader.make_term(*item, lang, seen)
                if term is not None:
                    terms.append(term)
                continue
            if lang_state is None:
                lang_state = _State()
            if kind is str:
                reader.note_text(item, lang_state, concept=None, term=None)
            else:
                reader.aux(item, lang_state, concept.sources, concept=None, term=None)
        if lang_state is not None:
            state.notes.extend(lang_state.notes)


__all__: Sequence[str] = ("QuickEntries",)
