"""Score a fine-tuned model on a labelled file: accuracy, macro-F1, parent levels, calibration and routing."""

from __future__ import annotations

import time
import warnings
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

from compta_finetune.accounts import level_accuracy, libelle
from compta_finetune.calibration import (
    AUTO,
    DEFAULT_THRESHOLD,
    PARENT,
    REVIEW,
    auto_coverage_accuracy,
    coverage_accuracy_curve,
    expected_calibration_error,
    reliability_bins,
    route_batch,
    softmax,
)
from compta_finetune.data import ReadOptions, read_labelled_file
from compta_finetune.inference import load_for_inference, model_settings, model_temperature, predict_logits
from compta_finetune.metrics import classification_scores


def model_labels(model) -> list[str]:
    """The account codes a loaded model can predict, in id order."""
    id2label = model.config.id2label
    return [str(id2label[index]) for index in sorted(id2label)]


def model_read_options(model, **overrides) -> ReadOptions:
    """How the model's training files were read (saved by ``train``), with the non-``None`` ``overrides``."""
    options = ReadOptions.from_dict(model_settings(model).get("read_options", {}))
    return replace(options, **{name: value for name, value in overrides.items() if value is not None})


def routing_table(true_codes, routings) -> dict:
    """Lines, share and accuracy of each decision; a ``parent`` line is right when the true account is under it.

    Examples
    --------
    >>> from compta_finetune.calibration import Routing
    >>> table = routing_table(["6061", "6064", "626"], [Routing("auto", "6061", 0.95), Routing("parent", "606", 0.92),
    ...                                                  Routing("review", "627", 0.4)])
    >>> table["parent"], table["review"]["accuracy"]
    ({'lines': 1, 'share': 0.3333333333333333, 'accuracy': 1.0}, 0.0)
    """
    table = {}
    for decision in (AUTO, PARENT, REVIEW):
        hits = [true.startswith(r.code) if decision == PARENT else true == r.code for true, r in zip(true_codes, routings) if r.decision == decision]
        table[decision] = {
            "lines": len(hits),
            "share": len(hits) / len(true_codes) if true_codes else 0.0,
            "accuracy": float(np.mean(hits)) if hits else None,
        }
    return table


def evaluate_model(
    model_dir: str | Path,
    csv_path: str | Path,
    *,
    batch_size: int = 64,
    progress: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
    **read_overrides,
) -> dict:
    """Predict every line of a labelled file with a fine-tuned model and score the predictions.

    Parameters
    ----------
    model_dir : str or Path
        A directory written by ``compta-finetune train``.
    csv_path : str or Path
        A labelled CSV file (any separator and encoding) or an FEC, read the way the model's
        training files were (columns, sub-account rule), unless ``read_overrides`` say otherwise.
    batch_size : int, default 64
        Lines per forward pass.
    progress : bool, default False
        Show a progress bar over the batches.
    threshold : float, default 0.9
        The ``--auto-threshold`` of routing.
    read_overrides
        Fields of :class:`~compta_finetune.data.ReadOptions` (``text_column``, ``encoding``...).

    Returns
    -------
    dict
        ``accuracy``, ``macro_f1``, ``accuracy_3_digits``, ``accuracy_2_digits``, ``per_account``;
        ``calibration`` (``temperature``, ``ece`` and ``ece_raw``, ``reliability``); ``routing``
        (lines, share and accuracy of ``auto``/``parent``/``review``), ``auto`` (coverage and
        accuracy at ``threshold``) and ``curve`` (coverage-accuracy); ``unknown_accounts``
        (lines whose account the model was not trained on: counted as errors); with
        ``model_dir``, ``input``, ``lines`` and ``seconds``.

    Warns
    -----
    UserWarning
        When lines have accounts the model was not trained on, with their count.
    """
    started = time.perf_counter()
    model, tokenizer = load_for_inference(model_dir)
    known = model_labels(model)
    options = model_read_options(model, **read_overrides)
    labelled = read_labelled_file(csv_path, options)
    rows = labelled.rows
    true_codes = [row["label"] for row in rows]
    unknown = Counter(code for code in true_codes if code not in set(known))
    if unknown:
        warnings.warn(
            f"{csv_path}: {sum(unknown.values())} line(s) have {len(unknown)} account(s) the model {model_dir} was not "
            f"trained on ({', '.join(sorted(unknown)[:10])}); they count as errors.",
            UserWarning,
            stacklevel=2,
        )
    temperature = model_temperature(model)
    logits = predict_logits(model, tokenizer, [row["text"] for row in rows], batch_size=batch_size, progress=progress).numpy()
    raw, calibrated = softmax(logits), softmax(logits, temperature)
    predicted = [known[index] for index in calibrated.argmax(axis=-1)]
    correct = np.array([p == t for p, t in zip(predicted, true_codes)])
    confidences = calibrated.max(axis=-1)
    routings = route_batch(calibrated, known, threshold)
    scores = classification_scores(true_codes, predicted, account_names={code: libelle(code) for code in set(true_codes) | set(predicted)})
    return {
        "model_dir": str(model_dir),
        "input": str(csv_path),
        "lines": len(rows),
        **scores,
        "accuracy_3_digits": level_accuracy(true_codes, predicted, 3),
        "accuracy_2_digits": level_accuracy(true_codes, predicted, 2),
        "unknown_accounts": dict(unknown),
        "calibration": {
            "temperature": temperature,
            "ece": expected_calibration_error(confidences, correct),
            "ece_raw": expected_calibration_error(raw.max(axis=-1), correct),
            "reliability": reliability_bins(confidences, correct),
        },
        "threshold": threshold,
        "auto": auto_coverage_accuracy(confidences, correct, threshold),
        "routing": routing_table(true_codes, routings),
        "curve": coverage_accuracy_curve(confidences, correct),
        "seconds": round(time.perf_counter() - started, 3),
    }
