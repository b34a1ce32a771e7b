"""Checkpoints and saves, in-process: which checkpoint a resume picks, and how a model is replaced.

``test_resume.py`` kills a real run in a subprocess; these tests look at each decision on its
own, with folders laid out by hand and a save that fails halfway.
"""

import json
import logging
import os

import pytest
import torch
from transformers import Trainer, TrainingArguments

from compta_finetune.data import load_account_labels
from compta_finetune.errors import OutputError
from compta_finetune.inference import load_for_inference, predict
from compta_finetune.recipes.camembert import load_model_and_tokenizer
from compta_finetune.training import FineTuningArguments, finetune, last_complete_checkpoint, save_atomically

LINES = ["Abonnement fibre optique mars", "Ramettes papier A4", "Billet de train Paris Lyon aller-retour 2e classe", "Loyer"]


def checkpoint(directory, step, state: str | None = '{"global_step": 0}'):
    """A checkpoint folder; ``state`` is the text of its trainer_state.json (``None``: not written yet)."""
    path = directory / f"checkpoint-{step}"
    path.mkdir(parents=True)
    (path / "model.safetensors").write_bytes(b"weights")
    if state is not None:
        (path / "trainer_state.json").write_text(state, encoding="utf-8")
    return path


# --- last_complete_checkpoint ----------------------------------------------------------------


def test_no_checkpoint_folder_or_an_empty_one_gives_none(tmp_path):
    assert last_complete_checkpoint(tmp_path / "absent") is None
    assert last_complete_checkpoint(tmp_path) is None


def test_the_latest_step_wins_in_numeric_order(tmp_path):
    for step in (9, 10, 2):
        checkpoint(tmp_path, step)
    # As strings, "checkpoint-9" sorts after "checkpoint-10".
    assert last_complete_checkpoint(tmp_path) == tmp_path / "checkpoint-10"


def test_incomplete_checkpoints_are_skipped_with_a_warning(tmp_path, caplog):
    checkpoint(tmp_path, 5)
    checkpoint(tmp_path, 10)
    checkpoint(tmp_path, 15, state=None)  # killed before trainer_state.json
    checkpoint(tmp_path, 20, state='{"global_step": 2')  # killed while writing it
    with caplog.at_level(logging.WARNING, logger="compta_finetune.training"):
        assert last_complete_checkpoint(tmp_path) == tmp_path / "checkpoint-10"
    assert [record.getMessage() for record in caplog.records] == [
        f"Skipping the incomplete checkpoint {tmp_path / 'checkpoint-20'}.",
        f"Skipping the incomplete checkpoint {tmp_path / 'checkpoint-15'}.",
    ]


def test_only_incomplete_checkpoints_give_none(tmp_path):
    checkpoint(tmp_path, 3, state=None)
    checkpoint(tmp_path, 4, state="")
    assert last_complete_checkpoint(tmp_path) is None


def test_folders_and_files_that_are_not_numbered_checkpoints_are_ignored(tmp_path):
    checkpoint(tmp_path, 7)
    for name in ("checkpoint-best", "checkpoint-12b", "checkpoint-"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "trainer_state.json").write_text("{}", encoding="utf-8")
    (tmp_path / "checkpoint-30").write_text("a file, not a folder", encoding="utf-8")
    (tmp_path / "run-40").mkdir()
    (tmp_path / "run-40" / "trainer_state.json").write_text("{}", encoding="utf-8")
    assert last_complete_checkpoint(tmp_path) == tmp_path / "checkpoint-7"


# --- save_atomically -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def trainer(tiny_camembert, tmp_path_factory):
    """A Trainer around the tiny CamemBERT with a (random) head for the 21 accounts; nothing trained."""
    torch.set_num_threads(1)
    accounts = list(load_account_labels())
    id2label = dict(enumerate(accounts))
    torch.manual_seed(0)
    model, tokenizer = load_model_and_tokenizer(str(tiny_camembert), id2label, {c: i for i, c in id2label.items()})
    args = TrainingArguments(output_dir=str(tmp_path_factory.mktemp("args")), report_to="none", use_cpu=True)
    return Trainer(model=model.eval(), args=args, processing_class=tokenizer)


def old_model(directory):
    directory.mkdir()
    (directory / "results.json").write_text('{"old": true}', encoding="utf-8")
    (directory / "model.safetensors").write_bytes(b"old weights")
    return directory


def leftovers(parent):
    return sorted(path.name for path in parent.iterdir() if path.name.startswith("."))


def test_a_new_model_is_saved_complete_and_predicts_as_in_memory(trainer, tmp_path):
    output_dir = tmp_path / "model"
    assert save_atomically(trainer, output_dir, {"validation": {"eval_macro_f1": 0.5}, "note": "é"}) == output_dir
    saved = {path.name for path in output_dir.iterdir()}
    assert {"config.json", "model.safetensors", "training_args.json", "results.json"} <= saved
    assert "training_args.bin" not in saved  # no pickle in a model folder
    assert json.loads((output_dir / "results.json").read_text(encoding="utf-8")) == {
        "validation": {"eval_macro_f1": 0.5},
        "note": "é",
    }
    assert "é" in (output_dir / "results.json").read_text(encoding="utf-8")
    assert json.loads((output_dir / "training_args.json").read_text(encoding="utf-8"))["report_to"] == []
    assert leftovers(tmp_path) == []
    # The reloaded model, not a second load of the same folder, against the one in memory.
    in_memory = predict(trainer.model, trainer.processing_class, LINES, top_k=3)
    reloaded = predict(*load_for_inference(output_dir), LINES, top_k=3)
    for before, after in zip(in_memory, reloaded):
        assert [label for label, _ in before] == [label for label, _ in after]
        assert [score for _, score in before] == pytest.approx([score for _, score in after], abs=1e-5)


def test_without_results_no_results_file(trainer, tmp_path):
    save_atomically(trainer, tmp_path / "model")
    assert not (tmp_path / "model" / "results.json").exists()


def test_overwrite_replaces_the_old_model_only_once_the_new_one_is_in_place(trainer, tmp_path, monkeypatch):
    output_dir = old_model(tmp_path / "model")
    moves = []
    real_replace = os.replace

    def watched_replace(source, target):
        # When the new model moves in, the old one must still be whole beside it.
        moves.append((os.path.basename(source), os.path.basename(target)))
        previous = tmp_path / ".model.previous"
        if os.path.basename(target) == "model":
            assert (previous / "model.safetensors").read_bytes() == b"old weights"
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", watched_replace)
    save_atomically(trainer, output_dir, {"new": True})
    # The staging folder is private to this process (``.model.saving-XXXXXXXX``).
    assert moves[0] == ("model", ".model.previous") and len(moves) == 2
    assert moves[1][0].startswith(".model.saving-") and moves[1][1] == "model"
    assert json.loads((output_dir / "results.json").read_text(encoding="utf-8")) == {"new": True}
    assert (output_dir / "model.safetensors").read_bytes() != b"old weights"
    assert leftovers(tmp_path) == []  # the old model is gone once the new one is in place


def test_a_save_that_fails_mid_replace_keeps_the_old_model_and_the_next_run_says_so(trainer, tmp_path, monkeypatch):
    output_dir = old_model(tmp_path / "model")
    calls = []
    real_replace = os.replace

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 2:  # the new model's move into place
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="No space left"):
        save_atomically(trainer, output_dir, {"new": True})
    monkeypatch.undo()
    previous = tmp_path / ".model.previous"
    assert not output_dir.exists()
    assert (previous / "model.safetensors").read_bytes() == b"old weights"
    assert leftovers(tmp_path) == [".model.previous"]  # the half-done staging folder is cleaned up

    with pytest.raises(OutputError) as error:
        finetune(FineTuningArguments(output_dir=str(output_dir), overwrite=True))
    assert ".model.previous" in error.value.problem and "interrupted" in error.value.problem
    assert "rename" in error.value.fix
    assert (previous / "model.safetensors").read_bytes() == b"old weights"


def test_a_leftover_staging_folder_is_replaced(trainer, tmp_path):
    staging = tmp_path / ".model.saving"
    staging.mkdir()
    (staging / "stale.bin").write_bytes(b"from a killed save")
    save_atomically(trainer, tmp_path / "model")
    assert not (tmp_path / "model" / "stale.bin").exists()
    assert leftovers(tmp_path) == []
