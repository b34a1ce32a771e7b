"""Tiny checkpoints of the real architectures, built locally, for running the recipes offline.

No model hub is reachable from the test machines, so the tests, the executed pages and
``compta-finetune tiny`` build small checkpoints with the same classes as the real models:

* CamemBERT: a ``CamembertForMaskedLM`` (the class of ``almanach/camembert-base`` on the hub)
  and a :class:`~transformers.CamembertTokenizer` whose Unigram (SentencePiece) model is
  trained here on French text;
* Phi-2: a ``PhiForCausalLM`` (the class of ``microsoft/phi-2``) and a byte-level BPE
  :class:`~transformers.CodeGenTokenizer` trained here, **without a padding token**, like
  Phi-2's.

The recipes then load them through ``AutoModelForSequenceClassification`` exactly as they load
the real weights: the classification head is new in both cases. The weights are random: these
checkpoints test code paths, not accuracy.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import (
    CamembertConfig,
    CamembertForMaskedLM,
    CamembertTokenizer,
    CodeGenTokenizer,
    PhiConfig,
    PhiForCausalLM,
)

from compta_finetune.data import read_invoice_csv, shipped_data_files

CAMEMBERT_SPECIAL_TOKENS = ["<s>NOTUSED", "<pad>", "</s>NOTUSED", "<unk>", "<unk>NOTUSED", "<s>", "</s>", "<mask>"]
"""Special tokens in the order of ``almanach/camembert-base``'s vocabulary."""

PHI_END_OF_TEXT = "<|endoftext|>"
"""Phi-2's only special token: beginning, end and unknown token at once."""

MAX_LENGTH = 128
"""Context length of the tiny checkpoints (the real ones have 512 and 2048)."""


def french_training_texts() -> list[str]:
    """French text to train the tiny tokenizers on: the texts of the shipped training split.

    Examples
    --------
    >>> texts = french_training_texts()
    >>> len(texts) > 1000 and all(isinstance(t, str) for t in texts)
    True
    """
    return [row["text"] for row in read_invoice_csv(shipped_data_files()["train"], require_label=False)]


def train_camembert_tokenizer(texts: Iterable[str], vocab_size: int = 2000) -> CamembertTokenizer:
    """Train a SentencePiece-style Unigram model on ``texts`` and wrap it as a CamemBERT tokenizer.

    The pre-tokenizer (whitespace split, then ``▁`` word prefix) is CamemBERT's own, so the
    tokenizer behaves as the real one does, with a smaller vocabulary.

    Examples
    --------
    >>> tokenizer = train_camembert_tokenizer(["Abonnement fibre Orange mars 2024"] * 20, vocab_size=60)
    >>> encoded = tokenizer("Abonnement fibre")["input_ids"]
    >>> encoded[0] == tokenizer.cls_token_id and encoded[-1] == tokenizer.sep_token_id
    True
    """
    unigram = Tokenizer(models.Unigram())
    unigram.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")]
    )
    trainer = trainers.UnigramTrainer(
        vocab_size=vocab_size, special_tokens=CAMEMBERT_SPECIAL_TOKENS, unk_token="<unk>", show_progress=False
    )
    unigram.train_from_iterator(texts, trainer)
    vocab = [tuple(entry) for entry in json.loads(unigram.to_str())["model"]["vocab"]]
    return CamembertTokenizer(vocab=vocab, model_max_length=MAX_LENGTH)


def train_phi_tokenizer(texts: Iterable[str], vocab_size: int = 2000) -> CodeGenTokenizer:
    """Train a byte-level BPE on ``texts`` and wrap it as Phi-2's tokenizer class (no padding token).

    Examples
    --------
    >>> tokenizer = train_phi_tokenizer(["Frais de tenue de compte"] * 20, vocab_size=300)
    >>> tokenizer.pad_token is None, tokenizer.eos_token
    (True, '<|endoftext|>')
    """
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=[PHI_END_OF_TEXT],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(texts, trainer)
    model = json.loads(bpe.to_str())["model"]
    merges = [tuple(pair) if isinstance(pair, list) else tuple(pair.split(" ")) for pair in model["merges"]]
    return CodeGenTokenizer(vocab=model["vocab"], merges=merges, model_max_length=MAX_LENGTH)


def build_tiny_camembert(
    output_dir: str | Path,
    texts: Iterable[str] | None = None,
    *,
    hidden_size: int = 64,
    num_layers: int = 2,
    vocab_size: int = 2000,
    seed: int = 0,
) -> Path:
    """Save a tiny, randomly initialised CamemBERT checkpoint and its trained tokenizer.

    Parameters
    ----------
    output_dir : str or Path
        Where to save; load it with ``from_pretrained(output_dir)`` like a hub id.
    texts : iterable of str, optional
        Text for the tokenizer; by default :func:`french_training_texts`.
    hidden_size, num_layers, vocab_size : int
        Size of the model (``camembert-base``: 768, 12 and 32,005).
    seed : int
        Seed of the random initialisation, so that two builds are identical.

    Returns
    -------
    Path
        ``output_dir``.
    """
    output_dir = Path(output_dir)
    tokenizer = train_camembert_tokenizer(texts if texts is not None else french_training_texts(), vocab_size)
    config = CamembertConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        num_hidden_layers=num_layers,
        num_attention_heads=max(1, hidden_size // 32),
        intermediate_size=4 * hidden_size,
        # RoBERTa-style position ids start after the padding index, hence the + 2.
        max_position_embeddings=MAX_LENGTH + 2,
        type_vocab_size=1,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(seed)
    CamembertForMaskedLM(config).save_pretrained(output_dir)
    tokenizer.save_pretrained(output_dir)
    return output_dir


def build_tiny_phi(
    output_dir: str | Path,
    texts: Iterable[str] | None = None,
    *,
    hidden_size: int = 64,
    num_layers: int = 2,
    vocab_size: int = 2000,
    seed: int = 0,
) -> Path:
    """Save a tiny, randomly initialised Phi checkpoint and its trained tokenizer.

    Like ``microsoft/phi-2``, neither the tokenizer nor the config defines a padding token.
    Parameters are those of :func:`build_tiny_camembert` (``phi-2``: 2560 hidden, 32 layers,
    51,200 tokens).
    """
    output_dir = Path(output_dir)
    tokenizer = train_phi_tokenizer(texts if texts is not None else french_training_texts(), vocab_size)
    config = PhiConfig(
        vocab_size=len(tokenizer),
        hidden_size=hidden_size,
        intermediate_size=4 * hidden_size,
        num_hidden_layers=num_layers,
        num_attention_heads=max(1, hidden_size // 16),
        max_position_embeddings=MAX_LENGTH,
        bos_token_id=tokenizer.eos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=None,
    )
    torch.manual_seed(seed)
    PhiForCausalLM(config).save_pretrained(output_dir)
    tokenizer.save_pretrained(output_dir)
    return output_dir
