"""A baseline: today's findings recorded, so that a CI gate reports only new ones.

A project with thousands of legacy findings cannot adopt a gate that fails
on all of them.  ``--write-baseline FILE`` records each finding by a
fingerprint that survives edits elsewhere in the file: the rule, the file
(relative to the project root), the unit or message id where the format has
one, else the segment's source text, and the source term; never the line,
which moves whenever a message is added above.  ``--baseline FILE`` then
drops the findings the baseline knows.  Fingerprints are counted, so a
segment that had one ``term`` finding and now has two reports one new.

The file is JSON, sorted, one finding an entry, so that it reviews well in
a pull request and a fixed finding shows as a deleted line.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from glossary.checks.base import Finding
from glossary.errors import InputError
from glossary.i18n import _
from glossary.output import atomic_write_text

FORMAT_VERSION = 1


def _relative(file: str, root: Path | None) -> str:
    if root is None or not file or file == "-":
        return file.replace(os.sep, "/")
    try:
        return Path(file).resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError):
        return file.replace(os.sep, "/")


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def fingerprint(finding: Finding, root: Path | None = None) -> str:
    """A stable id of ``finding`` that does not depend on its line."""
    where = finding.unit if finding.unit is not None else "src:" + _squash(finding.source)
    parts = [finding.rule, _relative(finding.file, root), where, _squash(finding.source_term or "")]
    if finding.unit is None and not finding.source:
        # A finding with neither unit nor segment text (a file-level finding): its message.
        parts.append(_squash(finding.message))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


@dataclass
class Baseline:
    """Fingerprints with how many findings each stood for."""

    counts: Counter[str]
    path: str | None = None

    @classmethod
    def of(cls, findings: Iterable[Finding], root: Path | None = None) -> Baseline:
        return cls(Counter(fingerprint(f, root) for f in findings))

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(_("no such baseline file"), file=str(p)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(_("cannot read the baseline: {reason}").format(reason=exc), file=str(p)) from None
        except json.JSONDecodeError as exc:
            raise InputError(
                _("not a baseline (invalid JSON: {reason})").format(reason=exc.msg), file=str(p), line=exc.lineno
            ) from None
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION or not isinstance(
            data.get("findings"), list
        ):
            raise InputError(_("not a glossary baseline file (version {v})").format(v=FORMAT_VERSION), file=str(p))
        counts: Counter[str] = Counter()
        for entry in data["findings"]:
            if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
                raise InputError(_("not a glossary baseline file: an entry has no fingerprint"), file=str(p))
            counts[entry["fingerprint"]] += int(entry.get("count", 1))
        return cls(counts, str(p))

    def filter(self, findings: Iterable[Finding], root: Path | None = None) -> tuple[list[Finding], int]:
        """The findings the baseline does not cover, and how many it covered."""
        left = Counter(self.counts)
        new: list[Finding] = []
        known = 0
        for finding in findings:
            key = fingerprint(finding, root)
            if left[key] > 0:
                left[key] -= 1
                known += 1
            else:
                new.append(finding)
        return new, known


def write_baseline(path: str | Path, findings: Iterable[Finding], root: Path | None = None) -> int:
    """Record ``findings`` in ``path`` (atomically); returns how many were recorded."""
    entries: dict[str, dict[str, object]] = {}
    total = 0
    for finding in findings:
        key = fingerprint(finding, root)
        total += 1
        if key in entries:
            entries[key]["count"] = int(entries[key]["count"]) + 1  # type: ignore[call-overload]
            continue
        entries[key] = {
            "fingerprint": key,
            "rule": finding.rule,
            "file": _relative(finding.file, root),
            **({"unit": finding.unit} if finding.unit is not None else {}),
            **({"source_term": finding.source_term} if finding.source_term else {}),
            "message": finding.message,
            "count": 1,
        }
    ordered = sorted(entries.values(), key=lambda e: (str(e["file"]), str(e["rule"]), str(e["fingerprint"])))
    text = json.dumps({"version": FORMAT_VERSION, "tool": "glossary", "findings": ordered}, ensure_ascii=False, indent=1)
    atomic_write_text(Path(path), text + "\n")
    return total
