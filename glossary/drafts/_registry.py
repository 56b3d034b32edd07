"""The draft-reader registry, apart from the package so its modules can import it.

:mod:`glossary.drafts` re-exports :data:`READERS`; detection and
``read_draft`` import it from here, which keeps the package's
``__init__`` -> ``readers`` import one way (no circle through the package).
The leading underscore keeps this module out of the registry's own scan.
"""

from __future__ import annotations

from glossary.drafts.base import Reader
from glossary.registry import Registry

#: Every draft reader: the built-in modules of :mod:`glossary.drafts` that
#: define ``READER``, then the ``glossary.readers`` entry points.
READERS: Registry[Reader] = Registry("reader", "glossary.readers", "glossary.drafts", "READER")
