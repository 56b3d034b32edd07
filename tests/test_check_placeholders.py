"""The ``placeholder`` rule: lost, added or changed placeholders are errors; moved ones are not."""

from __future__ import annotations

import pytest

from glossary.checks.placeholders import check_placeholders
from glossary.drafts.base import Draft, Segment
from glossary.lint import check_pair, lint_draft
from glossary.match import TermIndex


def messages(source: str, target: str, flags: tuple[str, ...] = (), unit: str | None = None) -> list[str]:
    return [f.message for f in check_placeholders(source, target, flags, unit)]


@pytest.mark.parametrize(
    ("source", "target", "flags"),
    [
        ("Deleted %(name)s from %(zone)s", "已从 %(zone)s 删除 %(name)s", ("python-format",)),
        ("Could not set context %s for %s", "无法为 %2$s 设置上下文 %1$s", ("c-format",)),
        ("Method \"%s\" of \"%s\"", "\"%2$s\" 的方法 \"%1$s\"", ()),
        ("{0} of {1}", "{1} 中的 {0}", ("csharp-format",)),
        ("{{ limit }} character or more.|{{ limit }} characters or more.", "至少 {{limit}} 个字符。", ()),
        ("Tab %1 of %2", "第 %1 个标签，共 %2 个", ("qt-format",)),
        ("{count, plural, one {# file} other {# files}}", "{count, plural, other {# 个文件}}", ()),
        ("50%% of %s", "%s 的 50%%", ("c-format",)),  # c-format writes a percent sign %%
        ("100% done", "完成 100%", ()),
        ("{$ item.name $} was deleted", "{$ item.name $} 已删除", ()),
        ("{$ message || 'No items to display.' $}", "{$ message || '没有可显示的项目。' $}", ()),
        ("%a %b %d %H:%M:%S %Y", "%Y-%m-%d %H:%M:%S", ("c-format",)),  # a date format, per locale
    ],
)
def test_kept_placeholders_are_fine(source, target, flags):
    assert messages(source, target, flags) == []


def test_a_lost_icu_placeholder_is_an_error():
    (f,) = check_placeholders("{0,number,#} items", "个项目")
    assert f.rule == "placeholder" and f.severity == "error"
    assert f.message == "placeholder {0,number,#} of the source is not in the target"
    assert f.source_span == (0, 12)


def test_a_changed_placeholder_is_one_finding():
    (f,) = check_placeholders("Hello %(name)s", "你好 %(nmae)s", ("python-format",))
    assert f.message == "placeholder %(name)s of the source is %(nmae)s in the target"
    assert (f.source_span, f.target_span) == ((6, 14), (3, 11))
    (g,) = check_placeholders("maximum {$schema.maxItems$}", "最长 {$schema.minItems$}")
    assert "{$schema.maxItems$}" in g.message and "{$schema.minItems$}" in g.message


def test_an_angular_literal_that_lost_its_quotes_is_an_error():
    (f,) = check_placeholders("{$ 'Provide a criterion first.' $}", "{$ “请先提供一个条件。” $}")
    assert f.rule == "placeholder"


def test_printf_in_order():
    assert messages("%s files in %d folders", "%d folders hold %s files", ("c-format",)) == [
        "placeholders %s %d are filled in order, but the target has them as %d %s"
    ]
    assert messages("Copy %s", "复制 %d", ("c-format",)) == ["placeholder %s of the source is %d in the target"]
    assert messages("%s and %s", "%s", ("c-format",)) == ["placeholder %s of the source is not in the target"]
    assert messages("Done", "完成 %s", ("c-format",)) == ["placeholder %s in the target is not in the source"]


def test_flags_decide_what_a_percent_sign_is():
    # c-format: '% d' is a placeholder (space flag); without flags it is a percentage.
    assert messages("50%% done", "完成 50%%", ("c-format",)) == []
    assert messages("Used 50% d", "已用 50%", ("c-format",)) == ["placeholder % d of the source is not in the target"]
    assert messages("Used 50% d", "已用 50%") == []
    # Brace only: a printf look-alike is text.
    assert messages("{0} at 5%s", "{0} 在", ("python-brace-format",)) == []


def test_a_plural_form_may_drop_or_add_the_count():
    # msgstr[0] of "One file" / "%d files": Chinese has one form and writes the count.
    assert messages("One file", "%d 个文件", ("c-format",), unit="One file[0]") == []
    assert messages("One file", "%d 个文件", ("c-format",), unit="One file") != []
    # A named, non-numeric placeholder still counts in a plural form.
    assert messages("%(name)s has one file", "%(nmae)s 有 %(n)d 个文件", ("python-format",), unit="k[0]") == [
        "placeholder %(name)s of the source is %(nmae)s in the target"
    ]


def test_the_rule_runs_through_lint_with_the_raw_text_and_the_flags():
    index = TermIndex([])
    seg = Segment("Deleted %(name)s", "已删除 %(nmae)s", "a.po", 7, "Deleted %(name)s", flags=("python-format",))
    result = lint_draft(Draft([seg], "en", "zh-Hans", "po", ["a.po"]), index)
    assert [(f.rule, f.line) for f in result.findings] == [("placeholder", 7)]
    assert check_pair("{0} files", "个文件", "en", "zh-Hans", index)[0].rule == "placeholder"
