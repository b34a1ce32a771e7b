"""Run the results page's experiment and write it to docs/_data/experiment.json.

Every model, every seed and every point of the learning curve: longer than a site build can
afford, so the page reads this file and says when, where and how it was produced. Run with
``make experiment`` (``make experiment JOBS=16`` on a 16-core machine: one process per core,
one torch thread each; the results do not depend on the number of processes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import peft
import sklearn
import torch
import transformers

from compta_finetune.lab.experiments import ExperimentSettings, run_experiment

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "_data" / "experiment.json"


def _commit() -> str:
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
        return commit + ("+modifications" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _rounded(value):
    """Floats rounded to 6 significant decimals, so that the committed file stays readable and small."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_rounded(item) for item in value]
    if isinstance(value, np.generic):
        return _rounded(value.item())
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=1, help="processes side by side (default: 1)")
    parser.add_argument(
        "--size",
        choices=("full", "small", "reduced"),
        default="full",
        help="full: the default settings (11 min measured with --jobs 2 on two idle cores); small: 600 fine-tuning steps at most, "
        "three learning-curve points (runs stop at the limit: scores are lower bounds); reduced: the site build's (one seed, few steps)",
    )
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"JSON to write (default: {OUTPUT.relative_to(ROOT)})")
    parser.add_argument(
        "--work-dir", type=Path, help="keep the checkpoints here; a run interrupted and started again resumes (default: a temporary folder)"
    )
    parser.add_argument(
        "--lines-per-account",
        nargs="+",
        metavar="N",
        help="points of the learning curve, 'all' for the whole training split (default: the size's)",
    )
    arguments = parser.parse_args(argv)
    settings = {"full": ExperimentSettings, "small": ExperimentSettings.small, "reduced": ExperimentSettings.reduced}[arguments.size]()
    if arguments.lines_per_account:
        points = tuple(None if point == "all" else int(point) for point in arguments.lines_per_account)
        settings = replace(settings, lines_per_account=points if None in points else (*points, None))
    started, commit = datetime.now(timezone.utc), _commit()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as temporary:
        results = run_experiment(
            arguments.work_dir or temporary,
            settings,
            independent_file=ROOT / "tests" / "data" / "independent_lines.csv",
            jobs=arguments.jobs,
            log=lambda message: print(f"[{time.perf_counter() - start:7.0f} s] {message}", file=sys.stderr, flush=True),
        )
    results["produced"] = {
        "command": f"make experiment JOBS={arguments.jobs}"
        + (f" SIZE={arguments.size}" if arguments.size != "full" else "")
        + (f" LINES=\"{' '.join(arguments.lines_per_account)}\"" if arguments.lines_per_account else ""),
        "size": arguments.size,
        "date": started.strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit,
        "seconds": time.perf_counter() - start,
        "jobs": arguments.jobs,
        "machine": {
            "processor": platform.processor() or platform.machine(),
            "cpu_count": os.cpu_count(),
            "torch_threads_per_process": 1 if arguments.jobs > 1 else torch.get_num_threads(),
            "python": platform.python_version(),
            "torch": torch.__version__,
            "transformers": transformers.__version__,
            "peft": peft.__version__,
            "scikit-learn": sklearn.__version__,
        },
    }
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(_rounded(results), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{arguments.output}: {results['produced']['seconds']:.0f} s with {arguments.jobs} process(es)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
