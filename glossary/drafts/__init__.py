"""Readers for translated drafts: every format becomes a list of :class:`Segment`."""

from glossary.drafts.base import Draft, Segment
from glossary.drafts.readers import FORMATS, read_draft
from glossary.lang import detect_script_language

__all__ = ["FORMATS", "Draft", "Segment", "detect_script_language", "read_draft"]
