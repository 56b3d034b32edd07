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
