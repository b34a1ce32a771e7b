"""GPU benchmark: training throughput at camembert-base size in bf16, and Phi-2's peak memory, LoRA vs full.

No weights can be downloaded, so both models are the real classes at their published sizes
with random weights; throughput and memory do not depend on the values of the weights.

* CamemBERT: a ``CamembertForSequenceClassification`` of camembert-base's size (110 M parameters),
  fine-tuned for one epoch on the shipped corpus through the package's own training steps
  (``build_training_arguments`` turns bf16 on), three times; samples/s and the fraction of the
  GPU's peak dense bf16 FLOP/s (6 FLOP per parameter and token, embeddings excluded).
* Phi-2: a ``PhiForSequenceClassification`` of phi-2's size (2.7 B parameters), three AdamW steps
  on batches of 16 lines of 32 tokens; peak allocated memory with the recipe's LoRA (frozen
  weights in bf16) and with full fine-tuning (float32 weights, bf16 autocast).

Run on a machine with a CUDA GPU::

    python benchmarks/gpu_training.py --output benchmarks/gpu_results.json
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import statistics
import tempfile
import time
from datetime import datetime, timezone

import torch
import transformers
from transformers import CamembertForSequenceClassification, PhiForSequenceClassification

from compta_finetune.data import label_maps, load_invoice_dataset
from compta_finetune.lab.memory import GIB, camembert_base_config, estimate_memory, phi2_config
from compta_finetune.recipes.phi2 import lora_config
from compta_finetune.testing import french_training_texts, train_camembert_tokenizer
from compta_finetune.training import build_trainer, build_training_arguments, tokenize_dataset

# Dense bf16 tensor-core peaks from NVIDIA's data sheets, in FLOP/s.
PEAK_BF16_FLOPS = {"H100 80GB HBM3": 989e12, "H100 PCIe": 756e12, "H200": 989e12, "A100": 312e12}
"""H200 shares H100 SXM's compute; only its memory is larger and faster."""


def peak_flops(device_name: str) -> float | None:
    for name, flops in PEAK_BF16_FLOPS.items():
        if name in device_name:
            return flops
    return None


def camembert_training_throughput(repetitions: int = 3, batch_size: int = 32) -> dict:
    dataset = load_invoice_dataset()
    id2label, label2id = label_maps(dataset)
    tokenizer = train_camembert_tokenizer(french_training_texts(), vocab_size=8000)
    tokenized = tokenize_dataset(dataset, tokenizer)
    tokens = sum(len(ids) for ids in tokenized["train"]["input_ids"])
    runs = []
    for repetition in range(repetitions):
        config = camembert_base_config(num_labels=len(id2label))
        config.update({"id2label": id2label, "label2id": label2id, "pad_token_id": tokenizer.pad_token_id,
                       "bos_token_id": tokenizer.bos_token_id, "eos_token_id": tokenizer.eos_token_id})
        torch.manual_seed(repetition)
        model = CamembertForSequenceClassification(config)
        embeddings = sum(p.numel() for p in model.roberta.embeddings.parameters())
        non_embedding = sum(p.numel() for p in model.parameters()) - embeddings
        with tempfile.TemporaryDirectory() as output_dir:
            args = build_training_arguments(output_dir, batch_size=batch_size, epochs=1, evaluate=False)
            args.save_strategy = "no"
            trainer = build_trainer(model, tokenizer, tokenized, args)
            metrics = trainer.train().metrics
        runs.append(
            {
                "samples_per_second": metrics["train_samples_per_second"],
                "runtime_s": metrics["train_runtime"],
                "flops_per_second": 6 * non_embedding * tokens / metrics["train_runtime"],
            }
        )
        del model, trainer
        gc.collect()
        torch.cuda.empty_cache()
    peak = peak_flops(torch.cuda.get_device_name())
    median_flops = statistics.median(run["flops_per_second"] for run in runs)
    return {
        "model": "CamembertForSequenceClassification, camembert-base size, random weights",
        "bf16": bool(args.bf16),
        "batch_size": batch_size,
        "train_lines": tokenized["train"].num_rows,
        "train_tokens": tokens,
        "non_embedding_parameters": non_embedding,
        "runs": runs,
        "samples_per_second": statistics.median(run["samples_per_second"] for run in runs),
        "flops_per_second": median_flops,
        "peak_bf16_flops_per_second": peak,
        "fraction_of_peak": median_flops / peak if peak else None,
    }


def phi2_peak_memory(lora: bool, steps: int = 3, batch_size: int = 16, length: int = 32) -> dict:
    gc.collect()
    torch.cuda.empty_cache()
    torch.manual_seed(0)
    with torch.device("cuda"):
        model = PhiForSequenceClassification(phi2_config()).to(torch.bfloat16 if lora else torch.float32)
    # Random initialisation happens in float32; count from the model as it is loaded for training.
    torch.cuda.reset_peak_memory_stats()
    if lora:
        from peft import get_peft_model

        model = get_peft_model(model, lora_config())
        for parameter in model.parameters():
            if parameter.requires_grad:
                parameter.data = parameter.data.float()
    trainable = [p for p in model.parameters() if p.requires_grad]
    total = sum(p.numel() for p in model.parameters())
    optimizer = torch.optim.AdamW(trainable, lr=1e-4)
    input_ids = torch.randint(0, 50000, (batch_size, length), device="cuda")
    labels = torch.randint(0, 21, (batch_size,), device="cuda")
    start = time.perf_counter()
    for _ in range(steps):
        with torch.autocast("cuda", dtype=torch.bfloat16):
            loss = model(input_ids=input_ids, labels=labels).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
    torch.cuda.synchronize()
    trainable_count = sum(p.numel() for p in trainable)
    estimate = estimate_memory(total, trainable_count if lora else None)
    result = {
        "method": "lora" if lora else "full",
        "parameters": total,
        "trainable_parameters": trainable_count,
        "peak_allocated_gib": torch.cuda.max_memory_allocated() / GIB,
        "estimate_gib": estimate.total_gib,
        "seconds_per_step": (time.perf_counter() - start) / steps,
        "batch": [batch_size, length],
    }
    del model, optimizer, trainable
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="benchmarks/gpu_results.json")
    args = parser.parse_args()
    if not torch.cuda.is_available():
        raise SystemExit("No CUDA GPU: this benchmark measures GPU training only.")
    results = {
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "device": torch.cuda.get_device_name(),
        "versions": {"python": platform.python_version(), "torch": torch.__version__,
                     "transformers": transformers.__version__},
        "camembert_base_training": camembert_training_throughput(),
        "phi2_memory": [phi2_peak_memory(lora=True), phi2_peak_memory(lora=False)],
    }
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
