"""Choosing a store backend: by path or URL, through the registry plugins use too."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from glossary.errors import EXIT_TERMBASE, TermBaseError
from glossary.model import Concept, Term
from glossary.store import SHIPPED_PATH, STORES, TermBase, backend_for, open_termbase
from glossary.store.jsonl import JsonlTermBase
from glossary.store.sqlite import SQLiteTermBase


@dataclass(frozen=True)
class MemoryBackend:
    """A plugin-like backend for ``memory://NAME`` (an SQLite base in memory)."""

    name: str = "memory-test"
    order: int = 50
    description: str = "in memory, for tests"

    def accepts(self, path_or_url: str) -> bool:
        return path_or_url.startswith("memory://")

    def open(self, path_or_url: str, *, create: bool = False, readonly: bool = False) -> TermBase:
        return SQLiteTermBase.open_memory(path_or_url)


@pytest.fixture
def memory_backend():
    backend = STORES.register(MemoryBackend())
    yield backend
    STORES.unregister(backend.name)


def test_built_in_backends_are_registered_with_a_description():
    builtins = [n for n in STORES.names() if STORES.origin(n).startswith("glossary.store.")]
    assert builtins == ["jsonl", "sqlite"]
    assert STORES.origin("sqlite") == "glossary.store.sqlite"
    for backend in STORES:
        assert backend.description and callable(backend.accepts) and callable(backend.open)


@pytest.mark.parametrize(
    ("path", "name"),
    [("terms/x.jsonl", "jsonl"), ("x.sqlite", "sqlite"), ("x.db", "sqlite"), ("x", "sqlite"), ("dir.jsonl/x.sqlite", "sqlite")],
)
def test_the_path_chooses_the_backend(path, name):
    assert backend_for(path).name == name


def test_a_url_no_backend_accepts_is_a_term_base_error():
    with pytest.raises(TermBaseError, match="no store backend accepts") as caught:
        open_termbase("postgresql://db.example/terms")
    assert caught.value.exit_code == EXIT_TERMBASE
    assert "jsonl, sqlite" in str(caught.value)


def test_a_registered_backend_is_chosen_for_what_it_accepts(memory_backend):
    with open_termbase("memory://scratch", create=True) as tb:
        assert tb.path == "memory://scratch"
        tb.add(Concept("org", [Term("en", "SAC")]))
        assert tb.search("sac")
        assert tb.count() == 1
    assert backend_for("x.sqlite").name == "sqlite"


def test_no_path_means_glossary_db_else_the_shipped_term_base(tmp_path, monkeypatch):
    monkeypatch.delenv("GLOSSARY_DB", raising=False)
    with open_termbase(readonly=True) as tb:
        assert isinstance(tb, JsonlTermBase) and tb.path == str(SHIPPED_PATH) and tb.count() > 100
    own = tmp_path / "own.sqlite"
    with open_termbase(own, create=True):
        pass
    monkeypatch.setenv("GLOSSARY_DB", str(own))
    with open_termbase() as tb:
        assert tb.path == str(own) and tb.count() == 0
