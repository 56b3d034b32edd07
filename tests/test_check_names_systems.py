"""The ``name`` rule on names the term base lacks (issue 12): surname readings, other
romanization systems, Traditional characters, garbled given names, institutions and
ordinary words that begin with a surname character (issue 9)."""

from __future__ import annotations

import pytest

from glossary.checks.names import check_names, find_chinese_names, find_romanized_names
from glossary.chinese.names import tongyong, wade_giles

TITLED = "国家标准化管理委员会主任{zh}出席会议。"
TITLED_EN = "{en}, Director of SAC, attended the meeting."


def _errors(zh: str, en: str, lang: str = "zh-Hans"):
    findings = check_names(zh, en, lang, "en")
    return findings, [f for f in findings if f.severity == "error"]


@pytest.mark.parametrize(
    ("name", "wrong", "right"),
    [
        ("召文军", "Zhao Wenjun", "Shao Wenjun"),
        ("繁志强", "Fan Zhiqiang", "Po Zhiqiang"),
        ("员志平", "Yuan Zhiping", "Yun Zhiping"),
        ("万俟东", "Wanqi Dong", "Moqi Dong"),
        ("曾海生", "Ceng Haisheng", "Zeng Haisheng"),
    ],
)
def test_a_surname_misread_is_one_error_with_the_surname_reading(name, wrong, right):
    findings, errors = _errors(TITLED.format(zh=name), TITLED_EN.format(en=wrong))
    assert len(findings) == len(errors) == 1
    assert errors[0].source_term == name and errors[0].expected[0].text == right
    assert _errors(TITLED.format(zh=name), TITLED_EN.format(en=right))[0] == []


@pytest.mark.parametrize(
    ("en", "system"),
    [
        ("Liu Chih-kang", "Wade-Giles"),
        ("Liu Zhih-gang", None),  # not a system: a misspelling, reported as such
        ("Lau Chi-kong", "Hong Kong or Macao Cantonese"),
    ],
)
def test_another_romanization_names_its_system_and_the_gb_form(en, system):
    findings, errors = _errors(TITLED.format(zh="刘志刚"), TITLED_EN.format(en=en))
    assert len(findings) == 1
    if system:
        assert errors and system in errors[0].message and "Liu Zhigang" in errors[0].message


def test_tongyong_is_named():
    zh = "福建省市场监督管理局副局长谢志强表示，将推进标准化。"
    _findings, errors = _errors(zh, "Sie Jhih-ciang, Deputy Director of Fujian AMR, said so.")
    assert errors and "Tongyong Pinyin" in errors[0].message and "Xie Zhiqiang" in errors[0].message


@pytest.mark.parametrize("lang", ["zh-TW", "zh-HK", "zh-Hant", "zh"])
def test_a_taiwan_or_hong_kong_source_keeps_its_own_romanization(lang):
    zh = "國家標準化管理委員會主任劉志剛出席會議。"
    assert check_names(zh, TITLED_EN.format(en="Liu Chih-kang"), lang, "en") == []


def test_a_segment_that_says_where_the_person_is_from_keeps_their_spelling():
    zh = "香港特区政府创新科技署署长陈志伟出席了论坛。"
    en = "Chan Chi-wai, Commissioner for Innovation and Technology, attended the forum."
    assert check_names(zh, en, "zh-Hans", "en") == []
    mainland = "广东省科技厅厅长陈志伟出席了论坛。"
    en = "Chan Chi-wai, Director of Guangdong Department of Science and Technology, attended the forum."
    assert _errors(mainland, en)[1]


def test_a_term_base_rendering_in_another_system_is_not_a_finding():
    known = {"刘志刚": "Liu Chih-kang"}
    en = TITLED_EN.format(en="Liu Chih-kang")
    assert check_names(TITLED.format(zh="刘志刚"), en, "zh-Hans", "en", known) == []


@pytest.mark.parametrize(
    ("en", "how"), [("Liu Gangzhi", "swapped"), ("Liu Zhi", "left out"), ("Gangzhi Liu", "swapped")]
)
def test_swapped_or_dropped_given_syllables_are_one_error_naming_the_person(en, how):
    findings, errors = _errors(TITLED.format(zh="刘志刚"), TITLED_EN.format(en=en))
    assert len(findings) == len(errors) == 1
    assert how in errors[0].message and errors[0].source_term == "刘志刚"
    assert errors[0].expected[0].text == "Liu Zhigang"


def test_traditional_names_are_verified_like_simplified_ones():
    zh = "國家標準化管理委員會主任劉志剛出席會議。"
    assert check_names(zh, TITLED_EN.format(en="Liu Zhigang"), "zh-TW", "en") == []
    findings, errors = _errors(zh, TITLED_EN.format(en="Liu Zhigan"), "zh-TW")
    assert len(findings) == 1 and errors and errors[0].source_term == "劉志剛"
    assert [n.text for n in find_chinese_names(zh)] == ["劉志剛"]
    assert [n.simplified for n in find_chinese_names(zh)] == ["刘志刚"]


@pytest.mark.parametrize(
    "en",
    [
        "Zhejiang University led the drafting of the standard.",
        "China Jiliang University signed the memorandum.",
        "China Huadian Corporation Ltd. took part.",
        "Shanghai Jiao Tong University released it.",
    ],
)
def test_institutions_are_not_people(en):
    assert all("University" not in n.text and "Corporation" not in n.text for n in find_romanized_names(en))
    assert not any(n.text.startswith("China") for n in find_romanized_names(en))


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("简单地说，团体标准就是社会团体制定的标准。", "Simply put, association standards are made by associations."),
        ("严格地说，这是错误。", "Strictly speaking, this is wrong."),
        ("陳述式", "Statement"),
        ("简单地", "Simply"),
        ("冷迁移", "Cold migration"),
        ("黄色", "Yellow"),
        ("王国", "Kingdom"),
        ("方法", "Method"),
        ("程序", "Program"),
        ("高级", "Advanced"),
    ],
)
def test_ordinary_words_that_begin_with_a_surname_are_not_names(zh, en):
    assert check_names(zh, en, "zh", "en") == []
    assert check_names(en, zh, "en", "zh") == []


def test_english_to_chinese_accepts_another_system_in_the_source():
    zh = "臺灣電機電子工業同業公會理事長張孝光出席了論壇。"
    assert check_names("Chang Hsiao-kuang, Chairman of TEEMA, attended.", zh, "en", "zh-TW") == []
    assert check_names("Chan Tai-man said so.", "局长陈大文表示。", "en", "zh-Hans") == []


def test_system_converters():
    assert [wade_giles(s) for s in ("zhang", "xiao", "guang", "xue", "ge", "zi", "rong")] == [
        "chang", "hsiao", "kuang", "hsueh", "ko", "tzu", "jung",
    ]  # fmt: skip
    assert [tongyong(s) for s in ("xie", "zhi", "qiang", "liu", "gui", "xu")] == [
        "sie", "jhih", "ciang", "liou", "guei", "syu",
    ]  # fmt: skip


def test_a_traditional_term_base_name_is_found_in_either_script():
    known = {"張孝光": "Chang Hsiao-kuang"}
    hans = "国家市场监管总局副局长张孝光会见了代表团。"
    assert check_names(hans, "Chang Hsiao-kuang met the delegation.", "zh-Hans", "en", known) == []
    hant = "國家市場監管總局副局長張孝光會見了代表團。"
    findings = check_names(hant, "Zhang Xiaoguang met the delegation.", "zh-Hant", "en", known)
    assert len(findings) == 1 and "Chang Hsiao-kuang" in findings[0].message
