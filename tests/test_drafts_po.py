"""Gettext PO catalogs."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, shared_path
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.drafts.po import parse_po
from glossary.drafts.readers import read_draft
from glossary.errors import InputError, LanguageTagError


def summary(draft):
    return [(s.unit, s.source, s.target, s.line, s.notes) for s in draft.segments]


EXPECTED = [
    ("Save file", "Save file", "保存文件", 11, ["Reviewed by 李", "Shown in the toolbar"]),
    ("menu\x04Open %s", "Open %s", "打开 %s", 16, ["fuzzy"]),
    ("%d standard[0]", "%d standard", "%d 项标准", 19, []),
    ("Line one\nTab\there and \"quotes\"", "Line one\nTab\there and \"quotes\"",
     "第一行\n制表符\t在此，“引号”", 23, []),
    # "Untranslated", the header and the obsolete entry give no segment.
]  # fmt: skip


def test_basic_catalog():
    draft = read_draft(FIXTURES / "drafts_basic.po")
    assert draft.format == "po"
    assert (draft.source_lang, draft.target_lang) == ("en", "zh-Hans")
    assert summary(draft) == EXPECTED


def test_gb2312_charset_gives_the_same_segments():
    utf8 = read_draft(FIXTURES / "drafts_basic.po")
    gb = read_draft(FIXTURES / "drafts_gb2312.po")
    assert summary(gb) == summary(utf8)


def test_malformed_po_names_line():
    path = FIXTURES / "drafts_malformed.po"
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert (info.value.file, info.value.line) == (str(path), 4)
    assert str(info.value).startswith(f"{path}:4: malformed PO")


@pytest.mark.parametrize(
    "text, line",
    [
        ('msgid "a"\n\nmsgid "b"\nmsgstr "乙"\n', 1),  # msgid without msgstr
        ('msgstr "乙"\n', 1),
        ('msgid "a"\nmsgstr "甲"\n"dangling" extra\n', 3),
        ('msgid "a"\nmsgstr "\\q"\n', 2),  # unknown escape
        ('msgid "a"\nmsgstr[0] "甲"\n', 2),  # plural form without msgid_plural
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "甲"\n', 3),
        ('msgid "a"\n# comment\nmsgstr "甲"\n', 2),
        ('bogus "a"\n', 1),
        ('msgctxt "c"\n\nmsgstr "x"\n', 3),
    ],
)
def test_malformed_variants(tmp_path, text, line):
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert (info.value.file, info.value.line) == (str(path), line)


def test_unknown_charset_names_line(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes(b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=NOPE-9\\n"\n')
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert (info.value.file, info.value.line) == (str(path), 3)


def test_wrong_declared_charset_names_line(tmp_path):
    path = tmp_path / "x.po"
    head = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    path.write_bytes(head + 'msgid "a"\nmsgstr "标准"\n'.encode("gb2312"))
    with pytest.raises(InputError) as info:
        read_draft(path)
    assert (info.value.file, info.value.line) == (str(path), 6)


def test_bad_language_header_unless_caller_says(tmp_path):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr "Language: Klingon!\\n"\n\nmsgid "a"\nmsgstr "甲"\n', "utf-8")
    with pytest.raises(LanguageTagError) as info:
        read_draft(path)
    assert (info.value.file, info.value.line) == (str(path), 1)
    assert read_draft(path, target_lang="zh").target_lang == "zh-Hans"


def test_plural_forms_and_crlf(tmp_path):
    path = tmp_path / "p.po"
    text = (
        'msgctxt "files"\nmsgid "%d file"\nmsgid_plural "%d files"\n'
        'msgstr[0] "%d 个文件"\nmsgstr[1] "%d 个文件（复数）"\n'
    )
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    draft = read_draft(path)
    assert summary(draft) == [
        ("files\x04%d file[0]", "%d file", "%d 个文件", 2, []),
        ("files\x04%d file[1]", "%d files", "%d 个文件（复数）", 2, []),
    ]


def test_real_vim_gb2312_and_utf8_twins_agree():
    gb = read_draft(shared_path("real", "vim", "zh_CN.po"))
    utf8 = read_draft(shared_path("real", "vim", "zh_CN.UTF-8.po"))
    # The twins differ by one header line, so only the line numbers shift.
    strip = [(s.unit, s.source, s.target, s.notes) for s in gb.segments]
    assert strip == [(s.unit, s.source, s.target, s.notes) for s in utf8.segments]
    assert [s.line + 1 for s in gb.segments] == [s.line for s in utf8.segments]
    assert len(gb.segments) > 3000
    assert (gb.source_lang, gb.target_lang) == ("en", "zh-Hans")
    # Checked by hand: the first entry after the header, line 31 of zh_CN.po.
    assert (gb.segments[0].source, gb.segments[0].target, gb.segments[0].line) == (
        "ERROR: ",
        "错误: ",
        31,
    )


def test_real_vim_agrees_with_translate_toolkit():
    """An independent parser reads the same translations."""
    pytest.importorskip("translate.storage.po")
    from translate.storage import po

    path = shared_path("real", "vim", "zh_CN.UTF-8.po")
    expected = []
    for unit in po.pofile.parsefile(str(path)).units:
        if unit.isheader() or unit.isobsolete():
            continue
        if unit.hasplural():
            for index, target in enumerate(unit.target.strings):
                if target:
                    expected.append((unit.source.strings[min(index, 1)], target))
        elif unit.target:
            expected.append((unit.source, unit.target))
    got = [(s.source, s.target) for s in read_draft(path).segments]
    assert got == expected


# ---- round trip: write entries as a PO writer would, read them back --------

_text = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00\x04"
    ),
    min_size=1,
    max_size=40,
)


def _quote(text: str) -> str:
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")
    )
    # Break after each \n as msgcat does, so continuation lines are exercised.
    lines = escaped.split("\n")
    if len(lines) == 1:
        return '"' + escaped + '"'
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join('"' + part + '"' for part in parts)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(st.none(), _text), _text, _text, st.booleans()),
        min_size=1,
        max_size=10,
        unique_by=lambda e: (e[0], e[1]),
    )
)
def test_round_trip(tmp_path_factory, entries):
    blocks = ['msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n']
    for context, msgid, msgstr, fuzzy in entries:
        block = "#, fuzzy\n" if fuzzy else ""
        if context is not None:
            block += "msgctxt " + _quote(context) + "\n"
        block += "msgid " + _quote(msgid) + "\nmsgstr " + _quote(msgstr) + "\n"
        blocks.append(block)
    path = tmp_path_factory.mktemp("po") / "rt.po"
    path.write_text("\n".join(blocks), encoding="utf-8")
    draft = read_draft(path, input_format="po", source_lang="en", target_lang="zh")
    expected = [
        (msgid if ctx is None else ctx + "\x04" + msgid, msgid, msgstr, ["fuzzy"] if fz else [])
        for ctx, msgid, msgstr, fz in entries
    ]
    assert [(s.unit, s.source, s.target, s.notes) for s in draft.segments] == expected


def test_parse_po_keeps_header_and_drops_obsolete():
    entries = parse_po('msgid ""\nmsgstr "X: y\\n"\n\n#~ msgid "old"\n#~ msgstr "旧"\n')
    assert len(entries) == 1 and entries[0].is_header


def test_charset_in_a_later_message_is_not_the_header(tmp_path):
    path = tmp_path / "x.po"
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "use charset=latin1 here"\nmsgstr "这里用 charset=latin1"\n'
    )
    path.write_bytes(text.encode("utf-8"))
    draft = read_draft(path)
    assert [s.target for s in draft.segments] == ["这里用 charset=latin1"]


def test_no_header_is_sniffed_utf8_or_gb18030(tmp_path):
    path = tmp_path / "x.po"
    path.write_bytes('msgid "standard"\nmsgstr "标准"\n'.encode("gb18030"))
    assert [s.target for s in read_draft(path).segments] == ["标准"]
