"""Swedish (and English) texts for the problem codes `calc` reports.

`calc` has no Django and so no gettext; it reports codes with parameters, and these templates turn
them into the line-numbered messages users read. The Django layer shows the same texts.
"""

from dataclasses import dataclass, field

TEMPLATES_SV = {
    "columns_missing": "kolumner saknas: {missing}",
    "value_missing": "värde saknas",
    "quantity_invalid": "mängden {value!r} är inget tal",
    "quantity_negative": "mängden {value} är negativ",
    "period_invalid": "perioden {value!r} kan inte läsas (skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)",
    "unit_missing": "enheten saknas",
    "unit_unknown": "okänd enhet {unit!r}",
    "unit_mismatch": "enheten {unit!r} kan inte räknas om till faktorns enhet {target!r}",
    "category_unknown": "okänd kategori {category!r} (ingen emissionsfaktor)",
    "factor_missing_for_year": (
        "ingen emissionsfaktor för {category!r} år {year} (första år: {first_year})"
    ),
    "factor_unit_invalid": "faktorns enhet {unit!r} ska vara g, kg eller t CO2e per enhet",
    "factor_row_invalid": "raden kan inte läsas: {detail}",
    "scope_invalid": "scope {scope} ska vara 1, 2 eller 3",
    "file_empty": "filen innehåller inga rader under rubrikraden",
    "file_blank": "filen är tom",
    "mapping_unknown": "okänd kolumnmall {name!r} (finns: {known})",
    "mapping_value_unknown": "värdet {value!r} finns inte i kolumnmallen (kända: {known})",
    "account_range_invalid": "kontointervallet kan inte läsas ({value!r})",
    "value_line_invalid": "raden {value!r} ska vara värde;kategori",
    "file_already_imported": (
        "samma fil ({filename}) importerades redan {date}; välj att ersätta den tidigare "
        "importen om du vill läsa in den igen"
    ),
    "file_unreadable": "filen är inte en CSV- eller XLSX-fil som går att läsa",
    "org_unit_unknown": "okänd enhet {org_unit!r} i organisationen",
    "more_lines": "{message} (och {more} rader till med samma fel)",
}
TEMPLATES_EN = {
    "columns_missing": "columns missing: {missing}",
    "value_missing": "value missing",
    "quantity_invalid": "the quantity {value!r} is not a number",
    "quantity_negative": "the quantity {value} is negative",
    "period_invalid": "the period {value!r} cannot be read (write YYYY, YYYY-MM or YYYY-MM-DD)",
    "unit_missing": "the unit is missing",
    "unit_unknown": "unknown unit {unit!r}",
    "unit_mismatch": "the unit {unit!r} cannot be converted to the factor's unit {target!r}",
    "category_unknown": "unknown category {category!r} (no emission factor)",
    "factor_missing_for_year": (
        "no emission factor for {category!r} in {year} (first year: {first_year})"
    ),
    "factor_unit_invalid": "the factor's unit {unit!r} must be g, kg or t CO2e per unit",
    "factor_row_invalid": "the line cannot be read: {detail}",
    "scope_invalid": "scope {scope} must be 1, 2 or 3",
    "file_empty": "the file has no lines below the header line",
    "file_blank": "the file is empty",
    "mapping_unknown": "unknown column mapping {name!r} (available: {known})",
    "mapping_value_unknown": "the value {value!r} is not in the column mapping (known: {known})",
    "account_range_invalid": "the account range cannot be read ({value!r})",
    "value_line_invalid": "the line {value!r} must be value;category",
    "file_already_imported": (
        "the same file ({filename}) was imported on {date}; choose to replace the earlier "
        "import to read it again"
    ),
    "file_unreadable": "the file is not a readable CSV or XLSX file",
    "org_unit_unknown": "unknown unit {org_unit!r} in the organisation",
    "more_lines": "{message} (and {more} more lines with the same error)",
}
LINE_SV, COLUMN_SV = "rad {line}", ", kolumn {column}"
LINE_EN, COLUMN_EN = "line {line}", ", column {column}"


@dataclass(frozen=True)
class Problem:
    """A problem at a line (0: the file as a whole), maybe a column, with a code and parameters."""

    line: int
    code: str
    column: str = ""
    params: dict[str, object] = field(default_factory=dict)
    more: int = 0  # further lines with the same problem

    def text(self, language: str = "sv") -> str:
        templates = TEMPLATES_EN if language.startswith("en") else TEMPLATES_SV
        message = templates[self.code].format(**self.params)
        if self.more:
            message = templates["more_lines"].format(message=message, more=self.more)
        if self.line == 0:
            return message[:1].upper() + message[1:]
        line, column = (LINE_EN, COLUMN_EN) if language.startswith("en") else (LINE_SV, COLUMN_SV)
        where = line.format(line=self.line) + (
            column.format(column=self.column) if self.column else ""
        )
        return f"{where}: {message}"


class Rejected(Exception):
    """Input refused as a whole; nothing is computed or stored."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.line, p.column))
        super().__init__("\n".join(p.text() for p in self.problems))
