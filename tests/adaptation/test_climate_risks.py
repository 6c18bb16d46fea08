"""Climate risks per building and hazard: edited by contributors of the building's node with
their measures (plan activities) and history; the node's list of buildings at high risk under
the product's rule names the hazards that have no measure; a stale form is refused with what was
saved shown."""

import pytest
from django.test import Client

from nettonoll.adaptation.models import ClimateRisk
from nettonoll.estate.models import Building, BuildingShare
from nettonoll.organisations.models import Level, Node, Role
from nettonoll.plans.models import Activity
from tests.factories import NodeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root() -> Node:
    root = NodeFactory(code="R", name="Regionen")
    administration = NodeFactory(parent=root, code="F", level=Level.ADMINISTRATION)
    NodeFactory(parent=administration, code="E1", name="Vårdboendet")
    NodeFactory(parent=administration, code="E2", name="Skolan")
    for code, node, name in (("B-1", "E1", "Hus 1"), ("B-2", "E2", "Hus 2")):
        Building.objects.create(
            organisation=root.organisation,
            node=Node.objects.get(code=node),
            building_code=code,
            name=name,
            atemp_m2=1000,
            ownership="ägd",
        )
    return root


def client_for(node: Node, role: Role) -> Client:
    client = Client()
    client.force_login(UserFactory(roles=[(node, role)]))
    return client


def url(root: Node, code: str, hazard: str = "") -> str:
    pk = Building.objects.get(building_code=code).pk
    return f"/org/{root.organisation.code}/klimatrisker/byggnad/{pk}/" + (
        f"{hazard}/" if hazard else ""
    )


def test_a_contributor_assesses_a_hazard_with_measures_and_history(root: Node) -> None:
    e1 = Node.objects.get(code="E1")
    shade = Activity.objects.create(node=e1, title="Solavskärmning på södersidan")
    Activity.objects.create(node=Node.objects.get(code="E2"), title="Skolans aktivitet")
    client = client_for(e1, Role.CONTRIBUTOR)
    form = client.get(url(root, "B-1", "varmebolja")).content.decode()
    assert "Solavskärmning på södersidan" in form and "Skolans aktivitet" not in form
    saved = client.post(
        url(root, "B-1", "varmebolja"),
        {
            "likelihood": "3",
            "consequence": "2",
            "vulnerable_use": "on",
            "note": "Äldreboende, söderfasad",
            "measures": [str(shade.pk)],
            "version": "0",
        },
    )
    assert saved.status_code == 302
    risk = ClimateRisk.objects.get(building__organisation=root.organisation)
    assert (risk.hazard, risk.likelihood * risk.consequence) == ("värmebölja", 6)
    assert list(risk.measures.all()) == [shade] and risk.history.count() >= 1
    page = client.get(url(root, "B-1")).content.decode()
    assert "Värmebölja" in page and "hög" in page and "Solavskärmning" in page
    stale = client.post(
        url(root, "B-1", "varmebolja"),
        {"likelihood": "1", "consequence": "1", "version": "0"},
    )
    assert stale.status_code == 409
    assert ClimateRisk.objects.get(building__organisation=root.organisation).likelihood == 3


def test_only_contributors_of_the_buildings_node_edit(root: Node) -> None:
    other_unit = client_for(Node.objects.get(code="E2"), Role.CONTRIBUTOR)
    assert other_unit.get(url(root, "B-1", "skyfall")).status_code == 404
    reader = client_for(root, Role.READER)
    assert reader.get(url(root, "B-1", "skyfall")).status_code == 403
    assert reader.get(url(root, "B-1")).status_code == 200


def test_the_high_risk_list_names_hazards_without_a_measure(root: Node) -> None:
    b1, b2 = Building.objects.get(building_code="B-1"), Building.objects.get(building_code="B-2")
    pump = Activity.objects.create(node=Node.objects.get(code="E2"), title="Backventil")
    ClimateRisk.objects.create(building=b1, hazard="värmebölja", likelihood=3, consequence=2,
                               vulnerable_use=True)  # fmt: skip
    flood = ClimateRisk.objects.create(building=b2, hazard="skyfall", likelihood=3, consequence=3)
    flood.measures.add(pump)
    ClimateRisk.objects.create(building=b2, hazard="översvämning", likelihood=4, consequence=4)
    ClimateRisk.objects.create(building=b2, hazard="ras/skred", likelihood=2, consequence=4)  # 8
    page = client_for(root, Role.READER).get(f"/org/{root.organisation.code}/klimatrisker/")
    text = page.content.decode()
    assert page.status_code == 200
    high = text.split("Byggnader med hög risk")[1].split("Alla byggnader")[0]
    assert high.index("Hus 2") < high.index("Hus 1")  # 16 before 6
    assert "Översvämning (16), Skyfall (9)" in high and "Ras och skred" not in high
    assert "Värmebölja (6)" in high and "känslig verksamhet" in high
    # B-2's flooding has no measure, its cloudburst has one
    row = high.split("Hus 2")[1].split("</tr>")[0]
    assert "Översvämning</span>" in row and "Skyfall</span>" not in row
    e1 = client_for(root, Role.READER).get(f"/org/{root.organisation.code}/klimatrisker/?node=E1")
    assert "Hus 2" not in e1.content.decode()


def test_a_shared_building_is_listed_for_the_unit_sharing_it(root: Node) -> None:
    BuildingShare.objects.create(
        building=Building.objects.get(building_code="B-2"),
        node=Node.objects.get(code="E1"),
        share_pct=30,
    )
    client = client_for(Node.objects.get(code="E1"), Role.READER)
    text = client.get(f"/org/{root.organisation.code}/klimatrisker/").content.decode()
    assert "Hus 2" in text
    # the unit cannot open the other unit's building: shown without a link
    assert url(root, "B-2") not in text


RISKS = """building_code;hazard;likelihood;consequence;vulnerable_use;note
B-1;värmebölja;3;2;ja;Söderfasad
B-1;Skyfall;2;2;;
B-2;ras;1;4;nej;
"""


def test_climate_risks_import_by_building_and_hazard_and_export_back(root: Node) -> None:
    from nettonoll.calc.problems import Rejected
    from nettonoll.registers.tables import table_import, table_rows

    def load(text: str) -> object:
        return table_import(
            "climate-risks",
            organisation_code=root.organisation.code,
            data=text.encode("cp1252"),
            filename="risker.csv",
        )

    assert load(RISKS).created == 3  # type: ignore[attr-defined]
    heat = ClimateRisk.objects.get(building__building_code="B-1", hazard="värmebölja")
    assert (heat.likelihood, heat.consequence, heat.vulnerable_use) == (3, 2, True)
    again = load(RISKS.replace("B-1;Skyfall;2;2", "B-1;Skyfall;3;3"))
    assert (again.created, again.updated, again.unchanged) == (0, 1, 2)  # type: ignore[attr-defined]
    rows = table_rows("climate-risks", root.organisation)
    assert ["B-1", "värmebölja", 3, 2, "ja", "Söderfasad"] in rows
    with pytest.raises(Rejected) as refused:
        load(RISKS + "B-9;tornado;5;0;kanske;\n")
    where = {(p.line, p.column) for p in refused.value.problems}
    assert {(5, "building_code"), (5, "hazard"), (5, "likelihood"), (5, "consequence"),
            (5, "vulnerable_use")} <= where  # fmt: skip
