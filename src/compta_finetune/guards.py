"""Checks that refuse a model folder or a training run before it runs foreign code or yields garbage.

* :func:`check_no_custom_code`: a folder whose config asks transformers to import Python
  files of its own (``auto_map``), or whose architecture transformers does not know, is
  refused: loading it would mean running code from the folder. Every ``from_pretrained`` of
  the package also passes ``trust_remote_code=False``, so that transformers never asks
  « Do you wish to run the custom code? » on standard input, whatever it holds.
* :func:`check_tokenizer_files` and :func:`check_tokenizer`: a folder without tokenizer files
  makes transformers 5 build an empty tokenizer that turns every word into ``<unk>``;
  training and predicting would then succeed with garbage.
* :func:`check_weights`: a truncated or empty ``*.safetensors`` file is refused with its
  name, before the loader fails deep inside.
* :func:`check_checkpoint`: a checkpoint whose random-number state or trainer state cannot
  be read (truncated, tampered) is refused before ``--resume`` uses it.
* :func:`record_base_model` and :func:`check_base_model`: a LoRA adapter remembers the digest
  of the local base model it was trained on; loaded on a base that is missing or has changed
  since, it is refused instead of predicting with weights it was not trained for.
* :class:`StopOnNonFinite`: a run whose gradients become NaN or infinite stops at once, naming
  the learning rate; the model is not saved.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
import warnings
from pathlib import Path

from huggingface_hub.errors import StrictDataclassError
from transformers import TrainerCallback

from compta_finetune.errors import ModelError, TrainingError

TRUST_REMOTE_CODE = False
"""Passed to every ``from_pretrained``: code shipped with a model is never run."""

UNREADABLE_MODEL = (OSError, ValueError, TypeError, AttributeError, KeyError, StrictDataclassError)
"""What ``from_pretrained`` raises on a model folder it cannot read: a file missing or damaged
(``OSError``, ``ValueError``), or a config value of the wrong type (``"layer_norm_eps": "x"``
raises ``StrictDataclassError``, ``"id2label": "x"`` an ``AttributeError``)."""

MIN_VOCABULARY = 100
"""Fewer tokens than this is not a tokenizer for French text (an empty one has a handful)."""

TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer_config.json",
    "sentencepiece.bpe.model",
    "spiece.model",
    "tokenizer.model",
    "vocab.json",
    "vocab.txt",
)
"""File names from which transformers can build a tokenizer; a folder needs at least one of them."""


def _read_json(path: Path) -> dict:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ModelError(
            f"{path} cannot be read ({error}).",
            "restore the file from the model it comes from, or train the model again.",
        ) from None
    if not isinstance(content, dict):
        raise ModelError(f"{path} is not a JSON object.", "restore the file from the model it comes from.")
    return content


def check_no_custom_code(model_dir: str | Path) -> None:
    """Refuse a local model folder whose loading would run Python code shipped in it.

    Transformers runs a folder's own code when its ``config.json`` (or
    ``tokenizer_config.json``) has an ``auto_map``, or when its ``model_type`` is not one
    transformers knows. Hub ids are not checked here: ``trust_remote_code=False`` makes
    transformers refuse them instead of asking.

    Raises
    ------
    ModelError
        Naming the file and the code it asks to run.
    """
    from transformers import CONFIG_MAPPING

    model_dir = Path(model_dir)
    fix = (
        "use a model whose architecture is built into transformers (CamemBERT, Phi...): "
        "compta-finetune never runs code shipped with a model."
    )
    for name in ("config.json", "tokenizer_config.json"):
        path = model_dir / name
        if not path.is_file():
            continue
        content = _read_json(path)
        if content.get("auto_map"):
            modules = sorted({str(target).split(".")[0] for target in _targets(content["auto_map"])})
            raise ModelError(
                f"{path} asks to run Python code shipped with the model (auto_map: {', '.join(modules) or '?'}).",
                fix,
            )
        if name == "config.json":
            model_type = content.get("model_type")
            if not model_type or model_type not in CONFIG_MAPPING:
                raise ModelError(
                    f"{path}: the model type {model_type!r} is not built into transformers; loading it would "
                    "need code from outside the library.",
                    fix,
                )


def _targets(mapping) -> list[str]:
    if isinstance(mapping, dict):
        return [target for value in mapping.values() for target in _targets(value)]
    if isinstance(mapping, (list, tuple)):
        return [target for value in mapping for target in _targets(value)]
    return [mapping] if mapping else []


def check_tokenizer_files(model_dir: str | Path) -> None:
    """Refuse a local model folder without any tokenizer file (transformers would build an empty one)."""
    model_dir = Path(model_dir)
    if model_dir.is_dir() and not any((model_dir / name).is_file() for name in TOKENIZER_FILES):
        raise ModelError(
            f"{model_dir} holds no tokenizer (none of {', '.join(TOKENIZER_FILES[:2])}...): every word would "
            "be read as unknown.",
            "copy the tokenizer files of the model it comes from into the folder (tokenizer.json, "
            "tokenizer_config.json), or use a folder written by `compta-finetune tiny` or `train`.",
        )


def check_tokenizer(tokenizer, source: str | Path) -> None:
    """Refuse a tokenizer with a handful of tokens: it reads every word as unknown."""
    size = len(tokenizer)
    if size < MIN_VOCABULARY:
        raise ModelError(
            f"the tokenizer of {source} has {size} tokens only: every word would be read as unknown.",
            "copy the tokenizer files of the model it comes from into the folder (tokenizer.json, "
            "tokenizer_config.json), or use a folder written by `compta-finetune tiny` or `train`.",
        )


def check_weights(model_dir: str | Path) -> None:
    """Refuse a local folder whose ``*.safetensors`` files are empty, truncated or not safetensors.

    A safetensors file is an 8-byte header length, a JSON header giving each tensor's byte
    range, then the bytes: the file must be as long as the header says.
    """
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        return
    for path in sorted(model_dir.glob("*.safetensors")):
        problem = _safetensors_problem(path)
        if problem:
            raise ModelError(
                f"{path} is damaged: {problem}.",
                "copy the file again from where it came from, or train the model again.",
            )


BASE_MODEL_RECORD = "base_model.json"
"""File of a LoRA adapter folder naming the local base model and the digest of its weights."""


def _weights_digest(model_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(model_dir.glob("*.safetensors")):
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def record_base_model(adapter_dir: str | Path, base_model: str | Path) -> None:
    """Write, in a LoRA adapter folder, the digest of the local base model's weights (nothing for a hub id)."""
    base = Path(base_model)
    if base.is_dir():
        record = {"base_model": str(base.resolve()), "weights_sha256": _weights_digest(base)}
        (Path(adapter_dir) / BASE_MODEL_RECORD).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


def check_base_model(adapter_dir: str | Path, base_model: str | Path) -> None:
    """Refuse a local base model that is missing, or whose weights changed since the adapter was trained on it.

    Raises
    ------
    ModelError
        Naming the base model and the fix.
    """
    adapter_dir, base = Path(adapter_dir), Path(base_model)
    looks_local = base.is_absolute() or str(base_model).startswith((".", "~")) or str(base_model).count("/") > 1
    if looks_local and not base.is_dir():
        raise ModelError(
            f"{adapter_dir} holds LoRA adapters for the base model {base_model}, which no longer exists.",
            "put the base model back at that path (the adapters are trained for its weights), or train again.",
        )
    record_path = adapter_dir / BASE_MODEL_RECORD
    if not base.is_dir() or not record_path.is_file():
        return
    recorded = _read_json(record_path).get("weights_sha256")
    if recorded and recorded != _weights_digest(base):
        raise ModelError(
            f"the base model {base_model} has changed since the LoRA adapters of {adapter_dir} were trained on it "
            "(its weights differ): the adapters would be applied to weights they were not trained for.",
            "restore the base model the adapters were trained on, or train the adapters again on this one.",
        )


def _safetensors_problem(path: Path) -> str | None:
    size = path.stat().st_size
    if size < 8:
        return f"{size} bytes, too short for a safetensors file (empty or truncated)"
    with open(path, "rb") as handle:
        (header_size,) = struct.unpack("<Q", handle.read(8))
        if header_size > size - 8:
            return "truncated (its header is cut)"
        try:
            header = json.loads(handle.read(header_size))
        except ValueError:
            return "not a safetensors file (its header is not JSON)"
    if not isinstance(header, dict):
        return "not a safetensors file"
    end = max(
        (entry["data_offsets"][1] for name, entry in header.items() if name != "__metadata__" and isinstance(entry, dict)),
        default=0,
    )
    if 8 + header_size + end > size:
        return f"truncated ({size:,} bytes where its header announces {8 + header_size + end:,})"
    return None


def check_model_folder(model_dir: str | Path, *, tokenizer: bool = True) -> None:
    """All the checks on a local model folder: no custom code, tokenizer files, whole weights."""
    check_no_custom_code(model_dir)
    if tokenizer:
        check_tokenizer_files(model_dir)
    check_weights(model_dir)


def model_max_length(model, tokenizer) -> int | None:
    """The most tokens a line may have for ``model``: its position embeddings, less RoBERTa's offset.

    RoBERTa-style models (CamemBERT) number positions from the padding id + 1, so that
    ``max_position_embeddings`` = 514 holds 512 tokens. The tokenizer's own limit, when it
    has a real one, is used if smaller.
    """
    config = getattr(model, "config", None)
    positions = getattr(config, "max_position_embeddings", None)
    limits = []
    if positions:
        offset = (config.pad_token_id or 0) + 1 if config.model_type in ("roberta", "camembert", "xlm-roberta") else 0
        limits.append(positions - offset)
    tokenizer_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < 1_000_000:
        limits.append(tokenizer_limit)
    return min(limits) if limits else None


def clamp_max_length(max_length: int, model, tokenizer) -> int:
    """``max_length``, lowered with a warning to what the model can read (see :func:`model_max_length`).

    A longer ``--max-length`` would make a long line index past the position embeddings and
    stop training with an ``IndexError``; lines are truncated to the model's limit instead.
    """
    limit = model_max_length(model, tokenizer)
    if limit is not None and max_length > limit:
        warnings.warn(
            f"--max-length {max_length} is more than the model reads ({limit} tokens): lines are truncated "
            f"to {limit} tokens.",
            UserWarning,
            stacklevel=2,
        )
        return limit
    return max_length


def check_checkpoint(checkpoint: str | Path) -> None:
    """Refuse, before ``--resume``, a checkpoint whose state files cannot be read back.

    The random-number states are read the way the Trainer reads them (``weights_only``: no
    pickled code runs), the weights' headers are checked like :func:`check_weights`.
    """
    import torch
    from transformers.trainer_pt_utils import safe_globals

    checkpoint = Path(checkpoint)
    fix = (
        f"delete {checkpoint} to resume from the checkpoint before it, or run again with --overwrite "
        "to start over."
    )
    for path in sorted(checkpoint.glob("rng_state*.pth")):
        try:
            # The Trainer's own allowlist (numpy's random state), nothing that runs code; torch's
            # warnings about a foreign file's pickle protocol are replaced by the message below.
            with safe_globals(), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                state = torch.load(path, weights_only=True)
        except Exception:  # noqa: BLE001 - torch raises many kinds; its advice (weights_only=False) is unsafe
            raise ModelError(
                f"{path} cannot be read: it is damaged, or was modified (it is not a state saved by the Trainer).",
                fix,
            ) from None
        if not isinstance(state, dict) or "python" not in state or "cpu" not in state:
            raise ModelError(f"{path} is not a random-number state saved by the Trainer.", fix)
    for path in sorted(checkpoint.glob("*.safetensors")):
        problem = _safetensors_problem(path)
        if problem:
            raise ModelError(f"{path} is damaged: {problem}.", fix)


def _finite(value) -> bool:
    return value is None or math.isfinite(value)


class StopOnNonFinite(TrainerCallback):
    """Stop training as soon as a gradient (hence the loss behind it) is NaN or infinite.

    The Trainer hides a NaN loss from its logs (``logging_nan_inf_filter``) and would go on
    to save NaN weights as a finished model. Before each optimizer step, this callback checks
    the gradients of the trained weights (a non-finite loss gives non-finite gradients), and
    after each evaluation the validation loss; either raises
    :class:`~compta_finetune.errors.TrainingError` naming the step and the learning rate. The
    checkpoints already written are kept; the one of that step is never written (the Trainer
    evaluates before it saves).
    """

    def on_pre_optimizer_step(self, args, state, control, model=None, **kwargs):
        import torch

        gradients = [p.grad for p in model.parameters() if p.requires_grad and p.grad is not None]
        if gradients and not bool(torch.stack([g.isfinite().all() for g in gradients]).all()):
            raise TrainingError(
                f"training diverged at step {state.global_step + 1}: the loss and gradients are no longer finite "
                f"numbers (NaN or infinite) with the learning rate {args.learning_rate:g}. Nothing was saved as a model.",
                "run again with a smaller --learning-rate (a tenth of it, say) and --overwrite to discard the "
                "checkpoints of this run.",
            )

    def on_evaluate(self, args, state, control, metrics=None, **kwargs):
        # The Trainer evaluates before it saves a checkpoint: a NaN validation loss stops it first.
        for key, value in (metrics or {}).items():
            if key.endswith("_loss") and isinstance(value, (int, float)) and not _finite(value):
                raise TrainingError(
                    f"training diverged at step {state.global_step}: the validation loss is {value} with the "
                    f"learning rate {args.learning_rate:g}. Nothing was saved as a model.",
                    "run again with a smaller --learning-rate (a tenth of it, say) and --overwrite to discard the "
                    "checkpoints of this run.",
                )

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = logs or {}
        for key in ("loss", "grad_norm"):
            if key in logs and isinstance(logs[key], (int, float)) and not _finite(logs[key]):
                raise TrainingError(
                    f"training diverged at step {state.global_step}: the {key.replace('_', ' ')} is {logs[key]} with "
                    f"the learning rate {args.learning_rate:g}. Nothing was saved as a model.",
                    "run again with a smaller --learning-rate and --overwrite to discard the checkpoints of this run.",
                )
