"""``glossary reindex``: an older term base brought up to date in place, atomically, and the note that suggests it."""

from __future__ import annotations

import sqlite3
import warnings

import pytest
from click.testing import CliRunner
from conftest import REPO

import glossary.store.upgrade as upgrade
from glossary import api
from glossary.cli import cli
from glossary.cli.base import show_notes
from glossary.match import index_key, save_index
from glossary.store import open_termbase
from glossary.store.upgrade import MatchIndex, OutdatedTermBase, outdated, reindex, warn_if_outdated

SHIPPED_TBX = REPO / "terms" / "glossary.tbx"
CURRENT = MatchIndex(index_key(), save_index)


def _state(path) -> dict:
    """Everything derived a writer leaves in the file: schema objects, derived keys, the match tables."""
    conn = sqlite3.connect(path)
    try:
        return {
            "schema": sorted(conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")),
            "derived": sorted(conn.execute("SELECT key, data FROM derived")),
            "keys": sorted(conn.execute("SELECT * FROM match_key")),
            "heads": sorted(conn.execute("SELECT * FROM match_head")),
            "trigrams": sorted(conn.execute("SELECT rowid FROM term_trigram WHERE term_trigram MATCH '\"sta\" AND \"ard\"'")),
        }
    finally:
        conn.close()


def _age(path) -> None:
    """Make ``path`` look like a base the fourth wave's glossary wrote: no tail indexes, a format 2 index."""
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP INDEX term_norm_tail; DROP INDEX term_pinyin_tail; DROP TABLE match_key; DROP TABLE match_head;"
        " DELETE FROM derived WHERE key LIKE 'match-index-%';"
        " INSERT INTO derived VALUES ('match-index-v2-k2-0.1.0', x'7b7d');"
    )
    conn.close()


@pytest.fixture
def fresh(tmp_path):
    path = tmp_path / "fresh.sqlite"
    api.import_(SHIPPED_TBX, path)
    return path


def test_a_fresh_import_is_current(fresh):
    with open_termbase(fresh) as tb:
        assert outdated(tb, index_key()) == []
        report = reindex(tb, CURRENT)
    assert report.done == []
    assert report.current == ["search indexes", "substring index", "stored matching index"]


def test_an_older_base_is_brought_to_what_an_import_writes(fresh, tmp_path):
    wanted = _state(fresh)
    _age(fresh)
    with open_termbase(fresh) as tb:
        assert outdated(tb, index_key()) == [
            "search indexes term_norm_tail, term_pinyin_tail", "the stored matching index",
        ]
        report = reindex(tb, CURRENT)
        assert outdated(tb, index_key()) == []
    assert report.done == ["search indexes made: term_norm_tail, term_pinyin_tail", "stored matching index written"]
    assert report.current == ["substring index"]
    after = _state(fresh)
    # The outdated format 2 blob stays (nothing reads it); everything else is what the import wrote.
    assert [d for d in after["derived"] if not d[0].startswith("match-index-v2")] == wanted["derived"]
    assert {k: v for k, v in after.items() if k != "derived"} == {k: v for k, v in wanted.items() if k != "derived"}


def test_an_edit_drops_the_derived_data_and_reindex_makes_it_again(fresh):
    api.add(fresh, [("en", "press conference"), ("zh-Hans", "新闻发布会")])
    with open_termbase(fresh) as tb:
        assert outdated(tb, index_key()) == ["the substring index", "the stored matching index"]
        report = reindex(tb, CURRENT)
        assert outdated(tb, index_key()) == []
    assert report.done == ["substring index rebuilt", "stored matching index written"]
    assert api.check("新闻发布会", "press conference", db=fresh) == []


def test_reindex_is_all_or_nothing(fresh):
    _age(fresh)
    before = _state_without_match(fresh)

    def broken(tb):
        save_index(tb)
        raise RuntimeError("disk full")

    with open_termbase(fresh) as tb, pytest.raises(RuntimeError):
        reindex(tb, MatchIndex(index_key(), broken))
    assert _state_without_match(fresh) == before
    with open_termbase(fresh, readonly=True) as tb:
        assert len(outdated(tb, index_key())) == 2


def _state_without_match(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {
            "schema": sorted(conn.execute("SELECT type, name, sql FROM sqlite_master")),
            "derived": sorted(conn.execute("SELECT key, data FROM derived")),
        }
    finally:
        conn.close()


def test_a_text_term_base_has_nothing_to_reindex(tmp_path):
    path = tmp_path / "t.jsonl"
    api.import_(SHIPPED_TBX, path)
    with open_termbase(path) as tb:
        assert outdated(tb, index_key()) == []
        assert reindex(tb, CURRENT).indexed is False


def test_only_a_large_outdated_base_is_warned_about(fresh, monkeypatch):
    with open_termbase(fresh, readonly=True) as tb, warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        warn_if_outdated(tb, index_key())  # current
        _age(fresh)
        warn_if_outdated(tb, index_key())  # outdated, but small
        monkeypatch.setattr(upgrade, "WARN_FROM", 1)
        warn_if_outdated(tb, index_key())
        warn_if_outdated(tb)  # lookup's question: the search indexes only
    assert [w.category for w in seen] == [OutdatedTermBase, OutdatedTermBase]
    assert "the stored matching index" in str(seen[0].message)
    assert "the stored matching index" not in str(seen[1].message)
    assert f"'glossary reindex --db {fresh}'" in str(seen[0].message)


def test_the_cli_reindexes_and_says_what_it_did(fresh, monkeypatch):
    _age(fresh)
    runner = CliRunner()
    monkeypatch.setattr(upgrade, "WARN_FROM", 1)
    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)  # show_notes replaces it
    show_notes()
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        noted = runner.invoke(cli, ["check", "--db", str(fresh), "--source", "标准", "--target", "standard"])
    assert noted.exit_code == 0, noted.output
    notes = [line for line in noted.output.splitlines() if line.startswith("note: ")]
    assert len(notes) == 1 and "glossary reindex --db" in notes[0]
    result = runner.invoke(cli, ["reindex", "--db", str(fresh)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{fresh}: search indexes made: term_norm_tail, term_pinyin_tail",
        f"{fresh}: stored matching index written",
        f"{fresh}: already current: substring index",
    ]
    again = runner.invoke(cli, ["reindex", "--db", str(fresh)])
    assert again.output.splitlines() == [
        f"{fresh}: already current: search indexes, substring index, stored matching index"
    ]


def test_a_missing_base_is_an_error(tmp_path):
    result = CliRunner().invoke(cli, ["reindex", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 3
    assert not (tmp_path / "none.sqlite").exists()


def _first_layout(path) -> None:
    """Give ``path`` the substring index the fifth wave's glossary wrote: every trigram's offsets, marker v1."""
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP TABLE term_trigram;"
        " CREATE VIRTUAL TABLE term_trigram USING fts5(norm, content='term', content_rowid='id', tokenize='trigram');"
        " INSERT INTO term_trigram (term_trigram) VALUES ('rebuild');"
        " UPDATE derived SET key = 'search-trigrams-v1' WHERE key LIKE 'search-trigrams-%';"
    )
    conn.close()


def test_a_substring_index_of_the_first_layout_is_rebuilt_in_the_current_one(fresh):
    wanted = _state(fresh)
    queries = ("standard", "andar", "标准", "准化", "ment", "organization", "tion", "委员会")
    with open_termbase(fresh, readonly=True) as tb:
        found = {q: [c.uid for c in tb.search(q)] for q in queries}
        near = {q: [s.text for s in tb.suggest(q)] for q in ("standrd", "organisaton")}
    _first_layout(fresh)
    with open_termbase(fresh) as tb:
        assert outdated(tb, index_key()) == ["the substring index"]
        assert {q: [c.uid for c in tb.search(q)] for q in queries} == found  # by a scan meanwhile
        report = reindex(tb, CURRENT)
        assert report.done == ["substring index rebuilt"]
        assert outdated(tb, index_key()) == []
    assert _state(fresh) == wanted
    with open_termbase(fresh, readonly=True) as tb:
        assert {q: [c.uid for c in tb.search(q)] for q in queries} == found
        assert {q: [s.text for s in tb.suggest(q)] for q in near} == near
