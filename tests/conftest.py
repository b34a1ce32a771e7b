"""Shared fixtures: tiny checkpoints of both architectures, built once per test session.

Nothing is downloaded: HF_HUB_OFFLINE is set before transformers is imported, so a test that
would silently reach the Hub fails instead.
"""

import logging
import os
import sys

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Tiny models gain nothing from threads; two processes each spinning two threads on two cores crawl.
os.environ.setdefault("OMP_NUM_THREADS", "1")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from compta_finetune.data import shipped_data_files  # noqa: E402
from compta_finetune.lab.experiments import labelled_subset  # noqa: E402
from compta_finetune.testing import build_tiny_camembert, build_tiny_phi  # noqa: E402

# After a full run under coverage with per-test contexts, write docs/_data/verified_by.json:
# which tests executed which lines of src/ (the site's « Vérifié par » notes).
pytest_plugins = ["_verified_by_plugin"]


# mutmut (`make mutation`) runs pytest several times in one process: transformers' log handler,
# created with the standard error that the first session captured, would write to (and flush) a
# stream closed by then (« Logging error » tracebacks in the messages the tests read). No test reads these logs
# (they never reach capsys): under mutmut they go to a stream that stays open.
class _Discard:
    """A stream that nothing closes: whatever is written goes nowhere."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


_MUTMUT_LOG_SINK = _Discard() if "MUTANT_UNDER_TEST" in os.environ else None


def _mutmut_durations() -> dict[str, float]:
    """Each test's duration as mutmut recorded it (``mutants/mutmut-stats.json``); empty outside mutmut."""
    import json

    stats = Path("mutmut-stats.json")  # mutmut runs the tests from mutants/
    if _MUTMUT_LOG_SINK is None or not stats.is_file():
        return {}
    return json.loads(stats.read_text(encoding="utf-8")).get("duration_by_test", {})


_MUTMUT_DURATIONS = _mutmut_durations()  # read once by mutmut's fork server, shared by every mutant's run


def pytest_collection_modifyitems(items):
    # mutmut runs each mutant's tests with -x (its first failing test kills it) in no useful order:
    # the quickest files first, a mutant dies in seconds rather than after the slow end-to-end
    # tests. Each file stays whole and in its order, so that its module fixtures are built once.
    if _MUTMUT_DURATIONS:
        seconds: dict[str, float] = {}
        for item in items:
            seconds[item.location[0]] = seconds.get(item.location[0], 0.0) + _MUTMUT_DURATIONS.get(item.nodeid, 0.0)
        items.sort(key=lambda item: seconds[item.location[0]])  # sort is stable: a file's order is kept
    else:
        # make pytest: each file goes whole to the next free worker, in this order (xdist's
        # --no-loadscope-reorder). The end-to-end files first, so that the quick ones fill the
        # gaps at the end and both workers finish together, not one waiting on a long last file.
        items.sort(key=lambda item: item.get_closest_marker("end_to_end") is None)


@pytest.fixture(autouse=True, scope="session")
def _library_logs_to_an_open_stream_under_mutmut():
    if _MUTMUT_LOG_SINK is not None:
        for handler in logging.getLogger("transformers").handlers:
            if type(handler) is logging.StreamHandler:  # transformers' own, not pytest's file handler
                # transformers also binds the handler's flush to the stderr of that moment.
                handler.stream, handler.flush = _MUTMUT_LOG_SINK, _MUTMUT_LOG_SINK.flush
    yield


@pytest.fixture(scope="session")
def tiny_camembert(tmp_path_factory) -> Path:
    """A tiny CamemBERT checkpoint (random weights, tokenizer trained on the corpus)."""
    return build_tiny_camembert(tmp_path_factory.mktemp("tiny-camembert"))


@pytest.fixture(scope="session")
def tiny_phi(tmp_path_factory) -> Path:
    """A tiny Phi checkpoint (random weights, byte-level BPE trained on the corpus, no pad token)."""
    return build_tiny_phi(tmp_path_factory.mktemp("tiny-phi"))


@pytest.fixture(scope="session")
def tiny_recipe_models(tiny_camembert, tiny_phi) -> dict[str, Path]:
    """Tiny checkpoints by recipe name."""
    return {"camembert": tiny_camembert, "phi2": tiny_phi}


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> dict[str, Path]:
    """A small stratified sample of the shipped corpus (train 12, validation 3, test 3 lines per account)."""
    directory = tmp_path_factory.mktemp("small-corpus")
    sizes = {"train": 12, "validation": 3, "test": 3}
    return {
        split: labelled_subset(path, directory / f"{split}.csv", sizes[split]) for split, path in shipped_data_files().items()
    }


@pytest.fixture(scope="session")
def fine_tuned_camembert(tiny_camembert, small_corpus, tmp_path_factory) -> Path:
    """A tiny CamemBERT fine-tuned by `finetune` for a few steps: a model directory for predict/evaluate paths."""
    from compta_finetune.training import FineTuningArguments, finetune

    output_dir = tmp_path_factory.mktemp("fine-tuned") / "model"
    finetune(FineTuningArguments(
        recipe="camembert", model=str(tiny_camembert), output_dir=str(output_dir), train_file=str(small_corpus["train"]),
        validation_file=str(small_corpus["validation"]), max_steps=4, learning_rate=2e-3, batch_size=32,
    ))  # fmt: skip
    return output_dir
