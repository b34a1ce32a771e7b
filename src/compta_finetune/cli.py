"""The ``compta-finetune`` command: build a tiny model, train, evaluate and predict from the shell.

Four subcommands, also reachable as ``python -m compta_finetune``::

    compta-finetune tiny     --recipe camembert --output-dir tiny-camembert
    compta-finetune train    --recipe camembert --model tiny-camembert --output-dir model
    compta-finetune evaluate --model-dir model --input test.csv --output scores.json
    compta-finetune predict  --model-dir model --input lines.csv --output predictions.csv

The options of ``train`` are the fields of :class:`~compta_finetune.training.FineTuningArguments`,
turned into options by :class:`~transformers.HfArgumentParser`: they are defined once. A
mistake the user can fix (a missing file, a bad column, an existing output directory, a model
that cannot be found) prints one message naming the problem and the fix on standard error and
exits with status 2, without a traceback. Results and summaries go to standard error, so that
``predict --output -`` writes nothing but CSV on standard output.
"""

from __future__ import annotations

import argparse
import copy
import csv
import dataclasses
import json
import math
import os
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from transformers import HfArgumentParser

from compta_finetune import __version__
from compta_finetune.errors import DataError, OutputError, UserError

PROG = "compta-finetune"
STDIO = "-"
RECIPE_NAMES = ("camembert", "phi2")
"""Names of :data:`compta_finetune.recipes.RECIPES`, without importing the recipes (peft, transformers' models)."""


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


class _HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Show each option's default unless its help already tells it, or it has none worth telling."""

    def _get_help_string(self, action):
        text = action.help or ""
        if "default" in text.lower() or action.default in (None, False, argparse.SUPPRESS) or not action.option_strings:
            return text
        return super()._get_help_string(action)

    def _format_action_invocation(self, action):
        # HfArgumentParser adds `--output_dir` and `--output-dir`: show the dash spelling only.
        dashed = [option for option in action.option_strings if "_" not in option]
        if action.option_strings and dashed != action.option_strings:
            action = copy.copy(action)
            action.option_strings = dashed
        return super()._format_action_invocation(action)


def _dash_spellings_first(parser: argparse.ArgumentParser) -> None:
    """Put ``--output-dir`` before ``--output_dir`` (usage lines show the first spelling)."""
    for action in parser._actions:
        action.option_strings.sort(key=lambda option: "_" in option)
        if action.nargs == "?" and action.const is True:  # HfArgumentParser's booleans: --resume [true|false]
            action.metavar = "true|false"


def build_parser(train_options: bool = True) -> argparse.ArgumentParser:
    """The parser of the ``compta-finetune`` command and its four subcommands.

    ``train_options=False`` leaves out the options of ``train``, which need the training stack
    (torch, datasets, the Trainer: seconds to import) for the other commands' sake.
    """
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Fine-tune CamemBERT or Phi-2 to classify French invoice lines into PCG accounts.",
        epilog=f"Run '{PROG} COMMAND --help' for the options of a command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=HfArgumentParser)
    # (HfArgumentParser behaves as argparse.ArgumentParser for the commands without a dataclass.)

    tiny = commands.add_parser(
        "tiny",
        help="build a tiny local checkpoint, briefly pre-trained, to try everything offline",
        description="Build a tiny checkpoint of a recipe's architecture, with a tokenizer trained on the "
        "shipped corpus, pre-trained for a few seconds on its texts, and the fine-tuning settings that "
        "train it (in fine_tuning_config.json, used by `train` unless you give others). It runs every "
        "command offline; it is far smaller than the real models.",
    )
    tiny.add_argument("--recipe", choices=RECIPE_NAMES, default="camembert", help="architecture to build")
    tiny.add_argument("--output-dir", "--output_dir", required=True, help="where to write the checkpoint")
    tiny.add_argument("--overwrite", action="store_true", help="replace an existing output directory")
    tiny.set_defaults(handler=run_tiny)

    if train_options:
        from compta_finetune.training import FineTuningArguments

        train_kwargs = {"dataclass_types": FineTuningArguments, "formatter_class": _HelpFormatter}
    else:
        train_kwargs = {"add_help": False}
    train = commands.add_parser(
        "train",
        **train_kwargs,
        help="fine-tune a recipe on CSV files (default: the shipped corpus)",
        description="Fine-tune a recipe and save the model, its tokenizer and results.json atomically "
        "in --output-dir. Checkpoints go to OUTPUT_DIR.checkpoints; after a crash, run the same "
        "command with --resume. Works under `torchrun --nproc_per_node=N -m compta_finetune train ...`.",
    )
    train.set_defaults(handler=run_train)

    evaluate = commands.add_parser(
        "evaluate",
        help="accuracy, macro-F1 and a per-account report of a fine-tuned model on a labelled CSV",
        description="Score a fine-tuned model on a CSV file with text and label columns.",
    )
    evaluate.add_argument("--model-dir", "--model_dir", required=True, help="a directory written by `train`")
    evaluate.add_argument("--input", required=True, help="CSV file with text and label columns")
    evaluate.add_argument("--output", help="also write the full report as JSON to this file")
    evaluate.add_argument("--batch-size", "--batch_size", type=_positive_int, default=64, help="lines per forward pass")
    evaluate.set_defaults(handler=run_evaluate)

    predict = commands.add_parser(
        "predict",
        help="predict the account of each line of a CSV file (or of standard input)",
        description="Predict the PCG account of invoice lines. The input is a CSV file with a text "
        "column, or '-' for standard input: CSV with a text header, or else one line per text. "
        "The output has the columns text,label,libelle,score (and label_2,score_2... with --top-k).",
    )
    predict.add_argument("--model-dir", "--model_dir", required=True, help="a directory written by `train`")
    predict.add_argument("--input", required=True, help="CSV file with a text column, or - for standard input")
    predict.add_argument("--output", default=STDIO, help="CSV file to write, or - for standard output")
    predict.add_argument("--top-k", "--top_k", type=_positive_int, default=1, help="accounts given per line")
    predict.add_argument("--batch-size", "--batch_size", type=_positive_int, default=64, help="lines per forward pass")
    predict.set_defaults(handler=run_predict)
    for subparser in (tiny, train, evaluate, predict):
        subparser.formatter_class = _HelpFormatter
        _dash_spellings_first(subparser)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return 0 on success, raise :class:`SystemExit` with the exit status otherwise.

    A :class:`~compta_finetune.errors.UserError` (or an unreadable or unwritable file) prints
    one message, the problem then the fix, and exits with status 2.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(train_options=argv[:1] == ["train"])
    arguments = parser.parse_args(argv)  # a bad option: usage and message, status 2
    command = f"{PROG} {arguments.command}"
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        # Deprecations inside the libraries are for their users (us), not for this command's.
        for category in (FutureWarning, DeprecationWarning):
            warnings.filterwarnings("ignore", category=category, module=r"(?!compta_finetune)")
        try:
            arguments.handler(arguments)
        except UserError as error:
            _fail(command, error.problem, error.fix, error.exit_code)
        except BrokenPipeError:
            # The reader of standard output went away (`... | head`): stop quietly.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(1) from None
        except OSError as error:
            where = f"{error.filename}: " if error.filename else ""
            _fail(
                command,
                f"{where}{error.strerror or error}.",
                "check the path, its permissions and the free disk space, then run the command again.",
                2,
            )
        except KeyboardInterrupt:
            hint = " Run the same command with --resume to continue from the last checkpoint." if arguments.command == "train" else ""
            print(f"{command}: interrupted.{hint}", file=sys.stderr)
            raise SystemExit(130) from None
    return 0


def _fail(command: str, problem: str, fix: str, code: int) -> None:
    print(f"{command}: error: {problem}\n  Fix: {fix}", file=sys.stderr)
    raise SystemExit(code) from None


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _progress() -> bool:
    """Progress bars only on a terminal: in a log file they are noise."""
    return sys.stderr.isatty()


def _quiet_libraries() -> None:
    """Off a terminal, silence the libraries' own progress bars (loading weights, writing shards, map)."""
    if _progress():
        return
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    if "datasets" in sys.modules:
        sys.modules["datasets"].disable_progress_bars()


# --- Files and directories -------------------------------------------------------------------


def _check_output_dir(path: Path, overwrite: bool) -> None:
    if path.exists() and not overwrite:
        raise OutputError(f"{path} already exists.", "pass --overwrite to replace it, or choose another --output-dir.")
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path} exists and is not a directory.", "choose another --output-dir.")


def _replace_dir(staging: Path, target: Path) -> None:
    """Move a finished ``staging`` directory to ``target``, replacing it only once the new one is whole."""
    previous = target.with_name(f".{target.name}.previous")
    if target.exists():
        shutil.rmtree(previous, ignore_errors=True)
        os.replace(target, previous)
    os.replace(staging, target)
    shutil.rmtree(previous, ignore_errors=True)


def _check_output_file(path: str) -> None:
    """Fail before any work if ``path`` cannot be written."""
    if path == STDIO:
        return
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target} is a directory.", "give a file name with --output, e.g. predictions.csv.")
    if not target.parent.is_dir():
        raise OutputError(f"the directory {target.parent} does not exist.", "create it first, or write elsewhere with --output.")


def write_atomically(path: str, write: Callable[[TextIO], None]) -> None:
    """Write a text file through ``write(handle)`` to a temporary file, then rename it to ``path``.

    An error or a kill halfway leaves ``path`` as it was; ``-`` writes to standard output.
    """
    if path == STDIO:
        write(sys.stdout)
        sys.stdout.flush()
        return
    _check_output_file(path)
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _check_input_file(path: str) -> None:
    source = Path(path)
    if source.is_dir():
        raise DataError(f"{source} is a directory, not a CSV file.", "give the path of a CSV file with --input.")
    if not source.exists():
        raise DataError(f"{source}: file not found.", "check the path given with --input.")


def read_texts(source: str) -> list[str]:
    """The texts to classify: the ``text`` column of a CSV file, or standard input (``-``).

    On standard input, a first line that names a ``text`` column makes it CSV; otherwise each
    line is one text.
    """
    if source != STDIO:
        _check_input_file(source)
    from compta_finetune.data import read_invoice_csv

    if source != STDIO:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # duplicate lines are fine to predict
            return [row["text"] for row in read_invoice_csv(source, require_label=False)]
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            f"<stdin>, line {line}: bytes that are not UTF-8 ({raw[error.start:error.start + 1]!r}).",
            "convert the input to UTF-8 (e.g. `iconv -f cp1252 -t utf-8`).",
        ) from None
    lines = content.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise DataError("<stdin>: no input.", "pipe invoice lines (one per line), or a CSV file with a text column.")
    header = next(csv.reader([lines[0]]))
    if "text" in (column.strip() for column in header):
        with tempfile.TemporaryDirectory() as directory:
            temporary = Path(directory) / "stdin.csv"
            temporary.write_bytes(raw)
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", UserWarning)
                    return [row["text"] for row in read_invoice_csv(temporary, require_label=False)]
            except DataError as error:
                raise DataError(error.problem.replace(str(temporary), "<stdin>"), error.fix) from None
    texts = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            raise DataError(f"<stdin>, line {number}: empty text.", "remove the empty line.")
        texts.append(line.strip())
    return texts


# --- Subcommands -----------------------------------------------------------------------------


def run_tiny(arguments: argparse.Namespace) -> None:
    """``compta-finetune tiny``: build a tiny checkpoint of a recipe's architecture."""
    from compta_finetune.testing import (
        CAMEMBERT_PRETRAINING_EPOCHS,
        PHI_PRETRAINING_EPOCHS,
        build_tiny_camembert,
        build_tiny_phi,
    )
    from compta_finetune.training import FINE_TUNING_CONFIG_NAME, load_fine_tuning_config

    _quiet_libraries()
    started = time.perf_counter()
    output_dir = Path(arguments.output_dir)
    _check_output_dir(output_dir, arguments.overwrite)
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output_dir.name}.", dir=output_dir.parent))
    try:
        build, pretraining_epochs = {
            "camembert": (build_tiny_camembert, CAMEMBERT_PRETRAINING_EPOCHS),
            "phi2": (build_tiny_phi, PHI_PRETRAINING_EPOCHS),
        }[arguments.recipe]
        build(staging, pretraining_epochs=pretraining_epochs)
        _replace_dir(staging, output_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    settings = load_fine_tuning_config(output_dir)
    _say(
        f"Tiny {arguments.recipe} checkpoint (pre-trained for a few seconds on the corpus texts: for trying "
        f"the commands offline, not a real model) written to {output_dir} in {time.perf_counter() - started:.1f} s.\n"
        f"Its recommended fine-tuning settings (learning rate {settings['learning_rate']:g}, "
        f"{settings['epochs']:g} epochs, batch size {settings['batch_size']}) are in "
        f"{output_dir / FINE_TUNING_CONFIG_NAME}; `train` uses them unless you give others.\n"
        f"Next: {PROG} train --recipe {arguments.recipe} --model {output_dir} --output-dir MODEL_DIR"
    )


def run_train(arguments: argparse.Namespace) -> None:
    """``compta-finetune train``: fine-tune a recipe (see :func:`~compta_finetune.training.finetune`)."""
    import torch

    from compta_finetune.training import (
        FineTuningArguments,
        describe_fine_tuning_settings,
        finetune,
        resolve_fine_tuning_settings,
    )

    _quiet_libraries()
    fields = {field.name for field in dataclasses.fields(FineTuningArguments)}
    options = FineTuningArguments(**{name: value for name, value in vars(arguments).items() if name in fields})
    _check_fine_tuning_arguments(options)
    if int(os.environ.get("RANK", "0")) == 0:
        _say(describe_fine_tuning_settings(*resolve_fine_tuning_settings(options)))
    results = finetune(options)
    distributed = torch.distributed.is_available() and torch.distributed.is_initialized()
    rank = torch.distributed.get_rank() if distributed else 0
    world_size = results["world_size"]
    if world_size > 1:
        _say(
            f"[process {rank} of {world_size}] trained on {results['lines_per_process'][rank]} lines "
            f"({results['backend']} backend)."
        )
    if rank == 0:
        lines = [
            f"Model saved to {options.output_dir} ({options.recipe}, from {results['model_name_or_path']}; "
            f"{results['train_lines']} training lines, {results['global_step']} steps, "
            f"{world_size} process{'es' if world_size > 1 else ''}"
            + (f", resumed from {results['resumed_from']}" if results["resumed_from"] else "")
            + ")."
        ]
        for split in ("validation", "test"):
            if split in results:
                prefix = "eval" if split == "validation" else "test"
                metrics = results[split]
                lines.append(
                    f"  {split + ':':<12}accuracy {metrics[f'{prefix}_accuracy']:.3f}, "
                    f"macro-F1 {metrics[f'{prefix}_macro_f1']:.3f}"
                )
        lines.append(f"Done in {results['seconds']:.1f} s. Results: {Path(options.output_dir) / 'results.json'}")
        _say("\n".join(lines))
    if distributed:
        torch.distributed.destroy_process_group()


def _check_fine_tuning_arguments(options: FineTuningArguments) -> None:
    problems = []
    for name in ("batch_size", "max_length"):
        if getattr(options, name) is not None and getattr(options, name) < 1:
            problems.append(f"--{name.replace('_', '-')} must be at least 1")
    if options.save_steps is not None and options.save_steps < 1:
        problems.append("--save-steps must be at least 1")
    if options.max_steps <= 0 and options.epochs is not None and not options.epochs > 0:
        problems.append("--epochs must be above 0 (or give --max-steps)")
    if options.learning_rate is not None and not options.learning_rate > 0:
        problems.append("--learning-rate must be above 0")
    if problems:
        raise UserError("; ".join(problems) + ".", "correct the option values.")


def run_evaluate(arguments: argparse.Namespace) -> None:
    """``compta-finetune evaluate``: score a fine-tuned model on a labelled CSV file."""
    from compta_finetune.evaluation import evaluate_model

    _quiet_libraries()
    _check_input_file(arguments.input)
    if arguments.output:
        _check_output_file(arguments.output)
    report = evaluate_model(arguments.model_dir, arguments.input, batch_size=arguments.batch_size, progress=_progress())
    print(format_report(report))
    if arguments.output:
        write_atomically(arguments.output, lambda handle: json.dump(report, handle, indent=2, ensure_ascii=False))
    _say(
        f"Accuracy {report['accuracy']:.3f}, macro-F1 {report['macro_f1']:.3f} on {report['lines']} lines of "
        f"{arguments.input} (model {arguments.model_dir}), in {report['seconds']:.1f} s."
        + (f" Report: {arguments.output}" if arguments.output else "")
    )


def format_report(report: dict) -> str:
    """The per-account report of :func:`~compta_finetune.evaluation.evaluate_model` as a text table."""
    rows = [f"{'account':<8} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>7}  libellé"]
    for code, row in report["per_account"].items():
        rows.append(
            f"{code:<8} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1-score']:>6.3f} "
            f"{row['support']:>7d}  {row.get('libelle', '')}"
        )
    rows.append(f"accuracy {report['accuracy']:.3f}  macro-F1 {report['macro_f1']:.3f}  ({report['lines']} lines)")
    return "\n".join(rows)


def run_predict(arguments: argparse.Namespace) -> None:
    """``compta-finetune predict``: write the most likely account(s) of each input line."""
    from compta_finetune.data import load_account_labels
    from compta_finetune.inference import load_for_inference, predict

    _quiet_libraries()
    _check_output_file(arguments.output)
    texts = read_texts(arguments.input)
    model, tokenizer = load_for_inference(arguments.model_dir)
    started = time.perf_counter()
    predictions = predict(
        model, tokenizer, texts, batch_size=arguments.batch_size, top_k=arguments.top_k, progress=_progress()
    )
    seconds = time.perf_counter() - started
    names = load_account_labels()
    top_k = len(predictions[0]) if predictions else 1

    def write(handle: TextIO) -> None:
        writer = csv.writer(handle, lineterminator="\n")
        header = ["text", "label", "libelle", "score"]
        for rank in range(2, top_k + 1):
            header += [f"label_{rank}", f"score_{rank}"]
        writer.writerow(header)
        for text, top in zip(texts, predictions):
            (label, score), rest = top[0], top[1:]
            row = [text, label, names.get(label, ""), f"{score:.4f}"]
            for other_label, other_score in rest:
                row += [other_label, f"{other_score:.4f}"]
            writer.writerow(row)

    write_atomically(arguments.output, write)
    rate = len(texts) / seconds if seconds > 0 else math.inf
    where = "standard output" if arguments.output == STDIO else arguments.output
    _say(f"Predicted {len(texts)} line{'s' if len(texts) != 1 else ''} in {seconds:.2f} s ({rate:,.0f} lines/s); written to {where}.")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
