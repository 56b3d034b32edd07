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
    back = next(read_concepts(path).concepts)
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
    first, second = list(batch.concepts)
    assert [(t.lang, t.text, t.status) for t in first.terms] == [
        ("zh-Hans", "世界标准日", "preferred"),
        ("zh-Hant-TW", "世界標準日", "preferred"),
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
    concepts = list(batch.concepts)
    assert len(concepts) == 383
    first = concepts[0]
    assert [(t.lang, t.text) for t in first.terms] == [("en", "translation memory"), ("zh-Hans", "翻译记忆")]
    assert "decoded as UTF-16-BE (1)" in batch.mapped


def test_tsv_export_is_omegat_form(tmp_path):
    out = io.BytesIO()
    export_concepts([person()], out, "tsv")
    lines = out.getvalue().decode("utf-8").splitlines()
    assert lines == ["Chen Jianping\t陈建平\tChén Jiànpíng", "J. P. Chen\t陈建平\tChén Jiànpíng"]
    path = tmp_path / "g.txt"
    path.write_bytes(out.getvalue())
    assert len(list(read_concepts(path).concepts)) == 2


def test_tsv_with_language_header(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("en\tzh-TW\ncomputer\t電腦\tnote\n", encoding="utf-8")
    concept = next(read_concepts(path).concepts)
    assert [t.lang for t in concept.terms] == ["en", "zh-Hant-TW"] and concept.note == "note"


# -- lazy reading: rows become concepts as an import consumes them ---------------------------

CSV_HEAD = "id,type,en,zh\n"


def csv_file(tmp_path, rows: list[str], name: str = "g.csv"):
    path = tmp_path / name
    path.write_text(CSV_HEAD + "".join(rows), encoding="utf-8")
    return path


def unparseable_row() -> str:
    """A row the csv module refuses (a cell over its field size limit)."""
    return "c9,term,big," + "x" * (csv.field_size_limit() + 1) + "\n"


@given(st.text(alphabet="ab,\"\r\n\t "))
def test_lines_split_as_stringio_does(text):
    from glossary.formats.tabular import _lines

    assert list(_lines(text)) == io.StringIO(text, newline="").readlines()


def test_csv_rows_are_read_as_consumed(tmp_path):
    path = csv_file(tmp_path, ["c1,term,standard,标准\n", "c2,term,norm,规范\n", unparseable_row()])
    batch = read_concepts(path)  # the header is fine: no error yet
    assert not isinstance(batch.concepts, list)
    assert next(batch.concepts).uid == "c1"
    assert next(batch.concepts).uid == "c2"
    import pytest

    from glossary.errors import InputError

    with pytest.raises(InputError) as info:
        next(batch.concepts)
    assert info.value.line == 4 and "not valid CSV" in info.value.message
    assert info.value.file == str(path)


def test_csv_mapped_and_rejected_fill_as_rows_are_read(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("id,type,en,zh,status\nc1,term,standard,标准,forbidden\nc2,bogus,x,y,\nc3,term,ok,好,\n",
                    encoding="utf-8")
    batch = read_concepts(path)
    assert list(batch.rejected) == [] and list(batch.mapped) == []
    concepts = list(batch.concepts)
    assert [c.uid for c in concepts] == ["c1", "c3"]
    assert batch.rejected == [(f"{path}:3", "unknown concept type 'bogus'")]
    # One status cell for both main terms: each term's status is mapped.
    assert batch.mapped == ["status spelled forbidden read as deprecated (2)"]


def test_tsv_lines_are_read_as_consumed_with_their_numbers(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_bytes("en\tzh-CN\r\nstandard\t标准\rno target\n\nnorm\t规范\tnote".encode())
    batch = read_concepts(path)
    assert not isinstance(batch.concepts, list)
    concepts = list(batch.concepts)
    assert [[t.text for t in c.terms] for c in concepts] == [["standard", "标准"], ["norm", "规范"]]
    assert concepts[1].note == "note"
    assert batch.rejected == [(f"{path}:3", "a line needs a source and a target term separated by a tab")]


def test_tsv_without_header_keeps_its_first_line(tmp_path):
    path = tmp_path / "g.txt"
    path.write_text("standard\t标准\nnorm\t规范\n", encoding="utf-8")
    batch = read_concepts(path)
    assert [c.terms[0].text for c in batch.concepts] == ["standard", "norm"]
    assert batch.mapped == ["no language header: columns taken as en -> zh-Hans (1)"]


def test_wrong_encoding_is_refused_before_any_row(tmp_path):
    import pytest

    from glossary.errors import InputError

    path = tmp_path / "g.csv"
    path.write_bytes(CSV_HEAD.encode() + "c1,term,standard,标准\n".encode("utf-16-le"))
    with pytest.raises(InputError):
        read_concepts(path)


def test_csv_import_rejects_a_bad_row_with_its_line(tmp_path):
    from glossary.formats import import_file
    from glossary.store import TermBase

    path = csv_file(tmp_path, ["c1,term,standard,标准\n", "c2,term,,\n", "c3,term,norm,规范\n"])
    with TermBase.open(tmp_path / "t.db", create=True) as tb:
        report = import_file(tb, path)
        assert (report.added, report.rejected) == (2, [(f"{path}:3", "row has no term")])
        assert tb.count() == 2


def test_unparseable_csv_row_rolls_the_import_back(tmp_path):
    import pytest

    from glossary.errors import InputError
    from glossary.formats import import_file
    from glossary.store import TermBase

    good = csv_file(tmp_path, ["c1,term,standard,标准\n"], name="good.csv")
    rows = [f"d{i},term,word {i},词{i}\n" for i in range(50)]
    bad = csv_file(tmp_path, [*rows, unparseable_row(), "d99,term,late,晚\n"], name="bad.csv")
    with TermBase.open(tmp_path / "t.db", create=True) as tb:
        import_file(tb, good)
        before = export_csv(tb.iter_concepts())
        with pytest.raises(InputError) as info:
            import_file(tb, bad)
        assert info.value.line == 52 and info.value.file == str(bad)
        assert tb.count() == 1
        assert export_csv(tb.iter_concepts()) == before


def test_rows_of_term_columns_only_read_as_the_full_path_reads_them():
    """A row with only term columns takes a shorter path; a row with an empty fixed cell the long one: same concept."""
    from glossary.formats.common import Mapping
    from glossary.formats.tabular import _row_concept

    for mains in ([("en", "alpha"), ("zh-Hans", "阿尔法")], [("en", ""), ("zh-Hans", "阿尔法")], [("en", ""), ("zh-Hans", "")]):
        got, want = [], []
        short = _row_concept({}, mains, [], [], "t.csv:2", Mapping(), got)
        full = _row_concept({"subject": ""}, mains, [], [], "t.csv:2", Mapping(), want)
        assert short == full and got == want
