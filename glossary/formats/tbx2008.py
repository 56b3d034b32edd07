"""TBX 2008 (ISO 30042:2008, root ``martif``) in the TBX-Basic dialect.

This is the form translate-toolkit, Weblate and older OmegaT read.  The
model maps to it exactly as to TBX v3 (see :mod:`glossary.formats.tbx`),
with ``termEntry``/``langSet``/``tig`` for ``conceptEntry``/``langSec``/
``termSec``.  On import, ``ntig`` (term plus ``termGrp``) is read too.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from glossary.errors import InputError
from glossary.formats.common import XML_LANG
from glossary.formats.tbx import V2, ReadResult, read_tbx, write_tbx
from glossary.i18n import _
from glossary.model import Concept


def export_tbx2008(
    concepts: Iterable[Concept],
    out: BinaryIO,
    *,
    lang_style: str = "region",
    status_vocab: str = "administrative",
) -> int:
    return write_tbx(concepts, out, dialect=V2, lang_style=lang_style, status_vocab=status_vocab)


def read_tbx2008(path: str | Path) -> ReadResult:
    return read_tbx(path)


def _local(el) -> str:  # noqa: ANN001 - lxml node
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def check_element(el, name: str) -> None:  # noqa: ANN001 - lxml element
    """The martif rules for one element, which only look at it and its children.

    Shared by the whole-tree check and the streamed import, which checks
    each ``termEntry`` as it is read.
    """
    tag = _local(el)
    if tag == "termEntry":
        if not any(_local(c) == "langSet" for c in el):
            raise InputError(_("<termEntry> has no <langSet>"), file=name, line=el.sourceline)
    elif tag == "langSet":
        if not el.get(XML_LANG):
            raise InputError(_("<langSet> has no xml:lang"), file=name, line=el.sourceline)
    elif tag == "tig":
        terms = [c for c in el if _local(c) == "term"]
        if len(terms) != 1:
            raise InputError(
                _("<tig> must hold exactly one <term>, found {n}").format(n=len(terms)),
                file=name,
                line=el.sourceline,
            )
    elif tag == "ntig":
        grp = [c for c in el if _local(c) == "termGrp"]
        if len(grp) != 1 or not any(_local(c) == "term" for c in grp[0]):
            raise InputError(
                _("<ntig> must hold one <termGrp> with a <term>"), file=name, line=el.sourceline
            )


def no_entry_error(root, name: str) -> InputError:  # noqa: ANN001
    return InputError(_("no <termEntry> in this TBX file"), file=name, line=root.sourceline)


def check_structure(tree, name: str) -> None:  # noqa: ANN001 - lxml tree
    """The parts of the martif structure a reader relies on.

    The TBX-Basic 2008 RELAX NG is stricter than what vendors write (Lokalize
    omits ``martifHeader``), so only what would make the data ambiguous is
    an error here; ``glossary validate`` reports the rest.
    """
    root = tree.getroot()
    seen = False
    for el in root.iter():
        check_element(el, name)
        seen = seen or _local(el) == "termEntry"
    if not seen:
        raise no_entry_error(root, name)
