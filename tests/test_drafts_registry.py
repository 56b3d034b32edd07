"""The draft-reader registry: one file adds a reader, detection knows only the registry."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, REPO

from glossary import drafts
from glossary.drafts import READERS, Draft, FileReader, PairReader, Segment, read_draft
from glossary.drafts.base import SimpleReader, head_text, is_pair, non_blank_lines
from glossary.drafts.detect import detect_format, sniff
from glossary.drafts.readers import FORMATS
from glossary.errors import InputError

# ---- a trivial reader, declared the way a new module (or plugin) declares it ----


def _read_pipe(path, *, source_lang=None, target_lang=None, encoding=None) -> Draft:
    name = str(path)
    segments = []
    for number, line in enumerate(Path(path).read_text(encoding=encoding or "utf-8").split("\n"), 1):
        if line.strip():
            source, _bar, target = line.partition("|")
            segments.append(Segment(source.strip(), target.strip(), name, number))
    return Draft(segments, None, None, "pipe", [name])


def _sniff_pipe(path: Path, head: bytes) -> bool:
    lines = non_blank_lines(head_text(head))
    return bool(lines) and all("|" in line for line in lines)


PIPE = SimpleReader(
    name="pipe",
    order=35,  # before TSV and prose, which would also take a pipe file
    description="Source|target, one segment a line",
    extensions=(".pipe",),
    sniff=_sniff_pipe,
    read=_read_pipe,
)


@pytest.fixture
def pipe_reader():
    READERS.register(PIPE)
    try:
        yield PIPE
    finally:
        READERS.unregister(PIPE.name)


def test_a_registered_reader_reads_by_extension_and_by_name(tmp_path, pipe_reader):
    assert "pipe" in READERS.names()
    assert "pipe" in drafts.FORMATS  # the compatibility tuple follows the registry
    path = tmp_path / "draft.pipe"
    path.write_text("quality | 质量\n\nsafety | 安全\n", encoding="utf-8")
    draft = read_draft(path)
    assert draft.format == "pipe"
    assert [(s.source, s.target, s.line) for s in draft.segments] == [
        ("quality", "质量", 1),
        ("safety", "安全", 3),
    ]
    # read_draft still settles the languages, whatever the reader.
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    renamed = tmp_path / "draft.txt"
    renamed.write_bytes(path.read_bytes())
    assert read_draft(renamed, input_format="PIPE").format == "pipe"


def test_a_registered_reader_is_sniffed_in_its_order(tmp_path, pipe_reader):
    path = tmp_path / "draft.data"
    path.write_text("quality | 质量\nsafety | 安全\n", encoding="utf-8")
    assert detect_format(path) == "pipe"
    assert read_draft(path).format == "pipe"


def test_unregistered_reader_is_gone(tmp_path):
    READERS.register(PIPE)
    READERS.unregister("pipe")
    assert "pipe" not in READERS
    assert all(".pipe" not in reader.extensions for reader in READERS)
    path = tmp_path / "draft.pipe"
    path.write_text("quality | 质量\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_draft(path, input_format="pipe")
    assert "pipe" in str(info.value) and "tsv" in str(info.value)


def test_formats_is_the_registry_names():
    assert FORMATS == tuple(READERS.names()) == drafts.FORMATS
    assert {"tsv", "text", "xliff", "tmx", "po", "corpus"} <= set(FORMATS)


def test_every_reader_follows_the_protocol():
    for reader in READERS:
        assert isinstance(reader, PairReader if is_pair(reader) else FileReader), reader.name
        assert reader.name == reader.name.lower() and reader.description
        assert all(ext.startswith(".") and ext == ext.lower() for ext in reader.extensions)


def test_extensions_are_claimed_once():
    claimed: dict[str, str] = {}
    for reader in READERS:
        for ext in reader.extensions:
            assert ext not in claimed, f"{ext} claimed by {claimed.get(ext)} and {reader.name}"
            claimed[ext] = reader.name


def test_sniffing_follows_registry_order():
    # A PO catalog whose lines hold tabs is still PO: PO sniffs before TSV.
    po = 'msgid "a\tb"\nmsgstr "c\td"\n'
    assert sniff(po, "draft.data") == "po"
    # Prose is a corpus document only in a plain-text file, and markup never is.
    assert sniff("# CHINA SCENE\n# 中国视窗\n", "draft.txt") == "corpus"
    assert sniff("# CHINA SCENE\n# 中国视窗\n", "draft.data") is None
    assert sniff("<html>\t<body/>\t</html>\n", "draft.txt") is None


@pytest.mark.parametrize("module", ["detect.py", "readers.py", "__init__.py", "_registry.py"])
def test_no_format_is_named_outside_its_reader(module):
    source = (REPO / "glossary" / "drafts" / module).read_text(encoding="utf-8")
    for name in READERS.names():
        assert f'"{name}"' not in source and f"'{name}'" not in source, (module, name)
    for reader in READERS:
        for ext in reader.extensions:
            assert f'"{ext}"' not in source, (module, ext)


def test_pair_and_single_readers_refuse_the_wrong_number_of_files(tmp_path):
    single = FIXTURES / "drafts_basic.po"
    pair_name = next(r.name for r in READERS if is_pair(r))
    with pytest.raises(InputError) as info:
        read_draft(single, input_format=pair_name)
    assert "two files" in str(info.value) and pair_name in str(info.value)
    with pytest.raises(InputError) as info:
        read_draft(single, FIXTURES / "drafts_target.txt", input_format="po")
    assert info.value.file == str(FIXTURES / "drafts_target.txt")
    assert pair_name in str(info.value) and "po" in str(info.value)


def _modules_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO
    )
    return set(done.stdout.split())


def test_reading_a_tsv_does_not_import_lxml(tmp_path):
    tsv = tmp_path / "draft.tsv"
    tsv.write_text("quality\t质量\n", encoding="utf-8")
    code = (
        "from glossary.drafts import read_draft\n"
        f"assert read_draft({str(tsv)!r}).segments\n"
    )
    loaded = _modules_after(code)
    assert "glossary.drafts.xliff" in loaded, "the registry imported every reader module"
    assert "lxml" not in loaded and "lxml.etree" not in loaded
    # The check can fail: an XLIFF draft does load lxml.
    xliff = FIXTURES / "drafts_12.xlf"
    assert "lxml.etree" in _modules_after(
        f"from glossary.drafts import read_draft\nread_draft({str(xliff)!r})"
    )
