"""Export and import throughput on a generated term base, with peak memory.

Run from the repository root:  python bench/bench_exchange.py [N]
(default N = 100000 concepts).  Prints concepts/s per format and the peak
resident memory of the process (ru_maxrss) after each step, plus the
tracemalloc peak of Python objects during an export of N/10.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from glossary.formats import export_concepts, read_concepts  # noqa: E402
from glossary.model import Concept, Flag, Source, Term  # noqa: E402


def generate(n: int):
    """Concepts shaped like the shipped ones: a name pair with pinyin, a source, sometimes a flag."""
    for i in range(n):
        yield Concept(
            type=("person", "org", "term", "title")[i % 4],
            uid=f"c{i:08d}",
            subject="standardization" if i % 3 == 0 else None,
            sources=[Source("issue1.txt", i % 5000 + 1, f"context line {i} & <more>")],
            terms=[
                Term("en", f"World Standards Day {i}"),
                Term(
                    "zh-Hans",
                    f"世界标准日{i}",
                    pinyin=f"shìjiè biāozhǔn rì {i}",
                    flags=[Flag("pinyin-mismatch", "x")] if i % 50 == 0 else [],
                ),
                Term("en", f"WSD{i}", status="admitted", term_type="acronym"),
            ],
        )


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"{n} concepts")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("tbx", "tbx2008", "csv", "tsv"):
            path = Path(tmp) / f"out.{fmt}"
            start = time.perf_counter()
            with open(path, "wb") as out:
                count = export_concepts(generate(n), out, fmt)
            elapsed = time.perf_counter() - start
            # tracemalloc slows Python several times over: measured on a separate run.
            tracemalloc.start()
            with open(Path(tmp) / "traced", "wb") as out:
                export_concepts(generate(max(n // 10, 1)), out, fmt)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            size = path.stat().st_size / 2**20
            print(
                f"export {fmt:8s} {count / elapsed:10,.0f} concepts/s  {elapsed:6.1f} s  "
                f"{size:7.1f} MiB file  py-peak({max(n // 10, 1)}) {peak:6.1f} MiB  "
                f"rss-max {rss_mib():7.0f} MiB"
            )
        for fmt in ("tbx", "tbx2008", "csv", "tsv"):
            path = Path(tmp) / f"out.{fmt}"
            start = time.perf_counter()
            batch = read_concepts(path, fmt)
            elapsed = time.perf_counter() - start
            print(
                f"import {fmt:8s} {len(batch.concepts) / elapsed:10,.0f} concepts/s  {elapsed:6.1f} s  "
                f"(read, without the store)  rss-max {rss_mib():7.0f} MiB"
            )
            del batch
        try:
            from glossary.formats import import_file
            from glossary.store import TermBase
        except ImportError:
            return
        small = min(n, 20_000)
        path = Path(tmp) / "small.tbx"
        with open(path, "wb") as out:
            export_concepts(generate(small), out, "tbx")
        with TermBase.open(Path(tmp) / "t.db", create=True) as tb:
            start = time.perf_counter()
            report = import_file(tb, path)
            elapsed = time.perf_counter() - start
        print(
            f"import tbx into a TermBase: {report.added / elapsed:,.0f} concepts/s "
            f"({small} concepts, {elapsed:.1f} s)  rss-max {rss_mib():.0f} MiB"
        )


if __name__ == "__main__":
    main()
