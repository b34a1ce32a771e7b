"""« Vérifié par » : under each snippet included from ``src/``, the tests that executed that code.

This extension overrides ``literalinclude``. When the included file is in
``src/compta_finetune/`` (an object with ``:pyobject:``, a slice, or a whole file), it finds the
lines of the function bodies the snippet shows, looks up in ``docs/_data/verified_by.json``
which tests executed them, and adds after the code a paragraph (class ``verified-by``):

    Vérifié par : tests/test_a.py::test_x, tests/test_b.py::test_y (et 4 autres) —
    Python 3.11.7, torch 2.13.0, transformers 5.24.0, datasets 5.2.0, peft 0.21.2

The JSON is written by the test suite itself (``tests/_verified_by_plugin.py``, run by
``make test``: pytest with coverage's per-test contexts), so the note says what the tests
actually executed, not what someone declared.

Only the *bodies* of functions and methods count: the ``def`` and ``class`` lines, decorators,
docstrings and class attributes run when the module is imported, by whatever test imports it
first, and prove nothing. A slice that holds no function body (module constants, say) gets no
note. The build warns (an error under ``-W``, as in ``make html`` and ``make test``):

* ``verified_by.untested``: no passing test executed any body line of an included snippet;
* ``verified_by.stale``: a function the snippet shows changed since the tests last ran.

Editing a file after the tests ran does not, by itself, stop the build: the data records each
function's place and digest (:mod:`function_digests`), so a function whose text is unchanged
keeps its tests, its lines shifted to where it now is. Only a snippet showing a function that
was changed (or added) needs ``make test`` again: nothing says yet that a test executed that code.

A missing or unreadable JSON file stops the build with a message telling to run ``make test``.
Includes from elsewhere (``docs/original/``) are left as they are.
"""

from __future__ import annotations

import ast
import json
import textwrap
from pathlib import Path

from docutils import nodes
from sphinx.directives.code import LiteralInclude, LiteralIncludeReader
from sphinx.errors import ExtensionError
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging

from function_digests import function_table, functions, source_digest
from snippet_imports import needed_imports

logger = logging.getLogger(__name__)

PACKAGE_DIR = "src/compta_finetune"
VERSION_NAMES = {"python": "Python", "torch": "torch", "transformers": "transformers", "datasets": "datasets", "peft": "peft"}


_cache: dict[tuple[str, int], dict] = {}


class VerifiedByError(ExtensionError):
    """The recorded test data cannot be used."""


# --- The recorded data --------------------------------------------------------------------


def load_data(path: str | Path) -> dict:
    """Read the JSON written by the test suite; a clear error when it is missing or broken."""
    path = Path(path)
    if not path.is_file():
        raise VerifiedByError(
            f"{path} introuvable : ce fichier, écrit par la suite de tests, dit quels tests "
            "exécutent le code montré dans les pages. Lancez `make test` (pytest avec "
            "--cov=compta_finetune --cov-context=test, suite complète), puis reconstruisez."
        )
    stamp = (str(path), path.stat().st_mtime_ns)
    if stamp in _cache:
        return _cache[stamp]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data.get("files"), dict) or not isinstance(data.get("versions"), dict):
            raise ValueError("clés « files » ou « versions » absentes")
    except (ValueError, AttributeError) as exc:
        raise VerifiedByError(f"{path} illisible ({exc}) : relancez `make test` pour le réécrire.") from exc
    _cache.clear()
    _cache[stamp] = data
    return data


def expand(spec: str) -> set[int]:
    """``"3-5,9"`` -> ``{3, 4, 5, 9}``."""
    lines: set[int] = set()
    for part in filter(None, spec.split(",")):
        first, _, last = part.partition("-")
        lines.update(range(int(first), int(last or first) + 1))
    return lines


def line_tests(data: dict, key: str) -> dict[int, set[str]]:
    """For one file (``src/compta_finetune/x.py``), each executed line -> the tests that executed it."""
    result: dict[int, set[str]] = {}
    for group in data["files"].get(key, {}).get("lines", []):
        for line in expand(group["lines"]):
            result.setdefault(line, set()).update(group["tests"])
    return result


def current_line_tests(data: dict, key: str, source: str) -> tuple[dict[int, set[str]], dict[str, range]]:
    """The recorded ``line -> tests`` of a file, carried over to its current text ``source``.

    Returns that map and the functions changed since the tests ran (name -> their current
    lines), for which nothing is known. An unchanged file keeps its map as recorded; otherwise
    each function whose digest is unchanged keeps the lines recorded inside it, shifted by how
    far it moved. Data without function digests (or a file the tests never imported) leaves
    every function of an edited file unknown.
    """
    entry = data["files"].get(key, {})
    recorded = line_tests(data, key)
    if entry.get("sha256") in (None, source_digest(source)):
        return recorded, {}
    before = entry.get("functions", {})
    carried: dict[int, set[str]] = {}
    changed: dict[str, range] = {}
    for name, (first, last, digest) in function_table(source).items():
        if name in before and before[name][2] == digest:
            shift = first - before[name][0]
            for line in range(before[name][0], before[name][1] + 1):
                if line in recorded:
                    carried[line + shift] = recorded[line]
        else:
            changed[name] = range(first, last + 1)
    return carried, changed


# --- Which lines of a snippet count -------------------------------------------------------


def object_span(filename: str | Path, modname: str, pyobject: str) -> tuple[int, int]:
    """First and last line (1-based, inclusive, decorators included) of ``pyobject``, as
    ``literalinclude``'s ``:pyobject:`` takes it."""
    tags = ModuleAnalyzer.for_file(str(filename), modname).find_tags()
    if pyobject not in tags:
        raise ValueError(f"{pyobject!r} introuvable dans {filename}")
    _kind, start, end = tags[pyobject]
    return start, end


def included_span(filename: str | Path, options: dict, config, modname: str = "") -> tuple[int, int] | None:
    """The lines of the file a ``literalinclude`` shows, as a (first, last) span.

    ``:pyobject:`` alone is looked up with :func:`object_span`; other selections
    (``:start-at:``, ``:lines:``…) are replayed by Sphinx's own reader with ``lineno-match``,
    which tracks the first line. None for a ``:diff:`` or a disjoint ``:lines:``.
    """
    selectors = {"pyobject", "lines", "start-after", "start-at", "end-before", "end-at"}
    if "diff" in options:
        return None
    if "pyobject" in options and not (selectors - {"pyobject"}) & options.keys():
        return object_span(filename, modname, options["pyobject"])
    kept = {k: v for k, v in options.items() if k in selectors | {"encoding", "tab-width"}}
    kept["lineno-match"] = True
    reader = LiteralIncludeReader(filename, kept, config)
    try:
        _text, count = reader.read()
    except ValueError:
        return None
    return reader.lineno_start, reader.lineno_start + count - 1


def body_lines(source: str, span: tuple[int, int] | None = None) -> set[int]:
    """Lines of the function bodies in ``span`` (the whole file when None).

    Left out: ``def``/``class`` lines, decorators, docstrings and everything at module or class
    level, which run at import time for any test that imports the module.
    """
    first, last = span or (1, len(source.splitlines()))
    lines: set[int] = set()
    for _name, function in functions(ast.parse(source)):
        body = function.body
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body = body[1:]
        if not body:
            continue
        start, end = body[0].lineno, body[-1].end_lineno
        lines.update(range(max(start, first), min(end, last) + 1))
    return lines


def verifying_tests(executed: dict[int, set[str]], lines: set[int], direct: set[str] = frozenset()) -> list[str]:
    """Tests that executed at least one of ``lines``: those in ``direct`` (tests that call the
    object shown) first, then the ones that executed the most, then those of ``tests/`` before
    the doctests of ``src/``, then by name."""
    counts: dict[str, int] = {}
    for line in lines & executed.keys():
        for test in executed[line]:
            counts[test] = counts.get(test, 0) + 1
    return sorted(counts, key=lambda test: (test not in direct, -counts[test], not test.startswith("tests/"), test))


def _test_functions(path: Path) -> dict[str, ast.AST]:
    """``qualname -> node`` of the test functions of a test file (``test_x``, ``TestY.test_z``)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return {}
    found: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found[f"{node.name}.{item.name}"] = item
    return found


def test_place(test: str) -> tuple[str, str]:
    """``tests/t.py::TestA::test_b[x]`` -> (``tests/t.py``, ``TestA.test_b``)."""
    path, _, name = test.partition("::")
    return path, name.split("[")[0].replace("::", ".")


def direct_tests(root: str | Path, tests: list[str], name: str) -> set[str]:
    """The tests among ``tests`` that call ``name`` themselves (``name(...)`` or ``x.name(...)``
    in the test function), and the doctest of the object itself."""
    direct = set()
    functions: dict[str, dict[str, ast.AST]] = {}
    for test in tests:
        path, qualname = test_place(test)
        if not path.startswith("tests/"):
            if qualname.rsplit(".", 1)[-1] == name:
                direct.add(test)
            continue
        if path not in functions:
            functions[path] = _test_functions(Path(root) / path)
        node = functions[path].get(qualname)
        if node is None:
            continue
        for call in ast.walk(node):
            if isinstance(call, ast.Call):
                func = call.func
                called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
                if called == name:
                    direct.add(test)
                    break
    return direct


def test_uri(test: str, docname: str) -> str | None:
    """Where the built site shows a test's source, relative to page ``docname``: the test
    files' pages (``_tests/``, written by this extension) or viewcode's pages for doctests."""
    path, qualname = test_place(test)
    up = "../" * docname.count("/")
    if path.startswith("tests/") and path.endswith(".py"):
        return f"{up}_tests/{Path(path).stem}.html#{qualname}"
    if path.startswith("src/") and path.endswith(".py"):
        module = path[len("src/") : -len(".py")]
        anchor = qualname.split(".", module.count("/") + 1)[-1] if "." in qualname else ""
        return f"{up}_modules/{module}.html" + (f"#{anchor}" if anchor else "")
    return None


def versions_text(versions: dict[str, str]) -> str:
    return ", ".join(f"{label} {versions[name]}" for name, label in VERSION_NAMES.items() if name in versions)


def verified_by_paragraph(
    tests: list[str], versions: dict[str, str], limit: int = 3, uri=None, direct: set[str] = frozenset()
) -> nodes.paragraph:
    """« Vérifié par : `a`, `b`, `c` (et N autres) — Python …, torch … ».

    ``uri(test)``: a link to the test's source, or None; ``direct``: tests that call the object
    shown, marked « appel direct ». ``versions`` empty: no versions (shown once per page)."""
    paragraph = nodes.paragraph(classes=["verified-by"])
    paragraph += nodes.strong(text="Vérifié par : ")
    for i, test in enumerate(tests[:limit]):
        if i:
            paragraph += nodes.Text(", ")
        literal = nodes.literal(text=test)
        target = uri(test) if uri else None
        if target:
            paragraph += nodes.reference("", "", literal, refuri=target, internal=True)
        else:
            paragraph += literal
        if test in direct:
            paragraph += nodes.Text(" (appel direct)")
    others = len(tests) - limit
    if others > 0:
        paragraph += nodes.Text(f" (et {others} autre{'s' if others > 1 else ''})")
    text = versions_text(versions)
    if text:
        paragraph += nodes.Text(f" — {text}")
    return paragraph


# --- The directive ------------------------------------------------------------------------


def package_key(filename: str | Path, root: str | Path) -> str | None:
    """``/repo/src/compta_finetune/x.py`` -> ``src/compta_finetune/x.py``; None outside the package."""
    try:
        relative = Path(filename).resolve().relative_to(Path(root).resolve())
    except ValueError:
        return None
    key = relative.as_posix()
    return key if key.startswith(PACKAGE_DIR + "/") and key.endswith(".py") else None


def module_name(key: str) -> str:
    """``src/compta_finetune/recipes/phi2.py`` -> ``compta_finetune.recipes.phi2``."""
    name = key[len("src/") : -len(".py")].replace("/", ".")
    return name.removesuffix(".__init__")


def changed_lines(this: str, other: str) -> str:
    """The lines of ``this`` (1-based, as ``:emphasize-lines:`` takes them) that ``other`` lacks
    or has differently: a file shown beside the one it corrects highlights what changed."""
    import difflib

    lines: list[int] = []
    matcher = difflib.SequenceMatcher(a=other.splitlines(), b=this.splitlines(), autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            lines.extend(range(j1 + 1, j2 + 1))
    return ",".join(map(str, lines))


class VerifiedLiteralInclude(LiteralInclude):
    """``literalinclude`` followed, for code of the package, by the tests that executed it.

    Extra option ``:emphasize-changes-from: other.py``: highlight the lines that differ from
    ``other.py`` (computed, so the highlight follows both files).
    """

    option_spec = {**LiteralInclude.option_spec, "emphasize-changes-from": str}

    def run(self):
        if "emphasize-changes-from" in self.options:
            _rel, this = self.env.relfn2path(self.arguments[0])
            _rel, other = self.env.relfn2path(self.options.pop("emphasize-changes-from"))
            self.env.note_dependency(other)
            self.options["emphasize-lines"] = changed_lines(
                Path(this).read_text(encoding="utf-8"), Path(other).read_text(encoding="utf-8")
            )
        _rel, filename = self.env.relfn2path(self.arguments[0])
        key = package_key(filename, self.config.verified_by_root)
        if key is not None and "pyobject" in self.options:
            # The snippet comes with the imports it needs: pasted alone, it defines without NameError.
            source = Path(filename).read_text(encoding=self.options.get("encoding", self.config.source_encoding))
            imports = needed_imports(source, module_name(key), self.options["pyobject"])
            if imports:
                prepend = "\n".join(imports) + "\n"
                self.options["prepend"] = prepend + self.options.get("prepend", "")
        result = super().run()
        if not result or isinstance(result[0], nodes.system_message) or "diff" in self.options:
            return result
        if key is None:
            return result
        data_path = data_file(self.config)
        self.env.note_dependency(str(data_path))
        data = load_data(data_path)
        location = self.get_location()
        what = f"{key}" + (f", {self.options['pyobject']}" if "pyobject" in self.options else "")
        source = Path(filename).read_text(encoding=self.options.get("encoding", self.config.source_encoding))
        span = included_span(filename, self.options, self.config, module_name(key))
        if span is None:
            logger.verbose("verified_by: %s: sélection de lignes disjointes, non vérifiée", what)
            return result
        lines = body_lines(source, span)
        if not lines:
            logger.verbose("verified_by: %s: pas de corps de fonction, rien à vérifier", what)
            return result
        executed, changed = current_line_tests(data, key, source)
        edited = [name for name, where in changed.items() if lines.intersection(where)]
        if edited:
            logger.warning(
                "%s : %s modifié depuis que les tests ont enregistré les lignes qu'ils exécutent "
                "(%s du %s) : relancez les tests (`make pytest`, ou `make test`).",
                key,
                ", ".join(edited),
                data_path.name,
                data.get("date", "?"),
                type="verified_by",
                subtype="stale",
                location=location,
            )
            return result
        tests = verifying_tests(executed, lines)
        if tests and "pyobject" in self.options:
            direct = direct_tests(self.config.verified_by_root, tests, self.options["pyobject"].rsplit(".", 1)[-1])
            tests = verifying_tests(executed, lines, direct)
        else:
            direct = set()
        if not tests:
            logger.warning(
                "aucun test n'exécute le code inclus (%s) d'après %s (tests du %s) : ajoutez un "
                "test qui l'exécute (en processus, pas dans un sous-processus), puis lancez `make test`.",
                what,
                self.config.verified_by_data,
                data.get("date", "?"),
                type="verified_by",
                subtype="untested",
                location=location,
            )
            return result
        # The versions once per page: on its first note.
        first = not self.env.temp_data.get("verified_by_versions_shown")
        self.env.temp_data["verified_by_versions_shown"] = True
        docname = self.env.docname
        paragraph = verified_by_paragraph(
            tests,
            data["versions"] if first else {},
            self.config.verified_by_max_tests,
            uri=lambda test: test_uri(test, docname),
            direct=direct,
        )
        self.set_source_info(paragraph)
        return [*result, paragraph]


def data_file(config) -> Path:
    return Path(config.verified_by_root) / config.verified_by_data


def set_root(app, config) -> None:
    """Paths are relative to the directory of conf.py (the repository root) unless set."""
    if not config.verified_by_root:
        config.verified_by_root = str(app.confdir)


def check_data(app) -> None:
    """Fail early, with the remedy, when the recorded data is missing."""
    load_data(data_file(app.config))


def test_pages(app):
    """One page per test file (``_tests/test_x.html``): each test function's source under an
    anchor named after it, so that « Vérifié par » links work offline, in the built site."""
    if app.builder.format != "html":
        return
    root = Path(app.config.verified_by_root)
    for path in sorted((root / "tests").glob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        parts = [f"<h1>tests/{path.name}</h1>"]
        for qualname, node in _test_functions(path).items():
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            code = "\n".join(source.splitlines()[first - 1 : node.end_lineno])
            code = textwrap.dedent(code)
            parts.append(f'<section id="{qualname}"><h2><code>{qualname}</code> (ligne {first})</h2>')
            # Read, not copied: no copy button (conf.py's copybutton_selector skips .no-copy).
            parts.append('<div class="highlight-python notranslate no-copy">')
            parts.append(app.builder.highlighter.highlight_block(code, "python", linenos=False))
            parts.append("</div>")
            parts.append("</section>")
        yield f"_tests/{path.stem}", {"title": f"tests/{path.name}", "body": "\n".join(parts)}, "page.html"


def setup(app):
    app.add_config_value("verified_by_data", "docs/_data/verified_by.json", "env", str)
    app.add_config_value("verified_by_root", "", "env", str)
    app.add_config_value("verified_by_max_tests", 3, "env", int)
    app.add_directive("literalinclude", VerifiedLiteralInclude, override=True)
    app.connect("config-inited", set_root)
    app.connect("builder-inited", check_data)
    app.connect("html-collect-pages", test_pages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
