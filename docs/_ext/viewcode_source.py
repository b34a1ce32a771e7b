"""Give ``sphinx.ext.viewcode`` the package's source without importing it.

viewcode imports every documented module to find its file, on every build, even when nothing
changed: importing torch, transformers and scikit-learn took most of a no-op ``make html``.
The source and the tag locations are read from the file instead, found from the package's
directory (``importlib.util.find_spec`` would import parent packages such as ``recipes``).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from src_dependencies import PACKAGE, module_file


def find_source(app: Sphinx, modname: str) -> tuple[str, dict[str, tuple[str, int, int]]] | None:
    if modname != PACKAGE and not modname.startswith(PACKAGE + "."):
        return None  # viewcode's own lookup
    filename = module_file(Path(app.confdir) / "src" / PACKAGE, modname)
    if filename is None:
        return None
    analyzer = ModuleAnalyzer.for_file(filename, modname)
    analyzer.find_tags()
    return analyzer.code, analyzer.tags


def setup(app: Sphinx) -> dict:
    app.connect("viewcode-find-source", find_source)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
