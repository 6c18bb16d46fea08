"""Bad files refused with a Swedish problem before they can end a process or reach the database:
spreadsheet bombs (declared dimensions, far cells, uncompressed sizes), huge CSV cells, headers
given twice, values longer than their model field, absurd quantities and periods."""

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nettonoll.calc import spreadsheets
from nettonoll.calc.factors import FactorTable, default_factors
from nettonoll.calc.inventory import klimatbokslut, read_activity_table
from nettonoll.calc.problems import Rejected
from nettonoll.common.tabular import read_table
from nettonoll.emissions.services import activity_data_import
from nettonoll.organisations.models import Node, Organisation

ROW_1 = '<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row>'
FAR_CELL = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
    'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
    'worksheet+xml"/></Types>'
)
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook(dimension: str, cells: str, padding: int = 0) -> bytes:
    """A real XLSX, written by hand so that its sheet can declare any dimension."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument"'
            ' Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="Blad1" sheetId="1"'
            ' r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/worksheet"'
            ' Target="worksheets/sheet1.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{MAIN}"><dimension ref="{dimension}"/><sheetData>{cells}'
            f"</sheetData>{' ' * padding}</worksheet>",
        )
    return buffer.getvalue()


def codes(caught: pytest.ExceptionInfo[Rejected]) -> list[str]:
    return [g.problem.code for g in caught.value.groups]


def test_a_small_workbook_is_still_read() -> None:
    data = workbook(
        "A1:B2", ROW_1 + '<row r="2"><c r="A2" t="inlineStr"><is><t>K1</t></is></c></row>'
    )
    assert [r.values["code"] for r in read_table(data, "x.xlsx", required=["code"]).rows] == ["K1"]


def test_a_2_kb_workbook_declaring_the_whole_sheet_is_refused_before_parsing() -> None:
    data = workbook("A1:XFD1048576", ROW_1)
    assert len(data) < 2048
    with pytest.raises(Rejected) as caught:
        read_table(data, "bomb.xlsx", required=["code"])
    assert codes(caught) == ["file_too_large"]
    assert caught.value.groups[0].text() == (
        "Arbetsboken är för stor: 16384 kolumner (högst 1000); dela upp filen"
    )
    with pytest.raises(Rejected) as caught:
        read_activity_table(data)
    assert codes(caught) == ["file_too_large"]


SCRIPT = """
import sys
from nettonoll.calc.inventory import read_activity_table
from nettonoll.calc.problems import Rejected
from nettonoll.common.tabular import read_table
data = open(sys.argv[1], "rb").read()
for read in (lambda: read_table(data, "bomb.xlsx", required=["code"]), lambda: read_activity_table(data)):
    try:
        read()
    except Rejected as rejected:
        print(rejected.groups[0].problem.code)
"""


def test_a_workbook_with_a_cell_in_the_last_corner_cannot_end_the_process(tmp_path: Path) -> None:
    """Unchecked, the reader asks for 512 GiB for this 2 KB file and the process aborts
    (SIGABRT); it is read in a child process so that the test suite survives a regression."""
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(workbook("A1", ROW_1 + FAR_CELL))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(bomb)], capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stdout.split()) == (0, ["file_too_large", "file_too_large"])


def test_uncompressed_sizes_are_checked_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheets, "MAX_UNCOMPRESSED", 1024 * 1024)
    data = workbook("A1", ROW_1, padding=2 * 1024 * 1024)  # 2 MB of spaces, a few KB zipped
    assert len(data) < 20_000
    with pytest.raises(Rejected) as caught:
        read_table(data, "x.xlsx", required=["code"])
    assert codes(caught) == ["file_too_large"]


def test_a_csv_cell_over_the_csv_modules_limit_is_a_problem_with_its_line() -> None:
    data = b"code,name\nA,a\nB," + b"x" * 140_000 + b"\n"
    with pytest.raises(Rejected) as caught:
        read_table(data, "x.csv", required=["code", "name"])
    assert [(g.problem.code, g.first_line) for g in caught.value.groups] == [("cell_too_long", 3)]


def test_a_header_given_twice_in_another_case_is_refused() -> None:
    with pytest.raises(Rejected) as caught:
        read_table(b"code,name,Code\nA,a,B\n", "x.csv", required=["code", "name"])
    assert [g.text() for g in caught.value.groups] == ["rad 1: rubriken code finns flera gånger"]
    with pytest.raises(Rejected) as caught:
        read_activity_table(b"org_unit,category,period,quantity,unit,UNIT\nA,b,2024,1,l,l\n")
    assert codes(caught) == ["header_repeated"]


def test_values_longer_than_their_field_are_refused_with_line_and_column() -> None:
    data = b"code,name\nA,a\n" + b"B" * 51 + b",b\n"
    with pytest.raises(Rejected) as caught:
        read_table(data, "x.csv", required=["code", "name"], lengths={"code": 50})
    assert [g.text() for g in caught.value.groups] == [
        "rad 3, kolumn code: värdet har 51 tecken (högst 50)"
    ]


HEADER = "org_unit,category,period,quantity,unit\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("A,fuel.diesel,2024,1e308,l", "rad 2, kolumn quantity: mängden 1e+308 är orimligt stor"),
        ("A,fuel.diesel,9999-12-31,1,l", "rad 2, kolumn period: perioden '9999-12-31' ligger"),
        ("A,fuel.diesel,2099,1,l", "rad 2, kolumn period: perioden '2099' ligger utanför"),
    ],
)
def test_absurd_quantities_and_periods_are_refused_with_line_and_column(
    line: str, expected: str
) -> None:
    with pytest.raises(Rejected) as caught:
        klimatbokslut((HEADER + line + "\n").encode(), FactorTable(default_factors()))
    assert caught.value.groups[0].text().startswith(expected)


def test_large_sums_stay_finite_and_the_result_is_valid_json() -> None:
    lines = "".join("A,fuel.diesel,2024,999999999999,l\n" for _ in range(1000))
    _results, summary = klimatbokslut((HEADER + lines).encode(), FactorTable(default_factors()))
    assert json.loads(json.dumps(summary.__dict__, allow_nan=False))["total_t_co2e"] > 0


# --- through the web and the database (both SQLite and PostgreSQL) ---------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"code;name;parent_code;level\nNY1;" + b"x" * 140_000 + b";RS-SERV;enhet\n",
            "rad 2: cellen har &gt; 131072 tecken (högst 32767)",
        ),
        (
            b"code;name;parent_code;level;Code\nNY1;Ny;RS-SERV;enhet;NY1\n",
            "rad 1: rubriken code finns flera gånger",
        ),
        (
            b"code;name;parent_code;level\n" + b"N" * 51 + b";Ny;RS-SERV;enhet\n",
            "rad 2, kolumn code: värdet har 51 tecken (högst 50)",
        ),
    ],
)
def test_bad_tree_files_are_a_swedish_problem_not_a_server_error(
    client_as: Callable[[str], Client], data: bytes, expected: str
) -> None:
    before = Node.objects.count()
    upload = SimpleUploadedFile("träd.csv", data, content_type="text/csv")
    response = client_as("strategist").post("/org/RJH/import/", {"file": upload})
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert Node.objects.count() == before


ACTIVITIES = "org_unit,category,period,quantity,unit\nRS-SERV-FORD,fuel.diesel,2025-01,1000,l\n"


@pytest.mark.django_db
def test_the_same_rows_with_another_header_case_or_line_ending_are_a_duplicate(demo: None) -> None:
    organisation = Organisation.objects.get(code="RJH")
    activity_data_import(organisation=organisation, data=ACTIVITIES.encode(), filename="a.csv")
    for variant in (
        ACTIVITIES.replace("org_unit,category", "ORG_UNIT,Category"),
        ACTIVITIES.replace("\n", "\r\n"),
        "\ufeff" + ACTIVITIES.replace(",", ";"),
    ):
        with pytest.raises(Rejected) as caught:
            activity_data_import(organisation=organisation, data=variant.encode(), filename="b.csv")
        assert codes(caught) == ["file_already_imported"]
    other = ACTIVITIES.replace("1000", "1001")
    activity_data_import(organisation=organisation, data=other.encode(), filename="c.csv")
