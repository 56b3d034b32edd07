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
from dataclasses import dataclass

#: Kinds, in the order they win when two patterns overlap (earlier wins).
_PATTERNS: list[tuple[str, str]] = [
    ("url", r"\b(?:https?|ftp)://[^\s<>\"'）)\]]+|\bwww\.[^\s<>\"'）)\]]+"),
    ("email", r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b"),
    ("rest", r":[a-z][\w:.-]*:`[^`]+`|``[^`]+``"),
    ("code", r"`[^`\n]+`"),
    ("tag", r"</?[A-Za-z][\w:.-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*\s*/?>"),
    ("entity", r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6});"),
    ("placeholder", r"\{\{\s*[^{}]*?\s*\}\}"),
    ("placeholder", r"\{[A-Za-z0-9_.$]*(?:,[^{}]*(?:\{[^{}]*\}[^{}]*)*)?\}"),
    ("placeholder", r"%(?:\([A-Za-z_][\w.]*\))?[-+ #0]*(?:\d+\$)?(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcrsaAp%@]"),
    ("placeholder", r"\$\{[^{}]+\}|\$[A-Za-z_]\w*"),
    ("option", r"(?<![\w-])--?[A-Za-z][\w-]*(?:=[^\s]+)?"),
    ("identifier", r"\b[A-Za-z]\w*(?:\.[A-Za-z_]\w*)+\(?\)?|\b[A-Za-z]\w*\(\)"),
    ("identifier", r"\b[A-Za-z0-9]*_[A-Za-z0-9_]*\b"),
    ("identifier", r"\b[a-z]+[A-Z][A-Za-z0-9]*\b|\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b"),
]

_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in _PATTERNS]


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    text: str


def find_spans(text: str, *, kinds: frozenset[str] | None = None) -> list[Span]:
    """Non-translatable spans of ``text``, in order, never overlapping.

    ``kinds`` limits the search (e.g. only ``placeholder`` for a PO message
    flagged ``python-format``); by default every kind is looked for.
    """
    if not text:
        return []
    taken = bytearray(len(text))
    spans: list[Span] = []
    for kind, pattern in _COMPILED:
        if kinds is not None and kind not in kinds:
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if end <= start or any(taken[start:end]):
                continue
            if kind == "placeholder" and m.group() == "%%":
                continue  # a literal percent sign
            if kind == "identifier" and _is_plain_word(m.group()):
                continue
            taken[start:end] = b"\x01" * (end - start)
            spans.append(Span(start, end, kind, m.group()))
    spans.sort(key=lambda s: s.start)
    return spans


def _is_plain_word(value: str) -> bool:
    """``e.g.`` or ``i.e.`` are prose; ``x_y`` with a letter on each side of ``_`` is code."""
    return value.lower() in {"e.g", "i.e", "etc", "a.m", "p.m"} or value.strip("_") == ""


def blank(text: str, spans: list[Span]) -> str:
    """``text`` with each span replaced by spaces (offsets kept, so findings still point right)."""
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def placeholders(text: str) -> list[str]:
    """The placeholders of ``text`` (printf, brace, shell-style), for comparing source and target."""
    return [s.text for s in find_spans(text, kinds=frozenset({"placeholder"}))]
