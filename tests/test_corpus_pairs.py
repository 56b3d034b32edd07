"""The bilingual layouts of the corpus, and the look-alikes that are refused."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, shared_path

from glossary.corpus.layout import join_lines, split_mixed
from glossary.corpus.pairs import extract_pairs
from glossary.text.decode import read_text


@pytest.fixture(scope="module")
def pairs():
    path = FIXTURES / "corpus_layouts.txt"
    return extract_pairs(read_text(path), "layouts.txt")


def found(pairs, kind=None):
    return {(p.en, p.zh) for p in pairs if kind is None or p.kind == kind}


def test_heading_broken_over_lines_then_chinese(pairs):
    assert (
        "World Standards Day 2025 celebrated in Hangzhou",
        "2025年世界标准日主题活动在杭州举办",
    ) in found(pairs, "title")


def test_markdown_marks_and_capitals_are_the_same_heading(pairs):
    lines = [p.line for p in pairs if p.zh == "2025年世界标准日主题活动在杭州举办"]
    assert len(lines) == 2  # cover and article
    assert any(p.en.startswith("WORLD STANDARDS DAY") for p in pairs)


def test_subtitles_pair_with_subtitles(pairs):
    titles = found(pairs, "title")
    assert ("Bridging gaps for an inclusive future", "弥合差距 共建包容的未来") in titles
    assert ("ISO General Assembly 2025", "2025年国际标准化组织大会召开") in titles


def test_chinese_first_organisation_and_one_line_pairs(pairs):
    assert ("China Standardization Press", "中国标准化杂志社") in found(pairs, "org")
    assert ("ZTE", "中兴") in found(pairs, "org")


def test_column_names(pairs):
    sections = found(pairs, "section")
    assert ("CHINA SCENE", "中国视窗") in sections
    assert ("FEATURES", "特色") in sections


def test_contents_entries_on_consecutive_lines(pairs):
    assert ("Green standards lead the low-carbon transition", "绿色标准引领低碳转型") in found(pairs, "title")


def test_bylines_and_credit_lines_by_pinyin(pairs):
    persons = {(p.en, p.zh, p.layout) for p in pairs if p.kind == "person"}
    assert ("Jin Jili", "靳吉丽", "byline") in persons
    assert ("Cao Xinxin", "曹欣欣", "credit") in persons
    assert ("Fang Luofan", "方洛凡", "credit") in persons


def test_name_lists_keep_mismatches_for_the_build_to_flag(pairs):
    persons = found(pairs, "person")
    assert {("Chen Jianping", "陈建平"), ("Li Yun", "李贊"), ("Zeng Zheng", "曾征")} <= persons


def test_masthead_linked_to_staff_list_by_pinyin(pairs):
    document = {(p.en, p.zh) for p in pairs if p.layout == "document"}
    assert ("Guo Kai", "郭凯") in document


def test_names_inside_paired_titles(pairs):
    assert ("Tian Shihong", "田世宏") in found(pairs, "person")


def test_heading_split_by_blank_lines_is_rejoined(pairs):
    assert ("Leading Standards for High-quality Development", "领跑标准助力高质量发展") in found(pairs)


@pytest.mark.parametrize(
    "zh",
    ["广告", "根据有关规定，现将我社新闻记者证人员名单进行公示。", "《中国标准化》杂志社新闻记者证人员名单公示", "会议现场"],
)
def test_look_alikes_are_refused(pairs, zh):
    assert zh not in {p.zh for p in pairs}


def test_paragraph_is_never_paired_with_a_credit_line(pairs):
    assert all(not p.en.startswith(("It specifies", "The attendees", "This paragraph")) for p in pairs)


def test_provenance_points_at_the_lines(pairs):
    pair = next(p for p in pairs if p.en == "ZTE")
    text = (FIXTURES / "corpus_layouts.txt").read_text(encoding="utf-8").split("\n")
    assert "ZTE 中兴" in text[pair.line - 1]
    assert pair.source.file == "layouts.txt"


def test_split_mixed_and_join_lines():
    assert split_mixed("ZTE 中兴") == ("ZTE", "中兴")
    assert split_mixed("08 | CHINA SCENE 中国视窗") == ("08 | CHINA SCENE", "中国视窗")
    assert split_mixed("IEC发布能源领域数字孪生技术相关白皮书") is None
    assert join_lines(["大规模设备更新和消费品以旧换新", "取得显著成效"], "zh") == "大规模设备更新和消费品以旧换新取得显著成效"
    assert join_lines(["World Standards Day 2024", "celebrated in Xi'an"], "en") == "World Standards Day 2024 celebrated in Xi'an"


def test_full_corpus_pairs_are_precise():
    """Every pair the real corpus yields is one a terminologist would accept."""
    corpus = shared_path("corpus")
    pairs = []
    for path in sorted(corpus.glob("*.txt")):
        pairs.extend(extract_pairs(read_text(path), path.name))
    assert len(pairs) > 120
    zh_seen = {p.zh for p in pairs}
    for refused in ("广告", "特别报道 " , "《中国标准化》杂志社新闻记者证人员名单公示"):
        assert refused not in zh_seen
    persons = {(p.en, p.zh) for p in pairs if p.kind == "person"}
    assert {("Li Yun", "李贊"), ("Zhang Yewen", "张治文"), ("Xu Qinhuai", "徐钦华")} <= persons
    assert ("Guo Kai", "郭凯") in persons and ("Tian Shihong", "田世宏") in persons
    assert ("Xu Bin", "徐斌") in persons
