"""Pre-train a small model on unlabelled French text: masked (CamemBERT) or causal (Phi) language modelling.

This is the first half of the definition of fine-tuning, done at a scale this machine can
afford: a model first learns the language of invoice lines from text alone, then
:func:`compta_finetune.training.finetune` adapts it to the accounts. CamemBERT learned French
the same way, by masked language modelling, on 138 GB of text instead of a few thousand lines.

The loop is plain PyTorch rather than a :class:`~transformers.Trainer`, for speed: it runs the
language-model head only at the positions that have a token to predict (the masked ones for
CamemBERT, the real, non-padding ones for Phi), and batches lines of similar length. On a
small model, the head over the vocabulary and the padding are most of the cost of a step.

``compta-finetune tiny`` runs it for a few seconds on the shipped corpus, so that its tiny
checkpoint is not random; the results page runs it longer.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import torch
from transformers import (
    AutoModelForCausalLM,
    AutoModelForMaskedLM,
    AutoTokenizer,
    DataCollatorForLanguageModeling,
    get_linear_schedule_with_warmup,
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
    mlm_probability: float = 0.15,
    warmup_ratio: float = 0.05,
    weight_decay: float = 0.01,
    logging_steps: int = 20,
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
        Masked language modelling (``mlm_probability`` of the tokens hidden, CamemBERT's
        objective); ``False`` for next-token prediction (Phi's objective).
    epochs : float
        Passes over ``texts``; a fraction stops part-way through the last one.
    learning_rate : float
        Peak learning rate of AdamW, reached after ``warmup_ratio`` of the steps, then
        decreased linearly to zero (the :class:`~transformers.Trainer`'s default schedule).
    batch_size, max_length : int
        Lines per step, tokens kept per line.
    mlm_probability : float, default 0.15
        Share of the tokens to predict in masked language modelling (BERT's and CamemBERT's
        15 %; small models on little text learn faster with more).
    warmup_ratio, weight_decay : float
        The usual AdamW settings; biases and layer norms are not decayed.
    logging_steps : int
        Mean training loss logged every ``logging_steps`` steps.
    seed : int
        Seed of the line order and of the masking.

    Returns
    -------
    list of dict
        ``{"loss", "epoch", "step", "learning_rate"}`` every ``logging_steps`` steps, in the
        format of a Trainer's ``log_history`` (see
        :func:`compta_finetune.lab.plots.plot_learning_curves`).
    """
    torch.manual_seed(seed)
    order = random.Random(seed)
    tokenizer = AutoTokenizer.from_pretrained(model_dir, trust_remote_code=False)
    model_class = AutoModelForMaskedLM if masked else AutoModelForCausalLM
    model = model_class.from_pretrained(model_dir, use_safetensors=True, trust_remote_code=False)
    if tokenizer.pad_token is None:  # Phi: batches need a padding token, ignored by the loss
        tokenizer.pad_token = tokenizer.eos_token
    encoded = tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]
    collator = DataCollatorForLanguageModeling(tokenizer, mlm=masked, mlm_probability=mlm_probability)

    batches_per_epoch = math.ceil(len(encoded) / batch_size)
    total_steps = max(1, round(epochs * batches_per_epoch))
    no_decay = [p for n, p in model.named_parameters() if p.ndim < 2]  # biases and layer norms
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}], lr=learning_rate
    )
    scheduler = get_linear_schedule_with_warmup(optimizer, round(warmup_ratio * total_steps), total_steps)
    backbone, head = model.base_model, model.lm_head

    model.train()
    history, losses, step = [], [], 0
    while step < total_steps:
        for batch_indices in _length_grouped_batches(encoded, batch_size, order):
            batch = collator([{"input_ids": encoded[index]} for index in batch_indices])
            hidden = backbone(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).last_hidden_state
            labels = batch["labels"]
            if not masked:  # position i predicts token i + 1
                hidden, labels = hidden[:, :-1], labels[:, 1:]
            predicted = labels != -100
            loss = torch.nn.functional.cross_entropy(head(hidden[predicted]).float(), labels[predicted])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            losses.append(loss.item())
            step += 1
            if step % logging_steps == 0 or step == total_steps:
                history.append(
                    {
                        "loss": sum(losses) / len(losses),
                        "epoch": step / batches_per_epoch,
                        "step": step,
                        "learning_rate": scheduler.get_last_lr()[0],
                    }
                )
                losses = []
            if step == total_steps:
                break
    model.save_pretrained(output_dir)
    tokenizer.save_pretrained(output_dir)
    return history


def context_free_loss(model_dir: str | Path, texts: Sequence[str], max_length: int = 64) -> float:
    """The loss of the best prediction that ignores the context: the entropy of the token frequencies.

    A language model that has learned nothing but how often each token occurs predicts every
    hidden token with these frequencies, and its loss is this entropy (in nats, like the
    cross-entropy loss). A pre-training loss below it shows that the model uses the context.

    Parameters
    ----------
    model_dir : str or Path
        A checkpoint with a tokenizer.
    texts : sequence of str
        The pre-training texts.
    """
    tokenizer = AutoTokenizer.from_pretrained(model_dir, trust_remote_code=False)
    counts = Counter(
        token
        for ids in tokenizer(list(texts), truncation=True, max_length=max_length, add_special_tokens=False)["input_ids"]
        for token in ids
    )
    total = sum(counts.values())
    return -sum(count / total * math.log(count / total) for count in counts.values())


def _length_grouped_batches(encoded: Sequence[Sequence[int]], batch_size: int, order: random.Random) -> list[list[int]]:
    """Batches of lines of similar length, in random order: little padding, no length curriculum.

    Lines are shuffled, cut into chunks of 50 batches, sorted by length within each chunk,
    cut into batches, and the batches of all chunks are shuffled.
    """
    indices = list(range(len(encoded)))
    order.shuffle(indices)
    chunk = 50 * batch_size
    batches = []
    for start in range(0, len(indices), chunk):
        part = sorted(indices[start : start + chunk], key=lambda index: len(encoded[index]))
        batches += [part[i : i + batch_size] for i in range(0, len(part), batch_size)]
    order.shuffle(batches)
    return batches
