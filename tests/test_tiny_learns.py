"""`compta-finetune tiny` builds a model that learns with the settings it recommends; class weights."""

import json
import shutil

import pytest
import torch
from safetensors.torch import load_file

from compta_finetune.cli import main
from compta_finetune.data import load_account_labels, read_invoice_csv, shipped_data_files
from compta_finetune.inference import load_for_inference, predict
from compta_finetune.lab.experiments import labelled_subset
from compta_finetune.metrics import classification_scores
from compta_finetune.testing import TINY_CAMEMBERT_FINE_TUNING, build_tiny_camembert
from compta_finetune.training import (
    FINE_TUNING_CONFIG_NAME,
    FineTuningArguments,
    InvoiceTrainer,
    balanced_class_weights,
    finetune,
    load_fine_tuning_config,
    resolve_fine_tuning_settings,
)

pytestmark = pytest.mark.end_to_end

ACCOUNTS = list(load_account_labels())


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """One thread for these tiny models: on a busy 2-core machine, two threads can wait on each other for seconds."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def learning_corpus(tmp_path_factory):
    """80 training and 5 validation lines per account of the shipped corpus."""
    directory = tmp_path_factory.mktemp("learning-corpus")
    files = shipped_data_files()
    return {
        "train": labelled_subset(files["train"], directory / "train.csv", 80),
        "validation": labelled_subset(files["validation"], directory / "validation.csv", 5),
    }


@pytest.fixture(scope="module")
def cli_tiny(tmp_path_factory):
    """The checkpoint `compta-finetune tiny` builds (pre-trained for a few seconds)."""
    output_dir = tmp_path_factory.mktemp("cli-tiny") / "tiny"
    assert main(["tiny", "--recipe", "camembert", "--output-dir", str(output_dir)]) == 0
    return output_dir


def test_tiny_camembert_learns_with_the_settings_it_recommends(cli_tiny, learning_corpus, tmp_path):
    tiny_camembert = cli_tiny
    # No learning rate, epochs nor batch size: the checkpoint's fine_tuning_config.json gives them.
    arguments = FineTuningArguments(
        model=str(tiny_camembert),
        output_dir=str(tmp_path / "model"),
        train_file=str(learning_corpus["train"]),
        validation_file=str(learning_corpus["validation"]),
    )
    results = finetune(arguments)
    recommended = f"recommended by {tiny_camembert / FINE_TUNING_CONFIG_NAME}"
    assert results["settings_sources"] == dict.fromkeys(("learning_rate", "epochs", "batch_size"), recommended)
    used = {name: results["arguments"][name] for name in TINY_CAMEMBERT_FINE_TUNING}
    assert used == TINY_CAMEMBERT_FINE_TUNING
    # Before the fix, the loss stayed at ln 21 and macro-F1 at 0.4 %: every line got one account.
    losses = [entry["loss"] for entry in results["log_history"] if "loss" in entry]
    assert losses[-1] < 0.5 * losses[0]
    assert results["validation"]["eval_macro_f1"] >= 0.5

    model, tokenizer = load_for_inference(tmp_path / "model")
    rows = read_invoice_csv(learning_corpus["validation"])
    predicted = [top[0][0] for top in predict(model, tokenizer, [row["text"] for row in rows])]
    scores = classification_scores([row["label"] for row in rows], predicted, load_account_labels())
    assert scores["macro_f1"] == pytest.approx(results["validation"]["eval_macro_f1"], abs=1e-6)
    assert len(set(predicted)) >= 15  # not one account for every line


def test_user_values_beat_the_recommendation_and_defaults_fill_the_rest(tiny_camembert, tmp_path):
    resolved, sources = resolve_fine_tuning_settings(FineTuningArguments(model=str(tiny_camembert), epochs=1))
    assert (resolved.learning_rate, resolved.epochs, resolved.batch_size) == (
        TINY_CAMEMBERT_FINE_TUNING["learning_rate"], 1, TINY_CAMEMBERT_FINE_TUNING["batch_size"]
    )
    assert sources["epochs"] == "given" and sources["learning_rate"].startswith("recommended by")

    bare = tmp_path / "bare"
    shutil.copytree(tiny_camembert, bare)
    (bare / FINE_TUNING_CONFIG_NAME).unlink()
    resolved, sources = resolve_fine_tuning_settings(FineTuningArguments(model=str(bare)))
    assert (resolved.learning_rate, resolved.epochs, resolved.batch_size) == (5e-5, 3.0, 16)
    assert sources == {"learning_rate": "default of the camembert recipe", "epochs": "default", "batch_size": "default"}


def test_train_says_which_settings_it_uses_and_why(tiny_camembert, learning_corpus, tmp_path, capsys):
    argv = [
        "train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "model"),
        "--train-file", str(learning_corpus["train"]), "--max-steps", "2", "--learning-rate", "1e-3",
    ]  # fmt: skip
    assert main(argv) == 0
    err = capsys.readouterr().err
    recommended = f"recommended by {tiny_camembert / FINE_TUNING_CONFIG_NAME}"
    assert "Settings: learning rate 0.001 (given), 2 steps (given), " in err
    assert f"batch size {TINY_CAMEMBERT_FINE_TUNING['batch_size']} ({recommended})" in err
    saved = json.loads((tmp_path / "model" / "results.json").read_text())
    assert saved["arguments"]["learning_rate"] == 1e-3
    assert saved["arguments"]["batch_size"] == TINY_CAMEMBERT_FINE_TUNING["batch_size"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "cannot be read as JSON"),
        ('{"learning_rate": -1}', "learning_rate is -1, expected a number above 0"),
        ('{"batch_size": 2.5}', "batch_size is 2.5, expected a whole number above 0"),
        ('["learning_rate"]', "does not hold a JSON object"),
    ],
)
def test_a_broken_recommendation_is_a_user_error(tiny_camembert, tmp_path, capsys, content, expected):
    model = tmp_path / "model"
    shutil.copytree(tiny_camembert, model)
    (model / FINE_TUNING_CONFIG_NAME).write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--model", str(model), "--output-dir", str(tmp_path / "out"), "--max-steps", "1"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and expected in err and FINE_TUNING_CONFIG_NAME in err
    assert not (tmp_path / "out").exists()


def test_tiny_command_pretrains_and_stores_its_settings(cli_tiny, tmp_path):
    assert load_fine_tuning_config(cli_tiny) == TINY_CAMEMBERT_FINE_TUNING
    # Same seed and initialisation without pre-training: the pre-trained weights differ from it.
    random_dir = build_tiny_camembert(tmp_path / "random")
    pretrained, random = load_file(cli_tiny / "model.safetensors"), load_file(random_dir / "model.safetensors")
    assert pretrained.keys() == random.keys()
    name = "roberta.embeddings.word_embeddings.weight"
    assert not torch.equal(pretrained[name], random[name])


# --- Class weights -----------------------------------------------------------------------------


def test_balanced_class_weights_make_every_account_count_the_same():
    labels = [0] * 8 + [1] * 2 + [2] * 2
    weights = balanced_class_weights(labels, num_labels=4)
    assert weights.tolist()[3] == 1.0  # absent from the labels
    totals = {label: float(weights[label]) * labels.count(label) for label in (0, 1, 2)}
    assert totals[0] == pytest.approx(totals[1]) == pytest.approx(totals[2])


def test_weighted_loss_is_the_weighted_cross_entropy(tiny_camembert, tmp_path):
    from compta_finetune.recipes.camembert import load_model_and_tokenizer
    from transformers import TrainingArguments

    id2label = dict(enumerate(ACCOUNTS))
    model, tokenizer = load_model_and_tokenizer(str(tiny_camembert), id2label, {c: i for i, c in id2label.items()})
    model.eval()
    weights = torch.linspace(0.5, 3.0, len(ACCOUNTS))
    args = TrainingArguments(output_dir=str(tmp_path), report_to="none", use_cpu=True)
    weighted = InvoiceTrainer(model=model, args=args, class_weights=weights)
    plain = InvoiceTrainer(model=model, args=args)
    inputs = dict(tokenizer(["Ramettes papier A4", "Loyer bureaux mars", "Billet TGV Paris Lyon"], padding=True, return_tensors="pt"))
    inputs["labels"] = torch.tensor([ACCOUNTS.index("6064"), ACCOUNTS.index("6132"), ACCOUNTS.index("6251")])
    with torch.no_grad():
        logits = model(**{k: v for k, v in inputs.items() if k != "labels"}).logits
        expected = torch.nn.functional.cross_entropy(logits, inputs["labels"], weight=weights)
        assert weighted.compute_loss(model, inputs).item() == pytest.approx(expected.item(), rel=1e-5)
        unweighted = torch.nn.functional.cross_entropy(logits, inputs["labels"])
        assert plain.compute_loss(model, inputs).item() == pytest.approx(unweighted.item(), rel=1e-5)
    assert "labels" in inputs  # the caller's batch is left as it was


def test_train_with_class_weights_on_the_skewed_corpus(tiny_camembert, tmp_path, capsys):
    argv = [
        "train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "model"),
        "--corpus", "skewed", "--class-weights", "balanced", "--max-steps", "3",
    ]  # fmt: skip
    assert main(argv) == 0
    results = json.loads((tmp_path / "model" / "results.json").read_text())
    assert results["arguments"]["class_weights"] == "balanced" and results["arguments"]["corpus"] == "skewed"
    skewed_train = read_invoice_csv(shipped_data_files("skewed")["train"])
    assert results["train_lines"] == len(skewed_train)
    assert "test" in results  # the shipped corpus has a test split


def test_corpus_and_train_file_together_are_refused(tiny_camembert, learning_corpus, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([
            "train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "out"),
            "--train-file", str(learning_corpus["train"]), "--corpus", "skewed", "--max-steps", "1",
        ])  # fmt: skip
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--corpus" in err and "--train-file" in err and "Traceback" not in err
