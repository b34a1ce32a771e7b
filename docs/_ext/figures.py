"""``:fig:`` — a figure from a JSON file, written the French way, so a quantity has one source.

A static page shows a measured or computed value by naming where it lives instead of typing it::

    :fig:`gpu_results.phi2_training[method=full,batch_size=16].peak_allocated_gib | .1f` Gio
    :fig:`results.train_speedup_vs_seed | .2f`
    :fig:`gpu_results.camembert_base_training.fraction_of_peak | .2%`
    :fig:`results.predict.lines | ,d`
    :fig:`a.x - a.y | .1f`   (a difference computed from the values shown)
    :fig:`gpu_results.phi2_training[method=lora].parameters * 4 / 1073741824 | .1f`   (constants too)

The first name is a JSON file, looked up in ``figures_dirs`` (``benchmarks/`` and ``docs/_data/``
by default; ``gpu_results`` is ``benchmarks/gpu_results.json``); then keys, list indexes
(``[0]``) or the list item chosen by one or more fields (``[method=full]``,
``[method=full,batch_size=16]``: exactly one item must match). After ``|``, a Python format
specification. The result is French: decimal comma, narrow no-break space between thousands
groups and before ``%``. In MyST pages the role is ``{fig}`...```. The page is rebuilt when the
file changes; an unknown file or key stops the build (under -W) with the path that failed.
"""

from __future__ import annotations

import ast
import json
import operator
import re
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

logger = logging.getLogger(__name__)

NNBSP = "\u202f"
_STEP = re.compile(r"\.?([^.\[\]]+)|\[([^\]]+)\]")


class FigureError(ValueError):
    """A figure path that names nothing."""


def lookup(data, path: str):
    """Follow ``a.b[0].c[method=full].d`` through nested dicts and lists."""
    for key, selector in _STEP.findall(path):
        if key:
            if not isinstance(data, dict) or key not in data:
                raise FigureError(f"no key {key!r} in {path!r}")
            data = data[key]
        elif "=" in selector:
            # One or more conditions, ``[method=full,batch_size=16]``: exactly one item must match all.
            wanted = dict(condition.strip().partition("=")[::2] for condition in selector.split(","))
            matches = [
                item for item in data
                if isinstance(item, dict) and all(str(item.get(field)) == value for field, value in wanted.items())
            ]
            if len(matches) != 1:
                raise FigureError(f"{len(matches)} items with {selector} in {path!r}")
            data = matches[0]
        else:
            try:
                data = data[int(selector)]
            except (IndexError, ValueError, TypeError) as exc:
                raise FigureError(f"no item [{selector}] in {path!r}") from exc
    return data


def french_number(value, spec: str = "") -> str:
    """``format(value, spec)`` written the French way: 1,234.5 -> 1 234,5 ; 63.3% -> 63,3 %."""
    text = format(value, spec)
    text = text.replace(",", "\0").replace(".", ",").replace("\0", NNBSP)
    if text.endswith("%"):
        text = text[:-1] + NNBSP + "%"
    return text.replace("-", "\u2212") if isinstance(value, (int, float)) and value < 0 else text


def load(name: str, dirs: list[Path]) -> tuple[dict, Path]:
    for directory in dirs:
        path = directory / f"{name}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8")), path
    raise FigureError(f"no file {name}.json in {', '.join(str(d) for d in dirs)}")


_PATH = re.compile(r"[A-Za-z_]\w*(?:\.\w+|\[[^\]]+\])+")
_AST_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluate(expression: str, dirs: list[Path]) -> tuple[float, list[Path]]:
    """The value of ``file.path``, or of arithmetic (``+ - * /``, parentheses, constants) on such paths."""
    files: list[Path] = []
    values: dict[str, object] = {}

    def substitute(match: re.Match) -> str:
        name, _, path = match.group(0).partition(".")
        data, file = load(name, dirs)
        files.append(file)
        key = f"v{len(values)}"
        values[key] = lookup(data, path)
        return key

    tree = ast.parse(_PATH.sub(substitute, expression.strip()), mode="eval")

    def walk(node):
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Name) and node.id in values:
            return values[node.id]
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in _AST_OPERATORS:
            return _AST_OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        raise FigureError(f"only + - * / on figures and numbers: {expression!r}")

    return walk(tree), files


def render(text: str, dirs: list[Path]) -> tuple[str, list[Path]]:
    expression, _, spec = text.partition("|")
    result, files = evaluate(expression, dirs)
    return french_number(result, spec.strip()), files


class FigureRole(SphinxRole):
    def run(self):
        dirs = [Path(self.config.figures_root or self.env.app.confdir) / d for d in self.config.figures_dirs]
        try:
            text, files = render(self.text, dirs)
        except (FigureError, KeyError, TypeError, ValueError, json.JSONDecodeError) as exc:
            logger.warning("figure %r : %s", self.text, exc, location=self.get_location(), type="figures")
            return [nodes.problematic(self.rawtext, self.rawtext)], []
        for file in files:
            self.env.note_dependency(str(file))
        return [nodes.inline(self.rawtext, text, classes=["figure-value"])], []


def setup(app):
    app.add_config_value("figures_dirs", ["benchmarks", "docs/_data"], "env", list)
    app.add_config_value("figures_root", "", "env", str)
    app.add_role("fig", FigureRole())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
