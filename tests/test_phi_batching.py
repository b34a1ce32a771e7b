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
