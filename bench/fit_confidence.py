"""Refit the aligner's confidence map (glossary/data/confidence.json) on the development headlines.

    python bench/fit_confidence.py [--check] [--nested] [--rebuild]

Runs the title aligner (``glossary.align.align_pairs``) on the tune and held-out halves
of bench/data/headlines_gold.tsv (all 66 headlines) and on the development headlines of
bench/data/headlines_dev.tsv (80) and headlines_dev_domain.tsv (30) (each set one batch),
with and without the supplement dictionary, under a neutral map that keeps every proposal;
labels each proposal right or wrong against the gold sub-terms (the matching of
bench/bench_headlines.py); fits :func:`glossary.calibration.fit_cv` on the features the
aligner reports (:func:`glossary.align.term_features`); places the preferred tier where the
out-of-fold proposals promise the tier's share right with the confidence asked
(:func:`glossary.calibration.place_preferred`), printing the candidate placements (share right,
lower bound, size), the isotonic share right of the upper band and the features whose weight
changes sign when one fold is left out; writes the map.  ``--nested`` also judges the placement
rule on folds it never saw, at several confidence levels (the trade-off of tier size and
share right).  The blind sets
(headlines_blind*.tsv) are never read here: they are what the map is judged on.

Run it after any change to candidate generation or evidence (a new kind of evidence is a
new feature), with ``--rebuild`` to rebuild the shipped term base with the new map as well
(``glossary build ../shared/corpus/*.txt --db terms/glossary.jsonl --fresh``, then its TBX
export), then ``python bench/bench_headlines.py`` to see the figures.  ``--check`` fits and
prints without writing (exit 1 if the written map differs; tests/test_calibration.py runs it).
The fit is deterministic: the same aligner gives the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _cli import ROOT, glossary, read_tsv, table  # noqa: E402

sys.path.insert(0, str(ROOT))
from bench_headlines import DEV, DEV_DOMAIN, GOLD, en_key, key, parse_gold  # noqa: E402

from glossary import calibration  # noqa: E402
from glossary.align import TitlePair, align_pairs  # noqa: E402
from glossary.model import Source  # noqa: E402

#: A map that keeps every proposal (P = 1): the features are read before any confidence.
NEUTRAL = calibration.Model(20.0, {})
FOLDS = 11


def samples(heads: list[dict[str, str]]) -> tuple[list[tuple[dict[str, float], bool]], list[int], list[str]]:
    """(features, right) per proposal and headline, each one's fold, and a label.

    The label (headline id, then the pair, then `` (no suppl.)`` for the run without the
    supplement) names the judgment: the same pair of the same headline proposed by both runs is
    one judgment, counted once when the tier is placed (:func:`judgment`).
    """
    gold = {h["id"]: {(en_key(e), key(z)) for e, z, _t in parse_gold(h["gold"])} for h in heads}
    pairs = [TitlePair(h["en"], h["zh"], h["id"], Source("headlines", n)) for n, h in enumerate(heads, 1)]
    out, folds, labels = [], [], []
    for sup in (True, False):
        for t in align_pairs(pairs, supplement=sup, model=NEUTRAL):
            for hid, _src in t.parents:
                out.append((t.features, (en_key(t.en), key(t.zh)) in gold[hid]))
                folds.append(int(hid[1:]) % FOLDS)
                labels.append(f"{hid} {t.en}={t.zh}{'' if sup else ' (no suppl.)'}")
    return out, folds, labels


def judgment(label: str) -> str:
    """The judgment a proposal's label names: its headline and pair, whichever run proposed it."""
    return label.removesuffix(" (no suppl.)")


def unstable(data: list, folds: list[int], l2: float) -> list[list[str]]:
    """Rows of the features whose fitted weight changes sign between the maps fitted without one fold.

    A weight that flips when one fold (about 15 headlines) is left out is one the data does not
    determine: it is printed, for whoever adds evidence, and held small by the penalty.
    """
    per = [calibration.fit([d for d, f in zip(data, folds, strict=True) if f != k], l2).weights
           for k in sorted(set(folds))]
    rows = []
    for name in sorted({n for w in per for n in w}):
        ws = [w.get(name, 0.0) for w in per]
        if min(ws) < 0 < max(ws):
            rows.append([name, f"{min(ws):+.3f}", f"{max(ws):+.3f}", str(sum(w > 0 for w in ws))])
    return rows


def nested(data: list, folds: list[int], keys: list[str],
           levels: tuple[float, ...] = (0.5, 0.7, 0.8, 0.9, 0.95)) -> None:
    """Print the placement rule judged on headlines it never saw, at several confidence levels.

    For each fold: the penalty chosen, the map fitted and the tier placed on the other folds
    alone (their own out-of-fold probabilities), then the held-out fold's proposals scored; the
    pooled share right of the tier so placed is the rule's honest figure on the development set
    (the plain out-of-fold table above placed the tier on the same proposals it reports).
    """
    tiers: dict[float, list[tuple[int, bool, str]]] = {c: [] for c in levels}
    starts: dict[float, list[float]] = {c: [] for c in levels}
    for k in sorted(set(folds)):
        train = [i for i, f in enumerate(folds) if f != k]
        sub, subf = [data[i] for i in train], [folds[i] for i in train]
        model, l2, _ = calibration.fit_cv(sub, subf)
        inner = []
        for j in sorted(set(subf)):
            m = calibration.fit([d for d, f in zip(sub, subf, strict=True) if f != j], l2)
            inner += [(m.probability(data[i][0]), data[i][1], keys[i]) for i in train if folds[i] == j]
        held = [(model.probability(data[i][0]), data[i][1], keys[i]) for i, f in enumerate(folds) if f == k]
        for c in levels:
            t = calibration.place_preferred(inner, confidence=c)
            starts[c].append(t)
            tiers[c] += [(k, y, key) for p, y, key in held if p >= t]
    print()
    table(["confidence asked (nested)", "tier starts (min / median / max)", "folds with no tier",
           "proposals", "right", "share right", "judgments", "right"], [
        [f"{c:.0%}", " / ".join(f"{x:.3f}" for x in (min(ts), sorted(ts)[len(ts) // 2], max(ts))),
         sum(x >= 1.0 for x in ts), len(tier), sum(y for _k, y, _key in tier),
         f"{sum(y for _k, y, _key in tier) / max(len(tier), 1):.3f}", len(d := {key: y for _k, y, key in tier}),
         sum(d.values())]
        for c in levels for ts, tier in [(starts[c], tiers[c])]])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="fit and compare with the written map, write nothing")
    ap.add_argument("-o", "--output", type=Path, default=calibration.MODEL_PATH)
    ap.add_argument("--nested", action="store_true",
                    help="also judge the tier's placement on headlines it never saw (about 30 s more)")
    ap.add_argument("--rebuild", action="store_true",
                    help="then rebuild terms/glossary.jsonl and terms/glossary.tbx with the new map")
    args = ap.parse_args()
    heads, data, folds, keys = [], [], [], []
    for path in (GOLD, DEV, DEV_DOMAIN):  # each set aligned as one batch of its own, as bench_headlines runs it
        rows = read_tsv(path)
        d, f, labels = samples(rows)
        heads += rows
        data += d
        folds += f
        keys += [f"{path.stem} {judgment(x)}" for x in labels]
    model, l2, losses = calibration.fit_cv(data, folds)
    right = sum(y for _f, y in data)
    model.meta = {
        "fitted_on": "bench/data/headlines_gold.tsv (tune and held-out halves), headlines_dev.tsv and "
                     "headlines_dev_domain.tsv, "
                     "with and without the supplement",
        "refit": "python bench/fit_confidence.py",
        "samples": len(data), "right": right, "l2": l2,
        "cv_log_loss": {str(k): v for k, v in losses.items()},
    }
    print(f"{len(data)} proposals on {len(heads)} headlines, {right} right; "
          f"penalty {l2} (cross-validated log loss by penalty: {losses})\n")
    table(["feature", "weight"], [["(intercept)", f"{model.bias:+.3f}"]] + [
        [k, f"{v:+.3f}"] for k, v in sorted(model.weights.items(), key=lambda kv: -abs(kv[1]))])
    # Out of fold: each headline's proposals scored by a map fitted without that headline's fold,
    # the honest estimate on the development set itself (the blind sets are bench_headlines').
    oof = []
    for k in sorted(set(folds)):
        m = calibration.fit([d for d, f in zip(data, folds, strict=True) if f != k], l2)
        oof += [(m.probability(x), y, key)
                for (x, y), f, key in zip(data, folds, keys, strict=True) if f == k]
    bands = [(0.0, 0.5), (0.5, 0.75), (0.75, 0.9), (0.9, 0.95), (0.95, 1.01)]
    table(["out-of-fold probability", "proposals", "right", "share right", "mean probability"], [
        [f"[{lo:.2f}, {min(hi, 1):.2f}{']' if hi > 1 else ')'}", len(b), sum(y for _p, y in b),
         f"{sum(y for _p, y in b) / len(b):.3f}" if b else "-", f"{sum(p for p, _y in b) / len(b):.3f}" if b else "-"]
        for lo, hi in bands for b in [[(p, y) for p, y, _k in oof if lo <= p < hi]]
    ] + [[">= 0.75", len(hi := [y for p, y, _k in oof if p >= 0.75]), sum(hi), f"{sum(hi) / max(len(hi), 1):.3f}", ""]])
    # The monotone (isotonic) share right of the upper band: what the tier's lowest stretch is worth.
    print()
    table(["out-of-fold probability (isotonic block)", "judgments", "right", "share right"], [
        [f"[{b.low:.3f}, {b.high:.3f}]", b.count, b.right, f"{b.right / b.count:.3f}"]
        for b in calibration.isotonic(oof) if b.high >= 0.85])
    # The preferred tier: placed where the out-of-fold judgments make the promise with the confidence asked.
    model.preferred_from = calibration.place_preferred(oof)
    print()
    cands = calibration.placements(oof)
    table(["tier from probability", "judgments", "right", "share right",
           f"lower bound ({calibration.PREFERRED_CONFIDENCE:.0%})", "proposals", ""], [
        [f"{c.threshold:.3f}", c.proposals, c.right, f"{c.precision:.3f}", f"{c.lower:.3f}",
         sum(p >= c.threshold for p, _y, _k in oof), "<- placed" if c.threshold == model.preferred_from else ""]
        # the lowest threshold of each stretch of right judgments (the next one adds a wrong one), and the placed
        for n, c in enumerate(cands)
        if c.threshold == model.preferred_from or n + 1 == len(cands)
        or c.threshold >= 0.85 and cands[n + 1].proposals - cands[n + 1].right > c.proposals - c.right])
    tier = [c for c in cands if c.threshold == model.preferred_from]
    shown = [y for p, y, _k in oof if p >= model.preferred_from]
    print(f"\nthe preferred tier (confidence >= {calibration.PREFERRED}) starts at probability "
          f"{model.preferred_from:.3f}: out of fold {sum(shown)} of {len(shown)} proposals right there"
          + (f" ({tier[0].right} of {tier[0].proposals} judgments, lower bound {tier[0].lower:.3f})" if tier else "")
          + f"; promised {calibration.PREFERRED_PRECISION} with {calibration.PREFERRED_CONFIDENCE:.0%} confidence")
    model.meta["preferred_tier"] = {
        "precision": calibration.PREFERRED_PRECISION, "confidence": calibration.PREFERRED_CONFIDENCE,
        "proposals": len(shown), "right": sum(shown),
        "judgments": tier[0].proposals if tier else 0, "judgments_right": tier[0].right if tier else 0,
        "lower_bound": round(tier[0].lower, 4) if tier else None,
    }
    rows = unstable(data, folds, l2)
    if rows:
        print()
        table(["feature whose weight changes sign without one fold", "lowest", "highest", "folds > 0"], rows)
    if args.nested:
        nested(data, folds, keys)
    text = json.dumps(model.to_data(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if args.check:
        same = args.output.exists() and args.output.read_text(encoding="utf-8") == text
        print("the written map is up to date" if same else
              f"{args.output} differs from this fit: run python bench/fit_confidence.py --rebuild")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")
    if args.rebuild:
        # Named as the README's command names them (relative to the clone): the sources keep that.
        corpus = sorted(f"../shared/corpus/{p.name}" for p in (ROOT.parent / "shared" / "corpus").glob("*.txt"))
        for step in (("build", *corpus, "--db", "terms/glossary.jsonl", "--fresh"),
                     ("export", "--db", "terms/glossary.jsonl", "--format", "tbx", "-o", "terms/glossary.tbx")):
            done = glossary(*step)
            if done.returncode != 0 or not corpus:
                print(f"glossary {step[0]} failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
                return 1
        print("rebuilt terms/glossary.jsonl and terms/glossary.tbx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
