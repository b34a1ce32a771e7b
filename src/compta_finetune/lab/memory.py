"""How much GPU memory fine-tuning needs: full fine-tuning, LoRA and QLoRA, before activations.

The bytes per parameter follow Hugging Face's "Model training anatomy" accounting for AdamW in
mixed precision: weights 6 (fp32 master copy 4 + half-precision copy 2), gradients 4, optimizer
states 8 (two fp32 moments), so 18 bytes per *trained* parameter. Frozen weights cost only their
storage: 2 bytes in bf16, about 0.5 in 4-bit (NF4, QLoRA). Activations depend on batch size and
sequence length and come on top; invoice lines are short, so they are small next to the weights.

Parameter counts are exact: the real model classes are instantiated on PyTorch's ``meta``
device (no memory, no download) from the published configurations of the two models.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import torch
from transformers import CamembertConfig, CamembertForSequenceClassification, PhiConfig, PhiForSequenceClassification

GIB = 1024**3

TRAINED_BYTES_PER_PARAMETER = {"weights": 6, "gradients": 4, "optimizer": 8}
"""AdamW in mixed precision, per trained parameter (18 bytes in all)."""

FROZEN_BYTES_PER_PARAMETER = {"fp32": 4.0, "bf16": 2.0, "fp16": 2.0, "int8": 1.0, "nf4": 0.5}
"""Storage of a frozen weight, by data type."""

GPUS_GIB = {"T4": 16, "L4": 24, "A10": 24, "A100 40 Go": 40, "A100 80 Go": 80, "H100": 80}
"""Memory of common data-centre GPUs, in GiB."""


@dataclass(frozen=True)
class MemoryEstimate:
    """Memory of one fine-tuning method, in bytes, before activations."""

    method: str
    total_parameters: int
    trainable_parameters: int
    weights: float
    gradients: float
    optimizer: float

    @property
    def total(self) -> float:
        """Weights, gradients and optimizer states together, in bytes."""
        return self.weights + self.gradients + self.optimizer

    @property
    def total_gib(self) -> float:
        return self.total / GIB


def estimate_memory(
    total_parameters: int, trainable_parameters: int | None = None, *, frozen_dtype: str = "bf16"
) -> MemoryEstimate:
    """Estimate the memory of fine-tuning with AdamW in mixed precision.

    Parameters
    ----------
    total_parameters : int
        Parameters of the model.
    trainable_parameters : int, optional
        Parameters that are trained (LoRA adapters and the new head); by default all of them
        (full fine-tuning).
    frozen_dtype : str, default "bf16"
        Storage of the frozen weights: ``"bf16"`` for LoRA, ``"nf4"`` for QLoRA.

    Examples
    --------
    >>> full = estimate_memory(1_000_000_000)
    >>> full.total / 1e9  # 18 bytes per parameter
    18.0
    >>> lora = estimate_memory(1_000_000_000, 10_000_000)
    >>> round(lora.total / 1e9, 2)  # 2 bytes per frozen parameter + 18 per adapter parameter
    2.16
    """
    trainable = total_parameters if trainable_parameters is None else trainable_parameters
    frozen = total_parameters - trainable
    per = TRAINED_BYTES_PER_PARAMETER
    if trainable_parameters is None:
        method = "full"
    else:
        method = "qlora" if frozen_dtype == "nf4" else "lora"
    return MemoryEstimate(
        method=method,
        total_parameters=total_parameters,
        trainable_parameters=trainable,
        weights=frozen * FROZEN_BYTES_PER_PARAMETER[frozen_dtype] + trainable * per["weights"],
        gradients=trainable * per["gradients"],
        optimizer=trainable * per["optimizer"],
    )


def camembert_base_config(num_labels: int = 21) -> CamembertConfig:
    """The configuration of ``almanach/camembert-base`` (its ``config.json`` on the Hub)."""
    return CamembertConfig(
        vocab_size=32005, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
        intermediate_size=3072, max_position_embeddings=514, type_vocab_size=1, num_labels=num_labels,
    )  # fmt: skip


def phi2_config(num_labels: int = 21) -> PhiConfig:
    """The configuration of ``microsoft/phi-2`` (its ``config.json`` on the Hub)."""
    return PhiConfig(
        vocab_size=51200, hidden_size=2560, intermediate_size=10240, num_hidden_layers=32,
        num_attention_heads=32, max_position_embeddings=2048, num_labels=num_labels, pad_token_id=50256,
    )  # fmt: skip


def count_parameters(model_class, config, lora_config=None) -> tuple[int, int]:
    """Total and trainable parameters of ``model_class(config)``, optionally wrapped with LoRA.

    The model is built on the ``meta`` device: shapes only, no memory.

    Examples
    --------
    >>> total, trainable = count_parameters(CamembertForSequenceClassification, camembert_base_config())
    >>> total == trainable, round(total / 1e6)
    (True, 111)
    """
    with torch.device("meta"), warnings.catch_warnings():
        # peft calls a transformers method deprecated in v5: a FutureWarning naming the local install path.
        warnings.simplefilter("ignore", FutureWarning)
        model = model_class(config)
        if lora_config is not None:
            from peft import get_peft_model

            model = get_peft_model(model, lora_config)
    total = sum(parameter.numel() for parameter in model.parameters())
    trainable = sum(parameter.numel() for parameter in model.parameters() if parameter.requires_grad)
    return total, trainable


def memory_table() -> list[dict]:
    """Memory of full fine-tuning, LoRA and QLoRA for camembert-base and phi-2, with the GPUs that fit.

    LoRA uses the recipes' settings (:func:`compta_finetune.recipes.phi2.lora_config`); "fits"
    keeps 20 % of the GPU for activations and the CUDA context.
    """
    from compta_finetune.recipes.phi2 import lora_config

    rows = []
    models = {
        "almanach/camembert-base": (CamembertForSequenceClassification, camembert_base_config()),
        "microsoft/phi-2": (PhiForSequenceClassification, phi2_config()),
    }
    for name, (model_class, config) in models.items():
        total, _ = count_parameters(model_class, config)
        # Phi's LoRA targets exist in CamemBERT under other names: adapt them per architecture.
        targets = ["query", "key", "value", "dense"] if model_class is CamembertForSequenceClassification else None
        lora = lora_config()
        if targets:
            lora.target_modules = set(targets)
        _, trainable = count_parameters(model_class, config, lora)
        for estimate in (
            estimate_memory(total),
            estimate_memory(total, trainable),
            estimate_memory(total, trainable, frozen_dtype="nf4"),
        ):
            fits = [gpu for gpu, gib in GPUS_GIB.items() if estimate.total_gib <= 0.8 * gib]
            rows.append(
                {
                    "model": name,
                    "method": estimate.method,
                    "parameters": estimate.total_parameters,
                    "trainable": estimate.trainable_parameters,
                    "total_gib": estimate.total_gib,
                    "fits": fits,
                }
            )
    return rows
