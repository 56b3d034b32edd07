"""The CLI's own language: gettext over Babel-managed catalogs.

Messages are English msgids looked up at the moment they are shown, not at
import time, so ``--lang`` given on the command line still changes help
texts that Click built when the module was imported.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "glossary"

#: UI languages that ship complete catalogs, by the key used for the directory.
UI_LANGUAGES = ("en", "zh_Hans")

_translations: gettext.NullTranslations = gettext.NullTranslations()


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def ui_language_for(tag: str | None) -> str:
    """Map a locale name or tag (``zh_CN.UTF-8``, ``zh-Hans``, ``C``) to a UI language."""
    if not tag:
        return "en"
    base = tag.split(".")[0].split("@")[0].replace("-", "_").lower()
    if base.startswith("zh"):
        # Traditional-script locales get Simplified rather than nothing: it is
        # the only Chinese catalog shipped, and far closer than English.
        return "zh_Hans"
    return "en"


def language_from_environment(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """Pick the UI language the way gettext does: LANGUAGE, LC_ALL, LC_MESSAGES, LANG."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:
            return ui_language_for(value.split(":")[0])
    return "en"


def set_language(language: str | None) -> str:
    """Switch every later message to ``language``; returns the UI language chosen."""
    global _translations
    ui = ui_language_for(language)
    if ui == "en":
        _translations = gettext.NullTranslations()
    else:
        _translations = gettext.translation(
            DOMAIN, localedir=str(LOCALE_DIR), languages=[ui], fallback=True
        )
    return ui


@contextmanager
def process_language(language: str | None) -> Iterator[str]:
    """Use ``language`` for our messages and Click's own for the duration.

    Click's texts ("Usage:", "Options:", its errors) go through the
    process-wide gettext domain, which reads ``LANGUAGE`` at each call; our
    catalog carries them too.  The environment is restored afterwards, so a
    library user's process is left as it was.
    """
    ui = set_language(language if language else language_from_environment())
    saved = os.environ.get("LANGUAGE")
    previous_domain = gettext.textdomain()
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = ui
    try:
        yield ui
    finally:
        gettext.textdomain(previous_domain)
        if saved is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved


def _(message: str) -> str:
    """Translate ``message`` into the current UI language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


set_language(language_from_environment())
