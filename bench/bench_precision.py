"""Precision of the lint on real catalogs against real glossaries (issue 9), scored from hand labels.

    python bench/bench_precision.py              # the table
    python bench/bench_precision.py --show NAME  # every sampled finding of one catalog, with its label
    python bench/bench_precision.py --draw       # append the sample's unlabelled findings to the fixtures ('?')

For each real catalog in ``../shared/real/`` (see its README) the team's
glossary is imported into a fresh term base, the catalog is linted with the
default rules, and 50 findings are drawn by a salt from ``random.Random(2026)``
(see :func:`sample`).  ``bench/data/precision_<catalog>.tsv`` holds
findings labelled by hand, ``true`` when a reviewer would want to change the
translation or the glossary, ``false`` otherwise, each with the reason.  A
finding meets its label by a key that survives message rewording: the file
(relative to ``../shared/real``), the message id (or line), the rule and the
source term (or the target wording), case folded.  Labels of findings that are no longer
reported, or now only ``info`` notes, are kept: they tell which true findings
were lost (recall) and how many false ones are gone.

Findings of severity ``info`` (a term inside the draft's own compound, which
asks for no change) are counted beside the others, ``(+N)``, and not drawn:
the sample is of what a reviewer is asked to act on, errors and warnings.

The table gives per catalog: segments, findings, findings per 1,000 segments,
the sample's precision (true / labelled) and how many sampled findings have no
label yet (labelling them is how the figure stays honest after a change), and
beside it the first wave's figure from the issue.  For the OpenStack dashboard
it also counts the known drift: strings whose source says *instance(s)* and
whose target says 实例 (the glossary says 云主机), and how many of them are
still flagged by ``term``.

Which glossary for which catalog: OpenStack's own glossary for its dashboard,
OmegaT's own glossary for its website memory, and the KDE China team's TBX
(a general UI glossary; the ``kde-cn`` folder holds no draft) for Vim and
Symfony, which have none of their own.  Measurements, not a test.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary import api  # noqa: E402
from glossary.checks.base import Finding  # noqa: E402

REAL = ROOT.parent / "shared" / "real"
DATA = ROOT / "bench" / "data"
SEED = 2026
SAMPLE = 50
FIELDS = ["file", "unit", "rule", "term", "label", "reason", "message", "source", "target"]


@dataclass
class Catalog:
    name: str
    drafts: list[str]
    glossary: str
    #: The first wave's figure, from issue 9 ("" when the first wave did not measure this catalog).
    first_wave: str = ""
    #: This harness's figure when it was written (third wave, before its fixes), from these labels.
    before: str = ""


CATALOGS = [
    Catalog(
        "openstack",
        ["openstack/horizon/openstack_dashboard/locale/zh_Hans/LC_MESSAGES/django.po",
         "openstack/horizon/openstack_dashboard/locale/zh_Hans/LC_MESSAGES/djangojs.po",
         "openstack/horizon/horizon/locale/zh_Hans/LC_MESSAGES/django.po",
         "openstack/horizon/horizon/locale/zh_Hans/LC_MESSAGES/djangojs.po",
         "openstack/horizon/openstack_auth/locale/zh_Hans/LC_MESSAGES/django.po"],
        "openstack/glossary.zh_CN.po",
        "19/50 = 0.38",
        "25/50 = 0.50, 936 findings, drift 199/201",
    ),
    Catalog("vim", ["vim/zh_CN.UTF-8.po"], "kde-cn/terms.tbx", "", "0/50 = 0.00, 925 findings"),
    Catalog("symfony", ["symfony/validators.zh_CN.xlf"], "kde-cn/terms.tbx", "", "7/34 = 0.21, 34 findings"),
    Catalog("omegat", ["omegat-l10n-zh-cn/website-tm.tmx"], "omegat-l10n-zh-cn/omegat-glossary.txt", "",
            "11/43 = 0.26, 43 findings"),
]


def key_of(f: Finding) -> tuple[str, str, str, str]:
    """The stable key of a finding: file, message id (or line), rule, source term (or found wording)."""
    try:
        file = str(Path(f.file).resolve().relative_to(REAL.resolve()))
    except ValueError:
        file = f.file
    unit = f.unit if f.unit else str(f.line or "")
    return (file, _one_line(unit), f.rule, _one_line(f.source_term or f.found or "").casefold())


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fixture(name: str) -> Path:
    return DATA / f"precision_{name}.tsv"


def read_labels(name: str) -> dict[tuple[str, str, str, str], dict[str, str]]:
    path = fixture(name)
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))
    return {(r["file"], r["unit"], r["rule"], r["term"].casefold()): r for r in rows}


def append_labels(name: str, rows: list[dict[str, str]]) -> None:
    path = fixture(name)
    new = not path.exists()
    with open(path, "a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, FIELDS, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\",
                                lineterminator="\n")
        if new:
            writer.writeheader()
        writer.writerows(rows)


def lint(catalog: Catalog, tmp: Path) -> tuple[list[Finding], int]:
    db = tmp / f"{catalog.name}.sqlite"
    if not db.exists():
        api.import_(REAL / catalog.glossary, db)
    findings: list[Finding] = []
    segments = 0
    with api.open_termbase(db, readonly=True) as tb:
        for draft in catalog.drafts:
            result = api.lint(REAL / draft, db=tb, use_ignore_file=False)
            findings.extend(result.findings)
            segments += result.segments_checked
    return findings, segments


def sample(findings: list[Finding]) -> list[Finding]:
    """50 findings chosen by the seed: those whose keys hash lowest under a salt drawn from it.

    Not ``random.sample`` over the list: that redraws all 50 whenever one finding
    comes or goes.  Ranked by a salted hash of the stable key, a change that drops
    false findings brings in only as many new ones, and the labels keep counting.
    """
    salt = random.Random(SEED).getrandbits(64)
    ranked = sorted(findings, key=lambda f: hashlib.sha1(f"{salt}|{key_of(f)}".encode()).hexdigest())
    return ranked[:SAMPLE]


def drift(findings: list[Finding], catalog: Catalog) -> tuple[int, int]:
    """Dashboard strings saying instance(s) -> 实例 without 云主机, and how many ``term`` still flags."""
    flagged = {(f.file, f.line) for f in findings if f.rule == "term" and f.severity != "info" and "云主机" in f.message}
    drifted = 0
    caught = 0
    for draft in catalog.drafts:
        path = REAL / draft
        for seg in api.read_draft(path).segments:
            if re.search(r"\binstances?\b", seg.source, re.I) and "实例" in seg.target and "云主机" not in seg.target:
                drifted += 1
                caught += (str(path), seg.line) in flagged
    return drifted, caught


def _row(f: Finding, label: str = "?", reason: str = "") -> dict[str, str]:
    file, unit, rule, term = key_of(f)
    return {"file": file, "unit": unit, "rule": rule, "term": term, "label": label, "reason": reason,
            "message": _one_line(f.message), "source": _one_line(f.source), "target": _one_line(f.target)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draw", action="store_true", help="append the sample's unlabelled findings ('?')")
    parser.add_argument("--show", metavar="NAME", help="print one catalog's sampled findings and labels")
    parser.add_argument("--only", metavar="NAME", help="run one catalog")
    parser.add_argument("--gone", action="store_true", help="list labelled findings no longer reported")
    args = parser.parse_args()
    if not REAL.is_dir():
        sys.exit(f"no real catalogs at {REAL}")
    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for catalog in CATALOGS:
            if (args.only or args.show) and catalog.name not in (args.only, args.show):
                continue
            findings, segments = lint(catalog, tmp)
            labels = read_labels(catalog.name)
            notes = [f for f in findings if f.severity == "info"]
            drawn = sample([f for f in findings if f.severity != "info"])
            keys = [key_of(f) for f in drawn]
            labelled = [labels[k]["label"] for k in keys if k in labels and labels[k]["label"] in ("true", "false")]
            unlabelled = [f for f, k in zip(drawn, keys, strict=True) if k not in labels]
            current = {key_of(f) for f in findings}
            gone_true = sum(1 for k, r in labels.items() if k not in current and r["label"] == "true")
            gone_false = sum(1 for k, r in labels.items() if k not in current and r["label"] == "false")
            # A true finding now only an info note is lost to the reviewer too.
            softened = {key_of(f) for f in notes}
            gone_true += sum(1 for k, r in labels.items() if k in softened and r["label"] == "true")
            gone_false += sum(1 for k, r in labels.items() if k in softened and r["label"] == "false")
            true = labelled.count("true")
            if args.draw and unlabelled:
                append_labels(catalog.name, [_row(f) for f in unlabelled])
            if args.gone:
                for k, r in labels.items():
                    if k not in current or k in {key_of(f) for f in notes}:
                        print(f"gone [{r['label']}] {k} {r['message'][:90]}")
            if args.show:
                for f, k in zip(drawn, keys, strict=True):
                    r = labels.get(k, {})
                    print(f"[{r.get('label', '?')}] {f.rule} {k[1][:70]!r} -> {_one_line(f.target)[:70]!r}")
                    print(f"      {_one_line(f.message)}   # {r.get('reason', '')}")
            extra = "-"
            if catalog.name == "openstack":
                drifted, caught = drift(findings, catalog)
                extra = f"{caught}/{drifted}"
            rows.append([
                catalog.name, str(segments), f"{len(findings) - len(notes)} (+{len(notes)})",
                f"{1000 * (len(findings) - len(notes)) / max(segments, 1):.0f}",
                f"{true}/{len(labelled)} = {true / len(labelled):.2f}" if labelled else "-",
                str(len(unlabelled)), f"{gone_true}/{gone_false}", extra, catalog.first_wave or "-", catalog.before or "-",
            ])
    head = ["catalog", "segments", "findings", "per 1k", "precision", "unlabelled", "gone true/false", "drift",
            "first wave", "before"]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


if __name__ == "__main__":
    main()
