"""TMX memories."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, shared_path

from glossary.drafts.readers import read_draft
from glossary.drafts.xmltext import PLACEHOLDER
from glossary.errors import InputError, LanguageTagError

TMX_HEAD = (
    '<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="{src}" segtype="sentence" '
    'o-tmf="x" adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/>\n'
    "<body>\n"
)


def test_utf16_crlf_language_spellings_and_inline_codes():
    path = FIXTURES / "drafts_utf16.tmx"
    draft = read_draft(path)
    assert draft.format == "tmx"
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    got = [(s.unit, s.source, s.target, s.line, s.notes) for s in draft.segments]
    assert got == [
        ("t1", "China Standardization", "中国标准化", 5, ["from the 2024 issue"]),
        # No tuid: the 1-based index of the tu.  bpt/ept become placeholders.
        (
            "2",
            f"Read the {PLACEHOLDER}standard{PLACEHOLDER}, please.",
            f"请阅读{PLACEHOLDER}标准{PLACEHOLDER}。",
            10,
            [],
        ),
        # t3 has no Chinese variant: skipped.
    ]


def test_caller_source_language_reverses_direction():
    draft = read_draft(FIXTURES / "drafts_utf16.tmx", source_lang="zh")
    assert (draft.source_lang, draft.target_lang) == ("zh-Hans", "en")
    assert (draft.segments[0].source, draft.segments[0].target) == (
        "中国标准化",
        "China Standardization",
    )


def test_unknown_language_names_line():
    path = FIXTURES / "drafts_badlang.tmx"
    with pytest.raises(LanguageTagError) as info:
        read_draft(path)
    assert (info.value.file, info.value.line) == (str(path), 5)


def test_multilingual_memory_needs_target(tmp_path):
    path = tmp_path / "multi.tmx"
    path.write_text(
        TMX_HEAD.format(src="en")
        + '<tu><tuv xml:lang="en"><seg>standard</seg></tuv>'
        + '<tuv xml:lang="zh-CN"><seg>标准</seg></tuv><tuv xml:lang="de"><seg>Norm</seg></tuv></tu>'
        + "</body></tmx>",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert "de, zh-Hans" in str(info.value) and str(path) in str(info.value)
    draft = read_draft(path, target_lang="zh-CN")
    assert [(s.source, s.target) for s in draft.segments] == [("standard", "标准")]


def test_malformed_tmx_names_line(tmp_path):
    path = tmp_path / "bad.tmx"
    path.write_text(
        TMX_HEAD.format(src="en") + "<tu>\n<tuv xml:lang='en'><seg>a</tuv></tu>", "utf-8"
    )
    with pytest.raises(InputError) as info:
        read_draft(path)
    # Line 4 is "<tu>", line 5 closes <tuv> while <seg> is open.
    assert (info.value.file, info.value.line) == (str(path), 5)


def test_real_omegat_utf16_memory():
    path = shared_path("real", "omegat-l10n-zh-cn", "website-tm.tmx")
    draft = read_draft(path)
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    first = draft.segments[0]
    # Checked by hand in the file: <tu tuid='1'> is on line 13.
    assert (first.unit, first.source, first.target, first.line) == ("1", "Sorry", "抱歉", 13)
    # 496 tu; tuid 281 has a blank segment on both sides and is skipped.
    assert len(draft.segments) == 495
    assert "281" not in {s.unit for s in draft.segments}


def test_not_tmx_root(tmp_path):
    path = tmp_path / "x.tmx"
    path.write_text("<?xml version='1.0'?>\n<html><body/></html>", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert (info.value.file, info.value.line) == (str(path), 2)
    assert "<html>" in str(info.value)
