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


def _stretch(top: float, n: int, right, step: float = 0.001) -> list[tuple[float, bool]]:
    """``n`` proposals from probability ``top`` down by ``step``, the k-th right when ``right(k)``."""
    return [(round(top - k * step, 6), bool(right(k))) for k in range(n)]


def test_wilson_lower_bound_known_values_and_edges():
    # The textbook Wilson interval of 8 of 10 at 95 % (two-sided) is 0.490 - 0.943.
    assert abs(calibration.wilson_lower(8, 10, 0.975) - 0.4902) < 1e-3
    assert calibration.wilson_lower(0, 0) == 0.0
    assert abs(calibration.wilson_lower(0, 10)) < 1e-12
    # All right: n / (n + z^2), below 1 however many; more confidence, a lower bound.
    z = 0.8416212335729143
    assert abs(calibration.wilson_lower(20, 20, 0.8) - 20 / (20 + z * z)) < 1e-9
    assert calibration.wilson_lower(20, 20, 0.95) < calibration.wilson_lower(20, 20, 0.8) < 1.0
    assert calibration.wilson_lower(200, 200, 0.8) > calibration.wilson_lower(20, 20, 0.8)


def test_the_preferred_tier_is_placed_where_the_bound_of_the_held_out_share_right_holds():
    # 40 right from 0.99, then 40 from 0.95 with one wrong in four, then 40 wrong from 0.85.
    scored = _stretch(0.99, 40, lambda k: True) + _stretch(0.95, 40, lambda k: k % 4 != 0)
    scored += _stretch(0.85, 40, lambda k: False)
    t = calibration.place_preferred(scored, precision=0.95, confidence=0.8, min_count=20)
    at = next(c for c in calibration.placements(scored, 0.8) if c.threshold == t)
    assert at.lower >= 0.95 and at.proposals >= 40
    # the next threshold down no longer holds the bound
    below = [c for c in calibration.placements(scored, 0.8) if c.threshold < t]
    assert below and below[0].lower < 0.95
    # A lower bar, a lower tier; more confidence asked, a higher one.
    assert calibration.place_preferred(scored, precision=0.8, confidence=0.8, min_count=20) < t
    assert calibration.place_preferred(scored, precision=0.95, confidence=0.99, min_count=20) > t


def test_edge_cases_too_few_all_wrong_all_right():
    # Too few proposals to trust a share from: nothing preferred.
    assert calibration.place_preferred([(0.99, True)] * 19, min_count=20) == 1.0
    assert calibration.place_preferred([]) == 1.0
    # All wrong: nothing preferred.
    assert calibration.place_preferred(_stretch(0.99, 50, lambda k: False)) == 1.0
    # All right: the tier reaches the lowest proposal, as long as that is at PREFERRED or above.
    assert calibration.place_preferred(_stretch(0.99, 100, lambda k: True, 0.002)) == 0.792
    assert calibration.place_preferred(_stretch(0.80, 100, lambda k: True)) == calibration.PREFERRED
    assert calibration.place_preferred([(0.6, True)] * 30) == 1.0
    # All right but too few for the bound: 13 of 13 is not 95 % with 80 % confidence, 14 of 14 is.
    assert calibration.place_preferred(_stretch(0.99, 13, lambda k: True), min_count=5) == 1.0
    assert calibration.place_preferred(_stretch(0.99, 14, lambda k: True), min_count=5) == 0.977


def test_a_judgment_proposed_twice_counts_once():
    # 15 right judgments, each proposed by two runs: 30 proposals, 15 judgments, fewer than 20.
    twice = [(p, y, k) for k, (p, y) in enumerate(_stretch(0.99, 15, lambda k: True)) for _run in (0, 1)]
    assert calibration.place_preferred(twice) == 1.0
    assert calibration.place_preferred([(p, y) for p, y, _k in twice]) == 0.976
    (last,) = calibration.placements(twice)[-1:]
    assert (last.proposals, last.right) == (15, 15)
    # a judgment counts at its highest probability
    once = calibration.placements([(0.9, True, "a"), (0.8, True, "a")])
    assert once == [calibration.Placement(0.9, 1, 1, 1.0, calibration.wilson_lower(1, 1))]


def test_a_lucky_stretch_below_a_bad_one_does_not_pull_the_tier_down():
    # 60 right, then 10 wrong (the share right falls below 95 %), then 400 right:
    # the running share recovers (460 of 470) but the tier stays above the bad stretch.
    scored = _stretch(0.99, 60, lambda k: True, 0.0005) + _stretch(0.95, 10, lambda k: False, 0.0005)
    scored += _stretch(0.94, 400, lambda k: True, 0.0004)
    t = calibration.place_preferred(scored)
    assert t >= 0.95  # at most the bad stretch's first, while the share right still held
    # though far below it the running share would meet the bound again
    assert any(c.threshold < 0.9 and c.lower >= 0.95 for c in calibration.placements(scored))


def test_one_error_that_dips_the_bound_does_not_stop_the_tier():
    # 40 right, one wrong, 40 right: the bound falls below 95 % just after the error (40 of 41)
    # but the share right holds, and further down the bound is met again.
    scored = _stretch(0.99, 40, lambda k: True) + [(0.9595, False)] + _stretch(0.959, 40, lambda k: True)
    c = {p.threshold: p for p in calibration.placements(scored)}
    assert c[0.9595].lower < 0.95 <= c[0.9595].precision
    assert calibration.place_preferred(scored) == 0.92


def test_isotonic_blocks_pool_violators_and_do_not_rise():
    scored = [(0.99, True), (0.98, False), (0.97, True), (0.96, True), (0.5, False), (0.4, True)]
    blocks = calibration.isotonic(scored)
    shares = [b.right / b.count for b in blocks]
    assert all(a > b for a, b in zip(shares, shares[1:], strict=False))
    assert sum(b.count for b in blocks) == 6 and sum(b.right for b in blocks) == 4
    assert blocks[:2] == [calibration.Block(0.99, 0.99, 1, 1), calibration.Block(0.96, 0.98, 3, 2)]
    assert blocks[-1] == calibration.Block(0.4, 0.5, 2, 1)


def test_a_fitted_tier_round_trips_and_a_map_without_one_is_the_probability(tmp_path):
    model = calibration.Model(1.0, {"a": 2.0}, preferred_from=0.9)
    again = calibration.Model.from_data(model.to_data())
    assert again.preferred_from == 0.9
    assert again.confidence({"a": 1.0}) == model.confidence({"a": 1.0}) < model.probability({"a": 1.0})
    data = model.to_data()
    del data["preferred_from"]
    old = calibration.Model.from_data(data)
    assert old.confidence({"a": 1.0}) == old.probability({"a": 1.0})
