"""A large file read in a forked process while the importing one writes: the same base, report and errors.

:func:`glossary.formats.importing.read_ahead` starts at ``READ_AHEAD_FROM``
bytes; these tests lower it to 0 (and the TBX stream threshold with it) so
that small files take that path, and compare with the same import read in
the writing process.
"""

from __future__ import annotations

import io
import multiprocessing
import os
import signal

import pytest
from conftest import shared_path

import glossary.formats.tbx as tbx
from glossary.errors import GlossaryError, InputError
from glossary.formats import export_concepts, import_file, importing
from glossary.model import Concept, Source, Term
from glossary.store import TermBase
from glossary.store import sqlite as sqlite_store

if "fork" not in multiprocessing.get_all_start_methods():  # pragma: no cover - Windows
    pytest.skip("reading ahead needs fork", allow_module_level=True)


@pytest.fixture
def ahead(monkeypatch):
    """Every streamed import read ahead; the calls of the writing side are counted."""
    monkeypatch.setattr(tbx, "STREAM_THRESHOLD", 0)
    monkeypatch.setattr(importing, "READ_AHEAD_FROM", 0)
    monkeypatch.setattr(importing, "_can_fork", lambda: True)
    monkeypatch.setattr(importing, "_SENT", 3)  # several messages even for a small file
    calls = []
    real = importing._received

    def counted(*args):
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(importing, "_received", counted)
    return calls


def _tables(tb):
    names = ("concept", "term", "flag", "source", "sqlite_master")
    return {n: tb.conn.execute(f"SELECT * FROM {n} ORDER BY 1, 2").fetchall() for n in names}


def _imported(path, db, **options):
    """The report's parts and every table, of ``path`` imported into a new base ``db``."""
    with TermBase.open(db, create=True) as tb:
        report = import_file(tb, path, **options)
        return (report.summary(), report.rejected, report.mapped), _tables(tb)


def _generated(n: int) -> bytes:
    concepts = [
        Concept(
            type="person" if i % 7 == 0 else "term",
            uid=f"c{i:04d}",
            subject="standards" if i % 3 else None,
            sources=[Source("a.txt", i + 1, f"line {i}")],
            terms=[Term("en", f"standard {i}", note="n" if i == 4 else None),
                   Term("zh-Hans", "徐斌" if i % 7 == 0 else f"标准{i}", pinyin=None if i % 2 else "biāozhǔn")],
        )
        for i in range(40)
    ]
    out = io.BytesIO()
    export_concepts(concepts, out, "tbx")
    return out.getvalue()


@pytest.mark.parametrize(
    "parts",
    [("real", "kde-cn", "terms.tbx"), ("tbx", "samples", "basic_bad.tbx"), ("tbx", "v3", "Example_Astronomy_DCA_VALID.tbx")],
)
def test_read_ahead_writes_what_reading_in_place_writes(tmp_path, monkeypatch, ahead, parts):
    path = shared_path(*parts)
    with monkeypatch.context() as patch:
        patch.setattr(importing, "READ_AHEAD_FROM", 2**62)
        here = _imported(path, tmp_path / "here.db")
    assert not ahead
    assert _imported(path, tmp_path / "ahead.db") == here
    assert len(ahead) == 1


def test_read_ahead_of_a_table_and_a_tbx_with_pinyin_to_compute(tmp_path, monkeypatch, ahead):
    """Pinyin computed, names romanized, control characters counted: the same, in the reading process."""
    tbx_file = tmp_path / "gen.tbx"
    tbx_file.write_bytes(_generated(40))
    csv_file = tmp_path / "names.csv"
    rows = ["en,zh,type", "World Standards Day,世界标准日,term", "Chaoyang District,朝阳区,place",
            "Xu Bin,徐斌,person", "again,世界标准日,term", "with spaces, 碳中和 ,term", "bad\x01,碳达峰,term"]
    csv_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with_fork = [_imported(f, tmp_path / f"{f.suffix[1:]}-ahead.db") for f in (tbx_file, csv_file)]
    assert len(ahead) == 2
    monkeypatch.setattr(importing, "READ_AHEAD_FROM", 2**62)
    in_place = [_imported(f, tmp_path / f"{f.suffix[1:]}-here.db") for f in (tbx_file, csv_file)]
    assert len(ahead) == 2  # not called again
    assert with_fork == in_place
    assert any("pinyin added" in line for line in in_place[0][0][2])
    assert any("control characters" in line for line in in_place[1][0][2])


def test_read_ahead_lenient_rejections_are_reported(tmp_path, ahead):
    data = _generated(40).decode("utf-8").replace('<termNote type="termType">', "<termNote>", 1)
    path = tmp_path / "broken.tbx"
    path.write_text(data, encoding="utf-8")
    report, _tables_ = _imported(path, tmp_path / "t.db", lenient=True)
    assert ahead and len(report[1]) == 1 and "entry skipped" in report[1][0][1]


def test_read_ahead_error_mid_file_is_the_same_and_leaves_the_base_untouched(tmp_path, monkeypatch, ahead):
    data = _generated(40).decode("utf-8")
    at = data.index("<conceptEntry", data.index('id="c0030"') - 40)
    broken = data[:at] + data[at:].replace('<termNote type="termType">', "<termNote>", 1)
    path = tmp_path / "broken.tbx"
    path.write_text(broken, encoding="utf-8")
    errors = []
    for read_ahead_from in (0, 2**62):
        monkeypatch.setattr(importing, "READ_AHEAD_FROM", read_ahead_from)
        with TermBase.open(tmp_path / f"{read_ahead_from}.db", create=True) as tb:
            tb.add(Concept(type="term", terms=[Term("en", "kept")]))
            with pytest.raises(InputError) as info:
                import_file(tb, path)
            assert [c.terms[0].text for c in tb.iter_concepts()] == ["kept"]
        errors.append((type(info.value), str(info.value), info.value.line, info.value.file))
    assert len(ahead) == 1
    assert errors[0] == errors[1] and errors[0][2]


def test_a_writer_failure_stops_the_reading_process(tmp_path, monkeypatch, ahead):
    path = tmp_path / "gen.tbx"
    path.write_bytes(_generated(40))

    def failing_flush(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(sqlite_store, "_BULK_BATCH", 2)
    monkeypatch.setattr(sqlite_store._BulkWriter, "flush", failing_flush)
    with TermBase.open(tmp_path / "t.db", create=True) as tb, pytest.raises(RuntimeError, match="disk full"):
        import_file(tb, path)
    assert ahead and multiprocessing.active_children() == []


def test_a_bug_in_the_reading_process_is_raised_with_where_it_happened(tmp_path, monkeypatch, ahead):
    path = tmp_path / "gen.tbx"
    path.write_bytes(_generated(40))
    complete = __import__("glossary.formats.complete", fromlist=["merge_duplicates"])

    def broken(concept):
        raise KeyError("a bug")

    monkeypatch.setattr(complete, "merge_duplicates", broken)
    with TermBase.open(tmp_path / "t.db", create=True) as tb:
        with pytest.raises(KeyError) as info:
            import_file(tb, path)
        assert tb.count() == 0
    assert any("merge_duplicates" in note or "broken" in note for note in info.value.__notes__)
    assert multiprocessing.active_children() == []


def test_read_ahead_sends_records_and_merges_into_a_full_base_as_in_place(tmp_path, monkeypatch, ahead):
    """The reading process sends plain tuples (no model object rebuilt by the writer), and into a base
    with concepts they merge, keep apart and take ids as concepts read in place do."""
    path = tmp_path / "gen.tbx"
    path.write_bytes(_generated(40))
    seen: list[type] = []
    real = sqlite_store.SQLiteTermBase.add_all

    def watched(self, concepts, *args, **kwargs):
        def items():
            for item in concepts:
                seen.append(type(item))
                yield item

        return real(self, items(), *args, **kwargs)

    monkeypatch.setattr(sqlite_store.SQLiteTermBase, "add_all", watched)
    results = []
    for read_ahead_from in (0, 2**62):
        monkeypatch.setattr(importing, "READ_AHEAD_FROM", read_ahead_from)
        with TermBase.open(tmp_path / f"{read_ahead_from}.db", create=True) as tb:
            tb.add(Concept(type="term", uid="c0003", terms=[Term("en", "standard 3")]))  # merges: no new id
            tb.add(Concept(type="term", terms=[Term("en", "kept")]))
            report = import_file(tb, path)
            results.append(((report.summary(), report.mapped), _tables(tb)))
        assert set(seen) == ({tuple} if read_ahead_from == 0 else {Concept})
        seen.clear()
    assert results[0] == results[1]
    assert results[0][0][0].startswith("39 added, 1 merged")


@pytest.mark.parametrize("death", ["signal", "exit"])
def test_a_reading_process_that_dies_unheard_is_one_error_naming_the_file(tmp_path, monkeypatch, ahead, death):
    """Killed (the out-of-memory killer) or gone before it could send its error: the file and the why,
    an error with an exit status of its own (not a bug's traceback), the base untouched."""
    path = tmp_path / "gen.tbx"
    path.write_bytes(_generated(40))
    complete = __import__("glossary.formats.complete", fromlist=["merge_duplicates"])

    def dying(concept):  # runs in the reading process only
        if death == "signal":
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(3)

    monkeypatch.setattr(complete, "merge_duplicates", dying)
    with TermBase.open(tmp_path / "t.db", create=True) as tb:
        tb.add(Concept(type="term", terms=[Term("en", "kept")]))
        with pytest.raises(GlossaryError) as info:
            import_file(tb, path)
        assert [c.terms[0].text for c in tb.iter_concepts()] == ["kept"]
    assert info.value.file == str(path)
    assert ("SIGKILL" if death == "signal" else "exit status 3") in info.value.message
    assert multiprocessing.active_children() == []
