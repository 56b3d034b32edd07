"""``glossary check`` on a user's own term base starts like it does on the shipped one.

An imported term has no stored pinyin, so a finding that shows it computed the
pinyin, and that used to initialise jieba's whole dictionary (2.2 s when
jieba's own cache is cold, 0.6 s when warm).  Now the default segmenter reads
only the words it needs, and the answer is remembered for the next process.
"""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

CHILD = r"""
import sys
from click.testing import CliRunner
from glossary.cli import cli
result = CliRunner().invoke(cli, sys.argv[1:])
jieba = sys.modules.get("jieba")
print(result.exit_code)
print(result.output.count("(Shìjiè Biāozhǔn Rì)"))
print(bool(jieba and jieba.dt.initialized), "pypinyin" in sys.modules)
"""


def test_check_on_an_imported_term_base_never_loads_jiebas_dictionary(tmp_path):
    csv = tmp_path / "own.csv"
    csv.write_text('en,zh-Hans\n"World Standards Day",世界标准日\n"Xi\'an",西安\n', encoding="utf-8")
    db = tmp_path / "own.sqlite"
    env = {"GLOSSARY_CACHE": str(tmp_path / "cache"), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C"}
    subprocess.run([sys.executable, "-m", "glossary", "import", str(csv), "--db", str(db)],
                   cwd=REPO, env=env, check=True, capture_output=True)
    args = ["check", "--db", str(db), "--source", "World Standards Day in Xi'an", "--target", "世界日在西安举办"]
    runs = [
        subprocess.run([sys.executable, "-c", CHILD, *args], cwd=REPO, env=env, capture_output=True, text=True,
                       check=True).stdout.split()
        for _ in range(2)
    ]
    # A finding (exit 1) that shows the term's pinyin, stored by the import as by a build:
    # neither jieba's dictionary nor pypinyin is loaded, in the first process either.
    assert runs[0] == ["1", "1", "False", "False"]
    assert runs[1] == ["1", "1", "False", "False"]
