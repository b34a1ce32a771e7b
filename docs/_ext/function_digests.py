"""The functions of a Python source file, where each one lies and a digest of its text.

Shared by the test-suite plugin that records which lines of ``src/`` the tests executed
(``tests/_verified_by_plugin.py``) and the Sphinx extension that reads those lines back under
each included snippet (``verified_by.py``). Recording each function's place and digest lets the
extension follow code that only *moved*: when a file is edited after the tests ran, a function
whose text is unchanged keeps its recorded lines, shifted to its new place; only the snippets
showing a function that changed need the tests to run again.

Standard library only: the pytest plugin loads this file without Sphinx.
"""

from __future__ import annotations

import ast
import hashlib
from collections.abc import Iterator


def source_digest(text: str) -> str:
    """SHA-256 of ``text``, newline-agnostic (a checkout with CRLF endings gives the same)."""
    return hashlib.sha256("\n".join(text.splitlines()).encode("utf-8")).hexdigest()


def functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """``(qualified name, node)`` of the functions and methods not nested in another function.

    Nested functions are part of their parent: they run when it runs.
    """
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield prefix + node.name, node
        elif isinstance(node, ast.ClassDef):
            yield from functions(node, f"{prefix}{node.name}.")
        else:  # functions defined under an `if`, a `try`…
            yield from functions(node, prefix)


def function_table(source: str) -> dict[str, list]:
    """Each function of ``source`` -> ``[first line, last line, digest of its text (16 hex digits)]``.

    The span includes the decorators (1-based, inclusive). A name defined twice (a property's
    getter and setter, say) gets ``#2``, ``#3``… after its first occurrence.
    """
    lines = source.splitlines()
    table: dict[str, list] = {}
    for name, node in functions(ast.parse(source)):
        first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
        last = node.end_lineno
        key, count = name, 1
        while key in table:
            count += 1
            key = f"{name}#{count}"
        # 16 hex digits tell an edit apart; the full digest would only lengthen the JSON.
        table[key] = [first, last, source_digest("\n".join(lines[first - 1 : last]))[:16]]
    return table
