"""Simplified and Traditional Chinese: one converter, loaded only when a text needs it.

The conversion is OpenCC's (the ``opencc`` package, Apache-2.0: the
project's own C++ library and its dictionaries, the tables every major
Chinese input method and e-book tool uses).  It was chosen over the pure
Python re-implementations for correctness (the same dictionaries, kept
current upstream, with the Taiwan and Hong Kong phrase tables) and over
the Rust port for its maturity; importing it costs 5 ms and a converter
about 60 ms, paid only by a command whose text holds Traditional
characters.

Two kinds of conversion serve two purposes:

* :func:`fold` maps Traditional and variant characters to Simplified one
  character for one character (臺/台, 裡/里, 著/着 fold alike), so a match
  found in the folded text has the same offsets in the original.  Term
  matching compares folded keys, so 世界標準日 finds 世界标准日.
* :func:`regional` converts whole phrases with the regional vocabularies
  (``s2twp``: 软件 → 軟體, 数据 → 資料; ``tw2sp`` and ``hk2s`` the other
  way), which is not a character mapping: a mainland term and its Taiwan
  usage are different words, reported as such, never silently equated.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

#: OpenCC configurations by purpose.  ``t2s`` folds characters; the others are phrase-level.
FOLD_CONFIG = "t2s"
REGIONAL_CONFIGS = {
    ("zh-Hans", "zh-TW"): "s2twp",
    ("zh-Hans", "zh-HK"): "s2hk",
    ("zh-Hans", "zh-Hant"): "s2t",
    ("zh-TW", "zh-Hans"): "tw2sp",
    ("zh-HK", "zh-Hans"): "hk2s",
    ("zh-Hant", "zh-Hans"): "t2s",
}


@lru_cache(maxsize=8)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def _is_ascii(text: str) -> bool:
    return text.isascii()


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    out = _converter(FOLD_CONFIG).convert(ch)
    return out if len(out) == 1 else ch


def fold(text: str) -> str:
    """``text`` with every Traditional or variant character folded to Simplified, offsets kept.

    Pure ASCII text is returned as it is without loading the converter.
    """
    if _is_ascii(text):
        return text
    converted = _converter(FOLD_CONFIG).convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_fold_char(ch) for ch in text)


def to_traditional(text: str, region: str = "zh-Hant") -> str:
    """``text`` in Traditional characters (``zh-TW``/``zh-HK``: with that region's character forms)."""
    config = {"zh-TW": "s2tw", "zh-HK": "s2hk"}.get(region, "s2t")
    return _converter(config).convert(text)


def regional(text: str, source: str, target: str) -> str:
    """``text`` converted phrase by phrase from one regional standard to another (软件 → 軟體)."""
    config = REGIONAL_CONFIGS.get((source, target))
    if config is None:
        raise ValueError(f"no conversion from {source} to {target}")
    return _converter(config).convert(text)


def differs_from_simplified(text: str) -> bool:
    """True when ``text`` holds a character that folding changes (a Traditional or variant form)."""
    return not _is_ascii(text) and fold(text) != text
