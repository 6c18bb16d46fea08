"""The shipped data files read as tables: every row has exactly the header's columns (a comma in
an unquoted text would shift the rest of the row into the wrong columns, silently)."""

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "src" / "nettonoll" / "calc" / "data"


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.csv")), ids=lambda p: p.name)
def test_every_row_has_the_headers_columns(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;")
    rows = list(csv.reader(text.splitlines(), dialect))
    width = len(rows[0])
    wrong = [(number, len(row)) for number, row in enumerate(rows, 1) if row and len(row) != width]
    assert wrong == []
