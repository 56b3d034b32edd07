"""What only the ``.jsonl`` backend does: its text form, atomic saving, derived-data files.

What every backend does is in test_store_contract.py.
"""

from __future__ import annotations

import json

import pytest

from glossary.errors import TermBaseError
from glossary.model import Concept, Source, Term
from glossary.store import TermBase
from glossary.store.jsonl import JsonlTermBase, concept_from_json, concept_to_json


def wsd(line: int = 1) -> Concept:
    return Concept(
        type="term",
        terms=[Term("en", "World Standards Day"), Term("zh-Hans", "世界标准日", pinyin="shìjiè biāozhǔn rì")],
        sources=[Source("a.txt", line, "World Standards Day / 世界标准日")],
    )


def test_jsonl_term_base_round_trips_and_writes_atomically(tmp_path):
    path = tmp_path / "terms.jsonl"
    with TermBase.open(path, create=True) as tb:
        assert isinstance(tb, JsonlTermBase)
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


def test_one_sorted_line_per_concept_without_empty_fields(tmp_path):
    path = tmp_path / "terms.jsonl"
    with TermBase.open(path, create=True) as tb:
        tb.add(Concept("org", [Term("en", "SAMR")]))
        tb.add(wsd())
    lines = path.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    assert all(line == json.dumps(r, ensure_ascii=False, sort_keys=True) for line, r in zip(lines, records, strict=True))
    samr = next(r for r in records if r["type"] == "org")
    assert samr == {"id": samr["id"], "type": "org", "terms": [{"lang": "en", "text": "SAMR", "status": "preferred"}]}


def test_the_line_format_round_trips(tmp_path):
    concept = wsd()
    concept.ensure_uid()
    assert concept_from_json(concept_to_json(concept)) == concept


def test_a_bad_line_names_its_number(tmp_path):
    path = tmp_path / "terms.jsonl"
    with TermBase.open(path, create=True) as tb:
        tb.add(wsd())
    path.write_text(path.read_text(encoding="utf-8") + "\n{broken\n", encoding="utf-8")
    with pytest.raises(TermBaseError, match="not a term base line") as caught:
        TermBase.open(path)
    assert caught.value.line == 3


def test_undecodable_file_is_a_term_base_error(tmp_path):
    path = tmp_path / "terms.jsonl"
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(TermBaseError, match="cannot read"):
        TermBase.open(path)


def test_derived_data_lives_beside_the_file_and_goes_with_it(tmp_path):
    path = tmp_path / "terms.jsonl"
    with TermBase.open(path, create=True) as tb:
        tb.add(wsd())
        tb.set_derived("words", b"data")
        assert tb.derived_dir == tmp_path / "terms.jsonl.derived"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["terms.jsonl", "terms.jsonl.derived"]
    assert [p.name for p in (tmp_path / "terms.jsonl.derived").iterdir()] == ["words"]
    with TermBase.open(path) as tb:
        tb.add(Concept("org", [Term("en", "SAMR")]))
    assert [p.name for p in tmp_path.iterdir()] == ["terms.jsonl"]


def test_derived_data_of_a_hand_edited_file_is_ignored(tmp_path):
    path = tmp_path / "terms.jsonl"
    with TermBase.open(path, create=True) as tb:
        tb.add(wsd())
        tb.set_derived("words", b"data")
    path.write_text(path.read_text(encoding="utf-8").replace("World Standards Day", "World Standard Day"), encoding="utf-8")
    with TermBase.open(path, readonly=True) as tb:
        assert tb.get_derived("words") is None
        assert tb.search("World Standard Day")


def test_storing_only_derived_data_does_not_rewrite_the_term_base(tmp_path):
    path = tmp_path / "terms.jsonl"
    with TermBase.open(path, create=True) as tb:
        tb.add(wsd())
    # A hand edit after opening: the derived data then describes what was read, not the file.
    with TermBase.open(path) as tb:
        before = path.read_bytes()
        path.write_bytes(before.replace(b"World Standards Day", b"World Standard Day"))
        tb.set_derived("words", b"data")
    assert b"World Standard Day" in path.read_bytes()
    with TermBase.open(path) as tb:
        assert tb.get_derived("words") is None
