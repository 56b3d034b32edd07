"""The SQLite backend: concepts, terms, flags and provenance in one SQLite file.

SQLite from the standard library is the embedded store (as in sqlite-utils
and datasette): one file, transactions, and queries a user can run with any
SQLite client.  Every write happens inside :meth:`SQLiteTermBase.transaction`,
so an interrupted build leaves the previous term base as it was.

Which stored concept a new one merges into, and what they become, is
decided by :mod:`glossary.store.merge`; this module only finds the
candidates and writes the result back.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from glossary.bulk import batches, collector_paused
from glossary.chinese.convert import fold
from glossary.chinese.pinyin import pinyin_key, split_syllables
from glossary.errors import OutputError, TermBaseError
from glossary.i18n import N_, _
from glossary.model import (
    CONCEPT_TYPES,
    STATUSES,
    TERM_TYPES,
    Concept,
    Flag,
    Source,
    Term,
    derived_uid,
    normalize_text,
)
from glossary.store.base import (
    Change,
    Suggestion,
    TermBase,
    acronyms,
    allowed_edits,
    check_derived_key,
    check_on_conflict,
    query_pinyin_key,
    rank_suggestions,
    search_key,
    suggestion_filter,
    western_orders,
    word_end,
    word_start,
)
from glossary.store.merge import StatusChange, find_match, merge_concepts, replace_concept
from glossary.text.script import is_han

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


#: Derived data (see :meth:`TermBase.get_derived`): an optional table made on
#: first use, so older term bases and older glossaries need no migration.
#: The triggers drop it on any change to the concepts, by this program or any
#: other SQLite client, so what is there is never stale.
_DERIVED = ["CREATE TABLE IF NOT EXISTS derived (key TEXT PRIMARY KEY, data BLOB NOT NULL)"] + [
    f"CREATE TRIGGER IF NOT EXISTS derived_stale_{table}_{event.lower()} AFTER {event} ON {table}"
    " BEGIN DELETE FROM derived; END"
    for table in ("concept", "term", "flag", "source")
    for event in ("INSERT", "UPDATE", "DELETE")
]

#: The history of edits (see :meth:`TermBase.record`): made by the first edit,
#: so a term base built or imported before it existed, or never edited, needs
#: no migration and is read by older glossaries as it was.
_HISTORY = [
    "CREATE TABLE IF NOT EXISTS history (id INTEGER PRIMARY KEY, action TEXT NOT NULL,"
    " uid TEXT NOT NULL, other TEXT, who TEXT NOT NULL, at TEXT NOT NULL, reason TEXT,"
    " before TEXT, after TEXT)",
    "CREATE INDEX IF NOT EXISTS history_uid ON history (uid)",
    "CREATE INDEX IF NOT EXISTS history_other ON history (other)",
]

#: A column's last four characters, last first: an index of it finds the values
#: ending in one to four given characters by a range (see :func:`_ends_with`).
_TAIL = "substr({column}, -1) || substr({column}, -2, 1) || substr({column}, -3, 1) || substr({column}, -4, 1)"

#: Search indexes a writer adds when it is done (:meth:`SQLiteTermBase.index_for_search`):
#: made outside the schema's migrations, so a term base without them is still
#: current, only slower to search.  SQLite keeps plain indexes up to date itself.
_SEARCH_INDEXES = (
    "CREATE INDEX IF NOT EXISTS term_lang ON term (lang)",
    "CREATE INDEX IF NOT EXISTS term_lang_nocase ON term (lang COLLATE NOCASE)",
    # The last characters, reversed: the terms ending in a few given characters
    # (a two-character substring, which no trigram holds; a near miss's last letters).
    "CREATE INDEX IF NOT EXISTS term_norm_tail ON term ({})".format(_TAIL.format(column="norm")),
    "CREATE INDEX IF NOT EXISTS term_pinyin_tail ON term ({}) WHERE pinyin_key IS NOT NULL".format(
        _TAIL.format(column="pinyin_key")
    ),
)
#: The substring index: trigrams of every term's ``norm`` (FTS5), rebuilt by the
#: writer; trusted only while the derived marker below is there, which any change
#: to the concepts drops (the derived table's triggers), so it is never stale.
#: ``detail=none``: each trigram knows its rows only, not its column or offsets,
#: and ``columnsize=0``: no table of the rows' token counts.  Every query asks for
#: rows holding some trigrams (an AND of one-trigram phrases, :func:`_trigram_query`;
#: the vocabulary's terms and rows, :meth:`SQLiteTermBase._bigram_rows`) and a LIKE
#: checks the rest, so neither is read: without them a million concepts' index is
#: written in 40 % less CPU time.  (No phrase of two trigrams, no column filter, no
#: rank by bm25 could be asked of it.)
_TRIGRAMS = (
    "CREATE VIRTUAL TABLE term_trigram USING fts5"
    "(norm, content='term', content_rowid='id', tokenize='trigram', detail=none, columnsize=0)"
)
#: The trigram index filled from the terms in the order of their ids, as an external
#: content table's own rows are indexed (FTS5's documented insert of a row's rowid and
#: values): the same index as the ``'rebuild'`` command's, in a quarter of the CPU time
#: (1M concepts: 7 s, not 28 s).  'rebuild' reads the content through the covering index
#: ``term_norm``, so in the order of ``norm``, and FTS5 writes its pending terms out as a
#: segment whenever a rowid is lower than the one before (sqlite3Fts5IndexBeginWrite):
#: hundreds of small segments to merge.  In rowid order one is written per megabyte.
_TRIGRAMS_FILL = "INSERT INTO term_trigram (rowid, norm) SELECT id, norm FROM term ORDER BY id"
#: v2: ``detail=none, columnsize=0`` (v1 was a full index): a base with v1 is outdated,
#: searched by a scan until ``glossary reindex`` rebuilds it.
_TRIGRAMS_CURRENT = "search-trigrams-v2"

#: The stored matching index (:meth:`SQLiteTermBase.write_match_tables`): each
#: key of each bucket (a language and mode, or the folded and regional tables)
#: with its place in the bucket (``seq``), whether folding leaves it as it is
#: (``plain``) and its references (``refs``); and the matcher's pruning table.
_MATCH_TABLES = (
    "CREATE TABLE IF NOT EXISTS match_key (b INTEGER NOT NULL, key TEXT NOT NULL, seq INTEGER NOT NULL,"
    " plain INTEGER NOT NULL, refs TEXT NOT NULL, PRIMARY KEY (b, key)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS match_head (b INTEGER NOT NULL, head TEXT NOT NULL, reach INTEGER NOT NULL,"
    " PRIMARY KEY (b, head)) WITHOUT ROWID",
)

_CONCEPT_COLUMNS = "id, uid, type, subject, note, confidence, evidence"

_LOCKED = N_("the term base is locked by another program; try again when it is done")


class SQLiteTermBase(TermBase):
    """A term base in an SQLite file (or in memory, for the text backend)."""

    def __init__(self, conn: sqlite3.Connection, path: str, *, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self._readonly = readonly
        self._depth = 0

    # -- opening -----------------------------------------------------------

    @classmethod
    def open_file(cls, path: Path, *, create: bool, readonly: bool) -> SQLiteTermBase:
        """Open (or, with ``create``, make) the SQLite term base at ``path``."""
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
        if not readonly:
            _check_writable(path, exists)
        try:
            if readonly and exists:
                conn = _connect_read_only(path)
            else:
                conn = sqlite3.connect(str(path), timeout=2.0)
        except sqlite3.Error as exc:
            raise TermBaseError(
                _("cannot open the term base: {reason}").format(reason=exc), file=str(path)
            ) from None
        conn.isolation_level = None  # we issue BEGIN/COMMIT ourselves
        tb = cls(conn, str(path), readonly=readonly)
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
            tb._migrate(allow_create=not readonly, may_upgrade=not readonly)
        except sqlite3.OperationalError as exc:
            conn.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise TermBaseError(_(_LOCKED), file=str(path)) from None
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
    def open_memory(cls, path: str) -> SQLiteTermBase:
        """An empty, writable term base in memory; ``path`` names it in messages."""
        conn = sqlite3.connect(":memory:")
        conn.isolation_level = None
        conn.execute("PRAGMA foreign_keys = ON")
        tb = cls(conn, path, readonly=False)
        tb._migrate(allow_create=True, may_upgrade=True)
        return tb

    def _migrate(self, *, allow_create: bool, may_upgrade: bool) -> None:
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
        if not may_upgrade:
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

    # -- transactions --------------------------------------------------------

    @contextmanager
    def _outer_transaction(self) -> Iterator[None]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            raise TermBaseError(_(_LOCKED), file=self.path) from None
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as exc:
            _rollback(self.conn)
            if isinstance(exc, sqlite3.Error):
                raise _write_error(exc, self.path) from None
            raise

    # -- writing ---------------------------------------------------------------

    def add(
        self,
        concept: Concept,
        on_conflict: str = "merge",
        *,
        keep_apart: set[str] | None = None,
        statuses: list[StatusChange] | None = None,
    ) -> str:
        check_on_conflict(on_conflict)
        with self.transaction():
            existing = self._find_existing(concept, keep_apart or set())
            if existing is None:
                self.insert(concept)
                return "added"
            cid, stored, tids = existing
            if on_conflict == "skip":
                return "skipped"
            if on_conflict == "replace":
                kept = replace_concept(self._load_id(cid), concept, statuses=statuses)
                self.conn.execute("DELETE FROM concept WHERE id = ?", (cid,))
                concept.uid = stored.uid
                self.insert(kept)
                return "replaced"
            merged = merge_concepts(stored, concept, statuses=statuses)
            if merged is None:
                return "unchanged"
            self._write_merge(cid, stored, tids, merged)
            return "merged"

    def _find_existing(
        self, concept: Concept, keep_apart: set[str]
    ) -> tuple[int, Concept, list[int]] | None:
        """The stored concept ``concept`` is, by uid, else by the merge policy.

        With its row id and its terms' row ids, so that a merge writes only
        what it adds.
        """
        if concept.uid:
            row = self.conn.execute(
                f"SELECT {_CONCEPT_COLUMNS} FROM concept WHERE uid = ?", (concept.uid,)
            ).fetchone()
            if row:
                tids: list[int] = []
                stored = self._load(row, tids, sources=False)
                self._load_sources_like(row[0], stored, tids, concept)
                return row[0], stored, tids
        cids: set[int] = set()
        for term in concept.terms:
            for cid, uid in self.conn.execute(
                "SELECT t.concept_id, c.uid FROM term t JOIN concept c ON c.id = t.concept_id "
                "WHERE t.norm = ? AND t.lang = ? AND c.type = ?",
                (term.norm, term.lang, concept.type),
            ):
                if uid not in keep_apart:
                    cids.add(cid)
        if not cids:
            return None
        ordered = sorted(cids)  # oldest first, as the policy wants
        term_ids: list[list[int]] = [[] for _cid in ordered]
        candidates = [
            self._load_id(cid, ids, sources=False)
            for cid, ids in zip(ordered, term_ids, strict=True)
        ]
        index = find_match(concept, candidates, keep_apart)
        if index is None:
            return None
        cid, stored, tids = ordered[index], candidates[index], term_ids[index]
        self._load_sources_like(cid, stored, tids, concept)
        return cid, stored, tids

    def _load_sources_like(self, cid: int, stored: Concept, tids: list[int], new: Concept) -> None:
        """Give ``stored`` its sources at the places ``new`` has sources, and only those.

        The merge policy compares sources by place only (file, line,
        parent), so these are all it needs to tell a new source from one it
        has: a concept met a thousand times is not read a thousand times.
        """
        places = {(s.file, s.line or 0) for s in new.sources}
        places.update((s.file, s.line or 0) for t in new.terms for s in t.sources)
        if not places:
            return
        terms = dict(zip(tids, stored.terms, strict=True))
        owners = ",".join("?" * (len(tids) + 1))
        rows: list[tuple] = []
        for file, line in sorted(places):
            rows.extend(
                self.conn.execute(
                    "SELECT id, term_id, file, line, context, parent FROM source"
                    f" WHERE concept_id = ? AND IFNULL(term_id, 0) IN ({owners})"
                    " AND file = ? AND IFNULL(line, 0) = ?",
                    (cid, 0, *tids, file, line),
                )
            )
        rows.sort()
        _attach_sources(stored, terms, (row[1:] for row in rows))

    def insert(self, concept: Concept) -> int:
        """Store ``concept`` as a new concept, merging nothing (loading a text term base).

        A uid already taken gets a suffix (``-2``, ``-3``...), so ids stay
        unique and still deterministic; repeated sources and flag codes are
        stored once.  Returns the row id.
        """
        with self.transaction():
            uid = concept.ensure_uid()
            clash = self.conn.execute("SELECT 1 FROM concept WHERE uid = ?", (uid,)).fetchone()
            if clash:
                # A derived uid can collide with a concept that has since changed.
                n = 2
                while self.conn.execute(
                    "SELECT 1 FROM concept WHERE uid = ?", (f"{uid}-{n}",)
                ).fetchone():
                    n += 1
                uid = concept.uid = f"{uid}-{n}"
            cur = self.conn.execute(
                "INSERT INTO concept (uid, type, subject, note, confidence, evidence)"
                " VALUES (?,?,?,?,?,?)",
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
            self._insert_contents(cid, concept)
            return cid

    def _insert_contents(self, cid: int, concept: Concept) -> None:
        for seq, term in enumerate(concept.terms):
            self._insert_term(cid, term, seq)
        for source in concept.sources:
            self._insert_source(cid, None, source)

    def _write_merge(self, cid: int, stored: Concept, tids: list[int], merged: Concept) -> None:
        """Write what ``merged`` adds to ``stored`` (row ``cid``, terms ``tids``).

        :func:`~glossary.store.merge.merge_concepts` only appends and fills
        in, never removes or reorders, so the new items are the tails of
        each list: a concept met a thousand times costs a thousand small
        writes, not a thousand rewrites.
        """
        fields = ("subject", "note", "confidence", "evidence")
        if any(getattr(merged, f) != getattr(stored, f) for f in fields):
            self.conn.execute(
                "UPDATE concept SET subject=?, note=?, confidence=?, evidence=? WHERE id=?",
                (
                    merged.subject,
                    merged.note,
                    merged.confidence,
                    json.dumps(merged.evidence, ensure_ascii=False),
                    cid,
                ),
            )
        for old, new, tid in zip(stored.terms, merged.terms, tids, strict=False):
            for flag in new.flags[len(old.flags) :]:
                self.conn.execute(
                    "INSERT OR IGNORE INTO flag (term_id, code, detail) VALUES (?,?,?)",
                    (tid, flag.code, flag.detail),
                )
            for source in new.sources[len(old.sources) :]:
                self._insert_source(cid, tid, source)
            filled = ("pinyin", "romanization", "pos", "note", "status")
            if any(getattr(new, f) != getattr(old, f) for f in filled):
                self.conn.execute(
                    "UPDATE term SET pinyin=?, romanization=?, pos=?, note=?, status=? WHERE id=?",
                    (new.pinyin, new.romanization, new.pos, new.note, new.status, tid),
                )
        if len(merged.terms) > len(stored.terms):
            next_seq = self.conn.execute(
                "SELECT IFNULL(MAX(seq), -1) + 1 FROM term WHERE concept_id = ?", (cid,)
            ).fetchone()[0]
            for seq, term in enumerate(merged.terms[len(stored.terms) :], start=next_seq):
                self._insert_term(cid, term, seq)
        for source in merged.sources[len(stored.sources) :]:
            self._insert_source(cid, None, source)

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

    def _insert_source(self, cid: int, tid: int | None, source: Source) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO source (concept_id, term_id, file, line, context, parent)"
            " VALUES (?,?,?,?,?,?)",
            (cid, tid, source.file, source.line, source.context, source.parent),
        )

    # -- bulk import ------------------------------------------------------------

    @staticmethod
    def prepare_import(concepts: Iterable[Concept]) -> Iterator[tuple]:
        """``concepts`` as :meth:`add_all` also takes them, sent by the process reading a file (:func:`concept_record`)."""
        return map(concept_record, concepts)

    def add_all(
        self,
        concepts: Iterable[Concept | tuple],
        on_conflict: str = "merge",
        *,
        statuses: list[StatusChange] | None = None,
    ) -> dict[str, int]:
        """Add every concept of one imported file, as :meth:`add` would one by one; counts by outcome.

        The file's own concepts are kept apart from each other (``keep_apart``
        of :meth:`add`), but merge with what the term base had.  They are
        written in batches (``executemany``, row ids counted here as SQLite
        would give them): only a concept that may merge (its id is taken, or
        the term base has one of its terms in a concept of its type, asked
        for once per batch) goes through :meth:`add`, which decides as it
        always did.  Into an empty term base the indexes no insert needs are
        dropped first and made again at the end, from a sort rather than a
        million random inserts.  The same rows, ids and schema as one
        :meth:`add` per concept, memory that does not grow with the file
        (but for the ids added, which a file's later concepts are kept apart
        from), all in one transaction.  ``concepts`` may come as their
        records (:meth:`prepare_import`, in the process that read them).
        """
        check_on_conflict(on_conflict)
        counts: dict[str, int] = {}
        with self.transaction(), collector_paused():  # a million small objects and no cycle among them
            into_existing = self.conn.execute("SELECT 1 FROM concept LIMIT 1").fetchone() is not None
            _BulkWriter(self, on_conflict, statuses, counts, into_existing=into_existing).write(concepts)
        return counts

    def set_flags(self, uid: str, lang: str, text: str, flags: list[Flag]) -> None:
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

    def clear(self) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM concept")

    def delete(self, uid: str) -> bool:
        with self.transaction():
            cur = self.conn.execute("DELETE FROM concept WHERE uid = ?", (uid,))
            return cur.rowcount > 0

    def put(self, concept: Concept) -> None:
        with self.transaction():
            self.conn.execute("DELETE FROM concept WHERE uid = ?", (concept.ensure_uid(),))
            self.insert(concept)

    # -- history -------------------------------------------------------------------

    def record(self, change: Change) -> None:
        with self.transaction():
            self.migrate_history()
            self.conn.execute(
                "INSERT INTO history (id, action, uid, other, who, at, reason, before, after)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    change.seq,
                    change.action,
                    change.uid,
                    change.other,
                    change.who,
                    change.when,
                    change.reason,
                    None if change.before is None else json.dumps(change.before, ensure_ascii=False, sort_keys=True),
                    None if change.after is None else json.dumps(change.after, ensure_ascii=False, sort_keys=True),
                ),
            )

    def history(self, uid: str | None = None) -> list[Change]:
        if not self._has_table("history"):
            return []
        sql = "SELECT id, action, uid, other, who, at, reason, before, after FROM history"
        params: tuple[str, ...] = ()
        if uid is not None:
            sql += " WHERE uid = ? OR other = ?"
            params = (uid, uid)
        return [
            Change(
                action=action,
                uid=cuid,
                who=who,
                when=at,
                before=None if before is None else json.loads(before),
                after=None if after is None else json.loads(after),
                reason=reason,
                other=other,
                seq=seq,
            )
            for seq, action, cuid, other, who, at, reason, before, after in self.conn.execute(
                sql + " ORDER BY id", params
            )
        ]

    def migrate_history(self) -> None:
        """Add the history table to a term base that has none (made before it existed, or never edited)."""
        if not self._has_table("history"):
            for statement in _HISTORY:
                self.conn.execute(statement)

    def _has_table(self, name: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        return row.fetchone() is not None

    # -- derived data ------------------------------------------------------------

    def get_derived(self, key: str) -> bytes | None:
        check_derived_key(key)
        if not self._has_derived_table():
            return None
        row = self.conn.execute("SELECT data FROM derived WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def set_derived(self, key: str, data: bytes) -> None:
        check_derived_key(key)
        with self.transaction():
            if not self._has_derived_table():
                for statement in _DERIVED:
                    self.conn.execute(statement)
            self.conn.execute(
                "INSERT OR REPLACE INTO derived (key, data) VALUES (?, ?)", (key, bytes(data))
            )

    def derived_items(self) -> list[tuple[str, bytes]]:
        """Every derived value, by key (for the text backend, which keeps them beside its file)."""
        if not self._has_derived_table():
            return []
        rows = self.conn.execute("SELECT key, data FROM derived ORDER BY key")
        return [(key, bytes(data)) for key, data in rows]

    def _has_derived_table(self) -> bool:
        return (
            self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'derived'"
            ).fetchone()
            is not None
        )

    # -- the stored matching index's tables (glossary.match.save_index) ------------

    def write_match_tables(self, fill: Callable[[sqlite3.Connection], bytes]) -> bytes:
        """Replace the matching index's key table and head table (rows as :data:`_MATCH_TABLES` says).

        ``fill`` writes their rows on this base's connection, in this
        transaction, and returns what it wrote (:func:`glossary.match.save_index`):
        SQL from its own temporary tables, so a million rows are sorted and
        grouped by SQLite and never pass through Python one by one.

        Tables, not one derived blob, so a reader probes the keys a text can
        hold instead of loading a million of them.  Derived data: they are
        trusted only while the index's marker in ``derived`` is there, which
        any change to the concepts drops (the derived triggers), so stale
        tables are never read; the next :func:`glossary.match.save_index`
        replaces them.
        """
        with self.transaction():
            for statement in _MATCH_TABLES:
                self.conn.execute(statement)
            self.conn.execute("DELETE FROM match_key")
            self.conn.execute("DELETE FROM match_head")
            return fill(self.conn)

    def has_match_tables(self) -> bool:
        return self._has_table("match_key") and self._has_table("match_head")

    def probe_match_keys(self, buckets: tuple[int, ...], keys: list[str]) -> list[tuple[int, str, int, int, str]]:
        """The rows ``(bucket, key, seq, plain, refs)`` of ``keys`` in ``buckets``: one query per 900 keys."""
        found: list[tuple[int, str, int, int, str]] = []
        where = f"b IN ({','.join(map(str, buckets))})"
        for start in range(0, len(keys), 900):
            part = keys[start : start + 900]
            found.extend(self.conn.execute(
                f"SELECT b, key, seq, plain, refs FROM match_key WHERE {where} AND key IN ({','.join('?' * len(part))})",
                part,
            ))
        return found

    def probe_match_heads(self, buckets: tuple[int, ...], heads: list[str]) -> dict[str, int]:
        """Head -> the longest reach any of ``buckets`` stores for it (see :class:`glossary.match._StoredMatcher`)."""
        found: dict[str, int] = {}
        where = f"b IN ({','.join(map(str, buckets))})"
        for start in range(0, len(heads), 900):
            part = heads[start : start + 900]
            for head, reach in self.conn.execute(
                f"SELECT head, max(reach) FROM match_head WHERE {where} AND head IN ({','.join('?' * len(part))})"
                " GROUP BY head",
                part,
            ):
                found[head] = reach
        return found

    def match_heads(self) -> dict[int, dict[str, int]]:
        """The whole head table, bucket -> head -> reach (one query; a lint of many texts loads it)."""
        table: dict[int, dict[str, int]] = {}
        for bucket, head, reach in self._rows("SELECT b, head, reach FROM match_head", ()):
            table.setdefault(bucket, {})[head] = reach
        return table

    def iter_all_match_keys(self) -> Iterator[tuple[int, str, int, int, str]]:
        """Every row ``(bucket, key, seq, plain, refs)`` of the key table (a long lint of a small index reads it whole)."""
        return self._rows("SELECT b, key, seq, plain, refs FROM match_key", ())  # type: ignore[arg-type]

    def iter_match_keys(self, bucket: int) -> Iterator[tuple[str, int, int, str]]:
        """Every ``(key, seq, plain, refs)`` of one bucket, in the order it was written (``seq``)."""
        return self._rows("SELECT key, seq, plain, refs FROM match_key WHERE b = ? ORDER BY seq", (bucket,))  # type: ignore[arg-type]

    # -- search indexes ----------------------------------------------------------

    def index_for_search(self) -> None:
        """Add the search indexes (language, trigrams), after the writes of an import or build.

        The trigram index serves :meth:`search`'s substring rank from three
        characters on; it is made whole here (faster than keeping it up to
        date row by row during a large import) and used only while current.
        The one an older glossary made (another layout) is dropped first.
        """
        with self.transaction():
            for statement in _SEARCH_INDEXES:
                self.conn.execute(statement)
            if not _has_fts5(self.conn):
                return
            self.conn.execute("DROP TABLE IF EXISTS term_trigram")
            self.conn.execute(_TRIGRAMS)
            self.conn.execute(_TRIGRAMS_FILL)
            if self._has_derived_table():  # the marker of the layout dropped
                self.conn.execute("DELETE FROM derived WHERE key LIKE 'search-trigrams-%'")
            self.set_derived(_TRIGRAMS_CURRENT, b"1")

    def _trigrams_current(self) -> bool:
        try:
            row = self.conn.execute("SELECT 1 FROM derived WHERE key = ?", (_TRIGRAMS_CURRENT,)).fetchone()
        except sqlite3.OperationalError:
            return False  # no derived table: nothing was ever indexed
        return row is not None

    # -- reading ---------------------------------------------------------------

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM concept").fetchone()[0]

    def counts_by_type(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT type, count(*) FROM concept GROUP BY type ORDER BY type")
        return dict(rows.fetchall())

    def get(self, uid: str) -> Concept | None:
        row = self.conn.execute(
            f"SELECT {_CONCEPT_COLUMNS} FROM concept WHERE uid = ?", (uid,)
        ).fetchone()
        return self._load(row) if row else None

    def iter_concepts(self, types: Iterable[str] | None = None) -> Iterator[Concept]:
        """Stream every concept in uid order: deterministic, one batch in memory at a time.

        Concepts are read in batches of :data:`BATCH` with one query each for
        their terms, flags and sources, not three per concept: loading a
        10,000-concept term base for ``check`` takes 4 queries a batch.
        """
        sql = f"SELECT {_CONCEPT_COLUMNS} FROM concept"
        params: tuple[str, ...] = ()
        if types is not None:
            wanted = tuple(types)
            sql += f" WHERE type IN ({','.join('?' * len(wanted))})"
            params = wanted
        sql += " ORDER BY uid"
        cursor = self.conn.execute(sql, params)
        while True:
            batch = cursor.fetchmany(BATCH)
            if not batch:
                return
            yield from self._load_batch(batch)

    def get_many(self, uids: list[str]) -> dict[str, Concept]:
        """The concepts of ``uids`` (those there are), read in batches: four queries per batch, not per concept."""
        found: dict[str, Concept] = {}
        for start in range(0, len(uids), BATCH):
            part = uids[start : start + BATCH]
            rows = self.conn.execute(
                f"SELECT {_CONCEPT_COLUMNS} FROM concept WHERE uid IN ({','.join('?' * len(part))})", part
            ).fetchall()
            if rows:
                for concept in self._load_batch(rows):
                    found[concept.uid or ""] = concept
        return found

    def iter_outlines(self) -> Iterator[tuple[str, str, list[tuple[str, str, str, str]]]]:
        """Every concept in uid order with only what matching needs: ``(uid, type, terms)``, each
        term ``(lang, text, status, term type)``, in the terms' stored order.

        One query for the whole term base, not four per batch, and tuples,
        not objects: what the stored matching index is written from
        (:func:`glossary.match.save_index`).
        """
        cursor = self.conn.execute(
            "SELECT c.uid, c.type, t.lang, t.text, t.status, t.term_type FROM concept c"
            " LEFT JOIN term t ON t.concept_id = c.id ORDER BY c.uid, t.seq, t.id"
        )
        uid: str | None = None
        ctype = ""
        terms: list[tuple[str, str, str, str]] = []
        while True:
            batch = cursor.fetchmany(BATCH * 4)
            if not batch:
                break
            for row in batch:
                if row[0] != uid:
                    if uid is not None:
                        yield uid, ctype, terms
                    uid, ctype, terms = row[0], row[1], []
                if row[2] is not None:
                    terms.append(row[2:])
        if uid is not None:
            yield uid, ctype, terms

    def _load_batch(
        self, rows: list[tuple], term_ids: list[int] | None = None, *, sources: bool = True
    ) -> list[Concept]:
        """The concepts of ``concept`` rows in four queries (terms, flags, sources), not four each.

        The terms' row ids go to ``term_ids`` when given, in the concepts' order.
        """
        by_id: dict[int, tuple[Concept, dict[int, Term]]] = {}
        concepts = []
        for cid, uid, ctype, subject, note, confidence, evidence in rows:
            concept = Concept(
                type=ctype,
                uid=uid,
                subject=subject,
                note=note,
                confidence=confidence,
                evidence=json.loads(evidence),
            )
            by_id[cid] = (concept, {})
            concepts.append(concept)
        ids = tuple(by_id)
        marks = ",".join("?" * len(ids))
        term_owner: dict[int, int] = {}
        for cid, tid, lang, text, status, term_type, pos, pinyin, roman, tnote in self.conn.execute(
            "SELECT concept_id, id, lang, text, status, term_type, pos, pinyin, romanization, note"
            f" FROM term WHERE concept_id IN ({marks}) ORDER BY concept_id, seq, id",
            ids,
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
            concept, terms = by_id[cid]
            terms[tid] = term
            concept.terms.append(term)
            term_owner[tid] = cid
            if term_ids is not None:
                term_ids.append(tid)
        for tid, code, detail in self.conn.execute(
            "SELECT flag.term_id, flag.code, flag.detail FROM flag JOIN term ON term.id = flag.term_id"
            f" WHERE term.concept_id IN ({marks}) ORDER BY flag.id",
            ids,
        ):
            by_id[term_owner[tid]][1][tid].flags.append(Flag(code, detail))
        if not sources:
            return concepts
        grouped: dict[int, list[tuple]] = {}
        for cid, *source in self.conn.execute(
            "SELECT concept_id, term_id, file, line, context, parent FROM source"
            f" WHERE concept_id IN ({marks}) ORDER BY id",
            ids,
        ):
            grouped.setdefault(cid, []).append(tuple(source))
        for cid, source_rows in grouped.items():
            concept, terms = by_id[cid]
            _attach_sources(concept, terms, source_rows)
        return concepts

    def _rows(self, sql: str, params: tuple[str, ...]) -> Iterator[tuple]:
        """Rows in batches: memory stays flat on huge term bases."""
        cursor = self.conn.execute(sql, params)
        while True:
            batch = cursor.fetchmany(500)
            if not batch:
                return
            yield from batch

    def _load_id(
        self, cid: int, term_ids: list[int] | None = None, *, sources: bool = True
    ) -> Concept:
        row = self.conn.execute(
            f"SELECT {_CONCEPT_COLUMNS} FROM concept WHERE id = ?", (cid,)
        ).fetchone()
        return self._load(row, term_ids, sources=sources)

    def _load(self, row: tuple, term_ids: list[int] | None = None, *, sources: bool = True) -> Concept:
        """The concept of a ``concept`` row.

        Its terms' row ids go to ``term_ids`` when given; ``sources=False``
        leaves the sources out (the merge policy does not need them to match).
        """
        return self._load_batch([row], term_ids, sources=sources)[0]

    def search(self, query: str, limit: int = 20) -> list[Concept]:
        """Concepts whose terms match ``query``, ranked as :meth:`TermBase.search` says.

        Every rank but the substring one is answered from the ``term_norm``
        and ``term_pinyin_key`` indexes (equality, ``IN`` and ranges, never
        ``LIKE``, which SQLite cannot serve from a case-sensitive index);
        the substring scan runs only when the better ranks left room.
        """
        q = query.strip()
        if not q:
            return []
        has_han = is_han(q)
        norm = normalize_text(q, "zh-Hans" if has_han else "en")
        forms = [norm]
        if has_han and _may_be_traditional(norm):
            forms = list(dict.fromkeys([norm, fold(norm)]))
        scored: dict[int, int] = {}

        def found(cid: int, rank: int) -> None:
            if cid not in scored or scored[cid] > rank:
                scored[cid] = rank

        marks = ",".join("?" * len(forms))
        for (cid,) in self.conn.execute(f"SELECT concept_id FROM term WHERE norm IN ({marks})", forms):
            found(cid, _EXACT)
        self._search_keys(norm, found)
        for form in forms:
            self._search_prefix(form, found, limit)
        if not has_han:
            self._search_pinyin(q, found, limit)
        else:
            self._search_traditional(forms, found)
        if len(scored) < limit:
            for form in forms:
                self._search_substring(form, found)
        if not scored and not has_han:
            wanted = acronyms(norm)
            if wanted:
                marks = ",".join("?" * len(wanted))
                for cid, text in self.conn.execute(
                    f"SELECT concept_id, text FROM term WHERE norm IN ({marks})", wanted
                ):
                    if text.isupper():
                        found(cid, _ACRONYM)
        ranked = sorted(scored.items(), key=lambda item: (item[1], item[0]))[:limit]
        return [self._load_id(cid) for cid, _rank in ranked]

    def _search_prefix(self, form: str, found: Callable[[int, int], None], enough: int) -> None:
        """Terms starting with ``form``; a Latin form of two letters only where a word ends after them.

        Within a rank the lower concept id comes first, and every concept of
        the range ranks here or better, so only the ``enough`` (the limit)
        lowest ids of the range can be shown; SQLite reads the index range
        and keeps those, not Python, so a short prefix of a million terms
        costs little more than a long one.  When the range holds that many,
        the search is full either way (the substring rank is not tried).
        """
        if not _long_enough(form):
            return
        if len(form) >= 3 or is_han(form):
            upper = _after(form)
            if upper is None:
                sql, params = "norm >= ?", (form,)
            else:
                sql, params = "norm >= ? AND norm < ?", (form, upper)
            for (cid,) in self.conn.execute(
                f"SELECT DISTINCT concept_id FROM term WHERE {sql} ORDER BY concept_id LIMIT ?", (*params, enough)
            ):
                found(cid, _PREFIX)
            return
        if not form[-1].isalnum():
            rows: Iterable[tuple[int, str]] = self._norm_range(form)
        else:  # the two letters alone, or followed by what ends a word
            ranges = _word_end_ranges(form)
            where = " OR ".join("(norm >= ? AND norm < ?)" for _ in ranges)
            params = (form, *(bound for pair in ranges for bound in pair))
            rows = self.conn.execute(f"SELECT concept_id, norm FROM term WHERE norm = ? OR {where}", params)
        for cid, stored in rows:
            if word_end(stored, len(form)):
                found(cid, _PREFIX)

    def _norm_range(self, prefix: str) -> Iterator[tuple[int, str]]:
        """``(concept_id, norm)`` of the terms whose norm starts with ``prefix``, from the index."""
        upper = _after(prefix)
        if upper is None:
            sql, params = "SELECT concept_id, norm FROM term WHERE norm >= ?", (prefix,)
        else:
            sql, params = "SELECT concept_id, norm FROM term WHERE norm >= ? AND norm < ?", (prefix, upper)
        for cid, stored in self.conn.execute(sql, params):
            if stored.startswith(prefix):
                yield cid, stored

    def _search_keys(self, norm: str, found: Callable[[int, int], None]) -> None:
        """The same words spelled otherwise (:func:`search_key`), and names in Western order."""
        key = search_key(norm)
        if len(key) >= 2:
            # A stored term with this key starts with the key's first two letters,
            # maybe with a separator between them.  Its first word is one whose key
            # begins the query's key (:func:`_first_words`), so the index is asked
            # for that word alone or followed by a separator: a few short ranges,
            # not every term that starts with the same two letters.
            seen: set[int] = set()
            for cid, stored in self._key_candidates(key):
                if cid not in seen and search_key(stored) == key:
                    seen.add(cid)
                    found(cid, _VARIANT)
        turned = western_orders(norm)
        if turned:
            marks = ",".join("?" * len(turned))
            for (cid,) in self.conn.execute(f"SELECT concept_id FROM term WHERE norm IN ({marks})", turned):
                found(cid, _VARIANT)
            keys = [k for k in (query_pinyin_key(t) for t in turned) if k]
            if keys:
                marks = ",".join("?" * len(keys))
                sql = f"SELECT concept_id FROM term WHERE pinyin_key IN ({marks})"
                for (cid,) in self.conn.execute(sql, keys):
                    found(cid, _VARIANT)

    def _key_candidates(self, key: str) -> Iterator[tuple[int, str]]:
        """``(concept_id, norm)`` of the terms that may have search key ``key`` (of two characters or more).

        They are the terms starting with ``key[0]``, a separator and ``key[1]``,
        and the terms whose first word (two characters or more) is one of
        :func:`_first_words`, alone or followed by a character that ends a word.
        Every term of that key that starts with its first two letters (maybe
        with a separator between) is among them; the caller checks the key.
        """
        for sep in _SEPARATORS[1:]:
            yield from self._norm_range(key[0] + sep + key[1])
        words = [w for w in _first_words(key) if w[:2] == key[:2]]
        if not words:
            return
        marks = ",".join("?" * len(words))
        yield from self.conn.execute(f"SELECT concept_id, norm FROM term WHERE norm IN ({marks})", words)
        for at in range(0, len(words), 20):  # an OR of 100 ranges at most: SQLite limits an expression's depth
            some = words[at : at + 20]
            ranges = [pair for word in some for pair in _word_end_ranges(word)]
            where = " OR ".join("(norm >= ? AND norm < ?)" for _ in ranges)
            params = [bound for pair in ranges for bound in pair]
            for cid, stored in self.conn.execute(f"SELECT concept_id, norm FROM term WHERE {where}", params):
                if any(len(stored) > len(w) and stored.startswith(w) and not stored[len(w)].isalnum() for w in some):
                    yield cid, stored

    def _search_pinyin(self, q: str, found: Callable[[int, int], None], enough: int = 0) -> None:
        """Pinyin typed with or without tones: the whole key, or a prefix ending at a syllable.

        The prefixes are read in concept order and the reading stops at
        ``enough`` concepts (0: never), the limit: as in :meth:`_search_prefix`,
        no later one could be shown.
        """
        key = query_pinyin_key(q)
        if not key:
            return
        # ü is often typed u (Lu for 吕, nu for 女): try the ü readings too.
        variants = list(dict.fromkeys([key, key.replace("lu", "lv"), key.replace("nu", "nv")]))
        marks = ",".join("?" * len(variants))
        for (cid,) in self.conn.execute(f"SELECT concept_id FROM term WHERE pinyin_key IN ({marks})", variants):
            found(cid, _PINYIN)
        for variant in variants:
            upper = _after(variant)
            assert upper is not None  # ASCII letters
            taken: set[int] = set()
            for cid, stored, pinyin, roman in self.conn.execute(
                "SELECT concept_id, pinyin_key, pinyin, romanization FROM term"
                " WHERE pinyin_key >= ? AND pinyin_key < ? ORDER BY concept_id",
                (variant, upper),
            ):
                if enough and len(taken) >= enough and cid not in taken:
                    break
                if len(variant) in _syllable_ends(roman or pinyin or "", stored):
                    found(cid, _PINYIN_PREFIX)
                    taken.add(cid)

    def _search_traditional(self, forms: list[str], found: Callable[[int, int], None]) -> None:
        """Terms stored in Traditional characters, folded, for a query in either script."""
        # Two queries, each served by a language index when there is one (see index_for_search).
        rows = self.conn.execute("SELECT concept_id, norm FROM term WHERE lang LIKE 'zh-Hant%'").fetchall()
        rows += self.conn.execute(
            "SELECT concept_id, norm FROM term WHERE lang IN ('zh-TW', 'zh-HK', 'zh-MO')"
            " AND NOT lang LIKE 'zh-Hant%'"
        ).fetchall()
        if not rows:
            return
        folded = {fold(form) for form in forms}
        for cid, stored in rows:
            text = fold(stored)
            for form in folded:
                if text == form:
                    found(cid, _EXACT)
                elif _long_enough(form) and text.startswith(form):
                    found(cid, _PREFIX)
                elif len(form) >= 2 and form in text:
                    found(cid, _SUBSTRING)

    def _search_substring(self, form: str, found: Callable[[int, int], None]) -> None:
        """Terms holding ``form`` from the start of a word.

        Served by the trigram index when it is current (:meth:`index_for_search`),
        a scan otherwise.  From three characters, a few trigrams of ``form``
        spread over it find the candidates (folding case as Unicode does, so
        maybe more; asking for every trigram of a long phrase costs ten times
        as much), and the same LIKE as the scan keeps the same rows.  Two
        characters are no trigram: :meth:`_bigram_rows` finds them.
        """
        if not _long_enough(form):
            return
        like = form.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows: Iterable[tuple[int, str]] | None = None
        if like == form and self._trigrams_current():
            if len(form) >= 3:
                rows = self.conn.execute(
                    "SELECT t.concept_id, t.norm FROM term_trigram g JOIN term t ON t.id = g.rowid"
                    " WHERE term_trigram MATCH ? AND t.norm LIKE ? ESCAPE '\\'",
                    (_trigram_query(form), "%" + like + "%"),
                )
            else:
                rows = self._bigram_rows(form)
        if rows is None:
            rows = self.conn.execute(
                "SELECT concept_id, norm FROM term WHERE norm LIKE ? ESCAPE '\\'", ("%" + like + "%",)
            )
        for cid, stored in rows:
            folded = stored.casefold() if form.isascii() else stored
            start = folded.find(form)
            while start >= 0:
                end = start + len(form)
                if is_han(form) or (word_start(folded, start) and (len(form) >= 3 or word_end(folded, end))):
                    found(cid, _SUBSTRING)
                    break
                start = folded.find(form, start + 1)

    def _bigram_rows(self, form: str) -> list[tuple[int, str]] | None:
        """``(concept_id, norm)`` of the terms holding two-character ``form`` past their start; None: no index serves it.

        Where another character follows, the terms have a trigram starting
        with ``form`` (read from the trigram index's vocabulary; for a Latin
        form, only those whose third character ends the word); at their end,
        the ``term_norm_tail`` index of their last characters finds them.
        A term starting with ``form`` was found as a prefix already.
        """
        if not self._has_index("term_norm_tail"):
            return None
        self.conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.term_trigram_instance"
            " USING fts5vocab(main, term_trigram, 'instance')"
        )
        upper = _after(form)
        if is_han(form) or not form[-1].isalnum() or upper is None:
            ranges = [(form, upper or form + "\U0010ffff")]
        else:
            ranges = _word_end_ranges(form)
        docs = " UNION ".join("SELECT doc FROM temp.term_trigram_instance WHERE term >= ? AND term < ?" for _ in ranges)
        params = [bound for pair in ranges for bound in pair]
        tail, tail_params = _ends_with("norm", form)
        return self.conn.execute(
            f"SELECT concept_id, norm FROM term WHERE id IN ({docs} UNION SELECT id FROM term WHERE {tail})",
            (*params, *tail_params),
        ).fetchall()

    def _has_index(self, name: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", (name,))
        return row.fetchone() is not None

    def suggest(self, query: str, limit: int = 5) -> list[Suggestion]:
        """Near misses, read from the terms' columns (no concept is loaded but the ones suggested).

        With the search indexes (:meth:`index_for_search`), only the terms
        found from the query's anchors (:meth:`_near_anchors`) are keyed, a
        few hundred at most each, rather than every term of the right length
        and first or last letter: a bounded cost on a million terms.
        """
        if not query.strip():
            return []
        near = suggestion_filter(query)
        texts, pinyins = near.text_lengths[0] <= near.text_lengths[1], near.pinyin_lengths[0] <= near.pinyin_lengths[1]
        if not texts and not pinyins:
            return []  # too short to be a near miss of anything: nothing would be compared
        # SQLite drops the terms that cannot be near, so Python keys only the plausible ones.
        first, last = ",".join("?" * len(near.text_first)), ",".join("?" * len(near.text_last))
        text_where = (
            "length(text) BETWEEN ? AND ?"
            f" AND (lower(substr(text, 1, 1)) IN ({first}) OR lower(substr(text, -1, 1)) IN ({last}))"
        )
        text_params = (*near.text_lengths, *near.text_first, *near.text_last)
        pinyin_where = (
            "length(pinyin_key) BETWEEN ? AND ? AND (substr(pinyin_key, 1, 1) = ? OR substr(pinyin_key, -1, 1) = ?)"
        )
        pinyin_params = (*near.pinyin_lengths, *near.pinyin_first, *near.pinyin_last)
        anchors = self._near_anchors(query, texts, pinyins)
        rows: Iterable[tuple]
        if anchors is None:
            rows = self.conn.execute(
                "SELECT concept_id, text, lang, pinyin_key FROM term"
                f" WHERE ({text_where}) OR ({pinyin_where})",
                (*text_params, *pinyin_params),
            )
        else:
            by_id: dict[int, tuple] = {}
            for kind, where, params in anchors:
                more, more_params = (text_where, text_params) if kind == "text" else (pinyin_where, pinyin_params)
                for tid, *row in self.conn.execute(
                    f"SELECT id, concept_id, text, lang, pinyin_key FROM term WHERE {where} AND {more} LIMIT ?",
                    (*params, *more_params, _NEAR_ROWS),
                ):
                    by_id[tid] = tuple(row)
            rows = [by_id[tid] for tid in sorted(by_id)]  # the scan's order: ties go as they went
        ranked = rank_suggestions(query, rows, limit)
        return [Suggestion(self._load_id(int(cid)), text, lang, distance) for cid, text, lang, distance in ranked]

    def _near_anchors(self, query: str, texts: bool, pinyins: bool) -> list[tuple[str, str, tuple]] | None:
        """Index searches for the terms worth comparing as near misses of ``query``: ``(kind, where, params)``.

        A near miss is within a few edits (:func:`allowed_edits`), so it
        mostly keeps some stretch of the query as typed: its first three
        letters (maybe with a space, hyphen, apostrophe or slash between them), its last three,
        or, for a query allowed two edits or three, one of the stretches
        between.  Chinese keeps its first or last character; pinyin its first
        three letters or last three (four for a long key).  Each is one index
        search (``term_norm``, ``term_norm_tail``, the trigrams,
        ``term_pinyin_key``, ``term_pinyin_tail``) of :data:`_NEAR_ROWS` rows
        at most.  A near miss changed at both ends and in every stretch
        between is not suggested.  None when the indexes are not there (then
        every term of the right length and first or last letter is compared).
        """
        if not (self._trigrams_current() and self._has_index("term_norm_tail") and self._has_index("term_pinyin_tail")):
            return None
        q = query.strip()
        han = is_han(q)
        norm = normalize_text(q, "zh-Hans" if han else "en")
        anchors: list[tuple[str, str, tuple]] = []

        def starts(kind: str, column: str, heads: Iterable[str]) -> None:
            for head in dict.fromkeys(heads):
                upper = _after(head)
                if head and upper is not None:
                    anchors.append((kind, f"{column} >= ? AND {column} < ?", (head, upper)))

        def ends(kind: str, column: str, tails: Iterable[str]) -> None:
            for tail in dict.fromkeys(tails):
                if tail:
                    where, params = _ends_with(column, tail[-4:])
                    if len(tail) > 4:  # the index holds four: LIKE checks the rest
                        like = tail.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                        where, params = f"{where} AND {column} LIKE ? ESCAPE '\\'", (*params, "%" + like)
                    anchors.append((kind, f"{column} IS NOT NULL AND {where}", params))

        if texts and norm:
            if han:
                starts("text", "norm", [norm[:1]])
                ends("text", "norm", [norm[-1:]])
            else:
                key = search_key(norm)
                edits = allowed_edits(key)
                size = _anchor_size(key)
                heads = [norm[:size], key[:size]]
                if len(key) >= 3:
                    heads += [key[0] + sep + key[1:size] for sep in _NEAR_SEPARATORS]
                    heads += [key[:2] + sep + key[2:size] for sep in _NEAR_SEPARATORS]
                starts("text", "norm", heads)
                ends("text", "norm", [norm[-size:], key[-size:]])
                middle = norm[size:-size]
                if edits >= 2 and len(middle) >= 3:
                    pieces = min(edits - 1, len(middle) // 3)
                    cuts = [round(i * len(middle) / pieces) for i in range(pieces + 1)]
                    for a, b in zip(cuts, cuts[1:], strict=False):
                        stretch = middle[a:b]
                        like = stretch.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                        anchors.append((
                            "text",
                            "id IN (SELECT rowid FROM term_trigram WHERE term_trigram MATCH ?) AND norm LIKE ? ESCAPE '\\'",
                            (_trigram_query(stretch), "%" + like + "%"),
                        ))
        if pinyins:
            key = query_pinyin_key(q) or ""
            size = _anchor_size(key)
            starts("pinyin", "pinyin_key", [key[:size]])
            ends("pinyin", "pinyin_key", [key[-size:]])
        return anchors


#: Ranks of :meth:`SQLiteTermBase.search`, best first.
_EXACT, _VARIANT, _PREFIX, _PINYIN, _PINYIN_PREFIX, _SUBSTRING, _ACRONYM = range(7)

#: What may stand between two letters of a term that a query types without it.
_SEPARATORS = ("", " ", "-", "/", ".", "'", "&", "_")


#: Concepts a bulk import (:meth:`SQLiteTermBase.add_all`) writes per ``executemany``.
_BULK_BATCH = 2000
#: What the schema's CHECK constraints allow (tested by :meth:`_BulkWriter.flush` for a batch).
_CONCEPT_TYPE_SET, _STATUS_SET, _TERM_TYPE_SET = frozenset(CONCEPT_TYPES), frozenset(STATUSES), frozenset(TERM_TYPES)
#: The page cache of a bulk import, in KiB (SQLite's default is 2 MB): bounded, so memory stays flat.
_BULK_CACHE_KIB = 65536


def concept_record(concept: Concept) -> tuple:
    """``concept`` as plain tuples (:func:`prepare_rows` reads them): what crosses between two processes.

    The process that reads a file (:func:`glossary.formats.importing.read_ahead`)
    sends these, not the model objects: pickle packs and unpacks tuples of
    strings in C, where a dataclass is taken apart and rebuilt field by field.
    (type, uid, subject, note, confidence, evidence, sources, terms); a term:
    (lang, text, status, term_type, pos, pinyin, romanization, note, flags, sources);
    a flag (code, detail), a source (file, line, context, parent).
    """
    return (
        concept.type, concept.uid, concept.subject, concept.note, concept.confidence, concept.evidence,
        [(s.file, s.line, s.context, s.parent) for s in concept.sources] if concept.sources else (),
        [
            (
                t.lang, t.text, t.status, t.term_type, t.pos, t.pinyin, t.romanization, t.note,
                [(f.code, f.detail) for f in t.flags] if t.flags else (),
                [(s.file, s.line, s.context, s.parent) for s in t.sources] if t.sources else (),
            )
            for t in concept.terms
        ],
    )


def prepare_rows(records: Iterable[tuple], cid: int, tid: int) -> Iterator[tuple]:
    """Each concept (a :func:`concept_record`) as the rows :class:`_BulkWriter` inserts, ids counted on from ``cid``, ``tid``.

    The norms, the derived uid, the pinyin keys and the evidence's JSON, each
    once.  The ids are a guess (the next ones when the window starts); the
    writer renumbers a concept whose guess is wrong (:func:`_renumbered`).
    Each item: (uid, whether the file gave it, the first term id, the concept
    row, term rows, flag rows, source rows), the rows as the tables take them.
    """
    for ctype, given_uid, subject, note, confidence, evidence, sources, terms in records:
        term_rows: list[tuple] = []
        flag_rows: list[tuple] = []
        source_rows: list[tuple] = []
        norms: list[str] = []
        t = tid
        for seq, (lang, text, status, term_type, pos, reading, romanization, term_note, flags, term_sources) in (
            enumerate(terms)
        ):
            norm = normalize_text(text, lang)
            norms.append(norm)
            key = None  # _pinyin_key, inline: a call less per term
            if lang.startswith("zh"):
                key = pinyin_key(romanization or reading or "") or None
            term_rows.append(
                (t, cid, seq, lang, text, norm, status, term_type, pos, reading, romanization, key, term_note)
            )
            if flags:
                flag_rows.extend((t, code, detail) for code, detail in flags)
            if term_sources:
                source_rows.extend((cid, t, *source) for source in term_sources)
            t += 1
        for source in sources:
            source_rows.append((cid, None, *source))
        given = bool(given_uid)
        uid = given_uid if given else derived_uid(ctype, [(term[0], term[2]) for term in terms], norms)
        concept_row = (
            cid, uid, ctype, subject, note, confidence,
            json.dumps(evidence, ensure_ascii=False) if evidence else "[]",
        )
        yield (uid, given, tid, concept_row, term_rows, flag_rows, source_rows)
        cid += 1
        tid = t


def _prepared(items: Iterable[Concept | tuple], cid: int, tid: int) -> Iterator[tuple]:
    """``items`` (concepts, or their records when read ahead) as :func:`prepare_rows` gives them."""
    it = iter(items)
    first = next(it, None)
    if first is None:
        return iter(())
    records = chain((first,), it)
    if first.__class__ is not tuple:
        records = map(concept_record, records)
    return prepare_rows(records, cid, tid)


def _renumbered(item: tuple, uid: str, cid: int, tid: int) -> tuple[tuple, list[tuple], list[tuple], list[tuple]]:
    """The rows of a prepared ``item`` under ``uid`` with the concept id ``cid`` and term ids from ``tid``."""
    _uid, _given, first, concept_row, term_rows, flag_rows, source_rows = item
    shift = tid - first
    if shift or concept_row[0] != cid:
        term_rows = [(row[0] + shift, cid, *row[2:]) for row in term_rows]
        flag_rows = [(row[0] + shift, *row[1:]) for row in flag_rows]
        source_rows = [(cid, None if row[1] is None else row[1] + shift, *row[2:]) for row in source_rows]
    return (cid, uid, *concept_row[2:]), term_rows, flag_rows, source_rows


def _concept_of(item: tuple) -> Concept:
    """The concept a prepared ``item`` was made from, for :meth:`SQLiteTermBase.add` (a derived uid left out: add derives it)."""
    uid, given, _tid, concept_row, term_rows, flag_rows, source_rows = item
    _cid, _uid, ctype, subject, note, confidence, evidence = concept_row
    flags: dict[int, list[Flag]] = {}
    for tid, code, detail in flag_rows:
        flags.setdefault(tid, []).append(Flag(code, detail))
    sources: dict[int | None, list[Source]] = {}
    for _c, tid, file, line, context, parent in source_rows:
        sources.setdefault(tid, []).append(Source(file, line, context, parent))
    terms = [
        Term(
            lang=row[3], text=row[4], status=row[6], term_type=row[7], pos=row[8], pinyin=row[9],
            romanization=row[10], note=row[12], flags=flags.get(row[0], []), sources=sources.get(row[0], []),
        )
        for row in term_rows
    ]
    return Concept(
        type=ctype, terms=terms, uid=uid if given else None, subject=subject, note=note,
        confidence=confidence, evidence=json.loads(evidence), sources=sources.get(None, []),
    )


class _BulkWriter:
    """Writes an imported file's concepts into an empty term base in batches (see ``add_all``).

    Row ids are counted here as SQLite would give them (the largest plus
    one), so the concept's terms can be written in the same batch.  An
    entry whose id an earlier one took goes through :meth:`SQLiteTermBase.add`
    (after the pending rows are written), which merges it as it always did.
    Each concept is turned into its rows once (:func:`prepare_rows`), from
    the record the reading process sent or from the concept itself.
    """

    def __init__(
        self,
        tb: SQLiteTermBase,
        on_conflict: str,
        statuses: list[StatusChange] | None,
        counts: dict[str, int],
        *,
        into_existing: bool = False,
    ) -> None:
        self.tb, self.conn = tb, tb.conn
        self.on_conflict, self.statuses, self.counts = on_conflict, statuses, counts
        #: Whether the term base had concepts: then a file's concept may merge by its terms.
        self.into_existing = into_existing
        #: The uids this import added (kept apart from its later concepts), when ``into_existing``.
        self.added_here: set[str] = set()
        #: (norm, lang, concept type) of the stored terms the window's concepts may merge with,
        #: and (norm, lang) of every term a merge in this window wrote (a later one may merge there).
        self.existing: set[tuple[str, str, str]] = set()
        self.touched: set[tuple[str, str]] = set()
        self.pending: dict[str, int] = {}
        self.concept_rows: list[tuple] = []
        self.term_rows: list[tuple] = []
        self.flag_rows: list[tuple] = []
        self.source_rows: list[tuple] = []
        #: The uids :meth:`_prefetch` asked about, and those of them the term base holds.
        self.scope: set[str] = set()
        self.stored: set[str] = set()
        #: Whether the connection ignores CHECK constraints already (then :meth:`flush` leaves it so).
        self.checks_ignored = bool(self.conn.execute("PRAGMA ignore_check_constraints").fetchone()[0])
        self._next_ids()

    def _next_ids(self) -> None:
        self.next_cid = self.conn.execute("SELECT IFNULL(MAX(id), 0) + 1 FROM concept").fetchone()[0]
        self.next_tid = self.conn.execute("SELECT IFNULL(MAX(id), 0) + 1 FROM term").fetchone()[0]

    def write(self, concepts: Iterable[Concept | tuple]) -> None:
        conn = self.conn
        # Indexes no insert reads (the unique ones decide OR IGNORE and stay): made again at the end.
        dropped = [
            (name, sql)
            for name, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                " AND tbl_name IN ('concept', 'term', 'flag', 'source') ORDER BY rowid"
            ).fetchall()
            if not sql.lstrip().upper().startswith("CREATE UNIQUE")
        ]
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = -{_BULK_CACHE_KIB}")
        if self.into_existing:
            dropped = []  # a concept that may merge is looked for by its terms (term_norm)
        try:
            for name, _sql in dropped:
                conn.execute(f'DROP INDEX "{name}"')
            counts = self.counts
            for window in batches(_prepared(concepts, self.next_cid, self.next_tid), _BULK_BATCH):
                self._prefetch([item[0] for item in window])
                if self.into_existing:
                    self._prefetch_terms(window)
                added = 0
                for item in window:
                    if (item[1] and self._taken(item[0])) or self._may_merge(item):
                        outcome = self._add_one(_concept_of(item))
                        counts[outcome] = counts.get(outcome, 0) + 1
                    else:
                        uid = self._queue(item)
                        added += 1
                        if self.into_existing:
                            self.added_here.add(uid)
                        if len(self.concept_rows) >= _BULK_BATCH:
                            self.flush()
                if added:
                    counts["added"] = counts.get("added", 0) + added
            self.flush()
            for _name, sql in dropped:
                conn.execute(sql)
        finally:
            conn.execute(f"PRAGMA cache_size = {int(cache)}")

    def _add_one(self, concept: Concept) -> str:
        """Write what is pending, then ``concept`` through :meth:`SQLiteTermBase.add` (it may merge)."""
        self.flush()
        keep_apart = self.added_here if self.into_existing else set()
        outcome = self.tb.add(concept, self.on_conflict, keep_apart=keep_apart, statuses=self.statuses)
        self._next_ids()
        if outcome == "added" and concept.uid:
            self.stored.add(concept.uid)  # taken now: a later concept of the window that gives it is no new one
        if outcome == "added" and self.into_existing and concept.uid:
            self.added_here.add(concept.uid)
        if self.into_existing:
            self.touched.update((term.norm, term.lang) for term in concept.terms)
        return outcome

    def _prefetch_terms(self, window: list[tuple]) -> None:
        """Which stored terms the window's concepts may merge with, in one query per 900 norms.

        Stored concepts this import added are left out (the file's concepts
        are kept apart from each other).  A term a merge writes later in the
        window is in :attr:`touched`, so nothing that may merge is missed;
        :meth:`SQLiteTermBase.add` then decides.
        """
        self.existing = set()
        self.touched = set()
        wanted = list({row[5] for item in window for row in item[4]})
        for start in range(0, len(wanted), 900):
            part = wanted[start : start + 900]
            for norm, lang, ctype, uid in self.conn.execute(
                "SELECT t.norm, t.lang, c.type, c.uid FROM term t JOIN concept c ON c.id = t.concept_id"
                f" WHERE t.norm IN ({','.join('?' * len(part))})",
                part,
            ):
                if uid not in self.added_here:
                    self.existing.add((norm, lang, ctype))

    def _may_merge(self, item: tuple) -> bool:
        """Whether the prepared ``item`` may merge with a stored concept (False into an empty term base)."""
        if not self.into_existing:
            return False
        ctype = item[3][2]
        for row in item[4]:
            norm, lang = row[5], row[3]
            if (norm, lang, ctype) in self.existing or (norm, lang) in self.touched:
                return True
        return False

    def _prefetch(self, uids: list[str]) -> None:
        """Ask the term base once which of ``uids`` (the next window's) it holds, not once per concept.

        :meth:`_taken` answers from that for these uids; a uid outside
        them (a ``-2`` suffix being tried) is still asked for on its own.
        """
        self.scope = set(uids)
        self.stored = set()
        wanted = list(self.scope)
        for start in range(0, len(wanted), 900):
            part = wanted[start : start + 900]
            self.stored.update(
                uid for (uid,) in self.conn.execute(
                    f"SELECT uid FROM concept WHERE uid IN ({','.join('?' * len(part))})", part
                )
            )

    def _taken(self, uid: str) -> bool:
        if uid in self.pending:
            return True
        if uid in self.scope:
            return uid in self.stored
        return self.conn.execute("SELECT 1 FROM concept WHERE uid = ?", (uid,)).fetchone() is not None

    def _queue(self, item: tuple) -> str:
        """Queue the rows :meth:`SQLiteTermBase.insert` would write for a prepared ``item``; its uid.

        As prepared, unless its uid is taken (a ``-2`` suffix, as ``insert``
        gives) or its ids are not the next ones (renumbered).
        """
        uid, _given, tid, concept_row, term_rows, flag_rows, source_rows = item
        cid = self.next_cid
        if self._taken(uid):
            n = 2
            while self._taken(f"{uid}-{n}"):
                n += 1
            uid = f"{uid}-{n}"
        if uid != item[0] or concept_row[0] != cid or tid != self.next_tid:
            concept_row, term_rows, flag_rows, source_rows = _renumbered(item, uid, cid, self.next_tid)
        self.next_cid = cid + 1
        self.next_tid += len(term_rows)
        self.pending[uid] = cid
        self.concept_rows.append(concept_row)
        self.term_rows += term_rows
        if flag_rows:
            self.flag_rows += flag_rows
        if source_rows:
            self.source_rows += source_rows
        return uid

    def flush(self) -> None:
        conn = self.conn
        # The rows' CHECK constraints (a concept's type, a term's status and type) are tested here,
        # on each batch's distinct values, not by SQLite on every row: it builds the constraint's
        # IN list afresh for each row of an executemany, half the cost of a term's insert.  A batch
        # with a value outside the lists is written with the checks on, so it fails as it always did.
        checked = bool(self.concept_rows) and not self.checks_ignored and _fit_checks(self.concept_rows, self.term_rows)
        if checked:
            conn.execute("PRAGMA ignore_check_constraints = ON")
        try:
            self._insert_rows()
        finally:
            if checked:
                conn.execute("PRAGMA ignore_check_constraints = OFF")
        self.stored.update(self.pending)  # written now: taken for the rest of the window
        self.pending.clear()
        self.concept_rows, self.term_rows, self.flag_rows, self.source_rows = [], [], [], []

    def _insert_rows(self) -> None:
        """The pending rows, one ``executemany`` per table."""
        conn = self.conn
        if self.concept_rows:
            conn.executemany(
                "INSERT INTO concept (id, uid, type, subject, note, confidence, evidence)"
                " VALUES (?,?,?,?,?,?,?)",
                self.concept_rows,
            )
        if self.term_rows:
            conn.executemany(
                "INSERT INTO term (id, concept_id, seq, lang, text, norm, status, term_type, pos, pinyin,"
                " romanization, pinyin_key, note) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                self.term_rows,
            )
        if self.flag_rows:
            conn.executemany("INSERT OR IGNORE INTO flag (term_id, code, detail) VALUES (?,?,?)", self.flag_rows)
        if self.source_rows:
            conn.executemany(
                "INSERT OR IGNORE INTO source (concept_id, term_id, file, line, context, parent)"
                " VALUES (?,?,?,?,?,?)",
                self.source_rows,
            )


def _fit_checks(concept_rows: list[tuple], term_rows: list[tuple]) -> bool:
    """Whether every row holds what the schema's CHECK constraints allow: a concept type, a status, a term type.

    Strings only, as SQLite compares them (a value of another type, hashable or not, says no).
    """
    try:
        return (
            {row[2] for row in concept_rows} <= _CONCEPT_TYPE_SET
            and {row[6] for row in term_rows} <= _STATUS_SET
            and {row[7] for row in term_rows} <= _TERM_TYPE_SET
        )
    except TypeError:  # an unhashable value: SQLite says what is wrong with it
        return False


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction; SQLite may have undone it already (a full disk, an I/O error).

    Then ROLLBACK fails with "cannot rollback - no transaction is active",
    which would hide the error that matters.
    """
    try:
        conn.execute("ROLLBACK")
    except sqlite3.Error:
        pass


def _write_error(exc: sqlite3.Error, path: str) -> Exception:
    """The error to report for ``exc`` raised while writing: the disk's refusal is exit 3 or 4, not a bug.

    Decided by SQLite's result code (``SQLITE_FULL``, ``SQLITE_IOERR_WRITE``...), not its message.
    """
    name = (getattr(exc, "sqlite_errorname", None) or "").split("_")
    code = "_".join(name[:2])
    if code in ("SQLITE_FULL", "SQLITE_IOERR"):
        return OutputError(_("cannot write the term base: {reason}").format(reason=exc), file=path)
    if code in ("SQLITE_READONLY", "SQLITE_CANTOPEN"):
        return TermBaseError(_("the term base is read-only: {reason}").format(reason=exc), file=path)
    if code == "SQLITE_BUSY" or "locked" in str(exc):
        return TermBaseError(_(_LOCKED), file=path)
    return exc


def _check_writable(path: Path, exists: bool) -> None:
    """Refuse, before SQLite tries, to write a term base whose file or folder cannot be written.

    SQLite would say "attempt to write a readonly database" half-way, or
    "unable to open database file"; the user needs to hear which of the two
    lacks permission.  (WAL mode writes ``-wal`` and ``-shm`` files beside
    the term base, so its folder must be writable too.)
    """
    folder = path.parent
    if not folder.exists():
        raise TermBaseError(_("the folder does not exist"), file=str(path))
    if exists and not os.access(path, os.W_OK):
        raise TermBaseError(_("the term base is read-only (the file cannot be written)"), file=str(path))
    if not os.access(folder, os.W_OK):
        raise TermBaseError(
            _("the term base is read-only (its folder cannot be written)"), file=str(path)
        )


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that works where nothing may be written beside the file.

    ``mode=ro`` still needs the folder writable for a WAL term base (SQLite
    creates the ``-shm`` index beside it), so a term base shipped in a
    read-only folder, a mounted image or a package would fail with "attempt
    to write a readonly database".  There ``immutable=1`` reads the file as
    it is: nobody can be writing it with our permissions, and a term base
    we wrote was checkpointed when it was closed.
    """
    uri = path.resolve().as_uri()
    if os.access(path.parent, os.W_OK):
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=2.0)
        try:
            conn.execute("PRAGMA application_id").fetchone()
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            if "readonly" not in str(exc) and "unable to open" not in str(exc):
                raise
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=2.0)

def _has_fts5(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (3.34 and later, as most builds)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x, tokenize='trigram')")
        conn.execute("DROP TABLE temp.fts5_probe")
    except sqlite3.OperationalError:
        return False
    return True


def _after(prefix: str) -> str | None:
    """The least string greater than every string starting with ``prefix`` (None: there is none)."""
    for i in range(len(prefix) - 1, -1, -1):
        code = ord(prefix[i]) + 1
        if 0xD800 <= code < 0xE000:
            code = 0xE000
        if code <= 0x10FFFF:
            return prefix[:i] + chr(code)
    return None


def _first_words(key: str) -> list[str]:
    """Every word whose :func:`search_key` is a prefix of ``key``: what a term of that key may start with.

    A word's key is the word made singular and American (:func:`search_key`),
    which changes only its end, so the words keyed ``key[:n]`` are ``key[:n]``
    with a plural ending (``s``, ``es``, ``ies`` for ``y``) and a British one
    (``is`` for ``iz``, ``ys`` for ``yz``, ``tre`` for ``ter``) put back;
    each is checked against :func:`search_key` itself.
    """
    words: dict[str, None] = {}
    for n in range(1, len(key) + 1):
        head = key[:n]
        stems = {head}
        for pattern, replacement in _BRITISH:
            stems.add(pattern.sub(replacement, head))
        for stem in stems:
            forms = [stem, stem + "s", stem + "es"]
            if stem.endswith("y"):
                forms.append(stem[:-1] + "ies")
            for form in forms:
                if form not in words and search_key(form) == head:
                    words[form] = None
    return list(words)


#: British endings put back on an American key (the reverse of :func:`search_key`'s spellings).
_BRITISH = (
    (re.compile(r"iz(ation|ations|e|es|ed|ing|er|ers)$"), r"is\1"),
    (re.compile(r"yz(e|es|ed|ing)$"), r"ys\1"),
    (re.compile(r"ter(s?)$"), r"tre\1"),
)


def _word_end_ranges(word: str) -> list[tuple[str, str]]:
    """Index ranges of the norms that start with ``word`` followed by a character that is no letter nor digit.

    The ASCII punctuation and space between the letters and digits, and
    everything past ASCII (the caller checks that character).
    """
    upper = _after(word)
    ranges = [(word + " ", word + "0"), (word + ":", word + "A"), (word + "[", word + "a"), (word + "{", word + "\x80")]
    ranges.append((word + "\x80", upper) if upper is not None else (word + "\x80", word + "\U0010ffff"))
    return ranges


#: The most rows one anchor of a near miss gives (:meth:`SQLiteTermBase._near_anchors`).
_NEAR_ROWS = 200
#: What a near miss may have between its first letters that the query typed without (``xi'an``, ``e-c``).
_NEAR_SEPARATORS = (" ", "-", "'", "/")


def _anchor_size(key: str) -> int:
    """How many first (and last) characters of a query's key anchor its near misses: more for a longer key.

    The anchors and the stretches between them cut the query in pieces,
    one more than the edits allowed, so a near miss keeps one of them
    whatever their lengths; longer ends find fewer terms, but leave a
    stretch between them too short to anchor (under three characters).
    """
    return 3 if len(key) < 12 else 4 if len(key) < 20 else 5


def _ends_with(column: str, tail: str) -> tuple[str, tuple[str, str]]:
    """A condition (served by the column's tail index, :data:`_TAIL`) that ``column`` ends with ``tail`` (one to four characters)."""
    head = tail[::-1]
    expression = _TAIL.format(column=column)
    upper = _after(head)
    assert upper is not None and 1 <= len(tail) <= 4
    return f"{expression} >= ? AND {expression} < ?", (head, upper)


def _trigram_query(form: str, most: int = 4) -> str:
    """An FTS5 query for the terms holding every one of ``most`` trigrams spread over ``form`` (three characters or more)."""
    last = len(form) - 3
    count = min(most, last + 1)
    starts = sorted({round(i * last / (count - 1)) for i in range(count)}) if count > 1 else [0]
    return " AND ".join('"' + form[i : i + 3].replace('"', '""') + '"' for i in starts)


def _long_enough(form: str) -> bool:
    """A prefix or substring of at least two characters (two Chinese characters): one matches too much."""
    return len(form) >= 2


def _may_be_traditional(text: str) -> bool:
    """True when ``text`` holds a Chinese character outside GB 2312, the Simplified set.

    A cheap test that keeps OpenCC unloaded for Simplified queries: only a
    character it fails is worth folding.
    """
    for ch in text:
        if is_han(ch):
            try:
                ch.encode("gb2312")
            except UnicodeEncodeError:
                return True
    return False


def _syllable_ends(pinyin: str, key: str) -> set[int]:
    """Offsets in ``key`` (the stored pinyin key) where a syllable of ``pinyin`` ends.

    Each written word of the pinyin is split into syllables; a word that
    does not split (a code, a foreign word) counts as one piece.
    """
    ends: set[int] = set()
    pos = 0
    for word in pinyin.split():
        piece = pinyin_key(word)
        if not piece:
            continue
        sylls = split_syllables(_NOT_PINYIN.sub("", word))
        if sylls and "".join(sylls) == piece:
            for syl in sylls:
                pos += len(syl)
                ends.add(pos)
        else:
            pos += len(piece)
            ends.add(pos)
    if pos != len(key):  # the key was made another way: trust only its end
        return {len(key)}
    return ends


_NOT_PINYIN = re.compile(r"[^\w'\u2019]|[\d_]")


#: Concepts read together by :meth:`SQLiteTermBase.iter_concepts` (SQLite allows 32,766 parameters).
BATCH = 500


def _attach_sources(concept: Concept, terms: dict[int, Term], rows: Iterable[tuple]) -> None:
    """Put ``(term_id, file, line, context, parent)`` rows on their term, or the concept."""
    for tid, file, line, context, parent in rows:
        source = Source(file=file, line=line, context=context, parent=parent)
        if tid is None:
            concept.sources.append(source)
        else:
            terms[tid].sources.append(source)


def _pinyin_key(term: Term) -> str | None:
    """The toneless search key for a Chinese term, from its stored pinyin.

    Computed from the stored pinyin rather than the characters, so that
    lookup never needs the pinyin tables.
    """
    if not term.lang.startswith("zh"):
        return None
    return pinyin_key(term.romanization or term.pinyin or "") or None


@dataclass(frozen=True)
class SQLiteBackend:
    """Term bases in SQLite files: every path that is not a URL nor claimed by another backend."""

    name: str = "sqlite"
    order: int = 90
    description: str = N_("SQLite file (any other path)")

    def accepts(self, path_or_url: str) -> bool:
        return "://" not in path_or_url

    def open(self, path_or_url: str, *, create: bool = False, readonly: bool = False) -> TermBase:
        return SQLiteTermBase.open_file(Path(path_or_url), create=create, readonly=readonly)


BACKEND = SQLiteBackend()


# -- bringing an older term base up to date (glossary.store.upgrade) ---------------------------


def _index_name(statement: str) -> str:
    return re.search(r"INDEX IF NOT EXISTS (\w+)", statement).group(1)  # type: ignore[union-attr]


def missing_search_indexes(tb: SQLiteTermBase) -> list[str]:
    """The search indexes of :data:`_SEARCH_INDEXES` the term base lacks (one an older glossary wrote)."""
    have = {name for (name,) in tb.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    return [name for name in map(_index_name, _SEARCH_INDEXES) if name not in have]


def add_search_indexes(tb: SQLiteTermBase) -> list[str]:
    """Make the missing search indexes only (no trigram rebuild); the names of those made."""
    missing = set(missing_search_indexes(tb))
    with tb.transaction():
        for statement in _SEARCH_INDEXES:
            if _index_name(statement) in missing:
                tb.conn.execute(statement)
    return [name for name in map(_index_name, _SEARCH_INDEXES) if name in missing]


def substring_index_state(tb: SQLiteTermBase) -> str:
    """``current``, ``outdated`` (absent, or dropped by a later change) or ``unavailable`` (no FTS5 here)."""
    if not _has_fts5(tb.conn):
        return "unavailable"
    return "current" if tb._trigrams_current() else "outdated"


def largest_concept_id(tb: SQLiteTermBase) -> int:
    """About how many concepts the base holds, in one index probe (``count(*)`` reads the whole table)."""
    return tb.conn.execute("SELECT IFNULL(MAX(id), 0) FROM concept").fetchone()[0]
