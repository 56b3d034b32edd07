"""Bilingual documents laid out like the magazine corpus (headings, bylines, names).

The pairing itself is :func:`glossary.corpus.pairs.extract_pairs`, the
aligner the term base is built with; this module only turns its pairs into
segments, so a document is linted with exactly the pairs the builder saw.

Choices, documented for users:

* English is the source and Chinese the target unless the caller says
  ``--source-lang zh`` (or ``--target-lang en``): the corpus is the English
  edition of a Chinese magazine, and its terms are looked up from English.
* ``line`` is the line of the source side and ``target_line`` that of the
  target side (the pair's ``en_line``/``zh_line``; its first line when the
  pair has no per-side lines), so a finding points at the Chinese heading,
  not at the English one printed before it.
* Detection: a ``.md`` file, or a plain-text file (``.txt``, ``.text``, no
  extension) of prose that no other reader recognised; the sniffers of the
  stricter formats come first (see the readers' ``order``).
* ``unit`` is the pair's kind (``title``, ``byline``, ``name``...), which
  says how it was paired.
"""

from __future__ import annotations

from pathlib import Path

from glossary.corpus.pairs import extract_pairs
from glossary.drafts.base import (
    Draft,
    Segment,
    SimpleReader,
    head_text,
    looks_like_markup,
    non_blank_lines,
)
from glossary.i18n import N_
from glossary.lang import EN, ZH
from glossary.text.decode import read_text


def read_corpus(
    path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    encoding: str | None = None,
) -> Draft:
    """Read a bilingual corpus document; Chinese is the source only when the caller says so."""
    name = str(path)
    pairs = extract_pairs(read_text(path, encoding), name)
    chinese_first = (source_lang or "").startswith("zh") or target_lang == EN
    segments = []
    for pair in pairs:
        en_line = getattr(pair, "en_line", None) or pair.line
        zh_line = getattr(pair, "zh_line", None) or pair.line
        if chinese_first:
            segments.append(Segment(pair.zh, pair.en, name, zh_line, pair.kind, en_line, []))
        else:
            segments.append(Segment(pair.en, pair.zh, name, en_line, pair.kind, zh_line, []))
    source, target = (ZH, EN) if chinese_first else (EN, ZH)
    return Draft(segments, source, target, "corpus", [name])


#: Extensions of plain text that is a corpus document when no stricter reader took it
#: (``.md`` decides by itself before any sniffing; listed so the sniffer agrees).
PLAIN_TEXT = (".md", ".txt", ".text", "")


def sniff_corpus(path: Path, head: bytes) -> bool:
    """Any non-markup text in a plain-text file: the last resort, hence the last order."""
    if path.suffix.lower() not in PLAIN_TEXT:
        return False
    text = head_text(head)
    return not looks_like_markup(text) and bool(non_blank_lines(text))


READER = SimpleReader(
    name="corpus",
    order=60,
    description=N_("Bilingual document laid out like the magazine corpus (paired by the aligner)"),
    extensions=(".md",),
    sniff=sniff_corpus,
    read=read_corpus,
)
