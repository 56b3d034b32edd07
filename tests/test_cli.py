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
    en = next(t for t in person["terms"] if t["lang"] == "en")
    assert en["flags"][0]["code"] == "pinyin-mismatch"
    assert "贊" in en["flags"][0]["detail"]
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
