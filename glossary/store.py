"""The term base: concepts, terms, flags and provenance in SQLite.

SQLite from the standard library is the embedded store (as in sqlite-utils
and datasette): one file, transactions, and queries a user can run with any
SQLite client.  Every write happens inside :meth:`TermBase.transaction`, so an
interrupted build leaves the previous term base as it was.

A path ending in ``.jsonl`` is a *text* term base: the same schema loaded
into memory from JSON Lines and written back atomically on commit.  That is
the form shipped in ``terms/``, readable in a pull request.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from glossary.errors import TermBaseError
from glossary.i18n import _
from glossary.model import (
    CONCEPT_TYPES,
    STATUSES,
    TERM_TYPES,
    Concept,
    Flag,
    Source,
    Term,
    normalize_text,
)

#: The shipped term base, built from ../shared/corpus (see README).
SHIPPED_PATH = Path(__file__).resolve().parent.parent / "terms" / "glossary.jsonl"

#: 'GLSY': marks a SQLite file as ours, so we refuse other SQLite files.
APPLICATION_ID = 0x474C5359
SCHEMA_VERSION = 1

_MIGRATIONS: dict[int, str] = {
    1: f"""
    CREATE TABLE concept (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        type TEXT NOT NULL CHECK (type IN ({",".join(repr(t) for t in CONCEPT_TYPES)})),
        subject TEXT,
        note TEXT,
        confidence REAL,
        evidence TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE term (
        id INTEGER PRIMARY KEY,
        concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL DEFAULT 0,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        norm TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ({",".join(repr(s) for s in STATUSES)})),
        term_type TEXT NOT NULL CHECK (term_type IN ({",".join(repr(t) for t in TERM_TYPES)})),
        pos TEXT,
        pinyin TEXT,
        romanization TEXT,
        pinyin_key TEXT,
        note TEXT,
        UNIQUE (concept_id, lang, text)
    );
    CREATE INDEX term_norm ON term (norm);
    CREATE INDEX term_pinyin_key ON term (pinyin_key);
    CREATE TABLE flag (
        id INTEGER PRIMARY KEY,
        term_id INTEGER NOT NULL REFERENCES term(id) ON DELETE CASCADE,
        code TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        UNIQUE (term_id, code)
    );
    CREATE TABLE source (
        id INTEGER PRIMARY KEY,
        concept_id INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
        term_id INTEGER REFERENCES term(id) ON DELETE CASCADE,
        file TEXT NOT NULL,
        line INTEGER,
        context TEXT NOT NULL DEFAULT '',
        parent TEXT
    );
    CREATE UNIQUE INDEX source_once ON source
        (concept_id, IFNULL(term_id, 0), file, IFNULL(line, 0), IFNULL(parent, ''));
    CREATE INDEX term_concept ON term (concept_id);
    CREATE INDEX source_concept ON source (concept_id);
    """,
}


def _default_path() -> Path:
    env = os.environ.get("GLOSSARY_DB")
    return Path(env) if env else SHIPPED_PATH


class TermBase:
    """A term base file opened for reading or writing."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, text_path: Path | None, readonly: bool):
        self.conn = conn
        self.path = str(path)
        self._text_path = text_path
        self._readonly = readonly
        self._depth = 0
        self._dirty = False

    # -- opening -----------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | Path | None = None, *, create: bool = False, readonly: bool = False
    ) -> TermBase:
        target = Path(path) if path is not None else _default_path()
        if target.suffix == ".jsonl":
            return cls._open_text(target, create=create, readonly=readonly)
        return cls._open_sqlite(target, create=create, readonly=readonly)

    @classmethod
    def _open_sqlite(cls, path: Path, *, create: bool, readonly: bool) -> TermBase:
        exists = path.exists()
        if not exists and not create:
            raise TermBaseError(
                _("no term base here; build one with 'glossary build FILE... --db {path}'").format(
                    path=path
                ),
                file=str(path),
            )
        if exists and path.is_dir():
            raise TermBaseError(_("is a directory, not a term base"), file=str(path))
        if exists and path.stat().st_size:
            with open(path, "rb") as handle:
                if handle.read(16) != b"SQLite format 3\x00":
                    raise TermBaseError(_("not a term base (not an SQLite file)"), file=str(path))
        try:
            if readonly and exists:
                conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2.0)
            else:
                if not path.parent.exists():
                    raise TermBaseError(_("the folder does not exist"), file=str(path))
                conn = sqlite3.connect(str(path), timeout=2.0)
        except sqlite3.Error as exc:
            raise TermBaseError(
                _("cannot open the term base: {reason}").format(reason=exc), file=str(path)
            ) from None
        conn.isolation_level = None  # we issue BEGIN/COMMIT ourselves
        tb = cls(conn, path, text_path=None, readonly=readonly)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
            tb._migrate(allow_create=not readonly)
        except sqlite3.OperationalError as exc:
            conn.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise TermBaseError(
                    _("the term base is locked by another program; try again when it is done"),
                    file=str(path),
                ) from None
            raise TermBaseError(
                _("cannot open the term base: {reason}").format(reason=exc), file=str(path)
            ) from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise TermBaseError(
                _("not a term base: {reason}").format(reason=exc), file=str(path)
            ) from None
        except TermBaseError:
            conn.close()
            raise
        return tb

    @classmethod
    def _open_text(cls, path: Path, *, create: bool, readonly: bool) -> TermBase:
        if not path.exists() and not create:
            raise TermBaseError(_("no term base here"), file=str(path))
        conn = sqlite3.connect(":memory:")
        conn.isolation_level = None
        conn.execute("PRAGMA foreign_keys = ON")
        tb = cls(conn, path, text_path=path, readonly=readonly)
        tb._migrate(allow_create=True)
        if path.exists():
            tb._load_jsonl(path)
        return tb

    def _migrate(self, *, allow_create: bool) -> None:
        conn = self.conn
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == 0 and tables == 0:
            if not allow_create:
                raise TermBaseError(_("the term base is empty"), file=self.path)
            version = 0
        elif app_id != APPLICATION_ID:
            raise TermBaseError(
                _("not a term base: an SQLite file of another program"), file=self.path
            )
        if version > SCHEMA_VERSION:
            raise TermBaseError(
                _(
                    "this term base has schema version {found}, newer than this glossary "
                    "understands ({known}); upgrade glossary"
                ).format(found=version, known=SCHEMA_VERSION),
                file=self.path,
            )
        if version == SCHEMA_VERSION:
            return
        if self._readonly and self._text_path is None:
            raise TermBaseError(
                _("the term base has an older schema; open it for writing once to upgrade it"),
                file=self.path,
            )
        conn.execute("BEGIN IMMEDIATE")
        try:
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[step].split(";"):
                    if statement.strip():
                        conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> TermBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions --------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[TermBase]:
        """One write transaction; nested calls join the outer one."""
        if self._readonly:
            raise TermBaseError(_("the term base is open read-only"), file=self.path)
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            raise TermBaseError(
                _("the term base is locked by another program; try again when it is done"),
                file=self.path,
            ) from None
        self._depth = 1
        try:
            yield self
            if self._text_path is not None and self._dirty:
                self._save_jsonl(self._text_path)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        finally:
            self._depth = 0
            self._dirty = False

    # -- writing ---------------------------------------------------------------

    def add(
        self, concept: Concept, on_conflict: str = "merge", *, keep_apart: set[str] | None = None
    ) -> str:
        """Store ``concept``, merging with an equal concept already there.

        ``keep_apart`` holds uids that equal terms must not merge into: an
        importer passes the entries it added from the same file, since two
        entries of one file are two concepts by the file's own word.
        Returns ``added``, ``merged``, ``unchanged``, ``skipped`` or ``replaced``.
        """
        if on_conflict not in ("merge", "skip", "replace"):
            raise ValueError(on_conflict)
        with self.transaction():
            existing = self._find_existing(concept, keep_apart or set())
            if existing is None:
                self._insert(concept)
                self._dirty = True
                return "added"
            if on_conflict == "skip":
                return "skipped"
            if on_conflict == "replace":
                uid = self.conn.execute("SELECT uid FROM concept WHERE id = ?", (existing,)).fetchone()[0]
                self.conn.execute("DELETE FROM concept WHERE id = ?", (existing,))
                concept.uid = uid
                self._insert(concept)
                self._dirty = True
                return "replaced"
            changed = self._merge(existing, concept)
            self._dirty = self._dirty or changed
            return "merged" if changed else "unchanged"

    def _find_existing(self, concept: Concept, keep_apart: set[str]) -> int | None:
        if concept.uid:
            row = self.conn.execute("SELECT id FROM concept WHERE uid = ?", (concept.uid,)).fetchone()
            if row:
                return row[0]
        candidates: dict[int, set[str]] = {}
        for term in concept.terms:
            rows = self.conn.execute(
                "SELECT t.concept_id, c.uid, c.subject FROM term t JOIN concept c ON c.id = t.concept_id "
                "WHERE t.norm = ? AND t.lang = ? AND c.type = ?",
                (term.norm, term.lang, concept.type),
            )
            for cid, uid, subject in rows:
                if uid in keep_apart:
                    continue
                # Homonyms told apart by subject field (ok -> 确定 in one field,
                # 成功 in another) stay two concepts.
                if concept.subject and subject and subject != concept.subject:
                    continue
                candidates.setdefault(cid, set()).add(term.lang)
        if not candidates:
            return None
        langs = {t.lang for t in concept.terms}
        if concept.type == "person":
            # Two people may share a romanized name (Guo Hai) yet not their
            # Chinese one: persons merge only when every language agrees.
            full = [cid for cid, found in candidates.items() if found >= langs]
            return min(full) if full else None
        return min(candidates, key=lambda cid: (-len(candidates[cid]), cid))

    def _insert(self, concept: Concept) -> int:
        uid = concept.ensure_uid()
        clash = self.conn.execute("SELECT 1 FROM concept WHERE uid = ?", (uid,)).fetchone()
        if clash:
            # A derived uid can collide with a concept that has since changed;
            # a suffix keeps ids unique and still deterministic.
            n = 2
            while self.conn.execute("SELECT 1 FROM concept WHERE uid = ?", (f"{uid}-{n}",)).fetchone():
                n += 1
            uid = concept.uid = f"{uid}-{n}"
        cur = self.conn.execute(
            "INSERT INTO concept (uid, type, subject, note, confidence, evidence) VALUES (?,?,?,?,?,?)",
            (
                uid,
                concept.type,
                concept.subject,
                concept.note,
                concept.confidence,
                json.dumps(concept.evidence, ensure_ascii=False),
            ),
        )
        cid = cur.lastrowid
        assert cid is not None
        for seq, term in enumerate(concept.terms):
            self._insert_term(cid, term, seq)
        for source in concept.sources:
            self._insert_source(cid, None, source)
        return cid

    def _insert_term(self, cid: int, term: Term, seq: int) -> int:
        cur = self.conn.execute(
            "INSERT INTO term (concept_id, seq, lang, text, norm, status, term_type, pos, pinyin,"
            " romanization, pinyin_key, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                cid,
                seq,
                term.lang,
                term.text,
                term.norm,
                term.status,
                term.term_type,
                term.pos,
                term.pinyin,
                term.romanization,
                _pinyin_key(term),
                term.note,
            ),
        )
        tid = cur.lastrowid
        assert tid is not None
        for flag in term.flags:
            self.conn.execute(
                "INSERT OR IGNORE INTO flag (term_id, code, detail) VALUES (?,?,?)",
                (tid, flag.code, flag.detail),
            )
        for source in term.sources:
            self._insert_source(cid, tid, source)
        return tid

    def _insert_source(self, cid: int, tid: int | None, source: Source) -> bool:
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO source (concept_id, term_id, file, line, context, parent)"
            " VALUES (?,?,?,?,?,?)",
            (cid, tid, source.file, source.line, source.context, source.parent),
        )
        return cur.rowcount > 0

    def _merge(self, cid: int, concept: Concept) -> bool:
        changed = False
        row = self.conn.execute(
            "SELECT subject, note, confidence, evidence FROM concept WHERE id = ?", (cid,)
        ).fetchone()
        subject, note, confidence, evidence_json = row
        evidence = json.loads(evidence_json)
        merged_evidence = evidence + [e for e in concept.evidence if e not in evidence]
        updates = {
            "subject": subject or concept.subject,
            "note": note or concept.note,
            "confidence": max(
                (v for v in (confidence, concept.confidence) if v is not None), default=None
            ),
            "evidence": json.dumps(merged_evidence, ensure_ascii=False),
        }
        if (updates["subject"], updates["note"], updates["confidence"], updates["evidence"]) != (
            subject,
            note,
            confidence,
            evidence_json,
        ):
            self.conn.execute(
                "UPDATE concept SET subject=?, note=?, confidence=?, evidence=? WHERE id=?",
                (updates["subject"], updates["note"], updates["confidence"], updates["evidence"], cid),
            )
            changed = True
        next_seq = self.conn.execute(
            "SELECT IFNULL(MAX(seq), -1) + 1 FROM term WHERE concept_id = ?", (cid,)
        ).fetchone()[0]
        for term in concept.terms:
            # The same spelling first; else a spelling that differs only in
            # case or spacing is the same term met again (WORLD STANDARDS DAY).
            found = self.conn.execute(
                "SELECT id FROM term WHERE concept_id = ? AND lang = ? AND text = ?",
                (cid, term.lang, term.text),
            ).fetchone() or self.conn.execute(
                "SELECT id FROM term WHERE concept_id = ? AND lang = ? AND norm = ?"
                " ORDER BY seq LIMIT 1",
                (cid, term.lang, term.norm),
            ).fetchone()
            if found is None:
                # A second spelling met later is recorded, but never displaces
                # the preferred term the base already has.
                has_preferred = self.conn.execute(
                    "SELECT 1 FROM term WHERE concept_id = ? AND lang = ? AND status = 'preferred'",
                    (cid, term.lang),
                ).fetchone()
                if has_preferred and term.status == "preferred":
                    term = _as_variant(term)
                self._insert_term(cid, term, next_seq)
                next_seq += 1
                changed = True
                continue
            tid = found[0]
            for flag in term.flags:
                cur = self.conn.execute(
                    "INSERT OR IGNORE INTO flag (term_id, code, detail) VALUES (?,?,?)",
                    (tid, flag.code, flag.detail),
                )
                changed = changed or cur.rowcount > 0
            for source in term.sources:
                changed = self._insert_source(cid, tid, source) or changed
            fill = self.conn.execute(
                "UPDATE term SET pinyin = IFNULL(pinyin, ?), romanization = IFNULL(romanization, ?),"
                " pos = IFNULL(pos, ?), note = IFNULL(note, ?) WHERE id = ? AND"
                " (pinyin IS NULL AND ? IS NOT NULL OR romanization IS NULL AND ? IS NOT NULL"
                "  OR pos IS NULL AND ? IS NOT NULL OR note IS NULL AND ? IS NOT NULL)",
                (
                    term.pinyin,
                    term.romanization,
                    term.pos,
                    term.note,
                    tid,
                    term.pinyin,
                    term.romanization,
                    term.pos,
                    term.note,
                ),
            )
            changed = changed or fill.rowcount > 0
        for source in concept.sources:
            changed = self._insert_source(cid, None, source) or changed
        return changed

    def set_flags(self, uid: str, lang: str, text: str, flags: list[Flag]) -> None:
        """Replace a term's flags (a re-verification may clear or change them)."""
        with self.transaction():
            row = self.conn.execute(
                "SELECT t.id FROM term t JOIN concept c ON c.id = t.concept_id"
                " WHERE c.uid = ? AND t.lang = ? AND t.text = ?",
                (uid, lang, text),
            ).fetchone()
            if row is None:
                return
            self.conn.execute("DELETE FROM flag WHERE term_id = ?", (row[0],))
            for flag in flags:
                self.conn.execute(
                    "INSERT INTO flag (term_id, code, detail) VALUES (?,?,?)",
                    (row[0], flag.code, flag.detail),
                )
            self._dirty = True

    def clear(self) -> None:
        """Remove every concept (inside the caller's transaction, so a failed rebuild keeps them)."""
        with self.transaction():
            self.conn.execute("DELETE FROM concept")
            self._dirty = True

    def delete(self, uid: str) -> bool:
        with self.transaction():
            cur = self.conn.execute("DELETE FROM concept WHERE uid = ?", (uid,))
            self._dirty = self._dirty or cur.rowcount > 0
            return cur.rowcount > 0

    # -- reading ---------------------------------------------------------------

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM concept").fetchone()[0]

    def counts_by_type(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT type, count(*) FROM concept GROUP BY type ORDER BY type")
        return dict(rows.fetchall())

    def get(self, uid: str) -> Concept | None:
        row = self.conn.execute(
            "SELECT id, uid, type, subject, note, confidence, evidence FROM concept WHERE uid = ?",
            (uid,),
        ).fetchone()
        return self._load(row) if row else None

    def iter_concepts(self, types: Iterable[str] | None = None) -> Iterator[Concept]:
        """Stream every concept in uid order: deterministic, one concept in memory at a time."""
        sql = "SELECT id, uid, type, subject, note, confidence, evidence FROM concept"
        params: tuple[str, ...] = ()
        if types is not None:
            wanted = tuple(types)
            sql += f" WHERE type IN ({','.join('?' * len(wanted))})"
            params = wanted
        sql += " ORDER BY uid"
        for row in self._rows(sql, params):
            yield self._load(row)

    def _rows(self, sql: str, params: tuple[str, ...]) -> Iterator[tuple]:
        """Rows in batches: memory stays flat on huge term bases."""
        cursor = self.conn.execute(sql, params)
        while True:
            batch = cursor.fetchmany(500)
            if not batch:
                return
            yield from batch

    def _load(self, row: tuple) -> Concept:
        cid, uid, ctype, subject, note, confidence, evidence = row
        concept = Concept(
            type=ctype,
            uid=uid,
            subject=subject,
            note=note,
            confidence=confidence,
            evidence=json.loads(evidence),
        )
        terms: dict[int, Term] = {}
        for tid, lang, text, status, term_type, pos, pinyin, roman, tnote in self.conn.execute(
            "SELECT id, lang, text, status, term_type, pos, pinyin, romanization, note"
            " FROM term WHERE concept_id = ? ORDER BY seq, id",
            (cid,),
        ):
            term = Term(
                lang=lang,
                text=text,
                status=status,
                term_type=term_type,
                pos=pos,
                pinyin=pinyin,
                romanization=roman,
                note=tnote,
            )
            terms[tid] = term
            concept.terms.append(term)
        if terms:
            marks = ",".join("?" * len(terms))
            for tid, code, detail in self.conn.execute(
                f"SELECT term_id, code, detail FROM flag WHERE term_id IN ({marks}) ORDER BY id",
                tuple(terms),
            ):
                terms[tid].flags.append(Flag(code, detail))
        for tid, file, line, context, parent in self.conn.execute(
            "SELECT term_id, file, line, context, parent FROM source WHERE concept_id = ? ORDER BY id",
            (cid,),
        ):
            source = Source(file=file, line=line, context=context, parent=parent)
            if tid is None:
                concept.sources.append(source)
            else:
                terms[tid].sources.append(source)
        return concept

    def search(self, query: str, limit: int = 20) -> list[Concept]:
        """Concepts whose terms match ``query`` by text, prefix, Chinese or pinyin.

        Exact matches come first, then prefixes, then pinyin and substrings,
        so the most likely entry is on top.
        """
        from glossary.pinyin import pinyin_key

        q = query.strip()
        if not q:
            return []
        has_han = any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in q)
        norm = normalize_text(q, "zh-Hans" if has_han else "en")
        like = norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        scored: dict[int, int] = {}

        def collect(sql: str, params: tuple, rank: int) -> None:
            for (cid,) in self.conn.execute(sql, params):
                if cid not in scored or scored[cid] > rank:
                    scored[cid] = rank

        collect("SELECT concept_id FROM term WHERE norm = ?", (norm,), 0)
        collect(
            "SELECT concept_id FROM term WHERE norm LIKE ? ESCAPE '\\'", (like + "%",), 1
        )
        if not has_han:
            key = pinyin_key(q)
            # ü is often typed u (Lu for 吕, nu for 女): try the ü readings too.
            for variant in dict.fromkeys([key, key.replace("lu", "lv"), key.replace("nu", "nv")]):
                if variant:
                    collect("SELECT concept_id FROM term WHERE pinyin_key = ?", (variant,), 2)
                    collect(
                        "SELECT concept_id FROM term WHERE pinyin_key LIKE ?", (variant + "%",), 3
                    )
        collect(
            "SELECT concept_id FROM term WHERE norm LIKE ? ESCAPE '\\'", ("%" + like + "%",), 4
        )
        if not scored:
            return []
        ranked = sorted(scored.items(), key=lambda item: (item[1], item[0]))[:limit]
        results = []
        for cid, _rank in ranked:
            row = self.conn.execute(
                "SELECT id, uid, type, subject, note, confidence, evidence FROM concept WHERE id = ?",
                (cid,),
            ).fetchone()
            results.append(self._load(row))
        return results

    # -- the text form -------------------------------------------------------------

    def _load_jsonl(self, path: Path) -> None:
        from glossary.jsonl import concept_from_json

        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TermBaseError(_("cannot read the term base: {reason}").format(reason=exc), file=str(path)) from None
        self.conn.execute("BEGIN")
        try:
            for number, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                try:
                    concept = concept_from_json(json.loads(line))
                except (ValueError, KeyError, TypeError) as exc:
                    raise TermBaseError(
                        _("not a term base line: {reason}").format(reason=exc), file=str(path), line=number
                    ) from None
                self._insert(concept)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def _save_jsonl(self, path: Path) -> None:
        from glossary.jsonl import concept_to_json

        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=str(path.parent))
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                for concept in self.iter_concepts():
                    out.write(json.dumps(concept_to_json(concept), ensure_ascii=False, sort_keys=True))
                    out.write("\n")
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise


def _as_variant(term: Term) -> Term:
    return Term(
        lang=term.lang,
        text=term.text,
        status="admitted",
        term_type="variant" if term.term_type == "fullForm" else term.term_type,
        pos=term.pos,
        pinyin=term.pinyin,
        romanization=term.romanization,
        note=term.note,
        flags=list(term.flags),
        sources=list(term.sources),
    )


def _pinyin_key(term: Term) -> str | None:
    """The toneless search key for a Chinese term, from its stored pinyin.

    Computed from the stored pinyin rather than the characters, so that
    lookup never needs the pinyin tables.
    """
    if not term.lang.startswith("zh"):
        return None
    from glossary.pinyin import pinyin_key

    return pinyin_key(term.romanization or term.pinyin or "") or None


def open_termbase(path: str | Path | None = None, **kwargs: bool) -> TermBase:
    return TermBase.open(path, **kwargs)
