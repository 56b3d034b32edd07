"""A CSV exported, edited in a spreadsheet and imported back applies exactly the edits (issue 11).

The edits a terminologist makes in a spreadsheet: a term's text changed in
the ``en`` or ``zh`` cell, a row added, a row deleted.  The hidden
``extra`` column must follow the terms it describes (by text, or by cell
when the text was edited), and a malformed ``extra`` is a rejected row
with its line, never a crash.
"""

from __future__ import annotations

import copy
import csv
import io
import tempfile
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import api
from glossary.formats import export_concepts
from glossary.formats.complete import add_pinyin, pinyin_fits
from glossary.model import Concept, Term

SHIPPED = REPO / "terms" / "glossary.jsonl"


def shipped() -> list[Concept]:
    with api.open_termbase(SHIPPED, readonly=True) as tb:
        return list(tb.iter_concepts())


SHIPPED_CONCEPTS = shipped()


def csv_rows(concepts: list[Concept]) -> list[list[str]]:
    out = io.BytesIO()
    export_concepts(copy.deepcopy(concepts), out, "csv")
    return list(csv.reader(io.StringIO(out.getvalue().decode("utf-8-sig"), newline="")))


SHIPPED_ROWS = csv_rows(SHIPPED_CONCEPTS)


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    """As a spreadsheet saves it: UTF-8 with a BOM, CRLF."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return path


def imported(path: Path, db: Path, **options) -> dict[str, Concept]:
    report = api.import_(path, db, **options)
    assert report.rejected == []
    with api.open_termbase(db, readonly=True) as tb:
        return {c.uid: c for c in tb.iter_concepts()}


def canonical(concept: Concept) -> Concept:
    """The concept with its terms in a fixed order (the CSV lists them column by column)."""
    out = copy.deepcopy(concept)
    out.terms.sort(key=lambda t: (t.lang, t.text))
    return out


def test_every_english_cell_edited_imports_with_the_edits(tmp_path):
    """Issue 11: editing the English cell crashed re-import for 129 of the 168 shipped rows."""
    rows = copy.deepcopy(SHIPPED_ROWS)
    en = rows[0].index("en")
    for row in rows[1:]:
        row[en] += " (edited)"
    got = imported(write_rows(tmp_path / "edited.csv", rows), tmp_path / "tb.jsonl")
    assert len(got) == len(SHIPPED_CONCEPTS)
    for concept in SHIPPED_CONCEPTS:
        new = got[concept.uid]
        old_en = concept.preferred("en")
        assert new.preferred("en").text == old_en.text + " (edited)"
        # What the old English term carried that its text does not decide (notes, sources) stays.
        assert new.preferred("en").sources == old_en.sources
        assert new.preferred("zh-Hans") == concept.preferred("zh-Hans")


def test_extra_of_a_deleted_term_is_dropped_and_counted(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text('en,zh,extra\nStandard,标准,"{""terms"":[{""lang"":""en"",""text"":""Standards"",'
                    '""note"":""n""}]}"\n', encoding="utf-8")
    report = api.import_(path, tmp_path / "tb.jsonl")
    assert report.rejected == [] and report.added == 1
    assert "extra data of a term no longer in the row dropped (1)" in report.mapped


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ('{"subject": [1,2]}', "subject has the wrong type"),
        ('{"terms": [{"lang": "en", "text": "Standard", "note": 3}]}', "terms.note has the wrong type"),
        ('{"terms": [{"lang": "en", "text": "Standard", "sources": [{"file": 1}]}]}', "source.file has the wrong type"),
        ('{"terms": [{"lang": "en", "text": "Standard", "flags": [["a"]]}]}', "terms.flags has the wrong type"),
        ('{"sources": "a.txt"}', "sources has the wrong type"),
        ("[1]", "extra has the wrong type"),
        ("[" * 100_000, "nested too deeply"),
        ('{"a": ' * 50 + "1" + "}" * 50, "nested too deeply"),
    ],
)
def test_malformed_extra_is_a_rejected_row_with_its_line(tmp_path, extra, reason):
    path = tmp_path / "g.csv"
    quoted = extra.replace('"', '""')
    path.write_text(f'en,zh,extra\nNorm,规范,\nStandard,标准,"{quoted}"\n', encoding="utf-8")
    report = api.import_(path, tmp_path / "tb.jsonl")
    assert report.added == 1
    assert report.rejected == [(f"{path}:3", f"the extra column is not valid: {reason}")]


def test_a_term_moved_to_another_column_keeps_its_attributes(tmp_path):
    concept = Concept(type="term", uid="c1", terms=[
        Term("en", "standard"), Term("zh-Hans", "标准", pinyin="biāozhǔn"),
        Term("en", "norm", status="admitted", note="older usage"),
    ])
    rows = csv_rows([concept])
    header = rows[0]
    rows[1][header.index("en_deprecated")] = rows[1][header.index("en_admitted")]
    rows[1][header.index("en_admitted")] = ""
    got = imported(write_rows(tmp_path / "g.csv", rows), tmp_path / "tb.jsonl")["c1"]
    norm = next(t for t in got.terms if t.text == "norm")
    assert (norm.status, norm.note) == ("deprecated", "older usage")


def test_a_stale_pinyin_cell_is_derived_afresh(tmp_path):
    concept = Concept(type="term", uid="c1", terms=[Term("en", "standard"), Term("zh-Hans", "标准", pinyin="biāozhǔn")])
    rows = csv_rows([concept])
    rows[1][rows[0].index("zh")] = "规范"
    got = imported(write_rows(tmp_path / "g.csv", rows), tmp_path / "tb.jsonl")["c1"]
    assert got.preferred("zh-Hans").pinyin == "guīfàn"


def test_pinyin_fits_accepts_the_shipped_pinyin():
    for concept in SHIPPED_CONCEPTS:
        for term in concept.terms:
            if term.pinyin:
                assert pinyin_fits(term.text, term.pinyin), term


# -- the property: random spreadsheet edits give exactly the edited term base ------------------

HAN = "标准化工作委员会规范体系质量"
edits = st.lists(
    st.one_of(
        st.tuples(st.just("en"), st.integers(0, len(SHIPPED_CONCEPTS) - 1), st.text("abc xyz", min_size=1, max_size=6)),
        st.tuples(st.just("zh"), st.integers(0, len(SHIPPED_CONCEPTS) - 1), st.text(HAN, min_size=1, max_size=3)),
        st.tuples(st.just("delete"), st.integers(0, len(SHIPPED_CONCEPTS) - 1), st.just("")),
        st.tuples(st.just("add"), st.integers(0, 10**6), st.text(HAN, min_size=1, max_size=4)),
    ),
    max_size=8,
)


def apply_edits(changes) -> tuple[list[list[str]], dict[str, Concept], list[tuple[str, str]], set[str]]:
    """The edited rows, the concepts they should give by id, the added (en, zh) pairs, the deleted ids."""
    rows = copy.deepcopy(SHIPPED_ROWS)
    header = rows[0]
    by_uid = {c.uid: copy.deepcopy(c) for c in SHIPPED_CONCEPTS}
    uids = [c.uid for c in SHIPPED_CONCEPTS]
    added: list[tuple[str, str]] = []
    deleted: set[str] = set()
    for kind, index, text in changes:
        if kind == "add":
            en, zh = f"new term {index}", text + "新"
            if (en, zh) in added:
                continue
            row = [""] * len(header)
            row[header.index("en")], row[header.index("zh")] = en, zh
            rows.append(row)
            added.append((en, zh))
            continue
        uid = uids[index]
        if uid in deleted:
            continue
        row = next(r for r in rows[1:] if r[0] == uid)
        concept = by_uid[uid]
        if kind == "delete":
            rows.remove(row)
            deleted.add(uid)
            del by_uid[uid]
            continue
        lang = "en" if kind == "en" else "zh-Hans"
        term = concept.preferred(lang)
        if term is None:
            continue
        suffix = f" {text.strip()}" if kind == "en" else text
        if not suffix.strip():
            continue
        new_text = term.text + suffix
        if any(t.lang == lang and t.text == new_text for t in concept.terms):
            continue
        row[header.index(kind)] += suffix
        term.text = new_text
        if kind == "zh":
            term.pinyin = term.romanization = None
            add_pinyin(term, concept.type)
    return rows, by_uid, added, deleted


def check_added(got: dict[str, Concept], before: set[str], added: list[tuple[str, str]]) -> None:
    new = [c for uid, c in got.items() if uid not in before]
    pairs = sorted((c.preferred("en").text, c.preferred("zh-Hans").text) for c in new)
    assert pairs == sorted(added)
    for concept in new:
        term = concept.preferred("zh-Hans")
        assert term.pinyin and pinyin_fits(term.text, term.pinyin)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits)
def test_random_spreadsheet_edits_import_as_exactly_those_edits(changes):
    rows, expected, added, deleted = apply_edits(changes)
    with tempfile.TemporaryDirectory() as folder:
        path = write_rows(Path(folder) / "edited.csv", rows)
        # Into a fresh term base: exactly the edited rows.
        got = imported(path, Path(folder) / "fresh.jsonl")
        check_added(got, set(expected), added)
        assert {u: canonical(c) for u, c in got.items() if u in expected} == {
            u: canonical(c) for u, c in expected.items()
        }
        # Back into the term base it came from, as the README says: --on-conflict replace.  An
        # import never deletes, so the deleted rows' concepts are still there.
        base = Path(folder) / "base.jsonl"
        base.write_bytes(SHIPPED.read_bytes())
        got = imported(path, base, on_conflict="replace")
        originals = {c.uid: c for c in SHIPPED_CONCEPTS}
        check_added(got, set(originals), added)
        want = {**{u: originals[u] for u in deleted}, **expected}
        assert {u: canonical(c) for u, c in got.items() if u in originals} == {
            u: canonical(c) for u, c in want.items()
        }
