"""The site's Sphinx tooling (docs/_ext/): page dependencies, viewcode, French typography and search, figures, snippet imports, notebook order."""

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import notebook_order  # noqa: E402
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


# --- French typography (docs/_ext/french.py) ----------------------------------------------

import french  # noqa: E402
import figures  # noqa: E402
import snippet_imports  # noqa: E402

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("prose", "expected"),
    [
        ("Résultat : 63.3% de lignes", f"Résultat{NNBSP}: 63,3{NNBSP}% de lignes"),
        ("entraîne ×2.32 plus vite", f"entraîne ×{NNBSP}2,32 plus vite"),
        ("soit 242005 lignes", f"soit 242{NNBSP}005 lignes"),
        ("les 5 292 lignes", f"les 5{NNBSP}292 lignes"),
        ("« Forfait mobile »", f"«{NNBSP}Forfait mobile{NNBSP}»"),
        ("Pourquoi ? Parce que ; et voilà !", f"Pourquoi{NNBSP}? Parce que{NNBSP}; et voilà{NNBSP}!"),
        ("+10.8 points", "+10,8 points"),
        ("0,4 %", f"0,4{NNBSP}%"),
    ],
)
def test_french_typography_on_prose(prose, expected):
    assert french.french_typography(prose) == expected


@pytest.mark.parametrize(
    "prose",
    [
        "transformers 4.41 a renommé l'argument",  # a version keeps its point
        "le compte 6064 et l'année 2024",  # four digits: account codes, years
        "voir https://huggingface.co/microsoft/phi-2?x=1 : la fiche",  # a URL in prose
        "10:30",  # no space after: not a French colon
    ],
)
def test_french_typography_leaves_versions_codes_and_urls(prose):
    assert french.french_typography(prose) == prose


def test_french_typography_after_inline_code():
    assert french.french_typography(": la suite", after_inline=True) == f"{NNBSP}: la suite"
    assert french.french_typography(": la suite") == ": la suite"


def test_transform_touches_prose_only():
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    document = new_document("test", get_default_settings(Parser))
    Parser().parse("Le score : 63.3% avec ``x = 63.3% ; y``, puis :\n\n::\n\n   a = b ; c ?\n", document)
    french.apply_typography(document)
    text = document.astext()
    assert f"Le score{NNBSP}: 63,3{NNBSP}%" in text
    assert "x = 63.3% ; y" in text  # inline code untouched
    assert "a = b ; c ?" in text  # code block untouched
    assert f"puis{NNBSP}:" in text


def test_folded_french_search_stems_with_and_without_accents_alike():
    language = french.FoldedFrench({})
    assert language.stem("entraînement") == language.stem("entrainement") == language.stem("Entraînement")
    assert language.stem("mémoire") == language.stem("memoire")
    assert language.stem("factures") == language.stem("facture")
    assert "FoldedFrenchStemmer" in language.js_stemmer_code and "FrenchStemmer" in language.js_stemmer_code


# --- Figures from JSON (docs/_ext/figures.py) ---------------------------------------------


def test_figures_are_looked_up_and_written_the_french_way(tmp_path):
    (tmp_path / "bench.json").write_text(
        '{"speedup": 2.3195, "share": 0.0058, "lines": 5292, "memory": [{"method": "lora", "gib": 8.38},'
        ' {"method": "full", "gib": 49.9, "batch": 16}, {"method": "full", "gib": 60.1, "batch": 64}]}', encoding="utf-8")
    dirs = [tmp_path]
    assert figures.render("bench.speedup | .2f", dirs)[0] == "2,32"
    assert figures.render("bench.share | .2%", dirs)[0] == f"0,58{NNBSP}%"
    assert figures.render("bench.lines | ,d", dirs)[0] == f"5{NNBSP}292"
    assert figures.render("bench.memory[method=lora].gib | .1f", dirs)[0] == "8,4"
    assert figures.render("bench.memory[method=full,batch=16].gib | .1f", dirs)[0] == "49,9"
    with pytest.raises(figures.FigureError, match="2 items with method=full"):
        figures.render("bench.memory[method=full].gib", dirs)
    assert figures.render("bench.memory[1].gib - bench.memory[0].gib * 2 | .2f", dirs)[0] == "33,14"
    with pytest.raises(figures.FigureError, match="no key"):
        figures.render("bench.absent", dirs)
    with pytest.raises(figures.FigureError, match="no file"):
        figures.render("other.x", dirs)


# --- Imports that come with a function snippet (docs/_ext/snippet_imports.py) ---------------

MODULE = '''\
"""A module."""
from __future__ import annotations

import json
import os.path
from pathlib import Path as P

from transformers import Trainer, TrainingArguments

LIMIT = 3


def helper(x):
    return x


def shown(path: P) -> Trainer:
    data = json.loads(P(path).read_text())
    return helper(data)[:LIMIT] + [len(data)]
'''


def test_snippet_imports_are_what_the_function_uses():
    assert snippet_imports.needed_imports(MODULE, "pkg.mod", "shown") == [
        "import json",
        "from pathlib import Path as P",
        "from transformers import Trainer",
        "from pkg.mod import LIMIT, helper",
    ]
    assert snippet_imports.needed_imports(MODULE, "pkg.mod", "helper") == []


def test_shown_functions_define_when_pasted_alone():
    """Every function the site shows with :pyobject: runs its definition with only its imports."""
    import re

    shown = set()
    for page in (ROOT / "docs").rglob("*.rst"):
        text = page.read_text(encoding="utf-8")
        for include, obj in re.findall(r"literalinclude:: (\S+)\n(?:\s+:.*\n)*?\s+:pyobject: (\S+)", text):
            source = (page.parent / include).resolve()
            shown.add((source, obj))
    assert len(shown) > 10
    for source, obj in sorted(shown):
        module = ".".join(source.relative_to(ROOT / "src").with_suffix("").parts)
        text = source.read_text(encoding="utf-8")
        import ast

        node = snippet_imports._find(ast.parse(text), obj)
        code = "\n".join(snippet_imports.needed_imports(text, module, obj)) + "\n" + ast.get_source_segment(text, node)
        if node.decorator_list:
            code = "\n".join(snippet_imports.needed_imports(text, module, obj)) + "\n" + "\n".join(
                text.splitlines()[node.decorator_list[0].lineno - 1 : node.end_lineno])
        namespace: dict = {}
        exec(compile(code, f"<{module}.{obj}>", "exec"), namespace)  # defines without NameError
        assert obj.split(".")[0] in namespace


def test_the_slow_notebooks_are_read_in_different_batches(tmp_path):
    """In name order the 3 notebooks would share the first of Sphinx's batches; spread, the longest is alone."""
    from sphinx.util.parallel import make_chunks

    names = [f"a{i:02d}" for i in range(41)]
    seconds = {"a00": 19, "a04": 10, "a10": 79, "a39": 26, "a38": 2}
    for name in names:
        cell = "```{code-cell} ipython3\n1\n```\n" if name in seconds else "text\n"
        (tmp_path / f"{name}.md").write_text(cell)
    (tmp_path / "a01.md").write_text("```{code-cell} ipython3\n1\n```\n")  # a notebook not in the table: 10 s
    app = SimpleNamespace(parallel=2, config=SimpleNamespace(notebook_seconds=seconds, notebook_default_seconds=10))
    env = SimpleNamespace(doc2path=lambda name: tmp_path / f"{name}.md")
    docnames = list(names)

    notebook_order.spread_notebooks(app, env, docnames)

    assert sorted(docnames) == names
    batches = make_chunks(docnames, 2)
    assert [len(batch) for batch in batches] == [len(batch) for batch in make_chunks(names, 2)]
    notebook_time = [sum(seconds.get(name, 10) for name in batch if name in {*seconds, "a01"}) for batch in batches]
    # The two processes start with the first two batches: longest first, each to the lighter one.
    assert notebook_time == [79, 67, 0]
    assert batches[0][0] == "a10"


def test_notebooks_beyond_the_first_batches_room_spill_over(tmp_path):
    names = [f"n{i}" for i in range(5)]
    for name in names:
        (tmp_path / f"{name}.md").write_text("```{code-cell} ipython3\n1\n```\n")
    app = SimpleNamespace(parallel=2, config=SimpleNamespace(notebook_seconds={}, notebook_default_seconds=10))
    docnames = list(names)
    notebook_order.spread_notebooks(app, SimpleNamespace(doc2path=lambda name: tmp_path / f"{name}.md"), docnames)
    assert sorted(docnames) == names  # batches of 2, 2 and 1: all placed, none lost


def test_a_serial_build_keeps_the_name_order(tmp_path):
    docnames = ["b", "a"]
    app = SimpleNamespace(parallel=1, config=SimpleNamespace(notebook_seconds={"a": 5}, notebook_default_seconds=10))
    notebook_order.spread_notebooks(app, SimpleNamespace(doc2path=None), docnames)
    assert docnames == ["b", "a"]
