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
