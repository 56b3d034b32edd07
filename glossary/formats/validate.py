"""Is this file valid TBX-Basic?  Every problem, each with its line.

TBX v3: the official core RELAX NG (when the schema files are at hand) plus
the rules of the TBX-Basic 1.2.1 DCA Schematron, ported from XSLT 2 to
Python because lxml runs only XSLT 1 Schematron.  The port keeps
Schematron's semantics: within a pattern, a node is checked only by the
first rule whose context matches it (so two rules of the official file
never fire; they are marked below).  TBX 2008: the TBX-Basic 2008 RELAX NG
plus the Schematron rules embedded in it.

The schema files come from ``$GLOSSARY_TBX_SCHEMAS`` or ``../shared/tbx``
beside the checkout; without them a built-in port of the core structure
is used, so import still rejects a broken file on any machine.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

from glossary.errors import InputError
from glossary.formats.base import ValidationResult
from glossary.formats.common import TBX_NS, XML_LANG
from glossary.i18n import _
from glossary.xmlsafe import make_parser, parse_file

_NS = f"{{{TBX_NS}}}"


# -- schema files ------------------------------------------------------------------


def schema_dir() -> Path | None:
    env = os.environ.get("GLOSSARY_TBX_SCHEMAS")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[3] / "shared" / "tbx")
    for path in candidates:
        if (path / "v3" / "TBXcoreStructV03.rng").exists():
            return path
    return None


_RNG_FILES = {"v3": "v3/TBXcoreStructV03.rng", "v2": "v2/TBXBasicRNGV02.rng"}


@lru_cache(maxsize=4)
def load_rng(kind: str):  # -> etree.RelaxNG | None
    from lxml import etree

    base = schema_dir()
    if base is None:
        return None
    doc = etree.parse(str(base / _RNG_FILES[kind]), parser=make_parser())
    return etree.RelaxNG(doc)


# -- built-in core structure (used when the RNG is absent) -------------------------------

_AUX = "(admin|adminGrp|descrip|descripGrp|note|ref|transacGrp|xref)"
_LINK = "(admin|adminGrp|note|ref|transacGrp|xref)"
_CONTENT = {
    "tbx": "tbxHeader text",
    "tbxHeader": "fileDesc( encodingDesc)?( revisionDesc)?",
    "fileDesc": "(publicationStmt )?(titleStmt )?sourceDesc",
    "publicationStmt": "p( p)*",
    "sourceDesc": "p( p)*",
    "encodingDesc": "p( p)*",
    "text": "(body)?( ?back)?",
    "body": "conceptEntry( conceptEntry)*",
    "conceptEntry": f"({_AUX} )*langSec( langSec)*",
    "langSec": f"({_AUX} )*termSec( termSec)*",
    "termSec": f"term( (termNote|termNoteGrp))*( {_AUX})*",
    "descripGrp": f"descrip( ({_LINK}|descripNote))*",
    "adminGrp": f"admin( ({_LINK}|adminNote))*",
    "termNoteGrp": f"termNote( {_LINK})*",
    "transacGrp": "transac( (transacNote|date|note|ref|xref))*",
}
_TYPED = {"admin", "descrip", "termNote", "transac", "transacNote", "ref", "xref", "adminNote",
          "descripNote"}
_MODELS = {tag: re.compile(model) for tag, model in _CONTENT.items()}
#: Elements some rule looks at; a streamed import calls element_problems on
#: every element, so the others return at once.
_RULED = frozenset(_CONTENT) | _TYPED | {"conceptEntry", "langSec"}
#: The same as qualified names, for ``el.iter(*RULED_TAGS)``.
RULED_TAGS = tuple(f"{_NS}{tag}" for tag in sorted(_RULED))


def root_problems(root) -> list[tuple[int | None, str]]:  # noqa: ANN001
    """What the core structure asks of the root element itself (its start tag is enough)."""
    if root.tag != f"{_NS}tbx":
        return [(root.sourceline, _("the root must be <tbx> in the namespace {ns}").format(ns=TBX_NS))]
    return [
        (root.sourceline, _("<tbx> needs the attribute {name}").format(name=attr))
        for attr in ("type", "style", XML_LANG)
        if root.get(attr) is None
    ]


def element_problems(el) -> list[tuple[int | None, str]]:  # noqa: ANN001
    """The built-in core rules for one element: its content model, stray text, required attributes.

    Only ``el`` and its children are looked at, so a streamed import can
    check each entry (and each container, once its end tag is read) alone.
    """
    if not isinstance(el.tag, str) or not el.tag.startswith(_NS):
        return []
    tag = el.tag[len(_NS):]
    if tag not in _RULED:
        return []
    problems: list[tuple[int | None, str]] = []
    model = _MODELS.get(tag)
    if model is not None:
        kids = " ".join(
            c.tag[len(_NS):] if c.tag.startswith(_NS) else "?"
            for c in el
            if isinstance(c.tag, str)
        )
        if not model.fullmatch(kids):
            problems.append(
                (el.sourceline, _("<{tag}> has invalid content: {kids}").format(tag=tag, kids=kids or "-"))
            )
        stray = (el.text or "").strip() or any((c.tail or "").strip() for c in el)
        if stray:
            problems.append((el.sourceline, _("text not allowed directly in <{tag}>").format(tag=tag)))
    if tag in _TYPED and not el.get("type"):
        problems.append((el.sourceline, _("<{tag}> needs a type attribute").format(tag=tag)))
    if tag == "conceptEntry" and not el.get("id"):
        problems.append((el.sourceline, _("<conceptEntry> needs an id")))
    if tag == "langSec" and not el.get(XML_LANG):
        problems.append((el.sourceline, _("<langSec> needs xml:lang")))
    return problems


#: Qualified name -> (local name, content model) of the elements with a content model.
_MODELLED = {f"{_NS}{tag}": (tag, model) for tag, model in _MODELS.items()}
#: What :func:`element_problems` asks of an element, as bits, by qualified name (others: nothing).
_HAS_MODEL, _NEEDS_TYPE, _NEEDS_ID, _NEEDS_LANG = 1, 2, 4, 8
_ASKED = {
    f"{_NS}{tag}": (_HAS_MODEL * (tag in _MODELS) | _NEEDS_TYPE * (tag in _TYPED)
                    | _NEEDS_ID * (tag == "conceptEntry") | _NEEDS_LANG * (tag == "langSec"))
    for tag in _RULED
}
#: (qualified tag, its element children's qualified tags) -> whether the content model accepts them.
_MODEL_VERDICTS: dict[tuple[str, tuple[str, ...]], bool] = {}
_VERDICTS_KEPT = 4096


def model_accepts(tag: str, kids: tuple[str, ...]) -> bool:
    """Whether the content model of ``tag`` (qualified) accepts children of these qualified tags."""
    verdict = _MODEL_VERDICTS.get((tag, kids))
    if verdict is None:
        model = _MODELLED[tag][1]
        shown = " ".join(k[len(_NS):] if k.startswith(_NS) else "?" for k in kids)
        verdict = model.fullmatch(shown) is not None
        if len(_MODEL_VERDICTS) < _VERDICTS_KEPT:
            _MODEL_VERDICTS[(tag, kids)] = verdict
    return verdict


def tree_is_clean(el) -> bool:  # noqa: ANN001 - lxml element
    """Whether :func:`element_problems` finds nothing in ``el`` nor in any element under it.

    The streamed import asks this of every entry, so it is one walk with no
    lists of problems and no messages: a million entries of one shape share
    a handful of children sequences, whose content-model verdicts are kept.
    Only when it says False are the problems themselves worked out (by
    :func:`element_problems`), so an error is reported exactly as before.
    """
    asked = _ASKED
    for node in el.iter():
        # A comment's, processing instruction's or entity's tag is a function: asked nothing.
        rule = asked.get(node.tag)
        if not rule:
            continue
        if rule & _HAS_MODEL:
            text = node.text
            if text and not text.isspace():
                return False
            kids = []
            for child in node:
                ctag = child.tag
                if ctag.__class__ is str:
                    kids.append(ctag)
                tail = child.tail
                if tail and not tail.isspace():
                    return False
            if not model_accepts(node.tag, tuple(kids)):
                return False
        if rule & _NEEDS_TYPE and not node.get("type"):
            return False
        if rule & _NEEDS_ID and not node.get("id"):
            return False
        if rule & _NEEDS_LANG and not node.get(XML_LANG):
            return False
    return True


def builtin_core_problems(root) -> list[tuple[int | None, str]]:  # noqa: ANN001
    problems = root_problems(root)
    if root.tag != f"{_NS}tbx":
        return problems
    for el in root.iter():
        problems.extend(element_problems(el))
    return problems


# -- the TBX-Basic DCA Schematron, ported -------------------------------------------------

_ADMIN_STS = ("admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts",
              "preferredTerm-admn-sts")
_TERM_LOCATIONS = (
    "checkBox comboBox comboBoxElement dialogBox groupBox informativeMessage interactiveMessage "
    "menuItem progressBar pushButton radioButton slider spinBox tab tableText textBox toolTip "
    "user-definedType"
).split()


def _ln(el) -> str:  # noqa: ANN001
    return el.tag[len(_NS):] if isinstance(el.tag, str) and el.tag.startswith(_NS) else ""


def _parent(el) -> str:  # noqa: ANN001
    p = el.getparent()
    return _ln(p) if p is not None else ""


def _grand(el) -> str:  # noqa: ANN001
    p = el.getparent()
    return _parent(p) if p is not None else ""


def _at(el, levels: tuple[str, ...], grp: str | None) -> bool:  # noqa: ANN001
    """``parent::L`` or ``parent::GRP/parent::L`` for L in levels.

    ``grp`` is a group element name, or ``*Grp`` for any group but
    ``transacGrp``, or ``any*Grp`` for any group at all (the ref rule).
    """
    parent = _parent(el)
    if parent in levels:
        return True
    if grp is None:
        return False
    if grp == "*Grp":
        ok = "Grp" in parent and parent != "transacGrp"
    elif grp == "any*Grp":
        ok = "Grp" in parent
    else:
        ok = parent == grp
    return ok and _grand(el) in levels


Rule = tuple[str, Callable[[object], bool], list[tuple[str, Callable[[object], bool], str]]]


def _string(el) -> str:  # noqa: ANN001
    return "".join(el.itertext())


def _typed(tag: str, kind: str) -> Callable[[object], bool]:
    return lambda el: _ln(el) == tag and el.get("type") == kind


def _in(values) -> Callable[[object], bool]:  # noqa: ANN001
    return lambda el: _string(el) in values


_HTTP = re.compile(r"https?://[^\n\r]+")


def _patterns() -> list[tuple[str, list[Rule]]]:
    """Patterns in the order of the official file; rule and assertion texts are its own."""
    all_ids: Callable[[object], set[str]] = lambda el: {  # noqa: E731
        v for v in el.getroottree().getroot().xpath("//@id")
    }

    def target_ok(el) -> bool:  # noqa: ANN001
        target = el.get("target")
        # XPath's '.' matches neither \n nor \r (Python's matches \r), and
        # matches() searches, as re.search does.
        return bool(_HTTP.search(target)) or target in all_ids(el)

    def sc_has_ec(el) -> bool:  # noqa: ANN001
        return any(_ln(s) == "ec" for s in el.itersiblings())

    def ec_has_sc(el) -> bool:  # noqa: ANN001
        return any(_ln(s) == "sc" for s in el.itersiblings(preceding=True))

    iso_no = lambda el: el.get("isolated") in (None, "no")  # noqa: E731
    iso_yes = lambda el: el.get("isolated") in (None, "yes")  # noqa: E731
    msg_pair = ("@isolated must be 'no' if <sc/> or <ec/> has its corresponding <sc/>/<ec/> in the "
                "same note text and @startRef must be used for <ec>")
    msg_iso = ("@isolated must be 'yes' if <sc/> or <ec/> does not have its corresponding "
               "<sc/>/<sc/> in the same note text.")
    ce, ls, ts = "conceptEntry", "langSec", "termSec"

    def level(tag: str, kind: str, levels: tuple[str, ...], grp: str | None, names: str) -> Rule:
        return (
            f"{tag}[@type='{kind}']",
            _typed(tag, kind),
            [(f"level.{kind}", lambda el: _at(el, levels, grp),
              f"/{kind}/ may only appear at level(s): {names}")],
        )

    def attr_values(tag: str, values: tuple[str, ...]) -> Rule:
        names = ", ".join(values)
        return (
            f"{tag}/@type",
            lambda el: _ln(el) == tag and el.get("type") is not None,
            [(f"type.{tag}", lambda el: el.get("type") in values, f"Permitted type value(s): {names}")],
        )

    def picklist(kind: str, values: tuple[str, ...]) -> Rule:
        shown = " or ".join(f"'{v}'" for v in values)
        return (
            f"termNote[@type='{kind}']",
            _typed("termNote", kind),
            [(f"value.{kind}", _in(values), f"/{kind}/ type may be: {shown}")],
        )

    return [
        ("coreEnforcement", [
            ("termNote", lambda el: _ln(el) == "termNote", [
                ("core.termNote-level", lambda el: _at(el, (ts,), "termNoteGrp"),
                 "Any termNote is only allowed at the termSec level."),
            ]),
            ("tbx:*[@type]", lambda el: bool(_ln(el)) and el.get("type") is not None, [
                ("core.type-declared", lambda el: el.get("type") != "",
                 "Data category must be declared.  If no permitted data categories are listed in "
                 "the grammar schema, blank values are also not allowed."),
            ]),
            ("*[@target]", lambda el: el.get("target") is not None, [
                ("core.target", target_ok,
                 "ID must be IDREF for internal references or URI following HTTP protocol for "
                 "external references."),
            ]),
        ]),
        ("XLIFF.inlineConstraints", [
            ("sc[following-sibling::ec]", lambda el: _ln(el) == "sc" and sc_has_ec(el), [
                ("inline.sc-paired", iso_no, msg_pair),
            ]),
            ("ec[preceding-sibling::sc]", lambda el: _ln(el) == "ec" and ec_has_sc(el), [
                ("inline.ec-paired", iso_no, msg_pair),
                ("inline.ec-startRef", lambda el: el.get("startRef") is not None,
                 "@starRef is required for <ec> if it is in the same note text as its "
                 "corresponding <sc>"),
            ]),
            ("sc[not(following-sibling::ec)]", lambda el: _ln(el) == "sc", [
                ("inline.sc-isolated", iso_yes, msg_iso),
            ]),
            ("ec[not(preceding-sibling::sc)]", lambda el: _ln(el) == "ec", [
                ("inline.ec-isolated", iso_yes, msg_iso),
                ("inline.ec-id", lambda el: el.get("id") is not None,
                 "@id is REQUIRED when @isolated is or should be 'yes'."),
            ]),
            # The official rule tbx:ec[@isolated='yes'] follows; every <ec> has
            # been matched by one of the two rules above, so it never fires.
        ]),
        ("dialectEnforcement", [
            ("tbx:tbx", lambda el: _ln(el) == "tbx", [
                ("dialect.name", lambda el: el.get("type") == "TBX-Basic",
                 "The name of this dialect should be TBX-Basic."),
                ("dialect.style", lambda el: el.get("style") == "dca",
                 "The style of this dialect should be declared as 'dca'."),
            ]),
            ("*[not(namespace-uri() = TBX)]",
             lambda el: isinstance(el.tag, str) and not el.tag.startswith(_NS), [
                 ("dialect.dca", lambda el: False,
                  "DCT style elements are not permitted in DCA style TBX."),
             ]),
        ]),
        # Attribute rules: their context nodes are attributes, so they are a
        # pattern of their own in effect (no element rule can shadow them).
        ("dialectEnforcement/@type", [
            attr_values("admin", ("customerSubset", "projectSubset", "source")),
            attr_values("descrip", ("subjectField", "context", "definition")),
            attr_values("ref", ("crossReference",)),
            attr_values("termNote", ("administrativeStatus", "partOfSpeech", "geographicalUsage",
                                     "grammaticalGender", "termLocation", "termType")),
            attr_values("transac", ("transactionType",)),
            attr_values("transacNote", ("responsibility",)),
            attr_values("xref", ("externalCrossReference", "xGraphic")),
        ]),
        ("module.min.admin", [level("admin", "customerSubset", (ce, ts), "*Grp", "conceptEntry, termSec")]),
        ("module.min.descrip", [level("descrip", "subjectField", (ce,), "descripGrp", "conceptEntry")]),
        ("module.min.termNote", [
            picklist("administrativeStatus", _ADMIN_STS),
            picklist("partOfSpeech", ("adjective", "noun", "other", "verb", "adverb")),
        ]),
        ("module.min.xref", [
            (
                "xref[@type='externalCrossReference']",
                _typed("xref", "externalCrossReference"),
                [("level.externalCrossReference", lambda el: _parent(el) in (ce, ls, ts),
                  "/externalCrossReference/ may only appear at level(s): conceptEntry, langSec, termSec")],
            )
        ]),
        ("module.basic.admin", [
            level("admin", "projectSubset", (ce, ts), "*Grp", "conceptEntry, termSec"),
            level("admin", "source", (ce, ls, ts), "*Grp", "conceptEntry, langSec, termSec"),
        ]),
        ("module.basic.descrip", [
            level("descrip", "context", (ts,), "descripGrp", "termSec"),
            level("descrip", "definition", (ce, ls), "descripGrp", "conceptEntry, langSec"),
        ]),
        ("module.basic.ref", [level("ref", "crossReference", (ce, ts), "any*Grp", "conceptEntry, termSec")]),
        ("module.basic.termNote", [
            picklist("grammaticalGender", ("masculine", "feminine", "neuter", "other")),
            picklist("termLocation", tuple(_TERM_LOCATIONS)),
            picklist("termType", ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")),
        ]),
        # The official pattern has a second rule with the same context that
        # checks 'origination' / 'modification'; being second, it never fires.
        ("module.basic.transac", [
            level("transac", "transactionType", (ce, ls, ts), "transacGrp", "conceptEntry, langSec, termSec"),
        ]),
        ("module.basic.transacNote", [
            level("transacNote", "responsibility", (ce, ls, ts), "transacGrp",
                  "conceptEntry, langSec, termSec"),
        ]),
        ("module.basic.xref", [
            (
                "xref[@type='xGraphic']",
                _typed("xref", "xGraphic"),
                [("level.xGraphic", lambda el: _parent(el) in (ce, ls),
                  "/xGraphic/ may only appear at level(s): conceptEntry, langSec")],
            )
        ]),
    ]


@lru_cache(maxsize=1)
def basic_patterns() -> list[tuple[str, list[Rule]]]:
    return _patterns()


def schematron_problems(root) -> Iterator[tuple[int | None, str, str]]:  # noqa: ANN001
    """Yield (line, rule id, message) for every failed assertion, in document order."""
    patterns = basic_patterns()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for _name, rules in patterns:
            for _context, matches, asserts in rules:
                if matches(el):
                    for rule_id, test, message in asserts:
                        if not test(el):
                            yield el.sourceline, rule_id, message
                    break  # Schematron: first matching rule of a pattern only


# -- TBX 2008: rules embedded in TBXBasicRNGV02.rng -----------------------------------------

_V2_RULES: list[tuple[str, str, Callable[[object], bool], str]] = [
    ("admin", "customerSubset", lambda el: len(el) == 0 and _local(el.getparent()) == "tig",
     "The customer subset must be expressed in plainText. It can occur only at the term (tig) level."),
    ("admin", "projectSubset", lambda el: len(el) == 0 and _local(el.getparent()) == "tig",
     "The project subset must be expressed in plainText. It can occur only at the term (tig) level."),
    ("descrip", "context",
     lambda el: _local(el.getparent()) == "tig"
     or (_local(el.getparent()) == "descripGrp" and _local(el.getparent().getparent()) == "tig"),
     "A context sentence can only occur at the term (tig) level."),
    ("descrip", "definition",
     lambda el: _local(el.getparent()) in ("termEntry", "langSet")
     or (_local(el.getparent()) == "descripGrp"
         and _local(el.getparent().getparent()) in ("termEntry", "langSet")),
     "A definition must occur at the termEntry level or the langSet level."),
    ("descrip", "subjectField", lambda el: len(el) == 0 and _local(el.getparent()) == "termEntry",
     "A subject field must be a plainText value. Subject fields occur at the termEntry level."),
    ("ref", "crossReference", lambda el: _local(el.getparent()) in ("termEntry", "tig"),
     "A cross-reference can occur only at the concept (termEntry) level or the term (tig) level."),
    ("termNote", "administrativeStatus", lambda el: _string(el) in _ADMIN_STS,
     "The values of administrativeStatus must be one of: preferredTerm-admn-sts, "
     "admittedTerm-admn-sts, deprecatedTerm-admn-sts, or supersededTerm-admn-sts."),
    ("termNote", "grammaticalGender",
     lambda el: _string(el) in ("masculine", "feminine", "neuter", "other"),
     "The gender must be masculine, feminine, neuter, or other."),
    ("termNote", "partOfSpeech",
     lambda el: _string(el) in ("noun", "verb", "adjective", "adverb", "properNoun", "other"),
     "The part of speech must be either noun, verb, adjective, adverb, properNoun, or other."),
    ("termNote", "termType",
     lambda el: _string(el) in ("abbreviation", "acronym", "fullForm", "variant", "shortForm", "phrase"),
     "The type of term can only be one of the following values: abbreviation, acronym, fullForm, "
     "variant, shortForm, phrase."),
]


def _local(el) -> str:  # noqa: ANN001
    if el is None or not isinstance(el.tag, str):
        return ""
    return el.tag.rsplit("}", 1)[-1]


def v2_problems(root) -> Iterator[tuple[int | None, str]]:  # noqa: ANN001
    for el in root.iter():
        tag = _local(el)
        for rtag, kind, test, message in _V2_RULES:
            if tag == rtag and el.get("type") == kind and not test(el):
                yield el.sourceline, message


# -- entry point ----------------------------------------------------------------------


def validate_tbx(path: str | Path) -> ValidationResult:
    """Check any TBX file against TBX-Basic; never raises for a bad file, only for a missing one."""
    name = str(path)
    result = ValidationResult(path=name, dialect="XML")
    try:
        tree = parse_file(path)
    except InputError as exc:
        if not Path(path).is_file():
            raise
        result.problems.append((exc.line, exc.message))
        result.checks.append(_("well-formed XML"))
        return result
    root = tree.getroot()
    tag = _local(root)
    declared = root.get("type") or "?"
    if tag == "tbx":
        result.dialect = f"{declared} (TBX v3)"
        schema = load_rng("v3")
        if schema is not None:
            result.checks.append(_("TBX core RELAX NG"))
            if not schema.validate(tree):
                result.problems.extend((e.line, e.message) for e in schema.error_log)
        else:
            result.checks.append(_("TBX core structure (built-in)"))
            result.problems.extend(builtin_core_problems(root))
        result.checks.append(_("TBX-Basic DCA Schematron 1.2.1 (ported)"))
        result.problems.extend((line, msg) for line, _rid, msg in schematron_problems(root))
    elif tag == "martif":
        result.dialect = f"{declared} (TBX 2008)"
        schema = load_rng("v2")
        if schema is not None:
            result.checks.append(_("TBX-Basic 2008 RELAX NG"))
            if not schema.validate(tree):
                result.problems.extend((e.line, e.message) for e in schema.error_log)
        result.checks.append(_("TBX-Basic 2008 Schematron rules (ported)"))
        result.problems.extend(v2_problems(root))
    else:
        result.problems.append(
            (root.sourceline, _("not a TBX file: the root element is <{tag}>").format(tag=tag))
        )
    result.problems.sort(key=lambda p: (p[0] or 0))
    return result
