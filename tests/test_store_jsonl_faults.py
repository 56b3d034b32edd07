"""Reproducers R5 and R6 of ``../shared/repro/termbase-faults.sh`` for the ``.jsonl`` term base.

R5: a hand-edited ``.jsonl`` with a bad status, a duplicate term, a lone
surrogate escape or deep nesting was exit 70 (a CHECK or UNIQUE constraint,
an encoding error, a RecursionError); it is exit 3 naming the file and line.
R6: two imports into one ``.jsonl`` at once both exited 0 and one's concepts
were gone; now the second writer waits for the first (or, after
``LOCK_TIMEOUT``, gets "locked", exit 3) and reads the file again before it
writes, so nothing is lost.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner
from conftest import REPO

from glossary.cli import cli
from glossary.errors import EXIT_TERMBASE, TermBaseError
from glossary.model import Concept, Term
from glossary.store import TermBase, open_termbase
from glossary.store import jsonl as jsonl_store

SHIPPED = REPO / "terms" / "glossary.jsonl"


def _first_shipped_line() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8").splitlines()[0])


def _bad_status() -> str:
    line = _first_shipped_line()
    line["terms"][0]["status"] = "approved"
    return json.dumps(line, ensure_ascii=False)


def _duplicate_term() -> str:
    line = _first_shipped_line()
    line["terms"].append(dict(line["terms"][0]))
    return json.dumps(line, ensure_ascii=False)


BAD_LINES = {
    "badstatus": (_bad_status, "status 'approved' is not one of"),
    "duplicate": (_duplicate_term, "twice in one concept"),
    "surrogate": (
        lambda: '{"id":"cs1","type":"term","terms":[{"lang":"en","text":"bad \\udc80","status":"preferred"}]}',
        "lone surrogate",
    ),
    "deep": (lambda: "[" * 100000, "nested too deeply"),
    "badtype": (lambda: '{"id":"c1","type":"thing","terms":[]}', "type 'thing'"),
    "missing": (lambda: '{"id":"c1","terms":[]}', "type is missing"),
}


@pytest.mark.parametrize("name", sorted(BAD_LINES))
def test_a_hand_edited_bad_line_is_exit_3_with_its_line(name, tmp_path, monkeypatch):
    make, reason = BAD_LINES[name]
    good = SHIPPED.read_text(encoding="utf-8").splitlines()[1]
    path = tmp_path / f"{name}.jsonl"
    path.write_text(good + "\n" + make() + "\n", encoding="utf-8")
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    result = CliRunner().invoke(cli, ["lookup", "Standard", "--db", str(path)])
    assert result.exit_code == EXIT_TERMBASE, result.output
    assert f"{path}:2: not a term base line" in result.output and reason in result.output
    assert "internal error" not in result.output


def _concept(text: str) -> Concept:
    return Concept("term", [Term("en", text), Term("zh-Hans", "术语" + text)])


def test_a_second_writer_reads_what_the_first_wrote_before_writing(tmp_path):
    path = tmp_path / "t.jsonl"
    with open_termbase(path, create=True) as tb:
        tb.add(_concept("zero"))
    one, two = TermBase.open(path), TermBase.open(path)  # both read the same file
    try:
        one.add(_concept("one"))
        two.add(_concept("two"))  # would have written zero + two only
    finally:
        one.close()
        two.close()
    with open_termbase(path) as tb:
        assert sorted(t.text for c in tb.iter_concepts() for t in c.terms if t.lang == "en") == ["one", "two", "zero"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.jsonl"]  # no lock file left behind


def test_a_writer_waits_for_the_lock_then_gets_locked(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonl_store, "LOCK_TIMEOUT", 0.3)
    path = tmp_path / "t.jsonl"
    with open_termbase(path, create=True) as first, open_termbase(path, create=True) as second:
        with first.transaction():
            first.add(_concept("one"))
            with pytest.raises(TermBaseError, match="locked") as caught:
                second.add(_concept("two"))
            assert caught.value.exit_code == EXIT_TERMBASE
        second.add(_concept("two"))  # the lock is free again
    with open_termbase(path) as tb:
        assert tb.count() == 2


def test_a_waiting_writer_goes_on_when_the_lock_is_released(tmp_path):
    path = tmp_path / "t.jsonl"
    open_termbase(path, create=True).close()
    inside, done = threading.Event(), threading.Event()

    def hold() -> None:
        with open_termbase(path, create=True) as first, first.transaction():
            first.add(_concept("one"))
            inside.set()
            done.wait(0.5)

    holder = threading.Thread(target=hold)
    holder.start()
    inside.wait(5)
    with open_termbase(path, create=True) as second:
        second.add(_concept("two"))  # waits for the holder, then reads its concept too
    done.set()
    holder.join()
    with open_termbase(path) as tb:
        assert tb.count() == 2


def test_a_hand_edit_during_a_write_is_not_overwritten(tmp_path):
    path = tmp_path / "t.jsonl"
    with open_termbase(path, create=True) as tb:
        tb.add(_concept("zero"))
    with open_termbase(path) as tb:
        with pytest.raises(TermBaseError, match="changed on disk"):
            with tb.transaction():
                tb.add(_concept("one"))
                path.write_text(path.read_text(encoding="utf-8").replace("zero", "nought"), encoding="utf-8")
    assert "nought" in path.read_text(encoding="utf-8")


def test_two_imports_at_once_lose_no_concept(tmp_path):
    """R6 as the reproducer runs it: two ``glossary import`` processes into one ``.jsonl``."""
    for name in ("a", "b"):
        with open(tmp_path / f"{name}.csv", "w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["en", "zh"])
            for i in range(400):
                writer.writerow([f"{name} term {i}", f"术语{name}{i}"])
    shared = tmp_path / "shared.jsonl"
    shared.write_bytes(SHIPPED.read_bytes())
    before = len(SHIPPED.read_text(encoding="utf-8").splitlines())
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_DB"}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "glossary", "import", str(tmp_path / f"{name}.csv"), "--db", str(shared)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for name in ("a", "b")
    ]
    codes = []
    for run in runs:
        _out, err = run.communicate(timeout=120)
        assert run.returncode in (0, EXIT_TERMBASE), err
        codes.append(run.returncode)
    assert codes.count(0) >= 1
    with open_termbase(shared) as tb:
        assert tb.count() == before + 400 * codes.count(0)
