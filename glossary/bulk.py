"""Doing bulk work cheaply: items in batches as they come, the cycle collector paused.

Reading a 100,000-segment draft, checking its segments, writing a million
concepts and building their stored index all allocate hundreds of thousands
of small objects that form no reference cycles.  Each allocation burst makes
Python's cyclic collector walk the older objects, to free nothing: pausing it
halves a large read, saves a quarter of an index build and 7-10 % of a lint.  The batches keep
such work streamed (a batch in memory, not the whole input) while the writes
go in executemany-sized pieces.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), read as they come."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside the block, its previous state restored after.

    Restored, not re-enabled: a library caller that had switched it off keeps it off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


#: Systems where forking a process that has loaded libraries is safe.  macOS offers
#: ``fork`` but its system frameworks may crash or deadlock in a forked child
#: (which is why Python's default there is ``spawn``); Windows has no ``fork``.
_FORK_SAFE = ("linux", "freebsd", "openbsd", "netbsd")


def fork_safe() -> bool:
    """Whether workers may be forked here: a system where it is safe, and ``fork`` offered."""
    import multiprocessing

    return sys.platform.startswith(_FORK_SAFE) and "fork" in multiprocessing.get_all_start_methods()


def fork_cores() -> int:
    """The cores a pool of forked workers may use: 0 without a safe ``fork`` or a second core.

    The one test every bulk pool makes before it starts (the pinyin of an
    import, the stored index's keys, the read-ahead of a large file): where
    it says 0 the work stays in this process, with the same result.  The
    cores are the ones this process may run on (a container's or ``taskset``'s
    limit), not the machine's.
    """
    if not fork_safe():
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return cores if cores >= 2 else 0


__all__ = ["batches", "collector_paused", "fork_cores", "fork_safe"]
