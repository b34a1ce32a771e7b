"""Does ``compta-finetune tiny`` build a model that learns? The two commands a reader is told to run, timed.

Runs, in a temporary directory, exactly::

    compta-finetune tiny --output-dir tiny
    compta-finetune train --model tiny --output-dir model
    compta-finetune evaluate --model-dir model --input tests/data/independent_lines.csv

with no other option (the fine-tuning settings come from the checkpoint's
``fine_tuning_config.json``), then prints the seconds of each step, the training time
(``train_runtime``), the macro-F1 on the independent lines and on the test split, and a few
predictions. The goal of issue 13: at least 70 % macro-F1 on the independent lines in at most
120 s of training on 2 cores. The load average is printed too: on a shared machine, seconds
grow with it.

Run with ``make bench-tiny`` (``--output FILE`` also writes the figures as JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INDEPENDENT = ROOT / "tests" / "data" / "independent_lines.csv"
EXAMPLES = [
    "Ramettes papier A4",
    "Loyer bureaux mars 2024",
    "Abonnement fibre Orange",
    "Billet TGV Paris Lyon",
    "Honoraires expert-comptable",
    "Fauteuil de bureau ergonomique",
    "Cartouche toner HP 305A",
    "Cotisation CCI 2024",
]


CPU_SECONDS: dict[str, float] = {}
"""CPU seconds (user + system) of each command: on a machine shared with other work, wall seconds
grow with the load, CPU seconds much less."""


def run(command: list[str], cwd: Path, stdin: str | None = None) -> tuple[float, str]:
    """Run one compta-finetune command; its seconds (start-up included) and standard output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "compta_finetune", *command], cwd=cwd, input=stdin, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU_SECONDS[command[0]] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr}")
    return seconds, completed.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipe", choices=["camembert", "phi2"], default="camembert")
    parser.add_argument("--output", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        load_before = os.getloadavg()[0]
        tiny_s, _ = run(["tiny", "--recipe", args.recipe, "--output-dir", "tiny"], work)
        train_s, _ = run(["train", "--recipe", args.recipe, "--model", "tiny", "--output-dir", "model"], work)
        _, _ = run(["evaluate", "--model-dir", "model", "--input", str(INDEPENDENT), "--output", "independent.json"], work)
        _, predictions = run(["predict", "--model-dir", "model", "--input", "-"], work, "text\n" + "\n".join(EXAMPLES) + "\n")
        results = json.loads((work / "model" / "results.json").read_text(encoding="utf-8"))
        independent = json.loads((work / "independent.json").read_text(encoding="utf-8"))
        settings = json.loads((work / "tiny" / "fine_tuning_config.json").read_text(encoding="utf-8"))
        load_after = os.getloadavg()[0]

    figures = {
        "recipe": args.recipe,
        "settings": settings,
        "tiny_command_s": round(tiny_s, 1),
        "train_command_s": round(train_s, 1),
        "train_runtime_s": round(float(results["train"]["train_runtime"]), 1),
        "tiny_command_cpu_s": round(CPU_SECONDS["tiny"], 1),
        "train_command_cpu_s": round(CPU_SECONDS["train"], 1),
        "independent_macro_f1": round(independent["macro_f1"], 4),
        "test_macro_f1": round(results["test"]["test_macro_f1"], 4),
        "validation_macro_f1": round(results["validation"]["eval_macro_f1"], 4),
        "predictions": predictions.strip().splitlines()[1:],
        "cpu_count": os.cpu_count(),
        "torch_threads": os.environ["OMP_NUM_THREADS"],
        "load_average": [round(load_before, 1), round(load_after, 1)],
        "machine": platform.platform(),
    }
    print(f"settings stored by `tiny`: {settings}")
    print(f"tiny: {figures['tiny_command_s']} s; train: {figures['train_command_s']} s "
          f"(of which training {figures['train_runtime_s']} s)")
    print(f"CPU time: tiny {figures['tiny_command_cpu_s']} s, train {figures['train_command_cpu_s']} s")
    print(f"macro-F1: independent lines {figures['independent_macro_f1']:.1%}, test {figures['test_macro_f1']:.1%} "
          f"(validation {figures['validation_macro_f1']:.1%})")
    print(f"{figures['cpu_count']} CPUs, load average {figures['load_average'][0]} -> {figures['load_average'][1]}")
    for line in figures["predictions"]:
        print(f"  {line}")
    goal = figures["independent_macro_f1"] >= 0.70 and figures["train_runtime_s"] <= 120
    print("goal (>= 70 % on independent lines, <= 120 s of training):", "met" if goal else "NOT met")
    if args.output:
        args.output.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
