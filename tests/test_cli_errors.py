"""Bad input gets one message naming the problem and the fix, exit status 2, no traceback, nothing lost."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import compta_finetune
import pytest
import torch

from compta_finetune import cli
from compta_finetune.cli import main
from compta_finetune.data import load_account_labels
from compta_finetune.recipes.camembert import load_model_and_tokenizer

GOOD_CSV = "text,label\nAbonnement fibre optique,626\nRamettes papier A4,6064\nBillet de train,6251\n"
THREE_ACCOUNTS = ["6064", "626", "6251"]


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """One thread for these tiny models: on a busy 2-core machine, two threads can wait on each other for seconds."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def save_classifier(base: Path, directory: Path, accounts: list[str]) -> Path:
    """The tiny CamemBERT with a classification head for ``accounts``, saved as `train` saves a model."""
    id2label = dict(enumerate(accounts))
    torch.manual_seed(0)
    model, tokenizer = load_model_and_tokenizer(str(base), id2label, {code: i for i, code in id2label.items()})
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


@pytest.fixture(scope="module")
def full_model(tiny_camembert, tmp_path_factory):
    """A classifier of all 21 accounts (untrained head: these tests look at errors, not scores)."""
    return save_classifier(tiny_camembert, tmp_path_factory.mktemp("full"), list(load_account_labels()))


@pytest.fixture(scope="module")
def three_account_model(tiny_camembert, tmp_path_factory):
    """A classifier fine-tuned elsewhere on three accounts only."""
    return save_classifier(tiny_camembert, tmp_path_factory.mktemp("three"), THREE_ACCOUNTS)


def fails(capsys, argv, *expected: str) -> str:
    """Run the command, check that it fails with one clear message, and return that message."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("error:") == 1 and err.count("Fix:") == 1, err
    for text in expected:
        assert text in err, err
    return err


def train_args(model, output_dir, train_file, *extra):
    return ["train", "--model", str(model), "--output-dir", str(output_dir), "--train-file", str(train_file), "--max-steps", "1", *extra]


# --- Input files -----------------------------------------------------------------------------


def test_missing_input_file(full_model, tmp_path, capsys):
    fails(capsys, ["predict", "--model-dir", str(full_model), "--input", str(tmp_path / "nope.csv")], "nope.csv: file not found")


def test_input_is_a_directory(full_model, tmp_path, capsys):
    fails(capsys, ["evaluate", "--model-dir", str(full_model), "--input", str(tmp_path)], "is a directory, not a CSV file")


def test_unreadable_input_file(full_model, tmp_path, capsys, monkeypatch):
    path = write(tmp_path / "locked.csv", GOOD_CSV)

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    # chmod 000 does not stop root, who runs the tests in containers: make the read itself fail.
    monkeypatch.setattr(Path, "read_bytes", denied)
    fails(capsys, ["predict", "--model-dir", str(full_model), "--input", str(path)], "locked.csv", "Permission denied", "permissions")


def test_missing_text_column(full_model, tmp_path, capsys):
    path = write(tmp_path / "lines.csv", "libelle\nAbonnement fibre\n")
    fails(capsys, ["predict", "--model-dir", str(full_model), "--input", str(path)], "no text column 'text'", "--text-column 'libelle'")


def test_missing_label_column(full_model, tmp_path, capsys):
    path = write(tmp_path / "test.csv", "text\nAbonnement fibre\n")
    fails(capsys, ["evaluate", "--model-dir", str(full_model), "--input", str(path)], "no account column 'label'", "--label-column")


def test_empty_file(full_model, tmp_path, capsys):
    path = write(tmp_path / "empty.csv", "")
    fails(capsys, ["predict", "--model-dir", str(full_model), "--input", str(path)], "the file is empty")


def test_header_without_lines(tiny_camembert, tmp_path, capsys):
    path = write(tmp_path / "train.csv", "text,label\n")
    fails(capsys, train_args(tiny_camembert, tmp_path / "out", path), "no data line")
    assert not (tmp_path / "out").exists()


def test_empty_text(tiny_camembert, tmp_path, capsys):
    path = write(tmp_path / "train.csv", "text,label\nAbonnement fibre,626\n  ,6064\n")
    fails(capsys, train_args(tiny_camembert, tmp_path / "out", path), "train.csv, line 3: empty text")


def test_empty_line_on_standard_input(full_model, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Abonnement fibre\n\nPapier A4\n")))
    fails(capsys, ["predict", "--model-dir", str(full_model), "--input", "-"], "<stdin>, line 2: empty text")


def test_bytes_that_are_not_utf8(full_model, tmp_path, capsys):
    path = write(tmp_path / "cp1252.csv", "text,label\nAbonnement fibre,626\n".encode() + "Fournitures bureau é,6064\n".encode("cp1252"))
    # Windows-1252 is detected; a forced encoding that the bytes break names the line.
    fails(capsys, ["evaluate", "--model-dir", str(full_model), "--input", str(path), "--encoding", "utf-8"], "line 3: bytes that are not utf-8", "--encoding")


def test_bytes_that_are_not_utf8_on_standard_input(full_model, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Facture électricité\n".encode("cp1252"))))
    fails(capsys, ["predict", "--model-dir", str(full_model), "--input", "-", "--encoding", "utf-8"], "<stdin>, line 1: bytes that are not utf-8")


def test_unknown_label(tiny_camembert, tmp_path, capsys):
    path = write(tmp_path / "train.csv", "text,label\nAbonnement fibre,626\nPapier,6O64\n")
    fails(capsys, train_args(tiny_camembert, tmp_path / "out", path), "line 3: '6O64' is not a PCG account code")


def test_too_few_lines_to_hold_out_a_validation_line(tiny_camembert, tmp_path, capsys):
    path = write(tmp_path / "train.csv", "text,label\nAbonnement fibre,626\n")
    fails(capsys, train_args(tiny_camembert, tmp_path / "out", path), "too few to hold out", "--validation-file")


def test_validation_file_without_train_file(tiny_camembert, tmp_path, capsys):
    path = write(tmp_path / "val.csv", GOOD_CSV)
    argv = ["train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "out"), "--validation-file", str(path)]
    fails(capsys, argv, "without --train-file")


def test_option_out_of_range(tiny_camembert, tmp_path, capsys):
    path = write(tmp_path / "train.csv", GOOD_CSV)
    fails(capsys, train_args(tiny_camembert, tmp_path / "out", path, "--batch-size", "0"), "--batch-size must be at least 1")


# --- Models ----------------------------------------------------------------------------------


def test_evaluate_on_accounts_the_model_does_not_know(three_account_model, tmp_path, capsys):
    # A warning with the counts, not a failure: those lines count as errors.
    path = write(tmp_path / "test.csv", GOOD_CSV + "Loyer bureaux juin,6132\nCotisation chambre de commerce,6281\n")
    assert main(["evaluate", "--model-dir", str(three_account_model), "--input", str(path)]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "2 line(s) have 2 account(s) the model" in err and "6132, 6281" in err


def test_train_from_a_model_fine_tuned_on_other_accounts(three_account_model, tmp_path, capsys):
    path = write(tmp_path / "train.csv", GOOD_CSV + "Loyer bureaux juin,6132\n")
    fails(capsys, train_args(three_account_model, tmp_path / "out", path), "already fine-tuned on 3 accounts", "pre-trained model")
    assert not (tmp_path / "out").exists()


def test_model_directory_that_does_not_exist(tmp_path, capsys):
    path = write(tmp_path / "train.csv", GOOD_CSV)
    fails(capsys, train_args(tmp_path / "no-such-model", tmp_path / "out", path), "does not exist", "compta-finetune tiny")


def test_hub_model_while_offline(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    path = write(tmp_path / "train.csv", GOOD_CSV)
    fails(
        capsys,
        train_args("almanach/camembert-base-does-not-exist", tmp_path / "out", path),
        "HF_HUB_OFFLINE is set",
        "compta-finetune tiny",
    )


def test_predict_with_a_model_that_is_not_fine_tuned(tiny_camembert, tmp_path, capsys):
    path = write(tmp_path / "lines.csv", GOOD_CSV)
    fails(capsys, ["predict", "--model-dir", str(tiny_camembert), "--input", str(path)], "not one fine-tuned on accounts", "compta-finetune train")


def test_predict_with_a_model_directory_that_does_not_exist(tmp_path, capsys):
    path = write(tmp_path / "lines.csv", GOOD_CSV)
    fails(capsys, ["predict", "--model-dir", str(tmp_path / "nope"), "--input", str(path)], "not a fine-tuned model directory")


# --- Outputs: nothing already written is lost --------------------------------------------------


def test_existing_output_directory_is_left_untouched(tiny_camembert, tmp_path, capsys):
    output_dir = tmp_path / "out"
    output_dir.mkdir()
    keep = write(output_dir / "model.safetensors", b"weights of an earlier run")
    path = write(tmp_path / "train.csv", GOOD_CSV)
    fails(capsys, train_args(tiny_camembert, output_dir, path), "already exists", "--overwrite")
    assert keep.read_bytes() == b"weights of an earlier run" and [p.name for p in output_dir.iterdir()] == [keep.name]


def test_existing_tiny_directory_is_left_untouched(tmp_path, capsys):
    keep = write(tmp_path / "notes.txt", "mine")
    fails(capsys, ["tiny", "--output-dir", str(tmp_path)], "already exists", "--overwrite")
    assert keep.read_text() == "mine"


def test_checkpoints_of_an_interrupted_run_are_not_thrown_away(tiny_camembert, tmp_path, capsys):
    checkpoint = tmp_path / "out.checkpoints" / "checkpoint-4"
    checkpoint.mkdir(parents=True)
    write(checkpoint / "trainer_state.json", "{}")
    path = write(tmp_path / "train.csv", GOOD_CSV)
    fails(capsys, train_args(tiny_camembert, tmp_path / "out", path), "interrupted run", "--resume")
    assert (checkpoint / "trainer_state.json").read_text() == "{}"


def test_predict_output_is_never_half_written(full_model, tmp_path, capsys, monkeypatch):
    lines = write(tmp_path / "lines.csv", "text\n" + "".join(f"Facture fournisseur {i}\n" for i in range(50)))
    output = write(tmp_path / "predictions.csv", "text,label\nearlier,626\n")
    real_writer = csv.writer

    class DiskFullWriter:
        def __init__(self, handle, **options):
            self.writer, self.rows = real_writer(handle, **options), 0

        def writerow(self, row):
            self.rows += 1
            if self.rows == 10:
                raise OSError(28, "No space left on device")
            self.writer.writerow(row)

    monkeypatch.setattr(cli.csv, "writer", DiskFullWriter)
    fails(capsys, ["predict", "--model-dir", str(full_model), "--input", str(lines), "--output", str(output), "--overwrite"], "No space left on device")
    assert output.read_text() == "text,label\nearlier,626\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lines.csv", "predictions.csv"]  # no temporary file left


def test_output_in_a_directory_that_does_not_exist(full_model, tmp_path, capsys):
    path = write(tmp_path / "lines.csv", GOOD_CSV)
    fails(capsys, ["predict", "--model-dir", str(full_model), "--input", str(path), "--output", str(tmp_path / "no" / "p.csv")], "does not exist")


# --- Long lines: truncated, not fatal -------------------------------------------------------------


def test_a_line_of_100000_characters_is_predicted(full_model, tmp_path, capsys):
    huge = "Prestation de maintenance informatique " * 2565
    huge = huge[:100_000]
    path = write(tmp_path / "lines.csv", f"text\n{huge}\nPapier A4\n")
    output = tmp_path / "predictions.csv"
    assert main(["predict", "--model-dir", str(full_model), "--input", str(path), "--output", str(output)]) == 0
    with open(output, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [len(row["text"]) for row in rows] == [len(huge.strip()), len("Papier A4")]
    assert all(row["predicted_label"] in load_account_labels() for row in rows)
    assert "Traceback" not in capsys.readouterr().err


# --- The real command, in a child process -----------------------------------------------------


def run_cli(*argv: str) -> subprocess.CompletedProcess:
    source = str(Path(compta_finetune.__file__).resolve().parents[1])
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [source, env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "compta_finetune", *argv], env=env, capture_output=True, text=True, timeout=120)


def test_python_m_exits_2_without_traceback(full_model, tmp_path):
    path = write(tmp_path / "lines.csv", "text,label\nAbonnement fibre,626\n".encode() + "Caf\xe9,6257\n".encode("latin-1"))
    run = run_cli("predict", "--model-dir", str(full_model), "--input", str(path), "--output", str(tmp_path / "p.csv"), "--encoding", "utf-8")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stdout == ""
    assert run.stderr.count("error:") == 1 and "line 3: bytes that are not utf-8" in run.stderr and "Fix:" in run.stderr
    assert not (tmp_path / "p.csv").exists()


def test_bad_option_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["predict", "--model-dir", "m", "--input", "x.csv", "--top-k", "0"])
    assert exit_info.value.code == 2
    assert "--top-k" in capsys.readouterr().err
