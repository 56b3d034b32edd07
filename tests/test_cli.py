"""End-to-end CLI: build, lookup, errors, languages (through CliRunner)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from glossary.cli import cli
from glossary.errors import EXIT_INPUT, EXIT_TERMBASE


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def built(tmp_path, runner):
    db = tmp_path / "tb.sqlite"
    result = runner.invoke(cli, ["build", str(FIXTURES / "corpus_layouts.txt"), "--db", str(db), "--no-align"])
    assert result.exit_code == 0, result.output
    return db


def test_build_reports_counts_and_mismatch(tmp_path, runner):
    db = tmp_path / "tb.sqlite"
    result = runner.invoke(cli, ["build", str(FIXTURES / "corpus_layouts.txt"), "--db", str(db), "--no-align"])
    assert result.exit_code == 0, result.output
    assert "pinyin mismatch: Li Yun / 李贊" in result.output
    assert "Zeng Zheng" not in result.output.split("pinyin mismatch")[-1]


def test_rebuild_changes_nothing(tmp_path, runner):
    db = tmp_path / "tb.jsonl"
    args = ["build", str(FIXTURES / "corpus_layouts.txt"), "--db", str(db), "--no-align"]
    assert runner.invoke(cli, args).exit_code == 0
    before = db.read_bytes()
    result = runner.invoke(cli, args)
    assert result.exit_code == 0
    assert "0 concepts added, 0 merged" in result.output
    assert db.read_bytes() == before


def test_lookup_by_english_chinese_and_pinyin(built, runner):
    for query in ("china standardization press", "中国标准化杂志社", "zhongguobiaozhunhua", "Zhōngguó biāozhǔnhuà"):
        result = runner.invoke(cli, ["lookup", query, "--db", str(built)])
        assert result.exit_code == 0, (query, result.output)
        assert "中国标准化杂志社" in result.output


def test_lookup_json_shows_flags_and_provenance(built, runner):
    result = runner.invoke(cli, ["lookup", "Li Yun", "--db", str(built), "--format", "json"])
    data = json.loads(result.output)
    person = next(c for c in data if c["type"] == "person")
    zh = next(t for t in person["terms"] if t["lang"] == "zh-Hans")
    assert zh["flags"][0]["code"] == "pinyin-mismatch"
    assert "贊" in zh["flags"][0]["detail"] and "Yun" in zh["flags"][0]["detail"]
    assert person["sources"][0]["line"] > 0


def test_lookup_nothing_exits_1(built, runner):
    result = runner.invoke(cli, ["lookup", "no such thing at all", "--db", str(built)])
    assert result.exit_code == 1


def test_missing_term_base_is_exit_3(tmp_path, runner):
    result = runner.invoke(cli, ["lookup", "x", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == EXIT_TERMBASE
    assert "none.sqlite" in result.output and "Traceback" not in result.output


def test_undecodable_input_names_file_and_offset(tmp_path, runner):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"World Standards Day\n\n\xff\xfe\xfd\xfc\x80\x81")
    db = tmp_path / "tb.sqlite"
    result = runner.invoke(cli, ["build", str(bad), "--db", str(db)])
    assert result.exit_code == EXIT_INPUT
    assert "bad.txt:3" in result.output and "byte offset" in result.output


def test_bad_input_leaves_term_base_untouched(built, tmp_path, runner):
    before = runner.invoke(cli, ["lookup", "ZTE", "--db", str(built), "--format", "json"]).output
    missing = tmp_path / "missing.txt"
    result = runner.invoke(cli, ["build", str(FIXTURES / "corpus_layouts.txt"), str(missing), "--db", str(built)])
    assert result.exit_code == EXIT_INPUT and "missing.txt" in result.output
    assert runner.invoke(cli, ["lookup", "ZTE", "--db", str(built), "--format", "json"]).output == before


def test_gb18030_and_utf16_inputs(tmp_path, runner):
    text = (FIXTURES / "corpus_layouts.txt").read_text(encoding="utf-8")
    for name, data in (("gb.txt", text.replace("©", "(c)").encode("gb18030")), ("u16.txt", b"\xff\xfe" + text.encode("utf-16-le"))):
        path = tmp_path / name
        path.write_bytes(data)
        db = tmp_path / f"{name}.sqlite"
        result = runner.invoke(cli, ["build", str(path), "--db", str(db), "--no-align"])
        assert result.exit_code == 0, result.output
        assert "中兴" in runner.invoke(cli, ["lookup", "ZTE", "--db", str(db)]).output


def test_help_in_chinese(runner):
    result = runner.invoke(cli, ["--lang", "zh", "lookup", "--help"])
    assert result.exit_code == 0
    assert "拼音" in result.output


def test_errors_in_chinese(tmp_path, runner):
    result = runner.invoke(cli, ["--lang", "zh", "lookup", "x", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == EXIT_TERMBASE
    assert "术语库" in result.output


def test_shipped_term_base_works_out_of_the_box(runner, monkeypatch):
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    result = runner.invoke(cli, ["lookup", "World Standards Day"])
    assert result.exit_code == 0, result.output
    assert "世界标准日" in result.output


def test_fresh_rebuild_that_fails_keeps_the_old_term_base(built, tmp_path, runner):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfd\x80\x81 not text")
    result = runner.invoke(cli, ["build", "--fresh", str(bad), "--db", str(built), "--encoding", "utf-8"])
    assert result.exit_code == EXIT_INPUT
    assert "中兴" in runner.invoke(cli, ["lookup", "ZTE", "--db", str(built)]).output


def test_unknown_encoding_is_an_input_error(tmp_path, runner):
    result = runner.invoke(
        cli, ["build", str(FIXTURES / "corpus_layouts.txt"), "--db", str(tmp_path / "x.sqlite"), "--encoding", "klingon"]
    )
    assert result.exit_code == EXIT_INPUT and "klingon" in result.output


# -- exchange ------------------------------------------------------------------

SHIPPED_TBX = FIXTURES.parent.parent / "terms" / "glossary.tbx"


def test_export_csv_contract(built, runner):
    result = runner.invoke(cli, ["export", "--db", str(built), "--format", "csv"])
    assert result.exit_code == 0, result.output
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    for column in ("id", "type", "en", "zh", "pinyin", "status", "flags", "source"):
        assert column in rows[0]
    flagged = {r["en"] for r in rows if "pinyin-mismatch" in r["flags"]}
    assert flagged == {"Li Yun"}
    zte = next(r for r in rows if r["en"] == "ZTE")
    assert zte["zh"] == "中兴" and zte["type"] == "org" and "layouts.txt:" in zte["source"]


def test_export_unknown_language_writes_nothing(built, tmp_path, runner):
    out = tmp_path / "out.tbx"
    result = runner.invoke(cli, ["export", "--db", str(built), "--lang", "xx-YY", "-o", str(out)])
    assert result.exit_code == EXIT_INPUT and "xx-YY" in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == [built] + [p for p in tmp_path.iterdir() if p != built and p.name.startswith("tb.sqlite")]


def test_export_import_export_is_identical(built, tmp_path, runner):
    first = tmp_path / "one.tbx"
    assert runner.invoke(cli, ["export", "--db", str(built), "-o", str(first)]).exit_code == 0
    db2 = tmp_path / "two.sqlite"
    result = runner.invoke(cli, ["import", str(first), "--db", str(db2)])
    assert result.exit_code == 0, result.output
    again = runner.invoke(cli, ["import", str(first), "--db", str(db2)])
    assert "0 added" in again.output
    second = tmp_path / "two.tbx"
    assert runner.invoke(cli, ["export", "--db", str(db2), "-o", str(second)]).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_import_malformed_file_names_the_line_and_changes_nothing(built, tmp_path, runner):
    bad = tmp_path / "bad.tbx"
    bad.write_text('<?xml version="1.0"?>\n<tbx>\n<text><body>\n</tbx>\n', encoding="utf-8")
    before = runner.invoke(cli, ["export", "--db", str(built), "--format", "csv"]).stdout_bytes
    result = runner.invoke(cli, ["import", str(bad), "--db", str(built)])
    assert result.exit_code == EXIT_INPUT
    assert "bad.tbx:4" in result.output and "Traceback" not in result.output
    assert runner.invoke(cli, ["export", "--db", str(built), "--format", "csv"]).stdout_bytes == before


def test_validate_reports_problems_with_lines(tmp_path, runner):
    bad = tmp_path / "bad.tbx"
    bad.write_text(
        '<?xml version="1.0"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" '
        'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader/><text><body>\n'
        '<conceptEntry id="1bad"><langSec xml:lang="en"><termSec><term>x</term>'
        '<termNote type="madeUp">y</termNote></termSec></langSec></conceptEntry>\n'
        "</body></text></tbx>\n",
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "bad.tbx:3:" in result.output


def test_shipped_tbx_is_current_and_valid(runner, monkeypatch):
    """terms/glossary.tbx is the shipped term base as TBX: same content, valid."""
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    result = runner.invoke(cli, ["export", "--format", "tbx"])
    assert result.exit_code == 0
    assert result.stdout_bytes == SHIPPED_TBX.read_bytes(), "run the rebuild commands in the README"
    assert runner.invoke(cli, ["validate", str(SHIPPED_TBX)]).exit_code == 0


def test_build_without_db_never_touches_the_shipped_term_base(runner, monkeypatch):
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    result = runner.invoke(cli, ["build", str(FIXTURES / "corpus_layouts.txt")])
    assert result.exit_code == EXIT_INPUT and "--db" in result.output


# -- loading commands ------------------------------------------------------------


def _group_with(target: str):
    import click

    from glossary.cli.base import I18nGroup

    @click.group(cls=I18nGroup, lazy_commands={"broken": target})
    def group() -> None:
        pass

    return group


def test_a_command_that_fails_to_import_is_an_error_not_a_missing_command(runner, monkeypatch):
    monkeypatch.delenv("GLOSSARY_DEBUG", raising=False)
    result = runner.invoke(_group_with("glossary.no_such_module:command"), ["broken"])
    assert result.exit_code == 70
    assert "No such command" not in result.output and "glossary.no_such_module" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_plugin_error_while_loading_a_command_keeps_its_exit_status(runner, tmp_path, monkeypatch):
    from glossary.errors import EXIT_PLUGIN

    (tmp_path / "bad_command.py").write_text(
        "from glossary.errors import PluginError\nraise PluginError('rule spelling cannot be loaded')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    result = runner.invoke(_group_with("bad_command:command"), ["broken"])
    assert result.exit_code == EXIT_PLUGIN
    assert result.output.strip() == "error: rule spelling cannot be loaded"
