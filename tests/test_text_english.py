"""The one English normalizer: each job's key, and agreement with the copies it replaces."""

from __future__ import annotations

import pytest

from glossary import align_dict
from glossary.text.english import (
    ascii_words,
    cased_key,
    en_key,
    gloss_stem,
    letters,
    match_key,
    name_key,
    stem,
)

WORDS = [
    "standards", "days", "countries", "boxes", "classes", "physics", "status", "analysis",
    "buzzes", "running", "stopped", "applied", "hoped", "industrial", "revitalization",
    "twins", "trade-ins", "e-commerce", "World’s", "cities", "a", "is", "ISO", "SDOs",
]


@pytest.mark.parametrize(
    ("word", "expected"),
    [("standards", "standard"), ("days", "day"), ("countries", "country"), ("running", "run"),
     ("stopped", "stop"), ("applied", "apply"), ("boxes", "box"), ("status", "status"), ("iso", "iso")],
)
def test_match_stemmer(word, expected):
    assert stem(word) == expected


def test_match_and_cased_keys():
    assert match_key("Standards") == match_key("standard") == "standard"
    assert match_key("World’s") == match_key("world's")
    assert cased_key("SDOs") == "SDO" and cased_key("ISO") == "ISO" and cased_key("Is") == "Is"


def test_the_aligner_uses_these_keys():
    """One English normaliser: the aligner's dictionary keys are these functions, not copies."""
    assert align_dict.en_key is en_key and align_dict.stem is gloss_stem



def test_name_keys():
    assert letters("Jing Ji-li") == "jingjili"
    assert name_key("Jili Jing") == name_key("jing jili") == "jili jing"
    assert name_key("Xu, Betty-Ann") == "bettyann xu"
    assert " betty xu " in " " + ascii_words("By Betty Xu.") + " "
