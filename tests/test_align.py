"""Sub-term alignment inside paired titles: the gold set's bars, each kind of evidence, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import calibration
from glossary.align import (
    ACCEPT,
    DROP,
    AlignedTerm,
    TitlePair,
    _zh_spans,
    _zh_tokens,
    align_pairs,
)
from glossary.align_dict import en_key
from glossary.model import Source, normalize_text

GOLD = FIXTURES / "align_gold.tsv"


def pair(en: str, zh: str, uid: str = "t1", line: int = 1) -> TitlePair:
    return TitlePair(en, zh, uid, Source("fixture.txt", line))


def key(en: str, zh: str) -> tuple[str, str]:
    return en_key(en), normalize_text(zh, "zh")


def by_key(terms: list[AlignedTerm]) -> dict[tuple[str, str], AlignedTerm]:
    return {key(t.en, t.zh): t for t in terms}


def load_gold(path: Path = GOLD):
    pairs, sure, possible = [], {}, set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "T":
            pairs.append(pair(cols[1], cols[2], f"g{n}", n))
        elif cols[0] == "S":
            sure[key(cols[1], cols[2])] = cols[3]
        elif cols[0] == "P":
            possible.add(key(cols[1], cols[2]))
    return pairs, sure, possible


@pytest.fixture(scope="module")
def gold():
    pairs, sure, possible = load_gold()
    return align_pairs(pairs), sure, possible


# ------------------------------------------------------------------ the bars

def test_gold_precision_at_least_95_percent(gold):
    terms, sure, possible = gold
    got = by_key(terms)
    wrong = sorted(k for k in got if k not in sure and k not in possible)
    precision = 1 - len(wrong) / len(got)
    assert precision >= 0.95, wrong


def test_gold_recall_floor(gold):
    """Documented floor 0.80 (measured 0.83): the misses are listed in the report."""
    terms, sure, _possible = gold
    got = by_key(terms)
    missed = sorted(k for k in sure if k not in got)
    assert 1 - len(missed) / len(sure) >= 0.80, missed


def test_gold_types_of_found_sure_terms(gold):
    terms, sure, _possible = gold
    got = by_key(terms)
    mistyped = [(k, got[k].type, t) for k, t in sure.items() if k in got and got[k].type != t]
    assert len(mistyped) <= 3, mistyped


# ------------------------------------------------------------------ evidence

def test_pinyin_place_and_dictionary():
    terms = by_key(align_pairs([pair("World Standards Day 2024 celebrated in Xi'an",
                                     "2024年世界标准日主题活动在西安举办")]))
    xian = terms[key("Xi'an", "西安")]
    assert xian.type == "place" and "pinyin" in xian.evidence
    wsd = terms[key("World Standards Day", "世界标准日")]
    assert wsd.en == "World Standards Day" and wsd.status == "preferred"


def test_pinyin_person_name():
    terms = by_key(align_pairs([pair("Tian Shihong attends the 123rd ISO Council Meeting",
                                     "田世宏参加国际标准化组织(ISO)第123届理事会会议")]))
    tian = terms[key("Tian Shihong", "田世宏")]
    assert tian.type == "person" and "pinyin" in tian.evidence


def test_parenthesis_explains_the_abbreviation():
    terms = by_key(align_pairs([pair("Tian Shihong attends the 123rd ISO Council Meeting",
                                     "田世宏参加国际标准化组织(ISO)第123届理事会会议")]))
    iso = terms[key("ISO", "国际标准化组织")]
    assert iso.type == "org" and "parenthesis" in iso.evidence


def test_parenthesis_with_a_committee_code():
    terms = by_key(align_pairs([pair("New Chair of IEC/TC 88 blows wind of change",
                                     "IEC风力发电系统技术委员会 (IEC/TC 88) 新任主席推动变革")]))
    assert key("IEC/TC 88", "IEC风力发电系统技术委员会") in terms


def test_identical_code_is_one_token_on_both_sides():
    terms = align_pairs([pair("Enlightenment from e-commerce standardization in ISO/TC 321 for "
                              "developing countries in Africa",
                              "ISO/TC 321电子商务标准化工作对非洲发展中国家的启示")])
    found = by_key(terms)
    code = found[key("ISO/TC 321", "ISO/TC 321")]
    assert code.en == "ISO/TC 321" and "identical" in code.evidence and code.type == "org"
    assert key("e-commerce", "电子商务") in found
    assert found[key("Africa", "非洲")].type == "place"
    assert key("developing countries", "发展中国家") in found


def test_number_inside_a_term():
    terms = by_key(align_pairs([pair("Winners of IEC 1906 Award in 2024", "2024年度“IEC 1906奖”获得者")]))
    award = terms[key("IEC 1906 Award", "IEC 1906奖")]
    assert "number" in award.evidence


def test_years_are_evidence_not_terms():
    terms = align_pairs([pair("Cybersecurity Standardization Conference 2024 held in Belgium",
                              "2024年欧洲网络安全标准化会议在比利时召开")])
    assert all("2024" not in t.en for t in terms)
    found = by_key(terms)
    assert found[key("Belgium", "比利时")].type == "place"
    assert key("Cybersecurity Standardization Conference", "网络安全标准化会议") in found


def test_cooccurrence_confirms_a_recurring_word():
    pairs = [
        pair("Pudong's experience of standardization mechanism innovation", "标准化机制创新的“浦东”经验", "a"),
        pair("Analysis of Mongolia's standardization development", "蒙古标准化发展分析", "b"),
        pair("E-commerce standardization in Africa", "非洲电子商务标准化", "c"),
    ]
    alone = by_key(align_pairs(pairs[:1]))
    assert key("standardization", "标准化") not in alone  # one headline word is not yet a term
    terms = by_key(align_pairs(pairs))
    std = terms[key("standardization", "标准化")]
    assert "cooccurrence" in std.evidence and len(std.parents) == 3
    assert terms[key("Pudong", "浦东")].en == "Pudong"  # possessive dropped, printed form kept


def test_known_terms_are_strong_evidence_and_stay_whole():
    en, zh = "College students compete in the National Standardization Olympiad", "全国大学生标准化奥林匹克竞赛决赛举行"
    assert key("National Standardization Olympiad", "全国大学生标准化奥林匹克竞赛") not in by_key(
        align_pairs([pair(en, zh)]))
    terms = by_key(align_pairs([pair(en, zh)], known=[("National Standardization Olympiad",
                                                         "全国大学生标准化奥林匹克竞赛")]))
    olympiad = terms[key("National Standardization Olympiad", "全国大学生标准化奥林匹克竞赛")]
    # Strong: likely right, though a whole of fourteen characters no dictionary knows stays for
    # review unless the development headlines showed that tier to be right 96 % of the time.
    assert "known" in olympiad.evidence and olympiad.probability >= 0.85


# ------------------------------------------------------------------ linking

def test_longest_well_supported_span_wins():
    terms = by_key(align_pairs([pair(
        "High standards facilitate energy transition and high-quality development of new power system",
        "以高标准保障能源转型和新型电力系统全产业链高质量发展")]))
    assert key("new power system", "新型电力系统") in terms
    assert key("power system", "电力系统") not in terms
    assert key("power", "电力") not in terms
    # A first conjunct ('energy transition and ...') alone is not trusted; recurrence confirms it.
    assert key("energy transition", "能源转型") not in terms
    terms = by_key(align_pairs([
        pair("High standards facilitate energy transition and high-quality development of new "
             "power system", "以高标准保障能源转型和新型电力系统全产业链高质量发展", "a"),
        pair("Sustainable energy transition: Strategies for success", "可持续能源转型的关键", "b"),
        pair("Energy transition in Africa", "非洲能源转型", "c"),
    ]))
    assert "cooccurrence" in terms[key("energy transition", "能源转型")].evidence
    assert key("sustainable energy transition", "可持续能源转型") in terms


def test_links_are_one_to_one_within_a_title():
    terms = align_pairs([pair("Association standards boost transformation and upgrading of "
                              "automobile industry", "以团体标准赋能汽车产业转型升级")])
    spans = [t.zh for t in terms]
    text = "以团体标准赋能汽车产业转型升级"
    covered = [i for s in spans for i in range(text.index(s), text.index(s) + len(s))]
    assert len(covered) == len(set(covered))
    found = by_key(terms)
    assert found[key("association standards", "团体标准")].en == "association standards"
    assert key("automobile industry", "汽车产业") in found


# ------------------------------------------------------------------ refusals

@pytest.mark.parametrize("en,zh", [
    ("Selected keynote speeches", "全国会代表发言"),
    ("Spring the best season for planning", "一年之计在于春"),
    ("Highlights of the week", "本周要闻"),
    ("Chen Jianping", "陈建平"),  # a whole-title pair: the build stores it, not the aligner
    ("National Standardization Work Conference", "全国标准化工作会议"),
])
def test_loose_or_whole_pairs_yield_nothing(en, zh):
    assert align_pairs([pair(en, zh)]) == []


def test_single_character_abbreviation_left_unaligned():
    terms = by_key(align_pairs([pair("National Standardization Work Conference held in Beijing",
                                     "全国标准化工作会议在京召开")]))
    assert key("Beijing", "京") not in terms
    assert key("National Standardization Work Conference", "全国标准化工作会议") in terms


# ------------------------------------------------------------------ records

def test_same_term_in_several_titles_is_one_term_with_several_parents():
    pairs = [
        pair("New IEC White Paper on benefits of digital twins for energy sector",
             "IEC发布能源领域数字孪生技术相关白皮书", "a", 1),
        pair("Digital twin standards", "数字孪生标准", "b", 2),
        pair("Digital twin standards", "数字孪生标准", "b", 3),  # same title again: one parent
    ]
    terms = [t for t in align_pairs(pairs) if t.zh == "数字孪生"]
    assert len(terms) == 1
    assert [uid for uid, _src in terms[0].parents] == ["a", "b"]
    assert terms[0].en == "digital twins"  # printed mid-title beats a title-initial capital


def test_all_caps_title_takes_casing_from_another_occurrence_or_title_case():
    shouted = pair("WORLD STANDARDS DAY 2024 celebrated in Xi'an", "2024年世界标准日主题活动在西安举办", "a")
    alone = by_key(align_pairs([shouted]))
    assert alone[key("World Standards Day", "世界标准日")].en == "World Standards Day"
    calm = pair("Celebrating World Standards Day in Xi'an", "在西安庆祝世界标准日", "b")
    both = by_key(align_pairs([shouted, calm]))
    assert both[key("World Standards Day", "世界标准日")].en == "World Standards Day"


def test_status_follows_the_documented_threshold(gold):
    terms, _s, _p = gold
    assert 0 < DROP < ACCEPT < 1
    for term in terms:
        assert 0 < term.confidence <= 1
        assert term.status == ("preferred" if term.confidence >= ACCEPT else "admitted")
        assert term.flags == ([] if term.status == "preferred" else ["review"])
        assert term.evidence and term.type in ("term", "place", "org", "person")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Aab Ze-'/1(2)世界标准日在西安(ISO)“”，: 2024")), max_size=40),
       st.text(alphabet=st.sampled_from(list("世界标准日在西安国际标准化组织(ISO)“”，: 2024年的")), max_size=30))
def test_never_raises_and_terms_come_from_the_titles(en, zh):
    for term in align_pairs([pair(en, zh)]):
        assert term.en.casefold() in en.casefold() or en.isupper()
        assert normalize_text(term.zh, "zh") in normalize_text(zh, "zh")


# ------------------------------------------------------------------ issue 13: new headlines

@pytest.mark.parametrize("en, zh, joined, post", [
    ("ISO Secretary-General visits Beijing", "国际标准化组织秘书长访问北京",
     ("ISO Secretary-General", "国际标准化组织秘书长"), ("Secretary-General", "秘书长")),
    ("Interview with Wang Ping, President of Shanghai Institute of Quality", "专访上海市质量研究院院长王平",
     ("President of Shanghai Institute of Quality", "上海市质量研究院院长"), None),
    ("Liu Yang elected Chair of ISO/TC 45", "刘洋当选ISO/TC 45主席", ("Chair of ISO/TC 45", "ISO/TC 45主席"),
     ("Chair", "主席")),
])
def test_a_post_is_never_joined_to_its_organisation(en, zh, joined, post):
    terms = by_key(align_pairs([pair(en, zh)]))
    assert key(*joined) not in terms
    assert all(t.type != "org" or not t.en.startswith(("President", "Chair")) for t in terms.values())
    if post:
        found = terms[key(*post)]
        assert found.type == "term" and found.confidence >= DROP


def test_a_post_before_of_is_no_part_of_the_organisation_name():
    terms = by_key(align_pairs([pair("Interview with Wang Ping, President of Zhejiang Institute of Quality Science",
                                     "专访浙江省质量科学研究院院长王平")]))
    assert key("Zhejiang Institute of Quality Science", "浙江省质量科学研究院") in terms


def test_a_chinese_word_repeating_a_covered_gloss_does_not_ride_along():
    # 获奖 (to win an award) says 'award' again after 奖: the name ends at 奖.
    terms = by_key(align_pairs([pair("China Quality Innovation Award winners announced", "中国质量创新奖获奖名单公布")]))
    assert key("China Quality Innovation Award", "中国质量创新奖获奖") not in terms


def test_a_headword_joining_jieba_words_must_be_said_in_full():
    # 经济发展 is 'economic development': it cannot stand for 'economy' alone.
    terms = by_key(align_pairs([pair("Standards lead the growth of the ocean economy", "标准引领海洋经济发展")]))
    assert key("ocean economy", "海洋经济发展") not in terms


def test_a_proper_noun_given_by_its_name_alone_is_a_place():
    terms = by_key(align_pairs([pair("Guangzhou and Macao sign testing agreement", "广州与澳门签署检测协议")]))
    assert terms[key("Macao", "澳门")].type == "place"
    hk = by_key(align_pairs([pair("Shenzhen and Hong Kong share testing results", "深圳与香港共享检测结果")]))
    assert hk[key("Hong Kong", "香港")].type == "place"


def test_confidence_is_the_calibrated_probability_of_the_term_features(gold):
    terms, _s, _p = gold
    for term in terms:
        assert term.features["strength"] > 0 and any(k.startswith("ev:") for k in term.features)
        assert term.probability == calibration.probability(term.features)
        assert term.confidence == calibration.confidence(term.features)
        assert (term.status == "preferred") == (term.confidence >= ACCEPT)
    # The tiers' scale keeps the probability's order.
    ranked = sorted(terms, key=lambda t: (t.probability, t.confidence))  # 3 decimals: ties
    assert all(a.confidence <= b.confidence for a, b in zip(ranked, ranked[1:], strict=False))
    # The shipped map weighs only features the aligner reports (a stale file would weigh ghosts).
    seen = {name for term in terms for name in term.features}
    for name in calibration.load().weights:
        assert name.startswith(("ev:", "class:")) or name in seen, name


def test_a_term_without_a_witness_is_less_sure_than_one_with_a_dictionary_pair():
    # A composition onto one Chinese word with words no link took beside it on both sides
    # (*new energy* | *vehicle*, 新能源 | 汽车), the shape of a fragment: admitted for review,
    # less sure than the same composition hemmed in by other links, and no less sure with a
    # dictionary pair beside its composition.  (How much surer the pair makes it is the
    # fitted map's to say: on the 176 development headlines, little.)
    model = calibration.load()
    hemmed = {"strength": 0.8, "ev:composition": 1.0, "class:word": 1.0, "one Chinese word": 1.0, "capped": 1.0}
    base = {**hemmed, "beside unlinked words": 1.0, "beside an unlinked Chinese word": 1.0,
            "beside an unlinked English word": 1.0}
    witnessed = {**base, "ev:dictionary": 1.0, "strength": 0.98, "capped": 0.0}
    assert model.confidence(base) < ACCEPT and model.probability(base) < model.probability(hemmed)
    # Within a point: the cross-validated penalty (3 against 10, their log losses 0.3974 and
    # 0.3984 after the seventh wave's candidate changes) may tip the two by less than that.
    assert model.probability(base) <= model.probability(witnessed) + 0.01


def test_a_space_between_chinese_words_parts_two_clauses():
    toks = _zh_tokens("海上风电快速发展 风电机组标准更新", lambda run: [run[k:k + 2] for k in range(0, len(run), 2)])
    spans = _zh_spans(toks)
    assert spans and all(not (toks[i].end <= 8 < toks[j - 1].start) for i, j in spans)
    assert any(toks[j - 1].end > 9 for _i, j in spans)  # the second clause still has its spans


def test_base_forms_the_grammar_says_are_nouns_are_no_verbs():
    """CC-CEDICT reads *press* and *wind* mostly as verbs; a headline's grammar says otherwise."""
    from glossary.align import _Aligner
    from glossary.chinese.segment import JiebaSession

    aligner = _Aligner((), JiebaSession())
    verbs = {t.text: t.verb for t in aligner.prepare(pair(
        "Wind turbine standards updated as offshore wind power grows", "风电机组标准更新"))[0]}
    assert verbs["Wind"] is None and verbs["wind"] is None and verbs["updated"] == "ed"
    verbs = {t.text: t.verb for t in aligner.prepare(pair("Standards lead the development", "标准引领发展"))[0]}
    assert verbs["lead"] == "base"  # a plural subject and no other verb: the predicate


def test_a_verb_or_adverb_beside_a_phrase_ends_it():
    """*come* (only ever a verb in CC-CEDICT) and *fully* end the phrase before them, so the
    composition is a whole term, not a fragment demoted below the drop threshold."""
    got = by_key(align_pairs([
        pair("New standards for smart grid come into effect", "智能电网新标准正式实施"),
        pair("Standards for electric bicycles fully implemented", "电动自行车标准全面实施", "t2", 2),
    ]))
    assert key("smart grid", "智能电网") in got
    assert key("electric bicycles", "电动自行车") in got


def test_phrases_the_dictionary_reads_as_wholes():
    """A plural possessive is part of its word (*farmers' markets* / 农贸市场 'farmer's market'),
    a proper adjective inside a common noun phrase keeps it common (*traditional Chinese
    medicine* / 中医药), and words one Chinese word's gloss says together count as one
    (*quality spot checks* / 质量 + 抽查 'spot check': a two-word composition)."""
    got = by_key(align_pairs([
        pair("Special inspection in farmers' markets launched", "农贸市场专项检查启动"),
        pair("Standardization of traditional Chinese medicine goes global", "中医药标准化走向世界", "t2", 2),
        pair("Press conference on quality spot checks held", "质量抽查新闻发布会召开", "t3", 3),
    ]))
    assert key("farmers' markets", "农贸市场") in got
    assert key("traditional Chinese medicine", "中医药") in got
    assert key("quality spot checks", "质量抽查") in got


def test_a_compound_read_through_its_head_character():
    """CC-CEDICT glosses 认证 'to authenticate' and 汽车 'car'; their heads say what the English
    says (证 'certificate', 车 'vehicle'), and 性 joins the word before it as an adjective suffix.
    The reading is a last resort, so its link is capped like a plain composition's: the
    ``capped`` feature the confidence map weighs (what that costs is the fitted map's)."""
    got = by_key(align_pairs([
        pair("Compulsory product certification for electric bicycles fully implemented",
             "电动自行车强制性产品认证全面实施"),
        pair("Green product certification extended", "绿色产品认证扩展", "t2", 2),
    ]))
    term = got[key("compulsory product certification", "强制性产品认证")]
    assert "characters" in term.evidence and term.features["capped"] == 1.0
    assert key("green product certification", "绿色产品认证") in got
    # A proper noun is not read through its characters: 中国 is not 'Chinese' by 中.
    got = by_key(align_pairs([pair("Chinese expert elected Chair", "中国专家当选主席")]))
    assert key("Chinese expert", "中国专家") not in got


def test_hyphenated_words_spelt_solid_and_glosses_without_their_cross_references():
    """*live-streaming* is 直播 'livestream' spelt solid; and 强's sense 'best in their category,
    e.g. see 百强[bai3 qiang2]' gives it no stems *e*, *g*, *bai3*, so 加强 (strengthen) never
    stands for the *e* of *e-commerce*."""
    from glossary.evidence import dictionary

    assert not {"e", "g", "see", "bai3", "qiang2"} & dictionary().get("强").stems
    got = by_key(align_pairs([pair("Market regulators step up oversight of live-streaming e-commerce",
                                   "市场监管部门加强直播电商监管")]))
    assert key("live-streaming e-commerce", "直播电商") in got
    assert key("live-streaming e-commerce", "加强直播电商") not in got


def test_senses_starting_cl_are_no_classifiers():
    """Only ``CL:`` is a classifier line: *clothing* (衣物), *clean* (清洁) are senses."""
    from glossary.evidence import dictionary

    assert "clothing" in dictionary().get("衣物").glosses
    assert "clean" in dictionary().get("清洁").glosses
    assert not any(g.startswith("cl ") for g in dictionary().get("个").glosses)


def test_a_headword_that_only_points_elsewhere_means_what_it_points_to():
    """托辞 'see 托词[tuo1 ci2]', 蹦高儿 'erhua variant of 蹦高': their glosses are their targets'."""
    from glossary.evidence import dictionary

    dic = dictionary()
    assert "excuse" in dic.get("托辞").glosses
    assert dic.get("蹦高儿").glosses == dic.get("蹦高").glosses


def test_the_term_bases_pairs_compose_longer_terms_only_whole():
    """A known term is one word to jieba and one unit to a composition: 养老服务, known as
    *elderly care services*, makes the title's terms around it; 风电机组 *wind turbines* is
    never the *turbines* of *turbines standards*."""
    title = pair("Elderly care services standards system released", "养老服务标准体系发布")
    assert align_pairs([title]) == []
    got = by_key(align_pairs([title], known=[("elderly care services", "养老服务")]))
    assert key("elderly care services", "养老服务") in got and key("standards system", "标准体系") in got
    got = by_key(align_pairs([pair("Offshore wind turbines standards updated", "海上风电机组标准更新")],
                             known=[("wind turbines", "风电机组")]))
    assert key("wind turbines", "风电机组") in got
    assert key("turbines standards", "风电机组标准") not in got


def test_one_chinese_word_for_part_of_a_longer_phrase_only_lifts_it():
    """*vehicle industry* / 汽车产业 inside *new energy vehicle industry* is a fragment, not a
    term; *power system* / 电力系统 inside *new power system* still lifts the whole."""
    got = by_key(align_pairs([pair("Anhui promotes standardization of the new energy vehicle industry",
                                   "安徽推进新能源汽车产业标准化")]))
    assert key("vehicle industry", "汽车产业") not in got
    got = by_key(align_pairs([pair(
        "High standards facilitate energy transition and high-quality development of new power system",
        "以高标准保障能源转型和新型电力系统全产业链高质量发展")]))
    assert key("new power system", "新型电力系统") in got


def test_a_term_beside_words_no_link_took_is_marked_as_a_possible_fragment():
    """*smart* = 智能 linked with *meter* and 电表 left over: flagged on both sides; a span whose
    neighbours are function words, punctuation or other links is not (a feature, not a filter)."""
    from glossary.align import _beside_unlinked, _en_tokens, _Link

    en = _en_tokens("Smart meter standards for the power system")
    zh = _zh_tokens("智能电表标准 电力系统", lambda run: {"智能电表标准": ["智能", "电表", "标准"]}.get(run, [run]))
    assert [t.text for t in zh] == ["智能", "电表", "标准", "电力系统"]
    smart = _Link((0, 1), (0, 1), 0.8, {"dictionary"}, "term", "Smart", "智能", ("smart", "智能"), True)
    standards = _Link((2, 3), (2, 3), 0.8, {"dictionary"}, "term", "standards", "标准", ("standard", "标准"), False)
    system = _Link((5, 7), (3, 4), 0.9, {"composition"}, "term", "power system", "电力系统", ("power system", "电力系统"), False)
    _beside_unlinked([smart, standards, system], en, zh)
    assert (smart.en_beside, smart.zh_beside) == (True, True)
    assert (standards.en_beside, standards.zh_beside) == (True, True)  # 'meter' / 电表 before it
    assert (system.en_beside, system.zh_beside) == (False, False)
    _beside_unlinked([smart, standards, system, _Link((1, 2), (1, 2), 0.9, {"composition"}, "term", "meter", "电表",
                                                     ("meter", "电表"), False)], en, zh)
    assert not (smart.en_beside or smart.zh_beside or standards.en_beside or standards.zh_beside)


def test_an_acronym_printed_alike_on_both_sides_is_an_organisation():
    """*IEC* / IEC: the same capitals, one token each side, are a body's name; a generation
    of a technology (*5G* / 5G) is no term alone."""
    got = by_key(align_pairs([pair("IEC President visits Shenzhen", "IEC主席访问深圳")]))
    assert key("IEC", "IEC") in got and got[key("IEC", "IEC")].type == "org"
    got = by_key(align_pairs([pair("Measurement standards for 5G base stations established", "5G基站计量标准建立")]))
    assert key("5G", "5G") not in got
    # The first word of a longer name, and an abbreviation explaining the name before it, are not.
    got = by_key(align_pairs([pair("Chen Jianping receives the ISO Excellence Award", "陈建平荣获ISO卓越贡献奖")]))
    assert key("ISO", "ISO") not in got
    got = by_key(align_pairs([pair("International Electrotechnical Commission (IEC) releases white paper on hydrogen energy",
                                   "国际电工委员会(IEC)发布氢能白皮书")]))
    assert key("IEC", "IEC") not in got


def test_an_acronym_inside_a_designation_is_no_organisation_alone():
    """*ISO 9001*, *GB 2760*, *ISO/IEC JTC 1*: beside a number, a slash or another acronym the
    capitals are a piece of the standard's or committee's number, not the body's name; the
    same body named alone in another title still is one."""
    for en, zh, acronym in (
        ("Firms gain ISO 9001 certification in Hebei", "河北企业获得ISO 9001认证", "ISO"),
        ("GB 2760 revised to cut food additives", "GB 2760修订 减少食品添加剂", "GB"),
        ("ISO/IEC JTC 1 plenary held in Beijing", "ISO/IEC JTC 1全会在北京召开", "IEC"),
        ("ISO/IEC JTC 1 plenary held in Beijing", "ISO/IEC JTC 1全会在北京召开", "JTC"),
        ("More ISO standards adopted by Chinese firms", "更多中国企业采用ISO标准", "ISO"),
    ):
        got = by_key(align_pairs([pair(en, zh)]))
        assert key(acronym, acronym) not in got, (en, acronym)
    got = by_key(align_pairs([pair("IEC joins ISO in Geneva talks", "IEC与ISO在日内瓦会谈")]))
    assert key("IEC", "IEC") in got and got[key("IEC", "IEC")].type == "org"
    assert key("ISO", "ISO") in got


def test_a_span_never_ends_in_a_participle():
    """*standards revised* / 标准修订 recurs (cooccurrence) but is the headline's predicate:
    a term ends in its head noun, though CC-CEDICT also lists *revised* as an adjective."""
    got = by_key(align_pairs([
        pair("Smart meter standards revised to support the new power system", "智能电表标准修订 支撑新型电力系统"),
        pair("Elevator safety standards revised", "电梯安全标准修订", "t2", 2)]))
    assert not [k for k in got if k[0].endswith("revised")]


def test_a_verb_in_s_the_chinese_says_as_a_verb_ends_no_term():
    """*expands* of *standards list expands* / 标准清单扩展 (扩展 says *expand* only as *to
    expand*) is a predicate; a plural after the title's verb (*holds ... product recalls*),
    a noun sense (*smart locks* / 门锁 'door lock') and a compound's word (*spot checks* /
    抽查 'to do a spot check') are not."""
    from glossary.align import _en_tokens, _ends_in_predicate
    from glossary.evidence import dictionary, verb_form

    dic = dictionary()

    def predicate(en: str, units: list[str], before: str = "") -> bool:
        toks = _en_tokens(en)
        prior = _en_tokens(before)
        for t in toks + prior:
            t.verb = verb_form(dic, t.text) if t.kind == "word" else None
        return _ends_in_predicate(toks, [(u, dic.get(u).stems) for u in units], dic, prior)

    assert predicate("standards list expands", ["标准", "清单", "扩展"])
    assert not predicate("product recalls", ["产品", "召回"], "SAMR holds press conference on")
    assert not predicate("smart locks", ["智能", "门锁"])
    assert not predicate("quality spot checks", ["质量", "抽查"])


def test_a_generation_code_is_part_of_a_common_noun_phrase():
    """*5G base stations* / 5G基站 composes (5G printed alike, 基站 'base station'): capitals
    with a digit are no name, so the phrase is weighed as a common noun phrase."""
    got = by_key(align_pairs([pair("Measurement standards for 5G base stations established", "5G基站计量标准建立")]))
    assert key("5G base stations", "5G基站") in got


def test_a_verb_after_the_span_ends_the_phrase():
    """*advances* after *traditional Chinese medicine* is the predicate (推进 says it only as
    *to advance*): the phrase is whole, not a fragment of a longer one."""
    got = by_key(align_pairs([pair("Standardization of traditional Chinese medicine advances in Sichuan",
                                   "四川推进中医药标准化")]))
    assert key("traditional Chinese medicine", "中医药") in got


def test_a_one_word_composition_no_longer_phrase_holds_is_whole():
    """*children's toys* / 儿童玩具 beside *defective* (缺陷, said apart): no composition of the
    title contains it, so it is no fragment; *vehicle industry* / 汽车产业 inside *new energy
    vehicle industry* / 新能源汽车产业 stays one (test above)."""
    got = by_key(align_pairs([pair("Product recall of defective children's toys announced",
                                   "缺陷儿童玩具产品召回公告发布")]))
    assert key("children's toys", "儿童玩具") in got
