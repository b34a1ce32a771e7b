"""Output folders, checkpoints and locks, branch by branch, in process: what exists is never lost."""

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap

import pytest

from compta_finetune.errors import OutputError
from compta_finetune.outputs import (
    check_apart_from_inputs,
    check_output_dir,
    disk_full_error,
    has_complete_checkpoint,
    make_durable,
    output_lock,
    prepare_checkpoint_dir,
    private_staging,
    read_marker,
    replace_dir,
    written_by_us,
)

RUN = {"arguments": {"learning_rate": 0.001}, "data": {"train": "abc"}}


def test_an_empty_folder_is_used_and_a_file_in_the_way_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    assert check_output_dir(tmp_path / "empty", overwrite=False) == (tmp_path / "empty").resolve()
    (tmp_path / "file").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match=r"file exists and is not a directory"):
        check_output_dir(tmp_path / "file", overwrite=True)
    assert (tmp_path / "file").read_text(encoding="utf-8") == "mine"


def test_a_folder_of_old_checkpoint_folders_only_is_ours_and_an_unreadable_one_is_not(tmp_path):
    old = tmp_path / "model.checkpoints"
    (old / "checkpoint-2").mkdir(parents=True)
    prepare_checkpoint_dir(old, resume=False, overwrite=True, run=RUN)  # version 0.1: replaced
    assert read_marker(old)["run"] == RUN and not (old / "checkpoint-2").exists()
    foreign = tmp_path / "other"
    (foreign / "checkpoint-2").mkdir(parents=True)
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError, match="was not written by compta-finetune"):
        prepare_checkpoint_dir(foreign, resume=False, overwrite=True, run=RUN)
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_resuming_checks_the_run_and_old_checkpoints_have_nothing_to_compare(tmp_path):
    checkpoints = tmp_path / "model.checkpoints"
    prepare_checkpoint_dir(checkpoints, resume=False, overwrite=False, run=RUN)
    (checkpoints / "checkpoint-2").mkdir()
    (checkpoints / "checkpoint-2" / "trainer_state.json").write_text("{}", encoding="utf-8")
    prepare_checkpoint_dir(checkpoints, resume=True, overwrite=False, run=RUN)  # same run: accepted
    with pytest.raises(OutputError, match=r"--learning-rate \(0.001 -> 0.1\)"):
        prepare_checkpoint_dir(checkpoints, resume=True, overwrite=False, run={**RUN, "arguments": {"learning_rate": 0.1}})
    with pytest.raises(OutputError, match="holds checkpoints of an interrupted run"):
        prepare_checkpoint_dir(checkpoints, resume=False, overwrite=False, run=RUN)
    (checkpoints / ".compta-finetune.json").unlink()  # version 0.1: no marker, no recorded run
    prepare_checkpoint_dir(checkpoints, resume=True, overwrite=False, run=RUN)
    assert (checkpoints / "checkpoint-2" / "trainer_state.json").is_file()


def test_a_checkpoint_is_complete_only_with_a_readable_trainer_state(tmp_path):
    (tmp_path / "checkpoint-4").mkdir()
    (tmp_path / "checkpoint-4" / "trainer_state.json").write_text('{"global_st', encoding="utf-8")  # killed mid-write
    assert not has_complete_checkpoint(tmp_path)
    (tmp_path / "checkpoint-2").mkdir()
    (tmp_path / "checkpoint-2" / "trainer_state.json").write_text("{}", encoding="utf-8")
    assert has_complete_checkpoint(tmp_path)


def test_the_second_process_is_told_who_holds_the_lock(tmp_path):
    holder = textwrap.dedent(f"""
        import sys, time
        from compta_finetune.outputs import output_lock
        with output_lock({str(tmp_path / "model")!r}, purpose="compta-finetune train"):
            print("locked", flush=True)
            sys.stdin.read()
    """)
    child = subprocess.Popen([sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError, match=rf"PID {child.pid}, `compta-finetune train`, since "):
            with output_lock(tmp_path / "model", purpose="compta-finetune tiny"):
                pass
    finally:
        child.communicate("")
    with output_lock(tmp_path / "model", purpose="again") as lock:  # released when the holder exits
        assert json.loads(lock.read_text(encoding="utf-8"))["command"] == "again"


def test_a_lock_file_with_foreign_content_still_locks(tmp_path):
    (tmp_path / ".model.lock").write_text("[not, a, record]", encoding="utf-8")
    with output_lock(tmp_path / "model", purpose="train") as lock:
        assert lock == tmp_path / ".model.lock"
    with output_lock(tmp_path / "model", enabled=False) as lock:  # the other processes of a torchrun job
        assert lock is None


def test_a_saved_folder_gets_the_umask_permissions_down_to_its_subfolders(tmp_path):
    folder = tmp_path / "model"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "weights").write_bytes(b"x")
    os.chmod(folder / "sub", 0o700)
    previous = os.umask(0o022)
    try:
        make_durable(folder)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((folder / "sub").stat().st_mode) == 0o755
    assert stat.S_IMODE((folder / "sub" / "weights").stat().st_mode) == 0o644


def test_full_disks_are_recognised_through_causes_and_messages():
    quota = OSError(errno.EDQUOT, "quota")
    wrapped = RuntimeError("saving failed")
    wrapped.__cause__ = quota
    assert disk_full_error(wrapped) == os.strerror(errno.EDQUOT)
    assert disk_full_error(RuntimeError("[enforce fail at inline_container.cc] . PytorchStreamWriter failed writing file data/0: file write failed")) == "a file could not be written to the end"
    assert disk_full_error(ValueError("a bad value")) is None
    looped = RuntimeError("again")
    looped.__cause__ = looped
    assert disk_full_error(looped) is None


def test_a_folder_we_marked_is_ours(tmp_path):
    from compta_finetune.outputs import write_marker

    assert not written_by_us(tmp_path)
    write_marker(tmp_path, "model")
    assert written_by_us(tmp_path)


def test_resuming_names_every_difference_with_the_data_digests(tmp_path):
    checkpoints = tmp_path / "model.checkpoints"
    recorded = {"arguments": {"learning_rate": 0.001}, "data": {"train": "a" * 64}}  # written by an older version: no epochs
    prepare_checkpoint_dir(checkpoints, resume=False, overwrite=False, run=recorded)
    (checkpoints / "checkpoint-2").mkdir()
    (checkpoints / "checkpoint-2" / "trainer_state.json").write_text("{}", encoding="utf-8")
    now = {"arguments": {"learning_rate": 0.001, "epochs": 3.0}, "data": {"train": "b" * 64, "validation": "c" * 64}}
    with pytest.raises(OutputError) as error:
        prepare_checkpoint_dir(checkpoints, resume=True, overwrite=False, run=now)
    assert error.value.problem == (
        f"--resume would continue the run of {checkpoints} with other settings or data: --epochs (None -> 3.0); "
        f"--train-file content (sha256 {'a' * 12}... -> {'b' * 12}...); "
        f"--validation-file content (sha256 None... -> {'c' * 12}...)."
    )
    assert error.value.fix == (
        "resume with the same command and files as the interrupted run, or pass --overwrite (without --resume) "
        "to start a new run."
    )
    # A run record without a section (an older version's) compares as empty, both ways.
    prepare_checkpoint_dir(tmp_path / "other", resume=False, overwrite=False, run={"arguments": {}})
    (tmp_path / "other" / "checkpoint-2").mkdir()
    (tmp_path / "other" / "checkpoint-2" / "trainer_state.json").write_text("{}", encoding="utf-8")
    prepare_checkpoint_dir(tmp_path / "other", resume=True, overwrite=False, run={"data": {}})
    assert (tmp_path / "other" / "checkpoint-2").is_dir()


def test_a_lock_held_by_another_tool_is_refused_without_its_record(tmp_path):
    """flock is per open file: a second open in this process conflicts like another process would."""
    import fcntl

    lock_file = tmp_path / ".model.lock"
    lock_file.write_text("[1, 2]", encoding="utf-8")  # a JSON record, but not ours
    with open(lock_file, "rb") as foreign:
        fcntl.flock(foreign, fcntl.LOCK_EX)
        with pytest.raises(OutputError, match=r"another compta-finetune process \(PID \?\)\.") as refused:
            with output_lock(tmp_path / "model", purpose="train"):
                pass
    assert "kill PID" in refused.value.fix
    assert lock_file.read_text(encoding="utf-8") == "[1, 2]"  # the holder's file is left as it was


def test_staging_lies_beside_its_target_and_clears_what_killed_saves_left(tmp_path):
    target = tmp_path / "new" / "parents" / "model"
    (tmp_path / "new" / "parents").mkdir(parents=True)
    (tmp_path / "new" / "parents" / ".model.saving-old").mkdir()  # a killed save's folder
    (tmp_path / "new" / "parents" / ".model.saving-file").write_text("x", encoding="utf-8")  # not a folder
    staging = private_staging(target)
    assert staging.parent == target.parent and staging.name.startswith(".model.saving-")
    assert {path.name for path in target.parent.iterdir()} == {".model.saving-file", staging.name}
    assert private_staging(tmp_path / "absent" / "deep" / "model").parent == tmp_path / "absent" / "deep"


def test_replace_dir_clears_a_stale_previous_copy(tmp_path):
    target, staging = tmp_path / "model", tmp_path / ".model.saving-1"
    for folder, content in ((target, "old"), (staging, "new"), (tmp_path / ".model.previous", "crashed")):
        folder.mkdir()
        (folder / "weights").write_text(content, encoding="utf-8")
    replace_dir(staging, target)
    assert (target / "weights").read_text(encoding="utf-8") == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["model"]



def test_the_messages_name_the_option_the_user_typed(tmp_path):
    """`tiny` checks --output-dir, other callers their own option: each message names the right one."""
    data = tmp_path / "train.csv"
    data.write_text("text,label\n")
    with pytest.raises(OutputError) as holds:
        check_output_dir(tmp_path, overwrite=False, inputs={"--train-file": data}, option="--save-to")
    assert holds.value.problem == f"--save-to {tmp_path} contains --train-file {data}: writing the output would destroy the input."
    assert holds.value.fix == "choose a --save-to apart from the input files and the model you start from."
    with pytest.raises(OutputError) as empty:
        check_output_dir(" ", overwrite=False, option="--save-to")
    assert (empty.value.problem, empty.value.fix) == ("--save-to is empty.", "name a new directory, e.g. --save-to model.")
    with pytest.raises(OutputError) as default:
        check_apart_from_inputs(tmp_path, {"--train-file": data})
    assert default.value.problem.startswith(f"--output-dir {tmp_path} contains --train-file")


def test_the_marker_is_indented_utf8_json_naming_the_tool_its_version_and_kind(tmp_path):
    from compta_finetune import __version__
    from compta_finetune.outputs import MARKER, write_marker

    path = write_marker(tmp_path, "model", run={"note": "déjà vu"})
    assert path == tmp_path / MARKER
    expected = {"tool": "compta-finetune", "version": __version__, "kind": "model", "run": {"note": "déjà vu"}}
    assert path.read_bytes() == (json.dumps(expected, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    assert read_marker(tmp_path) == expected


def test_the_current_directory_and_a_path_ending_in_dot_dot_are_refused(tmp_path, monkeypatch):
    """The current directory given by its full path; "a/b/.." is a, whatever it holds: both refused."""
    from compta_finetune.outputs import check_output_name

    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    for output in (str(tmp_path / "work"), str(tmp_path / "a" / "b" / "..")):
        with pytest.raises(OutputError, match="is the current directory or one of its parents"):
            check_output_name(output)
    assert check_output_name(tmp_path / "a" / "b") == tmp_path / "a" / "b"
