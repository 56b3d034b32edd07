"""XLIFF 1.2 and 2.0 drafts."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, shared_path

from glossary.drafts.readers import read_draft
from glossary.drafts.xmltext import PLACEHOLDER
from glossary.errors import InputError, LanguageTagError


def test_xliff_12_inline_notes_groups_and_segmentation():
    path = FIXTURES / "drafts_12.xlf"
    draft = read_draft(path)
    assert draft.format == "xliff"
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    got = [(s.unit, s.source, s.target, s.line) for s in draft.segments]
    assert got == [
        ("save", "Save the standard file", "保存标准文件", 5),
        # <x/> and <ph> become one placeholder each, so words stay apart.
        ("code", f"Press{PLACEHOLDER}Enter", f"按{PLACEHOLDER}回车键", 11),
        # untranslated and empty-target units are skipped
        ("segmented#1", "First sentence.", "第一句。", 23),
        ("segmented#2", "Second sentence.", "第二句。", 23),
    ]
    assert draft.segments[0].notes == ["glossary-ignore: 文件"]
    assert draft.segments[1].notes == []


def test_xliff_20_segments_pc_ph_and_notes():
    draft = read_draft(FIXTURES / "drafts_20.xlf")
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    got = [(s.unit, s.source, s.target, s.line, s.notes) for s in draft.segments]
    assert got == [
        ("u1#s1", "Quality first.", "质量第一。", 6, ["check 质量"]),
        ("u1#s2", f"Then{PLACEHOLDER}safety.", f"然后{PLACEHOLDER}安全。", 11, ["check 质量"]),
    ]


def test_caller_languages_override_the_files():
    draft = read_draft(FIXTURES / "drafts_20.xlf", source_lang="en-GB", target_lang="zh-TW")
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hant-TW")


def test_no_target_language_names_file_and_line_of_file_element():
    path = FIXTURES / "drafts_notarget.xlf"
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert (info.value.file, info.value.line) == (str(path), 3)
    assert "target-language" in str(info.value) and "--target-lang" in str(info.value)
    # The caller's language makes it readable.
    draft = read_draft(path, target_lang="zh-CN")
    assert draft.target_lang == "zh-Hans"
    assert [(s.source, s.target) for s in draft.segments] == [("a", "甲")]


def test_malformed_xml_names_line():
    path = FIXTURES / "drafts_malformed.xlf"
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert (info.value.file, info.value.line) == (str(path), 4)
    assert str(info.value).startswith(f"{path}:4: not well-formed XML")
    assert "\n" not in str(info.value)


def test_external_entity_is_refused_not_resolved():
    # A DOCTYPE declaring &secret; (file:///etc/hostname) is refused outright, as
    # term base imports refuse it: the file's content never reaches a segment.
    path = FIXTURES / "drafts_xxe.xlf"
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert info.value.line == 2 and "entities" in info.value.message
    assert open("/etc/hostname").read().strip() not in str(info.value)


def test_unknown_language_code(tmp_path):
    path = tmp_path / "bad.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"\n'
        ' srcLang="en" trgLang="klingon-xx"><file id="f"/></xliff>',
        encoding="utf-8",
    )
    with pytest.raises(LanguageTagError) as info:
        read_draft(path)
    # libxml2 numbers an element by the line where its start tag ends.
    assert (info.value.file, info.value.line) == (str(path), 2)
    # The caller's language replaces the broken one.
    assert read_draft(path, target_lang="zh-CN").target_lang == "zh-Hans"


def test_not_xliff_root(tmp_path):
    path = tmp_path / "x.xlf"
    path.write_text("<?xml version='1.0'?>\n<html/>", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert info.value.line == 2 and "<html>" in str(info.value)


def test_real_symfony_validators():
    path = shared_path("real", "symfony", "validators.zh_CN.xlf")
    draft = read_draft(path)
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    first = draft.segments[0]
    assert (first.unit, first.source, first.target, first.line) == (
        "1",
        "This value should be false.",
        "该变量的值应为 false 。",
        5,
    )
    assert len(draft.segments) > 100
    plural = next(s for s in draft.segments if s.unit == "6")
    assert "{{ limit }}" in plural.source and "|" in plural.source
