"""How fast drafts are read: segments per second for generated 100,000-segment files.

Run from the repository root: ``python bench/bench_readers.py [segments]``.
Files are generated into a temporary directory (TSV, PO, XLIFF 1.2, UTF-16
TMX) with Chinese targets, then each is read three times through
:func:`glossary.drafts.readers.read_draft`; the best time is reported, with
the peak memory of one more read.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from glossary.drafts.readers import read_draft  # noqa: E402

WORDS_EN = "standard quality safety green development smart city carbon peak".split()
WORDS_ZH = "标准 质量 安全 绿色 发展 智慧 城市 碳 达峰".split()


def sentence(words: list[str], index: int, joiner: str) -> str:
    picked = [words[(index * 7 + k * 3) % len(words)] for k in range(8)]
    return joiner.join(picked) + f" {index}"


def generate(directory: Path, count: int) -> dict[str, Path]:
    pairs = [(sentence(WORDS_EN, i, " "), sentence(WORDS_ZH, i, "") + "。") for i in range(count)]
    tsv = directory / "draft.tsv"
    tsv.write_text("en\tzh-CN\n" + "".join(f"{en}\t{zh}\n" for en, zh in pairs), encoding="utf-8")
    po = directory / "draft.po"
    with po.open("w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
        out.write('"Language: zh_CN\\n"\n\n')
        for i, (en, zh) in enumerate(pairs):
            out.write(f'#: src/file.c:{i}\nmsgid "{en}"\nmsgstr "{zh}"\n\n')
    xlf = directory / "draft.xlf"
    with xlf.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
            '<file source-language="en" target-language="zh-CN" datatype="plaintext" '
            'original="x"><body>\n'
        )
        for i, (en, zh) in enumerate(pairs):
            out.write(
                f'<trans-unit id="{i}"><source>{escape(en)}</source>'
                f"<target>{escape(zh)}</target></trans-unit>\n"
            )
        out.write("</body></file></xliff>\n")
    tmx = directory / "draft.tmx"
    with tmx.open("w", encoding="utf-16") as out:  # BOM + native (LE) order
        out.write(
            '<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.4">'
            '<header srclang="en-US" segtype="sentence" o-tmf="x" adminlang="en" '
            'datatype="plaintext" creationtool="bench" creationtoolversion="1"/><body>\n'
        )
        for i, (en, zh) in enumerate(pairs):
            out.write(
                f'<tu tuid="{i}"><tuv xml:lang="en-US"><seg>{escape(en)}</seg></tuv>'
                f'<tuv xml:lang="zh-CN"><seg>{escape(zh)}</seg></tuv></tu>\n'
            )
        out.write("</body></tmx>\n")
    return {"tsv": tsv, "po": po, "xliff": xlf, "tmx": tmx}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(Path(tmp), count)
        print(f"{count:,} segments per file")
        print(f"{'format':<7}{'MB':>7}{'best s':>9}{'segments/s':>13}{'peak MiB':>10}")
        for name, path in files.items():
            best = float("inf")
            for _ in range(3):
                start = time.perf_counter()
                draft = read_draft(path)
                best = min(best, time.perf_counter() - start)
                assert len(draft.segments) == count, (name, len(draft.segments))
                assert draft.target_lang == "zh-Hans"
            del draft
            tracemalloc.start()
            read_draft(path)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            size = path.stat().st_size / 1e6
            print(f"{name:<7}{size:>7.1f}{best:>9.3f}{count / best:>13,.0f}{peak / 2**20:>10.0f}")


if __name__ == "__main__":
    main()
