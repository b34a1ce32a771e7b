import argparse

import datasets
import numpy as np
from sklearn.metrics import accuracy_score, f1_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding, Trainer, TrainingArguments

parser = argparse.ArgumentParser()
parser.add_argument("--model", default="almanach/camembert-base")
parser.add_argument("--train-file", default="train.csv")
parser.add_argument("--validation-file", default="validation.csv")
args = parser.parse_args()

model_name = args.model
data = datasets.load_dataset("csv", data_files={"train": args.train_file, "validation": args.validation_file},
                             features=datasets.Features({"text": datasets.Value("string"), "label": datasets.Value("string")}))
codes = sorted(set(data["train"]["label"]) | set(data["validation"]["label"]))
data = data.cast_column("label", datasets.ClassLabel(names=codes))
tokenizer = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=len(codes),
                                                           id2label=dict(enumerate(codes)), label2id={c: i for i, c in enumerate(codes)})

def preprocess_function(examples):
    return tokenizer(examples['text'], truncation=True, max_length=128)

data = data.map(preprocess_function, batched=True, remove_columns=["text"])

def compute_metrics(eval_pred):
    predictions = np.argmax(eval_pred.predictions, axis=-1)
    return {"accuracy": accuracy_score(eval_pred.label_ids, predictions),
            "macro_f1": f1_score(eval_pred.label_ids, predictions, average="macro")}

training_args = TrainingArguments(
    output_dir="./results_camembert",
    eval_strategy="epoch",
    learning_rate=2e-5,
    per_device_train_batch_size=16,
    num_train_epochs=3,
    weight_decay=0.01,
)

trainer = Trainer(
    model=model,
    args=training_args,
    train_dataset=data["train"],
    eval_dataset=data["validation"],
    processing_class=tokenizer,
    data_collator=DataCollatorWithPadding(tokenizer),
    compute_metrics=compute_metrics,
)

trainer.train()
trainer.save_model("./results_camembert/final")
