"""The format-side reproducers of ``../shared/repro/termbase-faults.sh`` (issue 11), each a test."""

from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner
from lxml import etree

from glossary import api
from glossary.cli import cli
from glossary.errors import OutputError
from glossary.formats import export_concepts
from glossary.formats.tabular import FORMULA_START, neutralize, unneutralize
from glossary.model import Concept, Term

TBX_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><tbx type="TBX-Basic" style="dca" xml:lang="en" '
    'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc>'
    "</fileDesc></tbxHeader><text><body>"
)
TBX_TAIL = "</body></text></tbx>"


def terms_of(db) -> list[tuple[str, str]]:
    with api.open_termbase(db, readonly=True) as tb:
        return sorted((t.lang, t.text) for c in tb.iter_concepts() for t in c.terms)


# -- R1, R1b, R1c: a term said twice in one entry is merged and reported, never a crash ---------


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("usgb.tbx", TBX_HEAD + '<conceptEntry id="c1"><langSec xml:lang="en-US"><termSec><term>colour chart'
         '</term></termSec></langSec><langSec xml:lang="en-GB"><termSec><term>colour chart</term></termSec>'
         "</langSec></conceptEntry>" + TBX_TAIL, [("en", "colour chart")]),
        ("v2dup.tbx", '<martif type="TBX" xml:lang="en"><text><body><termEntry id="a"><langSet xml:lang="en">'
         "<tig><term>OK</term></tig><tig><term>OK</term></tig></langSet></termEntry></body></text></martif>",
         [("en", "OK")]),
        ("dupcell.csv", "en,zh,en_admitted\nStandard,标准,norm | norm\n",
         [("en", "Standard"), ("en", "norm"), ("zh-Hans", "标准")]),
    ],
)
def test_r1_duplicates_in_one_entry_are_merged_and_reported(tmp_path, name, text, expected):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = api.import_(path, tmp_path / "tb.jsonl")
    assert report.added == 1 and report.rejected == []
    assert any(line.startswith("duplicate term in one entry merged") for line in report.mapped)
    assert terms_of(tmp_path / "tb.jsonl") == expected


# -- R11: a control character never reaches the term base, and stdout never gets half a file ----


def test_r11_control_character_is_removed_at_import_and_reported(tmp_path):
    path = tmp_path / "ctl.csv"
    path.write_text('en,zh,note\n"ctrl\x01char",标准,"a\x1fnote"\n"\x02",规范\n', encoding="utf-8")
    db = tmp_path / "tb.jsonl"
    report = api.import_(path, db)
    assert "control characters XML cannot carry removed (3)" in report.mapped
    assert ("en", "ctrlchar") in terms_of(db)
    out = io.BytesIO()
    api.export(out, db=db, format="tbx")
    etree.fromstring(out.getvalue())  # well-formed


def test_r11_a_failed_export_writes_nothing_to_standard_output(tmp_path):
    db = tmp_path / "hand-edited.jsonl"
    db.write_text(json.dumps({"id": "c1", "type": "term", "terms": [
        {"lang": "en", "text": "fine", "status": "preferred"}]}) + "\n" + json.dumps(
        {"id": "c2", "type": "term", "terms": [{"lang": "en", "text": "bad\x01", "status": "preferred"}]}) + "\n",
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", "--db", str(db)])
    assert result.exit_code == 4
    assert result.stdout_bytes == b""
    assert "U+0001" in result.stderr


def test_r11_a_stream_given_by_a_caller_gets_nothing_on_failure():
    out = io.BytesIO()
    concepts = [Concept(type="term", uid="c1", terms=[Term("en", "fine")]),
                Concept(type="term", uid="c2", terms=[Term("en", "bad\x01")])]
    with pytest.raises(OutputError):
        export_concepts(concepts, out, "tbx")
    assert out.getvalue() == b""


# -- R12: the OmegaT TSV export keeps a term that starts with '#' -------------------------------


def test_r12_tsv_keeps_terms_starting_with_a_hash(tmp_path):
    concepts = [Concept(type="term", terms=[Term("en", "#1 priority"), Term("zh-Hans", "头等大事")]),
                Concept(type="term", terms=[Term("en", "C# language"), Term("zh-Hans", "C#语言")])]
    out = io.BytesIO()
    export_concepts(concepts, out, "tsv")
    lines = out.getvalue().decode("utf-8").splitlines()
    # As OmegaT reads it: a line starting with '#' is a comment, every cell is trimmed.
    kept = [line.split("\t")[0].strip() for line in lines if not line.startswith("#")]
    assert kept == ["#1 priority", "C# language"]
    path = tmp_path / "g.tsv"
    path.write_bytes(out.getvalue())
    api.import_(path, tmp_path / "tb.jsonl")
    assert ("en", "#1 priority") in terms_of(tmp_path / "tb.jsonl")


# -- R13: the formula guard covers tab, CR, LF and the full-width signs --------------------------


@pytest.mark.parametrize("start", list(FORMULA_START))
def test_r13_formula_guard_covers_every_formula_start(start):
    value = f"{start}1+1"
    assert neutralize(value) == "'" + value
    assert unneutralize(neutralize(value)) == value


def test_r13_csv_export_neutralizes_tab_cr_and_fullwidth_equals(tmp_path):
    path = tmp_path / "inj.csv"
    path.write_text('en,zh\n"\t=1+1",标准\n"\r=1+1",标准化\nok,"＝1+1"\n', encoding="utf-8")
    db = tmp_path / "tb.jsonl"
    api.import_(path, db)
    out = io.BytesIO()
    api.export(out, db=db, format="csv")
    text = out.getvalue().decode("utf-8-sig")
    assert "'\t=1+1" not in text  # spaces (a tab too) around a term are removed at import
    assert "'＝1+1" in text


# -- TBX round trips and spaces around a term: removed at import, whatever the format -----------


@pytest.mark.parametrize("fmt", ["csv", "tbx", "tbx2008"])
def test_spaces_around_a_term_are_removed_and_reported_in_every_format(tmp_path, fmt):
    source = tmp_path / "s.csv"
    source.write_text('en,zh\n" padded ","标准 "\n', encoding="utf-8")
    first = tmp_path / "first.jsonl"
    report = api.import_(source, first)
    assert "spaces around a term removed (2)" in report.mapped
    assert terms_of(first) == [("en", "padded"), ("zh-Hans", "标准")]
    exported = tmp_path / f"x.{'csv' if fmt == 'csv' else 'tbx'}"
    api.export(exported, db=first, format=fmt)
    api.import_(exported, tmp_path / "second.jsonl")
    assert terms_of(tmp_path / "second.jsonl") == terms_of(first)
