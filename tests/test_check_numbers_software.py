"""The ``number`` rule on software strings: placeholders and tags are not numbers (lint masks them)."""

from __future__ import annotations

import pytest

from glossary.drafts.base import Draft, Segment
from glossary.lint import check_pair, lint_draft
from glossary.match import TermIndex


def numbers(source: str, target: str) -> list[str]:
    return [f.message for f in check_pair(source, target, "en", "zh-Hans", TermIndex([]), rules={"number"})]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("merge <branch1> into <branch2>", "将 <分支1> 合并到 <分支2>"),
        ("Deleted %2$s of %1$s", "已删除 %1$s 中的 %2$s"),
        ("{0,number,#} items in {1}", "{1} 中有 {0,number,#} 项"),
        ("Tab %1 of %2", "第 %1 个标签，共 %2 个"),
        ("See https://example.org/v2/page3", "见 https://example.org/v2/page3"),
        ("Use md5 or sha256", "使用 md5 或 sha256"),
    ],
)
def test_placeholders_and_tags_are_not_numbers(source, target):
    assert numbers(source, target) == []


def test_real_numbers_around_placeholders_are_still_checked():
    assert numbers("Error %d of 5", "第 %d 个错误，共 6 个") == ["number 5 in the source is 6 in the target"]
    (f,) = check_pair("<b>2024</b> report", "<b>2023</b> 报告", "en", "zh-Hans", TermIndex([]), rules={"number"})
    assert f.target_span == (3, 7)  # the column in the raw target


def test_huge_numbers_do_not_crash_and_are_compared_exactly():
    big = "79228162514264337593543950336"
    assert numbers(f"at most {big}", f"最多 {big}") == []
    assert numbers(f"at most {big}", f"最多 {big[:-1]}5") == [f"number {big} in the source is {big[:-1]}5 in the target"]
    draft = Draft([Segment(f"max {big}", f"最大 {big}", "a.po", 1), Segment("in 2024", "2023 年", "a.po", 5)],
                  "en", "zh-Hans", "po", ["a.po"])
    assert [(f.rule, f.line) for f in lint_draft(draft, TermIndex([])).findings] == [("number", 5)]
