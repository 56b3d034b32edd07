"""The ``.jsonl`` backend: a term base as text, one concept per line, JSON.

That is the form shipped in ``terms/``: keys are sorted and empty fields
left out, so a rebuilt ``terms/`` shows in a pull request as the lines of
the concepts that changed, and nothing else.  The file is read whole into
an in-memory SQLite term base, which does the work, and written back
atomically when a transaction that changed something commits.

Derived data (:meth:`TermBase.get_derived`) lives beside the file, in
``NAME.jsonl.derived/KEY``; each value records a digest of the ``.jsonl``
it was computed from and is ignored when the file has changed since (by a
hand edit, say), so it is never stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from glossary.errors import TermBaseError
from glossary.i18n import N_, _
from glossary.model import Concept, Flag
from glossary.output import atomic_file
from glossary.store._codec import (
    change_from_json,
    change_to_json,
    concept_from_json,
    concept_to_json,
)
from glossary.store.base import Change, Suggestion, TermBase
from glossary.store.merge import StatusChange
from glossary.store.sqlite import SQLiteTermBase

try:
    import fcntl
except ImportError:  # not on Windows: the text term base is then not locked
    fcntl = None  # type: ignore[assignment]

SUFFIX = ".jsonl"

#: Seconds a writer waits for another one to finish before it gives up ("locked", exit 3).
LOCK_TIMEOUT = 10.0

_LOCKED = N_("the term base is locked by another program; try again when it is done")

__all__ = [
    "JsonlBackend",
    "JsonlTermBase",
    "change_from_json",
    "change_to_json",
    "concept_from_json",
    "concept_to_json",
]

#: The most concepts a text term base holds: it is read whole into memory at
#: every open (some 8 s per 50,000 concepts) and is for review in pull
#: requests; past this, an SQLite term base (issue 15).
LIMIT = 50_000

_TOO_LARGE = N_(
    "a .jsonl term base holds at most {limit} concepts and this one would hold {count}; "
    "use an SQLite term base (--db NAME.sqlite)"
)

#: First line of a derived-data file: the format and the digest of its ``.jsonl``.
_DERIVED_HEADER = b"glossary-derived 1 sha256="


class JsonlTermBase(TermBase):
    """A ``.jsonl`` term base, worked on in memory and saved on commit."""

    def __init__(self, path: Path, memory: SQLiteTermBase, *, readonly: bool) -> None:
        self.path = str(path)
        self._file = path
        self._memory = memory
        self._readonly = readonly
        self._depth = 0
        self._dirty = False
        self._derived_dirty = False
        #: Digest of the ``.jsonl`` the memory base holds (read or written last).
        self._digest: str | None = None
        #: ``(inode, size, mtime)`` of the file the memory base holds; None: there was none.
        self._stamp: tuple[int, int, int] | None = None
        #: True in a transaction that had to read the file again (see :meth:`_refresh`).
        self._refreshed = False
        #: The last change ``NAME.history.jsonl`` holds (what is newer is appended on save).
        self._history_saved = 0
        self._history_dirty = False

    @classmethod
    def open_file(cls, path: Path, *, create: bool, readonly: bool) -> JsonlTermBase:
        """Read the term base at ``path`` (or, with ``create``, start an empty one there)."""
        if not path.exists() and not create:
            raise TermBaseError(_("no term base here"), file=str(path))
        if path.exists():
            _check_size(path)
        tb = cls(path, SQLiteTermBase.open_memory(str(path)), readonly=readonly)
        if path.exists():
            try:
                tb._load()
            except BaseException:
                tb.close()
                raise
        return tb

    def close(self) -> None:
        self._memory.close()

    # -- transactions -----------------------------------------------------------

    @contextmanager
    def _outer_transaction(self) -> Iterator[None]:
        """The memory base's transaction, under the file's lock; the file is written once, at commit.

        Two writers must not both read the file, each add their part and
        each write it back: the second would drop the first one's concepts.
        So a writer takes the lock (:meth:`_locked`: another waits up to
        :data:`LOCK_TIMEOUT`, then gets "locked", as with SQLite) and reads
        the file again if it changed since it was read, so that it never
        writes from a stale read.
        """
        with self._locked():
            self._refreshed = self._refresh()
            try:
                with self._memory.transaction():
                    yield
                    if self._dirty and self._memory.count() > LIMIT:
                        raise TermBaseError(
                            _(_TOO_LARGE).format(limit=LIMIT, count=self._memory.count()), file=self.path
                        )
                    if self._dirty or self._derived_dirty or self._history_dirty:
                        self._save()
            finally:
                self._dirty = self._derived_dirty = self._refreshed = self._history_dirty = False

    # -- writing: the memory base does it, this one notes what to save ---------------

    def add(
        self,
        concept: Concept,
        on_conflict: str = "merge",
        *,
        keep_apart: set[str] | None = None,
        statuses: list[StatusChange] | None = None,
    ) -> str:
        with self.transaction():
            result = self._memory.add(concept, on_conflict, keep_apart=keep_apart, statuses=statuses)
            if result in ("added", "merged", "replaced"):
                self._changed()
            return result

    def put(self, concept: Concept) -> None:
        with self.transaction():
            self._memory.put(concept)
            self._changed()

    def record(self, change: Change) -> None:
        with self.transaction():
            self._memory.record(change)
            self._history_dirty = True

    def history(self, uid: str | None = None) -> list[Change]:
        return self._memory.history(uid)

    def set_flags(self, uid: str, lang: str, text: str, flags: list[Flag]) -> None:
        with self.transaction():
            self._memory.set_flags(uid, lang, text, flags)
            self._changed()

    def delete(self, uid: str) -> bool:
        with self.transaction():
            found = self._memory.delete(uid)
            if found:
                self._changed()
            return found

    def clear(self) -> None:
        with self.transaction():
            self._memory.clear()
            self._changed()

    def _changed(self) -> None:
        # The memory base drops derived data with any change; the files must follow.
        self._dirty = self._derived_dirty = True

    def get_derived(self, key: str) -> bytes | None:
        return self._memory.get_derived(key)

    def set_derived(self, key: str, data: bytes) -> None:
        with self.transaction():
            if self._refreshed:
                # Computed from what was read before another writer changed the
                # file: it would be stale.  A cache: it is computed again later.
                return
            self._memory.set_derived(key, data)
            self._derived_dirty = True

    # -- reading ------------------------------------------------------------------------

    def count(self) -> int:
        return self._memory.count()

    def counts_by_type(self) -> dict[str, int]:
        return self._memory.counts_by_type()

    def get(self, uid: str) -> Concept | None:
        return self._memory.get(uid)

    def iter_concepts(self, types: Iterable[str] | None = None) -> Iterator[Concept]:
        return self._memory.iter_concepts(types)

    def search(self, query: str, limit: int = 20) -> list[Concept]:
        return self._memory.search(query, limit)

    def suggest(self, query: str, limit: int = 5) -> list[Suggestion]:
        return self._memory.suggest(query, limit)

    # -- the lock ---------------------------------------------------------------------------

    @property
    def lock_path(self) -> Path:
        """The lock file beside the term base (there only while a writer holds it)."""
        return self._file.with_name(self._file.name + ".lock")

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the exclusive lock of the term base, waiting up to :data:`LOCK_TIMEOUT` seconds.

        The lock is ``flock`` on ``NAME.jsonl.lock``, released by the kernel
        when a writer dies, so a crash never leaves the term base locked.  The
        holder removes the file before it unlocks, so none is left behind; a
        waiter that then wins the lock of a removed file sees that its file
        is not the one at the path any more and tries again.
        """
        if fcntl is None:
            yield
            return
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as exc:
                raise TermBaseError(
                    _("cannot lock the term base: {reason}").format(reason=exc.strerror or exc),
                    file=self.path,
                ) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise TermBaseError(_(_LOCKED), file=self.path) from None
                time.sleep(0.05)
                continue
            if _same_file(fd, self.lock_path):
                break
            os.close(fd)  # the holder removed it as we waited: lock the new one
        try:
            yield
        finally:
            try:
                os.unlink(self.lock_path)
            finally:
                os.close(fd)

    def _refresh(self) -> bool:
        """Read the file again when another writer changed it since this one read it; True if so."""
        if _current_stamp(self._file) == self._stamp:
            return False
        fresh = SQLiteTermBase.open_memory(self.path)
        old, self._memory = self._memory, fresh
        self._digest = None
        self._stamp = None
        try:
            if self._file.exists():
                self._load()
        except BaseException:
            self._memory = old
            fresh.close()
            raise
        old.close()
        return True

    # -- the files ------------------------------------------------------------------------

    @property
    def derived_dir(self) -> Path:
        """The folder of derived data beside the file."""
        return self._file.with_name(self._file.name + ".derived")

    def _load(self) -> None:
        path = self._file
        try:
            with open(path, "rb") as handle:
                stat = os.fstat(handle.fileno())
                raw = handle.read()
            text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TermBaseError(
                _("cannot read the term base: {reason}").format(reason=exc), file=str(path)
            ) from None
        memory = self._memory
        with memory.transaction():
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                concept = _parse_line(line, str(path), number)
                try:
                    memory.insert(concept)
                except (sqlite3.Error, UnicodeError) as exc:
                    raise TermBaseError(
                        _("not a term base line: {reason}").format(reason=exc), file=str(path), line=number
                    ) from None
            self._digest = hashlib.sha256(raw).hexdigest()
            self._stamp = _stamp_of(stat)
            self._load_history()
            for key, data in _read_derived(self.derived_dir, self._digest):
                memory.set_derived(key, data)

    def _load_history(self) -> None:
        """Read ``NAME.history.jsonl`` into the memory base (none: a term base never edited)."""
        path = self.history_path
        self._history_saved = 0
        if not path.exists():
            return
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TermBaseError(
                _("cannot read the term base: {reason}").format(reason=exc), file=str(path)
            ) from None
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                change = change_from_json(json.loads(line))
                self._memory.record(change)
            except RecursionError:
                reason = _("nested too deeply")
            except (ValueError, KeyError, TypeError, sqlite3.Error) as exc:
                reason = str(exc)
            else:
                self._history_saved = max(self._history_saved, change.seq or 0)
                continue
            raise TermBaseError(
                _("not a history line: {reason}").format(reason=reason), file=str(path), line=number
            )

    @property
    def history_path(self) -> Path:
        """The history beside the file: ``NAME.history.jsonl``, one line per recorded edit, appended."""
        return self._file.with_name(self._file.stem + ".history" + SUFFIX)

    def _save(self) -> None:
        """Write the file (and append to the history), never over a file changed since it was read.

        Through :func:`~glossary.output.atomic_file`: the mode of the file
        replaced is kept and a symlink is written through.
        """
        path = self._file
        if not (self._dirty or self._digest is None):
            if _current_stamp(path) != self._stamp:
                raise TermBaseError(
                    _("the term base changed on disk while this was writing; nothing was written, run it again"),
                    file=str(path),
                )
            appended = self._append_history() if self._history_dirty else None
            if appended is not None:
                self._history_saved = appended[1]
        else:
            digest = hashlib.sha256()
            path.parent.mkdir(parents=True, exist_ok=True)
            appended = None
            try:
                with atomic_file(path) as out:
                    for concept in self._memory.iter_concepts():
                        line = json.dumps(concept_to_json(concept), ensure_ascii=False, sort_keys=True)
                        data = (line + "\n").encode("utf-8")
                        digest.update(data)
                        out.write(data)
                    if _current_stamp(path) != self._stamp:
                        # Changed behind the lock's back (a hand edit while this ran).
                        raise TermBaseError(
                            _("the term base changed on disk while this was writing; nothing was written, run it again"),
                            file=str(path),
                        )
                    appended = self._append_history() if self._history_dirty else None
            except BaseException:
                if appended is not None:  # the edit is not made: nor is its record
                    os.truncate(self.history_path, appended[0])
                raise
            self._digest = digest.hexdigest()
            self._stamp = _current_stamp(path)
            if appended is not None:
                self._history_saved = appended[1]
        assert self._digest is not None
        _write_derived(self.derived_dir, self._memory.derived_items(), self._digest)

    def _append_history(self) -> tuple[int, int] | None:
        """Append the changes recorded since the history was read or written, one line each.

        Appended, never rewritten: in a pull request an edit shows as its
        concept's changed line in the ``.jsonl`` and one new line here.
        Returns the file's size before and the last change it now holds
        (None: nothing to append), so that a failed save can take them back.
        """
        new = [c for c in self._memory.history() if (c.seq or 0) > self._history_saved]
        if not new:
            return None
        data = "".join(
            json.dumps(change_to_json(c), ensure_ascii=False, sort_keys=True) + "\n" for c in new
        ).encode("utf-8")
        with open(self.history_path, "ab") as out:
            size = out.tell()
            try:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            except BaseException:
                out.truncate(size)
                raise
        return size, max(c.seq or 0 for c in new)

def _parse_line(line: str, path: str, number: int) -> Concept:
    """The concept on one line of a ``.jsonl``; a bad line is a :class:`TermBaseError` naming it."""
    try:
        return concept_from_json(json.loads(line))
    except RecursionError:
        reason = _("nested too deeply")
    except (ValueError, KeyError, TypeError) as exc:
        reason = str(exc) if not isinstance(exc, KeyError) else _("{key} is missing").format(key=exc.args[0] if exc.args else exc)
    raise TermBaseError(_("not a term base line: {reason}").format(reason=reason), file=path, line=number)


def _stamp_of(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _current_stamp(path: Path) -> tuple[int, int, int] | None:
    """The stamp of the file now at ``path``, None when there is none."""
    try:
        return _stamp_of(os.stat(path))
    except FileNotFoundError:
        return None


def _same_file(fd: int, path: Path) -> bool:
    """True when the open ``fd`` is the file at ``path`` (not one removed since)."""
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def _check_size(path: Path) -> None:
    """Refuse, before reading it, a ``.jsonl`` of more than :data:`LIMIT` concepts (lines)."""
    lines = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                lines += chunk.count(b"\n")
    except OSError:
        return  # reading it will say what is wrong
    if lines > LIMIT:
        raise TermBaseError(_(_TOO_LARGE).format(limit=LIMIT, count=lines), file=str(path))


def _read_derived(folder: Path, hexdigest: str) -> list[tuple[str, bytes]]:
    """The derived values in ``folder`` computed from the ``.jsonl`` of this digest."""
    if not folder.is_dir():
        return []
    header = _DERIVED_HEADER + hexdigest.encode("ascii") + b"\n"
    items = []
    for entry in sorted(folder.iterdir()):
        try:
            data = entry.read_bytes()
        except OSError:
            continue  # derived data is a cache: what cannot be read is computed again
        if data.startswith(header):
            items.append((entry.name, data[len(header) :]))
    return items


def _write_derived(folder: Path, items: list[tuple[str, bytes]], hexdigest: str) -> None:
    """Make ``folder`` hold exactly ``items``, each marked with the digest of its ``.jsonl``."""
    keep = {key for key, _data in items}
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name not in keep:
                entry.unlink()
    if not items:
        if folder.is_dir():
            folder.rmdir()
        return
    folder.mkdir(exist_ok=True)
    header = _DERIVED_HEADER + hexdigest.encode("ascii") + b"\n"
    for key, data in items:
        fd, tmp = tempfile.mkstemp(prefix=f".{key}.", dir=str(folder))
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(header + data)
            os.replace(tmp, folder / key)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


@dataclass(frozen=True)
class JsonlBackend:
    """Term bases as JSON Lines text: every path ending in ``.jsonl``."""

    name: str = "jsonl"
    order: int = 10
    description: str = N_("JSON Lines text, one concept per line (path ending in .jsonl)")

    def accepts(self, path_or_url: str) -> bool:
        return "://" not in path_or_url and Path(path_or_url).suffix == SUFFIX

    def open(self, path_or_url: str, *, create: bool = False, readonly: bool = False) -> TermBase:
        return JsonlTermBase.open_file(Path(path_or_url), create=create, readonly=readonly)


BACKEND = JsonlBackend()

