"""The ``number`` rule: numbers, dates and standard codes must survive translation.

A translator who types ``2023`` for ``2024`` or ``GB/T 44310`` for
``GB/T 44130`` produces a fluent sentence that no reader can catch, so the
lint compares what both sides *say*, not how they write it. Each side is
reduced to a bag of quantities (values, not spellings): ``September 1, 2024``
and ``2024年9月1日`` both become {2024, 9, 1}; ``20,000 yuan`` and ``2万元``
both become 20000; ``87 percent`` and ``百分之八十七`` both become 87%.
Comparing bags rather than aligned positions is what makes the rule
indifferent to word order, which differs between the two languages.

Precision matters more than recall in a lint that runs on 100,000 segments:

* number *words* (``two``, ``second``, ``both``) and the Chinese numeral 一
  are *weak*: they may satisfy a number on the other side but are never
  reported when left over (``one`` is also a pronoun; 一 is in 统一, 一些);
* Chinese numerals count only when they quantify: after 第, before a
  classifier or unit (个 项 届 年 ...), or after 百分之;
* the digits of a code (``ISO/IEC JTC 1/SC 42``) or of a product name
  (``5G``, ``COVID-19``) are not also bare numbers.

Everything is precompiled at import; ``re`` is the only dependency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation
from functools import lru_cache

from glossary.checks.base import Expected, Finding, SegmentContext
from glossary.i18n import N_, _
from glossary.match import is_chinese_lang
from glossary.registry import lazy_pattern

RULE_NUMBER = "number"

# --------------------------------------------------------------------------
# Text normalisation that keeps offsets: every mapping is one char to one char.

_FULLWIDTH = {ord("０") + i: ord("0") + i for i in range(10)}
_FULLWIDTH.update({ord("Ａ") + i: ord("A") + i for i in range(26)})
_FULLWIDTH.update({ord("ａ") + i: ord("a") + i for i in range(26)})
_FULLWIDTH.update(
    {
        ord("％"): ord("%"),
        ord("－"): ord("-"),
        ord("．"): ord("."),
        ord("／"): ord("/"),
        ord("："): ord(":"),
        ord("\u3000"): ord(" "),
        ord("\u00a0"): ord(" "),
        ord("\u202f"): ord(" "),
        ord("\u2009"): ord(" "),
        ord("\u2212"): ord("-"),
    }
)

_DASHES = "-‐‑‒–—―－~～"

# --------------------------------------------------------------------------
# Codes: standards and committees.

#: Bodies whose name followed by a number is a code, not a quantity.
_ORGS = (
    "ISO|IEC|ITU(?:-[TRD])?|IEEE|ASTM|ASME|ANSI|NIST|CENELEC|CEN|CLC|ETSI|EN|BS|DIN|JIS|IWA|SAC|"
    "GB|UL|OIML|CAC|UNECE|IECEE|IECQ|IECEx|ICAO|IMO|IAF|ILAC|SASO|GOST|KS|AS|NZS|CSA|API|SAE|"
    "CNS|ASEAN|ARSO|COPANT|PASC|EASC|CISPR|ISO/IEC"
)
#: The words that name a committee inside a code (``ISO/IEC JTC 1/SC 42``).
_COMMITTEE = "JTC|TC|SC|WG|PC|SWG|AG|JWG|CAG|SyC|SMB|TMB|TS|TR|PAS|TF|SG"

#: (The leading lookaheads below change no match: every alternative starts with one of
#: those characters; they let the scan leave a position in one test instead of trying
#: every alternative there, several times faster on prose.)
_CODE_ANCHOR = lazy_pattern(
    rf"(?=[A-Z])(?<![A-Za-z0-9/])(?:"
    rf"(?:{_ORGS})(?![a-z])"  # ISO, GB, SAC, NIST ...
    rf"|JTC(?=\s?\d)"  # JTC 1/SC 27, without its parents
    rf"|T\s?/\s?[A-Z]{{2,8}}(?![a-z])"  # association standards: T/CAS
    rf"|DB\d{{2}}(?:\s?/\s?[TZ])?"  # local standards: DB11/T
    rf"|[A-Z]{{2,4}}\s?/\s?[TZ](?![A-Za-z])"  # sector standards: JT/T, YY/T
    rf")"
)
#: One step of a code after its anchor; a code is the anchor plus steps.
_CODE_STEP = lazy_pattern(
    rf"\s?/\s?(?:{_COMMITTEE}|[A-Z]{{1,8}})(?![a-z])"  # /T  /TC  /IEC  /SC
    rf"|\s(?:{_COMMITTEE}|CENELEC|IEC|ISO)(?=\s?\d)"  # JTC before its number
    rf"|-[A-Z]{{1,6}}(?=-\d)"  # NIST-AI-600-1
    rf"|-[A-Z]{{2,8}}(?=\s?/)"  # CEN-CLC/JTC 23
    rf"|\s[A-Z]\.(?=\d)"  # ITU-T Y.3172
    rf"|\s?\d+(?:\.\d+)*"  # the number
    rf"|\s?[{_DASHES}:]\s?\d+(?:\.\d+)*(?!\d)"  # part or year: -2021, :2024, —2024
)
#: A bare sector code with a year and no slash: ``JT 1234-2020``.
_SECTOR_CODE = lazy_pattern(
    rf"(?<![A-Za-z0-9/])[A-Z]{{2,4}} ?\d+(?:\.\d+)*\s?[{_DASHES}]\s?(?:19|20)\d\d(?!\d)"
)
_CODE_TOKENS = lazy_pattern(r"[A-Za-z]+|\d+(?:\.\d+)*")
_YEARLIKE = lazy_pattern(r"(?:19|20)\d\d")
_TWO_CAPITALS = lazy_pattern(r"[A-Z]{2}")

# --------------------------------------------------------------------------
# Identifiers: letters glued to digits (5G, G20, COVID-19, CO2, PM2.5).

_IDENT = lazy_pattern(
    r"(?<![A-Za-z0-9.])(?:"
    r"[A-Za-z]*[A-Z][A-Za-z]*\d+(?:\.\d+)?[A-Za-z0-9]*"  # G20, CO2, PM2.5, B2B
    r"|[A-Z]{2,}-\d+[A-Za-z0-9]*"  # COVID-19
    r"|\d+[A-Za-z]+(?:\d+[A-Za-z]*)*"  # 5G, 3D, 46th, 5km (sorted out below)
    r")(?![A-Za-z0-9])"
)
_ORDINAL_SUFFIX = {"st", "nd", "rd", "th"}
#: Units glued to a number (5km, 20MW): the number counts. Case matters: 5G is no gram.
_UNITS = {
    "km", "m", "cm", "mm", "nm", "kg", "g", "mg", "t", "kt", "GW", "MW", "kW", "W", "kWh", "MWh",
    "GWh", "TWh", "V", "kV", "mA", "Hz", "kHz", "MHz", "GHz", "h", "hr", "hrs", "min", "s", "ms",
    "L", "mL", "ml", "dB", "Pa", "kPa", "MPa", "GPa", "bit", "bits", "KB", "MB", "GB", "TB",
    "Gbps", "Mbps", "x", "m2", "m3", "km2",
}  # fmt: skip

# --------------------------------------------------------------------------
# Numbers written with digits, in either language.

#: The leading lookahead changes no match: it only lets the scan leave a non-digit
#: position before it tries the two lookbehinds (a third faster on prose).
_DIGITS = (
    r"(?=\d)(?<![A-Za-z0-9])(?<!\d[.,])"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
)
_EN_NUMBER = lazy_pattern(
    _DIGITS
    + r"(?P<tail>'s|[A-Za-z]+)?(?![A-Za-z0-9])"
    + r"(?:\s?(?P<mult>thousand|million|billion|trillion)\b)?"
    + r"(?:\s?(?P<pct>%|‰|percent\b|per\s+cent\b|percentage\s+points?\b))?"
)
_ZH_NUMBER = lazy_pattern(
    _DIGITS
    + r"(?P<tail>[A-Za-z]+)?(?![A-Za-z0-9])"
    + r"(?:\s?[多余餘]?(?P<mult>万亿|萬億|千万|千萬|百万|百萬|万|萬|亿|億|千))?"
    + r"(?:\s?(?P<pct>%|‰|个百分点|個百分點|百分点|百分點))?"
)

_MULT = {
    "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8,
    "万亿": 10**12, "萬億": 10**12, "千万": 10**7, "千萬": 10**7, "百万": 10**6, "百萬": 10**6,
}  # fmt: skip

# --------------------------------------------------------------------------
# English number words and month names.

_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "firstly": 1, "secondly": 2, "thirdly": 3, "fourthly": 4, "fifthly": 5,
}  # fmt: skip
#: Words that mean a number but are never a count a translator must keep.
_OTHER_WORDS = {"both": 2, "twice": 2, "dozen": 12, "decade": 10}

_CARDINAL_ALT = "|".join(sorted([*_UNITS_WORDS, *_TENS_WORDS], key=len, reverse=True))
_ORDINAL_ALT = "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))
_EN_WORD = lazy_pattern(
    rf"(?=[A-Za-z])(?<![A-Za-z0-9-])(?:"
    rf"(?P<tens>{'|'.join(_TENS_WORDS)})-(?P<unit_ord>{_ORDINAL_ALT})"  # twenty-first
    rf"|(?P<tens2>{'|'.join(_TENS_WORDS)})-(?P<unit>{'|'.join(_UNITS_WORDS)})"  # twenty-five
    rf"|(?P<ord>{_ORDINAL_ALT})"
    rf"|(?P<card>{_CARDINAL_ALT})"
    rf"|(?P<other>both|twice|a\s+dozen|dozen|decade)"
    rf")(?![A-Za-z])"
    rf"(?:\s(?P<mult>hundred|thousand|million|billion|trillion)\b)?"
    rf"(?:\s?(?P<pct>percent\b|per\s+cent\b|percentage\s+points?\b))?",
    # ASCII: under plain IGNORECASE the long s (ſ) and dotless i would match
    # s and i, and the word would then be missing from the lookup tables.
    re.IGNORECASE | re.ASCII,
)
#: ``one`` as a pronoun or in idioms: no count to keep.
_ONE_PRONOUN_BEFORE = lazy_pattern(
    r"(?:\b(?:the|this|that|which|any|each|every|no|some|someone|little|only|a|another)\s+|\bone\s+)$",
    re.IGNORECASE,
)
_ONE_PRONOUN_AFTER = lazy_pattern(
    r"^\s*(?:another|of\b|and\s+only|by\s+one|-stop|-off)", re.IGNORECASE
)

_MONTHS = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}  # fmt: skip
_MONTH_ABBR = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
#: Month names that are also everyday words count only next to a day number.
_AMBIGUOUS_MONTHS = {"May", "March"}
_EN_MONTH = lazy_pattern(
    r"(?=[ADFJMNOS])(?<![A-Za-z])(?:"
    rf"(?P<full>{'|'.join(_MONTHS)})(?![A-Za-z])"
    rf"|(?P<abbr>{'|'.join(sorted(_MONTH_ABBR, key=len, reverse=True))})\.?(?=\s?\d)"
    r")"
)
#: Whole ASCII words, and the words that may begin a match of _EN_WORD or _EN_MONTH.
_ASCII_WORD = lazy_pattern(r"[A-Za-z]+")
_NUMBER_WORDS = frozenset([*_UNITS_WORDS, *_TENS_WORDS, *_ORDINAL_WORDS, *_OTHER_WORDS])
_MONTH_WORDS = frozenset([*_MONTHS, *_MONTH_ABBR])
#: Characters that match [A-Za-z] under re.IGNORECASE without being ASCII (İ ı ſ K).
_CASE_ODD = lazy_pattern("[\u0130\u0131\u017f\u212a]")
_NEXT_TO_DAY = lazy_pattern(r"^\.?\s?\d")
_DAY_BEFORE = lazy_pattern(r"\d\s?$")

# --------------------------------------------------------------------------
# Chinese numerals.

_CN_DIGIT = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
    "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CN_NUMERAL = lazy_pattern(
    r"[零〇一二两兩三四五六七八九十][零〇一二两兩三四五六七八九十百千万萬亿億]*"
)
#: Words that follow a numeral that counts something (classifiers and units).
_CLASSIFIERS = set(
    "个個项項名届屆次年月日号號家种種位条條部人天周倍批类類份件台臺辆輛座所级級期章节節款篇本册冊"
    "场場轮輪岁歲元吨噸米代大支组組套张張门門处處只隻枚株亩畝层層阶階段季%"
)
_CLASSIFIER_WORDS = ("小时", "小時", "分钟", "分鐘", "方面", "公里", "千米", "千克", "公斤", "美元",
                     "欧元", "歐元", "英镑", "英鎊", "平方", "立方", "百分点", "百分點", "秒钟", "秒鐘")  # fmt: skip
#: Approximators between a numeral and its classifier: 三十多个, 十余年.
_APPROX_AFTER = set("多余餘来來几幾")
#: A numeral after these is vague (数十个 "dozens", 几十年), not a count.
_VAGUE_BEFORE = set("数數几幾若上成")
#: Numerals that are part of a fixed word, with the number they stand for, if any.
_CN_FIXED = lazy_pattern(
    r"(?P<plan>十[一二三四五六七八九]|[一二三四五六七八九十])五(?=[”\"」』]?\s?(?:规划|規劃|时期|時期|期间|期間|”|\"|」))"
    r"|第三方|一一|之一|一带一路|一帶一路|一体化|一體化|一系列|一道|一起|一致|一切|一方面|一定"
)
_PERCENT_OF = lazy_pattern(r"百分之|千分之")
_CN_NUMERAL_CHAR = lazy_pattern("[零〇一二两兩三四五六七八九十]")
#: 20世纪90年代, the Chinese way of writing "the 1990s".
_ZH_DECADE = lazy_pattern(
    r"(?P<cent>\d{2}|[一二]十[一二三四五六七八九]?)世纪(?P<dec>\d0|[一二三四五六七八九]十)年代"
)
_ZH_SHORT_DECADE = lazy_pattern(r"(?<![\d世纪])(?P<dec>\d0)年代")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number said by the text: its possible values and how firmly it is said."""

    values: frozenset[Decimal]
    kind: str  # "num", "pct" (percent) or "pp" (percentage points)
    #: Words (``two``, ``second``, 一) may satisfy a number but are never reported.
    weak: bool
    #: A cardinal word (``four``) that may be reported when the other side has a different digit.
    cardinal_word: bool
    text: str
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Code:
    """A standard or committee code; ``key`` is its identity without spelling."""

    key: tuple[str, ...]
    text: str
    span: tuple[int, int]

    @property
    def letters(self) -> tuple[str, ...]:
        return tuple(t for t in self.key if t.isalpha())

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(t for t in self.key if not t.isalpha())


@dataclass(frozen=True, slots=True)
class Ident:
    """A name with digits in it (``5G``, ``G20``): compared whole, never as a number."""

    key: str
    text: str
    span: tuple[int, int]

    @property
    def shape(self) -> str:
        return re.sub(r"[\d.]+", "#", self.key)


@dataclass(slots=True)
class Extracted:
    codes: list[Code]
    idents: list[Ident]
    quantities: list[Quantity]


# --------------------------------------------------------------------------
# Extraction.


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


#: Wide enough for any number a text writes out (the default context rounds at 28 digits).
_EXACT = Context(prec=400)


@lru_cache(maxsize=4096)
def _norm(value: Decimal) -> Decimal:
    """One representative per value, so that 4.0 == 4 and 2E+4 == 20000 in sets."""
    value = value.normalize(_EXACT)
    if value == value.to_integral_value() and value.adjusted() < 60:
        # Exact at any size: ``quantize`` fails past the context's 28 digits
        # (79228162514264337593543950336, a C# limit quoted in a catalog).
        return Decimal(int(value))
    return value


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars: list[str] | None = None
    for start, end in spans:
        if chars is None:
            chars = list(text)
        chars[start:end] = " " * (end - start)
    return text if chars is None else "".join(chars)


def _code_key(text: str) -> tuple[str, ...]:
    tokens = []
    for token in _CODE_TOKENS.findall(text):
        if token[0].isdigit():
            tokens.append(token)  # an identifier: 0505 is not 505
        else:
            tokens.append(token.upper())
    return tuple(tokens)


def find_codes(text: str) -> list[Code]:
    """Standard and committee codes in ``text`` (already normalised)."""
    if not _TWO_CAPITALS.search(text):
        return []  # every anchor and sector code has two capitals in a row
    codes: list[Code] = []
    pos = 0
    while True:
        anchor = _CODE_ANCHOR.search(text, pos)
        if anchor is None:
            break
        end = anchor.end()
        has_digit = False
        while True:
            step = _CODE_STEP.match(text, end)
            if step is None or step.end() == end:
                break
            if any(c.isdigit() for c in step.group()):
                has_digit = True
            end = step.end()
        # Trailing separators and committee words without a number are not part of it.
        code_text = text[anchor.start() : end].rstrip()
        if has_digit:
            codes.append(
                Code(
                    _code_key(code_text),
                    code_text,
                    (anchor.start(), anchor.start() + len(code_text)),
                )
            )
            pos = anchor.start() + len(code_text)
        else:
            pos = anchor.end()
    covered = [c.span for c in codes]
    for match in _SECTOR_CODE.finditer(text):
        if not any(s <= match.start() < e for s, e in covered):
            codes.append(Code(_code_key(match.group()), match.group(), match.span()))
    codes.sort(key=lambda c: c.span)
    return codes


#: Every identifier has a letter next to a digit, or ``-`` before one (``COVID-19``).
_IDENT_GATE = lazy_pattern(r"[A-Za-z]\d|\d[A-Za-z]|-\d")
#: What an identifier is made of, besides digits (``\\d``: ``str.isdecimal``).
_IDENT_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-")


def _find_idents(text: str) -> tuple[list[Ident], list[tuple[int, int]]]:
    idents: list[Ident] = []
    spans: list[tuple[int, int]] = []
    gate = _IDENT_GATE.search(text)
    if gate is None:
        return idents, spans
    # Every identifier holds a gate match at or after the first one and is made of
    # _IDENT_CHARS and digits up to it: none starts before that run (lookbehinds
    # still see the text before ``pos``).
    pos = gate.start()
    while pos > 0 and (text[pos - 1] in _IDENT_CHARS or text[pos - 1].isdecimal()):
        pos -= 1
    for match in _IDENT.finditer(text, pos):
        token = match.group()
        if token[0].isdigit():
            tail = re.sub(r"^[\d.]+", "", token)
            if tail.lower() in _ORDINAL_SUFFIX or tail == "s" or tail in _UNITS:
                continue  # 46th, 1990s, 5km: numbers
        idents.append(Ident(token.upper(), token, match.span()))
        spans.append(match.span())
    return idents, spans


def _quantity(
    values: Iterable[Decimal],
    kind: str,
    text: str,
    span: tuple[int, int],
    *,
    weak: bool = False,
    cardinal_word: bool = False,
) -> Quantity:
    return Quantity(frozenset(map(_norm, values)), kind, weak, cardinal_word, text, span)


def _pct_kind(pct: str | None) -> str:
    if not pct:
        return "num"
    if "点" in pct or "點" in pct or "point" in pct:
        return "pp"
    return "pct"


_RANGE_START = lazy_pattern(r"((?:19|20)\d)\d\s?[" + _DASHES + r"/]\s?$")


def _digit_quantities(text: str, pattern: re.Pattern[str]) -> list[Quantity]:
    found: list[Quantity] = []
    for match in pattern.finditer(text):
        num, mult, tail, pct = match.group("num", "mult", "tail", "pct")
        said = _digit_values(num, mult, tail)
        if said is None:
            continue
        value, values, short = said
        if short:
            # 2023-24: the second year of a range, written short.
            before = text[max(0, match.start() - 6) : match.start()]
            year = _RANGE_START.search(before)
            if year:
                values = frozenset(map(_norm, {value, Decimal(year.group(1)[:2] + num)}))
        found.append(Quantity(values, _pct_kind(pct), False, False, match.group(), match.span()))
    return found


@lru_cache(maxsize=8192)
def _digit_values(num: str, mult: str | None, tail: str | None) -> tuple[Decimal, frozenset[Decimal], bool] | None:
    """What a number in digits says, made once per spelling: its value, its values (the
    1990s for ``90s``), and whether it may be a range's short second year (then
    :func:`_digit_quantities` looks at what is before it).  None: not a number."""
    value = _decimal(num)
    if value is None:
        return None
    if mult:
        value *= _MULT[mult]
    tail = tail or ""
    if tail in ("s", "'s") and len(num) == 2 and num.endswith("0"):
        return value, frozenset(map(_norm, {value, value + 1900})), False  # 90s: the 1990s
    return value, frozenset((_norm(value),)), not tail and len(num) == 2 and not mult


def _english_quantities(text: str) -> list[Quantity]:
    found = _digit_quantities(text, _EN_NUMBER)
    # Most texts have no number word and no month: the word scans below are the rule's
    # slowest, so they run only when some whole ASCII word could start a match (or when
    # a character that matches a Latin letter only when case is ignored, like the long
    # s of "ſix", makes words uncertain).
    words = set(_ASCII_WORD.findall(text))
    case_odd = not text.isascii() and _CASE_ODD.search(text) is not None
    if case_odd or not {w.lower() for w in words}.isdisjoint(_NUMBER_WORDS):
        found.extend(_word_quantities(text))
    if not words.isdisjoint(_MONTH_WORDS):
        found.extend(_month_quantities(text))
    return found


def _word_quantities(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _EN_WORD.finditer(text):
        groups = match.groupdict()
        cardinal = False
        if groups["tens"]:
            value = _TENS_WORDS[groups["tens"].lower()] + _ORDINAL_WORDS[groups["unit_ord"].lower()]
        elif groups["tens2"]:
            value = _TENS_WORDS[groups["tens2"].lower()] + _UNITS_WORDS[groups["unit"].lower()]
            cardinal = True
        elif groups["ord"]:
            value = _ORDINAL_WORDS[groups["ord"].lower()]
        elif groups["card"]:
            word = groups["card"].lower()
            value = _UNITS_WORDS.get(word) or _TENS_WORDS[word]
            if word == "one":
                before = text[max(0, match.start() - 12) : match.start()]
                after = text[match.end() : match.end() + 12]
                if _ONE_PRONOUN_BEFORE.search(before) or _ONE_PRONOUN_AFTER.match(after):
                    continue
            cardinal = value > 1
        else:
            other = re.sub(r"\s+", " ", groups["other"].lower())
            value = _OTHER_WORDS[other.removeprefix("a ")]
        number = Decimal(value)
        if groups["mult"]:
            number *= _MULT[groups["mult"].lower()] if groups["mult"].lower() != "hundred" else 100
        found.append(
            _quantity({number}, _pct_kind(groups["pct"]), match.group(), match.span(),
                      weak=True, cardinal_word=cardinal)
        )  # fmt: skip
    return found


def _month_quantities(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _EN_MONTH.finditer(text):
        if match.group("full"):
            name = match.group("full")
            if name in _AMBIGUOUS_MONTHS:
                after = text[match.end() : match.end() + 3]
                before = text[max(0, match.start() - 3) : match.start()]
                if not (_NEXT_TO_DAY.match(after) or _DAY_BEFORE.search(before)):
                    continue
            value = _MONTHS[name]
        else:
            value = _MONTH_ABBR[match.group("abbr")]
        found.append(_quantity({Decimal(value)}, "num", match.group(), match.span()))
    return found


def parse_chinese_numeral(text: str) -> int | None:
    """Value of a Chinese numeral (四十六, 一百零五, 两千, 一万二千), or None if not one number."""
    if len(text) > 1 and all(c in _CN_DIGIT for c in text):
        return None  # 三四 ("three or four"); digit-by-digit years are read by the caller
    total = 0
    section = 0
    digit: int | None = None
    previous_zero = False
    for char in text:
        if char in _CN_DIGIT:
            if digit is not None and not previous_zero:
                return None
            digit = _CN_DIGIT[char]
            previous_zero = digit == 0
        elif char in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[char]
            digit = None
            previous_zero = False
        else:
            big = _CN_BIG[char]
            section += digit or 0
            if section == 0:
                total *= big  # 万亿
            else:
                total = (total + section) * big if total and big > 10**4 else total + section * big
            section = 0
            digit = None
            previous_zero = False
    return total + section + (digit or 0)


def _followed_by_classifier(text: str, end: int) -> bool:
    while end < len(text) and text[end] in _APPROX_AFTER:
        end += 1
    if end >= len(text):
        return False
    if text[end] in _CLASSIFIERS:
        return True
    return text.startswith(_CLASSIFIER_WORDS, end)


def _chinese_quantities(text: str) -> list[Quantity]:
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    # The numeral scans need a numeral character (every pattern of _CN_FIXED has one;
    # 百分之 counts only before a numeral); most texts write numbers in digits alone.
    numerals = _CN_NUMERAL_CHAR.search(text) is not None
    for match in _ZH_DECADE.finditer(text) if "世纪" in text else ():
        cent, dec = match.group("cent"), match.group("dec")
        cent_value = int(cent) if cent.isdigit() else parse_chinese_numeral(cent)
        dec_value = int(dec) if dec.isdigit() else parse_chinese_numeral(dec)
        if cent_value and dec_value is not None:
            year = (cent_value - 1) * 100 + dec_value
            found.append(_quantity({Decimal(year)}, "num", match.group(), match.span()))
            taken.append(match.span())
    for match in _ZH_SHORT_DECADE.finditer(text) if "年代" in text else ():
        value = Decimal(match.group("dec"))
        found.append(_quantity({value, value + 1900}, "num", match.group(), match.span()))
        taken.append(match.span())
    for match in _CN_FIXED.finditer(text) if numerals else ():
        taken.append(match.span())
        if match.group("plan"):  # “十四五”规划: the 14th Five-Year Plan
            value = parse_chinese_numeral(match.group("plan"))
            if value:
                start = match.start()
                found.append(
                    _quantity(
                        {Decimal(value)},
                        "num",
                        match.group("plan"),
                        (start, start + len(match.group("plan"))),
                    )
                )
                found.append(
                    _quantity({Decimal(5)}, "num", "五", (match.end() - 1, match.end()), weak=True)
                )
    masked = _mask(text, taken)
    found.extend(_digit_quantities(masked, _ZH_NUMBER))
    for match in _PERCENT_OF.finditer(masked) if numerals else ():
        numeral = _CN_NUMERAL.match(masked, match.end())
        digits = _ZH_NUMBER.match(masked, match.end())
        value: Decimal | None = None
        end = match.end()
        if numeral:
            parsed = parse_chinese_numeral(numeral.group())
            value = Decimal(parsed) if parsed is not None else None
            end = numeral.end()
        elif digits:
            continue  # 百分之5: the digit scan already has it; upgrade it below
        if value is None:
            continue
        if match.group() == "千分之":
            value = value / 10
        found.append(
            _quantity(
                {value}, "pct", masked[match.start() : end], (match.start(), end), weak=value == 1
            )
        )
        taken.append((match.start(), end))
    # 百分之5: digits after 百分之 are a percentage.
    for i, quantity in enumerate(found):
        if (
            quantity.kind == "num"
            and masked[max(0, quantity.span[0] - 3) : quantity.span[0]] == "百分之"
        ):
            found[i] = _quantity(quantity.values, "pct", quantity.text, quantity.span)
    for match in _CN_NUMERAL.finditer(masked) if numerals else ():
        start, end = match.span()
        if any(s <= start < e for s, e in taken):
            continue
        numeral = match.group()
        # A trailing 万/亿 belongs to the number; a leading unit (百年) is not counted.
        after_di = start > 0 and masked[start - 1] == "第"
        if start > 0 and masked[start - 1] in _VAGUE_BEFORE:
            continue
        scale = 1
        after = end
        while after < len(masked) and masked[after] in _APPROX_AFTER:
            after += 1
        if after > end and after < len(masked) and masked[after] in _CN_BIG:
            scale = _CN_BIG[masked[after]]  # 三千多万元
            end = after + 1
        if not (after_di or _followed_by_classifier(masked, end)):
            continue
        if (
            all(c in _CN_DIGIT for c in numeral)
            and len(numeral) == 4
            and masked.startswith("年", end)
        ):
            value = int("".join(str(_CN_DIGIT[c]) for c in numeral))  # 二〇二四年
        else:
            parsed = parse_chinese_numeral(numeral)
            if parsed is None:
                continue
            value = parsed * scale
        found.append(_quantity({Decimal(value)}, "num", numeral, (start, end), weak=value == 1))
    return found


def extract(text: str, lang: str) -> Extracted:
    """Codes, identifiers and quantities said by ``text`` in language ``lang``."""
    if not text.isascii():  # every character _FULLWIDTH maps is outside ASCII
        text = text.translate(_FULLWIDTH)
    codes = find_codes(text)
    masked = _mask(text, (c.span for c in codes))
    idents, ident_spans = _find_idents(masked)
    masked = _mask(masked, ident_spans)
    if is_chinese_lang(lang):
        quantities = _chinese_quantities(masked)
    else:
        quantities = _english_quantities(masked)
    quantities.sort(key=lambda q: q.span)
    return Extracted(codes, idents, quantities)


# --------------------------------------------------------------------------
# Comparison.


def _show(values: frozenset[Decimal], kind: str) -> str:
    value = max(values)
    text = f"{value:f}"
    if kind == "pct":
        return text + "%"
    return text


def _center(span: tuple[int, int], length: int) -> float:
    return (span[0] + span[1]) / 2 / max(length, 1)


def _match_quantities(
    source: list[Quantity], target: list[Quantity], same_kind: bool
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by value; strong items first, nearest position wins."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    order = sorted(range(len(source)), key=lambda i: source[i].weak)
    for i in order:
        s = source[i]
        best: int | None = None
        best_score: tuple[bool, int] = (True, 0)
        for j, t in enumerate(target):
            if j in used or not (s.values & t.values):
                continue
            if same_kind != (s.kind == t.kind):
                continue
            score = (t.weak != s.weak, j)
            if best is None or score < best_score:
                best, best_score = j, score
        if best is not None:
            used.add(best)
            pairs.append((i, best))
    return pairs


def _compare_codes(
    src: list[Code], tgt: list[Code], tgt_quantities: list[Quantity]
) -> tuple[list[Finding], set[int]]:
    findings: list[Finding] = []
    tgt_left = list(range(len(tgt)))
    src_left: list[int] = []
    for i, code in enumerate(src):
        for j in tgt_left:
            if tgt[j].key == code.key:
                tgt_left.remove(j)
                break
        else:
            src_left.append(i)
    consumed: set[int] = set()  # target quantities that stood in for a code
    for i in src_left:
        code = src[i]
        similar = None
        for j in tgt_left:
            other = tgt[j]
            same_letters = other.letters == code.letters
            same_main = bool(code.numbers) and other.numbers[:1] == code.numbers[:1]
            if (same_letters and len(other.numbers) == len(code.numbers)) or (
                other.letters[:1] == code.letters[:1] and same_main
            ):
                similar = j
                break
        if similar is not None:
            tgt_left.remove(similar)
            other = tgt[similar]
            findings.append(
                Finding(
                    RULE_NUMBER, "error",
                    _("code {code} is written {found} in the target").format(code=code.text, found=other.text),
                    "", source_term=code.text, expected=[Expected(code.text)], found=other.text,
                    source_span=code.span, target_span=other.span,
                )
            )  # fmt: skip
            continue
        # "ISO 2024" in one language may be "2024年ISO" in the other: a year, not a code.
        if len(code.numbers) == 1 and _YEARLIKE.fullmatch(code.numbers[0]):
            year = Decimal(code.numbers[0])
            stand_in = next(
                (k for k, q in enumerate(tgt_quantities) if k not in consumed and year in q.values),
                None,
            )
            if stand_in is not None:
                consumed.add(stand_in)
                continue
        findings.append(
            Finding(
                RULE_NUMBER, "error",
                _("code {code} is missing from the target").format(code=code.text),
                "", source_term=code.text, expected=[Expected(code.text)], source_span=code.span,
            )
        )  # fmt: skip
    for j in tgt_left:
        other = tgt[j]
        findings.append(
            Finding(
                RULE_NUMBER, "warning",
                _("code {code} in the target is not in the source").format(code=other.text),
                "", found=other.text, target_span=other.span,
            )
        )  # fmt: skip
    return findings, consumed


def _compare_idents(src: list[Ident], tgt: list[Ident]) -> list[Finding]:
    """Only a near miss is reported: 5G vs 4G. A missing 5G may be 第五代 in Chinese."""
    findings: list[Finding] = []
    left = list(tgt)
    unmatched = []
    for ident in src:
        same = next((t for t in left if t.key == ident.key), None)
        if same is not None:
            left.remove(same)
        else:
            unmatched.append(ident)
    for ident in unmatched:
        other = next((t for t in left if t.shape == ident.shape), None)
        if other is None:
            continue
        left.remove(other)
        findings.append(
            Finding(
                RULE_NUMBER, "error",
                _("{name} in the source is written {found} in the target").format(name=ident.text, found=other.text),
                "", source_term=ident.text, expected=[Expected(ident.text)], found=other.text,
                source_span=ident.span, target_span=other.span,
            )
        )  # fmt: skip
    return findings


def compare(src: Extracted, tgt: Extracted, src_len: int, tgt_len: int) -> list[Finding]:
    """Findings for what ``src`` says and ``tgt`` does not, and the reverse."""
    findings, consumed = _compare_codes(src.codes, tgt.codes, tgt.quantities)
    findings.extend(_compare_idents(src.idents, tgt.idents))

    s_items = list(src.quantities)
    t_items = [q for k, q in enumerate(tgt.quantities) if k not in consumed]
    s_left = set(range(len(s_items)))
    t_left = set(range(len(t_items)))
    for i, j in _match_quantities(s_items, t_items, same_kind=True):
        s_left.discard(i)
        t_left.discard(j)

    # Same value, different kind: 87% became 87.
    s_rest = [s_items[i] for i in sorted(s_left)]
    t_rest = [t_items[j] for j in sorted(t_left)]
    s_index = sorted(s_left)
    t_index = sorted(t_left)
    for a, b in _match_quantities(s_rest, t_rest, same_kind=False):
        s, t = s_rest[a], t_rest[b]
        s_left.discard(s_index[a])
        t_left.discard(t_index[b])
        if s.weak and t.weak:
            continue
        severity = "warning" if {s.kind, t.kind} == {"pct", "pp"} else "error"
        if s.kind == "pct" or t.kind == "pct" and s.kind == "num":
            message = _("{number} is a percentage in one text and not in the other").format(
                number=s.text
            )
        else:
            message = _("{number} is a percentage point in one text and not in the other").format(
                number=s.text
            )
        findings.append(
            Finding(RULE_NUMBER, severity, message, "", source_term=s.text,
                    expected=[Expected(_show(s.values, s.kind))], found=t.text,
                    source_span=s.span, target_span=t.span)
        )  # fmt: skip

    # What is left over: pair a missing number with a stray one nearby as "different".
    missing = [i for i in sorted(s_left) if not s_items[i].weak]
    strays = [j for j in sorted(t_left) if not t_items[j].weak or t_items[j].cardinal_word]
    weak_missing = [i for i in sorted(s_left) if s_items[i].cardinal_word]
    reported_targets: set[int] = set()

    def nearest(i: int, candidates: list[int], need_strong: bool) -> int | None:
        best = None
        best_distance = 2.0
        where = _center(s_items[i].span, src_len)
        for j in candidates:
            if j in reported_targets or (need_strong and t_items[j].weak):
                continue
            distance = abs(_center(t_items[j].span, tgt_len) - where)
            if distance < best_distance:
                best, best_distance = j, distance
        return best

    for i in missing + weak_missing:
        s = s_items[i]
        j = nearest(i, strays, need_strong=s.weak)
        if j is None:
            if s.weak:
                continue
            findings.append(
                Finding(RULE_NUMBER, "error",
                        _("number {number} is missing from the target").format(number=s.text),
                        "", source_term=s.text, expected=[Expected(_show(s.values, s.kind))],
                        source_span=s.span)
            )  # fmt: skip
            continue
        reported_targets.add(j)
        t = t_items[j]
        findings.append(
            Finding(RULE_NUMBER, "error",
                    _("number {number} in the source is {found} in the target").format(number=s.text, found=t.text),
                    "", source_term=s.text, expected=[Expected(_show(s.values, s.kind))], found=t.text,
                    source_span=s.span, target_span=t.span)
        )  # fmt: skip
    for j in strays:
        t = t_items[j]
        if j in reported_targets or t.weak:
            continue
        findings.append(
            Finding(RULE_NUMBER, "warning",
                    _("number {number} in the target is not in the source").format(number=t.text),
                    "", found=t.text, target_span=t.span)
        )  # fmt: skip
    return findings


def check_numbers(source: str, target: str, source_lang: str, target_lang: str) -> list[Finding]:
    """Findings of the ``number`` rule for one segment pair.

    Severity: a code or number of the source that is missing or different in
    the target is an error; one the target adds is a warning.
    """
    if not source or not target:
        return []
    if not _says_number(source) and not _says_number(target):
        return []
    src = extract(source, source_lang)
    tgt = extract(target, target_lang)
    if not (src.codes or src.idents or src.quantities or tgt.codes or tgt.quantities):
        return []
    if not (src.codes or tgt.codes or src.idents or tgt.idents) and len(src.quantities) == len(tgt.quantities) == 1:
        s, t = src.quantities[0], tgt.quantities[0]
        if s.kind == t.kind and s.values & t.values:
            return []  # the common case, one number said alike on both sides: compare() pairs them
    findings = compare(src, tgt, len(source), len(target))
    findings.sort(key=lambda f: f.source_span or f.target_span or (0, 0))
    return findings


#: A cheap gate: a segment pair with none of these says no number at all.  Two patterns,
#: the characters first: a character class is scanned for in one quick pass, while the
#: words' alternation is tried at every position (most texts have a digit).
_HAS_DIGIT_OR_NUMERAL_CHAR = lazy_pattern(r"[0-9０-９零〇一二两兩三四五六七八九十百千万萬亿億]")
_HAS_NUMBER_WORD = lazy_pattern(
    r"(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|both|twice|dozen|decade)\w*)"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def _says_number(text: str) -> bool:
    """Whether ``text`` holds a digit, a Chinese numeral, a number word or a month name."""
    return _HAS_DIGIT_OR_NUMERAL_CHAR.search(text) is not None or _HAS_NUMBER_WORD.search(text) is not None


class _NumberRule:
    name = RULE_NUMBER
    order = 40
    description = N_("Numbers, dates and standard codes must say the same on both sides.")
    default = True
    scope = "segment"

    def check(self, ctx: SegmentContext) -> list[Finding]:
        return check_numbers(ctx.source, ctx.target, ctx.source_lang, ctx.target_lang)


RULE = _NumberRule()
