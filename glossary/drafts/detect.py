"""Which reader a draft needs: by extension first, by content when that says nothing.

Extensions lie less than content sniffing but say less: ``.txt`` may be a
TSV export or a bilingual document, ``.xml`` may be XLIFF or TMX.  So the
extension decides when it is unambiguous, and the first few kilobytes
decide the rest: the XML root element and its namespace, ``msgid`` lines,
tabs.
"""

from __future__ import annotations

import re
from pathlib import Path

from glossary.errors import InputError
from glossary.i18n import _
from glossary.text.decode import read_bytes, sniff_bom

#: Values of ``--input-format``.
FORMATS = ("tsv", "text", "xliff", "tmx", "po", "corpus")

EXTENSIONS = {
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".sdlxliff": "xliff",
    ".mqxliff": "xliff",
    ".tmx": "tmx",
    ".po": "po",
    ".pot": "po",
    ".md": "corpus",
}
#: Extensions whose content decides (plain text may be TSV or a document).
TEXT_EXTENSIONS = (".txt", ".text", "")

SNIFF_BYTES = 8192

_ROOT = re.compile(r"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")
_MSGID = re.compile(r"^msgid\s+\"", re.MULTILINE)


def detect_format(path: str | Path, target_path: str | Path | None = None) -> str:
    """Name the reader for ``path``; two paths are always aligned ``text``."""
    if target_path is not None:
        return "text"
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    found = sniff(_head(path), plain_text=suffix in TEXT_EXTENSIONS)
    if found is None:
        raise InputError(
            _("cannot tell the format of this file; give --input-format, one of {formats}").format(
                formats=", ".join(FORMATS)
            ),
            file=str(path),
        )
    return found


def sniff(head: str, *, plain_text: bool = False) -> str | None:
    """Guess a format from the start of a file's text, or None."""
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        root = _root_element(stripped)
        if root == "xliff":
            return "xliff"
        if root == "tmx":
            return "tmx"
        return None
    if _MSGID.search(head):
        return "po"
    lines = [line for line in head.split("\n")[:50] if line.strip()]
    if lines:
        tabbed = sum("\t" in line for line in lines)
        if tabbed * 2 > len(lines):
            return "tsv"
    if plain_text and lines:
        return "corpus"
    return None


def _root_element(text: str) -> str | None:
    """Name of the first element, skipping the XML declaration, comments and DOCTYPE."""
    position = 0
    while True:
        start = text.find("<", position)
        if start < 0:
            return None
        if text.startswith("<!--", start):
            end = text.find("-->", start)
            position = len(text) if end < 0 else end + 3
            continue
        if text.startswith("<?", start) or text.startswith("<!", start):
            end = text.find(">", start)
            position = len(text) if end < 0 else end + 1
            continue
        match = _ROOT.match(text, start)
        return match.group(1).lower() if match else None


def _head(path: Path) -> str:
    """The first bytes of ``path`` as text, whatever the encoding."""
    data = read_bytes(path, SNIFF_BYTES)
    # Only the ASCII structure matters here (tags, keywords, tabs), so a
    # legacy encoding or a character cut at the end may decode to U+FFFD.
    codec, skip = sniff_bom(data)
    return data[skip:].decode(codec or "utf-8", errors="replace")
