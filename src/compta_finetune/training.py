"""Training steps shared by both recipes: tokenize, configure, build the Trainer, save the result.

Each function is one step of the recipes in :mod:`compta_finetune.recipes`; they follow the
current transformers API (``eval_strategy``, ``processing_class``) and pad each batch with
:class:`~transformers.DataCollatorWithPadding` rather than the whole dataset at once.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from datasets import DatasetDict
from transformers import (
    AutoConfig,
    DataCollatorWithPadding,
    EarlyStoppingCallback,
    HfArgumentParser,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    Trainer,
    TrainingArguments,
    set_seed,
)
from transformers.trainer_pt_utils import LengthGroupedSampler
from transformers.trainer_utils import PREFIX_CHECKPOINT_DIR

from compta_finetune.accounts import check_account_digits
from compta_finetune.calibration import DEFAULT_THRESHOLD, calibration_report, fit_temperature
from compta_finetune.data import CORPUS_VARIANTS, ReadOptions, TrainingData, label_maps, load_training_data, shipped_data_files
from compta_finetune.errors import DataError, ModelError, OutputError
from compta_finetune.guards import (
    TRUST_REMOTE_CODE,
    UNREADABLE_MODEL,
    StopOnNonFinite,
    check_checkpoint,
    check_model_folder,
    check_tokenizer,
    clamp_max_length,
    record_base_model,
)
from compta_finetune.metrics import compute_metrics
from compta_finetune.inference import MODEL_SETTINGS
from compta_finetune.outputs import (
    check_apart_from_inputs,
    check_output_dir,
    check_output_name,
    output_lock,
    prepare_checkpoint_dir,
    private_staging,
    remove_if_no_checkpoint,
    replace_dir,
    run_record,
    write_marker,
)
from compta_finetune.recipes import RECIPES, get_recipe

logger = logging.getLogger(__name__)


def tokenize_dataset(dataset: DatasetDict, tokenizer: PreTrainedTokenizerBase, max_length: int = 128) -> DatasetDict:
    """Tokenize the ``text`` column, truncating to ``max_length`` tokens, without padding.

    Padding here would pad every ``map`` chunk of 1,000 lines to its longest line and freeze
    it; :func:`build_trainer`'s collator pads each batch to its own longest line instead.
    Invoice lines are short: 128 tokens keep them whole and cut a pasted paragraph.
    """

    def tokenize(batch):
        return tokenizer(batch["text"], truncation=True, max_length=max_length)

    return dataset.map(tokenize, batched=True, remove_columns=["text"])


def build_training_arguments(
    output_dir: str | Path,
    *,
    learning_rate: float = 5e-5,
    batch_size: int = 16,
    epochs: float = 3.0,
    max_steps: int = -1,
    weight_decay: float = 0.01,
    seed: int = 42,
    save_steps: int | None = None,
    evaluate: bool = True,
    progress_bars: bool = True,
) -> TrainingArguments:
    """Training arguments for a classification run on one machine or several (``torchrun``).

    Parameters
    ----------
    output_dir : str or Path
        Where the Trainer writes its checkpoints.
    learning_rate, batch_size, epochs, max_steps, weight_decay, seed
        The usual hyper-parameters; ``batch_size`` is per device, ``max_steps > 0`` overrides
        ``epochs``.
    save_steps : int, optional
        Save (and evaluate) every ``save_steps`` optimisation steps; by default once per epoch.
    evaluate : bool, default True
        Evaluate on the validation split at each save; needs a validation split.
    progress_bars : bool, default True
        Show the Trainer's progress bars; without them, the logs are printed line by line.
    """
    strategy = "steps" if save_steps else "epoch"
    return TrainingArguments(
        output_dir=str(output_dir),
        eval_strategy=strategy if evaluate else "no",  # the pre-4.46 keyword is gone in transformers 5
        save_strategy=strategy,
        save_steps=save_steps or 500,
        eval_steps=save_steps,
        learning_rate=learning_rate,
        per_device_train_batch_size=batch_size,
        per_device_eval_batch_size=2 * batch_size,
        num_train_epochs=epochs,
        max_steps=max_steps,
        weight_decay=weight_decay,
        warmup_steps=0.06,  # a float below 1 is a fraction of the training steps
        # Batches of lines of similar length waste less compute on padding.
        train_sampling_strategy="group_by_length",
        # bf16 where the hardware has it; Phi-2's card warns that fp16 attention can overflow.
        bf16=torch.cuda.is_available() and torch.cuda.is_bf16_supported(),
        logging_strategy="steps",
        logging_steps=10,
        save_total_limit=2,
        dataloader_pin_memory=torch.cuda.is_available(),
        # Without an accelerator, say so: under torchrun, accelerate then sets up DDP on CPU (gloo)
        # instead of running each process alone.
        use_cpu=not _has_accelerator(),
        # Every trainable weight of both recipes takes part in each step: no extra graph traversal.
        ddp_find_unused_parameters=False,
        disable_tqdm=not progress_bars,
        seed=seed,
        report_to="none",
    )


def _has_accelerator() -> bool:
    """Whether torch sees a GPU (or another accelerator: MPS, XPU...)."""
    accelerator = getattr(torch, "accelerator", None)
    if accelerator is not None:
        return accelerator.is_available()
    return torch.cuda.is_available()


class SeededLengthGroupedSampler(LengthGroupedSampler):
    """Length-grouped sampling whose order depends only on the seed and the epoch.

    The Trainer's own ``LengthGroupedSampler`` draws its order from the global random state,
    which training itself moves on (dropout): a run resumed in its second epoch would then see
    another order than the uninterrupted run, and with several processes each one could draw a
    different order, so that some lines are trained on twice and others never. Here each epoch
    reseeds a private generator with ``seed + epoch``: every process, and every resumed run,
    draws the same order.
    """

    def __init__(self, batch_size: int, *, seed: int, **kwargs):
        super().__init__(batch_size, generator=torch.Generator(), **kwargs)
        self.seed = seed
        self.epoch = 0

    def set_epoch(self, epoch: int) -> None:
        """Called by the Trainer (and accelerate) at the start of each epoch."""
        self.epoch = epoch

    def __iter__(self):
        self.generator.manual_seed(self.seed + self.epoch)
        return super().__iter__()


class InvoiceTrainer(Trainer):
    """A :class:`~transformers.Trainer` with reproducible sampling that counts the lines it trains on.

    ``lines_trained`` is the number of training lines this process has run forward and
    backward since it started: with ``torchrun``, each process counts its own share.
    ``class_weights``, if given (one weight per label id, e.g. from :func:`balanced_class_weights`),
    makes the loss a weighted cross-entropy.
    """

    lines_trained: int = 0

    def __init__(self, *args, class_weights: torch.Tensor | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.class_weights = class_weights
        # The Trainer passes `num_items_in_batch` to any model whose forward takes **kwargs and,
        # under DDP, multiplies the loss by the number of processes, expecting the model to have
        # divided a sum by the items of all processes. CamemBERT's classification loss is a mean
        # that ignores it: the loss and its gradients came out multiplied by the number of
        # processes. Both recipes' losses are per-batch means: let DDP average them.
        self.model_accepts_loss_kwargs = False

    def _get_train_sampler(self, train_dataset=None):
        sampler = super()._get_train_sampler(train_dataset)
        if isinstance(sampler, LengthGroupedSampler):
            return SeededLengthGroupedSampler(
                sampler.batch_size,
                lengths=sampler.lengths,
                seed=self.args.data_seed if self.args.data_seed is not None else self.args.seed,
            )
        return sampler

    def training_step(self, model, inputs, num_items_in_batch=None):
        self.lines_trained += len(inputs["input_ids"])
        return super().training_step(model, inputs, num_items_in_batch)

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        """The model's own loss; with ``class_weights``, the cross-entropy weighted by account.

        The weighted loss is a per-batch mean (divided by the weights of the batch's labels, as
        :func:`torch.nn.functional.cross_entropy` does), like the models' own: the Trainer then
        handles gradient accumulation and processes alike. (Trainer's ``compute_loss_func``
        would be multiplied by the number of processes, see ``__init__``.)
        """
        if self.class_weights is None or "labels" not in inputs:
            return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
        outputs = model(**{name: value for name, value in inputs.items() if name != "labels"})
        logits = outputs["logits"]
        weights = self.class_weights.to(device=logits.device, dtype=torch.float32)
        loss = torch.nn.functional.cross_entropy(logits.float(), inputs["labels"], weight=weights)
        return (loss, outputs) if return_outputs else loss


def balanced_class_weights(labels, num_labels: int) -> torch.Tensor:
    """One weight per label id, inversely proportional to its frequency in ``labels`` (sklearn's "balanced").

    ``n_lines / (n_accounts_present * n_lines_of_the_account)``, from
    :func:`sklearn.utils.class_weight.compute_class_weight`: an account with half the average
    number of lines weighs 2, so that every account counts as much in the loss. An account
    absent from ``labels`` gets weight 1 (it is never a target).

    Examples
    --------
    >>> [round(weight, 3) for weight in balanced_class_weights([0, 0, 0, 1], num_labels=3).tolist()]
    [0.667, 2.0, 1.0]
    """
    from sklearn.utils.class_weight import compute_class_weight

    labels = np.asarray(labels)
    present = np.unique(labels)
    weights = np.ones(num_labels)
    weights[present] = compute_class_weight("balanced", classes=present, y=labels)
    return torch.tensor(weights, dtype=torch.float32)


def build_trainer(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    tokenized: DatasetDict,
    args: TrainingArguments,
    *,
    class_weights: torch.Tensor | None = None,
) -> Trainer:
    """A :class:`~transformers.Trainer` on the ``train`` split, evaluated on ``validation`` if present.

    ``class_weights`` (one per label id, see :func:`balanced_class_weights`) weighs the loss.
    """
    return InvoiceTrainer(
        class_weights=class_weights,
        model=model,
        args=args,
        train_dataset=tokenized["train"],
        eval_dataset=tokenized.get("validation"),
        processing_class=tokenizer,  # formerly `tokenizer=`, removed in transformers 5
        data_collator=DataCollatorWithPadding(tokenizer),
        compute_metrics=compute_metrics,
    )


def save_atomically(trainer: Trainer, output_dir: str | Path, results: dict | None = None) -> Path:
    """Save the trained model, its tokenizer and ``results.json``, all at once or not at all.

    Everything is written to a folder private to this run beside ``output_dir``, flushed to
    disk, then renamed into place: an interrupted save (a kill, a full disk) leaves the
    previous ``output_dir``, if any, untouched. The folder gets the marker of
    :mod:`compta_finetune.outputs`, so that a later ``--overwrite`` may replace it. With
    several processes, all of them take part in gathering the weights (FSDP, DeepSpeed) and
    only the main one writes. The model config carries ``id2label`` and ``label2id``; the
    training arguments are saved as ``training_args.json``. Weights are saved as safetensors.
    """
    output_dir = Path(output_dir).resolve()
    main_process = trainer.is_world_process_zero()
    # A folder private to this run (several processes of one run share it: its name is broadcast).
    staging = [str(private_staging(output_dir)) if main_process else None]
    if torch.distributed.is_available() and torch.distributed.is_initialized():
        torch.distributed.broadcast_object_list(staging, src=0)
    staging = Path(staging[0])
    trainer.accelerator.wait_for_everyone()
    try:
        trainer.save_model(str(staging))
        if main_process:
            # A LoRA adapter directory holds no config.json; keep the labels and padding id with it.
            base_model = getattr(trainer.model, "get_base_model", lambda: trainer.model)()
            if not (staging / "config.json").exists():
                base_model.config.architectures = [type(base_model).__name__]
                base_model.config.save_pretrained(staging)
            if (staging / "adapter_config.json").is_file():  # so that a changed base model is caught on load
                record_base_model(staging, base_model.name_or_path)
            # The Trainer pickles its arguments to training_args.bin: keep a JSON copy only.
            (staging / "training_args.bin").unlink(missing_ok=True)
            (staging / "training_args.json").write_text(trainer.args.to_json_string(), encoding="utf-8")
            if results is not None:
                (staging / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
            write_marker(staging, "model")  # what --overwrite may replace later
            replace_dir(staging, output_dir)  # permissions from the umask, fsync, then rename
    finally:
        if main_process:
            shutil.rmtree(staging, ignore_errors=True)
    trainer.accelerator.wait_for_everyone()
    return output_dir


FINE_TUNING_CONFIG_NAME = "fine_tuning_config.json"
"""File of a model directory holding the fine-tuning settings its author recommends.

It plays for ``compta-finetune train`` the part ``generation_config.json`` plays for
``generate``: values used when the user gives none. The tiny checkpoints of
:mod:`compta_finetune.testing` write one; a model directory without it gets the defaults."""

DEFAULT_EPOCHS = 3.0
"""Passes over the training data when neither the user nor the model says otherwise."""

DEFAULT_BATCH_SIZE = 16
"""Lines per batch and per device when neither the user nor the model says otherwise."""

RECOMMENDED_SETTINGS = {"learning_rate": float, "epochs": float, "batch_size": int}
"""The settings a model directory may recommend, and their types."""


def save_fine_tuning_config(model_dir: str | Path, *, source: str, **settings) -> Path:
    """Write the fine-tuning settings recommended for the model in ``model_dir`` to :data:`FINE_TUNING_CONFIG_NAME`.

    Parameters
    ----------
    model_dir : str or Path
        An existing model directory.
    source : str
        Who recommends them, and for what model (shown when they are used).
    **settings
        Some of ``learning_rate``, ``epochs``, ``batch_size``.

    Examples
    --------
    >>> import tempfile
    >>> path = save_fine_tuning_config(tempfile.mkdtemp(), learning_rate=2e-3, epochs=8, source="a test")
    >>> load_fine_tuning_config(path.parent)
    {'learning_rate': 0.002, 'epochs': 8.0}
    """
    unknown = sorted(set(settings) - set(RECOMMENDED_SETTINGS))
    if unknown:
        raise TypeError(f"unknown fine-tuning setting(s): {', '.join(unknown)}")
    path = Path(model_dir) / FINE_TUNING_CONFIG_NAME
    content = {"source": source} | {name: RECOMMENDED_SETTINGS[name](value) for name, value in settings.items()}
    path.write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")
    return path


def load_fine_tuning_config(model_name_or_path: str | Path) -> dict[str, float | int]:
    """The fine-tuning settings a local model directory recommends; ``{}`` if it recommends none.

    Only a local :data:`FINE_TUNING_CONFIG_NAME` is read (nothing is downloaded), as data: a
    value of the wrong type or not above 0 is a :class:`ModelError` naming the file and the fix.
    """
    path = Path(model_name_or_path).expanduser() / FINE_TUNING_CONFIG_NAME
    if not path.is_file():
        return {}
    fix = f"correct or delete {path}, or give the setting on the command line."
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise ModelError(f"{path} cannot be read as JSON ({error}).", fix) from None
    if not isinstance(content, dict):
        raise ModelError(f"{path} does not hold a JSON object.", fix)
    settings = {}
    for name, kind in RECOMMENDED_SETTINGS.items():
        if name not in content:
            continue
        value = content[name]
        valid = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
        if kind is int:
            valid = valid and float(value).is_integer()
        if not valid:
            expected = "a whole number" if kind is int else "a number"
            raise ModelError(f"{path}: {name} is {value!r}, expected {expected} above 0.", fix)
        settings[name] = kind(value)
    return settings


@dataclass
class FineTuningArguments:
    """Everything one fine-tuning run needs; each field is also a command-line option.

    :class:`~transformers.HfArgumentParser` turns ``output_dir`` into ``--output-dir`` (and
    ``--output_dir``), and a boolean that defaults to true, like ``lora``, into ``--lora`` and
    ``--no-lora``.
    """

    recipe: str = field(default="camembert", metadata={"help": "Recipe to run.", "choices": list(RECIPES)})
    output_dir: str = field(default="results", metadata={"help": "Where the fine-tuned model is written."})
    model: str | None = field(
        default=None,
        metadata={"help": "Hub id or local directory of the pre-trained model (default: the recipe's hub id)."},
    )
    train_file: str | None = field(default=None, metadata={"help": "CSV (text,label) to train on (default: shipped corpus)."})
    validation_file: str | None = field(
        default=None, metadata={"help": "CSV to evaluate on during training (default: a tenth of the train file, held out)."}
    )
    test_file: str | None = field(default=None, metadata={"help": "CSV for the final evaluation (optional)."})
    epochs: float | None = field(
        default=None,
        metadata={"help": f"Number of passes over the training data (default: the model's {FINE_TUNING_CONFIG_NAME}, else {DEFAULT_EPOCHS:g})."},
    )
    max_steps: int = field(default=-1, metadata={"help": "Stop after this many optimisation steps (overrides epochs)."})
    learning_rate: float | None = field(
        default=None,
        metadata={"help": f"Peak learning rate (default: the model's {FINE_TUNING_CONFIG_NAME}, else the recipe's)."},
    )
    batch_size: int | None = field(
        default=None,
        metadata={"help": f"Lines per batch and per device (default: the model's {FINE_TUNING_CONFIG_NAME}, else {DEFAULT_BATCH_SIZE})."},
    )
    max_length: int = field(default=128, metadata={"help": "Lines are truncated to this many tokens."})
    corpus: str | None = field(
        default=None,
        metadata={
            "help": "Shipped corpus to use without --train-file: balanced (the default) or skewed (as unequal as a real ledger).",
            "choices": list(CORPUS_VARIANTS),
        },
    )
    class_weights: str | None = field(
        default=None,
        metadata={
            "help": "balanced: weigh each account's loss by the inverse of its frequency in the training split "
            "(sklearn's compute_class_weight), so that rare accounts count as much as frequent ones (default: none).",
            "choices": ["balanced"],
        },
    )
    lora: bool = field(default=True, metadata={"help": "Phi-2 only: train LoRA adapters (--no-lora: all weights)."})
    seed: int = field(default=42, metadata={"help": "Random seed, for reproducible runs."})
    save_steps: int | None = field(default=None, metadata={"help": "Checkpoint every N steps (default: every epoch)."})
    early_stopping_patience: int | None = field(
        default=None,
        metadata={
            "help": "Stop when validation macro-F1 has not improved for N evaluations, and keep the best model "
            "(--epochs is then a maximum)."
        },
    )
    resume: bool = field(default=False, metadata={"help": "Resume an interrupted run from its last checkpoint."})
    overwrite: bool = field(default=False, metadata={"help": "Replace an existing output directory."})
    # How to read a firm's own files (see compta_finetune.data.ReadOptions).
    text_column: str = field(default="text", metadata={"help": "Column of the line's text, any case (e.g. Libellé)."})
    label_column: str = field(default="label", metadata={"help": "Column of the account code, any case (e.g. Compte)."})
    supplier_column: str | None = field(
        default=None, metadata={"help": "Column of the supplier, put before the text (an FEC's CompAuxLib is used anyway)."}
    )
    supplier: bool = field(default=True, metadata={"help": "Use the supplier where the data has one (--no-supplier: text only)."})
    encoding: str | None = field(
        default=None, metadata={"help": "Encoding of the files (default: detected, UTF-8 else Windows-1252)."}
    )
    account_digits: int | None = field(
        default=None,
        metadata={
            "help": "Sub-accounts: N truncates codes to N digits, 0 keeps them as written "
            "(default: trailing zeros stripped down to 3 digits, 60640000 -> 6064)."
        },
    )
    fec_classes: str = field(default="2,6", metadata={"help": "FEC: account classes whose debit lines are learned."})

    def read_options(self) -> ReadOptions:
        """How to read the data files, from the options above."""
        classes = tuple(part.strip() for part in self.fec_classes.split(",") if part.strip())
        return ReadOptions(
            text_column=self.text_column,
            label_column=self.label_column,
            supplier_column=self.supplier_column,
            use_supplier=self.supplier,
            encoding=self.encoding,
            account_digits=self.account_digits,
            fec_classes=classes,
        )

    def checkpoint_dir(self) -> Path:
        """Checkpoints live beside the output directory, which only ever holds a finished model."""
        output_dir = Path(self.output_dir)
        return output_dir.with_name(f"{output_dir.name}.checkpoints")


def parse_fine_tuning_arguments(argv: list[str] | None = None) -> FineTuningArguments:
    """Parse command-line options into :class:`FineTuningArguments` with :class:`~transformers.HfArgumentParser`."""
    (arguments,) = HfArgumentParser(FineTuningArguments).parse_args_into_dataclasses(args=argv)
    return arguments


def resolve_fine_tuning_settings(arguments: FineTuningArguments) -> tuple[FineTuningArguments, dict[str, str]]:
    """Set the learning rate, epochs and batch size left unset: the model's recommendation, else the default.

    Each of the three settings comes, in this order, from the user (the field is set), from the
    model directory's :data:`FINE_TUNING_CONFIG_NAME` (see :func:`load_fine_tuning_config`), or
    from the defaults (the recipe's learning rate, :data:`DEFAULT_EPOCHS`,
    :data:`DEFAULT_BATCH_SIZE`).

    Returns
    -------
    tuple
        A copy of ``arguments`` with the three settings set, and, for each setting, where its
        value comes from (``"given"``, ``"recommended by DIR/fine_tuning_config.json"``, or a
        default).

    Examples
    --------
    >>> resolved, sources = resolve_fine_tuning_settings(FineTuningArguments(epochs=2))
    >>> resolved.learning_rate, resolved.epochs, resolved.batch_size
    (5e-05, 2, 16)
    >>> sources
    {'learning_rate': 'default of the camembert recipe', 'epochs': 'given', 'batch_size': 'default'}
    """
    recipe = get_recipe(arguments.recipe)
    model_name = arguments.model or recipe.model_name
    recommended = load_fine_tuning_config(model_name) if _looks_like_path(model_name) else {}
    defaults = {
        "learning_rate": (recipe.learning_rate, f"default of the {arguments.recipe} recipe"),
        "epochs": (DEFAULT_EPOCHS, "default"),
        "batch_size": (DEFAULT_BATCH_SIZE, "default"),
    }
    values, sources = {}, {}
    for name, (default, default_source) in defaults.items():
        if getattr(arguments, name) is not None:
            values[name], sources[name] = getattr(arguments, name), "given"
        elif name in recommended:
            values[name] = recommended[name]
            sources[name] = f"recommended by {Path(model_name) / FINE_TUNING_CONFIG_NAME}"
        else:
            values[name], sources[name] = default, default_source
    return dataclasses.replace(arguments, **values), sources


def describe_fine_tuning_settings(arguments: FineTuningArguments, sources: dict[str, str]) -> str:
    """One line saying which learning rate, epochs and batch size a run uses, and why.

    Examples
    --------
    >>> print(describe_fine_tuning_settings(*resolve_fine_tuning_settings(FineTuningArguments(epochs=2))))
    Settings: learning rate 5e-05 (default of the camembert recipe), 2 epochs (given), batch size 16 (default).
    """
    length = f"{arguments.epochs:g} epochs ({sources['epochs']})"
    if arguments.max_steps > 0:
        length = f"{arguments.max_steps} steps (given)"
    return (
        f"Settings: learning rate {arguments.learning_rate:g} ({sources['learning_rate']}), {length}, "
        f"batch size {arguments.batch_size} ({sources['batch_size']})."
    )


def _looks_like_path(name: str) -> bool:
    """Whether ``name`` is meant as a local path rather than a hub id (``owner/name``)."""
    return name.startswith((".", "/", "~")) or "\\" in name or name.count("/") > 1 or Path(name).exists()


def _offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "0").lower() not in ("", "0", "false", "no", "off")


def fine_tuned_labels(model_name_or_path: str) -> list[str] | None:
    """The account codes of a model already fine-tuned for classification, in id order; else ``None``.

    A pre-trained checkpoint (CamemBERT, Phi-2 or a tiny one) has no classification labels of
    its own: it gets the data's. A directory written by ``compta-finetune train`` has them.
    """
    try:
        config = AutoConfig.from_pretrained(model_name_or_path, trust_remote_code=TRUST_REMOTE_CODE)
    except UNREADABLE_MODEL:
        return None  # load_pretrained reports a missing or damaged model
    id2label = getattr(config, "id2label", None) or {}
    labels = [str(id2label[index]) for index in sorted(id2label)]
    # transformers names the labels of a model that has none of its own LABEL_0, LABEL_1...
    if labels == [f"LABEL_{index}" for index in range(len(labels))]:
        return None
    return labels


_MODEL_HINT = (
    "pass a local directory with --model, build a tiny offline model with "
    "`compta-finetune tiny --output-dir DIR`, or unset HF_HUB_OFFLINE on a machine with access to the Hub."
)


def check_model_source(model_name_or_path: str) -> None:
    """Fail early, with a :class:`ModelError`, if ``model_name_or_path`` is a local path that holds no model."""
    if _looks_like_path(model_name_or_path):
        path = Path(model_name_or_path).expanduser()
        if not path.exists():
            raise ModelError(f"the model directory {model_name_or_path} does not exist.", _MODEL_HINT)
        if not (path / "config.json").is_file():
            raise ModelError(f"{model_name_or_path} is not a model directory (no config.json).", _MODEL_HINT)
        check_model_folder(path)  # no code of its own to run, a tokenizer, whole weights


def load_pretrained(recipe_name: str, model_name_or_path: str, id2label, label2id, **options):
    """Run a recipe's ``load_model_and_tokenizer``, turning a missing or mismatched model into a :class:`ModelError`.

    A model already fine-tuned on another set of accounts is refused: its classification head
    would be silently replaced or mis-read.
    """
    check_model_source(model_name_or_path)
    model_labels = fine_tuned_labels(model_name_or_path)
    data_labels = [id2label[index] for index in sorted(id2label)]
    if model_labels is not None and model_labels != data_labels:
        missing = [label for label in data_labels if label not in model_labels]
        extra = [label for label in model_labels if label not in data_labels]
        detail = (
            f"the data has {len(missing)} account(s) it does not know ({', '.join(missing[:10])})" if missing else ""
        )
        if extra:
            detail += ("; " if detail else "") + f"it knows {len(extra)} other(s) ({', '.join(extra[:10])})"
        raise ModelError(
            f"{model_name_or_path} is already fine-tuned on {len(model_labels)} accounts that differ from the "
            f"data's {len(data_labels)}: {detail or 'they are in another order'}.",
            "start from a pre-trained model (the recipe's default, a local checkpoint, or "
            "`compta-finetune tiny`), not from a model fine-tuned on other accounts.",
        )
    try:
        model, tokenizer = get_recipe(recipe_name).load_model_and_tokenizer(model_name_or_path, id2label, label2id, **options)
    except UNREADABLE_MODEL as error:
        raise ModelError(
            f"cannot load the model {model_name_or_path!r}"
            + (" (HF_HUB_OFFLINE is set: nothing is downloaded)" if _offline() else "")
            + f": {str(error).splitlines()[0]}",
            _MODEL_HINT,
        ) from None
    check_tokenizer(tokenizer, model_name_or_path)
    return model, tokenizer


def last_complete_checkpoint(checkpoint_dir: str | Path) -> Path | None:
    """The latest checkpoint of ``checkpoint_dir`` that was completely written, or ``None``.

    The Trainer writes ``trainer_state.json`` last: a checkpoint without it, or with a
    truncated one, was being written when the run was killed, and is skipped.
    """
    checkpoint_dir = Path(checkpoint_dir)
    if not checkpoint_dir.is_dir():
        return None
    candidates = []
    for path in checkpoint_dir.glob(f"{PREFIX_CHECKPOINT_DIR}-*"):
        step = path.name.rsplit("-", 1)[-1]
        if path.is_dir() and step.isdigit():
            candidates.append((int(step), path))
    for _, path in sorted(candidates, reverse=True):
        try:
            json.loads((path / "trainer_state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            logger.warning("Skipping the incomplete checkpoint %s.", path)
            continue
        return path
    return None


def _process_rank() -> int:
    """This process's rank under ``torchrun`` (0 when not distributed), before the Trainer starts."""
    return int(os.environ.get("RANK", "0"))


def _one_writer(function):
    """Run ``finetune`` holding the lock of its output directory; drop a checkpoint folder it leaves empty.

    See :func:`~compta_finetune.outputs.output_lock`: a second run on the same output stops at
    once, naming the first one's PID. Only the main process of a ``torchrun`` job takes it.
    """

    @functools.wraps(function)
    def locked(arguments: FineTuningArguments) -> dict:
        check_output_name(arguments.output_dir)
        main_process = _process_rank() == 0
        with output_lock(arguments.output_dir, purpose="compta-finetune train", enabled=main_process):
            try:
                return function(arguments)
            except BaseException:
                if main_process:
                    remove_if_no_checkpoint(arguments.checkpoint_dir())
                raise

    return locked


def check_outputs(arguments: FineTuningArguments) -> tuple[Path, Path]:
    """Check the output directory and prepare the checkpoint folder of a run; return both.

    The output directory must not be or hold an input, and is replaced only with
    ``--overwrite`` and only if compta-finetune wrote it (:func:`~compta_finetune.outputs.check_output_dir`).
    The checkpoint folder records the run's arguments and data digests, so that ``--resume``
    continues only the same run (:func:`~compta_finetune.outputs.prepare_checkpoint_dir`).
    """
    output_dir, checkpoint_dir = Path(arguments.output_dir), arguments.checkpoint_dir()
    inputs = {
        "--model": arguments.model,
        "--train-file": arguments.train_file,
        "--validation-file": arguments.validation_file,
        "--test-file": arguments.test_file,
    }
    check_output_dir(output_dir, overwrite=arguments.overwrite, inputs=inputs)
    check_apart_from_inputs(
        checkpoint_dir,
        inputs,
        option="the checkpoint folder",
        fix=f"choose another --output-dir: its checkpoint folder, {checkpoint_dir.name} beside it, must lie apart "
        "from the input files and the model you start from.",
    )
    previous = output_dir.with_name(f".{output_dir.name}.previous")
    if not output_dir.exists() and previous.is_dir():
        raise OutputError(
            f"{output_dir} is missing but {previous} holds the model it had: a save was interrupted.",
            f"rename {previous} back to {output_dir} (or delete it), then run again.",
        )
    if _process_rank() == 0:
        data_files = {split: inputs[f"--{split}-file"] for split in ("train", "validation", "test")}
        run = run_record(asdict(arguments), data_files)
        prepare_checkpoint_dir(checkpoint_dir, resume=arguments.resume, overwrite=arguments.overwrite, run=run)
    return output_dir, checkpoint_dir


@_one_writer
def finetune(arguments: FineTuningArguments) -> dict:
    """Fine-tune a recipe end to end and return its results; the model lands in ``output_dir``.

    Steps: check the output location, load and check the data, load the pre-trained model,
    tokenize, train (resuming if asked), evaluate on validation and test, then save the model
    and ``results.json`` atomically with :func:`save_atomically`.
    """
    started = time.perf_counter()
    recipe = get_recipe(arguments.recipe)
    output_dir, checkpoint_dir = check_outputs(arguments)

    model_name = arguments.model or recipe.model_name
    check_model_source(model_name)
    data = load_data(arguments, model_name)
    dataset = data.dataset
    if "validation" not in dataset:
        if dataset["train"].num_rows < 2:
            raise DataError(
                f"{arguments.train_file}: {dataset['train'].num_rows} line, too few to hold out a validation line.",
                "add lines, or give a --validation-file.",
            )
        held_out = dataset["train"].train_test_split(test_size=0.1, seed=arguments.seed)
        dataset["train"], dataset["validation"] = held_out["train"], held_out["test"]
    id2label, label2id = label_maps(dataset)
    options = recipe.options_from(arguments)
    # The new classification head (and LoRA's matrices) are drawn at random: same seed, same start.
    set_seed(arguments.seed)
    model, tokenizer = load_pretrained(arguments.recipe, model_name, id2label, label2id, **options)

    tokenized = tokenize_dataset(dataset, tokenizer, clamp_max_length(arguments.max_length, model, tokenizer))
    arguments, setting_sources = resolve_fine_tuning_settings(arguments)
    training_args = build_training_arguments(
        checkpoint_dir,
        learning_rate=arguments.learning_rate,
        batch_size=arguments.batch_size,
        epochs=arguments.epochs,
        max_steps=arguments.max_steps,
        seed=arguments.seed,
        save_steps=arguments.save_steps,
        progress_bars=sys.stderr.isatty(),
    )
    if arguments.early_stopping_patience:
        # Keep the checkpoint of the best validation macro-F1, not the last one.
        training_args.load_best_model_at_end = True
        training_args.metric_for_best_model = "macro_f1"
        training_args.greater_is_better = True
    class_weights = None
    if arguments.class_weights == "balanced":
        class_weights = balanced_class_weights(dataset["train"]["label"], len(id2label))
    trainer = build_trainer(model, tokenizer, tokenized, training_args, class_weights=class_weights)
    trainer.add_callback(StopOnNonFinite())  # a diverged run stops; it is never saved as a model
    if arguments.early_stopping_patience:
        trainer.add_callback(EarlyStoppingCallback(early_stopping_patience=arguments.early_stopping_patience))
    last_checkpoint = last_complete_checkpoint(checkpoint_dir) if arguments.resume else None
    if last_checkpoint is not None:
        check_checkpoint(last_checkpoint)
    if arguments.resume and last_checkpoint is None:
        logger.warning("No complete checkpoint in %s: training from the start.", checkpoint_dir)
    train_result = trainer.train(resume_from_checkpoint=str(last_checkpoint) if last_checkpoint else None)

    # Each process counts the lines it trained on; gather them, so that results show the split.
    lines_trained = torch.tensor([getattr(trainer, "lines_trained", 0)], device=trainer.args.device)
    lines_per_process = trainer.accelerator.gather(lines_trained).tolist()
    distributed = torch.distributed.is_available() and torch.distributed.is_initialized()
    results = {
        "recipe": arguments.recipe,
        "model_name_or_path": model_name,
        "arguments": asdict(arguments),
        # Where the learning rate, epochs and batch size come from: given, recommended by the model, default.
        "settings_sources": setting_sources,
        "resumed_from": str(last_checkpoint) if last_checkpoint else None,
        "world_size": trainer.args.world_size,
        "backend": torch.distributed.get_backend() if distributed else None,
        # How the weights were spread over the processes: copies (DDP) or shards (FSDP, DeepSpeed ZeRO).
        "sharding": "fsdp" if trainer.is_fsdp_enabled else "deepspeed" if trainer.is_deepspeed_enabled else None,
        "train_lines": len(tokenized["train"]),
        "global_step": trainer.state.global_step,
        # Lines run forward and backward by each process in this run (after a resume: since it).
        "lines_per_process": lines_per_process,
        "train": train_result.metrics,
        "validation": trainer.evaluate(),
    }
    if "test" in tokenized:
        results["test"] = trainer.evaluate(tokenized["test"], metric_key_prefix="test")
    results["data"] = data_report(data)
    results["calibration"] = calibrate(trainer, tokenized)
    _store_settings(trainer, data, results["calibration"])
    results["log_history"] = trainer.state.log_history
    results["seconds"] = round(time.perf_counter() - started, 3)
    save_atomically(trainer, output_dir, results)
    if trainer.is_world_process_zero():
        shutil.rmtree(checkpoint_dir, ignore_errors=True)
    return results


def load_data(arguments: FineTuningArguments, model_name: str) -> TrainingData:
    """Read the training files with the run's options and print what was read (main process only).

    The label set is the accounts of the training data after normalisation; a model already
    fine-tuned on the same accounts keeps its label order (and head).
    """
    options = arguments.read_options()
    if not options.fec_classes or not all(part.isdigit() for part in options.fec_classes):
        raise DataError(f"--fec-classes {arguments.fec_classes!r} is not a list of account classes.", "pass e.g. --fec-classes 2,6.")
    try:
        check_account_digits(options.account_digits)
    except ValueError as error:
        raise DataError(f"{error}.", "pass --account-digits 0, 3, 4... or leave it out.") from None
    files = _data_files(arguments)
    data = load_training_data(files, options=options)
    known = fine_tuned_labels(model_name)
    names = data.dataset["train"].features["label"].names
    if known is not None and known != names and sorted(known) == sorted(names):
        data = load_training_data(files, labels=known, options=options)
    if _process_rank() == 0:
        for line in data.report_lines():
            print(line, file=sys.stderr, flush=True)
    return data


def data_report(data: TrainingData) -> dict:
    """What ``results.json`` records about the data: files, rule, label set, lines left out."""
    return {
        "files": {split: labelled.describe() for split, labelled in data.files.items()},
        "account_rule": data.account_rule(),
        "accounts": len(data.dataset["train"].features["label"].names),
        "supplier": data.supplier,
        "left_out": data.left_out,
    }


def calibrate(trainer: Trainer, tokenized: DatasetDict, threshold: float = DEFAULT_THRESHOLD) -> dict:
    """Fit the temperature on the validation logits; report ECE and routing before and after, per split.

    Returns
    -------
    dict
        ``temperature``, ``fitted_on`` and, for ``validation`` (and ``test``), the reports of
        :func:`~compta_finetune.calibration.calibration_report` before (``raw``) and after
        (``calibrated``) scaling, at ``threshold``.
    """
    outputs = {split: trainer.predict(tokenized[split]) for split in ("validation", "test") if split in tokenized}
    validation = outputs["validation"]
    logits = validation.predictions[0] if isinstance(validation.predictions, tuple) else validation.predictions
    temperature = fit_temperature(logits, validation.label_ids) if len(validation.label_ids) else 1.0
    calibration = {"temperature": temperature, "fitted_on": "validation", "threshold": threshold}
    for split, output in outputs.items():
        split_logits = output.predictions[0] if isinstance(output.predictions, tuple) else output.predictions
        if len(output.label_ids):
            calibration[split] = {
                "raw": calibration_report(split_logits, output.label_ids, 1.0, threshold),
                "calibrated": calibration_report(split_logits, output.label_ids, temperature, threshold),
            }
    return calibration


def _store_settings(trainer: Trainer, data: TrainingData, calibration: dict) -> None:
    """Keep the temperature, the sub-account rule and the read options in the model's config (saved with it)."""
    base_model = getattr(trainer.model, "get_base_model", lambda: trainer.model)()
    setattr(
        base_model.config,
        MODEL_SETTINGS,
        {
            "calibration": {key: calibration[key] for key in ("temperature", "fitted_on", "threshold")},
            "accounts": data.account_rule(),
            "read_options": data.options.to_dict(),
            "supplier": data.supplier,
        },
    )


def _data_files(arguments: FineTuningArguments) -> dict[str, str] | None:
    if arguments.train_file is None:
        if arguments.validation_file or arguments.test_file:
            raise DataError(
                "--validation-file/--test-file given without --train-file.",
                "give --train-file too, or none of them to use the shipped corpus.",
            )
        return {split: str(path) for split, path in shipped_data_files(arguments.corpus or "balanced").items()}
    if arguments.corpus is not None:
        raise DataError(
            "--corpus chooses a shipped corpus, but --train-file gives your own.",
            "drop --corpus to train on your files, or drop --train-file to train on the shipped corpus.",
        )
    files = {"train": arguments.train_file, "validation": arguments.validation_file, "test": arguments.test_file}
    return {split: path for split, path in files.items() if path}
