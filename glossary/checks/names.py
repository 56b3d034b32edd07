"""The ``name`` rule: a person's name must be romanized correctly, both ways.

Editors misspell names they do not know (``Jing Jili`` for 靳吉丽) and no
term base lists every person, so the rule reads the characters instead of
looking the name up: a Chinese name in the source must appear in the
English target as a pinyin spelling of its characters (GB/T 28039, with the
tolerances of :func:`glossary.chinese.pinyin.verify_name`), and a romanized name in
an English source must appear in the Chinese target as characters that read
that way. A term base rendering (``known_names``) wins over computed pinyin,
because a person may publish under a spelling pinyin would not give.

Finding names in running Chinese is the hard part, and a false alarm in a
lint costs more than a miss, so a candidate must pass several filters:

* an entry of ``known_names``, an explicit byline (``文/靳吉丽``,
  ``编译/曹欣欣 方洛凡``), an item of a ``、`` list, or a surname-led span in
  a name's usual context: after a title (``副局长刘军``) or before a speech
  or attendance verb (``张晓刚宣读``, ``刘烈宏出席``);
* 2-4 Han characters starting with a listed surname, no function word as a
  given-name character (斯以 in a transliteration), not part of a foreign
  name written with ``·``;
* word boundaries from :mod:`glossary.chinese.segment` (jieba's dictionary, without
  loading jieba) at both ends, so 高质 in 高质量 is no name, and not a
  common dictionary word (贺信, 高峰).

These are the names reported when missing.  The other language then guides
the rest: a romanized name in the English (``Jing Jili``) is looked for as a
surname-led span of the Chinese that reads it, or nearly does while keeping
its surname or its given name, which catches a misspelt name in a sentence
without such context.  jieba's part-of-speech tagger is not used: loading
it takes longer than the whole ``glossary check`` may.

A name that cannot be found in the target at all is only a warning (the
translation may say "the Minister"); a similar but wrong spelling is an error.
pypinyin is imported on first use, and only when a name must be read.

What counts as wrong, and what does not (issues 9, 12 and 14):

* the surname position has the surname reading only (曾 Zeng, never *Ceng*;
  尉迟 Yuchi), from :data:`glossary.chinese.names.SURNAME_POSITION_READINGS`;
* a name written in Traditional characters is folded to Simplified
  (:func:`glossary.chinese.convert.fold`, offsets kept) and read like one;
* a name in Wade-Giles, Tongyong Pinyin, a Hong Kong or Macao Cantonese or a
  Hokkien spelling is one error that names the system and the GB/T 28039 form,
  unless the source is Taiwan, Hong Kong or Macao usage (its tag, or
  Traditional characters under a bare ``zh``), the segment says the person is
  from there or overseas (香港, 台湾, 新加坡 ...), or the term base has that form;
* swapped or dropped given-name syllables (*Sun Minjian* for 孙建民, *Li Ming*
  for 李明华) are one error naming the person, not two warnings;
* a capitalised run with an institution word (*China Jiliang University*) is
  no person, and a span whose surname character starts a common word of
  jieba's dictionary (简单地说, 严格地, 陳述式) or whose "given name" is a
  common verb (冷迁移) is no name unless a title stands before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from glossary.checks.base import Expected, Finding, RunContext, SegmentContext
from glossary.chinese import pinyin
from glossary.chinese.convert import fold, may_fold
from glossary.chinese.names import (
    CANTONESE_SURNAMES,
    COMPOUND_SURNAMES,
    CREDIT_MARKERS,
    HOKKIEN_SURNAMES,
    RUNNING_TEXT_SURNAMES,
    alternation,
    surname_position_readings,
    tongyong,
    wade_giles,
)
from glossary.chinese.segment import default_segmenter
from glossary.i18n import N_, _
from glossary.registry import lazy_pattern
from glossary.text.english import ascii_words, letters, name_key

RULE_NAME = "name"

#: The surnames the rule looks for in running text: the table's common
#: surnames less those far more often function words (see
#: :data:`glossary.chinese.names.RUNNING_TEXT_SURNAMES`).
_SURNAME_CHARS = RUNNING_TEXT_SURNAMES
_COMPOUND_SURNAMES = frozenset(COMPOUND_SURNAMES)
#: Characters that end or glue a phrase; a "given name" made of them is a misparse.
_NOT_GIVEN = frozenset(
    "以在和的了是为為对對与與及等将將被把从從向于於也都就而并並或则則之其此该該个個上下中年月日人说說"
)

#: A "surname" right after these is a classifier (3张, 这项, 每位).
_COUNTING = frozenset(
    "0123456789０１２３４５６７８９一二两兩三四五六七八九十百千万萬几幾数數多每这這那各该該首"
)
_HAN_RE = lazy_pattern(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_BYLINE_RE = lazy_pattern(
    r"(?:^|(?<=[\s（(【\[|｜]))"
    rf"(?:{alternation(CREDIT_MARKERS)})"
    r"\s*[/／:：|｜]\s*(?P<names>[^\n。；;（(]*)"
)
_LIST_ITEM_RE = lazy_pattern(
    r"(?:(?<=、)|(?<![\u3400-\u9fff]))(?P<item>[\u3400-\u9fff]{2,3})(?=、)"
    r"|(?<=、)(?P<last>[\u3400-\u9fff]{2,3})(?=[\s，。,；;：:）)”\"]|$)"
)
_NOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰*^{}0123456789,"
_NAME_SPLIT_RE = lazy_pattern(r"[\s、，,和及与與]+")
_WHOLE_SPLIT_RE = lazy_pattern(r"[\s、，,]+")
#: Runs of capitalised words: the places a romanized name can be.
_CAP_RUN_RE = lazy_pattern(r"[A-ZÜ][A-Za-züÜ'’\-]*(?:[ \u00a0]+[A-ZÜ][A-Za-züÜ'’\-]*)+")
_CAP_WORD_RE = lazy_pattern(r"[A-ZÜ][A-Za-züÜ'’\-]*")
#: jieba's dictionary lists some names, and some words it tags ``nr`` (贺信 58,
#: 高峰 1556): a name in the dictionary must be rarer than this.
_MAX_DICT_FREQ = 10
#: ... except a three-character entry tagged as a person, up to this frequency.
_MAX_NAME_FREQ = 50
#: A word the surname starts (简单, 严格, 陈述) this frequent says the span is no name; a
#: title before the span (副局长朱红梅) is stronger evidence, so there the bar is higher.
_GLUED_FREQ = 100
_GLUED_FREQ_TITLED = 2000
#: Pinyin-shaped English words and conventional spellings that are not person names.
_NOT_NAMES = frozenset(
    ["hong kong", "tai chi", "kung fu", "feng shui", "yin yang", "ping pong", "dim sum", "wu shu"]
)


@dataclass(frozen=True, slots=True)
class ZhName:
    """A Chinese person name found in text; ``sure`` names are reported when missing."""

    text: str
    span: tuple[int, int]
    sure: bool
    known: str | None = None
    #: The name in Simplified characters (陳建國 -> 陈建国), read and verified in place of ``text``.
    key: str = ""

    @property
    def simplified(self) -> str:
        return self.key or self.text


@dataclass(frozen=True, slots=True)
class EnName:
    """A romanized Chinese name (or a term base rendering) found in English text."""

    text: str
    span: tuple[int, int]
    known_zh: str | None = None


# --------------------------------------------------------------------------
# Dependencies, behind functions a test can replace.


def _pinyin() -> Any:
    return pinyin


def _segmenter() -> Any:
    return default_segmenter()


def has_han(text: str) -> bool:
    return _HAN_RE.search(text) is not None


# --------------------------------------------------------------------------
# Chinese names.


def _surname_ok(word: str) -> bool:
    if not 2 <= len(word) <= 4 or not all(_HAN_RE.match(c) for c in word):
        return False
    if word[:2] in _COMPOUND_SURNAMES and len(word) >= 3:
        given = word[2:]
    elif word[0] in _SURNAME_CHARS and len(word) <= 3:
        given = word[1:]
    else:
        return False
    return not any(c in _NOT_GIVEN for c in given)


def _not_a_word(word: str) -> bool:
    """Not a dictionary word: rarer than :data:`_MAX_DICT_FREQ`, or a three-character entry
    jieba tags as a person and seldom meets (曾志远 26, not 黄金周 1407 or 严重性 158)."""
    seg = _segmenter()
    freq = seg.frequency(word)
    if freq <= _MAX_DICT_FREQ:
        return True
    return len(word) == 3 and freq <= _MAX_NAME_FREQ and seg.tag(word) == "nr"


def _verb_given(name: str) -> bool:
    """The "given name" is a common verb of jieba's dictionary (冷迁移: 冷 + 迁移, 高删除):
    software strings put an adjective or a noun before a verb far more often than a
    person has a verb for a name."""
    seg = _segmenter()
    given = name[2:] if name[:2] in _COMPOUND_SURNAMES and len(name) > 2 else name[1:]
    return len(given) >= 2 and seg.tag(given) in ("v", "vn", "vd") and seg.frequency(given) >= _GLUED_FREQ


def _glued(text: str, start: int, end: int, bounds: set[int], floor: int) -> bool:
    """Whether the segmenter reads the surname at ``start`` as the head of an ordinary word
    that ends inside the candidate (简单 in 简单地说, 严格 in 严格地, 陈述 in 陈述式), a word
    at least ``floor`` times in jieba's dictionary: word-boundary evidence against a name."""
    surname = 2 if text[start : start + 2] in _COMPOUND_SURNAMES and end - start > 2 else 1
    cut = min((b for b in bounds if b > start), default=end)
    return start + surname < cut < end and _segmenter().frequency(text[start:cut]) >= floor


def _listed_alone(name: str) -> bool:
    """A segment that is only this surname-led word is a name for sure when jieba's
    dictionary lists it as a person (陈建平), or does not list it and the surname stands
    alone in the segmentation (刘鹏宇: 刘/鹏/宇, not 成果展 or 黄金周)."""
    seg = _segmenter()
    if seg.frequency(name) > _MAX_DICT_FREQ or _verb_given(name):
        return False
    tag = seg.tag(name)
    if tag is not None:
        return tag == "nr"
    surname = len(name[:2]) if name[:2] in _COMPOUND_SURNAMES else 1
    return surname in seg.boundaries(name)


#: Titles a name follows (副局长刘军).
_TITLES = tuple(
    """局长 司长 处长 科长 主任 主席 秘书长 部长 省长 市长 区长 县长 巡视员 会长 理事长 社长 院长 所长
    校长 董事长 总经理 经理 总裁 总监 主编 总编辑 总编 书记 委员 院士 教授 研究员 博士 专家 记者 工程师
    大使 总干事 总理 首席执行官 负责人 组长 主管 讲师 干事 专员 参赞 行长 厂长 代表 秘书 董事 监事
    总工程师 总师 副总 主持人 发言人 创始人 学者 作者 译者 队长 站长 台长 馆长 官员 署长 处长 厅长""".split()
)
#: What a name is followed by (刘烈宏出席, 靳吉丽报道).
_FOLLOWS = tuple(
    """表示 指出 强调 介绍 认为 出席 主持 致辞 致词 宣读 宣布 会见 会晤 作了 发表 回答 提出 参加 参观 调研
    讲话 报道 院士 教授 先生 女士 同志 博士 一行 透露 坦言 谈到 告诉 解释 补充 建议 希望 寄语 说 称 等人
    分享 发言 指导 致信 签署 颁发 荣获 担任 当选 发布 获得 参与 牵头 率团 率队 带领 带队 接受 出任 起草
    解读 通报 考察 会见了 访问 提到 总结 领衔 负责 主导 陪同 听取 部署 要求""".split()
)
#: Characters after which a name may start without a title (会议由钱钧主持).
_NAME_OPENERS = frozenset("由和与及同跟对向据请为、，,：:（(")
#: Characters that may follow a titled name (副局长刘军在致辞中).
_NAME_CLOSERS = frozenset("在和与及等的")
#: A surname's start: a compound surname, else a one-character one.  The lookahead (every
#: first character) changes no match; it lets the scan leave a position that starts none
#: in one test instead of trying each compound there (eight times faster on Chinese prose).
_SURNAME_START = lazy_pattern(
    "(?=[" + "".join(sorted(_SURNAME_CHARS | {s[0] for s in _COMPOUND_SURNAMES})) + "])"
    "(?:(?:" + "|".join(sorted(_COMPOUND_SURNAMES, key=len, reverse=True)) + ")|["
    + "".join(sorted(_SURNAME_CHARS)) + "])"
)


def _name_sizes(text: str, start: int) -> range:
    """Lengths a name starting at ``start`` may have, longest first."""
    return range(4, 2, -1) if text[start : start + 2] in _COMPOUND_SURNAMES else range(3, 1, -1)


def _context_names(text: str, bounds: Callable[[], set[int]]) -> list[tuple[str, int]]:
    """Surname-led spans in a name's usual context, checked against word boundaries.

    ``bounds`` gives the segmenter's token boundaries of ``text``; it is
    called only when a candidate passes the cheap tests.
    """
    found: list[tuple[str, int]] = []
    taken_until = 0
    for match in _SURNAME_START.finditer(text):
        start = match.start()
        if start < taken_until:
            continue
        prev = text[start - 1] if start else ""
        if prev in ("·", "・") or (prev and prev in _COUNTING):
            continue
        titled = text.endswith(_TITLES, 0, start)
        opened = not prev or not _HAN_RE.match(prev) or prev in _NAME_OPENERS
        if not titled and not opened:
            continue
        for size in _name_sizes(text, start):
            end = start + size
            if end > len(text):
                continue
            name = text[start:end]
            if not _surname_ok(name):
                continue
            nxt = text[end : end + 1]
            if nxt in ("·", "・"):
                break
            followed = text.startswith(_FOLLOWS, end)
            closed = not nxt or not _HAN_RE.match(nxt) or nxt in _NAME_CLOSERS
            if not (followed or (titled and closed)):
                continue
            b = bounds()
            if start not in b or end not in b or not _not_a_word(name):
                continue
            if _glued(text, start, end, b, _GLUED_FREQ_TITLED if titled else _GLUED_FREQ) or (
                not titled and _verb_given(name)
            ):
                break
            found.append((name, start))
            taken_until = end
            break
    return found


def _hinted_names(
    text: str,
    hints: Iterable[str],
    bounds: Callable[[], set[int]],
    system_hints: Iterable[str] = (),
) -> list[tuple[str, int]]:
    """Surname-led spans of ``text`` that read as one of ``hints`` (romanized names), or nearly,
    or that one of ``system_hints`` (capitalised runs that are no pinyin) writes in another
    romanization (Chen Hsueh-chun)."""
    starts = [m.start() for m in _SURNAME_START.finditer(text)]
    if not starts:
        return []
    found: list[tuple[str, int]] = []
    for hint in system_hints:
        spelt = next(
            (
                (text[start : start + size], start)
                for start in starts
                if not (start and text[start - 1] in _COUNTING)
                for size in _name_sizes(text, start)
                if len(text[start : start + size]) == size
                and _surname_ok(text[start : start + size])
                and _other_system(hint, text[start : start + size])
            ),
            None,
        )
        if spelt is not None:
            found.append(spelt)
    pinyin = _pinyin()
    for hint in hints:
        exact: tuple[str, int] | None = None
        near: tuple[str, int] | None = None
        for start in starts:
            if start and text[start - 1] in _COUNTING:
                continue
            for size in _name_sizes(text, start):
                name = text[start : start + size]
                if len(name) != size or not _surname_ok(name):
                    continue
                if pinyin.name_matches(hint, name):
                    if size == 2 and start + size not in bounds() and near is not None:
                        continue  # Gao Zhi reads 高志 inside 高志远, which it nearly reads
                    exact = (name, start)
                    break
                if near is None and (_similar(hint, name) or _garbled(hint, name)):
                    b = bounds()
                    if start in b and start + size in b and _not_a_word(name):
                        near = (name, start)
            if exact:
                break
        if exact is not None:
            found.append(exact)
        elif near is not None:
            found.append(near)
    return found


class _KnownIndex:
    """known_names by first character, and by their English rendering, built once per mapping."""

    def __init__(self, known: Mapping[str, str]) -> None:
        self.known = known
        self._folded: _KnownIndex | None = None
        self.by_first: dict[str, list[str]] = {}
        for zh in sorted(self.known, key=len, reverse=True):
            if zh:
                self.by_first.setdefault(zh[0], []).append(zh)
        self.by_english: dict[str, str] = {}
        for zh, en in known.items():
            if en:
                self.by_english.setdefault(name_key(en), zh)

        self.first = re.compile("[" + re.escape("".join(self.by_first)) + "]") if self.by_first else None

    def folded(self) -> _KnownIndex:
        """The index with every Traditional entry folded too (張孝光 as 张孝光), for a
        text that was folded; built on first use, so Simplified text never loads OpenCC."""
        if self._folded is None:
            extra = {fold(zh): en for zh, en in self.known.items() if may_fold(zh)}
            self._folded = _KnownIndex({**extra, **self.known}) if extra else self
        return self._folded

    def scan(self, text: str) -> list[tuple[str, int]]:
        found: list[tuple[str, int]] = []
        if self.first is None:
            return found
        i = 0
        while True:
            m = self.first.search(text, i)
            if m is None:
                break
            i = m.start()
            for zh in self.by_first[text[i]]:
                if text.startswith(zh, i):
                    found.append((zh, i))
                    i += len(zh) - 1
                    break
            i += 1
        return found


_known_cache: list[tuple[Mapping[str, str], int, _KnownIndex]] = []


def _known_index(known: Mapping[str, str] | None) -> _KnownIndex | None:
    if not known:
        return None
    for mapping, size, index in _known_cache:
        if mapping is known and size == len(known):
            return index
    index = _KnownIndex(known)
    _known_cache.insert(0, (known, len(known), index))
    del _known_cache[4:]
    return index


def find_chinese_names(
    text: str,
    known_names: Mapping[str, str] | None = None,
    *,
    whole: bool = True,
    hints: Iterable[str] = (),
    system_hints: Iterable[str] = (),
) -> list[ZhName]:
    """Person names in Chinese ``text``, in order, each once per occurrence.

    ``whole`` also offers a segment that is nothing but names (a list layout)
    as unsure candidates, to be confirmed by the other language; ``hints``
    (romanized names of the other language) offer the spans that read as
    them, or nearly, as unsure candidates too.
    """
    if not has_han(text):
        return []
    original = text
    text = fold(text) if may_fold(text) else text  # 陳建國 is found and read as 陈建国
    index = _known_index(known_names)
    if index and text is not original:
        index = index.folded()
    found: dict[int, ZhName] = {}
    boundaries: set[int] | None = None

    def bounds() -> set[int]:
        nonlocal boundaries
        if boundaries is None:
            boundaries = _segmenter().boundaries(text)
        return boundaries

    def add(name: str, start: int, sure: bool) -> None:
        if start > 0 and text[start - 1] in _COUNTING:
            return  # 3张新照片, 这张新表: a classifier, not the surname 张
        if any(
            s <= start < s + len(n.text) or start <= s < start + len(name) for s, n in found.items()
        ):
            return
        known = index.known.get(name) if index else None
        if known is None and index and original is not text:
            known = index.known.get(original[start : start + len(name)])
        found[start] = ZhName(
            original[start : start + len(name)], (start, start + len(name)), sure, known, name
        )

    if index:
        for name, start in index.scan(text):
            add(name, start, True)
    if "/" in text or "／" in text or ":" in text or "：" in text or "|" in text or "｜" in text:
        for match in _BYLINE_RE.finditer(text):
            start = match.start("names")
            for token in _NAME_SPLIT_RE.split(match.group("names")):
                token = token.rstrip(_NOTE_MARKS)  # 毕晓宇¹: an affiliation mark
                if not token or not has_han(token):
                    continue  # a Western name among the Chinese ones
                where = text.find(token, start)
                if not _surname_ok(token):
                    break
                add(token, where, True)
                start = where + len(token)
    if "、" in text:
        for match in _LIST_ITEM_RE.finditer(text):
            item = match.group("item") or match.group("last")
            if _surname_ok(item) and _not_a_word(item):
                add(item, match.start(match.lastgroup or "item"), True)
    for name, start in _context_names(text, bounds):
        add(name, start, True)
    if hints or system_hints:
        for name, start in _hinted_names(text, hints, bounds, system_hints):
            add(name, start, False)
    if whole:
        stripped = text.strip(" \t*#|")
        tokens = [t for t in _WHOLE_SPLIT_RE.split(stripped) if t]
        if tokens and all(_surname_ok(t) for t in tokens):
            start = 0
            for token in tokens:
                where = text.find(token, start)
                add(token, where, _listed_alone(token))
                start = where + len(token)
    return [found[k] for k in sorted(found)]


# --------------------------------------------------------------------------
# Romanized names in English.


def _acronym_after_surname(window: str) -> bool:
    """``Haiku GUI``: capitals mark a surname (``ZHANG Xiaogang``), never a given name.

    A word in capitals after the first is an acronym in running text, so
    the pair is not a name; names the term base knows are matched before this.
    """
    words = window.split()
    return any(len(w) > 1 and w.isupper() for w in words[1:])


def _institution(words: list[tuple[str, int, int]], i: int, size: int) -> bool:
    """The window is part of an institution's name: an institution word follows it in the
    run (China Jiliang University, China Huadian Corporation) or is in it."""
    return any(
        w.lower().strip(".,") in _ORG_WORDS for w, _s, _e in words[i : i + size + 1]
    ) or (i + size < len(words) and words[i + size][0].lower().strip(".,") in _ORG_WORDS)


_OTHER_SURNAMES = frozenset(
    s for table in (CANTONESE_SURNAMES, HOKKIEN_SURNAMES) for spellings in table.values() for s in spellings
)


def _foreign_surname(word: str) -> bool:
    """A Cantonese or Hokkien surname spelling that is no pinyin (Leong, Cheung, Tan is pinyin)."""
    w = word.lower()
    return w in _OTHER_SURNAMES and _pinyin().split_syllables(w) is None


def find_romanized_names(text: str, known_names: Mapping[str, str] | None = None) -> list[EnName]:
    """Romanized Chinese person names (``Jin Jili``) and term base renderings in English ``text``."""
    if not _CAP_RUN_RE.search(text):
        return []
    pinyin = _pinyin()
    index = _known_index(known_names)
    found: list[EnName] = []
    for run in _CAP_RUN_RE.finditer(text):
        words = [
            (m.group(), run.start() + m.start(), run.start() + m.end())
            for m in _CAP_WORD_RE.finditer(run.group())
        ]
        i = 0
        while i < len(words) - 1:
            taken = False
            for size in (3, 2):
                if i + size > len(words):
                    continue
                if _institution(words, i, size) or (i and _foreign_surname(words[i - 1][0])):
                    continue  # China Jiliang University; Leong Wai Man
                start, end = words[i][1], words[i + size - 1][2]
                if text.endswith(("'s", "’s"), start, end):
                    end -= 2  # Jin Jili's article: the possessive is not part of the name
                window = text[start:end]
                zh = index.by_english.get(name_key(window)) if index else None
                if zh is not None:
                    found.append(EnName(window, (start, end), zh))
                elif (
                    size == 2
                    and window.lower() not in _NOT_NAMES
                    and not _acronym_after_surname(window)
                    and pinyin.is_romanized_chinese_name(window)
                ):
                    found.append(EnName(window, (start, end)))
                else:
                    continue
                i += size
                taken = True
                break
            if not taken:
                i += 1
    return found


# --------------------------------------------------------------------------
# Comparison.


def _similar(en: str, zh: str) -> bool:
    """A wrong spelling of this very name: pinyin-shaped, at most half the characters missed."""
    check = _pinyin().verify_name(en, zh)
    if check.ok or check.western or not check.mismatches:
        return False
    return len(check.mismatches) <= max(1, len(zh) // 2)


def _renders(en: str, name: ZhName) -> bool:
    if name.known and name_key(en) == name_key(name.known):
        return True
    if name.known and not _pinyin().name_matches(name.known, name.simplified):
        return False  # the person's own spelling is not pinyin: only it will do
    return bool(_pinyin().name_matches(en, name.simplified))


def _extended(text: str, name: ZhName) -> ZhName | None:
    """The name with the next character added (欧阳明 -> 欧阳明高), if that can still be a name.

    ``text`` is the source in Simplified characters (folded).
    """
    end = name.span[1]
    longer = name.simplified + text[end : end + 1]
    if end < len(text) and _HAN_RE.match(text[end]) and _surname_ok(longer):
        return ZhName(longer, (name.span[0], end + 1), False, key=longer)
    return None


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _misspelt(target: str, expected: str) -> tuple[str, tuple[int, int]] | None:
    """Two capitalised words a letter or two away from ``expected`` (Liu Liehung for Liu Liehong)."""
    want = letters(expected)
    words = expected.split()
    wants = {want, letters(" ".join([*words[1:], words[:1][0]]))} if words else {want}
    if len(want) < 5:
        return None
    for run in _CAP_RUN_RE.finditer(target):
        tokens = list(_CAP_WORD_RE.finditer(run.group()))
        for i in range(len(tokens) - 1):
            start = run.start() + tokens[i].start()
            end = run.start() + tokens[i + 1].end()
            got = letters(target[start:end])
            if got[:1] != want[:1] and got[:1] not in {w[:1] for w in wants}:
                continue
            if any(0 < _distance(got, w) <= 2 for w in wants):
                return target[start:end], (start, end)
    return None


def _expected(name: ZhName) -> list[Expected]:
    pinyin = _pinyin()
    text = name.known or pinyin.romanize_name(name.simplified)
    return [Expected(text, pinyin.tone_name(name.simplified))]


#: Words that make a capitalised run an institution, a company or a place, not a person
#: (China Jiliang University, Shanghai Jiao Tong University, China Huadian Corporation).
_ORG_WORDS = frozenset(
    """university universities institute institution college school academy association society
    federation foundation council committee commission group corporation corp company co ltd
    limited inc plc bank hospital press publishing centre center laboratory lab laboratories
    administration bureau department ministry office agency authority museum library park
    station airport port railway road street avenue district province city county town village
    prefecture region zone area cup prize award fund alliance league union club team""".split()
)
#: Words of a segment that say its person is from Taiwan, Hong Kong, Macao or overseas
#: (in Simplified characters: the source is folded before they are looked for).
_ELSEWHERE = (
    "香港", "台湾", "台北", "高雄", "台中", "台南", "新竹", "澳门", "新加坡", "马来西亚",
    "吉隆坡", "海外", "华侨", "华裔", "九龙", "新界",
)
_SYSTEMS = (
    N_("Wade-Giles"), N_("Tongyong Pinyin"), N_("Hong Kong or Macao Cantonese"),
    N_("Hokkien or Teochew"),
)  # fmt: skip
_SYLLABLE_SPLIT_RE = lazy_pattern(r"[\s\-‐‑–]+")
#: One Cantonese or Hokkien syllable as Hong Kong, Macao or Singapore spell it (Kwok,
#: Keung, Yeung, Tsz): one vowel group; a given name writes one syllable a character.
_ONE_SYLLABLE_RE = lazy_pattern(r"^(?:[b-df-hj-np-tv-xz]*[aeiouy]+[b-df-hj-np-tv-xz]*|tsz|sz|ng|m)$")
_FOLD_LATIN = str.maketrans("üÜ", "uU", "'’ʼ‘`")


def _from_elsewhere(source: str) -> bool:
    return any(cue in source for cue in _ELSEWHERE)


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


@lru_cache(maxsize=4096)
def _readings(zh: str) -> tuple[int, tuple[frozenset[str], ...]]:
    """Surname length, and per character the toneless readings a name may use (surname
    position: only the surname readings)."""
    size = 2 if len(zh) > 2 and zh[:2] in COMPOUND_SURNAMES else 1
    per_char = _pinyin().syllables(zh, heteronym=True, surname=True)
    out: list[frozenset[str]] = []
    for k, readings in enumerate(per_char):
        strict = surname_position_readings(zh[:size], k) if k < size else None
        out.append(frozenset(strict or readings))
    return size, tuple(out)


@lru_cache(maxsize=8192)
def _system_forms(system: str, readings: frozenset[str]) -> frozenset[str]:
    convert = wade_giles if system == "Wade-Giles" else tongyong
    forms = {convert(r) for r in readings}
    if system == "Wade-Giles":
        forms |= {f.replace("ssu", "szu") for f in forms}
    return frozenset(forms)


def _words(window: str) -> list[str]:
    return [w.lower() for w in _SYLLABLE_SPLIT_RE.split(window.translate(_FOLD_LATIN)) if w]


@lru_cache(maxsize=4)
def _system_syllables(system: str) -> frozenset[str]:
    """Every syllable ``system`` can write (from the pinyin inventory: no dictionary needed)."""
    convert = wade_giles if system == "Wade-Giles" else tongyong
    forms = {convert(s) for s in pinyin.SYLLABLES}
    if system == "Wade-Giles":
        forms |= {f.replace("ssu", "szu") for f in forms}
    return frozenset(forms)


def _spells_in(system: str, tokens: list[str], zh: str) -> bool:
    """Whether the syllables ``tokens`` (surname first or last) write ``zh`` in ``system``."""
    if len(tokens) != len(zh):
        if system in ("Wade-Giles", "Tongyong Pinyin") or len(tokens) < 2:
            return False
    if system in ("Wade-Giles", "Tongyong Pinyin"):
        if not all(t in _system_syllables(system) for t in tokens):
            return False  # English words (World Standards Day): the readings are never looked up
    else:
        table = CANTONESE_SURNAMES if system == "Hong Kong or Macao Cantonese" else HOKKIEN_SURNAMES
        if not any(t in forms for t in (tokens[0], tokens[-1]) for forms in table.values()):
            return False
    size, readings = _readings(zh)
    for order in (tokens, tokens[-1:] + tokens[:-1]):
        if system in ("Wade-Giles", "Tongyong Pinyin"):
            if len(order) == len(zh) and all(
                t in _system_forms(system, r) for t, r in zip(order, readings, strict=True)
            ):
                return True
            continue
        table = CANTONESE_SURNAMES if system == "Hong Kong or Macao Cantonese" else HOKKIEN_SURNAMES
        surname = zh[:size]
        given = order[1:]
        if (
            order[0] in table.get(surname, ())
            and len(given) == len(zh) - size
            and all(_ONE_SYLLABLE_RE.match(w) for w in given)
        ):
            return True
    return False


def _other_system(target: str, zh: str) -> tuple[str, str, tuple[int, int]] | None:
    """A spelling of ``zh`` in the target in another romanization than Hanyu Pinyin:
    (system, the text, its span), or None.  ``Chang Hsiao-kuang`` is Wade-Giles for 张孝光."""
    if not 2 <= len(zh) <= 4:
        return None
    for run in _CAP_RUN_RE.finditer(target):
        words = list(_CAP_WORD_RE.finditer(run.group()))
        for i in range(len(words)):
            for size in (2, 3, 4):
                if i + size > len(words):
                    continue
                start = run.start() + words[i].start()
                end = run.start() + words[i + size - 1].end()
                window = target[start:end]
                tokens = _words(window)
                for system in _SYSTEMS:
                    if _spells_in(system, tokens, zh):
                        return system, window, (start, end)
    return None


def _foreign_name_in(target: str) -> bool:
    """A capitalised run of two or more words not all pinyin (Tan Boon Huat, Leong Wai Man)."""
    pinyin = _pinyin()
    for run in _CAP_RUN_RE.finditer(target):
        words = [w.group() for w in _CAP_WORD_RE.finditer(run.group())]
        if any(w.lower() in _ORG_WORDS for w in words):
            continue
        if any(pinyin.split_syllables(w) is None for w in words):
            return True
    return False


def _garbled(en: str, zh: str) -> str | None:
    """``swapped`` when ``en`` is ``zh`` with its given-name syllables swapped (Sun Minjian for
    孙建民), ``dropped`` when one of them is left out (Li Ming for 李明华), else None."""
    pinyin = _pinyin()
    tokens = [t for t in en.split() if t]
    if len(tokens) < 2 or not 3 <= len(zh) <= 4:
        return None
    size, readings = _readings(zh)
    given = readings[size:]
    if len(given) < 2:
        return None
    for order in (tokens, tokens[-1:] + tokens[:-1]):
        parts = [pinyin.split_syllables(t) for t in order]
        if any(p is None for p in parts):
            return None
        head = [x.replace("u", "v") if x in ("lu", "nu") else x for x in parts[0] or ()]
        if len(head) != size or not all(
            h in r or h.replace("v", "u") in r for h, r in zip(head, readings[:size], strict=True)
        ):
            continue
        rest = [x for p in parts[1:] for x in p or ()]
        if len(rest) == len(given) and len(given) == 2:
            if rest[0] in given[1] and rest[1] in given[0] and not (
                rest[0] in given[0] and rest[1] in given[1]
            ):
                return "swapped"
        if len(rest) == len(given) - 1:
            for drop in range(len(given)):
                kept = given[:drop] + given[drop + 1 :]
                if all(x in r for x, r in zip(rest, kept, strict=True)):
                    return "dropped"
    return None


def _known_as(known_names: Mapping[str, str] | None, english: str, zh: str) -> bool:
    """Whether the term base renders the name ``zh`` (Simplified) as ``english``, in
    either script (an entry 張孝光 → Chang Hsiao-kuang covers 张孝光 too)."""
    index = _known_index(known_names)
    entry = index.by_english.get(name_key(english)) if index else None
    return entry is not None and (entry == zh or (may_fold(entry) and fold(entry) == zh))


def _finding(severity: str, message: str, name: ZhName, expected: list[Expected], **kw: Any) -> Finding:
    return Finding(
        RULE_NAME, severity, message, "", source_term=name.text, expected=expected,
        source_span=name.span, **kw,
    )  # fmt: skip


def _zh_to_en(
    source: str,
    target: str,
    known_names: Mapping[str, str] | None,
    own_forms: bool = False,
) -> list[Finding]:
    """``own_forms``: the source is Taiwan, Hong Kong or overseas usage (its language tag or
    script, or the segment says where the person is from), so a name in Wade-Giles, Tongyong
    or a Cantonese or Hokkien spelling is the person's own form, not an error."""
    candidates = find_romanized_names(target, known_names)
    hints = [c.text for c in candidates if not c.known_zh]
    # Runs that are no pinyin may be Wade-Giles or Cantonese (Chen Hsueh-chun): hints too.
    others = [
        r.group()
        for r in _CAP_RUN_RE.finditer(target)
        if not any(_overlaps(c.span, r.span()) for c in candidates)
        and not any(w.lower().strip(".,") in _ORG_WORDS for w in r.group().split())
    ]
    # ... and so may pinyin-shaped ones led or ended by a Cantonese or Hokkien surname (Chan Chi-wai).
    others += [c.text for c in candidates if not c.known_zh and _OTHER_SURNAMES & set(_words(c.text))]
    names = find_chinese_names(source, known_names, hints=hints, system_hints=others)
    if not names and not candidates:
        return []
    folded = fold(source) if may_fold(source) else source
    own_forms = own_forms or _from_elsewhere(folded)
    findings: list[Finding] = []
    used: set[int] = set()
    pending: list[ZhName] = []
    seen: set[str] = set()
    target_folded = " " + ascii_words(target) + " "
    for name in names:
        if name.simplified in seen:
            continue
        seen.add(name.simplified)
        hit = next(
            (k for k, c in enumerate(candidates) if k not in used and _renders(c.text, name)), None
        )
        if hit is not None:
            used.add(hit)
            continue
        if (
            name.known
            and " " + ascii_words(name.known).strip() + " " in target_folded
        ):
            continue  # a term base rendering that is not pinyin-shaped (Betty Xu)
        if name.text in target or name.simplified in target:
            continue  # left in characters; another rule's business
        longer = _extended(folded, name)
        if longer and any(
            k not in used and _renders(c.text, longer) for k, c in enumerate(candidates)
        ):
            continue  # jieba cut 欧阳明高 short as 欧阳明
        pending.append(name)
    for name in pending:
        expected = _expected(name)
        want = expected[0].text
        other = None if name.known else _other_system(target, name.simplified)
        if other is not None:
            system, found_text, span = other
            used.update(k for k, c in enumerate(candidates) if _overlaps(c.span, span))
            if not own_forms and not _known_as(known_names, found_text, name.simplified):
                findings.append(_finding(
                    "error",
                    _("name {name} is written {found} in the target, a {system} spelling; the GB/T 28039 form is {expected}").format(
                        name=name.text, found=found_text, system=_(system), expected=want),
                    name, expected, found=found_text, target_span=span,
                ))  # fmt: skip
            continue
        garbled = next(
            (
                (k, how)
                for k, c in enumerate(candidates)
                if k not in used and not c.known_zh
                and (how := _garbled(c.text, name.simplified)) is not None
            ),
            None,
        )
        if garbled is not None:
            k, how = garbled
            used.add(k)
            found = candidates[k]
            message = (
                _("name {name} is written {found} in the target, with the given-name syllables swapped; expected {expected}")
                if how == "swapped"
                else _("name {name} is written {found} in the target, with a syllable left out; expected {expected}")
            )  # fmt: skip
            findings.append(_finding(
                "error", message.format(name=name.text, found=found.text, expected=want),
                name, expected, found=found.text, target_span=found.span,
            ))  # fmt: skip
            continue
        similar = next(
            (k for k, c in enumerate(candidates) if k not in used and _similar(c.text, name.simplified)),
            None,
        )
        if similar is None and name.known:
            spelled = next(
                (
                    k
                    for k, c in enumerate(candidates)
                    if k not in used and _pinyin().name_matches(c.text, name.simplified)
                ),
                None,
            )
            if spelled is not None:
                used.add(spelled)
                found = candidates[spelled]
                findings.append(_finding(
                    "warning",
                    _("name {name} is written {found} in the target; the term base has {expected}").format(
                        name=name.text, found=found.text, expected=name.known),
                    name, expected, found=found.text, target_span=found.span,
                ))  # fmt: skip
                continue
        if similar is None:
            misspelt = _misspelt(target, want)
            if misspelt is not None:
                found_text, span = misspelt
                findings.append(_finding(
                    "error",
                    _("name {name} is written {found} in the target; expected {expected}").format(
                        name=name.text, found=found_text, expected=want),
                    name, expected, found=found_text, target_span=span,
                ))  # fmt: skip
                used.update(k for k, c in enumerate(candidates) if c.span == span)
                continue
        if similar is not None:
            used.add(similar)
            found = candidates[similar]
            findings.append(_finding(
                "error",
                _("name {name} is written {found} in the target; expected {expected}").format(
                    name=name.text, found=found.text, expected=want),
                name, expected, found=found.text, target_span=found.span,
            ))  # fmt: skip
        elif name.sure and not (own_forms and _foreign_name_in(target)):
            findings.append(_finding(
                "warning",
                _("name {name} ({expected}) is not in the target").format(name=name.text, expected=want),
                name, expected,
            ))  # fmt: skip
    extra = [c for k, c in enumerate(candidates) if k not in used]
    if extra:
        findings.extend(_extra_in_english(extra, folded))
    return findings


def _extra_in_english(extra: Iterable[EnName], source: str) -> list[Finding]:
    """Romanized names the Chinese source never says, even as a place or company (北京华泰)."""
    pinyin = _pinyin()
    source_key = pinyin.pinyin_key(source)
    findings = []
    for cand in extra:
        if cand.known_zh and cand.known_zh in source:
            continue
        words = cand.text.split()
        keys = {pinyin.pinyin_key(cand.text), pinyin.pinyin_key(" ".join([*words[1:], words[0]]))}
        if any(k and k in source_key for k in keys) or cand.text in source:
            continue
        findings.append(
            Finding(
                RULE_NAME, "warning",
                _("name {found} in the target is not in the source").format(found=cand.text),
                "", found=cand.text, target_span=cand.span,
            )
        )  # fmt: skip
    return findings


def _scan_for_reading(en: str, target: str) -> bool:
    """Whether some 2-4 character stretch of the target, starting with a surname, reads ``en``."""
    pinyin = _pinyin()
    count = len(pinyin.split_syllables(en) or ())
    sizes = [count] if 2 <= count <= 4 else [2, 3, 4]
    for i, char in enumerate(target):
        if char not in _SURNAME_CHARS and target[i : i + 2] not in _COMPOUND_SURNAMES:
            continue
        for size in sizes:
            piece = target[i : i + size]
            if (
                len(piece) == size
                and all(_HAN_RE.match(c) for c in piece)
                and pinyin.name_matches(en, piece)
            ):
                return True
    return False


def _en_to_zh(source: str, target: str, known_names: Mapping[str, str] | None) -> list[Finding]:
    romanized = find_romanized_names(source, known_names)
    hints = [c.text for c in romanized if not c.known_zh]
    names = find_chinese_names(target, known_names, whole=False, hints=hints) if has_han(target) else []
    if not romanized and not names:
        return []
    pinyin = _pinyin()
    findings: list[Finding] = []
    used: set[int] = set()
    pending: list[EnName] = []
    seen: set[str] = set()
    target_key: str | None = None
    for cand in romanized:
        if cand.text in seen:
            continue
        seen.add(cand.text)
        if cand.known_zh:
            if cand.known_zh in target:
                used.update(k for k, n in enumerate(names) if n.text == cand.known_zh)
                continue
        hit = next(
            (
                k
                for k, n in enumerate(names)
                if k not in used
                and (pinyin.name_matches(cand.text, n.simplified) or _other_system(cand.text, n.simplified))
            ),
            None,
        )
        if hit is not None:
            used.add(hit)
            continue
        if not cand.known_zh and _scan_for_reading(cand.text, target):
            continue
        if target_key is None:
            target_key = pinyin.pinyin_key(target)
        if not cand.known_zh and pinyin.pinyin_key(cand.text) in target_key:
            continue  # a place or a company spelled out in pinyin (Beijing Huatai, 北京华泰)
        pending.append(cand)
    for cand in pending:
        similar = next(
            (k for k, n in enumerate(names) if k not in used and _similar(cand.text, n.simplified)),
            None,
        )
        expected = (
            [Expected(cand.known_zh, pinyin.tone_name(cand.known_zh))] if cand.known_zh else []
        )
        if similar is not None:
            used.add(similar)
            found = names[similar]
            findings.append(
                Finding(
                    RULE_NAME, "error",
                    _("name {name} is written {found} ({reading}) in the target, which does not read {name}").format(
                        name=cand.text, found=found.text, reading=pinyin.tone_name(found.simplified)),
                    "", source_term=cand.text, expected=expected, found=found.text,
                    source_span=cand.span, target_span=found.span,
                )
            )  # fmt: skip
        else:
            findings.append(
                Finding(
                    RULE_NAME, "warning",
                    _("name {name} is not in the target").format(name=cand.text),
                    "", source_term=cand.text, expected=expected, source_span=cand.span,
                )
            )  # fmt: skip
    source_key = None
    for k, name in enumerate(names):
        if k in used or not name.sure:
            continue
        if source_key is None:
            source_key = pinyin.pinyin_key(source)
        if name.known and name_key(name.known) in {name_key(c.text) for c in romanized}:
            continue
        if pinyin.pinyin_key(name.simplified) in source_key or name.text in source:
            continue
        if _other_system(source, name.simplified):
            continue  # Chang Hsiao-kuang is 張孝光 in Wade-Giles
        findings.append(
            Finding(
                RULE_NAME, "warning",
                _("name {found} in the target is not in the source").format(found=name.text),
                "", found=name.text, target_span=name.span,
            )
        )  # fmt: skip
    return findings


def _own_forms(text: str, lang: str) -> bool:
    """A Taiwan, Hong Kong or Macao text (its tag, or Traditional characters under a bare zh)."""
    tag = lang.replace("_", "-").lower()
    if tag.startswith(("zh-hant", "zh-tw", "zh-hk", "zh-mo")):
        return True
    return tag in ("zh", "zho", "chi") and _traditional(text)


def _traditional(text: str) -> bool:
    return may_fold(text) and fold(text) != text


def check_names(
    source: str,
    target: str,
    source_lang: str,
    target_lang: str,
    known_names: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Findings of the ``name`` rule for one segment pair.

    ``known_names`` maps a Chinese name to its English rendering in the term
    base (person concepts); it wins over computed pinyin. Pairs that are not
    Chinese/English in either direction get no findings.
    """
    if not source or not target:
        return []
    src_zh = source_lang.lower().startswith("zh")
    tgt_zh = target_lang.lower().startswith("zh")
    if src_zh and not tgt_zh:
        if not has_han(source) and not _CAP_RUN_RE.search(target):
            return []
        findings = _zh_to_en(source, target, known_names, _own_forms(source, source_lang))
    elif tgt_zh and not src_zh:
        if not _CAP_RUN_RE.search(source) and not has_han(target):
            return []
        findings = _en_to_zh(source, target, known_names)
    else:
        return []
    findings.sort(key=lambda f: f.source_span or f.target_span or (0, 0))
    return findings


class _NameRule:
    name = RULE_NAME
    order = 30
    description = N_("Person names must be romanized correctly (pinyin), and written in characters that read so.")
    default = True
    scope = "segment"

    def check(self, ctx: SegmentContext) -> list[Finding]:
        return check_names(ctx.source, ctx.target, ctx.source_lang, ctx.target_lang, ctx.known_names)

    def prepare(self, run: RunContext) -> None:
        """Load the word-boundary tables now (before worker processes fork), not on the first name."""
        if run.chinese:
            _segmenter().prepare()


RULE = _NameRule()
