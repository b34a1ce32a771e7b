"""The experiment of the results page: does pre-training help? Pre-train, fine-tune, compare.

Real CamemBERT and Phi-2 weights cannot be downloaded here, so the experiment reproduces the
idea at a scale this machine can run during the site build:

1. a small CamemBERT-architecture model is **pre-trained** by masked language modelling on the
   training texts without their labels, then **fine-tuned** on the labelled lines;
2. the same architecture, with the same tokenizer, is fine-tuned **from random initialisation**;
3. a small Phi-architecture model is pre-trained by next-token prediction, then fine-tuned with
   **LoRA** through the Phi-2 recipe (its adapter saved, reloaded and merged);
4. all are scored on the test split next to the TF-IDF baseline.

The numbers describe these small models, not CamemBERT or Phi-2.
"""

from __future__ import annotations

import csv
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from compta_finetune.baseline import evaluate_baseline
from compta_finetune.data import (
    label_maps,
    load_account_labels,
    load_invoice_dataset,
    read_invoice_csv,
    shipped_data_files,
)
from compta_finetune.inference import load_for_inference, predict
from compta_finetune.metrics import classification_scores
from compta_finetune.pretraining import pretrain_language_model
from compta_finetune.recipes import phi2
from compta_finetune.testing import build_tiny_camembert, build_tiny_phi
from compta_finetune.training import FineTuningArguments, finetune


@dataclass
class ExperimentSettings:
    """Sizes and budgets of the experiment, chosen to run in about two minutes on two CPU cores."""

    hidden_size: int = 64
    num_layers: int = 2
    vocab_size: int = 3000
    pretraining_epochs: float = 3.0
    pretraining_learning_rate: float = 1e-3
    labelled_lines_per_account: int | None = None
    """Labelled lines per account for fine-tuning; ``None`` keeps the whole training split."""
    finetuning_epochs: float = 3.0
    finetuning_learning_rate: float = 1e-3
    batch_size: int = 32
    seed: int = 0


def labelled_subset(source: Path, target: Path, per_account: int | None) -> Path:
    """Write the first ``per_account`` lines of each account of ``source`` to ``target`` (all if None)."""
    counts: dict[str, int] = {}
    rows = []
    for row in read_invoice_csv(source):
        if per_account is None or counts.get(row["label"], 0) < per_account:
            counts[row["label"]] = counts.get(row["label"], 0) + 1
            rows.append(row)
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "label"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return target


def run_experiment(work_dir: str | Path, settings: ExperimentSettings | None = None) -> dict:
    """Run the whole comparison in ``work_dir`` and return every result the page shows.

    Returns
    -------
    dict
        ``settings``; ``pretraining`` (log histories); ``finetuning`` (results of
        :func:`~compta_finetune.training.finetune` per run); ``test`` (scores and predictions
        per model, baseline included); ``true_labels``; ``phi_parameters``; ``seconds`` per step.
    """
    settings = settings or ExperimentSettings()
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    files = shipped_data_files()
    train_texts = [row["text"] for row in read_invoice_csv(files["train"])]
    sizes = {"hidden_size": settings.hidden_size, "num_layers": settings.num_layers, "vocab_size": settings.vocab_size}
    seconds: dict[str, float] = {}

    def timed(name, function, *args, **kwargs):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        seconds[name] = time.perf_counter() - start
        return result

    # Both CamemBERT runs share the tokenizer and the random initialisation: only pre-training differs.
    camembert_random = build_tiny_camembert(work_dir / "camembert-random", train_texts, seed=settings.seed, **sizes)
    phi_random = build_tiny_phi(work_dir / "phi-random", train_texts, seed=settings.seed, **sizes)
    pretraining = {}
    for name, source, masked in (("camembert", camembert_random, True), ("phi", phi_random, False)):
        pretraining[name] = timed(
            f"pretraining {name}",
            pretrain_language_model,
            source,
            train_texts,
            work_dir / f"{name}-pretrained",
            masked=masked,
            epochs=settings.pretraining_epochs,
            learning_rate=settings.pretraining_learning_rate,
            batch_size=settings.batch_size,
            seed=settings.seed,
        )

    train_file = labelled_subset(files["train"], work_dir / "train-labelled.csv", settings.labelled_lines_per_account)
    runs = {
        "CamemBERT pré-entraîné + fine-tuning": ("camembert", work_dir / "camembert-pretrained"),
        "CamemBERT depuis zéro": ("camembert", camembert_random),
        "Phi pré-entraîné + LoRA": ("phi2", work_dir / "phi-pretrained"),
    }
    finetuning, model_dirs = {}, {}
    for run, (recipe, model) in runs.items():
        model_dirs[run] = work_dir / f"finetuned-{len(model_dirs)}"
        arguments = FineTuningArguments(
            recipe=recipe,
            model=str(model),
            output_dir=str(model_dirs[run]),
            train_file=str(train_file),
            validation_file=str(files["validation"]),
            epochs=settings.finetuning_epochs,
            learning_rate=settings.finetuning_learning_rate,
            batch_size=settings.batch_size,
            seed=settings.seed,
            overwrite=True,
        )
        finetuning[run] = timed(f"fine-tuning {run}", finetune, arguments)

    accounts = load_account_labels()
    test_rows = read_invoice_csv(files["test"], accounts)
    true_labels = [row["label"] for row in test_rows]
    test = {}
    for run, model_dir in model_dirs.items():
        model, tokenizer = load_for_inference(model_dir)  # the LoRA run is reloaded and merged here
        predictions = [top[0][0] for top in predict(model, tokenizer, [row["text"] for row in test_rows])]
        test[run] = classification_scores(true_labels, predictions, accounts) | {"predictions": predictions}
    test["TF-IDF + régression logistique"] = timed("baseline", evaluate_baseline, load_invoice_dataset())

    phi_run = "Phi pré-entraîné + LoRA"
    id2label, label2id = label_maps(load_invoice_dataset())
    lora_model, _ = phi2.load_model_and_tokenizer(str(work_dir / "phi-pretrained"), id2label, label2id)
    trainable, total = lora_model.get_nb_trainable_parameters()
    return {
        "settings": asdict(settings),
        "pretraining": pretraining,
        "finetuning": finetuning,
        "test": test,
        "true_labels": true_labels,
        "phi_parameters": {
            "trainable": trainable,
            "total": total,
            "adapter_files": sorted(path.name for path in model_dirs[phi_run].glob("adapter_*")),
        },
        "seconds": seconds,
    }
