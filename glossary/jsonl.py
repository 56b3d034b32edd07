"""Moved to :mod:`glossary.store.jsonl`; this name stays for the modules that still import it."""

from __future__ import annotations

from glossary.store.jsonl import concept_from_json, concept_to_json

__all__ = ["concept_from_json", "concept_to_json"]
