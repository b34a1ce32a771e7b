"""The `compta-finetune` command end to end, in this process: tiny, train, evaluate, predict."""

import csv
import io
import json
import math
import sys

import pytest
import torch

from compta_finetune.cli import RECIPE_NAMES, build_parser, main
from compta_finetune.data import load_account_labels, read_invoice_csv
from compta_finetune.inference import load_for_inference, predict
from compta_finetune.recipes import RECIPES

ACCOUNTS = set(load_account_labels())


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """One thread for these tiny models: on a busy 2-core machine, two threads can wait on each other for seconds."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def trained(tiny_camembert, small_corpus, tmp_path_factory):
    """A tiny CamemBERT trained by `compta-finetune train` on the small corpus, and what it printed."""
    output_dir = tmp_path_factory.mktemp("cli") / "model"
    capture = io.StringIO()
    stderr, sys.stderr = sys.stderr, capture
    try:
        code = main([
            "train", "--recipe", "camembert", "--model", str(tiny_camembert), "--output-dir", str(output_dir),
            "--train-file", str(small_corpus["train"]), "--validation-file", str(small_corpus["validation"]),
            "--test-file", str(small_corpus["test"]), "--epochs", "2", "--learning-rate", "2e-3",
        ])  # fmt: skip
    finally:
        sys.stderr = stderr
    assert code == 0
    return output_dir, capture.getvalue()


def test_recipe_names_match_the_recipes():
    assert RECIPE_NAMES == tuple(RECIPES)


def test_train_options_come_from_the_dataclass_in_both_spellings():
    parser = build_parser()
    dashed = parser.parse_args(["train", "--output-dir", "out", "--train-file", "a.csv", "--max-steps", "5", "--no-lora", "--resume"])
    underscored = parser.parse_args(["train", "--output_dir", "out", "--train_file", "a.csv", "--max_steps", "5", "--lora", "false", "--resume"])
    for arguments in (dashed, underscored):
        assert (arguments.output_dir, arguments.train_file, arguments.max_steps) == ("out", "a.csv", 5)
        assert arguments.lora is False and arguments.resume is True and arguments.overwrite is False
        assert arguments.model is None  # the recipe's hub id, chosen by finetune()


def test_help_lists_the_four_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert all(command in out for command in ("tiny", "train", "evaluate", "predict"))


@pytest.mark.parametrize("recipe", RECIPE_NAMES)
def test_tiny_writes_a_checkpoint_that_train_can_load(recipe, tmp_path, capsys):
    output_dir = tmp_path / "tiny"
    assert main(["tiny", "--recipe", recipe, "--output-dir", str(output_dir)]) == 0
    assert (output_dir / "config.json").is_file() and (output_dir / "model.safetensors").is_file()
    assert (output_dir / "tokenizer.json").is_file() or (output_dir / "tokenizer_config.json").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["tiny"]  # no staging directory left
    assert str(output_dir) in capsys.readouterr().err


def test_train_saves_a_complete_model_and_a_summary(trained, small_corpus):
    output_dir, stderr = trained
    files = {path.name for path in output_dir.iterdir()}
    assert {"config.json", "model.safetensors", "results.json", "training_args.json"} <= files
    assert not any(name.endswith((".bin", ".pt", ".pth", ".pkl")) for name in files)  # safetensors only
    config = json.loads((output_dir / "config.json").read_text())
    assert set(config["id2label"].values()) == ACCOUNTS
    assert all(config["label2id"][code] == int(index) for index, code in config["id2label"].items())
    results = json.loads((output_dir / "results.json").read_text())
    test_lines = len(read_invoice_csv(small_corpus["test"]))
    for key in ("test_accuracy", "test_macro_f1", "test_loss"):
        assert math.isfinite(results["test"][key])
    assert results["world_size"] == 1 and results["arguments"]["epochs"] == 2.0
    assert results["test"]["test_samples_per_second"] > 0 and test_lines > 0
    assert not output_dir.with_name("model.checkpoints").exists()
    assert f"Model saved to {output_dir}" in stderr and "test:" in stderr and "accuracy" in stderr


def test_evaluate_scores_every_account_and_agrees_with_training(trained, small_corpus, tmp_path, capsys):
    output_dir, _ = trained
    report_path = tmp_path / "report.json"
    assert main(["evaluate", "--model-dir", str(output_dir), "--input", str(small_corpus["test"]), "--output", str(report_path)]) == 0
    captured = capsys.readouterr()
    report = json.loads(report_path.read_text())
    test_lines = len(read_invoice_csv(small_corpus["test"]))
    assert report["lines"] == test_lines
    assert 0 <= report["accuracy"] <= 1 and 0 <= report["macro_f1"] <= 1
    assert set(report["per_account"]) <= ACCOUNTS and sum(row["support"] for row in report["per_account"].values()) == test_lines
    assert report["per_account"]["6064"]["libelle"] == "Fournitures administratives"
    # The Trainer's test evaluation at the end of training saw the same lines.
    results = json.loads((output_dir / "results.json").read_text())
    assert report["accuracy"] == pytest.approx(results["test"]["test_accuracy"])
    assert "Fournitures administratives" in captured.out  # the report, on standard output
    assert "Accuracy" in captured.err and str(report_path) in captured.err


def test_predict_writes_one_row_per_line_in_input_order(trained, small_corpus, tmp_path, capsys):
    output_dir, _ = trained
    output = tmp_path / "predictions.csv"
    assert main(["predict", "--model-dir", str(output_dir), "--input", str(small_corpus["test"]), "--output", str(output), "--top-k", "3"]) == 0
    rows = read_csv(output)
    texts = [row["text"] for row in read_invoice_csv(small_corpus["test"])]
    assert list(rows[0]) == [
        "text", "label", "predicted_label", "predicted_libelle", "score", "decision",
        "predicted_label_2", "score_2", "predicted_label_3", "score_3",
    ]  # fmt: skip
    assert [row["text"] for row in rows] == texts
    assert [row["label"] for row in rows] == [row["label"] for row in read_invoice_csv(small_corpus["test"])]  # kept
    names = load_account_labels()
    # The saved model, reloaded, predicts the same (with its calibration temperature).
    model, tokenizer = load_for_inference(output_dir)
    expected = predict(model, tokenizer, texts, top_k=3)
    for row, top in zip(rows, expected):
        assert [row["predicted_label_2"], row["predicted_label_3"]] == [top[1][0], top[2][0]]
        assert 1 >= top[0][1] >= float(row["score_2"]) >= float(row["score_3"]) > 0
        if row["decision"] == "parent":  # the accounts of a parent reach the threshold together
            assert top[0][0].startswith(row["predicted_label"]) and float(row["score"]) >= 0.9
        else:
            assert row["predicted_label"] == top[0][0] and row["predicted_libelle"] == names[top[0][0]]
            assert float(row["score"]) == pytest.approx(top[0][1], abs=1e-4)
            assert row["decision"] == ("auto" if top[0][1] >= 0.9 else "review")
    assert f"Predicted {len(texts)} lines" in capsys.readouterr().err


def test_predict_reads_lines_from_standard_input(trained, monkeypatch, capsys):
    output_dir, _ = trained
    lines = ["Abonnement fibre optique juin", "Ramettes papier A4 x5", "Billet TGV Paris Lyon"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode() + b"\n")))
    assert main(["predict", "--model-dir", str(output_dir), "--input", "-", "--output", "-"]) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert [row["text"] for row in rows] == lines  # nothing but CSV on standard output
    assert all(row["predicted_label"] in ACCOUNTS for row in rows)
    assert "Predicted 3 lines" in captured.err


def test_predict_reads_csv_from_standard_input(trained, monkeypatch, capsys):
    output_dir, _ = trained
    content = 'label,text\n6064,"Toner HP, noir"\n626,Forfait mobile\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content.encode())))
    assert main(["predict", "--model-dir", str(output_dir), "--input", "-"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["text"] for row in rows] == ["Toner HP, noir", "Forfait mobile"]


def test_phi2_with_lora_trains_then_predicts(tiny_phi, small_corpus, tmp_path, capsys):
    output_dir = tmp_path / "phi"
    assert main([
        "train", "--recipe", "phi2", "--model", str(tiny_phi), "--output-dir", str(output_dir),
        "--train-file", str(small_corpus["train"]), "--max-steps", "4", "--batch-size", "8",
    ]) == 0  # fmt: skip
    assert (output_dir / "adapter_config.json").is_file() and (output_dir / "adapter_model.safetensors").is_file()
    results = json.loads((output_dir / "results.json").read_text())
    assert math.isfinite(results["validation"]["eval_loss"]) and "test" not in results
    predictions = tmp_path / "phi.csv"
    assert main(["predict", "--model-dir", str(output_dir), "--input", str(small_corpus["test"]), "--output", str(predictions)]) == 0
    rows = read_csv(predictions)
    assert len(rows) == len(read_invoice_csv(small_corpus["test"])) and all(row["predicted_label"] in ACCOUNTS for row in rows)
