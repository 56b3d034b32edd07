"""Which reader a draft needs: by extension first, by content when that says nothing.

Extensions lie less than content sniffing but say less: ``.txt`` may be a
TSV export or a bilingual document, ``.xml`` may be XLIFF or TMX.  So an
extension that a reader claims decides, and otherwise the first few
kilobytes are offered to every registered reader in order, each judging
its own format (the XML root element and its namespace, ``msgid`` lines,
tabs).  No format is named here: what a format looks like lives in its
reader's module, so a new reader is detected without editing this one.
"""

from __future__ import annotations

from pathlib import Path

from glossary.drafts._registry import READERS
from glossary.drafts.base import Reader, is_pair
from glossary.errors import InputError
from glossary.i18n import _
from glossary.text.decode import read_bytes

#: How much of a file the sniffers see.
SNIFF_BYTES = 8192


def detect_reader(path: str | Path, target_path: str | Path | None = None) -> Reader:
    """The reader for ``path`` (and ``target_path``, which only a pair reader takes)."""
    path = Path(path)
    suffix = path.suffix.lower()
    candidates = [r for r in READERS if is_pair(r) == (target_path is not None)]
    for reader in candidates:
        if suffix in reader.extensions:
            return reader
    if target_path is not None and candidates:
        # Two files are line-aligned text whatever their names: the first pair reader.
        return candidates[0]
    head = read_bytes(path, SNIFF_BYTES)
    found = _first_sniffer(head, path, candidates)
    if found is None:
        raise InputError(
            _("cannot tell the format of this file; give --input-format, one of {formats}").format(
                formats=", ".join(READERS.names())
            ),
            file=str(path),
        )
    return found


def detect_format(path: str | Path, target_path: str | Path | None = None) -> str:
    """The name of the reader :func:`detect_reader` picks."""
    return detect_reader(path, target_path).name


def sniff(head: bytes | str, path: str | Path = "") -> str | None:
    """The name of the first one-file reader that recognises ``head``, or None.

    ``path`` is the file's name, which some sniffers weigh (prose is a corpus
    document only in a plain-text file); a ``str`` head is taken as UTF-8.
    """
    data = head.encode("utf-8") if isinstance(head, str) else head
    found = _first_sniffer(data, Path(path), [r for r in READERS if not is_pair(r)])
    return found.name if found else None


def _first_sniffer(head: bytes, path: Path, readers: list[Reader]) -> Reader | None:
    """The first of ``readers`` (they come in registry order) whose sniffer says yes."""
    for reader in readers:
        if reader.sniff(path, head):
            return reader
    return None
