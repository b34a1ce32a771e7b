"""`evaluate_model`'s report, field by field, recomputed here from the model's own logits."""

import csv
import time
import warnings

import numpy as np
import pytest

from compta_finetune.accounts import level_accuracy
from compta_finetune.calibration import (
    auto_coverage_accuracy,
    coverage_accuracy_curve,
    expected_calibration_error,
    reliability_bins,
    route_batch,
    softmax,
)
from compta_finetune.evaluation import evaluate_model, model_labels, routing_table
from compta_finetune.inference import load_for_inference, model_temperature, predict_logits
from compta_finetune.metrics import classification_scores


@pytest.fixture(scope="module")
def labelled_lines(small_corpus, tmp_path_factory):
    """The small test split, plus lines of two accounts the model never saw (8-digit, as in an FEC)."""
    with open(small_corpus["test"], encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows += [{"text": f"Cotisation {n}", "label": "62810000"} for n in range(2)] + [{"text": "Amende", "label": "6712"}]
    path = tmp_path_factory.mktemp("evaluation") / "lines.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "label"])
        writer.writeheader()
        writer.writerows(rows)
    return path, [row["text"] for row in rows], [row["label"] for row in rows]


def test_every_field_of_the_report_matches_the_models_logits(fine_tuned_camembert, labelled_lines):
    path, texts, labels = labelled_lines
    labels = [label.rstrip("0") if len(label) == 8 else label for label in labels]  # 62810000 -> 6281
    model, tokenizer = load_for_inference(fine_tuned_camembert)
    known = model_labels(model)
    unknown = sorted({label for label in labels if label not in known})
    start = time.perf_counter()
    with pytest.warns(UserWarning) as caught:
        report = evaluate_model(fine_tuned_camembert, path, threshold=0.05)
    elapsed = time.perf_counter() - start
    (warning,) = [w for w in caught if "the model" in str(w.message)]
    assert warning.category is UserWarning
    assert str(warning.message) == (
        f"{path}: {sum(label in unknown for label in labels)} line(s) have {len(unknown)} account(s) the model "
        f"{fine_tuned_camembert} was not trained on ({', '.join(unknown)}); they count as errors."
    )

    logits = predict_logits(model, tokenizer, texts).numpy()
    temperature = model_temperature(model)
    assert temperature != 1.0  # training calibrated it: "ece" and "ece_raw" differ
    calibrated = softmax(logits, temperature)
    predicted = [known[index] for index in calibrated.argmax(axis=1)]
    correct = np.array([p == t for p, t in zip(predicted, labels)])
    confidences = calibrated.max(axis=1)
    assert report["model_dir"] == str(fine_tuned_camembert) and report["input"] == str(path)
    assert report["lines"] == len(texts) and report["threshold"] == 0.05
    assert report["unknown_accounts"] == {code: labels.count(code) for code in unknown}
    scores = classification_scores(labels, predicted)
    assert (report["accuracy"], report["macro_f1"]) == (scores["accuracy"], scores["macro_f1"])
    assert report["accuracy_3_digits"] == level_accuracy(labels, predicted, 3)
    assert report["accuracy_2_digits"] == level_accuracy(labels, predicted, 2)
    calibration = report["calibration"]
    assert calibration["temperature"] == temperature
    assert calibration["ece"] == pytest.approx(expected_calibration_error(confidences, correct))
    assert calibration["ece_raw"] == pytest.approx(expected_calibration_error(softmax(logits).max(axis=1), correct))
    assert calibration["reliability"] == reliability_bins(confidences, correct)
    assert report["auto"] == auto_coverage_accuracy(confidences, correct, 0.05)
    assert report["routing"] == routing_table(labels, route_batch(calibrated, known, 0.05))
    assert report["curve"] == coverage_accuracy_curve(confidences, correct)
    assert isinstance(report["seconds"], float) and 0 < report["seconds"] <= elapsed + 1e-3


def test_a_file_of_known_accounts_raises_no_warning_and_shows_no_progress_unless_asked(fine_tuned_camembert, small_corpus, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = evaluate_model(fine_tuned_camembert, small_corpus["test"])
    assert report["unknown_accounts"] == {} and report["threshold"] == 0.9
    assert "Predicting" not in capsys.readouterr().err
    evaluate_model(fine_tuned_camembert, small_corpus["test"], progress=True)
    assert "Predicting" in capsys.readouterr().err


def test_predict_probabilities_applies_the_temperature_asked_or_the_models(fine_tuned_camembert, capsys):
    import torch

    from compta_finetune.inference import predict_probabilities

    model, tokenizer = load_for_inference(fine_tuned_camembert)
    long_line = " ".join(["Abonnement fibre optique professionnelle Orange"] * 40)  # far beyond 128 tokens
    texts = ["Ramettes papier A4", "Loyer bureaux mars", long_line]
    logits = predict_logits(model, tokenizer, texts)
    temperature = model_temperature(model)
    assert temperature != 1.0
    default = predict_probabilities(model, tokenizer, texts)
    assert torch.allclose(default, torch.softmax(logits / temperature, dim=-1))
    assert torch.allclose(predict_probabilities(model, tokenizer, texts, temperature=1.0), torch.softmax(logits, dim=-1))
    assert torch.allclose(predict_probabilities(model, tokenizer, texts, temperature=2.0), torch.softmax(logits / 2.0, dim=-1))
    # 128 tokens by default; the max_length given is the one used.
    assert torch.allclose(default, predict_probabilities(model, tokenizer, texts, max_length=128))
    short = predict_probabilities(model, tokenizer, texts, max_length=3)
    assert torch.allclose(short, torch.softmax(predict_logits(model, tokenizer, texts, max_length=3) / temperature, dim=-1))
    assert "Predicting" not in capsys.readouterr().err
    predict_probabilities(model, tokenizer, texts, progress=True)
    assert "Predicting" in capsys.readouterr().err


def test_the_warning_names_ten_unknown_accounts_at_most(fine_tuned_camembert, tmp_path):
    """A file of another chart of accounts would make the warning a page long: the ten first, then the count."""
    unknown = [f"69{n:02d}7" for n in range(12)]  # 12 accounts absent from the chart the model learned
    path = tmp_path / "other-chart.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["text", "label"], *[[f"Ligne {code}", code] for code in unknown]])
    with pytest.warns(UserWarning, match="was not trained on") as caught:
        report = evaluate_model(fine_tuned_camembert, path)
    (warning,) = [w for w in caught if "was not trained on" in str(w.message)]
    assert f"12 line(s) have 12 account(s) the model {fine_tuned_camembert} was not trained on ({', '.join(unknown[:10])});" in str(warning.message)
    assert report["unknown_accounts"] == dict.fromkeys(unknown, 1)
