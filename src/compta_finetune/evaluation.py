"""Score a fine-tuned model on a labelled CSV file: accuracy, macro-F1 and a report per account."""

from __future__ import annotations

import time
from pathlib import Path

from compta_finetune.data import load_account_labels, read_invoice_csv
from compta_finetune.errors import ModelError
from compta_finetune.inference import load_for_inference, predict
from compta_finetune.metrics import classification_scores


def model_labels(model) -> list[str]:
    """The account codes a loaded model can predict, in id order."""
    id2label = model.config.id2label
    return [str(id2label[index]) for index in sorted(id2label)]


def evaluate_model(
    model_dir: str | Path,
    csv_path: str | Path,
    *,
    batch_size: int = 64,
    progress: bool = False,
) -> dict:
    """Predict every line of a labelled CSV file with a fine-tuned model and score the predictions.

    Parameters
    ----------
    model_dir : str or Path
        A directory written by ``compta-finetune train`` (or :func:`~compta_finetune.training.save_atomically`).
    csv_path : str or Path
        A UTF-8 CSV file with ``text`` and ``label`` columns.
    batch_size : int, default 64
        Lines per forward pass.
    progress : bool, default False
        Show a progress bar over the batches.

    Returns
    -------
    dict
        ``accuracy``, ``macro_f1`` and ``per_account`` (precision, recall, F1, support and
        libellé of each account, from :func:`~compta_finetune.metrics.classification_scores`),
        with ``model_dir``, ``input``, ``lines`` and ``seconds``.

    Raises
    ------
    DataError
        The file is missing or malformed, or a label is neither a known account nor one of
        the model's.
    ModelError
        ``model_dir`` holds no model, or the file has accounts that the model was not trained on.
    """
    started = time.perf_counter()
    model, tokenizer = load_for_inference(model_dir)
    known = model_labels(model)
    accounts = load_account_labels()
    # A label that is neither an account nor one of the model's is a typo: say which line.
    rows = read_invoice_csv(csv_path, known_labels=set(known) | set(accounts))
    unknown_to_model = sorted({row["label"] for row in rows} - set(known))
    if unknown_to_model:
        count = sum(row["label"] in unknown_to_model for row in rows)
        raise ModelError(
            f"{csv_path}: {count} line(s) have accounts that the model {model_dir} was not trained on "
            f"({', '.join(unknown_to_model)}); it knows {len(known)} accounts: {', '.join(known)}.",
            "evaluate on lines of the model's accounts only, or train a model on data that has these accounts.",
        )
    texts = [row["text"] for row in rows]
    predictions = predict(model, tokenizer, texts, batch_size=batch_size, progress=progress)
    scores = classification_scores(
        [row["label"] for row in rows], [top[0][0] for top in predictions], account_names=accounts
    )
    return {
        "model_dir": str(model_dir),
        "input": str(csv_path),
        "lines": len(rows),
        **scores,
        "seconds": round(time.perf_counter() - started, 3),
    }
