"""The rule protocol and the registry: the engine runs whatever ``RULES`` holds, and nothing else.

A rule is one object (``name``, ``order``, ``description``, ``default``,
``scope`` and ``check(ctx)``, or ``gather``/``start`` for a draft rule); these
tests register trivial ones and see their findings through ``check_pair`` and
``lint_draft``, and plant broken rule modules to see a named error instead
of silence.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, REPO

import glossary.checks
import glossary.checks.base as base_module
import glossary.cli  # noqa: F401  (registers the commands)
from glossary.checks import RULES
from glossary.checks.base import (
    DraftRule,
    Finding,
    Place,
    RunContext,
    SegmentContext,
    SegmentRule,
    SegmentRuleBase,
)
from glossary.cli.check import check
from glossary.drafts.base import Draft, Segment
from glossary.errors import EXIT_PLUGIN, InputError, PluginError
from glossary.lint import IgnoreRules, check_pair, lint_draft, select_rules
from glossary.match import TermIndex
from glossary.model import Concept, Term
from glossary.store import TermBase

BUILT_IN = ["term", "deprecated", "name", "number", "latin", "consistency"]
DB = str(FIXTURES / "lint_terms.jsonl")


@pytest.fixture(scope="module")
def index() -> TermIndex:
    with TermBase.open(FIXTURES / "lint_terms.jsonl", readonly=True) as tb:
        return TermIndex(tb.iter_concepts())


def small_index() -> TermIndex:
    return TermIndex([Concept("term", [Term("zh-Hans", "标准化"), Term("en", "standardization")], uid="c1")])


class Shout(SegmentRuleBase):
    """A trivial rule: a target written all in capitals."""

    def check(self, ctx: SegmentContext) -> list[Finding]:
        if ctx.target.isupper():
            return [Finding(self.name, "warning", f"shouting in {ctx.target_lang}", "", found=ctx.target)]
        return []


@pytest.fixture
def shout():
    rule = RULES.register(Shout("shout", 70, "A target must not be written in capitals."))
    yield rule
    RULES.unregister("shout")


def seg(source: str, target: str, line: int, file: str = "d.tsv") -> Segment:
    return Segment(source=source, target=target, file=file, line=line)


# -- the registry ---------------------------------------------------------------


def test_built_in_rules_in_order_with_the_agreed_attributes():
    # Today's order; a new built-in may go anywhere without editing this test.
    assert [n for n in RULES.names() if n in BUILT_IN] == BUILT_IN
    for rule in RULES:
        assert isinstance(rule.name, str) and rule.name.islower()
        assert isinstance(rule.order, int)
        assert isinstance(rule.description, str) and rule.description.endswith(".")
        assert rule.default is (rule.name != "truncated")  # truncated: a review aid, off unless asked
        assert rule.scope in ("segment", "draft")
        assert isinstance(rule, SegmentRule if rule.scope == "segment" else DraftRule)
        assert RULES.origin(rule.name).startswith("glossary.checks.")
    assert RULES.get("consistency").scope == "draft"
    assert all(RULES.get(n).scope == "segment" for n in BUILT_IN[:-1])


def test_the_engine_names_no_rule():
    """Dispatch goes through the registry: no built-in rule name as a string in glossary/lint.py."""
    tree = ast.parse((REPO / "glossary" / "lint.py").read_text(encoding="utf-8"))
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)}
    assert strings.isdisjoint(BUILT_IN)
    imported = {
        node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert not {m for m in imported if m.startswith(("glossary.cli", "glossary.commands"))}
    assert not {m for m in imported if m.startswith("glossary.checks.") and m != "glossary.checks.base"}


def test_select_rules_validates_against_the_registry(shout):
    assert "shout" in select_rules(None, None)
    assert select_rules("shout", None) == {"shout"}
    with pytest.raises(InputError, match="unknown rule 'shouting'") as caught:
        select_rules("shouting", None)
    assert caught.value.message.endswith("the rules are: " + ", ".join(RULES.names()))
    assert RULES.names()[-1] == "shout"


def test_a_rule_off_by_default_runs_only_when_asked():
    RULES.register(type("Quiet", (Shout,), {})("quiet", 80, "Off unless asked.", default=False))
    try:
        assert "quiet" not in select_rules(None, None)
        assert select_rules("quiet", None) == {"quiet"}
        assert check_pair("标准化", "STANDARDIZATION", "zh-Hans", "en", small_index()) == []
        (f,) = check_pair("标准化", "STANDARDIZATION", "zh-Hans", "en", small_index(), rules={"quiet"})
        assert f.rule == "quiet"
    finally:
        RULES.unregister("quiet")


# -- adding a rule is one object --------------------------------------------------


def test_a_registered_rule_reports_through_check_pair(shout):
    findings = check_pair("标准化", "STANDARDIZATION", "zh-Hans", "en", small_index())
    assert [(f.rule, f.message, f.file, f.found) for f in findings] == [
        ("shout", "shouting in en", "-", "STANDARDIZATION")
    ]
    assert check_pair("标准化 glossary-ignore: shout", "STANDARDIZATION", "zh-Hans", "en", small_index()) == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_registered_rule_reports_through_lint_draft(shout, jobs):
    draft = Draft(
        [seg("标准化", "STANDARDIZATION", 1), seg("标准化", "norms", 2), seg("标准化", "NORMS", 3)],
        "zh-Hans", "en", "tsv", ["d.tsv"],
    )
    ignore = IgnoreRules.parse("d.tsv:3:shout\nconsistency\n")
    result = lint_draft(draft, small_index(), ignore=ignore, jobs=jobs)
    assert [(f.rule, f.line, f.file) for f in result.findings] == [
        ("shout", 1, "d.tsv"), ("term", 2, "d.tsv"), ("term", 3, "d.tsv"),
    ]
    assert result.counts == {"term": 2, "shout": 1}
    assert result.suppressed == 3  # line 3's shout, and consistency at lines 2 and 3


def test_a_draft_rule_is_fed_in_order_and_finishes(monkeypatch):
    seen: list[tuple[str, int | None, object]] = []

    class Counting:
        name, order, description, default, scope = "count", 90, "Counts segments.", True, "draft"

        def gather(self, ctx: SegmentContext) -> int:
            return len(ctx.terms.source_matches)

        def start(self, run: RunContext):
            rule = self

            class Pass:
                def add(self, ctx: SegmentContext, data: int) -> list[Finding]:
                    seen.append((ctx.source, ctx.place.line, data))
                    return []

                def finish(self) -> list[Finding]:
                    return [Finding(rule.name, "info", f"{len(seen)} segments", "d.tsv", line=None)]

            return Pass()

    RULES.register(Counting())
    try:
        draft = Draft([seg("标准化", "standardization", 1), seg("市场", "", 2), seg("好", "good", 3)],
                      "zh-Hans", "en", "tsv", ["d.tsv"])
        result = lint_draft(draft, small_index())
        assert seen == [("标准化", 1, 1), ("好", 3, 0)]  # the untranslated segment is skipped
        assert [(f.rule, f.message) for f in result.findings] == [("count", "2 segments")]
        # One pair has no draft: check leaves draft rules out.
        assert check_pair("标准化", "standardization", "zh-Hans", "en", small_index()) == []
    finally:
        RULES.unregister("count")


def test_explains_is_generic(shout):
    """A rule's ``explains`` hook drops the findings it explains, whatever their rule."""

    class Loud(Shout):
        def explains(self, finding: Finding, other: Finding) -> bool:
            return other.rule == "shout"

    RULES.register(Loud("loud", 75, "Explains shouting."))
    try:
        findings = check_pair("标准化", "STANDARDIZATION", "zh-Hans", "en", small_index())
        assert [f.rule for f in findings] == ["loud"]
        only = check_pair("标准化", "STANDARDIZATION", "zh-Hans", "en", small_index(), rules={"shout"})
        assert [f.rule for f in only] == ["shout"]
    finally:
        RULES.unregister("loud")


def test_built_in_dedupe_still_one_error_one_finding(index):
    findings = check_pair("换电服务", "Battery exchange service", "zh-Hans", "en", index)
    assert [f.rule for f in findings] == ["deprecated"]
    # Without ``deprecated`` the missing term is reported again.
    alone = check_pair("换电服务", "Battery exchange service", "zh-Hans", "en", index, rules={"term"})
    assert [f.rule for f in alone] == ["term"]


# -- the context ------------------------------------------------------------------


def test_the_term_analysis_is_computed_once_per_segment(monkeypatch):
    calls = []
    real = base_module.analyse

    def counting(*args):
        calls.append(args[0])
        return real(*args)

    monkeypatch.setattr(base_module, "analyse", counting)
    draft = Draft([seg("标准化", "norms", 1), seg("标准化", "standardization", 2)], "zh-Hans", "en", "tsv", ["d.tsv"])
    result = lint_draft(draft, small_index(), rules={"term", "deprecated", "consistency"})
    assert calls == ["标准化", "标准化"]
    assert [f.rule for f in result.findings] == ["term", "consistency"]
    calls.clear()
    lint_draft(draft, small_index(), rules={"number", "latin"})
    assert calls == []  # no rule asked for it


def test_context_carries_languages_names_and_place():
    index = TermIndex([Concept("person", [Term("zh-Hans", "靳吉丽"), Term("en", "Jin Jili")], uid="p1")])
    run = RunContext(index, "zh-Hans", "en")
    ctx = SegmentContext(run, "文/靳吉丽", "By Jin Jili", Place("a.tsv", 3))
    assert (ctx.source_lang, ctx.target_lang, ctx.index) == ("zh-Hans", "en", index)
    assert ctx.known_names == {"靳吉丽": "Jin Jili"} and ctx.known_names is run.known_names
    assert str(ctx.place) == "a.tsv:3" and run.chinese
    assert not ctx.has_terms
    given = RunContext(index, "en", "zh-Hans", known_names={})
    assert given.known_names == {}


# -- a broken rule is an error that names it, never silence ------------------------


def _reset_registry(monkeypatch):
    monkeypatch.setattr(RULES, "_items", None)


def test_a_broken_built_in_rule_module_is_a_plugin_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "glossary.checks.numbers", None)  # as a typo's ImportError would
    _reset_registry(monkeypatch)
    with pytest.raises(PluginError, match="glossary.checks.numbers"):
        check_pair("2024年", "in 2023", "zh-Hans", "en", small_index())


def test_a_planted_failing_rule_module_makes_check_fail_not_print_nothing(monkeypatch, tmp_path):
    (tmp_path / "planted.py").write_text("import glossary.no_such_module\nRULE = None\n", encoding="utf-8")
    monkeypatch.setattr(glossary.checks, "__path__", [*glossary.checks.__path__, str(tmp_path)])
    _reset_registry(monkeypatch)
    monkeypatch.setenv("GLOSSARY_CACHE", str(tmp_path / "cache"))
    r = CliRunner().invoke(check, ["--source", "2024年", "--target", "in 2023", "--db", DB, "--format", "json"])
    assert r.exit_code == EXIT_PLUGIN
    assert "[]" not in r.output
    assert "glossary.checks.planted" in r.output and "no_such_module" in r.output
    assert "Traceback" not in r.output


def test_a_typo_in_a_rule_module_stops_the_real_command(tmp_path):
    """The issue's case: a broken ``checks/numbers.py`` made ``glossary check`` print [] and exit 0."""
    code = (
        "import sys\n"
        "sys.modules['glossary.checks.numbers'] = None\n"
        "sys.argv = ['glossary', 'check', '--source', '2024年', '--target', 'in 2023', '--db', sys.argv[1],"
        " '--format', 'json']\n"
        "from glossary.cli import main\n"
        "main()\n"
    )
    env = {"GLOSSARY_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-c", code, DB], cwd=Path(REPO), env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == EXIT_PLUGIN, (proc.stdout, proc.stderr)
    assert proc.stdout.strip() != "[]"
    assert "glossary.checks.numbers" in proc.stderr and "Traceback" not in proc.stderr


def test_a_plugin_rule_name_in_markers_and_the_ignore_file():
    RULES.register(Shout("my_rule2", 85, "Shouts, under a name with a digit."))
    try:
        pair = ("标准化", "STANDARDIZATION")
        assert [f.rule for f in check_pair(*pair, "zh-Hans", "en", small_index())] == ["my_rule2"]
        for marker in (" glossary:ignore[my_rule2]", " glossary-ignore: term, my_rule2"):
            assert check_pair(pair[0] + marker, pair[1], "zh-Hans", "en", small_index()) == []
        ignore = IgnoreRules.parse("my_rule2\n")
        draft = Draft([seg(*pair, 1)], "zh-Hans", "en", "tsv", ["d.tsv"])
        result = lint_draft(draft, small_index(), ignore=ignore)
        assert (result.findings, result.suppressed) == ([], 1)
        with pytest.raises(InputError, match="expected a rule name"):
            IgnoreRules.parse("d.tsv:3:my_rule3\n")
    finally:
        RULES.unregister("my_rule2")
