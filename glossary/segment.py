"""Moved to :mod:`glossary.chinese.segment`; this name stays until every importer uses the new one.

The module object itself is aliased, so ``glossary.segment.X`` is ``glossary.chinese.segment.X``
(private names and monkeypatching included).
"""

import sys

from glossary.chinese import segment as _moved

sys.modules[__name__] = _moved
