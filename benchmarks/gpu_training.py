"""GPU benchmark: training throughput of camembert-base and Phi-2 on invoice lines, warm-up excluded.

No weights can be downloaded, so both models are the real classes at their published sizes
with random weights; throughput and memory do not depend on the values of the weights. The
lines are the shipped training split, tokenized by tokenizers trained here on it (a real
tokenizer cuts French lines into a similar number of pieces, within a few tokens).

* CamemBERT (``CamembertForSequenceClassification``, 110 M parameters): bf16 autocast on float32
  weights with fused AdamW, as the Trainer does with ``bf16=True``; batches of lines of similar
  length (length grouping), padded to a multiple of 8 tokens. Batch sizes 32 to 512 with SDPA
  attention, then, at the best batch size, eager attention and ``torch.compile``; then the
  package's own Trainer (``build_training_arguments`` + ``build_trainer``) at the package's default
  batch size and at the best one. Reported: lines/s, real (non-padding) tokens/s, and the
  fraction of the GPU's dense bf16 peak, counting 6 FLOP per non-embedding parameter and real
  token (attention's own FLOPs are negligible on lines of about 20 tokens).
* Phi-2 (``PhiForSequenceClassification``, 2.7 B parameters): the recipe's LoRA (frozen weights in
  bf16, float32 adapters) and full fine-tuning (float32 weights, bf16 autocast), at several batch
  sizes: lines/s, seconds per step and peak allocated memory.

Each measurement runs ``WARMUP`` steps first (CUDA context, cuBLAS heuristics, allocator,
compilation), then times ``STEPS`` steps between two ``torch.cuda.synchronize()``.

Run on a machine with a CUDA GPU::

    python benchmarks/gpu_training.py --output benchmarks/gpu_results.json
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import platform
import random
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import torch
import transformers
from transformers import CamembertForSequenceClassification, PhiForSequenceClassification

from compta_finetune.data import label_maps, load_invoice_dataset, shipped_data_files
from compta_finetune.lab.memory import GIB, camembert_base_config, estimate_memory, phi2_config
from compta_finetune.recipes.phi2 import lora_config
from compta_finetune.testing import train_camembert_tokenizer, train_phi_tokenizer
from compta_finetune.training import build_trainer, build_training_arguments, tokenize_dataset

# Dense bf16 tensor-core peaks from NVIDIA's data sheets, in FLOP/s.
PEAK_BF16_FLOPS = {"H100 80GB HBM3": 989e12, "H100 PCIe": 756e12, "H200": 989e12, "A100": 312e12}
"""H200 shares H100 SXM's compute; only its memory is larger and faster."""

WARMUP = 5
STEPS = 20


def peak_flops(device_name: str) -> float | None:
    for name, flops in PEAK_BF16_FLOPS.items():
        if name in device_name:
            return flops
    return None


def training_lines() -> tuple[list[str], list[int]]:
    """Texts and label ids of the shipped training split."""
    with open(shipped_data_files()["train"], encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    codes = sorted({row["label"] for row in rows})
    return [row["text"] for row in rows], [codes.index(row["label"]) for row in rows]


def grouped_batches(lengths: list[int], batch_size: int, seed: int = 0) -> list[list[int]]:
    """Batches of lines of similar length, in random order (the Trainer's length grouping, simplified)."""
    order = random.Random(seed)
    indices = list(range(len(lengths)))
    order.shuffle(indices)
    chunk = 50 * batch_size
    batches = []
    for start in range(0, len(indices), chunk):
        part = sorted(indices[start : start + chunk], key=lengths.__getitem__)
        batches += [part[i : i + batch_size] for i in range(0, len(part), batch_size)]
    order.shuffle(batches)
    return [batch for batch in batches if len(batch) == batch_size]


def to_tensors(encoded, labels, batch, pad_id):
    """One padded batch on the GPU, padded to a multiple of 8 tokens (tensor-core friendly shapes)."""
    length = -(-max(len(encoded[i]) for i in batch) // 8) * 8
    input_ids = torch.full((len(batch), length), pad_id, dtype=torch.long)
    attention_mask = torch.zeros((len(batch), length), dtype=torch.long)
    for row, index in enumerate(batch):
        ids = encoded[index]
        input_ids[row, : len(ids)] = torch.tensor(ids)
        attention_mask[row, : len(ids)] = 1
    return (
        input_ids.cuda(non_blocking=True),
        attention_mask.cuda(non_blocking=True),
        torch.tensor([labels[i] for i in batch]).cuda(non_blocking=True),
        int(attention_mask.sum()),  # counted on the CPU: no GPU sync inside the timed loop
    )


def time_steps(model, optimizer, encoded, labels, batches, pad_id, *, autocast: bool) -> dict:
    """Run WARMUP untimed steps, then time STEPS steps; lines, real tokens and seconds of the timed ones."""
    prepared = [to_tensors(encoded, labels, batch, pad_id) for batch in batches[: WARMUP + STEPS]]
    if len(prepared) < WARMUP + STEPS:  # few lines at a large batch size: cycle over them
        prepared = (prepared * (WARMUP + STEPS))[: WARMUP + STEPS]
    model.train()
    lines = tokens = 0
    torch.cuda.reset_peak_memory_stats()
    for step, (input_ids, attention_mask, batch_labels, real_tokens) in enumerate(prepared):
        if step == WARMUP:
            torch.cuda.synchronize()
            start = time.perf_counter()
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=autocast):
            loss = model(input_ids=input_ids, attention_mask=attention_mask, labels=batch_labels).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for p in model.parameters() if p.requires_grad], 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        if step >= WARMUP:
            lines += len(batch_labels)
            tokens += real_tokens
    torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    return {
        "lines_per_second": lines / seconds,
        "tokens_per_second": tokens / seconds,
        "seconds_per_step": seconds / STEPS,
        "peak_allocated_gib": torch.cuda.max_memory_allocated() / GIB,
    }


def free() -> None:
    """Return the memory of the models the caller has just deleted to the GPU."""
    gc.collect()
    torch.cuda.empty_cache()


def camembert_model(tokenizer, num_labels: int, attention: str):
    config = camembert_base_config(num_labels=num_labels)
    config.update({"pad_token_id": tokenizer.pad_token_id, "bos_token_id": tokenizer.bos_token_id,
                   "eos_token_id": tokenizer.eos_token_id})
    config._attn_implementation = attention
    torch.manual_seed(0)
    model = CamembertForSequenceClassification(config).cuda()
    embeddings = sum(p.numel() for p in model.roberta.embeddings.parameters())
    non_embedding = sum(p.numel() for p in model.parameters()) - embeddings
    return model, non_embedding


def camembert_throughput(batch_sizes=(32, 64, 128, 256, 512)) -> dict:
    texts, labels = training_lines()
    tokenizer = train_camembert_tokenizer(texts, vocab_size=8000)
    encoded = tokenizer(texts, truncation=True, max_length=128)["input_ids"]
    lengths = [len(ids) for ids in encoded]
    peak = peak_flops(torch.cuda.get_device_name())
    runs = []

    def measure(batch_size: int, attention: str = "sdpa", compiled: bool = False) -> dict:
        model, non_embedding = camembert_model(tokenizer, max(labels) + 1, attention)
        optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5, fused=True)
        step_model = torch.compile(model, dynamic=True) if compiled else model
        started = time.perf_counter()
        result = time_steps(step_model, optimizer, encoded, labels, grouped_batches(lengths, batch_size),
                            tokenizer.pad_token_id, autocast=True)
        flops = 6 * non_embedding * result["tokens_per_second"]
        result.update({"batch_size": batch_size, "attention": attention, "compiled": compiled,
                       "wall_seconds_with_warmup": time.perf_counter() - started,
                       "flops_per_second": flops, "fraction_of_peak": flops / peak if peak else None,
                       "non_embedding_parameters": non_embedding})
        print(json.dumps(result), flush=True)
        del model, optimizer, step_model
        free()
        return result

    for batch_size in batch_sizes:
        runs.append(measure(batch_size))
    best = max(runs, key=lambda run: run["tokens_per_second"])["batch_size"]
    runs.append(measure(best, attention="eager"))
    try:
        runs.append(measure(best, compiled=True))
    except Exception as error:  # noqa: BLE001 - a compiler failure is a result to report, not a crash
        runs.append({"batch_size": best, "compiled": True, "error": f"{type(error).__name__}: {error}"[:300]})
    trainer_runs = [package_trainer_throughput(tokenizer, size, peak) for size in sorted({16, best})]
    return {
        "model": "CamembertForSequenceClassification, camembert-base size, random weights",
        "train_lines": len(texts),
        "mean_tokens_per_line": sum(lengths) / len(lengths),
        "peak_bf16_flops_per_second": peak,
        "runs": runs,
        "best_batch_size": best,
        "trainer_runs": trainer_runs,
    }


def package_trainer_throughput(tokenizer, batch_size: int, peak: float | None) -> dict:
    """One epoch through the package's own Trainer (bf16, length grouping), timed by the Trainer itself.

    The Trainer's ``train_runtime`` includes its first steps (warm-up): one epoch of the shipped
    corpus is long enough at small batch sizes for it to matter little; it is reported as is.
    """
    dataset = load_invoice_dataset()
    id2label, label2id = label_maps(dataset)
    tokenized = tokenize_dataset(dataset, tokenizer)
    tokens = sum(len(ids) for ids in tokenized["train"]["input_ids"])
    model, non_embedding = camembert_model(tokenizer, len(id2label), "sdpa")
    with tempfile.TemporaryDirectory() as output_dir:
        args = build_training_arguments(output_dir, batch_size=batch_size, epochs=1, evaluate=False,
                                        progress_bars=False)
        args.save_strategy = "no"
        args.logging_strategy = "no"
        trainer = build_trainer(model, tokenizer, tokenized, args)
        metrics = trainer.train().metrics
    flops = 6 * non_embedding * tokens / metrics["train_runtime"]
    result = {"batch_size": batch_size, "bf16": bool(args.bf16),
              "lines_per_second": metrics["train_samples_per_second"],
              "tokens_per_second": tokens / metrics["train_runtime"], "runtime_s": metrics["train_runtime"],
              "fraction_of_peak": flops / peak if peak else None}
    print(json.dumps(result), flush=True)
    del model, trainer
    free()
    return result


def phi2_throughput(lora: bool, batch_sizes) -> list[dict]:
    texts, labels = training_lines()
    tokenizer = train_phi_tokenizer(texts, vocab_size=8000)
    encoded = tokenizer(texts, truncation=True, max_length=128)["input_ids"]
    lengths = [len(ids) for ids in encoded]
    results = []
    for batch_size in batch_sizes:
        free()
        torch.manual_seed(0)
        config = phi2_config(num_labels=max(labels) + 1)
        config.pad_token_id = tokenizer.eos_token_id
        with torch.device("cuda"):
            model = PhiForSequenceClassification(config).to(torch.bfloat16 if lora else torch.float32)
        if lora:
            from peft import get_peft_model

            model = get_peft_model(model, lora_config())
            for parameter in model.parameters():
                if parameter.requires_grad:
                    parameter.data = parameter.data.float()
        trainable = [p for p in model.parameters() if p.requires_grad]
        total = sum(p.numel() for p in model.parameters())
        trainable_count = sum(p.numel() for p in trainable)
        optimizer = torch.optim.AdamW(trainable, lr=1e-4, fused=True)
        try:
            result = time_steps(model, optimizer, encoded, labels, grouped_batches(lengths, batch_size),
                                tokenizer.eos_token_id, autocast=True)
        except torch.cuda.OutOfMemoryError:
            result = {"error": "out of memory"}
        result.update({"method": "lora" if lora else "full", "batch_size": batch_size, "parameters": total,
                       "trainable_parameters": trainable_count,
                       "estimate_gib_before_activations": estimate_memory(total, trainable_count if lora else None).total_gib})
        print(json.dumps(result), flush=True)
        results.append(result)
        del model, optimizer, trainable
        free()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="benchmarks/gpu_results.json")
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("No CUDA GPU: this benchmark measures GPU training only.")
    started = time.perf_counter()
    results = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "device": torch.cuda.get_device_name(),
        "versions": {"python": platform.python_version(), "torch": torch.__version__,
                     "transformers": transformers.__version__},
        "method": {"warmup_steps": WARMUP, "timed_steps": STEPS},
        "camembert_base_training": camembert_throughput(),
        "phi2_training": phi2_throughput(lora=True, batch_sizes=(16, 64, 256))
        + phi2_throughput(lora=False, batch_sizes=(16, 64)),
    }
    results["seconds"] = time.perf_counter() - started
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.output} in {results['seconds']:.0f} s")


if __name__ == "__main__":
    main()
