"""Tiny CamemBERT on the skewed corpus, with and without ``--class-weights balanced``.

Builds the checkpoint ``compta-finetune tiny`` builds, fine-tunes it twice on the skewed
variant of the shipped corpus with its recommended settings (once with the plain loss, once
with the loss weighted by account), scores both on the skewed test split (accuracy, macro-F1,
weighted F1, recall per account) and writes ``benchmarks/skewed_results.json``, which the corpus
page reads, with the date, the machine and the seconds.

Run with ``make bench-skewed`` (about 5 minutes on 2 cores).
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import torch  # noqa: E402
import transformers  # noqa: E402

from compta_finetune.data import load_account_labels, read_invoice_csv, shipped_data_files  # noqa: E402
from compta_finetune.inference import load_for_inference, predict  # noqa: E402
from compta_finetune.metrics import classification_scores  # noqa: E402
from compta_finetune.testing import CAMEMBERT_PRETRAINING_EPOCHS, build_tiny_camembert  # noqa: E402
from compta_finetune.training import FineTuningArguments, finetune  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "benchmarks" / "skewed_results.json"


def main() -> int:
    torch.set_num_threads(1)
    accounts = load_account_labels()
    test = read_invoice_csv(shipped_data_files("skewed")["test"], accounts)
    texts, labels = [row["text"] for row in test], [row["label"] for row in test]
    runs = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        tiny = build_tiny_camembert(work / "tiny", pretraining_epochs=CAMEMBERT_PRETRAINING_EPOCHS)
        for name, class_weights in (("plain", None), ("balanced", "balanced")):
            run_started = time.perf_counter()
            results = finetune(
                FineTuningArguments(
                    model=str(tiny), output_dir=str(work / name), corpus="skewed", class_weights=class_weights
                )
            )
            model, tokenizer = load_for_inference(work / name)
            predicted = [top[0][0] for top in predict(model, tokenizer, texts)]
            scores = classification_scores(labels, predicted, accounts)
            runs[name] = {
                "accuracy": scores["accuracy"],
                "macro_f1": scores["macro_f1"],
                "weighted_f1": scores["weighted_f1"],
                "recall": {code: row["recall"] for code, row in scores["per_account"].items()},
                "support": {code: row["support"] for code, row in scores["per_account"].items()},
                "settings": {key: results["arguments"][key] for key in ("learning_rate", "epochs", "batch_size")},
                "seconds": round(time.perf_counter() - run_started, 1),
            }
            print(f"{name}: macro-F1 {scores['macro_f1']:.3f}, weighted F1 {scores['weighted_f1']:.3f}", flush=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    record = {
        "model": "tiny CamemBERT (compta-finetune tiny), fine-tuned with its recommended settings",
        "runs": runs,
        "date": datetime.date.today().isoformat(),
        "commit": commit,
        "seconds": round(time.perf_counter() - started, 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}",
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__},
    }
    OUTPUT.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
