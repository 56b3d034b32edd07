"""Non-translatable spans: placeholders, markup, code and addresses inside a message.

Software catalogs and documentation mix prose with things no translator
translates: printf and Python placeholders (``%s``, ``%2$s``,
``%(name)s``), brace placeholders (``{0}``, ``{name}``, ``{{ limit }}``,
ICU's ``{0,number,#}``), HTML/XML tags and entities, URLs and e-mail
addresses, reST roles and literals (``:class:`int```, ````x````),
command-line options (``--force``), and identifiers (``MERGE_HEAD``,
``getValue``, ``os.path``).  Term matching, term extraction and the
``number`` rule must not read them as words; the placeholder check must
compare them.  :func:`find_spans` returns them with their kind, in text
order, without overlaps, so a caller can blank them out and keep offsets
(:func:`blank`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: Placeholder syntaxes, each a list of patterns (see :func:`syntaxes_for_flags`).
#: ``printf`` is C's and Python's ``%`` (``%s``, ``%2$s``, ``%(name)s``, ``%@``);
#: ``brace`` is ``{0}``, ``{name}``, ``{{ x }}`` (Django, Jinja, Symfony), ``{$ x $}``
#: (Horizon's Angular), ``{% tag %}`` (Jinja, Liquid) and ICU's ``{0,number,#}``;
#: ``dollar`` is the shell's and templates' ``$name``, ``${name}``; ``qt`` is
#: Qt's and KDE's ``%1``, ``%L2``.
_PRINTF_CORE = (
    r"%(?:\([A-Za-z_][\w.]*\))?{flags}(?:\d+\$)?(?:\*|\d+)?(?:\.(?:\*|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaAp%@]"
)
#: Where a message's flags name no format (XLIFF, TSV, prose), a ``%`` placeholder
#: must not look like a percentage (``50% of`` is not ``% o``): no space flag, not
#: right after a digit, and no letter straight after it.
_PRINTF_GUESS = r"(?<![0-9０-９%])" + _PRINTF_CORE.format(flags="[-+#0]*") + r"(?![A-Za-z0-9])"
_PRINTF_FLAGGED = _PRINTF_CORE.format(flags="[-+ #0]*")
_SYNTAX_PATTERNS: dict[str, list[str]] = {
    "brace": [r"\{\{\s*[^{}]*?\s*\}\}", r"\{\$[^{}]*?\$\}", r"\{%[^{}]*?%\}", r"\{[A-Za-z0-9_.$]*(?:,[^{}]*(?:\{[^{}]*\}[^{}]*)*)?\}"],
    "printf": [_PRINTF_GUESS],
    "dollar": [r"\$\{[^{}]+\}|(?<![\w$])\$[A-Za-z_]\w*"],
    "qt": [r"%L?[1-9][0-9]?(?![0-9])"],
}
#: The syntaxes looked for when nothing says which a message uses.
DEFAULT_SYNTAXES = frozenset({"brace", "printf", "dollar"})

#: Gettext's format flags (``#, c-format``) and the placeholder syntaxes they mean.
FLAG_SYNTAXES: dict[str, frozenset[str]] = {
    **{f"{lang}-format": frozenset({"printf"}) for lang in (
        "c", "objc", "sh", "awk", "perl", "php", "gcc-internal", "gfc-internal", "elisp", "librep",
        "lua", "tcl", "ycp", "ruby", "object-pascal", "smalltalk", "javascript",
    )},
    "python-format": frozenset({"printf"}),
    "python-brace-format": frozenset({"brace"}),
    "perl-brace-format": frozenset({"brace"}),
    "csharp-format": frozenset({"brace"}),
    "java-format": frozenset({"brace"}),
    "java-printf-format": frozenset({"printf"}),
    "kde-format": frozenset({"qt"}),
    "qt-format": frozenset({"qt"}),
    "qt-plural-format": frozenset({"qt"}),
    "boost-format": frozenset({"printf", "qt"}),
}

#: Command words whose synopsis (``git submodule init [<options>] [<path>]``) is code.
_COMMANDS = (
    "git|svn|hg|pip|pip3|npm|npx|yarn|python|python3|docker|kubectl|openstack|nova|glance|cinder|"
    "neutron|swift|keystone|heat|sudo|apt|apt-get|dnf|yum|make|cargo|go|vim|gcc|ssh|scp|curl|wget|tar|"
    "ls|cp|mv|rm|mkdir|chmod|chown|glossary|msgfmt|xgettext"
)
_ARG = r"(?:\[[^\[\]\n]*\]|<[\w.:-]+>|--?[A-Za-z][\w-]*(?:=\S+)?)"


def _by_first_letter(words: str) -> str:
    """An alternation of ``words`` (``a|b|...``) grouped by first letter, each group in the words'
    order: ``g(?:it|o)|s(?:vn|sh)``.  It matches what the flat alternation matches, choosing
    among the words that can match in the same order, and the regex engine tries one group
    at a position instead of every word (three times faster on a code block)."""
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


#: Kinds, in the order they win when two patterns overlap (earlier wins); the
#: placeholders are tried where ``placeholder`` stands, by syntax.
_PATTERNS: list[tuple[str, str]] = [
    ("url", r"(?=[hfw])(?:\b(?:https?|ftp)://[^\s<>\"'）)\]]+|\bwww\.[^\s<>\"'）)\]]+)"),
    ("email", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    ("rest", r":[a-z][\w:.-]*:`[^`]+`|``[^`]+``"),
    ("code", r"`[^`\n]+`|(?m:^[ \t]*(?:>>>|\$) .*$)"),
    ("command", rf"(?<![\w-])(?:{_by_first_letter(_COMMANDS)})(?:[ \t]+[a-z][\w-]*){{0,3}}(?:[ \t]+{_ARG})+"),
    ("tag", r"</?[^\W\d_][\w:.-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>"),
    ("entity", r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});"),
    ("placeholder", ""),
    # ``-`` not after a word character or another ``-``: the lookbehind comes after the
    # literal, so that the scan jumps from ``-`` to ``-`` instead of trying every position.
    ("option", r"-(?<![\w-]-)-?[A-Za-z][\w-]*(?:=[^\s]+)?"),
    # An accelerator marker: only the marker itself, so that ``&File`` still reads ``File``
    # (``&`` not after a word character or ``&``, ``_`` not after a word character; two
    # patterns, each led by its literal, for the same reason as ``option``'s).
    ("accelerator", r"&(?<![\w&]&)(?=[A-Za-z][a-z]*\b)"),
    ("accelerator", r"_(?<!\w_)(?=[A-Za-z][a-z]*\b)"),
    ("identifier", r"\b[A-Za-z]\w*(?:\.[A-Za-z_]\w*)+\(?\)?|\b[A-Za-z]\w*\(\)"),
    ("identifier", r"\b[A-Za-z0-9]*_[A-Za-z0-9_]*\b"),
    # camelCase (``getValue``; not ``iPhone``, ``eBay``) and PascalCase of three humps or
    # more (``NullPointerException``; ``PetroChina``, ``YouTube`` are names a glossary holds).
    # (The lookahead changes no match; it lets the scan leave other characters in one test.)
    ("identifier", r"(?=[A-Za-z])(?:\b[a-z]{2,}[A-Z][A-Za-z0-9]*\b|\b(?:[A-Z][a-z0-9]+){3,}\b)"),
]

_SYNTAX_COMPILED = {
    name: [re.compile(p) for p in patterns] for name, patterns in _SYNTAX_PATTERNS.items()
}
_PRINTF_FLAGGED_RE = re.compile(_PRINTF_FLAGGED)


def syntaxes_for_flags(flags: Iterable[str]) -> frozenset[str] | None:
    """The placeholder syntaxes a PO message's flags name, or None when they name none.

    ``no-c-format`` and the like say the message is *not* in that format, so
    they name nothing.  None means "guess": :data:`DEFAULT_SYNTAXES`.
    """
    if isinstance(flags, tuple):
        return _syntaxes_for_tuple(flags)  # lint asks three times a segment, for few distinct flag sets
    return _syntaxes_for(flags)


@lru_cache(maxsize=256)
def _syntaxes_for_tuple(flags: tuple[str, ...]) -> frozenset[str] | None:
    return _syntaxes_for(flags)


def _syntaxes_for(flags: Iterable[str]) -> frozenset[str] | None:
    found: set[str] = set()
    for flag in flags:
        found |= FLAG_SYNTAXES.get(flag.strip(), frozenset())
    return frozenset(found) if found else None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    text: str


def find_spans(
    text: str, *, kinds: frozenset[str] | None = None, syntaxes: frozenset[str] | None = None
) -> list[Span]:
    """Non-translatable spans of ``text``, in order, never overlapping.

    ``kinds`` limits the search (e.g. only ``placeholder``); by default every
    kind is looked for.  ``syntaxes`` are the placeholder syntaxes the message
    uses (:func:`syntaxes_for_flags`): given, ``printf`` accepts every printf
    form (``% d`` too); None guesses with :data:`DEFAULT_SYNTAXES`, where a ``%``
    must not look like a percentage.
    """
    if not text:
        return []
    if kinds == _PLACEHOLDER_ONLY:
        found = _PLACEHOLDERS.get((text, syntaxes))  # masking this text just found them
        if found is not None:
            return [Span(*one) for one in found]
    return [Span(*one) for one in _spans(text, kinds, syntaxes)]


_PLACEHOLDER_ONLY = frozenset({"placeholder"})
#: (text, syntaxes) -> its spans of kind ``placeholder`` alone, found by the last few
#: maskings (:func:`masked`): lint masks a pair, then its ``placeholder`` rule asks for
#: the pair's placeholders, which one scan of the placeholder patterns gives both.
_PLACEHOLDERS: dict[tuple[str, frozenset[str] | None], list[tuple[int, int, str, str]]] = {}


def _spans(
    text: str, kinds: frozenset[str] | None, syntaxes: frozenset[str] | None
) -> list[tuple[int, int, str, str]]:
    """:func:`find_spans` as ``(start, end, kind, text)`` tuples, for :func:`masked`, which
    needs no :class:`Span` objects (two per segment of a lint)."""
    patterns, needed = _kinds_patterns(kinds, syntaxes)
    present = {t for t in needed if t in text}  # one scan per trigger, not per pattern
    taken: bytearray | None = None
    spans: list[tuple[int, int, str, str]] = []
    # Every kind looked for: what the placeholder patterns alone would keep is kept
    # too, for find_spans(kinds={"placeholder"}) on the same text (see _PLACEHOLDERS).
    alone: list[tuple[int, int, str, str]] | None = [] if kinds is None else None
    alone_taken: bytearray | None = None
    for kind, pattern, triggers, gate, anchor in patterns:
        if triggers and present.isdisjoint(triggers):
            continue  # the pattern cannot match without one of these: most prose skips it
        pos = 0
        if gate is not None or anchor is not None:
            found = (gate or anchor).search(text)  # type: ignore[union-attr]
            if found is None:
                continue
            pos = _run_start(text, found.start())
        # Lookbehinds and \b still see the text before ``pos`` (finditer's pos is no slice).
        for m in pattern.finditer(text, pos):
            start, end = m.span()
            if taken is None:
                taken = bytearray(len(text))
            if kind == "placeholder" and alone is not None and end > start:
                if alone_taken is None:
                    alone_taken = bytearray(len(text))
                if alone_taken.find(1, start, end) < 0 and m.group() != "%%":
                    alone_taken[start:end] = b"\x01" * (end - start)
                    alone.append((start, end, kind, m.group()))
            if kind == "accelerator":
                if end - start != 1 or taken[start]:
                    continue
            elif end <= start or taken.find(1, start, end) >= 0:
                continue
            value = m.group()
            if kind == "placeholder" and value == "%%":
                continue  # a literal percent sign
            if kind == "identifier" and _is_plain_word(value):
                continue
            taken[start:end] = b"\x01" * (end - start)
            spans.append((start, end, kind, value))
    if len(spans) > 1:
        spans.sort()  # starts are distinct: spans never overlap (an empty match is never kept)
    if alone is not None:
        if len(_PLACEHOLDERS) >= 16:
            _PLACEHOLDERS.clear()
        alone.sort()
        _PLACEHOLDERS[(text, syntaxes)] = alone
    return spans


#: Strings a pattern cannot match without (empty: no such string, always run).  A
#: cheap ``in`` test skips most patterns on most prose; each is implied by its pattern.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "url": ("://", "www."),
    "email": ("@",),
    "rest": ("`",),
    "code": ("`", ">>>", "$"),
    "command": ("[", "<", "-"),  # a synopsis needs an argument: ``[x]``, ``<x>`` or ``-x``
    "tag": ("<",),
    "entity": ("&",),
    "option": ("-",),
}
_SYNTAX_TRIGGERS = {"brace": ("{",), "printf": ("%",), "dollar": ("$",), "qt": ("%",)}


#: One pattern to run: its kind, the pattern, its triggers, its gate and its anchor (or None).
_Step = tuple[str, re.Pattern[str], tuple[str, ...], "re.Pattern[str] | None", "re.Pattern[str] | None"]

#: Cheap patterns a pattern cannot match without, where no plain string says it:
#: camelCase and PascalCase both need a lower-case letter or digit before a capital;
#: a dotted name needs a letter straight after its dot (or is ``name()``).
_GATES: dict[str, re.Pattern[str]] = {
    next(p for k, p in _PATTERNS if k == "identifier" and "[a-z]{2,}[A-Z]" in p): re.compile(r"[a-z0-9][A-Z]"),
    next(p for k, p in _PATTERNS if k == "identifier" and r"(?:\.[A-Za-z_]\w*)+" in p): re.compile(r"\.[A-Za-z_]|\(\)"),
}


#: A gated pattern's every match holds its gate's first match or lies after it, and is made
#: of word characters up to it; so is the snake_case pattern's with its ``_`` (its anchor):
#: no match can start before the run of word characters that ends at that first match, so
#: the scan starts there (:func:`_run_start`) instead of at every position before it.
_ANCHORS: dict[str, re.Pattern[str]] = {
    next(p for k, p in _PATTERNS if k == "identifier" and "_[A-Za-z0-9_]*" in p): re.compile("_"),
    # A URL is its scheme's letters before ``://``, or starts at ``www.``.
    next(p for k, p in _PATTERNS if k == "url"): re.compile(r"://|www\."),
}


def _run_start(text: str, pos: int) -> int:
    """Where the run of word characters (``\\w``: alphanumeric or ``_``) that ends at ``pos`` starts."""
    while pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] == "_"):
        pos -= 1
    return pos


@lru_cache(maxsize=64)
def _kinds_patterns(
    kinds: frozenset[str] | None, syntaxes: frozenset[str] | None
) -> tuple[tuple[_Step, ...], tuple[str, ...]]:
    """The patterns to run, in order, with their triggers and gates, and every trigger they name.

    Computed once per (kinds, syntaxes); :func:`find_spans` tests only the
    triggers its patterns name.
    """
    out: list[_Step] = []
    for kind, pattern in _PATTERNS_IN_ORDER:
        if kinds is not None and kind not in kinds:
            continue
        if pattern is not None:
            if kind == "identifier":
                triggers = _identifier_triggers(pattern)
            elif kind == "accelerator":
                triggers = (pattern.pattern[0],)  # its leading literal, & or _
            else:
                triggers = _TRIGGERS.get(kind, ())
            out.append((kind, pattern, triggers, _GATES.get(pattern.pattern), _ANCHORS.get(pattern.pattern)))
            continue
        for syntax in ("brace", "printf", "dollar", "qt"):
            if syntax not in (DEFAULT_SYNTAXES if syntaxes is None else syntaxes):
                continue
            if syntax == "printf" and syntaxes is not None:
                out.append((kind, _PRINTF_FLAGGED_RE, _SYNTAX_TRIGGERS["printf"], None, None))
                continue
            for compiled in _SYNTAX_COMPILED[syntax]:
                out.append((kind, compiled, _SYNTAX_TRIGGERS[syntax], None, None))
    needed = tuple(sorted({t for _kind, _pattern, triggers, _gate, _anchor in out for t in triggers}))
    return tuple(out), needed


def _identifier_triggers(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The dotted-name pattern needs a ``.`` or ``(``, the snake_case one a ``_``; camelCase none."""
    if r"(?:\.[A-Za-z_]\w*)+" in pattern.pattern:
        return (".", "(")
    if "_[A-Za-z0-9_]*" in pattern.pattern:
        return ("_",)
    return ()


_PATTERNS_IN_ORDER: list[tuple[str, re.Pattern[str] | None]] = [
    (kind, re.compile(pattern) if pattern else None) for kind, pattern in _PATTERNS
]


def _is_plain_word(value: str) -> bool:
    """``e.g.``, ``U.S.`` and ``standards.The`` (a missing space) are prose; ``os.path`` is code."""
    if value.lower() in {"e.g", "i.e", "etc", "a.m", "p.m"} or value.strip("_") == "":
        return True
    parts = value.split(".")
    if len(parts) > 1 and all(len(p) == 1 for p in parts):
        return True  # an acronym with dots
    return len(parts) == 2 and parts[0].isalpha() and parts[0].islower() and parts[1].istitle() and parts[1].isalpha()


def blank(text: str, spans: list[Span]) -> str:
    """``text`` with each span replaced by spaces (offsets kept, so findings still point right)."""
    if not spans:
        return text
    # find_spans gives spans in order and apart: join slices, no list of characters.
    parts: list[str] = []
    pos = 0
    for span in spans:
        start, end = span.start, span.end
        if start < pos or end < start or end > len(text):
            return _blank_chars(text, spans)
        parts.append(text[pos:start])
        parts.append(" " * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _blank_chars(text: str, spans: list[Span]) -> str:
    """:func:`blank` for spans out of order or overlapping, one character at a time."""
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def placeholders(text: str, syntaxes: frozenset[str] | None = None) -> list[str]:
    """The placeholders of ``text`` (printf, brace, shell-style), for comparing source and target."""
    return [s.text for s in find_spans(text, kinds=frozenset({"placeholder"}), syntaxes=syntaxes)]


def masked(text: str, flags: Iterable[str] = ()) -> str:
    """``text`` with every non-translatable span blanked, the placeholders chosen by ``flags``.

    What lint's rules read (offsets kept): one call, so ``check`` and ``lint``
    mask alike.
    """
    if not text:
        return text
    spans = _spans(text, None, syntaxes_for_flags(flags))
    if not spans:
        return text
    # In order and apart (see _spans): join the slices between them.
    parts: list[str] = []
    pos = 0
    for start, end, _kind, _value in spans:
        parts.append(text[pos:start])
        parts.append(" " * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
