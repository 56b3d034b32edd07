"""Benchmark of glossary.align: dictionary load (time, memory), jieba start, and aligning the
title pairs of the whole shared corpus. Prints figures; not a timed test.

    cd /work/main && python bench/bench_align.py [--show]

Title pairs come from the lead's ``glossary.corpus.pairs.extract_pairs`` when it exists, else
from a crude stand-in below (an English block followed by a Chinese block), enough for timing.
"""

from __future__ import annotations

import re
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _crude_pairs(text: str, name: str):
    from glossary.align import TitlePair
    from glossary.model import Source

    def clean(s: str) -> str:
        return re.sub(r"^[#\s*]+|[\s*]+$", "", s.strip())

    out, block = [], []
    for n, line in enumerate(text.split("\n") + [""], 1):
        if line.strip():
            block.append((n, clean(line)))
            continue
        en, zh = [], []
        for ln, t in block:
            if CJK.search(t):
                zh.append((ln, t))
            elif zh:
                if en:
                    out.append((en, zh))
                en, zh = [(ln, t)], []
            else:
                en.append((ln, t))
        if en and zh:
            out.append((en, zh))
        block = []
    pairs = []
    for en, zh in out:
        e, z = " ".join(t for _, t in en), "".join(t for _, t in zh)
        if len(e) < 160 and not e.startswith("By ") and "/" not in z[:3]:
            pairs.append(TitlePair(e, z, f"{name}:{en[0][0]}", Source(name, en[0][0])))
    return pairs


def corpus_pairs():
    from glossary.align import TitlePair

    files = sorted(CORPUS.glob("*.txt"))
    try:
        from glossary.corpus.pairs import extract_pairs  # the lead's extractor, when present
    except ImportError:
        extract_pairs = None
    pairs = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        if extract_pairs is None:
            pairs.extend(_crude_pairs(text, path.name))
        else:
            for p in extract_pairs(text, path.name):
                pairs.append(TitlePair(p.en, p.zh, f"{path.name}:{p.line}", p.source))
    return pairs


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent")
    t0 = time.perf_counter()
    import glossary.align as align  # noqa: F401  (module import must be cheap)
    t_import = time.perf_counter() - t0

    from glossary import align_dict

    tracemalloc.start()
    t0 = time.perf_counter()
    dic = align_dict.load()
    t_load = time.perf_counter() - t0
    mem = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    t0 = time.perf_counter()
    for zh in ("标准化", "西安", "国际标准化组织", "电子商务"):
        dic.get(zh)
    t_get = time.perf_counter() - t0

    t0 = time.perf_counter()
    session = align.JiebaSession()
    for word in align.supplement_words():
        session.add_word(word, align.ADDED_FREQ)
    t_jieba = time.perf_counter() - t0

    pairs = corpus_pairs()
    t0 = time.perf_counter()
    terms = align.align_pairs(pairs)
    t_align = time.perf_counter() - t0
    t0 = time.perf_counter()
    align.align_pairs(pairs)
    t_again = time.perf_counter() - t0

    print(f"import glossary.align          {t_import * 1000:8.1f} ms")
    print(f"dictionary load (CC-CEDICT)    {t_load * 1000:8.1f} ms, {mem / 2**20:.1f} MiB traced")
    print(f"4 entry parses                 {t_get * 1000:8.1f} ms")
    print(f"jieba start + supplement       {t_jieba * 1000:8.1f} ms")
    print(f"align {len(pairs):4d} corpus title pairs {t_align * 1000:8.1f} ms (warm: {t_again * 1000:.1f} ms)")
    pref = sum(t.status == "preferred" for t in terms)
    print(f"terms: {len(terms)} ({pref} preferred, {len(terms) - pref} admitted for review)")
    if "--show" in sys.argv:
        for t in terms:
            print(f"  {t.confidence:.2f} {t.status[:4]} {t.type:6} {t.en} | {t.zh}  "
                  f"[{', '.join(t.evidence)}] x{len(t.parents)}")


if __name__ == "__main__":
    main()
