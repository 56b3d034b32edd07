"""The confidence map: fitting finds the direction of the evidence, the file round-trips, a stale format is refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from glossary import calibration


def _samples() -> list[tuple[dict[str, float], bool]]:
    # 'witness' is right 19 times in 20, 'guess' 6 in 20, and 'noise' says nothing.
    out = []
    for k in range(20):
        out.append(({"witness": 1.0, "noise": float(k % 2)}, k != 0))
        out.append(({"guess": 1.0, "noise": float(k % 2)}, k < 6))
    return out


def test_fit_weighs_a_reliable_witness_above_a_guess():
    model = calibration.fit(_samples(), l2=1.0)
    assert model.weights["witness"] > 0 > model.weights["guess"]
    assert abs(model.weights["noise"]) < 0.3
    p_witness = model.probability({"witness": 1.0})
    p_guess = model.probability({"guess": 1.0})
    assert p_witness > 0.85 and p_guess < 0.45
    # A stronger penalty pulls every weight towards nothing.
    strong = calibration.fit(_samples(), l2=100.0)
    assert abs(strong.weights["witness"]) < abs(model.weights["witness"])


def test_an_unfitted_feature_weighs_nothing():
    model = calibration.Model(0.0, {"known": 2.0})
    assert model.probability({}) == 0.5
    assert model.probability({"never seen": 5.0}) == 0.5
    assert model.probability({"known": 1.0}) == round(1 / (1 + 2.718281828459045 ** -2), 3)


def test_cross_validation_picks_a_penalty_and_fits_on_everything():
    samples = _samples()
    folds = [k % 5 for k in range(len(samples))]
    model, l2, losses = calibration.fit_cv(samples, folds, penalties=(0.1, 1.0, 10.0))
    assert l2 in losses and losses[l2] == min(losses.values())
    assert model.probability({"witness": 1.0}) > model.probability({"guess": 1.0})


def test_the_map_round_trips_through_its_file(tmp_path):
    model = calibration.fit(_samples(), l2=1.0)
    model.meta = {"samples": 40}
    path = tmp_path / "confidence.json"
    path.write_text(json.dumps(model.to_data()), encoding="utf-8")
    back = calibration.load(path)
    assert back.meta == {"samples": 40}
    for f in ({"witness": 1.0}, {"guess": 1.0, "noise": 1.0}):
        assert back.probability(f) == model.probability(f)


def test_a_map_of_another_format_is_refused():
    with pytest.raises(ValueError, match="format"):
        calibration.Model.from_data({"format": 99, "bias": 0, "weights": {}})


def test_the_shipped_map_is_fitted_and_says_how_to_refit():
    model = calibration.load()
    assert model.weights and model.meta["refit"] == "python bench/fit_confidence.py"
    assert 0 < model.meta["right"] < model.meta["samples"]


def test_the_shipped_map_is_the_fit_of_the_aligner_as_it_is():
    # After a change to candidate generation or evidence: python bench/fit_confidence.py --rebuild
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, str(root / "bench" / "fit_confidence.py"), "--check"],
                          cwd=root, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, done.stdout[-600:] + done.stderr[-600:]
