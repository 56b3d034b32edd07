"""Align the terms inside paired titles (``World Standards Day`` / 世界标准日 inside a headline).

Translators check terms, not headlines, so ``glossary build`` asks this module for the
sub-terms of every English/Chinese title pair. The method is evidence-based linking:

1. Tokenize. English into words, numbers and codes (``IEC/TC 88`` stays one token); Chinese
   into Latin/code/number runs (tokenized like English, so ``IEC 1906`` matches on both sides)
   and CJK runs segmented by jieba in a session of this call (:class:`JiebaSession`), into which
   the term base's known Chinese terms and the supplementary vocabulary are added so that they
   stay whole (jieba's process-wide dictionary is never changed).
2. Propose candidate spans on each side: contiguous, not across punctuation, not starting or
   ending with a function word, and containing no headline verb (``held``, 召开): a term is a
   noun phrase, and refusing verbs is what keeps loose headlines from yielding phrases.
   English verbs are told by CC-CEDICT (:func:`glossary.evidence.verb_form`: a word glossed
   ``to WORD`` more than ``WORD``), so a phrase never starts with a finite verb
   (``unifies food safety``), and a gloss that is only ever a verb (扬帆 *to set sail*) is no term.
3. Score each (English span, Chinese span) by independent kinds of evidence, combined by
   noisy-OR (each is a chance of being right; two weak witnesses beat one):
   ``known`` (already in the term base), ``dictionary`` (a CC-CEDICT/supplement headword whose
   gloss is the span), ``composition`` (every English content word is a gloss of some Chinese
   word of the span and every Chinese word glosses some English word), ``pinyin`` (places and
   names), ``parenthesis`` (``国际标准化组织(ISO)``), ``identical`` (codes), ``number`` (the
   same number on both sides inside the term), ``cooccurrence`` (Dice over all pairs passed
   in, one-to-one by competitive linking) and ``learned`` (a composition that reads a word
   sense no dictionary has but the titles passed in teach: 计量 *metrology*, 认可
   *accreditation*; :func:`glossary.evidence.learned_senses`).
4. Link within each title greedily, best tier first and the longest span first inside a tier,
   keeping links one-to-one (no token used twice). Spans that only a guess could link stay
   unaligned.

Decisions (documented for reviewers):

* The lexical evidence (weights, dictionary, composition, everyday vs domain words, verbs)
  lives in :mod:`glossary.evidence`, shared with ``glossary extract``; its weights rank the
  candidates while linking.  The confidence a term is shown rests on a probability of being right:
  :func:`term_features` describes the term (its kinds of evidence, the linking strength, the
  inference-only cap of :func:`glossary.evidence.calibrated`, lone word, fragment, name, rival
  readings, recurrence) and :mod:`glossary.calibration` maps that to P(right) with a small
  logistic map fitted on the development headlines (``python bench/fit_confidence.py``
  refits it after any change to candidate generation), shown on the tiers' scale: 0.75 is
  put at the probability from which the development proposals were 95 % right out of
  fold with 80 % confidence (calibration.place_preferred), so a preferred term is one a reviewer may trust (the probability is kept beside it).
* Two terms side by side (``smart city`` + ``standards system``) are two terms: the half beside
  an accepted term is admitted, and the whole is not lifted as an extension.

* ``ACCEPT`` = 0.75: at or above it a term is ``preferred``; between ``DROP`` (0.5) and
  ``ACCEPT`` it is returned as ``admitted`` with the ``review`` flag for a terminologist;
  a link below ``DROP`` is dropped while linking (by its strength).  A term's probability
  may still fall below ``DROP``: it is then admitted for review like the rest, showing that
  number (the confidence map says how sure a proposal is; what is proposed is the linking's). A lone generic word (``speeches`` / 发言) found only in a
  dictionary scores below ``DROP``: a headline word is not a term until it recurs.
* Years and bare numbers (``2024`` / ``2024年``, ``123rd`` / 第123届) are anchors and evidence,
  never terms; terms do not begin or end with one.
* Whole-title pairs are not returned (the build stores the titles themselves).
* English is matched case-folded, singular, hyphens as spaces; the term keeps the casing it was
  printed with, except that a title-initial capital is dropped from a common-noun term
  (``Association standards`` -> ``association standards``) and an ALL-CAPS span takes the
  casing of another occurrence, else Title Case for names and lower case for other terms.
* Single-character Chinese abbreviations (在京: 京 = Beijing) are left unaligned unless known.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from glossary import calibration
from glossary.align_dict import (
    STOPWORDS,
    SUPPLEMENT,
    Dictionary,
    SenseDictionary,
    TermDictionary,
    content_stems,
)
from glossary.chinese.names import SURNAMES
from glossary.chinese.segment import JiebaSession
from glossary.evidence import (
    GENERIC_MAX_FREQ,
    REVIEW_CAP,
    WEIGHTS,
    calibrated,
    composes,
    everyday,
    general_frequency,
    learned_senses,
    noisy_or,
    participle,
    verb_form,
    word_parts,
)
from glossary.evidence import dictionary as load_dictionary
from glossary.evidence import zh_units as dictionary_units
from glossary.model import Source, normalize_text
from glossary.text.english import en_key, fold
from glossary.text.english import gloss_stem as stem
from glossary.text.script import HAN_RUN

ACCEPT = calibration.PREFERRED
DROP = calibration.ADMITTED

#: A lone word (标准化 / standardization) becomes a term only if its Dice across the pairs
#: reaches this: the vocabulary of headlines (发展 / development) recurs, but less faithfully.
GENERIC_DICE = 0.8
MAX_EN = 7
MAX_ZH = 6


@dataclass
class TitlePair:
    en: str
    zh: str
    uid: str
    source: Source


@dataclass
class AlignedTerm:
    en: str
    zh: str
    type: str
    confidence: float
    evidence: list[str]
    status: str
    parents: list[tuple[str, Source]] = field(default_factory=list)
    #: What the confidence was computed from (:func:`term_features`); refitting reads it.
    features: dict[str, float] = field(default_factory=dict)
    #: P(right) under the confidence map; ``confidence`` is it on the tiers' scale
    #: (:func:`glossary.calibration.tier_score`: 0.75 is where the preferred tier starts).
    probability: float = 0.0

    @property
    def flags(self) -> list[str]:
        return ["review"] if self.status != "preferred" else []


# ---------------------------------------------------------------- tokens

@dataclass
class Tok:
    text: str
    start: int
    end: int
    kind: str  # 'word' | 'code' | 'num' | 'punct' | 'cjk'
    key: str = ""  # folded singular English, or the Chinese text
    verb: str | None = None  # an English verb form ('s', 'ed', 'base'; see evidence.verb_form)

    @property
    def predicate(self) -> bool:
        """A verb no term holds: a past or base form, or a connective."""
        return self.verb in ("ed", "base") or self.key in EN_FUNCTION

    @property
    def content(self) -> bool:
        return self.kind in ("word", "code", "num") and self.key not in STOPWORDS


_EN_TOKEN = re.compile(
    r"(?P<code>[A-Z]{2,}(?:/[A-Z]{1,4})+\s?\d+(?:[.\-]\d+)*(?:/[A-Z]{2}\s?\d+)*)"
    r"|(?P<glued>\d+[A-Z]+(?=[A-Z][a-z]))"
    r"|(?P<word>[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*(?:[\-\u2010\u2011][A-Za-z0-9]+)*(?:(?<=s)['\u2019](?![A-Za-z]))?)"
    r"|(?P<punct>[^\sA-Za-z0-9])"
)
_NUMBER = re.compile(r"^\d+(?:[.\-]\d+)*(?:st|nd|rd|th)?$")
_ZH_PUNCT = re.compile(r"[\u3000-\u303f\uff00-\uffef\u2010-\u205f:;,.!?()\[\]<>|/\"'*#]")

#: Connectives and copulas: a term never contains one.  Verbs are told by the
#: dictionary (:func:`glossary.evidence.verb_form`), not listed here.
EN_FUNCTION = frozenset("were was is are be been being newly how what why who".split())
ZH_STOP = frozenset(
    "的 和 与 及 在 以 对 于 为 之 等 了 是 将 由 从 向 到 把 被 并 或 即将 相关 获 经 于 对于 关于 "
    "召开 举行 举办 发布 参加 促进 助推 助力 推动 引领 赋 能 赋能 保障 深化 建立 构建 推进 荣获 取得 "
    "实现 搭建 增进 提高 提供 加快 着力 聚焦 打破 超越 服务 共建 强化 实施 基于 涉及 获得 获得者 "
    "专访 分析 启示 要点 新任 初步 如何 决赛 主题 活动 显著 成效 作用 变革 统计 构建 推进 "
    "荣获 召开会议 会见 出席 签署 成立 启动 上线 发言 代表 全".split()
)
_EDGE_ZH = frozenset("的 和 与 及 在 以 对 于 为 之 等 了 是 将 由 从 向 到 把 被 并 或".split())
_ORG_HEADS = frozenset(
    "organization organisation commission committee council association institute ministry "
    "administration union bureau agency corporation federation society academy university "
    "centre center college alliance nation".split()
)
#: Heads of an event's name: a proper noun with one is no place (奥运会 Olympic Games).
_EVENT_HEADS = frozenset("game olympics olympiad festival day week expo fair forum conference summit".split())
_PLACE_HEADS = frozenset("area district province city county zone region".split())
#: Heads of a person's post (*Secretary-General*, 院长 *President*, *Vice Chair*): a post is
#: a term of its own, never part of the organisation beside it (``_post_of``).
_POST_HEADS = frozenset(
    "president chairman chairperson chairwoman chair secretary director dean convenor convener "
    "commissioner minister governor mayor ceo officer manager engineer executive spokesperson "
    "spokesman ambassador".split()
)
#: A post alone (*Secretary-General* / 秘书长) is proposed for review: a word a translator
#: looks up, but a dictionary sense, not yet the organisation's own title.
POST_WEIGHT = 0.6


def _en_tokens(text: str, offset: int = 0) -> list[Tok]:
    out: list[Tok] = []
    for m in _EN_TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        raw, start, end = m.group(), m.start() + offset, m.end() + offset
        if kind == "glued":
            kind = "word"
        if kind == "word":
            poss = re.search(r"['\u2019]s$|(?<=s)['\u2019]$", raw)  # the world's, farmers' markets
            if poss:
                raw, end = raw[: poss.start()], end - len(poss.group())
            if _NUMBER.match(raw):
                kind = "num"
        if kind == "punct":
            out.append(Tok(raw, start, end, "punct", raw))
            continue
        key = raw if kind == "code" else en_key(raw)
        if kind == "num":
            key = re.sub(r"(st|nd|rd|th)$", "", raw)
        out.append(Tok(raw, start, end, kind, key))
    return out


def _zh_tokens(text: str, cut) -> list[Tok]:
    """CJK runs through jieba; everything else tokenized as English (codes, numbers, Latin)."""
    out: list[Tok] = []
    pos = 0
    for m in HAN_RUN.finditer(text):
        if m.start() > pos:
            out.extend(_en_tokens(text[pos : m.start()], pos))
        at = m.start()
        for word in cut(m.group()):
            out.append(Tok(word, at, at + len(word), "cjk", word))
            at += len(word)
        pos = m.end()
    if pos < len(text):
        out.extend(_en_tokens(text[pos:], pos))
    for tok in out:
        if tok.kind == "punct" and not _ZH_PUNCT.match(tok.text):
            tok.kind = "punct"
    return out


#: The frequency the supplement's words and the known terms are added with: high
#: enough to keep them whole, and part of how the shipped term base was built.
ADDED_FREQ = 200000


def supplement_words() -> list[str]:
    """The supplement's Chinese headwords of two characters or more, in file order."""
    words = []
    for line in SUPPLEMENT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word = line.split("\t")[0].strip()
            if len(word) >= 2:
                words.append(word)
    return words


# ---------------------------------------------------------------- pinyin

@lru_cache(maxsize=4096)
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    found = set(pinyin(char, style=Style.NORMAL, heteronym=True)[0])
    for r in list(found):
        if "v" in r or "ü" in r:
            r2 = r.replace("ü", "v")
            found |= {r2, r2.replace("v", "u"), r2.replace("v", "yu")}
    return frozenset(found)


def _spells(letters: str, chars: str) -> bool:
    """Whether ``letters`` is a concatenation of one reading of each char (heteronyms too)."""
    states = {0}
    for ch in chars:
        nxt = set()
        for i in states:
            for r in _readings(ch):
                if letters.startswith(r, i):
                    nxt.add(i + len(r))
        if not nxt:
            return False
        states = nxt
    return len(letters) in states


def _pinyin_kind(en: list[Tok], zh: str, dic: Dictionary) -> str | None:
    """'pinyin-name', 'pinyin-place', 'pinyin-weak' or None for a transliteration match."""
    if not (1 <= len(en) <= 3 and 2 <= len(zh) <= 4 and HAN_RUN.fullmatch(zh)):
        return None
    if any(t.kind != "word" or not t.text[:1].isupper() or t.text.isupper() for t in en):
        return None
    letters = re.sub(r"[^a-z]", "", fold(" ".join(t.text for t in en)))
    if not _spells(letters, zh):
        return None
    if len(en) >= 2 and zh[0] in SURNAMES and len(zh) <= 3:
        return "pinyin-name"
    entry = dic.get(zh)
    if len(en) == 1 and entry is not None and entry.proper:
        return "pinyin-place"
    return "pinyin-weak"


# ---------------------------------------------------------------- spans

@dataclass
class _Side:
    toks: list[Tok]
    spans: list[tuple[int, int]]  # token index ranges [i, j)


def _finite(tok: Tok) -> bool:
    """Whether a token is a finite verb form a headline's predicate can be (*held*, *unifies*)."""
    return tok.kind == "word" and tok.verb in ("s", "ed")


def _unverb(toks: list[Tok]) -> None:
    """Take back the verb reading of base forms the headline's grammar says are nouns.

    CC-CEDICT reads *press*, *wind* and *list* mostly as verbs, but a headline has one
    predicate: a base form that opens the title (*Press conference ... held*) or follows a
    plural (*standards list expands*) is a noun when a finite verb comes after it, and a
    base form right after a singular lower-case word (*offshore wind power*, or the title's
    first word: *Offshore wind turbines*) is no finite verb at all (a singular subject takes *-s*).  A base form after a plural with no other
    verb (*standards lead*) stays the predicate.
    """
    for k, tok in enumerate(toks):
        if tok.verb != "base":
            continue
        later = any(_finite(t) for t in toks[k + 1:])
        prev = next((t for t in reversed(toks[:k]) if t.kind != "punct"), None)
        if prev is None or prev.kind != "word":
            if later and prev is None:
                tok.verb = None
            continue
        plural = prev.text.lower() != prev.key
        if plural and later:
            tok.verb = None
        elif (not plural and (prev.text[:1].islower() or prev is toks[0]) and prev.content and not prev.verb
              and prev.kind == "word" and not prev.text.isupper() and prev.key not in EN_FUNCTION
              and toks[k - 1] is prev):
            tok.verb = None


def _boundary(dic: Dictionary, tok: Tok | None, before: bool = False) -> bool:
    """Whether an English neighbour ends a noun phrase: nothing, punctuation, a number, a
    function word, a verb, a word CC-CEDICT only ever reads as a verb (*come*, *deepen*) or an
    adverb in -ly of a word it knows (*fully*).  An *-s* form counts only ``before`` the
    phrase: after it, it is as often the plural head (*quality spot | checks*)."""
    if tok is None or tok.kind in ("punct", "num"):
        return True
    if (tok.key in STOPWORDS and tok.key != "and") or tok.predicate or (before and tok.verb):
        return True
    if tok.kind != "word":
        return False
    w = tok.key
    if tok.verb == "s" and not any(dic.plain_senses.get(b) for b in (w, w[:-1], w[:-2]) if b):
        return True  # an -s form whose base is never a noun: *goes*, *unveils*, not *checks*
    if dic.verb_senses.get(w, 0) and not dic.plain_senses.get(w, 0):
        return True
    if len(w) > 4 and w.endswith("ly"):
        base = {w[:-2], w[:-1], w[:-3] + "y" if w.endswith("ily") else ""} - {""}
        return any(dic.plain_senses.get(b) or dic.verb_senses.get(b) for b in base)
    return False


def _en_spans(toks: list[Tok]) -> list[tuple[int, int]]:
    spans = []
    for i, first in enumerate(toks):
        # A noun phrase never starts with a finite verb ('unifies food safety').
        if not first.content or first.kind == "num" or first.predicate or first.verb:
            continue
        for j in range(i + 1, min(len(toks), i + MAX_EN) + 1):
            last = toks[j - 1]
            if last.kind == "punct" or last.predicate:
                break
            if last.content and last.kind != "num":
                spans.append((i, j))
    return spans


def _zh_spans(toks: list[Tok]) -> list[tuple[int, int]]:
    spans = []
    for i, first in enumerate(toks):
        if first.kind == "punct" or first.kind == "num" or first.text in ZH_STOP:
            continue
        for j in range(i + 1, min(len(toks), i + MAX_ZH) + 1):
            last = toks[j - 1]
            if last.kind == "punct" or last.text in ZH_STOP or last.text in _EDGE_ZH:
                break
            if j - 1 > i and last.start > toks[j - 2].end and "cjk" in (last.kind, toks[j - 2].kind):
                break  # a space between Chinese words parts two clauses: 海上风电快速发展 风电机组标准更新
            if last.kind == "num" or last.text in ("年",):
                continue
            spans.append((i, j))
    return spans


def _zh_units(toks: Sequence[Tok], dic: Dictionary) -> list[tuple[str, set[str]]]:
    """Chinese units of a span and the English stems each can stand for (evidence.zh_units)."""
    units: list[tuple[str, set[str]]] = []
    run: list[str] = []
    for tok in toks:
        if tok.kind == "cjk":
            run.append(tok.text)
            continue
        units.extend(dictionary_units(dic, run))
        run.clear()
        units.append((tok.text, {tok.key}))
    units.extend(dictionary_units(dic, run))
    return units


def _zh_readings(toks: Sequence[Tok], dic: Dictionary, en: Sequence[Tok]) -> list[list[tuple[str, set[str]]]]:
    """The span's units word by word as jieba cut it, and read over the whole run.

    The longest headwords from the left can cut across jieba's words: 质量科学研究院 reads
    科学研究 + 院 (*scientific research*, *courtyard*) where jieba has 科学 + 研究院
    (*science*, *institute*); a composition holds if either reading composes.  A headword
    of the whole run that joins jieba's words must be said in full by the English: 可持续
    (*sustainable*, cut 可/持续) may, 经济发展 (*economic development*) may not stand for
    *economy* alone (银发经济发展 for *silver economy*).
    """
    cut: list[tuple[str, set[str]]] = []
    bounds: set[int] = set()
    at = 0
    for tok in toks:
        cut.extend(_zh_units([tok], dic))
        at += len(tok.text)
        bounds.add(at)
    whole = _zh_units(toks, dic)
    if whole == cut:
        return [cut]
    said = {stem(w) for t in en if t.content for w in t.key.split()}
    at = 0
    for unit, _stems in whole:
        start, at = at, at + len(unit)
        if any(start < b < at for b in bounds):
            entry = dic.get(unit)
            if entry is None or not any(
                    (words := [w for w in g.split() if w not in STOPWORDS]) and all(stem(w) in said for w in words)
                    for g in entry.glosses):
                return [cut]
    return [cut, whole]


def _said_together(en: Sequence[Tok], zh: Sequence[Tok], dic: Dictionary) -> int:
    """How many English content words beyond the first of each are said by one gloss of one
    Chinese word of the span, word for word and in order (*spot checks* by 抽查 'spot check': 1)."""
    words = [stem(w) for t in en if t.content for w in t.key.split()]
    extra = 0
    for tok in zh:
        entry = dic.get(tok.text) if tok.kind == "cjk" else None
        best = 0
        for gloss in entry.glosses if entry is not None else ():
            stems = {stem(w) for w in gloss.split() if w not in STOPWORDS}
            run = 0
            for w in words:
                run = run + 1 if w in stems else 0
                best = max(best, run - 1)
        extra += best
    return extra


def _by_characters(units: list[tuple[str, set[str]]], dic: Dictionary) -> list[tuple[str, set[str]]] | None:
    """The units read through their characters too, or None when that reads nothing new.

    CC-CEDICT glosses a compound by its use, not always by the word a headline says:
    汽车 is *car* where the English says *vehicle* (车), 认证 *to authenticate* where it
    says *certification* (证 *certificate*).  A two-character word that is no proper noun
    also stands for what its head (its last character) glosses, and an adjective suffix (性: CC-CEDICT's 'suffix
    forming adjective') joins the word before it (强制性 *compulsory*).  A reading of
    last resort, tried only when the words themselves do not compose.
    """
    out: list[tuple[str, set[str]]] = []
    changed = False
    for unit, stems in units:
        entry = dic.get(unit) if len(unit) == 1 else None
        if out and entry is not None and any("suffix forming adjective" in g for g in entry.glosses):
            out[-1] = (out[-1][0] + unit, out[-1][1])
            changed = True
            continue
        whole, head = dic.get(unit), dic.get(unit[-1])
        if len(unit) == 2 and head is not None and not (whole is not None and whole.proper):
            extra = head.stems - stems
            if extra:
                stems = stems | extra
                changed = True
        out.append((unit, stems))
    return out if changed else None


def _composes(en: Sequence[Tok], units: list[tuple[str, set[str]]], slack: int) -> bool:
    """Every English content word glossed by a unit, every unit glossing one (evidence.composes),
    and each unit glossing a word of its own (:func:`_distinct_cover`)."""
    words = [t.key for t in en if t.content]
    return composes(words, units, slack) and _distinct_cover(words, units, slack)


def _distinct_cover(en_words: Sequence[str], units: Sequence[tuple[str, set[str]]], slack: int) -> bool:
    """Whether all units but ``slack`` can each be matched to a different English word.

    Without it a Chinese unit that repeats a word already glossed rides along:
    中国标准创新贡献奖获奖 (获奖 *to win an award*) for *China Standard Innovation
    Contribution Award*, whose 奖 already says *award*; 银发经济发展 for *silver economy*.
    Bipartite matching (augmenting paths) over a title's few words.
    """
    parts = [p for w in en_words if w not in STOPWORDS for p in word_parts(w, units)]
    targets = [stem(p) if p.isalpha() else p.casefold() for p in parts]
    owner: dict[int, int] = {}  # English part -> unit

    def fits(k: int, i: int) -> bool:
        unit, stems = units[k]
        return targets[i] in stems or (not parts[i].isalpha() and unit.casefold() == targets[i])

    def augment(k: int, seen: set[int]) -> bool:
        for i in range(len(parts)):
            if i in seen or not fits(k, i):
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = k
                return True
        return False

    matched = sum(augment(k, set()) for k in range(len(units)))
    return matched >= len(units) - slack


# ---------------------------------------------------------------- statistics

def _cooccurrence(items: list[tuple[list[str], list[str]]]) -> dict[tuple[str, str], float]:
    """Dice over distinct pairs, kept one-to-one by competitive linking inside each pair.

    Only associations seen in at least two pairs count: one shared title proves nothing.
    """
    c_en: Counter[str] = Counter()
    c_zh: Counter[str] = Counter()
    joint: Counter[tuple[str, str]] = Counter()
    for ens, zhs in items:
        c_en.update(ens)
        c_zh.update(zhs)
    zh_sets = [set(z) for _e, z in items]
    for (ens, _z), zset in zip(items, zh_sets, strict=True):
        for e in ens:
            if c_en[e] < 2:
                continue
            for z in zset:
                if c_zh[z] >= 2:
                    joint[(e, z)] += 1
    dice = {k: 2 * n / (c_en[k[0]] + c_zh[k[1]]) for k, n in joint.items() if n >= 2}
    linked: dict[tuple[str, str], float] = {}
    for ens, zhs in items:
        cands = sorted(((dice[(e, z)], len(e), len(z), e, z) for e in set(ens) for z in set(zhs)
                        if (e, z) in dice), reverse=True)
        seen_e: set[str] = set()
        seen_z: set[str] = set()
        for d, _le, _lz, e, z in cands:
            if e in seen_e or z in seen_z:
                continue
            seen_e.add(e)
            seen_z.add(z)
            linked[(e, z)] = max(linked.get((e, z), 0.0), d)
    return linked


# ---------------------------------------------------------------- alignment

@dataclass
class _Link:
    en: tuple[int, int]
    zh: tuple[int, int]
    conf: float
    evidence: set[str]
    type: str
    en_text: str
    zh_text: str
    key: tuple[str, str]
    initial: bool  # the English span starts the title
    generic: bool = False  # one common word: linked only where no longer term claims it
    coordinated: bool = False  # the English span joins two parts with 'and'
    partial: bool = False  # a composition with content words beside it: a fragment, or half of two terms
    name: bool = False  # a composition that is a name: capitalized words, or quoted
    #: The strength of a composition onto one Chinese word that is part of a longer phrase,
    #: once it has lifted that phrase (None: no such fragment).
    fragment: float | None = None
    #: Set after linking (:func:`_beside_unlinked`): a content word next to the span that no
    #: kept link took, on the English and on the Chinese side.
    en_beside: bool = False
    zh_beside: bool = False
    #: A one-word fragment (``fragment``) whose English ends the noun phrase and whose
    #: content neighbour is a modifier on its left (:func:`_whole_where_nothing_longer`).
    head_whole: bool = False


class _Aligner:
    def __init__(self, known: Iterable[tuple[str, str]], session: JiebaSession, supplement: bool = True):
        self.dic = load_dictionary(supplement=supplement)
        self.session = session
        for word in supplement_words() if supplement else ():
            session.add_word(word, ADDED_FREQ)
        self.known: set[tuple[str, str]] = set()
        self.known_zh: set[str] = set()
        known_pairs: list[tuple[str, str]] = []
        for en, zh in known:
            zkey = normalize_text(zh, "zh")
            known_pairs.append((en, zkey))
            self.known.add((en_key(en), zkey))
            self.known_zh.add(zkey)
            if len(zkey) >= 2 and HAN_RUN.search(zkey):
                session.add_word(zkey, ADDED_FREQ)
        self.cut = session.cut
        #: The dictionary with the known pairs as headwords: what compositions read.
        self.units: Dictionary = TermDictionary(self.dic, known_pairs) if known_pairs else self.dic
        #: ``units`` with the senses the titles themselves teach (:meth:`learn`): read only
        #: where a composition fails without them.
        self.learned: Dictionary | None = None
        self.learned_words: tuple[str, ...] = ()  # its Chinese words: a span without one skips it

    def learn(self, prepared: Sequence[tuple[list[Tok], list[Tok], list, list]]) -> None:
        """Learn word senses no dictionary has from the distinct titles (evidence.learned_senses)."""
        titles: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
        for et, zt, _es, _zs in prepared:
            en = [t.key for t in et if t.kind == "word" and t.content and not t.predicate and not t.verb
                  and not t.text.isupper()]  # an acronym is a name, aligned whole
            zh = [t.text for t in zt if t.kind == "cjk" and t.text not in ZH_STOP]
            titles.setdefault((" ".join(en), "".join(zh)), (en, zh))
        senses = learned_senses(self.units, titles.values())
        self.learned = SenseDictionary(self.units, senses) if senses else None
        self.learned_words = tuple(senses)

    def terms_said(self, units: Sequence[tuple[str, set[str]]], en: Sequence[Tok]) -> bool:
        """Whether every known term among the units has all its English said by the span: a
        term is one unit, so it composes only whole (风电机组 *wind turbine* is no *turbine*)."""
        terms = getattr(self.units, "terms", {})
        if not terms:
            return True
        said = {stem(w) for t in en if t.content for w in t.key.split()}
        return all(unit not in terms or terms[unit] <= said for unit, _stems in units)

    def salient(self, zh: str) -> bool:
        """Rare in general Chinese (jieba's own counts, not the words this session added)."""
        return not everyday(general_frequency(zh))

    # -- per title
    def prepare(self, pair: TitlePair):
        en_toks = _en_tokens(pair.en)
        for k, tok in enumerate(en_toks):
            if tok.kind == "word":
                tok.verb = verb_form(self.dic, tok.text)
                prev = en_toks[k - 1] if k else None
                # A plural subject then a word the dictionary reads mostly as a verb is the
                # predicate: 'standards boost', 'standards support', 'exporters meet'.
                if (tok.verb is None and prev is not None and prev.kind == "word"
                        and prev.text.lower() != prev.key and prev.text.lower().endswith("s")
                        and verb_form(self.dic, tok.text, loose=True)):
                    tok.verb = "base"
        _unverb(en_toks)
        # A base form that starts a two-word gloss with the next word modifies it: *press* of
        # *press conference*, a compound CC-CEDICT glosses (记者会), is no predicate.
        for tok, nxt in zip(en_toks, en_toks[1:], strict=False):
            if tok.verb == "base" and nxt.kind == "word" and f"{tok.key} {nxt.key}" in self.dic.compounds:
                tok.verb = None
        zh_toks = _zh_tokens(pair.zh, self.cut)
        return en_toks, zh_toks, _en_spans(en_toks), _zh_spans(zh_toks)

    def score(self, pair: TitlePair, en_toks, zh_toks, es, zs, cooc) -> list[_Link]:
        dic = self.dic
        en_all = [k for k, t in enumerate(en_toks) if t.kind != "punct"]
        zh_all = [k for k, t in enumerate(zh_toks) if t.kind != "punct"]
        quoted = _quoted(pair.zh)
        paren = _parentheses(zh_toks)
        en_paren = _parentheses(en_toks)
        letters = [c for c in pair.en if c.isalpha()]
        # An ALL-CAPS heading ('EXCHANGE & COOPERATION') has no acronyms, only loud words.
        shouting = len(letters) > 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters)
        en_nums = {t.key for t in en_toks if t.kind == "num"}
        zh_nums = {t.key for t in zh_toks if t.kind == "num"}
        links: list[_Link] = []
        span_units: dict[tuple[int, int], list[tuple[str, set[str]]]] = {}  # a Chinese span's units, read once

        @lru_cache(maxsize=1)
        def title_units() -> list[tuple[str, set[str]]]:
            """The whole Chinese title's units: where an English verb after a span is said."""
            return _zh_units([t for t in zh_toks if t.kind != "punct"], self.units)
        for ei, ej in es:
            etoks = en_toks[ei:ej]
            etext = pair.en[etoks[0].start : etoks[-1].end]
            ekey = en_key(etext) if not (ej - ei == 1 and etoks[0].kind == "code") else etoks[0].key
            if etoks[0].verb or any(t.predicate for t in etoks):
                continue
            if _ends_in_participle(dic, etoks, en_toks):
                continue  # 'export inspection rules revised': a noun phrase ends in its head
            for zi, zj in zs:
                if ei == en_all[0] and ej == en_all[-1] + 1 and zi == zh_all[0] and zj == zh_all[-1] + 1:
                    continue  # the whole title
                ztoks = zh_toks[zi:zj]
                if any(t.text in ZH_STOP for t in ztoks):
                    continue
                ztext = pair.zh[ztoks[0].start : ztoks[-1].end]
                zkey = normalize_text(ztext, "zh")
                nums_e = {t.key for t in etoks if t.kind == "num"}
                nums_z = {t.key for t in ztoks if t.kind == "num"}
                if nums_e != nums_z:
                    continue
                ev: dict[str, float] = {}
                etype: str | None = None
                partial = False  # a free phrase with content words beside it
                by_chars = False  # a composition read through the characters of a word
                one_word_fragment = False  # see _Link.fragment
                head_whole = False  # see _Link.head_whole
                learned = False  # a composition that needs a sense learnt from the titles
                name = False  # a composition that is a name (capitalized, or quoted)
                if (ekey, zkey) in self.known:
                    ev["known"] = WEIGHTS["known"]
                elif len(zkey) == 1:
                    continue  # 京 = Beijing: single-character abbreviations only when known
                entry = dic.get(zkey)
                zunits = span_units.get((zi, zj))
                if zunits is None:
                    zunits = span_units[(zi, zj)] = _zh_units(ztoks, dic)
                post = _post_of(etoks, zunits, dic)
                if post == "joined":
                    continue  # 'IEC General Secretary', 'President of X Institute': two terms
                acronym = (ej - ei == 1 and etoks[0].text.isupper() and etoks[0].kind == "word"
                           and not shouting and len(etoks[0].text) <= 6)
                capital = [t for t in etoks if t.kind == "word" and t.text[:1].isupper()
                           and t is not en_toks[en_all[0]]]
                # One English word for an everyday Chinese word is vocabulary, not yet a term:
                # 发展 / development; 锂电池, 区块链, 标准化 are the domain's (evidence.everyday).
                # A lone word of the domain is proposed for review, an everyday one only
                # with a second witness; a dictionary pair of several English words is a term.
                generic = (ej - ei == 1 and not acronym and len(zkey) <= 3 and post is None
                           and not (entry is not None and (entry.proper or entry.type)))
                if post == "post":
                    ev["post"] = POST_WEIGHT
                if entry is not None and ekey in entry.glosses and ekey not in entry.verbal:
                    # A short everyday headword is vocabulary even for several English words
                    # (大学生 / college students); a rare one is the domain's (锂电池, 白皮书).
                    common = (not entry.proper and not entry.type and not capital and not acronym
                              and len(zkey) <= 3 and general_frequency(zkey) > GENERIC_MAX_FREQ)
                    ev["dictionary"] = WEIGHTS[
                        "dictionary-word" if common
                        else "dictionary" if not generic else "dictionary-domain"]
                    etype = entry.type
                if ej - ei == 1 and etoks[0].kind == "code" and zkey == normalize_text(etoks[0].text, "zh"):
                    ev["identical"] = WEIGHTS["identical"]
                    etype = "org"
                elif (acronym and etoks[0].text.isalpha() and zi + 1 == zj and ztoks[0].text == etoks[0].text
                      and _acronym_alone(en_toks, ei)):
                    # An acronym printed alike in both titles (IEC, ISO, CNAS): the same capitals,
                    # one token on each side, the name of a body.  Letters and digits (5G, 6G)
                    # are a technology's generation, named inside a term (5G base stations).
                    ev["identical"] = WEIGHTS["identical"]
                    etype = "org"
                pk = _pinyin_kind(etoks, zkey, dic)
                if pk and ej - ei == 1 and any(
                        0 <= k < len(en_toks) and en_toks[k].kind == "word"
                        and en_toks[k].text[:1].isupper() for k in (ei - 1, ej)):
                    pk = None  # 'Jianping' of 'Chen Jianping': a fragment of a name
                if pk:
                    ev["pinyin"] = WEIGHTS[pk]
                    etype = "person" if pk == "pinyin-name" else "place"
                if (zi, zj) in paren and paren[(zi, zj)] in (etoks[0].text,) and ej - ei == 1:
                    ev["parenthesis"] = WEIGHTS["parenthesis"]
                if (ei, ej) in en_paren and en_paren[(ei, ej)] in {paren.get(s) for s in paren if s == (zi, zj)}:
                    ev["parenthesis"] = WEIGHTS["parenthesis"]
                if "dictionary" not in ev and "known" not in ev and "identical" not in ev:
                    is_quoted = (ztoks[0].start, ztoks[-1].end) in quoted
                    readings = [r for r in _zh_readings(ztoks, self.units, etoks) if self.terms_said(r, etoks)]
                    slack = 1 if is_quoted else 0
                    composed = any(len(units) >= 2 and _composes(etoks, units, slack) for units in readings)
                    if not composed and readings and len(readings[0]) >= 2:
                        chars = _by_characters(readings[0], self.units)
                        composed = by_chars = chars is not None and _composes(etoks, chars, slack)
                    if not composed and self.learned is not None and any(w in zkey for w in self.learned_words):
                        composed = learned = any(
                            len(units) >= 2 and _composes(etoks, units, slack)
                            for units in _zh_readings(ztoks, self.learned, etoks) if self.terms_said(units, etoks))
                    if composed and _ends_in_predicate(etoks, zunits, self.units, en_toks[:ei]):
                        composed = False  # 'standards list expands' / 标准清单扩展: a clause
                    if composed:
                        words = [t for t in etoks if t.kind == "word" and t.content]
                        named = all(t.text[:1].isupper() for t in words)
                        # A capitalized neighbour means the span is a fragment of a longer name.
                        def cap(k: int) -> bool:
                            return (0 <= k < len(en_toks) and en_toks[k].kind in ("word", "code")
                                    and en_toks[k].text[:1].isupper() and not en_toks[k].verb)

                        # ...also across 'of'/'for': 'Institute of | Standardization of Nuclear Industry'.
                        # (A post before 'of' is no part of the name: 'President of | Zhejiang ...'.)
                        fragment = cap(ei - 1) or cap(ej) or (
                            ei >= 2 and en_toks[ei - 1].key in ("of", "for", "and") and cap(ei - 2)
                            and not _post_head(en_toks[ei - 2]))
                        # A common noun phrase may hold a proper adjective inside (traditional
                        # Chinese medicine): lower case at both ends is lower case.
                        # Capitals with a digit (5G, 3D) are a generation or a dimension, no name:
                        # *5G base stations* is a common noun phrase.
                        lowercase = (not capital or (words[0].text[:1].islower() and words[-1].text[:1].islower())) \
                            and not acronym and not any(
                                t.kind == "code" or (t.kind == "word" and t.text.isupper() and t.text.isalpha())
                                for t in etoks)
                        # A free phrase's head is at its right: 'high-level technological' before
                        # 'innovation' is a fragment. The next English token must end the phrase.
                        right_max = _boundary(dic, en_toks[ej] if ej < len(en_toks) else None) or (
                            ej < len(en_toks) and _ends_in_predicate(
                                [*etoks, en_toks[ej]], title_units(), self.units, en_toks[:ei]))
                        left_max = _boundary(dic, en_toks[ei - 1] if ei > 0 else None, before=True)
                        inner_fn = any(t.key in STOPWORDS and t.key != "and" for t in etoks)
                        if generic:
                            ev["composition"] = WEIGHTS["dictionary-word"]
                        elif named and not fragment and capital:
                            ev["composition"] = WEIGHTS["named-composition"]
                            name = True
                        elif is_quoted and any(t.kind != "cjk" for t in ztoks):
                            ev["composition"] = WEIGHTS["named-composition"]
                            name = True
                        elif lowercase and not inner_fn and zj - zi > 1 and not (right_max and left_max):
                            ev["composition"] = WEIGHTS["long-composition"]  # a fragment alone
                            partial = True
                        elif lowercase and not inner_fn:
                            # One Chinese word for English with a content word beside it is
                            # the head or modifier of a longer term (new energy | vehicle,
                            # vehicle industry of new energy vehicle industry): it lifts that
                            # term at its strength (_extend), then counts as a fragment alone.
                            one_word_fragment = zj - zi == 1 and not (right_max and left_max)
                            head_whole = right_max and ei > 0 and not participle(dic, en_toks[ei - 1].text)
                            # Unnamed phrases of three words or more are usually free phrases
                            # (industrial innovation and development): they need a second
                            # witness (recurrence, or extending an accepted term).  Words one
                            # Chinese word's gloss says together count as one (quality | spot
                            # checks: 质量 | 抽查 'spot check').
                            ev["composition"] = WEIGHTS[
                                "word-composition" if zj - zi == 1
                                else "composition" if len(words) - _said_together(etoks, ztoks, dic) <= 2
                                else "long-composition"]
                        if is_quoted and "composition" in ev:
                            ev["quoted"] = WEIGHTS["quoted"]
                        if by_chars and "composition" in ev:
                            # Read through characters: never more than a plain composition.
                            ev["composition"] = min(ev["composition"], WEIGHTS["composition"])
                            ev["characters"] = 0.0
                        if learned and "composition" in ev:
                            # A sense the titles taught: no more than a plain composition either.
                            ev["composition"] = min(ev["composition"], WEIGHTS["composition"])
                            ev["learned"] = 0.0
                if not ev:
                    continue
                nxt_tok = en_toks[ej] if ej < len(en_toks) else None
                if "dictionary" in ev and ej - ei >= 2 and nxt_tok is not None and nxt_tok.content \
                        and nxt_tok.kind == "word" and not nxt_tok.predicate and not capital:
                    partial = True  # 'cold chain' before 'logistics': perhaps the modifier of a longer term
                if (ej - ei == 1 and etoks[0].kind == "word" and etoks[0].text[:1].isupper()
                        and not acronym and "pinyin" not in ev and nxt_tok is not None
                        and nxt_tok.kind == "word" and nxt_tok.text[:1].isupper() and not nxt_tok.verb):
                    continue  # 'China' of 'China Energy Label': a fragment of a longer name
                c = cooc.get((ekey, zkey))
                if c and (not generic or (c >= GENERIC_DICE and self.salient(zkey))):
                    ev["cooccurrence"] = 0.35 + 0.35 * c
                if nums_e and nums_e <= en_nums and nums_z <= zh_nums:
                    ev["number"] = 0.0
                conf = noisy_or(ev.values())
                if conf < DROP and "composition" not in ev:
                    continue
                fragment = noisy_or({**ev, "composition": WEIGHTS["long-composition"]}.values()) \
                    if one_word_fragment else None
                links.append(_Link((ei, ej), (zi, zj), conf, set(ev), self.type_of(etoks, zkey, etype),
                                   etext, ztext, (ekey, zkey), ei == en_all[0], generic,
                                   any(t.key == "and" for t in etoks), partial, name, fragment,
                                   head_whole=one_word_fragment and head_whole))
        _whole_where_nothing_longer(links)
        return links

    def type_of(self, etoks: Sequence[Tok], zkey: str, etype: str | None) -> str:
        if etype:
            return etype
        if len(etoks) == 1 and etoks[0].kind == "code":
            return "org"  # IEC/TC 88, ISO/TC 321: committees
        entry = self.dic.get(zkey)
        words = [t.key for t in etoks if t.kind == "word"]
        if entry is not None and entry.type:
            return entry.type
        if words and words[-1] in _ORG_HEADS and etoks[-1].text[:1].isupper():
            return "org"
        # A name whose head is an organisation's, in either language: 'China Association for
        # Standardization' (the head before 'for'), 中国计量科学研究院 (研究院: research institute).
        named = [t for t in etoks if t.kind == "word" and t.key not in STOPWORDS]
        if len(named) >= 2 and all(t.text[:1].isupper() for t in named):
            heads = set(words) | {w for w in _last_unit_glosses(self.dic, zkey)}
            if heads & _ORG_HEADS:
                return "org"
        if words and words[-1] in _PLACE_HEADS and etoks[-1].text[:1].isupper():
            return "place"
        if entry is not None and entry.proper:
            if entry.org:
                return "org"
            if entry.place or (len(etoks) == 1 and etoks[0].text[:1].isupper() and not etoks[0].text.isupper()):
                return "place"
            # A name the dictionary gives as its name alone, not an organisation's or an
            # event's: 香港 Hong Kong, 澳门 Macao (people have years, firms '(brand)').
            if (entry.bare and words and all(t.text[:1].isupper() for t in etoks if t.kind == "word")
                    and words[-1] not in _ORG_HEADS | _EVENT_HEADS):
                return "place"
        return "term"


def _whole_where_nothing_longer(links: Sequence[_Link]) -> None:
    """Take back the fragment mark of a one-word composition no longer composition holds.

    A composition onto one Chinese word with an English content word beside it is marked a
    fragment (:attr:`_Link.fragment`) because the longer phrase may be the term: *vehicle
    industry* / 汽车产业 inside *new energy vehicle industry* / 新能源汽车产业.  Where no
    composition of the title contains it on both sides, the neighbour is no part of one:
    *defective* beside *children's toys* / 儿童玩具 is said by 缺陷 apart, and the pair is the
    maximal phrase pair the glosses support, a term in its own right.  Only a modifier on
    the left is let go so (the English head is the span's, :attr:`_Link.head_whole`): a
    content word after the span is the head of a longer term the glosses may not read
    (*smart home* | *devices*), and a participle before it is the term's own modifier
    (*liquefied* | *petroleum gas*).
    """
    comps = [(lk.en, lk.zh) for lk in links if "composition" in lk.evidence]
    for lk in links:
        if lk.fragment is None or not lk.head_whole:
            continue
        if not any(e[0] <= lk.en[0] and lk.en[1] <= e[1] and z[0] <= lk.zh[0] and lk.zh[1] <= z[1]
                   and (e, z) != (lk.en, lk.zh) for e, z in comps):
            lk.fragment = None


def _ends_in_participle(dic: Dictionary, etoks: Sequence[Tok], en_toks: Sequence[Tok]) -> bool:
    """Whether an English span ends in a past form or participle (:func:`glossary.evidence.participle`).

    A term ends in its head noun; a participle there is the headline's predicate
    (*export inspection rules revised*, *verification regulation revised*), even when
    CC-CEDICT also lists it as an adjective.  A capital inside the title is a name's
    (*... Co., Limited*), so only a lower-case word, or the title's first, counts.
    """
    last = etoks[-1]
    if last.kind != "word" or not (last.text.islower() or last is en_toks[0]):
        return False
    return participle(dic, last.text)


def _ends_in_predicate(etoks: Sequence[Tok], units: Sequence[tuple[str, set[str]]], dic: Dictionary,
                       before: Sequence[Tok] = ()) -> bool:
    """Whether a composed span's last English word is a verb in *-s* the Chinese says as a verb.

    *Expands* of *standards list expands* (标准清单扩展) is composed by 扩展, whose
    senses say *expand* only as *to expand* (its nouns are *expansion*, *extension*): a
    headline's predicate with its subject, no term.  A plural head (*smart locks*, 门锁
    'door lock') is glossed by a noun sense, and a word one gloss says with the word before
    it (*spot checks*: 抽查 'to do a spot check') is part of a compound, not a predicate.
    A headline has one predicate: after a finite verb in ``before`` (the title's words before
    the span) the word is a plural noun (*SAMR holds press conference on product recalls*).
    """
    last = etoks[-1]
    if len(etoks) < 2 or last.kind != "word" or last.verb != "s" or not last.text.islower():
        return False
    if any(_finite(t) or t.predicate for t in before):
        return False
    target = stem(last.key)
    others = {stem(w) for t in etoks[:-1] if t.content for w in t.key.split()}
    glossing = [unit for unit, stems in units if target in stems]
    if not glossing:
        return False
    for unit in glossing:
        entry = dic.get(unit)
        if entry is None or not entry.verbal:
            return False
        nouns = set().union(*(content_stems(g) for g in entry.glosses - entry.verbal))
        if target in nouns or entry.stems & others:
            return False
    return True


def _acronym_alone(en_toks: Sequence[Tok], k: int) -> bool:
    """Whether the acronym at ``en_toks[k]`` stands for a name of its own in the title.

    Not inside parentheses (*International Electrotechnical Commission (IEC)*: it explains
    the name before it, which carries the term), and not before a noun other than a post
    (*ISO Excellence Award*, *IEC White Paper*: the first word of a longer name; *ISO
    standards*, *CNAS accreditation*: the modifier of the term the noun heads); *IEC President*, *IEC General Secretary* name the body and its post.  Nor the
    first or a later part of a designation (*ISO 9001*, *GB 2760*, *ISO/IEC JTC 1*): beside
    a number, a code, a slash or another acronym it is a piece of the standard's or the
    committee's number, which is the term, not the body's name.
    """
    prev = en_toks[k - 1] if k > 0 else None
    if prev is not None and prev.text in ("(", "\uff08"):
        return False
    nxt = en_toks[k + 1] if k + 1 < len(en_toks) else None
    if any(t is not None and _designation_part(t) for t in (prev, nxt)):
        return False
    if nxt is not None and nxt.kind == "word" and not nxt.verb and nxt.key not in STOPWORDS:
        # A noun after it (*ISO standards*, *CNAS accreditation*): the acronym modifies the
        # term that noun heads, as the first word of a longer name does.
        return _post_head(nxt) or any(_post_head(t) for t in en_toks[k + 1:k + 3] if t.kind == "word")
    return True


def _designation_part(t: Tok) -> bool:
    """Whether a token beside an acronym makes it part of a designation (a number, code, slash, acronym)."""
    if t.kind in ("num", "code"):
        return True
    if t.kind == "punct":
        return t.text in ("/", "-", "\uff0f")
    return t.kind == "word" and len(t.text) >= 2 and t.text.isupper()


def _post_head(t: Tok) -> bool:
    """Whether a token is the head of a person's post (:data:`_POST_HEADS`)."""
    return t.kind == "word" and bool(set(t.key.split()) & _POST_HEADS)


def _post_words(words: Sequence[str], gloss: str) -> bool:
    """Whether English words say a dictionary gloss of a post, word for word.

    The gloss may go on after *of* (院长 *president of a university*), and a word may be the
    gloss's word without its *-man*/*-person* (*Chair* for 主席 *chairperson*).
    """
    head = [w for w in gloss.split(" of ")[0].split() if w not in STOPWORDS]
    if len(head) != len(words):
        return False
    return all(stem(w) == stem(g) or g in (w + "man", w + "person", w + "woman")
               for w, g in zip(sorted(words), sorted(head), strict=True))


def _post_of(etoks: Sequence[Tok], units: list[tuple[str, set[str]]], dic: Dictionary) -> str | None:
    """'post' when the pair is a post alone, 'joined' when a post is joined to its organisation.

    The post is the English words ending in a post head (*General Secretary*), last in the
    span or first before *of* (*President of Zhejiang Institute of Standardization*), that
    say a gloss of the last Chinese unit (秘书长, 院长: Chinese puts the post after the
    organisation either way).  A post with an organisation before or after it is no
    organisation and no term: the two are aligned apart.
    """
    if not units:
        return None
    entry = dic.get(units[-1][0])
    if entry is None:
        return None
    toks = [t for t in etoks if t.kind != "punct"]

    def says(part: Sequence[Tok]) -> bool:
        words = [w for t in part if t.content for w in t.key.split()]
        return bool(words) and any(_post_words(words, g) for g in entry.glosses)

    candidates: list[tuple[Sequence[Tok], Sequence[Tok]]] = []
    if toks and _post_head(toks[-1]):
        candidates += [(toks[k:], toks[:k]) for k in range(len(toks))]
    of = next((k for k, t in enumerate(toks) if t.key in ("of", "for")), None)
    if of and _post_head(toks[of - 1]):
        candidates.append((toks[:of], toks[of + 1:]))
    for part, rest in candidates:
        if says(part):
            if not any(t.content for t in rest):
                return "post" if len(units) == 1 else None
            return "joined" if len(units) >= 2 else None
    return None


def _last_unit_glosses(dic: Dictionary, zh: str) -> set[str]:
    """The gloss words of the last dictionary unit of ``zh`` (研究院 -> research, institute)."""
    parts = dic.max_match(zh) or []
    entry = dic.get(parts[-1]) if parts else None
    return {w for g in entry.glosses for w in g.split()} if entry is not None else set()


def _quoted(text: str) -> set[tuple[int, int]]:
    return {(m.start(1), m.end(1)) for m in re.finditer(r"[“\"「《]([^”\"」》]+)[”\"」》]", text)}


def _parentheses(toks: list[Tok]) -> dict[tuple[int, int], str]:
    """Maximal spans right before ``(ACRONYM)``, mapped to the acronym: 国际标准化组织(ISO)."""
    out: dict[tuple[int, int], str] = {}
    for k, tok in enumerate(toks):
        if tok.text not in "(（" or k + 2 >= len(toks) or toks[k + 2].text not in ")）":
            continue
        inner = toks[k + 1]
        if inner.kind not in ("word", "code") or not inner.text[:1].isupper():
            continue
        i = k
        while i > 0 and toks[i - 1].kind != "punct" and toks[i - 1].text not in ZH_STOP \
                and not toks[i - 1].predicate and k - (i - 1) <= MAX_EN:
            i -= 1
        while i < k and (toks[i].key in STOPWORDS or toks[i].text in _EDGE_ZH):
            i += 1
        if i < k:
            out[(i, k)] = inner.text
    return out


def _extend(links: list[_Link]) -> None:
    """Lift a full composition that contains an accepted term (new power system ⊇ power system).

    The longest well-supported span wins: a composition accounts for every word on both sides,
    so one that extends an accepted term by a modifier inherits most of that term's support.
    """
    strong = [lk for lk in links if lk.conf >= ACCEPT and not lk.generic]
    spans = {(lk.en, lk.zh): lk for lk in links if "composition" in lk.evidence and not lk.generic}

    def rest(outer: _Link, inner: _Link) -> _Link | None:
        """The composition that ``outer`` holds beside ``inner``, on both sides, if any."""
        en = (outer.en[0], inner.en[0]) if outer.en[1] == inner.en[1] else (
            (inner.en[1], outer.en[1]) if outer.en[0] == inner.en[0] else None)
        zh = (outer.zh[0], inner.zh[0]) if outer.zh[1] == inner.zh[1] else (
            (inner.zh[1], outer.zh[1]) if outer.zh[0] == inner.zh[0] else None)
        return spans.get((en, zh)) if en and zh else None

    # Two terms side by side ('smart city' + 'standards system'): the half beside an
    # accepted term is a term of its own (admitted), and the whole is no new term.
    halves: set[int] = set()
    for lk in links:
        if lk.conf >= ACCEPT or "composition" not in lk.evidence:
            continue
        for inner in strong:
            half = rest(lk, inner)
            if half is not None and half is not inner:
                halves.add(id(lk))
                inner.fragment = None  # a term beside another (food safety | sampling rules)
                if half.partial and half.conf < WEIGHTS["composition"]:
                    half.conf = WEIGHTS["composition"]
                    half.evidence |= {"juxtaposed"}
    def splits(lk: _Link) -> bool:
        """Whether ``lk`` starts inside another composition ('city' of 'smart city')."""
        return any(c.en[0] < lk.en[0] < c.en[1] <= lk.en[1] and c.zh[0] < lk.zh[0] < c.zh[1] <= lk.zh[1]
                   for c in spans.values())

    for lk in links:
        if lk.conf >= ACCEPT or "composition" not in lk.evidence or lk.generic or id(lk) in halves or splits(lk):
            continue
        for inner in strong:
            # Modifiers extend on the left (head-final on both sides); on the right only a
            # coordination does (carbon peak and neutrality): 'cooperation forum' is a new head.
            head_kept = inner.en[1] == lk.en[1] and inner.zh[1] == lk.zh[1]
            if (lk.en[0] <= inner.en[0] and inner.en[1] <= lk.en[1] and lk.zh[0] <= inner.zh[0]
                    and inner.zh[1] <= lk.zh[1] and (lk.en, lk.zh) != (inner.en, inner.zh)
                    and (head_kept or lk.coordinated)):
                lk.conf = max(lk.conf, round(inner.conf - 0.05, 3))
                lk.evidence |= {"extension"}


def _link(links: list[_Link]) -> list[_Link]:
    """Competitive linking, one-to-one: terms before lone words, accepted before admitted, longest first."""
    _extend(links)
    for lk in links:
        if lk.fragment is not None:
            lk.conf = lk.fragment
    links = [lk for lk in links if lk.conf >= DROP]
    links.sort(key=lambda lk: (not lk.generic, lk.conf >= ACCEPT, lk.en[1] - lk.en[0],
                               lk.zh[1] - lk.zh[0], lk.conf), reverse=True)
    used_en: set[int] = set()
    used_zh: set[int] = set()
    kept = []
    for lk in links:
        e = set(range(*lk.en))
        z = set(range(*lk.zh))
        if e & used_en or z & used_zh:
            continue
        used_en |= e
        used_zh |= z
        kept.append(lk)
    return kept


def _stat_keys(en_toks, zh_toks, es, zs) -> tuple[list[str], list[str]]:
    ens = [en_key(" ".join(t.text for t in en_toks[i:j])) for i, j in es if j - i <= 4]
    zhs = ["".join(t.text for t in zh_toks[i:j]) for i, j in zs if j - i <= 3]
    return ens, zhs


def _printed(occurrences: list[_Link], term_type: str) -> str:
    """The English as printed, fixing title-initial capitals and ALL CAPS (see module doc)."""
    def shouting(s: str) -> bool:
        letters = [c for c in s if c.isalpha()]
        return len(letters) > 5 and all(c.isupper() for c in letters) and " " in s.strip() or (
            len(letters) > 5 and all(c.isupper() for c in letters))

    calm = [o for o in occurrences if not shouting(o.en_text)]
    mid = [o for o in calm if not o.initial]
    if mid:
        return Counter(o.en_text for o in mid).most_common(1)[0][0]
    if calm:
        text = Counter(o.en_text for o in calm).most_common(1)[0][0]
        words = text.split()
        rest_lower = all(not w[:1].isupper() for w in words[1:])
        first = words[0]
        if (term_type == "term" and rest_lower and len(words) > 1 and not first.isupper()
                and first[1:] == first[1:].lower()):
            return first[:1].lower() + text[1:]
        return text
    text = occurrences[0].en_text
    if term_type == "term" and not any(
            o.evidence & {"pinyin", "parenthesis"} for o in occurrences):
        named = any(o.evidence & {"composition"} for o in occurrences) and len(text.split()) > 1
        if not named:
            return text.lower()
    return " ".join(w if w.lower() in STOPWORDS and k else w.capitalize()
                    for k, w in enumerate(text.lower().split()))


def review_class(links: Sequence[_Link]) -> str:
    """The kind of support a term has when no witness carries it alone (one feature of its confidence).

    ``lone`` a single everyday or domain word; ``post`` a person's post; ``partial`` a phrase
    always seen with a content word after it (perhaps a fragment); ``extension`` a phrase
    lifted from an accepted term inside it; ``word`` a composition onto one Chinese word;
    ``composition`` a phrase composed of glosses, word for word; ``other`` the rest.
    """
    evidence = {e for lk in links for e in lk.evidence}
    if all(lk.generic for lk in links):
        return "lone"
    if "post" in evidence:
        return "post"
    if all(lk.partial for lk in links):
        return "partial"
    if "extension" in evidence:
        return "extension"
    if "composition" in evidence and not evidence & {"dictionary", "known", "identical", "parenthesis", "pinyin"}:
        return "word" if all(lk.zh[1] - lk.zh[0] == 1 for lk in links) else "composition"
    return "other"


def _beside_unlinked(kept: Sequence[_Link], en_toks: Sequence[Tok], zh_toks: Sequence[Tok]) -> None:
    """Mark each kept link whose span touches a content word no kept link took, per side.

    A term the linking found beside words it left unaligned on both sides (*smart* | *meter*,
    智能 | 电表) is as often the modifier or head of a longer term the evidence could not
    read whole as a term of its own; a span the other links hem in is whole.  The flags are
    features of the confidence (:func:`term_features`), not of the linking.
    """
    used_en = {k for lk in kept for k in range(*lk.en)}
    used_zh = {k for lk in kept for k in range(*lk.zh)}

    def en_free(k: int) -> bool:
        if not 0 <= k < len(en_toks) or k in used_en:
            return False
        t = en_toks[k]
        return t.kind == "word" and t.content and not t.predicate and not t.verb

    def zh_free(k: int) -> bool:
        if not 0 <= k < len(zh_toks) or k in used_zh:
            return False
        t = zh_toks[k]
        return t.kind == "cjk" and t.text not in ZH_STOP and t.text not in _EDGE_ZH

    for lk in kept:
        lk.en_beside = en_free(lk.en[0] - 1) or en_free(lk.en[1])
        lk.zh_beside = zh_free(lk.zh[0] - 1) or zh_free(lk.zh[1])


def _rivals(link: _Link, scored: Sequence[_Link]) -> int:
    """How many other readings the title offered for either side of ``link``.

    A candidate still standing after linking's threshold that claims the same English
    span with other Chinese, or the same Chinese with other English: the linking chose,
    and a choice among several is less sure than the only reading there was.
    """
    return sum(1 for other in scored if other is not link and other.conf >= DROP
               and ((other.en == link.en) != (other.zh == link.zh)))


def term_features(links: Sequence[_Link], rivals: int, titles: int) -> dict[str, float]:
    """The features the confidence of a term is computed from (:mod:`glossary.calibration`).

    ``links`` are its occurrences, ``rivals`` the fewest competing readings any occurrence
    had (:func:`_rivals`), ``titles`` the number of distinct titles it was found in.  Each
    kind of evidence is one feature (a new kind is a new feature when the map is refitted);
    beside them the strength the linking used, the inference-only cap of
    :func:`glossary.evidence.calibrated`, the shape of the term, and its review class.
    """
    evidence = {e for lk in links for e in lk.evidence}
    strength = max(lk.conf for lk in links)
    lone = all(lk.generic for lk in links)
    name = any(lk.name for lk in links)
    partial = all(lk.partial for lk in links)
    en_words = min(len(lk.en_text.split()) for lk in links)
    out: dict[str, float] = {f"ev:{kind}": 1.0 for kind in sorted(evidence)}
    out["strength"] = strength
    out["capped"] = float(calibrated(strength, evidence, lone, name, partial) < strength or strength <= REVIEW_CAP)
    out[f"class:{review_class(links)}"] = 1.0
    out["name"] = float(name)
    out["named type"] = float(Counter(lk.type for lk in links).most_common(1)[0][0] != "term")
    out["one English word"] = float(en_words == 1)
    out["four English words or more"] = float(en_words >= 4)
    out["one Chinese word"] = float(all(lk.zh[1] - lk.zh[0] == 1 for lk in links))
    out["title-initial"] = float(all(lk.initial for lk in links))
    out["rivals"] = math.log1p(rivals)
    out["recurs"] = float(titles >= 2)
    # Beside words the linking left unaligned (:func:`_beside_unlinked`): perhaps a fragment.
    out["beside unlinked words"] = float(all(lk.en_beside and lk.zh_beside for lk in links))
    out["beside an unlinked Chinese word"] = float(all(lk.zh_beside for lk in links))
    out["beside an unlinked English word"] = float(all(lk.en_beside for lk in links))
    return out


def align_pairs(
    pairs: Sequence[TitlePair],
    known: Iterable[tuple[str, str]] = (),
    session: JiebaSession | None = None,
    *,
    supplement: bool = True,
    model: calibration.Model | None = None,
) -> list[AlignedTerm]:
    """The sub-terms of every title pair, one :class:`AlignedTerm` per (en, zh) found.

    The Chinese titles are cut by ``session`` after the supplement's words
    and the known Chinese terms are added to it (see :class:`JiebaSession`);
    a caller that computes pinyin for the result passes its own session and
    cuts the pinyin with it.  Without one, a fresh session is used and
    dropped: nothing outlives the call.  ``supplement=False`` aligns with
    CC-CEDICT alone (the benchmarks' measure of what the supplement carries).
    ``model`` is the confidence map (default: the shipped one, :mod:`glossary.calibration`);
    the refitting script passes a neutral one to read the features alone.
    """
    aligner = _Aligner(known, session if session is not None else JiebaSession(), supplement)
    prepared = [aligner.prepare(p) for p in pairs]
    aligner.learn(prepared)
    distinct: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for pair, (et, zt, es, zs) in zip(pairs, prepared, strict=True):
        distinct.setdefault((fold(pair.en), normalize_text(pair.zh, "zh")), _stat_keys(et, zt, es, zs))
    cooc = _cooccurrence(list(distinct.values()))
    found: dict[tuple[str, str], list[tuple[_Link, TitlePair]]] = defaultdict(list)
    rivals: dict[int, int] = {}
    for pair, (et, zt, es, zs) in zip(pairs, prepared, strict=True):
        scored = aligner.score(pair, et, zt, es, zs, cooc)
        kept = _link(scored)
        _beside_unlinked(kept, et, zt)
        for lk in kept:
            found[lk.key].append((lk, pair))
            rivals[id(lk)] = _rivals(lk, scored)
    terms: list[AlignedTerm] = []
    for _key, occ in found.items():
        links = [lk for lk, _p in occ]
        evidence = sorted({e for lk in links for e in lk.evidence})
        features = term_features(links, min(rivals[id(lk)] for lk in links), len({p.uid for _lk, p in occ}))
        conf = calibration.confidence(features, model)
        ttype = Counter(lk.type for lk in links).most_common(1)[0][0]
        parents: list[tuple[str, Source]] = []
        seen: set[str] = set()
        for _lk, pair in occ:
            if pair.uid not in seen:
                seen.add(pair.uid)
                parents.append((pair.uid, pair.source))
        zh = Counter(lk.zh_text for lk in links).most_common(1)[0][0]
        terms.append(AlignedTerm(
            en=_printed(links, ttype), zh=zh, type=ttype, confidence=conf, evidence=evidence,
            status="preferred" if conf >= ACCEPT else "admitted", parents=parents, features=features,
            probability=calibration.probability(features, model)))
    terms.sort(key=lambda t: (-t.confidence, t.en.casefold(), t.zh))
    return terms


__all__ = ["ACCEPT", "DROP", "AlignedTerm", "TitlePair", "align_pairs"]
