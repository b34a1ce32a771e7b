"""Fast inference: one tokenizer call, length-sorted batches under inference mode, results in input order."""

import pytest
import torch

from compta_finetune.data import load_account_labels, read_invoice_csv, shipped_data_files
from compta_finetune.errors import ModelError
from compta_finetune.inference import load_for_inference, predict
from compta_finetune.recipes.camembert import load_model_and_tokenizer


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """One thread for these tiny models: on a busy 2-core machine, two threads can wait on each other for seconds."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def saved_classifier(tiny_camembert, tmp_path_factory):
    """The tiny CamemBERT with a (random) head for the 21 accounts, saved as `train` saves a model."""
    accounts = list(load_account_labels())
    id2label = dict(enumerate(accounts))
    torch.manual_seed(0)
    model, tokenizer = load_model_and_tokenizer(str(tiny_camembert), id2label, {code: i for i, code in id2label.items()})
    directory = tmp_path_factory.mktemp("classifier")
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


@pytest.fixture(scope="module")
def classifier(saved_classifier):
    return load_for_inference(saved_classifier)


class CountingTokenizer:
    """Counts the calls of the tokenizer's batch API; everything else goes to the real tokenizer."""

    def __init__(self, tokenizer):
        self.tokenizer, self.calls = tokenizer, []

    def __call__(self, texts, **options):
        self.calls.append(len(texts))
        return self.tokenizer(texts, **options)

    def __getattr__(self, name):
        return getattr(self.tokenizer, name)


def test_predictions_come_back_in_input_order(classifier):
    model, tokenizer = classifier
    # Lengths in no order, so that sorting by length really reorders them.
    texts = [row["text"] for row in read_invoice_csv(shipped_data_files()["test"], require_label=False)[:40]]
    texts = sorted(texts, key=lambda text: hash(text) % 7) + ["Loyer " * 30, "Poste"]
    counting = CountingTokenizer(tokenizer)
    batched = predict(model, counting, texts, batch_size=8, top_k=3)
    one_by_one = [predict(model, tokenizer, [text], batch_size=1, top_k=3)[0] for text in texts]
    assert counting.calls == [len(texts)]  # one call of the batch API for all the texts
    assert len(batched) == len(texts)
    accounts = set(load_account_labels())
    for got, expected in zip(batched, one_by_one):
        assert [label for label, _ in got] == [label for label, _ in expected]
        assert [score for _, score in got] == pytest.approx([score for _, score in expected], abs=1e-5)
        assert {label for label, _ in got} <= accounts
        scores = [score for _, score in got]
        assert scores == sorted(scores, reverse=True) and 0 < sum(scores) <= 1 + 1e-6


def test_batches_are_sorted_by_length_and_run_in_inference_mode(classifier):
    model, tokenizer = classifier
    texts = ["Frais de port " * n for n in (9, 1, 5, 3, 12, 2, 7, 4)]
    seen = []

    def record(module, args, kwargs):
        seen.append((kwargs["input_ids"].shape, torch.is_inference_mode_enabled()))

    handle = model.register_forward_pre_hook(record, with_kwargs=True)
    try:
        predict(model, tokenizer, texts, batch_size=3)
    finally:
        handle.remove()
    assert [shape[0] for shape, _ in seen] == [3, 3, 2]
    lengths = [shape[1] for shape, _ in seen]
    assert lengths == sorted(lengths) and lengths[0] < lengths[-1]  # short lines are not padded to long ones
    assert all(inference for _, inference in seen)


def test_a_line_of_100000_characters_is_truncated_not_fatal(classifier):
    model, tokenizer = classifier
    huge = "Abonnement fibre optique " * 4000
    assert len(huge) == 100_000
    (top,) = predict(model, tokenizer, [huge], top_k=2)
    assert len(top) == 2 and top[0][0] in load_account_labels()


def test_top_k_above_the_number_of_accounts_gives_them_all(classifier):
    model, tokenizer = classifier
    (top,) = predict(model, tokenizer, ["Timbres"], top_k=100)
    assert sorted(label for label, _ in top) == sorted(load_account_labels())
    assert sum(score for _, score in top) == pytest.approx(1.0, abs=1e-5)


def test_no_text_gives_no_prediction(classifier):
    assert predict(*classifier, []) == []


def test_saved_model_reloads_with_its_labels_and_predicts_the_same(saved_classifier, classifier):
    model, tokenizer = classifier
    reloaded, reloaded_tokenizer = load_for_inference(saved_classifier)
    assert reloaded.config.id2label == model.config.id2label
    assert not reloaded.training
    texts = ["Ramette papier A4", "Billet de train Paris Lyon"]
    assert predict(reloaded, reloaded_tokenizer, texts, top_k=2) == predict(model, tokenizer, texts, top_k=2)


def test_a_directory_without_a_model_is_refused(tmp_path):
    with pytest.raises(ModelError, match="not a fine-tuned model directory"):
        load_for_inference(tmp_path)
    with pytest.raises(ModelError, match="not a fine-tuned model directory"):
        load_for_inference(tmp_path / "missing")
