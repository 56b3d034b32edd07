"""A terminologist's daily edits of a term base, each one transaction, each recorded.

``glossary add``, ``edit``, ``deprecate``, ``remove``, ``merge`` and
``history`` are thin commands over these functions, which work on any
:class:`~glossary.store.TermBase` (SQLite and ``.jsonl`` alike) and are
usable without the CLI::

    from glossary import edit
    from glossary.store import open_termbase

    with open_termbase("team.jsonl") as tb:
        edit.deprecate(tb, "插件", use="组件", reason="style guide 2.1")
        for change in edit.history(tb, "插件"):
            print(change.when, change.who, change.action)

Every function writes in one transaction: the concept as it becomes and a
:class:`~glossary.store.base.Change` saying who (``$GLOSSARY_USER``, else
the login name), when (UTC, ISO 8601), what (the concept before and
after, as JSON) and, optionally, why.  A term base keeps its history itself
(see :meth:`~glossary.store.base.TermBase.record`), so it travels with it.

A concept is named by its id, or by the text of one of its terms
(case and spacing as :func:`~glossary.model.normalize_text` folds them).
A text that more than one concept has is an
:class:`~glossary.errors.AmbiguousError` listing their ids (exit status 6),
never a guess.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from glossary import lang as langs
from glossary.errors import AmbiguousError, InputError
from glossary.formats.complete import add_pinyin
from glossary.i18n import _
from glossary.model import CONCEPT_TYPES, STATUSES, TERM_TYPES, Concept, Term, normalize_text
from glossary.store import TermBase
from glossary.store.base import Change
from glossary.store.jsonl import change_to_json, concept_to_json
from glossary.store.merge import merge_concepts

#: What :attr:`Change.action` may be.
ACTIONS = ("add", "edit", "deprecate", "remove", "merge")

#: The status ``deprecate`` gives: superseded (replaced by a newer term; ``lint``
#: warns), or with ``forbid`` deprecated (must not be used; ``lint`` reports an error).
DEPRECATE_STATUS = "superseded"
FORBID_STATUS = "deprecated"


def current_user() -> str:
    """Who edits: ``$GLOSSARY_USER``, else the login name, else ``unknown``."""
    user = os.environ.get("GLOSSARY_USER", "").strip()
    if user:
        return user
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without passwd entry)
        return "unknown"


def utc_now() -> str:
    """The time now, UTC, ISO 8601 to the second: ``2026-12-01T22:40:11Z``."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# -- naming concepts and terms -----------------------------------------------------------


def find_concepts(tb: TermBase, ref: str) -> list[Concept]:
    """The concepts ``ref`` names: the one with that id, else every one with a term of that text."""
    ref = ref.strip()
    if not ref:
        return []
    by_id = tb.get(ref)
    if by_id is not None:
        return [by_id]
    found: dict[str, Concept] = {}
    for concept in tb.search(ref, limit=100):
        if any(t.norm == normalize_text(ref, t.lang) for t in concept.terms):
            found[concept.ensure_uid()] = concept
    return [found[uid] for uid in sorted(found)]


def resolve(tb: TermBase, ref: str) -> Concept:
    """The one concept ``ref`` names; :class:`InputError` for none, :class:`AmbiguousError` for several."""
    found = find_concepts(tb, ref)
    if not found:
        raise InputError(_("no concept has the id or term {ref!r}").format(ref=ref))
    if len(found) > 1:
        raise AmbiguousError(
            _("{ref!r} is a term of {count} concepts: {ids}; name one by its id").format(
                ref=ref, count=len(found), ids="; ".join(f"{c.uid} ({label(c)})" for c in found)
            )
        )
    return found[0]


def label(concept: Concept | dict[str, Any] | None) -> str:
    """A concept's preferred terms, ``plug-in / 插件``, to show it by."""
    if concept is None:
        return ""
    if isinstance(concept, dict):
        terms = concept.get("terms", [])
        texts: dict[str, str] = {}
        for item in terms:
            if item.get("status", "preferred") == "preferred":
                texts.setdefault(item["lang"], item["text"])
        for item in terms:
            texts.setdefault(item["lang"], item["text"])
        return " / ".join(texts[k] for k in sorted(texts))
    parts = []
    for tag in sorted({t.lang for t in concept.terms}):
        term = concept.preferred(tag)
        if term is not None:
            parts.append(term.text)
    return " / ".join(parts)


def find_term(concept: Concept, text: str, lang: str | None = None) -> Term:
    """The term of ``concept`` written ``text`` (in ``lang``, when given)."""
    wanted = [
        t
        for t in concept.terms
        if (lang is None or t.lang == lang) and t.norm == normalize_text(text, t.lang)
    ]
    exact = [t for t in wanted if t.text == text]
    if len(exact) == 1 or len(wanted) == 1:
        return (exact or wanted)[0]
    if not wanted:
        raise InputError(
            _("concept {id} has no term {text!r}").format(id=concept.uid, text=text)
        )
    raise InputError(
        _("concept {id} has {text!r} in several languages; give --lang").format(id=concept.uid, text=text)
    )


def _only_term(concept: Concept, lang: str | None) -> Term:
    """The term meant when only a concept (and maybe a language) is named: there must be one."""
    terms = [t for t in concept.terms if lang is None or t.lang == lang]
    if len(terms) != 1:
        raise InputError(
            _("concept {id} has {count} terms here; name one with --term").format(id=concept.uid, count=len(terms))
        )
    return terms[0]


def language(tag: str) -> str:
    """A language tag as the term base stores it (``zh`` is ``zh-Hans``)."""
    return langs.normalize(tag)


def _check(value: str | None, allowed: tuple[str, ...], what: str) -> None:
    if value is not None and value not in allowed:
        raise InputError(
            _("unknown {what} {value!r}; one of: {allowed}").format(what=what, value=value, allowed=", ".join(allowed))
        )


# -- recording --------------------------------------------------------------------------


def _change(
    action: str,
    before: Concept | None,
    after: Concept | None,
    *,
    reason: str | None,
    user: str | None,
    other: str | None = None,
) -> Change:
    uid = (after or before).ensure_uid()  # type: ignore[union-attr]
    return Change(
        action=action,
        uid=uid,
        who=user or current_user(),
        when=utc_now(),
        before=concept_to_json(before) if before is not None else None,
        after=concept_to_json(after) if after is not None else None,
        reason=reason or None,
        other=other,
    )


def _write(tb: TermBase, change: Change, after: Concept | None) -> Change:
    """Store ``after`` (or remove the concept when None) and record ``change``: one transaction."""
    if change.before == change.after:
        raise InputError(_("nothing to change: concept {id} is already so").format(id=change.uid))
    if after is None:
        tb.delete(change.uid)
    else:
        tb.put(after)
    tb.record(change)
    return change


def _copy(concept: Concept) -> Concept:
    return replace(
        concept,
        terms=[replace(t, flags=list(t.flags), sources=list(t.sources)) for t in concept.terms],
        evidence=list(concept.evidence),
        sources=list(concept.sources),
    )


def _one_preferred(concept: Concept, keep: Term) -> None:
    """``keep`` is now preferred: the other preferred terms of its language become admitted."""
    for term in concept.terms:
        if term is not keep and term.lang == keep.lang and term.status == "preferred":
            term.status = "admitted"


def _new_term(concept_type: str, tag: str, text: str, **fields: Any) -> Term:
    text = text.strip()
    if not text:
        raise InputError(_("a term needs a text"))
    term = Term(lang=language(tag), text=text, **fields)
    add_pinyin(term, concept_type)
    return term


# -- the edits ------------------------------------------------------------------------------


def add(
    tb: TermBase,
    terms: list[tuple[str, str]],
    *,
    to: str | None = None,
    concept_type: str = "term",
    subject: str | None = None,
    note: str | None = None,
    status: str | None = None,
    term_type: str = "fullForm",
    pos: str | None = None,
    reason: str | None = None,
    user: str | None = None,
) -> Change:
    """Add a new concept of ``terms`` (``(lang, text)`` pairs), or with ``to`` add them to that concept.

    A new concept's terms are preferred unless ``status`` says otherwise;
    terms added to a concept are admitted unless ``status`` says otherwise,
    and a term added as preferred makes the preferred term of its language
    admitted.  Chinese terms get their pinyin (and people and places their
    romanization) as built and imported ones do.  A new concept with the
    very terms of one already there is refused: add to that one with ``to``.
    """
    if not terms:
        raise InputError(_("give at least one term (--en, --zh or --term LANG=TEXT)"))
    _check(status, STATUSES, _("status"))
    _check(term_type, TERM_TYPES, _("term type"))
    _check(concept_type, CONCEPT_TYPES, _("concept type"))
    with tb.transaction():
        if to is None:
            concept = Concept(type=concept_type, subject=subject or None, note=note or None)
            for tag, text in terms:
                concept.terms.append(
                    _new_term(concept_type, tag, text, status=status or "preferred", term_type=term_type, pos=pos)
                )
            _refuse_duplicate(tb, concept)
            concept.ensure_uid()
            base, n = concept.uid, 2
            while tb.get(concept.uid or "") is not None:  # the same terms under another subject
                concept.uid, n = f"{base}-{n}", n + 1
            return _write(tb, _change("add", None, concept, reason=reason, user=user), concept)
        before = resolve(tb, to)
        after = _copy(before)
        for tag, text in terms:
            term = _new_term(after.type, tag, text, status=status or "admitted", term_type=term_type, pos=pos)
            if any(t.lang == term.lang and t.norm == term.norm for t in after.terms):
                raise InputError(
                    _("concept {id} already has the term {text!r}").format(id=after.uid, text=term.text)
                )
            after.terms.append(term)
            if term.status == "preferred":
                _one_preferred(after, term)
        return _write(tb, _change("add", before, after, reason=reason, user=user), after)


def _refuse_duplicate(tb: TermBase, concept: Concept) -> None:
    """A new concept whose every term is already one concept's (same type and subject): add to that one."""
    for ref in {t.text for t in concept.terms}:
        for other in find_concepts(tb, ref):
            if other.type != concept.type or (other.subject or None) != concept.subject:
                continue
            have = {(t.lang, t.norm) for t in other.terms}
            if all((t.lang, t.norm) in have for t in concept.terms):
                raise InputError(
                    _("the term base has these terms already, as concept {id}; add to it with --to {id}").format(
                        id=other.uid
                    )
                )


def edit(
    tb: TermBase,
    ref: str,
    *,
    term: str | None = None,
    lang: str | None = None,
    text: str | None = None,
    status: str | None = None,
    term_type: str | None = None,
    pos: str | None = None,
    note: str | None = None,
    subject: str | None = None,
    concept_type: str | None = None,
    concept_note: str | None = None,
    reason: str | None = None,
    user: str | None = None,
) -> Change:
    """Change a term (its ``text``, ``status``, ``term_type``, ``pos``, ``note``) or its concept.

    ``ref`` names the concept (its id, or a term's text; then that is the
    term edited, unless ``term`` names another).  ``subject``,
    ``concept_type`` and ``concept_note`` change the concept; an empty
    string clears an optional field.  A new text gets a new pinyin; a term
    made preferred makes the preferred term of its language admitted.
    """
    _check(status, STATUSES, _("status"))
    _check(term_type, TERM_TYPES, _("term type"))
    _check(concept_type, CONCEPT_TYPES, _("concept type"))
    tag = language(lang) if lang else None
    term_fields = (text, status, term_type, pos, note)
    with tb.transaction():
        before = resolve(tb, ref)
        after = _copy(before)
        if any(v is not None for v in term_fields):
            if term is not None:
                target = find_term(after, term, tag)
            elif before.uid != ref.strip():
                target = find_term(after, ref.strip(), tag)
            else:
                target = _only_term(after, tag)
            if text is not None and text.strip() != target.text:
                new_text = text.strip()
                if not new_text:
                    raise InputError(_("a term needs a text"))
                if any(t is not target and t.lang == target.lang and t.norm == normalize_text(new_text, t.lang)
                       for t in after.terms):
                    raise InputError(
                        _("concept {id} already has the term {text!r}").format(id=after.uid, text=new_text)
                    )
                target.text, target.pinyin, target.romanization = new_text, None, None
                target.flags = []  # a verification of the old text says nothing of the new one
                add_pinyin(target, after.type)
            if status is not None:
                target.status = status
                if status == "preferred":
                    _one_preferred(after, target)
            if term_type is not None:
                target.term_type = term_type
            if pos is not None:
                target.pos = pos or None
            if note is not None:
                target.note = note or None
        if subject is not None:
            after.subject = subject or None
        if concept_note is not None:
            after.note = concept_note or None
        if concept_type is not None:
            after.type = concept_type
        return _write(tb, _change("edit", before, after, reason=reason, user=user), after)


def deprecate(
    tb: TermBase,
    term: str,
    *,
    use: str | None = None,
    forbid: bool = False,
    concept: str | None = None,
    lang: str | None = None,
    reason: str | None = None,
    user: str | None = None,
) -> Change:
    """Mark ``term`` superseded by ``use`` (or, with ``forbid``, deprecated: never to be used).

    ``use``, the preferred term from now on, is in the same language and
    concept: a term the concept has becomes preferred, a new one is added
    as preferred; the concept's other preferred term of that language
    becomes admitted.  ``use`` may be left out only with ``forbid``.
    ``concept`` (an id) says which concept when ``term`` is in several.
    """
    if use is None and not forbid:
        raise InputError(_("say which term to use instead (--use), or --forbid"))
    tag = language(lang) if lang else None
    with tb.transaction():
        before = resolve(tb, concept or term)
        after = _copy(before)
        old = find_term(after, term, tag)
        old.status = FORBID_STATUS if forbid else DEPRECATE_STATUS
        if use is not None:
            try:
                new = find_term(after, use, old.lang)
            except InputError:
                new = _new_term(after.type, old.lang, use)
                after.terms.append(new)
            if new is old:
                raise InputError(_("the term to use instead is the deprecated term itself"))
            new.status = "preferred"
            _one_preferred(after, new)
        return _write(tb, _change("deprecate", before, after, reason=reason, user=user), after)


def remove(
    tb: TermBase,
    ref: str,
    *,
    lang: str | None = None,
    concept: str | None = None,
    reason: str | None = None,
    user: str | None = None,
) -> Change:
    """Remove a concept (``ref`` its id), or one term (``ref`` its text) and the concept when no term is left."""
    tag = language(lang) if lang else None
    with tb.transaction():
        before = resolve(tb, concept or ref)
        if concept is None and before.uid == ref.strip():
            return _write(tb, _change("remove", before, None, reason=reason, user=user), None)
        after = _copy(before)
        target = find_term(after, ref.strip(), tag)
        after.terms = [t for t in after.terms if t is not target]
        if not after.terms:
            return _write(tb, _change("remove", before, None, reason=reason, user=user), None)
        return _write(tb, _change("remove", before, after, reason=reason, user=user), after)


def merge(tb: TermBase, keep: str, other: str, *, reason: str | None = None, user: str | None = None) -> Change:
    """Merge concept ``other`` into ``keep`` (both named by id or term) and remove ``other``.

    ``keep``'s terms, statuses and fields win; ``other``'s terms join it (a
    second preferred spelling as an admitted variant), with its sources,
    flags and evidence, as the build merges a concept met again.  Two
    changes are recorded, one per concept, each naming the other.
    """
    with tb.transaction():
        kept, gone = resolve(tb, keep), resolve(tb, other)
        if kept.uid == gone.uid:
            raise InputError(_("a concept cannot be merged with itself"))
        merged = merge_concepts(kept, gone) or _copy(kept)
        tb.delete(gone.uid or "")
        tb.record(_change("merge", gone, None, reason=reason, user=user, other=kept.uid))
        change = _change("merge", kept, merged, reason=reason, user=user, other=gone.uid)
        tb.put(merged)  # even unchanged: the duplicate it absorbed is gone
        tb.record(change)
        return change


# -- reading the history -------------------------------------------------------------------


def history(tb: TermBase, ref: str | None = None) -> list[Change]:
    """The recorded changes, oldest first: all, or those of the concept ``ref`` names.

    ``ref`` is an id (also of a concept since removed or merged away) or a
    term's text, matched in the concept before and after each change, so
    a term's history shows even after the term was renamed or removed.
    """
    changes = tb.history()
    if ref is None:
        return changes
    ref = ref.strip()
    uids = {c.ensure_uid() for c in find_concepts(tb, ref)}
    uids.add(ref)
    for change in changes:
        if _mentions(change, ref):
            uids.add(change.uid)
    return [c for c in changes if c.uid in uids or (c.other is not None and c.other in uids)]


def as_json(change: Change) -> dict[str, Any]:
    """``change`` as JSON, as ``history --format json`` prints it and ``NAME.history.jsonl`` keeps it."""
    return change_to_json(change)


def _mentions(change: Change, ref: str) -> bool:
    for side in (change.before, change.after):
        for item in (side or {}).get("terms", []):
            if normalize_text(item["text"], item["lang"]) == normalize_text(ref, item["lang"]):
                return True
    return False


def describe(change: Change) -> list[str]:
    """What ``change`` did, one line per difference: ``zh-Hans 插件: status preferred -> superseded``."""
    before, after = change.before or {}, change.after or {}
    if not change.before:
        return [_("new concept: {label}").format(label=label(after))]
    if not change.after:
        return [_("concept removed: {label}").format(label=label(before))]
    lines = []
    for key in ("type", "subject", "note"):
        if before.get(key) != after.get(key):
            lines.append(f"{key}: {_shown(before.get(key))} -> {_shown(after.get(key))}")
    old = {(t["lang"], t["text"]): t for t in before.get("terms", [])}
    new = {(t["lang"], t["text"]): t for t in after.get("terms", [])}
    for key in old.keys() - new.keys():
        lines.append(_("term removed: {lang} {text}").format(lang=key[0], text=key[1]))
    for key in new.keys() - old.keys():
        lines.append(
            _("term added: {lang} {text} ({status})").format(
                lang=key[0], text=key[1], status=new[key].get("status", "preferred")
            )
        )
    for key in sorted(old.keys() & new.keys()):
        for field in ("status", "term_type", "pos", "note"):
            a, b = old[key].get(field), new[key].get(field)
            if a != b:
                lines.append(f"{key[0]} {key[1]}: {field} {_shown(a)} -> {_shown(b)}")
    return lines


def _shown(value: object) -> str:
    return "-" if value is None else str(value)
