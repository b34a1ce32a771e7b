"""The original document's two snippets, corrected in their own shape (docs/original/*_corrected.py).

Each corrected script imports only transformers, datasets, peft, torch, numpy and sklearn, never
``compta_finetune``; here it is run end to end, as a reader would run it, on a tiny local
checkpoint and a small CSV sample of the shipped corpus: it trains, evaluates on the validation
file at each epoch (accuracy and macro F1 in the logs), saves a model that reloads and predicts
account codes of the training file.
"""

from __future__ import annotations

import ast
import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from compta_finetune.testing import build_tiny_camembert, build_tiny_phi

pytestmark = pytest.mark.end_to_end

ROOT = Path(__file__).resolve().parents[1]
ORIGINAL = ROOT / "docs" / "original"
DATA = ROOT / "src" / "compta_finetune" / "data"
ALLOWED = {"argparse", "datasets", "numpy", "sklearn", "transformers", "peft", "torch"}


def _sample(name: str, rows: int, path: Path) -> list[str]:
    with open(DATA / name, encoding="utf-8", newline="") as source:
        lines = list(csv.DictReader(source))[:rows]
    with open(path, "w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=["text", "label"])
        writer.writeheader()
        writer.writerows(lines)
    return [line["text"] for line in lines]


@pytest.mark.parametrize("recipe", ["camembert", "phi2"])
def test_corrected_script_imports_only_the_libraries(recipe):
    tree = ast.parse((ORIGINAL / f"{recipe}_corrected.py").read_text(encoding="utf-8"))
    roots = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    roots |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert roots <= ALLOWED, roots - ALLOWED
    original = (ORIGINAL / f"{recipe}_original.py").read_text(encoding="utf-8").splitlines()
    corrected = (ORIGINAL / f"{recipe}_corrected.py").read_text(encoding="utf-8").splitlines()
    # Its own shape: the original's skeleton lines are all still there, in the same order.
    skeleton = ["def preprocess_function(examples):", "training_args = TrainingArguments(", "trainer = Trainer(",
                "trainer.train()"]
    assert [line for line in corrected if line in skeleton] == [line for line in original if line in skeleton]


@pytest.mark.parametrize(("recipe", "build"), [("camembert", build_tiny_camembert), ("phi2", build_tiny_phi)])
def test_corrected_script_trains_evaluates_and_saves(recipe, build, tmp_path):
    texts = _sample("train.csv", 48, tmp_path / "train.csv")
    _sample("validation.csv", 24, tmp_path / "validation.csv")
    checkpoint = build(tmp_path / "tiny", texts, vocab_size=300)
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    env.pop("PYTHONPATH", None)
    run = subprocess.run(
        [sys.executable, str(ORIGINAL / f"{recipe}_corrected.py"), "--model", str(checkpoint)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    # One evaluation per epoch (3), each with the two metrics.
    evaluations = re.findall(r"'eval_accuracy': '?[\d.e-]+'?, 'eval_macro_f1': '?[\d.e-]+'?", run.stdout)
    assert len(evaluations) == 3, run.stdout[-2000:]
    final = tmp_path / f"results_{recipe}" / "final"
    # A plain model (Phi-2's adapters merged into it) that reloads without peft nor the script.
    model = AutoModelForSequenceClassification.from_pretrained(final)
    tokenizer = AutoTokenizer.from_pretrained(final)
    codes = {row["label"] for row in csv.DictReader(open(tmp_path / "train.csv", encoding="utf-8"))}
    codes |= {row["label"] for row in csv.DictReader(open(tmp_path / "validation.csv", encoding="utf-8"))}
    assert set(model.config.id2label.values()) == codes
    with torch.no_grad():
        logits = model(**tokenizer(texts[:4], padding=True, return_tensors="pt")).logits
    assert {model.config.id2label[int(i)] for i in logits.argmax(-1)} <= codes
