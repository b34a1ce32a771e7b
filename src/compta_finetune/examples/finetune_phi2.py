"""Fine-tune Phi-2 with LoRA to classify French invoice lines into PCG accounts.

The corrected version of the original document's Phi-2 code, on current transformers: the
real hub id, a padding token, and LoRA adapters instead of updating 2.7 billion weights. By
default it downloads ``microsoft/phi-2`` (5.6 GB); ``--model`` takes a local directory.

    python -m compta_finetune.examples.finetune_phi2 --output-dir results_phi2
"""

import argparse
import json

from compta_finetune.data import label_maps, load_invoice_dataset
from compta_finetune.recipes.phi2 import LEARNING_RATE, MODEL_NAME, load_model_and_tokenizer
from compta_finetune.training import build_trainer, build_training_arguments, save_atomically, tokenize_dataset


def main(argv=None):
    parser = argparse.ArgumentParser(description="Fine-tune Phi-2 with LoRA on invoice lines.")
    parser.add_argument("--model", default=MODEL_NAME, help="hub id or local directory")
    parser.add_argument("--output-dir", default="results_phi2")
    parser.add_argument("--epochs", type=float, default=3)
    parser.add_argument("--learning-rate", type=float, default=LEARNING_RATE)
    parser.add_argument("--no-lora", dest="lora", action="store_false", help="train all 2.7 B weights")
    args = parser.parse_args(argv)

    dataset = load_invoice_dataset()
    id2label, label2id = label_maps(dataset)

    # Sets the padding token on the tokenizer and the model config, then wraps the model in LoRA.
    model, tokenizer = load_model_and_tokenizer(args.model, id2label, label2id, lora=args.lora)
    if args.lora:
        model.print_trainable_parameters()
    tokenized = tokenize_dataset(dataset, tokenizer)

    training_args = build_training_arguments(
        f"{args.output_dir}.checkpoints",
        learning_rate=args.learning_rate,
        batch_size=16,
        epochs=args.epochs,
        weight_decay=0.01,
    )
    trainer = build_trainer(model, tokenizer, tokenized, training_args)
    trainer.train()

    metrics = trainer.evaluate(tokenized["test"], metric_key_prefix="test")
    # With LoRA, only the adapters and the classification head are saved (about 40 MB for Phi-2).
    save_atomically(trainer, args.output_dir, results=metrics)
    print(json.dumps(metrics, indent=2))
    return metrics


if __name__ == "__main__":
    main()
