"""Output directories that never cost the user a file: a marker, a lock, private staging, durable renames.

* **Marker.** Every directory the package writes (a model by ``train``, a checkpoint by
  ``tiny``, a checkpoint folder) holds :data:`MARKER`, a small JSON file naming the tool and
  its version. ``--overwrite`` replaces a directory only if it holds the marker (or is a model
  written by version 0.1 of ``train``, recognised by its exact set of files, see
  :func:`written_by_us`): a folder of the user's own is refused, whatever the option says.
* **Inputs are never outputs.** An output directory that is, contains or lies inside an input
  (``--model``, ``--train-file``...) or the current directory is refused.
* **One writer.** :func:`output_lock` takes an exclusive ``fcntl.flock`` lock on
  ``.NAME.lock`` beside the output: a second run on the same output stops at once with the
  PID of the first. The kernel releases the lock when its holder dies, so a lock file left by
  a killed run is simply taken over.
* **Private staging, durable rename.** A model is written into a folder private to the
  process (:func:`private_staging`, beside the target), its files get the permissions the
  process umask allows (not ``0600``), are flushed to disk with the folder
  (:func:`make_durable`), and only then renamed over the target (:func:`replace_dir`).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

from compta_finetune import __version__
from compta_finetune.errors import OutputError

MARKER = ".compta-finetune.json"
"""Name of the file that marks a directory as written by compta-finetune."""

TOOL = "compta-finetune"

LEGACY_MODEL_FILES = frozenset(
    {
        "config.json", "model.safetensors", "model.safetensors.index.json", "adapter_config.json",
        "adapter_model.safetensors", "README.md", "tokenizer.json", "tokenizer_config.json",
        "special_tokens_map.json", "sentencepiece.bpe.model", "vocab.json", "merges.txt",
        "added_tokens.json", "chat_template.jinja", "generation_config.json", "training_args.json",
        "results.json",
    }
)  # fmt: skip
"""Every file a model directory written by version 0.1 of ``train`` (before the marker) can hold."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_marker(directory: str | Path, kind: str, **details) -> Path:
    """Write :data:`MARKER` into ``directory``: this tool wrote it (``kind``: model, tiny, checkpoints)."""
    path = Path(directory) / MARKER
    content = {"tool": TOOL, "version": __version__, "kind": kind, **details}
    path.write_text(json.dumps(content, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_marker(directory: str | Path) -> dict | None:
    """The content of ``directory``'s marker, or ``None`` if it has none (or not one of ours)."""
    try:
        content = json.loads((Path(directory) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return content if isinstance(content, dict) and content.get("tool") == TOOL else None


def written_by_us(directory: str | Path) -> bool:
    """Whether ``directory`` was written by this tool, and so may be replaced by ``--overwrite``.

    Yes if it holds our marker. A model saved by version 0.1 of ``train`` has no marker; it is
    recognised by its ``results.json`` (with ``recipe`` and ``arguments``) and
    ``training_args.json``, and by holding nothing but the files ``train`` writes: a single
    file of the user's among them (a spreadsheet, a note) and it is not ours.
    """
    directory = Path(directory)
    if read_marker(directory) is not None:
        return True
    try:
        entries = list(directory.iterdir())
        results = json.loads((directory / "results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(results, dict)
        and {"recipe", "arguments"} <= results.keys()
        and (directory / "training_args.json").is_file()
        and all(entry.is_file() and not entry.is_symlink() and entry.name in LEGACY_MODEL_FILES for entry in entries)
    )


def _is_checkpoint_folder(directory: Path) -> bool:
    """A checkpoint folder of ours: the marker, or (version 0.1) nothing but ``checkpoint-N`` folders."""
    if read_marker(directory) is not None:
        return True
    try:
        return all(entry.is_dir() and entry.name.startswith("checkpoint-") for entry in directory.iterdir())
    except OSError:
        return False


def _looks_local(value: str) -> bool:
    return value.startswith((".", "/", "~")) or "\\" in value or value.count("/") != 1 or Path(value).exists()


def check_output_dir(
    output_dir: str | Path,
    *,
    overwrite: bool,
    inputs: Mapping[str, str | Path | None] | None = None,
    option: str = "--output-dir",
) -> Path:
    """Refuse an output directory whose writing could destroy something the user has; return it.

    Refused: an empty name, the current directory or one of its parents, a directory that is,
    contains or lies inside one of ``inputs`` (option name to path), an existing file, and an
    existing non-empty directory, unless ``overwrite`` is set *and* :func:`written_by_us`.

    Raises
    ------
    OutputError
        Naming the directory, what it would destroy and what to do instead.
    """
    path = check_output_name(output_dir, option)
    check_apart_from_inputs(path, inputs or {}, option)
    if not path.exists() and not path.is_symlink():
        return path
    if not path.is_dir() or path.is_symlink():
        raise OutputError(f"{path} exists and is not a directory.", f"choose another {option}.")
    if not any(path.iterdir()):
        return path  # an empty directory: nothing to lose
    if not written_by_us(path):
        raise OutputError(
            f"{path} already exists and was not written by compta-finetune (it has no {MARKER}): "
            "it is never replaced, even with --overwrite.",
            f"choose another {option} (a new directory), or move your files out of {path} yourself.",
        )
    if not overwrite:
        raise OutputError(
            f"{path} already exists (written by compta-finetune).",
            f"pass --overwrite to replace it, or choose another {option}.",
        )
    return path


def check_output_name(output_dir: str | Path, option: str = "--output-dir") -> Path:
    """Refuse an empty output name, and the current directory or one of its parents; return the path."""
    text = str(output_dir)
    if not text.strip():
        raise OutputError(f"{option} is empty.", f"name a new directory, e.g. {option} model.")
    path = Path(text).expanduser()
    target, here = path.resolve(), Path.cwd().resolve()
    if path.name in ("", ".", "..") or target == here or target in here.parents:
        raise OutputError(
            f"{option} {text} is the current directory or one of its parents: writing there would replace "
            "your own files.",
            f"name a new directory, e.g. {option} model.",
        )
    return path


def check_apart_from_inputs(
    output: str | Path, inputs: Mapping[str, str | Path | None], option: str = "--output-dir", fix: str | None = None
) -> None:
    """Refuse an output that is, contains or lies inside one of ``inputs`` (option name to path).

    ``option`` names the output in the message; ``fix`` replaces the default advice (choose
    another ``option``).
    """
    target = Path(output).expanduser().resolve()
    for name, value in inputs.items():
        if value is None or not _looks_local(str(value)):
            continue
        source = Path(value).expanduser().resolve()
        if source == target:
            relation = "is"
        elif target in source.parents:
            relation = "contains"
        elif source in target.parents:
            relation = "lies inside"
        else:
            continue
        raise OutputError(
            f"{option} {output} {relation} {name} {value}: writing the output would destroy the input.",
            fix or f"choose a {option} apart from the input files and the model you start from.",
        )


def prepare_checkpoint_dir(checkpoint_dir: str | Path, *, resume: bool, overwrite: bool, run: dict) -> None:
    """Make ``checkpoint_dir`` ready for a run described by ``run`` (see :func:`run_record`).

    A folder left without any checkpoint by a run that failed early is removed. Without
    ``resume``, earlier checkpoints are kept unless ``overwrite`` (and only if the folder is
    ours). With ``resume``, the recorded run must match ``run``: resuming another run (other
    data, other settings) is refused with the differing fields named.
    """
    checkpoint_dir = Path(checkpoint_dir)
    remove_if_no_checkpoint(checkpoint_dir)  # a leftover of a run stopped before its first whole checkpoint
    if checkpoint_dir.exists() or checkpoint_dir.is_symlink():
        if not checkpoint_dir.is_dir() or checkpoint_dir.is_symlink() or not _is_checkpoint_folder(checkpoint_dir):
            raise OutputError(
                f"{checkpoint_dir} exists and was not written by compta-finetune: it is never replaced.",
                "move it away, or choose another --output-dir.",
            )
        if resume:
            _check_same_run(checkpoint_dir, run)
            return
        if not overwrite:
            raise OutputError(
                f"{checkpoint_dir} holds checkpoints of an interrupted run.",
                "pass --resume to continue that run, or --overwrite to start over.",
            )
        shutil.rmtree(checkpoint_dir)
    checkpoint_dir.mkdir(parents=True)
    write_marker(checkpoint_dir, "checkpoints", run=run)


def _check_same_run(checkpoint_dir: Path, run: dict) -> None:
    recorded = (read_marker(checkpoint_dir) or {}).get("run")
    if recorded is None:
        return  # checkpoints of version 0.1: nothing recorded to compare
    differences = []
    for section in ("arguments", "data"):
        before, now = recorded.get(section, {}), run.get(section, {})
        for key in sorted(before.keys() | now.keys()):
            if before.get(key) != now.get(key):
                if section == "data":
                    differences.append(
                        f"--{key}-file content (sha256 {str(before.get(key))[:12]}... -> {str(now.get(key))[:12]}...)"
                    )
                else:
                    differences.append(f"--{key.replace('_', '-')} ({before.get(key)!r} -> {now.get(key)!r})")
    if differences:
        raise OutputError(
            f"--resume would continue the run of {checkpoint_dir} with other settings or data: {'; '.join(differences)}.",
            "resume with the same command and files as the interrupted run, or pass --overwrite (without "
            "--resume) to start a new run.",
        )


def sha256(path: str | Path) -> str:
    """The SHA-256 digest of a file's bytes, in hexadecimal."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_record(arguments: Mapping, data_files: Mapping[str, str | Path | None]) -> dict:
    """What makes a run the same run: its arguments and its data's digests.

    ``resume`` and ``overwrite`` are left out (they say how to run, not what), and so are the
    data files' paths: their contents' SHA-256 stand for them, so that a moved file is the
    same data and an edited one is not.
    """
    ignored = {"resume", "overwrite", "output_dir", *(f"{split}_file" for split in data_files)}
    return {
        "arguments": {key: value for key, value in arguments.items() if key not in ignored},
        "data": {split: sha256(path) for split, path in data_files.items() if path},
    }


def has_complete_checkpoint(checkpoint_dir: str | Path) -> bool:
    """Whether ``checkpoint_dir`` holds a checkpoint written to the end (the Trainer writes ``trainer_state.json`` last)."""
    for state in Path(checkpoint_dir).glob("checkpoint-*/trainer_state.json"):
        try:
            json.loads(state.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return True
    return False


def remove_if_no_checkpoint(checkpoint_dir: str | Path) -> None:
    """Remove a checkpoint folder of ours without a whole checkpoint (a run that failed before its first save).

    Left there, it would block the next run (« holds checkpoints of an interrupted run »)
    with nothing in it to resume.
    """
    checkpoint_dir = Path(checkpoint_dir)
    if (
        checkpoint_dir.is_dir()
        and not checkpoint_dir.is_symlink()
        and _is_checkpoint_folder(checkpoint_dir)
        and not has_complete_checkpoint(checkpoint_dir)
    ):
        shutil.rmtree(checkpoint_dir, ignore_errors=True)


@contextlib.contextmanager
def output_lock(output_dir: str | Path, *, purpose: str = "", enabled: bool = True) -> Iterator[Path | None]:
    """Hold an exclusive lock on ``output_dir`` while the block runs; fail at once if another process holds it.

    The lock is ``fcntl.flock`` on ``.NAME.lock`` in the output's parent directory, which
    records the holder's PID and ``purpose`` (``train``, ``tiny``) for the message of the process that is refused. The
    kernel releases it when the holder exits, killed or not: a stale lock file is taken over.
    ``enabled=False`` (the other processes of a ``torchrun`` job) holds nothing.

    Raises
    ------
    OutputError
        If another process holds the lock, naming its PID.
    """
    if not enabled:
        yield None
        return
    output_dir = Path(output_dir).expanduser().resolve()
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output_dir.with_name(f".{output_dir.name}.lock")
    while True:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            holder = _read_holder(descriptor)
            os.close(descriptor)
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            raise OutputError(
                f"{output_dir} is being written by another compta-finetune process (PID {holder.get('pid', '?')}"
                + (f", `{holder['command']}`" if holder.get("command") else "")
                + (f", since {holder['since']}" if holder.get("since") else "")
                + ").",
                f"wait until it ends (or stop it: kill {holder.get('pid', 'PID')}), then run again; or choose another output.",
            ) from None
        try:
            same_file = os.fstat(descriptor).st_ino == os.stat(lock_path).st_ino
        except FileNotFoundError:
            same_file = False
        if same_file:
            break
        os.close(descriptor)  # the previous holder removed the file between our open and our lock: again
    try:
        record = {"pid": os.getpid(), "command": purpose, "since": time.strftime("%Y-%m-%d %H:%M:%S")}
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, json.dumps(record).encode("utf-8"), 0)
        yield lock_path
    finally:
        with contextlib.suppress(OSError):
            lock_path.unlink()
        os.close(descriptor)


def _read_holder(descriptor: int) -> dict:
    try:
        holder = json.loads(os.pread(descriptor, 4096, 0).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def private_staging(target: str | Path) -> Path:
    """A new folder, private to this process, beside ``target``, to write it in before the final rename.

    Leftovers of earlier, killed saves of the same target are removed first: the caller holds
    :func:`output_lock`, so no other process is writing them.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{target.name}.saving*"):
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.saving-", dir=target.parent))
    return staging


def make_durable(directory: str | Path) -> None:
    """Give ``directory``'s files the permissions of the process umask and flush them, and it, to disk.

    ``tempfile.mkdtemp`` makes a folder ``0700`` and some writers (safetensors) make their
    files ``0600``: a model on a shared server would be unreadable to the team.
    """
    directory = Path(directory)
    mask = _umask()
    for root, folders, files in os.walk(directory):
        for name in files:
            path = Path(root) / name
            os.chmod(path, 0o666 & ~mask)
            _fsync(path)
        for name in folders:
            os.chmod(Path(root) / name, 0o777 & ~mask)
        _fsync_dir(Path(root))
    os.chmod(directory, 0o777 & ~mask)


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot fsync a directory
        _fsync(path)


def replace_dir(staging: str | Path, target: str | Path) -> None:
    """Rename a finished ``staging`` folder to ``target``, replacing it only once the new one is whole.

    The old ``target`` is first renamed to ``.NAME.previous``, deleted once the new one is in
    place; a crash between the two renames leaves it there, and ``train`` then says so.
    """
    staging, target = Path(staging), Path(target)
    make_durable(staging)
    previous = target.with_name(f".{target.name}.previous")
    if target.exists():
        shutil.rmtree(previous, ignore_errors=True)
        os.replace(target, previous)
    os.replace(staging, target)
    _fsync_dir(target.parent)
    shutil.rmtree(previous, ignore_errors=True)


_DISK_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_DISK_MESSAGES = {
    "no space left": os.strerror(errno.ENOSPC),
    "file too large": os.strerror(errno.EFBIG),
    "disk quota": os.strerror(errno.EDQUOT),
    "file write failed": "a file could not be written to the end",
}


def disk_full_error(error: BaseException) -> str | None:
    """If ``error`` (or its cause) comes from a full disk or a file-size limit, a description; else ``None``.

    Writers report them differently: ``OSError`` (``ENOSPC``, ``EFBIG``), torch's
    ``RuntimeError: ... file write failed``, safetensors' ``I/O error: File too large``.
    """
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in _DISK_ERRNOS:
            return os.strerror(error.errno)
        text = str(error).lower()
        for message, description in _DISK_MESSAGES.items():
            if message in text:
                return description
        error = error.__cause__ or error.__context__
    return None
