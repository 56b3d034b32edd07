"""Linting many files in one call: discovery, configuration, baseline, cache, per-file errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from glossary.baseline import Baseline, fingerprint, write_baseline
from glossary.cache import (
    LintCache,
    finding_from_data,
    finding_to_data,
    settings_key,
    termbase_identity,
)
from glossary.checks.base import Expected, Finding
from glossary.config import load_config
from glossary.discover import Excludes, expand_paths, gitignore_patterns
from glossary.errors import InputError
from glossary.match import TermIndex
from glossary.model import Concept, Term
from glossary.output import atomic_write_text
from glossary.project import LintOptions, Target, lint_project, parse_target

WRONG = "世界标准日在西安举办\tWorld Standard Day held in Xian\n"
RIGHT = "世界标准日在西安举办\tWorld Standards Day held in Xi'an\n"


def index() -> TermIndex:
    return TermIndex(
        [
            Concept("term", [Term("zh-Hans", "世界标准日"), Term("en", "World Standards Day")], uid="c1"),
            Concept("place", [Term("zh-Hans", "西安"), Term("en", "Xi'an")], uid="c2"),
        ]
    )


def tree(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "locale" / "a").mkdir(parents=True)
    (root / "locale" / "b").mkdir(parents=True)
    (root / "build").mkdir()
    (root / ".git").mkdir()
    (root / "locale" / "a" / "one.tsv").write_text("zh-Hans\ten\n" + WRONG, encoding="utf-8")
    (root / "locale" / "b" / "two.tsv").write_text("zh-Hans\ten\n" + RIGHT + WRONG, encoding="utf-8")
    (root / "locale" / "b" / "notes.md").write_text("not a draft", encoding="utf-8")
    (root / "build" / "three.tsv").write_text(WRONG, encoding="utf-8")
    (root / ".git" / "four.tsv").write_text(WRONG, encoding="utf-8")
    return root


def claims(path: Path) -> bool:
    return path.suffix in (".tsv", ".po", ".xlf")


def test_directories_are_walked_by_extension_and_excludes(tmp_path):
    root = tree(tmp_path)
    found = list(expand_paths([str(root)], claims=claims, excludes=Excludes(root, ["build/"])))
    assert [p.relative_to(root).as_posix() for p in found] == ["locale/a/one.tsv", "locale/b/two.tsv"]
    everything = list(expand_paths([str(root)], claims=claims))
    assert "build/three.tsv" in [p.relative_to(root).as_posix() for p in everything]
    # A glob, and a file named twice, once each.
    globbed = list(expand_paths([f"{root}/**/*.tsv", str(root / "locale/a/one.tsv")], claims=claims))
    assert len(globbed) == 3
    with pytest.raises(InputError, match="no such file"):
        list(expand_paths([str(root / "missing.po")], claims=claims))
    with pytest.raises(InputError, match="no file matches"):
        list(expand_paths([f"{root}/*.xyz"], claims=claims))


def test_gitignore_patterns_are_read(tmp_path):
    (tmp_path / ".gitignore").write_text("build/\n*.tmp\n", encoding="utf-8")
    assert gitignore_patterns(tmp_path) == ["build/", "*.tmp"]
    excludes = Excludes(tmp_path, gitignore_patterns(tmp_path))
    assert excludes.excluded(tmp_path / "x.tmp") and not excludes.excluded(tmp_path / "x.po")


def test_parse_target_pair_syntax(tmp_path):
    assert parse_target("a.txt=b.txt") == Target(Path("a.txt"), Path("b.txt"))
    odd = tmp_path / "we=ird.tsv"
    odd.write_text("", encoding="utf-8")
    assert parse_target(str(odd)) == Target(odd)


def test_lint_project_lints_each_file_and_keeps_going_after_a_bad_one(tmp_path):
    root = tree(tmp_path)
    bad = root / "locale" / "bad.tsv"
    bad.write_bytes(b"\xff\xfe\xfd\x80 broken")
    targets = [Target(root / "locale/a/one.tsv"), Target(bad), Target(root / "locale/b/two.tsv")]
    result = lint_project(targets, index)
    assert [f.name for f in result.files] == [str(t.path) for t in targets]
    assert result.files[1].error is not None and str(bad) in str(result.files[1].error)
    files = {f.file for f in result.findings}
    assert files == {str(root / "locale/a/one.tsv"), str(root / "locale/b/two.tsv")}
    assert result.segments == 3
    stopped = lint_project(targets, index, fail_fast=True)
    assert len(stopped.files) == 2


def test_an_empty_draft_is_an_error_not_zero_findings(tmp_path):
    empty = tmp_path / "empty.tsv"
    empty.write_text("", encoding="utf-8")
    result = lint_project([Target(empty)], index)
    assert result.files[0].error is not None and "no segments" in str(result.files[0].error)


def test_parallel_files_give_the_same_findings(tmp_path):
    root = tree(tmp_path)
    targets = [Target(p) for p in expand_paths([str(root)], claims=claims)]
    one = lint_project(targets, index, jobs=1)
    two = lint_project(targets, index, jobs=2)
    assert [f.to_json() for f in one.findings] == [f.to_json() for f in two.findings]
    assert one.findings


def test_severity_overrides_apply(tmp_path):
    root = tree(tmp_path)
    result = lint_project([Target(root / "locale/a/one.tsv")], index, options=LintOptions(severity={"term": "info"}))
    assert {f.severity for f in result.findings if f.rule == "term"} == {"info"}


def test_baseline_survives_line_moves_and_counts(tmp_path):
    root = tree(tmp_path)
    draft = root / "locale/a/one.tsv"
    only_terms = LintOptions(rules={"term"})
    before = lint_project([Target(draft)], index, options=only_terms).findings
    assert before
    path = tmp_path / "baseline.json"
    assert write_baseline(path, before, root) == len(before)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and all("fingerprint" in e for e in data["findings"])
    # Lines added above: the same findings are known; a new wrong segment is new.
    draft.write_text("zh-Hans\ten\n" + RIGHT + WRONG + WRONG, encoding="utf-8")
    after = lint_project([Target(draft)], index, options=only_terms, baseline=Baseline.load(path), root=root)
    assert after.baselined == len(before)
    assert len(after.findings) == len(before)  # the second copy of the wrong segment
    assert fingerprint(before[0], root) == fingerprint(after.findings[0], root)


def test_baseline_errors_name_the_file(tmp_path):
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError) as info:
        Baseline.load(bad)
    assert info.value.file == str(bad) and info.value.line == 1
    bad.write_text('{"version": 99, "findings": []}', encoding="utf-8")
    with pytest.raises(InputError, match="not a glossary baseline"):
        Baseline.load(bad)


def test_cache_hits_skip_the_term_base_and_edits_miss(tmp_path):
    root = tree(tmp_path)
    targets = [Target(p) for p in expand_paths([str(root)], claims=claims, excludes=Excludes(root, ["build/"]))]
    cache = LintCache(tmp_path / "cache", context="ctx")
    first = lint_project(targets, index, cache=cache)
    assert first.cached == 0 and cache.misses == 2

    def no_index() -> TermIndex:
        raise AssertionError("a warm cache must not load the term base")

    cache = LintCache(tmp_path / "cache", context="ctx")
    warm = lint_project(targets, no_index, cache=cache)
    assert warm.cached == 2
    assert [finding_to_data(f) for f in warm.findings] == [finding_to_data(f) for f in first.findings]
    (root / "locale/a/one.tsv").write_text("zh-Hans\ten\n" + RIGHT, encoding="utf-8")
    cache = LintCache(tmp_path / "cache", context="ctx")
    edited = lint_project(targets, index, cache=cache)
    assert edited.cached == 1 and len(edited.findings) < len(first.findings)
    # Another context (other settings or term base): every file misses.
    other = LintCache(tmp_path / "cache", context="other")
    assert lint_project(targets, index, cache=other).cached == 0


def test_a_cache_file_that_is_not_ours_is_skipped(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "lint-v1.sqlite").write_bytes(b"garbage" * 100)
    root = tree(tmp_path)
    result = lint_project([Target(root / "locale/a/one.tsv")], index, cache=LintCache(folder, context="c"))
    assert result.findings


def test_finding_round_trip_through_cache_data():
    finding = Finding("term", "error", "m", "f.tsv", line=3, expected=[Expected("x", "y")], source_span=(1, 2))
    assert finding_from_data(json.loads(json.dumps(finding_to_data(finding)))) == finding


def test_cache_keys_change_with_settings_and_term_base(tmp_path):
    assert settings_key({"rules": ["term"]}) != settings_key({"rules": ["number"]})
    db = tmp_path / "tb.sqlite"
    db.write_bytes(b"x")
    before = termbase_identity(db)
    os.utime(db, ns=(1, 1))
    assert termbase_identity(db) != before


def test_config_is_found_upwards_and_remembers_origins(tmp_path):
    root = tmp_path / "repo"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.glossary]\ndb = "terms/team.sqlite"\nfail_on = "warning"\n'
        'exclude = ["build/"]\n\n[tool.glossary.severity]\nlatin = "info"\n',
        encoding="utf-8",
    )
    config = load_config(root / "sub" / "deeper", env={})
    assert config.path == root / "pyproject.toml"
    assert config["db"] == str(root.resolve() / "terms/team.sqlite")
    assert config["fail-on"] == "warning" and config.origin("fail-on") == "pyproject.toml [tool.glossary]"
    assert config["severity"] == {"latin": "info"} and config["jobs"] == 1 and config.origin("jobs") == "default"
    config.set("fail-on", "never")
    assert config.origin("fail-on") == "command line"
    shown = config.show()
    assert "fail-on" in shown and "(command line)" in shown and "(default)" in shown
    # glossary.toml wins over pyproject.toml in the same folder.
    (root / "glossary.toml").write_text('format = "github"\n', encoding="utf-8")
    assert load_config(root, env={})["format"] == "github"


def test_config_without_file_takes_glossary_db_from_the_environment(tmp_path):
    config = load_config(tmp_path, env={"GLOSSARY_DB": "/x/tb.sqlite"})
    assert config.path is None or config.path.parent != tmp_path
    if config.path is None:
        assert config["db"] == "/x/tb.sqlite" and config.origin("db") == "GLOSSARY_DB"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("fail-on = 'sometimes'\n", "should be one of", 1),
        ("\njobs = 'two'\n", "should be a number", 2),
        ("colour = true\n", "unknown setting", 1),
        ("db = [\n", "not valid TOML", None),
        ("[severity]\nterm = 'fatal'\n", "severity of 'term'", 2),
    ],
)
def test_config_errors_name_file_and_line(tmp_path, text, message, line):
    (tmp_path / "glossary.toml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_config(tmp_path, env={})
    assert info.value.file == str(tmp_path.resolve() / "glossary.toml")
    if line is not None:
        assert info.value.line == line


def test_atomic_write_keeps_mode_and_follows_symlinks(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert real.stat().st_mode & 0o777 == 0o640


def test_a_missing_path_is_reported_and_the_other_files_are_still_linted(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from glossary.cli import cli

    root = tree(tmp_path)
    monkeypatch.chdir(root)
    terms = tmp_path / "terms.jsonl"
    from glossary.store import TermBase

    with TermBase.open(terms, create=True) as tb, tb.transaction():
        for concept in index().concepts.values():
            tb.add(concept)
    result = CliRunner().invoke(
        cli, ["lint", "locale/a/one.tsv", "missing.po", "nothing/*.po", "a.txt=b.txt", "--db", str(terms), "--no-cache"]
    )
    assert result.exit_code == 2
    assert "error: missing.po: no such file or directory" in result.stderr
    assert "error: nothing/*.po: no file matches this pattern" in result.stderr
    assert "error: a.txt: no such file or directory" in result.stderr
    assert "locale/a/one.tsv:2: error [term]" in result.stdout
