"""The import lines a function shown with ``literalinclude :pyobject:`` needs, computed from its module.

A reader who copies one function from the site must be able to paste it into a fresh Python and
get a definition that runs: the names it uses that its module binds at top level come with it,
as the module's own import statements (``import json``, ``from transformers import Trainer``) or,
for names the module defines itself (constants, helpers), ``from <module> import name``. The lines
are computed, never typed twice: ``verified_by.VerifiedLiteralInclude`` prepends them.
"""

from __future__ import annotations

import ast
import builtins


def _bound_names(node: ast.stmt) -> list[str]:
    """Names a module-level statement binds."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    targets = []
    if isinstance(node, ast.Assign):
        targets = node.targets
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
        targets = [node.target]
    names = []
    for target in targets:
        names += [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
    return names


def _find(tree: ast.Module, dotted: str) -> ast.AST | None:
    """``Class.method`` or ``function`` at module level, as ``:pyobject:`` names it."""
    scope: list[ast.stmt] = tree.body
    found = None
    for part in dotted.split("."):
        found = next(
            (n for n in scope if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == part),
            None,
        )
        if found is None:
            return None
        scope = found.body
    return found


def needed_imports(source: str, module: str, pyobject: str) -> list[str]:
    """The import lines that make ``pyobject`` (from ``source``, module ``module``) run on its own.

    Names are looked up among the module's top-level bindings only; builtins and names the
    object binds itself are left out.
    """
    tree = ast.parse(source)
    target = _find(tree, pyobject)
    if target is None:
        raise ValueError(f"{pyobject!r} not found in {module}")
    used = {n.id for n in ast.walk(target) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    own = set(pyobject.split("."))
    future = False
    plain: dict[str, str] = {}  # line -> first name, in module order
    from_names: dict[str, list[str]] = {}
    defined: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            future = future or any(a.name == "annotations" for a in node.names)
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if bound in used and bound not in own:
                    line = f"import {alias.name}" + (f" as {alias.asname}" if alias.asname else "")
                    plain.setdefault(line, bound)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            for alias in node.names:
                bound = alias.asname or alias.name
                if bound in used and bound not in own:
                    shown = alias.name + (f" as {alias.asname}" if alias.asname else "")
                    from_names.setdefault(node.module, [])
                    if shown not in from_names[node.module]:
                        from_names[node.module].append(shown)
        else:
            for name in _bound_names(node):
                if name in used and name not in own and name not in defined and not hasattr(builtins, name):
                    defined.append(name)
    # Every name the annotations use is imported too, so the module's
    # ``from __future__ import annotations`` is not needed (and would be noise).
    del future
    lines = list(plain)
    lines += [f"from {mod} import {', '.join(names)}" for mod, names in from_names.items()]
    if defined:
        lines.append(f"from {module} import {', '.join(defined)}")
    return lines
