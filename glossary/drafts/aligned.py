"""Two line-aligned plain-text files: line N of one translates line N of the other.

What a translator has when the source was split into sentences and the
translation written to match.  The alignment is the line number, so the
reader never drops or merges a line: a count mismatch is an error, not a
guess.

Choices, documented for users:

* A line blank on both sides is skipped (paragraph breaks), and the line
  numbers of the rest stay those of the files.
* A line blank on one side only is a segment with that side empty: a
  missing translation (or an extra one) is exactly what a reviewer must see.
* Blank lines at the very end of either file are not counted, so an extra
  final newline in one file is not a mismatch; a blank line that has a
  partner line in the other file is still a line (an empty side).
"""

from __future__ import annotations

from pathlib import Path

from glossary.drafts.base import Draft, Segment, SimplePairReader
from glossary.errors import InputError
from glossary.i18n import N_, _
from glossary.text.decode import read_text


def read_aligned(
    path: str | Path,
    target_path: str | Path,
    *,
    source_lang: str | None = None,
    target_lang: str | None = None,
    encoding: str | None = None,
) -> Draft:
    """Read ``path`` (source) and ``target_path`` (target) as line-aligned files."""
    name, target_name = str(path), str(target_path)
    sources = _lines(read_text(path, encoding))
    targets = _lines(read_text(target_path, encoding))
    if len(sources) != len(targets):
        longer, shorter = (sources, targets) if len(sources) > len(targets) else (targets, sources)
        if any(line.strip() for line in longer[len(shorter) :]):
            raise _mismatch(name, _count(sources), target_name, _count(targets))
        # Only blank lines past the end of the shorter file: not a mismatch.
        shorter.extend([""] * (len(longer) - len(shorter)))
    segments = [
        Segment(source, target, name, number, None, number, [])
        for number, (source, target) in enumerate(zip(sources, targets, strict=True), start=1)
        if source.strip() or target.strip()
    ]
    return Draft(segments, None, None, "text", [name, target_name])


def _lines(text: str) -> list[str]:
    """The file's lines; the newline that ends the last line does not start another."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _count(lines: list[str]) -> int:
    """Lines up to the last non-blank one: what a person counts in an editor."""
    count = len(lines)
    while count and not lines[count - 1].strip():
        count -= 1
    return count


def _mismatch(name: str, source_count: int, target_name: str, target_count: int) -> InputError:
    # Point at the first line that has no partner, in the longer file.
    return InputError(
        _(
            "{source} has {source_count} lines but {target} has {target_count}; "
            "the files must be aligned line by line"
        ).format(
            source=name, source_count=source_count, target=target_name, target_count=target_count
        ),
        file=target_name if source_count < target_count else name,
        line=min(source_count, target_count) + 1,
    )


#: Any two files are read as line-aligned text, whatever their names, and one
#: file alone never is: no extension, and no sniffer.
READER = SimplePairReader(
    name="text",
    order=50,
    description=N_("Two line-aligned plain-text files: the source and its translation"),
    read=read_aligned,
)
