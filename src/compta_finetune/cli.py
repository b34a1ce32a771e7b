"""The ``compta-finetune`` command: build a tiny model, train, evaluate and predict from the shell.

Four subcommands, also reachable as ``python -m compta_finetune``:

.. code-block:: console

    $ compta-finetune tiny --recipe camembert --output-dir tiny-camembert
    $ compta-finetune train --recipe camembert --model tiny-camembert --output-dir model
    $ compta-finetune evaluate --model-dir model --input test.csv --output scores.json
    $ compta-finetune predict --model-dir model --input lines.csv --output predictions.csv

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
import errno
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
from compta_finetune.recipes import RECIPES

PROG = "compta-finetune"
STDIO = "-"
RECIPE_NAMES = tuple(RECIPES)
"""Names of :data:`compta_finetune.recipes.RECIPES` (importing them costs nothing: recipes are values)."""
DEFAULT_THRESHOLD = 0.9
"""Default ``--auto-threshold`` (:data:`compta_finetune.calibration.DEFAULT_THRESHOLD`, without importing numpy here)."""
PREDICTION_COLUMNS = ("predicted_label", "predicted_libelle", "score", "decision")
"""Columns ``predict`` adds after the input's own (renamed if the input already has one)."""


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
        help="accuracy, parent levels, calibration and routing of a fine-tuned model on a labelled file",
        description="Score a fine-tuned model on a labelled CSV file or FEC, read the way its training files "
        "were: accuracy, macro-F1, accuracy at the 3- and 2-digit levels, calibration error (ECE), the "
        "auto/parent/review routing at --auto-threshold and a coverage-accuracy curve.",
    )
    evaluate.add_argument("--model-dir", "--model_dir", required=True, help="a directory written by `train`")
    evaluate.add_argument("--input", required=True, help="labelled CSV file (any separator, UTF-8 or Windows-1252) or FEC")
    evaluate.add_argument("--output", help="also write the full report as JSON to this file")
    _add_reading_options(evaluate, labels=True)
    evaluate.set_defaults(handler=run_evaluate)

    predict = commands.add_parser(
        "predict",
        help="predict the account of each line of a CSV file (or of standard input), and route it",
        description="Predict the PCG account of invoice lines. The input is a CSV file (any separator, UTF-8 or "
        "Windows-1252) or an FEC, or '-' for standard input (CSV with a header naming the text column, or one "
        "line per text). The output keeps every input column, in the input's separator and encoding, and adds "
        "predicted_label, predicted_libelle, score (calibrated) and decision: auto (score >= --auto-threshold), "
        "parent (the accounts of a parent reach it together: the parent is given) or review; plus "
        "predicted_label_2, score_2... with --top-k. Cells that a spreadsheet would run as a formula get a "
        "leading apostrophe.",
    )
    predict.add_argument("--model-dir", "--model_dir", required=True, help="a directory written by `train`")
    predict.add_argument("--input", required=True, help="CSV file with a text column, or - for standard input")
    predict.add_argument("--output", default=STDIO, help="CSV file to write, or - for standard output")
    predict.add_argument("--top-k", "--top_k", type=_positive_int, default=1, help="accounts given per line")
    _add_reading_options(predict, labels=False)
    predict.set_defaults(handler=run_predict)
    for subparser in (tiny, train, evaluate, predict):
        subparser.formatter_class = _HelpFormatter
        _dash_spellings_first(subparser)
    return parser


def _threshold(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a probability above 0 and at most 1, got {value!r}")
    return number


def _add_reading_options(parser: argparse.ArgumentParser, labels: bool) -> None:
    """Options shared by ``evaluate`` and ``predict``: batches, routing threshold, columns, encoding, overwrite."""
    parser.add_argument("--batch-size", "--batch_size", type=_positive_int, default=64, help="lines per forward pass")
    parser.add_argument(
        "--auto-threshold", "--auto_threshold", type=_threshold, default=DEFAULT_THRESHOLD,
        help="calibrated score from which a line is posted without review (decision auto)",
    )  # fmt: skip
    parser.add_argument("--text-column", "--text_column", help="column of the line's text, any case (default: as in training)")
    if labels:
        parser.add_argument("--label-column", "--label_column", help="column of the account, any case (default: as in training)")
    parser.add_argument("--supplier-column", "--supplier_column", help="column of the supplier (default: as in training)")
    parser.add_argument("--encoding", help="encoding of the input (default: detected, UTF-8 else Windows-1252)")
    parser.add_argument("--overwrite", action="store_true", help="replace an existing --output file")


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
            if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
                _fail(
                    command,
                    f"{where}{error.strerror}: writing failed. Files already in place were left as they were.",
                    "free disk space (or raise the file-size limit, `ulimit -f`), then run the command again.",
                    2,
                )
            _fail(
                command,
                f"{where}{error.strerror or error}.",
                "check the path, its permissions and the free disk space, then run the command again.",
                2,
            )
        except Exception as error:
            # Writers report a full disk or a file-size limit in their own ways (torch, safetensors).
            from compta_finetune.outputs import disk_full_error

            reason = disk_full_error(error)
            if reason is None:
                raise
            _fail(
                command,
                f"writing failed: {reason}. Files already in place were left as they were.",
                "free disk space (or raise the file-size limit, `ulimit -f`), then run the command again.",
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


def _check_output_dir(path: str | Path, overwrite: bool) -> Path:
    """Refuse an output directory that is not ours to replace (see :func:`compta_finetune.outputs.check_output_dir`)."""
    from compta_finetune.outputs import check_output_dir

    return check_output_dir(path, overwrite=overwrite)


def _check_output_file(path: str, inputs: tuple[str, ...] = (), overwrite: bool = True) -> None:
    """Fail before any work if ``path`` cannot be written, is one of the ``inputs``, or exists without ``overwrite``."""
    if path == STDIO:
        return
    if not path.strip():
        raise OutputError("the --output name is empty.", "give a file name with --output, e.g. predictions.csv.")
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target} is a directory.", "give a file name with --output, e.g. predictions.csv.")
    if not target.parent.is_dir():
        raise OutputError(f"the directory {target.parent} does not exist.", "create it first, or write elsewhere with --output.")
    for source in inputs:
        if source == STDIO or not Path(source).exists():
            continue
        same = target.exists() and os.path.samefile(target, source)
        if same or target.resolve() == Path(source).resolve():
            raise OutputError(
                f"--output {path} is the input file {source}: writing it would destroy the input.",
                "write the output to another file.",
            )
    if target.exists() and not overwrite:
        raise OutputError(f"{target} already exists.", "pass --overwrite to replace it, or choose another --output.")


def write_atomically(
    path: str, write: Callable[[TextIO], None], *, encoding: str = "utf-8", errors: str = "strict"
) -> None:
    """Write a text file through ``write(handle)`` to a temporary file, then rename it to ``path``.

    An error or a kill halfway leaves ``path`` as it was; ``-`` writes to standard output.
    ``encoding`` (``utf-8-sig`` writes a byte-order mark) and ``errors`` are those of :func:`open`.
    """
    if path == STDIO:
        write(sys.stdout)
        sys.stdout.flush()
        return
    _check_output_file(path)
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding=encoding, errors=errors, newline="") as handle:
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


def read_input_table(source: str, encoding: str | None = None, text_column: str = "text"):
    """The file to classify as a :class:`~compta_finetune.readers.Table`, or standard input (``-``).

    On standard input, a first line that names the text column makes it CSV; otherwise each
    line is one text (column ``text``).
    """
    from compta_finetune.readers import Table, decode, parse_table, read_table

    if source != STDIO:
        _check_input_file(source)
        return read_table(source, encoding=encoding)
    stream = getattr(sys.stdin, "buffer", None)
    raw = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    if not raw.strip():
        raise DataError("<stdin>: no input.", "pipe invoice lines (one per line), or a CSV file with a text column.")
    if _names_text_column(raw, text_column):
        return parse_table(raw, "<stdin>", encoding=encoding)
    content, used, bom = decode(raw, "<stdin>", encoding)
    lines = content.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            raise DataError(f"<stdin>, line {number}: empty text.", "remove the empty line.")
    return Table("<stdin>", ["text"], [[line.strip()] for line in lines], list(range(1, len(lines) + 1)), ",", used, bom)


def _names_text_column(raw: bytes, text_column: str) -> bool:
    """Whether the first line of standard input is a CSV header naming the text column (or an FEC's)."""
    from compta_finetune.readers import find_column, sniff_delimiter

    first = raw.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip("\r\ufeff")
    header = next(csv.reader([first], delimiter=sniff_delimiter(first)), [])
    return find_column(header, text_column) is not None or find_column(header, "EcritureLib") is not None


def read_texts(source: str, options=None) -> list[str]:
    """The texts to classify, as the model will see them (with the supplier where it is used).

    ``source`` is a CSV file (any separator and encoding), an FEC, or ``-`` for standard input.
    """
    return _prediction_texts(read_input_table(source, options.encoding if options else None), options)[0]


def _prediction_texts(table, options) -> tuple[list[str], str]:
    """Texts of every row of ``table`` (the supplier first where the model learned it) and the text column's name."""
    from compta_finetune.data import TEXT_HINTS, ReadOptions, missing_column_error, with_supplier
    from compta_finetune.readers import find_column, is_fec

    options = options or ReadOptions()
    text_index = find_column(table.header, options.text_column)
    supplier_index = find_column(table.header, options.supplier_column)
    if text_index is None and is_fec(table.header):
        text_index = find_column(table.header, "EcritureLib")
        supplier_index = find_column(table.header, "CompAuxLib") if supplier_index is None else supplier_index
    if text_index is None:
        raise missing_column_error(table.path, table, "text", options.text_column, "--text-column", TEXT_HINTS)
    texts = []
    for record, line in zip(table.rows, table.line_numbers):
        text = record[text_index].strip()
        if not text:
            raise DataError(f"{table.path}, line {line}: empty text.", "remove the line or fill in its text.")
        supplier = record[supplier_index].strip() if supplier_index is not None and options.use_supplier else ""
        texts.append(with_supplier(text, supplier))
    if not texts:
        raise DataError(f"{table.path}: the file has a header but no data line.", "add invoice lines under the header.")
    return texts, table.header[text_index]


# --- Subcommands -----------------------------------------------------------------------------


def run_tiny(arguments: argparse.Namespace) -> None:
    """``compta-finetune tiny``: build a tiny checkpoint of a recipe's architecture."""
    from compta_finetune.outputs import check_output_name, output_lock, private_staging, replace_dir, write_marker
    from compta_finetune.training import FINE_TUNING_CONFIG_NAME, load_fine_tuning_config

    _quiet_libraries()
    started = time.perf_counter()
    output_dir = check_output_name(arguments.output_dir)
    with output_lock(output_dir, purpose=f"{PROG} tiny"):
        _check_output_dir(output_dir, arguments.overwrite)
        staging = private_staging(output_dir)
        try:
            RECIPES[arguments.recipe].build_tiny(staging, pretrain=True)
            write_marker(staging, "tiny", recipe=arguments.recipe)
            replace_dir(staging, output_dir)  # permissions from the umask, fsync, then rename
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
        calibration = results.get("calibration", {})
        if "validation" in calibration:
            lines.append(
                f"  calibration: temperature {calibration['temperature']:.3f} fitted on validation; ECE "
                f"{calibration['validation']['raw']['ece']:.3f} -> {calibration['validation']['calibrated']['ece']:.3f}"
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
    if options.learning_rate is not None and not (math.isfinite(options.learning_rate) and options.learning_rate > 0):
        problems.append("--learning-rate must be a finite number above 0")
    if problems:
        raise UserError("; ".join(problems) + ".", "correct the option values.")


def _read_overrides(arguments: argparse.Namespace) -> dict:
    """The reading options given on the command line (``None``: as the model was trained)."""
    names = ("text_column", "label_column", "supplier_column", "encoding")
    return {name: getattr(arguments, name, None) for name in names}


def run_evaluate(arguments: argparse.Namespace) -> None:
    """``compta-finetune evaluate``: score a fine-tuned model on a labelled file."""
    from compta_finetune.evaluation import evaluate_model

    _quiet_libraries()
    _check_input_file(arguments.input)
    if arguments.output:
        _check_output_file(arguments.output, (arguments.input,), arguments.overwrite)
    report = evaluate_model(
        arguments.model_dir,
        arguments.input,
        batch_size=arguments.batch_size,
        progress=_progress(),
        threshold=arguments.auto_threshold,
        **_read_overrides(arguments),
    )
    print(format_report(report))
    if arguments.output:
        write_atomically(arguments.output, lambda handle: json.dump(report, handle, indent=2, ensure_ascii=False))
    auto = report["auto"]
    _say(
        f"Accuracy {report['accuracy']:.3f}, macro-F1 {report['macro_f1']:.3f} on {report['lines']} lines of "
        f"{arguments.input} (model {arguments.model_dir}); auto at {auto['threshold']:g}: "
        f"{auto['coverage']:.1%} of lines, {_percent(auto['accuracy'])} right; in {report['seconds']:.1f} s."
        + (f" Report: {arguments.output}" if arguments.output else "")
    )


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def format_report(report: dict) -> str:
    """The report of :func:`~compta_finetune.evaluation.evaluate_model` as text: per account, levels, calibration, routing."""
    rows = [f"{'account':<8} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>7}  libellé"]
    for code, row in report["per_account"].items():
        rows.append(
            f"{code:<8} {row['precision']:>9.3f} {row['recall']:>7.3f} {row['f1-score']:>6.3f} "
            f"{row['support']:>7d}  {row.get('libelle', '')}"
        )
    rows.append(f"accuracy {report['accuracy']:.3f}  macro-F1 {report['macro_f1']:.3f}  ({report['lines']} lines)")
    if "accuracy_3_digits" in report:
        rows.append(f"accuracy at 3 digits {report['accuracy_3_digits']:.3f}  at 2 digits {report['accuracy_2_digits']:.3f}")
    if "calibration" in report:
        calibration = report["calibration"]
        rows.append(
            f"calibration: temperature {calibration['temperature']:.3f}, ECE {calibration['ece']:.3f} "
            f"(before scaling {calibration['ece_raw']:.3f})"
        )
    if "routing" in report:
        rows.append(f"routing at --auto-threshold {report['threshold']:g}:")
        rows.append(f"  {'decision':<8} {'lines':>6} {'share':>7} {'accuracy':>9}")
        for decision, row in report["routing"].items():
            rows.append(f"  {decision:<8} {row['lines']:>6d} {row['share']:>7.1%} {_percent(row['accuracy']):>9}")
        rows.append("coverage-accuracy curve (threshold: share of lines auto, accuracy on them):")
        rows.append(
            "  " + "  ".join(f"{point['threshold']:g}: {point['coverage']:.0%} {_percent(point['accuracy'])}" for point in report["curve"])
        )
    return "\n".join(rows)


def run_predict(arguments: argparse.Namespace) -> None:
    """``compta-finetune predict``: write each input line with its most likely account(s) and a routing decision."""
    from compta_finetune.evaluation import model_read_options
    from compta_finetune.inference import classify, load_for_inference
    from compta_finetune.readers import unique_column, write_table

    _quiet_libraries()
    _check_output_file(arguments.output, (arguments.input,), arguments.overwrite)
    if arguments.input != STDIO:
        _check_input_file(arguments.input)
    model, tokenizer = load_for_inference(arguments.model_dir)
    options = model_read_options(model, **_read_overrides(arguments))
    table = read_input_table(arguments.input, options.encoding, options.text_column)
    texts, _ = _prediction_texts(table, options)
    started = time.perf_counter()
    results = classify(
        model,
        tokenizer,
        texts,
        threshold=arguments.auto_threshold,
        top_k=arguments.top_k,
        batch_size=arguments.batch_size,
        progress=_progress(),
    )
    seconds = time.perf_counter() - started
    top_k = len(results[0].top) if results else 1
    added = list(PREDICTION_COLUMNS)
    for rank in range(2, top_k + 1):
        added += [f"predicted_label_{rank}", f"score_{rank}"]
    header = list(table.header)
    for name in added:
        header.append(unique_column(name, header))
    rows = []
    for record, result in zip(table.rows, results):
        routing = result.routing
        row = [*record, routing.code, routing.libelle, f"{routing.score:.4f}", routing.decision]
        for code, score in result.top[1:]:
            row += [code, f"{score:.4f}"]
        rows.append(row)

    def write(handle: TextIO) -> None:
        write_table(handle, header, rows, delimiter=table.delimiter, newline=table.newline)

    if arguments.output == STDIO:
        write_atomically(arguments.output, write)
    else:
        # The input's encoding: a French Excel file comes back as Excel reads it; a BOM stays.
        encoding = "utf-8-sig" if table.bom else table.encoding
        write_atomically(arguments.output, write, encoding=encoding, errors="replace")
    decisions = {name: sum(r.routing.decision == name for r in results) for name in ("auto", "parent", "review")}
    rate = len(texts) / seconds if seconds > 0 else math.inf
    where = "standard output" if arguments.output == STDIO else f"{arguments.output} ({table.format})"
    _say(
        f"Predicted {len(texts)} line{'s' if len(texts) != 1 else ''} in {seconds:.2f} s ({rate:,.0f} lines/s); "
        f"at --auto-threshold {arguments.auto_threshold:g}: {decisions['auto']} auto, {decisions['parent']} parent, "
        f"{decisions['review']} review; written to {where}."
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
