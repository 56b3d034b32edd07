"""Issue 11's fault-injection reproducers: each bad input or refused write is one line and its exit status.

The command is run as a real process where the fault lives outside Python
(a full ``/dev/full``, an argument that is not UTF-8, a user who may not
write the folder); elsewhere through CliRunner.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, REPO

from glossary import output
from glossary.cli import cli
from glossary.errors import EXIT_INPUT, EXIT_OUTPUT, EXIT_TERMBASE, OutputError, TermBaseError
from glossary.model import Concept, Term
from glossary.store.sqlite import SQLiteTermBase

GLOSSARY = [sys.executable, "-m", "glossary"]
DEV_FULL = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not DEV_FULL.is_char_device(), reason="no /dev/full here")


def run(args: list[str | bytes], *, stdout=subprocess.PIPE, cwd: Path | None = None, user: bool = False):
    """``glossary ARGS`` in a fresh process (as an unprivileged user with ``user``)."""
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(REPO)}
    env.pop("GLOSSARY_DEBUG", None)
    prefix: list[str] = []
    if user:
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run(
        [*prefix, *GLOSSARY, *args], stdout=stdout, stderr=subprocess.PIPE, env=env, cwd=cwd, timeout=120
    )


def one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text and "internal error" not in text, text
    return text.strip().splitlines()[-1]


@pytest.fixture
def small_db(tmp_path):
    db = tmp_path / "tb.sqlite"
    result = CliRunner().invoke(cli, ["build", str(FIXTURES / "corpus_layouts.txt"), "--db", str(db), "--no-align"])
    assert result.exit_code == 0, result.output
    return db


# -- R4: a PO escape no text can hold ----------------------------------------------


@pytest.mark.parametrize("escape", ["\\x110000", "\\xd800", "\\xFFFFFFFF"])
def test_po_escape_beyond_unicode_is_exit_2_with_the_line(tmp_path, escape):
    po = tmp_path / "chr.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\nLanguage: zh_CN\\n"\n\n'
        f'msgid "Standard"\nmsgstr "{escape}"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["lint", str(po), "--no-ignore-file"])
    assert result.exit_code == EXIT_INPUT, result.output
    assert f"{po}:5: malformed PO" in result.output


def test_po_escape_in_range_still_reads(tmp_path):
    from glossary.drafts.po import unquote

    assert unquote('"\\x6807\\101"', "x.po", 1) == "标A"


# -- R16: an argument that is not UTF-8 ---------------------------------------------


def test_lookup_with_a_non_utf8_argument_is_exit_2():
    done = run([b"lookup", b"\xb1\xea\xd7\xbc"])
    assert done.returncode == EXIT_INPUT, done.stderr
    assert "not valid text" in one_line(done.stderr) and "\\xb1\\xea" in one_line(done.stderr)


def test_a_non_utf8_file_name_is_still_a_file(tmp_path):
    name = os.fsencode(tmp_path) + b"/\xb1\xea.tsv"
    shutil.copy(FIXTURES / "drafts_gb18030.tsv", name)
    done = run([b"lint", name, b"--no-ignore-file"])
    assert "not valid text" not in done.stderr.decode("utf-8", "replace")


# -- R10: a full disk, an unwritable standard output -----------------------------------


@needs_dev_full
@pytest.mark.parametrize(
    "args",
    [["export"], ["export", "--format", "csv"], ["lint", str(REPO / "examples" / "draft.tsv"), "--no-ignore-file"]],
)
def test_standard_output_on_a_full_disk_is_exit_4(args):
    with open(DEV_FULL, "wb") as full:
        done = run(args, stdout=full)
    assert done.returncode == EXIT_OUTPUT, done.stderr
    assert "No space left on device" in one_line(done.stderr)


@needs_dev_full
def test_output_file_on_a_full_device_is_exit_4_and_the_device_stays():
    done = run(["export", "-o", str(DEV_FULL)])
    assert done.returncode == EXIT_OUTPUT, done.stderr
    assert f"{DEV_FULL}: cannot write" in one_line(done.stderr)
    assert DEV_FULL.is_char_device()  # never replaced by a regular file


def test_output_to_dev_null_writes_in_place(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    result = CliRunner().invoke(cli, ["export", "--format", "tsv", "-o", str(fifo)])
    out, _ = reader.communicate(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert "世界标准日" in out.decode("utf-8")


def test_a_full_disk_while_writing_a_file_is_exit_4_and_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.tbx"
    target.write_text("old", encoding="utf-8")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(output.os, "fsync", full)
    result = CliRunner().invoke(cli, ["export", "-o", str(target)])
    assert result.exit_code == EXIT_OUTPUT, result.output
    assert "No space left on device" in result.output
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tbx"]


def test_a_full_disk_inside_an_sqlite_transaction_is_exit_4_with_the_cause(tmp_path):
    """SQLite rolls back by itself on SQLITE_FULL; our ROLLBACK must not hide the cause."""
    tb = SQLiteTermBase.open_file(tmp_path / "full.sqlite", create=True, readonly=False)
    pages = tb.conn.execute("PRAGMA page_count").fetchone()[0]
    tb.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is full two pages on
    with pytest.raises(OutputError) as caught:
        with tb.transaction():
            for i in range(2000):
                tb.add(Concept(type="term", terms=[Term("en", f"term number {i} " * 5), Term("zh-Hans", "标准" * 20)]))
    assert caught.value.exit_code == EXIT_OUTPUT
    assert "disk is full" in str(caught.value) and "rollback" not in str(caught.value)
    assert tb.count() == 0
    tb.close()


def test_empty_output_name_is_a_clear_error():
    result = CliRunner().invoke(cli, ["export", "-o", ""])
    assert result.exit_code == EXIT_OUTPUT
    assert "no output file name given" in result.output


# -- R7: symlinks and modes --------------------------------------------------------------


def test_export_writes_through_a_symlink_and_keeps_the_mode(tmp_path):
    target = tmp_path / "target.tbx"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.tbx"
    link.symlink_to(target.name)
    result = CliRunner().invoke(cli, ["export", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("<?xml")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        result = CliRunner().invoke(cli, ["export", "-o", str(tmp_path / "new.tbx")])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "new.tbx").stat().st_mode) == 0o644


def test_a_jsonl_term_base_behind_a_symlink_stays_linked(tmp_path):
    real = tmp_path / "real.jsonl"
    link = tmp_path / "team.jsonl"
    link.symlink_to(real.name)
    csv = tmp_path / "a.csv"
    csv.write_text("en,zh\nStandard,标准\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(csv), "--db", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and "标准" in real.read_text(encoding="utf-8")


# -- R17: a failed import leaves nothing ----------------------------------------------------


def test_a_failed_import_into_a_new_path_creates_no_file(tmp_path):
    db = tmp_path / "created.sqlite"
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "absent.tbx"), "--db", str(db)])
    assert result.exit_code == EXIT_INPUT
    assert not db.exists()


# -- a read-only term base ----------------------------------------------------------------


def _unprivileged_can_run() -> bool:
    if os.geteuid() != 0:
        return True
    return shutil.which("setpriv") is not None


needs_user = pytest.mark.skipif(not _unprivileged_can_run(), reason="root without setpriv cannot lose write access")


@pytest.fixture
def read_only_folder(small_db):
    """The term base in a folder nobody may write (as root: run as 'nobody', the folder root's).

    Outside pytest's own temporary folders, which only their owner may enter.
    """
    top = Path(tempfile.mkdtemp(prefix="glossary-ro-"))
    top.chmod(0o755)
    folder = top / "ro"
    folder.mkdir()
    db = folder / "tb.sqlite"
    shutil.copy(small_db, db)
    (top / "a.csv").write_text("en,zh\nfoo,福\n", encoding="utf-8")
    db.chmod(0o444)
    folder.chmod(0o555)
    yield db
    folder.chmod(0o755)
    shutil.rmtree(top)


@needs_user
def test_a_term_base_in_a_read_only_folder_can_be_read(read_only_folder):
    done = run(["lookup", "World Standards Day", "--db", str(read_only_folder)], user=os.geteuid() == 0)
    assert done.returncode == 0, done.stderr
    assert "世界标准日" in done.stdout.decode("utf-8")
    assert sorted(p.name for p in read_only_folder.parent.iterdir()) == ["tb.sqlite"]


@needs_user
def test_writing_a_read_only_term_base_is_exit_3_read_only(read_only_folder):
    csv = read_only_folder.parent.parent / "a.csv"
    done = run(["import", str(csv), "--db", str(read_only_folder)], user=os.geteuid() == 0)
    assert done.returncode == EXIT_TERMBASE, done.stderr
    assert "read-only" in one_line(done.stderr)


def test_read_only_checks_name_the_file_or_the_folder(tmp_path, small_db, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == small_db.parent else real_access(p, mode))
    with pytest.raises(TermBaseError, match="its folder cannot be written") as caught:
        SQLiteTermBase.open_file(small_db, create=False, readonly=False)
    assert caught.value.exit_code == EXIT_TERMBASE
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == small_db else real_access(p, mode))
    with pytest.raises(TermBaseError, match="the file cannot be written"):
        SQLiteTermBase.open_file(small_db, create=False, readonly=False)


def test_read_only_open_falls_back_to_immutable_when_the_folder_is_closed(small_db, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == small_db.parent else real_access(p, mode))
    with SQLiteTermBase.open_file(small_db, create=False, readonly=True) as tb:
        assert tb.count() > 0
        assert tb.conn.execute("PRAGMA query_only").fetchone() is not None


# -- R8: stray Latin-1 bytes in a UTF-8 file -------------------------------------------------


MIXED = (
    b"en,zh\nProt\xe9g\xe9s,\xe6\xa0\x87\xe5\x87\x86\n"
    b"Standardization Law,\xe6\xa0\x87\xe5\x87\x86\xe5\x8c\x96\xe6\xb3\x95\n"
)


def test_stray_latin1_bytes_in_utf8_are_an_error_naming_line_and_offset(tmp_path):
    csv = tmp_path / "mixed.csv"
    csv.write_bytes(MIXED)
    db = tmp_path / "r8.sqlite"
    result = CliRunner().invoke(cli, ["import", str(csv), "--db", str(db)])
    assert result.exit_code == EXIT_INPUT, result.output
    assert f"{csv}:2: not valid UTF-8 at byte offset 10 (byte 0xE9" in result.output
    assert not db.exists()


def test_given_encoding_wins_over_the_stray_byte_check(tmp_path):
    from glossary.text.decode import decode_bytes

    assert decode_bytes(MIXED, "m.csv", "latin-1").startswith("en,zh\nProtégés,")


def test_a_real_gb18030_file_still_decodes():
    from glossary.text.decode import decode_bytes

    text = "标准化法\t世界标准日 World Standards Day\n国际标准化组织\tISO\n"
    assert decode_bytes(text.encode("gb18030"), "gb.tsv") == text
    assert "国际标准化组织" in decode_bytes((FIXTURES / "drafts_gb18030.tsv").read_bytes(), "gb.tsv")


# -- R9: a long run of letters in a corpus line ------------------------------------------------


def test_a_long_run_of_letters_is_paired_in_linear_time():
    from glossary.corpus.pairs import extract_pairs

    text = "World Standards Day " + "x" * 200_000 + "\n世界标准日\n"
    start = time.perf_counter()
    pairs = extract_pairs(text, "long.txt")
    # quadratic, 40,000 letters took 6 s and these 200,000 would take minutes
    assert time.perf_counter() - start < 5
    assert [p.zh for p in pairs] == ["世界标准日"]  # paired as before, only faster


def test_two_sentences_are_still_no_heading():
    from glossary.corpus.pairs import _en_heading_like

    assert not _en_heading_like("Standards matter. They help trade")
    assert _en_heading_like("Dr. Smith Visits Geneva")
    assert not _en_heading_like("A" + " word" * 100)


# -- R14: entity declarations anywhere in the prolog ---------------------------------------------


def _padded_tbx(pad: str, encoding: str = "utf-8") -> bytes:
    return (
        f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n{pad}'
        '<!DOCTYPE tbx [<!ENTITY id "cINJECTED">]>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
        "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>"
        '<conceptEntry id="&id;"><langSec xml:lang="en"><termSec><term>Standard</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>\n"
    ).encode(encoding)


@pytest.mark.parametrize(
    "pad,encoding",
    [
        ("<!--" + " " * (1 << 20) + "-->\n", "utf-8"),
        ("<?pad " + "x" * (1 << 20) + "?>\n" + " " * (1 << 20), "utf-8"),
        ("<!--" + " " * (1 << 19) + "-->\n", "utf-16"),
    ],
)
def test_entity_declaration_after_a_mib_of_padding_is_refused(tmp_path, pad, encoding):
    tbx = tmp_path / "bypass.tbx"
    tbx.write_bytes(_padded_tbx(pad, encoding))
    db = tmp_path / "r14.sqlite"
    result = CliRunner().invoke(cli, ["import", str(tbx), "--db", str(db)])
    assert result.exit_code == EXIT_INPUT, result.output
    assert "declares entities" in result.output and ":3:" in result.output
    assert not db.exists()


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE x [<!ELEMENT x (#PCDATA)> <!-- ]> --> <!ENTITY a "b">]>',
        b'<!DOCTYPE x [<?pi "?> <!ENTITY a "b">]>',
        b'<!DOCTYPE x [<!ATTLIST x a CDATA "]>"> <!entity a "b">]>',
    ],
)
def test_entity_declaration_hidden_behind_a_fake_end_is_refused(doctype):
    from glossary.errors import InputError
    from glossary.xmlsafe import _scan_prolog

    data = b'<?xml version="1.0"?>' + doctype + b"<x>&a;</x>"
    for size in (3, 7, 64, len(data)):
        with pytest.raises(InputError, match="declares entities"):
            _scan_prolog(iter([data[i : i + size] for i in range(0, len(data), size)]), "x.xml")


def test_a_plain_doctype_naming_a_dtd_is_still_read():
    from glossary.xmlsafe import check_doctype

    check_doctype(b'<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "TBXcdv04.dtd">\n<martif/>', "x.tbx")


# -- R15: an entity reference in a TMX ---------------------------------------------------------------


def test_tmx_entity_reference_is_refused_not_dropped(tmp_path):
    (tmp_path / "ext.dtd").write_text('<!ENTITY ext "X">\n', encoding="utf-8")
    tmx = tmp_path / "ref.tmx"
    tmx.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "ext.dtd">\n<tmx version="1.4"><header srclang="en"/><body>'
        '<tu><tuv xml:lang="en"><seg>World Standards Day &ext; on 14 October</seg></tuv>'
        '<tuv xml:lang="zh-CN"><seg>世界标准日 &ext; 10月14日</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["lint", str(tmx), "--no-ignore-file"])
    assert result.exit_code == EXIT_INPUT, result.output
    assert f"{tmx}:3: entity reference &ext; is refused" in result.output
