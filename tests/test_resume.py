"""A training killed with SIGKILL resumes from its last checkpoint and ends where an uninterrupted run ends."""

import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import compta_finetune
import pytest
from safetensors.torch import load_file

pytestmark = pytest.mark.end_to_end

# small_corpus: 252 training lines, 16 steps per epoch at 16 lines per batch. 48 steps make 3
# epochs; the run is killed once checkpoint-20 is written, 4 steps into the second epoch, so
# the resumed run must restore the data order of an epoch that is not the first, and the
# random state of dropout, to end exactly where the uninterrupted run ends.
MAX_STEPS, SAVE_STEPS = 48, 20


def cli_env() -> dict[str, str]:
    """The environment of a `python -m compta_finetune` child: offline, this package importable."""
    source = str(Path(compta_finetune.__file__).resolve().parents[1])
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
    return env


def train_command(model: Path, corpus: dict[str, Path], output_dir: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "compta_finetune", "train",
        "--recipe", "camembert", "--model", str(model), "--output-dir", str(output_dir),
        "--train-file", str(corpus["train"]), "--validation-file", str(corpus["validation"]),
        "--test-file", str(corpus["test"]),
        "--max-steps", str(MAX_STEPS), "--save-steps", str(SAVE_STEPS),
        "--learning-rate", "1e-3", "--seed", "7",
        *extra,
    ]  # fmt: skip


def complete_checkpoint(checkpoint_dir: Path, step: int) -> bool:
    """Whether checkpoint-<step> is written in full (the Trainer writes trainer_state.json last)."""
    state = checkpoint_dir / f"checkpoint-{step}" / "trainer_state.json"
    try:
        return json.loads(state.read_text())["global_step"] == step
    except (OSError, ValueError, KeyError):
        return False


def test_killed_run_resumes_to_the_same_model(tiny_camembert, small_corpus, tmp_path):
    reference_dir, resumed_dir = tmp_path / "reference", tmp_path / "resumed"
    checkpoint_dir = tmp_path / "resumed.checkpoints"
    # One thread each: the two runs share two cores without contention, with the same arithmetic.
    env = dict(cli_env(), OMP_NUM_THREADS="1")
    # The uninterrupted run, beside the run to kill: same command, same seed.
    reference = subprocess.Popen(
        train_command(tiny_camembert, small_corpus, reference_dir), env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    victim = subprocess.Popen(
        train_command(tiny_camembert, small_corpus, resumed_dir), env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not complete_checkpoint(checkpoint_dir, SAVE_STEPS):
            assert victim.poll() is None, "the run ended before it could be killed"
            assert time.monotonic() < deadline, "no checkpoint after 120 s"
            time.sleep(0.02)
    finally:
        victim.send_signal(signal.SIGKILL)
        victim.wait()
    assert victim.returncode == -signal.SIGKILL
    assert not resumed_dir.exists(), "the killed run got as far as saving its model: nothing to resume"
    assert not (checkpoint_dir / f"checkpoint-{MAX_STEPS}").exists()

    resumed = subprocess.run(
        train_command(tiny_camembert, small_corpus, resumed_dir, "--resume"), env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=300,
    )  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert "resumed from" in resumed.stderr
    _, reference_err = reference.communicate(timeout=300)
    assert reference.returncode == 0, reference_err

    expected = json.loads((reference_dir / "results.json").read_text())
    results = json.loads((resumed_dir / "results.json").read_text())
    assert expected["resumed_from"] is None
    assert Path(results["resumed_from"]).name.startswith("checkpoint-")
    assert int(Path(results["resumed_from"]).name.split("-")[1]) >= SAVE_STEPS
    assert results["global_step"] == expected["global_step"] == MAX_STEPS
    # The resumed process trained on the remaining steps only.
    assert 0 < results["lines_per_process"][0] < expected["lines_per_process"][0]
    for split, prefix in (("test", "test"), ("validation", "eval")):
        for metric in ("loss", "accuracy", "macro_f1"):
            key = f"{prefix}_{metric}"
            assert math.isfinite(expected[split][key])
            assert results[split][key] == pytest.approx(expected[split][key], abs=1e-6), key
    # Same weights, not only the same scores; and the checkpoints are gone once the model is saved.
    weights, expected_weights = load_file(resumed_dir / "model.safetensors"), load_file(reference_dir / "model.safetensors")
    assert weights.keys() == expected_weights.keys()
    for name, tensor in expected_weights.items():
        assert (weights[name] - tensor).abs().max().item() <= 1e-6, name
    assert not checkpoint_dir.exists()
