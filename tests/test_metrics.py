"""Metrics on unbalanced labels, where macro-F1, weighted F1, micro F1 and accuracy all differ.

On the shipped corpus every account has the same number of lines, so these averages coincide
there: only unbalanced examples tell a macro-F1 from the others.
"""

import warnings

import numpy as np
import pytest
from transformers import EvalPrediction

from compta_finetune.metrics import classification_scores, compute_metrics

# True [a, a, a, b], predicted [a, a, a, a]: F1(a) = 6/7, F1(b) = 0.
MACRO_F1 = (6 / 7 + 0) / 2  # 0.4286
WEIGHTED_F1 = 6 / 7 * 3 / 4  # 0.6429
ACCURACY = 0.75  # = micro F1


def test_classification_scores_average_accounts_not_lines():
    scores = classification_scores(["626", "626", "626", "6064"], ["626", "626", "626", "626"])
    assert scores["accuracy"] == ACCURACY
    assert scores["macro_f1"] == pytest.approx(MACRO_F1)
    assert scores["macro_f1"] != pytest.approx(WEIGHTED_F1)
    assert list(scores["per_account"]) == ["6064", "626"]  # sorted codes
    frequent, rare = scores["per_account"]["626"], scores["per_account"]["6064"]
    assert frequent["precision"] == pytest.approx(0.75) and frequent["recall"] == 1.0
    assert frequent["f1-score"] == pytest.approx(6 / 7)
    assert (rare["precision"], rare["recall"], rare["f1-score"]) == (0.0, 0.0, 0.0)
    assert frequent["support"] == 3 and rare["support"] == 1
    assert isinstance(frequent["support"], int)
    assert "libelle" not in frequent


def test_compute_metrics_averages_accounts_not_lines():
    logits = np.array([[2.0, -1.0], [1.5, 0.0], [3.0, 1.0], [0.5, 0.1]])  # always account 0
    scores = compute_metrics(EvalPrediction(predictions=logits, label_ids=np.array([0, 0, 0, 1])))
    assert scores == {"accuracy": ACCURACY, "macro_f1": pytest.approx(MACRO_F1)}
    assert all(type(value) is float for value in scores.values())


def test_compute_metrics_takes_the_logits_out_of_a_tuple():
    logits = np.array([[0.1, 0.9], [0.8, 0.2], [0.7, 0.3], [0.6, 0.4]])
    hidden_states = np.zeros((4, 3, 2))
    scores = compute_metrics(EvalPrediction(predictions=(logits, hidden_states), label_ids=np.array([1, 0, 0, 0])))
    assert scores == {"accuracy": 1.0, "macro_f1": 1.0}


def test_an_account_only_predicted_counts_in_the_macro_average():
    # 6064 is never a true label: its F1 is 0 (no warning), and it drags the mean down.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scores = classification_scores(["626", "626"], ["626", "6064"])
    assert list(scores["per_account"]) == ["6064", "626"]
    assert scores["per_account"]["6064"]["support"] == 0
    assert scores["per_account"]["626"]["f1-score"] == pytest.approx(2 / 3)
    assert scores["macro_f1"] == pytest.approx((0 + 2 / 3) / 2)
    assert scores["accuracy"] == 0.5


def test_account_names_label_each_row_and_an_unknown_code_gets_an_empty_one():
    scores = classification_scores(["626", "9999"], ["626", "626"], account_names={"626": "Frais postaux"})
    assert scores["per_account"]["626"]["libelle"] == "Frais postaux"
    assert scores["per_account"]["9999"]["libelle"] == ""
