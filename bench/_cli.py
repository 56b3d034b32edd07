"""Shared helpers of the gold-set benchmarks: run the stable CLI (``python -m glossary``) and
read the TSV gold sets. Measurements only: nothing here asserts."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def glossary(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``python -m glossary ARGS`` from the repository root, in English, without colour."""
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    env.pop("GLOSSARY_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, encoding="utf-8",
    )


def json_out(proc: subprocess.CompletedProcess):
    """The JSON a command printed, or None when it printed none (an error, a moved option)."""
    out = proc.stdout.strip()
    if not out:
        return None
    try:
        return json.loads(out)
    except json.JSONDecodeError:
        try:  # jsonl
            return [json.loads(line) for line in out.splitlines() if line.strip()]
        except json.JSONDecodeError:
            return None


def read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def table(headers: list[str], rows: list[list], title: str = "") -> None:
    cells = [[str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    if title:
        print(title)
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(c.rjust(w) if c.replace(".", "", 1).replace("%", "").isdigit() else c.ljust(w)
                        for c, w in zip(r, widths, strict=True)))
    print()


def ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"
