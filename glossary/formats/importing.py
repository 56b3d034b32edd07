"""Import a terminology file into a term base: all of it, or nothing.

Concepts are written as they are read, all in one transaction: a small file
is checked completely before the first write, a large TBX entry by entry
(see :mod:`glossary.formats.tbxstream`), and an error anywhere rolls the
transaction back, so a file that is not well-formed or breaks the TBX
structure leaves the term base untouched either way.

What to do with a concept the term base already has (``on_conflict``) is
the term base's own merge policy, reached through its public ``add``: this
module knows nothing of how a store keeps concepts, so every backend
imports alike.  It reads no file either: :func:`glossary.formats.import_file`
hands it a batch from the format registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from glossary.formats.base import ImportBatch
from glossary.i18n import _

if TYPE_CHECKING:  # the type only: importing a file needs no store module loaded
    from glossary.store import TermBase
    from glossary.store.merge import StatusChange

ON_CONFLICT = ("skip", "replace", "merge")


@dataclass
class ImportReport:
    path: str
    format: str
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    replaced: int = 0
    #: (where, reason) for entries left out as invalid.
    rejected: list[tuple[str, str]] = field(default_factory=list)
    #: What was changed to fit the model, with counts ("language zh_CN -> zh-Hans (12)").
    mapped: list[str] = field(default_factory=list)
    #: Each status the file changed in a concept the term base had (the file's word wins).
    statuses: list[StatusChange] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.added + self.merged + self.unchanged + self.skipped + self.replaced

    def summary(self) -> str:
        return _(
            "{added} added, {merged} merged, {unchanged} unchanged, {skipped} skipped, "
            "{replaced} replaced, {rejected} rejected"
        ).format(
            added=self.added,
            merged=self.merged,
            unchanged=self.unchanged,
            skipped=self.skipped,
            replaced=self.replaced,
            rejected=len(self.rejected),
        )


def import_batch(tb: TermBase, batch: ImportBatch, path: str, *, on_conflict: str = "merge") -> ImportReport:
    """Write ``batch`` into ``tb`` in one transaction and count what happened to each concept.

    Concepts added by this batch are kept apart from each other (two
    entries of one file with an equal term are two concepts, as the file
    says), but merge with what the term base had before.
    """
    if on_conflict not in ON_CONFLICT:
        raise ValueError(on_conflict)
    report = ImportReport(path=path, format=batch.format)
    with tb.transaction():
        bulk = getattr(tb, "add_all", None)
        if bulk is not None:
            # The backend's own batched path (SQLite: executemany into an empty base), same outcomes.
            counts = bulk(batch.concepts, on_conflict, statuses=report.statuses)
        else:
            counts = {}
            added_here: set[str] = set()
            for concept in batch.concepts:
                outcome = tb.add(concept, on_conflict=on_conflict, keep_apart=added_here, statuses=report.statuses)
                if outcome == "added" and concept.uid:
                    added_here.add(concept.uid)
                counts[outcome] = counts.get(outcome, 0) + 1
        for outcome, count in counts.items():
            setattr(report, outcome, getattr(report, outcome) + count)
    # Only now complete: a streamed batch fills them as its concepts are read.
    report.rejected = list(batch.rejected)
    report.mapped = list(batch.mapped)
    return report
