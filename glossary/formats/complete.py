"""What every import does to a file's concepts, whatever the format: pinyin, and one term per spelling.

Built terms get their pinyin (and for people and places their GB/T 16159
romanization) from :mod:`glossary.build`; an imported Chinese term must
get the same, or ``lookup`` by pinyin and the ``name`` rule cannot find
it.  The same functions are called the same way here, on the terms the file
did not give a pinyin (a file's own pinyin, e.g. our TBX's notes, is kept).

A file may also say one term twice in one entry: the same spelling under
``en-US`` and ``en-GB`` (one language once tags are normalized), a term
repeated in ``en_admitted``, the same ``tig`` twice.  The term base holds a
spelling once per concept, so the duplicates are merged into the first
(its fields win, the others fill what it lacks) and counted in the report,
instead of the whole file being refused.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from collections.abc import Container, Iterable, Iterator, MutableMapping, Sequence
from collections.abc import Mapping as Mapping_
from functools import lru_cache
from typing import Any

from glossary.bulk import batches, fork_cores
from glossary.chinese import pinyin
from glossary.formats.common import Mapping, strip_unwritable
from glossary.i18n import _
from glossary.model import STATUSES, Concept, Flag, Source, Term
from glossary.text.script import is_han

#: The concept types whose Chinese terms get a romanization, as in the build.
ROMANIZE = ("person", "place")


def _kind(concept_type: str) -> str:
    """What the pinyin of a concept's Chinese term depends on of its type."""
    return concept_type if concept_type in ROMANIZE + ("org",) else "term"


def add_pinyin(
    term: Term,
    concept_type: str,
    memo: MutableMapping[tuple[str, str], tuple[str, str | None]] | None = None,
    ready: Mapping_[tuple[str, str], tuple[str, str | None]] | None = None,
) -> bool:
    """Give a Chinese ``term`` without pinyin the build's pinyin (and romanization); True if it did.

    ``memo`` remembers answers within one import (a glossary repeats its
    words: the same Chinese under several English terms).  ``ready`` holds
    :func:`glossary.chinese.pinyin.term_reading`'s answers computed ahead
    (in worker processes), used instead of computing them here.
    """
    if not term.lang.startswith("zh") or term.pinyin is not None or not is_han(term.text):
        return False
    kind = _kind(concept_type)
    if memo is not None and (term.text, kind) in memo:
        term.pinyin, romanization = memo[(term.text, kind)]
        if term.romanization is None:
            term.romanization = romanization
        return True
    had = term.romanization
    answer = ready.get((term.text, kind)) if ready is not None else None
    if answer is not None:
        term.pinyin = answer[0]
        if term.romanization is None:
            term.romanization = answer[1]
    else:
        _fill(term, kind)
    if memo is not None:
        memo[(term.text, kind)] = (term.pinyin or "", term.romanization if had is None else None)
    return True


#: Answers :class:`_ImportMemo` keeps before it starts again (a few MB).
_MEMO_LIMIT = 65536


class _ImportMemo(MutableMapping[tuple[str, str], tuple[str, str | None]]):
    """:func:`add_pinyin`'s memo for one import, in memory that does not grow with the file.

    For most terms the remembered answer is only :func:`~glossary.chinese.pinyin.term_reading`'s,
    which computing again gives back: those are forgotten when there are
    too many.  A person's or place's name is the exception (the first term
    of a text decides whether later ones get its romanization), so those
    are kept: one entry per distinct name.
    """

    def __init__(self, limit: int = _MEMO_LIMIT) -> None:
        self.limit = limit
        self.kept: dict[tuple[str, str], tuple[str, str | None]] = {}
        self.recent: dict[tuple[str, str], tuple[str, str | None]] = {}

    def __getitem__(self, key: tuple[str, str]) -> tuple[str, str | None]:
        return self.kept[key] if key in self.kept else self.recent[key]

    def __contains__(self, key: object) -> bool:
        return key in self.kept or key in self.recent

    def __setitem__(self, key: tuple[str, str], value: tuple[str, str | None]) -> None:
        if key[1] in ROMANIZE:
            self.kept[key] = value
            return
        if len(self.recent) >= self.limit:
            self.recent.clear()
        self.recent[key] = value

    def __delitem__(self, key: tuple[str, str]) -> None:
        self.kept.pop(key, None)
        self.recent.pop(key, None)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        yield from self.kept
        yield from self.recent

    def __len__(self) -> int:
        return len(self.kept) + len(self.recent)


#: Concepts read ahead at a time, so that their pinyin is computed in worker processes.
CHUNK = 2000
#: Chinese texts a chunk must need before worker processes are started (small imports stay in one).
PARALLEL_FROM = 1000


def _reading(key: tuple[str, str]) -> tuple[str, str | None]:
    """One worker's task: the build's pinyin of a text for a kind of concept."""
    return pinyin.term_reading(key[0], key[1])


def _wanted(concepts: Sequence[Concept], memo: Container[tuple[str, str]]) -> list[tuple[str, str]]:
    """The texts whose pinyin :func:`complete` will compute for ``concepts``, as it will clean them.

    A guess that only has to be good: a text it misses is computed where it is met.
    """
    keys: dict[tuple[str, str], None] = {}
    for concept in concepts:
        kind = _kind(concept.type)
        for term in concept.terms:
            if term.lang.startswith("zh") and term.pinyin is None:
                text = strip_unwritable(term.text)[0].strip()
                if is_han(text) and (text, kind) not in memo:
                    keys[(text, kind)] = None
    return list(keys)


class _Workers:
    """A pool of processes (one per core) computing the pinyin of the next chunk while this one is written.

    Started only for a chunk that needs :data:`PARALLEL_FROM` texts or more,
    after the dictionaries are loaded here, so the forked workers share
    them; results come back in order, so nothing depends on which worker
    read a term.  Without ``fork`` (or with one core), nothing is read
    ahead and every pinyin is computed where it is met.
    """

    def __init__(self) -> None:
        self.pool: Any = None
        self.failed = False

    def start(self, sample: tuple[str, str]) -> bool:
        if self.pool is not None or self.failed:
            return self.pool is not None
        import multiprocessing

        cores = fork_cores()
        if not cores:
            self.failed = True
            return False
        _reading(sample)
        pinyin.prepare()  # pypinyin's, jieba's and CC-CEDICT's tables, loaded once here and shared by the workers
        # The tables' objects out of the collector's reach while forking: a worker's collections
        # then neither walk them nor write to their pages (which would copy them, page by page).
        gc.freeze()
        try:
            self.pool = multiprocessing.get_context("fork").Pool(cores)
        finally:
            gc.unfreeze()
        return True

    def submit(self, keys: list[tuple[str, str]]) -> Any:  # noqa: ANN401 - a multiprocessing AsyncResult
        if len(keys) < PARALLEL_FROM or not self.start(keys[0]):
            return None
        return self.pool.map_async(_reading, keys, chunksize=max(1, len(keys) // (4 * self.pool._processes)))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None



def _ahead(
    concepts: Iterable[Concept], memo: Container[tuple[str, str]]
) -> Iterator[tuple[list[Concept], dict[tuple[str, str], tuple[str, str | None]]]]:
    """Chunks of ``concepts``, each with the pinyin computed for it while the previous one was used."""
    workers = _Workers()
    try:
        pending: tuple[list[Concept], list[tuple[str, str]], Any] | None = None
        for chunk in batches(concepts, CHUNK):
            keys = _wanted(chunk, memo)
            job = (chunk, keys, workers.submit(keys))
            if pending is not None:
                yield pending[0], _collect(pending[1], pending[2])
            pending = job
        if pending is not None:
            yield pending[0], _collect(pending[1], pending[2])
    finally:
        workers.close()


def _collect(keys: list[tuple[str, str]], job: Any) -> dict[tuple[str, str], tuple[str, str | None]]:  # noqa: ANN401
    if job is None:
        return {}
    return dict(zip(keys, job.get(), strict=True))


_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
#: Toned and umlauted pinyin vowels to their toneless ASCII letter (ü as ``v``), lower-case.
_TONELESS = str.maketrans({
    **{c: "a" for c in "āáǎàĀÁǍÀ"}, **{c: "e" for c in "ēéěèĒÉĚÈ"}, **{c: "i" for c in "īíǐìĪÍǏÌ"},
    **{c: "o" for c in "ōóǒòŌÓǑÒ"}, **{c: "u" for c in "ūúǔùŪÚǓÙ"}, **{c: "v" for c in "üǖǘǚǜÜǕǗǙǛ"},
    **{c: "n" for c in "ńňǹŃŇǸ"}, **{c: "m" for c in "ḿḾ"},
})


def _letters(text: str) -> str:
    """Pinyin as toneless lowercase letters and digits, ü as ``v``: ``Xī'ān`` is ``xian``."""
    bare = text.translate(_TONELESS).lower()
    if not bare.isascii():  # a tone mark as a combining character, or another script
        bare = "".join(c for c in unicodedata.normalize("NFD", bare) if not unicodedata.combining(c))
    return _NOT_LETTERS.sub("", bare)


@lru_cache(maxsize=65536)
def _readings(ch: str) -> tuple[str, ...] | None:
    """What one character of a term may be spelled as in its pinyin.

    A Han character: every toneless reading (ü as ``v``), or None when
    pypinyin has none; a Latin letter or digit: itself; anything else:
    nothing (an empty tuple, skipped).
    """
    if not is_han(ch):
        literal = _letters(ch)
        return (literal,) if literal else ()
    import pypinyin

    items = pypinyin.pinyin(ch, style=pypinyin.Style.NORMAL, heteronym=True, errors="ignore")
    readings = tuple(dict.fromkeys(r.replace("ü", "v") for r in items[0] if r)) if items else ()
    return readings or None


def pinyin_fits(text: str, given: str) -> bool:
    """Whether ``given`` pinyin spells the Chinese ``text``, with any reading of each character.

    A spreadsheet user who edits a Chinese cell rarely edits the pinyin
    cell beside it: a pinyin that no longer spells the term is stale, and
    the CSV import derives it afresh (the CSV export vouches for a term's
    pinyin that does not spell it, so such a pinyin survives a round trip:
    the two use this one test).  Per character, from a cached table, with
    no word segmentation: cheap enough to run on every row.  Latin letters
    and digits in the term must appear as they are; a character without a
    known reading cannot be checked, so the pinyin is taken as fitting.
    """
    letters = _letters(given)
    ends = {0}
    for ch in text:
        readings = _readings(ch)
        if readings is None:
            return True
        if readings:
            ends = {end + len(r) for end in ends for r in readings if letters.startswith(r, end)}
            if not ends:
                return False
    return len(letters) in ends


def _fill(term: Term, concept_type: str) -> None:
    # The build's own function (one division of every word, in built and imported entries alike).
    term.pinyin, romanization = pinyin.term_reading(term.text, concept_type)
    if term.romanization is None:
        term.romanization = romanization


def _merge_into(kept: Term, dup: Term) -> None:
    """Fold ``dup`` into ``kept``: the better status, fields ``kept`` lacks, every source and flag."""
    if STATUSES.index(dup.status) < STATUSES.index(kept.status):
        kept.status = dup.status
    for key in ("pos", "pinyin", "romanization"):
        if getattr(kept, key) is None and getattr(dup, key) is not None:
            setattr(kept, key, getattr(dup, key))
    if dup.note and dup.note != kept.note:
        kept.note = dup.note if kept.note is None else f"{kept.note}\n{dup.note}"
    for flag in dup.flags:
        if flag not in kept.flags:
            kept.flags.append(flag)
    for source in dup.sources:
        if source not in kept.sources:
            kept.sources.append(source)


def merge_duplicates(concept: Concept) -> list[Term]:
    """Merge terms of ``concept`` with the same language and text; returns the duplicates removed."""
    terms = concept.terms
    if len(terms) < 2 or (len(terms) == 2 and (terms[0].lang, terms[0].text) != (terms[1].lang, terms[1].text)):
        return []  # most entries: one term per language, nothing to merge
    seen: dict[tuple[str, str], Term] = {}
    kept: list[Term] = []
    removed: list[Term] = []
    for term in concept.terms:
        key = (term.lang, term.text)
        first = seen.get(key)
        if first is None:
            seen[key] = term
            kept.append(term)
        else:
            _merge_into(first, term)
            removed.append(term)
    if removed:
        concept.terms = kept
    return removed


def _strip_fields(obj: Concept | Term | Source, keys: tuple[str, ...]) -> int:
    removed = 0
    for key in keys:
        value = getattr(obj, key)
        if value:
            clean, n = strip_unwritable(value)
            if n:
                setattr(obj, key, clean)
                removed += n
    return removed


def _writable(concept: Concept) -> bool:
    """Whether no text :func:`strip_control_characters` cleans holds a character to remove: one test on all of them.

    Almost every concept of a file is clean; testing its texts joined costs
    one search instead of one per field.
    """
    parts = [concept.subject or "", concept.note or "", *(e for e in concept.evidence if e)]
    for source in concept.sources:
        parts += (source.file or "", source.context or "")
    for term in concept.terms:
        parts += (term.text, term.pos or "", term.pinyin or "", term.romanization or "", term.note or "")
        for source in term.sources:
            parts += (source.file or "", source.context or "")
        for flag in term.flags:
            parts += (flag.code or "", flag.detail or "")
    return not strip_unwritable("".join(parts))[1]


def strip_control_characters(concept: Concept) -> int:
    """Remove what XML cannot carry (U+0001, U+FFFF...) from every text of ``concept``; how many."""
    if _writable(concept):
        return 0
    removed = _strip_fields(concept, ("subject", "note"))
    concept.evidence = [strip_unwritable(e)[0] if e else e for e in concept.evidence]
    for source in concept.sources:
        removed += _strip_fields(source, ("file", "context"))
    for term in concept.terms:
        removed += _strip_fields(term, ("text", "pos", "pinyin", "romanization", "note"))
        for source in term.sources:
            removed += _strip_fields(source, ("file", "context"))
        for i, flag in enumerate(term.flags):
            code, detail = strip_unwritable(flag.code)[0], strip_unwritable(flag.detail)[0]
            if (code, detail) != (flag.code, flag.detail):
                term.flags[i] = Flag(code, detail)
                removed += 1
    return removed


def complete(concepts: Iterable[Concept], mapping: Mapping) -> Iterator[Concept]:
    """Each concept with its duplicate terms merged and its Chinese terms' pinyin, as it is read.

    Characters XML cannot carry are removed first (and counted): one
    U+0001 let in from a spreadsheet would otherwise block every TBX export.
    Spaces around a term are removed (and counted) whatever the format, as
    the TBX readers always did: ``" padded "`` from a CSV cell and
    ``<term> padded </term>`` are the one term ``padded``.
    """
    memo = _ImportMemo()
    tally: dict[tuple[str, str], int] = {}
    for chunk, ready in _ahead(concepts, memo):
        yield from _complete_chunk(chunk, ready, memo, tally, mapping)
    # What the file gave, by language and status: the summary a terminologist checks first.
    for (lang, status), count in tally.items():
        mapping.add(_("terms read: {lang} {status}").format(lang=lang, status=status), count)


def _complete_chunk(
    chunk: list[Concept],
    ready: dict[tuple[str, str], tuple[str, str | None]],
    memo: _ImportMemo,
    tally: dict[tuple[str, str], int],
    mapping: Mapping,
) -> Iterator[Concept]:
    added = 0  # "pinyin added", the most frequent note by far: counted here, told once per chunk
    try:
        for concept in chunk:
            stripped = strip_control_characters(concept)
            if stripped:
                mapping.add(_("control characters XML cannot carry removed"), stripped)
            padded = 0
            for term in concept.terms:
                if term.text != term.text.strip():
                    term.text = term.text.strip()
                    padded += 1
            if padded:
                mapping.add(_("spaces around a term removed"), padded)
            if stripped or padded:
                concept.terms = [t for t in concept.terms if t.text]
                if not concept.terms:
                    mapping.add(_("entry skipped: no term left once spaces and control characters were removed"))
                    continue
            for dup in merge_duplicates(concept):
                mapping.add(
                    _("duplicate term in one entry merged: {lang} {text}").format(lang=dup.lang, text=dup.text)
                )
            for term in concept.terms:
                had = term.romanization
                if term.lang.startswith("zh") and add_pinyin(term, concept.type, memo, ready):
                    added += 1
                    if had is None and term.romanization is not None:
                        mapping.add(_("romanization added to {type} names").format(type=concept.type))
                tally[(term.lang, term.status)] = tally.get((term.lang, term.status), 0) + 1
            yield concept
    finally:
        if added:
            mapping.add(_("pinyin added to Chinese terms"), added)


__all__ = ["ROMANIZE", "add_pinyin", "complete", "merge_duplicates", "pinyin_fits"]
