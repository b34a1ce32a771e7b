"""The « Vérifié par » notes: the recorder plugin's data and the Sphinx extension's logic.

Fast: a fake coverage data set, a tiny module in a temporary package, and a tiny Sphinx project
built with the text builder.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest
from coverage import CoverageData
from docutils import nodes

import _verified_by_plugin as plugin

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import function_digests  # noqa: E402
import verified_by  # noqa: E402

MODULE = '''\
"""A module."""

import functools

CONSTANT = 1
"""A constant."""


@functools.lru_cache
def decorated(x):
    """Docstring,
    on two lines."""
    y = x + 1
    return y


class Thing:
    """A class."""

    size = 3

    def method(self):
        def inner():
            return 2

        return inner()

    def never(self):
        return 0


def only_docstring():
    """Nothing else."""


def untested():
    return "nobody calls me"
'''
# Line numbers in MODULE: decorated 9-14 (body 13-14), Thing 17-29 (method body 23-26, never 29),
# only_docstring 32-33, untested 36-37 (body 37).


@pytest.fixture
def project(tmp_path) -> Path:
    """A repository-like tree: src/compta_finetune/mod.py and docs/."""
    package = tmp_path / "src" / "compta_finetune"
    package.mkdir(parents=True)
    (package / "mod.py").write_text(MODULE, encoding="utf-8")
    (tmp_path / "docs" / "_data").mkdir(parents=True)
    (tmp_path / "docs" / "original").mkdir()
    (tmp_path / "docs" / "original" / "old.py").write_text("def old():\n    return 1\n", encoding="utf-8")
    return tmp_path


def fake_data(project: Path, groups: list[dict]) -> dict:
    """What the recorder writes after tests that executed ``groups`` of the current mod.py."""
    source = (project / "src/compta_finetune/mod.py").read_text(encoding="utf-8")
    entry = {"sha256": function_digests.source_digest(source), "functions": function_digests.function_table(source)}
    return {
        "format": 2,
        "date": "2026-05-09",
        "versions": {"python": "3.11.7", "torch": "2.13.0", "transformers": "5.24.0", "datasets": "5.2.0", "peft": "0.21.2"},
        "tests": 9,
        "files": {"src/compta_finetune/mod.py": {**entry, "lines": groups}},
    }


def write_data(project: Path, data: dict) -> Path:
    path = project / "docs" / "_data" / "verified_by.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- The recorder plugin ------------------------------------------------------------------


def test_compress_and_expand_are_inverse():
    assert plugin.compress([9, 3, 4, 5, 4]) == "3-5,9"
    assert verified_by.expand("3-5,9") == {3, 4, 5, 9}
    assert verified_by.expand("") == set()


def test_node_id_strips_pytest_cov_phases():
    assert plugin.node_id("tests/t.py::test_a[x|y]|run") == "tests/t.py::test_a[x|y]"
    assert plugin.node_id("tests/t.py::test_a|setup") == "tests/t.py::test_a"
    assert plugin.node_id("tests/t.py::test_a|teardown") == "tests/t.py::test_a"


def test_source_key_maps_any_install_to_src():
    assert plugin.source_key("/repo/src/compta_finetune/recipes/phi2.py") == "src/compta_finetune/recipes/phi2.py"
    assert plugin.source_key("/venv/lib/site-packages/compta_finetune/data.py") == "src/compta_finetune/data.py"
    assert plugin.source_key("/repo/tests/conftest.py") is None


def test_build_data_credits_passed_tests_only(project):
    filename = str(project / "src" / "compta_finetune" / "mod.py")
    coverage = CoverageData(no_disk=True)
    for context, lines in [
        ("", [3, 5, 9, 17]),  # import time: no test
        ("tests/t.py::test_a|setup", [13]),
        ("tests/t.py::test_a|run", [14, 23, 26]),
        ("tests/t.py::test_b|run", [13, 14]),
        ("tests/t.py::test_failed|run", [37]),
    ]:
        coverage.set_context(context)
        coverage.add_lines({filename: lines})
    data = plugin.build_data(coverage, {"tests/t.py::test_a", "tests/t.py::test_b"}, date="2026-05-09")
    entry = data["files"]["src/compta_finetune/mod.py"]
    assert entry["lines"] == [
        {"lines": "13-14", "tests": ["tests/t.py::test_a", "tests/t.py::test_b"]},
        {"lines": "23,26", "tests": ["tests/t.py::test_a"]},
    ]
    assert entry["sha256"] == function_digests.source_digest(MODULE)
    assert entry["functions"] == function_digests.function_table(MODULE)
    assert set(data["versions"]) == {"python", "torch", "transformers", "datasets", "peft"}
    # The written form reads back as the same document.
    assert json.loads(plugin.dumps(data)) == data


# --- Which lines count, which tests ran them ----------------------------------------------


def test_object_span_matches_pyobject(project):
    path = project / "src" / "compta_finetune" / "mod.py"
    assert verified_by.object_span(path, "compta_finetune.mod", "decorated") == (9, 14)
    assert verified_by.object_span(path, "compta_finetune.mod", "Thing") == (17, 29)
    assert verified_by.object_span(path, "compta_finetune.mod", "Thing.never") == (28, 29)
    with pytest.raises(ValueError, match="missing"):
        verified_by.object_span(path, "compta_finetune.mod", "missing")


def test_body_lines_leave_out_what_runs_at_import():
    assert verified_by.body_lines(MODULE, (9, 14)) == {13, 14}  # not the decorator, def, docstring
    assert verified_by.body_lines(MODULE, (17, 29)) == {23, 24, 25, 26, 29}  # methods, not `size = 3`
    assert verified_by.body_lines(MODULE, (32, 33)) == set()
    assert verified_by.body_lines(MODULE, (5, 6)) == set()  # a constant
    assert verified_by.body_lines(MODULE) == {13, 14, 23, 24, 25, 26, 29, 37}


def test_function_table_places_every_function_with_its_decorators():
    table = function_digests.function_table(MODULE)
    assert {name: place[:2] for name, place in table.items()} == {
        "decorated": [9, 14],  # from the decorator
        "Thing.method": [22, 26],  # `inner` is part of `method`
        "Thing.never": [28, 29],
        "only_docstring": [32, 33],
        "untested": [36, 37],
    }
    # A name defined twice keeps both; moving a function leaves its digest alone.
    twice = "class P:\n    @property\n    def x(self):\n        return 1\n\n    @x.setter\n    def x(self, v):\n        pass\n"
    assert list(function_digests.function_table(twice)) == ["P.x", "P.x#2"]
    moved = function_digests.function_table("\n\n" + MODULE)
    assert moved["untested"] == [38, 39, table["untested"][2]]


def test_recorded_lines_follow_functions_that_only_moved():
    data = {"files": {"m.py": {
        "sha256": function_digests.source_digest(MODULE),
        "functions": function_digests.function_table(MODULE),
        "lines": [{"lines": "13-14", "tests": ["tests/t.py::a"]}, {"lines": "37", "tests": ["tests/t.py::u"]}],
    }}}
    executed, changed = verified_by.current_line_tests(data, "m.py", MODULE)
    assert executed == {13: {"tests/t.py::a"}, 14: {"tests/t.py::a"}, 37: {"tests/t.py::u"}} and not changed
    # Two lines added at the top and `untested` edited: `decorated` moves by 2 and keeps its test.
    edited = "# one\n# two\n" + MODULE.replace('"nobody calls me"', '"somebody may"')
    executed, changed = verified_by.current_line_tests(data, "m.py", edited)
    assert executed == {15: {"tests/t.py::a"}, 16: {"tests/t.py::a"}}
    assert changed == {"untested": range(38, 40)}
    # Data without function digests: any edit leaves every function unknown.
    del data["files"]["m.py"]["functions"]
    executed, changed = verified_by.current_line_tests(data, "m.py", edited)
    assert not executed and "decorated" in changed


def test_verifying_tests_ranks_by_lines_executed():
    executed = {13: {"src/compta_finetune/mod.py::doctest", "tests/t.py::b"}, 14: {"tests/t.py::a"}, 23: {"tests/t.py::a"}}
    assert verified_by.verifying_tests(executed, {13, 14, 23}) == [
        "tests/t.py::a",
        "tests/t.py::b",
        "src/compta_finetune/mod.py::doctest",
    ]
    assert verified_by.verifying_tests(executed, {37}) == []


def test_paragraph_lists_three_tests_then_counts_the_others():
    tests = [f"tests/t.py::test_{i}" for i in range(5)]
    paragraph = verified_by.verified_by_paragraph(tests, {"python": "3.11.7", "torch": "2.13.0"})
    assert paragraph["classes"] == ["verified-by"]
    assert paragraph.astext() == (
        "Vérifié par : tests/t.py::test_0, tests/t.py::test_1, tests/t.py::test_2 (et 2 autres) — Python 3.11.7, torch 2.13.0"
    )
    assert "autre)" in verified_by.verified_by_paragraph(tests[:4], {}).astext()


def test_missing_or_broken_data_says_to_run_make_test(tmp_path):
    with pytest.raises(verified_by.VerifiedByError, match="make test"):
        verified_by.load_data(tmp_path / "verified_by.json")
    (tmp_path / "broken.json").write_text("{}", encoding="utf-8")
    with pytest.raises(verified_by.VerifiedByError, match="make test"):
        verified_by.load_data(tmp_path / "broken.json")


# --- The directive, in a Sphinx build -----------------------------------------------------


def build(project: Path, body: str, warningiserror: bool = False) -> tuple[str, str]:
    """Build docs/index.rst; return (the text of its « Vérifié par » notes, the warnings)."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    docs = project / "docs"
    (docs / "conf.py").write_text(
        f'extensions = ["verified_by"]\nverified_by_root = {str(project)!r}\nexclude_patterns = ["original"]\n',
        encoding="utf-8",
    )
    (docs / "index.rst").write_text("Page\n====\n\n" + textwrap.dedent(body), encoding="utf-8")
    warnings = StringIO()
    app = SphinxTestApp(
        "dummy", srcdir=docs, builddir=project / "_build", freshenv=True, status=None, warning=warnings,
        warningiserror=warningiserror,
    )
    try:
        app.build()
        if warningiserror:
            assert app.statuscode == 1
        doctree = app.env.get_doctree("index")
    finally:
        app.cleanup()
    notes = [node.astext() for node in doctree.findall(nodes.paragraph) if "verified-by" in node["classes"]]
    return "\n".join(notes), warnings.getvalue()


def include(target: str, options: str = "") -> str:
    return f".. literalinclude:: {target}\n{textwrap.indent(textwrap.dedent(options), '   ')}\n"


def test_build_notes_the_tests_under_an_included_object(project):
    write_data(project, fake_data(project, [{"lines": "13-14", "tests": ["tests/t.py::test_a"]}]))
    text, warnings = build(project, include("../src/compta_finetune/mod.py", ":pyobject: decorated"))
    assert "Vérifié par : tests/t.py::test_a — Python 3.11.7, torch 2.13.0, transformers 5.24.0" in text
    assert not warnings


def test_build_fails_when_no_test_executes_an_included_object(project):
    # Only import-time lines (def, decorator) were executed by a test: that proves nothing.
    write_data(project, fake_data(project, [{"lines": "9,10,36", "tests": ["tests/t.py::test_a"]}]))
    _text, warnings = build(project, include("../src/compta_finetune/mod.py", ":pyobject: untested"))
    assert "aucun test n'exécute le code inclus (src/compta_finetune/mod.py, untested)" in warnings
    assert "index.rst" in warnings
    build(project, include("../src/compta_finetune/mod.py", ":pyobject: untested"), warningiserror=True)


def test_whole_file_slices_and_other_includes(project):
    write_data(project, fake_data(project, [{"lines": "37", "tests": ["tests/t.py::test_u"]}]))
    body = (
        include("../src/compta_finetune/mod.py")  # whole file: any function body counts
        + "\n"
        + include("../src/compta_finetune/mod.py", ":start-at: CONSTANT\n:end-before: @functools")
        + "\n"
        + include("original/old.py")  # not package code: not checked
    )
    text, warnings = build(project, body)
    assert text.count("Vérifié par") == 1
    assert "Vérifié par : tests/t.py::test_u" in text
    assert not warnings


def test_build_warns_only_for_a_function_changed_since_the_tests_ran(project):
    write_data(project, fake_data(project, [{"lines": "13-14", "tests": ["tests/t.py::test_a"]}]))
    module = project / "src" / "compta_finetune" / "mod.py"
    # Another function edited, and lines added above: the snippet keeps its tests.
    module.write_text("# Moved.\n" + MODULE.replace("return 0", "return -1"), encoding="utf-8")
    text, warnings = build(project, include("../src/compta_finetune/mod.py", ":pyobject: decorated"))
    assert "Vérifié par : tests/t.py::test_a" in text
    assert not warnings
    # The included function itself edited: no test has executed the new code yet.
    module.write_text(MODULE.replace("y = x + 1", "y = x + 2"), encoding="utf-8")
    text, warnings = build(project, include("../src/compta_finetune/mod.py", ":pyobject: decorated"))
    assert "decorated modifié depuis que les tests" in warnings and "make test" in warnings
    assert "Vérifié par" not in text


def test_build_stops_when_the_data_is_missing(project):
    with pytest.raises(verified_by.VerifiedByError, match="make test"):
        build(project, include("../src/compta_finetune/mod.py", ":pyobject: decorated"))


# --- The recorder in a real pytest run ----------------------------------------------------


@pytest.fixture
def tiny_repo(tmp_path) -> Path:
    """A repository with a two-function package, two tests, one deselected by the project's addopts."""
    (tmp_path / "src" / "compta_finetune").mkdir(parents=True)
    (tmp_path / "src" / "compta_finetune" / "__init__.py").write_text(
        "def double(x):\n    return 2 * x\n\n\ndef triple(x):\n    return 3 * x\n", encoding="utf-8"
    )
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "conftest.py").write_text('pytest_plugins = ["_verified_by_plugin"]\n', encoding="utf-8")
    (tmp_path / "tests" / "test_m.py").write_text(
        "import pytest\nfrom compta_finetune import double, triple\n\n\n"
        "def test_double():\n    assert double(2) == 4\n\n\n"
        "@pytest.mark.slow\ndef test_triple():\n    assert triple(2) == 6\n\n\n"
        "def test_fails():\n    assert triple(1) == 4\n",
        encoding="utf-8",
    )
    (tmp_path / "pyproject.toml").write_text(
        "[tool.pytest.ini_options]\n"
        'testpaths = ["tests"]\n'
        'markers = ["slow"]\n'
        'addopts = "-m \\"not slow\\" --cov=compta_finetune --cov-context=test --cov-report="\n',
        encoding="utf-8",
    )
    return tmp_path


def run_pytest(repo: Path, *args: str) -> str:
    import os
    import subprocess

    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(repo / "src"), str(ROOT / "tests")])}
    env.pop("PYTEST_ADDOPTS", None)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=repo, env=env, capture_output=True, text=True, timeout=120,
    )
    return done.stdout + done.stderr


def test_recorder_writes_after_the_whole_suite_only(tiny_repo):
    output = tiny_repo / "docs" / "_data" / "verified_by.json"
    log = run_pytest(tiny_repo, "-k", "double")
    assert "not updated: a subset of the suite was selected (keyword)" in log
    log = run_pytest(tiny_repo, "tests/test_m.py")
    assert "not updated: a subset of the suite was selected (paths" in log
    assert not output.exists()

    # The whole suite as the project defines it: test_triple deselected by addopts' -m "not slow".
    log = run_pytest(tiny_repo)
    assert "written (1 passed tests)" in log and "1 tests deselected" in log
    data = json.loads(output.read_text(encoding="utf-8"))
    groups = data["files"]["src/compta_finetune/__init__.py"]["lines"]
    # test_fails executed triple's body but failed: it is not credited.
    assert groups == [{"lines": "2", "tests": ["tests/test_m.py::test_double"]}]

    log = run_pytest(tiny_repo)
    assert "unchanged (1 tests)" in log
    log = run_pytest(tiny_repo, "-m", "slow")
    assert "not updated: a subset of the suite was selected (markexpr)" in log


# --- What the note says: direct callers first, links, versions once -------------------------


def test_direct_callers_come_first_and_link_to_their_source(tmp_path):
    tests_dir = tmp_path / "tests"
    tests_dir.mkdir()
    (tests_dir / "t.py").write_text(
        "def test_many():\n    run_everything()\n\n\ndef test_direct():\n    assert decorated(1) == 2\n", encoding="utf-8"
    )
    executed = {13: {"tests/t.py::test_many", "tests/t.py::test_direct"}, 14: {"tests/t.py::test_many"}}
    tests = verified_by.verifying_tests(executed, {13, 14})
    assert tests[0] == "tests/t.py::test_many"  # more lines
    direct = verified_by.direct_tests(tmp_path, tests, "decorated")
    assert direct == {"tests/t.py::test_direct"}
    assert verified_by.verifying_tests(executed, {13, 14}, direct)[0] == "tests/t.py::test_direct"
    paragraph = verified_by.verified_by_paragraph(
        ["tests/t.py::test_direct"], {}, uri=lambda test: verified_by.test_uri(test, "guides/page"), direct=direct
    )
    assert paragraph.astext() == "Vérifié par : tests/t.py::test_direct (appel direct)"
    assert paragraph.next_node(nodes.reference)["refuri"] == "../_tests/t.html#test_direct"
    assert verified_by.test_uri("tests/t.py::TestA::test_b[x]", "index") == "_tests/t.html#TestA.test_b"
    assert (
        verified_by.test_uri("src/compta_finetune/training.py::compta_finetune.training.build_trainer", "a/b")
        == "../_modules/compta_finetune/training.html#build_trainer"
    )


def test_versions_are_shown_once_per_page(project):
    write_data(project, fake_data(project, [{"lines": "13-14", "tests": ["tests/t.py::test_a"]}]))
    body = include("../src/compta_finetune/mod.py", ":pyobject: decorated") + "\n" + include(
        "../src/compta_finetune/mod.py", ":pyobject: decorated")
    text, _warnings = build(project, body)
    assert text.count("Vérifié par") == 2 and text.count("Python 3.11.7") == 1


def test_pyobject_snippets_come_with_their_imports(project):
    write_data(project, fake_data(project, [{"lines": "13-14", "tests": ["tests/t.py::test_a"]}]))
    from sphinx.testing.util import SphinxTestApp

    docs = project / "docs"
    (docs / "conf.py").write_text(
        f'extensions = ["verified_by"]\nverified_by_root = {str(project)!r}\nexclude_patterns = ["original"]\n',
        encoding="utf-8",
    )
    (docs / "index.rst").write_text(
        "Page\n====\n\n" + include("../src/compta_finetune/mod.py", ":pyobject: decorated"), encoding="utf-8"
    )
    app = SphinxTestApp("dummy", srcdir=docs, builddir=project / "_build", freshenv=True, status=None)
    try:
        app.build()
        code = next(app.env.get_doctree("index").findall(nodes.literal_block)).astext()
    finally:
        app.cleanup()
    assert code.startswith("import functools\n\n@functools.lru_cache")


def test_changed_lines_highlight_what_differs():
    before = "a = 1\nb = 2\nc = 3\n"
    after = "a = 1\nb = 20\nc = 3\nd = 4\n"
    assert verified_by.changed_lines(after, before) == "2,4"
    assert verified_by.changed_lines(before, after) == "2"
