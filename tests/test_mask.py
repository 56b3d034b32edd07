"""Non-translatable spans (glossary.text.mask) and what lint makes of them.

Every rule but those that compare the raw spans reads the pair with them
blanked out, offsets kept; these tests use the issue's own examples.
"""

from __future__ import annotations

import pytest

from glossary.checks import RULES
from glossary.checks.base import Finding, SegmentContext, SegmentRuleBase
from glossary.drafts.base import Draft, Segment
from glossary.drafts.po import read_po
from glossary.lint import INTERNAL, IgnoreRules, check_pair, lint_draft
from glossary.match import TermIndex
from glossary.model import Concept, Term
from glossary.text.mask import blank, find_spans, masked, placeholders, syntaxes_for_flags


def kinds(text: str, **kwargs) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in find_spans(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("git submodule init [<options>] [<path>]", [("command", "git submodule init [<options>] [<path>]")]),
        ("Use :class:`int` here", [("rest", ":class:`int`")]),
        ("使用 MERGE_HEAD", [("identifier", "MERGE_HEAD")]),
        ("Run ``make check``", [("rest", "``make check``")]),
        ("see <b>this</b>", [("tag", "<b>"), ("tag", "</b>")]),
        ("%2$s of <branch1>", [("placeholder", "%2$s"), ("tag", "<branch1>")]),
        ("&File and _Edit", [("accelerator", "&"), ("accelerator", "_")]),
        (">>> print(x)", [("code", ">>> print(x)")]),
        ("call getValue() or os.path", [("identifier", "getValue()"), ("identifier", "os.path")]),
    ],
)
def test_the_issues_examples_are_found(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    ["50% of the firms", "增长了50%左右", "the U.S. market", "PetroChina and iPhone", "R&D at AT&T",
     "standards.The day", "a 5%d"],
)
def test_prose_and_names_are_not_code(text):
    assert find_spans(text) == []


def test_flags_choose_the_placeholder_syntax():
    assert syntaxes_for_flags(["fuzzy", "python-format"]) == frozenset({"printf"})
    assert syntaxes_for_flags(["python-brace-format"]) == frozenset({"brace"})
    assert syntaxes_for_flags(["no-c-format"]) is None and syntaxes_for_flags([]) is None
    # A c-format message: the space flag is a placeholder; without flags it would be a percentage.
    assert placeholders("50% d", frozenset({"printf"})) == ["% d"]
    assert placeholders("50% d") == []
    # Brace syntax only: a printf look-alike stays text.
    assert placeholders("{0} at %s", frozenset({"brace"})) == ["{0}"]
    assert placeholders("%1 of %L2", frozenset({"qt"})) == ["%1", "%L2"]


def test_masking_keeps_offsets():
    text = "Open &File at https://x.org with %(n)s"
    out = masked(text, ["python-format"])
    assert len(out) == len(text) and "File" in out and out.index("File") == text.index("File")
    assert "https" not in out and "%(n)s" not in out
    assert blank(text, []) is text


# -- lint reads the masked pair -----------------------------------------------------


def index() -> TermIndex:
    return TermIndex(
        [
            Concept("term", [Term("en", "option"), Term("zh-Hans", "选项")], uid="c1"),
            Concept("term", [Term("en", "path"), Term("zh-Hans", "路径")], uid="c2"),
            Concept("term", [Term("en", "head"), Term("zh-Hans", "头")], uid="c3"),
            Concept("term", [Term("en", "class"), Term("zh-Hans", "类")], uid="c4"),
            Concept("term", [Term("en", "file"), Term("zh-Hans", "文件")], uid="c5"),
        ]
    )


def terms(source: str, target: str) -> list[str]:
    return [f.source_term or "" for f in check_pair(source, target, "en", "zh-Hans", index(), rules={"term"})]


def test_code_in_the_source_is_not_term_checked():
    assert terms("Usage: git submodule init [<options>] [<path>]", "用法：git submodule init [<options>] [<path>]") == []
    assert terms("Use MERGE_HEAD", "使用 MERGE_HEAD") == []
    assert terms("Returns an :class:`int`", "返回 :class:`int`") == []
    # The words around the code still are, at their own columns.
    (f,) = check_pair("Open the file in <path>", "打开 <path> 中的档案", "en", "zh-Hans", index(), rules={"term"})
    assert f.source_term == "file" and f.source_span == (9, 13)
    assert f.source == "Open the file in <path>"  # the report shows the raw text


def test_an_accelerator_does_not_hide_the_word():
    (f,) = check_pair("&File", "档案(&F)", "en", "zh-Hans", index(), rules={"term"})
    assert f.source_term == "File"
    assert check_pair("&File", "文件(&F)", "en", "zh-Hans", index(), rules={"term"}) == []


def test_an_untranslated_segment_is_not_term_checked():
    assert terms("the head of the class", "the head of the class") == []
    assert len(terms("the head of the class", "类的某某")) == 1


def test_po_flags_reach_the_rules():
    seen: list[tuple[str, tuple[str, ...]]] = []

    class Spy(SegmentRuleBase):
        def check(self, ctx: SegmentContext) -> list[Finding]:
            seen.append((ctx.source, ctx.flags))
            assert ctx.raw_source == "50% d done"
            return []

    RULES.register(Spy("spy", 69, "Records what it is given."))
    try:
        segment = Segment("50% d done", "完成 50% d", "a.po", 3, "u", flags=("c-format",))
        lint_draft(Draft([segment], "en", "zh-Hans", "po", ["a.po"]), index(), rules={"spy"})
    finally:
        RULES.unregister("spy")
    assert seen == [("50    done", ("c-format",))]


def test_the_po_reader_keeps_the_flags(tmp_path):
    po = tmp_path / "a.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: zh_CN\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "%(n)s files"\nmsgstr "%(n)s 个文件"\n\n'
        'msgid "plain"\nmsgstr "平常"\n',
        encoding="utf-8",
    )
    first, second = read_po(po).segments
    assert first.flags == ("fuzzy", "python-format") and "fuzzy" in first.notes
    assert second.flags == ()


# -- no rule crash loses the report ------------------------------------------------------


class Boom(SegmentRuleBase):
    def check(self, ctx: SegmentContext) -> list[Finding]:
        if "boom" in ctx.source:
            raise ValueError("cannot\nhandle this")
        return []


def test_a_rule_that_raises_gives_an_internal_finding_and_the_report_is_kept():
    RULES.register(Boom("boom", 68, "Raises on one segment."))
    try:
        segments = [Segment("boom 2024", "boom 2023", "d.tsv", 1), Segment("in 2024", "2023 年", "d.tsv", 2)]
        result = lint_draft(Draft(segments, "en", "zh-Hans", "tsv", ["d.tsv"]), index(), rules={"boom", "number"})
    finally:
        RULES.unregister("boom")
    by_rule = [(f.rule, f.line) for f in result.findings]
    assert (INTERNAL, 1) in by_rule and ("number", 1) in by_rule and ("number", 2) in by_rule
    (internal,) = [f for f in result.findings if f.rule == INTERNAL]
    assert internal.severity == "error"
    assert internal.message == "rule boom failed on this segment: ValueError: cannot handle this"
    assert result.counts[INTERNAL] == 1


def test_a_number_of_29_digits_does_not_crash_the_number_rule():
    big = "79228162514264337593543950336"
    assert check_pair(f"max {big}", f"最大 {big}", "en", "zh-Hans", index(), rules={"number"}) == []
    (f,) = check_pair(f"max {big}", f"最大 {big[:-1]}7", "en", "zh-Hans", index(), rules={"number"})
    assert f.rule == "number" and big in f.message
    huge = "9" * 500
    assert check_pair(f"{huge} items", f"{huge} 项", "en", "zh-Hans", index(), rules={"number"}) == []


@pytest.mark.parametrize("where", ["gather", "add", "finish"])
def test_a_draft_rule_that_raises_keeps_the_report(where):
    class Fragile:
        name, order, description, default, scope = "fragile", 67, "Raises somewhere.", True, "draft"

        def gather(self, ctx: SegmentContext) -> int:
            if where == "gather" and "2024" in ctx.source:
                raise KeyError("gathered")
            return 1

        def start(self, run):
            class Pass:
                def add(self, ctx: SegmentContext, data: int) -> list[Finding]:
                    if where == "add":
                        raise KeyError("added")
                    return []

                def finish(self) -> list[Finding]:
                    if where == "finish":
                        raise KeyError("finished")
                    return []

            return Pass()

    RULES.register(Fragile())
    try:
        segments = [Segment("in 2024", "2023 年", "d.tsv", 1), Segment("标准", "标准", "d.tsv", 2)]
        result = lint_draft(Draft(segments, "en", "zh-Hans", "tsv", ["d.tsv"]), index(), rules={"fragile", "number"})
    finally:
        RULES.unregister("fragile")
    assert ("number", 1) in [(f.rule, f.line) for f in result.findings]
    internal = [f for f in result.findings if f.rule == INTERNAL]
    assert internal and all(f.message.startswith("rule fragile failed on this segment: KeyError") for f in internal)
    assert all(f.file == "d.tsv" for f in internal)


def test_check_tells_the_languages_without_the_code():
    merge = TermIndex([Concept("term", [Term("en", "merge"), Term("zh-Hans", "合并")], uid="m1")])
    (f,) = check_pair("Merge the MERGE_HEAD", "使用 MERGE_HEAD", None, None, merge, rules={"term"})
    assert f.source_term == "Merge" and f.expected[0].text == "合并"


def test_an_internal_finding_can_be_silenced_in_the_ignore_file():
    rules = IgnoreRules.parse("d.tsv:1:internal\n")
    assert rules.matches(Finding(INTERNAL, "error", "rule x failed", "d.tsv", line=1))
