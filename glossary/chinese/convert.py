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

import re
from functools import lru_cache
from typing import Any

from glossary.chinese.foldable import FOLDABLE
from glossary.lang import ZH_HANT, is_traditional, region_of

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


#: Variants both scripts write, folded alike on top of OpenCC's table for matching only:
#: 著 (Traditional and Simplified 著名) and 着 (看着/看著).  臺/台 and 裡/裏/里 fold in ``t2s`` itself.
_SHARED_VARIANTS = str.maketrans({"著": "着"})
#: Whether a text holds a key of :data:`_SHARED_VARIANTS` (most do not: the search saves the translation).
_HAS_SHARED_VARIANT = re.compile("[" + "".join(map(chr, _SHARED_VARIANTS)) + "]")


def may_fold(text: str) -> bool:
    """True when :func:`fold` may change ``text`` (a set lookup: the converter stays unloaded).

    著 is not among them: Simplified writes it too (显著), so a Simplified
    text holding it need not load the converter; :func:`match_fold` still
    folds it wherever it folds.
    """
    return not text.isascii() and not FOLDABLE.isdisjoint(text)


def match_fold(text: str) -> str:
    """The matching key of ``text``: :func:`fold`, then the variants both scripts use; offsets kept.

    Applied to the term base's keys and to the text alike, so 臺北/台北,
    裡/裏/里 and 著/着 meet; never shown to anyone.
    """
    if not may_fold(text):
        return text.translate(_SHARED_VARIANTS) if _HAS_SHARED_VARIANT.search(text) else text
    return fold(text).translate(_SHARED_VARIANTS)


def _region(tag: str) -> str:
    """The converter's name of a tag: ``zh-Hant-TW`` (canonical) and ``zh-TW`` are ``zh-TW``."""
    return region_of(tag) or tag


def to_traditional(text: str, region: str = "zh-Hant") -> str:
    """``text`` in Traditional characters (``zh-TW``/``zh-HK``: with that region's character forms)."""
    config = {"zh-TW": "s2tw", "zh-HK": "s2hk"}.get(_region(region), "s2t")
    return _converter(config).convert(text)


def regional(text: str, source: str, target: str) -> str:
    """``text`` converted phrase by phrase from one regional standard to another (软件 → 軟體).

    Tags may be canonical (``zh-Hant-TW``) or the converter's (``zh-TW``).
    """
    config = REGIONAL_CONFIGS.get((_region(source), _region(target)))
    if config is None:
        raise ValueError(f"no conversion from {source} to {target}")
    return _converter(config).convert(text)


def differs_from_simplified(text: str) -> bool:
    """True when ``text`` holds a character that folding changes (a Traditional or variant form)."""
    return may_fold(text) and fold(text) != text


#: Which phrase tables give a region's usage of a mainland term, and back.
REGIONS = ("zh-TW", "zh-HK")


def regional_forms(text: str, lang: str, target: str | None = None) -> list[tuple[str, str]]:
    """The other regions' usage of the term ``text`` (in ``lang``): see :func:`_regional_forms`.

    ``target`` is the draft's language: a ``zh-Hant-TW`` draft is compared with
    Taiwan usage only, a ``zh-Hant-HK`` one with Hong Kong usage only (软件 is
    軟體 in Taiwan, 軟件 in Hong Kong); plain ``zh-Hant`` or none, with both.
    """
    return list(_regional_forms(text, lang, region_of(target or "") or ""))


def _regions(region: str) -> tuple[str, ...]:
    return (region,) if region else REGIONS


@lru_cache(maxsize=65536)
def _regional_forms(text: str, lang: str, region: str = "") -> tuple[tuple[str, str], ...]:
    """The other regions' usage of the term ``text`` (in ``lang``), where it is another word.

    For a Simplified (mainland) term: ``[(region, usage)]`` for Taiwan and Hong
    Kong (or the one ``region``) whose phrase tables give a word other than the
    term's plain Traditional spelling (软件: Taiwan 軟體; 数据: Taiwan 資料).  For a
    Traditional term: ``[("zh-Hans", usage)]`` when the mainland word differs
    from its plain Simplified spelling (軟體: 软件), read with the term's own
    region's table when it has one.  Empty when the regions write the same
    word in their own characters.
    """
    if not text or text.isascii():
        return ()
    found: list[tuple[str, str]] = []
    plain = match_fold(text)
    if is_traditional(lang):
        for source in _regions(region_of(lang) or (region if lang == ZH_HANT else "")):
            usage = regional(text, source, "zh-Hans")
            if match_fold(usage) != plain and all(u != usage for _r, u in found):
                found.append(("zh-Hans", usage))
        return tuple(found)
    for target in _regions(region):
        usage = regional(text, "zh-Hans", target)
        if match_fold(usage) != plain:
            found.append((target, usage))
    return tuple(found)


def regional_forms_many(texts: list[str]) -> list[tuple[tuple[str, str], ...]]:
    """``[regional_forms(text, "zh-Hans") for text in texts]``, one converter call per region.

    For writing a stored term index: a million Simplified terms are
    converted as one text per phrase table (about 1.6 us a term, against
    4 us one by one).  The terms are joined by line breaks, which no phrase
    of OpenCC's tables holds, so each term converts as it would alone; when
    a term holds one, or the lines do not come back as many as they went,
    each term is converted on its own.
    """
    usages: dict[str, list[str]] = {}
    for target in REGIONS:
        config = REGIONAL_CONFIGS[("zh-Hans", target)]
        converted: list[str] | None = None
        if not any("\n" in text for text in texts):
            converted = _converter(config).convert("\n".join(texts)).split("\n")
        if converted is None or len(converted) != len(texts):
            converted = [_converter(config).convert(text) for text in texts]
        usages[target] = converted
    plains = match_fold_many(texts)
    folded = {target: match_fold_many(usages[target]) for target in REGIONS}
    out: list[tuple[tuple[str, str], ...]] = []
    for i, text in enumerate(texts):
        if not text or text.isascii():
            out.append(())
            continue
        out.append(tuple(
            (target, usages[target][i]) for target in REGIONS if folded[target][i] != plains[i]
        ))
    return out


def match_fold_many(texts: list[str]) -> list[str]:
    """``[match_fold(text) for text in texts]``, with one converter call for all that need one.

    As :func:`regional_forms_many`: joined by line breaks, which no entry of
    the folding table holds; a text holding one, or whose folded form does
    not keep its length, is folded on its own.
    """
    out = [text.translate(_SHARED_VARIANTS) for text in texts]
    wanted = [i for i, text in enumerate(texts) if may_fold(text) and "\n" not in text]
    if wanted:
        converted = _converter(FOLD_CONFIG).convert("\n".join(texts[i] for i in wanted)).split("\n")
        if len(converted) != len(wanted):
            converted = [fold(texts[i]) for i in wanted]
        for i, folded in zip(wanted, converted, strict=True):
            if len(folded) != len(texts[i]):
                folded = fold(texts[i])
            out[i] = folded.translate(_SHARED_VARIANTS)
    for i, text in enumerate(texts):
        if "\n" in text:
            out[i] = match_fold(text)
    return out
