"""Pinyin for Chinese terms, and a check that a romanized name spells its characters.

Two audiences share this module.  Term entry and export want *readable*
pinyin (:func:`tone_pinyin`, :func:`romanize_name`, :func:`romanize_place`),
written by the rules of GB/T 16159 (orthography) and GB/T 28039 (person
names).  Lookup and alignment want *comparable* pinyin: :func:`pinyin_key`
folds tone marks, case, separators and the many spellings of ü into one
key, and :func:`verify_name` decides whether ``Chen Jianping`` can be a
spelling of 陈建平 at all.

Verification is deliberately generous on spelling (every heteronym of every
character, surname readings, ü written u/v/yu/ü, any split into words,
surname first or last) and strict on sound: a printed syllable that no
reading of its character explains is reported with the character and its
readings, which is what an editor needs to fix the pair.

Readings, neutral tones and proper nouns are checked against CC-CEDICT
(:mod:`glossary.chinese.cedict`), read on first use like pypinyin.

pypinyin is imported on first use only (jieba is not imported here; the
segmenter passed in, or the default one, reads its dictionary): ``glossary lookup`` with
a Latin query never loads them (see :func:`pinyin_key`).

Conventions: toneless readings returned by :func:`syllables` and
:func:`split_syllables` spell ü as ``v`` (pypinyin's ASCII convention, so
``lv``, ``nve``); text meant for people (:func:`romanize_name`,
:func:`romanize_place`, :func:`tone_pinyin`) writes ``ü``.
"""

from __future__ import annotations

import importlib.util
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from glossary.chinese import cedict
from glossary.chinese.names import (
    COMPOUND_SURNAMES,
    GIVEN_NAME_READINGS,
    SURNAME_READINGS,
    surname_of,
    surname_position_readings,
)
from glossary.chinese.segment import (
    JIEBA_BLOCK,
    WordCutter,
    cache_folder,
    default_segmenter,
    file_stamp,
)
from glossary.i18n import _
from glossary.text.script import HAN_OR_OTHER_RUN, HAN_RUN, is_han

__all__ = [
    "COMPOUND_SURNAMES",
    "GIVEN_NAME_READINGS",
    "SURNAME_READINGS",
    "SYLLABLES",
    "NameCheck",
    "can_spell",
    "is_han",
    "is_romanized_chinese_name",
    "name_matches",
    "pinyin_key",
    "romanize_name",
    "romanize_place",
    "split_syllables",
    "syllables",
    "term_reading",
    "tone_pinyin",
    "verify_name",
]

# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------

#: Every toneless Hanyu Pinyin syllable that occurs in ordinary words and
#: names, ü written ``v``.  Interjection-only syllables (m, n, ng, hm, hng, ê)
#: are left out on purpose: admitting them lets almost any consonant run
#: parse as pinyin, and no romanized name uses them.  Characters that read
#: them are still verified, because verification matches readings directly.
SYLLABLES: frozenset[str] = frozenset(
    """
    a ai an ang ao e ei en eng er o ou
    ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
    pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
    ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
    fa fan fang fei fen feng fiao fo fou fu
    da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo
    ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
    na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nun
    nuo nv nve
    la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun
    luo lv lve
    ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
    ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
    ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
    ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
    qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
    xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
    zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui
    zhun zhuo
    cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo
    sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
    ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
    za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
    ca cai can cang cao ce cei cen ceng ci cong cou cu cuan cui cun cuo
    sa sai san sang sao se sei sen seng si song sou su suan sui sun suo
    ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
    wa wai wan wang wei wen weng wo wu
    """.split()
)

#: Passport and ASCII spellings of lü/nü/lüe/nüe (吕 ``Lyu``): accepted when
#: parsing, mapped back to the ``v`` form.
_YU_ALIASES: dict[str, str] = {"lyu": "lv", "nyu": "nv", "lyue": "lve", "nyue": "nve"}

_PARSE_SYLLABLES: frozenset[str] = SYLLABLES | frozenset(_YU_ALIASES)
_MAX_SYLLABLE = max(len(s) for s in _PARSE_SYLLABLES)

_NAME_PART_SEP_RE = re.compile(r"[-'\u2019\u2018\u02bc\u2010\u2011]+")
_NAME_CHUNK_RE = re.compile(r"[^-'\u2019\u2018\u02bc\u2010\u2011\s]+")
_VOWEL_START = frozenset("aoe")
_DIAERESIS = "\u0308"


# ---------------------------------------------------------------------------
# Latin normalization (pure Python: the lookup path must not load pypinyin)
# ---------------------------------------------------------------------------


def _fold(text: str) -> tuple[str, list[int]]:
    """Lowercase, drop tone marks, ü -> v; also return each output char's source index.

    The index map lets a mismatch be reported with the printed spelling
    (``'Yun'``), not with our folded form.
    """
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            out.append(ch.lower())
            where.append(i)
            continue
        for d in unicodedata.normalize("NFD", ch):
            if d == _DIAERESIS:
                if out and out[-1] == "u" and where[-1] == i:
                    out[-1] = "v"
            elif unicodedata.combining(d):
                continue
            else:
                out.append(d.lower())
                where.append(i)
    return "".join(out), where


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """:func:`_fold` of one character: what it writes depends on that character alone."""
    return _fold(ch)[0]


def _folded(text: str) -> str:
    """``_fold(text)[0]``, a character at a time from a table (the pinyin of every imported term is keyed so)."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=65536)
def _toneless(reading: str) -> str:
    """A toned reading (``lǚ``) as its toneless ASCII form (``lv``).

    Remembered: a reading is one of some 1,500 syllables, folded again for
    every character of every term an import reads.
    """
    return _fold(reading)[0]


def _with_umlaut(toneless: str) -> str:
    return toneless.replace("v", "ü")


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


def _join_syllables(sylls: Sequence[str]) -> str:
    """Join one word's syllables, with GB/T 16159's apostrophe before a/o/e."""
    if len(sylls) < 2:
        return "".join(sylls)
    out = [sylls[0]]
    opens = _OPENS_VOWEL
    for syl in sylls[1:]:
        if syl:
            first = syl[0]
            vowel = opens.get(first)
            if vowel is None:
                vowel = opens[first] = _toneless(first)[:1] in _VOWEL_START
            if vowel:
                out.append("'")
        out.append(syl)
    return "".join(out)


#: Whether a syllable starting with this character starts with a/o/e (toneless): filled as met.
_OPENS_VOWEL: dict[str, bool] = {}


# ---------------------------------------------------------------------------
# Syllable parsing
# ---------------------------------------------------------------------------


def _parts(latin: str) -> list[str] | None:
    """Fold a Latin name or word into letter-only parts split at spaces, hyphens, apostrophes.

    None when a part holds anything but letters (digits, punctuation).
    """
    parts: list[str] = []
    for chunk in _NAME_PART_SEP_RE.split(latin):
        for word in chunk.split():
            folded = _fold(word)[0]
            if not folded.isascii() or not folded.isalpha():
                return None
            parts.append(folded)
    return parts


def _best_parse(word: str) -> list[str] | None:
    """The orthographically preferred split of one folded part, aliases kept as printed.

    Preference, in order: fewest syllables starting with a/o/e inside the
    word (those would have needed an apostrophe, so ``xian`` is one
    syllable and ``changan`` is chan+gan), fewest ``lyu``-type aliases
    (``jinyu`` is jin+yu, not ji+nyu), fewest syllables.
    """
    n = len(word)
    best: list[tuple[int, int, int] | None] = [None] * (n + 1)
    back: list[int] = [0] * (n + 1)
    best[0] = (0, 0, 0)
    for p in range(n):
        cost = best[p]
        if cost is None:
            continue
        for q in range(p + 1, min(n, p + _MAX_SYLLABLE) + 1):
            syl = word[p:q]
            if syl not in _PARSE_SYLLABLES:
                continue
            new = (
                cost[0] + (p > 0 and syl[0] in _VOWEL_START),
                cost[1] + (syl in _YU_ALIASES),
                cost[2] + 1,
            )
            if best[q] is None or new < best[q]:  # type: ignore[operator]
                best[q] = new
                back[q] = p
    if best[n] is None:
        return None
    out: list[str] = []
    q = n
    while q > 0:
        p = back[q]
        out.append(word[p:q])
        q = p
    out.reverse()
    return out


def _count_range(word: str) -> tuple[int, int] | None:
    """Fewest and most syllables over every parse of a folded part."""
    n = len(word)
    lo: list[int | None] = [None] * (n + 1)
    hi: list[int | None] = [None] * (n + 1)
    lo[0] = hi[0] = 0
    for p in range(n):
        if lo[p] is None:
            continue
        for q in range(p + 1, min(n, p + _MAX_SYLLABLE) + 1):
            if word[p:q] in _PARSE_SYLLABLES:
                a, b = lo[p] + 1, hi[p] + 1  # type: ignore[operator]
                lo[q] = a if lo[q] is None else min(lo[q], a)  # type: ignore[type-var]
                hi[q] = b if hi[q] is None else max(hi[q], b)  # type: ignore[type-var]
    if lo[n] is None:
        return None
    return lo[n], hi[n]  # type: ignore[return-value]


def split_syllables(latin: str) -> list[str] | None:
    """Split toneless (or toned) Latin pinyin into syllables, or None if it is not pinyin.

    ``'jianping'`` -> ``['jian', 'ping']``, ``"xi'an"`` -> ``['xi', 'an']``,
    ``'Lyu'`` -> ``['lv']``.  Apostrophes, hyphens and spaces are boundaries.
    Where the letters allow several splits the one GB/T 16159 implies is
    returned (see :func:`_best_parse`); callers that know which characters
    are meant should use :func:`can_spell`, which tries every split.
    Syllables come back lowercase with ü as ``v``.
    """
    parts = _parts(latin)
    if not parts:
        return None
    out: list[str] = []
    for part in parts:
        parsed = _best_parse(part)
        if parsed is None:
            return None
        out.extend(_YU_ALIASES.get(s, s) for s in parsed)
    return out


def _spellings(readings: Iterable[str]) -> frozenset[str]:
    """Every accepted Latin spelling of a character's readings: ü as v, u, ü, or yu after l/n."""
    out: set[str] = set()
    for reading in readings:
        r = _toneless(reading)
        if not r:
            continue
        out.add(r)
        if "v" in r:
            out.add(r.replace("v", "u"))
            if r[0] in "ln":
                out.add(r.replace("v", "yu"))
    return frozenset(out)


@dataclass(frozen=True)
class _Alignment:
    cost: int
    # (char index, start, end) in the folded string, and whether it matched.
    steps: tuple[tuple[int, int, int, bool], ...]


def _align(
    folded: str, bounds: frozenset[int], cands: Sequence[frozenset[str]], max_cost: int
) -> _Alignment | None:
    """Cheapest way to spell the characters in order over ``folded``.

    A character costs 0 when the slice is one of its spellings and 1 when
    it is merely some pinyin syllable; slices may not cross a printed
    boundary (space, hyphen, apostrophe).  None when no split exists.
    """
    n, m = len(cands), len(folded)
    inf = max_cost + 1
    # best[i][p]: cost of spelling chars[:i] as folded[:p]
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, bool] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0
    longest = [max((len(s) for s in c), default=0) for c in cands]
    for i in range(n):
        reach = max(longest[i], _MAX_SYLLABLE)
        for p in range(m):
            cost = best[i][p]
            if cost >= inf:
                continue
            for q in range(p + 1, min(m, p + reach) + 1):
                if q - 1 > p and (q - 1) in bounds:
                    break  # crossed a boundary strictly inside the slice
                syl = folded[p:q]
                if syl in cands[i]:
                    new, hit = cost, True
                elif syl in _PARSE_SYLLABLES:
                    new, hit = cost + 1, False
                else:
                    continue
                if new < best[i + 1][q]:
                    best[i + 1][q] = new
                    back[i + 1][q] = (p, hit)
    if best[n][m] >= inf:
        return None
    steps: list[tuple[int, int, int, bool]] = []
    q = m
    for i in range(n, 0, -1):
        link = back[i][q]
        assert link is not None
        p, hit = link
        steps.append((i - 1, p, q, hit))
        q = p
    steps.reverse()
    return _Alignment(best[n][m], tuple(steps))


def _fold_parts(parts: Sequence[str]) -> tuple[str, frozenset[int]]:
    """Concatenate folded parts, remembering where each boundary falls."""
    text = ""
    bounds: set[int] = set()
    for part in parts:
        if text:
            bounds.add(len(text))
        text += part
    return text, frozenset(bounds)


def can_spell(latin: str, candidate_syllables_per_char: Sequence[Iterable[str]]) -> bool:
    """Whether ``latin`` spells the characters, in order, using one of each one's readings.

    Resolves the ambiguity :func:`split_syllables` cannot: ``'xian'`` spells
    ``[['xi'], ['an']]`` as well as ``[['xian']]``.  Readings may be toned
    or toneless, with ü as ü or v; ü may be printed u, v, ü, or yu after l/n.
    """
    parts = _parts(latin)
    if not parts:
        return False
    folded, bounds = _fold_parts(parts)
    cands = [_spellings(c) for c in candidate_syllables_per_char]
    if not cands:
        return False
    result = _align(folded, bounds, cands, 0)
    return result is not None and result.cost == 0


# ---------------------------------------------------------------------------
# pypinyin, loaded on first use
# ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _pypinyin() -> Any:
    import pypinyin

    return pypinyin


def _keep_chars(chars: str) -> list[str]:
    """pypinyin ``errors`` callback: one item per unknown character, so output stays aligned."""
    return list(chars)


@lru_cache(maxsize=65536)
def _char_readings(ch: str) -> tuple[str, ...]:
    """Every toned reading of one character, most common first; empty if it has none."""
    py = _pypinyin()
    items = py.pinyin(ch, style=py.Style.TONE, heteronym=True, errors=_keep_chars)
    readings = items[0] if items else []
    return tuple(dict.fromkeys(r for r in readings if r and not is_han(r)))


@lru_cache(maxsize=1)
def _engine() -> Any:
    """What ``pypinyin.lazy_pinyin`` makes anew on every call: one converter, made once."""
    py = _pypinyin()
    from pypinyin.converter import UltimateConverter

    return py.core.Pinyin(UltimateConverter(v_to_u=False, neutral_tone_with_five=False, tone_sandhi=False))


@lru_cache(maxsize=65536)
def _segment_readings(word: str) -> tuple[str, ...]:
    """Toned readings of one of pypinyin's segments: what ``lazy_pinyin`` gives for it.

    pypinyin converts each segment of its own split alone (its phrase, else
    character by character), so a segment's readings are the same in every
    run; remembered, since an import meets the same words again and again.
    """
    looked_up = _looked_up_readings(word)
    if looked_up is not None:
        return looked_up
    py = _pypinyin()
    items = _engine()._converter.convert(word, py.Style.TONE, False, _keep_chars, strict=True)
    return tuple(reading for item in items for reading in item)


def _looked_up_readings(word: str) -> tuple[str, ...] | None:
    """:func:`_segment_readings` read straight from pypinyin's tables for a phrase or one character, or None.

    What the converter does for them with our settings (tone marks, no
    ``v`` to ``ü``, no tone sandhi or fifth tone: every hook a no-op) is
    to take each character's first reading of the phrase's entry (or the
    character's first reading), after a deep copy of the entry and a walk
    of its style hooks: the same strings, without some 40 us a new segment.
    Anything else (text pypinyin has no reading for) goes to the converter.
    tests/test_pinyin_warm.py compares the two over every phrase and character of the tables.
    """
    tables = _phrase_tables()
    if tables is None or not tables[0].match(word):
        return None
    entry = tables[1].get(word)
    if entry is not None:
        if len(entry) != len(word) or not all(entry):
            return None  # an entry that does not give each character its readings: the converter's business
        return tuple([item[0] for item in entry])
    if len(word) == 1:
        readings = _single_readings().get(ord(word))
        if readings is not None:
            return (readings.split(",")[0],)
    return None


@lru_cache(maxsize=1)
def _single_readings() -> Any:
    """pypinyin's table of each character's readings (code point -> readings joined by commas)."""
    _pypinyin()
    from pypinyin.constants import PINYIN_DICT

    return PINYIN_DICT


@lru_cache(maxsize=1)
def _phrase_steps() -> dict[str, bool]:
    """Every prefix of :func:`_phrase_tables` and whether it is a phrase: one lookup per step of the walk.

    Made once from pypinyin's tables (this module never changes them);
    :func:`_phrase_readings` walks by it, :func:`_phrase_split` by the tables themselves.
    """
    tables = _phrase_tables()
    assert tables is not None
    phrases = tables[1]
    return {prefix: prefix in phrases for prefix in tables[2]}


@lru_cache(maxsize=1)
def _phrase_tables() -> tuple[Any, Any, Any] | None:
    """pypinyin's Han pattern, phrase dictionary and the prefix set its word splitter walks.

    :func:`_phrase_split` splits by them without pypinyin's per-call
    machinery (a generator, a character-by-character regular expression
    pass); None, and pypinyin's own split is used, when pypinyin is not
    the version whose splitter it copies (strict forward maximum matching
    over a set of prefixes) or its phrase dictionary is switched off.
    """
    _pypinyin()
    from pypinyin.constants import PHRASES_DICT, RE_HANS
    from pypinyin.seg import mmseg

    splitter = mmseg.seg
    prefixes = getattr(getattr(splitter, "_prefix_set", None), "_set", None)
    if not PHRASES_DICT or not isinstance(prefixes, set) or getattr(splitter, "_no_non_phrases", None) is not True:
        return None
    return RE_HANS, PHRASES_DICT, prefixes


def _first_phrase(run: str, i: int, phrases: Any, prefixes: set[str]) -> int:
    """Where the segment pypinyin's splitter takes at ``run[i]`` ends; 0: every character of ``run[i:]`` alone.

    The longest phrase reached while the text read so far is a prefix of
    some phrase; none: one character.  A rest that is all prefixes but
    holds no phrase is split into its characters (pypinyin's strict mode
    does not look for phrases inside it).
    """
    valid = 0
    j = i + 1
    n = len(run)
    while j <= n:
        word = run[i:j]
        if word not in prefixes:
            return valid or i + 1
        if word in phrases:
            valid = j
        j += 1
    return valid


def _phrase_split(run: str, phrases: Any, prefixes: set[str]) -> list[str]:
    """``list(pypinyin.seg.mmseg.seg.cut(run))``, the same steps (:func:`_first_phrase`) in one loop."""
    out: list[str] = []
    i = 0
    n = len(run)
    while i < n:
        end = _first_phrase(run, i, phrases, prefixes)
        if not end:
            out.extend(run[i:])
            break
        out.append(run[i:end])
        i = end
    return out


def _pypinyin_split(run: str) -> list[str]:
    """pypinyin's split of ``run`` into the segments it reads one by one (``Pinyin.seg``)."""
    tables = _phrase_tables()
    if tables is not None and tables[0].match(run):  # all Han for pypinyin: one chunk, split by phrases
        return _phrase_split(run, tables[1], tables[2])
    return _engine().seg(run)


def _phrase_readings(run: str, steps: dict[str, bool]) -> list[str]:
    """The readings of a run pypinyin reads as one chunk: its segments' readings, in order.

    :func:`_phrase_split`'s walk (over :func:`_phrase_steps`) and each
    segment's remembered readings in one loop (no list of segments, no call
    per segment to find it): every term of an import is read so, and most
    are met once.  The same readings as ``[r for w in _phrase_split(run, ...)
    for r in _segment_readings(w)]`` (tests/test_pinyin_fast.py compares them).
    """
    out: list[str] = []
    extend = out.extend
    get = steps.get
    i = 0
    n = len(run)
    while i < n:
        valid = 0
        j = i + 1
        while j <= n:
            phrase = get(run[i:j])
            if phrase is None:  # no prefix of a phrase
                break
            if phrase:
                valid = j
            j += 1
        else:
            if not valid:  # a rest that is all prefixes and holds no phrase: each character alone
                for ch in run[i:]:
                    extend(_segment_readings(ch))
                break
        end = valid or i + 1
        extend(_segment_readings(run[i:end]))
        i = end
    return out


@lru_cache(maxsize=4096)
def _run_readings(run: str) -> tuple[str, ...]:
    """Toned readings of a run of Han characters, one per character, read in context.

    A character pypinyin cannot read stays as itself.  The same as
    ``lazy_pinyin(run, style=TONE)``: pypinyin's split of the run, then each
    segment's readings.
    """
    return tuple(_readings_of(run))


def _readings_of(run: str) -> list[str]:
    """:func:`_run_readings` computed, not remembered: a term's run is mostly met once."""
    tables = _phrase_tables()
    if tables is not None and tables[0].match(run):  # all Han for pypinyin: one chunk, split by phrases
        out = _phrase_readings(run, _phrase_steps())
    else:
        out = [reading for word in _engine().seg(run) for reading in _segment_readings(word)]
    if len(out) != len(run):  # defensive: never let readings drift off their characters
        out = [(_char_readings(ch) or (ch,))[0] for ch in run]
    return out


#: jieba's and pypinyin's tables in one (:meth:`~glossary.chinese.segment.Segmenter.merged_lexicon`), once made.
_WALK: dict[str, tuple[float, bool | None]] | None = None


def _walk_table() -> dict[str, tuple[float, bool | None]] | None:
    """The default segmenter's lexicon and pypinyin's phrase steps in one dict, or None while it cannot be made.

    Made only once jieba's dictionary is in memory (:func:`prepare`, or a
    segmenter that moved there after many texts): a check that shows one
    term's pinyin keeps reading only the words it needs.
    """
    global _WALK
    if _WALK is None and default_segmenter().in_memory() and _phrase_tables() is not None:
        _WALK = default_segmenter().merged_lexicon(_phrase_steps())
    return _WALK


def _walked(run: str) -> tuple[list[str], list[str]] | None:
    """:func:`_readings_of` and the default segmenter's ``cut(run, hmm=True)`` in one walk, or None.

    For a run that is one of jieba's blocks (so all Han for pypinyin too),
    once :func:`_walk_table` is made: jieba's route and pypinyin's phrase
    split take one lookup a step in the merged table instead of one in each
    (tests/test_pinyin_fast.py compares the two ways).
    """
    table = _walk_table()
    if table is None or not JIEBA_BLOCK.fullmatch(run):
        return None
    tokens, ends = default_segmenter().merged_cut(run, table)
    out: list[str] = []
    extend = out.extend
    i = 0
    n = len(run)
    while i < n:
        end = ends[i]
        if not end:  # a rest that is all prefixes and holds no phrase: each character alone
            for ch in run[i:]:
                extend(_segment_readings(ch))
            break
        extend(_segment_readings(run[i:end]))
        i = end
    if len(out) != n:  # defensive, as _readings_of: never let readings drift off their characters
        out = [(_char_readings(ch) or (ch,))[0] for ch in run]
    return out, tokens


def _runs(text: str) -> list[tuple[str, bool]]:
    return [(m.group(), is_han(m.group()[0])) for m in HAN_OR_OTHER_RUN.finditer(text)]


# ---------------------------------------------------------------------------
# Readable pinyin
# ---------------------------------------------------------------------------

# Chinese and full-width punctuation: (ASCII form, how it attaches).
# "open" glues to what follows, "close" to what precedes, "join" to both.
_PUNCT: dict[str, tuple[str, str]] = {
    "“": ('"', "open"), "‘": ("'", "open"), "《": ('"', "open"), "〈": ('"', "open"),
    "「": ('"', "open"), "『": ('"', "open"), "【": ("[", "open"), "〔": ("[", "open"),
    "（": ("(", "open"), "［": ("[", "open"), "｛": ("{", "open"),
    "”": ('"', "close"), "’": ("'", "close"), "》": ('"', "close"), "〉": ('"', "close"),
    "」": ('"', "close"), "』": ('"', "close"), "】": ("]", "close"), "〕": ("]", "close"),
    "）": (")", "close"), "］": ("]", "close"), "｝": ("}", "close"),
    "，": (",", "close"), "、": (",", "close"), "。": (".", "close"), "．": (".", "close"),
    "：": (":", "close"), "；": (";", "close"), "？": ("?", "close"), "！": ("!", "close"),
    "…": ("...", "close"), "％": ("%", "close"),
    "—": ("-", "join"), "–": ("-", "join"), "－": ("-", "join"), "～": ("~", "join"),
    "〜": ("~", "join"), "／": ("/", "join"),
    "·": (" ", "space"), "・": (" ", "space"), "•": (" ", "space"), "\u3000": (" ", "space"),
}
#: jieba dictionary frequency below which a word is too rare to split a name on.
_COMMON_WORD = 50
_ASCII_OPEN = frozenset("([{")
_ASCII_CLOSE = frozenset(",.;:!?)]}%")


def _latin_tokens(chunk: str) -> list[tuple[str, str]]:
    """Split a non-Han chunk into (text, attachment) tokens, kept as printed."""
    tokens: list[tuple[str, str]] = []
    word: list[str] = []

    def flush() -> None:
        if word:
            text = "".join(word)
            if set(text) <= _ASCII_CLOSE:
                kind = "close"
            elif set(text) <= _ASCII_OPEN:
                kind = "open"
            else:
                kind = "word"
            tokens.append((text, kind))
            word.clear()

    prev = ""
    for ch in chunk:
        if ch in _PUNCT:
            ascii_form, kind = _PUNCT[ch]
            flush()
            if kind == "space":
                pass
            elif ch == "…" and prev == "…":  # …… is one ellipsis
                pass
            else:
                tokens.append((ascii_form, kind))
        elif ch.isspace():
            flush()
        elif "\uff01" <= ch <= "\uff5e":  # other full-width ASCII (digits, letters)
            word.append(chr(ord(ch) - 0xFEE0))
        else:
            word.append(ch)
        prev = ch
    flush()
    return tokens


def _join_tokens(tokens: Sequence[tuple[str, str]]) -> str:
    out: list[str] = []
    prev_kind = "open"  # no space before the first token
    for text, kind in tokens:
        if out and prev_kind not in ("open", "join") and kind not in ("close", "join"):
            out.append(" ")
        out.append(text)
        prev_kind = kind
    return "".join(out)


def tone_pinyin(text: str, segmenter: WordCutter | None = None, kind: str | None = None) -> str:
    """Hanyu Pinyin with tone marks written by GB/T 16159: '世界标准日' -> 'Shìjiè Biāozhǔn Rì'.

    Readings come from pypinyin over the whole Han run (so phrases pick the
    right heteronym), then word by word from CC-CEDICT where it lists the
    word (neutral tones: 玻璃 bōli; proper nouns: 单县 Shàn Xiàn), with the
    以…为… pattern read wéi.  Words are jieba's (``cut`` with its HMM),
    corrected by the standard's rules (:func:`_han_words`): dictionary words
    of up to three syllables joined (kěchíxù), longer compounds written word
    by word (fāzhǎnzhōng guójiā), suffixes and 了 attached, adverbial 地
    apart as de, 第 hyphenated to its numeral, four-character expressions
    as two hyphenated halves (yǐjiù-huànxīn), a place's generic apart
    (Cháoyáng Qū), a person's name inside a title as a name (Xú Bīn).
    Proper nouns are capitalised (CC-CEDICT's capitals, jieba's place and
    organisation tags), and every word of an organisation's, a named day's
    or meeting's or a document's name (:func:`_capitalise`); ``kind``
    ``org`` or ``place`` capitalises every word.  Latin text, digits and
    codes are kept as printed, as separate words ('2024年' -> '2024 nián');
    Chinese punctuation becomes its ASCII counterpart, attached the English way.

    ``segmenter`` decides jieba's words (a :class:`~glossary.chinese.segment.JiebaSession`
    with words added keeps them whole); without one, jieba's dictionary alone
    (:func:`glossary.chinese.segment.default_segmenter`, which reads only
    the words it needs, so a check that shows one term's pinyin stays fast),
    which is what build and import use (:func:`term_reading`).
    Those answers are also remembered across processes (:class:`_Memo`):
    a check that shows the pinyin of a term stored without one (an imported
    term) then imports neither pypinyin (0.2 s) nor jieba.
    """
    if segmenter is None:
        key = text if kind not in _PROPER_KINDS else f"{kind}\x1f{text}"
        remembered = _MEMO.get(key)
        if remembered is None:
            remembered = _tone_pinyin(text, default_segmenter(), kind)
            _MEMO.put(key, remembered)
        return remembered
    return _tone_pinyin(text, segmenter, kind)


def _tone_pinyin(text: str, cutter: WordCutter, kind: str | None = None) -> str:
    if HAN_RUN.fullmatch(text):  # one run of Han characters (most terms): its words, one space apart
        return " ".join(_han_spellings(text, cutter, kind in _PROPER_KINDS))
    tokens: list[tuple[str, str]] = []
    runs = _runs(text)
    quoted = False  # inside 《...》: a title of a document, every word capitalised
    for run, han in runs:
        if not han:
            tokens.extend(_latin_tokens(run))
            if "《" in run or "》" in run:
                quoted = run.rfind("《") > run.rfind("》")
            continue
        tokens.extend((spelled, "word") for spelled in _han_spellings(run, cutter, quoted or kind in _PROPER_KINDS))
    return _join_tokens(tokens)


# ---------------------------------------------------------------------------
# GB/T 16159 words: division, readings, capitals
# ---------------------------------------------------------------------------

#: Concept types whose every word is a proper noun's (GB/T 16159 6.3: each word capitalised).
_PROPER_KINDS = frozenset({"org", "place"})

#: Generics of administrative areas, written apart from the proper part
#: (北京市 Běijīng Shì, 朝阳区 Cháoyáng Qū, 单县 Shàn Xiàn).
_AREA_GENERICS = ("自治区", "自治州", "自治县", "特别行政区", "新区", "省", "市", "县", "区", "镇", "乡")
#: Generics of natural features, apart when the dictionary writes them apart (黄河 Huáng Hé).
_FEATURE_GENERICS = frozenset("河江湖山海岛峡")

#: Words that open a proper name of an organisation, event or document when one of
#: :data:`_NAME_GENERICS` closes it (国家…总局, 世界…日, 国家…纲要); a proper noun opens one too.
_NAME_OPENERS = frozenset({"中国", "中华", "国家", "国际", "全国", "世界", "全球", "亚太", "亚洲", "欧洲", "中央", "国务院"})
#: Words that close such a name (the organisation, the day or meeting, the document).
_NAME_GENERICS = frozenset(
    {
        "组织", "委员会", "技术委员会", "联盟", "总局", "局", "部", "署", "院", "所", "杂志社", "出版社", "报社",
        "大学", "学院", "研究院", "研究所", "中心", "协会", "学会", "联合会", "公司", "集团", "银行",
        "理事会", "秘书处", "基金会", "实验室",
        "日", "周", "会议", "大会", "论坛", "峰会", "博览会", "年会", "奖",
        "纲要", "条例", "规划", "宣言", "公约", "协定", "倡议", "法",
        "办公厅", "厅",
    }
)
#: Last characters of short organisation names (国家标准委, 工信部, 研究所): generics too.
_GENERIC_ENDINGS = frozenset("委部局厅署院所处")
#: Conjunctions inside such a name, written lower-case (Guójiā Fāzhǎn hé Gǎigé Wěiyuánhuì).
_NAME_LINKS = frozenset({"和", "与", "及"})
#: Generics of a group named by the proper noun just before them (金砖 国家: Jīnzhuān Guójiā, BRICS).
_GROUPS = frozenset({"国家", "地区"})
#: How far (in words) a closing generic may follow its opener.
_NAME_REACH = 6
#: jieba parts of speech that end such a name: verbs, prepositions, conjunctions, particles, adverbs, pronouns.
_NAME_STOPS = frozenset({"v", "p", "c", "d", "r", "uj", "ul", "uv", "ud", "ug", "uz", "y", "m"})

#: Suffixes written together with their word (GB/T 16159: 标准化, 强制性, 消费者, 专家们).
_SUFFIXES = frozenset("化性者们度率型式委")
#: Particles read in the neutral tone and written together with the verb before them (发布了 fābùle).
_ASPECT = {"了": "le", "着": "zhe", "过": "guo"}
#: Numerals that 第 joins with a hyphen (第一 dì-yī).
_NUMERALS = frozenset("一二三四五六七八九十百千万零两")
_NUMERAL_CHARS = "".join(_NUMERALS)

#: jieba tags of four-character fixed expressions, written as two hyphenated halves (以旧换新 yǐjiù-huànxīn).
_IDIOM_TAGS = frozenset({"i", "l"})

#: Tone-marked vowels by vowel and tone (ü as v).
_MARKS = {"a": "āáǎà", "e": "ēéěè", "i": "īíǐì", "o": "ōóǒò", "u": "ūúǔù", "v": "ǖǘǚǜ"}


@dataclass(slots=True)
class _Word:
    """One written word: its characters, one toned reading each, and how it is spelled."""

    text: str
    readings: list[str]
    proper: bool = False
    #: A person's name: written by GB/T 28039 (surname and given name apart, both capitalised).
    name: bool = False
    #: jieba's part of speech of the token the word came from.
    tag: str | None = None
    #: Joined to the next word by a hyphen (the halves of 以旧换新, 第 and its numeral).
    hyphen: bool = False

    def spelled(self) -> str:
        if self.name:
            size = len(surname_of(self.text) or self.text[:1])
            parts = [_join_syllables(self.readings[:size]), _join_syllables(self.readings[size:])]
            return " ".join(_capitalize(p) for p in parts if p)
        word = _join_syllables(self.readings)
        return _capitalize(word) if self.proper else word


def _joined(words: list[_Word]) -> list[_Word]:
    """Words joined by a hyphen become one token (``yǐjiù-huànxīn``)."""
    out: list[_Word] = []
    glue = False
    for word in words:
        if glue and out:
            last = out[-1]
            spelled = f"{last.spelled()}-{word.spelled()}"
            out[-1] = _Spelled(spelled)
        else:
            out.append(word)
        glue = word.hyphen
    return out


class _Spelled(_Word):
    """A word whose spelling is already decided (two hyphenated halves)."""

    def __init__(self, spelling: str) -> None:
        super().__init__(spelling, [])
        self._spelling = spelling

    def spelled(self) -> str:
        return self._spelling


@lru_cache(maxsize=8192)
def _marked(syllable: str) -> str | None:
    """A numbered CC-CEDICT syllable with its tone mark: ``li5`` -> ``li``, ``Lu:3`` -> ``lǚ`` (None: not pinyin)."""
    s = syllable.lower().replace("u:", "v")
    tone = s[-1] if s[-1:].isdigit() else "5"
    base = s.rstrip("0123456789")
    if base not in SYLLABLES:
        return None
    if tone in "05":
        return _with_umlaut(base)
    if "a" in base:
        i = base.index("a")
    elif "e" in base:
        i = base.index("e")
    elif "ou" in base:
        i = base.index("o")
    else:
        i = max(base.rfind(v) for v in "iouv")
    return _with_umlaut(base[:i] + _MARKS[base[i]][int(tone) - 1] + base[i + 1 :])


@lru_cache(maxsize=8192)
def _neutral(reading: str) -> bool:
    return not any(unicodedata.combining(d) and d != _DIAERESIS for d in unicodedata.normalize("NFD", reading))


@lru_cache(maxsize=65536)
def _dictionary(word: str) -> tuple[tuple[tuple[str, ...], tuple[bool, ...]], ...]:
    """CC-CEDICT's readings of ``word``, tone-marked, with where it writes capitals (a proper noun's words)."""
    out = []
    for sylls in cedict.readings(word):
        marked = tuple(map(_marked, sylls))
        if all(marked):
            out.append((marked, tuple([s[:1].isupper() for s in sylls])))
    return tuple(out)  # type: ignore[arg-type]


def _dictionary_reading(word: str, readings: Sequence[str]) -> tuple[list[str], tuple[bool, ...] | None]:
    """The word's readings as CC-CEDICT writes them, and its capitals when it is a proper noun there.

    pypinyin's syllables are kept when the dictionary has them (it read the
    phrase in context); the tones are the dictionary's, and of two entries
    with those syllables the one with the neutral tone wins (东西 'thing'
    dōngxi, 地方 'place' dìfang, both commoner than 'east and west' and
    'local').  When the dictionary reads the word with other syllables, and
    only one way, its reading wins (单县 Shàn Xiàn, 蒙古 Měnggǔ).  Capitals:
    only when every entry with the chosen syllables is a proper noun's
    (朝阳 Cháoyáng the district, but not chāoyáng 'facing the sun').
    """
    chosen = _dictionary_choice(word, tuple(readings))
    if chosen is None:
        return list(readings), None
    return list(chosen[0]), chosen[1]


@lru_cache(maxsize=65536)
def _dictionary_choice(
    word: str, readings: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[bool, ...] | None] | None:
    """:func:`_dictionary_reading`'s choice (None: keep ``readings``), remembered: it depends on nothing else."""
    entries = _dictionary(word)
    if not entries:
        return None
    if len(entries) == 1:  # most words: the one entry is chosen whatever its syllables (see below)
        only = entries[0]
        return only[0], only[1] if only[1][0] else None
    plain = tuple(_toneless(r) for r in readings)
    same = [e for e in entries if tuple(_toneless(x) for x in e[0]) == plain]
    if not same:
        if len({tuple(_toneless(x) for x in e[0]) for e in entries}) != 1:
            return None
        same = list(entries)
    best = max(same, key=lambda e: sum(map(_neutral, e[0])))
    capitals = best[1] if all(e[1][0] for e in same) else None
    return best[0], capitals


def _read(token: str, readings: list[str]) -> tuple[list[str], tuple[bool, ...] | None]:
    """Dictionary readings for a token: the whole word if listed, else its longest listed pieces."""
    if len(token) < 2:
        return readings, None
    if cedict.has(token):
        return _dictionary_reading(token, readings)
    out = list(readings)
    i = 0
    while i < len(token):
        for j in range(len(token), i + 1, -1):
            if cedict.has(token[i:j]):
                out[i:j] = _dictionary_reading(token[i:j], out[i:j])[0]
                i = j
                break
        else:
            i += 1
    return out, None


def _yi_wei(run: str, readings: list[str]) -> None:
    """The 以…为… pattern (以标准为引领 'take standards as the lead'): 为 reads wéi."""
    for k, ch in enumerate(run):
        if ch != "为" or _toneless(readings[k]) != "wei":
            continue
        before = run[max(0, k - 8) : k]
        opener = before.rfind("以")
        if opener < 0 or "为" in before[opener:] or before[opener + 1 :][:1] == "为":
            continue
        if (k + 1 < len(run) and run[k + 1] == "了") or (k and run[k - 1] == "因"):
            continue  # 为了 'in order to', 因为 'because'
        if opener > 0 and before[opener - 1] in "所可难足用予加":
            continue  # 所以, 可以, 加以...: 以 is part of another word
        readings[k] = "wéi"


def _is_name(token: str, cutter: WordCutter) -> bool:
    """A name jieba's HMM put together (徐斌, 田世宏): a surname, then one or two characters,
    and no word of either dictionary."""
    surname = surname_of(token)
    if surname is None or not 2 <= len(token) - len(surname) + 1 <= 3:
        return False
    return cutter.frequency(token) == 0 and not cedict.has(token) and _could_be_given_name(token, surname, cutter)


#: jieba frequency from which a word is too common to be the given name after a surname (高 水平).
_COMMON_GIVEN = 1000


def _could_be_given_name(text: str, surname: str, cutter: WordCutter) -> bool:
    """Whether what follows the surname can be a given name: the surname character does not start a
    common word (严格地, 简单地), and the rest is not a very common word (高水平)."""
    return (
        cutter.frequency(text[: len(surname) + 1]) < _COMMON_WORD
        and cutter.frequency(text[len(surname) :]) < _COMMON_GIVEN
    )


def _whole_name(run: str, tokens: list[str], cutter: WordCutter) -> bool:
    """Whether a whole run is one person's name (曾德明, 欧阳明辉): a surname and one or two
    characters, and no word of either dictionary."""
    surname = surname_of(run)
    if surname is None or not 2 <= len(run) - len(surname) + 1 <= 3:
        return False
    if cedict.has(run) or cutter.frequency(run):
        return False
    return _could_be_given_name(run, surname, cutter)


@lru_cache(maxsize=65536)
def _tag(word: str) -> str | None:
    """jieba's part of speech of ``word`` (the default segmenter's, one query of its file each): remembered."""
    return default_segmenter().tag(word)


def _merge(tokens: list[str], cutter: WordCutter) -> list[str]:
    """Join neighbours that make one dictionary word of three characters at most
    (GB/T 16159 5.3: 可 持续 -> 可持续, 碳中 和 -> 碳中和, 大湾 区 -> 大湾区), by CC-CEDICT (jieba's
    dictionary would also join particles: 之 路),
    but not a verb and its object (买 东西 stays mǎi dōngxi)."""
    out: list[str] = []
    i = 0
    n = len(tokens)
    while i < n:
        if i + 1 == n or len(tokens[i]) + len(tokens[i + 1]) > 3:  # no join of three characters at most
            out.append(tokens[i])
            i += 1
            continue
        for j in range(min(n, i + 3), i + 1, -1):
            joined = "".join(tokens[i:j])
            if (
                len(joined) <= 3
                and all(is_han(t) for t in tokens[i:j])
                and cedict.has(joined)
                and not (_tag(tokens[i]) == "v" and (_tag(tokens[i + 1]) or "").startswith("n"))
            ):
                out.append(joined)
                i = j
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _split_token(token: str, readings: list[str], capitals: tuple[bool, ...] | None, last: bool,
                 cutter: WordCutter) -> tuple[list[tuple[str, list[str]]], bool]:
    """One token as written words: a proper noun at the dictionary's capitals, an area's generic apart,
    a four-character expression as two halves, a long compound word by word."""
    n = len(token)
    cuts: list[int] = []
    if capitals is not None and (n >= 4 or (last and token[-1] in _FEATURE_GENERICS)):
        cuts = [k for k in range(1, n) if capitals[k]]
        # No piece of one character (全国人大 Quánguó Réndà; 长江三角洲 Chángjiāng Sānjiǎozhōu, the
        # river's name made the delta's proper part), but a final generic (黄河 Huáng Hé).
        bounds = [0, *cuts, n]
        cuts = [
            k for a, k, b in zip(bounds, bounds[1:], bounds[2:], strict=False)
            if (b == n and token[k:] in _FEATURE_GENERICS) or (k - a >= 2 and b - k >= 2)
        ]
    area = False
    if not cuts and n >= 2 and token.endswith(_AREA_GENERICS) and token not in _AREA_GENERICS:
        for generic in _AREA_GENERICS:
            if not token.endswith(generic):
                continue
            stem = token[: n - len(generic)]
            if stem and any(any(e[1]) for e in _dictionary(stem)):
                cuts = [len(stem)]
                area = True
                if len(generic) >= 4:  # 特别行政区: Tèbié Xíngzhèngqū
                    cuts += [len(stem) + len(p) for p in _split_long_word(generic, cutter)[:-1]]
                break
    if not cuts and n >= 4:
        pieces = _split_long_word(token, cutter)
        cuts = [sum(map(len, pieces[:k])) for k in range(1, len(pieces))]
    out = []
    start = 0
    for end in [*cuts, n]:
        out.append((token[start:end], readings[start:end]))
        start = end
    return out, area


def _han_tokens(run: str, cutter: WordCutter) -> tuple[list[str], list[str], bool]:
    """One run's readings in context, its tokens (jieba's, joined by :func:`_merge`) and whether it is one name."""
    walked = _walked(run) if cutter is default_segmenter() else None
    if walked is not None:
        readings, cut = walked
    else:
        readings = _readings_of(run)
        cut = cutter.cut(run, hmm=True)
    if "为" in run:
        _yi_wei(run, readings)
    tokens = _merge(cut, cutter)
    whole = _whole_name(run, tokens, cutter)  # a question about the run alone, asked once
    if whole:
        tokens = [run]
    return readings, tokens, whole


def _han_words(run: str, cutter: WordCutter) -> list[_Word]:
    """The written words of one run of Han characters, read and divided by GB/T 16159."""
    return _words_of(*_han_tokens(run, cutter), cutter)


def _words_of(readings: list[str], tokens: list[str], whole: bool, cutter: WordCutter) -> list[_Word]:
    """:func:`_han_words` from the run's readings, tokens and name flag."""
    words: list[_Word] = []
    start = 0
    last = len(tokens) - 1
    if cutter is default_segmenter():  # jieba's dictionary alone: a token's words depend on nothing else
        for index, token in enumerate(tokens):
            end = start + len(token)
            entry = _shared_token(token, tuple(readings[start:end]), whole, index == last and token[-1] in _FEATURE_GENERICS)
            start = end
            words.extend(
                _Word(text, list(read), proper, name, tag, hyphen) for text, read, proper, name, tag, hyphen in entry.words
            )
    else:
        for index, token in enumerate(tokens):
            here = readings[start : start + len(token)]
            start += len(token)
            words.extend(_token_words(token, here, whole, index == last, cutter))
    return _attach(words)


def _han_spellings(run: str, cutter: WordCutter, every: bool) -> list[str]:
    """The written words of one run as spelled, capitalised by :func:`_capitalise` (``every``: all of them)."""
    readings, tokens, whole = _han_tokens(run, cutter)
    if cutter is default_segmenter():
        spelled = _shared_spellings(readings, tokens, whole, every)
        if spelled is not None:
            return spelled
    words = _words_of(readings, tokens, whole, cutter)
    _capitalise(words, every=every)
    return [word.spelled() for word in _joined(words)]


def _shared_spellings(readings: list[str], tokens: list[str], whole: bool, every: bool) -> list[str] | None:
    """:func:`_han_spellings` under jieba's dictionary alone from each token's remembered spellings, or None.

    The words of a run are its tokens' words, then changed only by
    :func:`_attach`, :func:`_capitalise` and the hyphens of :func:`_joined`.
    When no token's words are changed by those among themselves
    (:attr:`_SharedToken.alone`), no rule of :func:`_attach` joins a
    token's first word to the word before it, no hyphen reaches into the
    next token and :func:`_capitalise` has nothing to do (every word
    capitalised, or no word that is proper, opens a name or is an area's
    generic), the run's spellings are its tokens' spellings one after the
    other: that is what most terms of a large import are, made of words
    already met.  Otherwise None, and the words are made and changed one by one.
    """
    out: list[str] = []
    start = 0
    last = len(tokens) - 1
    prev: _SharedToken | None = None
    for index, token in enumerate(tokens):
        end = start + len(token)
        entry = _shared_token(token, tuple(readings[start:end]), whole, index == last and token[-1] in _FEATURE_GENERICS)
        start = end
        spelled = entry.every() if every else entry.as_is
        if spelled is None:
            return None
        if prev is not None and entry.opens:
            if entry.opens == _OPENS_TO_MODIFIER:
                if prev.modifies:
                    return None
            elif _attach_rule(prev.final, entry.first) is not None:
                return None
        out.extend(spelled)
        prev = entry
    return out


#: :attr:`_SharedToken.opens`: no rule of :func:`_attach` can join the token's first word to
#: the word before it; only ``modifier`` can (a word of two characters); any rule may.
_OPENS_NEVER, _OPENS_TO_MODIFIER, _OPENS_ANY = 0, 1, 2


def _opens(word: _Word) -> int:
    """Which of :func:`_attach_rule`'s rules could join ``word`` to some word before it (see ``_OPENS_*``).

    Read off the rules' conditions on ``word`` alone: ``suffix``, ``aspect``
    and ``de`` need a word of one character listed for them, ``modifier`` a
    Han word of two characters that is no proper noun.
    """
    text = word.text
    if text in _SUFFIXES or text in _ASPECT or text == "地":
        return _OPENS_ANY
    if len(text) == 2 and is_han(text) and not word.proper:
        return _OPENS_TO_MODIFIER
    return _OPENS_NEVER


def _modifies(word: _Word) -> bool:
    """Whether ``word`` is the monosyllabic adjective that ``modifier`` joins a two-character word to."""
    return not word.name and is_han(word.text) and len(word.text) == 1 and word.tag == "a" and not word.hyphen


#: :attr:`_SharedToken.capitalised` before it is made.
_NOT_MADE: tuple[str, ...] = ()


@dataclass(slots=True)
class _SharedToken:
    """What one token becomes under jieba's dictionary alone (see :func:`_shared_token`)."""

    #: Its words as (text, readings, proper, name, tag, hyphen): fresh :class:`_Word` objects are made from them.
    words: tuple[tuple[str, tuple[str, ...], bool, bool, str | None, bool], ...]
    #: Its first and last words, only read (whether :func:`_attach` joins across the token's edge).
    first: _Word
    final: _Word
    #: :func:`_attach` changes none of its words after its first, and its last word has no hyphen.
    alone: bool
    #: No word that :func:`_capitalise` starts from: none proper, opening a name, or an area's generic.
    plain: bool
    #: What :func:`_shared_spellings` takes of it as is: its words spelled (hyphenated halves
    #: joined) when it is ``alone`` and ``plain``, else None (it cannot).
    as_is: tuple[str, ...] | None
    #: Which rules of :func:`_attach` could join its first word to the word before it (``_OPENS_*``).
    opens: int
    #: Its last word is one that ``modifier`` joins a two-character word to (:func:`_modifies`).
    modifies: bool
    #: :meth:`every`'s answer, once asked (:data:`_NOT_MADE` before).
    capitalised: tuple[str, ...] | None = _NOT_MADE

    def every(self) -> tuple[str, ...] | None:
        """What :func:`_shared_spellings` takes of it with every word capitalised (None: it cannot).

        Made when first asked: only an organisation's or a place's terms
        and titles ask, so most tokens of an import never spell it.
        """
        if self.capitalised is _NOT_MADE:
            capitals = [_Word(text, list(read), True, name, tag, hyphen) for text, read, _p, name, tag, hyphen in self.words]
            self.capitalised = tuple(w.spelled() for w in _joined(capitals)) if self.alone else None
        return self.capitalised


#: The words of this many (token, readings) pairs are remembered (about 60 MB at most).
_TOKEN_MEMO = 1 << 17


@lru_cache(maxsize=_TOKEN_MEMO)
def _shared_token(token: str, here: tuple[str, ...], whole: bool, last: bool) -> _SharedToken:
    """:func:`_token_words` with the default segmenter, remembered with the token's spellings.

    What a token becomes depends only on the token, its readings in the
    run, whether the run is one name and whether the token is the run's
    last (which only a token ending in a feature's generic asks, see
    :func:`_split_token`, so callers pass False for the others and a word's
    places share one entry): a term base's terms are made of a few tens of
    thousands of words, so an import of a million terms reads most tokens
    many times.
    """
    made = _token_words(token, list(here), whole, last, default_segmenter())
    words = tuple((w.text, tuple(w.readings), w.proper, w.name, w.tag, w.hyphen) for w in made)
    final = made[-1]
    alone = not final.hyphen and all(_ordinal_digits(w.text) <= 1 for w in made) and all(
        _attach_rule(a, b) is None for a, b in zip(made, made[1:], strict=False)
    )
    plain = not any(w.proper or w.text in _NAME_OPENERS or w.text in _AREA_GENERICS for w in made)
    # spelling and joining read the words, never change them
    as_is = tuple(w.spelled() for w in _joined(made)) if alone and plain else None
    first = made[0]  # nobody else holds them: _token_words made them for this call
    return _SharedToken(words, first, final, alone, plain, as_is, _opens(first), _modifies(final))


def _token_words(token: str, here: list[str], whole: bool, last: bool, cutter: WordCutter) -> list[_Word]:
    """The written words of one of jieba's tokens of a run, read ``here`` in the run's context."""
    words: list[_Word] = []
    tag = _tag(token)
    if whole or _is_name(token, cutter):
        words.append(_Word(token, _toned_name(token), name=True))
        return words
    if len(token) == 4 and tag in _IDIOM_TAGS and not cedict.has(token) and len(_split_long_word(token, cutter)) == 1:
        read, _caps = _read(token, here)
        words.append(_Word(token[:2], read[:2], tag=tag, hyphen=True))
        words.append(_Word(token[2:], read[2:], tag=tag))
        return words
    read, capitals = _read(token, here)
    surname = surname_of(token)
    in_dictionary = (  # 欧阳修 [Ou1 yang2 Xiu1]: a person CC-CEDICT writes as one
        capitals is not None and surname and len(token) - len(surname) in (1, 2) and len(token) >= 3
        and capitals[len(surname)] and not any(capitals[1 : len(surname)])
    )
    if in_dictionary or (
        tag == "nr"
        and surname
        and 2 <= len(token) - len(surname) + 1 <= 3
        and (capitals is not None or not cedict.has(token))
        and _could_be_given_name(token, surname, cutter)
    ):
        words.append(_Word(token, _toned_name(token), name=True))  # 王小明, a person jieba knows
        return words
    pieces, area = _split_token(token, read, capitals, last, cutter)
    for piece, piece_readings in pieces:
        if len(piece) >= 2 and piece != token:
            piece_readings, piece_caps = _dictionary_reading(piece, piece_readings)
        else:
            piece_caps = capitals
        proper = capitals is not None or piece_caps is not None or area
        if not proper and not cedict.has(piece) and _tag(piece) in ("ns", "nt"):
            proper = True
        words.append(_Word(piece, list(piece_readings), proper=proper, tag=tag))
    return words


def _toned_name(name: str) -> list[str]:
    """One toned syllable per character of a person's name, as :func:`tone_name` reads it."""
    _size, readings = _name_readings(name)
    pp = _pypinyin()
    toned: list[str] = []
    for ch, base in zip(name, readings, strict=True):
        options = pp.pinyin(ch, style=pp.Style.TONE, heteronym=True)[0]
        toned.append(next((o for o in options if _toneless(o) == base), _with_umlaut(base)))
    return toned


def _attach_rule(prev: _Word | None, word: _Word) -> str | None:
    """Which of :func:`_attach`'s rules joins ``word`` to ``prev`` or changes it (None: neither).

    ``suffix`` and ``aspect`` join it, ``de`` reads adverbial 地 de,
    ``modifier`` joins a word to a monosyllabic adjective before it.  One
    function for :func:`_attach` and for :func:`_shared_spellings`, which
    must know that no rule applies.
    """
    if prev is None or prev.name or not is_han(prev.text):
        return None
    text = word.text
    if text in _SUFFIXES and len(prev.text) >= 2:
        return "suffix"
    if text in _ASPECT and _toneless(word.readings[0]) == _ASPECT[text]:
        return "aspect"
    if text == "地" and len(prev.text) >= 2 and not prev.proper:
        return "de"
    if (len(prev.text) == 1 and prev.tag == "a" and len(text) == 2 and is_han(text)
            and not word.proper and not prev.hyphen):
        return "modifier"
    return None


def _ordinal_digits(text: str) -> int:
    """How far the numeral after a leading 第 reaches (第二届 -> 2); 0 or 1: no such numeral."""
    if len(text) < 2 or text[0] != "第":
        return 0
    return len(text) - len(text[1:].lstrip(_NUMERAL_CHARS))


def _attach(words: list[_Word]) -> list[_Word]:
    """Suffixes and aspect particles join their word; adverbial 地 reads de; 第 joins its numeral."""
    out: list[_Word] = []
    for word in words:
        prev = out[-1] if out else None
        text = word.text
        rule = _attach_rule(prev, word)
        if rule is not None:
            assert prev is not None
            if rule == "suffix":
                prev.text += text
                prev.readings += word.readings
                if len(out) >= 2 and out[-2].text == "不":
                    # 不确定度: the suffix makes one word of 不 and its phrase (bùquèdìngdù)
                    out[-2].text += prev.text
                    out[-2].readings += prev.readings
                    out.pop()
                continue
            if rule == "aspect":
                prev.text += text
                prev.readings.append(_ASPECT[text])
                continue
            if rule == "de":
                word.readings = ["de"]
            else:
                # a monosyllabic modifier and its word: one three-syllable concept (软联通 ruǎnliántōng)
                prev.text += text
                prev.readings += word.readings
                continue
        digits = _ordinal_digits(text)
        if digits > 1:
            # 第一 dì-yī, 第二届 dì-èr jiè: 第 joins its numeral by a hyphen, the measure word apart
            out.append(_Word("第", word.readings[:1], hyphen=True))
            out.append(_Word(text[1:digits], word.readings[1:digits]))
            if text[digits:]:
                out.append(_Word(text[digits:], word.readings[digits:]))
            continue
        out.append(word)
    return out


def _closes_name(word: _Word) -> bool:
    """Whether ``word`` is the generic that ends an organisation's, event's or document's name."""
    return word.text in _NAME_GENERICS or (len(word.text) >= 2 and word.text[-1] in _GENERIC_ENDINGS)


def _capitalise(words: list[_Word], every: bool = False) -> None:
    """Capitalise the words of proper names (GB/T 16159 6.3): every word of an organisation's,
    an event's or a document's name, from its opener to its generic (国家…总局, 世界…日)."""
    if every:
        for word in words:
            word.proper = True
        return
    i = 0
    while i < len(words):
        word = words[i]
        if i and word.text in _AREA_GENERICS and not words[i - 1].name and (
            words[i - 1].proper or (i == len(words) - 1 and not cedict.has(words[i - 1].text))
        ):
            # 雄安 新区: Xióng'ān Xīnqū (a new name the dictionaries lack, then an area's generic)
            words[i - 1].proper = word.proper = True
        if word.text in _NAME_OPENERS or word.proper:
            end = None
            for j in range(i + 1, min(len(words), i + 1 + _NAME_REACH)):
                if _closes_name(words[j]) or (
                    j == i + 1 == len(words) - 1 and word.proper and words[j].text in _GROUPS
                ):
                    end = j
                elif words[j].tag == "v" and j + 1 < len(words) and _closes_name(words[j + 1]):
                    continue  # 世界 认可 日: a verb naming what the day is for
                elif words[j].text in _NAME_LINKS:
                    continue
                elif words[j].tag in _NAME_STOPS or words[j].name or words[j].text in ("的", "地", "得"):
                    break
            if end is not None:
                for k in range(i, end + 1):
                    words[k].proper = words[k].text not in _NAME_LINKS
                i = end + 1
                continue
        i += 1


class _Memo:
    """:func:`tone_pinyin`'s answers on jieba's dictionary alone, in an SQLite file of the cache folder.

    A pure function's results keyed by its input: the file's name carries a
    stamp of everything the answer depends on (this module, the segmenter,
    the surname tables, jieba's dictionary and pypinyin's, by size and
    modification time), so a changed one starts a new file.  Any failure
    (no writable folder, a locked file) only means computing the answer.
    """

    def __init__(self) -> None:
        self._conn: Any = None
        self._failed = False
        self._pid = 0

    def _open(self) -> Any:
        if self._pid != os.getpid():
            # A connection must not cross a fork (lint's workers): each process opens its own.
            self._conn, self._failed, self._pid = None, False, os.getpid()
        if self._conn is None and not self._failed:
            import sqlite3

            try:
                here = os.path.dirname(os.path.abspath(__file__))
                jieba = importlib.util.find_spec("jieba")
                pypinyin = importlib.util.find_spec("pypinyin")
                if jieba is None or pypinyin is None or not jieba.origin or not pypinyin.origin:
                    raise OSError("jieba or pypinyin is not installed")
                dictionary = cedict.path()
                stamp = file_stamp(
                    os.path.abspath(__file__),
                    os.path.join(here, "cedict.py"),
                    *([str(dictionary)] if dictionary else []),
                    os.path.join(here, "segment.py"),
                    os.path.join(here, "names.py"),
                    os.path.join(os.path.dirname(jieba.origin), "dict.txt"),
                    os.path.join(os.path.dirname(pypinyin.origin), "pinyin_dict.json"),
                    os.path.join(os.path.dirname(pypinyin.origin), "phrases_dict.json"),
                )
                folder = cache_folder()
                os.makedirs(folder, exist_ok=True)
                conn = sqlite3.connect(os.path.join(folder, f"pinyin-v1-{stamp}.sqlite"), timeout=0.5)
                conn.execute("PRAGMA synchronous = OFF")
                conn.execute("CREATE TABLE IF NOT EXISTS p (text TEXT PRIMARY KEY, pinyin TEXT) WITHOUT ROWID")
                self._conn = conn
            except (OSError, sqlite3.Error):
                self._failed = True
        return self._conn

    def get(self, text: str) -> str | None:
        conn = self._open()
        if conn is None:
            return None
        try:
            row = conn.execute("SELECT pinyin FROM p WHERE text = ?", (text,)).fetchone()
        except Exception:  # noqa: BLE001 - a cache that cannot answer is a miss
            return None
        return row[0] if row else None

    def put(self, text: str, value: str) -> None:
        conn = self._open()
        if conn is None:
            return
        try:
            with conn:
                conn.execute("INSERT OR REPLACE INTO p VALUES (?, ?)", (text, value))
        except Exception:  # noqa: BLE001 - a cache that cannot learn is still correct
            return


_MEMO = _Memo()


def _split_long_word(word: str, segmenter: WordCutter) -> list[str]:
    """Split a name of four or more characters into its dictionary words.

    jieba keeps 西安交通大学 or 中华人民共和国 whole, but GB/T 16159 writes
    such names word by word (Xī'ān Jiāotōng Dàxué).  The split maximises the
    summed log frequency of its pieces, each a common dictionary word of two
    or more characters, which favours the finest split into real words;
    compounds whose parts are not common words (二氧化碳) stay whole.
    """
    if len(word) < 4:
        return [word]
    frequency = segmenter.frequency
    n = len(word)
    best: list[tuple[float, int] | None] = [None] * (n + 1)
    best[0] = (0.0, 0)
    for p in range(n - 1):
        here = best[p]
        if here is None:
            continue
        for q in range(p + 2, n + 1):
            count = frequency(word[p:q]) or (_COMMON_WORD if cedict.has(word[p:q]) else 0)
            if (p, q) == (0, n) or count < _COMMON_WORD:
                continue
            score = here[0] + math.log(count)
            if best[q] is None or score > best[q][0]:  # type: ignore[index]
                best[q] = (score, p)
    if best[n] is None:
        return [word]
    out: list[str] = []
    q = n
    while q > 0:
        p = best[q][1]  # type: ignore[index]
        out.append(word[p:q])
        q = p
    return out[::-1]


def _split_surname(han: str) -> tuple[str, str]:
    if len(han) > 2 and han[:2] in COMPOUND_SURNAMES:
        return han[:2], han[2:]
    return han[:1], han[1:]


@lru_cache(maxsize=8192)
def _name_readings(han: str) -> tuple[int, tuple[str, ...]]:
    """Surname length and one reading per character of a name, toneless with ``v``.

    The surname is read from the surname tables when listed there, else
    alone; the given name is read as a phrase (pypinyin's context).
    """
    surname, given = _split_surname(han)
    if surname in COMPOUND_SURNAMES:
        sur = COMPOUND_SURNAMES[surname]
    elif surname in SURNAME_READINGS:
        sur = (SURNAME_READINGS[surname],)
    else:
        sur = tuple(r if is_han(r) else _toneless(r) for r in _run_readings(surname))
    giv = tuple(
        GIVEN_NAME_READINGS.get(ch) or (r if is_han(r) else _toneless(r))
        for ch, r in zip(given, _run_readings(given), strict=True)
    )
    return len(surname), sur + giv


def _name_word(sylls: Sequence[str]) -> str:
    return _capitalize(_join_syllables([_with_umlaut(s) for s in sylls]))


def tone_name(zh: str, segmenter: WordCutter | None = None) -> str:
    """A person name with tone marks in GB/T 28039 form: '李贊' -> 'Lǐ Zàn', '曾征' -> 'Zēng Zhēng'.

    The readings are those :func:`romanize_name` chooses (surname tables
    included); the tone comes from the character's own reading that has
    that spelling, so a surname reading such as 曾 zēng keeps its tone.
    """
    zh = zh.strip()
    if not is_han(zh) or not 2 <= len(zh) <= 4 or not all(is_han(ch) for ch in zh):
        return tone_pinyin(zh, segmenter)
    size, readings = _name_readings(zh)
    pp = _pypinyin()
    toned: list[str] = []
    for ch, base in zip(zh, readings, strict=True):
        options = pp.pinyin(ch, style=pp.Style.TONE, heteronym=True)[0]
        toned.append(next((o for o in options if _toneless(o) == base), _with_umlaut(base)))
    surname = _capitalize(_join_syllables(toned[:size]))
    given = _capitalize(_join_syllables(toned[size:]))
    return f"{surname} {given}".strip()


def romanize_name(zh: str) -> str:
    """A Chinese person name by GB/T 28039: '陈建平' -> 'Chen Jianping', '欧阳修' -> 'Ouyang Xiu'.

    Surname first and separate, given name as one word, both capitalised;
    surname readings from :data:`SURNAME_READINGS` / :data:`COMPOUND_SURNAMES`
    ('曾征' -> 'Zeng Zheng'); ü kept ('Lü'); apostrophe before a/o/e inside a
    word.  Names with an interpunct (阿沛·阿旺晋美) are romanized word by
    word without surname rules; text without Han characters comes back as is.
    """
    zh = zh.strip()
    if not is_han(zh):
        return zh
    pieces = [p for p in re.split(r"[\s·・•‧.]+", zh) if p]
    if len(pieces) > 1:
        return " ".join(_one_word(p) for p in pieces)
    han = "".join(ch for ch in zh if is_han(ch))
    n_sur, readings = _name_readings(han)
    words = [_name_word(readings[:n_sur])]
    if readings[n_sur:]:
        words.append(_name_word(readings[n_sur:]))
    return " ".join(words)


def _one_word(zh: str) -> str:
    """Han runs as one capitalised toneless word each ('阿旺晋美' -> 'Awangjinmei'), Latin kept."""
    words: list[str] = []
    for run, han in _runs(zh.strip()):
        if han:
            sylls = [_with_umlaut(_toneless(r)) if not is_han(r) else r for r in _run_readings(run)]
            words.append(_capitalize(_join_syllables(sylls)))
        else:
            words.extend(run.split())
    return " ".join(words)


def _untoned(text: str) -> str:
    """Tone-marked pinyin without its tone marks, ü kept: "Cháoyáng Qū" -> 'Chaoyang Qu'."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(d for d in decomposed if not unicodedata.combining(d) or d == _DIAERESIS)
    return unicodedata.normalize("NFC", kept)


def romanize_place(zh: str) -> str:
    """A place name by GB/T 16159: '西安' -> "Xi'an", '朝阳区' -> 'Chaoyang Qu', '黄河' -> 'Huang He'.

    The words and capitals of :func:`tone_pinyin` for a place (the proper
    part and the generic apart, each capitalised), without tone marks (ü
    kept, apostrophes inserted); no conventional or minority-language forms
    ('Nei Mongol'): '内蒙古' -> 'Neimenggu'.  Latin text and digits are kept as printed.
    """
    return _untoned(tone_pinyin(zh.strip(), kind="place"))


def _spells(en: str, zh: str) -> bool:
    """Whether an English place name is the pinyin of the Chinese one, at least its first word:
    "Xi'an" for 西安, 'Chaoyang District' for 朝阳区; not 'Mongolia' for 蒙古."""
    first = _latin_key(en.split()[0]) if en.split() else ""
    key = pinyin_key(zh)
    return bool(first) and (key.startswith(first) or first.startswith(key))


def term_reading(zh: str, concept_type: str, english: Iterable[str] = ()) -> tuple[str, str | None]:
    """The pinyin and the GB/T 16159 romanization of a Chinese term of a concept of ``concept_type``.

    One function for every way a term enters a term base (build, import),
    so the same word is read, divided and capitalised the same way in every
    entry: a person by GB/T 28039 (:func:`tone_name`, :func:`romanize_name`),
    an organisation or a place with every word capitalised, anything else
    with its proper nouns capitalised (:func:`tone_pinyin`).  A place gets
    its romanization only when its English name (``english``, if any is
    given) is its pinyin: a foreign place's Chinese exonym (蒙古 for
    Mongolia, 比利时 for Belgium) has no GB/T 16159 spelling a CAT user
    should take for its English.
    """
    cutter = default_segmenter()  # not the memo: a bulk import would write every answer to it
    if concept_type == "person":
        return tone_name(zh, cutter), romanize_name(zh)
    spoken = tone_pinyin(zh, cutter, kind=concept_type if concept_type in _PROPER_KINDS else None)
    if concept_type != "place":
        return spoken, None
    names = [en for en in english if en.strip()]
    if names and not any(_spells(en, zh) for en in names):
        return spoken, None
    return spoken, _untoned(spoken)


def prepare() -> None:
    """Load every table :func:`term_reading` reads, now: before a bulk reader forks its workers.

    pypinyin and its phrase walk (:func:`_phrase_steps`), CC-CEDICT's
    readings, jieba's dictionary, its parts of speech (in memory, instead of
    an SQLite query a token), the two walked as one (:func:`_walk_table`,
    which stands for the segmenter's own lexicon) and its HMM.  Loaded once
    here, the forked workers share them (copy on write) instead of each
    loading them again on its first terms (some 3 s of CPU a worker).
    """
    _pypinyin()
    _engine()
    if _phrase_tables() is not None:
        _phrase_steps()
    cedict.has("")
    cutter = default_segmenter()
    cutter.load_dictionary()
    cutter.load_tags()
    _walk_table()
    from jieba import finalseg  # noqa: F401 - its model is read on import: before the fork, not in each worker


def syllables(text: str, heteronym: bool = False, surname: bool = False) -> list[list[str]]:
    """Per character of ``text``, its toneless readings (lowercase, ü as ``v``).

    One list per character, so indexes match ``text``; a character with no
    reading (Latin, punctuation, an ideograph pypinyin lacks) gets ``[]``.
    Without ``heteronym`` the single reading is the one in context; with it,
    that reading comes first and every other reading of the character
    follows.  ``surname=True`` reads the leading one or two characters as a
    surname (单 shan, 曾 zeng, 长孙 zhang sun).
    """
    out: list[list[str]] = []
    for run, han in _runs(text):
        if not han:
            out.extend([] for _ in run)
            continue
        if surname and not out:
            n_sur, context = _name_readings(run)
        else:
            n_sur, context = 0, tuple(_toneless(r) for r in _run_readings(run))
        for k, ch in enumerate(run):
            first = context[k] if not is_han(context[k]) else ""
            readings = [first] if first else []
            if heteronym:
                readings.extend(_toneless(r) for r in _char_readings(ch))
                if k < n_sur and ch in SURNAME_READINGS and len(run) > 1:
                    readings.append(SURNAME_READINGS[ch])
            out.append(list(dict.fromkeys(r for r in readings if r)))
    return out


# ---------------------------------------------------------------------------
# Search keys
# ---------------------------------------------------------------------------

_NON_LETTERS_RE = re.compile(r"[^a-z]+")


_DIGITS_RE = re.compile(r"[0-9]+")


def _canon_key(key: str) -> str:
    if key.startswith(("lyu", "nyu")):
        return key[0] + "v" + key[3:]
    return key


def _latin_key(text: str) -> str:
    # Tone numbers sit inside a word (lyu3, ly3u): drop them before words are
    # split, so that a digit never makes a word boundary the key lacks later.
    folded = _DIGITS_RE.sub("", _folded(text))
    words = [w for w in _NON_LETTERS_RE.split(folded) if w]
    # Once more on the whole: 'LY:U' joins to 'lyu', which a second pass would
    # read as lü; a key must be its own key (idempotent), so read it so now.
    return _canon_key("".join(_canon_key(w) for w in words))


def pinyin_key(text: str) -> str:
    """A search key: toneless lowercase ASCII letters, no separators, ü as ``v``.

    Chinese text is read with pypinyin; Latin text is folded without it, so
    'biāo zhǔn huà', 'biaozhunhua', 'Biao-zhun-hua' and '标准化' share a key,
    as do "Xi'an"/'西安' and 'Lü'/'lv'/'Lyu'/'吕'.  Digits and punctuation
    are dropped, which also makes tone numbers ('biao1zhun3') harmless.

    ``yu`` is read as ü only at the start of a word (the passport spelling
    ``Lyu``); inside a word ``nyu`` is usually n+yu (jinyu 金鱼).  ``Lu``
    for 吕 cannot be told from 陆 ``lu``: a lookup that wants it should also
    try the key with ``lu``/``nu`` turned into ``lv``/``nv``.
    """
    if not is_han(text):
        return _latin_key(text)
    pieces: list[str] = []
    for run, han in _runs(text):
        if han:
            pieces.extend(_NON_LETTERS_RE.sub("", _toneless(r)) for r in _run_readings(run))
        else:
            pieces.append(_latin_key(run))
    return _canon_key("".join(pieces))


# ---------------------------------------------------------------------------
# Romanized person names
# ---------------------------------------------------------------------------

_NAME_TRIM = ",;:.*\"()[]"


def _name_tokens(en: str) -> list[str]:
    return [t for t in (w.strip(_NAME_TRIM) for w in en.split()) if t]


def is_romanized_chinese_name(en: str) -> bool:
    """Whether ``en`` looks like a pinyin person name: 'Chen Jianping', 'JIN Jili', 'Zhang Xiao-gang'.

    Two or three capitalised words, each made only of pinyin syllables
    (hyphens and apostrophes allowed), two to four syllables in all.
    'Betty Xu' and 'Sergio Mujica' fail on the word that is not pinyin; a
    Western name that happens to be pinyin ('Dan Li') passes.
    """
    tokens = _name_tokens(en)
    if not 2 <= len(tokens) <= 3:
        return False
    lo = hi = 0
    for token in tokens:
        if not token[0].isupper():
            return False
        parts = _parts(token)
        if not parts:
            return False
        for part in parts:
            counts = _count_range(part)
            if counts is None:
                return False
            lo, hi = lo + counts[0], hi + counts[1]
    return lo <= 4 and hi >= 2


@dataclass
class NameCheck:
    """The verdict on one English/Chinese name pair, with what an editor needs to fix it."""

    ok: bool
    western: bool
    expected: str
    printed: str
    reason: str | None = None
    mismatches: list[tuple[str, list[str], str]] = field(default_factory=list)


@lru_cache(maxsize=8192)
def _name_candidates(han: str) -> tuple[tuple[frozenset[str], ...], tuple[tuple[str, ...], ...]]:
    """Per character: accepted spellings, and toned readings for messages (name reading first)."""
    n_sur, context = _name_readings(han)
    spell: list[frozenset[str]] = []
    shown: list[tuple[str, ...]] = []
    for k, ch in enumerate(han):
        toned = _char_readings(ch)
        readings = [context[k], *toned]
        if k < n_sur and ch in SURNAME_READINGS:
            readings.append(SURNAME_READINGS[ch])
        # In surname position only the surname readings spell it (曾 Zeng, never Ceng).
        strict = surname_position_readings(han[:n_sur], k) if k < n_sur else None
        spell.append(_spellings(strict or (r for r in readings if not is_han(r))))
        first = [t for t in toned if _toneless(t) == context[k]][:1] or [context[k]]
        if strict:
            toned = tuple(t for t in toned if _toneless(t) in strict) or strict
        shown.append(tuple(dict.fromkeys([*first, *toned])))
    return tuple(spell), tuple(shown)


def _orders(tokens: list[str]) -> list[list[str]]:
    orders = [tokens]
    if len(tokens) >= 2:
        orders.append([tokens[-1], *tokens[:-1]])  # 'Jianping Chen'
    return orders


def _locate(tokens: Sequence[str]) -> tuple[str, frozenset[int], list[tuple[str, int]]] | None:
    """Fold printed tokens; map each folded char back to (token, index) for messages."""
    folded = ""
    bounds: set[int] = set()
    origin: list[tuple[str, int]] = []
    for token in tokens:
        for match in _NAME_CHUNK_RE.finditer(token):
            chunk, offset = match.group(), match.start()
            text, where = _fold(chunk)
            if not text.isascii() or not text.isalpha():
                return None
            if folded:
                bounds.add(len(folded))
            folded += text
            origin.extend((token, offset + w) for w in where)
    return folded, frozenset(bounds), origin


def _not_pinyin(token: str) -> bool:
    parts = _parts(token)
    return not parts or any(_best_parse(part) is None for part in parts)


def verify_name(en: str, zh: str) -> NameCheck:
    """Check that the English name is a pinyin spelling of the Chinese one.

    Accepted: any reading of each character (牟 mou/mu, 曾 zeng/ceng), surname
    readings, ü written u, v, yu or ü (Lü/Lu/Lv/Lyu 吕), given names joined,
    hyphenated or spaced, surname first or last, any capitalisation.  When
    the letters are not pinyin at all ('Betty Xu' for 徐斌) the English holds
    a Western name: ``western=True`` and ``ok=True``, since it is not an
    error but cannot be verified.  Otherwise a mismatch names each
    character, its readings and the printed syllable.
    """
    printed = en.strip()
    han = "".join(ch for ch in zh if is_han(ch))
    expected = romanize_name(zh)
    if not han:
        reason = _("'{zh}' has no Chinese characters").format(zh=zh)
        return NameCheck(False, False, expected, printed, reason)
    tokens = _name_tokens(printed)
    if not tokens:
        reason = _("no name is printed for {zh}").format(zh=zh)
        return NameCheck(False, False, expected, printed, reason)
    spell, shown = _name_candidates(han)
    best: tuple[_Alignment, list[tuple[str, int]]] | None = None
    located_any = False
    for order in _orders(tokens):
        located = _locate(order)
        if located is None or not located[0]:
            continue
        located_any = True
        folded, bounds, origin = located
        result = _align(folded, bounds, spell, len(han))
        if result is not None and (best is None or result.cost < best[0].cost):
            best = (result, origin)
            if result.cost == 0:
                return NameCheck(True, False, expected, printed)
    if not located_any or any(_not_pinyin(token) for token in tokens):
        # Letters that are not pinyin at all: a Western name, not a misspelling.
        return NameCheck(True, True, expected, printed)
    if best is None:
        reason = _("'{printed}' does not spell {zh} ({expected}): {count} syllables expected").format(
            printed=printed, zh=han, expected=expected, count=len(han)
        )
        return NameCheck(False, False, expected, printed, reason)
    result, origin = best
    mismatches: list[tuple[str, list[str], str]] = []
    for index, start, end, hit in result.steps:
        if hit:
            continue
        token, first = origin[start]
        _token, last = origin[end - 1]
        mismatches.append((han[index], list(shown[index]), token[first : last + 1]))
    reason = "; ".join(
        _("{char} reads {readings}, printed '{printed}'").format(
            char=char, readings=", ".join(readings), printed=text
        )
        for char, readings, text in mismatches
    )
    return NameCheck(False, False, expected, printed, reason, mismatches)


def name_matches(en: str, zh: str) -> bool:
    """Whether the two are the same person's name by pinyin (a Western name never matches)."""
    check = verify_name(en, zh)
    return check.ok and not check.western
