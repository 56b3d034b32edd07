"""The lint cache: findings per file, keyed by what could change them.

Re-linting a tree after editing one file should cost that one file, as
ruff's cache makes it.  A file's entry is keyed by its content (SHA-256 of
its bytes, so a touched-but-unchanged file still hits), the term base's
identity and version (its resolved path, size and modification time; an
SQLite term base's ``-wal`` file too), the settings that change findings
(rules, severities, languages, ignore rules, input format) and the tool's
version.  Anything else changed is a miss, never a stale answer.

The cache is one SQLite file in ``.glossary_cache/`` at the project root
(``cache-dir`` in the configuration); a cache that cannot be opened or
written is silently skipped (the lint is then only slower), and a cache
file that is not ours is replaced.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from glossary import __version__
from glossary.checks.base import Expected, Finding

CACHE_NAME = "lint-v1.sqlite"
_GITIGNORE = "# Created by glossary: the lint cache.\n*\n"


def file_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def termbase_identity(path: str | os.PathLike[str] | None) -> str:
    """Path, size and modification time of the term base (and its SQLite journal, if any)."""
    if path is None:
        return "none"
    parts = []
    for candidate in (Path(path), Path(f"{path}-wal")):
        try:
            stat = os.stat(candidate)
        except OSError:
            continue
        parts.append(f"{os.path.realpath(candidate)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts) or f"missing:{path}"


def code_identity() -> str:
    """The installed glossary's own files (name, size, time): an edited rule never reads a stale cache."""
    package = Path(__file__).resolve().parent
    parts = []
    for path in sorted(package.rglob("*.py")):
        try:
            stat = path.stat()
        except OSError:
            continue
        parts.append(f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def settings_key(settings: Mapping[str, Any]) -> str:
    """A digest of the settings that change findings (any JSON-able mapping)."""
    text = json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(f"{__version__}\x1f{text}".encode()).hexdigest()


def finding_to_data(finding: Finding) -> dict[str, Any]:
    return dataclasses.asdict(finding)


_FINDING_FIELDS = frozenset(f.name for f in dataclasses.fields(Finding))


def finding_from_data(data: Mapping[str, Any]) -> Finding:
    values = {k: v for k, v in data.items() if k in _FINDING_FIELDS}
    values["expected"] = [Expected(**e) for e in values.get("expected") or []]
    for span in ("source_span", "target_span"):
        if values.get(span) is not None:
            values[span] = tuple(values[span])
    return Finding(**values)


class LintCache:
    """Cached results of linting single files: (findings, segments checked, suppressed)."""

    def __init__(self, folder: str | os.PathLike[str], *, context: str) -> None:
        self.folder = Path(folder)
        self.context = context
        self.hits = 0
        self.misses = 0
        self._conn: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self._broken:
            return self._conn
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text(_GITIGNORE, encoding="utf-8")
            conn = sqlite3.connect(self.folder / CACHE_NAME, timeout=5)
            conn.execute(
                "CREATE TABLE IF NOT EXISTS entry (key TEXT PRIMARY KEY, file TEXT, data TEXT) WITHOUT ROWID"
            )
            self._conn = conn
        except (OSError, sqlite3.Error):
            self._broken = True
            self._reset()
        return self._conn

    def _reset(self) -> None:
        """A cache file we cannot use (not SQLite, another schema) is removed for next time."""
        try:
            os.unlink(self.folder / CACHE_NAME)
        except OSError:
            pass

    def key(self, path: str, digest: str) -> str:
        return hashlib.sha256(f"{self.context}\x1f{path}\x1f{digest}".encode()).hexdigest()

    def get(self, path: str, digest: str) -> tuple[list[Finding], int, int] | None:
        conn = self._connect()
        if conn is None:
            return None
        try:
            row = conn.execute("SELECT data FROM entry WHERE key = ?", (self.key(path, digest),)).fetchone()
        except sqlite3.Error:
            self._broken = True
            return None
        if row is None:
            self.misses += 1
            return None
        data = json.loads(row[0])
        self.hits += 1
        return [finding_from_data(f) for f in data["findings"]], data["segments"], data["suppressed"]

    def put(self, path: str, digest: str, findings: Iterable[Finding], segments: int, suppressed: int) -> None:
        conn = self._connect()
        if conn is None:
            return
        data = json.dumps(
            {"findings": [finding_to_data(f) for f in findings], "segments": segments, "suppressed": suppressed},
            ensure_ascii=False,
        )
        try:
            with conn:
                conn.execute("DELETE FROM entry WHERE file = ?", (path,))
                conn.execute("INSERT OR REPLACE INTO entry VALUES (?, ?, ?)", (self.key(path, digest), path, data))
        except sqlite3.Error:
            self._broken = True

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
