"""Build the full corpus into a fresh term base; print time and peak memory.

Also times `glossary lookup` from a cold start (a new interpreter) on the
shipped term base, the figure the lookup target is about.

    python bench/bench_build.py [CORPUS_DIR]
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "corpus"
    files = sorted(corpus.glob("*.txt"))
    if not files:
        sys.exit(f"no corpus files in {corpus}")
    from glossary.build import build
    from glossary.store import TermBase

    with tempfile.TemporaryDirectory() as tmp:
        for align in (False, True):
            db = Path(tmp) / f"bench-{align}.sqlite"
            start = time.perf_counter()
            with TermBase.open(db, create=True) as tb:
                report = build(tb, files, align=align)
            elapsed = time.perf_counter() - start
            label = "with sub-term alignment" if align else "pairs only"
            print(f"build ({label}): {elapsed:.2f} s for {len(files)} files, "
                  f"{report.pairs} pairs, {sum(report.by_type.values())} concepts {report.by_type}")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory (max RSS of this process): {peak_mb:.0f} MB")

    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "glossary.cli", "lookup", "World Standards Day"],
            cwd=REPO, check=True, capture_output=True,
        )
        runs.append(time.perf_counter() - start)
    print(f"lookup cold start: best {min(runs) * 1000:.0f} ms, median {sorted(runs)[2] * 1000:.0f} ms (5 runs)")


if __name__ == "__main__":
    main()
