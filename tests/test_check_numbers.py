"""The ``number`` rule: silent on faithful pairs, loud on planted errors."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from glossary.checks.numbers import (
    RULE,
    check_numbers,
    extract,
    find_codes,
    parse_chinese_numeral,
)


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


CLEAN = [(en, zh, "zh-Hans") for en, zh in _rows("checks_numbers_clean.tsv")]
CLEAN += [(en, zh, "zh-Hant") for en, zh in _rows("checks_numbers_clean_hant.tsv")]
PLANTED = _rows("checks_numbers_planted.tsv")


def _describe(findings) -> list[str]:
    return [f"{f.severity}: {f.message}" for f in findings]


def test_fixture_sizes() -> None:
    assert len(CLEAN) >= 30
    kinds = {row[0] for row in PLANTED}
    for kind in ("wrong year", "wrong code digit", "missing code", "wrong date",
                 "wrong ordinal", "dropped percent", "extra number"):  # fmt: skip
        assert kind in kinds


@pytest.mark.parametrize(("en", "zh", "zh_lang"), CLEAN, ids=[c[0][:40] for c in CLEAN])
def test_clean_pairs_raise_nothing_either_way(en: str, zh: str, zh_lang: str) -> None:
    assert _describe(check_numbers(en, zh, "en", zh_lang)) == []
    assert _describe(check_numbers(zh, en, zh_lang, "en")) == []


@pytest.mark.parametrize("row", PLANTED, ids=[f"{r[0]}:{r[3][:30]}" for r in PLANTED])
def test_planted_errors_are_caught(row: list[str]) -> None:
    kind, source_lang, target_lang, source, target, severity, named = row
    findings = check_numbers(source, target, source_lang, target_lang)
    assert findings, kind
    assert any(
        f.severity == severity and (named in (f.source_term or "") or named in (f.found or ""))
        for f in findings
    ), _describe(findings)
    for finding in findings:
        assert finding.rule == RULE.name == "number"
        assert finding.file == "" and finding.line is None and finding.unit is None


def test_spans_point_at_the_numbers() -> None:
    source = "The 46th Annual Meeting of ISO was held in 2024."
    target = "第45届ISO年会于2024年举行。"
    (finding,) = check_numbers(source, target, "en", "zh-Hans")
    assert finding.severity == "error"
    start, end = finding.source_span
    assert source[start:end] == "46th"
    start, end = finding.target_span
    assert target[start:end] == "45"
    assert finding.found == "45"
    assert [e.text for e in finding.expected] == ["46"]


def test_code_finding_names_both_spellings() -> None:
    source = "GB/T 44130.1—2024 has taken effect."
    target = "GB/T 44130.2—2024已实施。"
    (finding,) = check_numbers(source, target, "en", "zh-Hans")
    assert finding.source_term == "GB/T 44130.1—2024"
    assert finding.found == "GB/T 44130.2—2024"
    assert finding.expected[0].text == "GB/T 44130.1—2024"
    assert target[slice(*finding.target_span)] == "GB/T 44130.2—2024"


def test_numbers_inside_codes_are_not_bare_numbers() -> None:
    # 1, 42, 2024 belong to the codes; the target has no loose 42 or 2024 to miss.
    findings = check_numbers(
        "ISO/IEC JTC 1/SC 42 adopted ISO 16521:2024.",
        "ISO/IEC JTC 1/SC 42通过了ISO 16521:2024。",
        "en",
        "zh-Hans",
    )
    assert findings == []
    # A code's number is not satisfied by the same bare number elsewhere.
    findings = check_numbers("SAC/TC 609 met.", "第609次会议召开。", "en", "zh-Hans")
    assert [f.severity for f in findings] == ["error", "warning"]


def test_year_written_as_code_in_one_language_only() -> None:
    """ISO 2024 in one text, 2024年ISO in the other: a year, not a missing code."""
    assert check_numbers("the ISO 2024 meeting", "2024年ISO会议", "en", "zh-Hans") == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("GB/T 44130.1—2024", "GB/T 44130.1-2024"),
        ("GB/T 44130.1—2024", "GB / T 44130.1 – 2024"),
        ("GB/T 44130.1―2024", "GB／T 44130.1－2024"),
        ("ISO/TC 321", "ISO/TC321"),
        ("ISO/IEC JTC 1/SC 42", "ISO/IEC JTC 1 / SC 42"),
        ("ISO 16521:2024", "ISO 16521: 2024"),
    ],
)
def test_code_spelling_variants_are_the_same_code(a: str, b: str) -> None:
    assert [c.key for c in find_codes(a.translate(_FW))] == [
        c.key for c in find_codes(b.translate(_FW))
    ]
    assert check_numbers(a, b, "en", "zh-Hans") == []


_FW = str.maketrans({"／": "/", "－": "-"})


def test_the_codes_of_the_issue_are_recognised() -> None:
    codes = [
        "GB 23350-2021", "GB/T 43561-2023", "JT/T 1506-2024", "ISO 16521:2024", "ISO/IEC 42001",
        "ISO/IEC JTC 1/SC 42", "IEC/PC 130", "IEC/TC 88", "SAC/SWG 38", "CEN/CENELEC JTC 21",
        "NIST-AI-600-1", "ISO/TC 309", "SAC/TC 609", "T/CAS 123-2020",
    ]  # fmt: skip
    for code in codes:
        found = find_codes(f"见{code}。")
        assert [c.text for c in found] == [code]


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ("20,000 yuan", "2万元"),
        ("3,200 students", "3200名学生"),
        ("1.2 trillion yuan", "1.2万亿元"),
        ("87 percent", "百分之八十七"),
        ("87 per cent", "87％"),
        ("the 46th meeting", "第四十六届会议"),
        ("the 123rd meeting", "第一百二十三届会议"),
        ("on Sept. 1", "９月１日"),
        ("in 2021-2022", "2021—2022年"),
        ("in 2023-24", "2023—2024年"),
        ("October 22-24", "10月22日至24日"),
        ("two standards", "两项标准"),
        ("twenty-five experts", "二十五位专家"),
        ("three projects", "3个项目"),
        ("in 2024", "二〇二四年"),
        ("the 1990s", "20世纪90年代"),
        ("the '90s", "90年代"),
        ("more than ten years", "十多年"),
        ("30 million yuan", "三千万元"),
    ],
)
def test_normal_differences_of_writing(en: str, zh: str) -> None:
    assert check_numbers(en, zh, "en", "zh-Hans") == []
    assert check_numbers(zh, en, "zh-Hans", "en") == []


@pytest.mark.parametrize(
    "zh",
    ["一带一路", "统一标准", "一些企业", "进一步完善", "区域一体化", "一系列措施", "十分重要", "数十个国家",
     "三峡工程", "第三方检测", "双方", "两岸"],
)  # fmt: skip
def test_chinese_numerals_inside_words_are_not_numbers(zh: str) -> None:
    assert check_numbers(zh, "Nothing numeric here.", "zh-Hans", "en") == []


@pytest.mark.parametrize(
    "en",
    ["One of the priorities", "no one", "one another", "a one-stop service", "Secondly,", "the first time",
     "both sides", "In May, we may agree.", "the second session"],
)  # fmt: skip
def test_english_number_words_alone_are_not_reported(en: str) -> None:
    assert check_numbers(en, "没有数字。", "en", "zh-Hans") == []


def test_word_in_one_language_digit_in_the_other_can_still_disagree() -> None:
    # Chinese 三项 is a count; "four" against it is a real mismatch.
    findings = check_numbers("三项标准", "four standards", "zh-Hans", "en")
    assert [(f.severity, f.found) for f in findings] == [("error", "four")]


def test_ident_near_miss_is_caught_but_a_translated_ident_is_not() -> None:
    assert check_numbers("5G networks", "5G网络", "en", "zh-Hans") == []
    assert check_numbers("the G20 summit", "二十国集团峰会", "en", "zh-Hans") == []
    (finding,) = check_numbers("5G networks", "4G网络", "en", "zh-Hans")
    assert finding.severity == "error" and finding.found == "4G"


def test_percent_points_against_percent_is_a_warning() -> None:
    findings = check_numbers("up 3.5 percentage points", "提高3.5%", "en", "zh-Hans")
    assert [f.severity for f in findings] == ["warning"]


def test_empty_and_numberless_pairs() -> None:
    assert check_numbers("", "2024年", "en", "zh-Hans") == []
    assert check_numbers("Standards matter.", "标准很重要。", "en", "zh-Hans") == []


def test_extract_reports_weak_words() -> None:
    quantities = extract("two experts and 3 teams", "en").quantities
    assert [(q.text, q.weak) for q in quantities] == [("two", True), ("3", False)]


# --------------------------------------------------------------------------
# Properties, against an independent writer of Chinese numerals.

_CN = "零一二三四五六七八九"


def _to_chinese(n: int) -> str:
    """Write 1..99,999,999 the way a Chinese text does (a second, simple implementation)."""

    def below_10000(k: int) -> str:
        out = ""
        zero = False
        for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            digit = k // unit % 10
            if digit:
                if zero and out:
                    out += "零"
                out += _CN[digit] + name
                zero = False
            else:
                zero = True
        return out

    high, low = divmod(n, 10000)
    if not high:
        text = below_10000(low)
        return text[1:] if text.startswith("一十") else text
    text = below_10000(high) + "万"
    if low:
        text += ("零" if low < 1000 else "") + below_10000(low)
    return text


@given(st.integers(min_value=1, max_value=99_999_999))
def test_parse_chinese_numeral_round_trip(n: int) -> None:
    assert parse_chinese_numeral(_to_chinese(n)) == n


@given(st.integers(min_value=2, max_value=99_999))
def test_counts_written_three_ways_agree(n: int) -> None:
    en = f"{n:,} enterprises took part."
    for zh in (f"{n}家企业参与。", f"{_to_chinese(n)}家企业参与。"):
        assert check_numbers(en, zh, "en", "zh-Hans") == []
        assert check_numbers(zh, en, "zh-Hans", "en") == []


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"]  # fmt: skip


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2060, 12, 31)))
def test_dates_agree_and_a_shifted_day_is_caught(day: dt.date) -> None:
    en = f"The standard takes effect on {_MONTH_NAMES[day.month - 1]} {day.day}, {day.year}."
    zh = f"该标准于{day.year}年{day.month}月{day.day}日实施。"
    assert check_numbers(en, zh, "en", "zh-Hans") == []
    assert check_numbers(zh, en, "zh-Hans", "en") == []
    other = day + dt.timedelta(days=1)
    wrong = f"该标准于{other.year}年{other.month}月{other.day}日实施。"
    assert any(f.severity == "error" for f in check_numbers(en, wrong, "en", "zh-Hans"))


@given(
    st.sampled_from(["-", "–", "—", "―", "－"]),
    st.integers(min_value=10000, max_value=99999),
    st.integers(min_value=1990, max_value=2030),
)
def test_standard_code_dash_variants(dash: str, number: int, year: int) -> None:
    en = f"GB/T {number}-{year} was released."
    zh = f"发布了GB/T {number}{dash}{year}。"
    assert check_numbers(en, zh, "en", "zh-Hans") == []
    wrong = f"发布了GB/T {number + 1}{dash}{year}。"
    assert [f.severity for f in check_numbers(en, wrong, "en", "zh-Hans")] == ["error"]


_WORDS = [
    "one", "One", "TWO", "twenty-first", "Twenty-Five", "first", "firstly", "both", "a dozen", "decade",
    "May", "may", "March", "Sept.", "Jan", "December", "hundred", "percent", "ones", "someone", "the",
    "items", "Zone", "often", "tenth", "5", "12", "-", ",", "(", "ſix", "Ünion", "day",
]  # fmt: skip


@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.sampled_from([" ", "", "-"]))
def test_word_and_month_scans_are_skipped_only_when_they_find_nothing(words: list[str], sep: str) -> None:
    from glossary.checks import numbers

    text = sep.join(words)
    try:
        unfiltered = (
            numbers._digit_quantities(text, numbers._EN_NUMBER)
            + numbers._word_quantities(text)
            + numbers._month_quantities(text)
        )
    except KeyError:  # ſix: a long s matches s only when case is ignored (a known crash)
        with pytest.raises(KeyError):
            numbers._english_quantities(text)
        return
    assert numbers._english_quantities(text) == unfiltered


def test_lookalike_letters_are_not_number_words():
    # ſ (long s) matched 's' case-insensitively and crashed the lookup.
    assert [f.severity for f in check_numbers("六个", "ſix items", "zh-Hans", "en")] == ["error"]
