"""Hostile and careless input: exit 2, one message, no traceback, nothing lost, nothing foreign run.

Every case builds real files (a model folder armed with Python code, a user's folder under
``--overwrite``, a truncated weights file, a tampered checkpoint...), runs the command, and
checks the exit status, the message, and that every file that existed before is
byte-identical afterwards.
"""

import ast
import errno
import io
import json
import os
import pickle
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import compta_finetune
import pytest
import torch

from compta_finetune import outputs
from compta_finetune.cli import main
from compta_finetune.outputs import MARKER, output_lock, written_by_us
from compta_finetune.testing import train_camembert_tokenizer

pytestmark = pytest.mark.end_to_end

SOURCE = Path(compta_finetune.__file__).resolve().parent


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """One thread for these tiny models: on a busy 2-core machine, two threads can wait on each other."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


# --- Helpers -----------------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root``, by relative path, with its bytes."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def assert_unchanged(root: Path, before: dict[str, bytes]) -> None:
    """Every file of ``before`` is still there, byte for byte."""
    for name, content in before.items():
        path = root / name
        assert path.is_file(), f"{name} was removed"
        assert path.read_bytes() == content, f"{name} was changed"


def fails(capsys, argv, *expected: str) -> str:
    """Run the command in this process; it must exit 2 with one message and no traceback."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    captured = capsys.readouterr()
    assert exit_info.value.code == 2, captured.err
    err = captured.err
    assert "Traceback" not in err
    assert err.count("error:") == 1 and err.count("Fix:") == 1, err
    for text in expected:
        assert text in err, err
    return err


def succeeds(argv) -> str:
    """Run the command in this process (stderr captured even inside a fixture); it must exit 0."""
    capture = io.StringIO()
    stderr, sys.stderr = sys.stderr, capture
    try:
        code = main(argv)
    finally:
        sys.stderr = stderr
    assert code == 0, capture.getvalue()
    return capture.getvalue()


def cli_env() -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", OMP_NUM_THREADS="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE.parent), env.get("PYTHONPATH")]))
    # Under `make mutation` the child inherits mutmut's mode: a mutant's name makes it run that
    # mutant too, but "stats" would make it record calls it cannot report, from a folder that
    # holds no mutmut configuration.
    if env.get("MUTANT_UNDER_TEST") == "stats":
        del env["MUTANT_UNDER_TEST"]
    return env


def run_cli(*argv: str, cwd: Path, stdin: str = "", limit_file_size: int | None = None) -> subprocess.CompletedProcess:
    """The real command in a child process (optionally under a file-size limit, as on a full disk)."""

    def limit():
        if limit_file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    return subprocess.run(
        [sys.executable, "-m", "compta_finetune", *map(str, argv)], cwd=cwd, env=cli_env(), input=stdin,
        capture_output=True, text=True, timeout=300, preexec_fn=limit,
    )  # fmt: skip


def train_argv(model, output_dir, corpus, *extra) -> list[str]:
    return [
        "train", "--model", str(model), "--output-dir", str(output_dir),
        "--train-file", str(corpus["train"]), "--validation-file", str(corpus["validation"]),
        "--max-steps", "2", *extra,
    ]  # fmt: skip


def copy_model(source: Path, target: Path, *, without: tuple[str, ...] = ()) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*without))
    return target


# --- Shared, built once --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model_dir(tiny_camembert, small_corpus, tmp_path_factory) -> Path:
    """A model written by `compta-finetune train` (2 steps: these tests look at refusals, not scores)."""
    output_dir = tmp_path_factory.mktemp("adversarial") / "model"
    succeeds(train_argv(tiny_camembert, output_dir, small_corpus))
    return output_dir


@pytest.fixture(scope="module")
def evil_dir(model_dir, tmp_path_factory) -> Path:
    """A fine-tuned model folder whose config asks transformers to import its own Python file.

    ``evil.py`` writes ``PWNED`` beside the folder when imported.
    """
    folder = copy_model(model_dir, tmp_path_factory.mktemp("evil") / "evil-model")
    config = json.loads((folder / "config.json").read_text())
    config["model_type"] = "evil-model"
    config["auto_map"] = {
        "AutoConfig": "evil.EvilConfig",
        "AutoModel": "evil.EvilModel",
        "AutoModelForSequenceClassification": "evil.EvilModel",
    }
    (folder / "config.json").write_text(json.dumps(config))
    marker = folder.parent / "PWNED"
    (folder / "evil.py").write_text(
        "import pathlib\n"
        f"pathlib.Path({str(marker)!r}).write_text('foreign code ran')\n"
        "from transformers import PretrainedConfig, PreTrainedModel\n"
        "class EvilConfig(PretrainedConfig):\n    model_type = 'evil-model'\n"
        "class EvilModel(PreTrainedModel):\n    config_class = EvilConfig\n"
    )
    return folder


@pytest.fixture(scope="module")
def diverged(model_dir, small_corpus, tmp_path_factory):
    """A run whose learning rate makes it diverge, started with --overwrite over a good model.

    Returns the directory, the arguments, the exit status, the message and the model's bytes before.
    """
    root = tmp_path_factory.mktemp("diverged")
    output_dir = copy_model(model_dir, root / "model")
    before = snapshot(output_dir)
    argv = [
        "train", "--model", str(small_corpus["base"]), "--output-dir", str(output_dir),
        "--train-file", str(small_corpus["train"]), "--validation-file", str(small_corpus["validation"]),
        "--max-steps", "3", "--save-steps", "1", "--learning-rate", "1e30", "--overwrite",
    ]  # fmt: skip
    capture = io.StringIO()
    stderr, sys.stderr = sys.stderr, capture
    try:
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
    finally:
        sys.stderr = stderr
    return {"root": root, "output_dir": output_dir, "argv": argv, "code": exit_info.value.code, "err": capture.getvalue(), "before": before}


@pytest.fixture(scope="module")
def small_corpus(small_corpus, tiny_camembert):
    """The session's small corpus, with the tiny base model under "base" for the fixtures above."""
    return {**small_corpus, "base": tiny_camembert}


# --- 1. Never run foreign code -----------------------------------------------------------------


def test_the_evil_folder_is_armed(evil_dir, tmp_path):
    """Sanity check of the fixture: transformers, told to trust it, does run its code."""
    from transformers import AutoConfig

    armed = copy_model(evil_dir, tmp_path / "armed")
    marker = evil_dir.parent / "PWNED"
    AutoConfig.from_pretrained(armed, trust_remote_code=True)
    assert marker.read_text() == "foreign code ran"
    marker.unlink()


def test_predict_never_runs_a_model_folders_code_even_when_stdin_says_yes(evil_dir, tmp_path):
    lines = tmp_path / "lines.csv"
    lines.write_text("text\nRamettes papier A4\n")
    before = snapshot(evil_dir)
    run = run_cli("predict", "--model-dir", evil_dir, "--input", lines, "--output", "-", cwd=tmp_path, stdin="y\ny\ny\n")
    assert run.returncode == 2, run.stderr
    assert run.stdout == ""  # no prompt in the CSV
    assert "Traceback" not in run.stderr and "Do you wish" not in run.stderr
    assert "asks to run Python code shipped with the model (auto_map: evil)" in run.stderr
    assert not (evil_dir.parent / "PWNED").exists()
    assert_unchanged(evil_dir, before)


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_train_and_evaluate_refuse_a_folder_with_code(command, evil_dir, small_corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n" * 5))
    if command == "train":
        argv = train_argv(evil_dir, tmp_path / "out", small_corpus)
    else:
        argv = ["evaluate", "--model-dir", str(evil_dir), "--input", str(small_corpus["test"])]
    err = fails(capsys, argv, "asks to run Python code", "never runs code shipped with a model")
    assert "Do you wish" not in err
    assert not (evil_dir.parent / "PWNED").exists()
    assert not (tmp_path / "out").exists()


def test_an_architecture_unknown_to_transformers_is_refused(tiny_camembert, small_corpus, tmp_path, capsys):
    folder = copy_model(tiny_camembert, tmp_path / "unknown")
    config = json.loads((folder / "config.json").read_text())
    config["model_type"] = "my-secret-model"
    (folder / "config.json").write_text(json.dumps(config))
    fails(capsys, train_argv(folder, tmp_path / "out", small_corpus), "'my-secret-model' is not built into transformers")


def test_every_from_pretrained_refuses_remote_code():
    """Each `from_pretrained` call of the package passes trust_remote_code=False (peft's own take no such option)."""
    calls = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "from_pretrained":
                owner = getattr(node.func.value, "id", "")
                if owner.startswith("Peft"):
                    continue
                keywords = {keyword.arg: keyword.value for keyword in node.keywords}
                value = keywords.get("trust_remote_code")
                trusted = value is None or not (
                    (isinstance(value, ast.Constant) and value.value is False)
                    or (isinstance(value, ast.Name) and value.id == "TRUST_REMOTE_CODE")
                )
                calls.append((f"{path.name}:{node.lineno}", trusted))
    assert len(calls) >= 8
    assert [where for where, trusted in calls if trusted] == []


@pytest.mark.parametrize("asks", ["tokenizer", "model"])
@pytest.mark.parametrize("recipe", ["camembert", "phi2"])
def test_a_recipe_loader_never_runs_a_folders_code_even_when_stdin_says_yes(
    recipe, asks, tiny_recipe_models, tmp_path, monkeypatch
):
    """The recipes' loaders themselves, without the CLI's checks in front of them, refuse code.

    The folder's config names an architecture of its own, with the Python file that defines it.
    transformers, given ``trust_remote_code=None``, would ask on stdin, and the answer is yes;
    only ``False`` refuses. ``asks="tokenizer"``: the tokenizer's config names no class, so the
    tokenizer's load reads the model's config first; ``"model"``: the tokenizer loads, the model does not.
    """
    from compta_finetune.recipes import CAMEMBERT, PHI2

    folder = copy_model(tiny_recipe_models[recipe], tmp_path / "armed")
    marker = tmp_path / "PWNED"
    config = json.loads((folder / "config.json").read_text())
    config["model_type"] = "evil-model"
    config["auto_map"] = {"AutoConfig": "evil.EvilConfig", "AutoModelForSequenceClassification": "evil.EvilModel"}
    (folder / "config.json").write_text(json.dumps(config))
    (folder / "evil.py").write_text(f"import pathlib\npathlib.Path({str(marker)!r}).write_text('foreign code ran')\n")
    if asks == "tokenizer":
        tokenizer_config = json.loads((folder / "tokenizer_config.json").read_text())
        del tokenizer_config["tokenizer_class"]
        (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config))
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n" * 5))
    load = {"camembert": CAMEMBERT, "phi2": PHI2}[recipe].load_model_and_tokenizer

    with pytest.raises(ValueError, match="trust_remote_code"):
        load(str(folder), {0: "6061", 1: "6251"}, {"6061": 0, "6251": 1})
    assert not marker.exists()


# --- 2. Destroy only what we wrote ---------------------------------------------------------------


def users_folder(path: Path) -> Path:
    path.mkdir()
    (path / "budget 2025.xlsx").write_bytes(b"PK\x03\x04 a spreadsheet of the user's")
    (path / "notes.txt").write_text("à garder\n")
    return path


def test_overwrite_never_replaces_a_users_folder(small_corpus, tmp_path, capsys):
    folder = users_folder(tmp_path / "out")
    shutil.copy(small_corpus["train"], folder / "train.csv")
    before = snapshot(folder)
    argv = [*train_argv(small_corpus["base"], folder, small_corpus), "--overwrite"]
    err = fails(capsys, argv, "was not written by compta-finetune", MARKER)
    assert "pass --overwrite" not in err
    assert_unchanged(folder, before)
    assert snapshot(folder).keys() == before.keys()


def test_tiny_overwrite_never_replaces_a_users_folder(tmp_path, capsys):
    folder = users_folder(tmp_path / "tiny")
    before = snapshot(folder)
    err = fails(capsys, ["tiny", "--output-dir", str(folder), "--overwrite"], "was not written by compta-finetune")
    assert "pass --overwrite" not in err
    assert_unchanged(folder, before)


def test_existing_model_of_ours_needs_overwrite(model_dir, small_corpus, capsys):
    before = snapshot(model_dir)
    fails(capsys, train_argv(small_corpus["base"], model_dir, small_corpus), "already exists (written by compta-finetune)", "pass --overwrite")
    assert_unchanged(model_dir, before)


def test_output_containing_the_train_file_is_refused(small_corpus, tmp_path, capsys):
    folder = tmp_path / "out"
    folder.mkdir()
    train = folder / "train.csv"
    shutil.copy(small_corpus["train"], train)
    before = snapshot(folder)
    argv = ["train", "--model", str(small_corpus["base"]), "--output-dir", str(folder), "--train-file", str(train), "--overwrite"]
    fails(capsys, argv, "contains --train-file", "apart from the input files")
    assert_unchanged(folder, before)


def test_lora_output_equal_to_the_base_model_is_refused(tiny_phi, small_corpus, tmp_path, capsys):
    base = copy_model(tiny_phi, tmp_path / "phi")
    before = snapshot(base)
    argv = ["train", "--recipe", "phi2", "--model", str(base), "--output-dir", str(base), "--train-file", str(small_corpus["train"]), "--overwrite"]
    fails(capsys, argv, f"--output-dir {base} is --model {base}")
    assert_unchanged(base, before)


def test_output_inside_the_model_folder_is_refused(small_corpus, tmp_path, capsys):
    base = copy_model(small_corpus["base"], tmp_path / "base")
    fails(capsys, train_argv(base, base / "fine-tuned", small_corpus), "lies inside --model")
    assert not (base / "fine-tuned").exists()


def test_a_model_saved_before_the_marker_is_recognised(model_dir, tmp_path):
    """Models written by version 0.1 of `train` have no marker: their exact set of files marks them."""
    legacy = copy_model(model_dir, tmp_path / "legacy", without=(MARKER,))
    assert written_by_us(legacy)
    (legacy / "budget.xlsx").write_bytes(b"user data")
    assert not written_by_us(legacy)


# --- 3. Refuse what would give garbage -------------------------------------------------------------


@pytest.mark.parametrize("command", ["predict", "evaluate"])
def test_model_without_tokenizer_files(command, model_dir, small_corpus, tmp_path, capsys):
    folder = copy_model(model_dir, tmp_path / "no-tokenizer", without=("tokenizer.json", "tokenizer_config.json"))
    before = snapshot(folder)
    fails(capsys, [command, "--model-dir", str(folder), "--input", str(small_corpus["test"])], "holds no tokenizer", "tokenizer.json")
    assert_unchanged(folder, before)


def test_train_from_a_model_without_tokenizer_files(small_corpus, tmp_path, capsys):
    folder = copy_model(small_corpus["base"], tmp_path / "no-tokenizer", without=("tokenizer.json", "tokenizer_config.json"))
    fails(capsys, train_argv(folder, tmp_path / "out", small_corpus), "holds no tokenizer")
    assert not (tmp_path / "out").exists() and not (tmp_path / "out.checkpoints").exists()


def test_a_tokenizer_of_a_handful_of_tokens_is_refused(model_dir, small_corpus, tmp_path, capsys):
    folder = copy_model(model_dir, tmp_path / "small-vocabulary", without=("tokenizer.json", "tokenizer_config.json"))
    train_camembert_tokenizer(["papier a4"] * 5, vocab_size=20).save_pretrained(folder)
    fails(capsys, ["evaluate", "--model-dir", str(folder), "--input", str(small_corpus["test"])], "tokens only")


@pytest.mark.parametrize("size", [0, "half"])
def test_truncated_weights_are_refused(size, model_dir, small_corpus, tmp_path, capsys):
    folder = copy_model(model_dir, tmp_path / "truncated")
    weights = folder / "model.safetensors"
    content = weights.read_bytes()
    weights.write_bytes(b"" if size == 0 else content[: len(content) // 2])
    before = snapshot(folder)
    expected = "0 bytes, too short" if size == 0 else "truncated"
    fails(capsys, ["predict", "--model-dir", str(folder), "--input", str(small_corpus["test"])], "model.safetensors is damaged", expected)
    assert_unchanged(folder, before)


def test_train_from_truncated_weights(small_corpus, tmp_path, capsys):
    folder = copy_model(small_corpus["base"], tmp_path / "base")
    weights = folder / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    fails(capsys, train_argv(folder, tmp_path / "out", small_corpus), "model.safetensors is damaged")


def test_a_diverged_run_is_not_saved_and_keeps_the_model(diverged):
    assert diverged["code"] == 2, diverged["err"]
    err = diverged["err"]
    assert "Traceback" not in err and err.count("error:") == 1
    assert "training diverged at step" in err and "learning rate 1e+30" in err and "--learning-rate" in err
    assert "Model saved" not in err
    # The good model it was to replace is intact; the checkpoints before the divergence are kept.
    assert_unchanged(diverged["output_dir"], diverged["before"])
    checkpoints = diverged["root"] / "model.checkpoints"
    assert sorted(p.name for p in checkpoints.glob("checkpoint-*"))
    for checkpoint in checkpoints.glob("checkpoint-*"):
        state = json.loads((checkpoint / "trainer_state.json").read_text())
        assert all(not isinstance(v, float) or v == v for entry in state["log_history"] for v in entry.values())
    assert not (diverged["root"] / ".model.lock").exists()


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_learning_rate_that_is_not_a_positive_finite_number(value, small_corpus, tmp_path, capsys):
    fails(capsys, train_argv(small_corpus["base"], tmp_path / "out", small_corpus, "--learning-rate", value), "--learning-rate must be a finite number above 0")


# --- 5. One writer per output ------------------------------------------------------------------------


def test_a_locked_output_is_refused_naming_the_holder(small_corpus, tmp_path, capsys):
    output_dir = tmp_path / "out"
    with output_lock(output_dir, purpose="compta-finetune train"):
        fails(capsys, train_argv(small_corpus["base"], output_dir, small_corpus), f"(PID {os.getpid()}", "being written by another")
        fails(capsys, ["tiny", "--output-dir", str(output_dir)], f"(PID {os.getpid()}")
    assert not output_dir.exists() and not (tmp_path / ".out.lock").exists()


def test_a_stale_lock_of_a_killed_run_is_taken_over(tmp_path, capsys):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from compta_finetune.outputs import output_lock\n"
         "with output_lock(sys.argv[1]):\n    print('locked', flush=True); time.sleep(120)", str(tmp_path / "tiny")],
        env=cli_env(), stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "locked"
        fails(capsys, ["tiny", "--output-dir", str(tmp_path / "tiny")], f"(PID {holder.pid}")
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert (tmp_path / ".tiny.lock").exists()  # left by the killed holder
    succeeds(["tiny", "--output-dir", str(tmp_path / "tiny")])
    assert (tmp_path / "tiny" / MARKER).is_file() and not (tmp_path / ".tiny.lock").exists()


def test_two_concurrent_trains_on_one_output(small_corpus, tmp_path, capsys):
    output_dir = tmp_path / "out"
    first = subprocess.Popen(
        [sys.executable, "-m", "compta_finetune", *train_argv(small_corpus["base"], output_dir, small_corpus)[:-1], "12"],
        env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not (tmp_path / ".out.lock").exists() or not (tmp_path / ".out.lock").read_text():
            assert first.poll() is None, first.stderr.read()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        fails(capsys, train_argv(small_corpus["base"], output_dir, small_corpus), f"(PID {first.pid}", "being written by another")
    finally:
        _, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert {"training_args.json", "results.json", "model.safetensors", MARKER} <= {p.name for p in output_dir.iterdir()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no lock, staging or checkpoints left


# --- 6. Resume only the same run ----------------------------------------------------------------------


def resume_argv(diverged, output_dir, **changes) -> list[str]:
    argv = list(diverged["argv"])
    argv[argv.index("--output-dir") + 1] = str(output_dir)
    argv.remove("--overwrite")
    for option, value in changes.items():
        argv[argv.index(option) + 1] = value
    return [*argv, "--resume"]


def test_resume_with_other_settings_or_data_is_refused(diverged, small_corpus, tmp_path, capsys):
    checkpoints = shutil.copytree(diverged["root"] / "model.checkpoints", tmp_path / "out.checkpoints")
    before = snapshot(checkpoints)
    fails(capsys, resume_argv(diverged, tmp_path / "out", **{"--learning-rate": "0.001"}), "--learning-rate (1e+30 -> 0.001)", "same command")
    other = tmp_path / "train.csv"
    other.write_bytes(small_corpus["train"].read_bytes() + "Ramettes papier A4 80 g,6064\n".encode())
    err = fails(capsys, resume_argv(diverged, tmp_path / "out", **{"--train-file": str(other)}), "--train-file content (sha256")
    assert "--learning-rate" not in err.split("Fix:")[0] and "--train-file (" not in err
    assert_unchanged(checkpoints, before)


@pytest.mark.parametrize("tampering", ["garbage", "pickle"])
def test_a_tampered_rng_state_is_refused_on_resume(tampering, diverged, tmp_path, capsys):
    checkpoints = shutil.copytree(diverged["root"] / "model.checkpoints", tmp_path / "out.checkpoints")
    last = max(checkpoints.glob("checkpoint-*"), key=lambda path: int(path.name.split("-")[1]))
    marker = tmp_path / "PWNED"

    class Payload:
        def __reduce__(self):
            return (Path.write_text, (marker, "pickle ran"))

    (last / "rng_state.pth").write_bytes(b"\x00garbage" * 10 if tampering == "garbage" else pickle.dumps(Payload()))
    before = snapshot(checkpoints)
    err = fails(capsys, resume_argv(diverged, tmp_path / "out"), f"{last.name}/rng_state.pth cannot be read", f"delete {last}")
    assert "weights_only" not in err  # torch's own advice, to load it unsafely, is not passed on
    assert not marker.exists()
    assert_unchanged(checkpoints, before)
    assert not (tmp_path / "out").exists()


# --- 7. Messages, not tracebacks ----------------------------------------------------------------------


@pytest.mark.parametrize("output_dir", [".", "", "..", "./"])
def test_output_dir_that_is_the_current_directory_or_empty(output_dir, small_corpus, tmp_path, capsys, monkeypatch):
    work = users_folder(tmp_path / "work")
    monkeypatch.chdir(work)
    before = snapshot(tmp_path)
    expected = "--output-dir is empty" if output_dir == "" else "is the current directory or one of its parents"
    fails(capsys, [*train_argv(small_corpus["base"], output_dir, small_corpus), "--overwrite"], expected, "--output-dir model")
    fails(capsys, ["tiny", "--output-dir", output_dir, "--overwrite"], expected)
    assert snapshot(tmp_path) == before


def test_max_length_beyond_the_model_is_clamped(small_corpus, tmp_path):
    train = tmp_path / "train.csv"
    long_line = " ".join(["Prestation de maintenance informatique annuelle du parc"] * 60)
    train.write_text(small_corpus["train"].read_text() + f'"{long_line}",615\n')
    (tmp_path / "out.checkpoints").mkdir()  # left empty by a crashed earlier version: must not block
    argv = ["train", "--model", str(small_corpus["base"]), "--output-dir", str(tmp_path / "out"), "--train-file", str(train),
            "--validation-file", str(small_corpus["validation"]), "--max-steps", "2", "--max-length", "1024"]  # fmt: skip
    err = succeeds(argv)
    assert "--max-length 1024 is more than the model reads (128 tokens): lines are truncated to 128 tokens" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "train.csv"]


def test_a_failed_run_leaves_no_empty_checkpoint_folder(small_corpus, tmp_path, capsys):
    train = tmp_path / "train.csv"
    train.write_text("text,label\nAbonnement fibre,626\n  ,6064\n")
    argv = ["train", "--model", str(small_corpus["base"]), "--output-dir", str(tmp_path / "out"), "--train-file", str(train)]
    fails(capsys, argv, "empty text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["train.csv"]


def test_file_size_limit_while_training_loses_nothing(model_dir, small_corpus, tmp_path):
    """The checkpoint and the model are bigger than the limit: the model already there is kept whole."""
    output_dir = copy_model(model_dir, tmp_path / "model")
    before = snapshot(tmp_path)
    run = run_cli(*train_argv(small_corpus["base"], output_dir, small_corpus), "--overwrite", cwd=tmp_path, limit_file_size=500_000)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr and run.stderr.count("compta-finetune train: error:") == 1
    assert "File too large" in run.stderr and "Files already in place were left as they were" in run.stderr
    assert_unchanged(tmp_path, before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model"]  # no staging, lock or empty checkpoint folder


def test_disk_full_while_building_tiny_loses_nothing(tmp_path, capsys, monkeypatch):
    succeeds(["tiny", "--output-dir", str(tmp_path / "tiny")])
    before = snapshot(tmp_path)

    def full_disk(output_dir, *args, **kwargs):
        (Path(output_dir) / "model.safetensors").write_bytes(b"half written")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(Path(output_dir) / "model.safetensors"))

    monkeypatch.setattr("compta_finetune.testing.build_tiny_camembert", full_disk)
    fails(capsys, ["tiny", "--output-dir", str(tmp_path / "tiny"), "--overwrite"], "No space left on device", "free disk space")
    assert snapshot(tmp_path) == before


# --- 8. Team-friendly, durable saves -----------------------------------------------------------------


def test_saved_files_follow_the_umask_and_are_flushed(tmp_path, monkeypatch):
    synced = []
    real_fsync = os.fsync

    def fsync(descriptor):
        synced.append(os.readlink(f"/proc/self/fd/{descriptor}"))
        real_fsync(descriptor)

    monkeypatch.setattr(outputs.os, "fsync", fsync)
    previous = os.umask(0o002)  # a team's shared server: group-writable
    try:
        succeeds(["tiny", "--output-dir", str(tmp_path / "tiny")])
    finally:
        os.umask(previous)
    folder = tmp_path / "tiny"
    assert folder.stat().st_mode & 0o777 == 0o775
    assert {path.name: path.stat().st_mode & 0o777 for path in folder.iterdir()} == {
        name: 0o664
        for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "fine_tuning_config.json", MARKER)
    }
    # Every file was flushed, then its folder, before the rename; then the parent after it.
    names = [Path(path).name for path in synced]
    assert {"model.safetensors", "config.json", MARKER} <= set(names)
    assert Path(synced[-1]) == tmp_path


def test_the_model_written_by_train_is_readable_by_the_team(model_dir):
    mask = os.umask(0)
    os.umask(mask)
    assert model_dir.stat().st_mode & 0o777 == 0o777 & ~mask
    assert {path.stat().st_mode & 0o777 for path in model_dir.iterdir()} == {0o666 & ~mask}
    assert json.loads((model_dir / MARKER).read_text())["kind"] == "model"


def test_cli_reports_a_disk_full_error_from_any_writer():
    """Torch and safetensors report a full disk in their own words; the CLI recognises them."""
    assert outputs.disk_full_error(RuntimeError("[enforce fail at inline_container.cc:672] . PytorchStreamWriter failed writing file data/3: file write failed"))
    assert outputs.disk_full_error(Exception("Error while serializing: I/O error: File too large (os error 27)"))
    assert outputs.disk_full_error(ValueError("bad value")) is None
