"""The ``placeholder`` rule: the placeholders of the source must all be in the target.

A lost ``{0,number,#}``, a ``%(name)s`` spelt ``%(nmae)s`` or a ``%s`` typed
``%d`` is a bug that crashes or garbles the program at run time, whatever
the terms say; the first wave found one only by accident.  The rule reads
the raw texts (every other rule reads them with placeholders blanked out)
and the message's flags (PO ``c-format``, ``python-brace-format``...: the
syntaxes it uses, :func:`glossary.text.mask.syntaxes_for_flags`; without
flags the usual syntaxes are guessed, a ``%`` that may be a percentage left
alone).

What counts as the same:

* placeholders may move and repeat: translation reorders them, and a named
  one (``%(name)s``, ``{0}``, ``{name}``, ``%1``) may be written twice or
  once (a source of two plural variants, ``one|many``, has it twice), so each
  side's placeholders are compared as a set;
* unnumbered printf placeholders (``%s``, ``%d``) are filled in order: the
  i-th is ``%i$s``, as gettext reads a translation that numbers them
  (``%s … %s`` → ``%2$s … %1$s`` is right), and ``%s … %d`` → ``%d … %s``
  is an error;
* ``{{ limit }}`` and ``{{limit}}`` are the same, and so are Angular's
  ``{$ msg || 'None' $}`` and ``{$ msg || '无' $}`` (its quoted literals are
  text; a literal that lost its ASCII quotes is an error: it no longer parses); an ICU ``plural`` or
  ``select`` is compared by its head (``{count, plural,``), since its
  branches hold translated text.

A date format (two strftime conversions printf does not have, ``%H``,
``%Y``...) is left alone: a locale writes its own (``%Y-%m-%d``).

A plural form of a PO entry (unit ``key[n]``) is compared with its own
source (``msgid`` for form 0), and Chinese has one form: the form-0
translation of *One file* / *%d files* writes ``%d``.  So in a plural form
only a placeholder the source lacks that is not a number-like one, or a
missing one that is not, is reported.
"""

from __future__ import annotations

from collections import Counter

from glossary.checks.base import Finding, SegmentContext
from glossary.i18n import N_, _
from glossary.registry import lazy_pattern
from glossary.text.mask import Span, find_spans, syntaxes_for_flags

RULE_PLACEHOLDER = "placeholder"

_KINDS = frozenset({"placeholder"})
#: Unnumbered printf: filled in order.
_SEQUENTIAL = lazy_pattern(r"%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaAp@]")
_ICU_HEAD = lazy_pattern(r"\{\s*([\w.$]+)\s*,\s*(plural|select|selectordinal)\s*,")
#: The conversions that print a number: the ones a plural form may drop or add.
_NUMERIC = lazy_pattern(r"[diouxXeEfFgG]$|^\{\s*\w+\s*,\s*(?:plural|number)|^%L?\d+$")
_LITERAL = lazy_pattern(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_PLURAL_UNIT = lazy_pattern(r"\[\d+\]$")
#: strftime's conversions that printf does not have: a message with two of them is a date format.
_STRFTIME = lazy_pattern(r"%[HMSYmbByjZzI]")


def _key(text: str) -> str:
    """What two spellings of one placeholder share."""
    head = _ICU_HEAD.match(text)
    if head:
        return "{" + head.group(1) + "," + head.group(2) + ","
    if text.startswith("{$"):
        # An Angular expression's string literals are translated text: {$ x || 'None' $}.
        return "{$" + "".join(_LITERAL.sub("''", text[2:-2]).split()) + "$}"
    if text.startswith("{{"):
        return "{{" + "".join(text[2:-2].split()) + "}}"
    return text


def _keys(spans: list[Span]) -> list[str]:
    """One key per placeholder: the i-th unnumbered printf one is ``%i$…``, as gettext pairs them."""
    keys = []
    position = 0
    for span in spans:
        if _SEQUENTIAL.fullmatch(span.text):
            position += 1
            keys.append(f"%{position}$" + span.text[1:])
        else:
            keys.append(_key(span.text))
    return keys


def check_placeholders(
    source: str, target: str, flags: tuple[str, ...] = (), unit: str | None = None
) -> list[Finding]:
    """Findings of the ``placeholder`` rule for one raw pair (an error each)."""
    if not source or not target:
        return []
    if "%" in source and len(_STRFTIME.findall(source)) >= 2:
        return []  # a date format (%a %b %d %H:%M:%S %Y): each locale writes its own
    syntaxes = syntaxes_for_flags(flags)
    src = find_spans(source, kinds=_KINDS, syntaxes=syntaxes)
    tgt = find_spans(target, kinds=_KINDS, syntaxes=syntaxes)
    if not src and not tgt:
        return []
    src_keys, tgt_keys = _keys(src), _keys(tgt)
    if set(src_keys) == set(tgt_keys):
        return []
    plural = unit is not None and _PLURAL_UNIT.search(unit) is not None
    sequential = all(_SEQUENTIAL.fullmatch(s.text) for s in [*src, *tgt])
    if sequential and Counter(s.text for s in src) == Counter(s.text for s in tgt):
        src_seq, tgt_seq = " ".join(s.text for s in src), " ".join(s.text for s in tgt)
        return [
            Finding(
                RULE_PLACEHOLDER, "error",
                _("placeholders {source} are filled in order, but the target has them as {target}").format(
                    source=src_seq, target=tgt_seq
                ),
                "", found=tgt_seq, source_span=(src[0].start, src[-1].end), target_span=(tgt[0].start, tgt[-1].end),
            )
        ]  # fmt: skip
    findings: list[Finding] = []
    # A named placeholder may be used any number of times: sets, not counts.
    # ``{{ limit }}`` twice in a source of two plural variants (``one|many``) is one.
    in_target, in_source = set(tgt_keys), set(src_keys)
    reported: set[str] = set()
    for span, key in zip(src, src_keys, strict=True):
        if key not in in_target and key not in reported and not (plural and _NUMERIC.search(span.text)):
            reported.add(key)
            findings.append(_missing(span))
    for span, key in zip(tgt, tgt_keys, strict=True):
        if key not in in_source and key not in reported and not (plural and _NUMERIC.search(span.text)):
            reported.add(key)
            findings.append(_extra(span))
    missing = [f for f in findings if f.source_span is not None]
    extra = [f for f in findings if f.source_span is None]
    if len(missing) == len(extra) == 1:
        # One placeholder changed into another: one error, one finding.
        (lost,), (added,) = missing, extra
        return [
            Finding(
                RULE_PLACEHOLDER, "error",
                _("placeholder {placeholder} of the source is {found} in the target").format(
                    placeholder=lost.source_term, found=added.found
                ),
                "", source_term=lost.source_term, found=added.found,
                source_span=lost.source_span, target_span=added.target_span,
            )
        ]  # fmt: skip
    findings.sort(key=lambda f: (f.source_span or f.target_span or (0, 0)))
    return findings


def _missing(span: Span) -> Finding:
    return Finding(
        RULE_PLACEHOLDER, "error",
        _("placeholder {placeholder} of the source is not in the target").format(placeholder=span.text),
        "", source_term=span.text, source_span=(span.start, span.end),
    )  # fmt: skip


def _extra(span: Span) -> Finding:
    return Finding(
        RULE_PLACEHOLDER, "error",
        _("placeholder {placeholder} in the target is not in the source").format(placeholder=span.text),
        "", found=span.text, target_span=(span.start, span.end),
    )  # fmt: skip


class _PlaceholderRule:
    name = RULE_PLACEHOLDER
    order = 45
    description = N_("Placeholders (printf, Python, brace and ICU) must be the same on both sides.")
    default = True
    scope = "segment"
    #: A target that is the source has the same placeholders; an empty one is ``untranslated``'s.
    untranslated = False

    def check(self, ctx: SegmentContext) -> list[Finding]:
        return check_placeholders(ctx.raw_source, ctx.raw_target, ctx.flags, ctx.place.unit)


RULE = _PlaceholderRule()
