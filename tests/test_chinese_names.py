"""The surname table (glossary.chinese.names) and surname-position readings in verification."""

from __future__ import annotations

import pytest

from glossary.chinese.names import (
    RUNNING_TEXT_SURNAMES,
    SURNAME_POSITION_READINGS,
    SURNAMES,
    surname_of,
    surname_position_readings,
)
from glossary.chinese.pinyin import name_matches, romanize_name, verify_name


@pytest.mark.parametrize("char", list("区區洪赖项薄宓莘逄阙曾单仇解查朴盖乐覃缪折种"))
def test_hundred_family_and_modern_surnames_are_in_the_table(char: str):
    assert char in SURNAMES
    assert surname_of(char + "志强") == char


@pytest.mark.parametrize("char", list("容宿衡宣诸暨贝"))
def test_surnames_that_mostly_start_words_are_not_looked_for_in_running_text(char: str):
    assert char in SURNAMES and char not in RUNNING_TEXT_SURNAMES


@pytest.mark.parametrize(
    ("wrong", "right", "zh"),
    [
        ("Ceng Zhiyuan", "Zeng Zhiyuan", "曾志远"),
        ("Dan Wentao", "Shan Wentao", "单文涛"),
        ("Qu Jiaming", "Ou Jiaming", "区家明"),
        ("Chou Guoping", "Qiu Guoping", "仇国平"),
        ("Jie Hongmei", "Xie Hongmei", "解红梅"),
        ("Cha Wenbin", "Zha Wenbin", "查文斌"),
        ("Pu Chenghao", "Piao Chenghao", "朴成浩"),
        ("Mou Jianping", "Miao Jianping", "缪建平"),
        ("Zhong Jianhua", "Chong Jianhua", "种建华"),
        ("Zhe Haiyan", "She Haiyan", "折海燕"),
        ("Zhao Wenjun", "Shao Wenjun", "召文军"),
        ("Fan Li", "Po Li", "繁丽"),
        ("Weichi Jianguo", "Yuchi Jianguo", "尉迟建国"),
        ("Wanqi Ming", "Moqi Ming", "万俟明"),
        ("Danyu Ming", "Chanyu Ming", "单于明"),
        ("Ceng Guoqiang", "Zeng Guoqiang", "曾國強"),  # Traditional
        ("Zhiyuan Ceng", "Zhiyuan Zeng", "曾志远"),  # surname last
    ],
)
def test_surname_position_takes_only_the_surname_reading(wrong: str, right: str, zh: str):
    assert name_matches(right, zh)
    check = verify_name(wrong, zh)
    assert not check.ok and not check.western
    surname = zh[:2] if len(zh) > 3 or zh.startswith(("尉迟", "万俟", "单于")) else zh[0]
    assert check.mismatches and check.mismatches[0][0] == surname[0] or check.mismatches[0][0] in surname


def test_the_message_names_the_surname_reading_only():
    assert verify_name("Ceng Zhiyuan", "曾志远").reason == "曾 reads zēng, printed 'Ceng'"


def test_a_character_with_two_surname_readings_keeps_both():
    assert name_matches("Yue Jia", "乐嘉") and name_matches("Le Jia", "乐嘉")
    assert name_matches("Qin Haiyang", "覃海洋") and name_matches("Tan Haiyang", "覃海洋")


def test_given_name_position_keeps_every_reading():
    assert name_matches("Wang Zengguang", "王曾光") and name_matches("Wang Cengguang", "王曾光")
    assert name_matches("Li Dan", "李单")


def test_surname_position_readings_table():
    assert surname_position_readings("曾", 0) == ("zeng",)
    assert surname_position_readings("尉迟", 1) == ("chi",)
    assert surname_position_readings("王", 0) is None
    assert all(r and r.isascii() and r.islower() for rs in SURNAME_POSITION_READINGS.values() for r in rs)
    assert romanize_name("区志强") == "Ou Zhiqiang" and romanize_name("尉缭") == "Wei Liao"
