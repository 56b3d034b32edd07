"""Term matching: English normalization, Chinese word boundaries, longest match."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary.match import Segmenter, TermIndex, _chunk_keys, en_keys
from glossary.model import Concept, Term
from glossary.text.english import stem


def concept(ctype: str, *terms: Term) -> Concept:
    c = Concept(ctype, list(terms))
    c.ensure_uid()
    return c


EN_ZH = [
    concept("term", Term("en", "e-commerce"), Term("zh-Hans", "电子商务")),
    concept("term", Term("en", "standard"), Term("zh-Hans", "标准")),
    concept("term", Term("en", "standardization"), Term("zh-Hans", "标准化")),
    concept("term", Term("en", "kimono"), Term("zh-Hans", "和服")),
    concept(
        "org",
        Term("en", "International Organization for Standardization"),
        Term("en", "ISO", term_type="acronym", status="admitted"),
        Term("zh-Hans", "国际标准化组织"),
    ),
    concept("term", Term("en", "World Standards Day"), Term("zh-Hans", "世界标准日")),
    concept("term", Term("en", "battery swap"), Term("en", "battery exchange", status="deprecated")),
    concept("section", Term("en", "Features"), Term("zh-Hans", "特稿")),
]


@pytest.fixture(scope="module")
def index() -> TermIndex:
    return TermIndex(EN_ZH)


def found(index: TermIndex, text: str, lang: str) -> list[tuple[str, str]]:
    return [(m.text, m.term.text) for m in index.find(text, lang)]


def test_hyphen_space_and_joined_spellings_all_match(index):
    assert found(index, "E-Commerce, ecommerce and e commerce", "en") == [
        ("E-Commerce", "e-commerce"),
        ("ecommerce", "e-commerce"),
        ("e commerce", "e-commerce"),
    ]


def test_plural_and_inflection(index):
    assert found(index, "two World Standards Days", "en") == [("World Standards Days", "World Standards Day")]
    assert found(index, "the Standards", "en") == [("Standards", "standard")]


def test_acronyms_are_case_sensitive(index):
    assert found(index, "ISO and iso and Iso", "en") == [("ISO", "ISO")]


def test_no_match_inside_a_word(index):
    assert found(index, "substandard nonstandardized", "en") == []


def test_longest_match_wins_in_english(index):
    text = "the International Organization for Standardization met"
    assert found(index, text, "en") == [(text[4:-4], "International Organization for Standardization")]


def test_short_section_matches_only_as_whole_segment(index):
    assert found(index, "Features", "en") == [("Features", "Features")]
    assert found(index, "## 02 | Features", "en") == [("Features", "Features")]
    assert found(index, "The new features are useful", "en") == []


def test_chinese_word_boundaries(index):
    assert found(index, "他和服务员说话", "zh-Hans") == []
    assert found(index, "她穿着和服", "zh-Hans") == [("和服", "和服")]


def test_chinese_longer_term_wins(index):
    assert found(index, "标准化工作和标准", "zh-Hans") == [("标准化", "标准化"), ("标准", "标准")]
    assert found(index, "国际标准化组织发布新标准", "zh-Hans")[0] == ("国际标准化组织", "国际标准化组织")


def test_chinese_offsets_survive_spaces_and_width(index):
    text = "世界 标准日，ＩＳＯ"
    (m,) = index.find(text, "zh-Hans")
    assert text[m.start : m.end] == "世界 标准日"


def test_find_rendering_substring_but_not_inside_a_longer_term(index):
    standard = EN_ZH[1].uid
    assert index.find_rendering(standard, "推进标准化工作", "zh-Hans") is None
    hit = index.find_rendering(standard, "推进标准工作", "zh-Hans")
    assert hit is not None and hit[1:] == (2, 4)


def test_find_rendering_english_is_inflection_tolerant(index):
    wsd = EN_ZH[5].uid
    assert index.find_rendering(wsd, "on world standards days", "en") is not None
    assert index.find_rendering(wsd, "on world days", "en") is None


def test_homographs_keep_allowed_entry_first():
    index = TermIndex(
        [
            concept("term", Term("en", "plan", status="deprecated"), Term("zh-Hans", "旧计划")),
            concept("term", Term("en", "plan"), Term("zh-Hans", "计划")),
        ]
    )
    (m,) = index.find("a plan", "en")
    assert [e.allowed for e in m.entries] == [True, False]


def test_keys_and_stemmer():
    assert en_keys("e-commerce", False) == ["e commerce", "ecommerce"]
    assert en_keys("GB/T", True) == ["GB / T"]
    assert stem("charges") == stem("charge") == "charge"
    assert stem("status") == "status" and stem("class") == "class" and stem("statuses") == "status"


def test_segmenter_agrees_with_jieba(tmp_path, monkeypatch):
    jieba = pytest.importorskip("jieba")
    monkeypatch.setenv("GLOSSARY_CACHE", str(tmp_path))
    jieba.setLogLevel(60)
    reference = jieba.Tokenizer()
    sentences = [
        "他和服务员说话",
        "年度世界标准日主题活动在西安举办",
        "国家市场监督管理总局和国家标准化管理委员会共同主办",
        "大规模设备更新和消费品以旧换新取得显著成效",
    ]
    cached = Segmenter()
    for s in sentences:
        assert cached.cut(s) == list(reference.cut(s, HMM=False))
    assert cached._freq is None  # answered from the SQLite cache, jieba's dict never loaded
    words = ["以旧换新", "设备更新"]
    for word in words:
        reference.add_word(word)
    with_terms = Segmenter(words)
    assert with_terms.cut(sentences[-1]) == list(reference.cut(sentences[-1], HMM=False))


WORDS = ["standard", "ISO", "e-commerce", "World Standards Day", "kimono", "and", "the", "x", "-", " ", ", "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join))
def test_matches_never_overlap_and_map_back(text):
    index = TermIndex(EN_ZH)
    matches = index.find(text, "en")
    for a, b in zip(matches, matches[1:], strict=False):
        assert a.end <= b.start
    for m in matches:
        assert text[m.start : m.end] == m.text
        assert m.text[:1].isalnum() and m.text[-1:].isalnum()


# -- the segmenter's fast paths give what the plain computation gives ----------------

_HAN_ALPHABET = "标准化国际组织市场监督管理总局世界日电动汽车换服务信息交换平台系统他和员人会"


@pytest.fixture(scope="module")
def loaded_segmenter() -> Segmenter:
    seg = Segmenter(["标准化组织", "电动汽车换电", "和服", "世界标准日"])
    seg.prepare()  # the in-memory dictionary: the path a lint takes
    return seg


def _plain_added_freq(seg: Segmenter, word: str, base: int) -> int:
    """jieba's suggest_freq as the general path computes it (substring frequencies, DAG, route)."""
    freqs = seg._base_freqs(list({word[i:j] for i in range(len(word)) for j in range(i + 1, len(word) + 1)}))
    product = 1.0
    start = 0
    for end in seg._ends(word, seg._dag(word, freqs), freqs):
        product *= freqs.get(word[start:end], 1) / seg._total
        start = end
    return max(int(product * seg._total) + 1, base or 1)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_HAN_ALPHABET, min_size=1, max_size=12), st.integers(0, 50))
def test_added_word_frequency_in_memory_is_the_general_paths(loaded_segmenter, word, base):
    assert loaded_segmenter._memory_added_freq(word, base) == _plain_added_freq(loaded_segmenter, word, base)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_HAN_ALPHABET, min_size=2, max_size=30), st.data())
def test_words_after_a_cut_are_the_whole_runs(loaded_segmenter, run, data):
    seg = loaded_segmenter
    x = data.draw(st.integers(1, len(run) - 1))
    cut = seg.cut_before(run, x, tries=len(run))
    assert 0 <= cut <= x
    whole = seg._memory_ends(run)
    if cut:
        assert cut in whole  # every route passes through the cut
        assert seg._memory_ends(run[cut:]) == tuple(e - cut for e in whole if e > cut)


def test_chinese_hits_need_only_the_runs_that_hold_their_ends(index):
    # The second run (after the comma) is never segmented, the first one is; the result
    # is the segmentation of the whole text's.
    assert found(index, "他和服务员，和服", "zh-Hans") == [("和服", "和服")]
    assert found(index, "标准化组织和标准", "zh-Hans") == [("标准化", "标准化"), ("标准", "标准")]


# -- the index stored with the term base --------------------------------------------


def _written_and_loaded(db, concepts):
    """The stored index of a new term base at ``db`` holding ``concepts``, loaded back after the base is closed."""
    from glossary.match import load_index, save_index
    from glossary.store import TermBase

    with TermBase.open(db, create=True) as tb, tb.transaction():
        for concept in concepts:
            tb.insert(concept)
    with TermBase.open(db) as tb:
        save_index(tb)
    with TermBase.open(db, readonly=True) as tb:
        return load_index(tb)


def _stored_index_concepts():
    from glossary.model import Flag, Source

    return [
        Concept("term", [Term("en", "World Standards Day", sources=[Source("a.txt", 3, "ctx")]),
                         Term("zh-Hans", "世界标准日", pinyin="shìjiè biāozhǔn rì", flags=[Flag("review", "x")])],
                uid="c1", subject="events", confidence=0.8, evidence=["dictionary"], sources=[Source("b.txt")]),
        Concept("title", [Term("en", "HEAD", term_type="acronym"), Term("zh-Hans", "头部", status="deprecated")],
                uid="c2", note="a note"),
    ]


def test_stored_index_round_trip_is_the_same_index(tmp_path):
    built = TermIndex(_stored_index_concepts())
    again = _written_and_loaded(tmp_path / "tb.sqlite", _stored_index_concepts())
    # The term base is closed: the index reads its concepts through a connection of its own.
    assert type(again.concepts).__name__ == "_StoredConcepts"
    text = "2024年世界标准日"
    assert [(m.start, m.end, m.uid) for m in again.find(text, "zh-Hans")] == [
        (m.start, m.end, m.uid) for m in built.find(text, "zh-Hans")
    ]
    assert dict(again.concepts) == built.concepts
    assert list(again._keys) == list(built._keys)
    for key in built._keys:
        assert {k: [(e.uid, e.term, e.concept_type, e.whole_only) for e in v] for k, v in built._keys[key].items()} == {
            k: [(e.uid, e.term, e.concept_type, e.whole_only) for e in v] for k, v in again._keys[key].items()
        }
    assert [again.segmenter().cut(t) for t in ("世界标准日", "头部世界")] == [
        built.segmenter().cut(t) for t in ("世界标准日", "头部世界")
    ]


def test_texts_expected_by_a_stored_index_are_found_alike_in_fewer_queries(tmp_path):
    # expect() only reads ahead: every find gives what the index that was not told gives,
    # Simplified, Traditional (the folded and regional tables) and English alike, and a
    # text that was not expected is still found; the told index asks for keys far less often.
    db = tmp_path / "tb.sqlite"
    _written_and_loaded(db, _stored_index_concepts())
    texts = {
        "zh-Hans": ["2024年世界标准日", "头部和世界标准日", "没有", "世界标准日"],
        "zh-Hant": ["世界標準日的頭部", "沒有"],
        "en": ["World Standards Day is HEAD", "nothing here", "the HEAD of World Standards Day"],
    }
    plain, told = (_loaded_again(db) for _ in range(2))
    asked = {id(plain): 0, id(told): 0}
    for index in (plain, told):
        base = index._stored.base()
        probe = base.probe_match_keys

        def counted(buckets, keys, probe=probe, index=index):
            asked[id(index)] += 1
            return probe(buckets, keys)

        base.probe_match_keys = counted
    for lang, some in texts.items():
        told.expect(some, lang)

    def seen(index, text, lang):
        return [(m.start, m.end, m.uid, [(e.uid, e.term) for e in m.entries]) for m in index.find(text, lang)]

    for lang, some in texts.items():
        for text in [*some, "World Standards Day" if lang == "en" else "世界标准日头部"]:
            assert seen(told, text, lang) == seen(plain, text, lang)
    assert any(seen(plain, text, lang) for lang, some in texts.items() for text in some)
    assert asked[id(told)] < asked[id(plain)]


def _loaded_again(db):
    from glossary.match import load_index
    from glossary.store import TermBase

    with TermBase.open(db, readonly=True) as tb:
        return load_index(tb)


def test_stored_index_refuses_what_is_not_one(tmp_path):
    from glossary.match import _stored_index
    from glossary.store import TermBase

    with TermBase.open(tmp_path / "tb.sqlite", create=True) as tb:
        for data in (b"not json", b'{"format": 99}', b'{"format": 3, "count": "x"}', b"[]"):
            with pytest.raises(ValueError):
                _stored_index(tb, data)


def test_an_old_stored_index_is_rebuilt_never_read(tmp_path):
    """An index of another format (version 2: one JSON blob) is ignored, and the next write replaces it."""
    from glossary.match import index_key, load_index, save_index
    from glossary.store import TermBase

    db = tmp_path / "tb.sqlite"
    with TermBase.open(db, create=True) as tb, tb.transaction():
        for concept in _stored_index_concepts():
            tb.insert(concept)
        tb.set_derived(index_key().replace("-v3-", "-v2-"), b'{"format": 2}')
    with TermBase.open(db, readonly=True) as tb:
        assert type(load_index(tb).concepts) is dict  # built in memory
    with TermBase.open(db) as tb:
        save_index(tb)
        tb.set_derived(index_key(), b'{"format": 2}')  # a marker that is not this format's
    with TermBase.open(db, readonly=True) as tb:
        assert type(load_index(tb).concepts) is dict


def test_import_stores_the_index_and_a_later_change_drops_it(tmp_path):
    from glossary import api
    from glossary.match import index_key, load_index
    from glossary.store import TermBase

    csv_file = tmp_path / "t.csv"
    csv_file.write_text("en,zh\nWorld Standards Day,世界标准日\n", encoding="utf-8")
    db = tmp_path / "tb.sqlite"
    api.import_(csv_file, db)
    with TermBase.open(db, readonly=True) as tb:
        assert tb.get_derived(index_key()) is not None
        assert [c.uid for c in load_index(tb).concepts.values()] == [c.uid for c in tb.iter_concepts()]
    with TermBase.open(db) as tb, tb.transaction():
        tb.add(Concept("term", [Term("en", "Xi'an"), Term("zh-Hans", "西安")]))
    with TermBase.open(db, readonly=True) as tb:
        assert tb.get_derived(index_key()) is None  # stale data never survives a write
        assert len(load_index(tb)) == 2
    # A text term base keeps nothing beside it.
    jsonl = tmp_path / "tb.jsonl"
    api.import_(csv_file, jsonl)
    assert not any(p.name.endswith(".derived") for p in tmp_path.iterdir())


def test_a_stored_index_lints_exactly_as_one_built_in_memory(tmp_path):
    """Findings of the lazy index (keys stored, concepts fetched on a hit) equal the eager one's."""
    from pathlib import Path

    from glossary.cache import finding_to_data
    from glossary.drafts.readers import read_draft
    from glossary.lint import lint_draft
    from glossary.match import load_index, save_index
    from glossary.store import SHIPPED_PATH, TermBase

    fixtures = Path(__file__).parent / "fixtures"
    drafts = [fixtures / name for name in (
        "lint_planted.tsv", "lint_planted_en_zh.tsv", "lint_clean.tsv", "lint_clean_en_zh.tsv",
        "drafts_basic.po", "drafts_20.xlf",
    )] + [Path(__file__).parent.parent / "examples" / "draft.tsv"]
    for terms in (fixtures / "lint_terms.jsonl", SHIPPED_PATH):
        db = tmp_path / f"{terms.stem}.sqlite"
        with TermBase.open(terms, readonly=True) as src, TermBase.open(db, create=True) as tb:
            with tb.transaction():
                for concept in src.iter_concepts():
                    tb.insert(concept)
            save_index(tb)
            eager = TermIndex(tb.iter_concepts())
        with TermBase.open(db, readonly=True) as tb:
            lazy = load_index(tb)
        assert type(lazy.concepts).__name__ == "_StoredConcepts"
        compared = 0
        for path in drafts:
            draft = read_draft(path)
            expected = [finding_to_data(f) for f in lint_draft(draft, eager).findings]
            assert [finding_to_data(f) for f in lint_draft(draft, lazy).findings] == expected, (terms.name, path.name)
            compared += len(expected)
        assert compared > 10
        # Only the concepts some key was found for were read.
        assert len(lazy.concepts._held) < len(eager.concepts) or len(eager.concepts) < 50
        # Traditional texts and Traditional drafts fold, through the stored keys as through the automata.
        from glossary.lint import check_pair

        for text in ("2024年世界標準日在西安舉辦", "國家標準化管理委員會發佈", "标准化工作"):
            for lang in ("zh-Hant", "zh-Hans"):
                assert [(m.start, m.end, m.uid, m.entries) for m in lazy.find(text, lang)] == [
                    (m.start, m.end, m.uid, m.entries) for m in eager.find(text, lang)
                ]
            pair = (text, "World Standards Day", "zh-Hant", "en")
            assert [finding_to_data(f) for f in check_pair(*pair, lazy)] == [
                finding_to_data(f) for f in check_pair(*pair, eager)
            ]


@pytest.mark.parametrize(
    ("heads_after", "keys_in_memory"),
    [(10**9, 10**9), (0, 0), (0, 10**9), (3, 10**9)],
    ids=["probe-every-text", "whole-heads-probed-keys", "whole-tables", "switch-midway"],
)
def test_a_stored_index_lints_the_same_however_its_tables_are_read(tmp_path, monkeypatch, heads_after, keys_in_memory):
    """Per-text probes, the head table read whole, and a small key table read whole give the same findings."""
    from pathlib import Path

    from glossary import match
    from glossary.cache import finding_to_data
    from glossary.drafts.readers import read_draft
    from glossary.lint import lint_draft
    from glossary.store import SHIPPED_PATH, TermBase

    monkeypatch.setattr(match, "HEADS_AFTER", heads_after)
    monkeypatch.setattr(match, "KEYS_IN_MEMORY", keys_in_memory)
    fixtures = Path(__file__).parent / "fixtures"
    db = tmp_path / "shipped.sqlite"
    with TermBase.open(SHIPPED_PATH, readonly=True) as src, TermBase.open(db, create=True) as tb:
        with tb.transaction():
            for concept in src.iter_concepts():
                tb.insert(concept)
        match.save_index(tb)
        eager = TermIndex(tb.iter_concepts())
    with TermBase.open(db, readonly=True) as tb:
        lazy = match.load_index(tb)
    compared = 0
    for name in ("lint_planted.tsv", "lint_planted_en_zh.tsv", "drafts_basic.po", "drafts_20.xlf"):
        draft = read_draft(fixtures / name)
        expected = [finding_to_data(f) for f in lint_draft(draft, eager).findings]
        assert [finding_to_data(f) for f in lint_draft(draft, lazy).findings] == expected, name
        compared += len(expected)
    assert compared > 10
    assert (lazy._stored._key_rows is not None) == (keys_in_memory > 0 and heads_after < 10**9)


def test_a_jsonl_term_base_past_its_limit_says_use_sqlite(tmp_path, monkeypatch):
    """Both ways: a file that is too large is refused on open, and a write that would make one is undone."""
    import pytest
    from click.testing import CliRunner

    from glossary.cli import cli
    from glossary.errors import EXIT_TERMBASE, TermBaseError
    from glossary.store import TermBase, jsonl

    monkeypatch.setattr(jsonl, "LIMIT", 2)
    path = tmp_path / "t.jsonl"
    with TermBase.open(path, create=True) as tb, tb.transaction():
        tb.add(Concept("term", [Term("en", "one"), Term("zh-Hans", "一")]))
        tb.add(Concept("term", [Term("en", "two"), Term("zh-Hans", "二")]))
    before = path.read_bytes()
    with pytest.raises(TermBaseError, match="use an SQLite term base"):
        with TermBase.open(path) as tb, tb.transaction():
            tb.add(Concept("term", [Term("en", "three"), Term("zh-Hans", "三")]))
    assert path.read_bytes() == before
    path.write_bytes(before + before.splitlines(keepends=True)[0].replace(b"one", b"uno"))
    result = CliRunner().invoke(cli, ["lookup", "one", "--db", str(path)])
    assert result.exit_code == EXIT_TERMBASE
    assert "t.jsonl" in result.stderr and "at most 2 concepts" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def _both_scripts_concepts():
    return [
        Concept("term", [Term("en", "software"), Term("zh-Hans", "软件")], uid="s1"),
        Concept("term", [Term("en", "data"), Term("zh-Hans", "数据")], uid="s2"),
        Concept("term", [Term("en", "information"), Term("zh-Hans", "信息")], uid="s3"),
        Concept("term", [Term("en", "software package"), Term("zh-Hant-TW", "軟體套件")], uid="t1"),
        Concept("term", [Term("en", "Taipei"), Term("zh-Hant", "臺北"), Term("zh-Hans", "台北")], uid="t2"),
        Concept("term", [Term("en", "famous"), Term("zh-Hans", "著名"), Term("zh-Hans", "着名", status="deprecated")],
                uid="s4"),
        Concept("section", [Term("en", "Features"), Term("zh-Hans", "功能")], uid="h1"),
        Concept("term", [Term("en", "ISO"), Term("zh-Hans", "国际标准化组织")], uid="s5"),
    ]


@pytest.mark.parametrize("simplified_only", [False, True])
def test_a_stored_index_finds_both_scripts_and_regional_words_as_one_in_memory(tmp_path, simplified_only):
    """Folded keys, the regional usage keys (軟體 for 软件) and the segmenter's words, from the tables."""
    from glossary.match import load_index, save_index
    from glossary.store import TermBase

    concepts = [c for c in _both_scripts_concepts() if not simplified_only or all(
        t.lang in ("en", "zh-Hans") for t in c.terms)]
    db = tmp_path / "tb.sqlite"
    with TermBase.open(db, create=True) as tb:
        with tb.transaction():
            for concept in concepts:
                tb.insert(concept)
        save_index(tb)
        eager = TermIndex(tb.iter_concepts())
    with TermBase.open(db, readonly=True) as tb:
        lazy = load_index(tb)
    assert lazy._stored is not None
    texts = ["軟體和資料在臺北很著名", "软件和数据在台北很着名", "軟件套件與信息", "軟體套件", "功能",
             "國際標準化組織和軟體", "他和服务员讨论软件数据"]
    for text in texts:
        for lang in ("zh-Hans", "zh-Hant", "zh-Hant-TW", "zh-Hant-HK"):
            assert [(m.start, m.end, m.uid, m.entries) for m in lazy.find(text, lang)] == [
                (m.start, m.end, m.uid, m.entries) for m in eager.find(text, lang)
            ], (text, lang)
    assert [lazy.segmenter().cut(t) for t in texts] == [eager.segmenter().cut(t) for t in texts]
    # Only the concepts found were read, never the whole base.
    assert len(lazy.concepts._held) <= len(concepts)


def test_a_segmenter_taking_each_runs_words_cuts_as_one_given_them_all():
    """Words taken from a source run by run (a stored index) cut as all of them added at once, both paths."""
    words = ["以旧换新", "设备更新", "和服", "标准化组织", "世界标准日", "务员", "新取得显著"]

    class Source:
        asked: list[str] = []

        def words_in(self, run):
            self.asked.append(run)
            return [w for w in words if w in run]

    texts = ["大规模设备更新和消费品以旧换新取得显著成效", "他和服务员说话", "国际标准化组织和世界标准日", "和服"]
    for memory in (False, True):
        eager, lazy = Segmenter(words), Segmenter(source=Source())
        if memory:
            eager.prepare()
            lazy.prepare()
        assert [lazy.cut(t) for t in texts] == [eager.cut(t) for t in texts]
        run = "国际标准化组织和世界标准日"
        for x in range(2, len(run)):
            cut = lazy.cut_before(run, x)
            assert cut == 0 or cut in eager._run_ends(run)
        assert lazy.words < set(words) or lazy.words == set(words)


def test_a_stored_index_keeps_each_keys_entries_in_the_order_of_one_built_in_memory(tmp_path):
    """Keys shared by many concepts, statuses and headings that reorder them, uids JSON must escape, both scripts."""
    concepts = [
        Concept("term", [Term("en", "Standard"), Term("zh-Hans", "标准"), Term("en", "standards")], uid='q"1\\é中'),
        Concept("term", [Term("en", "standard", status="deprecated"), Term("zh-Hant", "標準")], uid="b2"),
        Concept("title", [Term("en", "Standard"), Term("zh-Hans", "标准")], uid="a3"),
        Concept("term", [Term("en", "e-commerce software"), Term("zh-Hans", "电子商务软件")], uid="z4"),
        Concept("section", [Term("en", "Software"), Term("zh-Hans", "软件", status="admitted")], uid="m5"),
        Concept("term", [Term("en", "ISO"), Term("zh-CN", "软件")], uid="k6"),
    ]
    built = TermIndex(sorted(concepts, key=lambda c: c.uid))  # as a term base reads them, in uid order
    again = _written_and_loaded(tmp_path / "tb.sqlite", concepts)
    assert type(again.concepts).__name__ == "_StoredConcepts"
    assert list(again._keys) == list(built._keys)
    for name in built._keys:
        assert list(again._keys[name]) == list(built._keys[name])  # the keys in the order first met
        assert {k: [(e.uid, e.term, e.concept_type, e.whole_only) for e in v] for k, v in built._keys[name].items()} == {
            k: [(e.uid, e.term, e.concept_type, e.whole_only) for e in v] for k, v in again._keys[name].items()
        }
    for text, lang in (("電子商務軟體的標準", "zh-TW"), ("电子商务软件标准", "zh-Hans"), ("軟件標準", "zh-HK"),
                       ("ISO standards for e-commerce software", "en")):
        assert [(m.start, m.end, m.uid) for m in again.find(text, lang)] == [
            (m.start, m.end, m.uid) for m in built.find(text, lang)
        ]


def _match_tables(db):
    """The stored index's tables and marker of the term base at ``db``, every row in key order."""
    import sqlite3

    from glossary.match import index_key

    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute("SELECT * FROM match_key ORDER BY b, key").fetchall(),
            conn.execute("SELECT * FROM match_head ORDER BY b, head").fetchall(),
            conn.execute("SELECT data FROM derived WHERE key = ?", (index_key(),)).fetchall(),
        )
    finally:
        conn.close()


#: The sizes of the chunks whose keys this process computed (:func:`_chunk_keys_counted`).
_CHUNKS_KEYED: list[int] = []


def _chunk_keys_counted(batch, first):
    """glossary.match._chunk_keys, counted: a pool worker's calls are in its own process, never counted here."""
    _CHUNKS_KEYED.append(len(batch))
    return _chunk_keys(batch, first)


@pytest.mark.skipif(
    "fork" not in __import__("multiprocessing").get_all_start_methods(), reason="the pool forks its workers"
)
def test_the_keys_computed_by_a_pool_write_the_tables_computed_in_process(tmp_path, monkeypatch):
    """Forced pool (tiny chunks, buckets met in another order by each chunk) and in-process: the same tables."""
    from glossary import match
    from glossary.store import TermBase

    concepts = [
        *_both_scripts_concepts(),
        *_stored_index_concepts(),
        # Chunks of two: this one meets zh-Hant-TW first, and its keys are shared with earlier chunks.
        Concept("term", [Term("zh-Hant-TW", "軟體"), Term("en", "Software", status="deprecated")], uid="u1"),
        Concept("title", [Term("en", "Standard"), Term("zh-Hans", "标准"), Term("zh-Hans", "标 准")], uid="u2"),
        Concept("term", [Term("fr", "logiciel"), Term("zh-HK", "軟件")], uid="u3"),
        Concept("term", [Term("en", "e-commerce software"), Term("zh-Hans", "电子商务 软件")], uid="u4"),
    ]
    db = tmp_path / "tb.sqlite"
    with TermBase.open(db, create=True) as tb, tb.transaction():
        for c in concepts:
            tb.insert(c)
    in_parent = _CHUNKS_KEYED
    monkeypatch.setattr(match, "_chunk_keys", _chunk_keys_counted)
    tables = {}
    for pooled in (False, True):
        monkeypatch.setattr(match, "POOL_FROM", 1 if pooled else 10**9)
        monkeypatch.setattr(match, "POOL_CHUNK", 2)
        monkeypatch.setattr(match, "_pool_size", lambda: 2)  # a pool however many cores this machine has
        in_parent.clear()
        with TermBase.open(db) as tb:
            match.save_index(tb)
        tables[pooled] = _match_tables(db)
        assert (sum(in_parent) == 0) == pooled
    assert tables[True] == tables[False]
    assert len(tables[True][0]) > 20 and tables[True][2]
    # And the tables index as one built in memory.
    with TermBase.open(db, readonly=True) as tb:
        lazy, eager = match.load_index(tb), TermIndex(tb.iter_concepts())
    for text in ("軟體和資料在臺北很著名", "电子商务软件标准", "Standard software"):
        for lang in ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "en"):
            assert [(m.start, m.end, m.uid, m.entries) for m in lazy.find(text, lang)] == [
                (m.start, m.end, m.uid, m.entries) for m in eager.find(text, lang)
            ], (text, lang)
