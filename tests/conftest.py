"""Shared fixtures: paths to the small fixture files and to ../shared/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from glossary.i18n import set_language

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/, or a skip that says it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared/ is not beside this checkout")
    return path


@pytest.fixture(autouse=True)
def _english_ui():
    """Tests assert English messages unless they switch language themselves."""
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(autouse=True)
def _lint_cache_outside_the_checkout(tmp_path_factory, monkeypatch):
    """``glossary lint`` caches findings at the project root; tests keep theirs in a temporary folder."""
    monkeypatch.setenv("GLOSSARY_LINT_CACHE", str(tmp_path_factory.getbasetemp() / "lint-cache"))


# CI runs property tests on a fixed sequence of examples, so a landing never hangs on
# luck; a developer's run explores new ones (and saves any failure it finds).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
