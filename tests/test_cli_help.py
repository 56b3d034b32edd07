"""``--help`` of every command, in English and in Chinese (``--lang zh`` and ``LANG``).

Every help text of the command and of each of its options must be shown,
translated, with none of the English msgids left in the Chinese help.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner
from conftest import REPO

from glossary.cli import cli
from glossary.cli.base import I18nOption
from glossary.cli.group import COMMANDS
from glossary.i18n import _, set_language

#: The environment for a Chinese UI from the locale alone (gettext's order: LANGUAGE first).
ZH_ENV = {"LANG": "zh_CN.UTF-8", "LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None}


def _squash(text: str) -> str:
    """Text without whitespace, so Click's line wrapping does not matter."""
    return "".join(text.split())


def _command(name: str) -> click.Command:
    module, attribute = COMMANDS[name].split(":")
    return getattr(importlib.import_module(module), attribute)


def _help_texts(command: click.Command, language: str) -> list[tuple[str, str]]:
    """(English, shown-in-``language``) for the command's help and each option's."""
    pairs = []
    for param in command.params:
        if isinstance(param, I18nOption) and param.help:
            values = param.help_format() if param.help_format else {}
            set_language("en")
            english = param.help.format(**values)
            set_language(language)
            pairs.append((english, _(param.help).format(**values)))
    if command.help:
        set_language(language)
        pairs.append((command.help, _(command.help)))
    set_language("en")
    return pairs


def test_every_command_is_in_the_group():
    assert sorted(cli.list_commands(click.Context(cli))) == sorted(COMMANDS)


@pytest.mark.parametrize("name", [*sorted(COMMANDS), None])
def test_english_help(name):
    args = [name, "--help"] if name else ["--help"]
    result = CliRunner().invoke(cli, args, env={"LANG": "C", "LANGUAGE": None, "LC_ALL": None}, prog_name="glossary")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: glossary")
    command = _command(name) if name else cli
    for english, shown in _help_texts(command, "en"):
        assert english == shown
        assert _squash(english) in _squash(result.output), english


#: Commands whose help the catalogs do not translate yet (helpers never edit glossary/locale; the
#: integrator regenerates and translates them, then empties this set).
AWAITING_TRANSLATION: set[str] = set()


@pytest.mark.parametrize("how", ["--lang zh", "LANG=zh_CN.UTF-8"])
@pytest.mark.parametrize("name", [*sorted(COMMANDS), None])
def test_chinese_help(name, how):
    if name in AWAITING_TRANSLATION:
        translated = all(english != shown for english, shown in _help_texts(_command(name), "zh"))
        if not translated:
            pytest.xfail(f"the catalogs do not translate {name!r} yet")
    args = [name, "--help"] if name else ["--help"]
    if how == "--lang zh":
        result = CliRunner().invoke(cli, ["--lang", "zh", *args], env={"LANG": "C", "LANGUAGE": None, "LC_ALL": None}, prog_name="glossary")
    else:
        result = CliRunner().invoke(cli, args, env=ZH_ENV, prog_name="glossary")
    assert result.exit_code == 0, result.output
    out = _squash(result.output)
    assert out.startswith("用法:glossary")
    for english in ("Usage:", "Options:", "Showthismessageandexit."):
        assert english not in out
    command = _command(name) if name else cli
    texts = _help_texts(command, "zh")
    assert texts
    for english, chinese in texts:
        assert chinese != english, f"untranslated: {english!r}"
        assert _squash(chinese) in out, chinese
        assert _squash(english) not in out, english


def test_chinese_help_from_the_locale_in_a_real_process():
    """LANG alone, in a fresh process: what a user with a Chinese desktop gets."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "zh_CN.UTF-8"
    run = subprocess.run(
        [sys.executable, "-m", "glossary", "lint", "--help"], capture_output=True, text=True, cwd=REPO, env=env
    )
    assert run.returncode == 0, run.stderr
    set_language("zh")
    try:
        expected = _("Lint translated drafts, folders of them or globs against the term base.")
    finally:
        set_language("en")
    assert expected in run.stdout and "Usage:" not in run.stdout
