"""The README stays true: every command it shows runs as it says, and its tables list what exists.

Each ``glossary ...`` the README shows in code is a key of ``COMMANDS`` below,
run end to end; a command added to the README without a test here fails
``test_every_readme_command_has_a_test``.  The tables of rules, readers,
formats, commands and exit statuses are compared with the code they describe.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, REPO, shared_path

from glossary import errors
from glossary.cli import cli
from glossary.cli.choices import export_format_names, import_format_names, reader_names, rule_names
from glossary.cli.group import COMMANDS as CLI_COMMANDS
from glossary.lint import IgnoreRules

README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLE = "examples/draft.tsv"
SHIPPED_TBX = REPO / "terms" / "glossary.tbx"
SHIPPED_JSONL = REPO / "terms" / "glossary.jsonl"
LINT_TERMS = str(FIXTURES / "lint_terms.jsonl")


def _section(title: str) -> str:
    return README.split(f"\n{title}\n", 1)[1].split("\n#", 1)[0]


def _setup_commands() -> list[str]:
    return re.findall(r"```sh\n(.+?)\n```", _section("## Set up"))


def _table(header: str) -> list[list[str]]:
    """The rows of the README table whose header row starts with ``header``, cells unquoted."""
    lines = README.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        rows.append([c.strip("`").replace("\\|", "|") for c in cells])
    return rows


@pytest.fixture
def runner(monkeypatch, tmp_path) -> CliRunner:
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    monkeypatch.setenv("GLOSSARY_CACHE", str(tmp_path / "cache"))
    monkeypatch.chdir(REPO)
    return CliRunner()


def _run(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(cli, list(args), prog_name="glossary")
    assert result.exit_code == code, (args, result.output)
    return result.output


# -- set-up --------------------------------------------------------------------


def test_readme_has_exactly_two_setup_commands():
    first, second = _setup_commands()
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    assert first.endswith("&& glossary lint examples/draft.tsv")
    assert second.startswith("python3 -m venv .venv && . .venv/bin/activate && ")
    assert "pytest" in second


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert _setup_commands()[1] in ci.splitlines()


def test_ci_checks_the_wheel_after_the_tests():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    tests = ci.index(_setup_commands()[1])
    wheel = next(i for i, line in enumerate(ci) if "pip wheel" in line)
    assert tests < wheel
    assert any("--no-deps" not in line and "install" in line and ".whl" in line for line in ci[wheel:])


def test_the_first_command_does_its_main_job():
    """The first command's last step, as a newcomer runs it: findings, and exit status 1."""
    script = Path(sys.executable).with_name("glossary")
    tail = _setup_commands()[0].rsplit("&& ", 1)[1].split()
    argv = [str(script), *tail[1:]] if script.exists() else [sys.executable, "-m", *tail]
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_DB"}
    run = subprocess.run(argv, capture_output=True, text=True, cwd=REPO, env=env)
    assert run.returncode == errors.EXIT_FINDINGS, run.stderr
    assert f"{EXAMPLE}:8: error [number]" in run.stdout
    assert re.search(r"^\d+ findings in 10 segments \(\d+ errors", run.stdout, re.M)


def test_python_m_glossary_is_the_same(runner):
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_DB"}
    run = subprocess.run(
        [sys.executable, "-m", "glossary", "lint", EXAMPLE], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert run.returncode == 1 and run.stdout == _run(runner, "lint", EXAMPLE, code=1)


# -- every command the README shows ----------------------------------------------


def _lookup_shows(runner: CliRunner, tmp: Path) -> None:
    assert "世界标准日" in _run(runner, "lookup", "World Standards Day")


def _lookup_query(runner: CliRunner, tmp: Path) -> None:
    for query in ("biaozhunhua", "biāo zhǔn huà"):
        assert "标准化" in _run(runner, "lookup", query)
    assert "西安" in _run(runner, "lookup", "Xi'an")


def _build(runner: CliRunner, tmp: Path) -> None:
    db = tmp / "tb.sqlite"
    output = _run(runner, "build", str(FIXTURES / "corpus_layouts.txt"), "--db", str(db), "--no-align")
    assert "concepts added" in output and "ZTE" in _run(runner, "lookup", "ZTE", "--db", str(db))


def _export_every_format(runner: CliRunner, tmp: Path) -> None:
    starts = {"tbx": b"<?xml", "tbx2008": b"<?xml", "csv": b"\xef\xbb\xbfid,", "tsv": b"", "xlsx": b"PK\x03\x04"}
    for fmt in export_format_names():
        out = tmp / f"out.{fmt}"
        _run(runner, "export", "--format", fmt, "-o", str(out))
        assert out.read_bytes().startswith(starts[fmt])
        assert fmt == "xlsx" or "世界标准日" in out.read_text(encoding="utf-8-sig")
    assert (tmp / "out.tbx").read_bytes() == SHIPPED_TBX.read_bytes()


def _export_default(runner: CliRunner, tmp: Path) -> None:
    result = runner.invoke(cli, ["export"])
    assert result.exit_code == 0 and result.stdout_bytes == SHIPPED_TBX.read_bytes()


def _import(runner: CliRunner, tmp: Path) -> None:
    db = tmp / "imported.sqlite"
    output = _run(runner, "import", str(SHIPPED_TBX), "--db", str(db))
    assert "added" in output
    again = tmp / "again.tbx"
    _run(runner, "export", "--db", str(db), "-o", str(again))
    assert again.read_bytes() == SHIPPED_TBX.read_bytes()


def _validate(runner: CliRunner, tmp: Path) -> None:
    assert "valid" in _run(runner, "validate", str(SHIPPED_TBX))


def _reindex(runner: CliRunner, tmp: Path) -> None:
    db = tmp / "imported.sqlite"
    _run(runner, "import", str(SHIPPED_TBX), "--db", str(db))
    assert "already current" in _run(runner, "reindex", "--db", str(db))
    assert "stored matching index written" in _run(runner, "reindex", "--db", str(db), "--force")


def _check(runner: CliRunner, tmp: Path) -> None:
    _run(runner, "check", "--source", "2024年世界标准日", "--target", "World Standards Day 2024")
    output = _run(runner, "check", "--source", "2024年世界标准日", "--target", "World Standards Day 2023", code=1)
    assert "error [number]" in output


def _lint(runner: CliRunner, tmp: Path) -> None:
    assert "6 findings in 10 segments" in _run(runner, "lint", EXAMPLE, code=1)
    source, target = FIXTURES / "drafts_source.txt", FIXTURES / "drafts_target.txt"
    assert "0 findings in 3 segments" in _run(runner, "lint", f"{source}={target}")
    assert "0 findings in 3 segments" in _run(runner, "lint", str(source), "--target-file", str(target))
    # Two drafts are two drafts, never a pair: each is read (and these two fail to be told apart).
    output = _run(runner, "lint", str(source), str(target), code=2)
    assert output.count("error:") == 2
    # A folder: every draft in it, each finding naming its file, a table of files.
    tree = _locale_tree(tmp)
    output = _run(runner, "lint", str(tree), "--db", LINT_TERMS, code=1)
    assert "== " in output and re.search(r"^file +segments +errors", output, re.M)
    assert "2 findings in 3 segments" in output
    # Standard input, with its format.
    result = runner.invoke(cli, ["lint", "-", "--input-format", "tsv", "--db", LINT_TERMS],
                           input=(tree / "a" / "one.tsv").read_text(encoding="utf-8"))
    assert result.exit_code == 1 and "-:2: error [term]" in result.output
    empty = runner.invoke(cli, ["lint", "-", "--input-format", "tsv"], input="")
    assert empty.exit_code == 2 and "no segments" in empty.output


def _extract(runner: CliRunner, tmp: Path) -> None:
    pytest.importorskip("wordfreq")
    memory = tmp / "memory.tsv"
    pairs = [("volume", "卷"), ("snapshot", "快照"), ("network", "网络"), ("image", "镜像")]
    rows = ["en\tzh-Hans"]
    for i in range(40):
        a, b = pairs[i % 4], pairs[(i + 1) % 4]
        rows.append(f"Delete the {a[0]} and the {b[0]}\t删除{a[1]}和{b[1]}")
    memory.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp / "proposals.tsv"
    _run(runner, "extract", str(memory), "--aligner", "ibm1", "-o", str(out), "--db", LINT_TERMS)
    proposed = {line.split("\t")[1]: line.split("\t")[2] for line in out.read_text(encoding="utf-8").splitlines()[1:]}
    assert sum(proposed.get(en) == zh for en, zh in pairs) >= 3, proposed


def _locale_tree(tmp: Path) -> Path:
    """A small project: two drafts in folders, one with a wrong term, one right."""
    tree = tmp / "locale"
    (tree / "a").mkdir(parents=True, exist_ok=True)
    (tree / "b").mkdir(parents=True, exist_ok=True)
    (tree / "a" / "one.tsv").write_text(
        "zh-Hans\ten\n世界标准日在西安举办\tWorld Standard Day held in Xian\n", encoding="utf-8"
    )
    (tree / "b" / "two.tsv").write_text(
        "zh-Hans\ten\n世界标准日在西安举办\tWorld Standards Day held in Xi'an\n"
        "标准化\tstandardisation\n",
        encoding="utf-8",
    )
    return tree


def _in_project(tmp: Path):
    """Run in a project folder with a configuration naming the term base."""
    project = tmp / "project"
    project.mkdir(exist_ok=True)
    _locale_tree(project)
    (project / "pyproject.toml").write_text(
        f'[tool.glossary]\ndb = "{LINT_TERMS}"\npaths = ["locale"]\n', encoding="utf-8"
    )
    return project


def _chdir(path: Path):
    import contextlib

    @contextlib.contextmanager
    def inside():
        before = Path.cwd()
        os.chdir(path)
        try:
            yield path
        finally:
            os.chdir(before)

    return inside()


def _lint_config(runner: CliRunner, tmp: Path) -> None:
    with _chdir(_in_project(tmp)):
        shown = _run(runner, "lint", "--show-config")
        assert "pyproject.toml [tool.glossary]" in shown and "lint_terms.jsonl" in shown
        assert "fail-on" in shown and "(default)" in shown
        assert "2 findings in 3 segments" in _run(runner, "lint", code=1)  # the configured paths
        shown = _run(runner, "lint", "--show-config", "--fail-on", "never")
        assert re.search(r"fail-on\s+= never\s+\(command line\)", shown)
        assert _run(runner, "lint", "--fail-on", "never")


def _lint_github(runner: CliRunner, tmp: Path) -> None:
    with _chdir(_in_project(tmp)):
        output = _run(runner, "lint", "locale", "--format", "github", code=1)
        assert re.search(r"^::error file=locale/a/one.tsv,line=2,title=glossary term::", output, re.M)


def _lint_sarif(runner: CliRunner, tmp: Path) -> None:
    with _chdir(_in_project(tmp)):
        _run(runner, "lint", "locale", "--format", "sarif", "-o", "glossary.sarif", code=1)
        log = json.loads(Path("glossary.sarif").read_text(encoding="utf-8"))
        assert log["version"] == "2.1.0" and log["runs"][0]["results"]
        rules = {r["id"]: r["shortDescription"]["text"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
        assert "term" in rules and rules["term"] != "term"
        _run(runner, "lint", "locale", "--format", "html", "-o", "report.html", code=1)
        assert Path("report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def _lint_baseline(runner: CliRunner, tmp: Path) -> None:
    with _chdir(_in_project(tmp)):
        _run(runner, "lint", "locale", "--write-baseline", "glossary-baseline.json", code=1)
        output = _run(runner, "lint", "locale", "--baseline", "glossary-baseline.json")
        assert "0 findings" in output and "2 in the baseline" in output
        # A new error is reported, the old ones stay quiet.
        one = Path("locale/a/one.tsv")
        one.write_text(one.read_text(encoding="utf-8") + "西安\tXian\n", encoding="utf-8")
        output = _run(runner, "lint", "locale", "--baseline", "glossary-baseline.json", code=1)
        assert "1 finding in 4 segments" in output and "2 in the baseline" in output


def _lang_zh(runner: CliRunner, tmp: Path) -> None:
    output = _run(runner, "--lang", "zh", "lint", EXAMPLE, code=1)
    assert "错误" in output and " findings" not in output


def _edits(runner: CliRunner, tmp: Path) -> None:
    """The editing section as a terminologist runs it, on a copy of the shipped term base."""
    db = tmp / "team.jsonl"
    shutil.copy(SHIPPED_JSONL, db)
    os.environ["GLOSSARY_USER"] = "alice"
    try:
        added = _run(runner, "add", "--en", "plug-in", "--zh", "插件", "--db", str(db), "--reason", "client list")
        uid = re.search(r" add (c[0-9a-f]+(?:-\d+)?) ", added).group(1)
        _run(runner, "add", "--to", uid, "--en", "plugin", "--db", str(db))
        _run(runner, "edit", "plugin", "--status", "deprecated", "--db", str(db))
        _run(runner, "deprecate", "插件", "--use", "组件", "--db", str(db))
        other = _run(runner, "add", "--en", "add-on", "--zh", "附加组件", "--db", str(db))
        _run(runner, "merge", uid, re.search(r" add (c[0-9a-f]+(?:-\d+)?) ", other).group(1), "--db", str(db))
        _run(runner, "remove", "add-on", "--db", str(db))
        shown = _run(runner, "history", "插件", "--db", str(db))
        assert "zh-Hans 插件: status preferred -> superseded" in shown and "reason: client list" in shown
        assert shown.count(" alice ") == 7
        assert "组件" in _run(runner, "lookup", "plug-in", "--db", str(db))
    finally:
        del os.environ["GLOSSARY_USER"]


#: Every ``glossary ...`` in the README's code, whitespace collapsed -> its end-to-end test.
COMMANDS: dict[str, Callable[[CliRunner, Path], None]] = {
    'glossary lookup "World Standards Day"': _lookup_shows,
    "glossary lookup QUERY": _lookup_query,
    "glossary build FILE... --db PATH": _build,
    "glossary build FILE...": _build,
    "glossary export --format tbx|tbx2008|csv|tsv|xlsx [-o FILE]": _export_every_format,
    "glossary export": _export_default,
    "glossary import FILE --db PATH": _import,
    "glossary import": _import,
    "glossary validate FILE.tbx": _validate,
    "glossary check --source TEXT --target TEXT": _check,
    "glossary lint PATH...": _lint,
    "glossary extract PATH... [--db PATH] [-o FILE]": _extract,
    "glossary lint": _lint_config,
    "glossary lint --show-config": _lint_config,
    "glossary lint locale --format github": _lint_github,
    "glossary lint locale --format sarif -o glossary.sarif": _lint_sarif,
    "glossary lint locale --write-baseline glossary-baseline.json": _lint_baseline,
    "glossary lint locale --baseline glossary-baseline.json": _lint_baseline,
    "glossary --lang zh ...": _lang_zh,
    "glossary add --en TEXT --zh TEXT [--to ID]": _edits,
    "glossary edit TERM [--text TEXT] [--status STATUS]": _edits,
    "glossary deprecate TERM --use PREFERRED": _edits,
    "glossary remove TERM|ID": _edits,
    "glossary merge ID ID": _edits,
    "glossary history [TERM|ID]": _edits,
    "glossary reindex --db PATH": _reindex,
}


def _readme_commands() -> set[str]:
    text = README.replace("\\|", "|")
    spans = re.findall(r"`(glossary [^`]+)`", text)
    return {" ".join(span.split()) for span in spans}


def test_every_readme_command_has_a_test():
    assert _readme_commands() == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_readme_command(command, runner, tmp_path):
    COMMANDS[command](runner, tmp_path)


def test_rebuilding_the_shipped_term_base(tmp_path):
    """The README's rebuild block as written, with terms/ swapped for a temporary folder: same bytes.

    It runs in a fresh process: the block is what a maintainer pastes into a shell.
    """
    block = re.search(r"```sh\n(glossary build .+?)\n```", README, re.S).group(1)
    assert block.count("terms/") == 2
    shared_path("corpus")
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_DB"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["GLOSSARY_CACHE"] = str(tmp_path / "cache")
    run = subprocess.run(
        ["bash", "-c", block.replace("terms/", f"{tmp_path}/")], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "glossary.jsonl").read_bytes() == SHIPPED_JSONL.read_bytes()
    assert (tmp_path / "glossary.tbx").read_bytes() == SHIPPED_TBX.read_bytes()


# -- options the README shows with a value ----------------------------------------


def _findings(runner: CliRunner, *args: str, code: int | None = None) -> list[dict]:
    result = runner.invoke(cli, [*args, "--format", "json"])
    assert code is None or result.exit_code == code, result.output
    return json.loads(result.output)


def test_rules_and_disable(runner):
    only = _findings(runner, "lint", EXAMPLE, "--rules", "term,number")
    assert {f["rule"] for f in only} == {"term", "number"}
    planted = [str(FIXTURES / "lint_planted.tsv"), "--db", LINT_TERMS, "--no-ignore-file"]
    assert "consistency" in {f["rule"] for f in _findings(runner, "lint", *planted)}
    assert "consistency" not in {f["rule"] for f in _findings(runner, "lint", *planted, "--disable", "consistency")}


def test_jobs_gives_the_same_findings(runner):
    assert _findings(runner, "lint", EXAMPLE, "--jobs", "2") == _findings(runner, "lint", EXAMPLE, "--jobs", "1")
    assert _findings(runner, "lint", EXAMPLE, "--jobs", "0") == _findings(runner, "lint", EXAMPLE)


def test_fail_on(runner):
    args = ["check", "--source", "IEC发布", "--target", "The commission published", "--db", LINT_TERMS]
    assert runner.invoke(cli, [*args, "--fail-on", "error"]).exit_code == 0
    assert runner.invoke(cli, [*args, "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(cli, [*args, "--fail-on", "never", "--rules", "term"]).exit_code == 0


def test_json_and_jsonl_shape(runner):
    found = _findings(runner, "lint", EXAMPLE, code=1)
    assert found and all({"file", "line", "rule", "severity", "message"} <= set(f) for f in found)
    term = next(f for f in found if f["rule"] == "term")
    assert {"source_term", "expected"} <= set(term)
    lines = _run(runner, "lint", EXAMPLE, "--format", "jsonl", code=1).splitlines()
    assert [json.loads(line) for line in lines] == found


def test_export_options(runner, tmp_path):
    out = tmp_path / "old.tbx"
    _run(runner, "export", "--format", "tbx2008", "-o", str(out))
    assert b"<martif" in out.read_bytes()[:400]
    script = runner.invoke(cli, ["export", "--lang-style", "script"]).stdout_bytes
    assert b'xml:lang="zh-Hans"' in script and b'xml:lang="zh-CN"' not in script
    only_en = runner.invoke(cli, ["export", "--format", "csv", "--lang", "en"]).stdout_bytes.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(only_en)))
    assert rows and all(not row["zh"] for row in rows)


def test_on_conflict(runner, tmp_path):
    db = tmp_path / "tb.sqlite"
    _run(runner, "import", str(SHIPPED_TBX), "--db", str(db))
    for policy in ("merge", "skip", "replace"):
        assert "rejected" in _run(runner, "import", str(SHIPPED_TBX), "--db", str(db), "--on-conflict", policy)


def test_every_option_the_readme_names_exists(runner):
    named = set(re.findall(r"`(--[a-z-]+)", README))
    helps = "".join(_run(runner, *cmd, "--help") for cmd in ([], *([c] for c in CLI_COMMANDS)))
    assert named and {option for option in named if option not in helps} == set()


def test_the_ignore_file_example_parses():
    block = re.search(r"```\n(consistency .+?)\n```", README, re.S).group(1)
    rules = IgnoreRules.parse(block, path=".glossaryignore")
    assert len(rules.entries) == len(block.splitlines()) == 6


# -- the Python API ----------------------------------------------------------------


def test_the_python_example_runs(tmp_path, monkeypatch):
    block = re.search(r"```python\n(.+?)\n```", _section("### From Python"), re.S).group(1)
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    exec(compile(block, "README.md", "exec"), {})
    monkeypatch.undo()
    printed = out.getvalue().splitlines()
    prints = [line for line in block.splitlines() if line.strip().startswith("print(")]
    assert len(printed) == len(prints)
    for line, shown in zip(prints, printed, strict=True):
        if "#" in line:
            assert shown == line.split("# ", 1)[1].strip()
    assert printed[-1].endswith(" concepts")
    assert (tmp_path / "glossary.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")


# -- tables ------------------------------------------------------------------------


def test_commands_table_lists_every_command():
    assert sorted(row[0].split()[1] for row in _table("| command |")) == sorted(CLI_COMMANDS)


def test_rules_table_lists_exactly_the_rules():
    assert sorted(row[0] for row in _table("| rule |")) == sorted(rule_names())


def test_readers_table_lists_exactly_the_readers():
    assert sorted(row[0] for row in _table("| reader |")) == sorted(reader_names())


def test_formats_table_lists_exactly_the_formats():
    rows = _table("| format |")
    assert sorted(row[0] for row in rows) == sorted(set(export_format_names()) | set(import_format_names()))
    assert sorted(row[0] for row in rows if row[1] == "yes") == sorted(export_format_names())
    assert sorted(row[0] for row in rows if row[2] == "yes") == sorted(import_format_names())


def test_commands_table_export_row_lists_the_export_formats():
    (row,) = [row for row in _table("| command |") if row[0].startswith("glossary export")]
    listed = re.search(r"--format (\S+)", row[0]).group(1)
    assert listed.split("|") == list(export_format_names())


def test_exit_status_table_lists_every_status():
    statuses = {value for name, value in vars(errors).items() if name.startswith("EXIT_")}
    assert sorted(int(row[0]) for row in _table("| status |")) == sorted(statuses)


def test_plugin_section_names_the_entry_point_groups():
    plugins = _section("### Plugins")
    for group in ("glossary.rules", "glossary.readers", "glossary.formats", "glossary.stores"):
        assert f"`{group}`" in plugins


def test_the_example_draft_exists():
    assert (REPO / "examples" / "draft.tsv").is_file()


def test_pre_commit_hook_runs_lint_on_every_reader_format():
    """The hook in .pre-commit-hooks.yaml: one call for all files (one start-up), every draft extension."""
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert re.search(r"^- id: glossary-lint$", text, re.M)
    assert re.search(r"^  entry: glossary lint$", text, re.M)
    assert re.search(r"^  require_serial: true$", text, re.M)
    pattern = re.search(r"^  files: (.+)$", text, re.M).group(1)
    from glossary.drafts import READERS

    for reader in READERS:
        for extension in reader.extensions:
            if extension in (".txt", ".md"):
                continue  # plain text is linted as a named pair, never picked up by a hook
            assert re.search(pattern, f"locale/x{extension}"), extension
    assert "glossary-lint" in README and "pre-commit" in README
