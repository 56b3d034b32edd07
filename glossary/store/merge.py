"""The merge policy: which stored concept a new one is, and what the two become.

Plain functions on :class:`~glossary.model.Concept` objects, so that every
backend merges alike and the policy can be tested without a database.  A
backend's part is only to find the candidates (stored concepts that share a
term with the new one) and to write back what :func:`merge_concepts` returns.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from glossary.model import Concept, Flag, Source, Term


def source_key(source: Source) -> tuple[str, int, str]:
    """What makes two sources one: the same place (file, line) of the same parent.

    The context is left out: the same line read again is the same evidence.
    """
    return (source.file, source.line or 0, source.parent or "")


def unique_sources(sources: Sequence[Source]) -> list[Source]:
    """``sources`` without repeats (by :func:`source_key`), first kept, order kept."""
    seen: set[tuple[str, int, str]] = set()
    kept = []
    for source in sources:
        key = source_key(source)
        if key not in seen:
            seen.add(key)
            kept.append(source)
    return kept


def unique_flags(flags: Sequence[Flag]) -> list[Flag]:
    """``flags`` with one flag per code (the first), order kept."""
    seen: set[str] = set()
    kept = []
    for flag in flags:
        if flag.code not in seen:
            seen.add(flag.code)
            kept.append(flag)
    return kept


def find_match(
    concept: Concept, candidates: Sequence[Concept], keep_apart: Collection[str] = ()
) -> int | None:
    """The index of the stored concept that ``concept`` is, among ``candidates``, or None.

    ``candidates`` are stored concepts oldest first (a backend passes those
    that share a term with ``concept``; others are ignored).  A concept of
    the same type matches through any term of the same language and
    normalised text; the one matching in the most languages wins, the
    oldest among equals.  Uids in ``keep_apart`` never match (two entries
    of one imported file are two concepts by the file's own word).
    """
    wanted = {(t.lang, t.norm) for t in concept.terms}
    langs_of: dict[int, set[str]] = {}
    for index, candidate in enumerate(candidates):
        if candidate.type != concept.type or candidate.uid in keep_apart:
            continue
        # Homonyms told apart by subject field (ok -> 确定 in one field,
        # 成功 in another) stay two concepts.
        if concept.subject and candidate.subject and candidate.subject != concept.subject:
            continue
        found = {t.lang for t in candidate.terms if (t.lang, t.norm) in wanted}
        if found:
            langs_of[index] = found
    if not langs_of:
        return None
    if concept.type == "person":
        # Two people may share a romanized name (Guo Hai) yet not their
        # Chinese one: persons merge only when every language agrees.
        langs = {t.lang for t in concept.terms}
        full = [index for index, found in langs_of.items() if found >= langs]
        return min(full) if full else None
    return min(langs_of, key=lambda index: (-len(langs_of[index]), index))


@dataclass(frozen=True)
class StatusChange:
    """A term whose status an import changed: which concept, which term, from what to what."""

    uid: str
    lang: str
    text: str
    before: str
    after: str


def merge_concepts(
    existing: Concept, new: Concept, *, statuses: list[StatusChange] | None = None
) -> Concept | None:
    """``existing`` with what ``new`` adds to it, or None when it adds nothing.

    What the base has wins: its subject, note, preferred terms and their
    readings stay; ``new`` fills what is missing, adds its evidence, flags
    and sources, and its other spellings (a second preferred spelling is
    recorded as an admitted variant, never displacing the first).  Neither
    argument is changed.

    With ``statuses`` (a list, which receives a :class:`StatusChange` for
    each one), the statuses ``new`` states for the terms ``existing`` has
    are applied: an imported file is the team's word on them (插件 now
    deprecated, 组件 now preferred), while a build meets a term again
    without judging it again, so it passes none.  A term the file makes
    preferred demotes the other preferred terms of its language that the
    file does not also call preferred to admitted; a new term stays
    preferred only when no preferred term of its language is left.

    The merged concept is ``existing`` with items appended to its lists
    (terms, each term's flags and sources, the concept's sources and
    evidence), empty fields filled and, with ``statuses``, terms' statuses
    changed, never one removed or reordered: a backend may write only the
    tails, the filled fields and the statuses.  Sources are compared by
    place alone (:func:`source_key`), so ``existing`` needs only its sources
    at the places ``new`` has sources: a backend may leave the others out
    (and then keep them where they are).
    """
    evidence = existing.evidence + [e for e in new.evidence if e not in existing.evidence]
    merged = Concept(
        type=existing.type,
        uid=existing.uid,
        subject=existing.subject or new.subject,
        note=existing.note or new.note,
        confidence=max(
            (v for v in (existing.confidence, new.confidence) if v is not None), default=None
        ),
        evidence=evidence,
        terms=[replace(t, flags=list(t.flags), sources=list(t.sources)) for t in existing.terms],
        sources=list(existing.sources),
    )
    changed = (merged.subject, merged.note, merged.confidence, merged.evidence) != (
        existing.subject,
        existing.note,
        existing.confidence,
        existing.evidence,
    )
    stored = list(merged.terms)
    fresh: list[Term] = []
    stated: set[int] = set()  # ids of stored terms whose status the file states
    promoted: set[str] = set()  # languages where the file makes a stored term preferred
    for term in new.terms:
        found = _same_term(stored, term)
        if found is None:
            fresh.append(term)
            continue
        changed = _fill_term(found, term) or changed
        if statuses is not None:
            stated.add(id(found))
            if found.status != term.status:
                _set_status(merged, found, term.status, statuses)
                if term.status == "preferred":
                    promoted.add(term.lang)
                changed = True
    for term in stored:
        if term.lang in promoted and term.status == "preferred" and id(term) not in stated:
            _set_status(merged, term, "admitted", statuses)  # type: ignore[arg-type]
            changed = True
    for term in fresh:
        found = _same_term(merged.terms, term)  # a spelling the file repeats
        if found is not None:
            changed = _fill_term(found, term) or changed
            continue
        # A second spelling met later is recorded, but never displaces
        # the preferred term the base already has.
        if term.status == "preferred" and any(
            t.lang == term.lang and t.status == "preferred" for t in merged.terms
        ):
            term = as_variant(term)
        merged.terms.append(
            replace(term, flags=unique_flags(term.flags), sources=unique_sources(term.sources))
        )
        changed = True
    changed = _add_sources(merged.sources, new.sources) or changed
    return merged if changed else None


def replace_concept(
    existing: Concept, new: Concept, *, statuses: list[StatusChange] | None = None
) -> Concept:
    """``new`` in the place of ``existing`` (``--on-conflict replace``), keeping what it does not contradict.

    The file's terms, statuses and fields win, and a stored term it leaves
    out is gone; but a term both have keeps the stored pinyin,
    romanization, part of speech and note where the file gives none, and
    every flag and where-found record (the file seldom carries them: a CSV
    has no provenance), as the concept keeps its subject, note, evidence
    and sources.  ``statuses`` receives each status the file changed.
    Neither argument is changed; the result has ``existing``'s uid.
    """
    result = Concept(
        type=new.type,
        uid=existing.uid,
        subject=new.subject if new.subject is not None else existing.subject,
        note=new.note if new.note is not None else existing.note,
        confidence=new.confidence if new.confidence is not None else existing.confidence,
        evidence=existing.evidence + [e for e in new.evidence if e not in existing.evidence],
        sources=unique_sources([*existing.sources, *new.sources]),
    )
    for term in new.terms:
        kept = replace(term, flags=unique_flags(term.flags), sources=unique_sources(term.sources))
        found = _same_term(existing.terms, term)
        if found is not None:
            for key in ("pinyin", "romanization", "pos", "note"):
                if getattr(kept, key) is None:
                    setattr(kept, key, getattr(found, key))
            kept.flags = unique_flags([*found.flags, *kept.flags])
            kept.sources = unique_sources([*found.sources, *kept.sources])
            if statuses is not None and found.status != kept.status:
                statuses.append(StatusChange(result.uid or "", kept.lang, kept.text, found.status, kept.status))
        result.terms.append(kept)
    return result


def _fill_term(found: Term, term: Term) -> bool:
    """Give ``found`` the flags, sources and readings ``term`` adds; True if it added any."""
    changed = False
    codes = {f.code for f in found.flags}
    for flag in term.flags:
        if flag.code not in codes:
            codes.add(flag.code)
            found.flags.append(flag)
            changed = True
    changed = _add_sources(found.sources, term.sources) or changed
    for key in ("pinyin", "romanization", "pos", "note"):
        if getattr(found, key) is None and getattr(term, key) is not None:
            setattr(found, key, getattr(term, key))
            changed = True
    return changed


def _set_status(concept: Concept, term: Term, status: str, statuses: list[StatusChange]) -> None:
    statuses.append(StatusChange(concept.uid or "", term.lang, term.text, term.status, status))
    term.status = status


def as_variant(term: Term) -> Term:
    """``term`` as an admitted variant: how a later preferred spelling joins a concept."""
    return replace(
        term,
        status="admitted",
        term_type="variant" if term.term_type == "fullForm" else term.term_type,
        flags=list(term.flags),
        sources=list(term.sources),
    )


def _same_term(terms: list[Term], term: Term) -> Term | None:
    """The same spelling first; else a spelling that differs only in case or
    spacing is the same term met again (WORLD STANDARDS DAY)."""
    for stored in terms:
        if stored.lang == term.lang and stored.text == term.text:
            return stored
    norm = term.norm
    for stored in terms:
        if stored.lang == term.lang and stored.norm == norm:
            return stored
    return None


def _add_sources(into: list[Source], sources: Sequence[Source]) -> bool:
    keys = {source_key(s) for s in into}
    added = False
    for source in sources:
        key = source_key(source)
        if key not in keys:
            keys.add(key)
            into.append(source)
            added = True
    return added
