"""The shortcuts of glossary.chinese.pinyin give what the long way gives (issue 15).

Each shortcut is compared with the computation it replaces, on texts chosen
to reach the rules it must step aside for: pypinyin's own splitter, the
word-by-word path of ``_han_spellings`` (suffixes, 了, 地, 第, idioms,
proper nouns, area generics, names), and the jieba block shortcut.
"""

from __future__ import annotations

import random

import pytest

pytest.importorskip("pypinyin")
pytest.importorskip("jieba")

from glossary.chinese import pinyin  # noqa: E402
from glossary.chinese.segment import default_segmenter  # noqa: E402

TEXTS = [
    "标准化", "有意碳化物", "扩容先头绝密", "和衷共济昭示", "国家市场监督管理总局", "世界标准日",
    "以标准为引领", "不确定度", "发布了", "认真地", "第二届", "以旧换新", "朝阳区", "北京市", "黄河",
    "长江三角洲", "雄安新区", "香港特别行政区", "徐斌", "欧阳修", "王小明", "软联通", "可持续发展",
    "中华人民共和国", "西安交通大学", "玻璃", "东西", "金砖国家", "强制性国家标准", "消费者们",
    "计量技术规范", "质量认证中心", "市场监管", "检验检测机构资质认定", "绿色产品认证",
]


def _slow_spellings(run: str, every: bool) -> list[str]:
    words = pinyin._han_words(run, default_segmenter())
    pinyin._capitalise(words, every=every)
    return [word.spelled() for word in pinyin._joined(words)]


@pytest.mark.parametrize("every", [False, True])
def test_shared_spellings_equal_the_word_by_word_path(every: bool) -> None:
    cutter = default_segmenter()
    rng = random.Random(7)
    texts = TEXTS + ["".join(rng.sample(TEXTS, 2)) for _ in range(200)]
    taken = 0
    for text in texts:
        readings, tokens, whole = pinyin._han_tokens(text, cutter)
        fast = pinyin._shared_spellings(readings, tokens, whole, every)
        if fast is not None:
            taken += 1
            assert fast == _slow_spellings(text, every), text
        assert pinyin._han_spellings(text, cutter, every) == _slow_spellings(text, every), text
    assert taken  # the shortcut is taken at all (else this test tests nothing)


def test_phrase_split_is_pypinyins_split() -> None:
    from pypinyin.constants import PHRASES_DICT

    tables = pinyin._phrase_tables()
    assert tables is not None
    rng = random.Random(3)
    phrases = sorted(w for w in PHRASES_DICT if len(w) > 1)
    runs = TEXTS + [
        "".join(rng.choice(phrases)[rng.randint(0, 1):] for _ in range(rng.randint(1, 4))) for _ in range(3000)
    ]
    engine = pinyin._engine()
    for run in runs:
        assert pinyin._pypinyin_split(run) == engine.seg(run), run
        want = [r for word in engine.seg(run) for r in pinyin._segment_readings(word)]
        assert list(pinyin._run_readings(run)) == want, run


def test_a_jieba_block_is_cut_as_before() -> None:
    cutter = default_segmenter()
    for text in TEXTS:
        # the same run with a space around it goes the general way (block search, spaces as tokens)
        assert cutter.cut(f" {text} ", hmm=True) == [" ", *cutter.cut(text, hmm=True), " "]


def test_pure_han_text_takes_the_short_way_to_the_same_pinyin() -> None:
    cutter = default_segmenter()
    for text in TEXTS:
        assert pinyin._tone_pinyin(text, cutter) == pinyin._tone_pinyin(f"{text}。", cutter)[:-1]


# --- the shortcuts of issue 15's import (term_reading per term), each against the longer way kept beside it ---

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

#: Words of jieba's dictionary and characters that make the rules fire: suffixes, particles,
#: numerals, 以…为, surnames, generics, one-character adjectives, repeated characters (ties in jieba's DP).
_PIECES = [
    *TEXTS, "角膜", "独裁", "冲锋枪", "大华", "通敌", "谢谢", "谢", "哈哈哈", "研究", "研究生", "生命", "命运",
    "化", "性", "者", "们", "度", "了", "着", "过", "地", "的", "第", "一", "二", "十", "届", "以", "为", "因",
    "大", "小", "新", "高", "长", "王", "李", "欧阳", "区", "市", "县", "河", "国家", "委员会", "中心", "和",
    "买", "东西", "可", "持续", "碳中", "湾", "不", "确定", "强", "软", "联通", "〇", "㐀",
    # prefixes of pypinyin phrases that hold none, with a phrase inside (尽说漂亮: every character alone)
    "尽说漂亮", "不知人间", "指空话", "尽说",
]
_runs = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map("".join)
_quick = settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)


@_quick
@given(_runs)
def test_the_plain_dp_is_the_lexicon_dp(run: str) -> None:
    """Segmenter._plain_ends (no added word) routes every run as the general walk does."""
    cutter = default_segmenter()
    cutter.prepare()
    lex = cutter._lexicon()
    assert cutter._plain
    assert cutter._plain_ends(run, lex) == cutter._lexicon_ends(run, lex)


@_quick
@given(_runs)
def test_one_walk_reads_as_pypinyins_split(run: str) -> None:
    """_readings_of (one walk over _phrase_steps) gives the readings of pypinyin's own split, segment by segment."""
    engine = pinyin._engine()
    want = [reading for word in engine.seg(run) for reading in pinyin._segment_readings(word)]
    if len(want) != len(run):
        want = [(pinyin._char_readings(ch) or (ch,))[0] for ch in run]
    assert pinyin._readings_of(run) == want
    assert list(pinyin._run_readings(run)) == want


def _merge_reference(tokens: list[str]) -> list[str]:
    """_merge as it was before its length test: every neighbour tried."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + 3), i + 1, -1):
            joined = "".join(tokens[i:j])
            if (
                len(joined) <= 3
                and all(pinyin.is_han(t) for t in tokens[i:j])
                and pinyin.cedict.has(joined)
                and not (pinyin._tag(tokens[i]) == "v" and (pinyin._tag(tokens[i + 1]) or "").startswith("n"))
            ):
                out.append(joined)
                i = j
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


@_quick
@given(st.lists(st.sampled_from(_PIECES + ["中", "和", "持", "续", "湾区", "大湾"]), min_size=1, max_size=7))
def test_merge_joins_as_when_every_neighbour_was_tried(tokens: list[str]) -> None:
    assert pinyin._merge(tokens, default_segmenter()) == _merge_reference(tokens)


def test_a_tokens_opening_flags_say_what_attach_rule_says() -> None:
    """_opens and _modifies, remembered per token, never hide a rule of _attach that applies (every pair of words)."""
    import itertools

    texts = ["大", "新", "化", "性", "了", "着", "地", "的", "第", "研究", "东西", "标准化", "a", "徐斌", "联通", "二届", "ab"]
    words = [
        pinyin._Word(text, [reading], proper=proper, name=name, tag=tag, hyphen=hyphen)
        for text, reading, tag, proper, name, hyphen in itertools.product(
            texts, ["le", "dà"], [None, "a", "n", "v"], [False, True], [False, True], [False, True]
        )
    ]
    rules = 0
    for prev, word in itertools.product(words, words):
        rule = pinyin._attach_rule(prev, word)
        rules += rule is not None
        opens = pinyin._opens(word)
        if opens == pinyin._OPENS_NEVER:
            assert rule is None, (prev, word)
        elif opens == pinyin._OPENS_TO_MODIFIER:
            assert (rule is not None) == pinyin._modifies(prev), (prev, word)
    assert rules  # some pairs do join


@_quick
@given(_runs, st.booleans())
def test_a_runs_spellings_are_the_word_by_word_spellings(run: str, every: bool) -> None:
    """_han_spellings (tokens' remembered spellings when no rule reaches across them) = the word-by-word path."""
    run = "".join(ch for ch in run if pinyin.is_han(ch))
    assert pinyin._han_spellings(run, default_segmenter(), every) == _slow_spellings(run, every)


@_quick
@given(_runs)
def test_the_merged_walk_cuts_and_splits_as_the_two_walks(run: str) -> None:
    """Segmenter.merged_cut on the merged table: jieba's cut(hmm=True) and, at every offset, pypinyin's next segment."""
    from glossary.chinese.segment import JIEBA_BLOCK

    pinyin.prepare()
    cutter = default_segmenter()
    table = pinyin._walk_table()
    assert table is not None
    _pattern, phrases, prefixes = pinyin._phrase_tables()
    for block in JIEBA_BLOCK.findall(run):
        tokens, ends = cutter.merged_cut(block, table)
        assert tokens == cutter.cut(block, hmm=True), block
        assert ends == [pinyin._first_phrase(block, i, phrases, prefixes) for i in range(len(block))], block
        assert pinyin._walked(block) == (pinyin._readings_of(block), tokens), block
    if not JIEBA_BLOCK.fullmatch(run):
        assert pinyin._walked(run) is None  # not one of jieba's blocks: the two walks, as before


def test_the_walk_table_waits_for_jiebas_dictionary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the dictionary in memory no merged table is made (one term's pinyin reads only the words it needs)."""
    from glossary.chinese.segment import Segmenter

    fresh = Segmenter()
    fresh.words = frozenset()
    monkeypatch.setattr(pinyin, "_WALK", None)
    monkeypatch.setattr(pinyin, "default_segmenter", lambda: fresh)
    assert pinyin._walk_table() is None and pinyin._walked("标准化") is None
    fresh.load_dictionary()
    assert pinyin._walk_table() is not None and pinyin._walked("标准化") is not None
