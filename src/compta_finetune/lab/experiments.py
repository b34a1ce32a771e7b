"""The experiment of the results page: does pre-training help? Pre-train, fine-tune, compare.

Real CamemBERT and Phi-2 weights cannot be downloaded here, so the experiment reproduces the
idea at a scale this machine can run during the site build:

1. a small CamemBERT-architecture model is **pre-trained** by masked language modelling on the
   training texts without their labels, then **fine-tuned** on the labelled lines;
2. the same architecture, with the same tokenizer and the same random initialisation, is
   fine-tuned **from scratch**, with the same settings;
3. a small Phi-architecture model is pre-trained by next-token prediction, then fine-tuned with
   **LoRA** through the Phi-2 recipe; its adapter is saved, reloaded and merged, and the merged
   model is checked to predict what the adapter did;
4. all are scored on the test split and on the hand-written independent lines, next to the
   TF-IDF baseline trained on the same labelled lines.

The numbers describe these small models, not CamemBERT or Phi-2.
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from transformers import (
    AutoConfig,
    AutoModelForSequenceClassification,
    AutoTokenizer,
    CamembertForMaskedLM,
    CamembertTokenizer,
)

from compta_finetune.lab.baseline import build_baseline
from compta_finetune.data import (
    label_maps,
    load_account_labels,
    load_invoice_dataset,
    read_invoice_csv,
    shipped_data_files,
)
from compta_finetune.inference import load_for_inference, predict
from compta_finetune.metrics import classification_scores
from compta_finetune.pretraining import context_free_loss, pretrain_language_model
from compta_finetune.recipes import phi2
from compta_finetune.testing import CAMEMBERT_SPECIAL_TOKENS, MAX_LENGTH, build_tiny_camembert, build_tiny_phi
from compta_finetune.training import FineTuningArguments, finetune

PRETRAINED_CAMEMBERT = "CamemBERT pré-entraîné + fine-tuning"
SCRATCH_CAMEMBERT = "CamemBERT depuis zéro"
PHI_LORA = "Phi pré-entraîné + LoRA"
BASELINE = "TF-IDF + régression logistique"
"""Names of the models in the results, as the page shows them."""


@dataclass
class ExperimentSettings:
    """Sizes and budgets of the experiment, chosen to run in about a minute and a half on two CPU cores."""

    hidden_size: int = 64
    num_layers: int = 2
    vocab_size: int = 2000
    initializer_range: float = 0.1
    """Standard deviation of CamemBERT's random weights. The default, 0.02, suits 768 dimensions;
    at 64, the first token's state then barely depends on the line and fine-tuning stalls at
    first. Both CamemBERT runs share this initialisation."""
    dropout: float = 0.0
    """CamemBERT's dropout: none, for a small model trained for few steps."""
    mlm_probability: float = 0.5
    """Share of tokens masked during CamemBERT's pre-training (15 % for the real one)."""
    pretraining_epochs: float = 8.0
    """Passes of masked language modelling over the unlabelled training texts."""
    phi_pretraining_epochs: float = 2.0
    """Passes of next-token prediction: it learns from every token, masking from a share only."""
    pretraining_learning_rate: float = 3e-3
    pretraining_batch_size: int = 32
    labelled_lines_per_account: int | None = None
    """Labelled lines per account for fine-tuning; ``None`` keeps the whole training split."""
    finetuning_epochs: float = 2.0
    finetuning_learning_rate: float = 2e-3
    lora_learning_rate: float = 3e-3
    batch_size: int = 32
    max_steps: int = -1
    """Fine-tuning steps per run, if positive (for quick tests); overrides the epochs."""
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


def _sort_unigram_vocabulary(model_dir: Path) -> None:
    """Number the tokenizer's pieces in alphabetical order, so that their ids do not change between runs.

    The Unigram trainer computes its scores in parallel, so that they vary in the eleventh
    decimal, and orders pieces of equal score (rare characters among them) differently from
    one run to the next: the same text would get other ids, and the same random weights would
    make another model. Ids in alphabetical order (after the special tokens) are the same in
    every run; the scores, which decide how a text is cut, are kept, rounded to five decimals.
    """
    tokenizer = AutoTokenizer.from_pretrained(model_dir, trust_remote_code=False)
    vocabulary = json.loads(tokenizer.backend_tokenizer.to_str())["model"]["vocab"]
    special = len(CAMEMBERT_SPECIAL_TOKENS)
    pieces = sorted((piece, round(score, 5)) for piece, score in vocabulary[special:])
    vocabulary = [tuple(entry) for entry in vocabulary[:special]] + pieces
    CamembertTokenizer(vocab=vocabulary, model_max_length=MAX_LENGTH).save_pretrained(model_dir)


def _reinitialise_camembert(model_dir: Path, seed: int, initializer_range: float, dropout: float) -> None:
    """Draw ``model_dir``'s random weights again with another scale and dropout, and save them."""
    config = AutoConfig.from_pretrained(model_dir, trust_remote_code=False)
    config.initializer_range = initializer_range
    config.hidden_dropout_prob = config.attention_probs_dropout_prob = dropout
    torch.manual_seed(seed)
    CamembertForMaskedLM(config).save_pretrained(model_dir)


def _parameter_count(model) -> int:
    return sum(parameter.numel() for parameter in model.parameters())


def run_experiment(
    work_dir: str | Path,
    settings: ExperimentSettings | None = None,
    independent_file: str | Path | None = None,
) -> dict:
    """Run the whole comparison in ``work_dir`` and return every result the page shows.

    Parameters
    ----------
    work_dir : str or Path
        Where the checkpoints are written.
    settings : ExperimentSettings, optional
        Sizes and budgets; the defaults are the page's.
    independent_file : str or Path, optional
        A CSV of labelled lines written independently of the corpus (the repository's
        ``tests/data/independent_lines.csv``), scored like the test split.

    Returns
    -------
    dict
        ``settings``; ``pretraining`` (loss histories, for
        :func:`~compta_finetune.lab.plots.plot_learning_curves`) and ``context_free_loss`` (see
        :func:`~compta_finetune.pretraining.context_free_loss`), per architecture; ``finetuning`` (results of
        :func:`~compta_finetune.training.finetune` per run); ``test`` and ``independent``
        (scores of :func:`~compta_finetune.metrics.classification_scores` plus
        ``predictions``, per model, baseline included); ``true_labels`` and
        ``independent_labels``; ``parameters`` per model; ``lora`` (trainable and total
        parameters, adapter files, agreement of the merged model with the adapter);
        ``pretraining_lines`` and ``labelled_lines``; ``seconds`` per step.
    """
    settings = settings or ExperimentSettings()
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    files = shipped_data_files()
    accounts = load_account_labels()
    train_texts = [row["text"] for row in read_invoice_csv(files["train"])]
    sizes = {"hidden_size": settings.hidden_size, "num_layers": settings.num_layers, "vocab_size": settings.vocab_size}
    seconds: dict[str, float] = {}

    def timed(name, function, *args, **kwargs):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        seconds[name] = time.perf_counter() - start
        return result

    # Both CamemBERT runs start from this checkpoint: same tokenizer, same random weights.
    camembert_random = build_tiny_camembert(work_dir / "camembert-random", train_texts, seed=settings.seed, **sizes)
    _sort_unigram_vocabulary(camembert_random)
    _reinitialise_camembert(camembert_random, settings.seed, settings.initializer_range, settings.dropout)
    phi_random = build_tiny_phi(work_dir / "phi-random", train_texts, seed=settings.seed, **sizes)
    common = {
        "learning_rate": settings.pretraining_learning_rate,
        "batch_size": settings.pretraining_batch_size,
        "seed": settings.seed,
    }
    pretraining = {
        "camembert": timed(
            "pré-entraînement CamemBERT",
            pretrain_language_model,
            camembert_random,
            train_texts,
            work_dir / "camembert-pretrained",
            masked=True,
            epochs=settings.pretraining_epochs,
            mlm_probability=settings.mlm_probability,
            **common,
        ),
        "phi": timed(
            "pré-entraînement Phi",
            pretrain_language_model,
            phi_random,
            train_texts,
            work_dir / "phi-pretrained",
            masked=False,
            epochs=settings.phi_pretraining_epochs,
            **common,
        ),
    }

    context_free = {
        "camembert": context_free_loss(camembert_random, train_texts),
        "phi": context_free_loss(phi_random, train_texts),
    }

    train_file = labelled_subset(files["train"], work_dir / "train-labelled.csv", settings.labelled_lines_per_account)
    runs = {
        PRETRAINED_CAMEMBERT: ("camembert", work_dir / "camembert-pretrained", settings.finetuning_learning_rate),
        SCRATCH_CAMEMBERT: ("camembert", camembert_random, settings.finetuning_learning_rate),
        PHI_LORA: ("phi2", work_dir / "phi-pretrained", settings.lora_learning_rate),
    }
    finetuning, model_dirs = {}, {}
    for index, (run, (recipe, model, learning_rate)) in enumerate(runs.items()):
        model_dirs[run] = work_dir / f"finetuned-{index}"
        arguments = FineTuningArguments(
            recipe=recipe,
            model=str(model),
            output_dir=str(model_dirs[run]),
            train_file=str(train_file),
            validation_file=str(files["validation"]),
            epochs=settings.finetuning_epochs,
            max_steps=settings.max_steps,
            learning_rate=learning_rate,
            batch_size=settings.batch_size,
            seed=settings.seed,
            overwrite=True,
        )
        finetuning[run] = timed(f"fine-tuning {run}", finetune, arguments)

    evaluated = {"test": read_invoice_csv(files["test"], accounts)}
    if independent_file is not None:
        evaluated["independent"] = read_invoice_csv(independent_file, accounts)
    texts = {split: [row["text"] for row in rows] for split, rows in evaluated.items()}
    labels = {split: [row["label"] for row in rows] for split, rows in evaluated.items()}
    scores: dict[str, dict] = {split: {} for split in evaluated}
    parameters = {}

    def score(model_name: str, split: str, predictions: list[str]) -> None:
        scores[split][model_name] = classification_scores(labels[split], predictions, accounts) | {
            "predictions": predictions
        }

    start = time.perf_counter()
    for run, model_dir in model_dirs.items():
        model, tokenizer = load_for_inference(model_dir)  # the LoRA run is reloaded and merged here
        parameters[run] = _parameter_count(model)
        for split in evaluated:
            score(run, split, [top[0][0] for top in predict(model, tokenizer, texts[split])])
    seconds["évaluation"] = time.perf_counter() - start

    # The baseline learns from the same labelled lines as the models.
    start = time.perf_counter()
    train_rows = read_invoice_csv(train_file, accounts)
    baseline = build_baseline(settings.seed)
    baseline.fit([row["text"] for row in train_rows], [row["label"] for row in train_rows])
    for split in evaluated:
        score(BASELINE, split, baseline.predict(texts[split]).tolist())
    seconds["référence TF-IDF"] = time.perf_counter() - start

    lora = timed("vérification LoRA", _check_lora, work_dir, model_dirs[PHI_LORA], texts["test"], scores["test"][PHI_LORA])
    return {
        "settings": asdict(settings),
        "pretraining": pretraining,
        "context_free_loss": context_free,
        "finetuning": finetuning,
        "test": scores["test"],
        "independent": scores.get("independent", {}),
        "true_labels": labels["test"],
        "independent_labels": labels.get("independent", []),
        "parameters": parameters,
        "lora": lora,
        "pretraining_lines": len(train_texts),
        "labelled_lines": len(read_invoice_csv(train_file)),
        "seconds": seconds,
    }


def _check_lora(work_dir: Path, model_dir: Path, texts: list[str], merged_scores: dict) -> dict:
    """Trainable and total parameters of the LoRA run; does the merged model predict what the adapter does?

    The fine-tuned directory holds only the adapter and the head. Loaded on its base model
    without merging, it must give the same accounts, with the same probabilities up to
    rounding, as :func:`~compta_finetune.inference.load_for_inference`, which merges it.
    """
    from peft import PeftModel

    id2label, label2id = label_maps(load_invoice_dataset())
    lora_model, _ = phi2.load_model_and_tokenizer(str(work_dir / "phi-pretrained"), id2label, label2id)
    trainable, total = lora_model.get_nb_trainable_parameters()

    merged, tokenizer = load_for_inference(model_dir)
    base = AutoModelForSequenceClassification.from_pretrained(
        work_dir / "phi-pretrained", config=AutoConfig.from_pretrained(model_dir, trust_remote_code=False), use_safetensors=True,
        trust_remote_code=False,
    )
    adapter = PeftModel.from_pretrained(base, model_dir).eval()
    with_adapter = predict(adapter, tokenizer, texts)
    after_merge = predict(merged, tokenizer, texts)
    same = sum(a[0][0] == b[0][0] for a, b in zip(with_adapter, after_merge))
    return {
        "trainable": trainable,
        "total": total,
        "adapter_files": sorted(path.name for path in model_dir.iterdir() if path.name.startswith("adapter_")),
        "merged_parameters": _parameter_count(merged),
        "same_predictions": same / len(texts),
        "max_probability_difference": max(abs(a[0][1] - b[0][1]) for a, b in zip(with_adapter, after_merge)),
        "predictions_match_scores": [a[0][0] for a in after_merge] == merged_scores["predictions"],
    }
