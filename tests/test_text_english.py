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
    [("standards", "standard"), ("days", "day"), ("countries", "country"), ("running", "running"),
     ("stopped", "stopped"), ("applied", "applied"), ("boxes", "box"), ("status", "status"), ("iso", "iso"),
     ("instance's", "instance"), ("users'", "user"), ("children", "child"), ("indices", "index"),
     ("statuses", "status"), ("news", "news"), ("series", "series")],
)
def test_match_stemmer(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [("not", "note"), ("plan", "plane"), ("stat", "state"), ("rat", "rate"), ("sit", "site"),
     ("hop", "hope"), ("listed", "list"), ("typed", "type"), ("mapping", "map"), ("setting", "set"),
     ("noted", "not"), ("rating", "rat"), ("new", "news")],
)
def test_match_stemmer_never_merges_two_words(one, other):
    """Issue 9: 930 false errors of one catalog were *could not* read as the term *note*."""
    assert stem(one) != stem(other)


def test_no_two_dictionary_words_share_a_key():
    """Over the shipped word list: two words share a key only as singular and plural of one word."""
    from glossary.checks.latin import _english_words
    from glossary.text.english import IRREGULAR_PLURALS

    words = sorted(_english_words())
    by_key: dict[str, list[str]] = {}
    for word in words:
        by_key.setdefault(stem(word), []).append(word)
    merged = {key: group for key, group in by_key.items() if len(group) > 1}
    for key, group in merged.items():
        plurals = {key, key + "s", key + "es", key[:-1] + "ies"}
        assert all(w in plurals or IRREGULAR_PLURALS.get(w) == key for w in group), group


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


@pytest.mark.parametrize(
    "family",
    [("certify", "certified", "certificate", "certification", "certifications"),
     ("measure", "measuring", "measured", "measurement"),
     ("regulate", "regulated", "regulation", "regulator", "regulatory"),
     ("standardise", "standardize", "standardization", "standardisation"),
     ("inspect", "inspection"), ("supervise", "supervision"), ("promote", "promotion"),
     ("centre", "center"), ("organisation", "organization"), ("electric", "electricity"),
     ("assess", "assessment"), ("process", "processing"), ("consume", "consumption"),
     ("produce", "production"), ("recognize", "recognition"), ("supervisory", "supervision"),
     ("civil", "civilian"), ("inspect", "inspector"), ("trace", "traceable", "traceability"),
     ("certifying", "certified"), ("document", "documentation"), ("environment", "environmental"),
     ("plan", "planned", "planning"), ("step", "stepped"), ("ship", "shipped", "shipping"),
     ("install", "installed"), ("process", "processing"), ("apply", "applied"), ("issue", "issued"),
     ("child", "children"), ("woman", "women")],
)
def test_gloss_stem_joins_a_words_derivations(family):
    """A headline says the noun (*certification*) where CC-CEDICT glosses the verb or another
    derivation (证 'certificate', 计量 'measurement'); British spellings are American ones."""
    assert len({gloss_stem(w) for w in family}) == 1


@pytest.mark.parametrize(("one", "other"), [("standard", "standardization"), ("station", "state"),
                                            ("product", "produce"), ("nation", "notion"),
                                            ("product", "production"), ("commence", "comment")])
def test_gloss_stem_keeps_apart(one, other):
    """标准 *standard* and 标准化 *standardization* are two terms; -ation words keep their own stem."""
    assert gloss_stem(one) != gloss_stem(other)
