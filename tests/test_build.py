"""The build end to end: the shipped term base rebuilds byte for byte, twice in one process.

The aligner adds words to the segmenter so that known terms stay whole, and
the pinyin of what it aligns is cut with the same words.  Those words live in
the build's own :class:`JiebaSession`; when they went into jieba's global
tokenizer a second build in the same process cut every title's pinyin with the
first build's words (中国视窗 -> ``zhōngguóshìchuāng``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, REPO, shared_path

from glossary.align import ADDED_FREQ, TitlePair, align_pairs, supplement_words
from glossary.build import _type_english, build
from glossary.chinese.pinyin import tone_pinyin
from glossary.chinese.segment import JiebaSession
from glossary.cli import cli
from glossary.model import Concept, Source, Term
from glossary.store import TermBase

SHIPPED = REPO / "terms" / "glossary.jsonl"


def _corpus() -> list[str]:
    files = sorted(str(p) for p in shared_path("corpus").glob("*.txt"))
    if not files:
        pytest.skip("../shared/corpus has no .txt files")
    # Provenance keeps paths as given: the shipped base was built from ../shared/corpus.
    return [str(Path("..", "shared", "corpus", Path(f).name)) for f in files]


def test_two_builds_in_one_process_both_equal_the_shipped_term_base(tmp_path, monkeypatch):
    files = _corpus()
    monkeypatch.chdir(REPO)
    first = tmp_path / "first.jsonl"
    with TermBase.open(first, create=True) as tb:
        report = build(tb, files, fresh=True)  # the library, alignment on (the default)
    assert report.aligned > 0
    assert first.read_bytes() == SHIPPED.read_bytes()

    second = tmp_path / "second.jsonl"  # the CLI's default build, in the same process
    result = CliRunner().invoke(cli, ["build", *files, "--db", str(second), "--fresh"])
    assert result.exit_code == 0, result.output
    assert "pinyin mismatch: Li Yun / 李贊" in result.output
    assert second.read_bytes() == SHIPPED.read_bytes()


def test_build_leaves_jiebas_global_tokenizer_alone(tmp_path):
    jieba = pytest.importorskip("jieba")
    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    before = (jieba.dt.total, len(jieba.dt.FREQ))
    with TermBase.open(tmp_path / "tb.jsonl", create=True) as tb:
        report = build(tb, [FIXTURES / "corpus_layouts.txt"], align=True)
    assert report.concepts
    assert (jieba.dt.total, len(jieba.dt.FREQ)) == before
    assert all(jieba.dt.FREQ.get(word) != ADDED_FREQ for word in supplement_words())


def test_words_added_to_a_session_stay_in_it():
    assert tone_pinyin("中国视窗") == "Zhōngguó shìchuāng"
    session = JiebaSession()
    assert tone_pinyin("中国视窗", session) == "Zhōngguó shìchuāng"
    session.add_word("中国视窗", ADDED_FREQ)
    assert tone_pinyin("中国视窗", session) == "zhōngguóshìchuāng"
    assert session.frequency("中国视窗") == ADDED_FREQ
    assert tone_pinyin("中国视窗") == "Zhōngguó shìchuāng"  # the default segmenter never saw it
    assert JiebaSession().frequency("中国视窗") == 0  # nor does the next session


def test_alignment_adds_its_words_to_the_session_it_is_given_only():
    pairs = [TitlePair("CHINA SCENE", "中国视窗", "t1", Source("f.txt", 1))]
    known = [("China Window", "中国视窗")]
    session = JiebaSession()
    first = align_pairs(pairs, known, session)
    assert "中国视窗" in session.added and session.frequency("中国视窗") == ADDED_FREQ
    assert session.added[: len(supplement_words())] == supplement_words()
    assert align_pairs(pairs, known) == first  # a fresh session of its own: the same answer
    assert tone_pinyin("中国视窗") == "Zhōngguó shìchuāng"


OWNED = [
    "build.py", "align.py", "align_dict.py", "lookup.py", "corpus/names.py", "corpus/pairs.py",
    "corpus/layout.py", "corpus/model.py", "chinese/segment.py", "chinese/pinyin.py", "chinese/names.py",
]  # fmt: skip


@pytest.mark.parametrize("name", OWNED)
def test_no_glossary_import_hides_inside_a_function(name):
    lines = (REPO / "glossary" / name).read_text(encoding="utf-8").splitlines()
    hidden = [n for n, line in enumerate(lines, 1) if line.startswith(" ") and line.lstrip().startswith(
        ("from glossary", "import glossary"))]
    assert hidden == [], f"glossary/{name}: imports inside functions at lines {hidden}"


def test_one_surname_table():
    """The name rule's running-text surnames are the table's, read with the table's readings."""
    from glossary.chinese.names import COMPOUND_SURNAMES, RUNNING_TEXT_SURNAMES, SURNAMES

    assert RUNNING_TEXT_SURNAMES <= SURNAMES
    assert {"曾", "单", "仇", "解", "查"} <= SURNAMES
    assert {"欧阳", "歐陽", "司马", "诸葛"} <= set(COMPOUND_SURNAMES)


def test_acronyms_are_typed_with_their_dictionary_full_form():
    ai = Concept(type="term", terms=[Term(lang="en", text="AI"), Term(lang="zh-Hans", text="人工智能")])
    _type_english(ai)
    assert [(t.text, t.term_type, t.status) for t in ai.terms_in("en")] == [
        ("AI", "acronym", "preferred"), ("artificial intelligence", "fullForm", "admitted")
    ]
    zte = Concept(type="org", terms=[Term(lang="en", text="ZTE"), Term(lang="zh-Hans", text="中兴")])
    _type_english(zte)
    assert [(t.text, t.term_type) for t in zte.terms_in("en")] == [("ZTE", "acronym")]
    heading = Concept(type="section", terms=[Term(lang="en", text="FEATURES"), Term(lang="zh-Hans", text="特稿")])
    _type_english(heading)
    assert heading.terms[0].term_type == "fullForm"
