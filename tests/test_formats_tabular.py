"""CSV contract and OmegaT TSV."""

from __future__ import annotations

import csv
import io

from conftest import FIXTURES, shared_path
from hypothesis import given
from hypothesis import strategies as st

from glossary.formats import export_concepts, read_concepts
from glossary.formats.tabular import COLUMNS, join_list, neutralize, split_list, unneutralize
from glossary.model import Concept, Flag, Source, Term


def person() -> Concept:
    return Concept(
        type="person",
        uid="c1",
        sources=[Source("issue1.txt", 12, "陈建平, engineer")],
        terms=[
            Term("en", "Chen Jianping"),
            Term("zh-Hans", "陈建平", pinyin="Chén Jiànpíng", romanization="Chen Jianping",
                 flags=[Flag("pinyin-mismatch", "source says Chen Jiangping")]),
            Term("en", "J. P. Chen", status="admitted", term_type="variant"),
            Term("zh-Hans", "陈剑平", status="deprecated"),
        ],
    )


def export_csv(concepts) -> bytes:
    out = io.BytesIO()
    export_concepts(concepts, out, "csv")
    return out.getvalue()


def test_csv_contract_columns_and_bom():
    data = export_csv([person()])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    for column in ("id", "type", "en", "zh", "pinyin", "status", "flags", "source"):
        assert column in COLUMNS
    row = rows[0]
    assert (row["id"], row["type"], row["en"], row["zh"]) == ("c1", "person", "Chen Jianping", "陈建平")
    assert row["pinyin"] == "Chén Jiànpíng" and row["status"] == "preferred"
    assert row["flags"] == "pinyin-mismatch: source says Chen Jiangping"
    assert row["source"] == "issue1.txt:12" and row["context"] == "陈建平, engineer"
    assert row["en_variant"] == "J. P. Chen" and row["zh_deprecated"] == "陈剑平"
    assert row["extra"] == ""


def test_formula_injection_is_neutralized_and_reversible(tmp_path):
    concept = Concept(type="term", uid="c2", terms=[Term("en", "=HYPERLINK(1)"), Term("zh-Hans", "+1")],
                      note="'@not")
    data = export_csv([concept])
    text = data.decode("utf-8-sig")
    assert ",'=HYPERLINK(1),'+1," in text and "''@not" in text
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    back = read_concepts(path).concepts[0]
    assert [t.text for t in back.terms] == ["=HYPERLINK(1)", "+1"] and back.note == "'@not"


@given(st.text(alphabet="'=+-@a "))
def test_neutralize_reverses(value):
    cell = neutralize(value)
    assert cell[:1] not in ("=", "+", "-", "@")
    assert unneutralize(cell) == value


@given(st.lists(st.text(alphabet="a |\\ b"), min_size=2))
def test_list_cells_reverse(items):
    assert split_list(join_list(items)) == items


def test_foreign_csv_with_quirky_header():
    batch = read_concepts(FIXTURES / "formats_quirks.csv")
    first, second = batch.concepts
    assert [(t.lang, t.text, t.status) for t in first.terms] == [
        ("zh-Hans", "世界标准日", "preferred"),
        ("zh-Hant", "世界標準日", "preferred"),
        ("zh-Hans", "标准日", "admitted"),
        ("en", "Standards Day", "deprecated"),
    ]
    assert first.note == "English note: =not a formula"
    assert second.note == "English note: line one\nline two"
    assert second.terms[0].status == "deprecated"
    assert "status spelled forbidden read as deprecated (1)" in batch.mapped
    assert "column English note kept as a note (1)" in batch.mapped
    assert batch.rejected == [(f"{FIXTURES / 'formats_quirks.csv'}:6", "more cells than the header has columns")]


def test_csv_without_language_header_is_rejected(tmp_path):
    import pytest

    from glossary.errors import InputError

    path = tmp_path / "x.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_concepts(path)
    assert info.value.line == 1


def test_omegat_utf16_glossary():
    path = shared_path("real", "omegat-l10n-zh-cn", "omegat-glossary.txt")
    batch = read_concepts(path)
    assert batch.format == "tsv"
    assert len(batch.concepts) == 383
    first = batch.concepts[0]
    assert [(t.lang, t.text) for t in first.terms] == [("en", "translation memory"), ("zh-Hans", "翻译记忆")]
    assert "decoded as UTF-16-BE (1)" in batch.mapped


def test_tsv_export_is_omegat_form(tmp_path):
    out = io.BytesIO()
    export_concepts([person()], out, "tsv")
    lines = out.getvalue().decode("utf-8").splitlines()
    assert lines == ["Chen Jianping\t陈建平\tChén Jiànpíng", "J. P. Chen\t陈建平\tChén Jiànpíng"]
    path = tmp_path / "g.txt"
    path.write_bytes(out.getvalue())
    assert len(read_concepts(path).concepts) == 2


def test_tsv_with_language_header(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("en\tzh-TW\ncomputer\t電腦\tnote\n", encoding="utf-8")
    concept = read_concepts(path).concepts[0]
    assert [t.lang for t in concept.terms] == ["en", "zh-Hant"] and concept.note == "note"
