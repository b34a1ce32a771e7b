"""The TF-IDF baseline trains on the shipped corpus and scores every account."""

import math

import pytest

from compta_finetune.lab.baseline import evaluate_baseline
from compta_finetune.data import load_account_labels

pytestmark = pytest.mark.end_to_end


def test_baseline_scores_every_account_on_the_test_split():
    scores = evaluate_baseline()
    accounts = load_account_labels()
    assert set(scores["per_account"]) == set(accounts)
    assert set(scores["predictions"]) <= set(accounts)
    # Far above the 1/21 of chance: the corpus carries the meaning of each account.
    assert 0.5 < scores["accuracy"] <= 1.0 and math.isfinite(scores["macro_f1"])
    assert sum(row["support"] for row in scores["per_account"].values()) == len(scores["predictions"])
    assert all(row["libelle"] == accounts[code] for code, row in scores["per_account"].items())
