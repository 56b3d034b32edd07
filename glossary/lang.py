"""Language tags: every spelling a tool or a person uses, one canonical tag.

CAT tools write ``zh_CN``, ``ZH-CN``, ``zh-Hans-CN`` or plain ``zh`` for the
same thing; Traditional Chinese (``zh-TW``, ``zh-Hant``) must stay apart.
Babel's CLDR data decides the script, so we never guess from a hand list.
The term base stores the canonical form: ``en``, ``zh-Hans``, ``zh-Hant``,
or a bare language subtag for other languages.  Taiwan and Hong Kong keep
their region (``zh-Hant-TW``, ``zh-Hant-HK``): their vocabularies differ
(Taiwan 軟體, Hong Kong 軟件), so a team's zh-TW and zh-HK columns are two
languages, and a zh_HK draft is compared with Hong Kong usage.  Code that
only cares about the script asks :func:`script_of` or :func:`is_traditional`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from glossary.errors import InputError, LanguageTagError
from glossary.i18n import _
from glossary.text.script import looks_chinese

EN = "en"
ZH = "zh-Hans"
ZH_HANT = "zh-Hant"
ZH_TW = "zh-Hant-TW"
ZH_HK = "zh-Hant-HK"

#: The Traditional regions whose own vocabulary the converter knows (OpenCC's Taiwan and
#: Hong Kong phrase tables), by CLDR territory.  Macau and others stay plain ``zh-Hant``.
_REGIONS = {"TW": ZH_TW, "HK": ZH_HK}

_TAG_SHAPE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")

#: How canonical Chinese tags are written on export, by style.
_EXPORT_STYLES = {
    # Plain zh-Hant names no region, so it stays zh-Hant: written as zh-TW it would come
    # back as Taiwan's on import.
    "region": {ZH: "zh-CN", ZH_HANT: "zh-Hant", ZH_TW: "zh-TW", ZH_HK: "zh-HK"},
    "script": {ZH: "zh-Hans", ZH_HANT: "zh-Hant", ZH_TW: ZH_TW, ZH_HK: ZH_HK},
}


@lru_cache(maxsize=256)
def normalize(tag: str) -> str:
    """Return the canonical tag for ``tag``, or raise :class:`LanguageTagError`.

    >>> normalize("zh_CN"), normalize("zh-Hans-CN"), normalize("ZH-cn")
    ('zh-Hans', 'zh-Hans', 'zh-Hans')
    >>> normalize("zh-TW"), normalize("zh_HK"), normalize("zh-Hant"), normalize("en-US")
    ('zh-Hant-TW', 'zh-Hant-HK', 'zh-Hant', 'en')
    """
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    raw = (tag or "").strip()
    # Strip a POSIX codeset or modifier (zh_CN.UTF-8, en_US@euro).
    raw = raw.split(".")[0].split("@")[0]
    if not _TAG_SHAPE.match(raw):
        raise LanguageTagError(_("unknown language code: {tag!r}").format(tag=tag))
    parts = raw.replace("_", "-").split("-")
    parts = [parts[0].lower()] + [p.title() if len(p) == 4 else p.upper() for p in parts[1:]]
    try:
        locale = Locale.parse("_".join(parts))
    except (UnknownLocaleError, ValueError):
        # Babel has no data for some valid combinations (zh-Hans-US); retry
        # with the language and script alone before calling the tag unknown.
        try:
            locale = Locale.parse(parts[0])
            script = next((p for p in parts[1:] if len(p) == 4), None)
            if script:
                locale = Locale(locale.language, script=script)
        except (UnknownLocaleError, ValueError):
            raise LanguageTagError(
                _("unknown language code: {tag!r}").format(tag=tag)
            ) from None
    language = locale.language
    script = locale.script
    if script is None:
        likely = get_global("likely_subtags").get(language, "")
        bits = likely.split("_")
        script = bits[1] if len(bits) > 1 and len(bits[1]) == 4 else None
    if language == "zh":
        if script == "Hant" and locale.territory in _REGIONS:
            return _REGIONS[locale.territory]
        return f"zh-{script or 'Hans'}"
    return language


def script_of(tag: str) -> str:
    """The script-level tag of a canonical tag: ``zh-Hant-TW`` → ``zh-Hant``; others as they are."""
    return ZH_HANT if tag.startswith(ZH_HANT) else tag


def is_traditional(tag: str) -> bool:
    """True for ``zh-Hant`` and its regions (a canonical tag)."""
    return tag.startswith(ZH_HANT)


def region_of(tag: str) -> str | None:
    """``zh-TW`` or ``zh-HK`` for a canonical regional tag (the converter's names), else None."""
    if tag == ZH_TW:
        return "zh-TW"
    if tag == ZH_HK:
        return "zh-HK"
    return None


def same_chinese(a: str, b: str) -> bool:
    """Whether canonical tags ``a`` and ``b`` are the same written Chinese (script, and region if both have one).

    ``zh-Hant`` is the same as ``zh-Hant-TW`` (a Traditional term with no
    region serves every Traditional draft); ``zh-Hant-TW`` and ``zh-Hant-HK``
    are not.
    """
    if a == b:
        return True
    if script_of(a) != script_of(b) or not is_traditional(a):
        return False
    return a == ZH_HANT or b == ZH_HANT


def for_export(tag: str, style: str = "region") -> str:
    """Write a canonical tag as BCP 47 for files other tools read (``zh-CN`` or ``zh-Hans``)."""
    canonical = normalize(tag)
    return _EXPORT_STYLES.get(style, _EXPORT_STYLES["region"]).get(canonical, canonical)


def display_name(tag: str, ui_language: str = "en") -> str:
    """Name a language in the UI language (``Chinese (Simplified)`` / ``中文 (简体)``)."""
    from babel import Locale

    canonical = normalize(tag)
    locale = Locale.parse(canonical.replace("-", "_"))  # zh_Hant_TW: "Chinese (Traditional, Taiwan)"
    ui = Locale.parse("zh_Hans" if ui_language.startswith("zh") else "en")
    return locale.get_display_name(ui) or canonical


# -- which language a side is in ---------------------------------------------


def detect_script_language(texts: Iterable[str]) -> str:
    """Return ``'zh-Hans'`` when Han characters dominate ``texts``, else ``'en'``.

    Simplified and Traditional share most characters, so this never answers
    ``zh-Hant``: a Traditional draft says so in its file or options.
    """
    return ZH if looks_chinese(texts) else EN


def _other(tag: str) -> str:
    return EN if tag.startswith("zh") else ZH


def decide_languages(
    sources: Sequence[str] | Iterable[str],
    targets: Sequence[str] | Iterable[str],
    source_lang: str | None = None,
    target_lang: str | None = None,
    *,
    strict: bool = False,
    where: str | None = None,
) -> tuple[str, str]:
    """The (source, target) languages of a pair or a draft, one rule for ``check`` and ``lint``.

    What the caller or the file said wins (any spelling of a tag, made
    canonical); a side nobody named is told by its script.  The tool pairs
    English with Chinese, so when a side is named and the other side's
    script says the same language (a short target of codes, ``使用
    MERGE_HEAD``), the other side is the other language; when nothing was
    named and both sides look alike (a draft of codes and names), the
    magazine's direction, Chinese to English, is assumed, unless ``strict``
    (a project lint, where a guess would lint a file in the wrong direction):
    then it is an :class:`InputError` naming ``where``.
    """
    src = normalize(source_lang) if source_lang else None
    tgt = normalize(target_lang) if target_lang else None
    if src is None and tgt is None:
        src, tgt = detect_script_language(sources), detect_script_language(targets)
        if src == tgt:
            if strict:
                raise InputError(
                    _(
                        "cannot tell the languages of this draft (both sides look like {lang}); "
                        "give --source-lang and --target-lang, or set them in the configuration"
                    ).format(lang=src),
                    file=where,
                )
            return ZH, EN
        return src, tgt
    if src is None:
        assert tgt is not None
        detected = detect_script_language(sources)
        return (_other(tgt) if _same_language(detected, tgt) else detected), tgt
    if tgt is None:
        detected = detect_script_language(targets)
        return src, (_other(src) if _same_language(detected, src) else detected)
    return src, tgt


def _same_language(a: str, b: str) -> bool:
    return a.split("-")[0] == b.split("-")[0]
