"""Regenerate the shipped corpus: ``python -m compta_corpus``."""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from .generator import DATA_DIR, DEFAULT_SEED, corpus_statistics, generate_corpus, write_corpus


def main(argv: list[str] | None = None) -> int:
    """Write ``train.csv``, ``validation.csv`` and ``test.csv`` and print statistics.

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
    parser.add_argument("--output-dir", type=Path, default=DATA_DIR, help="where to write the CSVs (default: the package data directory)")
    parser.add_argument("--samples", type=int, default=10, help="number of random training lines to print")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    paths = write_corpus(args.output_dir, seed=args.seed)
    elapsed = time.perf_counter() - start
    corpus = generate_corpus(args.seed)
    stats = corpus_statistics(corpus)

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
