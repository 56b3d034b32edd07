"""The Python port of the TBX-Basic DCA Schematron, one rule at a time.

Each case starts from a minimal valid TBX-Basic DCA document and breaks
exactly one thing on one line; the port must report the official rule's
own message at that line.  Cases under ``SHADOWED`` are what the official
file accepts because, within a Schematron pattern, a node is checked only
by the first rule whose context matches it (so three of its rules never
fire); the port must accept them too.

When saxonche is importable (it is optional, not a project dependency),
the official ``TBX-Basic_DCA.sch`` itself runs through Saxon on every
document here, and the port must give the same failed assertions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import shared_path

from glossary.formats import validate
from glossary.formats.validate import schematron_problems, validate_tbx
from glossary.xmlsafe import parse_file

MINIMAL = """\
<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader>
    <fileDesc>
      <sourceDesc><p>Minimal TBX-Basic DCA document for the Schematron tests.</p></sourceDesc>
    </fileDesc>
  </tbxHeader>
  <text>
    <body>
      <conceptEntry id="c1">
        <descrip type="subjectField">standardization</descrip>
        <adminGrp><admin type="customerSubset">ACME</admin></adminGrp>
        <xref type="xGraphic" target="https://example.org/logo.png">logo</xref>
        <transacGrp><transac type="transactionType">origination</transac><transacNote type="responsibility">editor</transacNote></transacGrp>
        <langSec xml:lang="en">
          <descripGrp><descrip type="definition">A document that sets rules.</descrip></descripGrp>
          <admin type="source">ISO 704</admin>
          <termSec>
            <term>standard</term>
            <termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <termNoteGrp><termNote type="termType">fullForm</termNote></termNoteGrp>
            <termNote type="grammaticalGender">other</termNote>
            <termNote type="termLocation">menuItem</termNote>
            <descrip type="context">The standard applies.</descrip>
            <admin type="projectSubset">P1</admin>
            <ref type="crossReference" target="c2">norm</ref>
            <xref type="externalCrossReference" target="https://example.org/standard">ISO</xref>
            <note>see <hi target="c2">norm</hi>, <sc id="s1"/>bold<ec startRef="s1"/></note>
          </termSec>
        </langSec>
      </conceptEntry>
      <conceptEntry id="c2">
        <langSec xml:lang="zh-Hans">
          <termSec>
            <term>标准</term>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""

# Lines of MINIMAL that the cases rewrite, by a piece of text unique to each.
ROOT = '<tbx xmlns='
CE_GRP = "<adminGrp>"
CE_TRANSAC = "<transacGrp>"
LS_DEF = "<descripGrp>"
LS_SOURCE = '<admin type="source">'
POS = '"partOfSpeech"'
STATUS = '"administrativeStatus"'
GENDER = '"grammaticalGender"'
LOCATION = '"termLocation"'
TERM_TYPE = "<termNoteGrp>"
CONTEXT = '"context"'
PROJECT = '"projectSubset"'
CROSSREF = '"crossReference"'
EXTREF = '"externalCrossReference"'
NOTE = "<note>"


@dataclass(frozen=True)
class Case:
    rule: str  # the port's rule id
    line_of: str  # which line of MINIMAL is rewritten
    new: str  # the whole new line (one line, so the problem is on it)
    message: str  # the start of the official assertion text

    def document(self) -> tuple[str, int]:
        lines = MINIMAL.split("\n")
        hits = [i for i, line in enumerate(lines) if self.line_of in line]
        assert len(hits) == 1, self.line_of
        lines[hits[0]] = self.new
        return "\n".join(lines), hits[0] + 1


_PAIR = "@isolated must be 'no'"
_ISO = "@isolated must be 'yes'"
CASES: dict[str, Case] = {
    # coreEnforcement
    "termNote-at-langSec": Case("core.termNote-level", LS_SOURCE,
                                '<termNote type="termType">fullForm</termNote>',
                                "Any termNote is only allowed at the termSec level."),
    "termNote-in-descripGrp": Case("core.termNote-level", LS_DEF,
                                   '<descripGrp><descrip type="definition">x</descrip>'
                                   '<termNote type="termType">fullForm</termNote></descripGrp>',
                                   "Any termNote is only allowed at the termSec level."),
    "blank-type": Case("core.type-declared", CONTEXT, '<descrip type="">The standard applies.</descrip>',
                       "Data category must be declared."),
    "target-dangling": Case("core.target", NOTE, '<note>see <hi target="c9">norm</hi></note>',
                            "ID must be IDREF for internal references"),
    "target-ftp": Case("core.target", NOTE, '<note>see <hi target="ftp://example.org/x">norm</hi></note>',
                       "ID must be IDREF for internal references"),
    "target-bare-scheme": Case("core.target", NOTE, '<note>see <hi target="http://">norm</hi></note>',
                               "ID must be IDREF for internal references"),
    # XPath's '.' matches neither \n nor \r; Python's matches \r.
    "target-scheme-then-cr": Case("core.target", NOTE, '<note>see <hi target="http://&#13;">norm</hi></note>',
                                  "ID must be IDREF for internal references"),
    # XLIFF.inlineConstraints
    "sc-paired-isolated": Case("inline.sc-paired", NOTE,
                               '<note><sc id="s1" isolated="yes"/>bold<ec startRef="s1"/></note>', _PAIR),
    "ec-paired-isolated": Case("inline.ec-paired", NOTE,
                               '<note><sc id="s1"/>bold<ec startRef="s1" isolated="yes"/></note>', _PAIR),
    "ec-paired-no-startRef": Case("inline.ec-startRef", NOTE, '<note><sc id="s1"/>bold<ec id="e1"/></note>',
                                  "@starRef is required for <ec>"),
    "sc-alone-not-isolated": Case("inline.sc-isolated", NOTE, '<note><sc id="s1" isolated="no"/>bold</note>',
                                  _ISO),
    "ec-alone-not-isolated": Case("inline.ec-isolated", NOTE, '<note>bold<ec id="e1" isolated="no"/></note>',
                                  _ISO),
    "ec-alone-no-id": Case("inline.ec-id", NOTE, '<note>bold<ec isolated="yes"/></note>',
                           "@id is REQUIRED when @isolated is or should be 'yes'."),
    # dialectEnforcement
    "dialect-name": Case("dialect.name", ROOT,
                         '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Core" style="dca" xml:lang="en">',
                         "The name of this dialect should be TBX-Basic."),
    "dialect-style": Case("dialect.style", ROOT,
                          '<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dct" xml:lang="en">',
                          "The style of this dialect should be declared as 'dca'."),
    "dct-element": Case("dialect.dca", NOTE, '<x:note xmlns:x="http://example.org/x">bar</x:note>',
                        "DCT style elements are not permitted in DCA style TBX."),
    "admin-type": Case("type.admin", PROJECT, '<admin type="project">P1</admin>',
                       "Permitted type value(s): customerSubset, projectSubset, source"),
    "descrip-type": Case("type.descrip", CONTEXT, '<descrip type="example">The standard applies.</descrip>',
                         "Permitted type value(s): subjectField, context, definition"),
    "ref-type": Case("type.ref", CROSSREF, '<ref type="seeAlso" target="c2">norm</ref>',
                     "Permitted type value(s): crossReference"),
    "termNote-usageStatus": Case("type.termNote", STATUS,
                                 '<termNote type="usageStatus">preferredTerm-admn-sts</termNote>',
                                 "Permitted type value(s): administrativeStatus, partOfSpeech"),
    "transac-type": Case("type.transac", CE_TRANSAC,
                         '<transacGrp><transac type="transactionKind">origination</transac></transacGrp>',
                         "Permitted type value(s): transactionType"),
    "transacNote-type": Case("type.transacNote", CE_TRANSAC,
                             '<transacGrp><transac type="transactionType">origination</transac>'
                             '<transacNote type="author">editor</transacNote></transacGrp>',
                             "Permitted type value(s): responsibility"),
    "xref-type": Case("type.xref", EXTREF, '<xref type="link" target="https://example.org/s">ISO</xref>',
                      "Permitted type value(s): externalCrossReference, xGraphic"),
    # module.min.*
    "customerSubset-at-langSec": Case("level.customerSubset", LS_SOURCE, '<admin type="customerSubset">A</admin>',
                                      "/customerSubset/ may only appear at level(s): conceptEntry, termSec"),
    "customerSubset-in-transacGrp": Case("level.customerSubset", CE_TRANSAC,
                                         '<transacGrp><transac type="transactionType">origination</transac>'
                                         '<admin type="customerSubset">A</admin></transacGrp>',
                                         "/customerSubset/ may only appear at level(s)"),
    "subjectField-at-langSec": Case("level.subjectField", LS_SOURCE, '<descrip type="subjectField">x</descrip>',
                                    "/subjectField/ may only appear at level(s): conceptEntry"),
    "administrativeStatus-value": Case("value.administrativeStatus", STATUS,
                                       '<termNote type="administrativeStatus">preferred</termNote>',
                                       "/administrativeStatus/ type may be:"),
    "partOfSpeech-value": Case("value.partOfSpeech", POS, '<termNote type="partOfSpeech">properNoun</termNote>',
                               "/partOfSpeech/ type may be:"),
    "externalCrossReference-in-descripGrp": Case(
        "level.externalCrossReference", LS_DEF,
        '<descripGrp><descrip type="definition">x</descrip>'
        '<xref type="externalCrossReference" target="https://example.org">x</xref></descripGrp>',
        "/externalCrossReference/ may only appear at level(s): conceptEntry, langSec, termSec"),
    # module.basic.*
    "projectSubset-at-langSec": Case("level.projectSubset", LS_SOURCE, '<admin type="projectSubset">P1</admin>',
                                     "/projectSubset/ may only appear at level(s): conceptEntry, termSec"),
    "source-in-transacGrp": Case("level.source", CE_TRANSAC,
                                 '<transacGrp><transac type="transactionType">origination</transac>'
                                 '<admin type="source">x</admin></transacGrp>',
                                 "/source/ may only appear at level(s): conceptEntry, langSec, termSec"),
    "context-at-langSec": Case("level.context", LS_SOURCE, '<descrip type="context">x</descrip>',
                               "/context/ may only appear at level(s): termSec"),
    "definition-at-termSec": Case("level.definition", CONTEXT, '<descrip type="definition">x</descrip>',
                                  "/definition/ may only appear at level(s): conceptEntry, langSec"),
    "crossReference-at-langSec": Case("level.crossReference", LS_SOURCE,
                                      '<ref type="crossReference" target="c2">x</ref>',
                                      "/crossReference/ may only appear at level(s): conceptEntry, termSec"),
    "grammaticalGender-value": Case("value.grammaticalGender", GENDER,
                                    '<termNote type="grammaticalGender">common</termNote>',
                                    "/grammaticalGender/ type may be:"),
    "termLocation-value": Case("value.termLocation", LOCATION, '<termNote type="termLocation">button</termNote>',
                               "/termLocation/ type may be:"),
    "termType-value": Case("value.termType", TERM_TYPE,
                           '<termNoteGrp><termNote type="termType">fullform</termNote></termNoteGrp>',
                           "/termType/ type may be:"),
    "transactionType-in-descripGrp": Case("level.transactionType", LS_DEF,
                                          '<descripGrp><descrip type="definition">x</descrip>'
                                          '<transac type="transactionType">origination</transac></descripGrp>',
                                          "/transactionType/ may only appear at level(s)"),
    "responsibility-in-descripGrp": Case("level.responsibility", LS_DEF,
                                         '<descripGrp><descrip type="definition">x</descrip>'
                                         '<transacNote type="responsibility">x</transacNote></descripGrp>',
                                         "/responsibility/ may only appear at level(s)"),
    "xGraphic-at-termSec": Case("level.xGraphic", EXTREF,
                                '<xref type="xGraphic" target="https://example.org/x.png">x</xref>',
                                "/xGraphic/ may only appear at level(s): conceptEntry, langSec"),
}

#: Breaks the official Schematron lets through, with the official text of the
#: assertion that would have caught them had its rule been first in its pattern.
SHADOWED: dict[str, tuple[str, str, str]] = {
    # tbx:*[@type] is matched first, so *[@target] never sees typed elements.
    "typed-ref-target-dangling": (CROSSREF, '<ref type="crossReference" target="c9">norm</ref>',
                                  "ID must be IDREF for internal references"),
    # tbx:termNote is matched first, so tbx:*[@type] never sees a termNote...
    # (its type="" is still caught by the attribute rule, so no case here).
    # tbx:ec[@isolated='yes'] comes after two rules that take every <ec>.
    "ec-isolated-blank-id": (NOTE, '<note>bold<ec id="" isolated="yes"/></note>',
                             "ID is required if @isolated is 'yes'."),
    # The second rule with context tbx:transac[@type='transactionType'].
    "transactionType-value": (CE_TRANSAC, '<transacGrp><transac type="transactionType">deletion</transac>'
                              '</transacGrp>', "/transactionType/ type may be:"),
}

#: Valid variations: a picklist value is the element's string value.
ALSO_VALID: dict[str, tuple[str, str]] = {
    "value-split-by-comment": (POS, '<termNote type="partOfSpeech">no<!-- x -->un</termNote>'),
    "target-http": (NOTE, '<note>see <hi target="http://example.org/a">norm</hi></note>'),
    "customerSubset-at-termSec": (PROJECT, '<admin type="customerSubset">A</admin>'),
    "definition-at-conceptEntry": (CE_GRP, '<descrip type="definition">x</descrip>'),
    "crossReference-in-transacGrp": (CE_TRANSAC, '<transacGrp><transac type="transactionType">origination'
                                     '</transac><ref type="crossReference" target="c2">x</ref></transacGrp>'),
    "ec-alone-isolated": (NOTE, '<note>bold<ec id="e1" isolated="yes"/></note>'),
}


def write(tmp_path: Path, text: str, name: str = "case.tbx") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def port(path: Path) -> list[tuple[int | None, str, str]]:
    return list(schematron_problems(parse_file(path).getroot()))


def variant(line_of: str, new: str) -> str:
    return Case("", line_of, new, "").document()[0]


def test_minimal_document_is_valid(tmp_path):
    shared_path("tbx", "v3", "TBXcoreStructV03.rng")
    result = validate_tbx(write(tmp_path, MINIMAL))
    assert result.problems == []
    assert "TBX core RELAX NG" in result.checks
    assert result.dialect == "TBX-Basic (TBX v3)"


def test_minimal_document_is_valid_without_the_schema_files(tmp_path, monkeypatch):
    monkeypatch.setattr(validate, "load_rng", lambda kind: None)
    result = validate_tbx(write(tmp_path, MINIMAL))
    assert result.problems == []
    assert "TBX core structure (built-in)" in result.checks


@pytest.mark.parametrize("name", sorted(CASES))
def test_rule_rejects_its_break(tmp_path, name):
    case = CASES[name]
    text, line = case.document()
    path = write(tmp_path, text)
    found = port(path)
    assert [(ln, rid) for ln, rid, _msg in found] == [(line, case.rule)] or (
        # A blank @type also fails the permitted-values rule of its element.
        name == "blank-type" and sorted(rid for _ln, rid, _msg in found) == ["core.type-declared", "type.descrip"]
    ), found
    problems = validate_tbx(path).problems
    assert any(ln == line and msg.startswith(case.message) for ln, msg in problems), problems


@pytest.mark.parametrize("name", sorted(SHADOWED))
def test_rule_that_never_fires_accepts(tmp_path, name):
    line_of, new, _message = SHADOWED[name]
    assert port(write(tmp_path, variant(line_of, new))) == []


@pytest.mark.parametrize("name", sorted(ALSO_VALID))
def test_valid_variation_passes(tmp_path, name):
    assert port(write(tmp_path, variant(*ALSO_VALID[name]))) == []


def _official_asserts() -> list[str]:
    from lxml import etree

    sch = etree.parse(str(shared_path("tbx", "v3", "TBX-Basic_DCA.sch")))
    ns = {"sch": "http://purl.oclc.org/dsdl/schematron"}
    return [" ".join(a.xpath("string()").split()) for a in sch.xpath("//sch:assert | //sch:report", namespaces=ns)]


def test_every_official_assertion_has_a_case():
    """Each assertion of the .sch (37) is broken by a case, or documented as one that never fires."""
    asserts = _official_asserts()
    assert len(asserts) == 37
    covered = [" ".join(c.message.split()) for c in CASES.values()]
    covered += [" ".join(message.split()) for _l, _n, message in SHADOWED.values()]
    # Identical texts (the @isolated pair) count once per occurrence in the .sch.
    need = Counter(asserts)
    for text, count in need.items():
        hits = sum(1 for c in covered if text.startswith(c))
        assert hits >= count, text


# -- the official Schematron, run by Saxon -------------------------------------------------


@pytest.fixture(scope="module")
def official():
    """A callable giving the official Schematron's failed-assertion texts for a file.

    saxonche has no Schematron compiler of its own, and the ISO skeleton
    shipped with lxml is the XSLT 1 one: it compiles the schema (its
    queryBinding relabelled ``xslt``, the only change) to a validator whose
    version is then set to 2.0, so that Saxon evaluates the rule contexts
    and tests as the XPath 2 they are written in.  The skeleton's own
    semantics (a node fires only the first matching rule of a pattern,
    attributes are visited) are those of every Schematron implementation.
    """
    saxonche = pytest.importorskip("saxonche")
    import lxml.isoschematron as iso

    skeleton = Path(iso.__file__).parent / "resources" / "xsl" / "iso-schematron-xslt1" / "iso_svrl_for_xslt1.xsl"
    if not skeleton.exists():
        pytest.skip("lxml ships no ISO Schematron skeleton")
    sch = shared_path("tbx", "v3", "TBX-Basic_DCA.sch").read_text(encoding="utf-8-sig")
    assert 'queryBinding="xslt2"' in sch
    sch = sch.replace('queryBinding="xslt2"', 'queryBinding="xslt"')
    with saxonche.PySaxonProcessor(license=False) as proc:
        xslt = proc.new_xslt30_processor()
        compiler = xslt.compile_stylesheet(stylesheet_file=str(skeleton))
        generated = compiler.transform_to_string(xdm_node=proc.parse_xml(xml_text=sch))
        generated, n = re.subn(r'(<xsl:stylesheet\b[^>]*?\bversion=)"1\.0"', r'\1"2.0"', generated, count=1)
        assert n == 1
        validator = xslt.compile_stylesheet(stylesheet_text=generated)

        def run(path: Path) -> list[str]:
            svrl = validator.transform_to_string(xdm_node=proc.parse_xml(xml_file_name=str(path)))
            texts = re.findall(r"<svrl:failed-assert\b.*?<svrl:text>(.*?)</svrl:text>", svrl, re.S)
            assert "<svrl:schematron-output" in svrl
            return sorted(" ".join(_unescape(t).split()) for t in texts)

        yield run


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def _all_documents() -> dict[str, str]:
    docs = {"minimal": MINIMAL}
    docs.update({f"case:{name}": case.document()[0] for name, case in CASES.items()})
    docs.update({f"shadowed:{name}": variant(line_of, new) for name, (line_of, new, _m) in SHADOWED.items()})
    docs.update({f"valid:{name}": variant(*spec) for name, spec in ALSO_VALID.items()})
    return docs


@pytest.mark.parametrize("name", sorted(_all_documents()))
def test_port_agrees_with_the_official_schematron(tmp_path, official, name):
    path = write(tmp_path, _all_documents()[name])
    ours = sorted(" ".join(msg.split()) for _ln, _rid, msg in port(path))
    assert ours == official(path)


@pytest.mark.parametrize(
    "parts",
    [
        ("tbx", "v3", "Example_Astronomy_DCA_VALID.tbx"),
        ("tbx", "samples", "basic_good.tbx"),
        ("tbx", "samples", "basic_bad.tbx"),
        ("tbx", "samples", "core_structure_good.tbx"),
        ("tbx", "samples", "core_structure_bad.tbx"),
    ],
)
def test_port_agrees_with_the_official_schematron_on_shared_samples(official, parts):
    path = shared_path(*parts)
    ours = sorted(" ".join(msg.split()) for _ln, _rid, msg in port(path))
    assert ours == official(path)
