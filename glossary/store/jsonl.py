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
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary.errors import TermBaseError
from glossary.i18n import N_, _
from glossary.model import Concept, Flag, Source, Term
from glossary.store.base import Suggestion, TermBase
from glossary.store.sqlite import SQLiteTermBase

SUFFIX = ".jsonl"

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
        """The memory base's transaction; the file is written once, when it commits."""
        with self._memory.transaction():
            try:
                yield
                if self._dirty and self._memory.count() > LIMIT:
                    raise TermBaseError(
                        _(_TOO_LARGE).format(limit=LIMIT, count=self._memory.count()), file=self.path
                    )
                if self._dirty or self._derived_dirty:
                    self._save()
            finally:
                self._dirty = self._derived_dirty = False

    # -- writing: the memory base does it, this one notes what to save ---------------

    def add(
        self, concept: Concept, on_conflict: str = "merge", *, keep_apart: set[str] | None = None
    ) -> str:
        with self.transaction():
            result = self._memory.add(concept, on_conflict, keep_apart=keep_apart)
            if result in ("added", "merged", "replaced"):
                self._changed()
            return result

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

    # -- the files ------------------------------------------------------------------------

    @property
    def derived_dir(self) -> Path:
        """The folder of derived data beside the file."""
        return self._file.with_name(self._file.name + ".derived")

    def _load(self) -> None:
        path = self._file
        try:
            raw = path.read_bytes()
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
                try:
                    concept = concept_from_json(json.loads(line))
                except (ValueError, KeyError, TypeError) as exc:
                    raise TermBaseError(
                        _("not a term base line: {reason}").format(reason=exc),
                        file=str(path),
                        line=number,
                    ) from None
                memory.insert(concept)
            self._digest = hashlib.sha256(raw).hexdigest()
            for key, data in _read_derived(self.derived_dir, self._digest):
                memory.set_derived(key, data)

    def _save(self) -> None:
        path = self._file
        if self._dirty or self._digest is None:
            digest = hashlib.sha256()
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=str(path.parent))
            try:
                with os.fdopen(fd, "wb") as out:
                    for concept in self._memory.iter_concepts():
                        line = json.dumps(concept_to_json(concept), ensure_ascii=False, sort_keys=True)
                        data = (line + "\n").encode("utf-8")
                        digest.update(data)
                        out.write(data)
                os.replace(tmp, path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
            self._digest = digest.hexdigest()
        _write_derived(self.derived_dir, self._memory.derived_items(), self._digest)


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


# -- the line format ------------------------------------------------------------------------


def _source_to_json(source: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"file": source.file}
    if source.line is not None:
        data["line"] = source.line
    if source.context:
        data["context"] = source.context
    if source.parent:
        data["parent"] = source.parent
    return data


def _source_from_json(data: dict[str, Any]) -> Source:
    return Source(
        file=data["file"], line=data.get("line"), context=data.get("context", ""), parent=data.get("parent")
    )


def concept_to_json(concept: Concept) -> dict[str, Any]:
    data: dict[str, Any] = {"id": concept.ensure_uid(), "type": concept.type, "terms": []}
    for key in ("subject", "note", "confidence"):
        value = getattr(concept, key)
        if value is not None:
            data[key] = value
    if concept.evidence:
        data["evidence"] = list(concept.evidence)
    if concept.sources:
        data["sources"] = [_source_to_json(s) for s in concept.sources]
    for term in concept.terms:
        item: dict[str, Any] = {"lang": term.lang, "text": term.text, "status": term.status}
        if term.term_type != "fullForm":
            item["term_type"] = term.term_type
        for key in ("pos", "pinyin", "romanization", "note"):
            value = getattr(term, key)
            if value is not None:
                item[key] = value
        if term.flags:
            item["flags"] = [{"code": f.code, "detail": f.detail} for f in term.flags]
        if term.sources:
            item["sources"] = [_source_to_json(s) for s in term.sources]
        data["terms"].append(item)
    return data


def concept_from_json(data: dict[str, Any]) -> Concept:
    concept = Concept(
        type=data["type"],
        uid=data["id"],
        subject=data.get("subject"),
        note=data.get("note"),
        confidence=data.get("confidence"),
        evidence=list(data.get("evidence", [])),
        sources=[_source_from_json(s) for s in data.get("sources", [])],
    )
    for item in data["terms"]:
        concept.terms.append(
            Term(
                lang=item["lang"],
                text=item["text"],
                status=item.get("status", "preferred"),
                term_type=item.get("term_type", "fullForm"),
                pos=item.get("pos"),
                pinyin=item.get("pinyin"),
                romanization=item.get("romanization"),
                note=item.get("note"),
                flags=[Flag(f["code"], f.get("detail", "")) for f in item.get("flags", [])],
                sources=[_source_from_json(s) for s in item.get("sources", [])],
            )
        )
    return concept
