"""Each command loads only its own library modules, so check and lookup start fast.

The commands are loaded by name (glossary.cli.base.I18nGroup); a command
module importing the whole library at its top would show here first.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO

_PROBE = """
import atexit, sys
atexit.register(lambda: print(" ".join(sorted(sys.modules)), file=sys.stderr))
from glossary.cli import main
sys.argv = ["glossary", *sys.argv[1:]]
main()
"""


def _modules_loaded_by(*args: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k != "GLOSSARY_DB"}
    run = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=REPO, env=env)
    return set(run.stderr.split())


@pytest.mark.parametrize(
    ("args", "absent"),
    [
        (
            ("check", "--source", "标准", "--target", "standard"),
            {
                "glossary.build", "glossary.corpus.pairs", "glossary.formats", "glossary.formats.tbx", "lxml",
                # what the API offers other commands (lazy handles in glossary.api), the aligner's
                # dictionary (one note of the term rule), and the plugin machinery with no plugin
                "glossary.edit", "glossary.extract", "glossary.project", "glossary.config", "glossary.baseline",
                "glossary.align_dict", "importlib.metadata",
            },
        ),
        (
            ("lookup", "World Standards Day"),
            {"glossary.api", "glossary.lint", "glossary.match", "glossary.build", "glossary.formats", "glossary.cli.check"},
        ),
    ],
)
def test_a_command_loads_only_what_it_needs(args, absent):
    loaded = _modules_loaded_by(*args)
    assert f"glossary.cli.{args[0]}" in loaded
    assert not loaded & absent
