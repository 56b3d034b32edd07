"""Confidence as a calibrated probability: P(right) of a proposed term from its evidence features.

The title aligner (and anything else that proposes term pairs) describes each
proposal by a few features: which kinds of evidence support it, how strong the
strongest link was, whether it is a lone word, a fragment, a name, how many
rival readings its spans had, whether it recurs.  The weights that rank
candidates while linking say nothing by themselves about how often a term
shown at 0.8 is right; this module turns the features into that chance.

The map is a logistic regression with an L2 penalty, small on purpose: it is
fitted on a few hundred hand-checked proposals (the tune and held-out halves
of ``bench/data/headlines_gold.tsv`` and ``headlines_dev.tsv``), never on the blind sets, by
``python bench/fit_confidence.py``, which writes :data:`MODEL_PATH`.  The
fitted weights are data, not code, so that a change in candidate generation
(new evidence kinds, a better dictionary reading) is followed by one command
that refits them; a feature the file does not know weighs nothing.

The confidence a reviewer is shown is that probability placed on the scale of the
tiers: below :data:`ADMITTED` (0.5) it is the probability itself; :data:`PREFERRED`
(0.75), where a term becomes ``preferred``, is put at the probability
(:attr:`Model.preferred_from`) from which the development proposals, each scored
by a map fitted without its headline (out of fold), make the promise of issue 13
(:data:`PREFERRED_PRECISION`, 95 % right) with :data:`PREFERRED_CONFIDENCE` (80 %):
the one-sided lower bound of their share right is at least 95 %
(:func:`place_preferred`); between, and above, it is linear (:func:`tier_score`).
Why not the probability itself: a calibrated map puts about 85 % right in its
0.75-0.9 band by design, so a preferred tier at P >= 0.75 cannot be the tier a
terminologist may trust without review; placing the tier where the held-out
proposals were that right is a choice of operating point made on the development
set, like any classifier's threshold, and the probability stays available
(:meth:`Model.probability`) for whoever wants it.

Why a lower bound and not the share right itself (the rule until the seventh round
held the point estimate to 96 %): the tier's share right is measured on a few dozen
judgments, and the lowest threshold whose running share clears a bar is the luckiest
of many, so a fixed margin (one point above 95 %) means a wide margin where the
evidence is thin and a needless one where it is plentiful; the bound's margin is the
evidence's own (0.84 of a standard error at 80 %).  What counts as evidence: a
*judgment*, one pair of one headline; the aligner is run with and without the
supplement and about half the pairs come from both runs, which would otherwise
count twice (and did: 111 proposals at the old tier were 57 judgments).  Why
Wilson's bound: it stays below 1 when every judgment is right (20 of 20 right is
not certainty), which a bootstrap over headlines would not.  Why 80 % and not 95 %:
measured on the development set by nested cross-validation (``python
bench/fit_confidence.py --nested``: tier placed on ten folds, judged on the
eleventh), at 90 % seven folds in eleven prefer nothing and at 95 % all eleven do
(the 166 development headlines hold about 57 judgments above 0.9; certifying 95 %
at 95 % needs 52 judgments in a row without an error), while at 80 % the tier
placed on unseen folds was 87 of 90 right (0.967; 44 of 46 judgments); at 50 % and
70 % it was 0.956 and 0.955, too close to the promise.  The bound is the acceptance
test; the scan down from the top stops at the first threshold whose share right
itself falls below 95 %, so that a lucky stretch below a bad one does not pull the
tier down, while one error that dips the bound does not end a tier whose share still
holds.  The monotone (isotonic) share right of the upper band, which
``bench/fit_confidence.py`` prints (:func:`isotonic`), says what the rule promises
and what it does not: the tier as a whole is 95 % right, not each stretch of it; its
lowest stretches are about 92 % right out of fold, carried by an all-right top.

Why logistic and not a table of classes: the classes multiply (every mix of
evidence kinds is one) faster than a few hundred examples fill them, and a
feature's weight is shared across the mixes it appears in.  Why the penalty:
with so few examples an unpenalised fit is certain of everything it saw; its
strength is chosen by cross-validation on the same examples, a headline's proposals held out together (:func:`fit_cv`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from statistics import NormalDist
from typing import NamedTuple

#: The fitted map, written by ``bench/fit_confidence.py``.
MODEL_PATH = Path(__file__).resolve().parent / "data" / "confidence.json"

#: The version of the file's layout; a file of another version is refused.
FORMAT = 1

#: The confidence from which a term is ``preferred`` (the aligner's ACCEPT), and below which the
#: confidence is the probability itself (the aligner's admitted tier starts there).
PREFERRED = 0.75
ADMITTED = 0.5
#: The share right promised for the preferred tier (issue 13): held out of fold, with
#: :data:`PREFERRED_CONFIDENCE`, when the map is fitted.
PREFERRED_PRECISION = 0.95
#: How sure the development proposals must make the promise: the one-sided level of the lower
#: bound of their share right (:func:`place_preferred`).
PREFERRED_CONFIDENCE = 0.8
#: The fewest distinct out-of-fold judgments a share right is trusted from when the tier is placed.
PREFERRED_MIN_COUNT = 20


def tier_score(p: float, preferred_from: float) -> float:
    """The confidence shown for probability ``p`` when the preferred tier starts at ``preferred_from``.

    Piecewise linear and increasing, so the order of proposals is the
    probability's: ``p`` itself up to :data:`ADMITTED`, :data:`PREFERRED` at
    ``preferred_from``, 1 at 1.  With ``preferred_from`` = :data:`PREFERRED` it
    is the identity (a map fitted before the tier was placed).
    """
    t = min(max(preferred_from, ADMITTED + 1e-6), 1.0 - 1e-6)
    if p <= ADMITTED:
        return p
    if p < t:
        return ADMITTED + (PREFERRED - ADMITTED) * (p - ADMITTED) / (t - ADMITTED)
    return PREFERRED + (1.0 - PREFERRED) * (p - t) / (1.0 - t)


def wilson_lower(right: float, n: float, confidence: float = PREFERRED_CONFIDENCE) -> float:
    """The one-sided ``confidence`` lower bound of a share right, ``right`` of ``n`` (Wilson's score bound).

    Wilson's rather than the normal approximation's because the shares that matter here are
    near 1, where the latter's interval collapses (20 of 20 right would be certain); 0 for no
    proposals.
    """
    if n <= 0:
        return 0.0
    z = NormalDist().inv_cdf(confidence)
    p = min(max(right / n, 0.0), 1.0)
    z2 = z * z
    centre = p + z2 / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max((centre - spread) / (1 + z2 / n), 0.0)


class Placement(NamedTuple):
    """One candidate start of the preferred tier: the proposals at or above ``threshold``."""

    threshold: float
    proposals: int
    right: int
    precision: float
    lower: float


def _distinct(scored: Iterable[tuple]) -> list[tuple[float, bool]]:
    """(probability, right) per judgment, highest probability first, each key once (at its highest)."""
    rows = sorted(scored, key=lambda s: -s[0])
    seen: set = set()
    out = []
    for k, s in enumerate(rows):
        key = s[2] if len(s) > 2 else k
        if key in seen:
            continue
        seen.add(key)
        out.append((float(s[0]), bool(s[1])))
    return out


def placements(
    scored: Iterable[tuple], confidence: float = PREFERRED_CONFIDENCE, floor: float = PREFERRED,
) -> list[Placement]:
    """Every candidate start of the tier from the top down to ``floor``: its proposals, share right, lower bound.

    ``scored`` are (out-of-fold probability, right) or (probability, right, key) tuples; tuples
    sharing a key are one judgment (the same term of the same headline proposed by two runs) and
    count once, at their highest probability, so that a duplicate does not pass for evidence.
    """
    out: list[Placement] = []
    ranked = _distinct(scored)
    right = n = i = 0
    while i < len(ranked):
        p = ranked[i][0]
        if p < floor:
            break
        while i < len(ranked) and ranked[i][0] == p:
            right += ranked[i][1]
            n += 1
            i += 1
        out.append(Placement(p, n, right, right / n, wilson_lower(right, n, confidence)))
    return out


def place_preferred(
    scored: Iterable[tuple],
    precision: float = PREFERRED_PRECISION,
    confidence: float = PREFERRED_CONFIDENCE,
    min_count: int = PREFERRED_MIN_COUNT,
) -> float:
    """The lowest probability from which the proposals at or above it are ``precision`` right, with ``confidence``.

    ``scored`` as for :func:`placements` (duplicates of one judgment count once).  Lowered from
    the top one distinct probability at a time, the tier keeps every threshold (from
    ``min_count`` judgments on) whose share right has its lower bound (:func:`wilson_lower`)
    at least ``precision``, and stops at the first whose share right itself falls below
    ``precision``: a lucky stretch below a bad one does not pull the tier down, and a bound
    that dips after one error does not stop a tier whose share right still holds.  Never below
    :data:`PREFERRED` (the tier is never more generous than the probability says), and 1.0
    (nothing is preferred) when no threshold holds: too few proposals, or too many wrong.
    """
    best = 1.0
    for c in placements(scored, confidence):
        if c.proposals < min_count:
            continue
        if c.precision < precision:
            break
        if c.lower >= precision:
            best = c.threshold
    return best


class Block(NamedTuple):
    """One block of the isotonic (monotone) fit of right on probability: its range and counts."""

    low: float
    high: float
    count: int
    right: int


def isotonic(scored: Iterable[tuple]) -> list[Block]:
    """The blocks of the monotone fit of the share right on the probability, highest first (pool adjacent violators).

    ``scored`` as for :func:`placements` (duplicates count once).  The share right of a block is
    the most likely share at those probabilities among all the fits that do not rise as the
    probability falls: unlike the tier's running share, it shows what the tier's lowest stretch
    is worth by itself, a check that the map orders the proposals where the tier is placed.
    """
    blocks: list[list] = []  # [low, high, count, right]
    ranked = _distinct(scored)
    i = 0
    while i < len(ranked):
        p = ranked[i][0]
        b = [p, p, 0, 0]
        while i < len(ranked) and ranked[i][0] == p:
            b[2] += 1
            b[3] += ranked[i][1]
            i += 1
        blocks.append(b)
        # a block below must be right less often than the one above it (ties pooled: the same fit, fewer rows)
        while len(blocks) > 1 and blocks[-2][3] * blocks[-1][2] <= blocks[-1][3] * blocks[-2][2]:
            low, _high, n, r = blocks.pop()
            blocks[-1][0] = low
            blocks[-1][2] += n
            blocks[-1][3] += r
    return [Block(b[0], b[1], b[2], b[3]) for b in blocks]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class Model:
    """A fitted map: an intercept and one weight per feature name (absent names weigh 0)."""

    def __init__(
        self, bias: float, weights: Mapping[str, float], meta: Mapping | None = None,
        preferred_from: float = PREFERRED,
    ):
        self.bias = bias
        self.weights = dict(weights)
        self.meta = dict(meta or {})
        #: The probability at which the preferred tier starts (see :func:`place_preferred`).
        self.preferred_from = preferred_from

    def _p(self, features: Mapping[str, float]) -> float:
        # Summed in name order: the same features give the same digits in every process.
        z = self.bias + math.fsum(self.weights.get(name, 0.0) * value for name, value in sorted(features.items()))
        return _sigmoid(z)

    def probability(self, features: Mapping[str, float]) -> float:
        """P(right) for one proposal, rounded to 3 decimals."""
        return round(self._p(features), 3)

    def confidence(self, features: Mapping[str, float]) -> float:
        """The confidence shown for one proposal (:func:`tier_score` of its probability), 3 decimals."""
        return round(tier_score(self._p(features), self.preferred_from), 3)

    def to_data(self) -> dict:
        return {"format": FORMAT, "bias": round(self.bias, 6), "preferred_from": round(self.preferred_from, 6),
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())}, **self.meta}

    @classmethod
    def from_data(cls, data: Mapping) -> Model:
        if data.get("format") != FORMAT:
            raise ValueError(f"confidence model format {data.get('format')!r}, expected {FORMAT}")
        meta = {k: v for k, v in data.items() if k not in ("format", "bias", "weights", "preferred_from")}
        return cls(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}, meta,
                   float(data.get("preferred_from", PREFERRED)))


@lru_cache(maxsize=4)
def load(path: Path = MODEL_PATH) -> Model:
    """The fitted map shipped with the package (read once per process)."""
    import json

    return Model.from_data(json.loads(path.read_text(encoding="utf-8")))


def probability(features: Mapping[str, float], model: Model | None = None) -> float:
    """P(right) of a proposal described by ``features`` under ``model`` (default: the shipped one)."""
    return (model or load()).probability(features)


def confidence(features: Mapping[str, float], model: Model | None = None) -> float:
    """The confidence shown for a proposal described by ``features`` (its probability on the tiers' scale)."""
    return (model or load()).confidence(features)


def fit(
    samples: Sequence[tuple[Mapping[str, float], bool]], l2: float = 1.0, iterations: int = 50
) -> Model:
    """Penalised maximum likelihood by Newton's method (the intercept is not penalised).

    ``samples`` are (features, right) pairs.  Pure Python: the problem has tens of
    features and hundreds of rows, a dependency would weigh more than the solver.
    """
    names = sorted({k for f, _ in samples for k in f})
    index = {n: k + 1 for k, n in enumerate(names)}
    dim = len(names) + 1
    rows = [([(0, 1.0)] + [(index[k], v) for k, v in sorted(f.items()) if v], 1.0 if y else 0.0)
            for f, y in samples]
    w = [0.0] * dim
    for _ in range(iterations):
        grad = [0.0] * dim
        hess = [[0.0] * dim for _ in range(dim)]
        for x, y in rows:
            p = _sigmoid(sum(w[i] * v for i, v in x))
            r = p - y
            s = max(p * (1 - p), 1e-9)
            for i, v in x:
                grad[i] += r * v
                hi = hess[i]
                for j, u in x:
                    hi[j] += s * v * u
        for i in range(1, dim):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        hess[0][0] += 1e-6
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(b) for b in step) < 1e-8:
            break
    return Model(w[0], {n: w[index[n]] for n in names})


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a x = b, by Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[k]] for k, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        piv = m[c][c] or 1e-12
        for r in range(c + 1, n):
            f = m[r][c] / piv
            if f:
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / (m[r][r] or 1e-12)
    return x


def log_loss(model: Model, samples: Iterable[tuple[Mapping[str, float], bool]]) -> float:
    """Mean negative log-likelihood of ``samples`` under ``model`` (lower is better)."""
    total, n = 0.0, 0
    for f, y in samples:
        p = min(max(model.probability(f), 1e-3), 1 - 1e-3)
        total -= math.log(p if y else 1 - p)
        n += 1
    return total / n if n else 0.0


def fit_cv(
    samples: Sequence[tuple[Mapping[str, float], bool]],
    folds: Sequence[int],
    penalties: Sequence[float] = (0.3, 1.0, 3.0, 10.0, 30.0),
) -> tuple[Model, float, dict[float, float]]:
    """The penalty with the lowest cross-validated log loss, and the model fitted with it on all.

    ``folds`` gives each sample's fold (samples of one headline share a fold, so that a
    term never helps predict itself); ties go to the stronger penalty.
    """
    losses = {}
    for l2 in penalties:
        total = 0.0
        for k in sorted(set(folds)):
            model = fit([s for s, f in zip(samples, folds, strict=True) if f != k], l2)
            held = [s for s, f in zip(samples, folds, strict=True) if f == k]
            total += log_loss(model, held) * len(held)
        losses[l2] = round(total / max(len(samples), 1), 4)
    best = min(penalties, key=lambda l2: (losses[l2], -l2))
    return fit(samples, best), best, losses


__all__ = [
    "ADMITTED", "FORMAT", "MODEL_PATH", "PREFERRED", "PREFERRED_CONFIDENCE", "PREFERRED_MIN_COUNT",
    "PREFERRED_PRECISION", "Block", "Model", "Placement", "confidence", "fit", "fit_cv", "isotonic", "load",
    "log_loss", "place_preferred", "placements", "probability", "tier_score", "wilson_lower",
]
