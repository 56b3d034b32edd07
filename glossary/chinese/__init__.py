"""The Chinese layer: word boundaries, pinyin and person names.

:mod:`glossary.chinese.segment` cuts Han text into words the way jieba does,
in sessions that own the words they add (nothing is added to jieba's
process-wide tokenizer); :mod:`glossary.chinese.pinyin` reads and romanizes
Chinese, taking the segmenter to use as an argument; and
:mod:`glossary.chinese.names` holds the one table of Chinese surnames and the
one list of byline and credit markers every other module uses.
"""
