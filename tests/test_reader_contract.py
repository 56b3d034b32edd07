"""The contract every registered draft reader keeps, parametrised over the registry.

A new reader is not done until it has a small fixture here: the test for a
reader without one fails and says so, so the contract cannot be skipped.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from glossary.drafts import READERS, read_draft
from glossary.drafts.base import is_pair
from glossary.drafts.detect import SNIFF_BYTES, detect_format
from glossary.errors import InputError


@dataclass
class Example:
    """A small draft in one format: its files, and a malformed variant if the format has one."""

    files: dict[str, str]
    #: File name -> replacement content that the reader must refuse.
    malformed: dict[str, str] = field(default_factory=dict)


XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="zh-CN" datatype="plaintext" original="app">
    <body>
      <trans-unit id="u1"><source>Quality first</source><target>质量第一</target></trans-unit>
    </body>
  </file>
</xliff>
"""

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"
          o-tmf="none" creationtool="test" creationtoolversion="1"/>
  <body>
    <tu tuid="t1">
      <tuv xml:lang="en"><seg>Quality first</seg></tuv>
      <tuv xml:lang="zh-CN"><seg>质量第一</seg></tuv>
    </tu>
  </body>
</tmx>
"""

PO = """msgid ""
msgstr ""
"Language: zh_CN\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Quality first"
msgstr "质量第一"
"""

EXAMPLES = {
    "xliff": Example({"draft.xlf": XLIFF}, {"draft.xlf": XLIFF.replace("</xliff>", "")}),
    "tmx": Example({"draft.tmx": TMX}, {"draft.tmx": TMX.replace("</tuv>", "</seg>", 1)}),
    "po": Example({"draft.po": PO}, {"draft.po": PO.replace('msgstr "质量第一"', "")}),
    "tsv": Example(
        {"draft.tsv": "Quality first\t质量第一\nSafety\t安全\n"},
        {"draft.tsv": "Quality first\t质量第一\nno tab on this line\n"},
    ),
    "text": Example(
        {"source.txt": "Quality first\nSafety\n", "target.txt": "质量第一\n安全\n"},
        {"target.txt": "质量第一\n安全\n多一行\n"},
    ),
    # Prose has no malformed form: any text pairs into zero or more segments.
    "corpus": Example({"doc.md": "# CHINA SCENE\n\n# 中国视窗\n\nBy Jin Jili\n\n文/靳吉丽\n"}),
}


def _example(name: str) -> Example:
    if name not in EXAMPLES:
        pytest.fail(f"reader {name!r} has no contract fixture: add one to EXAMPLES")
    return EXAMPLES[name]


def _write(directory: Path, files: dict[str, str | bytes]) -> list[Path]:
    paths = []
    for file_name, content in files.items():
        path = directory / file_name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def _read(name: str, paths: list[Path]):
    return read_draft(*paths, input_format=name)


@pytest.fixture(params=READERS.names())
def reader(request):
    return READERS.get(request.param)


def test_reads_its_fixture_into_located_segments(reader, tmp_path):
    paths = _write(tmp_path, dict(_example(reader.name).files))
    draft = _read(reader.name, paths)
    assert draft.format == reader.name
    assert draft.files == [str(p) for p in paths]
    assert draft.segments, "the fixture holds at least one segment"
    for segment in draft.segments:
        assert segment.file == str(paths[0])
        assert segment.line is not None or segment.unit is not None
        assert segment.source and segment.target
    assert draft.source_lang and draft.target_lang


def test_detection_finds_it(reader, tmp_path):
    example = _example(reader.name)
    paths = _write(tmp_path, dict(example.files))
    assert detect_format(*paths) == reader.name
    assert read_draft(*paths).format == reader.name
    if is_pair(reader):
        return
    # Its own sniffer recognises the fixture, and in registry order no earlier
    # reader takes it: a copy with no extension is still detected as this format.
    head = paths[0].read_bytes()[:SNIFF_BYTES]
    assert reader.sniff(paths[0], head)
    bare = tmp_path / "bare" / "draft"
    bare.parent.mkdir()
    bare.write_bytes(paths[0].read_bytes())
    assert detect_format(bare) == reader.name


def test_rejects_a_malformed_file_naming_it(reader, tmp_path):
    example = _example(reader.name)
    if not example.malformed:
        pytest.skip(f"{reader.name} has no malformed form (the undecodable case still runs)")
    files: dict[str, str | bytes] = {**example.files, **example.malformed}
    paths = _write(tmp_path, files)
    with pytest.raises(InputError) as info:
        _read(reader.name, paths)
    names = {str(p) for p in paths}
    assert info.value.file in names
    assert info.value.file in str(info.value)


def test_rejects_an_undecodable_file_naming_it(reader, tmp_path):
    example = _example(reader.name)
    files: dict[str, str | bytes] = dict(example.files)
    # The last file (the target of a pair) announces UTF-8 by its BOM and then
    # holds bytes that are not UTF-8.
    last = list(files)[-1]
    files[last] = codecs.BOM_UTF8 + str(files[last]).encode("utf-8") + b"\xc3\x28\xff\n"
    paths = _write(tmp_path, files)
    with pytest.raises(InputError) as info:
        _read(reader.name, paths)
    assert info.value.file == str(paths[-1])
    assert str(paths[-1]) in str(info.value)
