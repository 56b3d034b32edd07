"""Round trips: export -> read -> export gives the same bytes, for TBX, TBX 2008 and CSV."""

from __future__ import annotations

import io
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glossary.formats import export_concepts, read_concepts
from glossary.model import CONCEPT_TYPES, STATUSES, TERM_TYPES, Concept, Flag, Source, Term

AWKWARD = "&<>\"'😀，。「」：；！？ \n\r\t" + "标准化世界日组织陈建平" + "shìjiè biāozhǔn" + "=+-@|\\:"
free_text = st.text(alphabet=string.ascii_letters + AWKWARD, max_size=12)
term_text = free_text.map(str.strip).filter(bool)
file_name = st.text(alphabet=string.ascii_lowercase + "./_-:", min_size=1, max_size=8).filter(
    lambda s: s == s.strip()
)


def sources(max_size: int = 2):
    return st.lists(
        st.builds(
            Source,
            file=file_name,
            line=st.none() | st.integers(min_value=0, max_value=99999),
            context=st.just("") | free_text,
            parent=st.none() | st.from_regex(r"c[0-9a-f]{4}", fullmatch=True),
        ),
        max_size=max_size,
        unique_by=lambda s: (s.file, s.line or 0, s.parent or ""),
    )


def terms_for(lang: str):
    return st.lists(
        st.builds(
            Term,
            lang=st.just(lang),
            text=term_text,
            status=st.sampled_from(STATUSES),
            term_type=st.sampled_from(TERM_TYPES),
            pos=st.none() | st.sampled_from(["noun", "verb", "properNoun", "other"]),
            pinyin=st.none() | free_text if lang.startswith("zh") else st.none(),
            romanization=st.none() | free_text,
            note=st.none() | free_text | st.sampled_from(["type: x", "pinyin: y", "note: z"]),
            flags=st.lists(
                st.builds(Flag, code=st.sampled_from(["pinyin-mismatch", "review"]), detail=free_text),
                max_size=2,
                unique_by=lambda f: f.code,
            ),
            sources=sources(),
        ),
        max_size=3,
        unique_by=lambda t: t.text,
    )


@st.composite
def concepts(draw, n_max: int = 4) -> list[Concept]:
    count = draw(st.integers(min_value=1, max_value=n_max))
    out = []
    used: set[str] = set()
    for i in range(count):
        terms: list[Term] = []
        for lang in draw(st.permutations(["en", "zh-Hans", "zh-Hant"])):
            # Every text unique across concepts: equal terms would merge in a store.
            terms.extend(t for t in draw(terms_for(lang)) if t.text not in used)
        if not terms:
            terms = [Term("en", f"term{i}")]
        used.update(t.text for t in terms)
        out.append(
            Concept(
                type=draw(st.sampled_from(CONCEPT_TYPES)),
                uid=f"c{i:04d}",
                terms=terms,
                subject=draw(st.none() | free_text),
                note=draw(st.none() | free_text),
                confidence=draw(st.none() | st.floats(min_value=0, max_value=1)),
                evidence=draw(st.lists(free_text, max_size=2)),
                sources=draw(sources()),
            )
        )
    return out


def export(items, fmt: str) -> bytes:
    out = io.BytesIO()
    export_concepts(items, out, fmt)
    return out.getvalue()


def reread(tmp_path, data: bytes, fmt: str, name: str = "f", *, stream: bool = False) -> list[Concept]:
    """Read ``data`` back; ``stream`` sends a TBX file down the streamed path, whatever its size."""
    import glossary.formats.tbx as tbx

    path = tmp_path / f"{name}.{'csv' if fmt == 'csv' else 'tbx'}"
    path.write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:
        if stream:
            patch.setattr(tbx, "STREAM_THRESHOLD", 0)
        batch = read_concepts(path, fmt)
        concepts = list(batch.concepts)
    assert batch.rejected == []
    return concepts


#: Formats to round-trip; ``:stream`` reads TBX with the streamed reader.
FORMATS = ["tbx", "tbx2008", "csv", "tbx:stream", "tbx2008:stream"]


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("mode", FORMATS)
@SETTINGS
@given(items=concepts())
def test_export_read_export_same_bytes(tmp_path, mode, items):
    fmt, _, how = mode.partition(":")
    first = export(items, fmt)
    second = export(reread(tmp_path, first, fmt, stream=how == "stream"), fmt)
    assert first == second


@pytest.mark.parametrize("mode", FORMATS)
@SETTINGS
@given(items=concepts())
def test_read_back_loses_nothing(tmp_path, mode, items):
    """Up to term order (grouped per language, main terms first in CSV), the concepts come back whole."""
    fmt, _, how = mode.partition(":")
    back = reread(tmp_path, export(items, fmt), fmt, stream=how == "stream")

    def canon(c: Concept):
        return (
            c.uid, c.type, c.subject, c.note, c.confidence, c.evidence,
            sorted((s.file, s.line or 0, s.context, s.parent or "") for s in c.sources),
            sorted(
                (t.lang, t.text, t.status, t.term_type, t.pos, t.pinyin, t.romanization, t.note,
                 [(f.code, f.detail) for f in t.flags],
                 [(s.file, s.line or 0, s.context, s.parent or "") for s in t.sources])
                for t in c.terms
            ),
        )

    assert [canon(c) for c in back] == [canon(c) for c in items]


@pytest.mark.parametrize("fmt", ["tbx", "tbx2008", "csv"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=concepts())
def test_round_trip_through_the_store(tmp_path_factory, fmt, items):
    """Term base -> export -> import into an empty term base -> export: same file.

    The term base is one as the tool writes it: every Chinese term has its
    pinyin (import gives one to a term without, as build does).
    """
    from glossary.formats import import_file
    from glossary.formats.common import Mapping
    from glossary.formats.complete import complete
    from glossary.store import TermBase

    items = list(complete(items, Mapping()))

    tmp = tmp_path_factory.mktemp("rt")
    with TermBase.open(tmp / "one.db", create=True) as one:
        with one.transaction():
            for concept in items:
                one.add(concept)
        first = export(one.iter_concepts(), fmt)
    path = tmp / ("x.csv" if fmt == "csv" else "x.tbx")
    path.write_bytes(first)
    with TermBase.open(tmp / "two.db", create=True) as two:
        report = import_file(two, path, fmt)
        assert report.added == len(items) and not report.rejected
        second = export(two.iter_concepts(), fmt)
        again = import_file(two, path, fmt)
        assert (again.added, again.unchanged) == (0, len(items))
        assert export(two.iter_concepts(), fmt) == first
    assert first == second
