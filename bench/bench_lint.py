"""Benchmark: lint a generated draft against a generated term base, beside pofilter.

Prints index build time, segments per second without and with the ``name``
rule (each on a fresh index), peak memory (max RSS), the same segments through translate-toolkit's ``pofilter --test=numbers
--test=acronyms`` as a PO file (timed in this run, so the ratio is fair),
and the cold start of ``glossary check`` on a small term base and on the
shipped one.

    python bench/bench_lint.py                      # 100,000 segments x 50,000 concepts
    python bench/bench_lint.py --segments 5000 --concepts 2000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from glossary.drafts.base import Draft, Segment  # noqa: E402
from glossary.lint import lint_draft  # noqa: E402
from glossary.match import TermIndex  # noqa: E402
from glossary.model import Concept, Term  # noqa: E402

HAN = "标准化国际组织市场监督管理总局世界日电动汽车换服务信息交换平台系统设备更新消费品以旧新取得显著成效发展质量体系创新合作能源转型数字孪生产业工业领域技术委员会"
SYLLABLES = ["stan", "dar", "di", "za", "tion", "mar", "ket", "re", "gu", "la", "po", "wer", "grid", "volt", "ca", "ble", "sen", "sor", "net", "work"]


def make_concepts(n: int, rng: random.Random) -> list[Concept]:
    seen_en: set[str] = set()
    seen_zh: set[str] = set()
    concepts = []
    while len(concepts) < n:
        en = " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))) for _ in range(rng.randint(1, 3)))
        zh = "".join(rng.choice(HAN) for _ in range(rng.randint(3, 6)))
        if en in seen_en or zh in seen_zh:
            continue
        seen_en.add(en)
        seen_zh.add(zh)
        terms = [Term("en", en), Term("zh-Hans", zh)]
        if rng.random() < 0.05:
            terms.append(Term("en", en + " old", status="deprecated"))
        concepts.append(Concept("term", terms, uid=f"c{len(concepts):06d}"))
    return concepts


def make_segments(n: int, concepts: list[Concept], rng: random.Random) -> list[Segment]:
    segments = []
    for i in range(n):
        a, b = rng.sample(concepts, 2)
        num = rng.randint(2, 999)
        zh_a, zh_b = a.terms[1].text, b.terms[1].text
        en_a, en_b = a.terms[0].text, b.terms[0].text
        if rng.random() < 0.05:
            en_b = "something else"
        tnum = num if rng.random() > 0.02 else num + 1
        source = f"ISO在{zh_a}和{zh_b}方面发布了{num}项新成果。"
        target = f"ISO released {tnum} new results on {en_a} and {en_b}."
        segments.append(Segment(source, target, "bench.tsv", i + 1))
    return segments


def write_po(segments: list[Segment], path: Path) -> None:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    with open(path, "w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n')
        for s in segments:
            out.write(f"msgctxt {q(str(s.line))}\nmsgid {q(s.source)}\nmsgstr {q(s.target)}\n\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--concepts", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--disable", default="", help="rules to leave out, comma-separated (e.g. name)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    concepts = make_concepts(args.concepts, rng)
    segments = make_segments(args.segments, concepts, rng)
    print(f"term base: {len(concepts):,} concepts; draft: {len(segments):,} segments")

    from glossary.lint import select_rules

    draft = Draft(segments, "zh-Hans", "en", "tsv", ["bench.tsv"])
    runs = [("without name", select_rules(None, ",".join(filter(None, [args.disable, "name"]))))]
    if "name" not in (args.disable or ""):
        runs.append(("with name", select_rules(None, args.disable or None)))
    rates: dict[str, float] = {}
    for label, rules in runs:
        # A fresh index per run: its segmenter's caches must not carry over.
        t = time.perf_counter()
        index = TermIndex(concepts)
        index.find("标准", "zh-Hans"), index.find("standard", "en")  # build the automata
        print(f"index build: {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        result = lint_draft(draft, index, rules=rules)
        lint_s = time.perf_counter() - t
        rates[label] = len(segments) / lint_s
        print(f"rules ({label}): {', '.join(sorted(rules))}")
        print(
            f"lint {label}: {lint_s:.2f} s, {rates[label]:,.0f} segments/s, "
            f"{len(result.findings):,} findings {result.counts}"
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS, whole run): {peak:,.0f} MB")

    with tempfile.TemporaryDirectory() as tmp:
        po = Path(tmp) / "bench.po"
        write_po(segments, po)
        pofilter = Path(sys.executable).with_name("pofilter")
        t = time.perf_counter()
        proc = subprocess.run(
            [str(pofilter), "--test=numbers", "--test=acronyms", str(po), str(Path(tmp) / "out.po")],
            capture_output=True,
            text=True,
        )
        po_s = time.perf_counter() - t
        if proc.returncode != 0:
            print("pofilter failed:", proc.stderr[-500:])
        else:
            po_rate = len(segments) / po_s
            print(f"pofilter numbers+acronyms: {po_s:.2f} s, {po_rate:,.0f} segments/s")
            for label, rate in rates.items():
                print(f"glossary lint {label} is {rate / po_rate:.2f}x pofilter's speed")

        small = Path(tmp) / "small.jsonl"
        import json

        from glossary.jsonl import concept_to_json

        small.write_text(
            "".join(json.dumps(concept_to_json(c), ensure_ascii=False) + "\n" for c in concepts[:500]), encoding="utf-8"
        )
        env = dict(os.environ, GLOSSARY_DB=str(small))
        cmd = [sys.executable, "-m", "glossary.cli", "check", "--source", segments[0].source, "--target", segments[0].target]
        subprocess.run(cmd, cwd=REPO, env=env, capture_output=True)  # warm the OS cache and jieba's word cache
        times = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(cmd, cwd=REPO, env=env, capture_output=True)
            times.append(time.perf_counter() - t)
        print(f"check cold start (new process, 500-concept term base): best {min(times):.3f} s of 3")

    # The target: the shipped term base (no --db), default rules, name included.
    cmd = [
        sys.executable, "-m", "glossary.cli", "check",
        "--source", "2024年世界标准日主题活动在西安举办，靳吉丽报道。",
        "--target", "World Standards Day 2024 celebrated in Xi'an, reported by Jing Jili.",
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_DB"}
    subprocess.run(cmd, cwd=REPO, env=env, capture_output=True)  # builds the dictionary cache if missing
    times = []
    for _ in range(7):
        t = time.perf_counter()
        subprocess.run(cmd, cwd=REPO, env=env, capture_output=True)
        times.append(time.perf_counter() - t)
    times.sort()
    print(f"check cold start (shipped term base): best {times[0]:.3f} s, median {times[3]:.3f} s of 7")


if __name__ == "__main__":
    main()
