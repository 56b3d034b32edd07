"""Phrase pairs consistent with a word alignment, and the counts that rank them.

A phrase pair (English words i..j, Chinese words k..l) is *consistent*
when no word inside it is linked outside it and it holds at least one link
(Och and Ney's criterion, as phrase-based MT extracts them).  Unlinked
words are not added at the edges: a term pair is tight.  English phrases
are up to :data:`MAX_EN` words and never start or end with a function word
(``failed to``, ``of the``) or a lone letter (the *e g* of *e.g.*),
Chinese ones up to :data:`MAX_ZH` words; neither reaches across punctuation
or a placeholder (the tokens' ``breaks``).

Counts are by segment, not by occurrence, because "how many messages use
this rendering" is what a terminologist weighs: a message repeating a
word is one piece of evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from glossary.align_dict import STOPWORDS
from glossary.text.script import is_han

MAX_EN = 4
MAX_ZH = 5

#: English words that never start or end a term, beyond the dictionary's function words.
EDGE_WORDS = STOPWORDS | frozenset(
    "is are was were be been being this that these those it its you your we our they their "
    "not no can cannot could would should will may might must do does did done has have had "
    "if then else when where which who whom whose what how why all any each every some "
    "more most less such there here also only just very please unable failed fail successfully "
    "i me my he she him his her them us yes ok".split()
)

#: Chinese function words that never start or end a term.
ZH_EDGE = frozenset(
    "的 了 在 是 和 与 或 及 被 把 从 向 将 已 并 而 也 都 就 这 那 该 此 其 "
    "一个 请 您 你 我们 无法 不能 没有 失败 成功 已经 正在 可以 需要".split()
)
#: Words that may end a term (密钥对, 云中) but never start one.
ZH_NO_START = frozenset("对 个 中 上 下 时 后 前 所 为 以".split())


@dataclass
class PairStats:
    """What the memory says about English phrases, Chinese phrases and their pairings."""

    segments: int = 0
    #: English phrase -> segments it occurs in; Chinese phrase -> segments whose target has it.
    en_segments: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    zh_segments: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    #: (English, Chinese) -> segments where the alignment pairs them.
    pair_segments: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))
    #: English and Chinese phrase -> their surface forms (for showing the most common spelling).
    surface: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    zh_surface: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))


def _edge(word: str) -> bool:
    """A word no term starts or ends with: a function word, a number, a lone letter (*e g*)."""
    return word in EDGE_WORDS or word.isdigit() or len(word) == 1


def _limits(n: int, breaks: frozenset[int] | set[int]) -> list[int]:
    """For each start, the end no phrase from it may pass (the next break, or the end)."""
    out = [n] * n
    limit = n
    for i in range(n - 1, -1, -1):
        out[i] = limit
        if i in breaks:
            limit = i
    return out


def english_phrases(keys: Sequence[str], breaks: frozenset[int] | set[int] = frozenset()) -> list[tuple[int, int]]:
    """Spans of ``keys`` that may be terms; none reaches across one of ``breaks`` (punctuation)."""
    spans = []
    n = len(keys)
    limits = _limits(n, breaks) if breaks else [n] * n
    for i in range(n):
        if _edge(keys[i]):
            continue
        for j in range(i + 1, min(limits[i], i + MAX_EN) + 1):
            if _edge(keys[j - 1]):
                continue
            spans.append((i, j))
    return spans


def _zh_ok(words: Sequence[str]) -> bool:
    if words[0] in ZH_EDGE or words[-1] in ZH_EDGE or words[0] in ZH_NO_START:
        return False
    return any(is_han(w) or w.isalpha() for w in words)


def chinese_phrases(words: Sequence[str], breaks: frozenset[int] | set[int] = frozenset()) -> list[tuple[int, int]]:
    spans = []
    n = len(words)
    limits = _limits(n, breaks) if breaks else [n] * n
    for i in range(n):
        for j in range(i + 1, min(limits[i], i + MAX_ZH) + 1):
            if _zh_ok(words[i:j]):
                spans.append((i, j))
    return spans


def consistent_pairs(
    en: Sequence[str],
    zh: Sequence[str],
    links: set[tuple[int, int]],
    en_breaks: frozenset[int] | set[int] = frozenset(),
    zh_breaks: frozenset[int] | set[int] = frozenset(),
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Consistent, tight phrase pairs over the allowed English and Chinese spans."""
    if not links:
        return []
    by_en: dict[int, list[int]] = defaultdict(list)
    by_zh: dict[int, list[int]] = defaultdict(list)
    for i, j in links:
        by_en[i].append(j)
        by_zh[j].append(i)
    zh_limits = _limits(len(zh), zh_breaks) if zh_breaks else None
    out = []
    for i, j in english_phrases(en, en_breaks):
        targets = [t for e in range(i, j) for t in by_en.get(e, ())]
        if not targets:
            continue
        lo, hi = min(targets), max(targets) + 1
        if hi - lo > MAX_ZH or (zh_limits is not None and hi > zh_limits[lo]):
            continue
        if any(not (i <= s < j) for t in range(lo, hi) for s in by_zh.get(t, ())):
            continue
        # Every English word at the edges is linked (tight).
        if i not in by_en or (j - 1) not in by_en:
            continue
        if _zh_ok(zh[lo:hi]):
            out.append(((i, j), (lo, hi)))
    return out


def collect(
    en_sents: Sequence[Sequence[str]],
    en_surface: Sequence[Sequence[str]],
    zh_sents: Sequence[Sequence[str]],
    zh_surface: Sequence[Sequence[str]],
    links: Sequence[set[tuple[int, int]]],
    en_breaks: Sequence[frozenset[int]] | None = None,
    zh_breaks: Sequence[frozenset[int]] | None = None,
) -> PairStats:
    """Count the memory's phrases and aligned phrase pairs; ``*_breaks``: where phrases stop."""
    stats = PairStats(segments=len(en_sents))
    none: list[frozenset[int]] = [frozenset()] * len(en_sents)
    rows = zip(
        en_sents, en_surface, zh_sents, zh_surface, links, en_breaks or none, zh_breaks or none, strict=True
    )
    for n, (en, surf, zh, zsurf, link, eb, zb) in enumerate(rows):
        for i, j in english_phrases(en, eb):
            phrase = " ".join(en[i:j])
            stats.en_segments[phrase].add(n)
            stats.surface[phrase][" ".join(surf[i:j])] += 1
        for i, j in chinese_phrases(zh, zb):
            stats.zh_segments[zh_join(zh[i:j])].add(n)
        for (i, j), (k, m) in consistent_pairs(en, zh, link, eb, zb):
            key = zh_join(zh[k:m])
            stats.pair_segments[(" ".join(en[i:j]), key)].add(n)
            stats.zh_surface[key][zh_join(zsurf[k:m])] += 1
    return stats


def zh_join(words: Sequence[str]) -> str:
    """Chinese words join without spaces; Latin words inside keep one."""
    out = ""
    for word in words:
        if out and out[-1].isascii() and out[-1].isalnum() and word[:1].isascii() and word[:1].isalnum():
            out += " "
        out += word
    return out
