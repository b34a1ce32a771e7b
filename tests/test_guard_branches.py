"""The model-folder guards, one refusal at a time, in process: each names the file and the problem."""

import hashlib
import json
import math
import re
import struct
from types import SimpleNamespace

import pytest
import torch

from compta_finetune.errors import ModelError, TrainingError
from compta_finetune.guards import (
    BASE_MODEL_RECORD,
    StopOnNonFinite,
    check_base_model,
    check_checkpoint,
    check_no_custom_code,
    _safetensors_problem,
    check_weights,
    clamp_max_length,
    model_max_length,
    record_base_model,
)


def safetensors_bytes(header) -> bytes:
    encoded = json.dumps(header).encode() if not isinstance(header, bytes) else header
    return struct.pack("<Q", len(encoded)) + encoded


def test_a_config_that_is_not_json_or_not_an_object_is_named(tmp_path):
    (tmp_path / "config.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(ModelError, match=r"config.json cannot be read"):
        check_no_custom_code(tmp_path)
    (tmp_path / "config.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ModelError, match=r"config.json is not a JSON object"):
        check_no_custom_code(tmp_path)


def test_custom_code_named_in_nested_auto_map_entries(tmp_path):
    # transformers' auto_map values may be lists (a tokenizer's slow and fast classes).
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "camembert"}), encoding="utf-8")
    (tmp_path / "tokenizer_config.json").write_text(
        json.dumps({"auto_map": {"AutoTokenizer": ["evil_tok.Slow", None], "AutoModel": "evil_fast.Fast"}}), encoding="utf-8"
    )  # a tokenizer without a fast class has None in its pair
    with pytest.raises(ModelError, match=r"tokenizer_config.json asks to run Python code .*\(auto_map: evil_fast, evil_tok\)\."):
        check_no_custom_code(tmp_path)


def test_a_tokenizer_folder_without_config_is_checked_too(tmp_path):
    # A tokenizer saved alone has no config.json: its tokenizer_config.json is still read.
    (tmp_path / "tokenizer_config.json").write_text(json.dumps({"auto_map": {"AutoTokenizer": ["evil_tok.Slow", None]}}), encoding="utf-8")
    with pytest.raises(ModelError, match=r"tokenizer_config.json asks to run Python code .*\(auto_map: evil_tok\)\."):
        check_no_custom_code(tmp_path)


def test_an_auto_map_without_a_module_name_is_still_refused(tmp_path):
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "camembert", "auto_map": {"AutoModel": [None]}}), encoding="utf-8")
    with pytest.raises(ModelError, match=r"config.json asks to run Python code shipped with the model \(auto_map: \?\)\."):
        check_no_custom_code(tmp_path)


def test_a_missing_folder_has_no_weights_to_check(tmp_path):
    assert check_weights(tmp_path / "absent") is None


@pytest.mark.parametrize(
    "content, problem",
    [
        (struct.pack("<Q", 10_000) + b"{}", "truncated (its header is cut)"),
        (safetensors_bytes(b"not json at all"), "not a safetensors file (its header is not JSON)"),
        (safetensors_bytes([1, 2]), "not a safetensors file"),
    ],
)
def test_damaged_safetensors_headers_are_named(tmp_path, content, problem):
    (tmp_path / "model.safetensors").write_bytes(content)
    with pytest.raises(ModelError, match=re.escape(f"model.safetensors is damaged: {problem}.")):
        check_weights(tmp_path)


def test_a_hub_base_model_gets_no_record_and_no_check(tmp_path):
    record_base_model(tmp_path, "microsoft/phi-2")
    assert not (tmp_path / BASE_MODEL_RECORD).exists()
    assert check_base_model(tmp_path, "microsoft/phi-2") is None


def test_a_local_base_model_without_record_is_accepted_and_a_changed_one_refused(tmp_path):
    base, adapters = tmp_path / "base", tmp_path / "adapters"
    base.mkdir(), adapters.mkdir()
    (base / "model.safetensors").write_bytes(safetensors_bytes({}))
    assert check_base_model(adapters, base) is None  # adapters from before the record existed
    record_base_model(adapters, base)
    record = json.loads((adapters / BASE_MODEL_RECORD).read_text(encoding="utf-8"))
    assert record == {"base_model": str(base.resolve()), "weights_sha256": hashlib.sha256(safetensors_bytes({})).hexdigest()}
    assert check_base_model(adapters, base) is None
    (base / "model.safetensors").write_bytes(safetensors_bytes({"__metadata__": {"changed": "yes"}}))
    with pytest.raises(ModelError, match="has changed since the LoRA adapters"):
        check_base_model(adapters, base)
    with pytest.raises(ModelError, match="which no longer exists"):
        check_base_model(adapters, tmp_path / "moved")


@pytest.mark.parametrize("state", [{"python": 1}, {"cpu": 1}, [1, 2]])
def test_a_checkpoint_with_a_foreign_random_state_is_refused(tmp_path, state):
    torch.save(state, tmp_path / "rng_state.pth")  # readable, but not the Trainer's
    with pytest.raises(ModelError, match=r"rng_state.pth is not a random-number state saved by the Trainer") as error:
        check_checkpoint(tmp_path)
    assert error.value.fix == (
        f"delete {tmp_path} to resume from the checkpoint before it, or run again with --overwrite to start over."
    )


def test_a_checkpoint_with_damaged_weights_is_refused(tmp_path):
    torch.save({"python": 1, "cpu": torch.zeros(1)}, tmp_path / "rng_state.pth")
    check_checkpoint(tmp_path)  # a state the Trainer could have written: accepted
    (tmp_path / "model.safetensors").write_bytes(struct.pack("<Q", 99))
    with pytest.raises(ModelError, match=r"model.safetensors is damaged: truncated") as error:
        check_checkpoint(tmp_path)
    assert error.value.fix.startswith(f"delete {tmp_path} to resume from the checkpoint before it")


def test_max_length_comes_from_positions_and_a_real_tokenizer_limit():
    camembert = SimpleNamespace(config=SimpleNamespace(max_position_embeddings=514, pad_token_id=1, model_type="camembert"))
    phi = SimpleNamespace(config=SimpleNamespace(max_position_embeddings=2048, pad_token_id=None, model_type="phi"))
    unlimited = SimpleNamespace(model_max_length=int(1e30))  # transformers' "no limit" value
    assert model_max_length(camembert, unlimited) == 512  # RoBERTa-style positions start after the padding id
    assert model_max_length(phi, SimpleNamespace(model_max_length=100)) == 100
    assert model_max_length(SimpleNamespace(), unlimited) is None
    with pytest.warns(UserWarning, match="--max-length 4096 is more than the model reads .2048 tokens."):
        assert clamp_max_length(4096, phi, unlimited) == 2048
    assert clamp_max_length(64, phi, unlimited) == 64


@pytest.mark.parametrize(
    "model_type, pad_token_id, positions, tokenizer_limit, expected",
    [
        ("roberta", 1, 514, None, 512),  # positions numbered from padding id + 1
        ("xlm-roberta", 1, 514, None, 512),
        ("camembert", 0, 514, None, 513),  # a padding id of 0 still shifts positions by one
        ("camembert", None, 514, None, 513),
        ("phi", None, 2048, None, 2048),  # numbered from 0
        ("phi", None, 2048, 1, 1),  # the smallest real limit a tokenizer can have
        ("phi", None, 2048, 0, 2048),  # 0, or transformers' « no limit » of 10**30, is not a limit
        ("phi", None, 2_000_000, 1_000_000, 2_000_000),
        ("phi", None, 2048, 999_999, 2048),
    ],
)
def test_what_a_model_reads_counts_its_position_offset_and_real_tokenizer_limits(model_type, pad_token_id, positions, tokenizer_limit, expected):
    config = SimpleNamespace(model_type=model_type, pad_token_id=pad_token_id, max_position_embeddings=positions)
    tokenizer = object() if tokenizer_limit is None else SimpleNamespace(model_max_length=tokenizer_limit)
    assert model_max_length(SimpleNamespace(config=config), tokenizer) == expected


def test_safetensors_files_are_measured_against_their_header(tmp_path):
    def problem(content: bytes):
        (tmp_path / "w.safetensors").write_bytes(content)
        return _safetensors_problem(tmp_path / "w.safetensors")

    tensor = {"w": {"dtype": "F32", "shape": [25], "data_offsets": [0, 100]}}
    whole = safetensors_bytes(tensor) + bytes(100)
    assert problem(whole) is None
    assert problem(safetensors_bytes({"__metadata__": {"format": "pt"}})) is None  # no tensor at all
    assert problem(whole[:-10]) == f"truncated ({len(whole) - 10:,} bytes where its header announces {len(whole):,})"
    assert problem(b"\xff" * 8 + b"{}" * 10) == "truncated (its header is cut)"  # a length beyond 2**63
    assert problem(struct.pack("<Q", 15) + b"{}" * 6) == "truncated (its header is cut)"  # 15 bytes announced, 12 there


def test_non_finite_gradients_and_logged_losses_stop_training():
    callback = StopOnNonFinite()
    state = SimpleNamespace(global_step=6)
    good, bad = torch.nn.Linear(2, 2), torch.nn.Linear(2, 2)
    for layer, value in ((good, 1.0), (bad, math.nan)):
        for parameter in layer.parameters():
            parameter.grad = torch.full_like(parameter, value)
    args = SimpleNamespace(learning_rate=1e-3)
    callback.on_pre_optimizer_step(args, state, None, model=good)
    with pytest.raises(TrainingError, match="training diverged at step 7"):
        callback.on_pre_optimizer_step(args, state, None, model=bad)
    callback.on_evaluate(args, state, None, metrics={"eval_loss": 2.0, "eval_macro_f1": math.nan})  # only losses count
    with pytest.raises(TrainingError, match="training diverged at step 6: the validation loss is nan"):
        callback.on_evaluate(args, state, None, metrics={"eval_loss": math.nan})
    callback.on_log(args, state, None, logs={"loss": 1.5, "learning_rate": 1e-3})
    with pytest.raises(TrainingError, match="training diverged at step 6: the grad norm is inf"):
        callback.on_log(args, state, None, logs={"loss": 1.5, "grad_norm": math.inf})


@pytest.mark.parametrize("base", ["./moved-away", "~/no-such-compta-finetune-base", "models/phi/base", "/no/such/base"])
def test_a_local_base_model_that_is_gone_is_named_with_the_fix(tmp_path, monkeypatch, base):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ModelError) as error:
        check_base_model(tmp_path, base)
    assert error.value.problem == f"{tmp_path} holds LoRA adapters for the base model {base}, which no longer exists."
    assert error.value.fix == "put the base model back at that path (the adapters are trained for its weights), or train again."


def test_a_changed_base_model_is_named_with_the_fix(tmp_path):
    base, adapters = tmp_path / "base", tmp_path / "adapters"
    base.mkdir(), adapters.mkdir()
    (base / "model.safetensors").write_bytes(safetensors_bytes({}))
    record_base_model(adapters, base)
    (base / "model.safetensors").write_bytes(safetensors_bytes({"__metadata__": {}}))
    with pytest.raises(ModelError) as error:
        check_base_model(adapters, base)
    assert error.value.problem == (
        f"the base model {base} has changed since the LoRA adapters of {adapters} were trained on it (its weights "
        "differ): the adapters would be applied to weights they were not trained for."
    )
    assert error.value.fix == "restore the base model the adapters were trained on, or train the adapters again on this one."
