"""The text layer: what every other layer needs to know about raw text.

One script detector (:mod:`glossary.text.script`), one file decoder
(:mod:`glossary.text.decode`).  Drafts, exchange formats and the corpus
reader all use these, so a Han character or a GB18030 file means the same
thing everywhere.  Nothing here knows about terms or languages' words.
"""
