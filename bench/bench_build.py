"""Build the full corpus into a fresh term base; print time and peak memory.

Each build runs in a new interpreter, so the figures include loading the
segmenter, the pinyin tables and (with alignment) CC-CEDICT, as a user's
`glossary build` does; a second build in the same interpreter follows,
timed, and its term base is compared with the first (the segmenter's words
live in each build's own session, so they must be equal).  Also times `glossary lookup` from a cold start on
the shipped term base, the figure the lookup target is about.

    python bench/bench_build.py [CORPUS_DIR]
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
start = time.perf_counter()
from glossary.build import build
from glossary.store import TermBase
db, align, files = sys.argv[1], sys.argv[2] == "1", sys.argv[3:]
with TermBase.open(db + ".jsonl", create=True) as tb:
    report = build(tb, files, align=align)
seconds = time.perf_counter() - start
again = time.perf_counter()
with TermBase.open(db + "-again.jsonl", create=True) as tb:  # a second build in the same process
    build(tb, files, align=align)
print(json.dumps({
    "seconds": seconds,
    "again": time.perf_counter() - again,
    "same": open(db + ".jsonl", "rb").read() == open(db + "-again.jsonl", "rb").read(),
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "pairs": report.pairs,
    "by_type": report.by_type,
}))
"""


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpus"
    files = [str(p) for p in sorted(corpus.glob("*.txt"))]
    if not files:
        sys.exit(f"no corpus files in {corpus}")
    with tempfile.TemporaryDirectory() as tmp:
        for align in (False, True):
            db = str(Path(tmp) / f"bench-{align}")
            out = subprocess.run(
                [sys.executable, "-c", CHILD, db, "1" if align else "0", *files],
                cwd=REPO, check=True, capture_output=True, text=True,
            )
            figures = json.loads(out.stdout.strip().splitlines()[-1])
            label = "with sub-term alignment" if align else "pairs only"
            print(
                f"build ({label}), cold process: {figures['seconds']:.2f} s, peak RSS "
                f"{figures['rss_mb']:.0f} MB; {len(files)} files, {figures['pairs']} pairs, "
                f"{sum(figures['by_type'].values())} concepts {figures['by_type']}"
            )
            same = "the same term base" if figures["same"] else "A DIFFERENT TERM BASE"
            print(f"  a second build in the same process: {figures['again']:.2f} s, {same}")

    runs = []
    for _ in range(7):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "glossary.cli", "lookup", "World Standards Day"],
            cwd=REPO, check=True, capture_output=True,
        )
        runs.append(time.perf_counter() - start)
    runs.sort()
    print(f"lookup cold start (shipped term base): best {runs[0] * 1000:.0f} ms, "
          f"median {runs[3] * 1000:.0f} ms (7 runs)")


if __name__ == "__main__":
    main()
