"""Memory estimates follow the documented bytes per parameter and the real parameter counts."""

import pytest

from compta_finetune.lab.memory import GIB, estimate_memory, memory_table


def test_full_fine_tuning_costs_18_bytes_per_parameter():
    estimate = estimate_memory(2_000_000)
    assert estimate.total == 18 * 2_000_000
    assert (estimate.weights, estimate.gradients, estimate.optimizer) == (12_000_000, 8_000_000, 16_000_000)


def test_qlora_stores_frozen_weights_in_half_a_byte():
    estimate = estimate_memory(1_000_000, 1_000, frozen_dtype="nf4")
    assert estimate.method == "qlora"
    assert estimate.total == pytest.approx(999_000 * 0.5 + 1_000 * 18)


def test_table_matches_the_models_sizes_and_the_gpus_that_fit():
    rows = {(row["model"], row["method"]): row for row in memory_table()}
    phi_full = rows[("microsoft/phi-2", "full")]
    assert 2.6e9 < phi_full["parameters"] < 2.8e9
    assert 40 < phi_full["total_gib"] < 50  # the "about 50 GB" of the recipe's docstring
    assert "T4" not in phi_full["fits"] and "H100" in phi_full["fits"]
    phi_lora = rows[("microsoft/phi-2", "lora")]
    assert phi_lora["trainable"] < 0.01 * phi_lora["parameters"]
    assert phi_lora["total_gib"] * GIB < phi_full["total_gib"] * GIB / 5
    assert 105e6 < rows[("almanach/camembert-base", "full")]["parameters"] < 115e6
    assert rows[("microsoft/phi-2", "qlora")]["total_gib"] < phi_lora["total_gib"]
