"""``glossary lookup`` on the shipped term base: the gold set of issue 12, exit statuses, "did you mean"."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner
from conftest import REPO

from glossary.cli import cli
from glossary.store import TermBase

CASES = REPO / "tests" / "data" / "lookup_cases.tsv"


def _cases() -> list[dict[str, str]]:
    with open(CASES, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def shipped():
    with TermBase.open(REPO / "terms" / "glossary.jsonl", readonly=True) as tb:
        yield tb


def _english(concept) -> set[str]:
    return {t.text.casefold() for t in concept.terms if t.lang.startswith("en")}


@pytest.mark.parametrize("case", [c for c in _cases() if c["kind"] != "near-miss"], ids=lambda c: c["query"])
def test_gold_query_finds_its_entry_first_or_nothing(shipped, case):
    found = shipped.search(case["query"])
    if not case["expected_en"]:
        assert found == []
    else:
        assert found and case["expected_en"].casefold() in _english(found[0])


@pytest.mark.parametrize("case", [c for c in _cases() if c["kind"] == "near-miss"], ids=lambda c: c["query"])
def test_gold_near_miss_is_suggested(shipped, case):
    assert shipped.search(case["query"]) == []
    suggested = [s.concept for s in shipped.suggest(case["query"])]
    assert suggested and case["expected_en"].casefold() in _english(suggested[0])


def test_the_default_suggest_agrees_with_the_backends(shipped):
    """Any backend may keep TermBase.suggest (it reads every concept); SQLite prefilters, to the same answer."""
    for query in ("Wolrd Standards Day", "Shenzen", "白皮树", "baipishi", "Tokyo", "IEC TC 57"):
        ours = [(s.concept.uid, s.text, s.distance) for s in shipped.suggest(query)]
        default = [(s.concept.uid, s.text, s.distance) for s in TermBase.suggest(shipped, query)]
        assert ours == default, query


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    return CliRunner()


def test_json_with_nothing_found_exits_1_and_holds_the_suggestions(runner):
    result = runner.invoke(cli, ["lookup", "Belguim", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["concepts"] == []
    assert [(s["text"], s["lang"], s["type"], s["distance"]) for s in data["suggestions"]] == [("Belgium", "en", "place", 1)]
    assert data["suggestions"][0]["id"]


def test_json_with_nothing_near_exits_1_with_no_suggestion(runner):
    result = runner.invoke(cli, ["lookup", "6G", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"concepts": [], "suggestions": []}


def test_json_of_a_hit_is_still_an_array(runner):
    result = runner.invoke(cli, ["lookup", "世界標準日", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert isinstance(data, list) and "World Standards Day" in {t["text"] for t in data[0]["terms"]}


def test_human_output_says_did_you_mean(runner):
    result = runner.invoke(cli, ["lookup", "Wolrd Standards Day"])
    assert result.exit_code == 1
    assert "no entry for 'Wolrd Standards Day'" in result.stderr
    assert "did you mean:" in result.stderr
    assert "World Standards Day  (世界标准日)" in result.stderr


def test_human_output_without_suggestion_says_only_no_entry(runner):
    result = runner.invoke(cli, ["lookup", "Tokyo"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "no entry for 'Tokyo'"


def test_did_you_mean_in_chinese(runner):
    result = runner.invoke(cli, ["--lang", "zh", "lookup", "Shenzen"])
    assert result.exit_code == 1 and "Shenzhen  (深圳)" in result.stderr
