"""Build a term base from bilingual documents: files -> pairs -> concepts.

The same pair met again (cover, contents page, article) is one concept with
several provenance records.  A shortened or loose heading that shares one
side with a fuller one becomes an admitted variant of it, as a terminologist
records a short form.  Everything is grouped in memory first, so that the
preferred term is the most frequent full form, not whichever came first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from glossary.align import TitlePair, align_pairs
from glossary.chinese import cedict, pinyin
from glossary.chinese.segment import JiebaSession
from glossary.corpus.model import Pair
from glossary.corpus.pairs import extract_pairs
from glossary.lang import EN, ZH
from glossary.model import (
    FLAG_PINYIN_MISMATCH,
    FLAG_REVIEW,
    Concept,
    Flag,
    Source,
    Term,
    normalize_text,
)
from glossary.store import TermBase
from glossary.text.decode import read_text

#: The note on a full form the build took from the dictionary, not from the corpus.
_FULL_FORM_NOTE = "full form from CC-CEDICT"


@dataclass
class BuildReport:
    files: int = 0
    pairs: int = 0
    concepts: int = 0
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    aligned: int = 0
    #: (English, Chinese, reason) of every name pair that failed pinyin.
    mismatches: list[tuple[str, str, str]] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)


def read_pairs(
    paths: Sequence[str | Path],
    encoding: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Pair]:
    pairs: list[Pair] = []
    for path in paths:
        text = read_text(path, encoding)
        pairs.extend(extract_pairs(text, display_path(path)))
        if progress:
            progress(str(path))
    return pairs


def display_path(path: str | Path) -> str:
    """Provenance keeps the file name as given, with '/' separators, so that
    the shipped term base does not depend on where it was built."""
    return Path(path).as_posix()


def concepts_from_pairs(pairs: Iterable[Pair]) -> list[Concept]:
    """Group pairs into concepts, pick preferred terms, add pinyin and verify names."""
    groups = _group(list(pairs))
    concepts = [_concept(group) for group in groups]
    concepts.sort(key=lambda c: (c.sources[0].file, c.sources[0].line or 0) if c.sources else ("", 0))
    return concepts


def _group(pairs: list[Pair]) -> list[list[Pair]]:
    """Union pairs that share a side: persons only when both sides agree."""
    parent = list(range(len(pairs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_by_key: dict[tuple, int] = {}
    for i, pair in enumerate(pairs):
        en = normalize_text(pair.en, EN)
        zh = normalize_text(pair.zh, ZH)
        if pair.kind == "person":
            keys = [("person", en, zh)]
        else:
            keys = [("other-en", en), ("other-zh", zh)]
        for key in keys:
            if key in first_by_key:
                union(first_by_key[key], i)
            else:
                first_by_key[key] = i
    groups: dict[int, list[Pair]] = defaultdict(list)
    for i, pair in enumerate(pairs):
        groups[find(i)].append(pair)
    return [groups[root] for root in sorted(groups)]


def _choose(forms: list[tuple[str, Pair]], lang: str) -> list[tuple[str, list[Pair]]]:
    """Distinct printed forms, preferred first: most frequent, then fullest.

    Forms that differ only in case or spacing are one term; its printed text
    is the most frequent spelling that is not all capitals.
    """
    by_norm: dict[str, list[tuple[str, Pair]]] = defaultdict(list)
    for text, pair in forms:
        by_norm[normalize_text(text, lang)].append((text, pair))
    ranked = sorted(by_norm.items(), key=lambda kv: (-len(kv[1]), -len(kv[0]), kv[0]))
    result = []
    for _norm, items in ranked:
        spellings = Counter(text for text, _ in items)
        text = sorted(spellings, key=lambda t: (t.isupper() and lang == EN, -spellings[t], t))[0]
        result.append((text, [pair for _, pair in items]))
    return result


def _concept(group: list[Pair]) -> Concept:
    kinds = Counter(p.kind for p in group)
    kind = sorted(kinds, key=lambda k: (-kinds[k], k))[0]
    concept = Concept(type=kind)
    for pair in group:
        concept.sources.append(pair.source)
    for lang, attr in ((EN, "en"), (ZH, "zh")):
        forms = _choose([(getattr(p, attr), p) for p in group], lang)
        for rank, (text, printed_in) in enumerate(forms):
            term = Term(lang=lang, text=text)
            if rank:
                term.status = "admitted"
                term.term_type = "variant"
            seen: set[tuple[str, int]] = set()
            for pair in printed_in:
                source = pair.en_source() if lang == EN else pair.zh_source()
                if source.key() not in seen:
                    seen.add(source.key())
                    term.sources.append(source)
            concept.terms.append(term)
    _read_chinese(concept)
    for pair in group:
        for alias in pair.aliases:
            if all(t.text != alias for t in concept.terms):
                concept.terms.append(
                    Term(
                        lang=EN,
                        text=alias,
                        status="admitted",
                        term_type="variant",
                        note="Western name used by the same person",
                        sources=[pair.en_source()],
                    )
                )
    if kind == "person":
        _verify(concept)
    _type_english(concept)
    concept.ensure_uid()
    return concept


def _read_chinese(concept: Concept) -> None:
    """Give every Chinese term its pinyin and romanization (:func:`glossary.chinese.pinyin.term_reading`).

    Always on jieba's dictionary alone, never on the build's session with
    the words the aligner added: the same word is then divided the same way
    in every entry (碳中和 in a title and as a term of its own), and as an
    import divides it.
    """
    english = [t.text for t in concept.terms_in(EN)]
    for term in concept.terms_in(ZH):
        term.pinyin, term.romanization = pinyin.term_reading(term.text, concept.type, english)


#: An English term written as an acronym: capitals, perhaps digits or '&' (ISO, AI, MIIT, BRICS, ZTE).
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
_ACRONYM_TYPES = ("term", "org", "place")


def _type_english(concept: Concept) -> None:
    """Type English acronyms as acronyms, with their full form when CC-CEDICT spells it out.

    A term base that says ``AI`` is the ``acronym`` of 人工智能 and
    *artificial intelligence* its ``fullForm`` lets a CAT tool offer either;
    the full form is added only from the dictionary's gloss of the Chinese
    (``artificial intelligence (AI)``), never guessed from the letters.
    Only terms, organisations and places: a heading printed in capitals
    (``FEATURES``) is no acronym, nor a person's name.
    """
    if concept.type not in _ACRONYM_TYPES:
        return
    zh = concept.preferred(ZH)
    for term in list(concept.terms):
        if term.lang != EN or term.term_type not in ("fullForm", "variant") or not _ACRONYM.fullmatch(term.text):
            continue
        if term.text.isdigit() or term.text.rstrip("0123456789") == term.text[:1]:
            continue  # a number or a code such as G20: no letters to abbreviate
        term.term_type = "acronym"
        full = cedict.full_form(zh.text, term.text) if zh is not None else None
        if full and not any(t.lang == EN and normalize_text(t.text) == normalize_text(full) for t in concept.terms):
            at = concept.terms.index(term)
            # Admitted: the printed acronym is the attested term; the dictionary's full
            # form beside it must not make two preferred terms of one language, which
            # no spreadsheet or CAT tool's main column can hold.
            status = "admitted" if term.status == "preferred" else term.status
            concept.terms.insert(at + 1, Term(lang=EN, text=full, status=status, note=_FULL_FORM_NOTE))


def _verify(concept: Concept) -> None:
    """Flag a name pair whose Chinese does not read as its printed English.

    The flag sits on the Chinese term, the one every export shows beside
    its pinyin; the reason names the English spelling that failed.
    """
    zh = concept.preferred(ZH)
    if zh is None:
        return
    for term in concept.terms_in(EN):
        if term.note and "Western" in term.note:
            continue
        check = pinyin.verify_name(term.text, zh.text)
        if not check.ok:
            zh.flags.append(Flag(FLAG_PINYIN_MISMATCH, check.reason or ""))


def build(
    tb: TermBase,
    paths: Sequence[str | Path],
    *,
    encoding: str | None = None,
    align: bool = True,
    fresh: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildReport:
    """Read ``paths`` and merge what they pair into ``tb`` in one transaction.

    Every file is read and parsed before the first write, so a bad file
    leaves the term base untouched.  The aligner adds its words to a
    segmenter session of the build's own, so nothing is left behind in the
    process for the next build; pinyin is cut on jieba's dictionary alone
    (see :func:`_read_chinese`).
    """
    report = BuildReport(files=len(paths))
    pairs = read_pairs(paths, encoding, progress)
    report.pairs = len(pairs)
    session = JiebaSession()
    concepts = concepts_from_pairs(pairs)
    if align:
        concepts.extend(aligned_concepts(concepts, None if fresh else tb, session))
    report.concepts = len(concepts)
    with tb.transaction():
        if fresh:
            tb.clear()
        for concept in concepts:
            outcome = tb.add(concept)
            if outcome == "added":
                report.added += 1
            elif outcome == "merged":
                report.merged += 1
            else:
                report.unchanged += 1
            zh = concept.preferred(ZH)
            for flag in zh.flags if zh is not None else []:
                if flag.code == FLAG_PINYIN_MISMATCH:
                    en = concept.preferred(EN)
                    report.mismatches.append((en.text if en else "", zh.text, flag.detail))
    report.aligned = sum(1 for c in concepts if c.evidence)
    report.by_type = tb.counts_by_type()
    return report


def aligned_concepts(
    concepts: list[Concept], tb: TermBase | None = None, session: JiebaSession | None = None
) -> list[Concept]:
    """Terms inside paired titles, as concepts linked to the titles they came from.

    The aligner adds its words to ``session`` (a fresh one when None); the
    aligned terms' pinyin is cut as every other term's (:func:`_read_chinese`).
    """
    session = session if session is not None else JiebaSession()
    titles: list[TitlePair] = []
    known: list[tuple[str, str]] = []
    for concept in concepts:
        en, zh = concept.preferred(EN), concept.preferred(ZH)
        if en is None or zh is None:
            continue
        if concept.type == "title":  # column names are too short to hold sub-terms
            for source in concept.sources:
                titles.append(TitlePair(en.text, zh.text, concept.ensure_uid(), source))
        else:
            known.append((en.text, zh.text))
    if tb is not None:
        for concept in tb.iter_concepts(types=("org", "person", "place", "term")):
            en, zh = concept.preferred(EN), concept.preferred(ZH)
            if en is not None and zh is not None:
                known.append((en.text, zh.text))
    out = []
    for item in align_pairs(titles, known, session):
        concept = Concept(
            type=item.type,
            confidence=round(item.confidence, 3),
            evidence=list(item.evidence),
        )
        en = Term(lang=EN, text=item.en, status=item.status)
        zh = Term(lang=ZH, text=item.zh, status=item.status)
        if item.status != "preferred":
            flag = Flag(FLAG_REVIEW, f"confidence {item.confidence:.2f}")
            en.flags.append(flag)
        for parent_uid, source in item.parents:
            concept.sources.append(
                Source(source.file, source.line, source.context, parent=parent_uid)
            )
        concept.terms = [en, zh]
        _read_chinese(concept)
        if item.type == "person":
            _verify(concept)
        _type_english(concept)
        concept.ensure_uid()
        out.append(concept)
    return out
