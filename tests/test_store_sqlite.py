"""What only the SQLite backend does: its file checks, migrations, locking and journal.

What every backend does is in test_store_contract.py.
"""

from __future__ import annotations

import sqlite3

import pytest

import glossary.store.sqlite as store
from glossary.errors import TermBaseError
from glossary.model import Concept, Source, Term
from glossary.store import TermBase
from glossary.store.sqlite import APPLICATION_ID, SCHEMA_VERSION, SQLiteTermBase


def wsd(line: int = 1, file: str = "a.txt") -> Concept:
    return Concept(
        type="term",
        terms=[
            Term("en", "World Standards Day", sources=[Source(file, line, "World Standards Day")]),
            Term("zh-Hans", "世界标准日", pinyin="shìjiè biāozhǔn rì", sources=[Source(file, line + 1, "世界标准日")]),
        ],
        sources=[Source(file, line, "World Standards Day / 世界标准日")],
    )


@pytest.fixture
def tb(tmp_path):
    with TermBase.open(tmp_path / "t.sqlite", create=True) as base:
        yield base


def test_text_file_is_not_a_term_base(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("hello")
    with pytest.raises(TermBaseError, match="not an SQLite file"):
        TermBase.open(path)


def test_migration_from_empty_sets_ids(tmp_path):
    path = tmp_path / "fresh.sqlite"
    TermBase.open(path, create=True).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_locked_term_base_is_a_clear_error(tmp_path):
    path = tmp_path / "busy.sqlite"
    TermBase.open(path, create=True).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        tb = TermBase.open(path)
        with pytest.raises(TermBaseError, match="locked"):
            tb.add(wsd())
        tb.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_an_older_term_base_is_migrated_in_place(tmp_path, monkeypatch):
    """A term base of schema 1 opened by a glossary that knows schema 2 is upgraded, data kept."""
    path = tmp_path / "old.sqlite"
    with TermBase.open(path, create=True) as tb:
        tb.add(wsd())
    monkeypatch.setitem(store._MIGRATIONS, 2, "ALTER TABLE concept ADD COLUMN reviewed TEXT")
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    with pytest.raises(TermBaseError, match="older schema"):
        TermBase.open(path, readonly=True)
    with TermBase.open(path) as tb:
        assert tb.count() == 1
        columns = {row[1] for row in tb.conn.execute("PRAGMA table_info(concept)")}
        assert "reviewed" in columns
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


def test_failed_migration_leaves_the_old_schema(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    with TermBase.open(path, create=True) as tb:
        tb.add(wsd())
    monkeypatch.setitem(store._MIGRATIONS, 2, "ALTER TABLE no_such_table ADD COLUMN x TEXT")
    monkeypatch.setattr(store, "SCHEMA_VERSION", 2)
    with pytest.raises(TermBaseError):
        TermBase.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM concept").fetchone()[0] == 1
    conn.close()

def test_sqlite_is_the_backend_of_every_other_path(tmp_path):
    with TermBase.open(tmp_path / "t.db", create=True) as tb:
        assert isinstance(tb, SQLiteTermBase)
    assert not store.BACKEND.accepts("postgresql://host/terms")


def test_a_directory_or_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(TermBaseError, match="is a directory"):
        TermBase.open(tmp_path)
    with pytest.raises(TermBaseError, match="folder does not exist"):
        TermBase.open(tmp_path / "absent" / "t.sqlite", create=True)


def test_a_taken_uid_gets_a_suffix_on_insert(tb):
    tb.insert(Concept("org", [Term("en", "SAC")], uid="c1"))
    second = Concept("org", [Term("en", "SAMR")], uid="c1")
    tb.insert(second)
    third = Concept("org", [Term("en", "CNIS")], uid="c1")
    tb.insert(third)
    assert (second.uid, third.uid) == ("c1-2", "c1-3")
    assert [c.uid for c in tb.iter_concepts()] == ["c1", "c1-2", "c1-3"]


def test_the_schema_is_unchanged_until_derived_data_is_stored(tmp_path):
    path = tmp_path / "t.sqlite"
    with TermBase.open(path, create=True) as tb:
        tb.add(wsd())
        tables = {r[0] for r in tb.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"concept", "term", "flag", "source"}
        tb.set_derived("words", b"x")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_a_change_by_another_sqlite_client_drops_derived_data(tmp_path):
    path = tmp_path / "t.sqlite"
    with TermBase.open(path, create=True) as tb:
        tb.add(wsd())
        tb.set_derived("words", b"x")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE term SET text = 'World Standard Day' WHERE lang = 'en'")
    conn.commit()
    conn.close()
    with TermBase.open(path, readonly=True) as tb:
        assert tb.get_derived("words") is None


def _rows(tb: SQLiteTermBase) -> list[list[tuple]]:
    return [tb.conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in ("concept", "term", "source")]


def _numbered(n: int, **changes: str) -> Concept:
    """Concept ``n`` of a bulk import; ``changes`` alters its type (``type``) or its first term (``status``, ``term_type``)."""
    first = Term("en", f"term {n}", status=changes.get("status", "preferred"), term_type=changes.get("term_type", "fullForm"))
    return Concept(changes.get("type", "term"), [first, Term("zh-Hans", f"术语{n}")])


@pytest.mark.parametrize("into_existing", [False, True])
@pytest.mark.parametrize("bad", [{"status": "bogus"}, {"term_type": "slang"}, {"type": "thing"}])
def test_a_bulk_import_still_fails_on_what_the_checks_forbid(tb, monkeypatch, into_existing, bad):
    """The batched path tests the CHECK constraints itself (SQLite is told to skip them): a value they
    forbid still fails the import, after whole batches were written without them, and undoes it all."""
    monkeypatch.setattr(store, "_BULK_BATCH", 3)
    if into_existing:
        tb.add(wsd())
    before = _rows(tb)
    concepts = [_numbered(n) for n in range(7)] + [_numbered(7, **bad)] + [_numbered(8)]
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        tb.add_all(concepts)
    assert _rows(tb) == before
    assert tb.conn.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 0
    tb.add_all([_numbered(n) for n in range(4)])  # and nothing is left half-done for the next import
    assert tb.count() == len(before[0]) + 4


def test_a_bulk_import_leaves_the_checks_on(tb):
    tb.add_all([_numbered(n) for n in range(5)])
    assert tb.conn.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 0
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        tb.add(_numbered(9, status="bogus"))
    assert tb.count() == 5


def test_a_bulk_import_keeps_checks_a_caller_turned_off(tb):
    """A connection told to ignore CHECK constraints (by its owner) is left so, and writes what SQLite would."""
    tb.conn.execute("PRAGMA ignore_check_constraints = ON")
    tb.add_all([_numbered(0), _numbered(1, status="bogus")])
    assert tb.conn.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 1
    assert [s for (s,) in tb.conn.execute("SELECT status FROM term ORDER BY id")] == ["preferred", "preferred", "bogus", "preferred"]


def _rich(n: int, uid: str | None = None) -> Concept:
    """A concept with something in every field a record carries."""
    from glossary.model import Flag

    terms = [
        Term("en", f"Rich {n}", pos="noun", note="n", flags=[Flag("review", "why"), Flag("review", "twice")],
             sources=[Source("a.txt", n, "ctx", "cparent")]),
        Term("zh-Hans", f"丰富{n}", status="admitted", term_type="variant", pinyin="fēngfù", romanization="Fengfu"),
    ]
    return Concept("person", terms, uid=uid, subject="s", note="cn", confidence=0.5, evidence=["x", "y"],
                   sources=[Source("b.txt", None, "", None), Source("b.txt", None, "", None)])


def test_a_record_carries_the_whole_concept():
    """What the reading process sends (a record) becomes rows, and those the very concept again for a merge."""
    for uid in ("c-given", None):
        concept = _rich(3, uid)
        item = next(store.prepare_rows([store.concept_record(concept)], 5, 9))
        assert item[:3] == (uid or concept.ensure_uid(), uid is not None, 9)
        again = store._concept_of(item)
        assert again == _rich(3, uid)
        assert [row[0] for row in item[4]] == [9, 10] and item[3][0] == 5


def test_a_bulk_import_of_records_writes_what_one_of_concepts_writes(tmp_path):
    """Records (as read ahead) or concepts, into a base with concepts: the same merges, suffixes and renumbered ids."""
    # A derived uid twice (a suffix), a given one twice and two stored concepts (merges, no new id),
    # then a new concept, whose ids the merges before it moved (renumbered).
    file = [_rich(1, "c-one"), _rich(2), _rich(2), _rich(1, "c-one"), _numbered(4), _rich(5, "c-kept"), _rich(6)]
    tables = []
    for as_records in (False, True):
        with TermBase.open(tmp_path / f"{as_records}.db", create=True) as base:
            base.add(_rich(5, "c-kept"))
            base.add(_numbered(4))
            given = [store.concept_record(c) for c in file] if as_records else file
            counts = base.add_all(given)
            tables.append((counts, [base.conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                                    for t in ("concept", "term", "flag", "source")]))
    assert tables[0] == tables[1]
    assert tables[0][0] == {"added": 4, "unchanged": 3}
    assert [row[1] for row in tables[1][1][0]][-2:] == [_rich(2).ensure_uid() + "-2", _rich(6).ensure_uid()]
