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


def test_tables_kept_in_the_cache_folder_are_made_once_and_read_back(tmp_path, monkeypatch):
    from glossary.chinese.segment import cached_tables

    monkeypatch.setenv("GLOSSARY_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "source.txt"
    source.write_text("one")
    made = []

    def make():
        made.append(1)
        return {"一": (-12.25, None), "一二": (1.0, True)}, 7, {"x": None}

    first = cached_tables("t", [str(source)], make)
    assert cached_tables("t", [str(source)], make) == first and len(made) == 1  # read back, not made
    (copy,) = (tmp_path / "cache").glob("t-*.marshal")
    copy.write_bytes(b"\x00broken")
    assert cached_tables("t", [str(source)], make) == first and len(made) == 2  # a bad copy: made again
    source.write_text("changed")
    assert cached_tables("t", [str(source)], make) == first and len(made) == 3  # a changed source: a new copy
    monkeypatch.setenv("GLOSSARY_CACHE", str(source))  # a file, not a folder: nothing can be written
    assert cached_tables("t", [str(source)], make) == first and len(made) == 4


def test_the_copies_of_jiebas_and_cedicts_tables_are_the_tables():
    from glossary.chinese import cedict
    from glossary.chinese.segment import _jieba_tables, _made_jieba_tables

    freq, total, tags = _made_jieba_tables()
    kept = _jieba_tables()
    assert kept[1] == total and kept[0] == freq and kept[2] == tags
    assert cedict._entries() == cedict._read_entries()
