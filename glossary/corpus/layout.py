"""The page as text: clean each line and group lines into same-script units.

The corpus is text extracted from PDFs: Markdown marks, layout line breaks,
headings broken over several lines.  A *unit* is a run of consecutive lines
in one script (English or Chinese) with no blank line inside; the pairing
rules in :mod:`glossary.corpus.pairs` reason about units, not raw lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from glossary.text.script import HAN, HAN_CLASS

LATIN = re.compile(r"[A-Za-z]")

_HEADING = re.compile(r"^(#{1,6})\s*")
_EMPHASIS = re.compile(r"(\*\*|__|(?<![\\\w])\*(?=\S)|(?<=\S)\*(?!\w))")
_ESCAPE = re.compile(r"\\([\\*_#\[\]()|-])")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_BULLET = re.compile(r"^[■●◆▲►•]\s*")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


@dataclass
class Line:
    no: int  # 1-based line number in the file
    raw: str
    text: str  # cleaned: Markdown marks gone, spaces collapsed
    script: str  # 'en', 'zh', 'mixed', 'blank' or 'other'
    heading: int = 0  # Markdown heading level, 0 for none
    bold: bool = False


@dataclass
class Unit:
    script: str  # 'en' or 'zh'
    lines: list[Line] = field(default_factory=list)
    #: Index of the paragraph block (blank-line separated) the unit is in.
    block: int = 0

    @property
    def first(self) -> int:
        return self.lines[0].no

    @property
    def raw(self) -> str:
        return "\n".join(line.raw.rstrip() for line in self.lines)

    def joined(self) -> str:
        return join_lines([line.text for line in self.lines], self.script)


def clean(raw: str) -> tuple[str, int, bool]:
    """Strip Markdown and layout marks from one line; returns text, heading level, bold."""
    text = raw.strip()
    heading = 0
    match = _HEADING.match(text)
    if match:
        heading = len(match.group(1))
        text = text[match.end() :]
    bold = "**" in text
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _BULLET.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return text, heading, bold


def script_of(text: str) -> str:
    if not text:
        return "blank"
    han = len(HAN.findall(text))
    latin = len(LATIN.findall(text))
    if han and latin:
        # A Latin code inside Chinese (IEC发布..., ISO/TC 321电子商务...) is
        # Chinese; a name beside its Chinese form on one line is 'mixed'.
        if split_mixed(text) is not None:
            return "mixed"
        return "zh" if han >= latin / 3 else "en"
    if han:
        return "zh"
    if latin:
        return "en"
    return "other"


_MIXED_EN_ZH = re.compile(
    rf"^(?P<en>[^{HAN_CLASS}]*[A-Za-z][^{HAN_CLASS}]*?)\s+(?P<zh>[{HAN_CLASS}][^A-Za-z]*)$"
)


def split_mixed(text: str) -> tuple[str, str] | None:
    """Split ``ZTE 中兴`` or ``08 | CHINA SCENE 中国视窗`` into its English and Chinese parts."""
    match = _MIXED_EN_ZH.match(text)
    if not match:
        return None
    en = match.group("en").strip()
    zh = match.group("zh").strip()
    if not re.search(r"[A-Za-z]{2}", en) or len(HAN.findall(zh)) < 2:
        return None
    return en, zh


def join_lines(parts: list[str], script: str) -> str:
    """Undo layout line breaks: a space between English words, nothing between Han."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
        elif script == "zh" and (HAN.match(part[0]) or part[0] in "，。、：；！？（）《》“”——") and not LATIN.match(out[-1]):
            out += part
        elif out.endswith("-") and script == "en" and part[:1].islower() and len(out) > 1 and out[-2].isalpha():
            out += part  # a word hyphenated at the line break
        else:
            out += " " + part
    return out


def read_lines(text: str) -> list[Line]:
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned, heading, bold = clean(raw)
        lines.append(Line(number, raw, cleaned, script_of(cleaned), heading, bold))
    return lines


def units_of(lines: list[Line]) -> list[Unit]:
    """Group lines into same-script runs; blank lines end a block."""
    units: list[Unit] = []
    block = 0
    current: Unit | None = None
    for line in lines:
        if line.script in ("blank", "other"):
            if line.script == "blank":
                block += 1
            current = None
            continue
        if line.script == "mixed":
            units.append(Unit("mixed", [line], block))
            current = None
            continue
        if current is not None and current.script == line.script and current.block == block:
            current.lines.append(line)
            continue
        current = Unit(line.script, [line], block)
        units.append(current)
    return units
