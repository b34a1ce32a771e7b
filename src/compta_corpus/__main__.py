"""Regenerate the shipped corpus, both variants: ``python -m compta_corpus``."""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from .generator import DEFAULT_SEED, VARIANTS, corpus_statistics, generate_corpus, write_corpus
from .profiles import imbalance_ratio


def main(argv: list[str] | None = None) -> int:
    """Write ``train.csv``, ``validation.csv`` and ``test.csv`` of each variant and print statistics.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (defaults to ``sys.argv[1:]``).

    Returns
    -------
    int
        Process exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m compta_corpus", description=__doc__)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generation seed (default: %(default)s)")
    parser.add_argument(
        "--variant", choices=[*VARIANTS, "all"], default="all", help="corpus variant to write (default: %(default)s)"
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        help="where to write the CSVs (default: the package data directory; the skewed variant in its skewed/ folder)",
    )
    parser.add_argument("--samples", type=int, default=10, help="number of random training lines to print")
    args = parser.parse_args(argv)

    variants = list(VARIANTS) if args.variant == "all" else [args.variant]
    for variant in variants:
        directory, profile = VARIANTS[variant]
        if args.output_dir is not None:
            directory = args.output_dir if variant == "balanced" or args.variant != "all" else args.output_dir / variant
        start = time.perf_counter()
        paths = write_corpus(directory, seed=args.seed, lines_per_account=profile)
        elapsed = time.perf_counter() - start
        corpus = generate_corpus(args.seed, profile)
        stats = corpus_statistics(corpus)

        print(f"== {variant}" + (f" (most frequent account / rarest: {imbalance_ratio(profile):.0f})" if profile else ""))
        for split, path in paths.items():
            print(f"{split:<10} {stats['lines_per_split'][split]:>5} lines -> {path}")
        print(f"generation + writing: {elapsed:.2f} s")
        print(f"distinct vendors: {stats['distinct_vendors']} ({stats['vendors_shared_across_labels']} under several accounts)")
        print(f"distinct line structures: {stats['distinct_structures']}")
        print(f"lines naming their vendor: {stats['lines_with_vendor']} / {stats['total_lines']}")
        sample_rng = random.Random(args.seed)
        for text, label in sample_rng.sample(corpus["train"], min(args.samples, len(corpus["train"]))):
            print(f"  {label:<5} {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
