"""Confidence as a calibrated probability: P(right) of a proposed term from its evidence features.

The title aligner (and anything else that proposes term pairs) describes each
proposal by a few features: which kinds of evidence support it, how strong the
strongest link was, whether it is a lone word, a fragment, a name, how many
rival readings its spans had, whether it recurs.  The weights that rank
candidates while linking say nothing by themselves about how often a term
shown at 0.8 is right; this module turns the features into that chance.

The map is a logistic regression with an L2 penalty, small on purpose: it is
fitted on a few hundred hand-checked proposals (the tune and held-out halves
of ``bench/data/headlines_gold.tsv``), never on the blind sets, by
``python tools/fit_confidence.py``, which writes :data:`MODEL_PATH`.  The
fitted weights are data, not code, so that a change in candidate generation
(new evidence kinds, a better dictionary reading) is followed by one command
that refits them; a feature the file does not know weighs nothing.

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

#: The fitted map, written by ``tools/fit_confidence.py``.
MODEL_PATH = Path(__file__).resolve().parent / "data" / "confidence.json"

#: The version of the file's layout; a file of another version is refused.
FORMAT = 1


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class Model:
    """A fitted map: an intercept and one weight per feature name (absent names weigh 0)."""

    def __init__(self, bias: float, weights: Mapping[str, float], meta: Mapping | None = None):
        self.bias = bias
        self.weights = dict(weights)
        self.meta = dict(meta or {})

    def probability(self, features: Mapping[str, float]) -> float:
        """P(right) for one proposal, rounded to 3 decimals (what a reviewer is shown)."""
        # Summed in name order: the same features give the same digits in every process.
        z = self.bias + math.fsum(self.weights.get(name, 0.0) * value for name, value in sorted(features.items()))
        return round(_sigmoid(z), 3)

    def to_data(self) -> dict:
        return {"format": FORMAT, "bias": round(self.bias, 6),
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())}, **self.meta}

    @classmethod
    def from_data(cls, data: Mapping) -> Model:
        if data.get("format") != FORMAT:
            raise ValueError(f"confidence model format {data.get('format')!r}, expected {FORMAT}")
        meta = {k: v for k, v in data.items() if k not in ("format", "bias", "weights")}
        return cls(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}, meta)


@lru_cache(maxsize=4)
def load(path: Path = MODEL_PATH) -> Model:
    """The fitted map shipped with the package (read once per process)."""
    import json

    return Model.from_data(json.loads(path.read_text(encoding="utf-8")))


def probability(features: Mapping[str, float], model: Model | None = None) -> float:
    """P(right) of a proposal described by ``features`` under ``model`` (default: the shipped one)."""
    return (model or load()).probability(features)


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


__all__ = ["FORMAT", "MODEL_PATH", "Model", "fit", "fit_cv", "load", "log_loss", "probability"]
