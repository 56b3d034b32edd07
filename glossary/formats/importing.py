"""Import a terminology file into a term base: all of it, or nothing.

Concepts are written as they are read, all in one transaction: a small file
is checked completely before the first write, a large TBX entry by entry
(see :mod:`glossary.formats.tbxstream`), and an error anywhere rolls the
transaction back, so a file that is not well-formed or breaks the TBX
structure leaves the term base untouched either way.

What to do with a concept the term base already has (``on_conflict``) is
the term base's own merge policy, reached through its public ``add``: this
module knows nothing of how a store keeps concepts, so every backend
imports alike.  It reads no file either: :func:`glossary.formats.import_file`
hands it a batch from the format registry.

A large file is read in a forked process while this one writes
(:func:`read_ahead`): reading a TBX entry is about a third of what writing
it costs, and on two cores the two overlap instead of adding up.
"""

from __future__ import annotations

import dataclasses
import gc
import io
import os
import pickle
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary.bulk import fork_cores
from glossary.errors import GlossaryError
from glossary.formats.base import ImportBatch
from glossary.formats.common import Mapping
from glossary.i18n import _
from glossary.model import Concept, Flag, Source, Term

if TYPE_CHECKING:  # the type only: importing a file needs no store module loaded
    from multiprocessing.connection import Connection

    from glossary.store import TermBase
    from glossary.store.merge import StatusChange

ON_CONFLICT = ("skip", "replace", "merge")
#: A term base's ``prepare_import``: concepts in, what its ``add_all`` takes out.
Preparer = Callable[[Iterable[Concept]], Iterable[object]]


@dataclass
class ImportReport:
    path: str
    format: str
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    replaced: int = 0
    #: (where, reason) for entries left out as invalid.
    rejected: list[tuple[str, str]] = field(default_factory=list)
    #: What was changed to fit the model, with counts ("language zh_CN -> zh-Hans (12)").
    mapped: list[str] = field(default_factory=list)
    #: Each status the file changed in a concept the term base had (the file's word wins).
    statuses: list[StatusChange] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.merged + self.unchanged + self.skipped + self.replaced

    def summary(self) -> str:
        return _(
            "{added} added, {merged} merged, {unchanged} unchanged, {skipped} skipped, "
            "{replaced} replaced, {rejected} rejected"
        ).format(
            added=self.added,
            merged=self.merged,
            unchanged=self.unchanged,
            skipped=self.skipped,
            replaced=self.replaced,
            rejected=len(self.rejected),
        )


def import_batch(tb: TermBase, batch: ImportBatch, path: str, *, on_conflict: str = "merge") -> ImportReport:
    """Write ``batch`` into ``tb`` in one transaction and count what happened to each concept.

    Concepts added by this batch are kept apart from each other (two
    entries of one file with an equal term are two concepts, as the file
    says), but merge with what the term base had before.
    """
    if on_conflict not in ON_CONFLICT:
        raise ValueError(on_conflict)
    report = ImportReport(path=path, format=batch.format)
    try:
        counts = _write(tb, batch, on_conflict, report)
    finally:
        # At once, not when the garbage is collected: a read-ahead process or pinyin workers stop now.
        close = getattr(batch.concepts, "close", None)
        if close is not None:
            close()
    for outcome, count in counts.items():
        setattr(report, outcome, getattr(report, outcome) + count)
    # Only now complete: a streamed batch fills them as its concepts are read.
    report.rejected = list(batch.rejected)
    report.mapped = list(batch.mapped)
    return report


def _write(tb: TermBase, batch: ImportBatch, on_conflict: str, report: ImportReport) -> dict[str, int]:
    """:func:`import_batch`'s transaction: every concept written, counted by outcome."""
    with tb.transaction():
        bulk = getattr(tb, "add_all", None)
        if bulk is not None:
            # The backend's own batched path (SQLite: executemany into an empty base), same outcomes.
            counts = bulk(batch.concepts, on_conflict, statuses=report.statuses)
        else:
            counts = {}
            added_here: set[str] = set()
            for concept in batch.concepts:
                outcome = tb.add(concept, on_conflict=on_conflict, keep_apart=added_here, statuses=report.statuses)
                if outcome == "added" and concept.uid:
                    added_here.add(concept.uid)
                counts[outcome] = counts.get(outcome, 0) + 1
    return counts


# -- reading in a forked process ------------------------------------------------------------

#: Files from this many bytes up are read in a forked process (:func:`read_ahead`): a MiB of CSV
#: is some 27,000 concepts, seconds of work; a smaller file is not worth a process.
READ_AHEAD_FROM = 2**20
#: Concepts per message from the reading process: a few hundred KB, so it is never far ahead.
_SENT = 1000


def _positional(cls: type) -> Any:  # noqa: ANN401 - a reducer for pickle's dispatch table
    """Pickle a model dataclass as its class and its fields in order, rebuilt by one call.

    Pickle's default (``__reduce_ex__``: a bare object, then its ``__dict__``)
    costs the receiving process twice as much, and it is the writing one.
    """
    get = attrgetter(*(f.name for f in dataclasses.fields(cls)))

    def reduce(obj: object) -> tuple[type, tuple]:
        return cls, get(obj)

    return reduce


#: Exact classes only: a subclass (a plugin's) is pickled the default way, whole.
_REDUCERS = {cls: _positional(cls) for cls in (Concept, Term, Source, Flag)}


def _dumps(obj: object) -> bytes:
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(obj)
    return out.getvalue()


def _can_fork() -> bool:
    """Two cores, ``fork``, and no other thread (one holding a lock at the fork would deadlock the child)."""
    return fork_cores() > 0 and threading.active_count() == 1


def read_ahead(batch: ImportBatch, extra: Mapping, path: str | Path, tb: TermBase | None = None) -> ImportBatch:
    """``batch`` read by a forked process while this one writes: the same concepts, in order.

    A streamed batch (an iterator: a large TBX, any table) of a file of
    :data:`READ_AHEAD_FROM` bytes or more, where ``fork`` exists and there
    are two cores; else ``batch`` itself.  The returned batch's ``rejected``
    and ``mapped``, and ``extra`` (what :func:`glossary.formats.complete.complete`
    counted), are filled when its last concept has been handed out, as a
    streamed batch's are; an error the reading raises is raised here at the
    same place in the stream, after the concepts that preceded it.

    When ``tb`` writes in bulk and takes concepts in a form of its own
    (SQLite's ``add_all`` and ``prepare_import``: plain tuples), the reading
    process sends that form and the batch hands it out instead of concepts:
    tuples cross the pipe at a fraction of what pickling model objects
    costs, most of it in the writing process, which rebuilt each object.
    """
    if isinstance(batch.concepts, list) or not _can_fork():
        return batch
    try:
        size = Path(path).stat().st_size
    except OSError:
        return batch
    if size < READ_AHEAD_FROM:
        return batch
    prepare = getattr(tb, "prepare_import", None) if getattr(tb, "add_all", None) is not None else None
    result = ImportBatch(concepts=iter(()), mapped=[], rejected=[], format=batch.format)
    result.concepts = _received(batch, extra, result, prepare, str(path))
    return result


def _send_all(batch: ImportBatch, extra: Mapping, sender: Connection, prepare: Preparer | None) -> None:
    """The reading process: every concept of ``batch`` (as ``prepare`` makes it), then what was counted, or the error."""
    gc.disable()  # as the writing process reads (SQLite's add_all): small objects, no cycles
    try:
        chunk: list[object] = []
        for concept in batch.concepts if prepare is None else prepare(batch.concepts):
            chunk.append(concept)
            if len(chunk) >= _SENT:
                sender.send_bytes(_dumps(("concepts", chunk)))
                chunk = []
        if chunk:
            sender.send_bytes(_dumps(("concepts", chunk)))
        sender.send_bytes(_dumps(("end", list(batch.rejected), list(batch.mapped), dict(extra.counts))))
    except BrokenPipeError:  # the writer stopped (an error of its own): nobody to tell
        pass
    except BaseException as exc:  # noqa: BLE001 - every error goes to the writer, which raises it
        told = traceback.format_exc()
        try:
            message = _dumps(("error", exc, told))
        except Exception:  # noqa: BLE001 - an error that cannot be pickled: its text
            message = _dumps(("error", None, told))
        try:
            sender.send_bytes(message)
        except OSError:
            pass
    finally:
        close = getattr(batch.concepts, "close", None)
        if close is not None:
            close()  # its own workers (a table's pinyin) stop with it
        sender.close()


def _run_child(
    batch: ImportBatch, extra: Mapping, sender: Connection, receiver: Connection, prepare: Preparer | None
) -> None:
    """In the forked process: read, send, and leave without running anything of the parent's."""
    status = 1
    try:
        receiver.close()
        _send_all(batch, extra, sender, prepare)
        status = 0
    finally:
        try:
            sys.stderr.flush()
        finally:
            os._exit(status)


#: Seconds the writing process waits for the reading one to end once told to, before killing it.
_PATIENCE = 30.0


def _received(
    batch: ImportBatch, extra: Mapping, result: ImportBatch, prepare: Preparer | None, path: str
) -> Iterator[object]:
    """The writing process's side of :func:`read_ahead`: forks at the first concept asked for.

    A bare ``os.fork``, not a ``multiprocessing.Process``: the reading may
    start its own workers (the pinyin of a table's terms), which a daemon
    process may not, and a non-daemon one is joined at exit, which would wait
    forever for a reader blocked on a full pipe.  To stop it early the pipe
    is closed: its next send fails, and it stops its workers and ends.
    """
    from multiprocessing.connection import Pipe

    receiver, sender = Pipe(duplex=False)
    sys.stdout.flush()
    sys.stderr.flush()  # or the child would write again what the buffers hold
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; its coverage is not collected
        _run_child(batch, extra, sender, receiver, prepare)
    sender.close()
    try:
        while True:
            try:
                message = pickle.loads(receiver.recv_bytes())
            except EOFError:  # killed (out of memory, a signal) before it could send its end or error
                break
            kind = message[0]
            if kind == "concepts":
                yield from message[1]
            elif kind == "end":
                _kind, rejected, mapped, counts = message
                result.rejected.extend(rejected)
                result.mapped = mapped
                for text, n in counts.items():
                    extra.add(text, n)
                return
            else:
                _kind, exc, told = message
                if exc is None:
                    raise RuntimeError(told)
                if not isinstance(exc, GlossaryError):  # a bug: where it happened, for its report
                    exc.add_note(told)
                raise exc
    finally:
        receiver.close()
        status = _reap(pid)
    raise _reader_died(path, status)  # only the break above leaves the loop without returning or raising


def _reap(pid: int) -> int:
    """Wait for the reading process to end (it will, its pipe closed), or kill it after :data:`_PATIENCE`; its status."""
    deadline = time.monotonic() + _PATIENCE
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            return os.waitpid(pid, 0)[1]
        time.sleep(0.005)


def _reader_died(path: str, status: int) -> GlossaryError:
    """The error of a reading process that ended without sending its concepts' end or an error."""
    code = os.waitstatus_to_exitcode(status)  # minus the signal's number when a signal ended it
    if code < 0:
        try:
            why = signal.Signals(-code).name
        except ValueError:
            why = str(-code)
        message = _("the process reading the file was killed ({signal}): out of memory?").format(signal=why)
    else:
        message = _("the process reading the file ended without a word (exit status {status})").format(status=code)
    return GlossaryError(message, file=path)
