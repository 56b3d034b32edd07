"""Writing an output file atomically, so a failure half-way leaves nothing behind.

It lives in the library, not the CLI, because :func:`glossary.api.export`
writes files too, and the library never imports the CLI.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from glossary.errors import OutputError
from glossary.i18n import _


@contextmanager
def atomic_output(path: str | Path | None, *, binary: bool = True) -> Iterator[IO[Any]]:
    """Write to ``path`` through a temporary file renamed at the end, or to stdout.

    ``None`` or ``-`` is standard output.  The temporary file sits in the
    target's folder, so the final rename is atomic; an error half-way
    removes it and leaves any old file as it was.
    """
    if path is None or str(path) == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.exists():
        raise OutputError(_("the folder does not exist"), file=str(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=str(directory))
    except OSError as exc:
        raise OutputError(_("cannot write: {reason}").format(reason=exc.strerror), file=str(path)) from None
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as out:
            yield out
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
