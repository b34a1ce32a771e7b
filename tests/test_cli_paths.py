"""The command line's exit paths, in-process: Ctrl-C, a closed pipe, empty or bad standard input, option checks."""

import argparse
import errno
import io
import sys
import warnings

import pytest

from compta_finetune import cli, outputs
from compta_finetune.cli import main
from compta_finetune.data import read_invoice_csv
from compta_finetune.errors import DataError, UserError
from compta_finetune.training import FineTuningArguments

RESUME_HINT = "Run the same command with --resume to continue from the last checkpoint."


def stdin_bytes(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def fails(capsys, argv, code=2):
    try:
        main(argv)
    except SystemExit as exit_info:
        assert exit_info.code == code
    except KeyboardInterrupt:  # not left to pytest, which would stop the whole session
        pytest.fail("Ctrl-C escaped main() as a KeyboardInterrupt: the user sees a traceback")
    else:
        pytest.fail("main() returned instead of exiting")
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


def raising(error):
    def handler(arguments):
        raise error

    return handler


# --- Ctrl-C and closed pipes -----------------------------------------------------------------


def test_ctrl_c_during_train_exits_130_with_the_resume_hint(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(cli, "run_train", raising(KeyboardInterrupt()))
    err = fails(capsys, ["train", "--output-dir", str(tmp_path / "model")], code=130)
    assert err == f"compta-finetune train: interrupted. {RESUME_HINT}\n"


def test_ctrl_c_during_predict_exits_130_without_the_resume_hint(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(cli, "run_predict", raising(KeyboardInterrupt()))
    err = fails(capsys, ["predict", "--model-dir", str(tmp_path), "--input", "-"], code=130)
    assert err == "compta-finetune predict: interrupted.\n"


def test_a_closed_pipe_stops_quietly_and_silences_standard_output(monkeypatch, capsys, tmp_path):
    def handler(arguments):
        print("first rows", flush=True)
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "run_predict", handler)
    with open(tmp_path / "stdout.txt", "w") as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        err = fails(capsys, ["predict", "--model-dir", str(tmp_path), "--input", "-"], code=1)
        # Python's final flush of standard output must not fail again on the closed pipe.
        print("written after the pipe closed", file=stdout, flush=True)
    assert err == ""
    assert (tmp_path / "stdout.txt").read_text() == "first rows\n"


def test_an_os_error_names_the_file_and_exits_2(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(cli, "run_evaluate", raising(PermissionError(13, "Permission denied", "/data/x.csv")))
    err = fails(capsys, ["evaluate", "--model-dir", str(tmp_path), "--input", "x.csv"])
    assert err.startswith("compta-finetune evaluate: error: /data/x.csv: Permission denied.\n  Fix: check the path")


def test_an_os_error_without_a_file_still_exits_2(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(cli, "run_evaluate", raising(OSError("disk gone")))
    err = fails(capsys, ["evaluate", "--model-dir", str(tmp_path), "--input", "x.csv"])
    assert err.startswith("compta-finetune evaluate: error: disk gone.\n")


DISK_FIX = "  Fix: free disk space (or raise the file-size limit, `ulimit -f`), then run the command again.\n"


def test_a_full_disk_names_the_file_and_says_nothing_in_place_was_touched(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(cli, "run_train", raising(OSError(errno.ENOSPC, "No space left on device", "/data/model/x")))
    err = fails(capsys, ["train", "--output-dir", str(tmp_path / "model")])
    assert err == (
        "compta-finetune train: error: /data/model/x: No space left on device: writing failed. "
        "Files already in place were left as they were.\n" + DISK_FIX
    )


def test_a_writers_own_disk_full_error_gets_the_same_message(monkeypatch, capsys, tmp_path):
    """torch says « file write failed » in a RuntimeError, not an OSError."""
    error = RuntimeError("[enforce fail at inline_container.cc:672] . PytorchStreamWriter failed writing file data/3: file write failed")
    monkeypatch.setattr(cli, "run_train", raising(error))
    err = fails(capsys, ["train", "--output-dir", str(tmp_path / "model")])
    reason = outputs.disk_full_error(error)
    assert reason
    assert err == (
        f"compta-finetune train: error: writing failed: {reason}. Files already in place were left as they were.\n" + DISK_FIX
    )


def test_any_other_exception_is_not_disguised_as_a_user_error(monkeypatch, capsys, tmp_path):
    """A bug keeps its traceback: only user errors and full disks become one-line messages."""
    monkeypatch.setattr(cli, "run_train", raising(ValueError("a bug")))
    with pytest.raises(ValueError, match="a bug"):
        main(["train", "--output-dir", str(tmp_path / "model")])


def test_the_packages_own_deprecations_are_shown(monkeypatch, capsys, tmp_path):
    """Only the libraries' FutureWarning and DeprecationWarning are hidden, not compta-finetune's."""

    def handler(arguments):
        warnings.warn_explicit("--old-option is renamed --new-option", FutureWarning, "training.py", 1, module="compta_finetune.training")
        warnings.warn_explicit("old API", DeprecationWarning, "trainer.py", 1, module="transformers.trainer")

    monkeypatch.setattr(cli, "run_evaluate", handler)
    assert main(["evaluate", "--model-dir", str(tmp_path), "--input", "x.csv"]) == 0
    err = capsys.readouterr().err
    assert err == "compta-finetune: warning: --old-option is renamed --new-option\n"


def test_a_user_error_prints_the_problem_then_the_fix(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(cli, "run_evaluate", raising(UserError("the problem.", "the fix.")))
    err = fails(capsys, ["evaluate", "--model-dir", str(tmp_path), "--input", "x.csv"])
    assert err == "compta-finetune evaluate: error: the problem.\n  Fix: the fix.\n"


def test_success_returns_0_and_library_deprecations_stay_hidden(monkeypatch, capsys, tmp_path):
    def handler(arguments):
        warnings.warn("old API", FutureWarning)
        warnings.warn("check this line", UserWarning)

    monkeypatch.setattr(cli, "run_evaluate", handler)
    assert main(["evaluate", "--model-dir", str(tmp_path), "--input", "x.csv"]) == 0
    # A FutureWarning raised here counts as "ours" (module compta_finetune...) only if it comes from
    # the package: this test module is not it, so only the UserWarning is shown, in one line.
    err = capsys.readouterr().err
    assert "compta-finetune: warning: check this line\n" in err
    assert "old API" not in err


# --- Standard input --------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_empty_standard_input_is_refused(monkeypatch, capsys, fine_tuned_camembert, data):
    stdin_bytes(monkeypatch, data)
    err = fails(capsys, ["predict", "--model-dir", str(fine_tuned_camembert), "--input", "-"])
    assert "<stdin>: no input." in err and "pipe invoice lines" in err


def test_a_bad_csv_on_standard_input_is_named_stdin(monkeypatch, capsys, fine_tuned_camembert):
    stdin_bytes(monkeypatch, b"text,label\nAbonnement fibre,626\n   ,6064\n")
    err = fails(capsys, ["predict", "--model-dir", str(fine_tuned_camembert), "--input", "-"])
    assert "error: <stdin>, line 3: empty text." in err
    assert "stdin.csv" not in err and "/tmp" not in err.split("Fix:")[0]


def test_standard_input_lines_and_csv(monkeypatch):
    stdin_bytes(monkeypatch, "\ufeffLoyer bureaux\n  Papier A4  \n\n\n".encode())
    assert cli.read_texts("-") == ["Loyer bureaux", "Papier A4"]
    stdin_bytes(monkeypatch, b"text,label\nLoyer,6132\nLoyer,6132\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # duplicate lines are fine to predict: no warning
        assert cli.read_texts("-") == ["Loyer", "Loyer"]


def test_a_text_stream_without_buffer_is_read_too(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Frais postaux\n"))
    assert cli.read_texts("-") == ["Frais postaux"]


def test_a_csv_file_input_is_read_without_duplicate_warnings(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("text\nToner\nToner\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cli.read_texts(str(path)) == ["Toner", "Toner"]


# --- Option checks ---------------------------------------------------------------------------


def check(**options):
    cli._check_fine_tuning_arguments(FineTuningArguments(**options))


def test_the_smallest_valid_option_values_pass():
    check(batch_size=1, max_length=1, save_steps=1, epochs=0.5, learning_rate=1e-9)
    check(epochs=0, max_steps=1)  # --max-steps overrides --epochs
    check(save_steps=None, learning_rate=None)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"batch_size": 0}, "--batch-size must be at least 1"),
        ({"max_length": 0}, "--max-length must be at least 1"),
        ({"save_steps": 0}, "--save-steps must be at least 1"),
        ({"epochs": 0}, "--epochs must be above 0 (or give --max-steps)"),
        ({"epochs": 0, "max_steps": 0}, "--epochs must be above 0 (or give --max-steps)"),
        ({"learning_rate": 0.0}, "--learning-rate must be a finite number above 0"),
        ({"learning_rate": -1e-5}, "--learning-rate must be a finite number above 0"),
    ],
)
def test_each_bad_option_is_named(options, message):
    with pytest.raises(UserError) as error:
        check(**options)
    assert error.value.problem == message + "."
    assert error.value.fix == "correct the option values."


def test_all_bad_options_are_named_at_once(capsys, tmp_path):
    err = fails(capsys, ["train", "--output-dir", str(tmp_path / "m"), "--batch-size", "0", "--max-length", "-3"])
    assert "--batch-size must be at least 1; --max-length must be at least 1." in err
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_top_k_and_batch_size_must_be_whole_numbers_of_at_least_1(value):
    with pytest.raises(argparse.ArgumentTypeError, match=f"at least 1, got '{value}'"):
        cli._positive_int(value)
    assert cli._positive_int("1") == 1 and cli._positive_int("64") == 64


# --- Reading invoice files -------------------------------------------------------------------


def test_a_single_duplicate_line_warns(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("text,label\nToner,6064\nToner,6064\nLoyer,6132\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"dup.csv: 1 duplicate line\(s\); they are kept."):
        assert len(read_invoice_csv(path, {"6064", "6132"})) == 3


def test_no_duplicate_no_warning(tmp_path):
    path = tmp_path / "unique.csv"
    path.write_text("text,label\nToner,6064\nToner,6132\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read_invoice_csv(path, {"6064", "6132"}) == [
            {"text": "Toner", "label": "6064"},
            {"text": "Toner", "label": "6132"},
        ]


def test_an_empty_label_is_refused_with_its_line(tmp_path):
    path = tmp_path / "train.csv"
    path.write_text("text,label\nToner,6064\nLoyer,  \n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        read_invoice_csv(path, {"6064", "6132"})
    assert error.value.problem == f"{path}, line 3: '' is not a PCG account code (digits only, the first from 1 to 8)."
    assert error.value.fix == "write the account number of the line (e.g. 6064 or 60640000), or remove the line."


def test_train_with_an_empty_label_exits_2_not_with_a_key_error(tiny_camembert, capsys, tmp_path):
    path = tmp_path / "train.csv"
    path.write_text("text,label\nAbonnement fibre,626\nRamettes papier,\n", encoding="utf-8")
    argv = ["train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "m"), "--train-file", str(path)]
    err = fails(capsys, argv)
    assert "train.csv, line 3: '' is not a PCG account code" in err and "KeyError" not in err
    assert not (tmp_path / "m").exists()


# --- Help and output locations ---------------------------------------------------------------


def test_train_help_shows_dash_spellings_and_defaults(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "--output-dir OUTPUT_DIR" in out and "--output_dir" not in out
    assert "--resume [true|false]" in out
    assert "(default: 42)" in out  # --seed tells its default
    assert "(default: None)" not in out and "(default: False)" not in out


def test_an_output_dir_that_is_a_file_is_refused(tmp_path):
    path = tmp_path / "model"
    path.write_text("not a folder", encoding="utf-8")
    with pytest.raises(UserError, match="exists and is not a directory"):
        cli._check_output_dir(path, overwrite=True)
    with pytest.raises(UserError, match="exists and is not a directory"):  # a file is never replaced
        cli._check_output_dir(path, overwrite=False)
    cli._check_output_dir(tmp_path / "new", overwrite=False)


def test_an_output_file_that_is_a_folder_is_refused(tmp_path):
    with pytest.raises(UserError, match="is a directory") as error:
        cli._check_output_file(str(tmp_path))
    assert "--output" in error.value.fix
    with pytest.raises(UserError, match="does not exist"):
        cli._check_output_file(str(tmp_path / "absent" / "x.csv"))
    cli._check_output_file(str(tmp_path / "x.csv"))
    cli._check_output_file("-")


def test_replace_dir_swaps_in_the_new_folder_and_drops_the_old(tmp_path):
    target, staging = tmp_path / "tiny", tmp_path / ".tiny.new"
    target.mkdir()
    (target / "old.txt").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "new.txt").write_text("new", encoding="utf-8")
    from compta_finetune.outputs import replace_dir

    replace_dir(staging, target)
    assert sorted(p.name for p in target.iterdir()) == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny"]


def test_write_atomically_leaves_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")

    def broken(handle):
        handle.write("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        cli.write_atomically(str(path), broken)
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    cli.write_atomically(str(path), lambda handle: handle.write("new"))
    assert path.read_text(encoding="utf-8") == "new"
