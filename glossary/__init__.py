"""glossary: a bilingual English/Chinese terminology tool.

The package is laid out in the order data flows through it: ``text`` and
``corpus`` (text in, bilingual pairs out), ``pinyin`` and ``align`` (what a
pair means), ``store`` (the term base), ``match``, ``checks`` and ``lint``
(using the term base on new translations), ``formats`` (exchange with CAT
tools), then :mod:`glossary.api`, the functions a Python user calls, and
``cli``, a thin Click layer over them that the library never imports.

The API is also reachable from the package itself, loaded on first use so
that ``import glossary`` (and so every ``glossary`` command) stays cheap:
``glossary.open_termbase``, ``glossary.check``, ``glossary.read_draft``,
``glossary.export``, ``glossary.import_``, ``glossary.validate``.  ``build``
and ``lint`` are ``glossary.api.build`` and ``glossary.api.lint``: the names
``glossary.build`` and ``glossary.lint`` are the library modules.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: API functions reachable as ``glossary.NAME`` (PEP 562), without loading them at import.
#: ``build`` and ``lint`` are left out: they would be shadowed by the modules of those names.
_API = ("open_termbase", "check", "read_draft", "export", "import_", "validate")


def __getattr__(name: str) -> Any:
    if name in _API or name == "api":
        # Lazy on purpose: glossary.api imports the whole library (PEP 562).
        api = importlib.import_module("glossary.api")
        return api if name == "api" else getattr(api, name)
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_API, "api"])
