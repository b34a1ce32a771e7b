"""Scores an accountant can act on: temperature scaling, calibration error and routing.

A classifier's top probability is only useful if it means what it says: among the lines scored
0.9, about 90 % should be right. Fine-tuned transformers are over-confident; temperature
scaling (Guo et al., 2017, « On Calibration of Modern Neural Networks ») divides the logits by
one number ``T`` fitted on the validation split, which leaves every prediction unchanged and
makes the scores honest. The expected calibration error (ECE, 15 equal-width bins, as in Guo
et al.) measures the gap before and after.

With calibrated scores, each line is *routed*:

- ``auto``: the top account's score reaches the threshold ``P``: post it without review;
- ``parent``: no account reaches ``P``, but the accounts sharing a parent of at least three
  digits do together (the model hesitates between ``6061`` and ``6063``, not about ``606``):
  post to the parent account;
- ``review``: a human checks the line.

This module needs only numpy, so that the results page and the baseline can use it without
the training stack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

AUTO, PARENT, REVIEW = "auto", "parent", "review"
"""The three routing decisions."""

DEFAULT_THRESHOLD = 0.9
"""Default ``--auto-threshold``: a line is posted without review when its calibrated score reaches it."""

ECE_BINS = 15
"""Number of equal-width confidence bins of :func:`expected_calibration_error` (Guo et al., 2017)."""

MIN_PARENT_DIGITS = 3
"""A parent account has at least three digits (``606``): a class or a chapter is not an account to post to."""


def softmax(logits, temperature: float = 1.0) -> np.ndarray:
    """Probabilities from logits divided by ``temperature``, row by row, computed stably.

    Examples
    --------
    >>> softmax([[0.0, 0.0], [2.0, 0.0]]).round(4).tolist()
    [[0.5, 0.5], [0.8808, 0.1192]]
    >>> softmax([[2.0, 0.0]], temperature=2.0).round(4).tolist()
    [[0.7311, 0.2689]]
    """
    scaled = np.asarray(logits, dtype=np.float64) / float(temperature)
    scaled = scaled - scaled.max(axis=-1, keepdims=True)
    exponentials = np.exp(scaled)
    return exponentials / exponentials.sum(axis=-1, keepdims=True)


def negative_log_likelihood(logits, labels, temperature: float = 1.0) -> float:
    """Mean negative log-likelihood of the true labels under ``softmax(logits / temperature)``.

    Examples
    --------
    >>> round(negative_log_likelihood([[0.0, 0.0]], [0]), 4)  # log 2
    0.6931
    """
    scaled = np.asarray(logits, dtype=np.float64) / float(temperature)
    shift = scaled.max(axis=-1, keepdims=True)
    log_normaliser = np.log(np.exp(scaled - shift).sum(axis=-1)) + shift[:, 0]
    labels = np.asarray(labels, dtype=np.int64)
    return float(np.mean(log_normaliser - scaled[np.arange(len(labels)), labels]))


def fit_temperature(logits, labels, *, bounds: tuple[float, float] = (0.05, 20.0), tolerance: float = 1e-6) -> float:
    """The temperature ``T`` that minimises the validation negative log-likelihood of ``softmax(logits / T)``.

    The NLL is convex in the inverse temperature ``1 / T``, so a golden-section search on it,
    within ``bounds``, finds the minimum without scipy. ``T > 1`` softens over-confident
    scores; ``T < 1`` sharpens under-confident ones. The predictions (argmax) do not change.

    Parameters
    ----------
    logits : array of shape (n_lines, n_accounts)
        Raw scores on the validation split (a model's logits, or log-probabilities).
    labels : array of int, shape (n_lines,)
        The true label ids.
    bounds : (float, float)
        The smallest and largest temperature considered.

    Examples
    --------
    Two lines the model is 88 % sure of, one right and one wrong: the honest score is 50 %,
    which a very high temperature gives (the search stops at the bound).

    >>> fit_temperature([[2.0, 0.0], [2.0, 0.0]], [0, 1])
    20.0

    Three lines right out of four at logit gap 2: the fitted ``T`` brings the score to 0.75.

    >>> temperature = fit_temperature([[2.0, 0.0]] * 4, [0, 0, 0, 1])
    >>> round(temperature, 3), round(float(softmax([[2.0, 0.0]], temperature)[0, 0]), 3)
    (1.82, 0.75)
    """
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    if logits.ndim != 2 or len(logits) != len(labels) or len(labels) == 0:
        raise ValueError("fit_temperature needs logits of shape (n_lines, n_accounts) and one label per line.")
    low, high = 1.0 / bounds[1], 1.0 / bounds[0]  # search on beta = 1 / T, where the NLL is convex

    def loss(beta: float) -> float:
        return negative_log_likelihood(logits, labels, 1.0 / beta)

    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    left, right = high - ratio * (high - low), low + ratio * (high - low)
    loss_left, loss_right = loss(left), loss(right)
    while high - low > tolerance * max(1.0, low):
        if loss_left <= loss_right:
            high, right, loss_right = right, left, loss_left
            left = high - ratio * (high - low)
            loss_left = loss(left)
        else:
            low, left, loss_left = left, right, loss_right
            right = low + ratio * (high - low)
            loss_right = loss(right)
    beta = (low + high) / 2.0
    # At a bound, return the bound itself (the golden search stops within its tolerance).
    for edge in (1.0 / bounds[1], 1.0 / bounds[0]):
        if abs(beta - edge) <= 2 * tolerance * max(1.0, edge) and loss(edge) <= loss(beta):
            beta = edge
    return float(1.0 / beta)


def reliability_bins(confidences, correct, n_bins: int = ECE_BINS) -> list[dict]:
    """Lines grouped by confidence into ``n_bins`` equal-width bins: the data of a reliability diagram.

    Bin ``i`` holds the confidences in ``(i / n_bins, (i + 1) / n_bins]`` (the first also holds 0).

    Returns
    -------
    list of dict
        One per non-empty bin: ``lower``, ``upper``, ``lines``, ``confidence`` (mean score)
        and ``accuracy`` (share of lines right).

    Examples
    --------
    >>> reliability_bins([0.95, 0.95, 0.55, 0.6], [True, False, True, True], n_bins=2)
    [{'lower': 0.5, 'upper': 1.0, 'lines': 4, 'confidence': 0.7625, 'accuracy': 0.75}]
    >>> [b["lines"] for b in reliability_bins([0.95, 0.95, 0.55, 0.6], [True, False, True, True], n_bins=10)]
    [2, 2]
    """
    confidences = np.asarray(confidences, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    # ceil(c * n) - 1 puts c in (i / n, (i + 1) / n]; a score of exactly 0 goes to bin 0.
    indices = np.clip(np.ceil(confidences * n_bins).astype(np.int64) - 1, 0, n_bins - 1)
    bins = []
    for index in range(n_bins):
        members = indices == index
        count = int(members.sum())
        if count:
            bins.append(
                {
                    "lower": round(index / n_bins, 6),
                    "upper": round((index + 1) / n_bins, 6),
                    "lines": count,
                    "confidence": round(float(confidences[members].mean()), 6),
                    "accuracy": round(float(correct[members].mean()), 6),
                }
            )
    return bins


def expected_calibration_error(confidences, correct, n_bins: int = ECE_BINS) -> float:
    """Expected calibration error: the lines-weighted mean gap between confidence and accuracy per bin.

    Parameters
    ----------
    confidences : array of float
        The top score of each line.
    correct : array of bool
        Whether each line's top account is the true one.
    n_bins : int, default 15
        Equal-width confidence bins, as in Guo et al. (2017).

    Examples
    --------
    Four lines scored 0.9 of which two are right: a gap of 0.4 on every line.

    >>> round(expected_calibration_error([0.9, 0.9, 0.9, 0.9], [True, True, False, False]), 6)
    0.4
    >>> expected_calibration_error([0.75, 0.75, 0.75, 0.75], [True, True, True, False])
    0.0
    """
    confidences = np.asarray(confidences, dtype=np.float64)
    if len(confidences) == 0:
        return 0.0
    bins = reliability_bins(confidences, correct, n_bins)
    total = sum(b["lines"] for b in bins)
    gap = sum(b["lines"] * abs(b["accuracy"] - b["confidence"]) for b in bins) / total
    return float(round(gap, 6))


@dataclass(frozen=True)
class Routing:
    """What to do with one line: ``decision`` (``auto``, ``parent`` or ``review``), the account to post and its score.

    For ``auto`` and ``review``, ``code`` is the top account; for ``parent``, the parent
    account whose accounts reach the threshold together, with their summed ``score``.
    """

    decision: str
    code: str
    score: float
    libelle: str = ""


def route(
    probabilities: Mapping[str, float],
    threshold: float = DEFAULT_THRESHOLD,
    libelle: Callable[[str], str] | None = None,
) -> Routing:
    """Route one line from its probability over the accounts.

    ``auto`` when the top account reaches ``threshold``; else ``parent`` when the accounts
    that share the longest prefix of at least :data:`MIN_PARENT_DIGITS` digits reach it
    together (the longest such prefix wins); else ``review`` with the top account.

    Parameters
    ----------
    probabilities : mapping of account code to probability
        All the accounts of the model (or at least all those with a noticeable probability).
    threshold : float
        The calibrated score needed to post without review.
    libelle : callable, optional
        Code -> libellé (e.g. :func:`compta_finetune.accounts.libelle`), to name the account.

    Examples
    --------
    >>> route({"6064": 0.95, "6061": 0.03, "626": 0.02}, 0.9)
    Routing(decision='auto', code='6064', score=0.95, libelle='')
    >>> route({"6061": 0.5, "6063": 0.45, "626": 0.05}, 0.9)
    Routing(decision='parent', code='606', score=0.95, libelle='')
    >>> route({"6061": 0.5, "626": 0.45, "6063": 0.05}, 0.9, libelle={"6061": "Eau, énergie"}.get)
    Routing(decision='review', code='6061', score=0.5, libelle='Eau, énergie')

    The parent may itself be a trained account: ``606`` and ``6064`` share ``606``.

    >>> route({"606": 0.6, "6064": 0.35, "626": 0.05}, 0.9).code
    '606'
    """
    if not probabilities:
        raise ValueError("route needs the probability of at least one account.")
    top_code, top_score = max(probabilities.items(), key=lambda item: item[1])
    name = libelle or (lambda code: "")
    if top_score >= threshold:
        return Routing(AUTO, top_code, float(top_score), name(top_code) or "")
    longest = max(len(code) for code in probabilities)
    for digits in range(longest - 1, MIN_PARENT_DIGITS - 1, -1):
        totals: dict[str, float] = {}
        for code, probability in probabilities.items():
            if len(code) >= digits:
                totals[code[:digits]] = totals.get(code[:digits], 0.0) + float(probability)
        prefix, total = max(totals.items(), key=lambda item: item[1], default=("", 0.0))
        if total >= threshold:
            return Routing(PARENT, prefix, float(round(total, 12)), name(prefix) or "")
    return Routing(REVIEW, top_code, float(top_score), name(top_code) or "")


def route_batch(
    probabilities,
    codes: Sequence[str],
    threshold: float = DEFAULT_THRESHOLD,
    libelle: Callable[[str], str] | None = None,
) -> list[Routing]:
    """:func:`route` for each row of a probability matrix whose columns are ``codes``.

    Examples
    --------
    >>> [r.decision for r in route_batch([[0.95, 0.05, 0.0], [0.5, 0.45, 0.05]], ["6061", "6063", "626"])]
    ['auto', 'parent']
    """
    matrix = np.asarray(probabilities, dtype=np.float64)
    codes = [str(code) for code in codes]
    return [route(dict(zip(codes, row.tolist())), threshold, libelle) for row in matrix]


def auto_coverage_accuracy(confidences, correct, threshold: float = DEFAULT_THRESHOLD) -> dict:
    """Share of lines posted automatically (score ≥ ``threshold``) and accuracy on them.

    Returns
    -------
    dict
        ``threshold``, ``coverage`` (share of all lines that are ``auto``), ``accuracy``
        (share of the ``auto`` lines that are right; ``None`` when there are none) and ``lines``
        (number of ``auto`` lines).

    Examples
    --------
    >>> auto_coverage_accuracy([0.99, 0.95, 0.6, 0.3], [True, True, False, True], 0.9)
    {'threshold': 0.9, 'coverage': 0.5, 'accuracy': 1.0, 'lines': 2}
    >>> auto_coverage_accuracy([0.5], [True], 0.9)["accuracy"] is None
    True
    """
    confidences = np.asarray(confidences, dtype=np.float64)
    correct = np.asarray(correct, dtype=bool)
    chosen = confidences >= threshold
    count = int(chosen.sum())
    return {
        "threshold": float(threshold),
        "coverage": float(count / len(confidences)) if len(confidences) else 0.0,
        "accuracy": float(correct[chosen].mean()) if count else None,
        "lines": count,
    }


CURVE_THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99)
"""Thresholds of the default coverage-accuracy curve."""


def coverage_accuracy_curve(confidences, correct, thresholds: Sequence[float] = CURVE_THRESHOLDS) -> list[dict]:
    """:func:`auto_coverage_accuracy` at each threshold: how much is posted automatically, and how well.

    Examples
    --------
    >>> curve = coverage_accuracy_curve([0.99, 0.95, 0.6, 0.3], [True, True, False, True], [0.0, 0.5, 0.9])
    >>> [(point["threshold"], point["coverage"], point["accuracy"]) for point in curve]
    [(0.0, 1.0, 0.75), (0.5, 0.75, 0.6666666666666666), (0.9, 0.5, 1.0)]
    """
    return [auto_coverage_accuracy(confidences, correct, threshold) for threshold in thresholds]


def calibration_report(logits, labels, temperature: float = 1.0, threshold: float = DEFAULT_THRESHOLD) -> dict:
    """Calibration and routing figures of logits against true label ids, at one temperature.

    Returns
    -------
    dict
        ``temperature``, ``ece``, ``reliability`` (:func:`reliability_bins`), ``auto``
        (:func:`auto_coverage_accuracy` at ``threshold``) and ``curve``
        (:func:`coverage_accuracy_curve`).

    Examples
    --------
    >>> report = calibration_report([[3.0, 0.0], [0.0, 3.0], [1.0, 0.0]], [0, 1, 1])
    >>> report["auto"]["coverage"], report["auto"]["accuracy"], report["ece"]
    (0.6666666666666666, 1.0, 0.275304)
    """
    probabilities = softmax(logits, temperature)
    confidences = probabilities.max(axis=-1)
    correct = probabilities.argmax(axis=-1) == np.asarray(labels)
    return {
        "temperature": float(temperature),
        "ece": expected_calibration_error(confidences, correct),
        "reliability": reliability_bins(confidences, correct),
        "auto": auto_coverage_accuracy(confidences, correct, threshold),
        "curve": coverage_accuracy_curve(confidences, correct),
    }


def calibrate_baseline(pipeline, texts: Sequence[str], codes: Sequence[str]) -> float:
    """Fit a temperature for a fitted scikit-learn classifier (e.g. the TF-IDF baseline) on validation lines.

    The classifier's log-probabilities play the logits' part: for a multinomial logistic
    regression, ``softmax(log p / T)`` is the same model with its decision function divided by
    ``T``. Use :func:`baseline_probabilities` to score with it.

    Parameters
    ----------
    pipeline
        A fitted classifier with ``predict_proba`` and ``classes_``.
    texts, codes : sequences of str
        Validation lines and their true account codes (codes unknown to the classifier are skipped).
    """
    classes = [str(code) for code in pipeline.classes_]
    index = {code: position for position, code in enumerate(classes)}
    kept = [(text, index[str(code)]) for text, code in zip(texts, codes) if str(code) in index]
    if not kept:
        raise ValueError("calibrate_baseline needs validation lines of the classifier's accounts.")
    log_probabilities = np.log(np.clip(pipeline.predict_proba([text for text, _ in kept]), 1e-12, 1.0))
    return fit_temperature(log_probabilities, [label for _, label in kept])


def baseline_probabilities(pipeline, texts: Sequence[str], temperature: float = 1.0) -> np.ndarray:
    """Calibrated probabilities of a fitted scikit-learn classifier; columns in ``pipeline.classes_`` order."""
    log_probabilities = np.log(np.clip(pipeline.predict_proba(list(texts)), 1e-12, 1.0))
    return softmax(log_probabilities, temperature)
