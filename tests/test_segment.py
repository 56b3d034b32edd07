"""glossary.chinese: the segmenters agree with jieba, pinyin takes the segmenter it is given.

Pinyin cuts words with jieba's ``cut`` (its HMM on).  ``glossary build`` cuts
with a :class:`JiebaSession` (jieba itself, with the words the build adds);
``glossary check`` shows a term's pinyin through the default
:class:`Segmenter`, which reads only the words it needs, so the two must cut
alike or a check would show other pinyin than the build stored.
"""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
from conftest import REPO, SHARED

from glossary.chinese import names
from glossary.chinese.pinyin import tone_pinyin
from glossary.chinese.segment import JiebaSession, Segmenter, _jieba_dir

TEXTS = [
    "搭建中欧标准化的沟通桥梁 增进了解 实现共赢——专访欧盟驻华标准化专家项目总监徐斌博士",
    "以高水平科技创新赋能标准化工作高质量发展",
    "2021-2022年蒙古标准化发展分析：基于获批标准涉及领域的统计",
    "靳吉丽报道，二〇二四年世界标准日在西安举办。",
    "他和服务员说话\r\n  㐀㐁中国视窗",
]


def _random_texts(count: int) -> list[str]:
    """Dictionary words, runs of frequent characters (the HMM's input) and separators, mixed."""
    with open(f"{_jieba_dir()}/dict.txt", encoding="utf-8") as handle:
        words = [line.split()[0] for line, _ in zip(handle, range(30000), strict=False)]
    words = [w for w in words if all("\u4e00" <= c <= "\u9fd5" for c in w)]
    chars = sorted({c for w in words[:5000] for c in w})
    rng = random.Random(8)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 6)):
            r = rng.random()
            if r < 0.5:
                parts.append(rng.choice(words))
            elif r < 0.9:
                parts.append("".join(rng.choice(chars) for _ in range(rng.randint(1, 4))))
            else:
                parts.append(rng.choice(["，", " ", "〇", "㐀", "\r\n"]))
        texts.append("".join(parts))
    return texts


@pytest.fixture(scope="module")
def segmenters(tmp_path_factory):
    pytest.importorskip("jieba")
    import os

    old = os.environ.get("GLOSSARY_CACHE")
    os.environ["GLOSSARY_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    try:
        cached = Segmenter()
        cached.MEMORY_AFTER = 10**9  # stays on the SQLite path
        memory = Segmenter()
        memory.prepare()
        yield JiebaSession(), cached, memory
    finally:
        if old is None:
            os.environ.pop("GLOSSARY_CACHE", None)
        else:
            os.environ["GLOSSARY_CACHE"] = old


def test_hmm_cut_equals_jiebas_on_both_paths(segmenters):
    session, cached, memory = segmenters
    han_texts = [t for t in TEXTS if not any(c.isascii() and c.isalnum() for c in t)]  # what pinyin passes
    for text in han_texts + _random_texts(1500):
        expected = session.cut(text, hmm=True)
        assert cached.cut(text, hmm=True) == expected, text
        assert memory.cut(text, hmm=True) == expected, text
    assert cached._freq is None  # answered without loading jieba's dictionary


def test_tone_pinyin_is_the_same_through_either_segmenter(segmenters):
    session, cached, _memory = segmenters
    texts = list(TEXTS)
    corpus = SHARED / "corpus"
    for path in sorted(corpus.glob("*.txt")) if corpus.exists() else []:
        texts += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for text in texts:
        assert tone_pinyin(text, cached) == tone_pinyin(text, session), text
    assert tone_pinyin(TEXTS[0]).endswith("shíxiàn gòngyíng--zhuānfǎng Ōuméng zhùhuá biāozhǔnhuà zhuānjiā xiàngmù zǒngjiān Xú Bīn bóshì")


def test_a_session_starts_from_jiebas_dictionary_every_time():
    first = JiebaSession()
    first.add_word("实现共赢", 200000)
    assert first.cut("实现共赢") == ["实现共赢"]
    assert JiebaSession().cut("实现共赢") == ["实现", "共", "赢"]
    assert first.added == ["实现共赢"]


def test_showing_a_terms_pinyin_never_loads_jiebas_dictionary(tmp_path):
    code = (
        "import sys\n"
        "from glossary.chinese.pinyin import tone_pinyin\n"
        "print(tone_pinyin('世界标准日'), tone_pinyin('西安交通大学'))\n"
        "import jieba\n"
        "print(jieba.dt.initialized)\n"
    )
    env = {"GLOSSARY_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", "from glossary.chinese.pinyin import tone_pinyin; tone_pinyin('世界')"],
                   cwd=REPO, env=env, check=True)  # builds the word cache once
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["Shìjiè Biāozhǔn Rì Xī'ān Jiāotōng Dàxué", "False"]


def test_one_surname_table():
    assert {"王", "靳", "贝", "張"} <= names.SURNAMES
    assert names.is_surname("欧阳") and names.is_surname("陈") and not names.is_surname("的")
    assert names.surname_of("欧阳修") == "欧阳" and names.surname_of("欧阳") == "欧"
    assert names.surname_of("的确") is None
    assert set(names.AUTHOR_MARKERS + names.PHOTO_MARKERS) <= set(names.CREDIT_MARKERS)
    assert names.COMPOUND_SURNAMES["长孙"] == ("zhang", "sun")


def test_pinyin_shown_again_in_a_new_process_needs_neither_pypinyin_nor_jieba(tmp_path):
    code = (
        "import sys\n"
        "from glossary.chinese.pinyin import tone_pinyin\n"
        "print(tone_pinyin('搭建中欧标准化的沟通桥梁'), tone_pinyin('世界标准日'))\n"
        "print(sorted(m for m in ('pypinyin', 'jieba') if m in sys.modules))\n"
    )
    env = {"GLOSSARY_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    first, second = (r.stdout.splitlines() for r in runs)
    assert first[0] == second[0] == "dājiàn Zhōng'ōu biāozhǔnhuà de gōutōng qiáoliáng Shìjiè Biāozhǔn Rì"
    assert first[1] == "['pypinyin']"
    assert second[1] == "[]"


def test_a_session_never_reads_or_fills_the_pinyin_memo(tmp_path, monkeypatch):
    from glossary.chinese import pinyin

    calls = []
    monkeypatch.setattr(pinyin._MEMO, "get", lambda text: calls.append(text))
    monkeypatch.setattr(pinyin._MEMO, "put", lambda text, value: calls.append(text))
    session = JiebaSession()
    session.add_word("中国视窗", 200000)
    assert tone_pinyin("中国视窗", session) == "zhōngguóshìchuāng"
    assert calls == []
