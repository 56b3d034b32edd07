"""A term's sources read back as they were written, through every writer of their JSON form.

The ``.jsonl`` term base (and its history) and the CSV ``extra`` column
once had two copies of the writer that disagreed on an empty ``parent``:
one dropped it, so ``""`` came back as None.  Now one function writes both
(``glossary.store._codec.source_to_json``) and keeps ``parent`` whenever it
is not None; this holds it for None, empty and a real uid, file and line
or not, through the JSON form alone, a ``.jsonl`` term base, a CSV
exported and imported, and an SQLite term base exported to ``.jsonl``.
"""

from __future__ import annotations

import io

import pytest

from glossary import api
from glossary.formats import export_concepts
from glossary.formats.tabular import _source_json
from glossary.model import Concept, Source, Term
from glossary.store import open_termbase
from glossary.store._codec import concept_from_json, concept_to_json, source_to_json

SOURCES = [
    Source("a.txt", 3, "around the term", parent=None),
    Source("b.txt", None, "", parent=""),
    Source("c.txt", 7, "", parent="c0ffee"),
    Source("d.txt", 1, "context", parent=""),
]


def concept_with(source: Source) -> Concept:
    """A concept whose terms and itself were met at ``source``."""
    return Concept(
        "term",
        [
            Term("en", "quality infrastructure", sources=[source]),
            Term("zh-Hans", "质量基础设施", pinyin="zhìliàng jīchǔ shèshī", sources=[source]),
        ],
        uid="c1",
        sources=[source],
    )


def all_sources(concept: Concept) -> list[Source]:
    return [*concept.sources, *(s for t in concept.terms for s in t.sources)]


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: f"parent={s.parent!r}")
def test_the_json_form_keeps_every_source(source):
    back = concept_from_json(concept_to_json(concept_with(source)))
    assert all_sources(back) == [source] * 3


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: f"parent={s.parent!r}")
def test_the_csv_extra_column_writes_what_the_term_base_writes(source):
    assert _source_json(source) == source_to_json(source)


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: f"parent={s.parent!r}")
def test_a_jsonl_term_base_keeps_every_source(tmp_path, source):
    path = tmp_path / "base.jsonl"
    with open_termbase(path, create=True) as tb:
        tb.add(concept_with(source))
    with open_termbase(path, readonly=True) as tb:
        (back,) = list(tb.iter_concepts())
    assert all_sources(back) == [source] * 3


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: f"parent={s.parent!r}")
def test_csv_out_and_in_and_sqlite_to_jsonl_keep_every_source(tmp_path, source):
    out = io.BytesIO()
    export_concepts([concept_with(source)], out, "csv")
    csv_path = tmp_path / "base.csv"
    csv_path.write_bytes(out.getvalue())
    api.import_(csv_path, tmp_path / "base.sqlite")
    with open_termbase(tmp_path / "base.sqlite", readonly=True) as tb:
        (from_csv,) = list(tb.iter_concepts())
    assert all_sources(from_csv) == [source] * 3

    jsonl = tmp_path / "copy.jsonl"
    with open_termbase(jsonl, create=True) as tb:
        tb.add(from_csv)
    with open_termbase(jsonl, readonly=True) as tb:
        (back,) = list(tb.iter_concepts())
    assert all_sources(back) == [source] * 3
