"""The small decisions of training.py, in-process: offline mode, process rank, options, model sources."""

import pytest

from compta_finetune.data import shipped_data_files
from compta_finetune.errors import DataError, ModelError
from compta_finetune.training import (
    FineTuningArguments,
    _data_files,
    _looks_like_path,
    _offline,
    _process_rank,
    check_model_source,
    describe_fine_tuning_settings,
    fine_tuned_labels,
    parse_fine_tuning_arguments,
    resolve_fine_tuning_settings,
    save_fine_tuning_config,
)


@pytest.mark.parametrize(
    ("value", "offline"),
    [(None, False), ("", False), ("0", False), ("false", False), ("No", False), ("OFF", False), ("FALSE", False),
     ("1", True), ("true", True), ("YES", True), ("on", True)],
)
def test_hf_hub_offline_is_read_as_the_hub_reads_it(monkeypatch, value, offline):
    if value is None:
        monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    else:
        monkeypatch.setenv("HF_HUB_OFFLINE", value)
    assert _offline() is offline


def test_the_process_rank_comes_from_torchrun(monkeypatch):
    monkeypatch.delenv("RANK", raising=False)
    assert _process_rank() == 0
    monkeypatch.setenv("RANK", "3")
    assert _process_rank() == 3


def test_options_parse_into_the_dataclass_in_both_spellings():
    arguments = parse_fine_tuning_arguments(
        ["--recipe", "phi2", "--no-lora", "--output_dir", "out", "--epochs", "2", "--save-steps", "5", "--resume"]
    )
    assert arguments == FineTuningArguments(recipe="phi2", lora=False, output_dir="out", epochs=2.0, save_steps=5, resume=True)
    assert parse_fine_tuning_arguments([]) == FineTuningArguments()


def test_checkpoints_live_beside_the_output_directory():
    assert str(FineTuningArguments(output_dir="runs/model").checkpoint_dir()).replace("\\", "/") == "runs/model.checkpoints"


# "/camembert" and "~/camembert" have one slash, as a hub id has: their first character tells.
@pytest.mark.parametrize("name", ["./model", "/opt/models/x", "~/models/x", "models\\x", "a/b/c", "/camembert", "~/camembert"])
def test_local_paths_are_told_from_hub_ids(name):
    assert _looks_like_path(name)


@pytest.mark.parametrize("name", ["almanach/camembert-base", "microsoft/phi-2", "camembert-base"])
def test_hub_ids_are_not_paths(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert not _looks_like_path(name)


def test_an_existing_relative_folder_is_a_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mymodel").mkdir()
    assert _looks_like_path("mymodel")


def test_a_local_model_source_must_exist_and_hold_a_config(tmp_path):
    with pytest.raises(ModelError, match="does not exist") as error:
        check_model_source(str(tmp_path / "absent"))
    assert "compta-finetune tiny" in error.value.fix
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match=r"is not a model directory \(no config.json\)"):
        check_model_source(str(tmp_path / "empty"))
    (tmp_path / "empty" / "config.json").write_text('{"model_type": "camembert"}', encoding="utf-8")
    with pytest.raises(ModelError, match="holds no tokenizer"):  # a config alone would read every word as unknown
        check_model_source(str(tmp_path / "empty"))
    check_model_source("almanach/camembert-base")  # a hub id: left to the loader


def test_fine_tuned_labels_of_pretrained_and_fine_tuned_models(tiny_camembert, tmp_path):
    assert fine_tuned_labels(str(tiny_camembert)) is None  # LABEL_0, LABEL_1: none of its own
    assert fine_tuned_labels(str(tmp_path / "absent")) is None
    fine_tuned = tmp_path / "fine-tuned"
    fine_tuned.mkdir()
    config = (tiny_camembert / "config.json").read_text(encoding="utf-8")
    import json

    data = json.loads(config)
    data["id2label"] = {"0": "626", "1": "6064", "2": "6251"}
    data["label2id"] = {"626": 0, "6064": 1, "6251": 2}
    (fine_tuned / "config.json").write_text(json.dumps(data), encoding="utf-8")
    assert fine_tuned_labels(str(fine_tuned)) == ["626", "6064", "6251"]


def test_data_files_from_the_options():
    assert _data_files(FineTuningArguments()) == {split: str(path) for split, path in shipped_data_files().items()}
    assert _data_files(FineTuningArguments(corpus="skewed")) == {
        split: str(path) for split, path in shipped_data_files("skewed").items()
    }
    assert _data_files(FineTuningArguments(train_file="t.csv")) == {"train": "t.csv"}
    assert _data_files(FineTuningArguments(train_file="t.csv", test_file="x.csv")) == {"train": "t.csv", "test": "x.csv"}
    assert _data_files(FineTuningArguments(train_file="t.csv", validation_file="v.csv")) == {
        "train": "t.csv",
        "validation": "v.csv",
    }
    for options in ({"validation_file": "v.csv"}, {"test_file": "x.csv"}):
        with pytest.raises(DataError) as error:
            _data_files(FineTuningArguments(**options))
        assert error.value.problem == "--validation-file/--test-file given without --train-file."
        assert error.value.fix == "give --train-file too, or none of them to use the shipped corpus."


def pickled_copy(source, directory):
    """``source``'s model with its weights in a pickle (pytorch_model.bin), as old checkpoints have them."""
    import shutil

    import torch
    from safetensors.torch import load_file

    directory.mkdir()
    for path in source.iterdir():
        if path.name != "model.safetensors":
            shutil.copy(path, directory / path.name)
    torch.save(load_file(source / "model.safetensors"), directory / "pytorch_model.bin")
    return directory


def test_pickled_weights_are_never_loaded(tiny_camembert, tiny_phi, tmp_path):
    """Unpickling runs code: a folder with only pytorch_model.bin is refused, for both recipes."""
    from compta_finetune.training import load_pretrained

    labels = {0: "626", 1: "6064"}
    for recipe, source in (("camembert", tiny_camembert), ("phi2", tiny_phi)):
        pickled = pickled_copy(source, tmp_path / recipe)
        with pytest.raises(ModelError, match="cannot load the model") as error:
            load_pretrained(recipe, str(pickled), labels, {v: k for k, v in labels.items()})
        assert "safetensors" in error.value.problem


@pytest.fixture
def fine_tuned_on(tiny_camembert, tmp_path):
    """A model folder (config and tokenizer: the check comes before any weight) fine-tuned on the given accounts."""
    import json
    import shutil

    def make(accounts):
        folder = tmp_path / "-".join(accounts)
        folder.mkdir()
        for name in ("tokenizer.json", "tokenizer_config.json"):
            shutil.copy(tiny_camembert / name, folder / name)
        data = json.loads((tiny_camembert / "config.json").read_text(encoding="utf-8"))
        data["id2label"] = {str(i): code for i, code in enumerate(accounts)}
        data["label2id"] = {code: i for i, code in enumerate(accounts)}
        (folder / "config.json").write_text(json.dumps(data), encoding="utf-8")
        return str(folder)

    return make


@pytest.mark.parametrize(
    ("model_accounts", "data_accounts", "detail"),
    [
        (["626", "6064"], ["626", "6064", "6251"], "the data has 1 account(s) it does not know (6251)"),
        (["626", "6064", "6251"], ["626", "6064"], "it knows 1 other(s) (6251)"),
        (["626", "6064"], ["626", "6132"], "the data has 1 account(s) it does not know (6132); it knows 1 other(s) (6064)"),
        (["626", "6064"], ["6064", "626"], "they are in another order"),
        ([str(n) for n in range(12)], [str(n) for n in range(100, 113)],
         "the data has 13 account(s) it does not know (100, 101, 102, 103, 104, 105, 106, 107, 108, 109); "
         "it knows 12 other(s) (0, 1, 2, 3, 4, 5, 6, 7, 8, 9)"),
    ],
)
def test_a_model_fine_tuned_on_other_accounts_is_refused_with_the_difference(fine_tuned_on, model_accounts, data_accounts, detail):
    from compta_finetune.training import load_pretrained

    folder = fine_tuned_on(model_accounts)
    id2label = dict(enumerate(data_accounts))
    with pytest.raises(ModelError) as error:
        load_pretrained("camembert", folder, id2label, {code: i for i, code in id2label.items()})
    assert error.value.problem == (
        f"{folder} is already fine-tuned on {len(model_accounts)} accounts that differ from the "
        f"data's {len(data_accounts)}: {detail}."
    )
    assert error.value.fix == (
        "start from a pre-trained model (the recipe's default, a local checkpoint, or "
        "`compta-finetune tiny`), not from a model fine-tuned on other accounts."
    )


def test_a_hub_model_while_offline_says_so(monkeypatch):
    from compta_finetune.training import load_pretrained

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelError) as error:
        load_pretrained("camembert", "almanach/camembert-base", {0: "626"}, {"626": 0})
    assert error.value.problem.startswith(
        "cannot load the model 'almanach/camembert-base' (HF_HUB_OFFLINE is set: nothing is downloaded): "
    )
    assert "\n" not in error.value.problem


def test_a_local_model_without_weights_is_a_model_error_that_names_no_hub(tiny_camembert, tmp_path, monkeypatch):
    import shutil

    from compta_finetune.training import load_pretrained

    folder = tmp_path / "no-weights"
    shutil.copytree(tiny_camembert, folder)
    (folder / "model.safetensors").unlink()
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")  # read by the message only: the hub library read it at import
    with pytest.raises(ModelError) as error:
        load_pretrained("camembert", str(folder), {0: "626"}, {"626": 0})
    assert error.value.problem.startswith(f"cannot load the model {str(folder)!r}: ")
    assert "HF_HUB_OFFLINE" not in error.value.problem


def test_the_recipe_options_reach_the_recipe(tiny_phi):
    from peft import PeftModel

    from compta_finetune.training import load_pretrained

    labels = {0: "626", 1: "6064"}
    full, _ = load_pretrained("phi2", str(tiny_phi), labels, {v: k for k, v in labels.items()}, lora=False)
    assert not isinstance(full, PeftModel)
    assert all(parameter.requires_grad for parameter in full.parameters())


def test_fine_tuning_config_is_written_as_indented_json_with_its_source(tmp_path):
    from compta_finetune.training import save_fine_tuning_config

    path = save_fine_tuning_config(tmp_path, learning_rate=2e-3, batch_size=8.0, source="compta-finetune tiny")
    assert path.read_text(encoding="utf-8") == (
        '{\n  "source": "compta-finetune tiny",\n  "learning_rate": 0.002,\n  "batch_size": 8\n}\n'
    )
    with pytest.raises(TypeError, match=r"unknown fine-tuning setting\(s\): lr, warmup$"):
        save_fine_tuning_config(tmp_path, warmup=0.1, lr=1e-3, source="x")


@pytest.mark.parametrize(
    ("max_steps", "length"),
    [(-1, "3 epochs (given)"), (0, "3 epochs (given)"), (1, "1 steps (given)"), (40, "40 steps (given)")],
)
def test_the_settings_line_names_the_steps_only_when_they_replace_the_epochs(max_steps, length):
    """max_steps > 0 stops training there (transformers' rule); 0 and -1 leave the epochs in charge."""
    arguments, sources = resolve_fine_tuning_settings(FineTuningArguments(epochs=3, max_steps=max_steps))
    line = describe_fine_tuning_settings(arguments, sources)
    assert f", {length}, batch size " in line


def test_unset_settings_come_from_the_models_recommendation_else_the_defaults(tmp_path):
    """A folder written by `compta-finetune tiny` recommends settings; what it leaves out is a default."""
    from compta_finetune.training import DEFAULT_EPOCHS

    model = tmp_path / "tiny-camembert"
    model.mkdir()
    save_fine_tuning_config(model, learning_rate=2e-3, batch_size=32, source="compta-finetune tiny")
    resolved, sources = resolve_fine_tuning_settings(FineTuningArguments(model=str(model)))
    assert (resolved.learning_rate, resolved.batch_size, resolved.epochs) == (2e-3, 32, DEFAULT_EPOCHS)
    recommended = f"recommended by {model / 'fine_tuning_config.json'}"
    assert sources == {"learning_rate": recommended, "epochs": "default", "batch_size": recommended}
    line = describe_fine_tuning_settings(resolved, sources)
    assert line == f"Settings: learning rate 0.002 ({recommended}), {DEFAULT_EPOCHS:g} epochs (default), batch size 32 ({recommended})."


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"learning_rate": ', " cannot be read as JSON"),
        ("[0.001]", " does not hold a JSON object."),
        ('{"batch_size": 8.5}', ": batch_size is 8.5, expected a whole number above 0."),
        ('{"learning_rate": 0}', ": learning_rate is 0, expected a number above 0."),
        ('{"epochs": true}', ": epochs is True, expected a number above 0."),
        ('{"epochs": "3"}', ": epochs is '3', expected a number above 0."),
    ],
)
def test_a_bad_recommendation_file_is_named_with_its_fix(content, problem, tmp_path):
    from compta_finetune.training import load_fine_tuning_config

    path = tmp_path / "fine_tuning_config.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError) as raised:
        load_fine_tuning_config(tmp_path)
    assert raised.value.problem.startswith(f"{path}{problem}")
    assert raised.value.fix == f"correct or delete {path}, or give the setting on the command line."
