"""Decode text files the way real tools write them.

UTF-8 with or without a BOM, UTF-16 with a BOM (OmegaT, TMX exports), and
GB18030/GBK from older Chinese tools.  Undecodable input is an error that
names the file and the byte offset, never a guess that corrupts terms.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from glossary.errors import InputError
from glossary.i18n import _

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Names users type for the Chinese legacy encodings; all read as GB18030,
#: which is a strict superset of GB2312 and GBK.
_GB_ALIASES = {"gb2312", "gbk", "cp936", "gb18030", "euc-cn", "euccn"}


def sniff_bom(data: bytes) -> tuple[str | None, int]:
    """Return the encoding announced by a byte order mark and the BOM's length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None, 0


def decode_bytes(data: bytes, name: str = "<input>", encoding: str | None = None) -> str:
    """Decode ``data``; ``encoding`` forces a codec, otherwise BOM, UTF-8, then GB18030."""
    if encoding:
        codec = encoding.strip().lower()
        if codec in _GB_ALIASES:
            codec = "gb18030"
        try:
            codecs.lookup(codec)
        except LookupError:
            raise InputError(_("unknown encoding: {encoding}").format(encoding=encoding)) from None
        bom_codec, skip = sniff_bom(data)
        if bom_codec and codecs.lookup(bom_codec).name.startswith(codecs.lookup(codec).name[:6]):
            data = data[skip:]
        return _strict(data, codec, name)
    bom_codec, skip = sniff_bom(data)
    if bom_codec:
        return _strict(data[skip:], bom_codec, name, base=skip)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        if _looks_like_utf16(data):
            raise InputError(
                _("looks like UTF-16 without a byte order mark; give --encoding utf-16-le or utf-16-be"),
                file=name,
            ) from None
        if _mostly_utf8(data):
            raise _stray_byte_error(name, data, utf8_error.start) from None
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise _error(name, data, utf8_error.start, "UTF-8 or GB18030") from None


def read_bytes(path: str | Path, limit: int | None = None) -> bytes:
    """A file's bytes (the first ``limit`` of them), or an InputError naming it."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            return handle.read() if limit is None else handle.read(limit)
    except FileNotFoundError:
        raise InputError(_("no such file"), file=str(path)) from None
    except IsADirectoryError:
        raise InputError(_("is a directory, not a file"), file=str(path)) from None
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror), file=str(path)) from None


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """Read and decode a file; line endings are normalized to ``\\n``."""
    data = read_bytes(path)
    text = decode_bytes(data, str(path), encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _strict(data: bytes, codec: str, name: str, base: int = 0) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _error(name, data, exc.start, codec, base=base) from None


_ESCAPED = re.compile("[\udc80-\udcff]+")
_ASCII = bytes(range(128))


def _mostly_utf8(data: bytes) -> bool:
    """True when more non-ASCII bytes form valid UTF-8 than do not: a UTF-8 file with stray bytes.

    GB18030 decodes almost any byte string, so a UTF-8 file with a few
    Latin-1 bytes (``Prot\\xe9g\\xe9s``) would be read as GB18030 and every
    Chinese term in it turned into mojibake (标准 → 鏍囧噯).  A real GB18030
    file's byte pairs seldom form UTF-8 sequences, so the proportion tells
    them apart.
    """
    text = data.decode("utf-8", "surrogateescape")
    stray = len(text) - len(_ESCAPED.sub("", text))  # each undecodable byte is one U+DC80..U+DCFF
    non_ascii = len(data.translate(None, _ASCII))
    return non_ascii - stray > stray


def _stray_byte_error(name: str, data: bytes, start: int) -> InputError:
    offset = start
    line = data[:offset].count(b"\n") + 1
    return InputError(
        _(
            "not valid UTF-8 at byte offset {offset} (byte 0x{byte:02X}; Latin-1 or Windows-1252 "
            "in a UTF-8 file?); fix the byte or give --encoding"
        ).format(offset=offset, byte=data[offset]),
        file=name,
        line=line,
        offset=offset,
    )


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:400]
    if len(sample) < 4:
        return False
    zeros_odd = sample[1::2].count(0)
    zeros_even = sample[0::2].count(0)
    return max(zeros_odd, zeros_even) > len(sample) // 4


def _error(name: str, data: bytes, start: int, codec: str, base: int = 0) -> InputError:
    offset = start + base
    line = data[: offset].count(b"\n") + 1
    return InputError(
        _("cannot decode as {codec} at byte offset {offset}; give --encoding").format(
            codec=codec, offset=offset
        ),
        file=name,
        line=line,
        offset=offset,
    )
