"""The exchange-format registry: what it lists, how a file's format is told, and a plugin's way in.

The contract test at the end runs over every registered format that both
exports and imports, so a new format is held to it without a line here.
"""

from __future__ import annotations

import ast
import io
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import pytest

import glossary.formats as formats
from glossary.errors import InputError
from glossary.formats import (
    FORMATS,
    ImportBatch,
    export_concepts,
    read_concepts,
    sniff_format,
    validate_file,
)
from glossary.formats.base import Format
from glossary.i18n import N_
from glossary.model import Concept, Source, Term

PACKAGE = Path(formats.__file__).parent
#: The modules this refactor keeps free of circles and of imports inside functions.
MODULES = sorted(PACKAGE.glob("*.py")) + [PACKAGE.parent / "xmlsafe.py"]


# -- a trivial format, as a plugin would add it --------------------------------------------


def _export_jsonl(concepts: Iterable[Concept], out: BinaryIO, **_options: object) -> int:
    count = 0
    for concept in concepts:
        row = {"uid": concept.ensure_uid(), "terms": [[t.lang, t.text] for t in concept.terms]}
        out.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count


def _read_jsonl(path: Path, **_options: object) -> ImportBatch:
    def concepts() -> Iterator[Concept]:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            yield Concept(type="term", uid=row["uid"], terms=[Term(lang=lang, text=text) for lang, text in row["terms"]])

    return ImportBatch(concepts(), format="jsonl-test")


JSONL = Format(
    name="jsonl-test",
    order=90,
    description=N_("JSON Lines, one concept a line (a test format)"),
    extensions=(".jsonl-test",),
    export=_export_jsonl,
    read=_read_jsonl,
)


@pytest.fixture
def jsonl():
    FORMATS.register(JSONL)
    yield JSONL
    FORMATS.unregister(JSONL.name)


def sample() -> list[Concept]:
    """A small term base that every format can carry whole: one Chinese and one English term each."""
    return [
        Concept(
            type="term",
            uid="c-standard",
            subject="standards",
            terms=[
                Term(lang="en", text="standardization", sources=[Source(file="a.txt", line=3)]),
                Term(lang="zh-Hans", text="标准化", pinyin="biāozhǔnhuà"),
            ],
        ),
        Concept(
            type="person",
            uid="c-chen",
            note="an author; his name & <title>",
            terms=[
                Term(lang="en", text="Chen Jianping", romanization="Chen Jianping"),
                Term(lang="zh-Hans", text="陈建平"),
            ],
        ),
        Concept(
            type="term",
            uid="c-world",
            terms=[Term(lang="en", text="world"), Term(lang="zh-Hans", text="世界", pinyin="shìjiè")],
        ),
    ]


def export(concepts: Iterable[Concept], fmt: str) -> bytes:
    out = io.BytesIO()
    export_concepts(concepts, out, fmt)
    return out.getvalue()


# -- what the registry lists ---------------------------------------------------------------


def test_built_in_formats_in_order_with_what_each_can_do():
    built_in = ("tbx", "tbx2008", "csv", "tsv")
    # Compared among themselves: a later format (a new module, a plugin) may join the lists.
    assert tuple(n for n in FORMATS.names() if n in built_in) == built_in
    assert tuple(n for n in formats.EXPORT_FORMATS if n in built_in) == built_in
    assert tuple(n for n in formats.IMPORT_FORMATS if n in built_in) == built_in
    assert formats.EXPORT_FORMATS == tuple(f.name for f in FORMATS if f.export is not None)
    assert formats.IMPORT_FORMATS == tuple(f.name for f in FORMATS if f.read is not None)
    assert {"tbx", "tbx2008"} <= set(formats.validate_formats())
    assert not {"csv", "tsv"} & set(formats.validate_formats())
    for fmt in FORMATS:
        assert fmt.description and fmt.extensions, fmt.name
        assert all(ext.startswith(".") and ext == ext.lower() for ext in fmt.extensions), fmt.name
    assert FORMATS.origin("tsv") == "glossary.formats.tabular"


def test_a_registered_format_exports_through_export_concepts(jsonl):
    assert "jsonl-test" in formats.EXPORT_FORMATS and "jsonl-test" in formats.IMPORT_FORMATS
    out = io.BytesIO()
    assert export_concepts(sample(), out, "jsonl-test") == 3
    first = json.loads(out.getvalue().decode("utf-8").splitlines()[0])
    assert first == {"uid": "c-standard", "terms": [["en", "standardization"], ["zh-Hans", "标准化"]]}


def test_a_registered_format_is_detected_by_its_extension(jsonl, tmp_path):
    path = tmp_path / "terms.jsonl-test"
    path.write_bytes(export(sample(), "jsonl-test"))
    assert sniff_format(path) == "jsonl-test"
    assert [c.uid for c in read_concepts(path).concepts] == ["c-standard", "c-chen", "c-world"]


def test_an_unregistered_format_is_gone(tmp_path):
    FORMATS.register(JSONL)
    FORMATS.unregister(JSONL.name)
    with pytest.raises(InputError, match="unknown export format jsonl-test; choose one of tbx, tbx2008, csv, tsv"):
        export_concepts(sample(), io.BytesIO(), "jsonl-test")


def test_an_export_only_format_is_no_import_choice(tmp_path):
    only_out = Format(name="out-only-test", description=N_("x"), extensions=(".oot",), export=_export_jsonl)
    FORMATS.register(only_out)
    try:
        assert "out-only-test" in formats.EXPORT_FORMATS
        assert "out-only-test" not in formats.IMPORT_FORMATS
        path = tmp_path / "x.oot"
        path.write_text("{}\n", encoding="utf-8")
        with pytest.raises(InputError, match="unknown import format out-only-test"):
            read_concepts(path, "out-only-test")
        # Detection asks only formats that can read: non-XML text falls to CSV.
        assert sniff_format(path) == "csv"
    finally:
        FORMATS.unregister("out-only-test")


# -- telling a file's format ------------------------------------------------------------------


V3_HEAD = b'<?xml version="1.0"?>\n<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"/>'
V2_HEAD = b'<?xml version="1.0"?>\n<martif type="TBX-Basic" xml:lang="en"/>'


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.csv", b"<not xml, but named .csv", "csv"),
        ("a.txt", b"<tbx>", "tsv"),
        ("a.UTF8", b"one\ttwo\n", "tsv"),
        ("a.tbx", V3_HEAD, "tbx"),
        ("a.tbx", V2_HEAD, "tbx2008"),
        ("a.xml", "\ufeff".encode() + V2_HEAD, "tbx2008"),
        ("a.tbx", b"not xml at all", "tbx"),
        ("a", V3_HEAD.decode().encode("utf-16"), "tbx"),
        ("a", V2_HEAD.decode().encode("utf-16-le"), "tbx2008"),
        ("a.data", b"en,zh\nworld,\xe4\xb8\x96\xe7\x95\x8c\n", "csv"),
        ("noext", b"  \n<tbx/>", "tbx"),
    ],
)
def test_sniff_format(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    assert sniff_format(path) == expected


def test_validate_file_refuses_a_format_without_a_validator(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("en,zh\n", encoding="utf-8")
    with pytest.raises(InputError, match="cannot validate format csv; choose one of tbx, tbx2008(,|$)"):
        validate_file(path)


def test_validate_file_detects_tbx(tmp_path):
    path = tmp_path / "a.tbx"
    path.write_bytes(export(sample(), "tbx2008"))
    result = validate_file(path)
    assert result.dialect == "TBX-Basic (TBX 2008)"
    assert result.path == str(path)


# -- the contract every exporting and importing format keeps --------------------------------


ROUND_TRIP = [f.name for f in FORMATS if f.export is not None and f.read is not None]


@pytest.mark.parametrize("fmt", ROUND_TRIP)
def test_export_import_export_gives_the_same_bytes(tmp_path, fmt):
    first = export(sample(), fmt)
    assert first, fmt
    path = tmp_path / f"terms{FORMATS.get(fmt).extensions[0]}"
    path.write_bytes(first)
    assert sniff_format(path) == fmt or fmt in ("tbx", "tbx2008")
    batch = read_concepts(path, fmt)
    back = list(batch.concepts)
    assert batch.rejected == []
    assert batch.format == fmt
    assert export(back, fmt) == first


@pytest.mark.parametrize("fmt", ROUND_TRIP)
def test_every_format_filters_languages_it_is_given(fmt):
    """``langs`` is one of the options every exporter takes; none may fail on it."""
    out = io.BytesIO()
    export_concepts(sample(), out, fmt, langs=["en", "zh-CN"], lang_style="script", status_vocab="usage")
    assert out.getvalue()


class _OnlyThePublicApi:
    """A term base with nothing but ``transaction`` and ``add``: what an import may use."""

    def __init__(self) -> None:
        self.added: list[tuple[str, str, frozenset[str]]] = []
        self.open = 0
        self.committed = 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.open += 1
        yield
        self.committed += 1

    def add(
        self, concept: Concept, on_conflict: str = "merge", *, keep_apart: set[str] | None = None,
        statuses: list | None = None,
    ) -> str:
        assert statuses is not None, "an import states its statuses and collects their changes"
        assert self.open == 1 and not self.committed, "added outside the import's transaction"
        self.added.append((concept.terms[0].text, on_conflict, frozenset(keep_apart or ())))
        return "added" if len(self.added) < 3 else "merged"


def test_import_uses_the_term_base_public_api_only(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_bytes(export(sample(), "csv"))
    fake = _OnlyThePublicApi()
    report = formats.import_file(fake, path, on_conflict="skip")
    assert (fake.open, fake.committed) == (1, 1)
    # Each concept this file added is kept apart from the file's later ones.
    assert fake.added == [
        ("standardization", "skip", frozenset()),
        ("Chen Jianping", "skip", frozenset({"c-standard"})),
        ("world", "skip", frozenset({"c-standard", "c-chen"})),
    ]
    assert (report.added, report.merged, report.format) == (2, 1, "csv")


# -- the layering of the package ---------------------------------------------------------------


def _glossary_imports(tree: ast.Module) -> Iterator[tuple[str, bool]]:
    """(module imported, whether at module level) for each ``glossary`` import."""
    top = set()
    for node in tree.body:
        top.add(id(node))
        if isinstance(node, ast.If):  # TYPE_CHECKING blocks
            top.update(id(n) for n in node.body)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("glossary"):
            yield node.module, id(node) in top
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("glossary"):
                    yield alias.name, id(node) in top


def _module_name(path: Path) -> str:
    if path.parent == PACKAGE:
        return "glossary.formats" if path.stem == "__init__" else f"glossary.formats.{path.stem}"
    return f"glossary.{path.stem}"


def test_no_glossary_import_inside_a_function():
    hidden = [
        f"{path.name}: {module}"
        for path in MODULES
        for module, at_top in _glossary_imports(ast.parse(path.read_text(encoding="utf-8")))
        if not at_top
    ]
    assert hidden == []


def test_no_import_circle_and_nothing_from_above():
    graph = {
        _module_name(path): {m for m, _top in _glossary_imports(ast.parse(path.read_text(encoding="utf-8")))}
        for path in MODULES
    }
    above = ("glossary.cli", "glossary.commands", "glossary.api", "glossary.build", "glossary.lint",
             "glossary.lookup", "glossary.report")
    assert not [(m, d) for m, deps in graph.items() for d in deps if d.startswith(above)]
    # A submodule importing the package would be a circle through its __init__.
    assert not [m for m, deps in graph.items() if m != "glossary.formats" and "glossary.formats" in deps]

    def visit(node: str, path: tuple[str, ...]) -> None:
        for dep in sorted(graph.get(node, ())):
            assert dep not in path, " -> ".join((*path, dep))
            visit(dep, (*path, dep))

    for start in graph:
        visit(start, (start,))
