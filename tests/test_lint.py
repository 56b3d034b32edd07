"""The lint engine: rules, dedupe, consistency, latin, inline markers, fail-on."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from glossary.checks.base import Finding
from glossary.checks.latin import check_latin
from glossary.drafts.base import Draft, Segment
from glossary.errors import InputError
from glossary.lint import (
    RULES,
    check_pair,
    inline_ignores,
    lint_draft,
    reaches,
    select_rules,
    strip_markers,
)
from glossary.match import TermIndex
from glossary.model import Concept, Term
from glossary.store import TermBase


@pytest.fixture(scope="module")
def index() -> TermIndex:
    with TermBase.open(FIXTURES / "lint_terms.jsonl", readonly=True) as tb:
        return TermIndex(tb.iter_concepts())


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def test_term_missing_in_both_directions(index):
    zh_en = check_pair("他穿着和服参加了活动。", "He attended in a suit.", "zh-Hans", "en", index)
    assert rules_of(zh_en) == ["term"]
    assert zh_en[0].source_term == "和服" and zh_en[0].expected[0].text == "kimono"
    en_zh = check_pair("Online e-commerce grows.", "电商在增长。", "en", "zh-Hans", index)
    assert rules_of(en_zh) == ["term"]
    assert en_zh[0].expected[0].to_json() == {"text": "电子商务", "pinyin": "diànzǐ shāngwù"}
    assert en_zh[0].origin is None and en_zh[0].concept


def test_admitted_rendering_and_kept_acronym_are_fine(index):
    assert check_pair("国际标准化组织年会", "The ISO annual meeting", "zh-Hans", "en", index) == []
    assert check_pair("The ISO meets.", "ISO召开会议。", "en", "zh-Hans", index) == []


def test_deprecated_names_preferred_and_replaces_term_finding(index):
    findings = check_pair("换电服务", "Battery exchange service", "zh-Hans", "en", index)
    assert rules_of(findings) == ["deprecated"]
    assert "battery swap" in findings[0].message and findings[0].found == "Battery exchange"
    assert findings[0].severity == "error"


def test_superseded_is_a_warning(index):
    findings = check_pair("国家标准", "a state standard", "zh-Hans", "en", index)
    assert [(f.rule, f.severity) for f in findings] == [("deprecated", "warning")]


def test_languages_detected_by_script(index):
    findings = check_pair("他穿着和服", "He wore a suit", None, None, index)
    assert rules_of(findings) == ["term"]


def test_latin_rule():
    assert check_latin("ISO和IEC发布", "ISO and IEC published", "zh-Hans", "en") == []
    (f,) = check_latin("ISO和IEC发布", "ISO and the electrotechnical body published", "zh-Hans", "en")
    assert f.source_term == "IEC" and f.rule == "latin"
    (wide,) = check_latin("ISO meets", "ＩＳＯ召开会议", "en", "zh-Hans")
    assert wide.found == "ＩＳＯ"
    assert check_latin("CHINA SCENE TODAY", "中国视窗", "en", "zh-Hans") == []
    assert check_latin("Price: USD 30.00", "价格：30.00美元", "en", "zh-Hans") == []
    assert check_latin("GB/T 44130 applies", "GB/T 44130适用", "en", "zh-Hans") == []


def test_latin_accepts_the_concepts_rendering(index):
    assert check_latin("SAMR发布", "The State Administration for Market Regulation issued", "zh-Hans", "en", index) == []


def seg(source: str, target: str, line: int, notes: list[str] | None = None) -> Segment:
    return Segment(source, target, "d.tsv", line, notes=notes or [])


def test_consistency_same_source_and_same_target(index):
    draft = Draft(
        [
            seg("聚焦", "Spotlight", 1),
            seg("聚焦", "Focus", 2),
            seg("焦点", "Spotlight", 3),
        ],
        "zh-Hans",
        "en",
        "tsv",
    )
    result = lint_draft(draft, index, rules={"consistency"})
    assert [(f.line, f.rule) for f in result.findings] == [(2, "consistency"), (3, "consistency")]
    assert "d.tsv:1" in result.findings[0].message


def test_consistency_between_allowed_renderings(index):
    draft = Draft(
        [seg("世界标准日快乐", "Happy World Standards Day", 1), seg("庆祝世界标准日", "Celebrating WSD", 2)],
        "zh-Hans",
        "en",
        "tsv",
    )
    result = lint_draft(draft, index, rules={"term", "consistency"})
    assert [(f.line, f.rule, f.found) for f in result.findings] == [(2, "consistency", "WSD")]


def test_inline_markers():
    assert inline_ignores(seg("a", "b", 1)) is None
    assert inline_ignores(seg("a", "b glossary-ignore", 1)) == {"*"}
    assert inline_ignores(seg("a", "b", 1, ["glossary-ignore: term, number"])) == {"term", "number"}
    assert inline_ignores(seg("a <!-- glossary:ignore[latin] -->", "b", 1)) == {"latin"}
    assert strip_markers("b <!-- glossary:ignore[latin] -->") == "b"


def test_inline_marker_silences_and_counts(index):
    draft = Draft(
        [
            seg("他穿着和服", "He wore a suit", 1, ["glossary-ignore: term"]),
            seg("他穿着和服", "He wore a suit glossary:ignore[number]", 2),
        ],
        "zh-Hans",
        "en",
        "tsv",
    )
    result = lint_draft(draft, index, rules={"term"})
    assert [(f.line, f.rule) for f in result.findings] == [(2, "term")]
    assert result.suppressed == 1
    assert result.findings[0].target == "He wore a suit"


def test_findings_carry_location(index):
    draft = Draft([Segment("他穿着和服", "He wore a suit", "b.xlf", None, "u7")], "zh-Hans", "en", "xliff")
    (f,) = lint_draft(draft, index).findings
    assert (f.file, f.line, f.unit) == ("b.xlf", None, "u7")
    assert f.to_json()["unit"] == "u7" and "line" not in f.to_json()


def test_engine_calls_the_registered_rules(index, monkeypatch):
    calls = []

    def numbers(source, target, source_lang, target_lang):
        calls.append((source, target, source_lang, target_lang))
        return [Finding("number", "warning", "stub", "")]

    import glossary.checks.numbers as numbers_module

    monkeypatch.setattr(numbers_module, "check_numbers", numbers)
    result = lint_draft(Draft([seg("一", "one", 4)], "zh-Hans", "en", "tsv"), index, rules={"number"})
    assert calls == [("一", "one", "zh-Hans", "en")]
    assert [(f.rule, f.line, f.file) for f in result.findings] == [("number", 4, "d.tsv")]
    assert result.counts == {"number": 1}


def test_select_rules():
    defaults = {rule.name for rule in RULES if rule.default}
    assert select_rules(None, None) == defaults and "truncated" not in defaults
    assert select_rules("term,number", None) == {"term", "number"}
    assert select_rules(None, "consistency") == defaults - {"consistency"}
    with pytest.raises(InputError, match="unknown rule 'terms'"):
        select_rules("terms", None)


def test_fail_on():
    warning = Finding("latin", "warning", "m", "f")
    error = Finding("term", "error", "m", "f")
    assert not reaches([warning], "error")
    assert reaches([warning], "warning")
    assert reaches([error], "error")
    assert not reaches([error], "never")
    assert not reaches([], "warning")


def test_parallel_lint_matches_serial_with_ignores_and_many_chunks(monkeypatch):
    """Workers check the segments, the parent runs consistency and the ignores: same findings, same order."""
    import glossary.lint as lint_module
    from glossary.lint import IgnoreRules, lint_draft

    index = TermIndex(
        [
            Concept("term", [Term("zh-Hans", "标准化"), Term("en", "standardization")], uid="c1"),
            Concept(
                "term",
                [Term("zh-Hans", "市场"), Term("en", "market"), Term("en", "marketplace", status="admitted")],
                uid="c2",
            ),
        ]
    )
    rows = [
        ("标准化工作", "standardization work"),
        ("市场监管", "market regulation"),
        ("市场监管", "marketplace regulation"),  # consistency, twice over
        ("标准化2024年", "standards 2023"),  # term and number
        ("标准化 glossary-ignore: term", "standards"),  # silenced inline
        ("标准化", ""),  # untranslated
        ("市场3个", "market 4"),  # number, silenced by the ignore file
    ] * 3
    segments = [Segment(s, t, "d.tsv", i + 1) for i, (s, t) in enumerate(rows)]
    draft = Draft(segments, "zh-Hans", "en", "tsv", ["d.tsv"])
    ignore = IgnoreRules.parse("d.tsv:7:number\n")
    serial = lint_draft(draft, index, ignore=ignore, jobs=1)
    monkeypatch.setattr(lint_module, "CHUNK", 2)
    parallel = lint_draft(draft, index, ignore=ignore, jobs=2)
    assert [f.to_json() for f in parallel.findings] == [f.to_json() for f in serial.findings]
    assert parallel.suppressed == serial.suppressed > 0
    assert {f.rule for f in serial.findings} >= {"term", "number", "consistency"}


def test_english_words_in_capitals_are_emphasis_not_acronyms():
    from glossary.checks.latin import check_latin

    assert check_latin("WARNING: the file has changed", "警告：文件已更改", "en", "zh-Hans") == []
    assert check_latin("ERROR: no match", "错误：没有匹配", "en", "zh-Hans") == []
    # Real acronyms, even pronounceable ones, are still checked.
    found = check_latin("BRICS and CENELEC met", "金砖国家与欧洲电工标准化委员会会面", "en", "zh-Hans")
    assert {f.source_term for f in found} == {"BRICS", "CENELEC"}


@pytest.mark.parametrize("enabled", [True, False])
def test_lint_leaves_the_garbage_collector_as_it_found_it(index, enabled):
    import gc

    draft = Draft([seg("聚焦", "Spotlight", 1)], "zh-Hans", "en", "tsv")
    (gc.enable if enabled else gc.disable)()
    try:
        lint_draft(draft, index)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
