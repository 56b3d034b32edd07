"""The registry of store backends, apart from ``__init__`` so that :mod:`glossary.store.base` can use it.

Private (a leading underscore), so the registry does not scan it for a
``BACKEND``.
"""

from __future__ import annotations

from glossary.registry import Registry

#: Every store backend: the built-in modules of :mod:`glossary.store` that
#: define ``BACKEND``, then the ``glossary.stores`` entry points.
STORES = Registry("store", "glossary.stores", "glossary.store", "BACKEND")
