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


def test_the_tiers_scale_keeps_the_order_and_places_the_preferred_tier():
    t = 0.9
    assert calibration.tier_score(0.3, t) == 0.3  # below ADMITTED the probability itself
    assert calibration.tier_score(calibration.ADMITTED, t) == calibration.ADMITTED
    assert abs(calibration.tier_score(t, t) - calibration.PREFERRED) < 1e-9
    assert abs(calibration.tier_score(1.0, t) - 1.0) < 1e-9
    assert calibration.tier_score(0.89, t) < calibration.PREFERRED <= calibration.tier_score(0.9, t)
    grid = [k / 200 for k in range(201)]
    scores = [calibration.tier_score(p, t) for p in grid]
    assert all(a < b for a, b in zip(scores, scores[1:], strict=False))
    # Placed at PREFERRED, the scale is the probability (a map fitted before the tier was placed).
    assert all(abs(calibration.tier_score(p, calibration.PREFERRED) - p) < 1e-9 for p in grid)


def test_the_preferred_tier_is_placed_where_the_held_out_proposals_were_right_enough():
    # 40 proposals at 0.99-0.95 all right, then 0.94-0.90 with one wrong in four, then all wrong.
    scored = [(0.99 - k / 1000, True) for k in range(40)]
    scored += [(0.94 - k / 1000, k % 4 != 0) for k in range(40)]
    scored += [(0.85 - k / 1000, False) for k in range(40)]
    t = calibration.place_preferred(scored, precision=0.96, min_count=20)
    tier = [y for p, y in scored if p >= t]
    assert sum(tier) >= 0.96 * len(tier) and len(tier) >= 40
    assert 0.9 < t <= 0.961  # into the mixed stretch only while the share right holds
    # Lower bar, lower tier; nothing good enough, nothing preferred; never below PREFERRED.
    assert calibration.place_preferred(scored, precision=0.5, min_count=20) < t
    assert calibration.place_preferred([(0.99, False)] * 30) == 1.0
    assert calibration.place_preferred([(0.6, True)] * 30) == 1.0


def test_a_fitted_tier_round_trips_and_a_map_without_one_is_the_probability(tmp_path):
    model = calibration.Model(1.0, {"a": 2.0}, preferred_from=0.9)
    again = calibration.Model.from_data(model.to_data())
    assert again.preferred_from == 0.9
    assert again.confidence({"a": 1.0}) == model.confidence({"a": 1.0}) < model.probability({"a": 1.0})
    data = model.to_data()
    del data["preferred_from"]
    old = calibration.Model.from_data(data)
    assert old.confidence({"a": 1.0}) == old.probability({"a": 1.0})
