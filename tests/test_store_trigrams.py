"""The trigram index an import adds at its end, filled in rowid order.

It must be the index FTS5's own 'rebuild' makes (every trigram with the
same rows), sound by FTS5's integrity check, and an interrupted
transaction leaves the term base as it was.
"""

from __future__ import annotations

import random
import sqlite3

import pytest

import glossary.store.sqlite as store
from glossary.model import Concept, Term
from glossary.store import TermBase

_WORDS = ("standard", "national", "wind", "power", "quality", "trade", "market", "digital", "grid", "battery",
          "标准", "国家", "风力", "发电", "质量", "贸易", "市场", "数字", "电网", "电池")


def _concepts(count: int) -> list[Concept]:
    """Terms whose ``norm`` order is not their id order (the order 'rebuild' reads them in)."""
    rng = random.Random(15)
    concepts = []
    for n in range(count):
        english = " ".join(rng.choice(_WORDS[:10]) for _ in range(3)) + f" {n}"
        chinese = "".join(rng.choice(_WORDS[10:]) for _ in range(3)) + str(n)
        concepts.append(Concept("term", [Term("en", english), Term("zh-Hans", chinese)]))
    return concepts


def _base(path, count: int = 1500) -> None:
    with TermBase.open(path, create=True) as base, base.transaction():
        for concept in _concepts(count):
            base.add(concept)


def _pairs(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every (trigram, row) of the index, and FTS5's integrity check passed."""
    conn.execute("INSERT INTO term_trigram (term_trigram) VALUES ('integrity-check')")
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.trigram_rows USING fts5vocab(main, term_trigram, 'instance')")
    return conn.execute("SELECT term, doc FROM temp.trigram_rows ORDER BY term, doc").fetchall()


def _rebuilt(path) -> list[tuple[str, int]]:
    """The index FTS5's 'rebuild' makes of the same terms (what index_for_search did before)."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE IF EXISTS term_trigram")
    conn.execute(store._TRIGRAMS)
    conn.execute("INSERT INTO term_trigram (term_trigram) VALUES ('rebuild')")
    conn.commit()
    try:
        return _pairs(conn)
    finally:
        conn.close()


def _segments(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(DISTINCT segid) FROM term_trigram_idx").fetchone()[0]


def test_the_index_is_filled_in_rowid_order_in_one_segment(tmp_path):
    """'rebuild' read the terms in norm order and wrote a segment at every lower rowid: many, merged."""
    path = tmp_path / "t.sqlite"
    _base(path)
    with TermBase.open(path) as base:
        base.index_for_search()
        assert _segments(base.conn) == 1
        filled = _pairs(base.conn)
    assert filled == _rebuilt(path)
    assert len(filled) > 30_000


def test_a_failed_index_leaves_the_base_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "t.sqlite"
    _base(path, 300)
    before = path.read_bytes()
    monkeypatch.setattr(store, "_TRIGRAMS_FILL", store._TRIGRAMS_FILL + " LIMIT no_such_column")
    with TermBase.open(path) as base:
        with pytest.raises(sqlite3.Error):
            base.index_for_search()
        assert not base._trigrams_current()
        assert base.conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'term_trigram%'").fetchone()[0] == 0
    assert path.read_bytes() == before
