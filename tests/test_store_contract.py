"""The store contract: what every term base backend must do, run against each registered one.

A new backend (PostgreSQL, say) registers itself in ``glossary.stores``,
adds how to make a fresh location (and, where it has them, a foreign and a
too-new term base) to :data:`LOCATIONS`, and is done when this file passes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from glossary.errors import EXIT_TERMBASE, TermBaseError
from glossary.model import Concept, Flag, Source, Term
from glossary.store import STORES, TermBase, backend_for, open_termbase
from glossary.store.base import Change
from glossary.store.sqlite import SCHEMA_VERSION


def _sqlite_foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE x (y)")
    conn.commit()
    conn.close()


def _sqlite_newer(path: Path) -> None:
    TermBase.open(path, create=True).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _jsonl_foreign(path: Path) -> None:
    path.write_text('{"not": "a concept"}\n', encoding="utf-8")


@dataclass(frozen=True)
class Location:
    """How the contract makes term bases of one backend."""

    #: A fresh, absent location in the test's folder.
    make: Callable[[Path], Path]
    #: ``(writer, message)``: writes something that is not ours there, and what the refusal says.
    foreign: tuple[Callable[[Path], None], str]
    #: Writes a term base of a newer format there; None when the format has no version.
    newer: Callable[[Path], None] | None


LOCATIONS: dict[str, Location] = {
    "sqlite": Location(lambda d: d / "t.sqlite", (_sqlite_foreign, "another program"), _sqlite_newer),
    "jsonl": Location(lambda d: d / "t.jsonl", (_jsonl_foreign, "not a term base line"), None),
}


def test_every_registered_backend_runs_the_contract():
    assert set(STORES.names()) <= set(LOCATIONS), "add the new backend to LOCATIONS"


@pytest.fixture(params=STORES.names())
def backend(request):
    return STORES.get(request.param)


@pytest.fixture
def location(backend, tmp_path) -> Path:
    return LOCATIONS[backend.name].make(tmp_path)


@pytest.fixture
def tb(location):
    with open_termbase(location, create=True) as base:
        yield base


def wsd(line: int = 1, file: str = "a.txt") -> Concept:
    return Concept(
        type="term",
        terms=[
            Term("en", "World Standards Day", sources=[Source(file, line, "World Standards Day")]),
            Term("zh-Hans", "世界标准日", pinyin="shìjiè biāozhǔn rì", sources=[Source(file, line + 1, "世界标准日")]),
        ],
        sources=[Source(file, line, "World Standards Day / 世界标准日")],
    )


def everything(tb: TermBase) -> list[Concept]:
    return list(tb.iter_concepts())


# -- choosing and opening ---------------------------------------------------------


def test_the_path_chooses_this_backend(backend, location):
    assert backend.accepts(str(location))
    assert backend_for(str(location)) is backend
    with TermBase.open(location, create=True) as tb:
        assert isinstance(tb, TermBase)
        assert tb.path == str(location)


def test_missing_term_base_is_an_error(location):
    with pytest.raises(TermBaseError, match="no term base") as caught:
        open_termbase(location)
    assert caught.value.exit_code == EXIT_TERMBASE
    assert caught.value.file == str(location)


def test_foreign_file_is_refused(backend, location):
    write, message = LOCATIONS[backend.name].foreign
    write(location)
    with pytest.raises(TermBaseError, match=message) as caught:
        open_termbase(location)
    assert caught.value.exit_code == EXIT_TERMBASE


def test_newer_term_base_is_refused(backend, location):
    newer = LOCATIONS[backend.name].newer
    if newer is None:
        pytest.skip(f"{backend.name} term bases have no format version")
    newer(location)
    with pytest.raises(TermBaseError, match="newer") as caught:
        open_termbase(location)
    assert caught.value.exit_code == EXIT_TERMBASE


# -- adding and merging ---------------------------------------------------------------


def test_same_pair_twice_is_one_concept_with_two_sources(tb):
    assert tb.add(wsd(1)) == "added"
    assert tb.add(wsd(40)) == "merged"
    assert tb.add(wsd(40)) == "unchanged"
    assert tb.count() == 1
    (concept,) = everything(tb)
    assert [s.line for s in concept.sources] == [1, 40]
    assert [s.line for s in concept.terms[0].sources] == [1, 40]
    assert [s.line for s in concept.terms[1].sources] == [2, 41]


def test_add_gives_the_concept_its_uid(tb):
    concept = wsd()
    tb.add(concept)
    assert concept.uid and tb.get(concept.uid) is not None


def test_case_variant_joins_the_existing_term(tb):
    tb.add(wsd())
    shouting = wsd(9)
    shouting.terms[0].text = "WORLD STANDARDS DAY"
    assert tb.add(shouting) == "merged"
    (concept,) = everything(tb)
    assert [t.text for t in concept.terms_in("en")] == ["World Standards Day"]
    assert [s.line for s in concept.terms[0].sources] == [1, 9]


def test_new_spelling_becomes_admitted_variant_not_preferred(tb):
    tb.add(wsd())
    other = Concept("term", [Term("en", "WSD", term_type="acronym"), Term("zh-Hans", "世界标准日")])
    assert tb.add(other) == "merged"
    (concept,) = everything(tb)
    assert concept.preferred("en").text == "World Standards Day"
    wsd_term = next(t for t in concept.terms if t.text == "WSD")
    assert wsd_term.status == "admitted" and wsd_term.term_type == "acronym"


def test_merge_fills_what_is_missing_and_keeps_what_is_there(tb):
    first = Concept("term", [Term("en", "standard"), Term("zh-Hans", "标准", pinyin="biāozhǔn")], note="kept")
    tb.add(first)
    second = Concept(
        "term",
        [Term("en", "standard", pos="noun"), Term("zh-Hans", "标准", pinyin="other")],
        note="ignored",
        subject="standardization",
        confidence=0.5,
        evidence=["dictionary"],
    )
    assert tb.add(second) == "merged"
    (concept,) = everything(tb)
    assert (concept.note, concept.subject, concept.confidence) == ("kept", "standardization", 0.5)
    assert concept.evidence == ["dictionary"]
    assert concept.terms_in("en")[0].pos == "noun"
    assert concept.terms_in("zh-Hans")[0].pinyin == "biāozhǔn"


def test_persons_merge_only_when_both_languages_agree(tb):
    tb.add(Concept("person", [Term("en", "Guo Hai"), Term("zh-Hans", "郭海")]))
    assert tb.add(Concept("person", [Term("en", "Guo Hai"), Term("zh-Hans", "国海")])) == "added"
    assert tb.add(Concept("person", [Term("en", "GUO Hai"), Term("zh-Hans", "郭海")], sources=[Source("b.txt", 2)])) == "merged"
    assert tb.count() == 2


def test_different_types_and_subjects_stay_apart(tb):
    tb.add(Concept("term", [Term("en", "OK"), Term("zh-Hans", "确定")], subject="software"))
    assert tb.add(Concept("term", [Term("en", "OK"), Term("zh-Hans", "成功")], subject="medicine")) == "added"
    assert tb.add(Concept("org", [Term("en", "OK")])) == "added"
    assert tb.counts_by_type() == {"org": 1, "term": 2}


def test_keep_apart_makes_a_second_concept(tb):
    first = wsd()
    tb.add(first)
    assert tb.add(wsd(5), keep_apart={first.uid}) == "added"
    assert tb.count() == 2


def test_the_same_uid_is_the_same_concept(tb):
    tb.add(Concept("term", [Term("en", "alpha")], uid="c1"))
    assert tb.add(Concept("term", [Term("en", "beta")], uid="c1")) == "merged"
    assert [t.text for t in tb.get("c1").terms] == ["alpha", "beta"]


def test_skip_and_replace(tb):
    tb.add(wsd())
    uid = next(iter(tb.iter_concepts())).uid
    assert tb.add(wsd(5), on_conflict="skip") == "skipped"
    replacement = wsd(7)
    replacement.note = "replaced"
    assert tb.add(replacement, on_conflict="replace") == "replaced"
    (concept,) = everything(tb)
    # The file's fields win; where-found records it does not contradict are kept.
    assert concept.note == "replaced" and [s.line for s in concept.sources] == [1, 7]
    assert concept.uid == uid


def test_unknown_on_conflict_is_a_bug(tb):
    with pytest.raises(ValueError):
        tb.add(wsd(), on_conflict="overwrite")
    assert tb.count() == 0


def test_reimporting_case_variants_changes_nothing(tb):
    """Two spellings that differ only in case, both kept by a file, each find themselves again."""

    def concept() -> Concept:
        return Concept(
            "term",
            [Term("en", "E-commerce"), Term("en", "e-Commerce", note=""), Term("zh-Hans", "电子商务")],
            uid="cx",
        )

    assert tb.add(concept()) == "added"
    assert tb.add(concept()) == "unchanged"
    notes = [t.note for t in tb.get("cx").terms_in("en")]
    assert notes == [None, ""]


# -- flags, provenance, deleting ----------------------------------------------------------


def test_flags_and_provenance_round_trip(tb):
    concept = Concept(
        "person",
        [
            Term(
                "en",
                "Li Yun",
                flags=[Flag("pinyin-mismatch", "贊 reads zàn")],
                sources=[Source("b.txt", 3, "Li Yun", parent="cparent")],
            ),
            Term("zh-Hans", "李贊", pinyin="lǐ zàn", romanization="Li Zan"),
        ],
        sources=[Source("b.txt", 3, "Li Yun / 李贊")],
        evidence=["byline"],
        confidence=0.9,
    )
    tb.add(concept)
    loaded = tb.get(concept.uid)
    assert loaded == concept


def test_set_flags_replaces_a_terms_flags(tb):
    concept = Concept("person", [Term("en", "Li Yun", flags=[Flag("review")]), Term("zh-Hans", "李贊")])
    tb.add(concept)
    tb.set_flags(concept.uid, "en", "Li Yun", [Flag("pinyin-mismatch", "贊 reads zàn")])
    assert tb.get(concept.uid).terms[0].flags == [Flag("pinyin-mismatch", "贊 reads zàn")]
    tb.set_flags(concept.uid, "en", "Li Yun", [])
    assert tb.get(concept.uid).flags == []
    tb.set_flags(concept.uid, "en", "No Such Term", [Flag("review")])  # nothing to do
    tb.set_flags("no-such-uid", "en", "Li Yun", [Flag("review")])
    assert tb.get(concept.uid).flags == []


def test_a_repeated_flag_merges_once(tb):
    tb.add(Concept("term", [Term("en", "SAC", flags=[Flag("review", "first")])], uid="c1"))
    assert tb.add(Concept("term", [Term("en", "SAC", flags=[Flag("review", "second")])])) == "unchanged"
    assert tb.get("c1").flags == [Flag("review", "first")]


def test_delete_count_and_clear(tb):
    for name in ("SAMR", "SAC", "CNIS"):
        tb.add(Concept("org", [Term("en", name)]))
    tb.add(wsd())
    assert tb.count() == 4 and tb.counts_by_type() == {"org": 3, "term": 1}
    uid = tb.search("SAC")[0].uid
    assert tb.delete(uid) is True
    assert tb.delete(uid) is False
    assert tb.get(uid) is None and tb.count() == 3
    tb.clear()
    assert tb.count() == 0 and tb.counts_by_type() == {} and everything(tb) == []


def test_iter_concepts_is_sorted_by_uid_and_filters_by_type(tb):
    for name in ("SAMR", "SAC", "CNIS", "ISO"):
        tb.add(Concept("org", [Term("en", name)]))
    tb.add(wsd())
    uids = [c.uid for c in tb.iter_concepts()]
    assert uids == sorted(uids) and len(uids) == 5
    assert {c.type for c in tb.iter_concepts(["org"])} == {"org"}
    assert len(list(tb.iter_concepts(["org"]))) == 4
    assert list(tb.iter_concepts([])) == []


# -- searching ------------------------------------------------------------------------------


def test_search_by_english_prefix_chinese_and_pinyin(tb):
    tb.add(wsd())
    assert tb.search("world standards")[0].preferred("zh-Hans").text == "世界标准日"
    assert tb.search("WORLD STANDARDS DAY")
    assert tb.search("世界标准日")
    assert tb.search("标准")  # a substring of the Chinese term
    assert tb.search("shijiebiaozhunri")
    assert tb.search("shì jiè biāo zhǔn rì")
    assert tb.search("nothing like it") == []
    assert tb.search("   ") == []


def test_search_ranks_exact_before_prefix_before_substring(tb):
    tb.add(Concept("term", [Term("en", "national standard")]))
    tb.add(Concept("term", [Term("en", "standard body")]))
    tb.add(Concept("term", [Term("en", "standard")]))
    found = [c.terms[0].text for c in tb.search("standard")]
    assert found == ["standard", "standard body", "national standard"]
    assert len(tb.search("standard", limit=2)) == 2


def test_search_treats_like_wildcards_as_text(tb):
    tb.add(Concept("term", [Term("en", "100% recycled")]))
    tb.add(Concept("term", [Term("en", "1000 recycled")]))
    assert [c.terms[0].text for c in tb.search("100%")] == ["100% recycled"]


def test_search_finds_u_umlaut_names_typed_with_u_v_or_yu(tb):
    tb.add(Concept("person", [Term("en", "Lü Bu"), Term("zh-Hans", "吕布", pinyin="Lǚ Bù", romanization="Lü Bu")]))
    for typed in ("Lü Bu", "Lv Bu", "Lyu Bu", "Lu Bu", "lubu", "吕布"):
        assert tb.search(typed), typed


# -- transactions -----------------------------------------------------------------------------


def test_interrupted_transaction_leaves_nothing(tb, location):
    tb.add(wsd())
    with pytest.raises(RuntimeError):
        with tb.transaction():
            tb.add(Concept("org", [Term("en", "SAMR")]))
            tb.add(wsd(30))
            tb.set_flags(next(iter(tb.iter_concepts(["term"]))).uid, "en", "World Standards Day", [Flag("review")])
            raise RuntimeError("power cut")
    assert tb.count() == 1
    (concept,) = everything(tb)
    assert [s.line for s in concept.sources] == [1] and concept.flags == []
    tb.close()
    with open_termbase(location) as again:
        assert [c.uid for c in everything(again)] == [concept.uid]


def test_a_rolled_back_clear_keeps_every_concept(tb):
    tb.add(wsd())
    with pytest.raises(RuntimeError):
        with tb.transaction():
            tb.clear()
            assert tb.count() == 0
            raise RuntimeError("build failed")
    assert tb.count() == 1


def test_nested_transactions_join_the_outer_one(tb):
    with pytest.raises(RuntimeError):
        with tb.transaction():
            with tb.transaction():
                tb.add(wsd())
            assert tb.count() == 1
            raise RuntimeError("outer fails")
    assert tb.count() == 0


# -- persistence and read-only ---------------------------------------------------------------


def test_reopening_gives_back_every_concept(location):
    concepts = [
        wsd(),
        Concept("org", [Term("en", "SAC"), Term("zh-Hans", "国家标准委", pinyin="guójiā biāozhǔn wěi")], subject="standards"),
        Concept("person", [Term("en", "Li Yun", flags=[Flag("review")]), Term("zh-Hans", "李贊")]),
    ]
    with open_termbase(location, create=True) as tb:
        with tb.transaction():
            for concept in concepts:
                tb.add(concept)
        written = everything(tb)
    with open_termbase(location) as tb:
        assert everything(tb) == written
        assert tb.search("guojia")[0].uid == concepts[1].uid
        assert tb.add(wsd()) == "unchanged"
    with open_termbase(location, readonly=True) as tb:
        assert everything(tb) == written


def test_readonly_refuses_every_write_and_changes_nothing(location):
    with open_termbase(location, create=True) as tb:
        tb.add(wsd())
        uid = next(iter(tb.iter_concepts())).uid
    before = location.read_bytes()
    with open_termbase(location, readonly=True) as tb:
        writes = [
            lambda: tb.add(Concept("org", [Term("en", "SAMR")])),
            lambda: tb.delete(uid),
            tb.clear,
            lambda: tb.set_flags(uid, "en", "World Standards Day", [Flag("review")]),
            lambda: tb.set_derived("words", b"x"),
        ]
        for write in writes:
            with pytest.raises(TermBaseError, match="read-only"):
                write()
        assert tb.count() == 1 and tb.get(uid) is not None and tb.search("world")
    assert location.read_bytes() == before


def test_creating_without_writing_then_reopening(location):
    with open_termbase(location, create=True) as tb:
        with tb.transaction():
            tb.add(wsd())
            tb.delete(next(iter(tb.iter_concepts())).uid)
    if location.exists():
        with open_termbase(location) as tb:
            assert tb.count() == 0


# -- derived data ------------------------------------------------------------------------------


def test_derived_data_is_stored_and_kept_with_the_term_base(location):
    with open_termbase(location, create=True) as tb:
        tb.add(wsd())
        assert tb.get_derived("segmenter.words") is None
        tb.set_derived("segmenter.words", b"\x00\xffwords")
        assert tb.get_derived("segmenter.words") == b"\x00\xffwords"
        tb.set_derived("segmenter.words", b"again")
        tb.set_derived("other", b"")
    with open_termbase(location, readonly=True) as tb:
        assert tb.get_derived("segmenter.words") == b"again"
        assert tb.get_derived("other") == b""
        assert tb.get_derived("absent") is None


def test_any_change_to_the_concepts_drops_derived_data(location):
    with open_termbase(location, create=True) as tb:
        tb.add(wsd())
        changes = [
            lambda: tb.add(Concept("org", [Term("en", "SAMR")])),
            lambda: tb.add(wsd(20)),
            lambda: tb.set_flags(tb.search("world")[0].uid, "en", "World Standards Day", [Flag("review")]),
            lambda: tb.delete(tb.search("SAMR")[0].uid),
            tb.clear,
        ]
        for change in changes:
            tb.set_derived("words", b"x")
            change()
            assert tb.get_derived("words") is None, change
        tb.add(wsd())
        tb.set_derived("words", b"x")
        assert tb.add(wsd()) == "unchanged"
        assert tb.get_derived("words") == b"x"
    with open_termbase(location) as tb:
        assert tb.get_derived("words") == b"x"
        tb.add(Concept("org", [Term("en", "SAC")]))
    with open_termbase(location) as tb:
        assert tb.get_derived("words") is None


def test_derived_data_rolls_back_with_its_transaction(tb):
    tb.add(wsd())
    tb.set_derived("words", b"kept")
    with pytest.raises(RuntimeError):
        with tb.transaction():
            tb.set_derived("words", b"lost")
            tb.add(Concept("org", [Term("en", "SAMR")]))
            raise RuntimeError("stop")
    assert tb.get_derived("words") == b"kept"


def test_derived_keys_are_checked(tb):
    for bad in ("", "Upper", "../up", "a/b", "x" * 65):
        with pytest.raises(ValueError):
            tb.set_derived(bad, b"x")


# -- statuses an import states -------------------------------------------------------------


def _plugin(zh_statuses: dict[str, str], *, pinyin: bool = True, line: int = 1) -> Concept:
    terms = [Term("en", "plug-in", sources=[Source("a.txt", line)])]
    for text, status in zh_statuses.items():
        reading = {"插件": "chājiàn", "组件": "zǔjiàn"}[text] if pinyin else None
        terms.append(Term("zh-Hans", text, status=status, pinyin=reading, sources=[Source("a.txt", line)]))
    return Concept("term", terms, sources=[Source("a.txt", line, "plug-in / 插件")])


def _statuses(tb: TermBase) -> dict[str, str]:
    (concept,) = everything(tb)
    return {t.text: t.status for t in concept.terms}


def test_a_build_merge_keeps_the_stored_statuses(tb):
    tb.add(_plugin({"插件": "preferred"}))
    assert tb.add(_plugin({"插件": "deprecated", "组件": "preferred"}, line=5)) == "merged"
    assert _statuses(tb) == {"plug-in": "preferred", "插件": "preferred", "组件": "admitted"}


def test_an_import_merge_applies_the_statuses_it_states(tb):
    tb.add(_plugin({"插件": "preferred"}))
    changes: list = []
    file = _plugin({"组件": "preferred", "插件": "deprecated"}, pinyin=False, line=5)
    assert tb.add(file, statuses=changes) == "merged"
    assert _statuses(tb) == {"plug-in": "preferred", "插件": "deprecated", "组件": "preferred"}
    assert [(c.text, c.before, c.after) for c in changes] == [("插件", "preferred", "deprecated")]
    (concept,) = everything(tb)
    assert changes[0].uid == concept.uid and changes[0].lang == "zh-Hans"
    plugin = next(t for t in concept.terms if t.text == "插件")
    assert plugin.pinyin == "chājiàn" and [s.line for s in plugin.sources] == [1, 5]


def test_an_import_that_promotes_a_stored_term_demotes_the_old_preferred_one(tb):
    tb.add(_plugin({"插件": "preferred", "组件": "admitted"}))
    changes: list = []
    tb.add(_plugin({"组件": "preferred"}, line=5), statuses=changes)
    assert _statuses(tb) == {"plug-in": "preferred", "插件": "admitted", "组件": "preferred"}
    assert sorted((c.text, c.before, c.after) for c in changes) == [
        ("插件", "preferred", "admitted"),
        ("组件", "admitted", "preferred"),
    ]
    with open_termbase(tb.path) as again:  # written, not only in memory
        assert _statuses(again) == _statuses(tb)


def test_replace_keeps_readings_and_sources_the_file_does_not_contradict(tb):
    tb.add(_plugin({"插件": "preferred"}))
    changes: list = []
    file = _plugin({"插件": "deprecated", "组件": "preferred"}, pinyin=False, line=9)
    file.sources = []
    assert tb.add(file, on_conflict="replace", statuses=changes) == "replaced"
    (concept,) = everything(tb)
    assert _statuses(tb) == {"plug-in": "preferred", "插件": "deprecated", "组件": "preferred"}
    plugin = next(t for t in concept.terms if t.text == "插件")
    assert plugin.pinyin == "chājiàn" and [s.line for s in plugin.sources] == [1, 9]
    assert [s.line for s in concept.sources] == [1]
    assert [(c.text, c.before, c.after) for c in changes] == [("插件", "preferred", "deprecated")]


# -- edits: put, and the history -------------------------------------------------------------


def _change(uid: str, action: str = "edit", **fields) -> Change:
    return Change(action=action, uid=uid, who="alice", when="2026-12-01T22:00:00Z", before=None, after=None, **fields)


def test_put_stores_a_concept_as_it_is_in_place_of_its_uid(tb):
    tb.add(wsd())
    (concept,) = everything(tb)
    concept.terms[1].status = "deprecated"
    concept.terms.append(Term("zh-Hans", "标准日", status="preferred"))
    tb.put(concept)
    (stored,) = everything(tb)
    assert stored == concept  # no merging: two preferred Chinese terms stay as put
    tb.put(Concept("org", [Term("en", "World Standards Day")], uid="c-other"))
    assert tb.count() == 2  # an equal term in another uid is another concept


def test_history_is_recorded_in_order_and_rolls_back_with_its_edit(tb, location):
    assert tb.history() == []
    with tb.transaction():
        tb.put(Concept("term", [Term("en", "plug-in")], uid="c1"))
        tb.record(_change("c1", "add", reason="new"))
    with pytest.raises(RuntimeError), tb.transaction():
        tb.record(_change("c1"))
        raise RuntimeError("stop")
    tb.record(_change("c2", "merge", other="c1"))
    assert [(c.seq, c.action, c.uid) for c in tb.history()] == [(1, "add", "c1"), (2, "merge", "c2")]
    assert [c.seq for c in tb.history("c1")] == [1, 2]  # a merge belongs to both concepts
    assert [c.seq for c in tb.history("c2")] == [2]
    tb.close()
    with open_termbase(location, readonly=True) as again:
        (first, second) = again.history()
        assert first.reason == "new" and first.who == "alice" and second.other == "c1"
