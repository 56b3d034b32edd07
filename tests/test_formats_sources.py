"""Bringing a team's own glossary in: PO, XLSX/ODS, CSV as people write it, pinyin, duplicates, no leftovers."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, shared_path

from glossary.cli import cli
from glossary.errors import InputError
from glossary.formats import import_file, read_concepts
from glossary.formats.columns import classify, infer_by_script
from glossary.formats.tabular import sniff_separator
from glossary.store import TermBase


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def pairs(concepts):
    return [[(t.lang, t.text, t.status) for t in c.terms] for c in concepts]


# -- PO ----------------------------------------------------------------------------------

PO = '''msgid ""
msgstr ""
"Language: zh_TW\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

# the cloud sense
msgid "instance"
msgstr "執行個體"

msgctxt "verb"
msgid "back up"
msgstr "備份"

msgid "file"
msgid_plural "files"
msgstr[0] "檔案"

msgid "body"
msgstr ""
'''


def test_po_glossary_maps_entries(tmp_path):
    path = tmp_path / "glossary.po"
    path.write_text(PO, encoding="utf-8")
    batch = read_concepts(path)
    concepts = list(batch.concepts)
    assert batch.format == "po"
    assert pairs(concepts) == [
        [("en", "instance", "preferred"), ("zh-Hant-TW", "執行個體", "preferred")],
        [("en", "back up", "preferred"), ("zh-Hant-TW", "備份", "preferred")],
        [("en", "file", "preferred"), ("en", "files", "admitted"), ("zh-Hant-TW", "檔案", "preferred")],
    ]
    assert concepts[0].note == "the cloud sense"
    assert concepts[1].note == "context: verb"
    assert "untranslated entries skipped (1)" in batch.mapped
    assert "language zh_TW -> zh-Hant-TW (1)" in batch.mapped


def test_openstack_po_glossary_imports(tmp_path):
    path = shared_path("real", "openstack", "glossary.zh_CN.po")
    with TermBase.open(tmp_path / "t.db", create=True) as tb:
        report = import_file(tb, path)
        assert report.format == "po"
        assert report.added == 153 and not report.rejected
        assert "untranslated entries skipped (2)" in report.mapped
        (instance,) = [c for c in tb.iter_concepts() if any(t.text == "instance" for t in c.terms)]
        assert instance.preferred("zh-Hans").text == "云主机"
        assert instance.preferred("zh-Hans").pinyin == "yún zhǔjī"


# -- spreadsheets --------------------------------------------------------------------------


def _client_workbook(path):
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Terms"
    sheet.append(["English", "Chinese", "Note"])
    sheet.append(["World Standards Day", "世界标准日", "14 October"])
    sheet.append(["standardization", "标准化", None])
    sheet.append([None, None, None])
    sheet.append(["ISO 9001", "ISO 9001", 2015])
    names = book.create_sheet("Names")
    names.append(["英文", "中文"])
    names.append(["Xi'an", "西安"])
    book.create_sheet("Empty")
    book.save(path)


def test_xlsx_from_a_client_every_sheet(tmp_path):
    path = tmp_path / "client.xlsx"
    _client_workbook(path)
    batch = read_concepts(path)
    concepts = list(batch.concepts)
    assert batch.format == "xlsx"
    assert [[t.text for t in c.terms] for c in concepts] == [
        ["World Standards Day", "世界标准日"], ["standardization", "标准化"], ["ISO 9001", "ISO 9001"], ["Xi'an", "西安"],
    ]
    assert concepts[0].note == "14 October" and concepts[2].note == "2015"
    assert "empty sheet skipped: Empty (1)" in batch.mapped
    assert "Terms: columns: English -> en, Chinese -> zh-Hans, Note -> note (1)" in batch.mapped


def test_xlsx_one_sheet_and_a_missing_one(tmp_path):
    path = tmp_path / "client.xlsx"
    _client_workbook(path)
    assert [[t.text for t in c.terms] for c in read_concepts(path, sheet="Names").concepts] == [["Xi'an", "西安"]]
    with pytest.raises(InputError, match="no sheet 'Nope'"):
        read_concepts(path, sheet="Nope")


def test_xlsx_through_the_cli_gets_pinyin(tmp_path):
    path = tmp_path / "client.xlsx"
    _client_workbook(path)
    db = tmp_path / "t.db"
    code, out = run("import", str(path), "--db", str(db))
    assert code == 0, out
    code, out = run("lookup", "biaozhunhua", "--db", str(db))
    assert code == 0 and "标准化" in out and "biāozhǔnhuà" in out


# -- CSV as people write it ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "English,Chinese", "英文,中文", "术语,译文", "source,target", "term,translation", "en-US,zh_CN",
        "source_term,translated_term", "Term [en],Term [zh-CN]", "term_en,term_zh-CN", "en,Chinese (Simplified)",
    ],
)
def test_headers_people_write(tmp_path, header):
    path = tmp_path / "g.csv"
    path.write_text(f"{header}\nkernel,内核\n", encoding="utf-8")
    assert pairs(read_concepts(path).concepts) == [[("en", "kernel", "preferred"), ("zh-Hans", "内核", "preferred")]]


def test_traditional_header_kept_apart():
    assert classify(["English", "zh-TW", "繁體中文"]) == [("main", "en"), ("main", "zh-Hant-TW"), ("main", "zh-Hant")]


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_any_separator(tmp_path, sep):
    path = tmp_path / "g.csv"
    path.write_text(sep.join(["English", "Chinese", "Note"]) + "\n" + sep.join(["plug-in", "插件", "a note"]) + "\n",
                    encoding="utf-8")
    (concept,) = read_concepts(path).concepts
    assert [t.text for t in concept.terms] == ["plug-in", "插件"] and concept.note == "a note"
    assert sniff_separator([sep.join(["a", "b"]), sep.join(["c", "d"])]) == sep


def test_headerless_csv_is_not_read_as_a_header(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("computer,计算机,hardware\nstandard,标准,\n", encoding="utf-8")
    batch = read_concepts(path)
    concepts = list(batch.concepts)
    assert pairs(concepts) == [
        [("en", "computer", "preferred"), ("zh-Hans", "计算机", "preferred")],
        [("en", "standard", "preferred"), ("zh-Hans", "标准", "preferred")],
    ]
    assert concepts[0].note == "hardware"
    assert any(line.startswith("no header: columns by script") for line in batch.mapped)


def test_headerless_chinese_first(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("计算机;computer\n标准;standard\n", encoding="utf-8")
    assert [sorted((t.lang, t.text) for t in c.terms) for c in read_concepts(path).concepts] == [
        [("en", "computer"), ("zh-Hans", "计算机")], [("en", "standard"), ("zh-Hans", "标准")],
    ]


def test_unknown_header_names_with_inferable_columns(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("Foo,Bar\ncomputer,计算机\n", encoding="utf-8")
    (concept,) = read_concepts(path).concepts
    assert [t.text for t in concept.terms] == ["computer", "计算机"]


def test_columns_by_hand(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("x,计算机,computer,deprecated\n", encoding="utf-8")
    (concept,) = read_concepts(path, columns="-,zh,en,status").concepts
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("zh-Hans", "计算机", "deprecated"), ("en", "computer", "deprecated"),
    ]
    with pytest.raises(InputError, match="'bogus'"):
        read_concepts(path, columns="en,bogus")


def test_uninferable_header_is_exit_2_naming_the_file(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    code, out = run("import", str(path), "--db", str(tmp_path / "t.db"))
    assert code == 2
    assert f"{path}:1:" in out and "--columns" in out
    assert "Traceback" not in out


def test_infer_needs_a_chinese_column():
    assert infer_by_script([["a", "b"], ["c", "d"]]) is None
    assert infer_by_script([["a", "中"], ["c", "文"]]) == [("main", "en"), ("main", "zh-Hans")]


# -- pinyin, duplicates, leftovers ------------------------------------------------------------


def test_imported_person_gets_romanization(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("type,en,zh\nperson,Chen Jianping,陈建平\nplace,Xi'an,西安\n", encoding="utf-8")
    with TermBase.open(tmp_path / "t.db", create=True) as tb:
        report = import_file(tb, path)
        assert "pinyin added to Chinese terms (2)" in report.mapped
        by_type = {c.type: c.preferred("zh-Hans") for c in tb.iter_concepts()}
    assert (by_type["person"].pinyin, by_type["person"].romanization) == ("Chén Jiànpíng", "Chen Jianping")
    assert by_type["place"].romanization == "Xi'an"


def test_lookup_by_pinyin_on_imported_jsonl(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("English,Chinese\nWorld Standards Day,世界标准日\n", encoding="utf-8")
    db = tmp_path / "t.jsonl"
    assert run("import", str(path), "--db", str(db))[0] == 0
    code, out = run("lookup", "shijie biaozhun ri", "--db", str(db))
    assert code == 0 and "世界标准日" in out


TBX_DUPLICATES = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <langSet xml:lang="en-US"><tig><term>color</term></tig><tig><term>color</term></tig></langSet>
      <langSet xml:lang="en-GB"><tig><term>color</term></tig><tig><term>colour</term></tig></langSet>
      <langSet xml:lang="zh-CN"><tig><term>颜色</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_duplicates_in_one_entry_are_merged_and_reported(tmp_path):
    path = tmp_path / "dup.tbx"
    path.write_text(TBX_DUPLICATES, encoding="utf-8")
    code, out = run("import", str(path), "--db", str(tmp_path / "t.db"))
    assert code == 0, out
    assert "duplicate term in one entry merged: en color (2)" in out
    with TermBase.open(tmp_path / "t.db", readonly=True) as tb:
        (concept,) = tb.iter_concepts()
    assert [(t.lang, t.text) for t in concept.terms] == [("en", "color"), ("en", "colour"), ("zh-Hans", "颜色")]


def test_duplicate_in_csv_other_column(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("en,zh,en_admitted\nplug-in,插件,plug-in | add-on | add-on\n", encoding="utf-8")
    with TermBase.open(tmp_path / "t.db", create=True) as tb:
        report = import_file(tb, path)
        (concept,) = tb.iter_concepts()
    assert [t.text for t in concept.terms] == ["plug-in", "插件", "add-on"]
    assert concept.terms[0].status == "preferred"
    assert any("merged" in line for line in report.mapped)


@pytest.mark.parametrize("suffix", [".db", ".jsonl"])
def test_failed_import_leaves_no_new_file(tmp_path, suffix):
    path = tmp_path / "bad.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    db = tmp_path / f"new{suffix}"
    code, _out = run("import", str(path), "--db", str(db))
    assert code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]


def test_failed_import_keeps_an_existing_term_base(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("en,zh\nkernel,内核\n", encoding="utf-8")
    db = tmp_path / "t.db"
    assert run("import", str(good), "--db", str(db))[0] == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    assert run("import", str(bad), "--db", str(db))[0] == 2
    with TermBase.open(db, readonly=True) as tb:
        assert len(list(tb.iter_concepts())) == 1


# -- TBX --lenient -------------------------------------------------------------------------


def test_pontoon_tbx_strict_refuses_lenient_keeps_the_valid_entries(tmp_path):
    path = FIXTURES / "formats_pontoon_v3.tbx"
    db = tmp_path / "t.db"
    code, out = run("import", str(path), "--db", str(db))
    assert code == 2 and f"{path}:" in out
    assert not db.exists()
    code, out = run("import", str(path), "--db", str(db), "--lenient")
    assert code == 0, out
    assert f"rejected: {path}:12: entry skipped: <descripGrp> has invalid content: descrip descrip (line 17)" in out
    assert "1 added" in out and "1 rejected" in out
    with TermBase.open(db, readonly=True) as tb:
        (concept,) = tb.iter_concepts()
    assert [t.text for t in concept.terms] == ["bookmark", "书签"]
    assert concept.terms[1].pinyin == "shūqiān"


def test_lenient_still_refuses_what_is_not_tbx(tmp_path):
    path = tmp_path / "x.tbx"
    path.write_text("<html/>", encoding="utf-8")
    with pytest.raises(InputError):
        list(read_concepts(path, lenient=True).concepts)


def test_kde_tbx_imports_with_pinyin(tmp_path):
    path = shared_path("real", "kde-cn", "terms.tbx")
    with TermBase.open(tmp_path / "t.db", create=True) as tb:
        report = import_file(tb, path)
        assert report.added == 137
        zh = [t for c in tb.iter_concepts() for t in c.terms if t.lang == "zh-Hans"]
    assert zh and all(t.pinyin for t in zh if any("\u4e00" <= ch <= "\u9fff" for ch in t.text))


_ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Glossary">
<table:table-row><table:table-cell office:value-type="string"><text:p>English</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>中文</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>bookmark</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>书签</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""


_ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def _write_ods(path):
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", _ODS_CONTENT)


@pytest.mark.parametrize("name", ["g.ods", "no-suffix"])
def test_ods_by_suffix_or_content(tmp_path, name):
    pytest.importorskip("python_calamine")
    path = tmp_path / name
    _write_ods(path)
    batch = read_concepts(path)
    assert batch.format == "ods"
    assert [[t.text for t in c.terms] for c in batch.concepts] == [["bookmark", "书签"]]


def test_broken_workbook_is_an_input_error(tmp_path):
    pytest.importorskip("python_calamine")
    path = tmp_path / "g.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    code, out = run("import", str(path), "--db", str(tmp_path / "t.db"))
    assert code == 2 and str(path) in out and "Traceback" not in out
    assert not (tmp_path / "t.db").exists()


@pytest.mark.parametrize(
    ("tool", "header", "row", "note"),
    [
        # Crowdin's glossary export: a term and a description per language.
        ("crowdin", "Term [en],Description [en],Part of Speech [en],Term [zh-CN]", "add-on,a program,noun,附加组件",
         "Description [en]: a program\nPart of Speech [en]: noun"),
        # Phrase Strings: term, description, then locale codes (the source locale repeats the term).
        ("phrase", "term,description,en,zh-CN", "add-on,a program,add-on,附加组件", "a program"),
        # Smartcat: language names and a comment.
        ("smartcat", "English,Chinese (Simplified),Comment", "add-on,附加组件,a program", "a program"),
    ],
)
def test_cat_tool_exports(tmp_path, tool, header, row, note):
    path = tmp_path / f"{tool}.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    (concept,) = read_concepts(path).concepts
    with TermBase.open(tmp_path / "t.db", create=True) as tb:
        import_file(tb, path)
        (stored,) = tb.iter_concepts()
    assert [(t.lang, t.text) for t in stored.terms] == [("en", "add-on"), ("zh-Hans", "附加组件")]
    assert concept.note == note


def test_omegat_tsv_with_a_spelled_out_header(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("English\t中文\ncomputer\t计算机\n", encoding="utf-8")
    assert pairs(read_concepts(path).concepts) == [[("en", "computer", "preferred"), ("zh-Hans", "计算机", "preferred")]]


def test_lenient_streamed_tbx_skips_the_same_entry(monkeypatch):
    from glossary.formats import tbx

    monkeypatch.setattr(tbx, "STREAM_THRESHOLD", 0)
    path = FIXTURES / "formats_pontoon_v3.tbx"
    with pytest.raises(InputError):
        list(read_concepts(path).concepts)
    batch = read_concepts(path, lenient=True)
    assert [[t.text for t in c.terms] for c in batch.concepts] == [["bookmark", "书签"]]
    ((where, reason),) = batch.rejected
    assert where == f"{path}:12" and "descrip descrip" in reason


def test_headerless_xlsx_and_columns_by_hand(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    path = tmp_path / "raw.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["内核", "kernel", "core of the OS"])
    book.active.append(["插件", "plug-in", None])
    book.save(path)
    by_script = list(read_concepts(path).concepts)
    assert [sorted((t.lang, t.text) for t in c.terms) for c in by_script] == [
        [("en", "kernel"), ("zh-Hans", "内核")], [("en", "plug-in"), ("zh-Hans", "插件")],
    ]
    assert by_script[0].note == "core of the OS"
    by_hand = list(read_concepts(path, columns="zh,en,-").concepts)
    assert [c.note for c in by_hand] == [None, None]
