"""TBX v3 and TBX 2008 export/import, checked against the official schemas and samples."""

from __future__ import annotations

import io

import pytest
from conftest import FIXTURES, shared_path

from glossary.errors import InputError, LanguageTagError
from glossary.formats import export_concepts, read_concepts, validate_tbx
from glossary.formats.validate import builtin_core_problems, load_rng, schematron_problems
from glossary.model import Concept, Flag, Source, Term


def sample_concepts() -> list[Concept]:
    return [
        Concept(
            type="person",
            uid="c0000000001",
            subject="people",
            note="type: not the concept type",
            confidence=0.75,
            evidence=["dictionary", "pinyin"],
            sources=[Source("issue1.txt", 12, "context at concept level", parent="c0000000002")],
            terms=[
                Term("en", "Chen Jianping", pos="properNoun"),
                Term(
                    "zh-Hans",
                    "陈建平",
                    pinyin="Chén Jiànpíng",
                    romanization="Chen Jianping",
                    flags=[Flag("pinyin-mismatch", "expected Chen Jianping")],
                    sources=[Source("issue1.txt", 13, "陈建平 & <同事> \"说\"")],
                ),
            ],
        ),
        Concept(
            type="org",
            uid="c0000000002",
            terms=[
                Term("en", "International Organization for Standardization"),
                Term("en", "ISO", status="admitted", term_type="acronym", pos="noun"),
                Term("zh-Hans", "国际标准化组织", pinyin="guójì biāozhǔnhuà zǔzhī"),
                Term("zh-Hans", "国际标准组织", status="deprecated", note="old\nspelling"),
                Term("zh-Hant-TW", "國際標準化組織"),
            ],
        ),
    ]


def export(fmt: str, concepts=None, **kwargs) -> bytes:
    out = io.BytesIO()
    export_concepts(sample_concepts() if concepts is None else concepts, out, fmt, **kwargs)
    return out.getvalue()


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_v3_export_is_valid_tbx_basic(tmp_path):
    shared_path("tbx", "v3", "TBXcoreStructV03.rng")
    path = write(tmp_path, "out.tbx", export("tbx"))
    result = validate_tbx(path)
    assert result.dialect == "TBX-Basic (TBX v3)"
    assert "TBX core RELAX NG" in result.checks
    assert result.ok, result.problems


def test_v3_export_passes_builtin_core_rules_too(tmp_path):
    from lxml import etree

    root = etree.fromstring(export("tbx"))
    assert builtin_core_problems(root) == []


def test_v2_export_is_valid_against_tbx_basic_2008_rng(tmp_path):
    shared_path("tbx", "v2", "TBXBasicRNGV02.rng")
    path = write(tmp_path, "out.tbx", export("tbx2008"))
    result = validate_tbx(path)
    assert result.dialect == "TBX-Basic (TBX 2008)"
    assert "TBX-Basic 2008 RELAX NG" in result.checks
    assert result.ok, result.problems


def test_empty_export_is_still_valid(tmp_path):
    shared_path("tbx", "v3", "TBXcoreStructV03.rng")
    path = write(tmp_path, "empty.tbx", export("tbx", concepts=[]))
    assert b"<body>" not in path.read_bytes()
    assert validate_tbx(path).ok


def test_export_is_deterministic_and_keeps_ids():
    first, second = export("tbx"), export("tbx")
    assert first == second
    assert b'<conceptEntry id="c0000000001">' in first


def test_mapping_of_fields_in_v3():
    text = export("tbx").decode("utf-8")
    assert '<descrip type="subjectField">people</descrip>' in text
    assert "<note>type: person</note>" in text
    # A free note that looks like a keyed note is escaped, never misread.
    assert "<note>note: type: not the concept type</note>" in text
    assert "<note>pinyin: Chén Jiànpíng</note>" in text
    assert "<note>flag: pinyin-mismatch: expected Chen Jianping</note>" in text
    assert '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in text
    assert '<termNote type="termType">acronym</termNote>' in text
    # properNoun is not in the v3 TBX-Basic picklist: kept as a note instead.
    assert "<note>partOfSpeech: properNoun</note>" in text
    assert '<descrip type="context">陈建平 &amp; &lt;同事&gt; "说"</descrip>' in text
    assert '<admin type="source">issue1.txt:13</admin>' in text
    assert '<langSec xml:lang="zh-CN">' in text and '<langSec xml:lang="zh-TW">' in text


def test_lang_style_script_and_lang_filter():
    text = export("tbx", lang_style="script", langs=["zh_CN"]).decode("utf-8")
    assert '<langSec xml:lang="zh-Hans">' in text
    assert 'xml:lang="en"' not in text.split("<text>")[1]
    assert "zh-Hant" not in text
    with pytest.raises(LanguageTagError):
        export("tbx", langs=["klingonish"])


def test_usage_status_vocabulary_is_a_choice(tmp_path):
    data = export("tbx", status_vocab="usage")
    assert b'<termNote type="usageStatus">notRecommended</termNote>' in data
    path = write(tmp_path, "usage.tbx", data)
    result = validate_tbx(path)
    # The published 1.2.1 Schematron does not know usageStatus yet.
    assert not result.ok
    assert all("Permitted type value(s)" in message for _line, message in result.problems)
    concepts = list(read_concepts(path).concepts)
    assert [t.status for t in concepts[1].terms] == [t.status for t in sample_concepts()[1].terms]


@pytest.mark.parametrize("fmt", ["tbx", "tbx2008"])
def test_read_back_restores_every_field(tmp_path, fmt):
    path = write(tmp_path, f"out.{fmt}.tbx", export(fmt))
    batch = read_concepts(path)
    assert batch.format == fmt
    assert list(batch.concepts) == sample_concepts()
    assert batch.rejected == []


def test_translate_toolkit_reads_every_term_of_tbx2008():
    from translate.storage.tbx import tbxfile

    store = tbxfile.parsestring(export("tbx2008"))
    read = [(term.text, term.administrative_status) for unit in store.units
            for term in unit.get_source_terms() + unit.get_target_terms()]
    # translate-toolkit is bilingual: the first two languages of each entry.
    expected = [
        (t.text, f"{t.status}Term-admn-sts")
        for c in sample_concepts() for t in c.terms if t.lang in ("en", "zh-Hans")
    ]
    assert sorted(read) == sorted(expected)
    assert [unit.source for unit in store.units] == ["Chen Jianping", "International Organization for Standardization"]


def test_official_valid_example_passes():
    path = shared_path("tbx", "v3", "Example_Astronomy_DCA_VALID.tbx")
    result = validate_tbx(path)
    assert result.ok, result.problems


def test_basic_bad_fails_with_its_expected_errors():
    result = validate_tbx(shared_path("tbx", "samples", "basic_bad.tbx"))
    assert not result.ok
    messages = {m for _l, m in result.problems}
    assert "Permitted type value(s): transactionType" in messages
    assert "Permitted type value(s): responsibility" in messages
    assert "/definition/ may only appear at level(s): conceptEntry, langSec" in messages
    assert any(m.startswith("/partOfSpeech/ type may be") and line == 69 for line, m in result.problems)


def test_basic_good_fails_only_on_usage_status():
    result = validate_tbx(shared_path("tbx", "samples", "basic_good.tbx"))
    assert result.problems
    assert {m for _l, m in result.problems} == {
        "Permitted type value(s): administrativeStatus, partOfSpeech, geographicalUsage, "
        "grammaticalGender, termLocation, termType"
    }


def test_core_good_is_core_valid_but_not_basic():
    result = validate_tbx(shared_path("tbx", "samples", "core_structure_good.tbx"))
    assert result.problems == [(3, "The name of this dialect should be TBX-Basic.")]


@pytest.mark.parametrize("name", ["basic_good.tbx", "core_structure_good.tbx"])
def test_good_samples_import(name):
    batch = read_concepts(shared_path("tbx", "samples", name))
    assert len(list(batch.concepts)) == 45
    assert batch.rejected == []


def test_astronomy_example_imports_with_unknown_categories_as_notes():
    batch = read_concepts(shared_path("tbx", "v3", "Example_Astronomy_DCA_VALID.tbx"))
    first = next(batch.concepts)
    assert first.uid == "c1" and first.subject == "General"
    assert "definition: A group of stars" in first.note
    term = first.terms[0]
    assert (term.text, term.pos, term.status) == ("open cluster", "noun", "preferred")
    assert term.sources[0].file == "http://seds.org/MESSIER/open.html"
    assert term.sources[0].context.startswith("Over 1100 open clusters")
    assert any("kept as a note" in m for m in batch.mapped)


def test_core_structure_bad_is_rejected_with_line():
    with pytest.raises(InputError) as info:
        read_concepts(shared_path("tbx", "samples", "core_structure_bad.tbx"))
    assert info.value.line == 15
    assert "core structure" in info.value.message


def test_core_structure_bad_is_rejected_by_builtin_rules_too():
    from glossary.xmlsafe import parse_file

    root = parse_file(shared_path("tbx", "samples", "core_structure_bad.tbx")).getroot()
    lines = {line for line, _m in builtin_core_problems(root)}
    # sourceDesc text, admin under text, admin before term/no type, two terms, two descrips
    assert {15, 20, 27, 44} <= lines or {15, 27} <= lines
    assert len(lines) >= 4


def test_poorly_formed_is_rejected_with_line():
    with pytest.raises(InputError) as info:
        read_concepts(shared_path("tbx", "samples", "poorly_formed_xml.tbx"))
    assert info.value.line == 42
    assert "not well-formed" in info.value.message
    result = validate_tbx(shared_path("tbx", "samples", "poorly_formed_xml.tbx"))
    assert result.dialect == "XML" and result.problems[0][0] == 42


def test_kde_real_tbx2008():
    batch = read_concepts(shared_path("real", "kde-cn", "terms.tbx"))
    assert batch.format == "tbx2008"
    concepts = list(batch.concepts)
    assert len(concepts) == 137
    assert "language en-US -> en (137)" in batch.mapped
    assert "language zh-CN -> zh-Hans (137)" in batch.mapped
    assert all(t.lang in ("en", "zh-Hans") for c in concepts for t in c.terms)
    # Synonyms: several tig in one langSet, the first preferred.
    multi = [c for c in concepts if len(c.terms_in("zh-Hans")) > 1]
    assert multi
    assert [t.status for t in multi[0].terms_in("zh-Hans")][:2] == ["preferred", "admitted"]
    # Homonyms: 'ok' stays two concepts, told apart by subjectField.
    oks = [c for c in concepts if any(t.text == "ok" for t in c.terms)]
    assert len(oks) == 2 and oks[0].subject != oks[1].subject
    # Empty <term/> elements are rejected with their line, the rest kept.
    assert batch.rejected and all(r == "empty term" for _w, r in batch.rejected)


def test_quirky_vendor_file_utf16():
    batch = read_concepts(FIXTURES / "formats_quirks_utf16.tbx")
    q1, q2, q3 = list(batch.concepts)
    assert [(t.lang, t.status) for t in q1.terms] == [
        ("en", "preferred"), ("en", "deprecated"), ("zh-Hans", "preferred"), ("zh-Hant-TW", "preferred"),
    ]
    assert q1.terms[2].pinyin == "shìjiè biāozhǔn rì"
    assert q2.terms[0].term_type == "acronym"
    assert [t.lang for t in q2.terms] == ["en", "zh-Hans", "zh-Hans"]
    assert q2.terms[1].status == "deprecated"
    for message in (
        "language zh_CN -> zh-Hans (1)", "language ZH-CN -> zh-Hans (1)", "language zh -> zh-Hans (1)",
        "language zh-TW -> zh-Hant-TW (1)", "status spelled forbidden read as deprecated (1)",
        "status spelled preferred read as preferred (1)",
    ):
        assert message in batch.mapped
    assert len(batch.rejected) == 2
    assert "unknown language code" in batch.rejected[0][1]


def test_tbx2008_structure_errors_rejected(tmp_path):
    path = write(
        tmp_path,
        "bad.tbx",
        b'<martif type="TBX" xml:lang="en"><text><body><termEntry id="a">'
        b'<langSet xml:lang="en">\n<tig><note>no term</note></tig></langSet></termEntry></body></text></martif>',
    )
    with pytest.raises(InputError) as info:
        read_concepts(path)
    assert info.value.line == 2 and "<tig>" in info.value.message


def test_rng_loads():
    shared_path("tbx", "v3", "TBXcoreStructV03.rng")
    assert load_rng("v3") is not None and load_rng("v2") is not None


def test_schematron_rules_report_in_document_order():
    from lxml import etree

    root = etree.fromstring(export("tbx"))
    assert list(schematron_problems(root)) == []
