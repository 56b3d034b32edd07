"""The ignore file: syntax, matching, discovery."""

from __future__ import annotations

import pytest

from glossary.checks.base import Finding
from glossary.errors import InputError
from glossary.lint import IgnoreRules


def finding(rule="term", file="d.tsv", line=3, unit=None, source_term="标准") -> Finding:
    return Finding(rule, "error", "m", file, line=line, unit=unit, source_term=source_term)


def test_rule_everywhere_and_star():
    rules = IgnoreRules.parse("consistency\n")
    assert rules.matches(finding("consistency"))
    assert not rules.matches(finding("term"))
    assert IgnoreRules.parse("*").matches(finding("number"))


def test_rule_with_source_term_is_normalized():
    rules = IgnoreRules.parse("term:World  Standards Day\nterm:标准")
    assert rules.matches(finding(source_term="world standards day"))
    assert rules.matches(finding(source_term="标准"))
    assert not rules.matches(finding(source_term="标准化"))


def test_file_line_range_unit_and_glob(tmp_path):
    rules = IgnoreRules.parse(
        "# comment\n"
        "d.tsv:3:term\n"
        "d.tsv:10-20:*   # a trailing comment\n"
        "book.xlf:u17:name\n"
        "drafts/*.tsv:number\n",
        base=tmp_path,
    )
    assert rules.matches(finding(line=3))
    assert not rules.matches(finding(line=4))
    assert rules.matches(finding("latin", line=15))
    assert rules.matches(finding("name", file="book.xlf", line=None, unit="u17"))
    assert not rules.matches(finding("name", file="book.xlf", line=None, unit="u18"))
    assert rules.matches(finding("number", file=str(tmp_path / "drafts" / "a.tsv")))
    assert not rules.matches(finding("number", file=str(tmp_path / "other" / "a.tsv")))
    # A glob without '/' also matches the file name alone.
    assert rules.matches(finding(file="some/where/d.tsv", line=3))


def test_bad_entry_names_file_and_line():
    with pytest.raises(InputError) as err:
        IgnoreRules.parse("term\nd.tsv:3:terms\n", path="x/.glossaryignore")
    assert err.value.file == "x/.glossaryignore" and err.value.line == 2


def test_discover_nearest(tmp_path):
    (tmp_path / ".glossaryignore").write_text("latin\n", encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    draft = sub / "d.tsv"
    draft.write_text("x\ty\n", encoding="utf-8")
    found = IgnoreRules.discover(draft)
    assert found is not None and found.matches(finding("latin"))
    (sub / ".glossaryignore").write_text("number\n", encoding="utf-8")
    nearer = IgnoreRules.discover(draft)
    assert nearer.matches(finding("number")) and not nearer.matches(finding("latin"))


def test_missing_ignore_file(tmp_path):
    with pytest.raises(InputError):
        IgnoreRules.load(tmp_path / "nope")
