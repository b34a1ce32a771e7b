"""Record which tests executed which lines of the package, for the site's « Vérifié par » notes.

When the whole suite runs under ``pytest --cov=compta_finetune --cov-context=test`` (the
project's default options), this plugin writes ``docs/_data/verified_by.json`` at the end of the
session: for every file of ``src/compta_finetune``, the lines each test executed and the place
and digest of each function (so that code which only moved keeps its tests), with the
versions of Python and of the libraries the tests ran with. The Sphinx extension
``docs/_ext/verified_by.py`` reads it to say, under each snippet included from ``src/``, which
tests executed that code, and fails the build when none did.

The file is only written when it can be complete and true:

* coverage ran with per-test contexts (not with ``--no-cov``, nor in an xdist worker);
* the whole suite was selected, as the project defines it (``testpaths``, the ``addopts`` of
  pyproject.toml such as ``-m "not browser"``, conftest hooks): no paths on the command line
  (pytest used ``testpaths``), no selection option given on the command line or in
  ``PYTEST_ADDOPTS`` (``-k``, ``-m``, ``--deselect``, ``--lf``, ``--sw``, ``--ignore``…), no
  collection error, and every collected test ran (not stopped by ``-x``, ``--maxfail`` or Ctrl-C).

Running one file or one test therefore leaves the committed file alone: merging a partial run
into it could not tell a deleted or renamed test from one that was simply not selected.

Only tests that passed count: a test that failed, was skipped or xfailed executed code without
checking it, so its lines are not credited to it (the terminal summary lists such tests).
Code executed outside any test (at import, during collection) has the empty context and is
dropped. The setup, call and teardown phases of a test are merged under its node id.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import shlex
import sys
from importlib import metadata
from pathlib import Path

import pytest

# The function table is shared with the Sphinx extension that reads the data back.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "_ext"))
from function_digests import function_table, source_digest  # noqa: E402

PACKAGE = "compta_finetune"
OUTPUT = Path("docs") / "_data" / "verified_by.json"
"""Where the data goes, relative to pytest's rootdir."""
VERSIONED = ("torch", "transformers", "datasets", "peft")
"""Distributions whose versions are recorded, after Python's."""
FORMAT = 2
"""2: each file also lists its functions (place and digest), so that code that only moved keeps its tests."""
SELECTION_OPTIONS = (
    "keyword",  # -k
    "markexpr",  # -m
    "deselect",
    "ignore",
    "ignore_glob",
    "lf",
    "stepwise",
    "stepwise_skip",
    "collectonly",
)
"""Options (argparse destinations) that narrow the suite when given on the command line."""


def source_key(filename: str) -> str | None:
    """``.../src/compta_finetune/recipes/phi2.py`` -> ``src/compta_finetune/recipes/phi2.py``.

    Keyed on the package-relative path, so that it works whether the package was imported from
    the source tree (editable install) or from an installed copy.
    """
    parts = Path(filename).parts
    if PACKAGE not in parts or not filename.endswith(".py"):
        return None
    index = len(parts) - 1 - parts[::-1].index(PACKAGE)
    return "/".join(("src", PACKAGE, *parts[index + 1 :]))


def node_id(context: str) -> str:
    """``tests/x.py::test_a[p]|run`` -> ``tests/x.py::test_a[p]`` (pytest-cov's phase suffixes)."""
    base, sep, phase = context.rpartition("|")
    return base if sep and phase in ("setup", "run", "teardown") else context


def compress(lines) -> str:
    """``[3, 4, 5, 9]`` -> ``"3-5,9"``."""
    numbers = sorted(set(lines))
    spans = []
    for number in numbers:
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "absent"
    return found


def build_data(coverage_data, passed: set[str], date: str | None = None) -> dict:
    """The JSON document, from a :class:`coverage.CoverageData` recorded with per-test contexts.

    For each file, lines are grouped by the exact set of (passed) tests that executed them:
    ``{"lines": "12-14,20", "tests": [...]}``.
    """
    files = {}
    for filename in sorted(coverage_data.measured_files()):
        key = source_key(filename)
        if key is None:
            continue
        by_tests: dict[tuple[str, ...], list[int]] = {}
        for line, contexts in coverage_data.contexts_by_lineno(filename).items():
            tests = tuple(sorted({node_id(c) for c in contexts if c} & passed))
            if tests:
                by_tests.setdefault(tests, []).append(line)
        groups = sorted(by_tests.items(), key=lambda item: min(item[1]))
        try:
            source = Path(filename).read_text(encoding="utf-8")
        except OSError:
            source = None
        files[key] = {
            "sha256": source_digest(source) if source is not None else None,
            "functions": function_table(source) if source is not None else {},
            "lines": [{"lines": compress(lines), "tests": list(tests)} for tests, lines in groups],
        }
    return {
        "format": FORMAT,
        "date": date or datetime.date.today().isoformat(),
        "versions": versions(),
        "tests": len(passed),
        "files": dict(sorted(files.items())),
    }


def _members(opening: str, items: list[str], closing: str, indent: str) -> str:
    """A JSON object or array (already-encoded ``items``) with one member a line, ``indent`` deep."""
    if not items:
        return opening + closing
    return opening + "\n" + ",\n".join(f"{indent}  {item}" for item in items) + f"\n{indent}{closing}"


def dumps(data: dict) -> str:
    """JSON with one line per function and per group of lines, so that a change shows as a small diff."""
    files = []
    for key, entry in data["files"].items():
        functions = [f"{json.dumps(name)}: {json.dumps(place)}" for name, place in entry["functions"].items()]
        groups = [json.dumps(group, ensure_ascii=False) for group in entry["lines"]]
        fields = [
            f'"sha256": {json.dumps(entry["sha256"])}',
            '"functions": ' + _members("{", functions, "}", "      "),
            '"lines": ' + _members("[", groups, "]", "      "),
        ]
        files.append(f"{json.dumps(key)}: " + _members("{", fields, "}", "    "))
    head = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items() if key != "files"]
    return _members("{", [*head, '"files": ' + _members("{", files, "}", "  ")], "}", "") + "\n"


class VerifiedByRecorder:
    def __init__(self, config: pytest.Config):
        self.config = config
        self.deselected = 0
        self.collect_errors = 0
        self.ran: set[str] = set()
        self.failed: set[str] = set()
        self.not_passed: set[str] = set()
        self.called_ok: set[str] = set()
        self.message: str | None = None

    def pytest_deselected(self, items):
        self.deselected += len(items)

    def pytest_collectreport(self, report):
        if report.failed:
            self.collect_errors += 1

    def pytest_runtest_logreport(self, report):
        self.ran.add(report.nodeid)
        if report.failed:
            self.failed.add(report.nodeid)
        elif report.skipped:  # skipped, or xfailed
            self.not_passed.add(report.nodeid)
        elif report.when == "call" and not hasattr(report, "wasxfail"):
            self.called_ok.add(report.nodeid)

    def coverage(self):
        """The combined coverage object, when coverage ran with per-test contexts; else None."""
        plugin = self.config.pluginmanager.getplugin("_cov")
        if plugin is None or getattr(plugin, "_disabled", True) or plugin.cov_controller is None:
            return None
        if getattr(plugin.options, "cov_context", None) != "test":
            return None
        return plugin.cov_controller.cov

    def narrowing_options(self) -> list[str]:
        """Selection options given on the command line or in PYTEST_ADDOPTS (not in ini addopts)."""
        if _parser is None:  # cannot tell: only a run that deselected nothing counts as whole
            return ["deselected tests"] if self.deselected else []
        given = [str(arg) for arg in self.config.invocation_params.args]
        given += shlex.split(os.environ.get("PYTEST_ADDOPTS", ""))
        defaults = _parser.parse_known_args([])
        parsed = _parser.parse_known_args(given)
        return [
            name
            for name in SELECTION_OPTIONS
            if getattr(parsed, name, None) not in (None, getattr(defaults, name, None))
        ]

    def incomplete_reason(self, session) -> str | None:
        config = self.config
        if hasattr(config, "workerinput"):
            return "xdist worker"
        if config.option.collectonly:
            return "--collect-only"
        if config.args_source != pytest.Config.ArgsSource.TESTPATHS:
            return "a subset of the suite was selected (paths on the command line)"
        narrowing = self.narrowing_options()
        if narrowing:
            return "a subset of the suite was selected (" + ", ".join(narrowing) + ")"
        if self.collect_errors:
            return "collection errors"
        missing = {item.nodeid for item in session.items} - self.ran
        if missing:
            return f"{len(missing)} collected tests did not run"
        return None

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session, exitstatus):
        cov = self.coverage()
        if cov is None:
            return
        reason = self.incomplete_reason(session)
        if reason:
            self.message = f"{OUTPUT} not updated: {reason}."
            return
        passed = self.called_ok - self.failed - self.not_passed
        path = Path(self.config.rootpath) / OUTPUT
        data = build_data(cov.get_data(), passed)
        previous = None
        if path.is_file():
            try:
                previous = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:
                pass
        if previous is not None and {**previous, "date": data["date"]} == data:
            self.message = f"{OUTPUT} unchanged ({len(passed)} tests)."
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            # `make test` builds the doctests meanwhile: a reader sees the old file or the new one.
            partial = path.with_name(f".{path.name}.{os.getpid()}")
            partial.write_text(dumps(data), encoding="utf-8")
            os.replace(partial, path)
            self.message = f"{OUTPUT} written ({len(passed)} passed tests)."
        if self.deselected:
            self.message += f" {self.deselected} tests deselected by the project's options (addopts)."
        left_out = self.failed | self.not_passed
        if left_out:
            self.message += f" Not credited (failed, skipped or xfailed): {len(left_out)} tests."

    def pytest_terminal_summary(self, terminalreporter):
        if self.message:
            terminalreporter.write_line(self.message)


_parser: pytest.Parser | None = None


def pytest_addoption(parser: pytest.Parser) -> None:
    """Keep the parser, to tell the options given on the command line from the ini's addopts."""
    global _parser
    _parser = parser


def pytest_configure(config):
    config.pluginmanager.register(VerifiedByRecorder(config), "verified_by_recorder")
