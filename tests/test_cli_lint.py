"""``glossary check`` and ``glossary lint`` end to end: output and exit status."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from glossary.cli.check import check
from glossary.cli.lint import lint

DB = str(FIXTURES / "lint_terms.jsonl")


@pytest.fixture
def runner(monkeypatch, tmp_path) -> CliRunner:
    monkeypatch.setenv("GLOSSARY_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    return CliRunner()


def test_check_clean_pair_exits_0(runner):
    r = runner.invoke(check, ["--source", "她穿着和服", "--target", "She wore a kimono", "--db", DB])
    assert r.exit_code == 0, r.output
    assert "0 findings" in r.output


def test_check_finding_exits_1_and_json(runner):
    r = runner.invoke(
        check, ["--source", "她穿着和服", "--target", "She wore a dress", "--db", DB, "--format", "json"]
    )
    assert r.exit_code == 1
    (item,) = json.loads(r.output)
    assert item["rule"] == "term" and item["source_term"] == "和服" and item["file"] == "-"


def test_fail_on_warning_and_never(runner):
    args = ["--source", "IEC发布", "--target", "The commission published", "--db", DB, "--rules", "latin"]
    assert runner.invoke(check, args).exit_code == 0
    assert runner.invoke(check, [*args, "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(check, [*args, "--fail-on", "never", "--disable", "latin"]).exit_code == 0


def test_usage_errors_exit_2(runner):
    assert runner.invoke(check, ["--source", "x", "--db", DB]).exit_code == 2
    r = runner.invoke(check, ["--source", "x", "--target", "y", "--db", DB, "--rules", "spelling"])
    assert r.exit_code == 2 and "unknown rule" in r.output
    r = runner.invoke(check, ["--source", "x", "--target", "y", "--db", DB, "--source-lang", "xx-!!"])
    assert r.exit_code == 2


def test_lint_planted_draft(runner):
    r = runner.invoke(lint, [str(FIXTURES / "lint_planted.tsv"), "--db", DB, "--no-ignore-file"])
    assert r.exit_code == 1
    assert "lint_planted.tsv:7: error [term]" in r.output
    assert r.output.rstrip().splitlines()[-1].startswith("8 findings in 9 segments")


def test_lint_clean_draft_exits_0(runner):
    r = runner.invoke(
        lint, [str(FIXTURES / "lint_clean_en_zh.tsv"), "--db", DB, "--format", "json", "--disable", "name"]
    )
    assert r.exit_code == 0 and json.loads(r.output) == []


def test_lint_ignore_file(runner, tmp_path):
    draft = tmp_path / "d.tsv"
    draft.write_text("他穿着和服\tHe wore a suit\nIEC发布\tpublished\n", encoding="utf-8")
    r = runner.invoke(lint, [str(draft), "--db", DB, "--format", "json", "--fail-on", "warning"])
    assert {i["rule"] for i in json.loads(r.output)} == {"term", "latin"}
    (tmp_path / ".glossaryignore").write_text("term:和服\nd.tsv:2:latin\n", encoding="utf-8")
    r = runner.invoke(lint, [str(draft), "--db", DB, "--format", "json", "--fail-on", "warning"])
    assert r.exit_code == 0 and json.loads(r.output) == []


def test_lint_bad_input_exit_2_names_file_and_line(runner, tmp_path):
    draft = tmp_path / "bad.tsv"
    draft.write_text("源\tsource\nno tab here\n", encoding="utf-8")
    r = runner.invoke(lint, [str(draft), "--db", DB, "--input-format", "tsv"])
    assert r.exit_code == 2
    assert "bad.tsv:2" in r.output
    r = runner.invoke(lint, [str(tmp_path / "missing.tsv"), "--db", DB])
    assert r.exit_code == 2


def test_missing_term_base_exit_3(runner, tmp_path):
    r = runner.invoke(check, ["--source", "a", "--target", "b", "--db", str(tmp_path / "none.sqlite")])
    assert r.exit_code == 3


@pytest.mark.parametrize("name", ["lint_planted.tsv", "lint_planted_en_zh.tsv"])
def test_lint_jobs_gives_the_same_output(runner, name):
    args = [str(FIXTURES / name), "--db", DB, "--format", "json"]
    one = runner.invoke(lint, [*args, "--jobs", "1"])
    two = runner.invoke(lint, [*args, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    found = json.loads(one.output)
    assert {item["rule"] for item in found} >= {"term", "consistency", "number"}
    assert two.output == one.output


def test_lint_negative_jobs_is_a_usage_error(runner):
    r = runner.invoke(lint, [str(FIXTURES / "lint_planted.tsv"), "--db", DB, "--jobs", "-1"])
    assert r.exit_code == 2
