"""Benchmark: term bases of 100,000 and 1,000,000 concepts on one machine.

Generates a CSV of N concepts (English phrases of real words, Chinese
compounds of jieba's dictionary words, as bench_lint.py does), then prints,
in one run, for each size: import from CSV and from TBX into SQLite (wall,
CPU and peak RSS of the process), ``lookup`` cold (a fresh process, median
of 5) and warm (in one process, median CPU of 50 queries), lint of 10,000
segments (wall, CPU and peak RSS), one ``check`` (the start-up), and export
to TBX; and how each figure grows from the first size to the last.  Peak
RSS is the child's ``ru_maxrss``.

    python bench/bench_scale.py                    # 100,000 and 1,000,000 concepts
    python bench/bench_scale.py --sizes 20000,100000 --segments 2000
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_lint import load_vocabulary, make_concepts_words  # noqa: E402

GLOSSARY = [sys.executable, "-m", "glossary"]


#: GNU time, when there is one: the peak RSS of a child forked from it is the
#: command's own.  A child forked from this process inherits its peak RSS
#: across exec (Linux keeps ``ru_maxrss``), and this process holds the
#: generated concepts, so without it small commands would show this one's size.
TIME = shutil.which("time") if Path("/usr/bin/time").exists() else None


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS (MB) of the child, exit status, CPU seconds (user + system) of the child.

    CPU time is printed beside wall time because it hardly moves when other
    work shares the machine, while wall time does.
    """
    report = None
    if TIME:
        fd, report = tempfile.mkstemp(suffix=".time")
        os.close(fd)
        cmd = [TIME, "-q", "-f", "%M %U %S", "-o", report, *cmd]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        err = proc.stderr.read() if proc.stderr else ""
        print(f"  ! {' '.join(cmd[2:5])}... exited {code}: {err.strip()[:300]}")
    rss, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime
    if report:
        fields = Path(report).read_text().split()
        Path(report).unlink()
        if len(fields) >= 3:
            rss, cpu = int(fields[-3]) / 1024, float(fields[-2]) + float(fields[-1])
    return wall, rss, code, cpu


def write_csv(path: Path, concepts: list) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["en", "zh"])
        for concept in concepts:
            writer.writerow([concept.terms[0].text, concept.terms[1].text])


def write_segments(path: Path, concepts: list, n: int, rng: random.Random) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("zh-Hans\ten\n")
        for _ in range(n):
            a, b = rng.sample(concepts, 2)
            handle.write(f"{a.terms[1].text}和{b.terms[1].text}的发展\tThe {a.terms[0].text} and {b.terms[0].text}\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--import-only", action="store_true",
                        help="only import CSV, export TBX and import TBX (the import lane's figures)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(15)
    vocab = load_vocabulary()
    work = args.keep or Path(tempfile.mkdtemp(prefix="glossary-bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_DB"}
    env["GLOSSARY_CACHE"] = str(work / "cache")
    figures: dict[int, dict[str, float]] = {}
    for size in sizes:
        print(f"\n{size:,} concepts")
        concepts = make_concepts_words(size, rng, vocab)
        csv_path, db, tbx_db = work / f"c{size}.csv", work / f"c{size}.sqlite", work / f"t{size}.sqlite"
        tbx_path = work / f"c{size}.tbx"
        write_csv(csv_path, concepts)
        segments = work / f"s{size}.tsv"
        write_segments(segments, concepts, args.segments, rng)
        row: dict[str, float] = {}
        for path in (db, tbx_db):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        def timed(name: str, cmd: list[str], row: dict[str, float] = row) -> None:
            wall, rss, _code, cpu = run(cmd, env)
            row[f"{name} s"], row[f"{name} CPU s"], row[f"{name} MB"] = wall, cpu, rss

        timed("import CSV", [*GLOSSARY, "import", str(csv_path), "--db", str(db)])
        timed("export TBX", [*GLOSSARY, "export", "--db", str(db), "-o", str(tbx_path)])
        timed("import TBX", [*GLOSSARY, "import", str(tbx_path), "--db", str(tbx_db)])
        if args.import_only:
            figures[size] = row
            for key, value in row.items():
                print(f"  {key:20s} {value:10.2f}", flush=True)
            continue
        queries = [c.terms[0].text for c in rng.sample(concepts, 5)]
        cold = [run([*GLOSSARY, "lookup", "--db", str(db), q], env) for q in queries]
        row["lookup cold s"] = statistics.median(c[0] for c in cold)
        row["lookup cold CPU s"] = statistics.median(c[3] for c in cold)
        warm = subprocess.run(
            [sys.executable, "-c", (
                "import sys, time, statistics\n"
                "from glossary.store import TermBase\nfrom glossary.lookup import lookup\n"
                "qs = sys.argv[2:]\nwith TermBase.open(sys.argv[1], readonly=True) as tb:\n"
                "    lookup(tb, qs[0], 20)\n    times = []\n"
                "    for q in qs * 10:\n        t = time.process_time(); lookup(tb, q, 20); times.append(time.process_time() - t)\n"
                "print(statistics.median(times))\n"
            ), str(db), *queries],
            capture_output=True, text=True, env=env,
        )
        row["lookup warm CPU ms"] = float(warm.stdout.strip() or "nan") * 1000
        timed("lint", [*GLOSSARY, "lint", str(segments), "--db", str(db), "--no-cache", "--format", "json"])
        timed("check", [*GLOSSARY, "check", "--db", str(db), "--source", queries[0], "--target", queries[1]])
        figures[size] = row
        for key, value in row.items():
            print(f"  {key:20s} {value:10.2f}", flush=True)
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        print(f"\ngrowth from {first:,} to {last:,} concepts ({last / first:.0f}x):")
        for key in figures[first]:
            a, b = figures[first][key], figures[last][key]
            print(f"  {key:20s} x{b / a:6.1f}" if a else f"  {key:20s}   n/a")
        print_import_memory(figures, first, last)
    print(f"\n(files in {work})")


def print_import_memory(figures: dict[int, dict[str, float]], first: int, last: int) -> None:
    """One line per import: its peak RSS at the first and the last size, and CPU per 1,000 concepts.

    Streamed import holds a batch, bounded caches and the dictionaries, never
    the file: the peak should barely move while the file grows tenfold.
    """
    print(f"\nimport, peak RSS and CPU per 1,000 concepts, {first:,} -> {last:,} concepts:")
    for name in ("import CSV", "import TBX"):
        a, b = figures[first][f"{name} MB"], figures[last][f"{name} MB"]
        ca = figures[first][f"{name} CPU s"] / first * 1000
        cb = figures[last][f"{name} CPU s"] / last * 1000
        print(f"  {name:11s} {a:7.0f} MB -> {b:7.0f} MB (x{b / a:4.2f})   CPU {ca:6.3f} s -> {cb:6.3f} s")


if __name__ == "__main__":
    main()
