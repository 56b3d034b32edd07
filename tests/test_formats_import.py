"""Import into a term base: one transaction, counts, no duplicates, hostile XML refused."""

from __future__ import annotations

import importlib
import io

import pytest
from conftest import FIXTURES, shared_path

from glossary.errors import InputError
from glossary.formats import export_concepts, import_file, read_concepts
from glossary.model import Concept, Term
from glossary.store import TermBase
from glossary.store import sqlite as sqlite_store
from glossary.xmlsafe import parse_bytes


@pytest.fixture
def tb(tmp_path):
    with TermBase.open(tmp_path / "t.db", create=True) as base:
        yield base


def test_bad_files_leave_the_term_base_untouched(tb):
    import_file(tb, FIXTURES / "formats_quirks_utf16.tbx")
    before = io.BytesIO()
    export_concepts(tb.iter_concepts(), before, "csv")
    for name in ("core_structure_bad.tbx", "poorly_formed_xml.tbx"):
        with pytest.raises(InputError) as info:
            import_file(tb, shared_path("tbx", "samples", name))
        assert info.value.line
    after = io.BytesIO()
    export_concepts(tb.iter_concepts(), after, "csv")
    assert before.getvalue() == after.getvalue()


def test_failure_mid_import_rolls_back(tb, monkeypatch):
    """Into a term base with concepts the rows go in batches too: a failure after some were written undoes them."""
    tb.add(Concept(type="term", terms=[Term(lang="en", text="kept"), Term(lang="zh-Hans", text="保留")]))
    monkeypatch.setattr(sqlite_store, "_BULK_BATCH", 10)
    real_flush = sqlite_store._BulkWriter.flush
    calls = {"n": 0}

    def failing_flush(self):
        calls["n"] += 1
        if calls["n"] == 3:
            assert self.conn.execute("SELECT count(*) FROM concept").fetchone()[0] == 21
            raise RuntimeError("disk full")
        return real_flush(self)

    monkeypatch.setattr(sqlite_store._BulkWriter, "flush", failing_flush)
    with pytest.raises(RuntimeError):
        import_file(tb, shared_path("tbx", "samples", "basic_good.tbx"))
    assert calls["n"] == 3
    assert [c.terms[0].text for c in tb.iter_concepts()] == ["kept"]


def test_failure_mid_bulk_import_rolls_back(tb, monkeypatch, tmp_path):
    """Into an empty term base the rows go in batches: a failure after some were written undoes them."""
    monkeypatch.setattr(sqlite_store, "_BULK_BATCH", 2)
    real_flush = sqlite_store._BulkWriter.flush
    calls = {"n": 0}

    def failing_flush(self):
        calls["n"] += 1
        if calls["n"] == 3:
            assert self.conn.execute("SELECT count(*) FROM concept").fetchone()[0] == 4
            raise RuntimeError("disk full")
        return real_flush(self)

    monkeypatch.setattr(sqlite_store._BulkWriter, "flush", failing_flush)
    source = tmp_path / "six.csv"
    source.write_text("en,zh\n" + "".join(f"term {i},术语{i}\n" for i in range(6)), encoding="utf-8")
    with pytest.raises(RuntimeError):
        import_file(tb, source)
    assert tb.count() == 0
    indexes = {row[0] for row in tb.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"term_norm", "term_pinyin_key", "term_concept", "source_concept"} <= indexes


def _tables(tb):
    """Every row of a term base's own tables, in id order: what two ways of writing must agree on."""
    names = ("concept", "term", "flag", "source")
    return {n: tb.conn.execute(f"SELECT * FROM {n} ORDER BY id").fetchall() for n in names}


def test_bulk_import_equals_one_by_one(tmp_path):
    """The batched path writes the rows, ids and indexes that ``add`` one by one writes."""
    source = tmp_path / "t.csv"
    rows = ["en,zh,id", "alpha,阿尔法,", "alpha,阿尔法,", "beta,贝塔,c1", "beta two,贝塔二,c1", "gamma,伽马,"]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")

    with TermBase.open(tmp_path / "bulk.db", create=True) as bulk:
        report = import_file(bulk, source)
        schema = sorted(bulk.conn.execute("SELECT name, sql FROM sqlite_master"))
        got = _tables(bulk)
    with TermBase.open(tmp_path / "slow.db", create=True) as slow:
        slow.add_all = None  # the generic path: ``add`` per concept
        again = import_file(slow, source)
        assert sorted(slow.conn.execute("SELECT name, sql FROM sqlite_master")) == schema
        assert _tables(slow) == got
    assert (report.added, report.merged) == (again.added, again.merged) == (4, 1)



def test_bulk_import_into_a_full_base_equals_one_by_one(tmp_path, monkeypatch):
    """Into a term base with concepts, the batched path merges, keeps apart and counts as ``add`` one by one.

    Windows of two concepts, so that a merge in one window makes a later
    concept of the same window merge (``touched``), and one of the next.
    """
    monkeypatch.setattr(sqlite_store, "_BULK_BATCH", 2)
    first = tmp_path / "first.csv"
    first.write_text("en,zh,id\nalpha,阿尔法,\nbeta,贝塔,b1\nzeta,泽塔,\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    rows = [
        "en,zh,id,en_admitted,type",
        "alpha,,,alpha prime,term",  # merges by its term: gains "alpha prime"
        "alpha prime,新,,,term",  # merges where the previous merge wrote
        "new one,新一,,,term",  # added
        "new one,新一,,,term",  # the file's own: kept apart, added
        "beta,,b1,,term",  # its id: merges
        "zeta,泽塔,,,org",  # another type: added
        "delta,德尔塔,b1,,term",  # its id again
        "Alpha,,,,term",  # merges by the folded norm
    ]
    second.write_text("\n".join(rows) + "\n", encoding="utf-8")

    outcomes = []
    for name, batched in (("bulk.db", True), ("slow.db", False)):
        with TermBase.open(tmp_path / name, create=True) as base:
            import_file(base, first)
            if not batched:
                base.add_all = None  # the generic path: ``add`` per concept
            for on_conflict in ("merge", "skip", "replace", "merge"):
                report = import_file(base, second, on_conflict=on_conflict)
                outcomes.append((report.summary(), [str(s) for s in report.statuses]))
            outcomes.append(_tables(base))
    half = len(outcomes) // 2
    assert outcomes[:half] == outcomes[half:]


def test_bulk_import_id_of_a_concept_add_wrote_equals_one_by_one(tmp_path):
    """An id that a concept written through ``add`` took is taken for the rest of its window too.

    The second row may merge (its term is one a merge wrote) but is a person,
    so ``add`` adds it with its id; the third row gives that id again and must
    merge there (the first is unchanged), as one by one, not be queued as new (a UNIQUE failure).
    """
    first = tmp_path / "first.csv"
    first.write_text("en,zh\nalpha,阿尔法\n", encoding="utf-8")
    second = tmp_path / "second.csv"
    second.write_text("id,type,en\n,term,alpha\nB,person,alpha\nB,term,gamma\n", encoding="utf-8")

    outcomes = []
    for name, batched in (("bulk.db", True), ("slow.db", False)):
        with TermBase.open(tmp_path / name, create=True) as base:
            import_file(base, first)
            if not batched:
                base.add_all = None  # the generic path: ``add`` per concept
            report = import_file(base, second)
            outcomes.append((report.summary(), _tables(base)))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0].startswith("1 added, 1 merged, 1 unchanged")


def test_counts_and_reimport_never_duplicates(tb):
    path = shared_path("tbx", "samples", "basic_good.tbx")
    first = import_file(tb, path)
    assert (first.added, first.merged, len(first.rejected)) == (45, 0, 0)
    again = import_file(tb, path)
    assert (again.added, again.unchanged) == (0, 45)
    assert tb.count() == 45
    skipped = import_file(tb, path, on_conflict="skip")
    assert skipped.skipped == 45
    replaced = import_file(tb, path, on_conflict="replace")
    assert replaced.replaced == 45 and tb.count() == 45
    assert "45 added" in first.summary()


def test_merge_by_equal_terms(tb, tmp_path):
    tb.add(Concept(type="term", terms=[Term("en", "standard"), Term("zh-Hans", "标准")]))
    path = tmp_path / "g.tsv"
    path.write_text("en\tzh-CN\nStandard\t标准\n", encoding="utf-8")
    report = import_file(tb, path)
    assert (report.added, report.merged + report.unchanged) == (0, 1)
    assert tb.count() == 1


def test_kde_homonyms_stay_apart(tb):
    report = import_file(tb, shared_path("real", "kde-cn", "terms.tbx"))
    assert report.added == 137
    assert len(tb.search("ok")) >= 2


def test_billion_laughs_refused():
    with pytest.raises(InputError) as info:
        read_concepts(FIXTURES / "formats_billion_laughs.tbx")
    assert "entities" in info.value.message and info.value.line == 3


def test_external_entity_refused_and_never_read():
    with pytest.raises(InputError):
        read_concepts(FIXTURES / "formats_xxe.tbx")
    # Even if the DOCTYPE check were bypassed, the parser leaves it unresolved.
    data = (FIXTURES / "formats_undeclared_entity.tbx").read_bytes()
    with pytest.raises(InputError) as info:
        parse_bytes(data, "x")
    assert "&ext;" in info.value.message


def test_parser_does_not_resolve_entities_itself():
    from lxml import etree

    from glossary.xmlsafe import make_parser

    data = (FIXTURES / "formats_xxe.tbx").read_bytes()
    root = etree.fromstring(data, parser=make_parser())
    assert "root:" not in etree.tostring(root, encoding="unicode")


def test_utf16_doctype_with_entities_refused():
    data = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>'
    with pytest.raises(InputError):
        parse_bytes(b"\xff\xfe" + data.encode("utf-16-le"), "x")


def test_plain_doctype_is_allowed():
    tree = parse_bytes(
        b"<?xml version='1.0'?>\n<!DOCTYPE martif PUBLIC 'x' 'TBXcdv04.dtd'>\n<martif/>", "x"
    )
    assert tree.getroot().tag == "martif"


def test_an_imported_csv_changes_statuses_and_the_summary_lists_them(tmp_path):
    """Issue 11: a CSV marking 插件 deprecated and 组件 preferred updates an existing concept."""
    from click.testing import CliRunner

    from glossary.cli import cli
    from glossary.store import open_termbase

    db = tmp_path / "tb.jsonl"
    first = tmp_path / "first.csv"
    first.write_text("en,zh\nplug-in,插件\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["import", str(first), "--db", str(db)]).exit_code == 0
    second = tmp_path / "second.csv"
    second.write_text("en,zh,zh_deprecated\nplug-in,组件,插件\n", encoding="utf-8")
    for policy in ("merge", "replace"):
        result = runner.invoke(cli, ["import", str(second), "--db", str(db), "--on-conflict", policy])
        assert result.exit_code == 0, result.output
        with open_termbase(db) as tb:
            (concept,) = tb.iter_concepts()
        statuses = {t.text: t.status for t in concept.terms}
        assert statuses == {"plug-in": "preferred", "组件": "preferred", "插件": "deprecated"}
        assert {t.text: t.pinyin for t in concept.terms}["插件"] == "chājiàn"
        if policy == "merge":
            assert f"status changed: 插件 (zh-Hans) preferred -> deprecated in {concept.uid}" in result.output


def test_pinyin_computed_ahead_in_workers_is_the_same(tmp_path, monkeypatch):
    """Chunks read ahead, their pinyin computed in worker processes: the same rows as computed in place."""
    complete = importlib.import_module("glossary.formats.complete")  # the package exports a function of that name

    source = tmp_path / "names.csv"
    rows = ["en,zh,type", "World Standards Day,世界标准日,term", "Chaoyang District,朝阳区,place",
            "Xu Bin,徐斌,person", "SAC,国家标准化管理委员会,org", "again,世界标准日,term",
            "Chaoyang District,朝阳区,place", "carbon peak,碳达峰,term", "with spaces, 碳中和 ,term"]
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")

    def tables(path):
        with TermBase.open(path, create=True) as tb:
            report = import_file(tb, source)
            return report.mapped, tb.conn.execute("SELECT * FROM term ORDER BY id").fetchall()

    alone = tables(tmp_path / "alone.db")
    monkeypatch.setattr(complete, "CHUNK", 3)
    monkeypatch.setattr(complete, "PARALLEL_FROM", 1)
    started = []
    real_start = complete._Workers.start
    monkeypatch.setattr(complete._Workers, "start", lambda self, sample: started.append(1) or real_start(self, sample))
    assert tables(tmp_path / "workers.db") == alone
    assert started


def test_import_memo_forgets_only_what_it_can_compute_again():
    from glossary.formats.complete import _ImportMemo

    memo = _ImportMemo(limit=2)
    memo[("徐斌", "person")] = ("Xú Bīn", None)  # the first 徐斌 had its own romanization: kept
    for text in ("一", "二", "三"):
        memo[(text, "term")] = (text, None)
    assert ("徐斌", "person") in memo and ("三", "term") in memo
    assert ("一", "term") not in memo
