"""One language decision for check and lint (glossary.lang.decide_languages)."""

from __future__ import annotations

import pytest

from glossary.errors import LanguageTagError
from glossary.lang import decide_languages


@pytest.mark.parametrize(
    ("sources", "targets", "src", "tgt", "expected"),
    [
        (["世界标准日"], ["World Standards Day"], None, None, ("zh-Hans", "en")),
        (["World Standards Day"], ["世界标准日"], None, None, ("en", "zh-Hans")),
        # Both sides look alike and nobody said: the magazine's direction.
        (["ISO 9001"], ["ISO 9001"], None, None, ("zh-Hans", "en")),
        # A side named, the other looking the same: it is the other language.
        (["Use MERGE_HEAD"], ["使用 MERGE_HEAD"], "en", None, ("en", "zh-Hans")),
        (["Use MERGE_HEAD"], ["MERGE_HEAD"], "en", None, ("en", "zh-Hans")),
        (["MERGE_HEAD"], ["MERGE_HEAD"], None, "zh_TW", ("en", "zh-Hant-TW")),
        # What is said wins, in any spelling.
        (["标准"], ["standard"], "zh_TW", "en-US", ("zh-Hant-TW", "en")),
        (["标准"], ["standard"], "zh-Hans-CN", None, ("zh-Hans", "en")),
    ],
)
def test_decide_languages(sources, targets, src, tgt, expected):
    assert decide_languages(sources, targets, src, tgt) == expected


def test_decide_languages_refuses_an_unknown_tag():
    with pytest.raises(LanguageTagError):
        decide_languages(["a"], ["b"], "klingon-xx-yy-zz", None)


def test_check_and_lint_decide_alike(tmp_path):
    """The first wave decided zh-Hans->en for ``check`` and en->en for a TSV of the same pair."""
    from glossary.drafts.readers import read_draft

    draft = tmp_path / "pair.tsv"
    draft.write_text("ISO 9001\tISO 9001\n", encoding="utf-8")
    read = read_draft(draft)
    assert (read.source_lang, read.target_lang) == decide_languages(["ISO 9001"], ["ISO 9001"])
