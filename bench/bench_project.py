"""Benchmark: lint a whole documentation-shaped tree in one call, beside pofilter.

Generates a tree shaped like a real documentation project: ``--files`` PO
files (default 500) holding ``--messages`` messages in all (default 60,000),
English sources with reST markup (``:class:`x```, ````literal````,
``*param*``), placeholders (``%s``, ``{0}``, ``%(name)s``), code blocks and
URLs, Chinese translations that use the term base's renderings, with planted
errors (a wrong rendering, a changed number); and term bases of 150 and of
50,000 concepts (SQLite, imported from a generated CSV through the CLI).

Prints, in one run, for each term base: ``glossary lint TREE`` in one call
(wall and CPU, ``--jobs 1`` and ``--jobs 2``, cache off), the same with a
warm cache after one file was changed, the start-up of a lint call (one tiny
file), and translate-toolkit's ``pofilter`` over the same tree with its
default checks and with ``-t numbers -t acronyms`` (timed in this run).

    python bench/bench_project.py                       # 500 files, 60,000 messages
    python bench/bench_project.py --files 50 --messages 6000 --no-big
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench_lint import load_vocabulary, make_concepts_words  # noqa: E402

DOC_TERMS = [
    ("repository", "仓库"), ("branch", "分支"), ("commit", "提交"), ("merge", "合并"),
    ("instance", "实例"), ("volume", "卷"), ("snapshot", "快照"), ("network", "网络"),
    ("router", "路由器"), ("image", "镜像"), ("project", "项目"), ("user", "用户"),
    ("password", "密码"), ("server", "服务器"), ("container", "容器"), ("file", "文件"),
    ("directory", "目录"), ("configuration", "配置"), ("option", "选项"), ("argument", "参数"),
    ("function", "函数"), ("class", "类"), ("module", "模块"), ("package", "包"),
    ("string", "字符串"), ("integer", "整数"), ("list", "列表"), ("dictionary", "字典"),
    ("exception", "异常"), ("error", "错误"), ("warning", "警告"), ("attribute", "属性"),
    ("method", "方法"), ("object", "对象"), ("iterator", "迭代器"), ("generator", "生成器"),
    ("thread", "线程"), ("process", "进程"), ("socket", "套接字"), ("file descriptor", "文件描述符"),
]
FILLER_EN = "the a this returns uses when if for each new all of to in with from is are be can".split()
FILLER_ZH = "的 了 在 使用 返回 当 如果 每个 新 所有 将 可以 是 被 从 和".split()


def make_termbase_csv(path: Path, size: int, rng: random.Random) -> None:
    rows = list(DOC_TERMS)
    if size > len(rows):
        vocab = load_vocabulary()
        for concept in make_concepts_words(size - len(rows), rng, vocab):
            rows.append((concept.terms[0].text, concept.terms[1].text))
    rows = rows[:size]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["en", "zh"])
        writer.writerows(rows)


def message(rng: random.Random) -> tuple[str, str, list[str]]:
    """(English source, Chinese translation, PO flags) of one documentation message."""
    terms = rng.sample(DOC_TERMS, 2)
    n = rng.randint(2, 300)
    flags: list[str] = []
    en_words = rng.sample(FILLER_EN, 4)
    zh_words = rng.sample(FILLER_ZH, 3)
    (en1, zh1), (en2, zh2) = terms
    if rng.random() < 0.03:
        zh2 = "某物"  # a wrong rendering
    zh_n = n if rng.random() > 0.01 else n + 1
    kind = rng.random()
    if kind < 0.2:
        en = f"The :class:`{en1.title()}` {en_words[0]} {n} ``{en2}_id`` values"
        zh = f":class:`{en1.title()}` {zh_words[0]} {zh_n} 个 ``{en2}_id`` 值"
    elif kind < 0.4:
        flags.append("python-format")
        en = f"Could not read the {en1} %(name)s {en_words[1]} {n} {en2}s"
        zh = f"无法读取{zh1} %(name)s {zh_words[1]} {zh_n} 个{zh2}"
    elif kind < 0.55:
        en = f"Use *{en1}* with {{0}} {en_words[2]} the {en2}: see https://docs.example.org/{en1}/{n}"
        zh = f"将 *{zh1}* 与 {{0}} {zh_words[2]} {zh2} 一起使用：参见 https://docs.example.org/{en1}/{zh_n}"
    elif kind < 0.65:
        en = f"Example::\n\n    git {en1} --{en2} {n}\n    >>> print({en1}_{n})"
        zh = f"示例::\n\n    git {en1} --{en2} {zh_n}\n    >>> print({en1}_{zh_n})"
    else:
        en = f"{en_words[3].title()} {en1} {en_words[0]} {n} {en2} {en_words[1]} %s"
        zh = f"{zh1}{zh_words[0]} {zh_n} 个{zh2}{zh_words[1]} %s"
        flags.append("c-format")
    return en, zh, flags


def po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def write_tree(root: Path, files: int, messages: int, rng: random.Random) -> list[Path]:
    per_file = max(1, messages // files)
    paths = []
    for i in range(files):
        folder = root / "docs" / f"section{i % 25:02d}" / "locale" / "zh_CN" / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"page{i:03d}.po"
        lines = [
            'msgid ""',
            'msgstr ""',
            '"Content-Type: text/plain; charset=UTF-8\\n"',
            '"Language: zh_CN\\n"',
            "",
        ]
        for j in range(per_file):
            en, zh, flags = message(rng)
            lines.append(f"#: ../../source/page{i:03d}.rst:{j + 1}")
            if flags:
                lines.append("#, " + ", ".join(flags))
            lines.append(f'msgid "{po_escape(en)}"')
            lines.append(f'msgstr "{po_escape(zh)}"')
            lines.append("")
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def timed(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system of the child) and exit status."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        print(f"  ! {' '.join(command[:4])}... exited {done.returncode}: {done.stderr.strip()[:300]}")
    return wall, cpu, done.returncode


def median_of(runs: int, command: list[str], **kwargs: object) -> tuple[float, float]:
    results = [timed(command, **kwargs)[:2] for _ in range(runs)]  # type: ignore[arg-type]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--messages", type=int, default=60_000)
    parser.add_argument("--no-big", action="store_true", help="skip the 50,000-concept term base")
    parser.add_argument("--no-pofilter", action="store_true")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    rng = random.Random(2026)
    work = args.keep or Path(tempfile.mkdtemp(prefix="glossary-bench-project-"))
    work.mkdir(parents=True, exist_ok=True)
    glossary = [sys.executable, "-m", "glossary"]
    env = dict(os.environ, GLOSSARY_CACHE=str(work / "jieba-cache"))
    try:
        tree = work / "tree"
        if tree.exists():
            shutil.rmtree(tree)
        paths = write_tree(tree, args.files, args.messages, rng)
        print(f"tree: {len(paths)} PO files, {args.messages:,} messages ({work})")
        # What a machine computes once and keeps in the cache folder, as a user's first run
        # does: the SQLite copies of jieba's and CC-CEDICT's dictionaries (not timed).
        prime = "from glossary.chinese import cedict, segment; cedict.definitions(['的']); segment.Segmenter().frequency('的')"
        subprocess.run([sys.executable, "-c", prime], env=env, check=False)
        sizes = [150] if args.no_big else [150, 50_000]
        for size in sizes:
            csv_path = work / f"terms{size}.csv"
            db = work / f"terms{size}.sqlite"
            make_termbase_csv(csv_path, size, rng)
            if db.exists():
                db.unlink()
            timed([*glossary, "import", str(csv_path), "--db", str(db)], env=env)
            print(f"\nterm base: {size:,} concepts")
            common = [*glossary, "lint", str(tree), "--db", str(db), "--format", "json"]
            for jobs in (1, 2):
                wall, cpu, _status = timed([*common, "--no-cache", "--jobs", str(jobs)], env=env)
                print(f"  lint tree, --jobs {jobs}, no cache: wall {wall:6.1f} s   CPU {cpu:6.1f} s")
            cache_env = dict(env)
            timed([*common, "--jobs", "2"], cwd=work, env=cache_env)  # fill the cache
            target = paths[len(paths) // 2]
            target.write_text(target.read_text(encoding="utf-8").replace("无法读取", "不能读取", 1), encoding="utf-8")
            wall, cpu, _status = timed([*common, "--jobs", "2"], cwd=work, env=cache_env)
            print(f"  lint tree, warm cache, one file changed: wall {wall:6.2f} s   CPU {cpu:6.2f} s")
            tiny = work / "tiny.tsv"
            tiny.write_text("en\tzh-Hans\nThe repository\t仓库\n", encoding="utf-8")
            wall, cpu = median_of(5, [*glossary, "lint", str(tiny), "--db", str(db), "--no-cache"], env=env)
            print(f"  start-up (lint of one segment), median of 5: wall {wall:5.2f} s   CPU {cpu:5.2f} s")
        if not args.no_pofilter and shutil.which("pofilter"):
            out = work / "pofilter-out"
            for label, extra in (("default checks", []), ("-t numbers -t acronyms", ["-t", "numbers", "-t", "acronyms"])):
                if out.exists():
                    shutil.rmtree(out)
                wall, cpu, _status = timed(["pofilter", *extra, "-i", str(tree), "-o", str(out)])
                print(f"\npofilter, {label}: wall {wall:6.1f} s   CPU {cpu:6.1f} s")
        elif not args.no_pofilter:
            print("\npofilter not installed (pip install translate-toolkit): peer not timed")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
