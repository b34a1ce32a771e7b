"""A strong, cheap baseline: TF-IDF on words and character n-grams, then logistic regression.

Any fine-tuned model has to beat this to be worth its cost. Character n-grams cope with the
abbreviations, typos and missing accents of real invoice lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from datasets import DatasetDict
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union

from compta_finetune.data import load_account_labels, load_invoice_dataset
from compta_finetune.metrics import classification_scores


def build_baseline(seed: int = 0) -> Pipeline:
    """An unfitted TF-IDF + logistic-regression pipeline on raw invoice lines.

    Examples
    --------
    >>> baseline = build_baseline()
    >>> _ = baseline.fit(["Toner HP 305A", "Loyer bureaux mars", "Toner Brother TN-2420", "Loyer local avril"],
    ...                  ["6064", "6132", "6064", "6132"])
    >>> baseline.predict(["toner Canon", "loyer juin"]).tolist()
    ['6064', '6132']
    """
    features = make_union(
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode"),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, strip_accents="unicode"),
    )
    return make_pipeline(features, LogisticRegression(C=10.0, max_iter=2000, random_state=seed))


def _codes(split) -> list[str]:
    return [split.features["label"].int2str(label) for label in split["label"]]


def evaluate_baseline(dataset: DatasetDict | None = None, split: str = "test") -> dict:
    """Fit the baseline on ``train`` and score it on ``split``.

    Parameters
    ----------
    dataset : DatasetDict, optional
        From :func:`compta_finetune.data.load_invoice_dataset`; the shipped corpus by default.
    split : str, default "test"
        The split to score.

    Returns
    -------
    dict
        ``accuracy``, ``macro_f1`` and ``per_account`` (see
        :func:`compta_finetune.metrics.classification_scores`), plus ``predictions``.
    """
    dataset = dataset if dataset is not None else load_invoice_dataset()
    baseline = build_baseline().fit(dataset["train"]["text"], _codes(dataset["train"]))
    predictions: Sequence[str] = baseline.predict(dataset[split]["text"]).tolist()
    scores = classification_scores(_codes(dataset[split]), predictions, load_account_labels())
    scores["predictions"] = list(predictions)
    return scores
