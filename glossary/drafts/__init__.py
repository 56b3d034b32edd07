"""Readers for translated drafts: every format becomes a list of :class:`Segment`."""

from glossary.drafts.base import Draft, Segment

__all__ = ["Draft", "Segment"]
