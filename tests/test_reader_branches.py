"""The file readers on the files firms really export: forced encodings, blank lines, FEC variants, bad amounts."""

import codecs
import csv

import pytest

from compta_finetune.data import ReadOptions, load_training_data, read_labelled_file, shipped_data_files
from compta_finetune.errors import DataError
from compta_finetune.readers import Table, decode, fec_lines, find_column, is_fec, parse_amount, parse_table, sniff_delimiter

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


def test_an_undecodable_file_is_named_with_the_byte_at_fault():
    with pytest.raises(DataError, match=r"^factures.csv, line 1: bytes that are not utf-8 \(b'\\xe9'\)\."):
        parse_table(b"caf\xe9;x\n", "factures.csv", encoding="utf-8")


def test_a_row_with_too_many_or_too_few_fields_gets_the_fix_for_its_case():
    with pytest.raises(DataError) as more:
        parse_table(b"text;label\nPapier; A4;6061\n", "f.csv")
    assert more.value.problem == "f.csv, line 2: 3 fields where the header has 2 (semicolon-separated)."
    assert more.value.fix == (
        'put the text between double quotes ("Papier A4, 5 ramettes"), as spreadsheets do, or remove the extra separator.'
    )
    with pytest.raises(DataError) as fewer:
        parse_table(b"text;label;amount\nPapier;6061\n", "f.csv")
    assert fewer.value.problem == "f.csv, line 2: 2 fields where the header has 3 (semicolon-separated)."
    assert fewer.value.fix == "fill in the missing fields of that line."


def test_a_tie_between_separators_is_left_to_the_csv_sniffer():
    """Split by ';' or by a tab, this header has 2 columns either way: csv.Sniffer decides (a tab)."""
    header = "Libellé;Compte\tMontant"
    assert sniff_delimiter(header) == csv.Sniffer().sniff(header, delimiters=";\t").delimiter == "\t"


def test_a_column_is_found_by_its_whole_name_even_behind_a_byte_order_mark():
    """A header read with encoding="utf-8" keeps the file's BOM on its first name."""
    assert find_column(["\ufeffLibellé", "Compte"], "libellé") == 0
    assert find_column(["XREF", "Compte"], "ref") is None


def test_line_breaks_are_read_as_the_file_has_them():
    """A CRLF inside a quoted cell stays CRLF; a file with old Mac line ends (CR only) is read line by line."""
    table = parse_table(b'text;label\r\n"ligne 1\r\nligne 2";6061\r\n', "f.csv")
    assert table.rows == [["ligne 1\r\nligne 2", "6061"]] and table.newline == "\r\n"
    mac = parse_table(b"text;label\rPapier A4;6061\rStylos;6064\r", "mac.csv")
    assert mac.rows == [["Papier A4", "6061"], ["Stylos", "6064"]] and mac.line_numbers == [2, 3]


def test_column_names_lose_a_repeated_byte_order_mark_and_nothing_else():
    """A file saved again by a tool that adds a BOM has two; a column name keeps its own first letters."""
    table = parse_table(codecs.BOM_UTF8 * 2 + b"Xref;label\nA1;6061\n", "f.csv")
    assert table.header == ["Xref", "label"] and table.bom


@pytest.mark.parametrize(
    "header", [["Date", "Libellé", "Debit", "Credit"], ["CompteNum", "EcritureLib", "Libellé"], ["Montant", "Sens", "EcritureLib"]]
)
def test_a_header_is_an_fec_only_with_its_account_its_text_and_its_amounts(header):
    assert not is_fec(header)
    assert is_fec([*header, "CompteNum", "EcritureLib", "Debit", "Credit"])


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


FIXED_ASSET_AND_EXPENSE = fec(
    "HA\tAchats\t7\t20240301\t21830000\tMateriel\t\t\tF1\t20240301\tPortable 14 pouces\t900,00\tD\t\t\t\t\t",
    "HA\tAchats\t8\t20240302\t60640000\tFournitures\t\t\tF2\t20240302\tRamettes papier A4\t120,00\tD\t\t\t\t\t",
    "HA\tAchats\t8\t20240302\t40100000\tFournisseurs\t401BUR\tBureau Plus\tF2\t20240302\tRamettes papier A4\t120,00\tC\t\t\t\t\t",
)


def test_an_fec_keeps_the_debit_lines_of_the_classes_asked(tmp_path):
    path = tmp_path / "FEC.txt"
    path.write_bytes(FIXED_ASSET_AND_EXPENSE)
    both = read_labelled_file(path)
    assert [row["label"] for row in both.rows] == ["2183", "6064"]
    expenses = read_labelled_file(path, ReadOptions(fec_classes=("6",)))
    assert [row["label"] for row in expenses.rows] == ["6064"]


def test_an_fec_with_its_text_column_named_is_read_as_a_plain_table(tmp_path):
    """--text-column EcritureLib --label-column CompteNum: every line, debit or credit, as written."""
    path = tmp_path / "FEC.txt"
    path.write_bytes(FIXED_ASSET_AND_EXPENSE)
    table = read_labelled_file(path, ReadOptions(text_column="EcritureLib", label_column="CompteNum"))
    assert [row["label"] for row in table.rows] == ["2183", "6064", "401"]
    assert not table.fec_summary


def test_messages_use_the_display_name(tmp_path):
    """Standard input is read from a temporary file, and named <stdin> in messages."""
    path = tmp_path / "tmp1234.csv"
    path.write_bytes(b"text;label\nPapier;6064;extra\n")
    with pytest.raises(DataError, match=r"^<stdin>, line 2: 3 fields"):
        read_labelled_file(path, display_name="<stdin>")
    with pytest.raises(DataError) as empty:
        read_labelled_file(path, display_name="<stdin>", table=Table(str(path), [], [], []))
    assert (empty.value.problem, empty.value.fix) == ("<stdin>: the file is empty.", "write a header line (text,label) and data lines.")


def test_an_fec_without_lines_of_the_classes_asked_is_named(tmp_path):
    path = tmp_path / "FEC.txt"
    path.write_bytes(fec("BQ\tBanque\t1\t20240301\t51200000\tBanque\t\t\tR1\t20240301\tVirement\t100,00\tD\t\t\t\t\t"))
    with pytest.raises(DataError, match=r"(?s)FEC with no debit line of classes 2, 6 .*--fec-classes"):
        read_labelled_file(path)


def test_csv_columns_asked_for_must_exist_and_the_supplier_joins_the_text(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text("text;label;fournisseur\nRamettes;6064;Bureau Plus\n", encoding="utf-8")
    with pytest.raises(DataError) as missing:
        read_labelled_file(path, ReadOptions(supplier_column="vendor"))
    assert missing.value.problem == f"{path}: no supplier column 'vendor' (columns found: text, label, fournisseur)."
    assert missing.value.fix == "name the column 'vendor', or pass its name with --supplier-column."
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
