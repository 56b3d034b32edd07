"""Term extraction from a memory: tokens, symmetrisation, phrase pairs, ranking, drift."""

from __future__ import annotations

import random

import pytest

from glossary.extract import MemorySegment, display_en, display_zh, extract
from glossary.extract.phrases import consistent_pairs, english_phrases
from glossary.extract.tokenize import english_words, fold_plurals
from glossary.extract.wordalign import grow_diag_final_and
from glossary.model import Concept, Term
from glossary.text.mask import blank, find_spans, placeholders


def test_masking_finds_code_and_keeps_offsets():
    text = "Could not read %(name)s from {0} at https://x.org/a <b>now</b> with MERGE_HEAD --force"
    kinds = [s.kind for s in find_spans(text)]
    assert kinds == ["placeholder", "placeholder", "url", "tag", "tag", "identifier", "option"]
    assert len(blank(text, find_spans(text))) == len(text)
    assert placeholders("%s and %2$s and {0,number,#} but 100%% and {{ limit }}") == [
        "%s", "%2$s", "{0,number,#}", "{{ limit }}"
    ]
    assert find_spans("the instance's zone, e.g. here") == []


def test_english_words_drop_code_and_possessives():
    tokens = english_words("The instance's %(name)s volume MERGE_HEAD")
    assert tokens.keys == ("the", "instance", "volume")


def test_plurals_fold_only_onto_words_the_memory_has():
    folded = fold_plurals([english_words("two volumes"), english_words("one volume"), english_words("a note"), english_words("not")])
    assert folded[0].keys == ("two", "volume")
    assert folded[2].keys == ("a", "note")  # never 'not'


def test_grow_diag_final_and():
    forward = {(0, 0), (1, 1), (2, 1)}
    reverse = {(0, 0), (1, 1), (2, 2)}
    links = grow_diag_final_and(forward, reverse, 3, 3)
    assert {(0, 0), (1, 1)} <= links and ((2, 1) in links or (2, 2) in links)


def test_phrases_never_start_or_end_with_function_words_and_are_consistent():
    keys = ("failed", "to", "delete", "the", "floating", "ip")
    spans = [" ".join(keys[i:j]) for i, j in english_phrases(keys)]
    assert "floating ip" in spans and "delete the floating ip" in spans
    assert not any(s.startswith(("to ", "the ")) or s.endswith((" to", " the")) for s in spans)
    en = ("delete", "floating", "ip")
    zh = ("删除", "浮动", "IP")
    links = {(0, 0), (1, 1), (2, 2)}
    pairs = {(en[i:j], zh[k:m]) for (i, j), (k, m) in consistent_pairs(en, zh, links)}
    assert (("floating", "ip"), ("浮动", "IP")) in pairs
    # A link leaving the span breaks consistency.
    crossed = consistent_pairs(en, zh, {(0, 1), (1, 0), (2, 2)})
    assert ((1, 3), (1, 3)) not in crossed


def memory(n: int = 60) -> list[MemorySegment]:
    rng = random.Random(3)
    vocabulary = {
        "volume": "卷",
        "snapshot": "快照",
        "network": "网络",
        "router": "路由器",
        "delete": "删除",
        "create": "创建",
        "image": "镜像",
    }
    words = list(vocabulary)
    out = []
    for i in range(n):
        chosen = rng.sample(words, 3)
        out.append(
            MemorySegment(
                " ".join(chosen) + " %(name)s",
                "".join(vocabulary[w] for w in chosen) + " %(name)s",
                "mem.po",
                unit=f"u{i}",
            )
        )
    return out


@pytest.mark.parametrize("aligner", ["ibm1", "eflomal"])
def test_extract_proposes_the_memory_terms(aligner):
    if aligner == "eflomal":
        pytest.importorskip("eflomal")
    pytest.importorskip("wordfreq")
    result = extract(memory(), aligner=aligner, use_dictionary=False)
    proposed = {display_en(result, p.en): display_zh(result, p.zh) for p in result.proposals}
    right = sum(proposed.get(en) == zh for en, zh in {"volume": "卷", "snapshot": "快照", "router": "路由器", "image": "镜像"}.items())
    assert right >= 3, proposed
    assert "name" not in proposed  # placeholders are never terms
    top = result.proposals[0]
    assert top.en_count >= top.consistent >= 1 and top.examples and "alignment" in top.evidence


def test_ibm1_is_reproducible():
    pytest.importorskip("wordfreq")
    first = extract(memory(), aligner="ibm1", use_dictionary=False)
    second = extract(memory(), aligner="ibm1", use_dictionary=False)
    assert [(p.en, p.zh, p.score) for p in first.proposals] == [(p.en, p.zh, p.score) for p in second.proposals]


def test_drift_reports_an_entry_the_memory_translates_otherwise():
    pytest.importorskip("wordfreq")
    concepts = [
        Concept("term", [Term("en", "router"), Term("zh-Hans", "路由")], uid="c-router"),
        Concept("term", [Term("en", "volume"), Term("zh-Hans", "卷")], uid="c-volume"),
    ]
    result = extract(memory(), concepts=concepts, aligner="ibm1", use_dictionary=False)
    drifted = {d.en: d for d in result.drift}
    assert "volume" not in drifted
    router = drifted["router"]
    assert router.expected == ["路由"] and router.followed == 0 and router.uses >= 2
    assert router.instead and router.instead[0][0] == "路由器"


def _po_memory(folder, segments):
    folder.mkdir(parents=True, exist_ok=True)
    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: zh_CN\\n"', ""]
    for seg in segments:
        lines += [f'msgid "{seg.en}"', f'msgstr "{seg.zh}"', ""]
    (folder / "mem.po").write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_extract_command_end_to_end(tmp_path, monkeypatch):
    pytest.importorskip("wordfreq")
    import json

    from click.testing import CliRunner

    from glossary.cli import cli
    from glossary.store import TermBase

    monkeypatch.chdir(tmp_path)
    folder = _po_memory(tmp_path / "locale", memory())
    runner = CliRunner()
    result = runner.invoke(cli, ["extract", str(folder), "--aligner", "ibm1", "--format", "json", "--top", "5"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert len(records) == 5 and records[0]["rank"] == 1
    assert {"en", "zh", "share", "competitors", "evidence", "examples"} <= set(records[0])
    assert records[0]["examples"][0]["where"].startswith(str(folder / "mem.po") + ":")
    # With a term base: its drift, and the proposals merged in for review.
    base = tmp_path / "team.jsonl"
    with TermBase.open(base, create=True) as tb, tb.transaction():
        tb.add(Concept("term", [Term("en", "router"), Term("zh-Hans", "路由")]))
    target = tmp_path / "proposed.sqlite"
    result = runner.invoke(
        cli, ["extract", str(folder), "--db", str(base), "--aligner", "ibm1", "--top", "3", "--merge-into", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert "drift: router: the term base says 路由; 0 of" in result.stderr and "路由器" in result.stderr
    with TermBase.open(target, readonly=True) as tb:
        merged = list(tb.iter_concepts())
    assert len(merged) == 3
    assert all(t.status == "admitted" for c in merged for t in c.terms)
    assert all(any(f.code == "review" for f in c.flags) for c in merged)
    # TBX for a CAT tool, valid TBX-Basic.
    out = tmp_path / "proposals.tbx"
    assert runner.invoke(cli, ["extract", str(folder), "--aligner", "ibm1", "--format", "tbx", "-o", str(out)]).exit_code == 0
    assert runner.invoke(cli, ["validate", str(out)]).exit_code == 0
    # Nothing to extract from: one line and exit 2.
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.tsv").write_text("en\tzh-Hans\n", encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(empty)])
    assert result.exit_code == 2 and "no English/Chinese segment pairs" in result.output


def test_chinese_words_keep_suffixed_and_dictionary_words_whole():
    from glossary.align_dict import Dictionary
    from glossary.extract.tokenize import mend

    dic = Dictionary()
    dic.add_raw("后端", "/backend/")
    assert mend(["迭代", "器"], dic) == ["迭代器"]  # a bound suffix joins its word
    assert mend(["认证", "后", "端", "来"], dic) == ["认证", "后端", "来"]  # a headword jieba split
    assert mend(["删除", "卷"], dic) == ["删除", "卷"]  # words jieba knows are left alone
    assert mend(["器"], dic) == ["器"] and mend(["后", "端"], None) == ["后", "端"]


def test_placeholders_follow_the_message_format():
    from glossary.text.mask import syntaxes_for_flags

    # "%sGiB": a printf placeholder glued to a unit is found once the flags say python-format.
    assert english_words("Size %sGiB", syntaxes_for_flags(("python-format",))).keys == ("size", "gib")
    segment = MemorySegment("Size %sGiB", "大小 %sGiB", "m.po", flags=("python-format",))
    result = extract([segment] * 3, aligner="ibm1", use_dictionary=False, min_count=1)
    assert not any("sgib" in key for tokens in result.en_tokens for key in tokens.keys)


def test_message_fragments_are_not_terms():
    from collections import Counter

    from glossary.extract.rank import message_fragment

    renders = {"delete": Counter({"删除": 9}), "load": Counter({"加载": 5})}
    verbs = {"delete": "base", "load": "base", "uploaded": "ed"}.get
    assert message_fragment("delete volume", "删除卷", renders, verbs)  # an action on a term
    assert not message_fragment("load balancer", "负载均衡器", renders, verbs)  # a term beginning with a verb
    assert message_fragment("retrieve the volume", "获取卷", renders, verbs)  # a function word inside
    assert message_fragment("file uploaded", "文件已上传", renders, verbs)  # a clause
    assert not message_fragment("quality of service", "服务质量", renders, verbs)
    assert not message_fragment("volume", "卷", renders, verbs)
    keys = ("format", "e", "g", "luks")
    assert "e g" not in {" ".join(keys[i:j]) for i, j in english_phrases(keys)}


def test_sketch_engine_baseline_sorts_candidate_pairs_by_logdice():
    from glossary.extract.phrases import collect
    from glossary.extract.rank import abte_pairs, logdice_pairs

    en = [("volume",), ("volume", "size"), ("image",), ("image",), ("volume",)]
    zh = [("卷",), ("卷", "大小"), ("镜像",), ("镜像",), ("卷",)]
    links = [{(0, 0)}, {(0, 0), (1, 1)}, {(0, 0)}, {(0, 0)}, {(0, 0)}]
    stats = collect(en, en, zh, zh, links)
    pairs = abte_pairs(stats, zh)
    assert pairs[0][:2] in {("volume", "卷"), ("image", "镜像")} and pairs[0][2] == 14.0
    assert [p[2] for p in pairs] == sorted((p[2] for p in pairs), reverse=True)
    assert logdice_pairs(stats, ["volume"], zh) == {"volume": "卷"}


def test_a_verb_is_a_verb_where_the_memory_inflects_it():
    from glossary.extract import _verbs

    verb = _verbs({"delete", "deleted", "compute", "service"})
    assert verb("delete") == "base"  # the memory says "deleted": an action
    assert verb("compute") is None  # never "computed": a modifier (compute service)


def test_phrases_stop_at_punctuation_and_placeholders():
    tokens = english_words("The file is too large ({{ size }}). Allowed maximum: Business Identifier Code (BIC)")
    spans = {" ".join(tokens.keys[i:j]) for i, j in english_phrases(tokens.keys, tokens.breaks)}
    assert "business identifier code" in spans and "bic" in spans
    assert not any(s in spans for s in ("large allowed", "code bic", "allowed maximum business"))
    tokens = english_words("collection should contain {{ limit }} element")
    assert "contain element" not in {" ".join(tokens.keys[i:j]) for i, j in english_phrases(tokens.keys, tokens.breaks)}
    from glossary.chinese.segment import Segmenter
    from glossary.extract.phrases import chinese_phrases
    from glossary.extract.phrases import zh_join as join
    from glossary.extract.tokenize import chinese_words

    zh = chinese_words("业务标识符代码（BIC）、浮动 IP", Segmenter([]))
    spans = {join(zh.keys[i:j]) for i, j in chinese_phrases(zh.keys, zh.breaks)}
    assert "bic" in spans and "浮动ip" in spans and not any("代码bic" in s or "bic浮动" in s for s in spans)


def test_traditional_text_is_cut_as_simplified_and_keeps_its_characters():
    pytest.importorskip("opencc")
    from glossary.chinese.segment import Segmenter
    from glossary.extract.tokenize import chinese_words

    simplified = chinese_words("无法删除网络", Segmenter([])).keys
    traditional = chinese_words("無法刪除網路", Segmenter([])).keys
    assert "刪除" in traditional and "删除" in simplified
    assert [len(w) for w in traditional] == [len(w) for w in chinese_words("无法删除网路", Segmenter([])).keys]


def test_memory_of_takes_any_region_of_a_script(tmp_path):
    from glossary.drafts.readers import read_draft
    from glossary.extract import memory_of

    lines = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: zh_TW\\n"', "",
             'msgid "Delete Volume"', 'msgstr "刪除雲硬碟"', ""]
    (tmp_path / "tw.po").write_text("\n".join(lines), encoding="utf-8")
    assert [s.zh for s in memory_of([read_draft(tmp_path / "tw.po")], chinese="zh-Hant")] == ["刪除雲硬碟"]
    assert memory_of([read_draft(tmp_path / "tw.po")], chinese="zh-Hans") == []


def _proposal(en, zh, score=1.0):
    from glossary.extract.rank import Proposal

    return Proposal(en, zh, score, 3, 3, 3)


def test_inflections_give_way_to_their_base_and_derivations_stay():
    from glossary.extract.rank import drop_inflections

    kept = drop_inflections([_proposal("installed", "安装", 3), _proposal("install", "安装", 2)])
    assert [p.en for p in kept] == ["install"]  # the base, at the better place
    kept = drop_inflections([_proposal("connection", "连接", 3), _proposal("connect", "连接", 2)])
    assert [p.en for p in kept] == ["connection", "connect"]  # a noun is not its verb's form
    kept = drop_inflections([_proposal("encryption", "加密", 3), _proposal("encrypted", "加密", 2)])
    assert [p.en for p in kept] == ["encryption"]  # a participle after its noun: nothing new
    kept = drop_inflections([_proposal("delete", "删除", 3), _proposal("deleted", "已删除", 2)])
    assert len(kept) == 2  # another Chinese says something new


def test_renderings_that_are_no_translation_are_not_proposed():
    pytest.importorskip("wordfreq")
    from glossary.extract.phrases import collect
    from glossary.extract.rank import other_latin, rank

    assert other_latin("window", "Windows") and other_latin("scheduler hint", "scheduler")
    assert not other_latin("ip", "IP") and not other_latin("bug", "Bug") and not other_latin("volume", "卷")
    en = [("unsigned", "app"), ("unsigned", "app"), ("gib",), ("gib",), ("recoverable",), ("recoverable",),
          ("recover",), ("code",), ("code",)]
    zh = [("未", "签名", "应用"), ("未", "签名", "应用"), ("gib",), ("gib",), ("恢复",), ("恢复",), ("恢复",),
          ("代码",), ("代码",)]
    links = [{(0, 0), (1, 2)}, {(0, 0), (1, 2)}, {(0, 0)}, {(0, 0)}, {(0, 0)}, {(0, 0)}, {(0, 0)}, {(0, 0)}, {(0, 0)}]
    proposed = {p.en: p.zh for p in rank(collect(en, en, zh, zh, links))}
    assert proposed.get("unsigned") != "未"  # a grammatical character alone is no rendering
    assert "gib" not in proposed  # a unit
    assert "recoverable" not in proposed  # 恢复 is recover's; recoverable is 可恢复
    assert proposed.get("code") == "代码"


def test_a_phrase_always_inside_one_longer_candidate_is_not_proposed():
    pytest.importorskip("wordfreq")
    from glossary.extract.phrases import collect
    from glossary.extract.rank import rank

    en = [("business", "identifier", "code")] * 2 + [("code",)]
    zh = [("业务", "标识符", "代码")] * 2 + [("代码",)]
    links = [{(0, 0), (1, 1), (2, 2)}] * 2 + [{(0, 0)}]
    proposed = {p.en for p in rank(collect(en, en, zh, zh, links))}
    assert "business identifier code" in proposed and "code" in proposed
    assert "identifier code" not in proposed and "business" not in proposed


def test_drift_skips_entries_whose_english_is_a_menu_path_or_a_key():
    pytest.importorskip("wordfreq")
    concepts = [
        Concept("term", [Term("en", "Router >"), Term("zh-Hans", "路由 >")], uid="c-menu"),
        Concept("term", [Term("en", "+R"), Term("zh-Hans", "+ R")], uid="c-key"),
        Concept("term", [Term("en", "router"), Term("zh-Hans", "路由")], uid="c-router"),
    ]
    result = extract(memory(), concepts=concepts, aligner="ibm1", use_dictionary=False)
    assert [d.concept for d in result.drift] == ["c-router"]
