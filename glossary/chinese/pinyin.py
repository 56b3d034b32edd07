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

from glossary.chinese.names import (
    COMPOUND_SURNAMES,
    GIVEN_NAME_READINGS,
    SURNAME_READINGS,
    surname_position_readings,
)
from glossary.chinese.segment import WordCutter, cache_folder, default_segmenter, file_stamp
from glossary.i18n import _
from glossary.text.script import HAN_OR_OTHER_RUN, is_han

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


def _toneless(reading: str) -> str:
    """A toned reading (``lǚ``) as its toneless ASCII form (``lv``)."""
    return _fold(reading)[0]


def _with_umlaut(toneless: str) -> str:
    return toneless.replace("v", "ü")


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


def _join_syllables(sylls: Sequence[str]) -> str:
    """Join one word's syllables, with GB/T 16159's apostrophe before a/o/e."""
    out: list[str] = []
    for k, syl in enumerate(sylls):
        if k and syl and _fold(syl[0])[0][:1] in _VOWEL_START:
            out.append("'")
        out.append(syl)
    return "".join(out)


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


@lru_cache(maxsize=4096)
def _run_readings(run: str) -> tuple[str, ...]:
    """Toned readings of a run of Han characters, one per character, read in context.

    A character pypinyin cannot read stays as itself.
    """
    py = _pypinyin()
    out = py.lazy_pinyin(run, style=py.Style.TONE, errors=_keep_chars)
    if len(out) != len(run):  # defensive: never let readings drift off their characters
        out = [(_char_readings(ch) or (ch,))[0] for ch in run]
    return tuple(out)


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


def tone_pinyin(text: str, segmenter: WordCutter | None = None) -> str:
    """Hanyu Pinyin with tone marks, one word per segmented word: '世界标准日' -> 'shìjiè biāozhǔn rì'.

    Readings come from pypinyin over the whole Han run (so phrases pick the
    right heteronym); jieba (``cut`` with its HMM) only decides where words begin, as GB/T 16159
    writes a word's syllables together.  Latin text, digits and codes are
    kept as printed, as separate words ('2024年' -> '2024 nián'); Chinese
    punctuation becomes its ASCII counterpart, attached the English way.
    Output is lowercase: capitalising proper nouns needs knowledge we lack.

    ``segmenter`` decides the words: ``glossary build`` passes its session
    (jieba with the words it added); without one, jieba's dictionary alone
    (:func:`glossary.chinese.segment.default_segmenter`, which reads only
    the words it needs, so a check that shows one term's pinyin stays fast).
    Those answers are also remembered across processes (:class:`_Memo`):
    a check that shows the pinyin of a term stored without one (an imported
    term) then imports neither pypinyin (0.2 s) nor jieba.
    """
    if segmenter is None:
        remembered = _MEMO.get(text)
        if remembered is None:
            remembered = _tone_pinyin(text, default_segmenter())
            _MEMO.put(text, remembered)
        return remembered
    return _tone_pinyin(text, segmenter)


def _tone_pinyin(text: str, cutter: WordCutter) -> str:
    tokens: list[tuple[str, str]] = []
    for run, han in _runs(text):
        if not han:
            tokens.extend(_latin_tokens(run))
            continue
        readings = _run_readings(run)
        start = 0
        for segment in cutter.cut(run, hmm=True):
            for word in _split_long_word(segment, cutter):
                sylls = readings[start : start + len(word)]
                start += len(word)
                tokens.append((_join_syllables(sylls), "word"))
    return _join_tokens(tokens)


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
                stamp = file_stamp(
                    os.path.abspath(__file__),
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
            count = frequency(word[p:q])
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
        return " ".join(romanize_place(p) for p in pieces)
    han = "".join(ch for ch in zh if is_han(ch))
    n_sur, readings = _name_readings(han)
    words = [_name_word(readings[:n_sur])]
    if readings[n_sur:]:
        words.append(_name_word(readings[n_sur:]))
    return " ".join(words)


def romanize_place(zh: str) -> str:
    """A place name as one capitalised pinyin word: '西安' -> "Xi'an", '内蒙古' -> 'Neimenggu'.

    Plain GB/T 16159 spelling without tone marks (ü kept, apostrophes
    inserted); no conventional or minority-language forms ('Nei Mongol').
    Latin text and digits are kept as printed, each a word of its own.
    """
    words: list[str] = []
    for run, han in _runs(zh.strip()):
        if han:
            sylls = [_with_umlaut(_toneless(r)) if not is_han(r) else r for r in _run_readings(run)]
            words.append(_capitalize(_join_syllables(sylls)))
        else:
            words.extend(run.split())
    return " ".join(words)


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
    folded = _DIGITS_RE.sub("", _fold(text)[0])
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
