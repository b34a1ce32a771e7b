"""Re-execute an executed page when the package code it imports changes.

myst-nb caches a page's outputs by the text of its code cells only, so editing a function in
``src/`` that a page calls would leave stale outputs (myst-nb issues #299 and #621). This
extension, for each page with code cells:

* finds the ``compta_finetune`` modules its cells import, and the package modules those import
  in turn (with the shipped data files when ``compta_finetune.data`` is among them);
* declares them as dependencies of the page, so that Sphinx re-reads it when one changes;
* appends a hidden cell holding a hash of their contents, so that the cache misses and the
  page is executed again.
"""

from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path

PACKAGE = "compta_finetune"
IMPORT_PATTERN = re.compile(rf"^\s*(?:from|import)\s+({PACKAGE}(?:\.\w+)*)", re.MULTILINE)


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
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
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


def add_source_hash(app, docname: str, source: list[str]) -> None:
    text = source[0]
    if "```{code-cell}" not in text:
        return
    modules = set(IMPORT_PATTERN.findall(text))
    if not modules:
        return
    package_root = Path(app.confdir) / "src" / PACKAGE
    digest = hashlib.sha256()
    for path in dependency_files(package_root, modules):
        app.env.note_dependency(str(path))
        digest.update(path.relative_to(package_root).as_posix().encode())
        digest.update(path.read_bytes())
    source[0] = (
        text.rstrip("\n")
        + "\n\n```{code-cell} ipython3\n:tags: [remove-cell]\n"
        + f"# {PACKAGE} sources used by this page: {digest.hexdigest()}\n```\n"
    )


def setup(app):
    app.connect("source-read", add_source_hash)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
