"""Classification metrics with scikit-learn (no download, unlike ``evaluate.load``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from sklearn.metrics import accuracy_score, classification_report, f1_score


def compute_metrics(eval_prediction) -> dict[str, float]:
    """Accuracy and macro-F1 from a :class:`transformers.EvalPrediction`, for ``Trainer(compute_metrics=...)``.

    Macro-F1 weighs every account equally, so rare accounts count as much as frequent ones.

    Examples
    --------
    >>> from transformers import EvalPrediction
    >>> logits = np.array([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
    >>> compute_metrics(EvalPrediction(predictions=logits, label_ids=np.array([1, 0, 0])))
    {'accuracy': 0.6666666666666666, 'macro_f1': 0.6666666666666666}

    A model that always answers the frequent account scores well on accuracy, not on macro-F1
    (a micro or weighted F1 would hide it too: 0.75 and 0.64):

    >>> always_first = np.array([[0.9, 0.1]] * 4)
    >>> scores = compute_metrics(EvalPrediction(predictions=always_first, label_ids=np.array([0, 0, 0, 1])))
    >>> scores["accuracy"], round(scores["macro_f1"], 4)
    (0.75, 0.4286)
    """
    logits, labels = eval_prediction.predictions, eval_prediction.label_ids
    if isinstance(logits, tuple):  # some models also return hidden states
        logits = logits[0]
    predictions = np.asarray(logits).argmax(axis=-1)
    return {
        "accuracy": float(accuracy_score(labels, predictions)),
        "macro_f1": float(f1_score(labels, predictions, average="macro", zero_division=0)),
    }


def classification_scores(
    true_labels: Sequence[str],
    predicted_labels: Sequence[str],
    account_names: Mapping[str, str] | None = None,
) -> dict:
    """Accuracy, macro-F1, weighted F1 and the per-account report, for account codes.

    Parameters
    ----------
    true_labels, predicted_labels : sequences of str
        Account codes.
    account_names : mapping, optional
        Code -> libellé, added to each account's row of the report.

    Examples
    --------
    >>> scores = classification_scores(["626", "626", "6064"], ["626", "6064", "6064"])
    >>> scores["accuracy"], round(scores["macro_f1"], 3), scores["per_account"]["626"]["support"]
    (0.6666666666666666, 0.667, 2)

    On unbalanced books, the rare account weighs as much as the frequent one: always answering
    ``626`` gets 3 lines out of 4 right, but misses ``6064`` entirely (F1 0), so macro-F1 is the
    mean of 0.857 and 0 (a line-weighted F1 would say 0.643):

    >>> scores = classification_scores(["626", "626", "626", "6064"], ["626"] * 4)
    >>> scores["accuracy"], round(scores["macro_f1"], 4), round(scores["per_account"]["626"]["f1-score"], 4)
    (0.75, 0.4286, 0.8571)
    >>> round(scores["weighted_f1"], 4)
    0.6429
    """
    labels = sorted(set(true_labels) | set(predicted_labels))
    report = classification_report(true_labels, predicted_labels, labels=labels, output_dict=True, zero_division=0)
    per_account = {code: dict(report[code]) for code in labels}
    # Support is a count of true lines; sklearn gives it as a float.
    for code, row in per_account.items():
        row["support"] = int(row["support"])
        if account_names is not None:
            row["libelle"] = account_names.get(code, "")
    return {
        "accuracy": float(accuracy_score(true_labels, predicted_labels)),
        "macro_f1": float(f1_score(true_labels, predicted_labels, labels=labels, average="macro", zero_division=0)),
        # Weighted by each account's number of lines: on a skewed corpus, dominated by the frequent accounts.
        "weighted_f1": float(f1_score(true_labels, predicted_labels, labels=labels, average="weighted", zero_division=0)),
        "per_account": per_account,
    }
