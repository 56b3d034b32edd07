"""Writing files so that a failure never leaves half a file behind.

It lives in the library, not the CLI, because :func:`glossary.api.export`
writes files too, and the library never imports the CLI.

Every file the tool writes (exports, term bases, baselines, reports) goes
to a temporary file in the same folder, renamed over the target at the end:
an error half-way, a full disk or Ctrl-C leaves the old file as it was.
The new file keeps the mode of the file it replaces (a new one follows the
umask), and a target that is a symlink is written where the link points, so
a linked term base stays linked.  A target that is not a regular file
(``/dev/null``, ``/dev/stdout``, a FIFO) is written in place: replacing it
would put a file where a device was.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from glossary.errors import OutputError
from glossary.i18n import _


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_file(path: Path, *, binary: bool = True) -> Iterator[IO[Any]]:
    """A stream to write ``path`` through; renamed over it only when the block succeeds."""
    if not str(path) or str(path) == ".":
        raise OutputError(_("no output file name given"), file="''")
    if Path(path).is_dir():
        raise OutputError(_("is a directory, not a file"), file=str(path))
    target = Path(os.path.realpath(path))
    directory = target.parent
    if not directory.is_dir():
        raise OutputError(_("the folder does not exist"), file=str(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        mode = _umask_mode()
    except OSError as exc:
        raise OutputError(_("cannot write: {reason}").format(reason=exc.strerror), file=str(path)) from None
    else:
        if not stat.S_ISREG(st.st_mode):
            # /dev/null, /dev/stdout, a FIFO: written in place, never replaced by a file.
            with _special_file(target, str(path), binary) as out:
                yield out
            return
        mode = st.st_mode & 0o7777
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=str(directory))
    except OSError as exc:
        raise OutputError(_("cannot write: {reason}").format(reason=exc.strerror), file=str(path)) from None
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        raise OutputError(_("cannot write: {reason}").format(reason=exc.strerror), file=str(path)) from None
    except BaseException:
        _discard(tmp)
        raise


@contextmanager
def _special_file(target: Path, name: str, binary: bool) -> Iterator[IO[Any]]:
    """Write a device or FIFO directly; a refused write (``/dev/full``) is an OutputError."""
    try:
        with open(target, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as out:
            yield out
    except OSError as exc:
        raise OutputError(_("cannot write: {reason}").format(reason=exc.strerror), file=name) from None


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


@contextmanager
def atomic_output(path: str | Path | None, *, binary: bool = True) -> Iterator[IO[Any]]:
    """Write to ``path`` atomically (:func:`atomic_file`), or to standard output for None or ``-``."""
    if path is None or str(path) == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    with atomic_file(Path(path), binary=binary) as out:
        yield out


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_file(path, binary=False) as out:
        out.write(text)
