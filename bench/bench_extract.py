"""Term extraction on a real memory, scored against the team's own glossary.

The memory is the OpenStack dashboard's zh_Hans catalogs (../shared/real/openstack/horizon),
the reference is the OpenStack i18n team's PO glossary.  A reference pair counts (is
*attested*) when its English occurs in at least 3 source segments and its Chinese in
the targets of at least 2 of them.  Printed, in one run:

- recall at 100, 500 and 1,000: the share of attested pairs whose English is in the
  top K with the reference's Chinese as the proposed rendering, for all pairs and for
  two halves split by a hash of the English (:func:`half`): ``dev``, which changes
  were judged on, and ``test``, held out;
- the share of listed attested terms whose Chinese is right;
- the hand-labelled precision of the top 100 (bench/data/extract_top100_labels.tsv:
  English, Chinese, label true/false, reason; unlabelled pairs are counted and shown);
- the same figures for three other rankings (:func:`rankings`):
  ``SE pairs by logDice``, Sketch Engine's bilingual term extraction as published
  (Baisa, Ulipová and Cukr 2015: term candidates of each language, every candidate
  pair co-occurring in at least two segments scored by logDice, the pairs sorted by
  it, each English term counted once, at its best pair); ``SE keyness+logDice``, our
  English candidates ranked by Sketch Engine's simple-maths keyness (n = 1, wordfreq
  as the reference corpus), each paired with its Chinese of highest logDice; and
  ``our order+logDice``, an ablation (our ranked list, only the choice of the Chinese
  made by logDice), and our margin at 500 over each;
- the time (wall, and user + system CPU of this process and its children), and a
  10,000-segment memory's (the memory repeated with its segments shuffled in order,
  which the aligner treats as new text).

Then, in the same run, four memories of other teams with the same four rankings
(:func:`sets`): the dashboard's Traditional (Taiwan) catalogs, against the mainland
glossary converted to Taiwan usage (a weak reference: the Taiwan team says 硬碟 where
it says 磁碟, and such rows count as wrong); OmegaT's website memory (TMX) against
OmegaT's own team glossary; Vim's messages (PO) and Symfony's validators (XLIFF),
which have no glossary.  Each has a hand-labelled top 50
(``bench/data/extract_{hant,omegat,vim,symfony}_top50.tsv``, the union of our top 50
and the logDice baseline's, before and after the changes they were written for:
right = a pair a terminologist would accept into that team's glossary; general
vocabulary, units, fragments, pieces of messages and second forms of a listed word
are wrong), and the last table gives every set's labelled precision side by side.
``--unlabelled`` lists the pairs of each top K that no label covers yet.

    python bench/bench_extract.py [--shared ../shared] [--only SET] [--unlabelled]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossary.chinese.convert import regional  # noqa: E402
from glossary.drafts.readers import read_draft  # noqa: E402
from glossary.extract import display_en, display_zh, extract, memory_of  # noqa: E402
from glossary.extract.rank import abte_pairs, logdice_pairs, simple_maths_order  # noqa: E402
from glossary.extract.tokenize import english_words  # noqa: E402
from glossary.model import normalize_text as _normalize  # noqa: E402


def normalize_text(text: str, lang: str) -> str:
    """Chinese renderings compared as a reviewer would: Latin letters in any case (IP/ip)."""
    return _normalize(text, lang).casefold()

LABELS = ROOT / "bench" / "data" / "extract_top100_labels.tsv"


def po_reference(path: Path, region: str | None = None) -> list[tuple[str, str]]:
    """A team glossary's (English, Chinese) rows; with ``region``, the Chinese in that region's usage.

    The dashboard's Taiwan catalogs have no glossary of their own: the mainland
    team's, converted phrase by phrase (OpenCC ``s2twp``: 网络 → 網路), stands in,
    and :func:`attested` keeps only the rows those catalogs really use.
    """
    draft = read_draft(path)
    rows = [(s.source, s.target) for s in draft.segments if s.source.strip() and s.target.strip()]
    if region:
        rows = [(en, regional(zh, "zh-Hans", region)) for en, zh in rows]
    return rows


@dataclass
class Set:
    """One memory of the benchmark: its files, its reference glossary (if any), its labels."""

    name: str
    files: list[Path]
    #: The reference rows (English, Chinese), or None: precision of the top K only.
    reference: list[tuple[str, str]] | None
    labels: Path
    top: int
    chinese: str | None = None


def sets(shared: Path) -> list[Set]:
    real = shared / "real"
    horizon = real / "openstack" / "horizon"
    glossary_po = real / "openstack" / "glossary.zh_CN.po"
    omegat = real / "omegat-l10n-zh-cn"
    data = ROOT / "bench" / "data"
    return [
        Set("dashboard", sorted(horizon.glob("**/zh_Hans/LC_MESSAGES/*.po")), po_reference(glossary_po), LABELS, 100),
        Set("dashboard-hant", sorted(horizon.glob("**/zh_Hant/LC_MESSAGES/*.po")),
            po_reference(glossary_po, "zh-TW"), data / "extract_hant_top50.tsv", 50, "zh-Hant"),
        Set("omegat", [omegat / "website-tm.tmx"], po_reference(omegat / "omegat-glossary.txt"),
            data / "extract_omegat_top50.tsv", 50),
        Set("vim", [real / "vim" / "zh_CN.UTF-8.po"], None, data / "extract_vim_top50.tsv", 50),
        Set("symfony", [real / "symfony" / "validators.zh_CN.xlf"], None, data / "extract_symfony_top50.tsv", 50),
    ]


def attested(pairs, memory, result) -> list[tuple[str, str, str]]:
    """(English key, English, Chinese) of reference pairs the memory attests."""
    out = []
    zh_norm = [normalize_text(s.zh, "zh-Hans") for s in memory]
    for en, zh in pairs:
        key = " ".join(english_words(en).keys)
        segs = result.stats.en_segments.get(key, set())
        want = normalize_text(zh, "zh-Hans")
        if len(segs) >= 3 and sum(1 for n in segs if want in zh_norm[n]) >= 2:
            out.append((key, en, zh))
    return out


def half(key: str) -> str:
    """The held-out split: a reference pair is ``dev`` or ``test`` by a hash of its English key.

    Changes are judged on ``dev``; ``test`` shows whether they carry over to pairs
    nobody looked at while making them.
    """
    return "dev" if hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def dedupe(ranked: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each English term once, at its first (best) place: K is K terms for the reviewer."""
    seen: set[str] = set()
    out = []
    for en, zh in ranked:
        if en not in seen:
            seen.add(en)
            out.append((en, zh))
    return out


def score(ranked: list[tuple[str, str]], gold: list[tuple[str, str, str]]) -> dict[str, float]:
    position = {}
    for i, (en, zh) in enumerate(dedupe(ranked)):
        position.setdefault(en, (i, zh))
    figures: dict[str, float] = {}
    for part in ("all", "dev", "test"):
        subset = [g for g in gold if part == "all" or half(g[0]) == part]
        suffix = "" if part == "all" else f" {part}"
        for k in (100, 500, 1000):
            hits = sum(
                1
                for key, _en, zh in subset
                if key in position
                and position[key][0] < k
                and normalize_text(position[key][1], "zh-Hans") == normalize_text(zh, "zh-Hans")
            )
            figures[f"recall@{k}{suffix}"] = hits / len(subset) if subset else 0.0
    listed = [(key, zh) for key, _en, zh in gold if key in position]
    right = sum(1 for key, zh in listed if normalize_text(position[key][1], "zh-Hans") == normalize_text(zh, "zh-Hans"))
    figures["zh right (listed)"] = right / len(listed) if listed else 0.0
    figures["listed"] = len(listed)
    return figures


def load_labels(path: Path) -> dict[tuple[str, str], bool]:
    """(English casefolded, Chinese normalized) -> right? from a fixture (en, zh, label, reason)."""
    labels: dict[tuple[str, str], bool] = {}
    if not path.exists():
        return labels
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 3:
            labels[(cols[0].casefold(), normalize_text(cols[1], "zh-Hans"))] = cols[2].strip() == "true"
    return labels


def precision_top(
    ranked: list[tuple[str, str]], labels: dict[tuple[str, str], bool], k: int = 100
) -> tuple[float | None, list[tuple[str, str]]]:
    """The labelled precision of the first ``k`` pairs, and the pairs no label covers."""
    top = ranked[:k]
    judged = [labels.get((en.casefold(), normalize_text(zh, "zh-Hans"))) for en, zh in top]
    known = [j for j in judged if j is not None]
    missing = [pair for pair, j in zip(top, judged, strict=True) if j is None]
    return (sum(known) / len(known) if known else None), missing


def shown_rankings(result) -> dict[str, list[tuple[str, str]]]:
    """Each ranking as the reviewer reads it: every English once, ours in its memory's spelling."""
    out = {}
    for name, r in rankings(result).items():
        shown = dedupe(r)
        if name == "extract":
            shown = [(display_en(result, en), zh) for en, zh in shown]
        out[name] = shown
    return out


def runs(args, memory, gold) -> None:
    """The figures of N runs (eflomal differs from run to run): median and range of each."""
    import statistics

    figures: dict[str, list[float]] = {}
    for _ in range(args.runs):
        result = extract(memory, aligner=args.aligner)
        for name, ranked in rankings(result).items():
            for key, value in score(ranked, gold).items():
                figures.setdefault(f"{key} {name}", []).append(value)
    print(f"{args.runs} runs of {args.aligner}: median (min-max)")
    for key, values in figures.items():
        print(f"  {key:40s} {statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})")


def cpu() -> float:
    """CPU seconds (user + system) of this process and its finished children (eflomal)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def rankings(result) -> dict[str, list[tuple[str, str]]]:
    """Our ranked list and the three baselines', each as (English key, Chinese)."""
    ours = [(p.en, display_zh(result, p.zh)) for p in result.proposals]
    zh_sents = [t.keys for t in result.zh_tokens]
    # The baselines' Chinese candidates stop at punctuation as ours do: the same candidate spans.
    zh_breaks = [t.breaks for t in result.zh_tokens]
    paired = logdice_pairs(result.stats, [p.en for p in result.proposals], zh_sents, zh_breaks)
    sketch_order = simple_maths_order(result.stats, [p.en for p in result.proposals])
    return {
        "extract": ours,
        # An ablation, not a method: our order, our candidates, only the pairing changed.
        "our order+logDice": [(p.en, paired.get(p.en, "")) for p in result.proposals],
        # Sketch Engine's keyness (simple maths, n=1, wordfreq as the reference corpus)
        # orders the English candidates, each paired with its Chinese of highest logDice.
        "SE keyness+logDice": [(en, paired.get(en, "")) for en in sketch_order],
        # Sketch Engine's bilingual term extraction as published: every candidate pair of
        # the two monolingual candidate lists, sorted by logDice.
        "SE pairs by logDice": [(en, display_zh(result, zh)) for en, zh, _v in abte_pairs(result.stats, zh_sents, zh_breaks=zh_breaks)],
    }


def figure_table(figures: dict[str, dict[str, float]], names: list[str]) -> None:
    print(f"{'':22s}" + "".join(f"{n:>21s}" for n in names))
    for key in figures[names[0]]:
        fmt = "{:21.0f}" if key == "listed" else "{:21.3f}"
        print(f"{key:22s}" + "".join(fmt.format(figures[n][key]) for n in names))


def other_set(bench: Set, aligner: str, show_unlabelled: bool) -> dict[str, str]:
    """One further memory: its figures by ranking, printed; the summary row returned."""
    start, start_cpu = time.perf_counter(), cpu()
    memory = memory_of((read_draft(f) for f in bench.files), chinese=bench.chinese)
    result = extract(memory, aligner=aligner)
    seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
    shown = shown_rankings(result)
    names = list(shown)
    labels = load_labels(bench.labels)
    gold = attested(bench.reference, memory, result) if bench.reference is not None else []
    print(f"\n== {bench.name}: {len(memory)} segments from {len(bench.files)} file(s), {len(result.proposals)} "
          f"proposals, {seconds:.1f} s wall, {cpu_seconds:.1f} s CPU"
          + (f"; reference pairs attested: {len(gold)}" if bench.reference is not None else "; no reference glossary"))
    summary = {}
    if gold:
        figures = {name: score(rankings(result)[name], gold) for name in names}
        for name in names:
            figures[name] = {k: v for k, v in figures[name].items() if " " not in k or k.startswith("zh right")}
        figure_table(figures, names)
    for name in names:
        value, missing = precision_top(shown[name], labels, bench.top)
        summary[name] = "n/a" if value is None else f"{value:.3f}" + (f" ({len(missing)}?)" if missing else "")
        print(f"top-{bench.top} precision {name}: {'n/a' if value is None else f'{value:.3f}'} "
              f"({len(missing)} unlabelled)")
        if show_unlabelled and missing:
            for en, zh in missing:
                print(f"    unlabelled: {en}\t{zh}")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-10k", action="store_true", help="skip the 10,000-segment timing")
    parser.add_argument("--aligner", default="ibm1", choices=["eflomal", "ibm1"],
                        help="ibm1 (default) is deterministic; eflomal seeds itself from /dev/urandom")
    parser.add_argument("--runs", type=int, default=1,
                        help="with eflomal: run N times and print the median and range of each figure")
    parser.add_argument("--only", action="append", help="only this set (dashboard, dashboard-hant, omegat, vim, symfony)")
    parser.add_argument("--unlabelled", action="store_true", help="list the pairs of each top K no fixture labels")
    args = parser.parse_args()
    benches = sets(args.shared)
    wanted = set(args.only or [b.name for b in benches])
    dashboard = benches[0]
    summary: dict[str, dict[str, str]] = {}
    if dashboard.name in wanted:
        summary[dashboard.name] = dashboard_set(args, dashboard)
    for bench in benches[1:]:
        if bench.name in wanted:
            summary[bench.name] = other_set(bench, args.aligner, args.unlabelled)
    if len(summary) > 1:
        names = list(next(iter(summary.values())))
        print("\nlabelled precision of the top K (K = 100 for the dashboard, 50 elsewhere; (n?) = n unlabelled)")
        print(f"{'':16s}" + "".join(f"{n:>21s}" for n in names))
        for set_name, row in summary.items():
            print(f"{set_name:16s}" + "".join(f"{row[n]:>21s}" for n in names))


def dashboard_set(args, dashboard: Set) -> dict[str, str]:
    """The dev memory (the dashboard's zh_Hans catalogs): every figure, the margins and the times."""
    files = dashboard.files
    if not files:
        sys.exit(f"no catalogs under {args.shared}/real/openstack/horizon")
    start, start_cpu = time.perf_counter(), cpu()
    memory = memory_of(read_draft(f) for f in files)
    result = extract(memory, aligner=args.aligner)
    seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
    gold = attested(dashboard.reference, memory, result)
    if args.runs > 1:
        runs(args, memory, gold)
    ranked = rankings(result)
    figures = {name: score(r, gold) for name, r in ranked.items()}
    dev = sum(1 for g in gold if half(g[0]) == "dev")
    print(f"== dashboard: {len(memory)} segments from {len(files)} catalogs; reference pairs attested: {len(gold)} "
          f"(dev {dev}, test {len(gold) - dev}); aligner {args.aligner}")
    names = list(ranked)
    figure_table(figures, names)
    labels = load_labels(dashboard.labels)
    summary = {}
    for name, shown in shown_rankings(result).items():
        value, missing = precision_top(shown, labels, dashboard.top)
        summary[name] = "n/a" if value is None else f"{value:.3f}" + (f" ({len(missing)}?)" if missing else "")
        print(f"top-100 precision {name}: {'n/a' if value is None else f'{value:.3f}'} ({len(missing)} unlabelled)")
        if args.unlabelled and name == "extract":
            for en, zh in missing:
                print(f"    unlabelled: {en}\t{zh}")
    for name in names[1:]:
        margin = []
        for part in ("", " dev", " test"):
            key = f"recall@500{part}"
            margin.append(f"{part.strip() or 'all'} {figures['extract'][key] - figures[name][key]:+.3f}")
        print(f"recall@500 margin over {name}: {', '.join(margin)}")
    print("(our order+logDice: an ablation, our ranking with logDice pairing; SE keyness+logDice: Sketch Engine's"
          " simple-maths keyness ranking, logDice pairing; SE pairs by logDice: Sketch Engine's published method,"
          " all candidate pairs sorted by logDice, each English at its best pair)")
    print(f"time: {seconds:.1f} s wall, {cpu_seconds:.1f} s CPU for {len(memory)} segments")
    if not args.no_10k:
        rng = random.Random(7)
        big = list(memory) * (10_000 // len(memory) + 1)
        big = big[:10_000]
        rng.shuffle(big)
        start, start_cpu = time.perf_counter(), cpu()
        extract(big, aligner=args.aligner)
        print(f"time: {time.perf_counter() - start:.1f} s wall, {cpu() - start_cpu:.1f} s CPU for {len(big)} segments")
    return summary


if __name__ == "__main__":
    main()
