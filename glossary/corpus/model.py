"""What the corpus reader produces: a :class:`Pair` of an English and a Chinese text.

Its own module, below both :mod:`glossary.corpus.pairs` (headings) and
:mod:`glossary.corpus.names` (bylines), which each make pairs; ``pairs``
calls ``names``, so the type they share cannot live in either.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from glossary.model import Source

KINDS = ("title", "section", "org", "person", "place")


@dataclass
class Pair:
    en: str
    zh: str
    kind: str
    file: str
    line: int  # line of the element printed first
    en_line: int
    zh_line: int
    context: str = ""
    #: The printed lines of each side, for per-term provenance.
    en_context: str = ""
    zh_context: str = ""
    #: How the pair was found: 'heading', 'same-line', 'list', 'byline', 'credit', 'document'.
    layout: str = "heading"
    #: Western alias met in the same document (``Betty Xu`` for ``Xu Bin``).
    aliases: list[str] = field(default_factory=list)

    @property
    def source(self) -> Source:
        return Source(self.file, self.line, self.context)

    def en_source(self) -> Source:
        return Source(self.file, self.en_line, self.en_context or self.en)

    def zh_source(self) -> Source:
        return Source(self.file, self.zh_line, self.zh_context or self.zh)
