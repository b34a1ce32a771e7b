"""Branch coverage of each product module, from the ``.coverage`` data that ``make pytest`` leaves.

The product modules are those ``make mutation`` mutates: the package minus the lab code listed
in ``[tool.mutmut] do_not_mutate`` of pyproject.toml. Subprocess runs (``python -m
compta_finetune``, ``torchrun``) are measured too (``[tool.coverage.run] patch``). A module
under 90 % of its branches is printed with the reason it is accepted, from ``BELOW_90``, or
flagged when it has none. Run by ``make pytest`` after the tests.
"""

from __future__ import annotations

import fnmatch
import json
import sys
import tempfile
import tomllib
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parents[1]
GOAL = 90.0

BELOW_90: dict[str, str] = {
    # module: why its untested branches are accepted (printed only while the module is below 90 %).
    "compta_finetune/training.py": "torch without torch.accelerator and a sampler that is not length-grouped "
    "cannot happen with torch 2.13 and our arguments; --overwrite over old checkpoints and --resume without a "
    "complete one run only inside full trainings",
    "compta_finetune/cli.py": "the progress-bar branches need standard error to be a terminal, never the case under pytest",
}


def product_module(relative: str, excluded: list[str]) -> bool:
    return relative.startswith("src/compta_finetune/") and not any(fnmatch.fnmatch(relative, p) for p in excluded)


def main() -> int:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    excluded = config["tool"]["mutmut"]["do_not_mutate"]
    data_file = ROOT / ".coverage"
    if not data_file.exists():
        print("No .coverage data: run the tests first (make pytest).", file=sys.stderr)
        return 1
    cov = coverage.Coverage(data_file=str(data_file), config_file=str(ROOT / "pyproject.toml"))
    cov.load()
    with tempfile.TemporaryDirectory() as directory:
        report_file = Path(directory) / "coverage.json"
        cov.json_report(outfile=str(report_file), ignore_errors=True)
        report = json.loads(report_file.read_text(encoding="utf-8"))
    rows = []
    for filename, entry in report["files"].items():
        path = Path(filename)
        relative = (path if not path.is_absolute() else path.relative_to(ROOT)).as_posix()
        if not product_module(relative, excluded):
            continue
        summary = entry["summary"]
        branches, covered = summary["num_branches"], summary["covered_branches"]
        rows.append((relative.removeprefix("src/"), summary["percent_covered"], covered, branches))
    branches = sum(r[3] for r in rows)
    covered = sum(r[2] for r in rows)
    print(f"\nBranch coverage of the product modules (goal: {GOAL:.0f} % each)")
    print(f"{'module':<36} {'lines+branches':>14} {'branches':>14}")
    for name, combined, hit, total in sorted(rows):
        share = 100 * hit / total if total else 100.0
        flag = ""
        if share < GOAL:
            reason = BELOW_90.get(name)
            flag = f"  below {GOAL:.0f} %: {reason}" if reason else f"  BELOW {GOAL:.0f} % WITHOUT A REASON"
        print(f"{name:<36} {combined:>13.1f}% {hit:>5}/{total:<4} {share:>5.1f}%{flag}")
    print(f"{'all product modules':<36} {'':>14} {covered:>5}/{branches:<4} {100 * covered / max(branches, 1):>5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
