"""Detection and false alarms on drafts built from the magazine's domain.

Clean drafts (every segment right) must raise nothing; in the planted
drafts the third column names the rule each line's planted error must be
caught by ('-' for a correct line), and no other finding may appear.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from glossary.drafts.readers import read_draft
from glossary.lint import RULES, lint_draft
from glossary.match import TermIndex
from glossary.store import TermBase


@pytest.fixture(scope="module")
def index() -> TermIndex:
    with TermBase.open(FIXTURES / "lint_terms.jsonl", readonly=True) as tb:
        return TermIndex(tb.iter_concepts())


#: The ``name`` rule lives in glossary.checks.names (another module); the
#: whole set of rules is held to the same bar by the next test.
OWN_RULES = set(RULES.names()) - {"name"}


@pytest.mark.parametrize("name", ["lint_clean.tsv", "lint_clean_en_zh.tsv"])
def test_clean_drafts_raise_nothing(index, name):
    result = lint_draft(read_draft(FIXTURES / name), index, rules=OWN_RULES)
    assert [(f.line, f.rule, f.message) for f in result.findings] == []


def test_clean_draft_with_the_name_rule(index):
    result = lint_draft(read_draft(FIXTURES / "lint_clean.tsv"), index)
    assert [(f.line, f.rule, f.message) for f in result.findings] == []


@pytest.mark.parametrize("name", ["lint_planted.tsv", "lint_planted_en_zh.tsv"])
def test_planted_errors_are_caught(index, name):
    draft = read_draft(FIXTURES / name)
    expected = {s.line: s.notes[0] for s in draft.segments if s.notes and s.notes[0] != "-"}
    result = lint_draft(draft, index)
    got = {(f.line, f.rule) for f in result.findings}
    assert got == set(expected.items())
