"""glossary: a bilingual English/Chinese terminology tool.

The package is laid out in the order data flows through it: ``corpus``
(text in, bilingual pairs out), ``pinyin`` and ``align`` (what a pair
means), ``store`` (the SQLite term base), ``match`` and ``checks`` (using
the term base on new translations), and ``formats`` (exchange with CAT
tools).  ``cli`` is a thin Click layer over these modules.
"""

__version__ = "0.1.0"
