"""Sphinx configuration. The site's sources are in docs/; build with `make html` (-c . docs _build/html)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
# The executed pages' kernels import the package from src/ even where it is not installed.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
# The executed pages and doctests build tiny local models: nothing may come from the Hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
# In a kernel without ipywidgets, tqdm warns that it has no progress-bar widget; the kernels
# inherit this filter, so that the warning (and a local path) is not printed on the pages.
os.environ["PYTHONWARNINGS"] = ",".join(filter(None, [os.environ.get("PYTHONWARNINGS"), "ignore:IProgress not found"]))

import compta_finetune  # noqa: E402

project = "compta-finetune"
author = "L'équipe compta-finetune"
copyright = "2026, L'équipe compta-finetune"
release = compta_finetune.__version__
language = "fr"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "viewcode_source",  # viewcode reads src/ files instead of importing torch on every build
    "myst_nb",
    "sphinx_copybutton",
    "sphinx_design",
    "src_dependencies",  # re-execute pages when the package code they import changes
    "verified_by",  # under each snippet of src/, the tests that executed it (docs/_data/verified_by.json)
]

exclude_patterns = ["_build", "_ext", "original", "**.ipynb_checkpoints", "jupyter_execute"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb"}

html_theme = "sphinx_rtd_theme"
html_title = "Fine-tuning CamemBERT et Phi-2 pour la comptabilité"
html_static_path = ["docs/_static"]
html_css_files = ["verified_by.css"]  # the « Vérifié par » notes

# API reference: NumPy-style docstrings, members in source order.
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "description"
napoleon_google_docstring = False

# Copy button: strip `>>> `/`... ` and shell prompts so the copied text runs as is.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = False

# Executed pages (MyST notebooks): cached between builds, never silently failing.
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "_build" / ".jupyter_cache")
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_merge_streams = True

doctest_global_setup = "import os\nos.environ['HF_HUB_OFFLINE'] = '1'"
