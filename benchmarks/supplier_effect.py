"""Does the supplier help? The calibrated TF-IDF baseline with and without the supplier before the text.

The corpus has no supplier column: each line gets a supplier drawn, with a fixed seed, from the
short per-account lists of :data:`compta_finetune.samples.SUPPLIERS` (a few suppliers sell to
several accounts), as in an FEC where ``CompAuxLib`` names the supplier. Train, validation and
test lines are drawn independently, so the test suppliers are ones seen in training: the
setting where a firm's suppliers repeat. The gain measured here is that of synthetic suppliers,
which are more tied to their accounts than a real firm's: read it as an upper bound.

    .venv/bin/python benchmarks/supplier_effect.py
"""

import json
import random

from compta_finetune.lab.baseline import build_baseline
from compta_finetune.calibration import classifier_calibration_report
from compta_finetune.data import load_invoice_dataset, with_supplier
from compta_finetune.samples import supplier_of


def main() -> None:
    corpus = load_invoice_dataset()
    splits = {}
    for offset, split in enumerate(("train", "validation", "test")):
        rng = random.Random(offset)
        codes = [corpus[split].features["label"].int2str(i) for i in corpus[split]["label"]]
        suppliers = [supplier_of(code, rng) for code in codes]
        splits[split] = (corpus[split]["text"], codes, suppliers)
    results = {}
    for name, use in (("text only", False), ("supplier | text", True)):
        def lines(split):
            texts, codes, suppliers = splits[split]
            return [with_supplier(t, s) if use else t for t, s in zip(texts, suppliers)], codes

        baseline = build_baseline().fit(*lines("train"))
        report = classifier_calibration_report(baseline, lines("validation"), lines("test"), threshold=0.9)
        texts, codes = lines("test")
        accuracy = sum(p == c for p, c in zip(baseline.predict(texts), codes)) / len(codes)
        results[name] = {
            "test_accuracy": round(accuracy, 4),
            "auto_coverage": round(report["calibrated"]["auto"]["coverage"], 4),
            "auto_accuracy": round(report["calibrated"]["auto"]["accuracy"], 4),
            "ece_calibrated": report["calibrated"]["ece"],
        }
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
