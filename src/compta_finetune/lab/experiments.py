"""The experiment of the results page: does pre-training help? Pre-train, fine-tune, compare, repeat.

Real CamemBERT and Phi-2 weights cannot be downloaded here, so the experiment reproduces the
idea with small models, in five steps that the page shows one by one:

1. :func:`build_model`: a small CamemBERT- or Phi-architecture model with random weights and a
   tokenizer learned on the training texts;
2. :func:`pretrain_model`: masked (CamemBERT) or next-token (Phi) language modelling on the
   training texts without their labels;
3. :func:`finetune_model`: :func:`compta_finetune.training.finetune` on the labelled lines,
   with early stopping on the validation macro-F1: the pre-trained CamemBERT, the same
   CamemBERT from its random weights, the pre-trained Phi with LoRA and fully fine-tuned;
4. :func:`evaluate_model`: scores on the test split and on the hand-written independent lines,
   and calibration before and after temperature scaling (fitted on validation);
5. :func:`evaluate_baseline`: the TF-IDF baseline on the same labelled lines, scored the same way.

:func:`run_experiment` runs these steps for several seeds and several numbers of labelled
lines per account (the learning curve), in parallel processes if asked, and returns plain
data, which ``benchmarks/experiment.py`` writes to ``docs/_data/experiment.json``.
The numbers describe these small models, not CamemBERT or Phi-2.
"""

from __future__ import annotations

import csv
import json
import os
import random
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import torch
from transformers import AutoConfig, AutoModelForSequenceClassification

from compta_finetune.calibration import calibrate_baseline, baseline_probabilities, calibration_report, fit_temperature
from compta_finetune.data import label_maps, load_account_labels, load_invoice_dataset, read_invoice_csv, shipped_data_files
from compta_finetune.inference import load_for_inference, predict, predict_logits
from compta_finetune.lab.baseline import build_baseline
from compta_finetune.metrics import classification_scores
from compta_finetune.pretraining import context_free_loss, pretrain_language_model
from compta_finetune.recipes import phi2
from compta_finetune.testing import build_tiny_camembert, build_tiny_phi
from compta_finetune.training import FineTuningArguments, finetune

PRETRAINED_CAMEMBERT = "CamemBERT pré-entraîné + fine-tuning"
SCRATCH_CAMEMBERT = "CamemBERT depuis zéro"
PHI_LORA = "Phi pré-entraîné + LoRA"
PHI_FULL = "Phi pré-entraîné + fine-tuning complet"
BASELINE = "TF-IDF + régression logistique"
MODELS = (PRETRAINED_CAMEMBERT, SCRATCH_CAMEMBERT, PHI_LORA, PHI_FULL, BASELINE)
"""Names of the models in the results, as the page shows them."""

CURVE_MODELS = (PRETRAINED_CAMEMBERT, SCRATCH_CAMEMBERT, BASELINE)
"""Models of the learning curve (labelled lines per account)."""

CAMEMBERT, PHI = "camembert", "phi"
"""The two architectures."""


@dataclass(frozen=True)
class Run:
    """One fine-tuning run: which architecture, from which checkpoint, with which recipe and options."""

    architecture: str
    pretrained: bool
    recipe: str
    lora: bool = True


RUNS = {
    PRETRAINED_CAMEMBERT: Run(CAMEMBERT, pretrained=True, recipe="camembert"),
    SCRATCH_CAMEMBERT: Run(CAMEMBERT, pretrained=False, recipe="camembert"),
    PHI_LORA: Run(PHI, pretrained=True, recipe="phi2", lora=True),
    PHI_FULL: Run(PHI, pretrained=True, recipe="phi2", lora=False),
}


@dataclass
class ExperimentSettings:
    """Sizes, budgets, seeds and learning-curve points of the experiment (the defaults are ``make experiment``'s)."""

    hidden_size: int = 64
    num_layers: int = 2
    vocab_size: int = 2000
    initializer_range: float = 0.1
    """Standard deviation of CamemBERT's random weights. The default, 0.02, suits 768 dimensions;
    at 64, the first token's state then barely depends on the line and fine-tuning stalls at
    first. Both CamemBERT runs share this initialisation."""
    dropout: float = 0.0
    """CamemBERT's dropout: none, for a small model."""
    mlm_probability: float = 0.5
    """Share of tokens masked during CamemBERT's pre-training (15 % for the real one)."""
    pretraining_epochs: float = 4.0
    """Passes of masked language modelling over the unlabelled training texts."""
    phi_pretraining_epochs: float = 2.0
    """Passes of next-token prediction: it learns from every token, masking from a share only."""
    pretraining_learning_rate: float = 3e-3
    pretraining_batch_size: int = 32
    finetuning_steps: int = 5000
    """The most optimisation steps of a fine-tuning run (30 epochs of the whole training split);
    early stopping ends it before. The learning rate decays linearly to zero at this step: with
    2,500 steps, two runs of nine on the whole split were still improving when they reached it."""
    evaluation_steps: int = 100
    """Validation every this many steps, in every run: counted in steps rather than epochs, so
    that a run on 10 lines per account (7 steps an epoch) gets as much patience as one on all."""
    early_stopping_patience: int = 3
    """Evaluations without a better validation macro-F1 before a run stops; the best one is kept."""
    finetuning_learning_rate: float = 2e-3
    phi_learning_rate: float = 2e-3
    """Learning rate of both Phi runs, LoRA and full: same base, same budget."""
    batch_size: int = 32
    seeds: tuple[int, ...] = (0, 1, 2)
    """One complete experiment per seed: random weights, pre-training, line order, labelled subsets."""
    lines_per_account: tuple[int | None, ...] = (10, 30, 100, None)
    """Labelled lines per account of the learning curve; ``None`` is the whole training split,
    on which every model of :data:`MODELS` is trained."""

    @classmethod
    def small(cls) -> "ExperimentSettings":
        """Three seeds with a smaller budget, to try a change quickly.

        Fine-tuning stops after 600 steps (3.6 epochs of the whole training split): runs on the
        whole split reach that limit before early stopping ends them, so the scores are lower
        bounds. The learning curve has three points; pre-training is the default's.
        """
        return cls(finetuning_steps=600, evaluation_steps=50, lines_per_account=(10, 30, None))

    @classmethod
    def reduced(cls) -> "ExperimentSettings":
        """One seed, few steps, two learning-curve points: the whole code path in about a minute."""
        return cls(
            pretraining_epochs=0.5,
            phi_pretraining_epochs=0.2,
            finetuning_steps=40,
            evaluation_steps=20,
            early_stopping_patience=2,
            seeds=(0,),
            lines_per_account=(10, None),
        )


def labelled_subset(source: Path, target: Path, per_account: int | None, seed: int | None = None) -> Path:
    """Write ``per_account`` lines of each account of ``source`` to ``target`` (all if None).

    With a ``seed``, the lines are drawn at random with it; without, the first ones are kept.
    """
    rows = read_invoice_csv(source)
    if per_account is not None and seed is None:
        counts: dict[str, int] = {}
        kept = []
        for row in rows:
            if counts.get(row["label"], 0) < per_account:
                counts[row["label"]] = counts.get(row["label"], 0) + 1
                kept.append(row)
        rows = kept
    elif per_account is not None:
        by_account: dict[str, list[dict]] = {}
        for row in rows:
            by_account.setdefault(row["label"], []).append(row)
        draw = random.Random(seed)
        chosen = {id(row) for lines in by_account.values() for row in draw.sample(lines, min(per_account, len(lines)))}
        rows = [row for row in rows if id(row) in chosen]  # the file's order, whatever the draw
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "label"], lineterminator="\n")
        writer.writeheader()
        writer.writerows({"text": row["text"], "label": row["label"]} for row in rows)
    return target


def _parameter_count(model) -> int:
    return sum(parameter.numel() for parameter in model.parameters())


def training_texts() -> list[str]:
    """The texts of the shipped ``train`` split, without their labels: the pre-training corpus."""
    return [row["text"] for row in read_invoice_csv(shipped_data_files()["train"])]


def build_model(architecture: str, output_dir: str | Path, settings: ExperimentSettings, seed: int) -> Path:
    """Step 1: a small model of ``architecture`` (:data:`CAMEMBERT` or :data:`PHI`) with random weights.

    Its tokenizer is learned on :func:`training_texts`. Both CamemBERT runs of a seed start from
    this checkpoint: same tokenizer, same random weights.
    """
    sizes = {"hidden_size": settings.hidden_size, "num_layers": settings.num_layers, "vocab_size": settings.vocab_size}
    if architecture == PHI:
        return build_tiny_phi(output_dir, training_texts(), seed=seed, **sizes)
    return build_tiny_camembert(
        output_dir, training_texts(), seed=seed, initializer_range=settings.initializer_range, dropout=settings.dropout, **sizes
    )


def pretrain_model(
    architecture: str, random_dir: str | Path, output_dir: str | Path, settings: ExperimentSettings, seed: int
) -> dict:
    """Step 2: language-model pre-training of ``random_dir`` on :func:`training_texts`, saved to ``output_dir``.

    Returns
    -------
    dict
        ``history`` (losses, see :func:`~compta_finetune.pretraining.pretrain_language_model`),
        ``context_free_loss`` (see :func:`~compta_finetune.pretraining.context_free_loss`),
        ``lines`` and ``seconds``.
    """
    texts = training_texts()
    start = time.perf_counter()
    masked = architecture == CAMEMBERT
    history = pretrain_language_model(
        random_dir,
        texts,
        output_dir,
        masked=masked,
        epochs=settings.pretraining_epochs if masked else settings.phi_pretraining_epochs,
        mlm_probability=settings.mlm_probability,
        learning_rate=settings.pretraining_learning_rate,
        batch_size=settings.pretraining_batch_size,
        seed=seed,
    )
    return {
        "history": history,
        "context_free_loss": context_free_loss(random_dir, texts),
        "lines": len(texts),
        "seconds": time.perf_counter() - start,
    }


def finetune_model(
    run: str, base_dir: str | Path, train_file: str | Path, output_dir: str | Path, settings: ExperimentSettings, seed: int
) -> dict:
    """Step 3: fine-tune ``base_dir`` as ``run`` (a key of :data:`RUNS`) with early stopping on validation macro-F1.

    This is ``compta-finetune train`` (:func:`~compta_finetune.training.finetune`) with
    ``--early-stopping-patience``: it keeps the epoch of the best validation macro-F1.
    """
    spec = RUNS[run]
    arguments = FineTuningArguments(
        recipe=spec.recipe,
        model=str(base_dir),
        output_dir=str(output_dir),
        train_file=str(train_file),
        validation_file=str(shipped_data_files()["validation"]),
        max_steps=settings.finetuning_steps,
        save_steps=settings.evaluation_steps,
        learning_rate=settings.phi_learning_rate if spec.architecture == PHI else settings.finetuning_learning_rate,
        batch_size=settings.batch_size,
        lora=spec.lora,
        seed=seed,
        early_stopping_patience=settings.early_stopping_patience,
        overwrite=True,
    )
    return finetune(arguments)


def _log_probabilities(model, tokenizer, texts: Sequence[str]) -> np.ndarray:
    """Uncalibrated log-probabilities of every account (columns in ``model.config.id2label`` order) for each text.

    From the raw logits: :func:`~compta_finetune.inference.predict` would divide them by the
    temperature that training stored in the model, and "before calibration" would already be
    calibrated. They play the logits' part in temperature scaling: ``softmax(log p / T)`` is
    ``softmax(logits / T)``.
    """
    return torch.log_softmax(predict_logits(model, tokenizer, texts), dim=-1).double().numpy()


def _scores_and_calibration(
    codes: Sequence[str], log_probabilities: dict[str, np.ndarray], labels: dict[str, list[str]], accounts: dict
) -> dict:
    """Scores on every split but validation, and calibration before and after the temperature fitted on validation."""
    index = {code: position for position, code in enumerate(codes)}

    def ids(split):
        return [index[code] for code in labels[split]]

    temperature = fit_temperature(log_probabilities["validation"], ids("validation"))
    results = {"temperature": temperature}
    for split, values in log_probabilities.items():
        if split == "validation":
            continue
        predictions = [codes[i] for i in values.argmax(axis=1)]
        results[split] = classification_scores(labels[split], predictions, accounts) | {
            "predictions": predictions,
            "calibration": {
                "before": calibration_report(values, ids(split)),
                "after": calibration_report(values, ids(split), temperature),
            },
        }
    return results


def evaluation_splits(independent_file: str | Path | None = None) -> dict[str, list[dict]]:
    """The labelled lines to evaluate on: ``validation`` (for the temperature), ``test`` and ``independent``."""
    accounts = load_account_labels()
    files = shipped_data_files()
    splits = {split: read_invoice_csv(files[split], accounts) for split in ("validation", "test")}
    if independent_file is not None:
        splits["independent"] = read_invoice_csv(independent_file, accounts)
    return splits


def evaluate_model(model_dir: str | Path, splits: dict[str, list[dict]]) -> dict:
    """Step 4: reload a fine-tuned model from disk and score it, with its calibration.

    Returns
    -------
    dict
        ``parameters``; ``temperature`` (fitted on ``validation``); per other split, the scores
        of :func:`~compta_finetune.metrics.classification_scores`, ``predictions`` and
        ``calibration`` (``before`` and ``after`` temperature scaling, each a
        :func:`~compta_finetune.calibration.calibration_report`).
    """
    model, tokenizer = load_for_inference(model_dir)  # a LoRA run is reloaded and merged here
    codes = [model.config.id2label[index] for index in range(model.config.num_labels)]
    log_probabilities = {split: _log_probabilities(model, tokenizer, [r["text"] for r in rows]) for split, rows in splits.items()}
    labels = {split: [row["label"] for row in rows] for split, rows in splits.items()}
    results = _scores_and_calibration(codes, log_probabilities, labels, load_account_labels())
    return results | {"parameters": _parameter_count(model)}


def evaluate_baseline(train_file: str | Path, splits: dict[str, list[dict]], seed: int) -> dict:
    """Step 5: the TF-IDF baseline fitted on the same labelled lines, scored and calibrated like the models."""
    accounts = load_account_labels()
    rows = read_invoice_csv(train_file, accounts)
    start = time.perf_counter()
    baseline = build_baseline(seed).fit([row["text"] for row in rows], [row["label"] for row in rows])
    codes = [str(code) for code in baseline.classes_]
    log_probabilities = {
        split: np.log(np.maximum(baseline_probabilities(baseline, [r["text"] for r in lines]), 1e-38))
        for split, lines in splits.items()
    }
    labels = {split: [row["label"] for row in lines] for split, lines in splits.items()}
    results = _scores_and_calibration(codes, log_probabilities, labels, accounts)
    # calibrate_baseline fits the same temperature on the validation lines: a cross-check.
    results["temperature_check"] = calibrate_baseline(
        baseline, [row["text"] for row in splits["validation"]], labels["validation"]
    )
    return results | {"seconds": time.perf_counter() - start}


def _check_lora(pretrained_dir: Path, model_dir: Path, texts: list[str], merged_predictions: list[str]) -> dict:
    """Trainable and total parameters of the LoRA run; does the merged model predict what the adapter does?

    The fine-tuned directory holds only the adapter and the head. Loaded on its base model
    without merging, it must give the same accounts, with the same probabilities up to
    rounding, as :func:`~compta_finetune.inference.load_for_inference`, which merges it.
    """
    from peft import PeftModel

    id2label, label2id = label_maps(load_invoice_dataset())
    lora_model, _ = phi2.load_model_and_tokenizer(str(pretrained_dir), id2label, label2id)
    trainable, total = lora_model.get_nb_trainable_parameters()

    merged, tokenizer = load_for_inference(model_dir)
    base = AutoModelForSequenceClassification.from_pretrained(
        pretrained_dir, config=AutoConfig.from_pretrained(model_dir, trust_remote_code=False), use_safetensors=True,
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
        "predictions_match_scores": [a[0][0] for a in after_merge] == merged_predictions,
    }


# --- The whole experiment: tasks that run in this process or in a pool of processes ------------


def _seed_dir(work_dir: Path, seed: int) -> Path:
    return work_dir / f"seed-{seed}"


def _pretraining_task(work_dir: Path, settings: ExperimentSettings, seed: int, architecture: str) -> dict:
    """Steps 1 and 2 for one architecture and one seed."""
    start = time.perf_counter()
    folder = _seed_dir(work_dir, seed)
    random_dir = build_model(architecture, folder / f"{architecture}-random", settings, seed)
    result = pretrain_model(architecture, random_dir, folder / f"{architecture}-pretrained", settings, seed)
    return result | {"architecture": architecture, "seed": seed, "task_seconds": time.perf_counter() - start}


def _short_history(log_history: list[dict]) -> list[dict]:
    """The Trainer's log history, keeping what the figures draw."""
    keys = ("epoch", "step", "loss", "eval_macro_f1", "eval_loss")
    return [{key: entry[key] for key in keys if key in entry} for entry in log_history if "loss" in entry or "eval_macro_f1" in entry]


def _finetuning_task(
    work_dir: Path, settings: ExperimentSettings, seed: int, run: str, per_account: int | None, independent_file
) -> dict:
    """Steps 3 and 4 (or 5, for the baseline) for one model, one seed and one number of labelled lines."""
    start = time.perf_counter()
    folder = _seed_dir(work_dir, seed)
    name = "all" if per_account is None else str(per_account)
    train_file = labelled_subset(shipped_data_files()["train"], folder / f"train-{name}-{MODELS.index(run)}.csv", per_account, seed)
    splits = evaluation_splits(independent_file)
    result = {"model": run, "seed": seed, "lines_per_account": per_account, "labelled_lines": len(read_invoice_csv(train_file))}
    if run == BASELINE:
        result |= evaluate_baseline(train_file, splits, seed)
    else:
        spec = RUNS[run]
        base = folder / f"{spec.architecture}-{'pretrained' if spec.pretrained else 'random'}"
        output_dir = folder / f"finetuned-{list(RUNS).index(run)}-{name}"
        finetuning = finetune_model(run, base, train_file, output_dir, settings, seed)
        evaluations = [entry["eval_macro_f1"] for entry in finetuning["log_history"] if "eval_macro_f1" in entry]
        result |= evaluate_model(output_dir, splits) | {
            "finetuning": {
                "global_step": finetuning["global_step"],
                "epochs": finetuning["log_history"][-1].get("epoch"),
                "evaluations": len(evaluations),
                "best_validation_f1": max(evaluations) if evaluations else None,
                "validation": finetuning["validation"],
                "log_history": _short_history(finetuning["log_history"]),
                "seconds": finetuning["seconds"],
            }
        }
        if run == PHI_LORA and per_account is None:
            result["lora"] = _check_lora(base, output_dir, [row["text"] for row in splits["test"]], result["test"]["predictions"])
        if not (seed == settings.seeds[0] and per_account is None):
            # Predictions and per-account reports are shown for the first seed only: keep the file small.
            for split in splits:
                if split != "validation":
                    result[split].pop("predictions")
                    result[split].pop("per_account")
                    for report in result[split]["calibration"].values():
                        report.pop("reliability")
    result["task_seconds"] = time.perf_counter() - start
    return result


def _one_thread() -> None:
    """Each process of the pool uses one thread: N processes on N cores, none waiting for another."""
    torch.set_num_threads(1)
    os.environ["OMP_NUM_THREADS"] = "1"


def _stored(function: Callable, path: Path, *arguments) -> dict:
    """``function(*arguments)``, read from ``path`` if an earlier run of the same work directory wrote it.

    An interrupted experiment, run again on the same ``work_dir``, skips the tasks it finished.
    """
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    result = function(*arguments)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_suffix(".tmp").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    os.replace(path.with_suffix(".tmp"), path)
    return result


def _run_all(tasks: list[tuple[Callable, tuple]], jobs: int, log: Callable[[str], None]) -> list:
    """Run ``tasks`` here (``jobs == 1``) or in ``jobs`` processes; results in task order."""
    if jobs <= 1:
        results = []
        for function, arguments in tasks:
            results.append(function(*arguments))
            log(f"{len(results)}/{len(tasks)} done")
        return results
    # spawn, not fork: a forked copy of a process that has run torch can deadlock in its thread pools.
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"), initializer=_one_thread) as pool:
        futures = [pool.submit(function, *arguments) for function, arguments in tasks]
        results = []
        for number, future in enumerate(futures, 1):
            results.append(future.result())
            log(f"{number}/{len(tasks)} done")
        return results


def run_experiment(
    work_dir: str | Path,
    settings: ExperimentSettings | None = None,
    independent_file: str | Path | None = None,
    jobs: int = 1,
    log: Callable[[str], None] = lambda message: None,
) -> dict:
    """Run every step for every seed and learning-curve point in ``work_dir``; return every result the page shows.

    Parameters
    ----------
    work_dir : str or Path
        Where the checkpoints are written.
    settings : ExperimentSettings, optional
        Sizes, budgets, seeds, learning-curve points; the defaults are ``make experiment``'s.
    independent_file : str or Path, optional
        A CSV of labelled lines written independently of the corpus (the repository's
        ``tests/data/independent_lines.csv``), scored like the test split.
    jobs : int, default 1
        Processes running the tasks side by side, one torch thread each. Each task seeds
        itself: the results do not depend on ``jobs``.
    log : callable, optional
        Receives a line of progress after each task.

    Returns
    -------
    dict
        ``settings``; ``pretraining`` (one entry per architecture and seed: see
        :func:`pretrain_model`); ``runs`` (one entry per model, seed and number of labelled
        lines per account: scores, calibration, fine-tuning summary); ``true_labels`` and
        ``independent_labels``; ``seconds``.
    """
    settings = settings or ExperimentSettings()
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    stored = work_dir / "results"
    pretraining = _run_all(
        [
            (_stored, (_pretraining_task, stored / f"pretraining-{seed}-{architecture}.json", work_dir, settings, seed, architecture))
            for seed in settings.seeds
            for architecture in (CAMEMBERT, PHI)
        ],
        jobs,
        lambda message: log(f"pre-training: {message}"),
    )
    pretraining_seconds = time.perf_counter() - start
    tasks = []
    for per_account in settings.lines_per_account:
        models = MODELS if per_account is None else CURVE_MODELS
        for run in models:
            for seed in settings.seeds:
                path = stored / f"run-{seed}-{MODELS.index(run)}-{per_account or 'all'}.json"
                tasks.append((_stored, (_finetuning_task, path, work_dir, settings, seed, run, per_account, independent_file)))
    # The longest tasks (all the lines) first, so that the pool does not end on one of them alone.
    tasks.sort(key=lambda task: task[1][6] is not None)
    runs = _run_all(tasks, jobs, lambda message: log(f"fine-tuning: {message}"))
    splits = evaluation_splits(independent_file)
    return {
        "settings": asdict(settings),
        "pretraining": pretraining,
        "runs": runs,
        "true_labels": [row["label"] for row in splits["test"]],
        "independent_labels": [row["label"] for row in splits.get("independent", [])],
        "jobs": jobs,
        "seconds": {"pre-training": pretraining_seconds, "total": time.perf_counter() - start},
    }


# --- Reading the results -----------------------------------------------------------------------


def select(results: dict, model: str | None = None, lines_per_account: int | None | str = None, seed: int | None = None) -> list[dict]:
    """The runs of ``results`` for ``model`` (all if None), ``lines_per_account`` (``"any"``: all) and ``seed``."""
    return [
        run
        for run in results["runs"]
        if (model is None or run["model"] == model)
        and (lines_per_account == "any" or run["lines_per_account"] == lines_per_account)
        and (seed is None or run["seed"] == seed)
    ]


def spread(values: Sequence[float]) -> tuple[float, float]:
    """Mean and sample standard deviation (0 for a single value)."""
    values = np.asarray(values, dtype=np.float64)
    return float(values.mean()), float(values.std(ddof=1)) if len(values) > 1 else 0.0


def metric(results: dict, model: str, path: Sequence[str], lines_per_account: int | None = None) -> tuple[float, float]:
    """Mean and standard deviation over seeds of a value of the runs, reached through the keys ``path``.

    Examples
    --------
    >>> results = {"runs": [{"model": "m", "seed": s, "lines_per_account": None, "test": {"macro_f1": f}}
    ...                     for s, f in ((0, 0.5), (1, 0.7))]}
    >>> [round(value, 3) for value in metric(results, "m", ("test", "macro_f1"))]
    [0.6, 0.141]
    """
    values = []
    for run in select(results, model, lines_per_account):
        value = run
        for key in path:
            value = value[key]
        values.append(value)
    return spread(values)


def differs(first: tuple[float, float], second: tuple[float, float]) -> bool:
    """Whether two (mean, standard deviation) pairs differ by more than their spread: the gap exceeds both deviations summed.

    Examples
    --------
    >>> differs((0.80, 0.02), (0.70, 0.03)), differs((0.80, 0.05), (0.75, 0.03))
    (True, False)
    """
    return abs(first[0] - second[0]) > first[1] + second[1]


def experiment_settings_from(results: dict) -> ExperimentSettings:
    """The :class:`ExperimentSettings` of a result read back from JSON (tuples come back as lists)."""
    values = dict(results["settings"])
    values["seeds"] = tuple(values["seeds"])
    values["lines_per_account"] = tuple(values["lines_per_account"])
    return replace(ExperimentSettings(), **values)

