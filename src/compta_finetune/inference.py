"""Classify invoice lines with a fine-tuned model, fast: one tokenizer call, batches of similar length.

The texts are tokenized in one call of the tokenizer's batch API, sorted by length so that
each batch pads little, run under :func:`torch.inference_mode`, then put back in input order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from tqdm import tqdm
from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

from compta_finetune.accounts import libelle
from compta_finetune.calibration import DEFAULT_THRESHOLD, Routing, route_batch
from compta_finetune.errors import ModelError
from compta_finetune.guards import (
    TRUST_REMOTE_CODE,
    UNREADABLE_MODEL,
    check_base_model,
    check_model_folder,
    check_no_custom_code,
    check_tokenizer,
    clamp_max_length,
)


def load_for_inference(model_dir: str | Path) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load a model saved by the recipes, on the GPU if there is one, ready for :func:`predict`.

    A LoRA directory (``adapter_config.json``) is loaded onto its base model and merged into
    it, so that prediction costs no more than with a plain model.

    Raises
    ------
    ModelError
        If ``model_dir`` is not a directory holding a saved model, or holds a model that was
        not fine-tuned (no account labels).
    """
    model_dir = Path(model_dir)
    config = _fine_tuned_config(model_dir)
    check_model_folder(model_dir)  # a tokenizer, whole weights (custom code: refused by _fine_tuned_config)
    try:
        tokenizer = AutoTokenizer.from_pretrained(model_dir, trust_remote_code=TRUST_REMOTE_CODE)
        if (model_dir / "adapter_config.json").is_file():
            from peft import PeftConfig, PeftModel

            base_name = PeftConfig.from_pretrained(model_dir).base_model_name_or_path
            check_base_model(model_dir, base_name)  # missing, or changed since the adapters were trained
            if Path(base_name).is_dir():
                check_model_folder(base_name, tokenizer=False)
            # Given the fine-tuned config, transformers would replace base weights of another shape
            # by random ones, with a mere warning: compare the shapes first.
            base_config = AutoConfig.from_pretrained(base_name, trust_remote_code=TRUST_REMOTE_CODE)
            mismatched = [
                f"{key} {getattr(config, key)} in the adapters, {getattr(base_config, key)} in the base model"
                for key in ("vocab_size", "hidden_size", "num_hidden_layers", "intermediate_size")
                if getattr(config, key, None) != getattr(base_config, key, None)
            ]
            if mismatched:
                raise ModelError(
                    f"the LoRA adapters of {model_dir} do not fit their base model {base_name} ({'; '.join(mismatched)}).",
                    "restore the base model the adapters were trained on, or train the adapters again.",
                )
            # The base model, with the labels and padding id of the fine-tuned one.
            base = AutoModelForSequenceClassification.from_pretrained(
                base_name, config=config, use_safetensors=True, trust_remote_code=TRUST_REMOTE_CODE
            )
            try:
                model = PeftModel.from_pretrained(base, model_dir).merge_and_unload()
            except RuntimeError as error:  # adapter weights whose shapes do not fit their own config
                lines = [line.strip() for line in str(error).splitlines() if line.strip()]
                detail = next((line for line in lines if "size mismatch" in line), lines[0] if lines else "")
                raise ModelError(
                    f"the LoRA adapters of {model_dir} do not fit their base model {base_name} ({detail[:300]}).",
                    "restore the base model the adapters were trained on, or train the adapters again.",
                ) from None
        else:
            model = AutoModelForSequenceClassification.from_pretrained(
                model_dir, use_safetensors=True, trust_remote_code=TRUST_REMOTE_CODE
            )
    except UNREADABLE_MODEL as error:
        raise ModelError(
            f"{model_dir}: the saved model cannot be loaded ({str(error).splitlines()[0]}).",
            "pass the --output-dir of a finished `compta-finetune train` run; with LoRA adapters, their base "
            "model must be reachable too (the same local directory, or the Hub).",
        ) from None
    check_tokenizer(tokenizer, model_dir)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    return model.to(device).eval(), tokenizer


def _fine_tuned_config(model_dir: Path):
    """The config of a fine-tuned model directory; a :class:`ModelError` if there is none, or no account labels."""
    if not (model_dir / "config.json").is_file():
        raise ModelError(
            f"{model_dir} is not a fine-tuned model directory (no config.json).",
            "pass the --output-dir of a finished `compta-finetune train` run.",
        )
    check_no_custom_code(model_dir)  # before transformers reads it: it would offer to run the folder's code
    try:
        config = AutoConfig.from_pretrained(model_dir, trust_remote_code=TRUST_REMOTE_CODE)
    except UNREADABLE_MODEL as error:
        raise ModelError(
            f"{model_dir}: the saved model cannot be loaded ({str(error).splitlines()[0]}).",
            "pass the --output-dir of a finished `compta-finetune train` run, or train the model again.",
        ) from None
    labels = [config.id2label[index] for index in sorted(config.id2label)]
    if labels == [f"LABEL_{index}" for index in range(len(labels))]:
        raise ModelError(
            f"{model_dir} is a pre-trained model, not one fine-tuned on accounts (it has no account labels).",
            f"fine-tune it first (`compta-finetune train --model {model_dir} --output-dir MODEL_DIR`), "
            "then pass MODEL_DIR.",
        )
    return config


MODEL_SETTINGS = "compta_finetune"
"""Attribute of a fine-tuned model's config holding what ``train`` learned besides the weights:
the calibration temperature, the sub-account rule and how the files were read."""


def model_settings(model) -> dict:
    """What ``train`` saved in the model's config (:data:`MODEL_SETTINGS`); ``{}`` for other models.

    Keys: ``calibration`` (``temperature``...), ``accounts`` (the sub-account rule) and
    ``read_options`` (see :class:`compta_finetune.data.ReadOptions`).
    """
    settings = getattr(model.config, MODEL_SETTINGS, None)
    return dict(settings) if isinstance(settings, dict) else {}


def model_temperature(model) -> float:
    """The calibration temperature saved with the model; 1.0 (raw scores) if it has none."""
    temperature = model_settings(model).get("calibration", {}).get("temperature")
    return float(temperature) if temperature else 1.0


def predict_logits(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    texts: Sequence[str],
    *,
    batch_size: int = 64,
    max_length: int = 128,
    progress: bool = False,
) -> torch.Tensor:
    """The logits of each text, shape ``(len(texts), num_labels)``, in input order (float32, on the CPU).

    The texts are tokenized in one call, run in batches of similar length under
    :func:`torch.inference_mode`, then put back in input order.
    """
    if not texts:
        return torch.empty((0, model.config.num_labels))
    # Beyond the model's positions, a long line would index past its embeddings (IndexError).
    max_length = clamp_max_length(max_length, model, tokenizer)
    encodings = tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]
    order = sorted(range(len(encodings)), key=lambda index: len(encodings[index]))
    logits = torch.empty((len(encodings), model.config.num_labels))
    with torch.inference_mode():
        for start in tqdm(range(0, len(order), batch_size), desc="Predicting", unit="batch", disable=not progress):
            batch_indices = order[start : start + batch_size]
            batch = tokenizer.pad({"input_ids": [encodings[i] for i in batch_indices]}, return_tensors="pt")
            logits[batch_indices] = model(**batch.to(model.device)).logits.float().cpu()
    return logits


def predict_probabilities(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    texts: Sequence[str],
    *,
    temperature: float | None = None,
    batch_size: int = 64,
    max_length: int = 128,
    progress: bool = False,
) -> torch.Tensor:
    """Calibrated probabilities over the model's accounts (columns in ``id2label`` order).

    ``temperature`` defaults to the one fitted on the validation split at the end of
    ``train`` (:func:`model_temperature`); pass 1.0 for the raw scores.
    """
    logits = predict_logits(model, tokenizer, texts, batch_size=batch_size, max_length=max_length, progress=progress)
    temperature = model_temperature(model) if temperature is None else temperature
    return (logits / temperature).softmax(dim=-1)


def predict(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    texts: Sequence[str],
    *,
    batch_size: int = 64,
    top_k: int = 1,
    max_length: int = 128,
    progress: bool = False,
    temperature: float | None = None,
) -> list[list[tuple[str, float]]]:
    """Predict the ``top_k`` most likely accounts of each text, with calibrated scores.

    Parameters
    ----------
    model, tokenizer
        From :func:`load_for_inference` (or any sequence-classification model whose config
        has ``id2label``).
    texts : sequence of str
        Invoice lines; longer ones are truncated to ``max_length`` tokens.
    batch_size, top_k, max_length : int
        Lines per forward pass, accounts returned per line, tokens kept per line.
    progress : bool, default False
        Show a progress bar (on standard error) over the batches.
    temperature : float, optional
        Divide the logits by it; by default the model's calibration temperature.

    Returns
    -------
    list of list of (str, float)
        For each text, in input order, ``top_k`` pairs of (account code, probability), most
        likely first.
    """
    if not texts:
        return []
    probabilities = predict_probabilities(
        model, tokenizer, texts, temperature=temperature, batch_size=batch_size, max_length=max_length, progress=progress
    )
    scores, label_ids = probabilities.topk(min(top_k, model.config.num_labels), dim=-1)
    id2label = model.config.id2label
    return [
        [(id2label[i], s) for i, s in zip(row_ids, row_scores)] for row_scores, row_ids in zip(scores.tolist(), label_ids.tolist())
    ]


@dataclass(frozen=True)
class Classification:
    """One line's prediction: the routing decision and the ``top_k`` accounts with their calibrated scores."""

    routing: Routing
    top: list[tuple[str, float]]


def classify(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    texts: Sequence[str],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    top_k: int = 1,
    batch_size: int = 64,
    max_length: int = 128,
    progress: bool = False,
    temperature: float | None = None,
) -> list[Classification]:
    """Predict and route each text: ``auto``, ``parent`` or ``review`` at ``threshold`` (see :func:`~compta_finetune.calibration.route`).

    Scores are calibrated with the model's temperature; libellés come from the PCG reference
    (:func:`compta_finetune.accounts.libelle`).
    """
    if not texts:
        return []
    probabilities = predict_probabilities(
        model, tokenizer, texts, temperature=temperature, batch_size=batch_size, max_length=max_length, progress=progress
    )
    codes = [str(model.config.id2label[index]) for index in range(model.config.num_labels)]
    scores, label_ids = probabilities.topk(min(top_k, len(codes)), dim=-1)
    routings = route_batch(probabilities.numpy(), codes, threshold, libelle)
    return [
        Classification(routing, [(codes[i], s) for i, s in zip(row_ids, row_scores)])
        for routing, row_scores, row_ids in zip(routings, scores.tolist(), label_ids.tolist())
    ]
