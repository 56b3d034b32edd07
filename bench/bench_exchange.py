"""Export and import throughput on a generated term base, with the peak memory of each step.

Run from the repository root:

    python bench/bench_exchange.py [N] [--formats tbx,tbx2008,csv,tsv] [--no-store] [--repo PATH]

(default N = 100000 concepts).  Every measurement runs in a fresh child
process and reports that process's own peak resident memory
(``getrusage(RUSAGE_SELF).ru_maxrss``), so one step's peak never hides in
another's; ``idle`` is the peak of a child that only imports the modules,
to subtract.  ``read`` consumes every concept without a store;
``import`` goes into a new TermBase (one transaction).  ``--repo`` runs
the same measurements against another checkout (e.g. an older commit
unpacked with ``git archive``), for before/after figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def generate(n: int):
    """Concepts shaped like the shipped ones: a name pair with pinyin, a source, sometimes a flag."""
    from glossary.model import Concept, Flag, Source, Term

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
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# -- child side: one measurement per process ----------------------------------------------


def child(task: str, fmt: str, path: str, n: int, db: str) -> dict:
    import lxml.etree  # noqa: F401 - counted in idle too

    from glossary.formats import export_concepts, import_file, read_concepts
    from glossary.store import TermBase

    start = time.perf_counter()
    count = 0
    if task == "export":
        with open(path, "wb") as out:
            count = export_concepts(generate(n), out, fmt)
    elif task == "read":
        batch = read_concepts(path, fmt)
        for _concept in batch.concepts:  # consumed one by one, as import does
            count += 1
    elif task == "import":
        with TermBase.open(db, create=True) as tb:
            report = import_file(tb, path, fmt)
        count = report.added
    elif task != "idle":
        raise SystemExit(f"unknown task {task}")
    return {"count": count, "seconds": time.perf_counter() - start, "rss": rss_mib()}


def run_child(repo: Path, task: str, fmt: str = "-", path: str = "-", db: str = "-", n: int = 0) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, str(n), "--repo", str(repo), "--child", task, fmt, path, db],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# -- parent side ----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--formats", default="tbx,tbx2008,csv,tsv")
    parser.add_argument("--no-store", action="store_true", help="skip the imports into a TermBase")
    parser.add_argument("--repo", type=Path, default=HERE, help="the checkout whose glossary is measured")
    parser.add_argument("--child", nargs=4, metavar=("TASK", "FMT", "PATH", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    if args.child:
        task, fmt, path, db = args.child
        print(json.dumps(child(task, fmt, path, args.n, db)))
        return

    n = args.n
    formats = args.formats.split(",")
    print(f"{n} concepts, glossary from {args.repo}; peak RSS of a fresh process per line")
    idle = run_child(args.repo, "idle")
    print(f"idle (imports only)                                     peak {idle['rss']:7.0f} MiB")
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for fmt in formats:
            path = Path(tmp) / f"out.{fmt}"
            files[fmt] = path
            r = run_child(args.repo, "export", fmt, str(path), n=n)
            size = path.stat().st_size / 2**20
            print(
                f"export {fmt:8s} {r['count'] / r['seconds']:10,.0f} concepts/s {r['seconds']:7.1f} s  "
                f"{size:6.1f} MiB file   peak {r['rss']:7.0f} MiB"
            )
        for fmt in formats:
            r = run_child(args.repo, "read", fmt, str(files[fmt]))
            print(
                f"read   {fmt:8s} {r['count'] / r['seconds']:10,.0f} concepts/s {r['seconds']:7.1f} s  "
                f"(no store)         peak {r['rss']:7.0f} MiB"
            )
        if args.no_store:
            return
        for fmt in formats:
            db = Path(tmp) / f"{fmt}.db"
            r = run_child(args.repo, "import", fmt, str(files[fmt]), str(db))
            print(
                f"import {fmt:8s} {r['count'] / r['seconds']:10,.0f} concepts/s {r['seconds']:7.1f} s  "
                f"(into a TermBase)  peak {r['rss']:7.0f} MiB"
            )
            db.unlink()


if __name__ == "__main__":
    main()
