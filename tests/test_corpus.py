"""Tests of the shipped invoice-line corpus and of its generator."""

from __future__ import annotations

import csv
import pickle
import re
from collections import Counter, defaultdict

import pytest

from compta_corpus import (
    DEFAULT_SEED,
    CorpusLine,
    corpus_statistics,
    generate_corpus,
    load_corpus,
    normalize_text,
    write_corpus,
)
from compta_corpus.generator import DATA_DIR, LABELS_PATH, SPLITS, TEMPLATES, VARIANTS, label_codes
from compta_corpus.profiles import SKEWED_PROFILE, SKEWED_RANKING, imbalance_ratio
from compta_corpus.vocabulary import ACCOUNTS
from compta_finetune.data import shipped_data_files

SPLIT_NAMES = [name for name, _ in SPLITS]


@pytest.fixture(scope="module")
def corpus():
    return generate_corpus()


@pytest.fixture(scope="module")
def labels():
    with open(LABELS_PATH, encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


def all_lines(corpus):
    return [line for name in SPLIT_NAMES for line in corpus[name]]


# -- normalisation -----------------------------------------------------------


def test_normalize_text_lowercases_strips_accents_digits_and_spaces():
    assert normalize_text("  ÉLECTRICITÉ   Mars 2024\t12,50 € ") == "electricite mars 0 0,0 €"
    assert normalize_text("Qté 12 x Ramette A4") == normalize_text("qte 3 x ramette a5")
    assert normalize_text("Café") != normalize_text("Cafés")


# -- shipped files -----------------------------------------------------------


def test_shipped_files_equal_fresh_generation(tmp_path):
    paths = write_corpus(tmp_path)
    assert sorted(paths) == sorted(SPLIT_NAMES)
    for name, path in paths.items():
        assert path == tmp_path / f"{name}.csv"
        assert path.read_bytes() == (DATA_DIR / f"{name}.csv").read_bytes(), name


@pytest.mark.parametrize("name", SPLIT_NAMES)
def test_shipped_file_format(name):
    raw = (DATA_DIR / f"{name}.csv").read_bytes()
    content = raw.decode("utf-8")  # strict: raises on invalid UTF-8
    assert not content.startswith("\ufeff")
    assert content.startswith("text,label\n")
    assert "\r" not in content
    assert content.endswith("\n")
    rows = list(csv.reader(content.splitlines(keepends=True)))
    assert rows[0] == ["text", "label"]
    for row in rows[1:]:
        assert len(row) == 2
        text, label = row
        assert text.strip() == text and text
        assert "\n" not in text
        assert re.fullmatch(r"\d{3,4}", label)


def test_load_corpus_reads_back_the_generated_corpus(corpus):
    loaded = load_corpus()
    assert {name: [tuple(line) for line in corpus[name]] for name in SPLIT_NAMES} == loaded


# -- sizes and labels --------------------------------------------------------


def test_sizes(corpus, labels):
    total = sum(len(corpus[name]) for name in SPLIT_NAMES)
    assert total >= 6000
    train_counts = Counter(label for _, label in corpus["train"])
    assert set(train_counts) == set(labels)
    assert min(train_counts.values()) >= 150
    for name in SPLIT_NAMES:
        assert {label for _, label in corpus[name]} == set(labels), name


def test_labels_come_from_labels_csv(corpus, labels):
    assert len(labels) == 21
    assert set(label_codes()) == set(labels) == set(ACCOUNTS)
    assert {label for _, label in all_lines(corpus)} <= set(labels)


def test_splits_are_stratified(corpus, labels):
    per_label = Counter(label for _, label in all_lines(corpus))
    for name, fraction in SPLITS:
        counts = Counter(label for _, label in corpus[name])
        for label in labels:
            assert abs(counts[label] - fraction * per_label[label]) <= 1, (name, label)


def test_no_normalized_text_in_two_splits_nor_twice_in_a_split(corpus):
    seen: dict[str, str] = {}
    for name in SPLIT_NAMES:
        for text, _ in corpus[name]:
            key = normalize_text(text)
            assert key not in seen, (text, name, seen.get(key))
            seen[key] = name


# -- determinism -------------------------------------------------------------


def test_generation_is_deterministic(corpus):
    again = generate_corpus(DEFAULT_SEED)
    for name in SPLIT_NAMES:
        assert list(map(tuple, again[name])) == list(map(tuple, corpus[name]))
        assert [line.vendor for line in again[name]] == [line.vendor for line in corpus[name]]


def test_another_seed_gives_another_corpus(corpus):
    other = generate_corpus(DEFAULT_SEED + 1)
    texts = {text for text, _ in all_lines(corpus)}
    other_texts = {text for text, _ in all_lines(other)}
    assert len(other_texts) == len(texts)
    # Short lines such as a bare item name can recur, but most lines differ.
    assert len(texts & other_texts) < 0.2 * len(texts)


# -- statistics and variety --------------------------------------------------


def test_statistics_counts_are_plausible(corpus, labels):
    stats = corpus_statistics(corpus)
    assert stats["lines_per_split"] == {name: len(corpus[name]) for name in SPLIT_NAMES}
    assert stats["total_lines"] == sum(stats["lines_per_split"].values())
    assert stats["lines_per_label"]["train"] == dict(sorted(Counter(l for _, l in corpus["train"]).items()))
    assert stats["distinct_labels"] == len(labels)
    assert stats["lines_without_metadata"] == 0
    # Real variety, measured on the lines themselves.
    assert stats["distinct_vendors"] >= 500
    assert min(stats["vendors_per_label"].values()) >= 15
    assert stats["vendors_shared_across_labels"] >= 50
    assert 0.2 <= stats["lines_with_vendor"] / stats["total_lines"] <= 0.6
    assert stats["distinct_structures"] >= 45
    assert stats["distinct_structures"] <= len(TEMPLATES)
    assert min(stats["structures_per_label"].values()) >= 40
    assert stats["min_labels_per_structure"] >= 10


def test_statistics_of_csv_rows_use_generation_metadata(corpus):
    from_files = corpus_statistics(load_corpus())
    from_generation = corpus_statistics(corpus)
    assert from_files == from_generation


def test_vendor_counts_match_the_text(corpus):
    lines = all_lines(corpus)
    with_vendor = [line for line in lines if line.vendor is not None]
    assert with_vendor
    # The canonical name or one of its printed forms appears in the line.
    from compta_corpus.vendors import VENDORS

    forms: dict[str, set[str]] = defaultdict(set)
    for vendor in VENDORS.values():
        forms[vendor.canonical].update(normalize_text(form) for form in vendor.forms)
    found = sum(any(form[:6] in normalize_text(line.text) for form in forms[line.vendor]) for line in with_vendor)
    # Typos and truncation may hide a few names.
    assert found >= 0.9 * len(with_vendor)


def test_line_structure_does_not_give_the_label(corpus):
    by_structure: dict[str, Counter] = defaultdict(Counter)
    for line in corpus["train"]:
        by_structure[line.structure][line.label] += 1
    hits = sum(by_structure[line.structure].most_common(1)[0][0] == line.label for line in corpus["test"])
    # 21 balanced classes: chance is about 4.8 %.
    assert hits / len(corpus["test"]) < 0.12


@pytest.mark.parametrize(
    ("vendor", "expected"),
    [
        ("Amazon Business", {"6064", "2183", "6063", "601"}),
        ("Bureau Vallée", {"6064", "2183", "626"}),
        ("Orange", {"626", "651"}),
        ("Leroy Merlin", {"6063", "601"}),
        ("Novotel", {"6251", "6257"}),
        ("Metro", {"601", "607"}),
        ("Kiloutou", {"6135"}),
    ],
)
def test_ambiguous_vendors_are_named_under_several_accounts(corpus, vendor, expected):
    seen = {line.label for line in all_lines(corpus) if line.vendor == vendor}
    assert expected <= seen, (vendor, seen)


@pytest.mark.parametrize(
    ("vendor_key", "accounts"),
    [
        ("amazon", {"2183", "2184", "601", "6063", "6064", "607", "6181", "624"}),
        ("bureauvallee", {"2183", "2184", "6063", "6064", "624", "626"}),
        ("orange", {"2183", "616", "626"}),
        ("orange_soft", {"651"}),
        ("leroymerlin", {"601", "6063", "615", "624"}),
        ("novotel", {"6251", "6257"}),
        ("kiloutou", {"6135"}),
        ("nexity", {"6132"}),
    ],
)
def test_vocabulary_registers_ambiguous_vendors_under_several_accounts(vendor_key, accounts):
    registered = {code for code, items in ACCOUNTS.items() for item in items if vendor_key in item.vendors}
    assert registered == accounts


@pytest.mark.parametrize(
    ("pattern", "label"),
    [
        (r"\bgoogle ads\b", "623"),
        (r"\bramettes?\b", "6064"),
        (r"\b(?:indemnites|frais) kilometriques\b", "6251"),
        (r"\bmicrosoft 0\b", "651"),
        (r"\bhonoraires\b", "6226"),
        (r"\bcotisation carte\b", "627"),
        (r"\bloyer (?:bureaux|commercial)\b", "6132"),
        (r"\bnuitee\b", "6251"),
    ],
)
def test_unambiguous_keywords_map_to_their_account(corpus, pattern, label):
    matches = [line for line in all_lines(corpus) if re.search(pattern, normalize_text(line.text))]
    assert len(matches) >= 3, pattern
    assert {line.label for line in matches} == {label}


def test_lines_look_like_invoice_lines(corpus):
    texts = [text for text, _ in all_lines(corpus)]
    total = len(texts)

    def share(predicate):
        return sum(1 for text in texts if predicate(text)) / total

    assert 0.05 <= share(lambda t: t.isupper()) <= 0.35
    assert share(lambda t: re.search(r"\d,\d\d ?(?:€|EUR|euros)|€ ?\d", t, re.IGNORECASE) is not None) >= 0.10
    assert share(lambda t: re.search(r"\b(?:HT|H\.T\.|TTC)\b", t, re.IGNORECASE) is not None) >= 0.08
    assert share(lambda t: re.search(r"\bTVA\b", t, re.IGNORECASE) is not None) >= 0.04
    assert share(lambda t: re.search(r"\d{2}/\d{2}/\d{2,4}|\bT[1-4] 20\d\d\b", t) is not None) >= 0.08
    assert share(lambda t: re.search(r"\b(?:ABT|FORF\.|PREST\.|MAINT\.|QTE|RÉF\.|REF\.?|N°)", t, re.IGNORECASE) is not None) >= 0.05
    quantity = r"\bx ?\d+\b|\b\d+ ?x\b|\bq(?:te|té)\b ?:? ?\d|\b\d+(?:,\d+)? ?(?:u|kWh|h|m³|m3|L|kg|t|jours|nuits|licences|couverts|ex\.)(?=\W|$)"
    assert share(lambda t: re.search(quantity, t, re.IGNORECASE) is not None) >= 0.10
    lengths = sorted(len(text) for text in texts)
    assert lengths[0] >= 3 and lengths[len(lengths) // 2] >= 25 and lengths[-1] <= 250


# -- data structures -----------------------------------------------------------


def test_corpus_line_behaves_like_a_pair(corpus):
    line = corpus["train"][0]
    assert isinstance(line, CorpusLine)
    text, label = line
    assert line == (text, label)
    assert (line.text, line.label) == (text, label)
    assert hash(line) == hash((text, label))
    copy = pickle.loads(pickle.dumps(line))
    assert copy == line and copy.vendor == line.vendor and copy.structure == line.structure


# -- skewed variant -------------------------------------------------------------


@pytest.fixture(scope="module")
def skewed_corpus():
    return generate_corpus(DEFAULT_SEED, SKEWED_PROFILE)


def test_shipped_skewed_files_equal_fresh_generation(tmp_path):
    directory, profile = VARIANTS["skewed"]
    paths = write_corpus(tmp_path, lines_per_account=profile)
    for name, path in paths.items():
        assert path.read_bytes() == (directory / f"{name}.csv").read_bytes(), name
    assert shipped_data_files("skewed") == {name: directory / f"{name}.csv" for name in SPLIT_NAMES}


def test_skewed_profile_is_a_zipf_law_over_every_account(labels):
    assert sorted(SKEWED_RANKING) == sorted(labels)
    assert list(SKEWED_PROFILE) == list(SKEWED_RANKING)
    counts = list(SKEWED_PROFILE.values())
    assert counts == sorted(counts, reverse=True)
    assert imbalance_ratio(SKEWED_PROFILE) >= 20
    for rank, count in enumerate(counts, start=1):
        assert count == round(counts[0] / rank)


def test_skewed_corpus_follows_the_profile_split_70_15_15(skewed_corpus, labels):
    per_label = Counter(label for name in SPLIT_NAMES for _, label in skewed_corpus[name])
    assert dict(per_label) == SKEWED_PROFILE
    for name, fraction in SPLITS:
        counts = Counter(label for _, label in skewed_corpus[name])
        assert set(counts) == set(labels), name  # even the rarest account is in every split
        for label in labels:
            assert abs(counts[label] - fraction * per_label[label]) <= 1, (name, label)
    train = Counter(label for _, label in skewed_corpus["train"])
    assert max(train.values()) / min(train.values()) >= 20


def test_skewed_corpus_has_no_line_in_two_splits(skewed_corpus):
    seen: dict[str, str] = {}
    for name in SPLIT_NAMES:
        for text, _ in skewed_corpus[name]:
            key = normalize_text(text)
            assert key not in seen, (text, name, seen.get(key))
            seen[key] = name


def test_balanced_variant_is_the_default_and_unchanged(corpus):
    assert VARIANTS["balanced"] == (DATA_DIR, None)
    assert generate_corpus(DEFAULT_SEED, None)["train"] == corpus["train"]


def test_statistics_of_the_skewed_csv_rows_find_their_metadata():
    stats = corpus_statistics(load_corpus(VARIANTS["skewed"][0]))
    assert stats["lines_without_metadata"] == 0
    assert stats["lines_per_label"]["train"]["6251"] >= 20 * stats["lines_per_label"]["train"]["2184"]
