"""What the fleet page says to a reader, on data made here: a clean-vehicle period that is still
running says so beside the share, a unit with no vehicles in service says that (not that all its
vehicles are fossil-free), the unchecked target shares are worded for a user, the page links to
the vehicle register, the fuel-use page and each vehicle to replace, the verdict says it is a plan
vehicle by vehicle, the numeric tables have short headers and numbers that do not break, and the
fuel-use page points at nothing the user cannot open."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from nettonoll.organisations.models import Node, Role
from nettonoll.registers.models import Vehicle
from tests.factories import NodeFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def vehicle(
    node: Node, reg_no: str, energy: str, start: datetime.date, **fields: object
) -> Vehicle:
    return Vehicle.objects.create(
        organisation=node.organisation,
        node=node,
        reg_no=reg_no,
        vehicle_type=fields.pop("vehicle_type", "personbil"),
        ownership=fields.pop("ownership", "ägd"),
        energy=energy,
        valid_from=start,
        **fields,
    )


@pytest.fixture
def world() -> dict[str, Node]:
    """Region W: unit F with a petrol car and an electric car (both acquired this year), unit E
    with all vehicles electric, unit N with no vehicle in service (one that left last year)."""
    region = NodeFactory(name="Region Ord")
    f = NodeFactory(parent=region, name="Enhet F")
    e = NodeFactory(parent=region, name="Enhet E")
    n = NodeFactory(parent=region, name="Enhet N")
    start = TODAY.replace(month=1, day=1)
    vehicle(f, "WRD101", "bensin", start, co2_g_per_km=120)
    vehicle(f, "WRD102", "el", start, co2_g_per_km=0)
    vehicle(e, "WRD201", "el", datetime.date(2020, 3, 1), co2_g_per_km=0)
    vehicle(n, "WRD301", "diesel", datetime.date(2019, 1, 1), valid_to=start)
    return {"region": region, "f": f, "e": e, "n": n}


def page(world: dict[str, Node], node: str, **query: str) -> str:
    client = Client()
    client.force_login(UserFactory(roles=[(world["region"], Role.READER)]))
    url = f"/org/{world['region'].organisation.code}/fordonsflotta/"
    response = client.get(url, {"node": world[node].code, **query})
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_clean_vehicle_period_still_running_says_so_beside_the_share(
    world: dict[str, Node],
) -> None:
    running = f"perioden pågår: anskaffningar t.o.m. {TODAY.isoformat()}"
    html = page(world, "f")  # the default period: this calendar year, ending after today
    if TODAY.month == 12 and TODAY.day == 31:
        pytest.skip("the calendar year ends today")
    row = re.search(r"<th scope=\"row\">Lätta fordon.*?</tr>", html)
    assert row is not None
    assert "50,0 %" in text(row.group(0))
    assert running in text(row.group(0))
    # a period that has ended says nothing of the kind
    last_year = TODAY.year - 1
    ended = page(world, "f", period_from=f"{last_year}-01-01", period_to=f"{last_year}-12-31")
    assert "perioden pågår" not in ended
    # nor does one in the future, which has not begun
    later = TODAY.year + 1
    future = page(world, "f", period_from=f"{later}-01-01", period_to=f"{later}-12-31")
    assert "perioden pågår" not in future
    assert "perioden har inte börjat" in future


def test_a_unit_without_vehicles_in_service_says_it_has_none(world: dict[str, Node]) -> None:
    html = text(page(world, "n"))
    assert "Enheten har inga fordon i trafik" in html
    assert "alla fordon i trafik kan köras fossilfritt" not in html
    assert "Inga fordon att byta" not in html
    assert "Byt ägda fordon vid ålder" not in html  # no path to recalculate
    assert "Beräknad fossilfri andel per år" not in html
    # a unit whose vehicles are all fossil-free still says so
    electric = text(page(world, "e"))
    assert "Inga fordon att byta: alla fordon i trafik kan köras fossilfritt." in electric
    assert "Når 100 % år" in electric


def test_unchecked_target_shares_are_worded_for_a_user(world: dict[str, Node]) -> None:
    html = text(page(world, "f"))
    assert "att kontrollera:" not in html
    assert "Målandelen 15 % är inte bekräftad mot lagtexten; kontrollera innan den används." in html


def test_the_page_links_to_the_register_the_fuel_use_and_each_vehicle_to_replace(
    world: dict[str, Node],
) -> None:
    org = world["region"].organisation.code
    code = world["f"].code
    html = page(world, "f")
    register = reverse("registers:list", args=[org, "fordon"]) + f"?node={code}"
    fuel = reverse("fuel:use", args=[org]) + f"?node={code}"
    assert f'href="{register}"' in html
    assert f'href="{fuel}"' in html
    petrol = Vehicle.objects.get(reg_no="WRD101")
    detail = reverse(
        "registers:detail", kwargs={"org_code": org, "slug": "fordon", "pk": petrol.pk}
    )
    assert f'<a href="{detail}">WRD101</a>' in html
    # the reader may open it
    client = Client()
    client.force_login(UserFactory(roles=[(world["f"], Role.READER)]))
    assert client.get(detail).status_code == 200


def test_the_verdict_says_it_is_a_plan_vehicle_by_vehicle_not_a_trend(
    world: dict[str, Node],
) -> None:
    html = text(page(world, "f"))
    verdict = re.search(r"Når inte målet 2030: 1 fordon kvar\.(.*?)Antaganden", html)
    assert verdict is not None
    assert "plan fordon för fordon" in verdict.group(1)
    assert "trend" in verdict.group(1)
    assert "plan fordon för fordon" not in text(page(world, "n"))


def test_the_numeric_tables_have_short_headers_and_numbers_that_do_not_break(
    world: dict[str, Node],
) -> None:
    html = page(world, "f")
    shares = re.search(r"<table class=\"fleet-numbers\">.*?</table>", html)
    assert shares is not None
    assert '<abbr title="Kan köras fossilfritt (regeln fossilfri-drift)">' in shares.group(0)
    assert "Fossiloberoende (Miljöfordons" not in shares.group(0)
    assert html.count('class="fleet-numbers"') == 2  # the shares and the path to 2030
    assert html.count('class="fleet-pair"') == 2
    # the clean-vehicle share keeps its number and % together
    assert '<span class="number">50,0 %</span>' in html


def test_the_fuel_use_page_points_at_nothing_the_user_cannot_open(world: dict[str, Node]) -> None:
    client = Client()
    client.force_login(UserFactory(roles=[(world["region"], Role.READER)]))
    org = world["region"].organisation.code
    html = client.get(reverse("fuel:use", args=[org]), {"node": world["f"].code})
    content = html.content.decode()
    assert "metodbeskrivning" not in content
    fleet = reverse("fleet:overview", args=[org]) + f"?node={world['f'].code}"
    assert f'href="{fleet}"' in content
    # every table sits in a scroll region, so a narrow screen does not scroll sideways
    assert content.count("<table") == content.count('class="table-scroll"')
