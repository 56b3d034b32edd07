"""The edit commands and :mod:`glossary.edit`, on every store backend: each edit one transaction, recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary import edit
from glossary.cli import cli
from glossary.errors import EXIT_AMBIGUOUS, EXIT_INPUT, AmbiguousError, InputError, OutputError
from glossary.model import Concept, Term
from glossary.store import STORES, open_termbase

SUFFIXES = {"sqlite": ".sqlite", "jsonl": ".jsonl"}


@pytest.fixture(params=STORES.names())
def db(request, tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GLOSSARY_USER", "alice")
    path = tmp_path / f"team{SUFFIXES[request.param]}"
    with open_termbase(path, create=True) as tb:
        tb.add(Concept("term", [Term("en", "plug-in"), Term("zh-Hans", "插件", pinyin="chājiàn")]))
        tb.add(Concept("term", [Term("en", "module"), Term("zh-Hans", "模块", pinyin="mókuài")]))
        tb.add(Concept("term", [Term("en", "component"), Term("zh-Hans", "组件", pinyin="zǔjiàn")], subject="ui"))
        tb.add(Concept("term", [Term("en", "component"), Term("zh-Hans", "成分", pinyin="chéngfèn")], subject="chem"))
    return path


def _concept(db: Path, ref: str) -> Concept:
    with open_termbase(db) as tb:
        (concept,) = edit.find_concepts(tb, ref)
        return concept


def _statuses(concept: Concept) -> dict[str, str]:
    return {t.text: t.status for t in concept.terms}


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result.output


def test_deprecate_use_makes_the_other_term_preferred_and_records_it(db):
    output = run("deprecate", "插件", "--use", "组件", "--reason", "style guide 2.1", "--db", str(db))
    assert "superseded" in output and "alice" in output
    concept = _concept(db, "plug-in")
    assert _statuses(concept) == {"plug-in": "preferred", "插件": "superseded", "组件": "preferred"}
    assert {t.text: t.pinyin for t in concept.terms}["组件"] == "zǔjiàn"  # a new term gets its pinyin
    (change,) = json.loads(run("history", "插件", "--format", "json", "--db", str(db)))
    assert change["action"] == "deprecate" and change["who"] == "alice" and change["reason"] == "style guide 2.1"
    assert change["when"].endswith("Z") and change["concept"] == concept.uid
    assert {t["text"]: t["status"] for t in change["before"]["terms"]}["插件"] == "preferred"
    shown = run("history", "插件", "--db", str(db))
    assert "zh-Hans 插件: status preferred -> superseded" in shown and "reason: style guide 2.1" in shown


def test_forbid_deprecates(db):
    run("deprecate", "插件", "--forbid", "--db", str(db))
    assert _statuses(_concept(db, "plug-in"))["插件"] == "deprecated"
    assert run("deprecate", "模块", "--db", str(db), code=EXIT_INPUT)


def test_an_ambiguous_term_lists_the_ids_with_its_own_exit_status(db):
    result = CliRunner().invoke(cli, ["edit", "component", "--status", "admitted", "--db", str(db)])
    assert result.exit_code == EXIT_AMBIGUOUS
    with open_termbase(db) as tb:
        ids = [c.uid for c in edit.find_concepts(tb, "component")]
        with pytest.raises(AmbiguousError):
            edit.resolve(tb, "component")
    assert len(ids) == 2 and all(uid in result.output for uid in ids)
    assert "error:" in result.output and len(result.output.strip().splitlines()) == 1
    # Named by its id, it is one concept again.
    run("edit", ids[0], "--term", "component", "--status", "admitted", "--db", str(db))


def test_add_a_concept_then_a_term_to_it(db):
    run("add", "--en", "World Standards Day", "--zh", "世界标准日", "--subject", "events", "--db", str(db))
    concept = _concept(db, "世界标准日")
    assert concept.subject == "events" and concept.preferred("zh-Hans").pinyin == "Shìjiè Biāozhǔn Rì"
    run("add", "--to", "World Standards Day", "--term", "zh-TW=世界標準日", "--db", str(db))
    concept = _concept(db, "世界标准日")
    assert {(t.lang, t.status) for t in concept.terms if t.text == "世界標準日"} == {("zh-Hant-TW", "admitted")}
    # The very same concept again is refused, naming the one there.
    output = run("add", "--en", "World Standards Day", "--zh", "世界标准日", "--subject", "events", "--db", str(db),
                 code=EXIT_INPUT)
    assert concept.uid in output
    actions = [c["action"] for c in json.loads(run("history", "World Standards Day", "--format", "json", "--db", str(db)))]
    assert actions == ["add", "add"]


def test_edit_text_status_type_pos_note_and_subject(db):
    run("edit", "plug-in", "--text", "plugin", "--pos", "noun", "--note", "software", "--term-type", "variant",
        "--db", str(db))
    run("edit", "插件", "--subject", "software", "--type", "term", "--concept-note", "UI", "--db", str(db))
    concept = _concept(db, "插件")
    en = concept.preferred("en")
    assert (en.text, en.pos, en.note, en.term_type) == ("plugin", "noun", "software", "variant")
    assert (concept.subject, concept.note) == ("software", "UI")
    run("edit", "插件", "--text", "外挂", "--db", str(db))
    assert _concept(db, "外挂").preferred("zh-Hans").pinyin == "wàiguà"
    run("edit", "外挂", "--status", "admitted", "--db", str(db))
    with open_termbase(db) as tb:
        changes = edit.history(tb, "插件")  # found by a text the concept no longer has
    assert [c.action for c in changes] == ["edit"] * 4
    assert [c.seq for c in changes] == sorted(c.seq for c in changes)


def test_an_edit_that_changes_nothing_is_refused_and_not_recorded(db):
    assert "nothing to change" in run("edit", "插件", "--status", "preferred", "--db", str(db), code=EXIT_INPUT)
    with open_termbase(db) as tb:
        assert tb.history() == []


def test_remove_a_term_then_a_concept(db):
    run("add", "--to", "module", "--en", "modules", "--db", str(db))
    run("remove", "modules", "--db", str(db))
    assert {t.text for t in _concept(db, "module").terms} == {"module", "模块"}
    uid = _concept(db, "module").uid
    run("remove", uid, "--reason", "unused", "--db", str(db))
    with open_termbase(db) as tb:
        assert edit.find_concepts(tb, "module") == []
    history = run("history", uid, "--db", str(db))
    assert "concept removed: module / 模块" in history and "reason: unused" in history


def test_merge_two_concepts(db):
    keep, other = _concept(db, "plug-in").uid, _concept(db, "module").uid
    run("merge", keep, other, "--db", str(db))
    concept = _concept(db, "plug-in")
    assert _statuses(concept) == {"plug-in": "preferred", "插件": "preferred", "module": "admitted", "模块": "admitted"}
    with open_termbase(db) as tb:
        assert tb.get(other) is None and tb.count() == 3
        assert [(c.action, c.uid, c.other) for c in edit.history(tb, other)] == [
            ("merge", other, keep),
            ("merge", keep, other),
        ]
    assert run("merge", keep, keep, "--db", str(db), code=EXIT_INPUT)


def test_a_failed_edit_changes_nothing(db):
    before = db.read_bytes()
    run("edit", "plug-in", "--text", "插件", "--lang", "zh-Hans", "--db", str(db), code=EXIT_INPUT)
    run("edit", "nothing such", "--status", "admitted", "--db", str(db), code=EXIT_INPUT)
    assert db.read_bytes() == before


def test_edits_need_a_named_term_base(monkeypatch):
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    assert "--db" in run("deprecate", "标准", "--forbid", code=EXIT_INPUT)


def test_history_of_an_unedited_term_base(db):
    result = CliRunner().invoke(cli, ["history", "--db", str(db)])
    assert result.exit_code == 0 and "no recorded edits" in result.output
    assert run("history", "nothing such", "--db", str(db), code=1)


def test_the_library_needs_no_cli(db):
    with open_termbase(db) as tb:
        change = edit.deprecate(tb, "插件", use="组件", reason="why", user="bob")
        assert change.who == "bob" and change.action == "deprecate"
        with pytest.raises(InputError):
            edit.edit(tb, "plug-in", status="approved")
        (recorded,) = tb.history()
        assert recorded.seq == 1 and recorded.reason == "why"


def test_jsonl_history_is_one_appended_line_per_edit(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSSARY_USER", "alice")
    db = tmp_path / "team.jsonl"
    with open_termbase(db, create=True) as tb:
        tb.add(Concept("term", [Term("en", "plug-in"), Term("zh-Hans", "插件", pinyin="chājiàn")]))
    before = db.read_text(encoding="utf-8")
    run("deprecate", "插件", "--use", "组件", "--db", str(db))
    log = tmp_path / "team.history.jsonl"
    first = log.read_text(encoding="utf-8")
    assert first.count("\n") == 1 and json.loads(first)["seq"] == 1
    assert db.read_text(encoding="utf-8") != before and db.read_text(encoding="utf-8").count("\n") == 1
    run("edit", "plug-in", "--note", "software", "--db", str(db))
    lines = log.read_text(encoding="utf-8").splitlines()
    assert log.read_text(encoding="utf-8").startswith(first) and len(lines) == 2  # appended, not rewritten
    assert [json.loads(line)["seq"] for line in lines] == [1, 2]
    log.write_text(first + "{broken\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["history", "--db", str(db)])
    assert result.exit_code == 3 and f"{log}:2: not a history line" in result.output


def test_an_sqlite_term_base_from_before_the_history_gets_its_table(tmp_path):
    import sqlite3

    db = tmp_path / "old.sqlite"
    with open_termbase(db, create=True) as tb:
        tb.add(Concept("term", [Term("en", "plug-in")]))
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'history'").fetchone() is None
    conn.close()
    with open_termbase(db, readonly=True) as tb:
        assert tb.history() == []  # read as it is
    run("edit", "plug-in", "--note", "n", "--db", str(db))
    with open_termbase(db, readonly=True) as tb:
        assert [c.action for c in tb.history()] == ["edit"]


def test_every_edit_is_a_function_of_the_api(db):
    from glossary import api

    change = api.deprecate(db, "插件", use="组件", user="carol")
    assert change.who == "carol"
    api.edit(db, change.uid, term="组件", note="UI", user="carol")  # 组件 alone is two concepts now
    assert [c.action for c in api.history(db, "插件")] == ["deprecate", "edit"]
    with pytest.raises(InputError, match="--db"):
        api.remove(None, "组件")


# -- a property: every backend edits alike, and records exactly the edits that happened -------

_TEXTS = ["plug-in", "插件", "组件", "module", "模块", "add-on"]
_OPS = st.one_of(
    st.tuples(st.just("deprecate"), st.sampled_from(_TEXTS), st.sampled_from(_TEXTS), st.booleans()),
    st.tuples(st.just("status"), st.sampled_from(_TEXTS), st.sampled_from(["preferred", "admitted", "deprecated"])),
    st.tuples(st.just("add"), st.sampled_from(_TEXTS), st.sampled_from(["en", "zh-Hans"])),
    st.tuples(st.just("remove"), st.sampled_from(_TEXTS)),
    st.tuples(st.just("merge"), st.sampled_from(_TEXTS), st.sampled_from(_TEXTS)),
)


def _apply(tb, op) -> bool:
    """One edit; True when it was made, False when refused (and then nothing may change)."""
    kind, *args = op
    try:
        if kind == "deprecate":
            edit.deprecate(tb, args[0], use=args[1], forbid=args[2], user="u")
        elif kind == "status":
            edit.edit(tb, args[0], status=args[1], user="u")
        elif kind == "add":
            edit.add(tb, [(args[1], args[0] + " x")], to=args[0], user="u")
        elif kind == "remove":
            edit.remove(tb, args[0], user="u")
        else:
            edit.merge(tb, args[0], args[1], user="u")
    except InputError:
        return False
    return True


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=st.lists(_OPS, max_size=8))
def test_random_edits_give_the_same_term_base_on_every_backend(tmp_path_factory, ops):
    folder = tmp_path_factory.mktemp("edits")
    results = []
    for suffix in SUFFIXES.values():
        path = folder / f"team{suffix}"
        with open_termbase(path, create=True) as tb:
            tb.add(Concept("term", [Term("en", "plug-in"), Term("zh-Hans", "插件", pinyin="chājiàn")]))
            tb.add(Concept("term", [Term("en", "module"), Term("zh-Hans", "模块", pinyin="mókuài")]))
            made = []
            for op in ops:
                before = list(tb.iter_concepts())
                done = _apply(tb, op)
                if not done:
                    assert list(tb.iter_concepts()) == before, op
                made.append(done)
        with open_termbase(path, readonly=True) as tb:  # as written, not as held in memory
            concepts = list(tb.iter_concepts())
            actions = [c.action for c in tb.history() if not (c.action == "merge" and c.after is None)]
            for concept in concepts:
                preferred = [t.lang for t in concept.terms if t.status == "preferred"]
                assert len(preferred) == len(set(preferred)), concept  # one preferred term per language
        assert len(actions) == sum(made)
        results.append((concepts, actions, made))
    assert results[0] == results[1]


def test_a_jsonl_save_that_fails_leaves_no_record_of_the_edit(tmp_path, monkeypatch):
    from glossary.store import jsonl as jsonl_store

    db = tmp_path / "team.jsonl"
    with open_termbase(db, create=True) as tb:
        tb.add(Concept("term", [Term("en", "plug-in"), Term("zh-Hans", "插件", pinyin="chājiàn")]))
    run("edit", "plug-in", "--note", "one", "--db", str(db))
    log = tmp_path / "team.history.jsonl"
    before, history = db.read_bytes(), log.read_bytes()

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jsonl_store.os, "replace", full_disk)
    # A full disk is the output error it is (exit 4), never a traceback.
    with open_termbase(db) as tb, pytest.raises(OutputError, match="No space left"):
        edit.edit(tb, "plug-in", note="two")
    monkeypatch.undo()
    assert db.read_bytes() == before and log.read_bytes() == history
    run("edit", "plug-in", "--note", "three", "--db", str(db))
    assert [json.loads(line)["seq"] for line in log.read_text(encoding="utf-8").splitlines()] == [1, 2]
