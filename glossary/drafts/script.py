"""Guess a side's language from its writing system when nobody said it.

A draft in TSV or aligned text carries no language tags, and the ``check``
command gets two bare strings.  The project pairs English with Chinese, so
the only question worth answering is "is this side written in Han
characters?"; counting scripts answers it without a language model and
without being fooled by the Latin words (product names, units, code) that
Chinese technical text is full of.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from glossary.lang import EN, ZH

#: Han share of the letters at or above which a side is called Chinese.
#: One Han character carries about as much as a short English word, so
#: Chinese text that quotes Latin names ("[字节] 总共 alloc-free %lu") still
#: has a Han share well above a quarter, while English that quotes a Chinese
#: term or two stays far below it.
HAN_SHARE = 0.25

#: Chinese characters: the CJK Unified Ideographs and their extensions, not
#: CJK punctuation (both sides of a draft may use full-width marks).
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U000323af]")
_LETTER = re.compile(r"[^\W\d_]")

#: Characters looked at: enough to decide, bounded so a 100 MB memory costs
#: no more than a small file.
SAMPLE_CHARS = 200_000


def han_share(texts: Iterable[str]) -> tuple[int, int]:
    """Return (Han characters, all letters) over the first ``SAMPLE_CHARS`` of ``texts``."""
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= SAMPLE_CHARS:
            break
    joined = "\n".join(sample)
    return _HAN.subn("", joined)[1], _LETTER.subn("", joined)[1]


def detect_script_language(texts: Iterable[str]) -> str:
    """Return ``'zh-Hans'`` when Han characters dominate ``texts``, else ``'en'``.

    Simplified and Traditional share most characters, so this never answers
    ``zh-Hant``: a Traditional draft needs ``--target-lang zh-Hant``.  Text
    with no letters at all (numbers, punctuation, nothing) is called English,
    the side that needs no segmentation.
    """
    han, letters = han_share(texts)
    if letters and han / letters >= HAN_SHARE:
        return ZH
    return EN
