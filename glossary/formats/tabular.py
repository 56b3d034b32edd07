"""CSV (the public contract) and OmegaT TSV glossaries.

CSV columns, in this order (keep them stable: scripts read them)::

    id type subject en zh pinyin romanization status flags source context note
    confidence evidence en_preferred en_admitted en_deprecated en_superseded
    en_variant en_acronym en_abbreviation zh_preferred ... zh_abbreviation extra

* ``en``/``zh``: the preferred English and Chinese terms; ``pinyin`` and
  ``romanization`` are the Chinese term's, ``flags`` its flags
  (``pinyin-mismatch: detail``), ``status`` the status of both (one value,
  or ``en | zh`` when they differ).
* ``source``/``context``: the concept's provenance as ``file:line`` and the
  text around it, as parallel lists.
* ``en_admitted``, ``zh_deprecated``...: the other terms, by status when they
  are full forms, by term type (``en_acronym``) when they are admitted
  abbreviations, acronyms or variants.
* Lists are separated by `` | ``; a ``|`` or ``\\`` inside an item is escaped
  with a backslash.
* ``extra``: what the columns above cannot say, as JSON (empty in most rows):
  attributes of the other terms (their pinyin, notes, sources), terms in
  other languages, unusual status/type pairs.  With it the CSV round-trips
  without loss; edit the plain columns, leave ``extra`` to the tool.  Each
  term entry names its term by text and by cell (``"at": "en_admitted:1"``),
  so a term whose text is edited in a spreadsheet keeps what ``extra``
  says about it, and a ``pinyin`` cell that no longer spells an edited
  ``zh`` cell is derived afresh.  A malformed ``extra`` (wrong types,
  nesting deeper than ours) rejects its row, with the line.

Written as UTF-8 with a BOM so that spreadsheet programs show Chinese.  A
cell that would start with ``=``, ``+``, ``-``, ``@``, a tab, a line break or
a full-width ``＝＋－＠`` (after any ``'``) is prefixed with ``'`` against
formula injection; import removes exactly that
one ``'``, so the round trip is exact.

The TSV form is OmegaT's glossary: ``source<TAB>target<TAB>comment``, one
pair a line, no header; tabs and line breaks inside terms become spaces, and
a line that would start with ``#`` (which OmegaT skips as a comment) gets a
space in front, which OmegaT and our reader trim.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from glossary.errors import InputError, LanguageTagError
from glossary.formats.base import Format, ImportBatch
from glossary.formats.columns import (
    classify,
    classify_one,
    describe,
    infer_by_script,
    is_header,
    lang_of,
    names_columns,
    parse_columns,
)
from glossary.formats.common import (
    CONCEPT_TYPES_SET,
    Mapping,
    filter_langs,
    format_flag,
    format_source,
    map_status,
    parse_flag,
    parse_source,
)
from glossary.formats.complete import pinyin_fits
from glossary.i18n import N_, _
from glossary.lang import normalize
from glossary.model import STATUSES, TERM_TYPES, Concept, Flag, Source, Term
from glossary.store._codec import source_to_json
from glossary.text.decode import decode_bytes, read_bytes, sniff_bom
from glossary.text.script import is_han
from glossary.xmlsafe import document_start

EN, ZH = "en", "zh-Hans"
_PREFIX = {EN: "en", ZH: "zh"}
_OTHER_KINDS = (*STATUSES, "variant", "acronym", "abbreviation")
MAIN_COLUMNS = (
    "id", "type", "subject", "en", "zh", "pinyin", "romanization", "status", "flags", "source",
    "context", "note", "confidence", "evidence",
)
COLUMNS = (
    *MAIN_COLUMNS,
    *(f"en_{k}" for k in _OTHER_KINDS),
    *(f"zh_{k}" for k in _OTHER_KINDS),
    "extra",
)
#: What a spreadsheet may take for the start of a formula: OWASP's ``= + - @``, tab and
#: carriage return, a line feed, and the full-width forms a Chinese input method types.
FORMULA_START = "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20"
_NEEDS_QUOTE = re.compile("^'*[" + re.escape(FORMULA_START) + "]")
_QUOTED = re.compile("^'+[" + re.escape(FORMULA_START) + "]")


# -- cells ------------------------------------------------------------------------------


def neutralize(value: str) -> str:
    """Guard a cell against formula injection, reversibly."""
    return "'" + value if _NEEDS_QUOTE.match(value) else value


def unneutralize(value: str) -> str:
    return value[1:] if _QUOTED.match(value) else value


def join_list(items: Sequence[str]) -> str:
    return " | ".join(i.replace("\\", "\\\\").replace("|", "\\|") for i in items)


def split_list(cell: str) -> list[str]:
    if cell == "":
        return []
    tokens: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == "|":
            tokens.append("".join(current))
            current = []
        else:
            current.append(ch)
    tokens.append("".join(current))
    last = len(tokens) - 1
    out = []
    for i, token in enumerate(tokens):
        if i > 0 and token.startswith(" "):
            token = token[1:]
        if i < last and token.endswith(" "):
            token = token[:-1]
        out.append(token)
    return out


# -- export --------------------------------------------------------------------------------


def _source_json(source: Source) -> dict[str, Any]:
    """A source in the ``extra`` column: the term base's own JSON form (one writer for both)."""
    return source_to_json(source)


def _term_extra(term: Term, *, keep: set[str], new: bool, at: str | None = None) -> dict[str, Any]:
    """Attributes of ``term`` that its columns do not carry (``keep`` names those they do).

    ``at`` is the cell the term's text is in (``en``, ``zh_admitted:1``):
    an import finds the term by its text, or, when the text was edited in a
    spreadsheet, by that place (see :func:`_apply_extra`).
    """
    data: dict[str, Any] = {}
    if new:
        data["new"] = True
        data["status"] = term.status
        data["term_type"] = term.term_type
    elif "term_type" not in keep and term.term_type != "fullForm":
        data["term_type"] = term.term_type
    for key in ("pos", "pinyin", "romanization", "note"):
        value = getattr(term, key)
        if value is not None and key not in keep:
            data[key] = value
    if term.flags and "flags" not in keep:
        data["flags"] = [[f.code, f.detail] for f in term.flags]
    if term.sources:
        data["sources"] = [_source_json(s) for s in term.sources]
    if data:
        data = {"lang": term.lang, "text": term.text, **({"at": at} if at else {}), **data}
    return data


def concept_row(concept: Concept) -> list[str]:
    """The CSV cells for one concept (before formula neutralizing)."""
    row = dict.fromkeys(COLUMNS, "")
    extra: dict[str, Any] = {}
    extra_terms: list[dict[str, Any]] = []
    row["id"] = concept.ensure_uid()
    row["type"] = concept.type
    for key in ("subject", "note"):
        value = getattr(concept, key)
        if value == "":
            extra[key] = ""
        elif value is not None:
            row[key] = value
    if concept.confidence is not None:
        row["confidence"] = repr(concept.confidence)
    if concept.evidence:
        if all(concept.evidence):
            row["evidence"] = join_list(concept.evidence)
        else:
            extra["evidence"] = list(concept.evidence)
    plain = [s for s in concept.sources if s.parent is None and format_source(s)]
    if len(plain) == len(concept.sources):
        row["source"] = join_list([format_source(s) for s in plain])
        if any(s.context for s in plain):
            row["context"] = join_list([s.context for s in plain])
    elif concept.sources:
        extra["sources"] = [_source_json(s) for s in concept.sources]

    main = {lang: concept.preferred(lang) for lang in (EN, ZH)}
    main_terms = [t for t in (main[EN], main[ZH]) if t is not None]
    statuses = [t.status for t in main_terms]
    row["status"] = statuses[0] if len(set(statuses)) == 1 else join_list(statuses)
    flag_owner = main[ZH] or main[EN]
    for lang, term in main.items():
        if term is None:
            continue
        row[_PREFIX[lang]] = term.text
        keep = {"flags"} if term is flag_owner and all(format_flag(f) for f in term.flags) else set()
        vouch = False
        if lang == ZH:
            if term.pinyin:
                row["pinyin"] = term.pinyin
                keep.add("pinyin")
                # A pinyin that does not spell the term (a file's own, kept as given) is vouched
                # for, or an import would take it for one left stale by an edit (see _row_concept).
                vouch = is_han(term.text) and not pinyin_fits(term.text, term.pinyin)
            if term.romanization:
                row["romanization"] = term.romanization
                keep.add("romanization")
        if "flags" in keep:
            row["flags"] = join_list([format_flag(f) for f in term.flags])
        data = _term_extra(term, keep=keep, new=False, at=_PREFIX[lang])
        if vouch:
            data = {**(data or {"lang": term.lang, "text": term.text, "at": _PREFIX[lang]}), "pinyin_as_given": True}
        if data:
            extra_terms.append(data)
    # Extra entries in the order a reader rebuilds the terms (main terms, then
    # column by column, then terms only ``extra`` holds), so that a second
    # export is byte for byte the first.
    others: dict[str, list[str]] = {}
    others_extra: dict[str, list[dict[str, Any]]] = {}
    extra_new: list[dict[str, Any]] = []
    for term in concept.terms:
        if term is main.get(term.lang):
            continue
        prefix = _PREFIX.get(term.lang)
        column = None
        if prefix is not None and term.text:
            if term.term_type == "fullForm":
                column = f"{prefix}_{term.status}"
            elif term.status == "admitted":
                column = f"{prefix}_{term.term_type}"
        if column is None:
            extra_new.append(_term_extra(term, keep=set(), new=True))
            continue
        others.setdefault(column, []).append(term.text)
        data = _term_extra(term, keep={"term_type"}, new=False, at=f"{column}:{len(others[column]) - 1}")
        if data:
            others_extra.setdefault(column, []).append(data)
    for column in COLUMNS:
        if column in others:
            row[column] = join_list(others[column])
            extra_terms.extend(others_extra.get(column, []))
    extra_terms.extend(extra_new)
    if extra_terms:
        extra["terms"] = extra_terms
    if extra:
        row["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return [row[c] for c in COLUMNS]


def export_csv(concepts: Iterable[Concept], out: BinaryIO, *, langs: Sequence[str] | None = None) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        text.write("\ufeff")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        count = 0
        for concept in filter_langs(concepts, langs):
            writer.writerow([neutralize(cell) for cell in concept_row(concept)])
            count += 1
        text.flush()
    finally:
        text.detach()
    return count


def export_tsv(concepts: Iterable[Concept], out: BinaryIO, *, langs: Sequence[str] | None = None) -> int:
    """OmegaT glossary: one ``source<TAB>target<TAB>comment`` line per source term."""
    source_lang, target_lang = (list(langs) + [ZH])[:2] if langs else (EN, ZH)
    if langs and len(langs) == 1:
        source_lang, target_lang = EN, langs[0]

    def clean(value: str) -> str:
        return re.sub(r"[\t\r\n]+", " ", value)

    count = 0
    for concept in concepts:
        target = concept.preferred(target_lang)
        if target is None:
            continue
        comment = []
        if target.pinyin:
            comment.append(target.pinyin)
        if concept.note and concept.note not in comment:  # a TSV's comment read back as the note
            comment.append(concept.note)
        wrote = False
        for term in concept.terms_in(source_lang):
            if term.status in ("deprecated", "superseded"):
                continue
            line = "\t".join([clean(term.text), clean(target.text), clean("; ".join(comment))])
            if line.startswith("#"):
                # OmegaT skips a line starting with '#' as a comment and trims each cell:
                # a space in front keeps the term (``#1 priority``) and is trimmed away on reading.
                line = " " + line
            out.write((line.rstrip("\t") + "\n").encode("utf-8"))
            wrote = True
        count += wrote
    return count


# -- import ----------------------------------------------------------------------------------


def _decode(path: Path, encoding: str | None, mapping: Mapping) -> str:
    data = read_bytes(path)
    bom, _skip = sniff_bom(data)
    if bom and bom.startswith("utf-16"):
        mapping.add(_("decoded as {codec}").format(codec=bom.upper()))
    return decode_bytes(data, str(path), encoding)


#: Bytes read at a time when a table is decoded as it is read.
_CHUNK = 1 << 20


def _text_lines(path: Path, encoding: str | None, mapping: Mapping) -> Iterator[str]:
    """The lines of a table file with their endings, decoded as they are read (memory stays flat).

    The codec is the one :func:`decode_bytes` would choose (``encoding``, a
    byte order mark, else UTF-8), and the whole file is checked against it
    in a first pass that keeps nothing, so a wrong encoding is still an
    InputError before any row.  Where that choice needs the whole text (not
    UTF-8: GB18030, or UTF-16 without a mark) or a check fails, the file is
    decoded whole as before, for the same result and the same error.
    """
    bom, skip = sniff_bom(read_bytes(path, 4))
    if bom and bom.startswith("utf-16"):
        mapping.add(_("decoded as {codec}").format(codec=bom.upper()))
    codec = _stream_codec(encoding, bom)
    if codec is not None and encoding and bom:
        if not codecs.lookup(bom).name.startswith(codecs.lookup(codec).name[:6]):
            skip = 0  # a mark of another codec is text of the one given, as decode_bytes reads it
    elif codec is not None and encoding:
        skip = 0
    if codec is None or not _decodes(path, codec, skip):
        return _lines(decode_bytes(read_bytes(path), str(path), encoding))
    return _read_lines(path, codec, skip)


def _stream_codec(encoding: str | None, bom: str | None) -> str | None:
    """The codec a streamed read uses, or None when only the whole text can tell (or refuse) it."""
    if encoding:
        codec = encoding.strip().lower()
        if codec in ("gb2312", "gbk", "cp936", "gb18030", "euc-cn", "euccn"):  # as decode_bytes
            codec = "gb18030"
        try:
            codecs.lookup(codec)
        except LookupError:
            return None  # decode_bytes says so
        return codec
    return bom or "utf-8"


def _decodes(path: Path, codec: str, skip: int) -> bool:
    """Whether the file after ``skip`` bytes is valid ``codec``, read in chunks and kept nowhere."""
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        with path.open("rb") as handle:
            handle.seek(skip)
            while True:
                chunk = handle.read(_CHUNK)
                if not chunk:
                    decoder.decode(b"", final=True)
                    return True
                decoder.decode(chunk)
    except (UnicodeDecodeError, OSError):
        return False


def _read_lines(path: Path, codec: str, skip: int) -> Iterator[str]:
    # newline="": lines split at \r\n, \r or \n and returned with their endings, as _lines does.
    with path.open("rb") as raw:
        raw.seek(skip)
        with io.TextIOWrapper(raw, encoding=codec, errors="strict", newline="") as text:
            yield from text


def _lang_of(prefix: str) -> str | None:
    return lang_of(prefix)


def _classify(header: list[str]) -> list[tuple[str, Any]]:
    """What each column holds (see :mod:`glossary.formats.columns`)."""
    return classify(header)


def _row_concept(
    cells: dict[str, str],
    mains: list[tuple[str, str]],
    others: list[tuple[str, str, str]],
    unknown: list[tuple[str, str]],
    where: str,
    mapping: Mapping,
    rejected: list[tuple[str, str]],
) -> Concept | None:
    if not cells and not others and not unknown:
        # Only term columns (en,zh): what the rest would give, without asking for every absent field.
        terms = [Term(lang=lang, text=text) for lang, text in mains if text]
        if not terms:
            rejected.append((where, _("row has no term")))
            return None
        return Concept(type="term", terms=terms)
    ctype = cells.get("type") or "term"
    if ctype not in CONCEPT_TYPES_SET:
        rejected.append((where, _("unknown concept type {type!r}").format(type=ctype)))
        return None
    concept = Concept(type=ctype, uid=cells.get("id") or None)
    concept.subject = cells.get("subject") or None
    concept.note = cells.get("note") or None
    if cells.get("confidence"):
        try:
            concept.confidence = float(cells["confidence"])
        except ValueError:
            rejected.append((where, _("confidence is not a number: {value}").format(value=cells["confidence"])))
            return None
    concept.evidence = split_list(cells.get("evidence", ""))
    sources = split_list(cells.get("source", ""))
    contexts = split_list(cells.get("context", ""))
    for i, text in enumerate(sources):
        source = parse_source(text)
        source.context = contexts[i] if i < len(contexts) else ""
        concept.sources.append(source)
    main_terms: list[Term] = []
    places: dict[str, Term] = {}  # the cell each term came from, as ``extra`` names it
    for lang, text in mains:
        if text:
            term = Term(lang=lang, text=text)
            main_terms.append(term)
            concept.terms.append(term)
            places.setdefault(_PREFIX.get(lang, lang), term)
    statuses = split_list(cells.get("status", ""))
    for i, term in enumerate(main_terms):
        raw = statuses[0] if len(statuses) == 1 else (statuses[i] if i < len(statuses) else "")
        if raw:
            status = map_status(raw, mapping)
            if status is None:
                rejected.append((where, _("unknown status {value!r}").format(value=raw)))
                return None
            term.status = status
    zh = next((t for t in main_terms if t.lang == ZH), None)
    if zh is not None:
        zh.pinyin = cells.get("pinyin") or None
        zh.romanization = cells.get("romanization") or None
    owner = zh or (main_terms[0] if main_terms else None)
    if owner is not None:
        owner.flags = [parse_flag(f) for f in split_list(cells.get("flags", ""))]
    counts: dict[str, int] = {}
    for lang, kind, cell in others:
        column = f"{_PREFIX.get(lang, lang)}_{kind}"
        for text in split_list(cell):
            if not text:
                continue
            term = Term(lang=lang, text=text)
            if kind in STATUSES:
                term.status = kind
            else:
                term.status, term.term_type = "admitted", kind
            concept.terms.append(term)
            places[f"{column}:{counts.get(column, 0)}"] = term
            counts[column] = counts.get(column, 0) + 1
    extra_cell = cells.get("extra", "")
    vouched: set[int] = set()
    if extra_cell:
        try:
            vouched = _apply_extra(concept, _parse_extra(extra_cell), places, mapping)
        except (ValueError, KeyError, TypeError, AttributeError, LanguageTagError, RecursionError) as exc:
            rejected.append((where, _("the extra column is not valid: {reason}").format(reason=exc)))
            return None
    if (
        zh is not None and zh.pinyin and zh.pinyin == cells.get("pinyin") and id(zh) not in vouched
        and is_han(zh.text) and not pinyin_fits(zh.text, zh.pinyin)
    ):
        # The Chinese cell was edited, the pinyin beside it was not: derive both afresh.
        zh.pinyin = zh.romanization = None
        mapping.add(_("pinyin that no longer spells the Chinese term derived afresh"))
    for name, value in unknown:
        if value:
            line = f"{name}: {value}"
            concept.note = line if concept.note is None else f"{concept.note}\n{line}"
    if not concept.terms:
        rejected.append((where, _("row has no term")))
        return None
    return concept


#: Deepest nesting an ``extra`` cell may have (ours is three deep); deeper is refused unparsed.
_EXTRA_DEPTH = 8
#: Term attributes that follow from the text: stale once the text is edited.
_FROM_TEXT = ("pinyin", "romanization")


class _BadExtra(ValueError):
    """An ``extra`` cell that is not what the exporter writes."""


def _parse_extra(cell: str) -> dict[str, Any]:
    """The ``extra`` cell as a dict, refusing what our exporter never writes.

    A hand-edited or hostile cell must be a row's rejection, not a crash:
    nesting deeper than :data:`_EXTRA_DEPTH` is refused before parsing
    (the JSON parser recurses), and every value is checked for its type.
    """
    depth = deepest = 0
    in_string = escaped = False
    for ch in cell:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > _EXTRA_DEPTH:
                raise _BadExtra(_("nested too deeply"))
        elif ch in "]}":
            depth -= 1
    data = json.loads(cell)
    _expect(data, dict, "extra")
    return data


def _expect(value: Any, kind: type | tuple[type, ...], what: str) -> None:  # noqa: ANN401 - parsed JSON
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise _BadExtra(_("{what} has the wrong type").format(what=what))


def _optional_text(data: dict[str, Any], key: str, what: str) -> None:
    if key in data and data[key] is not None:
        _expect(data[key], str, f"{what}.{key}")


def _source_from_json(data: Any) -> Source:  # noqa: ANN401 - parsed JSON
    _expect(data, dict, "source")
    _expect(data.get("file"), str, "source.file")
    if data.get("line") is not None:
        _expect(data["line"], int, "source.line")
    _optional_text(data, "context", "source")
    _optional_text(data, "parent", "source")
    return Source(
        file=data["file"], line=data.get("line"), context=data.get("context") or "", parent=data.get("parent")
    )


def _text_list(value: Any, what: str) -> list[str]:  # noqa: ANN401 - parsed JSON
    _expect(value, list, what)
    for item in value:
        _expect(item, str, what)
    return list(value)


def _apply_extra(concept: Concept, extra: dict[str, Any], places: dict[str, Term], mapping: Mapping) -> set[int]:
    """Put back what the ``extra`` cell holds onto the terms the row's cells gave.

    Each entry names its term by language and text and by the cell it was
    in (``at``).  The text decides first, so a term moved to another
    column keeps its attributes; an entry whose text is gone (edited in a
    spreadsheet) goes to the term now in its cell, less what the old text
    determined (pinyin, romanization: the import derives them afresh; flags
    such as ``review`` stay, for a reviewer to clear); an entry with neither (the term was deleted) is dropped, and
    counted.  The visible cells always win.  Returns the ids of the terms
    whose pinyin, though it does not spell them, is vouched for as given
    (``pinyin_as_given``, for a term whose text is unchanged).
    """
    vouched: set[int] = set()
    for key in ("subject", "note"):
        if key in extra:
            if extra[key] is not None:
                _expect(extra[key], str, key)
            setattr(concept, key, extra[key])
    if "evidence" in extra:
        concept.evidence = _text_list(extra["evidence"], "evidence")
    if "sources" in extra:
        _expect(extra["sources"], list, "sources")
        concept.sources = [_source_from_json(s) for s in extra["sources"]]
    entries = extra.get("terms", [])
    _expect(entries, list, "terms")
    claimed: set[int] = set()
    pending: list[tuple[dict[str, Any], str]] = []
    found: list[tuple[dict[str, Any], Term, bool]] = []
    for data in entries:
        _expect(data, dict, "terms")
        _expect(data.get("lang"), str, "terms.lang")
        _expect(data.get("text"), str, "terms.text")
        lang = normalize(data["lang"])
        if data.get("new"):
            status, term_type = data.get("status"), data.get("term_type")
            if status not in STATUSES or term_type not in TERM_TYPES:
                raise _BadExtra(f"{status}/{term_type}")
            term = Term(lang=lang, text=data["text"], status=status, term_type=term_type)
            concept.terms.append(term)
            claimed.add(id(term))
            found.append((data, term, True))
            continue
        term = next(
            (t for t in concept.terms if t.lang == lang and t.text == data["text"] and id(t) not in claimed), None
        )
        if term is None:
            pending.append((data, lang))
            continue
        claimed.add(id(term))
        found.append((data, term, True))
    for data, lang in pending:
        at = data.get("at")
        term = places.get(at) if isinstance(at, str) else None
        if term is None or term.lang != lang or id(term) in claimed:
            mapping.add(_("extra data of a term no longer in the row dropped"))
            continue
        claimed.add(id(term))
        found.append((data, term, False))
        mapping.add(_("extra data kept for a term whose text was edited"))
    for data, term, same_text in found:
        if data.get("pinyin_as_given") is True and same_text:
            vouched.add(id(term))
        if "term_type" in data:
            if data["term_type"] not in TERM_TYPES:
                raise _BadExtra(str(data["term_type"]))
            term.term_type = data["term_type"]
        for key in ("pos", "pinyin", "romanization", "note"):
            if key in data and (same_text or key not in _FROM_TEXT):
                _optional_text(data, key, "terms")
                setattr(term, key, data[key])
        if "flags" in data:
            _expect(data["flags"], list, "terms.flags")
            flags = []
            for pair in data["flags"]:
                _expect(pair, list, "terms.flags")
                if len(pair) != 2:
                    raise _BadExtra(_("{what} has the wrong type").format(what="terms.flags"))
                flags.append(Flag(*_text_list(pair, "terms.flags")))
            term.flags = flags
        if "sources" in data:
            _expect(data["sources"], list, "terms.sources")
            term.sources = [_source_from_json(s) for s in data["sources"]]
    return vouched


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, one at a time.

    Split as ``io.StringIO(text, newline="")`` splits (at ``\r\n``, ``\r``
    or ``\n``), which is what the csv module expects, but without the copy
    StringIO makes of the whole text at four bytes a character.
    """
    for match in _LINE.finditer(text):
        yield match.group()


#: Separators a CSV file may use, in the order a tie is broken.
SEPARATORS = (",", ";", "\t", "|")
#: Rows looked at to sniff the separator and to infer columns by script.
SAMPLE_ROWS = 50


def _sample_rows(lines: Sequence[str], sep: str) -> list[list[str]]:
    """The rows ``lines`` parse into with ``sep``, up to the first the csv module refuses."""
    rows: list[list[str]] = []
    reader = csv.reader(lines, delimiter=sep)
    try:
        for row in reader:
            if any(c.strip() for c in row):
                rows.append(row)
    except csv.Error:
        pass  # a quoted cell running past the sample: what came before decides
    return rows


def sniff_separator(lines: Sequence[str]) -> str:
    """The separator of a table whose first ``lines`` are given.

    A separator that makes the first row a header naming a language
    column wins outright (in :data:`SEPARATORS`' order); else the one that
    gives the sample rows the same number of cells, more than one, the most
    cells breaking ties; else a comma.
    """
    best, best_score = ",", (-1, 0)
    for sep in SEPARATORS:
        rows = _sample_rows(lines, sep)
        if not rows or max(len(r) for r in rows) < 2:
            continue
        if names_columns(classify(rows[0])):
            return sep
        widths = [len(r) for r in rows]
        score = (sum(w == widths[0] for w in widths), widths[0])
        if score > best_score:
            best, best_score = sep, score
    return best


_SEPARATOR_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def layout(
    first_rows: Sequence[Sequence[str]], name: str, columns: str | None, mapping: Mapping
) -> tuple[list[tuple[str, Any]], bool]:
    """What each column holds and whether the first row is a header (so skipped).

    ``columns`` (``--columns en,zh,note``) wins; else a first row naming
    columns is the header; else the columns are told apart by script, the
    first row being data when its cells fit that reading and a header of
    names we do not know when they do not.  No way to tell is an error
    naming the file.
    """
    header = [unneutralize(c) for c in first_rows[0]] if first_rows else []
    header_kinds = classify(header)
    if columns is not None:
        kinds = parse_columns(columns)
        skip = is_header(header, header_kinds)
        mapping.add(_("columns given: {columns}").format(columns=describe(kinds, header if skip else None)))
        return kinds, skip
    if names_columns(header_kinds):
        # Our own spellings need no word; a header of other names says how it was read.
        renamed = [
            i for i, (kind, value) in enumerate(header_kinds)
            if kind in ("main", "fixed") and header[i].strip() not in (value, "zh")
        ]
        if renamed:
            mapping.add(_("columns: {columns}").format(
                columns=describe([header_kinds[i] for i in renamed], [header[i] for i in renamed])))
        return header_kinds, True
    inferred = infer_by_script(first_rows)
    if inferred is None:
        raise InputError(
            _("the header names no language column (such as en, zh, zh-CN) and the columns "
              "cannot be told apart by script; give --columns en,zh,..."),
            file=name,
            line=1,
        )
    zh_col = next(i for i, (k, v) in enumerate(inferred) if k == "main" and v == ZH)
    first_is_data = zh_col < len(header) and is_han(header[zh_col])
    if first_is_data:
        mapping.add(_("no header: columns by script: {columns}").format(columns=describe(inferred, None)))
        return inferred, False
    kinds = [
        (kind, value) if kind == "main" else header_kinds[i] if i < len(header_kinds) else (kind, value)
        for i, (kind, value) in enumerate(inferred)
    ]
    mapping.add(_("header names no language: columns by script: {columns}").format(
        columns=describe(kinds, header)))
    return kinds, True


def read_csv(
    path: str | Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    columns: str | None = None,
) -> tuple[Iterator[Concept], Sequence[str], list[tuple[str, str]]]:
    """Check the header now; read the rows as the returned iterator is consumed.

    The file is checked against its encoding first (so a wrong encoding is
    an InputError before any row), then decoded as it is read: only one
    row's concept and a chunk of the text exist at a time.  The separator is
    sniffed (comma, semicolon, tab or pipe) unless ``delimiter`` is given;
    the columns come from the header, from ``columns`` or from the script
    of the cells (see :func:`layout`).  A row the model cannot take goes to
    ``rejected`` with its line; a row the CSV parser cannot read raises
    InputError with its line from the iterator, which rolls an import back.
    ``mapped`` and ``rejected`` are complete once the iterator is exhausted.
    """
    path = Path(path)
    mapping = Mapping()
    lines = _text_lines(path, encoding, mapping)
    head = list(itertools.islice(lines, SAMPLE_ROWS))
    if delimiter is None:
        delimiter = sniff_separator(head)
        if delimiter != ",":
            mapping.add(_("separator: {name}").format(name=_SEPARATOR_NAMES[delimiter]))
    reader = csv.reader(itertools.chain(head, lines), delimiter=delimiter)
    first_rows: list[list[str]] = []
    numbers: list[int] = []
    pending: InputError | None = None  # a broken row in the sample: raised when the rows get there
    try:
        for row in reader:
            first_rows.append(row)
            numbers.append(reader.line_num)
            if len(first_rows) >= SAMPLE_ROWS:
                break
    except csv.Error as exc:
        error = InputError(
            _("not valid CSV: {reason}").format(reason=exc), file=str(path), line=reader.line_num
        )
        if not any(any(c.strip() for c in r) for r in first_rows):
            raise error from None
        pending = error
    while first_rows and not any(c.strip() for c in first_rows[0]):
        first_rows.pop(0)
        numbers.pop(0)
    if not first_rows:
        raise InputError(_("empty file"), file=str(path))
    kinds, skip = layout(first_rows, str(path), columns, mapping)
    for kind, value in kinds:
        if kind == "unknown" and skip:
            mapping.add(_("column {name} kept as a note").format(name=value))
        elif kind == "main" and value not in (EN, ZH):
            mapping.add(_("column -> language {lang}").format(lang=value))
    def rest() -> Iterator[tuple[int, list[str]]]:
        if pending is not None:
            raise pending
        for row in reader:
            yield reader.line_num, row

    rows: Iterator[tuple[int, list[str]]] = itertools.chain(
        zip(numbers[skip:], first_rows[skip:], strict=True), rest()
    )
    rejected: list[tuple[str, str]] = []
    return _csv_rows(rows, kinds, path, mapping, rejected, reader), mapping.view(), rejected


def table_concepts(
    rows: Iterable[tuple[int, list[str]]],
    kinds: Sequence[tuple[str, Any]],
    name: str,
    mapping: Mapping,
    rejected: list[tuple[str, str]],
) -> Iterator[Concept]:
    """One concept per row of a table whose columns hold ``kinds``; CSV and spreadsheets alike.

    Which column holds what is sorted out once, from ``kinds``, not again for every row.
    """
    width = len(kinds)
    fixed_at = [(i, value) for i, (kind, value) in enumerate(kinds) if kind == "fixed"]
    main_at = [(i, value) for i, (kind, value) in enumerate(kinds) if kind == "main"]
    other_at = [(i, value[0], value[1]) for i, (kind, value) in enumerate(kinds) if kind == "other"]
    unknown_at = [(i, value) for i, (kind, value) in enumerate(kinds) if kind == "unknown"]
    for number, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > width:
            if any(cell.strip() for cell in row[width:]):
                rejected.append((f"{name}:{number}", _("more cells than the header has columns")))
                continue
            row = row[:width]
        # unneutralize, tested for its quote first: most cells have none.
        row = [c[1:] if c[:1] == "'" and _QUOTED.match(c) else c for c in row] + [""] * (width - len(row))
        cells: dict[str, str] = {}
        for i, value in fixed_at:
            cell = row[i]
            if value in cells and cell:
                cells[value] = f"{cells[value]}\n{cell}" if cells[value] else cell
            else:
                cells.setdefault(value, cell)
        mains = [(value, row[i]) for i, value in main_at]
        others = [(lang, kind, row[i]) for i, lang, kind in other_at]
        unknown = [(value, row[i]) for i, value in unknown_at]
        concept = _row_concept(cells, mains, others, unknown, f"{name}:{number}", mapping, rejected)
        if concept is not None:
            yield concept


def _csv_rows(
    rows: Iterable[tuple[int, list[str]]],
    kinds: Sequence[tuple[str, Any]],
    path: Path,
    mapping: Mapping,
    rejected: list[tuple[str, str]],
    reader: Any,  # noqa: ANN401 - a csv reader, which has no public type
) -> Iterator[Concept]:
    try:
        yield from table_concepts(rows, kinds, str(path), mapping, rejected)
    except csv.Error as exc:
        raise InputError(
            _("not valid CSV: {reason}").format(reason=exc), file=str(path), line=reader.line_num
        ) from None


def read_tsv(
    path: str | Path, *, encoding: str | None = None
) -> tuple[Iterator[Concept], Sequence[str], list[tuple[str, str]]]:
    """OmegaT/UTX-like glossary: ``source<TAB>target[<TAB>comment]``.

    Without a header naming the languages (``en<TAB>zh-CN``), the pair is
    taken as English to Simplified Chinese, OmegaT's own convention being
    the project's languages, which the file does not record.  Like
    :func:`read_csv`, the lines are read as the iterator is consumed.
    """
    path = Path(path)
    mapping = Mapping()
    lines = (line.rstrip("\r\n") for line in _text_lines(path, encoding, mapping))
    first_line = next(lines, "")
    source_lang, target_lang = EN, ZH
    start = 0
    first = first_line.split("\t")
    if len(first) >= 2:
        kind_a = classify_one(first[0].strip().lstrip("#").strip(), source_is_term=True)
        kind_b = classify_one(first[1].strip(), source_is_term=True)
        a = kind_a[1] if kind_a[0] == "main" else None
        b = kind_b[1] if kind_b[0] == "main" else None
        if a and b:
            source_lang, target_lang, start = a, b, 1
    if start == 0:
        mapping.add(_("no language header: columns taken as {src} -> {tgt}").format(src=EN, tgt=ZH))
        lines = itertools.chain([first_line], lines)
    rejected: list[tuple[str, str]] = []

    def concepts() -> Iterator[Concept]:
        for number, line in enumerate(lines, start=start + 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            where = f"{path}:{number}"
            if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
                rejected.append((where, _("a line needs a source and a target term separated by a tab")))
                continue
            concept = Concept(
                type="term",
                terms=[Term(lang=source_lang, text=cells[0].strip()),
                       Term(lang=target_lang, text=cells[1].strip())],
            )
            comment = "\t".join(cells[2:]).strip()
            if comment:
                concept.note = comment
            yield concept

    return concepts(), mapping.view(), rejected


# -- the formats -----------------------------------------------------------------------------

#: Suffixes OmegaT and UTX glossaries go by: the name alone decides.
TSV_EXTENSIONS = (".tsv", ".tab", ".txt", ".utf8")


def _export_csv(
    concepts: Iterable[Concept], out: BinaryIO, *, langs: Sequence[str] | None = None, **_other: object
) -> int:
    return export_csv(concepts, out, langs=langs)


def _export_tsv(
    concepts: Iterable[Concept], out: BinaryIO, *, langs: Sequence[str] | None = None, **_other: object
) -> int:
    return export_tsv(concepts, out, langs=langs)


def _read_csv(
    path: Path, *, encoding: str | None = None, columns: str | None = None, **_other: object
) -> ImportBatch:
    return ImportBatch(*read_csv(path, encoding=encoding, columns=columns), format="csv")


def _read_tsv(
    path: Path, *, encoding: str | None = None, columns: str | None = None, **_other: object
) -> ImportBatch:
    if columns is not None:
        # A layout given by hand: the table reader, with the tab as separator.
        return ImportBatch(*read_csv(path, encoding=encoding, delimiter="\t", columns=columns), format="tsv")
    return ImportBatch(*read_tsv(path, encoding=encoding), format="tsv")


def _sniff_csv(path: Path, head: bytes) -> bool:
    """Named ``.csv``, or any text that is not XML: a spreadsheet's export is the likeliest."""
    if path.suffix.lower() == ".csv":
        return True
    return not document_start(head).startswith(b"<") and not head.startswith(b"PK\x03\x04")


def _sniff_tsv(path: Path, head: bytes) -> bool:
    del head  # a tab-separated file reads as one-column CSV: only the name tells them apart
    return path.suffix.lower() in TSV_EXTENSIONS


FORMAT = (
    Format(
        name="csv",
        order=30,
        description=N_("CSV, one row per concept with every field (spreadsheets)"),
        extensions=(".csv",),
        export=_export_csv,
        read=_read_csv,
        sniff=_sniff_csv,
    ),
    Format(
        name="tsv",
        order=40,
        description=N_("OmegaT glossary: source, target and comment separated by tabs"),
        extensions=TSV_EXTENSIONS,
        export=_export_tsv,
        read=_read_tsv,
        sniff=_sniff_tsv,
    ),
)
