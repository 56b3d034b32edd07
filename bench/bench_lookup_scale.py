"""Benchmark: ``lookup`` on large generated term bases, per query shape, cold and warm (issue 15).

    python bench/bench_lookup_scale.py DB [DB ...]        # e.g. c100000.sqlite c1000000.sqlite
    python bench/bench_lookup_scale.py --generate 100000 --keep DIR

The queries are read from each term base itself (concepts spread evenly
over it), so any base made by ``bench/bench_scale.py --keep DIR`` serves.
The shapes: an English word; a term of two words or more as stored, in
title case, and a prefix of it (its first word and two letters), and its
first three letters; a long phrase (four words) as stored; a long phrase
that is not stored (two of them run together: the substring and "did you
mean" stages run); a long phrase with two letters swapped (a did-you-mean);
a Chinese term, its first three characters and its first two (a
two-character substring); its pinyin without tones, with tones, its first
word, and misspelt (``zh`` typed ``z``).  For each shape and base it prints
the median of fresh ``glossary lookup --format json`` processes (cold: wall
time and CPU time, user + system) and the median CPU time of a lookup in
one process (warm: each query looked up once first), then how the warm
figure grows from the first base to the last.  On a shared machine quote
the CPU times.  A base without the search indexes (made before them) is
searched by scans: ``--index`` adds them to a copy first.
Measurements, not a test.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GLOSSARY = [sys.executable, "-m", "glossary"]

#: The query shapes, in the order they are printed.
SHAPES = (
    "en word", "en whole", "en case", "en prefix", "en 3 letters", "en long", "en long miss", "en misspelt",
    "zh whole", "zh prefix", "zh 2 chars", "pinyin toneless", "pinyin tones", "pinyin prefix", "pinyin misspelt",
)

WARM = r"""
import json, sys, time, statistics
from glossary.store import TermBase
from glossary.lookup import lookup, suggest
shapes = json.loads(sys.argv[2])
out = {}
with TermBase.open(sys.argv[1], readonly=True) as tb:
    for shape, queries in shapes.items():
        for q in queries:
            lookup(tb, q, 20) or suggest(tb, q)
        times = []
        for _ in range(int(sys.argv[3])):
            for q in queries:
                t = time.process_time()
                lookup(tb, q, 20) or suggest(tb, q)
                times.append(time.process_time() - t)
        out[shape] = statistics.median(times)
print(json.dumps(out))
"""


def queries_of(db: Path, per_shape: int) -> dict[str, list[str]]:
    """``per_shape`` queries of each shape, from concepts spread evenly over the term base."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        top = conn.execute("SELECT max(id) FROM concept").fetchone()[0]
        step = max(1, top // (per_shape * 8 + 1))

        def rows(sql: str) -> list[tuple]:
            found: list[tuple] = []
            cid = step
            while len(found) < per_shape and cid <= top:
                row = conn.execute(sql + " AND concept_id >= ? ORDER BY concept_id LIMIT 1", (cid,)).fetchone()
                if row is None:
                    break
                found.append(row)
                cid = row[-1] + step
            return found

        en = "SELECT text, concept_id FROM term WHERE lang = 'en'"
        words1 = rows(en + " AND text NOT LIKE '% %'")
        words2 = rows(en + " AND text LIKE '% %'")
        long4 = rows(en + " AND length(text) - length(replace(text, ' ', '')) = 3")
        zh = rows("SELECT text, pinyin, concept_id FROM term WHERE lang LIKE 'zh%' AND pinyin IS NOT NULL"
                  " AND length(text) >= 4")
    finally:
        conn.close()
    miss = [swap(text) for text, _cid in long4]
    return {
        "en word": [t for t, _ in words1],
        "en whole": [t for t, _ in words2],
        "en case": [t.title() for t, _ in words2],
        "en prefix": [t[: t.index(" ") + 3] for t, _ in words2],
        "en 3 letters": [t[:3] for t, _ in words2],
        "en long": [t for t, _ in long4],
        "en long miss": [a + " " + b for (a, _), (b, _) in zip(long4, long4[1:] + long4[:1], strict=True)],
        "en misspelt": miss,
        "zh whole": [t for t, _, _ in zh],
        "zh prefix": [t[:3] for t, _, _ in zh],
        "zh 2 chars": [t[:2] for t, _, _ in zh],
        "pinyin toneless": [strip_tones(p) for _, p, _ in zh],
        "pinyin tones": [p for _, p, _ in zh],
        "pinyin prefix": [strip_tones(p).split()[0] for _, p, _ in zh],
        "pinyin misspelt": [slur(strip_tones(p).replace(" ", "").lower()) for _, p, _ in zh],
    }


def swap(text: str) -> str:
    """``text`` with two letters in its middle swapped: a typing slip."""
    pos = len(text) // 2
    while pos + 2 < len(text) and not (text[pos].isalpha() and text[pos + 1].isalpha() and text[pos] != text[pos + 1]):
        pos += 1
    return text[:pos] + text[pos + 1] + text[pos] + text[pos + 2:]


def slur(pinyin: str) -> str:
    """Toneless pinyin with a retroflex initial past the first syllable typed flat (``zh`` as ``z``): still pinyin."""
    for pos in range(2, len(pinyin) - 1):
        if pinyin[pos] in "zcs" and pinyin[pos + 1] == "h":
            return pinyin[:pos + 1] + pinyin[pos + 2:]
    return pinyin.replace("ng", "n", 1)


def strip_tones(pinyin: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", pinyin)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ü", "v")


def cold(db: Path, query: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of one fresh ``glossary lookup`` process."""
    start = time.perf_counter()
    proc = subprocess.Popen([*GLOSSARY, "lookup", "--db", str(db), query, "--format", "json"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        print(f"  ! lookup {query!r} exited {code}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(db: Path, per_shape: int, rounds: int, env: dict[str, str]) -> dict[str, dict[str, float]]:
    import json

    shapes = queries_of(db, per_shape)
    proc = subprocess.run([sys.executable, "-c", WARM, str(db), json.dumps(shapes), str(rounds)],
                          capture_output=True, text=True, env=env, check=False)
    if proc.returncode:
        sys.exit(proc.stderr)
    warm = json.loads(proc.stdout)
    figures: dict[str, dict[str, float]] = {}
    for shape in SHAPES:
        runs = [cold(db, q, env) for q in shapes[shape]]
        figures[shape] = {
            "cold s": statistics.median(r[0] for r in runs),
            "cold CPU s": statistics.median(r[1] for r in runs),
            "warm CPU ms": warm[shape] * 1000,
        }
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dbs", nargs="*", type=Path, help="SQLite term bases (e.g. made by bench_scale.py --keep)")
    ap.add_argument("--generate", help="sizes to generate first, e.g. 100000,1000000 (slow: an import each)")
    ap.add_argument("--keep", type=Path, help="where generated term bases go (default: a temporary folder)")
    ap.add_argument("--queries", type=int, default=5, help="queries of each shape (default 5)")
    ap.add_argument("--rounds", type=int, default=5, help="warm repetitions of each query (default 5)")
    ap.add_argument("--show", action="store_true", help="print the queries of each shape")
    ap.add_argument("--index", type=Path, metavar="DIR",
                    help="copy each base into DIR and add the search indexes there first (the bases are not written)")
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_DB"}
    dbs = list(args.dbs)
    if args.generate:
        work = args.keep or Path(tempfile.mkdtemp(prefix="glossary-bench-lookup-"))
        dbs += generate([int(s) for s in args.generate.split(",")], work, env)
    if not dbs:
        ap.error("give term bases or --generate SIZES")
    if args.index:
        dbs = [indexed_copy(db, args.index, env) for db in dbs]
    results = {}
    for db in dbs:
        if args.show:
            for shape, qs in queries_of(db, args.queries).items():
                print(f"  {shape:16s} {qs}")
        results[db] = measure(db, args.queries, args.rounds, env)
    labels = [f"{count(db):,}" for db in dbs]
    print(f"lookup per query shape: cold = median of {args.queries} fresh processes, "
          f"warm = median CPU of {args.queries}x{args.rounds} lookups in one process\n")
    header = ["shape"] + [f"{n} {k}" for n in labels for k in ("cold s", "cold CPU s", "warm ms")]
    if len(dbs) > 1:
        header.append(f"warm x{labels[0]}->{labels[-1]}")
    rows = []
    for shape in SHAPES:
        row = [shape]
        for db in dbs:
            fig = results[db][shape]
            row += [f"{fig['cold s']:.3f}", f"{fig['cold CPU s']:.3f}", f"{fig['warm CPU ms']:.1f}"]
        if len(dbs) > 1:
            a, b = results[dbs[0]][shape]["warm CPU ms"], results[dbs[-1]][shape]["warm CPU ms"]
            row.append(f"{b / a:.1f}" if a else "-")
        rows.append(row)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(header, widths, strict=True))))
    for row in rows:
        print("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))))


def indexed_copy(db: Path, folder: Path, env: dict[str, str]) -> Path:
    """A copy of ``db`` in ``folder`` with the search indexes of today's glossary (``index_for_search``)."""
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / db.name
    if not copy.exists():
        shutil.copyfile(db, copy)
        code = ("import sys\nfrom glossary.store import TermBase\n"
                "with TermBase.open(sys.argv[1]) as tb:\n    tb.index_for_search()\n")
        subprocess.run([sys.executable, "-c", code, str(copy)], env=env, check=True)
    return copy


def count(db: Path) -> int:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM concept").fetchone()[0]
    finally:
        conn.close()


def generate(sizes: list[int], work: Path, env: dict[str, str]) -> list[Path]:
    """Term bases of ``sizes`` concepts, generated as ``bench_scale.py`` does and imported from CSV."""
    import random

    sys.path.insert(0, str(REPO / "bench"))
    from bench_lint import load_vocabulary, make_concepts_words
    from bench_scale import write_csv

    work.mkdir(parents=True, exist_ok=True)
    rng, vocab, out = random.Random(15), load_vocabulary(), []
    for size in sizes:
        csv_path, db = work / f"c{size}.csv", work / f"c{size}.sqlite"
        if not db.exists():
            write_csv(csv_path, make_concepts_words(size, rng, vocab))
            subprocess.run([*GLOSSARY, "import", str(csv_path), "--db", str(db)], env=env, check=True,
                           stdout=subprocess.DEVNULL)
        out.append(db)
    return out


if __name__ == "__main__":
    main()
