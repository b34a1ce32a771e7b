"""Training steps shared by both recipes: tokenize, configure, build the Trainer, save the result.

Each function is one step of the recipes in :mod:`compta_finetune.recipes`; they follow the
current transformers API (``eval_strategy``, ``processing_class``) and pad each batch with
:class:`~transformers.DataCollatorWithPadding` rather than the whole dataset at once.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from datasets import DatasetDict
from transformers import (
    DataCollatorWithPadding,
    HfArgumentParser,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    Trainer,
    TrainingArguments,
)

from transformers.trainer_utils import get_last_checkpoint

from compta_finetune.data import label_maps, load_invoice_dataset
from compta_finetune.errors import DataError, ModelError, OutputError
from compta_finetune.metrics import compute_metrics
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
    """
    strategy = "steps" if save_steps else "epoch"
    return TrainingArguments(
        output_dir=str(output_dir),
        eval_strategy=strategy if evaluate else "no",  # formerly `evaluation_strategy`
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
        seed=seed,
        report_to="none",
    )


def build_trainer(
    model: PreTrainedModel,
    tokenizer: PreTrainedTokenizerBase,
    tokenized: DatasetDict,
    args: TrainingArguments,
) -> Trainer:
    """A :class:`~transformers.Trainer` on the ``train`` split, evaluated on ``validation`` if present."""
    return Trainer(
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

    Everything is written to a temporary directory beside ``output_dir``, then renamed into
    place: an interrupted save leaves the previous ``output_dir``, if any, untouched. With
    several processes, only the main one writes. The model config carries ``id2label`` and
    ``label2id``; the training arguments are saved as ``training_args.json``.
    """
    output_dir = Path(output_dir).resolve()
    if trainer.is_world_process_zero():
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.", dir=output_dir.parent))
        try:
            trainer.save_model(str(staging))
            # A LoRA adapter directory holds no config.json; keep the labels and padding id with it.
            base_model = getattr(trainer.model, "get_base_model", lambda: trainer.model)()
            if not (staging / "config.json").exists():
                base_model.config.save_pretrained(staging)
            (staging / "training_args.json").write_text(trainer.args.to_json_string(), encoding="utf-8")
            if results is not None:
                (staging / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
            previous = None
            if output_dir.exists():
                previous = output_dir.with_name(f".{output_dir.name}.previous")
                shutil.rmtree(previous, ignore_errors=True)
                os.replace(output_dir, previous)
            os.replace(staging, output_dir)
            if previous is not None:
                shutil.rmtree(previous)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    trainer.accelerator.wait_for_everyone()
    return output_dir


@dataclass
class FineTuningArguments:
    """Everything one fine-tuning run needs; each field is also a command-line option."""

    recipe: str = field(default="camembert", metadata={"help": "Recipe to run.", "choices": list(RECIPES)})
    output_dir: str = field(default="results", metadata={"help": "Where the fine-tuned model is written."})
    model: str | None = field(
        default=None,
        metadata={"help": "Hub id or local directory of the pre-trained model (default: the recipe's hub id)."},
    )
    train_file: str | None = field(default=None, metadata={"help": "CSV (text,label) to train on (default: shipped corpus)."})
    validation_file: str | None = field(
        default=None, metadata={"help": "CSV to evaluate on during training (default: 10 % held out of the train file)."}
    )
    test_file: str | None = field(default=None, metadata={"help": "CSV for the final evaluation (optional)."})
    epochs: float = field(default=3.0, metadata={"help": "Number of passes over the training data."})
    max_steps: int = field(default=-1, metadata={"help": "Stop after this many optimisation steps (overrides epochs)."})
    learning_rate: float | None = field(default=None, metadata={"help": "Peak learning rate (default: the recipe's)."})
    batch_size: int = field(default=16, metadata={"help": "Lines per batch and per device."})
    max_length: int = field(default=128, metadata={"help": "Lines are truncated to this many tokens."})
    lora: bool = field(default=True, metadata={"help": "Phi-2 only: train LoRA adapters (--no-lora: all weights)."})
    seed: int = field(default=42, metadata={"help": "Random seed, for reproducible runs."})
    save_steps: int | None = field(default=None, metadata={"help": "Checkpoint every N steps (default: every epoch)."})
    resume: bool = field(default=False, metadata={"help": "Resume an interrupted run from its last checkpoint."})
    overwrite: bool = field(default=False, metadata={"help": "Replace an existing output directory."})

    def checkpoint_dir(self) -> Path:
        """Checkpoints live beside the output directory, which only ever holds a finished model."""
        output_dir = Path(self.output_dir)
        return output_dir.with_name(f"{output_dir.name}.checkpoints")


def parse_fine_tuning_arguments(argv: list[str] | None = None) -> FineTuningArguments:
    """Parse command-line options into :class:`FineTuningArguments` with :class:`~transformers.HfArgumentParser`."""
    (arguments,) = HfArgumentParser(FineTuningArguments).parse_args_into_dataclasses(args=argv)
    return arguments


def load_pretrained(recipe_name: str, model_name_or_path: str, id2label, label2id, **options):
    """Run a recipe's ``load_model_and_tokenizer``, turning a missing model into a :class:`ModelError`."""
    try:
        return get_recipe(recipe_name).load_model_and_tokenizer(model_name_or_path, id2label, label2id, **options)
    except OSError as error:
        offline = os.environ.get("HF_HUB_OFFLINE", "0") not in ("", "0", "false", "False")
        raise ModelError(
            f"cannot load the model {model_name_or_path!r}"
            + (" (HF_HUB_OFFLINE is set: nothing is downloaded)" if offline else "")
            + f": {str(error).splitlines()[0]}",
            "pass a local directory with --model, build a tiny offline model with "
            "`compta-finetune tiny`, or unset HF_HUB_OFFLINE on a machine with access to the Hub.",
        ) from None


def finetune(arguments: FineTuningArguments) -> dict:
    """Fine-tune a recipe end to end and return its results; the model lands in ``output_dir``.

    Steps: check the output location, load and check the data, load the pre-trained model,
    tokenize, train (resuming if asked), evaluate on validation and test, then save the model
    and ``results.json`` atomically with :func:`save_atomically`.
    """
    recipe = get_recipe(arguments.recipe)
    output_dir, checkpoint_dir = Path(arguments.output_dir), arguments.checkpoint_dir()
    if output_dir.exists() and not arguments.overwrite:
        raise OutputError(f"{output_dir} already exists.", "pass --overwrite to replace it, or choose another --output-dir.")
    if checkpoint_dir.exists() and not arguments.resume:
        if not arguments.overwrite:
            raise OutputError(
                f"{checkpoint_dir} holds checkpoints of an interrupted run.",
                "pass --resume to continue that run, or --overwrite to start over.",
            )
        shutil.rmtree(checkpoint_dir)

    dataset = load_invoice_dataset(_data_files(arguments))
    if "validation" not in dataset:
        held_out = dataset["train"].train_test_split(test_size=0.1, seed=arguments.seed)
        dataset["train"], dataset["validation"] = held_out["train"], held_out["test"]
    id2label, label2id = label_maps(dataset)
    model_name = arguments.model or recipe.MODEL_NAME
    options = {"lora": arguments.lora} if arguments.recipe == "phi2" else {}
    model, tokenizer = load_pretrained(arguments.recipe, model_name, id2label, label2id, **options)

    tokenized = tokenize_dataset(dataset, tokenizer, arguments.max_length)
    training_args = build_training_arguments(
        checkpoint_dir,
        learning_rate=arguments.learning_rate or recipe.LEARNING_RATE,
        batch_size=arguments.batch_size,
        epochs=arguments.epochs,
        max_steps=arguments.max_steps,
        seed=arguments.seed,
        save_steps=arguments.save_steps,
    )
    trainer = build_trainer(model, tokenizer, tokenized, training_args)
    last_checkpoint = get_last_checkpoint(str(checkpoint_dir)) if arguments.resume and checkpoint_dir.is_dir() else None
    if arguments.resume and last_checkpoint is None:
        logger.warning("No checkpoint in %s: training from the start.", checkpoint_dir)
    train_result = trainer.train(resume_from_checkpoint=last_checkpoint)

    results = {
        "recipe": arguments.recipe,
        "model_name_or_path": model_name,
        "arguments": asdict(arguments),
        "train": train_result.metrics,
        "validation": trainer.evaluate(),
    }
    if "test" in tokenized:
        results["test"] = trainer.evaluate(tokenized["test"], metric_key_prefix="test")
    results["log_history"] = trainer.state.log_history
    save_atomically(trainer, output_dir, results)
    if trainer.is_world_process_zero():
        shutil.rmtree(checkpoint_dir, ignore_errors=True)
    return results


def _data_files(arguments: FineTuningArguments) -> dict[str, str] | None:
    if arguments.train_file is None:
        if arguments.validation_file or arguments.test_file:
            raise DataError(
                "--validation-file/--test-file given without --train-file.",
                "give --train-file too, or none of them to use the shipped corpus.",
            )
        return None
    files = {"train": arguments.train_file, "validation": arguments.validation_file, "test": arguments.test_file}
    return {split: path for split, path in files.items() if path}
