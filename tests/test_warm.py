"""compta_finetune.lab.warm: commands in forks of a warm interpreter behave as in a fresh `python`."""

import pytest

from compta_finetune.lab.warm import WarmPython

SCRIPT = """\
import os, sys
print("out 1", flush=True)
print("err 1", file=sys.stderr, flush=True)
print("out 2", flush=True)
print("cwd", os.getcwd(), "argv", sys.argv[1:], "preloaded", "colorsys" in sys.modules, "fresh", "SCRIPT" not in globals())
sys.exit(int(sys.argv[1]))
"""


@pytest.fixture(scope="module")
def python(tmp_path_factory):
    with WarmPython(["colorsys"], directory=tmp_path_factory.mktemp("warm")) as warm:
        yield warm


def test_a_script_runs_in_its_folder_with_its_arguments_and_status(python, tmp_path):
    (tmp_path / "script.py").write_text(SCRIPT)
    run = python.run(["script.py", "3"], cwd=tmp_path)
    assert run.status == 3
    assert run.stdout.splitlines() == ["out 1", "out 2", f"cwd {tmp_path} argv ['3'] preloaded True fresh True"]
    assert run.stderr == "err 1\n"


def test_merged_output_keeps_the_order_of_the_lines(python, tmp_path):
    (tmp_path / "script.py").write_text(SCRIPT)
    run = python.run(["script.py", "0"], cwd=tmp_path, merge_output=True)
    assert run.status == 0
    assert run.stdout.splitlines()[:3] == ["out 1", "err 1", "out 2"]
    assert run.stderr == ""


def test_a_module_runs_as_python_dash_m(python, tmp_path):
    (tmp_path / "hello.py").write_text("import sys\nprint('hello', sys.argv[1:], __name__)\n")
    run = python.run(["-m", "hello", "x"], cwd=tmp_path)
    assert (run.status, run.stdout) == (0, "hello ['x'] __main__\n")


def test_an_exception_gives_status_1_and_its_traceback(python, tmp_path):
    (tmp_path / "boom.py").write_text("raise ValueError('boom')\n")
    run = python.run(["boom.py"], cwd=tmp_path)
    assert run.status == 1
    assert "Traceback" in run.stderr and "ValueError: boom" in run.stderr


def test_a_command_past_its_time_limit_is_killed(python, tmp_path):
    (tmp_path / "sleep.py").write_text("import time\ntime.sleep(60)\n")
    run = python.run(["sleep.py"], cwd=tmp_path, timeout=0.5)
    assert run.status is None
    # The server still answers the next command.
    (tmp_path / "ok.py").write_text("print('ok')\n")
    assert python.run(["ok.py"], cwd=tmp_path).stdout == "ok\n"


def test_a_module_that_cannot_be_preloaded_is_reported(tmp_path):
    with pytest.raises(RuntimeError, match="did not start"):
        WarmPython(["no_such_module_here"], directory=tmp_path)



def test_without_fork_each_command_runs_in_a_new_interpreter(monkeypatch, tmp_path):
    """On Windows (no os.fork), the same commands give the same results, only slower."""
    import os

    monkeypatch.delattr(os, "fork")
    (tmp_path / "script.py").write_text(SCRIPT)
    with WarmPython(["colorsys"], directory=tmp_path) as cold:
        assert cold.process is None
        run = cold.run(["script.py", "3"], cwd=tmp_path)
        assert run.status == 3 and run.stderr == "err 1\n"
        assert run.stdout.splitlines()[:2] == ["out 1", "out 2"]
        assert cold.run(["script.py", "0"], cwd=tmp_path, merge_output=True).stdout.splitlines()[:3] == ["out 1", "err 1", "out 2"]
        (tmp_path / "sleep.py").write_text("import time\ntime.sleep(60)\n")
        assert cold.run(["sleep.py"], cwd=tmp_path, timeout=0.5).status is None
