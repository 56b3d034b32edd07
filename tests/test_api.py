"""The library API (glossary.api): its doctests, the package's lazy names, and that it never needs the CLI."""

from __future__ import annotations

import ast
import doctest
import io
import subprocess
import sys

import pytest
from conftest import FIXTURES, REPO

import glossary
from glossary import api
from glossary.errors import EXIT_INPUT, InputError

LINT_TERMS = str(FIXTURES / "lint_terms.jsonl")


def test_doctests(monkeypatch):
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    globs = {
        "api": api,
        "LINT_TERMS": LINT_TERMS,
        "EXAMPLE_DRAFT": str(REPO / "examples" / "draft.tsv"),
        "SHIPPED_TBX": str(REPO / "terms" / "glossary.tbx"),
    }
    result = doctest.testmod(api, extraglobs=globs, optionflags=doctest.ELLIPSIS, report=True)
    assert result.attempted >= 8
    assert result.failed == 0


def test_every_api_function_says_why():
    for name in api.__all__:
        doc = getattr(api, name).__doc__ or ""
        assert len(doc.split()) >= 12, name


@pytest.mark.parametrize("name", ["open_termbase", "check", "read_draft", "export", "import_", "validate"])
def test_package_exposes_the_api_lazily(name):
    assert getattr(glossary, name) is getattr(api, name)


def test_build_and_lint_stay_the_modules():
    """glossary.build and glossary.lint are modules; their API functions live in glossary.api."""
    import glossary.build
    import glossary.lint

    assert glossary.build.__name__ == "glossary.build" and callable(api.build)
    assert glossary.lint.__name__ == "glossary.lint" and callable(api.lint)


def test_unknown_package_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        glossary.no_such_thing  # noqa: B018


def _loaded_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
    return set(out.split())


def test_import_glossary_loads_nothing_else():
    loaded = _loaded_after("import glossary")
    assert not {m for m in loaded if m.startswith("glossary.")}


def test_the_library_never_imports_the_cli():
    """No module outside glossary/cli/ imports it, statically or when the whole API is loaded."""
    offenders = []
    for path in sorted((REPO / "glossary").rglob("*.py")):
        inside = path.relative_to(REPO / "glossary").parts
        if inside[0] == "cli" or inside == ("__main__.py",):  # the CLI itself, and python -m glossary
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            if any(n == "glossary.cli" or n.startswith("glossary.cli.") for n in names):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders
    loaded = _loaded_after("import glossary.api, glossary.build, glossary.lookup, glossary.formats.validate")
    assert not {m for m in loaded if m == "glossary.cli" or m.startswith("glossary.cli.")}


def test_build_refuses_the_default_term_base(monkeypatch):
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    with pytest.raises(InputError) as caught:
        api.build([FIXTURES / "corpus_layouts.txt"], None)
    assert caught.value.exit_code == EXIT_INPUT and "--db" in str(caught.value)


def test_build_export_import_round_trip(tmp_path):
    db = tmp_path / "tb.jsonl"
    report = api.build([FIXTURES / "corpus_layouts.txt"], db, align=False)
    assert report.added > 0 and ("Li Yun", "李贊") in [(en, zh) for en, zh, _reason in report.mismatches]
    tbx = tmp_path / "tb.tbx"
    count = api.export(tbx, db=db)
    assert count == sum(report.by_type.values())
    assert api.validate(tbx).ok
    copy = tmp_path / "copy.sqlite"
    imported = api.import_(tbx, copy)
    assert imported.added == count
    again = io.BytesIO()
    api.export(again, db=copy)
    assert again.getvalue() == tbx.read_bytes()


def test_export_failure_leaves_no_file(tmp_path):
    out = tmp_path / "out.tbx"
    with pytest.raises(InputError):
        api.export(out, db=LINT_TERMS, langs=["xx-YY"])
    assert list(tmp_path.iterdir()) == []


def test_check_accepts_an_open_term_base_and_an_index(tmp_path):
    from glossary.match import TermIndex

    with api.open_termbase(LINT_TERMS, readonly=True) as tb:
        by_tb = api.check("她穿着和服", "She wore a dress", db=tb)
        index = TermIndex(tb.iter_concepts())
    assert [f.rule for f in by_tb] == [f.rule for f in api.check("她穿着和服", "She wore a dress", db=index)] == ["term"]


def test_lint_a_draft_read_first_equals_lint_of_the_path():
    draft = api.read_draft(FIXTURES / "lint_planted.tsv")
    one = api.lint(draft, db=LINT_TERMS, use_ignore_file=False)
    two = api.lint(FIXTURES / "lint_planted.tsv", db=LINT_TERMS, use_ignore_file=False)
    assert [f.to_json() for f in one.findings] == [f.to_json() for f in two.findings]
    assert one.findings and one.segments_checked == two.segments_checked


def test_unknown_rule_is_an_input_error():
    with pytest.raises(InputError, match="unknown rule"):
        api.check("a", "b", db=LINT_TERMS, rules="spelling")
