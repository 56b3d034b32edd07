"""Traditional Chinese in check and lint: matching through folding, regional usage, the notice.

The pairs of ``tests/data/zh_regional.tsv`` are each checked against OpenCC's
tables here (so a converter update that changes one shows), then used as
term bases: a Taiwan draft writing the same word in its own characters is
clean, one writing Taiwan's own word gets a ``regional`` warning, never a
wrong-term error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, shared_path

from glossary.checks.base import Place
from glossary.checks.consistency import ConsistencyTracker
from glossary.checks.terms import RULE_REGIONAL, RULE_TERM
from glossary.chinese.convert import match_fold, may_fold, regional, regional_forms, to_traditional
from glossary.chinese.foldable import FOLDABLE
from glossary.cli import cli
from glossary.drafts.base import Draft, Segment
from glossary.drafts.readers import read_draft
from glossary.lint import check_pair, lint_draft
from glossary.match import TermIndex
from glossary.model import Concept, Term
from glossary.store import TermBase

PAIRS = [
    line.split("\t")
    for line in (Path(__file__).parent / "data" / "zh_regional.tsv").read_text(encoding="utf-8").splitlines()[1:]
    if line and not line.startswith(("#", "kind\t"))
]
SCRIPT = [p for p in PAIRS if p[0] == "script"]
REGIONAL = [p for p in PAIRS if p[0] == "regional"]


def index(*pairs: tuple[str, str], lang: str = "zh-Hans") -> TermIndex:
    return TermIndex([Concept("term", [Term("en", en), Term(lang, zh)]) for en, zh in pairs])


def rules_of(findings) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in findings]


# -- the test set -----------------------------------------------------------------


def test_the_test_set_is_large_and_names_its_sources():
    assert len(PAIRS) >= 80 and len(SCRIPT) >= 40 and len(REGIONAL) >= 40
    assert all(len(p) == 5 and p[4].strip() for p in PAIRS)
    assert len({(p[0], p[1]) for p in PAIRS}) == len(PAIRS)


@pytest.mark.parametrize(("kind", "simplified", "traditional", "english", "reference"), SCRIPT)
def test_script_pairs_agree_with_opencc_and_fold_alike(kind, simplified, traditional, english, reference):
    assert to_traditional(simplified, "zh-TW") == traditional
    assert match_fold(traditional) == match_fold(simplified)
    assert regional_forms(simplified, "zh-Hans") == [] or all(u != traditional for _r, u in regional_forms(simplified, "zh-Hans"))


@pytest.mark.parametrize(("kind", "simplified", "traditional", "english", "reference"), REGIONAL)
def test_regional_pairs_agree_with_opencc_phrase_tables(kind, simplified, traditional, english, reference):
    assert regional(simplified, "zh-Hans", "zh-TW") == traditional
    assert ("zh-TW", traditional) in regional_forms(simplified, "zh-Hans")
    assert match_fold(traditional) != match_fold(simplified)  # another word, not another script


@pytest.mark.parametrize(("kind", "simplified", "traditional", "english", "reference"), SCRIPT)
def test_a_taiwan_draft_writing_the_term_in_traditional_is_clean(kind, simplified, traditional, english, reference):
    idx = index((english, simplified))
    assert check_pair(english, f"「{traditional}」", "en", "zh-TW", idx) == []
    # and the reverse: a Traditional source finds the Simplified term
    assert check_pair(f"{traditional}。", english, "zh-TW", "en", idx) == []


@pytest.mark.parametrize(("kind", "simplified", "traditional", "english", "reference"), REGIONAL)
def test_taiwan_usage_is_a_regional_warning_not_a_wrong_term(kind, simplified, traditional, english, reference):
    idx = index((english, simplified))
    findings = check_pair(english, f"「{traditional}」", "en", "zh-TW", idx)
    assert rules_of(findings) == [(RULE_REGIONAL, "warning")]
    (f,) = findings
    assert f.found == traditional and f.target_span == (1, 1 + len(traditional))
    assert f.message == f"'{english}': mainland term {simplified}; Taiwan usage is {traditional}"
    assert f.expected[0].text == to_traditional(simplified, "zh-TW")


# -- matching and showing ----------------------------------------------------------


def test_the_expected_rendering_is_shown_in_the_drafts_script_with_its_pinyin():
    idx = index(("World Standards Day", "世界标准日"))
    (f,) = check_pair("World Standards Day", "世界日", "en", "zh-TW", idx)
    assert f.rule == RULE_TERM and f.severity == "error"
    assert f.message.endswith("expected 世界標準日")
    assert (f.expected[0].text, f.expected[0].pinyin) == ("世界標準日", "Shìjiè Biāozhǔn Rì")
    # a Simplified draft against a Traditional base: shown in Simplified
    idx = index(("World Standards Day", "世界標準日"), lang="zh-Hant")
    (f,) = check_pair("World Standards Day", "世界日", "en", "zh-CN", idx)
    assert f.expected[0].text == "世界标准日"
    assert check_pair("World Standards Day", "世界标准日", "en", "zh-CN", idx) == []


def test_an_explicit_traditional_term_wins_over_a_converted_one():
    idx = TermIndex([Concept("term", [Term("en", "instance"), Term("zh-Hans", "云主机"), Term("zh-Hant", "實例")])])
    assert check_pair("instance", "實例", "en", "zh-TW", idx) == []
    (f,) = check_pair("instance", "雲主機", "en", "zh-TW", idx)
    assert f.rule == RULE_TERM and f.expected[0].text == "實例"
    # the mainland draft keeps the mainland term
    assert check_pair("instance", "云主机", "en", "zh-CN", idx) == []
    assert rules_of(check_pair("instance", "实例", "en", "zh-CN", idx)) == [(RULE_TERM, "error")]


def test_an_explicit_traditional_term_is_never_second_guessed_as_regional():
    idx = TermIndex([Concept("term", [Term("en", "software"), Term("zh-Hans", "软件"), Term("zh-Hant", "軟件")])])
    assert rules_of(check_pair("software", "軟體", "en", "zh-TW", idx)) == [(RULE_TERM, "error")]


def test_a_traditional_base_and_a_mainland_draft_regional_the_other_way():
    idx = index(("software", "軟體"), lang="zh-Hant")
    (f,) = check_pair("software", "软件", "en", "zh-CN", idx)
    assert (f.rule, f.found) == (RULE_REGIONAL, "软件")
    assert f.message == "'software': Traditional Chinese term 軟體; mainland usage is 软件"


@pytest.mark.parametrize(
    ("term", "written"),
    [("台北", "臺北"), ("臺北", "台北"), ("里面", "裡面"), ("里面", "裏面"), ("裡面", "裏面"), ("着陆", "著陸"), ("显著", "顯着")],
)
def test_variants_both_scripts_use_match_each_other(term, written):
    for lang in ("zh-Hans", "zh-Hant"):
        idx = index(("thing", term), lang=lang)
        assert check_pair("thing", written, "en", "zh-TW", idx) == []


def test_folding_keeps_offsets_and_word_boundaries():
    idx = index(("standard", "标准"), ("standardization", "标准化"))
    (m,) = idx.find("推動標準化工作", "zh-Hant")
    assert (m.start, m.end, m.text, m.term.text) == (2, 5, "標準化", "标准化")
    # 標準 inside 標準化 does not stand for 标准
    assert [f.rule for f in check_pair("standard", "標準化", "en", "zh-TW", idx)] == [RULE_TERM]


def test_the_deprecated_rule_sees_traditional_targets():
    idx = TermIndex([Concept("term", [Term("en", "quota"), Term("zh-Hans", "配额"), Term("zh-Hans", "限额", "deprecated")])])
    findings = check_pair("quota", "限額", "en", "zh-TW", idx)
    assert [(f.rule, f.found) for f in findings] == [("deprecated", "限額")]
    assert findings[0].message.endswith("use 配額")


def test_foldable_is_opencc_table():
    import opencc

    t2s = opencc.OpenCC("t2s")
    ranges = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FFFF)]
    chars = [chr(i) for a, b in ranges for i in range(a, b + 1)]
    out = t2s.convert("\n".join(chars)).split("\n")
    assert FOLDABLE == frozenset(a for a, b in zip(chars, out, strict=True) if a != b)
    assert may_fold("配額") and not may_fold("配额") and not may_fold("显著") and not may_fold("plain")


# -- the notice, once per draft ----------------------------------------------------


def _draft(target_lang: str, *pairs: tuple[str, str]) -> Draft:
    segments = [Segment(source=s, target=t, file="d.po", line=i) for i, (s, t) in enumerate(pairs, 1)]
    return Draft(segments, "en", target_lang, "po", ["d.po"])


def test_a_traditional_draft_against_a_simplified_base_is_warned_once():
    idx = index(("quota", "配额"), ("software", "软件"))
    draft = _draft("zh_TW", ("quota", "配額"), ("software", "軟體"), ("quota and software", "配額與軟體"))
    result = lint_draft(draft, idx)
    notices = [f for f in result.findings if f.source_term is None and f.rule == RULE_TERM]
    assert len(notices) == 1
    (n,) = notices
    assert n.severity == "warning" and n.file == "d.po" and "conversion" in n.message and "zh-Hant" in n.message
    assert result.findings[0] is n
    assert Counter(f.rule for f in result.findings) == {RULE_TERM: 1, RULE_REGIONAL: 2}


def test_no_notice_when_the_base_has_the_drafts_script_or_term_is_off():
    draft = _draft("zh_TW", ("quota", "配額"))
    both = TermIndex([Concept("term", [Term("en", "quota"), Term("zh-Hans", "配额"), Term("zh-Hant", "配額")])])
    assert lint_draft(draft, both).findings == []
    assert lint_draft(_draft("zh_CN", ("quota", "配额")), index(("quota", "配额"))).findings == []
    assert lint_draft(draft, index(("quota", "配额")), rules={"number"}).findings == []


# -- consistency across scripts ---------------------------------------------------


def test_one_rendering_in_two_scripts_is_consistent():
    idx = index(("instance", "实例"))
    draft = _draft("zh_TW", ("Launch instance", "啟動實例"), ("instance", "實例"), ("Launch instance", "啟动实例"))
    result = lint_draft(draft, idx, rules={"consistency"})
    assert result.findings == []
    tracker = ConsistencyTracker("en", "zh-Hant")
    assert tracker.add("Instances", "實例", Place("a.po", 1)) == []
    assert tracker.add("Instances", "实例", Place("b.po", 2)) == []
    assert [f.rule for f in tracker.add("Instances", "例項", Place("c.po", 3))] == ["consistency"]


# -- start-up ----------------------------------------------------------------------

_PROBE = """
import atexit, sys
atexit.register(lambda: print("opencc" in sys.modules, file=sys.stderr))
from glossary.cli import main
sys.argv = ["glossary", *sys.argv[1:]]
main()
"""


def _loads_opencc(*args: str) -> bool:
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_DB"}
    run = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=REPO, env=env)
    return run.stderr.split()[-1] == "True"


def test_the_converter_loads_only_for_traditional_text():
    assert not _loads_opencc("check", "--source", "世界标准日显著", "--target", "World Standards Day")
    assert _loads_opencc("check", "--source", "World Standards Day", "--target", "世界標準日", "--target-lang", "zh-TW")


# -- the real case: a Taiwan dashboard against its team's mainland glossary -------


def _mainland_glossary() -> TermIndex:
    glossary = read_draft(shared_path("real", "openstack", "glossary.zh_CN.po"))
    return TermIndex(
        Concept("term", [Term("en", s.source.strip()), Term("zh-Hans", s.target.strip())])
        for s in glossary.segments
        if s.source.strip() and s.target.strip()
    )


def test_the_zh_hant_dashboard_against_the_mainland_glossary():
    idx = _mainland_glossary()
    catalogs = sorted(shared_path("real", "openstack", "horizon").glob("*/locale/zh_Hant/LC_MESSAGES/*.po"))
    assert catalogs
    findings = [f for po in catalogs for f in lint_draft(read_draft(po), idx, rules={"term", "regional"}).findings]
    terms = [f for f in findings if f.rule == RULE_TERM and f.source_term]
    # no error is only the script: the expected term, folded, is never in the target
    script_only = [f for f in terms if any(match_fold(e.text) in match_fold(f.target or "") for e in f.expected)]
    assert len(script_only) <= 5
    # the drift the catalog really has is still found: volume 磁區, instance 實例 ...
    by_term = Counter(f.source_term.lower() for f in terms)
    assert by_term["volume"] > 100 and by_term["instance"] > 100
    assert all(e.text != "云主机" for f in terms for e in f.expected)  # shown in Traditional
    # regional usage is its own kind: project 專案, server 伺服器
    regional_found = Counter((f.source_term.lower(), f.found) for f in findings if f.rule == RULE_REGIONAL)
    assert regional_found[("project", "專案")] > 50 and regional_found[("server", "伺服器")] > 20
    assert sum(1 for f in findings if f.source_term is None) == len(catalogs)  # one notice each


# -- through the command line -------------------------------------------------------


def _mainland_base(tmp_path: Path) -> Path:
    db = tmp_path / "mainland.jsonl"
    with TermBase.open(db, create=True) as tb:
        tb.add(Concept("term", [Term("en", "software"), Term("zh-Hans", "软件")]))
        tb.add(Concept("term", [Term("en", "quota"), Term("zh-Hans", "配额")]))
    return db


def test_check_json_shows_the_regional_finding_in_the_drafts_script(tmp_path):
    db = _mainland_base(tmp_path)
    args = ["check", "--source", "software quota", "--target", "軟體配額", "--target-lang", "zh-TW", "--db", str(db)]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    (finding,) = json.loads(result.output)
    assert finding["rule"] == "regional" and finding["severity"] == "warning"
    assert finding["found"] == "軟體" and finding["target_span"] == [0, 2] and finding["source_term"] == "software"
    assert finding["expected"][0]["text"] == "軟件" and finding["expected"][0]["pinyin"] == "ruǎnjiàn"
    # a warning does not fail the default gate; --fail-on warning does
    assert CliRunner().invoke(cli, args).exit_code == 0
    assert CliRunner().invoke(cli, [*args, "--fail-on", "warning"]).exit_code == 1
    assert CliRunner().invoke(cli, [*args, "--disable", "regional", "--format", "json"]).output.strip() == "[]"


def test_lint_a_taiwan_catalog_against_a_mainland_base(tmp_path):
    db = _mainland_base(tmp_path)
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Quota exceeded"\nmsgstr "超出配額"\n\nmsgid "Install software"\nmsgstr "安裝軟件"\n\n'
        'msgid "Edit quota"\nmsgstr "編輯限制"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["lint", str(po), "--db", str(db), "--no-cache", "--format", "json"])
    findings = json.loads(result.output)
    assert [(f["rule"], f.get("line"), f["severity"]) for f in findings] == [
        ("term", None, "warning"),
        ("term", 12, "error"),
    ]
    assert findings[1]["expected"][0]["text"] == "配額"


# -- Taiwan and Hong Kong kept apart (zh-Hant-TW, zh-Hant-HK) -----------------------------


def test_tags_keep_taiwan_and_hong_kong_apart():
    from glossary.lang import for_export, normalize, region_of, same_chinese, script_of

    assert [normalize(t) for t in ("zh_TW", "zh-Hant-TW", "zh_HK", "zh-Hant-HK", "zh_Hant", "zh-MO")] == [
        "zh-Hant-TW", "zh-Hant-TW", "zh-Hant-HK", "zh-Hant-HK", "zh-Hant", "zh-Hant",
    ]
    assert normalize("zh-Hans-HK") == "zh-Hans"  # a Simplified text from Hong Kong is Simplified
    assert [for_export(t) for t in ("zh-Hans", "zh-Hant-TW", "zh-Hant-HK", "zh-Hant")] == [
        "zh-CN", "zh-TW", "zh-HK", "zh-Hant",
    ]
    assert for_export("zh-Hant-HK", "script") == "zh-Hant-HK"
    assert script_of("zh-Hant-HK") == "zh-Hant" and region_of("zh-Hant-TW") == "zh-TW" and region_of("zh-Hant") is None
    assert same_chinese("zh-Hant", "zh-Hant-TW") and not same_chinese("zh-Hant-TW", "zh-Hant-HK")
    assert not same_chinese("zh-Hans", "zh-Hant")


def test_each_region_is_compared_with_its_own_phrase_table():
    assert regional_forms("软件", "zh-Hans", "zh-Hant-TW") == [("zh-TW", "軟體")]
    assert regional_forms("软件", "zh-Hans", "zh-Hant-HK") == []  # Hong Kong writes 軟件
    assert regional_forms("软件", "zh-Hans", "zh-Hant") == [("zh-TW", "軟體")]  # no region: both tables
    assert regional_forms("軟體", "zh-Hant-TW") == [("zh-Hans", "软件")]
    assert to_traditional("群组", "zh-Hant-HK") == "羣組" and to_traditional("群组", "zh-Hant-TW") == "群組"


def test_a_hong_kong_draft_is_not_told_taiwan_usage():
    idx = index(("software", "软件"))
    # Taiwan's word in a Taiwan draft: a regional warning, never an error
    assert rules_of(check_pair("software", "軟體", "en", "zh_TW", idx)) == [(RULE_REGIONAL, "warning")]
    # Hong Kong writes the mainland word in its own characters: clean
    assert check_pair("software", "軟件", "en", "zh_HK", idx) == []
    # Taiwan's word is no Hong Kong usage: a wrong term, expected in Hong Kong's characters
    (f,) = check_pair("software", "軟體", "en", "zh_HK", idx)
    assert (f.rule, f.severity) == (RULE_TERM, "error") and f.expected[0].text == "軟件"


def test_expected_renderings_take_the_regions_character_forms():
    idx = index(("security group", "安全群组"))
    (tw,) = check_pair("security group", "安全組", "en", "zh-TW", idx)
    (hk,) = check_pair("security group", "安全組", "en", "zh-HK", idx)
    assert tw.expected[0].text == "安全群組" and hk.expected[0].text == "安全羣組"


def test_an_explicit_regional_term_wins_and_a_plain_traditional_one_serves_both():
    both = TermIndex([Concept("term", [
        Term("en", "software"), Term("zh-Hans", "软件"), Term("zh-Hant-TW", "軟體"), Term("zh-Hant-HK", "軟件"),
    ])])
    assert check_pair("software", "軟體", "en", "zh-TW", both) == []
    assert check_pair("software", "軟件", "en", "zh-HK", both) == []
    (f,) = check_pair("software", "軟件", "en", "zh-TW", both)
    assert f.rule == RULE_TERM and [e.text for e in f.expected] == ["軟體"]
    plain = TermIndex([Concept("term", [Term("en", "file"), Term("zh-Hans", "文件"), Term("zh-Hant", "檔案")])])
    for region in ("zh-TW", "zh-HK"):
        assert check_pair("file", "檔案", "en", region, plain) == []
    assert lint_draft(_draft("zh_HK", ("file", "檔案")), plain).findings == []  # no notice: the base has zh-Hant


def test_a_traditional_source_finds_its_terms():
    idx = index(("World Standards Day", "世界标准日"), ("quota", "配额"))
    for lang in ("zh-TW", "zh-HK", "zh-Hant"):
        assert check_pair("世界標準日的配額", "World Standards Day quota", lang, "en", idx) == []
        (f,) = check_pair("世界標準日的配額", "World Standards Day limit", lang, "en", idx)
        assert f.rule == RULE_TERM and f.source_term == "配額" and f.expected[0].text == "quota"


# -- import and export: zh-CN, zh-TW and zh-HK columns kept apart ------------------------------


def _three_scripts_csv(tmp_path: Path) -> Path:
    csv = tmp_path / "three.csv"
    csv.write_text("en,zh-CN,zh-TW,zh-HK\nsoftware,软件,軟體,軟件\nquota,配额,配額,\n", encoding="utf-8")
    return csv


@pytest.mark.parametrize("fmt", ["csv", "tbx"])
def test_import_and_export_keep_the_regions_apart(tmp_path, fmt):
    db = tmp_path / "three.jsonl"
    result = CliRunner().invoke(cli, ["import", str(_three_scripts_csv(tmp_path)), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with TermBase.open(db, readonly=True) as tb:
        software = next(c for c in tb.iter_concepts() if any(t.text == "software" for t in c.terms))
    assert [(t.lang, t.text) for t in software.terms if t.lang != "en"] == [
        ("zh-Hans", "软件"), ("zh-Hant-TW", "軟體"), ("zh-Hant-HK", "軟件"),
    ]
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--db", str(db), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    if fmt == "tbx":
        for tag in ("zh-CN", "zh-TW", "zh-HK"):
            assert f'<langSec xml:lang="{tag}">' in text
    # read back: the same three languages, nothing merged or lost
    again = tmp_path / "again.jsonl"
    assert CliRunner().invoke(cli, ["import", str(out), "--db", str(again)]).exit_code == 0
    with TermBase.open(again, readonly=True) as tb:
        back = next(c for c in tb.iter_concepts() if any(t.text == "software" for t in c.terms))
    assert sorted((t.lang, t.text) for t in back.terms if t.lang != "en") == [
        ("zh-Hans", "软件"), ("zh-Hant-HK", "軟件"), ("zh-Hant-TW", "軟體"),
    ]


# -- lookup in both scripts ----------------------------------------------------------------------


def test_lookup_finds_across_scripts(tmp_path):
    db = tmp_path / "three.jsonl"
    assert CliRunner().invoke(cli, ["import", str(_three_scripts_csv(tmp_path)), "--db", str(db)]).exit_code == 0
    for query in ("配额", "配額", "quota"):
        result = CliRunner().invoke(cli, ["lookup", query, "--db", str(db)])
        assert result.exit_code == 0 and "配额" in result.output and "zh-Hant-TW" in result.output, query
    mainland = _mainland_base(tmp_path)
    result = CliRunner().invoke(cli, ["lookup", "軟件", "--db", str(mainland)])
    assert result.exit_code == 0 and "software" in result.output


def test_taiwan_words_in_a_traditional_source_find_the_mainland_term():
    idx = index(("software", "软件"), ("quota", "配额"))
    assert check_pair("安裝軟體。", "Install the software.", "zh-TW", "en", idx) == []
    (f,) = check_pair("安裝軟體。", "Install the program.", "zh-TW", "en", idx)
    assert f.rule == RULE_TERM and f.source_term == "軟體" and f.expected[0].text == "software"
    # Hong Kong writes 軟件 (the mainland word in its characters); Taiwan's word is no term there
    (f,) = check_pair("安裝軟件。", "Install the program.", "zh-HK", "en", idx)
    assert f.source_term == "軟件"
    assert check_pair("安裝軟體。", "Install the program.", "zh-HK", "en", idx) == []
