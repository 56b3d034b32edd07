"""TSV drafts: headers, quoting, encodings, errors, round trip."""

from __future__ import annotations

import codecs
import string

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.drafts.readers import read_draft
from glossary.errors import InputError


def pairs(draft):
    return [(s.source, s.target) for s in draft.segments]


def test_header_bom_crlf_quotes_and_notes():
    path = FIXTURES / "drafts_bom_crlf.tsv"
    draft = read_draft(path)
    assert draft.format == "tsv"
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    assert pairs(draft) == [
        ("Standardization Administration of China", "国家标准化管理委员会"),
        ("Quality, safety and efficiency!", "质量、安全和效率！"),
        ("A cell with a\ttab", '含有"引号"的单元格'),
        ("Untranslated line", ""),
        ("Smart city", "智慧城市"),
    ]
    # Line numbers count the header and the blank line; the BOM is not text.
    assert [s.line for s in draft.segments] == [2, 4, 5, 6, 7]
    assert draft.segments[-1].notes == ["reviewer: check 智慧 vs 智能"]
    assert all(s.file == str(path) for s in draft.segments)
    assert draft.files == [str(path)]


def test_caller_language_swaps_columns_named_by_header():
    draft = read_draft(FIXTURES / "drafts_bom_crlf.tsv", source_lang="zh-CN")
    assert (draft.source_lang, draft.target_lang) == ("zh-Hans", "en")
    assert draft.segments[0].source == "国家标准化管理委员会"


@pytest.mark.parametrize("name", ["drafts_utf16.tsv", "drafts_gb18030.tsv"])
def test_encodings_and_literal_quotes(name):
    draft = read_draft(FIXTURES / name)
    # No header: languages come from the script of each side.
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    assert pairs(draft) == [
        ("International Organization for Standardization", "国际标准化组织（ISO）"),
        # Not strict spreadsheet quoting, so the quotes are text.
        ('"Quoted" title', "“引用”标题"),
        ("Green development", "绿色发展"),
    ]
    assert [s.line for s in draft.segments] == [1, 2, 3]


def test_explicit_encoding(tmp_path):
    path = tmp_path / "big5.tsv"
    path.write_bytes("Standard\t標準\n".encode("big5"))
    draft = read_draft(path, encoding="big5", target_lang="zh-TW")
    assert pairs(draft) == [("Standard", "標準")]
    assert draft.target_lang == "zh-Hant-TW"


@pytest.mark.parametrize(
    "header, langs",
    [
        ("English\tChinese", ("en", "zh-Hans")),
        ("英文\t中文", ("en", "zh-Hans")),
        ("source\ttarget", ("en", "zh-Hans")),  # roles only: detected by script
        ("zh_CN\ten-GB", ("zh-Hans", "en")),
    ],
)
def test_header_forms(tmp_path, header, langs):
    path = tmp_path / "h.tsv"
    body = "标准\tstandard\n" if langs[0].startswith("zh") else "standard\t标准\n"
    path.write_text(header + "\n" + body, encoding="utf-8")
    draft = read_draft(path)
    assert (draft.source_lang, draft.target_lang) == langs
    assert len(draft.segments) == 1
    assert draft.segments[0].line == 2


def test_same_language_pair_is_not_a_header(tmp_path):
    path = tmp_path / "h.tsv"
    path.write_text("it\tit\n", encoding="utf-8")
    assert pairs(read_draft(path)) == [("it", "it")]


def test_line_without_tab_names_file_and_line():
    path = FIXTURES / "drafts_notab.tsv"
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert info.value.line == 2
    assert str(info.value).startswith(f"{path}:2: ")
    assert "tab" in str(info.value)


def test_undecodable_names_file_and_line(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_bytes("ok\t好\n".encode() + b"a\t\xff\xfe\xfd\n")
    with pytest.raises(InputError) as info:
        read_draft(path, input_format="tsv")
    assert info.value.file == str(path)
    assert info.value.line == 2
    assert str(info.value).startswith(f"{path}:2: ")


def test_missing_file():
    with pytest.raises(InputError) as info:
        read_draft(FIXTURES / "drafts_absent.tsv")
    assert "drafts_absent.tsv" in str(info.value)


# Cells a spreadsheet could hold, without line breaks (a break inside a
# quoted cell is tested separately) and without leading/trailing blanks
# that would make a whole line blank.
_cell = st.text(
    alphabet=st.sampled_from(string.ascii_letters + " \"'，。“”标准化质量安全、！？（）0123456789"),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())


def _write_quoted(cell: str) -> str:
    if any(ch in cell for ch in '"\t\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_cell, _cell), min_size=1, max_size=20), st.booleans(), st.booleans())
def test_round_trip(tmp_path_factory, rows, crlf, bom):
    path = tmp_path_factory.mktemp("rt") / "draft.tsv"
    newline = "\r\n" if crlf else "\n"
    # A writer names the languages in a header, so no first row of data can
    # be taken for one (a row "de<TAB>fr" would be).
    text = "en\tzh-CN" + newline
    text += newline.join(_write_quoted(a) + "\t" + _write_quoted(b) for a, b in rows) + newline
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8"))
    draft = read_draft(path, input_format="tsv")
    assert pairs(draft) == rows
    assert [s.line for s in draft.segments] == list(range(2, len(rows) + 2))
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")


def test_quoted_cell_with_line_break_keeps_start_line(tmp_path):
    path = tmp_path / "multi.tsv"
    path.write_text('a\t甲\n"two\nlines"\t"两\n行"\nc\t丙\n', encoding="utf-8")
    draft = read_draft(path)
    assert pairs(draft) == [("a", "甲"), ("two\nlines", "两\n行"), ("c", "丙")]
    # The third row starts on line 5: the quoted cells span lines 2 to 4.
    assert [s.line for s in draft.segments] == [1, 2, 5]


def test_unbalanced_quote_is_literal(tmp_path):
    path = tmp_path / "q.tsv"
    path.write_text('"open\t开\nx"\ty\nz\t丙\n', encoding="utf-8")
    draft = read_draft(path)
    assert pairs(draft) == [('"open', "开"), ('x"', "y"), ("z", "丙")]
