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
