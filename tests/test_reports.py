"""What a training run tells its user and writes to results.json, checked in-process, word for word.

The end-to-end runs (test_cli, test_your_files) check that these reports appear; these tests
pin down their content: the summary line of each file, the account rule, the label order of a
model trained again, the calibration of the validation and test splits.
"""

from __future__ import annotations

import json
import types

import numpy as np
import pytest
from transformers.trainer_utils import PredictionOutput

from compta_finetune.calibration import calibration_report, fit_temperature
from compta_finetune.data import ReadOptions, load_training_data, read_invoice_csv, read_labelled_file
from compta_finetune.errors import DataError
from compta_finetune.samples import write_excel_csv, write_fec
from compta_finetune.training import FineTuningArguments, calibrate, data_report, load_data

EXCEL = ReadOptions(text_column="Libellé", label_column="Compte", supplier_column="Fournisseur")


@pytest.fixture(scope="module")
def rows(small_corpus):
    return read_invoice_csv(small_corpus["train"])[:40]


def test_each_file_is_summed_up_in_one_line(rows, small_corpus, tmp_path):
    fec = write_fec(rows, tmp_path / "FEC.txt", seed=1)
    excel = write_excel_csv(rows, tmp_path / "export.csv", seed=1)
    assert read_labelled_file(fec).describe() == (
        f"{fec}: FEC, tab-separated, Windows-1252, CRLF, 40 lines; supplier put before the text; "
        "40 account codes normalised. FEC: 190 lines; 40 debit lines of classes 2, 6 kept; lines left out: "
        "122 of class 4, 14 of class 5, 8 of class 7, 6 credit or zero amount in the kept classes."
    )
    assert read_labelled_file(excel, EXCEL).describe() == (
        f"{excel}: semicolon-separated, Windows-1252, CRLF, 40 lines; supplier put before the text; "
        "40 account codes normalised."
    )
    plain = read_labelled_file(small_corpus["test"])
    assert plain.describe() == f"{small_corpus['test']}: comma-separated, UTF-8, LF, {len(plain.rows)} lines."


def test_the_report_before_training_names_the_files_the_rule_and_the_label_set(rows, tmp_path):
    excel = write_excel_csv(rows, tmp_path / "export.csv", seed=1)
    data = load_training_data({"train": excel}, options=ReadOptions(**{**EXCEL.to_dict(), "account_digits": 4}))
    accounts = len(data.dataset["train"].features["label"].names)
    assert data.account_rule() == {"account_digits": 4, "rule": "truncated to 4 digits (6064100 -> 6064)", "codes_changed": 40}
    assert data.report_lines() == [
        data.files["train"].describe(),
        "Account codes: truncated to 4 digits (6064100 -> 6064); 40 codes changed.",
        f"Label set: {accounts} accounts present in the training data.",
    ]
    report = data_report(data)
    assert report == {
        "files": {"train": data.files["train"].describe()},
        "account_rule": data.account_rule(),
        "accounts": accounts,
        "supplier": True,
        "left_out": data.left_out,
    }
    json.dumps(report)  # results.json holds it as it is


def test_read_options_are_plain_json_values():
    options = ReadOptions(supplier_column="Fournisseur", encoding="cp1252", account_digits=4, fec_classes=("6",))
    assert options.to_dict() == {
        "text_column": "text", "label_column": "label", "supplier_column": "Fournisseur", "use_supplier": True,
        "encoding": "cp1252", "account_digits": 4, "fec_classes": ["6"],
    }  # fmt: skip


def test_the_training_options_become_the_reading_options(tmp_path):
    arguments = FineTuningArguments(
        output_dir=str(tmp_path / "model"), text_column="Libellé", label_column="Compte", supplier_column="Fournisseur",
        supplier=False, encoding="cp1252", account_digits=4, fec_classes=" 2, 6 ,",
    )  # fmt: skip
    assert arguments.read_options() == ReadOptions(
        text_column="Libellé", label_column="Compte", supplier_column="Fournisseur", use_supplier=False,
        encoding="cp1252", account_digits=4, fec_classes=("2", "6"),
    )  # fmt: skip


@pytest.mark.parametrize("classes", [" , ", "2,x"])
def test_fec_classes_that_are_not_account_classes_are_refused(classes, small_corpus, tmp_path):
    arguments = FineTuningArguments(output_dir=str(tmp_path / "model"), train_file=str(small_corpus["train"]), fec_classes=classes)
    with pytest.raises(DataError, match=r"--fec-classes .* is not a list of account classes") as raised:
        load_data(arguments, "unused")
    assert raised.value.fix == "pass e.g. --fec-classes 2,6."


def test_a_model_trained_again_on_the_same_accounts_keeps_its_label_order(rows, tmp_path, capsys):
    """Its classification head maps ids to accounts: the data must use the model's order, not the sorted one.

    The file is the user's (own column names, three accounts): read again with the same options.
    """
    train = tmp_path / "train.csv"
    three = [row for row in rows if row["label"] in sorted({row["label"] for row in rows})[:3]]
    train.write_text("Libellé,Compte\n" + "".join(f'"{row["text"]}",{row["label"]}\n' for row in three), encoding="utf-8")
    arguments = FineTuningArguments(
        output_dir=str(tmp_path / "model"), train_file=str(train), text_column="Libellé", label_column="Compte"
    )
    sorted_names = load_data(arguments, str(tmp_path / "no-model")).dataset["train"].features["label"].names
    model = tmp_path / "fine-tuned"
    model.mkdir()
    reverse = list(reversed(sorted_names))
    config = {"model_type": "camembert", "id2label": dict(enumerate(reverse)), "label2id": {n: i for i, n in enumerate(reverse)}}
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    data = load_data(arguments, str(model))
    assert data.dataset["train"].features["label"].names == reverse
    assert f"Label set: {len(reverse)} accounts present in the training data." in capsys.readouterr().err


class _Trainer:
    """The one method of a Trainer that :func:`calibrate` calls: predictions of a split, as it returns them."""

    def __init__(self, outputs):
        self.outputs = outputs

    def predict(self, dataset):
        return self.outputs[dataset]


def _output(seed, lines, accounts=4, as_tuple=False):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, accounts, lines)
    logits = rng.normal(size=(lines, accounts)) + 3.0 * np.eye(accounts)[labels]  # mostly right, over-confident
    logits[: lines // 3] *= 4.0
    predictions = (logits, np.zeros((lines, 2))) if as_tuple else logits
    return PredictionOutput(predictions=predictions, label_ids=labels, metrics={}), logits, labels


def test_calibration_is_fitted_on_validation_and_reported_on_validation_and_test():
    """Phi's Trainer returns (logits, past key values): the logits are the first element."""
    validation, val_logits, val_labels = _output(0, 60, as_tuple=True)
    test, test_logits, test_labels = _output(1, 40)
    trainer = _Trainer({"validation-set": validation, "test-set": test})
    calibration = calibrate(trainer, {"validation": "validation-set", "test": "test-set"}, threshold=0.7)
    temperature = fit_temperature(val_logits, val_labels)
    assert temperature != pytest.approx(1.0, abs=0.05)  # the fixture needs scaling, so both reports differ
    assert calibration == {
        "temperature": temperature,
        "fitted_on": "validation",
        "threshold": 0.7,
        "validation": {
            "raw": calibration_report(val_logits, val_labels, 1.0, 0.7),
            "calibrated": calibration_report(val_logits, val_labels, temperature, 0.7),
        },
        "test": {
            "raw": calibration_report(test_logits, test_labels, 1.0, 0.7),
            "calibrated": calibration_report(test_logits, test_labels, temperature, 0.7),
        },
    }


def test_without_validation_labels_the_temperature_stays_one():
    empty = PredictionOutput(predictions=np.zeros((0, 4)), label_ids=np.zeros(0, dtype=int), metrics={})
    test, _, _ = _output(1, 40, as_tuple=True)
    calibration = calibrate(_Trainer({"v": empty, "t": test}), {"validation": "v", "test": "t"})
    assert calibration["temperature"] == 1.0 and calibration["fitted_on"] == "validation"
    assert "validation" not in calibration and calibration["test"]["raw"] == calibration["test"]["calibrated"]


def test_the_settings_go_to_the_config_that_is_saved_under_lora(tiny_phi):
    """PeftModel.config is its base model's config: the one `save_pretrained` of the merged model writes."""
    from peft import LoraConfig, TaskType, get_peft_model
    from transformers import AutoModelForSequenceClassification

    from compta_finetune.inference import MODEL_SETTINGS
    from compta_finetune.training import _store_settings

    base = AutoModelForSequenceClassification.from_pretrained(tiny_phi, num_labels=2)
    model = get_peft_model(base, LoraConfig(task_type=TaskType.SEQ_CLS, r=2, target_modules=["q_proj"]))
    data = types.SimpleNamespace(account_rule=lambda: {"rule": "kept"}, options=ReadOptions(), supplier=False)
    _store_settings(types.SimpleNamespace(model=model), data, {"temperature": 1.5, "fitted_on": "validation", "threshold": 0.9, "x": 1})
    assert getattr(base.config, MODEL_SETTINGS) == {
        "calibration": {"temperature": 1.5, "fitted_on": "validation", "threshold": 0.9},
        "accounts": {"rule": "kept"},
        "read_options": ReadOptions().to_dict(),
        "supplier": False,
    }


def test_a_shipped_corpus_and_a_train_file_together_are_refused(small_corpus, tmp_path):
    arguments = FineTuningArguments(output_dir=str(tmp_path / "model"), train_file=str(small_corpus["train"]), corpus="skewed")
    with pytest.raises(DataError, match="--corpus chooses a shipped corpus, but --train-file gives your own") as raised:
        load_data(arguments, "unused")
    assert "drop --corpus" in raised.value.fix


def test_the_checkpoint_folder_must_lie_apart_from_the_inputs(small_corpus, tmp_path):
    """The output directory is apart from the training file, but its checkpoint folder holds it."""
    from compta_finetune.errors import OutputError
    from compta_finetune.training import check_outputs

    train = tmp_path / "model.checkpoints" / "train.csv"
    train.parent.mkdir()
    train.write_bytes(small_corpus["train"].read_bytes())
    with pytest.raises(OutputError) as raised:
        check_outputs(FineTuningArguments(output_dir=str(tmp_path / "model"), train_file=str(train)))
    assert raised.value.problem.startswith(f"the checkpoint folder {tmp_path / 'model.checkpoints'} contains --train-file")
    assert raised.value.fix == (
        "choose another --output-dir: its checkpoint folder, model.checkpoints beside it, must lie apart "
        "from the input files and the model you start from."
    )
    assert train.read_bytes() == small_corpus["train"].read_bytes() and sorted(p.name for p in tmp_path.iterdir()) == ["model.checkpoints"]


@pytest.mark.parametrize("overwrite", [False, True])
def test_earlier_checkpoints_are_replaced_only_with_overwrite(overwrite, small_corpus, tmp_path):
    """An interrupted run's checkpoints: refused without --resume or --overwrite, started over with --overwrite."""
    from compta_finetune.errors import OutputError
    from compta_finetune.training import check_outputs

    arguments = FineTuningArguments(output_dir=str(tmp_path / "model"), train_file=str(small_corpus["train"]))
    check_outputs(arguments)  # the first run's checkpoint folder
    checkpoint = tmp_path / "model.checkpoints" / "checkpoint-4"
    checkpoint.mkdir()
    (checkpoint / "trainer_state.json").write_text('{"global_step": 4}')
    (checkpoint / "model.safetensors").write_bytes(b"weights")

    again = FineTuningArguments(output_dir=arguments.output_dir, train_file=arguments.train_file, overwrite=overwrite)
    if overwrite:
        assert check_outputs(again) == (tmp_path / "model", tmp_path / "model.checkpoints")
        assert not checkpoint.exists() and (tmp_path / "model.checkpoints").is_dir()
    else:
        with pytest.raises(OutputError, match="holds checkpoints of an interrupted run") as raised:
            check_outputs(again)
        assert "--resume" in raised.value.fix and "--overwrite" in raised.value.fix
        assert (checkpoint / "model.safetensors").read_bytes() == b"weights"
