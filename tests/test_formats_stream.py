"""Streamed TBX import: same concepts and errors as the whole-tree path, found as it reads.

Files above ``STREAM_THRESHOLD`` are streamed; these tests lower the
threshold so that small files take that path.
"""

from __future__ import annotations

import io

import pytest
from conftest import FIXTURES, shared_path

import glossary.formats.tbx as tbx
from glossary.errors import InputError
from glossary.formats import export_concepts, import_file, read_concepts
from glossary.model import Concept, Source, Term
from glossary.store import TermBase


@pytest.fixture
def streamed(monkeypatch):
    monkeypatch.setattr(tbx, "STREAM_THRESHOLD", 0)


@pytest.fixture
def tb(tmp_path):
    with TermBase.open(tmp_path / "t.db", create=True) as base:
        yield base


def generated(n: int) -> list[Concept]:
    return [
        Concept(
            type="term",
            uid=f"c{i:04d}",
            sources=[Source("a.txt", i + 1, f"line {i}")],
            terms=[Term("en", f"standard {i}"), Term("zh-Hans", f"标准{i}", pinyin="biāozhǔn")],
        )
        for i in range(n)
    ]


def exported(fmt: str, n: int = 50) -> bytes:
    out = io.BytesIO()
    export_concepts(generated(n), out, fmt)
    return out.getvalue()


def read_all(path, fmt=None):
    batch = read_concepts(path, fmt)
    concepts = list(batch.concepts)
    return concepts, list(batch.mapped), list(batch.rejected), batch.format


def break_entry(data: bytes, index: int, old: bytes, new: bytes) -> tuple[bytes, int]:
    """Replace the first ``old`` after the start of entry ``index``; returns data and that line."""
    text = data.decode("utf-8")
    tag = "<conceptEntry " if "<conceptEntry " in text else "<termEntry "
    start = -1
    for _ in range(index + 1):
        start = text.index(tag, start + 1)
    at = text.index(old.decode("utf-8"), start)
    text = text[:at] + new.decode("utf-8") + text[at + len(old):]
    return text.encode("utf-8"), text[:at].count("\n") + 1


@pytest.mark.parametrize(
    "parts",
    [
        ("tbx", "samples", "basic_good.tbx"),
        ("tbx", "samples", "core_structure_good.tbx"),
        ("tbx", "samples", "basic_bad.tbx"),
        ("tbx", "v3", "Example_Astronomy_DCA_VALID.tbx"),
        ("real", "kde-cn", "terms.tbx"),
    ],
)
def test_streamed_reads_the_same_as_whole_tree(monkeypatch, parts):
    path = shared_path(*parts)
    whole = read_all(path)
    monkeypatch.setattr(tbx, "STREAM_THRESHOLD", 0)
    assert read_all(path) == whole
    assert whole[0]


@pytest.mark.parametrize("fmt", ["tbx", "tbx2008"])
def test_streamed_reads_exports_and_vendor_quirks_the_same(monkeypatch, tmp_path, fmt):
    path = tmp_path / f"x.{fmt}.tbx"
    path.write_bytes(exported(fmt))
    for source in (path, FIXTURES / "formats_quirks_utf16.tbx"):
        whole = read_all(source)
        with monkeypatch.context() as patch:
            patch.setattr(tbx, "STREAM_THRESHOLD", 0)
            assert read_all(source) == whole
    assert read_all(path)[0] == generated(50)


def test_streamed_concepts_are_read_lazily(streamed):
    batch = read_concepts(shared_path("real", "kde-cn", "terms.tbx"))
    first = next(batch.concepts)
    assert first.terms
    # The file's empty <term/> elements come later: not read yet.
    assert batch.rejected == []
    rest = list(batch.concepts)
    assert len(rest) == 136 and batch.rejected
    assert "language zh-CN -> zh-Hans (137)" in batch.mapped


def test_small_files_are_checked_before_any_concept(tmp_path):
    data, line = break_entry(exported("tbx"), 40, b'<termNote type="termType">', b"<termNote>")
    path = tmp_path / "bad.tbx"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_concepts(path)
    assert "core structure" in info.value.message and info.value.line


@pytest.mark.parametrize(
    ("fmt", "old", "new", "message"),
    [
        ("tbx", b'<termNote type="termType">', b"<termNote>", "<termNote> needs a type attribute"),
        ("tbx", b"<langSec ", b"<admin>stray</admin><langSec ", "<admin> needs a type attribute"),
        ("tbx2008", b"<term>standard 40</term>", b"<note>standard 40</note>",
         "<tig> must hold exactly one <term>"),
    ],
)
def test_streamed_error_mid_file_has_its_line(streamed, tmp_path, fmt, old, new, message):
    data, line = break_entry(exported(fmt), 40, old, new)
    path = tmp_path / "bad.tbx"
    path.write_bytes(data)
    batch = read_concepts(path)
    read = []
    with pytest.raises(InputError) as info:
        for concept in batch.concepts:
            read.append(concept)
    assert len(read) == 40  # the entries before the broken one were handed out
    assert message in info.value.message
    if fmt == "tbx":
        assert info.value.line == line
    else:
        assert info.value.line == line - 1  # the <tig>, on the line above its term


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # Between entries, inside <body>.
        (b"<conceptEntry ", b"<admin type='source'>x</admin><conceptEntry ", "<body> has invalid content"),
        (b"<conceptEntry ", b"stray text<conceptEntry ", "text not allowed directly in <body>"),
        # After the last entry, and after <body>.
        (b"</body>", b"<note>x</note></body>", "<body> has invalid content"),
        (b"</text>", b"<note>x</note></text>", "<text> has invalid content"),
        (b"</tbxHeader>", b"</tbxHeader>oops", "text not allowed directly in <tbx>"),
        # In the header, which is checked once, when it ends.
        (b"<p>", b"<p>x</p><admin>y</admin><p>", "<sourceDesc> has invalid content"),
    ],
)
def test_streamed_checks_the_containers_too(streamed, tmp_path, old, new, message):
    data = exported("tbx", 5)
    at = data.rindex(old) if old in (b"<conceptEntry ",) else data.index(old)
    path = tmp_path / "bad.tbx"
    path.write_bytes(data[:at] + new + data[at + len(old):])
    with pytest.raises(InputError) as info:
        list(read_concepts(path).concepts)
    assert message in info.value.message and info.value.line


def test_streamed_entry_outside_body_rejected(streamed, tmp_path):
    data = exported("tbx", 3).replace(b"<body>", b"").replace(b"</body>", b"")
    path = tmp_path / "bad.tbx"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        list(read_concepts(path).concepts)
    assert "<text> has invalid content" in info.value.message


def test_streamed_root_problems_raise_before_the_stream(streamed, tmp_path):
    path = tmp_path / "bad.tbx"
    path.write_bytes(exported("tbx", 3).replace(b' style="dca"', b""))
    with pytest.raises(InputError) as info:
        read_concepts(path)  # nothing consumed
    assert "style" in info.value.message and info.value.line == 2
    path.write_bytes(b"<?xml version='1.0'?>\n<glossary><entry/></glossary>")
    with pytest.raises(InputError, match="root element is <glossary>"):
        read_concepts(path, "tbx")


def test_streamed_martif_without_entries_rejected(streamed, tmp_path):
    path = tmp_path / "empty.tbx"
    path.write_bytes(b'<martif type="TBX" xml:lang="en">\n<text><body/></text></martif>')
    with pytest.raises(InputError, match="no <termEntry>"):
        list(read_concepts(path).concepts)


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [("core_structure_bad.tbx", 15, "core structure"), ("poorly_formed_xml.tbx", 42, "not well-formed")],
)
def test_streamed_ltac_bad_samples(streamed, name, line, words):
    with pytest.raises(InputError) as info:
        list(read_concepts(shared_path("tbx", "samples", name)).concepts)
    assert info.value.line == line and words in info.value.message


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("formats_billion_laughs.tbx", "entities"),
        ("formats_xxe.tbx", "entities"),
        ("formats_undeclared_entity.tbx", "&ext;"),
    ],
)
def test_streamed_hostile_xml_refused(streamed, name, words):
    with pytest.raises(InputError) as info:
        list(read_concepts(FIXTURES / name).concepts)
    assert words in info.value.message


def test_streamed_entity_between_entries_refused(streamed, tmp_path):
    data = exported("tbx2008", 3)
    data = data.replace(b"<martif", b'<!DOCTYPE martif SYSTEM "http://example.invalid/x.dtd">\n<martif', 1)
    at = data.rindex(b"<termEntry ")
    path = tmp_path / "e.tbx"
    path.write_bytes(data[:at] + b"&ext;" + data[at:])
    with pytest.raises(InputError, match="&ext;"):
        list(read_concepts(path).concepts)


def _csv(tb) -> bytes:
    out = io.BytesIO()
    export_concepts(tb.iter_concepts(), out, "csv")
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["tbx", "tbx2008"])
def test_streamed_error_mid_import_leaves_the_term_base_untouched(streamed, tb, tmp_path, fmt):
    import_file(tb, FIXTURES / "formats_quirks_utf16.tbx")
    before, count = _csv(tb), tb.count()
    old, new = (
        (b'<termNote type="termType">', b"<termNote>")
        if fmt == "tbx"
        else (b"<term>standard 45</term>", b"<note>standard 45</note>")
    )
    data, _line = break_entry(exported(fmt), 45, old, new)
    path = tmp_path / "bad.tbx"
    path.write_bytes(data)
    with pytest.raises(InputError):
        import_file(tb, path)
    assert tb.count() == count and _csv(tb) == before
    # The unbroken file imports, with its report complete after the stream.
    good = tmp_path / "good.tbx"
    good.write_bytes(exported(fmt))
    report = import_file(tb, good)
    assert report.added == 50 and report.rejected == []
    assert "no status: first term preferred, others admitted" not in " ".join(report.mapped)


def test_streamed_ltac_bad_samples_leave_the_term_base_untouched(streamed, tb):
    import_file(tb, FIXTURES / "formats_quirks_utf16.tbx")
    before = _csv(tb)
    for name in ("core_structure_bad.tbx", "poorly_formed_xml.tbx"):
        with pytest.raises(InputError) as info:
            import_file(tb, shared_path("tbx", "samples", name))
        assert info.value.line
    assert _csv(tb) == before


def test_streamed_import_report_counts(streamed, tb):
    report = import_file(tb, shared_path("real", "kde-cn", "terms.tbx"))
    assert report.added == 137
    assert report.rejected and all(r == "empty term" for _w, r in report.rejected)
    assert "language en-US -> en (137)" in report.mapped


def test_mapping_lines_follow_the_counts():
    from glossary.formats.common import Mapping

    mapping = Mapping()
    lines = mapping.view()
    assert lines == [] and len(lines) == 0
    mapping.add("b")
    mapping.add("a", 2)
    assert lines == ["a (2)", "b (1)"] and "b (1)" in lines and lines[-1] == "b (1)"
