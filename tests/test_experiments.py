"""The results page's experiment, end to end with tiny settings: shapes and invariants, not quality."""

import csv
import math
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from compta_finetune.data import load_account_labels, shipped_data_files
from compta_finetune.lab.experiments import (
    BASELINE,
    CURVE_MODELS,
    MODELS,
    PHI_FULL,
    PHI_LORA,
    PRETRAINED_CAMEMBERT,
    SCRATCH_CAMEMBERT,
    ExperimentSettings,
    _run_all,
    differs,
    experiment_settings_from,
    labelled_subset,
    metric,
    run_experiment,
    select,
    spread,
)

pytestmark = pytest.mark.end_to_end

INDEPENDENT_LINES = Path(__file__).parent / "data" / "independent_lines.csv"
SETTINGS = replace(
    ExperimentSettings.reduced(),
    hidden_size=32,
    num_layers=1,
    vocab_size=300,
    pretraining_epochs=0.05,
    phi_pretraining_epochs=0.05,
    finetuning_steps=4,
    evaluation_steps=2,
    early_stopping_patience=1,
    batch_size=8,
    seeds=(0,),
    lines_per_account=(3, None),
)


@pytest.fixture(scope="module")
def experiment(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("experiment")
    return work_dir, run_experiment(work_dir, SETTINGS, independent_file=INDEPENDENT_LINES)


@pytest.fixture(scope="module")
def results(experiment):
    return experiment[1]


def test_every_model_is_scored_on_both_sets(results):
    accounts = set(load_account_labels())
    assert {run["model"] for run in select(results)} == set(MODELS)
    assert {run["model"] for run in select(results, lines_per_account=3)} == set(CURVE_MODELS)
    assert len(results["runs"]) == len(MODELS) + len(CURVE_MODELS)
    for split, labels in (("test", results["true_labels"]), ("independent", results["independent_labels"])):
        assert set(labels) == accounts
        for run in select(results):
            scores = run[split]
            assert 0.0 <= scores["accuracy"] <= 1.0 and 0.0 <= scores["macro_f1"] <= 1.0
            assert len(scores["predictions"]) == len(labels)
            assert set(scores["predictions"]) <= accounts
    assert len(results["independent_labels"]) == 210


def test_learning_curve_trains_on_the_requested_lines(results):
    for run in select(results, lines_per_account=3):
        assert run["labelled_lines"] == 3 * 21
    full = select(results, BASELINE)[0]["labelled_lines"]
    assert full == sum(1 for _ in open(shipped_data_files()["train"], encoding="utf-8")) - 1


def test_pretraining_and_early_stopped_finetuning(results):
    assert {(entry["architecture"], entry["seed"]) for entry in results["pretraining"]} == {("camembert", 0), ("phi", 0)}
    for entry in results["pretraining"]:
        assert entry["history"] and all(math.isfinite(point["loss"]) for point in entry["history"])
        assert entry["context_free_loss"] > 0 and entry["lines"] > 3 * 21
    for run in select(results, lines_per_account="any"):
        if run["model"] == BASELINE:
            continue
        finetuning = run["finetuning"]
        assert 0 < finetuning["global_step"] <= SETTINGS.finetuning_steps
        # Early stopping keeps the best evaluation: the final validation score is the best one logged.
        assert finetuning["validation"]["eval_macro_f1"] == pytest.approx(finetuning["best_validation_f1"])
    # Same architecture, tokenizer and initialisation: the two CamemBERT runs have the same size.
    pre, scratch = select(results, PRETRAINED_CAMEMBERT)[0], select(results, SCRATCH_CAMEMBERT)[0]
    assert pre["parameters"] == scratch["parameters"]
    # LoRA and full fine-tuning of the same base: same model once the adapter is merged.
    assert select(results, PHI_LORA)[0]["parameters"] == select(results, PHI_FULL)[0]["parameters"]


def test_temperature_scaling_keeps_predictions_and_fits_validation(results):
    for run in select(results, lines_per_account="any"):
        assert run["temperature"] > 0
        for split in ("test", "independent"):
            before, after = run[split]["calibration"]["before"], run[split]["calibration"]["after"]
            # At threshold 0 every line is posted: the accuracy is the model's, whatever the temperature.
            assert before["curve"][0]["coverage"] == after["curve"][0]["coverage"] == 1.0
            assert before["curve"][0]["accuracy"] == pytest.approx(run[split]["accuracy"])
            assert after["curve"][0]["accuracy"] == pytest.approx(run[split]["accuracy"])
            assert 0.0 <= before["ece"] <= 1.0 and 0.0 <= after["ece"] <= 1.0
    baseline = select(results, BASELINE)[0]
    assert baseline["temperature"] == pytest.approx(baseline["temperature_check"], rel=1e-3)


def test_lora_adapter_is_saved_and_merges_without_changing_predictions(results):
    run = select(results, PHI_LORA)[0]
    lora = run["lora"]
    assert {"adapter_config.json", "adapter_model.safetensors"} <= set(lora["adapter_files"])
    assert 0 < lora["trainable"] < lora["total"]
    assert lora["merged_parameters"] == run["parameters"] < lora["total"]
    assert lora["same_predictions"] == 1.0
    assert lora["max_probability_difference"] < 1e-4
    assert lora["predictions_match_scores"]


def test_an_interrupted_experiment_resumes_from_its_finished_tasks(experiment):
    work_dir, results = experiment
    again = run_experiment(work_dir, SETTINGS, independent_file=INDEPENDENT_LINES)
    assert again["runs"] == results["runs"] and again["pretraining"] == results["pretraining"]
    assert again["seconds"]["total"] < results["seconds"]["total"]


def test_settings_read_back_from_json(results):
    import json

    assert experiment_settings_from(json.loads(json.dumps(results))) == SETTINGS


def test_labelled_subset_draws_per_account_with_the_seed(tmp_path):
    source = shipped_data_files()["train"]
    drawn = {}
    for seed in (0, 1):
        target = labelled_subset(source, tmp_path / f"subset-{seed}.csv", 5, seed)
        with open(target, encoding="utf-8") as handle:
            drawn[seed] = list(csv.DictReader(handle))
        assert Counter(row["label"] for row in drawn[seed]) == {code: 5 for code in load_account_labels()}
    assert drawn[0] != drawn[1]
    assert labelled_subset(source, tmp_path / "again.csv", 5, 0).read_text() == (tmp_path / "subset-0.csv").read_text()


def test_spread_and_differences():
    assert spread([0.5]) == (0.5, 0.0)
    mean, deviation = spread([0.6, 0.8])
    assert mean == pytest.approx(0.7) and deviation == pytest.approx(math.sqrt(0.02))
    results = {"runs": [{"model": "m", "seed": s, "lines_per_account": None, "test": {"macro_f1": v}} for s, v in enumerate((0.6, 0.8))]}
    assert metric(results, "m", ("test", "macro_f1")) == pytest.approx((0.7, math.sqrt(0.02)))
    assert differs((0.9, 0.01), (0.7, 0.05)) and not differs((0.72, 0.05), (0.7, 0.05))


def test_tasks_run_in_a_pool_of_processes_as_here():
    tasks = [(spread, ([value, value + 1.0],)) for value in (0.0, 1.0, 2.0)]
    assert _run_all(tasks, jobs=2, log=lambda message: None) == _run_all(tasks, jobs=1, log=lambda message: None)


def test_tiny_tokenizer_numbers_its_pieces_alphabetically_and_the_same_in_every_run():
    from compta_finetune.testing import CAMEMBERT_SPECIAL_TOKENS, train_camembert_tokenizer

    texts = ["Ramette papier A4 80 g", "Abonnement fibre Orange mars 2024", "Loyer bureaux avril"] * 30
    first, second = train_camembert_tokenizer(texts, vocab_size=80), train_camembert_tokenizer(texts, vocab_size=80)
    assert first.get_vocab() == second.get_vocab()
    assert [first(text)["input_ids"] for text in texts[:3]] == [second(text)["input_ids"] for text in texts[:3]]
    pieces = [piece for piece, _ in sorted(first.get_vocab().items(), key=lambda item: item[1])]
    assert pieces[: len(CAMEMBERT_SPECIAL_TOKENS)] == list(CAMEMBERT_SPECIAL_TOKENS)
    assert pieces[len(CAMEMBERT_SPECIAL_TOKENS) :] == sorted(pieces[len(CAMEMBERT_SPECIAL_TOKENS) :])


def test_early_stopping_is_a_command_line_option():
    from compta_finetune.training import parse_fine_tuning_arguments

    assert parse_fine_tuning_arguments(["--early-stopping-patience", "2"]).early_stopping_patience == 2
    assert parse_fine_tuning_arguments([]).early_stopping_patience is None


def test_calibration_and_learning_curve_figures(results):
    from compta_finetune.lab.plots import plot_coverage_accuracy, plot_reliability, plot_score_by_lines

    runs = {run["model"]: run["test"]["calibration"] for run in select(results)}
    figure = plot_reliability({model: (report["before"]["reliability"], report["after"]["reliability"]) for model, report in runs.items()})
    assert len(figure.axes) == len(MODELS)
    figure = plot_coverage_accuracy({model: report["after"]["curve"] for model, report in runs.items()})
    assert len(figure.axes[0].lines) == len(MODELS)
    curves = {model: [(3, *metric(results, model, ("test", "macro_f1"), 3)), (252, *metric(results, model, ("test", "macro_f1")))] for model in CURVE_MODELS}
    figure = plot_score_by_lines(curves)
    assert [tick.get_text() for tick in figure.axes[0].get_xticklabels()] == ["3", "252"]
