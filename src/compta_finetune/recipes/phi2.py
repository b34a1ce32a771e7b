"""Phi-2 recipe: a 2.7-billion-parameter decoder with a classification head, fine-tuned with LoRA.

Phi-2 has no padding token and, at 2.7 B parameters, full fine-tuning with AdamW needs about
18 bytes per parameter (about 50 GB) before activations. The recipe therefore sets a padding
token on both the tokenizer and the model config, and trains low-rank adapters (LoRA, with
peft) on frozen weights by default; full fine-tuning stays available with ``lora=False``.
"""

from __future__ import annotations

import torch
from peft import LoraConfig, TaskType, get_peft_model
from transformers import AutoModelForSequenceClassification, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerBase

from compta_finetune.recipes import PHI2

MODEL_NAME = PHI2.model_name
"""Hub id of Phi-2, published by Microsoft (the repository the original document named does not exist)."""

LEARNING_RATE = PHI2.learning_rate
"""Learning rate for LoRA adapters, higher than for full fine-tuning as usual with LoRA."""


def lora_config(rank: int = 16) -> LoraConfig:
    """LoRA on Phi's attention projections; the new classification head (``score``) is trained in full.

    Examples
    --------
    >>> config = lora_config()
    >>> config.r, config.lora_alpha, config.lora_dropout, config.task_type
    (16, 32, 0.05, <TaskType.SEQ_CLS: 'SEQ_CLS'>)
    >>> sorted(config.target_modules)
    ['dense', 'k_proj', 'q_proj', 'v_proj']
    >>> lora_config(rank=4).lora_alpha  # alpha follows the rank: the same scale at any rank
    8
    """
    return LoraConfig(
        task_type=TaskType.SEQ_CLS,  # also marks the head `score` as trainable and saved
        r=rank,
        lora_alpha=2 * rank,
        lora_dropout=0.05,
        target_modules=["q_proj", "k_proj", "v_proj", "dense"],
    )


def load_model_and_tokenizer(
    model_name_or_path: str,
    id2label: dict[int, str],
    label2id: dict[str, int],
    lora: bool = True,
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load Phi-2 and its tokenizer for classification, with a padding token and, by default, LoRA.

    Parameters
    ----------
    model_name_or_path : str
        A hub id (``microsoft/phi-2``) or a local directory. Phi is built into transformers:
        no ``trust_remote_code``.
    id2label, label2id : dict
        Label maps from :func:`compta_finetune.data.label_maps`.
    lora : bool, default True
        Train LoRA adapters on frozen weights; ``False`` trains all the weights.
    """
    tokenizer = AutoTokenizer.from_pretrained(model_name_or_path, trust_remote_code=False)
    # Phi-2 has no padding token: batching needs one, and end-of-text is never inside a line.
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForSequenceClassification.from_pretrained(
        model_name_or_path,
        num_labels=len(id2label),
        id2label=id2label,
        label2id=label2id,
        # microsoft/phi-2 is stored in float16, kept by default, and its card warns that float16
        # attention overflows: frozen weights in bf16 where the GPU has it, float32 otherwise.
        dtype=torch.bfloat16 if lora and torch.cuda.is_available() and torch.cuda.is_bf16_supported() else torch.float32,
        use_safetensors=True,
        trust_remote_code=False,  # never run code shipped with a model
    )
    # The model finds each line's last real token through the padding id: it must know it too.
    model.config.pad_token_id = tokenizer.pad_token_id
    if lora:
        model = get_peft_model(model, lora_config())
        # Adapters and the new head are trained: float32 whatever the frozen weights' type.
        for parameter in model.parameters():
            if parameter.requires_grad:
                parameter.data = parameter.data.float()
    return model, tokenizer
