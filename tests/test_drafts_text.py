"""Two line-aligned text files."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from glossary.drafts.readers import read_draft
from glossary.errors import InputError


def test_aligned_files_keep_line_numbers_and_one_sided_blanks():
    source, target = FIXTURES / "drafts_source.txt", FIXTURES / "drafts_target.txt"
    draft = read_draft(source, target)
    assert draft.format == "text"
    assert draft.files == [str(source), str(target)]
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    # Line 2 is blank on both sides and skipped; line 4 has no translation
    # (CRLF target, trailing blank lines in both files are not counted).
    assert [(s.source, s.target, s.line, s.target_line) for s in draft.segments] == [
        ("Smart city", "智慧城市", 1, 1),
        ("Green development", "绿色发展", 3, 3),
        ("Carbon peak", "", 4, 4),
    ]
    assert all(s.file == str(source) for s in draft.segments)


def test_line_count_mismatch_names_both_files_and_counts():
    source, short = FIXTURES / "drafts_source.txt", FIXTURES / "drafts_target_short.txt"
    with pytest.raises(InputError) as info:
        read_draft(source, short)
    message = str(info.value)
    assert str(source) in message and str(short) in message
    assert "4 lines" in message and "has 1" in message
    # Located at the first line that has no partner, in the longer file.
    assert (info.value.file, info.value.line) == (str(source), 2)


def test_text_format_needs_two_files():
    with pytest.raises(InputError) as info:
        read_draft(FIXTURES / "drafts_source.txt", input_format="text")
    assert "two files" in str(info.value)
    assert "drafts_source.txt" in str(info.value)


def test_second_file_with_other_format_is_refused():
    with pytest.raises(InputError) as info:
        read_draft(FIXTURES / "drafts_basic.po", FIXTURES / "drafts_target.txt", input_format="po")
    assert "drafts_target.txt" in str(info.value)
