"""Executed pages depend on the package code they import, so editing it re-executes them."""

import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import src_dependencies  # noqa: E402
import viewcode_source  # noqa: E402

PAGE = "# Titre\n\n```{code-cell} ipython3\nfrom compta_finetune.lab.baseline import evaluate_baseline\n```\n"


def fake_app(confdir):
    dependencies = []
    env = SimpleNamespace(note_dependency=dependencies.append)
    return SimpleNamespace(confdir=str(confdir), srcdir=str(Path(confdir) / "docs"), env=env), dependencies


def test_dependencies_follow_imports_inside_the_package():
    package = ROOT / "src" / "compta_finetune"
    files = {path.relative_to(package).as_posix() for path in src_dependencies.dependency_files(
        package, {"compta_finetune.lab.baseline"})}
    # baseline imports data and metrics; data brings the shipped CSV files.
    assert {"lab/baseline.py", "lab/__init__.py", "data.py", "metrics.py", "errors.py", "__init__.py", "data/train.csv"} <= files
    assert "training.py" not in files


def test_editing_an_imported_module_changes_the_page_source(tmp_path):
    package = tmp_path / "src" / "compta_finetune"
    (package / "data").mkdir(parents=True)
    (package / "lab").mkdir()
    (package / "__init__.py").write_text("")
    (package / "lab" / "__init__.py").write_text("")
    (package / "lab" / "baseline.py").write_text("from compta_finetune.metrics import score\n")
    (package / "metrics.py").write_text("def score(): return 1\n")
    (package / "unrelated.py").write_text("x = 1\n")

    def read_page():
        app, dependencies = fake_app(tmp_path)
        source = [PAGE]
        src_dependencies.add_source_hash(app, "page", source)
        return source[0], {Path(path).name for path in dependencies}

    before, dependencies = read_page()
    assert dependencies == {"__init__.py", "baseline.py", "metrics.py"}
    assert ":tags: [remove-cell]" in before
    (package / "unrelated.py").write_text("x = 2\n")
    assert read_page()[0] == before
    (package / "metrics.py").write_text("def score(): return 2\n")
    edited = read_page()[0]
    assert edited != before
    # A file being edited may not parse: the page still re-executes (and its run reports the error).
    (package / "metrics.py").write_text("def score(: return 2\n")
    assert read_page()[0] not in (before, edited)


def test_editing_a_file_a_page_reads_changes_the_page_source(tmp_path):
    (tmp_path / "docs" / "guides").mkdir(parents=True)
    results = tmp_path / "benchmarks" / "results.json"
    results.parent.mkdir()
    results.write_text('{"speedup": 2.0}')
    page = (
        "# Titre\n\nLe fichier ``results.json`` est lu ci-dessous.\n\n```{code-cell} ipython3\n"
        'import json\nfrom pathlib import Path\n\nJSON = Path("../../benchmarks/results.json")\n'
        'print(Path("../../absent.json").exists())\n```\n'
    )

    def read_page():
        app, dependencies = fake_app(tmp_path)
        source = [page]
        src_dependencies.add_source_hash(app, "guides/page", source)  # run from docs/guides/
        return source[0], dependencies

    before, dependencies = read_page()
    assert [Path(path) for path in dependencies] == [results.resolve()]  # not the missing file
    results.write_text('{"speedup": 2.5}')
    assert read_page()[0] != before


def test_pages_without_package_imports_are_left_alone(tmp_path):
    app, dependencies = fake_app(tmp_path)
    source = ["# Texte\n\n```{code-cell} ipython3\nprint(1)\n```\n"]
    src_dependencies.add_source_hash(app, "page", source)
    assert source == ["# Texte\n\n```{code-cell} ipython3\nprint(1)\n```\n"] and dependencies == []


def test_viewcode_reads_the_package_source_from_its_files():
    app = SimpleNamespace(confdir=str(ROOT))
    code, tags = viewcode_source.find_source(app, "compta_finetune.recipes.phi2")
    assert code == (ROOT / "src" / "compta_finetune" / "recipes" / "phi2.py").read_text(encoding="utf-8")
    kind, start, end = tags["load_model_and_tokenizer"]
    assert kind == "def" and "def load_model_and_tokenizer" in code.splitlines()[start - 1]
    assert viewcode_source.find_source(app, "compta_finetune.recipes")[0].startswith('"""')
    assert viewcode_source.find_source(app, "transformers.trainer") is None  # left to viewcode
