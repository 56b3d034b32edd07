"""``untranslated`` (a target that is its prose source) and ``truncated`` (off by default)."""

from __future__ import annotations

import pytest

from glossary.checks.untranslated import is_prose
from glossary.drafts.base import Draft, Segment
from glossary.lint import check_pair, lint_draft, select_rules
from glossary.match import TermIndex
from glossary.text.mask import masked


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("ISO - Optical Disk Image", True),
        ("This value is not a valid week.", True),
        ("some version", True),
        ("标准化工作", True),
        ("VHD", False),
        ("Admin API", False),
        ("jre64b", False),
        ("%(instance_name)s %(fixed_ip)s", False),
        ("{% endif %} {% endfor %}", False),
        ("E820: sizeof(uint32_t) != 4", False),
        ("git submodule init [<options>] [<path>]", False),
    ],
)
def test_prose_or_not(text, prose):
    assert is_prose(masked(text)) is prose


def rules_of(source: str, target: str) -> list[str]:
    return [f.rule for f in check_pair(source, target, "en", "zh-Hans", TermIndex([]))]


def test_untranslated_prose_is_a_warning_code_is_not_reported():
    (f,) = check_pair("This value is not a valid week.", "This value is not a valid week.", "en", "zh-Hans", TermIndex([]))
    assert (f.rule, f.severity, f.message) == ("untranslated", "warning", "the target is the source, untranslated")
    assert rules_of("%(instance_name)s %(fixed_ip)s", "%(instance_name)s %(fixed_ip)s") == []
    assert rules_of("OK", "OK") == []
    assert rules_of("This value is not valid.", "该值无效。") == []
    assert "untranslated" in select_rules()


def test_an_empty_target_is_left_to_the_catalog():
    draft = Draft([Segment("Carbon peak", "", "d.tsv", 1)], "en", "zh-Hans", "tsv", ["d.tsv"])
    assert lint_draft(draft, TermIndex([])).findings == []


def _draft(pairs: list[tuple[str, str]]) -> Draft:
    return Draft([Segment(s, t, "d.tsv", i) for i, (s, t) in enumerate(pairs, 1)], "en", "zh-Hans", "tsv", ["d.tsv"])


def test_truncated_is_off_by_default_and_reports_an_outlier_of_the_draft():
    source = "The configuration file could not be read because the disk is full"
    pairs = [(f"{source} ({i})", f"无法读取配置文件，因为磁盘已满（{i}）") for i in range(30)]
    pairs.append((source + " again", "无法"))
    assert "truncated" not in select_rules()
    assert [f.rule for f in lint_draft(_draft(pairs), TermIndex([])).findings] == []
    findings = lint_draft(_draft(pairs), TermIndex([]), rules={"truncated"}).findings
    assert [(f.rule, f.line, f.severity) for f in findings] == [("truncated", 31, "warning")]
    assert findings[0].target == "无法"


def test_truncated_needs_a_distribution():
    pairs = [("The configuration file could not be read because the disk is full", "无法")] * 5
    assert lint_draft(_draft(pairs), TermIndex([]), rules={"truncated"}).findings == []
