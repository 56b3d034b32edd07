"""The one entry point ``glossary lint`` reads drafts through.

Each format has its own module; this one picks the reader and settles the
languages, in one order everywhere: what the caller said, else what the
file says, else what the script of the text shows.  Centralising that rule
keeps a TSV and an XLIFF of the same translation linted the same way.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from glossary.drafts.base import Draft
from glossary.drafts.detect import FORMATS, detect_format
from glossary.errors import InputError
from glossary.i18n import _
from glossary.lang import decide_languages, detect_script_language, normalize

__all__ = ["FORMATS", "read_draft", "detect_script_language"]

Reader = Callable[..., Draft]


def _reader(input_format: str) -> Reader:
    """Import only the reader needed: lxml stays unloaded for a TSV."""
    if input_format == "tsv":
        from glossary.drafts.tabular import read_tsv

        return read_tsv
    if input_format == "xliff":
        from glossary.drafts.xliff import read_xliff

        return read_xliff
    if input_format == "tmx":
        from glossary.drafts.tmx import read_tmx

        return read_tmx
    if input_format == "po":
        from glossary.drafts.po import read_po

        return read_po
    from glossary.drafts.corpus import read_corpus

    return read_corpus


@contextmanager
def _paused_gc() -> Iterator[None]:
    """Pause the cycle collector while a reader builds its segments.

    Readers allocate hundreds of thousands of small objects that form no
    cycles, and each allocation burst triggers a full-heap scan: pausing the
    collector halves the time to read a 100,000-segment TSV.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_draft(
    path: str | Path,
    target_path: str | Path | None = None,
    *,
    input_format: str | None = None,
    source_lang: str | None = None,
    target_lang: str | None = None,
    encoding: str | None = None,
) -> Draft:
    """Read a translated draft into segments with canonical languages.

    ``target_path`` is the translation for two line-aligned text files.
    ``input_format`` (one of :data:`FORMATS`) skips detection.  Explicit
    ``source_lang``/``target_lang`` override the file's; any side still
    unknown is decided by :func:`glossary.lang.decide_languages`, as ``check`` decides.
    Every failure is a :class:`~glossary.errors.GlossaryError` with the file
    and, where there is one, the line.
    """
    caller_source = normalize(source_lang) if source_lang else None
    caller_target = normalize(target_lang) if target_lang else None
    if input_format is None:
        input_format = detect_format(path, target_path)
    input_format = input_format.strip().lower()
    if input_format not in FORMATS:
        raise InputError(
            _("unknown input format {name}; use one of {formats}").format(
                name=input_format, formats=", ".join(FORMATS)
            )
        )
    languages = {"source_lang": caller_source, "target_lang": caller_target, "encoding": encoding}
    if input_format == "text":
        if target_path is None:
            raise InputError(
                _("the text format needs two files: the source and its translation"),
                file=str(path),
            )
        from glossary.drafts.aligned import read_aligned

        with _paused_gc():
            draft = read_aligned(path, target_path, **languages)
    else:
        if target_path is not None:
            raise InputError(
                _("a second file is read only with the text format, not {name}").format(
                    name=input_format
                ),
                file=str(target_path),
            )
        reader = _reader(input_format)
        with _paused_gc():
            draft = reader(path, **languages)
    draft.source_lang = caller_source or draft.source_lang
    draft.target_lang = caller_target or draft.target_lang
    draft.source_lang, draft.target_lang = decide_languages(
        [s.source for s in draft.segments],
        [s.target for s in draft.segments],
        draft.source_lang,
        draft.target_lang,
    )
    return draft
