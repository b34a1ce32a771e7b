"""Fine-tune CamemBERT to classify French invoice lines into PCG accounts.

The corrected version of the original document's CamemBERT code, on current transformers.
By default it downloads ``almanach/camembert-base``; ``--model`` takes a local directory.

    python -m compta_finetune.examples.finetune_camembert --output-dir results_camembert
"""

import argparse
import json

from compta_finetune.data import label_maps, load_invoice_dataset
from compta_finetune.recipes.camembert import LEARNING_RATE, MODEL_NAME, load_model_and_tokenizer
from compta_finetune.training import build_trainer, build_training_arguments, save_atomically, tokenize_dataset


def main(argv=None):
    parser = argparse.ArgumentParser(description="Fine-tune CamemBERT on invoice lines.")
    parser.add_argument("--model", default=MODEL_NAME, help="hub id or local directory")
    parser.add_argument("--output-dir", default="results_camembert")
    parser.add_argument("--epochs", type=float, default=3)
    parser.add_argument("--learning-rate", type=float, default=LEARNING_RATE)
    args = parser.parse_args(argv)

    # Train, validation and test splits of the shipped corpus; labels are PCG account codes.
    dataset = load_invoice_dataset()
    id2label, label2id = label_maps(dataset)

    model, tokenizer = load_model_and_tokenizer(args.model, id2label, label2id)
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
    save_atomically(trainer, args.output_dir, results=metrics)
    print(json.dumps(metrics, indent=2))
    return metrics


if __name__ == "__main__":
    main()
