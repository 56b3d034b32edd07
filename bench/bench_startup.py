"""Cold start of ``glossary check`` and ``glossary lookup``: shipped term base vs. your own.

A user's own SQLite term base must start as fast as the shipped one (issue 8:
under 0.3 s cold with 10,000 concepts).  This generates such a term base
through the library (``TermBase.add``, the way ``glossary import`` and
``glossary build`` write), Chinese terms being compounds of jieba's dictionary
words and English terms words of a fixed list, then runs each command N times
in a fresh interpreter (``subprocess``) and prints the median.

Every run is cold for the process; the OS file cache is warm (one untimed run
first), as it is for a user who runs the tool twice.  Python's compiled
bytecode is kept as an installed package keeps it: ``PYTHONDONTWRITEBYTECODE``
is dropped for the commands (the untimed run writes ``__pycache__``), else
every run would compile every module from source, a cost no user pays.  ``GLOSSARY_CACHE`` points
at a fresh empty folder, so a per-user cache cannot hide a slow start.

    python bench/bench_startup.py [--concepts 10000] [--runs 7] [--keep DIR] [--db BASE.sqlite ...]

``lint`` is one call on a one-segment draft (``--no-cache``): what a
pre-commit hook pays for a changed file.  ``--db`` adds term bases of your
own as they are (e.g. the 1,000,000 concepts ``bench_scale.py --keep``
imported), and prints each command's peak RSS beside its time.
"""

from __future__ import annotations

import argparse
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

from glossary.match import save_index  # noqa: E402
from glossary.model import Concept, Term  # noqa: E402
from glossary.store import SHIPPED_PATH, TermBase  # noqa: E402

#: The issue's command (zh -> en, nothing wrong), and en -> zh with a missing
#: term, whose finding shows the expected term's pinyin (computed when the
#: term base stores none, as for imported terms).
CHECKS = {
    "check zh->en": ("世界标准日在西安举办", "World Standards Day in Xi'an"),
    "check en->zh": ("World Standards Day in Xi'an", "世界日在西安举办"),
}
#: The issue's two imported terms, in every generated term base.
ISSUE_TERMS = (("World Standards Day", "世界标准日"), ("Xi'an", "西安"))

EN_WORDS = (
    "standard quality safety energy digital carbon green smart power grid water food health "
    "industry service market trade data system management testing measurement certification "
    "conformity assessment innovation technology network security vehicle battery material "
    "machine tool product design process control engineering building transport rail road "
    "port logistics finance agriculture medical device chemical textile paper metal steel "
    "oil gas nuclear solar wind hydrogen climate environment waste recycling"
).split()


def _zh_words(limit: int = 6000) -> list[str]:
    """Frequent two- to four-character words of jieba's dictionary (no person names)."""
    import importlib.util
    import re

    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin
    han = re.compile(r"[\u4e00-\u9fff]{2,4}")
    words: list[tuple[int, str]] = []
    with open(os.path.join(os.path.dirname(spec.origin), "dict.txt"), encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 3 and han.fullmatch(parts[0]) and parts[2] not in ("nr", "nrt", "nrfg", "m"):
                words.append((int(parts[1]), parts[0]))
    words.sort(key=lambda fw: (-fw[0], fw[1]))
    return [w for _f, w in words[:limit]]


def make_termbase(path: Path, concepts: int, seed: int = 8) -> None:
    """Write ``concepts`` generated concepts into a new SQLite term base at ``path``."""
    rng = random.Random(seed)
    zh_words = _zh_words()
    seen_en: set[str] = set()
    seen_zh: set[str] = set()
    with TermBase.open(path, create=True) as tb, tb.transaction():
        for en, zh in ISSUE_TERMS:
            seen_en.add(en)
            seen_zh.add(zh)
            tb.add(Concept("term", [Term("en", en), Term("zh-Hans", zh)]))
        while len(seen_zh) < concepts:
            zh = "".join(rng.choice(zh_words) for _ in range(rng.choice((1, 2, 2, 3))))
            en = " ".join(rng.choice(EN_WORDS) for _ in range(rng.choice((1, 2, 2, 3, 4))))
            if en in seen_en or zh in seen_zh:
                continue
            seen_en.add(en)
            seen_zh.add(zh)
            tb.add(Concept("term", [Term("en", en), Term("zh-Hans", zh)]), on_conflict="skip")


def median_seconds(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float, float]:
    """Median wall-clock and median CPU seconds (user + system) of ``runs`` fresh processes, and peak RSS (MB).

    CPU time is printed beside wall time because it hardly moves when other
    work shares the machine, while wall time does.  Each process is waited
    for on its own (``os.wait4``); its peak RSS is read by GNU time when there
    is one (a child forked from this process would report this one's peak, which
    Linux carries across exec), else 0.
    """
    subprocess.run(cmd, cwd=REPO, env=env, capture_output=True)  # warms the OS cache (and any cache the tool keeps)
    walls, cpus, peak = [], [], 0.0
    for _ in range(runs):
        report = None
        run = cmd
        if Path("/usr/bin/time").exists():
            fd, report = tempfile.mkstemp(suffix=".time")
            os.close(fd)
            run = ["/usr/bin/time", "-q", "-f", "%M", "-o", report, *cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(run, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _pid, _status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if report:
            fields = Path(report).read_text().split()
            Path(report).unlink()
            if fields and fields[-1].isdigit():
                peak = max(peak, int(fields[-1]) / 1024)
    return statistics.median(walls), statistics.median(cpus), peak


def import_csv(path: Path, env: dict[str, str]) -> None:
    """A two-term term base the way a user makes one: ``glossary import`` of a CSV."""
    csv = path.with_suffix(".csv")
    csv.write_text("en,zh-Hans\n" + "".join(f'"{en}",{zh}\n' for en, zh in ISSUE_TERMS), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "glossary", "import", str(csv), "--db", str(path)],
                   cwd=REPO, env=env, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the generated term base into this folder and keep it")
    parser.add_argument("--db", type=Path, action="append", default=[], help="also time this term base as it is")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        own = folder / f"own-{args.concepts}.sqlite"
        if not own.exists():
            start = time.perf_counter()
            make_termbase(own, args.concepts)
            print(f"generated {own.name}: {args.concepts} concepts in {time.perf_counter() - start:.1f} s")
        cache = Path(tmp) / "cache"
        cache.mkdir()
        env = {k: v for k, v in os.environ.items() if k not in ("GLOSSARY_DB", "PYTHONDONTWRITEBYTECODE")}
        env["GLOSSARY_CACHE"] = str(cache)
        small = Path(tmp) / "own-2.sqlite"
        import_csv(small, env)
        # The same 10,000 concepts as `glossary import` or `build` leave them: with the
        # matching index stored beside the concepts (glossary.match.save_index) and the
        # search indexes lookup uses (as glossary.api does after a write).
        indexed = Path(tmp) / f"own-{args.concepts}-indexed.sqlite"
        shutil.copyfile(own, indexed)
        with TermBase.open(indexed) as tb, tb.transaction():
            save_index(tb)
            tb.index_for_search()
        glossary = [sys.executable, "-m", "glossary"]
        bases = (
            ("shipped", SHIPPED_PATH),
            ("own 2-term (imported CSV)", small),
            (f"own {args.concepts:,}, no stored index", own),
            (f"own {args.concepts:,}, as import/build write it", indexed),
            *((f"{db.name}, as it is", db) for db in args.db),
        )
        draft = Path(tmp) / "draft.tsv"
        draft.write_text("zh-Hans\ten\n" + "\t".join(CHECKS["check zh->en"]) + "\n", encoding="utf-8")
        print(f"median of {args.runs} fresh processes each, wall / CPU seconds; load average {_load()}")
        for label, db in bases:
            commands = {name: [*glossary, "check", "--db", str(db), "--source", src, "--target", tgt]
                        for name, (src, tgt) in CHECKS.items()}
            commands["lint, 1 segment"] = [*glossary, "lint", str(draft), "--db", str(db), "--no-cache"]
            commands["lookup"] = [*glossary, "lookup", "--db", str(db), "World Standards Day"]
            for name, cmd in commands.items():
                wall, cpu, rss = median_seconds(cmd, env, args.runs)
                print(f"{name:15} {label + ' term base':45} {wall:6.3f} s wall  {cpu:6.3f} s CPU  {rss:5.0f} MB",
                      flush=True)
        print(f"load average at the end {_load()}")


def _load() -> str:
    """The 1, 5 and 15 minute load averages: CPU time rises too when the machine is shared."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


if __name__ == "__main__":
    main()
