"""The one entry point ``glossary lint`` reads drafts through.

Each format has its own module; this one picks the reader and settles the
languages, in one order everywhere: what the caller said, else what the
file says, else what the script of the text shows.  Centralising that rule
keeps a TSV and an XLIFF of the same translation linted the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from glossary.bulk import collector_paused
from glossary.drafts._registry import READERS
from glossary.drafts.base import Draft, Reader, is_pair
from glossary.drafts.detect import detect_reader
from glossary.errors import InputError
from glossary.i18n import _
from glossary.lang import decide_languages, detect_script_language, normalize

__all__ = ["READERS", "read_draft", "reader_named", "detect_script_language"]


def __getattr__(name: str) -> Any:
    """``FORMATS``, the reader names, computed when asked for.

    A constant would load every reader module and the installed plugins as
    soon as :mod:`glossary.drafts` is imported; the registry is lazy so that
    only a command that reads a draft pays for that.
    """
    if name == "FORMATS":
        return tuple(READERS.names())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def reader_named(input_format: str) -> Reader:
    """The reader registered as ``input_format`` (any case), or an InputError listing them."""
    name = input_format.strip().lower()
    if name not in READERS:
        raise InputError(
            _("unknown input format {name}; use one of {formats}").format(
                name=name, formats=", ".join(READERS.names())
            )
        )
    return READERS.get(name)



def read_draft(
    path: str | Path,
    target_path: str | Path | None = None,
    *,
    input_format: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    encoding: str | None = None,
    strict_languages: bool = False,
) -> Draft:
    """Read a translated draft into segments with canonical languages.

    ``strict_languages``: a draft whose languages neither the caller, the
    file nor the scripts can tell is an error naming it, not a guess.

    ``target_path`` is the translation for two line-aligned text files.
    ``input_format`` (a name in :data:`READERS`) skips detection.  Explicit
    ``source_lang``/``target_lang`` override the file's; any side still
    unknown is decided by :func:`glossary.lang.decide_languages`, as ``check`` decides.
    Every failure is a :class:`~glossary.errors.GlossaryError` with the file
    and, where there is one, the line.
    """
    caller_source = normalize(source_lang) if source_lang else None
    caller_target = normalize(target_lang) if target_lang else None
    if input_format is None:
        reader = detect_reader(path, target_path)
    else:
        reader = reader_named(input_format)
    languages = {"source_lang": caller_source, "target_lang": caller_target, "encoding": encoding}
    if is_pair(reader):
        if target_path is None:
            raise InputError(
                _("the {name} format needs two files: the source and its translation").format(
                    name=reader.name
                ),
                file=str(path),
            )
        with collector_paused():
            draft = reader.read(path, target_path, **languages)
    else:
        if target_path is not None:
            raise InputError(
                _("a second file is read only with the {pairs} format, not {name}").format(
                    pairs=" / ".join(r.name for r in READERS if is_pair(r)), name=reader.name
                ),
                file=str(target_path),
            )
        with collector_paused():
            draft = reader.read(path, **languages)
    draft.source_lang = caller_source or draft.source_lang
    draft.target_lang = caller_target or draft.target_lang
    if strict_languages and not draft.segments:
        return draft  # nothing to tell languages by: the caller reports the empty draft
    draft.source_lang, draft.target_lang = decide_languages(
        [s.source for s in draft.segments],
        [s.target for s in draft.segments],
        draft.source_lang,
        draft.target_lang,
        strict=strict_languages,
        where=str(path),
    )
    return draft
