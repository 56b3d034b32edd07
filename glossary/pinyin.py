"""Moved to :mod:`glossary.chinese.pinyin`; this name stays until every importer uses the new one.

The module object itself is aliased, so ``glossary.pinyin.X`` is ``glossary.chinese.pinyin.X``
(private names and monkeypatching included).
"""

import sys

from glossary.chinese import pinyin as _moved

sys.modules[__name__] = _moved
