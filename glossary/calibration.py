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
(:attr:`Model.preferred_from`) above which the development proposals, each scored
by a map fitted without its headline (out of fold), were right at least
:data:`PREFERRED_PRECISION` of the time; between, and above, it is linear
(:func:`tier_score`).  Why not the probability itself: a calibrated map puts about
80 % right in its 0.75-0.85 band by design, so a preferred tier at P >= 0.75 cannot
be the tier a terminologist may trust without review (at least 95 % right); placing
the tier where the held-out proposals were that right is a choice of operating
point made on the development set, like any classifier's threshold, and the
probability stays available (:meth:`Model.probability`) for whoever wants it.

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

#: The fitted map, written by ``bench/fit_confidence.py``.
MODEL_PATH = Path(__file__).resolve().parent / "data" / "confidence.json"

#: The version of the file's layout; a file of another version is refused.
FORMAT = 1

#: The confidence from which a term is ``preferred`` (the aligner's ACCEPT), and below which the
#: confidence is the probability itself (the aligner's admitted tier starts there).
PREFERRED = 0.75
ADMITTED = 0.5
#: The share right the preferred tier is held to out of fold when the map is fitted: a point
#: above the 95 % a reviewer is promised, since new text is harder than the development set.
PREFERRED_PRECISION = 0.96
#: The fewest out-of-fold proposals a share right is trusted from when the tier is placed.
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


def place_preferred(
    scored: Iterable[tuple[float, bool]],
    precision: float = PREFERRED_PRECISION,
    min_count: int = PREFERRED_MIN_COUNT,
) -> float:
    """The lowest probability from which the proposals at or above it are ``precision`` right.

    ``scored`` are (out-of-fold probability, right) pairs.  Lowered from the
    top one distinct probability at a time, the tier keeps every threshold
    whose proposals (from ``min_count`` of them on) stay at least
    ``precision`` right, and stops at the first that is not: a lucky stretch
    below a bad one does not pull the tier down.  Never below
    :data:`PREFERRED` (the tier is never more generous than the probability
    says), and 1.0 (nothing is preferred) when no threshold holds.
    """
    ranked = sorted(scored, key=lambda py: -py[0])
    best, right, n, i = 1.0, 0, 0, 0
    while i < len(ranked):
        p = ranked[i][0]
        while i < len(ranked) and ranked[i][0] == p:
            right += bool(ranked[i][1])
            n += 1
            i += 1
        if n >= min_count and right < precision * n:
            break
        if p < PREFERRED:
            break
        if n >= min_count:
            best = p
    return best


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
    "ADMITTED", "FORMAT", "MODEL_PATH", "PREFERRED", "PREFERRED_PRECISION", "Model", "confidence", "fit",
    "fit_cv", "load", "log_loss", "place_preferred", "probability", "tier_score",
]
