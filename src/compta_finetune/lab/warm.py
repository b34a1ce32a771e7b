"""Run Python commands in forks of an interpreter that imported the heavy libraries once.

Importing torch, transformers' Trainer, datasets and pandas takes 5 to 10 s on 2 cores: a
page that shows seven ``compta-finetune`` commands, or a test that runs fifty pasted snippets,
would spend most of its time there. :class:`WarmPython` starts one Python process that imports
them (``preload``), then runs each command in a fork of that process: as ``python ARGV...``
started in the given folder, with the process's environment, the libraries already in
``sys.modules`` and nothing else (the command's own modules, the package included, are
imported by the command, as in a fresh interpreter). Where Python has no ``os.fork``
(Windows), each command runs in a new interpreter instead: slower, same results.

Used by the « Vos factures » page (its commands) and by the browser test (the code a reader
copies); not part of the fine-tuning package's API.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# The server: reads one JSON request per line, answers the exit status of its fork.
_SERVER = r'''
import importlib, json, os, runpy, signal, sys, time, traceback
for module in json.loads(sys.argv[1]):
    importlib.import_module(module)
print("ready", flush=True)
while request := sys.stdin.readline():
    request = json.loads(request)
    pid = os.fork()
    if pid == 0:  # the child: as `python ARGV...` started in request["cwd"]
        code = 1
        try:
            null = os.open(os.devnull, os.O_RDONLY)
            out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            # One file for both streams: one descriptor, so that their lines keep their order.
            err = out if request["stderr"] == request["stdout"] else os.open(
                request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(null, 0), os.dup2(out, 1), os.dup2(err, 2)
            os.chdir(request["cwd"])
            argv = request["argv"]
            try:
                if argv[0] == "-m":  # python -m MODULE: the working directory first on sys.path
                    sys.argv, sys.path[0] = argv[1:], request["cwd"]
                    runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
                else:  # python FILE: the file's folder first on sys.path
                    sys.argv, sys.path[0] = list(argv), os.path.dirname(os.path.abspath(argv[0]))
                    runpy.run_path(argv[0], run_name="__main__")
                code = 0
            except SystemExit as exit:
                code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
                if not isinstance(exit.code, (int, type(None))):
                    print(exit.code, file=sys.stderr)
            except BaseException:
                traceback.print_exc()
        finally:
            sys.stdout.flush(), sys.stderr.flush()
            os._exit(code)
    deadline = time.monotonic() + request["timeout"]
    while (done := os.waitpid(pid, os.WNOHANG))[0] == 0:
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            done = os.waitpid(pid, 0)
            break
        time.sleep(0.02)
    timed_out = time.monotonic() > deadline
    print(json.dumps(None if timed_out else os.waitstatus_to_exitcode(done[1])), flush=True)
'''


@dataclass(frozen=True)
class Run:
    """What a command did: its exit status (``None``: killed at the time limit) and its output."""

    status: int | None
    stdout: str
    stderr: str


class WarmPython:
    """A Python process that has imported ``preload`` and runs each command in a fork of itself.

    One command at a time; :meth:`close` (or ``with``) ends the process.

    Parameters
    ----------
    preload : sequence of str
        Modules imported once, before any command (e.g. ``"torch"``, ``"transformers.trainer"``).
    env : mapping, optional
        The environment of the process, hence of every command (default: this process's).
    directory : path, optional
        Where the commands' outputs are written (default: a new temporary folder).
    """

    def __init__(self, preload: Sequence[str], env: Mapping[str, str] | None = None, directory: str | Path | None = None):
        self.directory = Path(directory) if directory is not None else Path(tempfile.mkdtemp(prefix="warm-python-"))
        self.env = None if env is None else dict(env)
        self.process = None
        if not hasattr(os, "fork"):
            return  # run() starts a new interpreter for each command
        server = self.directory / "warm_python.py"
        server.write_text(_SERVER, encoding="utf-8")
        self._numbers = itertools.count()
        self.process = subprocess.Popen(
            [sys.executable, str(server), json.dumps(list(preload))], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, env=self.env, cwd=self.directory,
            # Its own session: a Ctrl-C or a Jupyter kernel's interrupt is for the caller, and the
            # process ends anyway when the caller does (end of its standard input).
            start_new_session=True,
        )  # fmt: skip
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError(f"the warm Python process did not start (status {self.process.wait()})")

    def run(self, argv: Sequence[str | Path], cwd: str | Path, timeout: float = 600, merge_output: bool = False) -> Run:
        """``python *argv`` in ``cwd``; ``merge_output``: stderr into stdout, in order (``2>&1``)."""
        if self.process is None:
            return self._run_cold(argv, cwd, timeout, merge_output)
        number = next(self._numbers)
        out = self.directory / f"run{number}.out"
        err = out if merge_output else self.directory / f"run{number}.err"
        request = {"argv": [str(word) for word in argv], "cwd": str(cwd), "stdout": str(out), "stderr": str(err), "timeout": timeout}
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        status = json.loads(self.process.stdout.readline())
        stdout = out.read_text(encoding="utf-8", errors="replace")
        return Run(status, stdout, "" if merge_output else err.read_text(encoding="utf-8", errors="replace"))

    def _run_cold(self, argv: Sequence[str | Path], cwd: str | Path, timeout: float, merge_output: bool) -> Run:
        """:meth:`run` without ``os.fork``: ``python *argv`` in a new interpreter."""
        try:
            done = subprocess.run(
                [sys.executable, *map(str, argv)], cwd=cwd, env=self.env, stdin=subprocess.DEVNULL, timeout=timeout,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT if merge_output else subprocess.PIPE,
                encoding="utf-8", errors="replace",
            )  # fmt: skip
        except subprocess.TimeoutExpired as expired:
            return Run(None, _text(expired.stdout), _text(expired.stderr))
        return Run(done.returncode, done.stdout, done.stderr or "")

    def close(self) -> None:
        """End the process (after the running command, if any)."""
        if self.process is not None and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=60)

    def __enter__(self) -> WarmPython:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _text(output: bytes | str | None) -> str:
    return output.decode("utf-8", "replace") if isinstance(output, bytes) else output or ""
