"""Format detection, script detection, the corpus reader and read_draft's own errors."""

from __future__ import annotations

import codecs
import importlib.util

import pytest
from conftest import FIXTURES, shared_path

from glossary.drafts.detect import detect_format, sniff
from glossary.drafts.readers import FORMATS, read_draft
from glossary.errors import InputError, LanguageTagError
from glossary.lang import detect_script_language


@pytest.mark.parametrize(
    "name, expected",
    [
        ("drafts_bom_crlf.tsv", "tsv"),
        ("drafts_12.xlf", "xliff"),
        ("drafts_utf16.tmx", "tmx"),
        ("drafts_basic.po", "po"),
        ("drafts_gb2312.po", "po"),
    ],
)
def test_extension(name, expected):
    assert detect_format(FIXTURES / name) == expected


def test_two_paths_are_text():
    assert detect_format("a.tsv", "b.tsv") == "text"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("drafts_12.xlf", "xliff"),
        ("drafts_20.xlf", "xliff"),
        ("drafts_utf16.tmx", "tmx"),  # UTF-16 with a BOM
        ("drafts_basic.po", "po"),
        ("drafts_gb2312.po", "po"),
        ("drafts_utf16.tsv", "tsv"),
    ],
)
def test_content_sniffing_without_extension(tmp_path, source, expected):
    path = tmp_path / "draft.data"
    path.write_bytes((FIXTURES / source).read_bytes())
    assert detect_format(path) == expected
    # And read_draft reads it with no hint.
    assert read_draft(path).format == expected


def test_txt_is_tsv_when_tabbed_else_corpus(tmp_path):
    tabbed = tmp_path / "a.txt"
    tabbed.write_text("standard\t标准\nquality\t质量\n", encoding="utf-8")
    assert detect_format(tabbed) == "tsv"
    prose = tmp_path / "b.txt"
    prose.write_text("# CHINA SCENE\n# 中国视窗\n", encoding="utf-8")
    assert detect_format(prose) == "corpus"
    assert detect_format(tmp_path / "c.md") == "corpus"  # by extension, not read


def test_xml_root_behind_comment_and_doctype():
    head = (
        '<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">'
    )
    assert sniff(head) == "tmx"
    assert sniff('<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0">') == "xliff"
    assert sniff("<html><body/></html>") is None


def test_unknown_format_lists_accepted(tmp_path):
    path = tmp_path / "thing.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(InputError) as info:
        read_draft(path)
    message = str(info.value)
    assert str(path) in message
    assert all(name in message for name in FORMATS)


def test_unknown_input_format_option():
    with pytest.raises(InputError) as info:
        read_draft(FIXTURES / "drafts_basic.po", input_format="docx")
    assert "docx" in str(info.value) and "xliff" in str(info.value)


def test_input_format_overrides_extension(tmp_path):
    path = tmp_path / "really-po.txt"
    path.write_bytes((FIXTURES / "drafts_basic.po").read_bytes())
    assert read_draft(path, input_format="PO").format == "po"


def test_unknown_caller_language():
    with pytest.raises(LanguageTagError):
        read_draft(FIXTURES / "drafts_bom_crlf.tsv", target_lang="zz-not-a-tag!")


def test_missing_file_with_unknown_extension():
    with pytest.raises(InputError) as info:
        read_draft(FIXTURES / "drafts_absent.data")
    assert "drafts_absent.data" in str(info.value) and "no such file" in str(info.value)


def test_utf16_without_bom_is_an_error_with_file(tmp_path):
    path = tmp_path / "u.tsv"
    path.write_bytes("standard\t标准\n".encode("utf-16-le"))
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert str(path) in str(info.value) and "UTF-16" in str(info.value)
    # With the encoding given, it reads.
    draft = read_draft(path, encoding="utf-16-le")
    assert [(s.source, s.target) for s in draft.segments] == [("standard", "标准")]


@pytest.mark.parametrize(
    "texts, expected",
    [
        (["国家标准化管理委员会"], "zh-Hans"),
        (["[字节] 总共 alloc-free %lu-%lu，使用中 %lu，高峰使用 %lu"], "zh-Hans"),
        (["ISO 9001 认证"], "zh-Hans"),
        (["The term 标准化 means standardization"], "en"),
        (["Standardization Administration of China"], "en"),
        (["", "123", "！？"], "en"),
        ([], "en"),
        (["標準化"], "zh-Hans"),  # Traditional is never guessed
    ],
)
def test_detect_script_language(texts, expected):
    assert detect_script_language(texts) == expected


def test_detect_script_language_accepts_a_generator():
    assert detect_script_language(t for t in ["质量", "安全"]) == "zh-Hans"


# ---- corpus documents (the pairing is glossary.corpus.pairs, the lead's) ----

needs_pairs = pytest.mark.skipif(
    importlib.util.find_spec("glossary.corpus.pairs") is None,
    reason="glossary.corpus.pairs (extract_pairs) is not in the tree yet",
)


@needs_pairs
def test_corpus_document(tmp_path):
    from glossary.corpus.pairs import extract_pairs

    text = "# CHINA SCENE\n\n# 中国视窗\n\nBy Jin Jili\n\n文/靳吉丽\n"
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    pairs = extract_pairs(text, str(path))
    draft = read_draft(path)
    assert draft.format == "corpus"
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    assert pairs, "extract_pairs pairs this heading and byline"
    assert [(s.source, s.target, s.line, s.target_line) for s in draft.segments] == [
        (p.en, p.zh, p.en_line, p.zh_line) for p in pairs
    ]
    reverse = read_draft(path, source_lang="zh")
    assert (reverse.source_lang, reverse.target_lang) == ("zh-Hans", "en")
    assert [(s.source, s.target, s.line) for s in reverse.segments] == [
        (p.zh, p.en, p.zh_line) for p in pairs
    ]


@needs_pairs
def test_real_corpus_issue():
    path = shared_path("corpus", "000_03608c15103b00d1.txt")
    draft = read_draft(path)
    assert draft.format == "corpus"
    assert draft.segments, "the magazine issue has paired headings"
    assert all(s.line and s.line >= 1 for s in draft.segments)


def test_bom_only_file_is_empty_draft(tmp_path):
    path = tmp_path / "empty.tsv"
    path.write_bytes(codecs.BOM_UTF8)
    draft = read_draft(path)
    assert draft.segments == [] and draft.format == "tsv"


@pytest.mark.parametrize("input_format", [None, "tsv", "xliff", "tmx", "po"])
def test_directory_is_an_input_error(tmp_path, input_format):
    with pytest.raises(InputError) as info:
        read_draft(tmp_path, input_format=input_format)
    assert info.value.file == str(tmp_path)
    assert "directory" in str(info.value)
