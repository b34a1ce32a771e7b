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
the real weights: the classification head is new in both cases.

At this size, the real models' initialisation does not train: with weights drawn at
``initializer_range=0.02`` (right for 768 dimensions) and dropout 0.1, a 64-dimensional model's
first-token state barely depends on the line, and fine-tuning stays at the uniform loss ln 21.
The tiny checkpoints are therefore drawn at 0.1, without dropout. Optionally
(``pretraining_epochs``), they are then pre-trained for a few seconds on the corpus texts with
the architecture's own objective (:func:`~compta_finetune.pretraining.pretrain_language_model`),
as ``compta-finetune tiny`` does. Each one stores the fine-tuning settings that train it in
:data:`~compta_finetune.training.FINE_TUNING_CONFIG_NAME`, which ``compta-finetune train`` uses
when it is given none.
"""

from __future__ import annotations

import json
import tempfile
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
from compta_finetune.pretraining import pretrain_language_model
from compta_finetune.training import save_fine_tuning_config

CAMEMBERT_SPECIAL_TOKENS = ["<s>NOTUSED", "<pad>", "</s>NOTUSED", "<unk>", "<unk>NOTUSED", "<s>", "</s>", "<mask>"]
"""Special tokens in the order of ``almanach/camembert-base``'s vocabulary."""

PHI_END_OF_TEXT = "<|endoftext|>"
"""Phi-2's only special token: beginning, end and unknown token at once."""

MAX_LENGTH = 128
"""Context length of the tiny checkpoints (the real ones have 512 and 2048)."""

TINY_INITIALIZER_RANGE = 0.1
"""Standard deviation of the tiny checkpoints' random weights (the real models': 0.02).

At 64 dimensions, 0.02 leaves every line with nearly the same first-token state, and
fine-tuning stalls at the uniform loss; 0.1 trains from the first steps."""

CAMEMBERT_PRETRAINING_EPOCHS = 0.5
"""Passes of masked language modelling that ``compta-finetune tiny`` runs on the corpus texts."""

PHI_PRETRAINING_EPOCHS = 0.5
"""Passes of next-token prediction that ``compta-finetune tiny`` runs on the corpus texts."""

PRETRAINING = {"learning_rate": 3e-3, "batch_size": 32, "mlm_probability": 0.5}
"""Settings of the tiny checkpoints' pre-training: a small model on little text learns faster
with a high learning rate and, for masked language modelling, half of the tokens masked."""

TINY_CAMEMBERT_FINE_TUNING = {"learning_rate": 2e-3, "epochs": 8.0, "batch_size": 32}
"""Fine-tuning settings stored in a tiny CamemBERT checkpoint (measured by ``benchmarks/tiny_learns.py``).

A small, randomly initialised or briefly pre-trained model needs a learning rate 40 times
CamemBERT's 5e-5 and several passes over the corpus."""

TINY_PHI_FINE_TUNING = {"learning_rate": 3e-3, "epochs": 8.0, "batch_size": 32}
"""Fine-tuning settings stored in a tiny Phi checkpoint (LoRA, the recipe's default).

With them, LoRA learns, but little: about 29 % macro-F1 on the independent lines
(``benchmarks/tiny_learns.py --recipe phi2``), because LoRA adapts representations that a base
pre-trained for a few seconds barely has."""


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
    vocab = json.loads(unigram.to_str())["model"]["vocab"]
    # The trainer computes its scores in parallel: they vary in the eleventh decimal, and pieces
    # of equal score come out in another order from run to run. Numbered in alphabetical order,
    # with scores rounded, the same text gets the same ids, and the same seed the same model.
    special = len(CAMEMBERT_SPECIAL_TOKENS)
    pieces = sorted((piece, round(score, 5)) for piece, score in vocab[special:])
    return CamembertTokenizer(vocab=[tuple(entry) for entry in vocab[:special]] + pieces, model_max_length=MAX_LENGTH)


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
    initializer_range: float = TINY_INITIALIZER_RANGE,
    dropout: float = 0.0,
    pretraining_epochs: float = 0.0,
    fine_tuning: dict | None = None,
) -> Path:
    """Save a tiny CamemBERT checkpoint, its trained tokenizer and its recommended fine-tuning settings.

    Parameters
    ----------
    output_dir : str or Path
        Where to save; load it with ``from_pretrained(output_dir)`` like a hub id.
    texts : iterable of str, optional
        Text for the tokenizer (and the pre-training); by default :func:`french_training_texts`.
    hidden_size, num_layers, vocab_size : int
        Size of the model (``camembert-base``: 768, 12 and 32,005).
    seed : int
        Seed of the random initialisation and of the pre-training, so that two builds are identical.
    initializer_range : float, default :data:`TINY_INITIALIZER_RANGE`
        Standard deviation of the random weights.
    dropout : float, default 0
        Dropout of the hidden states and attention (``camembert-base``: 0.1).
    pretraining_epochs : float, default 0
        Passes of masked language modelling over ``texts`` after the random initialisation
        (``compta-finetune tiny``: :data:`CAMEMBERT_PRETRAINING_EPOCHS`, a few seconds); 0 keeps
        the random weights.
    fine_tuning : dict, optional
        Fine-tuning settings to store (``learning_rate``, ``epochs``, ``batch_size``); by default
        :data:`TINY_CAMEMBERT_FINE_TUNING`.

    Returns
    -------
    Path
        ``output_dir``.
    """
    output_dir = Path(output_dir)
    texts = list(texts) if texts is not None else french_training_texts()
    tokenizer = train_camembert_tokenizer(texts, vocab_size)
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
        initializer_range=initializer_range,
        hidden_dropout_prob=dropout,
        attention_probs_dropout_prob=dropout,
    )
    torch.manual_seed(seed)
    _save(CamembertForMaskedLM(config), tokenizer, output_dir, texts, pretraining_epochs, masked=True, seed=seed)
    settings = TINY_CAMEMBERT_FINE_TUNING if fine_tuning is None else fine_tuning
    save_fine_tuning_config(output_dir, **settings, source=_source("CamemBERT", hidden_size, pretraining_epochs))
    return output_dir


def build_tiny_phi(
    output_dir: str | Path,
    texts: Iterable[str] | None = None,
    *,
    hidden_size: int = 64,
    num_layers: int = 2,
    vocab_size: int = 2000,
    seed: int = 0,
    initializer_range: float = TINY_INITIALIZER_RANGE,
    pretraining_epochs: float = 0.0,
    fine_tuning: dict | None = None,
) -> Path:
    """Save a tiny Phi checkpoint, its trained tokenizer and its recommended fine-tuning settings.

    Like ``microsoft/phi-2``, neither the tokenizer nor the config defines a padding token, and
    there is no dropout. Parameters are those of :func:`build_tiny_camembert` (``phi-2``: 2560
    hidden, 32 layers, 51,200 tokens); ``pretraining_epochs`` are passes of next-token
    prediction (``compta-finetune tiny``: :data:`PHI_PRETRAINING_EPOCHS`), and the default
    ``fine_tuning`` is :data:`TINY_PHI_FINE_TUNING`.
    """
    output_dir = Path(output_dir)
    texts = list(texts) if texts is not None else french_training_texts()
    tokenizer = train_phi_tokenizer(texts, vocab_size)
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
        initializer_range=initializer_range,
    )
    torch.manual_seed(seed)
    _save(PhiForCausalLM(config), tokenizer, output_dir, texts, pretraining_epochs, masked=False, seed=seed)
    settings = TINY_PHI_FINE_TUNING if fine_tuning is None else fine_tuning
    save_fine_tuning_config(output_dir, **settings, source=_source("Phi", hidden_size, pretraining_epochs))
    return output_dir


def _save(model, tokenizer, output_dir: Path, texts: list[str], pretraining_epochs: float, *, masked: bool, seed: int):
    """Save ``model`` and ``tokenizer`` to ``output_dir``, pre-trained for ``pretraining_epochs`` if positive."""
    if pretraining_epochs <= 0:
        model.save_pretrained(output_dir)
        tokenizer.save_pretrained(output_dir)
        return
    with tempfile.TemporaryDirectory(prefix="tiny-random-") as random_dir:
        model.save_pretrained(random_dir)
        tokenizer.save_pretrained(random_dir)
        pretrain_language_model(
            random_dir, texts, output_dir, masked=masked, epochs=pretraining_epochs, seed=seed, **PRETRAINING
        )


def _source(architecture: str, hidden_size: int, pretraining_epochs: float) -> str:
    state = f"pre-trained for {pretraining_epochs:g} epoch(s) on the corpus" if pretraining_epochs > 0 else "random weights"
    return f"tiny {architecture} checkpoint ({hidden_size} dimensions, {state}), built by compta_finetune.testing"
