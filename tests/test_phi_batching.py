"""Phi with LoRA, saved and reloaded: batched predictions equal one-by-one ones, and the reload equals memory.

Phi reads each line's class from its last real token, found through the padding id: if the
model did not know that id, a batch of lines of different lengths would be read at the wrong
place (or refused). The LoRA folder holds only the adapters; ``load_for_inference`` merges them
into the base model again.
"""

import pytest
import torch
from transformers import Trainer, TrainingArguments

from compta_finetune.data import load_account_labels
from compta_finetune.inference import load_for_inference, predict
from compta_finetune.recipes.phi2 import load_model_and_tokenizer
from compta_finetune.training import save_atomically

# From one word to far beyond the 128 tokens kept: the batch pads the short lines a lot.
LINES = [
    "Loyer",
    "Abonnement fibre optique professionnelle Orange, facture de mars, 12 mois d'engagement",
    "Toner",
    "Frais de déplacement : billet de train Paris-Lyon aller-retour, 2e classe, mission client " * 8,
    "Ramettes papier A4 80 g x 5",
    "TVA",
]


@pytest.fixture(scope="module")
def lora_model(tiny_phi, tmp_path_factory):
    """The tiny Phi with LoRA adapters (made non-zero, as after training) and a head for the 21 accounts, saved as `train` does."""
    torch.set_num_threads(1)
    accounts = list(load_account_labels())
    id2label = dict(enumerate(accounts))
    torch.manual_seed(0)
    model, tokenizer = load_model_and_tokenizer(str(tiny_phi), id2label, {c: i for i, c in id2label.items()})
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if "lora_B" in name:
                parameter.normal_(0.0, 0.2)
    model.eval()
    args = TrainingArguments(output_dir=str(tmp_path_factory.mktemp("args")), report_to="none", use_cpu=True)
    output_dir = save_atomically(Trainer(model=model, args=args, processing_class=tokenizer), tmp_path_factory.mktemp("phi") / "model")
    return model, tokenizer, output_dir


def scores(predictions):
    return [[score for _, score in top] for top in predictions]


def labels(predictions):
    return [[label for label, _ in top] for top in predictions]


def test_the_saved_folder_holds_adapters_and_the_padding_id(lora_model, tiny_phi):
    _, tokenizer, output_dir = lora_model
    assert (output_dir / "adapter_config.json").is_file() and (output_dir / "config.json").is_file()
    model, reloaded_tokenizer = load_for_inference(output_dir)
    assert model.config.pad_token_id == tokenizer.pad_token_id == reloaded_tokenizer.pad_token_id is not None
    assert model.config.id2label[0] == next(iter(load_account_labels()))


def test_batched_predictions_equal_one_by_one(lora_model):
    model, tokenizer = load_for_inference(lora_model[2])
    batched = predict(model, tokenizer, LINES, batch_size=len(LINES), top_k=21)
    one_by_one = [predict(model, tokenizer, [line], batch_size=1, top_k=21)[0] for line in LINES]
    assert labels(batched) == labels(one_by_one)
    for together, alone in zip(scores(batched), scores(one_by_one)):
        assert together == pytest.approx(alone, abs=1e-5)


def test_the_reloaded_model_predicts_as_the_one_in_memory(lora_model):
    in_memory_model, tokenizer, output_dir = lora_model
    in_memory = predict(in_memory_model, tokenizer, LINES, batch_size=1, top_k=5)
    reloaded = predict(*load_for_inference(output_dir), LINES, batch_size=1, top_k=5)
    assert labels(reloaded) == labels(in_memory)
    for after, before in zip(scores(reloaded), scores(in_memory)):
        assert after == pytest.approx(before, abs=1e-5)


def test_adapters_on_a_changed_or_missing_base_model_are_refused(tiny_phi, tmp_path):
    """The adapters remember their local base model's weights: a changed or deleted base is refused, never used."""
    import shutil

    from safetensors.torch import load_file, save_file

    from compta_finetune.errors import ModelError

    base = tmp_path / "base"
    shutil.copytree(tiny_phi, base)
    id2label = dict(enumerate(load_account_labels()))
    model, tokenizer = load_model_and_tokenizer(str(base), id2label, {c: i for i, c in id2label.items()})
    args = TrainingArguments(output_dir=str(tmp_path / "args"), report_to="none", use_cpu=True)
    adapters = save_atomically(Trainer(model=model, args=args, processing_class=tokenizer), tmp_path / "model")
    assert (adapters / "base_model.json").is_file()
    load_for_inference(adapters)  # the base as it was: accepted

    weights = load_file(base / "model.safetensors")
    save_file({name: tensor + 0.01 for name, tensor in weights.items()}, base / "model.safetensors", metadata={"format": "pt"})
    with pytest.raises(ModelError, match="has changed since the LoRA adapters"):
        load_for_inference(adapters)

    shutil.rmtree(base)
    with pytest.raises(ModelError, match="which no longer exists"):
        load_for_inference(adapters)


def test_adapters_on_a_hub_base_model_are_not_fetched_offline(lora_model, tmp_path):
    import json
    import shutil

    from compta_finetune.errors import ModelError

    adapters = shutil.copytree(lora_model[2], tmp_path / "model")
    config = json.loads((adapters / "adapter_config.json").read_text(encoding="utf-8"))
    config["base_model_name_or_path"] = "microsoft/phi-2"
    (adapters / "adapter_config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match=r"the saved model cannot be loaded"):
        load_for_inference(adapters)  # HF_HUB_OFFLINE: refused, nothing downloaded


def test_adapters_that_do_not_fit_their_base_model_are_named(lora_model, tmp_path):
    import json
    import shutil

    from compta_finetune.errors import ModelError
    from compta_finetune.testing import build_tiny_phi

    other_base = build_tiny_phi(tmp_path / "wider", hidden_size=96)  # same class, other shapes
    adapters = shutil.copytree(lora_model[2], tmp_path / "model")
    (adapters / "base_model.json").unlink()  # adapters from before the record: only their shapes are left to check
    config = json.loads((adapters / "adapter_config.json").read_text(encoding="utf-8"))
    config["base_model_name_or_path"] = str(other_base)
    (adapters / "adapter_config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelError, match=r"the LoRA adapters of .* do not fit their base model"):
        load_for_inference(adapters)


def test_no_lines_give_no_predictions(lora_model):
    from compta_finetune.inference import classify, predict_logits

    model, tokenizer, _ = lora_model
    assert predict(model, tokenizer, []) == [] and classify(model, tokenizer, []) == []
    assert predict_logits(model, tokenizer, []).shape == (0, model.config.num_labels)


def test_adapter_weights_of_the_wrong_shape_are_named(lora_model, tmp_path):
    import shutil

    from safetensors.torch import load_file, save_file

    from compta_finetune.errors import ModelError

    adapters = shutil.copytree(lora_model[2], tmp_path / "model")
    weights = load_file(adapters / "adapter_model.safetensors")
    name = next(name for name in weights if "lora_A" in name)
    weights[name] = torch.zeros(weights[name].shape[0] + 1, weights[name].shape[1])  # another rank than the config's
    save_file(weights, adapters / "adapter_model.safetensors", metadata={"format": "pt"})
    with pytest.raises(ModelError, match=r"the LoRA adapters of .* do not fit their base model .*size mismatch"):
        load_for_inference(adapters)


def test_phi_weights_stored_in_float16_are_trained_in_float32_on_a_cpu(tiny_phi, tmp_path):
    # microsoft/phi-2 is stored in float16, whose attention overflows: the recipe asks for float32
    # (bfloat16 for frozen LoRA weights on a GPU that has it) instead of the stored type.
    from transformers import AutoModelForCausalLM, AutoTokenizer

    half = tmp_path / "phi-fp16"
    AutoModelForCausalLM.from_pretrained(tiny_phi, dtype=torch.float16).save_pretrained(half)
    AutoTokenizer.from_pretrained(tiny_phi).save_pretrained(half)
    id2label = dict(enumerate(load_account_labels()))
    label2id = {code: index for index, code in id2label.items()}
    for lora in (False, True):
        model, _ = load_model_and_tokenizer(str(half), id2label, label2id, lora=lora)
        assert {parameter.dtype for parameter in model.parameters()} == {torch.float32}


def test_predict_and_classify_defaults_and_options(lora_model, capsys):
    from compta_finetune.inference import classify, predict_probabilities

    model, tokenizer, _ = lora_model
    texts = LINES[:3]
    one = predict(model, tokenizer, texts)
    assert [len(top) for top in one] == [1, 1, 1]  # top_k=1 by default
    assert [len(result.top) for result in classify(model, tokenizer, texts)] == [1, 1, 1]
    assert "Predicting" not in capsys.readouterr().err  # no progress bar unless asked
    predict(model, tokenizer, texts, progress=True)
    assert "Predicting" in capsys.readouterr().err
    classify(model, tokenizer, texts, progress=True)
    assert "Predicting" in capsys.readouterr().err
    # The temperature and max_length given are the ones used.
    hot = predict_probabilities(model, tokenizer, texts, temperature=50.0)
    assert [top[0] for top in scores(predict(model, tokenizer, texts, temperature=50.0))] == pytest.approx(hot.max(dim=-1).values.tolist())
    assert [r.top[0][1] for r in classify(model, tokenizer, texts, temperature=50.0)] == pytest.approx(hot.max(dim=-1).values.tolist())
    short = predict_probabilities(model, tokenizer, texts, max_length=2)
    assert [top[0] for top in scores(predict(model, tokenizer, texts, max_length=2))] == pytest.approx(short.max(dim=-1).values.tolist())
    assert [r.top[0][1] for r in classify(model, tokenizer, texts, max_length=2)] == pytest.approx(short.max(dim=-1).values.tolist())
