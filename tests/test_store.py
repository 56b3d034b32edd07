"""The SQLite term base: merging, transactions, migrations, refusals."""

from __future__ import annotations

import sqlite3

import pytest

from glossary.errors import TermBaseError
from glossary.model import Concept, Flag, Source, Term
from glossary.store import APPLICATION_ID, SCHEMA_VERSION, TermBase


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


def test_same_pair_twice_is_one_concept_with_two_sources(tb):
    assert tb.add(wsd(1)) == "added"
    assert tb.add(wsd(40)) == "merged"
    assert tb.add(wsd(40)) == "unchanged"
    assert tb.count() == 1
    (concept,) = tb.iter_concepts()
    assert [s.line for s in concept.sources] == [1, 40]
    assert [s.line for s in concept.terms[0].sources] == [1, 40]


def test_case_variant_joins_the_existing_term(tb):
    tb.add(wsd())
    shouting = wsd(9)
    shouting.terms[0].text = "WORLD STANDARDS DAY"
    tb.add(shouting)
    (concept,) = tb.iter_concepts()
    assert [t.text for t in concept.terms_in("en")] == ["World Standards Day"]


def test_new_spelling_becomes_admitted_variant_not_preferred(tb):
    tb.add(wsd())
    other = Concept("term", [Term("en", "WSD", term_type="acronym"), Term("zh-Hans", "世界标准日")])
    assert tb.add(other) == "merged"
    (concept,) = tb.iter_concepts()
    assert concept.preferred("en").text == "World Standards Day"
    wsd_term = next(t for t in concept.terms if t.text == "WSD")
    assert wsd_term.status == "admitted" and wsd_term.term_type == "acronym"


def test_persons_merge_only_when_both_languages_agree(tb):
    tb.add(Concept("person", [Term("en", "Guo Hai"), Term("zh-Hans", "郭海")]))
    assert tb.add(Concept("person", [Term("en", "Guo Hai"), Term("zh-Hans", "国海")])) == "added"
    assert tb.count() == 2


def test_skip_and_replace(tb):
    tb.add(wsd())
    assert tb.add(wsd(5), on_conflict="skip") == "skipped"
    replacement = wsd(7)
    replacement.note = "replaced"
    assert tb.add(replacement, on_conflict="replace") == "replaced"
    (concept,) = tb.iter_concepts()
    assert concept.note == "replaced" and [s.line for s in concept.sources] == [7]


def test_interrupted_transaction_leaves_nothing(tb):
    tb.add(wsd())
    with pytest.raises(RuntimeError):
        with tb.transaction():
            tb.add(Concept("org", [Term("en", "SAMR")]))
            raise RuntimeError("power cut")
    assert tb.count() == 1


def test_flags_and_provenance_round_trip(tb):
    concept = Concept(
        "person",
        [Term("en", "Li Yun", flags=[Flag("pinyin-mismatch", "贊 reads zàn")]), Term("zh-Hans", "李贊")],
    )
    tb.add(concept)
    loaded = tb.get(concept.uid)
    assert loaded.terms[0].flags == [Flag("pinyin-mismatch", "贊 reads zàn")]


def test_search_by_english_prefix_chinese_and_pinyin(tb):
    tb.add(wsd())
    assert tb.search("world standards")[0].preferred("zh-Hans").text == "世界标准日"
    assert tb.search("WORLD STANDARDS DAY")
    assert tb.search("世界标准日")
    assert tb.search("shijiebiaozhunri")
    assert tb.search("shì jiè biāo zhǔn rì")
    assert tb.search("nothing like it") == []


def test_missing_term_base_is_an_error(tmp_path):
    with pytest.raises(TermBaseError, match="no term base"):
        TermBase.open(tmp_path / "absent.sqlite")


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()
    with pytest.raises(TermBaseError, match="another program"):
        TermBase.open(path)


def test_text_file_is_not_a_term_base(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("hello")
    with pytest.raises(TermBaseError, match="not an SQLite file"):
        TermBase.open(path)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    TermBase.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(TermBaseError, match="newer"):
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


def test_jsonl_term_base_round_trips_and_writes_atomically(tmp_path):
    path = tmp_path / "terms.jsonl"
    with TermBase.open(path, create=True) as tb:
        tb.add(wsd())
    first = path.read_text(encoding="utf-8")
    assert first.count("\n") == 1 and "世界标准日" in first
    with TermBase.open(path) as tb:
        assert tb.count() == 1
        tb.add(wsd())  # unchanged: no rewrite needed
        with pytest.raises(RuntimeError):
            with tb.transaction():
                tb.add(Concept("org", [Term("en", "SAMR")]))
                raise RuntimeError("stop")
    assert path.read_text(encoding="utf-8") == first
    assert [p.name for p in tmp_path.iterdir()] == ["terms.jsonl"]


def test_iter_concepts_is_sorted_by_uid(tb):
    for name in ("SAMR", "SAC", "CNIS", "ISO"):
        tb.add(Concept("org", [Term("en", name)]))
    uids = [c.uid for c in tb.iter_concepts()]
    assert uids == sorted(uids)


def test_an_older_term_base_is_migrated_in_place(tmp_path, monkeypatch):
    """A term base of schema 1 opened by a glossary that knows schema 2 is upgraded, data kept."""
    import glossary.store as store

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
    import glossary.store as store

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


def test_search_finds_u_umlaut_names_typed_with_u_v_or_yu(tb):
    tb.add(Concept("person", [Term("en", "Lü Bu"), Term("zh-Hans", "吕布", pinyin="Lǚ Bù", romanization="Lü Bu")]))
    for typed in ("Lü Bu", "Lv Bu", "Lyu Bu", "Lu Bu", "lubu", "吕布"):
        assert tb.search(typed), typed


def test_reimporting_case_variants_changes_nothing(tb):
    """Two spellings that differ only in case, both kept by a file, each find themselves again."""
    concept = Concept(
        "term",
        [Term("en", "E-commerce"), Term("en", "e-Commerce", note=""), Term("zh-Hans", "电子商务")],
        uid="cx",
    )
    assert tb.add(concept) == "added"
    again = Concept(
        "term",
        [Term("en", "E-commerce"), Term("en", "e-Commerce", note=""), Term("zh-Hans", "电子商务")],
        uid="cx",
    )
    assert tb.add(again) == "unchanged"
    notes = [t.note for t in tb.get("cx").terms_in("en")]
    assert notes == [None, ""]
