"""The bulk helpers: batches read as they come, the collector's state restored."""

from __future__ import annotations

import gc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glossary import bulk
from glossary.bulk import batches, collector_paused


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=7))
def test_batches_keep_every_item_in_order_in_lists_of_size(items, size):
    got = list(batches(items, size))
    assert [x for batch in got for x in batch] == items
    assert all(len(batch) == size for batch in got[:-1])
    assert not got or 1 <= len(got[-1]) <= size


def test_batches_read_the_input_as_they_come():
    read = []

    def items():
        for k in range(10):
            read.append(k)
            yield k

    first = next(batches(items(), 3))
    assert first == [0, 1, 2] and read == [0, 1, 2]


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_and_left_as_it_was(enabled):
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), collector_paused():
            raise RuntimeError("a failure inside")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_fork_cores_is_zero_where_fork_is_unsafe_or_one_core(monkeypatch):
    monkeypatch.setattr(bulk.sys, "platform", "darwin")
    assert bulk.fork_cores() == 0
    monkeypatch.setattr(bulk.sys, "platform", "linux")
    monkeypatch.setattr(bulk.os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert bulk.fork_cores() == 0
    monkeypatch.setattr(bulk.os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    assert bulk.fork_cores() == 2
