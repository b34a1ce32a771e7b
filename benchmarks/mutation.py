"""Mutation testing of the product modules with mutmut 3, scores written to benchmarks/mutation.json.

mutmut copies ``src/compta_finetune`` into ``mutants/``, rewrites each function of the product
modules into many small variants (a ``<`` turned into ``<=``, a string changed, an argument
dropped...), records which tests execute each function, then runs, for every variant, only
those tests (``-x``: the first failure kills it; tests/conftest.py runs the quickest test files
first, so that most mutants die in seconds). A variant that every test passes
*survived*: a bug of that shape would go unnoticed. The product modules, and the tests each
mutant runs, are configured in one place: ``[tool.mutmut]`` of pyproject.toml.

Run with ``make mutation``: every function of the product modules but those listed in
``[tool.compta-finetune.mutation] skip_functions`` (the training loop's wiring, whose every
mutant would rerun whole trainings); ``--all`` includes them. Or give mutmut's mutant-name
patterns to test part of them, e.g. ``python benchmarks/mutation.py 'compta_finetune.metrics.*'``:
the other modules keep their earlier results (mutmut keeps them in ``mutants/``).
``--report`` only re-reads ``mutants/`` and rewrites the JSON. ``mutants/`` stays on the machine
that ran mutmut: where a new clone tested fewer of a module's mutants than the committed JSON
counts, the module keeps its committed row and date, updated by the new results of its
survivors (:func:`with_earlier_results`). An interrupted run resumes:
only the mutants without a result are named to mutmut (:func:`pending`); ``--rerun`` tests
every one again.

Scores: ``killed`` counts the variants a test failed on, ``timeout`` those that made the tests
run past mutmut's CPU limit (an infinite loop: caught), ``survived`` those every test passed,
``no_tests`` those in functions that no in-process test executes (counted as not caught).
``score`` = (killed + timeout) / (total - skipped), as mutmut's own badge computes it.
``score_without_equivalent`` leaves out of the count the survivors whose written reason says
they are *equivalent* (it starts with « equivalent »): a mutant that behaves as the original
cannot be killed by any test. This is the usual definition of the mutation score, and the one
the 80 % goal applies to; survivors accepted for another reason (GPU-only branches, wording,
a test mutmut cannot run) still count against it.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import fnmatch
import functools
import json
import os
import platform
import subprocess
import sys
import time
from collections import Counter
from importlib import metadata
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "benchmarks" / "mutation.json"
MUTANTS = ROOT / "mutants"

# mutmut's exit codes -> status (mutmut.stats.status_by_exit_code, kept here so that reading the
# results does not import mutmut, which sets the multiprocessing start method on import).
STATUS = {1: "killed", 3: "killed", 0: "survived", 5: "no_tests", 33: "no_tests", 34: "skipped",
          36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout", 255: "timeout",
          37: "killed", -11: "segfault", -9: "segfault", None: "not_checked"}


def settings() -> tuple[list[str], list[str]]:
    """``[tool.mutmut] do_not_mutate`` (lab modules) and ``[tool.compta-finetune.mutation] skip_functions``."""
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    return tool["mutmut"].get("do_not_mutate", []), tool.get("compta-finetune", {}).get("mutation", {}).get("skip_functions", [])


def accepted_survivors() -> dict[str, str]:
    """Mutant name or function pattern -> why its surviving mutants are accepted.

    ``[tool.compta-finetune.mutation.accepted]`` is written the other way round, each reason once
    with the list of the mutants and patterns it accepts.
    """
    tool = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    by_reason = tool.get("compta-finetune", {}).get("mutation", {}).get("accepted", {})
    return {key: reason for reason, keys in by_reason.items() for key in keys}


WORDING = (
    "message wording only: mutmut wrapped a piece of an error's or a warning's text in XX...XX or changed its case; "
    "the tests check that each message names its problem and its fix (UserError refuses a missing one), not its exact words"
)


def reason_for(mutant: str, accepted: dict[str, str]) -> str | None:
    """The written reason that accepts ``mutant``, if any.

    Keys are mutant names (``compta_finetune.training.x_last_complete_checkpoint__mutmut_10``,
    as ``mutmut show`` takes them) or patterns of qualified function names
    (``compta_finetune.training._has_accelerator``): a whole function's survivors share a reason.
    A mutant that only rewords a message (:func:`message_wording_only`) is accepted as :data:`WORDING`.
    """
    function = qualified_name(mutant)
    written = next(
        (reason for key, reason in accepted.items() if key == mutant or fnmatch.fnmatch(function, key)), None
    )
    return written or (WORDING if message_wording_only(mutant) else None)


def module_file(root: Path, module: str) -> Path:
    """The file of ``module`` under ``root/src`` (the sources, or mutmut's copy): ``a/b.py`` or ``a/b/__init__.py``."""
    path = root / "src" / Path(*module.split("."))
    return path.with_suffix(".py") if path.with_suffix(".py").is_file() else path / "__init__.py"


@functools.lru_cache(maxsize=None)
def _mutated_module(module: str) -> dict[str, ast.FunctionDef]:
    """The functions of mutmut's copy of ``module`` (every mutant is a function there), by name."""
    path = module_file(MUTANTS, module)
    if not path.is_file():
        return {}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name: node for node in _definitions(tree).values()}


def message_wording_only(mutant: str) -> bool:
    """Whether ``mutant`` differs from its original only in the text of an error's or a warning's message.

    The two functions' syntax trees must match node for node, but for string constants that
    mutmut wrapped in ``XX`` or changed the case of, each inside the arguments of a call to an
    ``...Error`` class or to ``warn``.
    """
    module, _, mangled = mutant.rpartition(".")
    functions = _mutated_module(module)
    original = functions.get(mangled.rsplit("__mutmut_", 1)[0] + "__mutmut_orig")
    mutated = functions.get(mangled)
    if original is None or mutated is None:
        return False
    parents = {child: node for node in ast.walk(original) for child in ast.iter_child_nodes(node)}
    before, after = list(ast.walk(original))[1:], list(ast.walk(mutated))[1:]  # the defs' names differ
    if len(before) != len(after):
        return False
    reworded = False
    for old, new in zip(before, after):
        if type(old) is not type(new):
            return False
        for name, value in ast.iter_fields(old):
            other = getattr(new, name)
            if isinstance(value, list):
                if len(value) != len(other):
                    return False
            elif not isinstance(value, ast.AST) and value != other:
                text = value if isinstance(old, ast.Constant) and name == "value" and isinstance(value, str) else None
                # Implicitly joined literals are one constant here, each part mutated on its own.
                same_words = (
                    text is not None and isinstance(other, str)
                    and (other.replace("XX", "") == text or other.casefold() == text.casefold())
                )
                if text is None or not same_words or not _in_message(old, parents):
                    return False
                reworded = True
    return reworded


def _in_message(node: ast.AST, parents: dict) -> bool:
    """Whether ``node`` is only text of an argument of ``SomethingError(...)`` or ``warn(...)``.

    Not when the text is used on its way there: a key (``row["label"]``), a comparison, a
    condition, or an argument of another call (but ``", ".join`` and ``str.format``).
    """
    while (node := parents.get(node)) is not None and not isinstance(node, ast.stmt):
        if isinstance(node, (ast.Subscript, ast.Compare, ast.IfExp, ast.BoolOp)):
            return False
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name.endswith("Error") or name == "warn":
                return True
            if name not in ("join", "format"):
                return False
    return False


def functions(path: Path) -> list[tuple[str, str]]:
    """(qualified name, mutmut key prefix) of the functions and methods that mutmut mutates in ``path``."""
    return [(_unmangle(key), key) for key in _definitions(ast.parse(path.read_text(encoding="utf-8")))]


def default_patterns(include_skipped: bool = False) -> list[str]:
    """mutmut mutant-name patterns for every product function but the skipped ones (unless ``include_skipped``)."""
    lab, skipped = settings()
    skipped = [] if include_skipped else skipped
    patterns = []
    for path in sorted((ROOT / "src" / "compta_finetune").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if any(fnmatch.fnmatch(relative, pattern) for pattern in lab):
            continue
        module = ".".join(path.relative_to(ROOT / "src").with_suffix("").parts)
        if module.endswith(".__init__"):
            module = module.removesuffix(".__init__")
        kept = [(name, key) for name, key in functions(path) if not is_skipped(f"{module}.{name}", skipped)]
        patterns += [f"{module}.{key}__mutmut_*" for _, key in kept]
    return patterns


def is_skipped(qualified_name: str, skipped: list[str]) -> bool:
    return any(fnmatch.fnmatch(qualified_name, pattern) for pattern in skipped)


def qualified_name(key: str) -> str:
    """``compta_finetune.training.x\u01c1InvoiceTrainer\u01c1training_step__mutmut_3`` -> ``compta_finetune.training.InvoiceTrainer.training_step``."""
    module, _, mangled = key.rpartition(".")
    return f"{module}.{_unmangle(mangled.rsplit('__mutmut_', 1)[0])}"


def _unmangle(key: str) -> str:
    """mutmut's key prefix of a function -> its name: ``x_name`` -> ``name``, ``x\u01c1Class\u01c1method`` -> ``Class.method``."""
    return key[2:] if key.startswith("x_") else key[1:].strip("\u01c1").replace("\u01c1", ".")


def pending(patterns: list[str]) -> list[str]:
    """The mutants of ``patterns`` still to test, so that an interrupted ``make mutation`` resumes.

    mutmut tests again every mutant it is *named*, even one with a result: naming the product
    functions' patterns would restart the whole run. So the mutants already tested are left out:
    by exact name, those without a result in ``mutants/``; in a module edited since its mutants
    were made, the functions whose code changed (:func:`changed_functions`) are named whole
    (mutmut regenerates the module and forgets their results).
    When a test file changed after a module's results, that module's survivors are named again;
    the survivors without a written reason always are (a test written for them since may kill
    them, and the module's results may be newer than that test, other mutants having run since).
    ``patterns`` themselves when ``mutants/`` holds no results yet.
    """
    names = []
    accepted = accepted_survivors()
    tests_changed = max((path.stat().st_mtime for path in (ROOT / "tests").rglob("*.py")), default=0.0)
    by_module: dict[str, list[str]] = {}
    for pattern in patterns:
        by_module.setdefault(pattern.rsplit(".", 1)[0], []).append(pattern)
    for module, module_patterns in by_module.items():
        source = module_file(ROOT, module)
        copy = MUTANTS / source.relative_to(ROOT)
        meta = copy.with_name(copy.name + ".meta")
        if not meta.is_file() or not copy.is_file():
            names += module_patterns  # never mutated
            continue
        if source.stat().st_mtime > copy.stat().st_mtime:  # edited since: its changed functions start again
            changed = changed_functions(source, copy)
            restart = [pattern for pattern in module_patterns if pattern.rsplit(".", 1)[1].split("__mutmut_")[0] in changed]
            names += restart
            module_patterns = [pattern for pattern in module_patterns if pattern not in restart]
        results = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        # Tests edited since the module's last results: its survivors may be killed now.
        again = {None, 0, 5, 33} if tests_changed > meta.stat().st_mtime else {None}
        names += [
            key for key, code in results.items()
            if (code in again or (code in (0, 5, 33) and reason_for(key, accepted) is None))
            and any(fnmatch.fnmatch(key, pattern) for pattern in module_patterns)
        ]
    return names


def _definitions(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    """Functions and methods of a module by mutmut's key prefix (``x_name``, ``x\u01c1Class\u01c1method``)."""
    found = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            # In mutmut's copy, the variants' names are keys already (x_name__mutmut_3).
            found[node.name if "__mutmut_" in node.name else f"x_{node.name}"] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    if "__mutmut_" in item.name:
                        found[item.name] = item
                    else:
                        found[f"x\u01c1{node.name}\u01c1{item.name}"] = item
    return found


def changed_functions(source: Path, copy: Path) -> set[str]:
    """mutmut key prefixes of the functions of ``source`` whose code differs from mutmut's copy of them."""

    def code(node: ast.FunctionDef) -> str:
        parts = [node.args, ast.Module(body=node.body, type_ignores=[]), *node.decorator_list]
        return "".join(ast.dump(part) for part in parts) + (ast.dump(node.returns) if node.returns else "")

    current = _definitions(ast.parse(source.read_text(encoding="utf-8")))
    copied = {
        key.removesuffix("__mutmut_orig"): node
        for key, node in _definitions(ast.parse(copy.read_text(encoding="utf-8"))).items()
        if key.endswith("__mutmut_orig")
    }
    return {key for key, node in current.items() if key not in copied or code(copied[key]) != code(node)}


def run_mutmut(patterns: list[str], max_children: int) -> float:
    """Run ``mutmut run`` at the repository root; return its wall time in seconds."""
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        # Each mutant is one process: one thread each, or two of them on two cores crawl.
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    command = [str(Path(sys.executable).with_name("mutmut")), "run", "--max-children", str(max_children), *patterns]
    shown = command if len(command) < 12 else [*command[:4], f"<{len(patterns)} mutant names or patterns>"]
    print("$", " ".join(shown), flush=True)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"mutmut failed with status {done.returncode}; see its output above.")
    return seconds


def is_equivalent(reason: str | None) -> bool:
    """Whether a survivor's written reason says it is equivalent to the original (see the module's docstring)."""
    return bool(reason) and reason.startswith("equivalent")


def module_name(meta: Path) -> str:
    """``mutants/src/compta_finetune/recipes/phi2.py.meta`` -> ``compta_finetune.recipes.phi2``."""
    relative = meta.relative_to(MUTANTS / "src").with_suffix("").with_suffix("")
    return ".".join(relative.parts)


def read_results(include_skipped: bool) -> dict[str, dict]:
    """Per-module counts from mutmut's ``.meta`` files, with the surviving mutants' names."""
    lab, skipped = settings()
    accepted = accepted_survivors()
    modules = {}
    for meta in sorted((MUTANTS / "src").rglob("*.py.meta")):
        if any(fnmatch.fnmatch(meta.relative_to(MUTANTS).as_posix().removesuffix(".meta"), p) for p in lab):
            continue  # a module moved to the lab list since mutants/ was made
        data = json.loads(meta.read_text(encoding="utf-8"))
        exit_codes = {
            key: code
            for key, code in data.get("exit_code_by_key", {}).items()
            if include_skipped or not is_skipped(qualified_name(key), skipped)
        }
        if not exit_codes:
            continue
        statuses = {key: STATUS.get(code, "suspicious") for key, code in exit_codes.items()}
        counts = Counter(statuses.values())
        tested = len(statuses) - counts["skipped"] - counts["not_checked"]
        caught = counts["killed"] + counts["timeout"]
        survivors = [
            {"mutant": key, "function": qualified_name(key), "status": statuses[key], "accepted": reason_for(key, accepted)}
            for key in sorted(k for k, s in statuses.items() if s in ("survived", "no_tests", "suspicious"))
        ]
        equivalent = sum(1 for survivor in survivors if is_equivalent(survivor["accepted"]))
        durations = data.get("durations_by_key", {})
        modules[module_name(meta)] = {
            "total": len(statuses),
            "killed": counts["killed"],
            "timeout": counts["timeout"],
            "survived": counts["survived"],
            "no_tests": counts["no_tests"],
            "other": len(statuses) - tested - counts["skipped"] - counts["not_checked"]
            + sum(counts[s] for s in ("suspicious", "segfault")),
            "not_checked": counts["not_checked"],
            "score": round(100 * caught / tested, 1) if tested else None,
            "equivalent": equivalent,
            "score_without_equivalent": round(100 * caught / (tested - equivalent), 1) if tested > equivalent else None,
            # Sum of the mutants' test runs: the module's share of the run, on one core.
            "seconds": round(sum(v for v in durations.values() if v), 1),
            "measured": datetime.date.fromtimestamp(meta.stat().st_mtime).isoformat(),
            "survivors": survivors,
        }
    return modules


def with_earlier_results(modules: dict[str, dict], earlier: dict[str, dict], earlier_date: str | None) -> dict[str, dict]:
    """Each module's row: from ``mutants/`` or, where this clone tested fewer of its mutants, the earlier report's.

    ``mutants/`` holds only what mutmut ran in this clone. A module whose mutants were all
    tested here, or more of them than in the committed report, gets the row read from
    ``mutants/``. Otherwise the committed row is kept, with the date it was measured
    (``measured``), updated by what this clone found about its survivors (a survivor killed
    since counts as killed) and their reasons read again from pyproject.toml. Run on a new
    clone, ``python benchmarks/mutation.py NAMES...`` with the survivors' names thus updates the
    report without retesting the thousands of killed mutants.
    """
    accepted = accepted_survivors()
    merged = {}
    for name, row in modules.items():
        kept = earlier.get(name)
        tried = row["total"] - row["not_checked"]
        if kept is None or row["not_checked"] == 0 or tried >= kept["total"] - kept["not_checked"]:
            merged[name] = row
            continue
        statuses = tried_statuses(name)
        counts = {key: kept[key] for key in ("killed", "timeout", "survived", "no_tests", "other")}
        survivors = []
        for survivor in kept["survivors"]:
            status = statuses.get(survivor["mutant"], survivor["status"])
            if status in ("killed", "timeout"):
                counts[status] += 1
                # As read_results counts them: a "suspicious" survivor is in "other".
                counts[survivor["status"] if survivor["status"] in ("survived", "no_tests") else "other"] -= 1
            else:
                survivors.append({**survivor, "accepted": reason_for(survivor["mutant"], accepted)})
        equivalent = sum(1 for survivor in survivors if is_equivalent(survivor["accepted"]))
        caught = counts["killed"] + counts["timeout"]
        tested = kept["total"] - kept["not_checked"]
        merged[name] = {
            **kept,
            **counts,
            "measured": kept.get("measured", earlier_date),
            "score": round(100 * caught / tested, 1) if tested else None,
            "equivalent": equivalent,
            "score_without_equivalent": round(100 * caught / (tested - equivalent), 1) if tested > equivalent else None,
            "survivors": survivors,
        }
    return merged


def tried_statuses(module: str) -> dict[str, str]:
    """Status of each mutant of ``module`` that has a result in ``mutants/``."""
    copy = module_file(MUTANTS, module)
    meta = copy.with_name(copy.name + ".meta")
    if not meta.is_file():
        return {}
    codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
    return {key: STATUS.get(code, "suspicious") for key, code in codes.items() if code is not None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("patterns", nargs="*", help="mutmut mutant-name patterns (default: every product module)")
    parser.add_argument("--report", action="store_true", help="only read mutants/ and write the JSON")
    parser.add_argument("--all", action="store_true", help="also the functions of skip_functions (slow)")
    parser.add_argument("--rerun", action="store_true", help="test again the mutants that already have a result")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2, help="mutants tested side by side")
    options = parser.parse_args()

    seconds = None
    if not options.report:
        patterns = options.patterns or default_patterns(include_skipped=options.all)
        if not options.patterns and not options.rerun:
            patterns = pending(patterns)
        if patterns == []:
            print("Every selected mutant already has a result in mutants/ (--rerun tests them again).")
        else:
            seconds = run_mutmut(patterns, options.max_children)
    previous = json.loads(OUTPUT.read_text(encoding="utf-8")) if OUTPUT.exists() else {}
    fresh = read_results(include_skipped=options.all or bool(options.patterns))
    if not fresh:
        sys.exit("No mutmut results in mutants/: run `make mutation` first.")
    modules = with_earlier_results(fresh, previous.get("modules", {}), previous.get("date"))
    kept = [name for name, row in modules.items() if row is not fresh[name]]
    totals = Counter()
    for row in modules.values():
        totals.update({k: row[k] for k in ("total", "killed", "timeout", "survived", "no_tests", "not_checked", "equivalent")})
    tested = totals["total"] - totals["not_checked"]
    document = {
        "date": datetime.date.today().isoformat(),
        "tool": f"mutmut {metadata.version('mutmut')}",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {options.max_children} mutants side by side",
        "command": "python benchmarks/mutation.py --report (the results of the earlier runs kept in mutants/)"
        if options.report
        else f"python benchmarks/mutation.py <{len(options.patterns)} mutant patterns>" if options.patterns
        else "python benchmarks/mutation.py --all" if options.all else "make mutation",
        "skipped_functions": [] if options.all or options.patterns else settings()[1],
        "wall_seconds": round(seconds, 1) if seconds is not None else previous.get("wall_seconds"),
        # Modules that this clone's mutants/ has fewer results for: their rows are the earlier report's.
        "kept_from_earlier_runs": kept,
        "modules": modules,
        "total": {
            **dict(totals),
            "score": round(100 * (totals["killed"] + totals["timeout"]) / tested, 1) if tested else None,
            "score_without_equivalent": round(100 * (totals["killed"] + totals["timeout"]) / (tested - totals["equivalent"]), 1)
            if tested > totals["equivalent"] else None,
            "accepted_survivors": sum(1 for row in modules.values() for survivor in row["survivors"] if survivor["accepted"]),
        },
    }
    OUTPUT.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    width = max(len(name) for name in modules)
    print(f"\n{'module':<{width}}  killed  timeout  survived  equivalent  no tests  not tried  total    score  w/o equiv.")
    for name, row in modules.items():
        score, without = (f"{row[key]:.1f} %" if row[key] is not None else "-" for key in ("score", "score_without_equivalent"))
        print(f"{name:<{width}}  {row['killed']:>6}  {row['timeout']:>7}  {row['survived']:>8}  {row['equivalent']:>10}"
              f"  {row['no_tests']:>8}  {row['not_checked']:>9}  {row['total']:>5}  {score:>7}  {without:>10}")
    survivors = [survivor for row in modules.values() for survivor in row["survivors"]]
    unexplained = [survivor["mutant"] for survivor in survivors if not survivor["accepted"]]
    print(f"Total score {document['total']['score']} % ({document['total']['score_without_equivalent']} % without the "
          f"equivalent mutants); written to {OUTPUT.relative_to(ROOT)}")
    print(f"{len(survivors)} survivors, {len(survivors) - len(unexplained)} accepted with a written reason "
          "([tool.compta-finetune.mutation.accepted])" + ("; without one (`mutmut show NAME` shows the change):" if unexplained else "."))
    for name in unexplained:
        print(f"  {name}")
    if kept:
        print(f"Fewer results in mutants/ than in the earlier report for {', '.join(kept)}: their rows are that "
              "report's, updated by the new results of their survivors (see each row's 'measured').")


if __name__ == "__main__":
    main()
