"""Reading CSV and XLSX as Swedish Excel writes them; writing exports that cannot run formulas."""

import io

import openpyxl
import pytest

from nettonoll.calc.problems import Rejected
from nettonoll.common.tabular import neutralise, read_table, write_csv, write_xlsx

COLUMNS = ("code", "name")


def test_semicolon_windows_1252_csv_is_read_with_swedish_letters() -> None:
    data = "code;name\r\nA;Östersunds sjukhus\r\nB;Måltidsservice\r\n".encode("cp1252")
    table = read_table(data, "träd.csv", required=COLUMNS)
    assert [r.values["name"] for r in table.rows] == ["Östersunds sjukhus", "Måltidsservice"]


def test_comma_utf8_csv_with_bom_and_quoted_comma() -> None:
    data = '\ufeffcode,name\nKSM,"Krisberedskap, säkerhet och miljö"\n'.encode()
    table = read_table(data, "x.csv", required=COLUMNS)
    assert table.rows[0].values == {"code": "KSM", "name": "Krisberedskap, säkerhet och miljö"}


def test_line_numbers_are_those_a_spreadsheet_shows_even_after_blank_lines() -> None:
    data = b"code,name\nA,a\n\nB,b\n"
    table = read_table(data, "x.csv", required=COLUMNS)
    assert [r.line for r in table.rows] == [2, 4]


def test_xlsx_is_recognised_by_content_and_numbers_become_text() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Code", "Name"])
    sheet.append([101, "Kost"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "utan-ändelse", required=COLUMNS)
    assert table.rows[0].values == {"code": "101", "name": "Kost"}
    assert table.rows[0].line == 2


def test_missing_columns_are_named_in_swedish() -> None:
    with pytest.raises(Rejected) as caught:
        read_table(b"code;namn\nA;a\n", "x.csv", required=COLUMNS)
    assert "rad 1" in str(caught.value)
    assert "kolumner saknas: name" in str(caught.value)


def test_a_file_named_xlsx_that_is_not_a_workbook_is_refused() -> None:
    with pytest.raises(Rejected, match="ingen XLSX"):
        read_table(b"code,name\n", "fil.xlsx", required=COLUMNS)


def test_binary_junk_is_refused() -> None:
    with pytest.raises(Rejected, match="inte en textfil"):
        read_table(b"\x00\x01\x02code", "x.csv", required=COLUMNS)


@pytest.mark.parametrize("value", ["=1+1", "+46", "-2", "@SUM(A1)"])
def test_exported_cells_that_look_like_formulas_are_neutralised(value: str) -> None:
    assert neutralise(value) == "'" + value
    text = write_csv(["a"], [[value]]).decode("utf-8-sig")
    assert f"'{value}" in text
    workbook = openpyxl.load_workbook(io.BytesIO(write_xlsx(["a"], [[value]], title="t")))
    assert workbook.active is not None
    assert workbook.active["A2"].value == "'" + value
