"""CPU benchmarks, written to benchmarks/results.json and shown on the "Performances" page.

Every figure is a ratio of two measurements taken side by side in this run, each the median
of at least three repetitions, alternated so that a slow spell of the machine hits both sides:

* ``train_speedup_vs_seed``: training samples/s of our CamemBERT recipe (no padding in ``map``,
  per-batch padding, batches grouped by length) over the original document's recipe (``padding=True``
  inside ``map``, random batches); same small CamemBERT-architecture model, data, batch size, steps.
* ``predict_speedup_vs_pipeline``: lines/s of :func:`compta_finetune.inference.predict` over
  ``transformers.pipeline("text-classification")`` called line by line, same model and lines.
* ``make_html_cold_s``, ``make_html_noop_s``, ``make_test_s``: wall times of the Makefile targets
  (skipped with ``--skip-make``).

Run with ``make bench``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import torch
import transformers
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, pipeline

from compta_finetune.data import label_maps, load_invoice_dataset
from compta_finetune.inference import predict
from compta_finetune.recipes import camembert
from compta_finetune.testing import build_tiny_camembert
from compta_finetune.training import build_trainer, build_training_arguments, tokenize_dataset

ROOT = Path(__file__).resolve().parents[1]
REPETITIONS = 3


def seed_recipe_trainer(model, tokenizer, dataset, args) -> Trainer:
    """The original document's recipe on current transformers: ``padding=True`` in ``map``, random batches."""

    def preprocess_function(examples):
        return tokenizer(examples["text"], truncation=True, padding=True)

    train_dataset = dataset["train"].map(preprocess_function, batched=True, remove_columns=["text"])
    args.train_sampling_strategy = "random"
    return Trainer(model=model, args=args, train_dataset=train_dataset, processing_class=tokenizer)


def train_samples_per_second(model_dir: Path, dataset, recipe: str, steps: int, batch_size: int) -> float:
    id2label, label2id = label_maps(dataset)
    model, tokenizer = camembert.load_model_and_tokenizer(str(model_dir), id2label, label2id)
    with tempfile.TemporaryDirectory() as output_dir:
        args = build_training_arguments(
            output_dir, batch_size=batch_size, max_steps=steps, evaluate=False, progress_bars=False
        )
        args.save_strategy = "no"
        if recipe == "ours":
            trainer = build_trainer(model, tokenizer, tokenize_dataset(dataset, tokenizer), args)
        else:
            trainer = seed_recipe_trainer(model, tokenizer, dataset, args)
        return trainer.train().metrics["train_samples_per_second"]


def train_benchmark(work_dir: Path, steps: int = 40, batch_size: int = 16) -> dict:
    # Large enough for compute, not overheads, to dominate a step on a CPU.
    model_dir = build_tiny_camembert(work_dir / "camembert-small", hidden_size=256, num_layers=4, vocab_size=8000)
    dataset = load_invoice_dataset()
    runs = {"ours": [], "seed": []}
    for _ in range(REPETITIONS):
        for recipe in runs:
            runs[recipe].append(train_samples_per_second(model_dir, dataset, recipe, steps, batch_size))
    ours, seed = statistics.median(runs["ours"]), statistics.median(runs["seed"])
    return {
        "model": "CamembertForSequenceClassification, hidden 256, 4 layers, random weights",
        "steps": steps,
        "batch_size": batch_size,
        "ours_samples_per_second": runs["ours"],
        "seed_samples_per_second": runs["seed"],
        "train_speedup_vs_seed": ours / seed,
    }


def predict_benchmark(work_dir: Path) -> dict:
    model_dir = build_tiny_camembert(work_dir / "camembert-tiny")
    dataset = load_invoice_dataset()
    id2label, label2id = label_maps(dataset)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSequenceClassification.from_pretrained(
        model_dir, num_labels=len(id2label), id2label=id2label, label2id=label2id
    ).eval()
    texts = list(dataset["test"]["text"])
    classifier = pipeline("text-classification", model=model, tokenizer=tokenizer, device="cpu")
    runs = {"ours": [], "pipeline": []}
    for _ in range(REPETITIONS):
        start = time.perf_counter()
        ours = predict(model, tokenizer, texts)
        runs["ours"].append(len(texts) / (time.perf_counter() - start))
        start = time.perf_counter()
        theirs = [classifier(text)[0]["label"] for text in texts]
        runs["pipeline"].append(len(texts) / (time.perf_counter() - start))
    agreement = sum(top[0][0] == label for top, label in zip(ours, theirs)) / len(texts)
    return {
        "model": "tiny CamembertForSequenceClassification (hidden 64, 2 layers), random weights",
        "lines": len(texts),
        "ours_lines_per_second": runs["ours"],
        "pipeline_lines_per_second": runs["pipeline"],
        "same_labels_fraction": agreement,
        "predict_speedup_vs_pipeline": statistics.median(runs["ours"]) / statistics.median(runs["pipeline"]),
    }


def timed_make(*targets: str) -> float:
    start = time.perf_counter()
    subprocess.run(["make", *targets], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def make_benchmark() -> dict:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    cold = timed_make("html")
    noop = statistics.median(timed_make("html") for _ in range(REPETITIONS))
    return {"make_html_cold_s": cold, "make_html_noop_s": noop, "make_test_s": timed_make("test")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--skip-make", action="store_true", help="do not time the Makefile targets")
    args = parser.parse_args()
    results = {
        "machine": {
            "processor": platform.processor() or platform.machine(),
            "cpu_count": os.cpu_count(),
            "torch_threads": torch.get_num_threads(),
            "python": platform.python_version(),
            "torch": torch.__version__,
            "transformers": transformers.__version__,
        },
        "repetitions": REPETITIONS,
    }
    with tempfile.TemporaryDirectory() as work_dir:
        results["train"] = train_benchmark(Path(work_dir))
        results["predict"] = predict_benchmark(Path(work_dir))
    results["train_speedup_vs_seed"] = results["train"]["train_speedup_vs_seed"]
    results["predict_speedup_vs_pipeline"] = results["predict"]["predict_speedup_vs_pipeline"]
    if not args.skip_make:
        results.update(make_benchmark())
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
