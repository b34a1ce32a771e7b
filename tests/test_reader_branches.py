"""The file readers on the files firms really export: forced encodings, blank lines, FEC variants, bad amounts."""

import codecs

import pytest

from compta_finetune.data import ReadOptions, load_training_data, read_labelled_file, shipped_data_files
from compta_finetune.errors import DataError
from compta_finetune.readers import decode, fec_lines, parse_amount, parse_table

FEC_HEADER = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\tPieceRef\t"
    "PieceDate\tEcritureLib\tMontant\tSens\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise"
)


def fec(*rows: str) -> bytes:
    return "\n".join([FEC_HEADER, *rows]).encode("utf-8") + b"\n"


def test_a_forced_utf8_encoding_drops_the_byte_order_mark():
    assert decode(codecs.BOM_UTF8 + "Libellé".encode(), "f.csv", "utf-8") == ("Libellé", "utf-8", True)
    with pytest.raises(DataError, match=r"f.csv, line 2: bytes that are not utf-8"):
        decode("a\n".encode() + "é".encode("cp1252"), "f.csv", "utf-8")


def test_blank_lines_inside_a_file_are_skipped_and_line_numbers_stay_true():
    table = parse_table(b"text;label\nPapier;6064\n\n;\nLoyer;6132\n", "f.csv")
    assert table.rows == [["Papier", "6064"], ["Loyer", "6132"]] and table.line_numbers == [2, 5]


def test_amounts_that_are_not_numbers_are_named():
    assert parse_amount("\u202f1\u00a0234,50") == 1234.5
    with pytest.raises(ValueError, match="'12,5 EUR' is not an amount"):
        parse_amount("12,5 EUR")


def test_an_fec_with_amount_and_direction_columns_keeps_its_debit_lines():
    table = parse_table(
        fec(
            "HA\tAchats\t7\t20240301\t60640000\tFournitures\t\t\tF1\t20240301\tRamettes papier A4\t120,00\tD\t\t\t\t\t",
            "HA\tAchats\t7\t20240301\t40100000\tFournisseurs\t401BUR\tBureau Plus\tF1\t20240301\tRamettes papier A4\t120,00\tC\t\t\t\t\t",
            "HA\tAchats\t8\t20240302\t60640000\tFournitures\t\t\tAV1\t20240302\tAvoir ramettes\t30,00\tC\t\t\t\t\t",
            "HA\tAchats\t9\t20240303\t62600000\tTelecom\t\t\tF2\t20240303\t\t40,00\tD\t\t\t\t\t",
        ),
        "FEC.txt",
    )
    selection = fec_lines(table)
    assert [(row["text"], row["label"], row["supplier"]) for row in selection.rows] == [
        ("Ramettes papier A4", "60640000", "Bureau Plus")
    ]
    assert selection.left_out == {
        "of class 4": 1,
        "credit or zero amount in the kept classes": 1,
        "without EcritureLib": 1,
    }
    bad = parse_table(fec("HA\tAchats\t7\t20240301\t60640000\tF\t\t\tF1\t20240301\tRamettes\tcent\tD\t\t\t\t\t"), "FEC.txt")
    with pytest.raises(DataError, match=r"FEC.txt, line 2: 'cent' is not an amount"):
        fec_lines(bad)


def test_an_fec_without_lines_of_the_classes_asked_is_named(tmp_path):
    path = tmp_path / "FEC.txt"
    path.write_bytes(fec("BQ\tBanque\t1\t20240301\t51200000\tBanque\t\t\tR1\t20240301\tVirement\t100,00\tD\t\t\t\t\t"))
    with pytest.raises(DataError, match=r"(?s)FEC with no debit line of classes 2, 6 .*--fec-classes"):
        read_labelled_file(path)


def test_csv_columns_asked_for_must_exist_and_the_supplier_joins_the_text(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("text;label;fournisseur\nRamettes;6064;Bureau Plus\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"--supplier-column"):
        read_labelled_file(path, ReadOptions(supplier_column="vendor"))
    rows = read_labelled_file(path, ReadOptions(supplier_column="fournisseur")).rows
    assert rows[0]["supplier"] == "Bureau Plus" and rows[0]["text"].endswith("| Ramettes")
    assert "supplier" not in read_labelled_file(path, ReadOptions(supplier_column="fournisseur", use_supplier=False)).rows[0]


def test_an_empty_file_and_an_unknown_corpus_variant_are_named(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(DataError, match="empty"):
        read_labelled_file(path)
    with pytest.raises(ValueError, match="unknown corpus variant 'big'; choose one of balanced, skewed"):
        shipped_data_files("big")


def test_evaluation_files_alone_get_their_own_label_set_and_a_training_label_must_be_known(tmp_path):
    test = tmp_path / "test.csv"
    test.write_text("text,label\nPapier,6064\nLoyer,6132\n", encoding="utf-8")
    data = load_training_data({"test": test})
    assert data.dataset["test"].features["label"].names == ["6064", "6132"]
    train = tmp_path / "train.csv"
    train.write_text("text,label\nPapier,6064\nPrime,616\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"train.csv, line 3: unknown label '616'"):
        load_training_data({"train": train}, labels=["6064", "6132"])


def test_fec_directions_spaces_suppliers_and_reasons_are_read_as_accountants_write_them():
    table = parse_table(
        fec(
            # One entry, two supplier lines: the first supplier names the entry.
            "HA\tAchats\t1\t20240301\t6064 0000\tFournitures\t\t\tF1\t20240301\tRamettes\t10,00\t+1\t\t\t\t\t",
            "HA\tAchats\t1\t20240301\t40100000\tFournisseurs\t401A\tBureau Plus\tF1\t20240301\tRamettes\t10,00\tC\t\t\t\t\t",
            "HA\tAchats\t1\t20240301\t40100000\tFournisseurs\t401B\tAutre\tF1\t20240301\tRamettes\t0,00\tC\t\t\t\t\t",
            "HA\tAchats\t2\t20240302\t62600000\tTelecom\t\t\tF2\t20240302\tForfait\t5,00\t1\t\t\t\t\t",  # no supplier line
            "HA\tAchats\t3\t20240303\t60640000\tF\t\t\tF3\t20240303\tAvoir\t0,00\tD\t\t\t\t\t",
            "HA\tAchats\t4\t20240304\t60640000\tF\t\t\tF4\t20240304\tCentimes\t0,50\tD\t\t\t\t\t",
            "HA\tAchats\t5\t20240305\t60640000\tF\t\t\tF5\t20240305\tRemise\t3,00\tC\t\t\t\t\t",
            "HA\tAchats\t6\t20240306\t\tF\t\t\tF6\t20240306\tSans compte\t3,00\tD\t\t\t\t\t",
            "HA\tAchats\t7\t20240307\t60640000\tF\t\t\tF7\t20240307\t\t3,00\tD\t\t\t\t\t",
            "HA\tAchats\t8\t20240308\t60640000\tF\t\t\tF8\t20240308\t\t4,00\tD\t\t\t\t\t",
        ),
        "FEC.txt",
    )
    selection = fec_lines(table)
    assert [(row["text"], row["label"], row["supplier"]) for row in selection.rows] == [
        ("Ramettes", "60640000", "Bureau Plus"),  # '+1' is a debit; spaces inside the account are dropped
        ("Forfait", "62600000", ""),  # '1' is a debit; an entry without a supplier line gives none
        ("Centimes", "60640000", ""),  # any positive amount counts, even under 1
    ]
    assert selection.left_out == {
        "of class 4": 2,
        "credit or zero amount in the kept classes": 2,
        "without account": 1,
        "without EcritureLib": 2,
    }
    assert selection.summary(["2", "6"]) == (
        "FEC: 10 lines; 3 debit lines of classes 2, 6 kept; lines left out: 2 of class 4, "
        "2 credit or zero amount in the kept classes, 2 without EcritureLib, 1 without account."
    )
    assert fec_lines(parse_table(fec(), "FEC.txt")).summary(["6"]) == "FEC: 0 lines; 0 debit lines of classes 6 kept."


def test_a_bad_fec_amount_names_the_line_and_the_fix():
    bad = parse_table(fec("HA\tAchats\t7\t20240301\t60640000\tF\t\t\tF1\t20240301\tRamettes\tcent\tD\t\t\t\t\t"), "FEC.txt")
    with pytest.raises(DataError) as error:
        fec_lines(bad)
    assert (error.value.problem, error.value.fix) == (
        "FEC.txt, line 2: 'cent' is not an amount.",
        "write amounts like 1234,56 (decimal comma or point).",
    )


def test_a_debit_credit_fec_subtracts_the_credit():
    header = FEC_HEADER.replace("Montant\tSens", "Debit\tCredit")
    raw = "\n".join([header, "HA\tAchats\t1\t20240301\t60640000\tF\t\t\tF1\t20240301\tRamettes\t10,00\t4,00\t\t\t\t\t",
                     "HA\tAchats\t2\t20240301\t60640000\tF\t\t\tF2\t20240301\tAvoir\t4,00\t10,00\t\t\t\t\t"]).encode() + b"\n"
    selection = fec_lines(parse_table(raw, "FEC.txt"))
    assert [row["text"] for row in selection.rows] == ["Ramettes"]
    assert selection.left_out == {"credit or zero amount in the kept classes": 1}


def test_prediction_texts_of_an_fec_carry_the_supplier_and_of_a_csv_only_when_asked():
    from compta_finetune.cli import _prediction_texts

    table = parse_table(
        fec(
            "HA\tAchats\t1\t20240301\t60640000\tF\t\t\tF1\t20240301\tRamettes\t10,00\tD\t\t\t\t\t",
            "HA\tAchats\t1\t20240301\t40100000\tF\t401A\tBureau Plus\tF1\t20240301\tRamettes\t10,00\tC\t\t\t\t\t",
        ),
        "FEC.txt",
    )
    assert _prediction_texts(table, None) == (["Ramettes", "Bureau Plus | Ramettes"], "EcritureLib")
    assert _prediction_texts(table, ReadOptions(use_supplier=False)) == (["Ramettes", "Ramettes"], "EcritureLib")
    csv_table = parse_table(b"Libelle;Fournisseur\nToner;Bureau Plus\n", "lignes.csv")
    assert _prediction_texts(csv_table, ReadOptions(text_column="libelle")) == (["Toner"], "Libelle")
    assert _prediction_texts(csv_table, ReadOptions(text_column="libelle", supplier_column="fournisseur")) == (
        ["Bureau Plus | Toner"],
        "Libelle",
    )


@pytest.mark.parametrize(
    "raw, problem, fix",
    [
        (b"text\nToner\n  \nPapier\n", None, None),  # a blank line is skipped, not an empty text
        (b"text,label\nToner,6064\n,6064\n", "lignes.csv, line 3: empty text.", "remove the line or fill in its text."),
        (b"text,label\n", "lignes.csv: the file has a header but no data line.", "add invoice lines under the header."),
        (b"colonne\nToner\n", "lignes.csv: no text column 'text' (columns found: colonne).", "name the column 'text', or pass its name with --text-column."),
    ],
)
def test_prediction_texts_name_the_problem_and_the_fix(raw, problem, fix):
    from compta_finetune.cli import _prediction_texts

    table = parse_table(raw, "lignes.csv")
    if problem is None:
        assert _prediction_texts(table, None)[0] == ["Toner", "Papier"]
        return
    with pytest.raises(DataError) as error:
        _prediction_texts(table, None)
    assert (error.value.problem, error.value.fix) == (problem, fix)
