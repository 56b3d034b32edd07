"""Writing systems: which characters are Han, and which side of a pair is Chinese.

The project pairs English with Chinese, so the question most code asks of
text is "is this written in Han characters?".  Every module asks it here,
with one definition of a Han character: the CJK Unified Ideographs with all
their extensions (A to H), the compatibility ideographs and 〇 (U+3007, the
ideographic zero of 二〇二四年).  CJK punctuation is not Han: both sides of
a draft may use full-width marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: A regular-expression class body of the Han characters (without brackets),
#: for patterns that combine it with other characters.
HAN_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\U00030000-\U000323af"

#: One Han character, and a run of them.
HAN = re.compile(f"[{HAN_CLASS}]")
HAN_RUN = re.compile(f"[{HAN_CLASS}]+")
#: Han runs and the stretches between them, alternating (split without losing text).
HAN_OR_OTHER_RUN = re.compile(f"[{HAN_CLASS}]+|[^{HAN_CLASS}]+")

_LETTER = re.compile(r"[^\W\d_]")

#: Han share of the letters at or above which a side is called Chinese.
#: One Han character carries about as much as a short English word, so
#: Chinese text that quotes Latin names ("[字节] 总共 alloc-free %lu") still
#: has a Han share well above a quarter, while English that quotes a Chinese
#: term or two stays far below it.
HAN_SHARE = 0.25

#: Characters looked at: enough to decide, bounded so a 100 MB memory costs
#: no more than a small file.
SAMPLE_CHARS = 200_000


def is_han(text: str) -> bool:
    """True when ``text`` (a character or a string) holds at least one Han character."""
    if text.isascii():
        return False
    return HAN.search(text) is not None


def is_all_han(text: str) -> bool:
    """True when ``text`` is one or more Han characters and nothing else."""
    return bool(text) and HAN_RUN.fullmatch(text) is not None


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
    return HAN.subn("", joined)[1], _LETTER.subn("", joined)[1]


def looks_chinese(texts: Iterable[str]) -> bool:
    """True when Han characters dominate ``texts`` (see :data:`HAN_SHARE`).

    Text with no letters at all (numbers, punctuation, nothing) is not
    Chinese: it is the side that needs no segmentation.
    """
    han, letters = han_share(texts)
    return bool(letters) and han / letters >= HAN_SHARE
