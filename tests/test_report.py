"""Human and JSON output of findings."""

from __future__ import annotations

import io
import json

from glossary.checks.base import Expected, Finding
from glossary.report import format_finding, highlight, summary, want_colour, write_report


def sample() -> list[Finding]:
    return [
        Finding(
            "term",
            "error",
            "'和服' is not translated as in the term base: expected kimono",
            "d.tsv",
            line=7,
            source_term="和服",
            expected=[Expected("kimono")],
            source_span=(3, 5),
            concept="c1",
            origin="000_03608c15103b00d1.txt:17",
            source="他穿着和服参加了活动。",
            target="He attended in a suit.",
        ),
        Finding("latin", "warning", "'IEC' must stay", "b.xlf", unit="u2", source_term="IEC", found="ＩＥＣ"),
    ]


def test_json_is_an_array_of_public_objects():
    out = io.StringIO()
    write_report(sample(), out, "json")
    data = json.loads(out.getvalue())
    assert data[0] == {
        "file": "d.tsv",
        "line": 7,
        "rule": "term",
        "severity": "error",
        "message": "'和服' is not translated as in the term base: expected kimono",
        "source_term": "和服",
        "expected": [{"text": "kimono"}],
        "concept": "c1",
        "origin": "000_03608c15103b00d1.txt:17",
        "source": "他穿着和服参加了活动。",
        "target": "He attended in a suit.",
        "source_span": [3, 5],
    }
    assert data[1]["unit"] == "u2" and "line" not in data[1] and data[1]["found"] == "ＩＥＣ"


def test_empty_json_is_an_empty_array_and_jsonl_one_per_line():
    out = io.StringIO()
    write_report([], out, "json")
    assert json.loads(out.getvalue()) == []
    out = io.StringIO()
    write_report(sample(), out, "jsonl")
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["rule"] for line in lines] == ["term", "latin"]


def test_human_output_highlights_and_sums_up():
    text = format_finding(sample()[0], colour=False)
    assert text.splitlines()[0].startswith("d.tsv:7: error [term]")
    assert "他穿着«和服»参加了活动。" in text
    assert "expected: kimono" in text
    assert "term base entry: 000_03608c15103b00d1.txt:17 (c1)" in text
    assert "\x1b[" not in text
    assert summary(sample(), 10, suppressed=2) == (
        "2 findings in 10 segments (1 error, 1 warning): latin 1, term 1; 2 silenced"
    )
    assert format_finding(sample()[1]).startswith("b.xlf#u2: warning [latin]")


def test_colour_only_when_asked_or_on_a_terminal():
    assert "\x1b[" in format_finding(sample()[0], colour=True)
    assert highlight("abc", (1, 2), False) == "a«b»c"
    assert highlight("abc", None, False) == "abc"
    assert want_colour(io.StringIO(), None) is False

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert want_colour(Tty(), None) is True
    assert want_colour(Tty(), False) is False


def test_chinese_ui(monkeypatch):
    from glossary.i18n import set_language

    set_language("zh")
    # Without a compiled catalog the English msgid comes back; the call must not fail.
    assert summary([], 1)
