"""The CLI's own language: complete catalogs, placeholders intact, compiled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from glossary.i18n import LOCALE_DIR, _, language_from_environment, set_language, ui_language_for

POT = LOCALE_DIR / "glossary.pot"
ZH_PO = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "glossary.po"
ZH_MO = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "glossary.mo"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


def _catalog(path: Path):
    with open(path, "rb") as handle:
        return read_po(handle)


def test_every_message_has_a_chinese_translation():
    template = _catalog(POT)
    chinese = _catalog(ZH_PO)
    missing = []
    for message in template:
        if not message.id:
            continue
        translated = chinese.get(message.id, message.context)
        strings = translated.string if translated is not None else None
        if not strings or (isinstance(strings, tuple) and not all(strings)):
            missing.append(message.id)
    assert not missing, f"untranslated: {missing[:5]} (run tools/catalogs.sh, then translate)"


def test_placeholders_survive_translation():
    for message in _catalog(ZH_PO):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # Chinese has one plural form: it follows the plural msgid.
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert sorted(PLACEHOLDER.findall(string)) == wanted, message.id


def test_compiled_catalog_matches_the_po_file():
    with open(ZH_MO, "rb") as handle:
        compiled = read_mo(handle)
    source = _catalog(ZH_PO)
    for message in source:
        if message.id and message.string and not message.fuzzy:
            assert compiled.get(message.id, message.context) is not None, message.id
            got = compiled.get(message.id, message.context).string
            as_tuple = tuple(got) if isinstance(got, (list, tuple)) else got
            expected = tuple(message.string) if isinstance(message.string, (list, tuple)) else message.string
            assert as_tuple == expected, message.id


@pytest.mark.parametrize(
    ("tag", "ui"),
    [("zh_CN.UTF-8", "zh_Hans"), ("zh-Hans", "zh_Hans"), ("zh_TW", "zh_Hans"), ("en_US.UTF-8", "en"), ("C", "en"), ("", "en")],
)
def test_ui_language_from_locale_names(tag, ui):
    assert ui_language_for(tag) == ui


def test_environment_order_follows_gettext():
    assert language_from_environment({"LANG": "zh_CN.UTF-8"}) == "zh_Hans"
    assert language_from_environment({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"


def test_switching_language_translates_at_call_time():
    set_language("zh")
    assert _("error: {message}") != "error: {message}"
    set_language("en")
    assert _("error: {message}") == "error: {message}"
