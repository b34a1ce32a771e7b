"""The results page's experiment, end to end with tiny settings: shapes and invariants, not quality."""

import math
from pathlib import Path

import pytest

from compta_finetune.data import load_account_labels
from compta_finetune.lab.experiments import (
    BASELINE,
    PHI_LORA,
    PRETRAINED_CAMEMBERT,
    SCRATCH_CAMEMBERT,
    ExperimentSettings,
    _sort_unigram_vocabulary,
    run_experiment,
)

INDEPENDENT_LINES = Path(__file__).parent / "data" / "independent_lines.csv"
MODELS = (PRETRAINED_CAMEMBERT, SCRATCH_CAMEMBERT, PHI_LORA, BASELINE)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    settings = ExperimentSettings(
        hidden_size=32,
        num_layers=1,
        vocab_size=300,
        pretraining_epochs=0.05,
        phi_pretraining_epochs=0.05,
        labelled_lines_per_account=3,
        max_steps=2,
        batch_size=8,
    )
    return run_experiment(tmp_path_factory.mktemp("experiment"), settings, independent_file=INDEPENDENT_LINES)


def test_every_model_is_scored_on_both_sets(results):
    accounts = set(load_account_labels())
    for split, labels in (("test", results["true_labels"]), ("independent", results["independent_labels"])):
        assert set(results[split]) == set(MODELS)
        assert set(labels) == accounts
        for scores in results[split].values():
            assert 0.0 <= scores["accuracy"] <= 1.0 and 0.0 <= scores["macro_f1"] <= 1.0
            assert len(scores["predictions"]) == len(labels)
            assert set(scores["predictions"]) <= accounts
    assert len(results["independent_labels"]) == 210


def test_pretraining_and_finetuning_histories(results):
    assert results["labelled_lines"] == 3 * 21
    assert results["pretraining_lines"] > results["labelled_lines"]
    for name in ("camembert", "phi"):
        history = results["pretraining"][name]
        assert history and all(math.isfinite(entry["loss"]) for entry in history)
        assert results["context_free_loss"][name] > 0
    for run in (PRETRAINED_CAMEMBERT, SCRATCH_CAMEMBERT, PHI_LORA):
        finetuning = results["finetuning"][run]
        assert finetuning["global_step"] == 2
        assert 0.0 <= finetuning["validation"]["eval_macro_f1"] <= 1.0
    assert results["finetuning"][PHI_LORA]["recipe"] == "phi2"
    # Same architecture, tokenizer and initialisation: the two CamemBERT runs have the same size.
    assert results["parameters"][PRETRAINED_CAMEMBERT] == results["parameters"][SCRATCH_CAMEMBERT]


def test_lora_adapter_is_saved_and_merges_without_changing_predictions(results):
    lora = results["lora"]
    assert {"adapter_config.json", "adapter_model.safetensors"} <= set(lora["adapter_files"])
    assert 0 < lora["trainable"] < lora["total"]
    assert lora["merged_parameters"] == results["parameters"][PHI_LORA] < lora["total"]
    assert lora["same_predictions"] == 1.0
    assert lora["max_probability_difference"] < 1e-4
    assert lora["predictions_match_scores"]


def test_sorted_vocabulary_cuts_text_as_before(tmp_path):
    from transformers import AutoTokenizer

    from compta_finetune.testing import build_tiny_camembert

    texts = ["Ramette papier A4 80 g", "Abonnement fibre Orange mars 2024", "Loyer bureaux avril"] * 30
    model_dir = build_tiny_camembert(tmp_path / "model", texts, hidden_size=32, num_layers=1, vocab_size=80)
    before = AutoTokenizer.from_pretrained(model_dir)
    _sort_unigram_vocabulary(model_dir)
    after = AutoTokenizer.from_pretrained(model_dir)
    assert [before.tokenize(text) for text in texts] == [after.tokenize(text) for text in texts]
    assert len(after) == len(before)
    assert (after.pad_token_id, after.mask_token_id, after.unk_token_id) == (
        before.pad_token_id,
        before.mask_token_id,
        before.unk_token_id,
    )
    pieces = [piece for piece, _ in sorted(after.get_vocab().items(), key=lambda item: item[1])][8:]
    assert pieces == sorted(pieces)
