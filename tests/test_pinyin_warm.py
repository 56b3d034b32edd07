"""Tables loaded ahead for a bulk reader (an import's workers) answer as the lazy ones do."""

from __future__ import annotations

import os

from glossary.chinese import pinyin
from glossary.chinese.segment import Segmenter, _jieba_dir


def _dictionary_words(step: int) -> list[str]:
    """Every ``step``-th word of jieba's dictionary file, as printed there."""
    with open(os.path.join(_jieba_dir(), "dict.txt"), encoding="utf-8") as handle:
        return [line.split()[0] for k, line in enumerate(handle) if k % step == 0 and line.strip()]


def test_tags_in_memory_are_the_sqlite_copys():
    words = _dictionary_words(97) + ["不是词语的东西", "x", "", "标准", "王小明"]
    from_copy = Segmenter()
    in_memory = Segmenter()
    in_memory.load_tags()
    assert in_memory._tags is not None and from_copy._tags is None
    got = [in_memory.tag(w) for w in words]
    assert got == [from_copy.tag(w) for w in words]
    assert None in got and "n" in got  # words without a listed tag, and ones with
    assert got[-1] == "nr"


def test_prepare_changes_no_reading():
    texts = ["世界标准日", "国家市场监督管理总局", "以标准为引领", "朝阳区", "徐斌", "可持续发展目标", "黄河", "龘"]
    before = [pinyin.term_reading(t, kind) for t in texts for kind in ("term", "person", "place", "org")]
    pinyin._shared_token.cache_clear()
    pinyin._tag.cache_clear()
    pinyin.prepare()
    after = [pinyin.term_reading(t, kind) for t in texts for kind in ("term", "person", "place", "org")]
    assert after == before


def test_readings_looked_up_are_the_converters_for_every_phrase_and_character():
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    py = pinyin._pypinyin()
    convert = pinyin._engine()._converter.convert
    words = list(PHRASES_DICT) + [chr(code) for code in PINYIN_DICT] + ["a", "〇", "\U00030000"]
    checked = 0
    for word in words:
        fast = pinyin._looked_up_readings(word)
        if fast is None:
            continue
        slow = tuple(r for item in convert(word, py.Style.TONE, False, pinyin._keep_chars, strict=True) for r in item)
        assert fast == slow, word
        checked += 1
    assert checked > 0.99 * (len(PHRASES_DICT) + len(PINYIN_DICT))
