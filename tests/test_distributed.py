"""`torchrun --nproc_per_node=2 -m compta_finetune train`: two CPU processes (gloo), one model saved once."""

import json
import math
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import compta_finetune

from compta_finetune.data import load_account_labels, read_invoice_csv
from compta_finetune.inference import load_for_inference, predict

pytestmark = pytest.mark.end_to_end

BATCH_SIZE = 8


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_torchrun_trains_on_two_processes_and_saves_once(tiny_camembert, small_corpus, tmp_path):
    output_dir = tmp_path / "model"
    source = str(Path(compta_finetune.__file__).resolve().parents[1])
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", OMP_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
    command = [
        sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2",
        "--master_addr=127.0.0.1", f"--master_port={free_port()}",
        "-m", "compta_finetune", "train", "--recipe", "camembert", "--model", str(tiny_camembert),
        "--output-dir", str(output_dir), "--train-file", str(small_corpus["train"]),
        "--validation-file", str(small_corpus["validation"]), "--test-file", str(small_corpus["test"]),
        "--epochs", "1", "--batch-size", str(BATCH_SIZE), "--save-steps", "8",
    ]  # fmt: skip
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]

    # One model, saved once: no staging, previous or checkpoint directory left beside it.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["model"]
    assert run.stderr.count("Model saved to") == 1
    results = json.loads((output_dir / "results.json").read_text())

    # Both processes trained, each on its half of the lines, in one process group.
    train_lines = len(read_invoice_csv(small_corpus["train"]))
    assert results["world_size"] == 2 and results["backend"] == "gloo"
    assert results["train_lines"] == train_lines
    assert "[process 0 of 2] trained on" in run.stderr and "[process 1 of 2] trained on" in run.stderr
    per_process = results["lines_per_process"]
    assert len(per_process) == 2 and per_process[0] == per_process[1]
    # Each step takes one batch per process: twice as few steps as one process would take. The
    # last batches of the epoch are completed with lines from its start, so that both processes
    # take part in every step.
    assert results["global_step"] == math.ceil(train_lines / (2 * BATCH_SIZE))
    assert train_lines <= sum(per_process) < train_lines + 2 * BATCH_SIZE

    # The loss is averaged across processes, not summed: about ln(21) for a barely trained model.
    for key in ("test_loss", "test_accuracy", "test_macro_f1"):
        assert math.isfinite(results["test"][key])
    assert results["test"]["test_loss"] < 1.5 * math.log(len(load_account_labels()))

    model, tokenizer = load_for_inference(output_dir)
    assert {top[0][0] for top in predict(model, tokenizer, ["Abonnement fibre", "Papier A4"])} <= set(load_account_labels())
