"""Which files a project lint reads: paths, directories and globs, minus the excludes.

``glossary lint locale/ docs/*.po README.tsv`` names files, directories
(walked recursively) and globs (``**`` crosses folders).  In a directory a
file is taken when a registered draft reader claims its extension; a file
named on the command line is always taken (its reader is then found by
sniffing, and a file no reader accepts is an error naming it).  Hidden
folders (``.git``, ``.venv``), the project's ``.gitignore`` and the
configured ``exclude`` patterns (gitignore syntax, through the ``pathspec``
library) are left out, so a tree is linted as the repository sees it.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from glossary.errors import InputError
from glossary.i18n import _

#: Folders never walked into: tools' caches and environments.
SKIP_FOLDERS = frozenset({"__pycache__", "node_modules", "site-packages"})
_GLOB_CHARS = frozenset("*?[")


@dataclass
class Excludes:
    """Gitignore-style patterns, matched against paths relative to ``root``."""

    root: Path
    patterns: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._spec = None
        if self.patterns:
            import pathspec

            self._spec = pathspec.GitIgnoreSpec.from_lines(self.patterns)

    def excluded(self, path: Path, *, is_dir: bool = False) -> bool:
        if self._spec is None:
            return False
        try:
            relative = path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        return self._spec.match_file(relative + ("/" if is_dir else ""))


def gitignore_patterns(root: Path) -> list[str]:
    """The patterns of ``root/.gitignore`` (the repository's own excludes), if any."""
    ignore = root / ".gitignore"
    try:
        return [line.rstrip("\n") for line in ignore.read_text(encoding="utf-8").splitlines()]
    except (OSError, UnicodeDecodeError):
        return []


def expand_paths(
    paths: Iterable[str],
    *,
    claims: Callable[[Path], bool],
    excludes: Excludes | None = None,
    missing: list[InputError] | None = None,
) -> Iterator[Path]:
    """Every file to lint, once each, in a stable order (each argument's files sorted).

    ``claims(path)`` says whether a reader takes a file found inside a
    directory (by its extension).  A path that does not exist, or a glob
    that matches nothing, is an :class:`InputError` naming it: raised, or
    collected in ``missing`` when given, so the other paths are still linted.
    """

    def fail(error: InputError) -> None:
        if missing is None:
            raise error
        missing.append(error)
    seen: set[str] = set()

    def emit(path: Path) -> Iterator[Path]:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            yield path

    for raw in paths:
        if raw == "-":
            yield Path("-")
            continue
        if _GLOB_CHARS & set(raw) and not Path(raw).exists():
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                fail(InputError(_("no file matches this pattern"), file=raw))
            for match in matches:
                path = Path(match)
                if path.is_dir():
                    for found in _walk(path, claims, excludes):
                        yield from emit(found)
                elif not (excludes and excludes.excluded(path)):
                    yield from emit(path)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, claims, excludes):
                yield from emit(found)
        elif path.exists():
            yield from emit(path)
        else:
            fail(InputError(_("no such file or directory"), file=raw))


def _walk(top: Path, claims: Callable[[Path], bool], excludes: Excludes | None) -> Iterator[Path]:
    for folder, dirs, files in os.walk(top):
        base = Path(folder)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and d not in SKIP_FOLDERS
            and not (excludes and excludes.excluded(base / d, is_dir=True))
        )
        for name in sorted(files):
            path = base / name
            if name.startswith("."):
                continue
            if excludes and excludes.excluded(path):
                continue
            if claims(path):
                yield path
