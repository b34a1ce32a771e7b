"""Each executed page (a MyST notebook run by myst-nb) offers its notebook for download.

After the build, every notebook myst-nb executed (``_build/jupyter_execute/<page>.ipynb``, with
its outputs) is written to ``_downloads/notebooks/<page>.ipynb`` in the site, preceded by a cell
that installs the package and its libraries at the versions of this build, and a note saying
where to run it (the page's folder of ``docs/`` in a clone: the paths in its cells are relative
to it). Each such page gets, under its title, a link to its notebook.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from docutils import nodes

DOWNLOADS = "_downloads/notebooks"
PINNED = ("torch", "transformers", "datasets", "peft")


def executed_notebook(app, docname: str) -> Path | None:
    path = Path(app.outdir).parent / "jupyter_execute" / f"{docname}.ipynb"
    return path if path.is_file() and str(app.env.doc2path(docname)).endswith(".md") else None


def install_line(version: str) -> str:
    pins = [f"compta-finetune=={version}"]
    for name in PINNED:
        try:
            pins.append(f"{name}=={metadata.version(name).split('+')[0]}")
        except metadata.PackageNotFoundError:
            pass
    return "%pip install " + " ".join(pins)


def with_install_cell(notebook: dict, version: str, docname: str) -> dict:
    """The notebook with, first, a note and a cell that installs the pinned versions."""
    depth = "/".join([".."] * (docname.count("/") + 1))
    note = {
        "cell_type": "markdown",
        "metadata": {},
        "source": (
            f"Notebook de la page « {docname} », exécuté à la construction du site. Lancez-le depuis "
            f"le dossier `docs/{docname.rsplit('/', 1)[0] if '/' in docname else ''}` d'un clone du dépôt "
            f"(ses chemins relatifs, tels `{depth}/tests/data`, partent de là). La cellule suivante installe "
            "le paquet et ses bibliothèques aux versions de cette construction ; depuis le clone, "
            "`%pip install -e ../..` installe le paquet lui-même."
        ),
    }
    install = {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": install_line(version),
    }
    return {**notebook, "cells": [note, install, *notebook.get("cells", [])]}


def add_link(app, doctree, docname) -> None:
    if app.builder.format != "html" or executed_notebook(app, docname) is None:
        return
    up = "../" * docname.count("/")
    reference = nodes.reference(
        "", "Télécharger ce notebook (.ipynb)", refuri=f"{up}{DOWNLOADS}/{docname}.ipynb", internal=True
    )
    reference["classes"].append("notebook-download")
    paragraph = nodes.paragraph("", "", reference, classes=["notebook-download"])
    paragraph += nodes.Text(" : la page telle qu'exécutée à la construction, à relancer chez vous.")
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, paragraph)
    else:
        doctree.insert(0, paragraph)


def _with_outputs(app, notebook: dict) -> dict:
    """The notebook with its outputs: a page taken from myst-nb's cache (not re-executed in this
    build) is written to jupyter_execute without them, so they are merged back from the cache."""
    if any(cell.get("outputs") for cell in notebook["cells"] if cell["cell_type"] == "code"):
        return notebook
    import nbformat
    from jupyter_cache import get_cache

    try:
        _, merged = get_cache(app.config.nb_execution_cache_path).merge_match_into_notebook(
            nbformat.reads(json.dumps(notebook), as_version=4)
        )
    except KeyError:  # not in the cache: leave it as it is (the browser test reports it)
        return notebook
    return json.loads(nbformat.writes(merged))


def write_notebooks(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for docname in sorted(app.env.found_docs):
        source = executed_notebook(app, docname)
        if source is None:
            continue
        notebook = _with_outputs(app, json.loads(source.read_text(encoding="utf-8")))
        target = Path(app.outdir) / DOWNLOADS / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(with_install_cell(notebook, app.config.release, docname), ensure_ascii=False, indent=1)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def setup(app):
    app.connect("doctree-resolved", add_link)
    app.connect("build-finished", write_notebooks)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
