import argparse

import datasets
import numpy as np
import torch
from peft import LoraConfig, TaskType, get_peft_model
from sklearn.metrics import accuracy_score, f1_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding, Trainer, TrainingArguments

parser = argparse.ArgumentParser()
parser.add_argument("--model", default="microsoft/phi-2")
parser.add_argument("--train-file", default="train.csv")
parser.add_argument("--validation-file", default="validation.csv")
args = parser.parse_args()

model_name = args.model
data = datasets.load_dataset("csv", data_files={"train": args.train_file, "validation": args.validation_file},
                             features=datasets.Features({"text": datasets.Value("string"), "label": datasets.Value("string")}))
codes = sorted(set(data["train"]["label"]) | set(data["validation"]["label"]))
data = data.cast_column("label", datasets.ClassLabel(names=codes))
tokenizer = AutoTokenizer.from_pretrained(model_name)
tokenizer.pad_token = tokenizer.eos_token
bf16 = torch.cuda.is_available() and torch.cuda.is_bf16_supported()
model = AutoModelForSequenceClassification.from_pretrained(model_name, num_labels=len(codes), dtype=torch.bfloat16 if bf16 else torch.float32,
                                                           id2label=dict(enumerate(codes)), label2id={c: i for i, c in enumerate(codes)})
model.config.pad_token_id = tokenizer.pad_token_id
model = get_peft_model(model, LoraConfig(task_type=TaskType.SEQ_CLS, r=16, lora_alpha=32, target_modules=["q_proj", "k_proj", "v_proj", "dense"]))
for parameter in model.parameters():
    if parameter.requires_grad:
        parameter.data = parameter.data.float()

def preprocess_function(examples):
    return tokenizer(examples['text'], truncation=True, max_length=128)

data = data.map(preprocess_function, batched=True, remove_columns=["text"])

def compute_metrics(eval_pred):
    predictions = np.argmax(eval_pred.predictions, axis=-1)
    return {"accuracy": accuracy_score(eval_pred.label_ids, predictions),
            "macro_f1": f1_score(eval_pred.label_ids, predictions, average="macro")}

training_args = TrainingArguments(
    output_dir="./results_phi2",
    eval_strategy="epoch",
    learning_rate=2e-4,
    bf16=bf16,
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
model.merge_and_unload().save_pretrained("./results_phi2/final")
tokenizer.save_pretrained("./results_phi2/final")
