"""Pre-train a small model on unlabelled French text: masked (CamemBERT) or causal (Phi) language modelling.

This is the first half of the definition of fine-tuning, done at a scale this machine can
afford: a model first learns the language of invoice lines from text alone, then
:func:`compta_finetune.training.finetune` adapts it to the accounts. CamemBERT learned French
the same way, by masked language modelling, on 138 GB of text instead of a few thousand lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from datasets import Dataset
from transformers import (
    AutoModelForCausalLM,
    AutoModelForMaskedLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    Trainer,
    TrainingArguments,
)


def pretrain_language_model(
    model_dir: str | Path,
    texts: Sequence[str],
    output_dir: str | Path,
    *,
    masked: bool = True,
    epochs: float = 10.0,
    learning_rate: float = 1e-3,
    batch_size: int = 32,
    max_length: int = 64,
    seed: int = 0,
) -> list[dict]:
    """Continue a model's language-model training on ``texts`` and save it to ``output_dir``.

    Parameters
    ----------
    model_dir : str or Path
        A checkpoint with a language-model head (``CamembertForMaskedLM``, ``PhiForCausalLM``).
    texts : sequence of str
        Unlabelled text, one line each.
    output_dir : str or Path
        Where the pre-trained checkpoint and its tokenizer are saved.
    masked : bool, default True
        Masked language modelling (15 % of tokens hidden, CamemBERT's objective); ``False`` for
        next-token prediction (Phi's objective).
    epochs, learning_rate, batch_size, max_length, seed
        Training settings.

    Returns
    -------
    list of dict
        The Trainer's log history (``loss`` every few steps), for learning curves.
    """
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model_class = AutoModelForMaskedLM if masked else AutoModelForCausalLM
    model = model_class.from_pretrained(model_dir, use_safetensors=True)
    if tokenizer.pad_token is None:  # Phi: batches need a padding token, ignored by the loss
        tokenizer.pad_token = tokenizer.eos_token
    dataset = Dataset.from_dict({"text": list(texts)}).map(
        lambda batch: tokenizer(batch["text"], truncation=True, max_length=max_length),
        batched=True,
        remove_columns=["text"],
    )
    args = TrainingArguments(
        output_dir=str(Path(output_dir).with_name(f"{Path(output_dir).name}.checkpoints")),
        num_train_epochs=epochs,
        learning_rate=learning_rate,
        per_device_train_batch_size=batch_size,
        warmup_steps=0.06,
        weight_decay=0.01,
        train_sampling_strategy="group_by_length",
        logging_steps=20,
        save_strategy="no",
        seed=seed,
        report_to="none",
    )
    collator = DataCollatorForLanguageModeling(tokenizer, mlm=masked, mlm_probability=0.15, seed=seed)
    trainer = Trainer(model=model, args=args, train_dataset=dataset, data_collator=collator, processing_class=tokenizer)
    trainer.train()
    trainer.save_model(str(output_dir))
    return trainer.state.log_history
