"""The merge policy on plain concepts, without any store."""

from __future__ import annotations

import copy

from glossary.model import Concept, Flag, Source, Term
from glossary.store.merge import as_variant, find_match, merge_concepts, source_key, unique_sources


def pair(en: str, zh: str, ctype: str = "term", **kwargs) -> Concept:
    return Concept(ctype, [Term("en", en), Term("zh-Hans", zh)], **kwargs)


def test_no_candidate_no_match():
    assert find_match(pair("a", "甲"), []) is None
    assert find_match(pair("a", "甲"), [pair("b", "乙")]) is None


def test_the_candidate_matching_in_most_languages_wins_then_the_oldest():
    new = pair("standard", "标准")
    candidates = [pair("Standard", "规范"), pair("norm", "标准"), pair("standard ", "标准"), pair("STANDARD", "标准")]
    assert find_match(new, candidates) == 2
    assert find_match(new, candidates[:2]) == 0


def test_type_subject_and_keep_apart_exclude_candidates():
    new = pair("OK", "确定", subject="software")
    assert find_match(new, [pair("OK", "确定", ctype="org")]) is None
    assert find_match(new, [pair("OK", "确定", subject="medicine")]) is None
    assert find_match(new, [pair("OK", "确定")]) == 0  # no subject there: compatible
    assert find_match(new, [pair("OK", "确定", uid="c1")], keep_apart={"c1"}) is None


def test_persons_need_every_language():
    new = pair("Guo Hai", "郭海", ctype="person")
    assert find_match(new, [pair("Guo Hai", "国海", ctype="person")]) is None
    assert find_match(new, [pair("Guo Hai", "国海", ctype="person"), pair("guo hai", "郭海", ctype="person")]) == 1


def test_merge_adds_nothing_twice_and_changes_no_argument():
    stored = pair("standard", "标准", sources=[Source("a.txt", 1, "one")])
    stored.terms[0].flags.append(Flag("review", "first"))
    new = pair("Standard", "标准", sources=[Source("a.txt", 1, "other context"), Source("a.txt", 1)])
    new.terms[0].flags.append(Flag("review", "second"))
    before = (copy.deepcopy(stored), copy.deepcopy(new))
    assert merge_concepts(stored, new) is None
    assert (stored, new) == before


def test_merge_keeps_the_stored_side_and_fills_in_the_rest():
    stored = pair("standard", "标准", note="stored", confidence=0.4, evidence=["a"])
    stored.terms[1].pinyin = "biāozhǔn"
    new = pair("standard", "标准", note="new", subject="field", confidence=0.7, evidence=["b", "a"])
    new.terms[0].pos = "noun"
    new.terms[1].pinyin = "other"
    new.terms.append(Term("en", "norm", term_type="fullForm", sources=[Source("x", 1), Source("x", 1)]))
    merged = merge_concepts(stored, new)
    assert merged is not None and merged is not stored
    assert (merged.note, merged.subject, merged.confidence, merged.evidence) == ("stored", "field", 0.7, ["a", "b"])
    assert merged.terms[0].pos == "noun" and merged.terms[1].pinyin == "biāozhǔn"
    norm = merged.terms[2]
    assert (norm.text, norm.status, norm.term_type) == ("norm", "admitted", "variant")
    assert norm.sources == [Source("x", 1)]
    assert stored.terms[0].pos is None and len(stored.terms) == 2


def test_a_new_language_keeps_its_preferred_status():
    stored = Concept("term", [Term("en", "standard")])
    merged = merge_concepts(stored, Concept("term", [Term("en", "standard"), Term("fr", "norme")]))
    assert merged is not None and merged.preferred("fr").status == "preferred"


def test_as_variant_keeps_acronyms_acronyms():
    assert as_variant(Term("en", "WSD", term_type="acronym")).term_type == "acronym"
    assert as_variant(Term("en", "W.S.D.")).term_type == "variant"


def test_sources_are_one_per_place():
    assert source_key(Source("a", None)) == source_key(Source("a", 0, "other"))
    assert source_key(Source("a", 1)) != source_key(Source("a", 1, parent="c1"))
    kept = unique_sources([Source("a", 1, "x"), Source("a", 1, "y"), Source("b", 1)])
    assert [(s.file, s.context) for s in kept] == [("a", "x"), ("b", "")]
