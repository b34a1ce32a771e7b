"""Temperature scaling, calibration error and routing (auto / parent / review)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from compta_finetune.calibration import (
    AUTO,
    PARENT,
    REVIEW,
    Routing,
    auto_coverage_accuracy,
    baseline_probabilities,
    calibrate_baseline,
    calibration_report,
    classifier_calibration_report,
    coverage_accuracy_curve,
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    reliability_bins,
    route,
    route_batch,
    softmax,
)


def _overconfident(seed: int = 0, lines: int = 2000, accounts: int = 5):
    """Logits whose softmax is sharper than the truth: true temperature 3."""
    generator = np.random.default_rng(seed)
    true_logits = generator.normal(size=(lines, accounts)) * 2.0
    labels = np.array([generator.choice(accounts, p=p) for p in softmax(true_logits)])
    return true_logits * 3.0, labels


def test_temperature_recovers_the_true_scale_and_lowers_ece():
    logits, labels = _overconfident()
    temperature = fit_temperature(logits, labels)
    assert 2.5 < temperature < 3.5
    before = calibration_report(logits, labels)
    after = calibration_report(logits, labels, temperature)
    assert after["ece"] < before["ece"] / 2
    assert negative_log_likelihood(logits, labels, temperature) < negative_log_likelihood(logits, labels)
    # Scaling never changes a prediction.
    assert (softmax(logits, temperature).argmax(1) == logits.argmax(1)).all()


def test_temperature_is_deterministic_and_checks_its_input():
    logits, labels = _overconfident(seed=1, lines=300)
    assert fit_temperature(logits, labels) == fit_temperature(logits, labels)
    with pytest.raises(ValueError):
        fit_temperature(logits[:3], labels[:2])


def test_ece_and_bins_agree():
    confidences = np.array([0.95, 0.92, 0.55, 0.6, 0.31])
    correct = np.array([True, False, True, True, False])
    bins = reliability_bins(confidences, correct)
    assert sum(b["lines"] for b in bins) == 5
    expected = sum(b["lines"] * abs(b["accuracy"] - b["confidence"]) for b in bins) / 5
    assert expected_calibration_error(confidences, correct) == pytest.approx(expected, abs=1e-6)


def test_routing_decisions():
    assert route({"6064": 0.9, "626": 0.1}, 0.9).decision == AUTO
    parent = route({"6061": 0.46, "6063": 0.46, "626": 0.08}, 0.9, libelle={"606": "Achats non stockés"}.get)
    assert (parent.decision, parent.code, parent.libelle) == (PARENT, "606", "Achats non stockés")
    assert parent.score == pytest.approx(0.92)
    # 8-digit sub-accounts: the longest common prefix that reaches the threshold wins.
    deep = route({"60611000": 0.5, "60612000": 0.45, "60630000": 0.05}, 0.9)
    assert (deep.decision, deep.code) == (PARENT, "6061")
    # A prefix of two digits is a chapter, not an account: review.
    assert route({"6064": 0.5, "6132": 0.45, "2183": 0.05}, 0.9).decision == REVIEW
    assert [r.decision for r in route_batch(np.eye(3), ["601", "607", "626"], 0.9)] == [AUTO] * 3


def test_coverage_and_curve():
    scores = [0.99, 0.97, 0.91, 0.5, 0.2]
    correct = [True, True, False, True, False]
    assert auto_coverage_accuracy(scores, correct, 0.95) == {"threshold": 0.95, "coverage": 0.4, "accuracy": 1.0, "lines": 2}
    curve = coverage_accuracy_curve(scores, correct)
    coverages = [point["coverage"] for point in curve]
    assert coverages == sorted(coverages, reverse=True) and coverages[0] == 1.0


def test_calibrated_baseline_posts_half_the_test_lines_at_98_percent():
    """Issue 12's bar: on the shipped test split, the calibrated TF-IDF baseline's `auto` lines are ≥ 98 % right and ≥ 50 % of lines."""
    from compta_finetune.lab.baseline import build_baseline
    from compta_finetune.calibration import classifier_calibration_report
    from compta_finetune.data import load_invoice_dataset

    corpus = load_invoice_dataset()

    def lines(split):
        return corpus[split]["text"], [corpus[split].features["label"].int2str(i) for i in corpus[split]["label"]]

    baseline = build_baseline().fit(*lines("train"))
    report = classifier_calibration_report(baseline, lines("validation"), lines("test"), threshold=0.9)
    auto = report["calibrated"]["auto"]
    assert auto["accuracy"] >= 0.98 and auto["coverage"] >= 0.5
    assert report["calibrated"]["ece"] < report["raw"]["ece"]
    assert sum(row["lines"] for row in report["routing"].values()) == len(corpus["test"])


def test_route_names_the_account_it_posts_or_sends_for_review():
    libelle = {"6064": "Fournitures administratives", "606": "Achats non stockés"}.get
    assert route({"6064": 0.95, "626": 0.05}, 0.9, libelle).libelle == "Fournitures administratives"
    assert route({"6061": 0.5, "6063": 0.45, "626": 0.05}, 0.9, libelle).libelle == "Achats non stockés"
    # An account the libellé lookup does not know is named by nothing, not by None.
    assert route({"6061": 0.5, "626": 0.45, "6063": 0.05}, 0.9, libelle) == Routing(REVIEW, "6061", 0.5, "")
    with pytest.raises(ValueError, match="at least one account"):
        route({}, 0.9)


def test_route_parent_edges():
    # A parent total exactly at the threshold is enough (binary fractions: the sum is exact).
    assert route({"6061": 0.25, "6063": 0.25, "626": 0.375, "627": 0.125}, 0.5) == Routing(PARENT, "606", 0.5)
    # A trained account counts in its own prefix: 606 (0.6) and 6064 (0.35) make 606 at 0.95.
    assert route({"606": 0.6, "6064": 0.35, "626": 0.05}, 0.9) == Routing(PARENT, "606", 0.95)
    # Two digits (60 = 0.95 here) are a chapter of the chart, never a parent account.
    assert route({"6064": 0.5, "6011": 0.45, "2183": 0.05}, 0.9) == Routing(REVIEW, "6064", 0.5)


def test_calibration_report_fields_and_threshold():
    report = calibration_report([[3.0, 0.0], [0.0, 3.0], [1.0, 0.0]], [0, 1, 1], temperature=2.0, threshold=0.6)
    assert set(report) == {"temperature", "ece", "reliability", "auto", "curve"}
    assert report["temperature"] == 2.0
    # At T = 2 the scores are 0.818, 0.818 and 0.622: all three reach 0.6, two are right.
    assert report["auto"] == {"threshold": 0.6, "coverage": 1.0, "accuracy": 2 / 3, "lines": 3}
    assert sum(row["lines"] for row in report["reliability"]) == 3


class _FixedClassifier:
    """A fitted classifier stand-in: each text has a fixed probability row over ``classes_``."""

    classes_ = np.array(["606", "6064", "626"])

    def __init__(self, rows: dict[str, list[float]]):
        self.rows = rows

    def predict_proba(self, texts):
        return np.array([self.rows[text] for text in texts])


def test_classifier_calibration_report_routes_the_calibrated_scores():
    classifier = _FixedClassifier(
        {"sure": [0.96, 0.02, 0.02], "sure64": [0.02, 0.96, 0.02], "split": [0.55, 0.40, 0.05], "flat": [0.4, 0.3, 0.3]}
    )
    # Validation: the classifier says 96 % and is right 3 times out of 4, so T > 1 softens it.
    validation = (["sure"] * 4 + ["sure64"] * 4, ["606", "606", "606", "626", "6064", "6064", "6064", "606"])
    # Test: 999 is an account the classifier never saw.
    test = (["sure", "sure", "split", "split", "flat", "sure64"], ["6064", "606", "6064", "626", "626", "999"])
    report = classifier_calibration_report(classifier, validation, test, threshold=0.7)

    assert set(report) == {"temperature", "raw", "calibrated", "routing"}
    assert report["temperature"] == calibrate_baseline(classifier, *validation) == pytest.approx(2.1606, abs=1e-4)
    log_probabilities = np.log(classifier.predict_proba(test[0]))
    labels = [1, 0, 1, 2, 2, -1]  # 999 matches no column
    assert report["raw"] == calibration_report(log_probabilities, labels, 1.0, 0.7)
    assert report["calibrated"] == calibration_report(log_probabilities, labels, report["temperature"], 0.7)
    # Raw, the three 96 % lines are auto and one is right (606 for 606; not 606 for 6064, nor 6064 for 999).
    assert report["raw"]["auto"] == {"threshold": 0.7, "coverage": 0.5, "accuracy": 1 / 3, "lines": 3}
    # Calibrated (T = 2.16): « sure » lines fall to 0.75, « split » to a parent 606 at 0.85, « flat » to review.
    # A parent is right when the true account lies under it (6064 under 606); auto and review must match exactly.
    assert report["routing"] == {
        "auto": {"lines": 3, "accuracy": 1 / 3},
        "parent": {"lines": 2, "accuracy": 0.5},
        "review": {"lines": 1, "accuracy": 0.0},
    }
    # At 0.9 nothing is auto nor parent after calibration: no accuracy rather than a NaN.
    strict = classifier_calibration_report(classifier, validation, test, threshold=0.9)["routing"]
    assert strict == {
        "auto": {"lines": 0, "accuracy": None},
        "parent": {"lines": 0, "accuracy": None},
        "review": {"lines": 6, "accuracy": 1 / 6},
    }


def test_a_classifier_with_zero_probabilities_calibrates_without_warnings():
    """A decision tree gives exact 0 and 1: log(0) must not reach the temperature search nor the scores."""
    classifier = _FixedClassifier({"tree": [1.0, 0.0, 0.0], "other": [0.0, 1.0, 0.0]})
    validation = (["tree"] * 3 + ["other"] * 3, ["606", "606", "6064", "6064", "6064", "606"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        temperature = calibrate_baseline(classifier, *validation)
        # Right 2 times out of 3: the calibrated score of its certain lines nears 2/3 (T at its bound of 20).
        assert 19 < temperature <= 20
        assert baseline_probabilities(classifier, ["tree"], temperature)[0, 0] == pytest.approx(2 / 3, abs=0.01)
        report = classifier_calibration_report(classifier, validation, validation, threshold=0.6)
    assert report["routing"]["auto"] == {"lines": 6, "accuracy": 2 / 3}
    with pytest.raises(ValueError, match="validation lines of the classifier's accounts"):
        calibrate_baseline(classifier, ["tree"], ["999"])


def test_softmax_and_nll_are_stable_and_computed_in_float64():
    # Each row is shifted by its own maximum: neither a huge logit nor rows far apart overflow.
    extreme = [[1000.0, 0.0], [-1000.0, -1001.0]]
    assert softmax(extreme).round(6).tolist() == [[1.0, 0.0], [0.731059, 0.268941]]
    assert negative_log_likelihood(extreme, [0, 1]) == pytest.approx(math.log(1 + math.e) / 2, abs=1e-12)
    assert negative_log_likelihood([[2.0, 0.0]], [0]) == pytest.approx(math.log(1 + math.exp(-2)), abs=1e-12)
    # A model's logits come as float32: the scores are still computed in float64.
    logits = np.array([[3.1, 0.2, -1.3], [0.7, 2.9, 0.1]], dtype=np.float32)
    assert softmax(logits).dtype == np.float64
    assert negative_log_likelihood(logits, [0, 2]) == negative_log_likelihood(logits.astype(np.float64), [0, 2])


def test_temperature_search_bounds_ties_and_tolerance():
    # Every line right at a small logit gap: the sharpest temperature allowed, exactly the bound.
    assert fit_temperature([[0.2, 0.0]] * 4, [0, 0, 0, 0]) == 0.05
    # Logits that say nothing: every T gives the same NLL; the softest, the upper bound, is returned.
    assert fit_temperature([[0.0, 0.0]] * 3, [0, 1, 0]) == 20.0
    # Three lines right out of four at gap 2: 1 / T = ln(3) / 2, found within the tolerance on 1 / T.
    for tolerance in (1e-2, 3e-3, 1e-3, 3e-4, 1e-4):
        beta = 1 / fit_temperature([[2.0, 0.0]] * 4, [0, 0, 0, 1], tolerance=tolerance)
        assert abs(beta - math.log(3) / 2) <= tolerance / 2
    for logits, labels in [([[1.0, 0.0]] * 3, [0, 1]), ([1.0, 0.0], [0, 1]), (np.zeros((0, 2)), [])]:
        with pytest.raises(ValueError, match=r"needs logits of shape \(n_lines, n_accounts\) and one label per line"):
            fit_temperature(logits, labels)


def test_reliability_bins_bounds_and_edges():
    bins = reliability_bins([0.0, 0.05, 0.5, 0.5, 0.5, 1.0], [True, False, True, False, False, True])
    # 15 bins of width 1/15: 0 joins the first, 0.5 falls in (7/15, 8/15], 1 in the last.
    assert bins == [
        {"lower": 0.0, "upper": 0.066667, "lines": 2, "confidence": 0.025, "accuracy": 0.5},
        {"lower": 0.466667, "upper": 0.533333, "lines": 3, "confidence": 0.5, "accuracy": 0.333333},
        {"lower": 0.933333, "upper": 1.0, "lines": 1, "confidence": 1.0, "accuracy": 1.0},
    ]


def test_ece_of_no_line_one_line_and_other_bins():
    assert expected_calibration_error([], []) == 0.0
    assert expected_calibration_error([0.9], [False]) == 0.9
    assert expected_calibration_error([0.3, 0.9], [True, False]) == 0.8
    assert expected_calibration_error([0.3, 0.9], [True, False], n_bins=1) == 0.1


def test_auto_coverage_at_the_threshold_and_of_no_line():
    # A score exactly at the threshold is posted, as route() posts it.
    assert auto_coverage_accuracy([0.9, 0.5], [True, True], 0.9) == {"threshold": 0.9, "coverage": 0.5, "accuracy": 1.0, "lines": 1}
    assert auto_coverage_accuracy([], [], 0.9) == {"threshold": 0.9, "coverage": 0.0, "accuracy": None, "lines": 0}
