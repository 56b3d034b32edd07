"""Simplified/Traditional conversion through OpenCC."""

from __future__ import annotations

from glossary.chinese.convert import differs_from_simplified, fold, regional, to_traditional


def test_fold_keeps_offsets_and_folds_variants():
    assert fold("世界標準日") == "世界标准日"
    for traditional, simplified in [("臺灣", "台湾"), ("裡面", "里面"), ("配額", "配额")]:
        assert fold(traditional) == simplified
    text = "在臺北舉辦的World Standards Day"
    assert len(fold(text)) == len(text)
    assert fold("plain ASCII") == "plain ASCII"


def test_regional_vocabulary_is_phrase_level():
    assert regional("软件", "zh-Hans", "zh-TW") == "軟體"
    assert regional("軟體", "zh-TW", "zh-Hans") == "软件"
    assert to_traditional("标准化") == "標準化"
    assert differs_from_simplified("標準") and not differs_from_simplified("标准")


def test_many_at_once_is_each_alone():
    """The stored index's writer converts all terms in one call per table: the same as one by one."""
    from glossary.chinese.convert import (
        match_fold,
        match_fold_many,
        regional_forms,
        regional_forms_many,
    )

    texts = ["软件", "数据库", "信息技术", "臺北", "著名", "乾燥", "打印机驱动", "", "ISO", "软件\n数据",
             "世界標準日", "鼠标", "网络", "内存", "台北的软件公司", "头发", "后来", "干燥"]
    assert match_fold_many(texts) == [match_fold(t) for t in texts]
    assert regional_forms_many(texts) == [tuple(regional_forms(t, "zh-Hans")) for t in texts]
    assert any(regional_forms_many(texts))  # 软件: Taiwan 軟體
