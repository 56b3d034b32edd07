"""Send it out (issue 11): ``--for cat``, the XLSX export for CAT tools, ``--status-vocab usage``."""

from __future__ import annotations

import io
import json

from click.testing import CliRunner
from conftest import REPO

from glossary import api
from glossary.cli import cli
from glossary.formats import export_concepts
from glossary.formats.spreadsheet import XLSX_COLUMNS
from glossary.model import Concept, Flag, Source, Term

SHIPPED = REPO / "terms" / "glossary.jsonl"


def concept() -> Concept:
    return Concept(
        type="term", uid="c5c87a7162786", confidence=0.6, evidence=["composition"], note="a note",
        sources=[Source("/home/me/corpus/a.txt", 3, "around it", parent="cparent")],
        terms=[
            Term("en", "=SUM(1)", flags=[Flag("review", "confidence 0.60")], sources=[Source("a.txt", 3, "ctx")]),
            Term("zh-Hans", "标准", pinyin="biāozhǔn"),
            Term("en", "norm", status="admitted"),
            Term("zh-Hans", "规范", status="deprecated"),
        ],
    )


def test_for_cat_leaves_out_build_details_and_keeps_terms(tmp_path):
    for fmt in ("tbx", "tbx2008", "csv"):
        out = io.BytesIO()
        export_concepts([concept()], out, fmt, audience="cat")
        text = out.getvalue().decode("utf-8-sig")
        for detail in ("a.txt", "around it", "ctx", "composition", "0.6", "review", "c5c87a7162786", "cparent"):
            assert detail not in text, (fmt, detail)
        for kept in ("标准", "biāozhǔn", "norm", "规范", "a note"):
            assert kept in text, (fmt, kept)
        full = io.BytesIO()
        export_concepts([concept()], full, fmt)
        assert "a.txt" in full.getvalue().decode("utf-8-sig")


def test_for_cat_tbx_of_the_shipped_term_base_is_valid(tmp_path):
    out = tmp_path / "cat.tbx"
    result = CliRunner().invoke(cli, ["export", "--db", str(SHIPPED), "--for", "cat", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert api.validate(out).ok
    assert "../shared" not in out.read_text(encoding="utf-8")


def test_the_shipped_term_base_records_relative_paths_only():
    for line in SHIPPED.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        files = [s["file"] for s in entry.get("sources", [])]
        files += [s["file"] for t in entry["terms"] for s in t.get("sources", [])]
        assert not any(f.startswith("/") or ":\\" in f for f in files), files


def xlsx_rows(data: bytes) -> list[list]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def test_xlsx_export_has_the_header_cat_tools_map_and_text_cells():
    out = io.BytesIO()
    assert export_concepts([concept()], out, "xlsx") == 1
    header, row = xlsx_rows(out.getvalue())
    assert header[:2] == ["en", "zh-CN"] and tuple(header[2:7]) == XLSX_COLUMNS
    cells = dict(zip(header, row, strict=True))
    assert cells["en"] == "=SUM(1)"  # text, not a formula
    assert (cells["zh-CN"], cells["pinyin"], cells["status"], cells["note"]) == ("标准", "biāozhǔn", "preferred", "a note")
    assert (cells["en_admitted"], cells["zh-CN_deprecated"]) == ("norm", "规范")
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet["A2"].data_type == "s"
    script = io.BytesIO()
    export_concepts([concept()], script, "xlsx", lang_style="script")
    assert xlsx_rows(script.getvalue())[0][:2] == ["en", "zh-Hans"]


def test_xlsx_export_is_deterministic_and_imports_back(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    api.export(first, db=SHIPPED, format="xlsx")
    api.export(second, db=SHIPPED, format="xlsx")
    assert first.read_bytes() == second.read_bytes()
    report = api.import_(first, tmp_path / "back.jsonl")
    shipped = sum(1 for line in SHIPPED.read_text(encoding="utf-8").splitlines() if line.strip())
    assert report.added == shipped and report.rejected == []
    with api.open_termbase(SHIPPED, readonly=True) as tb:
        want = sorted((t.lang, t.text, t.status) for c in tb.iter_concepts() for t in c.terms)
    with api.open_termbase(tmp_path / "back.jsonl", readonly=True) as tb:
        got = sorted((t.lang, t.text, t.status) for c in tb.iter_concepts() for t in c.terms)
    assert got == want


def test_status_vocab_usage_says_validate_will_refuse_it(tmp_path):
    out = tmp_path / "u.tbx"
    result = CliRunner().invoke(cli, ["export", "--db", str(SHIPPED), "--status-vocab", "usage", "-o", str(out)])
    assert result.exit_code == 0
    assert "usageStatus" in result.stderr and "administrativeStatus" in result.stderr
    problems = api.validate(out).problems
    assert problems and all("administrativeStatus" in message or "termNote" in message for _line, message in problems)
