"""The one English normalizer: each job's key, and agreement with the copies it replaces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossary import align_dict
from glossary.text.english import (
    ascii_words,
    cased_key,
    en_key,
    fold,
    gloss_stem,
    letters,
    match_key,
    name_key,
    singular,
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


@pytest.mark.parametrize("word", WORDS)
def test_aligner_keys_agree_with_the_copy_in_align_dict(word):
    """``glossary.align_dict`` may import these instead of its own: the built term base stays the same."""
    folded = align_dict.fold(word)
    assert fold(word) == folded
    assert singular(folded) == align_dict.lemma(folded)
    assert gloss_stem(folded) == align_dict.stem(folded)
    assert en_key(word) == align_dict.en_key(word)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeisyz'’-ABCS ", max_size=20))
def test_aligner_keys_agree_on_any_text(text):
    assert en_key(text) == align_dict.en_key(text)
    assert fold(text) == align_dict.fold(text)
    for word in fold(text).split():
        assert gloss_stem(word) == align_dict.stem(word)


def test_name_keys():
    assert letters("Jing Ji-li") == "jingjili"
    assert name_key("Jili Jing") == name_key("jing jili") == "jili jing"
    assert name_key("Xu, Betty-Ann") == "bettyann xu"
    assert " betty xu " in " " + ascii_words("By Betty Xu.") + " "
