"""The ``name`` rule: right romanizations pass, wrong and stray names are caught."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from glossary.checks.names import (
    RULE,
    check_names,
    find_chinese_names,
    find_romanized_names,
)


def _rows(name: str) -> list[list[str]]:
    return [
        line.split("\t")
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


CLEAN = _rows("checks_names_clean.tsv")
PLANTED = _rows("checks_names_planted.tsv")


def _describe(findings) -> list[str]:
    return [f"{f.severity}: {f.message}" for f in findings]


def test_fixture_sizes() -> None:
    assert len(CLEAN) >= 30
    kinds = {(row[0], row[1]) for row in PLANTED}
    assert ("wrong romanization", "zh-Hans") in kinds
    assert ("wrong romanization", "en") in kinds
    assert ("extra name", "zh-Hans") in kinds
    assert ("extra name", "en") in kinds


@pytest.mark.parametrize(("zh", "en"), CLEAN, ids=[c[1][:40] for c in CLEAN])
def test_clean_pairs_raise_nothing_either_way(zh: str, en: str) -> None:
    assert _describe(check_names(zh, en, "zh-Hans", "en")) == []
    assert _describe(check_names(en, zh, "en", "zh-Hans")) == []


@pytest.mark.parametrize("row", PLANTED, ids=[f"{r[0]}:{r[1]}:{r[4][:25]}" for r in PLANTED])
def test_planted_errors_are_caught(row: list[str]) -> None:
    kind, source_lang, target_lang, source, target, severity, named = row
    findings = check_names(source, target, source_lang, target_lang)
    assert any(f.severity == severity and named in (f.found, f.source_term) for f in findings), (
        _describe(findings)
    )
    for finding in findings:
        assert finding.rule == RULE.name == "name"
        assert finding.file == "" and finding.line is None and finding.unit is None


def test_wrong_romanization_finding_carries_expected_pinyin_and_spans() -> None:
    source, target = "文/靳吉丽", "By Jing Jili"
    (finding,) = check_names(source, target, "zh-Hans", "en")
    assert finding.severity == "error"
    assert finding.source_term == "靳吉丽" and finding.found == "Jing Jili"
    assert finding.expected[0].text == "Jin Jili"
    assert finding.expected[0].pinyin == "Jìn Jílì"
    assert source[slice(*finding.source_span)] == "靳吉丽"
    assert target[slice(*finding.target_span)] == "Jing Jili"


def test_name_rendered_as_a_title_is_only_a_warning() -> None:
    findings = check_names(
        "市场监管总局副局长刘军在致辞中表示。",
        "The Vice Minister of SAMR said in the address.",
        "zh-Hans",
        "en",
    )
    assert [(f.severity, f.source_term) for f in findings] == [("warning", "刘军")]


def test_known_names_win_over_pinyin() -> None:
    # The magazine prints 李贊 as "Li Yun"; pinyin would say Li Zan.
    known = {"李贊": "Li Yun", "徐蓓": "Betty Xu"}
    assert check_names("李贊", "Li Yun", "zh-Hans", "en", known) == []
    assert check_names("Li Yun", "李贊", "en", "zh-Hans", known) == []
    assert check_names("文/徐蓓", "By Betty Xu", "zh-Hans", "en", known) == []
    findings = check_names("李贊", "Li Zan", "zh-Hans", "en", known)
    assert [(f.severity, f.found, f.expected[0].text) for f in findings] == [
        ("warning", "Li Zan", "Li Yun")
    ]
    # Without the term base, "Li Yun" is flagged: 贊 does not read yun.
    assert [f.severity for f in check_names("李贊", "Li Yun", "zh-Hans", "en")] == ["error"]


def test_known_names_are_found_without_jieba_help() -> None:
    names = find_chinese_names("据张三丰介绍", {"张三丰": "Zhang Sanfeng"})
    assert [(n.text, n.known) for n in names] == [("张三丰", "Zhang Sanfeng")]


def test_romanization_variants_are_accepted() -> None:
    for en in ("Jianping Chen", "CHEN Jianping", "Chen Jian-ping"):
        assert check_names("陈建平出席会议。", f"{en} attended the meeting.", "zh-Hans", "en") == []
    assert check_names("吕明出席会议。", "Lyu Ming attended the meeting.", "zh-Hans", "en") == []


def test_traditional_chinese_source() -> None:
    assert check_names("文/靳吉麗", "By Jin Jili", "zh-Hant", "en") == []
    (finding,) = check_names("文/靳吉麗", "By Jing Jili", "zh-Hant", "en")
    assert finding.severity == "error"


@pytest.mark.parametrize(
    "zh",
    ["要推动高质量发展。", "宣读了贺信。", "高峰论坛在北京举行。", "魏县的万亩良田", "万人参加了活动。", "国际标准化组织秘书长塞尔吉奥·穆希卡致辞。"],
)  # fmt: skip
def test_jieba_false_positives_are_not_names(zh: str) -> None:
    assert [n.text for n in find_chinese_names(zh) if n.sure] == []


def test_bylines_and_lists() -> None:
    names = find_chinese_names("编译/曹欣欣 方洛凡")
    assert [n.text for n in names] == ["曹欣欣", "方洛凡"]
    names = find_chinese_names("获奖者：陈建平、魏斌、朱涛。")
    assert [n.text for n in names] == ["陈建平", "魏斌", "朱涛"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Zhang Xiaogang, former ISO President, and Sergio Mujica spoke.", ["Zhang Xiaogang"]),
        ("said Liu Jun, Vice Minister of SAMR", ["Liu Jun"]),
        ("Betty Xu and Jo Cops", []),
        ("Representatives from Hong Kong", []),
        ("The Vice Minister of SAMR", []),
    ],
)
def test_find_romanized_names(text: str, names: list[str]) -> None:
    assert [n.text for n in find_romanized_names(text)] == names


def test_other_language_pairs_are_ignored() -> None:
    assert check_names("文/靳吉丽", "文/靳吉丽", "zh-Hans", "zh-Hant") == []
    assert check_names("By Jin Jili", "By Jing Jili", "en", "en") == []
    assert check_names("", "By Jin Jili", "zh-Hans", "en") == []


def test_latin_only_pair_needs_no_segmenter(monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary.checks.names as names

    def boom():  # pragma: no cover - called only on failure
        raise AssertionError("segmenter used for a segment without Han characters")

    monkeypatch.setattr(names, "_segmenter", boom)
    assert check_names("2024", "2024", "zh-Hans", "en") == []
    assert check_names("Standards matter.", "Standards matter.", "en", "zh-Hans") == []


def test_name_rule_never_loads_jieba(tmp_path) -> None:
    """jieba's tagger and dictionary take over a second to load: the rule must not need them."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys\n"
        "from glossary.checks.names import check_names\n"
        "f = check_names('2024年世界标准日主题活动在西安举办，靳吉丽报道。',"
        " 'World Standards Day 2024 celebrated in Xi\\'an, reported by Jing Jili.', 'zh-Hans', 'en')\n"
        "assert [x.found for x in f] == ['Jing Jili'], f\n"
        "assert 'jieba' not in sys.modules, 'jieba imported'\n"
    )
    env = {"GLOSSARY_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
    # The first run builds the SQLite copy of jieba's dictionary (reading dict.txt, not importing jieba).
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize(
    ("zh", "en", "found"),
    [
        # No title or verb around the name: the English names it, nearly.
        ("靳吉丽的文章很受欢迎。", "Jing Jili's article is popular.", "Jing Jili"),
        ("这本书由方洛凡翻译。", "The book was translated by Fang Luofang.", "Fang Luofang"),
    ],
)
def test_the_english_guides_the_search_for_a_misspelt_name(zh: str, en: str, found: str) -> None:
    findings = check_names(zh, en, "zh-Hans", "en")
    assert [(f.severity, f.found) for f in findings] == [("error", found)]


@pytest.mark.parametrize(
    ("zh", "names"),
    [
        ("国家数据局局长刘烈宏出席会议并致辞。", ["刘烈宏"]),
        ("会议由上海市市场监督管理局副局长钱钧主持。", ["钱钧"]),
        ("市场监管总局副局长刘军在致辞中表示。", ["刘军"]),
        ("欧阳明高院士作了主旨报告。", ["欧阳明高"]),
        ("陕西省副省长李峻、二级巡视员王伟出席活动。", ["李峻", "王伟"]),
        ("代表团成员参观了展览。", []),
        ("专家方面的意见很重要。", []),
    ],
)
def test_names_in_context(zh: str, names: list[str]) -> None:
    assert [n.text for n in find_chinese_names(zh) if n.sure] == names


@pytest.mark.parametrize("zh", ["发布了3项新标准。", "这张新表格很有用。", "共有三张新照片。"])
def test_classifier_after_a_number_is_not_a_surname(zh: str) -> None:
    assert find_chinese_names(zh) == []


def test_an_acronym_after_a_capitalised_word_is_not_a_name():
    from glossary.checks.names import find_romanized_names

    assert find_romanized_names("Vim runs with Haiku GUI.") == []
    assert [n.text for n in find_romanized_names("ZHANG Xiaogang spoke.")] == ["ZHANG Xiaogang"]
