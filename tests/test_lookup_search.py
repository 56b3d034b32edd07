"""Lookup as people type (issue 12): both store backends, on a small term base made here.

Traditional and Simplified characters, a singular for a plural and the
reverse, a hyphen, slash or space left out, a name in Western order, pinyin
by whole syllables only (no flood from ``6G``), "did you mean", and the
SQLite query plans: every rank but the substring one is served by an index,
and with the search indexes a writer adds (issue 15), the substrings and the
near misses too, with the same results.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

from glossary.model import Concept, Term
from glossary.store import TermBase
from glossary.store.base import edit_distance, search_key
from glossary.store.sqlite import _first_words


def _terms() -> list[Concept]:
    return [
        Concept("term", [Term("en", "standardization"), Term("zh-Hans", "标准化", pinyin="biāozhǔnhuà")]),
        Concept("term", [Term("en", "association standards"), Term("zh-Hans", "团体标准", pinyin="tuántǐ biāozhǔn")]),
        Concept("title", [Term("en", "Association standards boost the automobile industry"),
                          Term("zh-Hans", "以团体标准赋能汽车产业", pinyin="yǐ tuántǐ biāozhǔn fùnéng qìchē chǎnyè")]),
        Concept("term", [Term("en", "national standards"), Term("zh-Hans", "国家标准", pinyin="guójiā biāozhǔn")]),
        Concept("term", [Term("en", "developing countries"), Term("zh-Hans", "发展中国家", pinyin="fāzhǎnzhōng guójiā")]),
        Concept("term", [Term("en", "White Paper"), Term("zh-Hans", "白皮书", pinyin="báipíshū")]),
        Concept("term", [Term("en", "high-quality development"), Term("zh-Hans", "高质量发展", pinyin="gāozhìliàng fāzhǎn")]),
        Concept("term", [Term("en", "e-commerce"), Term("zh-Hans", "电子商务", pinyin="diànzǐ shāngwù")]),
        Concept("term", [Term("en", "trade-ins"), Term("zh-Hans", "以旧换新", pinyin="yǐjiùhuànxīn")]),
        Concept("org", [Term("en", "IEC/TC 88"), Term("zh-Hans", "IEC风力发电系统技术委员会")]),
        Concept("org", [Term("en", "MIIT"), Term("zh-Hans", "工信部", pinyin="gōngxìnbù")]),
        Concept("org", [Term("en", "AI"), Term("zh-Hans", "人工智能", pinyin="réngōng zhìnéng")]),
        Concept("person", [Term("en", "Jin Jili"),
                           Term("zh-Hans", "靳吉丽", pinyin="Jìn Jílì", romanization="Jin Jili")]),
        Concept("place", [Term("en", "Shenzhen"), Term("zh-Hans", "深圳", pinyin="Shēnzhèn", romanization="Shenzhen")]),
        Concept("term", [Term("en", "software"), Term("zh-Hant", "軟體", pinyin="ruǎntǐ")]),
    ]


@pytest.fixture(params=["sqlite", "jsonl"])
def tb(request, tmp_path):
    path = tmp_path / f"t.{request.param}"
    with TermBase.open(path, create=True) as base:
        with base.transaction():
            for concept in _terms():
                base.add(concept)
    with TermBase.open(path, readonly=True) as base:
        yield base


def first_en(tb: TermBase, query: str) -> str | None:
    found = tb.search(query)
    if not found:
        return None
    term = found[0].preferred("en")
    return term.text if term else None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("標準化", "standardization"),  # Traditional finds Simplified
        ("團體標準", "association standards"),
        ("發展中國家", "developing countries"),
        ("软体", "software"),  # Simplified finds Traditional
        ("軟體", "software"),
        ("developing country", "developing countries"),  # singular for a stored plural
        ("white papers", "White Paper"),  # plural for a stored singular
        ("national standard", "national standards"),
        ("association standard", "association standards"),  # before the title it prefixes
        ("trade-in", "trade-ins"),
        ("trade ins", "trade-ins"),
        ("high quality development", "high-quality development"),  # hyphen missing
        ("ecommerce", "e-commerce"),  # written solid
        ("e commerce", "e-commerce"),
        ("IEC TC 88", "IEC/TC 88"),  # slash missing
        ("IEC/TC88", "IEC/TC 88"),
        ("Jili Jin", "Jin Jili"),  # Western order
        ("jili jin", "Jin Jili"),
        ("JIN Jili", "Jin Jili"),
        ("standardisation", "standardization"),  # British spelling
        ("artificial intelligence", "AI"),  # a full form of a stored acronym
        ("biao zhun hua", "standardization"),
        ("gongxinbu", "MIIT"),
        ("Shēnzhèn", "Shenzhen"),
    ],
)
def test_a_query_as_people_type_it_finds_its_entry_first(tb, query, expected):
    assert first_en(tb, query) == expected


@pytest.mark.parametrize("query", ["6G", "5G", "g", "G", "IEC TC 57", "Tokyo", "区块链", "国", "bia", "Zhang Xiaoguang"])
def test_a_query_that_names_nothing_finds_nothing(tb, query):
    # 6G's pinyin key is the single letter g, which starts every term read with a g;
    # 'bia' stops inside the syllable biao; 国 alone is a character of many terms.
    assert tb.search(query) == []


def test_pinyin_prefixes_match_whole_syllables(tb):
    assert first_en(tb, "biao") == "standardization"  # biāo|zhǔn|huà: a whole first syllable
    assert [c.preferred("en").text for c in tb.search("guojia")] == ["national standards"]
    assert [c.preferred("en").text for c in tb.search("tuanti")][0] == "association standards"
    assert tb.search("tuant") == []


def test_two_chinese_characters_are_a_prefix(tb):
    found = [c.preferred("en").text for c in tb.search("标准")]
    assert found[0] == "standardization" and "national standards" in found


def test_exact_still_ranks_before_prefix_and_substring(tb):
    found = [c.preferred("en").text for c in tb.search("association standards")]
    assert found[:2] == ["association standards", "Association standards boost the automobile industry"]
    assert "national standards" in [c.preferred("en").text for c in tb.search("standards")]


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("Wolrd", None),  # nothing near in this base
        ("Shenzen", "Shenzhen"),  # a letter dropped
        ("Shenzehn", "Shenzhen"),  # two letters swapped
        ("Jin Jilli", "Jin Jili"),
        ("ecomerce", "e-commerce"),
        ("white paperz", "White Paper"),
        ("白皮树", "白皮书"),  # a Chinese near miss: one character off
        ("baipishi", "White Paper"),  # pinyin one letter off
    ],
)
def test_near_misses_are_suggested(tb, query, suggested):
    assert tb.search(query) == []
    texts = [s.text for s in tb.suggest(query)]
    concepts = [s.concept.preferred("en").text for s in tb.suggest(query)]
    if suggested is None:
        assert texts == []
    else:
        assert suggested in texts or suggested in concepts, texts


@pytest.mark.parametrize("query", ["IEC TC 87", "6G", "g", "xyz"])
def test_numbers_and_short_queries_get_no_suggestion(tb, query):
    assert tb.suggest(query) == []


def test_keys_and_distance():
    assert search_key("high quality development") == search_key("high-quality development")
    assert search_key("iso/tc321") == search_key("iso/tc 321")
    assert search_key("developing country") == search_key("developing countries")
    assert search_key("national standard") != search_key("national standardization")
    assert edit_distance("belguim", "belgium", 2) == 1
    assert edit_distance("shenzen", "shenzhen", 2) == 1
    assert edit_distance("abcdef", "uvwxyz", 2) == 3


def test_sqlite_search_uses_the_indexes(tmp_path):
    """Every statement of a search is an index search, but the substring and Traditional scans."""
    path = tmp_path / "t.sqlite"
    with TermBase.open(path, create=True) as base:
        for concept in _terms():
            base.add(concept)
    with TermBase.open(path, readonly=True) as base:
        statements: list[str] = []
        base.conn.set_trace_callback(statements.append)
        for query in ("developing country", "Jili Jin", "gongxinbu", "IEC TC 88", "标准化", "6G"):
            base.search(query)
        base.conn.set_trace_callback(None)
        scans = []
        for sql in statements:
            if "norm LIKE" in sql or "lang LIKE" in sql:
                continue  # the substring scan, and the Traditional terms (the lang column has no index)
            plan = " ".join(row[-1] for row in base.conn.execute("EXPLAIN QUERY PLAN " + sql))
            if "SCAN" in plan:
                scans.append((sql, plan))
        assert statements and not scans
    # With the search indexes a writer adds, the Traditional terms and substrings of
    # three characters or more are index searches too (trigrams), and the results the same.
    with TermBase.open(path, readonly=True) as base:
        before = {q: [c.uid for c in base.search(q)] for q in ("developing", "标准化", "velop", "标准", "ment")}
    with TermBase.open(path) as base:
        base.index_for_search()
    with TermBase.open(path, readonly=True) as base:
        statements = []
        base.conn.set_trace_callback(statements.append)
        assert {q: [c.uid for c in base.search(q)] for q in before} == before
        base.conn.set_trace_callback(None)
        scans = []
        for sql in statements:
            if not sql.startswith("SELECT") or " term " not in sql + " ":
                continue  # FTS5's own statements
            plan = " ".join(row[-1] for row in base.conn.execute("EXPLAIN QUERY PLAN " + sql))
            if "SCAN" in plan and "VIRTUAL TABLE" not in plan and "'%标准%'" not in sql:
                scans.append((sql, plan))
        assert any("term_trigram" in sql for sql in statements)
        assert not scans


def test_a_simplified_or_latin_lookup_never_loads_opencc():
    code = (
        "import sys\n"
        "from glossary.store import TermBase\n"
        "with TermBase.open(readonly=True) as tb:\n"
        "    for q in ('World Standards Day', '世界标准日', '区块链', 'Jili Jin'):\n"
        "        tb.search(q)\n"
        "print('opencc' in sys.modules, 'pypinyin' in sys.modules)\n"
        "with TermBase.open(readonly=True) as tb:\n"
        "    assert tb.search('世界標準日')\n"
        "print('opencc' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "True"]


#: Queries of every shape, for the comparisons with and without the search indexes.
_SHAPES = (
    "standardization", "Standardization", "standard", "sta", "st", "AI", "ai", "TC", "88",
    "association standards boost", "the automobile industry", "automobile", "boost the",
    "标准", "标准化", "团体", "发展", "国家", "产业", "中国", "软体", "biaozhun", "biāozhǔn", "guojia", "tuanti biaozhun",
    "standardisation", "national standard", "trade ins", "ecommerce", "IEC TC 88", "Jili Jin",
    "standardizaton", "standradization", "assocation standards", "Shenzen", "Shenzhn", "devloping countries",
    "White Papre", "highquality developmnet", "biaozhunhau", "团体标淮", "标准话", "guojai biaozhun", "zz",
)


def _snapshot(base: TermBase) -> dict[str, tuple]:
    return {
        q: ([c.uid for c in base.search(q)], [(s.concept.uid, s.text, s.distance) for s in base.suggest(q)])
        for q in _SHAPES
    }


def test_the_search_indexes_change_no_result_on_a_small_base(tmp_path):
    """Trigrams, the tail indexes and the anchored near misses find what the scans found."""
    path = tmp_path / "t.sqlite"
    with TermBase.open(path, create=True) as base:
        for concept in _terms():
            base.add(concept)
    with TermBase.open(path, readonly=True) as base:
        before = _snapshot(base)
    with TermBase.open(path) as base:
        base.index_for_search()
    with TermBase.open(path, readonly=True) as base:
        statements: list[str] = []
        base.conn.set_trace_callback(statements.append)
        after = _snapshot(base)
        base.conn.set_trace_callback(None)
        assert after == before
        assert any("term_norm_tail" in plan for plan in _plans(base, statements))  # the two-character substrings
        scans = [(sql, plan) for sql, plan in zip(statements, _plans(base, statements), strict=True)
                 if sql.startswith("SELECT") and " term " in sql + " " and "SCAN" in plan
                 and "VIRTUAL TABLE" not in plan]
        assert not scans  # not even the near misses: each anchor is an index search


def _plans(base: TermBase, statements: list[str]) -> list[str]:
    return [" ".join(row[-1] for row in base.conn.execute("EXPLAIN QUERY PLAN " + sql))
            if sql.startswith("SELECT") else "" for sql in statements]


def test_first_words_are_every_word_a_key_can_start_with():
    for text in ("organisations committee", "countries of the world", "theatres", "analyses made",
                 "e-commerce", "boxes", "standard", "标准化 工作"):
        key = search_key(text)
        first = text.split()[0].split("-")[0]
        assert first in _first_words(key), text
    assert all(key.startswith(search_key(word)) for key in ("standardization",) for word in _first_words(key))
