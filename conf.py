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
    "french",  # French typography on prose, accent-insensitive French search
    "figures",  # :fig:`file.key | .1f`: a figure from benchmarks/*.json or docs/_data/*.json, in French
    "notebook_downloads",  # each executed page offers its .ipynb, with a pinned install cell
    "notebook_order",  # with -j, the executed pages' notebooks run side by side (notebook_seconds below)
]

exclude_patterns = ["_build", "_ext", "original", "**.ipynb_checkpoints", "jupyter_execute"]
source_suffix = {".rst": "restructuredtext", ".md": "myst-nb"}

html_theme = "sphinx_rtd_theme"
html_title = "Fine-tuning CamemBERT et Phi-2 pour la comptabilité"
html_static_path = ["docs/_static"]
html_css_files = ["verified_by.css", "site.css"]  # the « Vérifié par » notes; tables that wrap
# The French search folds accents (docs/_ext/french.py registers its FoldedFrench for "fr").
html_search_language = "fr"
# Smartquotes would turn the apostrophe of d'accelerate into a closing quote: the sources
# already use the typographic characters they want, and docs/_ext/french.py does the spacing.
smartquotes = False

# API reference: NumPy-style docstrings, members in source order.
autodoc_default_options = {"members": True, "member-order": "bysource"}
autodoc_typehints = "description"
napoleon_google_docstring = False

# Copy button: in a block with prompts, copy only the prompt lines (`>>> `, `... `, `$ `),
# without their prompts and without the outputs, so the copied text runs as pasted
# (tests/test_browser.py pastes every page's copies into a fresh Python).
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_remove_prompts = True
# No button on executed-page outputs, nor on blocks marked `:class: no-copy` (the original
# code, shown to be read, not run).
copybutton_selector = "div:not(.output):not(.no-copy) > div.highlight > pre"
# viewcode's « [docs] » backlinks sit inside the code: never in the copy.
copybutton_exclude = ".linenos, .viewcode-back"
# A shell command continued with `\` keeps its continuation lines (they have no prompt).
copybutton_line_continuation_character = "\\"

# Executed pages (MyST notebooks): cached between builds, never silently failing.
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "_build" / ".jupyter_cache")
nb_execution_raise_on_error = True
# Generous: the machine that builds may be shared (a cell that trains for 1 min can take 5).
nb_execution_timeout = 900
nb_merge_streams = True
# Seconds each page's notebook took in a cold `make doctest` on 2 cores (myst-nb's « Executed
# notebook in ... seconds »): docs/_ext/notebook_order.py balances the parallel read with them.
# Only the order of reading depends on them; a new executed page counts as 10 s until listed.
notebook_seconds = {
    "resultats/resultats": 29,
    "guides/vos-factures": 25,
    "concepts/corpus": 20,
    "concepts/materiel": 11,
    "resultats/performances": 2,
}

doctest_global_setup = "import os\nos.environ['HF_HUB_OFFLINE'] = '1'"
