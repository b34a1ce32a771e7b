"""Load a firm's own books as a labelled dataset: an FEC export, or a CSV saved by a spreadsheet.

Run it on your file::

    python -m compta_finetune.examples.load_your_books FEC.txt
    python -m compta_finetune.examples.load_your_books ecritures.csv --text-column Libellé --label-column Compte
"""

import argparse

from compta_finetune.accounts import libelle
from compta_finetune.data import ReadOptions, label_maps, load_training_data


def load_books(path, text_column="text", label_column="label", account_digits=None):
    """Read the file (separator, encoding and FEC detected), normalise its accounts, and return the dataset and label maps."""
    options = ReadOptions(text_column=text_column, label_column=label_column, account_digits=account_digits)
    data = load_training_data({"train": path}, options=options)
    for line in data.report_lines():
        print(line)
    id2label, label2id = label_maps(data.dataset)
    return data.dataset, id2label, label2id


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="an FEC export or a CSV file of labelled lines")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--label-column", default="label")
    arguments = parser.parse_args()
    dataset, id2label, _ = load_books(arguments.path, arguments.text_column, arguments.label_column)
    print(dataset)
    for code in id2label.values():
        print(code, libelle(code))


if __name__ == "__main__":
    main()
