"""Paths that the mutation run (`make mutation`) found untested: each test here fails on a bug of that shape.

Output checks against the inputs, reading options given on the command line, the FEC without a
supplier column, forced encodings, truncation and the progress bar of predictions, LoRA adapters
against a base model changed in each of its shapes, and small helpers' edge values.
"""

import argparse
import csv
import io
import json
import os
import re
import shutil
import types

import pytest
import torch

from compta_finetune import cli
from compta_finetune.data import ReadOptions
from compta_finetune.errors import ModelError, OutputError, UserError
from compta_finetune.inference import load_for_inference, model_temperature, predict_logits
from compta_finetune.outputs import _is_checkpoint_folder, has_complete_checkpoint
from compta_finetune.readers import fec_lines, parse_table, unique_column, write_table

# --- cli: the output file against the inputs ---------------------------------------------------


def test_an_output_that_is_an_input_is_refused_even_after_a_missing_input(tmp_path):
    source = tmp_path / "lines.csv"
    source.write_text("text\nLoyer\n", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        cli._check_output_file(str(source), inputs=("-", str(tmp_path / "absent.csv"), str(source)))
    assert caught.value.problem == f"--output {source} is the input file {source}: writing it would destroy the input."
    assert caught.value.fix == "write the output to another file."
    assert source.read_text(encoding="utf-8") == "text\nLoyer\n"


def test_an_output_that_is_a_hard_link_to_the_input_is_refused(tmp_path):
    source = tmp_path / "lines.csv"
    source.write_text("text\nLoyer\n", encoding="utf-8")
    link = tmp_path / "other-name.csv"
    os.link(source, link)  # another path, the same file: writing one would empty the other
    with pytest.raises(OutputError, match=r"is the input file"):
        cli._check_output_file(str(link), inputs=(str(source),))


def test_missing_inputs_and_new_outputs_pass_the_check(tmp_path):
    cli._check_output_file(str(tmp_path / "out.csv"), inputs=(str(tmp_path / "absent.csv"),), overwrite=False)
    existing = tmp_path / "out.csv"
    existing.write_text("x", encoding="utf-8")
    cli._check_output_file(str(existing), inputs=(str(tmp_path / "absent.csv"),), overwrite=True)
    with pytest.raises(OutputError) as caught:
        cli._check_output_file(str(existing), overwrite=False)
    assert caught.value.fix == "pass --overwrite to replace it, or choose another --output."


# --- cli: reading options ---------------------------------------------------------------------


def test_reading_options_given_on_the_command_line_are_all_passed_on():
    arguments = argparse.Namespace(text_column="Libellé", label_column="Compte", supplier_column="Fournisseur", encoding="cp1252")
    assert cli._read_overrides(arguments) == {
        "text_column": "Libellé", "label_column": "Compte", "supplier_column": "Fournisseur", "encoding": "cp1252",
    }  # fmt: skip
    assert cli._read_overrides(argparse.Namespace()) == dict.fromkeys(
        ("text_column", "label_column", "supplier_column", "encoding")
    )


def test_read_options_survive_their_json_round_trip():
    options = ReadOptions(
        text_column="Libellé", supplier_column="Fournisseur", encoding="cp1252", account_digits=4, fec_classes=("2", "6")
    )
    assert ReadOptions.from_dict(json.loads(json.dumps(options.to_dict()))) == options


def test_a_forced_encoding_is_the_one_used(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("text\nCafé\n", encoding="utf-8")
    assert cli.read_texts(str(path)) == ["Café"]
    # Forced: read as Latin-1, as asked (the two bytes of « é » become two characters).
    assert cli.read_texts(str(path), ReadOptions(encoding="latin-1")) == ["CafÃ©"]


FEC_HEADER = ["JournalCode", "EcritureNum", "CompteNum", "CompAuxNum", "CompAuxLib", "EcritureLib", "PieceRef", "Debit", "Credit"]


def fec_table(rows, header=FEC_HEADER):
    text = "\n".join("\t".join(row) for row in [header, *rows]) + "\n"
    return parse_table(text.encode("utf-8"), "FEC.txt")


def test_an_fec_is_read_with_the_columns_the_user_named():
    table = fec_table([["AC", "1", "60610000", "F01", "Bureau Plus", "Ramettes papier", "P-17", "12,50", "0"]])
    from compta_finetune.data import with_supplier

    assert cli._prediction_texts(table, None) == ([with_supplier("Ramettes papier", "Bureau Plus")], "EcritureLib")
    texts, column = cli._prediction_texts(table, ReadOptions(text_column="PieceRef", use_supplier=False))
    assert (texts, column) == (["P-17"], "PieceRef")
    with_supplier, _ = cli._prediction_texts(table, ReadOptions(supplier_column="CompAuxNum"))
    plain, _ = cli._prediction_texts(table, ReadOptions(use_supplier=False))
    assert "F01" in with_supplier[0] and "Bureau Plus" not in with_supplier[0] and plain == ["Ramettes papier"]


def test_an_fec_without_supplier_columns_gives_lines_without_supplier():
    header = [name for name in FEC_HEADER if name not in ("CompAuxNum", "CompAuxLib")]
    selection = fec_lines(fec_table([["AC", "1", "60610000", "Ramettes papier", "P-17", "12,50", "0"]], header))
    assert selection.rows == [{"text": "Ramettes papier", "label": "60610000", "supplier": "", "line": "2"}]


def test_standard_input_is_csv_when_its_first_line_names_the_text_column():
    assert cli._names_text_column("\ufefftext;Fournisseur\r\nLoyer;SCI\r\n".encode("utf-8"), "text")
    assert cli._names_text_column(b"Xtext,labelX\nLoyer,SCI\n", "Xtext")  # names are kept whole
    assert cli._names_text_column(b"JournalCode\tEcritureLib\nAC\tLoyer\n", "text")  # an FEC
    assert not cli._names_text_column(b"Loyer bureaux mars\nToner\n", "text")
    assert not cli._names_text_column(b"", "text")


# --- readers: small helpers -------------------------------------------------------------------


def test_new_column_names_are_numbered_from_two():
    assert unique_column("score", ["score", "score_new"]) == "score_new2"
    assert unique_column("score", ["score", "score_new", "score_new2"]) == "score_new3"


def test_tables_are_written_as_plain_csv_by_default():
    handle = io.StringIO()
    write_table(handle, ["text", "account"], [["Loyer", "6132"], ["=1+1", "606"]])
    assert handle.getvalue() == "text,account\nLoyer,6132\n'=1+1,606\n"
    assert list(csv.reader(io.StringIO(handle.getvalue()))) == [["text", "account"], ["Loyer", "6132"], ["'=1+1", "606"]]


# --- outputs: checkpoint folders --------------------------------------------------------------


def test_a_folder_holding_anything_but_checkpoints_is_not_ours(tmp_path):
    (tmp_path / "mine" / "checkpoint-5").mkdir(parents=True)
    assert _is_checkpoint_folder(tmp_path / "mine")
    (tmp_path / "mine" / "notes").mkdir()
    assert not _is_checkpoint_folder(tmp_path / "mine")
    assert not _is_checkpoint_folder(tmp_path / "absent")


def test_a_complete_checkpoint_is_found_among_damaged_ones(tmp_path, monkeypatch):
    import pathlib

    for step in range(1, 10):
        (tmp_path / f"checkpoint-{step}").mkdir()
        (tmp_path / f"checkpoint-{step}" / "trainer_state.json").write_text("{", encoding="utf-8")
    assert not has_complete_checkpoint(tmp_path)
    (tmp_path / "checkpoint-10").mkdir()
    (tmp_path / "checkpoint-10" / "trainer_state.json").write_text('{"global_step": 10}', encoding="utf-8")
    # The damaged ones listed first, whatever the file system's order.
    glob = pathlib.Path.glob
    monkeypatch.setattr(pathlib.Path, "glob", lambda self, pattern: sorted(glob(self, pattern), key=lambda p: "-10" in str(p)))
    assert has_complete_checkpoint(tmp_path)


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("problem, fix", [("the problem.", None), ("the problem.", ""), (None, "the fix.")])
def test_a_user_error_without_its_problem_or_its_fix_is_a_bug(problem, fix):
    with pytest.raises(TypeError, match=r"a UserError needs a problem and a fix"):
        UserError(problem, fix)


# --- inference --------------------------------------------------------------------------------


def test_a_model_without_saved_settings_has_temperature_one():
    assert model_temperature(types.SimpleNamespace(config=types.SimpleNamespace())) == 1.0


def test_predictions_truncate_at_max_length_and_show_progress_only_when_asked(fine_tuned_camembert, capsys):
    model, tokenizer = load_for_inference(fine_tuned_camembert)
    text = "Abonnement fibre optique professionnelle, facture de mars, douze mois d'engagement et installation"
    ids = tokenizer(text, truncation=True, max_length=8)["input_ids"]
    assert len(tokenizer(text)["input_ids"]) > 8  # the line is longer than what is kept
    with torch.no_grad():
        expected = model(input_ids=torch.tensor([ids])).logits.float()
    capsys.readouterr()
    assert torch.allclose(predict_logits(model, tokenizer, [text], max_length=8), expected, atol=1e-5)
    assert capsys.readouterr().err == ""
    predict_logits(model, tokenizer, [text, "Loyer"], batch_size=1, progress=True)
    progress = capsys.readouterr().err
    assert re.search(r"(^|\r)Predicting: 100%.* 2/2 \[.*[\d.]+(batch/s|s/batch)\]", progress), progress


def test_classify_passes_its_batch_size_on(fine_tuned_camembert, monkeypatch):
    from compta_finetune import inference

    model, tokenizer = load_for_inference(fine_tuned_camembert)
    seen = []
    original = inference.predict_logits

    def spy(*args, **kwargs):
        seen.append(kwargs.get("batch_size"))
        return original(*args, **kwargs)

    monkeypatch.setattr(inference, "predict_logits", spy)
    inference.classify(model, tokenizer, ["Loyer", "Toner"], batch_size=1)
    assert seen == [1]


@pytest.fixture(scope="module")
def lora_folder(tiny_phi, tmp_path_factory):
    """A saved LoRA folder on the tiny Phi (the adapters as initialised: only the shapes matter here)."""
    from transformers import Trainer, TrainingArguments

    from compta_finetune.data import load_account_labels
    from compta_finetune.recipes.phi2 import load_model_and_tokenizer
    from compta_finetune.training import save_atomically

    id2label = dict(enumerate(load_account_labels()))
    torch.manual_seed(0)
    model, tokenizer = load_model_and_tokenizer(str(tiny_phi), id2label, {c: i for i, c in id2label.items()})
    args = TrainingArguments(output_dir=str(tmp_path_factory.mktemp("args")), report_to="none", use_cpu=True)
    return save_atomically(Trainer(model=model, args=args, processing_class=tokenizer), tmp_path_factory.mktemp("lora") / "model")


def adapters_on(lora_folder, base, tmp_path):
    """A copy of the adapters pointed at ``base``, without the record of the base they were trained on."""
    adapters = shutil.copytree(lora_folder, tmp_path / "adapters")
    (adapters / "base_model.json").unlink(missing_ok=True)  # adapters from before the record: only shapes are left
    config = json.loads((adapters / "adapter_config.json").read_text(encoding="utf-8"))
    config["base_model_name_or_path"] = str(base)
    (adapters / "adapter_config.json").write_text(json.dumps(config), encoding="utf-8")
    return adapters


@pytest.mark.parametrize("keys", [("vocab_size",), ("hidden_size",), ("num_hidden_layers",), ("intermediate_size",),
                                  ("vocab_size", "num_hidden_layers")])  # fmt: skip
def test_each_shape_of_a_changed_base_model_is_named(lora_folder, tiny_phi, tmp_path, keys):
    base = shutil.copytree(tiny_phi, tmp_path / "base")
    config = json.loads((base / "config.json").read_text(encoding="utf-8"))
    trained = {key: config[key] for key in keys}
    config.update({key: value + 1 for key, value in trained.items()})
    (base / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError) as caught:
        load_for_inference(adapters_on(lora_folder, base, tmp_path))
    differences = "; ".join(f"{key} {trained[key]} in the adapters, {trained[key] + 1} in the base model" for key in keys)
    assert caught.value.problem.endswith(f"do not fit their base model {base} ({differences}).")
    assert caught.value.fix == "restore the base model the adapters were trained on, or train the adapters again."


def test_a_base_model_folder_needs_no_tokenizer_of_its_own(lora_folder, tiny_phi, tmp_path):
    base = shutil.copytree(tiny_phi, tmp_path / "base")
    for name in ("tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt", "special_tokens_map.json"):
        (base / name).unlink(missing_ok=True)
    model, tokenizer = load_for_inference(adapters_on(lora_folder, base, tmp_path))  # the adapters' tokenizer is used
    assert predict_logits(model, tokenizer, ["Loyer"]).shape == (1, model.config.num_labels)


def test_an_unreadable_base_model_is_named_with_the_librarys_reason(lora_folder, tmp_path):
    with pytest.raises(ModelError) as caught:
        load_for_inference(adapters_on(lora_folder, "microsoft/phi-2", tmp_path))  # offline: not fetched
    assert caught.value.problem.startswith(f"{tmp_path / 'adapters'}: the saved model cannot be loaded (")
    assert "(None)" not in caught.value.problem and "()" not in caught.value.problem
    assert caught.value.fix.startswith("pass the --output-dir of a finished `compta-finetune train` run; with LoRA adapters")


def test_weights_saved_as_pickles_are_not_loaded(fine_tuned_camembert, lora_folder, tiny_phi, tmp_path):
    """Only safetensors are read: a pytorch_model.bin (a pickle, which can run code) is refused."""
    from safetensors.torch import load_file

    model_dir = shutil.copytree(fine_tuned_camembert, tmp_path / "model")
    torch.save(load_file(model_dir / "model.safetensors"), model_dir / "pytorch_model.bin")
    (model_dir / "model.safetensors").unlink()
    with pytest.raises(ModelError, match=r"the saved model cannot be loaded"):
        load_for_inference(model_dir)
    base = shutil.copytree(tiny_phi, tmp_path / "base")
    torch.save(load_file(base / "model.safetensors"), base / "pytorch_model.bin")
    (base / "model.safetensors").unlink()
    with pytest.raises(ModelError, match=r"the saved model cannot be loaded"):
        load_for_inference(adapters_on(lora_folder, base, tmp_path))


@pytest.mark.parametrize("message, detail", [
    ("Error(s) in loading state_dict:\n\tsize mismatch for lora_A: copying a param", "size mismatch for lora_A: copying a param"),
    ("size mismatch " + "x" * 400, ("size mismatch " + "x" * 400)[:300]),
    ("the adapters are odd\nsecond line", "the adapters are odd"),
    ("", ""),
])  # fmt: skip
def test_the_reason_adapters_do_not_load_is_their_first_telling_line(lora_folder, monkeypatch, message, detail):
    import peft

    def refuse(*args, **kwargs):
        raise RuntimeError(message)

    monkeypatch.setattr(peft.PeftModel, "from_pretrained", refuse)
    with pytest.raises(ModelError) as caught:
        load_for_inference(lora_folder)
    base = json.loads((lora_folder / "adapter_config.json").read_text(encoding="utf-8"))["base_model_name_or_path"]
    assert caught.value.problem.endswith(f"do not fit their base model {base} ({detail}).")


def _three_token_tokenizer(model_dir) -> None:
    """Replace the folder's tokenizer by one of the right kind (CamemBERT's: unigram) that knows three tokens."""
    from tokenizers import Tokenizer, models

    Tokenizer(models.Unigram([("<unk>", 0.0), ("<pad>", 0.0), ("\u2581loyer", -1.0)], unk_id=0)).save(str(model_dir / "tokenizer.json"))


def test_a_model_folder_with_a_tokenizer_of_a_handful_of_tokens_is_named(fine_tuned_camembert, tmp_path):
    model_dir = shutil.copytree(fine_tuned_camembert, tmp_path / "model")
    _three_token_tokenizer(model_dir)
    with pytest.raises(ModelError) as caught:
        load_for_inference(model_dir)
    assert caught.value.problem.startswith(f"the tokenizer of {model_dir} has ")


def test_a_max_length_beyond_the_model_is_lowered_to_what_it_reads(fine_tuned_camembert):
    model, tokenizer = load_for_inference(fine_tuned_camembert)
    text = "Frais de déplacement : billet de train Paris-Lyon aller-retour, mission client " * 20
    limit = model.config.max_position_embeddings - 2  # RoBERTa-style positions start after the padding index
    with pytest.warns(UserWarning, match=rf"--max-length 100000 is more than the model reads \({limit} tokens\)"):
        logits = predict_logits(model, tokenizer, [text], max_length=100_000)
    assert torch.allclose(logits, predict_logits(model, tokenizer, [text], max_length=limit))


def test_accuracy_by_account_level_and_auto_lines_of_known_predictions(fine_tuned_camembert, tmp_path, monkeypatch):
    """`evaluate_model` on predictions chosen here: each level of the accounts is scored on its own."""
    from compta_finetune import evaluation
    from compta_finetune.evaluation import evaluate_model, model_labels

    lines = [("Fournitures", "6061", "6063"), ("Petit matériel", "6063", "6063"), ("Crédit-bail", "6132", "6135"),
             ("Téléphone", "626", "627")]  # (text, true account, predicted account): right at 3 digits but for 626
    path = tmp_path / "lines.csv"
    path.write_text("text,label\n" + "".join(f"{text},{true}\n" for text, true, _ in lines), encoding="utf-8")
    known = model_labels(load_for_inference(fine_tuned_camembert)[0])
    logits = torch.full((len(lines), len(known)), -100.0)
    for row, (_, _, predicted) in enumerate(lines):
        logits[row, known.index(predicted)] = 100.0  # sure of it, even after calibration: every line is posted automatically
    monkeypatch.setattr(evaluation, "predict_logits", lambda *args, **kwargs: logits.clone())
    report = evaluate_model(fine_tuned_camembert, path, threshold=0.9)
    assert report["accuracy"] == 0.25 and report["accuracy_3_digits"] == 0.75 and report["accuracy_2_digits"] == 1.0
    assert report["auto"] == {"threshold": 0.9, "coverage": 1.0, "accuracy": 0.25, "lines": 4}


@pytest.mark.parametrize("tokenizer_limit, expected", [(100_000, "model"), (16, "tokenizer")])
def test_the_limit_is_the_smaller_of_the_models_and_the_tokenizers(fine_tuned_camembert, tokenizer_limit, expected):
    """A tokenizer may claim more than its model reads (a wrong tokenizer_config), or less."""
    model, tokenizer = load_for_inference(fine_tuned_camembert)
    tokenizer.model_max_length = tokenizer_limit
    limit = model.config.max_position_embeddings - 2 if expected == "model" else tokenizer_limit
    text = "Frais de déplacement : billet de train Paris-Lyon aller-retour, mission client " * 20
    with pytest.warns(UserWarning, match=rf"is more than the model reads \({limit} tokens\)"):
        predict_logits(model, tokenizer, [text], max_length=100_000)


def test_a_nan_loss_in_the_logs_stops_training():
    from compta_finetune.errors import TrainingError
    from compta_finetune.guards import StopOnNonFinite

    args, state = types.SimpleNamespace(learning_rate=0.5), types.SimpleNamespace(global_step=7)
    StopOnNonFinite().on_log(args, state, None, logs={"loss": 0.3, "grad_norm": 1.0, "learning_rate": float("nan")})
    with pytest.raises(TrainingError, match=r"step 7: the loss is nan with the learning rate 0\.5"):
        StopOnNonFinite().on_log(args, state, None, logs={"loss": float("nan")})


def test_frozen_weights_are_not_checked_for_a_diverged_gradient():
    """LoRA freezes the base weights: their gradients, absent or stale, say nothing about this step."""
    from compta_finetune.guards import StopOnNonFinite

    model = torch.nn.Linear(2, 2)
    model.weight.grad = torch.ones(2, 2)
    model.bias.requires_grad_(False)
    model.bias.grad = torch.tensor([float("nan"), 0.0])
    args, state = types.SimpleNamespace(learning_rate=0.5), types.SimpleNamespace(global_step=0)
    StopOnNonFinite().on_pre_optimizer_step(args, state, None, model=model)
    model.bias.grad = None
    StopOnNonFinite().on_pre_optimizer_step(args, state, None, model=model)


def test_account_digits_at_the_least_and_the_message_below():
    from compta_finetune.accounts import MIN_DIGITS, check_account_digits

    for digits in (None, 0, MIN_DIGITS, 8):
        check_account_digits(digits)
    with pytest.raises(ValueError, match=rf"--account-digits must be 0 \(keep codes\) or at least {MIN_DIGITS}, got 2"):
        check_account_digits(MIN_DIGITS - 1)


def test_a_code_known_only_by_its_class_gets_the_class_libelle():
    from compta_finetune.accounts import libelle, reference_account

    assert reference_account("19").code == "1" and libelle("19") == libelle("1") != ""
    assert reference_account("999") is None and libelle("999") == ""


def test_a_legacy_model_with_the_two_results_keys_it_always_had_is_ours(tmp_path):
    """Version 0.1 wrote results.json with at least ``recipe`` and ``arguments``: exactly those is enough."""
    from compta_finetune.outputs import written_by_us

    (tmp_path / "results.json").write_text(json.dumps({"recipe": "camembert", "arguments": {}}), encoding="utf-8")
    (tmp_path / "training_args.json").write_text("{}", encoding="utf-8")
    assert written_by_us(tmp_path)
    (tmp_path / "results.json").write_text(json.dumps({"recipe": "camembert"}), encoding="utf-8")
    assert not written_by_us(tmp_path)


@pytest.mark.parametrize("key, value", [("layer_norm_eps", "x"), ("id2label", "x"), ("num_labels", "2")])
def test_a_model_folder_whose_config_has_a_value_of_the_wrong_type_is_named(fine_tuned_camembert, tmp_path, capsys, key, value):
    """transformers raises StrictDataclassError, AttributeError or TypeError there, not OSError."""
    model = shutil.copytree(fine_tuned_camembert, tmp_path / "model")
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    (model / "config.json").write_text(json.dumps({**config, key: value}), encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        load_for_inference(model)
    problem = raised.value.problem
    assert problem.startswith(f"{model}: the saved model cannot be loaded (") and "None" not in problem
    assert "\n" not in problem and len(problem) > len(f"{model}: the saved model cannot be loaded ().")
    assert raised.value.fix == "pass the --output-dir of a finished `compta-finetune train` run, or train the model again."
    # Given to train as its starting model, it is refused the same way: a message, exit code 2.
    with pytest.raises(SystemExit) as exited:
        cli.main(["train", "--model", str(model), "--output-dir", str(tmp_path / "out"), "--max-steps", "1"])
    err = capsys.readouterr().err
    assert exited.value.code == 2 and f"cannot load the model '{model}'" in err and "Traceback" not in err


def test_code_shipped_in_a_model_folder_never_runs(tiny_camembert, tmp_path):
    """A folder whose config and tokenizer name their own classes (``auto_map``) in a Python file of
    the folder: the recipe loads transformers' own CamemBERT classes and never imports that file."""
    from compta_finetune.recipes import camembert

    model = shutil.copytree(tiny_camembert, tmp_path / "model")
    ran = tmp_path / "the folder's code ran"
    (model / "shipped.py").write_text(
        f"import pathlib\npathlib.Path({str(ran)!r}).touch()\n"
        "from transformers import CamembertConfig as Config, CamembertForSequenceClassification as Model\n"
        "from transformers import PreTrainedTokenizerFast as Tokenizer\n",
        encoding="utf-8",
    )
    for name, auto_map in [("config.json", {"AutoConfig": "shipped.Config", "AutoModelForSequenceClassification": "shipped.Model"}),
                           ("tokenizer_config.json", {"AutoTokenizer": ["shipped.Tokenizer", None]})]:  # fmt: skip
        settings = json.loads((model / name).read_text(encoding="utf-8"))
        (model / name).write_text(json.dumps({**settings, "auto_map": auto_map}), encoding="utf-8")
    loaded, tokenizer = camembert.load_model_and_tokenizer(str(model), {0: "606", 1: "626"}, {"606": 0, "626": 1})
    assert not ran.exists()
    assert type(loaded).__module__.startswith("transformers.") and type(tokenizer).__module__.startswith("transformers.")


@pytest.mark.parametrize(
    "given, output, refused",
    [
        ("org/name", "org/name", False),  # a hub id: nothing local to destroy
        ("model", "model", True),  # a bare name is a local folder, present or not
        ("./m", "m", True),
        ("/compta-finetune-nowhere", "/compta-finetune-nowhere/out", True),
        ("~/m", "~/m/out", True),
        ("data\\x/m", "data\\x/m", True),  # a Windows-style path
    ],
)
def test_an_input_is_local_unless_it_reads_as_a_hub_id(tmp_path, monkeypatch, given, output, refused):
    from compta_finetune.outputs import check_apart_from_inputs

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    if refused:
        with pytest.raises(OutputError, match=r"writing the output would destroy the input"):
            check_apart_from_inputs(output, {"--model": given})
    else:
        check_apart_from_inputs(output, {"--model": given})


def test_checkpoints_of_ours_are_replaced_on_overwrite_in_a_new_parent_and_a_link_is_not_ours(tmp_path):
    from compta_finetune.outputs import prepare_checkpoint_dir, read_marker

    run = {"arguments": {"learning_rate": 0.001}, "data": {}}
    checkpoints = tmp_path / "new" / "parent" / "model.checkpoints"
    prepare_checkpoint_dir(checkpoints, resume=False, overwrite=False, run=run)
    assert read_marker(checkpoints)["kind"] == "checkpoints"
    (checkpoints / "checkpoint-2").mkdir()
    (checkpoints / "checkpoint-2" / "trainer_state.json").write_text("{}", encoding="utf-8")
    prepare_checkpoint_dir(checkpoints, resume=False, overwrite=True, run={**run, "data": {"train": "abc"}})
    assert not (checkpoints / "checkpoint-2").exists() and read_marker(checkpoints)["run"]["data"] == {"train": "abc"}
    (checkpoints / "checkpoint-3").mkdir()
    (checkpoints / "checkpoint-3" / "trainer_state.json").write_text("{}", encoding="utf-8")
    link = tmp_path / "link.checkpoints"
    link.symlink_to(checkpoints)
    with pytest.raises(OutputError, match="was not written by compta-finetune"):
        prepare_checkpoint_dir(link, resume=False, overwrite=True, run=run)
    assert (checkpoints / "checkpoint-3" / "trainer_state.json").is_file()


def test_a_saved_folder_holds_the_config_the_arguments_in_json_the_results_and_our_marker(lora_folder, fine_tuned_camembert):
    """What save_atomically writes, file by file: LoRA adapters get the base model's config (its own class
    named, not PEFT's wrapper); the Trainer's pickled arguments are replaced by JSON; results.json is indented."""
    from compta_finetune.outputs import read_marker

    config = json.loads((lora_folder / "config.json").read_text(encoding="utf-8"))
    assert config["architectures"] == ["PhiForSequenceClassification"] and config["id2label"]["0"]
    for folder in (lora_folder, fine_tuned_camembert):
        assert read_marker(folder)["kind"] == "model"
        assert not (folder / "training_args.bin").exists()
        assert "learning_rate" in json.loads((folder / "training_args.json").read_text(encoding="utf-8"))
    text = (fine_tuned_camembert / "results.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False)


def test_a_tokenizer_of_the_least_size_is_accepted_and_train_names_a_smaller_one(tiny_camembert, tmp_path, capsys):
    from compta_finetune.guards import MIN_VOCABULARY, check_tokenizer

    check_tokenizer([None] * MIN_VOCABULARY, "model")
    with pytest.raises(ModelError, match=rf"the tokenizer of model has {MIN_VOCABULARY - 1} tokens only"):
        check_tokenizer([None] * (MIN_VOCABULARY - 1), "model")
    model_dir = shutil.copytree(tiny_camembert, tmp_path / "model")
    _three_token_tokenizer(model_dir)
    with pytest.raises(SystemExit) as exited:
        cli.main(["train", "--model", str(model_dir), "--output-dir", str(tmp_path / "out"), "--max-steps", "1"])
    err = capsys.readouterr().err  # 3 tokens, and the special tokens its config adds
    assert exited.value.code == 2 and re.search(rf"error: the tokenizer of {re.escape(str(model_dir))} has \d tokens only", err)


@pytest.mark.parametrize("content", [{"tool": "another-tool", "kind": "model"}, ["compta-finetune"], "compta-finetune"])
def test_a_marker_of_another_tool_or_not_an_object_is_not_ours(tmp_path, content):
    from compta_finetune.outputs import MARKER, read_marker, write_marker

    write_marker(tmp_path, "model")
    assert read_marker(tmp_path)["kind"] == "model"
    (tmp_path / MARKER).write_text(json.dumps(content), encoding="utf-8")
    assert read_marker(tmp_path) is None
