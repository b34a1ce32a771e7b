"""Re-execute an executed page when the package code it imports, or a file it reads, changes.

myst-nb caches a page's outputs by the text of its code cells only, so editing a function in
``src/`` that a page calls would leave stale outputs (myst-nb issues #299 and #621). This
extension, for each page with code cells:

* finds the ``compta_finetune`` modules its cells import, and the package modules those import
  in turn (with the shipped data files when ``compta_finetune.data`` is among them);
* adds the JSON and CSV files its cells name by a path relative to the page (the benchmark
  results the "Performances" page reads, so that ``make bench`` then ``make html`` shows the new ones);
* declares them as dependencies of the page, so that Sphinx re-reads it when one changes;
* appends a hidden cell holding a hash of their contents, so that the cache misses and the
  page is executed again.
"""

from __future__ import annotations

import ast
import hashlib
import os
import re
from pathlib import Path

PACKAGE = "compta_finetune"
IMPORT_PATTERN = re.compile(rf"^\s*(?:from|import)\s+({PACKAGE}(?:\.\w+)*)", re.MULTILINE)
CODE_CELL_PATTERN = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
FILE_LITERAL_PATTERN = re.compile(r"""["']([^"'\n]+\.(?:json|csv))["']""")


def module_file(package_root: Path, module: str) -> Path | None:
    """The file of a package module, e.g. ``compta_finetune.recipes.phi2`` -> ``.../recipes/phi2.py``."""
    parts = module.split(".")[1:]
    candidate = package_root.joinpath(*parts)
    for path in (candidate.with_suffix(".py"), candidate / "__init__.py"):
        if path.is_file():
            return path
    return None


def imported_modules(path: Path) -> set[str]:
    """Package modules imported by one source file (absolute imports, and ``from x import module``)."""
    modules = set()
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        # The page's execution reports it, with the file and line; its hash still covers the file.
        return modules
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names if alias.name.startswith(PACKAGE))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PACKAGE):
            modules.add(node.module)
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def dependency_files(package_root: Path, modules: set[str]) -> list[Path]:
    """The files of ``modules``, of their parent packages and of everything they import in the package."""
    pending, seen, files = set(modules), set(), set()
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        seen.add(module)
        parents = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 1)}
        pending |= parents - seen
        path = module_file(package_root, module)
        if path is None:
            continue  # a function or class imported by name, not a module
        files.add(path)
        pending |= imported_modules(path) - seen
        if module == f"{PACKAGE}.data":
            files.update((package_root / "data").glob("*.csv"))
    return sorted(files)


def read_files(page_dir: Path, code: str) -> list[Path]:
    """The existing JSON and CSV files that ``code`` names by a string literal, relative to ``page_dir``."""
    paths = {(page_dir / name).resolve() for name in FILE_LITERAL_PATTERN.findall(code)}
    return sorted(path for path in paths if path.is_file())


def add_source_hash(app, docname: str, source: list[str]) -> None:
    text = source[0]
    code = "\n".join(CODE_CELL_PATTERN.findall(text))
    if not code:
        return
    confdir = Path(app.confdir).resolve()
    package_root = confdir / "src" / PACKAGE
    # myst-nb runs a page's cells in the page's directory, so relative paths start there.
    page_dir = (Path(app.srcdir) / docname).parent
    modules = set(IMPORT_PATTERN.findall(code))
    files = sorted(set(dependency_files(package_root, modules)) | set(read_files(page_dir, code)))
    if not files:
        return
    digest = hashlib.sha256()
    for path in files:
        app.env.note_dependency(str(path))
        digest.update(os.path.relpath(path, confdir).encode())
        digest.update(path.read_bytes())
    source[0] = (
        text.rstrip("\n")
        + "\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n"
        + f"# {PACKAGE} sources and files used by this page: {digest.hexdigest()}\n```\n"
    )


def setup(app):
    app.connect("source-read", add_source_hash)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
